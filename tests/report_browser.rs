//! The HTML report in a real browser: headless Chromium (Debian's `chromium`, which `.ci/run`
//! installs) loads it, must log no console error and no Content-Security-Policy violation,
//! and renders it to a screenshot (`target/report-screenshot.png`).

use std::path::{Path, PathBuf};
use std::process::Command;

use rashomon::export::{ExportOptions, Format};

fn chromium() -> Option<PathBuf> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

fn run(browser: &Path, profile: &Path, args: &[String]) -> std::process::Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("chromium runs")
}

#[test]
fn report_renders_in_headless_chromium_without_errors() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install Debian's chromium for this test"
        );
        eprintln!("skipped: no chromium on this machine (CI installs it)");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("report.html");
    let session = rashomon::sample::load().expect("sample");
    let bytes = Format::Html
        .render(
            &session,
            &ExportOptions::titled("Rashomon comparison: sample"),
        )
        .expect("renders");
    std::fs::write(&report, bytes).expect("write report");
    let url = format!("file://{}", report.display());

    let dom = run(
        &browser,
        &dir.path().join("profile-dom"),
        &["--dump-dom".into(), url.clone()],
    );
    assert!(
        dom.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom_text = String::from_utf8_lossy(&dom.stdout);
    assert!(dom_text.contains("Side by side, fact by fact"));
    assert!(dom_text.contains("отказ от координации"));

    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-screenshot.png");
    let _ = std::fs::remove_file(&shot);
    let render = run(
        &browser,
        &dir.path().join("profile-shot"),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2200".into(),
            url,
        ],
    );
    assert!(render.status.success());
    let size = std::fs::metadata(&shot).map_or(0, |m| m.len());
    assert!(
        size > 20_000,
        "screenshot too small to hold a report ({size} bytes)"
    );

    for output in [&dom, &render] {
        let log = String::from_utf8_lossy(&output.stderr);
        for line in log.lines() {
            let problem = line.contains("Uncaught")
                || line.contains("Refused to")
                || line.contains("Content Security Policy")
                || (line.contains("CONSOLE") && line.contains("ERROR"));
            assert!(!problem, "browser reported: {line}");
        }
    }
}
