//! Attribution (with named entities) on segmented arbitrary text. The first byte picks a news-like
//! prefix so that cues, names and quotation marks are met often.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsquotes::Document;
use newsquotes_fuzz::{check_output, run_stages, text_of, Upto};

const PREFIXES: [&str; 4] = [
    "",
    "“We will rebuild,” said Ana Costa, the mayor. ",
    "The minister, Hugh Hill, told reporters that ",
    "According to the union, ",
];

fuzz_target!(|data: &[u8]| {
    let (first, rest) = data.split_first().unwrap_or((&0, &[]));
    let text = format!(
        "{}{}",
        PREFIXES[usize::from(*first) % PREFIXES.len()],
        text_of(rest)
    );
    let mut doc = Document::new("fuzz", text);
    run_stages(&mut doc, Upto::Attribution);
    check_output(&doc);
});
