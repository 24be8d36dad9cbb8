//! Any text as an article: the claim finder's suggestions keep to char boundaries, stay in
//! the text, never overlap, and the fact ranking takes them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    rashomon::fuzzing::claim_finder(data);
});
