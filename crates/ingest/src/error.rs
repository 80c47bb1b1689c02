//! Errors: which input, which line, and why.

use std::io;

/// What went wrong with an input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestErrorKind {
    /// The path does not exist.
    #[error("no such file or directory")]
    NotFound,
    /// Reading failed (permissions, I/O error, corrupt gzip stream).
    #[error("cannot read: {0}")]
    Io(#[source] io::Error),
    /// The input is empty (or only whitespace).
    #[error("empty input")]
    Empty,
    /// The input looks binary.
    #[error("binary content, not text ({0})")]
    Binary(String),
    /// The document is over the size limit.
    #[error("document is over the size limit of {limit} bytes (at least {size} bytes)")]
    TooLarge {
        /// Its size, or a lower bound of it (reading stops just past the limit).
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A JSONL line is not valid JSON or lacks fields.
    #[error("invalid JSONL record: {0}")]
    Json(String),
    /// An `.html` input (or an `html` record) that holds no HTML markup.
    #[error("not HTML: {0}")]
    NotHtml(String),
    /// HTML nested deeper than the extractors can safely walk.
    #[error("HTML nested {depth} elements deep, over the limit of {limit}")]
    TooDeep {
        /// The depth reached when the scan stopped.
        depth: usize,
        /// The limit.
        limit: usize,
    },
    /// HTML whose article text could not be found (a page of navigation only, or a page cut off
    /// before its body).
    #[error("no article text found in the HTML{}", if *truncated { " (the page is truncated)" } else { "" })]
    NoText {
        /// The markup ends before `</body>`/`</html>` and mid-element.
        truncated: bool,
    },
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

pub(crate) fn err(input: &str, line: Option<u64>, kind: IngestErrorKind) -> IngestError {
    IngestError {
        input: input.to_owned(),
        line,
        kind,
    }
}
