//! The typst markup of a disclosure: the layout (`template.typ`) and the
//! calls that print each part, every inserted text a typst string literal.
//!
//! Texts of a disclosure are full of characters typst markup reads as syntax
//! (`#`, `*`, `_`, `[`, `<`, `/`, a `-` or `+` at a line start): a project
//! called `2024年*专项*` or a code `2010301` after a `=` must print as is.
//! Markup escapes are easy to get wrong; a string literal inside code mode
//! has only two characters to escape (`\` and `"`), so the generator only
//! ever writes code (`#cover("…")`, `#prose("…")`) and never markup.

use crate::fonts::Fonts;
use std::fmt::Write;
use yusuan_core::model::{DepartmentTarget, Disclosure, DocKind, Metadata, PerformanceTarget};
use yusuan_render::form::{form_tables, CellKind, FormTable};
use yusuan_render::target_grid::{department_target_grid, target_grid, TargetCellKind, TargetGrid};

/// The layout: page, fonts, headings and the functions called below.
const TEMPLATE: &str = include_str!("template.typ");

/// A typst string literal of `s`: `"…"` with `\`, `"` and control
/// characters escaped, so any text prints verbatim.
pub(crate) fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `none` or the literal of the text.
fn opt_lit(s: Option<&str>) -> String {
    s.map(lit).unwrap_or_else(|| "none".to_string())
}

/// 一, 二, … 九十九: the ordinals of headings and glossary entries.
pub(crate) fn chinese_number(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n as usize - 10] }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n as usize / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n as usize % 10]
            }
        ),
        _ => n.to_string(),
    }
}

/// The whole document.
pub(crate) fn document(d: &Disclosure, fonts: &Fonts) -> String {
    let year = d.meta.year;
    let what = match d.meta.kind {
        DocKind::Budget => "预算",
        DocKind::FinalAccounts => "决算",
    };
    let department = d.meta.department.trim();
    let mut m = String::with_capacity(64 * 1024);
    let _ = writeln!(m, "#let body-font = {}", lit(&fonts.body));
    let _ = writeln!(m, "#let heading-font = {}", lit(&fonts.heading));
    let _ = writeln!(
        m,
        "#let doc-title = {}",
        lit(&format!("{department}{year}年部门{what}公开"))
    );
    m.push_str(TEMPLATE);
    m.push('\n');

    // 封面 and 目录.
    let _ = writeln!(
        m,
        "#cover({}, {})",
        lit(department),
        lit(&format!("{year}年度部门{what}公开"))
    );
    m.push_str("#contents()\n");

    overview(&mut m, d);
    tables(&mut m, d, &format!("第二部分 {year}年部门{what}报表"));
    explanation(&mut m, d, &format!("第三部分 {year}年度部门{what}情况说明"));
    glossary(&mut m, d);
    m
}

fn heading(m: &mut String, level: u8, text: &str) {
    let _ = writeln!(m, "#heading(level: {level}, {})", lit(text));
}

fn paragraphs<'a>(m: &mut String, texts: impl IntoIterator<Item = &'a str>) {
    for t in texts {
        let t = t.trim();
        if !t.is_empty() {
            let _ = writeln!(m, "#prose({})", lit(t));
        }
    }
}

/// 第一部分 概况: 本部门职责 and 机构设置情况.
fn overview(m: &mut String, d: &Disclosure) {
    heading(m, 1, "第一部分 概况");
    heading(m, 2, "一、本部门职责");
    paragraphs(m, d.overview.duties.iter().map(String::as_str));
    heading(m, 2, "二、机构设置情况");
    paragraphs(m, d.overview.organisation.iter().map(String::as_str));
}

/// 第二部分: the 13 tables of the national form, each on its own page.
fn tables(m: &mut String, d: &Disclosure, part: &str) {
    heading(m, 1, part);
    for (i, t) in form_tables(d).iter().enumerate() {
        if t.columns == 0 {
            continue;
        }
        // The first table shares the part's page unless it is landscape.
        let first = i == 0 && !t.landscape;
        let _ = writeln!(m, "#form-table({}, first: {first})", form_table(t));
    }
}

/// One table as a typst dictionary for `form-table`.
pub(crate) fn form_table(t: &FormTable) -> String {
    let mut s = String::with_capacity(4096);
    // A column without a kind is read as a label (left, may wrap).
    let kinds: String = (0..t.columns)
        .map(|i| match t.kinds.get(i) {
            Some(CellKind::Figure) => 'F',
            Some(CellKind::Code) => 'C',
            Some(CellKind::Label) | None => 'L',
        })
        .collect();
    let sizing = crate::columns::size_columns(t);
    // typst shares the table's width among the columns padding included,
    // so each column's share is its text width plus the padding.
    let widths: String = sizing
        .widths
        .iter()
        .map(|w| format!("{:.1}, ", w + crate::columns::CELL_PADDING))
        .collect();
    let _ = write!(
        s,
        "(number: {}, caption: {}, title: {}, department: {}, unit: {}, columns: {}, kinds: {}, size: {:.1}, widths: ({widths}), ",
        t.number,
        lit(&t.caption),
        lit(&t.title),
        lit(&t.department),
        lit(&t.unit),
        t.columns,
        lit(&kinds),
        sizing.size,
    );
    s.push_str("header: (");
    // typst refuses a cell outside the grid; the form's header covers its
    // grid exactly, and a cell that would not is cut to fit, not fatal.
    for h in t
        .header
        .iter()
        .filter(|h| h.col < t.columns && h.row < t.header_rows)
    {
        let colspan = h.colspan.clamp(1, t.columns - h.col);
        let cols = &sizing.widths[h.col..h.col + colspan];
        let width = cols.iter().sum::<f32>() + crate::columns::CELL_PADDING * (colspan - 1) as f32;
        let _ = write!(
            s,
            "({}, {}, {}, {}, {}), ",
            h.row,
            h.col,
            h.rowspan.clamp(1, t.header_rows - h.row),
            colspan,
            lit(&crate::columns::balanced(&h.text, width, sizing.size))
        );
    }
    s.push_str("), rows: (");
    for r in &t.rows {
        s.push_str("(cells: (");
        // Every row fills the table's width, so the next row starts in the
        // first column whatever a row printed.
        for i in 0..t.columns {
            s.push_str(&lit(r.cells.get(i).map(String::as_str).unwrap_or("")));
            s.push_str(", ");
        }
        let _ = write!(s, "), total: {}, indent: {}), ", r.total, r.indent);
    }
    let _ = write!(
        s,
        "), note: {}, landscape: {})",
        opt_lit(t.note.as_deref()),
        t.landscape
    );
    s
}

/// 第三部分 情况说明: the numbered sections, then the performance-target
/// tables (绩效目标表) that the section 绩效管理情况 refers to as attachments.
fn explanation(m: &mut String, d: &Disclosure, part: &str) {
    heading(m, 1, part);
    for s in &d.sections {
        heading(
            m,
            2,
            &format!(
                "{}、{}",
                chinese_number(u32::from(s.number)),
                s.title.trim()
            ),
        );
        paragraphs(m, s.paragraphs.iter().map(|p| p.text.as_str()));
    }
    if d.department_target.is_none() && d.targets.is_empty() {
        return;
    }
    // The attachments start a page, and their heading shares it with the
    // first target table rather than ending the page of the last section.
    m.push_str("#pagebreak(weak: true)\n");
    heading(m, 2, "附件：绩效目标表");
    let mut first = true;
    if let Some(t) = &d.department_target {
        department_target(m, t, &d.meta, first);
        first = false;
    }
    for t in &d.targets {
        project_target(m, t, &d.meta, first);
        first = false;
    }
}

/// 第四部分 名词解释: `一、基本支出：指…`.
fn glossary(m: &mut String, d: &Disclosure) {
    if d.glossary.is_empty() {
        return;
    }
    heading(m, 1, "第四部分 名词解释");
    for (i, g) in d.glossary.iter().enumerate() {
        let term = format!("{}、{}", chinese_number(i as u32 + 1), g.term.trim());
        let def = g.definition.trim();
        // `一般公共预算是指…` reads on without a colon; `基本支出：指…` needs one.
        let sep = if def.is_empty() || def.starts_with('是') {
            ""
        } else {
            "："
        };
        let _ = writeln!(
            m,
            "#prose(strong({}) + {})",
            lit(&format!("{term}{sep}")),
            lit(def)
        );
    }
}

/// The cells of a target table, row by row, as `target-table` takes them.
#[derive(Default)]
struct Grid {
    cells: Vec<String>,
}

impl Grid {
    fn cell(&mut self, text: &str, colspan: usize, rowspan: usize, kind: TargetCellKind) {
        let k = match kind {
            TargetCellKind::Label => "h",
            TargetCellKind::Text => "t",
            TargetCellKind::Figure => "f",
            TargetCellKind::Centre => "c",
        };
        self.cells.push(format!(
            "({}, {}, {}, {:?})",
            lit(text),
            colspan.max(1),
            rowspan.max(1),
            k
        ));
    }

    fn literal(&self) -> String {
        let mut s = String::from("(");
        for c in &self.cells {
            s.push_str(c);
            s.push_str(", ");
        }
        s.push(')');
        s
    }
}

/// 项目支出绩效目标表 of one project: the form's heading (region and
/// level) and year, then the grid every writer shares
/// ([`yusuan_render::target_grid`]), its spans as `table.cell(colspan:,
/// rowspan:)`.
fn project_target(m: &mut String, t: &PerformanceTarget, meta: &Metadata, first: bool) {
    grid_table(m, &target_grid(t, meta), first);
}

/// 部门（单位）整体支出绩效目标申报表, in its shared grid
/// ([`yusuan_render::department_target_grid`]).
fn department_target(m: &mut String, t: &DepartmentTarget, meta: &Metadata, first: bool) {
    grid_table(m, &department_target_grid(t, meta), first);
}

fn grid_table(m: &mut String, grid: &TargetGrid, first: bool) {
    let mut g = Grid::default();
    for row in &grid.rows {
        for c in row {
            g.cell(c.text.trim(), c.colspan, c.rowspan, c.kind);
        }
    }
    let widths: Vec<String> = grid.widths.iter().map(|w| format!("{w}.0")).collect();
    let _ = writeln!(
        m,
        "#target-table({}, {}, ({}), {}, first: {first})",
        lit(&grid.heading),
        lit(&grid.year),
        widths.join(", "),
        g.literal()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_quotes_and_backslashes() {
        assert_eq!(lit(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(lit("#*_[]<>@$`~=-+/"), "\"#*_[]<>@$`~=-+/\"");
        assert_eq!(lit("a\nb\tc\u{7}"), "\"a\\nb\\tc\\u{7}\"");
    }

    #[test]
    fn chinese_ordinals() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(20), "二十");
        assert_eq!(chinese_number(35), "三十五");
    }
}
