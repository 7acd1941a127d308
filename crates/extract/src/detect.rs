//! Which format a file is in: by its first bytes, then by its name.

use std::io::Cursor;
use yusuan_core::model::SourceFormat;

/// The signature of an OLE2 compound file (XLS, DOC, encrypted OOXML).
pub(crate) const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The format of a file: by magic bytes first (`%PDF-`, a zip with `xl/` or
/// `word/` entries, an OLE2 compound file, `<html`/`<!DOCTYPE html` after an
/// optional BOM and whitespace), by the extension of `path` second. `None`
/// means plain text, for the text reader.
///
/// A file with the zip signature that is not a readable workbook or Word
/// archive (truncated, damaged, or another kind of zip) is `None` whatever
/// its name: the text reader then refuses it as binary data, naming the
/// file (`report.docx: … binary …`), as it did before this crate.
pub fn detect(bytes: &[u8], path: &str) -> Option<SourceFormat> {
    by_content(bytes).unwrap_or_else(|| by_extension(path))
}

/// `Some(kind)` when the content decides (`Some(None)`: a zip that is not a
/// document, so plain bytes), `None` when it says nothing.
fn by_content(bytes: &[u8]) -> Option<Option<SourceFormat>> {
    // A PDF may have a few bytes of junk before its header.
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(Some(SourceFormat::Pdf));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(zip_kind(bytes));
    }
    if bytes.starts_with(&CFB_MAGIC) {
        // An encrypted XLSX or DOCX is a compound file too; `extract` tells
        // the encrypted ones apart. A .doc is not read: say so there.
        return Some(Some(SourceFormat::Xls));
    }
    if looks_like_html(head) {
        return Some(Some(SourceFormat::Html));
    }
    None
}

/// What a zip holds: a workbook (`xl/`) or a Word document (`word/`).
fn zip_kind(bytes: &[u8]) -> Option<SourceFormat> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut kind = None;
    for name in archive.file_names() {
        let Ok(name) = name else { continue };
        if name.starts_with("xl/") {
            kind = Some(SourceFormat::Xlsx);
            break;
        }
        if name.starts_with("word/") {
            kind = Some(SourceFormat::Docx);
            break;
        }
    }
    kind
}

fn looks_like_html(head: &[u8]) -> bool {
    let mut rest = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    loop {
        while let Some((first, tail)) = rest.split_first() {
            if first.is_ascii_whitespace() {
                rest = tail;
            } else {
                break;
            }
        }
        // Comments may stand before the doctype.
        if rest.starts_with(b"<!--") {
            match rest.windows(3).position(|w| w == b"-->") {
                Some(end) => rest = &rest[end + 3..],
                None => return false,
            }
            continue;
        }
        break;
    }
    let starts = |prefix: &[u8]| {
        rest.len() >= prefix.len() && rest[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    starts(b"<!doctype html") || starts(b"<html") || starts(b"<head") || starts(b"<meta")
}

fn by_extension(path: &str) -> Option<SourceFormat> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => Some(SourceFormat::Pdf),
        "xlsx" | "xlsm" => Some(SourceFormat::Xlsx),
        "xls" | "et" => Some(SourceFormat::Xls),
        "docx" => Some(SourceFormat::Docx),
        "htm" | "html" | "shtml" | "xhtml" => Some(SourceFormat::Html),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_magic_then_by_name() {
        assert_eq!(detect(b"%PDF-1.7\n", "a.txt"), Some(SourceFormat::Pdf));
        assert_eq!(
            detect(b"\xEF\xBB\xBF \n<!DOCTYPE HTML><html>", "a"),
            Some(SourceFormat::Html)
        );
        assert_eq!(
            detect(b"<!-- x --><html lang=zh>", "a"),
            Some(SourceFormat::Html)
        );
        assert_eq!(detect(&CFB_MAGIC, "a"), Some(SourceFormat::Xls));
        assert_eq!(detect("2024年预算收支总表".as_bytes(), "a.txt"), None);
        assert_eq!(detect(b"anything", "DIR/A.XLSX"), Some(SourceFormat::Xlsx));
        assert_eq!(detect(b"anything", "a.docx"), Some(SourceFormat::Docx));
        assert_eq!(detect(b"", "a.htm"), Some(SourceFormat::Html));
        assert_eq!(detect(b"", "a"), None);
        // A zip that is not a document, whatever its name: plain bytes.
        assert_eq!(detect(b"PK\x03\x04garbage", "x.zip"), None);
        assert_eq!(detect(b"PK\x03\x04garbage", "x.docx"), None);
    }
}
