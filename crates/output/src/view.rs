//! Derived, read-only views of a document shared by the writers.

use newsquotes_document::{Document, Quote, Span};

/// The sentence containing byte `pos`, if any.
pub(crate) fn sentence_at(doc: &Document, pos: usize) -> Option<Span> {
    let s = doc.sentences();
    let i = s.partition_point(|x| x.span.end <= pos);
    s.get(i)
        .filter(|x| x.span.start <= pos && pos < x.span.end)
        .map(|x| x.span)
}

/// The resolved speaker's canonical name of a quote.
pub(crate) fn speaker_name<'d>(doc: &'d Document, q: &Quote) -> Option<&'d str> {
    q.speaker
        .and_then(|i| doc.speakers().get(i))
        .map(|s| s.name.as_str())
}

/// The local speaker mention's text of a quote.
pub(crate) fn mention_text<'d>(doc: &'d Document, q: &Quote) -> Option<&'d str> {
    q.speaker_mention
        .and_then(|i| doc.mentions().get(i))
        .map(|m| doc.slice(m.span))
}

/// The content pieces joined with " … ".
pub(crate) fn content_text(doc: &Document, q: &Quote) -> String {
    q.content
        .iter()
        .map(|s| doc.slice(*s))
        .collect::<Vec<_>>()
        .join(" … ")
}
