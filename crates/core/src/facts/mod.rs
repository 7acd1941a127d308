//! Budget facts: what a department actually budgets, before any table is
//! printed. Every published table is a view of these facts ([`derive`]), so a
//! report made from them is consistent by construction, and random facts make
//! test documents whose tables must satisfy every identity.
//!
//! Amounts are exact yuan ([`Decimal`] to the 分); tables round them to the
//! printed unit only at the end, as a budget system does.

#[cfg(any(test, feature = "arbitrary"))]
pub mod arbitrary;
pub mod derive;

use crate::model::{Column, Metadata, ProjectAttribute, UnitKind};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// 资金来源 a funding source of the budget.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum FundingSource {
    /// 一般公共预算.
    #[serde(rename = "一般公共预算")]
    GeneralPublic,
    /// 政府性基金预算.
    #[serde(rename = "政府性基金预算")]
    GovFund,
    /// 国有资本经营预算.
    #[serde(rename = "国有资本经营预算")]
    StateCapital,
    /// 财政专户管理资金.
    #[serde(rename = "财政专户管理资金")]
    SpecialAccount,
    /// 单位资金.
    #[serde(rename = "单位资金")]
    UnitFunds,
}

impl FundingSource {
    /// The five sources in the order the tables print them.
    pub const ALL: [FundingSource; 5] = [
        FundingSource::GeneralPublic,
        FundingSource::GovFund,
        FundingSource::StateCapital,
        FundingSource::SpecialAccount,
        FundingSource::UnitFunds,
    ];

    /// The three 财政拨款 sources (table 4, 10, 11, 13).
    pub const FISCAL: [FundingSource; 3] = [
        FundingSource::GeneralPublic,
        FundingSource::GovFund,
        FundingSource::StateCapital,
    ];

    /// 财政拨款 fiscal appropriation, as opposed to the unit's own money.
    pub fn is_fiscal(self) -> bool {
        FundingSource::FISCAL.contains(&self)
    }

    /// The column a table prints this source in.
    pub fn column(self) -> Column {
        match self {
            FundingSource::GeneralPublic => Column::GeneralPublic,
            FundingSource::GovFund => Column::GovFund,
            FundingSource::StateCapital => Column::StateCapital,
            FundingSource::SpecialAccount => Column::SpecialAccount,
            FundingSource::UnitFunds => Column::UnitFunds,
        }
    }

    pub fn name(self) -> &'static str {
        self.column().name()
    }
}

/// 支出性质 basic or project expenditure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Nature {
    /// 基本支出.
    #[serde(rename = "基本支出")]
    Basic,
    /// 项目支出.
    #[serde(rename = "项目支出")]
    Project,
}

/// 经费类别 of basic expenditure: personnel or public (running) costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum CostClass {
    /// 人员经费.
    #[serde(rename = "人员经费")]
    Personnel,
    /// 公用经费.
    #[serde(rename = "公用经费")]
    Public,
}

/// 预算单位 a spending unit of the department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SpendingUnit {
    pub name: String,
    pub kind: UnitKind,
}

/// One line of basic expenditure: a 功能 项, a source, this year's money or
/// last year's carry-over, in yuan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BasicLine {
    /// 功能分类 项 code (7 digits).
    pub function_code: String,
    pub source: FundingSource,
    /// 上年结转 rather than this year's appropriation.
    #[serde(default)]
    pub carryover: bool,
    #[schemars(with = "String")]
    pub yuan: Decimal,
}

/// One line of basic expenditure of the general public budget (this year's
/// money) by economic item: what table 6 prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EconomicLine {
    /// The spending unit (its kind decides the government item).
    pub unit: String,
    /// 部门预算支出经济分类 款 code (5 digits).
    pub code: String,
    pub class: CostClass,
    #[schemars(with = "String")]
    pub yuan: Decimal,
}

/// Amounts by source, in yuan; a source not listed is zero.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BySource(
    #[schemars(with = "Vec<(FundingSource, String)>")] pub Vec<(FundingSource, Decimal)>,
);

impl BySource {
    pub fn get(&self, source: FundingSource) -> Decimal {
        self.0
            .iter()
            .filter(|(s, _)| *s == source)
            .map(|(_, v)| *v)
            .sum()
    }

    pub fn total(&self) -> Decimal {
        self.0.iter().map(|(_, v)| *v).sum()
    }

    pub fn fiscal_total(&self) -> Decimal {
        FundingSource::FISCAL.iter().map(|s| self.get(*s)).sum()
    }
}

/// 项目 a project, with the 功能 项 it is booked under and its money by source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProjectFacts {
    /// 项目名称.
    pub name: String,
    /// The spending unit carrying it.
    pub unit: String,
    /// 功能分类 项 code (7 digits).
    pub function_code: String,
    /// 上年结转 project (table 13) rather than this year's (table 12).
    #[serde(default)]
    pub carryover: bool,
    pub sources: BySource,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<ProjectAttribute>,
    /// 实施期 total in yuan, where the project runs over several years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub period_total: Option<Decimal>,
}

/// Fiscal amounts (一般公共预算, 政府性基金, 国有资本经营) of one 三公 item or one
/// unit's operating costs, in yuan.
pub type FiscalAmounts = BySource;

/// "三公"经费 by item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ThreePublic {
    /// 因公出国（境）费.
    pub abroad: FiscalAmounts,
    /// 公务接待费.
    pub reception: FiscalAmounts,
    /// ①公务用车购置费.
    pub vehicle_purchase: FiscalAmounts,
    /// ②公务用车运行维护费.
    pub vehicle_operation: FiscalAmounts,
}

impl ThreePublic {
    pub fn total(&self) -> Decimal {
        self.abroad.total()
            + self.reception.total()
            + self.vehicle_purchase.total()
            + self.vehicle_operation.total()
    }
}

/// 机关运行经费 of one unit, by fiscal source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OperatingCost {
    pub unit: String,
    pub amounts: FiscalAmounts,
}

/// 政府采购预算 by kind, in yuan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ProcurementFacts {
    #[schemars(with = "String")]
    pub goods: Decimal,
    #[schemars(with = "String")]
    pub works: Decimal,
    #[schemars(with = "String")]
    pub services: Decimal,
}

/// Last year's figures the prose compares against, in yuan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PriorYear {
    /// 上年收支总计.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub total: Option<Decimal>,
    /// 上年一般公共预算当年拨款.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub general_public: Option<Decimal>,
    /// 上年"三公"经费 by item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub three_public: Option<ThreePublic>,
    /// 上年机关运行经费.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub operating_costs: Option<Decimal>,
}

/// Everything a department budgets for a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BudgetFacts {
    pub meta: Metadata,
    /// The department's spending units; the first is the department itself.
    pub units: Vec<SpendingUnit>,
    /// 基本支出 by 功能 项 and source.
    pub basic: Vec<BasicLine>,
    /// 项目支出 project by project.
    pub projects: Vec<ProjectFacts>,
    /// 一般公共预算 基本支出 by economic 款 (table 6).
    pub economic: Vec<EconomicLine>,
    pub three_public: ThreePublic,
    /// 机关运行经费 per unit (table 11).
    pub operating_costs: Vec<OperatingCost>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procurement: Option<ProcurementFacts>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior_year: Option<PriorYear>,
}

impl BudgetFacts {
    /// The kind of a unit by name.
    pub fn unit_kind(&self, unit: &str) -> Option<UnitKind> {
        self.units.iter().find(|u| u.name == unit).map(|u| u.kind)
    }
}

/// The JSON Schema of [`BudgetFacts`], as committed under `docs/schema/`.
pub fn budget_facts_schema() -> schemars::schema::RootSchema {
    schemars::schema_for!(BudgetFacts)
}
