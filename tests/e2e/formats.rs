//! Every output format through the binary, and the -o temporary-file behaviour.

use std::process::Command;

use newsquotes_tests::{binary, root};

fn tmpdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("nq-formats-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run_ok(args: &[&str]) -> std::process::Output {
    let out = Command::new(binary())
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn csv_has_a_row_per_quote_matching_the_json() {
    let json = run_ok(&["run", "examples/harbour-strike.txt", "-q"]);
    let docs: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let quotes = docs[0]["quotes"].as_array().unwrap().len();
    let csv = run_ok(&[
        "run",
        "examples/harbour-strike.txt",
        "--format",
        "csv",
        "-q",
    ]);
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(text.starts_with("doc_id,quote_index,type,quote,speaker,"));
    // Quoted fields may hold newlines only if the text does; count records by the doc-id prefix.
    let rows = text
        .lines()
        .filter(|l| l.starts_with("harbour-strike,"))
        .count();
    assert_eq!(rows, quotes);
}

#[test]
fn output_file_is_complete_and_no_temporary_file_is_left() {
    let dir = tmpdir("o");
    let out = dir.join("out.jsonl");
    run_ok(&[
        "run",
        "examples/harbour-strike.txt",
        "--format",
        "jsonl",
        "-q",
        "-o",
        out.to_str().unwrap(),
    ]);
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written.lines().count(), 1);
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["out.jsonl"], "temporary files left behind");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn html_brat_and_summary_formats_work_through_the_binary() {
    let dir = tmpdir("fmt");
    let html = dir.join("r.html");
    run_ok(&[
        "run",
        "examples/",
        "--format",
        "html",
        "-q",
        "-o",
        html.to_str().unwrap(),
    ]);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<article>") && page.contains("class=\"q"));
    let brat = dir.join("brat");
    run_ok(&[
        "run",
        "examples/",
        "--format",
        "brat",
        "-q",
        "-o",
        brat.to_str().unwrap(),
    ]);
    let ann = std::fs::read_to_string(brat.join("000001_harbour-strike.ann")).unwrap();
    assert!(ann.contains("\tContent ") && ann.contains("Attribution:"));
    let summary = run_ok(&["run", "examples/", "--format", "summary", "-q"]);
    let s = String::from_utf8(summary.stdout).unwrap();
    assert!(s.starts_with("documents "), "{s}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn brat_without_an_output_directory_is_a_clear_error() {
    let out = Command::new(binary())
        .current_dir(root())
        .args(["run", "examples/", "--format", "brat"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o DIR"));
}

#[cfg(unix)]
#[test]
fn output_to_a_pipe_is_written_in_place_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tmpdir("fifo");
    let fifo = dir.join("pipe");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let reader = Command::new("cat")
        .arg(&fifo)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    run_ok(&[
        "run",
        "examples/harbour-strike.txt",
        "--format",
        "jsonl",
        "-q",
        "-o",
        fifo.to_str().unwrap(),
    ]);
    let got = reader.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&got.stdout).lines().count(), 1);
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe was replaced by a regular file");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn attribution_scope_all_adds_learned_attributions_only() {
    let dir = tmpdir("scope");
    let input = dir.join("attitude.txt");
    std::fs::write(
        &input,
        "Port workers walked out on Monday.\n\n“We will stay out until the offer changes,” said Grace Adeyemi, the union leader.\n\nThe port authority is expected to make a new offer on Friday.\n",
    )
    .unwrap();
    let path = input.to_str().unwrap();
    let quotes = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut all = vec!["run", path, "-q"];
        all.extend_from_slice(args);
        let out = run_ok(&all);
        let docs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        docs[0]["quotes"].as_array().unwrap().clone()
    };
    let speech = quotes(&[]);
    assert_eq!(speech, quotes(&["--attributions", "speech"]));
    let all = quotes(&["--attributions", "all"]);
    // Here (a cued quote and an attitude, nothing the speech scope filters or a continuation to
    // join) every speech quote is kept and what is added comes from the learned sieve.
    for q in &speech {
        assert!(all.contains(q), "{q} missing");
    }
    let added: Vec<&serde_json::Value> = all.iter().filter(|q| !speech.contains(q)).collect();
    assert!(!added.is_empty(), "{all:#?}");
    assert!(
        added.iter().all(|q| q["sieve"] == "learned-cue"),
        "{added:#?}"
    );
    assert!(added
        .iter()
        .any(|q| q["content"][0]["text"] == "to make a new offer on Friday"));
    // An unknown scope is a usage error.
    let bad = Command::new(binary())
        .current_dir(root())
        .args(["run", path, "--attributions", "most"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let _ = std::fs::remove_dir_all(&dir);
}
