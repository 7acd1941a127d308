#![no_main]
//! Bytes as plain text (`x.txt`): decoding (UTF-8 or GB18030), the text
//! reader, the checks. (Bytes with a PDF or zip signature still go to the
//! extractor, as they would from the CLI.)
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::read_and_check(data, "x.txt");
});
