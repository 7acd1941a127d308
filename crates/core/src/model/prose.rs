//! The explanation in prose (第三部分 情况说明) and the claims its figures make.

use super::provenance::Provenance;
use super::table::{Column, Side};
use crate::amount::Amount;
use crate::rate::Percent;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The sections 一 to 十二 of 第三部分, by what they explain. Their number
/// varies slightly between years and regions, so the kind is kept beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// 部门预算收支数据变动情况及原因 totals and their change.
    Changes,
    /// 收入预算情况说明 revenue.
    Revenue,
    /// 支出预算情况说明 expenditure.
    Expenditure,
    /// 财政拨款收支预算总体情况说明 fiscal appropriations.
    FiscalOverall,
    /// 一般公共预算支出情况说明 general public budget.
    GeneralPublic,
    /// 一般公共预算基本支出情况说明 basic expenditure.
    Basic,
    /// "三公"经费增减变动原因说明 the three public expenses.
    ThreePublic,
    /// 机关运行经费增减变动原因说明 operating costs.
    OperatingCosts,
    /// 政府采购情况 government procurement.
    Procurement,
    /// 绩效管理情况 performance management.
    Performance,
    /// 国有资产占有使用情况 state assets.
    Assets,
    /// 其他说明 other.
    Other,
}

impl SectionKind {
    pub const ALL: [SectionKind; 12] = [
        SectionKind::Changes,
        SectionKind::Revenue,
        SectionKind::Expenditure,
        SectionKind::FiscalOverall,
        SectionKind::GeneralPublic,
        SectionKind::Basic,
        SectionKind::ThreePublic,
        SectionKind::OperatingCosts,
        SectionKind::Procurement,
        SectionKind::Performance,
        SectionKind::Assets,
        SectionKind::Other,
    ];

    /// The usual title in the national form.
    pub fn title(self) -> &'static str {
        match self {
            SectionKind::Changes => "部门预算收支数据变动情况及原因",
            SectionKind::Revenue => "收入预算情况说明",
            SectionKind::Expenditure => "支出预算情况说明",
            SectionKind::FiscalOverall => "财政拨款收支预算总体情况说明",
            SectionKind::GeneralPublic => "一般公共预算支出情况说明",
            SectionKind::Basic => "一般公共预算基本支出情况说明",
            SectionKind::ThreePublic => "“三公”经费增减变动原因说明",
            SectionKind::OperatingCosts => "机关运行经费增减变动原因说明",
            SectionKind::Procurement => "政府采购情况",
            SectionKind::Performance => "绩效管理情况",
            SectionKind::Assets => "国有资产占有使用情况",
            SectionKind::Other => "其他说明",
        }
    }
}

/// One section of the explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProseSection {
    /// The printed ordinal (一 → 1).
    pub number: u8,
    pub kind: SectionKind,
    pub title: String,
    pub paragraphs: Vec<Paragraph>,
    pub claims: Vec<Claim>,
    pub provenance: Provenance,
}

/// A paragraph of prose with wrapped lines joined.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Paragraph {
    pub text: String,
    /// Line of its first character.
    pub provenance: Provenance,
}

/// 增减方向 the direction word of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Direction {
    /// 增加 / 增长 / 上升.
    #[serde(rename = "增加")]
    Increase,
    /// 减少 / 下降 / 降低.
    #[serde(rename = "减少")]
    Decrease,
    /// 持平 / 与上年相同.
    #[serde(rename = "持平")]
    Unchanged,
}

/// What a figure in the prose asserts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ClaimKind {
    /// `一般公共服务支出567.20万元`.
    Amount { value: Amount },
    /// `占77.70%` of a base (the section's total unless named).
    Share {
        value: Percent,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        base: Option<String>,
    },
    /// `比上年减少141.87万元，下降16.27%`: the amount and rate are each optional.
    Change {
        direction: Direction,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount: Option<Amount>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rate: Option<Percent>,
    },
    /// `项目2个`, `8个`.
    Count { value: u32, unit: String },
    /// `1、…100万元 … 11、…13万元 … 该项目合计共需210万元`.
    Enumeration {
        items: Vec<EnumeratedItem>,
        stated_total: Amount,
    },
    /// 政府采购 total = 货物 + 工程 + 服务.
    Procurement {
        total: Amount,
        goods: Option<Amount>,
        works: Option<Amount>,
        services: Option<Amount>,
    },
}

/// One item of an enumeration that states its own total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EnumeratedItem {
    pub label: String,
    pub value: Amount,
}

/// A figure the prose states, and what it is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Claim {
    pub kind: ClaimKind,
    /// What the figure is about as the prose names it (`一般公共服务支出`,
    /// `基本支出`, `三公经费`).
    pub subject: String,
    /// The sentence it stands in.
    pub sentence: String,
    /// The table cell it restates, where the reader could resolve it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<CellRef>,
    /// What it is about when that is not a table cell: `procurement.goods`,
    /// `performance.projects`, `assets.vehicles`, … (see the reader).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    pub provenance: Provenance,
}

impl Claim {
    /// Whether the reader found what the figure is about.
    pub fn is_resolved(&self) -> bool {
        self.cell.is_some() || self.topic.is_some()
    }
}

/// A reference to one table cell by printed table number, row and column.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct CellRef {
    pub table: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    /// The row's classification code, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_code: Option<String>,
    /// The row's label otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_label: Option<String>,
    pub column: Column,
}
