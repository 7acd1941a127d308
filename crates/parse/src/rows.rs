//! From the lines of one table to its rows: labels, codes and figures, with
//! the figures still unplaced when the layout lost the columns.

use crate::lines::{is_figure, space_tokens, tab_cells, Line, Placed, Token};
use crate::profile::{Slot, TableSpec};
use yusuan_core::amount::{fold_width, parse_number, Amount, Unit};
use yusuan_core::catalog::{Catalogs, Classification};
use yusuan_core::finding::{Finding, Severity};
use yusuan_core::model::{Column, Provenance, Row, RowKind, Side, TableKind};

/// A figure read on a row, with where it stands and, in a TAB layout, the
/// column its position says it is in.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub value: Amount,
    pub provenance: Provenance,
    pub column: Option<Column>,
}

/// A row read from the source, before its figures are placed.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    pub side: Option<Side>,
    pub code: Option<String>,
    pub label: String,
    pub gov_item: Option<String>,
    pub figures: Vec<Figure>,
    pub indent: u8,
    /// Characters of the label's last printed piece: a piece as wide as a
    /// column may continue on the next line, a short one is complete.
    pub tail_len: usize,
    pub provenance: Provenance,
}

impl RawRow {
    fn new(side: Option<Side>, line: u32) -> Self {
        RawRow {
            side,
            code: None,
            label: String::new(),
            gov_item: None,
            figures: Vec::new(),
            indent: 0,
            tail_len: 0,
            provenance: Provenance::line(line),
        }
    }

    fn is_empty(&self) -> bool {
        self.code.is_none() && self.label.is_empty() && self.figures.is_empty()
    }
}

/// The body of a table as read.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub rows: Vec<RawRow>,
    pub empty_note: bool,
    /// Whether the layout kept cell positions (TAB-separated text).
    pub positional: bool,
    pub department: Option<String>,
    pub unit: Option<Unit>,
}

/// Remove an ordinal at the start of a label: `一、`, `二十六、`, `（一）`,
/// `(1)`, `①`, `1、`, `1.`.
pub fn strip_ordinal(label: &str) -> &str {
    let s = label.trim_start_matches(['\u{3000}', ' ']);
    let numeral = |c: char| {
        c.is_ascii_digit()
            || matches!(
                c,
                '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百'
            )
    };
    // 一、 二十六、 1、 1.
    let n = s
        .char_indices()
        .find(|(_, c)| !numeral(*c))
        .map_or(s.len(), |(i, _)| i);
    if n > 0 {
        let rest = &s[n..];
        if let Some(r) = rest.strip_prefix('、').or_else(|| rest.strip_prefix('．')) {
            return r;
        }
    }
    // （一） (1)
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = s.strip_prefix(open) {
            if let Some(i) = rest.find(close) {
                if i > 0 && rest[..i].chars().all(numeral) {
                    return &rest[i + close.len_utf8()..];
                }
            }
        }
    }
    // ① … ⑳
    if let Some(c) = s.chars().next() {
        if ('\u{2460}'..='\u{2473}').contains(&c) {
            return &s[c.len_utf8()..];
        }
    }
    s
}

fn has_ordinal(label: &str) -> bool {
    strip_ordinal(label).len() != label.trim_start_matches(['\u{3000}', ' ']).len()
}

/// Income-side labels of tables 1 and 4.
pub const SOURCES: [&str; 5] = [
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
    "财政专户管理资金",
    "单位资金",
];
const INCOME_WORDS: [&str; 4] = ["本年收入合计", "上年结转", "上年财政拨款结转", "收入总计"];
const TOTAL_WORDS: [&str; 2] = ["合计", "部门合计"];
/// Rows of table 10, which may be printed without any figure.
pub const THREE_PUBLIC_ITEMS: [&str; 5] = [
    "因公出国（境）费",
    "公务接待费",
    "公务用车购置及运行费",
    "公务用车购置费",
    "公务用车运行维护费",
];

/// Labels that are rows of a table (not header words) even without figures.
fn is_row_word(label: &str, spec: &TableSpec) -> bool {
    let l = strip_ordinal(label);
    let two_sided = spec.sides().len() == 2;
    TOTAL_WORDS.contains(&l)
        || (two_sided
            && (SOURCES.contains(&l)
                || INCOME_WORDS.contains(&l)
                || matches!(l, "本年支出合计" | "年终结转" | "支出总计")))
        || (spec.kind == TableKind::ThreePublic && THREE_PUBLIC_ITEMS.contains(&l))
}

fn is_income_label(label: &str) -> bool {
    let l = strip_ordinal(label);
    SOURCES.contains(&l) || INCOME_WORDS.contains(&l)
}

fn is_code(text: &str) -> bool {
    matches!(text.len(), 3 | 5 | 7)
        && text.chars().all(|c| c.is_ascii_digit())
        && text.starts_with('2')
}

/// Read `department` and `unit` from `部门名称：X 单位：万元`.
fn meta_line(text: &str, body: &mut Body) -> bool {
    // Folding leaves 称 and 位 alone: a line without them has neither field.
    if !text.contains('称') && !text.contains('位') {
        return false;
    }
    let t = fold_width(text).replace(':', "：");
    let mut found = false;
    if let Some(i) = t.find("部门名称：") {
        let rest = &t[i + "部门名称：".len()..];
        let name = rest.split(|c: char| c.is_whitespace()).next().unwrap_or("");
        let name = name.split("单位：").next().unwrap_or("").trim();
        if !name.is_empty() {
            body.department = Some(name.to_string());
        }
        found = true;
    }
    if let Some(i) = t.find("单位：") {
        let rest = t[i + "单位：".len()..].trim();
        body.unit = Unit::from_printed(rest.split_whitespace().next().unwrap_or(""));
        found = true;
    }
    found
}

/// Whether a line (by its first tokens) starts the data of a table, after
/// the header.
fn starts_data(first: Option<&str>, any_figure: bool, spec: &TableSpec) -> bool {
    if any_figure {
        return true;
    }
    let Some(first) = first else { return false };
    (spec.has_codes() && is_code(first))
        || has_ordinal(first)
        || (is_row_word(first, spec) && !starts_column_name(first, spec))
}

/// Whether a cell is a printed amount, at any precision.
fn is_amount(text: &str) -> bool {
    let t = text.trim();
    t.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '０'..='９' | '－' | '−'))
        && matches!(parse_number(t), Ok(Some(_)))
}

/// Whether the label cell of a line is that of the column numbers: `栏次`,
/// `甲`, `乙`, or the first column's own number.
fn is_column_number_label(label: &str) -> bool {
    let t = fold_width(label.trim());
    matches!(t.as_ref(), "栏次" | "甲" | "乙" | "丙" | "丁") || t.parse::<u32>().is_ok()
}

/// Whether a word is the first piece of one of the table's column headers
/// (`上年结转` of `上年结转安排`, wrapped in the header of table 1): in the
/// header it names a column, not a row.
fn starts_column_name(word: &str, spec: &TableSpec) -> bool {
    spec.slots.iter().any(|s| match s {
        Slot::Value(_, c) => {
            c.name().starts_with(strip_ordinal(word)) && c.name() != strip_ordinal(word)
        }
        _ => false,
    })
}

/// A word of a header: a column's name (with or without its year) or one
/// of the words that head the label columns.
fn is_column_word(word: &str, spec: &TableSpec) -> bool {
    let w = word
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches('年');
    matches!(
        w,
        "项目" | "科目编码" | "科目名称" | "收入" | "支出" | "金额" | "单位名称" | "项目名称"
    ) || spec
        .slots
        .iter()
        .any(|s| matches!(s, Slot::Value(_, c) if c.name() == w))
}

/// Read the body lines of a table (after its title).
pub fn read_body(
    spec: &TableSpec,
    lines: &[Line],
    unit: Unit,
    findings: &mut Vec<Finding>,
) -> Body {
    let mut body = Body {
        positional: lines.iter().any(|l| l.text.contains('\t')),
        ..Default::default()
    };
    let decimals = 2;
    let mut in_header = true;
    let mut content: Vec<&Line> = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let t = line.trimmed();
        if t.is_empty() {
            continue;
        }
        if meta_line(&line.text, &mut body) {
            continue;
        }
        // Notes start with 注 and part headings with 第 (compacting keeps
        // the first character): only those lines are compacted.
        if t.starts_with(['注', '第']) {
            let c = line.compact();
            if c.starts_with("注") && c.contains("无数据") {
                body.empty_note = true;
                continue;
            }
            if c.starts_with("注：") || c.starts_with("注:") || is_part_heading(&c) {
                continue;
            }
        }
        if in_header {
            let (first, any_figure) = if body.positional {
                // Only the label and code cells can start a row: a header
                // names columns in the value cells (`\t合计\t人员经费…`).
                let cells = tab_cells(line);
                let first = cells
                    .iter()
                    .zip(&spec.slots)
                    .find(|((t, _), slot)| {
                        !t.is_empty() && matches!(slot, Slot::Label(_) | Slot::Code(_))
                    })
                    .map(|((t, _), _)| t.clone());
                // Cells say what they are: beside a label, a number in a
                // figure's column is data at any precision (`13.5` printed
                // without its trailing zero). The column numbers (栏次
                // `1⇥2⇥3…`) have a number or `栏次` where the label stands.
                let labelled = first.as_deref().is_some_and(|f| !is_column_number_label(f));
                let figure_cell = cells.iter().zip(&spec.slots).any(|((t, _), slot)| {
                    matches!(slot, Slot::Value(..)) && !t.is_empty() && is_amount(t)
                });
                let any_figure =
                    (labelled && figure_cell) || cells.iter().any(|(t, _)| is_figure(t, decimals));
                (first, any_figure)
            } else {
                let toks = space_tokens(line, decimals);
                // `合计 人员经费 公用经费`: a line of column names is header,
                // even when it starts with a row word.
                let column_words = toks.len() > 1
                    && toks.iter().all(|p| match &p.token {
                        Token::Text(t) => is_column_word(t, spec),
                        Token::Number(_) => false,
                    });
                let first = toks
                    .first()
                    .filter(|_| !column_words)
                    .map(|p| match &p.token {
                        Token::Text(t) | Token::Number(t) => t.clone(),
                    });
                (
                    first,
                    toks.iter().any(|p| matches!(p.token, Token::Number(_))),
                )
            };
            if !starts_data(first.as_deref(), any_figure, spec) {
                continue;
            }
            // A lone `合计` may be a header cell wrapped onto its own line
            // (`合计` / `一般公共` / `预算` …): it is the total row only if
            // what follows is data, a note or nothing.
            let lone_total = !any_figure
                && first.as_deref().is_some_and(|f| TOTAL_WORDS.contains(&f))
                && t.chars().count() <= 4;
            if lone_total && !body.positional {
                let next = lines[at + 1..]
                    .iter()
                    .map(|l| l.trimmed())
                    .find(|t| !t.is_empty());
                let header_follows = next.is_some_and(|n| {
                    let toks = space_tokens(
                        &Line {
                            no: 0,
                            text: n.to_string(),
                        },
                        decimals,
                    );
                    let first = toks.first().map(|p| match &p.token {
                        Token::Text(t) | Token::Number(t) => t.clone(),
                    });
                    let figures = toks.iter().any(|p| matches!(p.token, Token::Number(_)));
                    !n.starts_with('注') && !starts_data(first.as_deref(), figures, spec)
                });
                if header_follows {
                    continue;
                }
            }
            in_header = false;
        }
        content.push(line);
    }
    body.rows = if body.positional {
        tab_rows(spec, &content, unit, findings)
    } else {
        space_rows(spec, &content, unit, decimals, findings)
    };
    body
}

/// Part headings (`第二部分 …`) that page extraction can drop into a table.
pub fn is_part_heading(compact: &str) -> bool {
    ["第一部分", "第二部分", "第三部分", "第四部分", "第五部分"]
        .iter()
        .any(|p| compact.starts_with(p))
}

fn figure(
    text: &str,
    unit: Unit,
    line: u32,
    span: (u32, u32),
    column: Option<Column>,
) -> Option<Figure> {
    Amount::parse(text, unit)
        .ok()
        .flatten()
        .map(|value| Figure {
            value,
            provenance: Provenance::line_span(line, span.0, span.1),
            column,
        })
}

/// Words of column headers besides the columns' own names.
const HEADER_WORDS: &[&str] = &[
    "合计",
    "小计",
    "金额",
    "收入",
    "支出",
    "项目",
    "科目",
    "预算数",
];

/// Whether a cell's text is (a piece of) a column header: a column's name
/// or a part of one (a header wrapped onto lines of its own), a header
/// word, or a year (`2023年`), with or without the others.
fn is_header_cell(text: &str, spec: &TableSpec) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    // Years out: `2023年合计` is `合计`, `2023年` is nothing left.
    let mut t = String::with_capacity(compact.len());
    let mut digits = String::new();
    for c in compact.chars().chain(['\0']) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let year = digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
        if !year {
            t.push_str(&digits);
        }
        digits.clear();
        if c != '\0' && !(year && c == '年') {
            t.push(c);
        }
    }
    if t.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    t.is_empty()
        || HEADER_WORDS.iter().any(|w| t.contains(w))
        || spec.slots.iter().any(|s| match s {
            Slot::Value(_, c) => t.contains(c.name()) || c.name().contains(t.as_str()),
            _ => false,
        })
}

/// A table's header printed again where it goes on over a page (a
/// repeated header row, as a word processor prints it): no figure, and
/// only header words where the figures stand.
fn repeated_header(cells: &[(String, (u32, u32))], spec: &TableSpec) -> bool {
    let values: Vec<&str> = cells
        .iter()
        .zip(&spec.slots)
        .filter(|(_, s)| matches!(s, Slot::Value(..)))
        .map(|((t, _), _)| t.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    !values.is_empty() && values.iter().all(|t| is_header_cell(t, spec))
}

/// TAB layout: cells by position, slot by slot.
fn tab_rows(
    spec: &TableSpec,
    lines: &[&Line],
    unit: Unit,
    findings: &mut Vec<Finding>,
) -> Vec<RawRow> {
    let mut out = Vec::new();
    for line in lines {
        let cells = tab_cells(line);
        if repeated_header(&cells, spec) {
            continue;
        }
        let mut current: Vec<RawRow> = spec
            .sides()
            .into_iter()
            .map(|s| RawRow::new(s, line.no))
            .collect();
        for (i, (text, span)) in cells.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let Some(slot) = spec.slots.get(i) else {
                findings.push(
                    Finding::new(
                        "extra-cell",
                        Severity::Warning,
                        format!(
                            "表{}: a cell `{text}` beyond the table's {} columns",
                            spec.number,
                            spec.slots.len()
                        ),
                    )
                    .at_line(line.no)
                    .in_table(spec.number),
                );
                continue;
            };
            let sides: Vec<Option<Side>> = current.iter().map(|r| r.side).collect();
            let side_of = |s: Option<Side>| sides.iter().position(|x| *x == s).unwrap_or(0);
            match *slot {
                // A total row prints its label across the code cell.
                Slot::Code(s) if !is_code(text) => current[side_of(s)].label = text.clone(),
                Slot::Code(s) => current[side_of(s)].code = Some(text.clone()),
                Slot::Label(s) => {
                    let k = side_of(s);
                    current[k].label = text.clone();
                    // Full-width spaces before a label nest it under the row
                    // above (a project under its unit), as in the spaces layout.
                    let raw = line.text.split('\t').nth(i).unwrap_or_default();
                    current[k].indent =
                        raw.chars().take_while(|c| *c == '\u{3000}').count().min(8) as u8;
                }
                Slot::GovItem => current[0].gov_item = Some(text.clone()),
                Slot::Value(s, col) => {
                    let k = side_of(s);
                    match figure(text, unit, line.no, *span, Some(col)) {
                        Some(f) => current[k].figures.push(f),
                        None => findings.push(
                            Finding::new(
                                "not-a-number",
                                Severity::Error,
                                format!(
                                    "表{} {}: `{text}` stands where a figure is expected",
                                    spec.number,
                                    col.name()
                                ),
                            )
                            .at_line(line.no)
                            .in_table(spec.number),
                        ),
                    }
                }
            }
        }
        // A side printed with figures but no label (the expenditure half of
        // a 合计 row in table 9) shares the other side's total label.
        let total_label = current
            .iter()
            .find(|r| TOTAL_WORDS.contains(&r.label.as_str()))
            .map(|r| r.label.clone());
        for r in &mut current {
            if r.label.is_empty() && r.code.is_none() && !r.figures.is_empty() {
                if let Some(l) = &total_label {
                    r.label = l.clone();
                }
            }
        }
        out.extend(current.into_iter().filter(|r| !r.is_empty()));
    }
    out
}

/// Space layout: a stream of tokens cut into rows where a new row starts.
fn space_rows(
    spec: &TableSpec,
    lines: &[&Line],
    unit: Unit,
    decimals: usize,
    findings: &mut Vec<Finding>,
) -> Vec<RawRow> {
    let two_sided = spec.sides().len() == 2;
    // Table 6's government items, by the latest catalog's names (only that
    // table has them).
    let gov_catalog = if spec.slots.contains(&Slot::GovItem) {
        let catalogs = Catalogs::embedded();
        catalogs
            .years(Classification::EconomicGovernment)
            .last()
            .copied()
            .and_then(|y| catalogs.get(Classification::EconomicGovernment, y).ok())
    } else {
        None
    };
    let is_gov_name =
        |text: &str| gov_catalog.is_some_and(|c| c.items().iter().any(|i| i.name == text));
    // The first piece of a government item wrapped onto the next line.
    let starts_gov_name = |text: &str| {
        text.chars().count() >= 4
            && gov_catalog.is_some_and(|c| c.items().iter().any(|i| i.name.starts_with(text)))
    };
    // Pieces narrower than this are whole labels, not the first line of a
    // wrapped one (a cell wraps only when its text fills the column).
    const WRAP_MIN: usize = 6;
    let mut rows: Vec<RawRow> = Vec::new();
    let mut open: Option<RawRow> = None;
    let income_slots = spec.values(Some(Side::Income)).len();
    let close = |open: &mut Option<RawRow>, rows: &mut Vec<RawRow>| {
        if let Some(mut r) = open.take() {
            // A total printed with its label on the income side only
            // (`合计 50.00 50.00 50.00` in table 9): the figures beyond the
            // income side's belong to the expenditure side's total.
            if two_sided && r.side == Some(Side::Income) && r.figures.len() > income_slots {
                let mut other =
                    RawRow::new(Some(Side::Expenditure), r.provenance.line.unwrap_or(0));
                other.label = r.label.clone();
                other.figures = r.figures.split_off(income_slots);
                rows.push(r);
                rows.push(other);
                return;
            }
            if !r.is_empty() {
                rows.push(r);
            }
        }
    };
    for line in lines {
        let tokens: Vec<Placed> = space_tokens(line, decimals);
        // A label followed by the blanks of its empty cells (`二、外交支出    `)
        // ends its row: it is not the first line of a wrapped label.
        let closes_row = line.text.chars().rev().take_while(|c| *c == ' ').count() >= 2;
        for (pos, placed) in tokens.iter().enumerate() {
            match &placed.token {
                Token::Number(text) => {
                    let f = figure(text, unit, placed.line, placed.span, None);
                    match (&mut open, f) {
                        (Some(r), Some(f)) => r.figures.push(f),
                        (None, Some(f)) => {
                            findings.push(
                                Finding::new(
                                    "orphan-figure",
                                    Severity::Warning,
                                    format!(
                                        "表{}: the figure {} stands before any row label",
                                        spec.number,
                                        f.value.printed()
                                    ),
                                )
                                .at_line(placed.line)
                                .in_table(spec.number),
                            );
                        }
                        _ => {}
                    }
                }
                Token::Text(text) => {
                    let text = text.as_str();
                    if spec.has_codes() && is_code(text) {
                        let side = if two_sided {
                            // The income side's code opens a line; a code after
                            // another code, or after a figure (the income row's,
                            // below its wrapped label), is the expenditure side's.
                            let first_on_line = !tokens[..pos].iter().any(|p| match &p.token {
                                Token::Text(t) => is_code(t),
                                Token::Number(_) => true,
                            });
                            Some(if first_on_line {
                                Side::Income
                            } else {
                                Side::Expenditure
                            })
                        } else {
                            None
                        };
                        close(&mut open, &mut rows);
                        let mut r = RawRow::new(side, placed.line);
                        r.code = Some(text.to_string());
                        open = Some(r);
                        continue;
                    }
                    // The label of a row opened by its code.
                    if let Some(r) = open.as_mut() {
                        if r.code.is_some() && r.label.is_empty() && r.figures.is_empty() {
                            r.label = text.to_string();
                            r.tail_len = text.chars().count();
                            continue;
                        }
                        // Table 6: the government item after the department item
                        // (or the first piece of one wrapped onto the next line).
                        if spec.slots.contains(&Slot::GovItem)
                            && r.gov_item.is_none()
                            && r.figures.is_empty()
                            && !r.label.is_empty()
                            && (is_gov_name(text) || starts_gov_name(text))
                        {
                            r.gov_item = Some(text.to_string());
                            r.tail_len = text.chars().count();
                            continue;
                        }
                        // The rest of a wrapped government item.
                        if let Some(g) = r.gov_item.as_mut() {
                            if r.figures.is_empty()
                                && !is_gov_name(g)
                                && is_gov_name(&format!("{g}{text}"))
                            {
                                g.push_str(text);
                                continue;
                            }
                        }
                        // A label wrapped onto the next line (`…传媒支` / `出`).
                        if r.figures.is_empty()
                            && !r.label.is_empty()
                            && r.gov_item.is_none()
                            && r.tail_len >= WRAP_MIN
                            && placed.line != r.provenance.line.unwrap_or(0)
                            && !has_ordinal(text)
                            && !is_row_word(text, spec)
                        {
                            r.label.push_str(text);
                            r.tail_len = text.chars().count();
                            // `三、国有资本经营预` / `算`: the side is known once
                            // the label is whole.
                            if two_sided && is_income_label(&r.label) {
                                r.side = Some(Side::Income);
                            }
                            continue;
                        }
                    }
                    close(&mut open, &mut rows);
                    // Table 9 prints codes on both sides: what starts a line
                    // is on the income side (its 合计 included).
                    let side = two_sided.then(|| {
                        if is_income_label(text) || (spec.has_codes() && pos == 0) {
                            Side::Income
                        } else {
                            Side::Expenditure
                        }
                    });
                    let mut r = RawRow::new(side, placed.line);
                    r.label = text.to_string();
                    r.tail_len = text.chars().count();
                    r.indent = placed.indent;
                    r.provenance.span = Some(placed.span);
                    open = Some(r);
                }
            }
        }
        if closes_row && matches!(tokens.last(), Some(p) if matches!(p.token, Token::Text(_))) {
            if let Some(r) = open.as_mut() {
                r.tail_len = 0;
            }
        }
    }
    close(&mut open, &mut rows);
    rows
}

/// The kind and level of each row, from its code, its label and its place.
pub fn classify(spec: &TableSpec, raw: &[RawRow], year: u16) -> Vec<Row> {
    let catalogs = Catalogs::embedded();
    let functions = catalogs.get(Classification::Function, year).ok();
    let econ = catalogs.get(Classification::EconomicDepartment, year).ok();
    let mut after_carryover = false;
    let mut rows: Vec<Row> = raw
        .iter()
        .map(|r| {
            let label = strip_ordinal(&r.label).trim().to_string();
            let (kind, level, code) = if let Some(code) = &r.code {
                let level = match code.len() {
                    3 => 1,
                    5 => 2,
                    _ => 3,
                };
                (RowKind::Classification, level, Some(code.clone()))
            } else if TOTAL_WORDS.contains(&label.as_str()) {
                (RowKind::Total, 0, None)
            } else if label == "本年收入合计" || label == "本年支出合计" {
                (RowKind::YearTotal, 0, None)
            } else if label == "收入总计" || label == "支出总计" {
                (RowKind::GrandTotal, 0, None)
            } else if matches!(label.as_str(), "上年结转" | "上年财政拨款结转" | "年终结转")
            {
                // Only the income side's 上年结转 opens the carried-over
                // sources; 年终结转 beside it on the same printed line (the
                // expenditure side) must not close them again.
                if r.side == Some(Side::Income) {
                    after_carryover = true;
                }
                (RowKind::Carryover, 0, None)
            } else if r.side == Some(Side::Income) && SOURCES.contains(&label.as_str()) {
                if after_carryover {
                    (RowKind::Carryover, 1, None)
                } else {
                    (RowKind::Source, 1, None)
                }
            } else {
                match spec.kind {
                    TableKind::BudgetSummary | TableKind::FiscalSummary => {
                        let code = functions
                            .and_then(|c| {
                                c.find_by_name(&label, None)
                                    .into_iter()
                                    .find(|i| i.code.len() == 3)
                            })
                            .map(|i| i.code.clone());
                        (RowKind::Classification, 1, code)
                    }
                    TableKind::BasicByEconomic => {
                        let is_category = r.gov_item.is_none()
                            && econ.is_some_and(|c| {
                                c.find_by_name(&label, None)
                                    .iter()
                                    .any(|i| i.code.len() == 3)
                            });
                        (
                            RowKind::Classification,
                            if is_category { 1 } else { 2 },
                            None,
                        )
                    }
                    TableKind::ThreePublic => {
                        let level =
                            if matches!(label.as_str(), "公务用车购置费" | "公务用车运行维护费")
                            {
                                2
                            } else {
                                1
                            };
                        (RowKind::Item, level, None)
                    }
                    TableKind::OperatingCosts => (RowKind::Unit, 1, None),
                    _ => (RowKind::Project, r.indent + 1, None),
                }
            };
            let mut row = Row::new(kind, label, level);
            row.code = code;
            row.side = r.side;
            row.gov_item = r.gov_item.clone();
            row.provenance = r.provenance.clone();
            row
        })
        .collect();
    // Tables 12 and 13: a row with deeper rows under it is a unit.
    if matches!(
        spec.kind,
        TableKind::ProjectsCurrent | TableKind::ProjectsCarriedOver
    ) {
        for i in 0..rows.len() {
            let deeper = rows.get(i + 1).is_some_and(|n| n.level > rows[i].level);
            if rows[i].kind == RowKind::Project && deeper {
                rows[i].kind = RowKind::Unit;
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_are_removed() {
        assert_eq!(strip_ordinal("二十六、转移性支出"), "转移性支出");
        assert_eq!(strip_ordinal("①公务用车购置费"), "公务用车购置费");
        assert_eq!(strip_ordinal("（一）政府购买服务"), "政府购买服务");
        assert_eq!(strip_ordinal("(1)x"), "x");
        assert_eq!(
            strip_ordinal("\u{3000}\u{3000}2024信访经费"),
            "2024信访经费"
        );
        assert_eq!(
            strip_ordinal("2023结转、汾财[2023]第176号"),
            "2023结转、汾财[2023]第176号"
        );
        assert_eq!(strip_ordinal("信访事务"), "信访事务");
    }

    fn cells(text: &str) -> Vec<(String, (u32, u32))> {
        tab_cells(&Line {
            no: 1,
            text: text.to_string(),
        })
    }

    #[test]
    fn column_numbers_are_no_label_and_figures_at_any_precision_are_amounts() {
        assert!(is_column_number_label("1") && is_column_number_label("栏次"));
        assert!(is_column_number_label("甲") && is_column_number_label("１"));
        assert!(!is_column_number_label("疑难案件经费"));
        assert!(is_amount("13.5") && is_amount("210") && is_amount("1,234.5"));
        assert!(!is_amount("合计") && !is_amount("-") && !is_amount("2023年"));
    }

    /// A first row printed without its trailing zero (`13.5`, as a
    /// spreadsheet without a number format shows it), right under the
    /// column numbers, is the first row of data.
    #[test]
    fn a_first_row_without_trailing_zeros_is_data() {
        let spec = crate::profile::Profile::national_budget()
            .tables
            .iter()
            .find(|t| t.number == 12)
            .cloned()
            .unwrap();
        let lines = crate::lines::lines(
            &[
                "项目名称\t合计\t2023年财政拨款\t\t\t财政专户管理资金\t单位资金",
                "\t\t一般公共预算\t政府性基金预算\t国有资本经营预算",
                // As LibreOffice Calc prints it: the wrapped header's last
                // character lands in the column number's cell.
                "1\t2\t3\t算4\t5\t6\t7",
                "疑难案件经费\t13.5\t13.5",
                "专项工作经费\t210\t210",
            ]
            .join("\n"),
        );
        let mut findings = Vec::new();
        let body = read_body(&spec, &lines, Unit::WanYuan, &mut findings);
        let labels: Vec<&str> = body.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["疑难案件经费", "专项工作经费"], "{findings:?}");
    }

    #[test]
    fn a_header_printed_again_over_a_page_is_no_row() {
        let profile = crate::profile::Profile::national_budget();
        let t1 = profile.spec(TableKind::BudgetSummary).unwrap();
        let t2 = profile.spec(TableKind::RevenueSummary).unwrap();
        for (spec, line) in [
            (t1, "项目\t2023年\t项目\t2023年合计\t当年预算安排\t上年结转安排"),
            (t1, "收入\t\t\t支出\t\t"),
            (t2, "科目编码\t项目科目名称\t合计\t一般公共预算\t政府性基金\t本年收入国有资本经营预算\t财政专户管理资金\t单位资金\t上年结转"),
        ] {
            assert!(repeated_header(&cells(line), spec), "{line}");
        }
        for (spec, line) in [
            (t2, "201\t一般公共服务支出\t567.20\t567.20\t\t\t\t\t"),
            // Not a header: said as not a number.
            (t2, "201\t一般公共服务支出\t无\t\t\t\t\t\t"),
            (t2, "201\t一般公共服务支出\t1,2.3\t\t\t\t\t\t"),
            (t1, "一、一般公共预算\t\t一、一般公共服务支出\t\t\t"),
        ] {
            assert!(!repeated_header(&cells(line), spec), "{line}");
        }
    }
}
