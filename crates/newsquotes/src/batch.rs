//! The batch runner: parallel across documents, streaming in bounded chunks, output in input order.

use rayon::prelude::*;
use serde::Serialize;

use newsquotes_document::Document;
use newsquotes_ingest::{IngestError, PendingRecord, Record};

use crate::pipeline::{Pipeline, ProcessError};

/// One input that did not become an output document.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ErrorRecord {
    /// The input path (or `-`).
    pub input: String,
    /// The line of a JSONL input (1-based).
    pub line: Option<u64>,
    /// The document id, when it was read.
    pub id: Option<String>,
    /// `ingest` or the name of the stage that failed.
    pub stage: String,
    /// What went wrong.
    pub reason: String,
}

impl ErrorRecord {
    fn ingest(e: &IngestError) -> Self {
        ErrorRecord {
            input: e.input.clone(),
            line: e.line,
            id: None,
            stage: "ingest".to_owned(),
            reason: e.kind.to_string(),
        }
    }

    fn process(doc: &Document, e: &ProcessError) -> Self {
        ErrorRecord {
            input: doc.source.path.clone().unwrap_or_default(),
            line: doc.source.line,
            id: Some(doc.id().to_owned()),
            stage: e.stage().unwrap_or("pipeline").to_owned(),
            reason: e.to_string(),
        }
    }
}

impl std::fmt::Display for ErrorRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.input)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        write!(f, ": [{}] {}", self.stage, self.reason)
    }
}

/// An item of a batch: something that knows which input (and line) it came from.
pub trait BatchItem: Send {
    /// The input path (or `-`) and line of this item.
    fn origin(&self) -> (String, Option<u64>);
}

impl BatchItem for Record {
    fn origin(&self) -> (String, Option<u64>) {
        match self {
            Ok(d) => (d.source.path.clone().unwrap_or_default(), d.source.line),
            Err(e) => (e.input.clone(), e.line),
        }
    }
}

impl BatchItem for PendingRecord {
    fn origin(&self) -> (String, Option<u64>) {
        match self {
            Ok(p) => (p.input().to_owned(), p.line()),
            Err(e) => (e.input.clone(), e.line),
        }
    }
}

fn prepare_contained<T: BatchItem, P: Fn(T) -> Record>(
    prepare: &P,
    item: T,
) -> Result<Document, ErrorRecord> {
    let (input, line) = item.origin();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| prepare(item))) {
        Ok(Ok(doc)) => Ok(doc),
        Ok(Err(e)) => Err(ErrorRecord::ingest(&e)),
        Err(payload) => Err(ErrorRecord {
            input,
            line,
            id: None,
            stage: "ingest".to_owned(),
            reason: format!(
                "reading panicked: {}",
                crate::pipeline::panic_message(payload.as_ref())
            ),
        }),
    }
}

/// Batch settings.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Documents held in memory at once, per thread.
    pub chunk_per_thread: usize,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            threads: 0,
            chunk_per_thread: 16,
        }
    }
}

/// Counts at the end of a batch. `inputs == documents + errors` always holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Records read (documents and ingestion errors).
    pub inputs: u64,
    /// Documents processed and handed to the sink.
    pub documents: u64,
    /// Error records.
    pub errors: u64,
    /// Quotes found.
    pub quotes: u64,
    /// Speakers found.
    pub speakers: u64,
    /// Words (word and number tokens) processed.
    pub words: u64,
    /// Bytes of text processed.
    pub bytes: u64,
}

/// Runs `pipeline` over `records` on a thread pool, handing each result to `sink` in input order.
///
/// At most `threads × chunk_per_thread` documents are in memory at once. A document whose
/// processing fails or panics becomes an [`ErrorRecord`]; the batch goes on. If `sink` returns
/// `false` the batch stops after the current chunk (e.g. on Ctrl-C or a write error).
pub fn run_batch<I, F>(pipeline: &Pipeline, records: I, options: &BatchOptions, sink: F) -> Summary
where
    I: IntoIterator<Item = Record>,
    F: FnMut(Result<Document, ErrorRecord>) -> bool,
{
    run_batch_with(pipeline, records, |r| r, options, sink)
}

/// Like [`run_batch`], but items are turned into records by `prepare` inside the thread pool, so
/// expensive reading work (HTML extraction, decoding: `Ingestor::finish`) runs in parallel too.
/// A panic in `prepare` is contained like a panic in a stage.
pub fn run_batch_with<T, I, P, F>(
    pipeline: &Pipeline,
    items: I,
    prepare: P,
    options: &BatchOptions,
    mut sink: F,
) -> Summary
where
    T: BatchItem,
    I: IntoIterator<Item = T>,
    P: Fn(T) -> Record + Sync,
    F: FnMut(Result<Document, ErrorRecord>) -> bool,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .expect("a thread pool can be built");
    let chunk = pool.current_num_threads().max(1) * options.chunk_per_thread.max(1);
    let mut summary = Summary::default();
    let mut records = items.into_iter().peekable();
    let mut buf: Vec<T> = Vec::with_capacity(chunk);
    while records.peek().is_some() {
        buf.extend(records.by_ref().take(chunk));
        let results: Vec<Result<Document, ErrorRecord>> = pool.install(|| {
            buf.par_drain(..)
                .map(|item| match prepare_contained(&prepare, item) {
                    Err(e) => Err(e),
                    Ok(mut doc) => match pipeline.process(&mut doc) {
                        Ok(()) => Ok(doc),
                        Err(e) => Err(ErrorRecord::process(&doc, &e)),
                    },
                })
                .collect()
        });
        let mut go_on = true;
        for r in results {
            summary.inputs += 1;
            match &r {
                Ok(doc) => {
                    summary.documents += 1;
                    summary.quotes += doc.quotes().len() as u64;
                    summary.speakers += doc.speakers().len() as u64;
                    summary.bytes += doc.text().len() as u64;
                    summary.words += doc
                        .tokens()
                        .iter()
                        .filter(|t| {
                            matches!(
                                t.kind,
                                newsquotes_document::TokenKind::Word
                                    | newsquotes_document::TokenKind::Number
                            )
                        })
                        .count() as u64;
                }
                Err(_) => summary.errors += 1,
            }
            go_on &= sink(r);
        }
        if !go_on {
            break;
        }
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(i: usize) -> Record {
        let mut d = Document::new(format!("d{i}"), format!("“Doc {i},” she said."));
        d.source.path = Some(format!("in{i}.txt"));
        Ok(d)
    }

    #[test]
    fn keeps_input_order_and_counts_everything() {
        let p = Pipeline::english();
        let mut records: Vec<Record> = (0..100).map(doc).collect();
        records.insert(
            50,
            Err(IngestError {
                input: "bad.txt".into(),
                line: None,
                kind: newsquotes_ingest::IngestErrorKind::Empty,
            }),
        );
        let mut seen = Vec::new();
        let opts = BatchOptions {
            threads: 2,
            chunk_per_thread: 3,
        };
        let s = run_batch(&p, records, &opts, |r| {
            seen.push(match r {
                Ok(d) => d.id().to_owned(),
                Err(e) => format!("error:{}", e.input),
            });
            true
        });
        assert_eq!(s.inputs, 101);
        assert_eq!(s.documents, 100);
        assert_eq!(s.errors, 1);
        assert_eq!(s.quotes, 100);
        assert_eq!(seen[50], "error:bad.txt");
        let ids: Vec<_> = seen
            .iter()
            .filter(|s| s.starts_with('d'))
            .cloned()
            .collect();
        let expected: Vec<_> = (0..100).map(|i| format!("d{i}")).collect();
        assert_eq!(ids, expected);
    }

    #[test]
    fn a_sink_returning_false_stops_the_batch() {
        let p = Pipeline::english();
        let mut n = 0;
        let opts = BatchOptions {
            threads: 1,
            chunk_per_thread: 4,
        };
        let s = run_batch(&p, (0..100).map(doc), &opts, |_| {
            n += 1;
            false
        });
        assert_eq!(s.inputs, 4);
        assert_eq!(n, 4);
    }

    /// A stage that panics on documents whose text contains "boom".
    struct Fragile;

    impl newsquotes_document::Stage for Fragile {
        fn name(&self) -> &str {
            "fragile"
        }
        fn requires(&self) -> &[newsquotes_document::Layer] {
            &[]
        }
        fn produces(&self) -> &[newsquotes_document::Layer] {
            &[]
        }
        fn annotate(&self, doc: &mut Document) -> Result<(), newsquotes_document::StageError> {
            assert!(!doc.text().contains("boom"), "deliberate failure");
            Ok(())
        }
    }

    #[test]
    fn a_panicking_document_becomes_its_own_error_record_and_the_batch_goes_on() {
        let p = Pipeline::builder().stage(Fragile).build().unwrap();
        let records: Vec<Record> = (0..20)
            .map(|i| {
                let text = if i % 7 == 3 { "boom" } else { "fine" };
                let mut d = Document::new(format!("d{i}"), text);
                d.source.path = Some(format!("in{i}.txt"));
                Ok(d)
            })
            .collect();
        let mut out = Vec::new();
        let s = run_batch(&p, records, &BatchOptions::default(), |r| {
            out.push(r);
            true
        });
        assert_eq!((s.inputs, s.documents, s.errors), (20, 17, 3));
        for (i, r) in out.iter().enumerate() {
            match r {
                Ok(d) => assert_eq!(d.id(), format!("d{i}")),
                Err(e) => {
                    assert_eq!(i % 7, 3);
                    assert_eq!(e.id.as_deref(), Some(format!("d{i}").as_str()));
                    assert_eq!(e.input, format!("in{i}.txt"));
                    assert_eq!(e.stage, "fragile");
                    assert!(e.reason.contains("deliberate failure"), "{}", e.reason);
                }
            }
        }
    }
}
