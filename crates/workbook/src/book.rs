//! Loading an xlsx file into plain cells, sheet by sheet, before anything is
//! judged. Everything that makes a file unreadable (not an xlsx, damaged, a
//! sheet missing) is found here and reported at once as
//! [`WorkbookError::Unreadable`].

use crate::layout::{ECONOMIC_LIST, FUNCTION_LIST, GLOSSARY, INSTRUCTIONS, SHEET_ORDER};
use crate::problem::WorkbookError;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use std::collections::HashMap;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Columns beyond this are never read (the widest sheet, 项目, has 12), so
/// cells there are not even kept.
const MAX_COLUMNS: u32 = 64;
/// More cells than any budget needs by far; a file with more is refused
/// rather than filling memory.
const MAX_CELLS: usize = 2_000_000;

/// The cells of one sheet, sparse: a sheet's recorded dimension may claim a
/// million rows while holding a hundred cells.
#[derive(Debug, Default)]
pub struct Sheet {
    cells: HashMap<(u32, u32), Data>,
    /// One past the last row holding a cell.
    rows: u32,
}

impl Sheet {
    /// The value at a zero-based (row, column); empty where there is none.
    pub fn get(&self, row: u32, col: u32) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.cells.get(&(row, col)).unwrap_or(&EMPTY)
    }

    /// One past the last row holding a cell.
    pub fn rows(&self) -> u32 {
        self.rows
    }

    /// One past the last column of `row` holding a cell.
    pub fn columns_in_row(&self, row: u32) -> u32 {
        self.cells
            .keys()
            .filter(|(r, _)| *r == row)
            .map(|(_, c)| c + 1)
            .max()
            .unwrap_or(0)
    }
}

/// The sheets of a workbook the reader needs, by name.
#[derive(Debug, Default)]
pub struct Book {
    sheets: HashMap<String, Sheet>,
}

impl Book {
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets.get(name)
    }
}

/// The sheets a budget cannot be read without; the others (名词解释, the
/// hidden code lists, 填表说明) may be missing.
fn required(name: &str) -> bool {
    ![
        INSTRUCTIONS,
        GLOSSARY.name,
        FUNCTION_LIST.name,
        ECONOMIC_LIST.name,
    ]
    .contains(&name)
}

/// Loads the sheets of [`SHEET_ORDER`] (except 填表说明) from xlsx bytes.
pub fn load(bytes: &[u8], path: &str) -> Result<Book, WorkbookError> {
    let unreadable = |reason: String| WorkbookError::Unreadable {
        path: path.to_string(),
        reason,
    };
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(unreadable(
            "这是旧的 .xls 格式（或加密的文件）：请在 Excel 或 WPS 中另存为 .xlsx 后再读"
                .to_string(),
        ));
    }
    if !bytes.starts_with(b"PK") {
        return Err(unreadable(
            "不是 xlsx 工作簿（xlsx 文件是 zip 压缩包，而这个文件不是）".to_string(),
        ));
    }
    // calamine reports malformed files as errors; the guard is for a parser
    // bug on a hostile file, which must still end as an error, not a crash.
    match catch_unwind(AssertUnwindSafe(|| load_xlsx(bytes))) {
        Ok(result) => result.map_err(unreadable),
        Err(_) => Err(unreadable("文件已损坏，xlsx 读取器无法解析".to_string())),
    }
}

fn load_xlsx(bytes: &[u8]) -> Result<Book, String> {
    let mut xlsx: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("不是可读的 xlsx 工作簿：{e}"))?;
    let present = xlsx.sheet_names();
    let missing: Vec<&str> = SHEET_ORDER
        .iter()
        .copied()
        .filter(|name| required(name) && !present.iter().any(|p| p == name))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "缺少工作表：{}（工作表名称不能改；请用 yusuan template 生成的工作簿填写）",
            missing.join("、")
        ));
    }
    let mut book = Book::default();
    let mut total = 0usize;
    for name in SHEET_ORDER.iter().filter(|n| **n != INSTRUCTIONS) {
        if !present.iter().any(|p| p == name) {
            continue;
        }
        let mut sheet = Sheet::default();
        let mut cells = xlsx
            .worksheet_cells_reader(name)
            .map_err(|e| format!("工作表“{name}”无法读取：{e}"))?;
        while let Some(cell) = cells
            .next_cell()
            .map_err(|e| format!("工作表“{name}”无法读取：{e}"))?
        {
            let (row, col) = cell.get_position();
            let value: Data = cell.get_value().clone().into();
            if col >= MAX_COLUMNS || value == Data::Empty {
                continue;
            }
            total += 1;
            if total > MAX_CELLS {
                return Err(format!("单元格超过{MAX_CELLS}个，不像是预算编制工作簿"));
            }
            sheet.rows = sheet.rows.max(row + 1);
            sheet.cells.insert((row, col), value);
        }
        drop(cells);
        book.sheets.insert(name.to_string(), sheet);
    }
    Ok(book)
}
