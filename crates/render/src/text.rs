//! A disclosure as plain text, the way text comes out of a published
//! 部门预算公开 of the national form.
//!
//! The document is laid out once as logical lines (headings, prose, table
//! header rows and table data rows, each data row a list of cells in the
//! slots of the national form) and then printed in one of two layouts:
//!
//! - [`Layout::Tab`]: what a word processor gives (the Jincheng seed): one
//!   table row a line, cells separated by TAB, empty cells kept as empty
//!   strings between TABs;
//! - [`Layout::Spaces`]: what a PDF extraction gives (the Fenyang seed):
//!   cells separated by one or two spaces with the empty cells gone, blank
//!   lines between lines, labels longer than `wrap` characters wrapped (the
//!   rest of the label on its own line and the cells after it on the line
//!   after that), header cells wrapped the same way, the income figure of
//!   tables 1 and 4 glued to the expenditure label after it
//!   (`484.55一、一般公共服务支出`), projects under a unit indented with
//!   U+3000, and page furniture (`-N-` and the running header) every ~40 lines.
//!
//! Row labels carry the ordinals the form prints (`一、一般公共预算`,
//! `三十、抗疫特别国债安排的支出`, `①公务用车购置费`); tables 1 and 4 print
//! the k-th income row beside the k-th expenditure row, their totals beside
//! each other at the bottom, as the seeds do.
//! The rows and headers are those of [`crate::form`], which every writer
//! shares; this module adds only what a text extraction does to them.

use crate::form::{chinese_numeral as chinese, form_table, CellKind as Kind, FormTable};
use yusuan_core::model::{Column, Disclosure, RowKind, Side, Table, TableKind};

// The unit tests below reach these through `use super::*`.
#[cfg(test)]
use {crate::form::circled_numeral as circled, yusuan_core::model::Row};

/// How the cells of a table row are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// TAB between cells, empty cells kept (a word processor's text).
    Tab,
    /// Spaces between cells, empty cells dropped, labels longer than `wrap`
    /// characters wrapped, page furniture in between (a PDF's text).
    Spaces { wrap: usize },
}

/// One cell of a data row.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cell {
    text: String,
    kind: Kind,
    /// Full-width spaces before the text in the spaces layout (a project
    /// under its unit).
    indent: u8,
    /// Printed right after the previous cell, without a space, in the spaces
    /// layout (the expenditure label after the income figure of tables 1, 4).
    glue: bool,
}

impl Cell {
    fn new(text: impl Into<String>, kind: Kind) -> Cell {
        Cell {
            text: text.into(),
            kind,
            indent: 0,
            glue: false,
        }
    }
}

/// A logical line of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Line {
    /// A heading or title: printed whole in both layouts.
    Text(String),
    /// A paragraph of prose: wrapped in the spaces layout.
    Prose(String),
    /// A line only a PDF extraction has (the bookmark title `表一2024年…`).
    SpacesOnly(String),
    /// `部门名称：X` and `单位：万元`: two lines in the TAB layout, one in the
    /// spaces layout.
    Meta { department: String, unit: String },
    /// A blank line.
    Blank,
    /// A header row of a table: its cells, empty ones included.
    Header(Vec<String>),
    /// A data row of a table.
    Row(Vec<Cell>),
}

/// The data lines of one table: the rows of the national form
/// ([`crate::form`]) with what a PDF's text adds to them: a project under
/// its unit indented, and the income figure of tables 1 and 4 glued to the
/// expenditure label after it.
fn table_lines(t: &Table, form: &FormTable) -> Vec<Line> {
    form.rows
        .iter()
        .map(|r| {
            let mut cells: Vec<Cell> = r
                .cells
                .iter()
                .zip(&form.kinds)
                .map(|(text, kind)| Cell::new(text.clone(), *kind))
                .collect();
            match t.kind {
                TableKind::ProjectsCurrent | TableKind::ProjectsCarriedOver => {
                    cells[0].indent = r.indent;
                }
                TableKind::BudgetSummary | TableKind::FiscalSummary => {
                    cells[2].glue = !cells[1].text.is_empty() && !cells[2].text.is_empty();
                }
                _ => {}
            }
            Line::Row(cells)
        })
        .collect()
}

/// 表一 … 表十三, as the bookmark titles of a PDF print the number.
fn table_ordinal(n: u8) -> String {
    format!("表{}", chinese(n as usize))
}

/// The whole document as logical lines.
fn document(d: &Disclosure) -> Vec<Line> {
    let year = d.meta.year;
    let department = d.meta.department.clone();
    let mut out = vec![
        Line::Text(format!("{department}{year}年度部门预算公开")),
        Line::Blank,
        Line::Text("第一部分 概况".to_string()),
        Line::Blank,
        Line::Text("一、本部门职责".to_string()),
        Line::Blank,
    ];
    for p in &d.overview.duties {
        out.extend([Line::Prose(p.clone()), Line::Blank]);
    }
    out.extend([Line::Text("二、机构设置情况".to_string()), Line::Blank]);
    for p in &d.overview.organisation {
        out.extend([Line::Prose(p.clone()), Line::Blank]);
    }
    out.extend([
        Line::Text(format!("第二部分 {year}年部门预算报表")),
        Line::Blank,
    ]);

    let mut tables: Vec<&Table> = d.tables.iter().collect();
    tables.sort_by_key(|t| t.number);
    for t in tables {
        let form = form_table(t, &department, year);
        let title = form.title.clone();
        out.extend([
            Line::SpacesOnly(format!(" {}{title}", table_ordinal(t.number))),
            Line::Text(format!("预算公开表{}", t.number)),
            Line::Blank,
            Line::Text(title),
            Line::Blank,
            Line::Meta {
                department: department.clone(),
                unit: t.unit.as_str().to_string(),
            },
            Line::Blank,
        ]);
        out.extend(form.flat_header().into_iter().map(Line::Header));
        out.extend(table_lines(t, &form));
        out.push(Line::Blank);
        if t.empty_note {
            out.extend([Line::Text("注：本表无数据".to_string()), Line::Blank]);
        }
    }

    out.extend([
        Line::Text(format!("第三部分 {year}年度部门预算情况说明")),
        Line::Blank,
    ]);
    if d.sections.is_empty() {
        let total = d
            .table(TableKind::BudgetSummary)
            .and_then(|t| t.row_of_kind(RowKind::GrandTotal, Some(Side::Income)))
            .and_then(|r| r.get(Column::Amount))
            .map_or_else(|| "0.00".to_string(), |a| a.printed());
        out.extend([
            Line::Text("一、部门预算收支数据变动情况及原因".to_string()),
            Line::Blank,
            Line::Prose(format!(
                "{year}年度{department}预算收入总计{total}万元，支出总计{total}万元。"
            )),
            Line::Blank,
        ]);
    } else {
        for s in &d.sections {
            out.extend([
                Line::Text(format!("{}、{}", chinese(s.number as usize), s.title)),
                Line::Blank,
            ]);
            for p in &s.paragraphs {
                out.extend([Line::Prose(p.text.clone()), Line::Blank]);
            }
            // The target tables are the annex of 绩效管理情况, where the
            // national form prints them.
            if s.kind == yusuan_core::model::SectionKind::Performance {
                out.extend(target_lines(d));
            }
        }
    }

    out.extend([Line::Text("第四部分 名词解释".to_string()), Line::Blank]);
    if d.glossary.is_empty() {
        out.extend([
            Line::Prose(
                "一、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"
                    .to_string(),
            ),
            Line::Blank,
            Line::Prose(
                "二、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"
                    .to_string(),
            ),
            Line::Blank,
        ]);
    } else {
        for (i, g) in d.glossary.iter().enumerate() {
            out.extend([
                Line::Prose(format!("{}、{}：{}", chinese(i + 1), g.term, g.definition)),
                Line::Blank,
            ]);
        }
    }
    out
}

/// The target tables of a disclosure as lines.
fn target_lines(d: &Disclosure) -> Vec<Line> {
    use crate::target_text::{department_target_lines, target_lines, TargetLine};
    let tables = d
        .department_target
        .iter()
        .map(|t| department_target_lines(t, &d.meta))
        .chain(d.targets.iter().map(|t| target_lines(t, &d.meta)));
    let mut out = Vec::new();
    for table in tables {
        for line in table {
            match line {
                TargetLine::Title(text) => out.push(Line::Text(text)),
                TargetLine::Cells(cells) => out.push(Line::Header(cells)),
            }
        }
        out.push(Line::Blank);
    }
    out
}

/// Print a whole disclosure in the national form, in a layout.
pub fn write_text(d: &Disclosure, layout: Layout) -> String {
    let lines = document(d);
    let mut out = match layout {
        Layout::Tab => tab_text(&lines),
        Layout::Spaces { wrap } => {
            let running = format!("{}{}年部门预算公开报告", d.meta.department, d.meta.year);
            spaces_text(&lines, wrap.max(1), &running)
        }
    };
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

fn tab_text(lines: &[Line]) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        match line {
            Line::Text(t) | Line::Prose(t) => out.push(t.clone()),
            Line::SpacesOnly(_) => {}
            Line::Meta { department, unit } => {
                out.push(format!("部门名称：{department}"));
                out.push(String::new());
                out.push(format!("单位：{unit}"));
            }
            Line::Blank => {
                // Header and data rows follow each other without blank lines.
                if out.last().is_some_and(|l| !l.is_empty()) {
                    out.push(String::new());
                }
            }
            Line::Header(cells) => {
                drop_trailing_blank(&mut out);
                out.push(cells.join("\t"));
            }
            Line::Row(cells) => {
                drop_trailing_blank(&mut out);
                // A project under its unit keeps its full-width indent, as a
                // word processor's table cell does.
                out.push(
                    cells
                        .iter()
                        .map(|c| format!("{}{}", "\u{3000}".repeat(c.indent as usize), c.text))
                        .collect::<Vec<_>>()
                        .join("\t"),
                );
            }
        }
    }
    out.join("\n")
}

/// Table rows follow the header and each other directly in the TAB layout:
/// only the blank line after the `单位` line stays.
fn drop_trailing_blank(out: &mut Vec<String>) {
    let n = out.len();
    if n >= 2 && out[n - 1].is_empty() && !out[n - 2].starts_with("单位") {
        out.pop();
    }
}

/// A string cut into pieces of `width` characters.
fn chunks(text: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .chunks(width.max(1))
        .map(|c| c.iter().collect())
        .collect()
}

/// The separators of the spaces layout: one or two spaces, varying along the
/// document the way a PDF's text positions make them vary.
struct Separators(u64);

impl Separators {
    fn next(&mut self) -> &'static str {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        if (self.0 >> 61) == 0 {
            "  "
        } else {
            " "
        }
    }
}

/// One data row in the spaces layout: the output lines it becomes.
fn spaces_row(cells: &[Cell], wrap: usize, seps: &mut Separators) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    // Whether anything but spaces is on `cur`.
    let mut fresh = true;
    // Empty cells since the last printed one: each leaves a space.
    let mut pending = 0usize;
    for cell in cells {
        if cell.text.is_empty() {
            pending += 1;
            continue;
        }
        let sep = if fresh {
            " ".repeat(pending)
        } else if cell.glue && pending == 0 {
            String::new()
        } else {
            format!("{}{}", seps.next(), " ".repeat(pending))
        };
        pending = 0;
        let indent = "\u{3000}".repeat(cell.indent as usize);
        let wraps = cell.kind == Kind::Label && cell.text.chars().count() > wrap;
        if !wraps {
            cur.push_str(&sep);
            cur.push_str(&indent);
            cur.push_str(&cell.text);
            fresh = false;
            continue;
        }
        // A wrapped label: its first piece ends the line (or stands on its
        // own line after the spaces of the empty cells before it), each
        // further piece on a line of its own, then a blank line, and the
        // cells after it on the next line.
        let pieces = chunks(&cell.text, wrap);
        if fresh {
            cur.push_str(&sep);
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(format!("{indent}{}", pieces[0]));
        } else {
            out.push(format!("{cur}{sep}{indent}{}", pieces[0]));
        }
        out.extend(pieces[1..].iter().cloned());
        out.push(String::new());
        cur.clear();
        fresh = true;
    }
    cur.push_str(&" ".repeat(pending));
    out.push(cur);
    out
}

/// One header row in the spaces layout: its non-empty cells, a cell longer
/// than `width` cut onto lines of its own (first piece, blank line, rest), the
/// cells after it on new lines, as the Fenyang seed prints its headers.
fn spaces_header(cells: &[String], width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for cell in cells.iter().filter(|c| !c.is_empty()) {
        if cell.chars().count() <= width {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(cell);
            continue;
        }
        if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        let pieces = chunks(cell, width);
        out.push(pieces[0].clone());
        out.push(String::new());
        out.extend(pieces[1..].iter().cloned());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Prose cut into lines of `width` characters, a blank line after each, as a
/// PDF's text comes out.
fn spaces_prose(text: &str, width: usize) -> Vec<String> {
    chunks(text, width)
        .into_iter()
        .flat_map(|l| [l, String::new()])
        .collect()
}

const PAGE_LINES: usize = 40;
const PROSE_WIDTH: usize = 36;

fn spaces_text(lines: &[Line], wrap: usize, running: &str) -> String {
    let header_width = 4 + wrap % 4;
    let mut seps = Separators(wrap as u64);
    let mut out: Vec<String> = Vec::new();
    let mut on_page = 0usize;
    let mut page = 0usize;
    for line in lines {
        // Page furniture between logical lines: the page number at the foot
        // of a page, the running header at the top of the next.
        if on_page >= PAGE_LINES {
            page += 1;
            out.extend([
                format!("-{page}-"),
                String::new(),
                running.to_string(),
                String::new(),
            ]);
            on_page = 0;
        }
        let printed: Vec<String> = match line {
            Line::Text(t) | Line::SpacesOnly(t) => vec![t.clone()],
            Line::Prose(t) => spaces_prose(t, PROSE_WIDTH),
            Line::Meta { department, unit } => vec![format!("部门名称：{department} 单位：{unit}")],
            Line::Blank => vec![String::new()],
            Line::Header(cells) => {
                let mut v = spaces_header(cells, header_width);
                v.push(String::new());
                v
            }
            Line::Row(cells) => {
                let mut v = spaces_row(cells, wrap, &mut seps);
                v.push(String::new());
                v
            }
        };
        on_page += printed.len();
        out.extend(printed);
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use yusuan_core::amount::{Amount, Unit};
    use yusuan_core::model::{DocKind, Metadata};

    fn wan(s: &str) -> Amount {
        Amount::new(s.parse().unwrap(), Unit::WanYuan)
    }

    fn row(kind: RowKind, label: &str, level: u8, cells: &[(Column, &str)]) -> Row {
        let mut r = Row::new(kind, label, level);
        for (c, v) in cells {
            r.push(*c, wan(v));
        }
        r
    }

    /// A small disclosure: table 1 with two 类, table 3, table 10 and
    /// table 12 with a unit.
    fn sample() -> Disclosure {
        use Column::*;
        let mut d = Disclosure::new(Metadata {
            department: "汾阳市信访局".into(),
            department_code: None,
            region: None,
            level: None,
            year: 2024,
            kind: DocKind::Budget,
            unit: Unit::WanYuan,
        });
        let mut t1 = Table::new(
            1,
            TableKind::BudgetSummary,
            "2024年预算收支总表",
            Unit::WanYuan,
            vec![Amount, Total, CurrentYear, CarryoverSpending],
        );
        t1.rows = vec![
            row(RowKind::Source, "一般公共预算", 1, &[(Amount, "484.55")]).on(Side::Income),
            row(RowKind::Source, "政府性基金预算", 1, &[]).on(Side::Income),
            row(RowKind::YearTotal, "本年收入合计", 0, &[(Amount, "484.55")]).on(Side::Income),
            row(RowKind::Carryover, "上年结转", 0, &[]).on(Side::Income),
            row(RowKind::GrandTotal, "收入总计", 0, &[(Amount, "484.55")]).on(Side::Income),
            row(
                RowKind::Classification,
                "一般公共服务支出",
                1,
                &[(Total, "438.89"), (CurrentYear, "438.89")],
            )
            .with_code("201")
            .on(Side::Expenditure),
            row(
                RowKind::Classification,
                "文化旅游体育与传媒支出",
                1,
                &[(Total, "45.66"), (CurrentYear, "45.66")],
            )
            .with_code("207")
            .on(Side::Expenditure),
            row(RowKind::Classification, "社会保障和就业支出", 1, &[])
                .with_code("208")
                .on(Side::Expenditure),
            row(
                RowKind::YearTotal,
                "本年支出合计",
                0,
                &[(Total, "484.55"), (CurrentYear, "484.55")],
            )
            .on(Side::Expenditure),
            row(RowKind::Carryover, "年终结转", 0, &[]).on(Side::Expenditure),
            row(
                RowKind::GrandTotal,
                "支出总计",
                0,
                &[(Total, "484.55"), (CurrentYear, "484.55")],
            )
            .on(Side::Expenditure),
        ];
        let mut t3 = Table::new(
            3,
            TableKind::ExpenditureSummary,
            "2024年预算支出总表",
            Unit::WanYuan,
            vec![Total, Basic, Project],
        );
        t3.rows = vec![
            row(
                RowKind::Total,
                "合计",
                0,
                &[(Total, "320.18"), (Project, "320.18")],
            ),
            row(
                RowKind::Classification,
                "信访事务",
                2,
                &[(Total, "320.18"), (Project, "320.18")],
            )
            .with_code("20140"),
        ];
        let mut t10 = Table::new(
            10,
            TableKind::ThreePublic,
            "2024年财政拨款安排“三公”经费支出预算表",
            Unit::WanYuan,
            vec![Total, GeneralPublic, GovFund, StateCapital],
        );
        t10.rows = vec![
            row(RowKind::Item, "公务用车购置及运行费", 1, &[]),
            row(RowKind::Item, "公务用车购置费", 2, &[]),
            row(RowKind::Item, "公务用车运行维护费", 2, &[]),
            row(RowKind::Total, "合计", 0, &[]),
        ];
        t10.empty_note = true;
        let mut t12 = Table::new(
            12,
            TableKind::ProjectsCurrent,
            "2024年项目支出预算表（本年预算）",
            Unit::WanYuan,
            vec![Total, GeneralPublic],
        );
        t12.rows = vec![
            row(
                RowKind::Unit,
                "汾阳市信访局",
                1,
                &[(Total, "320.18"), (GeneralPublic, "320.18")],
            ),
            row(
                RowKind::Project,
                "2023结转、汾财[2023]第176号政府购买服务费用",
                2,
                &[(Total, "53.64"), (GeneralPublic, "53.64")],
            ),
        ];
        d.tables = vec![t1, t3, t10, t12];
        d
    }

    #[test]
    fn numerals() {
        assert_eq!(chinese(1), "一");
        assert_eq!(chinese(10), "十");
        assert_eq!(chinese(14), "十四");
        assert_eq!(chinese(20), "二十");
        assert_eq!(chinese(26), "二十六");
        assert_eq!(chinese(30), "三十");
        assert_eq!(circled(1), "①");
        assert_eq!(circled(2), "②");
    }

    #[test]
    fn tab_layout_keeps_empty_cells_like_jincheng() {
        let text = write_text(&sample(), Layout::Tab);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0] == "汾阳市信访局2024年度部门预算公开");
        for expected in [
            "第一部分 概况",
            "第二部分 2024年部门预算报表",
            "预算公开表1",
            "2024年预算收支总表",
            "部门名称：汾阳市信访局",
            "单位：万元",
            "收入\t\t支出\t\t\t",
            "项目\t2024年\t项目\t2024年合计\t当年预算安排\t上年结转安排",
            "一、一般公共预算\t484.55\t一、一般公共服务支出\t438.89\t438.89\t",
            "二、政府性基金预算\t\t二、文化旅游体育与传媒支出\t45.66\t45.66\t",
            "\t\t三、社会保障和就业支出\t\t\t",
            "本年收入合计\t484.55\t本年支出合计\t484.55\t484.55\t",
            "上年结转\t\t年终结转\t\t\t",
            "收入总计\t484.55\t支出总计\t484.55\t484.55\t",
            "合计\t\t320.18\t\t320.18",
            "20140\t信访事务\t320.18\t\t320.18",
            "①公务用车购置费\t\t\t\t",
            "②公务用车运行维护费\t\t\t\t",
            "注：本表无数据",
            "1\t2\t3\t4\t5\t6\t7",
            "汾阳市信访局\t320.18\t320.18\t\t\t\t",
            // A project under its unit keeps its full-width indent.
            "\u{3000}2023结转、汾财[2023]第176号政府购买服务费用\t53.64\t53.64\t\t\t\t",
            "第三部分 2024年度部门预算情况说明",
            "第四部分 名词解释",
        ] {
            assert!(lines.contains(&expected), "no line `{expected}` in\n{text}");
        }
        // The header follows the unit line's blank and the rows follow the
        // header directly.
        let i = lines.iter().position(|l| l.starts_with("收入\t")).unwrap();
        assert_eq!(lines[i - 1], "");
        assert_eq!(lines[i - 2], "单位：万元");
        assert!(lines[i + 2].starts_with("一、一般公共预算\t"));
    }

    #[test]
    fn spaces_layout_wraps_glues_and_drops_empty_cells_like_fenyang() {
        let text = write_text(&sample(), Layout::Spaces { wrap: 12 });
        let lines: Vec<&str> = text.lines().collect();
        assert!(!text.contains('\t'));
        assert!(lines.contains(&"部门名称：汾阳市信访局 单位：万元"));
        assert!(lines.contains(&" 表一2024年预算收支总表"));
        // The income figure glued to the expenditure label.
        let first = lines
            .iter()
            .find(|l| l.starts_with("一、一般公共预算"))
            .unwrap();
        assert!(
            first.contains("484.55一、一般公共服务支出"),
            "`{first}` glues no figure"
        );
        // A label of 13 characters wrapped at 12: the rest on its own line,
        // a blank line, then the figures.
        let i = lines
            .iter()
            .position(|l| l.ends_with("二、文化旅游体育与传媒支"))
            .unwrap_or_else(|| panic!("no wrapped label in\n{text}"));
        assert!(lines[i].starts_with("二、政府性基金预算"));
        assert_eq!(lines[i + 1], "出");
        assert_eq!(lines[i + 2], "");
        assert_eq!(
            lines[i + 3].split_whitespace().collect::<Vec<_>>(),
            ["45.66", "45.66"]
        );
        // Empty cells are dropped: a line with empty income cells starts
        // with their spaces, then the label.
        assert!(lines.contains(&"  三、社会保障和就业支出   "));
        // 合计 of table 3 with its two figures, the empty 基本支出 gone.
        fn words(l: &str) -> Vec<&str> {
            l.split_whitespace().collect()
        }
        assert!(lines
            .iter()
            .any(|l| words(l) == ["合计", "320.18", "320.18"]));
        // A project under its unit is indented with U+3000 and wrapped.
        let label = "2023结转、汾财[2023]第176号政府购买服务费用";
        let p = lines
            .iter()
            .position(|l| l.starts_with("\u{3000}2023结转"))
            .unwrap_or_else(|| panic!("no indented project in\n{text}"));
        assert_eq!(
            format!("\u{3000}{label}"),
            format!("{}{}{}", lines[p], lines[p + 1], lines[p + 2])
        );
        assert_eq!(lines[p].chars().count(), 13);
        assert_eq!(lines[p + 3], "");
        assert_eq!(words(lines[p + 4]), ["53.64", "53.64"]);
        assert!(lines
            .iter()
            .any(|l| words(l) == ["汾阳市信访局", "320.18", "320.18"]));
        assert!(lines.contains(&"①公务用车购置费    "));
        assert!(lines.contains(&"注：本表无数据"));
    }

    #[test]
    fn spaces_layout_has_page_furniture() {
        let text = write_text(&sample(), Layout::Spaces { wrap: 8 });
        let lines: Vec<&str> = text.lines().collect();
        let i = lines.iter().position(|l| *l == "-1-").unwrap();
        assert_eq!(lines[i + 2], "汾阳市信访局2024年部门预算公开报告");
        assert!(lines.contains(&"-2-"));
    }

    #[test]
    fn wrapped_headers() {
        assert_eq!(
            spaces_header(
                &[
                    "科目编码".into(),
                    "科目名称".into(),
                    "合计".into(),
                    "一般公共预算".into(),
                    "国有资本经营预算".into(),
                    "单位资金".into(),
                    "".into()
                ],
                7
            ),
            [
                "科目编码 科目名称 合计 一般公共预算",
                "国有资本经营预",
                "",
                "算",
                "单位资金"
            ]
        );
    }
}
