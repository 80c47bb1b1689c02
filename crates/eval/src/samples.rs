//! Our own labeled samples: `tests/samples/<name>.txt` with `<name>.gold.json` (schema v1
//! shape: `text`, `quotes`, `speakers`, `entities`, `sentences`, code-point offsets).

use std::path::{Path, PathBuf};

use newsquotes::ingest::{Ingestor, Input};
use newsquotes::output::CharOffsets;
use newsquotes::{Document, Pipeline};
use serde::{Deserialize, Serialize};

use crate::error::EvalError;
use crate::metrics::{pct, Counts};
use crate::ner::{score_entities, Labeled, NerCounts, NerReport};
use crate::quotes::{predicted_quotes, score_quotes, QuoteAnn, QuoteReport};
use crate::sentences::{
    score_doc, segment_sentencex, SentenceCounts, SentenceReport, SystemScores,
};
use crate::span::{intersection_len, merge, CharSpan};
use crate::table::Table;

/// A span with optional text, as in schema v1.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldSpan {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The covered text, when given; checked against `text`.
    #[serde(default)]
    pub text: Option<String>,
}

impl GoldSpan {
    fn char_span(&self) -> CharSpan {
        CharSpan::new(self.start, self.end)
    }
}

/// A quote's speaker mention in gold JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldSpeakerMention {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The covered text.
    #[serde(default)]
    pub text: Option<String>,
    /// The resolved speaker's `id` in `speakers`.
    #[serde(default)]
    pub speaker_id: Option<usize>,
}

/// A gold quote.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldQuote {
    /// direct, indirect or mixed.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// Content pieces.
    pub content: Vec<GoldSpan>,
    /// The cue.
    #[serde(default)]
    pub cue: Option<GoldSpan>,
    /// The speaker mention.
    #[serde(default)]
    pub speaker: Option<GoldSpeakerMention>,
}

/// A gold speaker.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldSpeaker {
    /// Its id, referred to by `speaker_id`.
    pub id: usize,
    /// The canonical name.
    pub name: String,
}

/// A gold entity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldEntity {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// PER, ORG, LOC or MISC.
    pub label: String,
    /// The covered text.
    #[serde(default)]
    pub text: Option<String>,
}

/// A gold document (the parts of schema v1 the scorers read).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldDoc {
    /// The text the offsets index.
    pub text: String,
    /// Quotes.
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    /// Speakers.
    #[serde(default)]
    pub speakers: Vec<GoldSpeaker>,
    /// Entities.
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    /// Sentences.
    #[serde(default)]
    pub sentences: Vec<GoldSpan>,
    /// Boilerplate regions (their `kind` is not scored).
    #[serde(default)]
    pub boilerplate: Vec<GoldSpan>,
}

impl GoldDoc {
    /// Problems with the gold itself: spans out of bounds or inverted, `text` fields that do not
    /// match the text, unknown speaker ids or entity labels. Empty when the gold is consistent.
    pub fn problems(&self) -> Vec<String> {
        let chars: Vec<char> = self.text.chars().collect();
        let mut out = Vec::new();
        let mut check = |what: String, start: usize, end: usize, text: Option<&String>| {
            if start > end || end > chars.len() {
                out.push(format!(
                    "{what}: span {start}..{end} outside the text ({} chars)",
                    chars.len()
                ));
            } else if let Some(t) = text {
                let actual: String = chars[start..end].iter().collect();
                if &actual != t {
                    out.push(format!("{what}: text {t:?} but the span covers {actual:?}"));
                }
            }
        };
        for (i, q) in self.quotes.iter().enumerate() {
            if q.content.is_empty() {
                check(format!("quotes[{i}] has no content"), 1, 0, None);
            }
            for (j, c) in q.content.iter().enumerate() {
                check(
                    format!("quotes[{i}].content[{j}]"),
                    c.start,
                    c.end,
                    c.text.as_ref(),
                );
            }
            if let Some(c) = &q.cue {
                check(format!("quotes[{i}].cue"), c.start, c.end, c.text.as_ref());
            }
            if let Some(s) = &q.speaker {
                check(
                    format!("quotes[{i}].speaker"),
                    s.start,
                    s.end,
                    s.text.as_ref(),
                );
            }
        }
        for (i, e) in self.entities.iter().enumerate() {
            check(format!("entities[{i}]"), e.start, e.end, e.text.as_ref());
        }
        for (i, s) in self.sentences.iter().enumerate() {
            check(format!("sentences[{i}]"), s.start, s.end, s.text.as_ref());
        }
        for (i, s) in self.boilerplate.iter().enumerate() {
            check(format!("boilerplate[{i}]"), s.start, s.end, s.text.as_ref());
        }
        for (i, q) in self.quotes.iter().enumerate() {
            if let Some(id) = q.speaker.as_ref().and_then(|s| s.speaker_id) {
                if self.speaker_name(id).is_none() {
                    out.push(format!(
                        "quotes[{i}].speaker.speaker_id {id} is not in speakers"
                    ));
                }
            }
        }
        for (i, e) in self.entities.iter().enumerate() {
            if !["PER", "ORG", "LOC", "MISC"].contains(&e.label.as_str()) {
                out.push(format!(
                    "entities[{i}].label {:?} is not PER, ORG, LOC or MISC",
                    e.label
                ));
            }
        }
        out
    }

    fn speaker_name(&self, id: usize) -> Option<&str> {
        self.speakers
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.as_str())
    }

    /// The gold quotes as scorer input.
    pub fn quotes(&self) -> Vec<QuoteAnn> {
        self.quotes
            .iter()
            .map(|q| QuoteAnn {
                content: q.content.iter().map(GoldSpan::char_span).collect(),
                cue: q.cue.iter().map(GoldSpan::char_span).collect(),
                source: q
                    .speaker
                    .iter()
                    .map(|s| CharSpan::new(s.start, s.end))
                    .collect(),
                speaker_name: q
                    .speaker
                    .as_ref()
                    .and_then(|s| s.speaker_id)
                    .and_then(|id| self.speaker_name(id))
                    .map(str::to_owned),
            })
            .collect()
    }

    /// The gold entities (code points).
    pub fn entities(&self) -> Vec<Labeled> {
        self.entities
            .iter()
            .map(|e| Labeled::new(e.start, e.end, e.label.clone()))
            .collect()
    }

    /// The gold sentences as byte ranges into `text`.
    pub fn sentence_bytes(&self) -> Vec<(usize, usize)> {
        let starts: Vec<usize> = self
            .text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(self.text.len()))
            .collect();
        let b = |c: usize| starts.get(c).copied().unwrap_or(self.text.len());
        self.sentences
            .iter()
            .map(|s| (b(s.start), b(s.end)))
            .collect()
    }
}

/// One labeled sample.
#[derive(Clone, Debug)]
pub struct Sample {
    /// The file stem.
    pub name: String,
    /// The `.txt` file.
    pub path: PathBuf,
    /// Its gold.
    pub gold: GoldDoc,
}

/// Loads every `<name>.gold.json` in `dir` (sorted by name) with its `<name>.txt`.
pub fn load_samples(dir: &Path) -> Result<Vec<Sample>, EvalError> {
    let mut names: Vec<String> = crate::quotes::read_dir_names(dir)?
        .into_iter()
        .filter_map(|n| n.strip_suffix(".gold.json").map(str::to_owned))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let gpath = dir.join(format!("{name}.gold.json"));
        let data = std::fs::read_to_string(&gpath).map_err(|e| EvalError::io(&gpath, e))?;
        let gold: GoldDoc = serde_json::from_str(&data)
            .map_err(|e| EvalError::format(&gpath, Some(e.line()), e.to_string()))?;
        out.push(Sample {
            path: dir.join(format!("{name}.txt")),
            name,
            gold,
        });
    }
    Ok(out)
}

/// Reads a sample's `.txt` as the command-line tool does (plain-text ingestion) and runs the
/// pipeline on it.
pub fn process_sample(sample: &Sample, pipeline: &Pipeline) -> Result<Document, EvalError> {
    let ingestor = Ingestor::default();
    let record = ingestor
        .read(Input::Path(sample.path.clone()))
        .next()
        .ok_or_else(|| EvalError::format(&sample.path, None, "no document read"))?;
    let mut doc = record.map_err(|e| EvalError::format(&sample.path, None, e.to_string()))?;
    pipeline.process(&mut doc).map_err(|e| EvalError::Stage {
        stage: e.stage().unwrap_or("pipeline").to_owned(),
        doc: sample.name.clone(),
        message: e.to_string(),
    })?;
    Ok(doc)
}

/// Quote, entity and sentence scores on the samples.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SamplesReport {
    /// Quotes.
    pub quotes: QuoteReport,
    /// Entities (exact code-point span and type).
    pub ner: NerReport,
    /// Sentences: the pipeline's, then the `sentencex` baseline on the same texts.
    pub sentences: SentenceReport,
    /// Boilerplate, counted in characters: gold boilerplate characters marked (tp), body
    /// characters marked (fp), boilerplate characters missed (fn).
    pub boilerplate: Counts,
    /// Per sample: name, gold quotes, soft-matched quotes, gold entities, exact entities.
    pub per_sample: Vec<SampleLine>,
}

/// One sample's key counts.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SampleLine {
    /// The sample.
    pub name: String,
    /// Gold quotes.
    pub gold_quotes: usize,
    /// Predicted quotes.
    pub predicted_quotes: usize,
    /// Soft-matched quotes.
    pub matched_quotes: usize,
    /// Soft-matched quotes with the right speaker mention.
    pub right_speaker: usize,
    /// Gold entities found exactly.
    pub entities: String,
    /// Sentence boundaries found / gold.
    pub boundaries: String,
    /// Boilerplate characters marked / gold.
    pub boilerplate: String,
}

impl SamplesReport {
    /// A per-sample table.
    pub fn per_sample_table(&self) -> Table {
        let mut t = Table::new(
            "samples — per document",
            &[
                "sample",
                "gold q",
                "pred q",
                "matched",
                "right spk",
                "entities",
                "boundaries",
                "boilerplate",
            ],
        );
        for l in &self.per_sample {
            t.row(vec![
                l.name.clone(),
                l.gold_quotes.to_string(),
                l.predicted_quotes.to_string(),
                l.matched_quotes.to_string(),
                l.right_speaker.to_string(),
                l.entities.clone(),
                l.boundaries.clone(),
                l.boilerplate.clone(),
            ]);
        }
        t
    }

    /// Boilerplate detection, in characters.
    pub fn boilerplate_table(&self) -> Table {
        let mut t = Table::new(
            format!("boilerplate — {} (characters)", self.quotes.dataset),
            &["gold", "pred", "P", "R", "F1"],
        );
        let c = &self.boilerplate;
        t.row(vec![
            c.gold().to_string(),
            c.predicted().to_string(),
            pct(c.precision()),
            pct(c.recall()),
            pct(c.f1()),
        ]);
        t
    }
}

/// Character counts of predicted boilerplate against gold boilerplate (code-point spans).
pub fn score_boilerplate(gold: &[CharSpan], pred: &[CharSpan]) -> Counts {
    let g: usize = merge(gold).iter().map(CharSpan::len).sum();
    let p: usize = merge(pred).iter().map(CharSpan::len).sum();
    Counts::from_matches(intersection_len(gold, pred), p, g)
}

/// Runs the pipeline on every sample and scores quotes, entities and sentences. Gold problems
/// (see [`GoldDoc::problems`]) and a `.txt` that differs from the gold `text` are errors.
pub fn eval_samples(dir: &Path, pipeline: &Pipeline) -> Result<SamplesReport, EvalError> {
    let samples = load_samples(dir)?;
    let dataset = dir.display().to_string();
    let mut report = SamplesReport::default();
    report.quotes.dataset = dataset.clone();
    report.ner.dataset = dataset.clone();
    report.sentences.dataset = dataset;
    let mut ner = NerCounts::default();
    let mut sents = SystemScores {
        system: "newsquotes".to_owned(),
        ..Default::default()
    };
    let mut base = SystemScores {
        system: "sentencex".to_owned(),
        ..Default::default()
    };
    for s in &samples {
        let gpath = dir.join(format!("{}.gold.json", s.name));
        let problems = s.gold.problems();
        if !problems.is_empty() {
            return Err(EvalError::format(&gpath, None, problems.join("; ")));
        }
        let doc = process_sample(s, pipeline)?;
        if doc.text() != s.gold.text {
            return Err(EvalError::format(
                &gpath,
                None,
                format!("`text` differs from {} as read", s.path.display()),
            ));
        }
        let gq = s.gold.quotes();
        let pq = predicted_quotes(&doc);
        let qs = score_quotes(doc.text(), &gq, &pq);
        report.quotes.scores.add(&qs);
        report.quotes.documents += 1;

        let co = CharOffsets::new(doc.text());
        let pe: Vec<Labeled> = doc
            .entities()
            .iter()
            .map(|e| {
                Labeled::new(
                    co.char_index(e.span.start),
                    co.char_index(e.span.end),
                    e.label.name(),
                )
            })
            .collect();
        let es = score_entities(&s.gold.entities(), &pe);
        ner.add(&es);

        let ps: Vec<(usize, usize)> = doc
            .sentences()
            .iter()
            .map(|x| (x.span.start, x.span.end))
            .collect();
        let ss: SentenceCounts = score_doc(doc.text(), &s.gold.sentence_bytes(), &ps);
        sents.overall.add(&ss);
        let bs = score_doc(
            doc.text(),
            &s.gold.sentence_bytes(),
            &segment_sentencex(doc.text()),
        );
        base.overall.add(&bs);

        let pb: Vec<CharSpan> = doc
            .boilerplate()
            .iter()
            .map(|b| CharSpan::new(co.char_index(b.span.start), co.char_index(b.span.end)))
            .collect();
        let gb: Vec<CharSpan> = s.gold.boilerplate.iter().map(GoldSpan::char_span).collect();
        let bc = score_boilerplate(&gb, &pb);
        report.boilerplate.add(bc);

        report.per_sample.push(SampleLine {
            name: s.name.clone(),
            gold_quotes: gq.len(),
            predicted_quotes: pq.len(),
            matched_quotes: qs.all.soft.tp,
            right_speaker: qs.all.speaker.correct,
            entities: format!("{}/{}", es.overall.tp, es.overall.gold()),
            boundaries: format!("{}/{}", ss.boundaries.tp, ss.boundaries.gold()),
            boilerplate: format!("{}/{}", bc.tp, bc.gold()),
        });
    }
    report.ner.documents = samples.len();
    report.ner.counts = ner;
    report.sentences.documents = samples.len();
    report.sentences.systems = vec![sents, base];
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOLD: &str = r#"{
      "text": "“Héllo,” said Ann. Bo agreed.",
      "quotes": [{"type": "direct",
                  "content": [{"start": 0, "end": 8, "text": "“Héllo,”"}],
                  "cue": {"start": 9, "end": 13, "text": "said"},
                  "speaker": {"start": 14, "end": 17, "text": "Ann", "speaker_id": 0}}],
      "speakers": [{"id": 0, "name": "Ann Lee", "label": "PER"}],
      "entities": [{"start": 14, "end": 17, "label": "PER", "text": "Ann"}],
      "sentences": [{"start": 0, "end": 18}, {"start": 19, "end": 29}]
    }"#;

    #[test]
    fn gold_json_becomes_scorer_input() {
        let g: GoldDoc = serde_json::from_str(GOLD).unwrap();
        assert_eq!(g.problems(), Vec::<String>::new());
        let q = g.quotes();
        assert_eq!(q[0].content, vec![CharSpan::new(0, 8)]);
        assert_eq!(q[0].source, vec![CharSpan::new(14, 17)]);
        assert_eq!(q[0].speaker_name.as_deref(), Some("Ann Lee"));
        assert_eq!(g.entities(), vec![Labeled::new(14, 17, "PER")]);
        // "“", "é" and "”" are multi-byte: code point 18 is byte 23.
        assert_eq!(g.sentence_bytes(), vec![(0, 23), (24, 34)]);
        assert_eq!(&g.text[24..34], "Bo agreed.");
    }

    #[test]
    fn gold_problems_are_reported() {
        let mut g: GoldDoc = serde_json::from_str(GOLD).unwrap();
        g.quotes[0].cue.as_mut().unwrap().text = Some("says".into());
        g.entities[0].end = 99;
        g.entities[0].label = "PERSON".into();
        g.quotes[0].speaker.as_mut().unwrap().speaker_id = Some(7);
        let p = g.problems();
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(p[0].contains("quotes[0].cue"), "{p:?}");
        let c = score_boilerplate(
            &[CharSpan::new(0, 10), CharSpan::new(20, 30)],
            &[CharSpan::new(5, 25)],
        );
        assert_eq!(
            c,
            Counts {
                tp: 10,
                fp: 10,
                fn_: 10
            }
        );
        assert_eq!(score_boilerplate(&[], &[]), Counts::default());
        let empty = GoldDoc::default();
        assert!(empty.problems().is_empty());
        assert!(empty.quotes().is_empty());
    }
}
