//! Tidy facts: one record per printed table cell, the stable `facts` export.

use super::disclosure::Disclosure;
use super::table::{Column, Side, Table};
use crate::amount::Amount;
use serde::Serialize;

/// One printed, non-empty table cell (`table,row_code,row_label,column,value`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// The printed table number.
    pub table: u8,
    /// The classification code where the row has one, else empty.
    pub row_code: String,
    /// The printed label, ordinal removed, wrapped lines joined; table 6's
    /// items printed more than once carry `/government item`.
    pub row_label: String,
    /// The canonical column name.
    pub column: &'static str,
    /// The value as printed in the table's unit, without separators.
    pub value: String,
    /// The 1-based source line of the cell, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl Fact {
    fn new(
        table: &Table,
        row_code: Option<&str>,
        row_label: String,
        column: Column,
        value: &Amount,
        line: Option<u32>,
    ) -> Fact {
        Fact {
            table: table.number,
            row_code: row_code.unwrap_or_default().to_string(),
            row_label,
            column: column.name(),
            value: value.printed(),
            line,
        }
    }
}

/// The tidy facts of one table: for a two-sided table the income rows first,
/// then the expenditure rows, each in printed order.
pub fn table_facts(table: &Table) -> Vec<Fact> {
    let repeated = table.repeated_labels();
    let mut out = Vec::new();
    for side in [Some(Side::Income), Some(Side::Expenditure), None] {
        for row in table.rows.iter().filter(|r| r.side == side) {
            let label = row.fact_label(repeated.contains(row.label.as_str()));
            for cell in &row.cells {
                let line = cell.provenance.line.or(row.provenance.line);
                out.push(Fact::new(
                    table,
                    row.code.as_deref(),
                    label.clone(),
                    cell.column,
                    &cell.value,
                    line,
                ));
            }
        }
    }
    out
}

impl Disclosure {
    /// Every printed cell of every table, tables in printed-number order.
    pub fn facts(&self) -> Vec<Fact> {
        let mut tables: Vec<&Table> = self.tables.iter().collect();
        tables.sort_by_key(|t| t.number);
        tables.into_iter().flat_map(table_facts).collect()
    }
}
