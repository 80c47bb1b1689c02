//! brat standoff: `<dir>/<n>_<id>.txt` + `.ann` per document, for annotation tools and for
//! feeding corrected output back to `newsquotes eval`.
//!
//! Offsets are code points. Entities become `T# PER|ORG|LOC|MISC`; each quote becomes
//! `T# Content` (discontinuous pieces joined by `;`), `T# Cue`, `T# Source` and an `Attribution`
//! trigger (the cue, else the first content piece) linked by an `E#` line, as in PolNeAR.
//! File names never come from the input alone: they are a sequence number plus the document id
//! reduced to `[A-Za-z0-9._-]`.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

use newsquotes_document::{Document, Span};

use crate::{CharOffsets, DocumentWriter, OutputError};

/// Writes brat files into a directory.
pub struct BratWriter {
    dir: PathBuf,
    count: usize,
}

impl BratWriter {
    /// Creates the directory if needed.
    pub fn new(dir: impl Into<PathBuf>) -> Result<Self, OutputError> {
        let dir = dir.into();
        fs::create_dir_all(&dir)?;
        Ok(BratWriter { dir, count: 0 })
    }
}

/// A file-name-safe version of a document id (at most 80 chars of `[A-Za-z0-9._-]`, no leading dot).
pub fn safe_name(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    s.trim_start_matches('.').to_owned()
}

fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The `.ann` text of a document.
pub fn ann(doc: &Document) -> String {
    let co = CharOffsets::new(doc.text());
    let c = |b: usize| co.char_index(b);
    let mut out = String::new();
    let mut t = 0;
    let mut e = 0;
    let mut span_line = |out: &mut String, kind: &str, spans: &[Span]| -> usize {
        t += 1;
        let ranges: Vec<String> = spans
            .iter()
            .map(|s| format!("{} {}", c(s.start), c(s.end)))
            .collect();
        let text: Vec<String> = spans.iter().map(|s| clean(doc.slice(*s))).collect();
        let _ = writeln!(out, "T{t}\t{kind} {}\t{}", ranges.join(";"), text.join(" "));
        t
    };
    for ent in doc.entities() {
        span_line(&mut out, ent.label.name(), &[ent.span]);
    }
    for q in doc.quotes() {
        let content = span_line(&mut out, "Content", &q.content);
        let cue = q.cue.map(|s| span_line(&mut out, "Cue", &[s]));
        let source = q
            .speaker_mention
            .map(|m| span_line(&mut out, "Source", &[doc.mentions()[m].span]));
        let trigger = span_line(&mut out, "Attribution", &[q.cue.unwrap_or(q.content[0])]);
        e += 1;
        let _ = write!(out, "E{e}\tAttribution:T{trigger} Content:T{content}");
        if let Some(cue) = cue {
            let _ = write!(out, " Cue:T{cue}");
        }
        if let Some(source) = source {
            let _ = write!(out, " Source:T{source}");
        }
        out.push('\n');
        let _ = writeln!(
            out,
            "#{e}\tAnnotatorNotes E{e}\ttype={} sieve={} confidence={:.3}",
            q.kind.name(),
            clean(&q.sieve),
            q.confidence
        );
    }
    out
}

impl DocumentWriter for BratWriter {
    fn write(&mut self, doc: &Document) -> Result<(), OutputError> {
        self.count += 1;
        let stem = format!("{:06}_{}", self.count, safe_name(doc.id()));
        fs::write(self.dir.join(format!("{stem}.txt")), doc.text())?;
        fs::write(self.dir.join(format!("{stem}.ann")), ann(doc))?;
        Ok(())
    }

    fn finish(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
