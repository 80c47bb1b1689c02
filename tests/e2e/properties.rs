//! Property tests across the whole pipeline, in process (`newsquotes::Pipeline::english()`): for
//! any Unicode text (combining marks, emoji, right-to-left text, NUL and control characters, lone
//! CR, mixed line endings, long runs without spaces, quotation marks of every style, unbalanced,
//! apostrophes) processing succeeds, every layer is set, sorted, in bounds and on char boundaries,
//! references are valid, and the schema v1 JSON is valid with exact offsets.
//!
//! The default run is short (64 cases, texts up to 2 KB). For a long run:
//! `PROPTEST_CASES=5000 NEWSQUOTES_PROPTEST_MAX_LEN=20000 cargo test -p newsquotes-tests --release --test e2e properties`.
//! Deterministic edge cases follow: 10,000 unbalanced quotation marks (every run) and 1 MB without
//! spaces (ignored in debug builds, where it is slow; run it with `--release` or `--ignored`).

use std::io::Write;
use std::sync::OnceLock;

use proptest::prelude::*;

use newsquotes::document::{Document, Span};
use newsquotes::ingest::{Ingestor, Input};
use newsquotes::Pipeline;
use newsquotes_tests::check_offsets;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::english)
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(64)
}

fn max_len() -> usize {
    std::env::var("NEWSQUOTES_PROPTEST_MAX_LEN")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2048)
}

/// Pieces of hostile and ordinary text; texts are sequences of them.
const PIECES: &[&str] = &[
    // Ordinary news words, names, cues, pronouns.
    "The",
    "mayor",
    "said",
    "told reporters",
    "according to",
    "she",
    "he",
    "they",
    "Hugh Hill",
    "Ana Costa",
    "the union",
    "Nato",
    "on Friday",
    "would",
    "that",
    "added",
    "claimed",
    "denied",
    "O’Neil",
    "don't",
    "it’s",
    "rock ’n’ roll",
    "’90s",
    "d’Alembert",
    "Mr.",
    "Dr.",
    "U.S.",
    "e.g.",
    // Quotation marks of every style, alone.
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "„",
    "‚",
    "‹",
    "›",
    "「",
    "」",
    "『",
    "』",
    "＂",
    "`",
    "``",
    "''",
    "″",
    "〝",
    "〞",
    "« ",
    " »",
    // Punctuation.
    ".",
    ",",
    "!",
    "?",
    "…",
    "...",
    "—",
    "–",
    "-",
    ":",
    ";",
    "(",
    ")",
    "[",
    "]",
    "/",
    "&",
    "%",
    "3.5",
    "1,000",
    "2026-11-25",
    "10:30",
    // Whitespace and line endings, including lone CR and Unicode separators.
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "\r\n\r\n",
    "\t",
    "\u{a0}",
    "\u{2028}",
    "\u{2029}",
    "\u{3000}",
    "\u{85}",
    "\u{b}",
    "\u{c}",
    // Invisible and control characters.
    "\0",
    "\u{7}",
    "\u{1b}",
    "\u{7f}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{ad}",
    "\u{fffd}",
    // Combining marks, alone and on letters.
    "\u{301}",
    "e\u{301}",
    "a\u{20dd}",
    "Z\u{335}\u{31b}\u{326}",
    "\u{308}\u{308}\u{308}",
    // Emoji, with modifiers, ZWJ sequences and flags.
    "👍",
    "👍🏽",
    "👨‍👩‍👧",
    "🇫🇷",
    "❤️",
    "🏳️‍🌈",
    // Right-to-left text and bidi controls.
    "مرحبا",
    "قال",
    "שלום",
    "אמר",
    "\u{202e}",
    "\u{200f}",
    "\u{2067}",
    // Other scripts.
    "東京",
    "他说",
    "Привет",
    "сказал",
    "नमस्ते",
    "ไทย",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\u{10ffff}",
];

/// A piece: mostly from the list, sometimes an arbitrary char or a run without spaces.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        3 => any::<char>().prop_map(String::from),
        1 => (proptest::sample::select(&["x", "ab", "é", "“", "’", "-", "🙂"][..]), 1..300usize)
            .prop_map(|(s, n)| s.repeat(n)),
        1 => "[a-zA-Z]{1,40}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    let max = max_len();
    proptest::collection::vec(piece(), 0..(max / 4).max(1)).prop_map(move |v| {
        let mut s = String::new();
        for p in v {
            if s.len() + p.len() > max {
                break;
            }
            s.push_str(&p);
        }
        s
    })
}

/// Checks one span: in bounds, on char boundaries, `start <= end`, non-empty where required.
fn span_ok(text: &str, what: &str, s: Span, non_empty: bool) -> Result<(), String> {
    if s.start > s.end || s.end > text.len() {
        return Err(format!(
            "{what}: {s:?} out of bounds ({} bytes)",
            text.len()
        ));
    }
    if !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
        return Err(format!("{what}: {s:?} not on char boundaries"));
    }
    if non_empty && s.is_empty() {
        return Err(format!("{what}: empty span {s:?}"));
    }
    Ok(())
}

/// Spans sorted by start and pairwise disjoint.
fn disjoint(text: &str, what: &str, spans: &[Span]) -> Result<(), String> {
    for (i, &s) in spans.iter().enumerate() {
        span_ok(text, &format!("{what}[{i}]"), s, true)?;
        if i > 0 && s.start < spans[i - 1].end {
            return Err(format!(
                "{what}[{i}] {s:?} overlaps or precedes {:?}",
                spans[i - 1]
            ));
        }
    }
    Ok(())
}

/// Every invariant a processed document must satisfy, checked independently of the model's own
/// validating setters.
pub(crate) fn check_document(doc: &Document, input: &str) -> Result<(), String> {
    let text = doc.text();
    if text != input {
        return Err("the text changed".into());
    }
    use newsquotes::Layer::*;
    // Boilerplate is set by plain-text ingestion only (HTML extraction drops it instead).
    for layer in [
        Paragraphs, Sentences, Tokens, Entities, Mentions, Speakers, Quotes,
    ] {
        if !doc.has(layer) {
            return Err(format!("layer {layer:?} not set"));
        }
    }
    disjoint(text, "paragraphs", doc.paragraphs())?;
    let bp: Vec<Span> = doc.boilerplate().iter().map(|b| b.span).collect();
    disjoint(text, "boilerplate", &bp)?;
    let toks: Vec<Span> = doc.tokens().iter().map(|t| t.span).collect();
    disjoint(text, "tokens", &toks)?;
    // Tokens and the gaps between them (white space, invisible format characters) reproduce the
    // text.
    let mut pos = 0;
    for (i, t) in toks
        .iter()
        .chain(std::iter::once(&Span::new(text.len(), text.len())))
        .enumerate()
    {
        let gap = &text[pos..t.start];
        if !gap.chars().all(newsquotes::document::text::is_space) {
            return Err(format!("text {gap:?} before token {i} is in no token"));
        }
        pos = t.end;
    }
    let n_tok = toks.len();
    let sents: Vec<Span> = doc.sentences().iter().map(|s| s.span).collect();
    disjoint(text, "sentences", &sents)?;
    for (i, s) in doc.sentences().iter().enumerate() {
        let r = s.tokens;
        if r.start > r.end || r.end > n_tok {
            return Err(format!(
                "sentences[{i}]: token range {r:?} invalid ({n_tok} tokens)"
            ));
        }
        if r.start < r.end
            && (toks[r.start].start < s.span.start || toks[r.end - 1].end > s.span.end)
        {
            return Err(format!("sentences[{i}]: tokens {r:?} outside {:?}", s.span));
        }
    }
    // Each sentence lies inside one paragraph.
    let paras = doc.paragraphs();
    for (i, s) in sents.iter().enumerate() {
        if !paras.iter().any(|p| p.contains(s)) {
            return Err(format!("sentences[{i}] {s:?} is inside no paragraph"));
        }
    }
    let ents: Vec<Span> = doc.entities().iter().map(|e| e.span).collect();
    disjoint(text, "entities", &ents)?;
    for (i, e) in doc.entities().iter().enumerate() {
        if !(0.0..=1.0).contains(&e.score) {
            return Err(format!("entities[{i}]: score {}", e.score));
        }
        let r = e.tokens;
        if r.start >= r.end || r.end > n_tok {
            return Err(format!("entities[{i}]: token range {r:?} invalid"));
        }
        if toks[r.start].start != e.span.start || toks[r.end - 1].end != e.span.end {
            return Err(format!(
                "entities[{i}]: span {:?} is not its tokens {r:?}",
                e.span
            ));
        }
    }
    let mentions = doc.mentions();
    for (i, m) in mentions.iter().enumerate() {
        span_ok(text, &format!("mentions[{i}]"), m.span, true)?;
        if i > 0
            && (m.span.start, m.span.end) < (mentions[i - 1].span.start, mentions[i - 1].span.end)
        {
            return Err(format!("mentions[{i}] unsorted"));
        }
    }
    let mut owner = vec![None; mentions.len()];
    for (i, s) in doc.speakers().iter().enumerate() {
        if s.mentions.windows(2).any(|w| w[0] >= w[1]) {
            return Err(format!("speakers[{i}]: mentions unsorted"));
        }
        for &m in &s.mentions {
            match owner.get_mut(m) {
                None => return Err(format!("speakers[{i}]: mention {m} does not exist")),
                Some(Some(j)) => return Err(format!("mention {m} in speakers {j} and {i}")),
                Some(o) => *o = Some(i),
            }
        }
    }
    let quotes = doc.quotes();
    for (i, q) in quotes.iter().enumerate() {
        if q.content.is_empty() {
            return Err(format!("quotes[{i}]: no content"));
        }
        disjoint(text, &format!("quotes[{i}].content"), &q.content)?;
        if let Some(c) = q.cue {
            span_ok(text, &format!("quotes[{i}].cue"), c, true)?;
        }
        if q.speaker_mention.is_some_and(|m| m >= mentions.len()) {
            return Err(format!("quotes[{i}]: bad speaker mention"));
        }
        if q.speaker.is_some_and(|s| s >= doc.speakers().len()) {
            return Err(format!("quotes[{i}]: bad speaker"));
        }
        if !(0.0..=1.0).contains(&q.confidence) {
            return Err(format!("quotes[{i}]: confidence {}", q.confidence));
        }
        if i > 0 {
            let (a, b) = (quotes[i - 1].content[0], q.content[0]);
            if (b.start, b.end) < (a.start, a.end) {
                return Err(format!("quotes[{i}] unsorted"));
            }
        }
    }
    // The schema v1 JSON: valid (it round-trips through text), offsets exact.
    let json = newsquotes::output::to_json_value(doc);
    let line = serde_json::to_string(&json).map_err(|e| e.to_string())?;
    let back: serde_json::Value =
        serde_json::from_str(&line).map_err(|e| format!("invalid JSON: {e}"))?;
    if back["text"].as_str() != Some(input) {
        return Err("JSON text differs from the input".into());
    }
    if back["schema_version"] != 1 {
        return Err("schema_version is not 1".into());
    }
    check_offsets(&back)?;
    for key in [
        "paragraphs",
        "sentences",
        "entities",
        "quotes",
        "speakers",
        "boilerplate",
    ] {
        let n = back[key].as_array().map(Vec::len);
        let want = match key {
            "paragraphs" => doc.paragraphs().len(),
            "sentences" => doc.sentences().len(),
            "entities" => doc.entities().len(),
            "quotes" => doc.quotes().len(),
            "speakers" => doc.speakers().len(),
            _ => doc.boilerplate().len(),
        };
        if n != Some(want) {
            return Err(format!("JSON {key}: {n:?} items, document has {want}"));
        }
    }
    Ok(())
}

/// Runs the pipeline on `text` and checks the result.
pub(crate) fn process_and_check(text: &str) -> Result<Document, String> {
    let mut doc = Document::new("prop", text);
    doc.set_boilerplate(Vec::new()).map_err(|e| e.to_string())?;
    pipeline()
        .process(&mut doc)
        .map_err(|e| format!("process failed: {e}"))?;
    check_document(&doc, text)?;
    Ok(doc)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn any_text_processes_with_valid_layers_and_exact_json_offsets(text in text()) {
        if let Err(e) = process_and_check(&text) {
            prop_assert!(false, "{e}\ntext: {text:?}");
        }
    }

    #[test]
    fn any_bytes_ingest_to_a_document_or_an_error_and_documents_process(
        bytes in proptest::collection::vec(any::<u8>(), 0..512),
        text in text(),
        ext in proptest::sample::select(&["txt", "html", "jsonl", "dat"][..]),
        wrap_html in any::<bool>(),
    ) {
        // Half arbitrary bytes, half text (optionally dressed as a page or a JSONL line).
        let mut file = tempfile::Builder::new().suffix(&format!(".{ext}")).tempfile().unwrap();
        let content: Vec<u8> = match (ext, wrap_html) {
            ("html", true) => format!("<html><body><p>{text}</p></body></html>").into_bytes(),
            ("jsonl", true) => format!("{}\n", serde_json::json!({"id": "x", "text": text})).into_bytes(),
            (_, true) => text.into_bytes(),
            (_, false) => bytes,
        };
        file.write_all(&content).unwrap();
        file.flush().unwrap();
        let ingestor = Ingestor::default();
        for record in ingestor.read(Input::Path(file.path().to_owned())) {
            match record {
                Err(e) => prop_assert!(!e.to_string().is_empty()),
                Ok(mut doc) => {
                    let input = doc.text().to_owned();
                    if let Err(e) = pipeline().process(&mut doc) {
                        prop_assert!(false, "process failed: {e}");
                    }
                    if let Err(e) = check_document(&doc, &input) {
                        prop_assert!(false, "{e}\ntext: {input:?}");
                    }
                }
            }
        }
    }
}

/// Deterministic edge cases that are small enough for every run.
#[test]
fn hostile_texts_process_with_valid_layers() {
    let cases: Vec<String> = vec![
        String::new(),
        " ".into(),
        "\r".into(),
        "\r\r\r\n\n\r".into(),
        "\0".repeat(100),
        "“".into(),
        "”".into(),
        "\"".repeat(3),
        "“”".repeat(50),
        "” said the mayor “".into(),
        "'".repeat(500),
        "‘’‚‛“”„‟«»‹›「」『』\"'`".repeat(30),
        "He said: “".into(),
        "“We will not stop,\n\n“Never,” she said.\n\n“And".into(),
        "e\u{301}".repeat(400),
        "\u{301}".repeat(400),
        "👨‍👩‍👧".repeat(200),
        "قال الوزير «نحن مستعدون» أمس.".into(),
        "\u{202e}“olleh,” dias ehs.\u{202c}".into(),
        "a\rb\nc\r\nd\n\re".repeat(50),
        "said said said said according to according to".into(),
        "“said,” said “said,” said said.".into(),
        format!("“{}”, he said.", "word ".repeat(2000)),
        format!("“{}", "x".repeat(5000)),
    ];
    for text in cases {
        if let Err(e) = process_and_check(&text) {
            panic!(
                "{e}\ntext (first 200 chars): {:?}",
                text.chars().take(200).collect::<String>()
            );
        }
    }
}

/// 10,000 unbalanced quotation marks of every style, between words.
#[test]
fn ten_thousand_unbalanced_quotation_marks() {
    let marks = [
        "“", "”", "\"", "‘", "’", "«", "»", "„", "'", "‹", "›", "「", "』",
    ];
    let mut text = String::new();
    for i in 0..10_000 {
        text.push_str(marks[(i * 7 + i / 13) % marks.len()]);
        text.push_str(if i % 5 == 0 { " said Hugh. " } else { "word " });
    }
    let doc = process_and_check(&text).unwrap_or_else(|e| panic!("{e}"));
    assert!(doc.tokens().len() >= 20_000);
}

/// One megabyte without a space. Ignored by default in debug builds (slow without optimisation):
/// `cargo test -p newsquotes-tests --test e2e -- --ignored one_megabyte`.
#[test]
#[cfg_attr(debug_assertions, ignore)]
fn one_megabyte_without_spaces() {
    let pattern = "abc“déf”,ghi’s—jkl.";
    let mut text = pattern.repeat((1 << 20) / pattern.len() + 1);
    let mut end = 1 << 20;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    process_and_check(&text).unwrap_or_else(|e| panic!("{e}"));
    let letters = "x".repeat(1 << 20);
    process_and_check(&letters).unwrap_or_else(|e| panic!("{e}"));
}
