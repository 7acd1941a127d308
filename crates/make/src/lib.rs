//! The maker: a budget into a complete disclosure.

pub mod recover;
