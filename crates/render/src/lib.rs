//! Writers of a disclosure (the yusuan model) as the documents departments
//! publish.
//!
//! - [`form`]: the national form's layout of every table (caption, title,
//!   the official multi-level header with its spans, the body rows with the
//!   ordinals and the two-sided rows of tables 1, 4 and 9), which every
//!   writer shares, so that all formats print the same rows in the same places;
//! - [`text::write_text`]: the whole 部门预算公开 as plain text, the way text
//!   comes out of a published document: from a word processor (cells
//!   separated by TAB, like the Jincheng seed) or from a PDF (cells separated
//!   by spaces, empty cells gone, long labels wrapped, figures glued to the
//!   next label and page furniture in between, like the Fenyang seed).
//!   Readers are tested against what it writes;
//! - [`markdown::write_markdown`]: one Markdown document with pipe tables;
//! - [`html::write_html`]: one self-contained HTML5 file with an A4 print
//!   style sheet and the charts of [`chart`] as inline SVG;
//! - [`xlsx::write_xlsx`]: an Excel workbook laid out like the official
//!   templates, figures as numbers.

pub mod chart;
pub mod form;
pub mod html;
pub mod markdown;
pub mod target_grid;
pub mod target_text;
pub mod text;
pub mod xlsx;

pub use form::{form_table, form_tables, CellKind, FormRow, FormTable, HeaderCell};
pub use html::write_html;
pub use markdown::write_markdown;
pub use target_grid::{
    department_target_grid, department_target_heading, target_grid, target_heading, TargetCell,
    TargetCellKind, TargetGrid,
};
pub use text::{write_text, Layout};
pub use xlsx::{write_xlsx, XlsxError};
