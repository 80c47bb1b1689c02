//! `newsquotes run`: process articles in a batch.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};

use newsquotes::ingest::{Ingestor, Input};
use newsquotes::output::Format;
use newsquotes::{run_batch, BatchOptions, Pipeline};

/// Exit code when some inputs failed (the others were written).
pub const EXIT_SOME_FAILED: u8 = 3;

pub const EXAMPLES: &str = "\
Examples:
  newsquotes run examples/kyiv-bakery.txt           one article, pretty JSON on stdout
  newsquotes run articles/ --format jsonl -o out.jsonl --errors errors.jsonl
  cat batch.jsonl | newsquotes run - --format jsonl   JSONL records {\"id\", \"text\"} from stdin

Exit codes: 0 all inputs processed; 1 fatal error (nothing or not all written);
2 usage error; 3 some inputs failed (see --errors), the rest were written.";

#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// Files, directories (read recursively, in sorted order) or `-` for stdin. `.jsonl` files hold
    /// one record per line: {"id": ..., "text": ...}.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Output format.
    #[arg(short, long, default_value = "json", value_parser = ["json", "jsonl"])]
    format: String,

    /// Write output to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Write one JSON error record per failed input to FILE.
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,

    /// Worker threads (0: one per core).
    #[arg(short = 'j', long, default_value_t = 0)]
    threads: usize,

    /// Stop after this stage.
    #[arg(long, value_parser = ["segment", "ner", "attribution"])]
    stages: Option<String>,

    /// Per-document size limit in bytes.
    #[arg(long, default_value_t = newsquotes::ingest::DEFAULT_MAX_BYTES)]
    max_bytes: u64,

    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
}

/// Runs the command.
pub fn run(args: RunArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let format = Format::parse(&args.format).context("unknown format")?;
    let pipeline = Pipeline::english_until(args.stages.as_deref()).context("unknown stage")?;
    let ingestor = Ingestor {
        max_bytes: args.max_bytes,
    };
    let inputs: Vec<Input> = args
        .paths
        .iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                Input::Stdin
            } else {
                Input::Path(p.clone())
            }
        })
        .collect();
    if inputs.iter().filter(|i| **i == Input::Stdin).count() > 1 {
        bail!("`-` (stdin) may be given only once");
    }
    let inputs = ingestor.expand(&inputs);

    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::new(
            fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let mut writer = format.writer(out);
    let mut errors_out = match &args.errors {
        Some(p) => Some(BufWriter::new(
            fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => None,
    };

    let records = inputs.into_iter().flat_map(|i| ingestor.read(i));
    let options = BatchOptions {
        threads: args.threads,
        ..BatchOptions::default()
    };
    let mut write_error: Option<anyhow::Error> = None;
    let mut failed = Vec::new();
    let summary = run_batch(&pipeline, records, &options, |r| {
        let res: Result<()> = match r {
            Ok(doc) => writer.write(&doc).map_err(Into::into),
            Err(e) => {
                let res = match errors_out.as_mut() {
                    Some(w) => serde_json::to_writer(&mut *w, &e)
                        .map_err(anyhow::Error::from)
                        .and_then(|()| w.write_all(b"\n").map_err(Into::into)),
                    None => Ok(()),
                };
                failed.push(e);
                res
            }
        };
        match res {
            Ok(()) => true,
            Err(e) => {
                write_error = Some(e);
                false
            }
        }
    });
    if let Some(e) = write_error {
        return Err(e.context("writing output failed"));
    }
    writer.finish().context("writing output failed")?;
    if let Some(w) = errors_out.as_mut() {
        w.flush().context("writing the error report failed")?;
    }

    let secs = started.elapsed().as_secs_f64();
    if !args.quiet {
        for e in failed.iter().take(20) {
            eprintln!("newsquotes: failed: {e}");
        }
        if failed.len() > 20 {
            eprintln!("newsquotes: ... and {} more failures", failed.len() - 20);
        }
        eprintln!(
            "newsquotes: {} inputs = {} documents written + {} errors; {} quotes, {} speakers; {} words in {:.2}s ({:.0} words/s)",
            summary.inputs,
            summary.documents,
            summary.errors,
            summary.quotes,
            summary.speakers,
            summary.words,
            secs,
            summary.words as f64 / secs.max(1e-9),
        );
    }
    Ok(if summary.errors > 0 {
        ExitCode::from(EXIT_SOME_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}
