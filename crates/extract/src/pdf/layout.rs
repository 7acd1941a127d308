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
/// joins directly, Latin and figures keep a space.
fn join(out: &mut String, next: &str) {
    let a = out.chars().last();
    let b = next.chars().next();
    if let (Some(a), Some(b)) = (a, b) {
        if !(is_cjk(a) || is_cjk(b)) {
            out.push(' ');
        }
    }
    out.push_str(next);
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

/// The lines of one page, top to bottom.
pub fn page_lines(content: PageContent) -> Vec<Line> {
    // Cells are found by looking at every rule for every word: a page
    // with thousands of segments is a drawing (hatching, a chart), not a
    // table, and is read by alignment.
    let mut rules = content.rules;
    if rules.len() > MAX_RULES {
        rules.clear();
    }
    let groups = baseline_groups(content.glyphs);
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
    out.extend(aligned(free));
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.into_iter().map(|(_, l)| l).collect()
}

/// A run of words of one line with no gap wider than 1.5 em.
struct Segment {
    text: String,
    x0: f32,
    x1: f32,
}

fn is_figure(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || ",.%-".contains(c))
}

/// A line's words grouped into cells: a gap over 0.8 em splits, and any
/// word gap next to a figure does (a figure is a cell of its own).
fn segments(words: &[Word]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut last: Option<&Word> = None;
    for w in words {
        let split = match last {
            None => true,
            // A contents line's leader dots and its page number stay one.
            Some(p) if p.text.ends_with("...") || p.text.ends_with('…') => false,
            Some(p) => w.x0 - p.x1 > 0.8 * w.size || is_figure(&p.text) || is_figure(&w.text),
        };
        match out.last_mut() {
            Some(s) if !split => {
                // Words of one line are apart by more than 0.2 em: a space.
                s.text.push(' ');
                s.text.push_str(&w.text);
                s.x1 = w.x1;
            }
            _ => out.push(Segment {
                text: w.text.clone(),
                x0: w.x0,
                x1: w.x1,
            }),
        }
        last = Some(w);
    }
    out
}

/// A letterspaced heading (目  录) or page number (- 3 -) is one word,
/// not cells.
fn letterspaced(segs: &[Segment]) -> bool {
    segs.len() > 1 && segs.iter().all(|s| s.text.chars().count() == 1)
}

/// A page number line (`第 1 页 共 23 页`, `- 3 -`, `3 / 23`): one line of
/// text for the reader to drop, never cells of the table above it.
fn page_number(segs: &[Segment]) -> bool {
    let text: String = segs
        .iter()
        .flat_map(|s| s.text.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    !text.is_empty()
        && text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '第' | '页' | '共' | '-' | '—' | '/'))
}

/// A line of several cells.
fn multi(segs: &[Segment]) -> bool {
    segs.len() > 1 && !letterspaced(segs) && !page_number(segs)
}

/// Lines outside ruled tables: a block of consecutive lines of several
/// segments each is a table without rules, its columns found where the
/// segments of its rows leave a gap in the projection on the x axis.
fn aligned(lines: Vec<Vec<Word>>) -> Vec<(f32, Line)> {
    let mut out = Vec::new();
    let segs: Vec<(Vec<Segment>, [f32; 4])> = lines
        .iter()
        .map(|ws| {
            let bbox = [
                ws.iter().map(|w| w.x0).fold(f32::MAX, f32::min),
                ws.iter().map(|w| w.top).fold(f32::MAX, f32::min),
                ws.iter().map(|w| w.x1).fold(f32::MIN, f32::max),
                ws.iter().map(|w| w.bottom).fold(f32::MIN, f32::max),
            ];
            (segments(ws), bbox)
        })
        .collect();
    let mut i = 0;
    while i < segs.len() {
        // A letterspaced heading (目  录) is one word, not cells.
        let letterspaced =
            segs[i].0.len() > 1 && segs[i].0.iter().all(|s| s.text.chars().count() == 1);
        if segs[i].0.len() < 2 || letterspaced || page_number(&segs[i].0) {
            let text = segs[i]
                .0
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(if letterspaced { "" } else { " " });
            out.push((
                segs[i].1[1],
                Line {
                    cells: vec![text],
                    bbox: segs[i].1,
                    cell_boxes: Vec::new(),
                },
            ));
            i += 1;
            continue;
        }
        // The block: the next lines of several cells, each close below
        // the one before.
        let mut j = i + 1;
        while j < segs.len()
            && multi(&segs[j].0)
            && segs[j].1[1] - segs[j - 1].1[3]
                <= 1.2 * (segs[j - 1].1[3] - segs[j - 1].1[1]).max(1.0)
        {
            j += 1;
        }

        // Column intervals: the union of the segments' extents over the
        // rows with figures (headers may span columns), or all rows.
        let data = segs[i..j]
            .iter()
            .any(|(s, _)| s.iter().any(|s| is_figure(&s.text)));
        let mut iv: Vec<(f32, f32)> = segs[i..j]
            .iter()
            .filter(|(s, _)| !data || s.iter().any(|s| is_figure(&s.text)))
            .flat_map(|(s, _)| s.iter().map(|s| (s.x0, s.x1)))
            .collect();
        iv.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut cols: Vec<(f32, f32)> = Vec::new();
        for (a, b) in iv {
            match cols.last_mut() {
                Some(c) if a <= c.1 + 1.0 => c.1 = c.1.max(b),
                _ => cols.push((a, b)),
            }
        }
        for (ss, bbox) in &segs[i..j] {
            let mut texts = vec![String::new(); cols.len()];
            for s in ss {
                // The column the segment overlaps most, else the nearest.
                let score = |c: &(f32, f32)| {
                    let overlap = s.x1.min(c.1) - s.x0.max(c.0);
                    if overlap > 0.0 {
                        overlap
                    } else {
                        overlap - 1e4
                    }
                };
                let k = (0..cols.len())
                    .max_by(|&a, &b| score(&cols[a]).total_cmp(&score(&cols[b])))
                    .unwrap_or(0);
                join(&mut texts[k], &s.text);
            }
            let boxes = cols.iter().map(|c| [c.0, bbox[1], c.1, bbox[3]]).collect();
            out.push((
                bbox[1],
                Line {
                    cells: texts,
                    bbox: *bbox,
                    cell_boxes: boxes,
                },
            ));
        }
        i = j;
    }
    out
}
