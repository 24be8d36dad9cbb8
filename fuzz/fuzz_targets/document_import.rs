//! Any bytes as a web page, Word, OpenDocument or Markdown file: an error or an article
//! with text, never a panic. (PDF input is replayed by `cargo test`, where a panic inside
//! pdf-extract is caught as the app catches it.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    rashomon::fuzzing::document_import_without_pdf(data);
});
