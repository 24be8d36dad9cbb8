//! Crash safety: a child process saves and autosaves in a loop and is killed with SIGKILL at
//! pseudo-random moments, many times. Every time, the session file on disk opens and is one of
//! the versions that were saved, and it is never the recovery file's content. Saving into a
//! place that cannot take the file fails with a message and leaves the old file as it was.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use rashomon::model::{Edit, Session};
use rashomon::storage::{self, Recovery};

const CHILD_DIR: &str = "RASHOMON_TEST_CRASH_DIR";
const CHILD_TEST: &str = "child_saves_in_a_loop";
const KILLS: u64 = 40;

fn base() -> Session {
    rashomon::sample::load().expect("sample")
}

/// Adds fact number `n` to the session: version `n` has `n` extra facts.
fn add_fact(session: &mut Session, n: u64) {
    let fact = session.new_fact(&format!("Extra fact {n} 🚀 قالت"));
    session
        .apply(Edit::InsertFact {
            index: usize::MAX,
            fact,
        })
        .expect("insert");
}

#[test]
#[ignore = "run as a child process by kill_during_saves_never_leaves_a_broken_file"]
fn child_saves_in_a_loop() {
    let dir = std::path::PathBuf::from(std::env::var_os(CHILD_DIR).expect("run by the parent"));
    let path = dir.join("session.rashomon");
    let recovery = dir.join("recovery.rashomon");
    let mut session = base();
    // Continue from what the last (killed) child left behind.
    let start = storage::load(&path).map_or(0, |l| {
        (l.session.facts().len() - base().facts().len()) as u64
    });
    for n in 1..=start {
        add_fact(&mut session, n);
    }
    for n in start + 1.. {
        add_fact(&mut session, n);
        storage::save(&path, &session).expect("save");
        println!("SAVED {n}");
        let mut ahead = session.clone();
        add_fact(&mut ahead, n + 1);
        let info = Recovery {
            saved_at: chrono::Utc::now(),
            original: Some(path.clone()),
            name: "session.rashomon".into(),
        };
        storage::write_recovery(&recovery, &ahead, &info).expect("autosave");
    }
}

fn check_version(path: &Path, last_reported: u64) -> u64 {
    let loaded = storage::load(path).unwrap_or_else(|e| panic!("the session file is broken: {e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert!(
        storage::read_recovery(path).is_err(),
        "the session file holds recovery content"
    );
    let extra = (loaded.session.facts().len() - base().facts().len()) as u64;
    // The save in flight when the kill came may have finished without being reported.
    assert!(
        extra >= last_reported && extra <= last_reported + 1,
        "{extra} vs {last_reported}"
    );
    let mut expected = base();
    for n in 1..=extra {
        add_fact(&mut expected, n);
    }
    assert_eq!(loaded.session, expected, "not one of the saved versions");
    extra
}

#[test]
fn kill_during_saves_never_leaves_a_broken_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("session.rashomon");
    let mut last = 0;
    let mut seed: u64 = 0x2016_0917;
    for round in 0..KILLS {
        let mut child = common::spawn_child_test(CHILD_TEST, CHILD_DIR, dir.path());
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        // Wait for a first save of this round, then let it run a pseudo-random while.
        let first = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|l| l.strip_prefix("SAVED ").and_then(|n| n.parse::<u64>().ok()))
            .expect("the child saves");
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        std::thread::sleep(Duration::from_micros(seed >> 50));
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        let reported = lines
            .map_while(Result::ok)
            .filter_map(|l| l.strip_prefix("SAVED ").and_then(|n| n.parse::<u64>().ok()))
            .max()
            .unwrap_or(first);
        last = check_version(&path, reported);
        if let Ok((loaded, _)) = storage::read_recovery(&dir.path().join("recovery.rashomon")) {
            assert!(
                loaded.session.facts().len() >= base().facts().len(),
                "round {round}"
            );
        }
    }
    assert!(last >= KILLS, "every round saved at least once");
}

#[test]
fn a_save_that_cannot_be_written_keeps_the_old_file() {
    // A file-size limit makes every write past 4 KB fail, as a full disk would.
    let dir = tempfile::tempdir().expect("temp dir");
    let session_path = dir.path().join("s.rashomon");
    std::fs::write(&session_path, rashomon::sample::SAMPLE_SESSION).expect("write");
    let out = dir.path().join("old.json");
    std::fs::write(&out, "old content").expect("write");
    let script = format!(
        "ulimit -f 4; trap '' XFSZ; exec '{}' export '{}' --format json -o '{}'",
        env!("CARGO_BIN_EXE_rashomon"),
        session_path.display(),
        out.display()
    );
    let output = Command::new("sh")
        .args(["-c", &script])
        .output()
        .expect("sh runs");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot write"));
    assert_eq!(
        std::fs::read_to_string(&out).expect("old file"),
        "old content"
    );
    let litter: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(litter.is_empty(), "the temporary file is cleaned up");
}

#[test]
fn saving_where_nothing_can_be_written_keeps_the_work_in_the_window() {
    let mut harness = common::sample();
    common::select_start_of_article(&mut harness, 9);
    common::type_key(&mut harness, egui::Key::Num1, "1");
    let before = harness.state().document().session().clone();
    // /proc takes no new files, not even from root; a folder that vanished takes none either.
    let gone = tempfile::tempdir().expect("dir").path().join("vanished");
    for target in [
        Path::new("/proc/rashomon-test/s.rashomon").to_path_buf(),
        gone.join("s.rashomon"),
    ] {
        harness.state_mut().save_to(target.clone());
        harness.state_mut().finish_tasks();
        harness.run();
        let app = harness.state();
        assert!(
            app.document().is_dirty(),
            "still unsaved after failing on {}",
            target.display()
        );
        assert_eq!(app.document().session(), &before);
        assert!(
            app.messages()
                .iter()
                .any(|m| m.contains("cannot save") && m.contains("still here")),
            "{:?}",
            app.messages()
        );
    }
}
