//! `newsquotes explain`: for each quote, what was said, the cue, the speaker mention, the
//! resolved speaker, the rule that decided and why.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use newsquotes::attribution::sieve_description;
use newsquotes::document::{Document, Span};
use newsquotes::ingest::{Ingestor, Input};
use newsquotes::Pipeline;

pub const EXAMPLES: &str = "\
Examples:
  newsquotes explain examples/harbour-strike.txt     every quote with its cue, speaker and rule
  cat article.txt | newsquotes explain -";

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// An article (plain text, HTML or a JSONL batch; `-` for stdin). Every document in it is
    /// explained.
    #[arg(value_name = "FILE")]
    path: PathBuf,

    /// Attributions to explain: `speech` or `all` (see `newsquotes run --attributions`).
    #[arg(long, value_enum, default_value_t = crate::eval::ScopeChoice::Speech)]
    attributions: crate::eval::ScopeChoice,
}

pub fn run(args: ExplainArgs) -> Result<ExitCode> {
    let input = if args.path.as_os_str() == "-" {
        Input::Stdin
    } else {
        Input::Path(args.path.clone())
    };
    let pipeline = Pipeline::english_scoped(None, None, args.attributions.scope())
        .expect("the default pipeline");
    let mut stdout = std::io::stdout().lock();
    for record in Ingestor::default().read(input) {
        let mut doc = record.with_context(|| format!("cannot read {}", args.path.display()))?;
        pipeline
            .process(&mut doc)
            .with_context(|| format!("cannot process {}", doc.id()))?;
        stdout.write_all(explain(&doc).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Code-point offsets of a span, as in the JSON output.
fn chars(doc: &Document, s: Span) -> (usize, usize) {
    let text = doc.text();
    let start = text.get(..s.start).map_or(0, |t| t.chars().count());
    let len = text.get(s.start..s.end).map_or(0, |t| t.chars().count());
    (start, start + len)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The explanation of one document's quotes, as text.
pub fn explain(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "document {}: {} quotes, {} speakers",
        doc.id(),
        doc.quotes().len(),
        doc.speakers().len()
    );
    for (i, q) in doc.quotes().iter().enumerate() {
        let _ = writeln!(
            out,
            "\n[{}] {}  sieve {}  confidence {:.2}",
            i + 1,
            q.kind.name(),
            q.sieve,
            q.confidence
        );
        for (k, &c) in q.content.iter().enumerate() {
            let (s, e) = chars(doc, c);
            let label = if k == 0 { "content:" } else { "        +" };
            let _ = writeln!(out, "    {label} {} ({s}–{e})", one_line(doc.slice(c)));
        }
        match q.cue {
            Some(c) => {
                let (s, e) = chars(doc, c);
                let _ = writeln!(out, "    cue:     {} ({s}–{e})", one_line(doc.slice(c)));
            }
            None => {
                let _ = writeln!(out, "    cue:     none");
            }
        }
        let mention = q.speaker_mention.and_then(|m| doc.mentions().get(m));
        match mention {
            Some(m) => {
                let (s, e) = chars(doc, m.span);
                let kind = format!("{:?}", m.kind).to_lowercase();
                let _ = writeln!(
                    out,
                    "    mention: {} ({kind}, {s}–{e})",
                    one_line(doc.slice(m.span))
                );
            }
            None => {
                let _ = writeln!(out, "    mention: none");
            }
        }
        let speaker = q.speaker.and_then(|s| doc.speakers().get(s));
        match speaker {
            Some(sp) => {
                let _ = writeln!(
                    out,
                    "    speaker: #{} {} ({}, {})",
                    q.speaker.unwrap_or(0),
                    sp.name,
                    sp.label.name(),
                    sp.gender.name()
                );
            }
            None => {
                let _ = writeln!(out, "    speaker: unknown");
            }
        }
        let mut why = sieve_description(&q.sieve).to_owned();
        if let (Some(m), Some(sp)) = (mention, speaker) {
            let local = one_line(doc.slice(m.span));
            let others: Vec<String> = sp
                .mentions
                .iter()
                .filter_map(|&k| doc.mentions().get(k))
                .map(|x| one_line(doc.slice(x.span)))
                .collect();
            if local != sp.name {
                let _ = write!(why, "; “{local}” resolved to {}", sp.name);
            }
            if others.len() > 1 {
                let _ = write!(why, "; mentions: {}", others.join(", "));
            }
            if !sp.gender_evidence.is_empty() {
                let _ = write!(why, "; gender evidence: {}", sp.gender_evidence.join(", "));
            }
        }
        let _ = writeln!(out, "    why:     {why}");
    }
    out
}
