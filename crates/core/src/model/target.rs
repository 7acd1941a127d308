//! Performance targets (绩效目标申报表): one per project, and the department-wide one.

use super::provenance::Provenance;
use crate::amount::Amount;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// 项目属性 whether a project recurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum ProjectAttribute {
    /// 经常性项目 a recurring project.
    #[serde(rename = "经常性")]
    Recurring,
    /// 一次性项目 a one-off project.
    #[serde(rename = "一次性")]
    OneOff,
}

/// 资金来源 amounts of a target table by source, in 元.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FundsBySource {
    /// 资金总额 the total printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Amount>,
    /// 中央财政资金.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub central: Option<Amount>,
    /// 省级财政资金.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provincial: Option<Amount>,
    /// 市县（区）财政资金.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<Amount>,
    /// 单位自筹.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_raised: Option<Amount>,
    /// 其他资金.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<Amount>,
}

impl FundsBySource {
    /// The five sources with the names a target table prints, in its order.
    pub fn named(&self) -> [(&'static str, Option<&Amount>); 5] {
        [
            ("中央财政资金", self.central.as_ref()),
            ("省级财政资金", self.provincial.as_ref()),
            ("市县（区）财政资金", self.local.as_ref()),
            ("单位自筹", self.self_raised.as_ref()),
            ("其他资金", self.other.as_ref()),
        ]
    }

    /// The printed sources, for the sum check.
    pub fn sources(&self) -> Vec<Amount> {
        [
            self.central,
            self.provincial,
            self.local,
            self.self_raised,
            self.other,
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// A comparator in a target value (`≥90%`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Comparator {
    #[serde(rename = "≥")]
    AtLeast,
    #[serde(rename = "≤")]
    AtMost,
    #[serde(rename = ">")]
    Above,
    #[serde(rename = "<")]
    Below,
    #[serde(rename = "=")]
    Equal,
}

/// 指标值 a target value as printed, with its number where it has one:
/// `145人`, `100%`, `≥90%`, `及时`, `9-10月`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TargetValue {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator: Option<Comparator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub number: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

impl TargetValue {
    /// Read a printed target value: an optional comparator, a number, a unit;
    /// anything else (`及时`, `9-10月`) is kept as text only.
    pub fn parse(text: &str) -> TargetValue {
        let t = crate::amount::fold_width(text.trim());
        let (comparator, rest) = [
            ("≥", Comparator::AtLeast),
            (">=", Comparator::AtLeast),
            ("≤", Comparator::AtMost),
            ("<=", Comparator::AtMost),
            (">", Comparator::Above),
            ("<", Comparator::Below),
            ("=", Comparator::Equal),
        ]
        .iter()
        .find_map(|(p, c)| t.strip_prefix(p).map(|r| (Some(*c), r)))
        .unwrap_or((None, &*t));
        let split = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        let (num, unit) = rest.split_at(split);
        let number = match crate::amount::parse_number(num) {
            Ok(Some(n)) if !unit.contains(['-', '~', '至']) => Some(n),
            _ => None,
        };
        TargetValue {
            text: text.trim().to_string(),
            comparator: number.and(comparator),
            number,
            unit: number.and((!unit.trim().is_empty()).then(|| unit.trim().to_string())),
        }
    }
}

/// 三级指标 a leaf indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Indicator {
    pub name: String,
    pub value: TargetValue,
    pub provenance: Provenance,
}

/// 二级指标 (数量, 质量, 时效, 成本, 经济效益, 社会效益, 生态效益, 可持续影响, 服务对象满意度).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IndicatorGroup {
    pub name: String,
    pub indicators: Vec<Indicator>,
}

/// 一级指标 (产出, 效益, 满意度) with its groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IndicatorTree {
    pub name: String,
    pub groups: Vec<IndicatorGroup>,
}

impl IndicatorTree {
    /// Every 三级指标 of the tree with its 二级指标, in printed order.
    pub fn leaves(&self) -> impl Iterator<Item = (&IndicatorGroup, &Indicator)> {
        self.groups
            .iter()
            .flat_map(|g| g.indicators.iter().map(move |i| (g, i)))
    }
}

/// 项目支出绩效目标申报表 the performance-target table of one project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PerformanceTarget {
    /// 项目名称.
    pub project: String,
    /// 主管部门及代码: the code (`011`) …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_code: Option<String>,
    /// … and the name (`晋城市信访局`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// 实施单位.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementing_unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<ProjectAttribute>,
    /// 项目期 as printed (`4年`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// 实施期资金总额 and its sources, in 元.
    pub period_funds: FundsBySource,
    /// 年度资金总额 and its sources, in 元.
    pub annual_funds: FundsBySource,
    /// 项目概况.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overview: Option<String>,
    /// 立项依据.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// 项目设立必要性.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub necessity: Option<String>,
    /// 保证项目实施的制度、措施.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measures: Option<String>,
    /// 项目实施计划.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// 总体目标 for the whole period …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_goal: Option<String>,
    /// … and for the year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_goal: Option<String>,
    /// 实施期 indicators.
    pub period_indicators: Vec<IndicatorTree>,
    /// 年度 indicators.
    pub annual_indicators: Vec<IndicatorTree>,
    /// Figures its texts state that can be checked (an enumeration of costs
    /// with its own total in 项目概况).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<super::prose::Claim>,
    pub provenance: Provenance,
}

/// 部门（单位）整体支出绩效目标申报表 the department-wide target table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DepartmentTarget {
    pub department: String,
    /// 年度预算情况 by source, in 万元, with 合计.
    pub funds_by_source: Vec<(String, Amount)>,
    /// … and by direction (基本支出, 项目支出).
    pub funds_by_direction: Vec<(String, Amount)>,
    /// 年度绩效目标.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_goal: Option<String>,
    pub indicators: Vec<IndicatorTree>,
    pub provenance: Provenance,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_values() {
        let v = TargetValue::parse("≥90%");
        assert_eq!(v.comparator, Some(Comparator::AtLeast));
        assert_eq!(v.number, Some(Decimal::from(90)));
        assert_eq!(v.unit.as_deref(), Some("%"));
        let v = TargetValue::parse("145人");
        assert_eq!(v.number, Some(Decimal::from(145)));
        assert_eq!(v.unit.as_deref(), Some("人"));
        let v = TargetValue::parse("及时");
        assert_eq!(v.number, None);
        assert_eq!(v.unit, None);
        let v = TargetValue::parse("9-10月");
        assert_eq!(v.number, None);
        let v = TargetValue::parse("53.643888万元");
        assert_eq!(v.number, Some("53.643888".parse().unwrap()));
        assert_eq!(v.unit.as_deref(), Some("万元"));
    }
}
