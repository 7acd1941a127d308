//! A disclosure as one self-contained HTML5 document: inline CSS, inline SVG
//! charts, no script and no external resource, so that it can be mailed,
//! archived or printed as it is.
//!
//! It reads on screen and prints on A4 the way the national form is
//! published: a cover, the contents with links, 第一部分 概况, every table
//! of 第二部分 on a page of its own (wide tables on landscape pages) with
//! its caption 预算公开表N, 部门名称 and 单位, the official multi-level header
//! repeated on every page the table runs over, figures right-aligned in
//! tabular numbers and totals bold; 第三部分 with its charts and the
//! performance-target tables; 第四部分 名词解释.
//!
//! Every piece of text from the model is escaped: a disclosure is read from
//! documents nobody here wrote.

use crate::chart;
use crate::form::{chinese_numeral, form_tables, CellKind, FormTable};
use crate::target_grid::{department_target_grid, target_grid, TargetCellKind, TargetGrid};
use std::fmt::Write;
use yusuan_core::amount::Amount;
use yusuan_core::model::{
    DepartmentTarget, Disclosure, DocKind, FundsBySource, IndicatorTree, PerformanceTarget,
    ProjectAttribute, SectionKind,
};

/// Text made safe for HTML element content and attribute values: `&`, `<`,
/// `>`, `"` and `'` become character references.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The CJK font stack of the document, serif first as budget documents print.
const FONTS: &str =
    r#""Noto Serif CJK SC","Noto Sans CJK SC","Source Han Serif SC","SimSun","Songti SC",serif"#;

/// The style sheet: screen reading and A4 print.
fn style() -> String {
    format!(
        r#"
@page {{ size: A4 portrait; margin: 20mm 16mm 18mm 16mm;
  @bottom-center {{ content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt; }} }}
@page wide {{ size: A4 landscape; margin: 14mm 14mm 14mm 14mm;
  @bottom-center {{ content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt; }} }}
@page cover {{ @bottom-center {{ content: none; }} }}
:root {{ --ink: #1a1a1a; --rule: #333; --muted: #555; --accent: #9b1c1c; --head: #f2f2f2; }}
html {{ font-family: {FONTS}; color: var(--ink); background: #fff; line-height: 1.75; font-size: 12pt; }}
body {{ margin: 0 auto; max-width: 60em; padding: 0 1.5em 3em; }}
h1, h2, h3, h4 {{ line-height: 1.4; }}
a {{ color: var(--accent); }}
p {{ text-indent: 2em; margin: .4em 0; text-align: justify; }}
.cover {{ page: cover; min-height: 92vh; display: flex; flex-direction: column; justify-content: center; text-align: center; }}
.cover p {{ text-indent: 0; text-align: center; }}
.cover .department {{ font-size: 26pt; font-weight: bold; letter-spacing: .12em; margin: 0; }}
.cover h1 {{ font-size: 30pt; letter-spacing: .2em; margin: .5em 0 1.5em; }}
.cover .meta {{ color: var(--muted); font-size: 13pt; }}
nav.contents {{ break-before: page; page-break-before: always; }}
nav.contents h2 {{ text-align: center; letter-spacing: 1em; }}
nav.contents ol {{ list-style: none; padding-left: 0; margin: .2em 0; }}
nav.contents ol ol {{ padding-left: 2em; }}
nav.contents a {{ color: inherit; text-decoration: none; }}
nav.contents a:hover {{ text-decoration: underline; }}
section.part > h2 {{ text-align: center; font-size: 18pt; margin: 1em 0 .8em; }}
section.part {{ break-before: page; page-break-before: always; }}
section.prose h3 {{ font-size: 14pt; margin: 1.2em 0 .4em; }}
section.form-table {{ break-before: page; page-break-before: always; margin: 2em 0; }}
section.part > section.form-table:first-of-type {{ break-before: avoid; page-break-before: avoid; }}
section.form-table.landscape {{ page: wide; }}
.form-table .caption {{ text-indent: 0; margin: 0; font-size: 10.5pt; }}
.form-table h3 {{ text-align: center; font-size: 15pt; margin: .3em 0 .5em; }}
.form-table .meta {{ display: flex; justify-content: space-between; font-size: 10.5pt; margin-bottom: .3em; }}
.form-table .note {{ text-indent: 0; font-size: 10.5pt; }}
.scroll {{ overflow-x: auto; }}
table {{ border-collapse: collapse; }}
table.form {{ width: 100%; table-layout: fixed; font-size: 10pt; line-height: 1.4; }}
table.form th, table.form td, table.grid th, table.grid td {{ border: .5pt solid var(--rule); padding: 2pt 4pt; }}
table.form th, table.grid thead th {{ background: var(--head); font-weight: bold; text-align: center; vertical-align: middle; }}
table.form td {{ vertical-align: middle; overflow-wrap: anywhere; }}
td.fig, .grid td.fig {{ text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums lining-nums; }}
td.code {{ white-space: nowrap; }}
td.i1 {{ padding-left: 1.5em; }} td.i2 {{ padding-left: 2.5em; }} td.i3 {{ padding-left: 3.5em; }}
tr.total td {{ font-weight: bold; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
figure.chart {{ margin: 1em 0; text-align: center; break-inside: avoid; page-break-inside: avoid; }}
figure.chart svg {{ max-width: 100%; height: auto; font-family: {FONTS}; }}
figure.chart svg .num {{ font-variant-numeric: tabular-nums; }}
figure.chart figcaption {{ font-size: 10.5pt; color: var(--muted); }}
.chart-note {{ text-indent: 0; text-align: center; color: var(--muted); }}
section.targets > h3 {{ font-size: 14pt; }}
section.target {{ break-before: page; page-break-before: always; margin: 2em 0; }}
section.target h4 {{ text-align: center; font-size: 14pt; margin: .2em 0; }}
section.target .year {{ text-align: center; text-indent: 0; margin: 0 0 .6em; }}
table.grid {{ width: 100%; font-size: 10pt; line-height: 1.5; margin: .6em 0; }}
table.grid caption {{ text-align: left; font-weight: bold; padding: .2em 0; }}
table.kv th {{ width: 11em; text-align: left; background: var(--head); font-weight: bold; vertical-align: top; }}
table.kv td {{ white-space: pre-wrap; }}
table.indicators tbody th {{ font-weight: normal; text-align: center; vertical-align: middle; }}
table.target {{ table-layout: fixed; font-size: 9.5pt; }}
table.target th {{ background: var(--head); font-weight: bold; text-align: center; vertical-align: middle; }}
table.target td {{ vertical-align: middle; white-space: pre-wrap; overflow-wrap: anywhere; }}
table.target td.c {{ text-align: center; }}
table.target col:nth-child(1) {{ width: 9%; }} table.target col:nth-child(2) {{ width: 10%; }}
table.target col:nth-child(3) {{ width: 11%; }} table.target col:nth-child(4) {{ width: 14%; }}
table.target col:nth-child(5) {{ width: 16%; }} table.target col:nth-child(6) {{ width: 10%; }}
table.target col:nth-child(7) {{ width: 14%; }} table.target col:nth-child(8) {{ width: 16%; }}
dl.glossary dt {{ font-weight: bold; margin-top: .6em; }}
dl.glossary dd {{ margin: .2em 0 0 2em; }}
@media print {{
  html {{ font-size: 11pt; }}
  body {{ max-width: none; padding: 0; }}
  a {{ color: inherit; text-decoration: none; }}
  .scroll {{ overflow: visible; }}
  .cover {{ min-height: 240mm; }}
}}
"#
    )
}

/// 预算 or 决算, as the titles print it.
fn kind_word(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Budget => "预算",
        DocKind::FinalAccounts => "决算",
    }
}

/// The ids and titles of the parts and of every entry of the contents.
struct Outline {
    part1: String,
    part2: String,
    part3: String,
    part4: String,
}

fn outline(d: &Disclosure) -> Outline {
    let year = d.meta.year;
    let word = kind_word(d.meta.kind);
    Outline {
        part1: "第一部分 概况".to_string(),
        part2: format!("第二部分 {year}年部门{word}报表"),
        part3: format!("第三部分 {year}年度部门{word}情况说明"),
        part4: "第四部分 名词解释".to_string(),
    }
}

/// The printed title of a prose section (`五、一般公共预算支出情况说明`).
fn section_heading(number: u8, title: &str) -> String {
    format!("{}、{}", chinese_numeral(number as usize), title)
}

/// The document's title (`晋城市信访局2023年度部门预算公开`).
fn document_title(d: &Disclosure) -> String {
    format!(
        "{}{}年度部门{}公开",
        d.meta.department,
        d.meta.year,
        kind_word(d.meta.kind)
    )
}

/// Print a whole disclosure as one self-contained HTML5 document.
pub fn write_html(d: &Disclosure) -> String {
    let tables = form_tables(d);
    let o = outline(d);
    let mut h = String::with_capacity(256 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"yusuan\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        escape(&document_title(d)),
        style()
    );
    cover(&mut h, d);
    contents(&mut h, d, &o, &tables);
    h.push_str("<main>\n");
    overview(&mut h, d, &o);
    tables_part(&mut h, d, &o, &tables);
    explanation(&mut h, d, &o);
    glossary(&mut h, d, &o);
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

fn cover(h: &mut String, d: &Disclosure) {
    let _ = write!(
        h,
        "<header class=\"cover\" id=\"cover\">\n<p class=\"department\">{}</p>\n<h1>{}年度部门{}公开</h1>\n",
        escape(&d.meta.department),
        d.meta.year,
        kind_word(d.meta.kind)
    );
    let mut meta = Vec::new();
    if let Some(region) = &d.meta.region {
        meta.push(format!("地区：{}", escape(region)));
    }
    if let Some(code) = &d.meta.department_code {
        meta.push(format!("部门代码：{}", escape(code)));
    }
    meta.push(format!("{}年度：{}年", kind_word(d.meta.kind), d.meta.year));
    meta.push(format!("金额单位：{}", escape(d.meta.unit.as_str())));
    let _ = writeln!(h, "<p class=\"meta\">{}</p>\n</header>", meta.join("　"));
}

fn link(h: &mut String, id: &str, text: &str) {
    let _ = write!(h, "<li><a href=\"#{id}\">{}</a>", escape(text));
}

fn contents(h: &mut String, d: &Disclosure, o: &Outline, tables: &[FormTable]) {
    h.push_str("<nav class=\"contents\" id=\"contents\" aria-labelledby=\"contents-title\">\n<h2 id=\"contents-title\">目录</h2>\n<ol>\n");
    link(h, "part-1", &o.part1);
    h.push_str("<ol>");
    link(h, "duties", "一、本部门职责");
    h.push_str("</li>");
    link(h, "organisation", "二、机构设置情况");
    h.push_str("</li></ol></li>\n");
    link(h, "part-2", &o.part2);
    h.push_str("<ol>");
    for t in tables {
        link(
            h,
            &format!("table-{}", t.number),
            &format!("{} {}", t.caption, t.title),
        );
        h.push_str("</li>");
    }
    h.push_str("</ol></li>\n");
    link(h, "part-3", &o.part3);
    h.push_str("<ol>");
    for (i, s) in d.sections.iter().enumerate() {
        link(
            h,
            &format!("section-{}", i + 1),
            &section_heading(s.number, &s.title),
        );
        h.push_str("</li>");
    }
    if has_targets(d) {
        link(h, "targets", "绩效目标表");
        h.push_str("</li>");
    }
    h.push_str("</ol></li>\n");
    link(h, "part-4", &o.part4);
    h.push_str("</li>\n</ol>\n</nav>\n");
}

fn paragraphs<'a>(h: &mut String, texts: impl IntoIterator<Item = &'a str>) {
    for p in texts {
        let _ = writeln!(h, "<p>{}</p>", escape(p));
    }
}

fn overview(h: &mut String, d: &Disclosure, o: &Outline) {
    let _ = writeln!(
        h,
        "<section class=\"part\" id=\"part-1\">\n<h2>{}</h2>\n<section class=\"prose\">\n<h3 id=\"duties\">一、本部门职责</h3>",
        escape(&o.part1)
    );
    paragraphs(h, d.overview.duties.iter().map(String::as_str));
    h.push_str("<h3 id=\"organisation\">二、机构设置情况</h3>\n");
    paragraphs(h, d.overview.organisation.iter().map(String::as_str));
    h.push_str("</section>\n</section>\n");
}

/// One table of the form: caption, title, 部门名称 and 单位, the header with
/// its spans, the body, the note of an empty table.
pub fn form_table_html(t: &FormTable) -> String {
    form_table_html_marked(t, &|_, _| None)
}

/// What a body cell is marked with (a finding that points at it): an extra
/// class, a title (the tooltip) and, for the first cell of a finding, an id
/// to link to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellMark {
    pub class: String,
    pub title: String,
    pub id: Option<String>,
}

/// [`form_table_html`] with body cells marked: `mark(row, column)` (0-based
/// body row and grid column) gives the mark of a cell, if any.
pub fn form_table_html_marked(
    t: &FormTable,
    mark: &dyn Fn(usize, usize) -> Option<CellMark>,
) -> String {
    let mut h = String::new();
    let class = if t.landscape {
        "form-table landscape"
    } else {
        "form-table"
    };
    let _ = write!(
        h,
        "<section class=\"{class}\" id=\"table-{n}\" aria-labelledby=\"table-{n}-title\">\n<p class=\"caption\">{caption}</p>\n<h3 id=\"table-{n}-title\">{title}</h3>\n<div class=\"meta\"><span>部门名称：{department}</span><span>单位：{unit}</span></div>\n<div class=\"scroll\"><table class=\"form\">\n<colgroup>",
        n = t.number,
        caption = escape(&t.caption),
        title = escape(&t.title),
        department = escape(&t.department),
        unit = escape(&t.unit),
    );
    let total: u32 = t.widths.iter().map(|w| u32::from(*w)).sum::<u32>().max(1);
    for w in &t.widths {
        let _ = write!(
            h,
            "<col style=\"width:{:.2}%\">",
            f64::from(*w) * 100.0 / f64::from(total)
        );
    }
    h.push_str("</colgroup>\n<thead>\n");
    for row in 0..t.header_rows {
        h.push_str("<tr>");
        for c in t.header.iter().filter(|c| c.row == row) {
            // A heading over several columns heads a group of them.
            let scope = if c.colspan > 1 { "colgroup" } else { "col" };
            let _ = write!(h, "<th scope=\"{scope}\"");
            if c.rowspan > 1 {
                let _ = write!(h, " rowspan=\"{}\"", c.rowspan);
            }
            if c.colspan > 1 {
                let _ = write!(h, " colspan=\"{}\"", c.colspan);
            }
            let _ = write!(h, ">{}</th>", escape(&c.text));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</thead>\n<tbody>\n");
    for (r, row) in t.rows.iter().enumerate() {
        h.push_str(if row.total {
            "<tr class=\"total\">"
        } else {
            "<tr>"
        });
        for (col, (cell, kind)) in row.cells.iter().zip(&t.kinds).enumerate() {
            let class = match kind {
                CellKind::Figure => "fig".to_string(),
                CellKind::Code => "code".to_string(),
                CellKind::Label if row.indent > 0 && t.indents(col) => {
                    format!("label i{}", row.indent.min(3))
                }
                CellKind::Label => "label".to_string(),
            };
            match mark(r, col) {
                None => {
                    let _ = write!(h, "<td class=\"{class}\">{}</td>", escape(cell));
                }
                Some(m) => {
                    h.push_str("<td");
                    if let Some(id) = &m.id {
                        let _ = write!(h, " id=\"{}\"", escape(id));
                    }
                    let _ = write!(
                        h,
                        " class=\"{class} {}\" title=\"{}\">{}</td>",
                        escape(&m.class),
                        escape(&m.title),
                        escape(cell)
                    );
                }
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table></div>\n");
    if let Some(note) = &t.note {
        let _ = writeln!(h, "<p class=\"note\">{}</p>", escape(note));
    }
    h.push_str("</section>\n");
    h
}

fn tables_part(h: &mut String, d: &Disclosure, o: &Outline, tables: &[FormTable]) {
    let _ = writeln!(
        h,
        "<section class=\"part\" id=\"part-2\">\n<h2>{}</h2>",
        escape(&o.part2)
    );
    // Without the sections that explain them, the charts follow their tables.
    let lone_structure = d.section(SectionKind::GeneralPublic).is_none();
    let lone_three_public = d.section(SectionKind::ThreePublic).is_none();
    for t in tables {
        h.push_str(&form_table_html(t));
        let kind = d.table_number(t.number).map(|t| t.kind);
        if lone_structure && kind == Some(yusuan_core::model::TableKind::GeneralPublicExpenditure) {
            h.extend(chart::structure_figure(d));
        }
        if lone_three_public && kind == Some(yusuan_core::model::TableKind::ThreePublic) {
            h.extend(chart::three_public_figure(d));
        }
    }
    h.push_str("</section>\n");
}

fn has_targets(d: &Disclosure) -> bool {
    !d.targets.is_empty() || d.department_target.is_some()
}

/// Whether a paragraph is the place a published document left for a chart
/// (`一般公共预算当年拨款结构图`, `三公经费分布图`).
fn chart_placeholder(text: &str, keyword: &str) -> bool {
    let t = text.trim();
    t.ends_with('图') && t.contains(keyword) && t.chars().count() <= 20
}

fn explanation(h: &mut String, d: &Disclosure, o: &Outline) {
    let _ = writeln!(
        h,
        "<section class=\"part\" id=\"part-3\">\n<h2>{}</h2>",
        escape(&o.part3)
    );
    let mut targets_done = false;
    for (i, s) in d.sections.iter().enumerate() {
        let _ = writeln!(
            h,
            "<section class=\"prose\" id=\"section-{}\">\n<h3>{}</h3>",
            i + 1,
            escape(&section_heading(s.number, &s.title))
        );
        let chart = match s.kind {
            SectionKind::GeneralPublic => chart::structure_figure(d).map(|c| (c, "结构")),
            SectionKind::ThreePublic => chart::three_public_figure(d).map(|c| (c, "三公")),
            _ => None,
        };
        let mut chart = chart;
        for p in &s.paragraphs {
            // A document's own caption of its chart is where the chart goes.
            match &chart {
                Some((_, keyword)) if chart_placeholder(&p.text, keyword) => {
                    if let Some((figure, _)) = chart.take() {
                        h.push_str(&figure);
                    }
                }
                _ => {
                    let _ = writeln!(h, "<p>{}</p>", escape(&p.text));
                }
            }
        }
        if let Some((figure, _)) = chart {
            h.push_str(&figure);
        }
        // The target tables are the annex of 绩效管理情况.
        if s.kind == SectionKind::Performance && has_targets(d) {
            targets(h, d);
            targets_done = true;
        }
        h.push_str("</section>\n");
    }
    if !targets_done && has_targets(d) {
        targets(h, d);
    }
    h.push_str("</section>\n");
}

fn glossary(h: &mut String, d: &Disclosure, o: &Outline) {
    let _ = writeln!(
        h,
        "<section class=\"part\" id=\"part-4\">\n<h2>{}</h2>\n<dl class=\"glossary\">",
        escape(&o.part4)
    );
    for (i, g) in d.glossary.iter().enumerate() {
        let _ = writeln!(
            h,
            "<dt>{}、{}</dt><dd>{}</dd>",
            chinese_numeral(i + 1),
            escape(&g.term),
            escape(&g.definition)
        );
    }
    h.push_str("</dl>\n</section>\n");
}

/// 项目属性 as printed.
pub(crate) fn attribute_text(a: ProjectAttribute) -> &'static str {
    match a {
        ProjectAttribute::Recurring => "经常性项目",
        ProjectAttribute::OneOff => "一次性项目",
    }
}

/// The head fields of a project's target table, in the order of the form;
/// fields the document left empty are left out.
pub(crate) fn target_fields(t: &PerformanceTarget) -> Vec<(&'static str, String)> {
    let department = match (&t.department_code, &t.department) {
        (Some(c), Some(d)) => Some(format!("{c}-{d}")),
        (Some(c), None) => Some(c.clone()),
        (None, Some(d)) => Some(d.clone()),
        (None, None) => None,
    };
    let fields: [(&'static str, Option<String>); 12] = [
        ("项目名称", Some(t.project.clone())),
        ("主管部门及代码", department),
        ("实施单位", t.implementing_unit.clone()),
        (
            "项目属性",
            t.attribute.map(|a| attribute_text(a).to_string()),
        ),
        ("项目期", t.period.clone()),
        ("项目概况", t.overview.clone()),
        ("立项依据", t.basis.clone()),
        ("项目设立必要性", t.necessity.clone()),
        ("保证项目实施的制度、措施", t.measures.clone()),
        ("项目实施计划", t.plan.clone()),
        ("实施期总体目标", t.period_goal.clone()),
        ("年度总体目标", t.annual_goal.clone()),
    ];
    fields
        .into_iter()
        .filter_map(|(k, v)| v.filter(|v| !v.trim().is_empty()).map(|v| (k, v)))
        .collect()
}

/// The rows of the funds grid: source, 实施期 and 年度 amounts.
pub(crate) fn funds_rows<'a>(
    period: &'a FundsBySource,
    annual: &'a FundsBySource,
) -> Vec<(&'static str, Option<&'a Amount>, Option<&'a Amount>)> {
    let mut rows = vec![("资金总额", period.total.as_ref(), annual.total.as_ref())];
    rows.extend(
        period
            .named()
            .into_iter()
            .zip(annual.named())
            .map(|((name, p), (_, a))| (name, p, a)),
    );
    rows
}

/// One row of an indicator grid: the 一级 and 二级 cells where they start
/// (with the number of rows they span), the 三级 name and the value.
pub(crate) struct IndicatorRow<'a> {
    pub level1: Option<(&'a str, usize)>,
    pub level2: Option<(&'a str, usize)>,
    pub name: &'a str,
    pub value: &'a str,
}

/// The indicator trees as rows of a grid: a group without indicators still
/// takes a row, as the form prints 生态效益指标 with nothing under it.
pub(crate) fn indicator_rows(trees: &[IndicatorTree]) -> Vec<IndicatorRow<'_>> {
    let mut rows = Vec::new();
    for tree in trees {
        let span1: usize = tree
            .groups
            .iter()
            .map(|g| g.indicators.len().max(1))
            .sum::<usize>()
            .max(1);
        let mut first1 = Some((tree.name.as_str(), span1));
        if tree.groups.is_empty() {
            rows.push(IndicatorRow {
                level1: first1.take(),
                level2: Some(("", 1)),
                name: "",
                value: "",
            });
        }
        for g in &tree.groups {
            let span2 = g.indicators.len().max(1);
            let mut first2 = Some((g.name.as_str(), span2));
            if g.indicators.is_empty() {
                rows.push(IndicatorRow {
                    level1: first1.take(),
                    level2: first2.take(),
                    name: "",
                    value: "",
                });
            }
            for i in &g.indicators {
                rows.push(IndicatorRow {
                    level1: first1.take(),
                    level2: first2.take(),
                    name: &i.name,
                    value: &i.value.text,
                });
            }
        }
    }
    rows
}

/// A project's target table: the form's heading and year, then the shared
/// grid ([`crate::target_grid`]) with its spans as `colspan`/`rowspan`.
fn target_table(h: &mut String, d: &Disclosure, i: usize, t: &PerformanceTarget) {
    let grid = target_grid(t, &d.meta);
    let label = format!("项目支出绩效目标申报表：{}", grid.project);
    grid_table(h, &format!("target-{}", i + 1), &label, &grid);
}

/// The department-wide target table, in its grid
/// ([`crate::target_grid::department_target_grid`]).
fn department_target_table(h: &mut String, d: &Disclosure, t: &DepartmentTarget) {
    let grid = department_target_grid(t, &d.meta);
    let label = format!("部门（单位）整体支出绩效目标申报表：{}", grid.project);
    grid_table(h, "target-department", &label, &grid);
}

/// A target table's grid as a section: heading, year, and the cells with
/// their spans.
fn grid_table(h: &mut String, id: &str, label: &str, grid: &TargetGrid) {
    let _ = write!(
        h,
        "<section class=\"target\" id=\"{id}\" aria-label=\"{label}\">\n<h4>{heading}</h4>\n<p class=\"year\">{year}</p>\n<table class=\"grid target\">\n<colgroup>",
        id = escape(id),
        label = escape(label),
        heading = escape(&grid.heading),
        year = escape(&grid.year),
    );
    // The widths of the grid's columns are the style sheet's
    // (`table.target col:nth-child(k)`): no inline style.
    for _ in grid.widths {
        h.push_str("<col>");
    }
    h.push_str("</colgroup>\n<tbody>\n");
    for row in &grid.rows {
        h.push_str("<tr>");
        for c in row {
            let (tag, class) = match c.kind {
                TargetCellKind::Label => ("th", ""),
                TargetCellKind::Text => ("td", ""),
                TargetCellKind::Figure => ("td", " class=\"fig\""),
                TargetCellKind::Centre => ("td", " class=\"c\""),
            };
            let _ = write!(h, "<{tag}{class}");
            if c.colspan > 1 {
                let _ = write!(h, " colspan=\"{}\"", c.colspan);
            }
            if c.rowspan > 1 {
                let _ = write!(h, " rowspan=\"{}\"", c.rowspan);
            }
            let _ = write!(h, ">{}</{tag}>", escape(&c.text));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

/// The performance-target tables (绩效目标表) of a disclosure as HTML, every
/// text escaped; empty when it has none.
pub fn targets_html(d: &Disclosure) -> String {
    let mut h = String::new();
    if has_targets(d) {
        targets(&mut h, d);
    }
    h
}

fn targets(h: &mut String, d: &Disclosure) {
    h.push_str("<section class=\"targets\" id=\"targets\">\n<h3>绩效目标表</h3>\n");
    if let Some(t) = &d.department_target {
        department_target_table(h, d, t);
    }
    for (i, t) in d.targets.iter().enumerate() {
        target_table(h, d, i, t);
    }
    h.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("信访事务"), "信访事务");
    }
}
