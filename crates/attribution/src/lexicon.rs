//! The curated resources the sieves use: reporting cues, pronouns, speaker nouns and the
//! first-name gender table. All are plain-text tables under `models/attribution/`, embedded at
//! compile time and parsed once.

use std::sync::OnceLock;

use newsquotes_document::Gender;

const CUES: &str = include_str!("../../../models/attribution/cues.tsv");
const PRONOUNS: &str = include_str!("../../../models/attribution/pronouns.tsv");
const NOUNS: &str = include_str!("../../../models/attribution/nouns.tsv");
const NAMES: &str = include_str!("../../../models/attribution/first_names.tsv");

/// The lexicon is looked up for nearly every token: FNV maps.
pub(crate) type Map<K, V> = newsquotes_document::hash::FnvMap<K, V>;

/// How strongly a cue word signals reported speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    /// Cognition verbs ("believe"): need an explicit "that".
    Weak,
    /// Speech verbs used with quotation marks or an explicit "that" ("joked", "called").
    Direct,
    /// Speech verbs that introduce reported clauses on their own ("said", "claimed").
    Strong,
}

/// A single-word verb cue.
#[derive(Clone, Copy, Debug)]
pub(crate) struct VerbCue {
    /// Index of the lemma in [`Lexicon::lemmas`].
    pub lemma: usize,
    pub strength: Strength,
    /// Takes a hearer before the clause ("told him that").
    pub takes_object: bool,
}

/// Class of a speaker noun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NounClass {
    Title(Gender),
    Person(Gender),
    Group,
    Org,
}

/// Person, number and gender of a pronoun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pronoun {
    pub person: u8,
    pub plural: bool,
    pub gender: Gender,
    /// Subject form ("he", "they").
    pub subject: bool,
}

/// All resources, parsed.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub lemmas: Vec<String>,
    pub verbs: Map<String, VerbCue>,
    /// Verb form → particles it takes as a phrasal cue ("pointed" → ["out"]).
    pub phrasals: Map<String, Vec<String>>,
    /// Multi-word cue phrases ("according to", "in a statement"), as lower-case word sequences.
    pub phrases: Vec<Vec<String>>,
    /// Indices into `phrases` by first word.
    pub phrase_index: Map<String, Vec<usize>>,
    /// Reporting nouns ("statement", "claims").
    pub nouns: Map<String, usize>,
    pub pronouns: Map<String, Pronoun>,
    pub speaker_nouns: Map<String, NounClass>,
    pub names: Map<String, Gender>,
}

fn rows(table: &str) -> impl Iterator<Item = Vec<&str>> {
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

impl Lexicon {
    /// The shared, lazily parsed lexicon.
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Lexicon::parse)
    }

    fn parse() -> Lexicon {
        let mut lex = Lexicon {
            lemmas: Vec::new(),
            verbs: Map::default(),
            phrasals: Map::default(),
            phrases: Vec::new(),
            phrase_index: Map::default(),
            nouns: Map::default(),
            pronouns: Map::default(),
            speaker_nouns: Map::default(),
            names: Map::default(),
        };
        for r in rows(CUES) {
            let [lemma, pos, strength, frame, forms] = r[..] else {
                continue;
            };
            let strength = match strength {
                "weak" => Strength::Weak,
                "direct" => Strength::Direct,
                _ => Strength::Strong,
            };
            let id = lex.lemmas.len();
            lex.lemmas.push(lemma.to_owned());
            match pos {
                "verb" => {
                    for f in forms.split(' ') {
                        let cue = VerbCue {
                            lemma: id,
                            strength,
                            takes_object: frame == "obj",
                        };
                        // A form shared by two lemmas keeps the stronger reading.
                        let e = lex.verbs.entry(f.to_owned()).or_insert(cue);
                        if cue.strength > e.strength {
                            *e = cue;
                        }
                    }
                }
                "noun" => {
                    for f in forms.split(' ') {
                        lex.nouns.insert(f.to_owned(), id);
                    }
                }
                "phrasal" => {
                    let words: Vec<&str> = forms.split(' ').collect();
                    if let Some((particle, verbs)) = words.split_last() {
                        for v in verbs {
                            lex.phrasals
                                .entry((*v).to_owned())
                                .or_default()
                                .push((*particle).to_owned());
                        }
                    }
                }
                _ => lex
                    .phrases
                    .push(forms.split(' ').map(str::to_owned).collect()),
            }
        }
        for (k, p) in lex.phrases.iter().enumerate() {
            lex.phrase_index.entry(p[0].clone()).or_default().push(k);
        }
        for r in rows(PRONOUNS) {
            let [form, person, number, gender, case] = r[..] else {
                continue;
            };
            let gender = match gender {
                "m" => Gender::Male,
                "f" => Gender::Female,
                "n" => Gender::Neuter,
                _ => Gender::Unknown,
            };
            lex.pronouns.insert(
                form.to_owned(),
                Pronoun {
                    person: person.parse().unwrap_or(3),
                    plural: number == "pl",
                    gender,
                    subject: case == "subj",
                },
            );
        }
        for r in rows(NOUNS) {
            let [word, class] = r[..] else { continue };
            let class = match class {
                "title-m" => NounClass::Title(Gender::Male),
                "title-f" => NounClass::Title(Gender::Female),
                "title" => NounClass::Title(Gender::Unknown),
                "person-m" => NounClass::Person(Gender::Male),
                "person-f" => NounClass::Person(Gender::Female),
                "person" => NounClass::Person(Gender::Unknown),
                "group" => NounClass::Group,
                _ => NounClass::Org,
            };
            // The first class listed for a word wins (titles before person nouns).
            lex.speaker_nouns.entry(word.to_owned()).or_insert(class);
        }
        for r in rows(NAMES) {
            if let [name, g, ..] = r[..] {
                let g = if g == "F" {
                    Gender::Female
                } else {
                    Gender::Male
                };
                lex.names.insert(name.to_owned(), g);
            }
        }
        lex
    }

    /// The verb cue for a lower-case word form.
    pub fn verb(&self, w: &str) -> Option<VerbCue> {
        self.verbs.get(w).copied()
    }

    /// The multi-word cue phrases starting with the lower-case word `w`.
    pub fn phrases_from<'a>(&'a self, w: &str) -> impl Iterator<Item = &'a Vec<String>> + 'a {
        self.phrase_index
            .get(w)
            .into_iter()
            .flatten()
            .map(|&k| &self.phrases[k])
    }

    /// The speaker-noun class of a lower-case word, or of its singular ("officials" →
    /// "official").
    pub fn speaker_noun(&self, w: &str) -> Option<NounClass> {
        self.speaker_nouns
            .get(w)
            .or_else(|| self.speaker_nouns.get(w.trim_end_matches('s')))
            .copied()
    }

    /// True for a title word ("mr", "president").
    pub fn is_title(&self, w: &str) -> bool {
        matches!(self.speaker_nouns.get(w), Some(NounClass::Title(_)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_has_about_two_hundred_cues_with_forms() {
        let lex = Lexicon::get();
        assert!(lex.lemmas.len() >= 200, "{} lemmas", lex.lemmas.len());
        let said = lex.verb("said").unwrap();
        assert_eq!(lex.lemmas[said.lemma], "say");
        assert_eq!(said.strength, Strength::Strong);
        assert!(lex.verb("told").unwrap().takes_object);
        assert_eq!(lex.verb("believes").unwrap().strength, Strength::Weak);
        assert!(lex.phrasals["pointed"].contains(&"out".to_owned()));
        assert!(lex
            .phrases
            .iter()
            .any(|p| p == &["according".to_owned(), "to".to_owned()]));
    }

    #[test]
    fn tables_load() {
        let lex = Lexicon::get();
        assert_eq!(lex.pronouns["she"].gender, Gender::Female);
        assert!(lex.pronouns["they"].plural);
        assert_eq!(lex.names.get("hillary"), Some(&Gender::Female));
        assert_eq!(lex.names.get("donald"), Some(&Gender::Male));
        assert_eq!(
            lex.speaker_nouns.get("mother"),
            Some(&NounClass::Person(Gender::Female))
        );
        assert!(lex.is_title("mrs"));
    }
}
