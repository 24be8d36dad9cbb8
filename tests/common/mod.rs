//! Helpers shared by the UI test files: one harness factory, and keyboard and selection
//! moves as a user makes them.
#![allow(
    dead_code,
    reason = "each test file uses a different part of the helpers"
)]

pub mod eval;

use std::path::PathBuf;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rashomon::ui::{RashomonApp, Startup};

pub fn harness(startup: Startup) -> Harness<'static, RashomonApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        // Background work (autosave, file reads) wakes the app from other threads; give those
        // frames room when the machine is busy.
        .with_max_steps(64)
        .build_eframe(move |cc| RashomonApp::new(cc, startup));
    harness.run();
    harness
}

pub fn sample() -> Harness<'static, RashomonApp> {
    harness(Startup {
        sample: true,
        ..Startup::default()
    })
}

pub fn harness_with(paths: Vec<PathBuf>) -> Harness<'static, RashomonApp> {
    harness(Startup {
        paths,
        ..Startup::default()
    })
}

/// Writes `bytes` as a file named `name` in a new folder, opens it in the app and waits
/// for the opening (and what it sets off) to finish. The folder lives as long as the result.
pub fn open_file(name: &str, bytes: &[u8]) -> (Harness<'static, RashomonApp>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    let mut harness = harness_with(vec![path]);
    harness.state_mut().finish_tasks();
    harness.run();
    (harness, dir)
}

pub fn fact_id(app: &RashomonApp, statement: &str) -> rashomon::model::FactId {
    app.document()
        .session()
        .facts()
        .iter()
        .find(|f| f.statement == statement)
        .map(|f| f.id)
        .expect("fact in the session")
}

/// Presses a key as a keyboard does: the key and the text it types arrive in one frame.
pub fn type_key(harness: &mut Harness<'static, RashomonApp>, key: Key, text: &str) {
    let key_event = |pressed| egui::Event::Key {
        key,
        physical_key: Some(key),
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    let events = &mut harness.input_mut().events;
    events.push(key_event(true));
    events.push(egui::Event::Text(text.to_owned()));
    events.push(key_event(false));
    harness.run();
}

/// Clicks the primary button at `at`, as a mouse does: move, press, release.
pub fn click(harness: &mut Harness<'static, RashomonApp>, at: egui::Pos2) {
    harness.hover_at(at);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
}

/// Drags with the primary button from `from` to `to` in `steps` moves.
pub fn drag(
    harness: &mut Harness<'static, RashomonApp>,
    from: egui::Pos2,
    to: egui::Pos2,
    steps: u16,
) {
    harness.hover_at(from);
    harness.drag_at(from);
    for step in 1..=steps {
        harness.hover_at(from + (to - from) * (f32::from(step) / f32::from(steps)));
    }
    harness.drop_at(to);
    harness.run();
}

/// Selects `chars` characters of the shown article, starting `skip` characters in.
pub fn select_in_article(harness: &mut Harness<'static, RashomonApp>, skip: usize, chars: usize) {
    harness.get_by_label_contains("Article text: ").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::CTRL, Key::Home);
    harness.run();
    for _ in 0..skip {
        harness.key_press(Key::ArrowRight);
    }
    for _ in 0..chars {
        harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    harness.run();
}

/// Selects the first `chars` characters of the shown article.
pub fn select_start_of_article(harness: &mut Harness<'static, RashomonApp>, chars: usize) {
    select_in_article(harness, 0, chars);
}

/// Starts this test binary again, running only the ignored test `name`, with `env` pointing at
/// `dir`; its stdout is piped so the parent can wait for what it prints.
pub fn spawn_child_test(name: &str, env: &str, dir: &std::path::Path) -> std::process::Child {
    std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--ignored",
            "--exact",
            name,
            "--nocapture",
            "--test-threads=1",
        ])
        .env(env, dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("child starts")
}

/// Resident memory of this process, in megabytes.
pub fn resident_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}
