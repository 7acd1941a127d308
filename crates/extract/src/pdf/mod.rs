//! PDF text layer.
