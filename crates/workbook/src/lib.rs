//! The budget workbook (预算编制工作簿): the Excel/WPS file a department's
//! finance officer fills in, and from which `yusuan make` makes the
//! disclosure (部门预算公开).
//!
//! [`write_workbook`] writes the empty template of a year (`yusuan template`)
//! or a workbook filled with a [`Budget`]; [`read_workbook`] reads a filled
//! one back into a [`Budget`], reporting every problem at its sheet and cell
//! (`支出明细!C12: 2010308 不在2024年科目中`) all at once.
//!
//! The sheets (see [`layout`]): 填表说明, 部门信息, 预算单位, 文字说明, 收入,
//! 支出明细, 项目, 绩效指标, 基本支出经济分类, 三公经费, 机关运行经费, 政府采购,
//! 上年数, 名词解释, and the hidden code lists 科目 and 经济科目 behind the
//! drop-downs. Amounts are exact 元 to the 分.
//!
//! Modules, one job each: [`layout`] the sheet and column definitions shared
//! by writer and reader; `write` the writer; `book` loading an xlsx into
//! cells; `read` the reader; `value` cell values both ways; `problem` the
//! errors; `instructions` the text of 填表说明.

mod book;
mod instructions;
pub mod layout;
mod problem;
mod read;
mod value;
mod write;

pub use problem::{Problem, WorkbookError};
pub use read::read_workbook;
pub use write::write_workbook;

#[doc(no_inline)]
pub use yusuan_core::budget::Budget;
