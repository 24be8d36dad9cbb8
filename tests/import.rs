//! Articles in every format, opened in the real app: text, metadata and encodings come
//! through, and opening one twice asks.

mod articles;
mod common;

use common::harness_with;
use egui_kittest::kittest::Queryable;

#[test]
fn every_format_opens_with_its_metadata_and_a_second_copy_is_asked_about() {
    let dir = tempfile::tempdir().expect("dir");
    let paths = articles::write_all(dir.path());
    let page = paths[0].clone();
    let mut harness = harness_with(paths);
    harness.state_mut().finish_tasks();
    harness.run();

    let session = harness.state().document().session();
    assert_eq!(session.articles().len(), 6);
    let raid = &session.articles()[0];
    assert_eq!(raid.meta.title, "Raid near the airport");
    assert_eq!(raid.meta.outlet, "Harbour Times");
    assert_eq!(
        raid.meta.published,
        chrono::NaiveDate::from_ymd_opt(2016, 9, 18)
    );
    assert!(!raid.text.contains("Sign up") && !raid.text.contains("SCRIPT TEXT"));
    assert_eq!(session.articles()[1].text, articles::RUSSIAN);
    assert_eq!(session.articles()[2].text, articles::ARABIC);
    // The encodings read are listed, one file a line, under the message.
    assert!(
        harness
            .state()
            .messages_with_details()
            .iter()
            .any(|(_, details)| details.iter().any(|d| d.ends_with("windows-1251"))),
        "{:?}",
        harness.state().messages_with_details()
    );

    // The page again: the app asks. Skip keeps one copy …
    harness.state_mut().open_paths(vec![page.clone()]);
    harness.state_mut().finish_tasks();
    harness.run();
    harness.get_by_label("This article is already in the session");
    harness.get_by_label("Skip").click();
    harness.run();
    assert_eq!(harness.state().document().session().articles().len(), 6);

    // … and Add anyway adds a second one.
    harness.state_mut().open_paths(vec![page]);
    harness.state_mut().finish_tasks();
    harness.run();
    harness.get_by_label("Add anyway").click();
    harness.run();
    assert_eq!(harness.state().document().session().articles().len(), 7);
}

#[test]
fn pasted_text_becomes_an_article_titled_by_its_first_line() {
    let article =
        rashomon::import::clipboard_article("\r\n  Заявление МИД\r\nТекст заявления.\r\n")
            .expect("an article");
    assert_eq!(article.meta.title, "Заявление МИД");
    assert_eq!(article.text, "  Заявление МИД\nТекст заявления.");
    assert!(article.meta.source.starts_with("clipboard"));
    let empty = rashomon::import::clipboard_article(" \n\t").expect_err("nothing to add");
    assert!(empty.to_string().contains("no text"));
}

/// Writes the fuzzing seeds for `document_import` (the format byte, then one fixture of each
/// kind): `RASHOMON_WRITE_SEEDS=tests/fuzz_corpus/document_import cargo test --test import
/// -- --ignored write_seeds`.
#[test]
#[ignore = "writes files; run by hand to refresh the fuzzing seeds"]
fn write_seeds() {
    let Some(target) = std::env::var_os("RASHOMON_WRITE_SEEDS") else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    for path in articles::write_all(dir.path()) {
        let selector: u8 = match path.extension().and_then(|e| e.to_str()) {
            Some("html") => 0,
            Some("pdf") => 1,
            Some("docx") => 2,
            Some("odt") => 3,
            _ => 4,
        };
        let mut bytes = vec![selector];
        bytes.extend(std::fs::read(&path).expect("read"));
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        std::fs::write(
            std::path::Path::new(&target).join(format!("seed-{name}")),
            bytes,
        )
        .expect("write seed");
    }
}

const STORY: &str = "Strike near the airport\n\nWashington said the raid was a mistake and promised a review.\n\nMoscow said the coalition had refused to coordinate.\n\nDamascus said the raid proved support for the jihadists.";
const EDITED: &str = "Strike near the airport (updated)\n\nMoscow said the coalition had refused to coordinate.\n\nWashington said the raid was a regrettable mistake and promised a review.\n\nA correction was appended.";

fn tag(
    harness: &mut egui_kittest::Harness<'static, rashomon::ui::RashomonApp>,
    quote: &str,
    key: egui::Key,
    digit: &str,
) {
    let text = harness.state().document().session().articles()[0]
        .text
        .clone();
    let skip = text[..text.find(quote).expect("quote")].chars().count();
    common::select_in_article(harness, skip, quote.chars().count());
    common::type_key(harness, key, digit);
}

#[test]
fn an_edited_story_read_again_keeps_every_claim_and_orphans_are_placed_by_hand() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("story.txt");
    std::fs::write(&path, STORY).expect("write");
    let mut harness = harness_with(vec![path.clone()]);
    harness.state_mut().finish_tasks();
    harness.run();
    tag(&mut harness, "the raid was a mistake", egui::Key::Num1, "1");
    tag(
        &mut harness,
        "the coalition had refused to coordinate",
        egui::Key::Num2,
        "2",
    );
    tag(
        &mut harness,
        "the raid proved support for the jihadists",
        egui::Key::Num3,
        "3",
    );
    assert_eq!(harness.state().document().session().claims().count(), 3);

    // The outlet edits the story; the analyst reads the file again.
    std::fs::write(&path, EDITED).expect("write");
    let article = harness.state().document().session().articles()[0].id;
    harness.state_mut().reload_article(article, None);
    harness.state_mut().finish_tasks();
    harness.run();
    let session = harness.state().document().session();
    assert_eq!(session.articles()[0].text, EDITED);
    let quotes: Vec<(String, bool)> = session
        .claims()
        .map(|c| (c.anchor.quote.clone(), c.orphaned))
        .collect();
    assert_eq!(quotes.len(), 3, "no claim is dropped");
    assert!(
        quotes.contains(&("the raid was a regrettable mistake".into(), false)),
        "{quotes:?}"
    );
    assert!(quotes.contains(&("the coalition had refused to coordinate".into(), false)));
    assert!(quotes.contains(&("the raid proved support for the jihadists".into(), true)));
    harness.get_by_label_contains("1 orphaned");

    // The orphan is listed; the analyst selects it, then where it is now, and presses R.
    harness.get_by_label("⚠ Orphaned claims (1)");
    harness
        .get_by_label_contains("Syria: “the raid proved support")
        .click();
    harness.run();
    tag_selection_only(&mut harness, "A correction was appended");
    common::type_key(&mut harness, egui::Key::R, "r");
    let session = harness.state().document().session();
    assert!(session.claims().all(|c| !c.orphaned));
    assert!(
        session
            .claims()
            .any(|c| c.anchor.quote == "A correction was appended")
    );
    assert!(harness.query_by_label("⚠ Orphaned claims (1)").is_none());
}

fn tag_selection_only(
    harness: &mut egui_kittest::Harness<'static, rashomon::ui::RashomonApp>,
    quote: &str,
) {
    let text = harness.state().document().session().articles()[0]
        .text
        .clone();
    let skip = text[..text.find(quote).expect("quote")].chars().count();
    common::select_in_article(harness, skip, quote.chars().count());
}

#[test]
fn a_file_read_in_the_wrong_encoding_is_read_again_in_the_right_one() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("russian.txt");
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(articles::RUSSIAN);
    std::fs::write(&path, &bytes).expect("write");
    let mut harness = harness_with(vec![path]);
    harness.state_mut().finish_tasks();
    harness.run();
    tag(&mut harness, "отказа Вашингтона", egui::Key::Num2, "2");
    let article = harness.state().document().session().articles()[0].id;

    // Read as KOI8-R, the Cyrillic turns to nonsense: the claim is kept, orphaned.
    harness.state_mut().reload_article(article, Some("KOI8-R"));
    harness.state_mut().finish_tasks();
    harness.run();
    let session = harness.state().document().session();
    assert_eq!(session.articles()[0].meta.encoding, "KOI8-R");
    assert_ne!(session.articles()[0].text, articles::RUSSIAN);
    assert!(session.claims().all(|c| c.orphaned));

    // Read again as windows-1251: the text is right again and the claim finds its place.
    harness
        .state_mut()
        .reload_article(article, Some("windows-1251"));
    harness.state_mut().finish_tasks();
    harness.run();
    let session = harness.state().document().session();
    assert_eq!(session.articles()[0].text, articles::RUSSIAN);
    assert_eq!(session.articles()[0].meta.encoding, "windows-1251");
    let claim = session.claims().next().expect("kept");
    assert!(!claim.orphaned);
    assert_eq!(claim.anchor.quote, "отказа Вашингтона");
}

/// Opening many files at once: the message is a short headline with one line per file under
/// it, not one long run of text.
#[test]
fn many_files_opened_at_once_are_summed_up_with_a_line_each() {
    let dir = tempfile::tempdir().expect("dir");
    let (russian, _, _) = encoding_rs::WINDOWS_1251
        .encode("Министерство обороны России заявило, что удар был преднамеренным.");
    let (arabic, _, _) = encoding_rs::WINDOWS_1256
        .encode("قالت وزارة الخارجية السورية إن الغارة كانت متعمدة وإن واشنطن تدعم الإرهاب.");
    let (french, _, _) = encoding_rs::WINDOWS_1252
        .encode("Le ministère a déclaré que la frappe était délibérée, selon l'agence.");
    let files: Vec<std::path::PathBuf> = [
        ("moscow.txt", russian.into_owned()),
        ("damascus.txt", arabic.into_owned()),
        ("paris.txt", french.into_owned()),
        ("empty.txt", Vec::new()),
        ("binary.txt", vec![0, 159, 146, 150, 0, 1, 2, 3, 0, 0]),
    ]
    .into_iter()
    .map(|(name, bytes)| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    })
    .collect();
    let mut harness = common::harness_with(files);
    harness.state_mut().finish_tasks();
    harness.run();
    let messages = harness.state().messages_with_details();
    let (_, decoded) = messages
        .iter()
        .find(|(text, _)| text == "3 articles were read in an encoding other than UTF-8")
        .unwrap_or_else(|| panic!("{messages:?}"));
    assert_eq!(decoded.len(), 3);
    assert!(decoded.iter().any(|line| line.ends_with("windows-1251")));
    let (_, problems) = messages
        .iter()
        .find(|(text, _)| text == "Opened 3 articles; 2 files were not added.")
        .unwrap_or_else(|| panic!("{messages:?}"));
    assert_eq!(problems.len(), 2);
    assert!(problems.iter().any(|p| p.contains("empty.txt")));
}
