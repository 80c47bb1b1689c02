//! Nothing lost: for N inputs (files and JSONL lines, good and bad, mixed), the documents written
//! plus the error records are exactly N, in input order, the stderr summary reconciles, and the
//! output is byte-identical from run to run and whatever the number of threads.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use newsquotes_tests::{binary, check_offsets};

use crate::bad_inputs::{assert_summary, Run};

/// One expected record: a document id, or an error (input, JSONL line).
#[derive(Debug, Clone, PartialEq)]
enum Want {
    Doc(String),
    Err(String, Option<u64>),
}

/// A gzip stream of `data` in stored (uncompressed) deflate blocks.
fn gzip_stored(data: &[u8]) -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    let mut chunks = data.chunks(65535).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(c) = chunks.next() {
        out.push(u8::from(chunks.peek().is_none()));
        let len = c.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(c);
    }
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// Article sentences written for these tests.
const SENTENCES: [&str; 6] = [
    "“The ferry will run on Sunday,” the operator, Lena Marsh, said.",
    "The council said the repairs would cost more than planned.",
    "“We have waited long enough,” said Tomas Weir, who runs the harbour café.",
    "According to the union, 40 workers joined the strike.",
    "She added: “Nobody wants another winter like the last one.”",
    "Police said the road would stay closed until Tuesday.",
];

fn article(i: usize) -> String {
    (0..3)
        .map(|k| SENTENCES[(i + k) % SENTENCES.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn jsonl_line(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text}).to_string()
}

/// Writes a mixed batch into `dir`; returns the command-line inputs and the expected records.
fn mixed_batch(dir: &Path) -> (Vec<String>, Vec<Want>) {
    let mut inputs = Vec::new();
    let mut want = Vec::new();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();

    // Given out of alphabetical order on purpose: output follows the command line.
    write("zeta.txt", article(0).as_bytes());
    inputs.push("zeta.txt".to_owned());
    want.push(Want::Doc("zeta".into()));

    write("empty.txt", b"");
    inputs.push("empty.txt".to_owned());
    want.push(Want::Err("empty.txt".into(), None));

    // A JSONL batch: good lines, broken lines, a blank line (skipped, not a record).
    let mut lines = Vec::new();
    for i in 0..12 {
        let line_no = lines.len() as u64 + 1;
        match i % 4 {
            1 => {
                lines.push(format!("{{\"id\": \"b{i}\", \"text\": "));
                want.push(Want::Err("batch.jsonl".into(), Some(line_no)));
            }
            3 if i == 3 => {
                lines.push(String::new());
            }
            3 => {
                lines.push(format!("{{\"id\": \"b{i}\"}}"));
                want.push(Want::Err("batch.jsonl".into(), Some(line_no)));
            }
            _ => {
                lines.push(jsonl_line(&format!("b{i}"), &article(i)));
                want.push(Want::Doc(format!("b{i}")));
            }
        }
    }
    write("batch.jsonl", (lines.join("\n") + "\n").as_bytes());
    inputs.push("batch.jsonl".to_owned());

    inputs.push("missing.txt".to_owned());
    want.push(Want::Err("missing.txt".into(), None));

    write(
        "page.html",
        format!(
            "<!DOCTYPE html><html><head><title>Harbour</title></head><body><article><h1>Harbour strike</h1><p>{}</p><p>{}</p></article></body></html>",
            article(1),
            article(2)
        )
        .as_bytes(),
    );
    inputs.push("page.html".to_owned());
    want.push(Want::Doc("page".into()));

    write("blob.bin", b"\x00\x01\x02binary\x00");
    inputs.push("blob.bin".to_owned());
    want.push(Want::Err("blob.bin".into(), None));

    // A gzip-compressed JSONL batch.
    let gz_lines: Vec<String> = (0..3)
        .map(|i| jsonl_line(&format!("g{i}"), &article(i + 3)))
        .collect();
    write(
        "more.jsonl.gz",
        &gzip_stored((gz_lines.join("\n") + "\n").as_bytes()),
    );
    inputs.push("more.jsonl.gz".to_owned());
    want.extend((0..3).map(|i| Want::Doc(format!("g{i}"))));

    // A directory: read recursively in sorted order.
    std::fs::create_dir_all(dir.join("sub/inner")).unwrap();
    write("sub/b.txt", article(4).as_bytes());
    write("sub/a.txt", b"   \n  ");
    write("sub/inner/c.txt", article(5).as_bytes());
    inputs.push("sub".to_owned());
    want.push(Want::Err("sub/a.txt".into(), None));
    want.push(Want::Doc("b".into()));
    want.push(Want::Doc("c".into()));

    write("alpha.txt", article(3).as_bytes());
    inputs.push("alpha.txt".to_owned());
    want.push(Want::Doc("alpha".into()));
    (inputs, want)
}

/// Runs the binary with `-o OUT --errors ERR`, returning the run and the raw output bytes.
fn run_to_files(dir: &Path, inputs: &[String], format: &str, threads: &str) -> (Run, Vec<u8>) {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join(format!("out.{format}"));
    let errors = out_dir.path().join("errors.jsonl");
    let res = Command::new(binary())
        .current_dir(dir)
        .arg("run")
        .args(inputs)
        .args(["--format", format, "-j", threads, "-o"])
        .arg(&out)
        .arg("--errors")
        .arg(&errors)
        .output()
        .expect("binary runs");
    let stderr = String::from_utf8_lossy(&res.stderr).into_owned();
    let bytes = std::fs::read(&out).unwrap_or_else(|e| panic!("no output file: {e}\n{stderr}"));
    let docs: Vec<Value> = match format {
        "jsonl" => String::from_utf8(bytes.clone())
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
        "json" => serde_json::from_slice::<Value>(&bytes)
            .unwrap_or_else(|e| panic!("--format json is not one JSON value: {e}"))
            .as_array()
            .expect("a JSON array")
            .clone(),
        _ => unreachable!(),
    };
    let errors: Vec<Value> = std::fs::read_to_string(&errors)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Nothing but the output and the error report is left in the output directory.
    let mut left: Vec<String> = std::fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["errors.jsonl".to_owned(), format!("out.{format}")]);
    (
        Run {
            docs,
            errors,
            stderr,
            code: res.status.code(),
        },
        bytes,
    )
}

fn check_against(run: &Run, want: &[Want]) {
    assert_summary(run, want.len());
    let want_docs: Vec<&str> = want
        .iter()
        .filter_map(|w| match w {
            Want::Doc(id) => Some(id.as_str()),
            Want::Err(..) => None,
        })
        .collect();
    let got_docs: Vec<&str> = run.docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(got_docs, want_docs, "documents in input order");
    let want_errs: Vec<(String, Option<u64>)> = want
        .iter()
        .filter_map(|w| match w {
            Want::Err(input, line) => Some((input.clone(), *line)),
            Want::Doc(_) => None,
        })
        .collect();
    let got_errs: Vec<(String, Option<u64>)> = run
        .errors
        .iter()
        .map(|e| (e["input"].as_str().unwrap().to_owned(), e["line"].as_u64()))
        .collect();
    assert_eq!(got_errs, want_errs, "error records in input order");
    for e in &run.errors {
        assert_eq!(e["stage"], "ingest", "{e}");
        assert!(!e["reason"].as_str().unwrap().is_empty());
    }
    for d in &run.docs {
        check_offsets(d).unwrap();
    }
    assert_eq!(run.code, Some(3), "some inputs failed: exit code 3");
}

#[test]
fn every_input_is_one_document_or_one_error_record_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (inputs, want) = mixed_batch(dir.path());
    for format in ["jsonl", "json"] {
        let mut outputs = Vec::new();
        for threads in ["1", "2", "2"] {
            let (run, bytes) = run_to_files(dir.path(), &inputs, format, threads);
            check_against(&run, &want);
            outputs.push((threads, bytes));
        }
        // Deterministic: identical bytes run after run, whatever the thread count.
        for (threads, bytes) in &outputs[1..] {
            assert!(
                *bytes == outputs[0].1,
                "--format {format}: output with -j {threads} differs from -j 1"
            );
        }
    }
}

#[test]
fn a_long_batch_spanning_many_chunks_keeps_every_record_in_order() {
    // Enough records for many batch chunks (threads × chunk size), with failures spread in.
    let dir = tempfile::tempdir().unwrap();
    let mut lines = Vec::new();
    let mut want = Vec::new();
    for i in 0..300u64 {
        if i % 11 == 5 {
            lines.push("{not json".to_owned());
            want.push(Want::Err("long.jsonl".into(), Some(i + 1)));
        } else if i % 13 == 7 {
            lines.push(jsonl_line(&format!("n{i}"), " \t "));
            want.push(Want::Err("long.jsonl".into(), Some(i + 1)));
        } else {
            lines.push(jsonl_line(&format!("n{i}"), &article(i as usize)));
            want.push(Want::Doc(format!("n{i}")));
        }
    }
    std::fs::write(dir.path().join("long.jsonl"), lines.join("\n")).unwrap();
    let inputs = vec!["long.jsonl".to_owned()];
    let (run1, bytes1) = run_to_files(dir.path(), &inputs, "jsonl", "2");
    check_against(&run1, &want);
    let (run2, bytes2) = run_to_files(dir.path(), &inputs, "jsonl", "1");
    check_against(&run2, &want);
    assert!(bytes1 == bytes2, "-j 2 and -j 1 outputs differ");
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_a_partial_file_never_a_complete_looking_one() {
    use std::io::Write;
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let mut child = Command::new(binary())
        .args(["run", "-", "--format", "jsonl", "-j", "1", "-o"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for i in 0..5 {
        writeln!(stdin, "{}", jsonl_line(&format!("s{i}"), &article(i))).unwrap();
    }
    stdin.flush().unwrap();
    // The binary installs its Ctrl-C handler before it creates its temporary output file: wait
    // for that file, so the signal is not delivered to a process with the default handler.
    let start = Instant::now();
    loop {
        let temp = std::fs::read_dir(dir.path()).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".newsquotes-")
        });
        if temp {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            panic!(
                "the binary exited ({status}) before creating its output file:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no temporary output file appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    // More input after the interrupt, then end of input: the run stops after what it holds.
    for i in 5..10 {
        let _ = writeln!(stdin, "{}", jsonl_line(&format!("s{i}"), &article(i)));
    }
    drop(stdin);
    let res = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert_eq!(res.status.code(), Some(130), "{stderr}");
    assert!(
        !out.exists(),
        "an interrupted run must not leave {}",
        out.display()
    );
    let partial = dir.path().join("out.jsonl.partial");
    let text = std::fs::read_to_string(&partial).expect("out.jsonl.partial exists");
    let ids: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("complete JSON lines")["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let want: Vec<String> = (0..ids.len()).map(|i| format!("s{i}")).collect();
    assert_eq!(
        ids, want,
        "the partial file holds a prefix of the input, in order"
    );
    assert!(
        stderr.contains(&format!(
            "{n} inputs = {n} documents written + 0 errors",
            n = ids.len()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("interrupted"), "{stderr}");
}
