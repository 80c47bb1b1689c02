//! Trains the learned cue sieve of `crates/attribution` (`models/attribution/learned_cues.tsv`)
//! on a PolNeAR split.
//!
//! ```sh
//! cargo run --release -p newsquotes-eval --example train_cues -- \
//!     ../shared/data/polnear/train models/attribution/learned_cues.tsv
//! ```
//!
//! 1. Segment, tag and attribute every text with the rules of the `all` scope only
//!    (`Attributor::rules_only(Scope::All)`: what the stage runs before the learned sieve).
//! 2. Gold attributions the rules miss (no prediction with character Jaccard ≥ 0.5, matched one
//!    to one as in `newsquotes eval quotes`) are the targets.
//! 3. Cue words: the last word of gold cues, seen at least `--min-word` times (default 3).
//! 4. Candidates and features come from `newsquotes_attribution::learned::candidates`, the same
//!    code the stage runs; a candidate is positive when its content matches a missed gold item.
//! 5. A logistic model (AdaGrad, L2) is fitted; the threshold is chosen on five-fold
//!    out-of-fold predictions (folds by document) to maximise the all-attributions soft F1 the
//!    sieve adds, selecting candidates as the stage does (best first, no overlaps).
//! 6. The final model is fitted on all documents and written with the chosen threshold.

use std::collections::{HashMap, HashSet};

use newsquotes::attribution::learned::candidates;
use newsquotes::attribution::{Attributor, Scope};
use newsquotes::output::CharOffsets;
use newsquotes::{Document, Pipeline, Stage};
use newsquotes_eval::quotes::{
    annotation_for, greedy_match, is_direct, parse_brat, predicted_quotes, read_dir_names,
    score_quotes, DOUBLE_QUOTES,
};
use newsquotes_eval::span::{jaccard, CharSpan};

/// One candidate, ready for training.
struct Row {
    doc: usize,
    word: String,
    feats: Vec<u32>,
    y: bool,
    /// Index (within its document) of the missed gold item its content matches.
    gold: Option<usize>,
    /// Content and cue, in code points (for the overlap check of the selection).
    content: CharSpan,
    cue: CharSpan,
    /// The content holds a double quotation mark (a direct quote to the scorer), and so does
    /// the gold item it matches.
    direct: bool,
    gold_direct: bool,
}

struct Data {
    rows: Vec<Row>,
    names: Vec<String>,
    counts: Vec<u32>,
    /// Base (rules only): soft true positives, predictions and gold items.
    tp: usize,
    pred: usize,
    gold: usize,
    /// The same for direct quotes (content with a double quotation mark).
    dtp: usize,
    dpred: usize,
    dgold: usize,
}

fn last_word(s: &str) -> Option<String> {
    let w = s
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .rfind(|w| !w.is_empty())?;
    let w = w.trim_matches(|c| c == '\'' || c == '’' || c == '-');
    (!w.is_empty() && w.chars().any(char::is_alphabetic))
        .then(|| w.to_lowercase().replace('’', "'"))
}

fn load(dir: &std::path::Path, min_word: usize) -> (Data, Vec<String>) {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    // Sorted file names with the given ending.
    let names = |d: &std::path::Path, ext: &str| -> Vec<String> {
        let mut v: Vec<String> = read_dir_names(d)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .filter(|n| n.ends_with(ext))
            .collect();
        v.sort();
        v
    };
    let anns = names(&ann_dir, ".ann");
    let texts = names(&text_dir, ".txt");
    let pipeline = Pipeline::english_until(Some("ner")).expect("known stage");
    let rules = Attributor::rules_only(Scope::All);
    // First pass: documents, rules, gold; cue-word counts.
    let mut docs = Vec::new();
    let mut word_count: HashMap<String, usize> = HashMap::new();
    for t in texts {
        let stem = &t[..t.len() - 4];
        let Some(ann) = annotation_for(&anns, stem) else {
            continue;
        };
        let text = std::fs::read_to_string(text_dir.join(&t)).expect("readable text");
        let gold = parse_brat(&std::fs::read_to_string(ann_dir.join(ann)).expect("readable ann"))
            .unwrap_or_else(|(l, m)| panic!("{ann}:{l}: {m}"));
        let mut doc = Document::new(stem, text.as_str());
        pipeline.process(&mut doc).expect("pipeline runs");
        rules.annotate(&mut doc).expect("attribution runs");
        let chars: Vec<char> = text.chars().collect();
        for g in &gold {
            if let Some(c) = g.cue.last() {
                let s: String = chars[c.start..c.end].iter().collect();
                if let Some(w) = last_word(&s) {
                    *word_count.entry(w).or_default() += 1;
                }
            }
        }
        docs.push((doc, gold));
    }
    let mut words: Vec<String> = word_count
        .into_iter()
        .filter(|(_, n)| *n >= min_word)
        .map(|(w, _)| w)
        .collect();
    words.sort();
    let word_set: HashSet<String> = words.iter().cloned().collect();
    let mut data = Data {
        rows: Vec::new(),
        names: Vec::new(),
        counts: Vec::new(),
        tp: 0,
        pred: 0,
        gold: 0,
        dtp: 0,
        dpred: 0,
        dgold: 0,
    };
    let mut ids: HashMap<String, u32> = HashMap::new();
    for (di, (doc, gold)) in docs.iter().enumerate() {
        let pred = predicted_quotes(doc);
        let m = greedy_match(gold.len(), pred.len(), |g, p| {
            let j = jaccard(&gold[g].content, &pred[p].content);
            (j >= 0.5).then_some(j)
        });
        data.tp += m.len();
        data.pred += pred.len();
        data.gold += gold.len();
        // Direct quotes, scored as `newsquotes eval quotes` does.
        let direct = score_quotes(doc.text(), gold, &pred).direct.soft;
        data.dtp += direct.tp;
        data.dpred += direct.predicted();
        data.dgold += direct.gold();
        let chars: Vec<char> = doc.text().chars().collect();
        let matched: HashSet<usize> = m.iter().map(|&(g, _)| g).collect();
        let co = CharOffsets::new(doc.text());
        for c in candidates(doc, &word_set) {
            let content =
                CharSpan::new(co.char_index(c.content.start), co.char_index(c.content.end));
            let cue = CharSpan::new(co.char_index(c.cue.start), co.char_index(c.cue.end));
            let best = (0..gold.len())
                .filter(|g| !matched.contains(g))
                // The cue word must be (part of) the gold cue, when there is one.
                .filter(|&g| gold[g].cue.is_empty() || gold[g].cue.iter().any(|s| s.overlaps(&cue)))
                .map(|g| (jaccard(&gold[g].content, &[content]), g))
                .filter(|&(j, _)| j >= 0.5)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let feats = c
                .features
                .into_iter()
                .map(|f| {
                    let n = ids.len() as u32;
                    let id = *ids.entry(f.clone()).or_insert_with(|| {
                        data.names.push(f);
                        data.counts.push(0);
                        n
                    });
                    data.counts[id as usize] += 1;
                    id
                })
                .collect();
            let word = doc.text()[c.cue.start..c.cue.end]
                .to_lowercase()
                .replace('’', "'");
            let direct = chars[content.start..content.end]
                .iter()
                .any(|c| DOUBLE_QUOTES.contains(c));
            data.rows.push(Row {
                doc: di,
                word,
                feats,
                y: best.is_some(),
                gold: best.map(|(_, g)| g),
                content,
                cue,
                direct,
                gold_direct: best.is_some_and(|(_, g)| is_direct(&chars, &gold[g])),
            });
        }
    }
    (data, words)
}

/// Logistic regression with AdaGrad and L2, a fixed shuffling order; the returned weights are
/// the average over all steps (averaged SGD), which generalises better than the last ones.
fn fit(data: &Data, take: &dyn Fn(&Row) -> bool, epochs: usize) -> (Vec<f32>, f32) {
    let n = data.names.len();
    let (mut w, mut g2, mut u) = (vec![0f32; n], vec![1e-6f32; n], vec![0f64; n]);
    let (mut b, mut b2, mut ub) = (0f32, 1e-6f32, 0f64);
    let (lr, l2) = (0.05f32, 1e-5f32);
    let mut order: Vec<usize> = (0..data.rows.len())
        .filter(|&i| take(&data.rows[i]))
        .collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut step = 0f64;
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        for &r in &order {
            step += 1.0;
            let row = &data.rows[r];
            let z = b + row.feats.iter().map(|&f| w[f as usize]).sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = p - f32::from(u8::from(row.y));
            b2 += g * g;
            let db = lr * g / b2.sqrt();
            b -= db;
            ub -= step * f64::from(db);
            for &f in &row.feats {
                let f = f as usize;
                let gf = g + l2 * w[f];
                g2[f] += gf * gf;
                let d = lr * gf / g2[f].sqrt();
                w[f] -= d;
                u[f] -= step * f64::from(d);
            }
        }
    }
    // Average of the weights after every step: w − u / steps.
    let steps = step.max(1.0);
    let avg = w
        .iter()
        .zip(&u)
        .map(|(&x, &y)| (f64::from(x) - y / steps) as f32)
        .collect();
    (avg, (f64::from(b) - ub / steps) as f32)
}

fn prob(w: &[f32], b: f32, row: &Row) -> f32 {
    let z = b + row.feats.iter().map(|&f| w[f as usize]).sum::<f32>();
    1.0 / (1.0 + (-z).exp())
}

/// Added true and false positives at threshold `t`, selecting as the stage does: all
/// attributions, then direct ones (a direct candidate is right when its gold item is direct).
fn gain(data: &Data, probs: &[f32], t: f32) -> (usize, usize, usize, usize) {
    let mut by_doc: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, r) in data.rows.iter().enumerate() {
        if probs[i] >= t {
            by_doc.entry(r.doc).or_default().push(i);
        }
    }
    let (mut tp, mut fp, mut dtp, mut dfp) = (0, 0, 0, 0);
    for (_, mut rows) in by_doc {
        rows.sort_by(|&a, &b| probs[b].total_cmp(&probs[a]).then(a.cmp(&b)));
        let mut taken: Vec<CharSpan> = Vec::new();
        let mut used_gold = HashSet::new();
        for i in rows {
            let r = &data.rows[i];
            if taken
                .iter()
                .any(|s| s.overlaps(&r.content) || s.overlaps(&r.cue))
            {
                continue;
            }
            taken.push(r.content);
            taken.push(r.cue);
            let right = matches!(r.gold, Some(g) if used_gold.insert(g));
            if right {
                tp += 1;
            } else {
                fp += 1;
            }
            if r.direct {
                if right && r.gold_direct {
                    dtp += 1;
                } else {
                    dfp += 1;
                }
            }
        }
    }
    (tp, fp, dtp, dfp)
}

/// Folds (by document) of the out-of-fold predictions the threshold is chosen on.
const FOLDS: usize = 5;

fn f1(tp: usize, pred: usize, gold: usize) -> f64 {
    200.0 * tp as f64 / (pred + gold) as f64
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let pos: Vec<&String> = args[1..].iter().filter(|a| !a.starts_with("--")).collect();
    let opt = |name: &str, default: usize| {
        args.iter()
            .find_map(|a| a.strip_prefix(&format!("--{name}=")))
            .map_or(default, |v| v.parse().expect("a number"))
    };
    if pos.len() < 2 {
        eprintln!(
            "usage: train_cues POLNEAR_SPLIT_DIR OUT.tsv [--min-word=3] [--min-rate=12] [--epochs=3] [--min-count=3]"
        );
        std::process::exit(2);
    }
    let dir = std::path::Path::new(pos[0].as_str());
    if !dir.join("text").is_dir() {
        eprintln!(
            "{}: no PolNeAR split here (text/ and attributions/); nothing trained",
            dir.display()
        );
        std::process::exit(2);
    }
    let (min_word, epochs, min_count) = (opt("min-word", 3), opt("epochs", 3), opt("min-count", 3));
    let min_rate = opt("min-rate", 12) as f64 / 100.0;
    let (mut data, words) = load(dir, min_word);
    // Keep the cue words whose occurrences are often (≥ --min-rate percent, at least two)
    // the cue of a missed attribution.
    // Per cue word: its positions (document, code point), and those with a positive candidate.
    type Positions = HashSet<(usize, u32)>;
    let mut seen: HashMap<&str, (Positions, Positions)> = HashMap::new();
    for r in &data.rows {
        let e = seen.entry(r.word.as_str()).or_default();
        e.0.insert((r.doc, r.cue.start as u32));
        if r.y {
            e.1.insert((r.doc, r.cue.start as u32));
        }
    }
    let keep: HashSet<String> = seen
        .iter()
        .filter(|(_, (all, pos))| pos.len() >= 2 && pos.len() as f64 >= min_rate * all.len() as f64)
        .map(|(w, _)| (*w).to_owned())
        .collect();
    if args.iter().any(|a| a == "--report-words") {
        let mut rows: Vec<_> = seen
            .iter()
            .map(|(w, (a, p))| (a.len(), p.len(), *w))
            .collect();
        rows.sort_unstable_by(|a, b| b.cmp(a));
        for (a, p, w) in rows.iter().take(60) {
            eprintln!(
                "  {w}: {p}/{a}{}",
                if keep.contains(*w) { "" } else { " (dropped)" }
            );
        }
    }
    let words: Vec<String> = words.into_iter().filter(|w| keep.contains(w)).collect();
    data.rows.retain(|r| keep.contains(&r.word));
    // Rare features (fewer than --min-count candidates) are left out of the model.
    let counts = data.counts.clone();
    for r in &mut data.rows {
        r.feats
            .retain(|&f| counts[f as usize] as usize >= min_count);
    }
    let positives = data.rows.iter().filter(|r| r.y).count();
    eprintln!(
        "{} cue words, {} candidates ({} positive), {} features; rules: tp {} pred {} gold {} → soft F1 {:.2}",
        words.len(),
        data.rows.len(),
        positives,
        data.names.len(),
        data.tp,
        data.pred,
        data.gold,
        f1(data.tp, data.pred, data.gold)
    );
    // FOLDS folds by document: out-of-fold probabilities.
    let mut probs = vec![0f32; data.rows.len()];
    for fold in 0..FOLDS {
        let (w, b) = fit(&data, &|r: &Row| r.doc % FOLDS != fold, epochs);
        for (i, r) in data.rows.iter().enumerate() {
            if r.doc % FOLDS == fold {
                probs[i] = prob(&w, b, r);
            }
        }
    }
    let direct_f1 = |dtp: usize, dfp: usize| f1(data.dtp + dtp, data.dpred + dtp + dfp, data.dgold);
    let mut best = (
        f1(data.tp, data.pred, data.gold),
        1.0f32,
        0,
        0,
        direct_f1(0, 0),
    );
    for k in 10..=95 {
        let t = k as f32 / 100.0;
        let (tp, fp, dtp, dfp) = gain(&data, &probs, t);
        let f = f1(data.tp + tp, data.pred + tp + fp, data.gold);
        eprintln!(
            "  threshold {t:.2}: +{tp} tp +{fp} fp (precision {:.1}) → soft F1 {f:.2}, direct {:.2}",
            100.0 * tp as f64 / (tp + fp).max(1) as f64,
            direct_f1(dtp, dfp)
        );
        if f > best.0 {
            best = (f, t, tp, fp, direct_f1(dtp, dfp));
        }
    }
    let (cv_f1, threshold, cv_tp, cv_fp, cv_direct) = best;
    eprintln!(
        "chosen threshold {threshold:.2}: out-of-fold soft F1 {cv_f1:.2} (+{cv_tp} tp, +{cv_fp} fp); direct {cv_direct:.2} (rules only {:.2})",
        direct_f1(0, 0)
    );
    let (w, b) = fit(&data, &|_| true, epochs);
    let mut feats: Vec<(usize, f32)> = w
        .iter()
        .enumerate()
        .filter(|&(i, &x)| data.counts[i] as usize >= min_count && x.abs() >= 1e-3)
        .map(|(i, &x)| (i, x))
        .collect();
    feats.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
    let mut out = String::new();
    out.push_str("# newsquotes learned cue sieve: logistic model over hashed context features.\n");
    out.push_str("# Trained on PolNeAR train by crates/eval/examples/train_cues.rs (see models/attribution/README.md):\n");
    out.push_str(&format!(
        "# cargo run --release -p newsquotes-eval --example train_cues -- {} OUT.tsv --min-word={min_word} --min-rate={} --epochs={epochs} --min-count={min_count}\n",
        pos[0],
        opt("min-rate", 12)
    ));
    out.push_str(&format!(
        "# {} candidates ({positives} positive); rules-only soft F1 {:.2} (direct {:.2}); five-fold out-of-fold soft F1 with this sieve {cv_f1:.2} (+{cv_tp} tp, +{cv_fp} fp; direct {cv_direct:.2})\n",
        data.rows.len(),
        f1(data.tp, data.pred, data.gold),
        direct_f1(0, 0)
    ));
    out.push_str(&format!("threshold\t{threshold}\nbias\t{b}\n"));
    for wd in &words {
        out.push_str(&format!("word\t{wd}\n"));
    }
    for (i, x) in feats {
        out.push_str(&format!("f\t{}\t{x:.4}\n", data.names[i]));
    }
    std::fs::write(pos[1], out).unwrap_or_else(|e| panic!("{}: {e}", pos[1]));
    eprintln!("wrote {}", pos[1]);
}
