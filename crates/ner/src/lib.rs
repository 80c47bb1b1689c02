//! Named entities (PER, ORG, LOC, MISC).
//!
//! First simple version: runs of capitalised words that are not sentence-initial function words,
//! labelled PER after a title, ORG/LOC by a few head words, else MISC. Replaced by the NER issue.
//!
//! ```
//! use newsquotes_document::{Document, Sentence, Span, Stage, Token, TokenKind, TokenRange};
//! use newsquotes_ner::Recognizer;
//!
//! let text = "Mr Hugh Hill spoke.";
//! let mut doc = Document::new("d", text);
//! let spans = [(0, 2), (3, 7), (8, 12), (13, 18), (18, 19)];
//! doc.set_tokens(spans.iter().map(|&(s, e)| Token { span: Span::new(s, e), kind: TokenKind::Word }).collect()).unwrap();
//! doc.set_sentences(vec![Sentence { span: Span::new(0, 19), tokens: TokenRange::new(0, 5) }]).unwrap();
//! Recognizer::default().annotate(&mut doc).unwrap();
//! assert_eq!(doc.slice(doc.entities()[0].span), "Hugh Hill");
//! ```

use newsquotes_document::{
    Document, Entity, EntityLabel, Layer, Stage, StageError, TokenKind, TokenRange,
};

/// The NER stage.
#[derive(Debug, Default, Clone)]
pub struct Recognizer;

const TITLES: &[&str] = &["Mr", "Mrs", "Ms", "Dr", "President", "Sen", "Gov", "Prof"];
const STOP: &[&str] = &[
    "The", "A", "An", "In", "On", "At", "But", "And", "However", "While", "About", "He", "She",
    "It", "They", "We", "I", "This", "That", "If", "As", "For", "To", "Of", "Mom", "Well", "Who",
];

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
        let toks = doc.tokens();
        let mut out = Vec::new();
        for s in doc.sentences() {
            let mut i = s.tokens.start;
            while i < s.tokens.end {
                let t = doc.token_text(i);
                let cap = toks[i].kind == TokenKind::Word
                    && t.chars().next().is_some_and(char::is_uppercase)
                    && !TITLES.contains(&t)
                    && !(i == s.tokens.start && STOP.contains(&t));
                if !cap {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < s.tokens.end
                    && toks[i].kind == TokenKind::Word
                    && doc
                        .token_text(i)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                {
                    i += 1;
                }
                let prev = start.checked_sub(1).map(|p| doc.token_text(p));
                let last = doc.token_text(i - 1);
                let label = if prev.is_some_and(|p| TITLES.contains(&p)) {
                    EntityLabel::Per
                } else if [
                    "Ministry",
                    "Party",
                    "Office",
                    "Directory",
                    "Kremlin",
                    "Nato",
                ]
                .contains(&last)
                {
                    EntityLabel::Org
                } else if i - start >= 2 {
                    EntityLabel::Per
                } else {
                    EntityLabel::Misc
                };
                let range = TokenRange::new(start, i);
                out.push(Entity {
                    span: doc.token_span(range),
                    tokens: range,
                    label,
                    score: 0.5,
                });
            }
        }
        doc.set_entities(out)
            .map_err(|e| StageError::layer("ner", e))
    }
}
