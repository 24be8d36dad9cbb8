//! The headless command line, run as a real process.

use std::process::Command;

fn rashomon() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rashomon"))
}

fn sample_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("sample.rashomon");
    std::fs::write(&path, rashomon::sample::SAMPLE_SESSION).expect("write sample");
    path
}

#[test]
fn export_markdown_to_stdout() {
    let dir = tempfile::tempdir().expect("dir");
    let output = rashomon()
        .args(["export"])
        .arg(sample_file(dir.path()))
        .args(["--format", "md"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert!(text.starts_with("# Rashomon comparison: sample"));
    assert!(text.contains("| Fact | Status | US | Russia | Syria |"));
    assert!(text.contains("DISPUTED"));
}

#[test]
fn export_html_to_a_file() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("report.html");
    let status = rashomon()
        .arg("export")
        .arg(sample_file(dir.path()))
        .args(["--format", "html", "-o"])
        .arg(&out)
        .status()
        .expect("runs");
    assert!(status.success());
    let html = std::fs::read_to_string(&out).expect("report written");
    assert!(html.contains("<tr class=\"agreed\">"));
    assert!(html.contains("отказ от координации"));
    assert!(html.contains("دليل قاطع"));
}

#[test]
fn bad_sessions_and_options_fail_with_a_message() {
    let dir = tempfile::tempdir().expect("dir");
    let broken = dir.path().join("broken.rashomon");
    std::fs::write(
        &broken,
        "{\"format\": \"rashomon-session\", \"version\": 1, \"sess",
    )
    .expect("write");
    let output = rashomon()
        .arg("export")
        .arg(&broken)
        .args(["--format", "md"])
        .output()
        .expect("runs");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("damaged"));

    let output = rashomon()
        .args(["export", "x.rashomon", "--format", "pdf"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown format"));

    let output = rashomon().arg("--help").output().expect("runs");
    assert!(String::from_utf8_lossy(&output.stdout).contains("rashomon export SESSION"));
}

#[test]
fn every_format_exports_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let session = sample_file(dir.path());
    for format in ["html", "md", "csv", "json", "qdpx", "annotations"] {
        let out = dir.path().join(format!("out.{format}"));
        let status = rashomon()
            .arg("export")
            .arg(&session)
            .args(["--format", format, "-o"])
            .arg(&out)
            .status()
            .expect("runs");
        assert!(status.success(), "{format}");
        assert!(
            std::fs::metadata(&out).expect("written").len() > 500,
            "{format}"
        );
    }
}

#[test]
fn export_filters_by_party_and_status_and_rejects_unknown_names() {
    let dir = tempfile::tempdir().expect("dir");
    let session = sample_file(dir.path());
    let output = rashomon()
        .arg("export")
        .arg(&session)
        .args([
            "--format",
            "csv",
            "--party",
            "russia",
            "--status",
            "disputed",
            "--no-notes",
        ])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| &r[1] == "Russia" && &r[5] == "disputed" && r[12].is_empty())
    );

    let output = rashomon()
        .arg("export")
        .arg(&session)
        .args(["--format", "md", "--party", "Atlantis"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no party \"Atlantis\""));
}

#[test]
fn generate_writes_a_deterministic_session() {
    let dir = tempfile::tempdir().expect("dir");
    let run = |name: &str| {
        let out = dir.path().join(name);
        let output = rashomon()
            .args([
                "generate",
                "--articles",
                "3",
                "--claims",
                "200",
                "--facts",
                "15",
                "--seed",
                "9",
                "-o",
            ])
            .arg(&out)
            .output()
            .expect("runs");
        assert!(output.status.success(), "{output:?}");
        assert!(String::from_utf8_lossy(&output.stdout).contains("200 claims"));
        std::fs::read_to_string(out).expect("written")
    };
    assert_eq!(run("a.rashomon"), run("b.rashomon"));
    let bad = rashomon()
        .args(["generate", "--claims", "many", "-o", "x"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
}
