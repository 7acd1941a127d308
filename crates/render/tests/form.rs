//! The form layout on the real seeds: every printed figure is in its table's
//! form, on the row of its label or code, and the headers tile their grid.

mod common;

use yusuan_core::model::TableKind;
use yusuan_render::form::{form_tables, CellKind, FormTable};

fn figure_cells(t: &FormTable) -> usize {
    t.rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .zip(&t.kinds)
                .filter(|(c, k)| **k == CellKind::Figure && !c.is_empty())
                .count()
        })
        .sum()
}

#[test]
fn every_fact_is_on_the_row_of_its_label_or_code() {
    for (name, d) in common::seeds() {
        let forms = form_tables(&d);
        let facts = d.facts();
        assert!(facts.len() > 100, "{name}: only {} facts", facts.len());
        for fact in &facts {
            let t = forms
                .iter()
                .find(|t| t.number == fact.table)
                .unwrap_or_else(|| panic!("{name}: no form table {}", fact.table));
            // Table 6 disambiguates a repeated item as `item/government item`.
            let labels: Vec<&str> = fact.row_label.split('/').collect();
            let found = t.rows.iter().any(|r| {
                let value = r
                    .cells
                    .iter()
                    .zip(&t.kinds)
                    .any(|(c, k)| *k == CellKind::Figure && *c == fact.value);
                // A code in its own column, or the label (tables 1 and 4
                // print the 类 by name with an ordinal, without the code).
                let by_code = !fact.row_code.is_empty() && r.cells.contains(&fact.row_code);
                let by_label = labels.iter().all(|l| r.cells.iter().any(|c| c.contains(l)));
                let key = by_code || by_label;
                value && key
            });
            assert!(
                found,
                "{name}: fact {fact:?} is not in form table {}",
                t.number
            );
        }
        // Nothing is printed that is not a fact.
        for t in &forms {
            let n = facts.iter().filter(|f| f.table == t.number).count();
            assert_eq!(figure_cells(t), n, "{name}: table {}", t.number);
        }
    }
}

#[test]
fn headers_tile_their_grid_exactly_once() {
    for (name, d) in common::seeds() {
        for t in form_tables(&d) {
            let mut seen = vec![vec![0u32; t.columns]; t.header_rows];
            for h in &t.header {
                assert!(h.rowspan >= 1 && h.colspan >= 1);
                for row in seen.iter_mut().skip(h.row).take(h.rowspan) {
                    for n in row.iter_mut().skip(h.col).take(h.colspan) {
                        *n += 1;
                    }
                }
            }
            assert!(
                seen.iter().flatten().all(|n| *n == 1),
                "{name}: table {} header coverage {seen:?}",
                t.number
            );
            assert_eq!(t.kinds.len(), t.columns);
            assert_eq!(t.widths.len(), t.columns);
            for r in &t.rows {
                assert_eq!(r.cells.len(), t.columns, "{name}: table {}", t.number);
            }
        }
    }
}

#[test]
fn captions_titles_and_layout_of_jincheng() {
    let d = common::seed(common::JINCHENG);
    let forms = form_tables(&d);
    assert_eq!(
        forms.iter().map(|t| t.number).collect::<Vec<_>>(),
        (1..=13).collect::<Vec<u8>>()
    );
    let t1 = &forms[0];
    assert_eq!(t1.caption, "预算公开表1");
    assert_eq!(t1.title, "2023年预算收支总表");
    assert_eq!(t1.department, "晋城市信访局");
    assert_eq!(t1.unit, "万元");
    // Two sides: the first source beside the first 类, the grand totals on
    // the last line, bold.
    assert_eq!(
        t1.rows[0].cells,
        [
            "一、一般公共预算",
            "730.03",
            "一、一般公共服务支出",
            "567.20",
            "567.20",
            ""
        ]
    );
    let last = t1.rows.last().unwrap();
    assert_eq!(last.cells[0], "收入总计");
    assert_eq!(last.cells[2], "支出总计");
    assert!(last.total);
    assert!(t1
        .rows
        .iter()
        .any(|r| r.cells[2] == "三十、抗疫特别国债安排的支出"));

    // Table 2: 项目 over 科目编码/科目名称, 本年收入 over six columns,
    // 上年结转 over both header rows.
    let t2 = &forms[1];
    assert!(t2.landscape);
    let spans: Vec<(&str, usize, usize)> = t2
        .header
        .iter()
        .filter(|h| h.row == 0)
        .map(|h| (h.text.as_str(), h.rowspan, h.colspan))
        .collect();
    assert_eq!(
        spans,
        [("项目", 1, 2), ("本年收入", 1, 6), ("上年结转", 2, 1)]
    );
    assert_eq!(t2.rows[0].cells[0], "合计");
    assert!(t2.rows[0].total);
    let xingzheng = t2.rows.iter().find(|r| r.cells[0] == "2010301").unwrap();
    assert_eq!(xingzheng.cells[1], "行政运行");
    assert_eq!(xingzheng.indent, 2);
    assert_eq!(t2.kinds[0], CellKind::Code);
    assert_eq!(t2.kinds[1], CellKind::Label);

    // Table 6: the department item beside its government item.
    let t6 = &forms[5];
    let basic = t6.rows.iter().find(|r| r.cells[0] == "基本工资").unwrap();
    assert_eq!(basic.cells[1], "工资奖金津补贴");
    assert_eq!(basic.cells[2], "110.29");

    // Table 10: ①② under 公务用车购置及运行费.
    let t10 = forms
        .iter()
        .find(|t| d.table_number(t.number).map(|t| t.kind) == Some(TableKind::ThreePublic))
        .unwrap();
    assert!(t10.rows.iter().any(|r| r.cells[0] == "②公务用车运行维护费"));

    // The empty tables carry their note.
    for n in [7, 8] {
        assert_eq!(forms[n - 1].note.as_deref(), Some("注：本表无数据"));
    }
    assert_eq!(forms[1].column_headings()[3], "本年收入/一般公共预算");
}
