//! Spreadsheets (XLSX, XLS) through calamine: every sheet in order, every
//! row of its used range one line, cells as they are displayed.

use crate::detect::CFB_MAGIC;
use crate::{ExtractError, Extracted, Origin, TextLine, MAX_SHEET_CELLS, MAX_UNCOMPRESSED};
use calamine::{open_workbook_auto_from_rs, Data, Reader, Style};
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};
use yusuan_core::model::SourceFormat;

/// Read every sheet of a workbook. Merged cells need nothing of their own:
/// a spreadsheet stores a merged region's value in its top-left cell only,
/// so the other cells are empty and the TAB slots stay aligned. Sheets are
/// separated by one empty line (origin unknown).
pub fn extract_sheets(
    bytes: &[u8],
    path: &str,
    format: SourceFormat,
) -> Result<Extracted, ExtractError> {
    let what = if format == SourceFormat::Xls {
        "an Excel 97–2003 workbook (.xls)"
    } else {
        "an Excel workbook (.xlsx)"
    };
    if bytes.starts_with(&CFB_MAGIC) && is_encrypted_ooxml(bytes) {
        return Err(ExtractError::Encrypted {
            path: path.to_string(),
        });
    }
    // calamine builds every sheet of an .xls as it opens the file, and a
    // damaged one can make it fill terabytes or loop forever, which no
    // `catch_unwind` stops: such a workbook is refused before it is opened.
    if bytes.starts_with(&CFB_MAGIC) {
        if let Some(why) = crate::xls_guard::refuse(bytes) {
            return Err(ExtractError::unreadable(
                path,
                format!("cannot read it as {what}: {why}"),
            ));
        }
    }
    if bytes.starts_with(b"PK") {
        check_archive(bytes, path)?;
    } else if bytes.len() as u64 > MAX_UNCOMPRESSED {
        return Err(ExtractError::unreadable(
            path,
            format!("the file is larger than {} MB", MAX_UNCOMPRESSED >> 20),
        ));
    }
    // calamine should not panic, but a published file is hostile input:
    // a panic deep in a parser becomes an unreadable file, not a crash.
    catch_unwind(AssertUnwindSafe(|| {
        read_workbook(bytes, path, what, format)
    }))
    .unwrap_or_else(|_| {
        Err(ExtractError::unreadable(
            path,
            format!("cannot read it as {what}: the file is damaged"),
        ))
    })
}

fn read_workbook(
    bytes: &[u8],
    path: &str,
    what: &str,
    format: SourceFormat,
) -> Result<Extracted, ExtractError> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| ExtractError::unreadable(path, format!("cannot read it as {what}: {e}")))?;
    let mut lines = Vec::new();
    for name in book.sheet_names() {
        // calamine fills a sheet's range as a dense grid from its lowest to
        // its highest cell: one cell at XFD1048576 beside A1 would be half a
        // terabyte. The cells are first walked (XLSX; an XLS was looked at
        // before it was opened) and a sheet spread too wide is refused.
        if let calamine::Sheets::Xlsx(x) = &mut book {
            if let Some((height, width)) = xlsx_span(x, &name) {
                if height * width > MAX_SHEET_CELLS {
                    return Err(ExtractError::unreadable(
                        path,
                        format!(
                            "sheet `{name}` has cells spread over {height} rows × {width} columns, more than the {MAX_SHEET_CELLS} cells a disclosure can have"
                        ),
                    ));
                }
            }
        }
        let range = book.worksheet_range(&name).map_err(|e| {
            ExtractError::unreadable(path, format!("cannot read sheet `{name}`: {e}"))
        })?;
        let (height, width) = range.get_size();
        if height as u64 * width as u64 > MAX_SHEET_CELLS {
            return Err(ExtractError::unreadable(
                path,
                format!(
                    "sheet `{name}` has {height} rows × {width} columns, more than the {MAX_SHEET_CELLS} cells a disclosure can have"
                ),
            ));
        }
        // Number formats (XLSX only: calamine reads no styles from XLS, whose
        // numbers are then printed in their shortest exact form).
        let styles = book.worksheet_style(&name).ok();
        let Some((row0, col0)) = range.start() else {
            continue;
        };
        if !lines.is_empty() {
            lines.push(TextLine::new("", Origin::Unknown));
        }
        for (i, row) in range.rows().enumerate() {
            let r = row0 + i as u32;
            let mut cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(j, v)| {
                    let style = styles.as_ref().and_then(|s| s.get((r, col0 + j as u32)));
                    display(v, style)
                })
                .collect();
            while cells.last().is_some_and(|c| c.is_empty()) {
                cells.pop();
            }
            lines.push(TextLine::new(
                cells.join("\t"),
                Origin::Sheet {
                    sheet: name.clone(),
                    row: r + 1,
                },
            ));
        }
    }
    Ok(Extracted {
        format,
        lines,
        findings: Vec::new(),
    })
}

/// The rows × columns spanned by the non-empty cells of an XLSX sheet (the
/// grid `worksheet_range` would allocate); `None` when the sheet cannot be
/// walked (`worksheet_range` then says why) or is empty.
fn xlsx_span(book: &mut calamine::Xlsx<Cursor<&[u8]>>, name: &str) -> Option<(u64, u64)> {
    let mut cells = book.worksheet_cells_reader(name).ok()?;
    let mut span: Option<(u32, u32, u32, u32)> = None;
    while let Ok(Some(cell)) = cells.next_cell() {
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        let s = span.get_or_insert((r, r, c, c));
        *s = (s.0.min(r), s.1.max(r), s.2.min(c), s.3.max(c));
    }
    let (r0, r1, c0, c1) = span?;
    Some(((r1 - r0) as u64 + 1, (c1 - c0) as u64 + 1))
}

/// Refuse a zip whose entries would inflate past the limit (a zip bomb)
/// before calamine inflates anything.
pub(crate) fn check_archive(bytes: &[u8], path: &str) -> Result<(), ExtractError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ExtractError::unreadable(path, format!("not a readable zip archive: {e}")))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| ExtractError::unreadable(path, format!("damaged zip archive: {e}")))?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNCOMPRESSED {
        return Err(ExtractError::unreadable(
            path,
            format!(
                "the archive would inflate to {} MB, more than the {} MB a disclosure can be",
                total >> 20,
                MAX_UNCOMPRESSED >> 20
            ),
        ));
    }
    Ok(())
}

/// An encrypted XLSX or DOCX is an OLE2 compound file holding the streams
/// `EncryptionInfo` and `EncryptedPackage` (names in UTF-16LE in its
/// directory).
pub(crate) fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// A cell as a spreadsheet displays it.
fn display(v: &Data, style: Option<&Style>) -> String {
    match v {
        Data::Empty => String::new(),
        Data::String(s) => one_line(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            let format = style
                .and_then(|s| s.number_format.as_ref())
                .map(|n| n.format_code.as_str());
            number(*f, format)
        }
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => number(d.as_f64(), None),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A cell's text on one line: a line break inside a cell (Alt+Enter) is a
/// wrapped label, joined as the reader joins wrapped labels — directly after
/// a Chinese character, with a space after a Latin one. A TAB in a cell
/// would shift the cells after it, so it becomes a space.
pub(crate) fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, part) in s.split('\n').enumerate() {
        let part = part.trim_end_matches('\r');
        if i > 0 && !part.is_empty() && out.chars().last().is_some_and(|c| c.is_ascii()) {
            out.push(' ');
        }
        out.push_str(&part.replace('\t', " "));
    }
    out.trim().to_string()
}

/// A number as a number format displays it: with the format's decimals
/// (`0.00` → 2), rounded half away from zero on the decimal digits as a
/// spreadsheet rounds, grouped by thousands where the format groups them
/// (`#,##0`), as a percentage for `0.00%`. Without a format (`General`, or
/// a file whose formats are not read) the shortest representation that
/// reads back as the same f64: `484.55` stays `484.55`, `0` is `0`.
pub(crate) fn number(v: f64, format: Option<&str>) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let section = format
        .map(|f| f.split(';').next().unwrap_or(f))
        .filter(|f| f.contains(['0', '#']) && !f.eq_ignore_ascii_case("general"));
    let Some(section) = section else {
        return shortest(v);
    };
    // Quoted text and escapes are not digits.
    let plain: String = {
        let mut out = String::new();
        let mut quoted = false;
        let mut chars = section.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => quoted = !quoted,
                '\\' | '_' | '*' => {
                    chars.next();
                }
                _ if quoted => {}
                _ => out.push(c),
            }
        }
        out
    };
    let percent = plain.contains('%');
    let decimals = plain
        .split_once('.')
        .map(|(_, frac)| frac.chars().take_while(|c| matches!(c, '0' | '#')).count())
        .unwrap_or(0);
    let grouped = plain.split('.').next().unwrap_or("").contains(',');
    let v = if percent { v * 100.0 } else { v };
    let mut s = round_decimal(&shortest(v), decimals);
    if grouped {
        s = group(&s);
    }
    if percent {
        s.push('%');
    }
    s
}

/// Rust prints an f64 with the fewest digits that read back as the same
/// value, and never in exponent form.
fn shortest(v: f64) -> String {
    let s = format!("{v}");
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

/// Round a plain decimal string to `decimals` places, half away from zero.
fn round_decimal(s: &str, decimals: usize) -> String {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut all: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
    let mut frac_len = frac.len();
    while frac_len < decimals {
        all.push(0);
        frac_len += 1;
    }
    let keep = all.len() - (frac_len - decimals);
    let round_up = all.get(keep).is_some_and(|&d| d >= 5);
    all.truncate(keep);
    if round_up {
        let mut i = all.len();
        loop {
            if i == 0 {
                all.insert(0, 1);
                break;
            }
            i -= 1;
            if all[i] == 9 {
                all[i] = 0;
            } else {
                all[i] += 1;
                break;
            }
        }
    }
    let int_len = all.len() - decimals;
    let mut out = String::new();
    let is_zero = all.iter().all(|&d| d == 0);
    if neg && !is_zero {
        out.push('-');
    }
    if int_len == 0 {
        out.push('0');
    }
    for (i, d) in all.iter().enumerate() {
        if i == int_len {
            out.push('.');
        }
        out.push(char::from(b'0' + d));
    }
    out
}

fn group(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_displayed() {
        assert_eq!(number(484.55, None), "484.55");
        assert_eq!(number(0.0, None), "0");
        assert_eq!(number(-0.0, None), "0");
        assert_eq!(number(730.0, None), "730");
        assert_eq!(number(484.55, Some("0.00")), "484.55");
        assert_eq!(number(484.5, Some("0.00")), "484.50");
        assert_eq!(number(0.0, Some("0.00")), "0.00");
        assert_eq!(number(0.125, Some("0.00")), "0.13");
        assert_eq!(number(9.995, Some("0.00")), "10.00");
        assert_eq!(number(-1.005, Some("0.00")), "-1.01");
        assert_eq!(number(1234567.0, Some("#,##0")), "1,234,567");
        assert_eq!(number(1234.5, Some("#,##0.00")), "1,234.50");
        assert_eq!(number(0.777, Some("0.00%")), "77.70%");
        assert_eq!(number(12.0, Some("General")), "12");
        assert_eq!(number(0.004, Some("0.00")), "0.00");
        assert_eq!(number(-0.004, Some("0.00")), "0.00");
        assert_eq!(number(1e21, None), "1000000000000000000000");
    }

    #[test]
    fn cell_text_on_one_line() {
        assert_eq!(one_line("一般公共\n服务支出"), "一般公共服务支出");
        assert_eq!(one_line("public\r\nservices"), "public services");
        assert_eq!(one_line("a\tb"), "a b");
    }
}
