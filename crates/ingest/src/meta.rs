//! Metadata of HTML pages: JSON-LD (`NewsArticle` and kin), OpenGraph and `article:*`, other
//! meta tags, `<time>`, bylines and `<title>`.

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::date::parse_date;
use newsquotes_document::Metadata;

/// Reads title, authors, published date, publisher and language from a whole HTML page.
pub(crate) fn html_metadata(html: &str) -> (Metadata, Option<String>) {
    let doc = Html::parse_document(html);
    let url = canonical_url(&doc);
    (metadata_of(&doc), url)
}

/// The page's own address: `<link rel="canonical">`, else `og:url`; absolute http(s) only.
fn canonical_url(doc: &Html) -> Option<String> {
    let link = sel("link[rel=\"canonical\"]").and_then(|s| {
        doc.select(&s)
            .find_map(|e| e.attr("href").map(str::to_owned))
    });
    let og = || {
        sel("meta[property=\"og:url\"]").and_then(|s| {
            doc.select(&s)
                .find_map(|e| e.attr("content").map(str::to_owned))
        })
    };
    link.into_iter()
        .chain(og())
        .map(|u| u.trim().to_owned())
        .find(|u| u.starts_with("http://") || u.starts_with("https://"))
}

fn metadata_of(doc: &Html) -> Metadata {
    let mut m = Metadata::default();
    let ld = json_ld(doc);
    let metas = meta_tags(doc);
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(n, v)| n == k && !v.trim().is_empty())
                .map(|(_, v)| clean(v))
        })
    };

    // Title: the article's own headline before the page title (which carries the site name).
    m.title = ld
        .title
        .clone()
        .or_else(|| {
            get(&[
                "og:title",
                "twitter:title",
                "headline",
                "dc.title",
                "sailthru.title",
            ])
        })
        .or_else(|| page_title(doc));

    // Authors.
    let mut authors = ld.authors.clone();
    if authors.is_empty() {
        for k in [
            "author",
            "article:author",
            "byl",
            "parsely-author",
            "sailthru.author",
            "dc.creator",
            "citation_author",
            "twitter:creator",
        ] {
            for (n, v) in &metas {
                if n == k && !v.starts_with("http") && !v.starts_with('@') {
                    authors.extend(split_authors(v));
                }
            }
            if !authors.is_empty() {
                break;
            }
        }
    }
    if authors.is_empty() {
        authors = byline_authors(doc);
    }
    dedup(&mut authors);
    m.authors = authors;

    // Published date.
    m.published = ld
        .published
        .as_deref()
        .and_then(parse_date)
        .or_else(|| {
            [
                "article:published_time",
                "datepublished",
                "og:published_time",
                "published_time",
                "pubdate",
                "publishdate",
                "publish-date",
                "publish_date",
                "date",
                "dc.date",
                "dc.date.issued",
                "dcterms.created",
                "dcterms.date",
                "sailthru.date",
                "parsely-pub-date",
                "citation_publication_date",
                "article.published",
                "originalpublicationdate",
                "displaydate",
            ]
            .iter()
            .find_map(|k| get(&[k]).as_deref().and_then(parse_date))
        })
        .or_else(|| time_element(doc));

    // Publisher.
    m.publisher = ld.publisher.clone().or_else(|| {
        get(&[
            "og:site_name",
            "application-name",
            "publisher",
            "dc.publisher",
            "cxenseparse:site",
        ])
    });

    // Language.
    let lang = sel("html")
        .and_then(|s| doc.select(&s).next())
        .and_then(|h| h.attr("lang").or_else(|| h.attr("xml:lang")))
        .map(str::to_owned)
        .or_else(|| ld.language.clone())
        .or_else(|| get(&["content-language", "og:locale", "language", "dc.language"]));
    m.language = lang.and_then(|l| language_code(&l));
    tidy(&mut m, doc);
    m
}

/// Decodes entities left in metadata, drops authors that are not people (the publisher,
/// credentials, "admin") and the site name trailing a title.
fn tidy(m: &mut Metadata, doc: &Html) {
    m.title = m.title.as_deref().map(decode_entities);
    m.publisher = m.publisher.as_deref().map(decode_entities);
    let publisher = m.publisher.as_deref().unwrap_or("").to_lowercase();
    let mut authors: Vec<String> = m
        .authors
        .iter()
        .map(|a| decode_entities(a))
        .filter(|a| is_person_like(a, &publisher))
        .collect();
    dedup(&mut authors);
    m.authors = authors;
    if let Some(t) = &m.title {
        let h1 = sel("h1")
            .and_then(|s| doc.select(&s).next())
            .map(|h| clean(&h.text().collect::<String>()));
        m.title = Some(strip_site(t, h1.as_deref(), &publisher));
    }
}

fn is_person_like(a: &str, publisher: &str) -> bool {
    let lower = a.to_lowercase();
    let credential = a.chars().count() <= 5 && a.chars().all(|c| c.is_uppercase() || c == '.');
    !(lower == publisher
        || lower.contains(".com")
        || lower.contains(".co.")
        || credential
        || matches!(
            lower.as_str(),
            "admin" | "administrator" | "staff" | "editor" | "editors" | "guest" | "webmaster"
        ))
}

/// "Headline | Site" → "Headline" when the rest is the publisher or the page's `<h1>` is the
/// headline alone.
fn strip_site(title: &str, h1: Option<&str>, publisher: &str) -> String {
    if let Some(h) = h1.filter(|h| h.chars().count() >= 10) {
        if let Some(rest) = title.strip_prefix(h) {
            if rest.trim_start().starts_with(['|', '-', '–', '—', ':']) {
                return h.to_owned();
            }
        }
    }
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if !publisher.is_empty() && tail.trim().to_lowercase() == publisher {
                return head.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

/// Decodes HTML character references that sites leave in meta and JSON-LD values.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // Search bytes: a character reference is ASCII, and slicing at 12 could split a char.
        let end = rest.bytes().take(12).position(|b| b == b';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(num) = name.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(h) => u32::from_str_radix(h, 16).ok(),
                    None => num.parse().ok(),
                };
                n.and_then(char::from_u32)
            } else {
                Some(match name {
                    "amp" => '&',
                    "quot" => '"',
                    "apos" => '\'',
                    "lt" => '<',
                    "gt" => '>',
                    "nbsp" => ' ',
                    "lsquo" => '‘',
                    "rsquo" => '’',
                    "ldquo" => '“',
                    "rdquo" => '”',
                    "ndash" => '–',
                    "mdash" => '—',
                    "hellip" => '…',
                    _ => return None,
                })
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn sel(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn dedup(v: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|a| !a.is_empty() && seen.insert(a.to_lowercase()));
}

/// `en-GB`, `en_US`, `EN` → `en`.
fn language_code(l: &str) -> Option<String> {
    let primary = l.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic()))
        .then_some(primary)
}

/// `(name-or-property, content)` of every `<meta>`, names lower-cased.
fn meta_tags(doc: &Html) -> Vec<(String, String)> {
    let Some(s) = sel("meta") else {
        return Vec::new();
    };
    doc.select(&s)
        .filter_map(|e| {
            let name = e
                .attr("property")
                .or_else(|| e.attr("name"))
                .or_else(|| e.attr("itemprop"))
                .or_else(|| e.attr("http-equiv"))?;
            let content = e.attr("content")?;
            Some((name.trim().to_ascii_lowercase(), content.to_owned()))
        })
        .collect()
}

fn page_title(doc: &Html) -> Option<String> {
    let t = sel("title").and_then(|s| doc.select(&s).next())?;
    let t = clean(&t.text().collect::<String>());
    // "Headline | Site" / "Headline - Site": keep the longest part.
    let best = [" | ", " - ", " – ", " — ", " :: "]
        .iter()
        .find(|sep| t.contains(**sep))
        .map(|sep| {
            t.split(sep)
                .max_by_key(|p| p.chars().count())
                .unwrap_or(&t)
                .trim()
                .to_owned()
        })
        .unwrap_or(t);
    (!best.is_empty()).then_some(best)
}

/// Splits "A, B and C" into names and strips "By".
pub(crate) fn split_authors(s: &str) -> Vec<String> {
    let s = clean(s);
    let s = strip_by(&s);
    s.split([',', ';', '|', '&'])
        .flat_map(|p| p.split(" and "))
        .map(|p| strip_by(p.trim()).trim().to_owned())
        .filter(|p| {
            !p.is_empty()
                && p.chars().count() <= 60
                && p.chars().any(char::is_alphabetic)
                && !p.contains("://")
        })
        .collect()
}

fn strip_by(s: &str) -> &str {
    let t = s.trim();
    for p in ["By ", "by ", "BY ", "Por ", "Von ", "Par "] {
        if let Some(r) = t.strip_prefix(p) {
            return r.trim();
        }
    }
    t
}

#[derive(Default)]
struct Ld {
    title: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    publisher: Option<String>,
    language: Option<String>,
}

fn json_ld(doc: &Html) -> Ld {
    let mut out = Ld::default();
    let Some(s) = sel("script[type=\"application/ld+json\"]") else {
        return out;
    };
    let values: Vec<Value> = doc
        .select(&s)
        .filter_map(|e| serde_json::from_str(e.text().collect::<String>().trim()).ok())
        .collect();
    let mut items = Vec::new();
    for v in &values {
        flatten(v, &mut items, 0);
    }
    // Article types first, then anything with a headline.
    let rank = |v: &Value| -> u8 {
        let types: Vec<String> = match v.get("@type") {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        };
        if types
            .iter()
            .any(|t| t.contains("NewsArticle") || t == "ReportageNewsArticle")
        {
            0
        } else if types
            .iter()
            .any(|t| t.ends_with("Article") || t == "BlogPosting" || t == "LiveBlogPosting")
        {
            1
        } else if v.get("headline").is_some() {
            2
        } else {
            3
        }
    };
    items.sort_by_key(|v| rank(v));
    for v in items.iter().filter(|v| rank(v) < 3) {
        if out.title.is_none() {
            out.title = v
                .get("headline")
                .and_then(Value::as_str)
                .map(clean)
                .filter(|s| !s.is_empty());
        }
        if out.authors.is_empty() {
            if let Some(a) = v.get("author").or_else(|| v.get("creator")) {
                names(a, &mut out.authors);
            }
        }
        if out.published.is_none() {
            out.published = v
                .get("datePublished")
                .or_else(|| v.get("dateCreated"))
                .and_then(Value::as_str)
                .map(str::to_owned);
        }
        if out.publisher.is_none() {
            let mut p = Vec::new();
            if let Some(pubr) = v.get("publisher") {
                names(pubr, &mut p);
            }
            out.publisher = p.into_iter().next();
        }
        if out.language.is_none() {
            out.language = v
                .get("inLanguage")
                .and_then(Value::as_str)
                .map(str::to_owned);
        }
    }
    out
}

fn flatten<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| flatten(x, out, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                flatten(g, out, depth + 1);
            }
            out.push(v);
        }
        _ => {}
    }
}

fn names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if !s.starts_with("http") => out.extend(split_authors(s)),
        Value::Array(a) => a.iter().for_each(|x| names(x, out)),
        Value::Object(o) => {
            if let Some(n) = o.get("name") {
                names(n, out);
            }
        }
        _ => {}
    }
}

fn byline_authors(doc: &Html) -> Vec<String> {
    let mut out = Vec::new();
    for q in [
        "[itemprop=\"author\"] [itemprop=\"name\"]",
        "a[rel=\"author\"]",
        "[itemprop=\"author\"]",
        ".byline__name, .byline-name, .author-name, .author__name",
        ".byline, .article-byline",
    ] {
        let Some(s) = sel(q) else { continue };
        for e in doc.select(&s).take(5) {
            let t = e
                .attr("content")
                .map(str::to_owned)
                .unwrap_or_else(|| e.text().collect::<String>());
            let t = clean(&t);
            if t.chars().count() <= 80 {
                out.extend(split_authors(&t));
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

fn time_element(doc: &Html) -> Option<String> {
    let s = sel("time[datetime]")?;
    let times: Vec<ElementRef<'_>> = doc.select(&s).collect();
    let preferred = times
        .iter()
        .find(|t| t.attr("itemprop") == Some("datePublished") || t.attr("pubdate").is_some())
        .or(times.first())?;
    preferred.attr("datetime").and_then(parse_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_first() {
        let page = r#"<html lang="en-GB"><head><title>Page | Site</title>
        <meta property="og:title" content="OG title">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
        {"@type":"NewsArticle","headline":"Ferry fares to rise","author":[{"@type":"Person","name":"By Ama Owusu"},{"@type":"Person","name":"Tom Reed"}],
        "datePublished":"2021-07-01T06:00:00+01:00","publisher":{"@type":"Organization","name":"The Coast Gazette"}}]}</script>
        </head><body></body></html>"#;
        let m = html_metadata(page).0;
        assert_eq!(m.title.as_deref(), Some("Ferry fares to rise"));
        assert_eq!(m.authors, ["Ama Owusu", "Tom Reed"]);
        assert_eq!(m.published.as_deref(), Some("2021-07-01T06:00:00+01:00"));
        assert_eq!(m.publisher.as_deref(), Some("The Coast Gazette"));
        assert_eq!(m.language.as_deref(), Some("en"));
    }

    #[test]
    fn meta_tags_time_and_byline() {
        let page = r#"<html><head><title>Ferry fares to rise - The Coast Gazette</title>
        <meta property="og:site_name" content="The Coast Gazette"><meta property="og:locale" content="en_US">
        </head><body><p class="byline">By Ama Owusu and Tom Reed</p>
        <time datetime="2021-07-01">1 July</time></body></html>"#;
        let m = html_metadata(page).0;
        assert_eq!(m.title.as_deref(), Some("Ferry fares to rise"));
        assert_eq!(m.authors, ["Ama Owusu", "Tom Reed"]);
        assert_eq!(m.published.as_deref(), Some("2021-07-01"));
        assert_eq!(m.publisher.as_deref(), Some("The Coast Gazette"));
        assert_eq!(m.language.as_deref(), Some("en"));
    }

    #[test]
    fn entities_site_names_and_non_people() {
        let page = r#"<html><head><title>x</title>
        <meta property="og:title" content="&#8216;Low tide&#8217; review &amp; more | Coast Gazette">
        <meta property="og:site_name" content="Coast Gazette">
        <script type="application/ld+json">{"@type":"Article","author":[{"name":"Ama Owusu, MS, RDN"},{"name":"Coast Gazette"},{"name":"admin"}]}</script>
        </head><body><h1>Ignored because it differs</h1></body></html>"#;
        let m = html_metadata(page).0;
        assert_eq!(m.title.as_deref(), Some("‘Low tide’ review & more"));
        assert_eq!(m.authors, ["Ama Owusu"]);
        let page = r#"<html><head><meta property="og:title" content="Pier reopens after repairs - Local News">
        </head><body><h1>Pier reopens after repairs</h1></body></html>"#;
        assert_eq!(
            html_metadata(page).0.title.as_deref(),
            Some("Pier reopens after repairs")
        );
        assert_eq!(
            decode_entities("a &lt;b&gt; &bogus; & c &#x263A;"),
            "a <b> &bogus; & c ☺"
        );
    }

    #[test]
    fn author_meta_and_date_meta() {
        let page = r#"<html><head><meta name="author" content="Ama Owusu">
        <meta name="pubdate" content="Tue, 05 Mar 2019 09:30:00 GMT"></head><body></body></html>"#;
        let m = html_metadata(page).0;
        assert_eq!(m.authors, ["Ama Owusu"]);
        assert_eq!(m.published.as_deref(), Some("2019-03-05T09:30:00Z"));
        assert_eq!(m.title, None);
    }
}
