//! End-to-end tests: the real `newsquotes` binary on real files.

use std::io::Write;
use std::process::{Command, Stdio};

use newsquotes_tests::{binary, check_offsets, root};

mod bad_inputs;
mod formats;
mod fuzz_regressions;
mod nothing_lost;
mod properties;
mod samples;
mod security;

fn run(args: &[&str]) -> std::process::Output {
    Command::new(binary())
        .current_dir(root())
        .args(args)
        .output()
        .expect("binary runs")
}

#[test]
fn example_offsets_are_exact_in_every_layer() {
    let out = run(&["run", "examples/harbour-strike.txt"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["id"], "harbour-strike");
    let input = std::fs::read_to_string(root().join("examples/harbour-strike.txt")).unwrap();
    assert_eq!(
        doc["text"].as_str().unwrap(),
        input,
        "text is the decoded input, verbatim"
    );
    let n = check_offsets(doc).unwrap();
    assert!(doc["quotes"].as_array().unwrap().len() >= 5);
    assert!(doc["sentences"].as_array().unwrap().len() >= 10);
    assert!(n > 50, "only {n} spans checked");
}

#[test]
fn offset_checker_catches_a_wrong_span() {
    let doc = serde_json::json!({
        "text": "“Hé,” she said.", "offset_unit": "char",
        "quotes": [{"content": [{"start": 0, "end": 5, "text": "“Hé,”"}], "cue": {"start": 10, "end": 14, "text": "said"}, "speaker": null}]
    });
    assert_eq!(check_offsets(&doc), Ok(2));
    let mut bad = doc.clone();
    bad["quotes"][0]["cue"]["start"] = 9.into();
    assert!(check_offsets(&bad).is_err());
}

#[test]
fn jsonl_from_stdin_with_a_bad_line_reports_and_goes_on() {
    let dir = std::env::temp_dir().join(format!("nq-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let errors = dir.join("errors.jsonl");
    let mut child = Command::new(binary())
        .args(["run", "-", "--format", "jsonl", "--errors"])
        .arg(&errors)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\":\"a\",\"text\":\"\xe2\x80\x9cYes,\xe2\x80\x9d she said.\"}\n{broken\n{\"id\":\"c\",\"text\":\"Fine.\"}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<_> = lines.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "c"]);
    let errs = std::fs::read_to_string(&errors).unwrap();
    let err: serde_json::Value = serde_json::from_str(errs.lines().next().unwrap()).unwrap();
    assert_eq!(err["line"], 2);
    assert_eq!(err["stage"], "ingest");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("3 inputs = 2 documents written + 1 errors"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn missing_path_is_an_error_record_not_a_crash() {
    let out = run(&[
        "run",
        "examples/harbour-strike.txt",
        "no/such/file.txt",
        "--format",
        "jsonl",
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no/such/file.txt") && stderr.contains("no such file"),
        "{stderr}"
    );
}

#[test]
fn a_bad_bert_precision_is_a_clear_error() {
    for cmd in ["run", "eval"] {
        let first = if cmd == "run" {
            "examples/harbour-strike.txt"
        } else {
            "ner"
        };
        let out = run(&[cmd, first, "--ner", "bert", "--bert-precision", "fp16"]);
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("invalid value 'fp16'") && stderr.contains("auto, f32, bf16"),
            "{cmd}: {stderr}"
        );
        // Only the transformer has a precision.
        let out = run(&[cmd, first, "--bert-precision", "bf16"]);
        assert!(!out.status.success(), "{cmd}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("add `--ner bert`"), "{cmd}: {stderr}");
    }
}
