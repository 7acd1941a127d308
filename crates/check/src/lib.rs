//! Checking a disclosure: a rule catalog with stable codes, arithmetic rules
//! from the form's identities (data) and the rules that need code (prose,
//! targets, catalog, completeness, plausibility), all rounding-aware.

pub mod engine;
pub mod output;
pub mod rules;

pub use engine::Checker;
pub use rules::{Category, Rule};
