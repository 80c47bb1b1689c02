//! Writers for annotated documents: JSON and JSONL in **schema v1** (see `docs/schema.md`).
//!
//! All offsets in the output are Unicode **code-point** indices into `text`, end exclusive
//! (`"offset_unit": "char"`); inside the pipeline they are byte offsets.
//!
//! ```
//! use newsquotes_document::{Document, Span};
//! use newsquotes_output::to_json_value;
//!
//! let mut doc = Document::new("d", "“Hé”");
//! doc.set_paragraphs(vec![Span::new(0, "“Hé”".len())]).unwrap();
//! let v = to_json_value(&doc);
//! assert_eq!(v["schema_version"], 1);
//! assert_eq!(v["paragraphs"][0]["end"], 4); // four code points, eight bytes
//! ```

mod offsets;

use std::io::{self, Write};

use newsquotes_document::{Document, Span};
use serde::Serialize;

pub use offsets::CharOffsets;

/// The schema version this crate writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Output errors.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputError {
    /// Writing failed.
    #[error("cannot write output: {0}")]
    Io(#[from] io::Error),
    /// Serialising failed.
    #[error("cannot serialise: {0}")]
    Json(#[from] serde_json::Error),
}

#[derive(Serialize)]
struct SpanOut {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct TextSpanOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct BoilerplateOut {
    start: usize,
    end: usize,
    kind: &'static str,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    start: usize,
    end: usize,
    label: &'static str,
    text: &'a str,
    score: f32,
}

#[derive(Serialize)]
struct SpeakerOut<'a> {
    id: usize,
    name: &'a str,
    label: &'static str,
    gender: &'static str,
    gender_evidence: &'a [String],
    mentions: Vec<TextSpanOut<'a>>,
}

#[derive(Serialize)]
struct SpeakerMentionOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    speaker_id: Option<usize>,
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    content: Vec<TextSpanOut<'a>>,
    cue: Option<TextSpanOut<'a>>,
    speaker: Option<SpeakerMentionOut<'a>>,
    sieve: &'a str,
    confidence: f32,
}

#[derive(Serialize)]
struct MetadataOut<'a> {
    title: Option<&'a str>,
    authors: &'a [String],
    published: Option<&'a str>,
    publisher: Option<&'a str>,
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    extra: &'a std::collections::BTreeMap<String, String>,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    path: Option<&'a str>,
    line: Option<u64>,
    url: Option<&'a str>,
    format: Option<&'a str>,
    encoding: Option<&'a str>,
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    schema_version: u32,
    id: &'a str,
    source: SourceOut<'a>,
    metadata: MetadataOut<'a>,
    text: &'a str,
    offset_unit: &'static str,
    warnings: &'a [String],
    paragraphs: Vec<SpanOut>,
    boilerplate: Vec<BoilerplateOut>,
    sentences: Vec<SpanOut>,
    entities: Vec<EntityOut<'a>>,
    speakers: Vec<SpeakerOut<'a>>,
    quotes: Vec<QuoteOut<'a>>,
}

fn build(doc: &Document) -> DocumentOut<'_> {
    let co = CharOffsets::new(doc.text());
    let c = |b: usize| co.char_index(b);
    let plain = |s: &Span| SpanOut {
        start: c(s.start),
        end: c(s.end),
    };
    let with_text = |s: &Span| TextSpanOut {
        start: c(s.start),
        end: c(s.end),
        text: doc.slice(*s),
    };
    let speaker_of_mention = |m: usize| doc.speakers().iter().position(|s| s.mentions.contains(&m));
    DocumentOut {
        schema_version: SCHEMA_VERSION,
        id: doc.id(),
        source: SourceOut {
            path: doc.source.path.as_deref(),
            line: doc.source.line,
            url: doc.source.url.as_deref(),
            format: doc.source.format.as_deref(),
            encoding: doc.source.encoding.as_deref(),
        },
        metadata: MetadataOut {
            title: doc.metadata.title.as_deref(),
            authors: &doc.metadata.authors,
            published: doc.metadata.published.as_deref(),
            publisher: doc.metadata.publisher.as_deref(),
            language: doc.metadata.language.as_deref(),
            extra: &doc.metadata.extra,
        },
        text: doc.text(),
        offset_unit: "char",
        warnings: &doc.warnings,
        paragraphs: doc.paragraphs().iter().map(plain).collect(),
        boilerplate: doc
            .boilerplate()
            .iter()
            .map(|b| BoilerplateOut {
                start: c(b.span.start),
                end: c(b.span.end),
                kind: b.kind.name(),
            })
            .collect(),
        sentences: doc.sentences().iter().map(|s| plain(&s.span)).collect(),
        entities: doc
            .entities()
            .iter()
            .map(|e| EntityOut {
                start: c(e.span.start),
                end: c(e.span.end),
                label: e.label.name(),
                text: doc.slice(e.span),
                score: e.score,
            })
            .collect(),
        speakers: doc
            .speakers()
            .iter()
            .enumerate()
            .map(|(id, s)| SpeakerOut {
                id,
                name: &s.name,
                label: s.label.name(),
                gender: s.gender.name(),
                gender_evidence: &s.gender_evidence,
                mentions: s
                    .mentions
                    .iter()
                    .map(|&m| with_text(&doc.mentions()[m].span))
                    .collect(),
            })
            .collect(),
        quotes: doc
            .quotes()
            .iter()
            .map(|q| QuoteOut {
                kind: q.kind.name(),
                content: q.content.iter().map(with_text).collect(),
                cue: q.cue.as_ref().map(with_text),
                speaker: q.speaker_mention.map(|m| {
                    let span = doc.mentions()[m].span;
                    SpeakerMentionOut {
                        start: c(span.start),
                        end: c(span.end),
                        text: doc.slice(span),
                        speaker_id: q.speaker.or_else(|| speaker_of_mention(m)),
                    }
                }),
                sieve: &q.sieve,
                confidence: q.confidence,
            })
            .collect(),
    }
}

/// The schema v1 JSON value of a document.
pub fn to_json_value(doc: &Document) -> serde_json::Value {
    serde_json::to_value(build(doc)).expect("schema v1 structs always serialise")
}

/// Writes one document as a single line of JSON followed by a newline (JSONL).
pub fn write_jsonl<W: Write>(doc: &Document, mut w: W) -> Result<(), OutputError> {
    serde_json::to_writer(&mut w, &build(doc))?;
    w.write_all(b"\n")?;
    Ok(())
}

/// Writes one document as pretty-printed JSON (no trailing newline).
pub fn write_json_pretty<W: Write>(doc: &Document, w: W) -> Result<(), OutputError> {
    serde_json::to_writer_pretty(w, &build(doc))?;
    Ok(())
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// A pretty-printed JSON array of schema v1 documents.
    Json,
    /// One schema v1 document per line.
    Jsonl,
}

impl Format {
    /// All formats, with their command-line names.
    pub const ALL: [(&'static str, Format); 2] = [("json", Format::Json), ("jsonl", Format::Jsonl)];

    /// Parses a command-line name.
    pub fn parse(name: &str) -> Option<Format> {
        Self::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, f)| f)
    }

    /// Makes a streaming writer of this format around `w`.
    pub fn writer<'w>(self, w: Box<dyn Write + 'w>) -> Box<dyn DocumentWriter + 'w> {
        match self {
            Format::Json => Box::new(JsonArrayWriter { w, count: 0 }),
            Format::Jsonl => Box::new(JsonlWriter { w }),
        }
    }
}

/// A streaming writer: documents go in one at a time, in order; `finish` closes the output.
pub trait DocumentWriter {
    /// Writes one document.
    fn write(&mut self, doc: &Document) -> Result<(), OutputError>;
    /// Completes the output (closing brackets, footers) and flushes.
    fn finish(&mut self) -> Result<(), OutputError>;
}

struct JsonlWriter<'w> {
    w: Box<dyn Write + 'w>,
}

impl DocumentWriter for JsonlWriter<'_> {
    fn write(&mut self, doc: &Document) -> Result<(), OutputError> {
        write_jsonl(doc, &mut self.w)
    }
    fn finish(&mut self) -> Result<(), OutputError> {
        self.w.flush()?;
        Ok(())
    }
}

struct JsonArrayWriter<'w> {
    w: Box<dyn Write + 'w>,
    count: usize,
}

impl DocumentWriter for JsonArrayWriter<'_> {
    fn write(&mut self, doc: &Document) -> Result<(), OutputError> {
        self.w
            .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        write_json_pretty(doc, &mut self.w)?;
        self.count += 1;
        Ok(())
    }
    fn finish(&mut self) -> Result<(), OutputError> {
        self.w
            .write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        self.w.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_array_writer_is_valid_json_for_zero_one_and_two_docs() {
        for n in 0..3 {
            let mut buf = Vec::new();
            {
                let mut w = Format::Json.writer(Box::new(&mut buf));
                for i in 0..n {
                    w.write(&Document::new(format!("d{i}"), "x")).unwrap();
                }
                w.finish().unwrap();
            }
            let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
            assert_eq!(v.as_array().unwrap().len(), n);
        }
    }

    #[test]
    fn jsonl_writer_writes_one_line_per_doc() {
        let mut buf = Vec::new();
        {
            let mut w = Format::Jsonl.writer(Box::new(&mut buf));
            w.write(&Document::new("a", "x\ny")).unwrap();
            w.write(&Document::new("b", "z")).unwrap();
            w.finish().unwrap();
        }
        let text = String::from_utf8(buf).unwrap();
        let lines: Vec<_> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let v: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(v["id"], "b");
        assert_eq!(v["offset_unit"], "char");
    }
}
