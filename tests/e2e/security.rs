//! Security: the HTML report cannot be made to run script by article text or metadata; no crate
//! links or calls networking code; nothing read from an input decides a path that is written.

use std::path::{Path, PathBuf};
use std::process::Command;

use newsquotes_tests::{binary, root};

/// A tag in an HTML document: its name and its attributes (name, raw value).
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// A small HTML tag scanner (enough to audit our own report): returns every start tag, skipping
/// comments and the raw text of `<style>`, `<script>`, `<textarea>` and `<title>` elements.
fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'/' || b[j] == b'!') {
            i = html[j..].find('>').map_or(b.len(), |e| j + e + 1);
            continue;
        }
        let name_start = j;
        while j < b.len() && b[j].is_ascii_alphanumeric() {
            j += 1;
        }
        if j == name_start {
            i += 1;
            continue;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                j += 1;
                break;
            }
            let a = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !b"=>/".contains(&b[j]) {
                j += 1;
            }
            let attr = html[a..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let v = j + 1;
                    j = html[v..].find(q as char).map_or(b.len(), |e| v + e);
                    value = html[v..j.min(b.len())].to_owned();
                    j += 1;
                } else {
                    let v = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = html[v..j].to_owned();
                }
            }
            if attr.is_empty() {
                j += 1;
            } else {
                attrs.push((attr, value));
            }
        }
        i = j;
        if ["style", "script", "textarea", "title"].contains(&name.as_str()) {
            let close = format!("</{name}");
            i = html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(b.len(), |e| i + e);
        }
        out.push(Tag { name, attrs });
    }
    out
}

/// What is dangerous in a report: script-capable elements, event-handler attributes, and
/// `javascript:`/`data:`/`vbscript:` URLs in any attribute.
fn dangers(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for t in tags(html) {
        if [
            "script", "img", "iframe", "object", "embed", "svg", "math", "form", "input", "base",
            "link", "frame", "video", "audio", "source",
        ]
        .contains(&t.name.as_str())
        {
            found.push(format!("<{}> element", t.name));
        }
        for (a, v) in &t.attrs {
            if a.starts_with("on") {
                found.push(format!("<{} {a}=...> event handler", t.name));
            }
            let v: String = v
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if ["javascript:", "vbscript:", "data:"]
                .iter()
                .any(|s| v.starts_with(s))
                || v.contains("javascript&")
            {
                found.push(format!("<{} {a}={v:?}> script URL", t.name));
            }
        }
        if t.name == "meta"
            && t.attrs
                .iter()
                .any(|(a, v)| a == "http-equiv" && v.eq_ignore_ascii_case("refresh"))
        {
            found.push("<meta http-equiv=refresh>".into());
        }
    }
    found
}

#[test]
fn the_audit_catches_injected_markup() {
    // The checks can fail: an unescaped payload is caught in each of its forms.
    assert!(dangers("<p>fine</p><style>a<b{}</style>").is_empty());
    assert_eq!(dangers("<p><script>alert(1)</script></p>").len(), 1);
    assert_eq!(
        dangers("<div title=\"x\" onmouseover=\"alert(1)\">").len(),
        1
    );
    assert_eq!(dangers("<a href=' javascript:alert(1)'>x</a>").len(), 1);
    assert_eq!(dangers("<a href=JaVaScRiPt:alert(1)>x</a>").len(), 1);
    assert_eq!(
        dangers("<span title=\"\"><img src=x onerror=alert(1)>\">").len(),
        2
    );
    assert!(
        dangers("<p>&lt;script&gt;alert(1)&lt;/script&gt; onmouseover=&quot;x&quot;</p>")
            .is_empty()
    );
}

const PAYLOADS: [&str; 6] = [
    "<script>alert('t')</script>",
    "\"><img src=x onerror=alert(1)>",
    "' onmouseover='alert(2)' x='",
    "javascript:alert(3)",
    "</title><script>alert(4)</script>",
    "<a href=\"javascript:alert(5)\">click</a>",
];

#[test]
fn the_html_report_escapes_hostile_titles_bylines_urls_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = Vec::new();
    for (i, p) in PAYLOADS.iter().enumerate() {
        let text = format!(
            "“{p} is what we found,” said {p} Hugh Hill.\n\nThe minister, {p}, told reporters the plan was {p}. “No,” she said.",
        );
        lines.push(
            serde_json::json!({
                "id": format!("{p}-{i}"),
                "text": text,
                "title": p,
                "author": p,
                "authors": [p, "Ana Costa"],
                "url": p,
                "publisher": p,
                "published": p,
                "language": p,
                *p: p,
            })
            .to_string(),
        );
    }
    std::fs::write(dir.path().join("hostile.jsonl"), lines.join("\n")).unwrap();
    // An HTML page whose markup carries the payloads in its metadata (entity-encoded, so they
    // become real `<`, `"` characters after parsing).
    let enc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let page = format!(
        "<!DOCTYPE html><html><head><title>{t}</title><meta name=\"author\" content=\"{a}\">\
         <meta property=\"og:title\" content=\"{a}\"><meta property=\"og:url\" content=\"javascript:alert(6)\">\
         <meta property=\"og:site_name\" content=\"{a}\"></head><body><article><h1>{t}</h1>\
         <p class=\"byline\">By {t}</p><p>“{t} works,” said Ana Costa, who found {t} in the harbour.</p>\
         <p>The council said {t} would be removed by Friday.</p></article></body></html>",
        t = enc(PAYLOADS[0]),
        a = enc(PAYLOADS[1]),
    );
    std::fs::write(dir.path().join("hostile.html"), page).unwrap();
    let report = dir.path().join("report.html");
    let out = Command::new(binary())
        .current_dir(dir.path())
        .args([
            "run",
            "hostile.jsonl",
            "hostile.html",
            "--format",
            "html",
            "-q",
            "-o",
        ])
        .arg(&report)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&report).unwrap();
    let found = dangers(&html);
    assert!(
        found.is_empty(),
        "injected markup in the report: {found:#?}"
    );
    // The payloads are shown, escaped, not dropped.
    assert!(
        html.contains("&lt;script&gt;alert("),
        "script payload not shown escaped"
    );
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        html.contains("javascript:alert(3)"),
        "the javascript: text is shown as text"
    );
    // The report's own markup stays well formed around the payloads: one article per document.
    let articles = tags(&html).iter().filter(|t| t.name == "article").count();
    assert_eq!(articles, PAYLOADS.len() + 1, "one <article> per document");
    // And the page forbids scripts outright.
    assert!(
        tags(&html).iter().any(|t| t.name == "meta"
            && t.attrs
                .iter()
                .any(|(a, v)| a == "content" && v.contains("default-src 'none'"))),
        "no Content-Security-Policy meta tag"
    );
}

/// Networking APIs and crates no newsquotes crate may use.
const NET_APIS: [&str; 12] = [
    "std::net",
    "TcpStream",
    "TcpListener",
    "UdpSocket",
    "ToSocketAddrs",
    "reqwest",
    "ureq::",
    "hyper::",
    "tokio::net",
    "curl::",
    "isahc",
    "attohttpc",
];
const NET_CRATES: [&str; 18] = [
    "reqwest",
    "ureq",
    "hyper",
    "hyper-util",
    "curl",
    "curl-sys",
    "isahc",
    "attohttpc",
    "surf",
    "minreq",
    "http_req",
    "tokio",
    "mio",
    "socket2",
    "async-std",
    "hf-hub",
    "cached-path",
    "native-tls",
];

/// Lines of Rust source that use networking APIs.
fn network_uses(path: &str, source: &str) -> Vec<String> {
    source
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .filter_map(|(i, l)| {
            NET_APIS
                .iter()
                .find(|api| l.contains(*api))
                .map(|api| format!("{path}:{}: uses {api}: {}", i + 1, l.trim()))
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "target") {
                rust_files(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_crate_source_uses_networking_apis() {
    assert_eq!(
        network_uses(
            "x.rs",
            "use std::net::TcpStream;\n// std::net in a comment\nlet c = reqwest::get(u);"
        )
        .len(),
        2,
        "the scanner finds what it looks for"
    );
    let mut files = Vec::new();
    rust_files(&root().join("crates"), &mut files);
    assert!(files.len() >= 9, "crate sources not found");
    let mut uses = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        uses.extend(network_uses(&f.display().to_string(), &src));
    }
    assert!(
        uses.is_empty(),
        "networking code in crates/:\n{}",
        uses.join("\n")
    );
}

/// The packages `cargo tree` lists for the binary's normal and build dependencies (default
/// features): what actually gets compiled in.
fn linked_packages() -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .current_dir(root())
        .args([
            "tree",
            "-p",
            "newsquotes-cli",
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--offline",
            "--format",
            "{p}",
        ])
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect()
}

#[test]
fn no_networking_crate_is_linked_into_the_binary() {
    let pkgs = linked_packages();
    assert!(
        pkgs.iter().any(|p| p == "newsquotes-ingest") && pkgs.iter().any(|p| p == "serde_json"),
        "cargo tree output not understood: {pkgs:?}"
    );
    let bad: Vec<&String> = pkgs
        .iter()
        .filter(|p| NET_CRATES.contains(&p.as_str()))
        .collect();
    assert!(bad.is_empty(), "networking crates linked: {bad:?}");
    // And no crate manifest asks for one, even optionally or as a dev-dependency.
    let mut manifests = vec![root().join("Cargo.toml"), root().join("tests/Cargo.toml")];
    for e in std::fs::read_dir(root().join("crates")).unwrap().flatten() {
        manifests.push(e.path().join("Cargo.toml"));
    }
    for m in manifests.iter().filter(|m| m.exists()) {
        let text = std::fs::read_to_string(m).unwrap();
        for line in text.lines() {
            let key = line.split(['=', '.', ' ']).next().unwrap_or("").trim();
            assert!(
                !NET_CRATES.contains(&key),
                "{} depends on networking crate {key}: {line}",
                m.display()
            );
        }
    }
}

#[test]
fn document_ids_never_decide_where_files_are_written() {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    let ids = [
        "../../escaped",
        "../sibling",
        "/tmp/absolute-newsquotes-test",
        "..",
        ".",
        ".hidden",
        "",
        "a/b/c",
        "a\\b\\..\\..\\c",
        "nul\u{0}byte",
        "CON",
        "very-long-".repeat(40).as_str(),
        "ünïcödé✓",
    ]
    .map(str::to_owned);
    let lines: Vec<String> = ids
        .iter()
        .map(|id| serde_json::json!({"id": id, "text": "“Stay,” she said."}).to_string())
        .collect();
    std::fs::write(work.join("ids.jsonl"), lines.join("\n")).unwrap();
    let brat = work.join("brat");
    let out = Command::new(binary())
        .current_dir(&work)
        .args(["run", "ids.jsonl", "--format", "brat", "-q", "-o", "brat"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Only `work/ids.jsonl` and `work/brat/` exist; brat/ holds plain files with safe names.
    let mut top: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["work"]);
    let mut here: Vec<String> = std::fs::read_dir(&work)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    here.sort();
    assert_eq!(here, ["brat", "ids.jsonl"]);
    assert!(!Path::new("/tmp/absolute-newsquotes-test.txt").exists());
    let mut names: Vec<String> = Vec::new();
    for e in std::fs::read_dir(&brat).unwrap() {
        let e = e.unwrap();
        assert!(
            e.file_type().unwrap().is_file(),
            "{:?} is not a plain file",
            e.path()
        );
        names.push(e.file_name().to_string_lossy().into_owned());
    }
    assert_eq!(
        names.len(),
        2 * ids.len(),
        "a .txt and a .ann per document: {names:?}"
    );
    for n in &names {
        assert!(
            !n.starts_with('.')
                && n.len() <= 120
                && n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
                && (n.ends_with(".txt") || n.ends_with(".ann")),
            "unsafe file name {n:?}"
        );
    }
    names.sort();
    names.dedup();
    assert_eq!(
        names.len(),
        2 * ids.len(),
        "two documents were written to one file"
    );
}
