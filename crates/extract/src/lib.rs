//! Text with its place out of the files departments publish.
//!
//! Every format is turned into the layout the text reader already reads:
//! one [`TextLine`] per paragraph or table row, the cells of a row joined by
//! TAB exactly as a word processor's text export joins them (an empty cell
//! keeps its TAB, so cells keep their column slots). Each line says where it
//! came from ([`Origin`]), so that what the reader finds can be pointed back
//! at a sheet row, a block of a Word or HTML document, or a box on a page.
//!
//! Nothing is guessed: a file that cannot be opened is an [`ExtractError`]
//! naming the file and what was expected, and no input makes this crate
//! panic.

pub mod detect;
pub mod docx;
pub mod html;
pub mod origin;
pub mod pdf;
pub mod sheet;
mod xls_guard;

pub use detect::detect;
pub use origin::Origin;

use yusuan_core::finding::Finding;
use yusuan_core::model::SourceFormat;

/// The largest archive (sum of its entries' uncompressed sizes) or document
/// this crate opens: a published disclosure is a few megabytes.
pub const MAX_UNCOMPRESSED: u64 = 200 * 1024 * 1024;
/// The most cells a sheet may have (rows × columns of its used range).
pub const MAX_SHEET_CELLS: u64 = 1_000_000;

/// What came out of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub format: SourceFormat,
    /// In document order; no line contains '\n'.
    pub lines: Vec<TextLine>,
    /// What could not be read (a page without a text layer, …).
    pub findings: Vec<Finding>,
}

impl Extracted {
    /// The lines joined by '\n': line `n` (1-based) of the text is `lines[n-1]`.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, l) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&l.text);
        }
        out
    }
}

/// One line of text: a paragraph (one cell), or a table row with its cells
/// joined by '\t'.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub text: String,
    pub origin: Origin,
}

impl TextLine {
    pub fn new(text: impl Into<String>, origin: Origin) -> Self {
        TextLine {
            text: text.into(),
            origin,
        }
    }
}

/// Why a file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("{path}: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{path}: the file is encrypted; yusuan cannot read it without the password")]
    Encrypted { path: String },
}

impl ExtractError {
    pub(crate) fn unreadable(path: &str, reason: impl Into<String>) -> Self {
        ExtractError::Unreadable {
            path: path.to_string(),
            reason: reason.into(),
        }
    }
}

/// Extract the lines of a file of a format [`detect`] recognised. Plain text
/// (`detect` gives `None`) is the text reader's own business: here it is
/// refused, as are formats that are not documents (JSON).
pub fn extract(bytes: &[u8], path: &str) -> Result<Extracted, ExtractError> {
    match detect(bytes, path) {
        Some(SourceFormat::Xlsx) => sheet::extract_sheets(bytes, path, SourceFormat::Xlsx),
        // A compound file named .doc or .docx is a Word 97–2003 document or
        // an encrypted DOCX: the Word reader says which.
        Some(SourceFormat::Xls) if is_word_name(path) => docx::extract_docx(bytes, path),
        Some(SourceFormat::Xls) => sheet::extract_sheets(bytes, path, SourceFormat::Xls),
        Some(SourceFormat::Docx) => docx::extract_docx(bytes, path),
        Some(SourceFormat::Html) => html::extract_html(bytes, path),
        Some(SourceFormat::Pdf) => pdf::extract_pdf(bytes, path),
        Some(other) => Err(ExtractError::unreadable(
            path,
            format!("{other:?} is not a format of published documents"),
        )),
        None => Err(ExtractError::unreadable(
            path,
            "not a PDF, spreadsheet, Word or HTML file (plain text is read as text)",
        )),
    }
}

fn is_word_name(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".doc") || lower.ends_with(".docx")
}

/// The number of pages of a PDF, or `None` when the bytes are not a PDF
/// lopdf can open. For upload limits, before the text layer is read.
pub fn pdf_page_count(bytes: &[u8]) -> Option<usize> {
    if !bytes.starts_with(b"%PDF") {
        return None;
    }
    match std::panic::catch_unwind(|| lopdf::Document::load_mem(bytes)) {
        Ok(Ok(doc)) => Some(doc.get_pages().len()),
        _ => None,
    }
}
