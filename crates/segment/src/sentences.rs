//! Sentence boundaries inside one paragraph, decided on tokens.
//!
//! A candidate boundary is a full stop, an ellipsis, a run of `!`/`?`, or an abbreviation or
//! initial that carries its period. Closing quotation marks and closing brackets written right
//! after it belong to the sentence it ends. Whether the sentence really ends depends on what
//! comes next:
//!
//! * full stop: ends unless the next token is punctuation that continues the sentence
//!   (`, ; : %` or another stop), unless it follows a list marker at the start of the paragraph
//!   (`1.`, `a.`), and unless a closing quote follows it and the next word is lowercase
//!   (`“We won.” he said`). A lowercase next word otherwise still starts a new sentence: web
//!   and scraped text often do not capitalise.
//! * `!` / `?`: the same; `“Who, tell me?” she said.` stays one sentence.
//! * ellipsis: ends only before a capital, a digit or an opening quote or bracket followed by
//!   one.
//! * abbreviation (`Inc.`, `U.S.`, `a.m.`) or initial (`J.`): ends only before a typical
//!   sentence opener from `models/segment/sentence_starters.txt` (`The`, `He`, `But`), or
//!   before a capital when a closing quote was absorbed or an opening quote follows.
//! * title (`Mr.`, `Gen.`): never ends.

use newsquotes_document::{Sentence, Span, Token, TokenKind, TokenRange};

use crate::lexicon::{lexicon, STARTER};
use crate::tokenize::Role;

/// Splits the tokens `first..last` of one paragraph into sentences, appending to `out`.
pub(crate) fn split(
    text: &str,
    tokens: &[Token],
    roles: &[Role],
    first: usize,
    last: usize,
    out: &mut Vec<Sentence>,
) {
    let mut start = first;
    let mut i = first;
    // Whether a word, number or URL lies in `start..i`.
    let mut seen_word = false;
    let is_word =
        |t: &Token| matches!(t.kind, TokenKind::Word | TokenKind::Number | TokenKind::Url);
    while i < last {
        let role = roles[i];
        if role == Role::Separator {
            // A separator line (`*****`) is a sentence of its own.
            if i > start {
                push(tokens, start, i, out);
            }
            if i + 1 < last {
                push(tokens, i, i + 1, out);
                start = i + 1;
            } else {
                start = i;
            }
            seen_word = false;
            i += 1;
            continue;
        }
        let stamp = is_timestamp_end(text, tokens, first, i);
        if !stamp
            && !matches!(
                role,
                Role::Stop
                    | Role::Ellipsis
                    | Role::Exclaim
                    | Role::Abbrev
                    | Role::Initial
                    | Role::FinalAbbrev
                    | Role::Url
                    | Role::Emoticon
            )
        {
            seen_word |= is_word(&tokens[i]);
            i += 1;
            continue;
        }
        // Absorb closing quotes and brackets written right after the candidate, and a closing
        // quote standing alone after a space.
        let mut end = i + 1;
        let mut closed = false;
        let mut quoted = false;
        while end < last {
            let adjacent = tokens[end].span.start == tokens[end - 1].span.end;
            let take = match roles[end] {
                Role::CloseQuote => {
                    adjacent || end + 1 >= last || tokens[end + 1].span.start > tokens[end].span.end
                }
                Role::CloseBracket => adjacent,
                Role::Angle => adjacent && role == Role::Url,
                _ => false,
            };
            if !take {
                break;
            }
            closed = true;
            quoted |= roles[end] == Role::CloseQuote;
            end += 1;
        }
        if end >= last {
            break;
        }
        let cx = Context {
            text,
            tokens,
            roles,
            start,
            para_first: first,
            para_last: last,
            seen_word,
        };
        let ends = if stamp {
            let nc = first_char(text, &tokens[end]);
            nc.is_uppercase() || nc.is_numeric() || roles[end] == Role::Url
        } else {
            cx.ends_sentence(i, end, closed, quoted)
        };
        if ends {
            push(tokens, start, end, out);
            start = end;
            seen_word = false;
        } else {
            seen_word |= is_word(&tokens[i]);
        }
        i = end;
    }
    if start < last {
        push(tokens, start, last, out);
    }
}

fn push(tokens: &[Token], start: usize, end: usize, out: &mut Vec<Sentence>) {
    out.push(Sentence {
        span: Span::new(tokens[start].span.start, tokens[end - 1].span.end),
        tokens: TokenRange::new(start, end),
    });
}

fn first_char(text: &str, t: &Token) -> char {
    text[t.span.range()].chars().next().unwrap_or(' ')
}

/// One paragraph's tokens and the start of the current sentence.
struct Context<'a> {
    text: &'a str,
    tokens: &'a [Token],
    roles: &'a [Role],
    start: usize,
    para_first: usize,
    para_last: usize,
    seen_word: bool,
}

impl Context<'_> {
    /// Decides whether the candidate at `i` (with closers up to `next`) ends the sentence.
    fn ends_sentence(&self, i: usize, next: usize, closed: bool, quoted: bool) -> bool {
        let (text, tokens, roles) = (self.text, self.tokens, self.roles);
        let nt = &tokens[next];
        let nrole = roles[next];
        let nc = first_char(text, nt);
        // What the next sentence would start with, looking through opening quotes and brackets.
        let lead = {
            let mut k = next;
            while k + 1 < self.para_last
                && k < next + 4
                && matches!(roles[k], Role::OpenQuote | Role::OpenBracket)
            {
                k += 1;
            }
            first_char(text, &tokens[k])
        };
        let capital_like = lead.is_uppercase() || lead.is_numeric();
        let continues = matches!(
            nrole,
            Role::Stop
                | Role::Ellipsis
                | Role::Exclaim
                | Role::CloseQuote
                | Role::CloseBracket
                | Role::Emoticon
        ) && (nt.span.start == tokens[next - 1].span.end || nrole != Role::Exclaim)
            || (nt.kind == TokenKind::Punct && matches!(nc, ',' | ';' | ':' | '%' | '/' | '&'));
        if continues {
            return false;
        }
        // A sentence needs a word before its end: "... Now" at a paragraph start goes on.
        let has_word = || self.seen_word;
        match roles[i] {
            Role::Stop => {
                if i == self.start + 1
                    && self.start == self.para_first
                    && is_list_marker(text, &tokens[self.start])
                {
                    return false;
                }
                // A spaced ellipsis ". . ." acts like an ellipsis.
                if i >= self.start + 2 && roles[i - 1] == Role::Stop && roles[i - 2] == Role::Stop {
                    return capital_like;
                }
                // "(draft).doc": a letter right after the stop is no new sentence.
                let glued = !closed && nt.span.start == tokens[i].span.end && nc.is_lowercase();
                !(glued || closed && lead.is_lowercase()) && has_word()
            }
            Role::Exclaim => !(closed && lead.is_lowercase()) && has_word(),
            Role::Ellipsis => {
                (capital_like
                    || matches!(nrole, Role::OpenQuote | Role::OpenBracket) && !lead.is_lowercase())
                    && has_word()
            }
            Role::Abbrev | Role::Initial => {
                let starter =
                    nt.kind == TokenKind::Word && lexicon().is(&text[nt.span.range()], STARTER);
                starter
                    || (quoted && lead.is_uppercase())
                    || (nrole == Role::OpenQuote && lead.is_uppercase())
            }
            Role::FinalAbbrev => capital_like || nrole == Role::OpenQuote,
            // A URL, an e-mail address or an emoticon without final punctuation, followed by a
            // capital: the sentence ended there.
            Role::Url | Role::Emoticon => nc.is_uppercase() || nrole == Role::Url,
            _ => false,
        }
    }
}

/// `08/16/2000 03:48 PM`: a message header's date and time, which ends its line even when the
/// line break was lost.
fn is_timestamp_end(text: &str, tokens: &[Token], first: usize, i: usize) -> bool {
    i >= first + 2
        && matches!(&text[tokens[i].span.range()], "AM" | "PM")
        && tokens[i - 1].kind == TokenKind::Number
        && text[tokens[i - 1].span.range()].contains(':')
        && tokens[i - 2].kind == TokenKind::Number
        && text[tokens[i - 2].span.range()].matches('/').count() == 2
}

/// `1`, `12`, `a`, `B`, `iv`: a list marker when it opens a paragraph and a period follows.
fn is_list_marker(text: &str, t: &Token) -> bool {
    let s = &text[t.span.range()];
    match t.kind {
        TokenKind::Number => s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()),
        TokenKind::Word => {
            s.chars().count() == 1
                || (s.len() <= 4
                    && s.bytes()
                        .all(|b| matches!(b, b'i' | b'v' | b'x' | b'I' | b'V' | b'X')))
        }
        _ => false,
    }
}
