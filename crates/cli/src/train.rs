//! `newsquotes train`: train a model. Owned by the NER issue.

use std::process::ExitCode;

use anyhow::{bail, Result};

/// Arguments of `newsquotes train`.
#[derive(clap::Args, Debug)]
pub struct TrainArgs {
    /// What to train: ner.
    pub what: String,
}

/// Runs the command.
pub fn run(args: TrainArgs) -> Result<ExitCode> {
    bail!(
        "`newsquotes train {}` is not available in this build yet",
        args.what
    )
}
