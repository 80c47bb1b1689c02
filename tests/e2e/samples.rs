//! Quality floor: the pipeline on `tests/samples/` must score at least the figures recorded in
//! `tests/samples/floor.json`. Raise a floor when quality rises; never lower one silently.

use std::collections::BTreeMap;

use newsquotes::Pipeline;
use newsquotes_eval::samples::{eval_samples, load_samples, SamplesReport};
use newsquotes_tests::root;

/// The figures the floor file constrains, by name, from a samples report.
fn measured(r: &SamplesReport) -> BTreeMap<&'static str, Option<f64>> {
    let q = &r.quotes.scores;
    let ours = &r.sentences.systems[0].overall;
    BTreeMap::from([
        ("quotes_direct_soft_f1", q.direct.soft.f1()),
        ("quotes_all_soft_f1", q.all.soft.f1()),
        ("quotes_all_exact_f1", q.all.exact.f1()),
        ("quotes_speaker_accuracy", q.all.speaker.value()),
        ("quotes_speaker_recall", q.all.speaker_end_to_end.value()),
        ("quotes_cue_accuracy", q.all.cue.value()),
        (
            "quotes_resolved_speaker_accuracy",
            q.all.resolved_speaker.value(),
        ),
        ("ner_f1", r.ner.counts.overall.f1()),
        ("sentences_boundary_f1", ours.boundaries.f1()),
        ("sentences_exact_docs", ours.exact_docs.value()),
        ("boilerplate_char_f1", r.boilerplate.f1()),
    ])
}

#[test]
fn samples_score_at_least_the_floor() {
    let dir = root().join("tests/samples");
    let n = load_samples(&dir).map(|s| s.len()).unwrap_or(0);
    if n == 0 {
        eprintln!(
            "notice: no labeled samples in {}, floor test skipped",
            dir.display()
        );
        return;
    }
    let floor: BTreeMap<String, f64> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("floor.json")).expect("tests/samples/floor.json exists"),
    )
    .expect("floor.json maps metric names to numbers");
    let report = eval_samples(&dir, &Pipeline::english()).expect("samples evaluate");
    let got = measured(&report);
    for name in floor.keys() {
        assert!(
            got.contains_key(name.as_str()),
            "floor.json names an unknown metric `{name}`"
        );
    }
    let table: String = got
        .iter()
        .map(|(k, v)| {
            format!(
                "  {k:<34} {:>7}  floor {:>7}\n",
                v.map_or("n/a".into(), |v| format!("{v:.4}")),
                floor.get(*k).map_or("-".into(), |f| format!("{f:.4}"))
            )
        })
        .collect();
    eprintln!("samples ({n} documents):\n{table}");
    let below: Vec<String> = floor
        .iter()
        .filter(|(k, &f)| got[k.as_str()].is_none_or(|v| v + 1e-9 < f))
        .map(|(k, f)| format!("{k}: {:?} < floor {f}", got[k.as_str()]))
        .collect();
    assert!(
        below.is_empty(),
        "quality fell below the floor:\n{}\n{table}",
        below.join("\n")
    );
}

#[test]
fn eval_command_reports_json_and_skips_missing_data() {
    let out = std::process::Command::new(newsquotes_tests::binary())
        .current_dir(root())
        .args(["eval", "sentences", "--json", "--data", "tests/samples"])
        .args(["--data", "no/such/sentences.jsonl"])
        .output()
        .expect("binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["kind"], "sentences");
    assert_eq!(results[0]["systems"][0]["system"], "newsquotes");
    assert_eq!(results[1]["kind"], "skipped");
    assert!(v["summary"].as_array().unwrap().len() >= 3);
}
