//! JSONL batches: one article a line, `{"id", "text"}` or `{"id", "html", "url"}`.

use std::io::{self, BufRead};

use serde_json::Value;

use crate::error::{err, IngestErrorKind};
use crate::{Ingestor, Item, Pending, PendingRecord, Record};

/// Reads JSONL lines (bounded in size) into pending items.
pub(crate) struct JsonlReader {
    name: String,
    lines: Box<dyn BufRead + Send>,
    line: u64,
    max_bytes: u64,
    done: bool,
}

impl JsonlReader {
    pub(crate) fn new(name: String, lines: Box<dyn BufRead + Send>, max_bytes: u64) -> Self {
        JsonlReader {
            name,
            lines,
            line: 0,
            max_bytes,
            done: false,
        }
    }
}

/// What one bounded line read gave.
enum Line {
    Eof,
    /// The line (without its end), complete.
    Full(Vec<u8>),
    /// The line is longer than the limit; it was skipped. Its length.
    Over(u64),
}

/// Reads one line, holding at most `limit + 1` bytes of it; a longer line is consumed and dropped.
fn read_line(r: &mut dyn BufRead, limit: u64) -> io::Result<Line> {
    let mut buf = Vec::new();
    let mut total: u64 = 0;
    let mut any = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, found) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i)),
            None => (chunk, None),
        };
        total += part.len() as u64;
        if total <= limit {
            buf.extend_from_slice(part);
        } else {
            buf = Vec::new();
        }
        let used = found.map_or(chunk.len(), |i| i + 1);
        r.consume(used);
        if found.is_some() {
            break;
        }
    }
    if !any {
        return Ok(Line::Eof);
    }
    if total > limit {
        return Ok(Line::Over(total));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Line::Full(buf))
}

impl Iterator for JsonlReader {
    type Item = PendingRecord;
    fn next(&mut self) -> Option<PendingRecord> {
        loop {
            if self.done {
                return None;
            }
            let line = read_line(&mut *self.lines, self.max_bytes);
            self.line += 1;
            let at = Some(self.line);
            match line {
                Ok(Line::Eof) => return None,
                Ok(Line::Over(size)) => {
                    return Some(Err(err(
                        &self.name,
                        at,
                        IngestErrorKind::TooLarge {
                            size,
                            limit: self.max_bytes,
                        },
                    )))
                }
                Ok(Line::Full(buf)) => {
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(Ok(Pending {
                        name: self.name.clone(),
                        item: Item::JsonLine {
                            line: self.line,
                            bytes: buf,
                        },
                    }));
                }
                Err(e) => {
                    // A read error (a corrupt gzip stream) ends the input.
                    self.done = true;
                    return Some(Err(err(&self.name, at, IngestErrorKind::Io(e))));
                }
            }
        }
    }
}

/// Turns one JSONL line into a document.
pub(crate) fn record(ingestor: &Ingestor, name: &str, line_no: u64, buf: &[u8]) -> Record {
    let line = Some(line_no);
    let fail = |kind| err(name, line, kind);
    let value: Value =
        serde_json::from_slice(buf).map_err(|e| fail(IngestErrorKind::Json(e.to_string())))?;
    let Value::Object(map) = value else {
        return Err(fail(IngestErrorKind::Json("not a JSON object".into())));
    };
    let id = match map.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => format!("{name}:{line_no}"),
    };
    let mut doc = match (map.get("text"), map.get("html")) {
        (Some(Value::String(text)), _) => ingestor.text_document(id, text),
        (_, Some(Value::String(html))) => ingestor.html_document(id, html).map_err(fail)?,
        _ => {
            return Err(fail(IngestErrorKind::Json(
                "missing string field `text` or `html`".into(),
            )))
        }
    };
    if doc.text().trim().is_empty() {
        return Err(fail(IngestErrorKind::Empty));
    }
    doc.source.path = Some(name.to_owned());
    doc.source.line = line;
    doc.source.encoding = Some("UTF-8".to_owned());
    let format = if map.contains_key("text") {
        "jsonl"
    } else {
        "jsonl+html"
    };
    doc.source.format = Some(format.to_owned());
    for (k, v) in map {
        match (k.as_str(), v) {
            ("id" | "text" | "html", _) => {}
            ("url", Value::String(s)) => doc.source.url = Some(s),
            ("title", Value::String(s)) => doc.metadata.title = Some(s),
            ("published" | "date", Value::String(s)) => {
                doc.metadata.published = crate::parse_date(&s).or(Some(s))
            }
            ("publisher", Value::String(s)) => doc.metadata.publisher = Some(s),
            ("language" | "lang", Value::String(s)) => doc.metadata.language = Some(s),
            ("authors" | "author", Value::Array(a)) if a.iter().all(Value::is_string) => {
                doc.metadata.authors = a
                    .iter()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect()
            }
            ("author", Value::String(s)) => doc.metadata.authors = vec![s],
            (_, v) => {
                doc.metadata.extra.insert(k, v.to_string());
            }
        }
    }
    Ok(doc)
}
