//! The whole pipeline as the CLI runs it: the first byte picks the file name (text, HTML, JSONL,
//! gzip, no extension), the rest is the file; every record goes through `Pipeline::process` and
//! every output format.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsquotes::Pipeline;
use newsquotes_fuzz::{check_record, ingest_file};

const EXTS: [&str; 6] = ["txt", "html", "jsonl", "", "txt.gz", "htm"];

fuzz_target!(|data: &[u8]| {
    static P: OnceLock<Pipeline> = OnceLock::new();
    let pipeline = P.get_or_init(Pipeline::english);
    let (first, rest) = data.split_first().unwrap_or((&0, &[]));
    for mut r in ingest_file(EXTS[usize::from(*first) % EXTS.len()], rest) {
        if let Ok(doc) = r.as_mut() {
            if let Err(e) = pipeline.process(doc) {
                panic!("the pipeline failed on an ingested document: {e}");
            }
        }
        check_record(&r);
    }
});
