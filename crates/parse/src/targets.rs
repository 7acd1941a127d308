//! Performance-target tables (绩效目标申报表) into structured form.
//!
//! Both layouts go through one mechanism. A line is cut into cells — by TAB
//! where the line has TABs (a word processor's table), by runs of whitespace
//! otherwise (a PDF's table, where empty cells are gone) — and from then on
//! only the cells' contents count:
//!
//! * the head of the table (项目名称 … 总体目标) is a stream of cells in which
//!   the fixed field labels are recognised by name, normalised (spaces
//!   removed, full- and half-width brackets and colons folded), even when a
//!   label is wrapped over several cells (`市县（区）财政资` / `金`, `绩` / `效`
//!   / `指` / `标`); a field's value is what stands between its label and the
//!   next label;
//! * the indicator grid (`一级指标 二级指标 三级指标 指标值 …`) is read row by
//!   row: the cells of a row are classified (一级 label, 二级 label, anything
//!   else) and cut into parts of the form `[一级] [二级] [三级 指标值]`; the
//!   first part is the left half (实施期), the second the right half (年度).
//!   A part without a label continues the group above (an empty cell means
//!   "same as above"), and a 二级 label names its 一级 by the fixed taxonomy
//!   when the 一级 is not printed.
//!
//! What cannot be placed is left out and reported (`target-layout`); nothing
//! is invented.

use crate::lines::{tab_cell_slices, Line};
use std::borrow::Cow;
use yusuan_core::amount::{Amount, Unit};
use yusuan_core::finding::{Finding, Severity};
use yusuan_core::model::{
    DepartmentTarget, FundsBySource, Indicator, IndicatorGroup, IndicatorTree, PerformanceTarget,
    ProjectAttribute, Provenance, TargetValue,
};

/// A target table read.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// 项目支出绩效目标申报表.
    Project(Box<PerformanceTarget>),
    /// 部门（单位）整体支出绩效目标申报表.
    Department(Box<DepartmentTarget>),
}

/// The rule of every finding of this reader.
const RULE: &str = "target-layout";

/// Read one target table: `block` starts with its title line and runs to the
/// next title or section heading.
pub fn read_target(block: &[Line], findings: &mut Vec<Finding>) -> Option<Target> {
    let title = block.first()?;
    let rows: Vec<Row> = block.iter().skip(1).map(row_of).collect();
    // A title with nothing under it before the next title is the heading of
    // the annex (`附件：绩效目标表`, a web page's `绩效目标表` above the
    // tables), not a table.
    if rows.iter().all(|r| r.toks.is_empty()) {
        return None;
    }
    let header = rows.iter().position(is_grid_header);
    let head_rows = match header {
        Some(h) => rows.get(..h).unwrap_or(&rows[..]),
        None => &rows[..],
    };
    let head = read_head(head_rows, findings);
    let department = norm(&title.text).contains("整体支出")
        || (head.project.is_none() && head.department_name.is_some());

    if department {
        let Some(name) = head.department_name.clone() else {
            findings.push(
                Finding::new(
                    RULE,
                    Severity::Warning,
                    "a department-wide target table without 部门名称 could not be read",
                )
                .at_line(title.no),
            );
            return None;
        };
        let mut grid = Grid::new(header.and_then(|h| rows.get(h)), false, ["", ""]);
        if let Some(h) = header {
            grid.read(rows.get(h + 1..).unwrap_or(&[]), &name, findings);
        }
        let [indicators, _] = grid.finish(&name, findings);
        return Some(Target::Department(Box::new(DepartmentTarget {
            department: name,
            funds_by_source: head.funds_by_source,
            funds_by_direction: head.funds_by_direction,
            annual_goal: head.department_goal,
            indicators,
            provenance: Provenance::line(title.no),
        })));
    }

    let Some(project) = head.project.clone() else {
        findings.push(
            Finding::new(
                RULE,
                Severity::Warning,
                "a performance-target table without 项目名称 could not be read",
            )
            .at_line(title.no),
        );
        return None;
    };
    let (period_indicators, annual_indicators) = match header.and_then(|h| rows.get(h)) {
        Some(h_row) => {
            let two = count_norm(h_row, "三级指标") >= 2 || count_norm(h_row, "二级指标") >= 2;
            let sides = if two {
                ["实施期", "年度"]
            } else {
                ["年度", ""]
            };
            let mut grid = Grid::new(Some(h_row), two, sides);
            if let Some(h) = header {
                grid.read(rows.get(h + 1..).unwrap_or(&[]), &project, findings);
            }
            let [left, right] = grid.finish(&project, findings);
            if two {
                (left, right)
            } else {
                // A single half: the year's indicators.
                (Vec::new(), left)
            }
        }
        None => (Vec::new(), Vec::new()),
    };
    Some(Target::Project(Box::new(PerformanceTarget {
        project,
        department_code: head.department_code,
        department: head.department,
        implementing_unit: head.implementing_unit,
        attribute: head.attribute,
        period: head.period,
        period_funds: head.period_funds,
        annual_funds: head.annual_funds,
        overview: head.overview,
        basis: head.basis,
        necessity: head.necessity,
        measures: head.measures,
        plan: head.plan,
        period_goal: head.period_goal,
        annual_goal: head.annual_goal,
        period_indicators,
        annual_indicators,
        claims: Vec::new(),
        provenance: Provenance::line(title.no),
    })))
}

// ---------------------------------------------------------------------------
// Cells

/// A non-empty cell: its text (in the line), where it stands, and its
/// column (the TAB cell index, or the word index on a space-separated line).
#[derive(Debug, Clone, PartialEq)]
struct Tok<'a> {
    text: &'a str,
    /// The text folded for matching labels ([`fold`]), once: a cell is
    /// compared with many labels. `None` when folding leaves the text as it
    /// is (most cells).
    folded: Option<String>,
    line: u32,
    span: (u32, u32),
    col: usize,
}

impl<'a> Tok<'a> {
    fn new(text: &'a str, line: u32, span: (u32, u32), col: usize) -> Tok<'a> {
        Tok {
            folded: fold_changed(text),
            text,
            line,
            span,
            col,
        }
    }

    /// The text normalised for matching a label ([`norm`]).
    fn key(&self) -> &str {
        label_key(self.folded())
    }

    /// The text folded for matching labels ([`fold`]).
    fn folded(&self) -> &str {
        self.folded.as_deref().unwrap_or(self.text)
    }

    /// The part of the cell from character `from` to `to`, trimmed, with its span.
    fn slice(&self, from: usize, to: usize) -> Option<Tok<'a>> {
        // The byte offset of character `k` (the end for `k` past it).
        let byte = |k: usize| {
            self.text
                .char_indices()
                .nth(k)
                .map_or(self.text.len(), |(b, _)| b)
        };
        let count = self.text.chars().count();
        if from > to.min(count) {
            return None;
        }
        let text: &'a str = self.text;
        let part = &text[byte(from)..byte(to.min(count))];
        let text = part.trim();
        if text.is_empty() {
            return None;
        }
        if text.len() == self.text.len() {
            // The whole cell (which is trimmed already).
            return Some(self.clone());
        }
        let lead = part[..part.len() - part.trim_start().len()].chars().count();
        let start = self.span.0.saturating_add((from + lead) as u32);
        let end = start.saturating_add(text.chars().count() as u32);
        Some(Tok::new(text, self.line, (start, end), self.col))
    }
}

/// One line as cells.
#[derive(Debug, Clone)]
struct Row<'a> {
    line: u32,
    tab: bool,
    toks: Vec<Tok<'a>>,
}

fn row_of(line: &Line) -> Row<'_> {
    let tab = line.text.contains('\t');
    let toks = if tab {
        tab_cell_slices(line)
            .into_iter()
            .enumerate()
            .filter(|(_, (t, _))| !t.is_empty())
            .map(|(col, (text, span))| Tok::new(text, line.no, span, col))
            .collect()
    } else {
        // Words between runs of whitespace; spans count characters, the
        // text is cut by bytes.
        let mut out = Vec::with_capacity(8);
        // The character and byte offsets of the word being read.
        let mut start: Option<(usize, usize)> = None;
        let mut n = 0usize;
        for (i, (at, c)) in line.text.char_indices().enumerate() {
            n = i + 1;
            if c.is_whitespace() {
                if let Some((s, from)) = start.take() {
                    let text = &line.text[from..at];
                    out.push(Tok::new(text, line.no, (s as u32, i as u32), out.len()));
                }
            } else if start.is_none() {
                start = Some((i, at));
            }
        }
        if let Some((s, from)) = start {
            let text = &line.text[from..];
            out.push(Tok::new(text, line.no, (s as u32, n as u32), out.len()));
        }
        out
    };
    Row {
        line: line.no,
        tab,
        toks,
    }
}

/// One character folded for matching labels: whitespace dropped, full-width
/// forms and traditional variants of the labels' characters folded.
fn fold_char(c: char) -> Option<char> {
    // Most characters of a cell are ASCII or plain CJK: ASCII needs no
    // folding, and is by far the cheapest test.
    if c.is_ascii() {
        return (!c.is_whitespace()).then_some(c);
    }
    // Plain CJK (U+4E00…U+9FFF), the rest of a cell, is neither whitespace
    // nor a width form: only its traditional variants below fold.
    let c = if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        c
    } else if c.is_whitespace() {
        return None;
    } else {
        yusuan_core::amount::fold_width_char(c)
    };
    Some(match c {
        '（' => '(',
        '）' => ')',
        '：' => ':',
        '【' | '〔' => '[',
        '】' | '〕' => ']',
        '續' => '续',
        '數' => '数',
        '質' => '质',
        '時' => '时',
        '產' => '产',
        '對' => '对',
        '務' => '务',
        '滿' => '满',
        '濟' => '济',
        '會' => '会',
        '態' => '态',
        '響' => '响',
        '標' => '标',
        '級' => '级',
        '資' => '资',
        '項' => '项',
        '屬' => '属',
        '實' => '实',
        '單' => '单',
        '設' => '设',
        '計' => '计',
        '劃' => '划',
        '據' => '据',
        '況' => '况',
        '縣' => '县',
        '區' => '区',
        '財' => '财',
        '門' => '门',
        '義' => '义',
        '總' => '总',
        '額' => '额',
        '預' => '预',
        '算' => '算',
        '籌' => '筹',
        '億' => '亿',
        '萬' => '万',
        '効' | '傚' => '效',
        c => c,
    })
}

/// A text folded for matching labels, character by character ([`fold_char`]).
fn fold(s: &str) -> String {
    fold_changed(s).unwrap_or_else(|| s.to_string())
}

/// [`fold`], or `None` when folding leaves the text as it is.
fn fold_changed(s: &str) -> Option<String> {
    let (at, _) = s.char_indices().find(|&(_, c)| fold_char(c) != Some(c))?;
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..at]);
    out.extend(s[at..].chars().filter_map(fold_char));
    Some(out)
}

/// A folded text as a label: without a trailing colon and without a leading
/// `其中:`.
fn label_key(folded: &str) -> &str {
    let t = folded.trim_end_matches(':');
    t.strip_prefix("其中:").unwrap_or(t)
}

/// A text normalised for matching a label: folded, without a trailing colon
/// and without a leading `其中:`.
fn norm(s: &str) -> String {
    label_key(&fold(s)).to_string()
}

fn count_norm(row: &Row, word: &str) -> usize {
    row.toks.iter().filter(|t| t.key() == word).count()
}

const HEADER_WORDS: [&str; 4] = ["一级指标", "二级指标", "三级指标", "指标值"];

/// The labels of the indicator grid's first column.
const GRID_LABELS: [&str; 3] = ["绩效指标", "实施期绩效指标", "年度绩效指标"];

fn is_grid_header(row: &Row) -> bool {
    count_norm(row, "一级指标") > 0
        && (count_norm(row, "二级指标") > 0 || count_norm(row, "三级指标") > 0)
}

/// Texts joined: words of one line with a space, lines without (a Chinese
/// text wraps anywhere), unless the wrap is between two ASCII words.
fn join(toks: &[&Tok]) -> String {
    let mut out = String::new();
    let mut last_line: Option<u32> = None;
    for t in toks {
        if let Some(l) = last_line {
            let ascii_wrap = out
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                && t.text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
            if l == t.line || ascii_wrap {
                out.push(' ');
            }
        }
        out.push_str(t.text);
        last_line = Some(t.line);
    }
    out
}

fn non_empty(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

// ---------------------------------------------------------------------------
// The head: labelled fields

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Project,
    Department,
    Implementing,
    Attribute,
    Period,
    PeriodTotal,
    AnnualTotal,
    /// 0 中央, 1 省级, 2 市县, 3 单位自筹, 4 其他.
    Source(u8),
    Overview,
    Basis,
    Necessity,
    Measures,
    Plan,
    Goal,
    DepartmentName,
    DepartmentFunds,
    DepartmentGoal,
    /// A label whose value is not kept (部门职责, 实施期目标, 绩效指标, 负责人 …).
    Other,
}

const HEAD_LABELS: &[(&str, Field)] = &[
    ("项目名称", Field::Project),
    ("主管部门及代码", Field::Department),
    ("主管部门", Field::Department),
    ("实施单位", Field::Implementing),
    ("项目属性", Field::Attribute),
    ("项目期", Field::Period),
    ("项目资金(元)", Field::Other),
    ("项目资金", Field::Other),
    ("(元)", Field::Other),
    ("实施期资金总额", Field::PeriodTotal),
    ("年度资金总额", Field::AnnualTotal),
    ("中央财政资金", Field::Source(0)),
    ("省级财政资金", Field::Source(1)),
    ("市县(区)财政资金", Field::Source(2)),
    ("市县区财政资金", Field::Source(2)),
    ("市县财政资金", Field::Source(2)),
    ("单位自筹", Field::Source(3)),
    ("单位自筹资金", Field::Source(3)),
    ("其他资金", Field::Source(4)),
    ("项目概况", Field::Overview),
    ("立项依据", Field::Basis),
    ("项目设立必要性", Field::Necessity),
    ("保证项目实施的制度、措施", Field::Measures),
    ("保证项目实施的制度,措施", Field::Measures),
    ("保障项目实施的制度、措施", Field::Measures),
    ("项目实施计划", Field::Plan),
    ("实施期目标", Field::Other),
    ("年度目标", Field::Other),
    ("总体目标", Field::Goal),
    ("绩效指标", Field::Other),
    ("部门名称", Field::DepartmentName),
    ("部门基本信息", Field::Other),
    ("内设职能部门数", Field::Other),
    ("所属预算单位数", Field::Other),
    ("核定的人员编制数", Field::Other),
    ("实际在职人员总数", Field::Other),
    ("在编人员数", Field::Other),
    ("其他人员数", Field::Other),
    ("部门职责", Field::Other),
    ("部门战略目标", Field::Other),
    ("年度预算情况", Field::DepartmentFunds),
    ("年度重点任务", Field::Other),
    ("年度绩效目标", Field::DepartmentGoal),
    ("年度绩效指标", Field::Other),
    ("负责人", Field::Other),
    ("经办人", Field::Other),
    ("联系电话", Field::Other),
    ("填报日期", Field::Other),
];

/// The head labels in byte order (the first printed of equal labels
/// first), for looking cells up: every cell of a head is.
fn sorted_head_labels() -> &'static [(&'static str, Field)] {
    static SORTED: std::sync::OnceLock<Vec<(&'static str, Field)>> = std::sync::OnceLock::new();
    SORTED.get_or_init(|| {
        let mut v = HEAD_LABELS.to_vec();
        // Stable: equal labels keep their order.
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    })
}

fn head_label(n: &str) -> Option<Field> {
    let sorted = sorted_head_labels();
    let at = sorted.partition_point(|(l, _)| *l < n);
    sorted.get(at).filter(|(l, _)| *l == n).map(|(_, f)| *f)
}

fn head_label_prefix(n: &str) -> bool {
    // The labels beginning with `n` follow one another in byte order, from
    // the first label not below `n`.
    let sorted = sorted_head_labels();
    let at = sorted.partition_point(|(l, _)| *l < n);
    sorted.get(at).is_some_and(|(l, _)| l.starts_with(n))
}

/// A label found in the stream of cells: the cells `start..end` spell it.
#[derive(Debug, Clone, Copy)]
struct Mark {
    field: Field,
    start: usize,
    end: usize,
}

/// The labels in a stream of cells; a label may be spelt over up to five
/// cells (`绩` `效` `指` `标`), the longest spelling wins.
fn marks(toks: &[&Tok]) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut i = 0;
    // The folded cells from `i` on, joined (folding is per character, so
    // this is the folding of the joined texts).
    let mut joined = String::new();
    while i < toks.len() {
        joined.clear();
        let mut best: Option<(usize, Field)> = None;
        for k in 0..5 {
            let Some(t) = toks.get(i + k) else { break };
            joined.push_str(t.folded());
            let n = label_key(&joined);
            // A label is a beginning of a label: test that first.
            if !head_label_prefix(n) {
                break;
            }
            if let Some(f) = head_label(n) {
                best = Some((k + 1, f));
            }
        }
        match best {
            Some((len, field)) => {
                out.push(Mark {
                    field,
                    start: i,
                    end: i + len,
                });
                i += len;
            }
            None => {
                if let Some(m) = label_tail(toks, i, out.last()) {
                    out.push(m);
                }
                i += 1;
            }
        }
    }
    out
}

/// The last characters of a wrapped 市县（区）财政资金 alone on their line
/// (`金`) right after 省级财政资金: the first part of the label can be gone,
/// blanked as page furniture because it repeats on a line of its own in
/// every table of a document.
fn label_tail(toks: &[&Tok], i: usize, last: Option<&Mark>) -> Option<Mark> {
    let t = toks.get(i)?;
    let alone = |j: Option<usize>| j.and_then(|j| toks.get(j)).is_none_or(|o| o.line != t.line);
    let n = t.key();
    let tail = !n.is_empty()
        && n.chars().count() <= 2
        && "市县(区)财政资金".ends_with(n)
        && n != "市县(区)财政资金";
    (tail
        && alone(i.checked_sub(1))
        && alone(Some(i + 1))
        && last.is_some_and(|m| m.field == Field::Source(1)))
    .then_some(Mark {
        field: Field::Source(2),
        start: i,
        end: i + 1,
    })
}

#[derive(Debug, Default)]
struct Head {
    project: Option<String>,
    department_code: Option<String>,
    department: Option<String>,
    implementing_unit: Option<String>,
    attribute: Option<ProjectAttribute>,
    period: Option<String>,
    period_funds: FundsBySource,
    annual_funds: FundsBySource,
    overview: Option<String>,
    basis: Option<String>,
    necessity: Option<String>,
    measures: Option<String>,
    plan: Option<String>,
    period_goal: Option<String>,
    annual_goal: Option<String>,
    department_name: Option<String>,
    funds_by_source: Vec<(String, Amount)>,
    funds_by_direction: Vec<(String, Amount)>,
    department_goal: Option<String>,
}

fn read_head(rows: &[Row], findings: &mut Vec<Finding>) -> Head {
    let toks: Vec<&Tok> = rows.iter().flat_map(|r| r.toks.iter()).collect();
    let marks = marks(&toks);
    let mut head = Head::default();
    let mut source_seen = [0usize; 5];
    for (i, m) in marks.iter().enumerate() {
        let next = marks.get(i + 1).map_or(toks.len(), |n| n.start);
        let values: &[&Tok] = toks.get(m.end..next).unwrap_or(&[]);
        let label_line = toks.get(m.start).map_or(0, |t| t.line);
        let text = || non_empty(join(values));
        let set = |slot: &mut Option<String>| {
            if slot.is_none() {
                *slot = text();
            }
        };
        match m.field {
            Field::Project => set(&mut head.project),
            Field::Department => {
                if head.department.is_none() && head.department_code.is_none() {
                    if let Some(t) = text() {
                        let (code, name) = split_code(&t);
                        head.department_code = code;
                        head.department = name;
                    }
                }
            }
            Field::Implementing => set(&mut head.implementing_unit),
            Field::Attribute => {
                if head.attribute.is_none() {
                    if let Some(t) = text() {
                        head.attribute = if t.contains("经常性") {
                            Some(ProjectAttribute::Recurring)
                        } else if t.contains("一次性") {
                            Some(ProjectAttribute::OneOff)
                        } else {
                            findings.push(
                                Finding::new(
                                    RULE,
                                    Severity::Warning,
                                    format!("项目属性 `{t}` is neither 经常性 nor 一次性"),
                                )
                                .at_line(label_line),
                            );
                            None
                        };
                    }
                }
            }
            Field::Period => set(&mut head.period),
            Field::PeriodTotal => {
                if head.period_funds.total.is_none() {
                    head.period_funds.total = amount(values, "实施期资金总额", findings);
                }
            }
            Field::AnnualTotal => {
                if head.annual_funds.total.is_none() {
                    head.annual_funds.total = amount(values, "年度资金总额", findings);
                }
            }
            Field::Source(k) => {
                let names = [
                    "中央财政资金",
                    "省级财政资金",
                    "市县财政资金",
                    "单位自筹",
                    "其他资金",
                ];
                let k = usize::from(k).min(4);
                let seen = source_seen.get(k).copied().unwrap_or(0);
                if let Some(s) = source_seen.get_mut(k) {
                    *s += 1;
                }
                let funds = match seen {
                    0 => &mut head.period_funds,
                    1 => &mut head.annual_funds,
                    _ => {
                        findings.push(
                            Finding::new(
                                RULE,
                                Severity::Warning,
                                format!(
                                    "{} printed a third time; only 实施期 and 年度 are read",
                                    names.get(k).copied().unwrap_or("")
                                ),
                            )
                            .at_line(label_line),
                        );
                        continue;
                    }
                };
                let a = amount(values, names.get(k).copied().unwrap_or(""), findings);
                let slot = match k {
                    0 => &mut funds.central,
                    1 => &mut funds.provincial,
                    2 => &mut funds.local,
                    3 => &mut funds.self_raised,
                    _ => &mut funds.other,
                };
                *slot = a;
            }
            Field::Overview => set(&mut head.overview),
            Field::Basis => set(&mut head.basis),
            Field::Necessity => set(&mut head.necessity),
            Field::Measures => set(&mut head.measures),
            Field::Plan => set(&mut head.plan),
            Field::Goal => {
                if head.period_goal.is_none() && head.annual_goal.is_none() {
                    let (p, a) = two_sided(values);
                    head.period_goal = p;
                    head.annual_goal = a;
                }
            }
            Field::DepartmentName => set(&mut head.department_name),
            Field::DepartmentGoal => set(&mut head.department_goal),
            Field::DepartmentFunds => {
                if head.funds_by_source.is_empty() && head.funds_by_direction.is_empty() {
                    let (s, d) = department_funds(values, findings);
                    head.funds_by_source = s;
                    head.funds_by_direction = d;
                }
            }
            Field::Other => {}
        }
    }
    head
}

/// `011-晋城市信访局` → (`011`, `晋城市信访局`).
fn split_code(t: &str) -> (Option<String>, Option<String>) {
    if let Some((code, name)) = t.split_once(['-', '－', '—', '–']) {
        let code = code.trim();
        if !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric()) {
            return (Some(code.to_string()), non_empty(name.to_string()));
        }
    }
    (None, non_empty(t.to_string()))
}

/// The amount in 元 printed after a label: the first cell after it.
fn amount(values: &[&Tok], label: &str, findings: &mut Vec<Finding>) -> Option<Amount> {
    let t = values.first()?;
    match Amount::parse(t.text, Unit::Yuan) {
        Ok(a) => a,
        Err(e) => {
            findings.push(
                Finding::new(
                    RULE,
                    Severity::Warning,
                    format!("{label}: {e}; the amount is not read"),
                )
                .at_line(t.line),
            );
            None
        }
    }
}

/// A field printed for 实施期 and 年度 side by side (总体目标): the first
/// cell after the label is the period's, the rest the year's; a text that
/// wraps puts its continuation on lines of its own, two cells a line when
/// both sides wrap, one when only the year's does.
fn two_sided(values: &[&Tok]) -> (Option<String>, Option<String>) {
    let mut lines: Vec<Vec<&Tok>> = Vec::new();
    for t in values {
        match lines.last_mut() {
            Some(l) if l.first().is_some_and(|f| f.line == t.line) => l.push(t),
            _ => lines.push(vec![t]),
        }
    }
    let mut period: Vec<&Tok> = Vec::new();
    let mut annual: Vec<&Tok> = Vec::new();
    // Whether the period's text came alone on the first line (so that the
    // lines after it are the year's).
    let mut period_alone = false;
    for (i, l) in lines.iter().enumerate() {
        match l.split_first() {
            Some((p, a)) if !a.is_empty() => {
                if period_alone {
                    annual.push(p);
                } else {
                    period.push(p);
                }
                annual.extend(a.iter().copied());
            }
            Some((p, _)) if i == 0 => {
                period.push(p);
                period_alone = true;
            }
            Some((p, _)) => annual.push(p),
            None => {}
        }
    }
    let text = |v: &[&Tok]| non_empty(join(v));
    (text(&period), text(&annual))
}

/// Amounts with their labels, in print order.
type Labelled = Vec<(String, Amount)>;

/// 年度预算情况 of a department: lines of `label figure` pairs, sources on the
/// left and directions (基本支出, 项目支出) on the right, in 万元 unless the
/// header says 元.
fn department_funds(values: &[&Tok], findings: &mut Vec<Finding>) -> (Labelled, Labelled) {
    let unit = if values.iter().any(|t| t.key().contains("万元")) {
        Unit::WanYuan
    } else if values.iter().any(|t| t.key().contains("(元)")) {
        Unit::Yuan
    } else {
        Unit::WanYuan
    };
    let mut sources = Vec::new();
    let mut directions = Vec::new();
    let mut i = 0;
    while i < values.len() {
        let line = values.get(i).map_or(0, |t| t.line);
        let mut pending = String::new();
        let mut right = false;
        let mut seen_total = false;
        while let Some(t) = values.get(i).filter(|t| t.line == line) {
            i += 1;
            let figure = t
                .text
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
                && t.text.chars().any(|c| c.is_ascii_digit());
            if !figure {
                pending.push_str(t.text);
                continue;
            }
            let label = norm(&pending);
            pending.clear();
            let amount = match Amount::parse(t.text, unit) {
                Ok(Some(a)) => a,
                Ok(None) => continue,
                Err(e) => {
                    findings.push(
                        Finding::new(RULE, Severity::Warning, format!("年度预算情况: {e}"))
                            .at_line(t.line),
                    );
                    continue;
                }
            };
            if label.is_empty() {
                findings.push(
                    Finding::new(
                        RULE,
                        Severity::Warning,
                        format!("年度预算情况: the figure {} has no label", t.text),
                    )
                    .at_line(t.line),
                );
                continue;
            }
            let is_total = label == "合计" || label == "总计";
            if label.contains("支出") || (is_total && seen_total) {
                right = true;
            }
            seen_total |= is_total;
            if right {
                directions.push((label, amount));
            } else {
                sources.push((label, amount));
            }
        }
    }
    (sources, directions)
}

// ---------------------------------------------------------------------------
// The indicator grid

const LEVEL1: [&str; 3] = ["产出指标", "效益指标", "满意度指标"];

/// 二级 labels with the 一级 they belong to.
const LEVEL2: &[(&str, &str)] = &[
    ("数量指标", "产出指标"),
    ("质量指标", "产出指标"),
    ("时效指标", "产出指标"),
    ("成本指标", "产出指标"),
    ("经济效益指标", "效益指标"),
    ("社会效益指标", "效益指标"),
    ("生态效益指标", "效益指标"),
    ("可持续影响指标", "效益指标"),
    ("服务对象满意度指标", "满意度指标"),
    ("经济成本指标", "成本指标"),
    ("社会成本指标", "成本指标"),
    ("生态环境成本指标", "成本指标"),
];

fn family(g: &str) -> Option<&'static str> {
    LEVEL2.iter().find(|(l, _)| *l == g).map(|(_, f)| *f)
}

/// Qualitative target values printed in the tables.
const VALUE_WORDS: &[&str] = &[
    "及时",
    "合格",
    "有效",
    "缓解",
    "降低",
    "提升",
    "提高",
    "保障",
    "每月",
    "每年",
    "每季度",
    "全年",
    "达标",
    "良好",
    "优秀",
    "显著",
    "明显",
    "是",
    "否",
    "完成",
    "按时",
    "稳定",
    "改善",
    "增强",
];

/// Whether a cell reads as a target value: a number with a short unit
/// (`145人`, `≥90%`, `20.16万元`), a range (`9-10月`) or a known word (`及时`).
fn value_like(text: &str) -> bool {
    value_like_key(&norm(text))
}

/// [`value_like`] of a text already normalised.
fn value_like_key(n: &str) -> bool {
    if n.is_empty() {
        return false;
    }
    if VALUE_WORDS.contains(&n) {
        return true;
    }
    let short_unit = |u: &str| u.chars().count() <= 4 && !u.chars().any(|c| c.is_ascii_digit());
    let v = TargetValue::parse(n);
    if v.number.is_some() {
        return v.unit.as_deref().is_none_or(short_unit);
    }
    // A range: digits, a dash, digits, a short unit.
    let body: Vec<char> = n
        .trim_start_matches(['≥', '≤', '>', '<', '='])
        .chars()
        .collect();
    let digits = |from: usize| {
        body.get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == '.')
            .count()
    };
    let a = digits(0);
    if a == 0
        || !body
            .get(a)
            .is_some_and(|c| matches!(c, '-' | '~' | '～' | '至' | '—'))
    {
        return false;
    }
    let b = digits(a + 1);
    if b == 0 {
        return false;
    }
    let unit: String = body.get(a + 1 + b..).unwrap_or(&[]).iter().collect();
    short_unit(&unit)
}

/// What a grid cell is. The labels are the taxonomy's own (`LEVEL1`,
/// `LEVEL2`), however they were printed.
#[derive(Debug, Clone)]
enum Kind {
    Header,
    Level1(&'static str),
    Level2(&'static str),
    Plain,
}

/// A classified cell: the row's own cell, or a part of it cut off.
#[derive(Debug, Clone)]
struct Item<'a> {
    kind: Kind,
    tok: Cow<'a, Tok<'a>>,
}

/// The 二级 label a text starts with, repairing a label cut by the extraction
/// (`服务对象满意度指` → `服务对象满意度指标`): how many characters of the
/// text the label takes, and the label.
#[cfg(test)]
fn level2_prefix(text: &str) -> Option<(usize, &'static str)> {
    level2_prefix_folded(text, &fold(text))
}

/// [`level2_prefix`], given the whole text folded (`all`, which a cell
/// has already): the folded text read so far is the beginning of it, and
/// the folding of what follows is the rest of it.
fn level2_prefix_folded(text: &str, all: &str) -> Option<(usize, &'static str)> {
    // Most cells are no label: rule them out by their first character.
    let first = all.chars().next()?;
    if !LEVEL2.iter().any(|(l, _)| l.starts_with(first)) {
        return None;
    }
    let mut end = 0;
    let mut folded_chars = 0;
    let mut best: Option<(usize, &'static str)> = None;
    // The labels (by their bit) the folded text is still a beginning of: a
    // label it has left can be neither it nor cut from it.
    let mut live: u32 = (1 << LEVEL2.len()) - 1;
    for (i, c) in text.chars().enumerate() {
        let Some(f) = fold_char(c) else { continue };
        end += f.len_utf8();
        folded_chars += 1;
        let folded = &all[..end];
        for (bit, (label, _)) in LEVEL2.iter().enumerate() {
            if live & (1 << bit) == 0 {
                continue;
            }
            if !label.starts_with(folded) {
                live &= !(1 << bit);
                continue;
            }
            let whole = folded.len() == label.len();
            // Cut labels: all but the closing 标, or six characters or more.
            let cut = !whole && (label.strip_suffix('标') == Some(folded) || folded_chars >= 6);
            if whole || cut {
                let rest_n = label_key(&all[end..]);
                // A cut label glued to text must not go on with the label.
                let ok = whole || rest_n.is_empty() || !label.ends_with(rest_n);
                let ok = ok && !(cut && !rest_n.is_empty() && rest_n.starts_with('标'));
                if ok && best.is_none_or(|(n, _)| i + 1 >= n) {
                    best = Some((i + 1, label));
                }
            }
        }
        if live == 0 {
            break;
        }
    }
    best
}

/// Classify a cell into `out`: one item, or a 二级 label and the text glued
/// after it.
fn classify<'a>(tok: &'a Tok, out: &mut Vec<Item<'a>>) {
    let n = tok.key();
    let item = |kind| Item {
        kind,
        tok: Cow::Borrowed(tok),
    };
    if HEADER_WORDS.contains(&n) {
        return out.push(item(Kind::Header));
    }
    if let Some(l1) = LEVEL1.iter().find(|l| **l == n) {
        return out.push(item(Kind::Level1(l1)));
    }
    if let Some((len, label)) = level2_prefix_folded(tok.text, tok.folded()) {
        let total = tok.text.chars().count();
        out.push(Item {
            kind: Kind::Level2(label),
            // Most often the label is the whole cell: no copy.
            tok: match tok.slice(0, len) {
                Some(label) if label != *tok => Cow::Owned(label),
                _ => Cow::Borrowed(tok),
            },
        });
        if len < total {
            if let Some(rest) = tok.slice(len, total) {
                out.push(Item {
                    kind: Kind::Plain,
                    tok: Cow::Owned(rest),
                });
            }
        }
        return;
    }
    out.push(item(Kind::Plain))
}

/// A part of a grid row: `[一级] [二级] [三级 指标值]`.
#[derive(Debug, Clone, Default)]
struct Part<'a> {
    level1: Option<&'static str>,
    level2: Option<&'static str>,
    name: Option<Cow<'a, Tok<'a>>>,
    value: Option<Cow<'a, Tok<'a>>>,
    col: Option<usize>,
}

impl Part<'_> {
    fn is_empty(&self) -> bool {
        self.level1.is_none()
            && self.level2.is_none()
            && self.name.is_none()
            && self.value.is_none()
    }

    fn only_level1(&self) -> bool {
        self.level1.is_some()
            && self.level2.is_none()
            && self.name.is_none()
            && self.value.is_none()
    }

    fn texts(&self) -> String {
        [
            self.level1,
            self.level2,
            self.name.as_ref().map(|t| t.text),
            self.value.as_ref().map(|t| t.text),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
    }

    /// A name with the value glued to it (`文明接访、及时劝100%`): split
    /// off a trailing number.
    fn split_numeric_tail(&mut self) {
        if self.value.is_some() {
            return;
        }
        let Some(name) = &self.name else { return };
        let chars: Vec<char> = name.text.chars().collect();
        let starts_value = |c: char| c.is_ascii_digit() || matches!(c, '≥' | '≤' | '>' | '<');
        for k in 1..chars.len() {
            let (Some(prev), Some(cur)) = (chars.get(k - 1), chars.get(k)) else {
                continue;
            };
            let cur = fold_char(*cur).unwrap_or(*cur);
            let prev = fold_char(*prev).unwrap_or(*prev);
            if !starts_value(cur) || prev.is_ascii_digit() || "≥≤><=.,-".contains(prev) {
                continue;
            }
            let tail: String = chars.get(k..).unwrap_or(&[]).iter().collect();
            if value_like(&tail) && TargetValue::parse(&tail).number.is_some() {
                let (n, v) = (name.slice(0, k), name.slice(k, chars.len()));
                if let (Some(n), Some(v)) = (n, v) {
                    self.name = Some(Cow::Owned(n));
                    self.value = Some(Cow::Owned(v));
                }
                return;
            }
        }
    }

    /// A name with the value glued to it, the value printed apart in the
    /// other half of the row (`提供信访接待能力提高` beside `提高`).
    fn split_by(&mut self, other: &Part) {
        if self.value.is_some() {
            return;
        }
        let (Some(name), Some(v)) = (&self.name, &other.value) else {
            return;
        };
        let (n, vn) = (name.text.chars().count(), v.text.chars().count());
        if vn > 0 && n > vn && name.text.ends_with(v.text) {
            if let (Some(a), Some(b)) = (name.slice(0, n - vn), name.slice(n - vn, n)) {
                self.name = Some(Cow::Owned(a));
                self.value = Some(Cow::Owned(b));
            }
        }
    }
}

/// Cut the cells of a row into parts.
fn parts<'a>(items: Vec<Item<'a>>) -> Vec<Part<'a>> {
    let mut out: Vec<Part<'a>> = Vec::new();
    let mut cur = Part::default();
    let flush = |cur: &mut Part<'a>, out: &mut Vec<Part<'a>>| {
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        }
    };
    let kinds: Vec<Kind> = items.iter().map(|i| i.kind.clone()).collect();
    for (i, it) in items.into_iter().enumerate() {
        let col = it.tok.col;
        match it.kind {
            Kind::Header => {}
            Kind::Level1(l) => {
                flush(&mut cur, &mut out);
                cur.level1 = Some(l);
                cur.col = Some(col);
            }
            Kind::Level2(g) => {
                // 成本指标 before a 成本 二级 label is the 一级 成本指标.
                let next_is_cost = matches!(
                    kinds.get(i + 1),
                    Some(Kind::Level2(n)) if family(n) == Some("成本指标")
                );
                if g == "成本指标" && next_is_cost {
                    flush(&mut cur, &mut out);
                    cur.level1 = Some(g);
                    cur.col = Some(col);
                    continue;
                }
                if cur.level2.is_some() || cur.name.is_some() || cur.value.is_some() {
                    flush(&mut cur, &mut out);
                }
                cur.level2 = Some(g);
                cur.col.get_or_insert(col);
            }
            Kind::Plain => {
                if cur.name.is_some() && cur.value.is_none() {
                    cur.value = Some(it.tok);
                    continue;
                }
                if cur.name.is_some() || cur.value.is_some() {
                    flush(&mut cur, &mut out);
                }
                cur.col.get_or_insert(col);
                if value_like_key(it.tok.key()) {
                    cur.value = Some(it.tok);
                } else {
                    cur.name = Some(it.tok);
                }
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// One half of the grid (实施期 or 年度) as it is read: its trees and the
/// 一级 and 二级 that an empty cell stands for.
#[derive(Debug, Default)]
struct Half {
    /// `实施期` or `年度`, for messages; empty for a single-half grid.
    side: &'static str,
    trees: Vec<IndicatorTree>,
    level1: Option<&'static str>,
    level2: Option<&'static str>,
}

impl Half {
    fn tree(&mut self, name: &str) -> Option<&mut IndicatorTree> {
        if !self.trees.iter().any(|t| t.name == name) {
            self.trees.push(IndicatorTree {
                name: name.to_string(),
                groups: Vec::new(),
            });
        }
        self.trees.iter_mut().find(|t| t.name == name)
    }

    fn group(&mut self) -> Option<&mut IndicatorGroup> {
        let (l1, l2) = (self.level1?, self.level2?);
        let tree = self.tree(l1)?;
        if !tree.groups.iter().any(|g| g.name == l2) {
            tree.groups.push(IndicatorGroup {
                name: l2.to_string(),
                indicators: Vec::new(),
            });
        }
        tree.groups.iter_mut().find(|g| g.name == l2)
    }

    fn set_level1(&mut self, l1: &'static str) {
        if self.level1 != Some(l1) {
            self.level1 = Some(l1);
            self.level2 = None;
        }
        self.tree(l1);
    }

    /// A 二级 label; its 一级 by the taxonomy where the 一级 in force is
    /// not its own (the 一级 was not printed, or the cells are shifted).
    fn set_level2(&mut self, g: &'static str, printed_level1: bool) {
        if !printed_level1 {
            if let Some(f) = family(g) {
                if self.level1 != Some(f) {
                    self.level1 = Some(f);
                }
            }
        }
        self.level2 = Some(g);
        self.group();
    }

    fn apply(&mut self, part: Part<'_>, what: &str, findings: &mut Vec<Finding>) {
        let line = part
            .name
            .as_ref()
            .or(part.value.as_ref())
            .map(|t| t.line)
            .unwrap_or(0);
        if let Some(l1) = part.level1 {
            self.set_level1(l1);
        }
        if let Some(g) = part.level2 {
            self.set_level2(g, part.level1.is_some());
        }
        // `实施期 ` or `年度 ` before `indicator` in messages.
        let side = self.side;
        let space = if side.is_empty() { "" } else { " " };
        match (part.name, part.value) {
            (Some(name), value) => {
                let span_end = match &value {
                    Some(v) if v.line == name.line => v.span.1.max(name.span.1),
                    _ => name.span.1,
                };
                let value_text = value.as_ref().map_or("", |v| v.text);
                let indicator = Indicator {
                    name: name.text.to_string(),
                    value: TargetValue::parse(value_text),
                    provenance: Provenance::line_span(name.line, name.span.0, span_end),
                };
                let message = match self.group() {
                    Some(g) => {
                        g.indicators.push(indicator);
                        value.is_none().then(|| {
                            format!("{what}: the {side}{space}indicator `{}` has no value", name.text)
                        })
                    }
                    None => Some(format!(
                        "{what}: the {side}{space}indicator `{} {value_text}` cannot be placed: its 二级指标 is not known",
                        name.text
                    )),
                };
                if let Some(m) = message {
                    findings.push(Finding::new(RULE, Severity::Warning, m).at_line(line));
                }
            }
            (None, Some(v)) => findings.push(
                Finding::new(
                    RULE,
                    Severity::Warning,
                    format!(
                        "{what}: the {side}{space}value `{}` has no indicator",
                        v.text
                    ),
                )
                .at_line(v.line),
            ),
            (None, None) => {}
        }
    }
}

/// The indicator grid being read.
struct Grid {
    two: bool,
    /// Column of the right half's 二级指标 in a TAB header.
    right_col: Option<usize>,
    /// Columns of 一级指标 and of the 二级指标 in a TAB header.
    level1_col: Option<usize>,
    level2_cols: Vec<usize>,
    halves: [Half; 2],
    shifted: Vec<u32>,
}

impl Grid {
    fn new(header: Option<&Row>, two: bool, sides: [&'static str; 2]) -> Grid {
        let tab = header.is_some_and(|h| h.tab);
        let cols = |w: &str| -> Vec<usize> {
            header
                .map(|h| {
                    h.toks
                        .iter()
                        .filter(|t| t.key() == w)
                        .map(|t| t.col)
                        .collect()
                })
                .unwrap_or_default()
        };
        let level2_cols = if tab {
            cols("二级指标")
        } else {
            Vec::new()
        };
        Grid {
            two,
            right_col: level2_cols.get(1).copied(),
            level1_col: if tab {
                cols("一级指标").first().copied()
            } else {
                None
            },
            level2_cols,
            halves: sides.map(|side| Half {
                side,
                ..Half::default()
            }),
            shifted: Vec::new(),
        }
    }

    fn read(&mut self, rows: &[Row], what: &str, findings: &mut Vec<Finding>) {
        for row in rows {
            let first = row.toks.first().map_or("", Tok::key);
            if first.starts_with("负责人") || row.toks.iter().any(|t| t.key() == "填报日期")
            {
                break;
            }
            self.row(row, what, findings);
        }
    }

    fn reset_groups(&mut self) {
        for h in &mut self.halves {
            h.level2 = None;
        }
    }

    fn row(&mut self, row: &Row, what: &str, findings: &mut Vec<Finding>) {
        let mut items: Vec<Item> = Vec::with_capacity(row.toks.len());
        for (i, tok) in row.toks.iter().enumerate() {
            // The grid's own label (`绩效指标` down the first column) is no
            // indicator, on whatever row a PDF prints it: a cell spanning
            // rows prints its text on one of them, and a page break can put
            // it beside the first indicators rather than the header. Nor is
            // a piece of it in its column, left of the 一级指标 column (`标`
            // of `绩效指` / `标`, the label wrapped and cut by a page break,
            // its lines on two pages).
            let label_piece = || {
                row.tab
                    && self.level1_col.is_some_and(|c| tok.col < c)
                    && GRID_LABELS.iter().any(|g| g.contains(tok.key()))
            };
            if i == 0 && (GRID_LABELS.contains(&tok.key()) || label_piece()) {
                continue;
            }
            classify(tok, &mut items);
        }
        if items.is_empty() {
            return;
        }
        let headers = items
            .iter()
            .filter(|i| matches!(i.kind, Kind::Header))
            .count();
        if headers == items.len() {
            return; // the header repeated
        }
        if headers > 0 {
            findings.push(
                Finding::new(
                    RULE,
                    Severity::Warning,
                    format!(
                        "{what}: an indicator row mixes header words with indicators; the groups above are not carried over"
                    ),
                )
                .at_line(row.line),
            );
            self.reset_groups();
        }
        if row.tab && self.is_shifted(&items) {
            self.shifted.push(row.line);
        }
        let mut parts = parts(items);
        for p in &mut parts {
            p.split_numeric_tail();
        }
        if !self.two {
            for p in parts {
                self.halves[0].apply(p, what, findings);
            }
            return;
        }
        match parts.len() {
            0 => {}
            1 => {
                let Some(p) = parts.pop() else { return };
                if p.only_level1() {
                    if let Some(l1) = &p.level1 {
                        for h in &mut self.halves {
                            h.set_level1(l1);
                        }
                    }
                    return;
                }
                let right =
                    row.tab && matches!((p.col, self.right_col), (Some(c), Some(r)) if c >= r);
                if right {
                    self.halves[1].apply(p, what, findings);
                } else {
                    if let Some(l1) = &p.level1 {
                        self.halves[1].set_level1(l1);
                    }
                    self.halves[0].apply(p, what, findings);
                }
            }
            2 => {
                let (Some(mut b), Some(mut a)) = (parts.pop(), parts.pop()) else {
                    return;
                };
                let (a0, b0) = (a.clone(), b.clone());
                a.split_by(&b0);
                b.split_by(&a0);
                if let (Some(l1), None) = (&a.level1, &b.level1) {
                    self.halves[1].set_level1(l1);
                }
                self.halves[0].apply(a, what, findings);
                self.halves[1].apply(b, what, findings);
            }
            n => {
                let texts: Vec<String> = parts.iter().map(Part::texts).collect();
                findings.push(
                    Finding::new(
                        RULE,
                        Severity::Warning,
                        format!(
                            "{what}: an indicator row has {n} parts for two halves and cannot be placed: {}",
                            texts.join(" | ")
                        ),
                    )
                    .at_line(row.line),
                );
                self.reset_groups();
            }
        }
    }

    /// Whether a TAB row has a label outside its column.
    fn is_shifted(&self, items: &[Item]) -> bool {
        items.iter().any(|i| match &i.kind {
            Kind::Level1(_) => self.level1_col.is_some_and(|c| c != i.tok.col),
            Kind::Level2(_) => {
                !self.level2_cols.is_empty() && !self.level2_cols.contains(&i.tok.col)
            }
            _ => false,
        })
    }

    fn finish(self, what: &str, findings: &mut Vec<Finding>) -> [Vec<IndicatorTree>; 2] {
        if let Some(first) = self.shifted.first() {
            let lines: Vec<String> = self.shifted.iter().map(u32::to_string).collect();
            findings.push(
                Finding::new(
                    RULE,
                    Severity::Info,
                    format!(
                        "{what}: indicator rows with cells out of their columns, read by their contents (lines {})",
                        lines.join(", ")
                    ),
                )
                .at_line(*first),
            );
        }
        let [a, b] = self.halves;
        [a.trees, b.trees]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::lines;
    use crate::{read_path, Profile, Reading};
    use std::path::PathBuf;

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/real")
            .join(format!("{name}.txt"))
    }

    fn reading(name: &str) -> Reading {
        read_path(&fixture(name), &Profile::national_budget()).unwrap()
    }

    fn target<'a>(r: &'a Reading, project: &str) -> &'a PerformanceTarget {
        r.disclosure
            .targets
            .iter()
            .find(|t| t.project == project)
            .unwrap_or_else(|| panic!("no target table for {project}"))
    }

    /// The indicator at 一级 > 二级 > 三级.
    fn find<'a>(trees: &'a [IndicatorTree], l1: &str, l2: &str, l3: &str) -> Option<&'a Indicator> {
        trees
            .iter()
            .find(|t| t.name == l1)?
            .groups
            .iter()
            .find(|g| g.name == l2)?
            .indicators
            .iter()
            .find(|i| i.name == l3)
    }

    fn value<'a>(trees: &'a [IndicatorTree], l1: &str, l2: &str, l3: &str) -> &'a str {
        find(trees, l1, l2, l3)
            .map(|i| i.value.text.as_str())
            .unwrap_or_else(|| panic!("no indicator {l1} > {l2} > {l3}"))
    }

    fn yuan(s: &str) -> Option<Amount> {
        Amount::parse(s, Unit::Yuan).unwrap()
    }

    fn indicators(trees: &[IndicatorTree]) -> impl Iterator<Item = &Indicator> {
        trees
            .iter()
            .flat_map(|t| t.groups.iter())
            .flat_map(|g| g.indicators.iter())
    }

    /// Nothing is invented: every indicator's name and value stand in the
    /// source at the place its provenance gives.
    fn assert_read_from_source(path: &str, r: &Reading) {
        let text = std::fs::read_to_string(fixture(path)).unwrap();
        let source = lines(&text);
        let mut trees: Vec<&IndicatorTree> = Vec::new();
        for t in &r.disclosure.targets {
            trees.extend(t.period_indicators.iter().chain(&t.annual_indicators));
        }
        if let Some(d) = &r.disclosure.department_target {
            trees.extend(d.indicators.iter());
        }
        for tree in trees {
            for i in indicators(std::slice::from_ref(tree)) {
                let line = i.provenance.line.expect("an indicator has its line");
                let (start, end) = i.provenance.span.expect("an indicator has its span");
                let src: String = source[line as usize - 1]
                    .text
                    .chars()
                    .skip(start as usize)
                    .take((end - start) as usize)
                    .collect();
                assert!(
                    src.starts_with(&i.name),
                    "{}: `{}` not at {line}:{start}",
                    path,
                    i.name
                );
                assert!(
                    src.ends_with(&i.value.text),
                    "{}: `{}` not at {line}",
                    path,
                    i.value.text
                );
            }
        }
    }

    #[test]
    fn jincheng_project_targets() {
        let r = reading("jincheng-xinfang-2023-budget");
        assert_eq!(r.disclosure.targets.len(), 3);
        assert!(r.disclosure.department_target.is_none());

        let t = target(&r, "市县两级解决疑难信访问题资金");
        assert_eq!(t.provenance.line, Some(482));
        assert_eq!(t.department_code.as_deref(), Some("011"));
        assert_eq!(t.department.as_deref(), Some("晋城市信访局"));
        assert_eq!(t.implementing_unit.as_deref(), Some("晋城市信访局"));
        assert_eq!(t.attribute, Some(ProjectAttribute::Recurring));
        assert_eq!(t.period.as_deref(), Some("4年"));
        assert_eq!(t.period_funds.total, yuan("1,930,000"));
        assert_eq!(t.period_funds.local, yuan("1,930,000"));
        assert_eq!(t.period_funds.central, yuan("0"));
        assert_eq!(t.period_funds.provincial, yuan("0"));
        assert_eq!(t.period_funds.self_raised, yuan("0"));
        assert_eq!(t.period_funds.other, None);
        let annual = t.annual_funds.total.expect("年度资金总额");
        assert_eq!(Some(annual), yuan("577,900"));
        assert!(annual.agrees_with(&"57.79万元".parse().unwrap()));
        assert_eq!(t.annual_funds.local, yuan("577,900"));
        assert!(t
            .basis
            .as_deref()
            .is_some_and(|b| b.contains("(2016)第6次")));
        assert!(t.plan.as_deref().is_some_and(|p| p.starts_with("1月底前")));
        assert!(t
            .period_goal
            .as_deref()
            .is_some_and(|g| g.contains("145人")));
        assert_eq!(t.period_goal, t.annual_goal);

        let p = &t.period_indicators;
        assert_eq!(
            value(p, "产出指标", "数量指标", "救助原晋城农校学生人数"),
            "145人"
        );
        let i = find(p, "产出指标", "数量指标", "救助原晋城农校学生人数").unwrap();
        assert_eq!(i.value.number, Some(145.into()));
        assert_eq!(i.provenance.line, Some(503));
        assert_eq!(
            value(p, "产出指标", "质量指标", "疑难信访案件结案率"),
            "≥95%"
        );
        let s = find(p, "满意度指标", "服务对象满意度指标", "晋城农校人员满意度").unwrap();
        assert_eq!(s.value.text, "≥90%");
        assert_eq!(
            s.value.comparator,
            Some(yusuan_core::model::Comparator::AtLeast)
        );
        let a = &t.annual_indicators;
        assert_eq!(
            value(a, "产出指标", "数量指标", "救助原晋城农校学生人数"),
            "145人"
        );
        assert_eq!(
            value(a, "满意度指标", "服务对象满意度指标", "晋城农校人员满意度"),
            "≥90%"
        );
        // The right half of lines 504–506 lost its values in the source.
        assert_eq!(value(a, "产出指标", "质量指标", "救助金足额拨付率"), "");

        let t = target(&r, "疑难信访案件经费(含集中治理重复信访案件化解经费)");
        assert_eq!(t.annual_funds.total, yuan("135,000"));
        assert_eq!(t.period_funds.total, yuan("2,887,600"));
        assert_eq!(
            value(
                &t.annual_indicators,
                "产出指标",
                "时效指标",
                "疑难补贴资金拨付时间"
            ),
            "9-10月"
        );
        let groups: Vec<&str> = t.period_indicators[1]
            .groups
            .iter()
            .map(|g| g.name.as_str())
            .collect();
        assert_eq!(
            groups,
            [
                "经济效益指标",
                "社会效益指标",
                "生态效益指标",
                "可持续影响指标"
            ]
        );

        assert_read_from_source("jincheng-xinfang-2023-budget", &r);
    }

    #[test]
    fn jincheng_misaligned_table_is_read_in_part_with_findings() {
        let r = reading("jincheng-xinfang-2023-budget");
        let t = target(&r, "信访专项工作经费");
        // 项目期 printed on the line below its label; 实施单位 left blank.
        assert_eq!(t.period.as_deref(), Some("4年"));
        assert_eq!(t.implementing_unit, None);
        assert_eq!(t.period_funds.total, yuan("12,070,920"));
        assert_eq!(t.annual_funds.total, yuan("2,100,000"));
        assert_eq!(t.annual_funds.local, yuan("2,100,000"));
        // The shifted 数量指标 rows are read by their contents.
        let p = &t.period_indicators;
        assert_eq!(p[0].groups[0].indicators.len(), 8);
        assert_eq!(
            value(p, "产出指标", "数量指标", "驻省信访工作人员数"),
            "2人"
        );
        assert_eq!(
            value(
                &t.annual_indicators,
                "产出指标",
                "数量指标",
                "全年微信公众号信息发布条数"
            ),
            "24次"
        );
        assert_eq!(
            value(p, "产出指标", "质量指标", "信访维稳工作化解率(%)"),
            "100%"
        );
        assert_eq!(
            value(
                &t.annual_indicators,
                "产出指标",
                "质量指标",
                "信访维稳工作化解率(%)"
            ),
            "≥90%"
        );
        // The 时效 rows lost their group: not placed anywhere.
        for trees in [&t.period_indicators, &t.annual_indicators] {
            assert!(indicators(trees).all(|i| i.name != "开展党建活动" && i.value.text != "每月"));
        }
        let warned: Vec<u32> = r
            .findings
            .iter()
            .filter(|f| f.rule == "target-layout" && f.severity == Severity::Warning)
            // One finding per target table: its line, and the other lines
            // named in its message.
            .flat_map(|f| {
                let named = f
                    .message
                    .rsplit("at lines ")
                    .next()
                    .unwrap_or_default()
                    .split(|c: char| !c.is_ascii_digit())
                    .filter_map(|n| n.parse::<u32>().ok())
                    .collect::<Vec<u32>>();
                f.location.line.into_iter().chain(named)
            })
            .filter(|l| (534..=558).contains(l))
            .collect();
        for line in [544, 545, 546, 547, 548, 549, 550, 551, 552, 554] {
            assert!(
                warned.contains(&line),
                "no warning at line {line}: {warned:?}"
            );
        }
        // Only the target reader reports on this document.
        assert!(
            r.findings.iter().all(|f| f.rule == "target-layout"),
            "{:#?}",
            r.findings
        );
    }

    #[test]
    fn fenyang_project_and_department_targets() {
        let r = reading("fenyang-xinfang-2024-budget");
        assert_eq!(r.disclosure.targets.len(), 8);

        let t = target(&r, "2023结转、汾财[2023]第176号政府购买服务费用");
        let annual = t.annual_funds.total.expect("年度资金总额");
        assert_eq!(annual.printed(), "536438.88");
        assert_eq!(annual.unit, Unit::Yuan);
        assert_eq!(t.annual_funds.local, yuan("536,438.88"));
        assert_eq!(
            value(&t.period_indicators, "产出指标", "成本指标", "项目金额"),
            "53.643888万元"
        );
        assert_eq!(
            value(
                &t.annual_indicators,
                "满意度指标",
                "服务对象满意度指标",
                "服务提供者"
            ),
            "≥96%"
        );
        // A value glued to its name, printed apart in the other half.
        assert_eq!(
            value(
                &t.annual_indicators,
                "效益指标",
                "社会效益指标",
                "提供信访接待能力"
            ),
            "提高"
        );

        let t = target(&r, "单位直接聘用人员经费");
        assert_eq!(t.department_code.as_deref(), Some("027"));
        assert_eq!(t.department.as_deref(), Some("汾阳市信访局"));
        assert_eq!(t.attribute, Some(ProjectAttribute::OneOff));
        assert_eq!(t.period.as_deref(), Some("1年"));
        assert_eq!(t.period_funds.total, yuan("23,760"));
        assert_eq!(t.annual_funds.total, yuan("23,760"));
        assert_eq!(t.annual_funds.local, yuan("23,760"));
        assert_eq!(t.annual_funds.central, yuan("0"));
        assert_eq!(t.annual_funds.other, None);
        assert_eq!(t.period_goal.as_deref(), Some("按时发放"));
        assert_eq!(t.annual_goal.as_deref(), Some("按时按标准发放。"));
        let a = &t.annual_indicators;
        assert_eq!(value(a, "产出指标", "成本指标", "成本"), "23760元");
        assert_eq!(value(a, "产出指标", "数量指标", "聘用人数"), "1人");
        assert_eq!(
            value(a, "效益指标", "可持续影响指标", "辅助信访工作"),
            "有效"
        );
        // `服务对象满意度指群众`: the cut label repaired, the name kept.
        assert_eq!(value(a, "满意度指标", "服务对象满意度指标", "群众"), "≥95%");
        assert_eq!(
            value(
                &t.period_indicators,
                "满意度指标",
                "服务对象满意度指标",
                "群众"
            ),
            "≥95%"
        );
        let names: Vec<&str> = a.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["产出指标", "效益指标", "满意度指标"]);
        assert!(a[1]
            .groups
            .iter()
            .any(|g| g.name == "经济效益指标" && g.indicators.is_empty()));

        // A value glued to a cut name: `文明接访、及时劝100%`.
        let t = target(&r, "信访工作经费");
        assert_eq!(
            value(
                &t.annual_indicators,
                "产出指标",
                "质量指标",
                "文明接访、及时劝"
            ),
            "100%"
        );
        assert_eq!(
            value(
                &t.period_indicators,
                "产出指标",
                "质量指标",
                "文明接访、及时劝返"
            ),
            "100%"
        );
        // 总体目标: the year's text wraps over two lines of its own.
        assert_eq!(
            t.annual_goal.as_deref(),
            Some("全国“两会”和全省“两会”期间文明接访及时劝返。")
        );

        let d = r
            .disclosure
            .department_target
            .as_ref()
            .expect("the department target");
        assert_eq!(d.department, "汾阳市信访局");
        assert_eq!(d.provenance.line, Some(808));
        let wan = |s: &str| Amount::parse(s, Unit::WanYuan).unwrap().unwrap();
        let get = |v: &[(String, Amount)], k: &str| v.iter().find(|(l, _)| l == k).map(|(_, a)| *a);
        assert_eq!(get(&d.funds_by_source, "合计"), Some(wan("484.55")));
        assert_eq!(
            get(&d.funds_by_source, "一般公共预算资金"),
            Some(wan("484.55"))
        );
        assert_eq!(get(&d.funds_by_source, "单位资金"), Some(wan("0.00")));
        assert_eq!(d.funds_by_source.len(), 7);
        assert_eq!(get(&d.funds_by_direction, "合计"), Some(wan("484.55")));
        assert_eq!(get(&d.funds_by_direction, "基本支出"), Some(wan("164.37")));
        assert_eq!(get(&d.funds_by_direction, "项目支出"), Some(wan("320.18")));
        assert_eq!(d.funds_by_direction.len(), 3);
        assert_eq!(
            d.annual_goal.as_deref(),
            Some("全面完成信访工作，认真履行职能，为我市信访工作做出贡献。")
        );
        assert_eq!(
            value(&d.indicators, "产出指标", "数量指标", "项目数量"),
            "8个"
        );
        assert_eq!(
            value(&d.indicators, "产出指标", "成本指标", "项目成本"),
            "320.18万元"
        );
        assert_eq!(
            value(
                &d.indicators,
                "效益指标",
                "经济效益指标",
                "建言献策，推动经济发展"
            ),
            "有效"
        );
        assert_eq!(
            value(
                &d.indicators,
                "满意度指标",
                "服务对象满意度指标",
                "群众满意度"
            ),
            "95%"
        );

        assert_read_from_source("fenyang-xinfang-2024-budget", &r);
        assert!(
            r.findings.iter().all(|f| f.rule == "target-layout"),
            "{:#?}",
            r.findings
        );
    }

    /// The block of the table titled at `title` (1-based), cut from the raw
    /// text without page furniture removed.
    fn raw_block(name: &str, title: u32) -> Vec<Line> {
        let text = std::fs::read_to_string(fixture(name)).unwrap();
        let all = lines(&text);
        let start = title as usize - 1;
        let end = all
            .iter()
            .enumerate()
            .skip(start + 1)
            .find(|(_, l)| l.compact().contains("绩效目标") || l.compact().starts_with("十一、"))
            .map_or(all.len(), |(i, _)| i);
        all[start..end].to_vec()
    }

    #[test]
    fn wrapped_labels_are_read_when_not_blanked() {
        // In the document pass `立项依据` and `市县（区）财政资` alone on their
        // lines repeat through the document and are blanked as furniture;
        // cut straight from the text, the wrapped labels are read whole.
        let block = raw_block("fenyang-xinfang-2024-budget", 905);
        let mut findings = Vec::new();
        let Some(Target::Project(t)) = read_target(&block, &mut findings) else {
            panic!("a project target");
        };
        assert_eq!(
            t.overview.as_deref(),
            Some("单位聘用临时人员1人，全年经费23760元。")
        );
        assert!(t
            .basis
            .as_deref()
            .is_some_and(|b| b.starts_with("根据2024年省级预算编制方案")
                && b.ends_with("汾财预[2023]75号等文件。")));
        assert_eq!(t.period_funds.local, yuan("23,760"));
        assert_eq!(t.annual_funds.local, yuan("23,760"));
        assert!(findings.is_empty(), "{findings:#?}");
    }

    #[test]
    fn both_layouts_read_alike() {
        let tab = [
            "晋城市市级预算部门(单位)项目支出绩效目标申报表",
            "项目名称\t\t测试项目\t\t\t",
            "主管部门及代码\t\t011-某局\t\t实施单位\t\t某局\t",
            "项目属性\t\t一次性项目（1年结束）\t\t项目期\t\t1年\t",
            "项目资金 (元)\t实施期资金总额:\t1,000\t\t年度资金总额:\t1,000\t",
            "\t其中:中央财政资金\t0\t\t其中:中央财政资金\t0\t",
            "\t市县(区)财政资 金\t1,000\t\t市县(区)财政资金\t1,000\t",
            "总体目标\t\t完成\t\t\t\t完成\t",
            "绩效 指标\t一级指标\t二级指标\t三级指标\t指标值\t二级指标\t三级指标\t指标值",
            "\t产出指标\t数量指标\t人数\t1人\t数量指标\t人数\t1人",
            "\t\t\t次数\t2次\t\t次数\t2次",
            "\t满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t服务对象满意度指标\t群众满意度\t≥90%",
            "负责人:\t经办人:\t某\t联系电话:\t1\t填报日期:\t2\t",
        ];
        let space = [
            "汾阳市县(区)级预算部门（单位）项目支出绩效目标表",
            "项目名称 测试项目",
            "主管部门及代码 011-某局 实施单位 某局",
            "项目属性 一次性项目（1年结束） 项目期 1年",
            "项目资金",
            "（元）",
            "实施期资金总额： 1,000 年度资金总额： 1,000",
            "其中：中央财政资金 0 其中：中央财政资金 0",
            "市县（区）财政资",
            "金",
            "1,000 市县（区）财政资金 1,000",
            "总体目标 完成 完成",
            "绩",
            "效",
            "指",
            "标",
            "一级指标 二级指标 三级指标 指标值 二级指标 三级指标 指标值",
            "产出指标",
            "数量指标 人数 1人 数量指标 人数 1人",
            "次数 2次 次数 2次",
            "满意度指标 服务对象满意度指群众满意度 ≥90% 服务对象满意度指标群众满意度 ≥90%",
            "负责人： 经办人： 联系电话： 填报日期： 20231213222327",
        ];
        let block = |ls: &[&str]| -> Vec<Line> {
            ls.iter()
                .enumerate()
                .map(|(i, t)| Line {
                    no: i as u32 + 1,
                    text: t.to_string(),
                })
                .collect()
        };
        let read = |b: &[Line]| {
            let mut findings = Vec::new();
            let Some(Target::Project(mut t)) = read_target(b, &mut findings) else {
                panic!("a project target");
            };
            assert!(findings.is_empty(), "{findings:#?}");
            for tree in t
                .period_indicators
                .iter_mut()
                .chain(t.annual_indicators.iter_mut())
            {
                for g in &mut tree.groups {
                    for i in &mut g.indicators {
                        i.provenance = Provenance::default();
                    }
                }
            }
            t.provenance = Provenance::default();
            t
        };
        let (a, b) = (read(&block(&tab)), read(&block(&space)));
        assert_eq!(a, b);
        assert_eq!(a.department_code.as_deref(), Some("011"));
        assert_eq!(a.annual_funds.local, yuan("1,000"));
        assert_eq!(
            value(&a.annual_indicators, "产出指标", "数量指标", "次数"),
            "2次"
        );
        assert_eq!(
            value(
                &a.period_indicators,
                "满意度指标",
                "服务对象满意度指标",
                "群众满意度"
            ),
            "≥90%"
        );
    }

    fn block_of(ls: &[&str]) -> Vec<Line> {
        ls.iter()
            .enumerate()
            .map(|(i, t)| Line {
                no: i as u32 + 100,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn the_grid_label_on_an_indicator_row_is_no_indicator() {
        // A PDF prints the text of `绩效指标` (a cell spanning the grid's
        // rows) on one of its rows: here a page break put it beside the
        // first indicators rather than the header, or cut it where it
        // wrapped (`绩效指` on the header, `标` beside the first row).
        let grid = |h: &str, first: &str| {
            let header =
                format!("{h}\t一级指标\t二级指标\t三级指标\t指标值\t二级指标\t三级指标\t指标值");
            let row = format!("{first}\t产出指标\t数量指标\t人数\t1人\t数量指标\t次数\t2次");
            let lines = [
                "某市市级预算部门（单位）项目支出绩效目标表".to_string(),
                "项目名称\t\t测试项目".to_string(),
                header,
                row,
                "\t满意度指标\t服务对象满意度指标\t满意度\t≥90%\t服务对象满意度指标\t满意度\t≥90%"
                    .to_string(),
            ];
            let b: Vec<Line> = lines
                .iter()
                .enumerate()
                .map(|(i, t)| Line {
                    no: i as u32 + 1,
                    text: t.clone(),
                })
                .collect();
            let mut findings = Vec::new();
            let Some(Target::Project(t)) = read_target(&b, &mut findings) else {
                panic!("a project target");
            };
            (t, findings)
        };
        let (expected, none) = grid("绩效指标", "");
        assert!(none.is_empty(), "{none:#?}");
        let (t, findings) = grid("", "绩效指标");
        assert!(findings.is_empty(), "{findings:#?}");
        let (cut, findings) = grid("绩效指", "标");
        assert!(findings.is_empty(), "{findings:#?}");
        // The same indicators (the spans in the line differ by the label).
        let names = |trees: &[IndicatorTree]| -> Vec<(String, String, String, String)> {
            trees
                .iter()
                .flat_map(|t| {
                    t.leaves().map(move |(g, i)| {
                        (
                            t.name.clone(),
                            g.name.clone(),
                            i.name.clone(),
                            i.value.text.clone(),
                        )
                    })
                })
                .collect()
        };
        assert_eq!(
            names(&t.period_indicators),
            names(&expected.period_indicators)
        );
        assert_eq!(
            names(&t.annual_indicators),
            names(&expected.annual_indicators)
        );
        for trees in [&cut.period_indicators, &cut.annual_indicators] {
            assert_eq!(names(trees).len(), 2, "{:#?}", names(trees));
        }
        assert_eq!(
            names(&cut.period_indicators),
            names(&expected.period_indicators)
        );
        assert_eq!(names(&t.period_indicators).len(), 2);
        assert_eq!(t.period_indicators[0].groups[0].indicators[0].name, "人数");
        assert_eq!(t.annual_indicators[0].groups[0].indicators[0].name, "次数");
    }

    #[test]
    fn a_title_alone_is_the_annex_heading() {
        let mut findings = Vec::new();
        let b = block_of(&["附件：绩效目标表", "", "  "]);
        assert_eq!(read_target(&b, &mut findings), None);
        let b = block_of(&["绩效目标表"]);
        assert_eq!(read_target(&b, &mut findings), None);
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn garbage_blocks() {
        let mut findings = Vec::new();
        assert_eq!(read_target(&[], &mut findings), None);

        let b = block_of(&[
            "某某项目支出绩效目标申报表",
            "随便 写点 什么",
            "\t\t乱码\t",
            "",
            "12 34",
        ]);
        assert_eq!(read_target(&b, &mut findings), None);
        assert!(findings
            .iter()
            .any(|f| f.rule == RULE && f.location.line == Some(100)));

        let b = block_of(&["1 2 3", "4\t5\t6", "7,890.12", "-1"]);
        assert_eq!(read_target(&b, &mut findings), None);

        let b = block_of(&["整体支出绩效目标申报表", "合 计 1.00", "年度预算情况 合 计"]);
        assert_eq!(read_target(&b, &mut findings), None);

        // A name and a broken grid: a partial target, with findings.
        findings.clear();
        let b = block_of(&[
            "项目支出绩效目标表",
            "项目名称 试",
            "实施期资金总额： 1,00 年度资金总额： x",
            "一级指标 二级指标 三级指标 指标值 二级指标 三级指标 指标值",
            "甲 1人 乙 2人",
            "数量指标 a 1 质量指标 b 2 时效指标 c 3",
            "满意度指标 x",
        ]);
        let Some(Target::Project(t)) = read_target(&b, &mut findings) else {
            panic!("a partial target");
        };
        assert_eq!(t.project, "试");
        assert_eq!(t.period_funds.total, None);
        assert!(findings.len() >= 3, "{findings:#?}");
        assert!(findings.iter().all(|f| f.rule == RULE));
    }

    #[test]
    fn cut_labels_and_values() {
        assert_eq!(
            level2_prefix("服务对象满意度指群众"),
            Some((8, "服务对象满意度指标"))
        );
        assert_eq!(
            level2_prefix("服务对象满意度指标群众"),
            Some((9, "服务对象满意度指标"))
        );
        assert_eq!(
            level2_prefix("服务对象满意度"),
            Some((7, "服务对象满意度指标"))
        );
        assert_eq!(level2_prefix("可持續影响指标"), Some((7, "可持续影响指标")));
        assert_eq!(level2_prefix("成本"), None);
        assert_eq!(level2_prefix("社会效益"), None);
        assert_eq!(level2_prefix("数量"), None);
        for v in [
            "145人",
            "≥90%",
            "100%",
            "9-10月",
            "及时",
            "20.16万元",
            "≤2次",
        ] {
            assert!(value_like(v), "{v}");
        }
        for v in [
            "救助原晋城农校学生人数",
            "2019-2022年的档案进行整理",
            "145人生活困难救助",
        ] {
            assert!(!value_like(v), "{v}");
        }
        assert_eq!(norm("其中：中央财政资金"), "中央财政资金");
        assert_eq!(norm("市县（区）财政资 金"), "市县(区)财政资金");
        assert_eq!(
            split_code("011-晋城市信访局"),
            (Some("011".into()), Some("晋城市信访局".into()))
        );
        assert_eq!(
            split_code("晋城市信访局"),
            (None, Some("晋城市信访局".into()))
        );
    }
}
