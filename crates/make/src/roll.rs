//! Start next year's budget from this year's: the same lines as a first
//! draft, and this year's totals as 上年数 for the prose's comparisons.

use rust_decimal::Decimal;
use yusuan_core::budget::Budget;
use yusuan_core::facts::{FundingSource, PriorYear};

/// The budget of `year` drafted from `budget` (an earlier year): every line
/// kept as it is (the department edits them), last year's totals recorded
/// as 上年数, and the year-specific texts (reasons for changes) cleared.
///
/// Codes are kept as they are: a code that the new year's catalog dropped
/// is reported at its cell when the workbook is read, which is where the
/// department has to choose the new code.
pub fn roll_forward(mut budget: Budget, year: u16) -> Budget {
    let facts = &budget.facts;
    let total: Decimal = facts.basic.iter().map(|l| l.yuan).sum::<Decimal>()
        + facts
            .projects
            .iter()
            .map(|p| p.sources.total())
            .sum::<Decimal>();
    let general_public: Decimal = facts
        .basic
        .iter()
        .filter(|l| l.source == FundingSource::GeneralPublic && !l.carryover)
        .map(|l| l.yuan)
        .sum::<Decimal>()
        + facts
            .projects
            .iter()
            .filter(|p| !p.carryover)
            .map(|p| p.sources.get(FundingSource::GeneralPublic))
            .sum::<Decimal>();
    let operating: Decimal = facts
        .operating_costs
        .iter()
        .map(|c| c.amounts.fiscal_total())
        .sum();
    let prior = PriorYear {
        total: Some(total),
        general_public: Some(general_public),
        three_public: Some(facts.three_public.clone()),
        operating_costs: Some(operating),
    };
    budget.facts.prior_year = Some(prior);
    budget.facts.meta.year = year;
    budget.texts.change_reason = None;
    budget.texts.three_public_reason = None;
    budget.texts.operating_costs_reason = None;
    budget
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::{Strategy, ValueTree};
    use yusuan_core::catalog::Catalogs;
    use yusuan_core::facts::arbitrary::budget_facts;

    /// The 上年数 of the rolled budget are this year's printed totals: the
    /// prose of next year compares against what this year's report printed.
    #[test]
    fn prior_year_is_this_years_totals() {
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let catalogs = Catalogs::embedded();
        for _ in 0..16 {
            let facts = budget_facts(2024).new_tree(&mut runner).unwrap().current();
            let this = crate::assemble(&Budget::from_facts(facts.clone()), catalogs).unwrap();
            let figures = crate::figures::Figures::new(&this);
            let rolled = roll_forward(Budget::from_facts(facts), 2025);
            let prior = rolled.facts.prior_year.as_ref().unwrap();
            assert_eq!(rolled.facts.meta.year, 2025);
            assert_eq!(
                crate::figures::wan(prior.total.unwrap()),
                figures.income_total()
            );
            assert_eq!(
                crate::figures::wan(prior.general_public.unwrap()),
                figures.general_public()
            );
            assert_eq!(
                crate::figures::wan(prior.operating_costs.unwrap()),
                figures.operating_costs()
            );
        }
    }
}
