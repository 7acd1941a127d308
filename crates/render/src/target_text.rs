//! 项目支出绩效目标申报表 as the text of a word processor's table: one line a
//! row, cells in the positions of the shared grid ([`crate::target_grid`]:
//! label, value, label, value; the indicator grid with the 实施期 half left
//! and the 年度 half right), as the reader of target tables expects them.

use crate::target_grid::{department_target_grid, target_grid, TargetGrid};
use yusuan_core::amount::Amount;
use yusuan_core::model::{DepartmentTarget, Metadata, PerformanceTarget};

/// A line of a target table: the title lines, or a row of cells.
pub(crate) enum TargetLine {
    Title(String),
    Cells(Vec<String>),
}

/// `1930000` → `1,930,000`, keeping the decimals: target tables print
/// yuan with thousands separators.
pub fn grouped(a: &Amount) -> String {
    let printed = a.printed();
    let (int, frac) = match printed.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (printed.clone(), None),
    };
    let digits: Vec<char> = int.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) && c.is_ascii_digit() {
            out.push(',');
        }
        out.push(*c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

/// The lines of one target table: the form's heading, the year, then the
/// grid of [`crate::target_grid`] as a word processor's text prints it.
pub(crate) fn target_lines(t: &PerformanceTarget, meta: &Metadata) -> Vec<TargetLine> {
    grid_lines(&target_grid(t, meta))
}

/// The lines of the department-wide target table, as [`target_lines`].
pub(crate) fn department_target_lines(t: &DepartmentTarget, meta: &Metadata) -> Vec<TargetLine> {
    grid_lines(&department_target_grid(t, meta))
}

fn grid_lines(grid: &TargetGrid) -> Vec<TargetLine> {
    let mut out = vec![
        TargetLine::Title(grid.heading.clone()),
        TargetLine::Title(grid.year.clone()),
    ];
    out.extend(grid.flat_rows().into_iter().map(TargetLine::Cells));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use yusuan_core::amount::Unit;

    #[test]
    fn thousands_separators() {
        let a = |s: &str| Amount::new(s.parse::<Decimal>().unwrap(), Unit::Yuan);
        assert_eq!(grouped(&a("1930000")), "1,930,000");
        assert_eq!(grouped(&a("577900")), "577,900");
        assert_eq!(grouped(&a("23760.50")), "23,760.50");
        assert_eq!(grouped(&a("0")), "0");
        assert_eq!(grouped(&a("100")), "100");
        assert_eq!(grouped(&a("1000")), "1,000");
    }
}
