//! The national form's layout of every table (预算公开表1…13), shared by all
//! writers: text, Markdown, HTML, XLSX and the PDF writer.
//!
//! A [`FormTable`] is a table as the form prints it: its caption, title,
//! 部门名称 and 单位, the official two- or three-level header as cells with
//! their spans, and the body as rows of printed strings in the slots of the
//! form. The body is laid out the way the departments print it:
//!
//! - labels carry the ordinals of the form (`一、一般公共预算`,
//!   `三十、抗疫特别国债安排的支出`, `①公务用车购置费`);
//! - tables 1 and 4 print income beside expenditure: the k-th source beside
//!   the k-th 类, below them 本年收入合计 beside 本年支出合计, the carry-over
//!   rows beside 年终结转, and 收入总计 beside 支出总计 on the last line;
//! - table 9 prints its revenue side beside its expenditure side, row by row;
//! - table 6 prints the department economic item beside its government item;
//! - classification codes have a column of their own, and a total prints its
//!   label in the code column (`合计` under 科目编码).
//!
//! Writers decide how a cell looks; this module decides what is in it, so
//! that every document yusuan writes has the same rows in the same places.

use yusuan_core::model::{Column, Disclosure, Row, RowKind, Side, Table, TableKind};

/// One header cell of a table with its span (the official two/three-level
/// headers). `row` and `col` are 0-based positions in the header grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderCell {
    pub text: String,
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
}

/// How a body cell is aligned and what it holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CellKind {
    /// A row label (项目, 科目名称, 项目名称, 单位名称, 政府预算支出经济科目名称):
    /// left-aligned, wrapped when long.
    Label,
    /// A classification code (科目编码): left-aligned, never wrapped; a total
    /// prints its label here.
    Code,
    /// A printed figure: right-aligned, two decimals.
    Figure,
}

/// One body row of a table as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormRow {
    /// One string per column, `""` when the cell is empty.
    pub cells: Vec<String>,
    /// A 合计/总计 row (合计, 本年收入合计, 收入总计 …), printed bold.
    pub total: bool,
    /// Nesting level of the label: 0 for 类, totals and units, 1 for a 款
    /// or a project under its unit, 2 for a 项 (see [`FormTable::indents`]
    /// for the columns it applies to).
    pub indent: u8,
}

/// A table in the layout of the national form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormTable {
    /// The printed number, 1–13.
    pub number: u8,
    /// `预算公开表1`.
    pub caption: String,
    /// `2024年预算收支总表`, the year always in front.
    pub title: String,
    /// For `部门名称：X`.
    pub department: String,
    /// `万元`.
    pub unit: String,
    pub columns: usize,
    /// What each column holds.
    pub kinds: Vec<CellKind>,
    /// Relative column widths, about a character each (labels wide, figures
    /// narrow); writers scale them to the page.
    pub widths: Vec<u16>,
    pub header_rows: usize,
    /// The header cells, row by row and left to right; together they cover
    /// every position of the `header_rows` × `columns` grid exactly once.
    pub header: Vec<HeaderCell>,
    pub rows: Vec<FormRow>,
    /// `注：本表无数据` when the table is printed empty (`Table::empty_note`).
    pub note: Option<String>,
    /// Wide tables (2, 9, 12) print on landscape pages.
    pub landscape: bool,
}

/// The note an empty table is printed with.
pub const EMPTY_NOTE: &str = "注：本表无数据";

impl FormTable {
    /// The header as a grid of strings, each cell's text at its top-left
    /// position and `""` wherever a span continues (how a word processor's
    /// text prints a merged header).
    pub fn flat_header(&self) -> Vec<Vec<String>> {
        let mut grid = vec![vec![String::new(); self.columns]; self.header_rows];
        for h in &self.header {
            grid[h.row][h.col] = h.text.clone();
        }
        grid
    }

    /// The header cell covering a grid position, if any.
    pub fn header_at(&self, row: usize, col: usize) -> Option<&HeaderCell> {
        self.header.iter().find(|h| {
            (h.row..h.row + h.rowspan).contains(&row) && (h.col..h.col + h.colspan).contains(&col)
        })
    }

    /// One heading per column, the header levels above it joined by `/`
    /// (`本年收入/一般公共预算`), for formats without merged headers. A span
    /// covering several header rows counts once, and the row of column
    /// numbers (`1 2 3 …` of tables 12 and 13) is left out.
    pub fn column_headings(&self) -> Vec<String> {
        (0..self.columns)
            .map(|col| {
                let mut parts: Vec<&str> = Vec::new();
                let mut row = 0;
                while row < self.header_rows {
                    match self.header_at(row, col) {
                        Some(h) => {
                            let numbering = h.text.chars().all(|c| c.is_ascii_digit());
                            if !h.text.is_empty() && !numbering && parts.last() != Some(&&*h.text) {
                                parts.push(&h.text);
                            }
                            row = h.row + h.rowspan;
                        }
                        None => row += 1,
                    }
                }
                parts.join("/")
            })
            .collect()
    }

    /// Whether a row's `indent` applies to a column: the name columns (a
    /// label not right after another label), not table 6's government item
    /// beside the department item.
    pub fn indents(&self, col: usize) -> bool {
        self.kinds.get(col) == Some(&CellKind::Label)
            && (col == 0 || self.kinds[col - 1] != CellKind::Label)
    }
}

/// `1` → `一`, `26` → `二十六` (1 to 99), the ordinals of the form's
/// labels and sections.
pub fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "零".to_string(),
        1..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", DIGITS[n - 10]),
        _ => format!("{}十{}", DIGITS[(n / 10) % 10], DIGITS[n % 10]),
    }
}

/// `①` … `⑳`, the ordinals of table 10's vehicle items.
pub fn circled_numeral(n: usize) -> String {
    char::from_u32(0x2460 + (n.clamp(1, 20) as u32 - 1))
        .unwrap_or('①')
        .to_string()
}

/// The printed title of a table with the year in front (`2024年预算收支总表`),
/// whether or not the model's title carries it.
pub fn table_title(t: &Table, year: u16) -> String {
    if t.title.starts_with(&format!("{year}年")) {
        t.title.clone()
    } else {
        format!("{year}年{}", t.title)
    }
}

/// The value columns of a table in the order the national form prints them
/// (for tables 1 and 4, those of the expenditure side).
pub fn value_columns(kind: TableKind) -> Vec<Column> {
    use Column::*;
    match kind {
        TableKind::BudgetSummary => vec![Total, CurrentYear, CarryoverSpending],
        TableKind::RevenueSummary => vec![
            Total,
            GeneralPublic,
            GovFund,
            StateCapital,
            SpecialAccount,
            UnitFunds,
            Carryover,
        ],
        TableKind::ExpenditureSummary
        | TableKind::GeneralPublicExpenditure
        | TableKind::GovFundExpenditure
        | TableKind::StateCapital => vec![Total, Basic, Project],
        TableKind::FiscalSummary => vec![Subtotal, GeneralPublic, GovFund, StateCapital],
        TableKind::BasicByEconomic => vec![Total, Personnel, Public],
        TableKind::GovFundRevenue => vec![GovFundRevenue],
        TableKind::ThreePublic | TableKind::OperatingCosts | TableKind::ProjectsCarriedOver => {
            vec![Total, GeneralPublic, GovFund, StateCapital]
        }
        TableKind::ProjectsCurrent => vec![
            Total,
            GeneralPublic,
            GovFund,
            StateCapital,
            SpecialAccount,
            UnitFunds,
        ],
    }
}

/// The official header of a table: the number of header rows and the cells
/// with their spans, as the seeds print it (`{y}` is the year).
fn header_cells(kind: TableKind, year: u16) -> (usize, Vec<HeaderCell>) {
    // (text, row, col, rowspan, colspan)
    type H = (&'static str, usize, usize, usize, usize);
    let money = |title: &'static str| -> Vec<H> {
        vec![
            (title, 0, 0, 2, 1),
            ("{y}年预算数", 0, 1, 1, 4),
            ("合计", 1, 1, 1, 1),
            ("一般公共预算", 1, 2, 1, 1),
            ("政府性基金预算", 1, 3, 1, 1),
            ("国有资本经营预算", 1, 4, 1, 1),
        ]
    };
    let (rows, cells): (usize, Vec<H>) = match kind {
        TableKind::BudgetSummary => (
            2,
            vec![
                ("收入", 0, 0, 1, 2),
                ("支出", 0, 2, 1, 4),
                ("项目", 1, 0, 1, 1),
                ("{y}年", 1, 1, 1, 1),
                ("项目", 1, 2, 1, 1),
                ("{y}年合计", 1, 3, 1, 1),
                ("当年预算安排", 1, 4, 1, 1),
                ("上年结转安排", 1, 5, 1, 1),
            ],
        ),
        TableKind::RevenueSummary => (
            2,
            vec![
                ("项目", 0, 0, 1, 2),
                ("本年收入", 0, 2, 1, 6),
                // 上年结转 stands apart from 本年收入, as the Jincheng header has it.
                ("上年结转", 0, 8, 2, 1),
                ("科目编码", 1, 0, 1, 1),
                ("科目名称", 1, 1, 1, 1),
                ("合计", 1, 2, 1, 1),
                ("一般公共预算", 1, 3, 1, 1),
                ("政府性基金", 1, 4, 1, 1),
                ("国有资本经营预算", 1, 5, 1, 1),
                ("财政专户管理资金", 1, 6, 1, 1),
                ("单位资金", 1, 7, 1, 1),
            ],
        ),
        TableKind::ExpenditureSummary | TableKind::GeneralPublicExpenditure => (
            2,
            vec![
                ("项目", 0, 0, 1, 2),
                ("{y}年预算数", 0, 2, 1, 3),
                ("科目编码", 1, 0, 1, 1),
                ("科目名称", 1, 1, 1, 1),
                ("合计", 1, 2, 1, 1),
                ("基本支出", 1, 3, 1, 1),
                ("项目支出", 1, 4, 1, 1),
            ],
        ),
        TableKind::FiscalSummary => (
            3,
            vec![
                ("收入", 0, 0, 1, 2),
                ("支出", 0, 2, 1, 5),
                ("项目", 1, 0, 2, 1),
                ("金额", 1, 1, 2, 1),
                ("项目", 1, 2, 2, 1),
                ("金额", 1, 3, 1, 4),
                ("小计", 2, 3, 1, 1),
                ("一般公共预算", 2, 4, 1, 1),
                ("政府性基金预算", 2, 5, 1, 1),
                ("国有资本经营预算", 2, 6, 1, 1),
            ],
        ),
        TableKind::BasicByEconomic => (
            2,
            vec![
                ("部门预算支出经济科目名称", 0, 0, 2, 1),
                ("政府预算支出经济科目名称", 0, 1, 2, 1),
                ("{y}年预算数", 0, 2, 1, 3),
                ("合计", 1, 2, 1, 1),
                ("人员经费", 1, 3, 1, 1),
                ("公用经费", 1, 4, 1, 1),
            ],
        ),
        TableKind::GovFundRevenue => (
            2,
            vec![
                ("项目", 0, 0, 1, 2),
                ("政府性基金收入预算", 0, 2, 2, 1),
                ("收入科目编码", 1, 0, 1, 1),
                ("科目名称", 1, 1, 1, 1),
            ],
        ),
        TableKind::GovFundExpenditure => (
            1,
            vec![
                ("科目编码", 0, 0, 1, 1),
                ("科目名称", 0, 1, 1, 1),
                ("合计", 0, 2, 1, 1),
                ("基本支出", 0, 3, 1, 1),
                ("项目支出", 0, 4, 1, 1),
            ],
        ),
        TableKind::StateCapital => (
            3,
            vec![
                ("国有资本经营预算收入", 0, 0, 1, 3),
                ("国有资本经营预算支出", 0, 3, 1, 5),
                ("项目", 1, 0, 1, 2),
                ("国有资本经营收入预算", 1, 2, 2, 1),
                ("科目编码", 1, 3, 2, 1),
                ("科目名称", 1, 4, 2, 1),
                ("合计", 1, 5, 2, 1),
                ("基本支出", 1, 6, 2, 1),
                ("项目支出", 1, 7, 2, 1),
                ("收入科目编码", 2, 0, 1, 1),
                ("科目名称", 2, 1, 1, 1),
            ],
        ),
        TableKind::ThreePublic => (2, money("项目")),
        TableKind::OperatingCosts => {
            // The seeds print `2023预算数` here, without 年.
            let mut cells = money("单位名称");
            cells[1].0 = "{y}预算数";
            (2, cells)
        }
        TableKind::ProjectsCurrent => (
            3,
            vec![
                ("项目名称", 0, 0, 2, 1),
                ("合计", 0, 1, 2, 1),
                ("{y}年财政拨款", 0, 2, 1, 3),
                ("财政专户管理资金", 0, 5, 2, 1),
                ("单位资金", 0, 6, 2, 1),
                ("一般公共预算", 1, 2, 1, 1),
                ("政府性基金预算", 1, 3, 1, 1),
                ("国有资本经营预算", 1, 4, 1, 1),
                ("1", 2, 0, 1, 1),
                ("2", 2, 1, 1, 1),
                ("3", 2, 2, 1, 1),
                ("4", 2, 3, 1, 1),
                ("5", 2, 4, 1, 1),
                ("6", 2, 5, 1, 1),
                ("7", 2, 6, 1, 1),
            ],
        ),
        TableKind::ProjectsCarriedOver => (
            3,
            vec![
                ("项目名称", 0, 0, 2, 1),
                ("合计", 0, 1, 2, 1),
                ("{y}年财政拨款", 0, 2, 1, 3),
                ("一般公共预算", 1, 2, 1, 1),
                ("政府性基金预算", 1, 3, 1, 1),
                ("国有资本经营预算", 1, 4, 1, 1),
                ("1", 2, 0, 1, 1),
                ("2", 2, 1, 1, 1),
                ("3", 2, 2, 1, 1),
                ("4", 2, 3, 1, 1),
                ("5", 2, 4, 1, 1),
            ],
        ),
    };
    let year = year.to_string();
    let mut cells: Vec<HeaderCell> = cells
        .into_iter()
        .map(|(text, row, col, rowspan, colspan)| HeaderCell {
            text: text.replace("{y}", &year),
            row,
            col,
            rowspan,
            colspan,
        })
        .collect();
    cells.sort_by_key(|h| (h.row, h.col));
    (rows, cells)
}

/// What each column of a table holds.
fn column_kinds(kind: TableKind) -> Vec<CellKind> {
    use CellKind::*;
    let figures = value_columns(kind).len();
    let mut kinds = match kind {
        TableKind::BudgetSummary | TableKind::FiscalSummary => vec![Label, Figure, Label],
        TableKind::StateCapital => vec![Code, Label, Figure, Code, Label],
        TableKind::BasicByEconomic => vec![Label, Label],
        TableKind::ThreePublic
        | TableKind::OperatingCosts
        | TableKind::ProjectsCurrent
        | TableKind::ProjectsCarriedOver => vec![Label],
        TableKind::RevenueSummary
        | TableKind::ExpenditureSummary
        | TableKind::GeneralPublicExpenditure
        | TableKind::GovFundRevenue
        | TableKind::GovFundExpenditure => vec![Code, Label],
    };
    kinds.extend(std::iter::repeat_n(Figure, figures));
    kinds
}

/// Relative column widths: about one unit per character the column needs,
/// so that a label of 15 characters or a figure of 10 digits fits.
fn column_widths(kind: TableKind, kinds: &[CellKind]) -> Vec<u16> {
    let label_widths: &[u16] = match kind {
        // income label, expenditure label
        TableKind::BudgetSummary | TableKind::FiscalSummary => &[22, 28],
        // revenue label, expenditure label
        TableKind::StateCapital => &[24, 24],
        // department item, government item
        TableKind::BasicByEconomic => &[26, 22],
        TableKind::ProjectsCurrent | TableKind::ProjectsCarriedOver => &[44],
        TableKind::ThreePublic | TableKind::OperatingCosts => &[24],
        _ => &[32],
    };
    let mut labels = label_widths.iter().copied();
    kinds
        .iter()
        .map(|k| match k {
            CellKind::Label => labels.next().unwrap_or(24),
            // A 7-digit code and a figure like 10911.99 are half-width
            // digits: about half a label character each.
            CellKind::Code => 8,
            CellKind::Figure => 9,
        })
        .collect()
}

/// Whether a table is too wide for a portrait A4 page.
fn is_wide(kind: TableKind) -> bool {
    matches!(
        kind,
        TableKind::RevenueSummary | TableKind::StateCapital | TableKind::ProjectsCurrent
    )
}

fn printed(row: Option<&Row>, column: Column) -> String {
    row.and_then(|r| r.get(column))
        .map(|a| a.printed())
        .unwrap_or_default()
}

fn figures(row: Option<&Row>, columns: &[Column]) -> Vec<String> {
    columns.iter().map(|c| printed(row, *c)).collect()
}

fn is_total(row: &Row) -> bool {
    matches!(
        row.kind,
        RowKind::Total | RowKind::YearTotal | RowKind::GrandTotal
    )
}

fn indent_of(row: &Row) -> u8 {
    row.level.saturating_sub(1)
}

/// Labels of one side of table 1 or 4 with the ordinals the form prints:
/// the sources and the 类 numbered from 一, table 4's carried-over sources
/// numbered again from 一; totals and carry-over rows without.
fn side_labels(rows: &[&Row]) -> Vec<String> {
    let mut n = 0;
    let mut previous: Option<(RowKind, u8)> = None;
    rows.iter()
        .map(|r| {
            let numbered = match r.kind {
                RowKind::Source | RowKind::Classification => true,
                RowKind::Carryover => r.level >= 1,
                _ => false,
            };
            if previous != Some((r.kind, r.level)) {
                n = 0;
            }
            previous = Some((r.kind, r.level));
            if numbered {
                n += 1;
                format!("{}、{}", chinese_numeral(n), r.label)
            } else {
                r.label.clone()
            }
        })
        .collect()
}

fn side(t: &Table, side: Side) -> Vec<&Row> {
    t.rows.iter().filter(|r| r.side == Some(side)).collect()
}

/// Tables 1 and 4: income beside expenditure. The k-th source is beside the
/// k-th 类; below them, 本年收入合计 beside 本年支出合计, the carry-over rows
/// beside 年终结转 and whatever else the income side has alone, and 收入总计
/// beside 支出总计 on the last line.
fn two_sided_rows(t: &Table, exp_columns: &[Column]) -> Vec<FormRow> {
    let income = side(t, Side::Income);
    let expenditure = side(t, Side::Expenditure);
    let inc_labels = side_labels(&income);
    let exp_labels = side_labels(&expenditure);
    let inc_head = income
        .iter()
        .take_while(|r| r.kind == RowKind::Source)
        .count();
    let exp_head = expenditure
        .iter()
        .take_while(|r| r.kind == RowKind::Classification)
        .count();

    // Pairs of (income index, expenditure index).
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    for k in 0..inc_head.max(exp_head) {
        pairs.push(((k < inc_head).then_some(k), (k < exp_head).then_some(k)));
    }
    let inc_tail: Vec<usize> = (inc_head..income.len()).collect();
    let exp_tail: Vec<usize> = (exp_head..expenditure.len()).collect();
    // The last rows of both sides (收入总计, 支出总计) stand beside each other
    // at the bottom, whatever the sides have in between.
    let (inc_middle, inc_last) = match inc_tail.split_last() {
        Some((last, middle)) if !exp_tail.is_empty() => (middle.to_vec(), Some(*last)),
        _ => (inc_tail.clone(), None),
    };
    let (exp_middle, exp_last) = match exp_tail.split_last() {
        Some((last, middle)) if !inc_tail.is_empty() => (middle.to_vec(), Some(*last)),
        _ => (exp_tail.clone(), None),
    };
    for k in 0..inc_middle.len().max(exp_middle.len()) {
        pairs.push((inc_middle.get(k).copied(), exp_middle.get(k).copied()));
    }
    if inc_last.is_some() || exp_last.is_some() {
        pairs.push((inc_last, exp_last));
    }

    pairs
        .into_iter()
        .map(|(i, e)| {
            let inc = i.map(|i| income[i]);
            let exp = e.map(|e| expenditure[e]);
            let mut cells = vec![
                i.map(|i| inc_labels[i].clone()).unwrap_or_default(),
                printed(inc, Column::Amount),
                e.map(|e| exp_labels[e].clone()).unwrap_or_default(),
            ];
            cells.extend(figures(exp, exp_columns));
            FormRow {
                cells,
                total: inc.is_some_and(is_total) || exp.is_some_and(is_total),
                indent: 0,
            }
        })
        .collect()
}

/// Code and label cells of a classification table row; a total prints its
/// label across the code cell (`合计` in the 科目编码 column).
fn code_and_label(row: &Row) -> [String; 2] {
    match &row.code {
        Some(code) => [code.clone(), row.label.clone()],
        None => [row.label.clone(), String::new()],
    }
}

/// Table 9: revenue beside expenditure, the k-th row of each side on one
/// line; the expenditure 合计 shares the revenue side's `合计` label, as the
/// Jincheng seed prints it.
fn state_capital_rows(t: &Table) -> Vec<FormRow> {
    let income = side(t, Side::Income);
    let expenditure = side(t, Side::Expenditure);
    let exp_columns = value_columns(TableKind::StateCapital);
    (0..income.len().max(expenditure.len()))
        .map(|k| {
            let inc = income.get(k).copied();
            let exp = expenditure.get(k).copied();
            let mut cells = Vec::new();
            match inc {
                Some(r) => cells.extend(code_and_label(r)),
                None => cells.extend([String::new(), String::new()]),
            }
            cells.push(printed(inc, Column::StateCapitalRevenue));
            match exp {
                Some(r) if r.code.is_some() => cells.extend(code_and_label(r)),
                // The expenditure 合计 beside the revenue 合计: no label of its own.
                Some(r) if inc.is_some_and(|i| i.label == r.label) => {
                    cells.extend([String::new(), String::new()])
                }
                Some(r) => cells.extend(code_and_label(r)),
                None => cells.extend([String::new(), String::new()]),
            }
            cells.extend(figures(exp, &exp_columns));
            FormRow {
                cells,
                total: inc.is_some_and(is_total) || exp.is_some_and(is_total),
                indent: inc.or(exp).map(indent_of).unwrap_or(0),
            }
        })
        .collect()
}

/// The body rows of one table.
fn body_rows(t: &Table) -> Vec<FormRow> {
    let columns = value_columns(t.kind);
    let simple = |r: &Row, mut cells: Vec<String>| {
        cells.extend(figures(Some(r), &columns));
        FormRow {
            cells,
            total: is_total(r),
            indent: indent_of(r),
        }
    };
    match t.kind {
        TableKind::BudgetSummary | TableKind::FiscalSummary => two_sided_rows(t, &columns),
        TableKind::StateCapital => state_capital_rows(t),
        TableKind::RevenueSummary
        | TableKind::ExpenditureSummary
        | TableKind::GeneralPublicExpenditure
        | TableKind::GovFundRevenue
        | TableKind::GovFundExpenditure => t
            .rows
            .iter()
            .map(|r| simple(r, code_and_label(r).to_vec()))
            .collect(),
        TableKind::BasicByEconomic => t
            .rows
            .iter()
            .map(|r| {
                simple(
                    r,
                    vec![r.label.clone(), r.gov_item.clone().unwrap_or_default()],
                )
            })
            .collect(),
        TableKind::ThreePublic => {
            // ① ② number the vehicle items under 公务用车购置及运行费.
            let mut n = 0;
            t.rows
                .iter()
                .map(|r| {
                    let label = if r.level >= 2 {
                        n += 1;
                        format!("{}{}", circled_numeral(n), r.label)
                    } else {
                        n = 0;
                        r.label.clone()
                    };
                    simple(r, vec![label])
                })
                .collect()
        }
        TableKind::OperatingCosts | TableKind::ProjectsCurrent | TableKind::ProjectsCarriedOver => {
            t.rows
                .iter()
                .map(|r| simple(r, vec![r.label.clone()]))
                .collect()
        }
    }
}

/// One table in the layout of the national form.
pub fn form_table(t: &Table, department: &str, year: u16) -> FormTable {
    let (header_rows, header) = header_cells(t.kind, year);
    let kinds = column_kinds(t.kind);
    let widths = column_widths(t.kind, &kinds);
    FormTable {
        number: t.number,
        caption: format!("预算公开表{}", t.number),
        title: table_title(t, year),
        department: department.to_string(),
        unit: t.unit.as_str().to_string(),
        columns: kinds.len(),
        kinds,
        widths,
        header_rows,
        header,
        rows: body_rows(t),
        note: t.empty_note.then(|| EMPTY_NOTE.to_string()),
        landscape: is_wide(t.kind),
    }
}

/// Every table of a disclosure in the layout of the national form, ordered
/// by printed number.
pub fn form_tables(d: &Disclosure) -> Vec<FormTable> {
    let mut tables: Vec<&Table> = d.tables.iter().collect();
    tables.sort_by_key(|t| t.number);
    tables
        .into_iter()
        .map(|t| form_table(t, &d.meta.department, d.meta.year))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use yusuan_core::amount::Unit;

    fn grid_covered_once(kind: TableKind) {
        let t = Table::new(1, kind, kind.title(), Unit::WanYuan, vec![]);
        let f = form_table(&t, "某部门", 2024);
        let mut seen = vec![vec![0u8; f.columns]; f.header_rows];
        for h in &f.header {
            assert!(h.rowspan >= 1 && h.colspan >= 1, "{kind:?}: {h:?}");
            for row in seen.iter_mut().skip(h.row).take(h.rowspan) {
                for cell in row.iter_mut().skip(h.col).take(h.colspan) {
                    *cell += 1;
                }
            }
            assert!(h.row + h.rowspan <= f.header_rows, "{kind:?}: {h:?}");
            assert!(h.col + h.colspan <= f.columns, "{kind:?}: {h:?}");
        }
        assert!(
            seen.iter().flatten().all(|n| *n == 1),
            "{kind:?}: header grid {seen:?}"
        );
        assert_eq!(f.kinds.len(), f.columns);
        assert_eq!(f.widths.len(), f.columns);
    }

    #[test]
    fn headers_cover_the_grid_once() {
        for kind in TableKind::NATIONAL {
            grid_covered_once(kind);
        }
    }

    #[test]
    fn flattened_headings() {
        let t = Table::new(
            2,
            TableKind::RevenueSummary,
            "预算收入总表",
            Unit::WanYuan,
            vec![],
        );
        let f = form_table(&t, "某部门", 2024);
        assert_eq!(f.title, "2024年预算收入总表");
        let h = f.column_headings();
        assert_eq!(h[0], "项目/科目编码");
        assert_eq!(h[3], "本年收入/一般公共预算");
        assert_eq!(h[8], "上年结转");
        let t = Table::new(
            12,
            TableKind::ProjectsCurrent,
            "2024年项目支出预算表（本年预算）",
            Unit::WanYuan,
            vec![],
        );
        let f = form_table(&t, "某部门", 2024);
        assert_eq!(f.column_headings()[0], "项目名称");
        assert_eq!(f.column_headings()[2], "2024年财政拨款/一般公共预算");
        assert!(f.landscape);
    }
}
