//! HTML pages: the main article text (paragraphs separated by a blank line) and metadata.

use std::fmt;
use std::str::FromStr;

use ego_tree::NodeRef;
use scraper::{Html, Node};

use crate::meta;
use newsquotes_document::Metadata;

/// Which main-content extractor reads HTML pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum HtmlExtractor {
    /// The `trafilatura` crate (a port of go-trafilatura: selector rules, paragraph scoring,
    /// readability and jusText fallbacks).
    Trafilatura,
    /// The `dom_smoothie` crate (a port of Mozilla readability.js).
    DomSmoothie,
    /// Both, reconciled paragraph by paragraph (the best on the article benchmark).
    #[default]
    Combined,
}

impl HtmlExtractor {
    /// Every extractor, in the order of [`HtmlExtractor::name`]s.
    pub const ALL: [HtmlExtractor; 3] = [
        HtmlExtractor::Trafilatura,
        HtmlExtractor::DomSmoothie,
        HtmlExtractor::Combined,
    ];

    /// The extractor's name, as accepted by [`HtmlExtractor::from_str`].
    pub const fn name(self) -> &'static str {
        match self {
            HtmlExtractor::Trafilatura => "trafilatura",
            HtmlExtractor::DomSmoothie => "dom_smoothie",
            HtmlExtractor::Combined => "combined",
        }
    }
}

impl fmt::Display for HtmlExtractor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for HtmlExtractor {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().replace('-', "_").as_str() {
            "trafilatura" => Ok(HtmlExtractor::Trafilatura),
            "dom_smoothie" | "domsmoothie" | "readability" => Ok(HtmlExtractor::DomSmoothie),
            "combined" | "best" => Ok(HtmlExtractor::Combined),
            _ => Err(format!(
                "unknown HTML extractor `{s}` (expected trafilatura, dom_smoothie or combined)"
            )),
        }
    }
}

/// The result of reading an HTML page.
#[derive(Debug, Clone, Default)]
pub struct HtmlArticle {
    /// The article text: paragraphs separated by a blank line, whitespace inside a paragraph
    /// collapsed. Empty when no article text was found.
    pub text: String,
    /// Title, authors, date, publisher and language found in the page.
    pub metadata: Metadata,
    /// The page's canonical address (`<link rel="canonical">` or `og:url`), when it states one.
    pub url: Option<String>,
    /// Problems met (an extractor that panicked gives no text and a warning here).
    pub warnings: Vec<String>,
}

/// Extracts the main article text and metadata of an HTML page.
///
/// ```
/// use newsquotes_ingest::{extract_html, HtmlExtractor};
///
/// let page = "<html lang=en><head><title>Strike ends | The Harbour Post</title>\
///   <meta property='article:published_time' content='2024-03-05T09:30:00Z'></head><body>\
///   <nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Strike ends</h1>\
///   <p>“We are going back to work on Monday,” said the union leader, Grace Adeyemi, after a\
///   night of talks at the harbour office that ended with a signed agreement on pay.</p>\
///   <p>The port authority said the deal would cost less than a week of lost trade and that \
///   ships waiting outside the harbour would be unloaded first.</p></article>\
///   <footer>© The Harbour Post</footer></body></html>";
/// let article = extract_html(page, HtmlExtractor::default());
/// assert!(article.text.contains("going back to work"));
/// assert!(article.text.contains("\n\nThe port authority"));
/// assert!(!article.text.contains("Home"));
/// assert_eq!(article.metadata.published.as_deref(), Some("2024-03-05T09:30:00Z"));
/// assert_eq!(article.metadata.language.as_deref(), Some("en"));
/// ```
pub fn extract_html(html: &str, extractor: HtmlExtractor) -> HtmlArticle {
    extract_html_checked(html, extractor)
}

/// [`extract_html`], containing panics of the third-party extractors: a failing extractor gives
/// no text and a warning.
pub(crate) fn extract_html_checked(html: &str, extractor: HtmlExtractor) -> HtmlArticle {
    let mut warnings = Vec::new();
    let paragraphs = guarded(&mut warnings, extractor.name(), || match extractor {
        HtmlExtractor::Trafilatura => trafilatura_paragraphs(html),
        HtmlExtractor::DomSmoothie => smoothie_paragraphs(html),
        HtmlExtractor::Combined => combine(html),
    });
    let (metadata, url) = guarded(&mut warnings, "metadata", || meta::html_metadata(html));
    HtmlArticle {
        text: paragraphs.join("\n\n"),
        metadata,
        url,
        warnings,
    }
}

/// The deepest element nesting accepted (real pages stay well under 100).
pub(crate) const MAX_NESTING: usize = 1000;

/// A linear textual scan of the open-element depth: `Some(depth)` as soon as it exceeds `limit`.
/// Void elements, self-closing tags and elements whose end tag is optional (`p`, `li`, `td`...)
/// do not count, comments and `<!...>`/`<?...>` are skipped, so tag soup is not over-counted.
pub(crate) fn nesting_depth_over(html: &str, limit: usize) -> Option<usize> {
    const NOT_NESTING: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "tbody", "thead",
        "tfoot", "colgroup", "rt", "rp", "optgroup", "param", "keygen",
    ];
    let b = html.as_bytes();
    let mut depth: usize = 0;
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            match html[i..].find("-->") {
                Some(e) => i += e + 3,
                None => break,
            }
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let name_len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..start + name_len].to_ascii_lowercase();
        if NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        let end = b[start..]
            .iter()
            .position(|&c| c == b'>')
            .map(|e| start + e);
        if closing {
            depth = depth.saturating_sub(1);
        } else if end.is_some_and(|e| e > 0 && b[e - 1] == b'/') {
            // Self-closing.
        } else {
            depth += 1;
            if depth > limit {
                return Some(depth);
            }
        }
        if let Some(e) = end {
            i = e + 1;
        }
    }
    None
}

fn guarded<T: Default>(warnings: &mut Vec<String>, what: &str, f: impl FnOnce() -> T) -> T {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(v) => v,
        Err(_) => {
            warnings.push(format!("the {what} extractor failed on this page"));
            T::default()
        }
    }
}

fn trafilatura_paragraphs(html: &str) -> Vec<String> {
    // Precision focus with the readability/baseline fallback measured best on the article
    // benchmark (see the crate README).
    let opts = trafilatura::Options::default()
        .with_exclude_comments(true)
        .with_fallback(true)
        .with_focus(trafilatura::ExtractionFocus::FavorPrecision);
    match trafilatura::extract(html, &opts) {
        Ok(r) => html_paragraphs(&r.content_html),
        Err(_) => Vec::new(),
    }
}

fn smoothie_paragraphs(html: &str) -> Vec<String> {
    let Ok(mut r) = dom_smoothie::Readability::new(html, None, None) else {
        return Vec::new();
    };
    match r.parse() {
        Ok(a) => html_paragraphs(&a.content),
        Err(_) => Vec::new(),
    }
}

/// Paragraphs shorter than this many words are kept only when the second extractor agrees.
const CONFIRM_BELOW_WORDS: usize = 20;

/// Trafilatura's paragraphs, minus the short ones dom_smoothie does not have (link lists,
/// share bars, teasers), unless dom_smoothie found little or nothing.
fn combine(html: &str) -> Vec<String> {
    let t = trafilatura_paragraphs(html);
    let s = smoothie_paragraphs(html);
    let len = |v: &[String]| v.iter().map(String::len).sum::<usize>();
    if t.is_empty() {
        return s;
    }
    if len(&s) * 10 < len(&t) * 3 {
        return t;
    }
    let t: Vec<String> = t.into_iter().filter(|p| !is_furniture(p)).collect();
    let keys: Vec<String> = t.iter().map(|p| words_key(p)).collect();
    let found = short_keys_found_in(&keys, &s);
    t.into_iter()
        .zip(keys.iter())
        .filter(|(_, key)| {
            key.is_empty()
                || key.split(' ').count() >= CONFIRM_BELOW_WORDS
                || found.contains(key.as_str())
        })
        .map(|(p, _)| p)
        .collect()
}

/// Which of the short `keys` (fewer than [`CONFIRM_BELOW_WORDS`] words) occur as a run of whole
/// words in the `other` extractor's paragraphs. Linear in the page: the other text's windows of
/// the needed lengths are looked up in a map of the keys (a substring search per paragraph was
/// quadratic on pages of thousands of short paragraphs).
fn short_keys_found_in<'k>(
    keys: &'k [String],
    other: &[String],
) -> std::collections::HashSet<&'k str> {
    use std::collections::{BTreeSet, HashMap, HashSet};
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut words = Vec::new();
    for p in other {
        for w in words_key(p).split(' ').filter(|w| !w.is_empty()) {
            let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            words.push(*ids.entry(w.to_owned()).or_insert(next));
        }
    }
    // Each short key as word ids; a key with a word the other text lacks cannot be found.
    let mut wanted: HashMap<Vec<u32>, Vec<&'k str>> = HashMap::new();
    for key in keys {
        if key.is_empty() || key.split(' ').count() >= CONFIRM_BELOW_WORDS {
            continue;
        }
        let q: Option<Vec<u32>> = key.split(' ').map(|w| ids.get(w).copied()).collect();
        if let Some(q) = q {
            wanted.entry(q).or_default().push(key);
        }
    }
    let lengths: BTreeSet<usize> = wanted.keys().map(Vec::len).collect();
    let mut found = HashSet::new();
    for n in lengths {
        for window in words.windows(n) {
            if let Some(ks) = wanted.remove(window) {
                found.extend(ks);
            }
        }
    }
    found
}

/// Page furniture that extractors let through as a paragraph of its own.
fn is_furniture(p: &str) -> bool {
    matches!(
        p.trim().trim_end_matches(':').to_lowercase().as_str(),
        "advertisement"
            | "advertising"
            | "advert"
            | "sponsored"
            | "sponsored content"
            | "share"
            | "share this article"
            | "share this"
            | "read more"
            | "related"
            | "related articles"
            | "related stories"
            | "continue reading"
            | "story continues below"
            | "story continues below advertisement"
            | "scroll to continue with content"
    )
}

/// Lower-cased words joined by single spaces, for comparing texts across extractors.
fn words_key(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Elements that start and end a paragraph of their own.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "figure"
            | "figcaption"
            | "address"
            | "hr"
            | "form"
            | "fieldset"
            | "details"
            | "summary"
            | "center"
            // trafilatura's internal vocabulary, in case it leaks into its HTML output
            | "head"
            | "list"
            | "item"
            | "quote"
    )
}

/// Elements whose text is never article text.
fn is_skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script" | "style" | "noscript" | "template" | "svg" | "iframe" | "button" | "select"
    )
}

/// Turns HTML (a fragment or a page) into paragraphs of text: block elements separate
/// paragraphs, `<br>` breaks a line, whitespace is collapsed, table cells are separated by a
/// space, scripts and styles are dropped.
///
/// ```
/// let p = newsquotes_ingest::html_paragraphs("<h1>Title</h1><p>One <b>two</b>\n three.</p>");
/// assert_eq!(p, ["Title", "One two three."]);
/// ```
pub fn html_paragraphs(fragment: &str) -> Vec<String> {
    let doc = Html::parse_fragment(fragment);
    let mut w = Walker::default();
    w.walk(doc.tree.root());
    w.flush();
    w.paragraphs
}

#[derive(Default)]
struct Walker {
    paragraphs: Vec<String>,
    current: String,
    pending_space: bool,
}

impl Walker {
    fn flush(&mut self) {
        let p = self.current.trim();
        if !p.is_empty() {
            self.paragraphs.push(p.to_owned());
        }
        self.current.clear();
        self.pending_space = false;
    }

    fn text(&mut self, s: &str) {
        for (i, word) in s.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.pending_space = true;
            }
            if word.is_empty() {
                continue;
            }
            if self.pending_space && !self.current.is_empty() && !self.current.ends_with('\n') {
                self.current.push(' ');
            }
            self.pending_space = false;
            self.current.push_str(word);
        }
    }

    fn walk(&mut self, node: NodeRef<'_, Node>) {
        match node.value() {
            Node::Text(t) => self.text(t),
            Node::Element(e) => {
                let tag = e.name();
                if is_skipped(tag) {
                    return;
                }
                if tag == "br" {
                    if !self.current.trim().is_empty() {
                        let trimmed = self.current.trim_end().len();
                        self.current.truncate(trimmed);
                        self.current.push('\n');
                    }
                    self.pending_space = false;
                    return;
                }
                let block = is_block(tag);
                if block {
                    self.flush();
                } else if matches!(tag, "td" | "th") {
                    self.pending_space = true;
                }
                for child in node.children() {
                    self.walk(child);
                }
                if block {
                    self.flush();
                } else if matches!(tag, "td" | "th") {
                    self.pending_space = true;
                }
            }
            _ => {
                for child in node.children() {
                    self.walk(child);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_from_html() {
        let p = html_paragraphs(
            "<div><h2>Title  here</h2><p>One <b>bold</b>\n  word.</p>text<br>after<br><ul><li>a</li><li>b</li></ul><script>x()</script></div>",
        );
        assert_eq!(p, ["Title here", "One bold word.", "text\nafter", "a", "b"]);
    }

    #[test]
    fn extractor_names_round_trip() {
        for e in HtmlExtractor::ALL {
            assert_eq!(e.name().parse::<HtmlExtractor>().unwrap(), e);
        }
        assert!("nope".parse::<HtmlExtractor>().is_err());
    }

    #[test]
    fn nesting_depth_scan() {
        let deep = format!("{}<p>x</p>{}", "<div>".repeat(1500), "</div>".repeat(1500));
        assert_eq!(nesting_depth_over(&deep, 1000), Some(1001));
        let wide = "<div><p>a</p></div>".repeat(5000);
        assert_eq!(nesting_depth_over(&wide, 1000), None);
        // Unclosed paragraphs and list items, void and self-closing tags do not nest.
        let soup = format!(
            "<body>{}{}</body>",
            "<p>text<br><img src=x>".repeat(3000),
            "<li><x/>".repeat(3000)
        );
        assert_eq!(nesting_depth_over(&soup, 1000), None);
        assert_eq!(nesting_depth_over("<!-- <div><div> -->", 1), None);
        assert_eq!(nesting_depth_over("a < b and 3<4 <", 0), None);
    }

    #[test]
    fn short_keys_are_found_only_as_whole_word_runs() {
        let other = vec![
            "The council met on Tuesday.".to_owned(),
            "Votes were cast late, said the clerk.".to_owned(),
        ];
        let keys: Vec<String> = [
            "met on tuesday",     // inside one paragraph
            "tuesday votes were", // across a paragraph boundary (texts are joined)
            "council",            // one word
            "the council met on tuesday votes were cast late said the clerk", // everything
            "coun",               // part of a word is not a word
            "said the mayor",     // unknown word
            "clerk said",         // known words, not in this order
            "",                   // empty keys are never looked up
        ]
        .iter()
        .map(|k| k.to_string())
        .collect();
        let found = short_keys_found_in(&keys, &other);
        let mut found: Vec<&str> = found.into_iter().collect();
        found.sort_unstable();
        assert_eq!(
            found,
            vec![
                "council",
                "met on tuesday",
                "the council met on tuesday votes were cast late said the clerk",
                "tuesday votes were",
            ]
        );
    }

    #[test]
    fn thousands_of_short_paragraphs_are_all_confirmed() {
        let other: Vec<String> = (0..5000)
            .map(|i| format!("Item number {i} here."))
            .collect();
        let keys: Vec<String> = (0..5000).map(|i| format!("item number {i} here")).collect();
        assert_eq!(short_keys_found_in(&keys, &other).len(), 5000);
    }
}
