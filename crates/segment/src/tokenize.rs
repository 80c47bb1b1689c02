//! The tokenizer: Penn-Treebank-style tokens with byte offsets, plus the role each token plays for
//! the sentence splitter.
//!
//! Rules, in the order they are tried at each position of a whitespace-delimited chunk:
//!
//! * **URLs and e-mail addresses** (`https://…`, `www.…`, `name@host.tld`) are one token, without
//!   trailing punctuation or an unbalanced closing bracket.
//! * **Words and numbers**: a run of letters and digits (with combining marks), joined across `-`
//!   and `.` before a letter or digit (`well-known`, `U.S`, `3.5`, `google.com`), across `,`, `:`
//!   and `/` between digits (`20,100`, `10:30`, `1/2`) and across `&` between capitals (`AT&T`).
//!   A run starting with a digit is a number (`1.5bn`).
//! * **Clitics** are split off as their own word tokens: `’s 're 'll 've 'd 'm` and `n’t`
//!   (`Clinton` `’s`, `do` `n’t`, `ca` `n't`). Other inner apostrophes stay (`O’Brien`).
//! * **A period after a word** is part of the word when the word is a title or abbreviation from
//!   `models/segment`, a dotted abbreviation (`U.S.`, `a.m.`, `Ph.D.`) or a capital initial
//!   (`J.`); otherwise it is its own token.
//! * **Apostrophes and single quotes** (`'`, `‘`, `’`): inside a word they are part of it; a
//!   word-final one after `s` is a plural possessive (`soldiers` `’`, a punctuation token) unless a
//!   single quotation is open and no later single quote mark in the paragraph could close it, in
//!   which case it closes the quotation; a word-final one after `in` is a dropped g (`goin’`) when no
//!   single quotation is open; one before exactly two digits (and an optional `s`) is a year
//!   elision (`’90s`, a number token); `’em ’til ’cause ’bout ’tis ’twas ’n’` are words.
//!   Every other one is a quotation mark, opening or closing by the characters around it.
//! * **Quotation marks**: `"` is always a quote token; typographic double quotes, guillemets and
//!   corner brackets too. Direction comes from whether the mark is left-flanking (space or
//!   opening punctuation before, a word after: opening) or right-flanking (closing); otherwise
//!   from the mark's usual direction (`“` opens, `”` closes), otherwise, for `"` and `'`, by
//!   alternation. So German `„…“` closes with `“`.
//! * **Punctuation runs**: `...` (and `…`) is one ellipsis token; runs of `!`/`?` are one token;
//!   runs of one repeated character among `-*=_~#+<>` are one token. `@handle` and `#tag` are
//!   one word; `C$` and `US$` one symbol; `.596` and `+44` one number; a list marker opening a
//!   paragraph keeps its period (`1.`). Everything else is one character per token (symbols,
//!   emoji with their modifiers and joiners, currency signs).

use newsquotes_document::text::is_space;
use newsquotes_document::{Span, Token, TokenKind};

use crate::lexicon::{lexicon, ABBREVIATION, FINAL_ABBREVIATION, MAX_ABBREVIATION_LEN, TITLE};

/// What a token means to the sentence splitter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Nothing special.
    Plain,
    /// A lone full stop.
    Stop,
    /// `..`, `...`, `…` and runs of them.
    Ellipsis,
    /// A run of `!` and `?`.
    Exclaim,
    /// An opening quotation mark.
    OpenQuote,
    /// A closing quotation mark.
    CloseQuote,
    /// `(`, `[`, `{`.
    OpenBracket,
    /// `)`, `]`, `}`.
    CloseBracket,
    /// A title with its period (`Mr.`): never ends a sentence.
    Title,
    /// An abbreviation with its period (`Inc.`, `U.S.`): may end a sentence.
    Abbrev,
    /// A capital initial with its period (`J.`).
    Initial,
    /// An abbreviation that usually ends its sentence (`etc.`).
    FinalAbbrev,
    /// A URL or e-mail address.
    Url,
    /// An emoticon standing alone (`:-)`).
    Emoticon,
    /// A separator line such as `*****` or `=====`.
    Separator,
    /// `>`: closes `<address>`.
    Angle,
}

/// Tokens and their roles, in parallel.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    pub(crate) tokens: Vec<Token>,
    pub(crate) roles: Vec<Role>,
}

impl Tokens {
    fn push(&mut self, start: usize, end: usize, kind: TokenKind, role: Role) {
        debug_assert!(start < end);
        self.tokens.push(Token {
            span: Span::new(start, end),
            kind,
        });
        self.roles.push(role);
    }
}

/// Characters that attach to the character before them: combining marks, variation selectors,
/// emoji skin-tone modifiers, tag characters, zero-width non-joiner, and marks of Indic scripts.
fn is_extender(c: char) -> bool {
    let u = c as u32;
    if u < 0x300 {
        return false;
    }
    matches!(u,
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x05BF
        | 0x05C1..=0x05C2
        | 0x05C4..=0x05C5
        | 0x05C7
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06DC
        | 0x06DF..=0x06E4
        | 0x06E7..=0x06E8
        | 0x06EA..=0x06ED
        | 0x0E31
        | 0x0E34..=0x0E3A
        | 0x0E47..=0x0E4E
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200C
        | 0x20D0..=0x20FF
        | 0x302A..=0x302F
        | 0x3099..=0x309A
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
        | 0x1F3FB..=0x1F3FF
        | 0xE0020..=0xE007F
        | 0xE0100..=0xE01EF)
        || ((0x0900..=0x0DFF).contains(&u)
            && !c.is_alphanumeric()
            && !matches!(u, 0x0964 | 0x0965 | 0x0970 | 0x0DF4))
}

const ZWJ: char = '\u{200D}';

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Apostrophe-like characters that may sit inside a word (`don't`, `O’Brien`).
fn is_inner_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‛' | '´' | '＇')
}

/// Characters that are always quotation marks, with their fixed direction where they have one.
fn double_quote(c: char) -> Option<Option<bool>> {
    // Some(Some(true)) = usually opening, Some(Some(false)) = usually closing, Some(None) = by
    // context only.
    match c {
        '“' | '„' | '‟' | '«' | '‹' | '「' | '『' | '〝' => Some(Some(true)),
        '”' | '»' | '›' | '」' | '』' | '〞' | '〟' => Some(Some(false)),
        '"' | '＂' => Some(None),
        _ => None,
    }
}

fn is_any_quote(c: char) -> bool {
    double_quote(c).is_some() || matches!(c, '\'' | '‘' | '’' | '‚' | '‛' | '`' | '＇')
}

fn is_opening_context(c: char) -> bool {
    is_space(c)
        || matches!(
            c,
            '(' | '[' | '{' | '<' | '—' | '–' | '-' | '/' | '“' | '‘' | '«' | '„' | '‚'
        )
}

fn is_closing_context(c: char) -> bool {
    is_space(c)
        || matches!(
            c,
            '.' | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | ')'
                | ']'
                | '}'
                | '>'
                | '—'
                | '–'
                | '-'
                | '/'
                | '…'
                | '”'
                | '’'
                | '»'
        )
}

/// Emoticons recognised as single tokens when they stand alone.
const EMOTICONS: &[&str] = &[
    ":)", ":-)", ":(", ":-(", ":D", ":-D", ":P", ":-P", ":p", ":-p", ":/", ":-/", ":O", ":o", ":|",
    ":'(", ";)", ";-)", ";D", ";P", "=)", "=(", "=D", ":))", ":((", ":]", ":[", ";]",
];

/// Elided words written with a leading apostrophe.
const ELISIONS: &[&str] = &["em", "til", "cause", "bout", "tis", "twas", "n"];

/// Clitics split off a word after an apostrophe (lowercase; `t` means `n't`).
const CLITICS: &[&str] = &["s", "re", "ll", "ve", "d", "m", "t"];

/// Splits one paragraph into tokens.
pub(crate) struct Tokenizer<'t, 'o> {
    text: &'t str,
    end: usize,
    out: &'o mut Tokens,
    para_start: usize,
    para_end: usize,
    single_open: bool,
    double_open: bool,
    /// Byte position of the last apostrophe-like mark in the paragraph (for possessives).
    last_apostrophe: usize,
}

impl<'t, 'o> Tokenizer<'t, 'o> {
    /// Tokenizes `text[para]`, appending to `out`.
    pub(crate) fn run(text: &'t str, para: Span, out: &'o mut Tokens) {
        let last_apostrophe = text[para.range()]
            .rfind(['’', '\''])
            .map_or(0, |p| para.start + p);
        let mut t = Tokenizer {
            text,
            end: para.end,
            para_start: para.start,
            para_end: para.end,
            out,
            single_open: false,
            double_open: false,
            last_apostrophe,
        };
        t.paragraph(para.start);
    }

    #[inline]
    fn char_at(&self, i: usize) -> Option<char> {
        if i >= self.end {
            return None;
        }
        let b = self.text.as_bytes()[i];
        if b < 0x80 {
            Some(b as char)
        } else {
            self.text[i..].chars().next()
        }
    }

    /// The character at byte `i` of the paragraph, ignoring the current chunk's end.
    #[inline]
    fn char_in_para(&self, i: usize) -> Option<char> {
        if i >= self.para_end {
            None
        } else {
            self.text[i..].chars().next()
        }
    }

    /// The character before byte `i`, anywhere in the text.
    #[inline]
    fn char_before(&self, i: usize) -> Option<char> {
        if i == 0 {
            return None;
        }
        let b = self.text.as_bytes()[i - 1];
        if b < 0x80 {
            Some(b as char)
        } else {
            self.text[..i].chars().next_back()
        }
    }

    fn paragraph(&mut self, start: usize) {
        let bytes = self.text.as_bytes();
        let mut i = start;
        while i < self.end {
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_whitespace() || b == 0x0B {
                    i += 1;
                    continue;
                }
            } else if let Some(c) = self.char_at(i) {
                if is_space(c) {
                    i += c.len_utf8();
                    continue;
                }
            }
            let chunk_end = self.chunk_end(i);
            self.chunk(i, chunk_end);
            i = chunk_end;
        }
    }

    fn chunk_end(&self, mut i: usize) -> usize {
        let bytes = self.text.as_bytes();
        while i < self.end {
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_whitespace() || b == 0x0B {
                    break;
                }
                i += 1;
            } else {
                let c = self.char_at(i).unwrap_or('\0');
                if is_space(c) {
                    break;
                }
                i += c.len_utf8();
            }
        }
        i
    }

    /// Tokenizes the non-space chunk `[a, b)`.
    fn chunk(&mut self, a: usize, b: usize) {
        if let Some((url_start, url_end)) = self.find_url(a, b) {
            let saved = self.end;
            self.end = url_start;
            self.pieces(a, url_start);
            self.end = saved;
            self.out.push(url_start, url_end, TokenKind::Url, Role::Url);
            let saved = self.end;
            self.end = b;
            self.pieces(url_end, b);
            self.end = saved;
        } else {
            let saved = self.end;
            self.end = b;
            self.pieces(a, b);
            self.end = saved;
        }
    }

    /// Finds a URL or e-mail address in the chunk: after leading punctuation, starting with a
    /// scheme or `www.`, or containing `@` between word characters with a dot after it.
    fn find_url(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        let s = &self.text[a..b];
        if s.len() < 5 {
            return None;
        }
        let bytes = s.as_bytes();
        let lead = s.find(is_alnum)?;
        let rest = &bytes[lead..];
        let starts = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
        let is_url = starts(b"http://")
            || starts(b"https://")
            || starts(b"ftp://")
            || starts(b"www.")
            || starts(b"mailto:");
        let is_email = !is_url && {
            match rest.iter().position(|&c| c == b'@') {
                Some(at) if at > 0 => {
                    let local_ok = rest[..at]
                        .iter()
                        .all(|&c| c.is_ascii_alphanumeric() || b"._%+-".contains(&c));
                    let domain = &rest[at + 1..];
                    let dot = domain.iter().position(|&c| c == b'.');
                    local_ok
                        && domain.first().is_some_and(u8::is_ascii_alphanumeric)
                        && dot.is_some_and(|d| {
                            domain.get(d + 1).is_some_and(u8::is_ascii_alphanumeric)
                        })
                }
                _ => false,
            }
        };
        if !is_url && !is_email {
            return None;
        }
        let start = a + lead;
        // Trim trailing punctuation and unbalanced closing brackets.
        let body = &self.text[start..b];
        let count = |c: u8| body.bytes().filter(|&x| x == c).count();
        let (open_paren, open_square) = (count(b'('), count(b'['));
        let (mut close_paren, mut close_square) = (count(b')'), count(b']'));
        let mut end = b;
        while let Some(c) = self.text[start..end].chars().next_back() {
            let strip = match c {
                '.' | ',' | ';' | ':' | '!' | '?' | '*' | '>' | '}' => true,
                ')' if close_paren > open_paren => {
                    close_paren -= 1;
                    true
                }
                ']' if close_square > open_square => {
                    close_square -= 1;
                    true
                }
                c => is_any_quote(c),
            };
            if !strip {
                break;
            }
            end -= c.len_utf8();
        }
        (end > start + 3).then_some((start, end))
    }

    /// Extends `i` over characters that attach to the previous one.
    #[inline]
    fn extend(&self, mut i: usize) -> usize {
        while let Some(c) = self.char_at(i) {
            if c == ZWJ {
                i += c.len_utf8();
                if let Some(n) = self.char_at(i) {
                    if !is_space(n) {
                        i += n.len_utf8();
                    }
                }
            } else if is_extender(c) {
                i += c.len_utf8();
            } else {
                break;
            }
        }
        i
    }

    /// Tokenizes `[a, b)` (part of one chunk, no URL inside).
    fn pieces(&mut self, a: usize, b: usize) {
        let mut i = a;
        while i < b {
            let Some(c) = self.char_at(i) else { break };
            i = if is_alnum(c) {
                self.word(i)
            } else {
                self.punct(i, c)
            };
        }
    }

    /// Punctuation, symbols and quotes at `i`; returns the end.
    fn punct(&mut self, i: usize, c: char) -> usize {
        let len = c.len_utf8();
        match c {
            '@' | '#'
                if self
                    .char_at(i + 1)
                    .is_some_and(|d| d.is_ascii_alphabetic() || d == '_')
                    && self.char_before(i).is_none_or(is_opening_context) =>
            {
                // Handles and hashtags: "@newsdesk", "#strike".
                let mut j = i + 1;
                while self
                    .char_at(j)
                    .is_some_and(|d| d.is_ascii_alphanumeric() || d == '_')
                {
                    j += 1;
                }
                self.out.push(i, j, TokenKind::Word, Role::Plain);
                j
            }
            '.' | '+'
                if self.char_at(i + 1).is_some_and(|d| d.is_ascii_digit())
                    && self.char_before(i).is_none_or(is_opening_context) =>
            {
                // A leading decimal point or plus sign: ".596", "+44".
                let n = self.out.tokens.len();
                let end = self.word(i + 1);
                if let Some(t) = self.out.tokens.get_mut(n) {
                    t.span.start = i;
                    t.kind = TokenKind::Number;
                }
                end
            }
            '.' => {
                let mut j = i + 1;
                while self.char_at(j) == Some('.') {
                    j += 1;
                }
                let role = if j - i == 1 {
                    Role::Stop
                } else {
                    Role::Ellipsis
                };
                self.out.push(i, j, TokenKind::Punct, role);
                j
            }
            '…' => {
                let mut j = i + len;
                while let Some(d @ ('…' | '.')) = self.char_at(j) {
                    j += d.len_utf8();
                }
                self.out.push(i, j, TokenKind::Punct, Role::Ellipsis);
                j
            }
            '!' | '?' | '‽' | '？' | '！' => {
                let mut j = i + len;
                while let Some(d @ ('!' | '?' | '‽' | '？' | '！')) = self.char_at(j) {
                    j += d.len_utf8();
                }
                self.out.push(i, j, TokenKind::Punct, Role::Exclaim);
                j
            }
            '。' | '．' => {
                self.out.push(i, i + len, TokenKind::Punct, Role::Stop);
                i + len
            }
            '(' | '[' | '{' => {
                self.out.push(i, i + 1, TokenKind::Punct, Role::OpenBracket);
                i + 1
            }
            ')' | ']' | '}' => {
                self.out
                    .push(i, i + 1, TokenKind::Punct, Role::CloseBracket);
                i + 1
            }
            ';' | '=' if self.emoticon(i).is_some() => {
                let end = self.emoticon(i).unwrap_or(i + 1);
                self.out.push(i, end, TokenKind::Symbol, Role::Emoticon);
                end
            }
            '-' | '*' | '=' | '_' | '~' | '#' | '+' | '<' | '>' => {
                let mut j = i + 1;
                while self.char_at(j) == Some(c) {
                    j += 1;
                }
                let standalone = self.char_before(i).is_none_or(is_space)
                    && self.char_in_para(j).is_none_or(is_space);
                let role = if standalone && (j - i >= 5 || j - i >= 3 && "*=_~#".contains(c)) {
                    Role::Separator
                } else if c == '>' {
                    Role::Angle
                } else {
                    Role::Plain
                };
                self.out.push(i, j, TokenKind::Punct, role);
                j
            }
            '\'' | '‘' | '’' | '‛' | '`' | '‚' | '＇' => self.apostrophe(i, c),
            ':' => {
                if let Some(end) = self.emoticon(i) {
                    self.out.push(i, end, TokenKind::Symbol, Role::Emoticon);
                    return end;
                }
                self.out.push(i, i + 1, TokenKind::Punct, Role::Plain);
                i + 1
            }
            _ => {
                if let Some(dir) = double_quote(c) {
                    // Marks with a usual direction keep it unless they are clearly flanking
                    // the other way (German „…“ closes with “).
                    let open = match dir {
                        Some(d) => self.flanking(i, len, !d),
                        None => self.flanking(i, len, self.double_open),
                    };
                    self.double_open = open;
                    let role = if open {
                        Role::OpenQuote
                    } else {
                        Role::CloseQuote
                    };
                    self.out.push(i, i + len, TokenKind::Quote, role);
                    return i + len;
                }
                let mut j = i + len;
                if is_regional_indicator(c) {
                    if let Some(n) = self.char_at(j).filter(|&n| is_regional_indicator(n)) {
                        j += n.len_utf8();
                    }
                }
                let j = self.extend(j);
                let kind = if c.is_ascii_punctuation() || is_general_punctuation(c) {
                    TokenKind::Punct
                } else {
                    TokenKind::Symbol
                };
                self.out.push(i, j, kind, Role::Plain);
                j
            }
        }
    }

    /// An emoticon filling the rest of the chunk from `i`, if it starts the chunk: its end.
    fn emoticon(&self, i: usize) -> Option<usize> {
        if !self.char_before(i).is_none_or(is_space) {
            return None;
        }
        let rest = &self.text[i..self.end];
        EMOTICONS.contains(&rest).then_some(self.end)
    }

    /// Opening (true) or closing (false) for a mark of `len` bytes at `i` without a fixed
    /// direction: left-flanking opens, right-flanking closes, otherwise the opposite of `open`.
    fn flanking(&self, i: usize, len: usize, open: bool) -> bool {
        let before = self.char_before(i).is_none_or(is_opening_context);
        let after = self
            .char_in_para(i + len)
            .is_none_or(|c| is_closing_context(c) || is_any_quote(c));
        match (before, after) {
            (true, false) => true,
            (false, true) => false,
            _ => !open,
        }
    }

    /// An apostrophe or single quote not preceded by a word character in this chunk.
    fn apostrophe(&mut self, i: usize, c: char) -> usize {
        let len = c.len_utf8();
        let j = i + len;
        if c != '`' && c != '‚' {
            // Year elision: ’90s, '08.
            if self.char_at(j).is_some_and(|d| d.is_ascii_digit())
                && self.char_at(j + 1).is_some_and(|d| d.is_ascii_digit())
            {
                let mut k = j + 2;
                if self.char_at(k) == Some('s') {
                    k += 1;
                }
                if !self.char_at(k).is_some_and(is_alnum) {
                    self.out.push(i, k, TokenKind::Number, Role::Plain);
                    return k;
                }
            }
            // Elided words: ’em, ’til, ’n’.
            let mut k = j;
            while let Some(d) = self.char_at(k).filter(|d| d.is_ascii_alphabetic()) {
                k += d.len_utf8();
                if k - j > 5 {
                    break;
                }
            }
            if k > j && !self.char_at(k).is_some_and(is_alnum) {
                let word = &self.text[j..k];
                if ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(word)) {
                    let mut end = k;
                    if word.eq_ignore_ascii_case("n") {
                        match self.char_at(k) {
                            Some(q @ ('\'' | '’')) => end += q.len_utf8(),
                            _ => return self.quote(i, c),
                        }
                    }
                    self.out.push(i, end, TokenKind::Word, Role::Plain);
                    return end;
                }
            }
        }
        self.quote(i, c)
    }

    /// A single quotation mark at `i`.
    fn quote(&mut self, i: usize, c: char) -> usize {
        let len = c.len_utf8();
        let open = match c {
            '‚' | '`' => true,
            '‘' => self.flanking(i, len, false),
            '’' => self.flanking(i, len, true),
            _ => self.flanking(i, len, self.single_open),
        };
        self.single_open = open;
        let role = if open {
            Role::OpenQuote
        } else {
            Role::CloseQuote
        };
        self.out.push(i, i + len, TokenKind::Quote, role);
        i + len
    }

    /// A word or number starting at `i`; returns its end.
    fn word(&mut self, start: usize) -> usize {
        let first = self.char_at(start).unwrap_or('a');
        let numeric = first.is_numeric();
        let mut j = self.extend(start + first.len_utf8());
        let mut prev = first;
        let mut seg_len = 1usize; // characters in the current dot-separated segment
        let mut max_seg = 1usize;
        let mut has_dot = false;
        let mut all_alpha = first.is_alphabetic();
        let mut seg_digits = first.is_numeric();
        let bytes = self.text.as_bytes();
        while let Some(d) = self.char_at(j) {
            // Fast path for ASCII letters and digits.
            if d.is_ascii_alphanumeric() {
                let b = bytes[j];
                all_alpha &= b.is_ascii_alphabetic();
                seg_digits &= b.is_ascii_digit();
                seg_len += 1;
                max_seg = max_seg.max(seg_len);
                prev = d;
                j += 1;
                if bytes.get(j).is_some_and(|&n| n >= 0x80) {
                    j = self.extend(j);
                }
                continue;
            }
            if is_alnum(d) {
                all_alpha &= d.is_alphabetic();
                seg_digits &= d.is_numeric();
                seg_len += 1;
                max_seg = max_seg.max(seg_len);
                prev = d;
                j = self.extend(j + d.len_utf8());
                continue;
            }
            let dl = d.len_utf8();
            let next = self.char_at(j + dl);
            let next_alnum = next.is_some_and(is_alnum);
            match d {
                '-' | '‐' | '‑' if next_alnum => {
                    // The abbreviation shape is judged after the last hyphen: "aid-U.N.".
                    all_alpha = true;
                    has_dot = false;
                    max_seg = 0;
                    seg_len = 0;
                    seg_digits = true;
                    j += dl;
                }
                '.' if next_alnum => {
                    let n = next.unwrap_or('a');
                    if seg_digits && !n.is_numeric() {
                        break;
                    }
                    if n.is_uppercase() && seg_len >= 3 && prev.is_lowercase() {
                        break; // "end.Next": a missing space
                    }
                    has_dot = true;
                    seg_len = 0;
                    seg_digits = true;
                    j += 1;
                }
                ',' | ':' | '/'
                    if prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()) =>
                {
                    all_alpha = false;
                    j += 1;
                }
                '*' if prev.is_alphabetic() => {
                    // Censored words: "f***", "s**t".
                    let mut k = j + 1;
                    while self.char_at(k) == Some('*') {
                        k += 1;
                    }
                    let after = self.char_at(k);
                    let short = j - start <= 2 && k - j >= 2;
                    let inner = after.is_some_and(char::is_alphabetic);
                    if !(inner || short && !after.is_some_and(is_alnum)) {
                        break;
                    }
                    all_alpha = false;
                    j = k;
                }
                '$' if j - start <= 3
                    && self.text[start..j].bytes().all(|b| b.is_ascii_uppercase())
                    && !next.is_some_and(char::is_alphabetic) =>
                {
                    // Currency prefixes: "C$", "US$".
                    self.out.push(start, j + 1, TokenKind::Symbol, Role::Plain);
                    return j + 1;
                }
                '&' if prev.is_uppercase() && next.is_some_and(char::is_uppercase) => {
                    j += 1;
                }
                _ if is_inner_apostrophe(d) => {
                    if next_alnum {
                        if let Some(clitic_end) = self.clitic(j, dl) {
                            let clitic = &self.text[j + dl..clitic_end];
                            let mut split = j;
                            if clitic.eq_ignore_ascii_case("t") {
                                if matches!(prev, 'n' | 'N') && j - 1 > start {
                                    split = j - 1;
                                } else {
                                    // A lone 't is not a clitic: keep the apostrophe inside.
                                    j = clitic_end;
                                    continue;
                                }
                            }
                            self.push_word(start, split, numeric);
                            self.out
                                .push(split, clitic_end, TokenKind::Word, Role::Plain);
                            return clitic_end;
                        }
                        all_alpha = false;
                        j += dl;
                        continue;
                    }
                    // Word-final apostrophe.
                    if matches!(prev, 's' | 'S') {
                        let after = self.char_in_para(j + dl);
                        // `clicks''`: two apostrophes typed as a closing double mark.
                        if after == Some('\'') && self.text[j..].starts_with('\'') {
                            break;
                        }
                        let closes = self.single_open
                            && (!after.is_some_and(is_space) || self.last_apostrophe <= j);
                        if closes {
                            break;
                        }
                        self.push_word(start, j, numeric);
                        self.out.push(j, j + dl, TokenKind::Punct, Role::Plain);
                        return j + dl;
                    }
                    if !self.single_open && self.text[start..j].ends_with("in") {
                        j += dl; // goin’
                        self.push_word(start, j, numeric);
                        return j;
                    }
                    break;
                }
                _ => break,
            }
        }
        // A period after the word: keep it when the word is an abbreviation.
        if self.char_at(j) == Some('.') && self.char_at(j + 1) != Some('.') {
            let word = &self.text[start..j];
            let role = if has_dot {
                (all_alpha && max_seg <= 2).then(|| self.classify(word).unwrap_or(Role::Abbrev))
            } else if numeric {
                // A list marker opening the paragraph keeps its period: "1." "12.".
                let marker = start == self.para_start
                    && j - start <= 3
                    && self.char_in_para(j + 1).is_some_and(is_space)
                    && self.text[start..j].bytes().all(|b| b.is_ascii_digit());
                marker.then_some(Role::Title)
            } else if word.len() > MAX_ABBREVIATION_LEN {
                None
            } else {
                self.classify(word).or_else(|| {
                    let mut cs = word.chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) if c.is_uppercase() => Some(Role::Initial),
                        _ => None,
                    }
                })
            };
            if let Some(role) = role {
                self.out.push(start, j + 1, TokenKind::Word, role);
                return j + 1;
            }
        }
        self.push_word(start, j, numeric);
        j
    }

    fn classify(&self, word: &str) -> Option<Role> {
        let bits = lexicon().classes(word);
        if bits & FINAL_ABBREVIATION != 0 {
            Some(Role::FinalAbbrev)
        } else if bits & TITLE != 0 {
            Some(Role::Title)
        } else if bits & ABBREVIATION != 0 {
            Some(Role::Abbrev)
        } else {
            None
        }
    }

    fn push_word(&mut self, start: usize, end: usize, numeric: bool) {
        if end > start {
            let kind = if numeric {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            self.out.push(start, end, kind, Role::Plain);
        }
    }

    /// If the apostrophe at `j` (of `len` bytes) starts a clitic, the clitic's end.
    fn clitic(&self, j: usize, len: usize) -> Option<usize> {
        let s = j + len;
        let mut k = s;
        while let Some(c) = self.char_at(k).filter(char::is_ascii_alphabetic) {
            k += c.len_utf8();
            if k - s > 2 {
                return None;
            }
        }
        if self.char_at(k).is_some_and(is_alnum) || is_extender_at(self, k) {
            return None;
        }
        let word = &self.text[s..k];
        CLITICS
            .iter()
            .any(|c| c.eq_ignore_ascii_case(word))
            .then_some(k)
    }
}

fn is_extender_at(t: &Tokenizer<'_, '_>, k: usize) -> bool {
    t.char_at(k).is_some_and(is_extender)
}

/// `char::is_alphanumeric` with fast answers for ASCII and for the punctuation blocks (curly
/// quotes, dashes, CJK punctuation), which the Unicode tables answer slowly.
#[inline]
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x3003 | 0x3008..=0x3020) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// Non-ASCII punctuation in the General Punctuation block and a few common others.
fn is_general_punctuation(c: char) -> bool {
    matches!(c as u32, 0x2010..=0x2027 | 0x2030..=0x205E | 0x00A1 | 0x00A7 | 0x00B6 | 0x00B7 | 0x00BF | 0x3001..=0x3003 | 0xFF01..=0xFF0F)
}
