//! Errors of the document model and of stages.

use crate::layers::Layer;
use crate::span::Span;

/// Why a layer was refused by its setter.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DocumentError {
    /// The layer was already set; layers are written once.
    #[error("layer `{layer}` is already set")]
    AlreadySet {
        /// The layer.
        layer: Layer,
    },
    /// A layer this one refers to is not set yet.
    #[error("layer `{layer}` needs layer `{needs}` to be set first")]
    Missing {
        /// The layer being set.
        layer: Layer,
        /// The layer it refers to.
        needs: Layer,
    },
    /// `start > end`.
    #[error("layer `{layer}` item {index}: span {}..{} is inverted", span.start, span.end)]
    Inverted {
        /// The layer.
        layer: Layer,
        /// Index of the item.
        index: usize,
        /// The span.
        span: Span,
    },
    /// The span ends past the text.
    #[error("layer `{layer}` item {index}: span {}..{} is out of bounds (text is {len} bytes)", span.start, span.end)]
    OutOfBounds {
        /// The layer.
        layer: Layer,
        /// Index of the item.
        index: usize,
        /// The span.
        span: Span,
        /// Text length in bytes.
        len: usize,
    },
    /// A span offset falls inside a UTF-8 sequence.
    #[error("layer `{layer}` item {index}: span {}..{} is not on char boundaries", span.start, span.end)]
    NotCharBoundary {
        /// The layer.
        layer: Layer,
        /// Index of the item.
        index: usize,
        /// The span.
        span: Span,
    },
    /// Items are not sorted by start.
    #[error("layer `{layer}` item {index} is not sorted after the previous item")]
    Unsorted {
        /// The layer.
        layer: Layer,
        /// Index of the item.
        index: usize,
    },
    /// Two items overlap where the layer forbids it.
    #[error("layer `{layer}` item {index} overlaps the previous item")]
    Overlap {
        /// The layer.
        layer: Layer,
        /// Index of the item.
        index: usize,
    },
    /// An item is empty where the layer forbids it.
    #[error("layer `{layer}` item {index} is empty")]
    Empty {
        /// The layer.
        layer: Layer,
        /// Index of the item.
        index: usize,
    },
    /// A reference (token range, mention or speaker index) points nowhere.
    #[error("layer `{layer}` item {index}: {what}")]
    BadReference {
        /// The layer.
        layer: Layer,
        /// Index of the item.
        index: usize,
        /// What is wrong.
        what: String,
    },
    /// A score or confidence is outside `[0, 1]` or not a number.
    #[error("layer `{layer}` item {index}: score {value} is not in [0, 1]")]
    BadScore {
        /// The layer.
        layer: Layer,
        /// Index of the item.
        index: usize,
        /// The value.
        value: f32,
    },
}

/// Why a stage failed on a document. Text never makes a stage fail; this is for model, config and
/// invariant errors.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StageError {
    /// A layer the stage produced was refused.
    #[error("stage `{stage}`: {source}")]
    Layer {
        /// The stage.
        stage: String,
        /// The refusal.
        #[source]
        source: DocumentError,
    },
    /// A layer the stage needs is missing.
    #[error("stage `{stage}` needs layer `{layer}`, which is not set")]
    MissingLayer {
        /// The stage.
        stage: String,
        /// The layer.
        layer: Layer,
    },
    /// Any other failure, keeping its source.
    #[error("stage `{stage}`: {source}")]
    Other {
        /// The stage.
        stage: String,
        /// The cause.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
}

impl StageError {
    /// Wraps a layer refusal for a stage.
    pub fn layer(stage: &str, source: DocumentError) -> Self {
        StageError::Layer {
            stage: stage.to_owned(),
            source,
        }
    }
}
