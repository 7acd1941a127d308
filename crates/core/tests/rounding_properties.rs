//! Property tests of the rounding semantics (XBRL Calculations 1.1): rounded
//! parts are always consistent with their rounded total, and a total moved
//! outside what rounding explains is always inconsistent.

use proptest::prelude::*;
use rust_decimal::Decimal;
use yusuan_core::amount::{sum_consistent, Amount, Unit};
use yusuan_core::interval::Interval;
use yusuan_core::rate::{growth, share, Percent};

/// Exact yuan amounts to the 分, up to a billion yuan, zeros included.
fn yuan() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::ZERO),
        (0i64..=100).prop_map(|f| Decimal::new(f, 2)),
        (0i64..=100_000_000_000).prop_map(|f| Decimal::new(f, 2)),
    ]
}

/// Amounts large enough to print as a nonzero 万元 figure.
fn positive_yuan() -> impl Strategy<Value = Decimal> {
    (100i64..=100_000_000_000).prop_map(|f| Decimal::new(f, 2))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn rounded_parts_are_consistent_with_rounded_total(
        parts in prop::collection::vec(yuan(), 0..40),
        decimals in 0u32..=4,
    ) {
        let exact_total: Decimal = parts.iter().sum();
        let printed: Vec<Amount> = parts.iter().map(|y| Amount::from_yuan(*y, Unit::WanYuan, decimals)).collect();
        let total = Amount::from_yuan(exact_total, Unit::WanYuan, decimals);
        prop_assert!(sum_consistent(&printed, &total), "{:?} vs {}", printed, total);
    }

    #[test]
    fn a_total_moved_beyond_the_interval_is_inconsistent(
        parts in prop::collection::vec(yuan(), 1..40),
        decimals in 0u32..=4,
        beyond in 1i64..1000,
        down in any::<bool>(),
    ) {
        let printed: Vec<Amount> = parts.iter().map(|y| Amount::from_yuan(*y, Unit::WanYuan, decimals)).collect();
        let sum: Decimal = printed.iter().map(|a| a.value).sum();
        // Rounding explains a gap of at most half a unit per part and half a
        // unit for the total; move the total one or more units past that.
        let unit = Decimal::new(1, decimals);
        let slack = unit * Decimal::from(printed.len() as i64 + 1) / Decimal::TWO;
        let step = slack + unit * Decimal::from(beyond);
        let moved = if down { sum - step } else { sum + step };
        let total = Amount::round(moved, Unit::WanYuan, decimals);
        prop_assert!(!sum_consistent(&printed, &total), "{:?} vs {}", printed, total);
    }

    #[test]
    fn the_printed_share_of_exact_amounts_is_consistent(
        part in yuan(),
        rest in positive_yuan(),
    ) {
        let whole = part + rest;
        let p = Amount::from_yuan(part, Unit::WanYuan, 2);
        let w = Amount::from_yuan(whole, Unit::WanYuan, 2);
        prop_assume!(!w.interval().straddles_zero());
        let printed = Percent::round(part * Decimal::ONE_HUNDRED / whole, 2);
        let computed = share(&p.interval(), &w.interval()).unwrap();
        prop_assert!(printed.consistent_with(&computed), "{} of {} printed {} vs {}", p, w, printed, computed);
    }

    #[test]
    fn the_printed_growth_of_exact_amounts_is_consistent(
        current in yuan(),
        previous in positive_yuan(),
    ) {
        let prev = Amount::from_yuan(previous, Unit::WanYuan, 2);
        let cur = Amount::from_yuan(current, Unit::WanYuan, 2);
        let printed = Percent::round((current - previous) * Decimal::ONE_HUNDRED / previous, 2);
        let computed = growth(&cur.interval(), &prev.interval()).unwrap();
        prop_assert!(printed.consistent_with(&computed), "{} over {} printed {} vs {}", cur, prev, printed, computed);
    }

    #[test]
    fn unit_conversion_keeps_the_interval(y in yuan()) {
        let a = Amount::new(y, Unit::Yuan);
        let w = a.convert(Unit::WanYuan);
        prop_assert_eq!(w.interval_in(Unit::Yuan), a.interval());
        prop_assert_eq!(w.convert(Unit::Yuan).value, a.value);
    }

    #[test]
    fn interval_sum_contains_every_exact_sum(
        parts in prop::collection::vec(yuan(), 0..20),
    ) {
        let printed: Vec<Interval> = parts.iter().map(|y| Amount::from_yuan(*y, Unit::WanYuan, 2).interval_in(Unit::Yuan)).collect();
        let sum = Interval::sum(printed.iter());
        prop_assert!(sum.contains(parts.iter().sum()));
    }
}
