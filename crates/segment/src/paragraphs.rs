//! Paragraphs: every non-blank line, trimmed.

use newsquotes_document::Span;

/// True for the characters that end a line: `\n`, `\r` (alone or in `\r\n`), vertical tab, form
/// feed, next line (U+0085), line separator (U+2028) and paragraph separator (U+2029).
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Paragraph spans of `text`, following the scraped-text convention: every non-blank line is a
/// paragraph (a single line break ends a paragraph), with surrounding whitespace trimmed.
/// Lines end at `\n`, `\r\n`, a lone `\r` and the Unicode line and paragraph separators.
///
/// ```
/// use newsquotes_segment::paragraphs;
///
/// let text = "Headline\r\n\r\n  First paragraph.  \rSecond.\n";
/// let spans = paragraphs(text);
/// let lines: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
/// assert_eq!(lines, ["Headline", "First paragraph.", "Second."]);
/// ```
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut line_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (is_break, len) = if b < 0x80 {
            (matches!(b, b'\n' | b'\r' | 0x0B | 0x0C), 1)
        } else if b >= 0xC0 {
            // A multi-byte character starts here; only decode the rare candidates.
            let c = text[i..].chars().next().unwrap_or('\0');
            (is_line_break(c), c.len_utf8())
        } else {
            (false, 1)
        };
        if is_break {
            push_trimmed(text, line_start, i, &mut out);
            line_start = i + len;
        }
        i += len;
    }
    push_trimmed(text, line_start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let line = &text[start..end];
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let trimmed = trimmed.trim_end();
    if !trimmed.is_empty() {
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        paragraphs(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn every_non_blank_line_is_a_paragraph() {
        assert_eq!(lines("One.\nTwo.\n\n\nThree."), ["One.", "Two.", "Three."]);
        assert_eq!(lines("a\r\nb\rc\n\rd"), ["a", "b", "c", "d"]);
        assert_eq!(lines("  \t\n \u{a0}\n"), Vec::<&str>::new());
        assert_eq!(lines(""), Vec::<&str>::new());
        assert_eq!(lines("x\u{2028}y\u{2029}z\u{85}w"), ["x", "y", "z", "w"]);
        assert_eq!(lines("\u{3000}full width\u{3000}"), ["full width"]);
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "é\r\n  ü  ";
        let spans = paragraphs(text);
        assert_eq!(spans, [Span::new(0, 2), Span::new(6, 8)]);
    }
}
