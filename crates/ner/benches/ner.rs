//! Throughput of the NER stage on an already segmented article (tokens per second).
//!
//! `cargo bench -p newsquotes-ner`. The article below was written for this benchmark.

#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsquotes_document::{Document, Sentence, Span, Stage, Token, TokenKind, TokenRange};
use newsquotes_ner::Recognizer;

const ARTICLE: &str = "\
HARBOUR WORKERS WALK OUT IN PORT ELLISTON
PORT ELLISTON , March 4 ( Coastline Wire ) - Dock workers at the Port Elliston container terminal walked out on Tuesday , the Maritime Workers Union said , after talks with Brindle Logistics broke down over pay .
\" We are not going back for promises written on napkins , \" said Grace Adeyemi , the union 's regional secretary , speaking outside the terminal gates .
Adeyemi said more than 400 members had joined the strike and that pickets would stay in place until Brindle made a written offer .
Brindle Logistics , which is owned by the Rotterdam-based Kessel Group , said in a statement that it regretted the action and had offered a 4.5 percent rise .
Its chief executive , Martin Okafor , told the Elliston Herald that the company could not match wage deals struck in Antwerp or Hamburg .
Transport minister Helen Marsh urged both sides to return to the table and said the government would appoint a mediator from the Advisory , Conciliation and Arbitration Service if needed .
Shipping lines including Nordhavn and Atlas Maritime diverted three vessels to Felixstowe on Tuesday evening , according to port officials .
The strike is the first at Port Elliston since 2019 , when a two-week stoppage cost local businesses an estimated 12 million pounds .
Okafor said Brindle remained committed to the port and to its workforce , and that talks could resume as early as Thursday .
Union members voted 87 percent in favour of industrial action in a ballot last month , Adeyemi said .
Local MP David Chen said he had written to the minister and to the Kessel Group asking them to intervene .
\" Families in this town depend on the port , and they deserve a fair settlement , \" Chen said .
The European Transport Workers ' Federation said in Brussels that it supported the strike .
";

fn article() -> Document {
    let mut doc = Document::new("bench", ARTICLE);
    let mut tokens = Vec::new();
    let mut sents = Vec::new();
    let mut pos = 0;
    for line in ARTICLE.split_inclusive('\n') {
        let first = tokens.len();
        let mut off = pos;
        for w in line.split_inclusive([' ', '\n']) {
            let t = w.trim_end();
            if !t.is_empty() {
                let kind = if t.chars().all(char::is_alphabetic) {
                    TokenKind::Word
                } else {
                    TokenKind::Punct
                };
                tokens.push(Token {
                    span: Span::new(off, off + t.len()),
                    kind,
                });
            }
            off += w.len();
        }
        sents.push(Sentence {
            span: Span::new(pos, pos + line.trim_end().len()),
            tokens: TokenRange::new(first, tokens.len()),
        });
        pos += line.len();
    }
    doc.set_tokens(tokens).unwrap();
    doc.set_sentences(sents).unwrap();
    doc
}

fn bench(c: &mut Criterion) {
    let rec = Recognizer::default();
    let doc = article();
    let mut probe = doc.clone();
    rec.annotate(&mut probe).unwrap();
    let expected = probe.entities().len();
    assert!(expected >= 20, "the model finds the article's entities");
    let mut g = c.benchmark_group("ner");
    g.throughput(Throughput::Elements(doc.tokens().len() as u64));
    g.bench_function("annotate_article", |b| {
        b.iter(|| {
            let mut d = doc.clone();
            rec.annotate(&mut d).unwrap();
            assert_eq!(d.entities().len(), expected);
        })
    });
    g.finish();
    c.bench_function("load_default_model", |b| {
        b.iter(|| newsquotes_ner::Model::from_bytes(newsquotes_ner::DEFAULT_MODEL).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
