//! Shared code of the newsquotes fuzz targets: ingestion through real files, the pipeline's
//! stages run one by one (a stage error on text is a bug, like a panic), and every output format
//! written and checked.
//!
//! A stage that panics aborts the fuzzer even inside `Pipeline::process`'s `catch_unwind`
//! (libfuzzer-sys installs an aborting panic hook), so panics anywhere are found.

use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

use newsquotes::document::Stage;
use newsquotes::ingest::{Ingestor, Input, Record};
use newsquotes::output::Format;
use newsquotes::{attribution, ner, segment, Document};

/// Writes `data` to a per-process scratch file named `input.EXT` (on `/dev/shm` when it exists)
/// and reads it with the default [`Ingestor`], as the CLI would.
pub fn ingest_file(ext: &str, data: &[u8]) -> Vec<Record> {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let d = base.join(format!("newsquotes-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("scratch directory");
        d
    });
    let path = dir.join(if ext.is_empty() {
        "input".to_owned()
    } else {
        format!("input.{ext}")
    });
    let mut f = std::fs::File::create(&path).expect("scratch file");
    f.write_all(data).expect("scratch write");
    drop(f);
    let ingestor = Ingestor::default();
    ingestor.read(Input::Path(path)).collect()
}

/// Checks an ingested record: an error must explain itself; a document must have a sane source.
pub fn check_record(r: &Record) {
    match r {
        Err(e) => assert!(!e.to_string().is_empty(), "empty error message"),
        Ok(doc) => {
            assert!(doc.source.path.is_some(), "document without a source path");
            check_output(doc);
        }
    }
}

fn segmenter() -> &'static segment::Segmenter {
    static S: OnceLock<segment::Segmenter> = OnceLock::new();
    S.get_or_init(segment::Segmenter::default)
}

fn recognizer() -> &'static ner::Recognizer {
    static S: OnceLock<ner::Recognizer> = OnceLock::new();
    S.get_or_init(ner::Recognizer::default)
}

fn attributor() -> &'static attribution::Attributor {
    static S: OnceLock<attribution::Attributor> = OnceLock::new();
    S.get_or_init(attribution::Attributor::default)
}

/// How far to run the pipeline.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Upto {
    /// Segmentation only.
    Segment,
    /// Segmentation and named entities.
    Ner,
    /// Everything.
    Attribution,
}

/// Runs the stages one by one; text must never make a stage fail.
pub fn run_stages(doc: &mut Document, upto: Upto) {
    if !doc.has(newsquotes::Layer::Boilerplate) {
        doc.set_boilerplate(Vec::new()).expect("boilerplate unset");
    }
    for level in [Upto::Segment, Upto::Ner, Upto::Attribution] {
        if level > upto {
            break;
        }
        let stage: &dyn Stage = match level {
            Upto::Segment => segmenter(),
            Upto::Ner => recognizer(),
            Upto::Attribution => attributor(),
        };
        if let Err(e) = stage.annotate(doc) {
            panic!("stage {} failed on text: {e}", stage.name());
        }
    }
}

/// Writes the document in every stream format and checks the schema v1 JSON offsets.
pub fn check_output(doc: &Document) {
    let value = newsquotes::output::to_json_value(doc);
    let line = serde_json::to_string(&value).expect("JSON serialises");
    let back: serde_json::Value = serde_json::from_str(&line).expect("output is valid JSON");
    assert_eq!(back["text"].as_str(), Some(doc.text()), "JSON text differs");
    if let Err(e) = newsquotes_tests::check_offsets(&back) {
        panic!("bad offsets in the JSON output: {e}");
    }
    for format in [
        Format::Jsonl,
        Format::Json,
        Format::Csv,
        Format::Html,
        Format::Summary,
    ] {
        let mut buf = Vec::new();
        {
            let mut w = format.writer(Box::new(&mut buf)).expect("stream format");
            w.write(doc).expect("writing to memory");
            w.finish().expect("finishing in memory");
        }
        if format == Format::Json {
            let v: serde_json::Value = serde_json::from_slice(&buf).expect("JSON array is valid");
            assert_eq!(v.as_array().map(Vec::len), Some(1));
        }
        if format == Format::Html {
            let html = String::from_utf8(buf).expect("UTF-8 report");
            assert!(
                !html.to_ascii_lowercase().contains("<script"),
                "script in the report"
            );
        }
    }
    let _ = newsquotes::output::brat_ann(doc);
}

/// Text from arbitrary bytes (invalid UTF-8 replaced).
pub fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}
