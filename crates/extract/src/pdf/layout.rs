//! Glyphs → words → lines → table rows with their cells in column slots.

use super::interp::{Glyph, PageContent, Rule};

/// Most ruling segments a page may have for its tables to be read by them.
const MAX_RULES: usize = 4000;

/// One line of a page: prose (one cell) or a table row (cells in slots).
#[derive(Debug, Clone)]
pub struct Line {
    pub cells: Vec<String>,
    pub bbox: [f32; 4],
    /// One box per cell when the line is a table row.
    pub cell_boxes: Vec<[f32; 4]>,
}

#[derive(Debug, Clone)]
struct Word {
    text: String,
    x0: f32,
    x1: f32,
    top: f32,
    bottom: f32,
    base: f32,
    size: f32,
    /// Where each glyph after the first starts: (byte offset in `text`, x).
    cuts: Vec<(usize, f32)>,
}

impl Word {
    fn cx(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
    fn cy(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2e80..=0x9fff | 0xf900..=0xfaff | 0xff00..=0xffef)
}

/// Joins two pieces of text of one cell or line: CJK next to anything
/// joins directly, Latin and figures keep a space, but for a piece that
/// cannot stand after one (`%` of a `100%` wrapped in a narrow cell, a
/// closing bracket, a comma) or after an opening bracket.
fn join(out: &mut String, next: &str) {
    let a = out.chars().last();
    let b = next.chars().next();
    if let (Some(a), Some(b)) = (a, b) {
        let glued = "%)]},.;:!?".contains(b) || "([{".contains(a);
        if !(is_cjk(a) || is_cjk(b) || glued) {
            out.push(' ');
        }
    }
    out.push_str(next);
}

/// Puts the tail of a cell cut by a page break at the end of its text.
pub fn append(cell: &mut String, tail: &str) {
    join(cell, tail);
}

/// Glyphs grouped by baseline, each group sorted left to right.
fn baseline_groups(mut glyphs: Vec<Glyph>) -> Vec<Vec<Glyph>> {
    glyphs.sort_by(|a, b| a.base.total_cmp(&b.base).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match groups.last_mut() {
            Some(line)
                if (g.base - line[0].base).abs() <= 0.25 * g.size.max(line[0].size).max(1.0) =>
            {
                line.push(g)
            }
            _ => groups.push(vec![g]),
        }
    }
    for line in &mut groups {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    groups
}

/// Words of a baseline group: a gap over 0.2 em (a CJK font's space) splits, and so does a
/// vertical rule between two glyphs (a right-aligned figure close to the
/// next cell's text).
fn words(line: Vec<Glyph>, verticals: &[Rule]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for g in line {
        if let Some(w) = out.last_mut() {
            let gap = g.x0 - w.x1;
            let y = (g.top + g.bottom) / 2.0;
            let ruled = verticals.iter().any(|r| {
                r.pos > w.x1 - 0.3 * g.size
                    && r.pos < g.x0 + 0.3 * g.size
                    && r.from - 1.0 <= y
                    && y <= r.to + 1.0
            });
            if ruled {
                out.push(Word {
                    text: g.text,
                    x0: g.x0,
                    x1: g.x1,
                    top: g.top,
                    bottom: g.bottom,
                    base: g.base,
                    size: g.size,
                    cuts: Vec::new(),
                });
                continue;
            }
            // Overprinted (fake bold) glyph: the same text at almost the same place.
            if gap < -0.5 * g.size
                && w.text.ends_with(&g.text)
                && (g.x0 - (w.x1 - (g.x1 - g.x0))).abs() < 0.2 * g.size
            {
                continue;
            }
            if gap <= 0.2 * g.size.max(w.size) {
                w.cuts.push((w.text.len(), g.x0));
                w.text.push_str(&g.text);
                w.x1 = w.x1.max(g.x1);
                w.top = w.top.min(g.top);
                w.bottom = w.bottom.max(g.bottom);
                continue;
            }
        }
        out.push(Word {
            text: g.text,
            x0: g.x0,
            x1: g.x1,
            top: g.top,
            bottom: g.bottom,
            base: g.base,
            size: g.size,
            cuts: Vec::new(),
        });
    }
    out
}

struct Table {
    top: f32,
    bottom: f32,
    cols: Vec<f32>,
}

fn dedup_positions(mut v: Vec<f32>, tol: f32) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for x in v {
        match out.last() {
            Some(&l) if x - l <= tol => {}
            _ => out.push(x),
        }
    }
    out
}

/// Ruled tables: vertical rules grouped where their extents overlap.
fn tables(rules: &[Rule]) -> Vec<Table> {
    let mut verticals: Vec<&Rule> = rules
        .iter()
        .filter(|r| !r.horizontal && r.to - r.from > 3.0)
        .collect();
    verticals.sort_by(|a, b| a.from.total_cmp(&b.from));
    let mut groups: Vec<(f32, f32, Vec<f32>)> = Vec::new();
    for r in verticals {
        match groups.last_mut() {
            Some(g) if r.from <= g.1 + 2.0 => {
                g.1 = g.1.max(r.to);
                g.2.push(r.pos);
            }
            _ => groups.push((r.from, r.to, vec![r.pos])),
        }
    }
    groups
        .into_iter()
        .map(|(top, bottom, xs)| Table {
            top,
            bottom,
            cols: dedup_positions(xs, 1.5),
        })
        .filter(|t| t.cols.len() >= 3)
        .collect()
}

struct Cell {
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    words: Vec<Word>,
}

/// The ruled cell around a point, if rules enclose it on four sides.
fn enclosing(rules: &[Rule], x: f32, y: f32) -> Option<(f32, f32, f32, f32)> {
    let mut left = f32::MIN;
    let mut right = f32::MAX;
    let mut top = f32::MIN;
    let mut bottom = f32::MAX;
    for r in rules {
        if r.horizontal {
            if r.from - 1.0 <= x && x <= r.to + 1.0 {
                if r.pos <= y {
                    top = top.max(r.pos);
                } else {
                    bottom = bottom.min(r.pos);
                }
            }
        } else if r.from - 1.0 <= y && y <= r.to + 1.0 {
            if r.pos <= x {
                left = left.max(r.pos);
            } else {
                right = right.min(r.pos);
            }
        }
    }
    (left > f32::MIN && right < f32::MAX && top > f32::MIN && bottom < f32::MAX)
        .then_some((left, right, top, bottom))
}

fn cell_text(words: &mut [Word]) -> String {
    words.sort_by(|a, b| {
        let same = (a.base - b.base).abs() <= 0.25 * a.size.max(b.size);
        if same {
            a.x0.total_cmp(&b.x0)
        } else {
            a.base.total_cmp(&b.base)
        }
    });
    let mut s = String::new();
    let mut last: Option<&Word> = None;
    for w in words.iter() {
        match last {
            // Same line: the words are apart by a space.
            Some(p) if (p.base - w.base).abs() <= 0.25 * p.size.max(w.size) => {
                s.push(' ');
                s.push_str(&w.text);
            }
            // A wrapped line of the cell.
            _ => join(&mut s, &w.text),
        }
        last = Some(w);
    }
    s
}

/// What the pages read so far tell of the next: the lines of each table
/// without rules, by its header, so that a table continued on the next page
/// under its repeated header gets the columns of all its rows (a page of a
/// table whose left columns are empty has only the headers to place them
/// by, and a header spanning two columns would make a third); and the
/// table that ends a page, which the top of the next may go on without a
/// header (a word processor repeats none unless told to).
#[derive(Default)]
pub struct Memory {
    tables: std::collections::HashMap<String, Vec<(Free, bool)>>,
    /// The last row a table without rules gave on the page being read.
    last_row: Option<LastRow>,
    /// That row when it was the lowest row of its page.
    bottom: Option<LastRow>,
    /// The top of the page being read: where its highest text starts.
    page_top: f32,
    /// The tail of the bottom row of the page before, found at the top of
    /// this page's part of its table: (extent, text) of each piece, for the
    /// caller to put at the end of that row's cells.
    pub tail: Vec<((f32, f32), String)>,
}

/// A cell that may go on: its column's extent, and those of the words of
/// its last line and of that whole line.
type Fill = ((f32, f32), Vec<(f32, f32)>, (f32, f32));

/// The last row of a table without rules.
struct LastRow {
    /// Its table's key (its header), when the table has one.
    key: Option<String>,
    top: f32,
    /// Its cells of text whose last line fills the column (a cell that may
    /// go on): the column's extent, and those of the words of the cell's
    /// last line and of all of them.
    fills: Vec<Fill>,
    /// The lines its table's columns were found by.
    lines: Vec<(Free, bool)>,
}

/// Lines of a table remembered, at most.
const MAX_REMEMBERED: usize = 4000;

/// The lines of one page, top to bottom.
pub fn page_lines(content: PageContent, memory: &mut Memory) -> Vec<Line> {
    // Cells are found by looking at every rule for every word: a page
    // with thousands of segments is a drawing (hatching, a chart), not a
    // table, and is read by alignment.
    let mut rules = content.rules;
    if rules.len() > MAX_RULES {
        rules.clear();
    }
    let groups = baseline_groups(content.glyphs);
    memory.page_top = groups
        .iter()
        .flatten()
        .map(|g| g.top)
        .fold(f32::MAX, f32::min);
    let tables = tables(&rules);
    let verticals: Vec<Rule> = rules.iter().filter(|r| !r.horizontal).copied().collect();
    // (table, cells) for words inside ruled cells; the rest stay lines.
    let mut cells: Vec<Vec<Cell>> = tables.iter().map(|_| Vec::new()).collect();
    let mut free: Vec<Vec<Word>> = Vec::new();
    for g in groups {
        let mut rest = Vec::new();
        for w in words(g, &verticals) {
            let (cx, cy) = (w.cx(), w.cy());
            let t = tables.iter().position(|t| {
                t.top - 1.0 <= cy
                    && cy <= t.bottom + 1.0
                    && t.cols[0] <= cx
                    && cx <= *t.cols.last().unwrap_or(&0.0)
            });
            match t.and_then(|t| enclosing(&rules, cx, cy).map(|c| (t, c))) {
                Some((t, (left, right, top, bottom))) => {
                    let list = &mut cells[t];
                    // The last line of a wrapped cell that overflows its row
                    // (a spreadsheet's row too low for its header) straddles
                    // the rule below the cell: it belongs to the cell above,
                    // right under the line it continues.
                    if w.top < top && cy - top < 0.35 * w.size {
                        if let Some(c) = list.iter_mut().find(|c| {
                            (c.bottom - top).abs() < 0.5
                                && c.left <= cx
                                && cx <= c.right
                                && c.words.iter().any(|p| {
                                    ((p.cx() - cx).abs() < w.size
                                        || (p.x0 - w.x0).abs() < 0.5 * w.size)
                                        && w.base > p.base
                                        && w.base - p.base < 1.6 * w.size
                                })
                        }) {
                            c.words.push(w);
                            continue;
                        }
                    }
                    match list
                        .iter_mut()
                        .find(|c| (c.left - left).abs() < 0.5 && (c.top - top).abs() < 0.5)
                    {
                        Some(c) => c.words.push(w),
                        None => list.push(Cell {
                            left,
                            right,
                            top,
                            bottom,
                            words: vec![w],
                        }),
                    }
                }
                None => rest.push(w),
            }
        }
        if !rest.is_empty() {
            free.push(rest);
        }
    }
    let mut out: Vec<(f32, Line)> = Vec::new();
    for (t, mut list) in tables.iter().zip(cells) {
        list.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.left.total_cmp(&b.left)));
        let mut i = 0;
        while i < list.len() {
            let top = list[i].top;
            let mut j = i;
            while j < list.len() && list[j].top - top <= 1.5 {
                j += 1;
            }
            let row = &mut list[i..j];
            let slots = t.cols.len() - 1;
            let bottom = row.iter().map(|c| c.bottom).fold(f32::MAX, f32::min);
            let mut texts = vec![String::new(); slots];
            for c in row.iter_mut() {
                let slot = t
                    .cols
                    .iter()
                    .enumerate()
                    .min_by(|a, b| (a.1 - c.left).abs().total_cmp(&(b.1 - c.left).abs()))
                    .map(|(k, _)| k.min(slots - 1))
                    .unwrap_or(0);
                let text = cell_text(&mut c.words);
                if texts[slot].is_empty() {
                    texts[slot] = text;
                } else {
                    join(&mut texts[slot], &text);
                }
            }
            let boxes: Vec<[f32; 4]> = (0..slots)
                .map(|k| [t.cols[k], top, t.cols[k + 1], bottom])
                .collect();
            let x0 = row.iter().map(|c| c.left).fold(f32::MAX, f32::min);
            let x1 = row.iter().map(|c| c.right).fold(f32::MIN, f32::max);
            out.push((
                top,
                Line {
                    cells: texts,
                    bbox: [x0, top, x1, bottom],
                    cell_boxes: boxes,
                },
            ));
            i = j;
        }
    }
    out.extend(aligned(free, memory));
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    end_page(&out, memory);
    out.into_iter().map(|(_, l)| l).collect()
}

/// Remembers whether the page ends with a row of a table without rules
/// (nothing but lines of one cell, a page number, under it): the next page
/// may go on with its table, and with the cells of that row.
fn end_page(out: &[(f32, Line)], memory: &mut Memory) {
    let lowest = out.iter().rev().find(|(_, l)| l.cells.len() > 1);
    memory.bottom = match (memory.last_row.take(), lowest) {
        (Some(row), Some((y, _))) if (row.top - y).abs() < 0.5 => Some(row),
        _ => None,
    };
}

/// A run of words of one line with no gap wider than 0.8 em: a cell, or
/// text across cells (a header spanning columns).
#[derive(Debug, Clone)]
struct Segment {
    text: String,
    /// The line's words it holds.
    words: std::ops::Range<usize>,
}

fn is_figure(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || ",.%-".contains(c))
}

/// A year of a header (`2023` of `2023年预算数`), not a figure of the data.
fn is_year(s: &str) -> bool {
    s.len() == 4
        && (s.starts_with("19") || s.starts_with("20"))
        && s.bytes().all(|b| b.is_ascii_digit())
}

/// A figure of the data: an amount or a code, not a header's year.
fn is_datum(s: &str) -> bool {
    is_figure(s) && !is_year(s)
}

/// A line's words grouped into cells: a gap over 0.8 em splits, and so
/// does a gap over 0.3 em next to a figure (a figure is a cell of its own;
/// one closer than that is part of the text, `预算公开表 2`).
fn segments(words: &[Word]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        let split = match k.checked_sub(1).map(|p| &words[p]) {
            None => true,
            // A contents line's leader dots and its page number stay one.
            Some(p) if p.text.ends_with("...") || p.text.ends_with('…') => false,
            Some(p) => {
                let gap = w.x0 - p.x1;
                gap > 0.8 * w.size
                    || (gap > 0.3 * w.size.max(p.size)
                        && (is_figure(&p.text) || is_figure(&w.text)))
            }
        };
        match out.last_mut() {
            Some(s) if !split => {
                // Words of one line are apart by more than 0.2 em: a space.
                s.text.push(' ');
                s.text.push_str(&w.text);
                s.words.end = k + 1;
            }
            _ => out.push(Segment {
                text: w.text.clone(),
                words: k..k + 1,
            }),
        }
    }
    out
}

/// A letterspaced heading (目  录) or page number (- 3 -) is one word,
/// not cells.
fn letterspaced(segs: &[Segment]) -> bool {
    segs.len() > 1 && segs.iter().all(|s| s.text.chars().count() == 1)
}

/// A page number line (`第 1 页 共 23 页`, `- 3 -`, `3 / 23`): one line of
/// text for the reader to drop, never cells of the table above it. A row
/// of column numbers (`1 2 3 4 5`) is not one.
fn page_number(segs: &[Segment]) -> bool {
    let text: String = segs
        .iter()
        .flat_map(|s| s.text.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    let numbers = segs
        .iter()
        .flat_map(|s| s.text.split(|c: char| !c.is_ascii_digit()))
        .filter(|n| !n.is_empty())
        .count();
    !text.is_empty()
        && numbers <= 2
        && text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '第' | '页' | '共' | '-' | '—' | '/'))
}

/// A line of several cells.
fn multi(segs: &[Segment]) -> bool {
    segs.len() > 1 && !letterspaced(segs) && !page_number(segs)
}

/// A line's words grouped into phrases, the pieces a cell is made of:
/// words closer than 0.3 em (`2023 年预算数`, `145 人`) stay together, but
/// for two figures of the data, however close.
fn phrases(words: &[Word]) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        match out.last_mut() {
            Some(r)
                if w.x0 - words[k - 1].x1 <= 0.3 * w.size.max(words[k - 1].size)
                    && !(is_datum(&w.text) && is_datum(&words[k - 1].text)) =>
            {
                r.end = k + 1
            }
            _ => out.push(k..k + 1),
        }
    }
    out
}

/// A baseline group outside the ruled tables, with its cells-to-be.
#[derive(Clone)]
struct Free {
    words: Vec<Word>,
    segs: Vec<Segment>,
    phrases: Vec<std::ops::Range<usize>>,
    bbox: [f32; 4],
    size: f32,
}

impl Free {
    fn new(words: Vec<Word>) -> Free {
        let bbox = [
            words.iter().map(|w| w.x0).fold(f32::MAX, f32::min),
            words.iter().map(|w| w.top).fold(f32::MAX, f32::min),
            words.iter().map(|w| w.x1).fold(f32::MIN, f32::max),
            words.iter().map(|w| w.bottom).fold(f32::MIN, f32::max),
        ];
        let size = words.iter().map(|w| w.size).fold(1.0, f32::max);
        Free {
            segs: segments(&words),
            phrases: phrases(&words),
            words,
            bbox,
            size,
        }
    }

    /// The extent of some of its words.
    fn extent(&self, r: &std::ops::Range<usize>) -> (f32, f32) {
        (self.words[r.start].x0, self.words[r.end - 1].x1)
    }

    /// The phrases within a segment.
    fn phrases_of(&self, s: &Segment) -> impl Iterator<Item = &std::ops::Range<usize>> {
        let r = s.words.clone();
        self.phrases
            .iter()
            .filter(move |p| p.start >= r.start && p.end <= r.end)
    }

    /// Whether a figure of the data is among its cells.
    /// Not a row of column numbers (`1 2 3 4 5`), which heads the columns.
    fn data(&self) -> bool {
        !letterspaced(&self.segs) && self.words.iter().any(|w| is_datum(&w.text))
    }

    /// Whether a phrase is a figure of the data.
    fn datum(&self, p: &std::ops::Range<usize>) -> bool {
        p.len() == 1 && is_datum(&self.words[p.start].text)
    }

    /// The line as one cell of text.
    fn plain(&self) -> (f32, Line) {
        let spaced = letterspaced(&self.segs)
            || (self.words.len() > 1 && self.words.iter().all(|w| w.text.chars().count() == 1));
        if spaced {
            let text = self.words.iter().map(|w| w.text.as_str()).collect();
            return (
                self.bbox[1],
                Line {
                    cells: vec![text],
                    bbox: self.bbox,
                    cell_boxes: Vec::new(),
                },
            );
        }
        let text = self
            .segs
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(if spaced { "" } else { " " });
        (
            self.bbox[1],
            Line {
                cells: vec![text],
                bbox: self.bbox,
                cell_boxes: Vec::new(),
            },
        )
    }
}

fn overlap(a: (f32, f32), b: (f32, f32)) -> f32 {
    a.1.min(b.1) - a.0.max(b.0)
}

/// A column of a table without rules: its extent, and whether figures of
/// the data made it (text only widens a column of text).
#[derive(Debug, Clone, Copy)]
struct Col {
    x0: f32,
    x1: f32,
    figures: bool,
}

/// The columns a piece of text at `x` overlaps (by more than half a point).
fn hits(cols: &[Col], x: (f32, f32)) -> Vec<usize> {
    (0..cols.len())
        .filter(|&k| overlap(x, (cols[k].x0, cols[k].x1)) > 0.5)
        .collect()
}

/// Places a text segment (its extent and its phrases' extents) among the
/// columns: where it overlaps none, it is a new column; in a column or
/// across columns (a header spanning them) it makes none. A segment whose
/// phrases fall in different columns is placed phrase by phrase.
fn place(cols: &mut Vec<Col>, x: (f32, f32), pieces: &[(f32, f32)]) {
    if pieces.len() > 1 {
        let first = hits(cols, pieces[0]);
        if first.len() > 1 || pieces[1..].iter().any(|&w| hits(cols, w) != first) {
            for &w in pieces {
                place(cols, w, &[]);
            }
            return;
        }
    }
    if hits(cols, x).is_empty() {
        cols.push(Col {
            x0: x.0,
            x1: x.1,
            figures: false,
        });
    }
}

/// The columns of a table without rules, left to right: the x-extents of
/// its figures of the data (a column's figures overlap from row to row,
/// whatever their alignment); then the text that starts at one x on
/// several lines (left-aligned labels, from that x to the widest); then
/// the rest of the text, of the rows with figures first, then of the
/// others (headers), rows of more cells first and narrow text first, so
/// that a header spanning columns comes after the headers of the columns
/// it spans.
fn columns(lines: &[&Free], data: &[bool]) -> Vec<Col> {
    let mut iv: Vec<(f32, f32)> = lines
        .iter()
        .zip(data)
        .filter(|(_, d)| **d)
        .flat_map(|(l, _)| l.phrases.iter().map(move |p| (*l, p)))
        .filter(|(l, p)| l.datum(p))
        .map(|(l, p)| l.extent(p))
        .collect();
    // Narrow first: a figure across two columns (two figures printed as
    // one word) widens neither.
    iv.sort_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)));
    let mut cols: Vec<Col> = Vec::new();
    for x in iv {
        match hits(&cols, x)[..] {
            [] => cols.push(Col {
                x0: x.0,
                x1: x.1,
                figures: true,
            }),
            [k] => {
                cols[k].x0 = cols[k].x0.min(x.0);
                cols[k].x1 = cols[k].x1.max(x.1);
            }
            _ => {}
        }
    }
    // Left edges shared by text on several lines: (x0, widest x1, lines).
    let mut starts: Vec<(f32, f32, usize)> = lines
        .iter()
        .enumerate()
        .flat_map(|(k, l)| l.phrases.iter().map(move |p| (k, l.extent(p))))
        .filter(|(_, x)| hits(&cols, *x).is_empty())
        .map(|(k, x)| (x.0, x.1, k))
        .collect();
    starts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut anchors: Vec<(f32, std::ops::Range<usize>, usize)> = Vec::new();
    let mut i = 0;
    while i < starts.len() {
        let mut j = i + 1;
        let mut lines_at = 1;
        while j < starts.len() && starts[j].0 - starts[i].0 <= 0.5 {
            if starts[j].2 != starts[j - 1].2 {
                lines_at += 1;
            }
            j += 1;
        }
        if lines_at >= 2 {
            anchors.push((starts[i].0, i..j, lines_at));
        }
        i = j;
    }
    // Each reaches as far as its widest text that stops short of the next
    // left edge where a cell starts on a line with a cell starting at it
    // (two columns side by side): text across that edge is a cell spanning
    // columns (a form's wide field above the grid of its indicators), which
    // widens none.
    let on = |at: &std::ops::Range<usize>| -> Vec<usize> {
        starts[at.clone()].iter().map(|s| s.2).collect()
    };
    let edges: Vec<(f32, Vec<usize>)> = anchors.iter().map(|a| (a.0, on(&a.1))).collect();
    let mut anchors: Vec<(f32, f32, usize)> = anchors
        .into_iter()
        .map(|(x0, at, lines_at)| {
            let mine = on(&at);
            let next = edges
                .iter()
                .filter(|(e, ls)| *e > x0 + 0.5 && ls.iter().any(|k| mine.contains(k)))
                .map(|e| e.0)
                .next();
            let widest = |short: bool| {
                starts[at.clone()]
                    .iter()
                    .filter(|s| !short || next.is_none_or(|e| s.1 <= e))
                    .map(|s| s.1)
                    .fold(f32::MIN, f32::max)
            };
            let x1 = match widest(true) {
                x if x > x0 => x,
                _ => widest(false),
            };
            (x0, x1, lines_at)
        })
        .collect();
    anchors.sort_by_key(|a| std::cmp::Reverse(a.2));
    for (x0, x1, _) in anchors {
        if hits(&cols, (x0, x1)).is_empty() {
            cols.push(Col {
                x0,
                x1,
                figures: false,
            });
        }
    }
    // (row has figures, segments in the line, width, extent, phrases)
    type Unit = (bool, usize, f32, (f32, f32), Vec<(f32, f32)>);
    let mut units: Vec<Unit> = Vec::new();
    for (l, &d) in lines.iter().zip(data) {
        for s in &l.segs {
            let pieces: Vec<(f32, f32)> = l
                .phrases_of(s)
                .filter(|p| !(d && l.datum(p)))
                .map(|p| l.extent(p))
                .collect();
            if let (Some(a), Some(b)) = (pieces.first(), pieces.last()) {
                units.push((d, l.segs.len(), b.1 - a.0, (a.0, b.1), pieces));
            }
        }
    }
    units.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.total_cmp(&b.2)));
    for (_, _, _, x, pieces) in &units {
        place(&mut cols, *x, pieces);
    }
    cols.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    // Two cells of text of one line, apart by more than 0.8 em, are two
    // columns: a column of text that holds both (made by a wider text of
    // another row, a form's field above its grid) is cut in the gap
    // between them.
    for l in lines {
        for pair in l.segs.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let Some(pa) = l.phrases_of(a).last().cloned() else {
                continue;
            };
            let Some(pb) = l.phrases_of(b).next().cloned() else {
                continue;
            };
            if l.datum(&pa) || l.datum(&pb) {
                continue;
            }
            let (xa, xb) = (l.extent(&pa), l.extent(&pb));
            let (ka, kb) = (column_of(&cols, xa), column_of(&cols, xb));
            let c = cols[ka];
            let apart = xb.0 - xa.1 > 0.8 * l.size;
            if ka == kb && !c.figures && apart && c.x0 < xa.1 && xb.0 < c.x1 {
                cols[ka].x1 = xa.1;
                cols.insert(
                    ka + 1,
                    Col {
                        x0: xb.0,
                        x1: c.x1,
                        figures: c.figures,
                    },
                );
            }
        }
    }
    cols
}

/// The column a piece of text belongs to: the one it overlaps most, else
/// the nearest.
fn column_of(cols: &[Col], x: (f32, f32)) -> usize {
    (0..cols.len())
        .max_by(|&a, &b| {
            overlap(x, (cols[a].x0, cols[a].x1)).total_cmp(&overlap(x, (cols[b].x0, cols[b].x1)))
        })
        .unwrap_or(0)
}

/// A figure printed so close to the next that the two are one word
/// (`567.20567.20`) is cut where the gap between the columns it spans
/// falls.
fn split_word(w: &Word, cols: &[Col]) -> Vec<Word> {
    let h: Vec<usize> = hits(cols, (w.x0, w.x1))
        .into_iter()
        .filter(|&k| cols[k].figures)
        .collect();
    if h.len() < 2 || !is_datum(&w.text) || w.cuts.is_empty() {
        return vec![w.clone()];
    }
    let mut at: Vec<(usize, f32)> = Vec::new();
    for pair in h.windows(2) {
        let gutter = (cols[pair[0]].x1 + cols[pair[1]].x0) / 2.0;
        if let Some(&c) = w
            .cuts
            .iter()
            .min_by(|a, b| (a.1 - gutter).abs().total_cmp(&(b.1 - gutter).abs()))
        {
            if at.last().is_none_or(|l| l.0 < c.0) {
                at.push(c);
            }
        }
    }
    let mut out = Vec::new();
    let (mut from, mut x0) = (0, w.x0);
    for (i, x) in at.into_iter().chain([(w.text.len(), w.x1)]) {
        out.push(Word {
            text: w.text[from..i].to_string(),
            x0,
            x1: x,
            cuts: Vec::new(),
            ..*w
        });
        (from, x0) = (i, x);
    }
    if out.iter().all(|p| is_datum(&p.text)) {
        out
    } else {
        vec![w.clone()]
    }
}

fn upper_quartile(mut v: Vec<f32>) -> Option<f32> {
    v.sort_by(f32::total_cmp);
    v.get(v.len() * 3 / 4).copied()
}

/// Whether two lines of text are aligned as the lines of one cell are:
/// on the left, on the right or on their centre.
fn in_line(a: (f32, f32), b: (f32, f32)) -> bool {
    (a.0 - b.0).abs() < 1.0 || (a.1 - b.1).abs() < 1.0 || (a.0 + a.1 - b.0 - b.1).abs() < 2.0
}

/// The rows of a table without rules: lines in bands. A cell of several
/// lines (a wrapped label, a header) puts the row's other cells, centred,
/// on baselines of their own between its lines. A line is of the row
/// above when it overlaps the row's lines, or when a piece of it goes on
/// a cell of the row, aligned with it and closer under it than half the
/// gap between rows (a wrapped line), and no piece of it is under one
/// otherwise (a caption above a row is no line of the row); never when it has
/// a figure under one of the row's figures. A cell spanning rows, centred
/// between two of them, goes on no cell of either and is no bridge from
/// one to the other.
fn bands(lines: &[&Free]) -> Vec<Vec<usize>> {
    // The gap between rows: the upper quartile of the gaps between lines
    // (most of them where rows are of one line, a third where they are of
    // three); lines of text set as a list have theirs all alike. Lines
    // that overlap (labels and values centred beside a wrapped cell, on
    // baselines between its lines) are of one row whatever the gap, and
    // are not counted: so many of them would make a wrapped line's gap
    // the quartile.
    let row_gap = upper_quartile(
        lines
            .windows(2)
            .map(|p| p[1].bbox[1] - p[0].bbox[3])
            .filter(|&g| g > 0.0)
            .collect(),
    )
    .filter(|&g| g >= 0.6 * lines[0].size);
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut bottom = f32::MIN;
    // The band's pieces: extent, bottom, whether a figure of the data.
    let mut pieces: Vec<((f32, f32), f32, bool)> = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        let em = l.size;
        let mine: Vec<((f32, f32), f32, bool)> = l
            .phrases
            .iter()
            .map(|p| (l.extent(p), l.bbox[3], l.datum(p)))
            .collect();
        let overlaps = l.bbox[1] - bottom < -0.1 * em;
        let wrapped = row_gap.is_some_and(|g| {
            let near = (0.6 * em).min(0.5 * g);
            // Per piece: (under a piece of the band, close under one).
            let under: Vec<(bool, bool)> = mine
                .iter()
                .map(|(x, _, _)| {
                    let above = pieces.iter().filter(|(y, _, _)| overlap(*x, *y) > 0.0);
                    let mut any = false;
                    let mut close = false;
                    for (y, b, _) in above {
                        any = true;
                        close |= l.bbox[1] - b < near && in_line(*x, *y);
                    }
                    (any, close)
                })
                .collect();
            under.iter().any(|u| u.1) && under.iter().all(|u| !u.0 || u.1)
        });
        let clash = mine
            .iter()
            .any(|(x, _, d)| *d && pieces.iter().any(|(y, _, e)| *e && overlap(*x, *y) > 0.0));
        match out.last_mut() {
            Some(band) if (overlaps || wrapped) && !clash => {
                band.push(k);
                bottom = bottom.max(l.bbox[3]);
                pieces.extend(mine);
            }
            _ => {
                out.push(vec![k]);
                bottom = l.bbox[3];
                pieces = mine;
            }
        }
    }
    out
}

/// Phrases cut where the gap between two of their words lies over the
/// gap between two columns (`人员经费 公用经费`, two header cells close
/// together); a phrase across columns otherwise stays whole (`2023 年预算数`
/// over the columns it heads).
fn gutter_split(
    l: &Free,
    phrases: &[std::ops::Range<usize>],
    cols: &[Col],
) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::with_capacity(phrases.len());
    for p in phrases {
        let mut start = p.start;
        for k in p.start + 1..p.end {
            let gap = (l.words[k - 1].x1 - 0.5, l.words[k].x0 + 0.5);
            if cols
                .windows(2)
                .any(|c| c[0].x1 < c[1].x0 && overlap(gap, (c[0].x1, c[1].x0)) > 0.0)
            {
                out.push(start..k);
                start = k;
            }
        }
        out.push(start..p.end);
    }
    out
}

/// Joins the text of one cell: words of one line apart by a space (none
/// between CJK words closer than 0.3 em: `2023 年合计`'s pieces), a wrapped
/// line as [`join`] does.
fn cell_join(out: &mut String, prev: Option<(usize, &Word)>, line: usize, w: &Word) {
    match prev {
        Some((pl, p)) if pl == line => {
            let cjk =
                out.chars().last().is_some_and(is_cjk) || w.text.chars().next().is_some_and(is_cjk);
            if !(cjk && w.x0 - p.x1 < 0.3 * w.size.max(p.size)) {
                out.push(' ');
            }
            out.push_str(&w.text);
        }
        _ => join(out, &w.text),
    }
}

/// A table without rules: its lines in rows, its words in the columns.
/// Rows of one cell before the first row of several and after the last
/// (a title, a note) are lines of text, not rows (`cols`: the columns the
/// lines of several cells around give).
fn table(lines: &[&Free], cols: &[Col], out: &mut Vec<(f32, Line)>, memory: &mut Memory) {
    let all = bands(lines);
    // Where no header is repeated, the tail of a row split over the page
    // break is the first band of the page: it is the page before's, and
    // the page's own lines start under it.
    let at_top = |l: &Free, memory: &Memory| l.bbox[1] <= memory.page_top + 0.5;
    if let (Some(row), Some(band)) = (&memory.bottom, all.first()) {
        if at_top(lines[0], memory) && memory.tail.is_empty() {
            if let Some(pieces) = tail_of(lines, band, row, None) {
                memory.tail = pieces;
                let rest = &lines[band.len()..];
                if let Some(next) = rest.first() {
                    memory.page_top = next.bbox[1];
                    table(rest, cols, out, memory);
                }
                return;
            }
        }
    }
    // A row of several cells: a line of several, or pieces in several of
    // the columns (`合计 一般公共预算 …`, header cells close together).
    let several = |b: &Vec<usize>| {
        b.iter().any(|&k| multi(&lines[k].segs)) || {
            let mut at: Vec<usize> = b
                .iter()
                .flat_map(|&k| lines[k].phrases.iter().map(move |p| (k, p)))
                .map(|(k, p)| column_of(cols, lines[k].extent(p)))
                .collect();
            at.sort_unstable();
            at.dedup();
            at.len() > 1
        }
    };
    let mut first = all.iter().position(several).unwrap_or(0);
    let mut last = all.iter().rposition(several).unwrap_or(0);
    // A label with no figures in the last rows (`十一、节能环保支出`) starts
    // where a column's text does, as a title or a note does not.
    let label = |b: &Vec<usize>| {
        b.iter().all(|&k| {
            let l = lines[k];
            l.phrases.iter().all(|p| {
                let x = l.extent(p);
                cols.iter().any(|c| !c.figures && (c.x0 - x.0).abs() < 1.0)
            })
        })
    };
    while last + 1 < all.len() && label(&all[last + 1]) {
        last += 1;
    }
    // So in the first rows, when the table's header is not among them (a
    // header row set far above the rows, a table continued from the page
    // before): the first row of several cells has figures, and the labels
    // above it (`因公出国（境）费`, `公务接待费`) are rows of the table.
    let has_data = |b: &Vec<usize>| b.iter().any(|&k| lines[k].data());
    if all.get(first).is_some_and(has_data) {
        while first > 0 && label(&all[first - 1]) {
            first -= 1;
        }
    }
    for (i, band) in all.iter().enumerate() {
        if i < first || i > last {
            out.extend(band.iter().map(|&k| lines[k].plain()));
        }
    }
    let bands = &all[first..=last];
    let mut data = vec![false; lines.len()];
    for band in bands {
        let d = band.iter().any(|&k| lines[k].data());
        for &k in band {
            data[k] = d;
        }
    }
    let kept: Vec<usize> = bands.iter().flatten().copied().collect();
    // The header: the words of the rows before the first with data, where
    // they stand (a repeated header stands where it stood).
    let header: String = bands
        .iter()
        .take_while(|b| !b.iter().any(|&k| data[k]))
        .flatten()
        .flat_map(|&k| lines[k].words.iter())
        .map(|w| format!("{}@{:.0},", w.text, w.x0))
        .collect();
    // A page's header may run on into rows of labels without figures: the
    // header of the page before is the start of this one's, or the other
    // way round.
    let seen = (!header.is_empty())
        .then(|| {
            memory
                .tables
                .keys()
                .filter(|k| header.starts_with(k.as_str()) || k.starts_with(header.as_str()))
                .max_by_key(|k| k.len())
                .cloned()
        })
        .flatten();
    // A table the page before ended with goes on at the top of this page,
    // without a header, when its rows start the page and their columns are
    // columns of that table, one each (a page of its rows whose first
    // column is empty has, by itself, one column fewer), and they make it
    // no new one.
    let bottom = memory.bottom.take();
    let at_top = first == 0 && at_top(lines[0], memory);
    let kept_lines = |kept: &[usize]| -> Vec<(&Free, bool)> {
        kept.iter().map(|&k| (lines[k], data[k])).collect()
    };
    let continued = bottom.as_ref().filter(|b| {
        seen.is_none() && at_top && !b.lines.is_empty() && {
            let before: Vec<(&Free, bool)> = b.lines.iter().map(|(l, d)| (l, *d)).collect();
            let own = kept_lines(&kept);
            let mut both = before.clone();
            both.extend(own.iter().copied());
            let (before, own, both) = (cols_of(&before), cols_of(&own), cols_of(&both));
            both.len() == before.len()
                && own.iter().all(|c| hits(&before, (c.x0, c.x1)).len() == 1)
                && before.iter().all(|c| hits(&own, (c.x0, c.x1)).len() <= 1)
        }
    });
    // A row Writer splits over a page break leaves the tail of its cells
    // (`疗` of `行政事业单位医疗`) as the first line under the repeated
    // header, or as the first row of the page where no header is
    // repeated: lines without figures whose pieces each go on a cell of
    // the last row of the page before that fills its column (a cell that
    // goes on), under it and aligned with its last line as the lines of a
    // cell are, or starting where a column's text does.
    let head = bands
        .iter()
        .take_while(|b| !b.iter().any(|&k| data[k]))
        .count();
    let mut kept = kept;
    let under_header = match (&bottom, &seen) {
        (Some(b), Some(seen)) if b.key.as_ref() == Some(seen) && head < bands.len() => head
            .checked_sub(1)
            .and_then(|h| bands.get(h))
            .filter(|band| band.len() == 1)
            .and_then(|band| Some((band, tail_of(lines, band, b, Some(cols))?))),
        _ => None,
    };
    if let Some((band, pieces)) = under_header {
        memory.tail = pieces;
        kept.retain(|k| !band.contains(k));
    }
    let bands: Vec<Vec<usize>> = bands
        .iter()
        .filter(|b| b.iter().all(|k| kept.contains(k)))
        .cloned()
        .collect();
    let bands = &bands[..];
    let mut all: Vec<(&Free, bool)> = Vec::new();
    all.extend(
        seen.iter()
            .flat_map(|k| &memory.tables[k])
            .map(|(l, d)| (l, *d)),
    );
    if let Some(b) = continued {
        all.extend(b.lines.iter().map(|(l, d)| (l, *d)));
    }
    all.extend(kept_lines(&kept));
    let cols = columns(
        &all.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
        &all.iter().map(|(_, d)| *d).collect::<Vec<_>>(),
    );
    // The lines the columns come from, for the next page to go on with.
    let snapshot: Vec<(Free, bool)> = if !bands.is_empty() && all.len() < MAX_REMEMBERED {
        all.iter().map(|(l, d)| ((*l).clone(), *d)).collect()
    } else {
        Vec::new()
    };
    let key = match continued {
        Some(b) => b.key.clone(),
        None => (!header.is_empty()).then(|| seen.clone().unwrap_or_else(|| header.clone())),
    };
    if let Some(key) = &key {
        let remembered = memory.tables.entry(key.clone()).or_default();
        if remembered.len() < MAX_REMEMBERED {
            remembered.extend(kept.iter().map(|&k| (lines[k].clone(), data[k])));
        }
    }
    let mut last_row: Option<(f32, Vec<Fill>)> = None;
    for band in bands {
        let mut texts = vec![String::new(); cols.len()];
        let mut last: Vec<Option<(usize, Word)>> = vec![None; cols.len()];
        // The words of each cell's last line.
        let mut last_line: Vec<Vec<(f32, f32)>> = vec![Vec::new(); cols.len()];
        for &k in band {
            let l = lines[k];
            for p in gutter_split(l, &l.phrases, &cols) {
                let p = &p;
                let pieces = match &l.words[p.clone()] {
                    [w] if is_datum(&w.text) => split_word(w, &cols),
                    words => words.to_vec(),
                };
                let whole = column_of(&cols, l.extent(p));
                for piece in pieces {
                    let c = if p.len() == 1 {
                        column_of(&cols, (piece.x0, piece.x1))
                    } else {
                        whole
                    };
                    cell_join(
                        &mut texts[c],
                        last[c].as_ref().map(|(l, p)| (*l, p)),
                        k,
                        &piece,
                    );
                    if last[c].as_ref().is_none_or(|(l, _)| *l != k) {
                        last_line[c].clear();
                    }
                    last_line[c].push((piece.x0, piece.x1));
                    last[c] = Some((k, piece));
                }
            }
        }
        let bbox = [
            band.iter()
                .map(|&k| lines[k].bbox[0])
                .fold(f32::MAX, f32::min),
            band.iter()
                .map(|&k| lines[k].bbox[1])
                .fold(f32::MAX, f32::min),
            band.iter()
                .map(|&k| lines[k].bbox[2])
                .fold(f32::MIN, f32::max),
            band.iter()
                .map(|&k| lines[k].bbox[3])
                .fold(f32::MIN, f32::max),
        ];
        let boxes = cols
            .iter()
            .map(|c| [c.x0, bbox[1], c.x1, bbox[3]])
            .collect();
        // The cells of text whose last line reaches the right of their
        // column (as far as its widest text: less than a character short),
        // which may go on.
        let fills = last
            .iter()
            .zip(&cols)
            .zip(&last_line)
            .filter_map(|((w, c), line)| {
                let (_, w) = w.as_ref()?;
                let whole = (
                    line.iter().map(|x| x.0).fold(f32::MAX, f32::min),
                    line.iter().map(|x| x.1).fold(f32::MIN, f32::max),
                );
                (!is_datum(&w.text) && w.x1 > c.x1 - w.size)
                    .then(|| ((c.x0, c.x1), line.clone(), whole))
            })
            .collect();
        last_row = Some((bbox[1], fills));
        out.push((
            bbox[1],
            Line {
                cells: texts,
                bbox,
                cell_boxes: boxes,
            },
        ));
    }
    if let Some((top, fills)) = last_row {
        memory.last_row = Some(LastRow {
            key,
            top,
            fills,
            lines: snapshot,
        });
    }
}

/// The pieces of a band of lines (their extents and texts) when they are
/// the tail of the last row of the page before (see [`table`]): no figure
/// of the data among them, and each on a cell of that row that fills its
/// column, under it and aligned with its last line or a word of it as the
/// lines of a cell are, or (`starts`) starting where a column's text does.
fn tail_of(
    lines: &[&Free],
    band: &[usize],
    row: &LastRow,
    starts: Option<&[Col]>,
) -> Option<Vec<((f32, f32), String)>> {
    if band
        .iter()
        .any(|&k| lines[k].data() || page_number(&lines[k].segs))
    {
        return None;
    }
    let pieces: Vec<((f32, f32), String)> = band
        .iter()
        .flat_map(|&k| lines[k].phrases.iter().map(move |p| (k, p)))
        .map(|(k, p)| {
            let l = lines[k];
            let words: Vec<&str> = l.words[p.clone()].iter().map(|w| w.text.as_str()).collect();
            (l.extent(p), words.join(" "))
        })
        .collect();
    let on_a_cell = |x: (f32, f32)| {
        row.fills.iter().any(|(col, words, line)| {
            overlap(x, *col) > 0.5
                && (in_line(x, *line)
                    || words.iter().any(|w| in_line(x, *w))
                    || starts.is_some_and(|cols| {
                        cols.iter().any(|c| !c.figures && (c.x0 - x.0).abs() < 1.0)
                    }))
        })
    };
    (!pieces.is_empty() && pieces.iter().all(|(x, _)| on_a_cell(*x))).then_some(pieces)
}

/// The columns lines of a table without rules make, with whether each
/// is of a row with figures.
fn cols_of(lines: &[(&Free, bool)]) -> Vec<Col> {
    let (l, d): (Vec<&Free>, Vec<bool>) = lines.iter().copied().unzip();
    columns(&l, &d)
}

/// A run of lines each close below the one before (no more than 2 em
/// apart: a table's rows may be set wide apart): its tables and its lines
/// of text. A line of one cell is a row of the table around it (a label
/// with no figures, a label's wrapped line, a header spanning columns of
/// text) unless a piece of it lies across a column of figures the lines of
/// several cells give (a title over the code and label columns, a line of
/// prose): that ends the table, and is a line of its own.
fn run(lines: &[Free], out: &mut Vec<(f32, Line)>, memory: &mut Memory) {
    let several: Vec<&Free> = lines.iter().filter(|l| multi(&l.segs)).collect();
    if several.is_empty() {
        // The tail of a row split over the page break may be one cell's
        // line alone at the top of the page (see [`table`]).
        let first = lines.first().filter(|l| l.bbox[1] <= memory.page_top + 0.5);
        if let (Some(row), Some(l)) = (&memory.bottom, first) {
            if memory.tail.is_empty() {
                if let Some(pieces) = tail_of(&[l], &[0], row, None) {
                    memory.tail = pieces;
                    out.extend(lines[1..].iter().map(Free::plain));
                    return;
                }
            }
        }
        out.extend(lines.iter().map(Free::plain));
        return;
    }
    let data: Vec<bool> = several.iter().map(|l| l.data()).collect();
    let cols = columns(&several, &data);
    // A page number stands on a line of its own; a figure alone beside
    // other lines (`100` of `100%` wrapped in a narrow cell, centred between
    // the lines of the cells beside it) is a piece of their row.
    let shares_height = |l: &Free| {
        lines.iter().any(|o| {
            !std::ptr::eq(o, l)
                && o.bbox[1].max(l.bbox[1]) < o.bbox[3].min(l.bbox[3]) - 0.1 * l.size
        })
    };
    let inside_of = |cols: &[Col], l: &Free| {
        multi(&l.segs)
            || ((!page_number(&l.segs) || shares_height(l))
                && l.phrases.iter().all(|p| {
                    let h = hits(cols, l.extent(p));
                    h.len() <= 1 || h.iter().all(|&k| !cols[k].figures)
                }))
    };
    let mut inside: Vec<bool> = lines.iter().map(|l| inside_of(&cols, l)).collect();
    // A run may hold two tables one under the other (their title lines as
    // close as their rows), and a label of one (`因公出国（境）费`) may lie
    // across a column of figures of the other. Lines so put out, between
    // two lines kept, are inside when they all are by the columns of the
    // lines of several cells of the block right above them or right below
    // them, and are rows among rows: one line (a title has its title lines
    // around it), or several of which the last shares its row with the
    // line kept below it or the first with the line kept above it
    // (`①公务用车购置费`, then `②公务用车运行维护` wrapped, its figures
    // centred beside the two lines of its label).
    let blocks: Vec<std::ops::Range<usize>> = {
        let mut out = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            if !inside[i] {
                i += 1;
                continue;
            }
            let start = i;
            while i < lines.len() && inside[i] {
                i += 1;
            }
            out.push(start..i);
        }
        out
    };
    let own_cols = |r: &std::ops::Range<usize>| -> Option<Vec<Col>> {
        let several: Vec<&Free> = lines[r.clone()].iter().filter(|l| multi(&l.segs)).collect();
        (!several.is_empty()).then(|| {
            let data: Vec<bool> = several.iter().map(|l| l.data()).collect();
            columns(&several, &data)
        })
    };
    let block_cols: Vec<Option<Vec<Col>>> = blocks.iter().map(own_cols).collect();
    for (at, gap) in blocks.windows(2).enumerate() {
        let (above, below) = (&gap[0], &gap[1]);
        let put_out = above.end..below.start;
        let shares = |a: &Free, b: &Free| a.bbox[1].max(b.bbox[1]) < a.bbox[3].min(b.bbox[3]);
        let among_rows = put_out.len() == 1
            || shares(&lines[put_out.end - 1], &lines[below.start])
            || shares(&lines[put_out.start], &lines[above.end - 1]);
        if !among_rows {
            continue;
        }
        let by = |b: usize| {
            block_cols[b].as_deref().is_some_and(|c| {
                c.len() < cols.len() && lines[put_out.clone()].iter().all(|l| inside_of(c, l))
            })
        };
        if by(at) || by(at + 1) {
            inside[put_out].iter_mut().for_each(|i| *i = true);
        }
    }
    let mut block: Vec<&Free> = Vec::new();
    let mut flush = |block: &mut Vec<&Free>, out: &mut Vec<(f32, Line)>| {
        if block.iter().any(|l| multi(&l.segs)) {
            table(block, &cols, out, memory);
        } else {
            out.extend(block.iter().map(|l| l.plain()));
        }
        block.clear();
    };
    for (l, inside) in lines.iter().zip(inside) {
        if inside {
            block.push(l);
        } else {
            flush(&mut block, out);
            out.push(l.plain());
        }
    }
    flush(&mut block, out);
}

/// Lines outside ruled tables: runs of lines close to each other, in which
/// lines of several cells make tables without rules (see [`run`],
/// [`table`]).
fn aligned(lines: Vec<Vec<Word>>, memory: &mut Memory) -> Vec<(f32, Line)> {
    let free: Vec<Free> = lines.into_iter().map(Free::new).collect();
    let mut out = Vec::new();
    let cells = beside(&free);
    let mut i = 0;
    while i < free.len() {
        if let Some(c) = cells.iter().find(|c| c.lines.start == i) {
            out.push((c.line.bbox[1], c.line.clone()));
            i = c.lines.end;
            continue;
        }
        let mut j = i + 1;
        while j < free.len()
            && free[j].bbox[1] - free[j - 1].bbox[3] <= 2.0 * free[j - 1].size
            && !cells.iter().any(|c| c.lines.start == j)
        {
            j += 1;
        }
        run(&free[i..j], &mut out, memory);
        i = j;
    }
    out
}

/// A label beside a cell of wrapped text: the lines it spans, and the row
/// they make (the label, then each column of text).
struct Beside {
    lines: std::ops::Range<usize>,
    line: Line,
}

/// Labels beside cells of wrapped text (a form's `项目概况` beside the
/// paragraph it heads): a stack of lines set as closely as the lines of a
/// paragraph are, whose pieces either start where text starts on several of
/// them (the left edges of the columns of text, one or two: `总体目标`'s
/// 实施期 and 年度) or lie left of those columns, words and no figures (the
/// label, on one of the lines, between two of them where it is vertically
/// centred, or wrapped itself). Read line by line, a label so centred cuts
/// its cell's text in two and stands in the middle of it; read so, the
/// label comes first and the text of each column whole. A stack with
/// figures beside it (a row of a table with a wrapped label) or without a
/// line of text at least eight characters wide (a header wrapped in narrow
/// columns) is no such cell.
fn beside(free: &[Free]) -> Vec<Beside> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < free.len() {
        let mut j = i + 1;
        while j < free.len() && free[j].bbox[1] - free[j - 1].bbox[3] < 0.6 * free[j - 1].size {
            j += 1;
        }
        if j - i >= 2 {
            if let Some(line) = beside_stack(&free[i..j]) {
                out.push(Beside { lines: i..j, line });
            }
        }
        i = j;
    }
    out
}

/// The row of one stack of closely set lines, if it is a label beside
/// cells of wrapped text (see [`beside`]).
fn beside_stack(stack: &[Free]) -> Option<Line> {
    let em = stack.iter().map(|l| l.size).fold(1.0, f32::max);
    // Phrases of each line: words closer than 0.3 em, as (first word, end).
    let phrases: Vec<Vec<(usize, usize)>> = stack
        .iter()
        .map(|l| {
            let mut out: Vec<(usize, usize)> = Vec::new();
            for (n, w) in l.words.iter().enumerate() {
                match out.last_mut() {
                    Some(p) if w.x0 - l.words[n - 1].x1 <= 0.3 * em => p.1 = n + 1,
                    _ => out.push((n, n + 1)),
                }
            }
            out
        })
        .collect();
    // Left edges where phrases of several lines start, one at least ten
    // characters wide: (x, lines, last line, widest).
    let mut edges: Vec<(f32, usize, usize, f32)> = Vec::new();
    for (k, l) in stack.iter().enumerate() {
        for &(a, b) in &phrases[k] {
            let (x, width) = (l.words[a].x0, l.words[b - 1].x1 - l.words[a].x0);
            match edges.iter_mut().find(|e| (e.0 - x).abs() <= 1.0) {
                Some(e) => {
                    if e.2 != k {
                        (e.1, e.2) = (e.1 + 1, k);
                    }
                    e.3 = e.3.max(width);
                }
                None => edges.push((x, 1, k, width)),
            }
        }
    }
    let mut xs: Vec<f32> = edges
        .iter()
        .filter(|e| e.1 >= 2 && e.3 >= 10.0 * em)
        .map(|e| e.0)
        .collect();
    xs.sort_by(f32::total_cmp);
    let first = *xs.first()?;
    // The label's words (left of the text) and each column's, with their
    // line.
    let mut label: Vec<(usize, &Word)> = Vec::new();
    let mut texts: Vec<Vec<(usize, &Word)>> = vec![Vec::new(); xs.len()];
    for (k, l) in stack.iter().enumerate() {
        let mut used: Vec<usize> = Vec::new();
        for &(a, b) in &phrases[k] {
            let words = &l.words[a..b];
            if used.is_empty() && words[words.len() - 1].x1 <= first - 0.3 * em {
                if words.iter().any(|w| is_datum(&w.text)) {
                    return None;
                }
                label.extend(words.iter().map(|w| (k, w)));
                continue;
            }
            // A phrase at a column's edge starts the column's text on the
            // line; one elsewhere goes on the text before it, if close.
            let column = match xs.iter().position(|&e| (e - words[0].x0).abs() <= 1.0) {
                Some(c) if !used.contains(&c) => {
                    used.push(c);
                    c
                }
                _ => {
                    let last = *used.last()?;
                    let before = texts[last].last()?.1;
                    if words[0].x0 - before.x1 > 0.8 * em {
                        return None;
                    }
                    last
                }
            };
            texts[column].extend(words.iter().map(|w| (k, w)));
        }
    }
    if label.is_empty() {
        return None;
    }
    let text = |words: &[(usize, &Word)]| {
        let mut s = String::new();
        let mut prev: Option<(usize, &Word)> = None;
        for &(k, w) in words {
            cell_join(&mut s, prev, k, w);
            prev = Some((k, w));
        }
        s
    };
    let extent = |words: &[(usize, &Word)]| {
        let (k0, k1) = (words[0].0, words[words.len() - 1].0);
        [
            words.iter().map(|(_, w)| w.x0).fold(f32::MAX, f32::min),
            stack[k0].bbox[1],
            words.iter().map(|(_, w)| w.x1).fold(f32::MIN, f32::max),
            stack[k1].bbox[3],
        ]
    };
    let mut cells = vec![text(&label)];
    let mut boxes = vec![extent(&label)];
    for t in texts.iter().filter(|t| !t.is_empty()) {
        cells.push(text(t));
        boxes.push(extent(t));
    }
    let bbox = [
        stack.iter().map(|l| l.bbox[0]).fold(f32::MAX, f32::min),
        stack.iter().map(|l| l.bbox[1]).fold(f32::MAX, f32::min),
        stack.iter().map(|l| l.bbox[2]).fold(f32::MIN, f32::max),
        stack.iter().map(|l| l.bbox[3]).fold(f32::MIN, f32::max),
    ];
    Some(Line {
        cells,
        bbox,
        cell_boxes: boxes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word at (x0, top), 12 pt: CJK characters 12 wide, the others 6.
    fn w(text: &str, x0: f32, top: f32) -> Word {
        let width: f32 = text
            .chars()
            .map(|c| if is_cjk(c) { 12.0 } else { 6.0 })
            .sum();
        Word {
            text: text.to_string(),
            x0,
            x1: x0 + width,
            top,
            bottom: top + 12.0,
            base: top + 10.0,
            size: 12.0,
            cuts: Vec::new(),
        }
    }

    fn rows(lines: Vec<Vec<Word>>) -> Vec<Vec<String>> {
        aligned(lines, &mut Memory::default())
            .into_iter()
            .map(|(_, l)| l.cells)
            .collect()
    }

    fn cells(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn columns_come_from_the_figures_and_the_headers_across_rows() {
        // Left-aligned figures; `上年结转` heads a column with no figures;
        // `本年收入` spans two columns; the gap between `2023年合` and
        // `当年` is too narrow to part cells by itself.
        let got = rows(vec![
            vec![w("本年收入", 100.0, 50.0)],
            vec![
                w("项目", 10.0, 64.0),
                w("2023", 100.0, 64.0),
                w("年合", 126.0, 64.0),
                w("当年", 155.0, 64.0),
                w("上年结转", 200.0, 64.0),
            ],
            vec![w("计", 119.0, 78.0)],
            vec![w("行政运行", 10.0, 110.0), w("343.70", 100.0, 110.0)],
            vec![
                w("信访事务", 10.0, 144.0),
                w("223.50", 100.0, 144.0),
                w("223.50", 150.0, 144.0),
            ],
        ]);
        assert_eq!(
            got,
            vec![
                // 本年收入 in the first column it spans.
                cells(&["项目", "本年收入2023年合计", "当年", "上年结转"]),
                cells(&["行政运行", "343.70", "", ""]),
                cells(&["信访事务", "223.50", "223.50", ""]),
            ]
        );
    }

    #[test]
    fn figures_apart_by_a_narrow_gap_are_two_cells() {
        let mut merged = w("343.70223.50", 100.0, 144.0);
        merged.cuts = (1..12).map(|i| (i, 100.0 + 6.0 * i as f32)).collect();
        let got = rows(vec![
            vec![
                w("合计", 10.0, 110.0),
                w("567.20", 100.0, 110.0),
                w("567.20", 138.0, 110.0),
            ],
            // 2 pt apart: one segment of the line, not one cell.
            vec![
                w("行政运行", 10.0, 127.0),
                w("343.70", 100.0, 127.0),
                w("223.50", 138.0, 127.0),
            ],
            // Closer still: one word, cut where the columns part.
            vec![w("信访事务", 10.0, 144.0), merged],
        ]);
        assert_eq!(
            got,
            vec![
                cells(&["合计", "567.20", "567.20"]),
                cells(&["行政运行", "343.70", "223.50"]),
                cells(&["信访事务", "343.70", "223.50"]),
            ]
        );
    }

    #[test]
    fn a_wrapped_label_is_one_cell_of_its_row() {
        // Rows 34 pt apart; a label on two lines 17 pt apart, the row's
        // figures centred between them; a label-only row wrapped too.
        let got = rows(vec![
            vec![
                w("201", 10.0, 100.0),
                w("一般公共服务支出", 60.0, 100.0),
                w("567.20", 170.0, 100.0),
            ],
            vec![w("政府办公厅及", 60.0, 134.0)],
            vec![w("20103", 10.0, 142.0), w("567.20", 170.0, 142.0)],
            vec![w("相关机构事务", 60.0, 151.0)],
            vec![
                w("2010301", 10.0, 185.0),
                w("行政运行", 60.0, 185.0),
                w("343.70", 170.0, 185.0),
            ],
            vec![w("资源勘探工业", 60.0, 219.0)],
            vec![w("信息等支出", 60.0, 236.0)],
            vec![
                w("2010308", 10.0, 270.0),
                w("信访事务", 60.0, 270.0),
                w("223.50", 170.0, 270.0),
            ],
        ]);
        assert_eq!(
            got,
            vec![
                cells(&["201", "一般公共服务支出", "567.20"]),
                cells(&["20103", "政府办公厅及相关机构事务", "567.20"]),
                cells(&["2010301", "行政运行", "343.70"]),
                cells(&["", "资源勘探工业信息等支出", ""]),
                cells(&["2010308", "信访事务", "223.50"]),
            ]
        );
    }

    #[test]
    fn a_cell_spanning_rows_joins_none_of_them() {
        // 产出指标 spans two rows, centred between them; a caption sits
        // right above the first row, not aligned with its cells.
        let got = rows(vec![
            vec![w("救助金发放项目", 84.0, 83.0)],
            vec![
                w("质量指标", 60.0, 100.0),
                w("拨付率", 150.0, 100.0),
                w("100%", 200.0, 100.0),
            ],
            vec![w("产出指标", 5.0, 117.0)],
            vec![
                w("时效指标", 60.0, 134.0),
                w("结案率", 150.0, 134.0),
                w("95%", 200.0, 134.0),
            ],
            vec![
                w("成本指标", 60.0, 168.0),
                w("时间", 150.0, 168.0),
                w("1", 200.0, 168.0),
            ],
        ]);
        assert_eq!(
            got,
            vec![
                cells(&["救助金发放项目"]),
                cells(&["", "质量指标", "拨付率", "100%"]),
                cells(&["产出指标", "", "", ""]),
                cells(&["", "时效指标", "结案率", "95%"]),
                cells(&["", "成本指标", "时间", "1"]),
            ]
        );
    }

    #[test]
    fn a_title_under_a_table_is_a_line_of_its_own() {
        // As far below the last row as the rows are apart, but across the
        // code and label columns.
        let got = rows(vec![
            vec![
                w("201", 10.0, 100.0),
                w("一般公共服务支出", 60.0, 100.0),
                w("567.20", 170.0, 100.0),
            ],
            vec![
                w("2010301", 10.0, 134.0),
                w("行政运行", 60.0, 134.0),
                w("343.70", 170.0, 134.0),
            ],
            vec![w("预算公开表", 8.0, 168.0), w("3", 70.5, 168.0)],
            vec![w("2023年预算支出总表", 8.0, 200.0)],
        ]);
        assert_eq!(
            got,
            vec![
                cells(&["201", "一般公共服务支出", "567.20"]),
                cells(&["2010301", "行政运行", "343.70"]),
                cells(&["预算公开表 3"]),
                cells(&["2023年预算支出总表"]),
            ]
        );
    }

    #[test]
    fn lines_of_a_list_are_not_joined() {
        // Evenly spaced lines (a contents, rows of one line) stay lines,
        // however close.
        let got = rows(vec![
            vec![w("目录", 10.0, 60.0)],
            vec![
                w("1.", 10.0, 90.0),
                w("预算公开表1", 40.0, 90.0),
                w("2023年预算收支总表", 130.0, 90.0),
            ],
            vec![
                w("2.", 10.0, 107.0),
                w("预算公开表2", 40.0, 107.0),
                w("2023年预算收入总表", 130.0, 107.0),
            ],
            vec![
                w("3.", 10.0, 124.0),
                w("预算公开表3", 40.0, 124.0),
                w("2023年预算支出总表", 130.0, 124.0),
            ],
        ]);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[2], cells(&["2.", "预算公开表2", "2023年预算收入总表"]));
    }

    #[test]
    fn a_table_continued_under_its_repeated_header_keeps_its_columns() {
        // `收入` spans `项目` and `金额`; on the first page the labels under
        // it make one column of both, on the second (no labels there) only
        // the headers could give the columns, and `收入` would make one.
        let header = || {
            vec![
                vec![w("收入", 95.0, 50.0), w("支出", 301.0, 50.0)],
                vec![
                    w("项目", 60.0, 64.0),
                    w("金额", 130.0, 64.0),
                    w("项目", 214.0, 64.0),
                    w("金额", 301.0, 64.0),
                ],
            ]
        };
        let mut memory = Memory::default();
        let mut first = header();
        first.push(vec![
            w("一般预算", 60.0, 98.0),
            w("730.03", 130.0, 98.0),
            w("服务支出", 214.0, 98.0),
            w("567.20", 301.0, 98.0),
        ]);
        let mut second = header();
        second.push(vec![w("社保支出", 214.0, 98.0), w("39.05", 301.0, 98.0)]);
        let read = |lines, memory: &mut Memory| -> Vec<Vec<String>> {
            aligned(lines, memory)
                .into_iter()
                .map(|(_, l)| l.cells)
                .collect()
        };
        let one = read(first, &mut memory);
        assert_eq!(
            one.last().unwrap(),
            &cells(&["一般预算", "730.03", "服务支出", "567.20"])
        );
        let two = read(second, &mut memory);
        assert_eq!(two[0].len(), 4, "{two:?}");
        assert_eq!(two.last().unwrap(), &cells(&["", "", "社保支出", "39.05"]));
        // Without the first page, `收入` is a column of its own.
        let mut second = header();
        second.push(vec![w("社保支出", 214.0, 98.0), w("39.05", 301.0, 98.0)]);
        assert_eq!(rows(second)[0].len(), 5);
    }

    #[test]
    fn labels_above_the_first_row_of_figures_are_rows_when_no_header_is_there() {
        // The header far above (another run, or the page before): the
        // labels without figures over the first row with figures are rows.
        let got = rows(vec![
            vec![w("因公出国费", 10.0, 100.0)],
            vec![w("公务接待费", 10.0, 134.0)],
            vec![
                w("公务用车费", 10.0, 168.0),
                w("2.55", 100.0, 168.0),
                w("2.55", 140.0, 168.0),
            ],
            vec![
                w("合计", 10.0, 202.0),
                w("2.55", 100.0, 202.0),
                w("2.55", 140.0, 202.0),
            ],
        ]);
        assert_eq!(
            got,
            vec![
                cells(&["因公出国费", "", ""]),
                cells(&["公务接待费", "", ""]),
                cells(&["公务用车费", "2.55", "2.55"]),
                cells(&["合计", "2.55", "2.55"]),
            ]
        );
    }

    #[test]
    fn a_label_across_the_figures_of_the_table_above_is_a_row_of_its_own_table() {
        // Two tables in one run of lines: `因公出国（境）费`, a row among the
        // rows of the second, lies across the column of figures of the
        // first; by the second's own columns it is a row.
        let got = rows(vec![
            vec![w("部门合计", 10.0, 100.0), w("60.72", 100.0, 100.0)],
            vec![w("单位", 10.0, 134.0), w("60.72", 100.0, 134.0)],
            vec![w("公务接待费", 10.0, 168.0), w("2.55", 170.0, 168.0)],
            vec![w("因公出国（境）费", 10.0, 202.0)],
            vec![w("合计", 10.0, 236.0), w("2.55", 170.0, 236.0)],
        ]);
        let row = got
            .iter()
            .find(|r| r.iter().any(|c| c == "因公出国（境）费"))
            .unwrap();
        assert!(row.len() > 1, "{got:?}");
    }

    #[test]
    fn a_label_centred_beside_wrapped_text_comes_before_all_of_it() {
        // `项目概况` on the second of three lines of its text, `立项依据`
        // between the two lines of its own: each row is the label and the
        // whole text, not the label in the middle of it.
        let got = rows(vec![
            vec![w("疑难信访专项资金的建立和使用旨在", 100.0, 100.0)],
            vec![
                w("项目概况", 20.0, 117.0),
                w("积极推动地方解决长期积累的问题，", 100.0, 117.0),
            ],
            vec![w("共需13.5万元。", 100.0, 134.0)],
            vec![w("根据财政部关于印发资金管理办法的", 100.0, 168.0)],
            vec![w("立项依据", 20.0, 176.5)],
            vec![w("通知立项。", 100.0, 185.0)],
        ]);
        assert_eq!(
            got,
            vec![
                cells(&[
                    "项目概况",
                    "疑难信访专项资金的建立和使用旨在积极推动地方解决长期积累的问题，共需13.5万元。"
                ]),
                cells(&["立项依据", "根据财政部关于印发资金管理办法的通知立项。"]),
            ]
        );
        // A wrapped label beside figures is a row of a table, read as one.
        let got = rows(vec![
            vec![w("行政事业单位养", 60.0, 100.0)],
            vec![
                w("20805", 10.0, 108.0),
                w("23.88", 170.0, 108.0),
                w("23.88", 210.0, 108.0),
            ],
            vec![w("老支出", 60.0, 117.0)],
        ]);
        assert_eq!(
            got,
            vec![cells(&["20805", "行政事业单位养老支出", "23.88", "23.88"])]
        );
    }

    #[test]
    fn labels_wrapped_in_rows_put_out_by_the_table_below_are_rows() {
        // The rows of table 10, then table 11 close under it, whose figures
        // lie across table 10's labels: `①…` and the wrapped `②…` (its
        // figures centred beside its two lines) are rows of table 10.
        let got = rows(vec![
            vec![w("因公出国费", 10.0, 100.0)],
            vec![
                w("公务用车费", 10.0, 134.0),
                w("2.55", 170.0, 134.0),
                w("2.55", 210.0, 134.0),
            ],
            vec![w("①公务用车购置费", 10.0, 168.0)],
            vec![w("②公务用车运行维护", 10.0, 202.0)],
            vec![w("2.55", 170.0, 209.0), w("2.55", 210.0, 209.0)],
            vec![w("费", 10.0, 219.0)],
            vec![
                w("合计", 10.0, 253.0),
                w("2.55", 170.0, 253.0),
                w("2.55", 210.0, 253.0),
            ],
            vec![
                w("部门合计", 10.0, 287.0),
                w("60.72", 100.0, 287.0),
                w("60.72", 140.0, 287.0),
            ],
        ]);
        let row = |label: &str| got.iter().find(|r| r.iter().any(|c| c == label)).cloned();
        assert!(
            row("①公务用车购置费").is_some_and(|r| r.len() > 1),
            "{got:?}"
        );
        let wrapped = row("②公务用车运行维护费").unwrap_or_else(|| panic!("{got:?}"));
        assert_eq!(
            wrapped.iter().filter(|c| *c == "2.55").count(),
            2,
            "{got:?}"
        );
    }

    #[test]
    fn the_tail_of_a_row_split_over_a_page_goes_on_the_row() {
        let header = || {
            vec![
                w("科目编码", 10.0, 50.0),
                w("科目名称", 60.0, 50.0),
                w("金额", 170.0, 50.0),
            ]
        };
        let page = |memory: &mut Memory, lines: Vec<Vec<Word>>| -> Vec<Vec<String>> {
            let out = aligned(lines, memory);
            end_page(&out, memory);
            out.into_iter().map(|(_, l)| l.cells).collect()
        };
        for (last, tail) in [("行政事业单位医", true), ("事业单位医疗", false)] {
            let mut memory = Memory::default();
            page(
                &mut memory,
                vec![
                    header(),
                    vec![
                        w("2080505", 10.0, 84.0),
                        w("机关事业单位基", 60.0, 84.0),
                        w("14.39", 170.0, 84.0),
                    ],
                    vec![w("本养老支出", 60.0, 101.0)],
                    vec![
                        w("21011", 10.0, 135.0),
                        w(last, 60.0, 135.0),
                        w("7.34", 170.0, 135.0),
                    ],
                ],
            );
            // Under the repeated header, `疗` alone: the tail of the row
            // above the page break when that row's label fills its column.
            let two = page(
                &mut memory,
                vec![
                    header(),
                    vec![w("疗", 60.0, 84.0)],
                    vec![
                        w("2101102", 10.0, 118.0),
                        w("事业单位医疗", 60.0, 118.0),
                        w("2.61", 170.0, 118.0),
                    ],
                ],
            );
            let found = !memory.tail.is_empty();
            assert_eq!(found, tail, "{last}: {two:?}");
            assert_eq!(
                two.iter().any(|r| r.iter().any(|c| c == "疗")),
                !tail,
                "{two:?}"
            );
            if tail {
                assert_eq!(memory.tail[0].1, "疗");
            }
        }
    }

    /// Lines of words at their tops: (top, [(text, x0)]).
    fn page(lines: &[(f32, &[(&str, f32)])]) -> Vec<Vec<Word>> {
        lines
            .iter()
            .map(|(top, words)| words.iter().map(|(t, x)| w(t, *x, *top)).collect())
            .collect()
    }

    #[test]
    fn grid_rows_of_wrapped_cells_with_labels_centred_are_gathered() {
        // Writer's print of a performance-target grid without rules (lines
        // 17.3 pt apart in a cell, rows 34 pt): the 三级 cells wrap over two
        // or three lines, the labels of the 一级 and 二级 cells and the values
        // are centred beside them on lines of their own (`100` / `%` in the
        // narrow right-hand value column, `100` alone between two lines),
        // and `绩效指` / `标`, the label of the whole grid, is centred in it.
        let got = rows(page(&[
            (145.9, &[("三级指", 214.1), ("指标", 428.5)]),
            (
                154.5,
                &[("一级指标", 93.4), ("二级指标", 154.4), ("指标值", 267.7)],
            ),
            (163.1, &[("标", 226.1), ("值", 434.5)]),
            (197.3, &[("解决疑", 210.3)]),
            (
                214.6,
                &[
                    ("产出指标", 88.3),
                    ("数量指标", 149.3),
                    ("难信访", 210.3),
                    ("1件", 256.6),
                    ("1件", 424.8),
                ],
            ),
            (231.8, &[("案件数", 210.3)]),
            (266.0, &[("疑难信", 210.3)]),
            (283.3, &[("访案件", 210.3)]),
            (292.5, &[("100", 424.8)]),
            (
                299.5,
                &[
                    ("产出指标", 88.3),
                    ("质量指标", 149.3),
                    ("资金足", 210.3),
                    ("100%", 256.6),
                ],
            ),
            (306.5, &[("%", 424.8)]),
            (317.8, &[("额拨付", 210.3)]),
            (335.0, &[("率", 210.3)]),
            (369.2, &[("疑难补", 210.3)]),
            (385.4, &[("贴资金", 210.3), ("9-10", 424.8)]),
            (
                395.1,
                &[("产出指标", 88.3), ("时效指标", 149.3), ("9-10月", 256.6)],
            ),
            (402.1, &[("月", 424.8)]),
            (403.7, &[("绩效指", 48.2), ("拨付时", 210.3)]),
            (421.0, &[("标", 60.2), ("间", 210.3)]),
            (455.2, &[("降低疑", 210.3)]),
            (463.8, &[("社会效益", 149.3)]),
            (
                472.4,
                &[
                    ("效益指标", 88.3),
                    ("似案件", 210.3),
                    ("降低", 256.6),
                    ("降低", 424.8),
                ],
            ),
            (481.0, &[("指标", 149.3)]),
            (489.7, &[("的发生", 210.3)]),
            (523.9, &[("提升疑", 210.3)]),
            (541.1, &[("社会效益", 149.3), ("难信访", 210.3)]),
            (
                549.7,
                &[("效益指标", 88.3), ("提升", 256.6), ("提升", 424.8)],
            ),
            (558.4, &[("指标", 149.3), ("案件的", 210.3)]),
            (575.6, &[("结案率", 210.3)]),
            (609.8, &[("信访疑", 210.3)]),
            (627.1, &[("服务对象", 149.3), ("难案件", 210.3)]),
            (635.7, &[("满意度指", 88.3), ("≥90", 424.8)]),
            (
                643.3,
                &[("满意度指", 149.3), ("困难群", 210.3), ("≥90%", 256.6)],
            ),
            (650.3, &[("%", 424.8)]),
            (652.9, &[("标", 88.3)]),
            (661.6, &[("标", 149.3), ("众满意", 210.3)]),
            (678.8, &[("度", 210.3)]),
        ]));
        let want = [
            ["", "一级指标", "二级指标", "三级指标", "指标值", "指标值"],
            [
                "",
                "产出指标",
                "数量指标",
                "解决疑难信访案件数",
                "1件",
                "1件",
            ],
            [
                "",
                "产出指标",
                "质量指标",
                "疑难信访案件资金足额拨付率",
                "100%",
                "100%",
            ],
            [
                "绩效指标",
                "产出指标",
                "时效指标",
                "疑难补贴资金拨付时间",
                "9-10月",
                "9-10月",
            ],
            [
                "",
                "效益指标",
                "社会效益指标",
                "降低疑似案件的发生",
                "降低",
                "降低",
            ],
            [
                "",
                "效益指标",
                "社会效益指标",
                "提升疑难信访案件的结案率",
                "提升",
                "提升",
            ],
            [
                "",
                "满意度指标",
                "服务对象满意度指标",
                "信访疑难案件困难群众满意度",
                "≥90%",
                "≥90%",
            ],
        ];
        assert_eq!(got, want.map(|r| cells(&r)).to_vec());
    }

    #[test]
    fn a_table_goes_on_over_a_page_break_without_a_repeated_header() {
        // Page one ends with a row whose cells wrap over the break
        // (`服务对象满` / `意度指标`, `≥90.0` / `%`); page two repeats no header:
        // the tail of that row is its first band (each piece under a cell
        // that fills its column, aligned with it: on the left, or centred
        // as `%` is), then the table's rows, whose first column (the grid's
        // label) is empty on this page.
        let read = |memory: &mut Memory, lines: Vec<Vec<Word>>| -> Vec<Vec<String>> {
            memory.page_top = lines
                .iter()
                .flatten()
                .map(|w| w.top)
                .fold(f32::MAX, f32::min);
            let out = aligned(lines, memory);
            end_page(&out, memory);
            out.into_iter().map(|(_, l)| l.cells).collect()
        };
        let mut memory = Memory::default();
        let one = read(
            &mut memory,
            page(&[
                (
                    100.0,
                    &[
                        ("绩效指标", 20.0),
                        ("一级指标", 94.3),
                        ("二级指标", 163.9),
                        ("三级指标", 233.5),
                        ("指标值", 305.2),
                    ],
                ),
                (
                    134.0,
                    &[
                        ("产出指标", 94.3),
                        ("质量指标", 163.9),
                        ("及时性", 233.5),
                        ("及时", 305.2),
                    ],
                ),
                (
                    168.0,
                    &[
                        ("效益指标", 94.3),
                        ("社会效益", 163.9),
                        ("缓解困难", 233.5),
                        ("缓解", 305.2),
                    ],
                ),
                (
                    202.0,
                    &[
                        ("满意度指标", 94.3),
                        ("服务对象满", 163.9),
                        ("晋城农校人", 233.5),
                        ("≥90.0", 305.2),
                    ],
                ),
            ]),
        );
        assert_eq!(one.len(), 4, "{one:?}");
        let two = read(
            &mut memory,
            page(&[
                (
                    58.9,
                    &[("意度指标", 163.9), ("员满意度", 233.5), ("%", 317.2)],
                ),
                (
                    93.0,
                    &[
                        ("产出指标", 94.3),
                        ("数量指标", 163.9),
                        ("救助人数", 233.5),
                        ("145人", 305.2),
                    ],
                ),
            ]),
        );
        let tail: Vec<&str> = memory.tail.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(tail, ["意度指标", "员满意度", "%"]);
        assert_eq!(
            two,
            vec![cells(&["", "产出指标", "数量指标", "救助人数", "145人"])]
        );
        // A tail of one cell alone at the top of the page, a heading far
        // under it, is the tail too.
        memory.tail.clear();
        read(
            &mut memory,
            page(&[
                (
                    100.0,
                    &[("一级指标", 94.3), ("二级指标", 163.9), ("三级指标", 233.5)],
                ),
                (
                    134.0,
                    &[
                        ("产出指标", 94.3),
                        ("数量指标", 163.9),
                        ("救助原晋城", 233.5),
                    ],
                ),
            ]),
        );
        let three = read(
            &mut memory,
            page(&[
                (58.9, &[("农校人数", 233.5)]),
                (120.0, &[("十一、其他说明", 20.0)]),
            ]),
        );
        let tail: Vec<&str> = memory.tail.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(tail, ["农校人数"]);
        assert_eq!(three, vec![cells(&["十一、其他说明"])]);
    }

    #[test]
    fn a_wide_field_above_a_grid_does_not_join_the_grid_s_columns() {
        // A form's fields (their texts from the left edge of the grid's
        // second column across its third and fourth), then the grid: the
        // grid's columns are its own, the fields' texts span them.
        let got = rows(page(&[
            (90.9, &[("保证项目实施的制", 53.9)]),
            (
                99.5,
                &[
                    ("根据晋信联办函", 159.7),
                    ("202188", 246.1),
                    ("号文件精神", 284.5),
                ],
            ),
            (108.1, &[("度、措施", 77.9)]),
            (142.3, &[("项目实施计划", 65.9), ("按时实施", 159.7)]),
            (176.5, &[("实施期目标", 182.0), ("年度目标", 353.1)]),
            (
                210.7,
                &[("总体目标", 77.9), ("维护稳定", 159.7), ("维护稳定", 267.1)],
            ),
            (
                244.9,
                &[
                    ("一级指标", 92.6),
                    ("二级指标", 159.7),
                    ("三级", 226.8),
                    ("指标值", 267.1),
                ],
            ),
            (
                279.1,
                &[
                    ("产出指标", 92.6),
                    ("数量指标", 159.7),
                    ("房间", 226.8),
                    ("4间", 267.1),
                ],
            ),
            (
                313.3,
                &[
                    ("产出指标", 92.6),
                    ("质量指标", 159.7),
                    ("办公", 226.8),
                    ("合格", 267.1),
                ],
            ),
            (
                347.5,
                &[
                    ("产出指标", 92.6),
                    ("时效指标", 159.7),
                    ("拨付", 226.8),
                    ("及时", 267.1),
                ],
            ),
        ]));
        let grid: Vec<Vec<&str>> = got
            .iter()
            .filter(|r| r.iter().any(|c| c.ends_with("指标") && c != "总体目标"))
            .map(|r| {
                r.iter()
                    .map(String::as_str)
                    .filter(|c| !c.is_empty())
                    .collect()
            })
            .collect();
        assert_eq!(
            grid,
            [
                ["一级指标", "二级指标", "三级", "指标值"],
                ["产出指标", "数量指标", "房间", "4间"],
                ["产出指标", "质量指标", "办公", "合格"],
                ["产出指标", "时效指标", "拨付", "及时"],
            ],
            "{got:?}"
        );
    }

    #[test]
    fn two_cells_of_a_line_are_two_columns() {
        // `汾阳市信访局` and `1年`, fields of the form above the grid, make
        // a column of text that the grid's header, right under them, has
        // two cells in (`三级指标`, and `指标`, the first line of a wrapped
        // `指标值`), well apart: they are two columns.
        let got = rows(page(&[
            (
                155.7,
                &[
                    ("主管部门及代码", 54.9),
                    ("027-汾阳市信访局", 149.6),
                    ("实施单位", 309.5),
                    ("汾阳市信访局", 396.0),
                ],
            ),
            (
                189.9,
                &[
                    ("项目属性", 72.9),
                    ("一次性项目", 149.6),
                    ("项目期", 315.5),
                    ("1年", 396.0),
                ],
            ),
            (
                224.1,
                &[
                    ("一级指标", 93.6),
                    ("二级指标", 154.9),
                    ("三级指标", 216.9),
                    ("指标值", 284.9),
                    ("二级指标", 340.1),
                    ("三级指标", 400.5),
                    ("指标", 459.3),
                ],
            ),
        ]));
        let header: Vec<&str> = got[2]
            .iter()
            .map(String::as_str)
            .filter(|c| !c.is_empty())
            .collect();
        assert_eq!(
            header,
            [
                "一级指标",
                "二级指标",
                "三级指标",
                "指标值",
                "二级指标",
                "三级指标",
                "指标"
            ],
            "{got:?}"
        );
    }
}
