//! Token-classification label names (`B-PER`, `I-ORG`, `U-LOC`, `O`...) mapped to newsquotes'
//! entity types, and the decoding of per-word tags into entities.

use std::collections::BTreeMap;

use newsquotes_document::EntityLabel;

use crate::Error;

/// The position of a word inside an entity, whatever the tagging scheme calls it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// `O`: outside any entity.
    Outside,
    /// `B-`: the first word (BIO/IOB2, BILOU, BIOES; in IOB1 a new entity right after another of
    /// the same type).
    Begin,
    /// `I-` (or a bare type, as in IO tagging): inside, continuing an entity of the same type.
    Inside,
    /// `L-` / `E-`: the last word.
    Last,
    /// `U-` / `S-`: a one-word entity.
    Unit,
}

/// One model label: its position and entity type (`None` only for [`Position::Outside`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag {
    /// Position in the entity.
    pub position: Position,
    /// Entity type.
    pub label: Option<EntityLabel>,
}

impl Tag {
    /// The outside tag.
    pub const OUTSIDE: Tag = Tag {
        position: Position::Outside,
        label: None,
    };

    /// Parses one label name. Prefixes `B I E L S U` with `-` or `_`, a bare type (IO tagging),
    /// or `O`; types as [`EntityLabel::parse`] reads them (`PER`/`PERSON`, `ORG`, `LOC`/`GPE`,
    /// `MISC`). `None` for anything else.
    pub fn parse(name: &str) -> Option<Tag> {
        let name = name.trim();
        if name.eq_ignore_ascii_case("O") {
            return Some(Tag::OUTSIDE);
        }
        let (position, ty) = match name.as_bytes().get(1) {
            Some(b'-' | b'_') => {
                let position = match name.as_bytes()[0].to_ascii_uppercase() {
                    b'B' => Position::Begin,
                    b'I' => Position::Inside,
                    b'E' | b'L' => Position::Last,
                    b'S' | b'U' => Position::Unit,
                    _ => return None,
                };
                (position, &name[2..])
            }
            _ => (Position::Inside, name),
        };
        Some(Tag {
            position,
            label: Some(EntityLabel::parse(ty)?),
        })
    }
}

/// The model's labels, indexed by class id.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelMap {
    tags: Vec<Tag>,
    names: Vec<String>,
}

impl LabelMap {
    /// Builds the map from a model's `id2label`. The ids must be exactly `0..n`; every name must
    /// parse (see [`Tag::parse`]) — a model with other types (`DATE`, `LABEL_0`) is refused, since
    /// the rest of the pipeline only knows PER, ORG, LOC and MISC.
    pub fn from_id2label(id2label: &BTreeMap<i64, String>) -> Result<LabelMap, Error> {
        if id2label.is_empty() {
            return Err(Error::Labels("id2label is empty".to_owned()));
        }
        let mut tags = Vec::with_capacity(id2label.len());
        let mut names = Vec::with_capacity(id2label.len());
        let mut unknown = Vec::new();
        for (want, (&id, name)) in (0_i64..).zip(id2label) {
            if id != want {
                return Err(Error::Labels(format!(
                    "id2label ids must be 0..{}, found {id} where {want} was expected",
                    id2label.len()
                )));
            }
            match Tag::parse(name) {
                Some(t) => tags.push(t),
                None => unknown.push(name.clone()),
            }
            names.push(name.clone());
        }
        if !unknown.is_empty() {
            return Err(Error::Labels(format!(
                "unknown label(s) {}: expected O or B-/I-/E-/L-/S-/U- with PER, ORG, LOC or MISC \
                 (generic LABEL_n names mean the model's config.json lacks a real id2label)",
                unknown.join(", ")
            )));
        }
        if !tags.iter().any(|t| t.label.is_some()) {
            return Err(Error::Labels("no entity label in id2label".to_owned()));
        }
        Ok(LabelMap { tags, names })
    }

    /// Number of classes.
    pub fn len(&self) -> usize {
        self.tags.len()
    }

    /// Whether there are no classes (never true for a loaded map).
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }

    /// The tag of class `id` (outside for an id the model does not have).
    pub fn tag(&self, id: usize) -> Tag {
        self.tags.get(id).copied().unwrap_or(Tag::OUTSIDE)
    }

    /// The model's name of class `id`.
    pub fn name(&self, id: usize) -> Option<&str> {
        self.names.get(id).map(String::as_str)
    }
}

/// An entity found in a sentence: word range (end exclusive), type and score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Found {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// Type.
    pub label: EntityLabel,
    /// Mean probability of the words' tags, in `[0, 1]`.
    pub score: f32,
}

/// Decodes one sentence's word tags (tag and its probability; `None` for a word without
/// prediction) into entities. Lenient like conlleval: an `I-`/`L-` that does not continue an
/// entity of its type starts one, so BIO, IOB1, IO, BILOU and BIOES all decode.
pub fn decode(words: &[Option<(Tag, f32)>]) -> Vec<Found> {
    struct Open {
        start: usize,
        label: EntityLabel,
        sum: f32,
    }
    let mut out = Vec::new();
    let mut open: Option<Open> = None;
    let close = |open: &mut Option<Open>, end: usize, out: &mut Vec<Found>| {
        if let Some(o) = open.take() {
            out.push(Found {
                start: o.start,
                end,
                label: o.label,
                score: (o.sum / (end - o.start) as f32).clamp(0.0, 1.0),
            });
        }
    };
    for (i, w) in words.iter().enumerate() {
        let (tag, p) = w.unwrap_or((Tag::OUTSIDE, 1.0));
        let Some(label) = tag.label else {
            close(&mut open, i, &mut out);
            continue;
        };
        let continues = open.as_ref().is_some_and(|o| o.label == label);
        match tag.position {
            Position::Inside | Position::Last if continues => {
                if let Some(o) = open.as_mut() {
                    o.sum += p;
                }
            }
            _ => {
                close(&mut open, i, &mut out);
                open = Some(Open {
                    start: i,
                    label,
                    sum: p,
                });
            }
        }
        if matches!(tag.position, Position::Last | Position::Unit) {
            close(&mut open, i + 1, &mut out);
        }
    }
    close(&mut open, words.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(names: &[&str]) -> Result<LabelMap, Error> {
        LabelMap::from_id2label(
            &names
                .iter()
                .enumerate()
                .map(|(i, n)| (i as i64, (*n).to_owned()))
                .collect(),
        )
    }

    fn run(names: &[&str], seq: &[&str]) -> Vec<(usize, usize, &'static str)> {
        let m = map(names).unwrap();
        let words: Vec<_> = seq
            .iter()
            .map(|s| {
                let id = names.iter().position(|n| n == s).unwrap();
                Some((m.tag(id), 0.5))
            })
            .collect();
        decode(&words)
            .into_iter()
            .map(|f| (f.start, f.end, f.label.name()))
            .collect()
    }

    #[test]
    fn parses_names_of_common_schemes() {
        let t = |s| Tag::parse(s).map(|t| (t.position, t.label.map(|l| l.name())));
        assert_eq!(t("O"), Some((Position::Outside, None)));
        assert_eq!(t("B-PER"), Some((Position::Begin, Some("PER"))));
        assert_eq!(t("I-PERSON"), Some((Position::Inside, Some("PER"))));
        assert_eq!(t("L-ORG"), Some((Position::Last, Some("ORG"))));
        assert_eq!(t("E-GPE"), Some((Position::Last, Some("LOC"))));
        assert_eq!(t("U-MISC"), Some((Position::Unit, Some("MISC"))));
        assert_eq!(t("S_LOC"), Some((Position::Unit, Some("LOC"))));
        assert_eq!(t("b-loc"), Some((Position::Begin, Some("LOC"))));
        assert_eq!(t("PER"), Some((Position::Inside, Some("PER"))));
        assert_eq!(t("B-DATE"), None);
        assert_eq!(t("LABEL_3"), None);
        assert_eq!(t("X-PER"), None);
    }

    #[test]
    fn bio_and_iob1_decode_like_conlleval() {
        let bio = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"];
        assert_eq!(
            run(&bio, &["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]),
            vec![(0, 2, "PER"), (3, 4, "LOC"), (4, 6, "LOC")]
        );
        // A stray I- starts an entity; a type change closes the open one.
        assert_eq!(
            run(&bio, &["I-LOC", "I-PER", "I-PER", "O", "I-LOC"]),
            vec![(0, 1, "LOC"), (1, 3, "PER"), (4, 5, "LOC")]
        );
        // IOB1: I- everywhere, B- only between two adjacent entities of one type.
        assert_eq!(
            run(&bio, &["I-LOC", "I-LOC", "B-LOC", "O", "I-PER"]),
            vec![(0, 2, "LOC"), (2, 3, "LOC"), (4, 5, "PER")]
        );
    }

    #[test]
    fn bilou_and_bioes_decode() {
        let bilou = ["O", "B-PER", "I-PER", "L-PER", "U-PER", "U-ORG"];
        assert_eq!(
            run(
                &bilou,
                &["B-PER", "I-PER", "L-PER", "U-PER", "U-PER", "O", "U-ORG"]
            ),
            vec![(0, 3, "PER"), (3, 4, "PER"), (4, 5, "PER"), (6, 7, "ORG")]
        );
        let bioes = ["O", "B-LOC", "E-LOC", "S-LOC"];
        assert_eq!(
            run(&bioes, &["B-LOC", "E-LOC", "E-LOC", "S-LOC", "B-LOC"]),
            vec![(0, 2, "LOC"), (2, 3, "LOC"), (3, 4, "LOC"), (4, 5, "LOC")]
        );
    }

    #[test]
    fn words_without_prediction_are_outside_and_scores_average() {
        let m = map(&["O", "B-ORG", "I-ORG"]).unwrap();
        let words = vec![
            Some((m.tag(1), 0.9)),
            Some((m.tag(2), 0.5)),
            None,
            Some((m.tag(2), 0.25)),
        ];
        let f = decode(&words);
        assert_eq!(f.len(), 2);
        assert_eq!((f[0].start, f[0].end), (0, 2));
        assert!((f[0].score - 0.7).abs() < 1e-6);
        assert_eq!((f[1].start, f[1].end, f[1].score), (3, 4, 0.25));
        assert!(decode(&[]).is_empty());
    }

    #[test]
    fn refuses_bad_label_sets() {
        let err = |names: &[&str]| map(names).unwrap_err().to_string();
        assert!(err(&["O", "B-PER", "B-DATE", "I-DATE"]).contains("B-DATE, I-DATE"));
        assert!(err(&["LABEL_0", "LABEL_1"]).contains("id2label"));
        assert!(err(&["O"]).contains("no entity label"));
        assert!(err(&[]).contains("empty"));
        let gap: BTreeMap<i64, String> = [(0, "O".to_owned()), (2, "B-PER".to_owned())].into();
        assert!(LabelMap::from_id2label(&gap)
            .unwrap_err()
            .to_string()
            .contains("0..2"));
        let m = map(&["O", "B-PER"]).unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(m.tag(7), Tag::OUTSIDE);
        assert_eq!(m.name(1), Some("B-PER"));
    }
}
