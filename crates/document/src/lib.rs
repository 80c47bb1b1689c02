//! The shared document model of newsquotes.
//!
//! A [`Document`] holds one immutable UTF-8 text and typed annotation layers (paragraphs,
//! boilerplate, sentences, tokens, entities, mentions, speakers, quotes). Every annotation is a
//! [`Span`] of **byte offsets** into the text; conversion to code points happens only at the output
//! edge. Each layer is written once through a validating setter that returns a [`DocumentError`]
//! instead of panicking. Pipeline stages implement [`Stage`].
//!
//! ```
//! use newsquotes_document::{Document, Span, DocumentError, Layer};
//!
//! let mut doc = Document::new("a1", "“Yes,” she said.\n\nNo.");
//! doc.set_paragraphs(vec![Span::new(0, 20), Span::new(22, 25)]).unwrap();
//! assert_eq!(doc.slice(doc.paragraphs()[1]), "No.");
//!
//! // Layers are set once, and bad spans are refused, not panicked on.
//! assert_eq!(
//!     doc.set_paragraphs(vec![]),
//!     Err(DocumentError::AlreadySet { layer: Layer::Paragraphs })
//! );
//! let mut other = Document::new("a2", "“Yes”");
//! assert!(matches!(
//!     other.set_paragraphs(vec![Span::new(1, 3)]),
//!     Err(DocumentError::NotCharBoundary { .. })
//! ));
//! ```

mod doc;
mod error;
pub mod hash;
mod layers;
mod span;
mod stage;
pub mod text;

pub use doc::{Document, Metadata, Source};
pub use error::{DocumentError, StageError};
pub use layers::{
    Boilerplate, BoilerplateKind, Entity, EntityLabel, Gender, Layer, Mention, MentionKind, Quote,
    QuoteKind, Sentence, Speaker, SpeakerLabel, Token, TokenKind,
};
pub use span::{Span, TokenRange};
pub use stage::Stage;

#[cfg(test)]
mod tests;
