//! Unit tests of the setters' validation: one test per rejection case, and the accepted shapes.

use crate::*;

const TEXT: &str = "“Yes,” said Ann.\n\nÉtienne agreed.";

fn doc() -> Document {
    Document::new("t", TEXT)
}

fn tok(s: usize, e: usize) -> Token {
    Token {
        span: Span::new(s, e),
        kind: TokenKind::Word,
    }
}

fn ent(s: usize, e: usize, score: f32) -> Entity {
    Entity {
        span: Span::new(s, e),
        tokens: TokenRange::default(),
        label: EntityLabel::Per,
        score,
    }
}

fn quote(content: Vec<Span>) -> Quote {
    Quote {
        kind: QuoteKind::Direct,
        content,
        cue: None,
        speaker_mention: None,
        speaker: None,
        sieve: "test".into(),
        confidence: 0.5,
    }
}

#[test]
fn accepts_valid_layers_and_slices_them() {
    let mut d = doc();
    let p1 = Span::new(0, TEXT.find('\n').unwrap());
    let p2 = Span::new(TEXT.rfind('\n').unwrap() + 1, TEXT.len());
    d.set_paragraphs(vec![p1, p2]).unwrap();
    assert_eq!(d.slice(p2), "Étienne agreed.");
    assert!(d.has(Layer::Paragraphs));
    assert!(!d.has(Layer::Tokens));
    assert!(d.tokens().is_empty());
}

#[test]
fn rejects_setting_a_layer_twice() {
    let mut d = doc();
    d.set_paragraphs(vec![]).unwrap();
    assert_eq!(
        d.set_paragraphs(vec![]),
        Err(DocumentError::AlreadySet {
            layer: Layer::Paragraphs
        })
    );
}

#[test]
fn rejects_inverted_span() {
    let mut d = doc();
    assert!(matches!(
        d.set_paragraphs(vec![Span::new(5, 4)]),
        Err(DocumentError::Inverted { index: 0, .. })
    ));
}

#[test]
fn rejects_out_of_bounds_span() {
    let mut d = doc();
    let n = TEXT.len();
    assert!(matches!(
        d.set_paragraphs(vec![Span::new(0, n + 1)]),
        Err(DocumentError::OutOfBounds { len, .. }) if len == n
    ));
}

#[test]
fn rejects_span_off_char_boundary() {
    let mut d = doc();
    // “ is three bytes: 1 is inside it.
    assert!(matches!(
        d.set_tokens(vec![tok(1, 4)]),
        Err(DocumentError::NotCharBoundary { .. })
    ));
}

#[test]
fn rejects_unsorted_spans() {
    let mut d = doc();
    assert_eq!(
        d.set_tokens(vec![tok(11, 15), tok(3, 7)]),
        Err(DocumentError::Unsorted {
            layer: Layer::Tokens,
            index: 1
        })
    );
}

#[test]
fn rejects_overlapping_spans_where_disjoint() {
    let mut d = doc();
    assert_eq!(
        d.set_tokens(vec![tok(3, 7), tok(4, 15)]),
        Err(DocumentError::Overlap {
            layer: Layer::Tokens,
            index: 1
        })
    );
}

#[test]
fn rejects_empty_tokens() {
    let mut d = doc();
    assert_eq!(
        d.set_tokens(vec![tok(3, 3)]),
        Err(DocumentError::Empty {
            layer: Layer::Tokens,
            index: 0
        })
    );
}

#[test]
fn mentions_may_nest_but_must_be_sorted() {
    let mut d = doc();
    let m = |s, e| Mention {
        span: Span::new(s, e),
        kind: MentionKind::Nominal,
    };
    d.set_mentions(vec![m(11, 19), m(11, 15), m(16, 19)])
        .unwrap_err();
    let mut d = doc();
    d.set_mentions(vec![m(11, 15), m(11, 19), m(16, 19)])
        .unwrap();
    assert_eq!(d.mentions().len(), 3);
}

#[test]
fn sentence_token_ranges_are_checked() {
    let mut d = doc();
    let s = |s, e, ts, te| Sentence {
        span: Span::new(s, e),
        tokens: TokenRange::new(ts, te),
    };
    // Tokens not set yet.
    assert_eq!(
        d.clone().set_sentences(vec![s(0, 10, 0, 1)]),
        Err(DocumentError::Missing {
            layer: Layer::Sentences,
            needs: Layer::Tokens
        })
    );
    d.set_tokens(vec![tok(0, 3), tok(3, 6), tok(20, 27)])
        .unwrap();
    // Past the end of the tokens.
    assert!(matches!(
        d.clone().set_sentences(vec![s(0, 10, 0, 4)]),
        Err(DocumentError::BadReference { .. })
    ));
    // Token outside its sentence.
    assert!(matches!(
        d.clone().set_sentences(vec![s(0, 10, 0, 3)]),
        Err(DocumentError::BadReference { .. })
    ));
    d.set_sentences(vec![s(0, 10, 0, 2)]).unwrap();
}

#[test]
fn rejects_entity_scores_outside_unit_interval() {
    for bad in [-0.1, 1.5, f32::NAN] {
        let mut d = doc();
        assert!(matches!(
            d.set_entities(vec![ent(12, 15, bad)]),
            Err(DocumentError::BadScore { .. })
        ));
    }
    let mut d = doc();
    d.set_entities(vec![ent(12, 15, 1.0)]).unwrap();
}

#[test]
fn speakers_need_mentions_and_valid_unique_indices() {
    let sp = |mentions: Vec<usize>| Speaker {
        name: "Ann".into(),
        label: SpeakerLabel::Person,
        gender: Gender::Female,
        gender_evidence: vec![],
        mentions,
    };
    let mut d = doc();
    assert!(matches!(
        d.set_speakers(vec![sp(vec![0])]),
        Err(DocumentError::Missing { .. })
    ));
    d.set_mentions(vec![Mention {
        span: Span::new(15, 18),
        kind: MentionKind::Name,
    }])
    .unwrap();
    assert!(matches!(
        d.clone().set_speakers(vec![sp(vec![1])]),
        Err(DocumentError::BadReference { .. })
    ));
    assert!(matches!(
        d.clone().set_speakers(vec![sp(vec![0, 0])]),
        Err(DocumentError::BadReference { .. })
    ));
    assert!(matches!(
        d.clone().set_speakers(vec![sp(vec![0]), sp(vec![0])]),
        Err(DocumentError::BadReference { .. })
    ));
    d.set_speakers(vec![sp(vec![0])]).unwrap();
}

#[test]
fn quotes_are_validated() {
    let mut d = doc();
    assert!(matches!(
        d.clone().set_quotes(vec![quote(vec![])]),
        Err(DocumentError::Empty { .. })
    ));
    assert!(matches!(
        d.clone()
            .set_quotes(vec![quote(vec![Span::new(11, 15), Span::new(3, 7)])]),
        Err(DocumentError::BadReference { .. })
    ));
    assert!(matches!(
        d.clone().set_quotes(vec![
            quote(vec![Span::new(11, 15)]),
            quote(vec![Span::new(3, 7)])
        ]),
        Err(DocumentError::Unsorted { .. })
    ));
    let mut with_mention = quote(vec![Span::new(3, 6)]);
    with_mention.speaker_mention = Some(0);
    assert!(matches!(
        d.clone().set_quotes(vec![with_mention]),
        Err(DocumentError::BadReference { .. })
    ));
    let mut with_speaker = quote(vec![Span::new(3, 6)]);
    with_speaker.speaker = Some(0);
    assert!(matches!(
        d.clone().set_quotes(vec![with_speaker]),
        Err(DocumentError::BadReference { .. })
    ));
    let mut bad_conf = quote(vec![Span::new(3, 6)]);
    bad_conf.confidence = 2.0;
    assert!(matches!(
        d.clone().set_quotes(vec![bad_conf]),
        Err(DocumentError::BadScore { .. })
    ));
    let mut bad_cue = quote(vec![Span::new(3, 6)]);
    bad_cue.cue = Some(Span::new(1, 2));
    assert!(matches!(
        d.clone().set_quotes(vec![bad_cue]),
        Err(DocumentError::NotCharBoundary { .. })
    ));
    d.set_quotes(vec![quote(vec![Span::new(3, 6), Span::new(11, 15)])])
        .unwrap();
    assert_eq!(d.quotes()[0].extent(), Span::new(3, 15));
}

#[test]
fn boilerplate_lookup() {
    let mut d = doc();
    d.set_boilerplate(vec![Boilerplate {
        span: Span::new(20, 27),
        kind: BoilerplateKind::Other,
    }])
    .unwrap();
    assert!(!d.is_boilerplate(19));
    assert!(d.is_boilerplate(20));
    assert!(d.is_boilerplate(26));
    assert!(!d.is_boilerplate(27));
}
