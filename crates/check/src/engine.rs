//! Running the rules on a disclosure.

use crate::rules::{catalog, Rule};
use std::collections::HashMap;
use yusuan_core::amount::{Amount, Unit};
use yusuan_core::catalog::{normalize_name, Catalogs, Classification};
use yusuan_core::finding::{Finding, Location};
use yusuan_core::identity::{evaluate_all, Declared, Violation};
use yusuan_core::interval::Interval;
use yusuan_core::model::{
    CellRef, Claim, ClaimKind, Column, Direction, Disclosure, ProseSection, RowKind, SectionKind,
    Side, TableKind,
};
use yusuan_core::rate::{rate_of_change, share};

/// A checker: the rule catalog of a form and its identities.
pub struct Checker {
    identities: Vec<Declared>,
    rules: HashMap<&'static str, Rule>,
}

impl Checker {
    pub fn new(identities: Vec<Declared>) -> Checker {
        let rules = catalog(&identities)
            .into_iter()
            .map(|r| (r.code, r))
            .collect();
        Checker { identities, rules }
    }

    /// The national budget form.
    pub fn national() -> Checker {
        Checker::new(yusuan_core::identity::national::identities())
    }

    pub fn rules(&self) -> Vec<Rule> {
        catalog(&self.identities)
    }

    /// A finding of a rule (its severity from the catalog).
    fn finding(&self, code: &str, message: String, location: Location) -> Finding {
        let severity = self
            .rules
            .get(code)
            .map_or(yusuan_core::finding::Severity::Warning, |r| r.severity);
        Finding {
            rule: code.to_string(),
            severity,
            message,
            location,
            expected: None,
            actual: None,
            related: Vec::new(),
        }
    }

    /// Every finding of every rule, in the order of the document.
    pub fn check(&self, d: &Disclosure) -> Vec<Finding> {
        let mut out = Vec::new();
        out.extend(
            evaluate_all(&self.identities, d)
                .into_iter()
                .map(|v| self.violation_finding(v)),
        );
        self.prose(d, &mut out);
        self.targets(d, &mut out);
        self.catalog_codes(d, &mut out);
        self.completeness(d, &mut out);
        self.plausibility(d, &mut out);
        out.sort_by_key(|f| (f.location.line.unwrap_or(u32::MAX), f.location.table));
        out
    }

    fn violation_finding(&self, v: Violation) -> Finding {
        let mut f = self.finding(
            v.id,
            v.message.clone(),
            Location {
                table: Some(v.table),
                row: v.row_code.clone().or(v.row_label.clone()),
                column: Some(v.column.name().to_string()),
                section: None,
                line: v.provenance.line,
                span: v.provenance.span,
            },
        );
        f.expected = Some(format!("{}{}", v.expected, v.unit));
        f.actual = Some(format!("{}{}", v.actual, v.unit));
        f.related = v.related;
        f
    }
}

/// The printed value of a referenced cell, as an interval in yuan; an empty
/// cell of a present row is exactly zero. `None` when the table or row is absent.
pub fn cell_value(d: &Disclosure, c: &CellRef) -> Option<Interval> {
    let t = d.table_number(c.table)?;
    let row = t.rows.iter().find(|r| {
        (c.side.is_none() || r.side == c.side)
            && match (&c.row_code, &c.row_label) {
                (Some(code), _) => r.code.as_deref() == Some(code.as_str()),
                (None, Some(label)) => &r.label == label,
                (None, None) => false,
            }
    })?;
    if !row.unplaced.is_empty() {
        return None;
    }
    Some(
        row.get(c.column)
            .map_or(Interval::zero(), |a| a.interval_in(Unit::Yuan)),
    )
}

fn wan(i: &Interval) -> Interval {
    i.scale(Unit::Yuan.yuan_factor() / Unit::WanYuan.yuan_factor())
}

fn at(section: &ProseSection, claim: &Claim) -> Location {
    Location {
        table: claim.cell.as_ref().map(|c| c.table),
        row: claim
            .cell
            .as_ref()
            .and_then(|c| c.row_code.clone().or(c.row_label.clone())),
        column: claim.cell.as_ref().map(|c| c.column.name().to_string()),
        section: Some(format!("{}、{}", chinese(section.number), section.title)),
        line: claim.provenance.line,
        span: claim.provenance.span,
    }
}

fn chinese(n: u8) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n - 10) as usize]),
        _ => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
    }
}

impl Checker {
    fn prose(&self, d: &Disclosure, out: &mut Vec<Finding>) {
        for section in &d.sections {
            let whole = section.claims.iter().find_map(|c| match &c.kind {
                ClaimKind::Amount { .. } => c.cell.as_ref().and_then(|r| cell_value(d, r)),
                _ => None,
            });
            for (i, claim) in section.claims.iter().enumerate() {
                let loc = || at(section, claim);
                let table = claim.cell.as_ref().and_then(|c| cell_value(d, c));
                match &claim.kind {
                    ClaimKind::Amount { value } => {
                        if let Some(t) = table {
                            if !value.interval_in(Unit::Yuan).intersects(&t) {
                                let mut f = self.finding(
                                    "prose-amount",
                                    format!(
                                        "「{}」{}: 情况说明写 {}, 表{} 为 {}万元",
                                        claim.subject,
                                        claim.sentence,
                                        value,
                                        claim.cell.as_ref().map_or(0, |c| c.table),
                                        wan(&t)
                                    ),
                                    loc(),
                                );
                                f.expected = Some(format!("{}万元", wan(&t)));
                                f.actual = Some(value.to_string());
                                out.push(f);
                            }
                        }
                        if let (Some(c), Some(t)) = (
                            &claim.cell,
                            d.table_number(claim.cell.as_ref().map_or(0, |c| c.table)),
                        ) {
                            if let Some(code) = &c.row_code {
                                if let Some(row) = t.row_by_code(code, c.side) {
                                    let printed = normalize_name(&claim.subject);
                                    if !printed.contains(&normalize_name(&row.label)) {
                                        out.push(self.finding(
                                            "prose-name",
                                            format!(
                                                "情况说明写「{}」, 表{} 的 {} 名为「{}」",
                                                claim.subject, t.number, code, row.label
                                            ),
                                            loc(),
                                        ));
                                    }
                                }
                            }
                        }
                    }
                    ClaimKind::Share { value, .. } => {
                        if let (Some(part), Some(base)) = (table, whole) {
                            if let Some(computed) = share(&part, &base) {
                                if !value.consistent_with(&computed) {
                                    let mut f = self.finding(
                                        "prose-share",
                                        format!(
                                            "「{}」占 {}: 表中数字算得 {:.2}%",
                                            claim.subject,
                                            value,
                                            computed.mid()
                                        ),
                                        loc(),
                                    );
                                    f.expected = Some(format!("{computed}%"));
                                    f.actual = Some(value.to_string());
                                    out.push(f);
                                }
                            }
                        }
                    }
                    ClaimKind::Change {
                        direction,
                        amount,
                        rate,
                    } => {
                        let current = table.or_else(|| {
                            section.claims[..i].iter().rev().find_map(|c| {
                                match (&c.kind, c.subject == claim.subject) {
                                    (ClaimKind::Amount { value }, true) => {
                                        Some(value.interval_in(Unit::Yuan))
                                    }
                                    _ => None,
                                }
                            })
                        });
                        if let (Some(amount), Some(rate), Some(current)) = (amount, rate, current) {
                            let signed = match direction {
                                Direction::Decrease => amount.interval_in(Unit::Yuan).neg(),
                                _ => amount.interval_in(Unit::Yuan),
                            };
                            let signed_rate = match direction {
                                Direction::Decrease => -rate.value,
                                _ => rate.value,
                            };
                            if let Some(computed) = rate_of_change(&current, &signed) {
                                let printed = yusuan_core::rate::Percent {
                                    value: signed_rate,
                                    decimals: rate.decimals,
                                };
                                if !printed.consistent_with(&computed) {
                                    let mut f = self.finding(
                                        "prose-change",
                                        format!(
                                            "「{}」{}{}，{}: 以本年 {}万元 算得变动率 {:.2}%",
                                            claim.subject,
                                            direction_word(*direction),
                                            amount,
                                            rate,
                                            wan(&current),
                                            computed.mid()
                                        ),
                                        loc(),
                                    );
                                    f.expected = Some(format!("{computed}%"));
                                    f.actual = Some(format!("{printed}"));
                                    out.push(f);
                                }
                            }
                        }
                    }
                    ClaimKind::Enumeration {
                        items,
                        stated_total,
                    } => {
                        self.enumeration(claim, items, stated_total, loc(), out);
                    }
                    ClaimKind::Procurement {
                        total,
                        goods,
                        works,
                        services,
                    } => {
                        let parts: Vec<Amount> = [goods, works, services]
                            .into_iter()
                            .flatten()
                            .copied()
                            .collect();
                        if parts.len() == 3 && !yusuan_core::amount::sum_consistent(&parts, total) {
                            out.push(self.finding(
                                "prose-procurement",
                                format!(
                                    "政府采购预算总额 {} ≠ 货物 {} + 工程 {} + 服务 {}",
                                    total, parts[0], parts[1], parts[2]
                                ),
                                loc(),
                            ));
                        }
                    }
                    ClaimKind::Count { .. } => {}
                }
                if !claim.is_resolved() {
                    out.push(self.finding(
                        "prose-unresolved",
                        format!("「{}」: 无法确定此数字对应的表格或事项", claim.subject),
                        loc(),
                    ));
                }
            }
            self.breakdowns(section, out);
            self.section_figures(section, out);
        }
        self.project_count(d, out);
    }

    fn enumeration(
        &self,
        claim: &Claim,
        items: &[yusuan_core::model::EnumeratedItem],
        total: &Amount,
        loc: Location,
        out: &mut Vec<Finding>,
    ) {
        let values: Vec<Amount> = items.iter().map(|i| i.value).collect();
        if !yusuan_core::amount::sum_consistent(&values, total) {
            let sum: rust_decimal::Decimal = items.iter().map(|i| i.value.yuan()).sum();
            let mut f = self.finding(
                "prose-enumeration",
                format!(
                    "「{}」: 所列 {} 项合计 {}万元, 而文中称合计 {}",
                    claim.sentence,
                    items.len(),
                    (sum / Unit::WanYuan.yuan_factor()).normalize(),
                    total
                ),
                loc,
            );
            // As everywhere: `expected` is what the figures give (the sum
            // of the items), `actual` what the text prints (its total).
            f.expected = Some(format!(
                "{}万元",
                (sum / Unit::WanYuan.yuan_factor()).normalize()
            ));
            f.actual = Some(total.to_string());
            out.push(f);
        }
    }

    /// `…320.18万元。其中：A…10.80万元；B…305.00万元。`: the amounts listed
    /// after 其中 (to the end of the sentence, across `；`) must add up to an
    /// amount stated before them. A change (`比上年增加…`) ends the list.
    fn breakdowns(&self, section: &ProseSection, out: &mut Vec<Finding>) {
        let claims = &section.claims;
        let mut i = 0;
        while i < claims.len() {
            let c = &claims[i];
            let opens =
                c.sentence.contains("其中") && (i == 0 || claims[i - 1].sentence != c.sentence);
            if !opens {
                i += 1;
                continue;
            }
            let after = &c.sentence[c.sentence.find("其中").unwrap_or(0)..];
            let mut sentence = c.sentence.as_str();
            let mut parts: Vec<Amount> = Vec::new();
            let mut j = i;
            while j < claims.len() {
                let cj = &claims[j];
                if cj.sentence != sentence {
                    if !sentence.ends_with(['；', ';']) || cj.sentence.contains("其中") {
                        break;
                    }
                    sentence = cj.sentence.as_str();
                }
                match &cj.kind {
                    ClaimKind::Amount { value }
                        if sentence != c.sentence || after.contains(&cj.subject) =>
                    {
                        parts.push(*value)
                    }
                    ClaimKind::Change {
                        amount: Some(_), ..
                    }
                    | ClaimKind::Change { rate: Some(_), .. } => break,
                    _ => {}
                }
                j += 1;
            }
            let whole: Vec<&Amount> = claims[..i]
                .iter()
                .filter_map(|c| match &c.kind {
                    ClaimKind::Amount { value } => Some(value),
                    _ => None,
                })
                .collect();
            // Some prefix of two or more parts must add up to an earlier amount.
            let adds_up = (2..=parts.len()).any(|n| {
                whole
                    .iter()
                    .any(|w| yusuan_core::amount::sum_consistent(&parts[..n], w))
            });
            if parts.len() >= 2 && !whole.is_empty() && !adds_up {
                let sum: rust_decimal::Decimal = parts.iter().map(|v| v.yuan()).sum();
                let sum = (sum / Unit::WanYuan.yuan_factor()).normalize();
                let mut f = self.finding(
                    "prose-breakdown",
                    format!(
                        "「{}」: 其中所列 {} 项合计 {sum}万元, 与前述 {} 均不符",
                        c.sentence,
                        parts.len(),
                        whole
                            .iter()
                            .map(|a| a.to_string())
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                    at(section, c),
                );
                f.expected = whole.last().map(|w| w.to_string());
                f.actual = Some(format!("{sum}万元"));
                out.push(f);
            }
            i = j.max(i + 1);
        }
    }

    /// Sections that must state a figure (三公 and 机关运行经费 their amounts).
    fn section_figures(&self, section: &ProseSection, out: &mut Vec<Finding>) {
        let needs = matches!(section.kind, SectionKind::OperatingCosts);
        let states = section
            .claims
            .iter()
            .any(|c| matches!(c.kind, ClaimKind::Amount { .. }));
        let says_none = section.paragraphs.iter().any(|p| p.text.contains('无'));
        if needs && !states && !says_none {
            out.push(self.finding(
                "prose-missing-figure",
                format!(
                    "{}、{}: 未说明金额及其增减变动",
                    chinese(section.number),
                    section.title
                ),
                Location {
                    section: Some(format!("{}、{}", chinese(section.number), section.title)),
                    line: section.provenance.line,
                    ..Default::default()
                },
            ));
        }
    }

    /// The number of projects under performance management against table 12
    /// and the target tables.
    fn project_count(&self, d: &Disclosure, out: &mut Vec<Finding>) {
        let Some(section) = d.section(SectionKind::Performance) else {
            return;
        };
        let Some(claim) = section.claims.iter().find(|c| {
            matches!(c.kind, ClaimKind::Count { .. })
                && c.topic.as_deref() == Some("performance.projects")
        }) else {
            return;
        };
        let ClaimKind::Count { value, .. } = claim.kind else {
            return;
        };
        let in_table = d
            .table(TableKind::ProjectsCurrent)
            .map(|t| t.rows.iter().filter(|r| r.kind == RowKind::Project).count());
        let targets = d.targets.len();
        let mut differs = Vec::new();
        if let Some(n) = in_table {
            if n as u32 != value {
                differs.push(format!("表12 列有 {n} 个项目"));
            }
        }
        if targets > 0 && targets as u32 != value {
            differs.push(format!("公开了 {targets} 张项目绩效目标表"));
        }
        self.project_amount(d, section, out);
        if !differs.is_empty() {
            let mut f = self.finding(
                "prose-project-count",
                format!(
                    "情况说明称{}{}个, 而{}",
                    claim.subject,
                    value,
                    differs.join("、")
                ),
                at(section, claim),
            );
            f.expected = in_table.map(|n| n.to_string());
            f.actual = Some(value.to_string());
            out.push(f);
        }
    }
}

impl Checker {
    /// The amount of the projects under performance management (the first
    /// amount about them, `共计金额320.18万元`; later ones are the parts
    /// after 其中) against the sum of table 12's projects, which prints no
    /// 合计 row of its own.
    fn project_amount(&self, d: &Disclosure, section: &ProseSection, out: &mut Vec<Finding>) {
        let Some(claim) = section.claims.iter().find(|c| {
            matches!(c.kind, ClaimKind::Amount { .. })
                && c.topic.as_deref() == Some("performance.projects.amount")
        }) else {
            return;
        };
        let ClaimKind::Amount { value } = &claim.kind else {
            return;
        };
        let Some(table) = d.table(TableKind::ProjectsCurrent) else {
            return;
        };
        let projects: Vec<Interval> = table
            .rows
            .iter()
            .filter(|r| r.kind == RowKind::Project)
            .filter_map(|r| r.get(Column::Total))
            .map(|a| a.interval_in(value.unit))
            .collect();
        if projects.is_empty() {
            return;
        }
        let sum = Interval::sum(&projects);
        if sum.intersects(&value.interval()) {
            return;
        }
        let mut f = self.finding(
            "prose-amount",
            format!(
                "「{}」: 情况说明写 {}{}, 而表12 各项目合计为 {}{}",
                claim.subject,
                value.printed(),
                value.unit.as_str(),
                sum.mid().round_dp(2),
                value.unit.as_str()
            ),
            at(section, claim),
        );
        f.location.table = Some(table.number);
        f.expected = Some(sum.mid().round_dp(2).to_string());
        f.actual = Some(value.printed());
        out.push(f);
    }
}

fn direction_word(d: Direction) -> &'static str {
    match d {
        Direction::Increase => "增加",
        Direction::Decrease => "减少",
        Direction::Unchanged => "持平",
    }
}

impl Checker {
    fn targets(&self, d: &Disclosure, out: &mut Vec<Finding>) {
        let projects: Vec<&yusuan_core::model::Row> = d
            .table(TableKind::ProjectsCurrent)
            .map(|t| {
                t.rows
                    .iter()
                    .filter(|r| r.kind == RowKind::Project)
                    .collect()
            })
            .unwrap_or_default();
        let loc = |t: &yusuan_core::model::PerformanceTarget| Location {
            row: Some(t.project.clone()),
            section: Some("绩效目标表".into()),
            line: t.provenance.line,
            ..Default::default()
        };
        for t in &d.targets {
            for claim in &t.claims {
                if let ClaimKind::Enumeration {
                    items,
                    stated_total,
                } = &claim.kind
                {
                    let mut at = loc(t);
                    at.line = claim.provenance.line.or(at.line);
                    self.enumeration(claim, items, stated_total, at, out);
                }
            }
            for (what, funds) in [("实施期", &t.period_funds), ("年度", &t.annual_funds)] {
                let sources = funds.sources();
                if let (Some(total), false) = (funds.total, sources.is_empty()) {
                    if !yusuan_core::amount::sum_consistent(&sources, &total) {
                        out.push(self.finding(
                            "target-sources",
                            format!(
                                "「{}」{}资金来源之和 ≠ {}资金总额 {}",
                                t.project, what, what, total
                            ),
                            loc(t),
                        ));
                    }
                }
            }
            if let (Some(p), Some(a)) = (t.period_funds.total, t.annual_funds.total) {
                if p.interval_in(Unit::Yuan).hi < a.interval_in(Unit::Yuan).lo {
                    out.push(self.finding(
                        "target-period",
                        format!(
                            "「{}」实施期资金总额 {} 小于年度资金总额 {}",
                            t.project, p, a
                        ),
                        loc(t),
                    ));
                }
            }
            let key = normalize_name(&t.project);
            let row = projects.iter().find(|r| normalize_name(&r.label) == key);
            match (row, t.annual_funds.total) {
                (Some(r), Some(annual)) => {
                    if let Some(amount) = r.get(Column::Total) {
                        if !amount.agrees_with(&annual) {
                            let mut f = self.finding(
                                "target-annual-amount",
                                format!(
                                    "「{}」年度资金总额 {} ≠ 表12 合计 {}",
                                    t.project, annual, amount
                                ),
                                loc(t),
                            );
                            f.expected = Some(amount.to_string());
                            f.actual = Some(annual.to_string());
                            out.push(f);
                        }
                    }
                }
                (None, _) if !projects.is_empty() => out.push(self.finding(
                    "target-missing",
                    format!("绩效目标表「{}」的项目不在表12中", t.project),
                    loc(t),
                )),
                _ => {}
            }
        }
        if !d.targets.is_empty() {
            for r in &projects {
                let key = normalize_name(&r.label);
                if !d.targets.iter().any(|t| normalize_name(&t.project) == key) {
                    out.push(self.finding(
                        "target-missing",
                        format!("表12 的项目「{}」没有绩效目标表", r.label),
                        Location {
                            table: Some(12),
                            row: Some(r.label.clone()),
                            line: r.provenance.line,
                            ..Default::default()
                        },
                    ));
                }
            }
        }
    }

    fn catalog_codes(&self, d: &Disclosure, out: &mut Vec<Finding>) {
        let catalogs = Catalogs::embedded();
        let year = d.meta.year;
        let functions = catalogs.get(Classification::Function, year).ok();
        let econ = catalogs.get(Classification::EconomicDepartment, year).ok();
        for t in &d.tables {
            // Table 6 prints no codes: an item is found by name under the
            // 类 row above it (办公设备购置 is 30902 under 309, 31002 under 310).
            let mut class_code: Option<String> = None;
            for r in &t.rows {
                if t.kind == TableKind::BasicByEconomic && r.level == 1 {
                    class_code = econ.and_then(|c| {
                        c.find_by_name(&r.label, None)
                            .into_iter()
                            .find(|i| i.code.len() == 3)
                            .map(|i| i.code.clone())
                    });
                }
                let loc = || Location {
                    table: Some(t.number),
                    row: r.code.clone().or(Some(r.label.clone())),
                    line: r.provenance.line,
                    ..Default::default()
                };
                if let (Some(code), Some(cat)) = (&r.code, functions) {
                    match cat.lookup(code) {
                        Err(e) => out.push(self.finding(
                            "catalog-unknown-code",
                            format!("表{}: {e}", t.number),
                            loc(),
                        )),
                        Ok(item) => {
                            if !cat.name_matches(code, &r.label) && !r.label.is_empty() {
                                out.push(self.finding(
                                    "catalog-name",
                                    format!(
                                        "表{} {code}: 印「{}」, {}年科目表为「{}」",
                                        t.number, r.label, year, item.name
                                    ),
                                    loc(),
                                ));
                            }
                        }
                    }
                }
                if t.kind == TableKind::BasicByEconomic {
                    if let (Some(gov), Some(cat)) = (&r.gov_item, econ) {
                        let Some(item) = cat
                            .find_by_name(&r.label, class_code.as_deref())
                            .into_iter()
                            .find(|i| i.code.len() == 5)
                        else {
                            continue;
                        };
                        let mapped: Vec<String> = [
                            yusuan_core::model::UnitKind::Administrative,
                            yusuan_core::model::UnitKind::Institution,
                        ]
                        .into_iter()
                        .filter_map(|k| {
                            cat.government_item(&item.code, k)
                                .ok()
                                .map(|g| g.name.clone())
                        })
                        .collect();
                        if !mapped.is_empty()
                            && !mapped
                                .iter()
                                .any(|m| normalize_name(m) == normalize_name(gov))
                        {
                            out.push(self.finding(
                                "catalog-economic-mapping",
                                format!(
                                    "表6「{}」({}) 印为政府经济分类「{gov}」, 应为「{}」",
                                    r.label,
                                    item.code,
                                    mapped.join("」或「")
                                ),
                                loc(),
                            ));
                        }
                    }
                }
            }
        }
    }

    fn completeness(&self, d: &Disclosure, out: &mut Vec<Finding>) {
        for kind in TableKind::NATIONAL {
            match d.table(kind) {
                None => out.push(self.finding(
                    "missing-table",
                    format!("缺少表{}「{}」", kind.national_number(), kind.title()),
                    Location {
                        table: Some(kind.national_number()),
                        ..Default::default()
                    },
                )),
                Some(t) => {
                    let figures = t
                        .rows
                        .iter()
                        .any(|r| !r.cells.is_empty() || !r.unplaced.is_empty());
                    let loc = Location {
                        table: Some(t.number),
                        line: t.provenance.line,
                        ..Default::default()
                    };
                    if !figures && !t.empty_note {
                        out.push(self.finding(
                            "empty-table-note",
                            format!("表{} 为空表但未注明“本表无数据”", t.number),
                            loc,
                        ));
                    } else if figures && t.empty_note {
                        out.push(self.finding(
                            "note-with-figures",
                            format!(
                                "表{} 注明“本表无数据”, 却印有 {} 个数字",
                                t.number,
                                t.rows.iter().map(|r| r.cells.len()).sum::<usize>()
                            ),
                            loc,
                        ));
                    }
                }
            }
        }
        // Every section the rules require: all but 其他说明.
        let required = SectionKind::ALL
            .into_iter()
            .filter(|k| *k != SectionKind::Other);
        for kind in required {
            if d.section(kind).is_none() {
                out.push(self.finding(
                    "missing-section",
                    format!("情况说明缺少「{}」", kind.title()),
                    Location {
                        section: Some(kind.title().to_string()),
                        ..Default::default()
                    },
                ));
            }
        }
        if d.overview.duties.is_empty() || d.overview.organisation.is_empty() {
            out.push(self.finding(
                "missing-overview",
                "第一部分 缺少部门职责或机构设置".into(),
                Location::default(),
            ));
        }
        if d.glossary.is_empty() {
            out.push(self.finding(
                "missing-glossary",
                "缺少第四部分 名词解释".into(),
                Location::default(),
            ));
        }
    }

    /// 机关运行经费 (table 11) is the public expenditure of the 行政 and 参公
    /// units; table 6 says which units' it is by the government item each
    /// line is booked under (502 for 机关, 505 for a 事业 unit).
    fn operating_costs(&self, d: &Disclosure, out: &mut Vec<Finding>) {
        let (Some(t6), Some(t11)) = (
            d.table(TableKind::BasicByEconomic),
            d.table(TableKind::OperatingCosts),
        ) else {
            return;
        };
        let Ok(gov) = Catalogs::embedded().get(Classification::EconomicGovernment, d.meta.year)
        else {
            return;
        };
        let mut administrative: Vec<Amount> = Vec::new();
        let mut institution = false;
        for r in t6.rows.iter().filter(|r| r.level == 2) {
            let (Some(item), Some(public)) = (&r.gov_item, r.get(Column::Public)) else {
                continue;
            };
            let Some(code) = gov
                .find_by_name(item, None)
                .into_iter()
                .map(|i| i.code.clone())
                .find(|c| c.len() == 5)
            else {
                continue;
            };
            // 501–504 are the 机关's own items; 505 and 506 subsidise 事业 units.
            if ["501", "502", "503", "504"]
                .iter()
                .any(|p| code.starts_with(p))
            {
                administrative.push(*public);
            } else if code.starts_with("505") || code.starts_with("506") {
                institution = true;
            }
        }
        let Some(total) = t11
            .row_of_kind(RowKind::Total, None)
            .and_then(|r| r.get(Column::GeneralPublic))
        else {
            return;
        };
        if institution
            && !administrative.is_empty()
            && !yusuan_core::amount::sum_consistent(&administrative, total)
        {
            let sum: rust_decimal::Decimal = administrative.iter().map(|a| a.yuan()).sum();
            let sum = (sum / Unit::WanYuan.yuan_factor()).normalize();
            let mut f = self.finding(
                "operating-costs-administrative",
                format!(
                    "表{} 部门合计机关运行经费 {total}, 而表{} 中记入机关科目（501–504）的公用经费合计 {sum}万元；记入对事业单位补助（505、506）的公用经费不属机关运行经费",
                    t11.number, t6.number
                ),
                Location {
                    table: Some(t11.number),
                    row: Some("部门合计".into()),
                    column: Some(Column::GeneralPublic.name().into()),
                    line: t11.row_of_kind(RowKind::Total, None).and_then(|r| r.provenance.line),
                    ..Default::default()
                },
            );
            f.expected = Some(format!("{sum}万元"));
            f.actual = Some(total.to_string());
            out.push(f);
        }
    }

    fn plausibility(&self, d: &Disclosure, out: &mut Vec<Finding>) {
        self.operating_costs(d, out);
        // Vehicle running costs without vehicles.
        let vehicles = d.section(SectionKind::Assets).and_then(|s| {
            s.claims
                .iter()
                .find_map(|c| match (&c.kind, c.topic.as_deref()) {
                    (ClaimKind::Count { value, .. }, Some("assets.vehicles"))
                        if c.subject.contains("实有") || c.subject.contains("编制") =>
                    {
                        Some(*value)
                    }
                    _ => None,
                })
        });
        let running = d
            .table(TableKind::ThreePublic)
            .and_then(|t| t.row_by_label("公务用车运行维护费", None))
            .and_then(|r| r.get(Column::Total))
            .filter(|a| !a.is_zero());
        if let (Some(0), Some(a)) = (vehicles, running) {
            out.push(self.finding(
                "vehicle-costs-without-vehicles",
                format!("国有资产部分称实有公务用车0辆, 表10 却安排公务用车运行维护费 {a}"),
                Location {
                    table: Some(10),
                    row: Some("公务用车运行维护费".into()),
                    ..Default::default()
                },
            ));
        }
        if let Some(t) = d.table(TableKind::ProjectsCurrent) {
            for r in t
                .rows
                .iter()
                .filter(|r| r.kind == RowKind::Project && r.label.contains("结转"))
            {
                out.push(self.finding(
                    "carryover-project-this-year",
                    format!(
                        "项目「{}」名称表明为上年结转, 却列在表{}（本年预算）而非表13（上年结转）",
                        r.label, t.number
                    ),
                    Location {
                        table: Some(t.number),
                        row: Some(r.label.clone()),
                        line: r.provenance.line,
                        ..Default::default()
                    },
                ));
            }
        }
        let _ = Side::Income;
    }
}
