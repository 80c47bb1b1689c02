//! Quotes, cues and speakers.
//!
//! First simple version: direct quotes between paired quotation marks, a reporting verb in the
//! same sentence as the cue, and the nearest name or pronoun next to the cue as the speaker.
//! Replaced by the attribution issue.
//!
//! ```
//! use newsquotes_document::{Document, Sentence, Span, Stage, Token, TokenKind, TokenRange};
//! use newsquotes_attribution::Attributor;
//!
//! let text = "“Go,” she said.";
//! let mut doc = Document::new("d", text);
//! let toks = [(0, 3, TokenKind::Quote), (3, 5, TokenKind::Word), (5, 6, TokenKind::Punct),
//!             (6, 9, TokenKind::Quote), (10, 13, TokenKind::Word), (14, 18, TokenKind::Word),
//!             (18, 19, TokenKind::Punct)];
//! doc.set_tokens(toks.iter().map(|&(s, e, kind)| Token { span: Span::new(s, e), kind }).collect()).unwrap();
//! doc.set_sentences(vec![Sentence { span: Span::new(0, 19), tokens: TokenRange::new(0, 7) }]).unwrap();
//! doc.set_entities(vec![]).unwrap();
//! Attributor::default().annotate(&mut doc).unwrap();
//! let q = &doc.quotes()[0];
//! assert_eq!(doc.slice(q.content[0]), "“Go,”");
//! assert_eq!(doc.slice(doc.mentions()[q.speaker_mention.unwrap()].span), "she");
//! ```

use newsquotes_document::{
    Document, Gender, Layer, Mention, MentionKind, Quote, QuoteKind, Span, Speaker, SpeakerLabel,
    Stage, StageError, TokenKind,
};

/// A quote found: content, cue and speaker mention with its kind.
type Found = (Span, Option<Span>, Option<(Span, MentionKind)>);

/// The attribution stage.
#[derive(Debug, Default, Clone)]
pub struct Attributor;

const CUES: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "asked",
    "added",
    "responded",
    "replied",
    "saying",
];
const PRONOUNS: &[&str] = &["he", "she", "they", "He", "She", "They", "I", "we", "We"];

fn opens(s: &str) -> Option<&'static str> {
    match s {
        "“" => Some("”"),
        "\"" => Some("\""),
        "«" => Some("»"),
        "„" => Some("“"),
        _ => None,
    }
}

impl Stage for Attributor {
    fn name(&self) -> &str {
        "attribution"
    }
    fn requires(&self) -> &[Layer] {
        &[Layer::Sentences, Layer::Tokens, Layer::Entities]
    }
    fn produces(&self) -> &[Layer] {
        &[Layer::Mentions, Layer::Speakers, Layer::Quotes]
    }
    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        self.check_requires(doc)?;
        let toks = doc.tokens();
        let mut found: Vec<Found> = Vec::new();
        for s in doc.sentences() {
            let r = s.tokens.range();
            let mut i = r.start;
            let mut quoted = vec![false; r.len()];
            let mut quotes = Vec::new();
            while i < r.end {
                if let Some(close) = (toks[i].kind == TokenKind::Quote)
                    .then(|| opens(doc.token_text(i)))
                    .flatten()
                {
                    if let Some(j) = (i + 1..r.end).find(|&j| doc.token_text(j) == close) {
                        quotes.push(Span::new(toks[i].span.start, toks[j].span.end));
                        quoted[i - r.start..=j - r.start].fill(true);
                        i = j + 1;
                        continue;
                    }
                }
                i += 1;
            }
            if quotes.is_empty() {
                continue;
            }
            let cue = r
                .clone()
                .find(|&k| !quoted[k - r.start] && CUES.contains(&doc.token_text(k)));
            let speaker = cue.and_then(|c| {
                let near = |k: usize| -> Option<(Span, MentionKind)> {
                    if quoted[k - r.start] {
                        return None;
                    }
                    if PRONOUNS.contains(&doc.token_text(k)) {
                        return Some((toks[k].span, MentionKind::Pronoun));
                    }
                    doc.entities()
                        .iter()
                        .find(|e| e.tokens.range().contains(&k))
                        .map(|e| (e.span, MentionKind::Name))
                };
                [c.wrapping_sub(1), c + 1]
                    .into_iter()
                    .filter(|k| r.contains(k))
                    .find_map(near)
            });
            let cue = cue.map(|c| toks[c].span);
            for q in quotes {
                found.push((q, cue, speaker));
            }
        }
        let mut mentions: Vec<Mention> = found
            .iter()
            .filter_map(|f| f.2)
            .map(|(span, kind)| Mention { span, kind })
            .collect();
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        mentions.dedup();
        let speakers: Vec<Speaker> = mentions
            .iter()
            .enumerate()
            .map(|(i, m)| Speaker {
                name: doc.slice(m.span).to_owned(),
                label: if m.kind == MentionKind::Name {
                    SpeakerLabel::Person
                } else {
                    SpeakerLabel::Unknown
                },
                gender: Gender::Unknown,
                gender_evidence: vec![],
                mentions: vec![i],
            })
            .collect();
        let quotes = found
            .iter()
            .map(|(content, cue, sp)| {
                let m = sp.and_then(|(span, _)| mentions.iter().position(|m| m.span == span));
                Quote {
                    kind: QuoteKind::Direct,
                    content: vec![*content],
                    cue: *cue,
                    speaker_mention: m,
                    speaker: m,
                    sieve: if m.is_some() {
                        "adjacent-cue"
                    } else {
                        "marks-only"
                    }
                    .into(),
                    confidence: if m.is_some() { 0.6 } else { 0.3 },
                }
            })
            .collect();
        let err = |e| StageError::layer("attribution", e);
        doc.set_mentions(mentions).map_err(err)?;
        doc.set_speakers(speakers).map_err(err)?;
        doc.set_quotes(quotes).map_err(err)
    }
}
