//! Readers of published disclosures into the yusuan model.

pub mod decode;
pub mod lines;
pub mod profile;
