//! A disclosure as an Excel workbook laid out like the official templates
//! departments fill in: a contents sheet, one sheet per table with its title
//! merged across the table, 部门名称 and 单位, the merged multi-level header
//! and the body with borders, figures as numbers, frozen below the header and
//! set up to print on A4; then the prose, the performance targets and the
//! glossary.
//!
//! Figures are written as numbers converted from the printed decimal string
//! (`730.03` → the nearest `f64`), never through a second rounding, with the
//! number format `0.00`, so that a spreadsheet sums them and shows them as
//! printed; codes are text so that `201` stays `201`.

use crate::form::{chinese_numeral, form_tables, CellKind, FormTable};
use crate::target_grid::{
    department_target_grid, target_grid, TargetCellKind, TargetGrid, COLUMNS as GRID_COLUMNS,
    WIDTHS as GRID_WIDTHS,
};
use rust_xlsxwriter::{
    Format, FormatAlign, FormatBorder, Url, Workbook, Worksheet, XlsxError as WriterError,
};
use yusuan_core::model::{Disclosure, DocKind};

/// Why a workbook could not be written (a limit of the XLSX format).
pub type XlsxError = WriterError;

/// Paper size code of A4 in the XLSX page setup.
const A4: u8 = 9;
/// Footer with page numbers (`第 1 页 共 3 页`).
const FOOTER: &str = "&C第 &P 页 共 &N 页";
/// The sheet of contents.
pub const CONTENTS_SHEET: &str = "目录";
/// 第一部分 概况.
pub const OVERVIEW_SHEET: &str = "概况";
/// 第三部分 情况说明.
pub const EXPLANATION_SHEET: &str = "情况说明";
/// The performance-target tables.
pub const TARGETS_SHEET: &str = "绩效目标";
/// 第四部分 名词解释.
pub const GLOSSARY_SHEET: &str = "名词解释";
/// Rows above a table's header: caption, title, 部门名称/单位.
pub const TABLE_HEADER_ROW: u32 = 3;

/// The name of a table's sheet: `表1 预算收支总表`, without the year, at most
/// 31 characters and without the characters a sheet name cannot hold
/// (`[]:*?/\`); a long title loses its `（不含上年结转）` first.
pub fn table_sheet_name(t: &FormTable, year: u16) -> String {
    let title = t
        .title
        .strip_prefix(&format!("{year}年"))
        .unwrap_or(&t.title);
    let clean = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
            .collect()
    };
    let mut name = clean(&format!("表{} {}", t.number, title));
    if name.chars().count() > 31 {
        name = clean(&format!(
            "表{} {}",
            t.number,
            title.replace("（不含上年结转）", "")
        ));
    }
    // A sheet name may not end with an apostrophe once cut.
    let cut: String = name.chars().take(31).collect();
    cut.trim_end_matches('\'').trim_end().to_string()
}

/// The names of the sheets `write_xlsx` writes, in order.
pub fn sheet_names(d: &Disclosure) -> Vec<String> {
    let mut names = vec![CONTENTS_SHEET.to_string(), OVERVIEW_SHEET.to_string()];
    names.extend(
        form_tables(d)
            .iter()
            .map(|t| table_sheet_name(t, d.meta.year)),
    );
    names.push(EXPLANATION_SHEET.to_string());
    if !d.targets.is_empty() || d.department_target.is_some() {
        names.push(TARGETS_SHEET.to_string());
    }
    names.push(GLOSSARY_SHEET.to_string());
    names
}

/// The formats of the workbook, made once.
struct Formats {
    title: Format,
    caption: Format,
    meta_left: Format,
    meta_right: Format,
    header: Format,
    label: Vec<Format>,
    label_total: Vec<Format>,
    code: Format,
    code_total: Format,
    figure: Format,
    figure_total: Format,
    blank: Format,
    note: Format,
    heading: Format,
    prose: Format,
    key: Format,
    value: Format,
    link: Format,
    yuan: Format,
    centre: Format,
    centre_plain: Format,
}

impl Formats {
    fn new() -> Formats {
        let bordered = || {
            Format::new()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
                .set_font_size(10)
        };
        let label = |indent: u8, bold: bool| {
            let f = bordered().set_text_wrap().set_indent(indent);
            if bold {
                f.set_bold()
            } else {
                f
            }
        };
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            caption: Format::new().set_font_size(10),
            meta_left: Format::new().set_font_size(10),
            meta_right: Format::new()
                .set_font_size(10)
                .set_align(FormatAlign::Right),
            header: bordered()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_text_wrap()
                .set_background_color(0xF2F2F2),
            label: (0..4).map(|i| label(i, false)).collect(),
            label_total: (0..4).map(|i| label(i, true)).collect(),
            code: bordered(),
            code_total: bordered().set_bold(),
            figure: bordered()
                .set_num_format("0.00")
                .set_align(FormatAlign::Right),
            figure_total: bordered()
                .set_num_format("0.00")
                .set_align(FormatAlign::Right)
                .set_bold(),
            blank: bordered(),
            note: Format::new().set_font_size(10),
            heading: Format::new().set_bold().set_font_size(12),
            prose: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_font_size(11),
            key: bordered()
                .set_bold()
                .set_text_wrap()
                .set_background_color(0xF2F2F2),
            value: bordered().set_text_wrap(),
            link: Format::new()
                .set_font_color(0x1F4E79)
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
            yuan: bordered()
                .set_num_format("#,##0")
                .set_align(FormatAlign::Right),
            centre: bordered().set_text_wrap().set_align(FormatAlign::Center),
            centre_plain: Format::new()
                .set_font_size(11)
                .set_align(FormatAlign::Center),
        }
    }
}

/// 预算 or 决算.
fn kind_word(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Budget => "预算",
        DocKind::FinalAccounts => "决算",
    }
}

/// The number a printed figure stands for, read from its decimal string so
/// that the nearest `f64` is taken once.
fn number(printed: &str) -> Option<f64> {
    printed.parse::<f64>().ok()
}

/// A sheet of paragraphs in one wide column, for [`page_setup`].
const PROSE: bool = true;

/// Print setup shared by every sheet: A4, one page wide, page numbers.
fn page_setup(ws: &mut Worksheet, landscape: bool, prose: bool) {
    ws.set_paper_size(A4);
    if landscape {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    // Centred tables look like the printed form; a sheet of prose is one
    // wide column and prints from the left margin (LibreOffice shifts a
    // centred, scaled single column off the page).
    if !prose {
        ws.set_print_center_horizontally(true);
    }
    ws.set_footer(FOOTER);
}

/// Text for an XLSX header or footer, where `&` starts a code.
fn header_text(s: &str) -> String {
    s.replace('&', "&&")
}

/// Lines a text of `chars` characters takes in a column `width` units wide
/// (a CJK character is about two units), for row heights Excel does not
/// compute when it opens a file.
fn lines_for(text: &str, width: f64) -> f64 {
    let units: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 1.1 } else { 2.0 })
        .sum();
    (units / (width - 1.0).max(1.0)).ceil().max(1.0)
}

/// Print a whole disclosure as an XLSX workbook.
pub fn write_xlsx(d: &Disclosure) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let f = Formats::new();
    let tables = form_tables(d);
    let names = sheet_names(d);

    contents_sheet(wb.add_worksheet(), d, &names, &f)?;
    overview_sheet(wb.add_worksheet(), d, &f)?;
    for t in &tables {
        table_sheet(wb.add_worksheet(), t, d.meta.year, &f)?;
    }
    explanation_sheet(wb.add_worksheet(), d, &f)?;
    if !d.targets.is_empty() || d.department_target.is_some() {
        targets_sheet(wb.add_worksheet(), d, &f)?;
    }
    glossary_sheet(wb.add_worksheet(), d, &f)?;
    wb.save_to_buffer()
}

fn contents_sheet(
    ws: &mut Worksheet,
    d: &Disclosure,
    names: &[String],
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(CONTENTS_SHEET)?;
    page_setup(ws, false, false);
    ws.set_column_width(0, 8)?;
    ws.set_column_width(1, 70)?;
    let title = format!(
        "{}{}年度部门{}公开",
        d.meta.department,
        d.meta.year,
        kind_word(d.meta.kind)
    );
    ws.merge_range(0, 0, 0, 1, &title, &f.title)?;
    ws.set_row_height(0, 30)?;
    ws.write_string_with_format(1, 0, "目录", &f.heading)?;
    for (i, name) in names.iter().skip(1).enumerate() {
        let row = 2 + i as u32;
        ws.write_number(row, 0, (i + 1) as f64)?;
        let url = Url::new(format!("internal:'{}'!A1", name.replace('\'', "''")));
        // The entry reads as the heading it leads to, as a printed contents
        // does (and a reader of the workbook finds the part it names).
        let text = match name.as_str() {
            OVERVIEW_SHEET => "第一部分 概况",
            EXPLANATION_SHEET => "第三部分 情况说明",
            TARGETS_SHEET => "项目支出绩效目标表",
            GLOSSARY_SHEET => "第四部分 名词解释",
            other => other,
        };
        ws.write_url_with_format(row, 1, url.set_text(text), &f.link)?;
    }
    Ok(())
}

fn overview_sheet(ws: &mut Worksheet, d: &Disclosure, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(OVERVIEW_SHEET)?;
    page_setup(ws, false, PROSE);
    let mut rows = vec![("第一部分 概况".to_string(), true)];
    rows.push(("一、本部门职责".to_string(), true));
    rows.extend(d.overview.duties.iter().map(|p| (p.clone(), false)));
    rows.push(("二、机构设置情况".to_string(), true));
    rows.extend(d.overview.organisation.iter().map(|p| (p.clone(), false)));
    prose_rows(ws, &rows, f)
}

/// One paragraph or heading a row, in one wide wrapped column.
fn prose_rows(ws: &mut Worksheet, rows: &[(String, bool)], f: &Formats) -> Result<(), XlsxError> {
    // What an A4 portrait page holds at 100 % in LibreOffice and Excel,
    // so the print needs no scaling (measured by printing with LibreOffice).
    const WIDTH: f64 = 66.0;
    ws.set_column_width(0, WIDTH)?;
    for (i, (text, heading)) in rows.iter().enumerate() {
        let row = i as u32;
        if *heading {
            ws.write_string_with_format(row, 0, text, &f.heading)?;
        } else {
            // The height is set from the text: LibreOffice keeps a row at
            // one line when the file gives none. The estimate counts a CJK
            // character as two width units, a little more than either
            // program needs, so a paragraph is never cut.
            ws.write_string_with_format(row, 0, text, &f.prose)?;
            ws.set_row_height(row, 15.0 * lines_for(text, WIDTH))?;
        }
    }
    Ok(())
}

/// One table of the form as a sheet: caption, title merged across, 部门名称
/// and 单位, the merged header, the body, the note.
fn table_sheet(ws: &mut Worksheet, t: &FormTable, year: u16, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(table_sheet_name(t, year))?;
    page_setup(ws, t.landscape, false);
    ws.set_header(format!("&C{}", header_text(&t.title)));
    let last = (t.columns - 1) as u16;
    for (i, w) in t.widths.iter().enumerate() {
        ws.set_column_width(i as u16, f64::from(*w))?;
    }

    ws.write_string_with_format(0, 0, &t.caption, &f.caption)?;
    if last > 0 {
        ws.merge_range(1, 0, 1, last, &t.title, &f.title)?;
    } else {
        ws.write_string_with_format(1, 0, &t.title, &f.title)?;
    }
    ws.set_row_height(1, 30)?;
    let department = format!("部门名称：{}", t.department);
    let unit = format!("单位：{}", t.unit);
    if last >= 2 {
        ws.merge_range(2, 0, 2, last - 1, &department, &f.meta_left)?;
    } else {
        ws.write_string_with_format(2, 0, &department, &f.meta_left)?;
    }
    ws.write_string_with_format(2, last, &unit, &f.meta_right)?;

    let top = TABLE_HEADER_ROW;
    for h in &t.header {
        let (r0, c0) = (top + h.row as u32, h.col as u16);
        let (r1, c1) = (r0 + h.rowspan as u32 - 1, c0 + h.colspan as u16 - 1);
        if (r0, c0) == (r1, c1) {
            ws.write_string_with_format(r0, c0, &h.text, &f.header)?;
        } else {
            ws.merge_range(r0, c0, r1, c1, &h.text, &f.header)?;
        }
    }
    let body = top + t.header_rows as u32;
    for (i, r) in t.rows.iter().enumerate() {
        let row = body + i as u32;
        let mut lines = 1.0_f64;
        for (c, (text, kind)) in r.cells.iter().zip(&t.kinds).enumerate() {
            let col = c as u16;
            match kind {
                CellKind::Figure => match number(text) {
                    Some(v) => {
                        let fmt = if r.total { &f.figure_total } else { &f.figure };
                        ws.write_number_with_format(row, col, v, fmt)?;
                    }
                    None if text.is_empty() => {
                        ws.write_blank(row, col, &f.blank)?;
                    }
                    // Not a number after all: keep what was printed.
                    None => {
                        ws.write_string_with_format(row, col, text, &f.code)?;
                    }
                },
                CellKind::Code => {
                    let fmt = if r.total { &f.code_total } else { &f.code };
                    ws.write_string_with_format(row, col, text, fmt)?;
                }
                CellKind::Label => {
                    let indent = if t.indents(c) {
                        usize::from(r.indent.min(3))
                    } else {
                        0
                    };
                    let fmt = if r.total {
                        &f.label_total[indent]
                    } else {
                        &f.label[indent]
                    };
                    if text.is_empty() {
                        ws.write_blank(row, col, fmt)?;
                    } else {
                        ws.write_string_with_format(row, col, text, fmt)?;
                        let width = f64::from(t.widths[c]) - 2.0 * indent as f64;
                        lines = lines.max(lines_for(text, width));
                    }
                }
            }
        }
        if lines > 1.0 {
            ws.set_row_height(row, 14.0 * lines)?;
        }
    }
    let end = body + t.rows.len() as u32;
    if let Some(note) = &t.note {
        ws.write_string_with_format(end + 1, 0, note, &f.note)?;
    }
    ws.set_freeze_panes(body, 0)?;
    ws.set_repeat_rows(top, body - 1)?;
    Ok(())
}

fn explanation_sheet(ws: &mut Worksheet, d: &Disclosure, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(EXPLANATION_SHEET)?;
    page_setup(ws, false, PROSE);
    let mut rows = vec![(
        format!(
            "第三部分 {}年度部门{}情况说明",
            d.meta.year,
            kind_word(d.meta.kind)
        ),
        true,
    )];
    for s in &d.sections {
        rows.push((
            format!("{}、{}", chinese_numeral(s.number as usize), s.title),
            true,
        ));
        rows.extend(s.paragraphs.iter().map(|p| (p.text.clone(), false)));
    }
    prose_rows(ws, &rows, f)
}

fn glossary_sheet(ws: &mut Worksheet, d: &Disclosure, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(GLOSSARY_SHEET)?;
    page_setup(ws, false, PROSE);
    ws.set_column_width(0, 6)?;
    ws.set_column_width(1, 18)?;
    ws.set_column_width(2, 80)?;
    ws.merge_range(0, 0, 0, 2, "第四部分 名词解释", &f.title)?;
    for (col, text) in ["序号", "名词", "解释"].iter().enumerate() {
        ws.write_string_with_format(1, col as u16, *text, &f.header)?;
    }
    for (i, g) in d.glossary.iter().enumerate() {
        let row = 2 + i as u32;
        ws.write_string_with_format(row, 0, chinese_numeral(i + 1), &f.value)?;
        ws.write_string_with_format(row, 1, &g.term, &f.key)?;
        ws.write_string_with_format(row, 2, &g.definition, &f.value)?;
        let lines = lines_for(&g.definition, 80.0).max(lines_for(&g.term, 18.0));
        ws.set_row_height(row, 15.0 * lines)?;
    }
    ws.set_freeze_panes(2, 0)?;
    Ok(())
}

/// Writes the target tables one under the other in four columns.
struct TargetWriter<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    row: u32,
}

impl TargetWriter<'_> {
    /// The widths of the sheet's columns: the shared grid's
    /// ([`crate::target_grid`]), a character of the grid about two units.
    fn widths() -> [f64; GRID_COLUMNS] {
        GRID_WIDTHS.map(|w| f64::from(w) * 2.3)
    }

    fn title(&mut self, text: &str) -> Result<(), XlsxError> {
        self.ws.merge_range(
            self.row,
            0,
            self.row,
            GRID_COLUMNS as u16 - 1,
            text,
            &self.f.title,
        )?;
        self.ws.set_row_height(self.row, 26)?;
        self.row += 1;
        Ok(())
    }

    /// A project's target table: the form's heading and year, then the
    /// shared grid with its spans as merged ranges, amounts as numbers.
    fn grid(&mut self, grid: &TargetGrid) -> Result<(), XlsxError> {
        self.title(&grid.heading)?;
        self.ws.merge_range(
            self.row,
            0,
            self.row,
            GRID_COLUMNS as u16 - 1,
            &grid.year,
            &self.f.centre_plain,
        )?;
        self.row += 1;
        let widths = Self::widths();
        for (i, row) in grid.rows.iter().enumerate() {
            let r = self.row + i as u32;
            let mut lines: f64 = 1.0;
            for c in row {
                let fmt = match c.kind {
                    TargetCellKind::Label => &self.f.header,
                    TargetCellKind::Text => &self.f.value,
                    TargetCellKind::Centre => &self.f.centre,
                    TargetCellKind::Figure => match &c.amount {
                        Some(a) if a.decimals > 0 => &self.f.figure,
                        _ => &self.f.yuan,
                    },
                };
                let (col, last_col) = (c.col as u16, (c.col + c.colspan - 1) as u16);
                let last_row = r + c.rowspan as u32 - 1;
                if last_col > col || last_row > r {
                    self.ws.merge_range(r, col, last_row, last_col, "", fmt)?;
                }
                let value = c.amount.as_ref().and_then(|a| number(&a.printed()));
                match value {
                    Some(v) => {
                        self.ws.write_number_with_format(r, col, v, fmt)?;
                    }
                    None if c.text.is_empty() => {
                        self.ws.write_blank(r, col, fmt)?;
                    }
                    None => {
                        self.ws.write_string_with_format(r, col, &c.text, fmt)?;
                    }
                }
                if c.rowspan == 1 {
                    let width: f64 = widths[c.col..c.col + c.colspan].iter().sum();
                    lines = lines.max(lines_for(&c.text, width));
                }
            }
            if lines > 1.0 {
                self.ws.set_row_height(r, 15.0 * lines)?;
            }
        }
        self.row += grid.rows.len() as u32;
        Ok(())
    }
}

fn targets_sheet(ws: &mut Worksheet, d: &Disclosure, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(TARGETS_SHEET)?;
    page_setup(ws, false, false);
    for (c, w) in TargetWriter::widths().iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let mut w = TargetWriter { ws, f, row: 0 };
    if let Some(t) = &d.department_target {
        w.grid(&department_target_grid(t, &d.meta))?;
        w.row += 1;
    }
    for t in &d.targets {
        w.grid(&target_grid(t, &d.meta))?;
        w.row += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use yusuan_core::amount::Unit;
    use yusuan_core::model::{Table, TableKind};

    #[test]
    fn sheet_names_fit_excel() {
        for kind in TableKind::NATIONAL {
            let t = Table::new(
                kind.national_number(),
                kind,
                format!("2024年{}", kind.title()),
                Unit::WanYuan,
                vec![],
            );
            let form = crate::form::form_table(&t, "某部门", 2024);
            let name = table_sheet_name(&form, 2024);
            assert!(name.chars().count() <= 31, "{name}");
            assert!(
                !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
                "{name}"
            );
            assert!(name.starts_with(&format!("表{} ", kind.national_number())));
        }
        let t = Table::new(
            1,
            TableKind::BudgetSummary,
            "2024年预算收支总表",
            Unit::WanYuan,
            vec![],
        );
        let form = crate::form::form_table(&t, "某部门", 2024);
        assert_eq!(table_sheet_name(&form, 2024), "表1 预算收支总表");
    }

    #[test]
    fn figures_convert_from_their_string() {
        assert_eq!(number("730.03"), Some(730.03));
        assert_eq!(number("0.00"), Some(0.0));
        assert_eq!(number(""), None);
    }
}
