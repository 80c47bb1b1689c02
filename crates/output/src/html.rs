//! `html`: one self-contained report page (no external assets).
//!
//! Per article: title and metadata, a speaker table, and the text with quotes highlighted in a
//! colour per speaker, cues and entities marked, boilerplate greyed; hovering a quote shows its
//! speaker, mention, rule and confidence. Every piece of article text and metadata is escaped.

use std::io::Write;

use newsquotes_document::{Document, Span};

use crate::view::{mention_text, speaker_name};
use crate::{DocumentWriter, OutputError};

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body{font:16px/1.55 Georgia,serif;margin:0;background:#f4f2ee;color:#222}
header.top{background:#1f2a37;color:#fff;padding:14px 28px;font-family:system-ui,sans-serif}
header.top h1{margin:0;font-size:20px}
article{background:#fff;max-width:920px;margin:24px auto;padding:24px 32px;border-radius:6px;box-shadow:0 1px 4px #0002}
article h2{font-family:system-ui,sans-serif;margin:0 0 4px}
.meta{color:#666;font:13px system-ui,sans-serif;margin-bottom:12px}
table.speakers{border-collapse:collapse;font:13px system-ui,sans-serif;margin:8px 0 18px}
table.speakers td,table.speakers th{border-bottom:1px solid #ddd;padding:3px 10px;text-align:left}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:middle}
.text{white-space:pre-wrap}
.q{border-radius:3px;padding:1px 0}
.q.none{background:#e6e6e6}
.cue{font-weight:bold;text-decoration:underline;text-decoration-thickness:2px}
.ent{border-bottom:2px dotted #555}
.ent[data-label=PER]{border-bottom-color:#b5179e}
.ent[data-label=ORG]{border-bottom-color:#0077b6}
.ent[data-label=LOC]{border-bottom-color:#2a9d8f}
.spk{outline:2px solid #0008;border-radius:2px}
.bp{color:#aaa}
.legend{font:12px system-ui,sans-serif;color:#555}
"#;

fn colour(i: usize) -> String {
    format!("hsl({},85%,82%)", (i * 137 + 40) % 360)
}

/// Writes an HTML report.
pub(crate) struct HtmlWriter<'w> {
    w: Box<dyn Write + 'w>,
    started: bool,
}

impl<'w> HtmlWriter<'w> {
    pub(crate) fn new(w: Box<dyn Write + 'w>) -> Self {
        HtmlWriter { w, started: false }
    }

    fn start(&mut self) -> Result<(), OutputError> {
        if !self.started {
            self.started = true;
            write!(
                self.w,
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
<title>newsquotes report</title><style>{STYLE}</style></head><body>\n\
<header class=\"top\"><h1>newsquotes — who said what</h1>\
<div class=\"legend\">Quotes are shaded by speaker (grey: no speaker); <span class=\"cue\">cues</span> underlined; \
entities dotted (PER pink, ORG blue, LOC green); speaker mentions outlined; boilerplate grey. \
Hover a quote for its speaker and rule.</div></header>\n"
            )?;
        }
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Quote(usize),
    Cue,
    Entity(usize),
    Mention,
    Boilerplate,
}

fn render_text(doc: &Document) -> String {
    let text = doc.text();
    let mut marks: Vec<(Span, Mark)> = Vec::new();
    for (i, q) in doc.quotes().iter().enumerate() {
        for &c in &q.content {
            marks.push((c, Mark::Quote(i)));
        }
        if let Some(c) = q.cue {
            marks.push((c, Mark::Cue));
        }
        if let Some(m) = q.speaker_mention {
            marks.push((doc.mentions()[m].span, Mark::Mention));
        }
    }
    for (i, e) in doc.entities().iter().enumerate() {
        marks.push((e.span, Mark::Entity(i)));
    }
    for b in doc.boilerplate() {
        marks.push((b.span, Mark::Boilerplate));
    }
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (s, _) in &marks {
        cuts.push(s.start);
        cuts.push(s.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    marks.sort_by_key(|(s, _)| s.start);
    let mut out = String::with_capacity(text.len() * 2);
    let mut active: Vec<(Span, Mark)> = Vec::new();
    let mut next = 0;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a == b {
            continue;
        }
        active.retain(|(s, _)| s.end > a);
        while next < marks.len() && marks[next].0.start <= a {
            if marks[next].0.end > a {
                active.push(marks[next]);
            }
            next += 1;
        }
        let piece = escape(&text[a..b]);
        if active.is_empty() {
            out.push_str(&piece);
            continue;
        }
        let mut classes = Vec::new();
        let mut style = String::new();
        let mut title = String::new();
        let mut label = "";
        for &(_, m) in &active {
            match m {
                Mark::Quote(i) => {
                    let q = &doc.quotes()[i];
                    classes.push("q");
                    match q.speaker {
                        Some(s) => style = format!("background:{}", colour(s)),
                        None => classes.push("none"),
                    }
                    title = format!(
                        "{} quote · speaker: {} · mention: {} · rule: {} · confidence {:.2}",
                        q.kind.name(),
                        speaker_name(doc, q).unwrap_or("none"),
                        mention_text(doc, q).unwrap_or("none"),
                        q.sieve,
                        q.confidence
                    );
                }
                Mark::Cue => classes.push("cue"),
                Mark::Mention => classes.push("spk"),
                Mark::Boilerplate => classes.push("bp"),
                Mark::Entity(i) => {
                    classes.push("ent");
                    label = doc.entities()[i].label.name();
                }
            }
        }
        classes.dedup();
        out.push_str("<span class=\"");
        out.push_str(&classes.join(" "));
        out.push('"');
        if !style.is_empty() {
            out.push_str(&format!(" style=\"{}\"", escape(&style)));
        }
        if !label.is_empty() {
            out.push_str(&format!(" data-label=\"{label}\""));
        }
        if !title.is_empty() {
            out.push_str(&format!(" title=\"{}\"", escape(&title)));
        }
        out.push('>');
        out.push_str(&piece);
        out.push_str("</span>");
    }
    out
}

impl DocumentWriter for HtmlWriter<'_> {
    fn write(&mut self, doc: &Document) -> Result<(), OutputError> {
        self.start()?;
        let m = &doc.metadata;
        let title = m.title.as_deref().unwrap_or(doc.id());
        let mut meta = Vec::new();
        if !m.authors.is_empty() {
            meta.push(format!("by {}", escape(&m.authors.join(", "))));
        }
        for v in [&m.published, &m.publisher].into_iter().flatten() {
            meta.push(escape(v));
        }
        if let Some(p) = &doc.source.path {
            meta.push(format!("source: {}", escape(p)));
        }
        meta.push(format!("id: {}", escape(doc.id())));
        writeln!(
            self.w,
            "<article><h2>{}</h2><div class=\"meta\">{}</div>",
            escape(title),
            meta.join(" · ")
        )?;
        let mut counts = vec![0usize; doc.speakers().len()];
        for q in doc.quotes() {
            if let Some(s) = q.speaker {
                counts[s] += 1;
            }
        }
        let unattributed = doc.quotes().iter().filter(|q| q.speaker.is_none()).count();
        writeln!(
            self.w,
            "<table class=\"speakers\"><tr><th></th><th>speaker</th><th>label</th><th>quotes</th><th>gender</th><th>evidence</th><th>mentions</th></tr>"
        )?;
        for (i, s) in doc.speakers().iter().enumerate() {
            let mentions: Vec<String> = s
                .mentions
                .iter()
                .map(|&m| escape(doc.slice(doc.mentions()[m].span)))
                .collect();
            writeln!(
                self.w,
                "<tr><td><span class=\"swatch\" style=\"background:{}\"></span></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                colour(i),
                escape(&s.name),
                s.label.name(),
                counts[i],
                s.gender.name(),
                escape(&s.gender_evidence.join("; ")),
                mentions.join(", ")
            )?;
        }
        writeln!(
            self.w,
            "<tr><td><span class=\"swatch\" style=\"background:#e6e6e6\"></span></td><td><i>no speaker</i></td><td></td><td>{unattributed}</td><td></td><td></td><td></td></tr></table>"
        )?;
        writeln!(
            self.w,
            "<div class=\"text\">{}</div></article>",
            render_text(doc)
        )?;
        Ok(())
    }

    fn finish(&mut self) -> Result<(), OutputError> {
        self.start()?;
        self.w.write_all(b"</body></html>\n")?;
        self.w.flush()?;
        Ok(())
    }
}
