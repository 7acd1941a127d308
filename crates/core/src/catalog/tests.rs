//! The shipped catalogs against what the two seed documents print
//! (shared/seeds/: 晋城市信访局 2023, 汾阳市信访局 2024), and the parser's
//! errors.

use super::*;
use crate::model::UnitKind::{Administrative, CivilServiceManaged, Institution};

fn function(year: u16) -> &'static Catalog {
    Catalogs::embedded()
        .get(Classification::Function, year)
        .unwrap()
}

fn department(year: u16) -> &'static Catalog {
    Catalogs::embedded()
        .get(Classification::EconomicDepartment, year)
        .unwrap()
}

/// Codes and names of tables 2, 3 and 5 of 晋城市信访局 2023年部门预算公开.
const JINCHENG_2023: &[(&str, &str)] = &[
    ("201", "一般公共服务支出"),
    ("20103", "政府办公厅（室）及相关机构事务"),
    ("2010301", "行政运行"),
    ("2010308", "信访事务"),
    ("208", "社会保障和就业支出"),
    ("20805", "行政事业单位养老支出"),
    ("2080505", "机关事业单位基本养老保险缴费支出"),
    ("210", "卫生健康支出"),
    ("21011", "行政事业单位医疗"),
    ("2101101", "行政单位医疗"),
    ("2101103", "公务员医疗补助"),
    ("221", "住房保障支出"),
    ("22102", "住房改革支出"),
    ("2210201", "住房公积金"),
    ("230", "转移性支出"),
    ("23002", "一般性转移支付"),
    ("2300208", "结算补助支出"),
];

/// Codes and names of tables 2, 3 and 5 of 汾阳市信访局 2024年部门预算公开.
const FENYANG_2024: &[(&str, &str)] = &[
    ("201", "一般公共服务支出"),
    ("20103", "政府办公厅（室）及相关机构事务"),
    ("2010301", "行政运行"),
    ("2010350", "事业运行"),
    ("20140", "信访事务"),
    ("2014004", "信访业务"),
    ("2014099", "其他信访事务支出"),
    ("208", "社会保障和就业支出"),
    ("20805", "行政事业单位养老支出"),
    ("2080501", "行政单位离退休"),
    ("2080505", "机关事业单位基本养老保险缴费支出"),
    ("2080506", "机关事业单位职业年金缴费支出"),
    ("210", "卫生健康支出"),
    ("21011", "行政事业单位医疗"),
    ("2101101", "行政单位医疗"),
    ("2101102", "事业单位医疗"),
    ("2101103", "公务员医疗补助"),
    ("221", "住房保障支出"),
    ("22102", "住房改革支出"),
    ("2210201", "住房公积金"),
];

/// The 30 类 rows of table 1 as 晋城 prints them, in order, with the codes
/// they stand for.
const CATEGORIES: &[(&str, &str)] = &[
    ("201", "一、一般公共服务支出"),
    ("202", "二、外交支出"),
    ("203", "三、国防支出"),
    ("204", "四、公共安全支出"),
    ("205", "五、教育支出"),
    ("206", "六、科学技术支出"),
    ("207", "七、文化旅游体育与传媒支出"),
    ("208", "八、社会保障和就业支出"),
    ("209", "九、社会保险基金支出"),
    ("210", "十、卫生健康支出"),
    ("211", "十一、节能环保支出"),
    ("212", "十二、城乡社区支出"),
    ("213", "十三、农林水支出"),
    ("214", "十四、交通运输支出"),
    ("215", "十五、资源勘探工业信息等支出"),
    ("216", "十六、商业服务业等支出"),
    ("217", "十七、金融支出"),
    ("219", "十八、援助其他地区支出"),
    ("220", "十九、自然资源海洋气象等支出"),
    ("221", "二十、住房保障支出"),
    ("222", "二十一、粮油物资储备支出"),
    ("223", "二十二、国有资本经营预算支出"),
    ("224", "二十三、灾害防治及应急管理支出"),
    ("227", "二十四、预备费"),
    ("229", "二十五、其他支出"),
    ("230", "二十六、转移性支出"),
    ("231", "二十七、债务还本支出"),
    ("232", "二十八、债务付息支出"),
    ("233", "二十九、债务发行费用支出"),
    ("234", "三十、抗疫特别国债安排的支出"),
];

/// Table 6 of 晋城 2023, whose only unit is administrative: (department item,
/// government item) as printed.
const JINCHENG_TABLE6: &[(&str, &str)] = &[
    ("基本工资", "工资奖金津补贴"),
    ("津贴补贴", "工资奖金津补贴"),
    ("奖金", "工资奖金津补贴"),
    ("绩效工资", "工资福利支出"),
    ("机关事业单位基本养老保险缴费", "社会保障缴费"),
    ("职工基本医疗保险缴费", "社会保障缴费"),
    ("公务员医疗补助缴费", "社会保障缴费"),
    ("其他社会保障缴费", "社会保障缴费"),
    ("住房公积金", "住房公积金"),
    ("其他工资福利支出", "其他工资福利支出"),
    ("办公费", "办公经费"),
    ("工会经费", "办公经费"),
    ("福利费", "办公经费"),
    ("公务用车运行维护费", "公务用车运行维护费"),
    ("其他交通费用", "办公经费"),
    ("其他商品和服务支出", "其他商品和服务支出"),
    ("退休费", "离退休费"),
    ("奖励金", "社会福利和救助"),
];

/// Table 6 of 汾阳 2024, which prints an item once for the bureau (行政) and
/// once for its attached centre (事业). The kind is not printed: it follows
/// from the government item (501/502 are 机关 items, 505 事业, 509 both).
const FENYANG_TABLE6: &[(&str, &str, &[UnitKind])] = &[
    ("基本工资", "工资奖金津补贴", &[Administrative]),
    ("基本工资", "工资福利支出", &[Institution]),
    ("津贴补贴", "工资奖金津补贴", &[Administrative]),
    ("津贴补贴", "工资福利支出", &[Institution]),
    ("奖金", "工资奖金津补贴", &[Administrative]),
    ("绩效工资", "工资福利支出", &[Institution]),
    (
        "机关事业单位基本养老保险缴费",
        "社会保障缴费",
        &[Administrative],
    ),
    (
        "机关事业单位基本养老保险缴费",
        "工资福利支出",
        &[Institution],
    ),
    ("职业年金缴费", "社会保障缴费", &[Administrative]),
    ("职业年金缴费", "工资福利支出", &[Institution]),
    ("职工基本医疗保险缴费", "社会保障缴费", &[Administrative]),
    ("职工基本医疗保险缴费", "工资福利支出", &[Institution]),
    ("公务员医疗补助缴费", "社会保障缴费", &[Administrative]),
    ("其他社会保障缴费", "社会保障缴费", &[Administrative]),
    ("其他社会保障缴费", "工资福利支出", &[Institution]),
    ("住房公积金", "住房公积金", &[Administrative]),
    ("其他工资福利支出", "其他工资福利支出", &[Administrative]),
    ("办公费", "办公经费", &[Administrative]),
    ("手续费", "办公经费", &[Administrative]),
    ("水费", "办公经费", &[Administrative]),
    ("电费", "办公经费", &[Administrative]),
    ("取暖费", "办公经费", &[Administrative]),
    ("培训费", "培训费", &[Administrative]),
    ("工会经费", "办公经费", &[Administrative]),
    ("工会经费", "商品和服务支出", &[Institution]),
    ("福利费", "办公经费", &[Administrative]),
    ("福利费", "商品和服务支出", &[Institution]),
    ("其他交通费用", "办公经费", &[Administrative]),
    ("其他商品和服务支出", "商品和服务支出", &[Institution]),
    ("退休费", "离退休费", &[Administrative, Institution]),
];

#[test]
fn the_shipped_catalogs_parse_and_cross_check() {
    let catalogs = Catalogs::try_embedded().unwrap_or_else(|e| panic!("{e}"));
    for classification in Classification::ALL {
        assert_eq!(catalogs.years(classification), vec![2023, 2024, 2025]);
    }
    for catalog in catalogs.iter() {
        assert!(!catalog.title.is_empty() && !catalog.source_summary().is_empty());
        assert!(catalog.origin().starts_with("catalogs/"));
        assert!(
            catalog.title.starts_with(&catalog.year.to_string()),
            "{}",
            catalog.title
        );
        // Files list codes in code order, so that they read as the tree and
        // two years diff cleanly.
        let sorted = catalog
            .items()
            .windows(2)
            .all(|w| w[0].line() < w[1].line());
        assert!(sorted, "{} is not in code order", catalog.origin());
    }
}

#[test]
fn every_code_printed_in_the_seeds_has_its_printed_name_in_its_year() {
    for (year, printed) in [(2023, JINCHENG_2023), (2024, FENYANG_2024)] {
        let catalog = function(year);
        for (code, name) in printed {
            let item = catalog.lookup(code).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(item.name, *name, "{code} in {year}");
            assert!(catalog.name_matches(code, name));
        }
    }
}

#[test]
fn xinfang_moved_from_a_xiang_to_a_kuan_in_2024() {
    let err = function(2023).lookup("2014004").unwrap_err();
    assert_eq!(
        err.to_string(),
        "2014004 is not in the 2023 支出功能分类 catalog (the catalog is partial: the code may still be valid)"
    );
    let err = function(2024).lookup("2010308").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("2010308 is not in the 2024 支出功能分类 catalog"),
        "{err}"
    );
    assert!(function(2023).get("20140").is_none());
    for year in [2024, 2025] {
        assert!(function(year).get("2010308").is_none());
        let names: Vec<_> = function(year)
            .children("20140")
            .unwrap()
            .iter()
            .map(|i| (i.code.as_str(), i.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("2014001", "行政运行"),
                ("2014002", "一般行政管理事务"),
                ("2014003", "机关服务"),
                ("2014004", "信访业务"),
                ("2014050", "事业运行"),
                ("2014099", "其他信访事务支出"),
            ]
        );
    }
    assert_eq!(
        Catalogs::embedded().years_containing(Classification::Function, "2014004"),
        [2024, 2025]
    );
}

#[test]
fn every_year_has_the_thirty_categories_in_the_printed_order() {
    for year in [2023, 2024, 2025] {
        let catalog = function(year);
        let categories: Vec<_> = catalog.categories().map(|i| i.code.as_str()).collect();
        let expected: Vec<_> = CATEGORIES.iter().map(|(code, _)| *code).collect();
        assert_eq!(categories, expected, "{year}");
        for (code, printed) in CATEGORIES {
            let found = catalog.find_by_name(printed, None);
            assert_eq!(found.len(), 1, "{printed} in {year}: {found:?}");
            assert_eq!(found[0].code, *code);
            assert!(catalog.name_matches(code, printed));
        }
        // Every name ends in 支出 but 预备费.
        for item in catalog.categories() {
            assert_eq!(
                item.name.ends_with("支出"),
                item.code != "227",
                "{}",
                item.name
            );
        }
    }
}

#[test]
fn names_are_found_despite_brackets_wrapping_and_ordinals() {
    let catalog = function(2023);
    for printed in [
        "政府办公厅(室)及相关机构事务",
        "政府办公厅（室）及相关\n机构事务",
        " 政府办公厅（室）\u{3000}及相关机构事务 ",
    ] {
        let found = catalog.find_by_name(printed, None);
        assert_eq!(found.len(), 1, "{printed:?}");
        assert_eq!(found[0].code, "20103");
    }
    // The wrapped rows of 汾阳's table 1.
    for (printed, code) in [
        ("七、文化旅游体育与传媒支\n出", "207"),
        ("十五、资源勘探工业信息等\n支出", "215"),
        ("二十二、国有资本经营\n预算支出", "223"),
        ("二十三、灾害防治及应急管\n理支出", "224"),
        ("三十、抗疫特别国债安排的\n支出", "234"),
    ] {
        let found = catalog.find_by_name(printed, None);
        assert_eq!(
            found.iter().map(|i| i.code.as_str()).collect::<Vec<_>>(),
            [code]
        );
    }
    // 行政运行 is under most 款: the parent narrows it, directly or via the 类.
    assert!(catalog.find_by_name("行政运行", None).len() > 10);
    let found = catalog.find_by_name("行政运行", Some("20103"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, "2010301");
    assert!(catalog.find_by_name("行政运行", Some("230")).is_empty());
    assert_eq!(
        catalog.find_by_name("行政运行", Some("210"))[0].code,
        "2100101"
    );
    assert_eq!(
        catalog.find_by_name("①行政单位医疗", Some("210"))[0].code,
        "2101101"
    );
    assert!(catalog.find_by_name("", None).is_empty());
    assert!(catalog.find_by_name("信访业务", None).is_empty());
}

#[test]
fn normalize_name_removes_printing_accidents_only() {
    for (printed, key) in [
        ("一般公共服务支出", "一般公共服务支出"),
        ("一、一般公共服务支出", "一般公共服务支出"),
        ("二十三、灾害防治", "灾害防治"),
        ("（一）政府购买服务", "政府购买服务"),
        ("(2)其他", "其他"),
        ("①公务用车购置费", "公务用车购置费"),
        ("⑵公务用车运行维护费", "公务用车运行维护费"),
        ("1.受理", "受理"),
        ("3、处理", "处理"),
        ("因公出国（境）费", "因公出国(境)费"),
        ("十、", "十、"),
        (" 住房\t公积金\r\n", "住房公积金"),
    ] {
        assert_eq!(normalize_name(printed), key, "{printed:?}");
    }
}

#[test]
fn ancestors_and_children() {
    let catalog = function(2024);
    let up: Vec<_> = catalog
        .ancestors("2014004")
        .unwrap()
        .iter()
        .map(|i| (i.code.as_str(), i.level))
        .collect();
    assert_eq!(up, [("20140", Level::Section), ("201", Level::Category)]);
    assert!(catalog.ancestors("201").unwrap().is_empty());
    let item = catalog.lookup("2014004").unwrap();
    assert_eq!(
        (item.level.number(), item.parent.as_deref()),
        (3, Some("20140"))
    );
    let under_21011: Vec<_> = catalog
        .children("21011")
        .unwrap()
        .iter()
        .map(|i| i.code.as_str())
        .collect();
    assert_eq!(under_21011, ["2101101", "2101102", "2101103", "2101199"]);
    assert!(catalog.children("2014004").unwrap().is_empty());
    assert!(matches!(
        catalog.ancestors("2999999"),
        Err(CatalogError::UnknownCode { year: 2024, .. })
    ));
    // 213's 款 21301 runs its institutions under 04, not 50.
    assert_eq!(catalog.lookup("2130104").unwrap().name, "事业运行");
    assert!(catalog.get("2130150").is_none());
}

/// Resolves a printed department item to its printed government item.
fn check_pair(year: u16, dept_name: &str, gov_name: &str, kind: UnitKind) {
    let dept = department(year);
    let found = dept.find_by_name(dept_name, None);
    assert_eq!(found.len(), 1, "{dept_name} in {year}: {found:?}");
    let item = found[0];
    let gov = dept
        .government_item(&item.code, kind)
        .unwrap_or_else(|e| panic!("{dept_name} ({}) in {year}: {e}", kind.as_str()));
    assert_eq!(
        gov.name,
        gov_name,
        "{dept_name} {} → {} {} in {year}, printed {gov_name}",
        kind.as_str(),
        gov.code,
        gov.name
    );
}

#[test]
fn the_seeds_table6_pairs_resolve_to_the_printed_government_items() {
    for (dept_name, gov_name) in JINCHENG_TABLE6 {
        check_pair(2023, dept_name, gov_name, Administrative);
    }
    for (dept_name, gov_name, kinds) in FENYANG_TABLE6 {
        for kind in *kinds {
            check_pair(2024, dept_name, gov_name, *kind);
        }
    }
    // 参公 units are booked with the 机关.
    for (dept_name, gov_name) in JINCHENG_TABLE6 {
        check_pair(2023, dept_name, gov_name, CivilServiceManaged);
    }
    // The 类 rows of table 6 are 类 of the department classification.
    for (code, printed) in [
        ("301", "工资福利支出"),
        ("302", "商品和服务支出"),
        ("303", "对个人和家庭的补助"),
    ] {
        let found = department(2023).find_by_name(printed, None);
        assert_eq!(
            found.iter().map(|i| i.code.as_str()).collect::<Vec<_>>(),
            [code]
        );
    }
}

#[test]
fn government_item_explains_what_it_cannot_resolve() {
    let dept = department(2024);
    let e = dept.government_item("301", Administrative).unwrap_err();
    assert_eq!(
        e.to_string(),
        "301 is a 类: only a 款 of the 部门预算支出经济分类 maps to a government item"
    );
    let e = dept.government_item("30106", Administrative).unwrap_err();
    assert_eq!(
        e.to_string(),
        "30106 伙食补助费 has no government item recorded for 行政 units in the 2024 部门预算支出经济分类 catalog"
    );
    assert_eq!(
        dept.government_item("30106", Institution).unwrap().code,
        "50501"
    );
    assert!(matches!(
        function(2024).government_item("2010301", Administrative),
        Err(CatalogError::WrongClassification { .. })
    ));
    // A department catalog on its own has nowhere to resolve its mappings.
    let alone = Catalog::from_toml_str(EMBEDDED[3].1, EMBEDDED[3].0).unwrap();
    assert_eq!(
        alone.government_item("30101", Administrative),
        Err(CatalogError::NoGovernmentCatalog { year: 2023 })
    );
}

#[test]
fn every_mapping_matches_the_unit_kind() {
    // 行政 maps into the 机关 类 (501-504) and 509/511/599; 事业 into 505/506
    // and 509/511/599. 30107 绩效工资 is the exception the seeds print.
    for year in [2023, 2024, 2025] {
        for item in department(year).items() {
            if let Some(code) = &item.administrative {
                let ok = ["501", "502", "503", "504", "509", "511", "599"].contains(&&code[..3]);
                assert!(ok || item.code == "30107", "{} 行政={code}", item.code);
            }
            if let Some(code) = &item.institution {
                let ok = ["505", "506", "509", "511", "599"].contains(&&code[..3]);
                assert!(ok, "{} 事业={code}", item.code);
            }
        }
    }
}

#[test]
fn unknown_years_name_the_years_there_are() {
    let e = Catalogs::embedded()
        .get(Classification::Function, 2022)
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "there is no 2022 支出功能分类 catalog (there are for 2023, 2024, 2025)"
    );
}

const SMALL: &str = r#"classification = "function"
title = "测试"
year = 2024
source = "test"
coverage = "complete"
items = """
201 一般公共服务支出
20103 政府办公厅（室）及相关机构事务
2010301 行政运行
"""
"#;

fn parse_err(text: &str) -> String {
    Catalog::from_toml_str(text, "my/2024.toml")
        .unwrap_err()
        .to_string()
}

#[test]
fn a_small_catalog_parses_with_lines() {
    let catalog = Catalog::from_toml_str(SMALL, "my/2024.toml").unwrap();
    assert_eq!(catalog.len(), 3);
    assert_eq!(catalog.lookup("2010301").unwrap().line(), 9);
    assert!(!catalog.is_partial());
    // A complete catalog does not hedge.
    assert_eq!(
        catalog.lookup("2010308").unwrap_err().to_string(),
        "2010308 is not in the 2024 支出功能分类 catalog"
    );
}

#[test]
fn malformed_catalogs_are_errors_naming_file_and_line() {
    let cases = [
        (
            SMALL.replace("20103 政府办公厅（室）及相关机构事务\n", ""),
            "my/2024.toml:8: 2010301 行政运行 is a 项 but its 款 20103 is not in the catalog",
        ),
        (
            SMALL.replace("2010301 行政运行", "2010301 行政运行\n201 又一个"),
            "my/2024.toml:10: 201 appears twice (first on line 7)",
        ),
        (
            SMALL.replace("2010301", "201030"),
            "my/2024.toml:9: 201030 has 6 digits; 支出功能分类 codes have 3, 5, 7",
        ),
        (
            SMALL.replace("2010301 行政运行", "2010301"),
            "my/2024.toml:9: 2010301 has no name",
        ),
        (
            SMALL.replace("2010301 行政运行", "2010301 行政运行 行政=50101"),
            "my/2024.toml:9: 2010301: `行政=50101`: only 部门预算支出经济分类 items carry a mapping",
        ),
        (
            SMALL.replace("201 一般", "301 一般"),
            "my/2024.toml:7: 301: 支出功能分类 codes begin with 2",
        ),
        (
            SMALL.replace("year = 2024\n", ""),
            "my/2024.toml: `year` is missing: a catalog is valid for one year only",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_err(&text), expected);
    }
    // TOML syntax errors carry the line too.
    let e = parse_err(&SMALL.replace("year = 2024", "year = 20x4"));
    assert!(e.starts_with("my/2024.toml:3: "), "{e}");
    let e = parse_err(&SMALL.replace("coverage", "coverge"));
    assert!(
        e.starts_with("my/2024.toml:5: ") && e.contains("coverge"),
        "{e}"
    );
}

#[test]
fn department_mappings_are_checked_against_the_government_catalog() {
    let dept_text = |mapping: &str| {
        format!(
            "classification = \"economic-department\"\ntitle = \"t\"\nyear = 2024\nsource = \"s\"\ncoverage = \"partial\"\nitems = \"\"\"\n301 工资福利支出\n30101 基本工资 {mapping}\n\"\"\"\n"
        )
    };
    let gov = Catalog::from_toml_str(EMBEDDED[7].1, EMBEDDED[7].0).unwrap();
    let good = Catalog::from_toml_str(&dept_text("行政=50101 事业=50501"), "d.toml").unwrap();
    let catalogs = Catalogs::new([good, gov.clone()]).unwrap();
    let dept = catalogs
        .get(Classification::EconomicDepartment, 2024)
        .unwrap();
    assert_eq!(
        dept.government_item("30101", Institution).unwrap().name,
        "工资福利支出"
    );

    let bad = Catalog::from_toml_str(&dept_text("行政=50109"), "d.toml").unwrap();
    let e = Catalogs::new([bad, gov.clone()]).unwrap_err().to_string();
    assert!(
        e.starts_with("d.toml:8: 30101 基本工资 maps 行政 units to 50109, which is not a 款 of the 2024 政府预算支出经济分类 catalog"),
        "{e}"
    );
    let e = parse_err(&dept_text("行政=5010"));
    assert!(e.contains("not a 政府预算支出经济分类 款"), "{e}");
    let e = parse_err(&dept_text("机关=50101"));
    assert!(e.contains("unknown key `机关`"), "{e}");

    let alone = Catalog::from_toml_str(&dept_text("行政=50101"), "d.toml").unwrap();
    let e = Catalogs::new([alone]).unwrap_err().to_string();
    assert!(
        e.starts_with("d.toml: needs the 2024 政府预算支出经济分类 catalog"),
        "{e}"
    );

    // A user's catalog replaces the shipped one of its year, and the
    // department catalog of that year is relinked to it.
    let mine = Catalog::from_toml_str(EMBEDDED[7].1, "mine/gov-2024.toml").unwrap();
    let replaced = Catalogs::embedded().with([mine]).unwrap();
    let gov_2024 = replaced
        .get(Classification::EconomicGovernment, 2024)
        .unwrap();
    assert_eq!(gov_2024.origin(), "mine/gov-2024.toml");
    let relinked = replaced
        .get(Classification::EconomicDepartment, 2024)
        .unwrap()
        .government_catalog()
        .unwrap();
    assert_eq!(relinked.origin(), "mine/gov-2024.toml");
    assert_eq!(replaced.iter().count(), 9);
    drop(gov);
    let dup = Catalog::from_toml_str(SMALL, "a.toml").unwrap();
    let e = Catalogs::new([dup.clone(), dup]).unwrap_err().to_string();
    assert_eq!(
        e,
        "a.toml: a 2024 支出功能分类 catalog is already loaded from a.toml"
    );
}

#[test]
fn items_serialize_with_numeric_levels() {
    let item = department(2024).lookup("30101").unwrap();
    let json = serde_json::to_value(item).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "code": "30101", "name": "基本工资", "level": 2, "parent": "301",
            "administrative": "50101", "institution": "50501"
        })
    );
}
