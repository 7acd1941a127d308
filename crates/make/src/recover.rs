//! Recovery of a budget from a published disclosure.
