//! Crate-level tests: training a tiny model, model round trip, the stage on documents, and the
//! embedded default model.

use newsquotes_document::{
    Document, EntityLabel, Sentence, Span, Stage, Token, TokenKind, TokenRange,
};

use crate::train::{evaluate, read_clusters, read_conll, train, TrainConfig};
use crate::{FeatureSet, Model, Recognizer};

/// Hand-written training text in the CoNLL layout.
const TINY: &str = "# doc
Marta\tB-PER
Olsen\tI-PER
visited\tO
Bergen\tB-LOC
.\tO

Olsen\tB-PER
praised\tO
Fjordline\tB-ORG
Shipping\tI-ORG
.\tO

# doc
Tomas\tB-PER
Berg\tI-PER
left\tO
Oslo\tB-LOC
for\tO
the\tO
Olympics\tB-MISC
.\tO

Berg\tB-PER
joined\tO
Fjordline\tB-ORG
Shipping\tI-ORG
in\tO
Bergen\tB-LOC
.\tO

# doc
#\tO
Marta\tB-PER
met\tO
Tomas\tB-PER
in\tO
Oslo\tB-LOC
.\tO
";

fn tiny_model(features: FeatureSet) -> Model {
    let corpus = read_conll(TINY.as_bytes()).unwrap();
    let clusters = read_clusters("# c\nBergen\t1\t2\t3\nOslo\t1\t2\t3\n".as_bytes()).unwrap();
    let cfg = TrainConfig {
        epochs: 8,
        features,
        min_count: 1,
        ..TrainConfig::default()
    };
    let mut epochs = 0;
    let model = train(&corpus, Some(&corpus), &clusters, &cfg, &mut |_| {
        epochs += 1
    })
    .unwrap();
    assert!(epochs >= 1);
    model
}

#[test]
fn reads_conll_documents_and_spans() {
    let c = read_conll(TINY.as_bytes()).unwrap();
    assert_eq!(c.docs.len(), 3);
    assert_eq!(c.sentences(), 5);
    assert_eq!(c.docs[2][0].words[0], "#");
    assert_eq!(
        c.docs[1][0].entities,
        vec![
            (0, 2, EntityLabel::Per),
            (3, 4, EntityLabel::Loc),
            (6, 7, EntityLabel::Misc)
        ]
    );
    // conlleval: an I- after O starts an entity; a type change splits.
    let c = read_conll("a\tI-ORG\nb\tI-LOC\nc\tO\n".as_bytes()).unwrap();
    assert_eq!(
        c.docs[0][0].entities,
        vec![(0, 1, EntityLabel::Org), (1, 2, EntityLabel::Loc)]
    );
    assert!(read_conll("no tab here\n".as_bytes()).is_err());
}

#[test]
fn tiny_model_learns_its_training_data() {
    for features in [
        FeatureSet::default(),
        FeatureSet {
            clusters: false,
            gazetteer: false,
            document: false,
        },
    ] {
        let model = tiny_model(features);
        let corpus = read_conll(TINY.as_bytes()).unwrap();
        let s = evaluate(&model, &corpus, &[]);
        assert_eq!(s.overall.f1(), 100.0, "{features:?}: {s}");
        assert_eq!(model.feature_set(), features);
    }
}

#[test]
fn model_round_trip_keeps_predictions() {
    let model = tiny_model(FeatureSet::default());
    let bytes = model.to_bytes();
    let back = Model::from_bytes(&bytes).unwrap();
    assert_eq!(back.to_bytes(), bytes);
    let a = Recognizer::new(model);
    let b = Recognizer::from_reader(bytes.as_slice()).unwrap();
    let sents = vec![
        vec![
            "Tomas",
            "Olsen",
            "visited",
            "Fjordline",
            "Shipping",
            "in",
            "Oslo",
            ".",
        ],
        vec!["Berg", "left", "."],
    ];
    let pa = a.tag_sentences(&sents);
    assert_eq!(pa, b.tag_sentences(&sents));
    assert!(pa[0].iter().any(|e| e.2 == EntityLabel::Loc && e.0 == 6));
    // Corrupt or truncated files are refused, never half-loaded.
    assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    let mut bad = bytes.clone();
    bad[40] ^= 1;
    assert!(Model::from_bytes(&bad).is_err());
    assert!(Model::from_bytes(b"hello").is_err());
    let dir = std::env::temp_dir().join(format!("nq-ner-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("m.bin");
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(
        Recognizer::from_path(&path).unwrap().tag_sentences(&sents),
        pa
    );
    std::fs::remove_dir_all(&dir).ok();
    assert!(Recognizer::from_path(dir.join("missing")).is_err());
}

/// Splits text on spaces into word tokens, with one sentence per line.
fn doc_of(text: &str) -> Document {
    let mut doc = Document::new("t", text);
    let mut tokens = Vec::new();
    let mut sents = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let first = tokens.len();
        let mut off = pos;
        for w in line.split_inclusive([' ', '\n']) {
            let t = w.trim_end();
            if !t.is_empty() {
                tokens.push(Token {
                    span: Span::new(off, off + t.len()),
                    kind: TokenKind::Word,
                });
            }
            off += w.len();
        }
        let end = pos + line.trim_end().len();
        if tokens.len() > first {
            sents.push(Sentence {
                span: Span::new(pos, end),
                tokens: TokenRange::new(first, tokens.len()),
            });
        }
        pos += line.len();
    }
    doc.set_tokens(tokens).unwrap();
    doc.set_sentences(sents).unwrap();
    doc
}

#[test]
fn stage_sets_entities_on_token_boundaries() {
    let rec = Recognizer::new(tiny_model(FeatureSet::default()));
    let mut doc = doc_of("Marta Olsen visited Bergen .\nBerg joined Fjordline Shipping .\n");
    rec.annotate(&mut doc).unwrap();
    let got: Vec<(&str, EntityLabel)> = doc
        .entities()
        .iter()
        .map(|e| (doc.slice(e.span), e.label))
        .collect();
    assert!(got.contains(&("Marta Olsen", EntityLabel::Per)), "{got:?}");
    assert!(
        got.contains(&("Fjordline Shipping", EntityLabel::Org)),
        "{got:?}"
    );
    for e in doc.entities() {
        assert_eq!(e.span, doc.token_span(e.tokens));
        assert!((0.0..=1.0).contains(&e.score));
    }
    // Missing layers are reported, not guessed.
    let mut bare = Document::new("b", "Marta");
    assert!(rec.annotate(&mut bare).is_err());
}

#[test]
fn odd_text_never_fails() {
    let rec = Recognizer::new(tiny_model(FeatureSet::default()));
    let mut doc = doc_of("\u{201C}  \u{2019}s  \u{1F600} ÉÇÀ 12,5 --- a\n\n\u{200B}\n");
    rec.annotate(&mut doc).unwrap();
    let mut empty = Document::new("e", "");
    empty.set_tokens(vec![]).unwrap();
    empty.set_sentences(vec![]).unwrap();
    rec.annotate(&mut empty).unwrap();
    assert!(empty.entities().is_empty());
}

#[test]
fn embedded_default_model_finds_news_entities() {
    let rec = Recognizer::default();
    assert!(rec.model().feature_set().clusters);
    let mut doc = doc_of(
        "LONDON 2026-03-04\n\
         Prime Minister Grace Adeyemi told reporters in Manchester that the Labour Party would win .\n\
         Adeyemi , 54 , said the European Union had agreed .\n",
    );
    rec.annotate(&mut doc).unwrap();
    let got: Vec<(&str, EntityLabel)> = doc
        .entities()
        .iter()
        .map(|e| (doc.slice(e.span), e.label))
        .collect();
    for want in [
        ("LONDON", EntityLabel::Loc),
        ("Grace Adeyemi", EntityLabel::Per),
        ("Manchester", EntityLabel::Loc),
        ("Labour Party", EntityLabel::Org),
        ("Adeyemi", EntityLabel::Per),
        ("European Union", EntityLabel::Org),
    ] {
        assert!(got.contains(&want), "missing {want:?} in {got:?}");
    }
}
