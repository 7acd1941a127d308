//! The HTML writer on the real seeds: every figure printed, every text
//! escaped, the charts' shares exact, nothing fetched from elsewhere.

mod common;

use rust_decimal::Decimal;
use yusuan_core::model::TableKind;
use yusuan_render::chart::{general_public_structure, three_public_items, NO_THREE_PUBLIC};
use yusuan_render::write_html;

/// Writes the page where a person can open it (`CARGO_TARGET_TMPDIR`).
fn keep(name: &str, html: &str) {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(path, html).unwrap();
}

/// The text of the element that starts with `open` up to its `close`.
fn element<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html.find(open).unwrap_or_else(|| panic!("no {open}"));
    let end = start + html[start..].find(close).unwrap() + close.len();
    &html[start..end]
}

/// The percentages a chart prints in its legend (`>77.70%</text>`).
fn legend_percentages(svg: &str) -> Vec<Decimal> {
    svg.split("%</text>")
        .filter_map(|piece| piece.rsplit('>').next())
        .filter_map(|p| p.parse::<Decimal>().ok())
        .collect()
}

#[test]
fn jincheng_html_snapshot() {
    let d = common::seed(common::JINCHENG);
    let html = write_html(&d);
    keep("jincheng.html", &html);
    keep("fenyang.html", &write_html(&common::seed(common::FENYANG)));
    insta::assert_snapshot!("jincheng_html", html);
}

#[test]
fn every_figure_is_printed_in_a_cell() {
    for (name, d) in common::seeds() {
        let html = write_html(&d);
        for fact in d.facts() {
            assert!(
                html.contains(&format!("<td class=\"fig\">{}</td>", fact.value)),
                "{name}: {fact:?} not in a figure cell"
            );
        }
        for t in &d.tables {
            let id = format!("id=\"table-{}\"", t.number);
            assert!(html.contains(&id), "{name}: no {id}");
            assert!(html.contains(&format!("<p class=\"caption\">预算公开表{}</p>", t.number)));
            assert!(html.contains(&format!("href=\"#table-{}\"", t.number)));
        }
        let notes = d.tables.iter().filter(|t| t.empty_note).count();
        assert_eq!(
            html.matches("<p class=\"note\">注：本表无数据</p>").count(),
            notes,
            "{name}"
        );
        assert_eq!(
            html.matches("<span>单位：万元</span>").count(),
            d.tables.len()
        );
        assert_eq!(
            html.matches(&format!("<span>部门名称：{}</span>", d.meta.department))
                .count(),
            d.tables.len()
        );
    }
}

#[test]
fn the_document_is_self_contained_and_printable() {
    let html = write_html(&common::seed(common::FENYANG));
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    for external in ["<script", "<link", "src=", "url(", "@import", "https:"] {
        assert!(!html.contains(external), "{external}");
    }
    // The only absolute URL is the SVG namespace.
    assert_eq!(
        html.matches("http://").count(),
        html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
    );
    for css in [
        "@page { size: A4 portrait;",
        "@page wide { size: A4 landscape;",
        "thead { display: table-header-group; }",
        "page: wide;",
        "font-variant-numeric: tabular-nums",
        r#""Noto Serif CJK SC","Noto Sans CJK SC","Source Han Serif SC","SimSun","Songti SC",serif"#,
    ] {
        assert!(html.contains(css), "no `{css}`");
    }
    // The official header with its spans; a wide table on a landscape page.
    assert!(html.contains("<th scope=\"colgroup\" colspan=\"6\">本年收入</th>"));
    assert!(html.contains("<th scope=\"col\" rowspan=\"2\">上年结转</th>"));
    assert!(html.contains("<section class=\"form-table landscape\" id=\"table-2\""));
    assert!(html.contains("<tr class=\"total\">"));
}

#[test]
fn text_from_the_document_is_escaped() {
    let mut d = common::seed(common::JINCHENG);
    let evil = "<script>alert(1)</script>";
    d.meta.department = evil.into();
    d.tables[2].rows[1].label = format!("一般公共服务支出{evil}");
    d.sections[0].paragraphs[0].text = format!("\"'&{evil}");
    d.glossary[0].term = evil.into();
    d.targets[0].project = evil.into();
    let html = write_html(&d);
    assert!(!html.to_lowercase().contains("<script"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&#39;&amp;&lt;script&gt;"));
}

#[test]
fn structure_chart_shares_are_exact_and_sum_to_100() {
    for (name, d) in common::seeds() {
        let shares = general_public_structure(&d);
        assert!(!shares.is_empty(), "{name}");
        let t5 = d.table(TableKind::GeneralPublicExpenditure).unwrap();
        let sum: Decimal = shares.iter().map(|s| s.amount.value).sum();
        for s in &shares {
            // Each share is the exact quotient rounded half away from zero.
            let exact = s.amount.value * Decimal::ONE_HUNDRED / sum;
            assert!(
                (exact - s.percent).abs() <= Decimal::new(5, 3),
                "{name}: {s:?}"
            );
            assert_eq!(
                t5.row_by_code(s.code.as_deref().unwrap(), None)
                    .and_then(|r| r.get(yusuan_core::model::Column::Total)),
                Some(&s.amount)
            );
        }
        let html = write_html(&d);
        let svg = element(&html, "<svg id=\"chart-structure\"", "</svg>");
        let printed = legend_percentages(svg);
        assert_eq!(printed.len(), shares.len(), "{name}");
        let total: Decimal = printed.iter().sum();
        assert!(
            (total - Decimal::ONE_HUNDRED).abs() <= Decimal::new(1, 2),
            "{name}: shares sum to {total}"
        );
        for s in &shares {
            assert!(svg.contains(&format!(">{}万元</text>", s.amount.printed())));
        }
    }
    // Jincheng's prose states 77.70% for 一般公共服务支出.
    let d = common::seed(common::JINCHENG);
    let general = general_public_structure(&d);
    assert_eq!(general[0].label, "一般公共服务支出");
    assert_eq!(general[0].percent.to_string(), "77.70");
}

#[test]
fn charts_sit_in_their_sections() {
    let d = common::seed(common::JINCHENG);
    let html = write_html(&d);
    let five = html.find("<h3>五、").unwrap();
    let six = html.find("<h3>六、").unwrap();
    let seven = html.find("<h3>七、").unwrap();
    let eight = html.find("<h3>八、").unwrap();
    let structure = html.find("<svg id=\"chart-structure\"").unwrap();
    let three = html.find("<svg id=\"chart-three-public\"").unwrap();
    assert!(five < structure && structure < six);
    assert!(seven < three && three < eight);
    // Four bars: 出国, 接待, 购置, 运行维护 (not their subtotal).
    let bars = three_public_items(&d).unwrap();
    assert_eq!(
        bars.iter().map(|b| b.label.as_str()).collect::<Vec<_>>(),
        [
            "因公出国（境）费",
            "公务接待费",
            "公务用车购置费",
            "公务用车运行维护费"
        ]
    );
    assert_eq!(bars[3].amount.printed(), "2.55");
    assert_eq!(bars[0].amount.printed(), "0.00");

    // Without sections the charts follow tables 5 and 10.
    let mut bare = d.clone();
    bare.sections.clear();
    let html = write_html(&bare);
    let t5 = html.find("id=\"table-5\"").unwrap();
    let t6 = html.find("id=\"table-6\"").unwrap();
    let structure = html.find("<svg id=\"chart-structure\"").unwrap();
    assert!(t5 < structure && structure < t6);
}

#[test]
fn no_three_public_expenses_is_a_note_not_an_empty_chart() {
    let mut d = common::seed(common::JINCHENG);
    let t10 = d
        .tables
        .iter_mut()
        .find(|t| t.kind == TableKind::ThreePublic)
        .unwrap();
    for r in &mut t10.rows {
        r.cells.clear();
    }
    let html = write_html(&d);
    assert!(!html.contains("<svg id=\"chart-three-public\""));
    assert!(html.contains(&format!("<p class=\"chart-note\">{NO_THREE_PUBLIC}</p>")));
}
