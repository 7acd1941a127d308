//! A budget as the maker takes it: the [`BudgetFacts`] (every number) plus
//! what only the department can write — its duties and organisation, the
//! reasons for changes, its assets, each project's narrative and indicators.
//!
//! This is what the budget workbook (`yusuan template`) holds and what
//! `yusuan make` turns into a complete disclosure. Nothing here repeats a
//! number the facts already carry: the prose and the target tables compute
//! theirs from the facts, which is what makes a made report consistent by
//! construction.

use crate::facts::BudgetFacts;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Everything needed to make a department's disclosure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Budget {
    pub facts: BudgetFacts,
    #[serde(default)]
    pub texts: DepartmentTexts,
    /// Narrative and indicators of the projects, matched to
    /// [`BudgetFacts::projects`] by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<ProjectPlan>,
    /// 名词解释; empty means the standard national glossary.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<GlossaryTerm>,
}

impl Budget {
    /// A budget of bare facts: no texts, no project plans, the standard
    /// glossary.
    pub fn from_facts(facts: BudgetFacts) -> Budget {
        Budget {
            facts,
            texts: DepartmentTexts::default(),
            projects: Vec::new(),
            glossary: Vec::new(),
        }
    }

    /// The plan of a project by name.
    pub fn plan(&self, project: &str) -> Option<&ProjectPlan> {
        self.projects.iter().find(|p| p.name == project)
    }
}

/// The department's own words: what the numbers cannot say.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DepartmentTexts {
    /// 本部门职责, one paragraph each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duties: Vec<String>,
    /// 机构设置情况, one paragraph each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisation: Vec<String>,
    /// 收支变动原因: why the totals changed against last year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_reason: Option<String>,
    /// "三公"经费增减变动原因.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub three_public_reason: Option<String>,
    /// 机关运行经费增减变动原因.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operating_costs_reason: Option<String>,
    /// 国有资产占有使用情况 as counted by the department.
    #[serde(default)]
    pub assets: AssetFacts,
    /// 其他说明, one paragraph each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<String>,
}

/// 国有资产占有使用情况: vehicles, buildings and large equipment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AssetFacts {
    /// 车辆编制数 (vehicles the department may keep).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicles_quota: Option<u32>,
    /// 实有车辆数.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicles: Option<u32>,
    /// 办公用房建筑面积 in 平方米, as the department writes it (`1200.5`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub building_area: Option<String>,
    /// 单位价值50万元以上通用设备 (台套).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub general_equipment_over_500k: Option<u32>,
    /// 单位价值100万元以上专用设备 (台套).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_equipment_over_1m: Option<u32>,
}

/// What a project's performance-target table (项目支出绩效目标申报表) says
/// besides its money.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProjectPlan {
    /// 项目名称, as in [`crate::facts::ProjectFacts::name`].
    pub name: String,
    /// 项目期 as printed (`1年`, `3年`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
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
    /// 实施期 indicators; empty means the same as the annual ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub period_indicators: Vec<IndicatorLine>,
    /// 年度 indicators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annual_indicators: Vec<IndicatorLine>,
}

/// One 三级指标 with the 一级 and 二级 it belongs to, as a workbook row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct IndicatorLine {
    /// 一级指标 (产出指标, 效益指标, 满意度指标).
    pub level1: String,
    /// 二级指标 (数量指标, 质量指标, …).
    pub level2: String,
    /// 三级指标.
    pub name: String,
    /// 指标值 as printed (`145人`, `≥90%`, `及时`).
    pub value: String,
}

/// 名词解释 one term of the glossary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GlossaryTerm {
    pub term: String,
    pub definition: String,
}

/// The JSON Schema of [`Budget`], as committed under `docs/schema/`.
pub fn budget_schema() -> schemars::schema::RootSchema {
    schemars::schema_for!(Budget)
}
