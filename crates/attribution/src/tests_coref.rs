//! Unit tests of speaker resolution (clustering mentions into speakers, canonical names), on
//! hand-written fixtures built with the helpers of `tests.rs`.

#[allow(unused_imports)]
use newsquotes_document::EntityLabel;

#[allow(unused_imports)]
use crate::tests::{doc, find, quotes, who};

#[test]
fn a_pronoun_resolves_to_the_name_before_it() {
    let d = doc(
        "Grace Adeyemi runs the dockers' union.\n“We are not going back,” she said.",
        &[("Grace Adeyemi", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(
        who(find(&qs, "“We are not going back,”")),
        (Some("she"), Some("Grace Adeyemi"))
    );
}
