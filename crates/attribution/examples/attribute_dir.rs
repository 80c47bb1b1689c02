//! Runs segment → ner → attribution over every `.txt` file in a directory and writes one JSON
//! line per document with the quotes (code-point offsets), for evaluation scripts.
//!
//! ```sh
//! cargo run --release -p newsquotes-attribution --example attribute_dir -- DIR OUT.jsonl [--no-ner] [--all]
//! ```
//!
//! `--all` reports the attributions of `Scope::All` (the rules and the learned cue sieve), as
//! `newsquotes eval quotes` does on PolNeAR.

use std::io::Write;

use newsquotes_attribution::{Attributor, Scope};
use newsquotes_document::{Document, Span, Stage};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: attribute_dir DIR OUT.jsonl [--no-ner] [--all]");
        std::process::exit(2);
    }
    let no_ner = args.iter().any(|a| a == "--no-ner");
    let seg = newsquotes_segment::Segmenter::default();
    let ner = (!no_ner).then(newsquotes_ner::Recognizer::default);
    let scope = if args.iter().any(|a| a == "--all") {
        Scope::All
    } else {
        Scope::Speech
    };
    let attr = Attributor::new(scope);
    let mut paths: Vec<_> = std::fs::read_dir(&args[1])
        .expect("readable directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut out = std::io::BufWriter::new(std::fs::File::create(&args[2]).expect("output file"));
    let (mut t_seg, mut t_ner, mut t_attr) = (0.0, 0.0, 0.0);
    for p in paths {
        let text = std::fs::read_to_string(&p).expect("utf-8 text");
        let id = p.file_stem().unwrap().to_string_lossy().into_owned();
        let mut doc = Document::new(id.clone(), text.as_str());
        let t = std::time::Instant::now();
        seg.annotate(&mut doc).expect("segment");
        t_seg += t.elapsed().as_secs_f64();
        if std::env::var_os("NQ_DEBUG_TOKENS").is_some() {
            let toks: Vec<String> = doc
                .tokens()
                .iter()
                .map(|t| format!("{}/{:?}", doc.slice(t.span), t.kind))
                .collect();
            eprintln!("{}", toks.join(" "));
            for s in doc.sentences() {
                eprintln!("SENT: {}", doc.slice(s.span));
            }
        }
        let t = std::time::Instant::now();
        match &ner {
            Some(n) => n.annotate(&mut doc).expect("ner"),
            None => doc.set_entities(Vec::new()).expect("entities"),
        }
        t_ner += t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        attr.annotate(&mut doc).expect("attribution");
        t_attr += t.elapsed().as_secs_f64();
        let cp = |b: usize| text[..b].chars().count();
        let span = |s: Span| serde_json::json!({"start": cp(s.start), "end": cp(s.end), "text": doc.slice(s)});
        let quotes: Vec<_> = doc
            .quotes()
            .iter()
            .map(|q| {
                serde_json::json!({
                    "type": q.kind.name(),
                    "content": q.content.iter().map(|&s| span(s)).collect::<Vec<_>>(),
                    "cue": q.cue.map(span),
                    "speaker": q.speaker_mention.map(|m| {
                        let mut v = span(doc.mentions()[m].span);
                        v["speaker_id"] = serde_json::json!(q.speaker);
                        v
                    }),
                    "speaker_name": q.speaker.map(|s| doc.speakers()[s].name.clone()),
                    "sieve": q.sieve,
                    "confidence": q.confidence,
                })
            })
            .collect();
        let rec = serde_json::json!({"id": id, "text": text, "quotes": quotes});
        writeln!(out, "{rec}").expect("write");
    }
    eprintln!("seconds: segment {t_seg:.3} ner {t_ner:.3} attribution {t_attr:.3}");
}
