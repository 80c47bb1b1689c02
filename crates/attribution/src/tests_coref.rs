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

#[test]
fn a_description_that_names_itself_resolves_to_the_name() {
    let d = doc(
        "On the recording, a woman who called herself Ottilie can be heard saying that the bridge had gone.\n“There is no way across now.”",
        &[("Ottilie", EntityLabel::Loc)],
    );
    let qs = quotes(&d);
    let q = find(&qs, "that the bridge");
    assert_eq!(q.speaker.as_deref(), Some("Ottilie"), "{qs:#?}");
}

#[test]
fn a_speaker_who_gave_a_name_only_resolves_to_it() {
    let d = doc(
        "“The water came up to the windows,” said a farmer who gave his name only as Bertil.",
        &[("Bertil", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "“The water").speaker.as_deref(),
        Some("Bertil"),
        "{qs:#?}"
    );
    assert_eq!(d.speakers()[0].gender, newsquotes_document::Gender::Male);
}

#[test]
fn a_person_in_apposition_is_not_named_after_the_body_they_chair() {
    let d = doc(
        "“The gates stay shut until Monday,” said Ines Valdoro, chair of the Corvale Water Board.\nLater, Valdoro said the board would meet again.",
        &[
            ("Ines Valdoro", EntityLabel::Per),
            ("Corvale Water Board", EntityLabel::Org),
            ("Valdoro", EntityLabel::Per),
        ],
    );
    let qs = quotes(&d);
    assert_eq!(
        who(find(&qs, "“The gates")),
        (Some("Ines Valdoro"), Some("Ines Valdoro"))
    );
    assert_eq!(
        find(&qs, "the board").speaker.as_deref(),
        Some("Ines Valdoro")
    );
}

#[test]
fn a_name_followed_by_its_institution_keeps_the_person() {
    let d = doc(
        "“The ice is thinning faster than we thought,” said Petra Lindholm of the Arctic Survey Office.",
        &[
            ("Petra Lindholm", EntityLabel::Per),
            ("Arctic Survey Office", EntityLabel::Org),
        ],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "“The ice").speaker.as_deref(),
        Some("Petra Lindholm")
    );
}

#[test]
fn post_nominal_letters_are_not_part_of_the_name() {
    let d = doc(
        "Tobias Wren QC told the court that the contract had never been signed.",
        &[("Tobias Wren QC", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "that the contract").speaker.as_deref(),
        Some("Tobias Wren")
    );
}

#[test]
fn the_company_resolves_to_the_company_named_before() {
    let d = doc(
        "The toy maker Brindle will close two factories, the company said on Friday.",
        &[("Brindle", EntityLabel::Org)],
    );
    let qs = quotes(&d);
    assert_eq!(
        who(find(&qs, "The toy maker")),
        (Some("the company"), Some("Brindle"))
    );
}

#[test]
fn a_described_body_resolves_to_the_body_whose_name_holds_its_words() {
    let d = doc(
        "Ferries were cancelled by the Ostmark Harbour Board on Monday.\nThe harbour board said that services would resume on Wednesday.",
        &[("Ostmark Harbour Board", EntityLabel::Org)],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "that services").speaker.as_deref(),
        Some("Ostmark Harbour Board"),
        "{qs:#?}"
    );
}

#[test]
fn a_nationality_resolves_to_the_person_named_before() {
    let d = doc(
        "Rovers manager Luca Benedetti has ruled out any new signings.\n“We have enough players,” the Italian said.",
        &[
            ("Luca Benedetti", EntityLabel::Per),
            ("Italian", EntityLabel::Misc),
        ],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "“We have enough").speaker.as_deref(),
        Some("Luca Benedetti")
    );
}

#[test]
fn a_bridging_description_skips_names_inside_what_was_said() {
    let d = doc(
        "Coach Marta Quell has insisted that her captain Ivo Brandl will play on Sunday.\n“He is fit and he is ready,” the veteran said.",
        &[
            ("Marta Quell", EntityLabel::Per),
            ("Ivo Brandl", EntityLabel::Per),
        ],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "“He is fit").speaker.as_deref(),
        Some("Marta Quell"),
        "{qs:#?}"
    );
}

#[test]
fn a_tagged_full_name_beats_a_capitalised_headline_word() {
    let d = doc(
        "Brave Moravec rescues stranded climbers\n\nMountain guide Jana Moravec reached the group at dawn.\n\nFor Moravec, 31, it was a tenth rescue. “I only did my job,” said the guide.",
        &[("Moravec", EntityLabel::Per), ("Jana Moravec", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "“I only did").speaker.as_deref(),
        Some("Jana Moravec"),
        "{qs:#?}"
    );
}

#[test]
fn an_unnamed_person_keeps_the_named_body_they_belong_to() {
    let d = doc(
        "Flights were cancelled on Friday.\n“We will keep flying,” said a spokeswoman for Aerolinea Sur.",
        &[("Aerolinea Sur", EntityLabel::Org)],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "“We will keep").speaker.as_deref(),
        Some("a spokeswoman for Aerolinea Sur"),
        "{qs:#?}"
    );
}

#[test]
fn the_description_quoted_as_the_speaker_names_an_unnamed_person() {
    let d = doc(
        "“The buses never come on time,” said one commuter, a retired nurse.",
        &[],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "“The buses").speaker.as_deref(),
        Some("one commuter")
    );
}

#[test]
fn a_pronoun_prefers_the_subject_of_its_own_paragraph() {
    let d = doc(
        "“Leave now,” said Fire Chief Daniel Abati.\nQuill Marsh, 70, left with his dog. “We saw the flames from the porch,” he said.",
        &[("Daniel Abati", EntityLabel::Per), ("Quill Marsh", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(
        who(find(&qs, "“We saw")),
        (Some("he"), Some("Quill Marsh")),
        "{qs:#?}"
    );
}

#[test]
fn a_pronoun_in_a_dialogue_finds_the_speaker_whose_gender_fits() {
    let d = doc(
        "A young witness grew uneasy under questioning by Nadia Sorel, for the defence.\n“Where were you at nine?” asked the lawyer.\n“At home,” the witness replied.\n“Alone?”\n“Yes.”\n“Are you sure?” she said.",
        &[("Nadia Sorel", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(
        who(find(&qs, "“Are you sure?”")),
        (Some("she"), Some("Nadia Sorel")),
        "{qs:#?}"
    );
}

#[test]
fn a_newspaper_name_cut_short_on_the_left_keeps_its_capitals() {
    let d = doc(
        "The Evening Lantern, which backs the mayor, said the plan was “a blank cheque”.",
        &[("Lantern", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "the plan").speaker.as_deref(),
        Some("Evening Lantern"),
        "{qs:#?}"
    );
}

#[test]
fn a_description_in_apposition_before_a_name_is_that_person() {
    let d = doc(
        "On Monday the chief engineer, Tomas Brandt, wrote to the mayor, Lucia Ferri.\n“The bridge is safe,” the engineer said.",
        &[
            ("Tomas Brandt", EntityLabel::Per),
            ("Lucia Ferri", EntityLabel::Per),
        ],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "“The bridge").speaker.as_deref(),
        Some("Tomas Brandt"),
        "{qs:#?}"
    );
}

#[test]
fn a_title_named_in_the_next_sentence_is_that_person() {
    let d = doc(
        "A ferry ran aground near Portavel overnight, Norland’s transport minister said on Friday.\nAnnika Solberg said that no passengers had been hurt.",
        &[
            ("Portavel", EntityLabel::Loc),
            ("Norland", EntityLabel::Loc),
            ("Annika Solberg", EntityLabel::Per),
        ],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "A ferry").speaker.as_deref(),
        Some("Annika Solberg"),
        "{qs:#?}"
    );
}

#[test]
fn a_headline_title_points_to_the_person_described_below() {
    let d = doc(
        "Coach says squad is exhausted\nOn Sunday the club’s head coach, Ramon Estevez, said the squad was exhausted after six games in three weeks.",
        &[("Ramon Estevez", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(
        who(find(&qs, "squad is exhausted")),
        (Some("Coach"), Some("Ramon Estevez")),
        "{qs:#?}"
    );
}

#[test]
fn a_headline_title_joins_the_longer_extent_of_a_description() {
    let d = doc(
        "Witness admits he lost track of time\nA key witness in the case of the stolen barge admitted on Monday that he had lost track of time.",
        &[],
    );
    let qs = quotes(&d);
    let head = find(&qs, "he lost track");
    let body = find(&qs, "that he had lost");
    assert_eq!(head.speaker, body.speaker, "{qs:#?}");
    assert!(
        body.speaker
            .as_deref()
            .is_some_and(|s| s.starts_with("A key witness")),
        "{qs:#?}"
    );
}

#[test]
fn a_vocative_names_the_other_side_of_a_dialogue() {
    let d = doc(
        "A neighbour of the accused gave evidence on Tuesday.\n“Where were you that night?” asked the prosecutor, Helen Ward.\n“At home,” the neighbour said.\n“Mr Okafor,” she said, “are you sure?”\n“Yes,” he said.\nLater, Okafor said he had nothing to hide.",
        &[("Helen Ward", EntityLabel::Per), ("Okafor", EntityLabel::Per)],
    );
    let qs = quotes(&d);
    assert_eq!(
        who(find(&qs, "“At home,”")),
        (Some("the neighbour"), Some("Okafor")),
        "{qs:#?}"
    );
    assert_eq!(find(&qs, "“Yes,”").speaker.as_deref(), Some("Okafor"));
    assert_eq!(
        find(&qs, "“Where were").speaker.as_deref(),
        Some("Helen Ward")
    );
}

#[test]
fn an_organisation_description_finds_a_newspaper_tagged_misc() {
    let d = doc(
        "An editorial in the Harbour Clarion on Friday was scathing. The newspaper said the council had “lost its way”.",
        &[("Harbour Clarion", EntityLabel::Misc)],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "the council").speaker.as_deref(),
        Some("Harbour Clarion"),
        "{qs:#?}"
    );
}

#[test]
fn a_demonym_before_an_organisation_noun_names_the_organisation() {
    let d = doc(
        "„We will read the ruling first“, said the Tyrolean regional chancellery in Innsbruck.",
        &[
            ("Tyrolean", EntityLabel::Misc),
            ("Innsbruck", EntityLabel::Loc),
        ],
    );
    let qs = quotes(&d);
    assert_eq!(
        find(&qs, "„We will").speaker.as_deref(),
        Some("Tyrolean regional chancellery"),
        "{qs:#?}"
    );
}
