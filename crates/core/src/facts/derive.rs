//! The one pure function from budget facts to the published tables.
//!
//! [`derive_tables`] prints tables 1–13 of the national form (预算公开表1…13)
//! from [`BudgetFacts`]. Every cell is the exact yuan sum of the facts it
//! covers, rounded once to 万元 with two decimals (四舍五入), which is what a
//! budget system does: so a derived document satisfies every printed identity
//! within rounding exactly as a real one does, and misses by a cent exactly
//! where a real one may.
//!
//! [`validate`] finds the inconsistencies between facts that the tables would
//! expose (table 6 against table 5, table 11 against table 6, table 10 against
//! table 6), comparing exact yuan.

use super::{BudgetFacts, BySource, CostClass, FundingSource, Nature, ProjectFacts};
use crate::amount::{Amount, Unit};
use crate::catalog::{Catalog, CatalogError, Catalogs, Classification, Item, Level};
use crate::model::{
    Column, Disclosure, Row, RowKind, Side, SourceFile, SourceFormat, Table, TableKind, UnitKind,
};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// Why budget facts cannot be printed as tables. Every message names the
/// offending line (basic line by number, project by name, …) and says what
/// was expected.
#[derive(Debug, Clone, thiserror::Error)]
pub enum DeriveError {
    // The catalog's own error is shown in the message (it names the code,
    // the year and whether the catalog is partial) rather than chained as a
    // `source`, so a report does not print it twice.
    /// The catalogs have no catalog of that classification and year.
    #[error("cannot derive the tables of {year}: {reason}")]
    Catalog {
        classification: Classification,
        year: u16,
        reason: CatalogError,
    },
    /// A 支出功能分类 code that is not a 7-digit 项 code.
    #[error("{line}: 支出功能分类 code `{code}` is not a 项 code (7 digits expected)")]
    FunctionCodeShape { line: String, code: String },
    /// A 支出功能分类 项 code absent from the catalog of the budget year.
    #[error("{line}: {reason}; a 项 of the {year} catalog is expected")]
    UnknownFunctionCode {
        line: String,
        code: String,
        year: u16,
        reason: CatalogError,
    },
    /// A 部门预算支出经济分类 code that is not a 5-digit 款 code.
    #[error("{line}: 部门预算支出经济分类 code `{code}` is not a 款 code (5 digits expected)")]
    EconomicCodeShape { line: String, code: String },
    /// A 部门预算支出经济分类 款 code absent from the catalog of the budget year.
    #[error("{line}: {reason}; a 款 of the {year} catalog is expected")]
    UnknownEconomicCode {
        line: String,
        code: String,
        year: u16,
        reason: CatalogError,
    },
    /// A department economic item the catalog maps to no 政府预算支出经济分类
    /// item for the kind of unit spending it, so table 6 could not print it.
    #[error("{line}: {reason}; table 6 prints every item with its 政府预算支出经济分类 item")]
    NoGovernmentItem {
        line: String,
        code: String,
        kind: UnitKind,
        year: u16,
        reason: CatalogError,
    },
    /// A line names a spending unit the department does not have.
    #[error(
        "{line}: unit `{unit}` is not one of the department's units (expected one of: {known})"
    )]
    UnknownUnit {
        line: String,
        unit: String,
        known: String,
    },
    /// A negative amount: budgets appropriate money, they never take it back.
    #[error("{line}: amount {yuan} 元 is negative (expected zero or more)")]
    NegativeAmount { line: String, yuan: Decimal },
}

/// What a validation found wrong between facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// The economic lines (table 6 合计) ≠ the 一般公共预算 this-year basic
    /// lines (table 5 基本支出).
    EconomicTotal,
    /// A 行政/参公 unit's 机关运行经费 (table 11) ≠ its 公用经费 economic lines
    /// (table 6).
    OperatingCosts,
    /// 机关运行经费 recorded for a 事业 unit, which has none by definition.
    OperatingCostsOfInstitution,
    /// A "三公" item of table 10 below the same economic item of table 6.
    ThreePublicBelowEconomic,
    /// Money outside 财政拨款 in a table that prints fiscal money only
    /// (tables 10, 11 and 13): the table would silently drop it.
    NonFiscalMoney,
    /// A project with no money at all.
    EmptyProject,
    /// "三公" or 机关运行经费 of a source above what the department spends of
    /// that source (table 10 or 11 against table 4).
    ExceedsSource,
}

/// 事实不一致 an inconsistency between facts that the printed tables would
/// expose; the message names the thing and both amounts (exact yuan).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactProblem {
    pub kind: ProblemKind,
    pub message: String,
}

impl fmt::Display for FactProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The unit every table of the national form is printed in.
const TABLE_UNIT: Unit = Unit::WanYuan;

/// An exact yuan sum as printed in a table: 万元, two decimals, half away from zero.
fn printed(yuan: Decimal) -> Amount {
    Amount::from_yuan(yuan, TABLE_UNIT, 2)
}

/// One piece of money of tables 1–5, 7–9: a 功能 项, basic or project, a
/// source, this year's or carried over. Basic lines and project sources both
/// become flows, so the function tables are sums over one list.
#[derive(Debug, Clone, Copy)]
struct Flow<'f> {
    code: &'f str,
    nature: Nature,
    source: FundingSource,
    carryover: bool,
    yuan: Decimal,
}

/// One economic line checked against the catalogs.
struct EconomicEntry<'c> {
    /// The 类 (工资福利支出 …).
    category: &'c Item,
    /// The 款 (基本工资 …).
    item: &'c Item,
    /// The government item for the unit's kind (工资奖金津补贴 …).
    government: &'c Item,
    class: CostClass,
    yuan: Decimal,
}

/// Facts checked against the catalogs of their year, ready to print.
struct Checked<'a> {
    facts: &'a BudgetFacts,
    year: u16,
    function: &'a Catalog,
    /// 项 code → its items from 类 down to the 项 itself.
    chains: HashMap<&'a str, Vec<&'a Item>>,
    flows: Vec<Flow<'a>>,
    economic: Vec<EconomicEntry<'a>>,
}

fn catalog(
    catalogs: &Catalogs,
    classification: Classification,
    year: u16,
) -> Result<&Catalog, DeriveError> {
    catalogs
        .get(classification, year)
        .map_err(|reason| DeriveError::Catalog {
            classification,
            year,
            reason,
        })
}

fn non_negative(line: impl FnOnce() -> String, yuan: Decimal) -> Result<(), DeriveError> {
    if yuan.is_sign_negative() && !yuan.is_zero() {
        return Err(DeriveError::NegativeAmount { line: line(), yuan });
    }
    Ok(())
}

fn by_source_non_negative(what: &str, amounts: &BySource) -> Result<(), DeriveError> {
    for (source, yuan) in &amounts.0 {
        non_negative(|| format!("{what} {}", source.name()), *yuan)?;
    }
    Ok(())
}

fn digits(code: &str, len: usize) -> bool {
    code.len() == len && code.bytes().all(|b| b.is_ascii_digit())
}

fn basic_line_name(index: usize, code: &str, source: FundingSource, carryover: bool) -> String {
    format!(
        "基本支出 line {} ({code}, {}{})",
        index + 1,
        source.name(),
        if carryover { ", 上年结转" } else { "" }
    )
}

fn project_name(project: &ProjectFacts) -> String {
    format!("项目「{}」", project.name)
}

impl<'a> Checked<'a> {
    fn new(facts: &'a BudgetFacts, catalogs: &'a Catalogs) -> Result<Self, DeriveError> {
        let year = facts.meta.year;
        let function = catalog(catalogs, Classification::Function, year)?;
        let department = catalog(catalogs, Classification::EconomicDepartment, year)?;
        let known_units = || {
            facts
                .units
                .iter()
                .map(|u| u.name.as_str())
                .collect::<Vec<_>>()
                .join("、")
        };
        let unit_kind = |line: &dyn Fn() -> String, unit: &str| {
            facts
                .unit_kind(unit)
                .ok_or_else(|| DeriveError::UnknownUnit {
                    line: line(),
                    unit: unit.to_string(),
                    known: known_units(),
                })
        };

        let mut checked = Checked {
            facts,
            year,
            function,
            chains: HashMap::new(),
            flows: Vec::new(),
            economic: Vec::new(),
        };

        for (i, line) in facts.basic.iter().enumerate() {
            let name = || basic_line_name(i, &line.function_code, line.source, line.carryover);
            non_negative(name, line.yuan)?;
            checked.function_chain(&line.function_code, &name)?;
            checked.flows.push(Flow {
                code: &line.function_code,
                nature: Nature::Basic,
                source: line.source,
                carryover: line.carryover,
                yuan: line.yuan,
            });
        }

        for project in &facts.projects {
            let name = || project_name(project);
            by_source_non_negative(&name(), &project.sources)?;
            unit_kind(&name, &project.unit)?;
            checked.function_chain(&project.function_code, &name)?;
            for (source, yuan) in &project.sources.0 {
                checked.flows.push(Flow {
                    code: &project.function_code,
                    nature: Nature::Project,
                    source: *source,
                    carryover: project.carryover,
                    yuan: *yuan,
                });
            }
        }

        for (i, line) in facts.economic.iter().enumerate() {
            let name = || {
                format!(
                    "经济科目 line {} ({}, unit「{}」)",
                    i + 1,
                    line.code,
                    line.unit
                )
            };
            non_negative(name, line.yuan)?;
            let kind = unit_kind(&name, &line.unit)?;
            if !digits(&line.code, 5) {
                return Err(DeriveError::EconomicCodeShape {
                    line: name(),
                    code: line.code.clone(),
                });
            }
            let item = department.lookup(&line.code).map_err(|reason| {
                DeriveError::UnknownEconomicCode {
                    line: name(),
                    code: line.code.clone(),
                    year,
                    reason,
                }
            })?;
            let government = department
                .government_item(&line.code, kind)
                .map_err(|reason| DeriveError::NoGovernmentItem {
                    line: name(),
                    code: line.code.clone(),
                    kind,
                    year,
                    reason,
                })?;
            let category = department
                .ancestors(&line.code)
                .unwrap_or_default()
                .into_iter()
                .find(|a| a.level == Level::Category)
                .unwrap_or(item);
            checked.economic.push(EconomicEntry {
                category,
                item,
                government,
                class: line.class,
                yuan: line.yuan,
            });
        }

        for cost in &facts.operating_costs {
            let name = || format!("机关运行经费 of「{}」", cost.unit);
            by_source_non_negative(&name(), &cost.amounts)?;
            unit_kind(&name, &cost.unit)?;
        }

        let three = &facts.three_public;
        for (label, amounts) in [
            (ABROAD, &three.abroad),
            (RECEPTION, &three.reception),
            (VEHICLE_PURCHASE, &three.vehicle_purchase),
            (VEHICLE_OPERATION, &three.vehicle_operation),
        ] {
            by_source_non_negative(&format!("“三公”经费 {label}"), amounts)?;
        }

        Ok(checked)
    }

    /// Check a 功能 项 code and remember its items from 类 down.
    fn function_chain(
        &mut self,
        code: &'a str,
        line: &dyn Fn() -> String,
    ) -> Result<(), DeriveError> {
        if self.chains.contains_key(code) {
            return Ok(());
        }
        if !digits(code, 7) {
            return Err(DeriveError::FunctionCodeShape {
                line: line(),
                code: code.to_string(),
            });
        }
        let item =
            self.function
                .lookup(code)
                .map_err(|reason| DeriveError::UnknownFunctionCode {
                    line: line(),
                    code: code.to_string(),
                    year: self.year,
                    reason,
                })?;
        // Nearest first from the catalog; the rows want 类 first.
        let mut chain = self.function.ancestors(code).unwrap_or_default();
        chain.reverse();
        chain.push(item);
        self.chains.insert(code, chain);
        Ok(())
    }

    /// The 类 a flow's 项 belongs to.
    fn category_of(&self, flow: &Flow) -> &str {
        self.chains[flow.code][0].code.as_str()
    }

    fn table(&self, kind: TableKind, columns: Vec<Column>, rows: Vec<Row>) -> Table {
        let mut table = Table::new(
            kind.national_number(),
            kind,
            format!("{}年{}", self.year, kind.title()),
            TABLE_UNIT,
            columns,
        );
        // 注：本表无数据 when nothing at all is budgeted here. A cell whose exact
        // amount is a few yuan prints as 0.00 but is data, so it keeps the
        // table from being "empty".
        table.empty_note = rows.iter().all(|r| r.cells.is_empty());
        table.rows = rows;
        table
    }

    /// 合计 then the 功能 类/款/项 rows that carry money, in code order, each
    /// column the sum of the flows `counts` admits to it.
    fn function_rows(
        &self,
        flows: &[Flow<'a>],
        columns: &[Column],
        counts: impl Fn(&Flow, Column) -> bool,
        side: Option<Side>,
    ) -> Vec<Row> {
        let zeros = vec![Decimal::ZERO; columns.len()];
        let mut total = zeros.clone();
        // Codes sort into tree order: a 类 `201` before its 款 `20103` before
        // its 项 `2010301`, before the next 类.
        let mut by_code: BTreeMap<&str, (&Item, Vec<Decimal>)> = BTreeMap::new();
        for flow in flows {
            for (i, column) in columns.iter().enumerate() {
                if !counts(flow, *column) {
                    continue;
                }
                total[i] += flow.yuan;
                for item in &self.chains[flow.code] {
                    by_code
                        .entry(item.code.as_str())
                        .or_insert_with(|| (item, zeros.clone()))
                        .1[i] += flow.yuan;
                }
            }
        }
        let mut rows = vec![with_side(
            filled(Row::new(RowKind::Total, "合计", 0), columns, &total),
            side,
        )];
        for (code, (item, sums)) in by_code {
            if sums.iter().all(|s| s.is_zero()) {
                continue;
            }
            let row = Row::new(
                RowKind::Classification,
                item.name.clone(),
                item.level.number(),
            )
            .with_code(code);
            rows.push(with_side(filled(row, columns, &sums), side));
        }
        rows
    }

    fn flows_where(&self, keep: impl Fn(&Flow) -> bool) -> Vec<Flow<'a>> {
        self.flows.iter().copied().filter(|f| keep(f)).collect()
    }

    fn sum_flows(&self, keep: impl Fn(&Flow) -> bool) -> Decimal {
        self.flows.iter().filter(|f| keep(f)).map(|f| f.yuan).sum()
    }

    /// Table 1 预算收支总表.
    fn budget_summary(&self) -> Table {
        let mut rows = Vec::new();
        for source in FundingSource::ALL {
            let yuan = self.sum_flows(|f| !f.carryover && f.source == source);
            rows.push(income_row(RowKind::Source, source.name(), 1, yuan));
        }
        let this_year = self.sum_flows(|f| !f.carryover);
        let carried = self.sum_flows(|f| f.carryover);
        rows.push(income_row(RowKind::YearTotal, "本年收入合计", 0, this_year));
        rows.push(income_row(RowKind::Carryover, "上年结转", 0, carried));
        rows.push(income_row(
            RowKind::GrandTotal,
            "收入总计",
            0,
            this_year + carried,
        ));

        // 本年支出合计 includes the spending of carried-over money (合计 =
        // 当年预算安排 + 上年结转安排), so 支出总计 = 收入总计 with 年终结转 zero.
        let columns = [
            Column::Total,
            Column::CurrentYear,
            Column::CarryoverSpending,
        ];
        rows.extend(self.expenditure_side(&columns, |keep| {
            vec![
                self.sum_flows(|f| keep(f)),
                self.sum_flows(|f| keep(f) && !f.carryover),
                self.sum_flows(|f| keep(f) && f.carryover),
            ]
        }));

        let mut table_columns = vec![Column::Amount];
        table_columns.extend(columns);
        self.table(TableKind::BudgetSummary, table_columns, rows)
    }

    /// The expenditure side of tables 1 and 4: the 类 of the year's catalog,
    /// 本年支出合计, 年终结转 (zero in a budget) and 支出总计, each row's
    /// columns summed by `split` over the flows a row keeps.
    fn expenditure_side(
        &self,
        columns: &[Column],
        split: impl Fn(&dyn Fn(&Flow) -> bool) -> Vec<Decimal>,
    ) -> Vec<Row> {
        let mut rows = Vec::new();
        for category in self.function.categories() {
            let sums = split(&|f| self.category_of(f) == category.code);
            let row = Row::new(RowKind::Classification, category.name.clone(), 1)
                .with_code(category.code.clone());
            rows.push(filled(row, columns, &sums).on(Side::Expenditure));
        }
        let all = split(&|_| true);
        rows.push(
            filled(
                Row::new(RowKind::YearTotal, "本年支出合计", 0),
                columns,
                &all,
            )
            .on(Side::Expenditure),
        );
        rows.push(Row::new(RowKind::Carryover, "年终结转", 0).on(Side::Expenditure));
        rows.push(
            filled(Row::new(RowKind::GrandTotal, "支出总计", 0), columns, &all)
                .on(Side::Expenditure),
        );
        rows
    }

    /// Table 2 预算收入总表: this year's money by source, carry-over apart.
    fn revenue_summary(&self) -> Table {
        let mut columns = vec![Column::Total];
        columns.extend(FundingSource::ALL.map(FundingSource::column));
        columns.push(Column::Carryover);
        let rows = self.function_rows(
            &self.flows,
            &columns,
            |f, c| match c {
                // 合计 is the sum of the five sources (this year); 上年结转
                // stands apart, as the Jincheng header prints it.
                Column::Total => !f.carryover,
                Column::Carryover => f.carryover,
                c => !f.carryover && f.source.column() == c,
            },
            None,
        );
        self.table(TableKind::RevenueSummary, columns, rows)
    }

    /// 合计 = 基本支出 + 项目支出 over `flows` (tables 3, 5, 8, 9).
    fn basic_project_rows(&self, flows: &[Flow<'a>], side: Option<Side>) -> Vec<Row> {
        self.function_rows(
            flows,
            &BASIC_PROJECT,
            |f, c| match c {
                Column::Basic => f.nature == Nature::Basic,
                Column::Project => f.nature == Nature::Project,
                _ => true,
            },
            side,
        )
    }

    /// Table 3 预算支出总表: all money, carry-over included.
    fn expenditure_summary(&self) -> Table {
        let rows = self.basic_project_rows(&self.flows, None);
        self.table(TableKind::ExpenditureSummary, BASIC_PROJECT.to_vec(), rows)
    }

    /// Table 4 财政拨款收支总表: table 1 restricted to 财政拨款.
    fn fiscal_summary(&self) -> Table {
        let mut rows = Vec::new();
        for source in FundingSource::FISCAL {
            let yuan = self.sum_flows(|f| !f.carryover && f.source == source);
            rows.push(income_row(RowKind::Source, source.name(), 1, yuan));
        }
        let this_year = self.sum_flows(|f| !f.carryover && f.source.is_fiscal());
        let carried = self.sum_flows(|f| f.carryover && f.source.is_fiscal());
        rows.push(income_row(RowKind::YearTotal, "本年收入合计", 0, this_year));
        rows.push(income_row(
            RowKind::Carryover,
            "上年财政拨款结转",
            0,
            carried,
        ));
        for source in FundingSource::FISCAL {
            let yuan = self.sum_flows(|f| f.carryover && f.source == source);
            rows.push(income_row(RowKind::Carryover, source.name(), 1, yuan));
        }
        rows.push(income_row(
            RowKind::GrandTotal,
            "收入总计",
            0,
            this_year + carried,
        ));

        let mut columns = vec![Column::Subtotal];
        columns.extend(FundingSource::FISCAL.map(FundingSource::column));
        rows.extend(self.expenditure_side(&columns, |keep| {
            let mut sums = vec![self.sum_flows(|f| keep(f) && f.source.is_fiscal())];
            sums.extend(
                FundingSource::FISCAL.map(|s| self.sum_flows(|f| keep(f) && f.source == s)),
            );
            sums
        }));

        let mut table_columns = vec![Column::Amount];
        table_columns.extend(columns);
        self.table(TableKind::FiscalSummary, table_columns, rows)
    }

    /// Table 5 一般公共预算支出预算表（不含上年结转）.
    fn general_public_expenditure(&self) -> Table {
        let flows = self.flows_where(|f| f.source == FundingSource::GeneralPublic && !f.carryover);
        let rows = self.basic_project_rows(&flows, None);
        self.table(
            TableKind::GeneralPublicExpenditure,
            BASIC_PROJECT.to_vec(),
            rows,
        )
    }

    /// Table 6 一般公共预算安排基本支出分经济科目表: 合计, then each economic 类
    /// and its 款, a 款 once per government item it is booked under.
    fn basic_by_economic(&self) -> Table {
        let columns = [Column::Total, Column::Personnel, Column::Public];
        let split = |class: CostClass, yuan: Decimal| match class {
            CostClass::Personnel => [yuan, yuan, Decimal::ZERO],
            CostClass::Public => [yuan, Decimal::ZERO, yuan],
        };
        let add = |sums: &mut [Decimal; 3], more: [Decimal; 3]| {
            for (s, m) in sums.iter_mut().zip(more) {
                *s += m;
            }
        };
        let mut total = [Decimal::ZERO; 3];
        type Items<'c> = BTreeMap<(&'c str, &'c str), (&'c Item, &'c Item, [Decimal; 3])>;
        let mut categories: BTreeMap<&str, (&Item, [Decimal; 3], Items)> = BTreeMap::new();
        for entry in &self.economic {
            let more = split(entry.class, entry.yuan);
            add(&mut total, more);
            let category = categories
                .entry(entry.category.code.as_str())
                .or_insert_with(|| (entry.category, [Decimal::ZERO; 3], BTreeMap::new()));
            add(&mut category.1, more);
            // Keyed by the government item too: an item spent by a 行政 and a
            // 事业 unit is printed twice (Fenyang's 基本工资).
            let item = category
                .2
                .entry((entry.item.code.as_str(), entry.government.code.as_str()))
                .or_insert_with(|| (entry.item, entry.government, [Decimal::ZERO; 3]));
            add(&mut item.2, more);
        }
        let mut rows = vec![filled(
            Row::new(RowKind::Total, "合计", 0),
            &columns,
            &total,
        )];
        for (category, sums, items) in categories.into_values() {
            if sums.iter().all(|s| s.is_zero()) {
                continue;
            }
            // No code: table 6 prints economic items by name only, and a
            // reader of a real document has none to give either.
            rows.push(filled(
                Row::new(RowKind::Classification, category.name.clone(), 1),
                &columns,
                &sums,
            ));
            for (item, government, sums) in items.into_values() {
                if sums.iter().all(|s| s.is_zero()) {
                    continue;
                }
                let mut row = Row::new(RowKind::Classification, item.name.clone(), 2);
                row.gov_item = Some(government.name.clone());
                rows.push(filled(row, &columns, &sums));
            }
        }
        self.table(TableKind::BasicByEconomic, columns.to_vec(), rows)
    }

    /// Table 7 政府性基金预算收入表（不含上年结转）.
    fn gov_fund_revenue(&self) -> Table {
        let flows = self.flows_where(|f| f.source == FundingSource::GovFund && !f.carryover);
        let columns = [Column::GovFundRevenue];
        let rows = self.function_rows(&flows, &columns, |_, _| true, None);
        self.table(TableKind::GovFundRevenue, columns.to_vec(), rows)
    }

    /// Table 8 政府性基金预算支出表（不含上年结转）.
    fn gov_fund_expenditure(&self) -> Table {
        let flows = self.flows_where(|f| f.source == FundingSource::GovFund && !f.carryover);
        let rows = self.basic_project_rows(&flows, None);
        self.table(TableKind::GovFundExpenditure, BASIC_PROJECT.to_vec(), rows)
    }

    /// Table 9 国有资本经营预算收支预算表（不含上年结转）: revenue then
    /// expenditure, each side with its 合计.
    fn state_capital(&self) -> Table {
        let flows = self.flows_where(|f| f.source == FundingSource::StateCapital && !f.carryover);
        let mut rows = self.function_rows(
            &flows,
            &[Column::StateCapitalRevenue],
            |_, _| true,
            Some(Side::Income),
        );
        rows.extend(self.basic_project_rows(&flows, Some(Side::Expenditure)));
        let mut columns = vec![Column::StateCapitalRevenue];
        columns.extend(BASIC_PROJECT);
        self.table(TableKind::StateCapital, columns, rows)
    }

    /// Table 10 "三公"经费支出预算表.
    fn three_public(&self) -> Table {
        let three = &self.facts.three_public;
        let vehicles = BySource(
            three
                .vehicle_purchase
                .0
                .iter()
                .chain(&three.vehicle_operation.0)
                .copied()
                .collect(),
        );
        let mut rows = vec![
            fiscal_row(RowKind::Item, ABROAD, 1, &three.abroad),
            fiscal_row(RowKind::Item, RECEPTION, 1, &three.reception),
            fiscal_row(RowKind::Item, VEHICLES, 1, &vehicles),
            fiscal_row(RowKind::Item, VEHICLE_PURCHASE, 2, &three.vehicle_purchase),
            fiscal_row(
                RowKind::Item,
                VEHICLE_OPERATION,
                2,
                &three.vehicle_operation,
            ),
        ];
        let all = BySource(
            [&three.abroad, &three.reception, &vehicles]
                .into_iter()
                .flat_map(|s| s.0.iter().copied())
                .collect(),
        );
        rows.push(fiscal_row(RowKind::Total, "合计", 0, &all));
        self.table(TableKind::ThreePublic, FISCAL_COLUMNS.to_vec(), rows)
    }

    /// Table 11 机关运行经费预算表: 部门合计 then each unit.
    fn operating_costs(&self) -> Table {
        let costs = &self.facts.operating_costs;
        let all = BySource(
            costs
                .iter()
                .flat_map(|c| c.amounts.0.iter().copied())
                .collect(),
        );
        let mut rows = vec![fiscal_row(RowKind::Total, "部门合计", 0, &all)];
        for cost in costs {
            rows.push(fiscal_row(RowKind::Unit, &cost.unit, 1, &cost.amounts));
        }
        self.table(TableKind::OperatingCosts, FISCAL_COLUMNS.to_vec(), rows)
    }

    /// Tables 12 and 13: the projects of this year or carried over, grouped
    /// under their units (with subtotals) when the department has several.
    fn projects(&self, kind: TableKind, carryover: bool) -> Table {
        // Table 12 prints every source, table 13 only 财政拨款 (its 合计 is
        // then the fiscal total, so 合计 = sum of the printed sources).
        let sources: &[FundingSource] = if carryover {
            &FundingSource::FISCAL
        } else {
            &FundingSource::ALL
        };
        let mut columns = vec![Column::Total];
        columns.extend(sources.iter().map(|s| s.column()));
        let sums = |amounts: &[&BySource]| {
            let mut sums = vec![Decimal::ZERO; columns.len()];
            for a in amounts {
                for (i, s) in sources.iter().enumerate() {
                    let yuan = a.get(*s);
                    sums[0] += yuan;
                    sums[i + 1] += yuan;
                }
            }
            sums
        };
        let projects: Vec<&ProjectFacts> = self
            .facts
            .projects
            .iter()
            .filter(|p| p.carryover == carryover)
            .collect();
        let project_row = |p: &ProjectFacts, level: u8| {
            filled(
                Row::new(RowKind::Project, p.name.clone(), level),
                &columns,
                &sums(&[&p.sources]),
            )
        };
        let mut rows = Vec::new();
        if self.facts.units.len() > 1 {
            for unit in &self.facts.units {
                let own: Vec<&ProjectFacts> = projects
                    .iter()
                    .copied()
                    .filter(|p| p.unit == unit.name)
                    .collect();
                if own.is_empty() {
                    continue;
                }
                let subtotal = sums(&own.iter().map(|p| &p.sources).collect::<Vec<_>>());
                rows.push(filled(
                    Row::new(RowKind::Unit, unit.name.clone(), 1),
                    &columns,
                    &subtotal,
                ));
                rows.extend(own.iter().map(|p| project_row(p, 2)));
            }
        } else {
            rows.extend(projects.iter().map(|p| project_row(p, 1)));
        }
        self.table(kind, columns, rows)
    }
}

/// The columns of tables 3, 5, 8 and table 9's expenditure side.
const BASIC_PROJECT: [Column; 3] = [Column::Total, Column::Basic, Column::Project];

/// The columns of tables 10 and 11: 合计 and the three 财政拨款 sources.
const FISCAL_COLUMNS: [Column; 4] = [
    Column::Total,
    Column::GeneralPublic,
    Column::GovFund,
    Column::StateCapital,
];

/// The "三公" items as table 10 labels them (ordinals ① ② removed).
const ABROAD: &str = "因公出国（境）费";
const RECEPTION: &str = "公务接待费";
const VEHICLES: &str = "公务用车购置及运行费";
const VEHICLE_PURCHASE: &str = "公务用车购置费";
const VEHICLE_OPERATION: &str = "公务用车运行维护费";

/// Put the nonzero sums into the row's cells; an exact zero is an empty
/// printed cell, but a nonzero amount below half a 分 of 万元 prints as 0.00,
/// so that the items of a printed total are all there to add up.
fn filled(mut row: Row, columns: &[Column], sums: &[Decimal]) -> Row {
    for (column, yuan) in columns.iter().zip(sums) {
        if !yuan.is_zero() {
            row.push(*column, printed(*yuan));
        }
    }
    row
}

fn with_side(row: Row, side: Option<Side>) -> Row {
    match side {
        Some(side) => row.on(side),
        None => row,
    }
}

/// An income-side row of tables 1 and 4: one 金额 cell.
fn income_row(kind: RowKind, label: &str, level: u8, yuan: Decimal) -> Row {
    filled(Row::new(kind, label, level), &[Column::Amount], &[yuan]).on(Side::Income)
}

/// A row of 合计 and the three 财政拨款 sources (tables 10, 11).
fn fiscal_row(kind: RowKind, label: &str, level: u8, amounts: &BySource) -> Row {
    let mut sums = vec![amounts.fiscal_total()];
    sums.extend(FundingSource::FISCAL.map(|s| amounts.get(s)));
    filled(Row::new(kind, label, level), &FISCAL_COLUMNS, &sums)
}

/// Tables 1–13 of the national form, numbered and ordered as
/// [`TableKind::NATIONAL`], in 万元 to two decimals, derived from the facts.
///
/// Fails, naming the offending line, when a 功能 code is not a 7-digit 项 of
/// the budget year's catalog, an economic code is not a 款 of that catalog or
/// has no government item for the kind of unit spending it, a line names an
/// unknown unit, or an amount is negative.
pub fn derive_tables(facts: &BudgetFacts, catalogs: &Catalogs) -> Result<Vec<Table>, DeriveError> {
    let checked = Checked::new(facts, catalogs)?;
    Ok(TableKind::NATIONAL
        .iter()
        .map(|kind| match kind {
            TableKind::BudgetSummary => checked.budget_summary(),
            TableKind::RevenueSummary => checked.revenue_summary(),
            TableKind::ExpenditureSummary => checked.expenditure_summary(),
            TableKind::FiscalSummary => checked.fiscal_summary(),
            TableKind::GeneralPublicExpenditure => checked.general_public_expenditure(),
            TableKind::BasicByEconomic => checked.basic_by_economic(),
            TableKind::GovFundRevenue => checked.gov_fund_revenue(),
            TableKind::GovFundExpenditure => checked.gov_fund_expenditure(),
            TableKind::StateCapital => checked.state_capital(),
            TableKind::ThreePublic => checked.three_public(),
            TableKind::OperatingCosts => checked.operating_costs(),
            TableKind::ProjectsCurrent => checked.projects(TableKind::ProjectsCurrent, false),
            TableKind::ProjectsCarriedOver => {
                checked.projects(TableKind::ProjectsCarriedOver, true)
            }
        })
        .collect())
}

/// A disclosure made of the derived tables (prose, targets and the rest come
/// later), with one source: the facts themselves.
pub fn derive_disclosure(
    facts: &BudgetFacts,
    catalogs: &Catalogs,
) -> Result<Disclosure, DeriveError> {
    let mut disclosure = Disclosure::new(facts.meta.clone());
    disclosure.sources = vec![SourceFile {
        path: "(derived)".to_string(),
        sha256: None,
        format: SourceFormat::Derived,
    }];
    disclosure.tables = derive_tables(facts, catalogs)?;
    Ok(disclosure)
}

/// Inconsistencies between facts that the derived tables would expose,
/// compared in exact yuan:
/// - the economic lines (table 6 合计) against the 一般公共预算 this-year basic
///   lines (table 5 基本支出);
/// - per 行政/参公 unit, its 机关运行经费 (table 11, 一般公共预算) against its
///   公用经费 economic lines (table 6), and 机关运行经费 of a 事业 unit;
/// - "三公" 公务接待费 and 公务用车运行维护费 (table 10, 一般公共预算) below the
///   economic items 30217 and 30231 (table 6), since table 10 covers those
///   items plus project spending;
/// - money outside 财政拨款 in "三公" or 机关运行经费, which tables 10 and 11
///   would drop;
/// - a project with no money.
pub fn validate(facts: &BudgetFacts) -> Vec<FactProblem> {
    let mut problems = Vec::new();
    let mut problem =
        |kind: ProblemKind, message: String| problems.push(FactProblem { kind, message });

    let economic: Decimal = facts.economic.iter().map(|l| l.yuan).sum();
    let basic: Decimal = facts
        .basic
        .iter()
        .filter(|l| l.source == FundingSource::GeneralPublic && !l.carryover)
        .map(|l| l.yuan)
        .sum();
    if economic != basic {
        problem(
            ProblemKind::EconomicTotal,
            format!(
                "the economic lines (table 6 合计) total {economic:.2} 元 but the 一般公共预算 basic lines of this year (table 5 基本支出) total {basic:.2} 元"
            ),
        );
    }

    for unit in &facts.units {
        let public: Decimal = facts
            .economic
            .iter()
            .filter(|l| l.unit == unit.name && l.class == CostClass::Public)
            .map(|l| l.yuan)
            .sum();
        let operating: Decimal = facts
            .operating_costs
            .iter()
            .filter(|c| c.unit == unit.name)
            .map(|c| c.amounts.get(FundingSource::GeneralPublic))
            .sum();
        if unit.kind.has_operating_costs() {
            if operating != public {
                problem(
                    ProblemKind::OperatingCosts,
                    format!(
                        "unit「{}」({}): 机关运行经费 一般公共预算 (table 11) is {operating:.2} 元 but its 公用经费 economic lines (table 6) total {public:.2} 元",
                        unit.name,
                        unit.kind.as_str()
                    ),
                );
            }
        } else {
            let any: Decimal = facts
                .operating_costs
                .iter()
                .filter(|c| c.unit == unit.name)
                .map(|c| c.amounts.total())
                .sum();
            if !any.is_zero() {
                problem(
                    ProblemKind::OperatingCostsOfInstitution,
                    format!(
                        "unit「{}」is a 事业 unit, which has no 机关运行经费, yet {any:.2} 元 are recorded for it (its 公用经费 economic lines total {public:.2} 元)",
                        unit.name
                    ),
                );
            }
        }
    }

    let economic_item = |code: &str| -> Decimal {
        facts
            .economic
            .iter()
            .filter(|l| l.code == code)
            .map(|l| l.yuan)
            .sum()
    };
    let three = &facts.three_public;
    for (label, amounts, code) in [
        (RECEPTION, &three.reception, "30217"),
        (VEHICLE_OPERATION, &three.vehicle_operation, "30231"),
    ] {
        let printed = amounts.get(FundingSource::GeneralPublic);
        let item = economic_item(code);
        if printed < item {
            problem(
                ProblemKind::ThreePublicBelowEconomic,
                format!(
                    "“三公”经费 {label} 一般公共预算 (table 10) is {printed:.2} 元, below the economic item {code} (table 6) of {item:.2} 元"
                ),
            );
        }
    }

    let mut non_fiscal = |what: String, amounts: &BySource| {
        let outside = amounts.total() - amounts.fiscal_total();
        if !outside.is_zero() {
            problem(
                ProblemKind::NonFiscalMoney,
                format!(
                    "{what} has {outside:.2} 元 outside 财政拨款 (of {:.2} 元), which a table of 财政拨款 cannot print",
                    amounts.total()
                ),
            );
        }
    };
    for (label, amounts) in [
        (ABROAD, &three.abroad),
        (RECEPTION, &three.reception),
        (VEHICLE_PURCHASE, &three.vehicle_purchase),
        (VEHICLE_OPERATION, &three.vehicle_operation),
    ] {
        non_fiscal(format!("“三公”经费 {label}"), amounts);
    }
    for cost in &facts.operating_costs {
        non_fiscal(format!("机关运行经费 of「{}」", cost.unit), &cost.amounts);
    }
    // Table 13 prints carried-over projects by 财政拨款 source only, so
    // carried-over non-fiscal money would be in table 3 and nowhere else.
    for project in facts.projects.iter().filter(|p| p.carryover) {
        non_fiscal(
            format!("carried-over {}", project_name(project)),
            &project.sources,
        );
    }

    for source in FundingSource::FISCAL {
        let spent: Decimal = facts
            .basic
            .iter()
            .filter(|l| l.source == source)
            .map(|l| l.yuan)
            .sum::<Decimal>()
            + facts
                .projects
                .iter()
                .map(|p| p.sources.get(source))
                .sum::<Decimal>();
        let three_public: Decimal = [
            &three.abroad,
            &three.reception,
            &three.vehicle_purchase,
            &three.vehicle_operation,
        ]
        .iter()
        .map(|a| a.get(source))
        .sum();
        let operating: Decimal = facts
            .operating_costs
            .iter()
            .map(|c| c.amounts.get(source))
            .sum();
        for (what, amount) in [("“三公”经费", three_public), ("机关运行经费", operating)]
        {
            if amount > spent {
                problems.push(FactProblem {
                    kind: ProblemKind::ExceedsSource,
                    message: format!(
                        "{what} from {} is {amount:.2} 元, more than the {spent:.2} 元 the department spends of that source",
                        source.name()
                    ),
                });
            }
        }
    }

    for project in &facts.projects {
        if project.sources.total().is_zero() {
            problems.push(FactProblem {
                kind: ProblemKind::EmptyProject,
                message: format!(
                    "{} ({}) has no money: 0 元 from every source",
                    project_name(project),
                    project.function_code
                ),
            });
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::arbitrary::budget_facts;
    use crate::facts::{
        BasicLine, EconomicLine, OperatingCost, ProcurementFacts, SpendingUnit, ThreePublic,
    };
    use crate::model::{DocKind, Level, Metadata};
    use proptest::prelude::*;

    const GP: FundingSource = FundingSource::GeneralPublic;

    /// Exact yuan.
    fn yuan(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// A printed 万元 figure taken as the exact amount, in yuan.
    fn wan(s: &str) -> Decimal {
        yuan(s) * Decimal::from(10_000)
    }

    const JINCHENG: &str = "晋城市信访局";

    /// 晋城市信访局 2023, a single 行政 unit, as hand-written facts: basic
    /// lines from its table 3, projects from table 12 with the 功能 项 tables
    /// 3 and 5 book them under, economic lines from table 6.
    fn jincheng() -> BudgetFacts {
        let basic = [
            ("2010301", "343.70"),
            ("2080505", "39.05"),
            ("2101101", "18.53"),
            ("2101103", "8.55"),
            ("2210201", "38.91"),
        ]
        .map(|(code, v)| BasicLine {
            function_code: code.into(),
            source: GP,
            carryover: false,
            yuan: wan(v),
        })
        .to_vec();
        let projects = [
            (
                "疑难信访案件经费(含集中治理重复信访案件化解经费)",
                "2010308",
                "13.50",
            ),
            ("市县两级解决疑难信访问题资金", "2300208", "57.79"),
            ("信访专项工作经费", "2010308", "210.00"),
        ]
        .map(|(name, code, v)| ProjectFacts {
            name: name.into(),
            unit: JINCHENG.into(),
            function_code: code.into(),
            carryover: false,
            sources: BySource(vec![(GP, wan(v))]),
            attribute: None,
            period_total: None,
        })
        .to_vec();
        // Table 6 prints 工资福利支出 371.36 and 人员经费 388.02 although its
        // items add up to 371.37, and 公用经费 60.72 although its items add up
        // to 60.73: each printed figure is the rounding of an exact sum. So
        // some items are 40 元 below their printed value (110.286 still prints
        // 110.29): 基本工资, 津贴补贴 and 奖金 bring 工资福利支出 to 3,713,580 元
        // (371.358 → 371.36), 办公费 and 其他交通费用 bring 公用经费 to 607,220
        // 元 (60.722 → 60.72), and the whole stays 4,487,400 元, exactly the
        // basic lines of table 5 (448.74).
        use CostClass::{Personnel as P, Public as U};
        let economic = [
            ("30101", P, "1102860"),
            ("30102", P, "534260"),
            ("30103", P, "402060"),
            ("30107", P, "502700"),
            ("30108", P, "390500"),
            ("30110", P, "185300"),
            ("30111", P, "85500"),
            ("30112", P, "5700"),
            ("30113", P, "389100"),
            ("30199", P, "115600"),
            ("30201", U, "189360"),
            ("30228", U, "37400"),
            ("30229", U, "65400"),
            ("30231", U, "25500"),
            ("30239", U, "126560"),
            ("30299", U, "163000"),
            ("30302", P, "163600"),
            ("30309", P, "3000"),
        ]
        .map(|(code, class, y)| EconomicLine {
            unit: JINCHENG.into(),
            code: code.into(),
            class,
            yuan: yuan(y),
        })
        .to_vec();
        BudgetFacts {
            meta: Metadata {
                department: JINCHENG.into(),
                department_code: Some("011".into()),
                region: Some("山西省晋城市".into()),
                level: Some(Level::City),
                year: 2023,
                kind: DocKind::Budget,
                unit: Unit::WanYuan,
            },
            units: vec![SpendingUnit {
                name: JINCHENG.into(),
                kind: UnitKind::Administrative,
            }],
            basic,
            projects,
            economic,
            three_public: ThreePublic {
                vehicle_operation: BySource(vec![(GP, wan("2.55"))]),
                ..Default::default()
            },
            operating_costs: vec![OperatingCost {
                unit: JINCHENG.into(),
                amounts: BySource(vec![(GP, yuan("607220"))]),
            }],
            procurement: Some(ProcurementFacts {
                goods: wan("1.2"),
                works: Decimal::ZERO,
                services: wan("2.55"),
            }),
            prior_year: None,
        }
    }

    fn derive(facts: &BudgetFacts) -> Vec<Table> {
        derive_tables(facts, Catalogs::embedded()).unwrap()
    }

    /// A table as lines `code|label|cell|cell…`, one cell per table column
    /// (empty where nothing is printed), the label with its government item
    /// after a slash (table 6), as the `facts` export names rows.
    fn render(table: &Table) -> Vec<String> {
        table
            .rows
            .iter()
            .map(|r| {
                let mut parts = vec![r.code.clone().unwrap_or_default(), r.fact_label(true)];
                parts.extend(
                    table
                        .columns
                        .iter()
                        .map(|c| r.get(*c).map(Amount::printed).unwrap_or_default()),
                );
                parts.join("|")
            })
            .collect()
    }

    fn lines(text: &str) -> Vec<String> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    }

    /// The 30 类 as tables 1 and 4 print them (ordinals removed).
    const CATEGORIES: [(&str, &str); 30] = [
        ("201", "一般公共服务支出"),
        ("202", "外交支出"),
        ("203", "国防支出"),
        ("204", "公共安全支出"),
        ("205", "教育支出"),
        ("206", "科学技术支出"),
        ("207", "文化旅游体育与传媒支出"),
        ("208", "社会保障和就业支出"),
        ("209", "社会保险基金支出"),
        ("210", "卫生健康支出"),
        ("211", "节能环保支出"),
        ("212", "城乡社区支出"),
        ("213", "农林水支出"),
        ("214", "交通运输支出"),
        ("215", "资源勘探工业信息等支出"),
        ("216", "商业服务业等支出"),
        ("217", "金融支出"),
        ("219", "援助其他地区支出"),
        ("220", "自然资源海洋气象等支出"),
        ("221", "住房保障支出"),
        ("222", "粮油物资储备支出"),
        ("223", "国有资本经营预算支出"),
        ("224", "灾害防治及应急管理支出"),
        ("227", "预备费"),
        ("229", "其他支出"),
        ("230", "转移性支出"),
        ("231", "债务还本支出"),
        ("232", "债务付息支出"),
        ("233", "债务发行费用支出"),
        ("234", "抗疫特别国债安排的支出"),
    ];

    /// The expenditure side of Jincheng's tables 1 and 4: the 30 类, with the
    /// five that carry money, each as `合计|当年|结转` (table 1) or
    /// `小计|一般公共预算|政府性基金预算|国有资本经营预算` (table 4).
    fn jincheng_categories(blank: &str, filled: &dyn Fn(&str) -> String) -> Vec<String> {
        let money = [
            ("201", "567.20"),
            ("208", "39.05"),
            ("210", "27.08"),
            ("221", "38.91"),
            ("230", "57.79"),
        ];
        CATEGORIES
            .iter()
            .map(|(code, name)| match money.iter().find(|(c, _)| c == code) {
                Some((_, v)) => format!("{code}|{name}|{}", filled(v)),
                None => format!("{code}|{name}|{blank}"),
            })
            .collect()
    }

    #[test]
    fn jincheng_2023_facts_are_consistent() {
        assert_eq!(validate(&jincheng()), vec![]);
    }

    #[test]
    fn jincheng_2023_tables_are_numbered_and_titled() {
        let tables = derive(&jincheng());
        assert_eq!(tables.len(), 13);
        for (i, (table, kind)) in tables.iter().zip(TableKind::NATIONAL).enumerate() {
            assert_eq!(table.kind, kind);
            assert_eq!(table.number as usize, i + 1);
            assert_eq!(table.unit, Unit::WanYuan);
            assert_eq!(table.title, format!("2023年{}", kind.title()));
        }
        assert_eq!(tables[0].title, "2023年预算收支总表");
        // Tables 7, 8, 9 and 13 are printed empty, with their note and 合计.
        for n in [7, 8, 9, 13] {
            let t = &tables[n - 1];
            assert!(t.empty_note, "table {n}");
            assert!(t.rows.iter().all(|r| r.cells.is_empty()), "table {n}");
        }
        for n in [7, 8] {
            assert_eq!(
                render(&tables[n - 1]),
                vec![format!(
                    "|合计|{}",
                    "|".repeat(tables[n - 1].columns.len() - 1)
                )]
            );
        }
        assert_eq!(tables[8].rows.len(), 2);
        assert!(tables[12].rows.is_empty());
        for n in [1, 2, 3, 4, 5, 6, 10, 11, 12] {
            assert!(!tables[n - 1].empty_note, "table {n}");
        }
    }

    #[test]
    fn jincheng_2023_table_1() {
        let t = &derive(&jincheng())[0];
        assert_eq!(
            t.columns,
            [
                Column::Amount,
                Column::Total,
                Column::CurrentYear,
                Column::CarryoverSpending
            ]
        );
        let mut expected = lines(
            "
            |一般公共预算|730.03|||
            |政府性基金预算||||
            |国有资本经营预算||||
            |财政专户管理资金||||
            |单位资金||||
            |本年收入合计|730.03|||
            |上年结转||||
            |收入总计|730.03|||
            ",
        );
        expected.extend(jincheng_categories("|||", &|v| format!("|{v}|{v}|")));
        expected.extend(lines(
            "
            |本年支出合计||730.03|730.03|
            |年终结转||||
            |支出总计||730.03|730.03|
            ",
        ));
        assert_eq!(render(t), expected);
        assert!(t.rows[..8].iter().all(|r| r.side == Some(Side::Income)));
        assert!(t.rows[8..]
            .iter()
            .all(|r| r.side == Some(Side::Expenditure)));
        let kinds: Vec<RowKind> = t.rows.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds[..8],
            [
                RowKind::Source,
                RowKind::Source,
                RowKind::Source,
                RowKind::Source,
                RowKind::Source,
                RowKind::YearTotal,
                RowKind::Carryover,
                RowKind::GrandTotal,
            ]
        );
        assert_eq!(
            kinds[38..],
            [RowKind::YearTotal, RowKind::Carryover, RowKind::GrandTotal]
        );
        assert!(kinds[8..38].iter().all(|k| *k == RowKind::Classification));
    }

    #[test]
    fn jincheng_2023_table_2() {
        let t = &derive(&jincheng())[1];
        let expected = lines(
            "
            |合计|730.03|730.03|||||
            201|一般公共服务支出|567.20|567.20|||||
            20103|政府办公厅（室）及相关机构事务|567.20|567.20|||||
            2010301|行政运行|343.70|343.70|||||
            2010308|信访事务|223.50|223.50|||||
            208|社会保障和就业支出|39.05|39.05|||||
            20805|行政事业单位养老支出|39.05|39.05|||||
            2080505|机关事业单位基本养老保险缴费支出|39.05|39.05|||||
            210|卫生健康支出|27.08|27.08|||||
            21011|行政事业单位医疗|27.08|27.08|||||
            2101101|行政单位医疗|18.53|18.53|||||
            2101103|公务员医疗补助|8.55|8.55|||||
            221|住房保障支出|38.91|38.91|||||
            22102|住房改革支出|38.91|38.91|||||
            2210201|住房公积金|38.91|38.91|||||
            230|转移性支出|57.79|57.79|||||
            23002|一般性转移支付|57.79|57.79|||||
            2300208|结算补助支出|57.79|57.79|||||
            ",
        );
        assert_eq!(render(t), expected);
        let levels: Vec<u8> = t.rows.iter().take(5).map(|r| r.level).collect();
        assert_eq!(levels, [0, 1, 2, 3, 3]);
    }

    const JINCHENG_TABLE_3: &str = "
        |合计|730.03|448.74|281.29
        201|一般公共服务支出|567.20|343.70|223.50
        20103|政府办公厅（室）及相关机构事务|567.20|343.70|223.50
        2010301|行政运行|343.70|343.70|
        2010308|信访事务|223.50||223.50
        208|社会保障和就业支出|39.05|39.05|
        20805|行政事业单位养老支出|39.05|39.05|
        2080505|机关事业单位基本养老保险缴费支出|39.05|39.05|
        210|卫生健康支出|27.08|27.08|
        21011|行政事业单位医疗|27.08|27.08|
        2101101|行政单位医疗|18.53|18.53|
        2101103|公务员医疗补助|8.55|8.55|
        221|住房保障支出|38.91|38.91|
        22102|住房改革支出|38.91|38.91|
        2210201|住房公积金|38.91|38.91|
        230|转移性支出|57.79||57.79
        23002|一般性转移支付|57.79||57.79
        2300208|结算补助支出|57.79||57.79
        ";

    #[test]
    fn jincheng_2023_table_3() {
        let t = &derive(&jincheng())[2];
        assert_eq!(t.columns, BASIC_PROJECT);
        assert_eq!(render(t), lines(JINCHENG_TABLE_3));
    }

    #[test]
    fn jincheng_2023_table_4() {
        let t = &derive(&jincheng())[3];
        let mut expected = lines(
            "
            |一般公共预算|730.03||||
            |政府性基金预算|||||
            |国有资本经营预算|||||
            |本年收入合计|730.03||||
            |上年财政拨款结转|||||
            |一般公共预算|||||
            |政府性基金预算|||||
            |国有资本经营预算|||||
            |收入总计|730.03||||
            ",
        );
        expected.extend(jincheng_categories("||||", &|v| format!("|{v}|{v}||")));
        expected.extend(lines(
            "
            |本年支出合计||730.03|730.03||
            |年终结转|||||
            |支出总计||730.03|730.03||
            ",
        ));
        assert_eq!(render(t), expected);
        let carried: Vec<(RowKind, u8)> = t.rows[4..8].iter().map(|r| (r.kind, r.level)).collect();
        assert_eq!(
            carried,
            [
                (RowKind::Carryover, 0),
                (RowKind::Carryover, 1),
                (RowKind::Carryover, 1),
                (RowKind::Carryover, 1)
            ]
        );
    }

    #[test]
    fn jincheng_2023_table_5() {
        // All of Jincheng's money is 一般公共预算 of this year, so table 5 is table 3.
        let t = &derive(&jincheng())[4];
        assert_eq!(render(t), lines(JINCHENG_TABLE_3));
    }

    #[test]
    fn jincheng_2023_table_6() {
        let t = &derive(&jincheng())[5];
        // 绩效工资 maps to 工资福利支出 (50501) even for this 行政 unit, as
        // the seed prints it.
        let expected = lines(
            "
            |合计|448.74|388.02|60.72
            |工资福利支出|371.36|371.36|
            |基本工资/工资奖金津补贴|110.29|110.29|
            |津贴补贴/工资奖金津补贴|53.43|53.43|
            |奖金/工资奖金津补贴|40.21|40.21|
            |绩效工资/工资福利支出|50.27|50.27|
            |机关事业单位基本养老保险缴费/社会保障缴费|39.05|39.05|
            |职工基本医疗保险缴费/社会保障缴费|18.53|18.53|
            |公务员医疗补助缴费/社会保障缴费|8.55|8.55|
            |其他社会保障缴费/社会保障缴费|0.57|0.57|
            |住房公积金/住房公积金|38.91|38.91|
            |其他工资福利支出/其他工资福利支出|11.56|11.56|
            |商品和服务支出|60.72||60.72
            |办公费/办公经费|18.94||18.94
            |工会经费/办公经费|3.74||3.74
            |福利费/办公经费|6.54||6.54
            |公务用车运行维护费/公务用车运行维护费|2.55||2.55
            |其他交通费用/办公经费|12.66||12.66
            |其他商品和服务支出/其他商品和服务支出|16.30||16.30
            |对个人和家庭的补助|16.66|16.66|
            |退休费/离退休费|16.36|16.36|
            |奖励金/社会福利和救助|0.30|0.30|
            ",
        );
        assert_eq!(render(t), expected);
        assert!(t.rows.iter().all(|r| r.code.is_none()));
        let levels: Vec<u8> = t.rows.iter().take(3).map(|r| r.level).collect();
        assert_eq!(levels, [0, 1, 2]);
    }

    #[test]
    fn jincheng_2023_table_10() {
        let t = &derive(&jincheng())[9];
        let expected = lines(
            "
            |因公出国（境）费||||
            |公务接待费||||
            |公务用车购置及运行费|2.55|2.55||
            |公务用车购置费||||
            |公务用车运行维护费|2.55|2.55||
            |合计|2.55|2.55||
            ",
        );
        assert_eq!(render(t), expected);
        let shape: Vec<(RowKind, u8)> = t.rows.iter().map(|r| (r.kind, r.level)).collect();
        assert_eq!(
            shape,
            [
                (RowKind::Item, 1),
                (RowKind::Item, 1),
                (RowKind::Item, 1),
                (RowKind::Item, 2),
                (RowKind::Item, 2),
                (RowKind::Total, 0),
            ]
        );
    }

    #[test]
    fn jincheng_2023_table_11() {
        let t = &derive(&jincheng())[10];
        let expected = lines(
            "
            |部门合计|60.72|60.72||
            |晋城市信访局|60.72|60.72||
            ",
        );
        assert_eq!(render(t), expected);
        assert_eq!(t.rows[1].kind, RowKind::Unit);
    }

    #[test]
    fn jincheng_2023_table_12() {
        let t = &derive(&jincheng())[11];
        // A single unit: projects at level 1, no unit row (as Jincheng prints it).
        let expected = lines(
            "
            |疑难信访案件经费(含集中治理重复信访案件化解经费)|13.50|13.50||||
            |市县两级解决疑难信访问题资金|57.79|57.79||||
            |信访专项工作经费|210.00|210.00||||
            ",
        );
        assert_eq!(render(t), expected);
        assert!(t
            .rows
            .iter()
            .all(|r| r.kind == RowKind::Project && r.level == 1));
    }

    #[test]
    fn derive_disclosure_names_its_source() {
        let d = derive_disclosure(&jincheng(), Catalogs::embedded()).unwrap();
        assert_eq!(d.meta.department, JINCHENG);
        assert_eq!(d.sources.len(), 1);
        assert_eq!(d.sources[0].path, "(derived)");
        assert_eq!(d.sources[0].format, SourceFormat::Derived);
        assert_eq!(d.tables.len(), 13);
    }

    #[test]
    fn projects_group_under_units_when_there_are_several() {
        let mut facts = jincheng();
        facts.units.push(SpendingUnit {
            name: "晋城市信访接待中心".into(),
            kind: UnitKind::Institution,
        });
        facts.projects[1].unit = "晋城市信访接待中心".into();
        facts.projects[2]
            .sources
            .0
            .push((FundingSource::UnitFunds, wan("1.00")));
        facts.projects.push(ProjectFacts {
            name: "结转项目".into(),
            unit: "晋城市信访接待中心".into(),
            function_code: "2010308".into(),
            carryover: true,
            sources: BySource(vec![
                (GP, wan("5.00")),
                (FundingSource::UnitFunds, wan("2.00")),
            ]),
            attribute: None,
            period_total: None,
        });
        let tables = derive(&facts);
        assert_eq!(
            render(&tables[11]),
            lines(
                "
                |晋城市信访局|224.50|223.50||||1.00
                |疑难信访案件经费(含集中治理重复信访案件化解经费)|13.50|13.50||||
                |信访专项工作经费|211.00|210.00||||1.00
                |晋城市信访接待中心|57.79|57.79||||
                |市县两级解决疑难信访问题资金|57.79|57.79||||
                "
            )
        );
        let shape: Vec<(RowKind, u8)> = tables[11].rows.iter().map(|r| (r.kind, r.level)).collect();
        assert_eq!(
            shape,
            [
                (RowKind::Unit, 1),
                (RowKind::Project, 2),
                (RowKind::Project, 2),
                (RowKind::Unit, 1),
                (RowKind::Project, 2),
            ]
        );
        // Table 13 prints the fiscal sources only, its 合计 their sum.
        assert_eq!(
            render(&tables[12]),
            lines(
                "
                |晋城市信访接待中心|5.00|5.00||
                |结转项目|5.00|5.00||
                "
            )
        );
        assert!(!tables[12].empty_note);
        // Table 1: carried-over money is income 上年结转 and spending 上年结转安排.
        let t1 = &tables[0];
        let carried = t1
            .row_of_kind(RowKind::Carryover, Some(Side::Income))
            .unwrap();
        assert_eq!(carried.get(Column::Amount).unwrap().printed(), "7.00");
        let general = t1.row_by_code("201", Some(Side::Expenditure)).unwrap();
        assert_eq!(
            render_row(t1, general),
            "201|一般公共服务支出||575.20|568.20|7.00"
        );
        let total = t1
            .row_of_kind(RowKind::GrandTotal, Some(Side::Income))
            .unwrap();
        assert_eq!(total.get(Column::Amount).unwrap().printed(), "738.03");
        // Table 4 counts the fiscal carry-over only.
        let t4 = &tables[3];
        let fiscal_carried = t4
            .row_by_label("上年财政拨款结转", Some(Side::Income))
            .unwrap();
        assert_eq!(
            fiscal_carried.get(Column::Amount).unwrap().printed(),
            "5.00"
        );
        // Table 2: 上年结转 apart from the this-year 合计.
        let t2 = &tables[1];
        assert_eq!(
            render_row(t2, &t2.rows[0]),
            "|合计|731.03|730.03||||1.00|7.00"
        );
    }

    fn render_row(table: &Table, row: &Row) -> String {
        let mut parts = vec![row.code.clone().unwrap_or_default(), row.fact_label(true)];
        parts.extend(
            table
                .columns
                .iter()
                .map(|c| row.get(*c).map(Amount::printed).unwrap_or_default()),
        );
        parts.join("|")
    }

    #[test]
    fn an_item_spent_by_two_kinds_of_unit_is_printed_twice() {
        let mut facts = jincheng();
        facts.units.push(SpendingUnit {
            name: "中心".into(),
            kind: UnitKind::Institution,
        });
        facts.economic.push(EconomicLine {
            unit: "中心".into(),
            code: "30101".into(),
            class: CostClass::Personnel,
            yuan: wan("22.11"),
        });
        let t = &derive(&facts)[5];
        let rendered = render(t);
        assert_eq!(rendered[2], "|基本工资/工资奖金津补贴|110.29|110.29|");
        assert_eq!(rendered[3], "|基本工资/工资福利支出|22.11|22.11|");
        assert!(t.repeated_labels().contains("基本工资"));
    }

    #[test]
    fn tiny_amounts_print_as_zero_but_are_not_left_out() {
        let mut facts = jincheng();
        facts.basic.push(BasicLine {
            function_code: "2010301".into(),
            source: FundingSource::GovFund,
            carryover: false,
            yuan: yuan("30"),
        });
        let tables = derive(&facts);
        let t7 = &tables[6];
        assert!(!t7.empty_note);
        assert_eq!(render(t7)[0], "|合计|0.00");
        assert_eq!(render(t7).len(), 4);
    }

    fn error_of(facts: &BudgetFacts) -> DeriveError {
        derive_tables(facts, Catalogs::embedded()).unwrap_err()
    }

    #[test]
    fn function_code_not_a_project_level_code_is_refused() {
        let mut facts = jincheng();
        facts.basic[1].function_code = "20805".into();
        let e = error_of(&facts);
        assert!(
            matches!(&e, DeriveError::FunctionCodeShape { code, .. } if code == "20805"),
            "{e:?}"
        );
        assert!(e.to_string().contains("基本支出 line 2"), "{e}");
        assert!(e.to_string().contains("7 digits"), "{e}");
    }

    #[test]
    fn function_code_of_another_year_is_refused() {
        // 2014004 信访业务 exists from 2024 on, not in 2023.
        let mut facts = jincheng();
        facts.projects[2].function_code = "2014004".into();
        let e = error_of(&facts);
        assert!(
            matches!(&e, DeriveError::UnknownFunctionCode { code, year: 2023, .. } if code == "2014004"),
            "{e:?}"
        );
        assert!(e.to_string().contains("信访专项工作经费"), "{e}");
        assert!(e.to_string().contains("2023"), "{e}");
    }

    #[test]
    fn unknown_economic_code_is_refused() {
        let mut facts = jincheng();
        facts.economic[3].code = "30198".into();
        let e = error_of(&facts);
        assert!(
            matches!(&e, DeriveError::UnknownEconomicCode { code, .. } if code == "30198"),
            "{e:?}"
        );
        assert!(e.to_string().contains("经济科目 line 4"), "{e}");

        facts.economic[3].code = "301".into();
        let e = error_of(&facts);
        assert!(
            matches!(&e, DeriveError::EconomicCodeShape { code, .. } if code == "301"),
            "{e:?}"
        );
    }

    #[test]
    fn economic_code_without_government_item_is_refused() {
        // 30106 伙食补助费 is mapped for 事业 units only.
        let mut facts = jincheng();
        facts.economic[0].code = "30106".into();
        let e = error_of(&facts);
        assert!(
            matches!(&e, DeriveError::NoGovernmentItem { code, kind: UnitKind::Administrative, .. } if code == "30106"),
            "{e:?}"
        );
        assert!(e.to_string().contains("行政"), "{e}");
        assert!(e.to_string().contains("经济科目 line 1"), "{e}");
    }

    #[test]
    fn unknown_unit_is_refused() {
        let mut facts = jincheng();
        facts.projects[0].unit = "晋城市信访办".into();
        let e = error_of(&facts);
        assert!(
            matches!(&e, DeriveError::UnknownUnit { unit, .. } if unit == "晋城市信访办"),
            "{e:?}"
        );
        assert!(e.to_string().contains(JINCHENG), "{e}");

        let mut facts = jincheng();
        facts.operating_costs[0].unit = "别的局".into();
        assert!(matches!(error_of(&facts), DeriveError::UnknownUnit { .. }));

        let mut facts = jincheng();
        facts.economic[5].unit = "别的局".into();
        assert!(matches!(error_of(&facts), DeriveError::UnknownUnit { .. }));
    }

    #[test]
    fn negative_amount_is_refused() {
        let mut facts = jincheng();
        facts.basic[0].yuan = yuan("-1");
        let e = error_of(&facts);
        assert!(matches!(&e, DeriveError::NegativeAmount { .. }), "{e:?}");
        assert!(e.to_string().contains("基本支出 line 1 (2010301"), "{e}");

        let mut facts = jincheng();
        facts.projects[1].sources.0[0].1 = yuan("-0.01");
        let e = error_of(&facts);
        assert!(
            e.to_string().contains("市县两级解决疑难信访问题资金"),
            "{e}"
        );

        let mut facts = jincheng();
        facts.three_public.reception = BySource(vec![(GP, yuan("-5"))]);
        let e = error_of(&facts);
        assert!(e.to_string().contains("公务接待费"), "{e}");

        let mut facts = jincheng();
        facts.economic[0].yuan = yuan("-5");
        assert!(matches!(
            error_of(&facts),
            DeriveError::NegativeAmount { .. }
        ));
    }

    #[test]
    fn year_without_catalog_is_refused() {
        let mut facts = jincheng();
        facts.meta.year = 1999;
        assert!(matches!(
            error_of(&facts),
            DeriveError::Catalog { year: 1999, .. }
        ));
    }

    #[test]
    fn validate_finds_each_inconsistency() {
        let kinds = |facts: &BudgetFacts| {
            validate(facts)
                .into_iter()
                .map(|p| p.kind)
                .collect::<Vec<_>>()
        };

        let mut facts = jincheng();
        facts.economic[0].yuan += yuan("0.01");
        let problems = validate(&facts);
        assert_eq!(
            problems.iter().map(|p| p.kind).collect::<Vec<_>>(),
            [ProblemKind::EconomicTotal]
        );
        assert!(
            problems[0].message.contains("4487400.01"),
            "{}",
            problems[0]
        );
        assert!(problems[0].message.contains("4487400"), "{}", problems[0]);

        let mut facts = jincheng();
        facts.operating_costs[0].amounts = BySource(vec![(GP, wan("60.72"))]);
        let problems = validate(&facts);
        assert_eq!(
            problems.iter().map(|p| p.kind).collect::<Vec<_>>(),
            [ProblemKind::OperatingCosts]
        );
        assert!(
            problems[0].message.contains(JINCHENG) && problems[0].message.contains("607220"),
            "{}",
            problems[0]
        );

        let mut facts = jincheng();
        facts.three_public.vehicle_operation = BySource(vec![(GP, wan("2.54"))]);
        let problems = validate(&facts);
        assert_eq!(
            problems.iter().map(|p| p.kind).collect::<Vec<_>>(),
            [ProblemKind::ThreePublicBelowEconomic]
        );
        assert!(
            problems[0].message.contains("30231") && problems[0].message.contains("25400"),
            "{}",
            problems[0]
        );

        let mut facts = jincheng();
        facts.economic[15].code = "30217".into(); // 其他商品和服务支出 → 公务接待费
        assert_eq!(kinds(&facts), [ProblemKind::ThreePublicBelowEconomic]);

        let mut facts = jincheng();
        facts.three_public.abroad = BySource(vec![(FundingSource::UnitFunds, wan("1"))]);
        assert_eq!(kinds(&facts), [ProblemKind::NonFiscalMoney]);

        let mut facts = jincheng();
        facts.three_public.abroad = BySource(vec![(FundingSource::GovFund, wan("1"))]);
        assert_eq!(kinds(&facts), [ProblemKind::ExceedsSource]);

        let mut facts = jincheng();
        facts.projects[0].carryover = true;
        facts.projects[0]
            .sources
            .0
            .push((FundingSource::SpecialAccount, wan("1")));
        assert_eq!(kinds(&facts), [ProblemKind::NonFiscalMoney]);

        let mut facts = jincheng();
        facts.units.push(SpendingUnit {
            name: "中心".into(),
            kind: UnitKind::Institution,
        });
        facts.operating_costs.push(OperatingCost {
            unit: "中心".into(),
            amounts: BySource(vec![(GP, wan("1"))]),
        });
        assert_eq!(kinds(&facts), [ProblemKind::OperatingCostsOfInstitution]);

        let mut facts = jincheng();
        facts.projects[0].sources = BySource(vec![]);
        let problems = validate(&facts);
        assert_eq!(
            problems.iter().map(|p| p.kind).collect::<Vec<_>>(),
            [ProblemKind::EmptyProject]
        );
        assert!(
            problems[0].message.contains("疑难信访案件经费"),
            "{}",
            problems[0]
        );
    }

    // --- identities of derived tables over random consistent facts ---------

    /// The identities of the national form (`crate::identity::national`),
    /// evaluated by the one engine the checker uses. Those that hold by
    /// definition must hold for any consistent facts; those that only usually
    /// hold (social insurance booked under its 功能 项, table 11 = table 6
    /// 公用经费 when every unit is 行政) are asked of typical facts only.
    fn identities_hold_where(facts: &BudgetFacts, all: bool) -> Result<(), String> {
        use crate::identity::{evaluate_all, national, Strength};
        let d = derive_disclosure(facts, Catalogs::embedded()).map_err(|e| e.to_string())?;
        let list: Vec<_> = national::identities()
            .into_iter()
            .filter(|i| all || i.strength == Strength::Must)
            .collect();
        let violations = evaluate_all(&list, &d);
        if violations.is_empty() {
            Ok(())
        } else {
            Err(violations
                .iter()
                .map(|v| format!("{}: {}", v.id, v.message))
                .collect::<Vec<_>>()
                .join("\n"))
        }
    }

    #[test]
    fn jincheng_2023_identities_hold() {
        identities_hold_where(&jincheng(), true).unwrap();
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn derived_tables_satisfy_the_printed_identities(facts in budget_facts(2024)) {
            identities_hold_where(&facts, false).map_err(TestCaseError::fail)?;
            let tables = derive_tables(&facts, Catalogs::embedded()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            for table in &tables {
                prop_assert_eq!(table.empty_note, table.rows.iter().all(|r| r.cells.is_empty()));
            }
        }

        #[test]
        fn derived_tables_of_2023_satisfy_the_printed_identities(facts in budget_facts(2023)) {
            identities_hold_where(&facts, false).map_err(TestCaseError::fail)?;
        }
    }
}
