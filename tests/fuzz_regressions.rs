//! Replays every file in `tests/fuzz_corpus/<target>/` through the body of that fuzz target:
//! the seeds, and every input a fuzzing run ever found a crash with.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_corpus")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&folder).expect("corpus folder") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("corpus file");
        let outcome = std::panic::catch_unwind(|| run(&bytes));
        assert!(outcome.is_ok(), "{target} fails on {}", path.display());
        count += 1;
    }
    count
}

#[test]
fn session_loader_corpus() {
    assert!(replay("session_loader", rashomon::fuzzing::session_loader) > 0);
}

#[test]
fn article_import_corpus() {
    assert!(replay("article_import", rashomon::fuzzing::article_import) > 0);
}

#[test]
fn span_anchor_corpus() {
    assert!(replay("span_anchor", rashomon::fuzzing::span_anchor) > 0);
}

#[test]
fn document_import_corpus() {
    assert!(replay("document_import", rashomon::fuzzing::document_import) > 0);
}

#[test]
fn claim_finder_corpus() {
    assert!(replay("claim_finder", rashomon::fuzzing::claim_finder) > 0);
}

#[test]
fn pdf_contained_corpus() {
    rashomon::import::contained::use_worker(env!("CARGO_BIN_EXE_rashomon").into());
    rashomon::import::contained::set_limits(256, 20);
    assert!(replay("pdf_contained", rashomon::fuzzing::pdf_contained) > 0);
}
