//! Transformer named entities for newsquotes: a BERT token-classification model run through
//! [rust-bert](https://docs.rs/rust-bert) on libtorch, behind the cargo feature `bert`.
//!
//! `BertRecognizer` (feature `bert`) is a drop-in replacement for the embedded
//! `newsquotes_ner::Recognizer`: the same [`Stage`](newsquotes_document::Stage) name (`ner`),
//! requirements (sentences, tokens) and output (an entities layer of PER, ORG, LOC and MISC over
//! whole tokens, with scores in `[0, 1]`), so later stages cannot tell the backends apart.
//!
//! - **Model directory**: `config.json` with `id2label`, weights as `model.safetensors` (float32
//!   or float16) or rust-bert's `rust_model.ot`, and `tokenizer.json` (read with the `tokenizers`
//!   crate) or `vocab.txt` (rust-bert's `BertTokenizer`; casing from `tokenizer_config.json`).
//!   [`ModelDir::inspect`] explains what is missing or wrong before libtorch is touched.
//! - **Alignment**: each document token is split into sub-words on its own and takes the
//!   prediction of its first sub-word, so entity spans are exactly the document's token spans,
//!   whatever lower-casing, accent stripping or `[UNK]` did to the sub-words.
//! - **Labels**: BIO/IOB2, IOB1, IO, BILOU and BIOES names (`B-PER`, `I-PERSON`, `U-GPE`,
//!   `E-ORG`...) map to the four CoNLL types; a model with other types is refused at load time.
//! - **Batching**: [`Stage::annotate_batch`](newsquotes_document::Stage::annotate_batch) (and
//!   every document's sentences) go through the model in length-sorted batches.
//! - **Precision**: float32 by default; [`Precision::BFloat16`] (`Options::precision`) runs the
//!   model in bfloat16, which on CPUs with AMX (Intel Xeon 4th generation and later) gave the same
//!   F1 as float32 and 1.4× its speed one sentence at a time, 2.3–2.8× in batches of 32, but is
//!   slower than float32 on CPUs without AMX. [`Precision::detect`] returns the faster one for this CPU; the CLI's
//!   `--bert-precision auto` (its default) uses it.
//! - **Long sentences**: more sub-words than the model's window (512 with `[CLS]`/`[SEP]`) are
//!   cut into overlapping windows; each sub-word takes its prediction from the window where it has
//!   the most context, so no entity is lost or doubled at a window edge.
//!
//! Building with `bert` needs libtorch 2.4: `scripts/setup-libtorch.sh` installs it from PyPI
//! and prints the environment to export. Without the feature this crate only contains the
//! pure-Rust parts (label schemes, windows, model-directory checks). The model trained for
//! newsquotes lives in `models/ner-bert/` (see its README for scores and the rebuild command).
//!
//! ```no_run
//! # #[cfg(feature = "bert")] {
//! use newsquotes_document::{Document, Sentence, Span, Stage, Token, TokenKind, TokenRange};
//! use newsquotes_ner_bert::BertRecognizer;
//!
//! let ner = BertRecognizer::from_dir("models/ner-bert").expect("a model directory");
//! let text = "Grace Adeyemi met union leaders in Lagos";
//! let mut doc = Document::new("d", text);
//! // Tokens and sentences normally come from the segmenter.
//! let mut tokens = Vec::new();
//! let mut at = 0;
//! for w in text.split(' ') {
//!     tokens.push(Token { span: Span::new(at, at + w.len()), kind: TokenKind::Word });
//!     at += w.len() + 1;
//! }
//! let n = tokens.len();
//! doc.set_tokens(tokens).unwrap();
//! doc.set_sentences(vec![Sentence { span: Span::new(0, text.len()), tokens: TokenRange::new(0, n) }])
//!     .unwrap();
//! ner.annotate(&mut doc).unwrap();
//! for e in doc.entities() {
//!     println!("{} {} {:.2}", e.label, doc.slice(e.span), e.score);
//! }
//! # }
//! ```
//!
//! The label handling needs no libtorch and works the same on any model's `id2label`:
//!
//! ```
//! use newsquotes_ner_bert::labels::{decode, LabelMap};
//!
//! let names = ["O", "B-PERSON", "I-PERSON", "U-GPE"];
//! let labels = LabelMap::from_id2label(
//!     &names.iter().enumerate().map(|(i, n)| (i as i64, n.to_string())).collect(),
//! )
//! .unwrap();
//! // Words: "Grace Adeyemi visited Lagos" tagged B-PERSON I-PERSON O U-GPE.
//! let tags = [1, 2, 0, 3].map(|id| Some((labels.tag(id), 0.9)));
//! let found: Vec<_> = decode(&tags).iter().map(|f| (f.start, f.end, f.label.name())).collect();
//! assert_eq!(found, [(0, 2, "PER"), (3, 4, "LOC")]);
//! ```
//!
//! With network access, rust-bert's stock CoNLL-2003 model (`bert-large-cased-finetuned-conll03`)
//! can be used through rust-bert's own `NERModel` after enabling this crate's `remote` feature
//! (rust-bert's `remote`); newsquotes neither needs nor tests that.

use std::path::PathBuf;

pub mod labels;
pub mod model_dir;
mod precision;
pub mod window;

#[cfg(feature = "bert")]
mod backend;
#[cfg(feature = "bert")]
pub mod tokenize;

#[cfg(feature = "bert")]
pub use backend::{BertRecognizer, Options};
pub use labels::{Found, LabelMap, Position, Tag};
pub use model_dir::{ModelDir, TokenizerSource};
pub use precision::Precision;
#[cfg(feature = "bert")]
pub use tch;

/// Why a model could not be loaded or run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The model path is not a directory.
    #[error(
        "{0} is not a directory (a model directory holds config.json, weights and a tokenizer)"
    )]
    NotADirectory(PathBuf),
    /// A required file is missing.
    #[error("{dir}: missing {what}")]
    MissingFile {
        /// The model directory.
        dir: PathBuf,
        /// What is missing.
        what: &'static str,
    },
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// `config.json` (or `tokenizer_config.json`) is not usable.
    #[error("{path}: {message}")]
    Config {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The labels cannot be mapped to PER, ORG, LOC, MISC.
    #[error("labels: {0}")]
    Labels(String),
    /// The tokenizer could not be loaded.
    #[error("tokenizer {path}: {message}")]
    Tokenizer {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The weights could not be loaded or do not fit the config.
    #[error("weights {path}: {message}")]
    Weights {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// libtorch failed while running the model.
    #[error("inference failed: {0}")]
    Inference(String),
}
