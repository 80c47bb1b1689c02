//! Segmentation: arbitrary text into paragraphs, tokens and sentences.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsquotes::Document;
use newsquotes_fuzz::{check_output, run_stages, text_of, Upto};

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    let mut doc = Document::new("fuzz", text.as_str());
    run_stages(&mut doc, Upto::Segment);
    // Tokens cover every non-whitespace character.
    let mut pos = 0;
    for t in doc.tokens() {
        let gap = &text[pos..t.span.start];
        assert!(
            gap.chars().all(char::is_whitespace),
            "untokenised text {gap:?}"
        );
        pos = t.span.end;
    }
    assert!(
        text[pos..].chars().all(char::is_whitespace),
        "untokenised tail"
    );
    check_output(&doc);
});
