//! No article can take the window down: a 19.9 MB text with no space in it (one "word", one
//! paragraph) opens, shows and scrolls, and the process stays far from the gigabyte that
//! laying it out in one piece asked for. Its own test binary, so the process's memory is
//! this test's alone.

mod common;

use egui_kittest::kittest::Queryable as _;

#[test]
fn a_twenty_megabyte_word_opens_and_shows_within_memory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("one-word.txt");
    // Letters and digits in a pattern no line-breaking rule may break inside.
    let word: String = "Deirez-Zor2016"
        .replace('-', "")
        .chars()
        .cycle()
        .take(19_900_000)
        .collect();
    std::fs::write(&path, &word).expect("write");
    drop(word);
    let start = common::resident_mb();
    let mut harness = common::harness_with(vec![path]);
    harness.state_mut().finish_tasks();
    harness.run_steps(3);
    harness.get_by_label_contains("Article text: ");
    // The caret to the end: the reader scrolls there.
    harness.get_by_label_contains("Article text: ").focus();
    harness.run_steps(2);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::End);
    harness.run_steps(3);
    let after = common::resident_mb();
    let app = harness.state();
    assert_eq!(app.document().session().articles().len(), 1);
    let text_len = app.document().session().articles()[0].text.len();
    assert!(text_len >= 19_000_000, "{text_len}");
    println!("resident: {start} MB before opening, {after} MB after showing and scrolling");
    assert!(
        after.saturating_sub(start) < 600,
        "{start} MB -> {after} MB"
    );
}
