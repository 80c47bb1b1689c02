//! Unit tests on hand-written fixtures. Documents are built with a tiny local tokenizer (PTB-like:
//! possessive 's and n't split off, apostrophes inside words are not quote marks) and entities
//! given by hand, so the sieves are tested independently of the segment and ner crates.

use newsquotes_document::{
    Document, Entity, EntityLabel, Gender, QuoteKind, Sentence, Span, SpeakerLabel, Stage, Token,
    TokenKind, TokenRange,
};

use crate::Attributor;

const MARKS: &str = "“”\"‘’'«»„‚‹›";

/// Tokenizes `text`: words, numbers, punctuation and quote marks; paragraphs are lines; sentences
/// end after . ? ! (and any closing quote marks) before a space and an upper-case letter or a
/// line break.
fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (s, c) = chars[k];
        if newsquotes_document::text::is_space(c) {
            k += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = k;
            while j < chars.len() {
                let cj = chars[j].1;
                let inner = (cj == '’' || cj == '\'' || cj == '-' || cj == '.')
                    && j + 1 < chars.len()
                    && chars[j + 1].1.is_alphanumeric()
                    && j > k;
                if cj.is_alphanumeric() || inner {
                    j += 1;
                } else {
                    break;
                }
            }
            let word = &text[s..end_of(j)];
            // Split off 's and n't.
            let lower = word.to_lowercase().replace('’', "'");
            let curly = if word.contains('’') { 2 } else { 0 };
            let split = if lower.ends_with("n't") && lower.len() > 3 {
                Some(word.len() - "n't".len() - curly)
            } else if lower.ends_with("'s") && lower.len() > 2 {
                Some(word.len() - "'s".len() - curly)
            } else {
                None
            };
            let kind = if word.chars().all(|c| c.is_ascii_digit()) {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            match split {
                Some(p) => {
                    out.push(Token {
                        span: Span::new(s, s + p),
                        kind,
                    });
                    out.push(Token {
                        span: Span::new(s + p, end_of(j)),
                        kind: TokenKind::Word,
                    });
                }
                None => out.push(Token {
                    span: Span::new(s, end_of(j)),
                    kind,
                }),
            }
            k = j;
            continue;
        }
        // "Mr." keeps its period.
        // Apostrophes: "soldiers’ letters", "the ’90s".
        let prev_s = k > 0 && chars[k - 1].1 == 's';
        let next_digit = chars.get(k + 1).is_some_and(|c| c.1.is_ascii_digit());
        let apostrophe = (c == '’' || c == '\'') && (prev_s || next_digit);
        let kind = if MARKS.contains(c) && !apostrophe {
            TokenKind::Quote
        } else {
            TokenKind::Punct
        };
        if c == '.' {
            if let Some(prev) = out.last() {
                let w = &text[prev.span.range()];
                if prev.span.end == s && matches!(w, "Mr" | "Mrs" | "Ms" | "Dr" | "Gov" | "Sen") {
                    out.last_mut().unwrap().span.end = s + 1;
                    k += 1;
                    continue;
                }
            }
        }
        out.push(Token {
            span: Span::new(s, end_of(k + 1)),
            kind,
        });
        k += 1;
    }
    out
}

fn sentences(text: &str, toks: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..toks.len() {
        let t = &text[toks[i].span.range()];
        let next = toks.get(i + 1);
        let gap = next.map_or("", |n| &text[toks[i].span.end..n.span.start]);
        let boundary = match next {
            None => true,
            Some(n) => {
                gap.contains('\n')
                    || (matches!(t, "." | "?" | "!" | "”" | "\"")
                        && !gap.is_empty()
                        && (matches!(t, "." | "?" | "!")
                            || (i > 0
                                && matches!(&text[toks[i - 1].span.range()], "." | "?" | "!")))
                        && text[n.span.range()]
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_uppercase() || MARKS.contains(c)))
            }
        };
        if boundary {
            out.push(Sentence {
                span: Span::new(toks[start].span.start, toks[i].span.end),
                tokens: TokenRange::new(start, i + 1),
            });
            start = i + 1;
        }
    }
    out
}

/// Builds a document with tokens, sentences, paragraphs and the given entities (text, label),
/// each matched at every occurrence on token boundaries.
pub(crate) fn doc(text: &str, ents: &[(&str, EntityLabel)]) -> Document {
    doc_scoped(text, ents, crate::Scope::Speech)
}

/// [`doc`] with the attributions of `scope`.
pub(crate) fn doc_scoped(
    text: &str,
    ents: &[(&str, EntityLabel)],
    scope: crate::Scope,
) -> Document {
    let mut d = Document::new("t", text);
    let toks = tokens(text);
    let sents = sentences(text, &toks);
    let mut paras = Vec::new();
    let mut off = 0;
    for line in text.split('\n') {
        if !line.trim().is_empty() {
            paras.push(Span::new(off, off + line.len()));
        }
        off += line.len() + 1;
    }
    let mut entities = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        for &(e, label) in ents {
            if text[t.span.start..].starts_with(e) {
                let end = t.span.start + e.len();
                if let Some(j) = (i..toks.len()).find(|&j| toks[j].span.end == end) {
                    entities.push(Entity {
                        span: Span::new(t.span.start, end),
                        tokens: TokenRange::new(i, j + 1),
                        label,
                        score: 0.9,
                    });
                }
            }
        }
    }
    entities.sort_by_key(|e| (e.span.start, e.span.end));
    entities.dedup_by(|b, a| b.span.start < a.span.end);
    d.set_paragraphs(paras).unwrap();
    d.set_tokens(toks).unwrap();
    d.set_sentences(sents).unwrap();
    d.set_entities(entities).unwrap();
    Attributor::new(scope).annotate(&mut d).unwrap();
    d
}

/// (kind, content pieces, cue, mention, speaker name, sieve) of every quote.
#[derive(Debug, PartialEq)]
pub(crate) struct Q {
    pub kind: QuoteKind,
    pub content: Vec<String>,
    pub cue: Option<String>,
    pub mention: Option<String>,
    pub speaker: Option<String>,
    pub sieve: String,
}

pub(crate) fn quotes(d: &Document) -> Vec<Q> {
    d.quotes()
        .iter()
        .map(|q| Q {
            kind: q.kind,
            content: q.content.iter().map(|&s| d.slice(s).to_owned()).collect(),
            cue: q.cue.map(|s| d.slice(s).to_owned()),
            mention: q
                .speaker_mention
                .map(|m| d.slice(d.mentions()[m].span).to_owned()),
            speaker: q.speaker.map(|s| d.speakers()[s].name.clone()),
            sieve: q.sieve.clone(),
        })
        .collect()
}

/// The single quote whose first piece starts with `prefix`.
pub(crate) fn find<'a>(qs: &'a [Q], prefix: &str) -> &'a Q {
    let hits: Vec<&Q> = qs
        .iter()
        .filter(|q| q.content[0].starts_with(prefix))
        .collect();
    assert_eq!(hits.len(), 1, "quotes starting with {prefix:?}: {qs:#?}");
    hits[0]
}

pub(crate) fn who(q: &Q) -> (Option<&str>, Option<&str>) {
    (q.mention.as_deref(), q.speaker.as_deref())
}

#[test]
fn trailing_cue_with_pronoun_and_name() {
    let d = doc(
        "Grace Adeyemi runs the dockers' union.\n“We are not going back,” she said.\n“Not for promises,” said Grace Adeyemi.",
        &[("Grace Adeyemi", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    let a = find(&qs, "“We are");
    assert_eq!(a.content, vec!["“We are not going back,”"]);
    assert_eq!(a.cue.as_deref(), Some("said"));
    assert_eq!(who(a), (Some("she"), Some("Grace Adeyemi")));
    assert_eq!(a.sieve, "trailing-cue");
    let b = find(&qs, "“Not for");
    assert_eq!(who(b), (Some("Grace Adeyemi"), Some("Grace Adeyemi")));
    assert_eq!(b.sieve, "trailing-cue-inverted");
    let s = &d.speakers()[0];
    assert_eq!(s.label, SpeakerLabel::Person);
    assert_eq!(s.gender, Gender::Female);
    assert_eq!(s.gender_evidence[0], "pronoun she");
}

#[test]
fn split_quote_is_one_quote_with_two_pieces() {
    for text in [
        "“We will stay,” he said, “until the pay is fair.”",
        "“We will stay,” he said. “The pay is not fair.”",
    ] {
        let d = doc(text, &[]);
        let qs = quotes(&d);
        assert_eq!(qs.len(), 1, "{text}: {qs:#?}");
        assert_eq!(qs[0].content.len(), 2);
        assert_eq!(qs[0].kind, QuoteKind::Direct);
        assert_eq!(qs[0].mention.as_deref(), Some("he"));
    }
}

#[test]
fn two_cues_make_two_quotes() {
    let d = doc("“Go home,” she said. “Never,” he replied.", &[]);
    let qs = quotes(&d);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert_eq!(find(&qs, "“Go").mention.as_deref(), Some("she"));
    assert_eq!(find(&qs, "“Never").mention.as_deref(), Some("he"));
}

#[test]
fn multi_paragraph_quote_is_one_quote() {
    let text = "Marta Olsen said the ferry would run.\n“We have fuel for a week, and the crews are ready.\n“After that, nobody knows what will happen to the route.”\nThe council met later.";
    let d = doc(text, &[("Marta Olsen", EntityLabel::Per)]);
    let qs = quotes(&d);
    let q = find(&qs, "“We have");
    assert_eq!(q.content.len(), 2, "{qs:#?}");
    assert_eq!(
        q.content[0],
        "“We have fuel for a week, and the crews are ready."
    );
    assert!(q.content[1].ends_with("route.”"));
}

#[test]
fn apostrophes_are_not_quotes_and_nesting_pairs() {
    let d = doc(
        "“The soldiers’ letters don’t lie, and the ’90s are over. He told me ‘never again’ twice,” said Ivo Baran.",
        &[("Ivo Baran", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert!(qs[0].content[0].ends_with("twice,”"));
    assert_eq!(qs[0].speaker.as_deref(), Some("Ivo Baran"));
}

#[test]
fn unbalanced_marks_do_not_crash() {
    for text in [
        "“Open but never closed, said the clerk.",
        "Closed but never opened,” said the clerk.",
        "\"\"\" ” “ ‘ ’ « » „",
        "“",
        "He said “",
    ] {
        let d = doc(text, &[]);
        for q in d.quotes() {
            for c in &q.content {
                assert!(!c.is_empty());
            }
        }
    }
}

#[test]
fn guillemets_and_german_marks() {
    let d = doc(
        "«Nous restons ici», said Paul Girard. „Wir bleiben hier“, said Anna Weber.",
        &[
            ("Paul Girard", EntityLabel::Per),
            ("Anna Weber", EntityLabel::Per),
        ],
    );
    let qs = quotes(&d);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert_eq!(find(&qs, "«").speaker.as_deref(), Some("Paul Girard"));
    assert_eq!(find(&qs, "„").speaker.as_deref(), Some("Anna Weber"));
}

#[test]
fn apposition_and_relative_clause_after_name() {
    let d = doc(
        "“Many of us did not want to go back,” Pavel, a driver in the convoy who asked not to be named, said.",
        &[("Pavel", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(who(&qs[0]), (Some("Pavel"), Some("Pavel")));
}

#[test]
fn progressive_cue_with_auxiliaries() {
    let d = doc(
        "In the recording, a man who identified himself as Oleg could be heard arguing with his brother.\n“I want to come home,” he could be heard saying.",
        &[("Oleg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let q = find(&qs, "“I want");
    assert_eq!(q.cue.as_deref(), Some("saying"));
    assert_eq!(who(q), (Some("he"), Some("Oleg")));
    let s = &d.speakers()[0];
    assert_eq!(s.gender, Gender::Male);
}

#[test]
fn leading_cue_with_colon_and_comma() {
    let d = doc(
        "The mayor told reporters: “The bridge opens on Friday.”\nLena Park added, “Traffic will be heavy.”",
        &[("Lena Park", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "“The bridge");
    assert_eq!(a.mention.as_deref(), Some("The mayor"));
    assert_eq!(a.sieve, "leading-cue");
    let b = find(&qs, "“Traffic");
    assert_eq!(b.mention.as_deref(), Some("Lena Park"));
}

#[test]
fn colon_intro_in_previous_paragraph() {
    let d = doc(
        "Later the minister wrote:\n“We have made mistakes and we will correct them.”",
        &[],
    );
    let qs = quotes(&d);
    let q = find(&qs, "“We have");
    assert_eq!(q.sieve, "colon-intro");
    assert_eq!(q.mention.as_deref(), Some("the minister"));
}

#[test]
fn paragraph_continuation_keeps_speaker() {
    let d = doc(
        "“The harbour is quiet,” said Tomas Berg.\n“Nobody has worked here since Monday, and the ships are waiting outside.”",
        &[("Tomas Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let q = find(&qs, "“Nobody");
    assert_eq!(q.sieve, "paragraph-continuation");
    assert_eq!(q.speaker.as_deref(), Some("Tomas Berg"));
}

#[test]
fn mixed_quote_content_runs_to_the_closing_mark() {
    // The sentence splitter ends a sentence inside the marks; the reported clause does not.
    let d = doc(
        "The mayor said that the port “will reopen soon. The ships are ready.”
Voters “think the plan is too slow,” he said.",
        &[],
    );
    let qs = quotes(&d);
    let a = find(&qs, "that the port");
    assert_eq!(
        a.content,
        vec!["that the port “will reopen soon. The ships are ready.”"]
    );
    assert_eq!(a.kind, QuoteKind::Mixed);
    assert_eq!(a.mention.as_deref(), Some("The mayor"));
    // A comma inside the closing mark before a trailing source.
    let b = find(&qs, "Voters");
    assert_eq!(b.content, vec!["Voters “think the plan is too slow,”"]);
    assert_eq!(b.sieve, "trailing-said");
    assert_eq!(b.mention.as_deref(), Some("he"));
}

#[test]
fn unattributed_quote_yields_to_the_mixed_quote_around_it() {
    let d = doc(
        "“It seems very unlikely” that the ferry will run, said Anna Lind.",
        &[("Anna Lind", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(
        qs[0].content,
        vec!["“It seems very unlikely” that the ferry will run"]
    );
    assert_eq!(qs[0].kind, QuoteKind::Mixed);
    assert_eq!(qs[0].mention.as_deref(), Some("Anna Lind"));
}

#[test]
fn partitive_subjects_coordination_and_long_appositions() {
    let d = doc(
        "Many of the fishermen say they will not sail.
Judge Sullivan delayed the ruling but said the boats could leave later.
The season has been poor, said Ola Nord, a trader at the market in the old town.",
        &[
            ("Ola Nord", EntityLabel::Per),
            ("Sullivan", EntityLabel::Per),
        ],
    );
    let qs = quotes(&d);
    let a = find(&qs, "they will not");
    assert_eq!(a.mention.as_deref(), Some("Many of the fishermen"));
    let b = find(&qs, "the boats could");
    assert_eq!(b.mention.as_deref(), Some("Judge Sullivan"));
    let c = find(&qs, "The season");
    assert_eq!(c.content, vec!["The season has been poor"]);
    assert_eq!(c.mention.as_deref(), Some("Ola Nord"));
    assert_eq!(c.sieve, "trailing-said-inverted");
}

#[test]
fn reported_clause_stops_before_adjuncts() {
    let d = doc(
        "Berg said the port was “a disaster,” adding that the ships had left.
Lind said the rules were fair while walking to her car.
The union’s statement, according to Berg, was written in haste.",
        &[("Berg", EntityLabel::Per), ("Lind", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "the port was");
    assert_eq!(a.content, vec!["the port was “a disaster,”"]);
    let b = find(&qs, "the rules");
    assert_eq!(b.content, vec!["the rules were fair"]);
    let c = find(&qs, "The union’s statement");
    assert_eq!(
        c.content,
        vec!["The union’s statement", "was written in haste"]
    );
    assert_eq!(c.sieve, "according-to");
    assert_eq!(c.mention.as_deref(), Some("Berg"));
}

#[test]
fn relative_that_and_long_leading_adverbial() {
    let d = doc(
        "The page showed a message that said, “The item is gone.”
Kari Dahl wrote on her blog on Monday, in a post about the first week of the strike, “We are still here.”",
        &[("Kari Dahl", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "“The item");
    assert_eq!(a.mention.as_deref(), Some("that"));
    let b = find(&qs, "“We are still");
    assert_eq!(b.mention.as_deref(), Some("Kari Dahl"));
    assert_eq!(b.sieve, "leading-cue");
}

#[test]
fn new_cue_verbs() {
    let d = doc(
        "“This is a waste of time,” the captain fumed.\n“Nobody believes that,” Berg scoffed.",
        &[("Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(find(&qs, "“This is").cue.as_deref(), Some("fumed"));
    assert_eq!(find(&qs, "“Nobody").cue.as_deref(), Some("scoffed"));
}

#[test]
fn surname_and_title_resolve_to_full_name() {
    let d = doc(
        "Tobias Lindqvist, the port director, spoke on Tuesday.\n“We are ready,” Mr. Lindqvist said.\n“Ask the unions,” Lindqvist added.",
        &[
            ("Tobias Lindqvist", EntityLabel::Per),
            ("Lindqvist", EntityLabel::Per),
        ],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "“We are").speaker.as_deref(),
        Some("Tobias Lindqvist")
    );
    assert_eq!(
        find(&qs, "“We are").mention.as_deref(),
        Some("Mr. Lindqvist")
    );
    assert_eq!(
        find(&qs, "“Ask").speaker.as_deref(),
        Some("Tobias Lindqvist")
    );
    let s = d
        .speakers()
        .iter()
        .find(|s| s.name == "Tobias Lindqvist")
        .unwrap();
    assert_eq!(s.gender, Gender::Male);
    assert!(s.gender_evidence.iter().any(|e| e == "title Mr."));
}

#[test]
fn nominal_speakers_and_pronoun_gender() {
    let d = doc(
        "The soldier’s mother asked him who would defend the town. “Who, tell me?” she said, to which the soldier responded: “Maybe nobody.”",
        &[],
    );
    let qs = quotes(&d);
    let asked = qs
        .iter()
        .find(|q| q.cue.as_deref() == Some("asked"))
        .expect("reported question");
    assert_eq!(asked.kind, QuoteKind::Indirect);
    assert_eq!(asked.content, vec!["who would defend the town"]);
    assert_eq!(asked.mention.as_deref(), Some("The soldier’s mother"));
    assert_eq!(asked.sieve, "reported-question");
    let who_q = find(&qs, "“Who");
    assert_eq!(who_q.mention.as_deref(), Some("she"));
    assert_eq!(who_q.speaker.as_deref(), Some("The soldier’s mother"));
    let maybe = find(&qs, "“Maybe");
    assert_eq!(maybe.mention.as_deref(), Some("the soldier"));
}

#[test]
fn indirect_said_that_and_told() {
    let d = doc(
        "Hugh Hill said that the hospital would close in June.\nThe nurse told reporters the wards were empty.",
        &[("Hugh Hill", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "that the hospital");
    assert_eq!(a.kind, QuoteKind::Indirect);
    assert_eq!(a.content, vec!["that the hospital would close in June"]);
    assert_eq!(a.mention.as_deref(), Some("Hugh Hill"));
    let b = find(&qs, "the wards");
    assert_eq!(b.mention.as_deref(), Some("The nurse"));
    assert_eq!(b.cue.as_deref(), Some("told"));
}

#[test]
fn trailing_source_and_according_to() {
    let d = doc(
        "About 400 workers have left the plant, the union estimated in March.\nAccording to the ministry of labour, the plant will reopen.\nThe plant will reopen, according to Nato officials.",
        &[("Nato", EntityLabel::Org)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "About 400");
    assert_eq!(a.content, vec!["About 400 workers have left the plant"]);
    assert_eq!(a.mention.as_deref(), Some("the union"));
    assert_eq!(a.sieve, "trailing-said");
    let b = qs
        .iter()
        .find(|q| q.mention.as_deref() == Some("the ministry of labour"))
        .unwrap();
    assert_eq!(b.content, vec!["the plant will reopen"]);
    assert_eq!(b.sieve, "according-to");
    let c = qs
        .iter()
        .find(|q| q.mention.as_deref() == Some("Nato officials"))
        .unwrap();
    assert_eq!(c.content, vec!["The plant will reopen"]);
}

#[test]
fn possessive_organisation_with_time_phrase() {
    let d = doc(
        "Norway’s ministry of fisheries in April estimated that about 20 boats had sunk.\nHowever, as of May, the Kremlin claimed it had lost only two ships.",
        &[("Norway", EntityLabel::Loc), ("Kremlin", EntityLabel::Org)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "that about 20");
    assert_eq!(a.mention.as_deref(), Some("Norway’s ministry of fisheries"));
    assert_eq!(a.cue.as_deref(), Some("estimated"));
    let b = find(&qs, "it had lost");
    assert_eq!(b.mention.as_deref(), Some("the Kremlin"));
    assert_eq!(b.speaker.as_deref(), Some("Kremlin"));
    let s = d.speakers().iter().find(|s| s.name == "Kremlin").unwrap();
    assert_eq!(s.label, SpeakerLabel::Organisation);
}

#[test]
fn headline_reports_speech() {
    let d = doc(
        "Fisherman says storm destroyed half the fleet\n\nThe storm hit on Sunday.",
        &[],
    );
    let qs = quotes(&d);
    let q = find(&qs, "storm destroyed");
    assert_eq!(q.mention.as_deref(), Some("Fisherman"));
    assert_eq!(q.kind, QuoteKind::Indirect);
}

#[test]
fn mixed_quote() {
    let d = doc(
        "The newspaper said Clinton “is dogged, resilient and smart”.",
        &[("Clinton", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(qs[0].kind, QuoteKind::Mixed);
    assert_eq!(
        qs[0].content,
        vec!["Clinton “is dogged, resilient and smart”"]
    );
    assert_eq!(qs[0].mention.as_deref(), Some("The newspaper"));
}

#[test]
fn scare_quotes_and_titles_are_not_quotes() {
    let d = doc(
        "The so-called “peace plan” was discussed. She read “War and Peace” on the train.",
        &[],
    );
    assert!(d.quotes().is_empty(), "{:#?}", quotes(&d));
}

#[test]
fn she_tells_him_and_wife_of_a_soldier() {
    let d = doc(
        "In another call, a wife of a soldier told him to “fall off a tank”.\n“There is no way out,” she said.\n“You just need to wait,” she tells him.",
        &[],
    );
    let qs = quotes(&d);
    let told = qs
        .iter()
        .find(|q| q.cue.as_deref() == Some("told"))
        .unwrap();
    assert_eq!(told.mention.as_deref(), Some("a wife of a soldier"));
    assert_eq!(told.kind, QuoteKind::Mixed);
    let tells = find(&qs, "“You just");
    assert_eq!(tells.cue.as_deref(), Some("tells"));
    assert_eq!(tells.speaker.as_deref(), Some("a wife of a soldier"));
    let s = d
        .speakers()
        .iter()
        .find(|s| s.name == "a wife of a soldier")
        .unwrap();
    assert_eq!(s.gender, Gender::Female);
}

#[test]
fn captions_in_boilerplate_are_skipped() {
    let text = "“Caption words here for the photo,” said Ann Lee.\n“Real quote from the body,” said Ann Lee.";
    let mut d = Document::new("t", text);
    let toks = tokens(text);
    let sents = sentences(text, &toks);
    d.set_boilerplate(vec![newsquotes_document::Boilerplate {
        span: Span::new(0, text.find('\n').unwrap()),
        kind: newsquotes_document::BoilerplateKind::Caption,
    }])
    .unwrap();
    d.set_tokens(toks).unwrap();
    d.set_sentences(sents).unwrap();
    d.set_entities(vec![]).unwrap();
    Attributor::default().annotate(&mut d).unwrap();
    let qs = quotes(&d);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert!(qs[0].content[0].starts_with("“Real"));
}

#[test]
fn layers_are_consistent_on_odd_inputs() {
    for text in [
        "",
        " ",
        "said said said",
        "He said. She said. They said that.",
        "“”",
        "According to",
        ", said",
        "“A” “B” “C” “D”",
        "Mr. Mr. Mr. said: “",
    ] {
        let d = doc(text, &[]);
        for q in d.quotes() {
            assert!(q.speaker_mention.is_none_or(|m| m < d.mentions().len()));
            assert!(q.speaker.is_none_or(|s| s < d.speakers().len()));
            assert!(q.content.iter().all(|c| !c.is_empty()));
        }
    }
}

#[test]
fn dialogue_turns_alternate() {
    let d = doc(
        "“The plan is ready,” said Anna Berg.\nJonas Lund shook his head. “It was ready last year too.”\n“That is simply not true.”\n“It is in your own minutes, Anna.”",
        &[("Anna Berg", EntityLabel::Per), ("Jonas Lund", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(find(&qs, "“It was").speaker.as_deref(), Some("Jonas Lund"));
    let reply = find(&qs, "“That is");
    assert_eq!(reply.sieve, "dialogue-turn");
    assert_eq!(reply.speaker.as_deref(), Some("Anna Berg"));
    assert_eq!(
        find(&qs, "“It is in").speaker.as_deref(),
        Some("Jonas Lund")
    );
}

#[test]
fn quote_paragraph_continues_a_mixed_quote() {
    let d = doc(
        "The port needs leaders “who can plan ahead,” Berg said.\n“And that is why the vote matters.”",
        &[("Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let q = find(&qs, "“And that");
    assert_eq!(q.sieve, "paragraph-continuation");
    assert_eq!(q.mention.as_deref(), Some("Berg"));
    assert_eq!(q.speaker.as_deref(), Some("Berg"));
}

#[test]
fn an_indefinite_newcomer_is_not_bridged_to_a_named_person() {
    let d = doc(
        "“Ships will turn around,” said Tobias Lindqvist, the port's chief executive.\nA crane operator who has worked there for years said the strike was about more.\n“They cut our pay,” the operator said.\nThe port authority said talks would resume.",
        &[("Tobias Lindqvist", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let q = find(&qs, "“They cut");
    assert_eq!(q.mention.as_deref(), Some("the operator"));
    assert_ne!(q.speaker.as_deref(), Some("Tobias Lindqvist"), "{qs:#?}");
    let auth = find(&qs, "talks would resume");
    assert_ne!(auth.speaker.as_deref(), Some("Tobias Lindqvist"), "{qs:#?}");
}

#[test]
fn quantity_and_modified_subjects() {
    let d = doc(
        "About 40 percent of the dockers said the offer was too low.
All but two said the talks should go on.
Workers at the northern harbour who lost their jobs said the storm came too fast.
A statement posted on the union website said the strike would end on Monday.",
        &[],
    );
    let qs = quotes(&d);
    let a = find(&qs, "the offer was");
    assert_eq!(a.content, vec!["the offer was too low"]);
    assert_eq!(
        a.mention.as_deref(),
        Some("About 40 percent of the dockers")
    );
    let b = find(&qs, "the talks should");
    assert_eq!(b.mention.as_deref(), Some("All but two"));
    let c = find(&qs, "the storm came");
    assert_eq!(
        c.mention.as_deref(),
        Some("Workers at the northern harbour who lost their jobs")
    );
    let e = find(&qs, "the strike would");
    assert_eq!(
        e.mention.as_deref(),
        Some("A statement posted on the union website")
    );
}

#[test]
fn reports_inside_subordinate_and_coordinated_clauses_end_at_the_main_clause() {
    let d = doc(
        "While Berg said that the ferry was safe, she stayed ashore.
Lind said the vote had not convinced her, but she praised the mayor.
Still, Berg said, the harbour needs a new pier.",
        &[("Berg", EntityLabel::Per), ("Lind", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "that the ferry was");
    assert_eq!(a.content, vec!["that the ferry was safe"]);
    let b = find(&qs, "the vote had");
    assert_eq!(b.content, vec!["the vote had not convinced her"]);
    let c = find(&qs, "the harbour needs");
    assert_eq!(c.content, vec!["the harbour needs a new pier"]);
    assert_eq!(c.mention.as_deref(), Some("Berg"));
}

#[test]
fn colon_headlines_name_their_source() {
    let d = doc(
        "Berg: Harbour Deal Is ‘Dead in the Water’

Update: the ferry timetable changed on Monday.

The talks went on.",
        &[("Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "Harbour Deal");
    assert_eq!(a.content, vec!["Harbour Deal Is ‘Dead in the Water’"]);
    assert_eq!(a.mention.as_deref(), Some("Berg"));
    assert_eq!(a.sieve, "colon-headline");
    assert!(qs.iter().all(|q| !q.content[0].starts_with("the ferry")));
}

#[test]
fn a_quote_without_cue_takes_the_nearest_speaker_before_it() {
    let d = doc(
        "“The ferry will run again by spring,” Berg said at the pier.

The repairs cost more than planned. “We will not give up on this harbour now.”",
        &[("Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let b = find(&qs, "“We will not");
    assert_eq!(b.sieve, "nearest-speaker");
    assert_eq!(b.mention.as_deref(), Some("Berg"));
}

#[test]
fn continuation_links_survive_dropped_scare_quotes() {
    // The scare quote is dropped; the continuation must still point at Berg's quote.
    let d = doc(
        "“Not again.”

“We will sail at dawn,” Berg said.

“The crews are ready and the weather is fine for once.”",
        &[("Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert!(qs.iter().all(|q| q.content[0] != "“Not again.”"));
    let b = find(&qs, "“The crews");
    assert_eq!(b.sieve, "paragraph-continuation");
    assert_eq!(b.mention.as_deref(), Some("Berg"));
}

#[test]
fn subjects_after_clause_breaks_and_complementizers() {
    let d = doc(
        "The dockers were angry about pay; most said they were “very worried.”
It was two years ago that Ingrid Berg, who now runs the port, said it was “impossible” to expand it.
In 2015, Lind, a harbour pilot, said the channel was too shallow.
Most workers in Malmo, Lund and Ystad said they felt betrayed by the board.
When Berg thanked the crews and said the pier would reopen, a man cheered.",
        &[
            ("Ingrid Berg", EntityLabel::Per),
            ("Berg", EntityLabel::Per),
            ("Lind", EntityLabel::Per),
            ("Malmo", EntityLabel::Loc),
            ("Lund", EntityLabel::Loc),
            ("Ystad", EntityLabel::Loc),
        ],
    );
    let qs = quotes(&d);
    let a = find(&qs, "they were “very");
    assert_eq!(a.mention.as_deref(), Some("most"));
    let b = find(&qs, "it was “impossible”");
    assert_eq!(b.mention.as_deref(), Some("Ingrid Berg"));
    let c = find(&qs, "the channel was");
    assert_eq!(c.mention.as_deref(), Some("Lind"));
    let e = find(&qs, "they felt betrayed");
    assert_eq!(
        e.mention.as_deref(),
        Some("Most workers in Malmo, Lund and Ystad")
    );
    let f = find(&qs, "the pier would");
    assert_eq!(f.content, vec!["the pier would reopen"]);
    assert_eq!(f.mention.as_deref(), Some("Berg"));
}

#[test]
fn reports_end_before_a_new_quantity_report_or_comparison() {
    let d = doc(
        "Nearly half said they wanted a new pier, and more than 4 in 10 said the ferry was enough.
Seventy percent of the dockers say the offer is fair, compared with 40 percent who say so in Lund.",
        &[("Lund", EntityLabel::Loc)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "they wanted");
    assert_eq!(a.content, vec!["they wanted a new pier"]);
    let b = find(&qs, "the ferry was");
    assert_eq!(b.mention.as_deref(), Some("more than 4 in 10"));
    let c = find(&qs, "the offer is");
    assert_eq!(c.content, vec!["the offer is fair"]);
}

#[test]
fn a_colon_introduction_belongs_to_its_own_clause() {
    let d = doc(
        "Lind said the two plans were “dead ends,” but she gave the mayor some credit: “She never hides where she stands on the harbour.”",
        &[("Lind", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "the two plans");
    assert_eq!(a.content, vec!["the two plans were “dead ends,”"]);
    let b = find(&qs, "“She never");
    assert_eq!(b.mention.as_deref(), Some("she"));
    assert_eq!(b.sieve, "colon-intro");
}

#[test]
fn an_uncued_quote_falls_back_to_the_nearest_report_of_any_kind() {
    let d = doc(
        "Berg said the ferry would run again by spring.

The repairs cost more than planned.

“We will not give up on this harbour now, whatever the council decides.”",
        &[("Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let b = find(&qs, "“We will not");
    assert_eq!(b.sieve, "nearest-speaker");
    assert_eq!(b.mention.as_deref(), Some("Berg"));
}

#[test]
fn an_opening_mark_typed_as_closing_mark_ends_the_quote() {
    let d = doc(
        "Berg said the plan brings “the advantages of a new pier“ to the town. The council met on Monday. It voted against the plan.",
        &[("Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "the plan brings");
    assert_eq!(
        a.content,
        vec!["the plan brings “the advantages of a new pier“ to the town"]
    );
}

#[test]
fn an_aside_between_dashes_stays_inside_the_report() {
    let d = doc(
        "Berg said that the new pier — a gift from the county — was too short for the ferries.",
        &[("Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "that the new pier");
    assert_eq!(
        a.content,
        vec!["that the new pier — a gift from the county — was too short for the ferries"]
    );
}

#[test]
fn a_lower_case_quoted_sentence_after_a_cue_and_comma_is_a_direct_quote() {
    let d = doc(
        "Berg says, “that is how a harbour learns, you cannot stop the tide.”",
        &[("Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "“that is how");
    assert_eq!(a.kind, QuoteKind::Direct);
    assert_eq!(a.mention.as_deref(), Some("Berg"));
}

#[test]
fn a_name_and_its_verb_are_no_subject_phrase() {
    let d = doc(
        "Berg bristled at the idea that she was to blame for advising Lind to sell the pier.",
        &[("Berg", EntityLabel::Per), ("Lind", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert!(
        qs.iter()
            .all(|q| q.mention.as_deref().is_none_or(|m| !m.contains("bristled"))),
        "{qs:?}"
    );
}

#[test]
fn narration_after_a_closing_mark_ends_the_report() {
    let d = doc(
        "Lind decried the issue of “harbour neglect” and highlighted her plans to fix it.
Berg said he was “excited about the pier” as he faced a vote in the council.",
        &[("Lind", EntityLabel::Per), ("Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "the issue of");
    assert_eq!(a.content, vec!["the issue of “harbour neglect”"]);
    let b = find(&qs, "he was");
    assert_eq!(b.content, vec!["he was “excited about the pier”"]);
}

#[test]
fn short_titles_are_not_quotes_but_vocatives_are() {
    let d = doc(
        "Ingrid Berg, whose voice carried the band’s hit, “Lanterns Over Harbour”, into the charts, has died.

“Mr Lind,” she said, “is it true that you sold the pier?”",
        &[("Ingrid Berg", EntityLabel::Per), ("Lind", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert!(
        qs.iter()
            .all(|q| !q.content.iter().any(|c| c.contains("Lanterns"))),
        "{qs:?}"
    );
    let a = find(&qs, "“Mr Lind,”");
    assert_eq!(a.content.len(), 2);
    assert_eq!(a.mention.as_deref(), Some("she"));
}

#[test]
fn according_to_takes_the_whole_source_phrase() {
    let d = doc(
        "The pier was sold in 2010, according to state corporate records.
Berg has been named the best skipper for five years, according to a yearly harbour survey.",
        &[("Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "The pier was sold");
    assert_eq!(a.mention.as_deref(), Some("state corporate records"));
    let b = find(&qs, "Berg has been named");
    assert_eq!(b.mention.as_deref(), Some("a yearly harbour survey"));
}

#[test]
fn according_to_without_a_comma_reports_its_clause() {
    let d = doc(
        "Entering the final week, Berg leads Lind by 40 votes according to a count by the harbour board.",
        &[("Berg", EntityLabel::Per), ("Lind", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "Berg leads");
    assert_eq!(a.content, vec!["Berg leads Lind by 40 votes"]);
    assert_eq!(a.mention.as_deref(), Some("a count by the harbour board"));
}

#[test]
fn a_prepositional_opener_without_a_comma_keeps_its_pronoun_subject() {
    let d = doc(
        "At the harbour meeting this week she said the pier would stay open.",
        &[],
    );
    let qs = quotes(&d);
    let a = find(&qs, "the pier would stay open");
    assert_eq!(a.mention.as_deref(), Some("she"));
}

#[test]
fn however_between_subject_and_verb_is_skipped() {
    let d = doc(
        "Berg however said the pier would stay open.
Harbour officials, however, said they believed the board had sold it.",
        &[("Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "the pier would stay open").mention.as_deref(),
        Some("Berg")
    );
    let b = find(&qs, "they believed");
    assert_eq!(b.mention.as_deref(), Some("Harbour officials"));
}

#[test]
fn a_new_sentence_reporting_its_own_clause_is_not_a_trailing_cue() {
    let d = doc(
        "Berg recalled the winter of 2009: “I called every lender I had.” He said that since then the theatre has “been more secure.”",
        &[("Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "that since then");
    assert_eq!(a.mention.as_deref(), Some("He"));
    let b = find(&qs, "“I called every lender I had.”");
    assert_ne!(b.mention.as_deref(), Some("He"));
}

#[test]
fn a_fragment_left_open_mid_sentence_does_not_swallow_the_next_paragraph() {
    let d = doc(
        "Lind said the board’s plan is “really a vague position to have.
“What we do here is vote. That’s what we do,” Lind said. “We don’t debate notions.”",
        &[("Lind", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    let a = find(&qs, "“What we do here is vote. That’s what we do,”");
    assert_eq!(a.content.len(), 2, "{qs:?}");
    assert_eq!(a.mention.as_deref(), Some("Lind"));
}

#[test]
fn an_apposed_name_is_the_mention() {
    let d = doc(
        "At the head of the march, the leader of the dockers’ union, Nathalie Berthier, said: “We stay.”
Her daughter, Carol, said the ward was full.
“Let’s start,” said the moderator, Priya Natarajan.",
        &[
            ("Nathalie Berthier", EntityLabel::Per),
            ("Carol", EntityLabel::Per),
            ("Priya Natarajan", EntityLabel::Per),
        ],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "“We stay.”").mention.as_deref(),
        Some("Nathalie Berthier")
    );
    assert_eq!(
        find(&qs, "the ward was full").mention.as_deref(),
        Some("Carol")
    );
    assert_eq!(
        find(&qs, "“Let’s start,”").mention.as_deref(),
        Some("Priya Natarajan")
    );
}

#[test]
fn passive_cues_and_prepositional_objects_report_nothing() {
    let d = doc(
        "Volunteers were called out twice in one afternoon to rescue two swimmers.
Around 60 people protested outside the harbour office before the meeting.
His retirement was announced on Friday by the harbour board.
Berg was asked whether the pier would stay open.",
        &[("Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(qs[0].content, vec!["whether the pier would stay open"]);
}

#[test]
fn that_before_a_short_noun_phrase_is_a_determiner() {
    let d = doc(
        "Lind disputed that account.
The pier was sold in 2010, according to the harbour board, which published its accounts on Friday.",
        &[("Lind", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert!(qs.iter().all(|q| q.content[0] != "that account"), "{qs:#?}");
    let a = find(&qs, "The pier was sold in 2010");
    assert_eq!(a.content, vec!["The pier was sold in 2010"]);
}

#[test]
fn a_split_quote_around_a_long_apposition_is_one_quote() {
    let d = doc(
        "„We did not get everything we wanted“, Anna Berg, the harbour minister, said as she left the town hall, „but families will know where they stand.“",
        &[("Anna Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(qs[0].content.len(), 2);
    assert_eq!(qs[0].mention.as_deref(), Some("Anna Berg"));
}

#[test]
fn judgments_openers_and_longer_subject_phrases() {
    let d = doc(
        "In a 40-page judgment, the court held that the harbour act restricted peaceful protest.
The board held a meeting on Friday.
Later in the call she asks him who would look after the boat.
A security guard who was on duty told police that he had heard nothing.
Images would be deleted within a second, a spokesperson for the Harbour Office said.",
        &[("Harbour Office", EntityLabel::Org)],
    );
    let qs = quotes(&d);
    assert_eq!(qs.len(), 4, "{qs:#?}");
    assert_eq!(
        find(&qs, "that the harbour act").mention.as_deref(),
        Some("the court")
    );
    assert_eq!(
        find(&qs, "who would look after").mention.as_deref(),
        Some("she")
    );
    assert!(find(&qs, "that he had heard nothing")
        .mention
        .as_deref()
        .is_some_and(|m| m.starts_with("A security guard")));
    assert_eq!(
        find(&qs, "Images would be deleted").mention.as_deref(),
        Some("a spokesperson for the Harbour Office")
    );
}

#[test]
fn cue_words_used_as_nouns_or_after_prepositions_report_nothing() {
    let d = doc(
        "Several similar calls have been published since the autumn.
Berg insisted that the pier is not for sale, despite reports of a bid from a rival.",
        &[("Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(qs[0].mention.as_deref(), Some("Berg"));
}

#[test]
fn asides_hearers_and_quantities_around_the_cue() {
    let d = doc(
        "The film includes a clip of an interview, in which he says he will close the harbour.
Berg said — on the radio, as it happens — that the board raised £4 million that day.
Reached by phone, Lind — who sold the pier in 2010 — told the Harbour Gazette he was not planning an appeal.
At least a dozen dock workers told the Harbour Gazette the strike would go on.
He had been at sea for a week, a harbour spokesman told the Harbour Gazette.",
        &[
            ("Berg", EntityLabel::Per),
            ("Lind", EntityLabel::Per),
            ("Harbour Gazette", EntityLabel::Org),
        ],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "he will close the harbour").mention.as_deref(),
        Some("he")
    );
    assert_eq!(
        find(&qs, "that the board raised").mention.as_deref(),
        Some("Berg")
    );
    assert_eq!(
        find(&qs, "he was not planning").mention.as_deref(),
        Some("Lind")
    );
    assert_eq!(
        find(&qs, "the strike would go on").mention.as_deref(),
        Some("At least a dozen dock workers")
    );
    assert_eq!(
        find(&qs, "He had been at sea").mention.as_deref(),
        Some("a harbour spokesman")
    );
}

#[test]
fn a_question_is_answered_by_the_other_party() {
    let d = doc(
        "At her news conference, one reporter asked whether she had thought about retiring.
“Every day for a month,” Berg replied. “I could not hold a racket.”
“And what changed?” asked the reporter.
“My brother told me to stop sulking.”
“Did it work?”
“Well, I’m sitting here.”
Another delegate on the harbour board, Anna Lind, said she was only “leaning Berg.”",
        &[("Berg", EntityLabel::Per), ("Anna Lind", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(find(&qs, "“My brother").speaker.as_deref(), Some("Berg"));
    assert_eq!(
        find(&qs, "“Did it work?”").speaker.as_deref(),
        find(&qs, "“And what changed?”").speaker.as_deref()
    );
    assert_eq!(find(&qs, "“Well,").speaker.as_deref(), Some("Berg"));
    assert_eq!(
        find(&qs, "she was only").mention.as_deref(),
        Some("Anna Lind")
    );
}

#[test]
fn noun_like_cue_forms_need_that() {
    let d = doc(
        "Lind, the former secretary of state, is part of the harbour establishment.
Berg maintained support among dock workers.
Berg maintained that the pier was never sold.",
        &[("Lind", EntityLabel::Per), ("Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(qs[0].content, vec!["that the pier was never sold"]);
}

#[test]
fn go_on_and_vote_for_report_only_around_quotes() {
    let d = doc(
        "Berg went on the offensive against the harbour board.
Most dock workers voted for Lind in the spring.
“We will not sell the pier,” Berg went on.",
        &[("Berg", EntityLabel::Per), ("Lind", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(qs[0].mention.as_deref(), Some("Berg"));
}

#[test]
fn a_relative_clause_after_the_object_is_no_reported_question() {
    let d = doc(
        "Berg cited a harbour report, which concluded that the pier was safe.
The soldier’s mother asked him who would defend the town.",
        &[("Berg", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert!(
        qs.iter()
            .all(|q| q.sieve != "reported-question" || q.content[0].starts_with("who would")),
        "{qs:#?}"
    );
    assert_eq!(
        find(&qs, "who would defend").mention.as_deref(),
        Some("The soldier’s mother")
    );
}

#[test]
fn a_label_before_a_colon_is_no_source() {
    let d = doc(
        "The Latest: Berg wins the harbour vote

Lind: the harbour board sold the pier too cheaply",
        &[("Berg", EntityLabel::Per), ("Lind", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(qs[0].mention.as_deref(), Some("Lind"));
}

#[test]
fn an_organisation_subject_reports_through_a_participle() {
    let d = doc(
        "The court struck down the harbour law, ruling that it went further than was needed.",
        &[],
    );
    let qs = quotes(&d);
    let a = find(&qs, "that it went further");
    assert_eq!(a.mention.as_deref(), Some("The court"));
}

#[test]
fn a_possessive_after_the_hearer_opens_the_reported_clause() {
    let d = doc("Docker tells mother his unit has no winter boots", &[]);
    let qs = quotes(&d);
    let a = find(&qs, "his unit");
    assert_eq!(a.content, vec!["his unit has no winter boots"]);
}

#[test]
fn speech_scope_keeps_acts_of_saying_with_a_proposition() {
    use crate::Scope;
    // Noun-phrase objects, cognition verbs, evidence and acts ("refused to") are no act of
    // saying with a proposition.
    let text = "Halvorsen admitted six counts of theft at an earlier hearing.\n\n\
                Traders had expected the cut.\n\n\
                Surveys suggest turnout will be low.\n\n\
                The mayor refused to withdraw the plan.\n\n\
                The agency has not commented on the leak, and nobody has confirmed it.\n\n\
                Bakers say flour prices doubled in a year.\n\n\
                The regulator accused the operator of ignoring the warnings.\n\n\
                Councillor Amos urged residents to stay indoors.\n\n\
                The union said all ferries west of the bridge had been cancelled.";
    let ents = [("Halvorsen", EntityLabel::Per), ("Amos", EntityLabel::Per)];
    let qs = quotes(&doc(text, &ents));
    let contents: Vec<&str> = qs.iter().map(|q| q.content[0].as_str()).collect();
    assert_eq!(
        contents,
        vec![
            "flour prices doubled in a year",
            "the operator of ignoring the warnings",
            "to stay indoors",
            "all ferries west of the bridge had been cancelled",
        ],
        "{qs:#?}"
    );
    // The all scope keeps what PolNeAR annotates: the noun-phrase object and the expectation.
    let all = quotes(&doc_scoped(text, &ents, Scope::All));
    assert!(
        all.iter()
            .any(|q| q.content[0] == "six counts of theft at an earlier hearing"),
        "{all:#?}"
    );
    assert!(all.iter().any(|q| q.content[0] == "the cut"), "{all:#?}");
}

#[test]
fn hearer_phrases_reduced_relatives_and_relative_clause_sources() {
    let text = "Okafor told staff on a video call that the depot would close.\n\n\
                A witness in the trial of three men accused of looting a pharmacy admitted that \
                he had not seen their faces.\n\n\
                The valley “needs someone who stays. That is Ines Ward,” said the farmer who \
                chairs the co-operative.";
    let qs = quotes(&doc(
        text,
        &[
            ("Okafor", EntityLabel::Per),
            ("Ines Ward", EntityLabel::Per),
        ],
    ));
    let q = find(&qs, "that the depot");
    assert_eq!(q.mention.as_deref(), Some("Okafor"));
    let q = find(&qs, "that he had not seen");
    assert_eq!(q.cue.as_deref(), Some("admitted"));
    assert!(
        q.mention
            .as_deref()
            .is_some_and(|m| m.starts_with("A witness")),
        "{q:#?}"
    );
    assert!(
        !qs.iter().any(|q| q.cue.as_deref() == Some("accused")),
        "{qs:#?}"
    );
    let q = find(&qs, "The valley");
    assert_eq!(
        q.content,
        vec!["The valley “needs someone who stays. That is Ines Ward,”"]
    );
    assert_eq!(q.mention.as_deref(), Some("the farmer"));
}

#[test]
fn previous_sentence_subject_past_openers_titles_and_appositions() {
    let text = "Colonel Mira Stastny has led the brigade since May. “We sleep in shifts now.”\n\n\
                The clinic’s director, Omar Haddad, was at the hearing. “Nobody here has been paid \
                since March.”\n\n\
                At the bus depot, a woman who gave only her first name poured tea for drivers. \
                “The buses run when the fuel comes.”\n\n\
                Yet Haddad left early. “Ask the ministry.”";
    let qs = quotes(&doc(
        text,
        &[
            ("Mira Stastny", EntityLabel::Per),
            ("Omar Haddad", EntityLabel::Per),
            ("Haddad", EntityLabel::Per),
        ],
    ));
    let q = find(&qs, "“We sleep");
    assert_eq!(q.mention.as_deref(), Some("Colonel Mira Stastny"), "{q:#?}");
    assert_eq!(q.sieve, "previous-sentence-subject");
    assert_eq!(
        find(&qs, "“Nobody here").mention.as_deref(),
        Some("Omar Haddad")
    );
    assert_eq!(find(&qs, "“The buses").mention.as_deref(), Some("a woman"));
    // "Yet Haddad" is no name phrase of a person: the rule leaves it (a short quote without a
    // speaker is dropped as a scare quote).
    assert!(
        qs.iter()
            .all(|q| q.mention.as_deref() != Some("Yet Haddad")),
        "{qs:#?}"
    );
}

#[test]
fn follow_up_questions_cut_in_titles_in_apposition_and_vote_counts() {
    let text = "“You said you saw the van at nine,” said the prosecutor. “Is that right?”\n\n\
                “Roughly, yes. It was dark,” the driver answered.\n\n\
                “Roughly or exactly?”\n\n\
                “We are out of time for questions,” the chair cut in.\n\n\
                The report, “Salt, Silt and the Shrinking Delta of the Ebro River”, was released \
                on Monday.\n\n\
                The appeals court upheld the fine, ruling by four votes to one that the company \
                had misled its customers.";
    let qs = quotes(&doc(text, &[]));
    let q = find(&qs, "“Roughly or exactly?”");
    assert_eq!(q.sieve, "dialogue-turn");
    assert_eq!(q.mention.as_deref(), Some("the prosecutor"));
    let q = find(&qs, "“We are out of time");
    assert_eq!(q.cue.as_deref(), Some("cut in"));
    assert_eq!(q.mention.as_deref(), Some("the chair"));
    assert!(
        !qs.iter().any(|q| q.content[0].starts_with("“Salt")),
        "{qs:#?}"
    );
    let q = find(&qs, "that the company");
    assert_eq!(q.cue.as_deref(), Some("ruling"));
    assert_eq!(q.mention.as_deref(), Some("The appeals court"));
}

#[test]
fn inscriptions_are_quoted_without_a_speaker_and_passives_report_nobody() {
    use crate::Scope;
    let text = "A note reading “Back at six” was taped to the shutter.\n\n\
                “Keep the lights on,” the night porter was told.\n\n\
                I read that the ferry had been sold.";
    let qs = quotes(&doc(text, &[]));
    let q = find(&qs, "“Back at six”");
    assert_eq!(q.cue.as_deref(), Some("reading"));
    assert_eq!(q.mention, None, "{q:#?}");
    assert!(
        qs.iter().all(|q| q.cue.as_deref() != Some("told")),
        "a passive cue has no speaker: {qs:#?}"
    );
    assert!(
        !qs.iter().any(|q| q.content[0].contains("ferry")),
        "{qs:#?}"
    );
    // The all scope (PolNeAR) keeps the sign as the source.
    let all = quotes(&doc_scoped(text, &[], Scope::All));
    assert_eq!(
        find(&all, "“Back at six”").mention.as_deref(),
        Some("A note")
    );
}

#[test]
fn told_to_starts_at_to_and_source_appositions_are_no_content() {
    let text = "The inspector told the landlord to repair the roof before winter.\n\n\
                Two thirds of the wells have dried up since 2010, according to Aquifer Watch, a \
                charity that maps groundwater in 40 countries.\n\n\
                Rents rose by a fifth, according to the council, and they will rise again.";
    let qs = quotes(&doc(text, &[("Aquifer Watch", EntityLabel::Org)]));
    let q = find(&qs, "to repair");
    assert_eq!(q.content, vec!["to repair the roof before winter"]);
    assert_eq!(q.mention.as_deref(), Some("The inspector"));
    let q = find(&qs, "Two thirds");
    assert_eq!(
        q.content,
        vec!["Two thirds of the wells have dried up since 2010"],
        "{q:#?}"
    );
    // A clause after the source is content.
    let q = find(&qs, "Rents rose");
    assert_eq!(q.content.len(), 2, "{q:#?}");
}

#[test]
fn a_closing_mark_opens_a_paragraph_after_an_invisible_direction_mark() {
    // Pasted comments carry a left-to-right embedding before a ” typed as the opening mark.
    let text =
        "Readers wrote in.\n\n\u{202A}”The ferry must keep running. We have no other road,” \
                said Edna Pruitt.";
    let qs = quotes(&doc(text, &[("Edna Pruitt", EntityLabel::Per)]));
    let q = find(&qs, "”The ferry");
    assert_eq!(q.mention.as_deref(), Some("Edna Pruitt"), "{q:#?}");
    assert_eq!(q.kind, QuoteKind::Direct);
}

#[test]
fn a_country_abbreviation_inside_a_description() {
    let text = "Kessler “was let off lightly,” said a former U.S. customs official who handled \
                the case.";
    let qs = quotes(&doc(
        text,
        &[("Kessler", EntityLabel::Per), ("U.S.", EntityLabel::Loc)],
    ));
    let q = find(&qs, "Kessler");
    assert_eq!(
        q.mention.as_deref(),
        Some("a former U.S. customs official"),
        "{qs:#?}"
    );
}

#[test]
fn a_headline_with_its_byline_is_a_title() {
    let text = "MUST READ — \"Harbour ferry to stop running after 140 years,\" by the Courier's \
                Mia Lund: \"The last crossing is planned for the end of March.\"\n\n\
                \"We will keep the service,\" the mayor said.";
    let qs = quotes(&doc(text, &[("Mia Lund", EntityLabel::Per)]));
    assert!(
        !qs.iter().any(|q| q.content[0].contains("140 years")),
        "{qs:#?}"
    );
    assert_eq!(
        find(&qs, "\"We will keep").mention.as_deref(),
        Some("the mayor")
    );
}

#[test]
fn a_report_in_a_relative_clause_ends_with_the_clause() {
    let text = "Dunmore, who estimates that the repairs cost “well over a million,” described the \
                ordeal as “exhausting.”";
    let qs = quotes(&doc(text, &[("Dunmore", EntityLabel::Per)]));
    let q = find(&qs, "that the repairs");
    assert_eq!(
        q.content,
        vec!["that the repairs cost “well over a million,”"],
        "{qs:#?}"
    );
    let q = find(&qs, "the ordeal");
    assert_eq!(q.mention.as_deref(), Some("Dunmore"), "{q:#?}");
}

#[test]
fn a_weekday_after_the_cue_takes_no_object() {
    let text = "Okafor said Tuesday that March Hollis was “a weak candidate” for the seat.";
    let qs = quotes(&doc(
        text,
        &[
            ("Okafor", EntityLabel::Per),
            ("March Hollis", EntityLabel::Per),
        ],
    ));
    let q = find(&qs, "that March");
    assert_eq!(
        q.content,
        vec!["that March Hollis was “a weak candidate” for the seat"]
    );
}

#[test]
fn naming_reports_and_clause_ends_in_the_speech_scope() {
    use crate::Scope;
    let text = "Dr Yusuf called it “the best news the reef has had in a decade”.\n\n\
                Officials said the next survey would cover the northern atolls, where the damage \
                was worst.\n\n\
                The pilot said the crew had done everything right, whatever the inquiry finds.";
    let qs = quotes(&doc(text, &[("Yusuf", EntityLabel::Per)]));
    let q = find(&qs, "“the best news");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(
        q.content,
        vec!["“the best news the reef has had in a decade”"]
    );
    assert_eq!(q.cue.as_deref(), Some("called"));
    assert_eq!(
        find(&qs, "the next survey").content,
        vec!["the next survey would cover the northern atolls"]
    );
    assert_eq!(
        find(&qs, "the crew").content,
        vec!["the crew had done everything right"]
    );
    // PolNeAR (the all scope) keeps the object: "called it “…”".
    let all = quotes(&doc_scoped(
        text,
        &[("Yusuf", EntityLabel::Per)],
        Scope::All,
    ));
    assert_eq!(
        find(&all, "it “the best").content,
        vec!["it “the best news the reef has had in a decade”"]
    );
}

#[test]
fn long_uncued_passages_are_kept_in_the_all_scope_only() {
    let text = "For the mayor the depot “has been left to rot by three councils in a row and \
                nobody wants to pay for the roof.”\n\n\
                Councillor Amara Osei frowned that the plan “will cost more than the depot is \
                worth, and the ferry users will pay for it twice over.”\n\n\
                “Harbour lights go dark as the council cuts the lamp budget by half again,” by \
                Ana Ruiz.\n\n\
                The “late” trains were on time.";
    let ents = [
        ("Ana Ruiz", EntityLabel::Per),
        ("Amara Osei", EntityLabel::Per),
    ];
    // No cue: the speech scope finds nothing.
    let speech = quotes(&doc(text, &ents));
    assert!(speech.is_empty(), "{speech:#?}");
    let all = quotes(&doc_scoped(text, &ents, crate::Scope::All));
    let q = find(&all, "“has been left to rot");
    assert_eq!(q.sieve, "unattributed", "{q:#?}");
    assert_eq!(q.mention, None);
    // Inside a sentence, the passage's speaker is the sentence's subject.
    let q = find(&all, "“will cost");
    assert_eq!(q.sieve, "uncued-passage", "{q:#?}");
    assert_eq!(q.mention.as_deref(), Some("Councillor Amara Osei"));
    // A headline with its byline and a short scare quote are not passages.
    assert!(
        !all.iter().any(|q| q.content[0].contains("Harbour lights")),
        "{all:#?}"
    );
    assert!(
        !all.iter().any(|q| q.content[0].contains("late")),
        "{all:#?}"
    );
}

#[test]
fn opening_subordinate_clauses_end_the_report_at_their_comma() {
    let text = "But even as Lindqvist insisted that the ferry was “safe in any weather,” two \
                crew members resigned.\n\n\
                While Moreau said the budget was balanced, his deputy disagreed.";
    let ents = [
        ("Lindqvist", EntityLabel::Per),
        ("Moreau", EntityLabel::Per),
    ];
    let qs = quotes(&doc_scoped(text, &ents, crate::Scope::All));
    let q = find(&qs, "that the ferry");
    assert_eq!(
        q.content,
        vec!["that the ferry was “safe in any weather,”"],
        "{q:#?}"
    );
    let q = find(&qs, "the budget");
    assert_eq!(q.content, vec!["the budget was balanced"], "{q:#?}");
}

#[test]
fn participle_cues_report_what_follows_and_colourful_verbs_are_cues() {
    let text = "Kasich suspended his campaign on Wednesday, telling supporters in Columbus, Ohio, \
                that he had “renewed faith” in the party.\n\n\
                Hewlett sniped that Fiorina was “learning on the job.”";
    let ents = [
        ("Kasich", EntityLabel::Per),
        ("Columbus", EntityLabel::Loc),
        ("Ohio", EntityLabel::Loc),
        ("Hewlett", EntityLabel::Per),
        ("Fiorina", EntityLabel::Per),
    ];
    let qs = quotes(&doc(text, &ents));
    assert!(
        !qs.iter()
            .any(|q| q.content[0].starts_with("Kasich suspended")),
        "{qs:#?}"
    );
    let q = find(&qs, "that he had");
    assert_eq!(q.mention.as_deref(), Some("Kasich"), "{q:#?}");
    assert_eq!(q.cue.as_deref(), Some("telling"));
    let q = find(&qs, "that Fiorina");
    assert_eq!(q.mention.as_deref(), Some("Hewlett"), "{q:#?}");
    assert_eq!(q.cue.as_deref(), Some("sniped"));
}

#[test]
fn a_relative_clause_on_the_reported_subject_is_content() {
    let text = "Okafor said the tunnel, which opened in 1998, “would not last another winter” \
                without repairs.\n\n\
                Okafor said the tunnel was closed, which angered the drivers.";
    let qs = quotes(&doc(text, &[("Okafor", EntityLabel::Per)]));
    let q = find(&qs, "the tunnel, which");
    assert_eq!(
        q.content,
        vec!["the tunnel, which opened in 1998, “would not last another winter” without repairs"],
        "{q:#?}"
    );
    // A relative clause after the reported clause is the reporter's comment.
    let q = find(&qs, "the tunnel was closed");
    assert_eq!(q.content, vec!["the tunnel was closed"], "{q:#?}");
}

#[test]
fn the_all_scope_keeps_one_of_two_nested_reports() {
    let text = "Okafor says drivers are “right to be angry,” but also hungry for what she calls \
                “real solutions.”\n\n\
                The mayor said he was “happy to see” the vote pass, according to The Harbour Post.";
    let ents = [
        ("Okafor", EntityLabel::Per),
        ("The Harbour Post", EntityLabel::Org),
    ];
    // The speech scope reports both the outer and the inner report.
    let speech = quotes(&doc(text, &ents));
    let outer = |qs: &[Q]| {
        qs.iter()
            .any(|q| q.content[0].contains("hungry for what she calls"))
    };
    assert!(outer(&speech), "{speech:#?}");
    assert!(
        speech.iter().any(|q| q.cue.as_deref() == Some("said")),
        "{speech:#?}"
    );
    let all = quotes(&doc_scoped(text, &ents, crate::Scope::All));
    // Under a bare reported clause, the inner report stays.
    assert!(!outer(&all), "{all:#?}");
    let q = find(&all, "“real solutions");
    assert_eq!(q.mention.as_deref(), Some("she"));
    // Under "according to", the outer one stays.
    let q = find(&all, "The mayor said");
    assert_eq!(q.mention.as_deref(), Some("The Harbour Post"), "{all:#?}");
    assert!(
        !all.iter().any(|q| q.cue.as_deref() == Some("said")),
        "{all:#?}"
    );
}

#[test]
fn the_all_scope_joins_an_uncued_quote_to_the_quote_before_it_in_its_paragraph() {
    let text = "“The ferry will run again by spring,” Berg said at the pier. The repairs cost \
                more than planned. “We will not give up on this harbour now.”\n\n\
                “Nobody expected the rust,” Berg said.\n\n\
                “It was under the paint,” an engineer added.";
    let ents = [("Berg", EntityLabel::Per)];
    // The speech scope keeps two quotes (the samples guideline).
    let speech = quotes(&doc(text, &ents));
    assert_eq!(find(&speech, "“We will not").sieve, "nearest-speaker");
    let all = quotes(&doc_scoped(text, &ents, crate::Scope::All));
    let q = find(&all, "“The ferry");
    assert_eq!(q.content.len(), 2, "{all:#?}");
    assert!(q.content[1].starts_with("“We will not"), "{q:#?}");
    // Quotes with their own cues stay apart.
    assert_eq!(find(&all, "“Nobody").content.len(), 1);
    assert_eq!(find(&all, "“It was under").content.len(), 1);
}

#[test]
fn a_reality_show_is_a_programme_not_a_cue() {
    let text = "The rally was opened by Bruno Vale, star of the TLC reality show “Cake Kings.”\n\n\
                Ana Ruiz, the former host of the reality show “The Pier,” backed the plan.";
    let ents = [
        ("Bruno Vale", EntityLabel::Per),
        ("Ana Ruiz", EntityLabel::Per),
    ];
    let qs = quotes(&doc_scoped(text, &ents, crate::Scope::All));
    assert!(
        !qs.iter().any(|q| q.cue.as_deref() == Some("show")),
        "{qs:#?}"
    );
}

#[test]
fn a_that_clause_leading_into_a_quotation_is_part_of_it() {
    let text = "Okafor adds that the ferry users have two choices: “You either wait or you walk.”";
    let qs = quotes(&doc(text, &[("Okafor", EntityLabel::Per)]));
    let q = find(&qs, "that the ferry");
    assert_eq!(
        q.content,
        vec!["that the ferry users have two choices: “You either wait or you walk.”"]
    );
    assert_eq!(q.kind, QuoteKind::Mixed);
    assert_eq!(q.mention.as_deref(), Some("Okafor"));
}

#[test]
fn a_name_before_a_colon_or_a_sentence_subject_introduces_a_quote() {
    let text = "The figures were revised. More from Amara Osei: “The ferry carried twice as many \
                people as last year.”\n\n\
                Lindqvist then turned to the crowd again: “Here is what I regret.”";
    let ents = [
        ("Amara Osei", EntityLabel::Per),
        ("Lindqvist", EntityLabel::Per),
    ];
    let qs = quotes(&doc(text, &ents));
    let q = find(&qs, "“The ferry");
    assert_eq!(q.mention.as_deref(), Some("Amara Osei"), "{q:#?}");
    assert_eq!(q.sieve, "colon-intro");
    let q = find(&qs, "“Here is");
    assert_eq!(q.mention.as_deref(), Some("Lindqvist"), "{q:#?}");
}

#[test]
fn an_uncued_quote_inside_a_sentence_takes_the_sentence_subject() {
    let text = "“The ferry is late again,” Berg said.\n\n\
                Lindqvist shrugged and pointed at the pier, “We will fix the engines by spring.”";
    let ents = [("Berg", EntityLabel::Per), ("Lindqvist", EntityLabel::Per)];
    let qs = quotes(&doc(text, &ents));
    let q = find(&qs, "“We will fix");
    assert_eq!(q.sieve, "sentence-subject", "{q:#?}");
    assert_eq!(q.mention.as_deref(), Some("Lindqvist"));
}

#[test]
fn a_statement_issued_by_someone_reports_its_issuer() {
    let text = "The council released a statement on Wednesday saying the ferry “will run again \
                by spring.”";
    let qs = quotes(&doc(text, &[("council", EntityLabel::Org)]));
    let q = find(&qs, "the ferry");
    assert_eq!(q.mention.as_deref(), Some("The council"), "{q:#?}");
}

#[test]
fn the_all_scope_attributes_a_quote_to_its_outer_source() {
    let text = "“I will vote for the ferry plan,” Welch said, according to Harbour Radio.\n\n\
                “The depot stays open,” Berg said, the Gazette reported.";
    let ents = [
        ("Welch", EntityLabel::Per),
        ("Harbour Radio", EntityLabel::Org),
        ("Berg", EntityLabel::Per),
        ("Gazette", EntityLabel::Org),
    ];
    // The speech scope names who spoke.
    let speech = quotes(&doc(text, &ents));
    assert_eq!(
        find(&speech, "“I will vote").mention.as_deref(),
        Some("Welch")
    );
    let all = quotes(&doc_scoped(text, &ents, crate::Scope::All));
    let q = find(&all, "“I will vote");
    assert_eq!(q.mention.as_deref(), Some("Harbour Radio"), "{q:#?}");
    assert_eq!(q.cue.as_deref(), Some("according to"));
    let q = find(&all, "“The depot");
    assert_eq!(q.mention.as_deref(), Some("the Gazette"), "{q:#?}");
    assert_eq!(q.cue.as_deref(), Some("reported"));
}

#[test]
fn an_uncued_quote_after_a_reported_sentence_continues_that_report() {
    let text = "Okafor “drew well from the dock workers” in the last election, said the historian \
                Ana Ruiz. “That was more her constituency than his at that point.”";
    let ents = [("Okafor", EntityLabel::Per), ("Ana Ruiz", EntityLabel::Per)];
    // The speech scope keeps two quotes; the second is the historian's, not Okafor's.
    let speech = quotes(&doc(text, &ents));
    let q = find(&speech, "“That was more");
    assert_eq!(q.sieve, "nearest-speaker", "{speech:#?}");
    assert!(
        q.mention.as_deref().is_some_and(|m| m.contains("Ana Ruiz")),
        "{q:#?}"
    );
    let all = quotes(&doc_scoped(text, &ents, crate::Scope::All));
    let q = find(&all, "Okafor “drew");
    assert_eq!(q.content.len(), 2, "{all:#?}");
    assert!(q.content[1].starts_with("“That was more"), "{q:#?}");
    assert!(
        q.mention.as_deref().is_some_and(|m| m.contains("Ana Ruiz")),
        "{q:#?}"
    );
}

#[test]
fn a_participle_report_after_the_source_stands_on_its_own() {
    // A comma inside the closing mark before the source, and a participle report after it: two
    // reports, the first one's content ending before the source.
    let text = "The levy will “hurt every stallholder,” Mensah said, adding that the council \
                would vote in March.";
    let ents = [("Mensah", EntityLabel::Per)];
    for scope in [crate::Scope::Speech, crate::Scope::All] {
        let qs = quotes(&doc_scoped(text, &ents, scope));
        let q = find(&qs, "The levy");
        assert_eq!(
            q.content,
            ["The levy will “hurt every stallholder,”"],
            "{qs:#?}"
        );
        assert_eq!(q.mention.as_deref(), Some("Mensah"));
        assert_eq!(q.kind, QuoteKind::Mixed);
        let q = find(&qs, "that the council");
        assert_eq!(q.cue.as_deref(), Some("adding"), "{qs:#?}");
        assert_eq!(q.mention.as_deref(), Some("Mensah"));
    }
}

#[test]
fn coordinated_names_are_one_group_source() {
    let text = "“The levy is dead,” Ruth Mensah and Tom Brandt said in a joint statement.\n\
                They said the council had listened.\n\
                “We are proud,” said Lena Okafor, Ada Ruiz and Kofi Boateng.\n\
                Ruth Mensah and Ada Ruiz said the vote was fair.\n\
                “Sales rose,” Johnson & Johnson said.";
    let ents = [
        ("Ruth Mensah", EntityLabel::Per),
        ("Tom Brandt", EntityLabel::Per),
        ("Lena Okafor", EntityLabel::Per),
        ("Ada Ruiz", EntityLabel::Per),
        ("Kofi Boateng", EntityLabel::Per),
        ("Johnson & Johnson", EntityLabel::Org),
    ];
    let d = doc(text, &ents);
    let qs = quotes(&d);
    let q = find(&qs, "“The levy");
    assert_eq!(
        who(q),
        (
            Some("Ruth Mensah and Tom Brandt"),
            Some("Ruth Mensah and Tom Brandt")
        ),
        "{qs:#?}"
    );
    // "They" is the group, not one of its members.
    let q = find(&qs, "the council");
    assert_eq!(who(q), (Some("They"), Some("Ruth Mensah and Tom Brandt")));
    let q = find(&qs, "“We are proud");
    assert_eq!(
        q.mention.as_deref(),
        Some("Lena Okafor, Ada Ruiz and Kofi Boateng")
    );
    let q = find(&qs, "the vote");
    assert_eq!(
        q.mention.as_deref(),
        Some("Ruth Mensah and Ada Ruiz"),
        "{qs:#?}"
    );
    // A group is its own speaker: the members' own clusters are not merged into it.
    let group = d
        .speakers()
        .iter()
        .find(|s| s.name == "Ruth Mensah and Tom Brandt")
        .expect("the group is a speaker");
    assert_eq!(group.label, SpeakerLabel::Person);
    assert_eq!(group.gender, Gender::Unknown);
    // "Johnson & Johnson" is one organisation, not a group of two.
    let q = find(&qs, "“Sales rose");
    assert_eq!(
        who(q),
        (Some("Johnson & Johnson"), Some("Johnson & Johnson"))
    );
}

#[test]
fn a_report_in_a_relative_clause_ends_before_the_main_verb() {
    let text = "Mensah, who said the levy was unfair, left the meeting early.\n\
                The mayor, who said the budget was balanced, went home.";
    let ents = [("Mensah", EntityLabel::Per)];
    let qs = quotes(&doc(text, &ents));
    assert_eq!(
        find(&qs, "the levy").content,
        ["the levy was unfair"],
        "{qs:#?}"
    );
    assert_eq!(find(&qs, "the budget").content, ["the budget was balanced"]);
}

#[test]
fn a_participle_after_a_direct_quote_takes_the_quote_source() {
    // The participle's subject is the source after the quote, not the quote's first word.
    let text = "“They lied to us,” said Mensah, calling the levy “a disgrace.”";
    let ents = [("Mensah", EntityLabel::Per)];
    for scope in [crate::Scope::Speech, crate::Scope::All] {
        let qs = quotes(&doc_scoped(text, &ents, scope));
        let q = find(&qs, "the levy");
        assert_eq!(q.cue.as_deref(), Some("calling"), "{qs:#?}");
        assert_eq!(q.mention.as_deref(), Some("Mensah"), "{qs:#?}");
    }
}
