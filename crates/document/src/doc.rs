//! The [`Document`]: one immutable text and its layers.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::error::DocumentError;
use crate::layers::*;
use crate::span::{Span, TokenRange};

/// Where a document came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Source {
    /// The input path (`-` for stdin).
    pub path: Option<String>,
    /// The line in a JSONL input (1-based).
    pub line: Option<u64>,
    /// The article's URL, when known.
    pub url: Option<String>,
    /// The input format ("text", "html", "jsonl").
    pub format: Option<String>,
    /// The character encoding the input was decoded from.
    pub encoding: Option<String>,
}

/// What the article says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Metadata {
    /// Headline.
    pub title: Option<String>,
    /// Authors, without "By".
    pub authors: Vec<String>,
    /// Publication date and time, ISO 8601.
    pub published: Option<String>,
    /// Publisher or site name.
    pub publisher: Option<String>,
    /// Language code ("en").
    pub language: Option<String>,
    /// Other fields of the input record, as JSON text.
    pub extra: BTreeMap<String, String>,
}

/// A document: an immutable text, its metadata, and annotation layers set once each.
///
/// Every annotation is a [`Span`] of byte offsets into [`Document::text`]. Setters validate: spans are
/// in bounds, on char boundaries, `start <= end`, sorted, and disjoint where the layer demands it.
#[derive(Clone, Debug)]
pub struct Document {
    id: String,
    text: Arc<str>,
    /// Where the document came from.
    pub source: Source,
    /// Title, authors, date, publisher, language.
    pub metadata: Metadata,
    /// Non-fatal problems met while reading or processing (e.g. invalid bytes replaced).
    pub warnings: Vec<String>,
    paragraphs: Option<Vec<Span>>,
    boilerplate: Option<Vec<Boilerplate>>,
    sentences: Option<Vec<Sentence>>,
    tokens: Option<Vec<Token>>,
    entities: Option<Vec<Entity>>,
    mentions: Option<Vec<Mention>>,
    speakers: Option<Vec<Speaker>>,
    quotes: Option<Vec<Quote>>,
}

/// How strictly a layer's spans must be ordered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    /// Sorted by start and pairwise disjoint.
    Disjoint,
    /// Sorted by (start, end); overlaps allowed.
    Sorted,
}

impl Document {
    /// Creates a document with no layers.
    pub fn new(id: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            source: Source::default(),
            metadata: Metadata::default(),
            warnings: Vec::new(),
            paragraphs: None,
            boilerplate: None,
            sentences: None,
            tokens: None,
            entities: None,
            mentions: None,
            speakers: None,
            quotes: None,
        }
    }

    /// The document's identifier.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The document's text. It never changes.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text a span covers.
    ///
    /// # Panics
    /// If the span is not valid for this text. Spans taken from this document's layers always are.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// True when the layer has been set.
    pub fn has(&self, layer: Layer) -> bool {
        match layer {
            Layer::Paragraphs => self.paragraphs.is_some(),
            Layer::Boilerplate => self.boilerplate.is_some(),
            Layer::Sentences => self.sentences.is_some(),
            Layer::Tokens => self.tokens.is_some(),
            Layer::Entities => self.entities.is_some(),
            Layer::Mentions => self.mentions.is_some(),
            Layer::Speakers => self.speakers.is_some(),
            Layer::Quotes => self.quotes.is_some(),
        }
    }

    /// Paragraph spans (empty if unset).
    pub fn paragraphs(&self) -> &[Span] {
        self.paragraphs.as_deref().unwrap_or(&[])
    }
    /// Boilerplate regions (empty if unset).
    pub fn boilerplate(&self) -> &[Boilerplate] {
        self.boilerplate.as_deref().unwrap_or(&[])
    }
    /// Sentences (empty if unset).
    pub fn sentences(&self) -> &[Sentence] {
        self.sentences.as_deref().unwrap_or(&[])
    }
    /// Tokens (empty if unset).
    pub fn tokens(&self) -> &[Token] {
        self.tokens.as_deref().unwrap_or(&[])
    }
    /// Named entities (empty if unset).
    pub fn entities(&self) -> &[Entity] {
        self.entities.as_deref().unwrap_or(&[])
    }
    /// Speaker mentions (empty if unset).
    pub fn mentions(&self) -> &[Mention] {
        self.mentions.as_deref().unwrap_or(&[])
    }
    /// Speakers (empty if unset).
    pub fn speakers(&self) -> &[Speaker] {
        self.speakers.as_deref().unwrap_or(&[])
    }
    /// Quotes (empty if unset).
    pub fn quotes(&self) -> &[Quote] {
        self.quotes.as_deref().unwrap_or(&[])
    }

    /// True when `pos` (a byte offset) falls inside a boilerplate region.
    pub fn is_boilerplate(&self, pos: usize) -> bool {
        let b = self.boilerplate();
        let i = b.partition_point(|r| r.span.end <= pos);
        b.get(i)
            .is_some_and(|r| r.span.start <= pos && pos < r.span.end)
    }

    /// The text of the token at index `i`.
    pub fn token_text(&self, i: usize) -> &str {
        self.slice(self.tokens()[i].span)
    }

    /// The span covered by a range of tokens (empty span at 0 for an empty range).
    pub fn token_span(&self, range: TokenRange) -> Span {
        let t = self.tokens();
        if range.is_empty() || range.end > t.len() {
            return Span::default();
        }
        Span::new(t[range.start].span.start, t[range.end - 1].span.end)
    }

    fn check_span(&self, layer: Layer, index: usize, span: Span) -> Result<(), DocumentError> {
        if span.start > span.end {
            return Err(DocumentError::Inverted { layer, index, span });
        }
        if span.end > self.text.len() {
            return Err(DocumentError::OutOfBounds {
                layer,
                index,
                span,
                len: self.text.len(),
            });
        }
        if !self.text.is_char_boundary(span.start) || !self.text.is_char_boundary(span.end) {
            return Err(DocumentError::NotCharBoundary { layer, index, span });
        }
        Ok(())
    }

    fn check_spans<'a>(
        &self,
        layer: Layer,
        spans: impl IntoIterator<Item = &'a Span>,
        order: Order,
        allow_empty: bool,
    ) -> Result<(), DocumentError> {
        let mut prev: Option<Span> = None;
        for (index, &span) in spans.into_iter().enumerate() {
            self.check_span(layer, index, span)?;
            if !allow_empty && span.is_empty() {
                return Err(DocumentError::Empty { layer, index });
            }
            if let Some(p) = prev {
                match order {
                    Order::Disjoint => {
                        if span.start < p.start {
                            return Err(DocumentError::Unsorted { layer, index });
                        }
                        if span.start < p.end {
                            return Err(DocumentError::Overlap { layer, index });
                        }
                    }
                    Order::Sorted => {
                        if (span.start, span.end) < (p.start, p.end) {
                            return Err(DocumentError::Unsorted { layer, index });
                        }
                    }
                }
            }
            prev = Some(span);
        }
        Ok(())
    }

    fn check_token_range(
        &self,
        layer: Layer,
        index: usize,
        span: Span,
        range: TokenRange,
    ) -> Result<(), DocumentError> {
        if range.is_empty() {
            if range.start > range.end {
                return Err(DocumentError::BadReference {
                    layer,
                    index,
                    what: format!("token range {}..{} is inverted", range.start, range.end),
                });
            }
            return Ok(());
        }
        let tokens = self.tokens();
        if range.end > tokens.len() {
            return Err(DocumentError::BadReference {
                layer,
                index,
                what: format!(
                    "token range {}..{} is past the {} tokens",
                    range.start,
                    range.end,
                    tokens.len()
                ),
            });
        }
        let covered = self.token_span(range);
        if !span.contains(&covered) {
            return Err(DocumentError::BadReference {
                layer,
                index,
                what: format!(
                    "tokens {}..{} (bytes {}..{}) lie outside the span {}..{}",
                    range.start, range.end, covered.start, covered.end, span.start, span.end
                ),
            });
        }
        Ok(())
    }

    fn check_score(layer: Layer, index: usize, value: f32) -> Result<(), DocumentError> {
        if (0.0..=1.0).contains(&value) {
            Ok(())
        } else {
            Err(DocumentError::BadScore {
                layer,
                index,
                value,
            })
        }
    }

    fn once<T>(slot: &Option<Vec<T>>, layer: Layer) -> Result<(), DocumentError> {
        if slot.is_some() {
            Err(DocumentError::AlreadySet { layer })
        } else {
            Ok(())
        }
    }

    /// Sets the paragraphs: sorted, disjoint, non-empty spans.
    pub fn set_paragraphs(&mut self, spans: Vec<Span>) -> Result<(), DocumentError> {
        Self::once(&self.paragraphs, Layer::Paragraphs)?;
        self.check_spans(Layer::Paragraphs, &spans, Order::Disjoint, false)?;
        self.paragraphs = Some(spans);
        Ok(())
    }

    /// Sets the boilerplate regions: sorted, disjoint, non-empty spans.
    pub fn set_boilerplate(&mut self, regions: Vec<Boilerplate>) -> Result<(), DocumentError> {
        Self::once(&self.boilerplate, Layer::Boilerplate)?;
        self.check_spans(
            Layer::Boilerplate,
            regions.iter().map(|r| &r.span),
            Order::Disjoint,
            false,
        )?;
        self.boilerplate = Some(regions);
        Ok(())
    }

    /// Sets the tokens: sorted, disjoint, non-empty spans.
    pub fn set_tokens(&mut self, tokens: Vec<Token>) -> Result<(), DocumentError> {
        Self::once(&self.tokens, Layer::Tokens)?;
        self.check_spans(
            Layer::Tokens,
            tokens.iter().map(|t| &t.span),
            Order::Disjoint,
            false,
        )?;
        self.tokens = Some(tokens);
        Ok(())
    }

    /// Sets the sentences: sorted, disjoint, non-empty spans. Token ranges must be valid for the
    /// tokens layer (set tokens first) and lie inside their sentence.
    pub fn set_sentences(&mut self, sentences: Vec<Sentence>) -> Result<(), DocumentError> {
        Self::once(&self.sentences, Layer::Sentences)?;
        self.check_spans(
            Layer::Sentences,
            sentences.iter().map(|s| &s.span),
            Order::Disjoint,
            false,
        )?;
        for (i, s) in sentences.iter().enumerate() {
            if !s.tokens.is_empty() && self.tokens.is_none() {
                return Err(DocumentError::Missing {
                    layer: Layer::Sentences,
                    needs: Layer::Tokens,
                });
            }
            self.check_token_range(Layer::Sentences, i, s.span, s.tokens)?;
        }
        self.sentences = Some(sentences);
        Ok(())
    }

    /// Sets the entities: sorted, disjoint, non-empty spans with scores in `[0, 1]` and valid token
    /// ranges.
    pub fn set_entities(&mut self, entities: Vec<Entity>) -> Result<(), DocumentError> {
        Self::once(&self.entities, Layer::Entities)?;
        self.check_spans(
            Layer::Entities,
            entities.iter().map(|e| &e.span),
            Order::Disjoint,
            false,
        )?;
        for (i, e) in entities.iter().enumerate() {
            Self::check_score(Layer::Entities, i, e.score)?;
            self.check_token_range(Layer::Entities, i, e.span, e.tokens)?;
        }
        self.entities = Some(entities);
        Ok(())
    }

    /// Sets the mentions: non-empty spans sorted by (start, end); they may nest.
    pub fn set_mentions(&mut self, mentions: Vec<Mention>) -> Result<(), DocumentError> {
        Self::once(&self.mentions, Layer::Mentions)?;
        self.check_spans(
            Layer::Mentions,
            mentions.iter().map(|m| &m.span),
            Order::Sorted,
            false,
        )?;
        self.mentions = Some(mentions);
        Ok(())
    }

    /// Sets the speakers. Needs the mentions layer; each speaker's mention indices must be valid,
    /// sorted and unique, and no mention may belong to two speakers.
    pub fn set_speakers(&mut self, speakers: Vec<Speaker>) -> Result<(), DocumentError> {
        Self::once(&self.speakers, Layer::Speakers)?;
        let n = match &self.mentions {
            Some(m) => m.len(),
            None if speakers.is_empty() => 0,
            None => {
                return Err(DocumentError::Missing {
                    layer: Layer::Speakers,
                    needs: Layer::Mentions,
                })
            }
        };
        let mut owner = vec![false; n];
        for (i, s) in speakers.iter().enumerate() {
            let bad = |what: String| DocumentError::BadReference {
                layer: Layer::Speakers,
                index: i,
                what,
            };
            if s.mentions.windows(2).any(|w| w[0] >= w[1]) {
                return Err(bad("mention indices are not sorted and unique".into()));
            }
            for &m in &s.mentions {
                if m >= n {
                    return Err(bad(format!("mention {m} does not exist ({n} mentions)")));
                }
                if std::mem::replace(&mut owner[m], true) {
                    return Err(bad(format!("mention {m} belongs to two speakers")));
                }
            }
        }
        self.speakers = Some(speakers);
        Ok(())
    }

    /// Sets the quotes. Each has at least one content piece; pieces are valid, sorted and disjoint;
    /// quotes are sorted by their first piece; cue, mention and speaker references are valid;
    /// confidence is in `[0, 1]`. Quotes may overlap (a reported quote can hold a quoted one).
    pub fn set_quotes(&mut self, quotes: Vec<Quote>) -> Result<(), DocumentError> {
        Self::once(&self.quotes, Layer::Quotes)?;
        let layer = Layer::Quotes;
        let mut prev: Option<Span> = None;
        for (i, q) in quotes.iter().enumerate() {
            let bad = |what: String| DocumentError::BadReference {
                layer,
                index: i,
                what,
            };
            if q.content.is_empty() {
                return Err(DocumentError::Empty { layer, index: i });
            }
            for (j, &c) in q.content.iter().enumerate() {
                self.check_span(layer, i, c)?;
                if c.is_empty() {
                    return Err(DocumentError::Empty { layer, index: i });
                }
                if j > 0 && c.start < q.content[j - 1].end {
                    return Err(bad("content pieces are not sorted and disjoint".into()));
                }
            }
            let first = q.content[0];
            if let Some(p) = prev {
                if (first.start, first.end) < (p.start, p.end) {
                    return Err(DocumentError::Unsorted { layer, index: i });
                }
            }
            prev = Some(first);
            if let Some(cue) = q.cue {
                self.check_span(layer, i, cue)?;
            }
            if let Some(m) = q.speaker_mention {
                let n = self.mentions().len();
                if m >= n {
                    return Err(bad(format!(
                        "speaker mention {m} does not exist ({n} mentions)"
                    )));
                }
            }
            if let Some(s) = q.speaker {
                let n = self.speakers().len();
                if s >= n {
                    return Err(bad(format!("speaker {s} does not exist ({n} speakers)")));
                }
            }
            Self::check_score(layer, i, q.confidence)?;
        }
        self.quotes = Some(quotes);
        Ok(())
    }
}
