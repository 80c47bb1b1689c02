//! HTML extraction throughput (pages per second, one thread) for each extractor, on the pages in
//! `tests/fixtures` (written for this crate). Run: `cargo bench -p newsquotes-ingest --bench html`.

// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsquotes_ingest::{extract_html, HtmlExtractor};

fn pages() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let article = std::fs::read_to_string(dir.join("article.html")).unwrap();
    let latin1: String = std::fs::read(dir.join("latin1.html"))
        .unwrap()
        .iter()
        .map(|&b| b as char)
        .collect();
    // A long page: the article's body repeated as a live blog of 40 entries.
    let body_start = article.find("<div class=\"story-body\">").unwrap();
    let body_end = article[body_start..].find("</div>").unwrap() + body_start + 6;
    let body = &article[body_start..body_end];
    let long = format!(
        "{}{}{}",
        &article[..body_start],
        body.repeat(40),
        &article[body_end..]
    );
    vec![article, latin1, long]
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut g = c.benchmark_group("html_extraction");
    g.throughput(Throughput::Elements(pages.len() as u64));
    for x in HtmlExtractor::ALL {
        g.bench_function(x.name(), |b| {
            b.iter(|| {
                let mut words = 0;
                for p in &pages {
                    let a = extract_html(p, x);
                    assert!(!a.text.is_empty());
                    words += a.text.split_whitespace().count();
                }
                words
            })
        });
    }
    g.finish();
    let mut g = c.benchmark_group("html_extraction_bytes");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("combined", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| extract_html(p, HtmlExtractor::Combined).text.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
