//! Printed percentages and the rates the prose computes from printed amounts:
//! shares (`占77.70%`), rates of change (`增加0.56万元，增长3.76%`) and growth
//! against last year's figure.
//!
//! A rate is judged against the interval of every value it could take when its
//! inputs range over their own rounding intervals. Each function here is
//! monotone in each argument while the other is held fixed (as long as no
//! divisor can be zero), so its extremes lie at the corners of the input box
//! and the interval computed is exact, not an over-approximation.

use crate::amount::{fold_width, parse_number, NumberError};
use crate::interval::{div_bounds, Interval};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// 百分比 a printed percentage: `3.76%` is `{ value: 3.76, decimals: 2 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Percent {
    /// In percent (3.76 for 3.76%).
    pub value: Decimal,
    pub decimals: i32,
}

impl Percent {
    pub fn new(value: Decimal) -> Self {
        Percent {
            value,
            decimals: value.scale() as i32,
        }
    }

    /// The interval of true percentages this printed figure stands for.
    pub fn interval(&self) -> Interval {
        Interval::rounded(self.value, self.decimals)
    }

    /// Whether some choice of the unrounded inputs gives this printed rate.
    pub fn consistent_with(&self, computed: &Interval) -> bool {
        self.interval().intersects(computed)
    }

    /// The rate as it would be printed from an exact value, for messages and
    /// for the prose the maker writes.
    pub fn round(exact_percent: Decimal, decimals: u32) -> Percent {
        let mut v = exact_percent.round_dp_with_strategy(
            decimals,
            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
        );
        v.rescale(decimals);
        Percent {
            value: v,
            decimals: decimals as i32,
        }
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut v = self.value;
        v.rescale(self.decimals.max(0) as u32);
        write!(f, "{v}%")
    }
}

impl FromStr for Percent {
    type Err = NumberError;
    /// `3.76%`, `１００％`, `15.5%`.
    fn from_str(s: &str) -> Result<Self, NumberError> {
        let folded = fold_width(s);
        let body = folded.trim().strip_suffix('%').ok_or_else(|| NumberError {
            text: s.to_string(),
            expected: "a percentage ending in %",
        })?;
        parse_number(body)?.map(Percent::new).ok_or(NumberError {
            text: s.to_string(),
            expected: "a percentage",
        })
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Percent {
    fn schema_name() -> String {
        "Percent".into()
    }
    fn json_schema(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        schemars::schema::SchemaObject {
            instance_type: Some(schemars::schema::InstanceType::String.into()),
            string: Some(Box::new(schemars::schema::StringValidation {
                pattern: Some(r"^-?[0-9]+(\.[0-9]+)?%$".into()),
                ..Default::default()
            })),
            ..Default::default()
        }
        .into()
    }
}

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

fn percent_of(a: Decimal, b: Decimal) -> Option<Interval> {
    div_bounds(a * HUNDRED, b)
}

/// 占比 the share `part / whole` in percent. `None` when the whole may be zero.
pub fn share(part: &Interval, whole: &Interval) -> Option<Interval> {
    if whole.straddles_zero() {
        return None;
    }
    part.corners2(whole, percent_of)
}

/// 增减率 the rate of a change against last year's figure, when the document
/// prints this year's figure and the change (last year = current − change):
/// `change / (current − change)` in percent. `change` is signed (negative for
/// 减少). `None` when last year's figure may be zero.
pub fn rate_of_change(current: &Interval, change: &Interval) -> Option<Interval> {
    if current.straddles_zero() || current.sub(change).straddles_zero() {
        return None;
    }
    current.corners2(change, |c, d| percent_of(d, c - d))
}

/// 增长率 growth of `current` over `previous`, both printed:
/// `(current − previous) / previous` in percent.
pub fn growth(current: &Interval, previous: &Interval) -> Option<Interval> {
    if previous.straddles_zero() {
        return None;
    }
    current.corners2(previous, |c, p| percent_of(c - p, p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amount::{Amount, Unit};

    fn wan(s: &str) -> Interval {
        Amount::parse(s, Unit::WanYuan).unwrap().unwrap().interval()
    }
    fn pct(s: &str) -> Percent {
        s.parse().unwrap()
    }

    #[test]
    fn fenyang_operating_cost_change_is_consistent() {
        // 机关运行经费 15.43万元，比2023年预算增加0.56万元，增长3.76%:
        // 0.56 / 14.87 = 3.77%, but 14.87 is itself rounded.
        let rate = rate_of_change(&wan("15.43"), &wan("0.56")).unwrap();
        assert!(pct("3.76%").consistent_with(&rate));
        assert!(pct("3.77%").consistent_with(&rate));
        assert!(!pct("3.90%").consistent_with(&rate));
        assert!(!pct("3.70%").consistent_with(&rate));
    }

    #[test]
    fn jincheng_decrease_and_shares() {
        // 730.03万元，比上年减少141.87万元，下降16.27%
        let rate = rate_of_change(&wan("730.03"), &wan("141.87").neg()).unwrap();
        assert!(pct("-16.27%").consistent_with(&rate));
        assert!(!pct("16.27%").consistent_with(&rate));
        assert!(!pct("-16.37%").consistent_with(&rate));
        // 一般公共服务支出567.20万元，占77.70%
        let s = share(&wan("567.20"), &wan("730.03")).unwrap();
        assert!(pct("77.70%").consistent_with(&s));
        assert!(!pct("77.60%").consistent_with(&s));
        // 基本支出448.74万元，占61.47%
        assert!(pct("61.47%").consistent_with(&share(&wan("448.74"), &wan("730.03")).unwrap()));
    }

    #[test]
    fn growth_from_two_printed_years() {
        // 484.55 against 419.54 is 15.50%, printed also as 15.5%.
        let g = growth(&wan("484.55"), &wan("419.54")).unwrap();
        assert!(pct("15.50%").consistent_with(&g));
        assert!(pct("15.5%").consistent_with(&g));
        assert!(!pct("15.6%").consistent_with(&g));
    }

    #[test]
    fn rates_on_a_possible_zero_say_nothing() {
        assert!(share(&wan("1.00"), &wan("0.00")).is_none());
        assert!(growth(&wan("1.00"), &wan("0.00")).is_none());
        assert!(rate_of_change(&wan("0.56"), &wan("0.56")).is_none());
    }

    #[test]
    fn percent_parses_and_prints() {
        assert_eq!(pct("１００％").to_string(), "100%");
        assert_eq!(pct("15.50%").decimals, 2);
        assert_eq!(
            Percent::round("3.7659".parse().unwrap(), 2).to_string(),
            "3.77%"
        );
        assert!("3.76".parse::<Percent>().is_err());
    }
}
