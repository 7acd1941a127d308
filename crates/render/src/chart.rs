//! The two charts of the explanation as inline SVG, hand-written, no script:
//!
//! - 一般公共预算当年拨款结构 (section 五): the general public budget's
//!   expenditure by 功能 类 (table 5's 类 rows, column 合计) as a donut with
//!   a legend of names, amounts and shares;
//! - 三公经费分布 (section 七): table 10's four items as horizontal bars,
//!   or a short note when the department budgets none.
//!
//! Amounts and shares are computed from the exact decimals of the tables
//! and printed as the prose prints them (two decimals, 四舍五入); `f64` is
//! used only for drawing coordinates, never for a printed figure.

use crate::html::escape;
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt::Write;
use yusuan_core::amount::{Amount, Unit};
use yusuan_core::model::{Column, Disclosure, RowKind, TableKind};

/// The title of the structure chart.
pub const STRUCTURE_TITLE: &str = "一般公共预算当年拨款结构";
/// The title of the 三公 chart.
pub const THREE_PUBLIC_TITLE: &str = "“三公”经费分布";
/// What the 三公 chart says when every item is zero.
pub const NO_THREE_PUBLIC: &str = "本部门无“三公”经费预算";

/// One 类 of the general public budget's expenditure and its share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    /// The 功能 类 code (`201`).
    pub code: Option<String>,
    /// The printed name (`一般公共服务支出`).
    pub label: String,
    /// Table 5's 合计 of the 类.
    pub amount: Amount,
    /// The share of the sum of all 类 in percent, rounded half away from
    /// zero to two decimals (`77.70`).
    pub percent: Decimal,
}

/// One item of table 10 (因公出国（境）费, 公务接待费, 公务用车购置费,
/// 公务用车运行维护费) and its 合计; an empty cell is a zero.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub amount: Amount,
}

/// 一般公共预算当年拨款结构: table 5's 类 rows with a non-zero 合计 and
/// their shares of the sum of the 类 (the base the prose's shares use).
/// Empty when table 5 is missing or prints nothing.
pub fn general_public_structure(d: &Disclosure) -> Vec<Share> {
    let Some(t) = d.table(TableKind::GeneralPublicExpenditure) else {
        return Vec::new();
    };
    let rows: Vec<(Option<String>, String, Amount)> = t
        .rows
        .iter()
        .filter(|r| {
            r.kind == RowKind::Classification
                && match &r.code {
                    Some(code) => code.len() == 3,
                    None => r.level == 1,
                }
        })
        .filter_map(|r| {
            let a = r.get(Column::Total)?;
            (!a.is_zero()).then(|| (r.code.clone(), r.label.clone(), *a))
        })
        .collect();
    let sum: Decimal = rows.iter().map(|(_, _, a)| a.value).sum();
    if sum.is_zero() {
        return Vec::new();
    }
    rows.into_iter()
        .map(|(code, label, amount)| Share {
            code,
            label,
            amount,
            percent: percent_of(amount.value, sum),
        })
        .collect()
}

/// `part / whole` in percent, rounded 四舍五入 to two decimals.
fn percent_of(part: Decimal, whole: Decimal) -> Decimal {
    let mut p = (part * Decimal::ONE_HUNDRED / whole)
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    p.rescale(2);
    p
}

/// 三公经费: the four items of table 10 in printed order: each item of level
/// 1 that has no ① ② under it, and the ① ② items themselves (公务用车购置及运行费
/// is their sum and would count the vehicles twice). `None` when the
/// disclosure has no table 10.
pub fn three_public_items(d: &Disclosure) -> Option<Vec<Bar>> {
    let t = d.table(TableKind::ThreePublic)?;
    let items: Vec<_> = t.rows.iter().filter(|r| r.kind == RowKind::Item).collect();
    let bars = items
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            let parent = r.level <= 1 && items.get(i + 1).is_some_and(|next| next.level > r.level);
            !parent
        })
        .map(|(_, r)| Bar {
            label: r.label.clone(),
            amount: r
                .get(Column::Total)
                .copied()
                .unwrap_or_else(|| Amount::new(Decimal::new(0, 2), t.unit)),
        })
        .collect();
    Some(bars)
}

/// A printed figure with its unit for a chart label: `567.20万元`.
fn money(a: &Amount) -> String {
    format!("{}{}", a.printed(), a.unit.as_str())
}

/// A decimal as a drawing coordinate.
fn coordinate(v: Decimal) -> f64 {
    v.to_string().parse().unwrap_or(0.0)
}

/// Fill colours, dark enough for white text and distinct in grey print.
const PALETTE: [&str; 10] = [
    "#9b1c1c", "#1f4e79", "#c27c0e", "#2e7d32", "#6a1b9a", "#00838f", "#ad1457", "#5d4037",
    "#455a64", "#827717",
];

/// Width of the charts' drawing area in SVG units.
const WIDTH: f64 = 640.0;

/// The structure chart as an SVG element: a donut (one dashed circle per
/// 类, so that a single 类 of 100% still draws a full ring) with the total
/// in the middle, and a legend of 类, amounts and shares beside it.
pub fn structure_svg(shares: &[Share], total: &Amount) -> String {
    let (cx, cy, r, stroke) = (130.0_f64, 130.0_f64, 82.0_f64, 40.0_f64);
    let circumference = 2.0 * std::f64::consts::PI * r;
    let row_height = 28.0;
    let legend_top = 40.0;
    let height = (legend_top + row_height * shares.len() as f64 + 20.0).max(2.0 * cy);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg id="chart-structure" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="chart-structure-title">"#
    );
    let _ = write!(
        s,
        r#"<title id="chart-structure-title">{}</title>"#,
        escape(STRUCTURE_TITLE)
    );
    // The ring behind the slices shows where rounding leaves a hair of gap.
    let _ = write!(
        s,
        "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\" fill=\"none\" stroke=\"#e6e6e6\" stroke-width=\"{stroke}\"/>"
    );
    let total_value = coordinate(shares.iter().map(|x| x.amount.value).sum());
    let mut start = 0.0_f64;
    for (i, share) in shares.iter().enumerate() {
        // The arc is drawn from the exact amount, not the rounded percent.
        let fraction = if total_value > 0.0 {
            coordinate(share.amount.value) / total_value
        } else {
            0.0
        };
        let length = fraction * circumference;
        let _ = write!(
            s,
            "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{stroke}\" stroke-dasharray=\"{length:.3} {gap:.3}\" stroke-dashoffset=\"{offset:.3}\" transform=\"rotate(-90 {cx} {cy})\"><title>{label} {amount} {percent}%</title></circle>",
            colour = PALETTE[i % PALETTE.len()],
            gap = circumference - length,
            offset = -start,
            label = escape(&share.label),
            amount = escape(&money(&share.amount)),
            percent = share.percent,
        );
        start += length;
    }
    let _ = write!(
        s,
        "<text x=\"{cx}\" y=\"{y1}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#555\">合计</text><text x=\"{cx}\" y=\"{y2}\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\" fill=\"#1a1a1a\">{total}</text>",
        y1 = cy - 6.0,
        y2 = cy + 16.0,
        total = escape(&money(total)),
    );
    let x = 2.0 * cx + 30.0;
    for (i, share) in shares.iter().enumerate() {
        let y = legend_top + row_height * i as f64;
        let _ = write!(
            s,
            "<g class=\"legend\"><rect x=\"{x}\" y=\"{ry}\" width=\"14\" height=\"14\" fill=\"{colour}\"/><text x=\"{tx}\" y=\"{ty}\" font-size=\"14\">{label}</text><text x=\"{ax}\" y=\"{ty}\" font-size=\"14\" text-anchor=\"end\" class=\"num\">{amount}</text><text x=\"{px}\" y=\"{ty}\" font-size=\"14\" text-anchor=\"end\" class=\"num\">{percent}%</text></g>",
            ry = y - 12.0,
            colour = PALETTE[i % PALETTE.len()],
            tx = x + 22.0,
            ty = y,
            ax = WIDTH - 80.0,
            px = WIDTH - 8.0,
            label = escape(&share.label),
            amount = escape(&money(&share.amount)),
            percent = share.percent,
        );
    }
    s.push_str("</svg>");
    s
}

/// The 三公 chart as an SVG element: one horizontal bar per item, its
/// length proportional to the exact amount, the amount printed after it.
pub fn three_public_svg(bars: &[Bar]) -> String {
    let row_height = 40.0_f64;
    let top = 16.0;
    let label_width = 190.0;
    let bar_max = WIDTH - label_width - 120.0;
    let height = top * 2.0 + row_height * bars.len() as f64;
    let max = bars
        .iter()
        .map(|b| b.amount.value)
        .max()
        .unwrap_or(Decimal::ZERO);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg id="chart-three-public" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="chart-three-public-title">"#
    );
    let _ = write!(
        s,
        r#"<title id="chart-three-public-title">{}</title>"#,
        escape(THREE_PUBLIC_TITLE)
    );
    let _ = write!(
        s,
        "<line x1=\"{label_width}\" y1=\"{top}\" x2=\"{label_width}\" y2=\"{y2}\" stroke=\"#888\" stroke-width=\"1\"/>",
        y2 = height - top
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = top + row_height * i as f64;
        let length = if max.is_zero() {
            0.0
        } else {
            coordinate(bar.amount.value) / coordinate(max) * bar_max
        };
        let _ = write!(
            s,
            "<g class=\"bar\"><text x=\"{lx}\" y=\"{ty}\" font-size=\"14\" text-anchor=\"end\">{label}</text><rect x=\"{label_width}\" y=\"{ry}\" width=\"{length:.3}\" height=\"22\" fill=\"{colour}\"/><text x=\"{ax:.3}\" y=\"{ty}\" font-size=\"14\" class=\"num\">{amount}</text></g>",
            lx = label_width - 10.0,
            ty = y + row_height / 2.0 + 5.0,
            ry = y + (row_height - 22.0) / 2.0,
            colour = PALETTE[i % PALETTE.len()],
            ax = label_width + length + 8.0,
            label = escape(&bar.label),
            amount = escape(&money(&bar.amount)),
        );
    }
    s.push_str("</svg>");
    s
}

/// The structure chart as an HTML `<figure>`, or `None` when table 5
/// prints no 类 with money.
pub fn structure_figure(d: &Disclosure) -> Option<String> {
    let shares = general_public_structure(d);
    if shares.is_empty() {
        return None;
    }
    let unit = shares[0].amount.unit;
    // A sum of printed figures has their decimals: it prints like them.
    let total = Amount::new(shares.iter().map(|s| s.amount.value).sum(), unit);
    let sum: Decimal = shares.iter().map(|s| s.percent).sum();
    let mut out = format!(
        "<figure class=\"chart\" id=\"figure-structure\">{}<figcaption>{}图（单位：{}）</figcaption>",
        structure_svg(&shares, &total),
        escape(STRUCTURE_TITLE),
        escape(unit.as_str()),
    );
    if sum != Decimal::ONE_HUNDRED {
        // Each share is rounded on its own, as the prose prints it, so the
        // shares may miss 100% by a rounding difference.
        let _ = write!(
            out,
            "<p class=\"chart-note\">注：各项占比分别四舍五入，合计为{sum}%。</p>"
        );
    }
    out.push_str("</figure>");
    Some(out)
}

/// The 三公 chart as an HTML `<figure>`: the bars, or the note that the
/// department budgets no 三公 expenses when every item is zero; `None`
/// without table 10.
pub fn three_public_figure(d: &Disclosure) -> Option<String> {
    let bars = three_public_items(d)?;
    let unit = bars.first().map_or(Unit::WanYuan, |b| b.amount.unit);
    let body = if bars.iter().all(|b| b.amount.is_zero()) {
        format!("<p class=\"chart-note\">{}</p>", escape(NO_THREE_PUBLIC))
    } else {
        three_public_svg(&bars)
    };
    Some(format!(
        "<figure class=\"chart\" id=\"figure-three-public\">{body}<figcaption>{}图（单位：{}）</figcaption></figure>",
        escape(THREE_PUBLIC_TITLE),
        escape(unit.as_str()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_half_away_from_zero() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(percent_of(d("567.20"), d("730.03")).to_string(), "77.70");
        assert_eq!(percent_of(d("1"), d("8")).to_string(), "12.50");
        assert_eq!(percent_of(d("1"), d("1")).to_string(), "100.00");
        // 0.125 → 0.13 (half away from zero), not 0.12 (banker's).
        assert_eq!(percent_of(d("0.125"), d("100")).to_string(), "0.13");
    }
}
