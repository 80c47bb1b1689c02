//! Character classes shared by the stages.

/// White space, and the invisible format characters that separate nothing visible (zero-width
/// space, direction marks and embeddings, the byte-order mark): pasted text carries them in front
/// of quotation marks and words, where they would otherwise hide a paragraph's first mark. Joiners
/// (U+200C, U+200D, U+2060) stay inside their words.
///
/// ```
/// use newsquotes_document::text::is_space;
/// assert!(is_space(' ') && is_space('\u{202A}') && is_space('\u{FEFF}'));
/// assert!(!is_space('a') && !is_space('\u{200D}'));
/// ```
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        )
}
