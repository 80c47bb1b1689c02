//! Quotes, cues and speakers: who said what.
//!
//! The [`Attributor`] stage reads sentences, tokens and entities (and paragraphs and boilerplate
//! when present) and sets three layers: the quotes (direct, mixed and indirect; content pieces,
//! cue, local speaker mention, resolved speaker, the rule that decided and a confidence), the
//! speaker mentions they point at, and the speakers (clusters of mentions with a canonical name,
//! a label and gender evidence).
//!
//! It is a deterministic sequence of sieves, in the manner of CoreNLP's quote attributor, each
//! linear in the document length:
//!
//! 1. **marks** — quotation marks of every style are paired with a stack (nesting, straight
//!    quotes, unbalanced marks, quotes running over several paragraphs);
//! 2. **cues** — reporting verbs, phrasal verbs and phrases ("said", "pointed out", "according
//!    to") from the lexicon in `models/attribution/cues.tsv`;
//! 3. **speaker mentions** — noun phrases chunked around the cue from tokens, entities and
//!    capitalisation, before or after the cue, with appositions ("Dmitri, a member of the unit,
//!    said"), or in the previous sentence or paragraph;
//! 4. **indirect and mixed quotes** — "X said (that) …", "X told Y …", "…, X said.",
//!    "According to X, …", reported questions, headlines;
//! 5. **learned cues** (only with [`Scope::All`]) — attitudes and beliefs the rules do not
//!    report ("is expected to …", "voiced support for …"), proposed by a logistic model trained
//!    on PolNeAR train ([`learned`], `models/attribution/learned_cues.tsv`);
//! 6. **resolution** — names, titles, descriptions and pronouns clustered into speakers.
//!
//! [`sieve_description`] explains each sieve name recorded on a quote.
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
//! assert_eq!(q.sieve, "trailing-cue");
//! assert_eq!(doc.speakers()[q.speaker.unwrap()].gender_evidence, vec!["pronoun she".to_owned()]);
//! ```

mod coref;
mod ctx;
pub mod learned;
mod lexicon;
mod marks;
mod np;
mod sieves;

use newsquotes_document::{Document, Layer, Quote, Span, Stage, StageError};

use crate::ctx::Ctx;

/// Which attributions the stage reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Acts of saying: direct, mixed and indirect speech with a reporting cue or a quoted
    /// speaker, whose content is something said (a clause, a question, a quotation, an
    /// accusation) — the guideline of `tests/samples`. The rule sieves only.
    #[default]
    Speech,
    /// PolNeAR's guideline: every report the rules find (also those the speech scope leaves out:
    /// noun-phrase objects, cognition verbs, evidence), a cue-less continuation paragraph joined
    /// to the direct quote it continues, plus the attitudes, beliefs and evaluations PolNeAR
    /// annotates as attributions ("is expected to …", "voiced support for …", "wanted …"): the
    /// rule sieves followed by the learned cue sieve ([`learned`]), whose quotes carry its
    /// probability as confidence.
    All,
}

impl Scope {
    /// The scope's name on the command line and in reports (`speech`, `all`).
    pub fn name(self) -> &'static str {
        match self {
            Scope::Speech => "speech",
            Scope::All => "all",
        }
    }
}

impl std::str::FromStr for Scope {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "speech" => Ok(Scope::Speech),
            "all" => Ok(Scope::All),
            _ => Err(format!("unknown attribution scope {s:?} (speech, all)")),
        }
    }
}

/// The attribution stage.
#[derive(Debug, Clone)]
pub struct Attributor {
    scope: Scope,
    /// Run the learned cue sieve in [`Scope::All`] (off only to train that sieve).
    learned: bool,
}

impl Default for Attributor {
    fn default() -> Self {
        Attributor::new(Scope::default())
    }
}

impl Attributor {
    /// A stage reporting the attributions of `scope`.
    pub fn new(scope: Scope) -> Self {
        Attributor {
            scope,
            learned: true,
        }
    }

    /// The rule sieves of `scope` without the learned cue sieve: what the learned sieve's trainer
    /// (`crates/eval/examples/train_cues.rs`) starts from, so that it sees exactly the rules'
    /// output the stage will extend.
    pub fn rules_only(scope: Scope) -> Self {
        Attributor {
            scope,
            learned: false,
        }
    }

    /// The scope it reports.
    pub fn scope(&self) -> Scope {
        self.scope
    }
}

/// Every sieve name a quote can carry, with what it means.
pub const SIEVES: &[(&str, &str)] = &[
    (
        "trailing-cue",
        "a reporting verb right after the quote with its subject before it: “…,” she said",
    ),
    (
        "trailing-cue-inverted",
        "a reporting verb right after the quote with its subject after it: “…,” said Hill",
    ),
    (
        "leading-cue",
        "a reporting verb before the quote in the same sentence: Hill said: “…”",
    ),
    (
        "according-to",
        "a source phrase: according to X / in the words of X",
    ),
    (
        "dash-name",
        "a dash and a name right after the quote: “…” ― Adriana Rodarte",
    ),
    (
        "colon-intro",
        "the quote opens a paragraph after a sentence ending in a colon with a cue: He said:",
    ),
    (
        "paragraph-continuation",
        "the quote follows a paragraph that ended with a quote or a report by the same speaker",
    ),
    (
        "dialogue-turn",
        "a quote-only paragraph in a dialogue: the speaker of the turn before the last one",
    ),
    (
        "previous-sentence-subject",
        "no cue: the person who is the subject of the sentence before the quote",
    ),
    (
        "sentence-subject",
        "no cue: the person who is the subject of the sentence the quote is in",
    ),
    ("unattributed", "no cue and no speaker found"),
    (
        "uncued-passage",
        "all scope: a long quotation no rule attributes; the subject of its sentence, or the speaker of the nearest quote before it",
    ),
    (
        "nearest-speaker",
        "no cue: the speaker of the nearest quote or report before it, at most two paragraphs back",
    ),
    (
        "colon-headline",
        "a headline or line opening with its source and a colon: Graham: Trump is …",
    ),
    ("reported-that", "indirect speech: X said/told Y that …"),
    (
        "reported-question",
        "a reported question: X asked (Y) who/whether …",
    ),
    (
        "reported-clause",
        "indirect speech without “that”: X said the plan …",
    ),
    (
        "noun-that",
        "a reporting noun with its owner as the source: Trump's claim that …",
    ),
    (
        "parenthetical-said",
        "indirect speech around its source: The museum, Mr. Bush said, celebrated …",
    ),
    (
        "trailing-said",
        "indirect speech followed by its source: …, X said.",
    ),
    (
        "trailing-said-inverted",
        "indirect speech followed by its source after the verb: …, said X.",
    ),
    (
        "learned-cue",
        "a cue word the rules do not know, accepted by the model trained on PolNeAR: X voiced support for …",
    ),
];

/// What a sieve name means, for explanations (`"?"` for an unknown name).
pub fn sieve_description(sieve: &str) -> &'static str {
    SIEVES
        .iter()
        .find(|(n, _)| *n == sieve)
        .map_or("?", |(_, d)| d)
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
        let (mentions, speakers, quotes) = {
            let ctx = Ctx::new(doc);
            attribute(&ctx, self.scope, self.learned)
        };
        let err = |e| StageError::layer("attribution", e);
        doc.set_mentions(mentions).map_err(err)?;
        doc.set_speakers(speakers).map_err(err)?;
        doc.set_quotes(quotes).map_err(err)
    }
}

type Layers = (
    Vec<newsquotes_document::Mention>,
    Vec<newsquotes_document::Speaker>,
    Vec<Quote>,
);

fn attribute(ctx: &Ctx, scope: Scope, learned: bool) -> Layers {
    if ctx.len() == 0 {
        return (Vec::new(), Vec::new(), Vec::new());
    }
    let (quoted, owner) = marks::pair(ctx);
    let mut found = sieves::direct(ctx, &quoted, &owner);
    if scope == Scope::Speech {
        for f in &mut found {
            sieves::drop_inscription_source(ctx, f);
        }
    }
    let mut indirect = sieves::indirect(ctx, &quoted, &owner, &found);
    if scope == Scope::Speech {
        indirect.retain(|f| sieves::speech_act(ctx, f, &owner));
        for f in &mut indirect {
            sieves::trim_naming_object(ctx, f, &owner);
        }
    }
    // An unattributed direct quote inside a mixed or indirect quote is part of it.
    let mut covered = vec![false; ctx.len()];
    for g in &indirect {
        for p in &g.pieces {
            covered[p.clone()].fill(true);
        }
    }
    let mut dropped = vec![false; found.len()];
    for (i, f) in found.iter().enumerate() {
        dropped[i] = f.speaker.is_none()
            && f.same_as.is_none()
            && f.pieces
                .iter()
                .all(|p| covered[p.clone()].iter().all(|&c| c));
    }
    let n_direct = found.len();
    dropped.resize(found.len() + indirect.len(), false);
    found.extend(indirect);
    sieves::continue_reported(ctx, &mut found, n_direct, &dropped);
    sieves::after_reports(ctx, &mut found, &dropped);
    if scope == Scope::All {
        sieves::unnest(&found, &mut dropped);
        // Before the learned sieve, as in its training (`rules_only`): it proposes nothing
        // inside a passage kept here.
        let passages = sieves::long_passages(ctx, &quoted, &found, &dropped);
        dropped.resize(found.len() + passages.len(), false);
        found.extend(passages);
    }
    if scope == Scope::All && learned {
        let model = learned::CueModel::embedded();
        let (new, absorbed) = learned::find(ctx, &owner, &found, &dropped, model);
        for a in absorbed {
            dropped[a] = true;
        }
        dropped.resize(found.len() + new.len(), false);
        found.extend(new);
    }
    if scope == Scope::All {
        sieves::merge_continuations(ctx, &mut found, &mut dropped);
        sieves::outer_source(ctx, &mut found, &dropped);
    }
    // Resolve speaker mentions, following continuation links.
    let nps: Vec<np::Np> = found.iter().filter_map(|f| f.speaker.clone()).collect();
    // Turns: where each kept quote starts and the speaker phrase it is attributed to.
    let turns: Vec<(usize, std::ops::Range<usize>)> = found
        .iter()
        .zip(&dropped)
        .filter(|(_, &d)| !d)
        .filter_map(|(f, _)| {
            let np = match f.same_as {
                Some(j) => found[j].speaker.as_ref(),
                None => f.speaker.as_ref(),
            }?;
            Some((f.pieces.first()?.start, np.toks.clone()))
        })
        .collect();
    let resolved = coref::resolve(ctx, &nps, &owner, &turns);
    let mut quotes: Vec<Quote> = Vec::with_capacity(found.len());
    for (f, _) in found.iter().zip(&dropped).filter(|(_, &d)| !d) {
        let np = match f.same_as {
            Some(j) => found[j].speaker.as_ref(),
            None => f.speaker.as_ref(),
        };
        let (mention, speaker) = np
            .and_then(|np| resolved.index.get(&(np.toks.start, np.toks.end)))
            .map_or((None, None), |&(m, s)| (Some(m), Some(s)));
        let content: Vec<Span> = f
            .pieces
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| trim_space(ctx, ctx.span(p.clone())))
            .filter(|s| !s.is_empty())
            .collect();
        if content.is_empty() || content.windows(2).any(|w| w[1].start < w[0].end) {
            continue;
        }
        quotes.push(Quote {
            kind: f.kind,
            content,
            cue: f.cue.clone().map(|c| ctx.span(c)),
            speaker_mention: mention,
            speaker,
            sieve: f.sieve.to_owned(),
            confidence: f.confidence,
        });
    }
    quotes.sort_by_key(|q| (q.content[0].start, q.content[0].end));
    (resolved.mentions, resolved.speakers, quotes)
}

/// Drops whitespace at the ends of a span.
fn trim_space(ctx: &Ctx, s: Span) -> Span {
    let t = s.get(ctx.doc.text()).unwrap_or("");
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if lead + trail >= t.len() {
        return Span::new(s.start, s.start);
    }
    Span::new(s.start + lead, s.end - trail)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_coref;
#[cfg(test)]
mod tests_learned;
