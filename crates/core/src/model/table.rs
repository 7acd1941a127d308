//! The numbered tables of a disclosure (预算公开表1…13) as typed data.

use super::provenance::Provenance;
use crate::amount::{Amount, Unit};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which of the tables of the national form a table is. The printed number
/// lives on [`Table::number`], since other regions number their form differently.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum TableKind {
    /// 预算收支总表 revenue and expenditure summary.
    #[serde(rename = "预算收支总表")]
    BudgetSummary,
    /// 预算收入总表 revenue summary by funding source.
    #[serde(rename = "预算收入总表")]
    RevenueSummary,
    /// 预算支出总表 expenditure summary, basic and project.
    #[serde(rename = "预算支出总表")]
    ExpenditureSummary,
    /// 财政拨款收支总表 fiscal appropriations summary.
    #[serde(rename = "财政拨款收支总表")]
    FiscalSummary,
    /// 一般公共预算支出预算表 general public budget expenditure (without carry-over).
    #[serde(rename = "一般公共预算支出预算表")]
    GeneralPublicExpenditure,
    /// 一般公共预算安排基本支出分经济科目表 basic expenditure by economic item.
    #[serde(rename = "一般公共预算安排基本支出分经济科目表")]
    BasicByEconomic,
    /// 政府性基金预算收入表 government fund revenue.
    #[serde(rename = "政府性基金预算收入表")]
    GovFundRevenue,
    /// 政府性基金预算支出表 government fund expenditure.
    #[serde(rename = "政府性基金预算支出表")]
    GovFundExpenditure,
    /// 国有资本经营预算收支预算表 state capital operations budget.
    #[serde(rename = "国有资本经营预算收支预算表")]
    StateCapital,
    /// "三公"经费支出预算表 the three public expenses.
    #[serde(rename = "三公经费支出预算表")]
    ThreePublic,
    /// 机关运行经费预算表 operating costs of the administrative units.
    #[serde(rename = "机关运行经费预算表")]
    OperatingCosts,
    /// 项目支出预算表（本年预算） projects of this year.
    #[serde(rename = "项目支出预算表（本年预算）")]
    ProjectsCurrent,
    /// 项目支出预算表（上年结转） projects carried over from last year.
    #[serde(rename = "项目支出预算表（上年结转）")]
    ProjectsCarriedOver,
}

impl TableKind {
    /// The 13 tables in the order and numbering of the national form the seeds use.
    pub const NATIONAL: [TableKind; 13] = [
        TableKind::BudgetSummary,
        TableKind::RevenueSummary,
        TableKind::ExpenditureSummary,
        TableKind::FiscalSummary,
        TableKind::GeneralPublicExpenditure,
        TableKind::BasicByEconomic,
        TableKind::GovFundRevenue,
        TableKind::GovFundExpenditure,
        TableKind::StateCapital,
        TableKind::ThreePublic,
        TableKind::OperatingCosts,
        TableKind::ProjectsCurrent,
        TableKind::ProjectsCarriedOver,
    ];

    /// The number this table has in the national form (1–13).
    pub fn national_number(self) -> u8 {
        TableKind::NATIONAL
            .iter()
            .position(|k| *k == self)
            .map(|i| i as u8 + 1)
            .unwrap_or(0)
    }

    /// The canonical title without the year (`2024年预算收支总表` → `预算收支总表`).
    pub fn title(self) -> &'static str {
        match self {
            TableKind::BudgetSummary => "预算收支总表",
            TableKind::RevenueSummary => "预算收入总表",
            TableKind::ExpenditureSummary => "预算支出总表",
            TableKind::FiscalSummary => "财政拨款收支总表",
            TableKind::GeneralPublicExpenditure => "一般公共预算支出预算表（不含上年结转）",
            TableKind::BasicByEconomic => "一般公共预算安排基本支出分经济科目表（不含上年结转）",
            TableKind::GovFundRevenue => "政府性基金预算收入表（不含上年结转）",
            TableKind::GovFundExpenditure => "政府性基金预算支出表（不含上年结转）",
            TableKind::StateCapital => "国有资本经营预算收支预算表（不含上年结转）",
            TableKind::ThreePublic => "财政拨款安排“三公”经费支出预算表",
            TableKind::OperatingCosts => "财政拨款安排机关运行经费预算表",
            TableKind::ProjectsCurrent => "项目支出预算表（本年预算）",
            TableKind::ProjectsCarriedOver => "项目支出预算表（上年结转）",
        }
    }

    /// Whether the table's rows are 功能分类 codes with their hierarchy.
    pub fn has_function_rows(self) -> bool {
        matches!(
            self,
            TableKind::RevenueSummary
                | TableKind::ExpenditureSummary
                | TableKind::GeneralPublicExpenditure
                | TableKind::GovFundRevenue
                | TableKind::GovFundExpenditure
                | TableKind::StateCapital
        )
    }
}

/// 栏目 a canonical column: the concept, not the printed header
/// (`2024年合计` and `合计` are both [`Column::Total`]).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum Column {
    /// 金额 the one amount of an income row in tables 1 and 4.
    #[serde(rename = "金额")]
    Amount,
    /// 合计 total.
    #[serde(rename = "合计")]
    Total,
    /// 小计 subtotal (table 4's fiscal total).
    #[serde(rename = "小计")]
    Subtotal,
    /// 当年预算安排 this year's budget (table 1).
    #[serde(rename = "当年预算安排")]
    CurrentYear,
    /// 上年结转安排 spending of last year's carry-over (table 1).
    #[serde(rename = "上年结转安排")]
    CarryoverSpending,
    /// 一般公共预算 general public budget.
    #[serde(rename = "一般公共预算")]
    GeneralPublic,
    /// 政府性基金预算 government fund budget.
    #[serde(rename = "政府性基金预算")]
    GovFund,
    /// 国有资本经营预算 state capital operations budget.
    #[serde(rename = "国有资本经营预算")]
    StateCapital,
    /// 财政专户管理资金 funds in special fiscal accounts.
    #[serde(rename = "财政专户管理资金")]
    SpecialAccount,
    /// 单位资金 the unit's own funds.
    #[serde(rename = "单位资金")]
    UnitFunds,
    /// 上年结转 carry-over from last year (table 2's separate column).
    #[serde(rename = "上年结转")]
    Carryover,
    /// 基本支出 basic expenditure.
    #[serde(rename = "基本支出")]
    Basic,
    /// 项目支出 project expenditure.
    #[serde(rename = "项目支出")]
    Project,
    /// 人员经费 personnel expenditure.
    #[serde(rename = "人员经费")]
    Personnel,
    /// 公用经费 public (running) expenditure.
    #[serde(rename = "公用经费")]
    Public,
    /// 政府性基金收入预算 government fund revenue (table 7).
    #[serde(rename = "政府性基金收入预算")]
    GovFundRevenue,
    /// 国有资本经营收入预算 state capital revenue (table 9).
    #[serde(rename = "国有资本经营收入预算")]
    StateCapitalRevenue,
}

impl Column {
    pub const ALL: [Column; 17] = [
        Column::Amount,
        Column::Total,
        Column::Subtotal,
        Column::CurrentYear,
        Column::CarryoverSpending,
        Column::GeneralPublic,
        Column::GovFund,
        Column::StateCapital,
        Column::SpecialAccount,
        Column::UnitFunds,
        Column::Carryover,
        Column::Basic,
        Column::Project,
        Column::Personnel,
        Column::Public,
        Column::GovFundRevenue,
        Column::StateCapitalRevenue,
    ];

    /// The canonical Chinese name, as in the `facts` export.
    pub fn name(self) -> &'static str {
        match self {
            Column::Amount => "金额",
            Column::Total => "合计",
            Column::Subtotal => "小计",
            Column::CurrentYear => "当年预算安排",
            Column::CarryoverSpending => "上年结转安排",
            Column::GeneralPublic => "一般公共预算",
            Column::GovFund => "政府性基金预算",
            Column::StateCapital => "国有资本经营预算",
            Column::SpecialAccount => "财政专户管理资金",
            Column::UnitFunds => "单位资金",
            Column::Carryover => "上年结转",
            Column::Basic => "基本支出",
            Column::Project => "项目支出",
            Column::Personnel => "人员经费",
            Column::Public => "公用经费",
            Column::GovFundRevenue => "政府性基金收入预算",
            Column::StateCapitalRevenue => "国有资本经营收入预算",
        }
    }

    pub fn from_name(name: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.name() == name)
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which side of a two-sided table (1, 4, 9) a row is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Side {
    /// 收入 revenue.
    #[serde(rename = "收入")]
    Income,
    /// 支出 expenditure.
    #[serde(rename = "支出")]
    Expenditure,
}

/// What a row is, which decides the identities it takes part in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RowKind {
    /// 合计 / 部门合计: the total of the table (or of one side of it).
    Total,
    /// A classification row (功能 类/款/项, or an economic 类/款), keyed by its code.
    Classification,
    /// A funding source on the income side (一、一般公共预算 …).
    Source,
    /// 本年收入合计, 本年支出合计: this year's total of one side of table 1 or 4.
    YearTotal,
    /// 上年结转, 上年财政拨款结转 (and its source rows), 年终结转.
    Carryover,
    /// 收入总计, 支出总计: the grand total of a side.
    GrandTotal,
    /// A spending unit (单位) in tables 11–13.
    Unit,
    /// A project in tables 12 and 13.
    Project,
    /// A 三公 item of table 10 (因公出国（境）费 …).
    Item,
}

/// One printed row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Row {
    pub kind: RowKind,
    /// The classification code where the row has one (3, 5 or 7 digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The printed label without ordinal (`一、`, `①`) and with wrapped lines joined.
    pub label: String,
    /// Level in the hierarchy: 0 for totals; 1 类, 2 款, 3 项 for classification
    /// rows; 1 for a unit and 2 for its projects (deeper for nested units);
    /// in tables 1 and 4, 1 for a funding source (and table 4's carry-over
    /// sources) and 0 for the totals and 上年结转 itself; in table 10, 1 for an
    /// item and 2 for ①② under 公务用车购置及运行费. The identities read
    /// children by level and order where a row has no code.
    pub level: u8,
    /// Side of a two-sided table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    /// Table 6: the government economic item printed beside the department item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gov_item: Option<String>,
    /// Cells in printed order; an empty printed cell is absent.
    pub cells: Vec<Cell>,
    /// Figures read on the row but not placed in a column, because more than
    /// one placement satisfies every identity (the reader does not guess).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unplaced: Vec<Amount>,
    pub provenance: Provenance,
}

impl Row {
    pub fn new(kind: RowKind, label: impl Into<String>, level: u8) -> Self {
        Row {
            kind,
            code: None,
            label: label.into(),
            level,
            side: None,
            gov_item: None,
            cells: Vec::new(),
            unplaced: Vec::new(),
            provenance: Provenance::default(),
        }
    }

    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    pub fn on(mut self, side: Side) -> Self {
        self.side = Some(side);
        self
    }

    /// The printed amount in a column, if the cell is not empty.
    pub fn get(&self, column: Column) -> Option<&Amount> {
        self.cells
            .iter()
            .find(|c| c.column == column)
            .map(|c| &c.value)
    }

    pub fn cell(&self, column: Column) -> Option<&Cell> {
        self.cells.iter().find(|c| c.column == column)
    }

    pub fn push(&mut self, column: Column, value: Amount) {
        self.cells.push(Cell {
            column,
            value,
            provenance: Provenance::default(),
        });
    }

    /// The label of the `facts` export: the department item and, where the
    /// same item is printed under several government items, the government item.
    pub fn fact_label(&self, disambiguate: bool) -> String {
        match (&self.gov_item, disambiguate) {
            (Some(g), true) => format!("{}/{}", self.label, g),
            _ => self.label.clone(),
        }
    }
}

/// One printed, non-empty cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Cell {
    pub column: Column,
    pub value: Amount,
    pub provenance: Provenance,
}

/// One numbered table as printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Table {
    /// The printed number (预算公开表3 → 3).
    pub number: u8,
    pub kind: TableKind,
    /// The printed title, year included.
    pub title: String,
    pub unit: Unit,
    /// The columns the table prints, canonical, in order; for a two-sided
    /// table, those of the income side first.
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// 注：本表无数据 — the table is printed empty with the note saying so.
    #[serde(default)]
    pub empty_note: bool,
    pub provenance: Provenance,
}

impl Table {
    pub fn new(
        number: u8,
        kind: TableKind,
        title: impl Into<String>,
        unit: Unit,
        columns: Vec<Column>,
    ) -> Self {
        Table {
            number,
            kind,
            title: title.into(),
            unit,
            columns,
            rows: Vec::new(),
            empty_note: false,
            provenance: Provenance::default(),
        }
    }

    /// The row of a classification code (on a side, for two-sided tables).
    pub fn row_by_code(&self, code: &str, side: Option<Side>) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.code.as_deref() == Some(code) && (side.is_none() || r.side == side))
    }

    /// The first row of a kind (on a side).
    pub fn row_of_kind(&self, kind: RowKind, side: Option<Side>) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.kind == kind && (side.is_none() || r.side == side))
    }

    /// The row with a printed label (on a side).
    pub fn row_by_label(&self, label: &str, side: Option<Side>) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.label == label && (side.is_none() || r.side == side))
    }

    /// Whether every printed cell is empty or zero.
    pub fn is_empty(&self) -> bool {
        self.rows
            .iter()
            .all(|r| r.cells.iter().all(|c| c.value.is_zero()))
    }

    /// Labels printed more than once (table 6's items under two government
    /// items), which the `facts` export disambiguates.
    pub fn repeated_labels(&self) -> std::collections::HashSet<&str> {
        let mut seen = std::collections::HashSet::new();
        let mut repeated = std::collections::HashSet::new();
        for r in &self.rows {
            if !seen.insert(r.label.as_str()) {
                repeated.insert(r.label.as_str());
            }
        }
        repeated
    }
}
