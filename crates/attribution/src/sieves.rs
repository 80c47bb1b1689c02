//! Sieves 2–4: cues, speaker mentions, direct, mixed and indirect quotes.
//!
//! Each sieve is a deterministic rule with a name (recorded on the quote) and a confidence. The
//! sieves run in a fixed order, most precise first, and each quote is decided by the first sieve
//! that fires, as in CoreNLP's quote attributor.

use std::collections::HashMap;
use std::ops::Range;

use newsquotes_document::{EntityLabel, MentionKind, QuoteKind};

use crate::ctx::{Ctx, Low};
use crate::lexicon::{Lexicon, Strength};
use crate::marks::Quoted;
use crate::np::{self, Np};

/// A quote found by the sieves, in token coordinates.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub kind: QuoteKind,
    pub pieces: Vec<Range<usize>>,
    pub cue: Option<Range<usize>>,
    pub speaker: Option<Np>,
    /// The quote reuses the speaker mention of another found quote (paragraph continuation).
    pub same_as: Option<usize>,
    pub sieve: &'static str,
    pub confidence: f32,
    /// Last token of the attribution clause (for merging split quotes).
    pub clause_end: usize,
}

impl Found {
    /// A quotation no rule has attributed yet: direct, no cue, no speaker.
    fn unattributed(q: &Quoted) -> Found {
        Found {
            kind: QuoteKind::Direct,
            pieces: q.pieces.clone(),
            cue: None,
            speaker: None,
            same_as: None,
            sieve: "unattributed",
            confidence: 0.2,
            clause_end: q.pieces.last().map_or(0, |p| p.end),
        }
    }

    /// Attributes the quote to `speaker` by the rule `sieve`.
    fn attribute(&mut self, speaker: Np, sieve: &'static str, confidence: f32) {
        self.speaker = Some(speaker);
        self.sieve = sieve;
        self.confidence = confidence;
    }

    /// A report with one content piece and a speaker found by a rule.
    fn report(
        kind: QuoteKind,
        content: Range<usize>,
        cue: Range<usize>,
        speaker: Np,
        sieve: &'static str,
        confidence: f32,
        clause_end: usize,
    ) -> Found {
        Found {
            kind,
            pieces: vec![content],
            cue: Some(cue),
            speaker: Some(speaker),
            same_as: None,
            sieve,
            confidence,
            clause_end,
        }
    }
}

/// A cue at a token: its tokens and what it is.
#[derive(Clone, Debug)]
pub(crate) struct Cue {
    pub toks: Range<usize>,
    pub strength: Strength,
    pub takes_object: bool,
    /// "according to X": the source follows the cue.
    pub source_after: bool,
    /// The verb's lemma, for single-word verb cues.
    pub lemma: Option<&'static str>,
}

/// Verbs that report speech even in a relative clause ("who said …").
const SPEECH: &[&str] = &[
    "say",
    "tell",
    "add",
    "write",
    "note",
    "explain",
    "joke",
    "argue",
    "claim",
    "ask",
    "warn",
    "insist",
    "state",
    "declare",
    "announce",
    "report",
    "reply",
    "respond",
    "answer",
    "suggest",
    "predict",
    "estimate",
    "admit",
    "acknowledge",
    "deny",
    "confirm",
    "tweet",
    "complain",
];

const WH: &[&str] = &[
    "who", "what", "why", "how", "when", "where", "whether", "if", "which", "whom",
];
const CLAUSE_OPENERS: &[&str] = &[
    ",", "and", "but", "while", "as", "because", "although", "though", "when", "since", "after",
    "before", ":", "—", "–", "-", "--", "(", ";", "so", "yet", "where", "whereas", "then",
    "however", "or",
];
/// Prepositions and particles that cannot open a reported clause.
const PARTICLES: &[&str] = &[
    "outside", "off", "down", "away", "over", "for", "inside", "against", "with", "from", "by",
    "on", "around", "across", "toward", "towards",
];
/// Prepositions that open a clause with a phrase before its subject ("At the town hall, she
/// said", "In a video shared online, a driver …").
const OPENING_PREPOSITIONS: &[&str] = &[
    "in",
    "on",
    "at",
    "behind",
    "after",
    "during",
    "since",
    "among",
    "under",
    "like",
    "unlike",
    "across",
    "throughout",
    "for",
];
/// Nouns naming a work, whose title may follow in apposition ("the report, “…”, found").
const WORK_NOUNS: &[&str] = &[
    "study",
    "paper",
    "report",
    "book",
    "novel",
    "memoir",
    "film",
    "documentary",
    "song",
    "album",
    "single",
    "play",
    "poem",
    "essay",
    "article",
    "series",
    "show",
    "exhibition",
    "painting",
    "campaign",
    "slogan",
    "programme",
    "program",
    "podcast",
    "column",
    "headline",
    "bill",
];
/// Numbers written as words.
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "dozens",
    "hundreds",
    "thousands",
];
const TITLE_INTRO: &[&str] = &[
    "so-called",
    "called",
    "dubbed",
    "titled",
    "entitled",
    "named",
    "nicknamed",
    "labelled",
    "labeled",
    "termed",
    "branded",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
];

/// The cue starting at token `i`, if any.
pub(crate) fn cue_at(ctx: &Ctx, i: usize) -> Option<Cue> {
    let lex = Lexicon::get();
    let w = ctx.low[i].as_str();
    for p in lex.phrases_from(w) {
        if p.len() >= 2
            && p[0] == w
            && i + p.len() <= ctx.len()
            && p.iter().enumerate().all(|(k, pw)| ctx.low[i + k] == *pw)
        {
            let source_after =
                matches!(p[0].as_str(), "according" | "as") || p.last().is_some_and(|l| l == "of");
            if !source_after && p[0] != "quoted" && p[0] != "went" {
                continue;
            }
            return Some(Cue {
                toks: i..i + p.len(),
                strength: Strength::Strong,
                takes_object: false,
                source_after,
                lemma: None,
            });
        }
    }
    if let Some(parts) = lex.phrasals.get(w) {
        if i + 1 < ctx.len() && parts.iter().any(|p| *p == ctx.low[i + 1]) {
            return Some(Cue {
                toks: i..i + 2,
                strength: Strength::Strong,
                takes_object: false,
                source_after: false,
                lemma: None,
            });
        }
    }
    let v = lex.verb(w)?;
    if !ctx.is_word(i) {
        return None;
    }
    // "MUST READ —", "READ MORE": a label, not a sign that reads something.
    if lex.lemmas[v.lemma] == "read" && ctx.text(i) == "READ" {
        return None;
    }
    // "the said", "a claim": determiners before a verb form make it a noun.
    if i > 0
        && matches!(
            ctx.low[i - 1].as_str(),
            "the" | "a" | "an" | "his" | "her" | "their" | "whose"
        )
    {
        return None;
    }
    // Numbers, quantifiers and possessives before a form that can be a noun ("five states",
    // "Trump's comments", "its support"); past forms stay verbs ("two said").
    let past = w.ends_with("ed")
        || matches!(
            w,
            "said" | "told" | "wrote" | "thought" | "spoke" | "felt" | "knew" | "saw" | "gave"
        );
    if i > 0
        && !past
        && (matches!(
            ctx.low[i - 1].as_str(),
            "its"
                | "our"
                | "my"
                | "your"
                | "'s"
                | "many"
                | "several"
                | "few"
                | "both"
                | "these"
                | "those"
                | "other"
                | "terrorist"
                | "deadly"
                | "recent"
                | "new"
                | "public"
                | "strong"
                | "broad"
                | "widespread"
                | "growing"
        ) || ctx.kind(i - 1) == newsquotes_document::TokenKind::Number
            // "one says" is a pronoun subject, not a number.
            || (ctx.low[i - 1] != "one" && NUMBER_WORDS.contains(&ctx.low[i - 1].as_str())))
    {
        return None;
    }
    // "the reality show “The Apprentice”", "a talk show": a programme, not a showing.
    if lex.lemmas[v.lemma] == "show"
        && i > 0
        && matches!(
            ctx.low[i - 1].as_str(),
            "reality"
                | "tv"
                | "television"
                | "talk"
                | "game"
                | "radio"
                | "news"
                | "morning"
                | "comedy"
                | "cooking"
                | "variety"
                | "quiz"
                | "chat"
                | "road"
                | "trade"
                | "fashion"
                | "art"
                | "award"
                | "awards"
                | "cable"
                | "sunday"
                | "late-night"
        )
    {
        return None;
    }
    // "centers on comments Clinton made", "secretary of state": a present form after a
    // preposition is a noun (gerunds stay verbs: "after saying").
    if i > 0
        && !past
        && !w.ends_with("ing")
        && matches!(
            ctx.low[i - 1].as_str(),
            "of" | "on" | "about" | "for" | "with" | "in" | "over" | "amid" | "against" | "despite"
        )
    {
        return None;
    }
    // "Islamic State", "United States", "State Department": part of a name.
    if ctx.ent[i].is_some() && ctx.is_cap(i) && i > 0 && ctx.ent[i - 1] == ctx.ent[i] {
        return None;
    }
    // Forms that are nouns more often than verbs ("state delegate", "secretary of state",
    // "their support", "the attack", "a question") count only before "that", a wh-word, a
    // quotation mark or a colon.
    if matches!(
        lex.lemmas[v.lemma].as_str(),
        "state" | "support" | "attack" | "question"
    ) || w == "thought"
    {
        let next = ctx.low.get(i + 1).map_or("", Low::as_str);
        let marked = i + 1 < ctx.len() && ctx.kind(i + 1) == newsquotes_document::TokenKind::Quote;
        let clause_end = matches!(next, "." | "," | "!" | "?" | ";" | "");
        // "he stated in a release", "“…,” Smith stated": a subject right before it.
        let subject_before = i > 0 && {
            let p = ctx.low[i - 1].as_str();
            lex.pronouns.get(p).is_some_and(|pr| pr.subject)
                || matches!(p, "who" | "which" | "also" | ",")
                || ctx.kind(i - 1) == newsquotes_document::TokenKind::Quote
                || (ctx.is_cap(i - 1) && !ctx.is_cap(i))
                || (p.ends_with("ly") && p.len() > 4)
        };
        if !(marked
            || clause_end
            || subject_before
            || next == "that"
            || next == ":"
            || WH.contains(&next))
        {
            return None;
        }
    }
    // "continues to lead": an aspect verb, not a report.
    if v.strength < Strength::Strong
        && lex.lemmas[v.lemma] == "continue"
        && ctx.low.get(i + 1).is_some_and(|n| n == "to")
    {
        return None;
    }
    Some(Cue {
        toks: i..i + 1,
        strength: v.strength,
        takes_object: v.takes_object,
        source_after: false,
        lemma: Some(lex.lemmas[v.lemma].as_str()),
    })
}

/// Skips auxiliaries, adverbs and time phrases leftwards from `end` (exclusive), not below `floor`.
fn skip_left(ctx: &Ctx, mut end: usize, floor: usize) -> usize {
    while end > floor {
        let w = ctx.low[end - 1].as_str();
        let time = np::is_time(w) || (ctx.kind(end - 1) == newsquotes_document::TokenKind::Number);
        if time || (w.ends_with("ly") && !ctx.is_cap(end - 1) && w.len() > 4) {
            end -= 1;
        } else if matches!(w, "—" | "–" | "--") && end - 1 > floor {
            // "Joyce — who is listed as an attorney — told …": a dash-enclosed aside.
            match (floor.max(end.saturating_sub(30))..end - 1)
                .rev()
                .find(|&k| ctx.low[k] == w)
            {
                Some(open) if open > floor => end = open,
                _ => break,
            }
        } else if matches!(w, "however" | "though" | "also" | "meanwhile") && end - 1 > floor {
            // "Carter however said".
            end -= 1;
        } else if w == ","
            && end >= floor + 4
            && matches!(
                ctx.low[end - 2].as_str(),
                "however" | "though" | "meanwhile"
            )
            && ctx.low[end - 3] == ","
        {
            // "Experts and officials, however, said".
            end -= 3;
        } else {
            break;
        }
    }
    end
}

/// Skips a parenthetical ending just before `end`: "Rep. John Mica (R-Fla.) said".
fn skip_paren(ctx: &Ctx, end: usize, floor: usize) -> usize {
    if end > floor && ctx.low[end - 1] == ")" {
        if let Some(open) = (floor.max(end.saturating_sub(10))..end - 1)
            .rev()
            .find(|&k| ctx.low[k] == "(")
        {
            return skip_left(ctx, open, floor);
        }
    }
    end
}

/// The subject noun phrase of a cue at `cue` with the clause starting at or after `floor`:
/// "he said", "Dmitri, a member of the unit, said", "Ukraine's ministry in April estimated".
fn subject(ctx: &Ctx, cue: usize, floor: usize) -> Option<Np> {
    let end = skip_paren(ctx, skip_left(ctx, cue, floor), floor);
    // "Dunmore, who estimates that it cost “well over a million,” described …": a comma inside
    // a closing mark closes the apposition too.
    let quoted_comma = end > floor + 1
        && ctx.kind(end - 1) == newsquotes_document::TokenKind::Quote
        && ctx.low[end - 2] == ",";
    if end > floor && (ctx.low[end - 1] == "," || quoted_comma) {
        // Apposition: "NP, ..., said" — the subject is the phrase before the first comma.
        let comma = if quoted_comma { end - 2 } else { end - 1 };
        // The apposition opens at a comma after the subject, which starts its clause: the
        // sentence, or after a complementizer or clause break ("ago that Michael Bloomberg,
        // who …, said", "In 2015, Smith, a professor, said").
        for open in (floor..comma).filter(|&k| ctx.low[k] == ",") {
            if comma - open > 25 {
                continue;
            }
            let Some(np) = np::backward(ctx, skip_paren(ctx, open, floor), floor) else {
                continue;
            };
            let st = np.toks.start;
            let named = np::apposed_name(ctx, &np, comma + 1);
            let opens_clause = st == first_word(ctx, floor, open)
                || (st > floor
                    && match ctx.low[st - 1].as_str() {
                        "that" | ";" | ":" | "—" | "–" | "--" => true,
                        // "At the head of the march, the leader of the union, Nathalie
                        // Berthier, said".
                        "," => np.kind == MentionKind::Name || named.is_some(),
                        _ => false,
                    });
            if opens_clause {
                // "Her daughter, Carol, said": the apposed name is the mention.
                return Some(named.unwrap_or(np));
            }
            // "Another delegate on the Cruz slate, Jim Poolman, said": whatever the description
            // before it, a person name between the two commas is the subject.
            if let Some(name) = np::forward(ctx, open + 1, comma).filter(|n| {
                n.toks.end == comma
                    && n.kind == MentionKind::Name
                    && n.toks.clone().all(|k| {
                        ctx.ent[k]
                            .as_ref()
                            .is_some_and(|(l, _)| *l == EntityLabel::Per)
                    })
            }) {
                let opener = first_word(ctx, floor, open);
                if opener < open && (opener..open).all(|k| ctx.is_word(k) || ctx.low[k] == "'s") {
                    return Some(name);
                }
            }
        }
        return None;
    }
    // "a message that said": "that" right before the verb is a relative pronoun.
    let relative_that =
        end > floor + 1 && ctx.low[end - 1] == "that" && end == cue && ctx.is_word(end - 2);
    if end > floor && (matches!(ctx.low[end - 1].as_str(), "who" | "which") || relative_that) {
        // "Eric Garner, who said …": the relative pronoun is the local mention.
        return Some(Np {
            toks: end - 1..end,
            kind: MentionKind::Pronoun,
        });
    }
    let np = np::backward(ctx, end, floor)?;
    Some(issuer(ctx, &np, cue, floor).unwrap_or(np))
}

/// "The town released a statement Wednesday saying …", "Trump and Ryan issued a statement
/// describing …": before a participle cue, a statement that is the object of a verb reports what
/// its issuer says; the issuer (the verb's subject, a person or an organisation) is the source.
fn issuer(ctx: &Ctx, np: &Np, cue: usize, floor: usize) -> Option<Np> {
    let head = ctx.low[np.toks.end - 1].as_str();
    if !ctx.low[cue].ends_with("ing")
        || !matches!(
            head,
            "statement" | "letter" | "memo" | "release" | "email" | "tweet" | "post" | "note"
        )
        || np.toks.start <= floor + 1
    {
        return None;
    }
    let verb = np.toks.start - 1;
    let v = ctx.low[verb].as_str();
    let issued = ctx.is_word(verb)
        && !ctx.is_cap(verb)
        && (v.ends_with("ed") || matches!(v, "sent" | "put" | "wrote" | "issues" | "releases"));
    if !issued {
        return None;
    }
    np::backward(ctx, skip_left(ctx, verb, floor), floor).filter(|s| {
        person_like(ctx, s)
            || ctx.ent[s.toks.end - 1]
                .as_ref()
                .is_some_and(|(l, _)| *l == EntityLabel::Org)
            || np::head_class(ctx, &s.toks).is_some()
    })
}

/// The subject before a cue word of the learned sieve, found as for the rules' cues, and the
/// subject of the clause the cue word stands in ("Sanders urged voters to …", "Later, Trump
/// accused him of …") when the first is not a person or organisation.
pub(crate) fn learned_subject(
    ctx: &Ctx,
    cue: usize,
    floor: usize,
    plausible: impl Fn(&Np) -> bool,
) -> Option<Np> {
    let near = subject(ctx, cue, floor).filter(|np| !adjunct_like(ctx, np));
    if near.as_ref().is_some_and(&plausible) {
        return near;
    }
    nearest_clause_subject(ctx, floor, cue)
        .or_else(|| clause_subject(ctx, floor, cue))
        .or(near)
}

/// A phrase that is an adjunct, not a subject: it starts with a preposition or an -ing form,
/// or is made of time words ("On Sunday", "Speaking", "Hours later").
fn adjunct_like(ctx: &Ctx, np: &Np) -> bool {
    let w = ctx.low[np.toks.start].as_str();
    // "At least a dozen workers" is a quantity.
    if w == "at"
        && np.toks.len() > 1
        && matches!(ctx.low[np.toks.start + 1].as_str(), "least" | "most")
    {
        return false;
    }
    matches!(
        w,
        "on" | "in"
            | "at"
            | "after"
            | "before"
            | "during"
            | "since"
            | "hours"
            | "days"
            | "minutes"
            | "weeks"
            | "moments"
            | "later"
            | "earlier"
            | "despite"
            | "amid"
            | "without"
    ) || (w.ends_with("ing") && w.len() > 5 && np.kind != MentionKind::Name)
        || np
            .toks
            .clone()
            .all(|k| np::is_time(ctx.low[k].as_str()) || !ctx.is_word(k))
}

/// The subject of the clause opening nearest before `to` (a coordinated verb at `to`): a name or
/// a personal pronoun right after a subordinator or a comma, followed by a verb-like word ("and
/// when Rubio thanked Miami and said …", "…, then he laughed and said …"). Only a few words back.
fn nearest_clause_subject(ctx: &Ctx, from: usize, to: usize) -> Option<Np> {
    let lo = from.max(to.saturating_sub(15));
    for t in (lo..to).rev() {
        let opener = t == from
            || matches!(
                ctx.low[t - 1].as_str(),
                "when"
                    | "while"
                    | "after"
                    | "before"
                    | "as"
                    | "since"
                    | "because"
                    | ","
                    | "and"
                    | "but"
                    | "then"
            );
        if !opener {
            continue;
        }
        let Some(np) = np::forward(ctx, t, to) else {
            continue;
        };
        if np.toks.start != t || np.toks.end >= to {
            continue;
        }
        let ok = match np.kind {
            MentionKind::Pronoun => personal_subject(&ctx.low[t]),
            MentionKind::Name => ctx.ent[t]
                .as_ref()
                .is_some_and(|(l, _)| matches!(l, EntityLabel::Per | EntityLabel::Org)),
            _ => false,
        };
        // A verb-like word follows: lower-case, not a preposition or determiner.
        let v = ctx.low[np.toks.end].as_str();
        let verbish = ctx.is_word(np.toks.end)
            && !ctx.is_cap(np.toks.end)
            && !np::is_stop(v)
            && (v.ends_with("ed") || v.ends_with('s') || Lexicon::get().verb(v).is_some());
        if ok && verbish {
            return Some(np);
        }
        // Stop at a clause start that is not a usable subject.
        if t == from || ctx.low[t - 1] != "," {
            return None;
        }
    }
    None
}

/// The subject of the clause starting at `from`, after an introductory phrase ("Later in the
/// day, Trump attacked …, saying"); only names, pronouns and person descriptions.
fn clause_subject(ctx: &Ctx, from: usize, to: usize) -> Option<Np> {
    let mut s = first_word(ctx, from, to);
    // A dateline: "Washington (AFP) – Hillary Clinton has …".
    if let Some(dash) =
        (s..to.min(s + 8)).find(|&k| matches!(ctx.low[k].as_str(), "–" | "—" | "--"))
    {
        if dash > s && ctx.low[dash - 1] == ")" {
            s = first_word(ctx, dash + 1, to);
        }
    }
    if s < to
        && matches!(
            ctx.low[s].as_str(),
            "in" | "on"
                | "at"
                | "after"
                | "before"
                | "during"
                | "later"
                | "earlier"
                | "last"
                | "when"
                | "while"
                | "as"
                | "since"
                | "speaking"
                | "asked"
                | "then"
                | "meanwhile"
                | "but"
                | "and"
                | "also"
                | "still"
                | "yet"
                | "however"
        )
    {
        if let Some(c) = (s..to.min(s + 12)).find(|&k| ctx.low[k] == ",") {
            s = c + 1;
        } else if matches!(
            ctx.low[s].as_str(),
            "but" | "and" | "then" | "also" | "still" | "yet"
        ) {
            s += 1;
        }
    }
    let mut np = np::forward(ctx, s, to)?;
    // "The court struck down …": a description ends at its last speaker noun (the phrase finder
    // cannot tell an unknown verb from a noun).
    if np.kind == MentionKind::Nominal {
        let lex = Lexicon::get();
        if let Some(h) = np.toks.clone().rev().find(|&k| {
            let w = ctx.low[k].as_str();
            lex.speaker_noun(w).is_some()
        }) {
            np.toks.end = h + 1;
        }
    }
    let ok = match np.kind {
        MentionKind::Pronoun => personal_subject(&ctx.low[np.toks.start]),
        MentionKind::Name => true,
        // Organisations speak too ("The court struck down the law, ruling that …").
        _ => matches!(
            np::head_class(ctx, &np.toks),
            Some(
                crate::lexicon::NounClass::Person(_)
                    | crate::lexicon::NounClass::Group
                    | crate::lexicon::NounClass::Org
            )
        ),
    };
    ok.then_some(np)
}

fn first_word(ctx: &Ctx, from: usize, to: usize) -> usize {
    (from..to)
        .find(|&k| ctx.is_word(k) && !matches!(ctx.low[k].as_str(), "and" | "but" | "or"))
        .unwrap_or(to)
}

/// The end (exclusive) of a sentence's clause: the sentence end minus final punctuation.
fn clause_end(ctx: &Ctx, s: &Range<usize>, owner: &[Option<usize>]) -> usize {
    let mut e = s.end;
    while e > s.start && ctx.is_punct(e - 1) && owner[e - 1].is_none() {
        e -= 1;
    }
    e
}

/// Where a reported clause starting at `k` ends: at `end`, or before a semicolon, a dash, or a
/// coordinated new report ("… in response, and he urged …", "… Clinton and said she …").
fn content_end(ctx: &Ctx, k: usize, end: usize, owner: &[Option<usize>]) -> usize {
    let mut j = k + 1;
    while j < end {
        // `… a “ridiculous proposition,” adding that …`: a comma inside a closing mark ends the
        // clause like a bare comma does; the mark stays with the content.
        if j + 1 < end
            && owner[j].is_some()
            && ctx.low[j - 1] == ","
            && owner[j - 1] == owner[j]
            && owner[j + 1] != owner[j]
            && ctx.kind(j) == newsquotes_document::TokenKind::Quote
        {
            let nx = ctx.low[j + 1].as_str();
            if (nx.ends_with("ing")
                && nx.len() > 5
                && ctx.is_word(j + 1)
                && !matches!(nx, "including" | "excluding" | "regarding" | "during"))
                || matches!(
                    nx,
                    "which" | "according" | "known" | "who" | "whose" | "while"
                )
            {
                return j + 1;
            }
        }
        if owner[j].is_none() {
            let w = ctx.low[j].as_str();
            // "… to “make America whole again” — itself a rebuttal to … — was an inferior
            // slogan": a pair of dashes sets off an aside inside the content.
            if matches!(w, "—" | "–" | "--") && j > k + 2 {
                let pair = (j + 2..end.min(j + 25))
                    .take_while(|&t| ctx.low[t] != ";")
                    .find(|&t| ctx.low[t] == w && owner[t].is_none());
                if let Some(t) = pair.filter(|&t| t + 2 < end && ctx.is_word(t + 1)) {
                    j = t + 1;
                    continue;
                }
            }
            if matches!(w, ";" | "—" | "–" | "--") {
                break;
            }
            // ", arguing that …", ", which …", ", according to …": a new clause or source.
            if w == "," && j + 1 < end {
                let nx = ctx.low[j + 1].as_str();
                // ", though she did not …", ", even though …": a concession by the reporter.
                if matches!(
                    nx,
                    "though" | "although" | "even" | "whereas" | "despite" | "whatever"
                ) {
                    break;
                }
                // "…, a swipe at the recent disturbances": the reporter's apposition.
                if matches!(nx, "a" | "an") && j > k + 4 && owner[j - 1].is_none() {
                    break;
                }
                // ", including …" lists what was said, it does not start a new clause.
                let ing = nx.ends_with("ing")
                    && nx.len() > 5
                    && ctx.is_word(j + 1)
                    && !matches!(nx, "including" | "excluding" | "regarding" | "during");
                // "… the Keystone pipeline, which is widely supported, “wouldn't go 10 feet”":
                // a relative clause on the content's own subject, closed by a comma before that
                // subject's verb, is part of the content.
                if matches!(nx, "which" | "who" | "whose") {
                    let verb_after = (j + 2..end.min(j + 40))
                        .take_while(|&t| {
                            owner[t].is_some() || !matches!(ctx.low[t].as_str(), ";" | "—" | "–")
                        })
                        .find(|&t| ctx.low[t] == "," && owner[t].is_none())
                        .filter(|&t| {
                            // (The verb may open a quotation: `, “wouldn't go 10 feet”`.)
                            let v = if t + 2 < end
                                && ctx.kind(t + 1) == newsquotes_document::TokenKind::Quote
                            {
                                t + 2
                            } else {
                                t + 1
                            };
                            v < end
                                && (is_aux(&ctx.low[v])
                                    || matches!(
                                        ctx.low[v].as_str(),
                                        "should" | "may" | "might" | "must"
                                    ))
                        });
                    if let Some(t) = verb_after {
                        j = t + 1;
                        continue;
                    }
                }
                if ing
                    || matches!(
                        nx,
                        "which" | "according" | "known" | "who" | "whose" | "where"
                    )
                {
                    break;
                }
            }
            // "… out of business, while trying to explain …": a contrastive or temporal
            // adjunct of the reporting clause, not what was said.
            if matches!(w, "while" | "whereas") && j > k + 1 {
                break;
            }
            // "… had not won him over, but he sounded a note …": a coordinated clause with a
            // pronoun subject of its own is the reporter's narration again.
            // Right after a closing quotation mark (the content's own mixed quote).
            let after_mark =
                ctx.kind(j - 1) == newsquotes_document::TokenKind::Quote && owner[j - 1].is_some();
            let after_comma =
                ctx.low[j - 1] == "," || (after_mark && j >= 2 && ctx.low[j - 2] == ",");
            if matches!(w, "but" | "yet")
                && after_comma
                && j + 2 < end
                && personal_subject(&ctx.low[j + 1])
            {
                break;
            }
            // `the issue of “systemic racism” and highlighted her plans …`: after a closing
            // mark, a coordinated verb or a new subject is the reporter's narration again.
            if matches!(w, "and" | "but" | "until") && j + 1 < end && after_mark {
                let nx = ctx.low[j + 1].as_str();
                let verb_past = past_verb(ctx, j + 1)
                    || (matches!(nx, "has" | "had" | "then") && ctx.is_word(j + 1));
                let pron = personal_subject(nx);
                if verb_past || pron || w == "until" {
                    break;
                }
            }
            // `… “excited where we stand” as he faces …`, `“kept us safe” on Twitter before
            // claiming …`: a time or manner clause of the reporter after the closing mark.
            if matches!(w, "as" | "before" | "after" | "while" | "when")
                && j + 1 < end
                && after_mark
            {
                let nx = ctx.low[j + 1].as_str();
                if personal_subject(nx) || (nx.ends_with("ing") && nx.len() > 5) {
                    break;
                }
            }
            if matches!(w, "and" | "but") {
                let next_cue = |t: usize| {
                    t < end && cue_at(ctx, t).is_some_and(|c| c.strength >= Strength::Direct)
                };
                let pron = j + 1 < end && personal_subject(&ctx.low[j + 1]);
                if next_cue(j + 1) || (pron && next_cue(j + 2)) {
                    break;
                }
                // "…, and more than 4 in 10 said …", "… and about the same numbers would rather
                // …": a quantity subject of a new report.
                if j + 2 < end
                    && (ctx.kind(j + 1) == newsquotes_document::TokenKind::Number
                        || matches!(
                            ctx.low[j + 1].as_str(),
                            "more"
                                | "most"
                                | "about"
                                | "nearly"
                                | "almost"
                                | "half"
                                | "many"
                                | "some"
                                | "others"
                                | "fewer"
                                | "less"
                                | "roughly"
                        ))
                {
                    let verb = (j + 2..end.min(j + 9))
                        .take_while(|&t| owner[t].is_none() && ctx.low[t] != ",")
                        .find(|&t| {
                            next_cue(t)
                                || matches!(ctx.low[t].as_str(), "would" | "say" | "said" | "says")
                        });
                    if verb.is_some() {
                        break;
                    }
                }
            }
            // "…, compared with 64 percent who …": the reporter's comparison.
            if w == ","
                && j + 2 < end
                && matches!(ctx.low[j + 1].as_str(), "compared" | "up" | "down")
                && matches!(ctx.low[j + 2].as_str(), "with" | "to" | "from")
            {
                break;
            }
        }
        j += 1;
    }
    while j > k + 1 && (ctx.is_punct(j - 1) && owner[j - 1].is_none()) {
        j -= 1;
    }
    j
}

/// Sentence-initial connectives that are not part of reported content ("In addition, …").
fn skip_connective(ctx: &Ctx, r: Range<usize>) -> Range<usize> {
    let mut s = r.start;
    let w = |k: usize| ctx.low.get(k).map_or("", Low::as_str);
    if matches!(w(s), "in") && matches!(w(s + 1), "addition" | "fact" | "short" | "turn") {
        s += 2;
    } else if matches!(
        w(s),
        "however"
            | "meanwhile"
            | "still"
            | "but"
            | "and"
            | "also"
            | "instead"
            | "moreover"
            | "indeed"
            | "yet"
            | "so"
            | "besides"
            | "furthermore"
            | "nevertheless"
    ) {
        s += 1;
    }
    if s > r.start && w(s) == "," {
        s += 1;
    }
    if s >= r.end {
        return r;
    }
    s..r.end
}

/// Direct-quote candidacy: a quote that stands as an utterance, not a title or scare quote.
fn free_standing(ctx: &Ctx, q: &Quoted) -> bool {
    let first = &q.pieces[0];
    let o = first.start;
    let words = q
        .pieces
        .iter()
        .flat_map(|p| p.clone())
        .filter(|&k| ctx.is_word(k))
        .count();
    if words == 0 {
        return false;
    }
    let inner_first = (o + 1..first.end).find(|&k| ctx.is_word(k));
    let capital = inner_first.is_some_and(|k| ctx.is_cap(k) || ctx.low[k] == "i");
    let ends_sentence = q.pieces.iter().flat_map(|p| p.clone()).any(|k| {
        matches!(ctx.low[k].as_str(), "." | "?" | "!" | "," | "…" | "...")
            && k + 1 < first.end.max(q.pieces.last().map_or(0, |p| p.end))
    });
    let prev = (o > 0 && !ctx.para_start(o)).then(|| o - 1);
    let after_boundary = match prev {
        None => true,
        Some(p) => {
            let w = ctx.low[p].as_str();
            matches!(
                w,
                ":" | "," | ";" | "(" | "—" | "–" | "-" | "--" | "." | "?" | "!"
            ) || ctx.sent[p] != ctx.sent[o]
                || cue_at(ctx, p).is_some()
        }
    };
    if let Some(p) = prev {
        if TITLE_INTRO.contains(&ctx.low[p].as_str()) {
            return false;
        }
        // "The study, “Rapid symbiont reshuffling …”, was published": a title in apposition to
        // the work it names.
        let last = q.pieces.last().map_or(o, |p| p.end);
        if ctx.low[p] == ","
            && p >= 1
            && WORK_NOUNS.contains(&ctx.low[p - 1].as_str())
            && ctx.low.get(last).is_some_and(|w| w == ",")
        {
            return false;
        }
    }
    if !after_boundary {
        return false;
    }
    // `"Pop-up art show strives to confront gentrification," by DNAinfo's Nicole Levy`: a
    // headline with its byline is a title.
    let mut after = q.pieces.last().map_or(o, |p| p.end);
    if ctx.low.get(after).is_some_and(|w| w == ",") {
        after += 1;
    }
    let by = after + 1 < ctx.len() && ctx.low[after] == "by";
    if by && ctx.low[after + 1] == "the" {
        after += 1;
    }
    if by && after + 1 < ctx.len() && ctx.is_cap(after + 1) && ctx.sent[after] == ctx.sent[o] {
        return false;
    }
    // A lower-case fragment inside a sentence belongs to a mixed quote.
    let sentence_start = prev.is_none_or(|p| ctx.sent[p] != ctx.sent[o] || ctx.low[p] == ":");
    // `He says, “that’s how you get smart …”`: a whole quoted sentence after a cue and a comma,
    // typed without its capital.
    let after_cue_comma = prev.is_some_and(|p| {
        ctx.low[p] == ","
            && p >= 1
            && (cue_at(ctx, p - 1).is_some() || (p >= 2 && cue_at(ctx, p - 2).is_some()))
    }) && ends_sentence
        && words >= 5;
    if !capital && !sentence_start && !after_cue_comma {
        // `“A,” he said, “and B.”`: the second piece of a split quote (also around a long
        // apposition: `“A,” Kleinschmidt, the economy minister, said as she left, “but B.”`).
        let back = prev.map_or(o, |p| {
            p.saturating_sub(25)
                .max(ctx.para_range(o).start)
                .max(ctx.sents[ctx.sent[o]].start)
        });
        let split = (back..o).rev().any(|k| {
            ctx.kind(k) == newsquotes_document::TokenKind::Quote
                && (k + 1..o).any(|c| cue_at(ctx, c).is_some())
        });
        if !split {
            return false;
        }
    }
    // "“Hispanics 4 Trump”" on a sign, a headline in quotes: short title-case spans without
    // sentence punctuation stay scare quotes unless a cue is adjacent.
    words >= 6 || ends_sentence || (capital && words >= 2)
}

/// A name, a personal pronoun or a description of a person or group.
fn person_like(ctx: &Ctx, np: &Np) -> bool {
    match np.kind {
        MentionKind::Name => true,
        MentionKind::Pronoun => personal_subject(&ctx.low[np.toks.start]),
        _ => matches!(
            np::head_class(ctx, &np.toks),
            Some(crate::lexicon::NounClass::Person(_) | crate::lexicon::NounClass::Group)
        ),
    }
}

/// A short title-case span ("'All Bets Are Off.'", "‘Personal Insult’"): a headline or a title.
fn title_case(ctx: &Ctx, q: &Quoted) -> bool {
    let words: Vec<usize> = q
        .pieces
        .iter()
        .flat_map(|p| p.clone())
        .filter(|&k| ctx.kind(k) == newsquotes_document::TokenKind::Word)
        .collect();
    let long = |k: &&usize| ctx.low[**k].chars().count() > 3 && !ctx.low[**k].starts_with('\'');
    // "Lopez Tonight", "Orange is the New Black", "Sin Miedo": a short name of a show, a book or a
    // slogan, every word (or every long word) capitalised.
    let inner_punct = q
        .pieces
        .iter()
        .flat_map(|p| p.clone())
        .any(|k| matches!(ctx.low[k].as_str(), "," | "!" | "?"));
    let short_title = (2..=5).contains(&words.len())
        && !inner_punct
        && words.iter().filter(long).all(|&k| ctx.is_cap(k))
        && ctx.is_cap(words[0])
        && ctx.is_cap(words[words.len() - 1]);
    words.len() >= 2
        && words.len() <= 7
        && words.iter().filter(long).all(|&k| ctx.is_cap(k))
        && (words.iter().skip(1).filter(long).count() >= 2 || short_title)
}

/// Words (not punctuation or marks) in a quote's pieces.
fn words_in(ctx: &Ctx, pieces: &[Range<usize>]) -> usize {
    pieces
        .iter()
        .flat_map(|p| p.clone())
        .filter(|&k| ctx.is_word(k))
        .count()
}

/// The whole decision for one document's direct quotes, in token coordinates.
pub(crate) fn direct(ctx: &Ctx, quotes: &[Quoted], owner: &[Option<usize>]) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    for (qi, q) in quotes.iter().enumerate() {
        if q.pieces[0].start < ctx.len() && ctx.boiler[q.pieces[0].start] {
            continue;
        }
        if !free_standing(ctx, q) || title_case(ctx, q) {
            continue;
        }
        let f = trailing(ctx, qi, q, owner)
            .or_else(|| leading(ctx, qi, q, owner))
            .unwrap_or_else(|| Found::unattributed(q));
        found.push(f);
    }
    merge_split(ctx, &mut found, owner);
    resolve_unattributed(ctx, &mut found);
    // A few words in quotation marks with no cue and no speaker anywhere near are a scare
    // quote, a nickname or a title ("Low energy", “Sanity.”), not a quotation.
    let keep: Vec<bool> = found
        .iter()
        .map(|f| f.sieve != "unattributed" || words_in(ctx, &f.pieces) > 4)
        .collect();
    // `same_as` holds indices into `found`: renumber them for the quotes that stay (a target
    // always has a speaker, so it is never one of the dropped ones).
    let mut new_index = Vec::with_capacity(found.len());
    let mut next = 0;
    for &k in &keep {
        new_index.push(next);
        next += usize::from(k);
    }
    let mut out = Vec::with_capacity(next);
    for (f, k) in found.into_iter().zip(&keep) {
        if *k {
            let mut f = f;
            f.same_as = f.same_as.map(|t| new_index[t]);
            out.push(f);
        }
    }
    out
}

fn last_end(q: &Quoted) -> usize {
    q.pieces.last().map_or(0, |p| p.end)
}

/// `“…,” he said` / `“…,” said Grace Adeyemi` / `“…,” Dmitri, a member of the unit, said`.
fn trailing(ctx: &Ctx, qi: usize, q: &Quoted, owner: &[Option<usize>]) -> Option<Found> {
    let start = last_end(q);
    let n = ctx.len();
    if start >= n || ctx.para_start(start) {
        return None;
    }
    let mut wend = start;
    while wend < n && wend - start < 40 && (wend == start || !ctx.para_start(wend)) {
        if owner[wend].is_some_and(|o| o != qi) {
            break;
        }
        let w = ctx.low[wend].as_str();
        if wend > start
            && (w == ";"
                || (matches!(w, "." | "!" | "?")
                    && (wend + 1 >= n || ctx.sent[wend + 1] != ctx.sent[wend])))
        {
            break;
        }
        wend += 1;
    }
    // `“…” ― Adriana Rodarte`: a dash and a name closing the paragraph.
    if matches!(ctx.low[start].as_str(), "―" | "—" | "–" | "-" | "--") {
        if let Some(np) = np::forward(ctx, start + 1, wend) {
            let rest_ok = (np.toks.end..wend).all(|k| ctx.is_punct(k) || ctx.low[k] == ",")
                || ctx.low.get(np.toks.end).is_some_and(|w| w == ",");
            if np.kind == MentionKind::Name && rest_ok {
                return Some(Found {
                    kind: QuoteKind::Direct,
                    pieces: q.pieces.clone(),
                    cue: None,
                    speaker: Some(np),
                    same_as: None,
                    sieve: "dash-name",
                    confidence: 0.7,
                    clause_end: wend,
                });
            }
        }
    }
    // The first cue in the window that has a speaker ("Pavel, a driver who asked not to be
    // named, said": "asked" has none, "said" has "Pavel").
    let mut k = start;
    while k < wend {
        let Some(c) = cue_at(ctx, k) else {
            k += 1;
            continue;
        };
        if let Some(f) = trailing_with(ctx, q, start, wend, &c) {
            return Some(f);
        }
        k = c.toks.end;
    }
    None
}

fn trailing_with(ctx: &Ctx, q: &Quoted, start: usize, wend: usize, c: &Cue) -> Option<Found> {
    let cstart = c.toks.start;
    // `“Sorry, Edith” was found …`, `“…,” he was told`: a passive verb reports nobody's words.
    if cstart > start && passive_aux(&ctx.low[cstart - 1]) {
        return None;
    }
    // `“… .” The mayor then said she …` starts a new sentence: only an adjacent cue counts.
    let ended = start >= 2 && matches!(ctx.low[start - 2].as_str(), ".");
    if ended && cstart > start + 3 {
        return None;
    }
    // `“… .” He said that since then …`: a new sentence whose cue reports its own clause.
    let closed = (0..start.min(4))
        .map(|d| start - 1 - d)
        .find(|&k| ctx.is_word(k) || matches!(ctx.low[k].as_str(), "." | "?" | "!" | ","))
        .is_some_and(|k| matches!(ctx.low[k].as_str(), "." | "?" | "!"));
    if closed && !c.source_after && ctx.is_cap(start) && start < cstart {
        let after = skip_pp(ctx, c.toks.end, wend);
        if after < wend && (ctx.low[after] == "that" || ctx.is_word(after)) {
            return None;
        }
    }
    let lead_only_skip =
        (start..cstart).all(|k| ctx.is_punct(k) || np::SKIP.contains(&ctx.low[k].as_str()));
    let speaker = if c.source_after || lead_only_skip {
        np::forward(ctx, c.toks.end, wend)
            .filter(|np| !(c.source_after && np.kind == MentionKind::Pronoun))
            .map(|np| np::apposed_name(ctx, &np, wend).unwrap_or(np))
            .map(|np| coordinated_after(ctx, &np, wend).unwrap_or(np))
            .or_else(|| {
                // "… ,” he said" where the pronoun precedes the cue counts as the lead case.
                subject(ctx, cstart, start)
            })
    } else {
        let s = subject(ctx, cstart, start)?;
        // The subject must open the clause after the quote, alone or as the last conjunct of
        // coordinated names (`“…,” Walsh and Adeyemi said`: both are the source).
        let first = first_word(ctx, start, cstart);
        if s.toks.start == first {
            Some(s)
        } else {
            coordinated_subject(ctx, first, &s)
        }
    }?;
    let sieve = if c.source_after {
        "according-to"
    } else if speaker.toks.start > cstart {
        "trailing-cue-inverted"
    } else {
        "trailing-cue"
    };
    Some(Found {
        kind: QuoteKind::Direct,
        pieces: q.pieces.clone(),
        cue: Some(c.toks.clone()),
        confidence: if speaker.kind == MentionKind::Pronoun {
            0.85
        } else {
            0.9
        },
        speaker: Some(speaker),
        same_as: None,
        sieve,
        clause_end: wend,
    })
}

/// The end of a list of person names starting at `start`, joined by commas and a final "and"
/// ("Walsh and Adeyemi", "Okafor, Ruiz and Boateng"), within `limit`; `None` when the words
/// from `start` are no such list.
fn name_list_end(ctx: &Ctx, start: usize, limit: usize) -> Option<usize> {
    let name = |k: usize| {
        np::forward(ctx, k, limit)
            .filter(|np| np.kind == MentionKind::Name && np::is_group_part(ctx, &np.toks))
    };
    let mut k = start;
    loop {
        let np = name(k)?;
        match ctx.low.get(np.toks.end)?.as_str() {
            "and" | "&" => return name(np.toks.end + 1).map(|last| last.toks.end),
            "," => k = np.toks.end + 1,
            _ => return None,
        }
    }
}

/// `“…,” Walsh and Adeyemi said`: the coordinated names from `first` to the subject `last`
/// found before a cue, as one (plural) mention.
fn coordinated_subject(ctx: &Ctx, first: usize, last: &Np) -> Option<Np> {
    (first < last.toks.start && name_list_end(ctx, first, last.toks.end) == Some(last.toks.end))
        .then(|| np::phrase(ctx, first..last.toks.end))
}

/// `said Lena Okafor, Tom Brandt and Ada Ruiz`: the names listed from `first` up to `limit`,
/// closing the clause, as one (plural) mention.
fn coordinated_after(ctx: &Ctx, first: &Np, limit: usize) -> Option<Np> {
    let end = name_list_end(ctx, first.toks.start, limit)?;
    let closes =
        end >= limit || matches!(ctx.low[end].as_str(), "," | "." | ";" | ":" | "in" | "on");
    closes.then(|| np::phrase(ctx, first.toks.start..end))
}

/// `He said: “…”` / `Hill told AFP, “…”` / `According to the mayor, “…”`.
fn leading(ctx: &Ctx, qi: usize, q: &Quoted, owner: &[Option<usize>]) -> Option<Found> {
    let o = q.pieces[0].start;
    if o == 0 || ctx.para_start(o) {
        return None;
    }
    let para = ctx.para_range(o);
    let sent = ctx.sents[ctx.sent[o]].clone();
    let mut floor = sent.start.max(para.start);
    // Do not reach back over another quote.
    let mut k = o;
    while k > floor {
        if owner[k - 1].is_some_and(|x| x != qi) {
            floor = k;
            break;
        }
        k -= 1;
    }
    let c = (floor..o)
        .rev()
        .find_map(|k| cue_at(ctx, k).filter(|c| c.toks.end <= o))?;
    let gap = c.toks.end..o;
    let gap_ok = gap.is_empty()
        || (gap.len() <= 12 && matches!(ctx.low[o - 1].as_str(), ":" | "," | "—" | "–"))
        // "said on Twitter on Monday, in reference to her first child, “…”": a longer
        // adverbial between the cue and the quote, still closed by a comma or a colon.
        || (gap.len() <= 25
            && matches!(ctx.low[o - 1].as_str(), ":" | ",")
            && (c.toks.end..o).all(|k| owner[k].is_none() && !matches!(ctx.low[k].as_str(), "." | "?" | "!" | ";")));
    if !gap_ok {
        return None;
    }
    // "He adds that American Muslims have two choices: “You either leave or you fight.”": the
    // cue's "that" clause leads into the quotation and is part of what was said.
    let that = gap
        .clone()
        .find(|&k| ctx.low[k] == "that" && owner[k].is_none());
    // "the Senate goes on recess, “I intend …”": "go on" introduces a quotation only right
    // before it ("he went on: “…”").
    if go_on(ctx, &c) && gap.clone().any(|k| ctx.is_word(k)) {
        return None;
    }
    // "Sanders was asked by host Bill Maher, “…”": a passive cue's speaker follows "by".
    let passive_by = (c.toks.start > floor && passive_aux(&ctx.low[c.toks.start - 1]))
        .then_some(c.toks.end)
        .filter(|&b| b + 1 < o && ctx.low[b] == "by")
        .and_then(|b| np::forward(ctx, b + 1, o));
    let speaker = if c.source_after {
        np::forward(ctx, c.toks.end, o)
    } else if passive_by.is_some() {
        passive_by
    } else {
        subject(ctx, c.toks.start, floor)
            .filter(|np| !adjunct_like(ctx, np))
            .or_else(|| clause_subject(ctx, floor, c.toks.start))
            // Not the subject of its "that" clause ("adding that he thinks “…”").
            .or_else(|| {
                that.is_none()
                    .then(|| np::forward(ctx, c.toks.end, o))
                    .flatten()
            })
    }?;
    let mut pieces = q.pieces.clone();
    let mut kind = QuoteKind::Direct;
    if let Some(t) = that {
        pieces[0].start = t;
        kind = QuoteKind::Mixed;
    }
    Some(Found {
        kind,
        pieces,
        cue: Some(c.toks.clone()),
        speaker: Some(speaker),
        same_as: None,
        sieve: if c.source_after {
            "according-to"
        } else {
            "leading-cue"
        },
        confidence: 0.85,
        clause_end: last_end(q),
    })
}

/// Joins `“A,” he said, “B.”` and `“A,” he said. “B.”` into one quote with two pieces.
fn merge_split(ctx: &Ctx, found: &mut Vec<Found>, owner: &[Option<usize>]) {
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found.drain(..) {
        if let Some(prev) = out.last_mut() {
            let pend = prev.pieces.last().map_or(0, |p| p.end);
            let fstart = f.pieces[0].start;
            let same_para =
                fstart < ctx.len() && ctx.para[fstart] == ctx.para[pend.saturating_sub(1)];
            let same_cue = prev.cue.is_some() && prev.cue == f.cue;
            let continues = f.speaker.is_none()
                && f.same_as.is_none()
                && (prev.cue.is_some() || prev.speaker.is_some())
                && same_para
                && (prev.clause_end..fstart).all(|k| ctx.is_punct(k) || owner[k].is_some());
            if same_para && (same_cue || continues) {
                prev.pieces.extend(f.pieces);
                prev.clause_end = prev.clause_end.max(f.clause_end);
                continue;
            }
            // `“A.” “B,” he said.`: an unattributed quote right before an attributed one.
            if prev.speaker.is_none()
                && prev.same_as.is_none()
                && f.speaker.is_some()
                && same_para
                && (pend..fstart).all(|k| ctx.is_punct(k))
            {
                let mut f = f;
                let mut pieces = std::mem::take(&mut prev.pieces);
                pieces.extend(f.pieces);
                f.pieces = pieces;
                *prev = f;
                continue;
            }
        }
        out.push(f);
    }
    *found = out;
}

/// Quotes without a cue: a colon-ended introduction in the previous paragraph, the previous
/// paragraph's speaker, or the subject of the previous sentence.
fn resolve_unattributed(ctx: &Ctx, found: &mut [Found]) {
    // The last quote before `i` that has a speaker (for the nearest-speaker fallback).
    let mut last_spoken: Option<usize> = None;
    for i in 0..found.len() {
        if i > 0 && (found[i - 1].speaker.is_some() || found[i - 1].same_as.is_some()) {
            last_spoken = Some(i - 1);
        }
        if found[i].speaker.is_some() || found[i].cue.is_some() {
            continue;
        }
        let o = found[i].pieces[0].start;
        if o == 0 {
            continue;
        }
        // Colon introduction: "He said:⏎“…”" or "… as follows: “…”".
        if ctx.low[o - 1] == ":" {
            let s = ctx.sents[ctx.sent[o - 1]].clone();
            // Only the clause ending in the colon: in "Reid said both are “non-entities,” but
            // he gave the Texan a compliment: “…”" the quote is not what Reid "said" first.
            let clause = (s.start + 1..o - 1)
                .rev()
                .find(|&k| {
                    (matches!(ctx.low[k].as_str(), "but" | "and" | "yet")
                        && (ctx.low[k - 1] == ","
                            || ctx.kind(k - 1) == newsquotes_document::TokenKind::Quote))
                        || ctx.low[k] == ";"
                })
                .map_or(s.start, |k| k + 1);
            if (clause..o - 1).all(|k| cue_at(ctx, k).is_none()) {
                if let Some(np) = np::forward(ctx, clause, o - 1).filter(|np| {
                    np.toks.start == clause
                        && (np.kind == MentionKind::Name
                            || matches!(ctx.low[np.toks.start].as_str(), "he" | "she" | "they"))
                }) {
                    found[i].attribute(np, "colon-intro", 0.6);
                    continue;
                }
            }
            // "More from Jones: “…”", "Here's Clinton in 1992: “…”": a name right before the
            // colon (a person or an organisation), with no cue in its clause.
            let named = (o >= 2)
                .then(|| o - 2)
                .filter(|&e| {
                    ctx.ent[e]
                        .as_ref()
                        .is_some_and(|(l, _)| matches!(l, EntityLabel::Per | EntityLabel::Org))
                        && (e + 1 >= ctx.len() || ctx.ent[e + 1] != ctx.ent[e])
                        && (clause..o - 1).all(|k| cue_at(ctx, k).is_none())
                })
                .map(|e| {
                    let mut b = e;
                    while b > clause && ctx.ent[b - 1].is_some() && ctx.ent[b - 1] == ctx.ent[e] {
                        b -= 1;
                    }
                    np::phrase(ctx, b..e + 1)
                });
            if let Some(np) = named {
                found[i].attribute(np, "colon-intro", 0.5);
                continue;
            }
            if let Some(c) = (clause..o - 1).rev().find_map(|k| cue_at(ctx, k)) {
                let sp = if c.source_after {
                    np::forward(ctx, c.toks.end, o - 1)
                } else {
                    subject(ctx, c.toks.start, s.start)
                        .or_else(|| np::forward(ctx, c.toks.end, o - 1))
                };
                if let Some(sp) = sp {
                    let f = &mut found[i];
                    f.cue = Some(c.toks);
                    f.speaker = Some(sp);
                    f.sieve = "colon-intro";
                    f.confidence = 0.75;
                    continue;
                }
            }
        }
        // Dialogue: after two turns by different speakers, the last of them without a cue,
        // turns alternate ("Rhodes shook his head. “…”" / "“That’s simply not true.”").
        if ctx.para_start(o) && i >= 2 {
            let (a, b) = (&found[i - 2], &found[i - 1]);
            let para = |f: &Found| ctx.para[f.pieces[0].start];
            let speaker_of = |k: usize| -> Option<&Np> {
                let f = &found[k];
                f.same_as
                    .map_or(f.speaker.as_ref(), |t| found[t].speaker.as_ref())
            };
            let last_word = |np: &Np| ctx.low[np.toks.end - 1].clone();
            let uncued = b.cue.is_none() && (b.speaker.is_some() || b.same_as.is_some());
            // “And what changed?” asked the reporter.⏎“…”: a question is answered by the
            // other party, cued or not.
            let asks = |f: &Found| {
                f.pieces
                    .last()
                    .is_some_and(|p| (p.start..p.end).rev().take(3).any(|k| ctx.low[k] == "?"))
            };
            let question = asks(b) && (b.speaker.is_some() || b.same_as.is_some());
            // “Did you?” said the barrister.⏎“I think so,” the witness replied.⏎“Which was
            // it?”: a question after the answer to a question comes from the one who asked.
            let follow_up =
                asks(a) && asks(&found[i]) && (b.speaker.is_some() || b.same_as.is_some());
            if (uncued || question || follow_up)
                && para(b) + 1 == ctx.para[o]
                && para(a) + 2 >= para(b)
                && speaker_of(i - 2)
                    .zip(speaker_of(i - 1))
                    .is_some_and(|(x, y)| last_word(x) != last_word(y))
            {
                let target = a.same_as.unwrap_or(i - 2);
                let f = &mut found[i];
                f.same_as = Some(target);
                f.sieve = "dialogue-turn";
                f.confidence = 0.45;
                continue;
            }
        }
        // Continuation: the quote opens a paragraph right after a paragraph that ended with an
        // attributed quote.
        if ctx.para_start(o) && i > 0 {
            let prev = &found[i - 1];
            let pend = prev.pieces.last().map_or(0, |p| p.end);
            let gap_paras = ctx.para[o] - ctx.para[pend.saturating_sub(1)];
            let prev_ends_para =
                prev.clause_end >= ctx.para_range(pend.saturating_sub(1)).end.saturating_sub(1);
            if gap_paras == 1
                && prev_ends_para
                && (prev.speaker.is_some() || prev.same_as.is_some())
            {
                let target = prev.same_as.unwrap_or(i - 1);
                let f = &mut found[i];
                f.same_as = Some(target);
                f.sieve = "paragraph-continuation";
                f.confidence = 0.6;
                continue;
            }
        }
        // The subject of the sentence before the quote, when it is a person.
        if o > 0 {
            let s = ctx.sents[ctx.sent[o - 1]].clone();
            if ctx.sent[o - 1] != ctx.sent[o] || ctx.para_start(o) {
                let w = first_word(ctx, s.start, s.end);
                // "At a nearby field kitchen, a man …": past an opening prepositional phrase.
                let w = past_opening_phrase(ctx, w, s.end).map_or(w, |k| first_word(ctx, k, s.end));
                let per = |k: usize| {
                    ctx.ent[k]
                        .as_ref()
                        .is_some_and(|(l, _)| *l == newsquotes_document::EntityLabel::Per)
                };
                // "The hospice’s chief executive, Ruth Penhale, was …": the apposed name.
                let np = np::forward(ctx, w, s.end)
                    .map(|np| np::apposed_name(ctx, &np, s.end).unwrap_or(np));
                if let Some(np) = np {
                    let person = match np.kind {
                        MentionKind::Pronoun => {
                            matches!(ctx.low[np.toks.start].as_str(), "he" | "she")
                        }
                        // "Major Andriy Horbenko": a person's name, after titles only (not
                        // "Yet Trump", "Trump's first").
                        MentionKind::Name => {
                            let lex = crate::lexicon::Lexicon::get();
                            np.toks.clone().find(|&k| per(k)).is_some_and(|first| {
                                (np.toks.start..first)
                                    .all(|k| lex.is_title(ctx.low[k].trim_end_matches('.')))
                            }) && per(np.toks.end - 1)
                        }
                        // "a man who gave his name only as Taras", "The president".
                        _ => matches!(
                            np::head_class(ctx, &np.toks),
                            Some(
                                crate::lexicon::NounClass::Person(_)
                                    | crate::lexicon::NounClass::Title(_)
                            )
                        ),
                    };
                    if person && !ctx.boiler[w] {
                        found[i].attribute(np, "previous-sentence-subject", 0.4);
                        continue;
                    }
                }
            }
        }
        // The speaker of the nearest quote before it, in this paragraph or the one before
        // (not for a few words, which are more often scare quotes).
        if words_in(ctx, &found[i].pieces) <= 4 {
            continue;
        }
        let para = ctx.para[o];
        let near = last_spoken.filter(|&k| ctx.para[found[k].pieces[0].start] + 1 >= para);
        // "The senator then turned to the crowd, “…”": inside a sentence, its subject (a name
        // or a personal pronoun) is nearer than any earlier quote's speaker.
        let sent = ctx.sents[ctx.sent[o]].clone();
        let own = (o > sent.start)
            .then(|| clause_subject(ctx, sent.start, o))
            .flatten()
            .filter(|np| {
                np.toks.end <= o
                    && (np.kind == MentionKind::Name
                        || (np.kind == MentionKind::Pronoun
                            && personal_subject(&ctx.low[np.toks.start])))
                    && person_like(ctx, np)
            });
        if let Some(np) = own {
            found[i].attribute(np, "sentence-subject", 0.35);
            continue;
        }
        if let Some(k) = near {
            let target = found[k].same_as.unwrap_or(k);
            let f = &mut found[i];
            f.same_as = Some(target);
            f.sieve = "nearest-speaker";
            f.confidence = 0.3;
        }
    }
}

/// A quote-only paragraph after a paragraph whose last sentence reports speech with a source
/// (`… leaders “who understand …,” Clinton said.⏎“And that is why …”`) continues that report.
/// `found` holds the direct quotes first (`..n_direct`), then the indirect and mixed ones.
pub(crate) fn continue_reported(ctx: &Ctx, found: &mut [Found], n_direct: usize, dropped: &[bool]) {
    // The attributed report ending last in each paragraph.
    let mut last: Vec<Option<(usize, usize)>> = vec![None; ctx.paras.len()];
    for (j, f) in found.iter().enumerate() {
        if dropped[j] || (f.speaker.is_none() && f.same_as.is_none()) {
            continue;
        }
        let end = f.pieces.last().map_or(0, |p| p.end).max(f.clause_end);
        if end == 0 || end > ctx.len() {
            continue;
        }
        let para = ctx.para[end - 1];
        if last[para].is_none_or(|(_, e)| end > e) {
            last[para] = Some((j, end));
        }
    }
    for i in 0..n_direct {
        let f = &found[i];
        if dropped[i] || f.speaker.is_some() || f.same_as.is_some() || f.cue.is_some() {
            continue;
        }
        let o = f.pieces[0].start;
        if !ctx.para_start(o) || ctx.para[o] == 0 {
            continue;
        }
        let prev = ctx.para[o] - 1;
        let Some((j, end)) = last[prev] else {
            continue;
        };
        let pr = &ctx.paras[prev];
        let tail_sentence = ctx.sent[end - 1] == ctx.sent[pr.end - 1];
        if j < n_direct || !tail_sentence {
            // Direct predecessors are handled by the paragraph-continuation sieve.
            continue;
        }
        let target = found[j].same_as.unwrap_or(j);
        let f = &mut found[i];
        f.same_as = Some(target);
        f.sieve = "paragraph-continuation";
        f.confidence = 0.5;
    }
    // Last resort for a direct quote of a sentence or more still without a source: the speaker
    // of the nearest report of any kind ending before it, at most two paragraphs back.
    for i in 0..n_direct {
        let f = &found[i];
        if dropped[i]
            || f.speaker.is_some()
            || f.same_as.is_some()
            || f.cue.is_some()
            || words_in(ctx, &f.pieces) <= 4
        {
            continue;
        }
        let o = f.pieces[0].start;
        let near = found
            .iter()
            .enumerate()
            .filter(|&(j, g)| !dropped[j] && j != i && (g.speaker.is_some() || g.same_as.is_some()))
            .filter_map(|(j, g)| {
                let end = g.pieces.last().map_or(0, |p| p.end).max(g.clause_end);
                (end > 0 && end <= o && ctx.para[end - 1] + 2 >= ctx.para[o]).then_some((j, end))
            })
            .max_by_key(|&(_, end)| end);
        if let Some((j, _)) = near {
            let target = found[j].same_as.unwrap_or(j);
            let f = &mut found[i];
            f.same_as = Some(target);
            f.sieve = "nearest-speaker";
            f.confidence = 0.25;
        }
    }
}

/// Indirect and mixed quotes: "X said (that) …", "X told Y (that) …", "…, X said.",
/// "According to X, …", reported questions.
pub(crate) fn indirect(
    ctx: &Ctx,
    quotes: &[Quoted],
    owner: &[Option<usize>],
    direct: &[Found],
) -> Vec<Found> {
    let mut used_cue = vec![false; ctx.len()];
    // The speaker a direct quote's cue gives, at the cue's first token.
    let mut cue_speaker: Vec<Option<&Np>> = vec![None; ctx.len()];
    let mut in_direct = vec![false; ctx.len()];
    for f in direct {
        if let Some(c) = &f.cue {
            used_cue[c.clone()].fill(true);
            if c.start < ctx.len() {
                cue_speaker[c.start] = f.speaker.as_ref();
            }
        }
        // A quote without a speaker does not claim its tokens: it may be part of a mixed quote
        // (`“…” that Sanders can win, said Elmendorf`), which then replaces it.
        if f.speaker.is_none() && f.same_as.is_none() {
            continue;
        }
        for p in &f.pieces {
            in_direct[p.clone()].fill(true);
        }
    }
    let _ = quotes;
    let mut out = Vec::new();
    for s in &ctx.sents {
        if s.is_empty() || ctx.boiler[s.start] {
            continue;
        }
        let cend = clause_end(ctx, s, owner);
        if let Some(f) = colon_headline(ctx, s, cend, owner, &in_direct) {
            out.push(f);
            continue;
        }
        let mut k = s.start;
        // The speaker of the last report in this sentence: the subject of a coordinated verb
        // ("he did say … and called …", "Bush referred to … but described …").
        let mut last_speaker: Option<Np> = None;
        while k < cend {
            // A direct quote's source is the last speaker too ("“…,” said Walsh, calling the
            // plan “a disgrace”": Walsh calls it).
            if let Some(np) = cue_speaker[k].filter(|np| np.toks.start >= s.start) {
                last_speaker = Some(np.clone());
            }
            if owner[k].is_some() || used_cue[k] {
                k += 1;
                continue;
            }
            if let Some(f) = noun_that(ctx, k, cend, owner, &in_direct) {
                k = f.pieces[0].start;
                out.push(f);
                continue;
            }
            let Some(c) = cue_at(ctx, k) else {
                k += 1;
                continue;
            };
            if let Some(f) = indirect_at(ctx, s, cend, &c, owner, &in_direct, &last_speaker) {
                k = c.toks.end;
                last_speaker.clone_from(&f.speaker);
                out.push(f);
            } else {
                k += 1;
            }
        }
    }
    out
}

/// A headline or a paragraph opening with its source and a colon: "Graham: Trump’s ‘Hateful
/// Rhetoric’ Destroying GOP’s Chance", "Clinton camp: Trump’s remarks threaten security". The
/// source is a short name phrase starting the paragraph; the content is the rest of the sentence.
fn colon_headline(
    ctx: &Ctx,
    s: &Range<usize>,
    cend: usize,
    owner: &[Option<usize>],
    in_direct: &[bool],
) -> Option<Found> {
    if ctx.para_range(s.start).start != s.start || s.len() < 5 {
        return None;
    }
    let colon = (s.start + 1..cend.min(s.start + 6)).find(|&k| ctx.low[k] == ":")?;
    if owner[colon].is_some() || !ctx.is_cap(s.start) {
        return None;
    }
    let np = np::forward(ctx, s.start, colon)?;
    let named = (s.start..colon).any(|k| {
        ctx.ent[k]
            .as_ref()
            .is_some_and(|(l, _)| matches!(l, EntityLabel::Per | EntityLabel::Org))
    });
    // "The Latest:" is a label: a phrase opening with "the" must hold a person or an
    // organisation the tagger found.
    let bare_the = ctx.low[s.start] == "the" && !named;
    if np.toks.end != colon || !(named || np.kind == MentionKind::Name) || bare_the {
        return None;
    }
    // "Update:", "Photo:", "Watch:" and the like are labels, not sources.
    if colon - s.start == 1
        && matches!(
            ctx.low[s.start].as_str(),
            "update"
                | "photo"
                | "photos"
                | "video"
                | "watch"
                | "listen"
                | "read"
                | "note"
                | "editor"
                | "exclusive"
                | "breaking"
                | "correction"
                | "source"
                | "sources"
                | "related"
                | "q"
                | "a"
        )
    {
        return None;
    }
    let content = trim_start(ctx, colon + 1..cend);
    if !content_ok(ctx, &content, in_direct) || content.len() < 3 {
        return None;
    }
    Some(Found::report(
        kind_for(ctx, &content, owner),
        content,
        colon..colon + 1,
        np,
        "colon-headline",
        0.5,
        cend,
    ))
}

/// "Trump's claim that …", "the ministry's statement that …": a reporting noun with a
/// possessor as its source.
fn noun_that(
    ctx: &Ctx,
    k: usize,
    cend: usize,
    owner: &[Option<usize>],
    in_direct: &[bool],
) -> Option<Found> {
    let lex = Lexicon::get();
    if k < 2 || k + 2 >= cend || !lex.nouns.contains_key(ctx.low[k].as_str()) {
        return None;
    }
    if ctx.low[k + 1] != "that" || !matches!(ctx.low[k - 1].as_str(), "'s" | "'") {
        return None;
    }
    let source = np::backward(ctx, k - 1, k.saturating_sub(10))?;
    let content = through_quote(ctx, owner, k + 1..content_end(ctx, k + 1, cend, owner));
    if !content_ok(ctx, &content, in_direct) {
        return None;
    }
    Some(Found::report(
        kind_for(ctx, &content, owner),
        content,
        k..k + 1,
        source,
        "noun-that",
        0.6,
        cend,
    ))
}

fn kind_for(ctx: &Ctx, r: &Range<usize>, owner: &[Option<usize>]) -> QuoteKind {
    let _ = ctx;
    if r.clone().any(|k| owner[k].is_some()) {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}

/// The longest indirect or mixed content, in tokens. PolNeAR's longest within-sentence reports
/// have about 150 words (99.9% have fewer); without a bound, a run-on "sentence" with a cue every
/// few words would give every cue a content to its end (output quadratic in the input).
pub(crate) const MAX_REPORT: usize = 250;

fn content_ok(ctx: &Ctx, r: &Range<usize>, in_direct: &[bool]) -> bool {
    if r.len() > MAX_REPORT {
        return false;
    }
    let words = r.clone().filter(|&k| ctx.is_word(k)).count();
    words >= 2
        && !r.clone().all(|k| in_direct[k] || ctx.is_punct(k))
        && r.clone().filter(|&k| in_direct[k]).count() * 2 < r.len()
}

fn indirect_at(
    ctx: &Ctx,
    s: &Range<usize>,
    cend: usize,
    c: &Cue,
    owner: &[Option<usize>],
    in_direct: &[bool],
    last_speaker: &Option<Np>,
) -> Option<Found> {
    let cs = c.toks.start;
    let ce = c.toks.end;
    // "ruled that", "held that": judgments need their "that" ("held a rally" is no report,
    // checked below); so do forms that are mostly nouns or non-speech senses in news text ("secretary of
    // state", "the biggest challenge", "maintained support", "you find a collection"; each
    // under 30% precise without "that" on PolNeAR train).
    // "read some of their case files", "I read that …": reading reports no speech; what a sign
    // reads is quoted directly (the direct sieves).
    if c.lemma == Some("read") {
        return None;
    }
    let that_only = matches!(
        ctx.low[cs].as_str(),
        "state" | "states" | "challenge" | "find" | "thought" | "knew" | "maintained"
    );
    if that_only && (ce >= cend || ctx.low[ce] != "that") {
        return None;
    }
    // "went on the offensive / to win", "voted for Trump": phrasal cues that report speech only
    // around a quotation ("“…,” he went on"), which the direct sieves handle.
    let vote_for = c.toks.len() == 2
        && matches!(ctx.low[cs].as_str(), "vote" | "votes" | "voted" | "voting")
        && ctx.low[cs + 1] == "for";
    if go_on(ctx, c) || vote_for {
        return None;
    }
    let mk = |content: Range<usize>, speaker: Np, sieve: &'static str, conf: f32| {
        let kind = kind_for(ctx, &content, owner);
        Found::report(kind, content, c.toks.clone(), speaker, sieve, conf, cend)
    };
    if c.source_after {
        let np = source_phrase(ctx, ce, cend).or_else(|| np::forward(ctx, ce, cend))?;
        if first_word(ctx, s.start, cs) == cs {
            // "According to X, CONTENT."
            let mut b = np.toks.end;
            while b < cend && (ctx.low[b] == "," || !ctx.is_word(b) && owner[b].is_none()) {
                b += 1;
            }
            let content = through_quote(ctx, owner, b..cend);
            return content_ok(ctx, &content, in_direct)
                .then(|| mk(content, np, "according-to", 0.8));
        }
        // "Clinton leads Sanders by 271 delegates according to a count by …": no comma; the
        // content starts after the last comma before the cue.
        let bare = cs > s.start + 3 && ctx.is_word(cs - 1) && owner[cs - 1].is_none();
        if cs > s.start && (ctx.low[cs - 1] == "," || bare) {
            let cut = if bare { cs } else { cs - 1 };
            let from = if bare {
                // Looked for no farther back than the longest report.
                let lo = s.start.max(cut.saturating_sub(MAX_REPORT));
                match (lo..cut)
                    .rev()
                    .find(|&t| ctx.low[t] == "," && owner[t].is_none())
                {
                    Some(t) => t + 1,
                    None if lo > s.start => return None,
                    None => s.start,
                }
            } else {
                s.start
            };
            let content = first_word(ctx, from, cut).min(cut)..cut;
            let content = trim_start(ctx, content);
            if !content_ok(ctx, &content, in_direct) {
                return None;
            }
            // "At the heart of it, according to X, was a decision …": the source phrase is
            // parenthetical and the content goes on after it.
            let after = np.toks.end;
            let rest = (after + 1 < cend && ctx.low[after] == ",").then(|| {
                trim_start(
                    ctx,
                    through_quote(
                        ctx,
                        owner,
                        after + 1..content_end(ctx, after + 1, cend, owner),
                    ),
                )
            });
            let mut f = mk(content, np, "according-to", 0.8);
            // "…, according to the agency, which published …": a relative clause on the
            // source is not content.
            // Nor is an apposition ("…, according to Reefwatch, a monitoring network that pools
            // survey data").
            let rest = rest.filter(|r| {
                let apposition = || {
                    matches!(ctx.low[r.start].as_str(), "a" | "an" | "the")
                        && !clause_like(ctx, r.clone(), false)
                };
                !r.is_empty()
                    && !matches!(ctx.low[r.start].as_str(), "which" | "who" | "whose")
                    && !apposition()
            });
            if let Some(rest) = rest.filter(|r| r.clone().filter(|&k| ctx.is_word(k)).count() >= 2)
            {
                if kind_for(ctx, &rest, owner) == QuoteKind::Mixed {
                    f.kind = QuoteKind::Mixed;
                }
                f.pieces.push(rest);
            }
            return Some(f);
        }
        return None;
    }
    // A passive cue ("Volunteers were called out", "His death was announced by", "laws have
    // been challenged") reports no speech of its subject.
    let mut b = cs;
    while b > s.start && ctx.low[b - 1].ends_with("ly") && !ctx.is_cap(b - 1) {
        b -= 1;
    }
    if b > s.start
        && passive_aux(&ctx.low[b - 1])
        && (ctx.low[cs].ends_with("ed")
            || matches!(
                ctx.low[cs].as_str(),
                "told" | "said" | "written" | "shown" | "heard" | "known" | "taught" | "spoken"
            ))
        && c.lemma.is_some()
        // "was asked whether …", "was criticized for …", "is reported to …" still report.
        && !matches!(
            ctx.low[cs].as_str(),
            "asked" | "criticized" | "criticised" | "charged" | "accused" | "reported" | "quoted"
        )
    {
        return None;
    }
    // Inverted trailing cue: "CONTENT, said X." (speech verbs and person-like sources only:
    // "Smith, a professor, described Trump's approach" is not one).
    // (Never a participle: "…, telling supporters in Columbus, Ohio, that …" reports what
    // follows.)
    let speech = c.lemma.is_some_and(|l| SPEECH.contains(&l)) && !ctx.low[cs].ends_with("ing");
    let before_cue = comma_end(ctx, owner, cs).filter(|&e| e > s.start);
    if let (Some(cut), true) = (before_cue, speech) {
        if let Some(np) = np::forward(ctx, ce, cend).filter(|np| person_like(ctx, np)) {
            let after = skip_pp(ctx, np.toks.end, cend);
            // "…, said Maria Lopez, a professor at …": an apposition may close the sentence;
            // so may a relative clause ("…, said the man who built his career on …").
            if after >= cend
                || ctx.low[after] == ","
                || (after == np.toks.end && matches!(ctx.low[after].as_str(), "who" | "whose"))
            {
                let content = trim_start(
                    ctx,
                    skip_connective(ctx, back_through_quote(ctx, owner, s.start)..cut),
                );
                let np = np::apposed_name(ctx, &np, cend).unwrap_or(np);
                return content_ok(ctx, &content, in_direct)
                    .then(|| mk(content, np, "trailing-said-inverted", 0.7));
            }
        }
    }
    // A subject the phrase finder brackets, else a long one ("28 percent of voters").
    let (subj, participle) =
        match subject(ctx, cs, s.start).or_else(|| long_subject(ctx, s, cs, owner)) {
            // Relative clauses report speech only with speech verbs ("who said", not "who would
            // defend").
            Some(np)
                if np.kind == MentionKind::Pronoun
                    && matches!(ctx.low[np.toks.start].as_str(), "who" | "which")
                    && !c.lemma.is_some_and(|l| SPEECH.contains(&l)) =>
            {
                return None
            }
            Some(np) => (np, false),
            None => {
                // "…, saying …" / "… and called for …" / "by announcing …": the subject of the
                // sentence, or of the cue just before ("he said, adding that …").
                let prev = cs.checked_sub(1).map(|p| ctx.low[p].as_str());
                let ing = ctx.low[cs].ends_with("ing");
                let speech_ing = ing && c.lemma.is_some_and(|l| SPEECH.contains(&l));
                let attached = matches!(
                    prev,
                    Some("," | "by" | "after" | "while" | "when" | "before" | "of")
                );
                if (ing && attached) || matches!(prev, Some("and" | "but" | "then")) || speech_ing {
                    let earlier = (prev == Some(","))
                        .then(|| cs - 1)
                        .filter(|&comma| comma > s.start)
                        .and_then(|comma| {
                            let v = skip_left(ctx, comma, s.start);
                            (v > s.start && cue_at(ctx, v - 1).is_some())
                                .then(|| subject(ctx, v - 1, s.start))
                                .flatten()
                        });
                    // "On Sunday", "Speaking", "Hours later" are not speakers.
                    let earlier = earlier.filter(|np| !adjunct_like(ctx, np));
                    // "and when Rubio thanked Miami and said …": the subject of the nearest
                    // clause opening before a coordinated verb.
                    let nearest = matches!(prev, Some("and" | "but" | "then"))
                        .then(|| nearest_clause_subject(ctx, s.start, cs - 1))
                        .flatten();
                    match (last_speaker, earlier, nearest) {
                        (Some(np), _, _) if np.toks.end <= cs => (np.clone(), true),
                        (_, Some(np), _) => (np, true),
                        (_, _, Some(np)) => (np, true),
                        _ => (clause_subject(ctx, s.start, cs)?, true),
                    }
                } else {
                    return None;
                }
            }
        };
    // "(On Monday he said …", "Last week Trump told …": a short time phrase opens the sentence.
    let time_intro = |st: usize| {
        let f = first_word(ctx, s.start, st);
        f < st
            && st - f <= 4
            && matches!(
                ctx.low[f].as_str(),
                "on" | "in"
                    | "last"
                    | "this"
                    | "earlier"
                    | "later"
                    | "yesterday"
                    | "today"
                    | "tuesday"
                    | "monday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "then"
                    | "now"
            )
            && (f + 1..st).all(|k| {
                np::is_time(ctx.low[k].as_str())
                    || ctx.is_cap(k)
                    || ctx.kind(k) == newsquotes_document::TokenKind::Number
            })
    };
    // "in which he says …", "A few minutes later they said …": a subject-case personal pronoun
    // right before the verb is its subject wherever its clause starts.
    let pronoun_subject = subj.kind == MentionKind::Pronoun
        && personal_subject(ctx.low[subj.toks.start].as_str())
        && skip_left(ctx, cs, s.start) == subj.toks.end
        && c.strength == Strength::Strong
        // Not a report nested in another one's content.
        && (s.start..subj.toks.start).all(|k| owner[k].is_none() && cue_at(ctx, k).is_none());
    let opener_ok = participle
        || time_intro(subj.toks.start)
        || pronoun_subject
        || subj.toks.start == s.start
        || matches!(ctx.low[subj.toks.start].as_str(), "who" | "which")
        || CLAUSE_OPENERS.contains(&ctx.low[subj.toks.start - 1].as_str())
        || (ctx.low[subj.toks.start - 1] == "that"
            && c.strength >= Strength::Direct
            // Not a report nested in another one's "that" clause ("admitted that he had
            // guessed …").
            && (s.start..subj.toks.start).all(|k| cue_at(ctx, k).is_none())
            && (subj.kind == MentionKind::Name
                || matches!(ctx.low[subj.toks.start].as_str(), "he" | "she" | "they")))
        || comma_end(ctx, owner, subj.toks.start).is_some()
        || first_word(ctx, s.start, subj.toks.start) == subj.toks.start;
    // "Walsh and Adeyemi said …": coordinated names opening the sentence are one source.
    // The group opens the sentence, so its position is a subject's.
    let (subj, opener_ok) = match (!participle && subj.toks.start > s.start)
        .then(|| coordinated_subject(ctx, first_word(ctx, s.start, subj.toks.start), &subj))
        .flatten()
    {
        Some(group) => (group, true),
        None => (subj, opener_ok),
    };
    let subj = if opener_ok {
        // "Most Republican voters in Alabama, Georgia and Virginia said": a conjunct of a
        // longer subject phrase.
        let conjunct = !participle
            && subj.toks.start > s.start
            && matches!(ctx.low[subj.toks.start - 1].as_str(), "and" | "or");
        match conjunct.then(|| long_subject(ctx, s, cs, owner)).flatten() {
            Some(ls)
                if ls.toks.start < subj.toks.start
                    && ls.toks.end >= subj.toks.end
                    && !ls.toks.clone().any(|k| {
                        is_aux(ctx.low[k].as_str())
                            || (ctx.low[k].ends_with("ed") && !ctx.is_cap(k))
                    }) =>
            {
                ls
            }
            _ => subj,
        }
    } else {
        long_subject(ctx, s, cs, owner)?
    };
    // "despite reports of a bid": a preposition is no speaker.
    if !participle && adjunct_like(ctx, &subj) && subj.kind != MentionKind::Name {
        return None;
    }
    // "Several similar calls have been published", "What he says is true": an auxiliary right
    // after the cue word makes it a noun or a subject clause, not a report.
    if ce < cend && is_aux(ctx.low[ce].as_str()) {
        return None;
    }
    // Trailing: "CONTENT, X said (in a statement)." / "CONTENT, X told The Washington Post."
    let after = skip_pp(ctx, ce, cend);
    let after = if c.takes_object && after < cend && ctx.low[after] != "," {
        np::forward(ctx, after, cend)
            .map(|o| skip_pp(ctx, o.toks.end, cend))
            .filter(|&e| e >= cend || ctx.low[e] == ",")
            .unwrap_or(after)
    } else {
        after
    };
    // Parenthetical: "The museum, Mr. Bush said, celebrated …" — content on both sides.
    // The comma before the source may stand inside a closing mark: `The deal will “hurt
    // everyone,” Jones said, adding that …`.
    if !participle && after < cend && ctx.low[after] == "," && subj.toks.start > s.start {
        if let Some(comma) = comma_end(ctx, owner, subj.toks.start) {
            let before = trim_start(ctx, skip_connective(ctx, s.start..comma));
            let rest = trim_start(ctx, after + 1..content_end(ctx, after + 1, cend, owner));
            let words = |r: &Range<usize>| r.clone().filter(|&k| ctx.is_word(k)).count();
            // "Still, he said, officials have to decide …": only a connective before it.
            if words(&before) <= 1 && words(&rest) >= 2 && content_ok(ctx, &rest, in_direct) {
                let mut f = mk(rest.clone(), subj, "parenthetical-said", 0.6);
                f.kind = kind_for(ctx, &rest, owner);
                return Some(f);
            }
            // "…, Smith said, adding that …": the participle reports on its own; the content is
            // what comes before the source.
            let participle_report = !rest.is_empty()
                && ctx.low[rest.start].ends_with("ing")
                && cue_at(ctx, rest.start).is_some();
            if words(&before) >= 2 && participle_report && content_ok(ctx, &before, in_direct) {
                let mut f = mk(before.clone(), subj, "trailing-said", 0.7);
                f.kind = kind_for(ctx, &before, owner);
                return Some(f);
            }
            if words(&before) >= 2 && words(&rest) >= 2 && !before.is_empty() {
                let mut f = mk(before.clone(), subj, "parenthetical-said", 0.65);
                f.kind = if kind_for(ctx, &before, owner) == QuoteKind::Mixed
                    || kind_for(ctx, &rest, owner) == QuoteKind::Mixed
                {
                    QuoteKind::Mixed
                } else {
                    QuoteKind::Indirect
                };
                f.pieces.push(rest);
                return Some(f);
            }
        }
    }
    if after >= cend {
        if participle {
            return None;
        }
        let cut = comma_end(ctx, owner, subj.toks.start)?;
        if cut <= s.start {
            return None;
        }
        let content = trim_start(
            ctx,
            skip_connective(ctx, back_through_quote(ctx, owner, s.start)..cut),
        );
        // "While Moreau said the budget was balanced, his deputy disagreed": an opening
        // subordinate clause with a report of its own is no content of the main clause.
        let subordinate_report = !content.is_empty()
            && SUBORDINATORS.contains(&ctx.low[content.start].as_str())
            && content.clone().any(|k| {
                owner[k].is_none()
                    && cue_at(ctx, k).is_some_and(|c| c.lemma.is_some_and(|l| SPEECH.contains(&l)))
            });
        return (content_ok(ctx, &content, in_direct) && !subordinate_report)
            .then(|| mk(content, subj, "trailing-said", 0.7));
    }
    // Complement: a hearer and prepositional phrases may come before "that" or a wh-word;
    // so may a dash-enclosed aside ("said — on Twitter, as it happens — that …").
    let mut k = ce;
    let mut kk = ce;
    if ce < cend && matches!(ctx.low[ce].as_str(), "—" | "–" | "--") {
        if let Some(close) = (ce + 1..cend.min(ce + 20)).find(|&t| ctx.low[t] == ctx.low[ce]) {
            kk = close + 1;
            k = kk;
        }
    }
    if c.takes_object {
        if let Some(obj) = np::forward(ctx, kk, cend) {
            kk = obj.toks.end;
            // "told reporters the wards were empty": a clause after the hearer.
            if kk < cend {
                let w = ctx.low[kk].as_str();
                let lex = Lexicon::get();
                let clause = lex.pronouns.get(w).is_some_and(|p| p.subject)
                    || matches!(
                        w,
                        "the"
                            | "there"
                            | "it"
                            | "this"
                            | "a"
                            | "an"
                            | "his"
                            | "her"
                            | "their"
                            | "its"
                            | "our"
                            | "my"
                    );
                if clause && obj.toks.len() <= 4 {
                    k = kk;
                }
            }
        }
    }
    // "asked not to be identified" is not speech; nor is "two men accused of setting fire": the
    // active verb takes its object first ("accused him of").
    if ce < cend
        && (ctx.low[ce] == "not"
            || (ctx.low[ce] == "of"
                && c.lemma.is_some_and(|l| {
                    matches!(l, "accuse" | "charge" | "suspect" | "convict" | "acquit")
                })))
    {
        return None;
    }
    let k2 = skip_pp(ctx, kk, cend);
    let k2 = if k2 < cend && ctx.low[k2] == "," && k2 + 1 < cend {
        k2 + 1
    } else {
        k2
    };
    // "is telling customers at a popular Manchester, New Hampshire, breakfast spot that …": a
    // longer hearer phrase, up to a "that" before any quotation mark, verb cue or sentence end.
    // A cue word used as a noun ("told staff on a video call that …") does not end it.
    let k2 = if c.takes_object && k2 < cend && ctx.low[k2] != "that" && kk > ce {
        (k2..cend.min(k2 + 20))
            .take_while(|&t| {
                owner[t].is_none()
                    && ctx.low[t] != ";"
                    && (cue_at(ctx, t).is_none() || noun_use(ctx, t))
            })
            .find(|&t| ctx.low[t] == "that")
            .unwrap_or(k2)
    } else {
        k2
    };
    if k2 < cend
        && (ctx.low[k2] == "that" || WH.contains(&ctx.low[k2].as_str()) || ctx.low[k2] == ":")
    {
        k = k2;
    } else if k2 > ce && skip_pp(ctx, ce, cend) == k2 && !c.takes_object {
        // "said on Monday the plan …"
        k = k2;
    } else if c.takes_object && kk > ce && k2 < cend && ctx.low[k2] == "to" {
        // "told the minister to come back …": what the hearer is told to do.
        k = k2;
    }
    if k >= cend {
        return None;
    }
    // "While Ramos said that journalists …, he appears …": a report inside an opening
    // subordinate clause ends where the main clause begins.
    let cend = subordinate_end(ctx, s, cs, k, cend, owner);
    let w = ctx.low[k].as_str();
    let lex = Lexicon::get();
    if c.lemma.is_some_and(|l| matches!(l, "rule" | "hold")) && w != "that" {
        return None;
    }
    let (content, sieve, conf) = if w == "that" {
        // "disputed that account.": "that" is a determiner when a short noun phrase ends the
        // clause.
        let words = (k + 1..cend).filter(|&t| ctx.is_word(t)).count();
        if words <= 2 && (k + 1..cend).all(|t| owner[t].is_none()) {
            return None;
        }
        (k..cend, "reported-that", 0.75)
    } else if WH.contains(&w) {
        // "…, which concluded …", "the report which …": a relative clause, not a question.
        if k > ce && (ctx.low[k - 1] == "," || w == "which") {
            return None;
        }
        (k..cend, "reported-question", 0.65)
    } else if w == ":" {
        // "X said:" introduces a direct quote or a list; what follows is rarely reported speech.
        return None;
    } else if c.strength >= Strength::Direct
        && (ctx.is_word(k) || owner[k].is_some())
        // "said and …", "was seen as …", "set up …", "spoke in …": not a reported clause.
        && !matches!(w, "and" | "as" | "in" | "up")
        // "protested outside the hall", "a warning for counties …", "announced on Tuesday by":
        // a preposition or particle the phrase skipper left is no clause.
        && !PARTICLES.contains(&w)
    {
        (k..cend, "reported-clause", 0.6)
    } else if c.strength == Strength::Weak
        && ctx.is_word(k)
        && (lex.pronouns.get(w).is_some_and(|p| p.subject)
            || matches!(w, "the" | "a" | "an" | "there" | "it" | "this")
            || ctx.is_cap(k))
    {
        (k..cend, "reported-clause", 0.5)
    } else {
        return None;
    };
    let content = trim_start(
        ctx,
        content.start..content_end(ctx, content.start, content.end, owner),
    );
    let content = through_quote(ctx, owner, content);
    let content = relative_end(ctx, owner, &subj, content);
    content_ok(ctx, &content, in_direct).then(|| mk(content, subj, sieve, conf))
}

/// A word right after an article or after an article and one more word ("a call", "a video
/// call", "the statement"): a noun, whatever else it may be.
fn noun_use(ctx: &Ctx, t: usize) -> bool {
    let article = |u: usize| matches!(ctx.low[u].as_str(), "a" | "an" | "the");
    (t >= 1 && article(t - 1))
        || (t >= 2 && article(t - 2) && ctx.is_word(t - 1) && !is_aux(&ctx.low[t - 1]))
}

/// What the cue of a found quote is (its lemma, strength and frame).
fn cue_of(ctx: &Ctx, f: &Found) -> Option<Cue> {
    f.cue.as_ref().and_then(|r| cue_at(ctx, r.start))
}

/// The speech scope's rule for inscriptions: what a card, a sign or a banner "reads" is quoted
/// with its cue but without a speaker (a thing says nothing; the `tests/samples` guideline gives
/// such quotes no speaker).
pub(crate) fn drop_inscription_source(ctx: &Ctx, f: &mut Found) {
    let reads = cue_of(ctx, f).is_some_and(|c| c.lemma == Some("read"));
    if reads && f.speaker.as_ref().is_some_and(|np| !person_like(ctx, np)) {
        f.speaker = None;
    }
}

/// The kept found quotes with a speaker (their own or by a continuation link), as (first token,
/// index), sorted by position: what [`nearest_report`] searches.
pub(crate) fn reports(found: &[Found], dropped: &[bool]) -> Vec<(usize, usize)> {
    let mut reports: Vec<(usize, usize)> = found
        .iter()
        .enumerate()
        .filter(|&(j, f)| !dropped[j] && (f.speaker.is_some() || f.same_as.is_some()))
        .filter_map(|(j, f)| Some((f.pieces.first()?.start, j)))
        .collect();
    reports.sort_unstable();
    reports
}

/// The found quote with a speaker that starts last before token `at`, in the same paragraph or
/// the one before (following continuation links to the quote that holds the mention).
/// `reports` comes from [`reports`].
pub(crate) fn nearest_report(
    ctx: &Ctx,
    found: &[Found],
    reports: &[(usize, usize)],
    at: usize,
) -> Option<usize> {
    let k = reports.partition_point(|&(start, _)| start < at);
    let &(start, j) = reports.get(k.checked_sub(1)?)?;
    (ctx.para[start] + 1 >= ctx.para[at]).then(|| found[j].same_as.unwrap_or(j))
}

/// A quote given the subject of the sentence before it, when that sentence is a report with its
/// own source (`Clinton “drew well …,” said Paul Beck. “That was more her constituency …”`),
/// continues the report: its speaker is the report's (Beck), not the content's subject
/// (Clinton). Runs once the indirect reports are known.
pub(crate) fn after_reports(ctx: &Ctx, found: &mut [Found], dropped: &[bool]) {
    // Reports (a cue and a speaker, the clause ending in the cue's sentence) by sentence.
    let mut by_sentence: HashMap<usize, Vec<usize>> = HashMap::new();
    for (j, f) in found.iter().enumerate() {
        if let (false, Some(_), Some(c)) = (dropped[j], &f.speaker, &f.cue) {
            let s = ctx.sent[c.start];
            if f.clause_end > 0 && ctx.sent[f.clause_end - 1] == s {
                by_sentence.entry(s).or_default().push(j);
            }
        }
    }
    let mut redirect: Vec<Option<usize>> = vec![None; found.len()];
    for i in 0..found.len() {
        if dropped[i] || found[i].sieve != "previous-sentence-subject" {
            continue;
        }
        let o = found[i].pieces[0].start;
        if o == 0 || ctx.sent[o - 1] == ctx.sent[o] {
            continue;
        }
        let mention = found[i].speaker.as_ref().map(|np| &np.toks);
        let report = by_sentence.get(&ctx.sent[o - 1]).and_then(|js| {
            js.iter()
                .copied()
                .find(|&j| j != i && found[j].speaker.as_ref().map(|np| &np.toks) != mention)
        });
        redirect[i] = report.map(|j| found[j].same_as.unwrap_or(j));
    }
    for i in 0..found.len() {
        if let Some(j) = redirect[i] {
            let f = &mut found[i];
            f.speaker = None;
            f.same_as = Some(j);
            f.sieve = "nearest-speaker";
            f.confidence = 0.35;
        }
    }
    // Quotes that took their speaker from a redirected one follow it (links are one step).
    for f in found.iter_mut() {
        if let Some(j) = f.same_as.and_then(|t| redirect[t]) {
            f.same_as = Some(j);
        }
    }
}

/// The `all` scope's form of a quotation continued without a cue (PolNeAR annotates
/// `“A,” she said.⏎“B.”` and `“A,” she said. “B.”` as one attribution with two content pieces):
/// a paragraph-continuation quote joins the direct quote it continues when that quote is the one
/// right before it, and so does a nearest-speaker quote in the same paragraph as the quote it
/// takes its speaker from. The speech scope keeps them apart, as the samples guideline does.
pub(crate) fn merge_continuations(ctx: &Ctx, found: &mut [Found], dropped: &mut [bool]) {
    let mut order: Vec<usize> = (0..found.len())
        .filter(|&i| !dropped[i] && !found[i].pieces.is_empty())
        .collect();
    order.sort_by_key(|&i| found[i].pieces[0].start);
    // The quote the previous kept one is part of.
    let mut prev: Option<usize> = None;
    for i in order {
        if found[i].sieve == "paragraph-continuation" {
            if let (Some(p), Some(t)) = (prev, found[i].same_as) {
                if p == t && found[t].kind == QuoteKind::Direct {
                    let pieces = found[i].pieces.clone();
                    found[t].pieces.extend(pieces);
                    dropped[i] = true;
                    continue;
                }
            }
        }
        // `“A,” Fells told Fox News. “B.”`: an uncued quote in the same paragraph as the quote
        // of the speaker it is given is one attribution with it; so is a previous-sentence-
        // subject quote whose mention is that quote's own.
        let same_mention = found[i].sieve == "previous-sentence-subject"
            && prev.is_some_and(|p| {
                let t = found[p].same_as.unwrap_or(p);
                found[t].speaker.as_ref().map(|np| &np.toks)
                    == found[i].speaker.as_ref().map(|np| &np.toks)
            });
        if same_mention {
            found[i].same_as = prev.map(|p| found[p].same_as.unwrap_or(p));
        }
        if found[i].sieve == "nearest-speaker" || same_mention {
            if let (Some(p), Some(t)) = (prev, found[i].same_as) {
                let same_para = found[t].pieces.last().is_some_and(|l| {
                    ctx.para[l.end.saturating_sub(1)] == ctx.para[found[i].pieces[0].start]
                });
                if p == t && same_para {
                    let pieces = found[i].pieces.clone();
                    found[t].pieces.extend(pieces);
                    dropped[i] = true;
                    continue;
                }
            }
        }
        prev = Some(i);
    }
}

/// The `all` scope's form of a report inside a report. PolNeAR never nests attributions (no
/// gold cue lies inside another attribution's content), so when the rules find one inside
/// another ("Trump said he was “happy to see” Khan win, according to The Times"; "He said the
/// mayor told reporters that …") only one is kept: the inner report when the outer one is a
/// bare reported clause whose cue comes first ("He said [the mayor told reporters that …]"),
/// else the outer one (`according to`, `said that`, a trailing `, X said`). On PolNeAR train
/// this choice is right more often than either fixed one. Contents that overlap without
/// nesting keep the more confident report (PolNeAR has 9 overlapping pairs in 19,832).
pub(crate) fn unnest(found: &[Found], dropped: &mut [bool]) {
    let mut order: Vec<usize> = (0..found.len())
        .filter(|&i| !dropped[i] && !found[i].pieces.is_empty())
        .collect();
    order.sort_by_key(|&i| {
        (
            found[i].pieces[0].start,
            std::cmp::Reverse(last_end_of(&found[i])),
        )
    });
    let starts: Vec<usize> = order.iter().map(|&i| found[i].pieces[0].start).collect();
    let within = |a: &Found, r: &Range<usize>| {
        a.pieces
            .iter()
            .any(|p| p.start <= r.start && r.end <= p.end)
    };
    for (oi, &a) in order.iter().enumerate() {
        if dropped[a] {
            continue;
        }
        let end = last_end_of(&found[a]);
        // The quotes starting inside `a`'s span, in order.
        let hi = oi + 1 + starts[oi + 1..].partition_point(|&st| st < end);
        for &b in &order[oi + 1..hi] {
            if dropped[b] || dropped[a] {
                continue;
            }
            let (fa, fb) = (&found[a], &found[b]);
            let nested = fb.cue.as_ref().is_some_and(|cue| within(fa, cue))
                && fb.pieces.iter().all(|p| within(fa, p));
            if !nested {
                // Contents that overlap without nesting: the more confident report stays.
                let overlap = fa
                    .pieces
                    .iter()
                    .any(|p| fb.pieces.iter().any(|q| p.start < q.end && q.start < p.end));
                if overlap {
                    if fb.confidence > fa.confidence {
                        dropped[a] = true;
                    } else {
                        dropped[b] = true;
                    }
                }
                continue;
            }
            let outer_first = fa.sieve == "reported-clause"
                && fa
                    .cue
                    .as_ref()
                    .is_some_and(|c| c.start < fb.pieces[0].start);
            if outer_first {
                dropped[a] = true;
            } else {
                dropped[b] = true;
            }
        }
    }
}

fn last_end_of(f: &Found) -> usize {
    f.pieces.last().map_or(0, |p| p.end)
}

/// The `all` scope's outer source of a quote (PolNeAR attributes the outermost report, as
/// [`unnest`] does): in `“…,” Welch said, according to Vermont Edition.` and `“…,” Trump said,
/// the Times reported.` the source is Vermont Edition and the Times, with their cue.
pub(crate) fn outer_source(ctx: &Ctx, found: &mut [Found], dropped: &[bool]) {
    for (f, _) in found.iter_mut().zip(dropped).filter(|(_, &d)| !d) {
        let (Some(np), Some(_)) = (&f.speaker, &f.cue) else {
            continue;
        };
        // Only a source after the quote: `“…,” X said, …`.
        if f.pieces.first().is_none_or(|p| np.toks.start < p.end) {
            continue;
        }
        let sent = ctx.sent[np.toks.start];
        let mut k = skip_pp(ctx, np.toks.end, ctx.sents[sent].end);
        // Past a cue after the source ("said Welch, adding …" is not one).
        if k < ctx.len() && cue_at(ctx, k).is_some() && k == np.toks.end {
            k += 1;
            k = skip_pp(ctx, k, ctx.sents[sent].end);
        }
        if k + 2 >= ctx.len() || ctx.low[k] != "," || ctx.sent[k] != sent {
            continue;
        }
        let end = ctx.sents[sent].end;
        let Some(c) = cue_at(ctx, k + 1) else {
            // ", the Times reported."
            let Some(outer) = np::forward(ctx, k + 1, end) else {
                continue;
            };
            let v = outer.toks.end;
            let reported = v < end
                && matches!(
                    ctx.low[v].as_str(),
                    "reported" | "reports" | "wrote" | "writes"
                )
                && (v + 1 >= end || matches!(ctx.low[v + 1].as_str(), "." | ","));
            if reported {
                f.cue = Some(v..v + 1);
                f.speaker = Some(outer);
            }
            continue;
        };
        if c.source_after {
            if let Some(outer) = np::forward(ctx, c.toks.end, end) {
                f.cue = Some(c.toks.clone());
                f.speaker = Some(outer);
            }
        }
    }
}

/// Words a quotation needs to be kept by [`long_passages`] without a cue.
pub(crate) const LONG_PASSAGE_WORDS: usize = 12;

/// The `all` scope's last pass: a long quotation (at least [`LONG_PASSAGE_WORDS`] words) that no
/// attribution covers is still someone's words, even where no rule found its cue or its speaker
/// (`Trump groused that CNN “…”` with a verb the lexicon lacks, a mixed quote under a phrase the
/// rules do not parse). It is kept as an unattributed direct quote. Titles are not: a quotation
/// followed by `, by Name` is a headline with its byline, and boilerplate stays out. On PolNeAR
/// train such passages are an annotated quotation 57% of the time (shorter ones far less often).
pub(crate) fn long_passages(
    ctx: &Ctx,
    quotes: &[Quoted],
    found: &[Found],
    dropped: &[bool],
) -> Vec<Found> {
    let mut covered = vec![false; ctx.len()];
    for (f, _) in found.iter().zip(dropped).filter(|(_, &d)| !d) {
        for p in &f.pieces {
            covered[p.start.min(ctx.len())..p.end.min(ctx.len())].fill(true);
        }
    }
    let reports = reports(found, dropped);
    let mut out = Vec::new();
    for q in quotes {
        let (Some(first), Some(last)) = (q.pieces.first(), q.pieces.last()) else {
            continue;
        };
        if first.start >= ctx.len() || ctx.boiler[first.start] || !q.closed {
            continue;
        }
        if words_in(ctx, &q.pieces) < LONG_PASSAGE_WORDS
            || q.pieces
                .iter()
                .any(|p| covered[p.clone()].iter().any(|&c| c))
        {
            continue;
        }
        // `"Sam Mendes leaves the musical on its way to Broadway," by Times' Michael Paulson`.
        let mut after = last.end;
        if ctx.low.get(after).is_some_and(|w| w == ",") {
            after += 1;
        }
        if ctx.low.get(after).is_some_and(|w| w == "by") {
            continue;
        }
        // Its speaker: inside a sentence, the sentence's subject (`For the mayor the depot “…”`
        // has none; `Trump groused to a crowd that CNN “…”` has Trump); else the speaker of the
        // nearest attributed quote before it in this paragraph or the one before.
        let o = first.start;
        let sent = ctx.sents[ctx.sent[o]].clone();
        let inside = o > sent.start && (sent.start..o).any(|k| ctx.is_word(k));
        let mut f = Found::unattributed(q);
        let subject = inside
            .then(|| clause_subject(ctx, sent.start, o))
            .flatten()
            .filter(|np| np.toks.end <= o);
        if let Some(np) = subject {
            f.speaker = Some(np);
            f.sieve = "uncued-passage";
        } else if let Some(t) = nearest_report(ctx, found, &reports, o) {
            f.same_as = Some(t);
            f.sieve = "uncued-passage";
        }
        out.push(f);
    }
    out
}

/// The speech scope's form of a naming report (the `tests/samples` guideline): in `called it
/// “a careful piece of science”` the words said are the quotation, so the quote is direct and its
/// content the quoted words; the pronoun object is not part of it.
pub(crate) fn trim_naming_object(ctx: &Ctx, f: &mut Found, owner: &[Option<usize>]) {
    let names =
        cue_of(ctx, f).is_some_and(|c| matches!(c.lemma, Some("call" | "dub" | "label" | "brand")));
    if !names || f.pieces.len() != 1 {
        return;
    }
    let p = f.pieces[0].clone();
    let object = matches!(
        ctx.low[p.start].as_str(),
        "it" | "him" | "her" | "them" | "this" | "that"
    );
    let q = owner.get(p.start + 1).copied().flatten();
    if !object || q.is_none() || ctx.kind(p.start + 1) != newsquotes_document::TokenKind::Quote {
        return;
    }
    // The quotation must run to the end of the content.
    if (p.start + 1..p.end).all(|k| owner[k] == q) {
        f.pieces[0] = p.start + 1..p.end;
        f.kind = QuoteKind::Direct;
    }
}

/// Evidence that "suggests" or "shows" without saying anything ("Polls suggest the race is
/// close").
const EVIDENCE_NOUNS: &[&str] = &[
    "poll",
    "polls",
    "polling",
    "survey",
    "surveys",
    "figures",
    "data",
    "study",
    "studies",
    "research",
    "evidence",
    "numbers",
    "results",
    "statistics",
    "records",
    "analysis",
    "tests",
    "models",
    "forecasts",
    "estimates",
];

/// A report in a non-restrictive relative clause ends with it: in `Roffman, who estimates that
/// his costs were “in the seven figures,” described …` the comma before the main clause's verb
/// closes the content (a bare comma or one inside a closing mark).
fn relative_end(ctx: &Ctx, owner: &[Option<usize>], subj: &Np, r: Range<usize>) -> Range<usize> {
    let st = subj.toks.start;
    if subj.kind != MentionKind::Pronoun
        || !matches!(ctx.low[st].as_str(), "who" | "which")
        || st == 0
        || ctx.low[st - 1] != ","
    {
        return r;
    }
    let lex = Lexicon::get();
    for j in r.start + 1..r.end.saturating_sub(1) {
        if ctx.low[j] != "," {
            continue;
        }
        // The comma, or the closing mark right after it.
        let after = if owner[j].is_some()
            && ctx.kind(j + 1) == newsquotes_document::TokenKind::Quote
            && owner[j + 1] == owner[j]
        {
            j + 2
        } else {
            j + 1
        };
        if after >= r.end || owner[after].is_some() || ctx.is_cap(after) {
            continue;
        }
        let w = ctx.low[after].as_str();
        // "Walsh, who said the deal was done, left early": any past form opens the main clause.
        let verb = is_aux(w)
            || (lex.verb(w).is_some() && (w.ends_with("ed") || w.ends_with('s')))
            || past_verb(ctx, after);
        if verb {
            return r.start..after - 1 + usize::from(after == j + 2);
        }
    }
    r
}

/// Common irregular past forms (no part-of-speech tags here: with the regular "-ed" forms they
/// tell a new predicate after a clause).
const IRREGULAR_PAST: &[&str] = &[
    "cast", "took", "made", "gave", "went", "said", "told", "spoke", "wrote", "called", "put",
    "set", "left", "won", "lost",
];

/// A lower-case past form at `k`: "-ed" (longer than four letters) or a common irregular one.
fn past_verb(ctx: &Ctx, k: usize) -> bool {
    let w = ctx.low[k].as_str();
    ctx.is_word(k)
        && !ctx.is_cap(k)
        && ((w.ends_with("ed") && w.len() > 4) || IRREGULAR_PAST.contains(&w))
}

/// Speech verbs whose content may be a "to" clause without a hearer: commitments made in words
/// ("promised to cut taxes", "threatened to strike"); "refused to", "agreed to" report acts.
const COMMISSIVE: &[&str] = &["promise", "vow", "pledge", "threaten", "swear", "offer"];

/// Words that cannot follow the subject of a reported clause: after "admitted 14 counts", "the
/// moment", "the recording" they show the content is a noun phrase, not a clause.
const NOT_AFTER_SUBJECT: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "of", "in", "on", "at", "by", "for", "with",
    "from", "to", "as", "and", "or", "but", "about", "into", "after", "before", "during", "since",
    "than", "which", "who", "whom", "whose", "where", "when", "over", "under", "against", "that",
    "without",
];

/// The speech scope's test of a report the rules found (the `tests/samples` guideline: one quote
/// per act of saying, whose content is a proposition). Cognition verbs ("expected", "believe")
/// are no act of saying, except judgments with their "that" ("the court held that …"); nor is
/// evidence ("polls suggest …"). A reported clause without "that" must be a clause: a subject
/// and then a verb ("said the bloc was ready"), not a noun phrase ("admitted 14 counts of
/// fraud", "argued the case for …", "has not commented on the recording"), unless it holds a
/// quotation ("described the outlook as “…”") or is an accusation or judgment ("accused the
/// union of walking away"); a "to" clause needs a hearer ("told the minister to …", "urged
/// voters to …") or a promise ("vowed to …").
pub(crate) fn speech_act(ctx: &Ctx, f: &Found, owner: &[Option<usize>]) -> bool {
    let Some(c) = cue_of(ctx, f) else {
        return true;
    };
    if c.strength == Strength::Weak
        && !c
            .lemma
            .is_some_and(|l| matches!(l, "rule" | "hold" | "find"))
    {
        return false;
    }
    // "Polls suggest …", "Figures show …": evidence, not an act of saying.
    let evidence = f
        .speaker
        .as_ref()
        .is_some_and(|np| EVIDENCE_NOUNS.contains(&ctx.low[np.toks.end - 1].as_str()));
    if evidence
        && c.lemma.is_some_and(|l| {
            matches!(
                l,
                "suggest" | "show" | "indicate" | "reveal" | "find" | "confirm"
            )
        })
    {
        return false;
    }
    if f.sieve != "reported-clause" {
        return true;
    }
    let Some(p) = f.pieces.first() else {
        return true;
    };
    if p.clone().any(|k| owner[k].is_some()) {
        return true;
    }
    if ctx.low[p.start] == "to" {
        return c.takes_object || c.lemma.is_some_and(|l| COMMISSIVE.contains(&l));
    }
    // "accused the union of walking away from the table", "blamed the council for the delay":
    // an accusation or a judgment says something about its object.
    let judges = c.lemma.is_some_and(|l| {
        matches!(
            l,
            "accuse"
                | "charge"
                | "blame"
                | "criticize"
                | "criticise"
                | "praise"
                | "condemn"
                | "thank"
        )
    });
    if judges
        && (p.start + 1..p.end.saturating_sub(1))
            .any(|k| matches!(ctx.low[k].as_str(), "of" | "for") && ctx.is_word(k + 1))
    {
        return true;
    }
    clause_like(ctx, p.clone(), c.takes_object)
}

/// Whether `p` reads as a clause (a subject and then a verb: "the bloc was ready", "storm
/// destroyed half the fleet") rather than a noun phrase ("14 counts of fraud", "the moment the
/// first drone struck", "a network that pools data"). With `hearer`, a noun phrase and a "to"
/// clause ("Republicans to focus on …") counts as one too.
fn clause_like(ctx: &Ctx, p: Range<usize>, hearer: bool) -> bool {
    // An auxiliary or modal before the phrase ends ("the extra cost of around €3bn would be",
    // "all services west of Athlone had been"): a clause.
    let phrase_end = (p.start..p.end)
        .find(|&k| {
            matches!(
                ctx.low[k].as_str(),
                "," | ";" | ":" | "." | "?" | "!" | "(" | ")" | "—" | "–" | "--"
            ) || matches!(
                ctx.low[k].as_str(),
                "as" | "and"
                    | "or"
                    | "but"
                    | "which"
                    | "who"
                    | "that"
                    | "when"
                    | "while"
                    | "because"
                    | "after"
                    | "before"
                    | "if"
            )
        })
        .unwrap_or(p.end);
    // So is a past tense after a noun ("storm destroyed half the fleet", which the phrase
    // finder reads as one phrase).
    if (p.start..phrase_end).any(|k| {
        is_aux(ctx.low[k].as_str())
            || matches!(
                ctx.low[k].as_str(),
                "should" | "may" | "might" | "must" | "shall"
            )
            || (k > p.start
                && ctx.low[k].ends_with("ed")
                && !ctx.is_cap(k)
                && ctx.is_word(k - 1)
                && !NOT_AFTER_SUBJECT.contains(&ctx.low[k - 1].as_str()))
    }) {
        return true;
    }
    // The subject: a phrase the finder brackets, else a bare noun ("Fisherman says storm
    // destroyed …"), but no particle ("called out twice").
    let first = ctx.low[p.start].as_str();
    let subject_end = match np::forward(ctx, p.start, p.end) {
        Some(np) => np.toks.end,
        None if ctx.is_word(p.start)
            && !PARTICLES.contains(&first)
            && !NOT_AFTER_SUBJECT.contains(&first)
            && !matches!(first, "out" | "up" | "back" | "about" | "ahead") =>
        {
            p.start + 1
        }
        None => return false,
    };
    // "urged Republicans to focus on …": a hearer and what they are asked to do.
    if hearer && subject_end < p.end && ctx.low[subject_end] == "to" {
        return true;
    }
    let mut k = subject_end;
    while k < p.end
        && ((ctx.low[k].ends_with("ly") && !ctx.is_cap(k))
            || matches!(
                ctx.low[k].as_str(),
                "not" | "also" | "still" | "never" | "already" | "now"
            ))
    {
        k += 1;
    }
    k < p.end && ctx.is_word(k) && !NOT_AFTER_SUBJECT.contains(&ctx.low[k].as_str())
}

/// The source phrase after "according to" / "in the words of": everything up to the next comma,
/// semicolon, quotation mark, relative pronoun or the clause end ("a yearly Gallup poll", "state
/// corporate records", "a count by The Associated Press"), at most 15 tokens; `None` when it runs
/// longer (the phrase finder decides then).
fn source_phrase(ctx: &Ctx, i: usize, cend: usize) -> Option<Np> {
    let mut j = i;
    while j < cend {
        let w = ctx.low[j].as_str();
        let part = ctx.is_word(j)
            || ctx.ent[j].is_some()
            || matches!(w, "'s" | "'" | "-" | "&" | "." | "(" | ")")
                && j > i
                && j + 1 < cend
                && ctx.is_word(j + 1);
        if !part || matches!(w, "that" | "who" | "which" | "whose" | "but" | "while") {
            break;
        }
        j += 1;
        if j - i > 15 {
            return None;
        }
    }
    while j > i
        && matches!(
            ctx.low[j - 1].as_str(),
            "and" | "or" | "of" | "the" | "a" | "an"
        )
    {
        j -= 1;
    }
    (j > i && ctx.is_word(i)).then(|| np::phrase(ctx, i..j))
}

/// Nouns of documents and messages that "say" things ("a statement posted on the website said").
const DOC_NOUNS: &[&str] = &[
    "statement",
    "report",
    "memo",
    "letter",
    "poll",
    "survey",
    "study",
    "ad",
    "advertisement",
    "post",
    "tweet",
    "filing",
    "complaint",
    "lawsuit",
    "document",
    "release",
    "email",
    "analysis",
    "review",
    "ruling",
    "order",
    "website",
    "editorial",
    "article",
    "notice",
    "message",
    "video",
    "documents",
    "reports",
    "polls",
    "surveys",
    "studies",
    "ads",
    "posts",
    "tweets",
    "emails",
];

/// A subject the phrase finder cannot bracket, taken as the whole stretch from the clause start
/// to the verb: a quantity ("28 percent of voters", "All but two", "About four in 10"), or a
/// noun phrase with a relative clause, participle or prepositional phrase ("Democrats in Iowa
/// who watched the debate", "A statement posted on the website", "sources close to her
/// campaign"). Its head, near the start, must name people, a group, an organisation, a
/// document or a quantity.
fn long_subject(ctx: &Ctx, s: &Range<usize>, cue: usize, owner: &[Option<usize>]) -> Option<Np> {
    let lex = Lexicon::get();
    // A number right before the verb ends the quantity ("more than 4 in 10 said"); it is no
    // time phrase to skip.
    let number_before = cue > s.start
        && (ctx.kind(cue - 1) == newsquotes_document::TokenKind::Number
            || ctx.low[cue - 1].starts_with(|c: char| c.is_ascii_digit()));
    let mut end = if number_before {
        cue
    } else {
        skip_paren(ctx, skip_left(ctx, cue, s.start), s.start)
    };
    // "Judge Sullivan delayed the ruling but said …": a coordinated verb, not a subject.
    if end > s.start && matches!(ctx.low[end - 1].as_str(), "and" | "but" | "or" | "then") {
        return None;
    }
    while end > s.start && matches!(ctx.low[end - 1].as_str(), "," | "—" | "–" | "--") {
        end -= 1;
    }
    // The clause holding the cue starts after the last semicolon, colon or dash before it. A
    // subject is at most 30 words after the clause start (below), so the search looks back a
    // bounded stretch (linear time in a huge sentence); a clause starting before it is too far.
    let lo = s.start.max(end.saturating_sub(64));
    let clause_start = (lo..end)
        .rev()
        .find(|&k| {
            owner[k].is_none()
                && (matches!(ctx.low[k].as_str(), ";" | ":")
                    // A dash, unless it closes a dateline ("Paris – Trains …").
                    || (matches!(ctx.low[k].as_str(), "—" | "–") && k > s.start + 4)
                    // ", and more than 4 in 10 said …"
                    || (matches!(ctx.low[k].as_str(), "and" | "but")
                        && k > s.start
                        && ctx.low[k - 1] == ","))
        })
        .map_or(lo, |k| k + 1);
    if clause_start == lo && lo > s.start {
        return None;
    }
    let mut st = first_word(ctx, clause_start, end);
    if st < end
        && matches!(
            ctx.low[st].as_str(),
            "rather"
                | "still"
                | "instead"
                | "meanwhile"
                | "however"
                | "indeed"
                | "now"
                | "so"
                | "yet"
                | "also"
                | "separately"
                | "moreover"
                | "similarly"
                | "likewise"
                | "overall"
                | "but"
                | "and"
        )
    {
        st += 1;
        if st < end && ctx.low[st] == "," {
            st += 1;
        }
    }
    st = first_word(ctx, past_opening_phrase(ctx, st, end)?, end);
    if st >= end || end - st > 30 {
        return None;
    }
    if (st..end).any(|k| owner[k].is_some() || matches!(ctx.low[k].as_str(), ";" | ":")) {
        return None;
    }
    let first = ctx.low[st].as_str();
    if lex.pronouns.contains_key(first) || cue_at(ctx, st).is_some() {
        return None;
    }
    // No clause of its own with a pronoun subject ("… , and he said").
    if (st + 1..end).any(|k| {
        lex.pronouns
            .get(ctx.low[k].as_str())
            .is_some_and(|p| p.subject)
            && !matches!(ctx.low[k - 1].as_str(), "who" | "that" | "which")
            && matches!(ctx.low[k - 1].as_str(), "and" | "but" | "," | "so")
    }) {
        return None;
    }
    // "A Feb. 1 letter": a day after a month is a date, not a quantity.
    let date = |k: usize| {
        k > st
            && np::is_time(ctx.low[k - 1].as_str())
            && ctx.low[k].len() <= 2
            && ctx.low[k].bytes().all(|b| b.is_ascii_digit())
    };
    let quantity = |k: usize| {
        !date(k)
            && (ctx.kind(k) == newsquotes_document::TokenKind::Number
                || ctx.low[k]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                    && ctx.low[k].starts_with(|c: char| c.is_ascii_digit())
                || NUMBER_WORDS.contains(&ctx.low[k].as_str())
                || matches!(
                    ctx.low[k].as_str(),
                    "percent"
                        | "%"
                        | "half"
                        | "third"
                        | "thirds"
                        | "quarter"
                        | "majority"
                        | "minority"
                        | "dozen"
                ))
    };
    let head = |k: usize| {
        let w = ctx.low[k].as_str();
        lex.speaker_noun(w).is_some()
            || DOC_NOUNS.contains(&w)
            || ctx.ent[k]
                .as_ref()
                .is_some_and(|(l, _)| matches!(l, EntityLabel::Per | EntityLabel::Org))
    };
    // A verb of its own in the stretch (outside a relative clause) means it is not one phrase.
    let relative_from = (st..end)
        .find(|&k| matches!(ctx.low[k].as_str(), "who" | "whose" | "which" | "that"))
        .unwrap_or(end);
    // A past participle opening a reduced relative clause ("two men accused of setting fire to
    // a warehouse") is a modifier, not a verb of its own.
    let participle = |k: usize| {
        ctx.low[k].ends_with("ed")
            && k + 1 < end
            && matches!(ctx.low[k + 1].as_str(), "of" | "by" | "with" | "in")
            && ctx.is_word(k - 1)
            && !is_aux(ctx.low[k - 1].as_str())
    };
    if (st..relative_from).any(|k| {
        (lex.verb(ctx.low[k].as_str()).is_some() && k > st && !participle(k))
            || is_aux(ctx.low[k].as_str())
    }) {
        return None;
    }
    // (a) Quantities: "28 percent of voters", "About four in 10", "All but two", "Some".
    const QUANT_GLUE: &[&str] = &[
        "of", "in", "out", "but", "than", "more", "less", "fewer", "about", "nearly", "almost",
        "roughly", "just", "only", "some", "all", "most", "many", "a", "the", "over", "under",
        "around", "those", "by", "-", "and", "among", "at", "least",
    ];
    let glue_or_quantity = |k: usize| quantity(k) || QUANT_GLUE.contains(&ctx.low[k].as_str());
    let q_head = (st..end.min(st + 4)).find(|&k| quantity(k));
    if let Some(qh) = q_head {
        if (st..qh).all(glue_or_quantity) && end - st <= 12 {
            // What follows the quantity: more quantity words, then at most a short phrase
            // ("of Republican voters", "of those surveyed").
            let tail = (qh..end).find(|&k| !glue_or_quantity(k)).unwrap_or(end);
            if end - tail <= 5
                && (tail..end).all(|k| ctx.is_word(k) && !matches!(ctx.low[k].as_str(), ","))
            {
                return Some(np::phrase(ctx, st..end));
            }
        }
        return None;
    }
    if end - st <= 3
        && matches!(
            first,
            "some" | "many" | "most" | "others" | "all" | "few" | "several" | "both" | "half"
        )
        && (st + 1..end).all(|k| ctx.is_word(k))
    {
        return Some(np::phrase(ctx, st..end));
    }
    // (b) A head noun phrase and one modifier: a relative clause, a participle, a prepositional
    // phrase, or an apposition.
    // "Most workers in Malmo": the phrase finder starts after a quantifier.
    let np_from = if matches!(
        first,
        "most" | "many" | "some" | "several" | "few" | "all" | "both"
    ) {
        st + 1
    } else {
        st
    };
    let np = np::forward(ctx, np_from, end)?;
    let np = Np {
        toks: st..np.toks.end,
        kind: np.kind,
    };
    if !np.toks.clone().any(head) {
        return None;
    }
    if np.toks.end >= end {
        // The phrase finder took the whole stretch ("Most workers in Malmo, Lund and Ystad").
        return (np.toks.len() >= 3).then(|| np::phrase(ctx, st..end));
    }
    let m = np.toks.end;
    let mw = ctx.low[m].as_str();
    // "A statement posted on …" — but after a name an -ed form is its verb ("Christie bristled
    // at …").
    let participle = ctx.is_word(m)
        && !ctx.is_cap(m)
        && ((mw.ends_with("ing") && mw.len() > 5)
            || (mw.ends_with("ed") && mw.len() > 4 && np.kind != MentionKind::Name));
    let modifier = participle
        || matches!(
            mw,
            "who"
                | "whose"
                | "that"
                | "which"
                | "close"
                | "familiar"
                | "in"
                | "at"
                | "for"
                | "from"
                | "with"
                | "of"
                | "on"
                | "across"
                | "inside"
                | ","
                | "—"
                | "–"
                | "("
        );
    if !modifier || end - m > 22 {
        return None;
    }
    // Commas only as one apposition right after the head ("Executives for Mondelez, which …").
    let commas = (m..end).filter(|&k| ctx.low[k] == ",").count();
    if commas > 2 || (commas > 0 && !(m..m + 6).any(|k| k < end && ctx.low[k] == ",")) {
        return None;
    }
    Some(np::phrase(ctx, st..end))
}

/// The phrasal cue "go on" ("he went on: “…”"), which reports speech only around a quotation.
fn go_on(ctx: &Ctx, c: &Cue) -> bool {
    c.toks.len() == 2
        && ctx.low[c.toks.start + 1] == "on"
        && matches!(
            ctx.low[c.toks.start].as_str(),
            "go" | "goes" | "went" | "going" | "gone"
        )
}

/// A personal pronoun that opens a clause of its own: "he", "she", "they", "i", "we".
fn personal_subject(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "i" | "we")
}

/// Where the clause starting at `st` goes on after an opening prepositional phrase closed by a
/// comma within 10 tokens ("At the town hall, she said"): `st` itself when no such phrase opens
/// it, `None` when one opens but no comma closes it. "At least a dozen members" is a quantity.
fn past_opening_phrase(ctx: &Ctx, st: usize, end: usize) -> Option<usize> {
    let at_least =
        st + 1 < end && ctx.low[st] == "at" && matches!(ctx.low[st + 1].as_str(), "least" | "most");
    if st >= end || at_least || !OPENING_PREPOSITIONS.contains(&ctx.low[st].as_str()) {
        return Some(st);
    }
    (st..end.min(st + 10))
        .find(|&k| ctx.low[k] == ",")
        .map(|comma| comma + 1)
}

/// Forms of "be" that make the participle after them passive ("was told", "were called out").
fn passive_aux(w: &str) -> bool {
    matches!(w, "was" | "were" | "is" | "are" | "been" | "being" | "be")
}

/// Auxiliaries and copulas: a stretch holding one is a clause, not a subject phrase.
fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "did"
            | "does"
    )
}

/// Subordinators that open a sentence with a clause of their own.
const SUBORDINATORS: &[&str] = &[
    "while", "although", "though", "when", "as", "because", "if", "after", "before", "since",
    "whereas", "once", "until", "unless",
];

/// The end of a report whose cue sits in a sentence-opening subordinate clause ("While X said
/// that …, he …", "when Rubio … said it was great to be home, a man yelled"): the first comma
/// after the content start that is followed by a subject (a pronoun, a determiner or a
/// capitalised word), outside quotation marks. `cend` when the sentence does not open so.
fn subordinate_end(
    ctx: &Ctx,
    s: &Range<usize>,
    cue: usize,
    from: usize,
    cend: usize,
    owner: &[Option<usize>],
) -> usize {
    let mut opener = first_word(ctx, s.start, cue);
    // "But even as Trump claimed …": a conjunction and a focus adverb before the subordinator.
    while opener + 1 < cue
        && matches!(
            ctx.low[opener].as_str(),
            "but" | "and" | "yet" | "so" | "even" | "just" | "only"
        )
    {
        opener += 1;
    }
    // Opening clauses are short: the scans below stay bounded on a sentence of a million words.
    if opener >= cue || cue - opener > 40 || !SUBORDINATORS.contains(&ctx.low[opener].as_str()) {
        return cend;
    }
    // The cue must be in the opening clause: no comma between the opener and the cue.
    if (opener..cue).any(|k| ctx.low[k] == "," && owner[k].is_none()) {
        return cend;
    }
    let lex = Lexicon::get();
    for j in from + 1..cend.saturating_sub(1).min(from + 80) {
        if ctx.low[j] != "," {
            continue;
        }
        // `… has the "best experience," Trump is …`: a comma inside the closing mark ends the
        // clause too; the mark stays with the content.
        let (next, end) = match owner[j] {
            None => (j + 1, j),
            Some(o)
                if j + 2 < cend
                    && owner[j + 1] == Some(o)
                    && owner[j + 2].is_none()
                    && ctx.kind(j + 1) == newsquotes_document::TokenKind::Quote =>
            {
                (j + 2, j + 2)
            }
            Some(_) => continue,
        };
        let nx = ctx.low[next].as_str();
        let subjectish = lex.pronouns.get(nx).is_some_and(|p| p.subject)
            || matches!(
                nx,
                "the"
                    | "a"
                    | "an"
                    | "there"
                    | "this"
                    | "that"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
                    | "our"
                    | "my"
                    | "many"
                    | "most"
                    | "some"
            )
            || NUMBER_WORDS.contains(&nx)
            || ctx.kind(next) == newsquotes_document::TokenKind::Number
            || (ctx.is_cap(next) && owner[next].is_none());
        if subjectish {
            return end;
        }
    }
    cend
}

/// Where the content before a trailing attribution ends, when the attribution at `at` follows a
/// comma: `…, he said` (the comma is left out) or `… “…,” he said` where the comma sits inside
/// the closing mark (the mark is kept, as quotation marks belong to the content).
fn comma_end(ctx: &Ctx, owner: &[Option<usize>], at: usize) -> Option<usize> {
    if at == 0 {
        return None;
    }
    if ctx.low[at - 1] == "," {
        return Some(at - 1);
    }
    let closing = at >= 2
        && ctx.kind(at - 1) == newsquotes_document::TokenKind::Quote
        && owner[at - 1].is_some()
        && owner[at - 2] == owner[at - 1]
        && ctx.low[at - 2] == ",";
    closing.then_some(at)
}

/// Extends a reported clause that stops inside a quotation (the sentence splitter ended the
/// sentence at a full stop inside the marks) to the end of that quotation in the paragraph:
/// `said that “A. B.”` reports the whole quoted passage.
fn through_quote(ctx: &Ctx, owner: &[Option<usize>], r: Range<usize>) -> Range<usize> {
    if r.is_empty() {
        return r;
    }
    let last = r.end - 1;
    let Some(q) = owner[last] else {
        return r;
    };
    let para = ctx.para[last];
    let mut e = r.end;
    while e < ctx.len() && owner[e] == Some(q) && ctx.para[e] == para {
        e += 1;
    }
    r.start..e
}

/// Where a trailing attribution's content starts when its sentence opens inside a quotation
/// (the sentence splitter ended a sentence at a full stop inside the marks): at the start of the
/// sentence holding the opening mark, in the same paragraph — `The people “deserve A. That’s B,”
/// said the man` reports the whole sentence, not `That’s B,”`.
fn back_through_quote(ctx: &Ctx, owner: &[Option<usize>], start: usize) -> usize {
    let Some(q) = owner.get(start).copied().flatten() else {
        return start;
    };
    let para = ctx.para[start];
    // Looked for no farther back than the longest report (linear time in a huge quote).
    let lo = start.saturating_sub(MAX_REPORT);
    let mut b = start;
    while b > lo && owner[b - 1] == Some(q) && ctx.para[b - 1] == para {
        b -= 1;
    }
    let opening_found = b == 0 || owner[b - 1] != Some(q) || ctx.para[b - 1] != para;
    if b == start || !opening_found {
        return start;
    }
    ctx.sents[ctx.sent[b]].start.max(ctx.para_range(b).start)
}

/// Skips prepositional and time phrases after a cue ("in a statement", "on Monday", "to
/// reporters", "last week", "in an interview with Fox News").
fn skip_pp(ctx: &Ctx, mut k: usize, end: usize) -> usize {
    loop {
        if k >= end {
            return k;
        }
        let w = ctx.low[k].as_str();
        // Adverbs and time words stand alone ("said Tuesday that March Rubio …": "that" is no
        // object of "Tuesday"); "last", "this", "next" take the time word after them, skipped
        // below.
        if matches!(
            w,
            "late"
                | "early"
                | "earlier"
                | "later"
                | "last"
                | "this"
                | "next"
                | "also"
                | "again"
                | "recently"
                | "yesterday"
                | "today"
                | "tonight"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "then"
                | "publicly"
                | "privately"
                | "repeatedly"
        ) {
            k += 1;
            continue;
        }
        if matches!(
            w,
            "in" | "on"
                | "at"
                | "to"
                | "during"
                | "via"
                | "through"
                | "from"
                | "with"
                | "before"
                | "after"
                | "for"
                | "by"
                | "of"
        ) {
            // "vowed to strike": an infinitive is the content, not a phrase to skip.
            if w == "to"
                && k + 1 < end
                && !ctx.is_cap(k + 1)
                // "by five votes to two".
                && ctx.kind(k + 1) != newsquotes_document::TokenKind::Number
                && !NUMBER_WORDS.contains(&ctx.low[k + 1].as_str())
                && !matches!(
                    ctx.low[k + 1].as_str(),
                    "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "reporters"
                )
            {
                return k;
            }
            let j = k + 1;
            let count = j + 1 < end
                && (ctx.kind(j) == newsquotes_document::TokenKind::Number
                    || NUMBER_WORDS.contains(&ctx.low[j].as_str()))
                && ctx.is_word(j + 1)
                && !ctx.is_cap(j + 1)
                && ctx.low[j + 1].ends_with('s');
            if count {
                // "by five votes", "by 12 points".
                k = j + 2;
            } else if let Some(np) = np::forward(ctx, j, end) {
                k = np.toks.end;
            } else if j < end && NUMBER_WORDS.contains(&ctx.low[j].as_str()) {
                // "(by five votes) to two".
                k = j + 1;
            } else {
                k = j;
            }
            continue;
        }
        if ctx.kind(k) == newsquotes_document::TokenKind::Number || np::is_time(w) {
            k += 1;
            continue;
        }
        return k;
    }
}

fn trim_start(ctx: &Ctx, r: Range<usize>) -> Range<usize> {
    let mut s = r.start;
    while s < r.end && ctx.is_punct(s) && ctx.kind(s) != newsquotes_document::TokenKind::Quote {
        s += 1;
    }
    let mut e = r.end;
    while e > s && ctx.low[e - 1] == "," {
        e -= 1;
    }
    s..e
}
