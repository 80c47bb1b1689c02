//! Throughput of `segment` (paragraphs + tokens + sentences) on a news article written for this
//! benchmark, and on pathological inputs at growing sizes to show that time stays linear.
//!
//! Run: `cargo bench -p newsquotes-segment`.

// `criterion_group!` generates an undocumented public function.
#![allow(missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use newsquotes_segment::segment;

/// An original news-style article (about 3 kB) with the usual hard cases: titles, initials,
/// abbreviations, money, decimals, quotations over several sentences, possessives, clitics,
/// URLs, a list and caption lines.
const ARTICLE: &str = "\
Ferry crews extend strike as talks stall – union says

About 1,350 crew members have stopped work since Monday, according to union figures

Photograph: Ines Varga/Harbour Post

By Tomas A. Lindqvist
Friday 12 May 2023 09:40 BST

Ferry crews in Northport will stay off the job until the operator restores their night-shift \
allowance, union leaders said on Friday, after a third round of talks ended without a deal.

“We are tired. We are not beaten. We will sail again when we’re paid what we’re owed,” said \
Grace M. Adeyemi, the crews’ representative. “Who, tell me, runs a ferry without a crew?” she \
asked. “Nobody!”

The operator, Blue Strait Lines Ltd., said it had offered a 3.5% rise worth £1.2m a year. \
Its chief executive, Mr. Paul O’Hara, told reporters at 10 a.m. that the offer was “fair and \
final.” He didn’t take questions.

Dr. Helen Shaw of the U.K. Maritime Institute said the dispute was the longest since the ’90s. \
“The soldiers’ and sailors’ unions have watched this closely,” she said. “They know what’s at \
stake... and so do we.”

Sen. Maria Ruiz, a former Gov. of the region, urged both sides to meet again on Jan. 4 at \
St. Anne’s Hall, No. 2 Quay Street. Her office published the letter at \
https://example.org/letters/ruiz-ferry?id=42 and asked for replies to desk@example.org.

What the union wants:
1. The allowance restored in full.
2. A cap of 48 hours a week.
3. No compulsory overtime on public holidays.

Passengers have been left stranded. Some paid $20,100 for private boats, while others waited \
for hours at the terminal, where the café ran out of food by noon. “It’s chaos,” said one \
traveller, Ahmed Karimi, 34. “I’ve been here since 6 a.m. and nobody’s told us anything.”

Shares in Blue Strait Lines fell 4.25p, or 2.1%, to 198p on Friday. Analysts at Harbour & \
Co. said the strike could cost the firm up to £1.5bn if it lasted into the summer season, \
e.g. through lost bookings and refunds.

The union’s general secretary, J. R. Okafor, said the crews would ballot on Monday. \
“If they want us back, they know where we are,” he said. “We’re not going anywhere.”
";

fn article_bench(c: &mut Criterion) {
    let first = segment(ARTICLE);
    let (sentences, tokens) = (first.sentences.len(), first.tokens.len());
    assert_eq!((sentences, tokens), (32, 459), "article counts changed");
    // About 100 kB of text: 32 copies, one blank line apart.
    let copies = 32;
    let text = [ARTICLE; 32].join("\n");
    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("news_article_x32", |b| {
        b.iter(|| {
            let seg = segment(black_box(&text));
            assert_eq!(seg.sentences.len(), sentences * copies);
            assert_eq!(seg.tokens.len(), tokens * copies);
            seg
        })
    });
    group.finish();
}

fn pathological_bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    for size in [256 * 1024, 1024 * 1024] {
        // No whitespace at all: one chunk of word characters, dots, commas and apostrophes.
        let unit = "abc.de,fg'hi-jk.L";
        let no_space = unit.repeat(size / unit.len());
        group.throughput(Throughput::Bytes(no_space.len() as u64));
        group.bench_with_input(BenchmarkId::new("no_spaces", size), &no_space, |b, text| {
            b.iter(|| {
                let seg = segment(black_box(text));
                assert_eq!(seg.sentences.len(), 1);
                seg
            })
        });
        // Quote marks only, straight and curly, with and without spaces.
        let unit = "\"“'‘ ’”\" ";
        let quotes = unit.repeat(size / unit.len());
        let marks = quotes.chars().filter(|c| !c.is_whitespace()).count();
        group.throughput(Throughput::Bytes(quotes.len() as u64));
        group.bench_with_input(BenchmarkId::new("quote_marks", size), &quotes, |b, text| {
            b.iter(|| {
                let seg = segment(black_box(text));
                assert_eq!(seg.tokens.len(), marks);
                seg
            })
        });
    }
    // Ten thousand quote marks inside prose.
    let prose: String = (0..10_000)
        .map(|i| {
            if i % 2 == 0 {
                "“Yes. "
            } else {
                "No,” he said. "
            }
        })
        .collect();
    group.throughput(Throughput::Bytes(prose.len() as u64));
    group.bench_function("quotes_10k_in_prose", |b| {
        b.iter(|| {
            let seg = segment(black_box(&prose));
            assert_eq!(
                seg.tokens
                    .iter()
                    .filter(|t| t.kind == newsquotes_document::TokenKind::Quote)
                    .count(),
                10_000
            );
            seg
        })
    });
    group.finish();
}

criterion_group!(benches, article_bench, pathological_bench);
criterion_main!(benches);
