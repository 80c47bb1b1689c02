//! Sieve 5: resolving speaker mentions into speakers.
//!
//! Mentions are clustered with a union-find: names by their tokens ("Clinton", "Mrs. Clinton" →
//! "Hillary Clinton"), organisations by their text, definite descriptions by their head noun ("the
//! soldier" → "a Russian soldier"), descriptions the text names ("a man who identified himself as
//! Nikita"), and pronouns by gender, number and recency, preferring recent speakers and sentence
//! subjects. Each cluster that holds a quote's speaker becomes a [`Speaker`] with a canonical name
//! (its most informative name), a label and its gender evidence, pronouns in the text first, then
//! titles and nouns, then the first-name table.

use std::collections::HashMap;
use std::ops::Range;

use newsquotes_document::{EntityLabel, Gender, Mention, MentionKind, Speaker, SpeakerLabel};

use crate::ctx::Ctx;
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
    pub index: HashMap<(usize, usize), (usize, usize)>,
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

fn key_words(ctx: &Ctx, r: &Range<usize>) -> Vec<String> {
    let lex = Lexicon::get();
    r.clone()
        .filter(|&i| ctx.is_word(i) && ctx.is_cap(i) && !lex.is_title(ctx.low[i].as_str()))
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
        .map(|i| ctx.low[i].clone())
}

fn entity_label(ctx: &Ctx, r: &Range<usize>) -> Option<EntityLabel> {
    r.clone()
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
pub(crate) fn resolve(ctx: &Ctx, speaker_nps: &[Np], owner: &[Option<usize>]) -> Resolved {
    let lex = Lexicon::get();
    // 1. Candidates: quote speakers, person/organisation entities, sentence subjects.
    let mut cands: Vec<Cand> = Vec::new();
    let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
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
    for np in speaker_nps {
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
        if matches!(e.label, EntityLabel::Per | EntityLabel::Org) {
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
            let person_nominal = np.kind == MentionKind::Nominal
                && matches!(np::head_class(ctx, &np.toks), Some(NounClass::Person(_)));
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
                // "a man who identified himself as Nikita": the name is a mention too.
                if person_nominal {
                    if let Some(at) = identified_as(ctx, np.toks.end) {
                        if let Some(name) = np::forward(ctx, at, s.end) {
                            if name.kind == MentionKind::Name {
                                add(&mut cands, name.toks, MentionKind::Name, false);
                            }
                        }
                    }
                }
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
    let union = |uf: &mut Uf, facts: &mut Vec<Facts>, keep: usize, other: usize| {
        let a = uf.find(keep);
        let b = uf.find(other);
        if a != b {
            let fb = facts[b].clone();
            merge(&mut facts[a], &fb);
            uf.union(a, b);
        }
    };
    // 2. Names: a name joins the longest name that contains its words and shares its last word.
    let keys: Vec<Vec<String>> = cands.iter().map(|c| key_words(ctx, &c.toks)).collect();
    // Names by last word, each distinct name once (its first mention), and the first two
    // mentions of each distinct name: a text repeating one name thousands of times stays linear.
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut same_key: HashMap<&[String], (usize, Option<usize>)> = HashMap::new();
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
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
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
                .max_by_key(|&j| (keys[j].len(), std::cmp::Reverse(j)))
        });
        if let Some(j) = best {
            union(&mut uf, &mut facts, j, i);
        } else if keys[i].len() == 1 {
            // A first name alone ("Dmitri") joins the only full name starting with it.
            if let Some(v) = by_first.get(last) {
                if v.len() == 1 {
                    union(&mut uf, &mut facts, v[0], i);
                }
            }
            // Same text elsewhere ("Nato" … "Nato").
            if let Some(j) = same_name(i) {
                union(&mut uf, &mut facts, j, i);
            }
        } else if let Some(j) = same_name(i) {
            union(&mut uf, &mut facts, j, i);
        }
    }
    // 3. Descriptions the text names: "a man who identified himself as Nikita", "a man named X".
    for i in 0..n {
        if cands[i].kind != MentionKind::Nominal {
            continue;
        }
        let e = cands[i].toks.end;
        if let Some(at) = identified_as(ctx, e) {
            if let Some(j) = cands.iter().position(|c| c.toks.start == at) {
                union(&mut uf, &mut facts, j, i);
                let refl = ctx.low[at - 2].as_str();
                if refl == "himself" {
                    facts[uf.find(j)].male += 1;
                    evidence[j].push("pronoun himself".into());
                } else if refl == "herself" {
                    facts[uf.find(j)].female += 1;
                    evidence[j].push("pronoun herself".into());
                }
            }
        }
    }
    // Appositions: "Its chair, Henrik Dahl," / "Per Holm, a trawler captain,".
    for i in 0..n {
        if let Some(app) = apposition(ctx, &cands[i].toks) {
            if let Some(j) = seen_index(&cands, &app.toks) {
                union(&mut uf, &mut facts, i, j);
            }
        }
    }
    // 4. Definite descriptions join the nearest earlier description with the same head noun.
    let mut last_head: HashMap<String, usize> = HashMap::new();
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
                    union(&mut uf, &mut facts, j, i);
                }
            }
        }
        last_head.insert(h, i);
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
                union(&mut uf, &mut facts, j, i);
            }
        }
    }
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
        // Passes: (0) recent speakers and subjects whose gender the text states and agrees,
        // (1) recent speakers and subjects that are compatible, (2) any compatible mention.
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
        for pass in 0..3 {
            for j in (0..i).rev() {
                let cj = &cands[j];
                if ctx.para[cj.toks.start] + 4 < para {
                    break;
                }
                if pass < 2 && !cj.speaker && !cj.subject {
                    continue;
                }
                if pass < 2 && ctx.para[cj.toks.start] + 2 < para {
                    break;
                }
                let root = uf.find(j);
                if compatible(&facts[root]) && (pass > 0 || explicit(&facts[root])) {
                    pick = Some(j);
                    break;
                }
            }
            if pick.is_some() {
                break;
            }
        }
        if let Some(j) = pick {
            union(&mut uf, &mut facts, j, i);
        }
    }
    // Per cluster root: holds a named person, or a description introduced by an indefinite.
    let mut named_or_introduced = vec![false; n];
    for (j, cj) in cands.iter().enumerate() {
        let named =
            cj.kind == MentionKind::Name && entity_label(ctx, &cj.toks) == Some(EntityLabel::Per);
        let introduced = cj.kind == MentionKind::Nominal
            && matches!(
                ctx.low[cj.toks.start].as_str(),
                "a" | "an" | "another" | "one"
            );
        if named || introduced {
            let r = uf.find(j);
            named_or_introduced[r] = true;
        }
    }
    // Bridging: a definite description that speaks ("said the Portuguese coach") and has no
    // name in its cluster refers to the most recent named person before it, within two
    // paragraphs, whose gender does not conflict.
    for i in 0..n {
        let c = &cands[i];
        if !c.speaker || c.kind != MentionKind::Nominal || ctx.low[c.toks.start] != "the" {
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
        let pick = (0..i)
            .rev()
            .take_while(|&j| ctx.para[cands[j].toks.start] + 2 >= para)
            .find(|&j| {
                let f = &facts[uf.find(j)];
                cands[j].kind == MentionKind::Name
                    && entity_label(ctx, &cands[j].toks) == Some(EntityLabel::Per)
                    && !(fi.male > 0 && f.female > f.male)
                    && !(fi.female > 0 && f.male > f.female)
            });
        if let Some(j) = pick {
            union(&mut uf, &mut facts, j, i);
            // The cluster now holds a named person.
            let r = uf.find(i);
            named_or_introduced[r] = true;
        }
    }
    // 7. Speakers: clusters holding a quote speaker.
    let mut root_speaker: HashMap<usize, usize> = HashMap::new();
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
        let name = canonical(ctx, &cands, ms);
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
    let mut index = HashMap::new();
    for np in speaker_nps {
        if let Some(i) = seen_index(&cands, &np.toks) {
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

/// The phrase in apposition right after `r`: ", NP," (or ", NP" closing the sentence).
fn apposition(ctx: &Ctx, r: &Range<usize>) -> Option<Np> {
    let c = r.end;
    if c + 1 >= ctx.len() || ctx.low[c] != "," || ctx.para[c + 1] != ctx.para[r.start] {
        return None;
    }
    let np = np::forward(ctx, c + 1, ctx.len())?;
    let after = ctx.low.get(np.toks.end).map(String::as_str);
    let closes = matches!(after, Some("," | "." | ";") | None);
    (closes && np.kind != MentionKind::Pronoun && np.toks.len() <= 8).then_some(np)
}

/// Where the name starts in "NOMINAL who identified himself as NAME", "NOMINAL named NAME".
fn identified_as(ctx: &Ctx, e: usize) -> Option<usize> {
    const PATTERNS: &[&[&str]] = &[
        &["who", "identified", "himself", "as"],
        &["who", "identified", "herself", "as"],
        &["who", "identified", "themselves", "as"],
        &["identified", "as"],
        &[",", "identified", "as"],
        &["named"],
        &["called"],
    ];
    PATTERNS.iter().find_map(|p| {
        (e + p.len() < ctx.len() && p.iter().enumerate().all(|(k, w)| ctx.low[e + k] == *w))
            .then_some(e + p.len())
    })
}

/// Position of the candidate with exactly these tokens (candidates are sorted and unique).
fn seen_index(cands: &[Cand], r: &Range<usize>) -> Option<usize> {
    cands
        .binary_search_by_key(&(r.start, r.end), |c| (c.toks.start, c.toks.end))
        .ok()
}

/// The most informative name of a cluster: the longest name, then the longest description,
/// then a pronoun; titles and possessive markers are left out.
fn canonical(ctx: &Ctx, cands: &[Cand], ms: &[usize]) -> String {
    let lex = Lexicon::get();
    let text = ctx.doc.text();
    // A person or organisation entity inside a name mention is the name itself ("council leader
    // Shabana Qureshi" → "Shabana Qureshi", "Clara Johansson of the institute" → "Clara
    // Johansson").
    let entity_in = |c: &Cand| -> Option<Range<usize>> {
        if c.kind != MentionKind::Name {
            return None;
        }
        // A person beats an organisation ("Top Republican Party donor Sheldon Adelson"), then
        // the longer entity.
        let mut best: Option<(bool, Range<usize>)> = None;
        let mut i = c.toks.start;
        while i < c.toks.end {
            if let Some((l, r)) = &ctx.ent[i] {
                let per = *l == EntityLabel::Per;
                if matches!(l, EntityLabel::Per | EntityLabel::Org)
                    && r.start >= c.toks.start
                    && r.end <= c.toks.end
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
        best.map(|(_, r)| r)
    };
    let rank = |c: &Cand| -> (u8, usize) {
        let words = c.toks.clone().filter(|&i| ctx.is_word(i)).count();
        match (c.kind, entity_in(c)) {
            (MentionKind::Name, Some(r)) => (4, key_words(ctx, &r).len().max(1) * 100 + r.len()),
            (MentionKind::Name, None) => (3, key_words(ctx, &c.toks).len().max(1) * 100 + words),
            (MentionKind::Nominal, _) => (2, words),
            _ => (1, 0),
        }
    };
    let Some(&best) = ms.iter().max_by_key(|&&m| {
        let (a, b) = rank(&cands[m]);
        (a, b, std::cmp::Reverse(m))
    }) else {
        return String::new();
    };
    let c = &cands[best];
    let r = entity_in(c).unwrap_or(c.toks.clone());
    let mut s = r.start;
    let mut e = r.end;
    while s + 1 < e
        && ((c.kind == MentionKind::Name && lex.is_title(ctx.low[s].trim_end_matches('.')))
            || ctx.low[s] == "."
            || ctx.low[s] == "the")
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
