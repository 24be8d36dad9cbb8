//! Hostile files cannot hang or kill the app: every importer runs in the contained worker
//! (`rashomon import-worker`, with memory and time limits), so a decompression bomb, a
//! page nested a hundred thousand deep or a file that takes too long becomes a clear message
//! naming the file, the rest of a batch goes on, and the window keeps its work. The files
//! are made here; the PDFs are kept in `tests/fuzz_corpus/pdf_contained/` too.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn rashomon() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rashomon"))
}

const MOD: u64 = 65_521;

/// A zlib stream of `chunk` repeated `times`, made without compressing all of it: the chunk
/// is compressed once to byte-aligned blocks (a full flush) and the blocks are repeated.
fn deflate_repeated(chunk: &[u8], times: usize) -> Vec<u8> {
    let mut compress = flate2::Compress::new(flate2::Compression::best(), false);
    let mut block = Vec::with_capacity(chunk.len() + 1024);
    compress
        .compress_vec(chunk, &mut block, flate2::FlushCompress::Full)
        .expect("compresses");
    let mut out = vec![0x78, 0x01];
    for _ in 0..times {
        out.extend_from_slice(&block);
    }
    // A final empty stored block, then the Adler-32 of all the data.
    out.extend_from_slice(&[0x01, 0x00, 0x00, 0xff, 0xff]);
    // The chunk's Adler-32 once, then combined `times` times (zlib's adler32_combine).
    let (mut ca, mut cb) = (1u64, 0u64);
    for &byte in chunk {
        ca = (ca + u64::from(byte)) % MOD;
        cb = (cb + ca) % MOD;
    }
    let len = chunk.len() as u64 % MOD;
    let (mut a, mut b) = (1u64, 0u64);
    for _ in 0..times {
        let next_a = (a + ca + MOD - 1) % MOD;
        b = (b + cb + len * ((a + MOD - 1) % MOD)) % MOD;
        a = next_a;
    }
    out.extend_from_slice(&u32::try_from((b << 16) | a).unwrap_or(0).to_be_bytes());
    out
}

/// A one-page PDF whose page content is `content` (already a stream object's body).
fn pdf(content: &[u8], page_parent: &str) -> Vec<u8> {
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent {page_parent} /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
        )
        .into_bytes(),
        content.to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn flate_stream(data: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "<< /Length {} /Filter /FlateDecode >>\nstream\n",
        data.len()
    )
    .into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

fn plain_stream(data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

const SENTENCE: &[u8] = b"BT /F1 12 Tf 72 700 Td (The ministry said the raid was an error.) Tj ET";

/// A page stream that inflates to 1 GiB of zeros.
fn bomb_pdf() -> Vec<u8> {
    pdf(
        &flate_stream(&deflate_repeated(&vec![0; 1 << 20], 1024)),
        "2 0 R",
    )
}

/// A page stream of thirty million nested graphics states (`q`), 60 MB once inflated.
fn nested_states_pdf() -> Vec<u8> {
    let chunk = b"q ".repeat(1 << 19);
    pdf(&flate_stream(&deflate_repeated(&chunk, 30)), "2 0 R")
}

/// A page whose /Parent is itself.
fn own_parent_pdf() -> Vec<u8> {
    pdf(&plain_stream(SENTENCE), "3 0 R")
}

fn good_pdf() -> Vec<u8> {
    pdf(&plain_stream(SENTENCE), "2 0 R")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// `rashomon import` of these files with these limits: its output and how long it took.
fn import(dir: &Path, files: &[PathBuf], megabytes: u64, seconds: u64) -> (String, Duration) {
    let started = Instant::now();
    let output = rashomon()
        .arg("import")
        .args(files)
        .arg("-o")
        .arg(dir.join("out.rashomon"))
        .env("RASHOMON_IMPORT_MEGABYTES", megabytes.to_string())
        .env("RASHOMON_IMPORT_SECONDS", seconds.to_string())
        .output()
        .expect("runs");
    let _ = std::fs::remove_file(dir.join("out.rashomon"));
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        started.elapsed(),
    )
}

#[test]
fn a_decompression_bomb_and_nested_states_are_refused_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("dir");
    let files = [
        write(dir.path(), "bomb.pdf", &bomb_pdf()),
        write(dir.path(), "nested-states.pdf", &nested_states_pdf()),
        write(dir.path(), "good.pdf", &good_pdf()),
    ];
    let (said, took) = import(dir.path(), &files, 256, 30);
    for name in ["bomb.pdf", "nested-states.pdf"] {
        let line = said
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name}: {said}"));
        assert!(
            line.starts_with("skipped") && line.contains("too large once decompressed"),
            "{line}"
        );
    }
    assert!(
        said.contains("imported") && said.contains("1 imported, 2 skipped"),
        "{said}"
    );
    assert!(took < Duration::from_secs(30), "{took:?}");
}

#[test]
fn pages_nested_deep_or_with_too_many_elements_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let text = "The ministry said the raid was an error.";
    let files = [
        write(
            dir.path(),
            "deep.html",
            format!("<html><body>{}{text}", "<div>".repeat(100_000)).as_bytes(),
        ),
        write(
            dir.path(),
            "deeper.html",
            format!("<html><body>{}{text}", "<div>".repeat(1_000_000)).as_bytes(),
        ),
        write(
            dir.path(),
            "deep-closed.html",
            format!(
                "<html><body>{}{text}{}</body></html>",
                "<div>".repeat(100_000),
                "</div>".repeat(100_000)
            )
            .as_bytes(),
        ),
        write(
            dir.path(),
            "many.html",
            format!(
                "<html><body>{}</body></html>",
                format!("<p>{text}</p>").repeat(250_000)
            )
            .as_bytes(),
        ),
    ];
    let (said, took) = import(dir.path(), &files, 1536, 30);
    for name in ["deep.html", "deeper.html", "deep-closed.html"] {
        assert!(
            said.lines()
                .any(|l| l.contains(name) && l.contains("nested too deeply")),
            "{name}: {said}"
        );
    }
    assert!(
        said.contains("many.html: the page is too large to read (250"),
        "{said}"
    );
    assert!(took < Duration::from_secs(30), "{took:?}");
}

/// A file whose reading never ends: a named pipe that nothing writes to stands for a stalled
/// network share or a parser caught in a loop, and unlike a merely large page it takes too
/// long on the fastest machine too.
#[cfg(unix)]
#[test]
fn a_file_that_takes_too_long_is_stopped_at_the_time_limit() {
    let dir = tempfile::tempdir().expect("dir");
    let slow = dir.path().join("slow.html");
    let made = Command::new("mkfifo")
        .arg(&slow)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let files = [slow, write(dir.path(), "own-parent.pdf", &own_parent_pdf())];
    let (said, took) = import(dir.path(), &files, 1536, 1);
    assert!(
        said.contains("slow.html: took too long to read (over 1 s)"),
        "{said}"
    );
    // A page that is its own parent comes back within the limit, read or refused.
    assert!(said.contains("own-parent.pdf"), "{said}");
    assert!(took < Duration::from_secs(10), "{took:?}");
}

/// In the window: the analyst's unsaved work survives a hostile file opened beside a good one.
#[test]
fn the_window_keeps_its_work_when_a_hostile_file_is_opened() {
    rashomon::import::contained::use_worker(PathBuf::from(env!("CARGO_BIN_EXE_rashomon")));
    rashomon::import::contained::set_limits(256, 30);
    let dir = tempfile::tempdir().expect("dir");
    let mut harness = common::sample();
    harness.state_mut().finish_tasks();
    let article = harness.state().document().session().articles()[0].id;
    harness
        .state_mut()
        .tag_span(article, rashomon::model::TextSpan::new(0, 20), 0);
    let claims = harness.state().document().session().claims().count();
    let files = vec![
        write(dir.path(), "bomb.pdf", &bomb_pdf()),
        write(dir.path(), "statement.pdf", &good_pdf()),
    ];
    harness.state_mut().open_paths(files);
    harness.state_mut().finish_tasks();
    harness.run();
    let app = harness.state();
    assert!(
        app.messages()
            .iter()
            .any(|m| m.contains("bomb.pdf") && m.contains("too large once decompressed")),
        "{:?}",
        app.messages()
    );
    let session = app.document().session();
    assert_eq!(
        session.claims().count(),
        claims,
        "the unsaved claim is still here"
    );
    assert!(
        session
            .articles()
            .iter()
            .any(|a| a.text.contains("The ministry said the raid was an error."))
    );
}

/// The hostile PDFs made here are kept in the fuzz corpus, which `cargo test` replays
/// through the contained reader.
#[test]
fn the_hostile_pdfs_are_in_the_fuzz_corpus() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus/pdf_contained");
    for (name, bytes) in [
        ("bomb.pdf", bomb_pdf()),
        ("nested-states.pdf", nested_states_pdf()),
        ("own-parent.pdf", own_parent_pdf()),
        ("good.pdf", good_pdf()),
    ] {
        // RASHOMON_WRITE_CORPUS=1 writes them (after a change to how they are made).
        if std::env::var_os("RASHOMON_WRITE_CORPUS").is_some() {
            std::fs::create_dir_all(&folder).expect("corpus folder");
            std::fs::write(folder.join(name), &bytes).expect("write");
        }
        let kept = std::fs::read(folder.join(name)).unwrap_or_default();
        assert!(
            kept == bytes,
            "tests/fuzz_corpus/pdf_contained/{name} is not the file made here"
        );
    }
}
