//! Any bytes as a session file: an error or a repaired session whose claims all quote their
//! article, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    rashomon::fuzzing::session_loader(data);
});
