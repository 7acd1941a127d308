//! Who publishes: departments, their units, and what kind of unit each is.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// 单位类型 the kind of spending unit. It decides which government economic
/// item a department economic item maps to (行政 基本工资 → 工资奖金津补贴,
/// 事业 基本工资 → 工资福利支出) and whether its public expenditure counts as
/// 机关运行经费.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum UnitKind {
    /// 行政单位 administrative unit.
    #[serde(rename = "行政")]
    Administrative,
    /// 参照公务员法管理的事业单位 public institution managed like an administrative
    /// unit (参公): the government classification books it with the 机关 (501,
    /// 502), and its public expenditure counts as 机关运行经费.
    #[serde(rename = "参公")]
    CivilServiceManaged,
    /// 事业单位 public institution.
    #[serde(rename = "事业")]
    Institution,
}

impl UnitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Administrative => "行政",
            UnitKind::CivilServiceManaged => "参公",
            UnitKind::Institution => "事业",
        }
    }

    /// Whether the government economic classification treats the unit as a 机关
    /// (items 501/502, which cover 参公 units too) rather than as a subsidised
    /// institution (505).
    pub fn maps_as_administrative(self) -> bool {
        matches!(
            self,
            UnitKind::Administrative | UnitKind::CivilServiceManaged
        )
    }

    /// Whether its public expenditure is 机关运行经费.
    pub fn has_operating_costs(self) -> bool {
        matches!(
            self,
            UnitKind::Administrative | UnitKind::CivilServiceManaged
        )
    }
}
