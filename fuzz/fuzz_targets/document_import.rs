//! Any bytes as a web page, PDF, Word, OpenDocument or Markdown file: an error or an
//! article with text, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    rashomon::fuzzing::document_import(data);
});
