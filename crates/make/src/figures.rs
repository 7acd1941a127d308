//! The printed figures the prose restates, looked up in the derived tables.
//!
//! The prose never recomputes an amount from the facts: it quotes the cell of
//! the table that prints it, so a sentence and its table cannot disagree, and
//! shares and changes are computed from those printed figures exactly as a
//! reader would recompute them.

use rust_decimal::Decimal;
use yusuan_core::amount::{Amount, Unit};
use yusuan_core::model::{Column, Disclosure, Row, RowKind, Side, Table, TableKind};
use yusuan_core::rate::Percent;

/// The derived tables of one disclosure, by what the prose asks of them.
pub struct Figures<'a> {
    d: &'a Disclosure,
}

/// A zero in the tables' unit, for rows a table leaves out.
fn zero() -> Amount {
    Amount::round(Decimal::ZERO, Unit::WanYuan, 2)
}

impl<'a> Figures<'a> {
    pub fn new(d: &'a Disclosure) -> Self {
        Figures { d }
    }

    pub fn table(&self, kind: TableKind) -> Option<&'a Table> {
        self.d.table(kind)
    }

    fn cell(row: Option<&Row>, column: Column) -> Amount {
        row.and_then(|r| r.get(column))
            .copied()
            .unwrap_or_else(zero)
    }

    fn row(&self, kind: TableKind, row: RowKind, side: Option<Side>) -> Option<&'a Row> {
        self.table(kind)?.row_of_kind(row, side)
    }

    /// A row of a kind with a label (a funding source, a 三公 item).
    fn labelled(
        &self,
        kind: TableKind,
        row: RowKind,
        label: &str,
        side: Option<Side>,
    ) -> Option<&'a Row> {
        self.table(kind)?
            .rows
            .iter()
            .find(|r| r.kind == row && r.label == label && (side.is_none() || r.side == side))
    }

    /// 表1 收入 by source (this year's money).
    pub fn income_of(&self, source: &str) -> Amount {
        Self::cell(
            self.labelled(
                TableKind::BudgetSummary,
                RowKind::Source,
                source,
                Some(Side::Income),
            ),
            Column::Amount,
        )
    }

    /// 表1 本年收入合计.
    pub fn income_this_year(&self) -> Amount {
        Self::cell(
            self.row(
                TableKind::BudgetSummary,
                RowKind::YearTotal,
                Some(Side::Income),
            ),
            Column::Amount,
        )
    }

    /// 表1 上年结转 (income).
    pub fn income_carryover(&self) -> Amount {
        Self::cell(
            self.row(
                TableKind::BudgetSummary,
                RowKind::Carryover,
                Some(Side::Income),
            ),
            Column::Amount,
        )
    }

    /// 表1 收入总计.
    pub fn income_total(&self) -> Amount {
        Self::cell(
            self.row(
                TableKind::BudgetSummary,
                RowKind::GrandTotal,
                Some(Side::Income),
            ),
            Column::Amount,
        )
    }

    /// 表1 支出总计 in a column (合计, 当年预算安排, 上年结转安排).
    pub fn expenditure_total(&self, column: Column) -> Amount {
        Self::cell(
            self.row(
                TableKind::BudgetSummary,
                RowKind::GrandTotal,
                Some(Side::Expenditure),
            ),
            column,
        )
    }

    /// 表3 合计 in a column (合计, 基本支出, 项目支出).
    pub fn expenditure(&self, column: Column) -> Amount {
        Self::cell(
            self.row(TableKind::ExpenditureSummary, RowKind::Total, None),
            column,
        )
    }

    /// 表4 收入总计.
    pub fn fiscal_total(&self) -> Amount {
        Self::cell(
            self.row(
                TableKind::FiscalSummary,
                RowKind::GrandTotal,
                Some(Side::Income),
            ),
            Column::Amount,
        )
    }

    /// 表4 income rows of a kind (this year's sources, or the carried-over
    /// sources) by label.
    pub fn fiscal_income(&self, kind: RowKind, source: &str) -> Amount {
        Self::cell(
            self.labelled(TableKind::FiscalSummary, kind, source, Some(Side::Income)),
            Column::Amount,
        )
    }

    /// 表4 本年收入合计.
    pub fn fiscal_this_year(&self) -> Amount {
        Self::cell(
            self.row(
                TableKind::FiscalSummary,
                RowKind::YearTotal,
                Some(Side::Income),
            ),
            Column::Amount,
        )
    }

    /// 表4 上年财政拨款结转 (income).
    pub fn fiscal_carryover(&self) -> Amount {
        Self::cell(
            self.table(TableKind::FiscalSummary).and_then(|t| {
                t.rows.iter().find(|r| {
                    r.kind == RowKind::Carryover && r.level == 0 && r.side == Some(Side::Income)
                })
            }),
            Column::Amount,
        )
    }

    /// The 类 rows of a table's expenditure side with their amount in a
    /// column, those printed as zero left out.
    pub fn categories(&self, kind: TableKind, column: Column) -> Vec<(&'a Row, Amount)> {
        let Some(table) = self.table(kind) else {
            return Vec::new();
        };
        table
            .rows
            .iter()
            .filter(|r| {
                r.kind == RowKind::Classification
                    && r.code.as_deref().is_some_and(|c| c.len() == 3)
                    && r.side != Some(Side::Income)
            })
            .map(|r| (r, Self::cell(Some(r), column)))
            .filter(|(_, a)| !a.is_zero())
            .collect()
    }

    /// 表5 合计.
    pub fn general_public(&self) -> Amount {
        Self::cell(
            self.row(TableKind::GeneralPublicExpenditure, RowKind::Total, None),
            Column::Total,
        )
    }

    /// 表6 合计 in a column (合计, 人员经费, 公用经费).
    pub fn basic(&self, column: Column) -> Amount {
        Self::cell(
            self.row(TableKind::BasicByEconomic, RowKind::Total, None),
            column,
        )
    }

    /// 表6 款 rows with an amount in a column, in table order.
    pub fn economic_items(&self, column: Column) -> Vec<&'a str> {
        let Some(table) = self.table(TableKind::BasicByEconomic) else {
            return Vec::new();
        };
        table
            .rows
            .iter()
            .filter(|r| r.kind == RowKind::Classification && r.level >= 2)
            .filter(|r| r.get(column).is_some_and(|a| !a.is_zero()))
            .map(|r| r.label.as_str())
            .collect()
    }

    /// 表10 a row by label, 合计 column.
    pub fn three_public(&self, label: &str) -> Amount {
        Self::cell(
            self.labelled(TableKind::ThreePublic, RowKind::Item, label, None),
            Column::Total,
        )
    }

    /// 表10 合计.
    pub fn three_public_total(&self) -> Amount {
        Self::cell(
            self.row(TableKind::ThreePublic, RowKind::Total, None),
            Column::Total,
        )
    }

    /// 表11 部门合计.
    pub fn operating_costs(&self) -> Amount {
        Self::cell(
            self.row(TableKind::OperatingCosts, RowKind::Total, None),
            Column::Total,
        )
    }

    /// 表12 project rows with their 合计.
    pub fn projects(&self) -> Vec<(&'a Row, Amount)> {
        let Some(table) = self.table(TableKind::ProjectsCurrent) else {
            return Vec::new();
        };
        table
            .rows
            .iter()
            .filter(|r| r.kind == RowKind::Project)
            .map(|r| (r, Self::cell(Some(r), Column::Total)))
            .collect()
    }
}

/// `part` as a percentage of `whole`, as printed (`33.92`); `None` when the
/// whole is zero.
pub fn share(part: &Amount, whole: &Amount) -> Option<Percent> {
    if whole.value.is_zero() {
        return None;
    }
    Some(Percent::round(
        part.value / whole.value * Decimal::ONE_HUNDRED,
        2,
    ))
}

/// A yuan amount as the tables print it (万元, two decimals).
pub fn wan(yuan: Decimal) -> Amount {
    Amount::from_yuan(yuan, Unit::WanYuan, 2)
}

/// An amount that is the difference of two printed amounts, printed the same.
pub fn difference(a: &Amount, b: &Amount) -> Amount {
    let mut v = a.value - b.value;
    v.rescale(2);
    Amount {
        value: v,
        unit: a.unit,
        decimals: 2,
    }
}
