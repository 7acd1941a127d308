//! A whole published disclosure: metadata, the parts found, tables, prose,
//! performance targets, procurement, assets and the glossary.

use super::prose::{ProseSection, SectionKind};
use super::provenance::{Provenance, SourceFile};
use super::table::{Table, TableKind};
use super::target::{DepartmentTarget, PerformanceTarget};
use crate::amount::{Amount, Unit};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// 文档类型 what the document discloses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum DocKind {
    /// 预算 the approved budget.
    #[serde(rename = "预算")]
    Budget,
    /// 决算 the final accounts after the year.
    #[serde(rename = "决算")]
    FinalAccounts,
}

/// 行政级次 the level of government the department belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Level {
    /// 中央.
    #[serde(rename = "中央")]
    Central,
    /// 省级.
    #[serde(rename = "省级")]
    Provincial,
    /// 市级 (地级市).
    #[serde(rename = "市级")]
    City,
    /// 县级 (县, 县级市, 区).
    #[serde(rename = "县级")]
    County,
    /// 乡镇.
    #[serde(rename = "乡镇")]
    Township,
}

/// Who published what, for which year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Metadata {
    /// 部门名称 (`汾阳市信访局`).
    pub department: String,
    /// 部门代码 as printed in the target tables (`027`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_code: Option<String>,
    /// 地区 (`山西省吕梁市汾阳市`, or as much as is known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// 预算年度.
    pub year: u16,
    pub kind: DocKind,
    /// The unit of the main tables.
    pub unit: Unit,
}

/// The parts of the form a disclosure must contain, for completeness checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    /// 封面.
    Cover,
    /// 目录.
    Contents,
    /// 第一部分 概况.
    Overview,
    /// 第二部分 报表.
    Tables,
    /// 第三部分 情况说明.
    Explanation,
    /// 绩效目标表.
    Targets,
    /// 第四部分 名词解释.
    Glossary,
}

/// Where a part of the form was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OutlineEntry {
    pub part: Part,
    pub title: String,
    pub provenance: Provenance,
}

/// 第一部分 概况: duties and organisation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Overview {
    /// 本部门职责.
    pub duties: Vec<String>,
    /// 机构设置情况.
    pub organisation: Vec<String>,
}

/// 政府采购 the procurement budget as the prose states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Procurement {
    pub total: Amount,
    /// 货物.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goods: Option<Amount>,
    /// 工程.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub works: Option<Amount>,
    /// 服务.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<Amount>,
    pub provenance: Provenance,
}

/// 国有资产占有使用情况 what the prose says of assets; `None` where it says nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Assets {
    /// 车辆编制数.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicles_quota: Option<u32>,
    /// 实有车辆数.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicles: Option<u32>,
    /// 办公用房建筑面积, 平方米, as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub building_area: Option<String>,
    /// 单位价值50万元以上通用设备 (台套).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub general_equipment_over_500k: Option<u32>,
    /// 单位价值100万元以上专用设备 (台套).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_equipment_over_1m: Option<u32>,
    pub provenance: Provenance,
}

/// 名词解释 one glossary entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GlossaryEntry {
    pub term: String,
    pub definition: String,
    pub provenance: Provenance,
}

/// A departmental budget (or final-accounts) disclosure as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Disclosure {
    pub meta: Metadata,
    /// The files it was read from; [`Provenance::source`] indexes this list.
    pub sources: Vec<SourceFile>,
    /// The parts of the form found, in document order.
    pub outline: Vec<OutlineEntry>,
    pub overview: Overview,
    pub tables: Vec<Table>,
    pub sections: Vec<ProseSection>,
    pub targets: Vec<PerformanceTarget>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_target: Option<DepartmentTarget>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procurement: Option<Procurement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assets: Option<Assets>,
    pub glossary: Vec<GlossaryEntry>,
}

impl Disclosure {
    /// An empty disclosure of a department and year, to be filled by a reader
    /// or the maker.
    pub fn new(meta: Metadata) -> Self {
        Disclosure {
            meta,
            sources: Vec::new(),
            outline: Vec::new(),
            overview: Overview::default(),
            tables: Vec::new(),
            sections: Vec::new(),
            targets: Vec::new(),
            department_target: None,
            procurement: None,
            assets: None,
            glossary: Vec::new(),
        }
    }

    /// The table of a kind, if present.
    pub fn table(&self, kind: TableKind) -> Option<&Table> {
        self.tables.iter().find(|t| t.kind == kind)
    }

    /// The table with a printed number, if present.
    pub fn table_number(&self, number: u8) -> Option<&Table> {
        self.tables.iter().find(|t| t.number == number)
    }

    /// The prose section of a kind, if present.
    pub fn section(&self, kind: SectionKind) -> Option<&ProseSection> {
        self.sections.iter().find(|s| s.kind == kind)
    }
}
