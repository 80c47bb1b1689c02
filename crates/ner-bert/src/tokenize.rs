//! Sub-word (WordPiece) ids for the document's words.
//!
//! The document's tokens are the words: each one is split into sub-words on its own, so every
//! sub-word belongs to exactly one document token and entities come back as token ranges whose
//! byte spans are the document's own — lower-casing, accent stripping or `[UNK]` never move an
//! offset.

use std::path::Path;

use rust_tokenizers::tokenizer::{BertTokenizer, Tokenizer as _};
use rust_tokenizers::vocab::Vocab as _;

use crate::model_dir::TokenizerSource;
use crate::Error;

/// At most this many sub-words are kept per word. Only the first one carries the word's label;
/// the rest are context, so a pathological token (a very long URL) cannot blow up the input.
pub const MAX_PIECES_PER_WORD: usize = 32;

/// Ids of the special tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Specials {
    /// `[CLS]`
    pub cls: i64,
    /// `[SEP]`
    pub sep: i64,
    /// `[PAD]`
    pub pad: i64,
    /// `[UNK]`
    pub unk: i64,
}

enum Inner {
    Json(Box<tokenizers::Tokenizer>),
    Vocab(Box<BertTokenizer>),
}

/// A WordPiece tokenizer from `tokenizer.json` or `vocab.txt`.
pub struct WordPiecer {
    inner: Inner,
    specials: Specials,
    vocab_size: usize,
}

impl std::fmt::Debug for WordPiecer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.inner {
            Inner::Json(_) => "tokenizer.json",
            Inner::Vocab(_) => "vocab.txt",
        };
        f.debug_struct("WordPiecer")
            .field("source", &kind)
            .field("specials", &self.specials)
            .field("vocab_size", &self.vocab_size)
            .finish()
    }
}

fn tok_err(path: &Path, message: impl Into<String>) -> Error {
    Error::Tokenizer {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

impl WordPiecer {
    /// Loads the tokenizer.
    pub fn load(source: &TokenizerSource) -> Result<WordPiecer, Error> {
        match source {
            TokenizerSource::Json(path) => {
                let mut t = tokenizers::Tokenizer::from_file(path)
                    .map_err(|e| tok_err(path, e.to_string()))?;
                t.with_truncation(None)
                    .map_err(|e| tok_err(path, e.to_string()))?;
                t.with_padding(None);
                let id = |name: &str| {
                    t.token_to_id(name).map(i64::from).ok_or_else(|| {
                        tok_err(path, format!("no {name} token (not a BERT tokenizer)"))
                    })
                };
                let specials = Specials {
                    cls: id("[CLS]")?,
                    sep: id("[SEP]")?,
                    pad: id("[PAD]")?,
                    unk: id("[UNK]")?,
                };
                let vocab_size = t.get_vocab_size(true);
                Ok(WordPiecer {
                    inner: Inner::Json(Box::new(t)),
                    specials,
                    vocab_size,
                })
            }
            TokenizerSource::Vocab {
                path,
                lower_case,
                strip_accents,
            } => {
                let t = BertTokenizer::from_file(path, *lower_case, *strip_accents)
                    .map_err(|e| tok_err(path, e.to_string()))?;
                let vocab = t.vocab();
                let id = |name: &str| {
                    vocab
                        .special_values()
                        .get(name)
                        .or_else(|| vocab.values().get(name))
                        .copied()
                        .ok_or_else(|| tok_err(path, format!("no {name} token in the vocabulary")))
                };
                let specials = Specials {
                    cls: id("[CLS]")?,
                    sep: id("[SEP]")?,
                    pad: id("[PAD]")?,
                    unk: id("[UNK]")?,
                };
                let vocab_size = vocab.values().len().max(vocab.special_values().len());
                Ok(WordPiecer {
                    inner: Inner::Vocab(Box::new(t)),
                    specials,
                    vocab_size,
                })
            }
        }
    }

    /// The special tokens' ids.
    pub fn specials(&self) -> Specials {
        self.specials
    }

    /// The number of ids the tokenizer can produce.
    pub fn vocab_size(&self) -> usize {
        self.vocab_size
    }

    /// The sub-word ids of each word: never empty (`[UNK]` for a word that yields no sub-word,
    /// such as one made of control characters), at most [`MAX_PIECES_PER_WORD`].
    pub fn pieces(&self, words: &[&str]) -> Vec<Vec<i64>> {
        let mut out: Vec<Vec<i64>> = vec![Vec::new(); words.len()];
        match &self.inner {
            Inner::Json(t) => {
                // The tokenizer treats each pre-tokenized word on its own (word ids index
                // `words`); on the unlikely error, fall back to one word at a time.
                match t.encode(words.to_vec(), false) {
                    Ok(enc) => {
                        for (&id, w) in enc.get_ids().iter().zip(enc.get_word_ids()) {
                            if let Some(piece) = w.and_then(|w| out.get_mut(w as usize)) {
                                piece.push(i64::from(id));
                            }
                        }
                    }
                    Err(_) => {
                        for (o, w) in out.iter_mut().zip(words) {
                            if let Ok(enc) = t.encode(*w, false) {
                                o.extend(enc.get_ids().iter().map(|&i| i64::from(i)));
                            }
                        }
                    }
                }
            }
            Inner::Vocab(t) => {
                for (o, w) in out.iter_mut().zip(words) {
                    let toks = t.tokenize(w);
                    *o = t.convert_tokens_to_ids(&toks);
                }
            }
        }
        for o in &mut out {
            if o.is_empty() {
                o.push(self.specials.unk);
            }
            o.truncate(MAX_PIECES_PER_WORD);
        }
        out
    }
}
