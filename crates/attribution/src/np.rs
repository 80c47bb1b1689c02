//! Noun-phrase chunking around cues, from tokens, entities, capitalisation and a few closed word
//! classes (no part-of-speech tagger): enough to find "he", "Grace Adeyemi", "Mr. Hill", "the
//! soldier's mother", "a wife of a soldier", "Ukraine's ministry of foreign affairs" and "Nato".

use std::ops::Range;

use newsquotes_document::{EntityLabel, MentionKind};

use crate::ctx::Ctx;
use crate::lexicon::{Lexicon, NounClass};

/// Words that cannot be part of a speaker noun phrase (verbs, auxiliaries, conjunctions,
/// prepositions other than "of", relative pronouns...).
const STOP: &[&str] = &[
    "is",
    "was",
    "were",
    "are",
    "am",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "having",
    "will",
    "would",
    "can",
    "could",
    "should",
    "shall",
    "may",
    "might",
    "must",
    "do",
    "does",
    "did",
    "and",
    "or",
    "but",
    "nor",
    "so",
    "yet",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "when",
    "where",
    "why",
    "how",
    "whether",
    "if",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "as",
    "about",
    "into",
    "onto",
    "than",
    "after",
    "before",
    "over",
    "under",
    "while",
    "because",
    "although",
    "though",
    "since",
    "until",
    "during",
    "against",
    "without",
    "within",
    "through",
    "not",
    "n't",
    "also",
    "then",
    "there",
    "here",
    "it",
    "its",
    "this",
    "these",
    "those",
    "such",
    "very",
    "just",
    "only",
    "even",
    "still",
    "already",
    "now",
    "once",
    "again",
    "too",
    "however",
    "meanwhile",
    "instead",
    "yes",
    "no",
    "like",
    "unlike",
    "per",
    "via",
    "toward",
    "towards",
    "upon",
    "among",
    "between",
    "around",
    "across",
    "behind",
    "beyond",
    "near",
    "off",
    "out",
    "up",
    "down",
    "all",
    "both",
    "each",
    "every",
    "any",
    "some",
    "many",
    "much",
    "more",
    "most",
    "few",
    "less",
    "least",
    "'s",
    "'",
    "'d",
    "'ll",
    "'re",
    "'ve",
    "'m",
    "ca",
    "wo",
    "got",
    "get",
    "gets",
    "made",
    "make",
    "did",
    "went",
    "go",
    "came",
    "come",
    "took",
    "take",
    "let",
];

/// Determiners and possessive pronouns that open a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "another", "his", "her", "their", "our", "my", "your", "its", "this", "that",
    "these", "those", "one", "two", "three", "several", "some", "many", "other", "both", "each",
    "every", "no", "any",
];

/// Adverbs, auxiliaries and time words that may stand between a subject and its cue.
pub(crate) const SKIP: &[&str] = &[
    "also",
    "later",
    "earlier",
    "previously",
    "reportedly",
    "allegedly",
    "has",
    "have",
    "had",
    "would",
    "could",
    "will",
    "can",
    "may",
    "might",
    "should",
    "did",
    "does",
    "do",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "being",
    "heard",
    "then",
    "recently",
    "once",
    "repeatedly",
    "publicly",
    "privately",
    "quickly",
    "further",
    "again",
    "even",
    "now",
    "still",
    "just",
    "never",
    "not",
    "n't",
    "'d",
    "'s",
    "'ll",
    "often",
    "always",
    "simply",
    "flatly",
    "angrily",
    "calmly",
    "quietly",
    "loudly",
    "bluntly",
    "frankly",
    "openly",
    "separately",
    "similarly",
    "yesterday",
    "today",
    "tonight",
    "already",
    "ultimately",
    "initially",
    "subsequently",
    "apparently",
    "immediately",
    "finally",
    "first",
    "last",
    "this",
    "week",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "weekend",
    "on",
    "in",
    "at",
    "late",
    "early",
    "told",
    "went",
    "to",
    "go",
];

const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan.",
    "feb.",
    "aug.",
    "sept.",
    "sep.",
    "oct.",
    "nov.",
    "dec.",
];

pub(crate) fn is_stop(w: &str) -> bool {
    STOP.contains(&w)
}

pub(crate) fn is_time(w: &str) -> bool {
    TIME_WORDS.contains(&w) || SKIP.contains(&w)
}

fn is_det(w: &str) -> bool {
    DETERMINERS.contains(&w)
}

/// A noun phrase found: its tokens and kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Np {
    pub toks: Range<usize>,
    pub kind: MentionKind,
}

/// True when the token may sit inside a noun phrase.
fn np_word(ctx: &Ctx, lex: &Lexicon, i: usize, cue_ok: bool) -> bool {
    let w = ctx.low[i].as_str();
    if ctx.ent[i].is_some() {
        return true;
    }
    if !ctx.is_word(i) {
        // Symbols glued to letters are mis-decoded names ("FranÃ§ois").
        let glued = ctx.kind(i) == newsquotes_document::TokenKind::Symbol
            && i > 0
            && i + 1 < ctx.len()
            && ctx.toks[i - 1].span.end == ctx.toks[i].span.start
            && ctx.toks[i].span.end == ctx.toks[i + 1].span.start;
        // The period of an initial ("John F. Kennedy") belongs to the name.
        let initial = w == "."
            && i > 0
            && ctx.is_cap(i - 1)
            && ctx.text(i - 1).chars().count() == 1
            && ctx.toks[i - 1].span.end == ctx.toks[i].span.start;
        return glued || w == "-" || w == "&" || w == "'s" || initial;
    }
    // "Per Holm", "Will Smith": a capitalised stop word followed by a capitalised word.
    let name_part = ctx.is_cap(i)
        && i + 1 < ctx.len()
        && ctx.is_cap(i + 1)
        && ctx.is_word(i + 1)
        && !lex.pronouns.contains_key(w)
        && !matches!(
            w,
            "when"
                | "while"
                | "after"
                | "before"
                | "if"
                | "as"
                | "since"
                | "because"
                | "although"
                | "though"
                | "but"
                | "and"
                | "so"
                | "then"
                | "once"
                | "until"
                | "unless"
                | "where"
                | "whereas"
                | "in"
                | "on"
                | "at"
                | "for"
                | "with"
        )
        && (i == 0 || !ctx.is_cap(i - 1) || ctx.ent[i].is_some() || ctx.is_word(i - 1));
    if (is_stop(w) && !name_part) || lex.pronouns.contains_key(w) {
        return false;
    }
    // A verb form right after a determiner or "of" is a noun ("the state", "a report",
    // "secretary of state").
    let after_det = i > 0
        && (is_det(ctx.low[i - 1].as_str()) || matches!(ctx.low[i - 1].as_str(), "'s" | "of"));
    if !cue_ok && !after_det && lex.verb(w).is_some() && !ctx.is_cap(i) {
        return false;
    }
    // Adverbs in -ly are not in speaker phrases ("only", "early", "family" are rare enough).
    !(w.ends_with("ly") && !ctx.is_cap(i) && w.len() > 4)
}

fn kind_of(ctx: &Ctx, lex: &Lexicon, r: &Range<usize>) -> MentionKind {
    if r.len() == 1 && lex.pronouns.contains_key(ctx.low[r.start].as_str()) {
        return MentionKind::Pronoun;
    }
    let last = r.end - 1;
    let named = ctx.ent[last].as_ref().is_some_and(|(l, _)| {
        matches!(
            l,
            EntityLabel::Per | EntityLabel::Org | EntityLabel::Misc | EntityLabel::Loc
        )
    });
    let first_det = is_det(ctx.low[r.start].as_str()) && ctx.low[r.start] != "the";
    if (named || ctx.is_cap(last)) && !first_det && !r.clone().any(|i| ctx.low[i] == "'s") {
        MentionKind::Name
    } else if ctx.low[r.start] == "the" && ctx.is_cap(last) && ctx.ent[last].is_some() {
        // "the Kremlin", "the New York Post"
        MentionKind::Name
    } else {
        MentionKind::Nominal
    }
}

/// A phrase over `toks` as a mention, its kind judged like the phrase finders do.
pub(crate) fn phrase(ctx: &Ctx, toks: Range<usize>) -> Np {
    let lex = Lexicon::get();
    Np {
        kind: kind_of(ctx, lex, &toks),
        toks,
    }
}

/// The noun phrase starting at token `i` and extending right (at most to `limit`).
pub(crate) fn forward(ctx: &Ctx, i: usize, limit: usize) -> Option<Np> {
    let lex = Lexicon::get();
    let limit = limit.min(ctx.len());
    if i >= limit {
        return None;
    }
    let w = ctx.low[i].as_str();
    if lex
        .pronouns
        .get(w)
        .is_some_and(|p| p.subject || w == "him" || w == "her")
    {
        return Some(Np {
            toks: i..i + 1,
            kind: MentionKind::Pronoun,
        });
    }
    if (!np_word(ctx, lex, i, false) && !is_det(w))
        || w == "of"
        || !ctx.is_word(i) && ctx.ent[i].is_none()
    {
        return None;
    }
    let mut j = i;
    let mut words = 0;
    while j < limit && words < 12 {
        let w = ctx.low[j].as_str();
        if j > i && ctx.para[j] != ctx.para[i] {
            break;
        }
        if let Some((_, r)) = &ctx.ent[j] {
            j = r.end.max(j + 1).min(limit);
            words += 1;
            continue;
        }
        if (j == i && is_det(w)) || (j > i && (w == "'s" || w == "'") && ctx.is_word(j - 1)) {
            j += 1;
            continue;
        }
        if w == "of" && j > i && j + 1 < limit {
            let nx = ctx.low[j + 1].as_str();
            if is_det(nx) || np_word(ctx, lex, j + 1, false) {
                j += 1;
                continue;
            }
            break;
        }
        if j > i && is_det(w) && ctx.low[j - 1] == "'s" {
            break;
        }
        if j > i && is_det(w) && ctx.low[j - 1] == "of" {
            j += 1;
            continue;
        }
        if j > i && is_det(w) {
            break;
        }
        if !np_word(ctx, lex, j, false) {
            break;
        }
        // "Rhodes shook his head": a lower-case word right after a name is usually its verb,
        // unless it names a person ("Trump aide", "Nato officials").
        // A country abbreviation is a modifier ("a former U.S. law enforcement official").
        let abbreviation = j > i && ctx.low[j - 1].matches('.').count() >= 2;
        if j > i
            && !abbreviation
            && ctx.is_cap(j - 1)
            && !is_det(ctx.low[j - 1].as_str())
            && ctx.is_word(j)
            && !ctx.is_cap(j)
            && ctx.ent[j].is_none()
            && lex.speaker_noun(w).is_none()
        {
            break;
        }
        // A lower-case word after a name ends the phrase ("Trump supporters" is fine, "Hill
        // spoke" is not: we cannot tell, so stop only at known verbs, handled by np_word).
        j += 1;
        words += 1;
    }
    // Do not end on "of", a determiner or a possessive marker.
    while j > i
        && matches!(
            ctx.low[j - 1].as_str(),
            "of" | "the" | "a" | "an" | "-" | "&"
        )
    {
        j -= 1;
    }
    if j <= i || (j == i + 1 && is_det(ctx.low[i].as_str())) {
        return None;
    }
    let toks = i..j;
    Some(Np {
        kind: kind_of(ctx, lex, &toks),
        toks,
    })
}

/// The name standing in apposition right after a description (`the moderator, Priya Natarajan`,
/// `Her daughter, Carol, said`): a person name that fills the stretch up to `limit` or up to the
/// next comma, colon or full stop. The annotation guideline makes the name the mention.
pub(crate) fn apposed_name(ctx: &Ctx, np: &Np, limit: usize) -> Option<Np> {
    let limit = limit.min(ctx.len());
    let c = np.toks.end;
    if np.kind == MentionKind::Name || c + 1 >= limit || ctx.low[c] != "," {
        return None;
    }
    let name = forward(ctx, c + 1, limit)?;
    let person = name.toks.clone().any(|k| {
        ctx.ent[k]
            .as_ref()
            .is_some_and(|(l, _)| *l == EntityLabel::Per)
    }) || (name.toks.len() >= 2
        && Lexicon::get()
            .names
            .contains_key(ctx.low[name.toks.start].as_str()));
    let closes =
        name.toks.end == limit || matches!(ctx.low[name.toks.end].as_str(), "," | ":" | "." | ";");
    (name.kind == MentionKind::Name && person && closes && name.toks.len() <= 5).then_some(name)
}

/// A name that can be one part of a coordinated source ("Walsh and Adeyemi"): exactly one person
/// entity (the "and" of "Procter & Gamble" or "the Bill and Melinda Gates Foundation" lies inside
/// one organisation, whose words are no person).
pub(crate) fn is_group_part(ctx: &Ctx, toks: &Range<usize>) -> bool {
    let last = toks.end - 1;
    let per = ctx.ent[last]
        .as_ref()
        .is_some_and(|(l, r)| *l == EntityLabel::Per && r.end == toks.end);
    per && (toks.start == 0 || ctx.ent[toks.start - 1] != ctx.ent[toks.start])
}

/// A coordination of names ("Walsh and Adeyemi", "Lena Okafor, Tom Brandt and Ada Ruiz"): a
/// group mention, not a mention of any one of them.
pub(crate) fn is_group(ctx: &Ctx, toks: &Range<usize>) -> bool {
    toks.clone().skip(1).any(|k| {
        k + 1 < toks.end
            && matches!(ctx.low[k].as_str(), "and" | "&")
            && ctx.ent[k].is_none()
            && ctx.ent[k - 1]
                .as_ref()
                .is_some_and(|(l, _)| *l == EntityLabel::Per)
            && ctx.ent[k + 1]
                .as_ref()
                .is_some_and(|(l, _)| *l == EntityLabel::Per)
    })
}

/// A noun naming people, not an organisation, that a preposition may attach to ("a spokeswoman
/// for …", "officials at …").
fn person_noun(lex: &Lexicon, w: &str) -> bool {
    lex.speaker_noun(w)
        .is_some_and(|c| !matches!(c, NounClass::Org))
}

/// The noun phrase ending just before token `end` (exclusive), extending left no further than
/// `floor`.
/// Quantifiers that head a partitive subject: "many of her supporters said".
const QUANTIFIERS: &[&str] = &[
    "many", "some", "most", "all", "several", "few", "both", "half", "none", "each", "one", "two",
    "three", "four", "five", "majority", "minority",
];

pub(crate) fn backward(ctx: &Ctx, end: usize, floor: usize) -> Option<Np> {
    let lex = Lexicon::get();
    if end == 0 || end <= floor {
        return None;
    }
    let last = end - 1;
    let w = ctx.low[last].as_str();
    if lex.pronouns.get(w).is_some_and(|p| p.subject) {
        return Some(Np {
            toks: last..end,
            kind: MentionKind::Pronoun,
        });
    }
    // "…; most said", "Others said", "Some told …": a quantifier alone, opening its clause.
    if matches!(
        w,
        "most" | "many" | "some" | "others" | "several" | "few" | "both"
    ) && (last == floor
        || matches!(
            ctx.low[last - 1].as_str(),
            ";" | ":" | "," | "and" | "but" | "—" | "–" | "--" | "while" | "whereas"
        ))
    {
        return Some(Np {
            toks: last..end,
            kind: MentionKind::Nominal,
        });
    }
    if !np_word(ctx, lex, last, false) || w == "'s" {
        return None;
    }
    let mut s = end;
    let mut words = 0;
    while s > floor && words < 12 {
        let k = s - 1;
        if k < last && ctx.para[k] != ctx.para[last] {
            break;
        }
        let w = ctx.low[k].as_str();
        if let Some((_, r)) = &ctx.ent[k] {
            s = r.start.max(floor).min(k);
            words += 1;
            continue;
        }
        if is_det(w) {
            // "the soldier's mother": a determiner closes the phrase. "that" is a conjunction.
            // A numeral opens a phrase ("one lawmaker") but is no phrase alone ("All but two").
            let numeral_alone = k == last && matches!(w, "one" | "two" | "three");
            if !matches!(w, "that" | "this") && !numeral_alone {
                s = k;
                // "Mr. Morgan of the Sierra Club", "a wife of a soldier".
                if k >= floor + 2 && ctx.low[k - 1] == "of" && np_word(ctx, lex, k - 2, false) {
                    s = k - 1;
                    continue;
                }
                // "a spokesperson for the Home Office", "officials at the ministry".
                if k >= floor + 2
                    && matches!(
                        ctx.low[k - 1].as_str(),
                        "for" | "at" | "to" | "with" | "from"
                    )
                    && person_noun(lex, &ctx.low[k - 2])
                {
                    s = k - 1;
                    continue;
                }
                // "many of her supporters", "some of the voters": a quantifier heads the phrase.
                if k >= floor + 2
                    && ctx.low[k - 1] == "of"
                    && QUANTIFIERS.contains(&ctx.low[k - 2].as_str())
                {
                    s = k - 2;
                }
            }
            break;
        }
        if w == "'s" || w == "'" {
            if k > floor && ctx.is_word(k - 1) {
                s = k;
                continue;
            }
            break;
        }
        // "a spokeswoman for Hillary Clinton", "officials at the agency", "advisers to Mr. Obama".
        if matches!(w, "for" | "at" | "to" | "in" | "with" | "from") && k > floor && s < end {
            if person_noun(lex, &ctx.low[k - 1]) {
                s = k;
                continue;
            }
            break;
        }
        if w == "of" && k > floor && s < end {
            // "ministry of foreign affairs", "a member of the unit".
            if np_word(ctx, lex, k - 1, false) {
                s = k;
                continue;
            }
            break;
        }
        if !np_word(ctx, lex, k, false) {
            break;
        }
        s = k;
        words += 1;
    }
    // Trim a leading "of" or possessive marker.
    while s < end && matches!(ctx.low[s].as_str(), "of" | "'s" | "-" | "&" | ".") {
        s += 1;
    }
    if s >= end {
        return None;
    }
    let toks = s..end;
    Some(Np {
        kind: kind_of(ctx, lex, &toks),
        toks,
    })
}

/// The speaker-noun class of a phrase's head word (its last word, or the word before "of").
pub(crate) fn head_class(ctx: &Ctx, r: &Range<usize>) -> Option<NounClass> {
    let lex = Lexicon::get();
    let mut end = r.end;
    if let Some(of) = r.clone().find(|&i| ctx.low[i] == "of") {
        end = of;
    }
    (r.start..end).rev().find_map(|i| {
        lex.speaker_nouns
            .get(ctx.low[i].trim_end_matches('.'))
            .copied()
    })
}
