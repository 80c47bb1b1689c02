//! Sieve 5: resolving speaker mentions into speakers.
//!
//! Mentions are clustered with a union-find: names by their tokens ("Clinton", "Mrs. Clinton" →
//! "Hillary Clinton"), organisations by their text, definite descriptions by their head noun ("the
//! soldier" → "a Russian soldier"), descriptions the text names ("a man who identified himself as
//! Nikita"), and pronouns by gender, number and recency, preferring recent speakers and sentence
//! subjects. Each cluster that holds a quote's speaker becomes a [`Speaker`] with a canonical name
//! (its most informative name), a label and its gender evidence, pronouns in the text first, then
//! titles and nouns, then the first-name table.

use crate::lexicon::Map;
use std::ops::Range;

use newsquotes_document::{EntityLabel, Gender, Mention, MentionKind, Speaker, SpeakerLabel};

use crate::ctx::{Ctx, Low};
use crate::lexicon::{Lexicon, NounClass};
use crate::np::{self, Np};

/// A candidate mention.
#[derive(Clone, Debug)]
struct Cand {
    toks: Range<usize>,
    kind: MentionKind,
    /// A quote's speaker mention.
    speaker: bool,
    /// The subject of a sentence (a preferred antecedent).
    subject: bool,
}

/// What the resolution decided: the mentions and speakers layers, and for each quote speaker
/// NP its mention index and speaker index.
pub(crate) struct Resolved {
    pub mentions: Vec<Mention>,
    pub speakers: Vec<Speaker>,
    /// Token range of a quote speaker NP → (mention index, speaker index).
    pub index: Map<(usize, usize), (usize, usize)>,
}

struct Uf {
    parent: Vec<usize>,
}

impl Uf {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    /// Joins the two sets, keeping `keep`'s root as the root.
    fn union(&mut self, keep: usize, other: usize) {
        let a = self.find(keep);
        let b = self.find(other);
        if a != b {
            self.parent[b] = a;
        }
    }
}

/// Evidence gathered per cluster root.
#[derive(Clone, Default)]
struct Facts {
    male: u32,
    female: u32,
    /// First-name table votes (weaker than the text's own evidence).
    table_male: u32,
    table_female: u32,
    plural: u32,
    person: bool,
    org: bool,
}

/// Letters after a name that are no part of it ("Rebecca Thorne KC", "Sir Ian Hale MP").
const POST_NOMINALS: &[&str] = &[
    "kc", "qc", "mp", "mep", "msp", "td", "obe", "cbe", "mbe", "jp", "phd",
];

fn is_post_nominal(ctx: &Ctx, i: usize) -> bool {
    // Only written in capitals ("KC"), never a word of the name ("Am").
    let t = ctx.text(i);
    t.len() >= 2
        && t.chars().all(|c| c.is_ascii_uppercase() || c == '.')
        && POST_NOMINALS.contains(&ctx.low[i].trim_end_matches('.'))
}

/// Prepositions that open a complement after a name ("Clara Johansson of the institute").
fn is_prep(w: &str) -> bool {
    matches!(w, "of" | "for" | "at" | "from" | "in" | "with")
}

/// The part of a mention that names it: a person name followed by a complement is the name
/// alone ("Clara Johansson of the Stockholm Climate Institute" → "Clara Johansson"), a name
/// followed by post-nominal letters drops them ("Rebecca Thorne KC").
fn core(ctx: &Ctx, r: &Range<usize>) -> Range<usize> {
    let mut e = r.end;
    if let Some(k) = r
        .clone()
        .skip(1)
        .find(|&k| ctx.ent[k].is_none() && (is_prep(ctx.low[k].as_str()) || ctx.low[k] == ","))
    {
        let person_before = (r.start..k).any(|i| {
            ctx.ent[i]
                .as_ref()
                .is_some_and(|(l, er)| *l == EntityLabel::Per && er.end <= k)
        });
        if person_before {
            e = k;
        }
    }
    while e > r.start + 1 && is_post_nominal(ctx, e - 1) {
        e -= 1;
    }
    r.start..e
}

fn key_words(ctx: &Ctx, r: &Range<usize>) -> Vec<String> {
    // A group ("Walsh and Adeyemi") is one key: it names neither of its members alone.
    if np::is_group(ctx, r) {
        let words: Vec<&str> = r.clone().map(|i| ctx.low[i].as_str()).collect();
        return vec![words.join(" ")];
    }
    let lex = Lexicon::get();
    core(ctx, r)
        .filter(|&i| ctx.is_word(i) && ctx.is_cap(i) && !lex.is_title(ctx.low[i].as_str()))
        .filter(|&i| !is_post_nominal(ctx, i))
        .map(|i| ctx.low[i].trim_end_matches('.').to_owned())
        .collect()
}

fn head_word(ctx: &Ctx, r: &Range<usize>) -> Option<String> {
    // The head comes before a complement or modifier: "a member of the unit", "A crane
    // operator who has worked at the port for 22 years", "officials at the ministry".
    let end = r
        .clone()
        .skip(1)
        .find(|&i| {
            matches!(
                ctx.low[i].as_str(),
                "of" | "who"
                    | "whose"
                    | "which"
                    | "that"
                    | "at"
                    | "in"
                    | "for"
                    | "from"
                    | "with"
                    | "on"
                    | ","
            )
        })
        .unwrap_or(r.end);
    (r.start..end)
        .rev()
        .find(|&i| ctx.is_word(i))
        .map(|i| ctx.low[i].to_string())
}

fn entity_label(ctx: &Ctx, r: &Range<usize>) -> Option<EntityLabel> {
    core(ctx, r)
        .rev()
        .find_map(|i| ctx.ent[i].as_ref().map(|(l, _)| *l))
}

/// Facts a single mention contributes, with evidence strings.
fn facts_of(ctx: &Ctx, c: &Cand, ev: &mut Vec<String>) -> Facts {
    let lex = Lexicon::get();
    let mut f = Facts::default();
    match c.kind {
        MentionKind::Pronoun => {
            let w = ctx.low[c.toks.start].as_str();
            if let Some(p) = lex.pronouns.get(w) {
                match p.gender {
                    Gender::Male => f.male += 1,
                    Gender::Female => f.female += 1,
                    _ => {}
                }
                if p.plural {
                    f.plural += 1;
                }
                if matches!(p.gender, Gender::Male | Gender::Female) || p.person < 3 {
                    f.person = true;
                }
                if w == "it" {
                    f.org = true;
                }
                ev.push(format!("pronoun {w}"));
            }
        }
        _ if np::is_group(ctx, &c.toks) => {
            f.person = true;
            f.plural += 1;
            ev.push("coordinated names".to_owned());
        }
        _ => {
            match entity_label(ctx, &c.toks) {
                Some(EntityLabel::Per) => f.person = true,
                Some(EntityLabel::Org | EntityLabel::Loc) => f.org = true,
                _ => {}
            }
            for i in c.toks.clone() {
                let w = ctx.low[i].trim_end_matches('.');
                if let Some(NounClass::Title(g)) = lex.speaker_nouns.get(w) {
                    if ctx.is_cap(i) && i + 1 < c.toks.end {
                        f.person = true;
                        match g {
                            Gender::Male => {
                                f.male += 1;
                                ev.push(format!("title {}", ctx.text(i)));
                            }
                            Gender::Female => {
                                f.female += 1;
                                ev.push(format!("title {}", ctx.text(i)));
                            }
                            _ => {}
                        }
                    }
                }
            }
            match np::head_class(ctx, &c.toks) {
                Some(NounClass::Person(g)) if c.kind == MentionKind::Nominal => {
                    f.person = true;
                    let head = head_word(ctx, &c.toks).unwrap_or_default();
                    match g {
                        Gender::Male => {
                            f.male += 1;
                            ev.push(format!("noun {head}"));
                        }
                        Gender::Female => {
                            f.female += 1;
                            ev.push(format!("noun {head}"));
                        }
                        _ => {}
                    }
                }
                Some(NounClass::Group) if c.kind == MentionKind::Nominal => {
                    f.plural += 1;
                    f.person = true;
                }
                Some(NounClass::Org) if c.kind == MentionKind::Nominal => f.org = true,
                _ => {}
            }
        }
    }
    f
}

/// First-name gender from the names table, for a person name.
fn table_gender(ctx: &Ctx, c: &Cand) -> Option<(Gender, String)> {
    if c.kind != MentionKind::Name {
        return None;
    }
    let lex = Lexicon::get();
    let words = key_words(ctx, &c.toks);
    if words.len() < 2 {
        return None;
    }
    let g = lex.names.get(words[0].as_str())?;
    Some((*g, format!("names table: {}", words[0])))
}

/// First-name gender for a one-word person name ("Dmitri"), used only when the cluster has no
/// full name.
fn single_name_gender(ctx: &Ctx, c: &Cand) -> Option<(Gender, String)> {
    if c.kind != MentionKind::Name || entity_label(ctx, &c.toks) != Some(EntityLabel::Per) {
        return None;
    }
    let words = key_words(ctx, &c.toks);
    let [w] = &words[..] else { return None };
    let g = Lexicon::get().names.get(w.as_str())?;
    Some((*g, format!("names table: {w}")))
}

fn merge(a: &mut Facts, b: &Facts) {
    a.male += b.male;
    a.female += b.female;
    a.table_male += b.table_male;
    a.table_female += b.table_female;
    a.plural += b.plural;
    a.person |= b.person;
    a.org |= b.org;
}

/// Clusters the mentions and builds the mentions and speakers layers.
///
/// `turns` gives, for each quote, its first content token and its speaker phrase (used to
/// read dialogue: who a vocative addresses).
pub(crate) fn resolve(
    ctx: &Ctx,
    speaker_nps: &[Np],
    owner: &[Option<usize>],
    turns: &[(usize, Range<usize>)],
) -> Resolved {
    let lex = Lexicon::get();
    // 1. Candidates: quote speakers, person/organisation entities, sentence subjects.
    let mut cands: Vec<Cand> = Vec::new();
    let mut seen: Map<(usize, usize), usize> = Map::default();
    let mut add = |cands: &mut Vec<Cand>, toks: Range<usize>, kind: MentionKind, speaker: bool| {
        let key = (toks.start, toks.end);
        if let Some(&i) = seen.get(&key) {
            let c: &mut Cand = &mut cands[i];
            c.speaker |= speaker;
            return;
        }
        seen.insert(key, cands.len());
        cands.push(Cand {
            toks,
            kind,
            speaker,
            subject: false,
        });
    };
    // "said the Bavarian state chancellery": a phrase cut short after a demonym the tagger
    // took for a name is resolved as the whole description.
    let mut extended: Map<(usize, usize), Range<usize>> = Map::default();
    for np in speaker_nps {
        if let Some(x) = demonym_description(ctx, &np.toks) {
            extended.insert((np.toks.start, np.toks.end), x.clone());
            add(&mut cands, x, MentionKind::Nominal, true);
            continue;
        }
        add(&mut cands, np.toks.clone(), np.kind, true);
        // "Its chair, Henrik Dahl, warned": the apposed name is a mention of the same speaker.
        if let Some(app) = apposition(ctx, &np.toks) {
            add(&mut cands, app.toks, app.kind, false);
        }
    }
    for e in ctx.doc.entities() {
        let r = e.tokens.range();
        if r.is_empty() || r.end > ctx.len() || owner[r.start].is_some() || ctx.boiler[r.start] {
            continue;
        }
        if matches!(e.label, EntityLabel::Per | EntityLabel::Org) || titled_misc(ctx, &r) {
            add(&mut cands, r, MentionKind::Name, false);
        }
    }
    for s in &ctx.sents {
        if s.is_empty() || owner[s.start].is_some() || ctx.boiler[s.start] {
            continue;
        }
        // "In the call, a man who …": skip an introductory phrase ending at the first comma.
        let mut start = s.start;
        if matches!(
            ctx.low[start].as_str(),
            "in" | "on" | "at" | "after" | "during"
        ) {
            if let Some(c) = (start..s.end.min(start + 8)).find(|&k| ctx.low[k] == ",") {
                start = c + 1;
            }
        }
        if let Some(np) = np::forward(ctx, start, s.end) {
            // "The housing minister, Declan Moran, spoke": a title noun heads a person too.
            let person_nominal = np.kind == MentionKind::Nominal
                && matches!(
                    np::head_class(ctx, &np.toks),
                    Some(NounClass::Person(_) | NounClass::Title(_))
                );
            let named = np.kind == MentionKind::Name
                && ctx.ent[np.toks.start]
                    .as_ref()
                    .is_some_and(|(l, _)| *l == EntityLabel::Per);
            let any_name = np.kind == MentionKind::Name && ctx.is_cap(np.toks.end - 1);
            if person_nominal || named || any_name {
                add(&mut cands, np.toks.clone(), np.kind, false);
                if let Some(c) = cands.iter_mut().rev().find(|c| c.toks == np.toks) {
                    c.subject = true;
                }
            }
        }
    }
    // "a man who identified himself as Nikita": the name is a mention too.
    for i in 0..cands.len() {
        if cands[i].kind != MentionKind::Nominal {
            continue;
        }
        if let Some((at, _)) = named_as(ctx, &cands[i].toks) {
            let end = ctx.sents.get(ctx.sent[at]).map_or(ctx.len(), |s| s.end);
            if let Some(name) = np::forward(ctx, at, end) {
                if name.kind == MentionKind::Name {
                    add(&mut cands, name.toks, MentionKind::Name, false);
                }
            }
        }
    }
    // "chair of the Halden Port Authority": a lower-case head before the complement makes a
    // description, not a name, whatever the capitals after it.
    // "Minister says …", "Witness admits …": a headline's bare title is a description too.
    for c in cands.iter_mut() {
        if c.kind == MentionKind::Name && (described_name(ctx, &c.toks) || bare_title(ctx, &c.toks))
        {
            c.kind = MentionKind::Nominal;
        }
    }
    // "the chief executive, Daniel Ferreira-Holt, wrote": the description before a person's
    // name in apposition is a mention of that person.
    for i in 0..cands.len() {
        if cands[i].kind == MentionKind::Name {
            if let Some(d) = apposed_description(ctx, &cands[i].toks) {
                add(&mut cands, d, MentionKind::Nominal, false);
            }
        }
    }
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by_key(|&i| (cands[i].toks.start, cands[i].toks.end));
    let cands: Vec<Cand> = order.into_iter().map(|i| cands[i].clone()).collect();
    let n = cands.len();
    let mut uf = Uf {
        parent: (0..n).collect(),
    };
    let mut evidence: Vec<Vec<String>> = vec![Vec::new(); n];
    let mut facts: Vec<Facts> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut f = facts_of(ctx, c, &mut evidence[i]);
            if let Some((g, _)) = table_gender(ctx, c) {
                match g {
                    Gender::Female => f.table_female += 1,
                    _ => f.table_male += 1,
                }
            }
            f
        })
        .collect();
    // 2. Names: a name joins the longest name that contains its words and shares its last word.
    let keys: Vec<Vec<String>> = cands.iter().map(|c| key_words(ctx, &c.toks)).collect();
    // Names by last word, each distinct name once (its first mention), and the first two
    // mentions of each distinct name: a text repeating one name thousands of times stays linear.
    let mut by_last: Map<&str, Vec<usize>> = Map::default();
    let mut same_key: Map<&[String], (usize, Option<usize>)> = Map::default();
    for (i, c) in cands.iter().enumerate() {
        if c.kind == MentionKind::Name {
            if let Some(l) = keys[i].last() {
                match same_key.entry(keys[i].as_slice()) {
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert((i, None));
                        by_last.entry(l.as_str()).or_default().push(i);
                    }
                    std::collections::hash_map::Entry::Occupied(mut e) => {
                        if e.get().1.is_none() {
                            e.get_mut().1 = Some(i);
                        }
                    }
                }
            }
        }
    }
    // The first other mention of the same name.
    let same_name = |i: usize| -> Option<usize> {
        let &(first, second) = same_key.get(keys[i].as_slice())?;
        if first != i {
            Some(first)
        } else {
            second
        }
    };
    let mut by_first: Map<&str, Vec<usize>> = Map::default();
    for (i, c) in cands.iter().enumerate() {
        if c.kind == MentionKind::Name && keys[i].len() >= 2 {
            by_first.entry(keys[i][0].as_str()).or_default().push(i);
        }
    }
    for i in 0..n {
        if cands[i].kind != MentionKind::Name || keys[i].is_empty() {
            continue;
        }
        let last = keys[i].last().map(String::as_str).unwrap_or("");
        let best = by_last.get(last).and_then(|v| {
            v.iter()
                .copied()
                .filter(|&j| j != i && keys[j].len() > keys[i].len())
                .filter(|&j| keys[i].iter().all(|w| keys[j].contains(w)))
                // A tagged person name beats capitals that only look like one ("Late Okoro"
                // in a headline), then the longer name, then the first.
                .max_by_key(|&j| {
                    let per = tagged_person(ctx, &cands[j].toks, keys[j].len());
                    (per, keys[j].len(), std::cmp::Reverse(j))
                })
        });
        if let Some(j) = best {
            join(&mut uf, &mut facts, j, i);
        } else if keys[i].len() == 1 {
            // A first name alone ("Dmitri") joins the only full name starting with it, or the
            // only one before it ("Harbourside Athletic" … "Harbourside" … "Harbourside TV").
            if let Some(v) = by_first.get(last) {
                let label = tagged(ctx, &cands[i].toks, 1);
                let before: Vec<usize> = v
                    .iter()
                    .copied()
                    .filter(|&j| j < i && tagged(ctx, &cands[j].toks, keys[j].len()) == label)
                    .collect();
                if v.len() == 1 {
                    join(&mut uf, &mut facts, v[0], i);
                } else if before.len() == 1 {
                    join(&mut uf, &mut facts, before[0], i);
                }
            }
            // Same text elsewhere ("Nato" … "Nato").
            if let Some(j) = same_name(i) {
                join(&mut uf, &mut facts, j, i);
            }
        } else if let Some(j) = same_name(i) {
            join(&mut uf, &mut facts, j, i);
        }
    }
    // 3. Descriptions the text names: "a man who identified himself as Nikita", "a man named X".
    for i in 0..n {
        if cands[i].kind != MentionKind::Nominal {
            continue;
        }
        if let Some((at, g)) = named_as(ctx, &cands[i].toks) {
            if let Some(j) = cands.iter().position(|c| c.toks.start == at) {
                join(&mut uf, &mut facts, j, i);
                let r = uf.find(j);
                match g {
                    Some(Gender::Male) => {
                        facts[r].male += 1;
                        facts[r].person = true;
                        evidence[j].push("pronoun himself".into());
                    }
                    Some(Gender::Female) => {
                        facts[r].female += 1;
                        facts[r].person = true;
                        evidence[j].push("pronoun herself".into());
                    }
                    _ => {}
                }
            }
        }
    }
    // Appositions: "Its chair, Henrik Dahl," / "Per Holm, a trawler captain,".
    for i in 0..n {
        if let Some(app) = apposition(ctx, &cands[i].toks) {
            if let Some(j) = seen_index(&cands, &app.toks) {
                join(&mut uf, &mut facts, i, j);
            }
        }
    }
    // 4. Definite descriptions join the nearest earlier description with the same head noun.
    let mut last_head: Map<String, usize> = Map::default();
    for i in 0..n {
        if cands[i].kind != MentionKind::Nominal {
            continue;
        }
        let Some(h) = head_word(ctx, &cands[i].toks) else {
            continue;
        };
        if ctx.low[cands[i].toks.start] == "the" {
            if let Some(&j) = last_head.get(&h) {
                if ctx.para[cands[i].toks.start] <= ctx.para[cands[j].toks.start] + 12 {
                    join(&mut uf, &mut facts, j, i);
                }
            }
        }
        last_head.insert(h, i);
    }
    // 4a. Two extents of one phrase ("a key witness" and "a key witness in the trial") are one
    // mention.
    for i in 1..n {
        if cands[i].toks.start == cands[i - 1].toks.start
            && cands[i].kind == MentionKind::Nominal
            && cands[i - 1].kind == MentionKind::Nominal
            && head_word(ctx, &cands[i].toks) == head_word(ctx, &cands[i - 1].toks)
        {
            join(&mut uf, &mut facts, i - 1, i);
        }
    }
    // 4c. A headline's bare title ("Minister says …", "Witness admits …") points forward to the
    // first description with the same head noun in a later paragraph ("Ukraine's
    // infrastructure minister", "A key prosecution witness").
    for i in 0..n {
        let c = &cands[i];
        if !c.speaker || c.kind != MentionKind::Nominal || !bare_title(ctx, &c.toks) {
            continue;
        }
        let Some(h) = head_word(ctx, &c.toks) else {
            continue;
        };
        let para = ctx.para[c.toks.start];
        let pick = (i + 1..n)
            .take_while(|&j| ctx.para[cands[j].toks.start] <= para + 12)
            .find(|&j| {
                let cj = &cands[j];
                cj.kind == MentionKind::Nominal
                    && ctx.para[cj.toks.start] > para
                    && !bare_title(ctx, &cj.toks)
                    && head_word(ctx, &cj.toks).as_ref() == Some(&h)
            });
        if let Some(j) = pick {
            join(&mut uf, &mut facts, j, i);
        }
    }
    // 4b. An organisation described by its kind ("the company", "the club", "the port
    // authority") that speaks is the organisation the text named last, within two paragraphs:
    // any one for a bare noun, else one whose name holds the description's words ("Halden Port
    // Authority"). "the federal government" names no earlier body and stays as it is.
    for i in 0..n {
        let c = &cands[i];
        if !c.speaker
            || c.kind != MentionKind::Nominal
            || ctx.low[c.toks.start] != "the"
            || np::head_class(ctx, &c.toks) != Some(NounClass::Org)
            || c.toks
                .clone()
                .any(|k| matches!(ctx.low[k].as_str(), "'s" | "'" | "of"))
        {
            continue;
        }
        let words: Vec<&str> = (c.toks.start + 1..c.toks.end)
            .filter(|&k| ctx.is_word(k))
            .map(|k| ctx.low[k].as_str())
            .collect();
        let root = uf.find(i);
        if (0..n).any(|j| cands[j].kind == MentionKind::Name && uf.find(j) == root) {
            continue;
        }
        let para = ctx.para[c.toks.start];
        let pick = (0..i)
            .rev()
            .take_while(|&j| ctx.para[cands[j].toks.start] + 2 >= para)
            .find(|&j| {
                let cj = &cands[j];
                cj.kind == MentionKind::Name
                    && matches!(
                        entity_label(ctx, &cj.toks),
                        Some(EntityLabel::Org | EntityLabel::Misc)
                    )
                    && (words.len() == 1 || words.iter().all(|w| keys[j].iter().any(|k| k == w)))
            });
        if let Some(j) = pick {
            join(&mut uf, &mut facts, j, i);
        }
    }
    // 5. Relative pronouns join the phrase they follow: "Eric Garner, who said".
    for i in 0..n {
        let t = cands[i].toks.start;
        if cands[i].kind == MentionKind::Pronoun && matches!(ctx.low[t].as_str(), "who" | "which") {
            let mut k = t;
            while k > 0 && ctx.low[k - 1] == "," {
                k -= 1;
            }
            if let Some(j) = (0..i).rev().find(|&j| cands[j].toks.end == k) {
                join(&mut uf, &mut facts, j, i);
            }
        }
    }
    // Descriptions first bridge to the names they stand for ("said the barrister" → the
    // barrister named before), so that pronouns see those clusters' genders.
    bridge(ctx, &cands, &mut uf, &mut facts);
    cataphora(ctx, &cands, &mut uf, &mut facts);
    // 6. Pronouns, in text order.
    for i in 0..n {
        if cands[i].kind != MentionKind::Pronoun {
            continue;
        }
        let w = ctx.low[cands[i].toks.start].clone();
        let Some(p) = lex.pronouns.get(w.as_str()).copied() else {
            continue;
        };
        if p.person < 3 {
            continue;
        }
        let here = cands[i].toks.start;
        let para = ctx.para[here];
        let compatible = |f: &Facts| -> bool {
            let (m, fe) = if f.male + f.female > 0 {
                (f.male, f.female)
            } else {
                (f.table_male, f.table_female)
            };
            let person = f.person || m + fe > 0;
            match p.gender {
                Gender::Male => (f.person || !f.org) && f.plural == 0 && person && m >= fe,
                Gender::Female => (f.person || !f.org) && f.plural == 0 && person && fe >= m,
                Gender::Neuter => f.org && !f.person,
                _ => f.plural > 0 || f.org,
            }
        };
        // Passes: (0) speakers and subjects earlier in the pronoun's paragraph that are
        // compatible ("Dale Whitcombe, 67, left with his wife. “…,” he said"), (1) recent
        // speakers and subjects whose gender the text states and agrees, (2) recent speakers
        // and subjects that are compatible, (3) any mention whose gender the text states and
        // agrees (the other side of a dialogue), (4) any compatible mention.
        let explicit = |f: &Facts| -> bool {
            match p.gender {
                Gender::Male => {
                    f.male > f.female || (f.male + f.female == 0 && f.table_male > f.table_female)
                }
                Gender::Female => {
                    f.female > f.male || (f.male + f.female == 0 && f.table_female > f.table_male)
                }
                _ => true,
            }
        };
        let mut pick = None;
        for pass in 0..5 {
            for j in (0..i).rev() {
                let cj = &cands[j];
                if ctx.para[cj.toks.start] + 4 < para {
                    break;
                }
                if pass == 0 && ctx.para[cj.toks.start] != para {
                    break;
                }
                if pass < 3 && !cj.speaker && !cj.subject {
                    continue;
                }
                if pass < 3 && ctx.para[cj.toks.start] + 2 < para {
                    break;
                }
                let root = uf.find(j);
                let strict = pass == 1 || pass == 3;
                if compatible(&facts[root]) && (!strict || explicit(&facts[root])) {
                    pick = Some(j);
                    break;
                }
            }
            if pick.is_some() {
                break;
            }
        }
        if let Some(j) = pick {
            join(&mut uf, &mut facts, j, i);
        }
    }
    bridge(ctx, &cands, &mut uf, &mut facts);
    let turns: Vec<(usize, Range<usize>)> = turns
        .iter()
        .map(|(s, r)| (*s, extended.get(&(r.start, r.end)).unwrap_or(r).clone()))
        .collect();
    vocatives(ctx, &cands, &keys, &turns, &mut uf, &mut facts);
    // 7. Speakers: clusters holding a quote speaker.
    let mut root_speaker: Map<usize, usize> = Map::default();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        if c.speaker {
            let r = uf.find(i);
            let next = root_speaker.len();
            root_speaker.entry(r).or_insert(next);
        }
    }
    members.resize(root_speaker.len(), Vec::new());
    for i in 0..n {
        let r = uf.find(i);
        if let Some(&s) = root_speaker.get(&r) {
            members[s].push(i);
        }
    }
    // Mention indices: candidates are sorted by (start, end) and unique, so their order is the
    // layer's order; keep only those in speakers.
    let mut mention_of = vec![usize::MAX; n];
    let mut mentions = Vec::new();
    for i in 0..n {
        if root_speaker.contains_key(&uf.find(i)) {
            mention_of[i] = mentions.len();
            mentions.push(Mention {
                span: ctx.span(cands[i].toks.clone()),
                kind: cands[i].kind,
            });
        }
    }
    let mut speakers = Vec::with_capacity(members.len());
    for ms in &members {
        let root = uf.find(ms[0]);
        let f = &facts[root];
        let mut ev: Vec<String> = Vec::new();
        let mut pron: Vec<String> = Vec::new();
        let mut other: Vec<String> = Vec::new();
        for &m in ms {
            for e in &evidence[m] {
                if e.starts_with("pronoun") {
                    pron.push(e.clone());
                } else {
                    other.push(e.clone());
                }
            }
        }
        ev.extend(pron);
        ev.extend(other);
        let mut table = None;
        let name = canonical(ctx, &cands, ms, f.org && !f.person);
        if f.male == 0 && f.female == 0 && !f.org {
            table = ms
                .iter()
                .find_map(|&m| table_gender(ctx, &cands[m]))
                .or_else(|| ms.iter().find_map(|&m| single_name_gender(ctx, &cands[m])));
        }
        let label = if f.org && !f.person {
            SpeakerLabel::Organisation
        } else if f.person || table.is_some() {
            SpeakerLabel::Person
        } else {
            SpeakerLabel::Unknown
        };
        let gender = if f.male > f.female {
            Gender::Male
        } else if f.female > f.male {
            Gender::Female
        } else if let Some((g, e)) = &table {
            ev.push(e.clone());
            *g
        } else if label == SpeakerLabel::Organisation || (f.plural > 0 && !f.person) {
            Gender::Neuter
        } else {
            Gender::Unknown
        };
        ev.dedup();
        speakers.push(Speaker {
            name,
            label,
            gender,
            gender_evidence: ev,
            mentions: ms.iter().map(|&m| mention_of[m]).collect(),
        });
    }
    let mut index = Map::default();
    for np in speaker_nps {
        let toks = extended
            .get(&(np.toks.start, np.toks.end))
            .unwrap_or(&np.toks);
        if let Some(i) = seen_index(&cands, toks) {
            let s = root_speaker[&uf.find(i)];
            index.insert((np.toks.start, np.toks.end), (mention_of[i], s));
        }
    }
    Resolved {
        mentions,
        speakers,
        index,
    }
}

/// Joins two clusters, merging their facts.
fn join(uf: &mut Uf, facts: &mut [Facts], keep: usize, other: usize) {
    let a = uf.find(keep);
    let b = uf.find(other);
    if a != b {
        let fb = facts[b].clone();
        merge(&mut facts[a], &fb);
        uf.union(a, b);
    }
}

/// Token `k` lies in a clause reported by a verb before it in its sentence ("insisted that …").
fn reported(ctx: &Ctx, k: usize) -> bool {
    let lex = Lexicon::get();
    let start = ctx.sents.get(ctx.sent[k]).map_or(0, |s| s.start);
    (start + 1..k).any(|t| ctx.low[t] == "that" && lex.verb(ctx.low[t - 1].as_str()).is_some())
}

/// "the Portuguese", "the Italian": a nationality standing for a person (not the first words
/// of "the Bavarian state chancellery").
fn demonym(ctx: &Ctx, r: &Range<usize>) -> bool {
    let lex = Lexicon::get();
    // Two lower-case words that are no verb after it make it a modifier.
    let plain = |k: usize| {
        k < ctx.len() && ctx.is_word(k) && !ctx.is_cap(k) && lex.verb(ctx.low[k].as_str()).is_none()
    };
    let next_ok = !(plain(r.end) && plain(r.end + 1));
    ctx.low[r.start] == "the"
        && r.len() >= 2
        && next_ok
        && (r.start + 1..r.end).all(|k| {
            ctx.ent[k]
                .as_ref()
                .is_some_and(|(l, _)| *l == EntityLabel::Misc)
        })
}

/// Bridging: a definite description that speaks ("said the Portuguese coach", "said the
/// Italian") and has no name in its cluster refers to the most recent named person before
/// it, within two paragraphs, whose gender does not conflict; failing that, to the only named
/// person who has spoken earlier in the text ("a man who called himself Kirill … said the
/// soldier").
fn bridge(ctx: &Ctx, cands: &[Cand], uf: &mut Uf, facts: &mut [Facts]) {
    let n = cands.len();
    // A named person: a person entity, or a name whose cluster the text makes a person with a
    // gender ("a man who called himself Kirill", whatever the tagger made of "Kirill").
    let named = |uf: &mut Uf, facts: &[Facts], j: usize| -> bool {
        let cj = &cands[j];
        if cj.kind != MentionKind::Name {
            return false;
        }
        if entity_label(ctx, &cj.toks) == Some(EntityLabel::Per) {
            return true;
        }
        let f = &facts[uf.find(j)];
        f.person && f.male + f.female > 0 && !demonym(ctx, &cj.toks)
    };
    // Per cluster root: holds a named person, or a description introduced by an indefinite;
    // and holds a quote speaker.
    let mut named_or_introduced = vec![false; n];
    let mut first_speaker = vec![usize::MAX; n];
    for (j, cj) in cands.iter().enumerate() {
        let introduced = cj.kind == MentionKind::Nominal
            && matches!(
                ctx.low[cj.toks.start].as_str(),
                "a" | "an" | "another" | "one"
            );
        if named(uf, facts, j) || introduced {
            let r = uf.find(j);
            named_or_introduced[r] = true;
        }
        if cj.speaker {
            let r = uf.find(j);
            first_speaker[r] = first_speaker[r].min(j);
        }
    }
    // The name mentions, in order: the only candidates `fits` accepts.
    let names: Vec<usize> = (0..n)
        .filter(|&j| cands[j].kind == MentionKind::Name)
        .collect();
    const MAX_BACK: usize = 1000;
    for i in 0..n {
        let c = &cands[i];
        let described = c.kind == MentionKind::Nominal || demonym(ctx, &c.toks);
        if !c.speaker || !described || ctx.low[c.toks.start] != "the" {
            continue;
        }
        if matches!(
            np::head_class(ctx, &c.toks),
            Some(NounClass::Org | NounClass::Group)
        ) || c.toks.clone().any(|k| ctx.low[k] == "'s")
        {
            continue;
        }
        let root = uf.find(i);
        // A cluster the text introduced with an indefinite ("a crane operator … the operator
        // said") is a new, unnamed person, not someone named before.
        if named_or_introduced[root] {
            continue;
        }
        let para = ctx.para[c.toks.start];
        let fi = facts[root].clone();
        let fits = |uf: &mut Uf, j: usize| -> bool {
            let f = &facts[uf.find(j)];
            named(uf, facts, j)
                && !(fi.male > 0 && f.female > f.male)
                && !(fi.female > 0 && f.male > f.female)
        };
        // Names inside a reported clause ("Ventresca has insisted that the club's top scorer
        // Jordan Kelleher is not for sale") are what was said, not who is speaking.
        // Only name mentions can fit; at most MAX_BACK of them are looked at (linear time on
        // a document that is one huge paragraph).
        let before = &names[..names.partition_point(|&j| j < i)];
        let back = &before[before.len().saturating_sub(MAX_BACK)..];
        let mut pick = back
            .iter()
            .rev()
            .copied()
            .take_while(|&j| ctx.para[cands[j].toks.start] + 2 >= para)
            .find(|&j| !reported(ctx, cands[j].toks.start) && fits(uf, j));
        if pick.is_none() {
            // Farther back only when one named person has spoken so far: no other candidate.
            let mut only: Option<(usize, usize)> = None;
            for j in back.iter().rev().copied() {
                let r = uf.find(j);
                if first_speaker[r] < i && fits(uf, j) {
                    match only {
                        None => only = Some((r, j)),
                        Some((r0, _)) if r0 == r => {}
                        Some(_) => {
                            only = None;
                            break;
                        }
                    }
                }
            }
            pick = only.map(|(_, j)| j);
        }
        if let Some(j) = pick {
            // The cluster now holds a named person.
            let (a, b) = (first_speaker[uf.find(i)], first_speaker[uf.find(j)]);
            join(uf, facts, j, i);
            let r = uf.find(i);
            named_or_introduced[r] = true;
            first_speaker[r] = a.min(b);
        }
    }
}

/// The phrase in apposition right after `r`: ", NP," (or ", NP" closing the sentence).
fn apposition(ctx: &Ctx, r: &Range<usize>) -> Option<Np> {
    let c = r.end;
    if c + 1 >= ctx.len() || ctx.low[c] != "," || ctx.para[c + 1] != ctx.para[r.start] {
        return None;
    }
    let np = np::forward(ctx, c + 1, ctx.len())?;
    let after = ctx.low.get(np.toks.end).map(Low::as_str);
    let closes = matches!(after, Some("," | "." | ";") | None);
    (closes && np.kind != MentionKind::Pronoun && np.toks.len() <= 8).then_some(np)
}

/// The name's capitalised words are all one person entity ("Ade Okoro", not "Late Okoro" with
/// only "Okoro" tagged).
fn tagged_person(ctx: &Ctx, r: &Range<usize>, n_keys: usize) -> bool {
    tagged(ctx, r, n_keys) == Some(EntityLabel::Per)
}

/// The label of the entity that holds all of a name's capitalised words.
fn tagged(ctx: &Ctx, r: &Range<usize>, n_keys: usize) -> Option<EntityLabel> {
    let c = core(ctx, r);
    let last = c.clone().rev().find(|&i| ctx.is_word(i))?;
    let (l, er) = ctx.ent[last].as_ref()?;
    (key_words(ctx, er).len() == n_keys).then_some(*l)
}

/// A "name" mention whose words before its first complement are all lower case ("chair of the
/// Halden Port Authority", "head of Nato").
fn described_name(ctx: &Ctx, r: &Range<usize>) -> bool {
    let Some(k) = r
        .clone()
        .skip(1)
        .find(|&k| ctx.ent[k].is_none() && is_prep(ctx.low[k].as_str()))
    else {
        return false;
    };
    (r.start..k).all(|i| ctx.is_word(i) && !ctx.is_cap(i) && ctx.ent[i].is_none())
}

/// Where the name starts in "NOMINAL who identified himself as NAME", "… who called herself
/// NAME", "… who gave his name only as NAME", "NOMINAL named NAME", looked for inside the
/// mention or right after it, with the gender its reflexive or possessive pronoun states.
fn named_as(ctx: &Ctx, r: &Range<usize>) -> Option<(usize, Option<Gender>)> {
    let w = |k: usize| ctx.low.get(k).map_or("", Low::as_str);
    let gender = |p: &str| match p {
        "himself" | "his" => Some(Gender::Male),
        "herself" | "her" => Some(Gender::Female),
        _ => None,
    };
    let at = |k: usize| -> Option<(usize, Option<Gender>)> {
        let mut k = k;
        if w(k) == "," {
            k += 1;
        }
        let who = w(k) == "who";
        if who {
            k += 1;
        }
        let skip_only = |k: usize| {
            if matches!(w(k), "only" | "simply") {
                k + 1
            } else {
                k
            }
        };
        let v = w(k);
        if matches!(
            v,
            "identified"
                | "identifies"
                | "identifying"
                | "called"
                | "calls"
                | "calling"
                | "introduced"
                | "introduces"
                | "introducing"
                | "named"
                | "names"
                | "naming"
        ) && matches!(w(k + 1), "himself" | "herself" | "themselves")
        {
            let g = gender(w(k + 1));
            let mut e = skip_only(k + 2);
            if w(e) == "as" {
                e += 1;
            }
            return Some((e, g));
        }
        if matches!(v, "gave" | "gives" | "giving" | "give")
            && matches!(w(k + 1), "his" | "her" | "their")
        {
            let g = gender(w(k + 1));
            let mut e = k + 2;
            if w(e) == "first" {
                e += 1;
            }
            if w(e) != "name" {
                return None;
            }
            e = skip_only(e + 1);
            return (w(e) == "as").then_some((e + 1, g));
        }
        if !who && matches!(v, "named" | "called") {
            return Some((k + 1, None));
        }
        if v == "identified" || v == "known" {
            let e = skip_only(k + 1);
            return (w(e) == "as").then_some((e + 1, None));
        }
        None
    };
    (r.start + 1..=r.end.min(ctx.len().saturating_sub(1)))
        .find_map(at)
        .filter(|&(k, _)| k < ctx.len() && ctx.para[k] == ctx.para[r.start] && ctx.is_cap(k))
}

/// Position of the candidate with exactly these tokens (candidates are sorted and unique).
fn seen_index(cands: &[Cand], r: &Range<usize>) -> Option<usize> {
    cands
        .binary_search_by_key(&(r.start, r.end), |c| (c.toks.start, c.toks.end))
        .ok()
}

/// The most informative name of a cluster: the longest name, then the description the text
/// attributes a quote to (the longest such), then a pronoun; titles, post-nominal letters,
/// a leading "the" and possessive markers are left out. `org`: the cluster is an organisation.
fn canonical(ctx: &Ctx, cands: &[Cand], ms: &[usize], org: bool) -> String {
    let lex = Lexicon::get();
    let text = ctx.doc.text();
    // A person or organisation entity inside a name mention is the name itself ("council leader
    // Shabana Qureshi" → "Shabana Qureshi", "Clara Johansson of the institute" → "Clara
    // Johansson").
    let entity_in = |c: &Cand| -> Option<Range<usize>> {
        if c.kind != MentionKind::Name {
            return None;
        }
        // A group is named by all its members ("Walsh and Adeyemi").
        if np::is_group(ctx, &c.toks) {
            return Some(c.toks.clone());
        }
        let within = core(ctx, &c.toks);
        // A person beats an organisation ("Top Republican Party donor Sheldon Adelson"), then
        // the longer entity.
        let mut best: Option<(bool, Range<usize>)> = None;
        let mut i = within.start;
        while i < within.end {
            if let Some((l, r)) = &ctx.ent[i] {
                let per = *l == EntityLabel::Per;
                if matches!(l, EntityLabel::Per | EntityLabel::Org)
                    && r.start >= within.start
                    && r.end <= within.end
                    && best
                        .as_ref()
                        .is_none_or(|(bp, b)| (per, r.len()) > (*bp, b.len()))
                {
                    best = Some((per, r.clone()));
                }
                i = r.end.max(i + 1);
            } else {
                i += 1;
            }
        }
        // An entity the tagger cut short keeps the capitalised words that close the mention
        // ("the [Sierra Vista Fire Protection] District").
        // So does one cut short on the left, when only "the" precedes the capitals ("The
        // Morning [Herald]").
        best.map(|(_, r)| {
            let mut e = r.end;
            while e < within.end && ctx.is_word(e) && ctx.is_cap(e) && ctx.ent[e].is_none() {
                e += 1;
            }
            let mut s = r.start;
            while s > within.start
                && ctx.is_word(s - 1)
                && ctx.is_cap(s - 1)
                && ctx.ent[s - 1].is_none()
                && ctx.low[s - 1] != "the"
                && !lex.is_title(ctx.low[s - 1].trim_end_matches('.'))
            {
                s -= 1;
            }
            let s = if s == within.start + 1 && ctx.low[within.start] == "the" {
                s
            } else {
                r.start
            };
            if e == within.end {
                s..e
            } else {
                s..r.end
            }
        })
    };
    let rank = |c: &Cand| -> (u8, usize, usize) {
        let words = c.toks.clone().filter(|&i| ctx.is_word(i)).count();
        match (c.kind, entity_in(c)) {
            (MentionKind::Name, Some(r)) => (4, key_words(ctx, &r).len().max(1) * 100 + r.len(), 0),
            (MentionKind::Name, None) => (3, key_words(ctx, &c.toks).len().max(1) * 100 + words, 0),
            // "said one resident, a retired bus driver": the description quoted as the speaker.
            (MentionKind::Nominal, _) => (2, usize::from(c.speaker), words),
            _ => (1, 0, 0),
        }
    };
    let Some(&best) = ms.iter().max_by_key(|&&m| {
        let (a, b, w) = rank(&cands[m]);
        (a, b, w, std::cmp::Reverse(m))
    }) else {
        return String::new();
    };
    let c = &cands[best];
    let r = entity_in(c).unwrap_or_else(|| {
        if c.kind == MentionKind::Name {
            core(ctx, &c.toks)
        } else {
            c.toks.clone()
        }
    });
    let mut s = r.start;
    let mut e = r.end;
    while s + 1 < e
        && ((c.kind == MentionKind::Name && lex.is_title(ctx.low[s].trim_end_matches('.')))
            || ctx.low[s] == "."
            // Organisations and names lose their article ("Halden Port Authority"); an
            // unnamed person keeps the description the text gives ("the driver’s wife").
            || (ctx.low[s] == "the" && (org || c.kind != MentionKind::Nominal)))
    {
        s += 1;
    }
    // A description names its head phrase: "A crane operator", not "A crane operator who has
    // worked at the port for 22 years".
    if c.kind == MentionKind::Nominal {
        if let Some(rel) = (s + 1..e).find(|&i| {
            matches!(
                ctx.low[i].as_str(),
                "who" | "whose" | "which" | "that" | "," | "—" | "–" | "("
            )
        }) {
            e = rel;
        } else if let Some(x) = named_complement(ctx, e).filter(|_| !org) {
            // "a spokesman for Nordline Shipping", "one engineer in Dublin": the fullest
            // description of a person keeps the named body or place it belongs to (an
            // organisation's does not: "the state chancellery in Munich").
            e = x;
        }
    }
    while e > s + 1 && matches!(ctx.low[e - 1].as_str(), "'s" | "'" | ",") {
        e -= 1;
    }
    let span = newsquotes_document::Span::new(ctx.toks[s].span.start, ctx.toks[e - 1].span.end);
    span.get(text)
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The end of "for Nordline Shipping" / "in Dublin" / "of the Home Office" right at `e`: a
/// preposition, an optional "the" and an entity, in the same paragraph.
fn named_complement(ctx: &Ctx, e: usize) -> Option<usize> {
    if e + 1 >= ctx.len()
        || e == 0
        || !matches!(ctx.low[e].as_str(), "for" | "of" | "at" | "in" | "from")
    {
        return None;
    }
    let mut k = e + 1;
    if ctx.low[k] == "the" {
        k += 1;
    }
    let (_, r) = ctx.ent.get(k)?.as_ref()?;
    (r.start == k && ctx.para[r.end - 1] == ctx.para[e - 1]).then_some(r.end)
}

/// Words that open a noun phrase as its determiner.
fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "another"
            | "his"
            | "her"
            | "their"
            | "our"
            | "my"
            | "your"
            | "its"
            | "this"
            | "that"
            | "these"
            | "those"
            | "one"
            | "some"
            | "each"
            | "every"
            | "no"
            | "any"
    )
}

/// The lexicon class of a phrase's head word when it names a single person ("minister",
/// "witness", "chief executive" → "executive" is unknown, so its modifier "chief" counts).
fn person_head(ctx: &Ctx, r: &Range<usize>) -> bool {
    matches!(
        np::head_class(ctx, r),
        Some(NounClass::Person(_) | NounClass::Title(_))
    )
}

/// A capitalised title or person noun standing alone without a determiner, the way headlines
/// write them ("Minister says …", "Chief executive says …", "Witness admits …"): no entity, no
/// capitals after the first word, a person noun at its head.
fn bare_title(ctx: &Ctx, r: &Range<usize>) -> bool {
    r.len() <= 3
        && ctx.is_cap(r.start)
        && !is_determiner(ctx.low[r.start].as_str())
        && r.clone().all(|k| ctx.is_word(k) && ctx.ent[k].is_none())
        && (r.start + 1..r.end).all(|k| !ctx.is_cap(k))
        && person_head(ctx, r)
}

/// The description standing in apposition right before a person's name: "the chief
/// executive, [Daniel Ferreira-Holt], wrote", "Its chair, [Henrik Dahl], said". The
/// description opens with a determiner or a possessive and has a person noun at its head.
fn apposed_description(ctx: &Ctx, r: &Range<usize>) -> Option<Range<usize>> {
    let s = r.start;
    if s < 2 || ctx.low[s - 1] != "," || entity_label(ctx, r) != Some(EntityLabel::Per) {
        return None;
    }
    let floor = ctx.sents.get(ctx.sent[s]).map_or(0, |x| x.start);
    let d = np::backward(ctx, s - 1, floor)?;
    let opens =
        is_determiner(ctx.low[d.toks.start].as_str()) || d.toks.clone().any(|k| ctx.low[k] == "'s");
    let ok = d.kind == MentionKind::Nominal
        && opens
        && person_head(ctx, &d.toks)
        && ctx.para[d.toks.start] == ctx.para[s]
        && apposition(ctx, &d.toks).is_some_and(|a| a.toks == *r);
    ok.then_some(d.toks)
}

/// The possessor of "Ukraine's infrastructure minister" is a place or a body, not a person
/// ("the driver's wife").
fn institutional_possessive(ctx: &Ctx, r: &Range<usize>) -> bool {
    r.clone().any(|k| {
        ctx.low[k] == "'s"
            && k > r.start
            && ctx.ent[k - 1]
                .as_ref()
                .is_some_and(|(l, _)| matches!(l, EntityLabel::Loc | EntityLabel::Org))
    })
}

/// Cataphora: a speaking title the text names only in the next sentence ("A convoy was
/// attacked, Ukraine's infrastructure minister said. Oleksandr Kravets said that …"). A
/// description with a person noun at its head, "the" or a place's or body's possessive before
/// it and no name in its cluster (after bridging back), joins the person named as the subject
/// of the next sentence, in the same or the next paragraph, when that person has no
/// description of their own and no gender conflicts.
fn cataphora(ctx: &Ctx, cands: &[Cand], uf: &mut Uf, facts: &mut [Facts]) {
    let n = cands.len();
    let mut has_name = vec![false; n];
    let mut has_desc = vec![false; n];
    for (j, cj) in cands.iter().enumerate() {
        let r = uf.find(j);
        match cj.kind {
            MentionKind::Name => has_name[r] = true,
            MentionKind::Nominal => has_desc[r] = true,
            _ => {}
        }
    }
    for i in 0..n {
        let c = &cands[i];
        if !c.speaker || c.kind != MentionKind::Nominal || !person_head(ctx, &c.toks) {
            continue;
        }
        let possessive = institutional_possessive(ctx, &c.toks);
        if !possessive
            && (ctx.low[c.toks.start] != "the" || c.toks.clone().any(|k| ctx.low[k] == "'s"))
        {
            continue;
        }
        let root = uf.find(i);
        if has_name[root] {
            continue;
        }
        let sent = ctx.sent[c.toks.start];
        let para = ctx.para[c.toks.start];
        let Some(j) = (i + 1..n).find(|&j| ctx.sent[cands[j].toks.start] > sent) else {
            continue;
        };
        let cj = &cands[j];
        let rj = uf.find(j);
        let (fi, fj) = (&facts[root], &facts[rj]);
        let ok = cj.kind == MentionKind::Name
            && cj.subject
            && ctx.sent[cj.toks.start] == sent + 1
            && ctx.para[cj.toks.start] <= para + 1
            && entity_label(ctx, &cj.toks) == Some(EntityLabel::Per)
            && !has_desc[rj]
            && !(fi.male > 0 && fj.female > fj.male)
            && !(fi.female > 0 && fj.male > fj.female);
        if ok {
            join(uf, facts, j, i);
            let r = uf.find(j);
            has_name[r] = true;
            has_desc[r] = true;
        }
    }
}

/// The name a quote opens by addressing ("“Mr Maddox, is it …", "“Dana, listen …"): a title
/// and capitalised words, or a person entity, right after the opening mark and before a comma.
/// Returns its key words.
fn vocative(ctx: &Ctx, start: usize) -> Option<Vec<String>> {
    let lex = Lexicon::get();
    let mut k = start;
    if ctx.kind(k) == newsquotes_document::TokenKind::Quote {
        k += 1;
    }
    let mut titled = false;
    while k < ctx.len() && lex.is_title(ctx.low[k].trim_end_matches('.')) && ctx.is_cap(k) {
        titled = true;
        k += 1;
        if k < ctx.len() && ctx.low[k] == "." {
            k += 1;
        }
    }
    let from = k;
    while k < ctx.len() && k < from + 3 && ctx.is_word(k) && ctx.is_cap(k) {
        k += 1;
    }
    if k == from || k >= ctx.len() || ctx.low[k] != "," || ctx.para[k] != ctx.para[start] {
        return None;
    }
    let person = (from..k).all(|t| {
        ctx.ent[t]
            .as_ref()
            .is_some_and(|(l, r)| *l == EntityLabel::Per && r.start >= from && r.end <= k)
    });
    (titled || person).then(|| {
        (from..k)
            .map(|t| ctx.low[t].trim_end_matches('.').to_owned())
            .collect()
    })
}

/// Person names by their last key word, and per cluster root whether it holds a name.
type NameIndex<'a> = (Map<&'a str, Vec<usize>>, Vec<bool>);

/// Dialogue: a turn that opens by addressing someone by name ("“Mr Maddox,” she said, “is it
/// possible …?”") speaks to the other side of the exchange, so the turns just before and
/// after it by another speaker are that person's. Such a neighbouring turn whose speaker has
/// no name yet ("the witness", "he") joins the person named, when the text names them
/// elsewhere, no gender conflicts and the addressed person is not the turn's own speaker.
fn vocatives(
    ctx: &Ctx,
    cands: &[Cand],
    keys: &[Vec<String>],
    turns: &[(usize, Range<usize>)],
    uf: &mut Uf,
    facts: &mut [Facts],
) {
    let mut ts: Vec<(usize, usize)> = turns
        .iter()
        .filter(|(s, _)| *s < ctx.len())
        .filter_map(|(s, r)| seen_index(cands, r).map(|c| (*s, c)))
        .collect();
    ts.sort_unstable();
    ts.dedup();
    // Built at the first vocative: person names by last word, and which clusters hold a name.
    let mut index: Option<NameIndex> = None;
    for t in 0..ts.len() {
        let (start, ct) = ts[t];
        let Some(v) = vocative(ctx, start) else {
            continue;
        };
        let Some(last) = v.last() else { continue };
        let (by_last, has_name) = index.get_or_insert_with(|| {
            let mut by_last: Map<&str, Vec<usize>> = Map::default();
            let mut has_name = vec![false; cands.len()];
            for (j, cj) in cands.iter().enumerate() {
                if cj.kind == MentionKind::Name {
                    has_name[uf.find(j)] = true;
                    if let Some(l) = keys[j].last() {
                        if entity_label(ctx, &cj.toks) == Some(EntityLabel::Per) {
                            by_last.entry(l.as_str()).or_default().push(j);
                        }
                    }
                }
            }
            (by_last, has_name)
        });
        // The person the text names so: the longest person name holding the words.
        let Some(named) = by_last.get(last.as_str()).and_then(|js| {
            js.iter()
                .copied()
                .filter(|&j| v.iter().all(|w| keys[j].contains(w)))
                .max_by_key(|&j| (keys[j].len(), std::cmp::Reverse(j)))
        }) else {
            continue;
        };
        let rt = uf.find(ct);
        if uf.find(named) == rt {
            continue;
        }
        let para = ctx.para[start];
        let before = (0..t).rev().map(|u| ts[u]);
        let after = (t + 1..ts.len()).map(|u| ts[u]);
        let near = |&(s, _): &(usize, usize)| ctx.para[s] + 2 >= para && ctx.para[s] <= para + 2;
        let prev = before.take_while(near).find(|&(_, c)| uf.find(c) != rt);
        let next = after.take_while(near).find(|&(_, c)| uf.find(c) != rt);
        for (_, cu) in prev.into_iter().chain(next) {
            let ru = uf.find(cu);
            let rn = uf.find(named);
            if ru == rn || ru == rt {
                continue;
            }
            let unnamed = !has_name[ru];
            let (fu, fnm) = (&facts[ru], &facts[rn]);
            let male = |f: &Facts| f.male > f.female;
            let female = |f: &Facts| f.female > f.male;
            let conflict = (male(fu) && female(fnm)) || (female(fu) && male(fnm));
            let agrees = !conflict && fu.plural == 0 && (fu.person || !fu.org);
            if unnamed && agrees {
                join(uf, facts, named, cu);
                has_name[uf.find(named)] = true;
            }
        }
    }
}

/// A name of several words the tagger called MISC, written with "the" and standing on its own
/// ("an editorial in the [Northern Echo-Star] on Thursday"): often a newspaper or another body
/// the tagger did not know, so an organisation's description may stand for it ("The newspaper
/// said"). Not a modifier ("the [Bavarian] state chancellery") nor a demonym alone.
fn titled_misc(ctx: &Ctx, r: &Range<usize>) -> bool {
    let words = r.clone().filter(|&k| ctx.is_word(k)).count();
    let next_ok = r.end >= ctx.len()
        || !ctx.is_word(r.end)
        || ctx.is_cap(r.end)
        || is_prep(ctx.low[r.end].as_str())
        || matches!(
            ctx.low[r.end].as_str(),
            "on" | "by" | "to" | "and" | "or" | "but" | "was" | "is" | "has" | "had" | "said"
        );
    ctx.ent[r.start]
        .as_ref()
        .is_some_and(|(l, _)| *l == EntityLabel::Misc)
        && words >= 2
        && r.start > 0
        && ctx.low[r.start - 1] == "the"
        && next_ok
}

/// "the Bavarian" cut from "the Bavarian state chancellery": "the", a MISC entity, then up to
/// three lower-case words ending in an organisation noun. Returns the whole description.
fn demonym_description(ctx: &Ctx, r: &Range<usize>) -> Option<Range<usize>> {
    let lex = Lexicon::get();
    if r.len() < 2
        || ctx.low[r.start] != "the"
        || !(r.start + 1..r.end).all(|k| {
            ctx.ent[k]
                .as_ref()
                .is_some_and(|(l, _)| *l == EntityLabel::Misc)
        })
    {
        return None;
    }
    let mut k = r.end;
    while k < ctx.len()
        && k < r.end + 3
        && ctx.para[k] == ctx.para[r.start]
        && ctx.is_word(k)
        && !ctx.is_cap(k)
        && ctx.ent[k].is_none()
        && !is_prep(ctx.low[k].as_str())
        && lex.speaker_nouns.get(ctx.low[k].as_str()) != Some(&NounClass::Org)
    {
        k += 1;
    }
    let org = k < ctx.len()
        && ctx.para[k] == ctx.para[r.start]
        && ctx.ent[k].is_none()
        && lex.speaker_nouns.get(ctx.low[k].as_str()) == Some(&NounClass::Org);
    org.then_some(r.start..k + 1)
}
