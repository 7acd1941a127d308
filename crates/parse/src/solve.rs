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
    /// The value of a cell under one candidate (an empty column is zero).
    fn value(&self, row: usize, cand: usize, col: usize) -> Interval {
        self.rows[row][cand][col].unwrap_or_else(Interval::zero)
    }

    /// The range each cell of a row can take over the row's remaining
    /// candidates.
    fn row_ranges(&self, domain: &[usize], row: usize) -> Vec<Interval> {
        (0..self.columns)
            .map(|col| {
                let mut it = domain.iter().map(|&c| self.value(row, c, col));
                let first = it.next().unwrap_or_else(Interval::zero);
                it.fold(first, |acc, v| {
                    Interval::new(acc.lo.min(v.lo), acc.hi.max(v.hi))
                })
            })
            .collect()
    }

    /// Whether a constraint can still hold, every row within its range,
    /// except `fixed`, whose candidate is given.
    fn feasible(
        &self,
        k: &Constraint,
        ranges: &[Vec<Interval>],
        fixed: Option<(usize, usize)>,
    ) -> bool {
        let mut sum = k.constant;
        for &(row, col, sign) in &k.terms {
            let r = match fixed {
                Some((f, cand)) if f == row => self.value(row, cand, col),
                _ => ranges[row][col],
            };
            sum = if sign >= 0 { sum.add(&r) } else { sum.sub(&r) };
        }
        match k.relation {
            Relation::Zero => sum.contains(rust_decimal::Decimal::ZERO),
            Relation::NonNegative => sum.hi >= rust_decimal::Decimal::ZERO,
        }
    }

    /// Remove candidates that no choice of the other rows can complete, until
    /// nothing changes. Returns false if some row has no candidate left.
    fn prune(&self, domains: &mut [Vec<usize>], by_row: &[Vec<usize>]) -> bool {
        let mut ranges: Vec<Vec<Interval>> = (0..domains.len())
            .map(|r| self.row_ranges(&domains[r], r))
            .collect();
        let mut changed = true;
        while changed {
            changed = false;
            for row in 0..domains.len() {
                let before = domains[row].len();
                if before <= 1 {
                    continue;
                }
                let kept: Vec<usize> = domains[row]
                    .iter()
                    .copied()
                    .filter(|&c| {
                        by_row[row]
                            .iter()
                            .all(|&k| self.feasible(&self.constraints[k], &ranges, Some((row, c))))
                    })
                    .collect();
                if kept.is_empty() {
                    return false;
                }
                if kept.len() < before {
                    ranges[row] = self.row_ranges(&kept, row);
                    domains[row] = kept;
                    changed = true;
                }
            }
        }
        true
    }

    /// Solve: prune, then enumerate up to a few solutions.
    pub fn solve(&self) -> Solution {
        let n = self.rows.len();
        let mut by_row: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, k) in self.constraints.iter().enumerate() {
            for &(row, _, _) in &k.terms {
                if !by_row[row].contains(&i) {
                    by_row[row].push(i);
                }
            }
        }
        let mut domains: Vec<Vec<usize>> =
            self.rows.iter().map(|c| (0..c.len()).collect()).collect();
        if !self.prune(&mut domains, &by_row) {
            // Nothing satisfies every identity: the table has an error the
            // checker will report; decide only rows with one candidate.
            return Solution {
                decided: self
                    .rows
                    .iter()
                    .map(|c| (c.len() == 1).then_some(0))
                    .collect(),
                found: 0,
            };
        }
        let mut solutions: Vec<Vec<usize>> = Vec::new();
        let mut steps = 0usize;
        self.search(&mut domains, &by_row, &mut solutions, &mut steps);
        if solutions.is_empty() {
            return Solution {
                decided: self
                    .rows
                    .iter()
                    .map(|c| (c.len() == 1).then_some(0))
                    .collect(),
                found: 0,
            };
        }
        let decided = (0..n)
            .map(|row| {
                let first = solutions.first()?.get(row).copied()?;
                solutions.iter().all(|s| s[row] == first).then_some(first)
            })
            .collect();
        Solution {
            decided,
            found: solutions.len(),
        }
    }

    fn search(
        &self,
        domains: &mut [Vec<usize>],
        by_row: &[Vec<usize>],
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
            let ranges: Vec<Vec<Interval>> = (0..domains.len())
                .map(|r| self.row_ranges(&domains[r], r))
                .collect();
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
