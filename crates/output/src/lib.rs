//! Writers for annotated documents: JSON and JSONL in **schema v1** (see `docs/schema.md`), CSV/TSV
//! (a row per quote), a self-contained HTML report, brat standoff and a summary table.
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

mod brat;
mod html;
mod offsets;
mod summary;
mod table;
mod view;

use std::io::{self, Write};

use newsquotes_document::{Document, Span, TokenKind};
use serde::Serialize;

pub use brat::{ann as brat_ann, safe_name, BratWriter};
pub use html::escape as html_escape;
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
struct TokenOut {
    start: usize,
    end: usize,
    kind: &'static str,
}

/// What the JSON formats include beyond the default layers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct JsonOptions {
    /// Include the tokens layer (`"tokens": [{start, end, kind}]`, code-point offsets). Off by
    /// default: tokens make the output several times larger than the text.
    pub tokens: bool,
}

impl JsonOptions {
    /// Options with the tokens layer switched on or off.
    pub fn with_tokens(mut self, tokens: bool) -> Self {
        self.tokens = tokens;
        self
    }
}

fn token_kind_name(k: TokenKind) -> &'static str {
    match k {
        TokenKind::Word => "word",
        TokenKind::Number => "number",
        TokenKind::Quote => "quote",
        TokenKind::Punct => "punct",
        TokenKind::Symbol => "symbol",
        TokenKind::Url => "url",
        _ => "other",
    }
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
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<Vec<TokenOut>>,
    entities: Vec<EntityOut<'a>>,
    speakers: Vec<SpeakerOut<'a>>,
    quotes: Vec<QuoteOut<'a>>,
}

fn build(doc: &Document, opts: JsonOptions) -> DocumentOut<'_> {
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
        tokens: opts.tokens.then(|| {
            doc.tokens()
                .iter()
                .map(|t| TokenOut {
                    start: c(t.span.start),
                    end: c(t.span.end),
                    kind: token_kind_name(t.kind),
                })
                .collect()
        }),
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
    to_json_value_with(doc, JsonOptions::default())
}

/// The schema v1 JSON value of a document, with optional layers.
pub fn to_json_value_with(doc: &Document, opts: JsonOptions) -> serde_json::Value {
    serde_json::to_value(build(doc, opts)).expect("schema v1 structs always serialise")
}

/// Writes one document as a single line of JSON followed by a newline (JSONL).
pub fn write_jsonl<W: Write>(doc: &Document, w: W) -> Result<(), OutputError> {
    write_jsonl_with(doc, w, JsonOptions::default())
}

/// [`write_jsonl`] with optional layers.
pub fn write_jsonl_with<W: Write>(
    doc: &Document,
    mut w: W,
    opts: JsonOptions,
) -> Result<(), OutputError> {
    serde_json::to_writer(&mut w, &build(doc, opts))?;
    w.write_all(b"\n")?;
    Ok(())
}

/// Writes one document as pretty-printed JSON (no trailing newline).
pub fn write_json_pretty<W: Write>(doc: &Document, w: W) -> Result<(), OutputError> {
    write_json_pretty_with(doc, w, JsonOptions::default())
}

/// [`write_json_pretty`] with optional layers.
pub fn write_json_pretty_with<W: Write>(
    doc: &Document,
    w: W,
    opts: JsonOptions,
) -> Result<(), OutputError> {
    serde_json::to_writer_pretty(w, &build(doc, opts))?;
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
    /// One row per quote, comma-separated, with a header.
    Csv,
    /// One row per quote, tab-separated, with a header.
    Tsv,
    /// A self-contained HTML report.
    Html,
    /// brat standoff files in a directory (see [`BratWriter`]).
    Brat,
    /// A plain-text table: documents, quotes by type, top speakers.
    Summary,
}

impl Format {
    /// All formats, with their command-line names.
    pub const ALL: [(&'static str, Format); 7] = [
        ("json", Format::Json),
        ("jsonl", Format::Jsonl),
        ("csv", Format::Csv),
        ("tsv", Format::Tsv),
        ("html", Format::Html),
        ("brat", Format::Brat),
        ("summary", Format::Summary),
    ];

    /// Parses a command-line name.
    pub fn parse(name: &str) -> Option<Format> {
        Self::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, f)| f)
    }

    /// True for formats written into a directory rather than a stream.
    pub fn is_directory(self) -> bool {
        self == Format::Brat
    }

    /// Makes a streaming writer of this format around `w`. For [`Format::Brat`], which writes a
    /// directory, use [`BratWriter::new`]; this returns `None` for it.
    pub fn writer<'w>(self, w: Box<dyn Write + 'w>) -> Option<Box<dyn DocumentWriter + 'w>> {
        self.writer_with(w, JsonOptions::default())
    }

    /// [`Format::writer`] with options for the JSON formats (ignored by the others).
    pub fn writer_with<'w>(
        self,
        w: Box<dyn Write + 'w>,
        opts: JsonOptions,
    ) -> Option<Box<dyn DocumentWriter + 'w>> {
        Some(match self {
            Format::Json => Box::new(JsonArrayWriter { w, count: 0, opts }),
            Format::Jsonl => Box::new(JsonlWriter { w, opts }),
            Format::Csv => Box::new(table::TableWriter::new(w, b',')),
            Format::Tsv => Box::new(table::TableWriter::new(w, b'\t')),
            Format::Html => Box::new(html::HtmlWriter::new(w)),
            Format::Summary => Box::new(summary::SummaryWriter::new(w)),
            Format::Brat => return None,
        })
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
    opts: JsonOptions,
}

impl DocumentWriter for JsonlWriter<'_> {
    fn write(&mut self, doc: &Document) -> Result<(), OutputError> {
        write_jsonl_with(doc, &mut self.w, self.opts)
    }
    fn finish(&mut self) -> Result<(), OutputError> {
        self.w.flush()?;
        Ok(())
    }
}

struct JsonArrayWriter<'w> {
    w: Box<dyn Write + 'w>,
    count: usize,
    opts: JsonOptions,
}

impl DocumentWriter for JsonArrayWriter<'_> {
    fn write(&mut self, doc: &Document) -> Result<(), OutputError> {
        self.w
            .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        write_json_pretty_with(doc, &mut self.w, self.opts)?;
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
    fn tokens_are_written_only_when_asked_for_in_code_points() {
        let text = "Å “ok” 7";
        let mut d = Document::new("t", text);
        let toks = [
            (0, 2, TokenKind::Word),
            (3, 6, TokenKind::Quote),
            (6, 8, TokenKind::Word),
        ];
        let toks: Vec<newsquotes_document::Token> = toks
            .iter()
            .map(|&(s, e, kind)| newsquotes_document::Token {
                span: Span::new(s, e),
                kind,
            })
            .collect();
        d.set_tokens(toks).unwrap();
        let plain = to_json_value(&d);
        assert!(plain.get("tokens").is_none());
        let v = to_json_value_with(&d, JsonOptions::default().with_tokens(true));
        let t = v["tokens"].as_array().unwrap();
        assert_eq!(t.len(), 3);
        // "Å" is 2 bytes but 1 code point; "“" is 3 bytes.
        assert_eq!(t[0]["start"], 0);
        assert_eq!(t[0]["end"], 1);
        assert_eq!(t[1]["start"], 2);
        assert_eq!(t[1]["end"], 3);
        assert_eq!(t[1]["kind"], "quote");
        assert_eq!(t[2]["start"], 3);
    }

    #[test]
    fn json_array_writer_is_valid_json_for_zero_one_and_two_docs() {
        for n in 0..3 {
            let mut buf = Vec::new();
            {
                let mut w = Format::Json.writer(Box::new(&mut buf)).unwrap();
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
            let mut w = Format::Jsonl.writer(Box::new(&mut buf)).unwrap();
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

#[cfg(test)]
mod format_tests {
    use super::*;
    use newsquotes_document::{
        Entity, EntityLabel, Gender, Mention, MentionKind, Quote, QuoteKind, Sentence, Span,
        Speaker, SpeakerLabel, TokenRange,
    };

    /// A document with hostile text and metadata, one entity, one speaker and one split quote.
    fn hostile() -> Document {
        let text = "“<script>alert(1)</script>,” said Ann \"Bo\" Lee, “it's & done.”\nNext, line";
        let mut d = Document::new("../../etc/passwd <x>", text);
        d.metadata.title = Some("<img src=x onerror=alert(1)> \"title\"".into());
        d.metadata.authors = vec!["javascript:alert('x')".into()];
        let find = |s: &str| {
            let i = text.find(s).unwrap();
            Span::new(i, i + s.len())
        };
        let p1 = find("“<script>alert(1)</script>,”");
        let p2 = find("“it's & done.”");
        let who = find("Ann \"Bo\" Lee");
        let cue = find("said");
        d.set_sentences(vec![Sentence {
            span: Span::new(0, p2.end),
            tokens: TokenRange::default(),
        }])
        .unwrap();
        d.set_entities(vec![Entity {
            span: who,
            tokens: TokenRange::default(),
            label: EntityLabel::Per,
            score: 0.9,
        }])
        .unwrap();
        d.set_mentions(vec![Mention {
            span: who,
            kind: MentionKind::Name,
        }])
        .unwrap();
        d.set_speakers(vec![Speaker {
            name: "Ann \"Bo\" Lee <b>".into(),
            label: SpeakerLabel::Person,
            gender: Gender::Female,
            gender_evidence: vec!["pronoun she".into()],
            mentions: vec![0],
        }])
        .unwrap();
        d.set_quotes(vec![Quote {
            kind: QuoteKind::Direct,
            content: vec![p1, p2],
            cue: Some(cue),
            speaker_mention: Some(0),
            speaker: Some(0),
            sieve: "rule<x>".into(),
            confidence: 0.9,
        }])
        .unwrap();
        d
    }

    fn render(format: Format, doc: &Document) -> String {
        let mut buf = Vec::new();
        {
            let mut w = format.writer(Box::new(&mut buf)).unwrap();
            w.write(doc).unwrap();
            w.finish().unwrap();
        }
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn html_escapes_all_text_and_metadata() {
        let html = render(Format::Html, &hostile());
        assert!(!html.contains("<script>"), "raw script tag in report");
        assert!(!html.contains("<img"), "raw img tag in report");
        assert!(!html.contains("<b>"), "raw markup from speaker name");
        assert!(!html.contains("<x>"), "raw markup from id/sieve");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("Ann &quot;Bo&quot; Lee"));
        // The javascript: author is only ever text, never an attribute value.
        assert!(!html.contains("href"));
        assert!(html.contains("javascript:alert(&#39;x&#39;)"));
        // Self-contained: no external resources.
        assert!(!html.contains("src=\"http") && !html.contains("<link"));
        assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    }

    #[test]
    fn csv_quotes_fields_and_joins_split_pieces() {
        let csv = render(Format::Csv, &hostile());
        let mut r = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
        let headers = r.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        let get = |name: &str| rows[0][headers.iter().position(|h| h == name).unwrap()].to_owned();
        assert_eq!(
            get("quote"),
            "“<script>alert(1)</script>,” … “it's & done.”"
        );
        assert_eq!(get("speaker"), "Ann \"Bo\" Lee <b>");
        assert_eq!(get("speaker_mention"), "Ann \"Bo\" Lee");
        assert_eq!(get("cue"), "said");
        assert_eq!(get("start"), "0");
        let tsv = render(Format::Tsv, &hostile());
        assert_eq!(tsv.lines().next().unwrap().split('\t').count(), 17);
    }

    #[test]
    fn csv_of_no_documents_is_just_the_header() {
        let mut buf = Vec::new();
        {
            let mut w = Format::Csv.writer(Box::new(&mut buf)).unwrap();
            w.finish().unwrap();
        }
        assert_eq!(String::from_utf8(buf).unwrap().lines().count(), 1);
    }

    #[test]
    fn brat_ann_links_pieces_cue_and_source_in_code_points() {
        let d = hostile();
        let ann = brat_ann(&d);
        let text: Vec<char> = d.text().chars().collect();
        let mut checked = 0;
        for line in ann.lines().filter(|l| l.starts_with('T')) {
            let mut cols = line.split('\t');
            let _id = cols.next().unwrap();
            let mut head = cols.next().unwrap().splitn(2, ' ');
            let _kind = head.next().unwrap();
            let pieces: Vec<String> = head
                .next()
                .unwrap()
                .split(';')
                .map(|r| {
                    let (s, e) = r.split_once(' ').unwrap();
                    text[s.parse::<usize>().unwrap()..e.parse::<usize>().unwrap()]
                        .iter()
                        .collect()
                })
                .collect();
            assert_eq!(pieces.join(" "), cols.next().unwrap());
            checked += 1;
        }
        assert_eq!(checked, 5, "{ann}");
        assert!(
            ann.contains("E1\tAttribution:T5 Content:T2 Cue:T3 Source:T4"),
            "{ann}"
        );
    }

    #[test]
    fn brat_file_names_cannot_escape_the_directory() {
        assert_eq!(safe_name("../../etc/passwd <x>"), "_.._etc_passwd__x_");
        assert_eq!(safe_name("..."), "");
        let dir = std::env::temp_dir().join(format!("nq-brat-{}", std::process::id()));
        let mut w = BratWriter::new(&dir).unwrap();
        w.write(&hostile()).unwrap();
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2);
        assert!(names.iter().all(|n| n.starts_with("000001_")), "{names:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn summary_counts_quotes_and_speakers() {
        let s = render(Format::Summary, &hostile());
        assert!(s.contains("documents                1"), "{s}");
        assert!(s.contains("  direct                 1"), "{s}");
        assert!(s.contains("Ann \"Bo\" Lee <b>"), "{s}");
    }
}
