//! Bad input: what the reader makes of files that are not (whole)
//! disclosures. Each gives either a clear error that names the file or a
//! partial model that keeps what is there and says what it could not place.

use std::collections::BTreeMap;
use std::path::PathBuf;
use yusuan_core::model::{Disclosure, Fact, TableKind};
use yusuan_parse::decode::DecodeError;
use yusuan_parse::{read_bytes, Profile, ReadError, Reading};

const JINCHENG: &str = "jincheng-xinfang-2023-budget";
const FENYANG: &str = "fenyang-xinfang-2024-budget";

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/real")
        .join(format!("{name}.txt"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(bytes: &[u8], path: &str) -> Result<Reading, ReadError> {
    read_bytes(bytes, path, &Profile::national_budget())
}

/// A fact without its source line.
fn key(f: &Fact) -> (u8, String, String, &'static str, String) {
    (
        f.table,
        f.row_code.clone(),
        f.row_label.clone(),
        f.column,
        f.value.clone(),
    )
}

fn table_facts(d: &Disclosure, number: u8) -> Vec<(u8, String, String, &'static str, String)> {
    d.facts()
        .iter()
        .filter(|f| f.table == number)
        .map(key)
        .collect()
}

#[test]
fn an_empty_file_is_refused_naming_the_file() {
    for bytes in [&b""[..], b"\xEF\xBB\xBF", b"  \n\r\n\t\n"] {
        let err = read(bytes, "empty.txt").expect_err("an empty file is refused");
        assert!(
            matches!(
                &err,
                ReadError::Decode { path, source: DecodeError::Empty } if path == "empty.txt"
            ),
            "{err:?}"
        );
        assert_eq!(err.to_string(), "empty.txt: the file is empty");
    }
}

#[test]
fn binary_data_is_refused_naming_the_file() {
    // A PNG header (a scanned page) and a ZIP header (a .docx or .xlsx
    // handed over as it is): both have NUL bytes early on.
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x80\x00\x00\x01\xe0\x08\x06";
    let zip = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml";
    for (bytes, path, offset) in [(&png[..], "scan.png", 8usize), (&zip[..], "report.docx", 5)] {
        let err = read(bytes, path).expect_err("binary data is refused");
        assert!(
            matches!(
                &err,
                ReadError::Decode { path: p, source: DecodeError::Binary { offset: o } }
                    if p == path && *o == offset
            ),
            "{path}: {err:?}"
        );
        let message = err.to_string();
        assert!(
            message.starts_with(&format!("{path}: ")) && message.contains("binary"),
            "{message}"
        );
    }
}

#[test]
fn a_text_that_is_not_a_disclosure_is_refused_naming_the_file() {
    let poem = "静夜思\n\n床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n";
    let err = read(poem.as_bytes(), "poem.txt").expect_err("a poem is not a disclosure");
    assert!(
        matches!(&err, ReadError::NotADisclosure { path, .. } if path == "poem.txt"),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.starts_with("poem.txt: not a budget disclosure"),
        "{message}"
    );
    // A text that talks about budgets but has no table is no disclosure
    // either: a title needs its table-title form.
    let prose = "2024年度部门预算公开\n第一部分 概况\n一、本部门职责\n负责信访工作。\n";
    assert!(matches!(
        read(prose.as_bytes(), "prose.txt"),
        Err(ReadError::NotADisclosure { .. })
    ));
}

/// The first half of each seed (by lines): the tables that are whole before
/// the cut are read exactly as from the whole document; the tables after it
/// are absent; nothing is invented.
#[test]
fn a_document_cut_in_the_middle_keeps_the_tables_before_the_cut() {
    for (name, whole_tables) in [
        // Jincheng is cut inside 第二部分, after table 8 (its note is lost).
        (JINCHENG, 1..=8u8),
        // Fenyang is cut inside 第三部分: every table is before the cut.
        (FENYANG, 1..=13u8),
    ] {
        let text = fixture(name);
        let full = read(text.as_bytes(), name).expect("the whole seed reads");
        let lines: Vec<&str> = text.split('\n').collect();
        let half = lines[..lines.len() / 2].join("\n");
        let cut = read(half.as_bytes(), name)
            .unwrap_or_else(|e| panic!("{name}: the first half is refused: {e}"));
        let numbers: Vec<u8> = cut.disclosure.tables.iter().map(|t| t.number).collect();
        assert_eq!(
            numbers,
            whole_tables.clone().collect::<Vec<_>>(),
            "{name}: tables read from the first half"
        );
        for n in whole_tables {
            assert_eq!(
                table_facts(&cut.disclosure, n),
                table_facts(&full.disclosure, n),
                "{name}: table {n} before the cut"
            );
        }
        assert!(
            cut.disclosure.glossary.is_empty(),
            "{name}: 第四部分 is after the cut"
        );
        // The prose read is the start of the prose of the whole document.
        let kinds = |d: &Disclosure| d.sections.iter().map(|s| s.kind).collect::<Vec<_>>();
        let (cut_kinds, full_kinds) = (kinds(&cut.disclosure), kinds(&full.disclosure));
        assert!(
            full_kinds.starts_with(&cut_kinds),
            "{name}: sections {cut_kinds:?} are not a start of {full_kinds:?}"
        );
    }
    // Cut at half the bytes instead, Jincheng's cut falls inside a character
    // (a download broken off mid-file): the file is refused as a whole, with
    // a clear error that names it and the offset.
    let text = fixture(JINCHENG);
    let bytes = &text.as_bytes()[..text.len() / 2];
    assert!(
        std::str::from_utf8(bytes).is_err(),
        "the cut splits a character"
    );
    let err = read(bytes, "cut.txt").expect_err("refused");
    assert!(
        matches!(
            &err,
            ReadError::Decode { path, source: DecodeError::Undecodable { offset } }
                if path == "cut.txt" && *offset == bytes.len() - 1
        ),
        "{err:?}"
    );
}

/// Fenyang table 3 with one data row deleted (`2010350 事业运行`, a 项 of
/// `20103`): table 3 lacks that row; every other row keeps the figures and
/// columns it has in the whole document, or is left unplaced with an
/// `ambiguous-columns` finding that names it. No row is placed in columns
/// it does not have. (The broken sum 20103 ≠ 2010301 is the checker's to
/// report, not the reader's.)
#[test]
fn a_table_with_a_missing_row_keeps_its_other_rows() {
    let text = fixture(FENYANG);
    let full = read(text.as_bytes(), FENYANG).expect("Fenyang reads");
    let missing = "2010350 事业运行 46.98 46.98";
    let lines: Vec<&str> = text.split('\n').collect();
    let at: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim() == missing)
        .map(|(i, _)| i)
        .collect();
    // The row is printed in tables 2, 3 and 5; the second print is table 3's.
    assert_eq!(at.len(), 3, "{at:?}");
    let damaged: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != at[1])
        .map(|(_, l)| *l)
        .collect();
    let reading = read(damaged.join("\n").as_bytes(), "missing-row.txt").expect("still read");
    let table = reading
        .disclosure
        .table(TableKind::ExpenditureSummary)
        .expect("table 3 is read");
    let whole = full
        .disclosure
        .table(TableKind::ExpenditureSummary)
        .unwrap();
    assert!(
        table.row_by_code("2010350", None).is_none(),
        "the deleted row is not read"
    );
    assert_eq!(table.rows.len(), whole.rows.len() - 1);
    let mut wrong = Vec::new();
    for row in &table.rows {
        let name = row.code.clone().unwrap_or_else(|| row.label.clone());
        let expected = whole
            .rows
            .iter()
            .find(|r| r.code == row.code && r.label == row.label)
            .unwrap_or_else(|| panic!("row {name} is not in the whole table"));
        let cells = |r: &yusuan_core::model::Row| -> BTreeMap<&'static str, String> {
            r.cells
                .iter()
                .map(|c| (c.column.name(), c.value.printed()))
                .collect()
        };
        if row.unplaced.is_empty() {
            if cells(row) != cells(expected) {
                wrong.push(format!(
                    "{name}: read {:?}, printed {:?}",
                    cells(row),
                    cells(expected)
                ));
            }
        } else {
            let flagged = reading.findings.iter().any(|f| {
                f.rule == "ambiguous-columns"
                    && f.location.table == Some(3)
                    && f.location.row.as_deref() == Some(name.as_str())
            });
            if !flagged {
                wrong.push(format!("{name}: unplaced without a finding"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "rows of table 3 misread after one row is deleted:\n{}",
        wrong.join("\n")
    );
    // The other tables are as in the whole document.
    for n in (1..=13u8).filter(|n| *n != 3) {
        assert_eq!(
            table_facts(&reading.disclosure, n),
            table_facts(&full.disclosure, n),
            "table {n}"
        );
    }
}

/// Parts out of order (a contents page or a shuffled extraction can put
/// `第四部分` before `第三部分`): a model, not a panic.
#[test]
fn parts_out_of_order_give_a_model_not_a_panic() {
    let text = "第四部分 名词解释\n2024年预算支出总表\n部门名称：试验局 单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n合计 1.00 1.00\n第三部分 2024年度部门预算情况说明\n";
    let reading = read(text.as_bytes(), "parts.txt").expect("a model");
    assert_eq!(reading.disclosure.tables.len(), 1);
}
