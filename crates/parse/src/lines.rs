//! Source lines, page furniture, and the tokens of a line.

use std::borrow::Cow;
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
        trim(&self.text)
    }

    pub fn is_blank(&self) -> bool {
        self.trimmed().is_empty()
    }

    /// The text without any whitespace, for matching titles and headings
    /// (borrowed when there is none to remove, as in most lines).
    pub fn compact(&self) -> Cow<'_, str> {
        compact(&self.text)
    }
}

/// `text.trim()`, by bytes: every line is trimmed many times over, and the
/// whitespace at its ends is ASCII but for the rare U+3000 and its kind.
/// Whitespace characters start with an ASCII byte or with C2 (U+0085,
/// U+00A0), E1 (U+1680), E2 (U+2000…U+205F) or E3 (U+3000), and end with
/// an ASCII byte or one of 80…8A, 9F, A0, A8, A9, AF: only there is a
/// character decoded.
pub fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    let (mut start, mut end) = (0, bytes.len());
    while start < end {
        match bytes[start] {
            b'\t'..=b'\r' | b' ' => start += 1,
            0xC2 | 0xE1..=0xE3 => match text[start..end].chars().next() {
                Some(c) if c.is_whitespace() => start += c.len_utf8(),
                _ => break,
            },
            _ => break,
        }
    }
    while start < end {
        match bytes[end - 1] {
            b'\t'..=b'\r' | b' ' => end -= 1,
            0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF => {
                match text[start..end].chars().next_back() {
                    Some(c) if c.is_whitespace() => end -= c.len_utf8(),
                    _ => break,
                }
            }
            _ => break,
        }
    }
    &text[start..end]
}

/// A text without any whitespace (borrowed when there is none).
///
/// Every line is compacted, several times, so this looks at bytes and
/// decodes only where a whitespace character (`char::is_whitespace`) can
/// start: at an ASCII one, or at C2 (U+0085, U+00A0), E1 (U+1680), E2
/// (U+2000…U+205F) or E3 (U+3000) — lead bytes, never inside a character.
pub fn compact(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    // The start of the run of text not yet copied.
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let width = if b <= b' ' || matches!(b, 0xC2 | 0xE1..=0xE3) {
            text[i..]
                .chars()
                .next()
                .filter(|c| c.is_whitespace())
                .map(char::len_utf8)
        } else {
            None
        };
        match width {
            Some(width) => {
                out.get_or_insert_with(|| String::with_capacity(text.len()))
                    .push_str(&text[run..i]);
                i += width;
                run = i;
            }
            None => i += 1,
        }
    }
    match out {
        Some(mut out) => {
            out.push_str(&text[run..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(text),
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
        // Each line trimmed, and for a line that could be a watermark (only
        // those are counted) its compact text.
        let keys: Vec<(&str, Option<Cow<'_, str>>)> = lines
            .iter()
            .map(|l| {
                let t = l.trimmed();
                (t, could_be_watermark(t).then(|| compact(t)))
            })
            .collect();
        // What is known of each text that could be a watermark: how often it
        // stands, whether twice in a row, whether among the first lines.
        #[derive(Default)]
        struct Seen {
            count: usize,
            clustered: bool,
            early: bool,
        }
        let mut texts: HashMap<&str, Seen> = HashMap::new();
        let mut previous: Option<&str> = None;
        let mut seen = 0usize;
        for (t, key) in &keys {
            if t.is_empty() {
                continue;
            }
            seen += 1;
            let Some(c) = key.as_deref() else {
                previous = None;
                continue;
            };
            let text = texts.entry(c).or_default();
            text.early |= seen <= 30;
            text.clustered |= previous == Some(c);
            text.count += 1;
            previous = Some(c);
        }
        keys.iter()
            .enumerate()
            .filter(|(i, (t, key))| {
                if t.is_empty() {
                    return false;
                }
                let watermark = key.as_deref().is_some_and(|c| {
                    texts
                        .get(c)
                        .is_some_and(|t| t.count >= 3 && (t.clustered || t.early))
                        && (4..=20).contains(&c.chars().count())
                        && !c.chars().any(|ch| ch.is_ascii_digit())
                        && lines[*i].text.trim() == c
                        && !c.contains(['：', ':'])
                        && !is_row_word(c)
                });
                watermark || is_page_furniture(t)
            })
            .map(|(i, _)| i)
            .collect()
    };
    for i in blank {
        lines[i].text.clear();
    }
}

/// Whether a line (trimmed) could be a watermark: its compact text has 4 to
/// 20 characters, no digit and no colon. Read off the line itself: most
/// lines are ruled out within their first characters, without compacting.
fn could_be_watermark(t: &str) -> bool {
    let mut count = 0;
    for ch in t.chars() {
        if ch.is_whitespace() {
            continue;
        }
        if ch.is_ascii_digit() || ch == '：' || ch == ':' || count == 20 {
            return false;
        }
        count += 1;
    }
    // A numbered row (`三、国有资本经营`, a wrapped label printed in several
    // tables) is content, never a watermark.
    count >= 4 && crate::rows::strip_ordinal(t).len() == t.len()
}

/// Page numbers, running headers and captions, of a line (trimmed). Their
/// tests read the compact text; each is first ruled out, for most lines, by
/// characters that compacting keeps where they are (the first, the last, or
/// every one).
fn is_page_furniture(t: &str) -> bool {
    let page_number = || t.chars().all(|ch| ch.is_whitespace() || page_char(ch));
    let header = || t.ends_with('告');
    let caption = || t.starts_with(CAPTION_STARTS);
    (page_number() && is_page_number(&compact(t)))
        || (header() && is_running_header(&compact(t)))
        || (caption() && is_caption(&compact(t)))
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

/// A character a page number can have.
fn page_char(ch: char) -> bool {
    ch.is_ascii_digit()
        || ('０'..='９').contains(&ch)
        || matches!(
            ch,
            '-' | '—' | '－' | '−' | '第' | '页' | '/' | '共' | '，' | ','
        )
}

/// `-24-`, `－ 3 －`, `第3页`, `3/25`, and with the count of pages, as an
/// office suite's footer prints it: `第 3 页 共 25 页`, `第3页，共25页`,
/// `共25页 第3页`, `第3页/共25页`.
fn is_page_number(c: &str) -> bool {
    if !c.chars().all(page_char) {
        return false;
    }
    let f = fold_width(c);
    let inner = f.trim_matches(|ch| matches!(ch, '-' | '—' | '－'));
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.chars().all(|ch| ch.is_ascii_digit());
    // `第3页`, `共25页`: the digits between a prefix and `页`.
    let of = |s: &str, prefix: char| {
        s.strip_prefix(prefix)
            .and_then(|s| s.strip_suffix('页'))
            .is_some_and(digits)
    };
    // `第3页共25页` and `共25页第3页`, separators aside.
    let with_count = || {
        let s: String = f
            .chars()
            .filter(|ch| !matches!(ch, ',' | '，' | '/'))
            .collect();
        let pair = |first: char, second: char| {
            s.strip_prefix(first)
                .and_then(|s| s.split_once('页'))
                .is_some_and(|(n, rest)| digits(n) && of(rest, second))
        };
        pair('第', '共') || pair('共', '第')
    };
    (inner.len() < f.len() && digits(inner))
        || of(&f, '第')
        || f.split_once('/')
            .is_some_and(|(a, b)| digits(a) && digits(b))
        || with_count()
}

/// `汾阳市信访局2024年部门预算公开报告`: the document's own title repeated at
/// the top of a page.
fn is_running_header(c: &str) -> bool {
    (c.ends_with("部门预算公开报告") || c.ends_with("部门决算公开报告")) && c.chars().count() <= 40
}

/// The first characters of the captions' prefixes.
const CAPTION_STARTS: [char; 6] = ['预', '部', '决', '公', '附', '表'];

/// `预算公开表3`, `部门公开表9`, `表三` alone on a line.
fn is_caption(c: &str) -> bool {
    // Folding leaves the prefixes' characters alone.
    if !c.starts_with(CAPTION_STARTS) {
        return false;
    }
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
    // With decimals, a figure is a number with a point, whose text starts
    // (perhaps after spaces) with a digit or a sign, as printed or full
    // width; most words of a table (its labels) are ruled out by that.
    let could_start = |c: char| {
        c.is_ascii_digit()
            || c.is_whitespace()
            || matches!(c, '-' | '+' | '０'..='９' | '－' | '−' | '＋')
    };
    if decimals > 0 && !text.starts_with(could_start) {
        return false;
    }
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
    // A table line has a handful of tokens: room for them at once.
    let mut out = Vec::with_capacity(8);
    let text = line.text.as_str();
    let mut indent = 0u8;
    // The word being read: its character and byte offsets.
    let mut word: Option<(usize, usize)> = None;
    let push_word = |out: &mut Vec<Placed>, start: usize, word: &str, indent: u8| {
        // The figures glued to the start of the word, then the rest.
        let mut rest = word;
        let mut offset = start;
        loop {
            let glued = glued_figure(rest, decimals);
            // A figure is ASCII: its bytes are its characters.
            let (bytes, chars) = glued.map_or((rest.len(), rest.chars().count()), |end| (end, end));
            let text = &rest[..bytes];
            let token = if is_figure(text, decimals) {
                Token::Number(text.to_string())
            } else {
                Token::Text(text.to_string())
            };
            out.push(Placed {
                token,
                line: line.no,
                span: (offset as u32, (offset + chars) as u32),
                indent: if out.is_empty() { indent } else { 0 },
            });
            if glued.is_none() {
                break;
            }
            rest = &rest[bytes..];
            offset += chars;
        }
    };
    for (i, (at, c)) in text.char_indices().enumerate() {
        if c.is_whitespace() {
            if let Some((start, from)) = word.take() {
                push_word(&mut out, start, &text[from..at], indent);
            }
            if c == '\u{3000}' && out.is_empty() {
                indent = indent.saturating_add(1);
            }
        } else if word.is_none() {
            word = Some((i, at));
        }
    }
    if let Some((start, from)) = word {
        push_word(&mut out, start, &text[from..], indent);
    }
    out
}

/// The length of a figure with `decimals` decimals that starts a word and has
/// more text glued after it (`484.55一、…` → 6).
fn glued_figure(word: &str, decimals: usize) -> Option<usize> {
    if decimals == 0 {
        return None;
    }
    let dot = word.find('.')?;
    let end = dot + 1 + decimals;
    let bytes = word.as_bytes();
    let figure = bytes[..dot]
        .iter()
        .all(|b| b.is_ascii_digit() || *b == b',')
        && bytes.len() > end
        && bytes[dot + 1..end].iter().all(u8::is_ascii_digit)
        && !bytes[end].is_ascii_digit();
    (figure && is_figure(&word[..end], decimals)).then_some(end)
}

/// The cells of a TAB-separated line with their character spans.
pub fn tab_cells(line: &Line) -> Vec<(String, (u32, u32))> {
    tab_cell_slices(line)
        .into_iter()
        .map(|(text, span)| (text.to_string(), span))
        .collect()
}

/// [`tab_cells`], the cells' texts borrowed from the line.
pub fn tab_cell_slices(line: &Line) -> Vec<(&str, (u32, u32))> {
    let mut out = Vec::new();
    let mut pos = 0u32;
    for cell in line.text.split('\t') {
        let len = cell.chars().count() as u32;
        let lead = cell.chars().take_while(|c| c.is_whitespace()).count() as u32;
        let trimmed = cell.trim();
        out.push((
            trimmed,
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
    fn whitespace_starts_and_ends_with_the_bytes_looked_for() {
        // `trim`, `compact` and `whitespace_at` look for whitespace only at
        // these bytes.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if !c.is_whitespace() {
                continue;
            }
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let (first, last) = (bytes[0], bytes[bytes.len() - 1]);
            assert!(
                matches!(first, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3),
                "{c:?}"
            );
            assert!(
                matches!(last, b'\t'..=b'\r' | b' ' | 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF),
                "{c:?}"
            );
        }
        for t in [
            "",
            " ",
            "\u{3000}a\u{3000}",
            "a b",
            "\t合计 ",
            "汾阳",
            "\u{3000}\u{3000}",
            " \u{a0}x\u{85}\u{2028} ",
            "表\u{3001}",
        ] {
            assert_eq!(trim(t), t.trim());
        }
    }

    #[test]
    fn furniture_is_blanked() {
        let mut ls = lines("仅供内部审核\n\n仅供内部审核\n正文\n-24-\n仅供内部审核\n汾阳市信访局2024年部门预算公开报告\n预算公开表3\n合计\n合计\n合计\n第 14 页 共 21 页\n第3页，共25页\n共 25 页 第 3 页\n第3页/共25页");
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
