//! `newsquotes eval`: score a stage against labeled data and print a table.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::ValueEnum;
use newsquotes::ingest::HtmlExtractor;
use newsquotes_eval::{
    all_evaluations, evaluate, summary_table, NerBackend, Options, Outcome, Task,
};

/// Examples shown after `newsquotes eval --help`.
pub const EXAMPLES: &str = "\
Examples:
  newsquotes eval samples                       # tests/samples: quotes, entities, sentences
  newsquotes eval quotes                        # tests/samples and ../shared/data/polnear/dev
  newsquotes eval quotes --data ../shared/data/polnear/train
  newsquotes eval ner --data ../shared/data/conll2003/conll2003_dev.iob2
  newsquotes eval ner --data ../shared/data/conll2003/conll2003_dev.iob2 --ner-model m.bin
  newsquotes eval ner --data ../shared/data/conll2003/conll2003_dev.iob2 --ner bert  # --features bert
  newsquotes eval sentences --json              # machine-readable report
  newsquotes eval ingest --extractor trafilatura --extractor combined
  newsquotes eval all                           # everything present, then a summary table

Missing data is skipped with a notice (exit code 0).";

/// The task to score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EvalTask {
    /// Quotes, cues and speakers (our samples, PolNeAR dev).
    Quotes,
    /// Named entities (our samples, CoNLL-2003 dev, UNER EWT dev).
    Ner,
    /// Sentence boundaries, with the sentencex baseline (our samples, UD EWT).
    Sentences,
    /// Article extraction from HTML, per extractor (the article benchmark).
    Ingest,
    /// Quotes, entities and sentences of tests/samples at once.
    Samples,
    /// Every evaluation whose data is present, then one summary table.
    All,
}

/// Arguments of `newsquotes eval`.
#[derive(clap::Args, Debug)]
#[command(after_help = EXAMPLES)]
pub struct EvalArgs {
    /// The task to score.
    #[arg(value_enum)]
    pub task: EvalTask,
    /// Dataset path(s) instead of the defaults (a samples directory, a brat directory, an IOB2
    /// file, a sentences JSONL file or an article-benchmark directory, by task).
    #[arg(long, value_name = "PATH")]
    pub data: Vec<PathBuf>,
    /// Print a JSON report instead of tables.
    #[arg(long)]
    pub json: bool,
    /// HTML extractor(s) to compare in the ingest task (default: all).
    #[arg(long, value_name = "NAME")]
    pub extractor: Vec<String>,
    /// NER model file (from `newsquotes train ner`) to score on IOB2 data instead of the
    /// embedded model; with `--ner bert`, a model directory (default models/ner-bert).
    #[arg(long, value_name = "FILE")]
    pub ner_model: Option<PathBuf>,
    /// NER backend to score on IOB2 data (`bert` needs a build with `--features bert`).
    #[arg(long, value_enum, default_value_t = NerChoice::Embedded)]
    pub ner: NerChoice,
}

/// The NER backend of `run` and `eval`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NerChoice {
    /// The embedded averaged-perceptron model (pure Rust).
    Embedded,
    /// The transformer model through rust-bert/libtorch (cargo feature `bert`).
    Bert,
}

/// The transformer NER stage from `dir` (default `models/ner-bert`).
#[cfg(feature = "bert")]
pub fn bert_stage(dir: Option<&std::path::Path>) -> Result<Box<dyn newsquotes::Stage>> {
    let dir = dir.unwrap_or(std::path::Path::new("models/ner-bert"));
    newsquotes::bert_ner(dir)
        .with_context(|| format!("cannot load the transformer NER model {}", dir.display()))
}

/// Without the `bert` feature there is no transformer backend.
#[cfg(not(feature = "bert"))]
pub fn bert_stage(_dir: Option<&std::path::Path>) -> Result<Box<dyn newsquotes::Stage>> {
    anyhow::bail!(
        "`--ner bert` needs newsquotes built with the cargo feature `bert` \
         (see scripts/setup-libtorch.sh)"
    )
}

fn task_of(t: EvalTask) -> Option<Task> {
    match t {
        EvalTask::Quotes => Some(Task::Quotes),
        EvalTask::Ner => Some(Task::Ner),
        EvalTask::Sentences => Some(Task::Sentences),
        EvalTask::Ingest => Some(Task::Ingest),
        EvalTask::Samples => Some(Task::Samples),
        EvalTask::All => None,
    }
}

/// Runs the command.
pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let mut opts = Options {
        ner_model: args.ner_model.clone(),
        ner_backend: match args.ner {
            NerChoice::Embedded => NerBackend::Embedded,
            NerChoice::Bert => NerBackend::Bert,
        },
        ..Options::default()
    };
    if !args.extractor.is_empty() {
        opts.extractors = args
            .extractor
            .iter()
            .map(|s| s.parse::<HtmlExtractor>().map_err(anyhow::Error::msg))
            .collect::<Result<_>>()?;
    }
    let jobs: Vec<(Task, PathBuf)> = match task_of(args.task) {
        Some(task) if args.data.is_empty() => task
            .default_paths()
            .into_iter()
            .map(|p| (task, p))
            .collect(),
        Some(task) => args.data.iter().map(|p| (task, p.clone())).collect(),
        None if args.data.is_empty() => all_evaluations(),
        None => {
            anyhow::bail!("`eval all` runs the default datasets; give --data with a single task")
        }
    };
    let mut outcomes = Vec::new();
    for (task, path) in jobs {
        let outcome = evaluate(task, &path, &opts)
            .with_context(|| format!("evaluating {} on {}", task.name(), path.display()))?;
        if !args.json {
            match outcome.skipped_notice() {
                Some(n) => println!("{n}\n"),
                None => {
                    for t in outcome.tables() {
                        println!("{t}");
                    }
                }
            }
        }
        outcomes.push(outcome);
    }
    if args.json {
        let summary: Vec<_> = outcomes.iter().flat_map(Outcome::summary).collect();
        let v = serde_json::json!({"results": outcomes, "summary": summary});
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else if outcomes.len() > 1 {
        println!("{}", summary_table(&outcomes));
    }
    Ok(ExitCode::SUCCESS)
}
