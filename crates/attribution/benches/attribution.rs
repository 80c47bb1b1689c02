//! Attribution throughput on a fixed article we wrote (segmentation runs once, outside the loop).

// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsquotes_attribution::Attributor;
use newsquotes_document::{Document, Stage};

const ARTICLE: &str = include_str!("article.txt");

fn prepared() -> Document {
    let mut doc = Document::new("bench", ARTICLE);
    newsquotes_segment::Segmenter::default()
        .annotate(&mut doc)
        .expect("segment");
    doc.set_entities(Vec::new()).expect("entities");
    doc
}

fn bench(c: &mut Criterion) {
    let base = prepared();
    let mut g = c.benchmark_group("attribution");
    g.throughput(Throughput::Bytes(ARTICLE.len() as u64));
    g.bench_function("article", |b| {
        b.iter(|| {
            let mut doc = base.clone();
            Attributor::default()
                .annotate(&mut doc)
                .expect("attribution");
            assert!(doc.quotes().len() >= 10);
            doc
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
