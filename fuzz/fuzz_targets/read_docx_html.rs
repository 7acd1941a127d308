#![no_main]
//! Bytes as a Word or HTML document: the first byte chooses the name (even:
//! `x.docx`, odd: `x.html`), the rest is the file.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let path = if first % 2 == 0 { "x.docx" } else { "x.html" };
    common::read_and_check(rest, path);
});
