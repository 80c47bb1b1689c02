//! Token fixtures: each case is a text and its tokens joined by `|`, with kinds where they
//! matter. All texts are original, written for these tests.

use newsquotes_document::TokenKind;
use newsquotes_segment::segment;

fn tokens(text: &str) -> String {
    segment(text)
        .tokens
        .iter()
        .map(|t| t.span.slice(text))
        .collect::<Vec<_>>()
        .join("|")
}

fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
    segment(text)
        .tokens
        .iter()
        .map(|t| (t.span.slice(text), t.kind))
        .collect()
}

#[track_caller]
fn check(text: &str, expected: &str) {
    assert_eq!(tokens(text), expected, "text: {text:?}");
}

#[test]
fn words_and_punctuation() {
    check(
        "The well-known port, at last, reopened.",
        "The|well-known|port|,|at|last|,|reopened|.",
    );
}

#[test]
fn clitics_are_split_the_treebank_way() {
    check("Don’t go; we can't.", "Do|n’t|go|;|we|ca|n't|.");
    check(
        "They're sure we'll win; I've said I'd stay, I'm told.",
        "They|'re|sure|we|'ll|win|;|I|'ve|said|I|'d|stay|,|I|'m|told|.",
    );
    check("WON'T", "WO|N'T");
}

#[test]
fn possessives() {
    check("Clinton’s aide", "Clinton|’s|aide");
    check("the soldiers’ mothers", "the|soldiers|’|mothers");
    check("the soldiers' mothers", "the|soldiers|'|mothers");
    check("James's car", "James|'s|car");
    let k = kinds("the soldiers’ mothers and Clinton’s aide");
    assert_eq!(k[2], ("’", TokenKind::Punct));
    assert_eq!(k[6], ("’s", TokenKind::Word));
}

#[test]
fn apostrophes_inside_words_and_elisions_are_not_quotes() {
    check("O’Brien’s", "O’Brien|’s");
    check("in the ’90s and '08", "in|the|’90s|and|'08");
    check("rock ’n’ roll", "rock|’n’|roll");
    check("let ’em go ’til noon", "let|’em|go|’til|noon");
    for text in [
        "don’t",
        "soldiers’ pay",
        "the ’90s",
        "rock ’n’ roll",
        "O’Brien",
        "goin’ home",
    ] {
        assert!(
            kinds(text).iter().all(|(_, k)| *k != TokenKind::Quote),
            "{text:?} has a quote token: {:?}",
            kinds(text)
        );
    }
}

#[test]
fn quotation_marks_are_quote_tokens() {
    let k = kinds("“Go,” she said. ‘Now.’ He said \"no\" and 'yes'.");
    let quotes: Vec<&str> = k
        .iter()
        .filter(|(_, k)| *k == TokenKind::Quote)
        .map(|(s, _)| *s)
        .collect();
    assert_eq!(quotes, ["“", "”", "‘", "’", "\"", "\"", "'", "'"]);
}

#[test]
fn single_quotation_closing_after_s() {
    // With a single quotation open and no later mark, the ’ after "soldiers" closes it.
    check(
        "He called them ‘brave soldiers’ and left.",
        "He|called|them|‘|brave|soldiers|’|and|left|.",
    );
    let k = kinds("He called them ‘brave soldiers’ and left.");
    assert_eq!(k[6], ("’", TokenKind::Quote));
    // A possessive inside a single quotation that closes later stays a possessive.
    let k = kinds("‘We honour the soldiers’ sacrifice,’ she said.");
    assert_eq!(k[5], ("’", TokenKind::Punct));
    assert_eq!(k[8], ("’", TokenKind::Quote));
}

#[test]
fn numbers() {
    check(
        "20,100 people paid £1.5bn, 3.5% more, at 10:30 on 1/2 days.",
        "20,100|people|paid|£|1.5bn|,|3.5|%|more|,|at|10:30|on|1/2|days|.",
    );
    assert_eq!(kinds("1,351")[0].1, TokenKind::Number);
}

#[test]
fn abbreviations_keep_their_period() {
    check(
        "Mr. Hill of the U.S. Navy, e.g. at 9 a.m. today.",
        "Mr.|Hill|of|the|U.S.|Navy|,|e.g.|at|9|a.m.|today|.",
    );
    check("J. K. Rowling", "J.|K.|Rowling");
    check("It ended.", "It|ended|.");
    check("AT&T Inc.", "AT&T|Inc.");
}

#[test]
fn urls_and_emails_are_single_tokens() {
    check(
        "(see https://example.org/a_(b)/c?x=1&y=2), or mail desk@example.com.",
        "(|see|https://example.org/a_(b)/c?x=1&y=2|)|,|or|mail|desk@example.com|.",
    );
    let k = kinds("www.example.com");
    assert_eq!(k, [("www.example.com", TokenKind::Url)]);
}

#[test]
fn handles_hashtags_and_signed_numbers() {
    check(
        "Follow @harbour_desk and #strike; call +44 20 or C$5 at .25 each.",
        "Follow|@harbour_desk|and|#strike|;|call|+44|20|or|C$|5|at|.25|each|.",
    );
    check("1. First item", "1.|First|item");
    check("a@b", "a|@|b");
}

#[test]
fn punctuation_runs() {
    check(
        "Wait... what?! No -- never…",
        "Wait|...|what|?!|No|--|never|…",
    );
}

#[test]
fn symbols_emoji_and_combining_marks() {
    check("café naïve 👍🏽 ok", "café|naïve|👍🏽|ok");
    check("e\u{301}te\u{301}", "e\u{301}te\u{301}");
    check("👨‍👩‍👧 🇬🇧", "👨‍👩‍👧|🇬🇧");
}

#[test]
fn whitespace_after_tokens_reproduces_the_text() {
    let text = "  “We won,” said Ana.\r\n\r\nIt’s over —  for now.\t";
    let seg = segment(text);
    let mut rebuilt = String::new();
    let mut pos = 0;
    for t in &seg.tokens {
        assert!(text[pos..t.span.start].chars().all(char::is_whitespace));
        rebuilt.push_str(&text[pos..t.span.end]);
        pos = t.span.end;
    }
    rebuilt.push_str(&text[pos..]);
    assert_eq!(rebuilt, text);
}

#[test]
fn doubled_apostrophes_after_s_close_a_quotation() {
    // Two apostrophes typed as a double mark: the plural possessive rule must not take the first.
    check(
        "It rose ''a few notches'' there.",
        "It|rose|'|'|a|few|notches|'|'|there|.",
    );
    check("The dockers' union met.", "The|dockers|'|union|met|.");
}

#[test]
fn invisible_format_characters_separate_like_spaces() {
    // A left-to-right embedding pasted in front of the paragraph's opening mark, a zero-width
    // space between words and a byte-order mark: none becomes a token or hides the mark.
    let text = "\u{202A}“Ask the crew,” she said.\u{200B}Then\u{FEFF} we left.";
    check(text, "“|Ask|the|crew|,|”|she|said|.|Then|we|left|.");
    let k = kinds(text);
    assert_eq!(k[0].1, TokenKind::Quote);
    // A zero-width joiner stays inside its word.
    check("a\u{200D}b c", "a\u{200D}b|c");
}
