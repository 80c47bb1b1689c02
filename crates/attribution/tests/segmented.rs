//! Attribution on layers from the real segmenter (no entities: the sieves must cope without
//! NER), on the article we wrote for the benchmark.

use newsquotes_attribution::Attributor;
use newsquotes_document::{Document, QuoteKind, Stage};

const ARTICLE: &str = include_str!("../benches/article.txt");

fn annotated() -> Document {
    let mut doc = Document::new("harbour", ARTICLE);
    newsquotes_segment::Segmenter::default()
        .annotate(&mut doc)
        .expect("segment");
    doc.set_entities(Vec::new()).expect("entities");
    Attributor::default()
        .annotate(&mut doc)
        .expect("attribution");
    doc
}

/// (first content piece, mention, speaker name) of the quote whose content starts with `prefix`.
fn quote<'d>(doc: &'d Document, prefix: &str) -> (QuoteKind, usize, &'d str, &'d str) {
    let q = doc
        .quotes()
        .iter()
        .find(|q| doc.slice(q.content[0]).starts_with(prefix))
        .unwrap_or_else(|| panic!("no quote starting with {prefix:?}"));
    let mention = q
        .speaker_mention
        .map_or("", |m| doc.slice(doc.mentions()[m].span));
    let speaker = q.speaker.map_or("", |s| doc.speakers()[s].name.as_str());
    (q.kind, q.content.len(), mention, speaker)
}

#[test]
fn who_said_what_in_the_harbour_article() {
    let doc = annotated();
    let cases = [
        (
            "“We are not going back",
            QuoteKind::Direct,
            2,
            "Grace Adeyemi",
            "Grace Adeyemi",
        ),
        (
            "“Every krone",
            QuoteKind::Direct,
            2,
            "Mr. Lindqvist",
            "Tobias Lindqvist",
        ),
        (
            "“I have worked here",
            QuoteKind::Direct,
            2,
            "Marta Olsen",
            "Marta Olsen",
        ),
        (
            "“If the port stops",
            QuoteKind::Direct,
            2,
            "he",
            "Henrik Dahl",
        ),
        (
            "“The fish do not care",
            QuoteKind::Direct,
            2,
            "Per Holm",
            "Per Holm",
        ),
        (
            "“Talks will resume",
            QuoteKind::Direct,
            2,
            "Lindqvist",
            "Tobias Lindqvist",
        ),
        (
            "“They have said that before",
            QuoteKind::Direct,
            1,
            "she",
            "Grace Adeyemi",
        ),
        (
            "“We are following",
            QuoteKind::Direct,
            1,
            "The minister",
            "The minister",
        ),
        (
            "“We appreciate that",
            QuoteKind::Direct,
            2,
            "Ms. Adeyemi",
            "Grace Adeyemi",
        ),
        (
            "that it had offered",
            QuoteKind::Indirect,
            1,
            "The port authority",
            "port authority",
        ),
        (
            "the authority could not afford more",
            QuoteKind::Indirect,
            1,
            "Tobias Lindqvist",
            "Tobias Lindqvist",
        ),
        (
            "about 1,200 workers",
            QuoteKind::Indirect,
            1,
            "the union",
            "their union",
        ),
        (
            "that the ships waiting",
            QuoteKind::Indirect,
            1,
            "She",
            "Marta Olsen",
        ),
        (
            "it had not been asked",
            QuoteKind::Indirect,
            1,
            "the ministry of transport",
            "ministry of transport",
        ),
        (
            "strike will last",
            QuoteKind::Indirect,
            1,
            "Harbour workers",
            "Harbour workers",
        ),
    ];
    for (prefix, kind, pieces, mention, speaker) in cases {
        assert_eq!(
            quote(&doc, prefix),
            (kind, pieces, mention, speaker),
            "quote starting with {prefix:?}"
        );
    }
    // The scare-quoted “final offer” is not a quote.
    assert!(!doc
        .quotes()
        .iter()
        .any(|q| doc.slice(q.content[0]).contains("final offer")));
}

#[test]
fn every_span_is_what_it_claims() {
    let doc = annotated();
    let text = doc.text();
    for q in doc.quotes() {
        for c in &q.content {
            assert!(c.get(text).is_some_and(|s| !s.trim().is_empty()));
        }
        assert!(q.cue.is_none_or(|c| c.get(text).is_some()));
        assert!((0.0..=1.0).contains(&q.confidence));
        assert!(!newsquotes_attribution::sieve_description(&q.sieve).starts_with('?'));
    }
    for s in doc.speakers() {
        assert!(!s.name.is_empty());
        assert!(!s.mentions.is_empty());
    }
}
