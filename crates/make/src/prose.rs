//! 第三部分 情况说明: the explanation written from the numbers.
//!
//! Every figure in a sentence is a printed table cell (through [`Figures`]),
//! or a share or change computed from printed cells exactly as a reader
//! recomputes it, so the prose restates the tables by construction. The
//! wording follows the national form as departments write it (the seeds'
//! sentences), because that is what readers, auditors and the checker expect
//! to find; only the reasons for changes and the assets come from the
//! department's own words.

use crate::figures::{difference, share, wan, Figures};
use rust_decimal::Decimal;
use yusuan_core::amount::Amount;
use yusuan_core::budget::Budget;
use yusuan_core::facts::FundingSource;
use yusuan_core::model::{
    Column, Disclosure, Paragraph, ProjectAttribute, ProseSection, Provenance, RowKind,
    SectionKind, TableKind,
};

/// A sentence clause comparing this year's printed amount with last year's:
/// `，比上年增加65.01万元，增长15.50%`. Empty when last year is unknown.
fn change_clause(now: &Amount, prior: Option<Amount>, against: &str) -> String {
    let Some(prior) = prior else {
        return String::new();
    };
    let diff = difference(now, &prior);
    if diff.value.is_zero() {
        return format!("，与{against}持平");
    }
    let magnitude = Amount {
        value: diff.value.abs(),
        ..diff
    };
    let rate = share(&magnitude, &prior);
    let (more, rises) = if diff.value.is_sign_positive() {
        ("增加", "增长")
    } else {
        ("减少", "下降")
    };
    match rate {
        Some(rate) => format!(
            "，比{against}{more}{}万元，{rises}{rate}",
            magnitude.printed()
        ),
        None => format!("，比{against}{more}{}万元", magnitude.printed()),
    }
}

/// `，占33.92%`, or nothing when the whole is zero.
fn share_clause(part: &Amount, whole: &Amount) -> String {
    share(part, whole)
        .map(|p| format!("，占{p}"))
        .unwrap_or_default()
}

/// A reason as a clause: `，主要原因是…` without a doubled full stop.
fn reason_clause(lead: &str, reason: Option<&str>) -> String {
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => format!("，{lead}{}", r.trim_end_matches(['。', '；', ';', '.'])),
        None => String::new(),
    }
}

/// The department's own paragraphs, with an empty one dropped.
fn own(paragraphs: &[String]) -> Vec<String> {
    paragraphs
        .iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The sections 一 to 十二 of 第三部分, numbered in the national order.
pub fn sections(budget: &Budget, d: &Disclosure) -> Vec<ProseSection> {
    let w = Writer {
        budget,
        f: Figures::new(d),
        year: budget.facts.meta.year,
        dept: budget.facts.meta.department.as_str(),
    };
    SectionKind::ALL
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let paragraphs = match kind {
                SectionKind::Changes => w.changes(),
                SectionKind::Revenue => w.revenue(),
                SectionKind::Expenditure => w.expenditure(),
                SectionKind::FiscalOverall => w.fiscal(),
                SectionKind::GeneralPublic => w.general_public(),
                SectionKind::Basic => w.basic(),
                SectionKind::ThreePublic => w.three_public(),
                SectionKind::OperatingCosts => w.operating_costs(),
                SectionKind::Procurement => w.procurement(),
                SectionKind::Performance => w.performance(),
                SectionKind::Assets => w.assets(),
                SectionKind::Other => w.other(),
            };
            ProseSection {
                number: i as u8 + 1,
                kind: *kind,
                title: kind.title().to_string(),
                paragraphs: paragraphs
                    .into_iter()
                    .map(|text| Paragraph {
                        text,
                        provenance: Provenance::default(),
                    })
                    .collect(),
                claims: Vec::new(),
                provenance: Provenance::default(),
            }
        })
        .collect()
}

struct Writer<'a> {
    budget: &'a Budget,
    f: Figures<'a>,
    year: u16,
    dept: &'a str,
}

impl Writer<'_> {
    fn prior(&self) -> Option<&yusuan_core::facts::PriorYear> {
        self.budget.facts.prior_year.as_ref()
    }

    /// 一、收支变动: totals, their split, the change and its reason.
    fn changes(&self) -> Vec<String> {
        let (y, dept) = (self.year, self.dept);
        let total = self.f.income_total();
        let prior = self.prior().and_then(|p| p.total).map(wan);
        let change = change_clause(&total, prior, "上年");
        let reason = reason_clause("主要原因是", self.budget.texts.change_reason.as_deref());
        let spent = self.f.expenditure_total(Column::Total);
        vec![
            format!(
                "{y}年度{dept}预算收入总计{}万元，其中：本年收入{}万元，上年结转{}万元{change}{reason}。",
                total.printed(),
                self.f.income_this_year().printed(),
                self.f.income_carryover().printed(),
            ),
            format!(
                "{y}年度{dept}预算支出总计{}万元，其中：本年预算安排{}万元，上年结转{}万元{}{reason}。",
                spent.printed(),
                self.f.expenditure_total(Column::CurrentYear).printed(),
                self.f.expenditure_total(Column::CarryoverSpending).printed(),
                change_clause(&spent, prior, "上年"),
            ),
        ]
    }

    /// 二、收入: each source and its share of 收入总计.
    fn revenue(&self) -> Vec<String> {
        let total = self.f.income_total();
        let names = [
            (FundingSource::GeneralPublic, "一般公共预算拨款收入"),
            (FundingSource::GovFund, "政府性基金预算拨款收入"),
            (FundingSource::StateCapital, "国有资本经营预算拨款收入"),
            (FundingSource::SpecialAccount, "财政专户管理资金收入"),
            (FundingSource::UnitFunds, "单位资金收入"),
        ];
        let mut parts: Vec<String> = names
            .iter()
            .map(|(source, name)| {
                let a = self.f.income_of(source.name());
                format!("{name}{}万元{}", a.printed(), share_clause(&a, &total))
            })
            .collect();
        let carried = self.f.income_carryover();
        parts.push(format!(
            "上年结转{}万元{}",
            carried.printed(),
            share_clause(&carried, &total)
        ));
        vec![format!(
            "{}年度{}预算收入总计{}万元，主要包括{}。",
            self.year,
            self.dept,
            total.printed(),
            parts.join("；")
        )]
    }

    /// 三、支出: basic and project expenditure and their shares.
    fn expenditure(&self) -> Vec<String> {
        let total = self.f.expenditure(Column::Total);
        let basic = self.f.expenditure(Column::Basic);
        let project = self.f.expenditure(Column::Project);
        vec![format!(
            "{}年度{}支出预算{}万元，其中：基本支出{}万元{}；项目支出{}万元{}。",
            self.year,
            self.dept,
            total.printed(),
            basic.printed(),
            share_clause(&basic, &total),
            project.printed(),
            share_clause(&project, &total),
        )]
    }

    /// 四、财政拨款总体: table 4's income by source and its expenditure by 类.
    fn fiscal(&self) -> Vec<String> {
        let total = self.f.fiscal_total();
        let this_year = self.f.fiscal_this_year();
        let carried = self.f.fiscal_carryover();
        let by_source: Vec<String> = FundingSource::FISCAL
            .iter()
            .map(|s| {
                format!(
                    "{}拨款{}万元",
                    s.name(),
                    self.f.fiscal_income(RowKind::Source, s.name()).printed()
                )
            })
            .collect();
        let mut text = format!(
            "{}年度{}财政拨款收支总预算{}万元。其中：当年拨款收入{}万元，上年结转收入{}万元。当年拨款中，{}。",
            self.year,
            self.dept,
            total.printed(),
            this_year.printed(),
            carried.printed(),
            by_source.join("，"),
        );
        let spending: Vec<String> = self
            .f
            .categories(TableKind::FiscalSummary, Column::Subtotal)
            .into_iter()
            .map(|(row, a)| format!("{}{}万元", row.label, a.printed()))
            .collect();
        if !spending.is_empty() {
            text.push_str(&format!("支出包括：{}。", spending.join("、")));
        }
        vec![text]
    }

    /// 五、一般公共预算: the scale and its change, then the structure by 类.
    fn general_public(&self) -> Vec<String> {
        let (y, dept) = (self.year, self.dept);
        let total = self.f.general_public();
        let prior = self.prior().and_then(|p| p.general_public).map(wan);
        let mut out = vec![
            "（一）一般公共预算当年拨款规模变化情况".to_string(),
            format!(
                "{y}年度{dept}一般公共预算当年拨款{}万元{}。",
                total.printed(),
                change_clause(&total, prior, "上年")
            ),
            "（二）一般公共预算当年拨款结构情况".to_string(),
        ];
        let parts: Vec<String> = self
            .f
            .categories(TableKind::GeneralPublicExpenditure, Column::Total)
            .into_iter()
            .map(|(row, a)| {
                format!(
                    "{}{}万元{}",
                    row.label,
                    a.printed(),
                    share_clause(&a, &total)
                )
            })
            .collect();
        if parts.is_empty() {
            out.push(format!("{y}年度{dept}无一般公共预算当年拨款。"));
        } else {
            out.push(format!(
                "{y}年度{dept}一般公共预算当年拨款{}万元，主要用于以下方面：{}。",
                total.printed(),
                parts.join("；")
            ));
        }
        out
    }

    /// 六、基本支出: 人员经费 and 公用经费 with the items they cover.
    fn basic(&self) -> Vec<String> {
        let total = self.f.basic(Column::Total);
        let mut text = format!(
            "{}年度{}一般公共预算安排基本支出{}万元，其中：",
            self.year,
            self.dept,
            total.printed()
        );
        let class = |column: Column, name: &str| {
            let amount = self.f.basic(column);
            let items = self.f.economic_items(column);
            if items.is_empty() {
                format!("{name}{}万元", amount.printed())
            } else {
                format!(
                    "{name}{}万元，主要包括：{}",
                    amount.printed(),
                    items.join("、")
                )
            }
        };
        text.push_str(&class(Column::Personnel, "人员经费"));
        text.push('；');
        text.push_str(&class(Column::Public, "公用经费"));
        text.push('。');
        vec![text]
    }

    /// 七、“三公”经费: each item and its change, with the reason.
    fn three_public(&self) -> Vec<String> {
        let total = self.f.three_public_total();
        let prior = self.prior().and_then(|p| p.three_public.as_ref());
        let prior_total = prior.map(|p| wan(p.total()));
        if total.is_zero() && prior_total.is_none_or(|p| p.is_zero()) {
            return vec![format!("本部门{}年无“三公”经费预算。", self.year)];
        }
        let item = |label: &str, prior: Option<Decimal>| {
            let a = self.f.three_public(label);
            format!(
                "{label}{}万元{}",
                a.printed(),
                change_clause(&a, prior.map(wan), "上年")
            )
        };
        let vehicles = self.f.three_public("公务用车购置及运行费");
        let prior_vehicles =
            prior.map(|p| p.vehicle_purchase.fiscal_total() + p.vehicle_operation.fiscal_total());
        let mut text = format!(
            "{}年{}“三公”经费财政拨款预算{}万元{}。其中：",
            self.year,
            self.dept,
            total.printed(),
            change_clause(&total, prior_total, "上年"),
        );
        text.push_str(&item(
            "因公出国（境）费",
            prior.map(|p| p.abroad.fiscal_total()),
        ));
        text.push('；');
        text.push_str(&item(
            "公务接待费",
            prior.map(|p| p.reception.fiscal_total()),
        ));
        text.push('；');
        text.push_str(&format!(
            "公务用车购置及运行费{}万元{}。公务用车购置及运行费中，公务用车购置费{}万元，公务用车运行维护费{}万元",
            vehicles.printed(),
            change_clause(&vehicles, prior_vehicles.map(wan), "上年"),
            self.f.three_public("公务用车购置费").printed(),
            self.f.three_public("公务用车运行维护费").printed(),
        ));
        text.push_str(&reason_clause(
            "主要原因是",
            self.budget.texts.three_public_reason.as_deref(),
        ));
        text.push('。');
        vec![text]
    }

    /// 八、机关运行经费: the amount, its change and the reason.
    fn operating_costs(&self) -> Vec<String> {
        let units: Vec<&str> = self
            .budget
            .facts
            .units
            .iter()
            .filter(|u| u.kind.has_operating_costs())
            .map(|u| u.name.as_str())
            .collect();
        let amount = self.f.operating_costs();
        if units.is_empty() {
            return vec![format!(
                "本部门{}年无行政单位和参照公务员法管理的事业单位，不安排机关运行经费。",
                self.year
            )];
        }
        let prior = self.prior().and_then(|p| p.operating_costs).map(wan);
        vec![format!(
            "本部门{}年所属{}{}家行政单位（含参照公务员法管理的事业单位）机关运行经费财政拨款预算{}万元{}{}。",
            self.year,
            units.join("、"),
            units.len(),
            amount.printed(),
            change_clause(&amount, prior, &format!("{}年预算", self.year - 1)),
            reason_clause("原因是", self.budget.texts.operating_costs_reason.as_deref()),
        )]
    }

    /// 九、政府采购: total = 货物 + 工程 + 服务.
    fn procurement(&self) -> Vec<String> {
        let Some(p) = self
            .budget
            .facts
            .procurement
            .as_ref()
            .filter(|p| !(p.goods + p.works + p.services).is_zero())
        else {
            return vec![format!("本部门{}年无政府采购预算。", self.year)];
        };
        // The parts are rounded one by one, as a table would print them; the
        // total is their printed sum so that the sentence adds up exactly.
        let (goods, works, services) = (wan(p.goods), wan(p.works), wan(p.services));
        let mut total = goods.value + works.value + services.value;
        total.rescale(2);
        vec![format!(
            "{}年{}政府采购预算总额{total}万元。其中：政府采购货物预算{}万元、政府采购工程预算{}万元、政府采购服务预算{}万元。",
            self.year,
            self.dept,
            goods.printed(),
            works.printed(),
            services.printed(),
        )]
    }

    /// 十、绩效管理: the projects under performance management (table 12,
    /// one target table each), by attribute where every project has one.
    fn performance(&self) -> Vec<String> {
        let projects = self.f.projects();
        if projects.is_empty() {
            return vec![format!(
                "{}年{}无纳入绩效目标管理的项目。",
                self.year, self.dept
            )];
        }
        // Table 12 prints no 合计 row: the amount is the projects' own sum,
        // rounded once as a table would print it.
        let total = wan(self
            .budget
            .facts
            .projects
            .iter()
            .filter(|p| !p.carryover)
            .map(|p| p.sources.total())
            .sum());
        let mut text = format!(
            "{}年{}纳入绩效目标管理的项目{}个，涉及金额{}万元",
            self.year,
            self.dept,
            projects.len(),
            total.printed()
        );
        let attribute = |name: &str| {
            self.budget
                .facts
                .projects
                .iter()
                .find(|p| p.name == name && !p.carryover)
                .and_then(|p| p.attribute)
        };
        let known: Option<Vec<(ProjectAttribute, &Amount)>> = projects
            .iter()
            .map(|(row, a)| attribute(&row.label).map(|k| (k, a)))
            .collect();
        if let Some(known) = known {
            let mut parts = Vec::new();
            for (kind, name) in [
                (ProjectAttribute::Recurring, "经常性项目"),
                (ProjectAttribute::OneOff, "一次性项目"),
            ] {
                let of_kind: Vec<&Amount> = known
                    .iter()
                    .filter(|(k, _)| *k == kind)
                    .map(|(_, a)| *a)
                    .collect();
                if of_kind.is_empty() {
                    continue;
                }
                let mut sum: Decimal = of_kind.iter().map(|a| a.value).sum();
                sum.rescale(2);
                parts.push(format!("{name}{}个，涉及金额{sum}万元", of_kind.len()));
            }
            if parts.len() > 1 {
                text.push_str(&format!("。其中：{}", parts.join("；")));
            }
        }
        text.push_str("。项目绩效目标表见附表。");
        vec![text]
    }

    /// 十一、国有资产: only what the department reported.
    fn assets(&self) -> Vec<String> {
        let a = &self.budget.texts.assets;
        let mut parts = Vec::new();
        match (a.vehicles_quota, a.vehicles) {
            (Some(q), Some(v)) => parts.push(format!("车辆编制数{q}辆，实有车辆{v}辆")),
            (None, Some(v)) => parts.push(format!("实有车辆{v}辆")),
            (Some(q), None) => parts.push(format!("车辆编制数{q}辆")),
            (None, None) => {}
        }
        if let Some(area) = a.building_area.as_deref().filter(|s| !s.trim().is_empty()) {
            parts.push(format!("办公用房建筑面积{}平方米", area.trim()));
        }
        if let Some(n) = a.general_equipment_over_500k {
            parts.push(format!("单位价值50万元以上通用设备{n}台（套）"));
        }
        if let Some(n) = a.special_equipment_over_1m {
            parts.push(format!("单位价值100万元以上专用设备{n}台（套）"));
        }
        if parts.is_empty() {
            return vec!["本部门未填报国有资产占有使用情况。".to_string()];
        }
        vec![format!(
            "截至{}年底，本部门{}。",
            self.year - 1,
            parts.join("；")
        )]
    }

    /// 十二、其他说明: the department's own notes.
    fn other(&self) -> Vec<String> {
        let notes = own(&self.budget.texts.other);
        if notes.is_empty() {
            vec!["无其他需要说明的事项。".to_string()]
        } else {
            notes
        }
    }
}
