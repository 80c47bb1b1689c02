//! A read-only view of a document prepared for the sieves: per-token lower-case text, sentence,
//! paragraph and entity indices, all computed once in linear time.

use std::borrow::Cow;
use std::ops::Range;

use newsquotes_document::{BoilerplateKind, Document, EntityLabel, Layer, Span, Token, TokenKind};

/// Per-token facts the sieves look up.
pub(crate) struct Ctx<'a> {
    pub doc: &'a Document,
    pub toks: &'a [Token],
    /// Lower-case token text with ’ normalised to '.
    pub low: Vec<Low<'a>>,
    /// Sentence index of each token.
    pub sent: Vec<usize>,
    /// Token range of each sentence (covering every token, in order).
    pub sents: Vec<Range<usize>>,
    /// Paragraph index of each token.
    pub para: Vec<usize>,
    /// Token range of each paragraph index used in `para`.
    pub paras: Vec<Range<usize>>,
    /// Entity label of each token, if inside an entity, and the entity's token range.
    pub ent: Vec<Option<(EntityLabel, Range<usize>)>>,
    /// Token lies in a boilerplate region other than the header (captions, newsletters...).
    pub boiler: Vec<bool>,
}

impl<'a> Ctx<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let toks = doc.tokens();
        let text = doc.text();
        let n = toks.len();
        // Borrowed from the text when it is lower case already (most tokens): no allocation.
        let low = toks
            .iter()
            .map(|t| {
                let s = t.span.get(text).unwrap_or("");
                Low(if s.is_ascii() {
                    if s.bytes().any(|b| b.is_ascii_uppercase()) {
                        Cow::Owned(s.to_ascii_lowercase())
                    } else {
                        Cow::Borrowed(s)
                    }
                } else {
                    Cow::Owned(s.to_lowercase().replace('’', "'"))
                })
            })
            .collect();
        // Sentences: every token gets one; tokens outside any sentence form their own.
        let mut sent = vec![usize::MAX; n];
        let mut sents: Vec<Range<usize>> = Vec::new();
        for s in doc.sentences() {
            let r = s.tokens.range();
            if r.start >= r.end || r.end > n {
                continue;
            }
            if let Some(last) = sents.last() {
                if r.start < last.end {
                    continue;
                }
                if r.start > last.end {
                    sents.push(last.end..r.start);
                }
            } else if r.start > 0 {
                sents.push(0..r.start);
            }
            sents.push(r);
        }
        let covered = sents.last().map_or(0, |r| r.end);
        if covered < n {
            sents.push(covered..n);
        }
        for (i, r) in sents.iter().enumerate() {
            for t in r.clone() {
                sent[t] = i;
            }
        }
        // Paragraphs: from the layer when set, else every line break starts one.
        let mut para = vec![0; n];
        if doc.has(Layer::Paragraphs) && !doc.paragraphs().is_empty() {
            let ps = doc.paragraphs();
            let mut p = 0;
            for (i, t) in toks.iter().enumerate() {
                while p + 1 < ps.len() && ps[p].end <= t.span.start {
                    p += 1;
                }
                para[i] = p;
            }
        } else {
            let mut p = 0;
            for i in 1..n {
                let gap = Span::new(toks[i - 1].span.end, toks[i].span.start);
                if gap.get(text).is_some_and(|g| g.contains('\n')) {
                    p += 1;
                }
                para[i] = p;
            }
        }
        let mut paras: Vec<Range<usize>> = Vec::new();
        for i in 0..n {
            while paras.len() <= para[i] {
                paras.push(i..i);
            }
            paras[para[i]].end = i + 1;
        }
        let mut ent = vec![None; n];
        for e in doc.entities() {
            let r = e.tokens.range();
            for t in r.clone() {
                if t < n {
                    ent[t] = Some((e.label, r.clone()));
                }
            }
        }
        let mut boiler = vec![false; n];
        let regions = doc.boilerplate();
        if !regions.is_empty() {
            let mut b = 0;
            for (i, t) in toks.iter().enumerate() {
                while b < regions.len() && regions[b].span.end <= t.span.start {
                    b += 1;
                }
                if let Some(r) = regions.get(b) {
                    boiler[i] = r.kind != BoilerplateKind::Header
                        && r.span.start <= t.span.start
                        && t.span.start < r.span.end;
                }
            }
        }
        Ctx {
            doc,
            toks,
            low,
            sent,
            sents,
            para,
            paras,
            ent,
            boiler,
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The token's original text.
    pub fn text(&self, i: usize) -> &'a str {
        self.toks[i].span.get(self.doc.text()).unwrap_or("")
    }

    pub fn kind(&self, i: usize) -> TokenKind {
        self.toks[i].kind
    }

    pub fn is_word(&self, i: usize) -> bool {
        matches!(self.kind(i), TokenKind::Word | TokenKind::Number)
    }

    pub fn is_punct(&self, i: usize) -> bool {
        matches!(self.kind(i), TokenKind::Punct | TokenKind::Quote)
    }

    /// True when the token starts with an upper-case letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.text(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Span of an inclusive-exclusive token range.
    pub fn span(&self, r: Range<usize>) -> Span {
        Span::new(self.toks[r.start].span.start, self.toks[r.end - 1].span.end)
    }

    /// True when a line break separates token `i - 1` from token `i`.
    pub fn para_start(&self, i: usize) -> bool {
        i == 0 || self.para[i] != self.para[i - 1]
    }

    /// Token range of the paragraph containing token `i`.
    pub fn para_range(&self, i: usize) -> Range<usize> {
        self.paras[self.para[i]].clone()
    }
}

/// A token's lower-case text: borrowed from the document when it is lower case already.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Low<'a>(Cow<'a, str>);

impl Low<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Low<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Low<'_> {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Low<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Low<'_> {
    fn eq(&self, other: &String) -> bool {
        self.0.as_ref() == other.as_str()
    }
}

impl PartialEq<Low<'_>> for String {
    fn eq(&self, other: &Low<'_>) -> bool {
        self.as_str() == other.0.as_ref()
    }
}
