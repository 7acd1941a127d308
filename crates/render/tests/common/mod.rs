//! The two real seeds read into the model, shared by the writers' tests.

#![allow(dead_code)]

use std::path::Path;
use yusuan_core::model::Disclosure;

/// The Jincheng 2023 budget (TAB layout, a word processor's text).
pub const JINCHENG: &str = "jincheng-xinfang-2023-budget.txt";
/// The Fenyang 2024 budget (spaces layout, a PDF's text).
pub const FENYANG: &str = "fenyang-xinfang-2024-budget.txt";

/// A seed of `tests/fixtures/real/` read with the national profile.
pub fn seed(name: &str) -> Disclosure {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/real")
        .join(name);
    yusuan_parse::read_path(&path, &yusuan_parse::Profile::national_budget())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .disclosure
}

/// Both seeds, with their names.
pub fn seeds() -> Vec<(&'static str, Disclosure)> {
    vec![(JINCHENG, seed(JINCHENG)), (FENYANG, seed(FENYANG))]
}
