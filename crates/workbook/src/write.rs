//! Writing the workbook: the empty template of a year, or one filled with a
//! budget, laid out by [`crate::layout`].

use crate::instructions::{self, Line};
use crate::layout::{
    self, economic as ec, income, info, lines as ln, operating as op, prior, procurement as pr,
    projects as pj, texts as tx, three_public as tp, Choices, CodeList, Form, Grid, Kind, Table,
    ECONOMIC, ECONOMIC_LIST, FISCAL_SOURCES, FORM_HEADERS, FUNCTION_LIST, GLOSSARY, INCOME,
    INDICATORS, INFO, INPUT_ROWS, LINES, OPERATING, PRIOR, PROCUREMENT, PROJECTS, TEXTS,
    THREE_PUBLIC, UNITS,
};
use crate::problem::{column_letters, WorkbookError};
use crate::value::{store_amount, StoredAmount};
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, Format, FormatAlign,
    FormatBorder, Formula, Note, Workbook, Worksheet, XlsxError,
};
use std::collections::HashMap;
use yusuan_core::budget::{Budget, ProjectPlan};
use yusuan_core::catalog::{Catalog, Catalogs, Classification, Level};
use yusuan_core::facts::{BySource, FundingSource, Nature, ProjectFacts, ThreePublic};
use yusuan_core::model::DocKind;

/// Write the workbook: the empty template of a year when `budget` is `None`,
/// else filled with the budget.
///
/// The hidden sheets `科目` and `经济科目` list the year's 支出功能分类 项 and
/// 部门预算支出经济分类 款 for the drop-downs, and record the year, which the
/// reader holds 部门信息's 预算年度 to.
///
/// Fails when the catalogs have no catalog of the year, when the budget is of
/// another year or is not a budget (决算), or when it holds what the workbook
/// has no cell for: "三公" or 机关运行经费 money outside 财政拨款 (tables 10 and
/// 11 print only the three fiscal sources). A project plan without a project
/// of its name is written on a 项目 row of its own, for the reader to report.
pub fn write_workbook(
    year: u16,
    budget: Option<&Budget>,
    catalogs: &Catalogs,
) -> Result<Vec<u8>, WorkbookError> {
    let function = catalogs
        .get(Classification::Function, year)
        .map_err(|e| WorkbookError::Write(format!("没有{year}年的支出功能分类科目：{e}")))?;
    let economic = catalogs
        .get(Classification::EconomicDepartment, year)
        .map_err(|e| {
            WorkbookError::Write(format!("没有{year}年的部门预算支出经济分类科目：{e}"))
        })?;
    if let Some(budget) = budget {
        check_representable(budget, year)?;
    }
    let mut writer = Writer::new(year, function, economic, budget);
    writer.write_all().map_err(xlsx_error)?;
    writer.workbook.save_to_buffer().map_err(xlsx_error)
}

fn xlsx_error(e: XlsxError) -> WorkbookError {
    WorkbookError::Write(e.to_string())
}

/// Refuses a budget the workbook cannot hold without losing part of it, since
/// a workbook that silently drops money would make a different report.
fn check_representable(budget: &Budget, year: u16) -> Result<(), WorkbookError> {
    let facts = &budget.facts;
    if facts.meta.year != year {
        return Err(WorkbookError::Write(format!(
            "预算年度为{}，与要写出的{year}年工作簿不同",
            facts.meta.year
        )));
    }
    if facts.meta.kind != DocKind::Budget {
        return Err(WorkbookError::Write(
            "预算编制工作簿只用于预算，不用于决算".to_string(),
        ));
    }
    let fiscal_only = |what: &str, amounts: &BySource| -> Result<(), WorkbookError> {
        match amounts.0.iter().find(|(s, _)| !s.is_fiscal()) {
            Some((source, _)) => Err(WorkbookError::Write(format!(
                "{what}有{}的资金，而工作簿（和公开报表）只有财政拨款三个来源的栏目",
                source.name()
            ))),
            None => Ok(()),
        }
    };
    for (row, amounts) in three_public_items(&facts.three_public).iter().enumerate() {
        fiscal_only(&format!("“三公”经费{}", THREE_PUBLIC.rows[row]), amounts)?;
    }
    for cost in &facts.operating_costs {
        fiscal_only(&format!("「{}」的机关运行经费", cost.unit), &cost.amounts)?;
    }
    Ok(())
}

/// The rows of 项目: each project of the facts with its plan (the first of
/// that name), then each plan no project row carries (no project of its name,
/// or a second plan of one). Such a plan still gets a row, without unit or
/// money, rather than being dropped or refusing the whole workbook: a budget
/// recovered from a published report may have a target table for a project
/// its tables do not list, and the reader then points at exactly that row.
fn project_rows(budget: &Budget) -> Vec<(Option<&ProjectFacts>, Option<&ProjectPlan>)> {
    let projects = &budget.facts.projects;
    let mut rows: Vec<(Option<&ProjectFacts>, Option<&ProjectPlan>)> = projects
        .iter()
        .map(|p| (Some(p), budget.plan(&p.name)))
        .collect();
    for (i, plan) in budget.projects.iter().enumerate() {
        let first_of_name = budget.projects[..i].iter().all(|p| p.name != plan.name);
        let has_project = projects.iter().any(|p| p.name == plan.name);
        if !(first_of_name && has_project) {
            rows.push((None, Some(plan)));
        }
    }
    rows
}

/// The four "三公" items in [`THREE_PUBLIC`] row order ([`tp`]).
fn three_public_items(three: &ThreePublic) -> [&BySource; 4] {
    let items = [
        &three.abroad,
        &three.reception,
        &three.vehicle_purchase,
        &three.vehicle_operation,
    ];
    debug_assert_eq!(
        [
            tp::ABROAD,
            tp::RECEPTION,
            tp::VEHICLE_PURCHASE,
            tp::VEHICLE_OPERATION
        ],
        [0, 1, 2, 3]
    );
    items
}

/// What a cell of the workbook holds.
#[derive(Debug, Clone)]
enum Value {
    Blank,
    Text(String),
    Amount(Decimal),
    Count(u32),
    /// The cached result of a [`Kind::NameOf`] look-up formula.
    Name(String),
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn opt_text(s: Option<&str>) -> Value {
    s.map_or(Value::Blank, text)
}

fn opt_amount(yuan: Option<Decimal>) -> Value {
    yuan.map_or(Value::Blank, Value::Amount)
}

fn opt_count(n: Option<u32>) -> Value {
    n.map_or(Value::Blank, Value::Count)
}

/// Paragraphs one a line in one cell.
fn paragraphs(ps: &[String]) -> Value {
    if ps.is_empty() {
        Value::Blank
    } else {
        text(ps.join("\n"))
    }
}

/// The amount of each fiscal source a [`BySource`] lists, blank for a
/// source it does not list: a listed zero stays a written 0.
fn fiscal_cells(amounts: &BySource) -> Vec<Value> {
    FISCAL_SOURCES
        .iter()
        .map(|source| {
            if amounts.0.iter().any(|(s, _)| s == source) {
                Value::Amount(amounts.get(*source))
            } else {
                Value::Blank
            }
        })
        .collect()
}

struct Formats {
    header: Format,
    amount: Format,
    code: Format,
    text: Format,
    long_text: Format,
    count: Format,
    label: Format,
    note: Format,
    title: Format,
    heading: Format,
}

impl Formats {
    fn new() -> Formats {
        let text = Format::new()
            .set_num_format("@")
            .set_align(FormatAlign::Top);
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xDD_EB_F7))
                .set_border(FormatBorder::Thin),
            amount: Format::new()
                .set_num_format("#,##0.00")
                .set_align(FormatAlign::Top),
            code: text.clone(),
            long_text: text.clone().set_text_wrap(),
            text,
            count: Format::new()
                .set_num_format("0")
                .set_align(FormatAlign::Top),
            label: Format::new().set_bold().set_align(FormatAlign::Top),
            note: Format::new()
                .set_text_wrap()
                .set_font_color(Color::RGB(0x59_59_59))
                .set_align(FormatAlign::Top),
            title: Format::new().set_bold().set_font_size(14),
            heading: Format::new().set_bold().set_font_size(12),
        }
    }

    fn of(&self, kind: Kind) -> &Format {
        match kind {
            Kind::Text => &self.text,
            Kind::LongText => &self.long_text,
            Kind::Code => &self.code,
            Kind::Amount => &self.amount,
            Kind::Count => &self.count,
            Kind::NameOf { .. } => &self.text,
        }
    }
}

struct Writer<'a> {
    workbook: Workbook,
    formats: Formats,
    year: u16,
    function: &'a Catalog,
    economic: &'a Catalog,
    budget: Option<&'a Budget>,
    /// The last row (zero-based) of the input area of each sheet a drop-down
    /// looks up, known before any sheet is written, since 支出明细 refers to
    /// 项目, which comes after it.
    list_end: HashMap<&'static str, u32>,
}

impl<'a> Writer<'a> {
    fn new(
        year: u16,
        function: &'a Catalog,
        economic: &'a Catalog,
        budget: Option<&'a Budget>,
    ) -> Writer<'a> {
        let count = |f: fn(&Budget) -> usize| budget.map_or(0, f) as u32;
        let list_end = HashMap::from([
            (UNITS.name, input_end(count(|b| b.facts.units.len()))),
            (PROJECTS.name, input_end(count(|b| b.facts.projects.len()))),
            (FUNCTION_LIST.name, function_items(function).len() as u32),
            (ECONOMIC_LIST.name, economic_items(economic).len() as u32),
        ]);
        let mut workbook = Workbook::new();
        workbook.set_properties(
            &DocProperties::new()
                .set_title(format!("{year}年部门预算编制工作簿"))
                .set_subject("部门预算公开")
                .set_comment("yusuan template: fill in, then run `yusuan make` on it"),
        );
        Writer {
            workbook,
            formats: Formats::new(),
            year,
            function,
            economic,
            budget,
            list_end,
        }
    }

    fn write_all(&mut self) -> Result<(), XlsxError> {
        self.instructions()?;
        self.info()?;
        self.units()?;
        self.texts()?;
        self.income()?;
        self.lines()?;
        self.projects()?;
        self.indicators()?;
        self.economic_lines()?;
        self.three_public()?;
        self.operating()?;
        self.procurement()?;
        self.prior()?;
        self.glossary()?;
        self.code_lists()
    }

    // -- sheets -------------------------------------------------------------

    fn instructions(&mut self) -> Result<(), XlsxError> {
        let ws = self.workbook.add_worksheet();
        ws.set_name(layout::INSTRUCTIONS)?;
        ws.set_column_width(0, 110)?;
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        for (row, line) in instructions::lines(self.year).into_iter().enumerate() {
            let row = row as u32;
            match line {
                Line::Title(s) => ws.write_string_with_format(row, 0, s, &self.formats.title)?,
                Line::Heading(s) => {
                    ws.write_string_with_format(row, 0, s, &self.formats.heading)?
                }
                Line::Text(s) => ws.write_string_with_format(row, 0, s, &wrap)?,
            };
        }
        Ok(())
    }

    fn info(&mut self) -> Result<(), XlsxError> {
        let mut values = vec![Value::Blank; INFO.fields.len()];
        values[info::YEAR] = Value::Count(u32::from(self.year));
        values[info::UNIT] = text(layout::TABLE_UNIT);
        if let Some(budget) = self.budget {
            let meta = &budget.facts.meta;
            values[info::DEPARTMENT] = text(meta.department.as_str());
            values[info::CODE] = opt_text(meta.department_code.as_deref());
            values[info::REGION] = opt_text(meta.region.as_deref());
            values[info::LEVEL] = meta
                .level
                .and_then(|l| layout::LEVELS.iter().find(|(v, _)| *v == l))
                .map_or(Value::Blank, |(_, name)| text(*name));
        }
        self.form(&INFO, values)
    }

    fn units(&mut self) -> Result<(), XlsxError> {
        let rows = self.budget.map_or_else(Vec::new, |b| {
            b.facts
                .units
                .iter()
                .map(|u| vec![text(u.name.as_str()), text(u.kind.as_str())])
                .collect()
        });
        self.table(&UNITS, rows)
    }

    fn texts(&mut self) -> Result<(), XlsxError> {
        let mut values = vec![Value::Blank; TEXTS.fields.len()];
        if let Some(budget) = self.budget {
            let t = &budget.texts;
            values[tx::DUTIES] = paragraphs(&t.duties);
            values[tx::ORGANISATION] = paragraphs(&t.organisation);
            values[tx::CHANGE_REASON] = opt_text(t.change_reason.as_deref());
            values[tx::THREE_PUBLIC_REASON] = opt_text(t.three_public_reason.as_deref());
            values[tx::OPERATING_REASON] = opt_text(t.operating_costs_reason.as_deref());
            values[tx::OTHER] = paragraphs(&t.other);
            values[tx::VEHICLES_QUOTA] = opt_count(t.assets.vehicles_quota);
            values[tx::VEHICLES] = opt_count(t.assets.vehicles);
            values[tx::BUILDING_AREA] = opt_text(t.assets.building_area.as_deref());
            values[tx::GENERAL_EQUIPMENT] = opt_count(t.assets.general_equipment_over_500k);
            values[tx::SPECIAL_EQUIPMENT] = opt_count(t.assets.special_equipment_over_1m);
        }
        self.form(&TEXTS, values)
    }

    /// Income by source = expenditure by source: the sums of the lines the
    /// reader will hold these cells to.
    fn income(&mut self) -> Result<(), XlsxError> {
        let cells = match self.budget {
            None => vec![vec![Value::Blank; INCOME.columns.len()]; INCOME.rows.len()],
            Some(budget) => {
                let sums = expenditure_by_source(budget);
                layout::SOURCES
                    .iter()
                    .map(|(source, _)| {
                        let (current, carried) = sums.get(source).copied().unwrap_or_default();
                        let mut row = vec![Value::Blank; INCOME.columns.len()];
                        row[income::CURRENT] = Value::Amount(current);
                        row[income::CARRYOVER] = Value::Amount(carried);
                        row
                    })
                    .collect()
            }
        };
        self.grid(&INCOME, cells)
    }

    /// Basic lines first, in order, then each project's money source by
    /// source, in project order: one row for each entry of the facts, so
    /// nothing is merged and reading gives the same lists back.
    fn lines(&mut self) -> Result<(), XlsxError> {
        let mut rows = Vec::new();
        if let Some(budget) = self.budget {
            let facts = &budget.facts;
            for line in &facts.basic {
                rows.push(self.line_row(
                    Nature::Basic,
                    None,
                    &line.function_code,
                    line.source,
                    line.carryover,
                    line.yuan,
                ));
            }
            for project in &facts.projects {
                for (source, yuan) in &project.sources.0 {
                    rows.push(self.line_row(
                        Nature::Project,
                        Some(&project.name),
                        &project.function_code,
                        *source,
                        project.carryover,
                        *yuan,
                    ));
                }
            }
        }
        self.table(&LINES, rows)
    }

    fn line_row(
        &self,
        nature: Nature,
        project: Option<&str>,
        code: &str,
        source: FundingSource,
        carryover: bool,
        yuan: Decimal,
    ) -> Vec<Value> {
        let mut row = vec![Value::Blank; LINES.columns.len()];
        row[ln::NATURE] = text(name_of(&layout::NATURES, nature));
        row[ln::PROJECT] = opt_text(project);
        row[ln::CODE] = text(code);
        row[ln::CODE_NAME] = Value::Name(
            self.function
                .get(code)
                .filter(|i| i.level == Level::Item)
                .map(|i| i.name.clone())
                .unwrap_or_default(),
        );
        row[ln::SOURCE] = text(name_of(&layout::SOURCES, source));
        row[ln::CARRYOVER] = text(if carryover { layout::YES } else { layout::NO });
        row[ln::AMOUNT] = Value::Amount(yuan);
        row
    }

    fn projects(&mut self) -> Result<(), XlsxError> {
        let mut rows = Vec::new();
        if let Some(budget) = self.budget {
            let none = ProjectPlan::default();
            for (project, plan) in project_rows(budget) {
                let plan = plan.unwrap_or(&none);
                let mut row = vec![Value::Blank; PROJECTS.columns.len()];
                row[pj::NAME] = text(project.map_or(plan.name.as_str(), |p| p.name.as_str()));
                if let Some(project) = project {
                    row[pj::UNIT] = text(project.unit.as_str());
                    row[pj::ATTRIBUTE] = project
                        .attribute
                        .map_or(Value::Blank, |a| text(name_of(&layout::ATTRIBUTES, a)));
                    row[pj::PERIOD_TOTAL] = opt_amount(project.period_total);
                }
                row[pj::PERIOD] = opt_text(plan.period.as_deref());
                row[pj::OVERVIEW] = opt_text(plan.overview.as_deref());
                row[pj::BASIS] = opt_text(plan.basis.as_deref());
                row[pj::NECESSITY] = opt_text(plan.necessity.as_deref());
                row[pj::MEASURES] = opt_text(plan.measures.as_deref());
                row[pj::PLAN] = opt_text(plan.plan.as_deref());
                row[pj::PERIOD_GOAL] = opt_text(plan.period_goal.as_deref());
                row[pj::ANNUAL_GOAL] = opt_text(plan.annual_goal.as_deref());
                rows.push(row);
            }
        }
        self.table(&PROJECTS, rows)
    }

    /// Annual indicators, then the period's, plan by plan in 项目 row order.
    fn indicators(&mut self) -> Result<(), XlsxError> {
        let mut rows = Vec::new();
        if let Some(budget) = self.budget {
            for (_, plan) in project_rows(budget) {
                let Some(plan) = plan else {
                    continue;
                };
                for (period, list) in [
                    (layout::ANNUAL, &plan.annual_indicators),
                    (layout::PERIOD, &plan.period_indicators),
                ] {
                    for line in list {
                        rows.push(vec![
                            text(plan.name.as_str()),
                            text(period),
                            text(line.level1.as_str()),
                            text(line.level2.as_str()),
                            text(line.name.as_str()),
                            text(line.value.as_str()),
                        ]);
                    }
                }
            }
        }
        self.table(&INDICATORS, rows)
    }

    fn economic_lines(&mut self) -> Result<(), XlsxError> {
        let mut rows = Vec::new();
        if let Some(budget) = self.budget {
            for line in &budget.facts.economic {
                let mut row = vec![Value::Blank; ECONOMIC.columns.len()];
                row[ec::UNIT] = text(line.unit.as_str());
                row[ec::CODE] = text(line.code.as_str());
                row[ec::CODE_NAME] = Value::Name(
                    self.economic
                        .get(&line.code)
                        .map(|i| i.name.clone())
                        .unwrap_or_default(),
                );
                row[ec::CLASS] = text(name_of(&layout::COST_CLASSES, line.class));
                row[ec::AMOUNT] = Value::Amount(line.yuan);
                rows.push(row);
            }
        }
        self.table(&ECONOMIC, rows)
    }

    fn three_public(&mut self) -> Result<(), XlsxError> {
        let cells = match self.budget {
            None => vec![vec![Value::Blank; FISCAL_SOURCES.len()]; THREE_PUBLIC.rows.len()],
            Some(budget) => three_public_items(&budget.facts.three_public)
                .iter()
                .map(|amounts| fiscal_cells(amounts))
                .collect(),
        };
        self.grid(&THREE_PUBLIC, cells)
    }

    fn operating(&mut self) -> Result<(), XlsxError> {
        let rows = self.budget.map_or_else(Vec::new, |b| {
            b.facts
                .operating_costs
                .iter()
                .map(|cost| {
                    let mut row = vec![text(cost.unit.as_str())];
                    row.extend(fiscal_cells(&cost.amounts));
                    debug_assert_eq!(row.len(), op::FIRST_SOURCE + FISCAL_SOURCES.len());
                    row
                })
                .collect()
        });
        self.table(&OPERATING, rows)
    }

    fn procurement(&mut self) -> Result<(), XlsxError> {
        let mut cells = vec![vec![Value::Blank]; PROCUREMENT.rows.len()];
        if let Some(p) = self.budget.and_then(|b| b.facts.procurement.as_ref()) {
            cells[pr::GOODS] = vec![Value::Amount(p.goods)];
            cells[pr::WORKS] = vec![Value::Amount(p.works)];
            cells[pr::SERVICES] = vec![Value::Amount(p.services)];
        }
        self.grid(&PROCUREMENT, cells)
    }

    /// Last year's "三公" items are written as their totals: the explanation
    /// compares each item's total only, and one amount a row keeps the sheet
    /// simple (the reader books it under 一般公共预算, and reads 0 as no money).
    fn prior(&mut self) -> Result<(), XlsxError> {
        let mut cells = vec![vec![Value::Blank]; PRIOR.rows.len()];
        if let Some(p) = self.budget.and_then(|b| b.facts.prior_year.as_ref()) {
            cells[prior::TOTAL] = vec![opt_amount(p.total)];
            cells[prior::GENERAL_PUBLIC] = vec![opt_amount(p.general_public)];
            cells[prior::OPERATING] = vec![opt_amount(p.operating_costs)];
            if let Some(three) = &p.three_public {
                let items = three_public_items(three);
                for (row, item) in [
                    (prior::ABROAD, tp::ABROAD),
                    (prior::RECEPTION, tp::RECEPTION),
                    (prior::VEHICLE_PURCHASE, tp::VEHICLE_PURCHASE),
                    (prior::VEHICLE_OPERATION, tp::VEHICLE_OPERATION),
                ] {
                    cells[row] = vec![Value::Amount(items[item].total())];
                }
            }
        }
        self.grid(&PRIOR, cells)
    }

    fn glossary(&mut self) -> Result<(), XlsxError> {
        let rows = self.budget.map_or_else(Vec::new, |b| {
            b.glossary
                .iter()
                .map(|g| vec![text(g.term.as_str()), text(g.definition.as_str())])
                .collect()
        });
        self.table(&GLOSSARY, rows)
    }

    fn code_lists(&mut self) -> Result<(), XlsxError> {
        let function: Vec<Vec<String>> = function_items(self.function)
            .into_iter()
            .map(|(code, name)| vec![code, name])
            .collect();
        let year = self.year;
        let ws = self.code_list(&FUNCTION_LIST, &function)?;
        // The year the lists are of, which 部门信息's 预算年度 must match.
        ws.write_string(0, layout::YEAR_LABEL_COL, layout::YEAR_LABEL)?;
        ws.write_number(0, layout::YEAR_VALUE_COL, f64::from(year))?;
        let economic = economic_items(self.economic);
        self.code_list(&ECONOMIC_LIST, &economic)?;
        Ok(())
    }

    // -- sheet shapes ---------------------------------------------------------

    fn code_list(
        &mut self,
        list: &CodeList,
        rows: &[Vec<String>],
    ) -> Result<&mut Worksheet, XlsxError> {
        let formats = &self.formats;
        let ws = self.workbook.add_worksheet();
        ws.set_name(list.name)?;
        for (col, header) in list.headers.iter().enumerate() {
            ws.write_string_with_format(0, col as u16, *header, &formats.header)?;
            ws.set_column_width(col as u16, if col == 0 { 14 } else { 40 })?;
        }
        for (row, values) in rows.iter().enumerate() {
            for (col, value) in values.iter().enumerate() {
                ws.write_string_with_format(row as u32 + 1, col as u16, value, &formats.code)?;
            }
        }
        ws.set_freeze_panes(1, 0)?;
        // Hidden: the lists feed drop-downs and look-ups and are not for editing.
        ws.set_hidden(true);
        Ok(ws)
    }

    /// A sheet of records: header row with notes, formats, drop-downs and
    /// 科目名称 look-ups over the data rows plus [`INPUT_ROWS`] empty ones.
    fn table(&mut self, table: &Table, rows: Vec<Vec<Value>>) -> Result<(), XlsxError> {
        let last = rows.len() as u32 + INPUT_ROWS;
        let validations: Vec<Option<DataValidation>> = table
            .columns
            .iter()
            .map(|c| self.validation(c.choices))
            .collect::<Result<_, _>>()?;
        let formats = &self.formats;
        let ws = self.workbook.add_worksheet();
        ws.set_name(table.name)?;
        // An empty look-up shows nothing until Excel recalculates, not `0`.
        ws.set_formula_result_default("");
        header_row(
            ws,
            formats,
            table.columns.iter().map(|c| (c.header, c.note, c.width)),
        )?;
        for (col, column) in table.columns.iter().enumerate() {
            let col = col as u16;
            if let Some(validation) = &validations[col as usize] {
                ws.add_data_validation(1, col, last, col, validation)?;
            }
            match column.kind {
                Kind::NameOf { code_col, list } => {
                    for row in 1..=last {
                        let cached = match rows.get(row as usize - 1).map(|r| &r[col as usize]) {
                            Some(Value::Name(name)) => name.clone(),
                            _ => String::new(),
                        };
                        let formula =
                            Formula::new(name_formula(row, code_col, list)).set_result(cached);
                        ws.write_formula_with_format(row, col, formula, &formats.text)?;
                    }
                }
                kind => {
                    ws.set_column_format(col, formats.of(kind))?;
                }
            }
        }
        for (row, values) in rows.iter().enumerate() {
            for (col, (value, column)) in values.iter().zip(table.columns).enumerate() {
                if !matches!(column.kind, Kind::NameOf { .. }) {
                    write_value(ws, formats, row as u32 + 1, col as u16, column.kind, value)?;
                }
            }
        }
        Ok(())
    }

    /// A key/value sheet: label, value, note.
    fn form(&mut self, form: &Form, values: Vec<Value>) -> Result<(), XlsxError> {
        let validations: Vec<Option<DataValidation>> = form
            .fields
            .iter()
            .map(|f| self.validation(f.choices))
            .collect::<Result<_, _>>()?;
        let formats = &self.formats;
        let ws = self.workbook.add_worksheet();
        ws.set_name(form.name)?;
        header_row(
            ws,
            formats,
            FORM_HEADERS
                .iter()
                .zip([28.0, 60.0, 50.0])
                .map(|(h, w)| (*h, "", w)),
        )?;
        for (i, (field, value)) in form.fields.iter().zip(&values).enumerate() {
            let row = i as u32 + 1;
            ws.write_string_with_format(row, 0, field.label, &formats.label)?;
            ws.write_blank(row, layout::FORM_VALUE_COL as u16, formats.of(field.kind))?;
            write_value(
                ws,
                formats,
                row,
                layout::FORM_VALUE_COL as u16,
                field.kind,
                value,
            )?;
            ws.write_string_with_format(row, 2, field.note, &formats.note)?;
            if let Some(validation) = &validations[i] {
                let col = layout::FORM_VALUE_COL as u16;
                ws.add_data_validation(row, col, row, col, validation)?;
            }
        }
        Ok(())
    }

    /// Fixed row labels × value columns.
    fn grid(&mut self, grid: &Grid, cells: Vec<Vec<Value>>) -> Result<(), XlsxError> {
        let formats = &self.formats;
        let ws = self.workbook.add_worksheet();
        ws.set_name(grid.name)?;
        let corner = (grid.corner, "", 28.0);
        header_row(
            ws,
            formats,
            std::iter::once(corner).chain(grid.columns.iter().map(|c| (c.header, c.note, c.width))),
        )?;
        for (r, label) in grid.rows.iter().enumerate() {
            let row = r as u32 + 1;
            ws.write_string_with_format(row, 0, *label, &formats.label)?;
            for (c, column) in grid.columns.iter().enumerate() {
                let col = c as u16 + 1;
                let value = cells.get(r).and_then(|v| v.get(c)).unwrap_or(&Value::Blank);
                ws.write_blank(row, col, formats.of(column.kind))?;
                write_value(ws, formats, row, col, column.kind, value)?;
            }
        }
        Ok(())
    }

    fn validation(&self, choices: Choices) -> Result<Option<DataValidation>, XlsxError> {
        Ok(match choices {
            Choices::Free => None,
            Choices::Fixed(list) => Some(
                DataValidation::new()
                    .allow_list_strings(list)?
                    .set_error_title("请从下拉表中选择")?
                    .set_error_message(format!("只能填写：{}", list.join("、")))?,
            ),
            Choices::Suggested(list) => Some(
                DataValidation::new()
                    .allow_list_strings(list)?
                    .set_error_style(DataValidationErrorStyle::Warning),
            ),
            Choices::Lookup { sheet, col } => {
                let end = self.list_end.get(sheet).copied().unwrap_or(INPUT_ROWS) + 1;
                let letter = column_letters(u32::from(col));
                let message = if [FUNCTION_LIST.name, ECONOMIC_LIST.name].contains(&sheet) {
                    format!("不是{}年的科目编码（见隐藏的“{sheet}”表）", self.year)
                } else {
                    format!("不在“{sheet}”表中：请先在“{sheet}”表中填写")
                };
                Some(
                    DataValidation::new()
                        .allow_list_formula(Formula::new(format!(
                            "='{sheet}'!${letter}$2:${letter}${end}"
                        )))
                        .set_error_style(DataValidationErrorStyle::Warning)
                        .set_error_message(message)?,
                )
            }
        })
    }
}

/// The zero-based last input row of a table with `data` rows.
fn input_end(data: u32) -> u32 {
    data + INPUT_ROWS
}

/// The name of a code in a hidden list, by formula: the code is taken as text
/// (`&""`) since a code typed into a general cell is a number while the list
/// holds text, and an unknown code shows nothing rather than `#N/A`.
fn name_formula(row: u32, code_col: usize, list: &str) -> String {
    let code = format!("{}{}", column_letters(code_col as u32), row + 1);
    format!("=IFERROR(VLOOKUP({code}&\"\",'{list}'!$A:$B,2,FALSE),\"\")")
}

fn header_row<'h>(
    ws: &mut Worksheet,
    formats: &Formats,
    columns: impl Iterator<Item = (&'h str, &'h str, f64)>,
) -> Result<(), XlsxError> {
    for (col, (header, note, width)) in columns.enumerate() {
        let col = col as u16;
        ws.write_string_with_format(0, col, header, &formats.header)?;
        ws.set_column_width(col, width)?;
        if !note.is_empty() {
            ws.insert_note(
                0,
                col,
                &Note::new(note)
                    .set_author("yusuan")
                    .add_author_prefix(false)
                    .set_width(260)
                    .set_height(110),
            )?;
        }
    }
    ws.set_row_height(0, 30)?;
    // The header stays in view while scrolling through hundreds of lines.
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn write_value(
    ws: &mut Worksheet,
    formats: &Formats,
    row: u32,
    col: u16,
    kind: Kind,
    value: &Value,
) -> Result<(), XlsxError> {
    let format = formats.of(kind);
    match value {
        Value::Blank => {}
        Value::Text(s) | Value::Name(s) => {
            ws.write_string_with_format(row, col, s, format)?;
        }
        Value::Count(n) => {
            ws.write_number_with_format(row, col, f64::from(*n), format)?;
        }
        Value::Amount(yuan) => match store_amount(*yuan) {
            StoredAmount::Number(n) => {
                ws.write_number_with_format(row, col, n, &formats.amount)?;
            }
            StoredAmount::Text(s) => {
                ws.write_string_with_format(row, col, s, &formats.text)?;
            }
        },
    }
    Ok(())
}

fn name_of<T: PartialEq + Copy>(names: &[(T, &'static str)], value: T) -> &'static str {
    names
        .iter()
        .find(|(v, _)| *v == value)
        .map_or("", |(_, n)| n)
}

/// The year's 功能 项, code and name.
fn function_items(catalog: &Catalog) -> Vec<(String, String)> {
    catalog
        .items()
        .iter()
        .filter(|i| i.level == Level::Item)
        .map(|i| (i.code.clone(), i.name.clone()))
        .collect()
}

/// The year's economic 款 with name and the name of their 类.
fn economic_items(catalog: &Catalog) -> Vec<Vec<String>> {
    catalog
        .items()
        .iter()
        .filter(|i| i.level == Level::Section)
        .map(|i| {
            let category = i
                .parent
                .as_deref()
                .and_then(|p| catalog.get(p))
                .map(|p| p.name.clone())
                .unwrap_or_default();
            vec![i.code.clone(), i.name.clone(), category]
        })
        .collect()
}

/// Expenditure by source, (this year, carried over), over basic lines and
/// project money: what income must equal.
pub(crate) fn expenditure_by_source(budget: &Budget) -> HashMap<FundingSource, (Decimal, Decimal)> {
    let mut sums: HashMap<FundingSource, (Decimal, Decimal)> = HashMap::new();
    let mut add = |source: FundingSource, carryover: bool, yuan: Decimal| {
        let entry = sums.entry(source).or_default();
        if carryover {
            entry.1 += yuan;
        } else {
            entry.0 += yuan;
        }
    };
    for line in &budget.facts.basic {
        add(line.source, line.carryover, line.yuan);
    }
    for project in &budget.facts.projects {
        for (source, yuan) in &project.sources.0 {
            add(*source, project.carryover, *yuan);
        }
    }
    sums
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_formulas() {
        assert_eq!(
            name_formula(1, 2, "科目"),
            "=IFERROR(VLOOKUP(C2&\"\",'科目'!$A:$B,2,FALSE),\"\")"
        );
    }
}
