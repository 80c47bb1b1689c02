//! The whole path — model directory, tokenizer, libtorch, windows, labels, entities layer — on
//! tiny models built by `common` (no download). Needs the `bert` feature (and libtorch).
#![cfg(feature = "bert")]

mod common;

use common::{build, doc, found, Spec, BIO};
use newsquotes_document::{Document, Layer, Stage, StageError};
use newsquotes_ner_bert::{BertRecognizer, Options, Precision};

/// Words with an entity of each kind, accents included, that the hand-set model tags.
const ACME_SENTENCE: &[&str] = &[
    "Acme",
    "Corp",
    "said",
    "Zoë",
    "Ångström",
    "in",
    "New",
    "York",
];

/// Sub-words of the lookup model and the class each one gets. Non-first sub-words and `-` are
/// given entity classes on purpose: if a word took anything but its first sub-word's prediction,
/// the entities would change.
const VOCAB: &[(&str, &str)] = &[
    ("zoe", "B-PER"),
    ("ang", "I-PER"),
    ("##strom", "B-LOC"),
    ("東", "B-LOC"),
    ("京", "B-ORG"),
    ("said", "O"),
    ("in", "O"),
    ("the", "O"),
    ("acme", "B-ORG"),
    ("##acme", "B-PER"),
    ("corp", "I-ORG"),
    ("new", "B-LOC"),
    ("york", "I-LOC"),
    ("french", "B-MISC"),
    ("jean", "B-PER"),
    ("-", "B-ORG"),
    ("luc", "I-PER"),
    ("x", "B-LOC"),
    ("##x", "B-MISC"),
    (".", "O"),
    (",", "O"),
];

fn id(piece: &str) -> i64 {
    let names: Vec<&str> = common::SPECIALS
        .iter()
        .copied()
        .chain(VOCAB.iter().map(|(t, _)| *t))
        .collect();
    names.iter().position(|n| *n == piece).unwrap() as i64
}

fn model(spec: &Spec, options: Options) -> (tempfile::TempDir, BertRecognizer) {
    let dir = tempfile::tempdir().unwrap();
    build(spec, dir.path());
    let r = BertRecognizer::from_dir_with(dir.path(), options).unwrap();
    (dir, r)
}

fn lookup() -> (tempfile::TempDir, BertRecognizer) {
    model(&Spec::lookup(VOCAB), Options::default())
}

fn long_acme(n: usize) -> String {
    format!("A{}", "cme".to_owned() + &"acme".repeat(n - 1))
}

fn tricky_words() -> Vec<String> {
    let mut w: Vec<String> = [
        "Zoë",
        "Ångström",
        "said",
        "🙂",
        "in",
        "東京",
        ",",
        "the",
        "Acme",
        "Corp",
        ".",
        "Jean-Luc",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    w.push(long_acme(31)); // 124 characters: more than WordPiece's 100, so [UNK]
    w.push("French".to_owned());
    w.push(long_acme(3)); // acme ##acme ##acme
    w.push("x".repeat(90)); // 90 sub-words, cut to MAX_PIECES_PER_WORD
    w
}

#[test]
fn sub_words_follow_the_document_tokens() {
    for json in [false, true] {
        let spec = Spec {
            tokenizer_json: json,
            ..Spec::lookup(VOCAB)
        };
        let (_d, r) = model(&spec, Options::default());
        let words = tricky_words();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let pieces = r.word_piecer().pieces(&refs);
        let unk = id("[UNK]");
        let expected: Vec<Vec<i64>> = vec![
            vec![id("zoe")],
            vec![id("ang"), id("##strom")],
            vec![id("said")],
            vec![unk],
            vec![id("in")],
            vec![id("東"), id("京")],
            vec![id(",")],
            vec![id("the")],
            vec![id("acme")],
            vec![id("corp")],
            vec![id(".")],
            vec![id("jean"), id("-"), id("luc")],
            vec![unk],
            vec![id("french")],
            vec![id("acme"), id("##acme"), id("##acme")],
            std::iter::once(id("x"))
                .chain(std::iter::repeat_n(id("##x"), 31))
                .collect(),
        ];
        assert_eq!(pieces, expected, "tokenizer.json: {json}");
        assert_eq!(
            newsquotes_ner_bert::tokenize::MAX_PIECES_PER_WORD,
            expected.last().unwrap().len()
        );
    }
}

#[test]
fn entities_have_the_exact_spans_of_the_original_text() {
    for json in [false, true] {
        let spec = Spec {
            tokenizer_json: json,
            ..Spec::lookup(VOCAB)
        };
        let (_d, r) = model(&spec, Options::default());
        let words = tricky_words();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let mut d = doc("t", &[&refs]);
        r.annotate(&mut d).unwrap();
        let x90 = "x".repeat(90);
        assert_eq!(
            found(&d),
            vec![
                ("Zoë Ångström".to_owned(), "PER"),
                ("東京".to_owned(), "LOC"),
                ("Acme Corp".to_owned(), "ORG"),
                ("Jean-Luc".to_owned(), "PER"),
                ("French".to_owned(), "MISC"),
                (long_acme(3), "ORG"),
                (x90, "LOC"),
            ],
            "tokenizer.json: {json}"
        );
        // Byte spans are the tokens' own, in a text with multi-byte characters before them.
        for e in d.entities() {
            assert_eq!(e.span, d.token_span(e.tokens));
            assert!(e.score > 0.9 && e.score <= 1.0, "{}", e.score);
        }
    }
}

#[test]
fn label_schemes_map_to_the_four_types() {
    let bilou_labels = [
        "O", "B-PER", "I-PER", "L-PER", "U-PER", "B-LOC", "L-LOC", "U-ORG",
    ];
    let bilou_vocab = [
        ("mary", "B-PER"),
        ("ann", "I-PER"),
        ("lee", "L-PER"),
        ("bob", "U-PER"),
        ("new", "B-LOC"),
        ("york", "L-LOC"),
        ("nato", "U-ORG"),
        ("and", "O"),
    ];
    let spec = Spec {
        labels: &bilou_labels,
        ..Spec::lookup(&bilou_vocab)
    };
    let (_d, r) = model(&spec, Options::default());
    let mut d = doc(
        "b",
        &[&["Mary", "Ann", "Lee", "Bob", "and", "New", "York", "Nato"]],
    );
    r.annotate(&mut d).unwrap();
    assert_eq!(
        found(&d),
        [
            ("Mary Ann Lee", "PER"),
            ("Bob", "PER"),
            ("New York", "LOC"),
            ("Nato", "ORG")
        ]
        .map(|(a, b)| (a.to_owned(), b))
    );

    // IOB1 with OntoNotes type names.
    let iob1_labels = ["O", "I-PERSON", "B-PERSON", "I-GPE", "I-ORG"];
    let iob1_vocab = [
        ("mary", "I-PERSON"),
        ("bob", "B-PERSON"),
        ("paris", "I-GPE"),
        ("acme", "I-ORG"),
        ("and", "O"),
    ];
    let spec = Spec {
        labels: &iob1_labels,
        ..Spec::lookup(&iob1_vocab)
    };
    let (_d, r) = model(&spec, Options::default());
    let mut d = doc("i", &[&["Mary", "Bob", "and", "Paris", "Acme"]]);
    r.annotate(&mut d).unwrap();
    assert_eq!(
        found(&d),
        [
            ("Mary", "PER"),
            ("Bob", "PER"),
            ("Paris", "LOC"),
            ("Acme", "ORG")
        ]
        .map(|(a, b)| (a.to_owned(), b))
    );

    // A model with types newsquotes does not know is refused with the names.
    let dir = tempfile::tempdir().unwrap();
    let labels = ["O", "B-PER", "B-DATE"];
    build(
        &Spec {
            labels: &labels,
            ..Spec::lookup(&[("mary", "B-PER")])
        },
        dir.path(),
    );
    let err = BertRecognizer::from_dir(dir.path())
        .unwrap_err()
        .to_string();
    assert!(err.contains("B-DATE"), "{err}");
}

fn corpus() -> Vec<Vec<Vec<&'static str>>> {
    let pool = [
        "Zoë",
        "Ångström",
        "said",
        "in",
        "東京",
        "Acme",
        "Corp",
        "New",
        "York",
        "French",
        "the",
        "Jean-Luc",
        ".",
        ",",
        "🙂",
    ];
    // Deterministic, varied documents: 1 to 6 sentences of 1 to 40 words.
    let mut state = 7_u64;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) % n) as usize
    };
    (0..9)
        .map(|_| {
            (0..1 + next(6))
                .map(|_| {
                    (0..1 + next(40))
                        .map(|_| pool[next(pool.len() as u64)])
                        .collect()
                })
                .collect()
        })
        .collect()
}

fn docs_of(corpus: &[Vec<Vec<&str>>]) -> Vec<Document> {
    corpus
        .iter()
        .enumerate()
        .map(|(i, sents)| {
            let s: Vec<&[&str]> = sents.iter().map(Vec::as_slice).collect();
            doc(&format!("d{i}"), &s)
        })
        .collect()
}

fn assert_same_entities(a: &Document, b: &Document) {
    assert_eq!(a.entities().len(), b.entities().len(), "{}", a.id());
    for (x, y) in a.entities().iter().zip(b.entities()) {
        assert_eq!((x.span, x.tokens, x.label), (y.span, y.tokens, y.label));
        assert!(
            (x.score - y.score).abs() < 1e-4,
            "{} vs {}",
            x.score,
            y.score
        );
    }
}

#[test]
fn batching_gives_the_same_entities_as_one_by_one() {
    // A random model: its output depends on context and padding would show if it leaked.
    let spec = Spec {
        random: Some(11),
        ..Spec::lookup(VOCAB)
    };
    let dir = tempfile::tempdir().unwrap();
    build(&spec, dir.path());
    let corpus = corpus();
    let mut one_by_one = docs_of(&corpus);
    let single = BertRecognizer::from_dir_with(
        dir.path(),
        Options {
            batch_size: 1,
            ..Options::default()
        },
    )
    .unwrap();
    for d in &mut one_by_one {
        single.annotate(d).unwrap();
    }
    let total: usize = one_by_one.iter().map(|d| d.entities().len()).sum();
    assert!(
        total > 20,
        "the random model should find entities, found {total}"
    );
    for batch_size in [3, 64] {
        let batched = BertRecognizer::from_dir_with(
            dir.path(),
            Options {
                batch_size,
                ..Options::default()
            },
        )
        .unwrap();
        let mut docs = docs_of(&corpus);
        // One document without tokens: only it fails.
        docs.insert(2, Document::new("bare", "No layers here."));
        let results = batched.annotate_batch(&mut docs);
        assert!(matches!(
            results[2],
            Err(StageError::MissingLayer {
                layer: Layer::Sentences,
                ..
            })
        ));
        docs.remove(2);
        assert!(results.iter().enumerate().all(|(i, r)| i == 2 || r.is_ok()));
        for (a, b) in one_by_one.iter().zip(&docs) {
            assert_same_entities(a, b);
        }
        // Per document (sentences batched within it) agrees too.
        let mut per_doc = docs_of(&corpus);
        for (d, a) in per_doc.iter_mut().zip(&one_by_one) {
            batched.annotate(d).unwrap();
            assert_same_entities(a, d);
        }
    }
}

#[test]
fn long_sentences_are_windowed_without_losing_or_doubling_entities() {
    let unit: Vec<&str> = ACME_SENTENCE
        .iter()
        .chain(&[".", "Acmeacmeacme", "the"])
        .copied()
        .collect();
    let reps = 64; // 64 × 14 = 896 sub-words: more than 510, two windows at the model's maximum
    let words: Vec<&str> = unit
        .iter()
        .copied()
        .cycle()
        .take(unit.len() * reps)
        .collect();
    let expected: Vec<(String, &str)> = (0..reps)
        .flat_map(|_| {
            [
                ("Acme Corp", "ORG"),
                ("Zoë Ångström", "PER"),
                ("New York", "LOC"),
                ("Acmeacmeacme", "ORG"),
            ]
        })
        .map(|(a, b)| (a.to_owned(), b))
        .collect();
    let spec = Spec {
        max_positions: 1024,
        ..Spec::lookup(VOCAB)
    };
    for (window, overlap) in [(None, 128), (Some(7), 2), (Some(13), 0), (Some(100), 99)] {
        let (_d, r) = model(
            &spec,
            Options {
                window,
                overlap,
                batch_size: 5,
                ..Options::default()
            },
        );
        assert_eq!(r.window(), window.unwrap_or(510));
        let mut d = doc("long", &[&words, &["Jean-Luc", "said"]]);
        r.annotate(&mut d).unwrap();
        let mut want = expected.clone();
        want.push(("Jean-Luc".to_owned(), "PER"));
        assert_eq!(found(&d), want, "window {window:?}, overlap {overlap}");
    }
    // A window larger than the model's positions is clamped to them.
    let (_d, r) = model(
        &Spec::lookup(VOCAB),
        Options {
            window: Some(5000),
            ..Options::default()
        },
    );
    assert_eq!(r.window(), 62);
    let mut d = doc("long", &[&words]);
    r.annotate(&mut d).unwrap();
    assert_eq!(found(&d), expected);
}

#[test]
fn the_output_layer_has_the_embedded_recognizers_shape() {
    let embedded = newsquotes_ner::Recognizer::default();
    let (_d, r) = lookup();
    assert_eq!(r.name(), embedded.name());
    assert_eq!(r.requires(), embedded.requires());
    assert_eq!(r.produces(), embedded.produces());
    let sents: &[&[&str]] = &[
        &["Zoë", "Ångström", "said", "in", "New", "York", "."],
        &["Acme", "Corp", ",", "French", "."],
    ];
    for stage in [&embedded as &dyn Stage, &r] {
        let mut d = doc("shape", sents);
        stage.annotate(&mut d).unwrap();
        assert!(d.has(Layer::Entities));
        let es = d.entities();
        assert!(!es.is_empty());
        assert!(es.windows(2).all(|w| w[0].span.end <= w[1].span.start));
        for e in es {
            assert_eq!(e.span, d.token_span(e.tokens));
            assert!((0.0..=1.0).contains(&e.score));
        }
    }
    // Missing layers are reported like the embedded stage does; no sentence means no entity.
    let mut bare = Document::new("bare", "Zoë");
    assert!(matches!(
        r.annotate(&mut bare),
        Err(StageError::MissingLayer {
            layer: Layer::Sentences,
            ..
        })
    ));
    let mut empty = doc("empty", &[]);
    r.annotate(&mut empty).unwrap();
    assert!(empty.has(Layer::Entities) && empty.entities().is_empty());
}

#[test]
fn float16_weights_load_as_float32_with_the_same_output() {
    let (dir16, r16) = model(
        &Spec {
            fp16: true,
            ..Spec::lookup(VOCAB)
        },
        Options::default(),
    );
    let (dir32, r32) = lookup();
    let size = |d: &tempfile::TempDir| {
        std::fs::metadata(d.path().join("model.safetensors"))
            .unwrap()
            .len()
    };
    assert!(
        size(&dir16) * 10 < size(&dir32) * 6,
        "{} vs {}",
        size(&dir16),
        size(&dir32)
    );
    let words = tricky_words();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let (mut a, mut b) = (doc("a", &[&refs]), doc("b", &[&refs]));
    r16.annotate(&mut a).unwrap();
    r32.annotate(&mut b).unwrap();
    assert_eq!(found(&a), found(&b));
}

/// Entities equal, scores close (bfloat16 keeps 8 significant bits).
fn assert_close_entities(a: &Document, b: &Document, tolerance: f32) {
    assert_eq!(found(a), found(b), "{}", a.id());
    for (x, y) in a.entities().iter().zip(b.entities()) {
        assert_eq!((x.span, x.tokens, x.label), (y.span, y.tokens, y.label));
        assert!(
            (x.score - y.score).abs() < tolerance,
            "{}: {} vs {}",
            a.id(),
            x.score,
            y.score
        );
    }
}

#[test]
fn bfloat16_finds_the_float32_entities() {
    assert_eq!(Options::default().precision, Precision::Float32);
    let bf16 = Options {
        precision: Precision::BFloat16,
        ..Options::default()
    };
    // The lookup model, from float32 and float16 files: the same entities, scores within bf16's
    // rounding, also through windows.
    for fp16 in [false, true] {
        let spec = Spec {
            fp16,
            ..Spec::lookup(VOCAB)
        };
        let (_d32, r32) = model(&spec, Options::default());
        let (_d16, rb) = model(&spec, bf16);
        assert_eq!(
            (r32.precision(), rb.precision()),
            (Precision::Float32, Precision::BFloat16)
        );
        let words = tricky_words();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let long: Vec<&str> = ACME_SENTENCE
            .iter()
            .copied()
            .cycle()
            .take(ACME_SENTENCE.len() * 20)
            .collect();
        let sents: &[&[&str]] = &[&refs, &long];
        let (mut a, mut b) = (doc("f32", sents), doc("bf16", sents));
        r32.annotate(&mut a).unwrap();
        rb.annotate(&mut b).unwrap();
        assert_eq!(found(&a).len(), 7 + 3 * 20, "fp16 file: {fp16}");
        assert_close_entities(&a, &b, 1e-2);
    }
    // A random model (context-dependent output), one by one and batched. Its classifier is scaled
    // so that float noise cannot flip a class in float32, which makes its logits hundreds, where
    // bfloat16's step is 1: near-ties among its nine classes break differently (about 6% of the
    // entities here), so 90% must agree, and every entity layer must be well-formed.
    let spec = Spec {
        random: Some(11),
        ..Spec::lookup(VOCAB)
    };
    let dir = tempfile::tempdir().unwrap();
    build(&spec, dir.path());
    let reference = BertRecognizer::from_dir(dir.path()).unwrap();
    let corpus = corpus();
    let mut want = docs_of(&corpus);
    assert!(reference
        .annotate_batch(&mut want)
        .iter()
        .all(Result::is_ok));
    let key = |d: &Document| -> Vec<_> { d.entities().iter().map(|e| (e.span, e.label)).collect() };
    for batch_size in [1, 64] {
        let rb = BertRecognizer::from_dir_with(dir.path(), Options { batch_size, ..bf16 }).unwrap();
        let mut got = docs_of(&corpus);
        assert!(rb.annotate_batch(&mut got).iter().all(Result::is_ok));
        let (mut same, mut total) = (0, 0);
        for (a, b) in want.iter().zip(&got) {
            let (ka, kb) = (key(a), key(b));
            same += ka.iter().filter(|e| kb.contains(e)).count();
            total += ka.len().max(kb.len());
            assert!(b
                .entities()
                .windows(2)
                .all(|w| w[0].span.end <= w[1].span.start));
            for e in b.entities() {
                assert_eq!(e.span, b.token_span(e.tokens));
                assert!((0.0..=1.0).contains(&e.score), "{}", e.score);
            }
        }
        assert!(
            total > 20 && same * 10 >= total * 9,
            "batch {batch_size}: {same} of {total}"
        );
    }
}

#[test]
fn weights_that_do_not_fit_the_config_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    build(&Spec::lookup(VOCAB), dir.path());
    let config_path = dir.path().join("config.json");
    let config = std::fs::read_to_string(&config_path).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&config).unwrap();
    // Writes `config` and returns the loading error.
    let load_err = |config: &str| {
        std::fs::write(&config_path, config).unwrap();
        BertRecognizer::from_dir(dir.path())
            .unwrap_err()
            .to_string()
    };

    v["num_hidden_layers"] = 3.into();
    let err = load_err(&v.to_string());
    assert!(err.contains("encoder.layer.2"), "{err}");

    v["num_hidden_layers"] = 2.into();
    v["intermediate_size"] = 48.into();
    let err = load_err(&v.to_string());
    assert!(err.starts_with("weights"), "{err}");

    v["intermediate_size"] = 32.into();
    v["vocab_size"] = 3.into();
    let err = load_err(&v.to_string());
    assert!(err.contains("vocab_size"), "{err}");

    v["vocab_size"] = (common::SPECIALS.len() + VOCAB.len()).into();
    v["id2label"] = serde_json::json!({"0": "O", "1": "B-PER"});
    let err = load_err(&v.to_string());
    assert!(err.starts_with("weights"), "{err}");

    std::fs::write(dir.path().join("model.safetensors"), b"not safetensors").unwrap();
    let err = load_err(&config);
    assert!(err.starts_with("weights"), "{err}");
}

#[test]
fn bio_labels_are_what_the_lookup_model_predicts() {
    // Guards the test model itself: its classes are the ones VOCAB says, read through the API.
    let (_d, r) = lookup();
    assert_eq!(r.labels().len(), BIO.len());
    let mut d = doc("g", &[&["New", "York", "said", "Jean-Luc"]]);
    r.annotate(&mut d).unwrap();
    assert_eq!(
        found(&d),
        [("New York", "LOC"), ("Jean-Luc", "PER")].map(|(a, b)| (a.to_owned(), b))
    );
}
