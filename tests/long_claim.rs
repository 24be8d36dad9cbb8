//! A claim of any length costs what its text costs: a whole 20 MB article tagged as one
//! claim is shown as an excerpt on its card, and the process stays far from the gigabytes
//! that laying the quote out as one label asked for (and aborted on). Its own test binary,
//! so the process's memory is this test's alone.

mod common;

use std::fmt::Write as _;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

/// About `bytes` of wire-report prose, in paragraphs, varied so no two lines repeat.
fn article(bytes: usize) -> String {
    let sentences = [
        "The ministry said the strike near the airport was deliberate.",
        "Officials in Washington called it a mistake and promised a review.",
        "A monitoring group reported that dozens of soldiers were killed.",
        "Moscow said the coalition had refused to share its targets.",
        "Damascus described the raid as proof of support for the militants.",
    ];
    let mut text = String::with_capacity(bytes + 200);
    let mut n = 0usize;
    while text.len() < bytes {
        text.push_str(sentences[n % sentences.len()]);
        let _ = write!(text, " ({n}) ");
        n += 1;
        if n.is_multiple_of(6) {
            text.push_str("\n\n");
        }
    }
    text
}

#[test]
fn tagging_a_whole_twenty_megabyte_article_stays_within_memory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("long.txt");
    let text = article(20_000_000);
    std::fs::write(&path, &text).expect("write");
    drop(text);
    let mut harness = common::harness_with(vec![path]);
    harness.state_mut().finish_tasks();
    // The reader measures a big article's paragraphs in the background, a few a frame, and
    // asks for frames until it is done: step a few frames rather than wait for it to settle.
    harness.run_steps(3);
    let before = common::resident_mb();

    harness.get_by_label_contains("Article text: ").focus();
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_steps(2);
    let key = |pressed| egui::Event::Key {
        key: Key::Num1,
        physical_key: Some(Key::Num1),
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    harness.event(key(true));
    harness.event(egui::Event::Text("1".to_owned()));
    harness.event(key(false));
    // Both arrangements show the claim's card or quote.
    harness.run_steps(3);
    harness.key_press_modifiers(Modifiers::ALT, Key::Num2);
    harness.run_steps(3);
    let after = common::resident_mb();

    let app = harness.state();
    let claim = app
        .selection()
        .claim
        .and_then(|c| app.document().session().claim(c))
        .expect("the whole article is one claim");
    assert!(
        claim.anchor.quote.len() > 19_000_000,
        "the claim covers the article"
    );
    // Its card shows an excerpt that says how long the claim is.
    assert!(
        harness
            .query_all_by_label_contains("characters)")
            .next()
            .is_some(),
        "a card shows the excerpt"
    );
    eprintln!("resident: {before} MB with the article open, {after} MB after tagging it whole");
    // The quote itself is 20 MB, and the session keeps its text, the claim and the undo
    // step; laying it out as a label asked for 1.2 GB in one allocation.
    assert!(
        after.saturating_sub(before) < 250,
        "tagging grew the process from {before} MB to {after} MB"
    );
}
