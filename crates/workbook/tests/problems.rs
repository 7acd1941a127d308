//! Each kind of problem a filled workbook can have, with its exact text at
//! its sheet and cell; and files that are no workbook at all.

mod common;

use common::*;
use yusuan_core::facts::derive::validate;
use yusuan_workbook::{read_workbook, WorkbookError};

#[test]
fn the_sample_reads_back_as_written() {
    let budget = sample();
    let read = read_workbook(&write(&budget), "budget.xlsx", catalogs()).unwrap();
    assert_eq!(read, budget);
}

#[test]
fn a_patched_copy_without_changes_reads_the_same() {
    // The patch helper itself loses nothing the reader needs.
    let budget = sample();
    let bytes = patch(&write(&budget), &[]);
    assert_eq!(read_workbook(&bytes, "b.xlsx", catalogs()).unwrap(), budget);
}

#[test]
fn code_not_in_the_years_catalog() {
    let mut budget = sample();
    budget.facts.basic[0].function_code = "2010308".into();
    assert_eq!(
        problems(&write(&budget)),
        ["支出明细!C2: 2010308 不在2024年科目中（内置科目表只收录常用科目）"]
    );
}

#[test]
fn code_of_the_wrong_level() {
    let mut budget = sample();
    budget.facts.basic[1].function_code = "201".into();
    budget.facts.basic[2].function_code = "20805".into();
    budget.facts.economic[0].code = "301".into();
    budget.facts.economic[1].code = "3010801".into();
    assert_eq!(
        problems(&write(&budget)),
        [
            "支出明细!C3: 201 是类级科目，此处须填7位的项级科目",
            "支出明细!C4: 20805 是款级科目，此处须填7位的项级科目",
            "基本支出经济分类!B2: 301 是类级科目，此处须填5位的款级科目",
            "基本支出经济分类!B3: 「3010801」不是经济科目编码：须为5位数字的款级科目",
        ]
    );
}

#[test]
fn economic_code_without_a_government_item_for_the_unit_kind() {
    let mut budget = sample();
    // 30106 伙食补助费 is booked for 事业 units only.
    budget.facts.economic[1].code = "30106".into();
    assert_eq!(
        problems(&write(&budget)),
        ["基本支出经济分类!B3: 30106（伙食补助费）在2024年科目中没有行政单位对应的政府预算支出经济分类科目，预算公开表6无法列示"]
    );
}

#[test]
fn amounts_that_are_not_numbers_negative_or_beyond_the_fen() {
    let bytes = patch(
        &write(&sample()),
        &[
            ("支出明细", "G2", Edit::Text("三百万")),
            ("支出明细", "G3", Edit::Number(-5.0)),
            ("支出明细", "G4", Edit::Number(200000.005)),
            ("项目", "E3", Edit::Text("4,05,001.555")),
            ("三公经费", "B3", Edit::Text("n/a")),
        ],
    );
    // The income is not compared: the sums of 支出明细 miss the bad rows.
    assert_eq!(
        problems(&bytes),
        [
            "支出明细!G2: 「三百万」不是金额（元，最多两位小数）",
            "支出明细!G3: 金额 -5 元为负数：预算金额不能为负",
            "支出明细!G4: 金额 200000.005 元超过两位小数：金额以元为单位，精确到分",
            "项目!E3: 金额 405001.555 元超过两位小数：金额以元为单位，精确到分",
            "三公经费!B3: 「n/a」不是金额（元，最多两位小数）",
        ]
    );
}

#[test]
fn amounts_as_text_with_separators_are_accepted() {
    let budget = sample();
    let bytes = patch(
        &write(&budget),
        &[
            ("支出明细", "G2", Edit::Text("3,000,000.00")),
            ("支出明细", "G3", Edit::Text("400000元")),
        ],
    );
    assert_eq!(read_workbook(&bytes, "b.xlsx", catalogs()).unwrap(), budget);
}

#[test]
fn unknown_names() {
    let bytes = patch(
        &write(&sample()),
        &[
            ("支出明细", "A2", Edit::Text("其他支出")),
            ("支出明细", "E3", Edit::Text("中央补助")),
            ("支出明细", "F4", Edit::Text("可能")),
            ("支出明细", "B7", Edit::Text("不存在的项目")),
            ("预算单位", "B3", Edit::Text("企业")),
            ("基本支出经济分类", "A2", Edit::Text("不存在的单位")),
            ("基本支出经济分类", "D3", Edit::Text("其他经费")),
            ("绩效指标", "A3", Edit::Text("另一个项目")),
        ],
    );
    assert_eq!(
        problems(&bytes),
        [
            "预算单位!B3: 「企业」不是单位类型：应为行政、参公或事业",
            "支出明细!A2: 「其他支出」不是支出性质：应为基本支出或项目支出",
            "支出明细!E3: 「中央补助」不是资金来源：应为一般公共预算、政府性基金预算、国有资本经营预算、财政专户管理资金或单位资金",
            "支出明细!F4: 「可能」应为是或否",
            "支出明细!B7: 项目「不存在的项目」不在项目表中",
            // Its only line now names another project.
            "项目!A3: 项目「疑难信访案件经费」在支出明细中没有金额行",
            "绩效指标!A3: 项目「另一个项目」不在项目表中",
            "基本支出经济分类!A2: 预算单位「不存在的单位」不在预算单位表中",
            "基本支出经济分类!D3: 「其他经费」不是经费类别：应为人员经费或公用经费",
        ]
    );
}

#[test]
fn missing_required_values() {
    let bytes = patch(
        &write(&sample()),
        &[
            ("部门信息", "B2", Edit::Blank),
            ("部门信息", "B6", Edit::Blank),
            ("支出明细", "E5", Edit::Blank),
            ("项目", "B2", Edit::Blank),
            ("绩效指标", "E2", Edit::Blank),
            // A blank 指标值 is allowed (published tables have them).
            ("绩效指标", "F3", Edit::Blank),
        ],
    );
    assert_eq!(
        problems(&bytes),
        [
            "部门信息!B2: 未填部门名称",
            "部门信息!B6: 未填预算年度",
            "支出明细!E5: 未填资金来源",
            "项目!B2: 未填预算单位",
            "绩效指标!E2: 未填三级指标",
        ]
    );
}

#[test]
fn year_other_than_the_workbooks() {
    let bytes = patch(
        &write(&sample()),
        &[("部门信息", "B6", Edit::Number(2025.0))],
    );
    assert_eq!(
        problems(&bytes),
        ["部门信息!B6: 预算年度2025与工作簿的科目年度2024不同：科目下拉表是按2024年的科目生成的，请改用2025年的模板（yusuan template --year 2025）"]
    );
}

#[test]
fn year_without_a_catalog() {
    let bytes = patch(
        &write(&sample()),
        &[
            ("部门信息", "B6", Edit::Text("2030年")),
            // Without the list's year, only the catalog is missing.
            ("科目", "E1", Edit::Blank),
        ],
    );
    assert_eq!(
        problems(&bytes),
        ["部门信息!B6: 没有2030年的科目表（已有：2023、2024、2025年），无法检查科目编码"]
    );
}

#[test]
fn duplicated_names() {
    let mut budget = sample();
    budget.facts.projects[1].name = PROJECT.into();
    budget.facts.projects[1].function_code = "2014004".into();
    let bytes = patch(
        &write(&budget),
        &[("预算单位", "A3", Edit::Text(DEPARTMENT))],
    );
    assert_eq!(
        problems(&bytes),
        [
            "预算单位!A3: 单位名称「汾阳市信访局」与第2行重复",
            "项目!A3: 项目名称「信访专项工作经费」与第2行重复",
            // The centre is no longer a unit.
            "基本支出经济分类!A8: 预算单位「汾阳市信访服务中心」不在预算单位表中",
        ]
    );
}

#[test]
fn project_under_two_codes_or_mixed_carryover() {
    let bytes = patch(
        &write(&sample()),
        &[
            ("支出明细", "C6", Edit::Text("2014099")),
            ("支出明细", "B8", Edit::Text(PROJECT)),
        ],
    );
    assert_eq!(
        problems(&bytes),
        [
            "支出明细!C6: 项目「信访专项工作经费」在第5行记于2014004，此行记于2014099：一个项目只能记于一个功能科目",
            "支出明细!F8: 项目「信访专项工作经费」在第5行上年结转为“否”，此行为“是”：一个项目要么是本年安排，要么是上年结转",
            "项目!A4: 项目「上年结转信访经费」在支出明细中没有金额行",
        ]
    );
}

#[test]
fn project_and_basic_lines_with_and_without_project_names() {
    let bytes = patch(
        &write(&sample()),
        &[
            ("支出明细", "B2", Edit::Text(PROJECT)),
            ("支出明细", "B7", Edit::Blank),
        ],
    );
    assert_eq!(
        problems(&bytes),
        [
            "支出明细!B2: 基本支出不填项目名称（「信访专项工作经费」）：项目的金额请把支出性质选为项目支出",
            "支出明细!B7: 项目支出须填写项目名称",
            "项目!A3: 项目「疑难信访案件经费」在支出明细中没有金额行",
        ]
    );
}

#[test]
fn income_that_differs_from_expenditure() {
    let bytes = patch(
        &write(&sample()),
        &[
            ("收入", "B2", Edit::Number(4_845_500.0)),
            ("收入", "B6", Edit::Blank),
            ("收入", "C3", Edit::Number(12.5)),
        ],
    );
    assert_eq!(
        problems(&bytes),
        [
            "收入!B2: 一般公共预算本年收入 4,845,500.00 元与支出明细合计 5,735,000.50 元不等",
            "收入!C3: 政府性基金预算上年结转 12.50 元与支出明细合计 0.00 元不等",
            "收入!B6: 单位资金本年收入未填，而支出明细合计 100,000.00 元",
        ]
    );
}

#[test]
fn inconsistent_facts_are_reported_on_their_sheet() {
    let mut budget = sample();
    // 人员经费 100 元 more than the 一般公共预算 basic lines.
    budget.facts.economic[0].yuan += yuan("100");
    // 机关运行经费 that is not the department's 公用经费.
    budget.facts.operating_costs[0].amounts.0[0].1 = yuan("1.00");
    let expected: Vec<String> = validate(&budget.facts)
        .iter()
        .map(|p| p.message.clone())
        .collect();
    assert_eq!(expected.len(), 2, "{expected:?}");
    // Only the economic total stops the workbook: 机关运行经费 that differ
    // from the 公用经费 print faithfully and are the checker's warning on the
    // made report (`operating-costs-administrative`).
    assert_eq!(
        problems(&write(&budget)),
        [format!("基本支出经济分类: {}", expected[0])]
    );
}

#[test]
fn a_renamed_header_is_a_missing_column() {
    let bytes = patch(&write(&sample()), &[("支出明细", "G1", Edit::Text("金额"))]);
    // The sheet is not read, so nothing is said of its rows or of income.
    assert_eq!(
        problems(&bytes),
        ["支出明细!G1: 缺少「金额（元）」列（表头在第1行，不能改名）"]
    );
}

#[test]
fn a_moved_column_is_still_found() {
    let budget = sample();
    let bytes = patch(
        &write(&budget),
        &[
            // 项目概况 and 立项依据 swapped, headers and all.
            ("项目", "F1", Edit::Text("立项依据")),
            ("项目", "G1", Edit::Text("项目概况")),
            ("项目", "F2", Edit::Text("《信访工作条例》")),
            ("项目", "G2", Edit::Text("保障信访工作正常开展。")),
        ],
    );
    assert_eq!(read_workbook(&bytes, "b.xlsx", catalogs()).unwrap(), budget);
}

#[test]
fn the_empty_template_says_what_is_missing() {
    let bytes = yusuan_workbook::write_workbook(2024, None, catalogs()).unwrap();
    assert_eq!(
        problems(&bytes),
        [
            "部门信息!B2: 未填部门名称",
            "预算单位!A2: 至少要填一个预算单位（第一行为部门本身）",
        ]
    );
}

fn unreadable(bytes: &[u8]) -> (String, String) {
    match read_workbook(bytes, "uploads/预算.xlsx", catalogs()) {
        Err(WorkbookError::Unreadable { path, reason }) => (path, reason),
        other => panic!("expected Unreadable, got {other:?}"),
    }
}

#[test]
fn files_that_are_no_workbook() {
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 24) as u8)
        .collect();
    for bytes in [
        &b""[..],
        &b"not a workbook at all"[..],
        &garbage[..],
        &b"PK\x03\x04 but no zip follows"[..],
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
    ] {
        let (path, reason) = unreadable(bytes);
        assert_eq!(path, "uploads/预算.xlsx");
        assert!(!reason.is_empty());
    }
    let error = read_workbook(b"plain text", "a.txt", catalogs()).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("a.txt: 无法读取预算编制工作簿："),
        "{error}"
    );
}

#[test]
fn truncated_and_damaged_workbooks_never_panic() {
    let bytes = write(&sample());
    for cut in [10, 100, 1000, bytes.len() / 2, bytes.len() - 10] {
        let (path, _) = unreadable(&bytes[..cut]);
        assert_eq!(path, "uploads/预算.xlsx");
    }
    // Flipped bytes here and there: an error or (rarely) problems, never a panic.
    for step in [97usize, 211, 1009] {
        let mut damaged = bytes.clone();
        for i in (step..damaged.len()).step_by(step) {
            damaged[i] ^= 0x5A;
        }
        let _ = read_workbook(&damaged, "damaged.xlsx", catalogs());
    }
}

#[test]
fn a_workbook_missing_sheets() {
    let mut other = rust_xlsxwriter::Workbook::new();
    other.add_worksheet().set_name("部门信息").unwrap();
    let bytes = other.save_to_buffer().unwrap();
    let (path, reason) = unreadable(&bytes);
    assert_eq!(path, "uploads/预算.xlsx");
    assert_eq!(
        reason,
        "缺少工作表：预算单位、文字说明、收入、支出明细、项目、绩效指标、基本支出经济分类、三公经费、机关运行经费、政府采购、上年数（工作表名称不能改；请用 yusuan template 生成的工作簿填写）"
    );
}

#[test]
fn a_plan_without_its_project_gets_a_row_to_correct() {
    let mut budget = sample();
    let mut plan = budget.projects[0].clone();
    plan.name = "只有绩效目标的项目".into();
    budget.projects.push(plan);
    assert_eq!(
        problems(&write(&budget)),
        [
            "项目!A5: 项目「只有绩效目标的项目」在支出明细中没有金额行",
            "项目!B5: 未填预算单位",
        ]
    );
}

#[test]
fn a_blank_indicator_value_reads_as_blank() {
    let mut budget = sample();
    budget.projects[0].annual_indicators[1].value = String::new();
    let read = read_workbook(&write(&budget), "b.xlsx", catalogs()).unwrap();
    assert_eq!(read, budget);
}
