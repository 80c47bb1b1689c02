//! HTML ingestion: arbitrary bytes in an `.html` file (charset sniffing, parsing, article
//! extraction, metadata), then the whole pipeline on the document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsquotes_fuzz::{check_record, ingest_file, run_stages, Upto};

fuzz_target!(|data: &[u8]| {
    for mut r in ingest_file("html", data) {
        if let Ok(doc) = r.as_mut() {
            run_stages(doc, Upto::Attribution);
        }
        check_record(&r);
    }
});
