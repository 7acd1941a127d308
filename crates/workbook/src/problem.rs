//! What can go wrong with a workbook: it cannot be read at all
//! ([`WorkbookError::Unreadable`]), its cells say something wrong
//! ([`WorkbookError::Problems`], each [`Problem`] at its sheet and cell), or it
//! cannot be written ([`WorkbookError::Write`]).

use std::fmt;

/// 问题 one thing wrong in a filled workbook, at the cell a finance officer
/// must correct.
///
/// Displayed as `支出明细!C12: 2010308 不在2024年科目中`, or `sheet: message` when
/// the problem belongs to a sheet as a whole (an inconsistency between sums,
/// found by [`yusuan_core::facts::derive::validate`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 工作表 the sheet name (`支出明细`).
    pub sheet: String,
    /// 单元格 the cell in A1 notation (`C12`); empty for a whole-sheet problem.
    pub cell: String,
    /// What is wrong and, where it helps, what is expected, in Chinese.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.cell.is_empty() {
            write!(f, "{}: {}", self.sheet, self.message)
        } else {
            write!(f, "{}!{}: {}", self.sheet, self.cell, self.message)
        }
    }
}

/// Why a workbook could not be read or written.
#[derive(Debug, Clone, thiserror::Error)]
pub enum WorkbookError {
    /// Not a workbook this crate can read: not an xlsx file, damaged, or
    /// missing a sheet the budget needs. Nothing of its content was judged.
    #[error("{path}: 无法读取预算编制工作簿：{reason}")]
    Unreadable { path: String, reason: String },
    /// The workbook was read, and these cells are wrong; every problem found
    /// is listed, in sheet order, so one round of corrections fixes them all.
    #[error("{}", ProblemList(.0))]
    Problems(Vec<Problem>),
    /// The workbook could not be written: the budget holds something the
    /// workbook has no place for, or the xlsx writer failed.
    #[error("无法写出预算编制工作簿：{0}")]
    Write(String),
}

/// The problems one a line, under a count, for [`WorkbookError`]'s message.
struct ProblemList<'a>(&'a [Problem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "预算编制工作簿有{}处问题：", self.0.len())?;
        for problem in self.0 {
            write!(f, "\n  {problem}")?;
        }
        Ok(())
    }
}

/// A0-style column letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub(crate) fn column_letters(col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(col) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The A1 name of a zero-based cell: (11, 2) → `C12`.
pub(crate) fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), u64::from(row) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(11, 2), "C12");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 701), "ZZ1");
        assert_eq!(cell_name(0, 702), "AAA1");
    }

    #[test]
    fn display() {
        let at = Problem {
            sheet: "支出明细".into(),
            cell: "C12".into(),
            message: "2010308 不在2024年科目中".into(),
        };
        assert_eq!(at.to_string(), "支出明细!C12: 2010308 不在2024年科目中");
        let whole = Problem {
            sheet: "三公经费".into(),
            cell: String::new(),
            message: "太多".into(),
        };
        assert_eq!(whole.to_string(), "三公经费: 太多");
        let error = WorkbookError::Problems(vec![at, whole]);
        assert_eq!(
            error.to_string(),
            "预算编制工作簿有2处问题：\n  支出明细!C12: 2010308 不在2024年科目中\n  三公经费: 太多"
        );
    }
}
