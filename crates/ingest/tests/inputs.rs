//! Every way articles arrive, and every kind of bad input, on fixtures written for these tests
//! (`tests/fixtures`) or generated here.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use newsquotes_document::BoilerplateKind;
use newsquotes_ingest::{HtmlExtractor, IngestError, IngestErrorKind, Ingestor, Input, Record};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read_with(ingestor: &Ingestor, path: &Path) -> Vec<Record> {
    ingestor.read(Input::Path(path.to_owned())).collect()
}

fn read(path: &Path) -> Vec<Record> {
    read_with(&Ingestor::default(), path)
}

fn one_error(records: Vec<Record>) -> IngestError {
    assert_eq!(records.len(), 1);
    match records.into_iter().next().unwrap() {
        Err(e) => e,
        Ok(d) => panic!("expected an error, got a document: {:?}", d.text()),
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[test]
fn html_page_gives_the_article_in_paragraphs_and_its_metadata() {
    let records = read(&fixture("article.html"));
    let doc = records[0].as_ref().unwrap();
    let text = doc.text();
    assert_eq!(doc.id(), "article");
    assert_eq!(doc.source.format.as_deref(), Some("html"));
    assert_eq!(doc.source.encoding.as_deref(), Some("UTF-8"));
    assert!(
        text.starts_with("Union says members voted") || text.starts_with("Dockers at the port"),
        "{text}"
    );
    // A quote running over two paragraphs survives, with the blank line between them.
    assert!(
        text.contains("written on napkins.\n\n“What we have now is in writing"),
        "{text}"
    );
    assert!(text.contains("barely covers what the rent went up last year"));
    for furniture in [
        "Weather",
        "Subscribe",
        "Fishing fleet numbers",
        "Great news for the town",
        "All rights reserved",
        "Advertisement",
        "dataLayer",
        "font-family",
    ] {
        assert!(!text.contains(furniture), "{furniture:?} in {text}");
    }
    assert!(!text.contains("\n\n\n"));
    // A teaser link inside the story is kept in the text but marked.
    let teaser = text.find("Read more: Ferry operator").unwrap();
    assert!(doc.is_boilerplate(teaser));
    assert_eq!(doc.boilerplate().len(), 1);
    assert_eq!(doc.boilerplate()[0].kind, BoilerplateKind::Share);
    let m = &doc.metadata;
    assert_eq!(
        m.title.as_deref(),
        Some("Harbour strike ends after 41 days as dockers accept pay deal")
    );
    assert_eq!(m.authors, ["Grace Okafor", "Tomasz Wilk"]);
    assert_eq!(m.published.as_deref(), Some("2024-03-05T09:30:00Z"));
    assert_eq!(m.publisher.as_deref(), Some("The Harbour Post"));
    assert_eq!(m.language.as_deref(), Some("en"));
    assert_eq!(
        doc.source.url.as_deref(),
        Some("https://harbourpost.example/news/2024/03/05/strike-ends")
    );
}

#[test]
fn every_extractor_finds_the_article() {
    for x in HtmlExtractor::ALL {
        let ingestor = Ingestor {
            html_extractor: x,
            ..Ingestor::default()
        };
        let doc = read_with(&ingestor, &fixture("article.html"))
            .remove(0)
            .unwrap();
        assert!(
            doc.text()
                .contains("Its chief executive, Helen Barre, told reporters"),
            "{x}"
        );
        assert!(!doc.text().contains("Privacy policy"), "{x}");
    }
}

#[test]
fn declared_legacy_charset_is_honoured() {
    let doc = read(&fixture("latin1.html")).remove(0).unwrap();
    assert_eq!(doc.source.encoding.as_deref(), Some("windows-1252"));
    assert!(doc.text().contains(
        "«We are not asking for favours, we are asking for the summer,» said René Fabre"
    ));
    assert!(!doc.text().contains("Contact the newsroom"));
    assert_eq!(
        doc.metadata.title.as_deref(),
        Some("Café owners say new rules will close terraces")
    );
    assert_eq!(doc.metadata.authors, ["Amélie Durand"]);
    assert_eq!(
        doc.metadata.published.as_deref(),
        Some("2019-06-14T16:45:00+02:00")
    );
    assert_eq!(doc.metadata.publisher.as_deref(), Some("Riverside Weekly"));
    assert_eq!(doc.metadata.language.as_deref(), Some("en"));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn plain_text_is_verbatim_with_boilerplate_marked() {
    let path = fixture("article.txt");
    let doc = read(&path).remove(0).unwrap();
    assert_eq!(doc.text(), fs::read_to_string(&path).unwrap());
    assert_eq!(doc.source.format.as_deref(), Some("text"));
    use BoilerplateKind::*;
    let marked: Vec<(BoilerplateKind, &str)> = doc
        .boilerplate()
        .iter()
        .map(|b| (b.kind, doc.slice(b.span)))
        .collect();
    let kinds: Vec<_> = marked.iter().map(|m| m.0).collect();
    assert_eq!(
        kinds,
        [
            Newsletter, Newsletter, Header, Header, Comments, Caption, Caption, Share, Campaign,
            Campaign, Comments, Comments, Comments, Account, Account
        ],
        "{marked:#?}"
    );
    assert_eq!(
        marked[6].1,
        "Family members waiting at the pithead sing as the first miner is brought out (PA)"
    );
    // No article paragraph is hidden, and the headline (which reports speech) is not marked.
    for p in [
        "Mine rescue team",
        "Rescue workers heard tapping",
        "“We knew they were alive",
        "“You don’t forget",
        "The men were in good health",
        "The mine’s owner",
    ] {
        let at = doc.text().find(p).unwrap();
        assert!(!doc.is_boilerplate(at), "{p}");
    }
    let m = &doc.metadata;
    assert_eq!(
        m.title.as_deref(),
        Some("Mine rescue team ‘heard tapping for two days’ before reaching trapped workers")
    );
    assert_eq!(m.authors, ["Olwen Price"]);
    assert_eq!(m.published.as_deref(), Some("2023-11-12T22:40:00Z"));
    assert_eq!(m.publisher.as_deref(), Some("The Valley Courier"));
    assert_eq!(m.language.as_deref(), Some("en"));
}

#[test]
fn boilerplate_marking_can_be_turned_off() {
    let ingestor = Ingestor {
        mark_boilerplate: false,
        ..Ingestor::default()
    };
    let doc = read_with(&ingestor, &fixture("article.txt"))
        .remove(0)
        .unwrap();
    assert!(doc.boilerplate().is_empty());
    assert_eq!(doc.metadata.title, None);
}

#[test]
fn windows_line_endings_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(fixture("article.txt"))
        .unwrap()
        .replace('\n', "\r\n");
    let path = dir.path().join("crlf.txt");
    fs::write(&path, &text).unwrap();
    let doc = read(&path).remove(0).unwrap();
    assert_eq!(doc.text(), text);
    assert_eq!(doc.boilerplate().len(), 15);
    assert!(doc
        .boilerplate()
        .iter()
        .all(|b| !doc.slice(b.span).ends_with('\r')));
    assert_eq!(doc.metadata.authors, ["Olwen Price"]);
}

#[test]
fn jsonl_batch_gives_one_record_per_line_in_order() {
    let records = read(&fixture("batch.jsonl"));
    assert_eq!(records.len(), 6);
    let t1 = records[0].as_ref().unwrap();
    assert_eq!(t1.id(), "t1");
    assert_eq!(t1.source.url.as_deref(), Some("https://example.org/ferry"));
    assert_eq!(t1.source.line, Some(1));
    assert_eq!(t1.metadata.extra["section"], "\"transport\"");
    let h1 = records[1].as_ref().unwrap();
    assert_eq!(h1.id(), "h1");
    assert_eq!(h1.source.url.as_deref(), Some("https://example.org/pier"));
    assert!(h1
        .text()
        .contains("“The pier will reopen in time for the summer season"));
    assert!(h1.text().contains("\n\nEngineers had found rot"));
    assert!(!h1.text().contains("Contact us"));
    let e = records[2].as_ref().unwrap_err();
    assert_eq!(e.line, Some(3));
    assert!(matches!(e.kind, IngestErrorKind::Json(_)));
    let e = records[3].as_ref().unwrap_err();
    assert_eq!(e.line, Some(4));
    assert!(
        e.to_string()
            .contains("missing string field `text` or `html`"),
        "{e}"
    );
    let n = records[4].as_ref().unwrap();
    assert_eq!((n.id(), n.source.line), ("7", Some(6)));
    assert_eq!(
        n.metadata.published.as_deref(),
        Some("2022-05-16T11:33:00+01:00")
    );
    assert_eq!(n.metadata.authors, ["Ama Owusu"]);
    let e = records[5].as_ref().unwrap_err();
    assert_eq!(e.line, Some(7));
    assert!(e.to_string().contains("not a JSON object"));
}

#[test]
fn gzip_files_are_read_like_their_content() {
    let dir = tempfile::tempdir().unwrap();
    let html = fs::read(fixture("article.html")).unwrap();
    let plain = read(&fixture("article.html")).remove(0).unwrap();
    for name in ["article.html.gz", "article.gz"] {
        let p = dir.path().join(name);
        fs::write(&p, gzip(&html)).unwrap();
        let doc = read(&p).remove(0).unwrap();
        assert_eq!(doc.id(), "article");
        assert_eq!(doc.text(), plain.text(), "{name}");
        assert_eq!(doc.source.format.as_deref(), Some("html"));
    }
    let p = dir.path().join("batch.jsonl.gz");
    fs::write(&p, gzip(&fs::read(fixture("batch.jsonl")).unwrap())).unwrap();
    let records = read(&p);
    assert_eq!(records.len(), 6);
    assert_eq!(records[4].as_ref().unwrap().id(), "7");
}

#[test]
fn corrupt_gzip_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = gzip(&fs::read(fixture("article.html")).unwrap());
    let n = bytes.len();
    bytes.truncate(n / 2);
    let p = dir.path().join("cut.html.gz");
    fs::write(&p, &bytes).unwrap();
    let e = one_error(read(&p));
    assert!(matches!(e.kind, IngestErrorKind::Io(_)), "{e}");
    let p = dir.path().join("cut.jsonl.gz");
    fs::write(&p, &bytes).unwrap();
    let records = read(&p);
    let last = records.last().unwrap().as_ref().unwrap_err();
    assert!(
        matches!(last.kind, IngestErrorKind::Io(_) | IngestErrorKind::Json(_)),
        "{last}"
    );
}

#[test]
fn empty_file_is_an_error() {
    let e = one_error(read(&fixture("empty.txt")));
    assert!(matches!(e.kind, IngestErrorKind::Empty));
    assert!(e.input.ends_with("empty.txt"));
    assert_eq!(e.line, None);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("blank.html");
    fs::write(&p, " \n\n\t").unwrap();
    assert!(matches!(one_error(read(&p)).kind, IngestErrorKind::Empty));
}

#[test]
fn binary_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7 % 251) as u8));
    for name in ["photo.png", "photo.txt", "photo.html"] {
        let p = dir.path().join(name);
        fs::write(&p, &png).unwrap();
        let e = one_error(read(&p));
        assert!(matches!(e.kind, IngestErrorKind::Binary(_)), "{name}: {e}");
    }
}

#[test]
fn html_that_is_not_html_is_an_error() {
    let e = one_error(read(&fixture("not_html.html")));
    assert!(matches!(e.kind, IngestErrorKind::NotHtml(_)), "{e}");
    assert!(e.to_string().contains("not HTML"));
}

#[test]
fn truncated_html() {
    // Cut off in the page header: no article, an error that says so.
    let e = one_error(read(&fixture("truncated.html")));
    assert!(
        matches!(e.kind, IngestErrorKind::NoText { truncated: true }),
        "{e}"
    );
    assert!(e.to_string().contains("truncated"));
    // Cut off in the middle of the article: what is there is kept, with a warning.
    let doc = read(&fixture("truncated_mid.html")).remove(0).unwrap();
    assert!(doc.text().contains("Dockers at the port of Eastmouth"));
    assert!(
        doc.warnings.iter().any(|w| w.contains("truncated")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn html_without_article_text_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("blank.html");
    fs::write(
        &p,
        "<html><head><title>x</title></head><body><div></div></body></html>",
    )
    .unwrap();
    let e = one_error(read(&p));
    assert!(
        matches!(e.kind, IngestErrorKind::NoText { truncated: false }),
        "{e}"
    );
}

#[test]
fn fifty_megabyte_single_line() {
    let dir = tempfile::tempdir().unwrap();
    let line = "word ".repeat(10 * 1024 * 1024); // 50 MB, no newline
                                                 // As a text file: refused from its size, without reading it.
    let p = dir.path().join("long.txt");
    fs::write(&p, &line).unwrap();
    let e = one_error(read(&p));
    match e.kind {
        IngestErrorKind::TooLarge { size, limit } => {
            assert_eq!(size, line.len() as u64);
            assert_eq!(limit, newsquotes_ingest::DEFAULT_MAX_BYTES);
        }
        other => panic!("{other}"),
    }
    // As a JSONL line: that line is refused, the next one is read.
    let p = dir.path().join("long.jsonl");
    let mut f = fs::File::create(&p).unwrap();
    write!(
        f,
        "{{\"id\": \"long\", \"text\": \"{line}\"}}\n{{\"id\": \"next\", \"text\": \"Short.\"}}\n"
    )
    .unwrap();
    drop(f);
    let records = read(&p);
    assert_eq!(records.len(), 2);
    let e = records[0].as_ref().unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(matches!(e.kind, IngestErrorKind::TooLarge { .. }), "{e}");
    assert_eq!(records[1].as_ref().unwrap().id(), "next");
}

#[test]
fn long_single_line_under_the_limit_is_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let line = "“It goes on,” she said. ".repeat(80_000); // about 2 MB
    let p = dir.path().join("long.txt");
    fs::write(&p, &line).unwrap();
    let doc = read(&p).remove(0).unwrap();
    assert_eq!(doc.text().len(), line.len());
    assert!(doc.boilerplate().is_empty());
}

#[test]
fn size_limit_is_configurable_and_covers_compressed_input() {
    let small = Ingestor {
        max_bytes: 1000,
        ..Ingestor::default()
    };
    let e = one_error(read_with(&small, &fixture("article.html")));
    let size = fs::metadata(fixture("article.html")).unwrap().len();
    assert!(
        matches!(e.kind, IngestErrorKind::TooLarge { size: s, limit: 1000 } if s == size),
        "{e}"
    );
    assert!(e.to_string().contains("size limit of 1000 bytes"));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("aaaa.txt.gz");
    fs::write(&p, gzip(&vec![b'a'; 1_000_000])).unwrap();
    let small = Ingestor {
        max_bytes: 10_000,
        ..Ingestor::default()
    };
    // Small on disk, large once decompressed: refused after reading just past the limit.
    assert!(fs::metadata(&p).unwrap().len() < 10_000);
    let e = one_error(read_with(&small, &p));
    assert!(
        matches!(
            e.kind,
            IngestErrorKind::TooLarge {
                size: 10_001,
                limit: 10_000
            }
        ),
        "{e}"
    );
}

#[test]
fn missing_path_is_an_error() {
    let p = fixture("no-such-file.txt");
    let e = one_error(read(&p));
    assert!(matches!(e.kind, IngestErrorKind::NotFound));
    assert_eq!(e.input, p.display().to_string());
    // Expanding keeps it, so the batch reports it.
    assert_eq!(
        Ingestor::default().expand(&[Input::Path(p.clone())]),
        [Input::Path(p)]
    );
}

#[test]
fn unreadable_input_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    // A directory handed to `read` directly cannot be read as a file.
    let e = one_error(read(dir.path()));
    assert!(matches!(e.kind, IngestErrorKind::Io(_)), "{e}");
    // A file without read permission (root can read it anyway; then there is nothing to check).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let p = dir.path().join("secret.txt");
        fs::write(&p, "text").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
        if fs::read(&p).is_err() {
            let e = one_error(read(&p));
            assert!(matches!(e.kind, IngestErrorKind::Io(_)), "{e}");
        }
    }
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.txt");
    let mut bytes = "“Ça va,” dit-il. Señor Núñez said the café was closed."
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b" \xff\xfe end.");
    fs::write(&p, &bytes).unwrap();
    let doc = read(&p).remove(0).unwrap();
    assert_eq!(doc.source.encoding.as_deref(), Some("UTF-8"));
    assert!(doc.text().contains("Señor Núñez"));
    assert!(doc.text().contains('\u{FFFD}'));
    assert!(
        doc.warnings.iter().any(|w| w.contains("replaced")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn html_is_recognised_under_an_unknown_name() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("page.php");
    fs::copy(fixture("article.html"), &p).unwrap();
    let doc = read(&p).remove(0).unwrap();
    assert_eq!(doc.source.format.as_deref(), Some("html"));
    // But a .txt file is text, whatever it holds.
    let p = dir.path().join("page.txt");
    fs::copy(fixture("article.html"), &p).unwrap();
    let doc = read(&p).remove(0).unwrap();
    assert_eq!(doc.source.format.as_deref(), Some("text"));
    assert!(doc.text().starts_with("<!DOCTYPE html>"));
}

#[test]
fn directories_are_expanded_recursively_and_sorted() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("b/c")).unwrap();
    for f in ["b/c/z.txt", "a.txt", "b/y.txt"] {
        fs::write(dir.path().join(f), "Text.").unwrap();
    }
    let ingestor = Ingestor::default();
    let got = ingestor.expand(&[Input::Path(dir.path().to_owned())]);
    let want: Vec<Input> = ["a.txt", "b/c/z.txt", "b/y.txt"]
        .iter()
        .map(|f| Input::Path(dir.path().join(f)))
        .collect();
    assert_eq!(got, want);
}

/// Arbitrary bytes under every name never panic: each input gives documents or errors.
#[test]
fn arbitrary_bytes_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let pieces: [&[u8]; 10] = [
        b"<p>",
        b"</div>",
        b"<html",
        b"{\"text\": \"",
        b"\n",
        b"\xe2\x80\x9c",
        b"\xff",
        b"said ",
        b"<!--",
        b"\r\n",
    ];
    let ingestor = Ingestor::default();
    for i in 0..25 {
        let mut bytes = Vec::new();
        for _ in 0..(next() % 60) {
            let r = next();
            if r % 3 == 0 {
                bytes.push((r >> 8) as u8);
            } else {
                bytes.extend_from_slice(pieces[(r >> 8) as usize % pieces.len()]);
            }
        }
        for ext in ["txt", "html", "jsonl", "bin"] {
            let p = dir.path().join(format!("f{i}.{ext}"));
            fs::write(&p, &bytes).unwrap();
            // Errors are fine; documents must have valid spans.
            for doc in ingestor.read(Input::Path(p)).flatten() {
                for b in doc.boilerplate() {
                    assert!(doc.text().get(b.span.start..b.span.end).is_some());
                }
            }
        }
    }
}

#[test]
fn pending_then_finish_equals_read() {
    let ingestor = Ingestor::default();
    for name in [
        "batch.jsonl",
        "article.html",
        "article.txt",
        "empty.txt",
        "no-such-file.txt",
    ] {
        let direct = read(&fixture(name));
        let pending: Vec<_> = ingestor.read_pending(Input::Path(fixture(name))).collect();
        assert_eq!(pending.len(), direct.len(), "{name}");
        for (p, d) in pending.into_iter().zip(direct) {
            let finished = p.and_then(|p| {
                assert!(p.input().ends_with(name));
                ingestor.finish(p)
            });
            match (finished, d) {
                (Ok(a), Ok(b)) => {
                    assert_eq!((a.id(), a.text()), (b.id(), b.text()));
                    assert_eq!(a.metadata, b.metadata);
                    assert_eq!(a.boilerplate(), b.boilerplate());
                }
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                (a, b) => panic!("{name}: {a:?} vs {b:?}"),
            }
        }
    }
}
