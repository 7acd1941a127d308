//! Column widths and type size of a table (预算公开表) on its page.
//!
//! The form's widths say how wide a column usually is; what a department
//! prints decides how wide it must be. Figures and codes must never wrap
//! (a figure split over two lines reads as two figures), a long header may
//! wrap onto a second line, and a long label (`二十三、灾害防治及应急管理支出`)
//! wraps last. So the widths are reckoned from the printed texts: every
//! column gets its natural width when the page has room; otherwise headers
//! of figure columns wrap first, then labels, then the type gets smaller.

use yusuan_render::form::{CellKind, FormTable};

/// Text width of A4 with 2 cm margins, in points: portrait and landscape.
const PORTRAIT: f32 = 595.28 - 2.0 * 56.69;
const LANDSCAPE: f32 = 841.89 - 2.0 * 56.69;
/// Horizontal cell padding, both sides (`cell-inset` of the template).
pub(crate) const CELL_PADDING: f32 = 2.0 * 3.0;
/// … and a little for the rules and rounding.
const PADDING: f32 = CELL_PADDING + 0.8;
/// Type sizes tried, largest first.
const SIZES: [f32; 5] = [9.0, 8.5, 8.0, 7.5, 7.0];
/// A label may wrap down to this many characters per line.
const LABEL_MIN_EM: f32 = 6.0;
/// Space a figure keeps beside it beyond the cell padding.
const FIGURE_AIR_EM: f32 = 0.6;
/// No column narrower than this.
const COLUMN_MIN_EM: f32 = 2.2;

/// The size of a table's type (pt) and the width of each column's text
/// (pt, without the cell padding).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sizing {
    pub size: f32,
    pub widths: Vec<f32>,
}

/// The width of a text in em, as Noto Serif CJK sets it in bold (the
/// wider weight, for totals): ideographs and fullwidth punctuation a whole
/// em, digits 0.58, points 0.34 (measured; `width_estimates_are_never_too_narrow`
/// holds the estimate to what typst sets), rounded up.
pub(crate) fn text_em(s: &str) -> f32 {
    s.chars()
        .map(|c| match c {
            ' ' => 0.3,
            '.' | ',' | ':' | ';' | '!' | '\'' | '|' | 'i' | 'l' | 'j' => 0.36,
            '(' | ')' | '[' | ']' | '-' | '/' => 0.4,
            '0'..='9' => 0.6,
            'm' | 'w' | 'M' | 'W' | '%' | '@' => 1.0,
            'A'..='Z' => 0.75,
            c if c.is_ascii() => 0.62,
            c if (c as u32) < 0x2000 => 0.75,
            _ => 1.0,
        })
        .sum()
}

/// A header too wide for its column broken into two lines of equal length
/// (`国有资本经` / `营预算` reads worse than `国有资本` / `经营预算`); the
/// break falls between two ideographs only, never inside `2024年`'s digits.
pub(crate) fn balanced(text: &str, width: f32, size: f32) -> String {
    if text_em(text) * size <= width || text.contains('\n') {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let wide = |c: char| (c as u32) >= 0x2E80;
    let total = text_em(text);
    // The break nearest the middle by width, between two wide characters.
    let mut best: Option<(f32, usize)> = None;
    let mut left = 0.0;
    for i in 1..chars.len() {
        left += text_em(&chars[i - 1].to_string());
        if !(wide(chars[i - 1]) && wide(chars[i])) {
            continue;
        }
        let longer = left.max(total - left);
        if best.is_none_or(|(b, _)| longer < b) {
            best = Some((longer, i));
        }
    }
    match best {
        Some((longer, i)) if longer * size <= width + 0.01 => {
            let (a, b) = chars.split_at(i);
            format!(
                "{}\n{}",
                a.iter().collect::<String>(),
                b.iter().collect::<String>()
            )
        }
        // Not even two lines fit: let typst wrap wherever it must.
        _ => text.to_string(),
    }
}

/// What each column needs, in em: without wrapping (`natural`) and at
/// least (`min`), and whether it may give up its slack before labels do.
struct Need {
    natural: Vec<f32>,
    min: Vec<f32>,
    figure_like: Vec<bool>,
}

fn needs(t: &FormTable) -> Need {
    let n = t.columns;
    let kind = |i: usize| t.kinds.get(i).copied().unwrap_or(CellKind::Label);
    let mut natural = vec![COLUMN_MIN_EM; n];
    let mut min = vec![COLUMN_MIN_EM; n];
    for r in &t.rows {
        for (i, c) in r.cells.iter().enumerate().take(n) {
            let w = text_em(c);
            match kind(i) {
                CellKind::Label => {
                    let w = w + f32::from(r.indent);
                    natural[i] = natural[i].max(w);
                    min[i] = min[i].max(w.min(LABEL_MIN_EM + f32::from(r.indent)));
                }
                CellKind::Code | CellKind::Figure => {
                    // A little air between a figure and the rule before it.
                    let w = w + FIGURE_AIR_EM;
                    natural[i] = natural[i].max(w);
                    min[i] = min[i].max(w);
                }
            }
        }
    }
    // Header cells of one column: on one line if there is room, else on
    // two (`国有资本经营` / `预算`); a short header never wraps.
    for h in t.header.iter().filter(|h| h.colspan <= 1 && h.col < n) {
        let w = text_em(&h.text);
        natural[h.col] = natural[h.col].max(w);
        let two_lines = if w <= 4.0 { w } else { (w / 2.0).ceil() };
        min[h.col] = min[h.col].max(two_lines);
    }
    // A header over several columns (`2024年预算数`) fits across them.
    for h in t.header.iter().filter(|h| h.colspan > 1 && h.col < n) {
        let cols = h.col..(h.col + h.colspan).min(n);
        let have: f32 = natural[cols.clone()].iter().sum();
        let want = text_em(&h.text);
        if want > have {
            let add = (want - have) / cols.len() as f32;
            for i in cols {
                natural[i] += add;
            }
        }
    }
    let figure_like = (0..n).map(|i| kind(i) != CellKind::Label).collect();
    Need {
        natural,
        min,
        figure_like,
    }
}

/// The type size and column widths of a table on its page.
pub(crate) fn size_columns(t: &FormTable) -> Sizing {
    let n = t.columns;
    if n == 0 {
        return Sizing {
            size: SIZES[0],
            widths: Vec::new(),
        };
    }
    let page = if t.landscape { LANDSCAPE } else { PORTRAIT };
    let avail = page - PADDING * n as f32;
    let need = needs(t);
    let kinds: Vec<CellKind> = (0..n)
        .map(|i| t.kinds.get(i).copied().unwrap_or(CellKind::Label))
        .collect();
    for size in SIZES {
        let natural: Vec<f32> = need.natural.iter().map(|w| w * size).collect();
        let min: Vec<f32> = need.min.iter().map(|w| w * size).collect();
        let total: f32 = natural.iter().sum();
        if total <= avail {
            // Room to spare. Columns of figures are made equal, as on the
            // printed form (an empty table would otherwise have a narrow
            // 合计 beside a wide 国有资本经营预算), then every column grows
            // in proportion.
            let mut widths = natural.clone();
            let widest = (0..n)
                .filter(|&i| kinds[i] == CellKind::Figure)
                .map(|i| natural[i])
                .fold(0.0, f32::max);
            let equal: Vec<f32> = (0..n)
                .map(|i| {
                    if kinds[i] == CellKind::Figure {
                        widest
                    } else {
                        natural[i]
                    }
                })
                .collect();
            if equal.iter().sum::<f32>() <= avail {
                widths = equal;
            }
            let k = avail / widths.iter().sum::<f32>();
            return Sizing {
                size,
                widths: widths.iter().map(|w| w * k).collect(),
            };
        }
        if min.iter().sum::<f32>() > avail {
            continue;
        }
        // Shrink the columns of figures and codes to what their headers
        // need on two lines, then the labels, each group in proportion to
        // what it can give.
        let mut widths = natural.clone();
        let mut excess = total - avail;
        for figures in [true, false] {
            let slack: f32 = (0..n)
                .filter(|&i| need.figure_like[i] == figures)
                .map(|i| widths[i] - min[i])
                .sum();
            if slack <= 0.0 || excess <= 0.0 {
                continue;
            }
            let take = excess.min(slack);
            for i in (0..n).filter(|&i| need.figure_like[i] == figures) {
                widths[i] -= (widths[i] - min[i]) * take / slack;
            }
            excess -= take;
        }
        return Sizing { size, widths };
    }
    // Even the smallest type does not fit every figure: share the page in
    // proportion to the minimums (some figures will wrap).
    let size = SIZES[SIZES.len() - 1];
    let min_total: f32 = need.min.iter().sum::<f32>().max(1.0);
    Sizing {
        size,
        widths: need.min.iter().map(|w| w / min_total * avail).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yusuan_render::form::{FormRow, HeaderCell};

    fn table(
        columns: usize,
        kinds: Vec<CellKind>,
        rows: Vec<Vec<&str>>,
        landscape: bool,
    ) -> FormTable {
        FormTable {
            number: 1,
            caption: "预算公开表1".into(),
            title: "2024年预算收支总表".into(),
            department: "某局".into(),
            unit: "万元".into(),
            columns,
            kinds,
            widths: vec![10; columns],
            header_rows: 1,
            header: (0..columns)
                .map(|col| HeaderCell {
                    text: "国有资本经营预算".into(),
                    row: 0,
                    col,
                    rowspan: 1,
                    colspan: 1,
                })
                .collect(),
            rows: rows
                .into_iter()
                .map(|cells| FormRow {
                    cells: cells.into_iter().map(String::from).collect(),
                    total: false,
                    indent: 0,
                })
                .collect(),
            note: None,
            landscape,
        }
    }

    #[test]
    fn headers_break_in_the_middle() {
        assert_eq!(
            balanced("国有资本经营预算", 60.0, 9.0),
            "国有资本\n经营预算"
        );
        assert_eq!(balanced("国有资本经营预算", 80.0, 9.0), "国有资本经营预算");
        assert_eq!(balanced("一般公共预算", 30.0, 9.0), "一般公\n共预算");
        assert_eq!(balanced("2024年合计", 32.0, 9.0), "2024年\n合计");
        // Nowhere to break, or two lines too wide: unchanged.
        assert_eq!(balanced("123456", 10.0, 9.0), "123456");
        assert_eq!(balanced("国有资本经营预算", 20.0, 9.0), "国有资本经营预算");
    }

    #[test]
    fn widths_fill_the_page() {
        let t = table(
            3,
            vec![CellKind::Label, CellKind::Figure, CellKind::Figure],
            vec![vec!["一般公共服务支出", "438.89", "1.00"]],
            false,
        );
        let s = size_columns(&t);
        assert_eq!(s.size, 9.0);
        let sum: f32 = s.widths.iter().sum();
        assert!((sum - (PORTRAIT - 3.0 * PADDING)).abs() < 0.5, "{sum}");
    }

    #[test]
    fn figure_headers_wrap_before_labels() {
        let label = "二十三、灾害防治及应急管理支出";
        let t = table(
            7,
            vec![
                CellKind::Label,
                CellKind::Figure,
                CellKind::Figure,
                CellKind::Figure,
                CellKind::Figure,
                CellKind::Figure,
                CellKind::Figure,
            ],
            vec![vec![label, "1", "2", "3", "4", "5", "6"]],
            false,
        );
        let s = size_columns(&t);
        // The label stays on one line; the headers of figures go to two.
        assert!(s.widths[0] >= text_em(label) * s.size - 0.01, "{s:?}");
        for w in &s.widths[1..] {
            assert!(*w >= 4.0 * s.size - 0.01, "{s:?}");
        }
    }

    #[test]
    fn figures_never_get_narrower_than_they_print() {
        let t = table(
            12,
            vec![CellKind::Figure; 12],
            vec![vec!["123456789.00"; 12]],
            true,
        );
        let s = size_columns(&t);
        for w in &s.widths {
            assert!(*w >= text_em("123456789.00") * s.size - 0.01, "{s:?}");
        }
    }
}
