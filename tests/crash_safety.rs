//! Crash safety: a child process saves, autosaves and exports in a loop and is killed with
//! SIGKILL at pseudo-random moments, hundreds of times. Every time, the session file on disk
//! opens and is one of the versions that were saved, never the recovery file's content; the
//! reports are whole; nothing but the app's own temporary files ever appears beside them, and
//! those are cleaned by the next save. Saving into a place that cannot take the file fails
//! with a message and leaves the old file as it was.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use rashomon::export::{ExportOptions, Format};
use rashomon::model::{Edit, Session};
use rashomon::storage::{self, Recovery};

const CHILD_DIR: &str = "RASHOMON_TEST_CRASH_DIR";
const CHILD_TEST: &str = "child_saves_in_a_loop";
const KILLS: u64 = 300;

fn base() -> Session {
    // Under the deterministic id origin, so every version can be built again to compare.
    rashomon::sample::load().expect("sample").with_id_origin(0)
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
    let recovery = dir.join("recovery").join("work.rashomon");
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
            original_content: None,
        };
        storage::write_recovery(&recovery, &ahead, &info).expect("autosave");
        let options = ExportOptions::titled("Report");
        for (format, name) in [(Format::Html, "report.html"), (Format::Csv, "report.csv")] {
            let bytes = format.render(&session, &options).expect("renders");
            storage::write_atomic(&dir.join(name), &bytes).expect("export");
        }
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
    let mut litter = 0;
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
        let recovery = dir.path().join("recovery").join("work.rashomon");
        if let Ok((loaded, _)) = storage::read_recovery(&recovery) {
            assert!(
                loaded.session.facts().len() >= base().facts().len(),
                "round {round}"
            );
        }
        check_reports(dir.path(), round);
        litter = only_ours_beside(dir.path(), round)
            + only_ours_beside(&dir.path().join("recovery"), round);
    }
    assert!(last >= KILLS, "every round saved at least once");
    println!("{KILLS} kills left {litter} temporary files of ours on the way");
    // The next save cleans up what the kills left (once old enough not to be a write in
    // progress of another window: here, made to look old).
    for folder in [dir.path().to_owned(), dir.path().join("recovery")] {
        for entry in std::fs::read_dir(&folder)
            .expect("list")
            .filter_map(Result::ok)
        {
            if entry.file_name().to_string_lossy().ends_with(".tmp") {
                let file = std::fs::File::options()
                    .write(true)
                    .open(entry.path())
                    .expect("open");
                file.set_modified(std::time::SystemTime::now() - Duration::from_secs(3600))
                    .expect("age");
            }
        }
    }
    storage::save(&path, &base()).expect("save");
    storage::write_atomic(&dir.path().join("report.html"), b"<html>").expect("export");
    storage::write_atomic(&dir.path().join("report.csv"), b"a").expect("export");
    storage::clean_folder(&dir.path().join("recovery"), storage::STALE_AFTER);
    let mut left = names(dir.path());
    left.sort();
    assert_eq!(
        left,
        ["recovery", "report.csv", "report.html", "session.rashomon"]
    );
    assert_eq!(names(&dir.path().join("recovery")), ["work.rashomon"]);
}

fn names(folder: &Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

/// Every file in `folder` is one the test writes or a temporary file of ours; gives how many
/// temporary files there are.
fn only_ours_beside(folder: &Path, round: u64) -> usize {
    let expected = [
        "session.rashomon",
        "report.html",
        "report.csv",
        "recovery",
        "work.rashomon",
    ];
    let mut temporaries = 0;
    for name in names(folder) {
        if expected.contains(&name.as_str()) {
            continue;
        }
        let ours = expected.iter().any(|of| {
            name.strip_prefix(&format!(".{of}.rashomon-"))
                .and_then(|rest| rest.strip_suffix(".tmp"))
                .and_then(|rest| rest.split_once('-'))
                .is_some_and(|(pid, n)| pid.parse::<u32>().is_ok() && n.parse::<u64>().is_ok())
        });
        assert!(ours, "round {round}: {name} is not a file of ours");
        temporaries += 1;
    }
    temporaries
}

/// The reports on disk are whole: one of the versions written, never a part.
fn check_reports(folder: &Path, round: u64) {
    if let Ok(html) = std::fs::read_to_string(folder.join("report.html")) {
        assert!(
            html.trim_end().ends_with("</html>"),
            "round {round}: a cut report"
        );
    }
    if let Ok(csv) = std::fs::read(folder.join("report.csv")) {
        let rows = csv::Reader::from_reader(csv.as_slice())
            .records()
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|e| panic!("round {round}: the CSV is broken: {e}"));
        assert_eq!(rows.len(), base().claims().len(), "round {round}");
    }
}

#[test]
fn a_save_that_cannot_be_written_keeps_the_old_file() {
    // A file-size limit makes every write past 4 KB fail, as a full disk would.
    let dir = tempfile::tempdir().expect("temp dir");
    let session_path = dir.path().join("s.rashomon");
    std::fs::write(&session_path, rashomon::sample::SAMPLE_SESSION).expect("write");
    let out = dir.path().join("old.json");
    std::fs::write(&out, "{\"old\": \"content\"}").expect("write");
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
        "{\"old\": \"content\"}"
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
