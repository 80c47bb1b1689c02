//! `newsquotes eval`: score a stage against labeled data. Owned by the evaluation issue.

use std::process::ExitCode;

use anyhow::{bail, Result};

/// Arguments of `newsquotes eval`.
#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// The task to score: quotes, ner, sentences or ingest.
    pub task: String,
}

/// Runs the command.
pub fn run(args: EvalArgs) -> Result<ExitCode> {
    bail!(
        "`newsquotes eval {}` is not available in this build yet",
        args.task
    )
}
