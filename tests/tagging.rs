//! The keyboard-first tagging session, driven through the real app.

mod common;

use common::{drag, select_in_article, type_key};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rashomon::model::{FactStatus, Stance};
use rashomon::ui::RashomonApp;

const TEXT: &str = "Washington said the raid was a mistake. Moscow said it was deliberate. Damascus called it proof of support for the jihadists. Nobody else spoke.";

fn article_session() -> (Harness<'static, RashomonApp>, tempfile::TempDir) {
    common::open_file("raid.txt", TEXT.as_bytes())
}

fn chars_before(needle: &str) -> usize {
    TEXT[..TEXT.find(needle).expect("in text")].chars().count()
}

fn tag(harness: &mut Harness<'static, RashomonApp>, quote: &str, key: Key, digit: &str) {
    select_in_article(harness, chars_before(quote), quote.chars().count());
    type_key(harness, key, digit);
}

fn type_text(harness: &mut Harness<'static, RashomonApp>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
}

/// The text selected in the reader (the sentence U selected).
fn selected_text(harness: &Harness<'static, RashomonApp>) -> &'static str {
    let selection = harness
        .state()
        .selection()
        .text
        .expect("a sentence is selected");
    &TEXT[selection.span.range()]
}

fn selected_quote(harness: &Harness<'static, RashomonApp>) -> String {
    let app = harness.state();
    app.selection()
        .claim
        .and_then(|c| app.document().session().claim(c))
        .map(|c| c.anchor.quote.clone())
        .unwrap_or_default()
}

#[test]
fn three_parties_two_stances_disputed_then_undo() {
    let (mut harness, _dir) = article_session();
    tag(&mut harness, "the raid was a mistake", Key::Num1, "1");
    tag(&mut harness, "it was deliberate", Key::Num2, "2");
    tag(&mut harness, "Damascus called it proof", Key::Num3, "3");
    assert_eq!(harness.state().document().session().claims().len(), 3);

    // K twice: from Syria's claim back to the US claim, in reading order.
    type_key(&mut harness, Key::K, "k");
    type_key(&mut harness, Key::K, "k");
    assert_eq!(selected_quote(&harness), "the raid was a mistake");

    // F opens the fact picker; typing a statement and Enter creates and links it.
    type_key(&mut harness, Key::F, "f");
    harness.get_by_label("Link claim to fact");
    type_text(&mut harness, "The raid was an accident");
    harness.key_press(Key::Enter);
    harness.run();
    let session = harness.state().document().session();
    assert_eq!(session.facts().len(), 1);
    let fact = session.facts()[0].id;
    assert_eq!(
        harness.state().document().analysis().status(fact),
        FactStatus::OneSided
    );

    // J to Russia's claim; F, a fuzzy query finds the fact, Enter links it.
    type_key(&mut harness, Key::J, "j");
    assert_eq!(selected_quote(&harness), "it was deliberate");
    type_key(&mut harness, Key::F, "f");
    type_text(&mut harness, "accdnt");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().document().analysis().status(fact),
        FactStatus::Agreed
    );
    harness.get_by_label("1 agreed");

    // S: Russia now denies it; the fact is disputed.
    type_key(&mut harness, Key::S, "s");
    let app = harness.state();
    let claim = app.selection().claim.expect("selected");
    assert_eq!(
        app.document().session().claim(claim).map(|c| c.stance),
        Some(Stance::Denies)
    );
    assert_eq!(app.document().analysis().status(fact), FactStatus::Disputed);
    harness.get_by_label("1 disputed");
    assert_eq!(app.document().undo_label(), Some("Set stance to denies"));

    // Undo: back to agreed.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().document().analysis().status(fact),
        FactStatus::Agreed
    );
    harness.get_by_label("1 agreed");
}

#[test]
fn note_key_focuses_the_note_and_typing_there_tags_nothing() {
    let (mut harness, _dir) = article_session();
    tag(&mut harness, "Moscow said", Key::Num2, "2");
    type_key(&mut harness, Key::N, "n");
    // Digits and S typed into the note stay text.
    type_text(&mut harness, "Check 2 sources");
    harness.key_press(Key::Num2);
    harness.key_press(Key::S);
    harness.run();
    // Leaving the field commits the note as one step.
    harness.key_press(Key::Escape);
    harness.get_by_label_contains("Article text: ").click();
    harness.run();
    let app = harness.state();
    let claim = app.document().session().claims().next().expect("claim");
    assert_eq!(claim.note, "Check 2 sources");
    assert_eq!(claim.stance, Stance::Affirms);
    assert_eq!(app.document().session().claims().len(), 1);
    assert_eq!(app.document().undo_label(), Some("Edit note"));
}

#[test]
fn spans_widen_narrow_split_and_merge_by_keyboard() {
    let (mut harness, _dir) = article_session();
    tag(&mut harness, "Moscow said", Key::Num2, "2");
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    harness.run();
    assert_eq!(selected_quote(&harness), "Moscow said it");
    harness.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowLeft);
    harness.run();
    assert_eq!(selected_quote(&harness), "mistake. Moscow said it");
    harness.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowRight);
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    harness.run();
    assert_eq!(selected_quote(&harness), "Moscow said");

    // R: the claim takes the current selection as its span.
    let quote = "Moscow said it was deliberate.";
    select_in_article(&mut harness, chars_before(quote), quote.chars().count());
    type_key(&mut harness, Key::R, "r");
    assert_eq!(selected_quote(&harness), quote);

    // X splits at the text cursor; M merges the two parts again.
    select_in_article(&mut harness, chars_before("it was deliberate"), 0);
    type_key(&mut harness, Key::X, "x");
    let quotes: Vec<String> = harness
        .state()
        .document()
        .session()
        .claims()
        .map(|c| c.anchor.quote.clone())
        .collect();
    assert_eq!(quotes, ["Moscow said", "it was deliberate."]);
    type_key(&mut harness, Key::M, "m");
    assert_eq!(harness.state().document().session().claims().len(), 1);
    assert_eq!(selected_quote(&harness), quote);
}

#[test]
fn next_untagged_sentence_then_tag_it() {
    let (mut harness, _dir) = article_session();
    tag(&mut harness, "Washington said", Key::Num1, "1");
    type_key(&mut harness, Key::U, "u");
    assert_eq!(selected_text(&harness), "Moscow said it was deliberate.");
    type_key(&mut harness, Key::Num2, "2");
    type_key(&mut harness, Key::U, "u");
    assert_eq!(
        selected_text(&harness),
        "Damascus called it proof of support for the jihadists."
    );
}

#[test]
fn next_untagged_skips_a_sentence_covered_by_a_claim_that_starts_earlier() {
    let (mut harness, _dir) = article_session();
    // One claim from the first sentence into the third, one inside the second.
    tag(
        &mut harness,
        "mistake. Moscow said it was deliberate. Damascus",
        Key::Num1,
        "1",
    );
    tag(&mut harness, "it was deliberate", Key::Num2, "2");
    // From the second claim, the third sentence is covered by the first claim.
    type_key(&mut harness, Key::U, "u");
    assert_eq!(selected_text(&harness), "Nobody else spoke.");
}

#[test]
fn find_in_article_counts_and_steps_through_matches() {
    let (mut harness, _dir) = article_session();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    type_text(&mut harness, "SAID");
    harness.get_by_label("1 of 2");
    harness.get_by_label("Next").click();
    harness.run();
    harness.get_by_label("2 of 2");
    harness.get_by_label("Next").click();
    harness.run();
    harness.get_by_label("1 of 2");
}

#[test]
fn shortcuts_sheet_lists_every_command() {
    let (mut harness, _dir) = article_session();
    harness.key_press(Key::F1);
    harness.run();
    // The sheet's heading and its own row.
    assert_eq!(harness.query_all_by_label("Keyboard shortcuts").count(), 2);
    for command in rashomon::ui::commands::Command::ALL {
        assert!(
            harness.query_all_by_label(command.label()).next().is_some(),
            "{} missing from the sheet",
            command.label()
        );
    }
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.query_all_by_label("Keyboard shortcuts").count(), 0);
}

#[test]
fn removing_a_party_offers_to_reassign_its_claims() {
    let (mut harness, _dir) = article_session();
    tag(&mut harness, "Moscow said", Key::Num2, "2");
    // One "…" menu per party; the second is Russia's.
    assert_eq!(harness.get_all_by_label("…").count(), 3);
    harness.get_all_by_label("…").nth(1).expect("menu").click();
    harness.run();
    harness.get_by_label("Remove party…").click();
    harness.run();
    harness.get_by_label("Remove Russia?");
    harness.get_by_label("Give them to Syria").click();
    harness.run();
    harness.get_by_label("Remove party").click();
    harness.run();
    let session = harness.state().document().session();
    assert_eq!(session.parties().len(), 2);
    let syria = session.parties()[1].id;
    assert!(session.claims().all(|c| c.party == syria));
}

#[test]
fn article_details_take_outlet_and_date() {
    let (mut harness, _dir) = article_session();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run();
    harness.get_by_label("Article details");
    harness.get_by_label("Outlet").click();
    harness.run();
    type_text(&mut harness, "Wire Service");
    harness.get_by_label("dated").click();
    harness.run();
    harness.get_by_label("Save details").click();
    harness.run();
    let article = &harness.state().document().session().articles()[0];
    assert_eq!(article.meta.outlet, "Wire Service");
    assert!(article.meta.published.is_some());
    assert_eq!(
        harness.state().document().undo_label(),
        Some("Edit article details")
    );
}

#[test]
fn dragging_a_claim_handle_moves_that_end() {
    let (mut harness, _dir) = article_session();
    tag(&mut harness, "Moscow said", Key::Num2, "2");
    let handle = harness.get_by_label("End of claim").rect();
    let start = handle.center();
    // Drag the end to the right, over "it was".
    let target = start + egui::vec2(60.0, 0.0);
    drag(&mut harness, start, target, 6);
    let quote = selected_quote(&harness);
    assert!(quote.starts_with("Moscow said it"), "{quote}");
    assert_eq!(
        harness.state().document().undo_label(),
        Some("Drag claim boundary")
    );
}

/// U goes on from what the analyst is reading: after scrolling far into a long article, the
/// first untagged sentence at the top of the view, not the article's first.
#[test]
fn next_untagged_starts_from_the_top_of_the_view() {
    let text = (1..=300)
        .map(|n| format!("Paragraph {n}: the ministry said the strike was a mistake."))
        .collect::<Vec<_>>()
        .join("\n\n");
    let (mut harness, _dir) = common::open_file("long.txt", text.as_bytes());
    for _ in 0..12 {
        harness.event(egui::Event::PointerMoved(egui::pos2(560.0, 500.0)));
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -600.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        });
        harness.run();
    }
    let article = harness.state().selection().article.expect("article");
    let top = harness
        .state()
        .reader()
        .top_of_view(article)
        .expect("shown");
    assert!(top > text.len() / 10, "scrolled: top {top}");
    type_key(&mut harness, Key::U, "u");
    let selection = harness.state().selection().text.expect("a sentence");
    assert_eq!(
        selection.span.start.0,
        top,
        "{:?}",
        &text[selection.span.range()]
    );
}
