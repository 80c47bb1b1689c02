//! Sentences per second of the transformer NER: one sentence per forward pass versus batches.
//!
//! ```text
//! cargo run --release -p newsquotes-ner-bert --features bert --example throughput -- \
//!     models/ner-bert ../shared/data/conll2003/conll2003_dev.iob2 \
//!     [--limit N] [--threads N] [--batch N] [--precision f32,bf16] [--repeat N]
//! ```
//!
//! Reads the IOB2 file's words (labels ignored), then, at each precision (default: `f32` then
//! `bf16`), times the same sentences three ways: one at a time (batch size 1), each document's
//! sentences together (what `annotate` does, as the evaluation runs it) and all sentences together
//! in batches of `--batch` (default 32; what `annotate_batch` does over many documents). Speed-ups
//! are against one sentence at a time at the same precision; with both precisions, the bf16/f32
//! ratios of each mode follow. With `--repeat N` each mode is timed N times and the best rate
//! is kept (steadier on a shared machine). Prints a notice and exits 0 when the data is absent.

use std::time::Instant;

use newsquotes_ner_bert::{BertRecognizer, Options, Precision};

fn read_iob2(text: &str) -> Vec<Vec<Vec<String>>> {
    let mut docs = Vec::new();
    let mut doc: Vec<Vec<String>> = Vec::new();
    let mut sent: Vec<String> = Vec::new();
    for line in text.lines().chain(["# doc"]) {
        if line == "# doc" || line.trim().is_empty() {
            if !sent.is_empty() {
                doc.push(std::mem::take(&mut sent));
            }
            if line == "# doc" && !doc.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
        } else {
            sent.push(line.split('\t').next().unwrap_or("").to_owned());
        }
    }
    docs
}

/// Sentences per second of the three modes at one precision, and the entities each found.
struct Rates {
    single: (f64, usize),
    per_doc: (f64, usize),
    all: (f64, usize),
}

fn measure(
    model: &str,
    docs: &[Vec<Vec<String>>],
    precision: Precision,
    batch: usize,
    repeat: usize,
) -> Result<Rates, Box<dyn std::error::Error>> {
    let load = |batch_size| {
        BertRecognizer::from_dir_with(
            model,
            Options {
                batch_size,
                precision,
                ..Options::default()
            },
        )
    };
    let one = load(1)?;
    let batched = load(batch)?;
    let sents: Vec<Vec<&str>> = docs
        .iter()
        .flatten()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    let n = sents.len() as f64;
    // Warm-up (first-call allocations, oneDNN kernel selection) for both batch shapes.
    batched.tag_sentences(&sents[..sents.len().min(64)])?;
    for s in sents.iter().take(16) {
        one.tag_sentences(std::slice::from_ref(s))?;
    }

    // Sentences per second of `pass`, the best of `repeat` runs, and what the last run found.
    let best = |pass: &dyn Fn() -> Result<usize, newsquotes_ner_bert::Error>| {
        let mut rate = 0_f64;
        let mut found = 0;
        for _ in 0..repeat {
            let t = Instant::now();
            found = pass()?;
            rate = rate.max(n / t.elapsed().as_secs_f64());
        }
        Ok::<_, newsquotes_ner_bert::Error>((rate, found))
    };
    let single = best(&|| {
        let mut found = 0;
        for s in &sents {
            found += one.tag_sentences(std::slice::from_ref(s))?[0].len();
        }
        Ok(found)
    })?;
    let per_doc = best(&|| {
        let mut found = 0;
        for d in docs {
            let s: Vec<Vec<&str>> = d
                .iter()
                .map(|s| s.iter().map(String::as_str).collect())
                .collect();
            found += batched
                .tag_sentences(&s)?
                .iter()
                .map(Vec::len)
                .sum::<usize>();
        }
        Ok(found)
    })?;
    let all = best(&|| Ok(batched.tag_sentences(&sents)?.iter().map(Vec::len).sum()))?;
    Ok(Rates {
        single,
        per_doc,
        all,
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let flag = |name: &str| value(name).and_then(|v| v.parse::<usize>().ok());
    let positional: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || !args[i - 1].starts_with("--")))
        .map(|(_, a)| a)
        .collect();
    let usage = "usage: throughput MODEL_DIR DATA.iob2 [--limit N] [--threads N] [--batch N] \
                 [--precision f32,bf16] [--repeat N]";
    let (Some(model), Some(data)) = (positional.first(), positional.get(1)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let precisions: Vec<Precision> = match value("--precision") {
        Some(list) => match list.split(',').map(str::parse).collect() {
            Ok(p) => p,
            Err(e) => {
                eprintln!("--precision: {e}\n{usage}");
                std::process::exit(2);
            }
        },
        None => vec![Precision::Float32, Precision::BFloat16],
    };
    let batch = flag("--batch").unwrap_or(32).max(1);
    let repeat = flag("--repeat").unwrap_or(1).max(1);
    let Ok(text) = std::fs::read_to_string(data) else {
        println!("{data} not found: skipped");
        return Ok(());
    };
    if let Some(t) = flag("--threads") {
        newsquotes_ner_bert::tch::set_num_threads(t as i32);
    }
    let mut docs = read_iob2(&text);
    if let Some(limit) = flag("--limit") {
        let mut left = limit;
        docs.retain_mut(|d| {
            d.truncate(left);
            left -= d.len();
            !d.is_empty()
        });
    }
    let n: usize = docs.iter().map(Vec::len).sum();
    let words: usize = docs.iter().flatten().map(Vec::len).sum();
    println!(
        "{n} sentences, {words} words, {} documents; libtorch threads: {}; best of {repeat}",
        docs.len(),
        newsquotes_ner_bert::tch::get_num_threads()
    );
    let mut results = Vec::new();
    for &precision in &precisions {
        let r = measure(model, &docs, precision, batch, repeat)?;
        let (single, found_one) = r.single;
        let (per_doc, found_doc) = r.per_doc;
        let (all, found_all) = r.all;
        let batches = format!("batches of {batch}");
        println!("precision {precision}:");
        println!(
            "  {:<34}{single:8.1} sentences/s ({found_one} entities)",
            "one sentence per pass:"
        );
        println!(
            "  {:<34}{per_doc:8.1} sentences/s ({found_doc} entities), {:.2}x",
            format!("per document, {batches}:"),
            per_doc / single
        );
        println!(
            "  {:<34}{all:8.1} sentences/s ({found_all} entities), {:.2}x",
            format!("all sentences, {batches}:"),
            all / single
        );
        results.push((precision, r));
    }
    let f32 = results.iter().find(|(p, _)| *p == Precision::Float32);
    let bf16 = results.iter().find(|(p, _)| *p == Precision::BFloat16);
    if let (Some((_, f)), Some((_, b))) = (f32, bf16) {
        println!("bf16 / f32, same mode:");
        let modes = [
            ("one sentence per pass:", b.single.0 / f.single.0),
            ("per document:", b.per_doc.0 / f.per_doc.0),
            ("all sentences:", b.all.0 / f.all.0),
        ];
        for (mode, ratio) in modes {
            println!("  {mode:<34}{ratio:8.2}x");
        }
        println!(
            "cross, not a batching speed-up (bf16 all sentences / f32 one per pass): {:.2}x",
            b.all.0 / f.single.0
        );
    }
    Ok(())
}
