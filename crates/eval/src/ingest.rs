//! The article-extraction scorer of the article benchmark: bags of word 4-gram shingles.
//!
//! Words are runs of Unicode alphanumerics and `_` (the benchmark's `\w+`), case kept. A text
//! with fewer than four words is one shingle of all its words. Per page, true/false positives
//! and false negatives are counted over shingle multisets and normalised to sum to 1; precision
//! is averaged over pages that predicted something or have gold text, recall over pages with
//! gold text or missed words, and F1 is computed from the two averages — as the benchmark's
//! `evaluate.py` does.

use std::collections::HashMap;
use std::path::Path;

use newsquotes::ingest::{HtmlExtractor, Ingestor, Input};
use newsquotes::Document;
use serde::Serialize;

use crate::error::EvalError;
use crate::metrics::{pct, Ratio};
use crate::table::Table;

const N: usize = 4;

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The bag of word `n`-gram shingles of a text.
pub fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let w = words(text);
    let mut out = HashMap::new();
    if w.is_empty() {
        return out;
    }
    let n = (w.len() + 1).saturating_sub(N).max(1);
    for i in 0..n {
        let end = (i + N).min(w.len());
        *out.entry(w[i..end].to_vec()).or_insert(0) += 1;
    }
    out
}

/// Normalised (tp, fp, fn) of one page: counts over shingle multisets, divided by their sum
/// (all zero when both texts have no word).
pub fn page_counts(gold: &str, pred: &str) -> (f64, f64, f64) {
    let g = shingles(gold);
    let p = shingles(pred);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (k, &gc) in &g {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += gc.min(pc);
        fn_ += gc.saturating_sub(pc);
    }
    for (k, &pc) in &p {
        fp += pc.saturating_sub(g.get(k).copied().unwrap_or(0));
    }
    let s = (tp + fp + fn_) as f64;
    if s == 0.0 {
        (0.0, 0.0, 0.0)
    } else {
        (tp as f64 / s, fp as f64 / s, fn_ as f64 / s)
    }
}

/// Averaged precision and recall over pages, and F1 of the averages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct ShingleScores {
    /// Pages.
    pub pages: usize,
    /// Mean precision.
    pub precision: Option<f64>,
    /// Mean recall.
    pub recall: Option<f64>,
    /// F1 of the means.
    pub f1: Option<f64>,
}

/// Averages per-page counts as the benchmark does.
pub fn aggregate(pages: &[(f64, f64, f64)]) -> ShingleScores {
    let mean = |v: Vec<f64>| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    let p = mean(
        pages
            .iter()
            .filter(|(tp, fp, _)| tp + fp > 0.0)
            .map(|&(tp, fp, fn_)| {
                if fp == 0.0 && fn_ == 0.0 {
                    1.0
                } else {
                    tp / (tp + fp)
                }
            })
            .collect(),
    );
    let r = mean(
        pages
            .iter()
            .filter(|(tp, _, fn_)| tp + fn_ > 0.0)
            .map(|&(tp, fp, fn_)| {
                if fp == 0.0 && fn_ == 0.0 {
                    1.0
                } else {
                    tp / (tp + fn_)
                }
            })
            .collect(),
    );
    let f1 = match (p, r) {
        (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
        (Some(_), Some(_)) => Some(0.0),
        _ => None,
    };
    ShingleScores {
        pages: pages.len(),
        precision: p,
        recall: r,
        f1,
    }
}

/// The article body of an ingested document: its text outside boilerplate regions.
pub fn body(doc: &Document) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for b in doc.boilerplate() {
        out.push_str(&doc.text()[pos..b.span.start]);
        out.push('\n');
        pos = b.span.end;
    }
    out.push_str(&doc.text()[pos..]);
    out
}

/// One extractor's scores.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ExtractorScores {
    /// The extractor.
    pub extractor: String,
    /// Every page.
    pub all: ShingleScores,
    /// The English pages.
    pub english: ShingleScores,
    /// Pages the ingestor returned an error for (scored as empty predictions).
    pub errors: usize,
    /// Title exact match, where gold has a title.
    pub title: Ratio,
    /// Author exact match, where gold has authors.
    pub author: Ratio,
    /// Date exact match, where gold has a date.
    pub date: Ratio,
}

/// An extraction evaluation over one benchmark directory.
#[derive(Clone, Debug, Default, Serialize)]
pub struct IngestReport {
    /// The dataset.
    pub dataset: String,
    /// Pages with gold.
    pub pages: usize,
    /// English pages.
    pub english_pages: usize,
    /// One row per extractor.
    pub extractors: Vec<ExtractorScores>,
    /// Remarks.
    pub notes: Vec<String>,
}

impl IngestReport {
    /// The report as a readable table.
    pub fn table(&self) -> Table {
        let mut t = Table::new(
            format!(
                "ingest — {} ({} pages, {} English)",
                self.dataset, self.pages, self.english_pages
            ),
            &[
                "extractor",
                "P",
                "R",
                "F1",
                "P en",
                "R en",
                "F1 en",
                "errors",
                "title",
                "author",
                "date",
            ],
        );
        for e in &self.extractors {
            t.row(vec![
                e.extractor.clone(),
                pct(e.all.precision),
                pct(e.all.recall),
                pct(e.all.f1),
                pct(e.english.precision),
                pct(e.english.recall),
                pct(e.english.f1),
                e.errors.to_string(),
                pct(e.title.value()),
                pct(e.author.value()),
                pct(e.date.value()),
            ]);
        }
        t.notes = self.notes.clone();
        t
    }
}

#[derive(serde::Deserialize)]
struct Gold {
    #[serde(rename = "articleBody", default)]
    body: String,
    #[serde(default)]
    headline: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(rename = "datePublished", default)]
    date: Option<String>,
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, EvalError> {
    let data = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    serde_json::from_str(&data).map_err(|e| EvalError::format(path, Some(e.line()), e.to_string()))
}

/// Evaluates the ingestor with each extractor on an article-benchmark directory
/// (`html/<id>.html.gz`, `ground-truth.json`, optional `english_ids.json`).
pub fn eval_benchmark(dir: &Path, extractors: &[HtmlExtractor]) -> Result<IngestReport, EvalError> {
    let gold: std::collections::BTreeMap<String, Gold> = read_json(&dir.join("ground-truth.json"))?;
    let english: Vec<String> = read_json(&dir.join("english_ids.json")).unwrap_or_default();
    let mut report = IngestReport {
        dataset: dir.display().to_string(),
        pages: gold.len(),
        english_pages: gold.keys().filter(|k| english.contains(k)).count(),
        ..Default::default()
    };
    if gold
        .values()
        .all(|g| g.headline.is_none() && g.author.is_none() && g.date.is_none())
    {
        report
            .notes
            .push("gold has no title/author/date: those columns are n/a".to_owned());
    }
    for &x in extractors {
        let ingestor = Ingestor {
            html_extractor: x,
            ..Ingestor::default()
        };
        let mut e = ExtractorScores {
            extractor: x.name().to_owned(),
            ..Default::default()
        };
        let (mut all, mut en) = (Vec::new(), Vec::new());
        for (id, g) in &gold {
            let path = dir.join("html").join(format!("{id}.html.gz"));
            let doc = match ingestor.read(Input::Path(path)).next() {
                Some(Ok(d)) => Some(d),
                Some(Err(err)) => {
                    e.errors += 1;
                    report.notes.push(format!("{}: {err}", x.name()));
                    None
                }
                None => {
                    e.errors += 1;
                    report
                        .notes
                        .push(format!("{}: {id}: no document", x.name()));
                    None
                }
            };
            let pred = doc.as_ref().map(body).unwrap_or_default();
            let c = page_counts(&g.body, &pred);
            all.push(c);
            if english.contains(id) {
                en.push(c);
            }
            let meta = doc.as_ref().map(|d| &d.metadata);
            let norm = |s: &str| {
                s.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            };
            if let Some(t) = &g.headline {
                e.title.record(
                    meta.and_then(|m| m.title.as_deref())
                        .is_some_and(|p| norm(p) == norm(t)),
                );
            }
            if let Some(a) = &g.author {
                e.author
                    .record(meta.is_some_and(|m| m.authors.iter().any(|p| norm(p) == norm(a))));
            }
            if let Some(d) = &g.date {
                let day = |s: &str| s.get(..10).map(str::to_owned);
                e.date.record(
                    meta.and_then(|m| m.published.as_deref())
                        .is_some_and(|p| day(p) == day(d)),
                );
            }
        }
        e.all = aggregate(&all);
        e.english = aggregate(&en);
        report.extractors.push(e);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_by_hand() {
        let s = shingles("The cat sat on the mat.");
        assert_eq!(s.len(), 3);
        assert_eq!(s[&vec!["The", "cat", "sat", "on"]], 1);
        // Fewer than four words: one shingle of all of them.
        let s = shingles("Hello, world");
        assert_eq!(
            s.into_iter().collect::<Vec<_>>(),
            vec![(vec!["Hello", "world"], 1)]
        );
        assert!(shingles(" ,. ").is_empty());
        // Words are \w+ runs, case kept.
        assert_eq!(words("it's a_b Él 42"), vec!["it", "s", "a_b", "Él", "42"]);
    }

    #[test]
    fn page_counts_by_hand() {
        // Gold: a b c d e (2 shingles: abcd, bcde). Pred: a b c d x (abcd, bcdx).
        let (tp, fp, fn_) = page_counts("a b c d e", "a b c d x");
        assert_eq!((tp, fp, fn_), (1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0));
        assert_eq!(page_counts("", ""), (0.0, 0.0, 0.0));
        assert_eq!(page_counts("a b c d", ""), (0.0, 0.0, 1.0));
        // Repeated shingles count as a multiset: the prediction has abcd twice, bcda, cdab,
        // dabc; one abcd matches, four are spurious.
        let (tp, fp, fn_) = page_counts("a b c d", "a b c d a b c d");
        assert_eq!((tp, fp, fn_), (0.2, 0.8, 0.0));
    }

    #[test]
    fn aggregate_averages_pages_then_takes_f1() {
        // Page 1 perfect; page 2 half right (tp = fp = fn = 1/3); page 3 nothing predicted.
        let pages = [
            (1.0, 0.0, 0.0),
            (1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0),
            (0.0, 0.0, 1.0),
        ];
        let s = aggregate(&pages);
        // Precision over pages 1-2: (1 + 0.5) / 2; recall over all three: (1 + 0.5 + 0) / 3.
        assert_eq!(s.precision, Some(0.75));
        assert_eq!(s.recall, Some(0.5));
        assert!((s.f1.unwrap() - 0.6).abs() < 1e-12);
        assert_eq!(aggregate(&[]), ShingleScores::default());
        assert_eq!(aggregate(&[(0.0, 0.0, 0.0)]).f1, None);
    }

    #[test]
    fn body_leaves_out_boilerplate() {
        use newsquotes::document::{Boilerplate, BoilerplateKind, Span};
        let mut doc = Document::new("d", "Story text.\nSign up now\nMore story.");
        doc.set_boilerplate(vec![Boilerplate {
            span: Span::new(12, 23),
            kind: BoilerplateKind::Newsletter,
        }])
        .unwrap();
        assert_eq!(body(&doc), "Story text.\n\n\nMore story.");
    }
}
