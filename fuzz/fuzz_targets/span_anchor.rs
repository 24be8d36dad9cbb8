//! Any text and offsets: spans, anchors and relocation keep to char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    rashomon::fuzzing::span_anchor(data);
});
