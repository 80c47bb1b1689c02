//! Training: CoNLL reading, an averaged structured perceptron over BILOU tags with the two-pass
//! document features, entity-level scoring (conlleval semantics) and score calibration.
//!
//! Training is deterministic: documents are shuffled by a seeded generator, hash maps are only
//! used for look-ups, and every table written to the model is sorted.

use std::collections::HashMap;
use std::io::BufRead;

use newsquotes_document::EntityLabel;

use crate::features::{base_features, Clusters, FeatureSet, Sent, CLUSTER_LEVELS};
use crate::hash::{IdMap, KeyTable};
use crate::model::{doc_label_keys, gaz_key, prepare, two_pass, GazCounts, Model, Scorer};
use crate::tags::{spans_to_tags, Lattice, Transitions, NT, TYPES};
use crate::Error;

/// One labeled sentence: its tokens and entity spans (token ranges, end exclusive).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabeledSentence {
    /// The tokens.
    pub words: Vec<String>,
    /// Entities as `(start, end, label)` token ranges.
    pub entities: Vec<(usize, usize, EntityLabel)>,
}

/// Labeled documents.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// Documents, each a list of sentences.
    pub docs: Vec<Vec<LabeledSentence>>,
}

impl Corpus {
    /// Number of sentences.
    pub fn sentences(&self) -> usize {
        self.docs.iter().map(Vec::len).sum()
    }

    /// Number of tokens.
    pub fn tokens(&self) -> usize {
        self.docs.iter().flatten().map(|s| s.words.len()).sum()
    }
}

/// Reads `token<TAB>tag` IOB2 (or IOB1) lines: blank lines end sentences, a line exactly `# doc`
/// starts a document. Spans follow conlleval: an `I-X` after anything but `B-X`/`I-X` starts an
/// entity. Unknown entity types are ignored (read as `O`).
pub fn read_conll(reader: impl BufRead) -> Result<Corpus, Error> {
    let mut corpus = Corpus::default();
    let mut doc: Vec<LabeledSentence> = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let flush =
        |words: &mut Vec<String>, tags: &mut Vec<String>, doc: &mut Vec<LabeledSentence>| {
            if !words.is_empty() {
                doc.push(LabeledSentence {
                    entities: iob_spans(tags),
                    words: std::mem::take(words),
                });
                tags.clear();
            }
        };
    for (lineno, line) in reader.lines().enumerate() {
        let line = line?;
        let line = line.trim_end_matches(['\r', '\n']);
        if line == "# doc" {
            flush(&mut words, &mut tags, &mut doc);
            if !doc.is_empty() {
                corpus.docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut words, &mut tags, &mut doc);
            continue;
        }
        let mut parts = line.split('\t');
        let (Some(w), Some(t)) = (parts.next(), parts.next_back()) else {
            return Err(Error::Format(format!(
                "line {}: expected token<TAB>tag",
                lineno + 1
            )));
        };
        if w.is_empty() || line.matches('\t').count() == 0 {
            return Err(Error::Format(format!(
                "line {}: expected token<TAB>tag",
                lineno + 1
            )));
        }
        words.push(w.to_owned());
        tags.push(t.trim().to_owned());
    }
    flush(&mut words, &mut tags, &mut doc);
    if !doc.is_empty() {
        corpus.docs.push(doc);
    }
    Ok(corpus)
}

/// Entity spans of IOB tags with conlleval's chunk rules.
fn iob_spans(tags: &[String]) -> Vec<(usize, usize, EntityLabel)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (prefix, ty) = match t.split_once('-') {
            Some((p, ty)) if matches!(p, "B" | "I" | "E" | "S" | "L" | "U") => (p, ty),
            _ => ("O", ""),
        };
        let continues = prefix == "I" || prefix == "E" || prefix == "L";
        if let Some((s, oty)) = &open {
            if !(continues && oty == ty) {
                if let Some(l) = EntityLabel::parse(oty) {
                    out.push((*s, i, l));
                }
                open = None;
            }
        }
        if prefix != "O" && open.is_none() {
            open = Some((i, ty.to_owned()));
        }
        if matches!(prefix, "E" | "S" | "L" | "U") {
            if let Some((s, oty)) = open.take() {
                if let Some(l) = EntityLabel::parse(&oty) {
                    out.push((s, i + 1, l));
                }
            }
        }
    }
    if let Some((s, oty)) = open {
        if let Some(l) = EntityLabel::parse(&oty) {
            out.push((s, tags.len(), l));
        }
    }
    out
}

/// Reads a word-cluster table: `word<TAB>c1<TAB>c2<TAB>c3` lines (`#` lines are comments).
pub fn read_clusters(reader: impl BufRead) -> Result<Vec<(String, [u16; CLUSTER_LEVELS])>, Error> {
    let mut out = Vec::new();
    for (lineno, line) in reader.lines().enumerate() {
        let line = line?;
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let mut parts = line.split('\t');
        let word = parts.next().unwrap_or_default().to_owned();
        let mut ids = [0u16; CLUSTER_LEVELS];
        for id in &mut ids {
            *id = parts
                .next()
                .and_then(|p| p.parse().ok())
                .filter(|&v: &u16| v <= 1023)
                .ok_or_else(|| Error::Format(format!("clusters line {}: bad ids", lineno + 1)))?;
        }
        out.push((word, ids));
    }
    Ok(out)
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Maximum number of passes over the training data.
    pub epochs: usize,
    /// Seed of the document shuffle.
    pub seed: u64,
    /// Feature groups.
    pub features: FeatureSet,
    /// Features seen fewer times in training are dropped.
    pub min_count: u32,
    /// Stop after this many epochs without a better dev F1.
    pub patience: usize,
    /// Also update the base features on first-pass mistakes (document features only).
    pub first_pass_updates: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            seed: 1,
            features: FeatureSet::default(),
            min_count: 2,
            patience: 3,
            first_pass_updates: true,
        }
    }
}

/// Entity-level counts for one type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Correct entities (same span and type).
    pub tp: usize,
    /// Predicted entities that are not correct.
    pub fp: usize,
    /// Gold entities not found.
    pub fn_: usize,
}

impl Counts {
    /// Precision in percent.
    pub fn precision(&self) -> f64 {
        pct(self.tp, self.tp + self.fp)
    }
    /// Recall in percent.
    pub fn recall(&self) -> f64 {
        pct(self.tp, self.tp + self.fn_)
    }
    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Entity scores, overall and per type (PER, ORG, LOC, MISC).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    /// All types together.
    pub overall: Counts,
    /// Per type, in the order PER, ORG, LOC, MISC.
    pub per_type: [Counts; 4],
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let c = &self.overall;
        write!(
            f,
            "P {:.2} R {:.2} F1 {:.2}",
            c.precision(),
            c.recall(),
            c.f1()
        )?;
        for (ty, c) in TYPES.iter().zip(&self.per_type) {
            if c.tp + c.fp + c.fn_ > 0 {
                write!(
                    f,
                    " | {} P {:.2} R {:.2} F1 {:.2}",
                    ty.name(),
                    c.precision(),
                    c.recall(),
                    c.f1()
                )?;
            }
        }
        Ok(())
    }
}

fn type_index(l: EntityLabel) -> usize {
    TYPES.iter().position(|&t| t == l).unwrap_or(3)
}

/// Scores a model on a corpus (exact span and type match, as conlleval). Entities whose label
/// is in `ignore`, gold or predicted, are left out (e.g. MISC on a corpus without it).
pub fn evaluate(model: &Model, corpus: &Corpus, ignore: &[EntityLabel]) -> Scores {
    let mut scores = Scores::default();
    for doc in &corpus.docs {
        let words: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let found = model.tag_document(&words);
        for (sent, pred) in doc.iter().zip(found) {
            let gold: Vec<(usize, usize, usize)> = sent
                .entities
                .iter()
                .filter(|e| !ignore.contains(&e.2))
                .map(|&(s, e, l)| (s, e, type_index(l)))
                .collect();
            let pred: Vec<(usize, usize, usize)> = pred
                .iter()
                .filter(|f| !ignore.contains(&TYPES[f.ty]))
                .map(|f| (f.start, f.end, f.ty))
                .collect();
            for p in &pred {
                if gold.contains(p) {
                    scores.per_type[p.2].tp += 1;
                } else {
                    scores.per_type[p.2].fp += 1;
                }
            }
            for g in &gold {
                if !pred.contains(g) {
                    scores.per_type[g.2].fn_ += 1;
                }
            }
        }
    }
    for c in scores.per_type {
        scores.overall.tp += c.tp;
        scores.overall.fp += c.fp;
        scores.overall.fn_ += c.fn_;
    }
    scores
}

/// What one epoch did.
#[derive(Clone, Debug)]
pub struct EpochReport {
    /// 1-based epoch number.
    pub epoch: usize,
    /// Sentences whose prediction was wrong during the epoch (before their update).
    pub mistakes: usize,
    /// Dev scores of the averaged weights after the epoch (when a dev set is given).
    pub dev: Option<Scores>,
    /// Seconds the epoch took, training and dev scoring.
    pub seconds: f64,
}

struct Weights<'a> {
    dict: &'a IdMap<u32>,
    w: &'a [f32],
}

impl Scorer for Weights<'_> {
    fn add(&self, keys: &[u64], emis: &mut [f32]) {
        for k in keys {
            if let Some(&r) = self.dict.get(k) {
                let row = &self.w[r as usize * NT..r as usize * NT + NT];
                for (e, &w) in emis.iter_mut().zip(row) {
                    *e += w;
                }
            }
        }
    }
}

/// A small deterministic generator (SplitMix64) for shuffling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        crate::hash::fmix(self.0)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Prepared training document: sentences with features inputs and gold tags.
struct TrainDoc {
    sents: Vec<Sent>,
    gold: Vec<Vec<usize>>,
}

fn doc_words(doc: &[LabeledSentence]) -> Vec<Vec<&str>> {
    doc.iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect()
}

fn gold_tags(s: &LabeledSentence) -> Vec<usize> {
    let spans: Vec<(usize, usize, usize)> = s
        .entities
        .iter()
        .map(|&(a, b, l)| (a, b, type_index(l)))
        .collect();
    spans_to_tags(s.words.len(), &spans)
}

fn majority(c: &[u32; 4]) -> Option<usize> {
    let (i, &v) = c.iter().enumerate().max_by_key(|&(i, &v)| (v, 4 - i))?;
    (v > 0).then_some(i)
}

/// Trains a model. `clusters` may be empty when the feature set has no clusters; `log` is called
/// after every epoch. The returned model is the epoch with the best dev F1 (the last epoch
/// without a dev set), its scores calibrated on dev.
pub fn train(
    train: &Corpus,
    dev: Option<&Corpus>,
    clusters: &[(String, [u16; CLUSTER_LEVELS])],
    cfg: &TrainConfig,
    log: &mut dyn FnMut(&EpochReport),
) -> Result<Model, Error> {
    let fs = cfg.features;
    if train.docs.is_empty() {
        return Err(Error::Format("no training sentences".into()));
    }
    let mut cluster_entries: Vec<(u64, u32)> = if fs.clusters {
        clusters
            .iter()
            .map(|(w, ids)| (crate::model::cluster_key(w), Clusters::pack(*ids)))
            .collect()
    } else {
        Vec::new()
    };
    cluster_entries.sort_unstable();
    cluster_entries.dedup_by_key(|e| e.0);
    let cluster_table = Clusters {
        table: KeyTable::build(cluster_entries.iter().copied()),
    };

    // Gazetteer counts, per document and overall, from token infos of gold entities.
    let bare: Vec<Vec<Sent>> = train
        .docs
        .iter()
        .map(|d| {
            prepare(
                &doc_words(d),
                FeatureSet {
                    gazetteer: false,
                    ..fs
                },
                None,
                0,
                &|_| None,
            )
        })
        .collect();
    let mut gaz_total: GazCounts = HashMap::new();
    let mut gaz_doc: Vec<GazCounts> = Vec::with_capacity(train.docs.len());
    let mut gaz_max = 1;
    for (doc, sents) in train.docs.iter().zip(&bare) {
        let mut counts: GazCounts = HashMap::new();
        for (s, p) in doc.iter().zip(sents) {
            for &(a, b, l) in &s.entities {
                gaz_max = gaz_max.max((b - a).min(8));
                if b - a <= 8 {
                    counts.entry(gaz_key(&p.toks[a..b])).or_default()[type_index(l)] += 1;
                }
            }
        }
        for (k, c) in &counts {
            let t = gaz_total.entry(*k).or_default();
            for i in 0..4 {
                t[i] += c[i];
            }
        }
        gaz_doc.push(counts);
    }
    drop(bare);

    // Prepared training documents, with leave-one-document-out gazetteer matches.
    let docs: Vec<TrainDoc> = train
        .docs
        .iter()
        .zip(&gaz_doc)
        .map(|(d, own)| {
            let lookup = |h: u64| {
                let mut c = *gaz_total.get(&h)?;
                if let Some(o) = own.get(&h) {
                    for i in 0..4 {
                        c[i] -= o[i];
                    }
                }
                majority(&c)
            };
            let sents = prepare(&doc_words(d), fs, Some(&cluster_table), gaz_max, &lookup);
            TrainDoc {
                sents,
                gold: d.iter().map(gold_tags).collect(),
            }
        })
        .collect();
    let mut gaz_entries: Vec<(u64, u8)> = if fs.gazetteer {
        gaz_total
            .iter()
            .filter_map(|(&k, c)| majority(c).map(|t| (k, t as u8)))
            .collect()
    } else {
        Vec::new()
    };
    gaz_entries.sort_unstable();

    // Feature dictionary: count every key once, with gold labels standing in for the first
    // pass; document-label keys are few and always kept.
    let mut counts: IdMap<u32> = IdMap::default();
    {
        let mut keys = Vec::new();
        for d in &docs {
            for s in &d.sents {
                for i in 0..s.toks.len() {
                    keys.clear();
                    base_features(s, i, fs, &mut keys);
                    for &k in &keys {
                        *counts.entry(k).or_default() += 1;
                    }
                }
            }
            if fs.document {
                for sk in doc_label_keys(&d.sents, &d.gold) {
                    for tk in sk {
                        for k in tk {
                            *counts.entry(k).or_default() += cfg.min_count;
                        }
                    }
                }
            }
        }
    }
    let mut kept: Vec<u64> = counts
        .iter()
        .filter(|&(_, &c)| c >= cfg.min_count)
        .map(|(&k, _)| k)
        .collect();
    kept.sort_unstable();
    drop(counts);
    let dict: IdMap<u32> = kept
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    let nf = kept.len();

    let mut w = vec![0f32; nf * NT];
    let mut u = vec![0f32; nf * NT];
    let mut tw = Transitions::default();
    let mut tu = Transitions::default();
    let mut c: f32 = 1.0;
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng = Rng(cfg.seed);
    let mut best: Option<(f64, Model)> = None;
    let mut since_best = 0;

    for epoch in 1..=cfg.epochs.max(1) {
        let t0 = std::time::Instant::now();
        rng.shuffle(&mut order);
        let mut mistakes = 0;
        for &di in &order {
            let d = &docs[di];
            let lattice = Lattice::new(&tw);
            let out = two_pass(
                &Weights { dict: &dict, w: &w },
                &lattice,
                fs,
                &d.sents,
                true,
            );
            // First-pass mistakes train the base features, so the second pass gets good
            // evidence.
            for ((first, nbase), (gold, keys)) in out.first.iter().zip(d.gold.iter().zip(&out.keys))
            {
                if first == gold || !cfg.first_pass_updates {
                    continue;
                }
                for i in 0..gold.len() {
                    let (g, p) = (gold[i], first[i]);
                    if g != p {
                        for k in &keys[i][..nbase[i]] {
                            if let Some(&r) = dict.get(k) {
                                let r = r as usize * NT;
                                w[r + g] += 1.0;
                                u[r + g] += c;
                                w[r + p] -= 1.0;
                                u[r + p] -= c;
                            }
                        }
                    }
                }
                update_transitions(&mut tw, &mut tu, gold, 1.0, c);
                update_transitions(&mut tw, &mut tu, first, -1.0, c);
            }
            for ((pred, gold), keys) in out.tags.iter().zip(&d.gold).zip(&out.keys) {
                if pred == gold {
                    c += 1.0;
                    continue;
                }
                mistakes += 1;
                for i in 0..gold.len() {
                    let (g, p) = (gold[i], pred[i]);
                    if g != p {
                        for k in &keys[i] {
                            if let Some(&r) = dict.get(k) {
                                let r = r as usize * NT;
                                w[r + g] += 1.0;
                                u[r + g] += c;
                                w[r + p] -= 1.0;
                                u[r + p] -= c;
                            }
                        }
                    }
                }
                update_transitions(&mut tw, &mut tu, gold, 1.0, c);
                update_transitions(&mut tw, &mut tu, pred, -1.0, c);
                c += 1.0;
            }
        }
        let model = finish(
            &kept,
            &w,
            &u,
            c,
            &tw,
            &tu,
            fs,
            &gaz_entries,
            gaz_max,
            &cluster_entries,
        );
        let dev_scores = dev.map(|d| evaluate(&model, d, &[]));
        let report = EpochReport {
            epoch,
            mistakes,
            dev: dev_scores.clone(),
            seconds: t0.elapsed().as_secs_f64(),
        };
        log(&report);
        let f1 = dev_scores.as_ref().map_or(epoch as f64, |s| s.overall.f1());
        if best.as_ref().is_none_or(|(b, _)| f1 > *b) {
            best = Some((f1, model));
            since_best = 0;
        } else {
            since_best += 1;
            if since_best >= cfg.patience {
                break;
            }
        }
    }
    let (_, mut model) = best.ok_or_else(|| Error::Format("no epoch ran".into()))?;
    if let Some(d) = dev {
        model.calib = calibrate(&model, d);
    }
    Ok(model)
}

fn update_transitions(t: &mut Transitions, u: &mut Transitions, path: &[usize], d: f32, c: f32) {
    if path.is_empty() {
        return;
    }
    t.start[path[0]] += d;
    u.start[path[0]] += d * c;
    for p in path.windows(2) {
        t.trans[p[0] * NT + p[1]] += d;
        u.trans[p[0] * NT + p[1]] += d * c;
    }
    let l = path[path.len() - 1];
    t.end[l] += d;
    u.end[l] += d * c;
}

/// Averages, quantises and prunes the weights into a model.
#[allow(clippy::too_many_arguments)]
fn finish(
    keys: &[u64],
    w: &[f32],
    u: &[f32],
    c: f32,
    tw: &Transitions,
    tu: &Transitions,
    fs: FeatureSet,
    gaz: &[(u64, u8)],
    gaz_max: usize,
    clusters: &[(u64, u32)],
) -> Model {
    let avg = |w: f32, u: f32| w - u / c;
    let max = w
        .iter()
        .zip(u)
        .map(|(&w, &u)| avg(w, u).abs())
        .fold(0f32, f32::max)
        .max(1e-6);
    let scale = max / 32767.0;
    let mut out_keys = Vec::with_capacity(keys.len());
    let mut out_w = Vec::with_capacity(keys.len() * NT);
    let mut row = [0i16; NT];
    for (i, &k) in keys.iter().enumerate() {
        let mut any = false;
        for y in 0..NT {
            let q = (avg(w[i * NT + y], u[i * NT + y]) / scale).round();
            row[y] = q.clamp(-32767.0, 32767.0) as i16;
            any |= row[y] != 0;
        }
        if any {
            out_keys.push(k);
            out_w.extend_from_slice(&row);
        }
    }
    let mut trans = Transitions::default();
    for (o, (&w, &u)) in trans.start.iter_mut().zip(tw.start.iter().zip(&tu.start)) {
        *o = avg(w, u);
    }
    for (o, (&w, &u)) in trans.trans.iter_mut().zip(tw.trans.iter().zip(&tu.trans)) {
        *o = avg(w, u);
    }
    for (o, (&w, &u)) in trans.end.iter_mut().zip(tw.end.iter().zip(&tu.end)) {
        *o = avg(w, u);
    }
    let typical = 1.0 / (max / 8.0).max(1e-6);
    Model::assemble(
        fs,
        scale,
        (typical, 0.0),
        trans,
        out_keys,
        out_w,
        gaz.to_vec(),
        gaz_max,
        clusters.to_vec(),
    )
}

/// Fits `sigmoid(a × margin + b)` to whether predicted dev entities are correct (log loss,
/// gradient descent on standardised margins).
fn calibrate(model: &Model, dev: &Corpus) -> (f32, f32) {
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for doc in &dev.docs {
        let words = doc_words(doc);
        let found = model.tag_document_raw(&words);
        for (s, fs) in doc.iter().zip(found) {
            for f in fs {
                xs.push(f64::from(f.score));
                let ok = s
                    .entities
                    .iter()
                    .any(|&(a, b, l)| a == f.start && b == f.end && type_index(l) == f.ty);
                ys.push(if ok { 1.0 } else { 0.0 });
            }
        }
    }
    if xs.is_empty() {
        return model.calib;
    }
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let sd = (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n)
        .sqrt()
        .max(1e-9);
    let (mut a, mut b) = (1.0f64, 0.0f64);
    for _ in 0..2000 {
        let (mut ga, mut gb) = (0.0, 0.0);
        for (x, y) in xs.iter().zip(&ys) {
            let z = (x - mean) / sd;
            let p = 1.0 / (1.0 + (-(a * z + b)).exp());
            ga += (p - y) * z;
            gb += p - y;
        }
        a -= 0.5 * ga / n;
        b -= 0.5 * gb / n;
    }
    // sigmoid(a (x - mean)/sd + b) = sigmoid((a/sd) x + (b - a mean / sd))
    ((a / sd) as f32, (b - a * mean / sd) as f32)
}

/// Decompresses a gzip stream (for `.gz` training files and cluster tables).
pub fn gunzip<R: std::io::Read>(reader: R) -> impl std::io::Read {
    flate2::read::MultiGzDecoder::new(reader)
}
