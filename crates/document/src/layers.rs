//! The annotation types stored in a [`crate::Document`]'s layers.

use crate::span::{Span, TokenRange};

/// Names of the annotation layers, used by stages to declare what they need and produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Layer {
    /// [`crate::Document::paragraphs`]
    Paragraphs,
    /// [`crate::Document::boilerplate`]
    Boilerplate,
    /// [`crate::Document::sentences`]
    Sentences,
    /// [`crate::Document::tokens`]
    Tokens,
    /// [`crate::Document::entities`]
    Entities,
    /// [`crate::Document::mentions`]
    Mentions,
    /// [`crate::Document::speakers`]
    Speakers,
    /// [`crate::Document::quotes`]
    Quotes,
}

impl Layer {
    /// Every layer, in pipeline order.
    pub const ALL: [Layer; 8] = [
        Layer::Paragraphs,
        Layer::Boilerplate,
        Layer::Sentences,
        Layer::Tokens,
        Layer::Entities,
        Layer::Mentions,
        Layer::Speakers,
        Layer::Quotes,
    ];

    /// The layer's name as used in the output and in messages.
    pub const fn name(self) -> &'static str {
        match self {
            Layer::Paragraphs => "paragraphs",
            Layer::Boilerplate => "boilerplate",
            Layer::Sentences => "sentences",
            Layer::Tokens => "tokens",
            Layer::Entities => "entities",
            Layer::Mentions => "mentions",
            Layer::Speakers => "speakers",
            Layer::Quotes => "quotes",
        }
    }
}

impl std::fmt::Display for Layer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What a boilerplate region is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum BoilerplateKind {
    /// Notification and newsletter prompts.
    Newsletter,
    /// Comment sections and prompts to comment.
    Comments,
    /// Sign-in, registration and "refresh the page" lines.
    Account,
    /// Campaign, donation and petition blurbs.
    Campaign,
    /// Share, follow and read-more lines.
    Share,
    /// Photo captions and credits.
    Caption,
    /// Navigation, menus and other page furniture.
    Navigation,
    /// Headline, standfirst, byline and dateline lines (the article's metadata block).
    Header,
    /// Anything else that is not article text.
    Other,
}

impl BoilerplateKind {
    /// The kind's name as used in the output.
    pub const fn name(self) -> &'static str {
        match self {
            BoilerplateKind::Newsletter => "newsletter",
            BoilerplateKind::Comments => "comments",
            BoilerplateKind::Account => "account",
            BoilerplateKind::Campaign => "campaign",
            BoilerplateKind::Share => "share",
            BoilerplateKind::Caption => "caption",
            BoilerplateKind::Navigation => "navigation",
            BoilerplateKind::Header => "header",
            BoilerplateKind::Other => "other",
        }
    }
}

/// A region of the text that is not article body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Boilerplate {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: BoilerplateKind,
}

/// Coarse class of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum TokenKind {
    /// Letters (with inner apostrophes or hyphens).
    Word,
    /// Digits, with separators and decimals.
    Number,
    /// A quotation mark (any style), standing alone.
    Quote,
    /// Other punctuation.
    Punct,
    /// Symbols, emoji, currency signs and anything else.
    Symbol,
    /// A URL or e-mail address.
    Url,
}

/// A token: a byte span and its class. The whitespace after a token is the text between its end and
/// the next token's start, so tokens and whitespace together reproduce the text exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Token {
    /// Where it is (never empty).
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

/// A sentence: a byte span and the tokens inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Sentence {
    /// Where it is.
    pub span: Span,
    /// Its tokens (empty when the tokens layer is not set).
    pub tokens: TokenRange,
}

/// Named-entity types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum EntityLabel {
    /// Person.
    #[cfg_attr(feature = "serde", serde(rename = "PER"))]
    Per,
    /// Organisation.
    #[cfg_attr(feature = "serde", serde(rename = "ORG"))]
    Org,
    /// Location.
    #[cfg_attr(feature = "serde", serde(rename = "LOC"))]
    Loc,
    /// Miscellaneous (nationalities, events, works...).
    #[cfg_attr(feature = "serde", serde(rename = "MISC"))]
    Misc,
}

impl EntityLabel {
    /// The CoNLL name of the label.
    pub const fn name(self) -> &'static str {
        match self {
            EntityLabel::Per => "PER",
            EntityLabel::Org => "ORG",
            EntityLabel::Loc => "LOC",
            EntityLabel::Misc => "MISC",
        }
    }

    /// Parses a CoNLL-style label (`PER`, `PERSON`, `ORG`, `LOC`, `GPE`, `MISC`), case-insensitive.
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_uppercase().as_str() {
            "PER" | "PERSON" => Some(EntityLabel::Per),
            "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(EntityLabel::Org),
            "LOC" | "LOCATION" | "GPE" => Some(EntityLabel::Loc),
            "MISC" => Some(EntityLabel::Misc),
            _ => None,
        }
    }
}

impl std::fmt::Display for EntityLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A named entity.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Entity {
    /// Where it is.
    pub span: Span,
    /// Its tokens.
    pub tokens: TokenRange,
    /// Its type.
    pub label: EntityLabel,
    /// The model's confidence in `[0, 1]`.
    pub score: f32,
}

/// What kind of noun phrase a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum MentionKind {
    /// A proper name ("Hugh Hill", "Nato").
    Name,
    /// A pronoun ("he", "they").
    Pronoun,
    /// A description ("the soldier's mother").
    Nominal,
}

/// A mention of a (potential) speaker: a noun phrase in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Mention {
    /// Where it is.
    pub span: Span,
    /// What kind of phrase it is.
    pub kind: MentionKind,
}

/// Whether a speaker is a person, an organisation or unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum SpeakerLabel {
    /// A person.
    #[cfg_attr(feature = "serde", serde(rename = "PER"))]
    Person,
    /// An organisation, government, institution or country.
    #[cfg_attr(feature = "serde", serde(rename = "ORG"))]
    Organisation,
    /// Not known.
    #[cfg_attr(feature = "serde", serde(rename = "UNKNOWN"))]
    Unknown,
}

impl SpeakerLabel {
    /// The label's name as used in the output.
    pub const fn name(self) -> &'static str {
        match self {
            SpeakerLabel::Person => "PER",
            SpeakerLabel::Organisation => "ORG",
            SpeakerLabel::Unknown => "UNKNOWN",
        }
    }
}

/// Gender of a speaker, as evidenced by the text or a names table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Gender {
    /// Female.
    Female,
    /// Male.
    Male,
    /// Not a person, or plural.
    Neuter,
    /// No evidence.
    Unknown,
}

impl Gender {
    /// The gender's name as used in the output.
    pub const fn name(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
            Gender::Neuter => "neuter",
            Gender::Unknown => "unknown",
        }
    }
}

/// A speaker: a cluster of mentions that refer to one person or organisation.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Speaker {
    /// The canonical name ("Hillary Clinton"), built from the most informative mention.
    pub name: String,
    /// Person, organisation or unknown.
    pub label: SpeakerLabel,
    /// The gender the evidence points to.
    pub gender: Gender,
    /// Where the gender came from ("pronoun she", "title Mrs", "names table"), for explanation.
    pub gender_evidence: Vec<String>,
    /// Indices into the mentions layer, sorted.
    pub mentions: Vec<usize>,
}

/// Direct, indirect or mixed quotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum QuoteKind {
    /// All content is inside quotation marks.
    Direct,
    /// Reported speech without quotation marks.
    Indirect,
    /// Reported speech containing a quoted fragment.
    Mixed,
}

impl QuoteKind {
    /// The kind's name as used in the output.
    pub const fn name(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }
}

/// A quotation: what was said, the cue, who said it and why we think so.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Quote {
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The content pieces, sorted and disjoint ("A," he said, "B." has two).
    pub content: Vec<Span>,
    /// The cue ("said", "according to").
    pub cue: Option<Span>,
    /// Index into the mentions layer of the local speaker mention (may be a pronoun).
    pub speaker_mention: Option<usize>,
    /// Index into the speakers layer of the resolved speaker.
    pub speaker: Option<usize>,
    /// The rule that attributed the quote.
    pub sieve: String,
    /// Confidence in `[0, 1]`.
    pub confidence: f32,
}

impl Quote {
    /// The span from the first content piece's start to the last one's end.
    pub fn extent(&self) -> Span {
        match (self.content.first(), self.content.last()) {
            (Some(a), Some(b)) => Span::new(a.start, b.end),
            _ => Span::default(),
        }
    }
}
