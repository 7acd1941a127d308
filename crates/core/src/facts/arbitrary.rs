//! Random, consistent budget facts for property tests (feature `arbitrary`).
//!
//! [`budget_facts`] makes facts over real codes of a year's embedded catalogs
//! that [`validate`](super::derive::validate) accepts: the economic lines add
//! up exactly to the 一般公共预算 this-year basic lines, each 行政/参公 unit's
//! 机关运行经费 is its 公用经费, and "三公" covers the economic items 30217 and
//! 30231. Tables derived from them must therefore satisfy every printed
//! identity within rounding, which is what the property tests check.
//!
//! Amounts are to the 分, from zero, 0.01 元 and amounts under 100 元 (which
//! print as 0.00 or 0.01 万元 and stress the rounding of sums) to about 10⁸
//! 元, with a share exactly on a rounding midpoint (…50 元, i.e. x.xx5 万元).

use super::{
    BasicLine, BudgetFacts, BySource, CostClass, EconomicLine, FundingSource, OperatingCost,
    ProcurementFacts, ProjectFacts, SpendingUnit, ThreePublic,
};
use crate::amount::Unit;
use crate::catalog::{Catalogs, Classification, Level};
use crate::model::{DocKind, Level as GovLevel, Metadata, UnitKind};
use proptest::prelude::*;
use proptest::sample::Index;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// The 功能 项 that carry the social-insurance items of table 6 (30108 →
/// 2080505, 30109 → 2080506, 30110 → 2101101/2101102, 30111 → 2101103,
/// 30113 → 2210201), drawn often so that those rows are exercised.
pub const SOCIAL_INSURANCE: [&str; 6] = [
    "2080505", "2080506", "2101101", "2101102", "2101103", "2210201",
];

/// 公务接待费 and 公务用车运行维护费: the economic items "三公" must cover.
const RECEPTION: &str = "30217";
const VEHICLE_OPERATION: &str = "30231";

/// Exact yuan to the 分: zero, tiny amounts (0.01 to 100 元, around the
/// rounding step of 0.01 万元), amounts exactly on a rounding midpoint of 万元
/// to two decimals, and anything up to 10⁸ yuan.
pub fn yuan() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        1 => Just(Decimal::ZERO),
        1 => (1i64..=100).prop_map(|fen| Decimal::new(fen, 2)),
        2 => (1i64..=10_000).prop_map(|fen| Decimal::new(fen, 2)),
        1 => (0i64..=1_000_000).prop_map(|k| Decimal::new(k * 10_000 + 5_000, 2)),
        1 => (1i64..=10_000_000).prop_map(|fen| Decimal::new(fen, 2)),
        4 => (0i64..=10_000_000_000).prop_map(|fen| Decimal::new(fen, 2)),
    ]
}

/// Like [`yuan`] but never zero: a project always has some money.
pub fn positive_yuan() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        1 => (1i64..=100).prop_map(|fen| Decimal::new(fen, 2)),
        2 => (1i64..=10_000).prop_map(|fen| Decimal::new(fen, 2)),
        1 => (0i64..=1_000_000).prop_map(|k| Decimal::new(k * 10_000 + 5_000, 2)),
        4 => (1i64..=10_000_000_000).prop_map(|fen| Decimal::new(fen, 2)),
    ]
}

/// A funding source, mostly 一般公共预算 as in real budgets.
pub fn funding_source() -> impl Strategy<Value = FundingSource> {
    prop_oneof![
        6 => Just(FundingSource::GeneralPublic),
        1 => Just(FundingSource::GovFund),
        1 => Just(FundingSource::StateCapital),
        1 => Just(FundingSource::SpecialAccount),
        1 => Just(FundingSource::UnitFunds),
    ]
}

/// One of the three 财政拨款 sources, mostly 一般公共预算.
pub fn fiscal_source() -> impl Strategy<Value = FundingSource> {
    prop_oneof![
        4 => Just(FundingSource::GeneralPublic),
        1 => Just(FundingSource::GovFund),
        1 => Just(FundingSource::StateCapital),
    ]
}

pub fn unit_kind() -> impl Strategy<Value = UnitKind> {
    prop_oneof![
        Just(UnitKind::Administrative),
        Just(UnitKind::CivilServiceManaged),
        Just(UnitKind::Institution),
    ]
}

/// The codes of a year facts are drawn from.
#[derive(Debug, Clone)]
struct Pools {
    /// Every 功能 项 of the year.
    items: Vec<String>,
    /// The social-insurance 项 present in the year's catalog.
    social: Vec<String>,
    /// Department economic 款 of 301, 302, 303 and 310 with a government item
    /// for 行政/参公 units, and for 事业 units.
    economic_administrative: Vec<(String, CostClass)>,
    economic_institution: Vec<(String, CostClass)>,
}

impl Pools {
    fn new(year: u16) -> Pools {
        let catalogs = Catalogs::embedded();
        let function = catalogs
            .get(Classification::Function, year)
            .unwrap_or_else(|e| panic!("budget_facts({year}): {e}"));
        let department = catalogs
            .get(Classification::EconomicDepartment, year)
            .unwrap_or_else(|e| panic!("budget_facts({year}): {e}"));
        let items: Vec<String> = function
            .items()
            .iter()
            .filter(|i| i.level == Level::Item)
            .map(|i| i.code.clone())
            .collect();
        let social = SOCIAL_INSURANCE
            .iter()
            .filter(|c| function.get(c).is_some())
            .map(|c| c.to_string())
            .collect();
        let economic = |kind: UnitKind| -> Vec<(String, CostClass)> {
            department
                .items()
                .iter()
                .filter(|i| {
                    i.level == Level::Section && department.government_item(&i.code, kind).is_ok()
                })
                .filter_map(|i| {
                    // 人员经费 = 工资福利支出 + 对个人和家庭的补助; 公用经费 =
                    // 商品和服务支出 + 资本性支出 (the split table 6 prints).
                    let class = match &i.code[..3] {
                        "301" | "303" => CostClass::Personnel,
                        "302" | "310" => CostClass::Public,
                        _ => return None,
                    };
                    Some((i.code.clone(), class))
                })
                .collect()
        };
        let pools = Pools {
            items,
            social,
            economic_administrative: economic(UnitKind::Administrative),
            economic_institution: economic(UnitKind::Institution),
        };
        assert!(
            !pools.items.is_empty()
                && !pools.economic_administrative.is_empty()
                && !pools.economic_institution.is_empty(),
            "budget_facts({year}): the embedded catalogs have too few codes"
        );
        pools
    }

    /// A 功能 项: a social-insurance one one time in three.
    fn item(&self, social: bool, index: Index) -> String {
        if social && !self.social.is_empty() {
            index.get(&self.social).clone()
        } else {
            index.get(&self.items).clone()
        }
    }

    /// An economic 款 valid for a unit of this kind; `special` 0 and 1 pick
    /// 30217 and 30231 (which "三公" must cover) where the kind maps them.
    fn economic(&self, kind: UnitKind, special: u8, index: Index) -> (String, CostClass) {
        let pool = if kind.maps_as_administrative() {
            &self.economic_administrative
        } else {
            &self.economic_institution
        };
        let wanted = match special {
            0 => Some(RECEPTION),
            1 => Some(VEHICLE_OPERATION),
            _ => None,
        };
        wanted
            .and_then(|code| pool.iter().find(|(c, _)| c == code))
            .unwrap_or_else(|| index.get(pool))
            .clone()
    }
}

/// Cut `total` (to the 分) into `raw.len()` nonnegative parts that add up to
/// it exactly, at cut points drawn from `raw`.
fn spread(total: Decimal, raw: &[u64]) -> Vec<Decimal> {
    let fen = (total * Decimal::ONE_HUNDRED)
        .trunc()
        .to_u128()
        .unwrap_or(0);
    let mut cuts: Vec<u128> = raw
        .iter()
        .skip(1)
        .map(|r| u128::from(*r) % (fen + 1))
        .collect();
    cuts.sort_unstable();
    let mut parts = Vec::with_capacity(raw.len());
    let mut last = 0u128;
    for cut in cuts.into_iter().chain([fen]) {
        parts.push(Decimal::from_i128_with_scale((cut - last) as i128, 2));
        last = cut;
    }
    parts
}

type SourceDraw = Vec<(FundingSource, Decimal)>;

fn fiscal_amounts() -> impl Strategy<Value = SourceDraw> {
    prop::collection::vec((fiscal_source(), yuan()), 0..=2)
}

/// Random budget facts of a year over real codes of its embedded catalogs,
/// consistent in every way [`validate`](super::derive::validate) checks.
///
/// # Panics
/// When building the strategy, if the embedded catalogs have no catalog of
/// the year.
pub fn budget_facts(year: u16) -> impl Strategy<Value = BudgetFacts> {
    let pools = Pools::new(year);
    // Economic line: unit, code choice (see Pools::economic), amount.
    let economic = (any::<Index>(), 0u8..8, any::<Index>(), yuan());
    // 一般公共预算 this-year basic line: code, and a cut point of the total.
    let general = (any::<bool>(), any::<Index>(), any::<u64>());
    // Other basic line: code, source, carried over, amount.
    let other = (
        any::<bool>(),
        any::<Index>(),
        funding_source(),
        prop::bool::weighted(0.5),
        yuan(),
    );
    // Project: unit, code, carried over, money by source.
    let project = (
        any::<Index>(),
        any::<bool>(),
        any::<Index>(),
        prop::bool::weighted(0.25),
        prop::collection::vec((funding_source(), positive_yuan()), 1..=2),
    );
    let three = (
        fiscal_amounts(),
        yuan(),
        yuan(),
        fiscal_amounts(),
        fiscal_amounts(),
    );
    let procurement = prop::option::of((yuan(), yuan(), yuan()));
    (
        prop::collection::vec(unit_kind(), 1..=3),
        prop::collection::vec(economic, 0..12),
        prop::collection::vec(general, 1..=5),
        prop::collection::vec(other, 0..6),
        prop::collection::vec(project, 0..6),
        three,
        procurement,
    )
        .prop_map(
            move |(kinds, economic, general, other, projects, three, procurement)| {
                let department = "试验局".to_string();
                let units: Vec<SpendingUnit> = kinds
                    .iter()
                    .enumerate()
                    .map(|(i, kind)| SpendingUnit {
                        name: if i == 0 {
                            department.clone()
                        } else {
                            format!("{department}直属中心{i}")
                        },
                        kind: *kind,
                    })
                    .collect();

                let economic: Vec<EconomicLine> = economic
                    .into_iter()
                    .map(|(unit, special, code, yuan)| {
                        let unit = unit.get(&units);
                        let (code, class) = pools.economic(unit.kind, special, code);
                        EconomicLine {
                            unit: unit.name.clone(),
                            code,
                            class,
                            yuan,
                        }
                    })
                    .collect();
                let economic_total: Decimal = economic.iter().map(|l| l.yuan).sum();
                let item = |code: &str| -> Decimal {
                    economic
                        .iter()
                        .filter(|l| l.code == code)
                        .map(|l| l.yuan)
                        .sum()
                };

                // The 一般公共预算 this-year basic lines share out the economic
                // total exactly (table 5 基本支出 = table 6 合计); every other
                // basic line is another source or carried over.
                let raw: Vec<u64> = general.iter().map(|(_, _, r)| *r).collect();
                let mut basic: Vec<BasicLine> = general
                    .iter()
                    .zip(spread(economic_total, &raw))
                    .map(|((social, code, _), yuan)| BasicLine {
                        function_code: pools.item(*social, *code),
                        source: FundingSource::GeneralPublic,
                        carryover: false,
                        yuan,
                    })
                    .collect();
                basic.extend(
                    other
                        .into_iter()
                        .map(|(social, code, source, carryover, yuan)| BasicLine {
                            function_code: pools.item(social, code),
                            source,
                            carryover: carryover || source == FundingSource::GeneralPublic,
                            yuan,
                        }),
                );

                let projects: Vec<ProjectFacts> = projects
                    .into_iter()
                    .enumerate()
                    .map(
                        |(i, (unit, social, code, carryover, sources))| ProjectFacts {
                            name: format!("试验项目{}", i + 1),
                            unit: unit.get(&units).name.clone(),
                            function_code: pools.item(social, code),
                            carryover,
                            // Table 13 prints carried-over projects by fiscal
                            // source only (see `validate`): carry-over here is
                            // fiscal money.
                            sources: BySource(
                                sources
                                    .into_iter()
                                    .map(|(s, y)| match carryover && !s.is_fiscal() {
                                        true => (FundingSource::GeneralPublic, y),
                                        false => (s, y),
                                    })
                                    .collect(),
                            ),
                            attribute: None,
                            period_total: None,
                        },
                    )
                    .collect();

                // 机关运行经费 of each 行政/参公 unit is its 公用经费 (table 11 =
                // table 6 公用经费); 事业 units have none.
                let operating_costs = units
                    .iter()
                    .filter(|u| u.kind.has_operating_costs())
                    .map(|u| OperatingCost {
                        unit: u.name.clone(),
                        amounts: BySource(vec![(
                            FundingSource::GeneralPublic,
                            economic
                                .iter()
                                .filter(|l| l.unit == u.name && l.class == CostClass::Public)
                                .map(|l| l.yuan)
                                .sum(),
                        )]),
                    })
                    .collect();

                // "三公" 公务接待费 and 公务用车运行维护费 cover the same economic
                // items, plus what projects spend on them.
                // Neither can exceed what the department spends of a source:
                // each extra is cut to what is left of its source.
                let (abroad, reception_extra, operation_extra, purchase, more_operation) = three;
                let spent = |source: FundingSource| -> Decimal {
                    let basic: Decimal = basic
                        .iter()
                        .filter(|l| l.source == source)
                        .map(|l| l.yuan)
                        .sum();
                    let projects: Decimal = projects
                        .iter()
                        .map(|p: &ProjectFacts| p.sources.get(source))
                        .sum();
                    basic + projects
                };
                let mut left: Vec<(FundingSource, Decimal)> = FundingSource::FISCAL
                    .iter()
                    .map(|s| (*s, spent(*s)))
                    .collect();
                let mut take = |source: FundingSource, wanted: Decimal| -> Decimal {
                    let slot = left.iter_mut().find(|(s, _)| *s == source).map(|(_, y)| y);
                    match slot {
                        Some(y) => {
                            let got = wanted.min(*y);
                            *y -= got;
                            got
                        }
                        None => Decimal::ZERO,
                    }
                };
                let econ_reception = take(FundingSource::GeneralPublic, item(RECEPTION));
                let econ_operation = take(FundingSource::GeneralPublic, item(VEHICLE_OPERATION));
                let mut cut = |draw: SourceDraw| -> SourceDraw {
                    draw.into_iter().map(|(s, y)| (s, take(s, y))).collect()
                };
                let abroad = cut(abroad);
                let purchase = cut(purchase);
                let more_operation = cut(more_operation);
                let reception_extra = take(FundingSource::GeneralPublic, reception_extra);
                let operation_extra = take(FundingSource::GeneralPublic, operation_extra);
                let mut vehicle_operation = vec![(
                    FundingSource::GeneralPublic,
                    econ_operation + operation_extra,
                )];
                vehicle_operation.extend(more_operation);
                let three_public = ThreePublic {
                    abroad: BySource(abroad),
                    reception: BySource(vec![(
                        FundingSource::GeneralPublic,
                        econ_reception + reception_extra,
                    )]),
                    vehicle_purchase: BySource(purchase),
                    vehicle_operation: BySource(vehicle_operation),
                };

                BudgetFacts {
                    meta: Metadata {
                        department: department.clone(),
                        department_code: Some("001".to_string()),
                        region: None,
                        level: Some(GovLevel::County),
                        year,
                        kind: DocKind::Budget,
                        unit: Unit::WanYuan,
                    },
                    units,
                    basic,
                    projects,
                    economic,
                    three_public,
                    operating_costs,
                    procurement: procurement.map(|(goods, works, services)| ProcurementFacts {
                        goods,
                        works,
                        services,
                    }),
                    prior_year: None,
                }
            },
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::derive::validate;

    #[test]
    fn spread_adds_up_exactly() {
        let total = Decimal::new(123_456_789, 2);
        let parts = spread(total, &[7, 99_999_999_999, 3, 12_345]);
        assert_eq!(parts.len(), 4);
        assert_eq!(parts.iter().sum::<Decimal>(), total);
        assert!(parts.iter().all(|p| !p.is_sign_negative()));
        assert_eq!(
            spread(Decimal::ZERO, &[5, 6]),
            vec![Decimal::ZERO, Decimal::ZERO]
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn generated_facts_are_consistent_2023(facts in budget_facts(2023)) {
            let problems = validate(&facts);
            prop_assert!(problems.is_empty(), "{:?}", problems);
        }

        #[test]
        fn generated_facts_are_consistent_2024(facts in budget_facts(2024)) {
            let problems = validate(&facts);
            prop_assert!(problems.is_empty(), "{:?}", problems);
        }
    }
}
