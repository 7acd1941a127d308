#![no_main]
//! Bytes as a PDF (`x.pdf`): extraction, the text reader, the checks.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::read_and_check(data, "x.pdf");
});
