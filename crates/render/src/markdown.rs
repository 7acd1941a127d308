//! A disclosure as one Markdown document (GitHub-flavoured: pipe tables),
//! for reading in a repository, a wiki or a diff.
//!
//! The parts of the national form in order: the title, the contents with
//! links to anchors, 第一部分 概况, every table of 第二部分 as a pipe table
//! (its multi-level header flattened into one row, `本年收入/一般公共预算`),
//! 第三部分 with the performance-target tables after 绩效管理情况, and
//! 第四部分 名词解释. Text from the model is escaped so that it prints as
//! written: a `|` cannot end a cell, a `*` cannot start emphasis and a `<`
//! cannot open raw HTML.

use crate::form::{chinese_numeral, form_tables, CellKind, FormTable};
use crate::html::{funds_rows, indicator_rows, target_fields};
use crate::target_text::grouped;
use std::fmt::Write;
use yusuan_core::model::{
    DepartmentTarget, Disclosure, DocKind, IndicatorTree, PerformanceTarget, SectionKind,
};

/// Inline text made literal: Markdown's emphasis and code characters and
/// backslashes escaped, a `<` that would open raw HTML (`<script`, `</`,
/// `<!`) written as `&lt;`.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '<' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')) =>
            {
                out.push_str("&lt;")
            }
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                // `&amp;` written in a label must not become `&`.
                out.push_str("&amp;")
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A paragraph made literal: inline escapes, and a line start that would
/// make a heading, quote, list or rule escaped.
fn paragraph(text: &str) -> String {
    let t = inline(text.trim());
    // `1.` or `1)` and a space start an ordered list; `730.03万元` does not.
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let list = (1..=9).contains(&digits)
        && matches!(t.as_bytes().get(digits), Some(b'.' | b')'))
        && t[digits + 1..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace);
    if list {
        format!("{}\\{}", &t[..digits], &t[digits..])
    } else if t.starts_with(['#', '>', '-', '+', '=', '|', '~']) {
        format!("\\{t}")
    } else {
        t
    }
}

/// A pipe-table cell: inline escapes and `|` escaped.
fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|")
}

fn kind_word(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Budget => "预算",
        DocKind::FinalAccounts => "决算",
    }
}

fn section_heading(number: u8, title: &str) -> String {
    format!("{}、{}", chinese_numeral(number as usize), title)
}

/// A pipe table: a header row, the alignment row, the body rows.
fn pipe_table(out: &mut String, header: &[String], right: &[bool], rows: &[Vec<String>]) {
    let line = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
    out.push_str(&line(header));
    let align: Vec<String> = right
        .iter()
        .map(|r| if *r { "---:" } else { "---" }.to_string())
        .collect();
    out.push_str(&line(&align));
    for r in rows {
        out.push_str(&line(r));
    }
}

/// One table of the form as a pipe table with its caption, title, 部门名称,
/// 单位 and note; totals bold.
pub fn form_table_markdown(t: &FormTable) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<a id=\"table-{}\"></a>\n\n### {} {}\n\n部门名称：{}　　单位：{}\n",
        t.number,
        cell(&t.caption),
        inline(&t.title),
        inline(&t.department),
        inline(&t.unit)
    );
    let header: Vec<String> = t.column_headings().iter().map(|h| cell(h)).collect();
    let right: Vec<bool> = t.kinds.iter().map(|k| *k == CellKind::Figure).collect();
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| match (c.is_empty(), r.total) {
                    (false, true) => format!("**{}**", cell(c)),
                    _ => cell(c),
                })
                .collect()
        })
        .collect();
    pipe_table(&mut out, &header, &right, &rows);
    if let Some(note) = &t.note {
        let _ = writeln!(out, "\n{}", paragraph(note));
    }
    out
}

/// Print a whole disclosure as one Markdown document.
pub fn write_markdown(d: &Disclosure) -> String {
    let year = d.meta.year;
    let word = kind_word(d.meta.kind);
    let part1 = "第一部分 概况".to_string();
    let part2 = format!("第二部分 {year}年部门{word}报表");
    let part3 = format!("第三部分 {year}年度部门{word}情况说明");
    let part4 = "第四部分 名词解释".to_string();
    let tables = form_tables(d);
    let has_targets = !d.targets.is_empty() || d.department_target.is_some();

    let mut out = String::with_capacity(64 * 1024);
    let _ = writeln!(
        out,
        "# {}{year}年度部门{word}公开\n",
        inline(&d.meta.department)
    );
    let mut cover = vec![format!("部门名称：{}", inline(&d.meta.department))];
    if let Some(region) = &d.meta.region {
        cover.push(format!("地区：{}", inline(region)));
    }
    cover.push(format!("{word}年度：{year}年"));
    cover.push(format!("金额单位：{}", d.meta.unit.as_str()));
    let _ = writeln!(out, "{}\n", cover.join("　"));

    // Contents.
    out.push_str("## 目录\n\n");
    let _ = writeln!(out, "- [{part1}](#part-1)");
    out.push_str("  - [一、本部门职责](#duties)\n  - [二、机构设置情况](#organisation)\n");
    let _ = writeln!(out, "- [{part2}](#part-2)");
    for t in &tables {
        let _ = writeln!(
            out,
            "  - [{} {}](#table-{})",
            link_text(&t.caption),
            link_text(&t.title),
            t.number
        );
    }
    let _ = writeln!(out, "- [{part3}](#part-3)");
    for (i, s) in d.sections.iter().enumerate() {
        let _ = writeln!(
            out,
            "  - [{}](#section-{})",
            link_text(&section_heading(s.number, &s.title)),
            i + 1
        );
    }
    if has_targets {
        out.push_str("  - [绩效目标表](#targets)\n");
    }
    let _ = writeln!(out, "- [{part4}](#part-4)\n");

    // 第一部分 概况.
    let _ = writeln!(out, "<a id=\"part-1\"></a>\n\n## {part1}\n");
    out.push_str("<a id=\"duties\"></a>\n\n### 一、本部门职责\n\n");
    for p in &d.overview.duties {
        let _ = writeln!(out, "{}\n", paragraph(p));
    }
    out.push_str("<a id=\"organisation\"></a>\n\n### 二、机构设置情况\n\n");
    for p in &d.overview.organisation {
        let _ = writeln!(out, "{}\n", paragraph(p));
    }

    // 第二部分 the tables.
    let _ = writeln!(out, "<a id=\"part-2\"></a>\n\n## {part2}\n");
    for t in &tables {
        out.push_str(&form_table_markdown(t));
        out.push('\n');
    }

    // 第三部分 the explanation, the target tables after 绩效管理情况.
    let _ = writeln!(out, "<a id=\"part-3\"></a>\n\n## {part3}\n");
    let mut targets_done = false;
    for (i, s) in d.sections.iter().enumerate() {
        let _ = writeln!(
            out,
            "<a id=\"section-{}\"></a>\n\n### {}\n",
            i + 1,
            inline(&section_heading(s.number, &s.title))
        );
        for p in &s.paragraphs {
            let _ = writeln!(out, "{}\n", paragraph(&p.text));
        }
        if s.kind == SectionKind::Performance && has_targets {
            targets(&mut out, d);
            targets_done = true;
        }
    }
    if has_targets && !targets_done {
        targets(&mut out, d);
    }

    // 第四部分 名词解释.
    let _ = writeln!(out, "<a id=\"part-4\"></a>\n\n## {part4}\n");
    for (i, g) in d.glossary.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}、{}：{}\n",
            chinese_numeral(i + 1),
            inline(&g.term),
            inline(&g.definition)
        );
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Text inside a link's brackets: inline escapes and brackets escaped.
fn link_text(text: &str) -> String {
    inline(text).replace('[', "\\[").replace(']', "\\]")
}

fn indicators(out: &mut String, caption: &str, trees: &[IndicatorTree]) {
    if trees.is_empty() {
        return;
    }
    let _ = writeln!(out, "{caption}：\n");
    let header: Vec<String> = ["一级指标", "二级指标", "三级指标", "指标值"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    // A pipe table has no spans: a level is printed on the row it starts.
    let rows: Vec<Vec<String>> = indicator_rows(trees)
        .iter()
        .map(|r| {
            vec![
                r.level1.map(|(n, _)| cell(n)).unwrap_or_default(),
                r.level2.map(|(n, _)| cell(n)).unwrap_or_default(),
                cell(r.name),
                cell(r.value),
            ]
        })
        .collect();
    pipe_table(out, &header, &[false; 4], &rows);
    out.push('\n');
}

fn target(out: &mut String, d: &Disclosure, i: usize, t: &PerformanceTarget) {
    let _ = writeln!(
        out,
        "<a id=\"target-{}\"></a>\n\n#### 项目支出绩效目标申报表：{}（{}年度）\n",
        i + 1,
        inline(&t.project),
        d.meta.year
    );
    let rows: Vec<Vec<String>> = target_fields(t)
        .into_iter()
        .map(|(k, v)| vec![k.to_string(), cell(&v)])
        .collect();
    pipe_table(
        out,
        &["项目".to_string(), "内容".to_string()],
        &[false, false],
        &rows,
    );
    out.push_str("\n项目资金（元）：\n\n");
    let rows: Vec<Vec<String>> = funds_rows(&t.period_funds, &t.annual_funds)
        .into_iter()
        .map(|(k, p, a)| {
            vec![
                k.to_string(),
                p.map(grouped).unwrap_or_default(),
                a.map(grouped).unwrap_or_default(),
            ]
        })
        .collect();
    pipe_table(
        out,
        &[
            "资金来源".to_string(),
            "实施期资金总额".to_string(),
            "年度资金总额".to_string(),
        ],
        &[false, true, true],
        &rows,
    );
    out.push('\n');
    indicators(out, "实施期绩效指标", &t.period_indicators);
    indicators(out, "年度绩效指标", &t.annual_indicators);
}

fn department_target(out: &mut String, d: &Disclosure, t: &DepartmentTarget) {
    let _ = writeln!(
        out,
        "<a id=\"target-department\"></a>\n\n#### 部门（单位）整体支出绩效目标申报表（{}年度）\n",
        d.meta.year
    );
    let mut rows = vec![vec!["部门（单位）名称".to_string(), cell(&t.department)]];
    if let Some(goal) = &t.annual_goal {
        rows.push(vec!["年度绩效目标".to_string(), cell(goal)]);
    }
    pipe_table(
        out,
        &["项目".to_string(), "内容".to_string()],
        &[false, false],
        &rows,
    );
    out.push('\n');
    for (caption, first, funds) in [
        ("年度预算情况（按资金来源）", "资金来源", &t.funds_by_source),
        (
            "年度预算情况（按支出方向）",
            "支出方向",
            &t.funds_by_direction,
        ),
    ] {
        if funds.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{caption}：\n");
        let rows: Vec<Vec<String>> = funds
            .iter()
            .map(|(name, a)| vec![cell(name), a.printed()])
            .collect();
        pipe_table(
            out,
            &[
                first.to_string(),
                format!("金额（{}）", funds[0].1.unit.as_str()),
            ],
            &[false, true],
            &rows,
        );
        out.push('\n');
    }
    indicators(out, "年度绩效指标", &t.indicators);
}

fn targets(out: &mut String, d: &Disclosure) {
    out.push_str("<a id=\"targets\"></a>\n\n### 绩效目标表\n\n");
    if let Some(t) = &d.department_target {
        department_target(out, d, t);
    }
    for (i, t) in d.targets.iter().enumerate() {
        target(out, d, i, t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_and_paragraphs_print_as_written() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("汾财[2023]第176号"), "汾财[2023]第176号");
        assert_eq!(inline("<script>x</script>"), "&lt;script>x&lt;/script>");
        assert_eq!(inline("≥90%, <5%"), "≥90%, <5%");
        assert_eq!(inline("a*b_c"), "a\\*b\\_c");
        assert_eq!(paragraph("1. 第一"), "1\\. 第一");
        assert_eq!(paragraph("# 不是标题"), "\\# 不是标题");
        assert_eq!(paragraph("(一) 负责"), "(一) 负责");
        assert_eq!(paragraph("2023年度预算"), "2023年度预算");
        assert_eq!(paragraph("730.03万元"), "730.03万元");
        assert_eq!(paragraph("- 项"), "\\- 项");
    }
}
