//! Drives the real app headlessly with `egui_kittest`: the same `RashomonApp` the window runs.

mod common;

use common::{fact_id, harness_with, sample, select_start_of_article, type_key};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable};
use rashomon::model::{FactStatus, Stance, short};

#[test]
fn sample_opens_with_a_finished_comparison() {
    let harness = sample();
    let app = harness.state();
    assert_eq!(app.document().session().articles().len(), 3);
    assert!(
        !app.document().is_dirty(),
        "a fresh sample has nothing to save"
    );
    harness.get_by_label("2 agreed");
    harness.get_by_label("3 disputed");
    harness.get_by_label("3 one-sided");
    // One column per party, with its claim count.
    for party in ["US", "Russia", "Syria"] {
        assert!(
            !harness
                .get_all_by_label(party)
                .collect::<Vec<_>>()
                .is_empty()
        );
    }
}

#[test]
fn tag_with_a_key_link_to_a_fact_and_watch_the_status_change() {
    let mut harness = sample();
    select_start_of_article(&mut harness, 9);
    let selection = harness.state().selection().text.expect("text is selected");
    assert_eq!(selection.span.len(), "Coalition".len());

    // Key 2 tags the selection as the second party, Russia.
    type_key(&mut harness, Key::Num2, "2");
    let app = harness.state();
    let claim_id = app.selection().claim.expect("the new claim is selected");
    let claim = app
        .document()
        .session()
        .claim(claim_id)
        .expect("claim exists");
    assert_eq!(claim.anchor.quote, "Coalition");
    let russia = &app.document().session().parties()[1];
    assert_eq!(claim.party, russia.id);
    assert_eq!(app.document().undo_label(), Some("Tag claim as Russia"));
    // It shows in Russia's narrative column, as a card labelled with its quote.
    harness.get_by_label("Coalition");

    // Link it to a one-sided fact (only the US speaks to it): now two parties agree.
    let fact = fact_id(harness.state(), "The ceasefire is broadly holding");
    assert_eq!(
        harness.state().document().analysis().status(fact),
        FactStatus::OneSided
    );
    harness.get_by_label("Fact of claim").click();
    harness.run();
    harness
        .get_by_label("~ The ceasefire is broadly holding")
        .click();
    harness.run();
    assert_eq!(
        harness.state().document().analysis().status(fact),
        FactStatus::Agreed
    );
    harness.get_by_label("3 agreed");

    // S flips the stance: Russia now denies what the US affirms.
    type_key(&mut harness, Key::S, "s");
    let app = harness.state();
    assert_eq!(
        app.document().session().claim(claim_id).map(|c| c.stance),
        Some(Stance::Denies)
    );
    assert_eq!(app.document().analysis().status(fact), FactStatus::Disputed);
    harness.get_by_label("4 disputed");

    // The By fact arrangement shows the row with Russia's quote in it.
    harness.get_by_label("By fact").click();
    harness.run();
    harness.get_by_role_and_label(
        egui::accesskit::Role::Row,
        "The ceasefire is broadly holding",
    );

    // Undo twice: back to one-sided.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().document().analysis().status(fact),
        FactStatus::OneSided
    );
}

#[test]
fn cyrillic_arabic_and_emoji_tag_in_the_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mixed.txt");
    std::fs::write(
        &path,
        "قالت دمشق إن الضربة دليل\nМосква ответила 🚀 быстро.",
    )
    .expect("write");
    let mut harness = harness_with(vec![path]);
    harness.state_mut().finish_tasks();
    harness.run();
    select_start_of_article(&mut harness, 9);
    // Tag with the party button this time: clicking it takes focus from the text, and the
    // selection made before the click is what gets tagged.
    harness.get_by_label("3  Syria").click();
    harness.run();
    let app = harness.state();
    let claim = app.document().session().claims().next().expect("one claim");
    assert_eq!(claim.anchor.quote, "قالت دمشق");
    assert_eq!(claim.anchor.span.len(), "قالت دمشق".len());
    harness.get_by_label("قالت دمشق");
}

/// Quotes, titles and fact statements with right-to-left words are laid out by the app,
/// and such a galley holds its words in the order they are drawn: read aloud as is, an
/// Arabic quote would come out backwards. Shown through `text::add`, a screen reader gets
/// it in reading order.
#[test]
fn a_laid_out_arabic_label_is_read_to_a_screen_reader_in_reading_order() {
    let quote = "“قالت دمشق إن الضربة دليل”";
    let mut harness = egui_kittest::Harness::new_ui(|ui| {
        rashomon::ui::fonts::install(ui.ctx());
        let laid = rashomon::text::label(ui, quote.to_owned(), 300.0);
        assert_ne!(laid.text(), quote, "drawn order is not reading order");
        rashomon::text::add(ui, egui::Label::new(laid), quote);
    });
    harness.run();
    let node = harness.get_by_label_contains("دمشق");
    assert_eq!(node.accesskit_node().value().as_deref(), Some(quote));
}

#[test]
fn save_and_reopen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("work.rashomon");
    let mut harness = sample();
    select_start_of_article(&mut harness, 9);
    type_key(&mut harness, Key::Num1, "1");
    assert!(harness.state().document().is_dirty());
    harness.state_mut().save_to(path.clone());
    harness.state_mut().finish_tasks();
    harness.run();
    assert!(!harness.state().document().is_dirty());
    assert_eq!(harness.state().document().display_name(), "work.rashomon");
    let saved = harness.state().document().session().clone();

    let mut reopened = harness_with(vec![path]);
    reopened.state_mut().finish_tasks();
    reopened.run();
    assert_eq!(reopened.state().document().session(), &saved);
    assert!(!reopened.state().document().is_dirty());
    reopened.get_by_label("Coalition");
}

#[test]
fn bad_files_give_messages_and_the_app_keeps_running() {
    let dir = tempfile::tempdir().expect("temp dir");
    let binary = dir.path().join("photo.txt");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff]).expect("write");
    let newer = dir.path().join("future.rashomon");
    let text = rashomon::sample::SAMPLE_SESSION.replacen("\"version\": 2", "\"version\": 7", 1);
    std::fs::write(&newer, &text).expect("write");

    let mut harness = harness_with(vec![binary, dir.path().join("missing.txt")]);
    harness.state_mut().finish_tasks();
    harness.run();
    harness.get_by_label_contains("(2 problems)");

    let mut harness = harness_with(vec![newer.clone()]);
    harness.state_mut().finish_tasks();
    harness.run();
    harness.get_by_label_contains("newer version of Rashomon");
    assert_eq!(
        std::fs::read_to_string(&newer).expect("read"),
        text,
        "file untouched"
    );
}

#[test]
fn replacing_unsaved_work_asks_first() {
    let mut harness = sample();
    select_start_of_article(&mut harness, 9);
    type_key(&mut harness, Key::Num1, "1");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(harness.state().document().session().articles().len(), 3);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_label("Don't save").click();
    harness.run();
    assert!(harness.state().document().session().articles().is_empty());
    harness.get_by_label("No articles yet");
}

#[test]
fn clicking_a_highlight_selects_its_claim_and_escape_clears_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("long.txt");
    std::fs::write(&path, "Moscow said the strike was deliberate. ".repeat(60)).expect("write");
    let mut harness = harness_with(vec![path]);
    harness.state_mut().finish_tasks();
    harness.run();
    // Tag the whole text: select all, then 2.
    harness.get_by_label_contains("Article text: ").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    type_key(&mut harness, Key::Num2, "2");
    let claim = harness
        .state()
        .selection()
        .claim
        .expect("tagged and selected");
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.state().selection().claim, None);
    // A click in the middle of the text lands on the highlight.
    harness.get_by_label_contains("Article text: ").click();
    harness.run();
    assert_eq!(harness.state().selection().claim, Some(claim));
    harness.get_by_label_contains("Delete claim").click();
    harness.run();
    assert_eq!(harness.state().document().session().claims().len(), 0);
}

#[test]
fn export_dialog_writes_the_chosen_format_with_the_chosen_parties() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("claims.csv");
    let mut harness = common::harness(rashomon::ui::Startup {
        sample: true,
        save_answer: Some(out.clone()),
        ..rashomon::ui::Startup::default()
    });
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    harness.get_by_label("CSV table of claims").click();
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, "Syria")
        .click();
    harness.run();
    harness.get_by_label("Export…").click();
    harness.run();
    harness.state_mut().finish_tasks();
    harness.run();
    harness.get_by_label_contains("CSV table of claims written to");
    let csv = std::fs::read_to_string(&out).expect("written");
    assert!(csv.starts_with("claim_id,party,stance,quote"));
    assert!(csv.contains(",US,") && csv.contains(",Russia,"));
    assert!(!csv.contains(",Syria,"), "Syria was unticked");
}

#[test]
fn a_windows_1251_article_opens_and_says_its_encoding() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("moscow.txt");
    let text = "Министерство обороны заявило, что удар стал следствием отказа от координации.";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    std::fs::write(&path, &bytes).expect("write");
    let mut harness = harness_with(vec![path]);
    harness.state_mut().finish_tasks();
    harness.run();
    assert_eq!(
        harness.state().document().session().articles()[0].text,
        text
    );
    harness.get_by_label_contains("windows-1251");
}

#[test]
fn the_search_filters_both_arrangements_and_edits_show_at_once() {
    let mut harness = sample();
    let unlinked = short("Officials promised a review of how the target was chosen");
    let stormed =
        short("Islamic State fighters stormed the mountain immediately after the bombing ended");
    assert!(harness.query_by_label(&unlinked).is_some());
    assert!(harness.query_by_label(&stormed).is_some());

    // Narratives: only claims with the word stay.
    harness.get_by_label("Search claims").click();
    harness.run();
    harness.event(egui::Event::Text("stormed".to_owned()));
    harness.run();
    assert!(harness.query_by_label(&stormed).is_some());
    assert!(harness.query_by_label(&unlinked).is_none());

    // By fact: one row left, the others counted as hidden; no unlinked claim matches.
    harness.get_by_label("By fact").click();
    harness.run();
    assert!(harness.query_by_label(&stormed).is_some());
    assert!(harness.query_by_label(&unlinked).is_none());
    harness.get_by_label_contains("facts hidden by the filter");

    // Emptying the search brings everything back.
    harness.get_by_label("Search claims").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.key_press(Key::Backspace);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("hidden by the filter")
            .is_none()
    );
    harness.get_by_label("Narratives").click();
    harness.run();
    assert!(harness.query_by_label(&unlinked).is_some());

    // An edit shows in the next frame: delete the claim, then undo.
    harness.get_by_label(&stormed).click();
    harness.run();
    harness.key_press(Key::Delete);
    harness.run();
    assert!(harness.query_by_label(&stormed).is_none());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.query_by_label(&stormed).is_some());
}

#[test]
fn the_command_palette_runs_a_command_by_a_few_letters_of_its_name() {
    let mut harness = sample();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run();
    harness.get_by_label("Command");
    harness.event(egui::Event::Text("by fact".to_owned()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().layout(),
        rashomon::ui::actions::ComparisonLayout::ByFact
    );
    assert!(
        harness.query_by_label("Command").is_none(),
        "the palette closes after running"
    );
    // Esc closes it without running anything.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run();
    harness.get_by_label("Command");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Command").is_none());
}

#[test]
fn the_reader_tells_a_screen_reader_its_paragraphs_and_their_claims() {
    let harness = sample();
    let app = harness.state();
    let article = app.selection().article.expect("an article is shown");
    let text = app
        .document()
        .session()
        .article(article)
        .expect("article")
        .text
        .clone();
    let paragraphs: Vec<_> = harness
        .get_all_by_role(egui::accesskit::Role::Paragraph)
        .collect();
    assert!(!paragraphs.is_empty(), "the visible paragraphs are nodes");
    let first_line = text.lines().find(|l| !l.trim().is_empty()).expect("text");
    assert!(
        paragraphs
            .iter()
            .any(|p| p.accesskit_node().label().as_deref() == Some(first_line.trim())),
        "a paragraph node holds the article's own text"
    );
    // Paragraphs with claims say whose claims they are, and what they say of which fact.
    let described: Vec<String> = paragraphs
        .iter()
        .filter_map(|p| p.accesskit_node().description())
        .collect();
    assert!(
        described
            .iter()
            .any(|d| d.starts_with("Claims: ") && (d.contains("affirms") || d.contains("denies"))),
        "{described:?}"
    );
}

#[test]
fn a_save_asked_for_while_one_is_written_follows_it_and_both_succeed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("twice.rashomon");
    let session = rashomon::sample::load().expect("sample");
    rashomon::storage::save(&path, &session).expect("save");
    let mut harness = harness_with(vec![path.clone()]);
    harness.state_mut().finish_tasks();
    harness.run();
    let article = harness.state().document().session().articles()[0].id;
    harness
        .state_mut()
        .tag_span(article, rashomon::model::TextSpan::new(0, 9), 0);
    // Ctrl+S twice before the first write is done: the second waits for the first.
    harness.state_mut().save_now();
    harness.state_mut().save_now();
    assert!(harness.state().save_is_waiting());
    harness.state_mut().finish_tasks();
    harness.run();
    let app = harness.state();
    assert!(!app.save_is_waiting());
    assert!(!app.document().is_dirty(), "{:?}", app.messages());
    assert!(
        app.messages().iter().all(|m| !m.contains("cannot")),
        "{:?}",
        app.messages()
    );
    let saved = rashomon::storage::load(&path).expect("the file reads back");
    assert_eq!(saved.session.claims().len(), session.claims().len() + 1);
    let stray: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty(), "no temporary file is left");
}

#[test]
fn ten_thousand_parties_build_only_what_is_on_screen() {
    // The sample with 10,000 more parties, as a file: the party list, the tag bar, the
    // columns and the matrix must not build a widget for every party in every frame.
    let mut file: serde_json::Value =
        serde_json::from_str(rashomon::sample::SAMPLE_SESSION).expect("sample is JSON");
    let session = &mut file["session"];
    let first_id = session["next_id"].as_u64().expect("next id");
    let parties = session["parties"].as_array_mut().expect("parties");
    for n in 0..10_000_u64 {
        parties.push(serde_json::json!({
            "id": first_id + n,
            "name": format!("Extra party {n}"),
            "colour": "#777777",
            "aliases": [],
        }));
    }
    session["next_id"] = serde_json::json!(first_id + 10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("crowded.rashomon");
    std::fs::write(&path, file.to_string()).expect("write");

    let mut harness = harness_with(vec![path]);
    harness.state_mut().finish_tasks();
    harness.run();
    assert_eq!(harness.state().document().session().parties().len(), 10_003);
    let built = |harness: &egui_kittest::Harness<'_, rashomon::ui::RashomonApp>| {
        harness.query_all_by_label_contains("Extra party").count()
    };
    // Narratives: a few columns' headers and a dozen lines of the party list.
    assert!(built(&harness) < 60, "narratives built {}", built(&harness));
    harness.get_by_label("9994 more…");
    harness.key_press(Key::J);
    harness.run();
    assert!(
        built(&harness) < 60,
        "with a claim selected: {}",
        built(&harness)
    );
    harness.key_press_modifiers(Modifiers::ALT, Key::Num2);
    harness.run();
    assert!(built(&harness) < 60, "by fact built {}", built(&harness));
    harness.key_press_modifiers(Modifiers::ALT, Key::Num3);
    harness.run();
    harness.get_by_label_contains("lists each party's totals");
    assert!(built(&harness) < 80, "the totals built {}", built(&harness));
}

#[test]
fn help_about_names_the_version_the_licences_and_where_work_is_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().to_owned();
    let mut harness = common::harness(rashomon::ui::Startup {
        sample: true,
        recovery_dir: Some(recovery.clone()),
        ..rashomon::ui::Startup::default()
    });
    // Help › About, reached through the palette (the same command the menu runs).
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run();
    harness.event(egui::Event::Text("about".to_owned()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label(&format!("Rashomon {}", env!("CARGO_PKG_VERSION")));
    harness.get_by_label_contains("SIL Open Font License");
    harness.get_by_label_contains(&recovery.display().to_string());
    harness.get_by_label("Close").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("SIL Open Font License")
            .is_none()
    );
}

/// The agreement matrix: a click on a count lists those facts and filters the comparison to
/// them; By fact then shows only them.
#[test]
fn a_click_on_a_matrix_cell_lists_its_facts_and_filters_the_comparison() {
    let mut harness = common::sample();
    let disputed = {
        let app = harness.state();
        let session = app.document().session();
        let (us, russia) = (session.parties()[0].id, session.parties()[1].id);
        rashomon::model::pair_facts(session, app.document().analysis(), (us, russia), true)
    };
    assert!(
        !disputed.is_empty(),
        "the sample has facts the US and Russia dispute"
    );
    harness.key_press_modifiers(Modifiers::ALT, Key::Num3);
    harness.run();
    harness
        .get_by_label("US and Russia: disputed facts")
        .click();
    harness.run();
    harness.get_by_label(&format!("Facts US and Russia dispute ({})", disputed.len()));
    let total = harness.state().document().session().facts().len();
    harness.key_press_modifiers(Modifiers::ALT, Key::Num2);
    harness.run();
    harness.get_by_label_contains(&format!(
        "{} hidden by the filter",
        rashomon::ui::actions::count(total - disputed.len(), "fact", "facts")
    ));
    harness.get_by_label("Filter (1)");
}

/// At 1024×700: selecting a claim neither widens the sidebar (a long fact statement is
/// truncated) nor leaves the inspector below the fold (it scrolls into view).
#[test]
fn a_small_window_keeps_the_sidebar_width_and_shows_the_inspector() {
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1024.0, 700.0))
        .with_max_steps(64)
        .build_eframe(|cc| {
            rashomon::ui::RashomonApp::new(
                cc,
                rashomon::ui::Startup {
                    sample: true,
                    ..rashomon::ui::Startup::default()
                },
            )
        });
    harness.run();
    let add = |harness: &egui_kittest::Harness<'_, rashomon::ui::RashomonApp>| {
        harness.get_by_label("+ Add").rect()
    };
    let before = add(&harness);
    harness.key_press(Key::J);
    harness.run();
    harness.run();
    assert!(harness.state().selection().claim.is_some());
    let after = add(&harness);
    assert!(
        (after.right() - before.right()).abs() < 1.0,
        "the sidebar widened: {before:?} → {after:?}"
    );
    let delete = harness.get_by_label_contains("Delete claim").rect();
    assert!(
        delete.bottom() <= 700.0,
        "the inspector is below the fold: {delete:?}"
    );
}
