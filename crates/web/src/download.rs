//! Tables as CSV (UTF-8 with a BOM, so spreadsheet programs read the
//! Chinese) and as XLSX (figures as numbers), and the answers that carry
//! them as attachments.

use crate::Failure;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook};

/// A table to download: a title, headings, and rows of cells, each cell's
/// text and whether it is a figure.
pub struct Sheet {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<(String, bool)>>,
}

pub fn csv_bytes(sheet: &Sheet) -> Result<Vec<u8>, Failure> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let fail = |e: csv::Error| {
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("生成 CSV 出错：{e}"),
        )
    };
    w.write_record(&sheet.columns).map_err(fail)?;
    for row in &sheet.rows {
        w.write_record(row.iter().map(|(t, _)| t.as_str()))
            .map_err(fail)?;
    }
    w.into_inner().map_err(|e| {
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("生成 CSV 出错：{e}"),
        )
    })
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    let name: String = title
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    if name.trim().is_empty() {
        "Sheet1".into()
    } else {
        name
    }
}

pub fn xlsx_bytes(sheet: &Sheet) -> Result<Vec<u8>, Failure> {
    let fail = |e: rust_xlsxwriter::XlsxError| {
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("生成 XLSX 出错：{e}"),
        )
    };
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = book.add_worksheet();
    ws.set_name(sheet_name(&sheet.title)).map_err(fail)?;
    for (c, h) in sheet.columns.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        ws.write_string_with_format(0, c, h, &bold).map_err(fail)?;
        ws.set_column_width(c, 14).map_err(fail)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, (text, figure)) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match text.parse::<f64>() {
                Ok(v) if *figure && v.is_finite() => {
                    ws.write_number(r, c, v).map_err(fail)?;
                }
                _ if text.is_empty() => {}
                _ => {
                    ws.write_string(r, c, text).map_err(fail)?;
                }
            }
        }
    }
    book.save_to_buffer().map_err(fail)
}

/// `filename*=` for a name that may be Chinese (RFC 6266 / 5987).
pub fn attachment(name: &str) -> HeaderValue {
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-._".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

pub const CSV_TYPE: &str = "text/csv; charset=utf-8";
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A file answer.
pub fn file(bytes: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, attachment(name)),
        ],
        bytes,
    )
        .into_response()
}

/// The sheet as `csv` or `xlsx`.
pub fn sheet_file(sheet: &Sheet, format: &str, stem: &str) -> Result<Response, Failure> {
    match format {
        "csv" => Ok(file(csv_bytes(sheet)?, CSV_TYPE, &format!("{stem}.csv"))),
        "xlsx" => Ok(file(xlsx_bytes(sheet)?, XLSX_TYPE, &format!("{stem}.xlsx"))),
        other => Err(Failure::bad_request(format!(
            "不支持的下载格式：{other}（可用 csv 或 xlsx）"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> Sheet {
        Sheet {
            title: "表3".into(),
            columns: vec!["项目".into(), "金额".into()],
            rows: vec![vec![("合计".into(), false), ("730.03".into(), true)]],
        }
    }

    #[test]
    fn csv_has_bom_and_rows() {
        let b = csv_bytes(&sheet()).unwrap();
        let s = String::from_utf8(b).unwrap();
        assert!(s.starts_with('\u{feff}'));
        assert!(s.contains("合计,730.03"));
    }

    #[test]
    fn xlsx_is_a_zip() {
        assert!(xlsx_bytes(&sheet()).unwrap().starts_with(b"PK"));
    }

    #[test]
    fn names_are_encoded() {
        let h = attachment("表 3.csv");
        assert!(h.to_str().unwrap().contains("UTF-8''%E8%A1%A8%203.csv"));
    }
}
