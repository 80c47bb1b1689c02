//! Paragraphs, sentences and tokens for news text.
//!
//! First simple version: one paragraph per non-blank line, sentences split after `.`, `!` or `?`
//! (and any closing quotes) before whitespace, tokens by character class. Replaced by the
//! segmentation issue.
//!
//! ```
//! use newsquotes_document::{Document, Stage};
//! use newsquotes_segment::Segmenter;
//!
//! let mut doc = Document::new("d", "It rained. We left.\nNext day.");
//! Segmenter::default().annotate(&mut doc).unwrap();
//! assert_eq!(doc.paragraphs().len(), 2);
//! assert_eq!(doc.sentences().len(), 3);
//! assert_eq!(doc.token_text(0), "It");
//! ```

use newsquotes_document::{
    Document, Layer, Sentence, Span, Stage, StageError, Token, TokenKind, TokenRange,
};

/// The segmentation stage.
#[derive(Debug, Default, Clone)]
pub struct Segmenter;

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‚' | '‹' | '›'
    )
}

/// Paragraph spans: each non-blank line, trimmed.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\n')))
    {
        if c == '\n' || c == '\r' {
            let line = &text[start..i];
            let lead = line.len() - line.trim_start().len();
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                out.push(Span::new(start + lead, start + lead + trimmed.len()));
            }
            start = i + c.len_utf8();
        }
    }
    out
}

/// Tokens of `text[span]`, by character class.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    let s = &text[span.range()];
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let start = span.start + i;
        let mut end = start + c.len_utf8();
        let kind = if c.is_alphanumeric() {
            while let Some(&(j, d)) = it.peek() {
                let inner = (d == '\'' || d == '’' || d == '-' || d == ',' || d == '.')
                    && s[j + d.len_utf8()..].chars().next().is_some_and(|n| {
                        n.is_alphanumeric()
                            && (d != ',' && d != '.' || n.is_ascii_digit() && c.is_ascii_digit())
                    });
                if d.is_alphanumeric() || inner {
                    it.next();
                    end = span.start + j + d.len_utf8();
                } else {
                    break;
                }
            }
            if c.is_ascii_digit() {
                TokenKind::Number
            } else {
                TokenKind::Word
            }
        } else if is_quote(c) {
            TokenKind::Quote
        } else if c.is_ascii_punctuation() || c.is_alphabetic() {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        out.push(Token {
            span: Span::new(start, end),
            kind,
        });
    }
}

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "St", "No", "Inc", "Co",
    "Corp", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Prof", "Sgt", "Capt", "vs", "Jr", "Sr",
];

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
        let text = doc.text();
        let paras = paragraphs(text);
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        for &p in &paras {
            let first = tokens.len();
            tokenize(text, p, &mut tokens);
            let mut sent_start = first;
            let n = tokens.len();
            let mut i = first;
            while i < n {
                let t = &text[tokens[i].span.range()];
                let mut end = i + 1;
                let is_end = matches!(t, "." | "!" | "?") && {
                    let prev = if i > first {
                        &text[tokens[i - 1].span.range()]
                    } else {
                        ""
                    };
                    !(t == "."
                        && (ABBREVIATIONS.contains(&prev)
                            || prev.chars().count() == 1 && prev.chars().all(char::is_uppercase)))
                };
                if is_end {
                    while end < n
                        && tokens[end].kind == TokenKind::Quote
                        && tokens[end].span.start == tokens[end - 1].span.end
                    {
                        end += 1;
                    }
                    let next_ok = end >= n || {
                        let nt = &text[tokens[end].span.range()];
                        nt.chars()
                            .next()
                            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || is_quote(c))
                    };
                    if next_ok && end < n {
                        sentences.push(Sentence {
                            span: Span::new(
                                tokens[sent_start].span.start,
                                tokens[end - 1].span.end,
                            ),
                            tokens: TokenRange::new(sent_start, end),
                        });
                        sent_start = end;
                    }
                }
                i = end;
            }
            if sent_start < n {
                sentences.push(Sentence {
                    span: Span::new(tokens[sent_start].span.start, tokens[n - 1].span.end),
                    tokens: TokenRange::new(sent_start, n),
                });
            }
        }
        let name = self.name();
        doc.set_paragraphs(paras)
            .map_err(|e| StageError::layer(name, e))?;
        doc.set_tokens(tokens)
            .map_err(|e| StageError::layer(name, e))?;
        doc.set_sentences(sentences)
            .map_err(|e| StageError::layer(name, e))?;
        Ok(())
    }
}
