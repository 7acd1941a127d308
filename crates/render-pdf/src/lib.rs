//! PDF output of a disclosure.
