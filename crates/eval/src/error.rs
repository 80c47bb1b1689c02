//! Errors of the evaluation harness.

use std::path::PathBuf;

/// Something that stops an evaluation: unreadable or malformed data, or a stage that fails.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A file or directory cannot be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A data file is malformed.
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Format {
        /// The file.
        path: PathBuf,
        /// The line (1-based), when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A pipeline stage failed on an evaluation document.
    #[error("{stage} failed on {doc}: {message}")]
    Stage {
        /// The stage.
        stage: String,
        /// The document.
        doc: String,
        /// The error.
        message: String,
    },
}

impl EvalError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        EvalError::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn format(
        path: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        EvalError::Format {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}
