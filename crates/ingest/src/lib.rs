//! Reads inputs into newsquotes [`Document`]s: plain-text files, directories (recursive, sorted),
//! JSONL batches (`{"id", "text"}` per line) and stdin (JSONL when its first non-blank byte is
//! `{`, else one plain-text document).
//!
//! Every input yields documents or [`IngestError`]s that say which input (and line) failed and why;
//! one bad input never stops the others.
//!
//! ```
//! use newsquotes_ingest::{Ingestor, Input};
//!
//! let dir = std::env::temp_dir().join(format!("nq-ingest-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("a.txt"), "“Hi,” she said.").unwrap();
//! std::fs::write(dir.join("b.jsonl"), "{\"id\": \"x\", \"text\": \"Hello.\"}\nnot json\n").unwrap();
//! let ingestor = Ingestor::default();
//! let inputs = ingestor.expand(&[Input::Path(dir.clone())]);
//! let records: Vec<_> = inputs.into_iter().flat_map(|i| ingestor.read(i)).collect();
//! assert_eq!(records.len(), 3);
//! assert_eq!(records[0].as_ref().unwrap().id(), "a");
//! assert_eq!(records[1].as_ref().unwrap().id(), "x");
//! assert_eq!(records[2].as_ref().unwrap_err().line, Some(2));
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::fmt;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use newsquotes_document::Document;

/// Default per-document size limit: 20 MB.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;

/// Where documents come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a directory.
    Path(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Path(p) => write!(f, "{}", p.display()),
            Input::Stdin => f.write_str("-"),
        }
    }
}

/// What went wrong with an input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestErrorKind {
    /// The path does not exist.
    #[error("no such file or directory")]
    NotFound,
    /// Reading failed.
    #[error("cannot read: {0}")]
    Io(#[source] io::Error),
    /// The input is empty.
    #[error("empty input")]
    Empty,
    /// The input looks binary.
    #[error("binary content (NUL bytes), not text")]
    Binary,
    /// The document is over the size limit.
    #[error("document is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A JSONL line is not valid JSON or lacks fields.
    #[error("invalid JSONL record: {0}")]
    Json(String),
}

/// An input that could not become a document.
#[derive(Debug, thiserror::Error)]
#[error("{input}{}: {kind}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct IngestError {
    /// The input (path or `-`).
    pub input: String,
    /// The line of a JSONL input (1-based).
    pub line: Option<u64>,
    /// The reason.
    #[source]
    pub kind: IngestErrorKind,
}

/// One document or one error.
pub type Record = Result<Document, IngestError>;

/// Reads inputs into documents.
#[derive(Debug, Clone)]
pub struct Ingestor {
    /// Per-document size limit in bytes.
    pub max_bytes: u64,
}

impl Default for Ingestor {
    fn default() -> Self {
        Ingestor {
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

fn err(input: &str, line: Option<u64>, kind: IngestErrorKind) -> IngestError {
    IngestError {
        input: input.to_owned(),
        line,
        kind,
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

impl Ingestor {
    /// Expands directories (recursively, sorted by path) into their files. Missing paths stay as
    /// they are; [`Ingestor::read`] reports them.
    pub fn expand(&self, inputs: &[Input]) -> Vec<Input> {
        let mut out = Vec::new();
        for input in inputs {
            match input {
                Input::Path(p) if p.is_dir() => {
                    let mut files = Vec::new();
                    walk(p, &mut files);
                    files.sort();
                    out.extend(files.into_iter().map(Input::Path));
                }
                other => out.push(other.clone()),
            }
        }
        out
    }

    /// Reads one input (a file or stdin) into records: one for a text file, one per line for JSONL.
    pub fn read(&self, input: Input) -> Box<dyn Iterator<Item = Record> + Send> {
        let name = input.to_string();
        let is_jsonl =
            matches!(&input, Input::Path(p) if p.extension().is_some_and(|e| e == "jsonl"));
        let reader: Box<dyn Read + Send> = match &input {
            Input::Stdin => Box::new(io::stdin()),
            Input::Path(p) => match fs::File::open(p) {
                Ok(f) => Box::new(f),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Box::new(std::iter::once(Err(err(
                        &name,
                        None,
                        IngestErrorKind::NotFound,
                    ))))
                }
                Err(e) => {
                    return Box::new(std::iter::once(Err(err(
                        &name,
                        None,
                        IngestErrorKind::Io(e),
                    ))))
                }
            },
        };
        let mut reader = BufReader::new(reader);
        // Stdin holds JSONL when its first non-blank byte opens a JSON object.
        let is_jsonl = is_jsonl
            || (input == Input::Stdin
                && reader
                    .fill_buf()
                    .ok()
                    .and_then(|b| b.iter().find(|c| !c.is_ascii_whitespace()).copied())
                    == Some(b'{'));
        if is_jsonl {
            return Box::new(JsonlReader {
                name,
                lines: reader,
                line: 0,
                max_bytes: self.max_bytes,
            });
        }
        let id = match &input {
            Input::Path(p) => stem(p),
            Input::Stdin => "stdin".to_owned(),
        };
        Box::new(std::iter::once(self.read_text(&name, id, reader)))
    }

    fn read_text(&self, name: &str, id: String, reader: impl Read) -> Record {
        let mut bytes = Vec::new();
        reader
            .take(self.max_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| err(name, None, IngestErrorKind::Io(e)))?;
        if bytes.len() as u64 > self.max_bytes {
            return Err(err(
                name,
                None,
                IngestErrorKind::TooLarge {
                    size: bytes.len() as u64,
                    limit: self.max_bytes,
                },
            ));
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(err(name, None, IngestErrorKind::Empty));
        }
        if bytes.contains(&0) {
            return Err(err(name, None, IngestErrorKind::Binary));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let text = String::from_utf8_lossy(bytes);
        let mut doc = Document::new(id, text.as_ref());
        if matches!(text, std::borrow::Cow::Owned(_)) {
            doc.warnings
                .push("invalid UTF-8 bytes were replaced with U+FFFD".to_owned());
        }
        doc.source.path = Some(name.to_owned());
        doc.source.format = Some("text".to_owned());
        doc.source.encoding = Some("UTF-8".to_owned());
        Ok(doc)
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else {
        out.push(dir.to_owned());
        return;
    };
    for entry in rd.flatten() {
        let p = entry.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

struct JsonlReader<R> {
    name: String,
    lines: R,
    line: u64,
    max_bytes: u64,
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Record;
    fn next(&mut self) -> Option<Record> {
        loop {
            let mut buf = Vec::new();
            match self.lines.read_until(b'\n', &mut buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.line += 1;
                    return Some(Err(err(
                        &self.name,
                        Some(self.line),
                        IngestErrorKind::Io(e),
                    )));
                }
            }
            self.line += 1;
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(self.record(&buf));
        }
    }
}

impl<R> JsonlReader<R> {
    fn record(&self, buf: &[u8]) -> Record {
        let line = Some(self.line);
        if buf.len() as u64 > self.max_bytes {
            return Err(err(
                &self.name,
                line,
                IngestErrorKind::TooLarge {
                    size: buf.len() as u64,
                    limit: self.max_bytes,
                },
            ));
        }
        let value: serde_json::Value = serde_json::from_slice(buf)
            .map_err(|e| err(&self.name, line, IngestErrorKind::Json(e.to_string())))?;
        let serde_json::Value::Object(map) = value else {
            return Err(err(
                &self.name,
                line,
                IngestErrorKind::Json("not a JSON object".into()),
            ));
        };
        let Some(text) = map.get("text").and_then(|t| t.as_str()) else {
            return Err(err(
                &self.name,
                line,
                IngestErrorKind::Json("missing string field `text`".into()),
            ));
        };
        let id = match map.get("id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => format!("{}:{}", self.name, self.line),
        };
        let mut doc = Document::new(id, text);
        doc.source.path = Some(self.name.clone());
        doc.source.line = line;
        doc.source.format = Some("jsonl".to_owned());
        for (k, v) in map {
            match (k.as_str(), v) {
                ("id" | "text", _) => {}
                ("url", serde_json::Value::String(s)) => doc.source.url = Some(s),
                ("title", serde_json::Value::String(s)) => doc.metadata.title = Some(s),
                (_, v) => {
                    doc.metadata.extra.insert(k, v.to_string());
                }
            }
        }
        Ok(doc)
    }
}
