//! The one engine that evaluates declared identities on a disclosure.
//!
//! Every figure is compared as the interval it stands for, in yuan, so tables
//! printed in different units compare correctly and a difference that
//! rounding explains is never a violation.

use super::{Cells, Declared, Identity, RowSel, Strength};
use crate::amount::Unit;
use crate::interval::Interval;
use crate::model::{CellRef, Column, Disclosure, Provenance, Row, RowKind, Side, Table};
use serde::Serialize;
use std::collections::BTreeSet;

/// One place where an identity does not hold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub id: &'static str,
    pub strength: Strength,
    /// Printed number of the table holding the figure found wrong.
    pub table: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row_label: Option<String>,
    pub column: Column,
    /// The unit `actual` and `expected` are given in (the table's).
    pub unit: Unit,
    /// What is printed (a sum of printed cells, as an interval).
    pub actual: Interval,
    /// What the other side of the identity allows.
    pub expected: Interval,
    /// Where the printed figure is.
    pub provenance: Provenance,
    pub message: String,
    /// The cells on the other side of the identity.
    pub related: Vec<CellRef>,
}

/// Evaluate every identity of a list.
pub fn evaluate_all(list: &[Declared], d: &Disclosure) -> Vec<Violation> {
    list.iter().flat_map(|decl| evaluate(decl, d)).collect()
}

/// Evaluate one identity. Tables the disclosure lacks make it silent: a
/// missing table is a completeness matter, not an arithmetic one.
pub fn evaluate(decl: &Declared, d: &Disclosure) -> Vec<Violation> {
    if !decl.when_present.is_empty()
        && !decl
            .when_present
            .iter()
            .any(|c| select(d, c).is_some_and(|rows| !rows.is_empty()))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    match &decl.identity {
        Identity::RowSum {
            table,
            side,
            rows,
            total,
            parts,
        } => {
            let Some(t) = d.table(*table) else {
                return out;
            };
            for row in rows_of(t, *side, rows).into_iter().filter(|r| placed(r)) {
                let actual = cell_yuan(row, *total);
                let expected = Interval::sum(
                    parts
                        .iter()
                        .map(|c| cell_yuan(row, *c))
                        .collect::<Vec<_>>()
                        .iter(),
                );
                if !actual.intersects(&expected) {
                    let names: Vec<&str> = parts.iter().map(|c| c.name()).collect();
                    let what = format!("{} ≠ {}", total.name(), names.join(" + "));
                    let mut v = violation(decl, t, row, *total, actual, expected, &what);
                    v.related = parts.iter().map(|c| cell_ref(t, row, *c)).collect();
                    out.push(v);
                }
            }
        }
        Identity::Hierarchy { table, side } => {
            let Some(t) = d.table(*table) else {
                return out;
            };
            for (parent, children) in family(t, *side) {
                if !placed(parent) || !children.iter().all(|c| placed(c)) {
                    continue;
                }
                for column in columns_of(std::iter::once(parent).chain(children.iter().copied())) {
                    let actual = cell_yuan(parent, column);
                    let expected = Interval::sum(
                        children
                            .iter()
                            .map(|r| cell_yuan(r, column))
                            .collect::<Vec<_>>()
                            .iter(),
                    );
                    if !actual.intersects(&expected) {
                        let what = format!("{} ≠ 其下各行之和", parent.label);
                        let mut v = violation(decl, t, parent, column, actual, expected, &what);
                        v.related = children.iter().map(|c| cell_ref(t, c, column)).collect();
                        out.push(v);
                    }
                }
            }
        }
        Identity::Equal { lhs, rhs } | Identity::AtLeast { lhs, rhs } => {
            let (Some(l), Some(r)) = (sum_sets(d, lhs), sum_sets(d, rhs)) else {
                return out;
            };
            let holds = match decl.identity {
                Identity::Equal { .. } => l.intersects(&r),
                // Some value of the left can reach some value of the right;
                // an open upper end cannot be reached.
                _ => l.hi > r.lo || (l.hi == r.lo && !l.open_hi),
            };
            if !holds {
                let first = &lhs[0];
                let Some(t) = d.table(first.table) else {
                    return out;
                };
                let rows = rows_of(t, first.side, &first.rows);
                let what =
                    describe_sets(d, lhs, rhs, matches!(decl.identity, Identity::Equal { .. }));
                match rows.first() {
                    Some(row) => {
                        let mut v = violation(decl, t, row, first.column, l, r, &what);
                        v.related = related_cells(d, rhs);
                        out.push(v);
                    }
                    None => out.push(table_violation(decl, t, first, l, r, &what)),
                }
            }
        }
        Identity::CodesMatch { a, b, digits } => {
            let (Some(ta), Some(tb)) = (d.table(a.0), d.table(b.0)) else {
                return out;
            };
            let codes: BTreeSet<&str> = code_rows(ta, a.1)
                .chain(code_rows(tb, b.1))
                .filter_map(|r| r.code.as_deref())
                .filter(|c| digits.is_none_or(|n| c.len() == n))
                .collect();
            for code in codes {
                let ra = ta.row_by_code(code, a.1);
                let rb = tb.row_by_code(code, b.1);
                if !ra.is_none_or(placed) || !rb.is_none_or(placed) {
                    continue;
                }
                let va = ra.map_or(Interval::zero(), |r| cell_yuan(r, a.2));
                let vb = rb.map_or(Interval::zero(), |r| cell_yuan(r, b.2));
                if !va.intersects(&vb) {
                    let what = format!(
                        "表{} {} {} ≠ 表{} {}",
                        ta.number,
                        code,
                        a.2.name(),
                        tb.number,
                        b.2.name()
                    );
                    match (ra, rb) {
                        (Some(r), _) => {
                            let mut v = violation(decl, ta, r, a.2, va, vb, &what);
                            v.related = rb.map(|o| vec![cell_ref(tb, o, b.2)]).unwrap_or_default();
                            out.push(v);
                        }
                        (None, Some(r)) => out.push(violation(decl, tb, r, b.2, vb, va, &what)),
                        (None, None) => {}
                    }
                }
            }
        }
    }
    out
}

/// The rows a selector picks on a side of a table.
fn rows_of<'a>(t: &'a Table, side: Option<Side>, sel: &RowSel) -> Vec<&'a Row> {
    t.rows
        .iter()
        .filter(|r| (side.is_none() || r.side == side) && sel.matches(r))
        .collect()
}

impl RowSel {
    /// Whether the selector picks a row.
    pub fn matches(&self, r: &Row) -> bool {
        match self {
            RowSel::Kind(k) => r.kind == *k,
            RowSel::KindLevel(k, l) => r.kind == *k && r.level == *l,
            RowSel::Label(l) => r.label == *l,
            RowSel::KindLabel(k, l) => r.kind == *k && r.label == *l,
            RowSel::Code(c) => r.code.as_deref() == Some(*c),
        }
    }
}

/// The rows of a cell set, or `None` when its table is absent.
fn select<'a>(d: &'a Disclosure, c: &Cells) -> Option<Vec<&'a Row>> {
    d.table(c.table).map(|t| rows_of(t, c.side, &c.rows))
}

/// Whether the reader placed every figure of the row. A row whose figures
/// are unplaced has unknown cells: an identity that needs them says nothing
/// rather than take them for zeros.
fn placed(row: &Row) -> bool {
    row.unplaced.is_empty()
}

fn sum_sets(d: &Disclosure, sets: &[Cells]) -> Option<Interval> {
    let mut total = Interval::zero();
    for c in sets {
        for row in select(d, c)? {
            if !placed(row) {
                return None;
            }
            total = total.add(&cell_yuan(row, c.column));
        }
    }
    Some(total)
}

/// A printed cell as an interval in yuan; an empty cell is exactly zero.
fn cell_yuan(row: &Row, column: Column) -> Interval {
    row.get(column)
        .map_or(Interval::zero(), |a| a.interval_in(Unit::Yuan))
}

fn code_rows(t: &Table, side: Option<Side>) -> impl Iterator<Item = &Row> {
    t.rows
        .iter()
        .filter(move |r| r.code.is_some() && (side.is_none() || r.side == side))
}

/// The columns in which any of the rows prints a figure.
fn columns_of<'a>(rows: impl Iterator<Item = &'a Row>) -> BTreeSet<Column> {
    rows.flat_map(|r| r.cells.iter().map(|c| c.column))
        .collect()
}

/// Every (parent, children) pair of a table side: classification rows by code
/// prefix, other rows by level and order, and the total row over the top level.
fn family(t: &Table, side: Option<Side>) -> Vec<(&Row, Vec<&Row>)> {
    family_indices(&t.rows, side)
        .into_iter()
        .map(|(p, cs)| (&t.rows[p], cs.into_iter().map(|c| &t.rows[c]).collect()))
        .collect()
}

/// [`family`] as indices into `rows`, for those (like the reader's column
/// solver) that know the rows before their cells.
pub fn family_indices(rows: &[Row], side: Option<Side>) -> Vec<(usize, Vec<usize>)> {
    let on_side: Vec<usize> = (0..rows.len())
        .filter(|i| side.is_none() || rows[*i].side == side)
        .collect();
    let code_len = |i: usize| rows[i].code.as_ref().map_or(0, |c| c.len());
    let coded: Vec<usize> = on_side
        .iter()
        .copied()
        .filter(|i| rows[*i].code.is_some())
        .collect();
    let mut out = Vec::new();
    for (pos, &i) in on_side.iter().enumerate() {
        let parent = &rows[i];
        if parent.kind == RowKind::Total {
            continue;
        }
        let children: Vec<usize> = match parent.code.as_deref() {
            Some(code) => coded
                .iter()
                .copied()
                .filter(|&j| {
                    let c = rows[j].code.as_deref().unwrap_or_default();
                    c.len() == code.len() + 2 && c.starts_with(code)
                })
                .collect(),
            None => on_side[pos + 1..]
                .iter()
                .copied()
                .take_while(|&j| rows[j].level > parent.level && rows[j].kind != RowKind::Total)
                .filter(|&j| rows[j].level == parent.level + 1)
                .collect(),
        };
        if !children.is_empty() {
            out.push((i, children));
        }
    }
    let top: Vec<usize> = if !coded.is_empty() {
        let shortest = coded.iter().map(|&i| code_len(i)).min().unwrap_or(0);
        coded
            .iter()
            .copied()
            .filter(|&i| code_len(i) == shortest)
            .collect()
    } else {
        let min_level = on_side
            .iter()
            .filter(|&&i| rows[i].kind != RowKind::Total)
            .map(|&i| rows[i].level)
            .min();
        on_side
            .iter()
            .copied()
            .filter(|&i| rows[i].kind != RowKind::Total && Some(rows[i].level) == min_level)
            .collect()
    };
    if !top.is_empty() {
        for &i in on_side.iter().filter(|&&i| rows[i].kind == RowKind::Total) {
            out.push((i, top.clone()));
        }
    }
    out
}

/// A reference to a row's cell.
fn cell_ref(t: &Table, r: &Row, column: Column) -> CellRef {
    CellRef {
        table: t.number,
        side: r.side,
        row_code: r.code.clone(),
        row_label: r.code.is_none().then(|| r.label.clone()),
        column,
    }
}

/// The cells a set of cell sets selects.
fn related_cells(d: &Disclosure, sets: &[Cells]) -> Vec<CellRef> {
    sets.iter()
        .filter_map(|c| d.table(c.table).map(|t| (t, c)))
        .flat_map(|(t, c)| {
            rows_of(t, c.side, &c.rows)
                .into_iter()
                .map(move |r| cell_ref(t, r, c.column))
        })
        .collect()
}

fn in_unit(i: Interval, unit: Unit) -> Interval {
    i.scale(Unit::Yuan.yuan_factor() / unit.yuan_factor())
}

fn violation(
    decl: &Declared,
    t: &Table,
    row: &Row,
    column: Column,
    actual: Interval,
    expected: Interval,
    what: &str,
) -> Violation {
    let actual = in_unit(actual, t.unit);
    let expected = in_unit(expected, t.unit);
    let printed = row
        .get(column)
        .map_or_else(|| "空".to_string(), |a| a.printed());
    let provenance = row
        .cell(column)
        .map_or_else(|| row.provenance.clone(), |c| c.provenance.clone());
    Violation {
        id: decl.id,
        strength: decl.strength,
        table: t.number,
        side: row.side,
        row_code: row.code.clone(),
        row_label: Some(row.label.clone()),
        column,
        unit: t.unit,
        actual,
        expected,
        provenance,
        related: Vec::new(),
        message: format!(
            "表{} {}「{}」{}: 印 {}, 应为 {}{} ({})",
            t.number,
            row.code
                .as_deref()
                .map(|c| format!("{c} "))
                .unwrap_or_default(),
            row.label,
            column.name(),
            printed,
            expected,
            t.unit,
            what
        ),
    }
}

fn table_violation(
    decl: &Declared,
    t: &Table,
    first: &Cells,
    actual: Interval,
    expected: Interval,
    what: &str,
) -> Violation {
    Violation {
        id: decl.id,
        strength: decl.strength,
        table: t.number,
        side: first.side,
        row_code: None,
        row_label: None,
        column: first.column,
        unit: t.unit,
        actual: in_unit(actual, t.unit),
        expected: in_unit(expected, t.unit),
        provenance: t.provenance.clone(),
        related: Vec::new(),
        message: format!("表{} {}", t.number, what),
    }
}

fn describe_sets(d: &Disclosure, lhs: &[Cells], rhs: &[Cells], equal: bool) -> String {
    let side = |sets: &[Cells]| {
        sets.iter()
            .map(|c| {
                let n = d.table(c.table).map_or(0, |t| t.number);
                let rows = match &c.rows {
                    RowSel::Kind(k) | RowSel::KindLevel(k, _) => format!("{k:?}"),
                    RowSel::Label(l) | RowSel::KindLabel(_, l) => l.to_string(),
                    RowSel::Code(code) => code.to_string(),
                };
                format!("表{n}「{rows}」{}", c.column.name())
            })
            .collect::<Vec<_>>()
            .join(" + ")
    };
    format!(
        "{} {} {}",
        side(lhs),
        if equal { "≠" } else { "<" },
        side(rhs)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amount::Amount;
    use crate::identity::{cells, Declared, Identity, RowSel, Strength};
    use crate::model::{DocKind, Metadata, TableKind};

    fn wan(s: &str) -> Amount {
        Amount::parse(s, Unit::WanYuan).unwrap().unwrap()
    }

    fn row(
        kind: RowKind,
        code: Option<&str>,
        label: &str,
        level: u8,
        cells: &[(Column, &str)],
    ) -> Row {
        let mut r = Row::new(kind, label, level);
        r.code = code.map(str::to_string);
        for (c, v) in cells {
            r.push(*c, wan(v));
        }
        r
    }

    fn disclosure(tables: Vec<Table>) -> Disclosure {
        let mut d = Disclosure::new(Metadata {
            department: "测试局".into(),
            department_code: None,
            region: None,
            level: None,
            year: 2023,
            kind: DocKind::Budget,
            unit: Unit::WanYuan,
        });
        d.tables = tables;
        d
    }

    /// Jincheng 2023 table 3, as printed.
    fn jincheng_t3() -> Table {
        use Column::*;
        let mut t = Table::new(
            3,
            TableKind::ExpenditureSummary,
            "2023年预算支出总表",
            Unit::WanYuan,
            vec![Total, Basic, Project],
        );
        let c = RowKind::Classification;
        t.rows = vec![
            row(
                RowKind::Total,
                None,
                "合计",
                0,
                &[(Total, "730.03"), (Basic, "448.74"), (Project, "281.29")],
            ),
            row(
                c,
                Some("201"),
                "一般公共服务支出",
                1,
                &[(Total, "567.20"), (Basic, "343.70"), (Project, "223.50")],
            ),
            row(
                c,
                Some("20103"),
                "政府办公厅（室）及相关机构事务",
                2,
                &[(Total, "567.20"), (Basic, "343.70"), (Project, "223.50")],
            ),
            row(
                c,
                Some("2010301"),
                "行政运行",
                3,
                &[(Total, "343.70"), (Basic, "343.70")],
            ),
            row(
                c,
                Some("2010308"),
                "信访事务",
                3,
                &[(Total, "223.50"), (Project, "223.50")],
            ),
            row(
                c,
                Some("208"),
                "社会保障和就业支出",
                1,
                &[(Total, "39.05"), (Basic, "39.05")],
            ),
            row(
                c,
                Some("20805"),
                "行政事业单位养老支出",
                2,
                &[(Total, "39.05"), (Basic, "39.05")],
            ),
            row(
                c,
                Some("2080505"),
                "机关事业单位基本养老保险缴费支出",
                3,
                &[(Total, "39.05"), (Basic, "39.05")],
            ),
            row(
                c,
                Some("210"),
                "卫生健康支出",
                1,
                &[(Total, "27.08"), (Basic, "27.08")],
            ),
            row(
                c,
                Some("21011"),
                "行政事业单位医疗",
                2,
                &[(Total, "27.08"), (Basic, "27.08")],
            ),
            row(
                c,
                Some("2101101"),
                "行政单位医疗",
                3,
                &[(Total, "18.53"), (Basic, "18.53")],
            ),
            row(
                c,
                Some("2101103"),
                "公务员医疗补助",
                3,
                &[(Total, "8.55"), (Basic, "8.55")],
            ),
            row(
                c,
                Some("221"),
                "住房保障支出",
                1,
                &[(Total, "38.91"), (Basic, "38.91")],
            ),
            row(
                c,
                Some("22102"),
                "住房改革支出",
                2,
                &[(Total, "38.91"), (Basic, "38.91")],
            ),
            row(
                c,
                Some("2210201"),
                "住房公积金",
                3,
                &[(Total, "38.91"), (Basic, "38.91")],
            ),
            row(
                c,
                Some("230"),
                "转移性支出",
                1,
                &[(Total, "57.79"), (Project, "57.79")],
            ),
            row(
                c,
                Some("23002"),
                "一般性转移支付",
                2,
                &[(Total, "57.79"), (Project, "57.79")],
            ),
            row(
                c,
                Some("2300208"),
                "结算补助支出",
                3,
                &[(Total, "57.79"), (Project, "57.79")],
            ),
        ];
        t
    }

    fn decl(id: &'static str, identity: Identity) -> Declared {
        Declared {
            id,
            zh: "",
            en: "",
            strength: Strength::Must,
            when_present: vec![],
            identity,
        }
    }

    fn row_sum() -> Declared {
        decl(
            "row",
            Identity::RowSum {
                table: TableKind::ExpenditureSummary,
                side: None,
                rows: RowSel::Kind(RowKind::Classification),
                total: Column::Total,
                parts: vec![Column::Basic, Column::Project],
            },
        )
    }

    fn hierarchy() -> Declared {
        decl(
            "tree",
            Identity::Hierarchy {
                table: TableKind::ExpenditureSummary,
                side: None,
            },
        )
    }

    #[test]
    fn the_printed_table_satisfies_its_identities() {
        let d = disclosure(vec![jincheng_t3()]);
        assert_eq!(evaluate(&row_sum(), &d), vec![]);
        assert_eq!(evaluate(&hierarchy(), &d), vec![]);
    }

    #[test]
    fn a_typo_in_a_leaf_breaks_the_row_and_the_hierarchy() {
        let mut t = jincheng_t3();
        t.rows[10].cells[0].value = wan("18.35"); // 2101101 合计 18.53 → 18.35
        let d = disclosure(vec![t]);
        let v = evaluate(&row_sum(), &d);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].row_code.as_deref(), Some("2101101"));
        assert_eq!(v[0].column, Column::Total);
        let v = evaluate(&hierarchy(), &d);
        assert_eq!(v.len(), 1, "{v:#?}");
        assert_eq!(v[0].row_code.as_deref(), Some("21011"));
        // The children are the related cells.
        let related: Vec<&str> = v[0]
            .related
            .iter()
            .filter_map(|c| c.row_code.as_deref())
            .collect();
        assert_eq!(related, ["2101101", "2101103"]);
        assert!(v[0].message.contains("表3"), "{}", v[0].message);
    }

    #[test]
    fn rounding_is_not_a_violation_but_a_cent_beyond_is() {
        let mut t = jincheng_t3();
        // 合计 = 448.74 + 281.29 = 730.03; print 730.04: the intervals still meet.
        t.rows[0].cells[0].value = wan("730.04");
        let d = disclosure(vec![t.clone()]);
        let total_rows = decl(
            "total",
            Identity::RowSum {
                table: TableKind::ExpenditureSummary,
                side: None,
                rows: RowSel::Kind(RowKind::Total),
                total: Column::Total,
                parts: vec![Column::Basic, Column::Project],
            },
        );
        assert!(evaluate(&total_rows, &d).is_empty());
        t.rows[0].cells[0].value = wan("730.05");
        assert_eq!(evaluate(&total_rows, &disclosure(vec![t])).len(), 1);
    }

    #[test]
    fn cross_table_equality_and_at_least() {
        let d = disclosure(vec![jincheng_t3()]);
        let eq = decl(
            "eq",
            Identity::Equal {
                lhs: vec![cells(
                    TableKind::ExpenditureSummary,
                    None,
                    RowSel::Kind(RowKind::Total),
                    Column::Basic,
                )],
                rhs: vec![
                    cells(
                        TableKind::ExpenditureSummary,
                        None,
                        RowSel::Code("2010301"),
                        Column::Basic,
                    ),
                    cells(
                        TableKind::ExpenditureSummary,
                        None,
                        RowSel::KindLevel(RowKind::Classification, 3),
                        Column::Basic,
                    ),
                ],
            },
        );
        // 448.74 vs 343.70 + (all 项 basic = 448.74): unequal, and reported at the total row.
        let v = evaluate(&eq, &d);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].row_label.as_deref(), Some("合计"));
        let ge = decl(
            "ge",
            Identity::AtLeast {
                lhs: vec![cells(
                    TableKind::ExpenditureSummary,
                    None,
                    RowSel::Kind(RowKind::Total),
                    Column::Total,
                )],
                rhs: vec![cells(
                    TableKind::ExpenditureSummary,
                    None,
                    RowSel::Code("201"),
                    Column::Total,
                )],
            },
        );
        assert!(evaluate(&ge, &d).is_empty());
        // An absent table silences the identity.
        let absent = decl(
            "absent",
            Identity::Equal {
                lhs: vec![cells(
                    TableKind::ThreePublic,
                    None,
                    RowSel::Kind(RowKind::Total),
                    Column::Total,
                )],
                rhs: vec![cells(
                    TableKind::ExpenditureSummary,
                    None,
                    RowSel::Kind(RowKind::Total),
                    Column::Total,
                )],
            },
        );
        assert!(evaluate(&absent, &d).is_empty());
    }

    #[test]
    fn codes_match_treats_a_missing_code_as_zero() {
        let mut t5 = jincheng_t3();
        t5.number = 5;
        t5.kind = TableKind::GeneralPublicExpenditure;
        let t3 = jincheng_t3();
        let m = decl(
            "codes",
            Identity::CodesMatch {
                a: (TableKind::GeneralPublicExpenditure, None, Column::Total),
                b: (TableKind::ExpenditureSummary, None, Column::Total),
                digits: None,
            },
        );
        assert!(evaluate(&m, &disclosure(vec![t3.clone(), t5.clone()])).is_empty());
        t5.rows.retain(|r| r.code.as_deref() != Some("2300208"));
        let v = evaluate(&m, &disclosure(vec![t3, t5]));
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].table, 3);
        assert_eq!(v[0].row_code.as_deref(), Some("2300208"));
    }

    #[test]
    fn level_hierarchy_for_rows_without_codes() {
        use Column::*;
        let mut t = Table::new(
            10,
            TableKind::ThreePublic,
            "三公",
            Unit::WanYuan,
            vec![Total, GeneralPublic],
        );
        t.rows = vec![
            row(RowKind::Item, None, "因公出国（境）费", 1, &[]),
            row(RowKind::Item, None, "公务接待费", 1, &[]),
            row(
                RowKind::Item,
                None,
                "公务用车购置及运行费",
                1,
                &[(Total, "2.55"), (GeneralPublic, "2.55")],
            ),
            row(RowKind::Item, None, "公务用车购置费", 2, &[]),
            row(
                RowKind::Item,
                None,
                "公务用车运行维护费",
                2,
                &[(Total, "2.55"), (GeneralPublic, "2.55")],
            ),
            row(
                RowKind::Total,
                None,
                "合计",
                0,
                &[(Total, "2.55"), (GeneralPublic, "2.55")],
            ),
        ];
        let h = decl(
            "tree",
            Identity::Hierarchy {
                table: TableKind::ThreePublic,
                side: None,
            },
        );
        assert!(evaluate(&h, &disclosure(vec![t.clone()])).is_empty());
        t.rows[4].cells[1].value = wan("2.45");
        let v = evaluate(&h, &disclosure(vec![t]));
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].row_label.as_deref(), Some("公务用车购置及运行费"));
    }
}
