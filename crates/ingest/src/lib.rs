//! Reads inputs into newsquotes [`Document`]s: plain-text files, HTML pages, JSONL batches
//! (`{"id", "text"}` or `{"id", "html", "url"}` per line), directories (recursive, sorted),
//! gzip-compressed files and stdin.
//!
//! - **Plain text** (`.txt` and anything not recognised as HTML): the document text is the decoded
//!   file, verbatim (line endings included). Lines that are not the article (newsletter prompts,
//!   comment and sign-in lines, campaign blurbs, share lines, photo captions with agency credits)
//!   are marked in the boilerplate layer, never deleted; the headline, byline and dateline fill the
//!   metadata.
//! - **HTML** (`.html`, `.htm`, `html` records): the main article text, paragraphs separated by a
//!   blank line, found by the [`HtmlExtractor`] chosen; metadata from JSON-LD, OpenGraph, meta
//!   tags, `<time>` and bylines.
//! - **Encodings**: byte-order mark, then the charset an HTML page declares, then detection;
//!   invalid bytes are replaced and reported in [`Document::warnings`].
//!
//! Every input yields documents or [`IngestError`]s that say which input (and line) failed and why;
//! one bad input never stops the others, and nothing panics on bad bytes.
//!
//! ```
//! use newsquotes_ingest::{Ingestor, Input};
//!
//! let dir = std::env::temp_dir().join(format!("nq-ingest-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("a.txt"), "“Hi,” she said.").unwrap();
//! std::fs::write(dir.join("b.jsonl"), "{\"id\": \"x\", \"text\": \"Hello.\"}\nnot json\n").unwrap();
//! std::fs::write(
//!     dir.join("c.html"),
//!     "<html><body><article><p>“We will rebuild the pier,” the mayor said on Friday.</p></article></body></html>",
//! )
//! .unwrap();
//! let ingestor = Ingestor::default();
//! let inputs = ingestor.expand(&[Input::Path(dir.clone())]);
//! let records: Vec<_> = inputs.into_iter().flat_map(|i| ingestor.read(i)).collect();
//! assert_eq!(records.len(), 4);
//! assert_eq!(records[0].as_ref().unwrap().id(), "a");
//! assert_eq!(records[1].as_ref().unwrap().id(), "x");
//! assert_eq!(records[2].as_ref().unwrap_err().line, Some(2));
//! let page = records[3].as_ref().unwrap();
//! assert_eq!(page.text(), "“We will rebuild the pier,” the mayor said on Friday.");
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```

mod date;
mod decode;
mod error;
mod html;
mod jsonl;
mod lang;
mod meta;
mod text;

use std::fmt;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use newsquotes_document::Document;

pub use date::parse_date;
pub use error::{IngestError, IngestErrorKind};
pub use html::{extract_html, html_paragraphs, HtmlArticle, HtmlExtractor};
pub use text::analyse_text;

use error::err;

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

/// One document or one error.
pub type Record = Result<Document, IngestError>;

/// An item read by [`Ingestor::read_pending`], or the error that stopped it.
pub type PendingRecord = Result<Pending, IngestError>;

/// One input item read but not yet turned into a document: see [`Ingestor::read_pending`].
#[derive(Debug, Clone)]
pub struct Pending {
    name: String,
    item: Item,
}

#[derive(Debug, Clone)]
enum Item {
    /// A whole file (decompressed).
    File {
        id: String,
        bytes: Vec<u8>,
        format: Format,
    },
    /// One line of a JSONL input.
    JsonLine { line: u64, bytes: Vec<u8> },
}

impl Pending {
    /// The input it came from (path or `-`).
    pub fn input(&self) -> &str {
        &self.name
    }

    /// Its line, for a JSONL input (1-based).
    pub fn line(&self) -> Option<u64> {
        match self.item {
            Item::JsonLine { line, .. } => Some(line),
            Item::File { .. } => None,
        }
    }

    /// Its size in bytes.
    pub fn len(&self) -> usize {
        match &self.item {
            Item::File { bytes, .. } | Item::JsonLine { bytes, .. } => bytes.len(),
        }
    }

    /// True when it holds no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Reads inputs into documents.
#[derive(Debug, Clone)]
pub struct Ingestor {
    /// Per-document size limit in bytes (for JSONL, per line).
    pub max_bytes: u64,
    /// Which extractor finds the article text of HTML pages.
    pub html_extractor: HtmlExtractor,
    /// Mark boilerplate lines of plain-text documents and read their header block into metadata.
    pub mark_boilerplate: bool,
}

impl Default for Ingestor {
    fn default() -> Self {
        Ingestor {
            max_bytes: DEFAULT_MAX_BYTES,
            html_extractor: HtmlExtractor::default(),
            mark_boilerplate: true,
        }
    }
}

/// The format of an input, from its name (and, when the name says nothing, its first bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Html,
    Jsonl,
    /// Not known from the name: HTML if it starts like markup, else text.
    Sniff,
}

fn format_of(path: &Path) -> Format {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "jsonl" | "ndjson" => Format::Jsonl,
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "txt" | "text" => Format::Text,
        _ => Format::Sniff,
    }
}

fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match name.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s.to_owned(),
        _ => name.to_owned(),
    }
}

/// True when text starts like markup or holds common HTML tags near its start.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let mut end = text.len().min(65536);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text[..end].to_ascii_lowercase();
    let t = head.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || t.starts_with("<?xml") && head.contains("<html")
    {
        return true;
    }
    const TAGS: [&str; 12] = [
        "<html", "<head>", "<body", "<p>", "<p ", "<div", "<article", "<meta ", "<title>", "<br",
        "<span", "<h1",
    ];
    TAGS.iter().filter(|t| head.contains(**t)).count() >= 2
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

    /// Reads one input (a file or stdin) into records: one for a text or HTML file, one per line
    /// for JSONL. Gzip-compressed inputs are decompressed on the fly.
    ///
    /// This is [`Ingestor::read_pending`] followed by [`Ingestor::finish`] on each item.
    pub fn read(&self, input: Input) -> Box<dyn Iterator<Item = Record> + Send> {
        let ingestor = self.clone();
        Box::new(
            self.read_pending(input)
                .map(move |p| p.and_then(|p| ingestor.finish(p))),
        )
    }

    /// The I/O half of [`Ingestor::read`]: reads one input into items (the bytes of a file, or
    /// one JSONL line each) without decoding them, extracting HTML or marking boilerplate. I/O
    /// errors, missing files and over-size inputs are reported here; a batch runner can read
    /// serially and call [`Ingestor::finish`] (the CPU-heavy half) on a thread pool.
    ///
    /// ```
    /// use newsquotes_ingest::{Ingestor, Input};
    ///
    /// let path = std::env::temp_dir().join(format!("nq-pending-{}.jsonl", std::process::id()));
    /// std::fs::write(&path, "{\"id\": \"a\", \"text\": \"One.\"}\n{\"id\": \"b\", \"text\": \"Two.\"}\n").unwrap();
    /// let ingestor = Ingestor::default();
    /// let pending: Vec<_> = ingestor.read_pending(Input::Path(path.clone())).collect();
    /// let docs: Vec<_> = pending
    ///     .into_iter()
    ///     .map(|p| p.and_then(|p| ingestor.finish(p)).unwrap())
    ///     .collect();
    /// assert_eq!(docs[1].id(), "b");
    /// std::fs::remove_file(&path).unwrap();
    /// ```
    pub fn read_pending(&self, input: Input) -> Box<dyn Iterator<Item = PendingRecord> + Send> {
        let name = input.to_string();
        let once = |kind| -> Box<dyn Iterator<Item = PendingRecord> + Send> {
            Box::new(std::iter::once(Err(err(&name, None, kind))))
        };
        let (raw, mut format, known_size): (Box<dyn Read + Send>, Format, Option<u64>) =
            match &input {
                Input::Stdin => (Box::new(io::stdin()), Format::Sniff, None),
                Input::Path(p) => match fs::File::open(p) {
                    Ok(f) => {
                        let size = f.metadata().ok().map(|m| m.len());
                        if f.metadata().is_ok_and(|m| m.is_dir()) {
                            return once(IngestErrorKind::Io(io::Error::other("is a directory")));
                        }
                        (Box::new(f), format_of(p), size)
                    }
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {
                        return once(IngestErrorKind::NotFound)
                    }
                    Err(e) => return once(IngestErrorKind::Io(e)),
                },
            };
        let mut reader = BufReader::with_capacity(64 * 1024, raw);
        let head = match reader.fill_buf() {
            Ok(h) => h,
            Err(e) => return once(IngestErrorKind::Io(e)),
        };
        let gzip = head.starts_with(&[0x1f, 0x8b]);
        let mut reader: Box<dyn BufRead + Send> = if gzip {
            Box::new(BufReader::with_capacity(
                64 * 1024,
                flate2::bufread::MultiGzDecoder::new(reader),
            ))
        } else {
            // Refuse a plain file over the limit without reading it.
            if let Some(size) = known_size.filter(|&s| s > self.max_bytes) {
                if format != Format::Jsonl {
                    return once(IngestErrorKind::TooLarge {
                        size,
                        limit: self.max_bytes,
                    });
                }
            }
            Box::new(reader)
        };
        if format == Format::Sniff && matches!(input, Input::Stdin) {
            // Stdin holds JSONL when its first non-blank byte opens a JSON object.
            match reader.fill_buf() {
                Ok(b) if b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'{') => {
                    format = Format::Jsonl
                }
                Ok(_) => {}
                Err(e) => return once(IngestErrorKind::Io(e)),
            }
        }
        if format == Format::Jsonl {
            return Box::new(jsonl::JsonlReader::new(name, reader, self.max_bytes));
        }
        let id = match &input {
            Input::Path(p) => stem(p),
            Input::Stdin => "stdin".to_owned(),
        };
        let pending = read_bounded(reader, self.max_bytes)
            .map_err(|kind| err(&name, None, kind))
            .map(|bytes| Pending {
                name,
                item: Item::File { id, bytes, format },
            });
        Box::new(std::iter::once(pending))
    }

    /// The CPU half of [`Ingestor::read`]: decodes, extracts and marks one item read by
    /// [`Ingestor::read_pending`].
    pub fn finish(&self, pending: Pending) -> Record {
        match pending.item {
            Item::File { id, bytes, format } => self.document(&pending.name, id, &bytes, format),
            Item::JsonLine { line, bytes } => jsonl::record(self, &pending.name, line, &bytes),
        }
    }

    /// Turns the bytes of a whole file into a document.
    fn document(&self, name: &str, id: String, bytes: &[u8], format: Format) -> Record {
        let fail = |kind| err(name, None, kind);
        let sniff_html = format == Format::Sniff || format == Format::Html;
        let decoded = decode::decode(bytes, sniff_html).map_err(|e| match e {
            decode::NotText::Empty => fail(IngestErrorKind::Empty),
            decode::NotText::Binary(why) => fail(IngestErrorKind::Binary(why)),
        })?;
        let is_html = match format {
            Format::Html => true,
            Format::Sniff => looks_like_html(&decoded.text),
            _ => false,
        };
        let mut doc = if is_html {
            self.html_document(id, &decoded.text).map_err(fail)?
        } else {
            self.text_document(id, decoded.text.as_str())
        };
        doc.source.path = Some(name.to_owned());
        doc.source.encoding = Some(decoded.encoding.to_owned());
        doc.warnings.splice(0..0, decoded.warnings);
        Ok(doc)
    }

    /// A plain-text document: the text verbatim, boilerplate marked, header read into metadata.
    pub(crate) fn text_document(&self, id: String, text: &str) -> Document {
        let mut doc = Document::new(id, text);
        doc.source.format = Some("text".to_owned());
        if self.mark_boilerplate {
            analyse_text(&mut doc);
        }
        doc.metadata.language = lang::detect_language(text);
        doc
    }

    /// An HTML document: the article text and the page's metadata.
    pub(crate) fn html_document(
        &self,
        id: String,
        html: &str,
    ) -> Result<Document, IngestErrorKind> {
        if !looks_like_html(html) {
            return Err(IngestErrorKind::NotHtml("no HTML markup found".to_owned()));
        }
        // The extractors recurse once per nesting level: a page nested deeper than any real
        // article would overflow the stack and abort the whole process, so refuse it here.
        if let Some(depth) = html::nesting_depth_over(html, html::MAX_NESTING) {
            return Err(IngestErrorKind::TooDeep {
                depth,
                limit: html::MAX_NESTING,
            });
        }
        let truncated = is_truncated(html);
        let article = html::extract_html_checked(html, self.html_extractor);
        // Menus and link lists are not an article: require a paragraph of prose (a longer one
        // when the page is cut off, which often leaves only its header).
        let min_words = if truncated { 10 } else { 6 };
        let prose = article
            .text
            .split("\n\n")
            .any(|p| p.split_whitespace().count() >= min_words);
        if !prose {
            return Err(IngestErrorKind::NoText { truncated });
        }
        let mut doc = Document::new(id, article.text);
        doc.metadata = article.metadata;
        doc.source.url = article.url;
        if self.mark_boilerplate {
            text::mark_extracted(&mut doc);
        }
        if doc.metadata.language.is_none() {
            doc.metadata.language = lang::detect_language(doc.text());
        }
        doc.warnings.extend(article.warnings);
        if truncated {
            doc.warnings.push(
                "the HTML ends before </body> or </html>: the page may be truncated".to_owned(),
            );
        }
        doc.source.format = Some("html".to_owned());
        Ok(doc)
    }
}

/// True when the markup lacks both `</body>` and `</html>` in its last 4 KB.
fn is_truncated(html: &str) -> bool {
    let mut start = html.len().saturating_sub(4096);
    while !html.is_char_boundary(start) {
        start -= 1;
    }
    let tail = html[start..].to_ascii_lowercase();
    !tail.contains("</html") && !tail.contains("</body")
}

/// Reads everything, refusing more than `limit` bytes (only `limit + 1` are ever held).
fn read_bounded(reader: impl Read, limit: u64) -> Result<Vec<u8>, IngestErrorKind> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(IngestErrorKind::Io)?;
    if bytes.len() as u64 > limit {
        return Err(IngestErrorKind::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
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
