//! The arithmetic identities a disclosure's tables must satisfy, declared as
//! data ([`national`]) and evaluated by one engine ([`eval`]) with the
//! rounding semantics of XBRL Calculations 1.1.
//!
//! An identity says that one sum of printed cells equals another. The engine
//! knows nothing of particular tables: which rows and columns take part is
//! all in the declaration, so a regional form is a different list, not
//! different code.

pub mod eval;
pub mod national;

use crate::model::{Column, RowKind, Side, TableKind};
use serde::Serialize;

pub use eval::{evaluate, evaluate_all, family_indices, Violation};

/// Which rows of a table take part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum RowSel {
    /// Every row of a kind.
    Kind(RowKind),
    /// Every row of a kind at one level.
    KindLevel(RowKind, u8),
    /// Every row printed with this label (after ordinal removal); summed when
    /// printed more than once, as table 6 prints an item per government item.
    Label(&'static str),
    /// Every row of a kind with this label.
    KindLabel(RowKind, &'static str),
    /// The row of a classification code.
    Code(&'static str),
}

/// A set of cells: the rows a selector picks on one side of one table, in one
/// column. Their printed values are summed; an empty cell counts as zero.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cells {
    pub table: TableKind,
    pub side: Option<Side>,
    pub rows: RowSel,
    pub column: Column,
}

/// Shorthand for a cell set.
pub fn cells(table: TableKind, side: Option<Side>, rows: RowSel, column: Column) -> Cells {
    Cells {
        table,
        side,
        rows,
        column,
    }
}

/// What must add up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Identity {
    /// In every selected row of a table: `total` = Σ `parts`.
    RowSum {
        table: TableKind,
        side: Option<Side>,
        rows: RowSel,
        total: Column,
        parts: Vec<Column>,
    },
    /// Every row that has children equals the sum of its children, in every
    /// column: classification rows by code (类 = Σ 款, 款 = Σ 项), other rows
    /// by printed level and order (a unit = Σ its projects); and the total
    /// row (合计, 部门合计) equals the sum of the top-level rows.
    Hierarchy {
        table: TableKind,
        side: Option<Side>,
    },
    /// Σ `lhs` = Σ `rhs`.
    Equal { lhs: Vec<Cells>, rhs: Vec<Cells> },
    /// Σ `lhs` ≥ Σ `rhs` (a part cannot exceed what contains it).
    AtLeast { lhs: Vec<Cells>, rhs: Vec<Cells> },
    /// For every classification code printed in either table: the value in
    /// `a`'s column equals the value in `b`'s column (a code a table does not
    /// print is zero there). Restricted to codes of `digits` length if given.
    CodesMatch {
        a: (TableKind, Option<Side>, Column),
        b: (TableKind, Option<Side>, Column),
        digits: Option<usize>,
    },
}

/// How sure the identity is: some hold by definition, others only usually
/// (a project can carry social-insurance items too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    /// Holds by definition of the tables: a violation is an error.
    Must,
    /// Holds in the normal case: a violation deserves a look.
    Expected,
}

/// A declared identity with its stable id and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Declared {
    /// Stable id, e.g. `t1-income-total`.
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub strength: Strength,
    /// When not empty, only evaluated if one of these cell sets selects a
    /// printed row ("where present": 退休费 = 2080501 only where 2080501 is
    /// printed).
    pub when_present: Vec<Cells>,
    pub identity: Identity,
}
