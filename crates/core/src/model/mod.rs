//! The disclosure model.

pub mod org;

pub use org::UnitKind;
