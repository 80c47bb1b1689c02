//! Plain-text pages: marks the lines that are not the article (boilerplate) and reads the header
//! block (headline, standfirst, byline, dateline) into metadata. The text itself is never changed.
//!
//! Precision comes first: a line is marked only when it matches a specific pattern, because a
//! paragraph wrongly marked hides its quotes from attribution. The headline and standfirst are
//! not marked (a headline can report speech); the byline and dateline are marked `header`.

use std::sync::LazyLock;

use newsquotes_document::{Boilerplate, BoilerplateKind, Document, Span};
use regex::Regex;

use crate::date::parse_date;
use crate::meta::split_authors;

/// A line of the text: its byte span without the line ending.
#[derive(Clone, Copy, Debug)]
struct Line {
    span: Span,
    /// Index of the paragraph (run of non-blank lines) it belongs to.
    para: usize,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut para = 0;
    let mut prev_blank = true;
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let end = start + piece.len();
        let content = piece.trim_end_matches(['\n', '\r']);
        let blank = content.trim().is_empty();
        if !blank {
            if prev_blank && !out.is_empty() {
                para += 1;
            }
            // Trim surrounding whitespace off the span.
            let lead = content.len() - content.trim_start().len();
            let s = start + lead;
            let e = start + content.trim_end().len();
            out.push(Line {
                span: Span::new(s, e),
                para,
            });
        }
        prev_blank = blank;
        start = end;
    }
    out
}

static NEWSLETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
          stay\s+up\s+to\s+date\s+with\s+(?:notifications|the\s+latest|our)
        | notifications\s+can\s+be\s+managed
        | (?:allow|turn\s+on|enable)\s+(?:browser\s+)?notifications
        | get\s+(?:\w+\s+){0,3}(?:alerts|notifications|updates)\s+(?:with\s+notifications\s+)?(?:straight\s+to\s+your\s+(?:inbox|phone)\s+)?(?:from|on|about)\s+\S
        | (?:you\s+can\s+)?(?:switch|turn)\s+(?:these\s+|the\s+)?(?:alerts|notifications)\s+off\b
        | (?:alerts|notifications)\s+can\s+be\s+(?:managed|switched\s+off|turned\s+off|changed)\b
        | (?:sign\s+up|subscribe)\s+(?:now\s+)?(?:to|for)\s+.{0,60}\b(?:newsletters?|alerts|briefings?|digest|bulletins?|email\s+updates)\b
        | get\s+(?:our|the)\s+(?:free\s+)?\S+(?:\s+\S+)?\s+(?:newsletter|briefing|digest)
        | want\s+more\s+stories\s+like\s+this\b
        | (?:our|the)\s+(?:free\s+)?\S+(?:\s+\S+)?\s+newsletter\s+(?:is|delivers|brings)
        | enter\s+your\s+email
        | i\s+would\s+like\s+to\s+be\s+emailed
        | (?:we'll|we\s+will)\s+(?:email|send)\s+you
        | by\s+signing\s+up,?\s+you
        | newsletters?$
        )",
    )
    .unwrap()
});

static COMMENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
          comments?
        | \d[\d,]*\s+comments?
        | comments?\s*\(\d[\d,]*\)
        | (?:view|show|read|see|hide|load)\s+(?:all\s+)?(?:\d+\s+)?comments?
        | (?:join|start)\s+(?:our|the)\s+(?:commenting\s+forum|conversation|discussion)
        | join\s+thought-provoking\s+conversations.*
        | read\s+what\s+other\s+.{1,40}\s+readers\s+think\b.*
        | reader\s+comment\s*:.*
        | (?:leave|post|add|write)\s+a\s+comment
        | be\s+the\s+first\s+to\s+comment
        | comments\s+(?:are|have\s+been)\s+closed
        )[.!:]?$",
    )
    .unwrap()
});

static ACCOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
          thank\s+you\s+for\s+registering
        | please\s+refresh\s+(?:the|this|your)\s+(?:page|browser)
        | (?:sign|log)\s*(?:in|out)(?:\s+(?:or|/)\s+(?:register|sign\s+up|create\s+an\s+account))?[.!]?$
        | (?:register|create\s+(?:an|a\s+free)\s+account)(?:\s+(?:for\s+free|now))?[.!]?$
        | already\s+(?:have\s+an\s+account|registered|a\s+subscriber)
        | (?:sign|log)\s+in\s+to\s+(?:comment|reply|continue|read|join|save|personalise|personalize|follow)\b.*
        | (?:sign|log)\s+in\s*[|/]\s*(?:register|sign\s+up|subscribe)
        | you\s+are\s+not\s+(?:signed|logged)\s+in\b.*
        | you're\s+reading\s+as\s+a\s+guest\b.*
        | thanks\s+for\s+(?:signing\s+in|registering|subscribing)
        | please\s+reload\s+(?:the|this)\s+page\b.*
        | create\s+a\s+free\s+account\b.*
        | (?:you\s+must\s+be|you\s+need\s+to\s+be|please)\s+(?:logged|signed)\s+in
        | forgot(?:ten)?\s+(?:your\s+)?password
        | want\s+to\s+bookmark\s+your\s+favourite\s+articles
        | you\s+have\s+reached\s+your\s+(?:article\s+)?limit
        | subscribe\s+to\s+(?:continue|read|unlock)
        )",
    )
    .unwrap()
});

static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
          share(?:\s+(?:this|the)\s+(?:article|story|page|live\s+blog|post|video))?(?:\s+on\s+\w+)?
        | (?:click|tap)\s+to\s+(?:share|tweet|email)\b.*
        | (?:share|tweet|email|print|copy\s+link|whatsapp|facebook|twitter|linkedin|pinterest|reddit)
          (?:\s*(?:\||/|·)\s*(?:share|tweet|email|print|copy\s+link|whatsapp|facebook|twitter|linkedin|pinterest|reddit))*
        | read\s+more\s*:.*
        | read\s+more
        | (?:related|more\s+on\s+this\s+story|most\s+read|most\s+popular|recommended|you\s+may\s+also\s+like)\s*:?(?:\s.*)?
        | follow\s+(?:us|the\s+\w+(?:\s+\w+)?)\s+on\s+(?:twitter|facebook|instagram|x|social\s+media)\b.*
        )$",
    )
    .unwrap()
});

/// Page furniture: menus and breadcrumbs ("Home | News | Sport", "News › Local"), skip links,
/// advertisement labels, live-blog controls and bare timestamps.
static NAVIGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
          [^|›»\n]{1,30}(?:\s*[|›»]\s*[^|›»\n]{1,30}){2,}
        | skip\s+to\s+(?:main\s+)?(?:content|navigation)
        | (?:main\s+)?menu
        | advertisements?
        | (?:sponsored|promoted)(?:\s+content)?
        | key\s+events
        | show\s+key\s+events\s+only
        | (?:updated|published)\s+\d+\s*(?:s|m|h|d|sec|secs|min|mins|hrs?|hours?|days?)\s+ago
        | (?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s*(?:am|pm|gmt|bst|utc|cet|cest|est|edt|pst|pdt))?
        )[.!:]?$",
    )
    .unwrap()
});

/// Agency or photographer credits closing a caption: "(AFP via Getty)", "(Reuters)",
/// "Photograph: Jane Doe/EPA", "(Image: PA)".
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?:
          \(\s*(?:[\p{Lu}][\p{L}.'-]*\s+){0,3}(?:via\s+)?(?:Getty(?:\s+Images)?|AFP|Reuters|AP|PA(?:\s+Wire|\s+Media)?|EPA(?:-EFE)?|Shutterstock|Alamy|Bloomberg|ANP|Xinhua|Sipa|Rex|Handout|Supplied|iStock|NurPhoto|SOPA\s+Images|Anadolu(?:\s+Agency)?|UPI)(?:\s*/\s*[\p{L} .]+)?(?:\s+via\s+[\p{L} .]+)?\s*\)
        | \((?:Image|Photo|Picture|Photograph|Credit)s?:\s*[^)]{1,80}\)
        | (?:^|\s)(?:Photograph|Photo|Picture|Image|Credit)s?:\s*[\p{Lu}][^.!?]{0,80}
        )\s*$",
    )
    .unwrap()
});

static CAMPAIGN_STRONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)click\s+here|gofundme|donate\s+(?:now|today|here)|if\s+you\s+would\s+like\s+to\s+donate|sign\s+the\s+petition|support\s+(?:our|independent)\s+(?:\w+\s+)?journalism|relies\s+on\s+(?:readers|supporters|donations)\s+like\s+you|make\s+a\s+(?:contribution|donation)",
    )
    .unwrap()
});

static CAMPAIGN_WEAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:our|we)\b.*\bcampaign\w*|\bcampaign\w*\b.*\b(?:our|we)\b|proud\s+history\s+of\s+campaigning").unwrap()
});

static PUBLISHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:notifications|newsletters?|updates|alerts|news)\s+from\s+((?:[Tt]he\s+)?\p{Lu}[\p{L}&'-]*(?:\s+\p{Lu}[\p{L}&'-]*){0,3})",
    )
    .unwrap()
});

static BY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[Bb]y|BY)\s+(\p{Lu}.{1,100})$").unwrap());

/// A person's name: two to four capitalised words (particles allowed), optionally several
/// joined by "and" or commas.
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    let one = r"\p{Lu}[\p{L}'’.-]+(?:\s+(?:van|von|de|da|del|der|la|le|bin|al|el|ibn|\p{Lu}[\p{L}'’.-]*)){1,3}";
    Regex::new(&format!(r"^{one}(?:\s*(?:,|and|&)\s*{one})*$")).unwrap()
});

/// Marks boilerplate lines of a plain-text document and fills empty metadata fields (title,
/// authors, published, publisher) from its header block. Does nothing when the boilerplate layer
/// is already set.
///
/// ```
/// use newsquotes_document::{BoilerplateKind, Document};
/// use newsquotes_ingest::analyse_text;
///
/// let text = "Sign up to our free Harbour newsletter\n\nPier to be rebuilt after storm, mayor says\n\n\
///     By Ama Owusu\nFriday 3 March 2023 09:15 GMT\n\n“We will rebuild it,” the mayor said.\n\n\
///     Waves hit the pier on Tuesday (AFP via Getty)\n\nShare this article\n";
/// let mut doc = Document::new("pier", text);
/// analyse_text(&mut doc);
/// assert_eq!(doc.metadata.title.as_deref(), Some("Pier to be rebuilt after storm, mayor says"));
/// assert_eq!(doc.metadata.authors, ["Ama Owusu"]);
/// assert_eq!(doc.metadata.published.as_deref(), Some("2023-03-03T09:15:00Z"));
/// let kinds: Vec<_> = doc.boilerplate().iter().map(|b| b.kind).collect();
/// assert_eq!(
///     kinds,
///     [
///         BoilerplateKind::Newsletter,
///         BoilerplateKind::Header,
///         BoilerplateKind::Header,
///         BoilerplateKind::Caption,
///         BoilerplateKind::Share,
///     ]
/// );
/// assert_eq!(doc.text(), text);
/// ```
pub fn analyse_text(doc: &mut Document) {
    mark(doc, true);
}

/// Marks boilerplate lines in text extracted from HTML: the line patterns and campaign blurbs
/// only (the page's metadata comes from its markup, and extractors drop the header block).
pub(crate) fn mark_extracted(doc: &mut Document) {
    mark(doc, false);
}

fn mark(doc: &mut Document, with_header: bool) {
    if doc.has(newsquotes_document::Layer::Boilerplate) {
        return;
    }
    let text = doc.text().to_owned();
    let lines = lines(&text);
    let n = lines.len();
    let s = |i: usize| lines[i].span.slice(&text);
    let mut kind: Vec<Option<BoilerplateKind>> = lines
        .iter()
        .map(|l| line_kind(l.span.slice(&text)))
        .collect();

    // Campaign blurbs: a paragraph with a call to act ("click here", "donate") about the
    // publisher's campaign, and the paragraph before it when it speaks of "our campaign".
    let para_of = |i: usize| lines[i].para;
    for i in 0..n {
        if kind[i].is_some() {
            continue;
        }
        let l = s(i);
        // Blurbs do not quote anyone; a paragraph with quotation marks is reporting.
        let quotes = l.contains(['“', '”', '"']);
        if l.len() <= 2000
            && !quotes
            && CAMPAIGN_STRONG.is_match(l)
            && (CAMPAIGN_WEAK.is_match(l)
                || l.to_lowercase().contains("campaign")
                || l.to_lowercase().contains("donat"))
        {
            kind[i] = Some(BoilerplateKind::Campaign);
            // The lines of the previous paragraph that describe "our campaign".
            let mut j = i;
            while j > 0 && para_of(j - 1) + 1 >= para_of(i) {
                j -= 1;
                if kind[j].is_none()
                    && CAMPAIGN_WEAK.is_match(s(j))
                    && !s(j).contains(['“', '”', '"'])
                {
                    kind[j] = Some(BoilerplateKind::Campaign);
                } else if para_of(j) < para_of(i) {
                    break;
                }
            }
        }
    }

    // The header block: headline, standfirst, byline, dateline, near the top.
    let mut meta = HeaderMeta::default();
    if with_header {
        header(&text, &lines, &mut kind, &mut meta);
    }

    // Publisher named in a notification or newsletter prompt.
    if with_header && doc.metadata.publisher.is_none() {
        doc.metadata.publisher = (0..n).filter(|&i| kind[i].is_some()).find_map(|i| {
            PUBLISHER
                .captures(s(i))
                .map(|c| c[1].split_whitespace().collect::<Vec<_>>().join(" "))
        });
    }
    if doc.metadata.title.is_none() {
        doc.metadata.title = meta.title;
    }
    if doc.metadata.authors.is_empty() {
        doc.metadata.authors = meta.authors;
    }
    if doc.metadata.published.is_none() {
        doc.metadata.published = meta.published;
    }
    if let Some(sf) = meta.standfirst {
        doc.metadata
            .extra
            .entry("standfirst".to_owned())
            .or_insert_with(|| serde_json::Value::String(sf).to_string());
    }

    let regions: Vec<Boilerplate> = lines
        .iter()
        .zip(&kind)
        .filter_map(|(l, k)| k.map(|kind| Boilerplate { span: l.span, kind }))
        .collect();
    // Lines are sorted, disjoint and non-empty, so the setter cannot refuse them.
    if let Err(e) = doc.set_boilerplate(regions) {
        doc.warnings.push(format!("boilerplate not marked: {e}"));
    }
}

/// The kind of a line judged on its own (campaign blurbs and the header need context).
fn line_kind(l: &str) -> Option<BoilerplateKind> {
    let short = l.len() <= 800 && l.chars().count() <= 200;
    if short && NEWSLETTER.is_match(l) {
        Some(BoilerplateKind::Newsletter)
    } else if short && COMMENTS.is_match(l) {
        Some(BoilerplateKind::Comments)
    } else if l.len() <= 1200 && ACCOUNT.is_match(l) {
        Some(BoilerplateKind::Account)
    } else if l.len() <= 600 && l.chars().count() <= 150 && SHARE.is_match(l) {
        Some(BoilerplateKind::Share)
    } else if l.chars().count() <= 120 && NAVIGATION.is_match(l) {
        Some(BoilerplateKind::Navigation)
    } else if is_caption(l) {
        Some(BoilerplateKind::Caption)
    } else {
        None
    }
}

fn is_caption(l: &str) -> bool {
    if l.len() > 2000 {
        return false;
    }
    let words = l.split_whitespace().count();
    // A caption describes a picture: no quotation marks opening it, not too long.
    (3..=80).contains(&words) && !l.starts_with(['“', '"', '‘']) && CREDIT.is_match(l)
}

#[derive(Default)]
struct HeaderMeta {
    title: Option<String>,
    standfirst: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
}

/// A dateline: a short line that is a date (optionally after "Published"/"Updated").
fn dateline(l: &str) -> Option<String> {
    if l.chars().count() > 80 || !l.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    parse_date(l)
}

/// Words of job titles that follow names in bylines ("Ama Owusu, Transport Correspondent").
fn is_role(name: &str) -> bool {
    const ROLES: [&str; 16] = [
        "correspondent",
        "editor",
        "reporter",
        "writer",
        "staff",
        "desk",
        "columnist",
        "contributor",
        "agency",
        "agencies",
        "news",
        "chief",
        "senior",
        "producer",
        "analyst",
        "team",
    ];
    name.split_whitespace().any(|w| {
        let w = w.to_lowercase();
        ROLES
            .iter()
            .any(|r| w.trim_end_matches('s') == *r || w == *r)
    })
}

fn byline(l: &str, near_date: bool) -> Option<Vec<String>> {
    if l.chars().count() > 120 {
        return None;
    }
    if let Some(c) = BY.captures(l) {
        // "By Ama Owusu, Political Editor" keeps the names only.
        let names: Vec<String> = split_authors(&c[1])
            .into_iter()
            .filter(|a| NAME.is_match(a) && !is_role(a))
            .collect();
        return (!names.is_empty()).then_some(names);
    }
    if near_date && NAME.is_match(l) && l.split_whitespace().count() <= 12 {
        let names: Vec<String> = split_authors(l)
            .into_iter()
            .filter(|a| NAME.is_match(a) && !is_role(a))
            .collect();
        return (!names.is_empty()).then_some(names);
    }
    None
}

fn ends_sentence(l: &str) -> bool {
    l.trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?', ':', ';'])
}

fn header(text: &str, lines: &[Line], kind: &mut [Option<BoilerplateKind>], meta: &mut HeaderMeta) {
    let s = |i: usize| lines[i].span.slice(text);
    // Look for a dateline among the first lines.
    let window = lines.len().min(25);
    let Some(d) = (0..window).find(|&i| kind[i].is_none() && dateline(s(i)).is_some()) else {
        // No dateline: a "By ..." line near the top still names the authors.
        if let Some(b) = (0..window.min(10)).find(|&i| kind[i].is_none() && BY.is_match(s(i))) {
            if let Some(names) = byline(s(b), false) {
                meta.authors = names;
                kind[b] = Some(BoilerplateKind::Header);
                title_and_standfirst(text, lines, kind, meta, b);
            }
        }
        return;
    };
    meta.published = dateline(s(d));
    kind[d] = Some(BoilerplateKind::Header);
    // The byline sits next to the dateline (usually just before it).
    let mut first = d;
    for b in [d.wrapping_sub(1), d + 1, d.wrapping_sub(2)] {
        if b < lines.len() && kind[b].is_none() {
            if let Some(names) = byline(s(b), true) {
                meta.authors = names;
                kind[b] = Some(BoilerplateKind::Header);
                first = first.min(b);
                break;
            }
        }
    }
    // Lines after the dateline in the same block that are not sentences: a photo caption under
    // the header (its credit may be missing).
    let block = lines[d].para;
    let mut i = d + 1;
    while i < lines.len() && lines[i].para == block {
        if kind[i].is_none()
            && !ends_sentence(s(i))
            && s(i).split_whitespace().count() >= 3
            && !s(i).starts_with(['“', '"'])
        {
            kind[i] = Some(BoilerplateKind::Caption);
        }
        i += 1;
    }
    title_and_standfirst(text, lines, kind, meta, first);
}

/// The headline is the first unmarked line before the byline/dateline; the standfirst, the
/// unmarked paragraph between it and the byline.
fn title_and_standfirst(
    text: &str,
    lines: &[Line],
    kind: &[Option<BoilerplateKind>],
    meta: &mut HeaderMeta,
    byline_at: usize,
) {
    let s = |i: usize| lines[i].span.slice(text);
    let before: Vec<usize> = (0..byline_at).filter(|&i| kind[i].is_none()).collect();
    let Some(&t) = before.first() else { return };
    let title = s(t);
    if title.split_whitespace().count() > 30 || title.chars().count() > 250 {
        return;
    }
    meta.title = Some(title.to_owned());
    let rest: Vec<&str> = before[1..]
        .iter()
        .filter(|&&i| lines[i].para != lines[t].para)
        .map(|&i| s(i))
        .collect();
    if !rest.is_empty() && rest.len() <= 3 {
        meta.standfirst = Some(rest.join(" "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> (Document, Vec<(BoilerplateKind, String)>) {
        let mut doc = Document::new("t", text);
        analyse_text(&mut doc);
        let v = doc
            .boilerplate()
            .iter()
            .map(|b| (b.kind, doc.slice(b.span).to_owned()))
            .collect();
        (doc, v)
    }

    const PAGE: &str = "Get alerts with notifications from The Harbour Post\n\n\
Notifications can be managed in browser preferences.\n\n\
Dockers vote to end strike after pay offer – union\n\n\
The deal gives 4,000 workers a rise of 9 per cent, according to the union\n\n\
Grace Okafor\n\
Tuesday 7 March 2023 16:05 GMT\n\
Comments\n\
Dockers leave a union meeting at the east gate\n\n\
Dockers at the harbour have voted to end a six-week strike, the union said on Tuesday.\n\n\
“This is a win for every family on the quay,” said the union's branch secretary, Paul Mensah.\n\n\
Cranes stand idle at the container terminal in March (Reuters)\n\n\
The port authority said ships would be unloaded within days.\n\n\
The Harbour Post has a long history of campaigning for fair pay, and we launched our Living Wage campaign in 2019.\n\n\
To read more about our campaign, click here. If you would like to donate, click here.\n\n\
Join our commenting forum\n\n\
Join thought-provoking conversations, follow other Harbour Post readers and see their replies\n\n\
Comments\n\n\
Thank you for registering\n\n\
Please refresh the page or navigate to another page on the site to be automatically logged in\n";

    #[test]
    fn page_in_the_seed_style() {
        let (doc, m) = marked(PAGE);
        use BoilerplateKind::*;
        let kinds: Vec<_> = m.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            kinds,
            [
                Newsletter, Newsletter, Header, Header, Comments, Caption, Caption, Campaign,
                Campaign, Comments, Comments, Comments, Account, Account
            ],
            "{m:#?}"
        );
        assert_eq!(m[5].1, "Dockers leave a union meeting at the east gate");
        assert_eq!(
            doc.metadata.title.as_deref(),
            Some("Dockers vote to end strike after pay offer – union")
        );
        assert_eq!(doc.metadata.authors, ["Grace Okafor"]);
        assert_eq!(
            doc.metadata.published.as_deref(),
            Some("2023-03-07T16:05:00Z")
        );
        assert_eq!(doc.metadata.publisher.as_deref(), Some("The Harbour Post"));
        assert!(doc.metadata.extra["standfirst"].contains("4,000 workers"));
        // Every article paragraph stays unmarked.
        for p in [
            "Dockers at the harbour",
            "“This is a win",
            "The port authority said",
        ] {
            let at = doc.text().find(p).unwrap();
            assert!(!doc.is_boilerplate(at), "{p}");
        }
    }

    #[test]
    fn crlf_text_is_kept_and_marked() {
        let text = PAGE.replace('\n', "\r\n");
        let (doc, m) = marked(&text);
        assert_eq!(doc.text(), text);
        assert_eq!(m.len(), 14);
        assert!(m.iter().all(|(_, s)| !s.ends_with('\r')));
    }

    #[test]
    fn article_paragraphs_are_not_marked() {
        // Sentences that share words with boilerplate patterns but are article text.
        let text =
            "Critics of the campaign said the petition had been signed by 10,000 people.\n\n\
“Share the burden,” the minister said.\n\n\
She said comments made by the mayor were unhelpful.\n\n\
Read the full report, the council urged residents.\n\n\
\"I just wanted to make a donation to our campaign,\" said one voter.\n\n\
Sign up for a streaming account for $9.99 a month, the company advised.\n\n\
Owners want the app to run like a business.Photo editors disagree\n\n\
“Sign up to the scheme now,” he told reporters, adding that the deadline was Friday.\n\n\
Comments from the public will be taken until May.\n\n\
Photographs of the flood, he said, showed the scale of the damage.\n";
        let (_, m) = marked(text);
        assert!(m.is_empty(), "{m:#?}");
    }

    #[test]
    fn by_line_without_dateline() {
        let (doc, m) = marked("Ferry fares to rise\n\nBy Ama Owusu and Tom Reed, Transport Correspondents\n\nFares will rise in May, the operator said.\n");
        assert_eq!(doc.metadata.authors, ["Ama Owusu", "Tom Reed"]);
        assert_eq!(doc.metadata.title.as_deref(), Some("Ferry fares to rise"));
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].0, BoilerplateKind::Header);
    }

    #[test]
    fn no_header_no_metadata() {
        let (doc, m) = marked("“We will win,” said Hugh Hill.");
        assert!(m.is_empty());
        assert_eq!(doc.metadata.title, None);
        assert!(doc.has(newsquotes_document::Layer::Boilerplate));
    }

    #[test]
    fn navigation_account_and_prompt_lines_are_recognised() {
        use BoilerplateKind::*;
        let cases = [
            (
                "Get breaking news alerts from The Harbour Echo",
                Some(Newsletter),
            ),
            (
                "You can switch alerts off at any time in your browser settings.",
                Some(Newsletter),
            ),
            (
                "Want more stories like this? Get our free evening briefing.",
                Some(Newsletter),
            ),
            ("Home | Politics | Courts | Weather", Some(Navigation)),
            ("News › Regions › Coast", Some(Navigation)),
            ("Skip to main content", Some(Navigation)),
            ("Advertisement", Some(Navigation)),
            ("Updated 3h ago", Some(Navigation)),
            ("09:45", Some(Navigation)),
            ("Sign in to comment or register for free", Some(Account)),
            ("Sign in | Register", Some(Account)),
            ("You are not signed in. Sign in to comment.", Some(Account)),
            (
                "Read what other Echo readers think and add your own view",
                Some(Comments),
            ),
            ("Share this live blog", Some(Share)),
            // Article text stays article text.
            ("The mayor said the menu of options was short.", None),
            (
                "Sign-ups rose by 12% after the council's campaign, officials said.",
                None,
            ),
            ("“We signed in at 9:45,” she said.", None),
        ];
        for (line, want) in cases {
            assert_eq!(line_kind(line), want, "{line}");
        }
    }
}
