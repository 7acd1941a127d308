//! Claims: every figure the explanation (第三部分) states, with what it
//! asserts (an amount, a share, a change and its direction, a count, an
//! enumeration with its own total, a procurement split), what it is about,
//! and the table cell it restates where that can be resolved.

use crate::lines::Line;
use std::borrow::Borrow;
use yusuan_core::amount::{fold_width, parse_number, Amount, Unit};
use yusuan_core::catalog::normalize_name;
use yusuan_core::model::{
    CellRef, Claim, ClaimKind, Column, Direction, Disclosure, EnumeratedItem, Provenance, RowKind,
    SectionKind, Side, TableKind,
};
use yusuan_core::rate::Percent;

/// A section's text with the source line of every character.
pub struct Text {
    chars: Vec<char>,
    lines: Vec<u32>,
    /// The character column of each character in its source line.
    cols: Vec<u32>,
    /// Where sentences end (at `。`, `；`, `;` or a line break), in order:
    /// every figure looks its sentence up.
    sentence_ends: Vec<usize>,
}

/// Whether a character ends a sentence.
fn ends_sentence(c: &char) -> bool {
    matches!(c, '。' | '；' | ';' | '\n')
}

impl Text {
    /// Join lines (text from a PDF breaks lines inside words and sentences).
    pub fn join<L: Borrow<Line>>(lines: &[L]) -> Text {
        let mut chars = Vec::new();
        let mut nos = Vec::new();
        let mut cols = Vec::new();
        for l in lines {
            let l = l.borrow();
            let lead = l.text.chars().take_while(|c| c.is_whitespace()).count() as u32;
            let line = fold_width(l.trimmed());
            // A sub-heading (`（一）…`, `2、…`) is a sentence of its own even
            // though it has no punctuation.
            let heading = crate::rows::strip_ordinal(&line).len() != line.len()
                && line.chars().count() <= 30
                && !line.contains(['，', '。', '；']);
            if heading
                || (!chars.is_empty() && crate::rows::strip_ordinal(&line).len() != line.len())
            {
                chars.push('\n');
                nos.push(l.no);
                cols.push(lead);
            }
            // fold_width maps one character to one, so columns carry over.
            for (i, c) in line.chars().enumerate() {
                chars.push(c);
                nos.push(l.no);
                cols.push(lead + i as u32);
            }
            if heading {
                chars.push('\n');
                nos.push(l.no);
                cols.push(lead + line.chars().count() as u32);
            }
        }
        let sentence_ends = (0..chars.len())
            .filter(|&i| ends_sentence(&chars[i]))
            .collect();
        Text {
            chars,
            lines: nos,
            cols,
            sentence_ends,
        }
    }

    /// Where the characters `[a, b)` stand: their line, and their span when
    /// they are on one line.
    fn provenance(&self, a: usize, b: usize) -> Provenance {
        let line = self.line_at(a);
        match (
            self.cols.get(a),
            b.checked_sub(1).and_then(|e| self.cols.get(e)),
        ) {
            (Some(&s), Some(&e)) if self.line_at(b.saturating_sub(1)) == line => {
                Provenance::line_span(line, s, e + 1)
            }
            _ => Provenance::line(line),
        }
    }

    fn line_at(&self, i: usize) -> u32 {
        self.lines
            .get(i)
            .or(self.lines.last())
            .copied()
            .unwrap_or(0)
    }

    fn slice(&self, a: usize, b: usize) -> String {
        self.chars[a.min(self.chars.len())..b.min(self.chars.len())]
            .iter()
            .collect()
    }
}

/// What a printed figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    Amount(Unit),
    Percent,
    Count,
}

/// A figure found in the text.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    text: String,
    measure: Measure,
    unit_text: String,
}

const COUNT_UNITS: [&str; 11] = [
    "台（套）",
    "台(套)",
    "平方米",
    "个",
    "辆",
    "人",
    "家",
    "台",
    "套",
    "项",
    "次",
];

/// Every figure with a unit (万元, 元, %, 个, 辆 …). Years, dates, ordinals
/// and document numbers have no such unit and are not figures.
fn figures(t: &Text) -> Vec<Found> {
    let c = &t.chars;
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        // Not a figure: inside a number, after 第 (`第6次`) or inside a code
        // (`A1004人民调解服务`).
        if !c[i].is_ascii_digit()
            || (i > 0
                && (c[i - 1].is_ascii_digit()
                    || c[i - 1] == '.'
                    || c[i - 1] == '第'
                    || c[i - 1].is_ascii_alphabetic()))
        {
            i += 1;
            continue;
        }
        let start = i;
        while i < c.len()
            && (c[i].is_ascii_digit()
                || c[i] == ','
                || (c[i] == '.' && c.get(i + 1).is_some_and(|d| d.is_ascii_digit())))
        {
            i += 1;
        }
        let mut j = i;
        while j < c.len() && c[j] == ' ' {
            j += 1;
        }
        let rest = &c[j..(j + 4).min(c.len())];
        let (measure, unit_text) = if starts_with(rest, "万元") {
            (Measure::Amount(Unit::WanYuan), "万元")
        } else if starts_with(rest, "元") {
            (Measure::Amount(Unit::Yuan), "元")
        } else if starts_with(rest, "%") {
            (Measure::Percent, "%")
        } else if let Some(u) = COUNT_UNITS.iter().find(|u| starts_with(rest, u)) {
            (Measure::Count, *u)
        } else {
            continue;
        };
        let end = j + unit_text.chars().count();
        // A threshold (`价值50万元（原值）以上的设备`) is part of a definition.
        let after = &c[end..(end + 6).min(c.len())];
        if after
            .windows(2)
            .any(|w| w == ['以', '上'] || w == ['以', '下'])
        {
            i = end;
            continue;
        }
        let mut text: String = c[start..i].iter().collect();
        while text.ends_with(',') {
            text.pop();
        }
        out.push(Found {
            start,
            end,
            text,
            measure,
            unit_text: unit_text.to_string(),
        });
        i = end;
    }
    out
}

/// Where a text first stands in characters.
fn find_chars(chars: &[char], text: &str) -> Option<usize> {
    let first = text.chars().next()?;
    (0..chars.len()).find(|&i| chars[i] == first && starts_with(&chars[i..], text))
}

/// Whether characters start with a text.
fn starts_with(chars: &[char], text: &str) -> bool {
    let mut it = chars.iter();
    text.chars().all(|c| it.next() == Some(&c))
}

fn direction_word(s: &str) -> Option<Direction> {
    if s.ends_with("增加") || s.ends_with("增长") || s.ends_with("上升") || s.ends_with("提高")
    {
        Some(Direction::Increase)
    } else if s.ends_with("减少") || s.ends_with("下降") || s.ends_with("降低") {
        Some(Direction::Decrease)
    } else {
        None
    }
}

const DELIMS: [char; 9] = ['，', ',', '。', '；', ';', '：', ':', '、', '\n'];

/// The words before a figure that name what it is.
fn subject_before(t: &Text, figure_start: usize, floor: usize) -> String {
    let mut a = figure_start;
    while a > floor && !DELIMS.contains(&t.chars[a - 1]) {
        a -= 1;
    }
    clean_subject(&t.slice(a, figure_start))
}

/// Remove what does not name the thing: years, the department, fillers.
fn clean_subject(s: &str) -> String {
    let mut s = crate::rows::strip_ordinal(s.trim());
    // Leading year (`2023年度`, `2024年`) and the department's own name
    // (anything up to 局/委/办/院/中心 right after it).
    loop {
        let before = s;
        // Four ASCII digits are four bytes.
        let year = s.len() > 4 && s.as_bytes()[..4].iter().all(u8::is_ascii_digit);
        if let Some(rest) = year.then(|| s[4..].strip_prefix('年')).flatten() {
            s = rest.trim_start_matches('度');
        }
        for filler in [
            "其中",
            "主要包括",
            "包括",
            "主要用于以下方面",
            "本部门",
            "本单位",
            "我单位",
            "共计",
            "收入为",
            "支出为",
            "为",
            "是",
        ] {
            if let Some(r) = s.strip_prefix(filler) {
                s = r;
            }
        }
        if s == before {
            break;
        }
    }
    for filler in ["为", "共计", "共", "合计", "总额为"] {
        if let Some(r) = s.strip_suffix(filler) {
            s = r;
        }
    }
    s.trim().to_string()
}

/// The labels of the table rows a claim's subject may name, normalised
/// ([`normalize_name`]) once per document rather than once per claim: the
/// project rows of tables 12 and 13 and the classification rows (with a
/// code) of tables 4 and 5, each by its index in its table.
pub struct RowNames {
    tables: Vec<(TableKind, Vec<(usize, String)>)>,
}

impl RowNames {
    pub fn of(d: &Disclosure) -> RowNames {
        let named = |table: TableKind, kind: RowKind, coded: bool| {
            let rows = d.table(table).map_or(Vec::new(), |t| {
                t.rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.kind == kind && (!coded || r.code.is_some()))
                    .map(|(i, r)| (i, normalize_name(&r.label)))
                    .collect()
            });
            (table, rows)
        };
        RowNames {
            tables: vec![
                named(TableKind::ProjectsCurrent, RowKind::Project, false),
                named(TableKind::ProjectsCarriedOver, RowKind::Project, false),
                named(TableKind::FiscalSummary, RowKind::Classification, true),
                named(
                    TableKind::GeneralPublicExpenditure,
                    RowKind::Classification,
                    true,
                ),
            ],
        }
    }

    /// The named rows of a table, in order: (index in the table, name).
    fn rows(&self, table: TableKind) -> &[(usize, String)] {
        self.tables
            .iter()
            .find(|(t, _)| *t == table)
            .map_or(&[], |(_, rows)| rows.as_slice())
    }
}

/// Read the claims of one section from its lines.
pub fn section_claims(kind: SectionKind, lines: &[Line], d: &Disclosure) -> (Vec<Claim>, usize) {
    section_claims_in(kind, lines, d, &RowNames::of(d))
}

/// [`section_claims`] with the row names of the document at hand.
pub fn section_claims_in<L: Borrow<Line>>(
    kind: SectionKind,
    lines: &[L],
    d: &Disclosure,
    names: &RowNames,
) -> (Vec<Claim>, usize) {
    let t = Text::join(lines);
    let department = d.meta.department.as_str();
    let subject_before = |t: &Text, start: usize, floor: usize| {
        let s = subject_before(t, start, floor);
        let s = if department.is_empty() {
            s.as_str()
        } else {
            s.trim_start_matches(department)
        };
        clean_subject(s)
    };
    let found = figures(&t);
    let mut claims: Vec<Claim> = Vec::new();
    let mut last_subject = String::new();
    let mut last_cell: Option<CellRef> = None;
    let mut last_topic: Option<String> = None;
    let mut floor = 0usize;
    let mut k = 0;
    // The sentence of the last figure: the figures of a sentence share it.
    let mut last_sentence: Option<((usize, usize), String)> = None;
    while k < found.len() {
        let f = &found[k];
        let bounds = sentence_bounds(&t, f.start);
        let sentence = match &last_sentence {
            Some((b, s)) if *b == bounds => s.clone(),
            _ => {
                let s = t.slice(bounds.0, bounds.1);
                last_sentence = Some((bounds, s.clone()));
                s
            }
        };
        let provenance = t.provenance(f.start, f.end);
        let prefix = t.slice(floor.max(f.start.saturating_sub(12)), f.start);
        let prefix = prefix.trim_end();
        let value = parse_number(&f.text).ok().flatten();
        let Some(value) = value else {
            k += 1;
            continue;
        };
        let push = |claims: &mut Vec<Claim>,
                    kind: ClaimKind,
                    subject: String,
                    cell: Option<CellRef>,
                    topic: Option<String>| {
            claims.push(Claim {
                kind,
                subject,
                sentence: sentence.clone(),
                cell,
                topic,
                provenance: provenance.clone(),
            });
        };
        match f.measure {
            Measure::Percent => {
                let pct = Percent::new(value);
                // `占77.70%`, or `占部门项目支出总额的100%` naming its base.
                let clause_start = (floor..f.start)
                    .rev()
                    .find(|&i| matches!(t.chars[i], '，' | ',' | '。' | '；' | ';'))
                    .map_or(floor, |i| i + 1);
                let clause = t.slice(clause_start, f.start);
                if let Some(at) = clause.rfind('占') {
                    let base = clause[at + '占'.len_utf8()..]
                        .trim_end_matches('的')
                        .trim()
                        .to_string();
                    let base = (!base.is_empty()).then_some(base);
                    push(
                        &mut claims,
                        ClaimKind::Share { value: pct, base },
                        last_subject.clone(),
                        last_cell.clone(),
                        last_topic.clone(),
                    );
                } else if let Some(direction) = direction_word(prefix) {
                    // A rate after its change amount joins that claim.
                    let joined = claims.last_mut().is_some_and(|c| match &mut c.kind {
                        ClaimKind::Change {
                            rate, direction: d, ..
                        } if rate.is_none() && *d == direction => {
                            *rate = Some(pct);
                            true
                        }
                        _ => false,
                    });
                    if !joined {
                        push(
                            &mut claims,
                            ClaimKind::Change {
                                direction,
                                amount: None,
                                rate: Some(pct),
                            },
                            last_subject.clone(),
                            last_cell.clone(),
                            last_topic.clone(),
                        );
                    }
                } else {
                    let subject = subject_before(&t, f.start, floor);
                    push(
                        &mut claims,
                        ClaimKind::Share {
                            value: pct,
                            base: None,
                        },
                        subject,
                        None,
                        None,
                    );
                }
            }
            Measure::Amount(unit) => {
                let amount = Amount::new(value, unit);
                if let Some(direction) = direction_word(prefix) {
                    // A change is about the sentence's first amount (`预算收入
                    // 总计484.55万元，其中：…，比上年增加65.01万元`).
                    let first = claims
                        .iter()
                        .find(|c| {
                            c.sentence == sentence && matches!(c.kind, ClaimKind::Amount { .. })
                        })
                        .map(|c| (c.subject.clone(), c.cell.clone(), c.topic.clone()));
                    let (subject, cell, topic) = first.unwrap_or((
                        last_subject.clone(),
                        last_cell.clone(),
                        last_topic.clone(),
                    ));
                    push(
                        &mut claims,
                        ClaimKind::Change {
                            direction,
                            amount: Some(amount),
                            rate: None,
                        },
                        subject,
                        cell,
                        topic,
                    );
                } else {
                    let subject = subject_before(&t, f.start, floor);
                    let (cell, topic) = resolve_in(kind, &subject, d, names);
                    push(
                        &mut claims,
                        ClaimKind::Amount { value: amount },
                        subject.clone(),
                        cell.clone(),
                        topic.clone(),
                    );
                    last_subject = subject;
                    last_cell = cell;
                    last_topic = topic;
                    // `…与上年预算数相同`: unchanged.
                    let after = t.slice(f.end, f.end + 12);
                    if after.starts_with("与") && after.contains("相同")
                        || after.starts_with("持平")
                    {
                        push(
                            &mut claims,
                            ClaimKind::Change {
                                direction: Direction::Unchanged,
                                amount: None,
                                rate: None,
                            },
                            last_subject.clone(),
                            last_cell.clone(),
                            last_topic.clone(),
                        );
                    }
                }
            }
            Measure::Count => {
                let subject = subject_before(&t, f.start, floor);
                let subject = if subject.is_empty() {
                    last_subject.clone()
                } else {
                    subject
                };
                let mut topic = count_topic(kind, &subject);
                // `编制0辆，实有0辆`: a bare subject continues the last count's topic.
                if topic == "assets.equipment" && !subject.contains("设备") {
                    if let Some(prev) = claims.iter().rev().find_map(|c| match c.kind {
                        ClaimKind::Count { .. } => c.topic.clone(),
                        _ => None,
                    }) {
                        topic = prev;
                    }
                }
                let n = value.trunc().try_into().unwrap_or(0u32);
                push(
                    &mut claims,
                    ClaimKind::Count {
                        value: n,
                        unit: f.unit_text.clone(),
                    },
                    subject,
                    None,
                    Some(topic),
                );
            }
        }
        floor = f.end;
        k += 1;
    }
    if kind == SectionKind::Procurement {
        if let Some(p) = procurement(&claims) {
            claims.push(p);
        }
    }
    claims.extend(enumerations_of(&t, Some(&found)));
    (claims, found.len())
}

/// The sentence (to `。` or `；`) around a position.
fn sentence_around(t: &Text, i: usize) -> String {
    let (a, b) = sentence_bounds(t, i);
    t.slice(a, b)
}

/// Where the sentence around a position starts and ends (its end included).
fn sentence_bounds(t: &Text, i: usize) -> (usize, usize) {
    // The last end before `i` and the first at or after it.
    let next = t.sentence_ends.partition_point(|&e| e < i);
    let a = next.checked_sub(1).map_or(0, |k| t.sentence_ends[k] + 1);
    let b = t.sentence_ends.get(next).copied().unwrap_or(t.chars.len());
    (a, (b + 1).min(t.chars.len()))
}

/// 政府采购: the total and its split, from the amount claims of the section.
fn procurement(claims: &[Claim]) -> Option<Claim> {
    let amount = |key: &str| {
        claims
            .iter()
            .find_map(|c| match (&c.kind, c.topic.as_deref()) {
                (ClaimKind::Amount { value }, Some(t)) if t == key => Some((*value, c)),
                _ => None,
            })
    };
    let (total, first) = amount("procurement.total")?;
    Some(Claim {
        kind: ClaimKind::Procurement {
            total,
            goods: amount("procurement.goods").map(|a| a.0),
            works: amount("procurement.works").map(|a| a.0),
            services: amount("procurement.services").map(|a| a.0),
        },
        subject: "政府采购".into(),
        sentence: first.sentence.clone(),
        cell: None,
        topic: Some("procurement".into()),
        provenance: first.provenance.clone(),
    })
}

/// `1、…100万元 … 11、…13万元 … 合计共需210万元`: items numbered with their
/// amounts and a stated total.
pub fn enumerations(t: &Text) -> Vec<Claim> {
    enumerations_of(t, None)
}

/// [`enumerations`], with the text's [`figures`] when they are at hand.
fn enumerations_of(t: &Text, figures_found: Option<&[Found]>) -> Vec<Claim> {
    // Where the stated total is: the first of these words the text has.
    let Some(total_char) = ["合计共需", "共需", "合计"]
        .iter()
        .find_map(|k| find_chars(&t.chars, k))
    else {
        return Vec::new();
    };
    let owned;
    let figs = match figures_found {
        Some(found) => found,
        None => {
            owned = figures(t);
            &owned
        }
    };
    let Some(total) = figs
        .iter()
        .find(|f| f.start >= total_char && matches!(f.measure, Measure::Amount(_)))
    else {
        return Vec::new();
    };
    let mut items = Vec::new();
    for f in figs.iter().filter(|f| f.end <= total_char) {
        if let (Measure::Amount(unit), Some(v)) = (f.measure, parse_number(&f.text).ok().flatten())
        {
            // Only figures inside a numbered item (`N、`) count.
            let before = t.slice(f.start.saturating_sub(40), f.start);
            if let Some(pos) = before.rfind('、') {
                let label = clean_subject(&before[pos + '、'.len_utf8()..]);
                let numbered = before[..pos]
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_digit());
                if numbered {
                    items.push(EnumeratedItem {
                        label,
                        value: Amount::new(v, unit),
                    });
                }
            }
        }
    }
    let (Measure::Amount(unit), Some(v)) =
        (total.measure, parse_number(&total.text).ok().flatten())
    else {
        return Vec::new();
    };
    if items.len() < 2 {
        return Vec::new();
    }
    vec![Claim {
        kind: ClaimKind::Enumeration {
            items,
            stated_total: Amount::new(v, unit),
        },
        subject: "合计".into(),
        sentence: sentence_around(t, total.start),
        cell: None,
        topic: Some("enumeration".into()),
        provenance: Provenance::line(t.line_at(total.start)),
    }]
}

fn cell(
    table: &TableKind,
    side: Option<Side>,
    row_code: Option<&str>,
    row_label: Option<&str>,
    column: Column,
    d: &Disclosure,
) -> Option<CellRef> {
    let t = d.table(*table)?;
    Some(CellRef {
        table: t.number,
        side,
        row_code: row_code.map(str::to_string),
        row_label: row_label.map(str::to_string),
        column,
    })
}

/// The 类 (or 款/项) a subject names, by catalog name, tolerant of a
/// mislabel like `一般公共预算服务支出` for 一般公共服务支出.
fn category_row<'a>(
    table: TableKind,
    subject: &str,
    d: &'a Disclosure,
    names: &RowNames,
) -> Option<(&'a str, Option<Side>)> {
    let t = d.table(table)?;
    if !subject.ends_with("支出") && !subject.ends_with("预备费") {
        return None;
    }
    let key = normalize_name(subject);
    let mut best: Option<(&'a str, Option<Side>, f32)> = None;
    for (i, name) in names.rows(table) {
        let r = &t.rows[*i];
        let score = if *name == key {
            1.0
        } else if similar_lengths(name, &key) {
            similarity(name, &key)
        } else {
            0.0
        };
        if score >= 0.8 && best.as_ref().is_none_or(|b| score > b.2) {
            best = Some((r.code.as_deref().unwrap_or_default(), r.side, score));
        }
    }
    best.map(|(c, s, _)| (c, s))
}

/// Whether two names are near enough in length for their [`similarity`] to
/// reach 0.8: it is at most the shorter length over the longer.
fn similar_lengths(a: &str, b: &str) -> bool {
    let (a, b) = (a.chars().count(), b.chars().count());
    a.min(b) as f32 / a.max(b) as f32 >= 0.8
}

/// Longest common subsequence over the longer length.
fn similarity(a: &str, b: &str) -> f32 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    // The dynamic programme row by row: `row[j]` is the LCS of the part of
    // `a` read so far and `b[..j]`.
    let mut row = vec![0u16; b.len() + 1];
    for ca in &a {
        let mut diagonal = 0; // the previous row's `row[j]`
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    f32::from(row[b.len()]) / a.len().max(b.len()) as f32
}

/// What table cell (or other topic) a subject in a section is about.
pub fn resolve(
    kind: SectionKind,
    subject: &str,
    d: &Disclosure,
) -> (Option<CellRef>, Option<String>) {
    resolve_in(kind, subject, d, &RowNames::of(d))
}

/// [`resolve`] with the row names of the document at hand.
fn resolve_in(
    kind: SectionKind,
    subject: &str,
    d: &Disclosure,
    names: &RowNames,
) -> (Option<CellRef>, Option<String>) {
    use Column::*;
    use TableKind as T;
    let s = subject;
    // A project named anywhere (`新增项目信访工作经费60万元`): its row in
    // table 12 or 13, the longest name that fits.
    let key = normalize_name(s);
    for table in [T::ProjectsCurrent, T::ProjectsCarriedOver] {
        if let Some(t) = d.table(table) {
            if let Some(r) = names
                .rows(table)
                .iter()
                .filter(|(_, name)| key.ends_with(name.as_str()))
                .map(|(i, _)| &t.rows[*i])
                .max_by_key(|r| r.label.chars().count())
            {
                return (cell(&table, None, None, Some(&r.label), Total, d), None);
            }
        }
    }
    let has = |k: &str| s.contains(k);
    let inc = Some(Side::Income);
    let exp = Some(Side::Expenditure);
    let c =
        |t: TableKind, side: Option<Side>, code: Option<&str>, label: Option<&str>, col: Column| {
            (cell(&t, side, code, label, col, d), None)
        };
    let topic = |k: &str| (None, Some(k.to_string()));
    match kind {
        SectionKind::Changes | SectionKind::Revenue | SectionKind::Expenditure => {
            if has("上年结转") {
                return c(T::BudgetSummary, inc, None, Some("上年结转"), Amount);
            }
            if has("一般公共预算") {
                return c(T::BudgetSummary, inc, None, Some("一般公共预算"), Amount);
            }
            if has("政府性基金") {
                return c(T::BudgetSummary, inc, None, Some("政府性基金预算"), Amount);
            }
            if has("国有资本经营") {
                return c(
                    T::BudgetSummary,
                    inc,
                    None,
                    Some("国有资本经营预算"),
                    Amount,
                );
            }
            if has("财政专户") {
                return c(
                    T::BudgetSummary,
                    inc,
                    None,
                    Some("财政专户管理资金"),
                    Amount,
                );
            }
            if has("单位资金") {
                return c(T::BudgetSummary, inc, None, Some("单位资金"), Amount);
            }
            if has("基本支出") {
                return c(T::ExpenditureSummary, None, None, Some("合计"), Basic);
            }
            if has("项目支出") {
                return c(T::ExpenditureSummary, None, None, Some("合计"), Project);
            }
            if has("支出") && has("总计") {
                return c(T::BudgetSummary, exp, None, Some("支出总计"), Total);
            }
            if has("本年预算安排") || has("本年支出") {
                return c(
                    T::BudgetSummary,
                    exp,
                    None,
                    Some("本年支出合计"),
                    CurrentYear,
                );
            }
            if has("收入") && has("总计") {
                return c(T::BudgetSummary, inc, None, Some("收入总计"), Amount);
            }
            if has("本年收入") || has("预算收入") {
                return c(T::BudgetSummary, inc, None, Some("本年收入合计"), Amount);
            }
            if has("支出预算") || has("支出") {
                return c(T::ExpenditureSummary, None, None, Some("合计"), Total);
            }
        }
        SectionKind::FiscalOverall => {
            if has("上年结转") {
                return c(
                    T::FiscalSummary,
                    inc,
                    None,
                    Some("上年财政拨款结转"),
                    Amount,
                );
            }
            if has("当年拨款") {
                return c(T::FiscalSummary, inc, None, Some("本年收入合计"), Amount);
            }
            if let Some((code, side)) = category_row(T::FiscalSummary, s, d, names) {
                return c(T::FiscalSummary, side, Some(code), None, Subtotal);
            }
            if has("一般公共预算") {
                return c(T::FiscalSummary, inc, None, Some("一般公共预算"), Amount);
            }
            if has("政府性基金") {
                return c(T::FiscalSummary, inc, None, Some("政府性基金预算"), Amount);
            }
            if has("国有资本经营") {
                return c(
                    T::FiscalSummary,
                    inc,
                    None,
                    Some("国有资本经营预算"),
                    Amount,
                );
            }
            if has("总预算") || has("收支") {
                return c(T::FiscalSummary, inc, None, Some("收入总计"), Amount);
            }
        }
        SectionKind::GeneralPublic => {
            if let Some((code, _)) = category_row(T::GeneralPublicExpenditure, s, d, names) {
                return c(T::GeneralPublicExpenditure, None, Some(code), None, Total);
            }
            if has("一般公共预算") || has("当年") {
                return c(T::GeneralPublicExpenditure, None, None, Some("合计"), Total);
            }
        }
        SectionKind::Basic => {
            if has("人员经费") {
                return c(T::BasicByEconomic, None, None, Some("合计"), Personnel);
            }
            if has("公用经费") {
                return c(T::BasicByEconomic, None, None, Some("合计"), Public);
            }
            if has("基本支出") {
                return c(T::BasicByEconomic, None, None, Some("合计"), Total);
            }
        }
        SectionKind::ThreePublic => {
            for item in [
                "因公出国",
                "公务接待费",
                "公务用车购置及运行费",
                "公务用车运行维护费",
                "公务用车购置费",
            ] {
                if has(item) {
                    let label = match item {
                        "因公出国" => "因公出国（境）费",
                        other => other,
                    };
                    return c(T::ThreePublic, None, None, Some(label), Total);
                }
            }
            if has("三公") {
                return c(T::ThreePublic, None, None, Some("合计"), Total);
            }
        }
        SectionKind::OperatingCosts => {
            if has("机关运行经费") || has("运行经费") {
                return c(T::OperatingCosts, None, None, Some("部门合计"), Total);
            }
        }
        SectionKind::Procurement => {
            if has("货物") {
                return topic("procurement.goods");
            }
            if has("工程") {
                return topic("procurement.works");
            }
            if has("服务") {
                return topic("procurement.services");
            }
            if has("采购") {
                return topic("procurement.total");
            }
        }
        SectionKind::Performance => {
            if has("基本支出") {
                return c(T::ExpenditureSummary, None, None, Some("合计"), Basic);
            }
            if has("项目支出") || has("一般公共预算当年拨款") {
                return c(T::ExpenditureSummary, None, None, Some("合计"), Project);
            }
            if has("部门预算资金") || has("涉及资金") || has("资金") {
                return c(T::ExpenditureSummary, None, None, Some("合计"), Total);
            }
            if has("项目") || has("金额") {
                return topic("performance.projects.amount");
            }
        }
        SectionKind::Assets => return topic("assets"),
        SectionKind::Other => return topic("other"),
    }
    (None, None)
}

fn count_topic(kind: SectionKind, subject: &str) -> String {
    match kind {
        SectionKind::Performance if subject.contains("单位") => "performance.units".into(),
        SectionKind::Performance => "performance.projects".into(),
        SectionKind::Assets if subject.contains("车") || subject.contains("辆") => {
            "assets.vehicles".into()
        }
        SectionKind::Assets if subject.contains("面积") || subject.contains("用房") => {
            "assets.buildings".into()
        }
        SectionKind::Assets => "assets.equipment".into(),
        SectionKind::OperatingCosts => "operating-costs.units".into(),
        _ => "count".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yusuan_core::model::{DocKind, Metadata};

    fn text(s: &str) -> Vec<Line> {
        vec![Line {
            no: 10,
            text: s.into(),
        }]
    }

    fn empty() -> Disclosure {
        Disclosure::new(Metadata {
            department: "汾阳市信访局".into(),
            department_code: None,
            region: None,
            level: None,
            year: 2024,
            kind: DocKind::Budget,
            unit: Unit::WanYuan,
        })
    }

    #[test]
    fn amounts_shares_and_changes() {
        let (claims, figures) = section_claims(
            SectionKind::Changes,
            &text("2023年度预算收入总计730.03万元，其中：本年收入730.03万元，上年结转0.00万元，比上年减少141.87万元，下降16.27%，主要原因是人员及项目的减少"),
            &empty(),
        );
        assert_eq!(figures, 5);
        assert_eq!(claims.len(), 4, "{claims:#?}");
        assert_eq!(claims[0].subject, "预算收入总计");
        assert_eq!(claims[1].subject, "本年收入");
        assert_eq!(claims[2].subject, "上年结转");
        match &claims[3].kind {
            ClaimKind::Change {
                direction,
                amount,
                rate,
            } => {
                assert_eq!(*direction, Direction::Decrease);
                assert_eq!(amount.unwrap().printed(), "141.87");
                assert_eq!(rate.unwrap().to_string(), "16.27%");
            }
            k => panic!("{k:?}"),
        }
        assert_eq!(claims[3].subject, "预算收入总计");
    }

    #[test]
    fn shares_follow_their_amount() {
        let (claims, _) = section_claims(
            SectionKind::Expenditure,
            &text("2023年度支出预算730.03万元，其中：基本支出448.74万元，占61.47%；项目支出281.29万元，占38.53%。"),
            &empty(),
        );
        let shares: Vec<(&str, String)> = claims
            .iter()
            .filter_map(|c| match &c.kind {
                ClaimKind::Share { value, .. } => Some((c.subject.as_str(), value.to_string())),
                _ => None,
            })
            .collect();
        assert_eq!(
            shares,
            [
                ("基本支出", "61.47%".to_string()),
                ("项目支出", "38.53%".to_string())
            ]
        );
    }

    #[test]
    fn unchanged_counts_and_procurement() {
        let (claims, _) = section_claims(
            SectionKind::ThreePublic,
            &text("其中:因公出国(境)费0.00万元与上年预算数相同;公务接待费0.00万元与上年预算数相同"),
            &empty(),
        );
        assert!(matches!(
            claims[1].kind,
            ClaimKind::Change {
                direction: Direction::Unchanged,
                ..
            }
        ));
        let (claims, _) = section_claims(
            SectionKind::Performance,
            &text("2023年晋城市信访局部门实行绩效目标管理的项目2个，涉及一般公共预算当年拨款281.29万元。"),
            &empty(),
        );
        assert!(matches!(claims[0].kind, ClaimKind::Count { value: 2, .. }));
        assert_eq!(claims[0].topic.as_deref(), Some("performance.projects"));
        let (claims, _) = section_claims(
            SectionKind::Procurement,
            &text("2023年晋城市信访局部门各单位政府采购预算总额3.75万元。其中：政府采购货物预算1.2万元、政府采购工程预算 0万元、政府采购服务预算2.55万元。"),
            &empty(),
        );
        let p = claims
            .iter()
            .find(|c| matches!(c.kind, ClaimKind::Procurement { .. }))
            .unwrap();
        match &p.kind {
            ClaimKind::Procurement {
                total,
                goods,
                works,
                services,
            } => {
                assert_eq!(total.printed(), "3.75");
                assert_eq!(goods.unwrap().printed(), "1.2");
                assert_eq!(works.unwrap().printed(), "0");
                assert_eq!(services.unwrap().printed(), "2.55");
            }
            _ => unreachable!(),
        }
    }

    #[test]
    fn enumeration_with_its_total() {
        let t = Text::join(&text("1、驻京信访工作经费100万元主要用于差旅费;2、驻省信访工作经费60万元,用于差旅费。3、救助金5万元。该项目合计共需210万元。"));
        let claims = enumerations(&t);
        match &claims[0].kind {
            ClaimKind::Enumeration {
                items,
                stated_total,
            } => {
                assert_eq!(items.len(), 3);
                assert_eq!(items[0].label, "驻京信访工作经费");
                assert_eq!(stated_total.printed(), "210");
            }
            k => panic!("{k:?}"),
        }
    }

    #[test]
    fn thresholds_and_years_are_not_figures() {
        let t = Text::join(&text(
            "截至2024年4月30日，占有使用价值50万元（原值）以上的通用设备0台（套）",
        ));
        let f = figures(&t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].text, "0");
    }
}
