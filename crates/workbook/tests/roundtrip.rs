//! Random budgets survive a trip through the workbook: written, read back,
//! equal.

mod common;

use proptest::prelude::*;
use yusuan_core::budget::{
    AssetFacts, Budget, DepartmentTexts, GlossaryTerm, IndicatorLine, ProjectPlan,
};
use yusuan_core::facts::arbitrary::{budget_facts, positive_yuan, yuan};
use yusuan_core::facts::{BudgetFacts, BySource, FundingSource, PriorYear, ThreePublic};
use yusuan_core::model::ProjectAttribute;
use yusuan_workbook::{read_workbook, write_workbook};

/// A one-line text: what a cell holds after trimming (letters, CJK, digits,
/// inner blanks and punctuation).
fn line() -> impl Strategy<Value = String> {
    "[a-z\u{4e00}-\u{4e2f}0-9][a-z\u{4e00}-\u{4e2f}0-9 ，。%≥（）]{0,20}[a-z\u{4e00}-\u{4e2f}0-9。]"
}

fn paragraphs() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(line(), 0..3)
}

/// Several lines in one cell (a plan's 项目实施计划).
fn text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop::collection::vec(line(), 1..3).prop_map(|l| l.join("\n")))
}

fn indicators() -> impl Strategy<Value = Vec<IndicatorLine>> {
    prop::collection::vec(
        (
            line(),
            line(),
            line(),
            prop_oneof![4 => line(), 1 => Just(String::new())],
        )
            .prop_map(|(level1, level2, name, value)| IndicatorLine {
                level1,
                level2,
                name,
                value,
            }),
        0..3,
    )
}

fn plan() -> impl Strategy<Value = ProjectPlan> {
    (
        (text(), text(), text(), text()),
        (text(), text(), text(), text()),
        indicators(),
        indicators(),
    )
        .prop_map(
            |(
                (period, overview, basis, necessity),
                (measures, plan, period_goal, annual_goal),
                period_indicators,
                annual_indicators,
            )| ProjectPlan {
                name: String::new(),
                period,
                overview,
                basis,
                necessity,
                measures,
                plan,
                period_goal,
                annual_goal,
                period_indicators,
                annual_indicators,
            },
        )
}

fn texts() -> impl Strategy<Value = DepartmentTexts> {
    let count = || prop::option::of(0u32..100);
    (
        (paragraphs(), paragraphs(), paragraphs()),
        (text(), text(), text()),
        (count(), count(), count(), count()),
        prop::option::of("[1-9][0-9]{0,4}(\\.[0-9]{1,2})?"),
    )
        .prop_map(
            |(
                (duties, organisation, other),
                (change_reason, three_public_reason, operating_costs_reason),
                (vehicles_quota, vehicles, general, special),
                building_area,
            )| DepartmentTexts {
                duties,
                organisation,
                change_reason,
                three_public_reason,
                operating_costs_reason,
                assets: AssetFacts {
                    vehicles_quota,
                    vehicles,
                    building_area,
                    general_equipment_over_500k: general,
                    special_equipment_over_1m: special,
                },
                other,
            },
        )
}

fn prior_year() -> impl Strategy<Value = Option<PriorYear>> {
    let gp = || {
        prop::option::of(yuan()).prop_map(|y| {
            BySource(
                y.into_iter()
                    .map(|y| (FundingSource::GeneralPublic, y))
                    .collect(),
            )
        })
    };
    prop::option::of((
        prop::option::of(yuan()),
        prop::option::of(yuan()),
        prop::option::of((gp(), gp(), gp(), gp())),
        prop::option::of(yuan()),
    ))
    .prop_map(|p| {
        p.map(
            |(total, general_public, three, operating_costs)| PriorYear {
                total,
                general_public,
                three_public: three.map(
                    |(abroad, reception, vehicle_purchase, vehicle_operation)| ThreePublic {
                        abroad,
                        reception,
                        vehicle_purchase,
                        vehicle_operation,
                    },
                ),
                operating_costs,
            },
        )
    })
}

/// Random facts with every optional part drawn too, and a Budget around them.
fn budget() -> impl Strategy<Value = Budget> {
    (
        budget_facts(2024),
        texts(),
        prop::collection::vec(
            (
                prop::option::of(prop_oneof![
                    Just(ProjectAttribute::Recurring),
                    Just(ProjectAttribute::OneOff)
                ]),
                prop::option::of(positive_yuan()),
                prop::option::of(plan()),
            ),
            6,
        ),
        prior_year(),
        prop::collection::vec((line(), text()), 0..3),
    )
        .prop_map(|(mut facts, texts, extras, prior_year, glossary)| {
            facts.prior_year = prior_year;
            let mut plans = Vec::new();
            for (project, (attribute, period_total, plan)) in facts.projects.iter_mut().zip(extras)
            {
                project.attribute = attribute;
                project.period_total = period_total;
                if let Some(plan) = plan {
                    plans.push(ProjectPlan {
                        name: project.name.clone(),
                        ..plan
                    });
                }
            }
            Budget {
                facts,
                texts,
                projects: plans,
                glossary: glossary
                    .into_iter()
                    .filter_map(|(term, definition)| {
                        definition.map(|definition| GlossaryTerm { term, definition })
                    })
                    .collect(),
            }
        })
}

/// One amount per source, in the order of [`FundingSource::ALL`].
fn per_source(amounts: &BySource) -> BySource {
    BySource(
        FundingSource::ALL
            .iter()
            .filter(|s| amounts.0.iter().any(|(t, _)| t == *s))
            .map(|s| (*s, amounts.get(*s)))
            .collect(),
    )
}

/// The forms of a budget the workbook cannot tell apart, made one:
/// - "三公" and 机关运行经费 have one cell per source (as tables 10 and 11
///   print them), so a list naming a source twice, or in another order, is
///   the same as one entry per source in table order;
/// - last year's "三公" items are one amount each (the explanation compares
///   their totals only), read back under 一般公共预算, a total of 0 as no
///   money (an empty list);
/// - a plan with no text and no indicator says nothing, like no plan; a
///   `PriorYear` with no figure is no prior year.
///
/// Everything else — the order of lines, projects, a project's sources
/// (one 支出明细 row each), economic lines, texts — must come back as it was.
fn normalized(mut budget: Budget) -> Budget {
    let facts: &mut BudgetFacts = &mut budget.facts;
    for item in [
        &mut facts.three_public.abroad,
        &mut facts.three_public.reception,
        &mut facts.three_public.vehicle_purchase,
        &mut facts.three_public.vehicle_operation,
    ] {
        *item = per_source(item);
    }
    for cost in &mut facts.operating_costs {
        cost.amounts = per_source(&cost.amounts);
    }
    if let Some(prior) = &mut facts.prior_year {
        if let Some(three) = &mut prior.three_public {
            for item in [
                &mut three.abroad,
                &mut three.reception,
                &mut three.vehicle_purchase,
                &mut three.vehicle_operation,
            ] {
                let total = item.total();
                *item = BySource(if total.is_zero() {
                    vec![]
                } else {
                    vec![(FundingSource::GeneralPublic, total)]
                });
            }
        }
        if *prior == PriorYear::default() {
            facts.prior_year = None;
        }
    }
    budget.projects.retain(|p| {
        [
            &p.period,
            &p.overview,
            &p.basis,
            &p.necessity,
            &p.measures,
            &p.plan,
            &p.period_goal,
            &p.annual_goal,
        ]
        .iter()
        .any(|f| f.is_some())
            || !p.annual_indicators.is_empty()
            || !p.period_indicators.is_empty()
    });
    budget
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn write_then_read_gives_the_budget_back(budget in budget()) {
        let catalogs = common::catalogs();
        let bytes = write_workbook(2024, Some(&budget), catalogs).unwrap();
        let read = read_workbook(&bytes, "random.xlsx", catalogs);
        let read = match read {
            Ok(read) => read,
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        prop_assert_eq!(normalized(read), normalized(budget));
    }
}

#[test]
fn amounts_keep_every_fen() {
    // Amounts whose f64 is not exact (0.1, 4845.5 …) come back exact, and an
    // amount beyond what an f64 holds to the 分 is written as text.
    for y in [
        "0.01",
        "0.10",
        "4845.50",
        "99999999.99",
        "12345678901.23",
        "12345678901234567.89",
    ] {
        let extra = common::yuan(y);
        let mut budget = common::sample();
        budget.facts.basic[0].yuan += extra;
        budget.facts.economic[0].yuan += extra;
        let read = read_workbook(&common::write(&budget), "b.xlsx", common::catalogs())
            .unwrap_or_else(|e| panic!("{y}: {e}"));
        assert_eq!(read, budget, "{y}");
        assert_eq!(read.facts.basic[0].yuan, common::yuan("3000000") + extra);
        assert_eq!(read.facts.basic[0].yuan.scale(), 2);
    }
}
