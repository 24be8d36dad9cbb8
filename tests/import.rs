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
    harness.get_by_label_contains("windows-1251");

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
