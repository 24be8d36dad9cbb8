//! Any bytes as a PDF, read the way the app reads untrusted files: in the contained worker
//! (memory, CPU and wall-clock limits). Every input must come back as an article with text or
//! as an error naming the file — never a hang, never the fuzzer's own process dying.
//!
//! Run with the worker built first: `cargo build --release` in the project, then
//! `RASHOMON_WORKER=../target/release/rashomon cargo fuzz run pdf_contained`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(worker) = std::env::var_os("RASHOMON_WORKER") {
        rashomon::import::contained::use_worker(worker.into());
        rashomon::import::contained::set_limits(512, 10);
        rashomon::fuzzing::pdf_contained(data);
    }
});
