//! Cell values both ways: exact 元 amounts to and from the numbers a
//! spreadsheet stores, texts, whole numbers, and amounts as messages print
//! them.
//!
//! Amounts must stay exact: an xlsx stores a number as the shortest decimal
//! string that round-trips its f64, and calamine parses that string back to the
//! same f64, so formatting the f64 with Rust's shortest round-trip `Display`
//! gives back exactly the decimal that was written (4845.5 stays 4845.5, never
//! 4845.499999…). Only amounts an f64 cannot hold to the 分 (beyond about 10¹³
//! 元) are written as text instead, which the reader accepts too.

use calamine::Data;
use rust_decimal::Decimal;
use std::str::FromStr;

/// How an amount is stored in a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum StoredAmount {
    /// A number cell; exact, see the module documentation.
    Number(f64),
    /// A text cell, for amounts an f64 cannot hold exactly.
    Text(String),
}

/// The cell an exact amount is written as.
pub fn store_amount(yuan: Decimal) -> StoredAmount {
    let text = yuan.to_string();
    if let Ok(number) = text.parse::<f64>() {
        if number.is_finite() && Decimal::from_str(&format!("{number}")).ok() == Some(yuan) {
            return StoredAmount::Number(number);
        }
    }
    StoredAmount::Text(text)
}

/// The text of a cell, trimmed; `None` for an empty or blank cell. Numbers
/// are given as their shortest round-trip decimal (`2010301`, `1200.5`), so a
/// code or a name typed into a number cell reads as typed.
pub fn text(data: &Data) -> Result<Option<String>, String> {
    let s = match data {
        Data::Empty => return Ok(None),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.is_finite() => format!("{f}"),
        Data::Float(f) => return Err(format!("「{f}」不是有限的数")),
        Data::Bool(true) => "TRUE".to_string(),
        Data::Bool(false) => "FALSE".to_string(),
        Data::DateTime(d) => {
            return Err(format!(
                "单元格是日期（{}），应为文字：请把单元格格式设为文本后重填",
                d.as_f64()
            ))
        }
        Data::Error(e) => return Err(format!("单元格是错误值 {e}")),
    };
    Ok(if s.is_empty() { None } else { Some(s) })
}

/// Whether a cell holds nothing a reader would take (empty, or only blanks).
pub fn is_blank(data: &Data) -> bool {
    match data {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// An amount in 元: a number cell, or a text such as `4,845.50` (thousands
/// separators and a trailing 元 are allowed). Exact, never negative, at most
/// two decimals, and returned with two decimals (`4845.50`), as the facts keep
/// every amount to the 分.
pub fn amount(data: &Data) -> Result<Option<Decimal>, String> {
    let parsed = match data {
        Data::Empty => return Ok(None),
        Data::Int(i) => Decimal::from(*i),
        Data::Float(f) if f.is_finite() => {
            // Shortest round-trip text of the stored number: the decimal the
            // cell was written with (see the module documentation).
            Decimal::from_str(&format!("{f}")).map_err(|_| format!("金额 {f} 超出范围"))?
        }
        Data::Float(f) => return Err(format!("「{f}」不是金额")),
        Data::String(s) => {
            let cleaned: String = s
                .trim()
                .trim_end_matches('元')
                .chars()
                .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{a0}'))
                .collect();
            if cleaned.is_empty() {
                return Ok(None);
            }
            // Only plain decimals: Decimal::from_str would also take forms a
            // finance officer does not mean as an amount (`1e5`, `0x10`).
            let plain = cleaned
                .strip_prefix('-')
                .unwrap_or(&cleaned)
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.');
            match Decimal::from_str(&cleaned) {
                Ok(d) if plain => d,
                _ => return Err(format!("「{}」不是金额（元，最多两位小数）", s.trim())),
            }
        }
        other => {
            return Err(match text(other) {
                Err(e) => e,
                Ok(shown) => format!(
                    "「{}」不是金额（元，最多两位小数）",
                    shown.unwrap_or_default()
                ),
            })
        }
    };
    let normalized = parsed.normalize();
    if normalized.is_sign_negative() && !normalized.is_zero() {
        return Err(format!("金额 {} 元为负数：预算金额不能为负", normalized));
    }
    if normalized.scale() > 2 {
        return Err(format!(
            "金额 {normalized} 元超过两位小数：金额以元为单位，精确到分"
        ));
    }
    let mut exact = normalized.abs();
    exact.rescale(2);
    Ok(Some(exact))
}

/// A whole number ≥ 0 (a count of vehicles): a number cell without
/// fraction, or digits as text.
pub fn count(data: &Data) -> Result<Option<u32>, String> {
    let bad = |shown: &str| format!("「{shown}」不是非负整数");
    match data {
        Data::Int(i) => u32::try_from(*i).map(Some).map_err(|_| bad(&i.to_string())),
        Data::Float(f)
            if f.is_finite() && f.fract() == 0.0 && *f >= 0.0 && *f <= f64::from(u32::MAX) =>
        {
            Ok(Some(*f as u32))
        }
        other => match text(other)? {
            None => Ok(None),
            Some(s) => s.parse::<u32>().map(Some).map_err(|_| bad(&s)),
        },
    }
}

/// A budget year (`2024`, `2024年`).
pub fn year(data: &Data) -> Result<Option<u16>, String> {
    match text(data)? {
        None => Ok(None),
        Some(s) => {
            let digits = s.trim_end_matches('年').trim();
            match digits.parse::<u16>() {
                Ok(y) if (1990..=2200).contains(&y) => Ok(Some(y)),
                _ => Err(format!("「{s}」不是年度（如2024）")),
            }
        }
    }
}

/// A classification code as typed: the leading digits when a name follows
/// after a blank (`2010301 行政运行`, as a code copied with its name), else
/// the whole text.
pub fn code(s: &str) -> String {
    let s = s.trim();
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    let (code, rest) = s.split_at(digits);
    if digits > 0 && (rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        code.to_string()
    } else {
        s.to_string()
    }
}

/// An amount as messages print it: `4,845,500.00`.
pub fn format_yuan(yuan: Decimal) -> String {
    let mut rounded = yuan.round_dp(2);
    rounded.rescale(2);
    let text = rounded.abs().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{grouped}.{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn amounts_from_numbers_are_exact() {
        assert_eq!(amount(&Data::Float(4845.5)), Ok(Some(d("4845.50"))));
        assert_eq!(amount(&Data::Float(0.1)), Ok(Some(d("0.10"))));
        assert_eq!(
            amount(&Data::Float(99999999.99)),
            Ok(Some(d("99999999.99")))
        );
        assert_eq!(amount(&Data::Int(12)), Ok(Some(d("12.00"))));
        assert_eq!(amount(&Data::Float(-0.0)), Ok(Some(d("0.00"))));
        assert_eq!(amount(&Data::Empty), Ok(None));
    }

    #[test]
    fn amounts_from_text() {
        assert_eq!(
            amount(&Data::String("4,845.50".into())),
            Ok(Some(d("4845.50")))
        );
        assert_eq!(amount(&Data::String(" 12元 ".into())), Ok(Some(d("12.00"))));
        assert_eq!(amount(&Data::String("  ".into())), Ok(None));
        assert_eq!(
            amount(&Data::String("abc".into())),
            Err("「abc」不是金额（元，最多两位小数）".to_string())
        );
        assert_eq!(
            amount(&Data::String("1e5".into())),
            Err("「1e5」不是金额（元，最多两位小数）".to_string())
        );
    }

    #[test]
    fn amounts_refused() {
        assert_eq!(
            amount(&Data::Float(-5.0)),
            Err("金额 -5 元为负数：预算金额不能为负".to_string())
        );
        assert_eq!(
            amount(&Data::Float(1.005)),
            Err("金额 1.005 元超过两位小数：金额以元为单位，精确到分".to_string())
        );
        assert_eq!(amount(&Data::String("1.500".into())), Ok(Some(d("1.50"))));
        assert!(amount(&Data::Bool(true)).is_err());
        assert!(amount(&Data::Float(f64::NAN)).is_err());
        assert!(amount(&Data::Float(1e300)).is_err());
    }

    #[test]
    fn stored_amounts_round_trip() {
        for s in [
            "0",
            "0.01",
            "4845.50",
            "99999999.99",
            "100000000.00",
            "123.45",
        ] {
            let yuan = d(s);
            match store_amount(yuan) {
                StoredAmount::Number(f) => {
                    assert_eq!(amount(&Data::Float(f)), Ok(Some(yuan)), "{s}")
                }
                StoredAmount::Text(_) => panic!("{s} should be a number"),
            }
        }
        let huge = d("12345678901234567.89");
        assert_eq!(
            store_amount(huge),
            StoredAmount::Text("12345678901234567.89".into())
        );
        assert_eq!(
            amount(&Data::String("12345678901234567.89".into())),
            Ok(Some(huge))
        );
    }

    #[test]
    fn texts_counts_years_codes() {
        assert_eq!(text(&Data::Float(2010301.0)), Ok(Some("2010301".into())));
        assert_eq!(text(&Data::String("  a ".into())), Ok(Some("a".into())));
        assert_eq!(text(&Data::String("   ".into())), Ok(None));
        assert_eq!(count(&Data::Float(3.0)), Ok(Some(3)));
        assert_eq!(count(&Data::String("4".into())), Ok(Some(4)));
        assert!(count(&Data::Float(3.5)).is_err());
        assert!(count(&Data::Int(-1)).is_err());
        assert_eq!(year(&Data::Float(2024.0)), Ok(Some(2024)));
        assert_eq!(year(&Data::String("2024年".into())), Ok(Some(2024)));
        assert!(year(&Data::String("明年".into())).is_err());
        assert_eq!(code("2010301 行政运行"), "2010301");
        assert_eq!(code(" 2010301"), "2010301");
        assert_eq!(code("2010301abc"), "2010301abc");
    }

    #[test]
    fn formatted_yuan() {
        assert_eq!(format_yuan(d("4845500")), "4,845,500.00");
        assert_eq!(format_yuan(d("4845.5")), "4,845.50");
        assert_eq!(format_yuan(d("0")), "0.00");
        assert_eq!(format_yuan(d("100")), "100.00");
        assert_eq!(format_yuan(d("-1234.5")), "-1,234.50");
    }
}
