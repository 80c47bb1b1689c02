//! The sentence scorer: boundary precision/recall/F1 and the share of documents split exactly.
//!
//! A *boundary* is the offset where a sentence ends (after trimming trailing whitespace),
//! excluding the end of the document's text. Predicted and gold boundaries are compared as sets.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use newsquotes::{Document, Layer, Stage};
use serde::Serialize;

use crate::error::EvalError;
use crate::metrics::{pct, Counts, Ratio};
use crate::table::Table;

/// Sentence-end offsets of `spans` (byte ranges into `text`): each end moved back over
/// whitespace, without ends at 0 or at/after the end of the (trimmed) text.
pub fn boundaries(text: &str, spans: &[(usize, usize)]) -> BTreeSet<usize> {
    let doc_end = text.trim_end().len();
    spans
        .iter()
        .filter_map(|&(s, e)| {
            let e = e.min(text.len());
            let s = s.min(e);
            let piece = text.get(s..e)?;
            let end = s + piece.trim_end().len();
            (end > 0 && end < doc_end).then_some(end)
        })
        .collect()
}

/// Boundary counts and exactly-split documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SentenceCounts {
    /// Boundary counts.
    pub boundaries: Counts,
    /// Documents whose predicted boundaries equal the gold ones.
    pub exact_docs: Ratio,
}

impl SentenceCounts {
    /// Adds another document's counts.
    pub fn add(&mut self, o: &SentenceCounts) {
        self.boundaries.add(o.boundaries);
        self.exact_docs.add(o.exact_docs);
    }
}

/// Scores one document's predicted sentences against the gold ones (byte ranges into `text`).
pub fn score_doc(text: &str, gold: &[(usize, usize)], pred: &[(usize, usize)]) -> SentenceCounts {
    let g = boundaries(text, gold);
    let p = boundaries(text, pred);
    let tp = g.intersection(&p).count();
    let mut exact = Ratio::default();
    exact.record(g == p);
    SentenceCounts {
        boundaries: Counts::from_matches(tp, p.len(), g.len()),
        exact_docs: exact,
    }
}

/// Finds each sentence in `text` by sequential search. Returns the index of the first sentence
/// that cannot be found after the previous one.
pub fn locate<S: AsRef<str>>(text: &str, sentences: &[S]) -> Result<Vec<(usize, usize)>, usize> {
    let mut cursor = 0;
    let mut out = Vec::with_capacity(sentences.len());
    for (i, s) in sentences.iter().enumerate() {
        let s = s.as_ref().trim();
        if s.is_empty() {
            continue;
        }
        let at = text[cursor..].find(s).ok_or(i)? + cursor;
        out.push((at, at + s.len()));
        cursor = at + s.len();
    }
    Ok(out)
}

/// Sentences of `text` from a segmentation stage (through the [`Stage`] trait only).
pub fn segment_with(
    stage: &dyn Stage,
    id: &str,
    text: &str,
) -> Result<Vec<(usize, usize)>, EvalError> {
    let mut doc = Document::new(id, text);
    if stage.requires().contains(&Layer::Boilerplate) {
        doc.set_boilerplate(Vec::new())
            .expect("empty layer on a new document");
    }
    stage.annotate(&mut doc).map_err(|e| EvalError::Stage {
        stage: stage.name().to_owned(),
        doc: id.to_owned(),
        message: e.to_string(),
    })?;
    Ok(doc
        .sentences()
        .iter()
        .map(|s| (s.span.start, s.span.end))
        .collect())
}

/// Sentences of `text` from the `sentencex` crate (English rules), the baseline.
pub fn segment_sentencex(text: &str) -> Vec<(usize, usize)> {
    sentencex::get_sentence_boundaries("en", text)
        .into_iter()
        .map(|b| (b.start_byte, b.end_byte))
        .collect()
}

/// One system's scores over a dataset.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SystemScores {
    /// The system ("newsquotes", "sentencex").
    pub system: String,
    /// Every document.
    pub overall: SentenceCounts,
    /// Per genre, when the data gives one.
    pub per_genre: BTreeMap<String, SentenceCounts>,
}

/// A sentence evaluation over one dataset, one row group per system.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SentenceReport {
    /// The dataset's name.
    pub dataset: String,
    /// Documents scored.
    pub documents: usize,
    /// Our segmenter first, then baselines.
    pub systems: Vec<SystemScores>,
    /// Remarks.
    pub notes: Vec<String>,
}

impl SentenceReport {
    /// The report as a readable table.
    pub fn table(&self) -> Table {
        let mut t = Table::new(
            format!(
                "sentences — {} ({} documents)",
                self.dataset, self.documents
            ),
            &[
                "system",
                "genre",
                "docs",
                "gold",
                "pred",
                "P",
                "R",
                "F1",
                "exact docs",
            ],
        );
        for s in &self.systems {
            let rows = s
                .per_genre
                .iter()
                .map(|(g, c)| (g.as_str(), c))
                .chain(std::iter::once(("all", &s.overall)));
            for (g, c) in rows {
                t.row(vec![
                    s.system.clone(),
                    g.to_owned(),
                    c.exact_docs.total.to_string(),
                    c.boundaries.gold().to_string(),
                    c.boundaries.predicted().to_string(),
                    pct(c.boundaries.precision()),
                    pct(c.boundaries.recall()),
                    pct(c.boundaries.f1()),
                    pct(c.exact_docs.value()),
                ]);
            }
        }
        t.notes = self.notes.clone();
        t
    }
}

/// A gold document for sentence scoring.
#[derive(Clone, Debug, Default)]
pub struct SentenceDoc {
    /// Its name.
    pub id: String,
    /// Genre, when known.
    pub genre: Option<String>,
    /// The text.
    pub text: String,
    /// Gold sentences as byte ranges into `text`.
    pub sentences: Vec<(usize, usize)>,
}

/// Reads a JSONL file of `{text, sentences: [..], genre?, doc_id?}` records, locating the gold
/// sentences in the text by sequential search.
pub fn read_jsonl(path: &Path) -> Result<Vec<SentenceDoc>, EvalError> {
    #[derive(serde::Deserialize)]
    struct Rec {
        text: String,
        sentences: Vec<String>,
        #[serde(default)]
        genre: Option<String>,
        #[serde(default)]
        doc_id: Option<String>,
    }
    let data = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    let mut out = Vec::new();
    for (i, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: Rec = serde_json::from_str(line)
            .map_err(|e| EvalError::format(path, Some(i + 1), e.to_string()))?;
        let sentences = locate(&r.text, &r.sentences).map_err(|k| {
            EvalError::format(
                path,
                Some(i + 1),
                format!("sentence {k} not found in the text"),
            )
        })?;
        out.push(SentenceDoc {
            id: r.doc_id.unwrap_or_else(|| format!("line{}", i + 1)),
            genre: r.genre,
            text: r.text,
            sentences,
        });
    }
    Ok(out)
}

/// Scores our segmenter (`stage`) and the `sentencex` baseline on the same documents.
pub fn eval_docs(
    dataset: &str,
    docs: &[SentenceDoc],
    stage: &dyn Stage,
) -> Result<SentenceReport, EvalError> {
    let mut ours = SystemScores {
        system: "newsquotes".to_owned(),
        ..Default::default()
    };
    let mut base = SystemScores {
        system: "sentencex".to_owned(),
        ..Default::default()
    };
    for d in docs {
        let pred = segment_with(stage, &d.id, &d.text)?;
        for (sys, pred) in [(&mut ours, pred), (&mut base, segment_sentencex(&d.text))] {
            let c = score_doc(&d.text, &d.sentences, &pred);
            sys.overall.add(&c);
            if let Some(g) = &d.genre {
                sys.per_genre.entry(g.clone()).or_default().add(&c);
            }
        }
    }
    Ok(SentenceReport {
        dataset: dataset.to_owned(),
        documents: docs.len(),
        systems: vec![ours, base],
        notes: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_trim_space_and_skip_the_document_end() {
        let text = "It rained. We left.  Then? ";
        // Sentences with and without trailing space; the last one ends at the document end.
        let b = boundaries(text, &[(0, 11), (11, 21), (21, 27)]);
        assert_eq!(b, BTreeSet::from([10, 19]));
        assert!(boundaries("", &[]).is_empty());
        assert!(boundaries("x", &[(0, 1)]).is_empty());
    }

    #[test]
    fn partial_split_by_hand() {
        let text = "A b. C d. E f. G h.";
        let gold = locate(text, &["A b.", "C d.", "E f.", "G h."]).unwrap();
        assert_eq!(gold[1], (5, 9));
        // Gold boundaries 4, 9, 14; predicted 4 and a wrong one at 7.
        let pred = [(0, 4), (5, 7), (8, 19)];
        let c = score_doc(text, &gold, &pred);
        assert_eq!(
            c.boundaries,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 2
            }
        );
        assert_eq!(
            c.exact_docs,
            Ratio {
                correct: 0,
                total: 1
            }
        );
        let c = score_doc(text, &gold, &gold);
        assert_eq!(
            c.boundaries,
            Counts {
                tp: 3,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            c.exact_docs,
            Ratio {
                correct: 1,
                total: 1
            }
        );
    }

    #[test]
    fn empty_and_single_sentence_documents_are_exact_when_unsplit() {
        let c = score_doc("One sentence only.", &[(0, 18)], &[(0, 18)]);
        assert_eq!(c.boundaries, Counts::default());
        assert_eq!(
            c.exact_docs,
            Ratio {
                correct: 1,
                total: 1
            }
        );
        let c = score_doc("", &[], &[]);
        assert_eq!(c.exact_docs.correct, 1);
    }

    #[test]
    fn locate_searches_in_order() {
        let text = "Yes. No. Yes.";
        assert_eq!(
            locate(text, &["Yes.", "No.", "Yes."]).unwrap(),
            vec![(0, 4), (5, 8), (9, 13)]
        );
        assert_eq!(locate(text, &["No.", "No."]), Err(1));
    }

    #[test]
    fn sentencex_baseline_splits_plain_text() {
        let text = "Hello world. This is a test.";
        let b = boundaries(text, &segment_sentencex(text));
        assert_eq!(b, BTreeSet::from([12]));
    }
}
