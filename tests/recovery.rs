//! Never lose work: a process that is killed after edits, before any save, leaves a recovery
//! file that the next start offers to restore.

mod common;

use std::io::{BufRead, BufReader};

use std::time::{Duration, Instant};

use common::{harness, select_in_article, type_key};
use egui::Key;
use egui_kittest::kittest::Queryable;
use rashomon::ui::Startup;

const CHILD_DIR: &str = "RASHOMON_TEST_RECOVERY_DIR";
const CHILD_TEST: &str = "child_edits_then_waits_to_be_killed";

fn recovery_startup(dir: &std::path::Path, sample: bool) -> Startup {
    Startup {
        sample,
        recovery_dir: Some(dir.to_owned()),
        autosave_delay: Some(Duration::from_millis(300)),
        ..Startup::default()
    }
}

/// The app under test in the child process: three edits, then it waits for the kill.
#[test]
#[ignore = "run as a child process by killed_after_edits_the_next_start_restores_them"]
fn child_edits_then_waits_to_be_killed() {
    let dir =
        std::path::PathBuf::from(std::env::var_os(CHILD_DIR).expect("run by the parent test"));
    let mut harness = harness(recovery_startup(&dir, true));
    harness.state_mut().finish_tasks();
    harness.run();
    for (skip, key, text) in [
        (0, Key::Num1, "1"),
        (10, Key::Num2, "2"),
        (20, Key::Num3, "3"),
    ] {
        select_in_article(&mut harness, skip, 6);
        type_key(&mut harness, key, text);
    }
    assert_eq!(harness.state().document().session().claims().len(), 23);
    // Let the autosave see a quiet moment and write.
    let file = harness.state().recovery_file().expect("autosave is on");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !rashomon::storage::read_recovery(&file)
        .is_ok_and(|(loaded, _)| loaded.session.claims().len() == 23)
    {
        assert!(Instant::now() < deadline, "no autosave within 30 s");
        std::thread::sleep(Duration::from_millis(100));
        harness.step();
    }
    println!("READY");
    loop {
        std::thread::sleep(Duration::from_secs(1));
    }
}

#[test]
fn killed_after_edits_the_next_start_restores_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = common::spawn_child_test(CHILD_TEST, CHILD_DIR, dir.path());
    let stdout = child.stdout.take().expect("child stdout");
    let ready = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|line| line.contains("READY"));
    // SIGKILL: no exit handler runs, nothing is saved on the way out.
    child.kill().expect("kill");
    child.wait().expect("reaped");
    assert!(ready, "the child never got its edits autosaved");

    let mut harness = harness(recovery_startup(dir.path(), false));
    harness.state_mut().finish_tasks();
    harness.run();
    assert!(harness.state().offers_recovery());
    harness.get_by_label("Restore unsaved work?");
    harness.get_by_label("Restore").click();
    harness.run();
    let document = harness.state().document();
    assert_eq!(
        document.session().claims().len(),
        23,
        "the three new claims are back"
    );
    assert!(document.is_dirty(), "restored work is still unsaved");
    assert_eq!(document.display_name(), "Sample session");
    let parties: Vec<_> = document
        .session()
        .claims()
        .rev()
        .take(3)
        .map(|c| c.party)
        .collect();
    assert_eq!(parties.len(), 3);
}

#[test]
fn discarding_recovered_work_removes_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("Untitled-1-2.rashomon");
    let session = rashomon::sample::load().expect("sample");
    rashomon::storage::write_recovery(
        &file,
        &session,
        &rashomon::storage::Recovery {
            saved_at: chrono::Utc::now(),
            original: None,
            name: "Untitled session".into(),
            original_content: None,
        },
    )
    .expect("write");
    let mut harness = harness(recovery_startup(dir.path(), false));
    harness.state_mut().finish_tasks();
    harness.run();
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(harness.state().document().session().articles().is_empty());
    let deadline = Instant::now() + Duration::from_secs(10);
    while file.exists() {
        assert!(Instant::now() < deadline, "recovery file still there");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn every_crashed_windows_work_is_offered_and_each_is_restored_or_discarded_on_its_own() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = rashomon::sample::load().expect("sample");
    let mut smaller = sample.clone();
    let last = smaller.claims().last().expect("claims").id;
    smaller
        .apply(rashomon::model::Edit::RemoveClaim { claim: last })
        .expect("remove");
    // Two windows' files, as two crashed windows leave them (nobody holds their locks).
    let a = dir.path().join("Window-A-1-1.rashomon");
    let b = dir.path().join("Window-B-2-2.rashomon");
    let hour_ago = chrono::Utc::now() - chrono::Duration::hours(1);
    for (file, session, name, saved_at) in [
        (&a, &sample, "Window A", hour_ago),
        (&b, &smaller, "Window B", chrono::Utc::now()),
    ] {
        rashomon::storage::write_recovery(
            file,
            session,
            &rashomon::storage::Recovery {
                saved_at,
                original: None,
                name: name.into(),
                original_content: None,
            },
        )
        .expect("write");
    }
    let mut harness = harness(recovery_startup(dir.path(), false));
    harness.state_mut().finish_tasks();
    harness.run();
    harness.get_by_label_contains("in 2 windows");
    harness.get_by_label("Window A");
    harness.get_by_label("Window B");
    harness.get_by_label_contains(&format!("{} claims", sample.claims().len()));
    harness.get_by_label_contains(&format!("{} claims", smaller.claims().len()));
    // Restore B (the newest, offered first): the other one stays offered.
    harness
        .get_all_by_label("Restore")
        .next()
        .expect("two")
        .click();
    harness.run();
    assert_eq!(
        harness.state().document().session().claims().len(),
        smaller.claims().len()
    );
    assert!(harness.state().offers_recovery());
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(!harness.state().offers_recovery());
    let deadline = Instant::now() + Duration::from_secs(10);
    while a.exists() {
        assert!(Instant::now() < deadline, "A's file is still there");
        std::thread::sleep(Duration::from_millis(50));
    }
    // B's work is this window's now, autosaved into its own file until it is saved.
    assert_eq!(
        harness.state().recovery_file().as_deref(),
        Some(b.as_path())
    );
}
