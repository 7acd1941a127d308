//! The column solver: which column each figure of a row is in, when the
//! layout lost the empty cells (text extracted from a PDF keeps the figures
//! of a row in order but not their columns).
//!
//! Each row has candidate placements (order-preserving assignments of its
//! figures to the columns of its side). Constraints are the identities the
//! table must satisfy, as linear relations between cells with rounding
//! intervals: `Σ sign·cell + constant ∋ 0` (or `≥ 0`). The solver prunes
//! candidates by interval bounds until nothing changes, then enumerates the
//! remaining combinations with the same bounds, stopping at a few solutions.
//! Rows placed alike in every solution are decided; the others are ambiguous,
//! and the reader does not guess them.

use rust_decimal::Decimal;
use yusuan_core::interval::Interval;

/// A placement of a row's figures: for each column of the problem, the value
/// placed there (an empty column is exactly zero).
pub type Candidate = Vec<Option<Interval>>;

/// Which relation a constraint asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The sum can be zero.
    Zero,
    /// The sum can be zero or more.
    NonNegative,
}

/// `Σ sign·cell(row, column) + constant` must be able to be zero (or ≥ 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    pub terms: Vec<(usize, usize, i8)>,
    pub constant: Interval,
    pub relation: Relation,
}

/// A table to place: candidates per row over `columns` columns.
#[derive(Debug, Clone, Default)]
pub struct Problem {
    pub columns: usize,
    pub rows: Vec<Vec<Candidate>>,
    pub constraints: Vec<Constraint>,
}

/// What the solver found.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// Per row, the candidate chosen where every solution agrees.
    pub decided: Vec<Option<usize>>,
    /// How many solutions were found (capped).
    pub found: usize,
}

const MAX_SOLUTIONS: usize = 8;
/// Bound on search steps, so a pathological table cannot hang the reader.
const MAX_STEPS: usize = 200_000;

/// All order-preserving placements of `n` figures into `k` slots, as lists of
/// slot indices.
pub fn placements(n: usize, k: usize) -> Vec<Vec<usize>> {
    fn rec(start: usize, n: usize, k: usize, cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if cur.len() == n {
            out.push(cur.clone());
            return;
        }
        let need = n - cur.len();
        for s in start..=k.saturating_sub(need) {
            cur.push(s);
            rec(s + 1, n, k, cur, out);
            cur.pop();
        }
    }
    let mut out = Vec::new();
    if n <= k {
        rec(0, n, k, &mut Vec::new(), &mut out);
    }
    out
}

impl Problem {
    /// Solve: prune, then enumerate up to a few solutions.
    ///
    /// The search adds and compares interval bounds many thousands of times
    /// on a large table, so it runs on integers where it can: every bound is
    /// an exact decimal, and at the largest scale among them each is an
    /// integer count of that unit (10⁻³ 万元 for figures printed to the cent
    /// and their half-unit rounding): `i64`, or `i128` for sums too large
    /// for it. When a bound would not convert, or a sum could exceed what
    /// [`Decimal`] holds exactly, the same search runs on decimals, so the
    /// answer is the same either way ([`Integers`]).
    pub fn solve(&self) -> Solution {
        let each = |visit: &mut dyn FnMut(&Interval)| {
            self.rows
                .iter()
                .flatten()
                .flatten()
                .flatten()
                .for_each(&mut *visit);
            self.constraints.iter().for_each(|k| visit(&k.constant));
        };
        let ints = Integers::of(each, &self.constraints);
        match ints.reach {
            Some(r) if r < I64_REACH => Flat::build(self, |d| ints.int(d) as i64).solve(),
            Some(r) if r < I128_REACH => Flat::build(self, |d| ints.int(d)).solve(),
            _ => Flat::build(self, |d| d).solve(),
        }
    }
}

/// The candidates of a row as the reader has them: written out value by
/// value (a decided row has one), or as figures to place.
#[derive(Debug, Clone)]
pub enum Choices {
    /// The candidates as they are.
    Values(Vec<Candidate>),
    /// Each figure's interval once, and for each of `candidates`
    /// candidates, `columns` entries: the figure standing in each column of
    /// the problem, if any.
    Figures {
        values: Vec<Interval>,
        picks: Vec<Option<usize>>,
        candidates: usize,
    },
}

impl Choices {
    /// How many candidates the row has.
    pub fn len(&self) -> usize {
        match self {
            Choices::Values(cands) => cands.len(),
            Choices::Figures { candidates, .. } => *candidates,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A [`Problem`] whose rows are [`Choices`]: the same problem, built without
/// writing every candidate's values out, which is most of the work of
/// building a large table's problem.
#[derive(Debug, Clone, Default)]
pub struct ChoiceProblem {
    pub columns: usize,
    pub rows: Vec<Choices>,
    pub constraints: Vec<Constraint>,
}

impl ChoiceProblem {
    /// [`Problem::solve`].
    pub fn solve(&self) -> Solution {
        let each = |visit: &mut dyn FnMut(&Interval)| {
            for row in &self.rows {
                match row {
                    Choices::Values(cands) => {
                        cands.iter().flatten().flatten().for_each(&mut *visit)
                    }
                    Choices::Figures { values, .. } => values.iter().for_each(&mut *visit),
                }
            }
            self.constraints.iter().for_each(|k| visit(&k.constant));
        };
        let ints = Integers::of(each, &self.constraints);
        match ints.reach {
            Some(r) if r < I64_REACH => Flat::build_choices(self, |d| ints.int(d) as i64).solve(),
            Some(r) if r < I128_REACH => Flat::build_choices(self, |d| ints.int(d)).solve(),
            _ => Flat::build_choices(self, |d| d).solve(),
        }
    }
}

/// The arithmetic the search runs on: exact integers at a common scale, or
/// the decimals themselves.
trait Bound: Copy + Ord + std::ops::Add<Output = Self> + std::ops::Sub<Output = Self> {
    const ZERO: Self;
}

impl Bound for i64 {
    const ZERO: Self = 0;
}

impl Bound for i128 {
    const ZERO: Self = 0;
}

impl Bound for Decimal {
    const ZERO: Self = Decimal::ZERO;
}

/// An [`Interval`] in the search's arithmetic, with its rules: a sum keeps an
/// open upper end, a difference is closed.
#[derive(Debug, Clone, Copy)]
struct Span<B> {
    lo: B,
    hi: B,
    open_hi: bool,
}

impl<B: Bound> Span<B> {
    /// An empty cell: exactly zero.
    const ZERO: Span<B> = Span {
        lo: B::ZERO,
        hi: B::ZERO,
        open_hi: false,
    };

    /// [`Interval::add`].
    fn add(self, other: Span<B>) -> Span<B> {
        Span {
            lo: self.lo + other.lo,
            hi: self.hi + other.hi,
            open_hi: self.open_hi || other.open_hi,
        }
    }

    /// [`Interval::sub`].
    fn sub(self, other: Span<B>) -> Span<B> {
        Span {
            lo: self.lo - other.hi,
            hi: self.hi - other.lo,
            open_hi: false,
        }
    }

    /// The closed interval covering both.
    fn hull(self, other: Span<B>) -> Span<B> {
        Span {
            lo: self.lo.min(other.lo),
            hi: self.hi.max(other.hi),
            open_hi: false,
        }
    }

    /// [`Interval::contains`] of zero.
    fn holds_zero(&self) -> bool {
        self.lo <= B::ZERO && (B::ZERO < self.hi || (B::ZERO == self.hi && !self.open_hi))
    }
}

/// A [`Constraint`] in the search's arithmetic.
#[derive(Debug, Clone)]
struct FlatConstraint<B> {
    terms: Vec<Term>,
    constant: Span<B>,
    relation: Relation,
    /// Whether every term is on one row: then whether the constraint can
    /// hold depends on that row's candidate alone.
    unary: bool,
}

/// A term of a constraint: `sign · cell(row, col)`, with the cell's index
/// in the ranges (`row · columns + col`).
#[derive(Debug, Clone, Copy)]
struct Term {
    row: usize,
    col: usize,
    at: usize,
    add: bool,
}

/// A [`Problem`] laid out for the search: every candidate's values in one
/// array, `columns` per candidate, the rows' candidates one after another.
#[derive(Debug, Clone)]
struct Flat<B> {
    columns: usize,
    values: Vec<Span<B>>,
    /// Index in `values` of each row's first candidate.
    first: Vec<usize>,
    /// How many candidates each row has.
    counts: Vec<usize>,
    constraints: Vec<FlatConstraint<B>>,
}

impl<B: Bound> Flat<B> {
    /// Lay a problem out, converting each bound with `bound`.
    fn build(p: &Problem, bound: impl FnMut(Decimal) -> B) -> Flat<B> {
        let cells = p.rows.iter().map(Vec::len).sum::<usize>() * p.columns;
        Flat::lay_out(p.columns, cells, &p.constraints, bound, |values, span| {
            let mut first = Vec::with_capacity(p.rows.len());
            let mut counts = Vec::with_capacity(p.rows.len());
            for row in &p.rows {
                first.push(values.len());
                counts.push(row.len());
                for cand in row {
                    for col in 0..p.columns {
                        // A candidate shorter than the problem is empty beyond its end.
                        values.push(match cand.get(col) {
                            Some(Some(v)) => span(v),
                            _ => Span::ZERO,
                        });
                    }
                }
            }
            (first, counts)
        })
    }

    /// Lay a problem of [`Choices`] out: each figure converted once.
    fn build_choices(p: &ChoiceProblem, bound: impl FnMut(Decimal) -> B) -> Flat<B> {
        let cells = p.rows.iter().map(Choices::len).sum::<usize>() * p.columns;
        Flat::lay_out(p.columns, cells, &p.constraints, bound, |values, span| {
            let mut first = Vec::with_capacity(p.rows.len());
            let mut counts = Vec::with_capacity(p.rows.len());
            for row in &p.rows {
                first.push(values.len());
                counts.push(row.len());
                match row {
                    Choices::Values(cands) => {
                        for cand in cands {
                            for col in 0..p.columns {
                                values.push(match cand.get(col) {
                                    Some(Some(v)) => span(v),
                                    _ => Span::ZERO,
                                });
                            }
                        }
                    }
                    Choices::Figures {
                        values: figures,
                        picks,
                        ..
                    } => {
                        let figures: Vec<Span<B>> = figures.iter().map(&mut *span).collect();
                        values.extend(picks.iter().map(|k| k.map_or(Span::ZERO, |k| figures[k])));
                    }
                }
            }
            (first, counts)
        })
    }

    /// The layout common to both kinds of problem: `rows` writes the
    /// candidates' values (with `span` converting an interval) and gives
    /// each row's first value and candidate count.
    fn lay_out(
        columns: usize,
        cells: usize,
        constraints: &[Constraint],
        mut bound: impl FnMut(Decimal) -> B,
        rows: impl FnOnce(
            &mut Vec<Span<B>>,
            &mut dyn FnMut(&Interval) -> Span<B>,
        ) -> (Vec<usize>, Vec<usize>),
    ) -> Flat<B> {
        let mut span = |i: &Interval| Span {
            lo: bound(i.lo),
            hi: bound(i.hi),
            open_hi: i.open_hi,
        };
        let mut values = Vec::with_capacity(cells);
        let (first, counts) = rows(&mut values, &mut span);
        let constraints = constraints
            .iter()
            .map(|k| FlatConstraint {
                terms: k
                    .terms
                    .iter()
                    .map(|&(row, col, sign)| Term {
                        row,
                        col,
                        at: row * columns + col,
                        add: sign >= 0,
                    })
                    .collect(),
                constant: span(&k.constant),
                relation: k.relation,
                unary: k
                    .terms
                    .first()
                    .is_some_and(|first| k.terms.iter().all(|t| t.0 == first.0)),
            })
            .collect();
        Flat {
            columns,
            values,
            first,
            counts,
            constraints,
        }
    }

    /// The value of a cell under one candidate (an empty column is zero).
    fn value(&self, row: usize, cand: usize, col: usize) -> Span<B> {
        self.values[self.first[row] + cand * self.columns + col]
    }

    /// The range each cell of a row can take over the row's remaining
    /// candidates, written to `out` (one entry per column).
    fn row_ranges(&self, domain: &[usize], row: usize, out: &mut [Span<B>]) {
        for (col, range) in out.iter_mut().enumerate() {
            let mut it = domain.iter().map(|&c| self.value(row, c, col));
            let first = it.next().unwrap_or(Span::ZERO);
            *range = it.fold(first, Span::hull);
        }
    }

    /// The ranges of every row, `columns` per row.
    fn all_ranges(&self, domains: &[Vec<usize>]) -> Vec<Span<B>> {
        let mut ranges = vec![Span::ZERO; domains.len() * self.columns];
        for (row, domain) in domains.iter().enumerate() {
            let at = row * self.columns;
            self.row_ranges(domain, row, &mut ranges[at..at + self.columns]);
        }
        ranges
    }

    /// Whether a constraint can still hold, every row within its range,
    /// except `fixed`, whose candidate is given.
    fn feasible(
        &self,
        k: &FlatConstraint<B>,
        ranges: &[Span<B>],
        fixed: Option<(usize, usize)>,
    ) -> bool {
        let mut sum = k.constant;
        // The fixed row and where its candidate's values start.
        let (fixed_row, base) = match fixed {
            Some((row, cand)) => (Some(row), self.first[row] + cand * self.columns),
            None => (None, 0),
        };
        for t in &k.terms {
            let r = if fixed_row == Some(t.row) {
                self.values[base + t.col]
            } else {
                ranges[t.at]
            };
            sum = if t.add { sum.add(r) } else { sum.sub(r) };
        }
        match k.relation {
            Relation::Zero => sum.holds_zero(),
            Relation::NonNegative => sum.hi >= B::ZERO,
        }
    }

    /// Remove candidates that no choice of the other rows can complete, until
    /// nothing changes. Returns false if some row has no candidate left.
    fn prune(&self, domains: &mut [Vec<usize>], by_row: &ByRow) -> bool {
        let mut ranges = self.all_ranges(domains);
        let mut changed = true;
        while changed {
            changed = false;
            for (row, domain) in domains.iter_mut().enumerate() {
                let before = domain.len();
                if before <= 1 {
                    continue;
                }
                let kept: Vec<usize> = domain
                    .iter()
                    .copied()
                    .filter(|&c| {
                        by_row.unary_ok[by_row.first[row] + c]
                            && by_row.others[row].iter().all(|&k| {
                                self.feasible(&self.constraints[k], &ranges, Some((row, c)))
                            })
                    })
                    .collect();
                if kept.is_empty() {
                    return false;
                }
                if kept.len() < before {
                    let at = row * self.columns;
                    self.row_ranges(&kept, row, &mut ranges[at..at + self.columns]);
                    *domain = kept;
                    changed = true;
                }
            }
        }
        true
    }

    /// Rows with one candidate decided, the others not: what is left when
    /// nothing satisfies every identity.
    fn forced(&self) -> Solution {
        Solution {
            decided: self.counts.iter().map(|&n| (n == 1).then_some(0)).collect(),
            found: 0,
        }
    }

    fn solve(&self) -> Solution {
        let n = self.counts.len();
        let mut by_row = ByRow {
            first: self
                .counts
                .iter()
                .scan(0, |at, &c| {
                    let first = *at;
                    *at += c;
                    Some(first)
                })
                .collect(),
            unary_ok: vec![true; self.counts.iter().sum()],
            others: vec![Vec::new(); n],
        };
        for (i, k) in self.constraints.iter().enumerate() {
            if k.unary {
                let row = k.terms[0].row;
                let at = by_row.first[row];
                let oks = &mut by_row.unary_ok[at..at + self.counts[row]];
                for (c, ok) in oks.iter_mut().enumerate() {
                    *ok = *ok && self.feasible(k, &[], Some((row, c)));
                }
                continue;
            }
            for t in &k.terms {
                if !by_row.others[t.row].contains(&i) {
                    by_row.others[t.row].push(i);
                }
            }
        }
        let mut domains: Vec<Vec<usize>> = self.counts.iter().map(|&c| (0..c).collect()).collect();
        if !self.prune(&mut domains, &by_row) {
            // Nothing satisfies every identity: the table has an error the
            // checker will report; decide only rows with one candidate.
            return self.forced();
        }
        let mut solutions: Vec<Vec<usize>> = Vec::new();
        let mut steps = 0usize;
        self.search(&mut domains, &by_row, &mut solutions, &mut steps);
        if solutions.is_empty() {
            return self.forced();
        }
        // The solutions found are a sample (the search stops at a few): a
        // row on which they agree is decided only if no solution exists with
        // any other of its candidates.
        let decided = (0..n)
            .map(|row| {
                let first = solutions.first()?.get(row).copied()?;
                if !solutions.iter().all(|s| s[row] == first) {
                    return None;
                }
                let alternative = domains[row].iter().filter(|&&c| c != first).any(|&c| {
                    let mut trial = domains.clone();
                    trial[row] = vec![c];
                    self.exists(&mut trial, &by_row)
                });
                (!alternative).then_some(first)
            })
            .collect();
        Solution {
            decided,
            found: solutions.len(),
        }
    }

    /// Whether some solution exists within the domains.
    fn exists(&self, domains: &mut [Vec<usize>], by_row: &ByRow) -> bool {
        if !self.prune(domains, by_row) {
            return false;
        }
        let mut found = Vec::new();
        let mut steps = 0usize;
        self.search(domains, by_row, &mut found, &mut steps);
        // A search cut short by its step bound proves nothing: count it as
        // a possible solution, so the row is not wrongly taken as decided.
        !found.is_empty() || steps > MAX_STEPS
    }

    fn search(
        &self,
        domains: &mut [Vec<usize>],
        by_row: &ByRow,
        solutions: &mut Vec<Vec<usize>>,
        steps: &mut usize,
    ) {
        if solutions.len() >= MAX_SOLUTIONS || *steps > MAX_STEPS {
            return;
        }
        *steps += 1;
        // Branch on the undecided row with the fewest candidates.
        let Some(row) = (0..domains.len())
            .filter(|&r| domains[r].len() > 1)
            .min_by_key(|&r| domains[r].len())
        else {
            let ranges = self.all_ranges(domains);
            if self
                .constraints
                .iter()
                .all(|k| self.feasible(k, &ranges, None))
            {
                solutions.push(domains.iter().map(|d| d[0]).collect());
            }
            return;
        };
        for c in domains[row].clone() {
            let mut trial = domains.to_vec();
            trial[row] = vec![c];
            if self.prune(&mut trial, by_row) {
                self.search(&mut trial, by_row, solutions, steps);
            }
            if solutions.len() >= MAX_SOLUTIONS {
                return;
            }
        }
    }
}

/// The constraints by row, for the pruning: whether each candidate of a row
/// satisfies the constraints on that row alone (found once), and the other
/// constraints the row takes part in.
struct ByRow {
    /// Where each row's candidates start in `unary_ok`.
    first: Vec<usize>,
    unary_ok: Vec<bool>,
    others: Vec<Vec<usize>>,
}

/// The problem's bounds as integers: their largest scale, and the largest
/// magnitude a sum in the search can reach at that scale (the constant and
/// one bound per term), `None` when a bound does not convert.
struct Integers {
    scale: u32,
    reach: Option<i128>,
}

/// Below this reach the search runs on `i64`, which holds every sum.
const I64_REACH: i128 = 1 << 62;
/// Below this reach it runs on `i128`; from 2⁹⁵ on, [`Decimal`] (with its
/// 96-bit mantissa) could start rounding, so the search runs on decimals
/// and answers alike either way.
const I128_REACH: i128 = 1 << 95;

impl Integers {
    /// `each` visits every interval of the problem.
    fn of(each: impl Fn(&mut dyn FnMut(&Interval)), constraints: &[Constraint]) -> Integers {
        let mut scale = 0;
        each(&mut |i| scale = scale.max(i.lo.scale()).max(i.hi.scale()));
        let mut largest = Some(0i128);
        each(&mut |i| {
            for d in [i.lo, i.hi] {
                let magnitude = to_int(d, scale).and_then(i128::checked_abs);
                largest = largest.zip(magnitude).map(|(l, m)| l.max(m));
            }
        });
        let terms = constraints.iter().map(|k| k.terms.len()).max().unwrap_or(0);
        let reach = largest
            .zip(i128::try_from(terms + 1).ok())
            .and_then(|(l, n)| l.checked_mul(n));
        Integers { scale, reach }
    }

    /// A bound as an integer (one that converts, as `reach` says).
    fn int(&self, d: Decimal) -> i128 {
        to_int(d, self.scale).unwrap_or(0)
    }
}

/// `d` in units of 10^-scale, if that is an `i128` (`scale` is at least
/// `d`'s own).
fn to_int(d: Decimal, scale: u32) -> Option<i128> {
    // 10ⁿ for every shift a Decimal's scale (at most 28) allows.
    const POW10: [i128; 29] = {
        let mut p = [1i128; 29];
        let mut i = 1;
        while i < 29 {
            p[i] = p[i - 1] * 10;
            i += 1;
        }
        p
    };
    let shift = *POW10.get(scale.checked_sub(d.scale())? as usize)?;
    if shift == 1 {
        Some(d.mantissa())
    } else {
        d.mantissa().checked_mul(shift)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn v(s: &str) -> Option<Interval> {
        Some(Interval::rounded(s.parse::<Decimal>().unwrap(), 2))
    }

    /// Candidates of a row with figures over columns 合计, 基本, 项目.
    fn row(figures: &[&str]) -> Vec<Candidate> {
        placements(figures.len(), 3)
            .into_iter()
            .map(|slots| {
                let mut c = vec![None; 3];
                for (f, s) in figures.iter().zip(slots) {
                    c[s] = v(f);
                }
                c
            })
            .collect()
    }

    fn row_sum(row: usize) -> Constraint {
        Constraint {
            terms: vec![(row, 0, 1), (row, 1, -1), (row, 2, -1)],
            constant: Interval::zero(),
            relation: Relation::Zero,
        }
    }

    fn tree(parent: usize, children: &[usize], col: usize) -> Constraint {
        let mut terms = vec![(parent, col, 1)];
        terms.extend(children.iter().map(|c| (*c, col, -1)));
        Constraint {
            terms,
            constant: Interval::zero(),
            relation: Relation::Zero,
        }
    }

    #[test]
    fn placements_preserve_order() {
        assert_eq!(placements(2, 3), vec![vec![0, 1], vec![0, 2], vec![1, 2]]);
        assert_eq!(placements(0, 2), vec![Vec::<usize>::new()]);
        assert!(placements(3, 2).is_empty());
    }

    #[test]
    fn the_hierarchy_decides_two_figure_rows() {
        // Fenyang table 3: 201 has all three figures; 20103 and 20140 have two.
        let mut p = Problem {
            columns: 3,
            rows: vec![
                row(&["438.89", "118.71", "320.18"]),
                row(&["118.71", "118.71"]),
                row(&["320.18", "320.18"]),
            ],
            constraints: vec![],
        };
        p.constraints = (0..3).map(row_sum).collect();
        p.constraints.extend((0..3).map(|c| tree(0, &[1, 2], c)));
        let s = p.solve();
        assert_eq!(s.found, 1);
        // 20103 is 合计 + 基本 (candidate 0), 20140 合计 + 项目 (candidate 1).
        assert_eq!(s.decided, vec![Some(0), Some(0), Some(1)]);
    }

    #[test]
    fn every_arithmetic_answers_alike() {
        // The hierarchy of `the_hierarchy_decides_two_figure_rows`, with
        // figures so large that the search runs on i64, i128 and decimals.
        for (prefix, arithmetic) in [
            ("", 64),
            ("1000000000000000", 128),
            ("10000000000000000000000", 0),
        ] {
            let big = |s: &str| format!("{prefix}{s}");
            let (total, basic, project) = (big("438.89"), big("118.71"), big("320.18"));
            // The parent's leading 1 becomes 2: the sum of its children's.
            let total = if prefix.is_empty() {
                total
            } else {
                format!("2{}", &total[1..])
            };
            let mut p = Problem {
                columns: 3,
                rows: vec![
                    row(&[&total, &basic, &project]),
                    row(&[&basic, &basic]),
                    row(&[&project, &project]),
                ],
                constraints: vec![],
            };
            p.constraints = (0..3).map(row_sum).collect();
            p.constraints.extend((0..3).map(|c| tree(0, &[1, 2], c)));
            let each = |visit: &mut dyn FnMut(&Interval)| {
                p.rows
                    .iter()
                    .flatten()
                    .flatten()
                    .flatten()
                    .for_each(&mut *visit);
            };
            let reach = Integers::of(each, &p.constraints).reach;
            let used = match reach {
                Some(r) if r < I64_REACH => 64,
                Some(r) if r < I128_REACH => 128,
                _ => 0,
            };
            assert_eq!(used, arithmetic, "{prefix}");
            let s = p.solve();
            assert_eq!(
                (s.found, s.decided),
                (1, vec![Some(0), Some(0), Some(1)]),
                "{prefix}"
            );
        }
    }

    #[test]
    fn choices_solve_as_their_candidates_written_out() {
        // Figures to place over 合计, 基本, 项目, as the reader gives them.
        let figures = |fs: &[&str]| {
            let slots = placements(fs.len(), 3);
            let picks = slots
                .iter()
                .flat_map(|s| (0..3).map(move |col| s.iter().position(|slot| *slot == col)))
                .collect();
            Choices::Figures {
                values: fs.iter().map(|f| v(f).unwrap()).collect(),
                picks,
                candidates: slots.len(),
            }
        };
        let mut c = ChoiceProblem {
            columns: 3,
            rows: vec![
                Choices::Values(row(&["438.89", "118.71", "320.18"])),
                figures(&["118.71", "118.71"]),
                figures(&["320.18", "320.18"]),
            ],
            constraints: (0..3).map(row_sum).collect(),
        };
        c.constraints
            .extend((0..3).map(|col| tree(0, &[1, 2], col)));
        let p = Problem {
            columns: 3,
            rows: vec![
                row(&["438.89", "118.71", "320.18"]),
                row(&["118.71", "118.71"]),
                row(&["320.18", "320.18"]),
            ],
            constraints: c.constraints.clone(),
        };
        assert_eq!(c.solve(), p.solve());
        assert_eq!(c.solve().decided, vec![Some(0), Some(0), Some(1)]);
    }

    #[test]
    fn an_undetermined_row_is_left_undecided() {
        let mut p = Problem {
            columns: 3,
            rows: vec![row(&["71.73", "71.73"])],
            constraints: vec![],
        };
        p.constraints.push(row_sum(0));
        let s = p.solve();
        assert_eq!(s.found, 2);
        assert_eq!(s.decided, vec![None]);
    }

    #[test]
    fn a_known_total_pins_a_column() {
        // The 项目 column of this row must be 0: a known total says so.
        let mut p = Problem {
            columns: 3,
            rows: vec![row(&["71.73", "71.73"])],
            constraints: vec![row_sum(0)],
        };
        p.constraints.push(Constraint {
            terms: vec![(0, 2, 1)],
            constant: Interval::zero(),
            relation: Relation::Zero,
        });
        assert_eq!(p.solve().decided, vec![Some(0)]);
    }

    #[test]
    fn contradictions_decide_only_forced_rows() {
        let p = Problem {
            columns: 3,
            rows: vec![row(&["1.00", "2.00", "5.00"])],
            constraints: vec![row_sum(0)],
        };
        let s = p.solve();
        assert_eq!(s.found, 0);
        assert_eq!(s.decided, vec![Some(0)]);
    }
}
