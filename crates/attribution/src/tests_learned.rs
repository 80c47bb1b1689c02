//! Tests of the learned cue sieve (`learned.rs`) and the attribution scopes.

use std::collections::HashSet;

use newsquotes_document::{EntityLabel, QuoteKind};

use crate::learned::{candidates, CueModel};
use crate::tests::{doc, doc_scoped, find, quotes};
use crate::{Attributor, Scope};

const EXPECTED: &str = "Senator Maria Lopez is expected to back the bill on Tuesday.";

fn all_scope(text: &str, ents: &[(&str, EntityLabel)]) -> newsquotes_document::Document {
    doc_scoped(text, ents, Scope::All)
}

#[test]
fn speech_scope_leaves_attitudes_out() {
    let d = doc(EXPECTED, &[("Maria Lopez", EntityLabel::Per)]);
    assert!(quotes(&d).is_empty(), "{:#?}", quotes(&d));
    assert_eq!(Attributor::default().scope(), Scope::Speech);
}

#[test]
fn all_scope_adds_the_learned_attitude_with_its_source() {
    let d = all_scope(EXPECTED, &[("Maria Lopez", EntityLabel::Per)]);
    let qs = quotes(&d);
    let q = find(&qs, "to back");
    assert_eq!(q.content, vec!["to back the bill on Tuesday"]);
    assert_eq!(q.cue.as_deref(), Some("expected"));
    assert_eq!(q.sieve, "learned-cue");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert!(
        q.mention
            .as_deref()
            .is_some_and(|m| m.ends_with("Maria Lopez")),
        "{q:#?}"
    );
    // Its confidence is the model's probability, at least the threshold.
    let conf = d.quotes()[0].confidence;
    assert!(
        conf >= CueModel::embedded().threshold() && conf <= 1.0,
        "{conf}"
    );
}

#[test]
fn the_learned_sieve_keeps_every_rule_quote() {
    let text =
        "“We will not move,” the union leader said.\nThe union is expected to vote on Friday.";
    let speech = quotes(&doc(text, &[]));
    let all = quotes(&all_scope(text, &[]));
    for q in &speech {
        assert!(all.contains(q), "{q:#?} missing from {all:#?}");
    }
    assert!(all.iter().any(|q| q.sieve == "learned-cue"), "{all:#?}");
}

#[test]
fn feature_strings_hash_like_their_parts() {
    // The model file stores space-joined strings; the stage hashes the parts without joining.
    let m = CueModel::parse(
        "threshold\t0.5\nbias\t-1\nword\texpected\nf\tw expected\t3\nf\tn1 to\t0.5\n",
    )
    .unwrap();
    assert!(m.words().contains("expected"));
    assert_eq!(m.threshold(), 0.5);
    let d = doc("The minister is expected to resign.", &[]);
    let cands = candidates(&d, m.words());
    assert!(!cands.is_empty());
    assert!(cands
        .iter()
        .all(|c| c.features.iter().any(|f| f == "w expected")));
    assert!(cands
        .iter()
        .any(|c| c.features.iter().any(|f| f == "n1 to")));
}

#[test]
fn model_file_errors_name_the_line() {
    let e = CueModel::parse("threshold\t0.5\nf\tw said\tnot-a-number\n").unwrap_err();
    assert!(e.starts_with("line 2:"), "{e}");
    let e = CueModel::parse("threshold\t0.5\nsomething else\n").unwrap_err();
    assert!(e.starts_with("line 2:"), "{e}");
}

#[test]
fn embedded_model_is_usable() {
    let m = CueModel::embedded();
    assert!(m.words().len() > 100, "{}", m.words().len());
    assert!(m.words().contains("expected"));
    assert!(m.threshold() > 0.0 && m.threshold() < 1.0);
}

#[test]
fn candidates_skip_found_quotes_and_carry_both_contents() {
    let text = "Officials said the bridge would reopen.\nThe mayor is expected to attend, but no date is set.";
    let d = doc(text, &[]);
    let words: HashSet<String> = ["said", "expected"]
        .iter()
        .map(|w| (*w).to_owned())
        .collect();
    let cands = candidates(&d, &words);
    // "said" is the cue of rule quotes: no candidate there.
    assert!(
        cands.iter().all(|c| d.slice(c.cue) == "expected"),
        "{cands:#?}"
    );
    let contents: Vec<(&str, u8)> = cands
        .iter()
        .map(|c| (d.slice(c.content), c.variant))
        .collect();
    assert!(contents.contains(&("to attend", 0)), "{contents:?}");
    assert!(
        contents.contains(&("to attend, but no date is set", 1)),
        "{contents:?}"
    );
}

#[test]
fn reports_in_a_run_on_sentence_are_bounded() {
    // 3,000 words without punctuation and a cue every few words: no content may run to the end
    // of the "sentence" (the output would grow with the square of the input).
    let words = "the mayor said council workers would strike according to union officials who";
    let text = std::iter::repeat_n(words, 250)
        .collect::<Vec<_>>()
        .join(" ");
    for scope in [Scope::Speech, Scope::All] {
        let d = doc_scoped(&text, &[], scope);
        assert!(!d.quotes().is_empty());
        for q in d.quotes() {
            for piece in &q.content {
                let toks = d
                    .tokens()
                    .iter()
                    .filter(|t| t.span.start >= piece.start && t.span.end <= piece.end)
                    .count();
                assert!(
                    toks <= crate::sieves::MAX_REPORT,
                    "{toks} tokens ({scope:?}, {})",
                    q.sieve
                );
            }
        }
    }
}

#[test]
fn rules_only_runs_the_all_scope_without_the_learned_sieve() {
    use newsquotes_document::Stage;
    let d = all_scope(EXPECTED, &[("Maria Lopez", EntityLabel::Per)]);
    assert!(quotes(&d).iter().any(|q| q.sieve == "learned-cue"));
    // The same document before attribution, attributed by the rules alone.
    let mut bare = newsquotes_document::Document::new("t", EXPECTED);
    bare.set_paragraphs(d.paragraphs().to_vec()).unwrap();
    bare.set_tokens(d.tokens().to_vec()).unwrap();
    bare.set_sentences(d.sentences().to_vec()).unwrap();
    bare.set_entities(d.entities().to_vec()).unwrap();
    Attributor::rules_only(Scope::All)
        .annotate(&mut bare)
        .unwrap();
    let qs = quotes(&bare);
    assert!(qs.iter().all(|q| q.sieve != "learned-cue"), "{qs:#?}");
    assert_eq!(Attributor::rules_only(Scope::All).scope(), Scope::All);
}

#[test]
fn the_all_scope_joins_a_cueless_continuation_paragraph_to_its_quote() {
    let text = "“The pier is safe for now,” said Ines Calder, the harbour engineer.\n\
                “The next storm is another question.”";
    let ents = [("Ines Calder", EntityLabel::Per)];
    let all = quotes(&all_scope(text, &ents));
    let q = find(&all, "“The pier");
    assert_eq!(
        q.content,
        vec![
            "“The pier is safe for now,”",
            "“The next storm is another question.”"
        ],
        "{all:#?}"
    );
    // The speech scope (the samples guideline) keeps two quotes by the same speaker.
    let speech = quotes(&doc(text, &ents));
    assert_eq!(speech.len(), 2, "{speech:#?}");
    assert_eq!(find(&speech, "“The next").sieve, "paragraph-continuation");
}
