//! Sentence fixtures: each case is a text and its sentences, written out in full.
//! All texts are original, written for these tests.

use newsquotes_segment::segment;

/// The sentences of `text`, as strings.
fn sentences(text: &str) -> Vec<&str> {
    segment(text)
        .sentences
        .iter()
        .map(|s| s.span.slice(text))
        .collect()
}

#[track_caller]
fn check(text: &str, expected: &[&str]) {
    assert_eq!(sentences(text), expected, "text: {text:?}");
}

#[test]
fn plain_sentences() {
    check(
        "The port reopened on Monday. Ships queued outside! Would the strike end?",
        &[
            "The port reopened on Monday.",
            "Ships queued outside!",
            "Would the strike end?",
        ],
    );
}

#[test]
fn titles_never_end_a_sentence() {
    check(
        "Mr. Okafor met Mrs. Lind and Dr. Patel. Gen. Ruiz, Sen. Abbott, Rep. Cho and Gov. \
         Ferris were absent, as was Lt. Col. Dunne.",
        &[
            "Mr. Okafor met Mrs. Lind and Dr. Patel.",
            "Gen. Ruiz, Sen. Abbott, Rep. Cho and Gov. Ferris were absent, as was Lt. Col. Dunne.",
        ],
    );
}

#[test]
fn abbreviations_end_a_sentence_only_before_an_opener() {
    check(
        "She works for Harbour Cranes Inc. The firm employs 40 people.",
        &[
            "She works for Harbour Cranes Inc.",
            "The firm employs 40 people.",
        ],
    );
    check(
        "Harbour Cranes Inc. said on Jan. 4 that No. 2 berth at St. Olave's would close.",
        &["Harbour Cranes Inc. said on Jan. 4 that No. 2 berth at St. Olave's would close."],
    );
    check(
        "Talks at the U.N. resumed at 9 a.m. on Tuesday, with U.S. and U.K. envoys present.",
        &["Talks at the U.N. resumed at 9 a.m. on Tuesday, with U.S. and U.K. envoys present."],
    );
    check(
        "The envoy flew back to the U.S. He said nothing at the airport.",
        &[
            "The envoy flew back to the U.S.",
            "He said nothing at the airport.",
        ],
    );
    check(
        "Dockers, crane drivers, pilots etc. Everyone joined the strike.",
        &[
            "Dockers, crane drivers, pilots etc.",
            "Everyone joined the strike.",
        ],
    );
    check(
        "Acme Corp. and Bolt Co. merged in Sept. 2020 under Smith & Sons Ltd. ownership.",
        &["Acme Corp. and Bolt Co. merged in Sept. 2020 under Smith & Sons Ltd. ownership."],
    );
}

#[test]
fn initials() {
    check(
        "J. K. Rowling spoke after George W. Bush. A. Noel Grant chaired the panel.",
        &[
            "J. K. Rowling spoke after George W. Bush.",
            "A. Noel Grant chaired the panel.",
        ],
    );
    check(
        "The answer was vitamin C. It helped.",
        &["The answer was vitamin C.", "It helped."],
    );
}

#[test]
fn numbers_decimals_and_money() {
    check(
        "Profits rose 3.5% to £1.5bn. Shares were 20,100 yen. Costs fell to $4.25 a unit.",
        &[
            "Profits rose 3.5% to £1.5bn.",
            "Shares were 20,100 yen.",
            "Costs fell to $4.25 a unit.",
        ],
    );
    check(
        "The vote was 1,351 to 12. 40 members abstained.",
        &["The vote was 1,351 to 12.", "40 members abstained."],
    );
}

#[test]
fn ellipses() {
    check(
        "He paused... and then he left. We waited… Nobody came.",
        &[
            "He paused... and then he left.",
            "We waited…",
            "Nobody came.",
        ],
    );
    check(
        "It was . . . unusual. Then it rained.",
        &["It was . . . unusual.", "Then it rained."],
    );
}

#[test]
fn urls_and_email_addresses() {
    check(
        "Details are at https://example.org/strike?id=4. Write to desk@example.com. Thanks.",
        &[
            "Details are at https://example.org/strike?id=4.",
            "Write to desk@example.com.",
            "Thanks.",
        ],
    );
    check(
        "See www.example.co.uk/news for more. The site is busy.",
        &["See www.example.co.uk/news for more.", "The site is busy."],
    );
}

#[test]
fn lists_bullets_headlines_and_captions() {
    check(
        "Strike ends after nine days\n\
         Dockers return to work in Harbourtown\n\
         1. Pay rises by 4%.\n\
         2. Night shifts are capped.\n\
         • A review is due in May\n\
         - Overtime stays voluntary\n\
         Photograph: Lena Hart/Harbour Post",
        &[
            "Strike ends after nine days",
            "Dockers return to work in Harbourtown",
            "1. Pay rises by 4%.",
            "2. Night shifts are capped.",
            "• A review is due in May",
            "- Overtime stays voluntary",
            "Photograph: Lena Hart/Harbour Post",
        ],
    );
}

#[test]
fn question_inside_quotes_followed_by_lowercase_continues() {
    check(
        "“Who, tell me?” she said. “Nobody!” he replied.",
        &["“Who, tell me?” she said.", "“Nobody!” he replied."],
    );
    check(
        "\"Who, tell me?\" she said.",
        &["\"Who, tell me?\" she said."],
    );
}

#[test]
fn closing_quote_belongs_to_the_sentence_it_ends() {
    check(
        "He said: “We will not go back.” The union agreed.",
        &["He said: “We will not go back.”", "The union agreed."],
    );
    check(
        "She called it 'a disgrace.' Then she left.",
        &["She called it 'a disgrace.'", "Then she left."],
    );
    check(
        "(The meeting was short.) Everyone left.",
        &["(The meeting was short.)", "Everyone left."],
    );
}

#[test]
fn boundaries_inside_multi_sentence_quotations() {
    check(
        "“We are tired. We are not beaten. We will be back,” said Grace Adeyemi.",
        &[
            "“We are tired.",
            "We are not beaten.",
            "We will be back,” said Grace Adeyemi.",
        ],
    );
    check(
        "‘It is over. Go home,’ the mayor said.",
        &["‘It is over.", "Go home,’ the mayor said."],
    );
}

#[test]
fn paragraph_breaks_always_end_a_sentence() {
    check(
        "The strike went on\nfor nine days and\n\nthe port stayed shut",
        &[
            "The strike went on",
            "for nine days and",
            "the port stayed shut",
        ],
    );
    check("One.\r\nTwo.\rThree.", &["One.", "Two.", "Three."]);
}

#[test]
fn lowercase_after_a_full_stop_starts_a_sentence_in_web_text() {
    check(
        "great food. service was slow though. would go again!",
        &["great food.", "service was slow though.", "would go again!"],
    );
}

#[test]
fn separators_and_emoticons() {
    check(
        "The vote is on Friday. ***** Results follow on Monday.",
        &[
            "The vote is on Friday.",
            "*****",
            "Results follow on Monday.",
        ],
    );
    check(
        "We loved it :) The staff were kind.",
        &["We loved it :)", "The staff were kind."],
    );
}

#[test]
fn british_single_quotes_and_possessives() {
    check(
        "'Hello,' he said. 'Bye.' 'We won't go,' said the dockers' leader.",
        &[
            "'Hello,' he said.",
            "'Bye.'",
            "'We won't go,' said the dockers' leader.",
        ],
    );
    check(
        "“He told me ‘never again’,” she said. ‘The workers’ pay is low,’ he said.",
        &[
            "“He told me ‘never again’,” she said.",
            "‘The workers’ pay is low,’ he said.",
        ],
    );
}

#[test]
fn dotted_abbreviations_at_the_end_of_a_sentence() {
    check(
        "She moved to Washington, D.C. The city was cold. I met John Smith Jr. He was late.",
        &[
            "She moved to Washington, D.C.",
            "The city was cold.",
            "I met John Smith Jr.",
            "He was late.",
        ],
    );
    check(
        "The No. 1 seed lost in Washington, D.C. on Friday.",
        &["The No. 1 seed lost in Washington, D.C. on Friday."],
    );
}

#[test]
fn quotations_in_a_row() {
    check(
        "He said \"no.\" She agreed. \"Good.\" \"Fine.\"",
        &["He said \"no.\"", "She agreed.", "\"Good.\"", "\"Fine.\""],
    );
    check(
        "“Are you sure?” “Yes!” he shouted.",
        &["“Are you sure?”", "“Yes!” he shouted."],
    );
}

#[test]
fn german_style_quotation_marks() {
    check(
        "„Wir bleiben“, sagte sie. „Das ist alles.“\nDanach ging sie.",
        &[
            "„Wir bleiben“, sagte sie.",
            "„Das ist alles.“",
            "Danach ging sie.",
        ],
    );
    let text = "„Das ist alles.“";
    let quotes: Vec<_> = segment(text)
        .tokens
        .iter()
        .filter(|t| t.kind == newsquotes_document::TokenKind::Quote)
        .map(|t| t.span.slice(text))
        .collect();
    assert_eq!(quotes, ["„", "“"]);
}
