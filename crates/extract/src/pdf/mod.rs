//! PDF text layer: glyphs with their positions (lopdf parses the file; the
//! content streams are run here, with the fonts' ToUnicode CMaps and
//! widths), rebuilt into lines, and table rows into TAB cells in column
//! slots — from the ruling lines where the page has them, from the
//! alignment of the text otherwise.
//!
//! What cannot be read is said, never turned into text: a page with images
//! and no text (a scan) and a page whose fonts have no Unicode map each get
//! an `unreadable-page` finding, and such a page gives no lines.

mod font;
mod interp;
mod layout;
mod lex;

use yusuan_core::finding::{Finding, Severity};
use yusuan_core::model::SourceFormat;

use crate::{ExtractError, Extracted, Origin, TextLine};

/// Reads the text layer of a PDF.
pub fn extract_pdf(bytes: &[u8], path: &str) -> Result<Extracted, ExtractError> {
    let unreadable = |reason: String| ExtractError::Unreadable {
        path: path.to_string(),
        reason,
    };
    if !bytes.starts_with(b"%PDF") && !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(unreadable("not a PDF (no %PDF header)".to_string()));
    }
    let doc = match std::panic::catch_unwind(|| lopdf::Document::load_mem(bytes)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(lopdf::Error::InvalidPassword)) | Ok(Err(lopdf::Error::Decryption(_))) => {
            return Err(ExtractError::Encrypted {
                path: path.to_string(),
            })
        }
        Ok(Err(e)) => return Err(unreadable(format!("not a readable PDF: {e}"))),
        Err(_) => return Err(unreadable("not a readable PDF".to_string())),
    };
    if doc.trailer.get(b"Encrypt").is_ok() && doc.encryption_state.is_none() {
        return Err(ExtractError::Encrypted {
            path: path.to_string(),
        });
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(unreadable("the PDF has no pages".to_string()));
    }
    let mut lines = Vec::new();
    let mut findings = Vec::new();
    let mut fonts = interp::Fonts::default();
    let mut memory = layout::Memory::default();
    // The last row of a table read (page, index in `lines`), and the last
    // page read.
    let mut last_row: Option<(u32, usize)> = None;
    let mut last_page: Option<u32> = None;
    for (&number, &id) in &pages {
        let content = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            interp::run_page(&doc, id, &mut fonts)
        })) {
            Ok(Ok(c)) => c,
            Ok(Err(reason)) => {
                findings.push(Finding::new(
                    "unreadable-page",
                    Severity::Error,
                    format!("第{number}页无法读取：{reason}（page {number} cannot be read)"),
                ));
                continue;
            }
            Err(_) => {
                findings.push(Finding::new(
                    "unreadable-page",
                    Severity::Error,
                    format!("第{number}页无法读取（page {number} cannot be read)"),
                ));
                continue;
            }
        };
        if !content.unmapped_fonts.is_empty() {
            let fonts: Vec<&str> = content.unmapped_fonts.iter().map(String::as_str).collect();
            findings.push(Finding::new(
                "unreadable-page",
                Severity::Error,
                format!(
                    "第{number}页的字体{}没有Unicode映射，文字无法读取，本页未读（page {number}: font {} has no Unicode map; the page's text is not read)",
                    fonts.join("、"),
                    fonts.join(", ")
                ),
            ));
            continue;
        }
        if content.glyphs.is_empty() {
            if content.images > 0 {
                findings.push(Finding::new(
                    "unreadable-page",
                    Severity::Error,
                    format!(
                        "第{number}页没有文字层，是扫描图像，无法读取（page {number}: no text layer, scanned image)"
                    ),
                ));
            }
            continue;
        }
        let page = layout::page_lines(content, &mut memory);
        // The tail of a row split over the page break goes on the row, the
        // last row of the page before.
        let tail = std::mem::take(&mut memory.tail);
        if let Some(row) = last_row
            .filter(|(p, _)| Some(*p) == last_page)
            .map(|(_, i)| i)
        {
            if let Some(TextLine {
                text,
                origin: Origin::Page { cells, .. },
            }) = lines.get_mut(row)
            {
                let mut texts: Vec<String> = text.split('\t').map(String::from).collect();
                for (x, piece) in &tail {
                    let cell = (0..cells.len().min(texts.len())).max_by(|&a, &b| {
                        let o = |k: usize| x.1.min(cells[k][2]) - x.0.max(cells[k][0]);
                        o(a).total_cmp(&o(b))
                    });
                    if let Some(k) = cell {
                        layout::append(&mut texts[k], piece);
                    }
                }
                *text = texts.join("\t");
            }
        }
        last_page = Some(number);
        for l in page {
            let text = l.cells.join("\t");
            if text.trim().is_empty() {
                continue;
            }
            if l.cells.len() > 1 {
                last_row = Some((number, lines.len()));
            }
            lines.push(TextLine::new(
                text,
                Origin::Page {
                    page: number,
                    bbox: l.bbox,
                    cells: l.cell_boxes,
                },
            ));
        }
    }
    Ok(Extracted {
        format: SourceFormat::Pdf,
        lines,
        findings,
    })
}
