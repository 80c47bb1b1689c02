//! Named entities (PER, ORG, LOC, MISC) for newsquotes.
//!
//! The [`Recognizer`] stage tags each sentence's tokens with an averaged structured perceptron
//! over BILOU tags, decoded by Viterbi under the valid-transition constraints (no `I-PER`
//! after `O`, no `B-ORG` left open). Features: the word, its lowercase form, shape, prefixes and
//! suffixes; neighbouring words and shapes (±2); capitalisation in context (sentence-initial
//! words, all-caps headlines and datelines); word clusters (k-means over spaCy's
//! `en_core_web_md` vectors); a gazetteer compiled from the training data; and document-level
//! consistency: label-free statistics of how a word is written elsewhere in the article, and a
//! second pass that sees the first-pass labels of the same word elsewhere in the article.
//!
//! Curly quotes and apostrophes are normalised to the straight ones CoNLL uses, so `’s` and
//! `'s` look the same to the model. Each entity's score is a calibrated confidence in `[0, 1]`
//! derived from its Viterbi max-marginal margin.
//!
//! The default model (`models/ner/ner-conll-en.bin`, trained on CoNLL-2003 English by
//! `newsquotes train ner`) is embedded in the binary; [`Recognizer::from_path`] loads another.
//!
//! ```
//! use newsquotes_document::{Document, Sentence, Span, Stage, Token, TokenKind, TokenRange};
//! use newsquotes_ner::Recognizer;
//!
//! let text = "Grace Adeyemi met union leaders in Lagos on Monday.";
//! let mut doc = Document::new("d", text);
//! // Tokens and sentences normally come from the segmenter.
//! let mut tokens = Vec::new();
//! let mut start = None;
//! for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
//!     match (c.is_alphanumeric(), start) {
//!         (true, None) => start = Some(i),
//!         (false, Some(s)) => {
//!             tokens.push(Token { span: Span::new(s, i), kind: TokenKind::Word });
//!             start = None;
//!         }
//!         _ => {}
//!     }
//!     if c == '.' {
//!         tokens.push(Token { span: Span::new(i, i + 1), kind: TokenKind::Punct });
//!     }
//! }
//! let n = tokens.len();
//! doc.set_tokens(tokens).unwrap();
//! doc.set_sentences(vec![Sentence { span: Span::new(0, text.len()), tokens: TokenRange::new(0, n) }])
//!     .unwrap();
//! Recognizer::default().annotate(&mut doc).unwrap();
//! let found: Vec<(&str, &str)> =
//!     doc.entities().iter().map(|e| (doc.slice(e.span), e.label.name())).collect();
//! assert!(found.contains(&("Grace Adeyemi", "PER")));
//! assert!(found.contains(&("Lagos", "LOC")));
//! assert!(doc.entities().iter().all(|e| (0.0..=1.0).contains(&e.score)));
//! ```

use std::io::Read;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use newsquotes_document::{Document, Entity, Layer, Stage, StageError, TokenRange};

mod features;
mod hash;
mod model;
mod tags;
pub mod train;

pub use features::FeatureSet;
pub use model::Model;

/// The default model's bytes (CoNLL-2003 English; see `models/ner/README.md`).
pub static DEFAULT_MODEL: &[u8] = include_bytes!("../../../models/ner/ner-conll-en.bin");

/// Errors from loading models and reading training data.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The data is not a valid model file or training file.
    #[error("invalid data: {0}")]
    Format(String),
}

/// The named-entity stage: requires sentences and tokens, produces entities.
#[derive(Debug, Clone)]
pub struct Recognizer {
    model: Arc<Model>,
}

impl Default for Recognizer {
    /// The embedded default model, parsed once per process.
    fn default() -> Self {
        static DEFAULT: OnceLock<Arc<Model>> = OnceLock::new();
        let model = DEFAULT.get_or_init(|| {
            Arc::new(
                Model::from_bytes(DEFAULT_MODEL)
                    .expect("the embedded NER model is valid (checked by the crate's tests)"),
            )
        });
        Recognizer {
            model: Arc::clone(model),
        }
    }
}

impl Recognizer {
    /// A recognizer using `model`.
    pub fn new(model: Model) -> Self {
        Recognizer {
            model: Arc::new(model),
        }
    }

    /// Loads a model file written by `newsquotes train ner`.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self, Error> {
        let bytes = std::fs::read(path)?;
        Ok(Self::new(Model::from_bytes(&bytes)?))
    }

    /// Loads a model from a reader.
    pub fn from_reader(mut reader: impl Read) -> Result<Self, Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes)?;
        Ok(Self::new(Model::from_bytes(&bytes)?))
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Finds the entities of a document: one entry per sentence, each a list of token ranges
    /// within the sentence (end exclusive), labels and scores. Useful without a [`Document`].
    pub fn tag_sentences(
        &self,
        sentences: &[Vec<&str>],
    ) -> Vec<Vec<(usize, usize, newsquotes_document::EntityLabel, f32)>> {
        self.model
            .tag_document(sentences)
            .into_iter()
            .map(|fs| {
                fs.into_iter()
                    .map(|f| (f.start, f.end, tags::TYPES[f.ty], f.score))
                    .collect()
            })
            .collect()
    }
}

impl Stage for Recognizer {
    fn name(&self) -> &str {
        "ner"
    }

    fn requires(&self) -> &[Layer] {
        &[Layer::Sentences, Layer::Tokens]
    }

    fn produces(&self) -> &[Layer] {
        &[Layer::Entities]
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        self.check_requires(doc)?;
        let sents = doc.sentences();
        let words: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| {
                (s.tokens.start..s.tokens.end)
                    .map(|i| doc.token_text(i))
                    .collect()
            })
            .collect();
        let found = self.model.tag_document(&words);
        let mut out = Vec::new();
        for (s, fs) in sents.iter().zip(found) {
            for f in fs {
                let range = TokenRange::new(s.tokens.start + f.start, s.tokens.start + f.end);
                out.push(Entity {
                    span: doc.token_span(range),
                    tokens: range,
                    label: tags::TYPES[f.ty],
                    score: f.score.clamp(0.0, 1.0),
                });
            }
        }
        doc.set_entities(out)
            .map_err(|e| StageError::layer("ner", e))
    }
}

#[cfg(test)]
mod tests;
