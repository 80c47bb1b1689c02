//! newsquotes: who said what in news articles.
//!
//! This facade builds the pipeline (segmentation → named entities → quote and speaker
//! attribution), runs it over batches in parallel with per-document error isolation, and
//! re-exports the stage crates.
//!
//! ```
//! use newsquotes::{Document, Pipeline};
//!
//! let pipeline = Pipeline::english();
//! let mut doc = Document::new("ex", "“We will win,” said Hugh Hill.");
//! pipeline.process(&mut doc).unwrap();
//! let q = &doc.quotes()[0];
//! assert_eq!(doc.slice(q.content[0]), "“We will win,”");
//! ```

mod batch;
mod pipeline;

pub use batch::{run_batch, run_batch_with, BatchItem, BatchOptions, ErrorRecord, Summary};
pub use pipeline::{Pipeline, PipelineBuilder, PipelineError, ProcessError};

pub use newsquotes_attribution as attribution;
pub use newsquotes_document as document;
pub use newsquotes_document::{Document, Layer, Stage};
pub use newsquotes_ingest as ingest;
pub use newsquotes_ner as ner;
#[cfg(feature = "bert")]
pub use newsquotes_ner_bert as ner_bert;
pub use newsquotes_output as output;
pub use newsquotes_segment as segment;

/// The transformer NER stage (feature `bert`) loaded from a model directory, to pass to
/// [`Pipeline::english_with`] in place of the embedded recognizer.
#[cfg(feature = "bert")]
pub fn bert_ner(
    model_dir: impl AsRef<std::path::Path>,
) -> Result<Box<dyn Stage>, newsquotes_ner_bert::Error> {
    Ok(Box::new(newsquotes_ner_bert::BertRecognizer::from_dir(
        model_dir,
    )?))
}

/// [`bert_ner`] with options (batch size, window, precision: see
/// [`ner_bert::Options`](newsquotes_ner_bert::Options)).
#[cfg(feature = "bert")]
pub fn bert_ner_with(
    model_dir: impl AsRef<std::path::Path>,
    options: newsquotes_ner_bert::Options,
) -> Result<Box<dyn Stage>, newsquotes_ner_bert::Error> {
    Ok(Box::new(
        newsquotes_ner_bert::BertRecognizer::from_dir_with(model_dir, options)?,
    ))
}
