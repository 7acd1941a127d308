//! 项目支出绩效目标申报表 as the text of a word processor's table: one line a
//! row, cells in the positions of the usual form (label, value, label,
//! value; the indicator grid with the 实施期 half left and the 年度 half
//! right), as the reader of target tables expects them.

use yusuan_core::amount::Amount;
use yusuan_core::model::{
    FundsBySource, IndicatorTree, Level, Metadata, PerformanceTarget, ProjectAttribute,
};

/// A line of a target table: the title lines, or a row of cells.
pub(crate) enum TargetLine {
    Title(String),
    Cells(Vec<String>),
}

/// `1930000` → `1,930,000`, keeping the decimals: target tables print
/// yuan with thousands separators.
pub fn grouped(a: &Amount) -> String {
    let printed = a.printed();
    let (int, frac) = match printed.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (printed.clone(), None),
    };
    let digits: Vec<char> = int.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) && c.is_ascii_digit() {
            out.push(',');
        }
        out.push(*c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

fn money(a: Option<&Amount>) -> String {
    a.map(grouped).unwrap_or_default()
}

/// The indicator leaves of a tree, each with its 一级 and 二级.
fn leaves(trees: &[IndicatorTree]) -> Vec<[String; 4]> {
    let mut out = Vec::new();
    for t in trees {
        for g in &t.groups {
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

fn cells(items: &[&str]) -> TargetLine {
    TargetLine::Cells(items.iter().map(|s| s.to_string()).collect())
}

/// The lines of one target table.
/// The heading of a target table: the form's own
/// (`汾阳市县(区)级预算部门（单位）项目支出绩效目标表`), which is where a
/// disclosure states its region and level, when both are known.
fn target_heading(meta: &Metadata) -> String {
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

pub(crate) fn target_lines(t: &PerformanceTarget, meta: &Metadata) -> Vec<TargetLine> {
    let (department, year) = (meta.department.as_str(), meta.year);
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
    let mut out = vec![
        TargetLine::Title(target_heading(meta)),
        TargetLine::Title(format!("({year}年度)")),
        cells(&["项目名称", "", &t.project]),
        cells(&[
            "主管部门及代码",
            "",
            &owner,
            "",
            "实施单位",
            "",
            &text(&t.implementing_unit),
        ]),
        cells(&[
            "项目属性",
            "",
            attribute,
            "",
            "项目期",
            "",
            &text(&t.period),
        ]),
    ];
    let (p, a): (&FundsBySource, &FundsBySource) = (&t.period_funds, &t.annual_funds);
    out.push(cells(&[
        "项目资金(元)",
        "实施期资金总额:",
        &money(p.total.as_ref()),
        "",
        "年度资金总额:",
        &money(a.total.as_ref()),
    ]));
    for (i, ((name, period), (_, annual))) in p.named().into_iter().zip(a.named()).enumerate() {
        let label = if i == 0 {
            format!("其中:{name}")
        } else {
            name.to_string()
        };
        out.push(cells(&[
            "",
            &label,
            &money(period),
            "",
            &label,
            &money(annual),
        ]));
    }
    for (label, value) in [
        ("项目概况", &t.overview),
        ("立项依据", &t.basis),
        ("项目设立必要性", &t.necessity),
        ("保证项目实施的制度、措施", &t.measures),
        ("项目实施计划", &t.plan),
    ] {
        out.push(cells(&[label, "", &text(value)]));
    }
    out.push(cells(&["实施期目标", "", "", "", "年度目标"]));
    out.push(cells(&[
        "总体目标",
        "",
        &text(&t.period_goal),
        "",
        &text(&t.annual_goal),
    ]));
    out.push(cells(&[
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "二级指标",
        "三级指标",
        "指标值",
    ]));
    let (left, right) = (leaves(&t.period_indicators), leaves(&t.annual_indicators));
    for i in 0..left.len().max(right.len()) {
        let l = left.get(i);
        let r = right.get(i);
        let level1 = l.or(r).map(|x| x[0].as_str()).unwrap_or_default();
        let part = |x: Option<&[String; 4]>| match x {
            Some(x) => [x[1].clone(), x[2].clone(), x[3].clone()],
            None => Default::default(),
        };
        let (l, r) = (part(l), part(r));
        out.push(cells(&[
            "", level1, &l[0], &l[1], &l[2], &r[0], &r[1], &r[2],
        ]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use yusuan_core::amount::Unit;

    #[test]
    fn thousands_separators() {
        let a = |s: &str| Amount::new(s.parse::<Decimal>().unwrap(), Unit::Yuan);
        assert_eq!(grouped(&a("1930000")), "1,930,000");
        assert_eq!(grouped(&a("577900")), "577,900");
        assert_eq!(grouped(&a("23760.50")), "23,760.50");
        assert_eq!(grouped(&a("0")), "0");
        assert_eq!(grouped(&a("100")), "100");
        assert_eq!(grouped(&a("1000")), "1,000");
    }
}
