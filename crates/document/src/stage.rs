//! The [`Stage`] trait every pipeline stage implements.

use crate::doc::Document;
use crate::error::StageError;
use crate::layers::Layer;

/// A pipeline stage: reads some layers of a [`Document`] and sets others.
///
/// Stages never change the text. A pipeline checks once, when it is built, that every stage's
/// [`requires`](Stage::requires) is produced by an earlier stage.
pub trait Stage: Send + Sync {
    /// A short name ("segment", "ner").
    fn name(&self) -> &str;

    /// Layers that must be set before this stage runs.
    fn requires(&self) -> &[Layer];

    /// Layers this stage sets.
    fn produces(&self) -> &[Layer];

    /// Annotates one document.
    fn annotate(&self, doc: &mut Document) -> Result<(), StageError>;

    /// Annotates several documents; batched stages (a transformer) override this.
    fn annotate_batch(&self, docs: &mut [Document]) -> Vec<Result<(), StageError>> {
        docs.iter_mut().map(|d| self.annotate(d)).collect()
    }

    /// Checks that the layers this stage requires are set on `doc`.
    fn check_requires(&self, doc: &Document) -> Result<(), StageError> {
        match self.requires().iter().find(|l| !doc.has(**l)) {
            Some(&layer) => Err(StageError::MissingLayer {
                stage: self.name().to_owned(),
                layer,
            }),
            None => Ok(()),
        }
    }
}
