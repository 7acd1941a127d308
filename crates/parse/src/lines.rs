//! Source lines, page furniture, and the tokens of a line.

use std::collections::HashMap;
use yusuan_core::amount::{fold_width, parse_number};

/// One line of the source, 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub no: u32,
    pub text: String,
}

impl Line {
    pub fn trimmed(&self) -> &str {
        self.text.trim_matches(|c: char| c.is_whitespace())
    }

    pub fn is_blank(&self) -> bool {
        self.trimmed().is_empty()
    }

    /// The text without any whitespace, for matching titles and headings.
    pub fn compact(&self) -> String {
        self.text.chars().filter(|c| !c.is_whitespace()).collect()
    }
}

/// Split a text into numbered lines.
pub fn lines(text: &str) -> Vec<Line> {
    text.split('\n')
        .enumerate()
        .map(|(i, t)| Line {
            no: i as u32 + 1,
            text: t.to_string(),
        })
        .collect()
}

/// Page furniture: lines that belong to the page, not to the document —
/// page numbers (`-24-`), watermarks repeated through the document
/// (`仅供内部审核`), running headers (`汾阳市信访局2024年部门预算公开报告`) and
/// table captions (`预算公开表3`). They are blanked (kept as empty lines so
/// that line numbers stay right).
pub fn drop_furniture(lines: &mut [Line]) {
    // A watermark repeats, and either repeats on consecutive lines (with
    // only blank lines between) or stands on the cover, among the first
    // lines; a field label of a form (`立项依据`) repeats too, but in the
    // body, between other content.
    let blank: Vec<usize> = {
        // Most lines have no inner whitespace: borrow them rather than copy.
        let compact: Vec<std::borrow::Cow<'_, str>> = lines
            .iter()
            .map(|l| {
                let t = l.trimmed();
                if t.contains(char::is_whitespace) {
                    std::borrow::Cow::Owned(l.compact())
                } else {
                    std::borrow::Cow::Borrowed(t)
                }
            })
            .collect();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        let mut clustered: std::collections::HashSet<&str> = Default::default();
        let mut previous: Option<&str> = None;
        let mut early: std::collections::HashSet<&str> = Default::default();
        let mut seen = 0usize;
        // Only lines that could be a watermark are counted.
        let could_be = |c: &str| {
            (4..=20).contains(&c.chars().count())
                && !c.contains(|ch: char| ch.is_ascii_digit() || ch == '：' || ch == ':')
        };
        for c in &compact {
            let c: &str = c;
            if c.is_empty() {
                continue;
            }
            seen += 1;
            if !could_be(c) {
                previous = None;
                continue;
            }
            if seen <= 30 {
                early.insert(c);
            }
            if previous == Some(c) {
                clustered.insert(c);
            }
            previous = Some(c);
            *counts.entry(c).or_default() += 1;
        }
        compact
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                let c: &str = c;
                if c.is_empty() {
                    return false;
                }
                let watermark = counts.get(c).copied().unwrap_or(0) >= 3
                    && (clustered.contains(c) || early.contains(c))
                    && (4..=20).contains(&c.chars().count())
                    && !c.chars().any(|ch| ch.is_ascii_digit())
                    && lines[*i].text.trim() == c
                    && !c.contains(['：', ':'])
                    && !is_row_word(c);
                watermark || is_page_number(c) || is_running_header(c) || is_caption(c)
            })
            .map(|(i, _)| i)
            .collect()
    };
    for i in blank {
        lines[i].text.clear();
    }
}

/// Words that are rows or headers of tables and may repeat legitimately.
fn is_row_word(c: &str) -> bool {
    matches!(
        c,
        "合计"
            | "部门合计"
            | "小计"
            | "项目"
            | "收入"
            | "支出"
            | "无"
            | "无。"
            | "本年收入合计"
            | "本年支出合计"
    ) || c.ends_with("指标")
        || c.ends_with("支出")
}

/// `-24-`, `－ 3 －`, `第3页`, `3/25`.
fn is_page_number(c: &str) -> bool {
    let f = fold_width(c);
    let inner = f.trim_matches(|ch| matches!(ch, '-' | '—' | '－'));
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.chars().all(|ch| ch.is_ascii_digit());
    (inner.len() < f.len() && digits(inner))
        || f.strip_prefix('第')
            .and_then(|s| s.strip_suffix('页'))
            .is_some_and(digits)
        || f.split_once('/')
            .is_some_and(|(a, b)| digits(a) && digits(b))
}

/// `汾阳市信访局2024年部门预算公开报告`: the document's own title repeated at
/// the top of a page.
fn is_running_header(c: &str) -> bool {
    (c.ends_with("部门预算公开报告") || c.ends_with("部门决算公开报告")) && c.chars().count() <= 40
}

/// `预算公开表3`, `部门公开表9`, `表三` alone on a line.
fn is_caption(c: &str) -> bool {
    let f = fold_width(c);
    for prefix in [
        "预算公开表",
        "部门公开表",
        "决算公开表",
        "公开表",
        "附表",
        "表",
    ] {
        if let Some(rest) = f.strip_prefix(prefix) {
            let rest = rest.trim_end_matches(['：', ':']);
            if !rest.is_empty()
                && rest.chars().count() <= 3
                && rest
                    .chars()
                    .all(|ch| ch.is_ascii_digit() || "一二三四五六七八九十".contains(ch))
            {
                return true;
            }
        }
    }
    false
}

/// A token of a table line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A printed figure, with its text as printed.
    Number(String),
    /// Anything else: a label, a code, a word of a header.
    Text(String),
}

/// A token with where it stands: the line and the character span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub token: Token,
    pub line: u32,
    pub span: (u32, u32),
    /// Leading full-width spaces before the token (indentation of a nested row).
    pub indent: u8,
}

/// Whether a text is a printed table figure: digits with optional thousands
/// separators and exactly `decimals` decimals (so a year or a count in a
/// label is not taken for an amount), or a lone `0`.
pub fn is_figure(text: &str, decimals: usize) -> bool {
    let f = fold_width(text);
    let body = f.strip_prefix('-').unwrap_or(&f);
    match body.split_once('.') {
        Some((int, frac)) => {
            frac.len() == decimals
                && frac.chars().all(|c| c.is_ascii_digit())
                && !int.is_empty()
                && parse_number(&f).is_ok()
        }
        None => decimals == 0 && parse_number(&f).is_ok(),
    }
}

/// The tokens of a space-separated line: split on whitespace, with a figure
/// glued to the text after it (`484.55一、一般公共服务支出`) split off.
pub fn space_tokens(line: &Line, decimals: usize) -> Vec<Placed> {
    let mut out = Vec::new();
    let chars: Vec<char> = line.text.chars().collect();
    let mut i = 0;
    let mut indent = 0u8;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            if chars[i] == '\u{3000}' && out.is_empty() {
                indent = indent.saturating_add(1);
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        for (text, s, e) in split_glued(&word, decimals) {
            let token = if is_figure(&text, decimals) {
                Token::Number(text)
            } else {
                Token::Text(text)
            };
            out.push(Placed {
                token,
                line: line.no,
                span: ((start + s) as u32, (start + e) as u32),
                indent: if out.is_empty() { indent } else { 0 },
            });
        }
    }
    out
}

/// Split a figure glued to the start of a word: `484.55一、…` → `484.55`, `一、…`.
fn split_glued(word: &str, decimals: usize) -> Vec<(String, usize, usize)> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if decimals > 0 {
        if let Some(dot) = chars.iter().position(|c| *c == '.') {
            let end = dot + 1 + decimals;
            if end < n
                && chars[..dot].iter().all(|c| c.is_ascii_digit() || *c == ',')
                && chars[dot + 1..end].iter().all(|c| c.is_ascii_digit())
                && !chars[end].is_ascii_digit()
            {
                let head: String = chars[..end].iter().collect();
                let tail: String = chars[end..].iter().collect();
                if is_figure(&head, decimals) {
                    let mut v = vec![(head, 0, end)];
                    v.extend(
                        split_glued(&tail, decimals)
                            .into_iter()
                            .map(|(t, s, e)| (t, s + end, e + end)),
                    );
                    return v;
                }
            }
        }
    }
    vec![(word.to_string(), 0, n)]
}

/// The cells of a TAB-separated line with their character spans.
pub fn tab_cells(line: &Line) -> Vec<(String, (u32, u32))> {
    let mut out = Vec::new();
    let mut pos = 0u32;
    for cell in line.text.split('\t') {
        let len = cell.chars().count() as u32;
        let lead = cell.chars().take_while(|c| c.is_whitespace()).count() as u32;
        let trimmed = cell.trim();
        out.push((
            trimmed.to_string(),
            (pos + lead, pos + lead + trimmed.chars().count() as u32),
        ));
        pos += len + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(t: &str) -> Line {
        Line {
            no: 7,
            text: t.into(),
        }
    }

    #[test]
    fn furniture_is_blanked() {
        let mut ls = lines("仅供内部审核\n\n仅供内部审核\n正文\n-24-\n仅供内部审核\n汾阳市信访局2024年部门预算公开报告\n预算公开表3\n合计\n合计\n合计");
        drop_furniture(&mut ls);
        let kept: Vec<&str> = ls
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(kept, ["正文", "合计", "合计", "合计"]);
    }

    #[test]
    fn glued_figures_are_split() {
        let toks = space_tokens(
            &line("一、一般公共预算 484.55一、一般公共服务支出 438.89 438.89  "),
            2,
        );
        let texts: Vec<String> = toks
            .iter()
            .map(|p| match &p.token {
                Token::Number(n) => format!("#{n}"),
                Token::Text(t) => t.clone(),
            })
            .collect();
        assert_eq!(
            texts,
            [
                "一、一般公共预算",
                "#484.55",
                "一、一般公共服务支出",
                "#438.89",
                "#438.89"
            ]
        );
        assert_eq!(toks[1].span, (9, 15));
        // A year in a label is not a figure.
        let toks = space_tokens(&line("\u{3000}\u{3000}2024信访经费 167.00 167.00"), 2);
        assert_eq!(toks[0].token, Token::Text("2024信访经费".into()));
        assert_eq!(toks[0].indent, 2);
        assert_eq!(toks[1].token, Token::Number("167.00".into()));
    }

    #[test]
    fn tab_cells_keep_positions() {
        let cells = tab_cells(&line("201\t一般公共服务支出\t567.20\t\t"));
        assert_eq!(cells.len(), 5);
        assert_eq!(cells[2], ("567.20".to_string(), (13, 19)));
        assert_eq!(cells[3].0, "");
    }
}
