//! Property tests: any text segments without panicking, and every layer is well formed.

use newsquotes_document::text::is_space;
use newsquotes_document::{Document, Stage};
use newsquotes_segment::{segment, Segmentation, Segmenter};
use proptest::prelude::*;

/// Checks every invariant of a segmentation of `text`.
fn check_invariants(text: &str, seg: &Segmentation) {
    let ok = |s: &newsquotes_document::Span| {
        s.start < s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    // Paragraphs: sorted, disjoint, trimmed, single lines.
    for (i, p) in seg.paragraphs.iter().enumerate() {
        assert!(ok(p), "paragraph {i} {p:?}");
        let s = p.slice(text);
        assert_eq!(s.trim(), s, "paragraph {i} not trimmed");
        assert!(
            !s.contains(['\n', '\r', '\u{2028}', '\u{2029}']),
            "paragraph {i} spans lines"
        );
        if i > 0 {
            assert!(seg.paragraphs[i - 1].end < p.start);
        }
    }
    // Tokens: sorted, disjoint, space-free, covering all text but white space and invisible format
    // characters (`text::is_space`), in paragraphs.
    let mut pos = 0;
    let mut para = 0;
    for (i, t) in seg.tokens.iter().enumerate() {
        assert!(ok(&t.span), "token {i} {t:?}");
        assert!(t.span.start >= pos, "token {i} overlaps or is unsorted");
        assert!(
            text[pos..t.span.start].chars().all(is_space),
            "text before token {i} is not covered: {:?}",
            &text[pos..t.span.start]
        );
        assert!(
            !t.span.slice(text).chars().any(char::is_whitespace),
            "token {i} contains whitespace: {:?}",
            t.span.slice(text)
        );
        while para < seg.paragraphs.len() && seg.paragraphs[para].end <= t.span.start {
            para += 1;
        }
        assert!(
            para < seg.paragraphs.len() && seg.paragraphs[para].contains(&t.span),
            "token {i} outside the paragraphs"
        );
        pos = t.span.end;
    }
    assert!(text[pos..].chars().all(is_space), "tail not covered");
    // Sentences: sorted, disjoint, inside one paragraph, token ranges consecutive and exact.
    let mut next_token = 0;
    let mut para = 0;
    for (i, s) in seg.sentences.iter().enumerate() {
        assert!(ok(&s.span), "sentence {i} {s:?}");
        assert_eq!(s.tokens.start, next_token, "sentence {i} skips tokens");
        assert!(s.tokens.end > s.tokens.start, "sentence {i} has no token");
        assert_eq!(seg.tokens[s.tokens.start].span.start, s.span.start);
        assert_eq!(seg.tokens[s.tokens.end - 1].span.end, s.span.end);
        next_token = s.tokens.end;
        while para < seg.paragraphs.len() && seg.paragraphs[para].end <= s.span.start {
            para += 1;
        }
        assert!(
            para < seg.paragraphs.len() && seg.paragraphs[para].contains(&s.span),
            "sentence {i} not inside one paragraph"
        );
    }
    assert_eq!(next_token, seg.tokens.len(), "tokens outside sentences");
    // The document accepts the layers.
    let mut doc = Document::new("p", text);
    Segmenter.annotate(&mut doc).expect("layers are valid");
}

/// Characters news text and hostile input are made of.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z]{1,8}",
        2 => "[0-9]{1,4}",
        3 => Just(" ".to_owned()),
        1 => prop::sample::select(vec!["\n", "\r", "\r\n", "\n\n", "\t", "\u{a0}", "\u{2028}", "\u{3000}"]).prop_map(str::to_owned),
        3 => prop::sample::select(vec![
            ".", ",", "!", "?", "...", "…", ":", ";", "-", "--", "—", "(", ")", "[", "]", "/", "&", "@", "%", "$", "£", "*", "#", "=", ">", "<", "_",
        ]).prop_map(str::to_owned),
        3 => prop::sample::select(vec!["\"", "'", "“", "”", "‘", "’", "«", "»", "„", "`", "´"]).prop_map(str::to_owned),
        2 => prop::sample::select(vec![
            "Mr.", "U.S.", "a.m.", "Inc.", "J.", "n't", "'s", "’s", "’90s", "’n’", ":)", "etc.", "1.", "http://", "www.", "x@y.io", "e.g.", "3.5", "20,100",
        ]).prop_map(str::to_owned),
        1 => prop::sample::select(vec![
            "\u{301}", "\u{200d}", "\u{fe0f}", "👍", "🏽", "🇬", "👨‍👩‍👧", "\0", "\u{200b}", "\u{feff}", "ש", "ال", "\u{202e}", "\u{94d}", "क", "中文", "。",
        ]).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn any_mixture_segments_cleanly(pieces in prop::collection::vec(piece(), 0..120)) {
        let text: String = pieces.concat();
        check_invariants(&text, &segment(&text));
    }

    #[test]
    fn any_unicode_segments_cleanly(text in any::<String>()) {
        check_invariants(&text, &segment(&text));
    }
}

#[test]
fn long_runs_without_spaces() {
    let runs = [
        "a".repeat(200_000),
        "ab.".repeat(50_000),
        "'".repeat(30_000),
        "“”".repeat(20_000),
        "x'".repeat(50_000),
        "http://".to_owned() + &")".repeat(50_000),
        "1,".repeat(50_000),
        "=".repeat(100_000),
        "é\u{301}".repeat(30_000),
        "\u{200d}".repeat(30_000),
        "!? ".repeat(30_000),
        ". ".repeat(30_000),
    ];
    for text in &runs {
        check_invariants(text, &segment(text));
    }
}

#[test]
fn empty_and_blank_texts() {
    for text in ["", " ", "\n\r\n", "\u{a0}\u{3000}"] {
        let seg = segment(text);
        assert!(seg.paragraphs.is_empty() && seg.tokens.is_empty() && seg.sentences.is_empty());
        check_invariants(text, &seg);
    }
}
