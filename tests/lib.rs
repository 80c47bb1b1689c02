//! Test-only crate: end-to-end tests (in `tests/e2e/`) that run the real `newsquotes` binary, and
//! the labeled samples (in `tests/samples/`).
//!
//! [`binary`] builds the binary once (with the same cargo and profile as the tests) and returns
//! its path.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The workspace root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace root")
}

/// Path to the `newsquotes` binary, built on first use by `cargo build -p newsquotes-cli`.
pub fn binary() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        // The test executable lives in <target>/<profile>/deps/.
        let exe = std::env::current_exe().expect("current exe");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("test binary in <target>/<profile>/deps");
        let target_dir = profile_dir.parent().expect("target dir");
        let release = profile_dir.file_name().is_some_and(|n| n == "release");
        let mut cmd = Command::new(cargo);
        cmd.current_dir(root())
            .args(["build", "-q", "-p", "newsquotes-cli", "--bin", "newsquotes"])
            .env("CARGO_TARGET_DIR", target_dir);
        if release {
            cmd.arg("--release");
        }
        let status = cmd.status().expect("cargo runs");
        assert!(status.success(), "building the newsquotes binary failed");
        let bin = profile_dir.join(format!("newsquotes{}", std::env::consts::EXE_SUFFIX));
        assert!(bin.exists(), "{} missing after build", bin.display());
        bin
    })
}

/// Checks every span of every layer of a schema v1 document: `text` sliced by code points at
/// `[start, end)` must equal the span's `text` field where it has one, and `start <= end <= len`.
/// Returns the number of spans checked.
pub fn check_offsets(doc: &serde_json::Value) -> Result<usize, String> {
    let text: Vec<char> = doc["text"]
        .as_str()
        .ok_or("document has no text")?
        .chars()
        .collect();
    if doc["offset_unit"] != "char" {
        return Err("offset_unit is not \"char\"".into());
    }
    let mut checked = 0;
    let mut check = |where_: String, span: &serde_json::Value| -> Result<(), String> {
        let s = span["start"]
            .as_u64()
            .ok_or(format!("{where_}: no start"))? as usize;
        let e = span["end"].as_u64().ok_or(format!("{where_}: no end"))? as usize;
        if s > e || e > text.len() {
            return Err(format!(
                "{where_}: {s}..{e} out of bounds ({} chars)",
                text.len()
            ));
        }
        if let Some(t) = span.get("text") {
            let slice: String = text[s..e].iter().collect();
            if t.as_str() != Some(slice.as_str()) {
                return Err(format!("{where_}: text {t} != slice {slice:?}"));
            }
        }
        checked += 1;
        Ok(())
    };
    let arr = |v: &serde_json::Value| v.as_array().cloned().unwrap_or_default();
    for layer in ["paragraphs", "boilerplate", "sentences", "entities"] {
        for (i, s) in arr(&doc[layer]).iter().enumerate() {
            check(format!("{layer}[{i}]"), s)?;
        }
    }
    for (i, sp) in arr(&doc["speakers"]).iter().enumerate() {
        for (j, m) in arr(&sp["mentions"]).iter().enumerate() {
            check(format!("speakers[{i}].mentions[{j}]"), m)?;
        }
    }
    for (i, q) in arr(&doc["quotes"]).iter().enumerate() {
        for (j, c) in arr(&q["content"]).iter().enumerate() {
            check(format!("quotes[{i}].content[{j}]"), c)?;
        }
        for key in ["cue", "speaker"] {
            if !q[key].is_null() {
                check(format!("quotes[{i}].{key}"), &q[key])?;
            }
        }
    }
    Ok(checked)
}
