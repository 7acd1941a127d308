//! 主要数据 the headline figures of a disclosure, kept beside it so the
//! pages across departments and years need no walk over its facts.

use crate::document::to_fen;
use yusuan_core::model::{Column, Disclosure, RowKind, TableKind};

/// Headline figures in 分; `None` where the disclosure does not print them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Headline {
    /// 支出合计 of 预算支出总表 (table 3).
    pub total: Option<i64>,
    /// 基本支出 of table 3.
    pub basic: Option<i64>,
    /// 项目支出 of table 3.
    pub project: Option<i64>,
    /// “三公”经费 合计 (table 10).
    pub three_public: Option<i64>,
    /// 机关运行经费 部门合计 (table 11).
    pub operating: Option<i64>,
}

impl Headline {
    pub fn of(d: &Disclosure) -> Headline {
        let cell = |kind: TableKind, column: Column| -> Option<i64> {
            let table = d.tables.iter().find(|t| t.kind == kind)?;
            // A table printed with 本表无数据 and no figure states zero.
            let empty = table.empty_note && table.rows.iter().all(|r| r.cells.is_empty());
            match table
                .row_of_kind(RowKind::Total, None)
                .and_then(|r| r.get(column))
            {
                Some(a) => to_fen(&a.printed(), a.unit),
                None if empty => Some(0),
                None => None,
            }
        };
        Headline {
            total: cell(TableKind::ExpenditureSummary, Column::Total),
            basic: cell(TableKind::ExpenditureSummary, Column::Basic),
            project: cell(TableKind::ExpenditureSummary, Column::Project),
            three_public: cell(TableKind::ThreePublic, Column::Total),
            operating: cell(TableKind::OperatingCosts, Column::Total),
        }
    }
}
