//! Bytes to text: byte-order mark, then the charset an HTML page declares, then detection.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Decoded text and how it was decoded.
pub(crate) struct Decoded {
    /// The text (invalid sequences replaced by U+FFFD).
    pub text: String,
    /// The encoding's WHATWG name ("UTF-8", "windows-1252").
    pub encoding: &'static str,
    /// Non-fatal notes (replaced bytes, ignored declarations).
    pub warnings: Vec<String>,
}

/// Why bytes are not text.
pub(crate) enum NotText {
    /// Only whitespace.
    Empty,
    /// Binary content, with the reason.
    Binary(String),
}

/// Decodes `bytes`. With `html`, a `<meta charset>` or `http-equiv` declaration in the first
/// 4 KB is honoured (after a BOM, before detection).
pub(crate) fn decode(bytes: &[u8], html: bool) -> Result<Decoded, NotText> {
    let mut warnings = Vec::new();
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..]),
        None => {
            check_binary(bytes)?;
            let declared = if html { declared_charset(bytes) } else { None };
            let enc = match declared {
                // A page served as UTF-8 by mistake-free tools but declaring a legacy charset is
                // common; valid non-ASCII UTF-8 is nearly never legacy text.
                Some(enc) if enc != UTF_8 && is_utf8_non_ascii(bytes) => {
                    warnings.push(format!(
                        "the page declares {} but is valid UTF-8; decoded as UTF-8",
                        enc.name()
                    ));
                    UTF_8
                }
                // UTF-16 cannot be declared in-band (the declaration itself would be UTF-16).
                Some(enc) if enc == UTF_16LE || enc == UTF_16BE => UTF_8,
                Some(enc) => enc.output_encoding(),
                None if mostly_utf8(bytes) => UTF_8,
                None => {
                    let mut det = chardetng::EncodingDetector::new();
                    det.feed(bytes, true);
                    let enc = det.guess(None, true);
                    if enc != UTF_8 {
                        warnings.push(format!("encoding detected as {}", enc.name()));
                    }
                    enc
                }
            };
            (enc, bytes)
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    if had_errors {
        let n = text.matches('\u{FFFD}').count();
        warnings.push(format!(
            "{n} invalid {} byte sequence(s) were replaced with U+FFFD",
            encoding.name()
        ));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        warnings,
    })
}

/// Valid UTF-8, or UTF-8 with a few bad bytes: at least as many valid multi-byte characters as
/// invalid sequences (legacy 8-bit text has no valid multi-byte characters, or very few).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    invalid == 0 || valid >= invalid
}

fn is_utf8_non_ascii(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// Refuses bytes that are not text: NUL bytes, or many control characters, in the first 8 KB.
fn check_binary(bytes: &[u8]) -> Result<(), NotText> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.iter().all(u8::is_ascii_whitespace) && bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(NotText::Empty);
    }
    if let Some(pos) = head.iter().position(|&b| b == 0) {
        return Err(NotText::Binary(format!("NUL byte at offset {pos}")));
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    if controls * 10 > head.len() {
        return Err(NotText::Binary(format!(
            "{controls} control bytes in the first {} bytes",
            head.len()
        )));
    }
    Ok(())
}

/// The encoding declared by `<meta charset=...>` or `<meta http-equiv="Content-Type"
/// content="...; charset=...">` in the first 4 KB (a simplified WHATWG prescan).
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"<meta") {
        let start = from + i;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let label_end = rest
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..label_end]) {
                    return Some(enc);
                }
            }
        }
        from = end;
    }
    None
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("café".as_bytes());
        let d = decode(&b, false).ok().unwrap();
        assert_eq!(d.text, "café");
        assert_eq!(d.encoding, "UTF-8");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hé said.".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let d = decode(&utf16, false).ok().unwrap();
        assert_eq!(d.text, "Hé said.");
        assert_eq!(d.encoding, "UTF-16LE");
    }

    #[test]
    fn meta_charset_then_detection() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>caf\xe9</p></body></html>";
        let d = decode(page, true).ok().unwrap();
        assert!(d.text.contains("café"));
        assert_eq!(d.encoding, "windows-1252");
        let page = b"<meta charset='koi8-r'><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>";
        let d = decode(page, true).ok().unwrap();
        assert!(d.text.contains("Привет"), "{}", d.text);
        // Undeclared legacy text is detected.
        let latin = "Le ministre a déclaré que la réforme était nécessaire et qu'elle serait adoptée à l'été."
            .chars()
            .map(|c| c as u32 as u8)
            .collect::<Vec<u8>>();
        let d = decode(&latin, false).ok().unwrap();
        assert!(d.text.contains("déclaré"));
    }

    #[test]
    fn invalid_bytes_are_replaced_with_a_warning() {
        // Legacy bytes with no valid UTF-8 sequence: detected as a legacy encoding.
        let d = decode(b"He said \xff\xfe hi.\xc3", false).ok().unwrap();
        assert_ne!(d.encoding, "UTF-8");
        let mut b = "He said \u{201c}hi\u{201d} ".as_bytes().to_vec();
        b.extend_from_slice(b"\xff.");
        let d = decode(&b, false).ok().unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.ends_with("\u{201d} \u{FFFD}."), "{}", d.text);
        let d = decode(b"\xef\xbb\xbfHe said \xff hi.", false).ok().unwrap();
        assert_eq!(d.text, "He said \u{FFFD} hi.");
        assert!(d.warnings[0].contains("replaced"), "{:?}", d.warnings);
    }

    #[test]
    fn binary_and_empty() {
        assert!(matches!(decode(b" \n\t ", false), Err(NotText::Empty)));
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00", false),
            Err(NotText::Binary(_))
        ));
        let ctrl: Vec<u8> = (0..200u8).map(|i| i % 20 + 1).collect();
        assert!(matches!(decode(&ctrl, false), Err(NotText::Binary(_))));
        assert!(decode("line\r\nline\r\n".as_bytes(), false).is_ok());
    }
}
