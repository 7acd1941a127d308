//! yusuan-core: the ground every other part of yusuan stands on.
//!
//! - [`amount`], [`interval`], [`rate`]: printed figures and the rounding
//!   intervals they stand for, so that checks never mistake rounding for error;
//! - [`catalog`]: the national classification catalogs, one per year;
//! - [`model`]: a published disclosure (部门预算/决算公开) as typed data that
//!   remembers where every figure came from;
//! - [`budget`]: the maker's input, the facts plus the department's own texts;
//! - [`facts`]: what a department actually budgets, and the one function that
//!   derives the published tables from it.

pub mod amount;
pub mod budget;
pub mod catalog;
pub mod facts;
pub mod finding;
pub mod identity;
pub mod interval;
pub mod model;
pub mod rate;

pub use amount::{Amount, Unit};
pub use interval::Interval;
pub use rate::Percent;
