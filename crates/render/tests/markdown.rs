//! The Markdown writer on the real seeds.

mod common;

use yusuan_render::write_markdown;

#[test]
fn jincheng_markdown_snapshot() {
    let d = common::seed(common::JINCHENG);
    insta::assert_snapshot!("jincheng_markdown", write_markdown(&d));
}

#[test]
fn every_figure_and_part_is_in_the_markdown() {
    for (name, d) in common::seeds() {
        let md = write_markdown(&d);
        for fact in d.facts() {
            assert!(
                md.contains(&format!("| {} |", fact.value))
                    || md.contains(&format!("| **{}** |", fact.value)),
                "{name}: {fact:?} not in a table cell"
            );
        }
        for part in [
            "第一部分 概况",
            "第二部分",
            "第三部分",
            "第四部分 名词解释",
            "## 目录",
        ] {
            assert!(md.contains(part), "{name}: no {part}");
        }
        for t in &d.tables {
            let anchor = format!("<a id=\"table-{}\"></a>", t.number);
            assert!(md.contains(&anchor), "{name}: no {anchor}");
            assert!(md.contains(&format!("](#table-{})", t.number)));
        }
        // The multi-level header is flattened into one row.
        assert!(md.contains("本年收入/一般公共预算"), "{name}");
        for g in &d.glossary {
            assert!(
                md.contains(&g.term.replace('*', "\\*")),
                "{name}: {}",
                g.term
            );
        }
    }
}

#[test]
fn targets_follow_the_performance_section() {
    let d = common::seed(common::JINCHENG);
    assert!(!d.targets.is_empty());
    let md = write_markdown(&d);
    let section = md.find("### 十、").expect("section 十");
    let next = md.find("### 十一、").expect("section 十一");
    let targets = md.find("### 绩效目标表").expect("targets");
    assert!(section < targets && targets < next);
    for t in &d.targets {
        assert!(md.contains(&format!(
            "#### 项目支出绩效目标申报表：{}",
            t.project.replace('*', "\\*")
        )));
    }
    assert!(md.contains("| 一级指标 | 二级指标 | 三级指标 | 指标值 |"));
}

#[test]
fn pipes_and_html_in_labels_are_escaped() {
    let mut d = common::seed(common::JINCHENG);
    d.meta.department = "<script>alert(1)</script>".into();
    let t3 = d.tables.iter_mut().find(|t| t.number == 3).unwrap();
    t3.rows[1].label = "一般|公共服务支出".into();
    let md = write_markdown(&d);
    assert!(!md.contains("<script"));
    assert!(md.contains("一般\\|公共服务支出"));
    // Every table row still has as many cells as its header.
    let line = md
        .lines()
        .find(|l| l.contains("一般\\|公共服务支出"))
        .unwrap();
    assert_eq!(line.matches(" | ").count(), 4, "{line}");
}
