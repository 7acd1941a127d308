//! `docs/rules.md` is generated from the rule catalog; this test fails when
//! the catalog changed and the document did not. `UPDATE_RULES=1` rewrites it.

use std::path::PathBuf;
use yusuan_check::{rules, Checker};

#[test]
fn rules_md_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let fresh = rules::markdown(&Checker::national().rules());
    if std::env::var_os("UPDATE_RULES").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "docs/rules.md is stale: regenerate it with `UPDATE_RULES=1 cargo test -p yusuan-check --test rules_doc` and commit it"
    );
}

#[test]
fn rule_codes_are_unique_and_described() {
    let all = Checker::national().rules();
    let mut codes: Vec<&str> = all.iter().map(|r| r.code).collect();
    codes.sort_unstable();
    let n = codes.len();
    codes.dedup();
    assert_eq!(codes.len(), n, "duplicate rule codes");
    for r in &all {
        assert!(
            !r.zh.is_empty() && !r.en.is_empty(),
            "{} lacks a description",
            r.code
        );
        assert!(
            r.code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}",
            r.code
        );
    }
}
