//! The XLSX writer on the real seeds, read back with calamine cell by cell.

mod common;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use rust_decimal::Decimal;
use std::io::Cursor;
use yusuan_core::model::Disclosure;
use yusuan_render::form::{form_tables, CellKind};
use yusuan_render::write_xlsx;
use yusuan_render::xlsx::{sheet_names, table_sheet_name, TABLE_HEADER_ROW};

fn read_back(d: &Disclosure) -> Xlsx<Cursor<Vec<u8>>> {
    let bytes = write_xlsx(d).expect("workbook written");
    // Kept where a person can open it (`CARGO_TARGET_TMPDIR`).
    let kept = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("{}-{}.xlsx", d.meta.department, d.meta.year));
    std::fs::write(kept, &bytes).unwrap();
    assert!(bytes.starts_with(b"PK"), "not a zip");
    open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes)).expect("workbook read")
}

fn text(v: Option<&Data>) -> String {
    match v {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => panic!("not text: {other:?}"),
    }
}

#[test]
fn sheets_are_named_and_ordered() {
    let d = common::seed(common::JINCHENG);
    let wb = read_back(&d);
    let names = wb.sheet_names();
    assert_eq!(names, sheet_names(&d));
    assert_eq!(names.len(), 2 + 13 + 3);
    assert_eq!(names[0], "目录");
    assert_eq!(names[1], "概况");
    assert_eq!(names[2], "表1 预算收支总表");
    assert_eq!(
        names[7],
        "表6 一般公共预算安排基本支出分经济科目表（不含上年结转）"
    );
    assert_eq!(&names[15..], ["情况说明", "绩效目标", "名词解释"]);
    for n in &names {
        assert!(n.chars().count() <= 31, "{n}");
        assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']), "{n}");
    }
}

#[test]
fn every_cell_reads_back_as_written() {
    for (name, d) in common::seeds() {
        let mut wb = read_back(&d);
        for t in form_tables(&d) {
            let sheet = table_sheet_name(&t, d.meta.year);
            let range = wb.worksheet_range(&sheet).unwrap();
            let at = |r: u32, c: usize| range.get_value((r, c as u32));
            assert_eq!(text(at(0, 0)), t.caption);
            assert_eq!(text(at(1, 0)), t.title);
            assert_eq!(text(at(2, 0)), format!("部门名称：{}", t.department));
            assert_eq!(text(at(2, t.columns - 1)), "单位：万元");
            for h in &t.header {
                assert_eq!(text(at(TABLE_HEADER_ROW + h.row as u32, h.col)), h.text);
            }
            let body = TABLE_HEADER_ROW + t.header_rows as u32;
            for (i, r) in t.rows.iter().enumerate() {
                let row = body + i as u32;
                for (c, (cell, kind)) in r.cells.iter().zip(&t.kinds).enumerate() {
                    let got = at(row, c);
                    match kind {
                        CellKind::Figure if !cell.is_empty() => {
                            let Some(Data::Float(v)) = got else {
                                panic!("{name} {sheet} ({row},{c}): {got:?} for {cell}")
                            };
                            let exact: Decimal = cell.parse().unwrap();
                            // Two decimals of what was read equal the decimal.
                            assert_eq!(format!("{v:.2}"), exact.to_string(), "{name} {sheet}");
                            assert_eq!(*v, cell.parse::<f64>().unwrap());
                        }
                        _ => assert_eq!(text(got), *cell, "{name} {sheet} ({row},{c})"),
                    }
                }
            }
            if let Some(note) = &t.note {
                assert_eq!(text(at(body + t.rows.len() as u32 + 1, 0)), *note);
            }
            // The title and every spanning header cell are merged ranges.
            let merged: Vec<((u32, u32), (u32, u32))> = wb
                .merge_cells_by_sheet_name(&sheet)
                .unwrap()
                .iter()
                .map(|dim| (dim.start, dim.end))
                .collect();
            let last = t.columns as u32 - 1;
            assert!(
                merged.contains(&((1, 0), (1, last))),
                "{name} {sheet}: title"
            );
            for h in t.header.iter().filter(|h| h.rowspan > 1 || h.colspan > 1) {
                let r0 = TABLE_HEADER_ROW + h.row as u32;
                let c0 = h.col as u32;
                let span = (
                    (r0, c0),
                    (r0 + h.rowspan as u32 - 1, c0 + h.colspan as u32 - 1),
                );
                assert!(merged.contains(&span), "{name} {sheet}: {h:?} not merged");
            }
        }
    }
}

#[test]
fn every_fact_is_a_number_in_its_sheet() {
    for (name, d) in common::seeds() {
        let mut wb = read_back(&d);
        let forms = form_tables(&d);
        for t in &forms {
            let sheet = table_sheet_name(t, d.meta.year);
            let range = wb.worksheet_range(&sheet).unwrap();
            let numbers: Vec<f64> = range
                .used_cells()
                .filter_map(|(_, _, v)| match v {
                    Data::Float(f) => Some(*f),
                    _ => None,
                })
                .collect();
            let facts: Vec<_> = d
                .facts()
                .into_iter()
                .filter(|f| f.table == t.number)
                .collect();
            assert_eq!(numbers.len(), facts.len(), "{name} {sheet}");
            for f in facts {
                let v: f64 = f.value.parse().unwrap();
                assert!(numbers.contains(&v), "{name} {sheet}: {f:?}");
            }
        }
    }
}

#[test]
fn prose_targets_and_glossary_have_their_sheets() {
    let d = common::seed(common::JINCHENG);
    let mut wb = read_back(&d);
    let prose = wb.worksheet_range("情况说明").unwrap();
    let cells: Vec<String> = prose.used_cells().map(|(_, _, v)| text(Some(v))).collect();
    for s in &d.sections {
        for p in &s.paragraphs {
            assert!(cells.contains(&p.text), "{}", p.text);
        }
    }
    let glossary = wb.worksheet_range("名词解释").unwrap();
    for (i, g) in d.glossary.iter().enumerate() {
        assert_eq!(text(glossary.get_value((2 + i as u32, 1))), g.term);
        assert_eq!(text(glossary.get_value((2 + i as u32, 2))), g.definition);
    }
    let targets = wb.worksheet_range("绩效目标").unwrap();
    let cells: Vec<&Data> = targets.used_cells().map(|(_, _, v)| v).collect();
    for t in &d.targets {
        assert!(
            cells.contains(&&Data::String(t.project.clone())),
            "{}",
            t.project
        );
        if let Some(a) = &t.annual_funds.total {
            let v: f64 = a.printed().parse().unwrap();
            assert!(cells.contains(&&Data::Float(v)), "{}: {v}", t.project);
        }
    }
}
