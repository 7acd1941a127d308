//! Every rule of the catalog has a passing and a failing case.
//!
//! Identity rules are tested generically: each holds on the real documents
//! and on documents derived from budget facts, and a single cell changed in
//! one of the tables it names makes it fire. Code rules are tested one by one
//! on the real documents, as read, and with one thing changed.

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, TestRng, TestRunner};
use std::collections::BTreeSet;
use std::path::PathBuf;
use yusuan_check::Checker;
use yusuan_core::amount::{Amount, Unit};
use yusuan_core::catalog::Catalogs;
use yusuan_core::facts::arbitrary::budget_facts;
use yusuan_core::facts::derive::derive_disclosure;
use yusuan_core::identity::{national, Identity};
use yusuan_core::model::{Cell, ClaimKind, Disclosure, Provenance, TableKind};
use yusuan_parse::{read_bytes, Profile, Reading};

fn read(name: &str) -> Reading {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/real")
        .join(name);
    read_bytes(
        &std::fs::read(&path).unwrap(),
        name,
        &Profile::national_budget(),
    )
    .unwrap()
}

fn jincheng() -> Disclosure {
    read("jincheng-xinfang-2023-budget.txt").disclosure
}

fn fenyang() -> Disclosure {
    read("fenyang-xinfang-2024-budget.txt").disclosure
}

fn fires(d: &Disclosure, rule: &str) -> bool {
    Checker::national().check(d).iter().any(|f| f.rule == rule)
}

fn count(d: &Disclosure, rule: &str) -> usize {
    Checker::national()
        .check(d)
        .iter()
        .filter(|f| f.rule == rule)
        .count()
}

/// Documents derived from budget facts drawn with a fixed seed.
fn derived() -> Vec<Disclosure> {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha),
    );
    let mut out = Vec::new();
    for year in [2023, 2024] {
        let strategy = budget_facts(year);
        for _ in 0..12 {
            let facts = strategy.new_tree(&mut runner).unwrap().current();
            out.push(derive_disclosure(&facts, Catalogs::embedded()).unwrap());
        }
    }
    out
}

fn tables_of(i: &Identity) -> Vec<TableKind> {
    match i {
        Identity::RowSum { table, .. } | Identity::Hierarchy { table, .. } => vec![*table],
        Identity::Equal { lhs, rhs } | Identity::AtLeast { lhs, rhs } => {
            lhs.iter().chain(rhs).map(|c| c.table).collect()
        }
        Identity::CodesMatch { a, b, .. } => vec![a.0, b.0],
    }
}

/// Change one cell of one of the identity's tables (by a large amount, or
/// print a figure in an empty cell) until the rule fires.
fn breaks(d: &Disclosure, id: &str, tables: &[TableKind]) -> bool {
    for kind in tables {
        let Some(ti) = d.tables.iter().position(|t| t.kind == *kind) else {
            continue;
        };
        let columns = d.tables[ti].columns.clone();
        for ri in 0..d.tables[ti].rows.len() {
            for column in &columns {
                let mut m = d.clone();
                let row = &mut m.tables[ti].rows[ri];
                let bump = Amount::parse("123.45", Unit::WanYuan).unwrap().unwrap();
                match row.cells.iter_mut().find(|c| c.column == *column) {
                    Some(cell) => {
                        cell.value = Amount::new(cell.value.value + bump.value, cell.value.unit);
                    }
                    None => row.cells.push(Cell {
                        column: *column,
                        value: bump,
                        provenance: Provenance::default(),
                    }),
                }
                if fires(&m, id) {
                    return true;
                }
            }
        }
    }
    false
}

#[test]
fn every_identity_rule_passes_and_fails() {
    let seeds = [jincheng(), fenyang()];
    let derived = derived();
    let mut seen = BTreeSet::new();
    let mut unbroken = Vec::new();
    for decl in national::identities() {
        if !seen.insert(decl.id) {
            continue;
        }
        // Passing: the real documents, and derived documents for the
        // identities that hold by definition.
        for d in &seeds {
            assert!(
                !fires(d, decl.id),
                "{} fires on {}",
                decl.id,
                d.meta.department
            );
        }
        if decl.strength == yusuan_core::identity::Strength::Must {
            for d in &derived {
                assert!(
                    !fires(d, decl.id),
                    "{} fires on a derived document",
                    decl.id
                );
            }
        }
        // Failing: one changed cell.
        let tables = tables_of(&decl.identity);
        if !seeds
            .iter()
            .chain(&derived)
            .any(|d| breaks(d, decl.id, &tables))
        {
            unbroken.push(decl.id);
        }
    }
    assert!(
        unbroken.is_empty(),
        "no single changed cell breaks {unbroken:?}"
    );
}

// ---- prose ---------------------------------------------------------------

fn first_claim_mut(d: &mut Disclosure, pick: impl Fn(&ClaimKind) -> bool) -> &mut ClaimKind {
    d.sections
        .iter_mut()
        .flat_map(|s| s.claims.iter_mut())
        .find(|c| c.cell.is_some() && pick(&c.kind))
        .map(|c| &mut c.kind)
        .expect("a claim of that kind")
}

#[test]
fn prose_amount() {
    let mut d = jincheng();
    assert!(!fires(&d, "prose-amount"));
    if let ClaimKind::Amount { value } =
        first_claim_mut(&mut d, |k| matches!(k, ClaimKind::Amount { .. }))
    {
        *value = Amount::parse("731.03", Unit::WanYuan).unwrap().unwrap();
    }
    assert!(fires(&d, "prose-amount"));
}

/// The amount of the projects under performance management is the sum of
/// table 12's projects (Fenyang: 共计金额320.18万元, 8 projects).
#[test]
fn prose_amount_of_the_projects_under_performance_management() {
    let mut d = fenyang();
    assert!(!fires(&d, "prose-amount"));
    let claim = d
        .sections
        .iter_mut()
        .flat_map(|s| s.claims.iter_mut())
        .find(|c| c.topic.as_deref() == Some("performance.projects.amount"))
        .expect("the projects' amount is a claim");
    if let ClaimKind::Amount { value } = &mut claim.kind {
        assert_eq!(value.printed(), "320.18");
        *value = Amount::parse("0.00", Unit::WanYuan).unwrap().unwrap();
    }
    assert!(fires(&d, "prose-amount"));
}

#[test]
fn prose_share() {
    let mut d = jincheng();
    assert!(!fires(&d, "prose-share"));
    if let ClaimKind::Share { value, .. } =
        first_claim_mut(&mut d, |k| matches!(k, ClaimKind::Share { .. }))
    {
        *value = "61.00%".parse().unwrap();
    }
    assert!(fires(&d, "prose-share"));
}

#[test]
fn prose_change() {
    let mut d = fenyang();
    assert!(!fires(&d, "prose-change"));
    if let ClaimKind::Change { rate, .. } = first_claim_mut(&mut d, |k| {
        matches!(k, ClaimKind::Change { rate: Some(_), .. })
    }) {
        *rate = Some("16.50%".parse().unwrap());
    }
    assert!(fires(&d, "prose-change"));
}

#[test]
fn prose_breakdown() {
    // Fenyang: 其他运转类 10.80 + 特定目标类 305.00 ≠ 320.18, stated twice.
    assert_eq!(count(&fenyang(), "prose-breakdown"), 2);
    assert!(!fires(&jincheng(), "prose-breakdown"));
}

#[test]
fn prose_project_count() {
    // Jincheng: 2 projects under performance management, 3 in table 12.
    assert!(fires(&jincheng(), "prose-project-count"));
    assert!(!fires(&fenyang(), "prose-project-count"));
}

#[test]
fn prose_enumeration() {
    // Jincheng 信访专项工作经费: items add to 199万元, the text says 210万元.
    assert!(fires(&jincheng(), "prose-enumeration"));
    assert!(!fires(&fenyang(), "prose-enumeration"));
}

#[test]
fn prose_procurement() {
    let mut d = fenyang();
    assert!(!fires(&d, "prose-procurement"));
    for c in d.sections.iter_mut().flat_map(|s| s.claims.iter_mut()) {
        if let ClaimKind::Procurement { goods, .. } = &mut c.kind {
            *goods = Some(Amount::parse("6.96", Unit::WanYuan).unwrap().unwrap());
        }
    }
    assert!(fires(&d, "prose-procurement"));
}

#[test]
fn prose_name() {
    // Jincheng prints 一般公共预算服务支出 for 201 一般公共服务支出.
    assert!(fires(&jincheng(), "prose-name"));
    assert!(!fires(&fenyang(), "prose-name"));
}

#[test]
fn prose_missing_figure() {
    // Jincheng's 机关运行经费 section says only 公务接待费减少。
    assert!(fires(&jincheng(), "prose-missing-figure"));
    assert!(!fires(&fenyang(), "prose-missing-figure"));
}

#[test]
fn prose_unresolved() {
    let mut d = fenyang();
    assert!(!fires(&d, "prose-unresolved"));
    let claim = d
        .sections
        .iter_mut()
        .flat_map(|s| s.claims.iter_mut())
        .next()
        .unwrap();
    claim.cell = None;
    claim.topic = None;
    assert!(fires(&d, "prose-unresolved"));
}

// ---- targets ---------------------------------------------------------------

#[test]
fn target_annual_amount() {
    let mut d = fenyang();
    assert!(!fires(&d, "target-annual-amount"));
    d.targets[0].annual_funds.total = Some(Amount::parse("99,999", Unit::Yuan).unwrap().unwrap());
    assert!(fires(&d, "target-annual-amount"));
}

#[test]
fn target_sources() {
    let mut d = jincheng();
    assert!(!fires(&d, "target-sources"));
    d.targets[0].annual_funds.local = Some(Amount::parse("1", Unit::Yuan).unwrap().unwrap());
    assert!(fires(&d, "target-sources"));
}

#[test]
fn target_period() {
    let mut d = jincheng();
    assert!(!fires(&d, "target-period"));
    d.targets[0].period_funds.total = Some(Amount::parse("1", Unit::Yuan).unwrap().unwrap());
    assert!(fires(&d, "target-period"));
}

#[test]
fn target_missing() {
    let mut d = fenyang();
    assert!(!fires(&d, "target-missing"));
    d.targets.remove(0);
    assert!(fires(&d, "target-missing"));
}

// ---- catalog ---------------------------------------------------------------

fn row_with_code(d: &mut Disclosure, table: u8, code: &str) -> usize {
    d.tables
        .iter()
        .find(|t| t.number == table)
        .unwrap()
        .rows
        .iter()
        .position(|r| r.code.as_deref() == Some(code))
        .unwrap()
}

#[test]
fn catalog_unknown_code() {
    let mut d = fenyang();
    assert!(!fires(&d, "catalog-unknown-code"));
    let i = row_with_code(&mut d, 3, "2014004");
    let t = d.tables.iter_mut().find(|t| t.number == 3).unwrap();
    t.rows[i].code = Some("2010308".into()); // 信访事务 left the catalog in 2024
    assert!(fires(&d, "catalog-unknown-code"));
}

#[test]
fn catalog_name() {
    let mut d = jincheng();
    assert!(!fires(&d, "catalog-name"));
    let i = row_with_code(&mut d, 2, "2010308");
    d.tables.iter_mut().find(|t| t.number == 2).unwrap().rows[i].label = "信访业务".into();
    assert!(fires(&d, "catalog-name"));
}

#[test]
fn catalog_economic_mapping() {
    let mut d = fenyang();
    assert!(!fires(&d, "catalog-economic-mapping"));
    let t = d.tables.iter_mut().find(|t| t.number == 6).unwrap();
    let r = t.rows.iter_mut().find(|r| r.label == "培训费").unwrap();
    r.gov_item = Some("公务接待费".into());
    assert!(fires(&d, "catalog-economic-mapping"));
}

// ---- completeness ----------------------------------------------------------

#[test]
fn missing_table() {
    let mut d = fenyang();
    assert!(!fires(&d, "missing-table"));
    d.tables.retain(|t| t.number != 8);
    assert!(fires(&d, "missing-table"));
}

#[test]
fn empty_table_note() {
    let mut d = fenyang();
    assert!(!fires(&d, "empty-table-note"));
    d.tables
        .iter_mut()
        .find(|t| t.number == 13)
        .unwrap()
        .empty_note = false;
    assert!(fires(&d, "empty-table-note"));
}

#[test]
fn note_with_figures() {
    // Jincheng's table 9 says 本表无数据 and prints 0.00 in 34 cells.
    assert!(fires(&jincheng(), "note-with-figures"));
    assert!(!fires(&fenyang(), "note-with-figures"));
}

#[test]
fn missing_section() {
    let mut d = fenyang();
    assert!(!fires(&d, "missing-section"));
    d.sections
        .retain(|s| s.kind != yusuan_core::model::SectionKind::Procurement);
    assert!(fires(&d, "missing-section"));
}

#[test]
fn missing_overview() {
    let mut d = jincheng();
    assert!(!fires(&d, "missing-overview"));
    d.overview.duties.clear();
    assert!(fires(&d, "missing-overview"));
}

#[test]
fn missing_glossary() {
    let mut d = jincheng();
    assert!(!fires(&d, "missing-glossary"));
    d.glossary.clear();
    assert!(fires(&d, "missing-glossary"));
}

// ---- plausibility ------------------------------------------------------------

#[test]
fn operating_costs_administrative() {
    // Fenyang: table 11 says 15.43, but 2.43 of table 6's 公用经费 (工会经费,
    // 福利费, 其他商品和服务支出 booked under 505 商品和服务支出) belong to
    // its 事业 unit; the 机关 part is 13.00.
    assert!(fires(&fenyang(), "operating-costs-administrative"));
    assert!(!fires(&jincheng(), "operating-costs-administrative"));
}

#[test]
fn vehicle_costs_without_vehicles() {
    let mut d = jincheng();
    assert!(!fires(&d, "vehicle-costs-without-vehicles"));
    for c in d.sections.iter_mut().flat_map(|s| s.claims.iter_mut()) {
        if let ClaimKind::Count { value, .. } = &mut c.kind {
            if c.topic.as_deref() == Some("assets.vehicles") {
                *value = 0;
            }
        }
    }
    assert!(fires(&d, "vehicle-costs-without-vehicles"));
}

#[test]
fn carryover_project_this_year() {
    // Fenyang lists 2023结转、汾财[2023]第176号政府购买服务费用 in table 12.
    assert!(fires(&fenyang(), "carryover-project-this-year"));
    assert!(!fires(&jincheng(), "carryover-project-this-year"));
}

// ---- what the reader says ------------------------------------------------------

fn reader_rules(text: &str) -> Vec<String> {
    match read_bytes(text.as_bytes(), "test.txt", &Profile::national_budget()) {
        Ok(r) => r.findings.into_iter().map(|f| f.rule).collect(),
        Err(e) => vec![format!("error: {e}")],
    }
}

const T11: &str = "2024年财政拨款安排机关运行经费预算表\n部门名称：某局 单位：万元\n单位名称 合计 一般公共预算 政府性基金预算 国有资本经营预算\n";

#[test]
fn reader_rules_fire_on_their_input_only() {
    // ambiguous-columns: nothing says which source 15.43 is.
    assert!(
        reader_rules(&format!("{T11}部门合计 15.43 15.43\n某局 15.43 15.43\n"))
            .contains(&"ambiguous-columns".to_string())
    );
    // …while all four printed figures place themselves.
    assert!(reader_rules(&format!("{T11}部门合计 15.43 15.43 0.00 0.00\n")).is_empty());
    // orphan-figure: a figure before any label.
    assert!(
        reader_rules(&format!("{T11}15.43\n部门合计 15.43 15.43 0.00 0.00\n"))
            .contains(&"orphan-figure".to_string())
    );
    // not-a-number and extra-cell, in a TAB layout.
    let tab = "2024年财政拨款安排机关运行经费预算表\n部门名称：某局\n单位名称\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算\n部门合计\t15.43\tabc\t\t\t\t9.99\n";
    let rules = reader_rules(tab);
    assert!(rules.contains(&"not-a-number".to_string()), "{rules:?}");
    assert!(rules.contains(&"extra-cell".to_string()), "{rules:?}");
    let clean = "2024年财政拨款安排机关运行经费预算表\n部门名称：某局\n单位名称\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算\n部门合计\t15.43\t15.43\t\t\n";
    assert!(reader_rules(clean).is_empty());
    // duplicate-table.
    assert!(
        reader_rules(&format!("{T11}部门合计 15.43 15.43 0.00 0.00\n{T11}"))
            .contains(&"duplicate-table".to_string())
    );
    // target-layout: the misaligned Jincheng target table, and not a clean one.
    let j = read("jincheng-xinfang-2023-budget.txt").findings;
    assert!(j
        .iter()
        .any(|f| f.rule == "target-layout" && f.message.starts_with("信访专项工作经费")));
    let f = read("fenyang-xinfang-2024-budget.txt").findings;
    assert!(!f
        .iter()
        .any(|f| f.rule == "target-layout" && f.message.starts_with("购买后勤保障服务")));
}

/// What cannot be read is said: a scanned page gives `unreadable-page` and
/// no figures; a file that is not a readable document is refused, which
/// `yusuan check` reports as `unreadable` (tested in crates/cli/tests/cli.rs).
#[test]
fn unreadable_pages_and_files() {
    let scan = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/generated/pdf/scanned-page.pdf");
    let got = yusuan_extract::extract(&std::fs::read(scan).unwrap(), "scan.pdf").unwrap();
    assert!(got.lines.is_empty());
    assert_eq!(
        got.findings
            .iter()
            .map(|f| f.rule.as_str())
            .collect::<Vec<_>>(),
        ["unreadable-page"]
    );
    let broken = read_bytes(
        b"%PDF-1.7 garbage",
        "broken.pdf",
        &Profile::national_budget(),
    );
    let reported_as = "unreadable";
    assert!(broken.is_err(), "reported by the CLI as {reported_as}");
}

/// A rule added to the catalog without a test here fails this test.
#[test]
fn every_rule_of_the_catalog_is_tested_here() {
    let source = include_str!("every_rule.rs");
    let identities: BTreeSet<&str> = national::identities().iter().map(|d| d.id).collect();
    for rule in Checker::national().rules() {
        if identities.contains(rule.code) {
            continue;
        }
        let named = format!("\"{}\"", rule.code);
        assert!(
            source.contains(&named),
            "rule {} has no test in every_rule.rs",
            rule.code
        );
    }
}
