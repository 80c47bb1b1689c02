//! Sieve 1: pairing quotation marks into quoted spans.
//!
//! One pass over the quote-mark tokens with a stack, so nested quotes (‘…’ inside “…”) pair
//! correctly and the work is linear. Every mark style is handled: “…” ‘…’ "…" '…' «…» »…« „…“ ‚…‘
//! ‹…›. A quote left open at the end of a paragraph continues into the next paragraph when that one
//! opens with the same kind of mark (the news convention for multi-paragraph quotes); otherwise it
//! is closed at the paragraph end on a best-effort basis. Stray closing marks are ignored.

use std::ops::Range;

use newsquotes_document::text::is_space;
use newsquotes_document::Span;

use crate::ctx::Ctx;

/// The family a mark belongs to: marks pair only within their family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
    SingleGuillemet,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Straight quotes and marks whose role depends on the context.
    Either,
}

fn classify(mark: &str) -> Option<(Family, Role)> {
    Some(match mark {
        "“" | "„" | "‟" => (Family::Double, Role::Open),
        "”" => (Family::Double, Role::Close),
        "\"" | "＂" | "''" => (Family::Double, Role::Either),
        "``" => (Family::Double, Role::Open),
        "‘" | "‚" | "‛" => (Family::Single, Role::Open),
        "’" => (Family::Single, Role::Close),
        "'" => (Family::Single, Role::Either),
        "«" => (Family::Guillemet, Role::Either),
        "»" => (Family::Guillemet, Role::Either),
        "‹" | "›" => (Family::SingleGuillemet, Role::Either),
        _ => return None,
    })
}

/// A top-level quoted span: one token range per paragraph it covers, marks included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Quoted {
    pub pieces: Vec<Range<usize>>,
    /// False when the closing mark was missing and the quote was closed at a paragraph end.
    pub closed: bool,
}

struct Open {
    tok: usize,
    family: Family,
    mark: String,
}

/// Pairs the marks; returns the top-level quotes in order and, for each token, the index of the
/// top-level quote containing it.
pub(crate) fn pair(ctx: &Ctx) -> (Vec<Quoted>, Vec<Option<usize>>) {
    let n = ctx.len();
    let mut quotes: Vec<Quoted> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    // Pieces of a multi-paragraph quote collected so far.
    let mut carried: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < n {
        if ctx.para_start(i) && i > 0 {
            end_paragraph(ctx, i, &mut stack, &mut carried, &mut quotes);
        }
        if ctx.kind(i) == newsquotes_document::TokenKind::Quote {
            // `''` and ``` `` ``` typed as two apostrophes or backticks are one double mark.
            let (mark, last) = mark_at(ctx, i);
            let span = Span::new(ctx.toks[i].span.start, ctx.toks[last].span.end);
            if let Some((family, role)) = classify(&mark) {
                let role = resolve(ctx, span, &mark, family, role, &stack);
                match role {
                    Role::Open => stack.push(Open {
                        tok: i,
                        family,
                        mark,
                    }),
                    _ => {
                        if let Some(k) = stack.iter().rposition(|o| o.family == family) {
                            let open = stack[k].tok;
                            stack.truncate(k);
                            if stack.is_empty() {
                                carried.push(open..last + 1);
                                quotes.push(Quoted {
                                    pieces: std::mem::take(&mut carried),
                                    closed: true,
                                });
                            }
                        } else if !carried.is_empty() && stack.is_empty() {
                            // A continuation paragraph whose opening mark was not repeated.
                            let start = ctx.para_range(i).start;
                            carried.push(start..last + 1);
                            quotes.push(Quoted {
                                pieces: std::mem::take(&mut carried),
                                closed: true,
                            });
                        }
                    }
                }
            }
            i = last;
        }
        i += 1;
    }
    end_paragraph(ctx, n, &mut stack, &mut carried, &mut quotes);
    if !carried.is_empty() {
        quotes.push(Quoted {
            pieces: carried,
            closed: false,
        });
    }
    let mut owner = vec![None; n];
    for (q, quote) in quotes.iter().enumerate() {
        for p in &quote.pieces {
            for o in &mut owner[p.clone()] {
                *o = Some(q);
            }
        }
    }
    (quotes, owner)
}

/// The mark starting at token `i` and its last token: `''` and ``` `` ``` typed as two
/// apostrophes or backticks are one double mark.
fn mark_at(ctx: &Ctx, i: usize) -> (String, usize) {
    let doubled = i + 1 < ctx.len()
        && matches!(ctx.text(i), "'" | "`")
        && ctx.text(i + 1) == ctx.text(i)
        && ctx.toks[i].span.end == ctx.toks[i + 1].span.start;
    if doubled {
        (format!("{}{}", ctx.text(i), ctx.text(i)), i + 1)
    } else {
        (ctx.text(i).to_owned(), i)
    }
}

/// Decides whether an ambiguous mark opens or closes, from the characters around it.
fn resolve(ctx: &Ctx, span: Span, mark: &str, family: Family, role: Role, stack: &[Open]) -> Role {
    let text = ctx.doc.text();
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let space_before = before.is_none_or(|c| is_space(c) || "([{—–-/".contains(c));
    let space_after = after.is_none_or(|c| is_space(c) || ".,;:!?)]}—–".contains(c));
    let open_of_family = stack.iter().rposition(|o| o.family == family);
    match role {
        Role::Open => {
            // „…“ (German): “ closes an open „.
            if mark == "“" {
                if let Some(k) = open_of_family {
                    if stack[k].mark == "„" && !space_after {
                        return Role::Close;
                    }
                    if stack[k].mark == "„" {
                        return Role::Close;
                    }
                    // A typo: “ typed for ” right after the quoted words (“peace for Egypt“
                    // with …) closes the open “.
                    if !space_before && space_after {
                        return Role::Close;
                    }
                }
            }
            Role::Open
        }
        Role::Close => {
            // ” used as an opening mark (Swedish style or a typo) when nothing is open.
            if open_of_family.is_none() && space_before && !space_after {
                Role::Open
            } else {
                Role::Close
            }
        }
        Role::Either => match (space_before, space_after) {
            (true, false) => Role::Open,
            (false, true) => {
                if open_of_family.is_some() {
                    Role::Close
                } else {
                    // A closing-looking mark with nothing open: treat as stray close.
                    Role::Close
                }
            }
            _ => {
                if open_of_family.is_some() {
                    Role::Close
                } else {
                    Role::Open
                }
            }
        },
    }
}

/// Handles quotes still open when a paragraph ends at token `next` (the first token of the next
/// paragraph, or the end).
fn end_paragraph(
    ctx: &Ctx,
    next: usize,
    stack: &mut Vec<Open>,
    carried: &mut Vec<Range<usize>>,
    quotes: &mut Vec<Quoted>,
) {
    let Some(bottom) = stack.first() else {
        if !carried.is_empty() {
            // A continuation paragraph that had no mark at all: close the quote before it.
            quotes.push(Quoted {
                pieces: std::mem::take(carried),
                closed: false,
            });
        }
        return;
    };
    let family = bottom.family;
    let start = bottom.tok;
    let bottom_mark = bottom.mark.clone();
    stack.clear();
    // Trailing whitespace-only tokens do not exist; the piece ends at the paragraph's last token.
    let piece = start..next;
    let continues = next < ctx.len()
        && ctx.kind(next) == newsquotes_document::TokenKind::Quote
        && classify(&mark_at(ctx, next).0).is_some_and(|(f, r)| f == family && r != Role::Close)
        && (mark_at(ctx, next).0 == bottom_mark || family != Family::Double)
        // A mark opened inside a sentence right after a word (`… is “really an amorphous
        // position to have.`) is a fragment whose closing mark was forgotten, not the start of
        // a multi-paragraph quote.
        && !(carried.is_empty()
            && start > ctx.para_range(start).start
            && ctx.is_word(start - 1)
            && !ctx.is_cap(start - 1));
    if family == Family::Single && carried.is_empty() && !continues {
        // An unclosed single mark is more often an apostrophe than a quote.
        return;
    }
    carried.push(piece);
    if !continues {
        quotes.push(Quoted {
            pieces: std::mem::take(carried),
            closed: false,
        });
    }
}
