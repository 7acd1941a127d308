//! Reading a filled workbook back into a [`Budget`], reporting every problem
//! at its sheet and cell, all at once.
//!
//! Cells are found by the definitions of [`crate::layout`]: table columns by
//! their header (so an inserted or moved column is no harm), form and grid
//! rows by their label. A cell that cannot be read is a [`Problem`] and the
//! reading goes on, so one pass lists everything to correct. Cross-sheet
//! checks whose inputs were not all read (income against an expenditure sum
//! missing a bad row, [`validate`] over incomplete facts) are skipped rather
//! than reported, since they would only repeat the cell problems as wrong
//! totals.

use crate::book::{self, Book, Sheet};
use crate::layout::{
    self, economic as ec, glossary as gl, income, indicators as ind, info, lines as ln,
    normalize_label, operating as op, prior, procurement as pr, projects as pj, texts as tx,
    three_public as tp, units as un, Form, Grid, Kind, Table, ECONOMIC, FISCAL_SOURCES,
    FORM_VALUE_COL, FUNCTION_LIST, GLOSSARY, INCOME, INDICATORS, INFO, LINES, OPERATING, PRIOR,
    PROCUREMENT, PROJECTS, SHEET_ORDER, TEXTS, THREE_PUBLIC, UNITS,
};
use crate::problem::{cell_name, Problem, WorkbookError};
use crate::value::{self, format_yuan};
use calamine::Data;
use rust_decimal::Decimal;
use std::collections::HashMap;
use yusuan_core::amount::Unit;
use yusuan_core::budget::{
    AssetFacts, Budget, DepartmentTexts, GlossaryTerm, IndicatorLine, ProjectPlan,
};
use yusuan_core::catalog::{Catalog, Catalogs, Classification, Level};
use yusuan_core::facts::derive::{derive_tables, validate, DeriveError, ProblemKind};
use yusuan_core::facts::{
    BasicLine, BudgetFacts, BySource, EconomicLine, FundingSource, Nature, OperatingCost,
    PriorYear, ProcurementFacts, ProjectFacts, SpendingUnit, ThreePublic,
};
use yusuan_core::model::{DocKind, Metadata, UnitKind};

/// Read a filled workbook. Every problem is reported with its sheet and cell;
/// `Ok` only when there is none.
///
/// `path` names the file in an [`WorkbookError::Unreadable`] error. Codes are
/// checked against the catalogs of the 预算年度 in 部门信息, which must be the
/// year the workbook was made for (recorded in its hidden 科目 sheet). Once
/// every cell reads, the facts are checked with [`validate`] (problems without
/// a cell, on the sheet they concern) and must derive tables 1–13.
pub fn read_workbook(
    bytes: &[u8],
    path: &str,
    catalogs: &Catalogs,
) -> Result<Budget, WorkbookError> {
    let book = book::load(bytes, path)?;
    let mut reader = Reader {
        book: &book,
        catalogs,
        found: Vec::new(),
        function: None,
        economic: None,
    };
    let budget = reader.budget();
    let mut found = reader.found;
    if !found.is_empty() {
        // Sheet order, then row, then column: the order a finance officer
        // goes through the workbook. Whole-sheet problems come last in their
        // sheet.
        found.sort_by_key(|f| (f.sheet, f.row, f.col));
        return Err(WorkbookError::Problems(
            found.into_iter().map(|f| f.problem).collect(),
        ));
    }
    Ok(budget)
}

/// A problem with where it sorts.
struct Found {
    sheet: usize,
    row: u32,
    col: u32,
    problem: Problem,
}

/// A cell that could not be read; its problem is already recorded.
struct Bad;

/// A cell read: `Ok(None)` blank, `Err(Bad)` wrong (and reported).
type Read<T> = Result<Option<T>, Bad>;

/// Where the rows of a [`Table`] are: the sheet, the actual column of each
/// layout column (by header), and the data rows that are not blank.
struct TableView<'b> {
    name: &'static str,
    sheet: &'b Sheet,
    cols: Vec<u32>,
    rows: Vec<u32>,
}

/// Where the cells of a [`Grid`] are: row by label, column by header.
struct GridView<'b> {
    name: &'static str,
    sheet: &'b Sheet,
    rows: Vec<Option<u32>>,
    cols: Vec<Option<u32>>,
}

/// A 项目 row, before its money from 支出明细 is added.
struct ProjectRow {
    row: u32,
    name: String,
    unit: String,
    attribute: Option<yusuan_core::model::ProjectAttribute>,
    period_total: Option<Decimal>,
    plan: ProjectPlan,
    /// From 支出明细: money by source, and the row, code and carry-over of its
    /// first line.
    sources: Vec<(FundingSource, Decimal)>,
    first_line: Option<(u32, String, bool)>,
}

/// Expenditure by (source, carried over), for the income check; `None` once
/// a line's source, carry-over or amount could not be read.
type Sums = Option<HashMap<(FundingSource, bool), Decimal>>;

struct Reader<'b> {
    book: &'b Book,
    catalogs: &'b Catalogs,
    found: Vec<Found>,
    function: Option<&'b Catalog>,
    economic: Option<&'b Catalog>,
}

impl<'b> Reader<'b> {
    // -- recording problems -------------------------------------------------

    fn problem(&mut self, sheet: &str, row: u32, col: u32, message: impl Into<String>) {
        self.found.push(Found {
            sheet: sheet_index(sheet),
            row,
            col,
            problem: Problem {
                sheet: sheet.to_string(),
                cell: cell_name(row, col),
                message: message.into(),
            },
        });
    }

    fn sheet_problem(&mut self, sheet: &str, message: impl Into<String>) {
        self.found.push(Found {
            sheet: sheet_index(sheet),
            row: u32::MAX,
            col: u32::MAX,
            problem: Problem {
                sheet: sheet.to_string(),
                cell: String::new(),
                message: message.into(),
            },
        });
    }

    /// Records the error of a parse at its cell.
    fn at<T>(
        &mut self,
        sheet: &str,
        row: u32,
        col: u32,
        parsed: Result<Option<T>, String>,
    ) -> Read<T> {
        parsed.map_err(|message| {
            self.problem(sheet, row, col, message);
            Bad
        })
    }

    /// A required value: blank is a problem too.
    fn required<T>(
        &mut self,
        sheet: &str,
        row: u32,
        col: u32,
        what: &str,
        cell: Read<T>,
    ) -> Result<T, Bad> {
        match cell {
            Ok(Some(v)) => Ok(v),
            Ok(None) => {
                self.problem(sheet, row, col, format!("未填{what}"));
                Err(Bad)
            }
            Err(Bad) => Err(Bad),
        }
    }

    // -- finding cells --------------------------------------------------------

    fn sheet(&self, name: &str) -> Option<&'b Sheet> {
        self.book.sheet(name)
    }

    /// The columns of a table by header; a missing header is a problem and
    /// the sheet is not read (its cells could not be told apart).
    fn table(&mut self, table: &Table) -> Option<TableView<'b>> {
        let sheet = self.sheet(table.name)?;
        let headers: Vec<(u32, String)> = (0..sheet.columns_in_row(0))
            .filter_map(|c| match value::text(sheet.get(0, c)) {
                Ok(Some(s)) => Some((c, normalize_label(&s))),
                _ => None,
            })
            .collect();
        let mut cols = Vec::with_capacity(table.columns.len());
        let mut complete = true;
        for (i, column) in table.columns.iter().enumerate() {
            let wanted = normalize_label(column.header);
            match headers.iter().find(|(_, h)| *h == wanted) {
                Some((c, _)) => cols.push(*c),
                // The 科目名称 look-up is only for reading; never needed.
                None if matches!(column.kind, Kind::NameOf { .. }) => cols.push(u32::MAX),
                None => {
                    complete = false;
                    cols.push(u32::MAX);
                    self.problem(
                        table.name,
                        0,
                        i as u32,
                        format!("缺少「{}」列（表头在第1行，不能改名）", column.header),
                    );
                }
            }
        }
        if !complete {
            return None;
        }
        let read: Vec<u32> = table
            .columns
            .iter()
            .zip(&cols)
            .filter(|(c, _)| !matches!(c.kind, Kind::NameOf { .. }))
            .map(|(_, col)| *col)
            .collect();
        let rows = (1..sheet.rows())
            .filter(|r| read.iter().any(|c| !value::is_blank(sheet.get(*r, *c))))
            .collect();
        Some(TableView {
            name: table.name,
            sheet,
            cols,
            rows,
        })
    }

    /// The row of each label of a form or grid, found in column A; a missing
    /// label is a problem at the cell where the template has it.
    fn labelled_rows(&mut self, name: &str, sheet: &Sheet, labels: &[&str]) -> Vec<Option<u32>> {
        let present: Vec<(u32, String)> = (1..sheet.rows())
            .filter_map(|r| match value::text(sheet.get(r, 0)) {
                Ok(Some(s)) => Some((r, normalize_label(&s))),
                _ => None,
            })
            .collect();
        labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let wanted = normalize_label(label);
                let row = present.iter().find(|(_, l)| *l == wanted).map(|(r, _)| *r);
                if row.is_none() {
                    self.problem(name, i as u32 + 1, 0, format!("缺少「{label}」行"));
                }
                row
            })
            .collect()
    }

    fn form(&mut self, form: &Form) -> Option<(&'b Sheet, Vec<Option<u32>>)> {
        let sheet = self.sheet(form.name)?;
        let labels: Vec<&str> = form.fields.iter().map(|f| f.label).collect();
        let rows = self.labelled_rows(form.name, sheet, &labels);
        Some((sheet, rows))
    }

    fn grid(&mut self, grid: &Grid) -> Option<GridView<'b>> {
        let sheet = self.sheet(grid.name)?;
        let rows = self.labelled_rows(grid.name, sheet, grid.rows);
        let width = sheet.columns_in_row(0);
        let cols = grid
            .columns
            .iter()
            .enumerate()
            .map(|(i, column)| {
                let wanted = normalize_label(column.header);
                let col = (1..width).find(|c| {
                    matches!(value::text(sheet.get(0, *c)), Ok(Some(s)) if normalize_label(&s) == wanted)
                });
                if col.is_none() {
                    self.problem(
                        grid.name,
                        0,
                        i as u32 + 1,
                        format!("缺少「{}」列", column.header),
                    );
                }
                col
            })
            .collect();
        Some(GridView {
            name: grid.name,
            sheet,
            rows,
            cols,
        })
    }

    // -- cells of a table row -------------------------------------------------

    fn t_data(&self, view: &TableView<'b>, row: u32, c: usize) -> &'b Data {
        view.sheet.get(row, view.cols[c])
    }

    fn t_text(&mut self, view: &TableView<'b>, row: u32, c: usize) -> Read<String> {
        let parsed = value::text(self.t_data(view, row, c));
        self.at(view.name, row, view.cols[c], parsed)
    }

    fn t_required_text(
        &mut self,
        view: &TableView<'b>,
        row: u32,
        c: usize,
        table: &Table,
    ) -> Result<String, Bad> {
        let cell = self.t_text(view, row, c);
        self.required(view.name, row, view.cols[c], table.columns[c].header, cell)
    }

    fn t_amount(&mut self, view: &TableView<'b>, row: u32, c: usize) -> Read<Decimal> {
        let parsed = value::amount(self.t_data(view, row, c));
        self.at(view.name, row, view.cols[c], parsed)
    }

    /// A value of a fixed list (`names`), or a problem listing the list.
    fn t_choice<T: Copy>(
        &mut self,
        view: &TableView<'b>,
        row: u32,
        c: usize,
        names: &[(T, &str)],
        what: &str,
    ) -> Read<T> {
        let Some(s) = self.t_text(view, row, c)? else {
            return Ok(None);
        };
        self.choice(view.name, row, view.cols[c], &s, names, what)
            .map(Some)
    }

    fn choice<T: Copy>(
        &mut self,
        sheet: &str,
        row: u32,
        col: u32,
        s: &str,
        names: &[(T, &str)],
        what: &str,
    ) -> Result<T, Bad> {
        match choose(s, names) {
            Some(v) => Ok(v),
            None => {
                let list: Vec<&str> = names.iter().map(|(_, n)| *n).collect();
                self.problem(
                    sheet,
                    row,
                    col,
                    format!("「{s}」不是{what}：应为{}", join_or(&list)),
                );
                Err(Bad)
            }
        }
    }

    /// 上年结转: 是, 否 or blank (否).
    fn t_carryover(&mut self, view: &TableView<'b>, row: u32, c: usize) -> Result<bool, Bad> {
        let data = self.t_data(view, row, c);
        if let Data::Bool(b) = data {
            return Ok(*b);
        }
        match self.t_text(view, row, c)? {
            None => Ok(false),
            Some(s) => {
                let names = [
                    (true, layout::YES),
                    (false, layout::NO),
                    (true, "TRUE"),
                    (false, "FALSE"),
                ];
                match names
                    .iter()
                    .find(|(_, n)| normalize_label(&s).eq_ignore_ascii_case(n))
                {
                    Some((b, _)) => Ok(*b),
                    None => {
                        self.problem(view.name, row, view.cols[c], format!("「{s}」应为是或否"));
                        Err(Bad)
                    }
                }
            }
        }
    }

    /// A unit name that must be one of 预算单位's.
    fn t_unit(
        &mut self,
        view: &TableView<'b>,
        row: u32,
        c: usize,
        table: &Table,
        units: &Units,
    ) -> Result<String, Bad> {
        let name = self.t_required_text(view, row, c, table)?;
        if !units.known(&name) {
            self.problem(
                view.name,
                row,
                view.cols[c],
                format!("预算单位「{name}」不在预算单位表中"),
            );
            return Err(Bad);
        }
        Ok(name)
    }

    // -- the budget -------------------------------------------------------------

    fn budget(&mut self) -> Budget {
        let meta = self.info();
        let units = self.units();
        let mut projects = self.projects(&units);
        let mut sums: Sums = Some(HashMap::new());
        let basic = self.lines(&mut projects, &mut sums);
        self.income(&sums);
        self.indicators(&mut projects);
        let economic = self.economic_lines(&units);
        let three_public = self.three_public();
        let operating_costs = self.operating(&units);
        let procurement = self.procurement();
        let prior_year = self.prior();
        let texts = self.texts();
        let glossary = self.glossary();

        let mut plans = Vec::new();
        let mut facts_projects = Vec::new();
        for project in projects {
            let (function_code, carryover) = project
                .first_line
                .map(|(_, code, carry)| (code, carry))
                .unwrap_or_default();
            if plan_has_content(&project.plan) {
                plans.push(project.plan);
            }
            facts_projects.push(ProjectFacts {
                name: project.name,
                unit: project.unit,
                function_code,
                carryover,
                sources: BySource(project.sources),
                attribute: project.attribute,
                period_total: project.period_total,
            });
        }
        let facts = BudgetFacts {
            meta,
            units: units.list,
            basic,
            projects: facts_projects,
            economic,
            three_public,
            operating_costs,
            procurement,
            prior_year,
        };
        if self.found.is_empty() {
            self.check_facts(&facts);
        }
        Budget {
            facts,
            texts,
            projects: plans,
            glossary,
        }
    }

    /// The cross-checks of the facts, once every cell has been read: each
    /// problem of [`validate`] on the sheet it concerns, and, as a last guard,
    /// anything that would stop the tables being derived.
    fn check_facts(&mut self, facts: &BudgetFacts) {
        for problem in validate(facts) {
            let sheet = match problem.kind {
                ProblemKind::EconomicTotal => ECONOMIC.name,
                // 机关运行经费 that differ from the 公用经费 of table 6 print
                // faithfully in tables 6 and 11; the checker reports them as a
                // warning (`operating-costs-administrative`) on the made
                // report, where the department sees both tables. Refusing the
                // workbook for them would make a published report with this
                // (common) inconsistency impossible to reproduce.
                ProblemKind::OperatingCosts | ProblemKind::OperatingCostsOfInstitution => continue,
                ProblemKind::ThreePublicBelowEconomic => THREE_PUBLIC.name,
                ProblemKind::EmptyProject => PROJECTS.name,
                // Money outside 财政拨款 or beyond what a source spends: the
                // message says which item.
                ProblemKind::NonFiscalMoney | ProblemKind::ExceedsSource => {
                    if problem.message.starts_with("“三公”") {
                        THREE_PUBLIC.name
                    } else if problem.message.starts_with("机关运行经费") {
                        OPERATING.name
                    } else {
                        LINES.name
                    }
                }
            };
            self.sheet_problem(sheet, problem.message);
        }
        if !self.found.is_empty() {
            return;
        }
        if let Err(e) = derive_tables(facts, self.catalogs) {
            let sheet = match &e {
                DeriveError::Catalog { .. } => INFO.name,
                DeriveError::UnknownUnit { .. } => UNITS.name,
                DeriveError::EconomicCodeShape { .. }
                | DeriveError::UnknownEconomicCode { .. }
                | DeriveError::NoGovernmentItem { .. } => ECONOMIC.name,
                _ => LINES.name,
            };
            self.sheet_problem(sheet, e.to_string());
        }
    }

    // -- 部门信息 -----------------------------------------------------------------

    fn info(&mut self) -> Metadata {
        let template_year = self.template_year();
        let mut meta = Metadata {
            department: String::new(),
            department_code: None,
            region: None,
            level: None,
            year: template_year.unwrap_or_default(),
            kind: DocKind::Budget,
            unit: Unit::WanYuan,
        };
        let Some((sheet, rows)) = self.form(&INFO) else {
            return meta;
        };
        let name = INFO.name;
        let col = FORM_VALUE_COL;
        let cell = |field: usize| -> Option<(u32, &'b Data)> {
            rows[field].map(|r| (r, sheet.get(r, col)))
        };
        if let Some((row, data)) = cell(info::DEPARTMENT) {
            let parsed = self.at(name, row, col, value::text(data));
            if let Ok(department) = self.required(name, row, col, "部门名称", parsed) {
                meta.department = department;
            }
        }
        if let Some((row, data)) = cell(info::CODE) {
            meta.department_code = self.at(name, row, col, value::text(data)).unwrap_or(None);
        }
        if let Some((row, data)) = cell(info::REGION) {
            meta.region = self.at(name, row, col, value::text(data)).unwrap_or(None);
        }
        if let Some((row, data)) = cell(info::LEVEL) {
            if let Ok(Some(s)) = self.at(name, row, col, value::text(data)) {
                meta.level = self
                    .choice(name, row, col, &s, &layout::LEVELS, "行政级次")
                    .ok();
            }
        }
        if let Some((row, data)) = cell(info::UNIT) {
            if let Ok(Some(s)) = self.at(name, row, col, value::text(data)) {
                if normalize_label(&s) != layout::TABLE_UNIT {
                    self.problem(
                        name,
                        row,
                        col,
                        format!(
                            "单位「{s}」：公开报表固定以{}列示，本工作簿的金额一律填元",
                            layout::TABLE_UNIT
                        ),
                    );
                }
            }
        }
        let mut year_cell = None;
        if let Some((row, data)) = cell(info::YEAR) {
            let parsed = self.at(name, row, col, value::year(data));
            if let Ok(year) = self.required(name, row, col, "预算年度", parsed) {
                meta.year = year;
                year_cell = Some(row);
                if let Some(template) = template_year.filter(|t| *t != year) {
                    self.problem(
                        name,
                        row,
                        col,
                        format!(
                            "预算年度{year}与工作簿的科目年度{template}不同：科目下拉表是按{template}年的科目生成的，请改用{year}年的模板（yusuan template --year {year}）"
                        ),
                    );
                }
            }
        }
        self.catalogs_of(meta.year, year_cell);
        meta
    }

    /// The year the hidden 科目 list was made for, if it says.
    fn template_year(&self) -> Option<u16> {
        let sheet = self.sheet(FUNCTION_LIST.name)?;
        let label = value::text(sheet.get(0, u32::from(layout::YEAR_LABEL_COL))).ok()??;
        if normalize_label(&label) != layout::YEAR_LABEL {
            return None;
        }
        value::year(sheet.get(0, u32::from(layout::YEAR_VALUE_COL))).ok()?
    }

    /// The catalogs codes are checked against; without them codes are not
    /// checked (the missing catalog is the problem reported).
    fn catalogs_of(&mut self, year: u16, year_row: Option<u32>) {
        if year == 0 {
            return;
        }
        let function = self.catalogs.get(Classification::Function, year);
        let economic = self.catalogs.get(Classification::EconomicDepartment, year);
        match (function, economic) {
            (Ok(f), Ok(e)) => {
                self.function = Some(f);
                self.economic = Some(e);
            }
            _ => {
                let years: Vec<String> = self
                    .catalogs
                    .years(Classification::Function)
                    .iter()
                    .map(u16::to_string)
                    .collect();
                let message = format!(
                    "没有{year}年的科目表（已有：{}年），无法检查科目编码",
                    years.join("、")
                );
                match year_row {
                    Some(row) => self.problem(INFO.name, row, FORM_VALUE_COL, message),
                    None => self.sheet_problem(INFO.name, message),
                }
            }
        }
    }

    // -- 预算单位 -----------------------------------------------------------------

    fn units(&mut self) -> Units {
        let mut units = Units::default();
        let Some(view) = self.table(&UNITS) else {
            return units;
        };
        for row in view.rows.clone() {
            let name = self.t_required_text(&view, row, un::NAME, &UNITS);
            let kind = self.t_choice(&view, row, un::KIND, &layout::UNIT_KINDS, "单位类型");
            let kind = self.required(UNITS.name, row, view.cols[un::KIND], "单位类型", kind);
            let Ok(name) = name else { continue };
            if let Some(first) = units.rows.get(&name) {
                let first = *first;
                self.problem(
                    UNITS.name,
                    row,
                    view.cols[un::NAME],
                    format!("单位名称「{name}」与第{}行重复", first + 1),
                );
                continue;
            }
            units.rows.insert(name.clone(), row);
            if let Ok(kind) = kind {
                units.list.push(SpendingUnit { name, kind });
            }
        }
        if view.rows.is_empty() {
            self.problem(
                UNITS.name,
                1,
                view.cols[un::NAME],
                "至少要填一个预算单位（第一行为部门本身）",
            );
        }
        units
    }

    // -- 项目 -------------------------------------------------------------------

    fn projects(&mut self, units: &Units) -> Vec<ProjectRow> {
        let mut projects: Vec<ProjectRow> = Vec::new();
        let Some(view) = self.table(&PROJECTS) else {
            return projects;
        };
        for row in view.rows.clone() {
            let name = self.t_required_text(&view, row, pj::NAME, &PROJECTS);
            let unit = self.t_unit(&view, row, pj::UNIT, &PROJECTS, units);
            let attribute = self
                .t_choice(&view, row, pj::ATTRIBUTE, &layout::ATTRIBUTES, "项目属性")
                .unwrap_or(None);
            let period_total = self.t_amount(&view, row, pj::PERIOD_TOTAL).unwrap_or(None);
            let mut text = |c: usize| self.t_text(&view, row, c).unwrap_or(None);
            let plan = ProjectPlan {
                name: String::new(),
                period: text(pj::PERIOD),
                overview: text(pj::OVERVIEW),
                basis: text(pj::BASIS),
                necessity: text(pj::NECESSITY),
                measures: text(pj::MEASURES),
                plan: text(pj::PLAN),
                period_goal: text(pj::PERIOD_GOAL),
                annual_goal: text(pj::ANNUAL_GOAL),
                period_indicators: Vec::new(),
                annual_indicators: Vec::new(),
            };
            let Ok(name) = name else { continue };
            if let Some(first) = projects.iter().find(|p| p.name == name) {
                let first = first.row;
                self.problem(
                    PROJECTS.name,
                    row,
                    view.cols[pj::NAME],
                    format!("项目名称「{name}」与第{}行重复", first + 1),
                );
                continue;
            }
            projects.push(ProjectRow {
                row,
                plan: ProjectPlan {
                    name: name.clone(),
                    ..plan
                },
                name,
                // An unknown unit is already reported; the project is kept so
                // its lines do not also report it as unknown.
                unit: unit.unwrap_or_default(),
                attribute,
                period_total,
                sources: Vec::new(),
                first_line: None,
            });
        }
        projects
    }

    // -- 支出明细 -----------------------------------------------------------------

    fn lines(&mut self, projects: &mut [ProjectRow], sums: &mut Sums) -> Vec<BasicLine> {
        let mut basic = Vec::new();
        let Some(view) = self.table(&LINES) else {
            *sums = None;
            return basic;
        };
        let name = LINES.name;
        for row in view.rows.clone() {
            let nature = self.t_choice(&view, row, ln::NATURE, &layout::NATURES, "支出性质");
            let nature = self.required(name, row, view.cols[ln::NATURE], "支出性质", nature);
            let project = self.t_text(&view, row, ln::PROJECT);
            let code = self
                .t_required_text(&view, row, ln::CODE, &LINES)
                .map(|c| value::code(&c));
            let code = match code {
                Ok(code) => match self.function_code(&code) {
                    Ok(()) => Ok(code),
                    Err(message) => {
                        self.problem(name, row, view.cols[ln::CODE], message);
                        Err(Bad)
                    }
                },
                Err(Bad) => Err(Bad),
            };
            let source = self.t_choice(&view, row, ln::SOURCE, &layout::SOURCES, "资金来源");
            let source = self.required(name, row, view.cols[ln::SOURCE], "资金来源", source);
            let carryover = self.t_carryover(&view, row, ln::CARRYOVER);
            let amount = self.t_amount(&view, row, ln::AMOUNT);
            let amount = self.required(name, row, view.cols[ln::AMOUNT], "金额", amount);

            match (&source, &carryover, &amount) {
                (Ok(s), Ok(c), Ok(a)) => {
                    if let Some(map) = sums.as_mut() {
                        *map.entry((*s, *c)).or_default() += *a;
                    }
                }
                _ => *sums = None,
            }
            let (Ok(nature), Ok(project), Ok(code), Ok(source), Ok(carryover), Ok(yuan)) =
                (nature, project, code, source, carryover, amount)
            else {
                continue;
            };
            match nature {
                Nature::Basic => {
                    if let Some(project) = project {
                        self.problem(
                            name,
                            row,
                            view.cols[ln::PROJECT],
                            format!("基本支出不填项目名称（「{project}」）：项目的金额请把支出性质选为项目支出"),
                        );
                        continue;
                    }
                    basic.push(BasicLine {
                        function_code: code,
                        source,
                        carryover,
                        yuan,
                    });
                }
                Nature::Project => {
                    let Some(project) = project else {
                        self.problem(name, row, view.cols[ln::PROJECT], "项目支出须填写项目名称");
                        continue;
                    };
                    let Some(target) = projects.iter_mut().find(|p| p.name == project) else {
                        self.problem(
                            name,
                            row,
                            view.cols[ln::PROJECT],
                            format!("项目「{project}」不在项目表中"),
                        );
                        continue;
                    };
                    match &target.first_line {
                        None => target.first_line = Some((row, code, carryover)),
                        Some((first, first_code, first_carry)) => {
                            let first = *first;
                            if *first_code != code {
                                let message = format!(
                                    "项目「{project}」在第{}行记于{first_code}，此行记于{code}：一个项目只能记于一个功能科目",
                                    first + 1
                                );
                                self.problem(name, row, view.cols[ln::CODE], message);
                                continue;
                            }
                            if *first_carry != carryover {
                                let yes_no = |b: bool| if b { layout::YES } else { layout::NO };
                                let message = format!(
                                    "项目「{project}」在第{}行上年结转为“{}”，此行为“{}”：一个项目要么是本年安排，要么是上年结转",
                                    first + 1,
                                    yes_no(*first_carry),
                                    yes_no(carryover)
                                );
                                self.problem(name, row, view.cols[ln::CARRYOVER], message);
                                continue;
                            }
                        }
                    }
                    target.sources.push((source, yuan));
                }
            }
        }
        // Reported at the project's name in 项目, where it was declared.
        let name_col = self
            .table_col(&PROJECTS, pj::NAME)
            .unwrap_or(pj::NAME as u32);
        for project in projects.iter() {
            if project.first_line.is_none() {
                let message = format!("项目「{}」在支出明细中没有金额行", project.name);
                self.problem(PROJECTS.name, project.row, name_col, message);
            }
        }
        basic
    }

    /// The actual column of a table column, by header (no problem recorded).
    fn table_col(&self, table: &Table, c: usize) -> Option<u32> {
        let sheet = self.sheet(table.name)?;
        let wanted = normalize_label(table.columns[c].header);
        (0..sheet.columns_in_row(0)).find(|col| {
            matches!(value::text(sheet.get(0, *col)), Ok(Some(s)) if normalize_label(&s) == wanted)
        })
    }

    /// A 功能 项 of the year: 7 digits, in the catalog.
    fn function_code(&self, code: &str) -> Result<(), String> {
        match self.function {
            Some(catalog) => check_code(code, catalog, Level::Item, "功能科目", ""),
            None => Ok(()),
        }
    }

    // -- 收入 -------------------------------------------------------------------

    /// Income by source, checked against expenditure by source: the budget
    /// balances, so each must equal the lines' sum (a blank cell stands for
    /// 0, which is right only where nothing is spent of that source).
    fn income(&mut self, sums: &Sums) {
        let Some(view) = self.grid(&INCOME) else {
            return;
        };
        for (i, (source, source_name)) in layout::SOURCES.iter().enumerate() {
            let Some(row) = view.rows[i] else { continue };
            for (c, carryover, label) in [
                (income::CURRENT, false, "本年收入"),
                (income::CARRYOVER, true, "上年结转"),
            ] {
                let Some(col) = view.cols[c] else { continue };
                let parsed = value::amount(view.sheet.get(row, col));
                let Ok(cell) = self.at(view.name, row, col, parsed) else {
                    continue;
                };
                let Some(sums) = sums else { continue };
                let spent = sums.get(&(*source, carryover)).copied().unwrap_or_default();
                match cell {
                    Some(income) if income != spent => self.problem(
                        view.name,
                        row,
                        col,
                        format!(
                            "{source_name}{label} {} 元与支出明细合计 {} 元不等",
                            format_yuan(income),
                            format_yuan(spent)
                        ),
                    ),
                    None if !spent.is_zero() => self.problem(
                        view.name,
                        row,
                        col,
                        format!(
                            "{source_name}{label}未填，而支出明细合计 {} 元",
                            format_yuan(spent)
                        ),
                    ),
                    _ => {}
                }
            }
        }
    }

    // -- 绩效指标 -----------------------------------------------------------------

    fn indicators(&mut self, projects: &mut [ProjectRow]) {
        let Some(view) = self.table(&INDICATORS) else {
            return;
        };
        let periods = [(false, layout::ANNUAL), (true, layout::PERIOD)];
        for row in view.rows.clone() {
            let project = self.t_required_text(&view, row, ind::PROJECT, &INDICATORS);
            let period = self.t_choice(&view, row, ind::PERIOD, &periods, "期间");
            let mut required = |c: usize| self.t_required_text(&view, row, c, &INDICATORS);
            let line = (
                required(ind::LEVEL1),
                required(ind::LEVEL2),
                required(ind::NAME),
                // A blank 指标值 stays blank: some published target tables
                // print an indicator without one, and a workbook made from
                // such a report keeps it as it was.
                self.t_text(&view, row, ind::VALUE)
                    .map(Option::unwrap_or_default),
            );
            let Ok(project) = project else { continue };
            let Some(target) = projects.iter_mut().find(|p| p.name == project) else {
                self.problem(
                    view.name,
                    row,
                    view.cols[ind::PROJECT],
                    format!("项目「{project}」不在项目表中"),
                );
                continue;
            };
            let (Ok(period), (Ok(level1), Ok(level2), Ok(name), Ok(value))) = (period, line) else {
                continue;
            };
            let line = IndicatorLine {
                level1,
                level2,
                name,
                value,
            };
            // A blank 期间 is the year's: most projects run one year.
            if period.unwrap_or(false) {
                target.plan.period_indicators.push(line);
            } else {
                target.plan.annual_indicators.push(line);
            }
        }
    }

    // -- 基本支出经济分类 ---------------------------------------------------------

    fn economic_lines(&mut self, units: &Units) -> Vec<EconomicLine> {
        let mut lines = Vec::new();
        let Some(view) = self.table(&ECONOMIC) else {
            return lines;
        };
        let name = ECONOMIC.name;
        for row in view.rows.clone() {
            let unit = self.t_unit(&view, row, ec::UNIT, &ECONOMIC, units);
            let code = self
                .t_required_text(&view, row, ec::CODE, &ECONOMIC)
                .map(|c| value::code(&c));
            let code = match code {
                Ok(code) => {
                    let kind = unit.as_ref().ok().and_then(|u| units.kind(u));
                    match self.economic_code(&code, kind) {
                        Ok(()) => Ok(code),
                        Err(message) => {
                            self.problem(name, row, view.cols[ec::CODE], message);
                            Err(Bad)
                        }
                    }
                }
                Err(Bad) => Err(Bad),
            };
            let class = self.t_choice(&view, row, ec::CLASS, &layout::COST_CLASSES, "经费类别");
            let class = self.required(name, row, view.cols[ec::CLASS], "经费类别", class);
            let amount = self.t_amount(&view, row, ec::AMOUNT);
            let amount = self.required(name, row, view.cols[ec::AMOUNT], "金额", amount);
            if let (Ok(unit), Ok(code), Ok(class), Ok(yuan)) = (unit, code, class, amount) {
                lines.push(EconomicLine {
                    unit,
                    code,
                    class,
                    yuan,
                });
            }
        }
        lines
    }

    /// A 部门预算支出经济分类 款 of the year, which the catalog maps to a
    /// government item for the unit's kind (table 6 prints both).
    fn economic_code(&self, code: &str, kind: Option<UnitKind>) -> Result<(), String> {
        let Some(catalog) = self.economic else {
            return Ok(());
        };
        check_code(
            code,
            catalog,
            Level::Section,
            "经济科目",
            "部门预算支出经济分类",
        )?;
        if let Some(kind) = kind {
            if catalog.government_item(code, kind).is_err() {
                let name = catalog
                    .get(code)
                    .map(|i| i.name.as_str())
                    .unwrap_or_default();
                return Err(format!(
                    "{code}（{name}）在{}年科目中没有{}单位对应的政府预算支出经济分类科目，预算公开表6无法列示",
                    catalog.year,
                    kind.as_str()
                ));
            }
        }
        Ok(())
    }

    // -- 三公经费, 机关运行经费 -----------------------------------------------------

    /// The amounts of the fiscal-source cells of a grid row: each non-blank
    /// cell is listed (a written 0 too), in source order.
    fn grid_sources(&mut self, view: &GridView<'b>, row: Option<u32>) -> BySource {
        let mut amounts = Vec::new();
        let Some(row) = row else {
            return BySource(amounts);
        };
        for (c, source) in FISCAL_SOURCES.iter().enumerate() {
            let Some(col) = view.cols[c] else { continue };
            let parsed = value::amount(view.sheet.get(row, col));
            if let Ok(Some(yuan)) = self.at(view.name, row, col, parsed) {
                amounts.push((*source, yuan));
            }
        }
        BySource(amounts)
    }

    fn three_public(&mut self) -> ThreePublic {
        let Some(view) = self.grid(&THREE_PUBLIC) else {
            return ThreePublic::default();
        };
        let rows = view.rows.clone();
        ThreePublic {
            abroad: self.grid_sources(&view, rows[tp::ABROAD]),
            reception: self.grid_sources(&view, rows[tp::RECEPTION]),
            vehicle_purchase: self.grid_sources(&view, rows[tp::VEHICLE_PURCHASE]),
            vehicle_operation: self.grid_sources(&view, rows[tp::VEHICLE_OPERATION]),
        }
    }

    fn operating(&mut self, units: &Units) -> Vec<OperatingCost> {
        let mut costs = Vec::new();
        let Some(view) = self.table(&OPERATING) else {
            return costs;
        };
        for row in view.rows.clone() {
            let unit = self.t_unit(&view, row, op::UNIT, &OPERATING, units);
            let mut amounts = Vec::new();
            for (i, source) in FISCAL_SOURCES.iter().enumerate() {
                if let Ok(Some(yuan)) = self.t_amount(&view, row, op::FIRST_SOURCE + i) {
                    amounts.push((*source, yuan));
                }
            }
            if let Ok(unit) = unit {
                costs.push(OperatingCost {
                    unit,
                    amounts: BySource(amounts),
                });
            }
        }
        costs
    }

    // -- 政府采购, 上年数 ---------------------------------------------------------

    /// The one amount of each row of a one-column grid.
    fn grid_amounts(&mut self, grid: &Grid) -> Vec<Option<Decimal>> {
        let Some(view) = self.grid(grid) else {
            return vec![None; grid.rows.len()];
        };
        view.rows
            .iter()
            .map(|row| {
                let (Some(row), Some(col)) = (*row, view.cols[0]) else {
                    return None;
                };
                let parsed = value::amount(view.sheet.get(row, col));
                self.at(view.name, row, col, parsed).unwrap_or(None)
            })
            .collect()
    }

    /// All blank: no procurement disclosed; otherwise a blank kind is 0.
    fn procurement(&mut self) -> Option<ProcurementFacts> {
        let amounts = self.grid_amounts(&PROCUREMENT);
        if amounts.iter().all(Option::is_none) {
            return None;
        }
        let get = |i: usize| amounts[i].unwrap_or_default();
        Some(ProcurementFacts {
            goods: get(pr::GOODS),
            works: get(pr::WORKS),
            services: get(pr::SERVICES),
        })
    }

    /// Blank cells are figures not given. Last year's "三公" items are one
    /// amount each, booked under 一般公共预算 (see the writer); 0 is no money,
    /// an empty list, as the facts write "nothing from any source".
    fn prior(&mut self) -> Option<PriorYear> {
        let amounts = self.grid_amounts(&PRIOR);
        if amounts.iter().all(Option::is_none) {
            return None;
        }
        let item = |i: usize| {
            BySource(
                amounts[i]
                    .filter(|y| !y.is_zero())
                    .map(|y| vec![(FundingSource::GeneralPublic, y)])
                    .unwrap_or_default(),
            )
        };
        let three = [
            prior::ABROAD,
            prior::RECEPTION,
            prior::VEHICLE_PURCHASE,
            prior::VEHICLE_OPERATION,
        ];
        let three_public = three
            .iter()
            .any(|i| amounts[*i].is_some())
            .then(|| ThreePublic {
                abroad: item(prior::ABROAD),
                reception: item(prior::RECEPTION),
                vehicle_purchase: item(prior::VEHICLE_PURCHASE),
                vehicle_operation: item(prior::VEHICLE_OPERATION),
            });
        Some(PriorYear {
            total: amounts[prior::TOTAL],
            general_public: amounts[prior::GENERAL_PUBLIC],
            three_public,
            operating_costs: amounts[prior::OPERATING],
        })
    }

    // -- 文字说明 -----------------------------------------------------------------

    fn texts(&mut self) -> DepartmentTexts {
        let mut texts = DepartmentTexts::default();
        let Some((sheet, rows)) = self.form(&TEXTS) else {
            return texts;
        };
        let name = TEXTS.name;
        let col = FORM_VALUE_COL;
        let text = |this: &mut Self, field: usize| -> Option<String> {
            let row = rows[field]?;
            this.at(name, row, col, value::text(sheet.get(row, col)))
                .unwrap_or(None)
                .map(|s| s.replace("\r\n", "\n").replace('\r', "\n"))
        };
        let paragraphs = |s: Option<String>| -> Vec<String> {
            s.map(|s| {
                s.split('\n')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
        };
        texts.duties = paragraphs(text(self, tx::DUTIES));
        texts.organisation = paragraphs(text(self, tx::ORGANISATION));
        texts.change_reason = text(self, tx::CHANGE_REASON);
        texts.three_public_reason = text(self, tx::THREE_PUBLIC_REASON);
        texts.operating_costs_reason = text(self, tx::OPERATING_REASON);
        texts.other = paragraphs(text(self, tx::OTHER));
        texts.assets.building_area = text(self, tx::BUILDING_AREA);
        let mut count = |field: usize| -> Option<u32> {
            let row = rows[field]?;
            self.at(name, row, col, value::count(sheet.get(row, col)))
                .unwrap_or(None)
        };
        texts.assets = AssetFacts {
            vehicles_quota: count(tx::VEHICLES_QUOTA),
            vehicles: count(tx::VEHICLES),
            building_area: texts.assets.building_area.take(),
            general_equipment_over_500k: count(tx::GENERAL_EQUIPMENT),
            special_equipment_over_1m: count(tx::SPECIAL_EQUIPMENT),
        };
        texts
    }

    // -- 名词解释 -----------------------------------------------------------------

    fn glossary(&mut self) -> Vec<GlossaryTerm> {
        let mut terms = Vec::new();
        let Some(view) = self.table(&GLOSSARY) else {
            return terms;
        };
        for row in view.rows.clone() {
            let term = self.t_required_text(&view, row, gl::TERM, &GLOSSARY);
            let definition = self.t_required_text(&view, row, gl::DEFINITION, &GLOSSARY);
            if let (Ok(term), Ok(definition)) = (term, definition) {
                terms.push(GlossaryTerm { term, definition });
            }
        }
        terms
    }
}

/// The spending units read, and every name written in 预算单位 (also those
/// whose row has a problem, so that other sheets naming them do not report
/// them again as unknown).
#[derive(Default)]
struct Units {
    list: Vec<SpendingUnit>,
    rows: HashMap<String, u32>,
}

impl Units {
    fn known(&self, name: &str) -> bool {
        self.rows.contains_key(name)
    }

    fn kind(&self, name: &str) -> Option<UnitKind> {
        self.list.iter().find(|u| u.name == name).map(|u| u.kind)
    }
}

fn sheet_index(name: &str) -> usize {
    SHEET_ORDER
        .iter()
        .position(|s| *s == name)
        .unwrap_or(SHEET_ORDER.len())
}

/// The value a text names: its exact name, or else the one name it starts
/// with or that starts with it (`行政单位` → 行政, `政府性基金` → 政府性基金预算),
/// if exactly one does.
fn choose<T: Copy>(s: &str, names: &[(T, &str)]) -> Option<T> {
    let s = normalize_label(s);
    if let Some((v, _)) = names.iter().find(|(_, n)| *n == s) {
        return Some(*v);
    }
    let near: Vec<T> = names
        .iter()
        .filter(|(_, n)| s.chars().count() >= 2 && (s.starts_with(n) || n.starts_with(s.as_str())))
        .map(|(v, _)| *v)
        .collect();
    match near.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// `甲、乙或丙`.
fn join_or(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{}或{last}", init.join("、")),
    }
}

/// A code of the wanted level in a catalog. `what` names the code in
/// messages (功能科目, 经济科目); `catalog_name` the catalog where it is not
/// the 支出功能分类.
fn check_code(
    code: &str,
    catalog: &Catalog,
    wanted: Level,
    what: &str,
    catalog_name: &str,
) -> Result<(), String> {
    let digits = match wanted {
        Level::Category => 3,
        Level::Section => 5,
        Level::Item => 7,
    };
    let not_a_code = || format!("「{code}」不是{what}编码：须为{digits}位数字的{wanted}级科目");
    if !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(not_a_code());
    }
    let Some(level) = Level::from_code_len(code.len()) else {
        return Err(not_a_code());
    };
    if level > wanted {
        return Err(not_a_code());
    }
    if level < wanted {
        return Err(format!(
            "{code} 是{level}级科目，此处须填{digits}位的{wanted}级科目"
        ));
    }
    if catalog.get(code).is_some() {
        return Ok(());
    }
    let partial = if catalog.is_partial() {
        "（内置科目表只收录常用科目）"
    } else {
        ""
    };
    Err(format!(
        "{code} 不在{}年{catalog_name}科目中{partial}",
        catalog.year
    ))
}

/// Whether a plan says anything: a project without texts or indicators has
/// no plan (an empty one would say nothing the facts do not).
fn plan_has_content(plan: &ProjectPlan) -> bool {
    [
        &plan.period,
        &plan.overview,
        &plan.basis,
        &plan.necessity,
        &plan.measures,
        &plan.plan,
        &plan.period_goal,
        &plan.annual_goal,
    ]
    .iter()
    .any(|f| f.is_some())
        || !plan.annual_indicators.is_empty()
        || !plan.period_indicators.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices() {
        let sources = layout::SOURCES;
        assert_eq!(
            choose("一般公共预算", &sources),
            Some(FundingSource::GeneralPublic)
        );
        assert_eq!(choose("政府性基金", &sources), Some(FundingSource::GovFund));
        assert_eq!(
            choose(" 单位资金 ", &sources),
            Some(FundingSource::UnitFunds)
        );
        assert_eq!(choose("资金", &sources), None);
        assert_eq!(
            choose("行政单位", &layout::UNIT_KINDS),
            Some(UnitKind::Administrative)
        );
        assert_eq!(
            choose("事业单位", &layout::UNIT_KINDS),
            Some(UnitKind::Institution)
        );
        assert_eq!(choose("企业", &layout::UNIT_KINDS), None);
    }

    #[test]
    fn joined() {
        assert_eq!(join_or(&["甲", "乙", "丙"]), "甲、乙或丙");
        assert_eq!(join_or(&["甲"]), "甲");
    }

    #[test]
    fn codes() {
        let catalogs = Catalogs::embedded();
        let function = catalogs.get(Classification::Function, 2024).unwrap();
        assert_eq!(
            check_code("2010301", function, Level::Item, "功能科目", ""),
            Ok(())
        );
        assert_eq!(
            check_code("2010308", function, Level::Item, "功能科目", ""),
            Err("2010308 不在2024年科目中（内置科目表只收录常用科目）".to_string())
        );
        assert_eq!(
            check_code("201", function, Level::Item, "功能科目", ""),
            Err("201 是类级科目，此处须填7位的项级科目".to_string())
        );
        assert_eq!(
            check_code("20103", function, Level::Item, "功能科目", ""),
            Err("20103 是款级科目，此处须填7位的项级科目".to_string())
        );
        assert_eq!(
            check_code("abc", function, Level::Item, "功能科目", ""),
            Err("「abc」不是功能科目编码：须为7位数字的项级科目".to_string())
        );
    }
}
