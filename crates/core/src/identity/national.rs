//! The identities of the national 13-table form (DOMAIN.md, "The tables" and
//! "Across tables"), as data.

use super::{cells, Cells, Declared, Identity, RowSel, Strength};
use crate::model::{Column, RowKind, Side, TableKind};

use Column::*;
use TableKind as T;

const INC: Option<Side> = Some(Side::Income);
const EXP: Option<Side> = Some(Side::Expenditure);

fn must(id: &'static str, zh: &'static str, en: &'static str, identity: Identity) -> Declared {
    Declared {
        id,
        zh,
        en,
        strength: Strength::Must,
        when_present: Vec::new(),
        identity,
    }
}

fn row_sum(
    table: TableKind,
    side: Option<Side>,
    rows: RowSel,
    total: Column,
    parts: &[Column],
) -> Identity {
    Identity::RowSum {
        table,
        side,
        rows,
        total,
        parts: parts.to_vec(),
    }
}

fn eq(lhs: Vec<Cells>, rhs: Vec<Cells>) -> Identity {
    Identity::Equal { lhs, rhs }
}

fn kind(table: TableKind, side: Option<Side>, k: RowKind, column: Column) -> Cells {
    cells(table, side, RowSel::Kind(k), column)
}

fn total(table: TableKind, column: Column) -> Cells {
    kind(table, None, RowKind::Total, column)
}

const SOURCES: [Column; 5] = [
    GeneralPublic,
    GovFund,
    StateCapital,
    SpecialAccount,
    UnitFunds,
];
const FISCAL: [Column; 3] = [GeneralPublic, GovFund, StateCapital];

/// The income side of a summary table (1 or 4): 本年收入合计 = Σ sources, and
/// 收入总计 = 本年收入合计 + the carry-over (the 上年结转 row in table 1, level
/// 0; its rows by source in table 4, level 1).
fn income_totals(
    table: TableKind,
    carryover_level: u8,
    ids: [&'static str; 2],
    zh: [&'static str; 2],
    en: [&'static str; 2],
) -> Vec<Declared> {
    vec![
        must(
            ids[0],
            zh[0],
            en[0],
            eq(
                vec![kind(table, INC, RowKind::YearTotal, Amount)],
                vec![kind(table, INC, RowKind::Source, Amount)],
            ),
        ),
        must(
            ids[1],
            zh[1],
            en[1],
            eq(
                vec![kind(table, INC, RowKind::GrandTotal, Amount)],
                vec![
                    kind(table, INC, RowKind::YearTotal, Amount),
                    cells(
                        table,
                        INC,
                        RowSel::KindLevel(RowKind::Carryover, carryover_level),
                        Amount,
                    ),
                ],
            ),
        ),
    ]
}

/// The expenditure side of a summary table (1 or 4), in every column:
/// 本年支出合计 = Σ 类, and 支出总计 = 本年支出合计 + 年终结转; then the
/// balance of the two sides, 收入总计 = 支出总计 (in the first column).
fn expenditure_totals(
    table: TableKind,
    columns: &[Column],
    ids: [&'static str; 3],
    zh: [&'static str; 3],
    en: [&'static str; 3],
) -> Vec<Declared> {
    let mut v = Vec::new();
    for column in columns {
        v.push(must(
            ids[0],
            zh[0],
            en[0],
            eq(
                vec![kind(table, EXP, RowKind::YearTotal, *column)],
                vec![kind(table, EXP, RowKind::Classification, *column)],
            ),
        ));
    }
    for column in columns {
        v.push(must(
            ids[1],
            zh[1],
            en[1],
            eq(
                vec![kind(table, EXP, RowKind::GrandTotal, *column)],
                vec![
                    kind(table, EXP, RowKind::YearTotal, *column),
                    kind(table, EXP, RowKind::Carryover, *column),
                ],
            ),
        ));
    }
    v.push(must(
        ids[2],
        zh[2],
        en[2],
        eq(
            vec![kind(table, INC, RowKind::GrandTotal, Amount)],
            vec![kind(table, EXP, RowKind::GrandTotal, columns[0])],
        ),
    ));
    v
}

/// Every identity of the national form, in table order.
pub fn identities() -> Vec<Declared> {
    // ---- Table 1 预算收支总表
    let mut v = income_totals(
        T::BudgetSummary,
        0,
        ["t1-income-year-total", "t1-income-grand-total"],
        [
            "表1 本年收入合计 = 各收入来源之和",
            "表1 收入总计 = 本年收入合计 + 上年结转",
        ],
        [
            "Table 1: this year's revenue total = sum of the funding sources",
            "Table 1: revenue grand total = this year's total + carry-over",
        ],
    );
    v.extend([
        must(
            "t1-row-total",
            "表1 支出各行 合计 = 当年预算安排 + 上年结转安排",
            "Table 1: each expenditure row's total = this year's budget + carry-over spending",
            row_sum(
                T::BudgetSummary,
                EXP,
                RowSel::Kind(RowKind::Classification),
                Total,
                &[CurrentYear, CarryoverSpending],
            ),
        ),
        must(
            "t1-totals-row-total",
            "表1 本年支出合计、支出总计 合计 = 当年预算安排 + 上年结转安排",
            "Table 1: the expenditure totals' total = this year's budget + carry-over spending",
            row_sum(
                T::BudgetSummary,
                EXP,
                RowSel::Kind(RowKind::YearTotal),
                Total,
                &[CurrentYear, CarryoverSpending],
            ),
        ),
    ]);
    v.extend(expenditure_totals(
        T::BudgetSummary,
        &[Total, CurrentYear, CarryoverSpending],
        [
            "t1-expenditure-year-total",
            "t1-expenditure-grand-total",
            "t1-balance",
        ],
        [
            "表1 本年支出合计 = 各功能类之和",
            "表1 支出总计 = 本年支出合计 + 年终结转",
            "表1 收入总计 = 支出总计",
        ],
        [
            "Table 1: this year's expenditure total = sum of the functional categories",
            "Table 1: expenditure grand total = this year's total + year-end carry-over",
            "Table 1: revenue grand total = expenditure grand total",
        ],
    ));
    v.extend([
        // ---- Table 2 预算收入总表
        must(
            "t2-row-sources",
            "表2 各行 合计 = 五项收入来源之和（上年结转另列）",
            "Table 2: each row's total = sum of the five funding sources (carry-over apart)",
            row_sum(T::RevenueSummary, None, RowSel::Kind(RowKind::Classification), Total, &SOURCES),
        ),
        must(
            "t2-total-sources",
            "表2 合计行 合计 = 五项收入来源之和",
            "Table 2: the total row's total = sum of the five funding sources",
            row_sum(T::RevenueSummary, None, RowSel::Kind(RowKind::Total), Total, &SOURCES),
        ),
        must(
            "t2-hierarchy",
            "表2 类 = 所属款之和，款 = 所属项之和，合计 = 各类之和",
            "Table 2: category = sum of its items, item = sum of its sub-items, total = sum of categories",
            Identity::Hierarchy {
                table: T::RevenueSummary,
                side: None,
            },
        ),
    ]);
    // ---- Tables 3, 5 and 8: basic + project, and the hierarchy.
    for (table, n_row, n_tree, zh_row, zh_tree) in [
        (
            T::ExpenditureSummary,
            "t3-basic-project",
            "t3-hierarchy",
            "表3 合计 = 基本支出 + 项目支出",
            "表3 类 = 所属款之和，款 = 所属项之和，合计 = 各类之和",
        ),
        (
            T::GeneralPublicExpenditure,
            "t5-basic-project",
            "t5-hierarchy",
            "表5 合计 = 基本支出 + 项目支出",
            "表5 类 = 所属款之和，款 = 所属项之和，合计 = 各类之和",
        ),
        (
            T::GovFundExpenditure,
            "t8-basic-project",
            "t8-hierarchy",
            "表8 合计 = 基本支出 + 项目支出",
            "表8 类 = 所属款之和，款 = 所属项之和，合计 = 各类之和",
        ),
    ] {
        for rows in [RowKind::Total, RowKind::Classification] {
            v.push(must(
                n_row,
                zh_row,
                "Each row's total = basic + project expenditure",
                row_sum(table, None, RowSel::Kind(rows), Total, &[Basic, Project]),
            ));
        }
        v.push(must(
            n_tree,
            zh_tree,
            "Category = sum of its items, item = sum of its sub-items, total = sum of categories",
            Identity::Hierarchy { table, side: None },
        ));
    }
    // ---- Table 4 财政拨款收支总表
    v.extend(income_totals(
        T::FiscalSummary,
        1,
        ["t4-income-year-total", "t4-income-grand-total"],
        [
            "表4 本年收入合计 = 各财政拨款来源之和",
            "表4 收入总计 = 本年收入合计 + 上年财政拨款结转（各来源）",
        ],
        [
            "Table 4: this year's revenue total = sum of the fiscal sources",
            "Table 4: revenue grand total = this year's total + fiscal carry-over by source",
        ],
    ));
    for rows in [
        RowKind::Classification,
        RowKind::YearTotal,
        RowKind::GrandTotal,
    ] {
        v.push(must(
            "t4-row-subtotal",
            "表4 支出各行 小计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算",
            "Table 4: each expenditure row's subtotal = sum of the three fiscal sources",
            row_sum(T::FiscalSummary, EXP, RowSel::Kind(rows), Subtotal, &FISCAL),
        ));
    }
    v.extend(expenditure_totals(
        T::FiscalSummary,
        &[Subtotal, GeneralPublic, GovFund, StateCapital],
        [
            "t4-expenditure-year-total",
            "t4-expenditure-grand-total",
            "t4-balance",
        ],
        [
            "表4 本年支出合计 = 各功能类之和",
            "表4 支出总计 = 本年支出合计 + 年终结转",
            "表4 收入总计 = 支出总计",
        ],
        [
            "Table 4: this year's expenditure total = sum of the functional categories",
            "Table 4: expenditure grand total = this year's total + year-end carry-over",
            "Table 4: revenue grand total = expenditure grand total",
        ],
    ));
    // Each fiscal source balances on its own: what came in this year and was
    // carried over is what is spent or carried on.
    for (label, column) in [
        ("一般公共预算", GeneralPublic),
        ("政府性基金预算", GovFund),
        ("国有资本经营预算", StateCapital),
    ] {
        v.push(must(
            "t4-source-balance",
            "表4 各财政拨款来源：本年收入 + 上年结转 = 支出总计",
            "Table 4: for each fiscal source, this year's revenue + carry-over = expenditure grand total",
            eq(
                vec![
                    cells(T::FiscalSummary, INC, RowSel::KindLabel(RowKind::Source, label), Amount),
                    cells(T::FiscalSummary, INC, RowSel::KindLabel(RowKind::Carryover, label), Amount),
                ],
                vec![kind(T::FiscalSummary, EXP, RowKind::GrandTotal, column)],
            ),
        ));
    }
    v.extend([
        // ---- Table 6 基本支出分经济科目表
        must(
            "t6-personnel-public",
            "表6 合计 = 人员经费 + 公用经费",
            "Table 6: total = personnel + public expenditure",
            row_sum(
                T::BasicByEconomic,
                None,
                RowSel::Kind(RowKind::Total),
                Total,
                &[Personnel, Public],
            ),
        ),
        must(
            "t6-personnel-public",
            "表6 合计 = 人员经费 + 公用经费",
            "Table 6: total = personnel + public expenditure",
            row_sum(
                T::BasicByEconomic,
                None,
                RowSel::Kind(RowKind::Classification),
                Total,
                &[Personnel, Public],
            ),
        ),
        must(
            "t6-hierarchy",
            "表6 经济分类类 = 所属款之和，合计 = 各类之和",
            "Table 6: economic category = sum of its items, total = sum of categories",
            Identity::Hierarchy {
                table: T::BasicByEconomic,
                side: None,
            },
        ),
        // ---- Tables 7 and 9
        must(
            "t7-hierarchy",
            "表7 类 = 所属款之和，款 = 所属项之和，合计 = 各类之和",
            "Table 7: category = sum of its items, total = sum of categories",
            Identity::Hierarchy {
                table: T::GovFundRevenue,
                side: None,
            },
        ),
        must(
            "t9-income-hierarchy",
            "表9 收入 类 = 所属款之和，合计 = 各类之和",
            "Table 9 revenue: category = sum of its items, total = sum of categories",
            Identity::Hierarchy {
                table: T::StateCapital,
                side: INC,
            },
        ),
        must(
            "t9-expenditure-hierarchy",
            "表9 支出 类 = 所属款之和，合计 = 各类之和",
            "Table 9 expenditure: category = sum of its items, total = sum of categories",
            Identity::Hierarchy {
                table: T::StateCapital,
                side: EXP,
            },
        ),
    ]);
    for rows in [RowKind::Total, RowKind::Classification] {
        v.push(must(
            "t9-basic-project",
            "表9 支出 合计 = 基本支出 + 项目支出",
            "Table 9 expenditure: total = basic + project",
            row_sum(
                T::StateCapital,
                EXP,
                RowSel::Kind(rows),
                Total,
                &[Basic, Project],
            ),
        ));
    }
    // ---- Tables 10–13: sources across, hierarchy down.
    for (table, id_row, id_tree, zh_row, zh_tree, parts) in [
        (
            T::ThreePublic,
            "t10-sources",
            "t10-items",
            "表10 合计 = 各财政拨款来源之和",
            "表10 公务用车购置及运行费 = ①购置费 + ②运行维护费；合计 = 出国（境）+ 接待 + 公务用车",
            &FISCAL[..],
        ),
        (
            T::OperatingCosts,
            "t11-sources",
            "t11-units",
            "表11 合计 = 各财政拨款来源之和",
            "表11 部门合计 = 各单位之和",
            &FISCAL[..],
        ),
        (
            T::ProjectsCurrent,
            "t12-sources",
            "t12-units",
            "表12 合计 = 各资金来源之和",
            "表12 单位 = 所属项目之和",
            &SOURCES[..],
        ),
        (
            T::ProjectsCarriedOver,
            "t13-sources",
            "t13-units",
            "表13 合计 = 各财政拨款来源之和",
            "表13 单位 = 所属项目之和",
            &FISCAL[..],
        ),
    ] {
        for rows in [
            RowKind::Total,
            RowKind::Item,
            RowKind::Unit,
            RowKind::Project,
        ] {
            v.push(must(
                id_row,
                zh_row,
                "Each row's total = sum of its funding sources",
                row_sum(table, None, RowSel::Kind(rows), Total, parts),
            ));
        }
        v.push(must(
            id_tree,
            zh_tree,
            "Each row with rows under it = their sum; the total = sum of the top rows",
            Identity::Hierarchy { table, side: None },
        ));
    }
    v.extend(across_tables());
    v
}

/// The identities between tables.
fn across_tables() -> Vec<Declared> {
    let mut v = Vec::new();
    // Table 1's sources are table 2's total row.
    for (label, column) in [
        ("一般公共预算", GeneralPublic),
        ("政府性基金预算", GovFund),
        ("国有资本经营预算", StateCapital),
        ("财政专户管理资金", SpecialAccount),
        ("单位资金", UnitFunds),
    ] {
        v.push(must(
            "x-t1-source-t2",
            "表1 各收入来源 = 表2 合计行的同一来源",
            "Table 1's funding sources = table 2's total row",
            eq(
                vec![cells(
                    T::BudgetSummary,
                    INC,
                    RowSel::KindLabel(RowKind::Source, label),
                    Amount,
                )],
                vec![total(T::RevenueSummary, column)],
            ),
        ));
    }
    v.extend([
        must(
            "x-t1-year-total-t2",
            "表1 本年收入合计 = 表2 合计",
            "Table 1's revenue total = table 2's total",
            eq(
                vec![kind(T::BudgetSummary, INC, RowKind::YearTotal, Amount)],
                vec![total(T::RevenueSummary, Total)],
            ),
        ),
        must(
            "x-t1-carryover-t2",
            "表1 上年结转 = 表2 上年结转",
            "Table 1's carry-over = table 2's carry-over",
            eq(
                vec![cells(T::BudgetSummary, INC, RowSel::KindLevel(RowKind::Carryover, 0), Amount)],
                vec![total(T::RevenueSummary, Carryover)],
            ),
        ),
        must(
            "x-t1-category-t3",
            "表1 各功能类 合计 = 表3 同一类 合计",
            "Table 1's categories = table 3's category rows",
            Identity::CodesMatch {
                a: (T::BudgetSummary, EXP, Total),
                b: (T::ExpenditureSummary, None, Total),
                digits: Some(3),
            },
        ),
        must(
            "x-t1-category-t2",
            "表1 各功能类 当年预算安排 = 表2 同一类 合计",
            "Table 1's categories, this year's budget = table 2's category rows",
            Identity::CodesMatch {
                a: (T::BudgetSummary, EXP, CurrentYear),
                b: (T::RevenueSummary, None, Total),
                digits: Some(3),
            },
        ),
        must(
            "x-t3-total-t1",
            "表3 合计 = 表1 本年支出合计",
            "Table 3's total = table 1's expenditure total",
            eq(
                vec![total(T::ExpenditureSummary, Total)],
                vec![kind(T::BudgetSummary, EXP, RowKind::YearTotal, Total)],
            ),
        ),
        must(
            "x-t3-project-t12",
            "表3 项目支出 = 表12、表13 各项目之和",
            "Table 3's project expenditure = the projects of tables 12 and 13",
            eq(
                vec![total(T::ExpenditureSummary, Project)],
                vec![
                    kind(T::ProjectsCurrent, None, RowKind::Project, Total),
                    kind(T::ProjectsCarriedOver, None, RowKind::Project, Total),
                ],
            ),
        ),
        must(
            "x-t5-t2",
            "表5 各行 合计 = 表2 同一科目 一般公共预算",
            "Table 5's rows = the general public budget column of table 2",
            Identity::CodesMatch {
                a: (T::GeneralPublicExpenditure, None, Total),
                b: (T::RevenueSummary, None, GeneralPublic),
                digits: None,
            },
        ),
        must(
            "x-t5-basic-t6",
            "表5 基本支出 = 表6 合计",
            "Table 5's basic expenditure = table 6's total",
            eq(
                vec![total(T::GeneralPublicExpenditure, Basic)],
                vec![total(T::BasicByEconomic, Total)],
            ),
        ),
        must(
            "x-t4-t5",
            "表4 一般公共预算支出 ≥ 表5 合计（表4含上年结转）",
            "Table 4's general public budget expenditure ≥ table 5's total (table 4 includes carry-over)",
            Identity::AtLeast {
                lhs: vec![kind(T::FiscalSummary, EXP, RowKind::YearTotal, GeneralPublic)],
                rhs: vec![total(T::GeneralPublicExpenditure, Total)],
            },
        ),
    ]);
    v.extend([
        must(
            "x-t5-total-t2",
            "表5 合计 = 表2 合计行 一般公共预算",
            "Table 5's total = table 2's general public budget total",
            eq(
                vec![total(T::GeneralPublicExpenditure, Total)],
                vec![total(T::RevenueSummary, GeneralPublic)],
            ),
        ),
        must(
            "x-t7-t1",
            "表7 合计 = 表1 政府性基金预算收入",
            "Table 7's total = table 1's government fund revenue",
            eq(
                vec![total(T::GovFundRevenue, GovFundRevenue)],
                vec![cells(
                    T::BudgetSummary,
                    INC,
                    RowSel::KindLabel(RowKind::Source, "政府性基金预算"),
                    Amount,
                )],
            ),
        ),
        must(
            "x-t9-t1",
            "表9 收入合计 = 表1 国有资本经营预算收入",
            "Table 9's revenue total = table 1's state capital revenue",
            eq(
                vec![kind(
                    T::StateCapital,
                    INC,
                    RowKind::Total,
                    StateCapitalRevenue,
                )],
                vec![cells(
                    T::BudgetSummary,
                    INC,
                    RowSel::KindLabel(RowKind::Source, "国有资本经营预算"),
                    Amount,
                )],
            ),
        ),
        must(
            "x-t8-within-t4",
            "表8 合计 ≤ 表4 政府性基金预算支出总计",
            "Table 8's total ≤ table 4's government fund expenditure",
            Identity::AtLeast {
                lhs: vec![kind(T::FiscalSummary, EXP, RowKind::GrandTotal, GovFund)],
                rhs: vec![total(T::GovFundExpenditure, Total)],
            },
        ),
        must(
            "x-t9-within-t4",
            "表9 支出合计 ≤ 表4 国有资本经营预算支出总计",
            "Table 9's expenditure total ≤ table 4's state capital expenditure",
            Identity::AtLeast {
                lhs: vec![kind(
                    T::FiscalSummary,
                    EXP,
                    RowKind::GrandTotal,
                    StateCapital,
                )],
                rhs: vec![kind(T::StateCapital, EXP, RowKind::Total, Total)],
            },
        ),
    ]);
    // What a table spends from a fiscal source cannot exceed what the
    // department has of it (amounts are never negative).
    for (label, column) in [
        ("一般公共预算", GeneralPublic),
        ("政府性基金预算", GovFund),
        ("国有资本经营预算", StateCapital),
    ] {
        let available = || vec![kind(T::FiscalSummary, EXP, RowKind::GrandTotal, column)];
        v.push(must(
            "x-t10-within-t4",
            "表10 各来源 ≤ 表4 同一来源支出总计",
            "Table 10 by source ≤ table 4's expenditure of that source",
            Identity::AtLeast {
                lhs: available(),
                rhs: vec![total(T::ThreePublic, column)],
            },
        ));
        v.push(must(
            "x-t11-within-t4",
            "表11 各来源 ≤ 表4 同一来源支出总计",
            "Table 11 by source ≤ table 4's expenditure of that source",
            Identity::AtLeast {
                lhs: available(),
                rhs: vec![total(T::OperatingCosts, column)],
            },
        ));
        v.push(must(
            "x-t13-within-t4",
            "表13 各来源 ≤ 表4 同一来源上年结转",
            "Table 13's projects by source ≤ table 4's carry-over of that source",
            Identity::AtLeast {
                lhs: vec![cells(
                    T::FiscalSummary,
                    INC,
                    RowSel::KindLabel(RowKind::Carryover, label),
                    Amount,
                )],
                rhs: vec![kind(T::ProjectsCarriedOver, None, RowKind::Project, column)],
            },
        ));
    }
    for (label, column) in [
        ("一般公共预算", GeneralPublic),
        ("政府性基金预算", GovFund),
        ("国有资本经营预算", StateCapital),
        ("财政专户管理资金", SpecialAccount),
        ("单位资金", UnitFunds),
    ] {
        v.push(must(
            "x-t12-within-t1",
            "表12 各来源 ≤ 表1 同一收入来源",
            "Table 12's projects by source ≤ table 1's revenue of that source",
            Identity::AtLeast {
                lhs: vec![cells(
                    T::BudgetSummary,
                    INC,
                    RowSel::KindLabel(RowKind::Source, label),
                    Amount,
                )],
                rhs: vec![kind(T::ProjectsCurrent, None, RowKind::Project, column)],
            },
        ));
    }
    // 三公 items in table 10 include what table 6 books under the same item.
    for label in ["公务用车运行维护费", "公务接待费"] {
        v.push(must(
            "x-t10-t6",
            "表10 公务用车运行维护费、公务接待费 ≥ 表6 同一经济科目",
            "Table 10's vehicle running and reception costs ≥ the same items of table 6",
            Identity::AtLeast {
                lhs: vec![cells(
                    T::ThreePublic,
                    None,
                    RowSel::Label(label),
                    GeneralPublic,
                )],
                rhs: vec![cells(T::BasicByEconomic, None, RowSel::Label(label), Total)],
            },
        ));
    }
    // Social-insurance items of table 6 and the 功能 项 that carry them.
    for (item, codes) in [
        ("机关事业单位基本养老保险缴费", &["2080505"][..]),
        ("职业年金缴费", &["2080506"][..]),
        ("职工基本医疗保险缴费", &["2101101", "2101102"][..]),
        ("公务员医疗补助缴费", &["2101103"][..]),
        ("住房公积金", &["2210201"][..]),
        ("退休费", &["2080501"][..]),
    ] {
        let functional: Vec<Cells> = codes
            .iter()
            .map(|c| cells(T::GeneralPublicExpenditure, None, RowSel::Code(c), Basic))
            .collect();
        v.push(Declared {
            id: "x-t6-social-insurance",
            zh: "表6 社会保险缴费等经济科目 = 表5 承担它的功能项基本支出",
            en: "Table 6's social-insurance items = the basic expenditure of the functional sub-items carrying them",
            strength: Strength::Expected,
            when_present: functional.clone(),
            identity: eq(vec![cells(T::BasicByEconomic, None, RowSel::Label(item), Total)], functional),
        });
    }
    v
}
