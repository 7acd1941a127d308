//! Placing the figures of rows whose columns the layout lost, by solving the
//! identities of the form (the profile's declarations) across all tables.

use crate::profile::TableSpec;
use crate::rows::RawRow;
use crate::solve::{placements, ChoiceProblem, Choices, Constraint, Relation};
use std::collections::HashMap;
use yusuan_core::amount::Unit;
use yusuan_core::finding::{Finding, Severity};
use yusuan_core::identity::{family_indices, Cells, Declared, Identity, Strength};
use yusuan_core::interval::Interval;
use yusuan_core::model::{Cell, Column, Row, Side, Table};

/// A table being read: its rows, the figures still to place, and which rows
/// are decided.
#[derive(Debug, Clone)]
pub struct Pending {
    pub table: Table,
    pub spec: TableSpec,
    pub raw: Vec<RawRow>,
    pub decided: Vec<bool>,
    /// No placement satisfied every identity: a figure is wrong somewhere.
    pub inconsistent: bool,
}

impl Pending {
    /// Place what the layout already says: rows whose figures carry their
    /// column (TAB), and rows whose figures fill every column of their side.
    pub fn new(table: Table, spec: TableSpec, raw: Vec<RawRow>) -> Pending {
        let mut p = Pending {
            inconsistent: false,
            decided: vec![false; raw.len()],
            table,
            spec,
            raw,
        };
        for i in 0..p.raw.len() {
            let cols = p.spec.values(p.raw[i].side);
            let figures = &p.raw[i].figures;
            if figures.iter().all(|f| f.column.is_some()) {
                let placed: Vec<(Column, usize)> = figures
                    .iter()
                    .enumerate()
                    .map(|(k, f)| (f.column.unwrap_or(Column::Total), k))
                    .collect();
                p.place(i, &placed);
            } else if figures.len() == cols.len() {
                let placed: Vec<(Column, usize)> = cols.iter().copied().zip(0..).collect();
                p.place(i, &placed);
            } else if figures.len() > cols.len() {
                // Too many figures: nothing sensible to place; kept unplaced.
                p.decided[i] = true;
                p.table.rows[i].unplaced = figures.iter().map(|f| f.value).collect();
            }
        }
        p
    }

    fn place(&mut self, row: usize, placed: &[(Column, usize)]) {
        let r = &mut self.table.rows[row];
        r.cells = placed
            .iter()
            .map(|(column, k)| Cell {
                column: *column,
                value: self.raw[row].figures[*k].value,
                provenance: self.raw[row].figures[*k].provenance.clone(),
            })
            .collect();
        r.unplaced.clear();
        self.decided[row] = true;
    }

    pub fn is_done(&self) -> bool {
        self.decided.iter().all(|d| *d)
    }

    /// The problem's columns: every value slot, side-qualified.
    fn columns(&self) -> Vec<(Option<Side>, Column)> {
        self.spec
            .sides()
            .into_iter()
            .flat_map(|s| self.spec.values(s).into_iter().map(move |c| (s, c)))
            .collect()
    }

    /// Candidate placements of a row over the problem's columns: for a row
    /// still to place, one per placement of its figures ([`Placements`]),
    /// in that order.
    fn candidates(
        &self,
        row: usize,
        columns: &[(Option<Side>, Column)],
        placements: &mut Placements,
    ) -> Choices {
        let unit = self.table.unit;
        let side = self.table.rows[row].side;
        if self.decided[row] {
            let cand = columns
                .iter()
                .map(|(s, c)| {
                    (*s == side)
                        .then(|| self.table.rows[row].get(*c).map(|a| a.interval_in(unit)))
                        .flatten()
                })
                .collect();
            return Choices::Values(vec![cand]);
        }
        let side_cols: Vec<Column> = self.spec.values(side);
        // Each figure's interval once, whichever columns it is tried in.
        let values: Vec<Interval> = self.raw[row]
            .figures
            .iter()
            .map(|f| f.value.interval_in(unit))
            .collect();
        let all = placements.of(values.len(), side_cols.len());
        let mut picks = Vec::with_capacity(all.len() * columns.len());
        for slots in all {
            // In each column of the row's side, the first figure placed in
            // a slot of that column.
            picks.extend(columns.iter().map(|(s, c)| {
                if *s != side {
                    return None;
                }
                slots.iter().position(|slot| side_cols[*slot] == *c)
            }));
        }
        Choices::Figures {
            values,
            picks,
            candidates: all.len(),
        }
    }

    /// Place a row still to place by its candidate `choice`.
    fn place_candidate(&mut self, row: usize, choice: usize, placements: &mut Placements) {
        let side_cols = self.spec.values(self.table.rows[row].side);
        let n = self.raw[row].figures.len();
        if let Some(slots) = placements.of(n, side_cols.len()).get(choice) {
            let map = slot_map(&side_cols, slots);
            self.place(row, &map);
        }
    }
}

/// Which figure goes in which column under a placement (figure `k` in slot
/// `slots[k]` of the side's columns).
fn slot_map(side_cols: &[Column], slots: &[usize]) -> Vec<(Column, usize)> {
    slots
        .iter()
        .enumerate()
        .map(|(k, s)| (side_cols[*s], k))
        .collect()
}

/// The order-preserving placements of `n` figures into `k` columns
/// ([`placements`]), each list made once: rows of a table share them.
#[derive(Debug, Default)]
struct Placements(HashMap<(usize, usize), Vec<Vec<usize>>>);

impl Placements {
    fn of(&mut self, n: usize, k: usize) -> &[Vec<usize>] {
        self.0.entry((n, k)).or_insert_with(|| placements(n, k))
    }
}

/// The known value of a cell set in another table: `None` when that table is
/// absent or one of the rows selected is not decided yet.
fn known(tables: &[Pending], cells: &Cells, unit: Unit) -> Option<Interval> {
    let p = tables.iter().find(|p| p.table.kind == cells.table)?;
    let mut sum = Interval::zero();
    for (i, r) in p.table.rows.iter().enumerate() {
        if (cells.side.is_none() || r.side == cells.side) && cells.rows.matches(r) {
            if !p.decided[i] {
                return None;
            }
            if let Some(a) = r.get(cells.column) {
                sum = sum.add(&a.interval_in(unit));
            }
        }
    }
    Some(sum)
}

fn column_index(
    columns: &[(Option<Side>, Column)],
    side: Option<Side>,
    column: Column,
) -> Option<usize> {
    columns.iter().position(|(s, c)| *s == side && *c == column)
}

/// The constraints an identity puts on table `t`, given what the other tables
/// already say.
fn constraints_of(
    decl: &Declared,
    t: usize,
    tables: &[Pending],
    columns: &[(Option<Side>, Column)],
) -> Vec<Constraint> {
    let me = &tables[t];
    let rows = &me.table.rows;
    let kind = me.table.kind;
    let unit = me.table.unit;
    let mut out = Vec::new();
    let zero = |terms: Vec<(usize, usize, i8)>| Constraint {
        terms,
        constant: Interval::zero(),
        relation: Relation::Zero,
    };
    match &decl.identity {
        Identity::RowSum {
            table,
            side,
            rows: sel,
            total,
            parts,
        } if *table == kind => {
            for (i, r) in rows.iter().enumerate() {
                if (side.is_none() || r.side == *side) && sel.matches(r) {
                    let mut terms = Vec::with_capacity(1 + parts.len());
                    if let Some(c) = column_index(columns, r.side, *total) {
                        terms.push((i, c, 1));
                    }
                    terms.extend(
                        parts
                            .iter()
                            .filter_map(|p| column_index(columns, r.side, *p))
                            .map(|c| (i, c, -1)),
                    );
                    out.push(zero(terms));
                }
            }
        }
        Identity::Hierarchy { table, side } if *table == kind => {
            for (parent, children) in family_indices(rows, *side) {
                for (c, (s, _)) in columns.iter().enumerate() {
                    if *s != rows[parent].side {
                        continue;
                    }
                    let mut terms = Vec::with_capacity(1 + children.len());
                    terms.push((parent, c, 1));
                    terms.extend(children.iter().map(|ch| (*ch, c, -1)));
                    out.push(zero(terms));
                }
            }
        }
        Identity::Equal { lhs, rhs } | Identity::AtLeast { lhs, rhs } => {
            // An identity naming no cell of this table says nothing of it
            // (and what it says of the others need not be summed).
            if !lhs.iter().chain(rhs).any(|cells| cells.table == kind) {
                return out;
            }
            let mut terms = Vec::new();
            let mut constant = Interval::zero();
            for (sets, sign) in [(lhs, 1i8), (rhs, -1i8)] {
                for cells in sets {
                    if cells.table == kind {
                        for (i, r) in rows.iter().enumerate() {
                            if (cells.side.is_none() || r.side == cells.side)
                                && cells.rows.matches(r)
                            {
                                if let Some(c) = column_index(columns, r.side, cells.column) {
                                    terms.push((i, c, sign));
                                }
                            }
                        }
                    } else {
                        let Some(v) = known(tables, cells, unit) else {
                            return out;
                        };
                        constant = if sign > 0 {
                            constant.add(&v)
                        } else {
                            constant.sub(&v)
                        };
                    }
                }
            }
            if !terms.is_empty() {
                out.push(Constraint {
                    terms,
                    constant,
                    relation: match decl.identity {
                        Identity::Equal { .. } => Relation::Zero,
                        _ => Relation::NonNegative,
                    },
                });
            }
        }
        Identity::CodesMatch { a, b, digits } => {
            let (mine, other, flip) = if a.0 == kind && b.0 != kind {
                (a, b, false)
            } else if b.0 == kind && a.0 != kind {
                (b, a, true)
            } else {
                return out;
            };
            let Some(op) = tables.iter().find(|p| p.table.kind == other.0) else {
                return out;
            };
            if !op.is_done() {
                return out;
            }
            let _ = flip;
            for (i, r) in rows.iter().enumerate() {
                let Some(code) = r.code.as_deref() else {
                    continue;
                };
                if mine.1.is_some() && r.side != mine.1 || digits.is_some_and(|n| code.len() != n) {
                    continue;
                }
                let Some(c) = column_index(columns, r.side, mine.2) else {
                    continue;
                };
                let v = op
                    .table
                    .row_by_code(code, other.1)
                    .and_then(|o| o.get(other.2))
                    .map_or(Interval::zero(), |a| a.interval_in(unit));
                out.push(Constraint {
                    terms: vec![(i, c, 1)],
                    constant: v.neg(),
                    relation: Relation::Zero,
                });
            }
        }
        _ => {}
    }
    out
}

/// Place the figures of every table, passing what is decided in one table to
/// the others until nothing more can be decided. Rows left undecided keep
/// their figures unplaced, with an `ambiguous-columns` finding.
pub fn place_all(tables: &mut [Pending], identities: &[Declared], findings: &mut Vec<Finding>) {
    let must: Vec<&Declared> = identities
        .iter()
        .filter(|d| d.strength == Strength::Must)
        .collect();
    let mut placements = Placements::default();
    for _pass in 0..4 {
        let mut progress = false;
        for t in 0..tables.len() {
            if tables[t].is_done() {
                continue;
            }
            let columns = tables[t].columns();
            let mut problem = ChoiceProblem {
                columns: columns.len(),
                ..Default::default()
            };
            for row in 0..tables[t].table.rows.len() {
                let candidates = tables[t].candidates(row, &columns, &mut placements);
                problem.rows.push(candidates);
            }
            for decl in &must {
                problem
                    .constraints
                    .extend(constraints_of(decl, t, tables, &columns));
            }
            // A constraint among decided rows only cannot decide anything.
            problem
                .constraints
                .retain(|k| k.terms.iter().any(|(r, _, _)| problem.rows[*r].len() > 1));
            let mut solution = problem.solve();
            if solution.found == 0 {
                // The table breaks an identity (the checker will say which).
                // A single wrong figure breaks the identities of its row: find
                // the row whose ties to the others, once dropped, let the rest
                // be placed; failing that, place by the rows' own sums alone.
                tables[t].inconsistent = true;
                let local = |k: &Constraint| k.terms.iter().all(|(r, _, _)| *r == k.terms[0].0);
                let all = problem.constraints.clone();
                let mut rescued = None;
                for suspect in 0..problem.rows.len() {
                    problem.constraints = all
                        .iter()
                        .filter(|k| local(k) || !k.terms.iter().any(|(r, _, _)| *r == suspect))
                        .cloned()
                        .collect();
                    let s = problem.solve();
                    if s.found > 0 {
                        rescued = Some(s);
                        break;
                    }
                }
                solution = match rescued {
                    Some(s) => s,
                    None => {
                        problem.constraints = all.into_iter().filter(|k| local(k)).collect();
                        problem.solve()
                    }
                };
            }
            for (row, choice) in solution.decided.iter().enumerate() {
                if let (Some(c), false) = (choice, tables[t].decided[row]) {
                    tables[t].place_candidate(row, *c, &mut placements);
                    progress = true;
                }
            }
        }
        if !progress {
            break;
        }
    }
    for p in tables.iter_mut() {
        let inconsistent = p.inconsistent;
        for (i, row) in p.table.rows.iter_mut().enumerate() {
            if p.decided[i] {
                // Decided with its figures unplaced: more than its columns.
                if !row.unplaced.is_empty() {
                    let figures: Vec<String> = row.unplaced.iter().map(|a| a.printed()).collect();
                    let mut f = Finding::new(
                        "extra-cell",
                        Severity::Warning,
                        format!(
                            "表{}「{}」: {} figures ({}) for fewer columns; they are kept unplaced",
                            p.table.number,
                            row.label,
                            figures.len(),
                            figures.join(", ")
                        ),
                    )
                    .in_table(p.table.number)
                    .in_row(row.code.clone().unwrap_or_else(|| row.label.clone()));
                    f.location.line = row.provenance.line;
                    findings.push(f);
                }
                continue;
            }
            row.unplaced = p.raw[i].figures.iter().map(|f| f.value).collect();
            let figures: Vec<String> = row.unplaced.iter().map(|a| a.printed()).collect();
            findings.push(ambiguous(p.table.number, row, &figures, inconsistent));
        }
    }
}

fn ambiguous(table: u8, row: &Row, figures: &[String], inconsistent: bool) -> Finding {
    let why = if inconsistent {
        "cannot be placed: no placement of this table's figures satisfies every identity of the form, so a figure here (or in a table this one must agree with) is likely wrong"
    } else {
        "fit more than one set of columns, and no identity of the form decides which"
    };
    let mut f = Finding::new(
        "ambiguous-columns",
        Severity::Warning,
        format!(
            "表{table}「{}」: the figures {} {why}; they are kept unplaced",
            row.label,
            figures.join(", ")
        ),
    )
    .in_table(table)
    .in_row(row.code.clone().unwrap_or_else(|| row.label.clone()));
    f.location.line = row.provenance.line;
    f
}
