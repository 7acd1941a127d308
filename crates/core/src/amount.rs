//! Printed amounts: an exact decimal, its unit (元 or 万元) and the number of
//! decimals it was printed with, which together say what interval of true
//! values the figure stands for.

use crate::interval::Interval;
use rust_decimal::{Decimal, RoundingStrategy};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// 金额单位 the unit a figure is printed in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum Unit {
    /// 元 yuan: performance-target tables, some regions' tables.
    #[serde(rename = "元")]
    Yuan,
    /// 万元 ten thousand yuan: the tables of the national form.
    #[serde(rename = "万元")]
    WanYuan,
}

impl Unit {
    /// How many yuan one of this unit is.
    pub fn yuan_factor(self) -> Decimal {
        match self {
            Unit::Yuan => Decimal::ONE,
            Unit::WanYuan => Decimal::from(10_000),
        }
    }

    /// Decimal places a conversion from `self` to `to` shifts by (may be negative).
    fn shift_to(self, to: Unit) -> i32 {
        match (self, to) {
            (Unit::Yuan, Unit::WanYuan) => 4,
            (Unit::WanYuan, Unit::Yuan) => -4,
            _ => 0,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::WanYuan => "万元",
        }
    }

    /// Recognise a unit as printed (`单位：万元`, `(元)`, `万元`).
    pub fn from_printed(s: &str) -> Option<Unit> {
        let s = s
            .trim()
            .trim_matches(|c| matches!(c, '(' | ')' | '（' | '）'));
        match s {
            "万元" => Some(Unit::WanYuan),
            "元" => Some(Unit::Yuan),
            _ => None,
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A figure as printed: exact value, unit, and printed decimals.
///
/// `730.03` in a 万元 table is `Amount { value: 730.03, unit: 万元, decimals: 2 }`
/// and stands for every true value in `[730.025, 730.035]` 万元.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Amount {
    pub value: Decimal,
    pub unit: Unit,
    /// Decimal places printed; negative when a conversion made the figure
    /// coarser than a unit (57.79 万元 is 577,900 元 to the hundred: −2).
    pub decimals: i32,
}

impl Amount {
    /// A figure printed as `value` (its decimals are the scale of `value`).
    pub fn new(value: Decimal, unit: Unit) -> Self {
        Amount {
            value,
            unit,
            decimals: value.scale() as i32,
        }
    }

    /// An exact quantity rounded half away from zero (四舍五入) to `decimals`,
    /// as a budget system prints it.
    pub fn round(exact: Decimal, unit: Unit, decimals: u32) -> Self {
        let mut value =
            exact.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
        value.rescale(decimals);
        Amount {
            value,
            unit,
            decimals: decimals as i32,
        }
    }

    /// An exact quantity in yuan, printed in `unit` with `decimals`.
    pub fn from_yuan(yuan: Decimal, unit: Unit, decimals: u32) -> Self {
        Amount::round(yuan / unit.yuan_factor(), unit, decimals)
    }

    /// Parse a printed figure in a known unit. `Ok(None)` for a printed empty
    /// cell (`-`, `—`, blank).
    pub fn parse(text: &str, unit: Unit) -> Result<Option<Amount>, NumberError> {
        Ok(parse_number(text)?.map(|v| Amount::new(v, unit)))
    }

    /// The interval of true values this figure stands for, in its own unit.
    ///
    /// Amounts of a disclosure are never negative (a decrease is printed as a
    /// positive amount with 减少), so a printed `0.00` stands for `[0, 0.005)`,
    /// not for values below zero: four printed zeros cannot add up to 0.01.
    pub fn interval(&self) -> Interval {
        let mut i = Interval::rounded(self.value, self.decimals);
        if !self.value.is_sign_negative() && i.lo.is_sign_negative() {
            i.lo = Decimal::ZERO;
        }
        i
    }

    /// The same interval, expressed in another unit (exact: only a power of ten).
    pub fn interval_in(&self, unit: Unit) -> Interval {
        // Most figures are compared in their own unit: no factor to apply.
        if unit == self.unit {
            return self.interval();
        }
        self.interval()
            .scale(self.unit.yuan_factor() / unit.yuan_factor())
    }

    /// The same figure written in another unit without losing anything:
    /// 577,900 元 is 57.7900 万元 printed to 4 decimals, and its interval is
    /// the same set of true values.
    pub fn convert(&self, unit: Unit) -> Amount {
        let shift = self.unit.shift_to(unit);
        let value = self.value * self.unit.yuan_factor() / unit.yuan_factor();
        let decimals = self.decimals + shift;
        let mut value = value.normalize();
        value.rescale(decimals.max(0) as u32);
        Amount {
            value,
            unit,
            decimals,
        }
    }

    /// The exact value in yuan.
    pub fn yuan(&self) -> Decimal {
        self.value * self.unit.yuan_factor()
    }

    /// Whether two figures may stand for the same true value, whatever their
    /// units and printed precision.
    pub fn agrees_with(&self, other: &Amount) -> bool {
        self.interval_in(Unit::Yuan)
            .intersects(&other.interval_in(Unit::Yuan))
    }

    pub fn is_zero(&self) -> bool {
        self.value.is_zero()
    }

    /// The figure as printed, without unit: `730.03`, `1930000`.
    pub fn printed(&self) -> String {
        let mut v = self.value;
        v.rescale(self.decimals.max(0) as u32);
        v.to_string()
    }
}

/// Whether the printed `total` is consistent with the printed `items` under
/// XBRL Calculations 1.1: the interval of the sum of the items meets the
/// interval of the total. All figures are compared in yuan.
pub fn sum_consistent(items: &[Amount], total: &Amount) -> bool {
    let sum = Interval::sum(
        items
            .iter()
            .map(|a| a.interval_in(Unit::Yuan))
            .collect::<Vec<_>>()
            .iter(),
    );
    sum.intersects(&total.interval_in(Unit::Yuan))
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.printed(), self.unit)
    }
}

impl FromStr for Amount {
    type Err = NumberError;
    /// `730.03万元`, `1,930,000元`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (num, unit) = if let Some(n) = s.strip_suffix("万元") {
            (n, Unit::WanYuan)
        } else if let Some(n) = s.strip_suffix('元') {
            (n, Unit::Yuan)
        } else {
            return Err(NumberError::new(s, "an amount ending in 元 or 万元"));
        };
        parse_number(num)?
            .map(|v| Amount::new(v, unit))
            .ok_or_else(|| NumberError::new(s, "a number before the unit"))
    }
}

// An amount travels in JSON as its printed text with unit: "730.03万元". The
// printed decimals survive (trailing zeros are kept), so the interval does too.
impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Amount {
    fn schema_name() -> String {
        "Amount".into()
    }
    fn json_schema(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        schemars::schema::SchemaObject {
            instance_type: Some(schemars::schema::InstanceType::String.into()),
            string: Some(Box::new(schemars::schema::StringValidation {
                pattern: Some(r"^-?[0-9]+(\.[0-9]+)?(元|万元)$".into()),
                ..Default::default()
            })),
            metadata: Some(Box::new(schemars::schema::Metadata {
                description: Some(
                    "A printed amount with its unit, e.g. \"730.03万元\"; the decimals printed give its rounding interval.".into(),
                ),
                ..Default::default()
            })),
            ..Default::default()
        }
        .into()
    }
}

/// A printed figure that is not a number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not {expected}")]
pub struct NumberError {
    pub text: String,
    pub expected: &'static str,
}

impl NumberError {
    fn new(text: &str, expected: &'static str) -> Self {
        NumberError {
            text: text.to_string(),
            expected,
        }
    }
}

/// Fold full-width digits and number punctuation to ASCII (`７３０．０３` →
/// `730.03`); other characters pass through.
pub fn fold_width(s: &str) -> std::borrow::Cow<'_, str> {
    // Only some non-ASCII characters fold; an ASCII text (most printed
    // figures) is checked at once.
    if s.is_ascii() || s.chars().all(|c| fold_width_char(c) == c) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.chars().map(fold_width_char).collect())
    }
}

/// [`fold_width`] of one character.
pub fn fold_width_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '，' => ',',
        '－' | '−' => '-',
        '＋' => '+',
        '％' => '%',
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Whether a printed cell means "nothing here": blank, or a lone dash.
pub fn is_empty_mark(s: &str) -> bool {
    let t = s.trim();
    t.is_empty() || matches!(t, "-" | "—" | "——" | "–" | "－" | "/" | "／")
}

/// Parse a printed number: `1,930,000`, `730.03`, `７３０．０３`, `-12.5`.
/// `Ok(None)` for an empty mark. Thousands separators must group by three.
pub fn parse_number(text: &str) -> Result<Option<Decimal>, NumberError> {
    if is_empty_mark(text) {
        return Ok(None);
    }
    let folded = fold_width(text);
    let t = folded.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int_part.is_empty() || !int_part.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return Err(NumberError::new(text, "a number"));
    }
    if int_part.contains(',') {
        let mut groups = int_part.split(',');
        let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        let rest_ok = groups.all(|g| g.len() == 3);
        if !first_ok || !rest_ok {
            return Err(NumberError::new(
                text,
                "a number with thousands separators every three digits",
            ));
        }
    }
    if let Some(f) = frac_part {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return Err(NumberError::new(text, "a number"));
        }
    }
    // Up to 28 digits make a mantissa below 10²⁸, which a Decimal holds
    // exactly at any scale up to 28: build it directly (what parsing the
    // canonical text gives) instead of writing and parsing that text.
    let scale = frac_part.map_or(0, str::len);
    let digit_count = int_part.bytes().filter(|b| *b != b',').count() + scale;
    if digit_count <= 28 {
        let mantissa = int_part
            .bytes()
            .chain(frac_part.unwrap_or("").bytes())
            .filter(|b| *b != b',')
            .fold(0i128, |m, b| m * 10 + i128::from(b - b'0'));
        let signed = if neg { -mantissa } else { mantissa };
        return Ok(Some(Decimal::from_i128_with_scale(signed, scale as u32)));
    }
    let digits: String = int_part.chars().filter(|c| *c != ',').collect();
    let canonical = match frac_part {
        Some(f) => format!("{}{digits}.{f}", if neg { "-" } else { "" }),
        None => format!("{}{digits}", if neg { "-" } else { "" }),
    };
    Decimal::from_str(&canonical)
        .map(Some)
        .map_err(|_| NumberError::new(text, "a number within 28 significant digits"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn parses_printed_numbers() {
        assert_eq!(parse_number("1,930,000").unwrap(), Some(d("1930000")));
        assert_eq!(parse_number("730.03").unwrap(), Some(d("730.03")));
        assert_eq!(parse_number("７３０．０３").unwrap(), Some(d("730.03")));
        assert_eq!(parse_number("536,438.88").unwrap(), Some(d("536438.88")));
        assert_eq!(parse_number(" -12.5 ").unwrap(), Some(d("-12.5")));
        assert_eq!(parse_number("-").unwrap(), None);
        assert_eq!(parse_number("—").unwrap(), None);
        assert_eq!(parse_number("").unwrap(), None);
        assert!(parse_number("12,34").is_err());
        assert!(parse_number("1,2345").is_err());
        assert!(parse_number("12.").is_err());
        assert!(parse_number("abc").is_err());
        assert!(parse_number("1.2.3").is_err());
    }

    #[test]
    fn keeps_printed_decimals() {
        let a = Amount::parse("0.00", Unit::WanYuan).unwrap().unwrap();
        assert_eq!(a.decimals, 2);
        assert_eq!(a.to_string(), "0.00万元");
        let a = Amount::parse("15.5", Unit::WanYuan).unwrap().unwrap();
        assert_eq!((a.interval().lo, a.interval().hi), (d("15.45"), d("15.55")));
        assert!(a.interval().open_hi);
    }

    #[test]
    fn yuan_and_wan_yuan_agree_within_rounding() {
        let yuan = Amount::parse("577,900", Unit::Yuan).unwrap().unwrap();
        let wan = Amount::parse("57.79", Unit::WanYuan).unwrap().unwrap();
        assert!(yuan.agrees_with(&wan));
        let converted = yuan.convert(Unit::WanYuan);
        assert_eq!(converted.value, d("57.79"));
        assert_eq!(converted.decimals, 4);
        assert_eq!(converted.interval_in(Unit::Yuan), yuan.interval());
        let off = Amount::parse("57.80", Unit::WanYuan).unwrap().unwrap();
        assert!(!yuan.agrees_with(&off));
        // 536,438.88 元 printed as 53.64 万元 in the Fenyang table 12.
        let y = Amount::parse("536,438.88", Unit::Yuan).unwrap().unwrap();
        assert!(y.agrees_with(&Amount::parse("53.64", Unit::WanYuan).unwrap().unwrap()));
        assert_eq!(y.convert(Unit::WanYuan).to_string(), "53.643888万元");
        let back = wan.convert(Unit::Yuan);
        assert_eq!(back.to_string(), "577900元");
        assert_eq!(back.interval(), wan.interval_in(Unit::Yuan));
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(
            Amount::round(d("0.005"), Unit::WanYuan, 2).to_string(),
            "0.01万元"
        );
        assert_eq!(
            Amount::round(d("2"), Unit::WanYuan, 2).to_string(),
            "2.00万元"
        );
        assert_eq!(
            Amount::from_yuan(d("23760"), Unit::WanYuan, 2).to_string(),
            "2.38万元"
        );
    }

    #[test]
    fn round_trips_through_json() {
        let a = Amount::parse("730.00", Unit::WanYuan).unwrap().unwrap();
        let j = serde_json::to_string(&a).unwrap();
        assert_eq!(j, "\"730.00万元\"");
        let b: Amount = serde_json::from_str(&j).unwrap();
        assert_eq!(a, b);
        assert!(serde_json::from_str::<Amount>("\"730.00\"").is_err());
    }

    #[test]
    fn sum_consistency_across_units() {
        let items = [
            Amount::parse("0.57", Unit::WanYuan).unwrap().unwrap(),
            Amount::parse("5,700", Unit::Yuan).unwrap().unwrap(),
        ];
        assert!(sum_consistent(
            &items,
            &Amount::parse("1.14", Unit::WanYuan).unwrap().unwrap()
        ));
        assert!(!sum_consistent(
            &items,
            &Amount::parse("1.16", Unit::WanYuan).unwrap().unwrap()
        ));
    }
}
