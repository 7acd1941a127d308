//! The maker: a budget into a complete disclosure.
