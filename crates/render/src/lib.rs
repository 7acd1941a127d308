//! Writers of a disclosure (the yusuan model) as the documents departments
//! publish.
//!
//! [`text::write_text`] prints a whole 部门预算公开 in the national form as
//! plain text, the way text comes out of a published document: from a word
//! processor (cells separated by TAB, like the Jincheng seed) or from a PDF
//! (cells separated by spaces, empty cells gone, long labels wrapped, figures
//! glued to the next label and page furniture in between, like the Fenyang
//! seed). Readers are tested against what it writes.

pub mod text;

pub use text::{write_text, Layout};
