//! The learned cue sieve: attributions the rules do not find, proposed by a linear model trained
//! on PolNeAR train (`models/attribution/learned_cues.tsv`, card in `models/attribution/README.md`).
//!
//! It runs after every rule sieve. Each word of the model's cue-word list that is not part of a
//! quote found by the rules opens candidates: its content is the words after it (after an
//! optional "that") up to the next clause break (`,` `;` `:` `(` or a dash), or up to the end of
//! the sentence. A logistic model over hashed context features (the cue word and its neighbours,
//! a reporting verb nearby, the entity or pronoun before it, the content's length, first word,
//! quotation marks and how it ends) scores every candidate; the best-scoring variant of each cue
//! word is kept when its probability reaches the model's threshold and it does not overlap a
//! quote already kept (at most 80 tokens of content). Its speaker is the subject before the cue
//! word, found like the rules do, else the subject of its clause, else the speaker of the nearest
//! report before it in the same or the previous paragraph. Only [`crate::Scope::All`] runs it.
//!
//! Training (`cargo run --release -p newsquotes-eval --example train_cues`) runs the rules over
//! PolNeAR train, labels each candidate by whether its content matches (character Jaccard ≥ 0.5)
//! a gold attribution the rules missed, and fits the model; [`candidates`] is the same candidate
//! and feature code the stage uses, so training and tagging cannot drift apart.

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::ops::Range;
use std::sync::OnceLock;

use newsquotes_document::hash::FnvHasher;
use newsquotes_document::{Document, EntityLabel, MentionKind, QuoteKind, Span};

use crate::ctx::Ctx;
use crate::lexicon::NounClass;
use crate::np::{self, Np};
use crate::sieves::{self, Found};

const MODEL: &str = include_str!("../../../models/attribution/learned_cues.tsv");

/// A quote already found, as the candidates see it.
pub(crate) struct Existing {
    pub pieces: Vec<Range<usize>>,
    pub cue: Option<Range<usize>>,
    /// Found without a cue ("nearest-speaker", "unattributed"…): a candidate may absorb it.
    pub weak: bool,
}

/// A candidate in token coordinates.
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub cue: usize,
    pub content: Range<usize>,
    /// 0: up to the next clause break; 1: up to the end of the sentence; 2: up to the end of
    /// the first quotation in it.
    pub variant: u8,
    /// Why the content ends: the break token's text, or "end".
    end: &'static str,
    /// Indices of weak existing quotes the content contains.
    pub absorbs: Vec<usize>,
    /// The source: the subject before the cue word.
    pub speaker: Option<Np>,
}

/// Keys are already hashes: use them as they are.
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Map<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<IdHasher>>;
type Weights = Map<u64, f32>;

/// A linear model over hashed features, with its cue-word list and decision threshold.
#[derive(Debug, Default)]
pub struct CueModel {
    words: HashSet<String>,
    /// The cue words' hashes, for the per-token test.
    word_keys: HashSet<u64, std::hash::BuildHasherDefault<IdHasher>>,
    weights: Weights,
    bias: f32,
    threshold: f32,
    /// The largest sum the subject features can add (one feature per `subj*` template).
    subject_bound: f32,
    /// Per cue word (hash): the largest sum of the subject features that name the word, which
    /// with `subject_bound` over the other subject features bounds what a subject can add.
    subject_word_bound: Map<u64, f32>,
}

/// FNV-1a over the parts joined by single spaces (the feature string as written in the model).
fn hash_parts(parts: &[&str]) -> u64 {
    let mut h = FnvHasher::default();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.write(b" ");
        }
        h.write(p.as_bytes());
    }
    h.finish()
}

impl CueModel {
    /// Parses the model's text format: `#` comments, `threshold\tP`, `bias\tW`, `word\tW` (one
    /// cue word) and `f\tFEATURE\tW` lines, where FEATURE is the space-joined feature string.
    pub fn parse(text: &str) -> Result<CueModel, String> {
        let mut m = CueModel {
            threshold: 1.0,
            ..Default::default()
        };
        // Largest weight per subject template; for the templates ending in the cue word
        // (`subj KIND W`, `subjp Y W`, `subjew ENT W`), per template and word.
        let mut subject_max: HashMap<String, f32> = HashMap::new();
        let mut word_max: HashMap<(String, String), f32> = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let num = |s: &str| {
                s.parse::<f32>()
                    .map_err(|e| format!("line {}: {e}: {s:?}", n + 1))
            };
            match (f[0], f.len()) {
                ("threshold", 2) => m.threshold = num(f[1])?,
                ("bias", 2) => m.bias = num(f[1])?,
                ("word", 2) => {
                    m.words.insert(f[1].to_owned());
                    m.word_keys.insert(hash_parts(&[f[1]]));
                }
                ("f", 3) => {
                    let parts: Vec<&str> = f[1].split(' ').collect();
                    let w = num(f[2])?;
                    m.weights.insert(hash_parts(&parts), w);
                    if matches!(parts[0], "subj" | "subjp" | "subjew") {
                        let key = (parts[0].to_owned(), parts[parts.len() - 1].to_owned());
                        let e = word_max.entry(key).or_insert(0f32);
                        *e = e.max(w);
                    } else if parts[0].starts_with("subj") {
                        let e = subject_max.entry(parts[0].to_owned()).or_insert(0f32);
                        *e = e.max(w);
                    }
                }
                _ => return Err(format!("line {}: unexpected {line:?}", n + 1)),
            }
        }
        m.subject_bound = subject_max.values().sum();
        for ((_, word), w) in word_max {
            *m.subject_word_bound
                .entry(hash_parts(&[&word]))
                .or_insert(0.0) += w;
        }
        Ok(m)
    }

    /// The model shipped in `models/attribution/learned_cues.tsv`.
    pub fn embedded() -> &'static CueModel {
        static M: OnceLock<CueModel> = OnceLock::new();
        M.get_or_init(|| CueModel::parse(MODEL).expect("the embedded cue model parses"))
    }

    /// The cue words that open candidates.
    pub fn words(&self) -> &HashSet<String> {
        &self.words
    }

    /// The decision threshold on the probability.
    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    /// The largest sum the subject features can add to a candidate of cue word `w`.
    fn subject_bound_for(&self, w: &str) -> f32 {
        self.subject_bound
            + self
                .subject_word_bound
                .get(&hash_parts(&[w]))
                .copied()
                .unwrap_or(0.0)
    }

    /// The summed weights of the features `f` emits.
    fn score(&self, f: impl FnOnce(&mut dyn FnMut(&[&str]))) -> f32 {
        let mut z = 0.0;
        f(&mut |parts| {
            if let Some(w) = self.weights.get(&hash_parts(parts)) {
                z += w;
            }
        });
        z
    }
}

/// A candidate with its features as strings, for training ([`candidates`]).
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The cue word.
    pub cue: Span,
    /// The proposed content.
    pub content: Span,
    /// 0: content up to the next clause break; 1: up to the end of the sentence.
    pub variant: u8,
    /// The feature strings (as written in the model file).
    pub features: Vec<String>,
}

/// The candidates of a document already annotated by the rules
/// ([`crate::Attributor::rules_only`] of [`crate::Scope::All`]), for the cue words in `words`,
/// with their features.
pub fn candidates(doc: &Document, words: &HashSet<String>) -> Vec<Candidate> {
    let ctx = Ctx::new(doc);
    if ctx.len() == 0 {
        return Vec::new();
    }
    let (_, owner) = crate::marks::pair(&ctx);
    let starts: Vec<usize> = ctx.toks.iter().map(|t| t.span.start).collect();
    let tok_range = |s: Span| {
        let a = starts.partition_point(|&x| x < s.start);
        let b = starts.partition_point(|&x| x < s.end);
        a..b.max(a)
    };
    let existing: Vec<Existing> = doc
        .quotes()
        .iter()
        .map(|q| Existing {
            pieces: q.content.iter().map(|&s| tok_range(s)).collect(),
            cue: q.cue.map(tok_range),
            weak: is_weak(&q.sieve),
        })
        .collect();
    let facts = Facts::new(&ctx, &existing);
    generate(&ctx, &owner, &existing, &|w| words.contains(w), true)
        .into_iter()
        .map(|c| {
            let mut names: Vec<String> = Vec::new();
            features(&ctx, &owner, &facts, &c, &mut |parts: &[&str]| {
                names.push(parts.join(" "));
            });
            Candidate {
                cue: ctx.span(c.cue..c.cue + 1),
                content: ctx.span(c.content.clone()),
                variant: c.variant,
                features: names,
            }
        })
        .collect()
}

/// Sieves whose quotes have no cue of their own.
fn is_weak(sieve: &str) -> bool {
    matches!(
        sieve,
        "nearest-speaker" | "unattributed" | "previous-sentence-subject" | "dialogue-turn"
    )
}

/// The longest content, in tokens.
const MAX_CONTENT: usize = 80;

/// Clause breaks that end a variant-0 content.
fn clause_break(w: &str) -> Option<&'static str> {
    Some(match w {
        "," => ",",
        ";" => ";",
        ":" => ":",
        "(" => "(",
        ")" => ")",
        "—" | "–" | "--" => "dash",
        _ => return None,
    })
}

/// The candidates: every listed cue word outside found quotes, with one or two contents.
pub(crate) fn generate(
    ctx: &Ctx,
    owner: &[Option<usize>],
    existing: &[Existing],
    is_word: &dyn Fn(&str) -> bool,
    speakers: bool,
) -> Vec<Cand> {
    let n = ctx.len();
    // Tokens of found quotes (content and cue), and which weak quote owns each token.
    let mut covered = vec![false; n];
    let mut weak_of: Vec<Option<usize>> = vec![None; n];
    for (i, e) in existing.iter().enumerate() {
        for p in &e.pieces {
            for k in p.clone().filter(|&k| k < n) {
                if e.weak {
                    weak_of[k] = Some(i);
                } else {
                    covered[k] = true;
                }
            }
        }
        if let Some(c) = &e.cue {
            for k in c.clone().filter(|&k| k < n) {
                covered[k] = true;
            }
        }
    }
    let mut out = Vec::new();
    for s in &ctx.sents {
        if s.is_empty() || ctx.boiler[s.start] {
            continue;
        }
        // The sentence without its final full stop.
        let mut send = s.end;
        while send > s.start && matches!(ctx.low[send - 1].as_str(), "." | "!" | "?") {
            send -= 1;
        }
        for i in s.clone() {
            // A cue word inside a quotation is the quoted speaker's word ("… to tell their own
            // story.”"): the quotation is attributed as a whole or not at all.
            if covered[i]
                || weak_of[i].is_some()
                || owner[i].is_some()
                || !ctx.is_word(i)
                || !is_word(&ctx.low[i])
            {
                continue;
            }
            let speaker = if speakers { subject_of(ctx, i) } else { None };
            let mut start = i + 1;
            if start < send && ctx.low[start] == "that" {
                start += 1;
            }
            if start >= send {
                continue;
            }
            // Contents are at most MAX_CONTENT tokens: the scan stops there (linear time).
            let limit = send.min(start + MAX_CONTENT + 1);
            let mut k = start;
            let mut end = "end";
            while k < limit {
                if owner[k].is_none() {
                    if let Some(b) = clause_break(&ctx.low[k]) {
                        end = b;
                        break;
                    }
                }
                k += 1;
            }
            let mut variants = vec![(start..k, 0u8, end)];
            if k < send {
                variants.push((start..send, 1, "end"));
            }
            // Up to the end of the first quotation that opens inside the content, when words
            // follow it before the clause break: `defended his campaign manager as a “very
            // decent man” Tuesday, hours after …`.
            let opening = (start..k).find(|&t| {
                owner[t].is_some()
                    && (t == start || owner[t - 1] != owner[t])
                    && owner[start.saturating_sub(1)] != owner[t]
            });
            if let Some(open) = opening {
                let mut t = open;
                while t + 1 < k && owner[t + 1] == owner[open] {
                    t += 1;
                }
                if t + 2 < k && (t + 1..k).any(|u| ctx.is_word(u)) {
                    variants.push((start..t + 1, 2, "quote"));
                }
            }
            for (content, variant, end) in variants {
                if content.is_empty()
                    || content.len() > MAX_CONTENT
                    || content.clone().any(|t| covered[t])
                    || !content.clone().any(|t| ctx.is_word(t))
                {
                    continue;
                }
                let mut absorbs: Vec<usize> = content.clone().filter_map(|t| weak_of[t]).collect();
                absorbs.dedup();
                // A weak quote is absorbed only whole.
                if absorbs.iter().any(|&w| {
                    existing[w]
                        .pieces
                        .iter()
                        .any(|p| p.start < content.start || p.end > content.end)
                }) {
                    continue;
                }
                out.push(Cand {
                    cue: i,
                    content,
                    variant,
                    end,
                    absorbs,
                    speaker: speaker.clone(),
                });
            }
        }
    }
    out
}

/// A source the learned sieve accepts: a name, a pronoun, or a description headed by a person,
/// group or organisation noun or ending in a person or organisation entity.
fn plausible(ctx: &Ctx, np: &Np) -> bool {
    match np.kind {
        MentionKind::Name | MentionKind::Pronoun => true,
        _ => {
            np::head_class(ctx, &np.toks).is_some()
                || matches!(
                    ctx.ent[np.toks.end - 1].as_ref().map(|(l, _)| *l),
                    Some(EntityLabel::Per | EntityLabel::Org)
                )
        }
    }
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=4 => "3-4",
        5..=8 => "5-8",
        9..=16 => "9-16",
        17..=32 => "17-32",
        _ => "33+",
    }
}

fn ent_name(l: EntityLabel) -> &'static str {
    match l {
        EntityLabel::Per => "PER",
        EntityLabel::Org => "ORG",
        EntityLabel::Loc => "LOC",
        _ => "MISC",
    }
}

/// Per-document facts the features look up, computed once.
pub(crate) struct Facts {
    /// Per sentence: a quote with a cue of its own was found in it.
    sent_quoted: Vec<bool>,
    /// Per token: how many person or organisation tokens come before it.
    ent_prefix: Vec<u32>,
}

impl Facts {
    pub(crate) fn new(ctx: &Ctx, existing: &[Existing]) -> Facts {
        let mut sent_quoted = vec![false; ctx.sents.len()];
        for e in existing.iter().filter(|e| !e.weak) {
            for p in e.pieces.iter().filter(|p| p.start < ctx.len()) {
                let (a, b) = (
                    ctx.sent[p.start],
                    ctx.sent[(p.end.max(p.start + 1) - 1).min(ctx.len() - 1)],
                );
                sent_quoted[a..=b.max(a)].fill(true);
            }
        }
        let mut ent_prefix = Vec::with_capacity(ctx.len() + 1);
        let mut n = 0;
        for k in 0..ctx.len() {
            ent_prefix.push(n);
            if matches!(
                ctx.ent[k].as_ref().map(|(l, _)| *l),
                Some(EntityLabel::Per | EntityLabel::Org)
            ) {
                n += 1;
            }
        }
        ent_prefix.push(n);
        Facts {
            sent_quoted,
            ent_prefix,
        }
    }
}

/// The features of a candidate, each given to `emit` as its parts.
pub(crate) fn features(
    ctx: &Ctx,
    owner: &[Option<usize>],
    facts: &Facts,
    c: &Cand,
    emit: &mut dyn FnMut(&[&str]),
) {
    cue_features(ctx, owner, facts, c, emit);
    subject_features(ctx, c, emit);
    content_features(ctx, owner, c, emit);
}

/// The features of the cue word and its context (shared by every content of one cue word).
pub(crate) fn cue_features(
    ctx: &Ctx,
    owner: &[Option<usize>],
    facts: &Facts,
    c: &Cand,
    emit: &mut dyn FnMut(&[&str]),
) {
    let i = c.cue;
    let s = ctx.sents[ctx.sent[i]].clone();
    let word = |k: Option<usize>| -> &str {
        match k {
            Some(k) if k >= s.start && k < s.end => {
                if ctx.kind(k) == newsquotes_document::TokenKind::Number {
                    "<num>"
                } else {
                    ctx.low[k].as_str()
                }
            }
            _ => "<s>",
        }
    };
    let w = ctx.low[i].as_str();
    let p1 = word(i.checked_sub(1));
    let p2 = word(i.checked_sub(2));
    let n1 = word(Some(i + 1));
    let n2 = word(Some(i + 2));
    emit(&["w", w]);
    emit(&["p1", p1]);
    emit(&["p2", p2]);
    emit(&["n1", n1]);
    emit(&["n2", n2]);
    emit(&["p1w", p1, w]);
    emit(&["wn1", w, n1]);
    emit(&["p2p1w", p2, p1, w]);
    emit(&["wn1n2", w, n1, n2]);
    // A reporting verb or phrase of the lexicon just before the cue word.
    let lo = i.saturating_sub(3).max(s.start);
    for k in lo..i {
        if sieves::cue_at(ctx, k).is_some() {
            emit(&["lexb", ctx.low[k].as_str()]);
            emit(&["lexbw", w]);
        }
    }
    // What stands before the cue word.
    match i.checked_sub(1).filter(|&k| k >= s.start) {
        Some(k) => {
            match &ctx.ent[k] {
                Some((l, _)) => {
                    emit(&["entp", ent_name(*l)]);
                    emit(&["entpw", ent_name(*l), w]);
                }
                None => emit(&["entp", "none"]),
            }
            if matches!(
                ctx.low[k].as_str(),
                "he" | "she" | "they" | "we" | "i" | "you" | "it" | "who"
            ) {
                emit(&["pron", w]);
            }
        }
        None => emit(&["first", w]),
    }
    // Any person or organisation earlier in the sentence.
    let ent_before = facts.ent_prefix[i] > facts.ent_prefix[s.start];
    emit(&["entb", if ent_before { "y" } else { "n" }, w]);
    if ctx.is_cap(i) && i > s.start {
        emit(&["cap", w]);
    }
    let pos = match i - s.start {
        0 => "0",
        1..=3 => "1-3",
        4..=10 => "4-10",
        _ => "11+",
    };
    emit(&["pos", pos]);
    emit(&["posw", pos, w]);
    if owner[i].is_some() {
        emit(&["inq", w]);
    }
    // Another quote found in the same sentence.
    if facts.sent_quoted[ctx.sent[i]] {
        emit(&["sq", w]);
    }
    // A headline or first line.
    let para = ctx.para_range(i);
    if para.start == s.start && para.end == s.end && !ctx.doc.paragraphs().is_empty() {
        emit(&["line", w]);
    }
}

/// The source the learned sieve gives a cue word: the subject before it.
fn subject_of(ctx: &Ctx, i: usize) -> Option<Np> {
    let s = &ctx.sents[ctx.sent[i]];
    sieves::learned_subject(ctx, i, s.start, |np| plausible(ctx, np))
}

/// The features of the cue word's subject (the source).
pub(crate) fn subject_features(ctx: &Ctx, c: &Cand, emit: &mut dyn FnMut(&[&str])) {
    let i = c.cue;
    let w = ctx.low[i].as_str();
    // The subject the speaker would be taken from.
    match &c.speaker {
        None => emit(&["subj", "none", w]),
        Some(np) => {
            let kind = match np.kind {
                MentionKind::Name => "name",
                MentionKind::Pronoun => "pron",
                _ => "nom",
            };
            emit(&["subj", kind, w]);
            emit(&["subjk", kind]);
            emit(&["subjp", if plausible(ctx, np) { "y" } else { "n" }, w]);
            let class = match np::head_class(ctx, &np.toks) {
                Some(NounClass::Title(_)) => "title",
                Some(NounClass::Person(_)) => "person",
                Some(NounClass::Group) => "group",
                Some(NounClass::Org) => "org",
                None => "other",
            };
            emit(&["subjc", kind, class]);
            let ent = ctx.ent[np.toks.end - 1]
                .as_ref()
                .map_or("none", |(l, _)| ent_name(*l));
            emit(&["subje", ent]);
            emit(&["subjew", ent, w]);
            let gap = match i.saturating_sub(np.toks.end) {
                0 => "0",
                1 => "1",
                2..=3 => "2-3",
                _ => "4+",
            };
            emit(&["subjd", gap]);
            emit(&["subjh", ctx.low[np.toks.end - 1].as_str()]);
        }
    }
}

/// The features of one content of a cue word.
pub(crate) fn content_features(
    ctx: &Ctx,
    owner: &[Option<usize>],
    c: &Cand,
    emit: &mut dyn FnMut(&[&str]),
) {
    let i = c.cue;
    let w = ctx.low[i].as_str();
    let v = match c.variant {
        0 => "v0",
        1 => "v1",
        _ => "v2",
    };
    emit(&["v", v]);
    emit(&["vw", v, w]);
    // The content.
    let r = &c.content;
    let words = r.clone().filter(|&k| ctx.is_word(k)).count();
    let len = bucket(words);
    emit(&["len", v, len]);
    emit(&["lenw", len, w]);
    let first = ctx.low[r.start].as_str();
    emit(&["c1", first]);
    emit(&["c1w", w, first]);
    if r.start > i + 1 {
        emit(&["that", w]);
    }
    let quoted = r.clone().filter(|&k| owner[k].is_some()).count();
    if quoted > 0 {
        let q = if quoted * 2 > r.len() { "most" } else { "some" };
        emit(&["q", q]);
        emit(&["qw", q, w]);
        if owner[r.start].is_some() {
            emit(&["q0", w]);
        }
    }
    emit(&["end", v, c.end]);
    emit(&["endw", c.end, w]);
    if !c.absorbs.is_empty() {
        emit(&["abs", w]);
    }
}

/// The learned sieve: candidates the model accepts, best first, without overlaps. Returns the
/// new quotes and the weak quotes they absorb.
pub(crate) fn find(
    ctx: &Ctx,
    owner: &[Option<usize>],
    found: &[Found],
    dropped: &[bool],
    model: &CueModel,
) -> (Vec<Found>, Vec<usize>) {
    if model.words.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let keep: Vec<usize> = (0..found.len()).filter(|&i| !dropped[i]).collect();
    let existing: Vec<Existing> = keep
        .iter()
        .map(|&i| {
            let f = &found[i];
            Existing {
                pieces: f.pieces.clone(),
                cue: f.cue.clone(),
                weak: is_weak(f.sieve),
            }
        })
        .collect();
    let is_word = |w: &str| model.word_keys.contains(&hash_parts(&[w]));
    let mut cands = generate(ctx, owner, &existing, &is_word, false);
    let facts = Facts::new(ctx, &existing);
    // The contents of one cue word are adjacent: its cue features are scored once. Finding the
    // subject costs most; it is looked for only when the subject features could lift the
    // candidate over the threshold (`subject_bound` is their largest possible sum).
    let min_z = (model.threshold / (1.0 - model.threshold)).ln();
    let mut cue_score: Option<(usize, f32, Option<f32>)> = None;
    let mut scored: Vec<(f32, usize)> = Vec::new();
    for k in 0..cands.len() {
        let c = &cands[k];
        let (zc, zs) = match cue_score {
            Some((cue, z, zs)) if cue == c.cue => (z, zs),
            _ => (
                model.score(|e| cue_features(ctx, owner, &facts, c, e)),
                None,
            ),
        };
        let z = model.bias + zc + model.score(|e| content_features(ctx, owner, c, e));
        let zs = match zs {
            Some(zs) => zs,
            None if z + model.subject_bound_for(&ctx.low[c.cue]) < min_z => {
                cue_score = Some((c.cue, zc, None));
                continue;
            }
            None => {
                let cue = c.cue;
                let speaker = subject_of(ctx, cue);
                for other in cands[k..].iter_mut().take_while(|o| o.cue == cue) {
                    other.speaker.clone_from(&speaker);
                }
                let c = &cands[k];
                model.score(|e| subject_features(ctx, c, e))
            }
        };
        cue_score = Some((cands[k].cue, zc, Some(zs)));
        let p = 1.0 / (1.0 + (-(z + zs)).exp());
        if p >= model.threshold {
            scored.push((p, k));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let reports = sieves::reports(found, dropped);
    let mut taken = vec![false; ctx.len()];
    let mut out = Vec::new();
    let mut absorbed = Vec::new();
    for (p, k) in scored {
        let c = &cands[k];
        if taken[c.cue] || c.content.clone().any(|t| taken[t]) {
            continue;
        }
        taken[c.cue] = true;
        taken[c.content.clone()].fill(true);
        let speaker = c.speaker.clone();
        // No subject: the speaker of the nearest report before it in the same paragraph or the
        // one before ("… Sanders said. He also accused Clinton of “…”" reads on with one source).
        let same_as = if speaker.is_none() {
            sieves::nearest_report(ctx, found, &reports, c.cue)
        } else {
            None
        };
        absorbed.extend(c.absorbs.iter().map(|&e| keep[e]));
        out.push(Found {
            kind: if c.content.clone().any(|t| owner[t].is_some()) {
                QuoteKind::Mixed
            } else {
                QuoteKind::Indirect
            },
            pieces: vec![c.content.clone()],
            cue: Some(c.cue..c.cue + 1),
            speaker,
            same_as,
            sieve: "learned-cue",
            confidence: p,
            clause_end: c.content.end,
        });
    }
    (out, absorbed)
}
