//! Where a figure came from: the source file and the place in it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A source document a disclosure was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SourceFile {
    /// The path as given by the user.
    pub path: String,
    /// SHA-256 of the bytes read, hex; what makes an import idempotent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    pub format: SourceFormat,
}

/// The format a source was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Text,
    Pdf,
    Xlsx,
    Xls,
    Docx,
    Html,
    Json,
    /// Made by yusuan from budget facts, not read.
    Derived,
}

/// 出处 where one thing in the model was read: a line and column span in a
/// text source, or a page and box in a PDF. All parts are optional because a
/// derived table has no place in any file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Provenance {
    /// Index into [`crate::model::Disclosure::sources`]; 0, the main file, is
    /// left out of the JSON.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub source: u16,
    /// 1-based line in a text source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Character span `[start, end)` within the line, 0-based, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<(u32, u32)>,
    /// 1-based page in a paged source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Box on the page in PDF points: `[x0, y0, x1, y1]`, origin top left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f32; 4]>,
}

fn is_zero(v: &u16) -> bool {
    *v == 0
}

impl Provenance {
    pub fn line(line: u32) -> Self {
        Provenance {
            line: Some(line),
            ..Default::default()
        }
    }

    pub fn line_span(line: u32, start: u32, end: u32) -> Self {
        Provenance {
            line: Some(line),
            span: Some((start, end)),
            ..Default::default()
        }
    }

    pub fn page_box(page: u32, bbox: [f32; 4]) -> Self {
        Provenance {
            page: Some(page),
            bbox: Some(bbox),
            ..Default::default()
        }
    }

    pub fn is_unknown(&self) -> bool {
        self.line.is_none() && self.page.is_none()
    }
}
