//! 项目支出绩效目标申报表: one target table per project of table 12, its money
//! computed from the facts and its texts and indicators from the plan.

use rust_decimal::Decimal;
use yusuan_core::amount::{Amount, Unit};
use yusuan_core::budget::{Budget, IndicatorLine};
use yusuan_core::facts::{FundingSource, ProjectFacts};
use yusuan_core::model::{
    FundsBySource, Indicator, IndicatorGroup, IndicatorTree, Level, PerformanceTarget, Provenance,
    TargetValue,
};

/// A yuan amount as a target table prints it: whole yuan when it has no
/// 分, else to the 分.
fn yuan(value: Decimal) -> Amount {
    let decimals = if value.fract().is_zero() { 0 } else { 2 };
    Amount::round(value, Unit::Yuan, decimals)
}

/// The annual funds of a project by the target table's sources: the fiscal
/// money is the department's own level of government (a county department's
/// 财政拨款 is 市县财政资金), 单位资金 is 单位自筹 and 财政专户管理资金 其他资金.
fn annual_funds(p: &ProjectFacts, level: Option<Level>) -> FundsBySource {
    let fiscal = p.sources.fiscal_total();
    let zero = yuan(Decimal::ZERO);
    let mut funds = FundsBySource {
        total: Some(yuan(p.sources.total())),
        central: Some(zero),
        provincial: Some(zero),
        local: Some(zero),
        self_raised: Some(yuan(p.sources.get(FundingSource::UnitFunds))),
        other: Some(yuan(p.sources.get(FundingSource::SpecialAccount))),
    };
    let slot = match level {
        Some(Level::Central) => &mut funds.central,
        Some(Level::Provincial) => &mut funds.provincial,
        _ => &mut funds.local,
    };
    *slot = Some(yuan(fiscal));
    funds
}

/// Indicator rows grouped into the 一级 > 二级 tree, in the order given.
pub fn tree(lines: &[IndicatorLine]) -> Vec<IndicatorTree> {
    let mut trees: Vec<IndicatorTree> = Vec::new();
    for line in lines {
        let tree = match trees.iter_mut().position(|t| t.name == line.level1) {
            Some(i) => &mut trees[i],
            None => {
                trees.push(IndicatorTree {
                    name: line.level1.clone(),
                    groups: Vec::new(),
                });
                trees.last_mut().expect("just pushed")
            }
        };
        let group = match tree.groups.iter_mut().position(|g| g.name == line.level2) {
            Some(i) => &mut tree.groups[i],
            None => {
                tree.groups.push(IndicatorGroup {
                    name: line.level2.clone(),
                    indicators: Vec::new(),
                });
                tree.groups.last_mut().expect("just pushed")
            }
        };
        group.indicators.push(Indicator {
            name: line.name.clone(),
            value: TargetValue::parse(&line.value),
            provenance: Provenance::default(),
        });
    }
    trees
}

/// The target tables of this year's projects, in the order of the facts.
pub fn targets(budget: &Budget) -> Vec<PerformanceTarget> {
    let meta = &budget.facts.meta;
    budget
        .facts
        .projects
        .iter()
        .filter(|p| !p.carryover)
        .map(|p| {
            let plan = budget.plan(&p.name);
            let annual = annual_funds(p, meta.level);
            let period_funds = match p.period_total {
                Some(total) if total != p.sources.total() => FundsBySource {
                    total: Some(yuan(total)),
                    ..FundsBySource::default()
                },
                _ => annual.clone(),
            };
            let annual_lines = plan.map(|p| p.annual_indicators.as_slice()).unwrap_or(&[]);
            let period_lines = match plan.map(|p| p.period_indicators.as_slice()) {
                Some(lines) if !lines.is_empty() => lines,
                _ => annual_lines,
            };
            let text = |f: fn(&yusuan_core::budget::ProjectPlan) -> &Option<String>| {
                plan.and_then(|p| f(p).clone())
                    .filter(|s| !s.trim().is_empty())
            };
            PerformanceTarget {
                project: p.name.clone(),
                department_code: meta.department_code.clone(),
                department: Some(meta.department.clone()),
                implementing_unit: Some(p.unit.clone()),
                attribute: p.attribute,
                period: text(|p| &p.period),
                period_funds,
                annual_funds: annual,
                overview: text(|p| &p.overview),
                basis: text(|p| &p.basis),
                necessity: text(|p| &p.necessity),
                measures: text(|p| &p.measures),
                plan: text(|p| &p.plan),
                period_goal: text(|p| &p.period_goal),
                annual_goal: text(|p| &p.annual_goal),
                period_indicators: tree(period_lines),
                annual_indicators: tree(annual_lines),
                claims: Vec::new(),
                provenance: Provenance::default(),
            }
        })
        .collect()
}
