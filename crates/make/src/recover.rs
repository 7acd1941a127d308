//! Recovery of a budget from a published disclosure: the inverse of
//! [`derive_tables`].
//!
//! `yusuan workbook PUBLISHED.txt` lets a department start this year's
//! budget from last year's published report. [`recover`] reads back from a
//! [`Disclosure`] every fact its tables (and texts) let us recover, and says
//! in [`Recovery::notes`] what was ambiguous, how it was settled, and what
//! could not be recovered.
//!
//! # How the tables are inverted
//!
//! Every cell of tables 1–13 is the exact yuan sum of some facts, rounded
//! once to 万元 with two decimals. Recovery therefore works in three steps:
//!
//! 1. **Structure.** What facts there are: the spending units (table 11, the
//!    unit rows of tables 12 and 13, the government economic items of table
//!    6), the projects (tables 12 and 13) and the 功能 项 each is booked
//!    under (found by an exact search over the codes, see below), the
//!    economic lines (table 6), and one candidate basic line for every
//!    printed 功能 项 × source × this year / carried over. Each such unknown
//!    amount is an *atom*.
//! 2. **Incidence.** Which printed cells each atom feeds is asked of
//!    [`derive_tables`] itself, by deriving the tables of the facts with that
//!    atom alone: the inverse never re-implements the derivation, so it
//!    cannot drift from it.
//! 3. **Amounts.** Every printed cell becomes a constraint on the sum of its
//!    atoms in exact 分: the interval of amounts that print as that figure
//!    (`[v − ½, v + ½)` of the last printed digit, nonzero for a printed
//!    `0.00`); every cell a derived table would print but the document
//!    leaves empty becomes "the sum is zero". Bounds propagation admits
//!    the constraints one by one, empty cells first, then printed figures
//!    from the most specific to the most aggregated; a figure the others
//!    contradict beyond rounding is left out and named in the notes. Each
//!    independent group of the remaining amounts is then solved by a small
//!    linear program (when it has no real solution, there is no integer one
//!    either), and the real point is made integral by diving: a fractional amount is
//!    fixed to the nearer 分, else the other, and the program solved again
//!    for the rest. So the recovered facts print every cell as published,
//!    even where the printed items miss their printed total by a cent of
//!    rounding (Jincheng's 工资福利支出).
//!
//! # The deterministic choices
//!
//! Where the tables allow several facts, the recovery takes the point
//! nearest, in weighted L1, to preferred values:
//!
//! - a project's 年度资金总额 from its target table, exact to the 分, when
//!   it prints as the table's figure (汾阳's 536,438.88 元 for 53.64 万元);
//! - for any other amount pinned by a printed figure, that figure in yuan
//!   (53.64 万元 → 536,400 元), moved only as far as the printed totals
//!   require; table 6's lines weigh half, so when table 6 must add up
//!   exactly to table 5's 基本支出 its items give way, not the basic lines;
//! - for an amount the tables only give as part of a sum (which source of
//!   which 项 last year's carry-over came from; 财政专户管理资金 or 单位资金
//!   for money table 2 prints in one column only; which 行政 unit of table
//!   11 books which share of a 公用经费 item), zero, at a thousandth of the
//!   weight: the sum lands on as few of them as it can, and which ones is
//!   decided by the simplex under Bland's rule over the fixed order of the
//!   amounts (项 code, then source in the tables' order 一般公共预算,
//!   政府性基金, 国有资本经营, 财政专户, 单位资金, then this year before
//!   carry-over; projects in table order; table 6 in table order).
//!
//! Whole yuan are preferred: each program is first solved with every bound
//! rounded inwards to whole yuan, and 分 are used only where the printed
//! figures leave no whole-yuan solution. Any split that prints every cell as
//! published is equally right; this one is reproducible.
//!
//! After the tables, the recovered facts are made consistent where the
//! document allows it (what [`validate`] checks): table 6 adds up exactly
//! to table 5's 基本支出, each 行政 unit's 机关运行经费 is its 公用经费,
//! "三公" covers the economic items 30217 and 30231, and neither "三公" nor
//! 机关运行经费 exceeds what the department spends of a source. This is
//! solved again with every printed figure kept; what cannot be made
//! consistent (汾阳: 2.43 万元 of 公用经费 under 505 while table 11 gives the
//! 行政 unit all 15.43) is noted.

use std::collections::{HashMap, HashSet};

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use yusuan_core::amount::{Amount, Unit};
use yusuan_core::budget::{
    AssetFacts, Budget, DepartmentTexts, GlossaryTerm, IndicatorLine, ProjectPlan,
};
use yusuan_core::catalog::{
    normalize_name, Catalog, Catalogs, Classification, Level as CatalogLevel,
};
use yusuan_core::facts::derive::{derive_tables, validate};
use yusuan_core::facts::{
    BasicLine, BudgetFacts, BySource, CostClass, EconomicLine, FundingSource, OperatingCost,
    PriorYear, ProcurementFacts, ProjectFacts, SpendingUnit, ThreePublic,
};
use yusuan_core::model::{
    CellRef, ClaimKind, Column, Direction, Disclosure, IndicatorTree, Metadata, PerformanceTarget,
    Row, RowKind, SectionKind, Side, Table, TableKind, UnitKind,
};

/// Everything a disclosure's tables (and texts) let us recover, and notes on
/// what could not be.
#[derive(Debug, Clone)]
pub struct Recovery {
    pub budget: Budget,
    /// Human-readable, naming the table and row: what was ambiguous and how
    /// it was settled, what was left out, and where the recovered budget
    /// would print a table differently from the document.
    pub notes: Vec<String>,
}

/// Everything the disclosure's tables (and texts) let us recover, and notes
/// on what could not be. See the module documentation for the method and
/// for the deterministic choice among equally valid splits.
///
/// Nothing is invented: what the document does not say stays `None` or
/// empty, and every guess is in the notes. Never fails: a disclosure without
/// usable tables gives a budget of its texts with a note saying why.
pub fn recover(d: &Disclosure, catalogs: &Catalogs) -> Recovery {
    let mut notes = Vec::new();
    let meta = recover_meta(d, &mut notes);
    let texts = recover_texts(d, &mut notes);
    let plans = recover_plans(d, &mut notes);
    let glossary = d
        .glossary
        .iter()
        .map(|g| GlossaryTerm {
            term: g.term.clone(),
            definition: g.definition.clone(),
        })
        .collect();
    if d.department_target.is_some() {
        notes.push(
            "部门整体支出绩效目标表：预算（Budget）没有存放它的位置，未恢复；它的金额由制作时从预算事实计算。"
                .to_string(),
        );
    }

    let mut facts = match TableRecovery::new(d, catalogs, meta.clone()) {
        Ok(mut tables) => {
            let facts = tables.recover();
            notes.append(&mut tables.notes);
            facts
        }
        Err(reason) => {
            notes.push(format!("未能从表格恢复任何金额：{reason}"));
            BudgetFacts {
                meta: meta.clone(),
                units: vec![SpendingUnit {
                    name: meta.department.clone(),
                    kind: UnitKind::Administrative,
                }],
                basic: Vec::new(),
                projects: Vec::new(),
                economic: Vec::new(),
                three_public: ThreePublic::default(),
                operating_costs: Vec::new(),
                procurement: None,
                prior_year: None,
            }
        }
    };
    facts.procurement = recover_procurement(d, &mut notes);
    facts.prior_year = recover_prior_year(d, &mut notes);
    attach_targets(d, &mut facts, &mut notes);
    for problem in validate(&facts) {
        notes.push(format!(
            "恢复出的预算事实仍有不一致（文件本身如此）：{problem}"
        ));
    }
    Recovery {
        budget: Budget {
            facts,
            texts,
            projects: plans,
            glossary,
        },
        notes,
    }
}

// ---------------------------------------------------------------------------
// Metadata, texts, plans, procurement, prior year
// ---------------------------------------------------------------------------

fn recover_meta(d: &Disclosure, notes: &mut Vec<String>) -> Metadata {
    let mut meta = d.meta.clone();
    meta.unit = Unit::WanYuan;
    if meta.department_code.is_none() {
        if let Some((code, project)) = d
            .targets
            .iter()
            .find_map(|t| t.department_code.clone().map(|c| (c, t.project.clone())))
        {
            notes.push(format!(
                "部门代码取自绩效目标表「{project}」的主管部门及代码：{code}。"
            ));
            meta.department_code = Some(code);
        }
    }
    if meta.region.is_none() {
        notes.push("文件未写明地区，地区留空。".to_string());
    }
    if meta.level.is_none() {
        notes.push("文件未写明行政级次，级次留空。".to_string());
    }
    meta
}

fn recover_texts(d: &Disclosure, notes: &mut Vec<String>) -> DepartmentTexts {
    let mut texts = DepartmentTexts {
        duties: d.overview.duties.clone(),
        organisation: d.overview.organisation.clone(),
        ..DepartmentTexts::default()
    };
    if texts.duties.is_empty() {
        notes.push("第一部分未找到部门职责，职责留空。".to_string());
    }
    if texts.organisation.is_empty() {
        notes.push("第一部分未找到机构设置，机构设置留空。".to_string());
    }
    for (kind, slot) in [
        (SectionKind::Changes, &mut texts.change_reason),
        (SectionKind::ThreePublic, &mut texts.three_public_reason),
        (
            SectionKind::OperatingCosts,
            &mut texts.operating_costs_reason,
        ),
    ] {
        let Some(section) = d.section(kind) else {
            continue;
        };
        *slot = reason(section.paragraphs.iter().map(|p| p.text.as_str()));
        if slot.is_none() {
            let text: String = section
                .paragraphs
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("");
            if !text.trim().is_empty() {
                notes.push(format!(
                    "情况说明第{}部分「{}」没有“原因是”句，未恢复变动原因（原文：{}）。",
                    section.number,
                    section.title,
                    clip(&text, 60)
                ));
            }
        }
    }
    texts.assets = recover_assets(d, notes);
    if let Some(other) = d.section(SectionKind::Other) {
        texts.other = other_paragraphs(other.paragraphs.iter().map(|p| p.text.as_str()));
    }
    texts
}

/// The text after 原因是 (主要原因是, 原因为) to the end of its sentence,
/// each distinct reason once, joined by `；`.
fn reason<'t>(paragraphs: impl Iterator<Item = &'t str>) -> Option<String> {
    let mut found: Vec<String> = Vec::new();
    for text in paragraphs {
        let mut rest = text;
        loop {
            let at = ["原因是", "原因为"]
                .iter()
                .filter_map(|m| rest.find(m).map(|i| (i, m.len())))
                .min();
            let Some((i, len)) = at else { break };
            let after = rest[i + len..].trim_start_matches(['：', ':', '，', ',', ' ']);
            let end = after.find(['。', '；', ';']).unwrap_or(after.len());
            let reason = after[..end].trim().trim_end_matches(['，', ',', '.']);
            if !reason.is_empty() && !found.iter().any(|f| f == reason) {
                found.push(reason.to_string());
            }
            rest = &after[end..];
        }
    }
    (!found.is_empty()).then(|| found.join("；"))
}

/// 其他说明: the paragraphs that say something. A paragraph saying only 无
/// (`（二）其他无。`) is dropped; one ending in a colon is joined to the next,
/// as a PDF extraction breaks it.
fn other_paragraphs<'t>(paragraphs: impl Iterator<Item = &'t str>) -> Vec<String> {
    let mut joined: Vec<String> = Vec::new();
    let mut open = false;
    for p in paragraphs {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        if open {
            if let Some(last) = joined.last_mut() {
                last.push_str(p);
            }
        } else {
            joined.push(p.to_string());
        }
        open = p.ends_with(['：', ':']);
    }
    joined
        .into_iter()
        .filter(|p| {
            let bare = p.trim_end_matches(['。', '.', ' ']);
            !(bare.ends_with('无') && bare.chars().count() <= 20)
        })
        .collect()
}

fn recover_assets(d: &Disclosure, notes: &mut Vec<String>) -> AssetFacts {
    if let Some(a) = &d.assets {
        return AssetFacts {
            vehicles_quota: a.vehicles_quota,
            vehicles: a.vehicles,
            building_area: a.building_area.clone(),
            general_equipment_over_500k: a.general_equipment_over_500k,
            special_equipment_over_1m: a.special_equipment_over_1m,
        };
    }
    // The reader resolved the figures of the assets section as claims.
    let mut assets = AssetFacts::default();
    let Some(section) = d.section(SectionKind::Assets) else {
        return assets;
    };
    let mut used = false;
    for claim in &section.claims {
        let ClaimKind::Count { value, .. } = &claim.kind else {
            continue;
        };
        let subject = claim.subject.as_str();
        match claim.topic.as_deref() {
            Some("assets.vehicles") if subject.contains("编制") => {
                assets.vehicles_quota.get_or_insert(*value);
                used = true;
            }
            Some("assets.vehicles") if subject.contains("实有") => {
                assets.vehicles.get_or_insert(*value);
                used = true;
            }
            Some("assets.buildings") => {
                assets.building_area.get_or_insert(value.to_string());
                used = true;
            }
            Some("assets.equipment") if subject.contains("50万元") && subject.contains("通用") => {
                assets.general_equipment_over_500k.get_or_insert(*value);
                used = true;
            }
            Some("assets.equipment") if subject.contains("100万元") && subject.contains("专用") => {
                assets.special_equipment_over_1m.get_or_insert(*value);
                used = true;
            }
            Some("assets.equipment") => notes.push(format!(
                "国有资产：「{}」{}台（套）与“50万元以上通用设备”“100万元以上专用设备”都不对应，未恢复。",
                subject, value
            )),
            _ => {}
        }
    }
    if used {
        notes.push(
            "国有资产占有使用情况取自情况说明中的数字（车辆编制数、实有车辆、办公用房面积、设备台套）。"
                .to_string(),
        );
    }
    assets
}

fn indicator_lines(trees: &[IndicatorTree]) -> Vec<IndicatorLine> {
    trees
        .iter()
        .flat_map(|t| {
            t.leaves().map(move |(g, i)| IndicatorLine {
                level1: t.name.clone(),
                level2: g.name.clone(),
                name: i.name.clone(),
                value: i.value.text.clone(),
            })
        })
        .collect()
}

fn recover_plans(d: &Disclosure, notes: &mut Vec<String>) -> Vec<ProjectPlan> {
    d.targets
        .iter()
        .map(|t| {
            let annual = indicator_lines(&t.annual_indicators);
            let period = indicator_lines(&t.period_indicators);
            let empty_values = annual
                .iter()
                .chain(&period)
                .filter(|l| l.value.trim().is_empty())
                .count();
            if empty_values > 0 {
                notes.push(format!(
                    "绩效目标表「{}」：{}个三级指标没有指标值，按原样留空。",
                    t.project, empty_values
                ));
            }
            ProjectPlan {
                name: t.project.clone(),
                period: t.period.clone(),
                overview: t.overview.clone(),
                basis: t.basis.clone(),
                necessity: t.necessity.clone(),
                measures: t.measures.clone(),
                plan: t.plan.clone(),
                period_goal: t.period_goal.clone(),
                annual_goal: t.annual_goal.clone(),
                // Empty means "as the annual ones".
                period_indicators: if period == annual { Vec::new() } else { period },
                annual_indicators: annual,
            }
        })
        .collect()
}

fn recover_procurement(d: &Disclosure, notes: &mut Vec<String>) -> Option<ProcurementFacts> {
    let p = d.procurement.as_ref()?;
    let total = p.total.yuan().normalize();
    let parts = [p.goods, p.works, p.services].map(|a| a.map(|a| a.yuan().normalize()));
    let known: Decimal = parts.iter().flatten().sum();
    let missing = parts.iter().filter(|a| a.is_none()).count();
    let mut values = parts.map(|a| a.unwrap_or(Decimal::ZERO));
    match missing {
        0 => {
            if known != total {
                notes.push(format!(
                    "政府采购：货物、工程、服务合计{}元，与总额{}元不符；按分项恢复。",
                    known.normalize(),
                    total.normalize()
                ));
            }
        }
        1 => {
            let i = parts.iter().position(|a| a.is_none()).unwrap_or(0);
            values[i] = (total - known).max(Decimal::ZERO);
            notes.push(format!(
                "政府采购：{}预算未写明，取总额减其他两项：{}元。",
                ["货物", "工程", "服务"][i],
                values[i].normalize()
            ));
        }
        _ => {
            if let Some(i) = parts.iter().position(|a| a.is_none()) {
                values[i] = (total - known).max(Decimal::ZERO);
            }
            notes.push(format!(
                "政府采购：只写明总额{}元，未分货物、工程、服务；差额记为{}。",
                total.normalize(),
                ["货物", "工程", "服务"][parts.iter().position(|a| a.is_none()).unwrap_or(0)]
            ));
        }
    }
    Some(ProcurementFacts {
        goods: values[0],
        works: values[1],
        services: values[2],
    })
}

/// The printed value of a cell a claim points at; zero for an empty cell of
/// a printed row.
fn claimed_cell(d: &Disclosure, r: &CellRef) -> Option<(TableKind, String, Amount)> {
    let table = d.table_number(r.table)?;
    let row = table.rows.iter().find(|row| {
        (r.side.is_none() || row.side == r.side)
            && match (&r.row_code, &r.row_label) {
                (Some(code), _) => row.code.as_deref() == Some(code.as_str()),
                (None, Some(label)) => normalize_name(&row.label) == normalize_name(label),
                _ => false,
            }
    })?;
    let value = row
        .get(r.column)
        .copied()
        .unwrap_or(Amount::new(Decimal::ZERO, table.unit));
    Some((table.kind, row.label.clone(), value))
}

fn recover_prior_year(d: &Disclosure, notes: &mut Vec<String>) -> Option<PriorYear> {
    let mut total: Vec<(Decimal, String)> = Vec::new();
    let mut general: Vec<(Decimal, String)> = Vec::new();
    let mut operating: Vec<(Decimal, String)> = Vec::new();
    // 因公出国（境）费, 公务接待费, ①购置费, ②运行维护费, 购置及运行费, 合计.
    let mut three: [Option<Decimal>; 6] = [None; 6];
    let mut any_three = false;
    for section in &d.sections {
        for claim in &section.claims {
            let ClaimKind::Change {
                direction,
                amount,
                rate,
            } = &claim.kind
            else {
                continue;
            };
            let Some(cell) = &claim.cell else { continue };
            let Some((kind, label, current)) = claimed_cell(d, cell) else {
                continue;
            };
            let prior = match (direction, amount) {
                (Direction::Unchanged, _) => Some(current.yuan()),
                (Direction::Increase, Some(a)) => Some(current.yuan() - a.yuan()),
                (Direction::Decrease, Some(a)) => Some(current.yuan() + a.yuan()),
                (_, None) => None,
            }
            .map(|p| p.normalize());
            let Some(prior) = prior else {
                notes.push(format!(
                    "情况说明「{}」只给出变动率{}，未给出变动额，上年数未恢复。",
                    clip(&claim.sentence, 40),
                    rate.as_ref().map(|r| r.to_string()).unwrap_or_default()
                ));
                continue;
            };
            if prior.is_sign_negative() && !prior.is_zero() {
                notes.push(format!(
                    "情况说明「{}」的变动额大于本年数，上年数未恢复。",
                    clip(&claim.sentence, 40)
                ));
                continue;
            }
            let source = format!("第{}部分「{}」", section.number, clip(&claim.sentence, 40));
            match (kind, label.as_str(), cell.column) {
                (TableKind::BudgetSummary, "收入总计" | "支出总计", _) => {
                    total.push((prior, source))
                }
                (TableKind::GeneralPublicExpenditure, "合计", Column::Total) => {
                    general.push((prior, source))
                }
                (TableKind::FiscalSummary, "一般公共预算", Column::Amount) => {
                    general.push((prior, source))
                }
                (TableKind::OperatingCosts, "部门合计", _) => operating.push((prior, source)),
                (TableKind::ThreePublic, label, Column::Total) => {
                    let slot = match label {
                        THREE_ABROAD => 0,
                        THREE_RECEPTION => 1,
                        THREE_PURCHASE => 2,
                        THREE_OPERATION => 3,
                        THREE_VEHICLES => 4,
                        "合计" => 5,
                        _ => continue,
                    };
                    three[slot].get_or_insert(prior);
                    any_three = true;
                }
                _ => {}
            }
        }
    }
    let mut pick = |what: &str, found: Vec<(Decimal, String)>| -> Option<Decimal> {
        let (first, _) = found.first()?.clone();
        if let Some((other, source)) = found.iter().find(|(v, _)| *v != first) {
            notes.push(format!(
                "上年{what}：情况说明的变动给出不同的上年数（{}元与{}元，见{source}），取前者。",
                first.normalize(),
                other.normalize()
            ));
        }
        Some(first)
    };
    let total = pick("收支总计", total);
    let general_public = pick("一般公共预算当年拨款", general);
    let operating_costs = pick("机关运行经费", operating);
    let three_public = if any_three {
        // Fill one unknown leaf from a known sum, then require all four.
        if three[2].is_none() && three[3].is_some() && three[4].is_some() {
            three[2] = Some(three[4].unwrap_or_default() - three[3].unwrap_or_default());
        }
        if three[3].is_none() && three[2].is_some() && three[4].is_some() {
            three[3] = Some(three[4].unwrap_or_default() - three[2].unwrap_or_default());
        }
        let unknown: Vec<usize> = (0..4).filter(|i| three[*i].is_none()).collect();
        if unknown.len() == 1 {
            if let Some(t) = three[5] {
                let known: Decimal = (0..4).filter_map(|i| three[i]).sum();
                three[unknown[0]] = Some(t - known);
            }
        }
        if (0..4).all(|i| three[i].is_some_and(|v| !v.is_sign_negative() || v.is_zero())) {
            let gp = |v: Option<Decimal>| {
                BySource(
                    v.filter(|v| !v.is_zero())
                        .map(|v| vec![(FundingSource::GeneralPublic, v)])
                        .unwrap_or_default(),
                )
            };
            notes.push(
                "上年“三公”经费按情况说明逐项的变动恢复，记在一般公共预算下（文字不分资金来源）。"
                    .to_string(),
            );
            Some(ThreePublic {
                abroad: gp(three[0]),
                reception: gp(three[1]),
                vehicle_purchase: gp(three[2]),
                vehicle_operation: gp(three[3]),
            })
        } else {
            notes.push("上年“三公”经费：情况说明没有给出每一项的变动，未恢复。".to_string());
            None
        }
    } else {
        None
    };
    let prior = PriorYear {
        total,
        general_public,
        three_public,
        operating_costs,
    };
    if prior == PriorYear::default() {
        notes.push("情况说明没有可用的上年比较数，上年数留空。".to_string());
        return None;
    }
    Some(prior)
}

/// Attribute and period total of each project from its target table, and
/// notes on target tables without a project row.
fn attach_targets(d: &Disclosure, facts: &mut BudgetFacts, notes: &mut Vec<String>) {
    let find = |name: &str| -> Option<&PerformanceTarget> {
        d.targets.iter().find(|t| t.project == name).or_else(|| {
            let key = normalize_name(name);
            d.targets.iter().find(|t| normalize_name(&t.project) == key)
        })
    };
    for project in &mut facts.projects {
        let Some(t) = find(&project.name) else {
            if !d.targets.is_empty() {
                notes.push(format!(
                    "项目「{}」没有绩效目标表，项目属性和实施期资金留空。",
                    project.name
                ));
            }
            continue;
        };
        project.attribute = t.attribute;
        let annual = t.annual_funds.total.map(|a| a.yuan().normalize());
        let period = t.period_funds.total.map(|a| a.yuan().normalize());
        if let Some(p) = period.filter(|p| Some(*p) != annual) {
            project.period_total = Some(p);
        }
        if let Some(a) = annual {
            let own = project.sources.total();
            if a != own {
                notes.push(format!(
                    "项目「{}」：绩效目标表年度资金总额{}元，表{}恢复为{}元（表中金额四舍五入到百元）。",
                    project.name,
                    a.normalize(),
                    if project.carryover { 13 } else { 12 },
                    own.normalize()
                ));
            }
        }
    }
    for t in &d.targets {
        let key = normalize_name(&t.project);
        if !facts
            .projects
            .iter()
            .any(|p| normalize_name(&p.name) == key)
        {
            notes.push(format!(
                "绩效目标表「{}」在表12、表13中没有同名项目：只恢复了它的目标文字和指标。",
                t.project
            ));
        }
    }
}

fn clip(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

// ---------------------------------------------------------------------------
// Table keys: the same name for a printed and a derived cell
// ---------------------------------------------------------------------------

/// A row of a table as both the document and the derivation name it: its
/// code where it has one, else its side, normalised label (table 6: with the
/// government item when the document prints them) and which occurrence of
/// that label it is (table 4 prints 一般公共预算 twice on its income side).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum RowId {
    Code(String),
    Label {
        side: Option<Side>,
        label: String,
        nth: u16,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CellKey {
    kind: TableKind,
    row: RowId,
    column: Column,
}

impl CellKey {
    fn display(&self) -> String {
        let row = match &self.row {
            RowId::Code(code) => code.clone(),
            RowId::Label { label, nth: 0, .. } => label.clone(),
            RowId::Label { label, nth, .. } => format!("{label}（第{}个）", nth + 1),
        };
        format!("表{}「{row}」", self.kind.national_number())
    }
}

fn row_ids(table: &Table, use_gov: bool) -> Vec<RowId> {
    let mut seen: HashMap<(Option<Side>, String), u16> = HashMap::new();
    table
        .rows
        .iter()
        .map(|row| match row.code.as_deref().filter(|c| !c.is_empty()) {
            Some(code) => RowId::Code(code.to_string()),
            None => {
                let mut label = normalize_name(&row.label);
                if use_gov && table.kind == TableKind::BasicByEconomic {
                    if let Some(g) = &row.gov_item {
                        label = format!("{label}/{}", normalize_name(g));
                    }
                }
                let nth = seen.entry((row.side, label.clone())).or_insert(0);
                let id = RowId::Label {
                    side: row.side,
                    label,
                    nth: *nth,
                };
                *nth += 1;
                id
            }
        })
        .collect()
}

fn row_display(table: &Table, row: &Row) -> String {
    let mut label = match &row.code {
        Some(code) => format!("{code} {}", row.label),
        None => row.label.clone(),
    };
    if let Some(g) = &row.gov_item {
        label = format!("{label}/{g}");
    }
    format!("表{}「{}」", table.number, label)
}

/// Every printed cell of derived tables, by key.
fn derived_cells(tables: &[Table], use_gov: bool) -> Vec<(CellKey, Amount)> {
    let mut out = Vec::new();
    for table in tables {
        for (row, id) in table.rows.iter().zip(row_ids(table, use_gov)) {
            for cell in &row.cells {
                out.push((
                    CellKey {
                        kind: table.kind,
                        row: id.clone(),
                        column: cell.column,
                    },
                    cell.value,
                ));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Amounts in 分
// ---------------------------------------------------------------------------

/// 分, hundredths of a yuan: the integer unit amounts are solved in.
type Fen = i128;

fn fen_of_yuan(yuan: Decimal) -> Fen {
    (yuan * Decimal::ONE_HUNDRED).round().to_i128().unwrap_or(0)
}

fn yuan_of_fen(fen: Fen) -> Decimal {
    Decimal::from_i128_with_scale(fen, 2).normalize()
}

/// The exact amounts in 分 that print as this figure (half away from zero),
/// never negative, and nonzero for a printed zero (an exact zero is an empty
/// cell).
fn printed_range(a: &Amount) -> (Fen, Fen) {
    let factor = a.unit.yuan_factor() * Decimal::ONE_HUNDRED;
    let step = if a.decimals >= 0 {
        factor / Decimal::from(10i64.pow(a.decimals as u32))
    } else {
        factor * Decimal::from(10i64.pow((-a.decimals) as u32))
    };
    let half = step / Decimal::TWO;
    let center = a.value * factor;
    let lo = (center - half).ceil();
    let hi_open = center + half;
    let hi = if hi_open.fract().is_zero() {
        hi_open - Decimal::ONE
    } else {
        hi_open.floor()
    };
    let mut lo = lo.to_i128().unwrap_or(0).max(0);
    let hi = hi.to_i128().unwrap_or(0).max(0);
    if a.value.is_zero() {
        lo = lo.max(1);
    }
    (lo, hi)
}

/// A printed figure in hundredths of its 万元 (the units the project search
/// compares printed figures in).
fn cents(a: &Amount) -> i64 {
    (a.yuan() / Decimal::ONE_HUNDRED)
        .round()
        .to_i64()
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------
// The solver: integer amounts under interval constraints on sums
// ---------------------------------------------------------------------------

mod solve {
    //! Integers (amounts in 分) under constraints `lo ≤ Σ ±xᵢ ≤ hi`:
    //! constraints admitted in priority order with bounds propagation (one
    //! the others contradict is dropped); then, per independent component, a
    //! real point nearest to the preferred values by linear programming,
    //! made integral by diving; a depth-first search (narrowest variable
    //! first, nearest value first, with a trail to undo) as the last resort.
    //!
    //! Bounds propagation alone is not enough here: two sums over the same
    //! wide amounts printed in windows that meet only after rounding make
    //! it creep by one 分 a round, so its effort is capped and the linear
    //! program decides.

    use super::Fen;
    use std::collections::VecDeque;

    pub const INF: Fen = 1 << 100;

    #[derive(Debug, Clone)]
    pub struct Con {
        /// Variable and whether it enters with a minus sign.
        pub terms: Vec<(usize, bool)>,
        pub lo: Fen,
        pub hi: Fen,
    }

    #[derive(Debug, Clone)]
    pub struct Problem {
        pub lo: Vec<Fen>,
        pub hi: Vec<Fen>,
        /// An exact preferred value (a target table's 年度资金总额).
        pub hint: Vec<Option<Fen>>,
        /// How much moving a variable away from its preferred value costs,
        /// relative to others (a breakdown gives way before what it breaks
        /// down).
        pub weight: Vec<f64>,
        pub cons: Vec<Con>,
    }

    #[derive(Debug, Clone)]
    pub struct Solution {
        pub values: Vec<Fen>,
        /// Constraints left out because the others contradict them.
        pub dropped: Vec<usize>,
        /// Whether every constraint not dropped holds.
        pub exact: bool,
    }

    struct State<'p> {
        p: &'p Problem,
        by_var: Vec<Vec<usize>>,
        active: Vec<bool>,
        lo: Vec<Fen>,
        hi: Vec<Fen>,
        trail: Vec<(usize, Fen, Fen)>,
        /// Revisions one propagation may make.
        budget: usize,
    }

    /// Revisions per propagation before giving up on the fixpoint (the
    /// search then checks its leaves exactly, so this only loses pruning).
    const REVISIONS: usize = 20_000;
    /// Search nodes per component before the component counts as failed.
    const NODES: usize = 3_000;
    /// Revisions per propagation during the search.
    const SEARCH_REVISIONS: usize = 3_000;

    impl<'p> State<'p> {
        fn new(p: &'p Problem) -> Self {
            let mut by_var = vec![Vec::new(); p.lo.len()];
            for (k, c) in p.cons.iter().enumerate() {
                for &(v, _) in &c.terms {
                    if !by_var[v].contains(&k) {
                        by_var[v].push(k);
                    }
                }
            }
            State {
                p,
                by_var,
                active: vec![false; p.cons.len()],
                lo: p.lo.clone(),
                hi: p.hi.clone(),
                trail: Vec::new(),
                budget: REVISIONS,
            }
        }

        fn set(&mut self, v: usize, lo: Fen, hi: Fen) {
            self.trail.push((v, self.lo[v], self.hi[v]));
            self.lo[v] = lo;
            self.hi[v] = hi;
        }

        fn undo(&mut self, to: usize) {
            while self.trail.len() > to {
                let (v, lo, hi) = self.trail.pop().expect("trail entry");
                self.lo[v] = lo;
                self.hi[v] = hi;
            }
        }

        /// Narrow the bounds by one constraint; false when it cannot hold.
        fn revise(&mut self, k: usize, changed: &mut Vec<usize>) -> bool {
            let con = &self.p.cons[k];
            let (mut min, mut max) = (0, 0);
            for &(v, neg) in &con.terms {
                if neg {
                    min -= self.hi[v];
                    max -= self.lo[v];
                } else {
                    min += self.lo[v];
                    max += self.hi[v];
                }
            }
            if min > con.hi || max < con.lo {
                return false;
            }
            for i in 0..con.terms.len() {
                let (v, neg) = self.p.cons[k].terms[i];
                let (tmin, tmax) = if neg {
                    (-self.hi[v], -self.lo[v])
                } else {
                    (self.lo[v], self.hi[v])
                };
                let t_lo = (con.lo - (max - tmax)).max(tmin);
                let t_hi = (con.hi - (min - tmin)).min(tmax);
                if t_lo > t_hi {
                    return false;
                }
                let (nlo, nhi) = if neg { (-t_hi, -t_lo) } else { (t_lo, t_hi) };
                if nlo != self.lo[v] || nhi != self.hi[v] {
                    self.set(v, nlo, nhi);
                    changed.push(v);
                }
            }
            true
        }

        /// Propagate from some constraints to a fixpoint over the active ones.
        fn propagate(&mut self, start: impl IntoIterator<Item = usize>) -> bool {
            let mut queue: VecDeque<usize> = VecDeque::new();
            let mut queued = vec![false; self.p.cons.len()];
            for k in start {
                if self.active[k] && !queued[k] {
                    queued[k] = true;
                    queue.push_back(k);
                }
            }
            let mut changed = Vec::new();
            let mut revisions = 0;
            while let Some(k) = queue.pop_front() {
                queued[k] = false;
                revisions += 1;
                if revisions > self.budget {
                    return true;
                }
                changed.clear();
                if !self.revise(k, &mut changed) {
                    return false;
                }
                for &v in &changed {
                    for &j in &self.by_var[v] {
                        if self.active[j] && !queued[j] {
                            queued[j] = true;
                            queue.push_back(j);
                        }
                    }
                }
            }
            true
        }

        fn holds(&self, k: usize) -> bool {
            let con = &self.p.cons[k];
            let sum: Fen = con
                .terms
                .iter()
                .map(|&(v, neg)| if neg { -self.lo[v] } else { self.lo[v] })
                .sum();
            con.lo <= sum && sum <= con.hi
        }
    }

    /// The value tried first: the hint if allowed, else the whole yuan
    /// nearest to the target, else the target clamped.
    fn choose(lo: Fen, hi: Fen, target: Fen, hint: Option<Fen>) -> Fen {
        if let Some(h) = hint.filter(|h| lo <= *h && *h <= hi) {
            return h;
        }
        let t = target.clamp(lo, hi);
        if t.rem_euclid(100) == 0 {
            return t;
        }
        let down = t - t.rem_euclid(100);
        let up = down + 100;
        let fits = |x: Fen| lo <= x && x <= hi;
        match (fits(down), fits(up)) {
            (true, true) => {
                if (target - down).abs() <= (up - target).abs() {
                    down
                } else {
                    up
                }
            }
            (true, false) => down,
            (false, true) => up,
            (false, false) => t,
        }
    }

    /// What a variable would like to be, from its range once every
    /// constraint is in: an amount pinned by a printed figure (a range of
    /// about one printed step) prefers that figure, an amount only known as
    /// part of a sum prefers the least.
    fn target(lo: Fen, hi: Fen) -> Fen {
        if hi - lo <= 30_000 {
            let center = (lo + hi).div_euclid(2);
            let round = (center + 5_000).div_euclid(10_000) * 10_000;
            if lo <= round && round <= hi {
                round
            } else {
                center
            }
        } else {
            lo
        }
    }

    pub fn solve(p: &Problem, order: &[usize]) -> Solution {
        let mut excluded: Vec<usize> = Vec::new();
        for _attempt in 0..24 {
            match attempt(p, order, &excluded) {
                Ok(solution) => return solution,
                Err((Some(worst), _)) => excluded.push(worst),
                Err((None, fallback)) => return fallback,
            }
        }
        attempt(p, order, &excluded).unwrap_or_else(|(_, fallback)| fallback)
    }

    /// One try with some constraints excluded: Ok, or the constraint to
    /// exclude next (the most aggregated of a failed component) and the
    /// best values found so far.
    fn attempt(
        p: &Problem,
        order: &[usize],
        excluded: &[usize],
    ) -> Result<Solution, (Option<usize>, Solution)> {
        let mut s = State::new(p);
        let mut dropped: Vec<usize> = excluded.to_vec();
        for &k in order {
            if excluded.contains(&k) {
                continue;
            }
            let mark = s.trail.len();
            s.active[k] = true;
            if !s.propagate([k]) {
                s.undo(mark);
                s.active[k] = false;
                dropped.push(k);
            }
        }
        let n = p.lo.len();
        let targets: Vec<Fen> = (0..n).map(|v| target(s.lo[v], s.hi[v])).collect();
        // Independent components of the variables still free.
        let mut parent: Vec<usize> = (0..n).collect();
        fn find(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        for (k, con) in p.cons.iter().enumerate() {
            if !s.active[k] {
                continue;
            }
            let free: Vec<usize> = con
                .terms
                .iter()
                .map(|t| t.0)
                .filter(|&v| s.lo[v] < s.hi[v])
                .collect();
            for w in free.windows(2) {
                let (a, b) = (find(&mut parent, w[0]), find(&mut parent, w[1]));
                parent[a] = b;
            }
        }
        let mut components: Vec<Vec<usize>> = Vec::new();
        let mut index: Vec<Option<usize>> = vec![None; n];
        for v in 0..n {
            if s.lo[v] == s.hi[v] {
                continue;
            }
            let r = find(&mut parent, v);
            match index[r] {
                Some(i) => components[i].push(v),
                None => {
                    index[r] = Some(components.len());
                    components.push(vec![v]);
                }
            }
        }
        let mut exact = true;
        for comp in &components {
            let ok = solve_component(&mut s, comp, &targets);
            if ok {
                continue;
            }
            // The component failed: exclude its most aggregated constraint
            // and try again, or settle for preferred values.
            let members: std::collections::HashSet<usize> = comp.iter().copied().collect();
            let worst = p
                .cons
                .iter()
                .enumerate()
                .filter(|(k, c)| s.active[*k] && c.terms.iter().any(|t| members.contains(&t.0)))
                .max_by_key(|(k, c)| (c.terms.len(), *k))
                .map(|(k, _)| k);
            if worst.is_some() && excluded.len() < 23 {
                let values = (0..n)
                    .map(|v| choose(s.lo[v], s.hi[v], targets[v], p.hint[v]))
                    .collect();
                return Err((
                    worst,
                    Solution {
                        values,
                        dropped,
                        exact: false,
                    },
                ));
            }
            exact = false;
            for &v in comp {
                let x = choose(s.lo[v], s.hi[v], targets[v], p.hint[v]);
                s.set(v, x, x);
            }
        }
        let values: Vec<Fen> = (0..n)
            .map(|v| choose(s.lo[v], s.hi[v], targets[v], p.hint[v]))
            .collect();
        let mut check = s;
        for (v, x) in values.iter().enumerate() {
            check.lo[v] = *x;
            check.hi[v] = *x;
        }
        exact &= (0..p.cons.len()).all(|k| !check.active[k] || check.holds(k));
        Ok(Solution {
            values,
            dropped,
            exact,
        })
    }

    /// Solve one component: a real point by linear programming (nearest,
    /// in weighted L1, to the preferred values), made integral by diving;
    /// the plain search when the program gives up. On success the
    /// component's variables are fixed in `s`.
    fn solve_component(s: &mut State, comp: &[usize], targets: &[Fen]) -> bool {
        let cons: Vec<usize> = {
            let mut c: Vec<usize> = comp
                .iter()
                .flat_map(|&v| s.by_var[v].iter().copied())
                .filter(|&k| s.active[k])
                .collect();
            c.sort_unstable();
            c.dedup();
            c
        };
        // The real relaxation decides feasibility: when it has no point,
        // neither has the integer problem, and no search is needed.
        let point = match lp_point(s, comp, &cons, targets, true) {
            Ok(p) => Some(p),
            Err(_) => match lp_point(s, comp, &cons, targets, false) {
                Ok(p) => Some(p),
                Err(super::lp::Failure::Infeasible) => return false,
                Err(super::lp::Failure::Limit) => None,
            },
        };
        if let Some(point) = point {
            let mark = s.trail.len();
            if dive(s, comp, &cons, targets, point) {
                return true;
            }
            s.undo(mark);
        }
        search(s, comp, targets, false)
    }

    /// From a real point to an integer one: a coordinate already integral
    /// is fixed as it is (the point stays feasible); a fractional one is
    /// fixed to the nearer integer, else the other, and the rest of the
    /// point found again by the LP. Narrowest variables first.
    fn dive(
        s: &mut State,
        comp: &[usize],
        cons: &[usize],
        targets: &[Fen],
        point: Vec<f64>,
    ) -> bool {
        let mut point = point;
        let mut order: Vec<usize> = (0..comp.len()).collect();
        order.sort_by_key(|&i| (s.hi[comp[i]] - s.lo[comp[i]], comp[i]));
        for i in order {
            let v = comp[i];
            let x = point[i];
            let r = x.round();
            if (x - r).abs() < 1e-6 {
                let r = (r as Fen).clamp(s.lo[v], s.hi[v]);
                s.set(v, r, r);
                continue;
            }
            let (near, far) = if x - x.floor() < 0.5 {
                (x.floor() as Fen, x.ceil() as Fen)
            } else {
                (x.ceil() as Fen, x.floor() as Fen)
            };
            let mut fixed = false;
            for c in [near, far] {
                if c < s.lo[v] || c > s.hi[v] {
                    continue;
                }
                let mark = s.trail.len();
                s.set(v, c, c);
                if s.propagate(s.by_var[v].clone()) {
                    let again = lp_point(s, comp, cons, targets, true)
                        .or_else(|_| lp_point(s, comp, cons, targets, false));
                    if let Ok(p) = again {
                        point = p;
                        fixed = true;
                        break;
                    }
                }
                s.undo(mark);
            }
            if !fixed {
                return false;
            }
        }
        cons.iter().all(|&k| s.holds(k))
    }

    /// A real point of the component meeting every active constraint
    /// (the other variables fixed), nearest in weighted L1 to the targets:
    /// weight 1 for a variable pinned by a printed figure, a thousandth for
    /// one only known as part of a sum, so the latter take up the slack.
    ///
    /// With `whole`, every bound is first rounded inwards to whole yuan, so
    /// that the point found is in whole yuan wherever it can be.
    fn lp_point(
        s: &State,
        comp: &[usize],
        cons: &[usize],
        targets: &[Fen],
        whole: bool,
    ) -> Result<Vec<f64>, super::lp::Failure> {
        let up = |x: Fen| {
            if whole {
                x.div_euclid(100) * 100 + if x.rem_euclid(100) == 0 { 0 } else { 100 }
            } else {
                x
            }
        };
        let down = |x: Fen| if whole { x.div_euclid(100) * 100 } else { x };
        let index: std::collections::HashMap<usize, usize> =
            comp.iter().enumerate().map(|(i, &v)| (v, i)).collect();
        let cap = |x: Fen| x.clamp(-(1 << 50), 1 << 50) as f64;
        let mut rows: Vec<super::lp::Row> = Vec::new();
        let mut seen: std::collections::HashMap<Vec<(usize, bool)>, usize> =
            std::collections::HashMap::new();
        for &k in cons {
            let con = &s.p.cons[k];
            let mut fixed: Fen = 0;
            let mut terms: Vec<(usize, bool)> = Vec::new();
            for &(v, neg) in &con.terms {
                match index.get(&v) {
                    Some(&i) if s.lo[v] < s.hi[v] => terms.push((i, neg)),
                    _ => fixed += if neg { -s.lo[v] } else { s.lo[v] },
                }
            }
            if terms.is_empty() {
                continue;
            }
            terms.sort_unstable();
            let (lo, hi) = (cap(up(con.lo - fixed)), cap(down(con.hi - fixed)));
            match seen.get(&terms) {
                Some(&r) => {
                    rows[r].1 = rows[r].1.max(lo);
                    rows[r].2 = rows[r].2.min(hi);
                }
                None => {
                    seen.insert(terms.clone(), rows.len());
                    let coeffs = terms
                        .iter()
                        .map(|&(i, neg)| (i, if neg { -1.0 } else { 1.0 }))
                        .collect();
                    rows.push((coeffs, lo, hi));
                }
            }
        }
        let lo: Vec<f64> = comp.iter().map(|&v| cap(up(s.lo[v]))).collect();
        let hi: Vec<f64> = comp.iter().map(|&v| cap(down(s.hi[v]))).collect();
        let target: Vec<f64> = comp
            .iter()
            .map(|&v| {
                let t = s.p.hint[v]
                    .filter(|h| s.lo[v] <= *h && *h <= s.hi[v])
                    .unwrap_or(targets[v]);
                cap(t.clamp(s.lo[v], s.hi[v]))
            })
            .collect();
        let weight: Vec<f64> = comp
            .iter()
            .map(|&v| {
                let base = if s.hi[v] - s.lo[v] <= 30_000 {
                    1.0
                } else {
                    1e-3
                };
                base * s.p.weight[v]
            })
            .collect();
        if rows.is_empty() && lo.iter().zip(&hi).all(|(l, h)| l <= h) {
            return Ok(target);
        }
        super::lp::nearest(&lo, &hi, &target, &weight, &rows)
    }

    struct Frame {
        mark: usize,
        var: usize,
        branches: [(Fen, Fen); 3],
        next: usize,
    }

    /// Depth-first search of one component; on success its variables are
    /// fixed in `s`, on failure `s` is as before.
    /// `exact`: take the targets as they are (an LP point rounded), rather
    /// than the nearest whole yuan.
    fn search(s: &mut State, comp: &[usize], targets: &[Fen], exact: bool) -> bool {
        let saved = s.budget;
        s.budget = SEARCH_REVISIONS;
        let found = search_with(s, comp, targets, exact);
        s.budget = saved;
        found
    }

    fn search_with(s: &mut State, comp: &[usize], targets: &[Fen], exact: bool) -> bool {
        let start = s.trail.len();
        let pick = |s: &State| -> Option<usize> {
            comp.iter()
                .copied()
                .filter(|&v| s.lo[v] < s.hi[v])
                .min_by_key(|&v| (s.hi[v] - s.lo[v], v))
        };
        let branches = |s: &State, v: usize| -> [(Fen, Fen); 3] {
            let x = if exact {
                targets[v].clamp(s.lo[v], s.hi[v])
            } else {
                choose(s.lo[v], s.hi[v], targets[v], s.p.hint[v])
            };
            // The side nearer the target first.
            let lower = (s.lo[v], x - 1);
            let upper = (x + 1, s.hi[v]);
            if targets[v] > x {
                [(x, x), upper, lower]
            } else {
                [(x, x), lower, upper]
            }
        };
        let leaf_holds = |s: &State| -> bool {
            comp.iter()
                .flat_map(|&v| s.by_var[v].iter().copied())
                .all(|k| !s.active[k] || s.holds(k))
        };
        let Some(first) = pick(s) else {
            return leaf_holds(s);
        };
        let mut stack = vec![Frame {
            mark: s.trail.len(),
            var: first,
            branches: branches(s, first),
            next: 0,
        }];
        let mut nodes = 0usize;
        while let Some(top) = stack.last_mut() {
            if top.next >= 3 {
                let mark = top.mark;
                stack.pop();
                s.undo(mark);
                continue;
            }
            let (lo, hi) = top.branches[top.next];
            top.next += 1;
            let (mark, var) = (top.mark, top.var);
            s.undo(mark);
            if lo > hi {
                continue;
            }
            nodes += 1;
            if nodes > NODES {
                s.undo(start);
                return false;
            }
            s.set(var, lo, hi);
            let cons: Vec<usize> = s.by_var[var].clone();
            if !s.propagate(cons) {
                continue;
            }
            match pick(s) {
                None => {
                    if leaf_holds(s) {
                        return true;
                    }
                }
                Some(v) => {
                    let b = branches(s, v);
                    stack.push(Frame {
                        mark: s.trail.len(),
                        var: v,
                        branches: b,
                        next: 0,
                    });
                }
            }
        }
        s.undo(start);
        false
    }
}

mod lp {
    //! A small linear program: the point of a box meeting interval
    //! constraints on linear forms, nearest in weighted L1 to a target. A
    //! bounded-variable primal simplex on a dense tableau, phase 1 on the sum
    //! of infeasibilities, Bland's rule against cycling. The problems it
    //! serves are tiny (one component of the recovery, tens of variables),
    //! so clarity wins over speed.

    const EPS: f64 = 1e-9;
    const FEAS: f64 = 1e-6;

    /// A row: its terms (column, coefficient) and the interval of its value.
    pub type Row = (Vec<(usize, f64)>, f64, f64);

    /// Why no point was found.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Failure {
        /// No real point meets the constraints: no integer one does either.
        Infeasible,
        /// The iteration limit was reached (numerical trouble): unknown.
        Limit,
    }

    /// Minimise Σ wⱼ|xⱼ − tⱼ| subject to loⱼ ≤ xⱼ ≤ hiⱼ and, for each row,
    /// L ≤ Σ aᵢⱼxⱼ ≤ H.
    pub fn nearest(
        lo: &[f64],
        hi: &[f64],
        target: &[f64],
        weight: &[f64],
        rows: &[Row],
    ) -> Result<Vec<f64>, Failure> {
        let n = lo.len();
        let m = rows.len();
        if lo.iter().zip(hi).any(|(l, h)| l > h) || rows.iter().any(|r| r.1 > r.2) {
            return Err(Failure::Infeasible);
        }
        // Columns: p_j (x above target), q_j (below), then one slack per row
        // s_i = Σ a_ij x_j. Row i: Σ a_ij (p_j − q_j) − s_i = −Σ a_ij t_j.
        let cols = 2 * n + m;
        let mut lb = vec![0.0; cols];
        let mut ub = vec![0.0; cols];
        let mut cost = vec![0.0; cols];
        for j in 0..n {
            ub[j] = (hi[j] - target[j]).max(0.0);
            ub[n + j] = (target[j] - lo[j]).max(0.0);
            cost[j] = weight[j];
            cost[n + j] = weight[j];
        }
        for (i, (_, l, h)) in rows.iter().enumerate() {
            lb[2 * n + i] = *l;
            ub[2 * n + i] = *h;
        }
        // Tableau B⁻¹A with the slacks basic (B = −I).
        let mut tab = vec![vec![0.0; cols]; m];
        let mut value = vec![0.0; cols];
        let mut basis: Vec<usize> = (0..m).map(|i| 2 * n + i).collect();
        let mut row_of: Vec<Option<usize>> = vec![None; cols];
        for (i, (terms, _, _)) in rows.iter().enumerate() {
            let mut t = 0.0;
            for &(j, a) in terms {
                tab[i][j] -= a;
                tab[i][n + j] += a;
                t += a * target[j];
            }
            tab[i][2 * n + i] = 1.0;
            value[2 * n + i] = t;
            row_of[2 * n + i] = Some(i);
        }
        // Nonbasic columns sit at their lower bound (0 for p and q).
        let limit = 50 * (cols + m) + 2_000;
        let mut phase_one = true;
        for _ in 0..limit {
            let infeasible = |v: f64, l: f64, u: f64| v < l - FEAS || v > u + FEAS;
            if phase_one && !basis.iter().any(|&b| infeasible(value[b], lb[b], ub[b])) {
                phase_one = false;
            }
            // Costs of the basic variables.
            let cb: Vec<f64> = basis
                .iter()
                .map(|&b| {
                    if phase_one {
                        if value[b] < lb[b] - FEAS {
                            -1.0
                        } else if value[b] > ub[b] + FEAS {
                            1.0
                        } else {
                            0.0
                        }
                    } else {
                        cost[b]
                    }
                })
                .collect();
            // Entering column: Bland, the first improving one.
            let mut entering = None;
            for j in 0..cols {
                if row_of[j].is_some() || ub[j] - lb[j] < EPS {
                    continue;
                }
                let own = if phase_one { 0.0 } else { cost[j] };
                let d = own - (0..m).map(|i| cb[i] * tab[i][j]).sum::<f64>();
                let at_lower = (value[j] - lb[j]).abs() <= (value[j] - ub[j]).abs();
                if at_lower && d < -EPS {
                    entering = Some((j, 1.0));
                    break;
                }
                if !at_lower && d > EPS {
                    entering = Some((j, -1.0));
                    break;
                }
            }
            let Some((j, sigma)) = entering else {
                if phase_one {
                    return Err(Failure::Infeasible);
                }
                let x: Vec<f64> = (0..n)
                    .map(|j| target[j] + value[j] - value[n + j])
                    .collect();
                // Updates accumulate rounding: check the point against the
                // rows themselves.
                let tolerance = 1e-4;
                let fits = rows.iter().all(|(terms, l, h)| {
                    let v: f64 = terms.iter().map(|&(j, a)| a * x[j]).sum();
                    v >= l - tolerance && v <= h + tolerance
                }) && (0..n)
                    .all(|j| x[j] >= lo[j] - tolerance && x[j] <= hi[j] + tolerance);
                return if fits { Ok(x) } else { Err(Failure::Limit) };
            };
            // Ratio test: the entering column moves by θ ≥ 0 in direction σ;
            // basic i moves at rate −σ·tab[i][j] and may not leave its
            // bounds (an infeasible one stops where it becomes feasible).
            let flip = ub[j] - lb[j];
            let mut best: Option<(usize, f64, f64)> = None;
            for i in 0..m {
                let rate = -sigma * tab[i][j];
                if rate.abs() < EPS {
                    continue;
                }
                let b = basis[i];
                let v = value[b];
                let below = v < lb[b] - FEAS;
                let above = v > ub[b] + FEAS;
                let (limit, bound) = if rate > 0.0 {
                    if above {
                        continue;
                    }
                    let bound = if below { lb[b] } else { ub[b] };
                    ((bound - v) / rate, bound)
                } else {
                    if below {
                        continue;
                    }
                    let bound = if above { ub[b] } else { lb[b] };
                    ((bound - v) / rate, bound)
                };
                let limit = limit.max(0.0);
                let replace = match best {
                    None => true,
                    Some((r, l, _)) => limit < l - EPS || (limit <= l + EPS && basis[i] < basis[r]),
                };
                if replace {
                    best = Some((i, limit, bound));
                }
            }
            let (theta, leave) = match best {
                Some((r, l, bound)) if l <= flip + EPS => (l, Some((r, bound))),
                _ => (flip, None),
            };
            if !theta.is_finite() {
                return Err(Failure::Limit);
            }
            // Move.
            for i in 0..m {
                let b = basis[i];
                value[b] -= sigma * theta * tab[i][j];
            }
            value[j] += sigma * theta;
            match leave {
                None => {
                    // Bound flip.
                    value[j] = if sigma > 0.0 { ub[j] } else { lb[j] };
                }
                Some((r, bound)) => {
                    let b = basis[r];
                    value[b] = bound;
                    let pivot = tab[r][j];
                    for x in tab[r].iter_mut() {
                        *x /= pivot;
                    }
                    let row = tab[r].clone();
                    for (i, t) in tab.iter_mut().enumerate() {
                        if i == r {
                            continue;
                        }
                        let f = t[j];
                        if f.abs() < EPS {
                            continue;
                        }
                        for (x, y) in t.iter_mut().zip(&row) {
                            *x -= f * y;
                        }
                    }
                    row_of[b] = None;
                    row_of[j] = Some(r);
                    basis[r] = j;
                }
            }
        }
        Err(Failure::Limit)
    }

    #[cfg(test)]
    mod tests {
        use super::nearest;

        #[test]
        fn nearest_point_moves_the_cheapest_variable() {
            // x0 + x1 ∈ [10, 10]; x0 wants 7 (weight 1), x1 wants 7 (weight
            // 0.001): x1 gives way.
            let x = nearest(
                &[0.0, 0.0],
                &[100.0, 100.0],
                &[7.0, 7.0],
                &[1.0, 0.001],
                &[(vec![(0, 1.0), (1, 1.0)], 10.0, 10.0)],
            )
            .unwrap();
            assert!(
                (x[0] - 7.0).abs() < 1e-6 && (x[1] - 3.0).abs() < 1e-6,
                "{x:?}"
            );
        }

        #[test]
        fn infeasible_is_none() {
            let x = nearest(
                &[0.0, 0.0],
                &[5.0, 5.0],
                &[0.0, 0.0],
                &[1.0, 1.0],
                &[(vec![(0, 1.0), (1, 1.0)], 11.0, 12.0)],
            );
            assert_eq!(x, Err(super::Failure::Infeasible));
        }

        #[test]
        fn two_printings_of_one_pair_that_disagree_by_rounding() {
            // The creeping case for bounds propagation: a + b in two
            // overlapping windows; c free. a + b ∈ [10, 19] and a + b + c ∈
            // [20, 29] with c ≤ 5: a + b ≥ 15.
            let x = nearest(
                &[0.0, 0.0, 0.0],
                &[1e9, 1e9, 5.0],
                &[0.0, 0.0, 0.0],
                &[0.001, 0.001, 1.0],
                &[
                    (vec![(0, 1.0), (1, 1.0)], 10.0, 19.0),
                    (vec![(0, 1.0), (1, 1.0), (2, 1.0)], 20.0, 29.0),
                ],
            )
            .unwrap();
            let ab = x[0] + x[1];
            assert!((10.0 - 1e-6..=19.0 + 1e-6).contains(&ab), "{x:?}");
            assert!((20.0 - 1e-6..=29.0 + 1e-6).contains(&(ab + x[2])), "{x:?}");
        }
    }
}

// ---------------------------------------------------------------------------
// Recovering the facts of the tables
// ---------------------------------------------------------------------------

/// The 三公 items as table 10 labels them.
const THREE_ABROAD: &str = "因公出国（境）费";
const THREE_RECEPTION: &str = "公务接待费";
const THREE_VEHICLES: &str = "公务用车购置及运行费";
const THREE_PURCHASE: &str = "公务用车购置费";
const THREE_OPERATION: &str = "公务用车运行维护费";

/// An unknown amount of the facts.
#[derive(Debug, Clone, PartialEq)]
enum Atom {
    Basic {
        code: String,
        source: FundingSource,
        carryover: bool,
    },
    Project {
        index: usize,
        source: FundingSource,
    },
    Economic {
        unit: String,
        code: String,
        class: CostClass,
    },
    /// 0 因公出国（境）费, 1 公务接待费, 2 购置费, 3 运行维护费.
    ThreePublic {
        item: usize,
        source: FundingSource,
    },
    Operating {
        unit: String,
        source: FundingSource,
    },
}

/// A project as tables 12 and 13 print it.
#[derive(Debug, Clone)]
struct ProjectDraft {
    name: String,
    unit: String,
    carryover: bool,
    /// Printed cells by source, and the printed 合计.
    cells: Vec<(FundingSource, Amount)>,
    total: Option<Amount>,
    code: Option<String>,
    table: u8,
}

impl ProjectDraft {
    fn display(&self) -> String {
        format!("表{}「{}」", self.table, self.name)
    }
}

/// The kind of unit as the government classification sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KindClass {
    /// 行政 and 参公: 501/502.
    Administrative,
    /// 事业: 505.
    Institution,
}

fn kind_class(kind: UnitKind) -> KindClass {
    if kind.maps_as_administrative() {
        KindClass::Administrative
    } else {
        KindClass::Institution
    }
}

fn class_kind(class: KindClass) -> UnitKind {
    match class {
        KindClass::Administrative => UnitKind::Administrative,
        KindClass::Institution => UnitKind::Institution,
    }
}

/// A 款 row of table 6.
#[derive(Debug, Clone)]
struct EconomicRow {
    code: String,
    classes: Vec<CostClass>,
    /// The kinds of unit whose mapping gives the printed government item.
    kinds: Vec<KindClass>,
    display: String,
}

fn source_of(column: Column) -> Option<FundingSource> {
    FundingSource::ALL
        .into_iter()
        .find(|s| s.column() == column)
}

struct TableRecovery<'a> {
    d: &'a Disclosure,
    catalogs: &'a Catalogs,
    function: &'a Catalog,
    department: &'a Catalog,
    meta: Metadata,
    notes: Vec<String>,
    /// Whether table 6 prints the government item of its rows.
    use_gov: bool,
    /// Printed cells already explained as beyond any facts (this attempt).
    explained: HashSet<CellKey>,
}

/// The tables of a kind the document prints with data (not 本表无数据).
fn with_data(d: &Disclosure, kind: TableKind) -> Option<&Table> {
    d.tables.iter().find(|t| t.kind == kind && !t.empty_note)
}

impl<'a> TableRecovery<'a> {
    fn new(d: &'a Disclosure, catalogs: &'a Catalogs, meta: Metadata) -> Result<Self, String> {
        let year = meta.year;
        let function = catalogs
            .get(Classification::Function, year)
            .map_err(|e| e.to_string())?;
        let department = catalogs
            .get(Classification::EconomicDepartment, year)
            .map_err(|e| e.to_string())?;
        if d.tables.is_empty() {
            return Err("文件中没有读到表格".to_string());
        }
        let use_gov = d
            .table(TableKind::BasicByEconomic)
            .is_some_and(|t| t.rows.iter().any(|r| r.gov_item.is_some()));
        Ok(TableRecovery {
            d,
            catalogs,
            function,
            department,
            meta,
            notes: Vec::new(),
            use_gov,
            explained: HashSet::new(),
        })
    }

    fn note(&mut self, s: String) {
        self.notes.push(s);
    }

    fn recover(&mut self) -> BudgetFacts {
        let department = self.meta.department.clone();
        let projects = self.project_rows();
        let operating_units: Vec<String> = self
            .d
            .table(TableKind::OperatingCosts)
            .map(|t| {
                t.rows
                    .iter()
                    .filter(|r| r.kind == RowKind::Unit)
                    .map(|r| r.label.trim().to_string())
                    .collect()
            })
            .unwrap_or_default();
        let economic_rows = self.economic_rows();
        let units = self.units(&department, &operating_units, &projects, &economic_rows);
        let codes = self.function_codes();

        // The best booking of projects under codes first; when its amounts
        // cannot be solved exactly and other bookings fit as well, the next.
        struct Attempt {
            score: (bool, usize),
            facts: BudgetFacts,
            notes: Vec<String>,
            skip: usize,
        }
        let mut best: Option<Attempt> = None;
        let mut skip = 0;
        loop {
            let mark = self.notes.len();
            let mut booked = projects.clone();
            let alternatives = self.assign_codes(&mut booked, &codes, skip);
            let skeleton = Skeleton {
                meta: self.meta.clone(),
                units: units.clone(),
                projects: booked,
                operating_units: operating_units.clone(),
            };
            let (facts, exact, dropped) = self.solve_amounts(&skeleton, &codes, &economic_rows);
            let notes = self.notes.split_off(mark);
            let score = (!exact, dropped);
            if best.as_ref().is_none_or(|b| score < b.score) {
                best = Some(Attempt {
                    score,
                    facts,
                    notes,
                    skip,
                });
            }
            skip += 1;
            if score == (false, 0) || skip >= alternatives.min(6) {
                break;
            }
        }
        let Attempt {
            facts,
            mut notes,
            skip: chosen,
            ..
        } = best.expect("one attempt");
        self.notes.append(&mut notes);
        if chosen > 0 {
            self.note(format!(
                "名称最相近的项目归类无法使所有金额在四舍五入范围内成立，改用第{}种归类。",
                chosen + 1
            ));
        }
        facts
    }

    /// The amounts of one booking: atoms, their incidence, the constraints
    /// of the printed cells, the solution, made consistent where possible.
    /// Returns the facts, whether every constraint kept holds, and how many
    /// printed figures had to be left out.
    fn solve_amounts(
        &mut self,
        skeleton: &Skeleton,
        codes: &[String],
        economic_rows: &[EconomicRow],
    ) -> (BudgetFacts, bool, usize) {
        self.explained.clear();
        let units = &skeleton.units;
        let projects = &skeleton.projects;
        let mut atoms: Vec<Atom> = Vec::new();
        for code in codes {
            for carryover in [false, true] {
                for source in FundingSource::ALL {
                    atoms.push(Atom::Basic {
                        code: code.clone(),
                        source,
                        carryover,
                    });
                }
            }
        }
        for (index, p) in projects.iter().enumerate() {
            if p.code.is_none() {
                continue;
            }
            let sources: Vec<FundingSource> = if p.cells.is_empty() {
                vec![FundingSource::GeneralPublic]
            } else {
                p.cells.iter().map(|(s, _)| *s).collect()
            };
            for source in sources {
                atoms.push(Atom::Project { index, source });
            }
        }
        // 公用经费 of an item a 行政 unit may book is shared among the
        // units of table 11 (each unit's share is only fixed by its
        // 机关运行经费, when the facts are made consistent); everything else
        // goes to the first unit whose kind maps to the printed government
        // item.
        let operating_admin: Vec<&SpendingUnit> = units
            .iter()
            .filter(|u| u.kind.has_operating_costs() && skeleton.operating_units.contains(&u.name))
            .collect();
        for row in economic_rows {
            let first = units
                .iter()
                .find(|u| row.kinds.contains(&kind_class(u.kind)))
                .unwrap_or(&units[0]);
            for class in &row.classes {
                let shared = *class == CostClass::Public
                    && kind_class(first.kind) == KindClass::Administrative
                    && operating_admin.len() > 1;
                let owners: Vec<&SpendingUnit> = if shared {
                    operating_admin.clone()
                } else {
                    vec![first]
                };
                for unit in owners {
                    atoms.push(Atom::Economic {
                        unit: unit.name.clone(),
                        code: row.code.clone(),
                        class: *class,
                    });
                }
            }
        }
        for item in 0..4 {
            for source in FundingSource::FISCAL {
                atoms.push(Atom::ThreePublic { item, source });
            }
        }
        for unit in &skeleton.operating_units {
            for source in FundingSource::FISCAL {
                atoms.push(Atom::Operating {
                    unit: unit.clone(),
                    source,
                });
            }
        }

        // Incidence, by deriving each atom alone.
        let mut keys: Vec<CellKey> = Vec::new();
        let mut key_index: HashMap<CellKey, usize> = HashMap::new();
        let mut incidence: Vec<Vec<usize>> = Vec::new();
        let mut kept: Vec<Atom> = Vec::new();
        const PROBE: Fen = 100_000_000;
        for atom in atoms {
            let facts = skeleton.facts(std::slice::from_ref(&atom), &[PROBE]);
            match derive_tables(&facts, self.catalogs) {
                Ok(tables) => {
                    let mut cells: Vec<usize> = derived_cells(&tables, self.use_gov)
                        .into_iter()
                        .map(|(key, _)| {
                            let next = keys.len();
                            *key_index.entry(key.clone()).or_insert_with(|| {
                                keys.push(key);
                                next
                            })
                        })
                        .collect();
                    cells.sort_unstable();
                    cells.dedup();
                    incidence.push(cells);
                    kept.push(atom);
                }
                Err(e) => self.note(format!("无法表示的金额，未恢复：{e}")),
            }
        }
        let atoms = kept;

        let problem = self.constraints(&atoms, &incidence, &keys, &key_index, projects);
        let solution = solve::solve(&problem.problem, &problem.order);
        let mut dropped_printed = 0;
        for k in &solution.dropped {
            let (printed, what) = &problem.labels[*k];
            if *printed {
                dropped_printed += 1;
                self.note(format!(
                    "{what}：与文件中其他数字矛盾（超出四舍五入的误差），恢复时未采用，派生的表将与原表不同。"
                ));
            } else {
                self.note(format!(
                    "{what}：原表为空，却与印出的数字矛盾，恢复后该单元格将印出金额。"
                ));
            }
        }
        if !solution.exact {
            self.note(
                "未能找到使每个印出数字都成立的金额（文件各表之间的矛盾超出四舍五入），部分单元格派生后将与原表不同。"
                    .to_string(),
            );
        }
        let mut values = solution.values;
        if solution.exact {
            let dropped: HashSet<usize> = solution.dropped.iter().copied().collect();
            self.cohere(
                &atoms,
                &mut values,
                &problem.problem,
                &problem.order,
                &dropped,
            );
        }
        let facts = skeleton.facts(&atoms, &values);
        self.report_differences(&facts);
        (
            facts,
            solution.exact,
            solution.dropped.len() + dropped_printed,
        )
    }

    /// Projects of tables 12 and 13 with their unit (from the unit rows
    /// they are grouped under).
    fn project_rows(&mut self) -> Vec<ProjectDraft> {
        let department = self.meta.department.clone();
        let mut out = Vec::new();
        for (kind, carryover) in [
            (TableKind::ProjectsCurrent, false),
            (TableKind::ProjectsCarriedOver, true),
        ] {
            let Some(table) = with_data(self.d, kind) else {
                continue;
            };
            let mut unit = department.clone();
            let mut total_only = Vec::new();
            for row in &table.rows {
                match row.kind {
                    RowKind::Unit => unit = row.label.trim().to_string(),
                    RowKind::Project => {
                        let cells: Vec<(FundingSource, Amount)> = row
                            .cells
                            .iter()
                            .filter_map(|c| source_of(c.column).map(|s| (s, c.value)))
                            .filter(|(s, _)| !carryover || s.is_fiscal())
                            .collect();
                        if cells.is_empty() && row.get(Column::Total).is_some() {
                            total_only.push(row.label.clone());
                        }
                        if !row.unplaced.is_empty() {
                            self.note(format!(
                                "{}：有未能确定栏目的数字，按已确定的栏目恢复。",
                                row_display(table, row)
                            ));
                        }
                        out.push(ProjectDraft {
                            name: row.label.trim().to_string(),
                            unit: unit.clone(),
                            carryover,
                            total: row.get(Column::Total).copied(),
                            cells,
                            code: None,
                            table: table.number,
                        });
                    }
                    _ => {}
                }
            }
            if !total_only.is_empty() {
                self.note(format!(
                    "表{}只印了合计、没有分资金来源的项目（{}）：记为一般公共预算。",
                    table.number,
                    total_only.join("、")
                ));
            }
        }
        out
    }

    /// The 款 rows of table 6 with their code, classes and unit kinds.
    fn economic_rows(&mut self) -> Vec<EconomicRow> {
        let Some(table) = with_data(self.d, TableKind::BasicByEconomic) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut category: Option<String> = None;
        for row in &table.rows {
            if row.level == 0 || row.kind == RowKind::Total {
                continue;
            }
            let display = row_display(table, row);
            if row.level == 1 {
                category = self
                    .department
                    .find_by_name(&row.label, None)
                    .into_iter()
                    .find(|i| i.level == CatalogLevel::Category)
                    .map(|i| i.code.clone());
                if category.is_none() {
                    self.note(format!(
                        "{display}：{}年经济分类目录中没有这个类。",
                        self.meta.year
                    ));
                }
                continue;
            }
            let in_category = self
                .department
                .find_by_name(&row.label, category.as_deref())
                .into_iter()
                .find(|i| i.level == CatalogLevel::Section);
            let item = in_category.or_else(|| {
                self.department
                    .find_by_name(&row.label, None)
                    .into_iter()
                    .find(|i| i.level == CatalogLevel::Section)
            });
            let Some(item) = item else {
                self.note(format!(
                    "{display}：{}年部门预算支出经济分类目录中没有这个款，未恢复（表6将少这一行）。",
                    self.meta.year
                ));
                continue;
            };
            let code = item.code.clone();
            let mut classes = Vec::new();
            if row.get(Column::Personnel).is_some() {
                classes.push(CostClass::Personnel);
            }
            if row.get(Column::Public).is_some() {
                classes.push(CostClass::Public);
            }
            if classes.is_empty() {
                let class = match &code[..3] {
                    "302" | "310" | "309" | "399" => CostClass::Public,
                    _ => CostClass::Personnel,
                };
                self.note(format!(
                    "{display}：未印人员经费或公用经费，按所属类记为{}。",
                    if class == CostClass::Public {
                        "公用经费"
                    } else {
                        "人员经费"
                    }
                ));
                classes.push(class);
            }
            let mut kinds = Vec::new();
            for class in [KindClass::Administrative, KindClass::Institution] {
                let government = self.department.government_item(&code, class_kind(class));
                let fits = match (&row.gov_item, government) {
                    (None, Ok(_)) => true,
                    (Some(printed), Ok(g)) => normalize_name(printed) == normalize_name(&g.name),
                    (_, Err(_)) => false,
                };
                if fits {
                    kinds.push(class);
                }
            }
            if kinds.is_empty() {
                let mapped: Vec<String> = [KindClass::Administrative, KindClass::Institution]
                    .iter()
                    .filter_map(|c| {
                        self.department
                            .government_item(&code, class_kind(*c))
                            .ok()
                            .map(|g| format!("{}单位为{}", class_kind(*c).as_str(), g.name))
                    })
                    .collect();
                self.note(format!(
                    "{display}：{}年目录中这个款对应的政府经济分类（{}）都不是表中印的科目，按部门本身的单位类型恢复。",
                    self.meta.year,
                    mapped.join("，")
                ));
                kinds = vec![KindClass::Administrative, KindClass::Institution];
            }
            out.push(EconomicRow {
                code,
                classes,
                kinds,
                display,
            });
        }
        out
    }

    /// The department's units and their kinds.
    fn units(
        &mut self,
        department: &str,
        operating_units: &[String],
        projects: &[ProjectDraft],
        economic: &[EconomicRow],
    ) -> Vec<SpendingUnit> {
        let mut names: Vec<String> = vec![department.to_string()];
        let add = |name: &str, names: &mut Vec<String>| {
            if !name.is_empty() && !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        };
        for u in operating_units {
            add(u, &mut names);
        }
        let grouped: Vec<&Table> = [TableKind::ProjectsCurrent, TableKind::ProjectsCarriedOver]
            .iter()
            .filter_map(|k| with_data(self.d, *k))
            .filter(|t| t.rows.iter().any(|r| r.kind == RowKind::Unit))
            .collect();
        for p in projects {
            add(&p.unit, &mut names);
        }
        let requires = |class: KindClass| {
            economic
                .iter()
                .any(|r| r.kinds.len() == 1 && r.kinds[0] == class)
        };
        let mut units: Vec<SpendingUnit> = Vec::new();
        for name in names {
            let kind = if operating_units.contains(&name) {
                UnitKind::Administrative
            } else if !operating_units.is_empty() {
                self.note(format!(
                    "单位「{name}」不在表11（机关运行经费）中，按事业单位恢复。"
                ));
                UnitKind::Institution
            } else if name == department {
                if requires(KindClass::Administrative) || !requires(KindClass::Institution) {
                    self.note(format!(
                        "表11未列出单位，「{name}」按行政单位恢复（也可能是参公单位，表中无法区分）。"
                    ));
                    UnitKind::Administrative
                } else {
                    self.note(format!(
                        "表11未列出单位，表6只有对事业单位经常性补助（505）的科目：「{name}」按事业单位恢复。"
                    ));
                    UnitKind::Institution
                }
            } else {
                self.note(format!("单位「{name}」只见于项目表，按事业单位恢复。"));
                UnitKind::Institution
            };
            units.push(SpendingUnit { name, kind });
        }
        if units
            .iter()
            .any(|u| u.kind == UnitKind::Administrative && operating_units.contains(&u.name))
        {
            self.note(
                "列入表11的单位按行政单位恢复（参照公务员法管理的事业单位在表中与行政单位无法区分）。"
                    .to_string(),
            );
        }
        // Table 6 items booked under a government item no known unit maps to.
        for class in [KindClass::Institution, KindClass::Administrative] {
            let rows: Vec<&EconomicRow> = economic
                .iter()
                .filter(|r| {
                    !r.kinds
                        .iter()
                        .any(|k| units.iter().any(|u| kind_class(u.kind) == *k))
                })
                .filter(|r| r.kinds.contains(&class))
                .collect();
            if rows.is_empty() {
                continue;
            }
            let kind = class_kind(class);
            let name = format!("{department}（{}）", kind.as_str());
            self.note(format!(
                "表6有{}个科目按{}单位的政府经济分类列示（如{}），而已知单位中没有{}单位：增设单位「{name}」（{}）承担这些科目。",
                rows.len(),
                kind.as_str(),
                rows[0].display,
                kind.as_str(),
                kind.as_str()
            ));
            units.push(SpendingUnit { name, kind });
        }
        if units.len() == 1 && !grouped.is_empty() {
            let name = format!("{department}（事业）");
            self.note(format!(
                "表{}按单位分组列示项目，说明部门不止一个单位，但只识别出「{department}」：增设单位「{name}」（事业），它没有项目。",
                grouped[0].number
            ));
            units.push(SpendingUnit {
                name,
                kind: UnitKind::Institution,
            });
        }
        if units.len() > 1 && grouped.is_empty() && !projects.is_empty() {
            self.note(
                "部门有多个单位，但项目表没有按单位分组：派生的表12、表13将按单位分组并列出单位小计。"
                    .to_string(),
            );
        }
        units
    }

    /// The 功能 项 codes printed in the function tables, in code order.
    fn function_codes(&mut self) -> Vec<String> {
        let mut codes: Vec<String> = Vec::new();
        let mut unknown: Vec<String> = Vec::new();
        for table in &self.d.tables {
            if !table.kind.has_function_rows() || table.empty_note {
                continue;
            }
            for row in &table.rows {
                let Some(code) = row.code.as_deref() else {
                    continue;
                };
                if code.len() != 7 || codes.iter().any(|c| c == code) {
                    continue;
                }
                match self.function.get(code) {
                    Some(item) if item.level == CatalogLevel::Item => codes.push(code.to_string()),
                    _ => {
                        if !unknown.iter().any(|u| u == code) {
                            unknown.push(format!("{code} {}", row.label));
                        }
                    }
                }
            }
        }
        if !unknown.is_empty() {
            self.note(format!(
                "这些功能分类项不在{}年目录中，其金额未恢复：{}。",
                self.meta.year,
                unknown.join("、")
            ));
        }
        codes.sort();
        codes
    }

    /// A printed cell of a table by code and column.
    fn code_cell(
        &self,
        kind: TableKind,
        code: &str,
        column: Column,
        side: Option<Side>,
    ) -> Option<Option<Amount>> {
        let table = with_data(self.d, kind);
        match table {
            None => {
                // A table printed empty (本表无数据) says: nothing.
                if self.d.table(kind).is_some() {
                    Some(None)
                } else {
                    None
                }
            }
            Some(t) => Some(
                t.rows
                    .iter()
                    .find(|r| r.code.as_deref() == Some(code) && (side.is_none() || r.side == side))
                    .and_then(|r| r.get(column).copied()),
            ),
        }
    }

    /// Book every project under a 功能 项 so that per-code project sums
    /// match tables 3, 5, 8 and 9 (exact in printed hundredths, or within
    /// what rounding allows); several fitting bookings are ranked by the
    /// likeness of project and code names. `skip` drops the best `skip`
    /// bookings (used when the amounts of the best cannot be solved).
    fn assign_codes(
        &mut self,
        projects: &mut [ProjectDraft],
        codes: &[String],
        skip: usize,
    ) -> usize {
        if projects.is_empty() {
            return 1;
        }
        let eq_tables = [
            (TableKind::ExpenditureSummary, None),
            (TableKind::GeneralPublicExpenditure, None),
            (TableKind::GovFundExpenditure, None),
            (TableKind::StateCapital, Some(Side::Expenditure)),
        ];
        let ub_columns = [Column::SpecialAccount, Column::UnitFunds, Column::Carryover];
        let target = |a: Option<Option<Amount>>| -> Option<(i64, bool)> {
            a.map(|c| match c {
                Some(a) => (cents(&a), true),
                None => (0, false),
            })
        };
        let mut candidates: Vec<Candidate> = Vec::new();
        for code in codes {
            let eq: [Option<(i64, bool)>; 4] = eq_tables
                .map(|(kind, side)| target(self.code_cell(kind, code, Column::Project, side)));
            let ub: [Option<(i64, bool)>; 3] = ub_columns
                .map(|c| target(self.code_cell(TableKind::RevenueSummary, code, c, None)));
            let relevant = eq[0].map(|t| t.1).unwrap_or(false)
                || (eq[0].is_none() && eq[1..].iter().any(|t| t.is_some_and(|t| t.1)));
            if relevant {
                candidates.push(Candidate {
                    code: code.clone(),
                    name: self
                        .function
                        .get(code)
                        .map(|i| i.name.clone())
                        .unwrap_or_default(),
                    eq,
                    ub,
                });
            }
        }
        if candidates.is_empty() {
            let names: Vec<String> = projects.iter().map(|p| p.display()).collect();
            self.note(format!(
                "表3/表5没有印出任何功能分类项的项目支出，无法确定项目的功能分类，这些项目未恢复：{}。",
                names.join("、")
            ));
            return 1;
        }
        let vectors: Vec<ProjectVector> = projects.iter().map(ProjectVector::of).collect();
        let mut search = AssignSearch::new(&candidates, &vectors);
        search.run();
        let solutions = search.solutions;
        if solutions.is_empty() {
            // No booking reproduces the code sums: each project to the code
            // with the most project money left.
            let mut left: Vec<i64> = candidates
                .iter()
                .map(|c| c.eq[0].or(c.eq[1]).map(|t| t.0).unwrap_or(0))
                .collect();
            let mut order: Vec<usize> = (0..projects.len()).collect();
            order.sort_by_key(|&p| std::cmp::Reverse(vectors[p].eq[0].unwrap_or(0)));
            for p in order {
                let (i, _) = left
                    .iter()
                    .enumerate()
                    .max_by_key(|(i, l)| (**l, std::cmp::Reverse(*i)))
                    .expect("some candidate");
                left[i] -= vectors[p].eq[0].unwrap_or(0);
                projects[p].code = Some(candidates[i].code.clone());
            }
            self.note(
                "没有一种把项目归入功能分类项的方式能使各项的项目支出与表3、表5相符（文件各表不一致）：按各项剩余金额最多者依次归入，派生的表3、表5将与原表不同。"
                    .to_string(),
            );
            return 1;
        }
        // Rank: smallest rounding miss, then best name likeness, then first found.
        let mut ranked: Vec<(i64, i64, usize)> = solutions
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let score: i64 = s
                    .assignment
                    .iter()
                    .enumerate()
                    .map(|(p, &c)| likeness(&projects[p].name, &candidates[c].name))
                    .sum();
                (s.miss, -score, i)
            })
            .collect();
        ranked.sort();
        let chosen = ranked[skip.min(ranked.len() - 1)].2;
        let best = &solutions[chosen];
        for (p, &c) in best.assignment.iter().enumerate() {
            projects[p].code = Some(candidates[c].code.clone());
        }
        let tied: Vec<&Assignment> = ranked
            .iter()
            .filter(|r| r.0 == ranked[0].0)
            .map(|r| &solutions[r.2])
            .collect();
        if skip == 0 {
            if tied.len() > 1 {
                let differing: Vec<String> = (0..projects.len())
                    .filter(|&p| tied.iter().any(|s| s.assignment[p] != best.assignment[p]))
                    .map(|p| {
                        let options: Vec<String> = {
                            let mut o: Vec<usize> = tied.iter().map(|s| s.assignment[p]).collect();
                            o.sort_unstable();
                            o.dedup();
                            o.iter().map(|&c| candidates[c].code.clone()).collect()
                        };
                        format!(
                            "{}可归入{}，取{} {}",
                            projects[p].display(),
                            options.join("或"),
                            candidates[best.assignment[p]].code,
                            candidates[best.assignment[p]].name
                        )
                    })
                    .collect();
                self.note(format!(
                    "表12/13不印项目的功能分类，有{}{}种归类方式都与表3、表5相符：{}（{}）。",
                    tied.len(),
                    if search.truncated {
                        "种以上（只比较了前几"
                    } else {
                        ""
                    },
                    differing.join("；"),
                    if ranked.len() > 1 && ranked[0].1 != ranked[1].1 {
                        "取项目名称与科目名称最相近的一种"
                    } else {
                        "名称无从区分，取找到的第一种"
                    }
                ));
            } else {
                let listing: Vec<String> = projects
                    .iter()
                    .filter_map(|p| p.code.as_ref().map(|c| format!("{}→{c}", p.name)))
                    .collect();
                self.note(format!(
                    "项目的功能分类由表3、表5各项的项目支出唯一确定：{}。",
                    listing.join("，")
                ));
            }
            if best.miss > 0 {
                self.note(
                    "项目按功能分类项相加与表3、表5的项目支出只差四舍五入的误差（没有分毫不差的归类）。"
                        .to_string(),
                );
            }
        }
        ranked.len()
    }

    /// Constraints of the printed cells on the atoms.
    fn constraints(
        &mut self,
        atoms: &[Atom],
        incidence: &[Vec<usize>],
        keys: &[CellKey],
        key_index: &HashMap<CellKey, usize>,
        projects: &[ProjectDraft],
    ) -> Constraints {
        let n = atoms.len();
        let mut by_key: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
        for (a, cells) in incidence.iter().enumerate() {
            for &k in cells {
                by_key[k].push(a);
            }
        }
        // What the document prints.
        let mut printed: Vec<Vec<(Amount, String)>> = vec![Vec::new(); keys.len()];
        let mut unreproducible: Vec<String> = Vec::new();
        let mut uncertain: HashSet<(TableKind, RowId)> = HashSet::new();
        let mut columns: HashMap<TableKind, Vec<Column>> = HashMap::new();
        let mut empty_noted: HashSet<TableKind> = HashSet::new();
        for table in &self.d.tables {
            columns
                .entry(table.kind)
                .or_default()
                .extend(table.columns.iter().copied());
            if table.empty_note {
                empty_noted.insert(table.kind);
                let cells = table.rows.iter().map(|r| r.cells.len()).sum::<usize>();
                if cells > 0 {
                    self.note(format!(
                        "表{}注明“本表无数据”，却印了{}个单元格（都为0.00）：按无数据恢复，这些单元格派生后不再印出。",
                        table.number, cells
                    ));
                }
                continue;
            }
            for (row, id) in table.rows.iter().zip(row_ids(table, self.use_gov)) {
                if !row.unplaced.is_empty() {
                    uncertain.insert((table.kind, id.clone()));
                    self.note(format!(
                        "{}：有{}个数字未能确定栏目，其空栏不作为“无数”使用。",
                        row_display(table, row),
                        row.unplaced.len()
                    ));
                }
                for cell in &row.cells {
                    let key = CellKey {
                        kind: table.kind,
                        row: id.clone(),
                        column: cell.column,
                    };
                    let display = format!(
                        "{}{}栏{}",
                        row_display(table, row),
                        cell.column.name(),
                        cell.value.printed()
                    );
                    match key_index.get(&key) {
                        Some(&k) => printed[k].push((cell.value, display)),
                        None => {
                            self.explained.insert(key);
                            let repeated = matches!(&id, RowId::Label { nth, .. } if *nth > 0);
                            unreproducible.push(if repeated {
                                format!("{display}（与上面同名的行重复：派生的表每个单位只印一行）")
                            } else {
                                display
                            });
                        }
                    }
                }
            }
        }
        if !unreproducible.is_empty() {
            self.note(format!(
                "这些单元格没有任何预算事实能派生出来，恢复后的表中没有它们：{}。",
                unreproducible.join("；")
            ));
        }

        let mut cons: Vec<solve::Con> = Vec::new();
        let mut labels: Vec<(bool, String)> = Vec::new();
        let mut zero: Vec<usize> = Vec::new();
        let mut nonzero: Vec<usize> = Vec::new();
        for (k, key) in keys.iter().enumerate() {
            let terms: Vec<(usize, bool)> = by_key[k].iter().map(|&a| (a, false)).collect();
            if terms.is_empty() {
                continue;
            }
            if printed[k].is_empty() {
                let known_table = columns.contains_key(&key.kind);
                let known_column = columns
                    .get(&key.kind)
                    .is_some_and(|c| c.contains(&key.column));
                if !known_table || !known_column || uncertain.contains(&(key.kind, key.row.clone()))
                {
                    continue;
                }
                zero.push(cons.len());
                cons.push(solve::Con {
                    terms,
                    lo: 0,
                    hi: 0,
                });
                labels.push((
                    false,
                    format!("{}{}栏（空）", key.display(), key.column.name()),
                ));
            } else {
                for (amount, display) in &printed[k] {
                    let (lo, hi) = printed_range(amount);
                    nonzero.push(cons.len());
                    cons.push(solve::Con {
                        terms: terms.clone(),
                        lo,
                        hi,
                    });
                    labels.push((true, display.clone()));
                }
            }
        }
        // Empty cells first (exact), then printed figures from the most
        // specific (fewest atoms) to the most aggregated: when the document
        // contradicts itself, the total gives way to its items.
        nonzero.sort_by_key(|&k| (cons[k].terms.len(), k));
        let mut order = zero;
        order.extend(nonzero);

        let hint: Vec<Option<Fen>> = atoms
            .iter()
            .map(|atom| match atom {
                Atom::Project { index, .. } => {
                    let p = &projects[*index];
                    if p.cells.len() > 1 {
                        return None;
                    }
                    let key = normalize_name(&p.name);
                    self.d
                        .targets
                        .iter()
                        .find(|t| normalize_name(&t.project) == key)
                        .and_then(|t| t.annual_funds.total)
                        .map(|a| fen_of_yuan(a.yuan()))
                }
                _ => None,
            })
            .collect();
        Constraints {
            problem: solve::Problem {
                lo: vec![0; n],
                hi: vec![solve::INF; n],
                hint,
                // Table 6 breaks table 5's 基本支出 down: its lines give way
                // first when the two must be made to add up exactly.
                weight: atoms
                    .iter()
                    .map(|a| match a {
                        Atom::Economic { .. } => 0.5,
                        _ => 1.0,
                    })
                    .collect(),
                cons,
            },
            order,
            labels,
        }
    }

    /// Make the facts consistent the way [`validate`] checks, where the
    /// document allows: solve again with every printed cell kept (none
    /// given up that the tables alone did not give up) and, as far as
    /// possible, table 6 adding up exactly to table 5's 基本支出, each 行政
    /// unit's 机关运行经费 equal to its 公用经费, and "三公" covering the
    /// economic items 30217 and 30231. `values` is replaced only by such a
    /// solution.
    fn cohere(
        &mut self,
        atoms: &[Atom],
        values: &mut [Fen],
        base: &solve::Problem,
        order: &[usize],
        dropped_before: &HashSet<usize>,
    ) {
        let problem = base.clone();
        let economic: Vec<usize> = (0..atoms.len())
            .filter(|&i| matches!(atoms[i], Atom::Economic { .. }))
            .collect();
        let general_basic: Vec<usize> = (0..atoms.len())
            .filter(|&i| {
                matches!(
                    atoms[i],
                    Atom::Basic {
                        source: FundingSource::GeneralPublic,
                        carryover: false,
                        ..
                    }
                )
            })
            .collect();
        let mut soft: Vec<(solve::Con, String)> = Vec::new();
        if !economic.is_empty() || !general_basic.is_empty() {
            let mut terms: Vec<(usize, bool)> = economic.iter().map(|&i| (i, false)).collect();
            terms.extend(general_basic.iter().map(|&i| (i, true)));
            soft.push((
                solve::Con {
                    terms,
                    lo: 0,
                    hi: 0,
                },
                "表6合计与表5基本支出（一般公共预算当年）恰好相等".to_string(),
            ));
        }
        let operating_units: Vec<String> = atoms
            .iter()
            .filter_map(|a| match a {
                Atom::Operating { unit, .. } => Some(unit.clone()),
                _ => None,
            })
            .fold(Vec::new(), |mut v, u| {
                if !v.contains(&u) {
                    v.push(u);
                }
                v
            });
        for unit in &operating_units {
            let mut terms: Vec<(usize, bool)> = Vec::new();
            for (i, a) in atoms.iter().enumerate() {
                match a {
                    Atom::Operating {
                        unit: u,
                        source: FundingSource::GeneralPublic,
                    } if u == unit => terms.push((i, false)),
                    Atom::Economic {
                        unit: u,
                        class: CostClass::Public,
                        ..
                    } if u == unit => terms.push((i, true)),
                    _ => {}
                }
            }
            soft.push((
                solve::Con {
                    terms,
                    lo: 0,
                    hi: 0,
                },
                format!("单位「{unit}」的机关运行经费（表11）等于它的公用经费（表6）"),
            ));
        }
        for (item, code, label) in [
            (1usize, "30217", THREE_RECEPTION),
            (3, "30231", THREE_OPERATION),
        ] {
            let mut terms: Vec<(usize, bool)> = Vec::new();
            for (i, a) in atoms.iter().enumerate() {
                match a {
                    Atom::ThreePublic {
                        item: it,
                        source: FundingSource::GeneralPublic,
                    } if *it == item => terms.push((i, false)),
                    Atom::Economic { code: c, .. } if c == code => terms.push((i, true)),
                    _ => {}
                }
            }
            if terms.iter().any(|t| t.1) {
                soft.push((
                    solve::Con {
                        terms,
                        lo: 0,
                        hi: solve::INF,
                    },
                    format!("表10{label}不少于表6同一科目（{code}）"),
                ));
            }
        }
        // Neither "三公" nor 机关运行经费 above what the department spends of
        // a source (table 4).
        for source in FundingSource::FISCAL {
            let spent: Vec<(usize, bool)> = atoms
                .iter()
                .enumerate()
                .filter(|(_, a)| match a {
                    Atom::Basic { source: s, .. } | Atom::Project { source: s, .. } => *s == source,
                    _ => false,
                })
                .map(|(i, _)| (i, true))
                .collect();
            for (what, three) in [("“三公”经费", true), ("机关运行经费", false)] {
                let mut terms: Vec<(usize, bool)> = atoms
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| match a {
                        Atom::ThreePublic { source: s, .. } => three && *s == source,
                        Atom::Operating { source: s, .. } => !three && *s == source,
                        _ => false,
                    })
                    .map(|(i, _)| (i, false))
                    .collect();
                if terms.is_empty() {
                    continue;
                }
                terms.extend(spent.iter().copied());
                soft.push((
                    solve::Con {
                        terms,
                        lo: -solve::INF,
                        hi: 0,
                    },
                    format!("{what}（{}）不超过部门该来源的支出", source.name()),
                ));
            }
        }
        if soft.is_empty() {
            return;
        }
        let try_with = |kept: &[usize]| -> Option<Vec<Fen>> {
            let mut p = problem.clone();
            let mut ord: Vec<usize> = order.to_vec();
            for &s in kept {
                ord.insert(0, p.cons.len());
                p.cons.push(soft[s].0.clone());
            }
            let solution = solve::solve(&p, &ord);
            // Nothing the tables alone kept may be given up for coherence.
            let worse = solution
                .dropped
                .iter()
                .any(|k| *k >= base.cons.len() || !dropped_before.contains(k));
            (solution.exact && !worse).then_some(solution.values)
        };
        // All together, else one by one.
        let all: Vec<usize> = (0..soft.len()).collect();
        if let Some(v) = try_with(&all) {
            values.copy_from_slice(&v);
            return;
        }
        let mut kept: Vec<usize> = Vec::new();
        let mut best: Option<Vec<Fen>> = None;
        let mut impossible: Vec<&str> = Vec::new();
        for (s, (_, what)) in soft.iter().enumerate() {
            let mut trial = kept.clone();
            trial.push(s);
            match try_with(&trial) {
                Some(v) => {
                    kept = trial;
                    best = Some(v);
                }
                None => impossible.push(what),
            }
        }
        for what in impossible {
            self.note(format!(
                "无法做到{what}：文件的表格不允许（在四舍五入范围内也不行），恢复的预算保留这一不一致。"
            ));
        }
        if let Some(v) = best {
            values.copy_from_slice(&v);
        }
    }

    /// Notes on every cell the recovered facts print differently from the
    /// document.
    fn report_differences(&mut self, facts: &BudgetFacts) {
        let tables = match derive_tables(facts, self.catalogs) {
            Ok(t) => t,
            Err(e) => {
                self.note(format!("恢复出的预算事实无法派生表格：{e}"));
                return;
            }
        };
        let derived: HashMap<CellKey, Amount> =
            derived_cells(&tables, self.use_gov).into_iter().collect();
        let mut missing: Vec<String> = Vec::new();
        let mut differing: Vec<String> = Vec::new();
        let mut seen: HashSet<CellKey> = HashSet::new();
        for table in &self.d.tables {
            for (row, id) in table.rows.iter().zip(row_ids(table, self.use_gov)) {
                for cell in &row.cells {
                    let key = CellKey {
                        kind: table.kind,
                        row: id.clone(),
                        column: cell.column,
                    };
                    seen.insert(key.clone());
                    match derived.get(&key) {
                        Some(v) if v.printed() == cell.value.printed() => {}
                        Some(v) => differing.push(format!(
                            "{}{}栏：原表{}，恢复后{}",
                            row_display(table, row),
                            cell.column.name(),
                            cell.value.printed(),
                            v.printed()
                        )),
                        None if table.empty_note || self.explained.contains(&key) => {}
                        None => missing.push(format!(
                            "{}{}栏{}",
                            row_display(table, row),
                            cell.column.name(),
                            cell.value.printed()
                        )),
                    }
                }
            }
        }
        let mut extra: Vec<String> = derived
            .iter()
            .filter(|(k, _)| !seen.contains(*k) && self.d.table(k.kind).is_some())
            .map(|(k, v)| format!("{}{}栏{}", k.display(), k.column.name(), v.printed()))
            .collect();
        extra.sort();
        let list = |items: &[String]| {
            let mut shown: Vec<String> = items.iter().take(12).cloned().collect();
            if items.len() > 12 {
                shown.push(format!("等{}个", items.len()));
            }
            shown.join("；")
        };
        if !differing.is_empty() {
            self.note(format!(
                "恢复后派生的表与原表有{}个单元格数字不同：{}。",
                differing.len(),
                list(&differing)
            ));
        }
        if !missing.is_empty() {
            self.note(format!(
                "原表的{}个单元格恢复后不再印出：{}。",
                missing.len(),
                list(&missing)
            ));
        }
        if !extra.is_empty() {
            self.note(format!(
                "恢复后派生的表多印{}个原表没有的单元格：{}。",
                extra.len(),
                list(&extra)
            ));
        }
    }
}

struct Constraints {
    problem: solve::Problem,
    order: Vec<usize>,
    /// Whether each constraint is of a printed figure (else of an empty
    /// cell), and the cell, for notes.
    labels: Vec<(bool, String)>,
}

/// The units, projects and table-11 units facts are built on.
struct Skeleton {
    meta: Metadata,
    units: Vec<SpendingUnit>,
    projects: Vec<ProjectDraft>,
    operating_units: Vec<String>,
}

impl Skeleton {
    /// The facts with these atoms at these amounts (zero atoms left out).
    fn facts(&self, atoms: &[Atom], values: &[Fen]) -> BudgetFacts {
        let mut basic = Vec::new();
        let mut sources: Vec<Vec<(FundingSource, Decimal)>> = vec![Vec::new(); self.projects.len()];
        let mut economic = Vec::new();
        let mut three: [Vec<(FundingSource, Decimal)>; 4] = Default::default();
        let mut operating: Vec<Vec<(FundingSource, Decimal)>> =
            vec![Vec::new(); self.operating_units.len()];
        for (atom, &value) in atoms.iter().zip(values) {
            if value == 0 {
                continue;
            }
            let yuan = yuan_of_fen(value);
            match atom {
                Atom::Basic {
                    code,
                    source,
                    carryover,
                } => basic.push(BasicLine {
                    function_code: code.clone(),
                    source: *source,
                    carryover: *carryover,
                    yuan,
                }),
                Atom::Project { index, source } => sources[*index].push((*source, yuan)),
                Atom::Economic { unit, code, class } => economic.push(EconomicLine {
                    unit: unit.clone(),
                    code: code.clone(),
                    class: *class,
                    yuan,
                }),
                Atom::ThreePublic { item, source } => three[*item].push((*source, yuan)),
                Atom::Operating { unit, source } => {
                    if let Some(i) = self.operating_units.iter().position(|u| u == unit) {
                        operating[i].push((*source, yuan));
                    }
                }
            }
        }
        let projects = self
            .projects
            .iter()
            .zip(sources)
            .filter_map(|(p, sources)| {
                Some(ProjectFacts {
                    name: p.name.clone(),
                    unit: p.unit.clone(),
                    function_code: p.code.clone()?,
                    carryover: p.carryover,
                    sources: BySource(sources),
                    attribute: None,
                    period_total: None,
                })
            })
            .collect();
        let [abroad, reception, vehicle_purchase, vehicle_operation] = three;
        BudgetFacts {
            meta: self.meta.clone(),
            units: self.units.clone(),
            basic,
            projects,
            economic,
            three_public: ThreePublic {
                abroad: BySource(abroad),
                reception: BySource(reception),
                vehicle_purchase: BySource(vehicle_purchase),
                vehicle_operation: BySource(vehicle_operation),
            },
            operating_costs: self
                .operating_units
                .iter()
                .zip(operating)
                .map(|(unit, amounts)| OperatingCost {
                    unit: unit.clone(),
                    amounts: BySource(amounts),
                })
                .collect(),
            procurement: None,
            prior_year: None,
        }
    }
}

// ---------------------------------------------------------------------------
// Booking projects under 功能 codes: an exact search
// ---------------------------------------------------------------------------

/// A candidate 项 for projects, with the printed project sums it must take:
/// equalities (table 3 all money, table 5 一般公共预算, table 8 政府性基金,
/// table 9 国有资本经营) and upper bounds (table 2 财政专户, 单位资金,
/// 上年结转, which also hold basic money). `(hundredths, printed)`; None
/// where the table is not in the document.
struct Candidate {
    code: String,
    name: String,
    eq: [Option<(i64, bool)>; 4],
    ub: [Option<(i64, bool)>; 3],
}

/// A project's printed figures in the same dimensions (None: no cell).
struct ProjectVector {
    eq: [Option<i64>; 4],
    ub: [Option<i64>; 3],
}

impl ProjectVector {
    fn of(p: &ProjectDraft) -> ProjectVector {
        let cell = |s: FundingSource| p.cells.iter().find(|(c, _)| *c == s).map(|(_, a)| cents(a));
        let all =
            p.total.as_ref().map(cents).or_else(|| {
                (!p.cells.is_empty()).then(|| p.cells.iter().map(|(_, a)| cents(a)).sum())
            });
        let current = |s: FundingSource| if p.carryover { None } else { cell(s) };
        let general = if p.cells.is_empty() && !p.carryover {
            all
        } else {
            current(FundingSource::GeneralPublic)
        };
        ProjectVector {
            eq: [
                all,
                general,
                current(FundingSource::GovFund),
                current(FundingSource::StateCapital),
            ],
            ub: [
                current(FundingSource::SpecialAccount),
                current(FundingSource::UnitFunds),
                if p.carryover { all } else { None },
            ],
        }
    }
}

#[derive(Debug, Clone)]
struct Assignment {
    /// Candidate index per project.
    assignment: Vec<usize>,
    /// Σ over codes and dimensions of |printed sum − printed total|, in
    /// hundredths: 0 for an exact booking.
    miss: i64,
}

struct AssignSearch<'c> {
    candidates: &'c [Candidate],
    projects: &'c [ProjectVector],
    order: Vec<usize>,
    sums: Vec<[i64; 7]>,
    counts: Vec<[i64; 7]>,
    current: Vec<usize>,
    solutions: Vec<Assignment>,
    nodes: usize,
    truncated: bool,
}

const MAX_BOOKINGS: usize = 48;
const MAX_BOOKING_NODES: usize = 2_000_000;

impl<'c> AssignSearch<'c> {
    fn new(candidates: &'c [Candidate], projects: &'c [ProjectVector]) -> Self {
        let mut order: Vec<usize> = (0..projects.len()).collect();
        order.sort_by_key(|&p| (std::cmp::Reverse(projects[p].eq[0].unwrap_or(0)), p));
        AssignSearch {
            candidates,
            projects,
            order,
            sums: vec![[0; 7]; candidates.len()],
            counts: vec![[0; 7]; candidates.len()],
            current: vec![usize::MAX; projects.len()],
            solutions: Vec::new(),
            nodes: 0,
            truncated: false,
        }
    }

    fn target(c: &Candidate, dim: usize) -> Option<(i64, bool)> {
        if dim < 4 {
            c.eq[dim]
        } else {
            c.ub[dim - 4]
        }
    }

    fn value(p: &ProjectVector, dim: usize) -> Option<i64> {
        if dim < 4 {
            p.eq[dim]
        } else {
            p.ub[dim - 4]
        }
    }

    fn run(&mut self) {
        self.step(0);
    }

    /// Whether project `p` may go to candidate `c` at all: every figure it
    /// has needs a printed cell there.
    fn admits(&self, p: usize, c: usize) -> bool {
        (0..7).all(|dim| {
            !matches!(
                (
                    Self::value(&self.projects[p], dim),
                    Self::target(&self.candidates[c], dim),
                ),
                (Some(_), Some((_, false)))
            )
        })
    }

    fn step(&mut self, depth: usize) {
        if self.solutions.len() >= MAX_BOOKINGS || self.nodes >= MAX_BOOKING_NODES {
            self.truncated = true;
            return;
        }
        self.nodes += 1;
        let slack = (self.projects.len() as i64) / 2 + 1;
        if depth == self.order.len() {
            if let Some(miss) = self.complete() {
                self.solutions.push(Assignment {
                    assignment: self.current.clone(),
                    miss,
                });
            }
            return;
        }
        let p = self.order[depth];
        for c in 0..self.candidates.len() {
            if !self.admits(p, c) {
                continue;
            }
            let mut fits = true;
            for dim in 0..7 {
                if let Some(v) = Self::value(&self.projects[p], dim) {
                    self.sums[c][dim] += v;
                    self.counts[c][dim] += 1;
                    if let Some((t, _)) = Self::target(&self.candidates[c], dim) {
                        if self.sums[c][dim] > t + slack {
                            fits = false;
                        }
                    }
                }
            }
            if fits {
                self.current[p] = c;
                self.step(depth + 1);
            }
            for dim in 0..7 {
                if let Some(v) = Self::value(&self.projects[p], dim) {
                    self.sums[c][dim] -= v;
                    self.counts[c][dim] -= 1;
                }
            }
            if self.truncated {
                return;
            }
        }
    }

    /// The miss of a complete booking, or None when some printed sum is out
    /// of what rounding allows: n printed items may miss their printed total
    /// by less than (n + 1)/2 hundredths.
    fn complete(&self) -> Option<i64> {
        let mut miss = 0;
        for (c, cand) in self.candidates.iter().enumerate() {
            for dim in 0..7 {
                let Some((t, printed)) = Self::target(cand, dim) else {
                    continue;
                };
                let (sum, n) = (self.sums[c][dim], self.counts[c][dim]);
                if dim < 4 {
                    if printed != (n > 0) {
                        return None;
                    }
                    let diff = (sum - t).abs();
                    if 2 * diff > n {
                        return None;
                    }
                    miss += diff;
                } else if sum > t + n / 2 {
                    return None;
                }
            }
        }
        Some(miss)
    }
}

/// How alike a project's name and a code's name are: the code name's
/// character pairs (less the generic ones) found in the project name.
fn likeness(project: &str, code_name: &str) -> i64 {
    const GENERIC: [&str; 4] = ["支出", "其他", "事务", "经费"];
    let project: Vec<char> = normalize_name(project).chars().collect();
    let name: Vec<char> = normalize_name(code_name).chars().collect();
    let pairs: HashSet<(char, char)> = project.windows(2).map(|w| (w[0], w[1])).collect();
    let mut seen: HashSet<(char, char)> = HashSet::new();
    name.windows(2)
        .map(|w| (w[0], w[1]))
        .filter(|pair| {
            let s: String = [pair.0, pair.1].iter().collect();
            !GENERIC.contains(&s.as_str()) && pairs.contains(pair) && seen.insert(*pair)
        })
        .count() as i64
}

#[cfg(test)]
mod tests {
    use super::solve::{solve, Con, Problem, INF};
    use super::*;

    fn wan(s: &str) -> Amount {
        Amount::new(s.parse().unwrap(), Unit::WanYuan)
    }

    #[test]
    fn printed_ranges() {
        assert_eq!(printed_range(&wan("110.29")), (110_285_000, 110_294_999));
        assert_eq!(printed_range(&wan("0.00")), (1, 4_999));
        assert_eq!(printed_range(&wan("0.01")), (5_000, 14_999));
        let yuan = Amount::new("577900".parse().unwrap(), Unit::Yuan);
        assert_eq!(printed_range(&yuan), (57_789_950, 57_790_049));
    }

    #[test]
    fn items_that_miss_their_total_by_a_cent_are_moved_by_whole_yuan() {
        // Three items printed 1.00, 1.00, 1.01 (万元) under a total of 3.00.
        let item = |v: &str| printed_range(&wan(v));
        let (a, b, c, t) = (item("1.00"), item("1.00"), item("1.01"), item("3.00"));
        let p = Problem {
            lo: vec![0; 3],
            hi: vec![INF; 3],
            hint: vec![None; 3],
            weight: vec![1.0; 3],
            cons: vec![
                Con {
                    terms: vec![(0, false)],
                    lo: a.0,
                    hi: a.1,
                },
                Con {
                    terms: vec![(1, false)],
                    lo: b.0,
                    hi: b.1,
                },
                Con {
                    terms: vec![(2, false)],
                    lo: c.0,
                    hi: c.1,
                },
                Con {
                    terms: vec![(0, false), (1, false), (2, false)],
                    lo: t.0,
                    hi: t.1,
                },
            ],
        };
        let s = solve(&p, &[0, 1, 2, 3]);
        assert!(s.exact && s.dropped.is_empty(), "{s:?}");
        let sum: Fen = s.values.iter().sum();
        assert!(t.0 <= sum && sum <= t.1, "{s:?}");
        for (v, (lo, hi)) in s.values.iter().zip([a, b, c]) {
            assert!(lo <= *v && *v <= hi);
            assert_eq!(v % 100, 0, "whole yuan: {v}");
        }
    }

    #[test]
    fn a_total_the_items_contradict_is_dropped() {
        let p = Problem {
            lo: vec![0; 2],
            hi: vec![INF; 2],
            hint: vec![None; 2],
            weight: vec![1.0; 2],
            cons: vec![
                Con {
                    terms: vec![(0, false)],
                    lo: 10_000,
                    hi: 10_000,
                },
                Con {
                    terms: vec![(1, false)],
                    lo: 10_000,
                    hi: 10_000,
                },
                Con {
                    terms: vec![(0, false), (1, false)],
                    lo: 50_000,
                    hi: 50_000,
                },
            ],
        };
        let s = solve(&p, &[0, 1, 2]);
        assert_eq!(s.dropped, vec![2]);
        assert_eq!(s.values, vec![10_000, 10_000]);
        assert!(s.exact);
    }

    #[test]
    fn hints_are_taken_when_they_print_right() {
        let (lo, hi) = printed_range(&wan("53.64"));
        let p = Problem {
            lo: vec![0],
            hi: vec![INF],
            hint: vec![Some(53_643_888)],
            weight: vec![1.0],
            cons: vec![Con {
                terms: vec![(0, false)],
                lo,
                hi,
            }],
        };
        assert_eq!(solve(&p, &[0]).values, vec![53_643_888]);
    }

    #[test]
    fn reasons_are_the_sentences_after_yuanyinshi() {
        let r = reason(
            [
                "收入比上年增加65.01万元，主要原因是本年新增项目60万元。；支出比上年增加65.01万元，主要原因是本年新增项目60万元。",
                "比2023年预算增加0.56万元，原因是新增一名工作人员，导致机关运行经费增加。",
            ]
            .into_iter(),
        );
        assert_eq!(
            r.as_deref(),
            Some("本年新增项目60万元；新增一名工作人员，导致机关运行经费增加")
        );
        assert_eq!(reason(["公务接待费减少。"].into_iter()), None);
    }

    #[test]
    fn other_notes_drop_placeholders_and_join_broken_paragraphs() {
        let p = other_paragraphs(
            [
                "（一）目录：",
                "A100401调解服务。",
                "（二）其他无。",
                "(二) 其他无",
            ]
            .into_iter(),
        );
        assert_eq!(p, vec!["（一）目录：A100401调解服务。".to_string()]);
    }

    #[test]
    fn likeness_counts_shared_pairs() {
        assert!(
            likeness("信访专项工作经费", "信访事务") > likeness("信访专项工作经费", "结算补助支出")
        );
    }
}
