//! Golden tests: the facts read from each real document equal the
//! hand-checked expected facts beside it (`*.facts.csv`), cell for cell.

use std::path::PathBuf;
use yusuan_parse::{read_path, Profile};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/real")
}

fn csv_line(f: &yusuan_core::model::Fact) -> String {
    let quote = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    format!(
        "{},{},{},{},{}",
        f.table,
        quote(&f.row_code),
        quote(&f.row_label),
        f.column,
        f.value
    )
}

fn check(name: &str) {
    let reading = read_path(
        &fixtures().join(format!("{name}.txt")),
        &Profile::national_budget(),
    )
    .unwrap();
    let expected = std::fs::read_to_string(fixtures().join(format!("{name}.facts.csv"))).unwrap();
    let expected: Vec<&str> = expected.lines().skip(1).collect();
    let actual: Vec<String> = reading.disclosure.facts().iter().map(csv_line).collect();
    let missing: Vec<&&str> = expected
        .iter()
        .filter(|e| !actual.iter().any(|a| a == **e))
        .collect();
    let extra: Vec<&String> = actual
        .iter()
        .filter(|a| !expected.contains(&a.as_str()))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && actual.len() == expected.len(),
        "{name}: {} facts read, {} expected\nmissing: {missing:#?}\nextra: {extra:#?}",
        actual.len(),
        expected.len()
    );
    assert_eq!(
        actual, expected,
        "{name}: the facts are right but out of order"
    );
    // The tables read cleanly; what the target-table reader says of the
    // misaligned target tables is its own matter (see targets.rs).
    let table_findings: Vec<_> = reading
        .findings
        .iter()
        .filter(|f| f.rule != "target-layout")
        .collect();
    assert!(
        table_findings.is_empty(),
        "{name}: the reader reported {table_findings:#?}"
    );
}

#[test]
fn jincheng_2023_facts_equal_the_hand_checked_golden_file() {
    check("jincheng-xinfang-2023-budget");
}

#[test]
fn fenyang_2024_facts_equal_the_hand_checked_golden_file() {
    check("fenyang-xinfang-2024-budget");
}

/// At least 95% of the figures of 第三部分 are extracted as claims and
/// resolved to what they are about.
fn claim_coverage(name: &str) {
    let reading = read_path(
        &fixtures().join(format!("{name}.txt")),
        &Profile::national_budget(),
    )
    .unwrap();
    let s = reading.stats;
    assert!(
        s.prose_figures > 50,
        "{name}: only {} figures found in the prose",
        s.prose_figures
    );
    assert!(
        s.resolved * 100 >= s.prose_figures * 95,
        "{name}: {} of {} prose figures resolved",
        s.resolved,
        s.prose_figures
    );
}

#[test]
fn jincheng_2023_prose_figures_are_claims() {
    claim_coverage("jincheng-xinfang-2023-budget");
}

#[test]
fn fenyang_2024_prose_figures_are_claims() {
    claim_coverage("fenyang-xinfang-2024-budget");
}
