//! JSONL reading: arbitrary bytes in a `.jsonl` file (line splitting, JSON, `text`/`html` records,
//! metadata fields). Every non-blank line is one record; documents are checked through the output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsquotes_fuzz::{check_record, ingest_file};

fuzz_target!(|data: &[u8]| {
    let records = ingest_file("jsonl", data);
    for r in &records {
        check_record(r);
    }
    if data.starts_with(&[0x1f, 0x8b]) {
        return; // gzip: lines are those of the decompressed stream
    }
    let nonblank = data
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .count();
    assert_eq!(records.len(), nonblank, "one record per non-blank line");
});
