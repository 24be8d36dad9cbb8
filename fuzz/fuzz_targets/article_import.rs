//! Any bytes as an article file: an error or normalized text, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    rashomon::fuzzing::article_import(data);
});
