//! Closed intervals of exact decimals: what a rounded figure stands for.
//!
//! A printed figure is the rounding of an unknown true value; the set of true
//! values it may stand for is an interval. Sums, differences and quotients of
//! such figures are intervals too, and two figures agree when their intervals
//! meet (the "consistent" test of XBRL Calculations 1.1).
//!
//! Sums and differences are exact. Quotients are rounded *outward* to the
//! 28 significant digits of [`Decimal`], so an interval computed here always
//! contains every true quotient: a check built on it can be lenient by 10⁻²⁰
//! but never wrongly strict.
//!
//! A figure rounded half away from zero (四舍五入) from a nonnegative true
//! value stands for the half-open interval `[v − ½u, v + ½u)`: 18.535 prints
//! as 18.54, never as 18.53. Keeping the upper end open makes the test exact
//! where closed intervals are lenient: two printings of one quantity must be
//! equal (18.53 and 18.54 cannot both be the rounding of the same value, though
//! their closed intervals touch at 18.535), while a sum of n rounded items may
//! still miss its printed total by anything under (n+1)·½u.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A closed interval `[lo, hi]` of exact decimals, `lo <= hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct Interval {
    #[schemars(with = "String")]
    pub lo: Decimal,
    #[schemars(with = "String")]
    pub hi: Decimal,
    /// Whether `hi` itself is excluded (`[lo, hi)`), as for a rounded
    /// nonnegative figure.
    #[serde(default, skip_serializing_if = "is_false")]
    pub open_hi: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Interval {
    /// The interval between two bounds, in either order.
    pub fn new(a: Decimal, b: Decimal) -> Self {
        if a <= b {
            Interval::closed(a, b)
        } else {
            Interval::closed(b, a)
        }
    }

    fn closed(lo: Decimal, hi: Decimal) -> Self {
        Interval {
            lo,
            hi,
            open_hi: false,
        }
    }

    /// The one-point interval of an exact value.
    pub fn exact(v: Decimal) -> Self {
        Interval::closed(v, v)
    }

    /// The interval a value printed with `decimals` decimal places stands for
    /// under round-to-nearest: `v ± ½·10^-decimals`, half-open above for a
    /// nonnegative figure rounded half away from zero (a negative one is kept
    /// closed, which is lenient). Negative `decimals` round to tens, hundreds,
    /// … as XBRL allows.
    ///
    /// Past Decimal's reach the interval is widened, never narrowed: with 28
    /// decimal places the half unit (5·10⁻²⁹) is below Decimal's resolution,
    /// so the smallest step, 10⁻²⁸, is taken; a half unit too large for a
    /// Decimal, and ends past its range, saturate.
    pub fn rounded(v: Decimal, decimals: i32) -> Self {
        let half = if decimals >= 0 {
            Decimal::try_new(5, decimals.unsigned_abs().saturating_add(1))
                .unwrap_or(Decimal::new(1, 28))
        } else {
            (1..decimals.unsigned_abs().min(30))
                .try_fold(Decimal::from(5), |h, _| h.checked_mul(Decimal::TEN))
                .unwrap_or(Decimal::MAX)
        };
        Interval {
            lo: v.saturating_sub(half),
            hi: v.saturating_add(half),
            open_hi: !v.is_sign_negative(),
        }
    }

    pub fn zero() -> Self {
        Interval::exact(Decimal::ZERO)
    }

    /// Midpoint, for messages.
    pub fn mid(&self) -> Decimal {
        (self.lo + self.hi) / Decimal::TWO
    }

    pub fn width(&self) -> Decimal {
        self.hi - self.lo
    }

    pub fn contains(&self, v: Decimal) -> bool {
        self.lo <= v && (v < self.hi || (v == self.hi && !self.open_hi))
    }

    /// Whether the two intervals share at least one point: the XBRL
    /// Calculations 1.1 test of consistency, with open upper ends respected.
    pub fn intersects(&self, other: &Interval) -> bool {
        let below = |lo: Decimal, i: &Interval| lo < i.hi || (lo == i.hi && !i.open_hi);
        below(self.lo, other) && below(other.lo, self)
    }

    /// The common part, if any.
    pub fn intersection(&self, other: &Interval) -> Option<Interval> {
        self.intersects(other).then(|| {
            let (hi, open_hi) = match self.hi.cmp(&other.hi) {
                std::cmp::Ordering::Less => (self.hi, self.open_hi),
                std::cmp::Ordering::Greater => (other.hi, other.open_hi),
                std::cmp::Ordering::Equal => (self.hi, self.open_hi || other.open_hi),
            };
            Interval {
                lo: self.lo.max(other.lo),
                hi,
                open_hi,
            }
        })
    }

    /// The gap between two disjoint intervals (zero when they meet): how far a
    /// printed figure is from what the others allow.
    pub fn distance(&self, other: &Interval) -> Decimal {
        if self.intersects(other) {
            Decimal::ZERO
        } else if self.hi < other.lo {
            other.lo - self.hi
        } else {
            self.lo - other.hi
        }
    }

    /// Sum of any number of intervals (the empty sum is exactly zero).
    pub fn sum<'a, I: IntoIterator<Item = &'a Interval>>(items: I) -> Interval {
        items
            .into_iter()
            .fold(Interval::zero(), |acc, x| acc.add(x))
    }

    pub fn add(&self, other: &Interval) -> Interval {
        Interval {
            lo: self.lo + other.lo,
            hi: self.hi + other.hi,
            open_hi: self.open_hi || other.open_hi,
        }
    }

    /// The difference, closed (the open end of `other` would fall at the
    /// bottom, which is not tracked: lenient by one point).
    pub fn sub(&self, other: &Interval) -> Interval {
        Interval::closed(self.lo - other.hi, self.hi - other.lo)
    }

    /// The negation, closed (lenient by one point, as [`Interval::sub`]).
    pub fn neg(&self) -> Interval {
        Interval::closed(-self.hi, -self.lo)
    }

    /// Multiplication by an exact factor (a unit conversion, a percentage scale).
    pub fn scale(&self, k: Decimal) -> Interval {
        if k.is_sign_positive() && !k.is_zero() {
            Interval {
                lo: self.lo * k,
                hi: self.hi * k,
                open_hi: self.open_hi,
            }
        } else {
            Interval::new(self.lo * k, self.hi * k)
        }
    }

    /// Whether zero lies inside.
    pub fn straddles_zero(&self) -> bool {
        self.lo <= Decimal::ZERO && Decimal::ZERO <= self.hi
    }

    /// The quotient of two independent intervals, rounded outward. `None` when
    /// the divisor may be zero: the quotient is then unbounded and says nothing.
    pub fn div(&self, divisor: &Interval) -> Option<Interval> {
        if divisor.straddles_zero() {
            return None;
        }
        let corners = [
            div_bounds(self.lo, divisor.lo)?,
            div_bounds(self.lo, divisor.hi)?,
            div_bounds(self.hi, divisor.lo)?,
            div_bounds(self.hi, divisor.hi)?,
        ];
        Some(hull(corners.iter().copied()))
    }

    /// The range of `f` over the box `self × other` when `f` is monotone in each
    /// argument on it: the extremes are then at the corners. `f` returns an
    /// outward-rounded enclosure of its value, or `None` where undefined.
    pub fn corners2(
        &self,
        other: &Interval,
        f: impl Fn(Decimal, Decimal) -> Option<Interval>,
    ) -> Option<Interval> {
        let pts = [
            f(self.lo, other.lo)?,
            f(self.lo, other.hi)?,
            f(self.hi, other.lo)?,
            f(self.hi, other.hi)?,
        ];
        Some(hull(pts.iter().copied()))
    }
}

/// The smallest interval holding all of `items` (which must be non-empty).
fn hull(items: impl Iterator<Item = Interval>) -> Interval {
    items
        .reduce(|a, b| Interval::closed(a.lo.min(b.lo), a.hi.max(b.hi)))
        .expect("hull of at least one interval")
}

/// `a / b` enclosed in an interval one unit in the last place wide on each side,
/// so that rounding inside [`Decimal`] division can never exclude the true value.
pub(crate) fn div_bounds(a: Decimal, b: Decimal) -> Option<Interval> {
    let q = a.checked_div(b)?;
    if q * b == a {
        return Some(Interval::exact(q));
    }
    let ulp = Decimal::new(1, q.scale());
    Some(Interval::closed(q - ulp, q + ulp))
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.lo == self.hi {
            write!(f, "{}", self.lo.normalize())
        } else {
            write!(f, "[{}, {}]", self.lo.normalize(), self.hi.normalize())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn rounded_interval_is_half_a_unit_each_side() {
        let i = Interval::rounded(d("371.36"), 2);
        assert_eq!(i.lo, d("371.355"));
        assert_eq!(i.hi, d("371.365"));
        let i = Interval::rounded(d("1930000"), 0);
        assert_eq!(i.lo, d("1929999.5"));
    }

    #[test]
    fn jincheng_wages_sum_is_consistent_with_printed_total() {
        // Jincheng 2023 table 6: the items of 工资福利支出 add to 371.37 against 371.36.
        let items = [
            "110.29", "53.43", "40.21", "50.27", "39.05", "18.53", "8.55", "0.57", "38.91", "11.56",
        ]
        .map(|s| Interval::rounded(d(s), 2));
        let sum = Interval::sum(items.iter());
        assert!(sum.intersects(&Interval::rounded(d("371.36"), 2)));
        assert!(!sum.intersects(&Interval::rounded(d("371.46"), 2)));
    }

    #[test]
    fn division_is_outward_and_refuses_zero() {
        let one = Interval::exact(d("1"));
        let three = Interval::exact(d("3"));
        let q = one.div(&three).unwrap();
        assert!(q.lo < q.hi);
        assert!(q.lo * d("3") <= d("1") && q.hi * d("3") >= d("1"));
        assert!(one.div(&Interval::new(d("-1"), d("1"))).is_none());
        assert_eq!(
            Interval::exact(d("6")).div(&three).unwrap(),
            Interval::exact(d("2"))
        );
    }

    #[test]
    fn one_quantity_printed_twice_must_print_alike() {
        // 18.53 and 18.54 touch at 18.535, which prints as 18.54 only.
        let a = Interval::rounded(d("18.53"), 2);
        let b = Interval::rounded(d("18.54"), 2);
        assert!(!a.intersects(&b) && !b.intersects(&a));
        assert!(a.intersects(&Interval::rounded(d("18.53"), 2)));
        // The sum of two rounded items may miss by one unit.
        let sum = Interval::rounded(d("10.00"), 2).add(&Interval::rounded(d("8.53"), 2));
        assert!(sum.intersects(&b));
        assert!(!sum.intersects(&Interval::rounded(d("18.55"), 2)));
        assert!(!a.contains(d("18.535")) && a.contains(d("18.525")));
        // An exact zero against a rounded zero.
        assert!(Interval::zero().intersects(&Interval::rounded(d("0.00"), 2)));
    }

    #[test]
    fn distance_between_disjoint_intervals() {
        let a = Interval::new(d("1"), d("2"));
        let b = Interval::new(d("2.5"), d("3"));
        assert_eq!(a.distance(&b), d("0.5"));
        assert_eq!(b.distance(&a), d("0.5"));
        assert_eq!(a.distance(&Interval::exact(d("1.5"))), Decimal::ZERO);
    }

    /// Found by `cargo fuzz run read_sheet` (fuzz/README.md): a damaged
    /// workbook cell held a subnormal float, the figure read from it had 28
    /// decimal places, and the half unit of that place, 5·10⁻²⁹, made
    /// `Decimal::new` panic ("Scale exceeds the maximum precision allowed:
    /// 29 > 28") out of the reader.
    #[test]
    fn the_last_decimal_place_widens_and_does_not_panic() {
        let v = d("0.0000000000000000000000000001");
        let i = Interval::rounded(v, 28);
        assert_eq!(
            (i.lo, i.hi),
            (Decimal::ZERO, d("0.0000000000000000000000000002"))
        );
        let i = Interval::rounded(v, i32::MAX);
        assert!(i.lo <= v && v <= i.hi);
        // Rounded to 10³⁰ and past: saturates instead of overflowing.
        let i = Interval::rounded(d("1"), -31);
        assert_eq!((i.lo, i.hi), (Decimal::ONE - Decimal::MAX, Decimal::MAX));
        let i = Interval::rounded(d("1930000"), -4);
        assert_eq!((i.lo, i.hi), (d("1925000"), d("1935000")));
    }
}
