//! The entity scorer: exact span and type, as conlleval counts them.
//!
//! Gold comes from IOB2 files (`token<TAB>tag`, a blank line between sentences, a line exactly
//! `# doc` before each document) or from our samples' gold entities. A predicted entity is
//! correct only when its start, end and type all equal a gold entity's.

use std::collections::BTreeMap;
use std::path::Path;

use newsquotes::document::{Sentence, Span, Token, TokenKind, TokenRange};
use newsquotes::{Document, Stage};
use serde::Serialize;

use crate::error::EvalError;
use crate::metrics::{pct, Counts};
use crate::table::Table;

/// A typed span: `[start, end)` in tokens (IOB2) or code points (samples).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Labeled {
    /// Start.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// Entity type (PER, ORG, LOC, MISC).
    pub label: String,
}

impl Labeled {
    /// Creates a typed span.
    pub fn new(start: usize, end: usize, label: impl Into<String>) -> Self {
        Labeled {
            start,
            end,
            label: label.into(),
        }
    }
}

/// Counts overall and per entity type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NerCounts {
    /// Every type together.
    pub overall: Counts,
    /// One entry per type seen in gold or predictions.
    pub per_type: BTreeMap<String, Counts>,
}

impl NerCounts {
    /// Adds another document's counts.
    pub fn add(&mut self, o: &NerCounts) {
        self.overall.add(o.overall);
        for (k, c) in &o.per_type {
            self.per_type.entry(k.clone()).or_default().add(*c);
        }
    }
}

/// Scores predicted entities against gold ones: exact span and type (duplicates count once).
pub fn score_entities(gold: &[Labeled], pred: &[Labeled]) -> NerCounts {
    use std::collections::BTreeSet;
    let g: BTreeSet<&Labeled> = gold.iter().collect();
    let p: BTreeSet<&Labeled> = pred.iter().collect();
    let mut out = NerCounts::default();
    for e in &p {
        let c = out.per_type.entry(e.label.clone()).or_default();
        if g.contains(e) {
            c.tp += 1;
            out.overall.tp += 1;
        } else {
            c.fp += 1;
            out.overall.fp += 1;
        }
    }
    for e in &g {
        if !p.contains(e) {
            out.per_type.entry(e.label.clone()).or_default().fn_ += 1;
            out.overall.fn_ += 1;
        }
    }
    out
}

/// Entity chunks of an IOB2 tag sequence, with conlleval semantics: a chunk starts at `B-X`,
/// or at `I-X` after `O` or after a tag of another type; it ends before `O`, `B-`, or a tag of
/// another type. Unknown tags count as `O`.
pub fn iob_chunks<S: AsRef<str>>(tags: &[S]) -> Vec<Labeled> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, &str)> = None;
    for (i, t) in tags.iter().enumerate() {
        let t = t.as_ref();
        let (prefix, ty) = match t.split_once('-') {
            Some((p @ ("B" | "I"), ty)) if !ty.is_empty() => (p, ty),
            _ => ("O", ""),
        };
        let continues = prefix == "I" && cur.is_some_and(|(_, cty)| cty == ty);
        if !continues {
            if let Some((s, cty)) = cur.take() {
                out.push(Labeled::new(s, i, cty));
            }
            if prefix != "O" {
                cur = Some((i, ty));
            }
        }
    }
    if let Some((s, cty)) = cur {
        out.push(Labeled::new(s, tags.len(), cty));
    }
    out
}

/// One document of an IOB2 file: sentences of `(token, tag)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IobDoc {
    /// Sentences, each a list of (token, tag).
    pub sentences: Vec<Vec<(String, String)>>,
}

/// Parses an IOB2 file. A line exactly `# doc` starts a document (a token `#` appears as
/// `#<TAB>tag` and is a token); a blank line ends a sentence. Errors give the 1-based line.
pub fn parse_iob2(text: &str) -> Result<Vec<IobDoc>, (usize, String)> {
    let mut docs = Vec::new();
    let mut doc = IobDoc::default();
    let mut sent: Vec<(String, String)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line == "# doc" {
            if !sent.is_empty() {
                doc.sentences.push(std::mem::take(&mut sent));
            }
            if !doc.sentences.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
        } else if line.trim().is_empty() {
            if !sent.is_empty() {
                doc.sentences.push(std::mem::take(&mut sent));
            }
        } else {
            let (tok, tag) = line
                .rsplit_once('\t')
                .ok_or((i + 1, format!("expected token<TAB>tag, got {line:?}")))?;
            if tok.is_empty() {
                return Err((i + 1, "empty token".to_owned()));
            }
            sent.push((tok.to_owned(), tag.trim().to_owned()));
        }
    }
    if !sent.is_empty() {
        doc.sentences.push(sent);
    }
    if !doc.sentences.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

/// A token class guessed from the characters, for documents built from pre-tokenised data.
pub fn guess_kind(tok: &str) -> TokenKind {
    const QUOTES: &[&str] = &["\"", "'", "``", "''", "“", "”", "‘", "’", "«", "»", "„"];
    if QUOTES.contains(&tok) {
        TokenKind::Quote
    } else if tok.contains("://")
        || tok.starts_with("www.")
        || (tok.contains('@') && tok.contains('.'))
    {
        TokenKind::Url
    } else if tok.chars().next().is_some_and(|c| c.is_ascii_digit())
        && tok
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation())
    {
        TokenKind::Number
    } else if tok.chars().any(char::is_alphanumeric) {
        TokenKind::Word
    } else if tok
        .chars()
        .all(|c| c.is_ascii_punctuation() || matches!(c, '—' | '–' | '…'))
    {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    }
}

/// Builds a document from pre-tokenised sentences: tokens joined by one space, sentences by
/// `"\n"`, with the tokens, sentences and paragraphs (one per sentence) layers set and an empty
/// boilerplate layer. Returns the document and the byte span of each token.
pub fn document_from_tokens(id: &str, sentences: &[Vec<&str>]) -> (Document, Vec<Span>) {
    let mut text = String::new();
    let mut tokens = Vec::new();
    let mut sents = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        if si > 0 {
            text.push('\n');
        }
        let first = tokens.len();
        let start = text.len();
        for (ti, t) in s.iter().enumerate() {
            if ti > 0 {
                text.push(' ');
            }
            let a = text.len();
            text.push_str(t);
            tokens.push(Token {
                span: Span::new(a, text.len()),
                kind: guess_kind(t),
            });
        }
        if tokens.len() > first {
            sents.push(Sentence {
                span: Span::new(start, text.len()),
                tokens: TokenRange::new(first, tokens.len()),
            });
        }
    }
    let spans: Vec<Span> = tokens.iter().map(|t| t.span).collect();
    let mut doc = Document::new(id, text);
    // The spans are built in order from non-empty tokens, so the setters cannot refuse them.
    doc.set_boilerplate(Vec::new()).expect("empty layer");
    doc.set_paragraphs(sents.iter().map(|s| s.span).collect())
        .expect("sorted, disjoint");
    doc.set_tokens(tokens).expect("sorted, disjoint, non-empty");
    doc.set_sentences(sents)
        .expect("sorted, disjoint, valid token ranges");
    (doc, spans)
}

/// Runs an NER stage on a document built from one IOB2 document and returns its entities as
/// token ranges (an entity that does not align with tokens covers every token it touches).
pub fn predict_iob_doc(
    stage: &dyn Stage,
    id: &str,
    doc: &IobDoc,
) -> Result<Vec<Labeled>, EvalError> {
    let sents: Vec<Vec<&str>> = doc
        .sentences
        .iter()
        .map(|s| s.iter().map(|(t, _)| t.as_str()).collect())
        .collect();
    let (mut d, spans) = document_from_tokens(id, &sents);
    stage.annotate(&mut d).map_err(|e| EvalError::Stage {
        stage: stage.name().to_owned(),
        doc: id.to_owned(),
        message: e.to_string(),
    })?;
    Ok(d.entities()
        .iter()
        .filter_map(|e| {
            let a = spans.partition_point(|s| s.end <= e.span.start);
            let b = spans.partition_point(|s| s.start < e.span.end);
            (a < b).then(|| Labeled::new(a, b, e.label.name()))
        })
        .collect())
}

/// An entity evaluation over one dataset.
#[derive(Clone, Debug, Default, Serialize)]
pub struct NerReport {
    /// The dataset's name.
    pub dataset: String,
    /// Documents scored.
    pub documents: usize,
    /// Counts.
    pub counts: NerCounts,
    /// Remarks.
    pub notes: Vec<String>,
}

impl NerReport {
    /// The report as a readable table.
    pub fn table(&self) -> Table {
        let mut t = Table::new(
            format!("ner — {} ({} documents)", self.dataset, self.documents),
            &["type", "gold", "pred", "P", "R", "F1"],
        );
        let rows = self
            .counts
            .per_type
            .iter()
            .map(|(k, c)| (k.as_str(), c))
            .chain(std::iter::once(("overall", &self.counts.overall)));
        for (k, c) in rows {
            t.row(vec![
                k.to_owned(),
                c.gold().to_string(),
                c.predicted().to_string(),
                pct(c.precision()),
                pct(c.recall()),
                pct(c.f1()),
            ]);
        }
        t.notes = self.notes.clone();
        t
    }
}

/// Evaluates an NER stage on an IOB2 file. When the gold has no MISC entity (UNER), predicted
/// MISC entities are ignored and a note says so.
pub fn eval_iob2(path: &Path, stage: &dyn Stage) -> Result<NerReport, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    let docs = parse_iob2(&text).map_err(|(l, m)| EvalError::format(path, Some(l), m))?;
    let mut golds = Vec::with_capacity(docs.len());
    for d in &docs {
        let tags: Vec<&str> = d
            .sentences
            .iter()
            .flatten()
            .map(|(_, t)| t.as_str())
            .collect();
        // Chunks never cross sentences: evaluate each sentence's tags, then shift.
        let mut g = Vec::new();
        let mut off = 0;
        for s in &d.sentences {
            let st: Vec<&str> = s.iter().map(|(_, t)| t.as_str()).collect();
            g.extend(
                iob_chunks(&st)
                    .into_iter()
                    .map(|c| Labeled::new(c.start + off, c.end + off, c.label)),
            );
            off += s.len();
        }
        debug_assert_eq!(off, tags.len());
        golds.push(g);
    }
    let has_misc = golds.iter().flatten().any(|e| e.label == "MISC");
    let mut report = NerReport {
        dataset: path.display().to_string(),
        ..Default::default()
    };
    if !has_misc {
        report
            .notes
            .push("gold has no MISC type: predicted MISC entities are ignored".to_owned());
    }
    for (i, (d, g)) in docs.iter().zip(&golds).enumerate() {
        let mut p = predict_iob_doc(stage, &format!("doc{}", i + 1), d)?;
        if !has_misc {
            p.retain(|e| e.label != "MISC");
        }
        report.counts.add(&score_entities(g, &p));
        report.documents += 1;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsquotes::Layer;

    fn l(a: usize, b: usize, t: &str) -> Labeled {
        Labeled::new(a, b, t)
    }

    #[test]
    fn chunks_follow_conlleval() {
        let tags = [
            "B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG", "B-MISC",
        ];
        assert_eq!(
            iob_chunks(&tags),
            vec![
                l(0, 2, "PER"),
                l(3, 5, "LOC"),
                l(5, 6, "LOC"),
                l(6, 7, "ORG"),
                l(7, 8, "MISC")
            ]
        );
        assert!(iob_chunks::<&str>(&[]).is_empty());
        assert!(iob_chunks(&["O", "O"]).is_empty());
    }

    #[test]
    fn exact_span_and_type_per_type() {
        let gold = vec![l(0, 2, "PER"), l(3, 4, "LOC"), l(6, 7, "ORG")];
        // One exact, one wrong type, one wrong boundary, one spurious.
        let pred = vec![
            l(0, 2, "PER"),
            l(3, 4, "ORG"),
            l(5, 7, "ORG"),
            l(9, 10, "MISC"),
        ];
        let c = score_entities(&gold, &pred);
        assert_eq!(
            c.overall,
            Counts {
                tp: 1,
                fp: 3,
                fn_: 2
            }
        );
        assert_eq!(
            c.per_type["PER"],
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            c.per_type["ORG"],
            Counts {
                tp: 0,
                fp: 2,
                fn_: 1
            }
        );
        assert_eq!(
            c.per_type["LOC"],
            Counts {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(
            c.per_type["MISC"],
            Counts {
                tp: 0,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(c.overall.precision(), Some(0.25));
        assert!((c.overall.recall().unwrap() - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(score_entities(&[], &[]), NerCounts::default());
    }

    #[test]
    fn iob2_parsing_keeps_hash_tokens() {
        let text = "# doc\nA\tB-PER\n#\tO\n\nB\tO\n# doc\n\nC\tI-LOC\n";
        let docs = parse_iob2(text).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[0][1], ("#".to_owned(), "O".to_owned()));
        assert_eq!(
            docs[1].sentences,
            vec![vec![("C".to_owned(), "I-LOC".to_owned())]]
        );
        assert_eq!(parse_iob2("# doc\nnotab\n").unwrap_err().0, 2);
        assert!(parse_iob2("").unwrap().is_empty());
    }

    #[test]
    fn documents_from_tokens_have_exact_offsets() {
        let (doc, spans) =
            document_from_tokens("d", &[vec!["Mr", "Hugh", "Hill", "."], vec!["#", "1"]]);
        assert_eq!(doc.text(), "Mr Hugh Hill .\n# 1");
        assert_eq!(doc.slice(spans[2]), "Hill");
        assert_eq!(doc.sentences().len(), 2);
        assert_eq!(doc.tokens()[3].kind, TokenKind::Punct);
        assert_eq!(doc.tokens()[5].kind, TokenKind::Number);
        assert_eq!(guess_kind("1996-08-30"), TokenKind::Number);
        assert_eq!(guess_kind("U.S."), TokenKind::Word);
        assert_eq!(guess_kind("``"), TokenKind::Quote);
        assert_eq!(guess_kind("€"), TokenKind::Symbol);
    }

    /// A stage with fixed entities, to test the mapping back to tokens.
    struct Fixed;
    impl Stage for Fixed {
        fn name(&self) -> &str {
            "fixed"
        }
        fn requires(&self) -> &[Layer] {
            &[Layer::Tokens]
        }
        fn produces(&self) -> &[Layer] {
            &[Layer::Entities]
        }
        fn annotate(&self, doc: &mut Document) -> Result<(), newsquotes::document::StageError> {
            // MISC "Mr", "Hugh Hill" (tokens 1..3) and a span cutting into "Leeds" (token 5).
            let e = |a: usize, b: usize, label| newsquotes::document::Entity {
                span: Span::new(a, b),
                tokens: TokenRange::default(),
                label,
                score: 1.0,
            };
            doc.set_entities(vec![
                e(0, 2, newsquotes::document::EntityLabel::Misc),
                e(3, 12, newsquotes::document::EntityLabel::Per),
                e(20, 23, newsquotes::document::EntityLabel::Loc),
            ])
            .map_err(|er| newsquotes::document::StageError::layer("fixed", er))
        }
    }

    #[test]
    fn predicted_entities_map_back_to_tokens() {
        let doc = IobDoc {
            sentences: vec![
                ["Mr", "Hugh", "Hill", "."]
                    .iter()
                    .map(|t| (t.to_string(), "O".to_owned()))
                    .collect(),
                ["In", "Leeds"]
                    .iter()
                    .map(|t| (t.to_string(), "O".to_owned()))
                    .collect(),
            ],
        };
        // Text: "Mr Hugh Hill .\nIn Leeds" — "Leeds" is bytes 18..23.
        let p = predict_iob_doc(&Fixed, "d", &doc).unwrap();
        assert_eq!(p, vec![l(0, 1, "MISC"), l(1, 3, "PER"), l(5, 6, "LOC")]);
    }
    #[test]
    fn iob2_file_without_misc_ignores_predicted_misc() {
        let dir = std::env::temp_dir().join(format!("nq-eval-iob-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("x.iob2");
        // Gold: "Hugh Hill" PER, "Leeds" LOC. `Fixed` predicts those and MISC "Mr", which is ignored.
        std::fs::write(
            &path,
            "# doc\nMr\tO\nHugh\tB-PER\nHill\tI-PER\n.\tO\n\nIn\tO\nLeeds\tB-LOC\n",
        )
        .unwrap();
        let r = eval_iob2(&path, &Fixed).unwrap();
        assert_eq!(
            r.counts.overall,
            Counts {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            r.notes.len(),
            1,
            "no MISC in gold: a note says predicted MISC is ignored"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
