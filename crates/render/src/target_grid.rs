//! The grid of a 项目支出绩效目标表, shared by every writer (text, HTML, XLSX
//! and the PDF writer), so that every format prints the same cells in the
//! same places and reads back to the same targets.
//!
//! The grid has eight columns, in the positions of the usual form:
//!
//! ```text
//!  0            1              2       3       4             5       6       7
//!  项目名称      ·              project ·       ·             ·       ·       ·
//!  主管部门及代码 ·              owner   ·       实施单位       ·       unit    ·
//!  项目属性      ·              经常性项目 ·     项目期         ·       period  ·
//!  项目资金(元)  实施期资金总额: 1,000   ·       年度资金总额:   1,000   ·       ·
//!  ↓            其中:中央财政资金 …     ·       其中:中央财政资金 …     ·       ·
//!  项目概况      ·              text    ·       ·             ·       ·       ·
//!  ·            ·              实施期目标 ·     年度目标       ·       ·       ·
//!  总体目标      ·              goal    ·       goal          ·       ·       ·
//!  绩效指标      一级指标        二级指标 三级指标 指标值         二级指标 三级指标 指标值
//!  ↓            产出指标        数量指标 …       …             数量指标 …       …
//! ```
//!
//! (`·` a position covered by the span of the cell to its left, `↓` one
//! covered by the cell above): label, value, label, value; the indicator
//! grid with the 实施期 half left and the 年度 half right. A word
//! processor's text prints each cell's text at its first position and
//! nothing where a span continues ([`TargetGrid::flat_rows`]); HTML prints
//! `colspan`/`rowspan`, a spreadsheet merged ranges, the PDF spanning cells.
//! Above the grid stand the form's heading, which states the region and
//! level ([`target_heading`]), and the year line.
//!
//! The department-wide table (部门（单位）整体支出绩效目标申报表) has a grid
//! of its own on the same eight columns ([`department_target_grid`]):
//!
//! ```text
//!  0            1              2       3          4            5   6          7
//!  部门名称      ·              name    ·          ·            ·   ·          ·
//!  年度预算情况   按资金来源划分    ·       资金总额(万元) 按资金方向划分   ·   资金总额(万元) ·
//!  ↓            合计            ·       484.55     合计           ·   484.55     ·
//!  ↓            其中:一般公共预算资金 ·    484.55     其中:基本支出    ·   164.37     ·
//!  年度绩效目标   ·              goal    ·          ·            ·   ·          ·
//!  年度绩效指标   一级指标        二级指标 三级指标     ·            ·   ·          指标值
//!  ↓            产出指标        数量指标 项目数量     ·            ·   ·          8个
//! ```

use crate::target_text::grouped;
use yusuan_core::amount::Amount;
use yusuan_core::model::{
    DepartmentTarget, FundsBySource, IndicatorTree, Level, Metadata, PerformanceTarget,
    ProjectAttribute,
};

/// The number of columns of the grid.
pub const COLUMNS: usize = 8;

/// Relative widths of the grid's columns, about a character each: the
/// value columns (指标值, the 年度 amounts) wide enough for `53.643888万元`
/// on one line.
pub const WIDTHS: [u16; COLUMNS] = [5, 6, 6, 8, 9, 6, 8, 9];

/// What a cell holds, for how a writer prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetCellKind {
    /// A field name or a heading of the grid: bold, centred on grey.
    Label,
    /// Running text (project name, overview, goals): left-aligned, wrapped.
    Text,
    /// An amount in 元: right-aligned.
    Figure,
    /// Short text, centred (the names of the fund sources, indicator levels).
    Centre,
}

/// One cell of the grid with its position and spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetCell {
    pub text: String,
    /// The first column, 0-based.
    pub col: usize,
    pub colspan: usize,
    pub rowspan: usize,
    pub kind: TargetCellKind,
    /// The amount of a [`TargetCellKind::Figure`] cell, for writers that
    /// store figures as numbers.
    pub amount: Option<Amount>,
}

/// A target table as a grid (a project's or the department-wide one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetGrid {
    /// The form's heading, `汾阳市县(区)级预算部门（单位）项目支出绩效目标表`.
    pub heading: String,
    /// `(2024年度)`.
    pub year: String,
    /// The project's name (the department's, of the department-wide table).
    pub project: String,
    /// Relative column widths (about a character each).
    pub widths: [u16; COLUMNS],
    /// The rows, each with the cells that start in it, left to right; the
    /// positions a span from above covers have no cell.
    pub rows: Vec<Vec<TargetCell>>,
}

impl TargetGrid {
    /// The rows as a word processor's text prints them: each cell's text at
    /// its first position, `""` where a span continues, trailing empty
    /// cells left out.
    pub fn flat_rows(&self) -> Vec<Vec<String>> {
        self.rows
            .iter()
            .map(|row| {
                let mut cells = vec![String::new(); COLUMNS];
                for c in row {
                    cells[c.col] = c.text.clone();
                }
                while cells.last().is_some_and(|c| c.is_empty()) {
                    cells.pop();
                }
                cells
            })
            .collect()
    }
}

/// The heading of a target table: the form's own
/// (`汾阳市县(区)级预算部门（单位）项目支出绩效目标表`), which is where a
/// disclosure states its region and level, when both are known.
pub fn target_heading(meta: &Metadata) -> String {
    let level = match meta.level {
        Some(Level::Provincial) => Some("省级"),
        Some(Level::City) => Some("市级"),
        Some(Level::County) => Some("县(区)级"),
        _ => None,
    };
    match (&meta.region, level) {
        (Some(region), Some(level)) if !region.is_empty() => {
            format!("{region}{level}预算部门（单位）项目支出绩效目标表")
        }
        _ => format!("{}项目支出绩效目标申报表", meta.department),
    }
}

/// The heading of the department-wide target table: the form's own
/// (`汾阳市县(区)级预算部门（单位）整体支出绩效目标申报表`) when the region
/// and level are known, as [`target_heading`].
pub fn department_target_heading(meta: &Metadata) -> String {
    let heading = target_heading(meta);
    match heading.strip_suffix("项目支出绩效目标表") {
        Some(head) => format!("{head}整体支出绩效目标申报表"),
        None => format!("{}整体支出绩效目标申报表", meta.department),
    }
}

/// The indicator leaves of a tree, each with its 一级 and 二级; a group
/// without indicators still takes a row, as the form prints 生态效益指标
/// with nothing under it.
fn leaves(trees: &[IndicatorTree]) -> Vec<[String; 4]> {
    let mut out = Vec::new();
    for t in trees {
        for g in &t.groups {
            if g.indicators.is_empty() {
                out.push([t.name.clone(), g.name.clone(), String::new(), String::new()]);
            }
            for i in &g.indicators {
                out.push([
                    t.name.clone(),
                    g.name.clone(),
                    i.name.clone(),
                    i.value.text.clone(),
                ]);
            }
        }
    }
    out
}

/// Builds the rows of a grid.
#[derive(Default)]
struct Rows {
    rows: Vec<Vec<TargetCell>>,
}

impl Rows {
    fn row(&mut self) -> &mut Self {
        self.rows.push(Vec::new());
        self
    }

    fn cell(
        &mut self,
        col: usize,
        colspan: usize,
        rowspan: usize,
        kind: TargetCellKind,
        text: &str,
    ) -> &mut Self {
        if let Some(row) = self.rows.last_mut() {
            row.push(TargetCell {
                text: text.to_string(),
                col,
                colspan: colspan.max(1),
                rowspan: rowspan.max(1),
                kind,
                amount: None,
            });
        }
        self
    }

    fn label(&mut self, col: usize, colspan: usize, text: &str) -> &mut Self {
        self.cell(col, colspan, 1, TargetCellKind::Label, text)
    }

    fn text(&mut self, col: usize, colspan: usize, text: &str) -> &mut Self {
        self.cell(col, colspan, 1, TargetCellKind::Text, text)
    }

    fn centre(&mut self, col: usize, colspan: usize, text: &str) -> &mut Self {
        self.cell(col, colspan, 1, TargetCellKind::Centre, text)
    }

    fn figure(&mut self, col: usize, colspan: usize, a: Option<&Amount>) -> &mut Self {
        self.cell(
            col,
            colspan,
            1,
            TargetCellKind::Figure,
            &a.map(grouped).unwrap_or_default(),
        );
        if let Some(c) = self.rows.last_mut().and_then(|r| r.last_mut()) {
            c.amount = a.copied();
        }
        self
    }
}

/// The grid of one project's target table.
pub fn target_grid(t: &PerformanceTarget, meta: &Metadata) -> TargetGrid {
    let department = meta.department.as_str();
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let attribute = match t.attribute {
        Some(ProjectAttribute::Recurring) => "经常性项目",
        Some(ProjectAttribute::OneOff) => "一次性项目",
        None => "",
    };
    let owner = match &t.department_code {
        Some(code) => format!("{code}-{}", t.department.as_deref().unwrap_or(department)),
        None => t
            .department
            .clone()
            .unwrap_or_else(|| department.to_string()),
    };
    let mut r = Rows::default();
    r.row().label(0, 2, "项目名称").text(2, 6, &t.project);
    r.row()
        .label(0, 2, "主管部门及代码")
        .text(2, 2, &owner)
        .label(4, 2, "实施单位")
        .text(6, 2, &text(&t.implementing_unit));
    r.row()
        .label(0, 2, "项目属性")
        .text(2, 2, attribute)
        .label(4, 2, "项目期")
        .text(6, 2, &text(&t.period));

    let (p, a): (&FundsBySource, &FundsBySource) = (&t.period_funds, &t.annual_funds);
    let sources: Vec<_> = p.named().into_iter().zip(a.named()).collect();
    r.row()
        .cell(
            0,
            1,
            sources.len() + 1,
            TargetCellKind::Label,
            "项目资金(元)",
        )
        .centre(1, 1, "实施期资金总额:")
        .figure(2, 2, p.total.as_ref())
        .centre(4, 1, "年度资金总额:")
        .figure(5, 3, a.total.as_ref());
    for (i, ((name, period), (_, annual))) in sources.into_iter().enumerate() {
        let label = if i == 0 {
            format!("其中:{name}")
        } else {
            name.to_string()
        };
        r.row()
            .centre(1, 1, &label)
            .figure(2, 2, period)
            .centre(4, 1, &label)
            .figure(5, 3, annual);
    }
    for (label, value) in [
        ("项目概况", &t.overview),
        ("立项依据", &t.basis),
        ("项目设立必要性", &t.necessity),
        ("保证项目实施的制度、措施", &t.measures),
        ("项目实施计划", &t.plan),
    ] {
        r.row().label(0, 2, label).text(2, 6, &text(value));
    }
    // 总体目标 spans the row of the two halves' headings and the row of the
    // goals; the label stands in the second, beside the goals it names.
    r.row()
        .cell(0, 2, 1, TargetCellKind::Label, "")
        .label(2, 2, "实施期目标")
        .label(4, 4, "年度目标");
    r.row()
        .label(0, 2, "总体目标")
        .text(2, 2, &text(&t.period_goal))
        .text(4, 4, &text(&t.annual_goal));

    let (left, right) = (leaves(&t.period_indicators), leaves(&t.annual_indicators));
    let n = left.len().max(right.len());
    r.row().cell(0, 1, n + 1, TargetCellKind::Label, "绩效指标");
    for (col, h) in [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "二级指标",
        "三级指标",
        "指标值",
    ]
    .into_iter()
    .enumerate()
    {
        r.label(col + 1, 1, h);
    }
    for i in 0..n {
        let (l, rt) = (left.get(i), right.get(i));
        let level1 = l.or(rt).map(|x| x[0].as_str()).unwrap_or_default();
        let part = |x: Option<&[String; 4]>| match x {
            Some(x) => [x[1].clone(), x[2].clone(), x[3].clone()],
            None => Default::default(),
        };
        let (l, rt) = (part(l), part(rt));
        r.row()
            .centre(1, 1, level1)
            .centre(2, 1, &l[0])
            .text(3, 1, &l[1])
            .centre(4, 1, &l[2])
            .centre(5, 1, &rt[0])
            .text(6, 1, &rt[1])
            .centre(7, 1, &rt[2]);
    }
    TargetGrid {
        heading: target_heading(meta),
        year: format!("({}年度)", meta.year),
        project: t.project.clone(),
        widths: WIDTHS,
        rows: r.rows,
    }
}

/// The grid of the department-wide target table (部门（单位）整体支出绩效
/// 目标申报表): 部门名称, 年度预算情况 by source and by direction side by
/// side, 年度绩效目标, and the indicators, one leaf a row.
pub fn department_target_grid(t: &DepartmentTarget, meta: &Metadata) -> TargetGrid {
    let mut r = Rows::default();
    r.row().label(0, 2, "部门名称").text(2, 6, &t.department);

    let (sources, directions) = (&t.funds_by_source, &t.funds_by_direction);
    let n = sources.len().max(directions.len());
    let unit = sources
        .iter()
        .chain(directions)
        .next()
        .map_or("万元", |(_, a)| a.unit.as_str());
    let total = format!("资金总额（{unit}）");
    r.row()
        .cell(0, 1, n + 1, TargetCellKind::Label, "年度预算情况")
        .label(1, 2, "按资金来源划分")
        .label(3, 1, &total)
        .label(4, 2, "按资金方向划分")
        .label(6, 2, &total);
    // The part after 合计 starts with `其中:`, as the form prints it.
    let name = |side: &[(String, Amount)], i: usize| -> String {
        let Some((name, _)) = side.get(i) else {
            return String::new();
        };
        let after_total = i == 1
            && side
                .first()
                .is_some_and(|(first, _)| matches!(first.as_str(), "合计" | "总计"));
        if after_total && !name.starts_with("其中") {
            format!("其中:{name}")
        } else {
            name.clone()
        }
    };
    for i in 0..n {
        r.row()
            .centre(1, 2, &name(sources, i))
            .figure(3, 1, sources.get(i).map(|(_, a)| a))
            .centre(4, 2, &name(directions, i))
            .figure(6, 2, directions.get(i).map(|(_, a)| a));
    }
    r.row()
        .label(0, 2, "年度绩效目标")
        .text(2, 6, t.annual_goal.as_deref().unwrap_or_default());

    let leaves = leaves(&t.indicators);
    r.row()
        .cell(
            0,
            1,
            leaves.len() + 1,
            TargetCellKind::Label,
            "年度绩效指标",
        )
        .label(1, 1, "一级指标")
        .label(2, 1, "二级指标")
        .label(3, 4, "三级指标")
        .label(7, 1, "指标值");
    for [level1, level2, name, value] in &leaves {
        r.row()
            .centre(1, 1, level1)
            .centre(2, 1, level2)
            .text(3, 4, name)
            .centre(7, 1, value);
    }
    TargetGrid {
        heading: department_target_heading(meta),
        year: format!("({}年度)", meta.year),
        project: t.department.clone(),
        widths: WIDTHS,
        rows: r.rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yusuan_core::amount::Unit;
    use yusuan_core::model::{DocKind, Indicator, IndicatorGroup, Provenance, TargetValue};

    fn target() -> PerformanceTarget {
        PerformanceTarget {
            project: "信访专项工作经费".into(),
            department_code: None,
            department: None,
            implementing_unit: None,
            attribute: None,
            period: None,
            period_funds: FundsBySource::default(),
            annual_funds: FundsBySource::default(),
            overview: None,
            basis: None,
            necessity: None,
            measures: None,
            plan: None,
            period_goal: Some("化解信访积案".into()),
            annual_goal: Some("及时受理".into()),
            period_indicators: Vec::new(),
            annual_indicators: vec![IndicatorTree {
                name: "产出指标".into(),
                groups: vec![IndicatorGroup {
                    name: "数量指标".into(),
                    indicators: vec![Indicator {
                        name: "受理件数".into(),
                        value: TargetValue::parse("≥100件"),
                        provenance: Provenance::line(1),
                    }],
                }],
            }],
            claims: Vec::new(),
            provenance: Provenance::line(1),
        }
    }

    fn meta() -> Metadata {
        Metadata {
            department: "某部门".into(),
            department_code: None,
            region: None,
            level: None,
            year: 2024,
            kind: DocKind::Budget,
            unit: Unit::WanYuan,
        }
    }

    fn department() -> DepartmentTarget {
        let wan = |s: &str| Amount::new(s.parse().unwrap(), Unit::WanYuan);
        DepartmentTarget {
            department: "某部门".into(),
            funds_by_source: vec![
                ("合计".into(), wan("484.55")),
                ("一般公共预算资金".into(), wan("484.55")),
                ("单位资金".into(), wan("0.00")),
            ],
            funds_by_direction: vec![
                ("合计".into(), wan("484.55")),
                ("基本支出".into(), wan("164.37")),
            ],
            annual_goal: Some("全面完成信访工作".into()),
            indicators: target().annual_indicators,
            provenance: Provenance::line(1),
        }
    }

    #[test]
    fn every_position_is_covered_once() {
        covered_once(&target_grid(&target(), &meta()));
        covered_once(&department_target_grid(&department(), &meta()));
    }

    fn covered_once(g: &TargetGrid) {
        let mut covered = vec![[0u8; COLUMNS]; g.rows.len()];
        for (r, row) in g.rows.iter().enumerate() {
            for c in row {
                for line in covered.iter_mut().skip(r).take(c.rowspan) {
                    for n in line.iter_mut().skip(c.col).take(c.colspan) {
                        *n += 1;
                    }
                }
            }
        }
        for (r, row) in covered.iter().enumerate() {
            assert_eq!(row, &[1u8; COLUMNS], "row {r}: {:?}", g.flat_rows()[r]);
        }
    }

    #[test]
    fn department_positions_are_the_forms() {
        let g = department_target_grid(&department(), &meta());
        let flat = g.flat_rows();
        assert_eq!(flat[0], ["部门名称", "", "某部门"]);
        assert_eq!(
            flat[1],
            [
                "年度预算情况",
                "按资金来源划分",
                "",
                "资金总额（万元）",
                "按资金方向划分",
                "",
                "资金总额（万元）"
            ]
        );
        assert_eq!(flat[2], ["", "合计", "", "484.55", "合计", "", "484.55"]);
        assert_eq!(
            flat[3],
            [
                "",
                "其中:一般公共预算资金",
                "",
                "484.55",
                "其中:基本支出",
                "",
                "164.37"
            ]
        );
        assert_eq!(flat[4], ["", "单位资金", "", "0.00"]);
        assert_eq!(flat[5], ["年度绩效目标", "", "全面完成信访工作"]);
        assert_eq!(
            flat[6],
            [
                "年度绩效指标",
                "一级指标",
                "二级指标",
                "三级指标",
                "",
                "",
                "",
                "指标值"
            ]
        );
        assert_eq!(
            flat[7],
            ["", "产出指标", "数量指标", "受理件数", "", "", "", "≥100件"]
        );
        assert_eq!(g.heading, "某部门整体支出绩效目标申报表");
        let mut meta = meta();
        meta.region = Some("汾阳市".into());
        meta.level = Some(Level::County);
        assert_eq!(
            department_target_heading(&meta),
            "汾阳市县(区)级预算部门（单位）整体支出绩效目标申报表"
        );
    }

    #[test]
    fn text_positions_are_the_forms() {
        let g = target_grid(&target(), &meta());
        let flat = g.flat_rows();
        assert_eq!(flat[0], ["项目名称", "", "信访专项工作经费"]);
        assert_eq!(
            flat.last().unwrap(),
            &["", "产出指标", "", "", "", "数量指标", "受理件数", "≥100件"]
        );
        assert!(flat.contains(&vec![
            "总体目标".to_string(),
            String::new(),
            "化解信访积案".to_string(),
            String::new(),
            "及时受理".to_string(),
        ]));
        assert_eq!(g.heading, "某部门项目支出绩效目标申报表");
        assert_eq!(g.year, "(2024年度)");
    }
}
