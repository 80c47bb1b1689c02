//! Paragraphs, sentences and tokens for news text.
//!
//! [`segment`] is a pure function from text to a [`Segmentation`]; the [`Segmenter`] stage runs
//! it on a [`Document`] and sets its paragraphs, tokens and sentences layers. All spans are byte
//! ranges into the text, on char boundaries; segmentation never fails and never panics on text.
//!
//! * **Paragraphs** follow the scraped-text convention: every non-blank line is a paragraph
//!   (`\n`, `\r\n`, a lone `\r` and the Unicode line/paragraph separators end a line), trimmed.
//! * **Tokens** are Penn-Treebank / CoNLL-2003 compatible: clitics and possessives are split
//!   (`Clinton` `’s`, `do` `n’t`, `soldiers` `’`), hyphenated words, numbers with separators and
//!   decimals, URLs, e-mail addresses and abbreviations with their period (`U.S.`, `Mr.`) are
//!   single tokens, and a sentence-final period is its own token. Tokens cover every
//!   character that is not white space exactly once, so tokens plus the gaps between them
//!   reproduce the text; invisible format characters (zero-width space, direction marks, the
//!   byte-order mark: [`is_space`](newsquotes_document::text::is_space)) fall in the gaps like
//!   white space. [`TokenKind::Quote`](newsquotes_document::TokenKind::Quote) is used only for
//!   quotation marks, never for apostrophes (see [Tokens](#tokens) below).
//! * **Sentences** never cross a paragraph; they handle abbreviations and titles (curated lists
//!   embedded from `models/segment/`), initials, numbers, ellipses, URLs, quotations (a closing
//!   quote after the full stop belongs to the sentence it ends; `“Who, tell me?” she said.` is
//!   one sentence) and list markers.
//!
//! # Tokens
//!
//! Apostrophes and single quote marks are resolved as follows. Inside a word they are part of
//! it, except clitics `’s 're 'll 've 'd 'm n’t`, which are split off as word tokens. A
//! word-final `’`/`'` after `s` is a plural possessive (a punctuation token) unless a single
//! quotation is open and no later single mark in the paragraph could close it; then it closes
//! the quotation. One before exactly two digits (`’90s`, `'08`) is a year elision and part of a
//! number token; `’em ’til ’cause ’bout ’tis ’twas ’n’` are words. Every other one is a
//! quotation mark.
//!
//! ```
//! use newsquotes_document::{Document, Stage, TokenKind};
//! use newsquotes_segment::{segment, Segmenter};
//!
//! let text = "“Who, tell me?” she said. Mr. Smith didn’t answer.\nThe soldiers’ mothers waited.";
//! let seg = segment(text);
//! let sentences: Vec<&str> = seg.sentences.iter().map(|s| s.span.slice(text)).collect();
//! assert_eq!(
//!     sentences,
//!     [
//!         "“Who, tell me?” she said.",
//!         "Mr. Smith didn’t answer.",
//!         "The soldiers’ mothers waited.",
//!     ]
//! );
//! let tokens: Vec<&str> = seg.tokens.iter().map(|t| t.span.slice(text)).collect();
//! assert_eq!(&tokens[10..16], ["Mr.", "Smith", "did", "n’t", "answer", "."]);
//! assert_eq!(seg.tokens[0].kind, TokenKind::Quote);
//!
//! // The same as a pipeline stage.
//! let mut doc = Document::new("d", text);
//! Segmenter::default().annotate(&mut doc).unwrap();
//! assert_eq!(doc.paragraphs().len(), 2);
//! assert_eq!(doc.sentences().len(), 3);
//! ```

mod lexicon;
mod paragraphs;
mod sentences;
mod tokenize;

use newsquotes_document::{Document, Layer, Sentence, Span, Stage, StageError, Token};

pub use paragraphs::paragraphs;

/// The result of [`segment`]: paragraphs, tokens and sentences of one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Paragraph spans: sorted, disjoint, non-empty, trimmed.
    pub paragraphs: Vec<Span>,
    /// Tokens: sorted, disjoint, non-empty; together they cover every character but white space
    /// and invisible format characters ([`newsquotes_document::text::is_space`]).
    pub tokens: Vec<Token>,
    /// Sentences: sorted, disjoint, each inside one paragraph, with its token range.
    pub sentences: Vec<Sentence>,
}

/// Segments `text` into paragraphs, tokens and sentences.
///
/// ```
/// let text = "Shares of Acme Inc. rose 3.5% to $20,100 at 10 a.m. on Monday.";
/// let seg = newsquotes_segment::segment(text);
/// assert_eq!(seg.sentences.len(), 1);
/// let tokens: Vec<&str> = seg.tokens.iter().map(|t| t.span.slice(text)).collect();
/// assert_eq!(
///     tokens,
///     ["Shares", "of", "Acme", "Inc.", "rose", "3.5", "%", "to", "$", "20,100", "at", "10",
///      "a.m.", "on", "Monday", "."]
/// );
/// ```
pub fn segment(text: &str) -> Segmentation {
    let paragraphs = paragraphs(text);
    let mut toks = tokenize::Tokens::default();
    // About one token per five bytes of news text.
    toks.tokens.reserve(text.len() / 5);
    toks.roles.reserve(text.len() / 5);
    let mut sentences = Vec::with_capacity(text.len() / 100);
    for &p in &paragraphs {
        let first = toks.tokens.len();
        tokenize::Tokenizer::run(text, p, &mut toks);
        let last = toks.tokens.len();
        sentences::split(text, &toks.tokens, &toks.roles, first, last, &mut sentences);
    }
    Segmentation {
        paragraphs,
        tokens: toks.tokens,
        sentences,
    }
}

/// The segmentation stage: sets the paragraphs, tokens and sentences layers with [`segment`].
#[derive(Debug, Default, Clone)]
pub struct Segmenter;

impl Segmenter {
    /// Segments `text`; the same as [`segment`].
    pub fn segment(&self, text: &str) -> Segmentation {
        segment(text)
    }
}

impl Stage for Segmenter {
    fn name(&self) -> &str {
        "segment"
    }

    fn requires(&self) -> &[Layer] {
        &[]
    }

    fn produces(&self) -> &[Layer] {
        &[Layer::Paragraphs, Layer::Sentences, Layer::Tokens]
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        let Segmentation {
            paragraphs,
            tokens,
            sentences,
        } = segment(doc.text());
        let name = self.name();
        doc.set_paragraphs(paragraphs)
            .map_err(|e| StageError::layer(name, e))?;
        doc.set_tokens(tokens)
            .map_err(|e| StageError::layer(name, e))?;
        doc.set_sentences(sentences)
            .map_err(|e| StageError::layer(name, e))?;
        Ok(())
    }
}
