//! The quote scorer: content, speaker and cue of attributed quotations.
//!
//! Gold and predictions are both turned into [`QuoteAnn`]s (code-point spans). For each
//! document, gold and predicted quotes are paired **one to one, greedily by best score**: all
//! candidate pairs are sorted by character Jaccard (highest first, ties by gold then predicted
//! index) and a pair is taken when neither side is taken yet. Two matchings are made:
//!
//! - *soft*: the Jaccard index of the union of the gold pieces and the union of the predicted
//!   pieces is at least [`SOFT_THRESHOLD`];
//! - *exact*: the contents are equal after [`normalize_content`] (quotation marks and whitespace
//!   removed, edge punctuation stripped) and overlap in the text.
//!
//! Speaker and cue accuracy are judged on the *soft* pairs: a predicted speaker mention (cue) is
//! correct when it overlaps the gold source (cue). Every figure is given for **all** quotes and
//! for **direct** ones (see [`is_direct`]).

use std::path::Path;

use newsquotes::output::CharOffsets;
use newsquotes::{Document, Pipeline};
use serde::Serialize;

use crate::error::EvalError;
use crate::metrics::{pct, Counts, Ratio};
use crate::span::{any_overlap, jaccard, CharSpan};
use crate::table::Table;

/// Minimum character Jaccard for a soft match.
pub const SOFT_THRESHOLD: f64 = 0.5;

/// Double quotation marks: a gold quote whose content contains one of these is *direct*.
///
/// Single marks (‘ ’ ') are left out on purpose: they are mostly apostrophes ("don’t",
/// "soldiers’") and would make most indirect quotes count as direct.
pub const DOUBLE_QUOTES: &[char] = &['"', '“', '”', '„', '‟', '«', '»', '＂'];

/// Every quotation mark removed by [`normalize_content`].
const ALL_QUOTES: &[char] = &[
    '"', '“', '”', '„', '‟', '«', '»', '＂', '\'', '‘', '’', '‚', '‛', '‹', '›', '`',
];

/// One quotation, gold or predicted, in code-point offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuoteAnn {
    /// Content pieces.
    pub content: Vec<CharSpan>,
    /// Cue pieces (empty when there is none).
    pub cue: Vec<CharSpan>,
    /// Source (speaker mention) pieces (empty when there is none).
    pub source: Vec<CharSpan>,
    /// The resolved speaker's name, when known.
    pub speaker_name: Option<String>,
}

/// True when the quote's content contains a double quotation mark ([`DOUBLE_QUOTES`]).
pub fn is_direct(chars: &[char], q: &QuoteAnn) -> bool {
    q.content
        .iter()
        .any(|s| slice(chars, *s).iter().any(|c| DOUBLE_QUOTES.contains(c)))
}

fn slice(chars: &[char], s: CharSpan) -> &[char] {
    let end = s.end.min(chars.len());
    &chars[s.start.min(end)..end]
}

/// The content text used by exact matching: each piece with every quotation mark removed,
/// whitespace runs collapsed to one space, and leading/trailing whitespace and punctuation
/// stripped; non-empty pieces joined by one space.
pub fn normalize_content(chars: &[char], pieces: &[CharSpan]) -> String {
    let mut parts = Vec::new();
    for p in pieces {
        let mut piece = String::new();
        let mut space = false;
        for &c in slice(chars, *p) {
            if ALL_QUOTES.contains(&c) {
                continue;
            }
            if c.is_whitespace() {
                space = true;
            } else {
                if space && !piece.is_empty() {
                    piece.push(' ');
                }
                space = false;
                piece.push(c);
            }
        }
        let trimmed = piece.trim_matches(|c: char| c.is_whitespace() || is_punct(c));
        if !trimmed.is_empty() {
            parts.push(trimmed.to_owned());
        }
    }
    parts.join(" ")
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || matches!(c, '—' | '–' | '…' | '‐' | '‑' | '−' | '·' | '¡' | '¿')
}

/// Pairs items one to one, greedily by best score: candidates (`score` returns `Some`) are
/// taken from the highest score down, ties broken by gold then predicted index.
pub fn greedy_match(
    n_gold: usize,
    n_pred: usize,
    mut score: impl FnMut(usize, usize) -> Option<f64>,
) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for g in 0..n_gold {
        for p in 0..n_pred {
            if let Some(s) = score(g, p) {
                cands.push((s, g, p));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut gu, mut pu) = (vec![false; n_gold], vec![false; n_pred]);
    let mut out = Vec::new();
    for (_, g, p) in cands {
        if !gu[g] && !pu[p] {
            gu[g] = true;
            pu[p] = true;
            out.push((g, p));
        }
    }
    out.sort_unstable();
    out
}

/// Scores of one subset (all or direct quotes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct QuoteSubsetScores {
    /// Content under soft matching.
    pub soft: Counts,
    /// Content under exact matching.
    pub exact: Counts,
    /// Soft pairs whose gold has a source: the predicted speaker mention overlaps it.
    pub speaker: Ratio,
    /// Gold quotes with a source: soft-matched with an overlapping predicted speaker mention.
    pub speaker_end_to_end: Ratio,
    /// Soft pairs whose gold has a cue: the predicted cue overlaps it.
    pub cue: Ratio,
    /// Gold quotes with a cue: soft-matched with an overlapping predicted cue.
    pub cue_end_to_end: Ratio,
    /// Soft pairs whose gold has a resolved speaker name: the predicted resolved speaker has
    /// the same name (case-insensitive). Only our own gold has names.
    pub resolved_speaker: Ratio,
}

impl QuoteSubsetScores {
    /// Adds another document's scores.
    pub fn add(&mut self, o: &QuoteSubsetScores) {
        self.soft.add(o.soft);
        self.exact.add(o.exact);
        self.speaker.add(o.speaker);
        self.speaker_end_to_end.add(o.speaker_end_to_end);
        self.cue.add(o.cue);
        self.cue_end_to_end.add(o.cue_end_to_end);
        self.resolved_speaker.add(o.resolved_speaker);
    }
}

/// Scores for all quotes and for direct quotes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct QuoteScores {
    /// Every quote.
    pub all: QuoteSubsetScores,
    /// Quotes whose content holds a double quotation mark (gold and predictions alike).
    pub direct: QuoteSubsetScores,
}

impl QuoteScores {
    /// Adds another document's scores.
    pub fn add(&mut self, o: &QuoteScores) {
        self.all.add(&o.all);
        self.direct.add(&o.direct);
    }
}

/// Scores one document's predicted quotes against its gold quotes. `text` is the document text
/// the code-point spans index.
pub fn score_quotes(text: &str, gold: &[QuoteAnn], pred: &[QuoteAnn]) -> QuoteScores {
    let chars: Vec<char> = text.chars().collect();
    let direct = |qs: &[QuoteAnn]| -> Vec<QuoteAnn> {
        qs.iter()
            .filter(|q| is_direct(&chars, q))
            .cloned()
            .collect()
    };
    QuoteScores {
        all: score_subset(&chars, gold, pred),
        direct: score_subset(&chars, &direct(gold), &direct(pred)),
    }
}

fn score_subset(chars: &[char], gold: &[QuoteAnn], pred: &[QuoteAnn]) -> QuoteSubsetScores {
    let soft = greedy_match(gold.len(), pred.len(), |g, p| {
        let j = jaccard(&gold[g].content, &pred[p].content);
        (j >= SOFT_THRESHOLD).then_some(j)
    });
    let gnorm: Vec<String> = gold
        .iter()
        .map(|q| normalize_content(chars, &q.content))
        .collect();
    let pnorm: Vec<String> = pred
        .iter()
        .map(|q| normalize_content(chars, &q.content))
        .collect();
    let exact = greedy_match(gold.len(), pred.len(), |g, p| {
        let j = jaccard(&gold[g].content, &pred[p].content);
        (j > 0.0 && gnorm[g] == pnorm[p]).then_some(j)
    });
    let mut s = QuoteSubsetScores {
        soft: Counts::from_matches(soft.len(), pred.len(), gold.len()),
        exact: Counts::from_matches(exact.len(), pred.len(), gold.len()),
        ..Default::default()
    };
    let mut matched_to = vec![None; gold.len()];
    for &(g, p) in &soft {
        matched_to[g] = Some(p);
    }
    for (g, gq) in gold.iter().enumerate() {
        let pq = matched_to[g].map(|p| &pred[p]);
        if !gq.source.is_empty() {
            let ok = pq.is_some_and(|pq| any_overlap(&gq.source, &pq.source));
            s.speaker_end_to_end.record(ok);
            if pq.is_some() {
                s.speaker.record(ok);
            }
        }
        if !gq.cue.is_empty() {
            let ok = pq.is_some_and(|pq| any_overlap(&gq.cue, &pq.cue));
            s.cue_end_to_end.record(ok);
            if pq.is_some() {
                s.cue.record(ok);
            }
        }
        if let (Some(name), Some(pq)) = (&gq.speaker_name, pq) {
            let ok = pq
                .speaker_name
                .as_ref()
                .is_some_and(|n| n.trim().to_lowercase() == name.trim().to_lowercase());
            s.resolved_speaker.record(ok);
        }
    }
    s
}

/// The predicted quotes of a processed document, in code-point offsets.
pub fn predicted_quotes(doc: &Document) -> Vec<QuoteAnn> {
    let co = CharOffsets::new(doc.text());
    let cs =
        |s: newsquotes::document::Span| CharSpan::new(co.char_index(s.start), co.char_index(s.end));
    doc.quotes()
        .iter()
        .map(|q| QuoteAnn {
            content: q.content.iter().map(|&s| cs(s)).collect(),
            cue: q.cue.map(cs).into_iter().collect(),
            source: q
                .speaker_mention
                .and_then(|m| doc.mentions().get(m))
                .map(|m| cs(m.span))
                .into_iter()
                .collect(),
            speaker_name: q
                .speaker
                .and_then(|s| doc.speakers().get(s))
                .map(|s| s.name.clone()),
        })
        .collect()
}

/// Parses a brat standoff attribution file (PolNeAR): `T` lines give typed spans
/// (`start end[;start end]`, code points), `E` lines link an attribution to its `Content`
/// (and `Content2`…), `Cue` and `Source`. Events without content are skipped; other lines
/// (`Discard`, `Discuss`, notes) are ignored.
pub fn parse_brat(ann: &str) -> Result<Vec<QuoteAnn>, (usize, String)> {
    use std::collections::HashMap;
    let mut spans: HashMap<&str, Vec<CharSpan>> = HashMap::new();
    let mut events = Vec::new();
    for (i, line) in ann.lines().enumerate() {
        let line_no = i + 1;
        let mut fields = line.split('\t');
        let id = fields.next().unwrap_or("");
        // An annotation id is a letter and digits ("T12"). Anything else is the continuation of
        // a span text that held a line break (PolNeAR has a few): skip it.
        let is_id = |prefix: char| {
            id.strip_prefix(prefix)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        if !is_id('T') && !is_id('E') {
            continue;
        }
        if id.starts_with('T') {
            let head = fields
                .next()
                .ok_or((line_no, "T line without type".to_owned()))?;
            let (_kind, offsets) = head
                .split_once(' ')
                .ok_or((line_no, format!("T line without offsets: {head:?}")))?;
            let mut pieces = Vec::new();
            for frag in offsets.split(';') {
                let mut it = frag.split_whitespace().map(str::parse::<usize>);
                match (it.next(), it.next(), it.next()) {
                    (Some(Ok(a)), Some(Ok(b)), None) if a <= b => pieces.push(CharSpan::new(a, b)),
                    _ => return Err((line_no, format!("bad offsets {frag:?}"))),
                }
            }
            spans.insert(id, pieces);
        } else if id.starts_with('E') {
            events.push((line_no, fields.next().unwrap_or("")));
        }
    }
    let mut out = Vec::new();
    for (line_no, args) in events {
        let mut q = QuoteAnn::default();
        for arg in args.split_whitespace() {
            let (role, target) = arg
                .split_once(':')
                .ok_or((line_no, format!("bad event argument {arg:?}")))?;
            let get = || {
                spans
                    .get(target)
                    .cloned()
                    .ok_or((line_no, format!("event refers to unknown {target}")))
            };
            if role.starts_with("Content") {
                q.content.extend(get()?);
            } else if role == "Cue" {
                q.cue.extend(get()?);
            } else if role == "Source" {
                q.source.extend(get()?);
            }
        }
        if !q.content.is_empty() {
            q.content.sort();
            out.push(q);
        }
    }
    Ok(out)
}

/// A quote evaluation over one dataset.
#[derive(Clone, Debug, Default, Serialize)]
pub struct QuoteReport {
    /// The dataset's name.
    pub dataset: String,
    /// Documents scored.
    pub documents: usize,
    /// Summed scores.
    pub scores: QuoteScores,
    /// Remarks (skipped files, gold problems).
    pub notes: Vec<String>,
}

impl QuoteReport {
    /// The report as a readable table.
    pub fn table(&self) -> Table {
        let mut t = Table::new(
            format!("quotes — {} ({} documents)", self.dataset, self.documents),
            &[
                "subset", "gold", "pred", "soft P", "soft R", "soft F1", "exact P", "exact R",
                "exact F1", "speaker", "spk e2e", "cue", "cue e2e", "resolved",
            ],
        );
        for (name, s) in [("direct", &self.scores.direct), ("all", &self.scores.all)] {
            t.row(vec![
                name.to_owned(),
                s.soft.gold().to_string(),
                s.soft.predicted().to_string(),
                pct(s.soft.precision()),
                pct(s.soft.recall()),
                pct(s.soft.f1()),
                pct(s.exact.precision()),
                pct(s.exact.recall()),
                pct(s.exact.f1()),
                pct(s.speaker.value()),
                pct(s.speaker_end_to_end.value()),
                pct(s.cue.value()),
                pct(s.cue_end_to_end.value()),
                pct(s.resolved_speaker.value()),
            ]);
        }
        t.notes = self.notes.clone();
        t
    }
}

/// The annotation file of the text `<stem>.txt` among PolNeAR's file names (sorted):
/// `<stem>_<annotator>.ann` with an annotator name without underscore, the first by name when
/// several annotators labelled the text.
pub fn annotation_for<'a>(anns: &'a [String], stem: &str) -> Option<&'a String> {
    let prefix = format!("{stem}_");
    anns.iter().find(|a| {
        a.strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(".ann"))
            .is_some_and(|r| !r.contains('_'))
    })
}

/// Evaluates the pipeline on a PolNeAR-style brat directory (`text/`, `attributions/`). For a
/// text with several annotator files, the first by sorted file name is used.
pub fn eval_brat_dir(dir: &Path, pipeline: &Pipeline) -> Result<QuoteReport, EvalError> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let mut anns: Vec<String> = read_dir_names(&ann_dir)?
        .into_iter()
        .filter(|n| n.ends_with(".ann"))
        .collect();
    anns.sort();
    let mut report = QuoteReport {
        dataset: dir.display().to_string(),
        ..Default::default()
    };
    let mut texts: Vec<String> = read_dir_names(&text_dir)?
        .into_iter()
        .filter(|n| n.ends_with(".txt"))
        .collect();
    texts.sort();
    for t in texts {
        let stem = &t[..t.len() - 4];
        let Some(ann) = annotation_for(&anns, stem) else {
            report
                .notes
                .push(format!("{t}: no annotation file, skipped"));
            continue;
        };
        let text_path = text_dir.join(&t);
        let text = std::fs::read_to_string(&text_path).map_err(|e| EvalError::io(&text_path, e))?;
        let ann_path = ann_dir.join(ann);
        let ann_text =
            std::fs::read_to_string(&ann_path).map_err(|e| EvalError::io(&ann_path, e))?;
        let gold = parse_brat(&ann_text)
            .map_err(|(line, m)| EvalError::format(&ann_path, Some(line), m))?;
        let n_chars = text.chars().count();
        if let Some(q) = gold.iter().find(|q| {
            q.content
                .iter()
                .chain(&q.cue)
                .chain(&q.source)
                .any(|s| s.end > n_chars)
        }) {
            return Err(EvalError::format(
                &ann_path,
                None,
                format!(
                    "span {:?} is past the end of the text ({n_chars} chars)",
                    q.content
                ),
            ));
        }
        let mut doc = Document::new(stem, text.as_str());
        pipeline.process(&mut doc).map_err(|e| EvalError::Stage {
            stage: e.stage().unwrap_or("pipeline").to_owned(),
            doc: t.clone(),
            message: e.to_string(),
        })?;
        let pred = predicted_quotes(&doc);
        report.scores.add(&score_quotes(&text, &gold, &pred));
        report.documents += 1;
    }
    Ok(report)
}

/// The file names in a directory (unsorted), or an error naming it.
pub fn read_dir_names(dir: &Path) -> Result<Vec<String>, EvalError> {
    let rd = std::fs::read_dir(dir).map_err(|e| EvalError::io(dir, e))?;
    let mut out = Vec::new();
    for e in rd {
        let e = e.map_err(|e| EvalError::io(dir, e))?;
        out.push(e.file_name().to_string_lossy().into_owned());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(a: usize, b: usize) -> CharSpan {
        CharSpan::new(a, b)
    }

    fn q(
        content: &[(usize, usize)],
        cue: Option<(usize, usize)>,
        src: Option<(usize, usize)>,
    ) -> QuoteAnn {
        QuoteAnn {
            content: content.iter().map(|&(a, b)| s(a, b)).collect(),
            cue: cue.map(|(a, b)| s(a, b)).into_iter().collect(),
            source: src.map(|(a, b)| s(a, b)).into_iter().collect(),
            speaker_name: None,
        }
    }

    // 0         1         2         3         4         5         6
    // 0123456789012345678901234567890123456789012345678901234567890123
    const TEXT: &str = "“We will win,” said Hugh Hill. He added that taxes would fall.";

    fn offsets(needle: &str) -> (usize, usize) {
        let b = TEXT.find(needle).unwrap();
        let a = TEXT[..b].chars().count();
        (a, a + needle.chars().count())
    }

    #[test]
    fn direct_is_decided_by_double_marks() {
        let chars: Vec<char> = TEXT.chars().collect();
        assert!(is_direct(
            &chars,
            &q(&[offsets("“We will win,”")], None, None)
        ));
        assert!(!is_direct(
            &chars,
            &q(&[offsets("taxes would fall")], None, None)
        ));
        let apostrophe: Vec<char> = "don’t 'x'".chars().collect();
        assert!(!is_direct(&apostrophe, &q(&[(0, 9)], None, None)));
    }

    #[test]
    fn normalization_strips_marks_space_and_edge_punctuation() {
        let chars: Vec<char> = "“We  will\nwin,” he said, “today.”".chars().collect();
        assert_eq!(normalize_content(&chars, &[s(0, 15)]), "We will win");
        assert_eq!(
            normalize_content(&chars, &[s(0, 15), s(25, 33)]),
            "We will win today"
        );
        assert_eq!(normalize_content(&chars, &[]), "");
        assert_eq!(normalize_content(&chars, &[s(14, 15)]), "");
    }

    #[test]
    fn perfect_prediction_scores_one_everywhere() {
        let gold = vec![
            q(
                &[offsets("“We will win,”")],
                Some(offsets("said")),
                Some(offsets("Hugh Hill")),
            ),
            q(
                &[offsets("taxes would fall")],
                Some(offsets("added")),
                Some(offsets("He")),
            ),
        ];
        let sc = score_quotes(TEXT, &gold, &gold);
        assert_eq!(
            sc.all.soft,
            Counts {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            sc.all.exact,
            Counts {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            sc.all.speaker,
            Ratio {
                correct: 2,
                total: 2
            }
        );
        assert_eq!(
            sc.all.cue_end_to_end,
            Ratio {
                correct: 2,
                total: 2
            }
        );
        assert_eq!(
            sc.direct.soft,
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
    }

    #[test]
    fn partial_matches_soft_but_not_exact() {
        // Gold "that taxes would fall" (21 chars); predicted "taxes would fall." (17 chars),
        // 16 shared: Jaccard 16/22 ≥ 0.5 → soft match; normalized texts differ → no exact match.
        let gold = vec![q(
            &[offsets("that taxes would fall")],
            Some(offsets("added")),
            Some(offsets("He")),
        )];
        let pred = vec![q(
            &[offsets("taxes would fall.")],
            Some(offsets("added that")),
            Some(offsets("Hill")),
        )];
        let sc = score_quotes(TEXT, &gold, &pred);
        assert_eq!(
            sc.all.soft,
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            sc.all.exact,
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            sc.all.speaker,
            Ratio {
                correct: 0,
                total: 1
            }
        );
        assert_eq!(
            sc.all.cue,
            Ratio {
                correct: 1,
                total: 1
            }
        );
        assert_eq!(sc.direct, QuoteSubsetScores::default());
        // Trailing punctuation alone does not break an exact match.
        let pred = vec![q(&[offsets("that taxes would fall.")], None, None)];
        let sc = score_quotes(TEXT, &gold, &pred);
        assert_eq!(sc.all.exact.tp, 1);
        assert_eq!(
            sc.all.cue,
            Ratio {
                correct: 0,
                total: 1
            }
        );
    }

    #[test]
    fn below_threshold_is_a_miss_and_a_false_alarm() {
        // Gold the whole second sentence (31 chars); predicted "taxes" (5 chars): 5/31 < 0.5.
        let gold = vec![q(
            &[offsets("He added that taxes would fall.")],
            None,
            Some(offsets("He")),
        )];
        let pred = vec![q(&[offsets("taxes")], None, Some(offsets("He")))];
        let sc = score_quotes(TEXT, &gold, &pred);
        assert_eq!(
            sc.all.soft,
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            sc.all.speaker,
            Ratio {
                correct: 0,
                total: 0
            }
        );
        assert_eq!(
            sc.all.speaker_end_to_end,
            Ratio {
                correct: 0,
                total: 1
            }
        );
    }

    #[test]
    fn matching_is_one_to_one_and_prefers_the_best_pair() {
        // Two predictions over one gold quote: only the better one matches, the other is a
        // false positive.
        let gold = vec![q(&[(0, 10)], None, None)];
        let pred = vec![q(&[(0, 8)], None, None), q(&[(0, 10)], None, None)];
        assert_eq!(
            greedy_match(1, 2, |g, p| Some(jaccard(
                &gold[g].content,
                &pred[p].content
            ))),
            vec![(0, 1)]
        );
        let sc = score_subset(&['x'; 20], &gold, &pred);
        assert_eq!(
            sc.soft,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
        // Greedy gives the contested prediction to the gold it overlaps most.
        let gold = [q(&[(0, 10)], None, None), q(&[(4, 12)], None, None)];
        let pred = [q(&[(3, 12)], None, None)];
        assert_eq!(
            greedy_match(2, 1, |g, p| Some(jaccard(
                &gold[g].content,
                &pred[p].content
            ))),
            vec![(1, 0)]
        );
    }

    #[test]
    fn split_quote_pieces_are_scored_as_a_union() {
        let text = "“A long sentence,” she said, “and the rest.”";
        let chars: Vec<char> = text.chars().collect();
        let gold = vec![q(&[(0, 18), (29, 44)], None, None)];
        // Only the first piece predicted: 18/33 ≥ 0.5 → soft match.
        let pred = vec![q(&[(0, 18)], None, None)];
        let sc = score_quotes(text, &gold, &pred);
        assert_eq!(sc.direct.soft.tp, 1);
        assert_eq!(sc.direct.exact.tp, 0);
        assert_eq!(
            normalize_content(&chars, &gold[0].content),
            "A long sentence and the rest"
        );
    }

    #[test]
    fn empty_inputs() {
        let sc = score_quotes("", &[], &[]);
        assert_eq!(sc, QuoteScores::default());
        let gold = vec![q(&[(0, 5)], Some((6, 10)), Some((11, 12)))];
        let sc = score_quotes("abcdefghijklmn", &gold, &[]);
        assert_eq!(
            sc.all.soft,
            Counts {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(
            sc.all.speaker_end_to_end,
            Ratio {
                correct: 0,
                total: 1
            }
        );
        let sc = score_quotes("abcdefghijklmn", &[], &gold);
        assert_eq!(
            sc.all.soft,
            Counts {
                tp: 0,
                fp: 1,
                fn_: 0
            }
        );
    }

    #[test]
    fn resolved_names_compare_case_insensitively() {
        let mut g = q(&[(0, 5)], None, Some((6, 8)));
        g.speaker_name = Some("Hugh Hill".into());
        let mut p = g.clone();
        p.speaker_name = Some("hugh hill".into());
        let mut wrong = g.clone();
        wrong.speaker_name = None;
        let chars = ['x'; 10];
        assert_eq!(
            score_subset(&chars, &[g.clone()], &[p]).resolved_speaker,
            Ratio {
                correct: 1,
                total: 1
            }
        );
        assert_eq!(
            score_subset(&chars, &[g], &[wrong]).resolved_speaker,
            Ratio {
                correct: 0,
                total: 1
            }
        );
    }

    #[test]
    fn brat_events_with_discontinuous_content() {
        let ann = "T1\tSource 0 4\tHugh\nT2\tCue 5 9\tsaid\nT3\tContent 10 14;20 25\tabcd efghi\n\
                   T4\tAttribution 5 9\tsaid\nT5\tContent 30 31\tx\n\
                   E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 Content2:T5\n\
                   T6\tAttribution 40 44\tsaid\nE2\tAttribution-no-source:T6 \n\
                   T7\tContent 50 60\tzz\nT8\tCue 45 49\tsays\nE3\tAttribution:T8 Content:T7 Cue:T8\n\
                   T9\tDiscard 0 3\tRead\n";
        let qs = parse_brat(ann).unwrap();
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].content, vec![s(10, 14), s(20, 25), s(30, 31)]);
        assert_eq!(qs[0].cue, vec![s(5, 9)]);
        assert_eq!(qs[0].source, vec![s(0, 4)]);
        assert!(qs[1].source.is_empty());
        assert!(parse_brat("T1\tContent 5 x\ty").is_err());
        assert_eq!(parse_brat("E1\tContent:T9").unwrap_err().0, 1);
        assert!(parse_brat("").unwrap().is_empty());
    }

    #[test]
    fn brat_span_text_with_a_line_break_is_skipped_not_an_error() {
        let ann = "T1\tContent 0 30\tThe first line of the text\nThe second line\n\
                   T2\tCue 31 35\tsaid\nT3\tAttribution 31 35\tsaid\n\
                   E1\tAttribution:T3 Content:T1 Cue:T2\n";
        let qs = parse_brat(ann).unwrap();
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].content, vec![s(0, 30)]);
        assert_eq!(qs[0].cue, vec![s(31, 35)]);
    }
    #[test]
    fn brat_directory_uses_the_first_annotator_by_name() {
        let dir = std::env::temp_dir().join(format!("nq-eval-brat-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("text")).unwrap();
        std::fs::create_dir_all(dir.join("attributions")).unwrap();
        let text = "“We will win,” said Hugh Hill.";
        std::fs::write(dir.join("text/a_story.txt"), text).unwrap();
        // Annotator "aaaa" (first by name) marks the quote; "zzzz" marks nothing.
        std::fs::write(
            dir.join("attributions/a_story_aaaa.ann"),
            "T1\tContent 0 14\t“We will win,”\nT2\tCue 15 19\tsaid\nT3\tSource 20 29\tHugh Hill\n\
             T4\tAttribution 15 19\tsaid\nE1\tAttribution:T4 Content:T1 Cue:T2 Source:T3\n",
        )
        .unwrap();
        std::fs::write(dir.join("attributions/a_story_zzzz.ann"), "").unwrap();
        let r = eval_brat_dir(&dir, &Pipeline::english()).unwrap();
        assert_eq!(r.documents, 1);
        assert_eq!(r.scores.all.soft.gold(), 1);
        assert_eq!(r.scores.direct.soft.gold(), 1);
        // An annotation past the end of the text is an error, not a silent miss.
        std::fs::write(
            dir.join("attributions/a_story_aaaa.ann"),
            "T1\tContent 0 99\tx\nT4\tAttribution 15 19\tsaid\nE1\tAttribution:T4 Content:T1\n",
        )
        .unwrap();
        assert!(eval_brat_dir(&dir, &Pipeline::english()).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
