//! The empty template of a year opens with calamine and has every sheet, every
//! header and the year's code lists.

use calamine::{open_workbook_from_rs, Data, Reader, SheetVisible, Xlsx};
use std::io::Cursor;
use yusuan_core::catalog::{Catalogs, Classification, Level};
use yusuan_workbook::layout::{
    self, ECONOMIC, ECONOMIC_LIST, FORM_HEADERS, FUNCTION_LIST, GLOSSARY, INCOME, INDICATORS, INFO,
    LINES, OPERATING, PRIOR, PROCUREMENT, PROJECTS, SHEET_ORDER, TEXTS, THREE_PUBLIC, UNITS,
};
use yusuan_workbook::write_workbook;

fn text(data: Option<&Data>) -> String {
    match data {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => format!("{f}"),
        Some(Data::Int(i)) => i.to_string(),
        _ => String::new(),
    }
}

#[test]
fn the_2024_template_has_every_sheet_and_header() {
    let catalogs = Catalogs::embedded();
    let bytes = write_workbook(2024, None, catalogs).unwrap();
    let mut xlsx: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(xlsx.sheet_names(), SHEET_ORDER.map(String::from).to_vec());
    for sheet in xlsx.sheets_metadata() {
        let hidden = [FUNCTION_LIST.name, ECONOMIC_LIST.name].contains(&sheet.name.as_str());
        let expected = if hidden {
            SheetVisible::Hidden
        } else {
            SheetVisible::Visible
        };
        assert_eq!(sheet.visible, expected, "{}", sheet.name);
    }

    let instructions = xlsx.worksheet_range(layout::INSTRUCTIONS).unwrap();
    assert_eq!(
        text(instructions.get_value((0, 0))),
        "2024年部门预算编制工作簿 填表说明"
    );
    let all: String = instructions
        .used_cells()
        .map(|(_, _, d)| text(Some(d)))
        .collect();
    assert!(all.contains("yusuan make 工作簿.xlsx -o out/"), "{all}");
    assert!(all.contains("上年结转"));
    assert!(all.contains("金额一律以元为单位"));

    for table in [
        UNITS, LINES, PROJECTS, INDICATORS, ECONOMIC, OPERATING, GLOSSARY,
    ] {
        let range = xlsx.worksheet_range(table.name).unwrap();
        for (col, column) in table.columns.iter().enumerate() {
            assert_eq!(
                text(range.get_value((0, col as u32))),
                column.header,
                "{}",
                table.name
            );
        }
    }
    for form in [INFO, TEXTS] {
        let range = xlsx.worksheet_range(form.name).unwrap();
        for (col, header) in FORM_HEADERS.iter().enumerate() {
            assert_eq!(text(range.get_value((0, col as u32))), *header);
        }
        for (row, field) in form.fields.iter().enumerate() {
            assert_eq!(text(range.get_value((row as u32 + 1, 0))), field.label);
        }
    }
    for grid in [INCOME, THREE_PUBLIC, PROCUREMENT, PRIOR] {
        let range = xlsx.worksheet_range(grid.name).unwrap();
        assert_eq!(text(range.get_value((0, 0))), grid.corner);
        for (col, column) in grid.columns.iter().enumerate() {
            assert_eq!(text(range.get_value((0, col as u32 + 1))), column.header);
        }
        for (row, label) in grid.rows.iter().enumerate() {
            assert_eq!(text(range.get_value((row as u32 + 1, 0))), *label);
        }
    }
    assert_eq!(
        INCOME.rows,
        [
            "一般公共预算",
            "政府性基金预算",
            "国有资本经营预算",
            "财政专户管理资金",
            "单位资金"
        ]
    );

    // 部门信息: the year and the fixed unit are filled in.
    let info = xlsx.worksheet_range(INFO.name).unwrap();
    assert_eq!(text(info.get_value((5, 1))), "2024");
    assert_eq!(text(info.get_value((6, 1))), "万元");

    // The hidden lists: every 项 of 2024 (2014004 but not 2010308), every 款.
    let function = catalogs.get(Classification::Function, 2024).unwrap();
    let list = xlsx.worksheet_range(FUNCTION_LIST.name).unwrap();
    assert_eq!(text(list.get_value((0, 3))), "科目年度");
    assert_eq!(text(list.get_value((0, 4))), "2024");
    let codes: Vec<String> = (1..list.height() as u32)
        .map(|r| text(list.get_value((r, 0))))
        .collect();
    let items: Vec<String> = function
        .items()
        .iter()
        .filter(|i| i.level == Level::Item)
        .map(|i| i.code.clone())
        .collect();
    assert_eq!(codes, items);
    assert!(codes.contains(&"2014004".to_string()));
    assert!(!codes.contains(&"2010308".to_string()));
    let row = codes.iter().position(|c| c == "2010301").unwrap() as u32 + 1;
    assert_eq!(text(list.get_value((row, 1))), "行政运行");

    let economic = catalogs
        .get(Classification::EconomicDepartment, 2024)
        .unwrap();
    let list = xlsx.worksheet_range(ECONOMIC_LIST.name).unwrap();
    let codes: Vec<String> = (1..list.height() as u32)
        .map(|r| text(list.get_value((r, 0))))
        .collect();
    let sections: Vec<String> = economic
        .items()
        .iter()
        .filter(|i| i.level == Level::Section)
        .map(|i| i.code.clone())
        .collect();
    assert_eq!(codes, sections);
    let row = codes.iter().position(|c| c == "30101").unwrap() as u32 + 1;
    assert_eq!(text(list.get_value((row, 1))), "基本工资");
    assert_eq!(text(list.get_value((row, 2))), "工资福利支出");
}

#[test]
fn every_catalog_year_has_a_template_and_others_do_not() {
    let catalogs = Catalogs::embedded();
    for year in catalogs.years(Classification::Function) {
        write_workbook(year, None, catalogs).unwrap();
    }
    let error = write_workbook(1999, None, catalogs).unwrap_err();
    assert!(
        error.to_string().contains("没有1999年的支出功能分类科目"),
        "{error}"
    );
}
