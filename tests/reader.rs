//! The reader's own selection, driven through the real app: keyboard and mouse, on long
//! articles whose text is laid out only where it is shown.

mod common;

use std::fmt::Write as _;

use common::{click, drag, type_key};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rashomon::ui::RashomonApp;

fn open(text: &str) -> (Harness<'static, RashomonApp>, tempfile::TempDir) {
    let (mut harness, dir) = common::open_file("article.txt", text.as_bytes());
    harness.get_by_label_contains("Article text: ").focus();
    harness.run();
    (harness, dir)
}

fn selected_text(harness: &Harness<'static, RashomonApp>) -> String {
    let app = harness.state();
    let selection = app.selection().text.expect("a selection");
    let article = app
        .document()
        .session()
        .article(selection.article)
        .expect("article");
    article.text[selection.span.range()].to_owned()
}

fn cursor(harness: &Harness<'static, RashomonApp>) -> usize {
    harness.state().selection().cursor.expect("a caret").1.0
}

#[test]
fn the_end_of_a_long_article_in_three_scripts_is_reached_selected_and_tagged_by_keyboard() {
    let mut text = String::new();
    for n in 0..4_000 {
        writeln!(
            text,
            "Paragraph {n}: Удар был ошибкой, заявили в Вашингтоне. قالت دمشق إن الغارة دليل. The raid 🔥 was called off.\n"
        )
        .expect("write to a string");
    }
    text.push_str("The last words here.");
    let (mut harness, _dir) = open(&text);
    // Most paragraphs' heights are still estimates when the caret jumps to the end: they are
    // measured a millisecond's worth per frame, and only a few frames have been drawn (about
    // 300 paragraphs measured here in a release build; the margin is for faster machines).
    assert!(harness.state().reader().unmeasured_blocks() > 2_000);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::End);
    for _ in 0.."here.".len() {
        harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    }
    harness.run();
    assert_eq!(selected_text(&harness), "here.");
    type_key(&mut harness, Key::Num1, "1");
    let app = harness.state();
    let claim = app
        .selection()
        .claim
        .and_then(|c| app.document().session().claim(c))
        .expect("tagged");
    assert_eq!(claim.anchor.quote, "here.");
    // The reader scrolled there: the claim's handles are drawn, so its text is in view.
    harness.get_by_label("End of claim");
    harness.get_by_label("Start of claim");
}

#[test]
fn arrows_move_by_character_word_and_row_across_paragraphs() {
    let text = "Один два три.\n\nقالت دمشق إن الغارة 🔥 دليل.\n\nLast paragraph.";
    let (mut harness, _dir) = open(text);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(cursor(&harness), "О".len());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::ArrowRight);
    harness.run();
    assert_eq!(cursor(&harness), "Один".len());

    // Down: into the Arabic paragraph, then the last one; Up comes back.
    harness.key_press(Key::ArrowDown);
    harness.run();
    let arabic = text.find("قالت").expect("in text");
    let last = text.find("Last").expect("in text");
    assert!(
        (arabic..last).contains(&cursor(&harness)),
        "{}",
        cursor(&harness)
    );
    harness.key_press(Key::ArrowDown);
    harness.run();
    assert!(cursor(&harness) >= last);
    harness.key_press(Key::ArrowUp);
    harness.key_press(Key::ArrowUp);
    harness.run();
    assert!(cursor(&harness) < arabic);

    // Shift+End selects to the end of the row; Ctrl+A everything.
    harness.key_press(Key::Home);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::End);
    harness.run();
    assert_eq!(selected_text(&harness), "Один два три.");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    assert_eq!(selected_text(&harness), text);
}

#[test]
fn the_mouse_selects_words_and_ranges_and_the_selection_copies() {
    let text = "Officials promised a review of how the target was chosen, and said the pilots had believed they were attacking fighters of the Islamic State near the airport.\n\nA second paragraph follows.";
    let (mut harness, _dir) = open(text);
    let area = harness.get_by_label_contains("Article text: ").rect();
    let on_text = egui::pos2(area.center().x, area.top() + 12.0);

    // A click puts the caret there.
    click(&mut harness, on_text);
    let at = cursor(&harness);
    assert!(
        at > 0 && at < text.find('\n').expect("two paragraphs"),
        "{at}"
    );

    // A drag from there to the second paragraph selects everything between.
    let below = egui::pos2(area.left() + 4.0, area.top() + 200.0);
    drag(&mut harness, on_text, below, 5);
    let selected = selected_text(&harness);
    assert!(text[at..].starts_with(&selected), "{selected}");
    assert!(
        selected.contains('\n'),
        "reaches the second paragraph: {selected}"
    );

    // Ctrl+C puts the selection on the clipboard.
    harness.event(egui::Event::Copy);
    harness.step();
    let copied = harness
        .output()
        .platform_output
        .commands
        .iter()
        .any(|c| matches!(c, egui::OutputCommand::CopyText(t) if *t == selected));
    assert!(copied, "the selection was copied");
}

#[test]
fn an_arabic_paragraph_starts_at_its_right_and_clicks_there_land_at_its_start() {
    let text = "قالت القيادة العامة إن الغارة كانت متعمدة وإنها دليل على دعم التنظيم\n\nA second paragraph in English, left to right as usual.";
    let (mut harness, _dir) = open(text);
    let area = harness.get_by_label_contains("Article text: ").rect();
    let first_row = area.top() + 12.0;
    click(&mut harness, egui::pos2(area.right() - 30.0, first_row));
    let right = cursor(&harness);
    click(&mut harness, egui::pos2(area.left() + 60.0, first_row));
    let left = cursor(&harness);
    let english = text.find("A second").expect("in text");
    assert!(right < left && left < english, "right {right}, left {left}");
    assert!(
        right <= "قالت".len(),
        "the right end is the first word: {right}"
    );

    // In the English paragraph below, left is the start as usual.
    let second_row = area.top() + 25.0 + 12.0 + 25.0;
    click(&mut harness, egui::pos2(area.left() + 60.0, second_row));
    let english_left = cursor(&harness);
    click(&mut harness, egui::pos2(area.left() + 300.0, second_row));
    assert!(english_left >= english && cursor(&harness) > english_left);
}

/// A drag that starts at a right-to-left line's start — its right edge, next to the scroll
/// bar — selects text: a gutter keeps the scroll bar out of reach.
#[test]
fn a_drag_from_the_right_edge_of_a_right_to_left_line_selects_text() {
    let paragraph = "قالت وزارة الدفاع الروسية إن الغارة الأمريكية على مواقع الجيش السوري قرب مطار دير الزور لم تكن خطأ، وإن واشنطن رفضت تنسيق عملياتها مع موسكو قبل الهجوم. ";
    let text = vec![paragraph.repeat(3); 40].join("\n\n");
    let (mut harness, _dir) = common::open_file("arabic.txt", text.as_bytes());
    let first = harness
        .query_all_by_role(egui::Role::Paragraph)
        .next()
        .map(|node| node.rect())
        .expect("a paragraph in view");
    let y = first.top() + 10.0;
    common::drag(
        &mut harness,
        egui::pos2(first.right() + 5.0, y),
        egui::pos2(first.center().x, y),
        8,
    );
    let selection = harness
        .state()
        .selection()
        .text
        .expect("text selected, not scrolled");
    assert!(selection.span.len() > 20, "{selection:?}");
}

/// Idle costs nothing: once a long article is open and shown, with nothing moving, the
/// window asks for no more frames (paragraphs out of view are measured in frames that come
/// anyway, not in frames of their own).
#[test]
fn an_idle_window_requests_no_frames_after_opening_a_long_article() {
    let text = vec![
        "The ministry said the strike on the hill was a mistake, and officials in three capitals gave their own accounts of what had happened near the airport.";
        3_000
    ]
    .join("\n\n");
    let (mut harness, _dir) = common::open_file("long.txt", text.as_bytes());
    harness.state_mut().finish_tasks();
    harness.run();
    harness.state_mut().finish_tasks();
    harness.run();
    let delay = harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map_or(std::time::Duration::ZERO, |v| v.repaint_delay);
    assert_eq!(
        delay,
        std::time::Duration::MAX,
        "a frame asked for while idle: {:?}",
        harness.ctx.repaint_causes()
    );
}
