//! Findings: what a reader or a checker says about a document, in the shape
//! of the stable `check --format json` interface.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// Where a finding applies; every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Location {
    /// The printed table number.
    pub table: Option<u8>,
    /// The row's code, or its label where it has no code.
    pub row: Option<String>,
    /// The canonical column name.
    pub column: Option<String>,
    /// The prose section (`三、支出预算情况说明`).
    pub section: Option<String>,
    /// 1-based source line.
    pub line: Option<u32>,
    /// Character span `[start, end)` of the figure within the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<(u32, u32)>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// Stable rule code (`ambiguous-columns`, …).
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
    pub expected: Option<String>,
    pub actual: Option<String>,
    /// The other cells the finding is about (the parts of a sum, the same
    /// cell in another table).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<crate::model::CellRef>,
}

impl Finding {
    pub fn new(rule: &str, severity: Severity, message: impl Into<String>) -> Self {
        Finding {
            rule: rule.to_string(),
            severity,
            message: message.into(),
            location: Location::default(),
            expected: None,
            actual: None,
            related: Vec::new(),
        }
    }

    pub fn at_line(mut self, line: u32) -> Self {
        self.location.line = Some(line);
        self
    }

    pub fn in_table(mut self, table: u8) -> Self {
        self.location.table = Some(table);
        self
    }

    pub fn in_row(mut self, row: impl Into<String>) -> Self {
        self.location.row = Some(row.into());
        self
    }

    pub fn in_section(mut self, section: impl Into<String>) -> Self {
        self.location.section = Some(section.into());
        self
    }
}
