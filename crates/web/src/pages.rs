//! The pages, rendered with maud: every text from the repository is escaped
//! by construction. No script, no inline style: the one style sheet is
//! `/static/style.css`, and the charts are SVG drawn here.

use crate::auth::Viewer;
use crate::views::*;
use crate::Failure;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use std::collections::HashMap;
use yusuan_core::finding::{Finding, Severity};
use yusuan_core::model::{Column, Disclosure, TableKind};
use yusuan_render::form::{chinese_numeral, value_columns, CellKind, FormTable};
use yusuan_render::html::{form_table_html_marked, targets_html, CellMark};
use yusuan_store::{DisclosureSummary, QueryValue};

pub const STYLE: &str = include_str!("style.css");

/// A query-string component, percent-encoded.
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The frame of every page: header with search box and navigation.
pub fn layout(title: &str, viewer: &Viewer, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · 预算公开库" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                header.site {
                    a.brand href="/" { "预算公开库" }
                    form.search method="get" action="/search" role="search" {
                        input type="search" name="q" placeholder="搜索部门或地区，如：信访" aria-label="搜索部门或地区";
                        button type="submit" { "搜索" }
                    }
                    nav {
                        a href="/views/headline" { "主要数据" }
                        a href="/views/three-public" { "三公经费" }
                        a href="/views/findings" { "检查发现" }
                        a href="/views/regions" { "地区汇总" }
                        a href="/upload" { "上传" }
                        @if let Some(name) = viewer.name() {
                            a href="/audit" { "审计日志" }
                            form.inline method="post" action="/signout" {
                                input type="hidden" name="csrf" value=(viewer.csrf());
                                button.link type="submit" { "退出（" (name) "）" }
                            }
                        } @else {
                            a href="/signin" { "登录" }
                        }
                    }
                }
                main { (body) }
                footer.site { "预算公开库 · 数据来自各部门公开的预算文件 · " a href="/api/openapi.json" { "API" } }
            }
        }
    }
}

pub fn error_page(viewer: &Viewer, f: &Failure) -> Markup {
    let title = match f.status.as_u16() {
        404 => "页面不存在",
        403 => "请求被拒绝",
        401 => "需要登录",
        413 => "文件过大",
        422 => "文件无法读取",
        429 => "尝试次数过多",
        400 => "请求有误",
        _ => "出错了",
    };
    layout(
        title,
        viewer,
        html! {
            h1 { (title) }
            p.error { (f.message) }
            p { a href="/" { "返回首页" } }
        },
    )
}

fn summary_line(d: &DisclosureSummary) -> Markup {
    html! {
        a href={ "/disclosures/" (d.id) } { (d.department) " " (d.year) "年" (d.kind) }
        " "
        span.muted { (d.region) }
    }
}

fn counts(d: &DisclosureSummary) -> Markup {
    html! {
        span.counts {
            @if d.errors > 0 { span.sev-error { "错误 " (d.errors) } " " }
            @if d.warnings > 0 { span.sev-warning { "警告 " (d.warnings) } " " }
            @if d.infos > 0 { span.sev-info { "提示 " (d.infos) } }
            @if d.errors + d.warnings + d.infos == 0 { span.muted { "无检查发现" } }
        }
    }
}

pub fn home(v: &HomeView, viewer: &Viewer) -> Markup {
    layout(
        "首页",
        viewer,
        html! {
            h1 { "部门预算公开库" }
            p { "共收录 " strong { (v.disclosures) } " 份公开文件。按部门或地区名称搜索，一两个字也可以（如“局”“信访”）。" }
            form.big-search method="get" action="/search" {
                input type="search" name="q" placeholder="部门或地区名称" aria-label="部门或地区名称";
                button type="submit" { "搜索" }
            }
            h2 { "地区" }
            @if v.regions.is_empty() { p.muted { "尚无数据。" } }
            @else {
                table.data {
                    thead { tr { th { "地区" } th.fig { "部门数" } th.fig { "文件数" } th { "年度" } } }
                    tbody {
                        @for r in &v.regions {
                            tr {
                                td { a href={ "/regions/" (r.id) } { (r.name) } }
                                td.fig { (r.departments) }
                                td.fig { (r.disclosures) }
                                td { @if let (Some(a), Some(b)) = (r.first_year, r.last_year) { @if a == b { (a) } @else { (a) "–" (b) } } }
                            }
                        }
                    }
                }
            }
            h2 { "年度" }
            p.years {
                @for y in &v.years {
                    a href={ "/views/headline?year=" (y) } { (y) "年" } " "
                }
            }
            h2 { "最近导入" }
            ul.list {
                @for d in &v.latest {
                    li { (summary_line(d)) " " (counts(d)) " " span.muted { (d.imported_at) } }
                }
            }
        },
    )
}

pub fn search(v: &SearchView, viewer: &Viewer) -> Markup {
    layout(
        &format!("搜索：{}", v.q),
        viewer,
        html! {
            h1 { "搜索" }
            form.big-search method="get" action="/search" {
                input type="search" name="q" value=(v.q) aria-label="部门或地区名称";
                button type="submit" { "搜索" }
            }
            @if v.q.is_empty() { p.muted { "请输入部门或地区名称。" } }
            @else if v.hits.is_empty() { p { "没有名称含“" (v.q) "”的部门或地区。" } }
            @else {
                p { "名称含“" (v.q) "”的部门：" (v.hits.len()) " 个" }
                table.data {
                    thead { tr { th { "部门" } th { "地区" } th { "匹配" } th.fig { "文件数" } th { "最新年度" } } }
                    tbody {
                        @for h in &v.hits {
                            tr {
                                td { a href={ "/departments/" (h.department.id) } { (h.department.name) } }
                                td { a href={ "/regions/" (h.department.region_id) } { (h.department.region) } }
                                td { (h.matched) }
                                td.fig { (h.department.disclosures) }
                                td { @if let Some(y) = h.department.last_year { (y) } }
                            }
                        }
                    }
                }
            }
        },
    )
}

pub fn region(v: &RegionView, viewer: &Viewer) -> Markup {
    let r = &v.region;
    layout(
        &r.name,
        viewer,
        html! {
            h1 { (r.name) }
            p { (r.departments) " 个部门，" (r.disclosures) " 份公开文件。 "
                a href={ "/views/headline?region=" (enc(&r.name)) } { "本地区主要数据汇总" } " · "
                a href={ "/views/three-public?region=" (enc(&r.name)) } { "三公经费" } }
            table.data {
                thead { tr {
                    th { "部门" } th { "最新年度" } th.fig { "支出合计" } th.fig { "基本支出" } th.fig { "项目支出" }
                    th.fig { "三公经费" } th.fig { "机关运行经费" } th { "检查" }
                } }
                tbody {
                    @for d in &v.departments {
                        tr {
                            td { a href={ "/departments/" (d.department.id) } { (d.department.name) } }
                            @if let Some(l) = &d.latest {
                                td { a href={ "/disclosures/" (l.id) } { (l.year) "年" (l.kind) } }
                                td.fig { (wan(l.headline.total)) }
                                td.fig { (wan(l.headline.basic)) }
                                td.fig { (wan(l.headline.project)) }
                                td.fig { (wan(l.headline.three_public)) }
                                td.fig { (wan(l.headline.operating)) }
                                td { (counts(l)) }
                            } @else {
                                td colspan="7" { span.muted { "无公开文件" } }
                            }
                        }
                    }
                }
            }
            p.muted { "金额单位：万元" }
        },
    )
}

/// A small bar chart of one series, drawn as SVG.
fn series_chart(title: &str, points: &[(i64, Option<i64>)]) -> Markup {
    let width = 280.0_f64;
    let height = 110.0_f64;
    let (left, base, top) = (10.0, 84.0, 16.0);
    let max = points
        .iter()
        .filter_map(|(_, v)| *v)
        .max()
        .filter(|m| *m > 0)
        .unwrap_or(1) as f64;
    let n = points.len().max(1) as f64;
    let slot = (width - 2.0 * left) / n;
    let bar = (slot * 0.6).min(40.0);
    html! {
        figure.series {
            svg xmlns="http://www.w3.org/2000/svg" width=(width) height=(height)
                viewBox={ "0 0 " (width) " " (height) } role="img" aria-label=(title) {
                title { (title) }
                line x1=(left) y1=(base) x2=(width - left) y2=(base) stroke="#999" stroke-width="1" {}
                @for (i, (year, v)) in points.iter().enumerate() {
                    @let cx = left + slot * (i as f64 + 0.5);
                    @if let Some(v) = v {
                        @let h = (*v as f64 / max) * (base - top);
                        rect x=(format!("{:.1}", cx - bar / 2.0)) y=(format!("{:.1}", base - h))
                            width=(format!("{:.1}", bar)) height=(format!("{:.1}", h)) fill="#9b1c1c" {
                            title { (year) "年：" (wan(Some(*v))) " 万元" }
                        }
                        text x=(format!("{:.1}", cx)) y=(format!("{:.1}", base - h - 3.0)) font-size="9" text-anchor="middle" fill="#333" { (wan(Some(*v))) }
                    }
                    text x=(format!("{:.1}", cx)) y=(format!("{:.1}", base + 14.0)) font-size="10" text-anchor="middle" fill="#333" { (year) }
                }
            }
            figcaption { (title) "（万元）" }
        }
    }
}

pub fn department(v: &DepartmentView, viewer: &Viewer) -> Markup {
    let d = &v.department;
    type Pick = fn(&yusuan_store::Headline) -> Option<i64>;
    let series: [(&str, Pick); 5] = [
        ("支出合计", |h| h.total),
        ("基本支出", |h| h.basic),
        ("项目支出", |h| h.project),
        ("三公经费", |h| h.three_public),
        ("机关运行经费", |h| h.operating),
    ];
    layout(
        &d.name,
        viewer,
        html! {
            h1 { (d.name) }
            p { "地区：" a href={ "/regions/" (d.region_id) } { (d.region) }
                @if let Some(c) = &d.code { " · 部门代码：" (c) } }
            h2 { "历年主要数据（万元）" }
            table.data {
                thead { tr { th { "年度" } @for (name, _) in &series { th.fig { (name) } } th { "文件" } } }
                tbody {
                    @for y in &v.series {
                        tr {
                            td { (y.year) "年" (y.kind) }
                            @for (_, pick) in &series { td.fig { (wan(pick(&y.headline))) } }
                            td { a href={ "/disclosures/" (y.disclosure_id) } { "查看" } }
                        }
                    }
                }
            }
            @if !v.series.is_empty() {
                div.charts {
                    @for (name, pick) in &series {
                        @let points: Vec<(i64, Option<i64>)> = v.series.iter().map(|y| (y.year, pick(&y.headline))).collect();
                        (series_chart(name, &points))
                    }
                }
            }
            @if !v.comparisons.is_empty() {
                h2 { "逐年对比" }
                ul.list {
                    @for c in &v.comparisons {
                        li { a href={ "/compare?a=" (c.a) "&b=" (c.b) } { (c.label) } }
                    }
                }
            }
            h2 { "公开文件" }
            ul.list {
                @for x in &v.disclosures {
                    li { (summary_line(x)) " " (counts(x)) " " span.muted { (x.source_name) } }
                }
            }
        },
    )
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

/// A label without the ordinal the form prints before it (`一、`, `①`).
fn strip_ordinal(s: &str) -> &str {
    let t = s.trim();
    if let Some((head, rest)) = t.split_once('、') {
        if !head.is_empty() && head.chars().all(|c| "一二三四五六七八九十".contains(c)) {
            return rest.trim();
        }
    }
    let mut chars = t.chars();
    match chars.next() {
        Some(c) if ('①'..='⑳').contains(&c) => chars.as_str().trim(),
        _ => t,
    }
}

/// The grid column of a canonical column in a table of a kind, seen from
/// the label column a row was found in.
fn grid_column(t: &FormTable, kind: TableKind, label_col: usize, column: &str) -> Option<usize> {
    let columns = value_columns(kind);
    let pos = columns.iter().position(|c| c.name() == column);
    match kind {
        TableKind::BudgetSummary | TableKind::FiscalSummary => {
            if column == Column::Amount.name() {
                (label_col == 0).then_some(1)
            } else {
                pos.map(|p| 3 + p).filter(|_| label_col == 2)
            }
        }
        TableKind::StateCapital => {
            if column == Column::StateCapitalRevenue.name() {
                Some(2)
            } else {
                pos.map(|p| 5 + p)
            }
        }
        _ => {
            let first = t.kinds.iter().position(|k| *k == CellKind::Figure)?;
            pos.map(|p| first + p)
        }
    }
    .filter(|c| *c < t.columns)
}

/// Where in a printed table a finding points: body row and grid column.
fn locate(t: &FormTable, kind: TableKind, f: &Finding) -> Option<(usize, usize)> {
    let row = f.location.row.as_deref()?.trim();
    if row.is_empty() {
        return None;
    }
    for (i, r) in t.rows.iter().enumerate() {
        for (c, cell) in r.cells.iter().enumerate() {
            if t.kinds.get(c) == Some(&CellKind::Figure) {
                continue;
            }
            if cell.trim() == row || strip_ordinal(cell) == row {
                let col = f
                    .location
                    .column
                    .as_deref()
                    .and_then(|name| grid_column(t, kind, c, name))
                    .unwrap_or(c);
                return Some((i, col));
            }
        }
    }
    None
}

/// Where each finding links to, and the marks of the table cells.
struct Marks {
    /// Finding index → anchor.
    anchors: Vec<Option<String>>,
    /// (table, row, col) → finding indexes.
    cells: HashMap<(u8, usize, usize), Vec<usize>>,
}

fn marks(d: &Disclosure, tables: &[FormTable], findings: &[Finding]) -> Marks {
    let mut anchors = Vec::with_capacity(findings.len());
    let mut cells: HashMap<(u8, usize, usize), Vec<usize>> = HashMap::new();
    for (k, f) in findings.iter().enumerate() {
        let mut anchor = None;
        if let Some(n) = f.location.table {
            if let (Some(t), Some(kind)) = (
                tables.iter().find(|t| t.number == n),
                d.table_number(n).map(|t| t.kind),
            ) {
                anchor = Some(format!("table-{n}"));
                if let Some((r, c)) = locate(t, kind, f) {
                    anchor = Some(format!("cell-{n}-{r}-{c}"));
                    cells.entry((n, r, c)).or_default().push(k);
                }
            }
        }
        if anchor.is_none() {
            if let Some(section) = f.location.section.as_deref() {
                if let Some(i) = d
                    .sections
                    .iter()
                    .position(|s| section.contains(&s.title) || s.title.contains(section))
                {
                    anchor = Some(format!("section-{}", i + 1));
                }
            }
        }
        anchors.push(anchor);
    }
    Marks { anchors, cells }
}

fn finding_text(f: &Finding) -> String {
    let mut s = format!("[{}] {}", f.rule, f.message);
    if let Some(e) = &f.expected {
        s.push_str(&format!("；应为 {e}"));
    }
    if let Some(a) = &f.actual {
        s.push_str(&format!("；实为 {a}"));
    }
    s
}

fn findings_list(findings: &[Finding], anchors: &[Option<String>]) -> Markup {
    html! {
        @if findings.is_empty() { p { "未发现问题。" } }
        @else {
            ol.findings {
                @for (k, f) in findings.iter().enumerate() {
                    li id={ "finding-" (k + 1) } class=(severity_class(f.severity)) {
                        span.sev { (severity_word(f.severity)) } " "
                        code { (f.rule) } " "
                        (f.message)
                        @if let Some(e) = &f.expected { " · 应为 " (e) }
                        @if let Some(a) = &f.actual { " · 实为 " (a) }
                        @if let Some(anchor) = anchors.get(k).and_then(|a| a.as_ref()) {
                            " " a href={ "#" (anchor) } { "查看位置" }
                        }
                        @if let Some(line) = f.location.line { " " span.muted { "（原文第 " (line) " 行）" } }
                    }
                }
            }
        }
    }
}

pub fn disclosure(v: &DisclosureView, viewer: &Viewer) -> Markup {
    let s = &v.summary;
    let d = &v.disclosure;
    let tables = yusuan_render::form_tables(d);
    let m = marks(d, &tables, &v.findings);
    let title = format!("{} {}年部门{}公开", s.department, s.year, s.kind);
    layout(
        &title,
        viewer,
        html! {
            p.crumbs { a href={ "/regions/" (s.region_id) } { (s.region) } " › " a href={ "/departments/" (s.department_id) } { (s.department) } }
            h1 { (title) }
            dl.summary {
                dt { "文件" } dd { (s.source_name) "（" (s.source_format) "，" (s.source_size) " 字节）" }
                dt { "导入时间" } dd { (s.imported_at) }
                dt { "检查" } dd { (counts(s)) }
                dt { "支出合计" } dd { (wan(s.headline.total)) " 万元" }
                dt { "基本支出 / 项目支出" } dd { (wan(s.headline.basic)) " / " (wan(s.headline.project)) " 万元" }
                dt { "三公经费" } dd { (wan(s.headline.three_public)) " 万元" }
                dt { "机关运行经费" } dd { (wan(s.headline.operating)) " 万元" }
            }
            p.actions {
                @if let Some(p) = &v.previous {
                    a href={ "/disclosures/" (p.id) } { "‹ " (p.year) "年" } " · "
                    a href={ "/compare?a=" (p.id) "&b=" (s.id) } { "与" (p.year) "年对比" } " · "
                }
                @if let Some(n) = &v.next {
                    a href={ "/disclosures/" (n.id) } { (n.year) "年 ›" } " · "
                    a href={ "/compare?a=" (s.id) "&b=" (n.id) } { "与" (n.year) "年对比" } " · "
                }
                a href={ "/disclosures/" (s.id) "/facts.csv" } { "数据 CSV" } " · "
                a href={ "/disclosures/" (s.id) "/facts.xlsx" } { "数据 XLSX" } " · "
                a href={ "/disclosures/" (s.id) "/source" } { "原始文件" } " · "
                a href={ "/api/disclosures/" (s.id) } { "JSON" }
            }
            @if !v.others.is_empty() {
                form.inline method="get" action="/compare" {
                    input type="hidden" name="a" value=(s.id);
                    label { "与其他文件对比： "
                        select name="b" {
                            @for o in &v.others { option value=(o.id) { (o.department) " " (o.year) "年" (o.kind) } }
                        }
                    }
                    " " button type="submit" { "对比" }
                }
            }
            @if viewer.name().is_some() {
                div.admin {
                    form.inline method="post" action={ "/disclosures/" (s.id) "/reimport" } {
                        input type="hidden" name="csrf" value=(viewer.csrf());
                        button type="submit" { "重新读取" }
                    }
                    " "
                    form.inline method="post" action={ "/disclosures/" (s.id) "/delete" } {
                        input type="hidden" name="csrf" value=(viewer.csrf());
                        button.danger type="submit" { "删除" }
                    }
                }
            }
            nav.toc {
                h2 { "目录" }
                ol {
                    li { a href="#findings" { "检查发现（" (v.findings.len()) "）" } }
                    li { a href="#part-1" { "第一部分 概况" } }
                    li { a href="#part-2" { "第二部分 报表" }
                        ol { @for t in &tables { li { a href={ "#table-" (t.number) } { (t.caption) " " (t.title) } } } } }
                    li { a href="#part-3" { "第三部分 情况说明" } }
                    @if !d.glossary.is_empty() { li { a href="#part-4" { "第四部分 名词解释" } } }
                }
            }
            section #findings {
                h2 { "检查发现" }
                (findings_list(&v.findings, &m.anchors))
            }
            section.part #part-1 {
                h2 { "第一部分 概况" }
                h3 { "一、本部门职责" }
                @for p in &d.overview.duties { p { (p) } }
                h3 { "二、机构设置情况" }
                @for p in &d.overview.organisation { p { (p) } }
            }
            section.part #part-2 {
                h2 { "第二部分 报表" }
                @for t in &tables {
                    @let n = t.number;
                    @let mark = |r: usize, c: usize| -> Option<CellMark> {
                        let ks = m.cells.get(&(n, r, c))?;
                        let worst = ks.iter().map(|k| v.findings[*k].severity).max()?;
                        Some(CellMark {
                            class: format!("flag {}", severity_class(worst)),
                            title: ks.iter().map(|k| finding_text(&v.findings[*k])).collect::<Vec<_>>().join("\n"),
                            id: Some(format!("cell-{n}-{r}-{c}")),
                        })
                    };
                    (PreEscaped(without_colgroup(form_table_html_marked(t, &mark))))
                    p.downloads {
                        "下载本表："
                        a href={ "/disclosures/" (s.id) "/tables/" (n) ".csv" } { "CSV" } " · "
                        a href={ "/disclosures/" (s.id) "/tables/" (n) ".xlsx" } { "XLSX" }
                    }
                }
            }
            section.part #part-3 {
                h2 { "第三部分 情况说明" }
                @for (i, sec) in d.sections.iter().enumerate() {
                    section.prose id={ "section-" (i + 1) } {
                        h3 { (chinese_numeral(sec.number as usize)) "、" (sec.title) }
                        @for p in &sec.paragraphs { p { (p.text) } }
                        @if sec.kind == yusuan_core::model::SectionKind::GeneralPublic {
                            @if let Some(fig) = yusuan_render::chart::structure_figure(d) { (PreEscaped(fig)) }
                        }
                        @if sec.kind == yusuan_core::model::SectionKind::ThreePublic {
                            @if let Some(fig) = yusuan_render::chart::three_public_figure(d) { (PreEscaped(fig)) }
                        }
                    }
                }
                (PreEscaped(targets_html(d)))
            }
            @if !d.glossary.is_empty() {
                section.part #part-4 {
                    h2 { "第四部分 名词解释" }
                    dl.glossary {
                        @for (i, g) in d.glossary.iter().enumerate() {
                            dt { (chinese_numeral(i + 1)) "、" (g.term) }
                            dd { (g.definition) }
                        }
                    }
                }
            }
        },
    )
}

/// A printed table without its `<colgroup>`: the report's widths are
/// inline styles, which this site's Content-Security-Policy refuses.
fn without_colgroup(mut html: String) -> String {
    if let (Some(a), Some(b)) = (html.find("<colgroup>"), html.find("</colgroup>")) {
        if a < b {
            html.replace_range(a..b + "</colgroup>".len(), "");
        }
    }
    html
}

fn status_word(s: &str) -> &'static str {
    match s {
        "changed" => "有变化",
        "only-a" => "仅甲有",
        "only-b" => "仅乙有",
        _ => "相同",
    }
}

fn compare_rows(rows: &[&CompareRow]) -> Markup {
    html! {
        table.data.compare {
            thead { tr { th { "表" } th { "科目编码" } th { "项目" } th { "栏目" } th.fig { "甲" } th.fig { "乙" } th.fig { "差额（乙−甲）" } th { "" } } }
            tbody {
                @for r in rows {
                    tr class=(r.status) {
                        td { (r.table) } td.code { (r.row_code) } td { (r.row_label) } td { (r.column) }
                        td.fig { @if let Some(a) = &r.a { (a) } }
                        td.fig { @if let Some(b) = &r.b { (b) } }
                        td.fig.diff { @if let Some(d) = &r.difference { (d) } }
                        td { (status_word(&r.status)) }
                    }
                }
            }
        }
    }
}

pub fn compare(v: &CompareView, viewer: &Viewer) -> Markup {
    let differing: Vec<&CompareRow> = v.rows.iter().filter(|r| r.status != "same").collect();
    let same: Vec<&CompareRow> = v.rows.iter().filter(|r| r.status == "same").collect();
    let kind = if v.a.department_id == v.b.department_id {
        "同一部门逐年对比"
    } else {
        "两个部门对比"
    };
    layout(
        "对比",
        viewer,
        html! {
            h1 { "对比：" (kind) }
            table.data {
                thead { tr { th { "" } th { "部门" } th { "年度" } th.fig { "支出合计" } th.fig { "三公经费" } } }
                tbody {
                    tr { th { "甲" } td { (summary_line(&v.a)) } td { (v.a.year) } td.fig { (wan(v.a.headline.total)) } td.fig { (wan(v.a.headline.three_public)) } }
                    tr { th { "乙" } td { (summary_line(&v.b)) } td { (v.b.year) } td.fig { (wan(v.b.headline.total)) } td.fig { (wan(v.b.headline.three_public)) } }
                }
            }
            form.inline method="get" action="/compare" {
                input type="hidden" name="a" value=(v.a.id);
                label { "换一个乙： "
                    select name="b" {
                        @for o in &v.candidates {
                            option value=(o.id) selected[o.id == v.b.id] { (o.department) " " (o.year) "年" (o.kind) }
                        }
                    }
                }
                " " button type="submit" { "对比" }
            }
            p { "有变化 " strong { (v.changed) } " 项，仅甲有 " strong { (v.only_a) } " 项，仅乙有 " strong { (v.only_b) } " 项，相同 " (v.same) " 项。 "
                a href={ "/api/compare?a=" (v.a.id) "&b=" (v.b.id) } { "JSON" } }
            @if differing.is_empty() { p { "两份文件的数据完全相同。" } }
            @else { (compare_rows(&differing)) }
            @if !same.is_empty() {
                details {
                    summary { "相同的 " (same.len()) " 项" }
                    (compare_rows(&same))
                }
            }
        },
    )
}

fn view_link(v: &ViewResult, sort: Option<usize>, dir: &str, format: Option<&str>) -> String {
    view_page_link(v, sort, dir, format, None)
}

fn view_page_link(
    v: &ViewResult,
    sort: Option<usize>,
    dir: &str,
    format: Option<&str>,
    page: Option<usize>,
) -> String {
    let mut q = Vec::new();
    if let Some(r) = &v.region {
        q.push(format!("region={}", enc(r)));
    }
    if let Some(y) = v.year {
        q.push(format!("year={y}"));
    }
    if let Some(s) = sort {
        q.push(format!("sort={s}"));
        q.push(format!("dir={dir}"));
    }
    if let Some(f) = format {
        q.push(format!("format={f}"));
    }
    if let Some(p) = page {
        q.push(format!("page={p}"));
    }
    format!("/views/{}?{}", v.view, q.join("&"))
}

/// 上一页 · 第 N / M 页（共 R 行）· 下一页, when there is more than one page.
fn view_pager(v: &ViewResult) -> Markup {
    let page = v.page.unwrap_or(1);
    let link = |p: usize| view_page_link(v, v.sort, &v.dir, None, Some(p));
    html! {
        p.pager {
            "共 " (v.total_rows) " 行"
            @if v.pages > 1 {
                "，第 " (page) " / " (v.pages) " 页 "
                @if page > 1 { a href=(link(1)) { "首页" } " " a href=(link(page - 1)) rel="prev" { "上一页" } " " }
                @if page < v.pages { a href=(link(page + 1)) rel="next" { "下一页" } " " a href=(link(v.pages)) { "末页" } }
            }
        }
    }
}

pub fn view(v: &ViewResult, viewer: &Viewer) -> Markup {
    let r = &v.result;
    let linked = matches!(v.view.as_str(), "headline" | "three-public");
    layout(
        &r.title,
        viewer,
        html! {
            h1 { (r.title) }
            p.tabs { @for (name, title) in VIEWS { a href={ "/views/" (name) } class=[(name == v.view).then_some("current")] { (title) } " " } }
            form.filters method="get" action={ "/views/" (v.view) } {
                @if v.view != "regions" {
                    label { "地区 "
                        select name="region" {
                            option value="" { "全部" }
                            @for name in &v.regions { option value=(name) selected[v.region.as_deref() == Some(name.as_str())] { (name) } }
                        }
                    }
                    " "
                }
                label { "年度 "
                    select name="year" {
                        option value="" { "全部" }
                        @for y in &v.years { option value=(y) selected[v.year == Some(*y)] { (y) } }
                    }
                }
                " " button type="submit" { "筛选" }
            }
            p.downloads {
                "下载："
                a href=(view_link(v, v.sort, &v.dir, Some("csv"))) { "CSV" } " · "
                a href=(view_link(v, v.sort, &v.dir, Some("xlsx"))) { "XLSX" } " · "
                a href=(format!("/api{}", view_link(v, v.sort, &v.dir, None))) { "JSON" }
            }
            @if r.rows.is_empty() { p.muted { "没有数据。" } }
            @else {
                (view_pager(v))
                div.scroll { table.data.sortable {
                    thead { tr {
                        @for (i, c) in r.columns.iter().enumerate() {
                            @let current = v.sort == Some(i);
                            @let next = if current && v.dir == "asc" { "desc" } else { "asc" };
                            th {
                                a href=(view_link(v, Some(i), next, None)) title="点击排序" {
                                    (c)
                                    @if current { @if v.dir == "asc" { " ▲" } @else { " ▼" } }
                                }
                            }
                        }
                    } }
                    tbody {
                        @for row in &r.rows {
                            tr {
                                @for (i, cell) in row.iter().enumerate() {
                                    @let numeric = matches!(cell, QueryValue::Int(_) | QueryValue::Wan(_));
                                    td class=[numeric.then_some("fig")] {
                                        @if linked && i == 0 {
                                            a href={ "/disclosures/" (cell.text()) } { (cell.text()) }
                                        } @else if linked && i == 2 {
                                            @if let QueryValue::Int(id) = &row[0] { a href={ "/disclosures/" (id) } { (cell.text()) } } @else { (cell.text()) }
                                        } @else {
                                            (cell.text())
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @if v.totals.iter().any(Option::is_some) {
                        tfoot { tr {
                            @for (i, t) in v.totals.iter().enumerate() {
                                @if i == 0 { th { "合计（全部 " (v.total_rows) " 行）" } }
                                @else { td class=[t.is_some().then_some("fig")] { @if let Some(t) = t { (t) } } }
                            }
                        } }
                    }
                } }
                @if v.pages > 1 { (view_pager(v)) }
            }
        },
    )
}

pub fn audit(v: &AuditView, viewer: &Viewer) -> Markup {
    layout(
        "审计日志",
        viewer,
        html! {
            h1 { "审计日志" }
            table.data {
                thead { tr { th { "时间" } th { "用户" } th { "操作" } th { "对象" } th { "说明" } } }
                tbody {
                    @for e in &v.entries {
                        tr { td { (e.at) } td { (e.actor) } td { (e.action) }
                             td { @if let Some(id) = e.target.strip_prefix("disclosure/") { a href={ "/disclosures/" (id) } { (e.target) } } @else { (e.target) } }
                             td { (e.detail) } }
                    }
                }
            }
        },
    )
}

pub fn signin(viewer: &Viewer, csrf: &str, next: &str, error: Option<&str>) -> Markup {
    layout(
        "登录",
        viewer,
        html! {
            h1 { "登录" }
            p { "浏览无需登录；上传、删除、重新读取需要登录。" }
            @if let Some(e) = error { p.error { (e) } }
            form.stack method="post" action="/signin" {
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="next" value=(next);
                label { "用户名" input type="text" name="name" autocomplete="username" required; }
                label { "密码" input type="password" name="password" autocomplete="current-password" required; }
                button type="submit" { "登录" }
            }
        },
    )
}

pub fn upload_form(viewer: &Viewer, max_mb: u64) -> Markup {
    layout(
        "上传",
        viewer,
        html! {
            h1 { "上传公开文件" }
            p { "支持文本、PDF、XLSX、XLS、DOCX、HTML 格式，上限 " (max_mb) " MB。文件会被读取、检查并存入库中。" }
            form.stack method="post" action="/upload" enctype="multipart/form-data" {
                input type="hidden" name="csrf" value=(viewer.csrf());
                label { "文件" input type="file" name="file" required; }
                button type="submit" { "上传并检查" }
            }
        },
    )
}

pub fn upload_result(v: &UploadView, viewer: &Viewer) -> Markup {
    let s = &v.summary;
    let by = |sev: Severity| v.findings.iter().filter(|f| f.severity == sev).count();
    let anchors: Vec<Option<String>> = vec![None; v.findings.len()];
    layout(
        "上传结果",
        viewer,
        html! {
            h1 { "上传结果" }
            @if v.outcome == "unchanged" {
                p.notice { "此文件已在库中，未重复存入：" a href={ "/disclosures/" (s.id) } { (s.department) " " (s.year) "年" (s.kind) } }
            } @else {
                p.notice { "已存入：" a href={ "/disclosures/" (s.id) } { (s.department) " " (s.year) "年" (s.kind) } }
            }
            h2 { "检查报告" }
            p { "错误 " strong { (by(Severity::Error)) } " 项，警告 " strong { (by(Severity::Warning)) } " 项，提示 " strong { (by(Severity::Info)) } " 项。" }
            @for sev in [Severity::Error, Severity::Warning, Severity::Info] {
                @let these: Vec<Finding> = v.findings.iter().filter(|f| f.severity == sev).cloned().collect();
                @if !these.is_empty() {
                    h3 { (severity_word(sev)) }
                    (findings_list(&these, &anchors))
                }
            }
            p { a href={ "/disclosures/" (s.id) } { "查看公开文件及其标注 ›" } }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_strip() {
        assert_eq!(strip_ordinal("一、一般公共预算"), "一般公共预算");
        assert_eq!(strip_ordinal("①公务用车购置费"), "公务用车购置费");
        assert_eq!(strip_ordinal("合计"), "合计");
    }

    #[test]
    fn encodes_queries() {
        assert_eq!(enc("晋城市 a&b"), "%E6%99%8B%E5%9F%8E%E5%B8%82%20a%26b");
    }
}
