//! Sentences per second of the transformer NER: one sentence per forward pass versus batches.
//!
//! ```text
//! cargo run --release -p newsquotes-ner-bert --features bert --example throughput -- \
//!     models/ner-bert ../shared/data/conll2003/conll2003_dev.iob2 [--limit N] [--threads N]
//! ```
//!
//! Reads the IOB2 file's words (labels ignored), then times the same sentences three ways:
//! one at a time (batch size 1), each document's sentences together (what `annotate` does, as the
//! evaluation runs it) and all sentences together in batches of 32 (what `annotate_batch` does
//! over many documents). Prints a notice and exits 0 when the data is absent.

use std::time::Instant;

use newsquotes_ner_bert::{BertRecognizer, Options};

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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<usize>().ok())
    };
    let positional: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || !args[i - 1].starts_with("--")))
        .map(|(_, a)| a)
        .collect();
    let (Some(model), Some(data)) = (positional.first(), positional.get(1)) else {
        eprintln!("usage: throughput MODEL_DIR DATA.iob2 [--limit N] [--threads N]");
        std::process::exit(2);
    };
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
        "{n} sentences, {words} words, {} documents; libtorch threads: {}",
        docs.len(),
        newsquotes_ner_bert::tch::get_num_threads()
    );
    let load = |batch_size| {
        BertRecognizer::from_dir_with(
            model.as_str(),
            Options {
                batch_size,
                ..Options::default()
            },
        )
    };
    let one = load(1)?;
    let batched = load(32)?;
    let sents: Vec<Vec<&str>> = docs
        .iter()
        .flatten()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    // Warm-up (first-call allocations).
    batched.tag_sentences(&sents[..sents.len().min(64)])?;

    let t = Instant::now();
    let mut found_one = 0;
    for s in &sents {
        found_one += one.tag_sentences(std::slice::from_ref(s))?[0].len();
    }
    let single = n as f64 / t.elapsed().as_secs_f64();

    let t = Instant::now();
    let mut found_doc = 0;
    for d in &docs {
        let s: Vec<Vec<&str>> = d
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect();
        found_doc += batched
            .tag_sentences(&s)?
            .iter()
            .map(Vec::len)
            .sum::<usize>();
    }
    let per_doc = n as f64 / t.elapsed().as_secs_f64();

    let t = Instant::now();
    let found_all: usize = batched.tag_sentences(&sents)?.iter().map(Vec::len).sum();
    let all = n as f64 / t.elapsed().as_secs_f64();

    println!("one sentence per pass:        {single:8.1} sentences/s ({found_one} entities)");
    println!(
        "per document, batches of 32: {per_doc:8.1} sentences/s ({found_doc} entities), {:.2}x",
        per_doc / single
    );
    println!(
        "all sentences, batches of 32:{all:8.1} sentences/s ({found_all} entities), {:.2}x",
        all / single
    );
    Ok(())
}
