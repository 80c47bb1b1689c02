//! Replays every input in `fuzz/regressions/<target>/` (inputs that once crashed, hung or broke an
//! invariant in a fuzz target) the way its target feeds it, in process, and checks the result with
//! the property-test invariants. Add a file there for each crash the fuzzers find.

use std::io::Write;
use std::path::Path;

use newsquotes::ingest::{Ingestor, Input};
use newsquotes_tests::root;

use crate::properties::{check_document, process_and_check};

/// The file extensions the `pipeline` target picks by the input's first byte.
const PIPELINE_EXTS: [&str; 6] = ["txt", "html", "jsonl", "", "txt.gz", "htm"];
/// The prefixes the `attribution` target picks by the input's first byte.
const ATTRIBUTION_PREFIXES: [&str; 4] = [
    "",
    "“We will rebuild,” said Ana Costa, the mayor. ",
    "The minister, Hugh Hill, told reporters that ",
    "According to the union, ",
];

/// Ingests `data` as a file named `input.EXT` and processes every document it yields.
fn ingest_and_check(ext: &str, data: &[u8]) -> Result<usize, String> {
    let dir = tempfile::tempdir().unwrap();
    let name = if ext.is_empty() {
        "input".to_owned()
    } else {
        format!("input.{ext}")
    };
    let path = dir.path().join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(data)
        .unwrap();
    let mut docs = 0;
    for record in Ingestor::default().read(Input::Path(path)) {
        match record {
            Err(e) if e.to_string().is_empty() => return Err("empty error message".into()),
            Err(_) => {}
            Ok(mut doc) => {
                let text = doc.text().to_owned();
                newsquotes::Pipeline::english()
                    .process(&mut doc)
                    .map_err(|e| format!("process failed: {e}"))?;
                check_document(&doc, &text)?;
                docs += 1;
            }
        }
    }
    Ok(docs)
}

thread_local! {
    static PANICS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts panics on the current thread, even those a library catches (`catch_unwind` inside
/// ingestion turns some into lost metadata): the fuzzers abort on them, so replays must see them.
fn panics_on_this_thread() -> usize {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.with(|p| p.set(p.get() + 1));
            previous(info);
        }));
    });
    PANICS.with(std::cell::Cell::get)
}

fn replay(target: &str, data: &[u8]) -> Result<(), String> {
    let before = panics_on_this_thread();
    let result = std::panic::catch_unwind(|| replay_inner(target, data))
        .unwrap_or_else(|_| Err("panicked".into()));
    let caught = panics_on_this_thread() - before;
    if caught > 0 && result.is_ok() {
        return Err(format!("{caught} panic(s) caught inside the library"));
    }
    result
}

fn replay_inner(target: &str, data: &[u8]) -> Result<(), String> {
    let text = |d: &[u8]| String::from_utf8_lossy(d).into_owned();
    match target {
        "ingest_text" => ingest_and_check("txt", data).map(drop),
        "ingest_html" => ingest_and_check("html", data).map(drop),
        "ingest_jsonl" => ingest_and_check("jsonl", data).map(drop),
        "segment" => process_and_check(&text(data)).map(drop),
        "attribution" => {
            let (first, rest) = data.split_first().unwrap_or((&0, &[]));
            let prefix = ATTRIBUTION_PREFIXES[usize::from(*first) % ATTRIBUTION_PREFIXES.len()];
            process_and_check(&format!("{prefix}{}", text(rest))).map(drop)
        }
        "pipeline" => {
            let (first, rest) = data.split_first().unwrap_or((&0, &[]));
            ingest_and_check(
                PIPELINE_EXTS[usize::from(*first) % PIPELINE_EXTS.len()],
                rest,
            )
            .map(drop)
        }
        other => Err(format!("unknown fuzz target directory {other:?}")),
    }
}

#[test]
fn every_fuzz_regression_input_replays_cleanly() {
    replay_dir("fuzz/regressions");
}

fn replay_dir(rel_dir: &str) {
    let dir = root().join(rel_dir);
    let mut replayed = 0;
    let mut failures = Vec::new();
    for target in std::fs::read_dir(&dir).unwrap().flatten() {
        if !target.path().is_dir() {
            continue;
        }
        let name = target.file_name().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(target.path())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for f in files {
            let data = std::fs::read(&f).unwrap();
            if let Err(e) = replay(&name, &data) {
                failures.push(format!("{}: {e}", rel(&f)));
            }
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "no regression inputs found in {}",
        dir.display()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn rel(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}
