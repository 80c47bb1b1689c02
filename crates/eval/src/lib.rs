//! Evaluation harness for newsquotes: tested scorers for every stage and the runners behind
//! `newsquotes eval`.
//!
//! - [`quotes`]: content P/R/F1 (soft and exact, one-to-one matching), speaker and cue accuracy,
//!   for direct and all quotes; gold from brat standoff (PolNeAR) or our gold JSON.
//! - [`ner`]: entity P/R/F1 with conlleval semantics, overall and per type; gold from IOB2.
//! - [`sentences`]: boundary P/R/F1 and exactly-split documents, per genre, with the
//!   `sentencex` crate as a baseline.
//! - [`ingest`]: the article benchmark's bag-of-4-gram-shingles precision/recall/F1 per extractor.
//! - [`samples`]: our labeled articles in `tests/samples/`.
//!
//! Scorers are pure functions over code-point spans:
//!
//! ```
//! use newsquotes_eval::quotes::{score_quotes, QuoteAnn};
//! use newsquotes_eval::span::CharSpan;
//!
//! let text = "“We will win,” said Hugh Hill.";
//! let gold = vec![QuoteAnn {
//!     content: vec![CharSpan::new(0, 14)],
//!     cue: vec![CharSpan::new(15, 19)],
//!     source: vec![CharSpan::new(20, 29)],
//!     speaker_name: None,
//! }];
//! // A prediction that leaves out the closing comma and mark matches softly (Jaccard 12/14)
//! // and exactly too: marks and edge punctuation are stripped before comparing.
//! let mut pred = gold.clone();
//! pred[0].content = vec![CharSpan::new(0, 12)];
//! let s = score_quotes(text, &gold, &pred);
//! assert_eq!((s.direct.soft.tp, s.direct.exact.tp), (1, 1));
//! assert_eq!(s.all.speaker.value(), Some(1.0));
//! // Cut to "We will" (Jaccard 8/14), it still matches softly but no longer exactly.
//! pred[0].content = vec![CharSpan::new(0, 8)];
//! let s = score_quotes(text, &gold, &pred);
//! assert_eq!((s.all.soft.tp, s.all.exact.tp), (1, 0));
//! ```
//!
//! [`evaluate`] runs one task on one dataset path and returns an [`Outcome`] (a report, or a
//! notice that the data is missing).

pub mod error;
pub mod ingest;
pub mod metrics;
pub mod ner;
pub mod quotes;
pub mod samples;
pub mod sentences;
pub mod span;
pub mod table;

use std::path::{Path, PathBuf};

use newsquotes::attribution::Scope;
use newsquotes::ingest::HtmlExtractor;
use newsquotes::Pipeline;
use serde::Serialize;

pub use error::EvalError;
use metrics::pct;
use table::Table;

/// Our labeled samples, relative to the repository root.
pub const SAMPLES: &str = "tests/samples";
/// PolNeAR dev (brat standoff).
pub const POLNEAR_DEV: &str = "../shared/data/polnear/dev";
/// CoNLL-2003 English dev (IOB2).
pub const CONLL_DEV: &str = "../shared/data/conll2003/conll2003_dev.iob2";
/// Universal NER English EWT dev (IOB2, no MISC).
pub const UNER_DEV: &str = "../shared/data/uner_en_ewt/uner_en_ewt_dev.iob2";
/// UD English EWT dev+test documents with gold sentences (JSONL).
pub const EWT_SENTENCES: &str = "../shared/data/sbd_ud_ewt/ewt_dev_test_docs.jsonl";
/// The article-extraction benchmark.
pub const ARTICLE_BENCHMARK: &str = "../shared/data/article_benchmark";

/// What to evaluate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    /// Quotes, cues and speakers.
    Quotes,
    /// Named entities.
    Ner,
    /// Sentence boundaries.
    Sentences,
    /// Article extraction from HTML.
    Ingest,
    /// Quotes, entities and sentences of our samples at once.
    Samples,
}

impl Task {
    /// The task's name.
    pub const fn name(self) -> &'static str {
        match self {
            Task::Quotes => "quotes",
            Task::Ner => "ner",
            Task::Sentences => "sentences",
            Task::Ingest => "ingest",
            Task::Samples => "samples",
        }
    }

    /// The datasets evaluated when no path is given.
    pub fn default_paths(self) -> Vec<PathBuf> {
        let v: &[&str] = match self {
            Task::Quotes => &[SAMPLES, POLNEAR_DEV],
            Task::Ner => &[SAMPLES, CONLL_DEV, UNER_DEV],
            Task::Sentences => &[SAMPLES, EWT_SENTENCES],
            Task::Ingest => &[ARTICLE_BENCHMARK],
            Task::Samples => &[SAMPLES],
        };
        v.iter().map(PathBuf::from).collect()
    }
}

/// The result of one evaluation.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[allow(clippy::large_enum_variant)] // a handful per run; boxing buys nothing
pub enum Outcome {
    /// Quote scores.
    Quotes(quotes::QuoteReport),
    /// Entity scores.
    Ner(ner::NerReport),
    /// Sentence scores.
    Sentences(sentences::SentenceReport),
    /// Extraction scores.
    Ingest(ingest::IngestReport),
    /// All sample scores.
    Samples(samples::SamplesReport),
    /// The data is not there.
    Skipped {
        /// The task.
        task: Task,
        /// The missing path.
        path: String,
    },
}

/// One line of the summary table.
#[derive(Clone, Debug, Serialize)]
pub struct SummaryRow {
    /// Task.
    pub task: String,
    /// Dataset.
    pub dataset: String,
    /// Metric name.
    pub metric: String,
    /// Value in `[0, 1]`, or `None` when undefined or skipped.
    pub value: Option<f64>,
}

fn row(task: &str, dataset: &str, metric: &str, value: Option<f64>) -> SummaryRow {
    SummaryRow {
        task: task.to_owned(),
        dataset: dataset.to_owned(),
        metric: metric.to_owned(),
        value,
    }
}

impl Outcome {
    /// Readable tables.
    pub fn tables(&self) -> Vec<Table> {
        match self {
            Outcome::Quotes(r) => vec![r.table()],
            Outcome::Ner(r) => vec![r.table()],
            Outcome::Sentences(r) => vec![r.table()],
            Outcome::Ingest(r) => vec![r.table()],
            Outcome::Samples(r) => vec![
                r.quotes.table(),
                r.ner.table(),
                r.sentences.table(),
                r.boilerplate_table(),
                r.per_sample_table(),
            ],
            Outcome::Skipped { .. } => Vec::new(),
        }
    }

    /// The notice for a skipped evaluation.
    pub fn skipped_notice(&self) -> Option<String> {
        match self {
            Outcome::Skipped { task, path } => {
                Some(format!("{}: skipped: {path} not found", task.name()))
            }
            _ => None,
        }
    }

    /// Headline figures for the summary table.
    pub fn summary(&self) -> Vec<SummaryRow> {
        let quote_rows = |r: &quotes::QuoteReport, named: bool| {
            let s = &r.scores;
            let mut v = vec![
                row("quotes", &r.dataset, "direct soft F1", s.direct.soft.f1()),
                row("quotes", &r.dataset, "all soft F1", s.all.soft.f1()),
                row("quotes", &r.dataset, "all exact F1", s.all.exact.f1()),
                row(
                    "quotes",
                    &r.dataset,
                    "speaker acc (matched)",
                    s.all.speaker.value(),
                ),
                row(
                    "quotes",
                    &r.dataset,
                    "speaker recall (e2e)",
                    s.all.speaker_end_to_end.value(),
                ),
                row("quotes", &r.dataset, "cue acc (matched)", s.all.cue.value()),
            ];
            if named {
                v.push(row(
                    "quotes",
                    &r.dataset,
                    "resolved speaker acc",
                    s.all.resolved_speaker.value(),
                ));
            }
            v
        };
        let ner_rows =
            |r: &ner::NerReport| vec![row("ner", &r.dataset, "F1", r.counts.overall.f1())];
        let sent_rows = |r: &sentences::SentenceReport| {
            r.systems
                .iter()
                .flat_map(|s| {
                    [
                        row(
                            "sentences",
                            &r.dataset,
                            &format!("{} boundary F1", s.system),
                            s.overall.boundaries.f1(),
                        ),
                        row(
                            "sentences",
                            &r.dataset,
                            &format!("{} exact docs", s.system),
                            s.overall.exact_docs.value(),
                        ),
                    ]
                })
                .collect::<Vec<_>>()
        };
        match self {
            Outcome::Quotes(r) => quote_rows(r, r.scores.all.resolved_speaker.total > 0),
            Outcome::Ner(r) => ner_rows(r),
            Outcome::Sentences(r) => sent_rows(r),
            Outcome::Ingest(r) => r
                .extractors
                .iter()
                .flat_map(|e| {
                    [
                        row(
                            "ingest",
                            &r.dataset,
                            &format!("{} F1", e.extractor),
                            e.all.f1,
                        ),
                        row(
                            "ingest",
                            &r.dataset,
                            &format!("{} F1 (English)", e.extractor),
                            e.english.f1,
                        ),
                    ]
                })
                .collect(),
            Outcome::Samples(r) => {
                let mut v = quote_rows(&r.quotes, true);
                v.extend(ner_rows(&r.ner));
                v.extend(sent_rows(&r.sentences));
                v.push(row(
                    "boilerplate",
                    &r.quotes.dataset,
                    "character F1",
                    r.boilerplate.f1(),
                ));
                v
            }
            Outcome::Skipped { task, path } => {
                vec![row(task.name(), path, "skipped: not found", None)]
            }
        }
    }
}

/// The summary of several outcomes as one table.
pub fn summary_table(outcomes: &[Outcome]) -> Table {
    let mut t = Table::new("summary", &["task", "dataset", "metric", "value"]);
    for o in outcomes {
        for r in o.summary() {
            let value = if r.metric.starts_with("skipped") {
                "-".to_owned()
            } else {
                pct(r.value)
            };
            t.row(vec![r.task, r.dataset, r.metric, value]);
        }
    }
    t
}

/// Options of an evaluation.
#[derive(Clone, Debug)]
pub struct Options {
    /// HTML extractors compared by the ingest task.
    pub extractors: Vec<HtmlExtractor>,
    /// An NER model file to score on IOB2 data instead of the embedded one (a model directory
    /// with [`NerBackend::Bert`]).
    pub ner_model: Option<PathBuf>,
    /// Which NER implementation to score on IOB2 data.
    pub ner_backend: NerBackend,
    /// The floating-point type of [`NerBackend::Bert`].
    pub bert_precision: BertPrecision,
    /// Attributions scored on quote data; `None`: each dataset's own guideline (speech for the
    /// samples, all for PolNeAR, which annotates attitudes and beliefs too).
    pub attributions: Option<Scope>,
}

/// The floating-point type the transformer NER runs in (`newsquotes::ner_bert::Precision`,
/// which only exists with the cargo feature `bert`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BertPrecision {
    /// bfloat16 on CPUs with AMX, float32 elsewhere (`Precision::detect`).
    #[default]
    Auto,
    /// float32: the reference.
    Float32,
    /// bfloat16: faster on CPUs with AMX, slower elsewhere.
    BFloat16,
}

/// The NER implementation scored on IOB2 data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NerBackend {
    /// The embedded averaged perceptron (`newsquotes::ner`).
    #[default]
    Embedded,
    /// The transformer backend (`newsquotes::ner_bert`, cargo feature `bert`); needs a model
    /// directory in [`Options::ner_model`].
    Bert,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            extractors: HtmlExtractor::ALL.to_vec(),
            ner_model: None,
            ner_backend: NerBackend::Embedded,
            bert_precision: BertPrecision::Auto,
            attributions: None,
        }
    }
}

/// The transformer recognizer and a note saying which precision it runs in.
#[cfg(feature = "bert")]
fn bert_recognizer(
    model: Option<&Path>,
    precision: BertPrecision,
) -> Result<(Box<dyn newsquotes::Stage>, String), EvalError> {
    use newsquotes::ner_bert::{Options, Precision};
    let dir = model.unwrap_or(Path::new("models/ner-bert"));
    let (precision, how) = match precision {
        BertPrecision::Auto => (Precision::detect(), " (auto)"),
        BertPrecision::Float32 => (Precision::Float32, ""),
        BertPrecision::BFloat16 => (Precision::BFloat16, ""),
    };
    let options = Options {
        precision,
        ..Options::default()
    };
    let stage = newsquotes::bert_ner_with(dir, options)
        .map_err(|e| EvalError::format(dir, None, e.to_string()))?;
    Ok((
        stage,
        format!("backend: transformer (bert), precision {precision}{how}"),
    ))
}

#[cfg(not(feature = "bert"))]
fn bert_recognizer(
    model: Option<&Path>,
    _precision: BertPrecision,
) -> Result<(Box<dyn newsquotes::Stage>, String), EvalError> {
    Err(EvalError::format(
        model.unwrap_or(Path::new("models/ner-bert")),
        None,
        "the transformer NER needs a build with the cargo feature `bert`".to_owned(),
    ))
}

/// The default pipeline reporting the attributions of `scope`.
fn scoped(scope: Scope) -> Pipeline {
    Pipeline::english_scoped(None, None, scope).expect("the default pipeline")
}

fn scope_note(scope: Scope) -> String {
    match scope {
        Scope::Speech => "attributions: speech (acts of saying; --attributions speech)".to_owned(),
        Scope::All => {
            "attributions: all (speech and the attitudes PolNeAR annotates, learned cue sieve; --attributions all)"
                .to_owned()
        }
    }
}

fn is_samples_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|rd| {
        rd.flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".gold.json"))
    })
}

/// Runs one task on one dataset. A missing path gives [`Outcome::Skipped`]; the format is taken
/// from the path: a directory of `*.gold.json` samples, a brat directory (`attributions/`), an
/// IOB2 file, a JSONL file of sentences, or an article-benchmark directory.
pub fn evaluate(task: Task, path: &Path, opts: &Options) -> Result<Outcome, EvalError> {
    if !path.exists() {
        return Ok(Outcome::Skipped {
            task,
            path: path.display().to_string(),
        });
    }
    let unknown = |what: &str| EvalError::format(path, None, format!("not {what}"));
    if is_samples_dir(path) {
        let scope = opts.attributions.unwrap_or(Scope::Speech);
        let mut r = samples::eval_samples(path, &scoped(scope))?;
        r.quotes.notes.push(scope_note(scope));
        return Ok(match task {
            Task::Quotes => Outcome::Quotes(r.quotes),
            Task::Ner => Outcome::Ner(r.ner),
            Task::Sentences => Outcome::Sentences(r.sentences),
            Task::Samples => Outcome::Samples(r),
            Task::Ingest => {
                return Err(unknown(
                    "an article-benchmark directory (ground-truth.json)",
                ))
            }
        });
    }
    match task {
        Task::Quotes if path.join("attributions").is_dir() => {
            let scope = opts.attributions.unwrap_or(Scope::All);
            let mut r = quotes::eval_brat_dir(path, &scoped(scope))?;
            r.notes.push(scope_note(scope));
            Ok(Outcome::Quotes(r))
        }
        Task::Quotes => Err(unknown(
            "a samples directory or a brat directory with attributions/",
        )),
        Task::Ner if path.is_file() => {
            let mut notes = Vec::new();
            let recognizer: Box<dyn newsquotes::Stage> = match (opts.ner_backend, &opts.ner_model) {
                (NerBackend::Bert, m) => {
                    let (stage, note) = bert_recognizer(m.as_deref(), opts.bert_precision)?;
                    notes.push(note);
                    stage
                }
                (NerBackend::Embedded, Some(m)) => Box::new(
                    newsquotes::ner::Recognizer::from_path(m)
                        .map_err(|e| EvalError::format(m, None, e.to_string()))?,
                ),
                (NerBackend::Embedded, None) => Box::new(newsquotes::ner::Recognizer::default()),
            };
            let mut r = ner::eval_iob2(path, recognizer.as_ref())?;
            r.notes.extend(notes);
            if let Some(m) = &opts.ner_model {
                r.notes.push(format!("model: {}", m.display()));
            }
            Ok(Outcome::Ner(r))
        }
        Task::Ner => Err(unknown("a samples directory or an IOB2 file")),
        Task::Sentences if path.is_file() => {
            let docs = sentences::read_jsonl(path)?;
            Ok(Outcome::Sentences(sentences::eval_docs(
                &path.display().to_string(),
                &docs,
                &newsquotes::segment::Segmenter::default(),
            )?))
        }
        Task::Sentences => Err(unknown("a samples directory or a JSONL file")),
        Task::Ingest if path.join("ground-truth.json").is_file() => Ok(Outcome::Ingest(
            ingest::eval_benchmark(path, &opts.extractors)?,
        )),
        Task::Ingest => Err(unknown(
            "an article-benchmark directory (ground-truth.json)",
        )),
        Task::Samples => Err(unknown("a samples directory (*.gold.json)")),
    }
}

/// Every evaluation `scripts/eval.sh` runs: the samples, then each shared dataset.
pub fn all_evaluations() -> Vec<(Task, PathBuf)> {
    vec![
        (Task::Samples, SAMPLES.into()),
        (Task::Quotes, POLNEAR_DEV.into()),
        (Task::Ner, CONLL_DEV.into()),
        (Task::Ner, UNER_DEV.into()),
        (Task::Sentences, EWT_SENTENCES.into()),
        (Task::Ingest, ARTICLE_BENCHMARK.into()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_data_is_skipped_not_an_error() {
        let o = evaluate(
            Task::Ner,
            Path::new("/no/such/data.iob2"),
            &Options::default(),
        )
        .unwrap();
        assert_eq!(
            o.skipped_notice().as_deref(),
            Some("ner: skipped: /no/such/data.iob2 not found")
        );
        assert!(o.tables().is_empty());
        let t = summary_table(&[o]);
        assert_eq!(
            t.rows,
            vec![vec!["ner", "/no/such/data.iob2", "skipped: not found", "-"]]
        );
    }

    #[test]
    fn a_wrong_kind_of_path_is_an_error() {
        let dir = std::env::temp_dir().join(format!("nq-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert!(evaluate(Task::Quotes, &dir, &Options::default()).is_err());
        assert!(evaluate(Task::Ingest, &dir, &Options::default()).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn sentences_report_from_a_jsonl_file() {
        let dir = std::env::temp_dir().join(format!("nq-eval-s-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s.jsonl");
        std::fs::write(
            &path,
            "{\"text\": \"It rained. We left.\", \"sentences\": [\"It rained.\", \"We left.\"], \"genre\": \"news\"}\n",
        )
        .unwrap();
        let Outcome::Sentences(r) = evaluate(Task::Sentences, &path, &Options::default()).unwrap()
        else {
            panic!("not a sentence report")
        };
        assert_eq!(r.documents, 1);
        assert_eq!(r.systems.len(), 2);
        assert_eq!(r.systems[0].overall.boundaries.gold(), 1);
        assert!(r.systems[0].per_genre.contains_key("news"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
