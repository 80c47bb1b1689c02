//! `newsquotes eval`: score a stage against labeled data and print a table.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::ValueEnum;
use newsquotes::ingest::HtmlExtractor;
use newsquotes_eval::{
    all_evaluations, evaluate, summary_table, BertPrecision, NerBackend, Options, Outcome, Task,
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
  newsquotes eval ner --ner bert --bert-precision f32   # float32 even on CPUs with AMX
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
    /// Floating-point type of `--ner bert` [default: auto].
    #[arg(long, value_enum, value_name = "PRECISION")]
    pub bert_precision: Option<PrecisionChoice>,

    /// Attributions to score on quote data [default: each dataset's own guideline — `speech`
    /// for tests/samples, `all` for PolNeAR, which annotates attitudes too].
    #[arg(long, value_enum, value_name = "SCOPE")]
    pub attributions: Option<ScopeChoice>,
}

/// The NER backend of `run` and `eval`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NerChoice {
    /// The embedded averaged-perceptron model (pure Rust).
    Embedded,
    /// The transformer model through rust-bert/libtorch (cargo feature `bert`).
    Bert,
}

/// Which attributions `run`, `explain` and `eval` report (`--attributions`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScopeChoice {
    /// Acts of saying: direct, mixed and indirect speech (the rule sieves).
    Speech,
    /// Speech plus the attitudes and beliefs PolNeAR annotates ("is expected to", "support
    /// for"), proposed by the learned cue sieve.
    All,
}

impl ScopeChoice {
    /// The attribution stage's scope.
    pub fn scope(self) -> newsquotes::attribution::Scope {
        match self {
            ScopeChoice::Speech => newsquotes::attribution::Scope::Speech,
            ScopeChoice::All => newsquotes::attribution::Scope::All,
        }
    }
}

/// The floating-point type of the transformer NER (`--bert-precision`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PrecisionChoice {
    /// bfloat16 on CPUs with AMX (Intel Xeon 4th generation and later), float32 elsewhere.
    Auto,
    /// float32 (the reference).
    #[value(name = "f32")]
    F32,
    /// bfloat16: faster on CPUs with AMX, slower elsewhere.
    #[value(name = "bf16")]
    Bf16,
}

impl PrecisionChoice {
    /// `--bert-precision` only means something with `--ner bert`: the precision to use, or an
    /// error when it was given for another backend.
    pub fn resolve(choice: Option<Self>, ner: NerChoice) -> Result<BertPrecision> {
        match (choice, ner) {
            (Some(_), NerChoice::Embedded) => {
                anyhow::bail!("--bert-precision applies to the transformer NER: add `--ner bert`")
            }
            (None | Some(PrecisionChoice::Auto), _) => Ok(BertPrecision::Auto),
            (Some(PrecisionChoice::F32), _) => Ok(BertPrecision::Float32),
            (Some(PrecisionChoice::Bf16), _) => Ok(BertPrecision::BFloat16),
        }
    }
}

/// The transformer NER stage from `dir` (default `models/ner-bert`).
#[cfg(feature = "bert")]
pub fn bert_stage(
    dir: Option<&std::path::Path>,
    precision: BertPrecision,
) -> Result<Box<dyn newsquotes::Stage>> {
    use newsquotes::ner_bert::{Options, Precision};
    let dir = dir.unwrap_or(std::path::Path::new("models/ner-bert"));
    let precision = match precision {
        BertPrecision::Auto => Precision::detect(),
        BertPrecision::Float32 => Precision::Float32,
        BertPrecision::BFloat16 => Precision::BFloat16,
    };
    let options = Options {
        precision,
        ..Options::default()
    };
    newsquotes::bert_ner_with(dir, options)
        .with_context(|| format!("cannot load the transformer NER model {}", dir.display()))
}

/// Without the `bert` feature there is no transformer backend.
#[cfg(not(feature = "bert"))]
pub fn bert_stage(
    _dir: Option<&std::path::Path>,
    _precision: BertPrecision,
) -> Result<Box<dyn newsquotes::Stage>> {
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
        bert_precision: PrecisionChoice::resolve(args.bert_precision, args.ner)?,
        attributions: args.attributions.map(ScopeChoice::scope),
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
