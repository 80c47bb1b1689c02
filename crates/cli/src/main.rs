//! The `newsquotes` command-line tool. See `newsquotes --help`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod eval;
mod explain;
mod run;
mod train;

/// Who said what in news articles: quotes, cues, speakers, entities and sentences.
#[derive(Parser, Debug)]
#[command(name = "newsquotes", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Process articles and write annotated documents (schema v1, code-point offsets).
    #[command(after_help = run::EXAMPLES)]
    Run(run::RunArgs),
    /// Score a stage against labeled data (quotes, ner, sentences, ingest).
    Eval(eval::EvalArgs),
    /// Train a model (ner).
    Train(train::TrainArgs),
    /// Explain each quote: content, cue, speaker mention, resolved speaker, rule and why.
    #[command(after_help = explain::EXAMPLES)]
    Explain(explain::ExplainArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Train(args) => train::run(args),
        Command::Explain(args) => explain::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsquotes: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
