//! The curated word lists from `models/segment/`, embedded at compile time.

use newsquotes_document::hash::FnvMap;
use std::sync::OnceLock;

const TITLES: &str = include_str!("../../../models/segment/titles.txt");
const ABBREVIATIONS: &str = include_str!("../../../models/segment/abbreviations.txt");
const FINAL: &str = include_str!("../../../models/segment/final_abbreviations.txt");
const STARTERS: &str = include_str!("../../../models/segment/sentence_starters.txt");

/// Longest word (in bytes) looked up in the lists; longer words are never abbreviations.
pub(crate) const MAX_ABBREVIATION_LEN: usize = 16;

/// Titles before names ("Mr", "Gen"): their period never ends a sentence.
pub(crate) const TITLE: u8 = 1;
/// Other abbreviations ("Inc", "Jan"): their period ends a sentence only before a starter.
pub(crate) const ABBREVIATION: u8 = 2;
/// Abbreviations that usually end their sentence ("etc"): their period ends a sentence before
/// any capital.
pub(crate) const FINAL_ABBREVIATION: u8 = 4;
/// Words that typically open a sentence ("The", "He", "But").
pub(crate) const STARTER: u8 = 8;

type Map = FnvMap<Box<str>, u8>;

/// All lists in two maps from word to class bits, following the case rules of the list files:
/// an entry written in lowercase matches in any case; an entry with capitals matches as written
/// or in all capitals.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    exact: Map,
    any_case: Map,
}

impl Lexicon {
    fn add(&mut self, source: &str, class: u8) {
        for line in source.lines() {
            let entry = line.trim();
            if entry.is_empty() || entry.starts_with('#') {
                continue;
            }
            if entry.chars().any(char::is_uppercase) {
                *self.exact.entry(entry.into()).or_default() |= class;
                *self.exact.entry(entry.to_uppercase().into()).or_default() |= class;
            } else {
                *self.any_case.entry(entry.into()).or_default() |= class;
            }
        }
    }

    /// The class bits of `word` (0 when it is on no list).
    pub(crate) fn classes(&self, word: &str) -> u8 {
        if word.is_empty() || word.len() > MAX_ABBREVIATION_LEN {
            return 0;
        }
        let mut bits = self.exact.get(word).copied().unwrap_or(0);
        if word.bytes().all(|b| !b.is_ascii_uppercase()) {
            bits |= self.any_case.get(word).copied().unwrap_or(0);
        } else if word.is_ascii() {
            let mut buf = [0u8; MAX_ABBREVIATION_LEN];
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            if let Ok(w) = std::str::from_utf8(lower) {
                bits |= self.any_case.get(w).copied().unwrap_or(0);
            }
        } else {
            bits |= self
                .any_case
                .get(word.to_lowercase().as_str())
                .copied()
                .unwrap_or(0);
        }
        bits
    }

    /// True when `word` is on the list(s) of `class`.
    pub(crate) fn is(&self, word: &str, class: u8) -> bool {
        self.classes(word) & class != 0
    }
}

/// The embedded lexicon, parsed once.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut lex = Lexicon::default();
        lex.add(TITLES, TITLE);
        lex.add(ABBREVIATIONS, ABBREVIATION);
        lex.add(FINAL, FINAL_ABBREVIATION);
        lex.add(STARTERS, STARTER);
        lex
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_follow_case_rules() {
        let lex = lexicon();
        assert!(lex.exact.len() + lex.any_case.len() > 300);
        for w in ["Mr", "MR", "mr", "Gen", "GEN", "P.S"] {
            assert!(lex.is(w, TITLE), "{w}");
        }
        assert!(!lex.is("gen", TITLE));
        for w in ["Inc", "etc", "Etc", "No", "NO", "Jan"] {
            assert!(lex.is(w, ABBREVIATION | FINAL_ABBREVIATION), "{w}");
        }
        assert!(lex.is("etc", FINAL_ABBREVIATION));
        assert!(!lex.is("no", ABBREVIATION));
        assert!(!lex.is("May", ABBREVIATION));
        assert!(lex.is("The", STARTER));
        assert!(lex.is("THE", STARTER));
        assert!(!lex.is("the", STARTER));
        assert!(!lex.is("Smith", STARTER));
        assert_eq!(lex.classes(""), 0);
        assert_eq!(lex.classes("averyveryverylongword"), 0);
        assert_eq!(lex.classes("Straße"), 0);
    }
}
