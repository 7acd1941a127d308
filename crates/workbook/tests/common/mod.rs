//! Shared by the workbook tests: a hand-made budget of a county 信访局, and a
//! way to change cells of a written workbook as a finance officer would.

#![allow(dead_code)]

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use rust_decimal::Decimal;
use rust_xlsxwriter::Workbook;
use std::io::Cursor;
use std::str::FromStr;
use yusuan_core::amount::Unit;
use yusuan_core::budget::{
    AssetFacts, Budget, DepartmentTexts, GlossaryTerm, IndicatorLine, ProjectPlan,
};
use yusuan_core::catalog::Catalogs;
use yusuan_core::facts::{
    BasicLine, BudgetFacts, BySource, CostClass, EconomicLine, FundingSource, OperatingCost,
    PriorYear, ProcurementFacts, ProjectFacts, SpendingUnit, ThreePublic,
};
use yusuan_core::model::{DocKind, Level, Metadata, ProjectAttribute, UnitKind};
use yusuan_workbook::{read_workbook, write_workbook, Problem, WorkbookError};

pub const GP: FundingSource = FundingSource::GeneralPublic;
pub const DEPARTMENT: &str = "汾阳市信访局";
pub const CENTRE: &str = "汾阳市信访服务中心";
pub const PROJECT: &str = "信访专项工作经费";
pub const PROJECT2: &str = "疑难信访案件经费";
pub const CARRIED: &str = "上年结转信访经费";

pub fn yuan(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A consistent 2024 budget: two units (行政, 事业), basic lines, three
/// projects (one with two sources, one carried over), economic lines that add
/// up to the 一般公共预算 basic lines, and every text.
///
/// 支出明细 rows: 2–4 the basic lines, 5–6 项目 信访专项工作经费 (一般公共预算,
/// 单位资金), 7 疑难信访案件经费, 8 上年结转信访经费.
pub fn sample() -> Budget {
    let basic = [
        ("2010301", "3000000.00"),
        ("2080505", "400000.00"),
        ("2101101", "200000.00"),
    ]
    .map(|(code, y)| BasicLine {
        function_code: code.into(),
        source: GP,
        carryover: false,
        yuan: yuan(y),
    })
    .to_vec();
    use CostClass::{Personnel as P, Public as U};
    let economic = [
        (DEPARTMENT, "30101", P, "2000000.00"),
        (DEPARTMENT, "30108", P, "400000.00"),
        (DEPARTMENT, "30110", P, "200000.00"),
        (DEPARTMENT, "30201", U, "500000.00"),
        (DEPARTMENT, "30217", U, "20000.00"),
        (DEPARTMENT, "30231", U, "30000.00"),
        (CENTRE, "30101", P, "450000.00"),
    ]
    .map(|(unit, code, class, y)| EconomicLine {
        unit: unit.into(),
        code: code.into(),
        class,
        yuan: yuan(y),
    })
    .to_vec();
    let project =
        |name: &str, code: &str, carryover: bool, sources: Vec<(FundingSource, Decimal)>| {
            ProjectFacts {
                name: name.into(),
                unit: DEPARTMENT.into(),
                function_code: code.into(),
                carryover,
                sources: BySource(sources),
                attribute: Some(ProjectAttribute::Recurring),
                period_total: None,
            }
        };
    let mut projects = vec![
        project(
            PROJECT,
            "2014004",
            false,
            vec![
                (GP, yuan("2000000.00")),
                (FundingSource::UnitFunds, yuan("100000.00")),
            ],
        ),
        project(PROJECT2, "2014099", false, vec![(GP, yuan("135000.50"))]),
        project(CARRIED, "2014004", true, vec![(GP, yuan("50000.00"))]),
    ];
    projects[1].attribute = Some(ProjectAttribute::OneOff);
    projects[1].period_total = Some(yuan("405001.50"));
    projects[2].attribute = None;
    let facts = BudgetFacts {
        meta: Metadata {
            department: DEPARTMENT.into(),
            department_code: Some("027".into()),
            region: Some("山西省吕梁市汾阳市".into()),
            level: Some(Level::County),
            year: 2024,
            kind: DocKind::Budget,
            unit: Unit::WanYuan,
        },
        units: vec![
            SpendingUnit {
                name: DEPARTMENT.into(),
                kind: UnitKind::Administrative,
            },
            SpendingUnit {
                name: CENTRE.into(),
                kind: UnitKind::Institution,
            },
        ],
        basic,
        projects,
        economic,
        three_public: ThreePublic {
            abroad: BySource(vec![]),
            reception: BySource(vec![(GP, yuan("20000.00"))]),
            vehicle_purchase: BySource(vec![]),
            vehicle_operation: BySource(vec![(GP, yuan("30000.00"))]),
        },
        operating_costs: vec![OperatingCost {
            unit: DEPARTMENT.into(),
            amounts: BySource(vec![(GP, yuan("550000.00"))]),
        }],
        procurement: Some(ProcurementFacts {
            goods: yuan("100000.00"),
            works: yuan("0.00"),
            services: yuan("50000.00"),
        }),
        prior_year: Some(PriorYear {
            total: Some(yuan("6000000.00")),
            general_public: Some(yuan("5900000.00")),
            three_public: Some(ThreePublic {
                abroad: BySource(vec![]),
                reception: BySource(vec![(GP, yuan("25000.00"))]),
                vehicle_purchase: BySource(vec![]),
                vehicle_operation: BySource(vec![(GP, yuan("30000.00"))]),
            }),
            operating_costs: Some(yuan("540000.00")),
        }),
    };
    let indicator = |l1: &str, l2: &str, name: &str, value: &str| IndicatorLine {
        level1: l1.into(),
        level2: l2.into(),
        name: name.into(),
        value: value.into(),
    };
    Budget {
        facts,
        texts: DepartmentTexts {
            duties: vec![
                "贯彻落实党中央关于信访工作的方针政策。".into(),
                "受理、交办、转送群众来信来访。".into(),
            ],
            organisation: vec!["本部门设办公室、接访科、督查科。".into()],
            change_reason: Some("项目支出增加。".into()),
            three_public_reason: Some("严格控制公务接待。".into()),
            operating_costs_reason: None,
            assets: AssetFacts {
                vehicles_quota: Some(2),
                vehicles: Some(1),
                building_area: Some("1200.5".into()),
                general_equipment_over_500k: Some(0),
                special_equipment_over_1m: None,
            },
            other: vec![],
        },
        projects: vec![ProjectPlan {
            name: PROJECT.into(),
            period: Some("1年".into()),
            overview: Some("保障信访工作正常开展。".into()),
            basis: Some("《信访工作条例》".into()),
            necessity: None,
            measures: None,
            plan: Some("全年分季度实施。\n年底验收。".into()),
            period_goal: None,
            annual_goal: Some("按时办结信访事项。".into()),
            period_indicators: vec![],
            annual_indicators: vec![
                indicator("产出指标", "数量指标", "接待群众来访人次", "145人"),
                indicator("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
            ],
        }],
        glossary: vec![GlossaryTerm {
            term: "财政拨款收入".into(),
            definition: "指本级财政当年拨付的资金。".into(),
        }],
    }
}

pub fn catalogs() -> &'static Catalogs {
    Catalogs::embedded()
}

/// The workbook of a budget.
pub fn write(budget: &Budget) -> Vec<u8> {
    write_workbook(budget.facts.meta.year, Some(budget), catalogs()).expect("writes")
}

/// Reads a workbook, expecting problems, as displayed.
pub fn problems(bytes: &[u8]) -> Vec<String> {
    match read_workbook(bytes, "budget.xlsx", catalogs()) {
        Ok(_) => panic!("expected problems, the workbook read cleanly"),
        Err(WorkbookError::Problems(problems)) => problems.iter().map(Problem::to_string).collect(),
        Err(other) => panic!("expected problems, got {other}"),
    }
}

/// A change to one cell.
#[derive(Debug, Clone)]
pub enum Edit {
    Text(&'static str),
    Number(f64),
    Blank,
}

/// Copies every sheet of a workbook, values only, changing the given cells
/// (`("支出明细", "C2", Edit::Text("2010308"))`): what a finance officer's
/// typing does to the file, minus formats and drop-downs, which the reader
/// does not use.
pub fn patch(bytes: &[u8], edits: &[(&str, &str, Edit)]) -> Vec<u8> {
    let mut xlsx: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let mut out = Workbook::new();
    for name in xlsx.sheet_names() {
        let range = xlsx.worksheet_range(&name).unwrap();
        let ws = out.add_worksheet();
        ws.set_name(&name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut cells: Vec<((u32, u32), Data)> = range
            .used_cells()
            .map(|(r, c, d)| ((r0 + r as u32, c0 + c as u32), d.clone()))
            .collect();
        for (sheet, cell, edit) in edits {
            if *sheet != name {
                continue;
            }
            let at = parse_cell(cell);
            cells.retain(|(pos, _)| *pos != at);
            cells.push((
                at,
                match edit {
                    Edit::Text(s) => Data::String(s.to_string()),
                    Edit::Number(n) => Data::Float(*n),
                    Edit::Blank => Data::Empty,
                },
            ));
        }
        for ((r, c), data) in cells {
            let c = c as u16;
            match data {
                Data::String(s) => {
                    ws.write_string(r, c, s).unwrap();
                }
                Data::Float(f) => {
                    ws.write_number(r, c, f).unwrap();
                }
                Data::Int(i) => {
                    ws.write_number(r, c, i as f64).unwrap();
                }
                Data::Bool(b) => {
                    ws.write_boolean(r, c, b).unwrap();
                }
                _ => {}
            }
        }
    }
    out.save_to_buffer().unwrap()
}

/// `C12` → (11, 2).
fn parse_cell(cell: &str) -> (u32, u32) {
    let letters: String = cell
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .collect();
    let row: u32 = cell[letters.len()..].parse().unwrap();
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1));
    (row - 1, col - 1)
}
