//! `newsquotes run`: process articles in a batch.

use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};

use newsquotes::ingest::{HtmlExtractor, Ingestor, Input};
use newsquotes::output::{BratWriter, DocumentWriter, Format, JsonOptions};
use newsquotes::{run_batch_with, BatchOptions, ErrorRecord, Pipeline};

/// Exit code when some inputs failed (the others were written).
pub const EXIT_SOME_FAILED: u8 = 3;
/// Exit code when the run was interrupted (Ctrl-C / SIGTERM).
pub const EXIT_INTERRUPTED: u8 = 130;

/// Help text shown after the options.
pub const EXAMPLES: &str = "\
Examples:
  newsquotes run examples/harbour-strike.txt          one article, pretty JSON on stdout
  newsquotes run articles/ --format jsonl -o out.jsonl --errors errors.jsonl -j 2
  cat batch.jsonl | newsquotes run - --format jsonl   JSONL records {\"id\", \"text\"} from stdin
  newsquotes run articles/ --format html -o report.html
  newsquotes run articles/ --format csv -o quotes.csv  one row per quote
  newsquotes run articles/ --format brat -o brat/      standoff files for annotation tools
  newsquotes run articles/ --format summary            documents, quotes by type, top speakers

Output: offsets are Unicode code points into `text` (schema v1, docs/schema.md). With -o FILE the
output is written to a temporary file and renamed when complete; an interrupted run leaves
FILE.partial (complete, valid, but holding only the documents processed) and never FILE.

Exit codes: 0 all inputs processed; 1 fatal error; 2 usage error; 3 some inputs failed (each
failure is listed on stderr and in --errors FILE), the rest were written; 130 interrupted.";

/// Arguments of `newsquotes run`.
#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// Files, directories (read recursively, in sorted order) or `-` for stdin. `.jsonl` files hold
    /// one record per line: {"id": ..., "text": ...}.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Output format.
    #[arg(short, long, default_value = "json",
          value_parser = ["json", "jsonl", "csv", "tsv", "html", "brat", "summary"])]
    format: String,

    /// Write output to FILE (a directory for --format brat) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Write one JSON error record per failed input to FILE.
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,

    /// Worker threads (0: one per core).
    #[arg(short = 'j', long, default_value_t = 0)]
    threads: usize,

    /// Stop after this stage (later layers are left empty).
    #[arg(long, value_parser = ["segment", "ner", "attribution"])]
    stages: Option<String>,

    /// Per-document size limit in bytes.
    #[arg(long, default_value_t = newsquotes::ingest::DEFAULT_MAX_BYTES)]
    max_bytes: u64,

    /// Load the NER model from FILE instead of the embedded default (see `newsquotes train ner`);
    /// with `--ner bert`, a model directory (default models/ner-bert).
    #[arg(long, value_name = "FILE")]
    ner_model: Option<PathBuf>,

    /// NER backend (`bert` needs a build with `--features bert`).
    #[arg(long, value_enum, default_value_t = crate::eval::NerChoice::Embedded)]
    ner: crate::eval::NerChoice,

    /// Attributions to report: `speech` (acts of saying) or `all` (also the attitudes and
    /// beliefs PolNeAR annotates, from the learned cue sieve; sieve `learned-cue`).
    #[arg(long, value_enum, default_value_t = crate::eval::ScopeChoice::Speech)]
    attributions: crate::eval::ScopeChoice,

    /// Floating-point type of `--ner bert` [default: auto].
    #[arg(long, value_enum, value_name = "PRECISION")]
    bert_precision: Option<crate::eval::PrecisionChoice>,

    /// HTML article extractor.
    #[arg(long, default_value = "combined", value_parser = ["combined", "trafilatura", "dom_smoothie"])]
    html_extractor: String,

    /// Do not detect boilerplate (newsletter prompts, comments, captions...) or the header block
    /// of plain-text pages; every line is article text.
    #[arg(long)]
    no_boilerplate: bool,

    /// Include the tokens layer in json/jsonl output (`"tokens": [{start, end, kind}]`).
    #[arg(long)]
    tokens: bool,

    /// No progress and no summary on stderr (failures are still listed in --errors FILE).
    #[arg(short, long)]
    quiet: bool,
}

/// Where finished output goes: straight to stdout, or to a temporary file renamed at the end.
struct Destination {
    temp: Option<tempfile::NamedTempFile>,
    path: Option<PathBuf>,
}

impl Destination {
    fn create(path: Option<&Path>) -> Result<(Self, Box<dyn Write>)> {
        match path {
            None => Ok((
                Destination {
                    temp: None,
                    path: None,
                },
                Box::new(BufWriter::new(io::stdout().lock())),
            )),
            // Devices, pipes and the like (`-o /dev/null`, `-o /dev/stdout`) are written in place:
            // renaming a file over them would replace the device.
            Some(p) if fs::metadata(p).is_ok_and(|m| !m.is_file() && !m.is_dir()) => Ok((
                Destination {
                    temp: None,
                    path: None,
                },
                Box::new(BufWriter::new(
                    fs::OpenOptions::new()
                        .write(true)
                        .open(p)
                        .with_context(|| format!("cannot open {}", p.display()))?,
                )),
            )),
            Some(p) => {
                let dir = match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                let temp = tempfile::Builder::new()
                    .prefix(".newsquotes-")
                    .tempfile_in(dir)
                    .with_context(|| format!("cannot create a file in {}", dir.display()))?;
                let file = temp.reopen().context("cannot reopen the temporary file")?;
                Ok((
                    Destination {
                        temp: Some(temp),
                        path: Some(p.to_owned()),
                    },
                    Box::new(BufWriter::new(file)),
                ))
            }
        }
    }

    /// Renames the temporary file to its final name (or `NAME.partial` if `partial`).
    fn commit(self, partial: bool) -> Result<Option<PathBuf>> {
        let (Some(temp), Some(path)) = (self.temp, self.path) else {
            return Ok(None);
        };
        let target = if partial {
            let mut name = path.as_os_str().to_owned();
            name.push(".partial");
            PathBuf::from(name)
        } else {
            path
        };
        // Temporary files are created private (0600); give the result ordinary permissions.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = temp
                .as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644));
        }
        temp.persist(&target)
            .with_context(|| format!("cannot write {}", target.display()))?;
        Ok(Some(target))
    }
}

enum Progress {
    Bar(ProgressBar),
    Lines { last: Instant },
    Quiet,
}

impl Progress {
    fn new(quiet: bool) -> Self {
        if quiet {
            Progress::Quiet
        } else if io::stderr().is_terminal() {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {pos} documents ({per_sec}) {elapsed_precise} {msg}",
                )
                .expect("valid template"),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            Progress::Bar(bar)
        } else {
            Progress::Lines {
                last: Instant::now(),
            }
        }
    }

    fn tick(&mut self, done: u64, errors: u64) {
        match self {
            Progress::Bar(bar) => {
                bar.set_position(done);
                if errors > 0 {
                    bar.set_message(format!("{errors} errors"));
                }
            }
            Progress::Lines { last } => {
                if last.elapsed() >= Duration::from_secs(10) {
                    *last = Instant::now();
                    eprintln!("newsquotes: {done} inputs done, {errors} errors");
                }
            }
            Progress::Quiet => {}
        }
    }

    fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// Runs the command.
pub fn run(args: RunArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let format = Format::parse(&args.format).context("unknown format")?;
    let precision = crate::eval::PrecisionChoice::resolve(args.bert_precision, args.ner)?;
    let ner: Option<Box<dyn newsquotes::Stage>> = match &args.ner_model {
        _ if args.ner == crate::eval::NerChoice::Bert => Some(crate::eval::bert_stage(
            args.ner_model.as_deref(),
            precision,
        )?),
        Some(p) => Some(Box::new(
            newsquotes::ner::Recognizer::from_path(p)
                .with_context(|| format!("cannot load the NER model {}", p.display()))?,
        )),
        None => None,
    };
    let pipeline = Pipeline::english_scoped(args.stages.as_deref(), ner, args.attributions.scope())
        .context("unknown stage")?;
    let ingestor = Ingestor {
        max_bytes: args.max_bytes,
        html_extractor: args
            .html_extractor
            .parse::<HtmlExtractor>()
            .map_err(|e| anyhow::anyhow!("{e}"))?,
        mark_boilerplate: !args.no_boilerplate,
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

    let interrupted = Arc::new(AtomicBool::new(false));
    {
        let flag = Arc::clone(&interrupted);
        // Ignore failure: a handler may already be installed when embedded.
        let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    }

    let (destination, mut writer): (Option<Destination>, Box<dyn DocumentWriter>) =
        if format.is_directory() {
            let dir = args
                .output
                .as_ref()
                .context("--format brat writes a directory: give it with -o DIR")?;
            (None, Box::new(BratWriter::new(dir)?))
        } else {
            let (dest, out) = Destination::create(args.output.as_deref())?;
            (
                Some(dest),
                format
                    .writer_with(out, JsonOptions::default().with_tokens(args.tokens))
                    .context("format needs a stream")?,
            )
        };
    let (errors_dest, mut errors_out) = match &args.errors {
        Some(p) => {
            let (d, w) = Destination::create(Some(p))?;
            (Some(d), Some(w))
        }
        None => (None, None),
    };

    // Reading (file I/O, decompression) happens here in order; decoding, HTML extraction and
    // boilerplate detection (`Ingestor::finish`) run in the thread pool.
    let pending = inputs.into_iter().flat_map(|i| ingestor.read_pending(i));
    let options = BatchOptions {
        threads: args.threads,
        ..BatchOptions::default()
    };
    let mut progress = Progress::new(args.quiet);
    let mut write_error: Option<anyhow::Error> = None;
    let mut failed: Vec<ErrorRecord> = Vec::new();
    let mut done = 0u64;
    let prepare = |p: newsquotes::ingest::PendingRecord| p.and_then(|p| ingestor.finish(p));
    let summary = run_batch_with(&pipeline, pending, prepare, &options, |r| {
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
        done += 1;
        progress.tick(done, failed.len() as u64);
        match res {
            Ok(()) => !interrupted.load(Ordering::SeqCst),
            Err(e) => {
                write_error = Some(e);
                false
            }
        }
    });
    progress.finish();
    if let Some(e) = write_error {
        return Err(e.context("writing output failed"));
    }
    writer.finish().context("writing output failed")?;
    drop(writer);
    if let Some(mut w) = errors_out.take() {
        w.flush().context("writing the error report failed")?;
    }
    let was_interrupted = interrupted.load(Ordering::SeqCst);
    let written = match destination {
        Some(d) => d.commit(was_interrupted)?,
        None => None,
    };
    if let Some(d) = errors_dest {
        d.commit(was_interrupted)?;
    }

    let secs = started.elapsed().as_secs_f64();
    if !args.quiet {
        for e in failed.iter().take(20) {
            eprintln!("newsquotes: failed: {e}");
        }
        if failed.len() > 20 {
            eprintln!(
                "newsquotes: ... and {} more failures{}",
                failed.len() - 20,
                if args.errors.is_some() {
                    " (all in the --errors file)"
                } else {
                    " (use --errors FILE for the full list)"
                }
            );
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
    if was_interrupted {
        eprintln!(
            "newsquotes: interrupted; {}",
            match written {
                Some(p) => format!("the documents processed so far are in {}", p.display()),
                None => "output stopped after the documents processed so far".to_owned(),
            }
        );
        return Ok(ExitCode::from(EXIT_INTERRUPTED));
    }
    Ok(if summary.errors > 0 {
        ExitCode::from(EXIT_SOME_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}
