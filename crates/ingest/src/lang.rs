//! Language of a text, when the input does not say it.

/// The ISO 639-1 code (or ISO 639-3 when there is none in the table) of the text's language,
/// when the detector is confident. Looks at the first 4 KB.
pub(crate) fn detect_language(text: &str) -> Option<String> {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    if !info.is_reliable() {
        return None;
    }
    let code = info.lang().code();
    const TWO: [(&str, &str); 40] = [
        ("eng", "en"),
        ("fra", "fr"),
        ("deu", "de"),
        ("spa", "es"),
        ("por", "pt"),
        ("ita", "it"),
        ("nld", "nl"),
        ("rus", "ru"),
        ("ukr", "uk"),
        ("pol", "pl"),
        ("jpn", "ja"),
        ("cmn", "zh"),
        ("kor", "ko"),
        ("ara", "ar"),
        ("tur", "tr"),
        ("swe", "sv"),
        ("dan", "da"),
        ("nob", "nb"),
        ("fin", "fi"),
        ("ces", "cs"),
        ("hun", "hu"),
        ("ron", "ro"),
        ("ell", "el"),
        ("heb", "he"),
        ("hin", "hi"),
        ("ind", "id"),
        ("vie", "vi"),
        ("tha", "th"),
        ("bul", "bg"),
        ("hrv", "hr"),
        ("srp", "sr"),
        ("slk", "sk"),
        ("slv", "sl"),
        ("lit", "lt"),
        ("lav", "lv"),
        ("est", "et"),
        ("cat", "ca"),
        ("pes", "fa"),
        ("ben", "bn"),
        ("urd", "ur"),
    ];
    Some(
        TWO.iter()
            .find(|(three, _)| *three == code)
            .map_or(code, |(_, two)| two)
            .to_owned(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn detects_common_languages() {
        let en = "The council said on Friday that the pier would reopen in time for the summer season, after repairs to its timber supports.";
        assert_eq!(super::detect_language(en).as_deref(), Some("en"));
        let fr = "Le conseil municipal a annoncé vendredi que la jetée rouvrirait à temps pour la saison estivale, après la réparation de ses piliers.";
        assert_eq!(super::detect_language(fr).as_deref(), Some("fr"));
        assert_eq!(super::detect_language("12 34"), None);
    }
}
