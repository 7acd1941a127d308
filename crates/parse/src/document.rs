//! A whole document: where its parts are, and reading each part into the model.

use crate::lines::Line;
use crate::place::{place_all, Pending};
use crate::profile::Profile;
use crate::rows::{classify, is_part_heading, read_body, strip_ordinal};
use std::borrow::Borrow;
use yusuan_core::amount::{fold_width, Unit};
use yusuan_core::finding::{Finding, Severity};
use yusuan_core::model::{
    ClaimKind, Disclosure, DocKind, GlossaryEntry, Metadata, OutlineEntry, Paragraph, Part,
    Procurement, ProseSection, Provenance, SectionKind, Table,
};

/// A landmark in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// A table title, by index in the profile.
    Table(usize),
    /// 第N部分.
    Part(u8),
    /// A performance-target table title.
    Target,
}

fn part_number(compact: &str) -> Option<u8> {
    ["第一部分", "第二部分", "第三部分", "第四部分"]
        .iter()
        .position(|p| compact.starts_with(p))
        .map(|i| i as u8 + 1)
}

fn is_contents_line(compact: &str) -> bool {
    compact.contains("...") || compact.contains('…')
}

/// The contents of a rendering that prints no leader dots (a web page, a
/// spreadsheet, a Word file's table of contents): the lines from a `目录`
/// heading up to where its first entry is printed again as the heading it
/// lists. `None` where there is no such heading or the contents has dots
/// (then [`is_contents_line`] knows each entry).
fn plain_contents(lines: &[Line]) -> Option<std::ops::Range<usize>> {
    let heading = lines.iter().position(|l| l.compact() == "目录")?;
    let first = (heading + 1..lines.len()).find(|&i| !lines[i].is_blank())?;
    let entry = lines[first].compact();
    if is_contents_line(&entry) {
        return None;
    }
    // An entry may carry its page number or its ordinal in a cell of its
    // own (`第一部分 概况⇥2`, `1⇥第一部分 概况`), or a list number
    // (`1. 第一部分 概况`, as Word prints a numbered list): the heading it
    // lists is the entry without them.
    let title = entry.trim_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '．' | '、'));
    let end = (first + 1..lines.len()).find(|&i| lines[i].compact() == title)?;
    Some(heading..end)
}

/// A target table's title. A line of prose wrapped right after the words
/// (`…涉及金额281.29万元。项目绩效目标表` / `见附表。`) ends as a title does,
/// but a title is no sentence: it has no sentence's punctuation.
fn is_target_title(compact: &str) -> bool {
    compact.chars().count() <= 50
        && (compact.contains("绩效目标申报表") || compact.ends_with("绩效目标表"))
        && !compact.contains(['。', '，', '；'])
}

/// Whether a line can be a landmark at all, by its printed characters
/// (compacting removes only whitespace): a part heading starts with 第, a
/// target-table title has 绩, a table title ends with 表 or a bracket.
fn could_be_mark(text: &str) -> bool {
    let t = crate::lines::trim(text);
    !is_figure_caption(t)
        && (t.starts_with('第') || t.contains('绩') || t.ends_with(['表', '）', ')']))
}

/// A chart's caption (`“三公”经费分布图（单位：万元）`): it names a table's
/// subject but is no table's title, wherever a format leaves it (a Word
/// paragraph, a PDF line).
fn is_figure_caption(t: &str) -> bool {
    let head = match t.rfind(['（', '(']) {
        Some(at) if t.ends_with(['）', ')']) => &t[..at],
        _ => t,
    };
    head.trim_end().ends_with('图')
}

fn marks(lines: &[Line], profile: &Profile) -> Vec<(usize, Mark)> {
    let mut out: Vec<(usize, Mark)> = Vec::new();
    let contents = plain_contents(lines).unwrap_or(0..0);
    for (i, l) in lines.iter().enumerate() {
        if !could_be_mark(&l.text) || contents.contains(&i) {
            continue;
        }
        let c = l.compact();
        if c.is_empty() || is_contents_line(&c) {
            continue;
        }
        let mark = if let Some(n) = part_number(&c) {
            Mark::Part(n)
        } else if is_target_title(&c) {
            Mark::Target
        } else if let Some(spec) = profile.table_title(&l.text) {
            Mark::Table(
                profile
                    .tables
                    .iter()
                    .position(|t| t.kind == spec.kind)
                    .unwrap_or(0),
            )
        } else {
            continue;
        };
        // A title repeated right after itself (`表一2024年…`, a caption, then
        // `2024年…`) is one title; the same title after rows of figures is
        // the table printed again.
        if let (Some((at, last)), Mark::Table(_)) = (out.last(), mark) {
            let between = lines[at + 1..i].iter().filter(|l| !l.is_blank()).count();
            if *last == mark && between <= 2 {
                continue;
            }
        }
        out.push((i, mark));
    }
    out
}

/// The year a title or heading names (`2024年…`).
fn year_in(text: &str) -> Option<u16> {
    let f = fold_width(text);
    let chars: Vec<char> = f.chars().collect();
    chars.windows(5).find_map(|w| {
        (w[4] == '年' && w[..4].iter().all(|c| c.is_ascii_digit()))
            .then(|| w[..4].iter().collect::<String>().parse().ok())
            .flatten()
    })
}

/// The section kind a heading of 第三部分 announces.
fn section_kind(title: &str) -> Option<SectionKind> {
    let keys: [(&str, SectionKind); 12] = [
        ("变动情况", SectionKind::Changes),
        ("收入预算", SectionKind::Revenue),
        ("支出预算情况", SectionKind::Expenditure),
        ("财政拨款收支", SectionKind::FiscalOverall),
        ("基本支出", SectionKind::Basic),
        ("一般公共预算", SectionKind::GeneralPublic),
        ("三公", SectionKind::ThreePublic),
        ("机关运行经费", SectionKind::OperatingCosts),
        ("政府采购", SectionKind::Procurement),
        ("绩效", SectionKind::Performance),
        ("国有资产", SectionKind::Assets),
        ("其他", SectionKind::Other),
    ];
    keys.iter()
        .find(|(k, _)| title.contains(k))
        .map(|(_, kind)| *kind)
}

/// `十二、其他说明` → (12, `其他说明`).
fn numbered_heading(text: &str) -> Option<(u8, String)> {
    let t = text.trim();
    let end = t
        .char_indices()
        .find(|(_, c)| !"一二三四五六七八九十".contains(*c))
        .map_or(t.len(), |(i, _)| i);
    let (digits, rest) = t.split_at(end);
    let rest = rest.strip_prefix('、')?;
    let value = chinese_number(digits)?;
    Some((value, rest.trim().to_string()))
}

fn chinese_number(s: &str) -> Option<u8> {
    let d = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u8);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => d(*c),
        ['十', u] => Some(10 + d(*u)?),
        [t, '十'] => Some(d(*t)? * 10),
        [t, '十', u] => Some(d(*t)? * 10 + d(*u)?),
        _ => None,
    }
}

/// Lines joined into paragraphs: text extracted from a PDF breaks lines
/// (and puts blank lines) inside sentences, so a paragraph ends only where a
/// line ends a sentence.
fn paragraphs<L: Borrow<Line>>(lines: &[L]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut open: Option<Paragraph> = None;
    for l in lines {
        let l = l.borrow();
        let t = l.trimmed();
        if t.is_empty() {
            continue;
        }
        match open.as_mut() {
            Some(p) => p.text.push_str(t),
            None => {
                open = Some(Paragraph {
                    text: t.to_string(),
                    provenance: Provenance::line(l.no),
                })
            }
        }
        if t.ends_with(['。', '：', ':', '；']) || t.ends_with("无") {
            out.extend(open.take());
        }
    }
    out.extend(open);
    out
}

/// How much of the prose the reader understood.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProseStats {
    /// Figures with a unit in 第三部分.
    pub prose_figures: usize,
    /// Of those, the figures extracted into claims.
    pub claims: usize,
    /// Of those, the figures in claims resolved to a table cell or a topic.
    pub resolved: usize,
}

/// Read a document's lines (furniture already dropped) into the model.
pub fn read_document(
    lines: &[Line],
    profile: &Profile,
    findings: &mut Vec<Finding>,
    stats: &mut ProseStats,
) -> Option<Disclosure> {
    let marks = marks(lines, profile);
    if !marks.iter().any(|(_, m)| matches!(m, Mark::Table(_))) {
        return None;
    }
    let end_of = |k: usize| marks.get(k + 1).map_or(lines.len(), |(i, _)| *i);

    // Metadata: the year of the first table title; department and unit from
    // the tables' `部门名称：… 单位：…` lines.
    let year = marks
        .iter()
        .find_map(|(i, m)| {
            matches!(m, Mark::Table(_))
                .then(|| year_in(&lines[*i].text))
                .flatten()
        })
        .unwrap_or(0);
    let kind = if lines.iter().take(200).any(|l| l.text.contains("决算"))
        && !lines.iter().take(200).any(|l| l.text.contains("部门预算"))
    {
        DocKind::FinalAccounts
    } else {
        DocKind::Budget
    };
    let mut meta = Metadata {
        department: String::new(),
        department_code: None,
        region: None,
        level: None,
        year,
        kind,
        unit: Unit::WanYuan,
    };
    let mut disclosure_outline = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut third = None;
    let mut fourth = None;
    let mut first = None;
    for (k, (i, mark)) in marks.iter().enumerate() {
        match mark {
            Mark::Part(n) => {
                let part = match n {
                    1 => Part::Overview,
                    2 => Part::Tables,
                    3 => Part::Explanation,
                    _ => Part::Glossary,
                };
                disclosure_outline.push(OutlineEntry {
                    part,
                    title: lines[*i].trimmed().to_string(),
                    provenance: Provenance::line(lines[*i].no),
                });
                match n {
                    1 => first = Some(*i),
                    3 => third = Some(*i),
                    4 => fourth = Some(*i),
                    _ => {}
                }
            }
            Mark::Target => {}
            Mark::Table(t) => {
                let spec = &profile.tables[*t];
                if pending.iter().any(|p| p.table.kind == spec.kind) {
                    findings.push(
                        Finding::new(
                            "duplicate-table",
                            Severity::Warning,
                            format!(
                                "表{} is printed a second time; the first is read",
                                spec.number
                            ),
                        )
                        .at_line(lines[*i].no)
                        .in_table(spec.number),
                    );
                    continue;
                }
                // A table runs to the next landmark, except a stray 第一/二部分
                // heading that page extraction dropped inside it.
                let mut end = end_of(k);
                let mut next = k + 1;
                while let Some((j, Mark::Part(n))) = marks.get(next) {
                    if *n > 2 {
                        break;
                    }
                    next += 1;
                    end = marks.get(next).map_or(lines.len(), |(i, _)| *i);
                    let _ = j;
                }
                let body = read_body(spec, &lines[i + 1..end], meta.unit, findings);
                if meta.department.is_empty() {
                    if let Some(d) = &body.department {
                        meta.department = d.clone();
                    }
                }
                let unit = body.unit.unwrap_or(Unit::WanYuan);
                let rows = classify(spec, &body.rows, year);
                let columns = spec
                    .slots
                    .iter()
                    .filter_map(|s| match s {
                        crate::profile::Slot::Value(_, c) => Some(*c),
                        _ => None,
                    })
                    .collect();
                let mut table = Table::new(
                    spec.number,
                    spec.kind,
                    title_text(&lines[*i].text),
                    unit,
                    columns,
                );
                table.rows = rows;
                table.empty_note = body.empty_note;
                table.provenance = Provenance::line(lines[*i].no);
                pending.push(Pending::new(table, spec.clone(), body.rows));
            }
        }
    }
    units_by_name(&mut pending, &meta.department);
    place_all(&mut pending, &profile.identities, findings);
    let mut tables: Vec<Table> = pending.into_iter().map(|p| p.table).collect();
    tables.sort_by_key(|t| t.number);

    let mut d = Disclosure::new(meta);
    outline_extras(lines, &marks, &mut disclosure_outline);
    disclosure_outline.sort_by_key(|e| e.provenance.line);
    d.outline = disclosure_outline;
    level_and_region(lines, &marks, &mut d.meta);
    d.tables = tables;
    if let Some(start) = third {
        // 第四部分 printed before 第三部分 (a damaged document) does not end it.
        let end = fourth.filter(|f| *f > start).unwrap_or(lines.len());
        let (sections, target_blocks) = sections(&lines[start + 1..end]);
        let mut read = Vec::new();
        let names = crate::claims::RowNames::of(&d);
        for (mut section, body) in sections {
            let (claims, figures) =
                crate::claims::section_claims_in(section.kind, &body, &d, &names);
            stats.prose_figures += figures;
            let carried = |c: &yusuan_core::model::Claim| match &c.kind {
                ClaimKind::Amount { .. } | ClaimKind::Share { .. } | ClaimKind::Count { .. } => 1,
                ClaimKind::Change { amount, rate, .. } => {
                    usize::from(amount.is_some()) + usize::from(rate.is_some())
                }
                // These restate figures already counted.
                ClaimKind::Procurement { .. } | ClaimKind::Enumeration { .. } => 0,
            };
            stats.claims += claims.iter().map(carried).sum::<usize>();
            stats.resolved += claims
                .iter()
                .filter(|c| c.is_resolved())
                .map(carried)
                .sum::<usize>();
            if let Some(p) = claims.iter().find_map(|c| match &c.kind {
                ClaimKind::Procurement {
                    total,
                    goods,
                    works,
                    services,
                } => Some(Procurement {
                    total: *total,
                    goods: *goods,
                    works: *works,
                    services: *services,
                    provenance: c.provenance.clone(),
                }),
                _ => None,
            }) {
                d.procurement = Some(p);
            }
            section.claims = claims;
            read.push(section);
        }
        d.sections = read;
        for block in target_blocks {
            match crate::targets::read_target(block, findings) {
                Some(crate::targets::Target::Project(mut t)) => {
                    if let Some(overview) = &t.overview {
                        // The line the overview starts on, found by its first
                        // words (the target reader keeps the text, not its line).
                        let head: String = overview.chars().take(12).collect();
                        let no = block
                            .iter()
                            .find(|l| l.text.contains(head.as_str()))
                            .map_or(t.provenance.line.unwrap_or(0), |l| l.no);
                        let line = Line {
                            no,
                            text: overview.clone(),
                        };
                        t.claims = crate::claims::enumerations(&crate::claims::Text::join(&[line]));
                    }
                    d.targets.push(*t)
                }
                Some(crate::targets::Target::Department(t)) => d.department_target = Some(*t),
                None => {}
            }
        }
    }
    if let Some(start) = fourth {
        d.glossary = glossary(&lines[start + 1..]);
    }
    if let Some(start) = first {
        let end = marks
            .iter()
            .find(|(i, m)| *i > start && !matches!(m, Mark::Part(1)))
            .map_or(lines.len(), |(i, _)| *i);
        overview(&lines[start + 1..end], &mut d);
    }
    Some(d)
}

/// The cover (the lines before the contents or the first part that name
/// the disclosure), the contents (leader-dot lines) and the first target table.
fn outline_extras(lines: &[Line], marks: &[(usize, Mark)], outline: &mut Vec<OutlineEntry>) {
    let first_mark = marks.first().map_or(lines.len(), |(i, _)| *i);
    let contents = lines[..first_mark]
        .iter()
        .position(|l| is_contents_line(&l.compact()))
        .or_else(|| plain_contents(lines).map(|r| r.start + 1));
    let cover_end = contents.unwrap_or(first_mark);
    if let Some(l) = lines[..cover_end].iter().find(|l| {
        l.text.contains("部门预算公开")
            || l.text.contains("部门决算公开")
            || l.text.contains("预算公开")
    }) {
        outline.push(OutlineEntry {
            part: Part::Cover,
            title: l.trimmed().to_string(),
            provenance: Provenance::line(l.no),
        });
    }
    if let Some(i) = contents {
        // The title of the contents is the line just before its first entry.
        let title = lines[..i]
            .iter()
            .rev()
            .find(|l| !l.is_blank())
            .map_or("目录", |l| l.trimmed());
        outline.push(OutlineEntry {
            part: Part::Contents,
            title: title.to_string(),
            provenance: Provenance::line(lines[i].no),
        });
    }
    if let Some((i, _)) = marks.iter().find(|(_, m)| *m == Mark::Target) {
        outline.push(OutlineEntry {
            part: Part::Targets,
            title: lines[*i].trimmed().to_string(),
            provenance: Provenance::line(lines[*i].no),
        });
    }
}

/// Tables 12 and 13 printed without indentation (a spreadsheet or web page
/// indents by cell style, which is lost): a row named as a spending unit —
/// the department, or a unit of table 11 — with projects after it is that
/// unit's subtotal, not a project, and the projects after it are its own.
fn units_by_name(pending: &mut [Pending], department: &str) {
    use yusuan_core::model::{RowKind, TableKind};
    let mut units: Vec<String> = pending
        .iter()
        .filter(|p| p.table.kind == TableKind::OperatingCosts)
        .flat_map(|p| &p.table.rows)
        .filter(|r| r.kind == RowKind::Unit)
        .map(|r| r.label.clone())
        .collect();
    if !department.is_empty() {
        units.push(department.to_string());
    }
    for p in pending.iter_mut().filter(|p| {
        matches!(
            p.table.kind,
            TableKind::ProjectsCurrent | TableKind::ProjectsCarriedOver
        )
    }) {
        let rows = &mut p.table.rows;
        if rows.iter().any(|r| r.kind == RowKind::Unit) {
            continue;
        }
        mark_units(rows, &units, department);
    }
}

/// The units among the rows of a table of projects whose indentation was
/// lost: see [`units_by_name`].
fn mark_units(rows: &mut [yusuan_core::model::Row], units: &[String], department: &str) {
    use yusuan_core::model::{Row, RowKind};
    let named: Vec<bool> = rows
        .iter()
        .map(|r: &Row| r.kind == RowKind::Project && units.contains(&r.label))
        .collect();
    // A named row is a unit when projects follow it, directly or under
    // the named rows after it: the department's row over its own unit
    // of the same name (`汾阳市信访局` twice, then the projects).
    let mut unit = vec![false; rows.len()];
    for i in (0..rows.len()).rev() {
        unit[i] = named[i]
            && rows
                .get(i + 1)
                .is_some_and(|n| (n.kind == RowKind::Project && !named[i + 1]) || unit[i + 1]);
    }
    // The department's row, when it leads, holds every unit: they are
    // one level under it, and each unit's projects one under the unit.
    let mut outer = false;
    let mut level = None;
    for i in 0..rows.len() {
        if unit[i] {
            let leads = !outer && rows[i].label == department && unit[..i].iter().all(|u| !u);
            let l = if outer && !leads { 2 } else { 1 };
            outer |= leads;
            rows[i].kind = RowKind::Unit;
            rows[i].level = l;
            level = Some(l);
        } else if let (Some(l), RowKind::Project) = (level, rows[i].kind) {
            rows[i].level = rows[i].level.max(l + 1);
        } else if rows[i].kind != RowKind::Project {
            level = None;
        }
    }
}

/// The level of government and the region, from the heading of a target
/// table (`晋城市市级预算部门…`, `汾阳市县(区)级预算部门…`).
fn level_and_region(lines: &[Line], marks: &[(usize, Mark)], meta: &mut Metadata) {
    use yusuan_core::model::Level;
    for (i, m) in marks {
        if *m != Mark::Target {
            continue;
        }
        let c = fold_width(&lines[*i].compact())
            .replace(['（', '('], "(")
            .replace(['）', ')'], ")");
        for (key, level) in [
            ("省级预算部门", Level::Provincial),
            ("市级预算部门", Level::City),
            ("县(区)级预算部门", Level::County),
            ("县级预算部门", Level::County),
            ("区级预算部门", Level::County),
        ] {
            if let Some(at) = c.find(key) {
                meta.level = meta.level.or(Some(level));
                let region = &c[..at];
                if !region.is_empty() {
                    meta.region = Some(region.to_string());
                    return;
                }
                break;
            }
        }
    }
}

/// The printed title, caption prefix (`表一`) removed.
fn title_text(line: &str) -> String {
    let t = line.trim();
    match t.find(|c: char| c.is_ascii_digit()) {
        Some(i) if t[..i].chars().count() <= 4 && t[..i].starts_with('表') => t[i..].to_string(),
        _ => t.to_string(),
    }
}

/// 第三部分: its numbered sections, and the target tables printed inside
/// them (each from its title to the next title or section heading). The
/// lines are the document's own, not copies.
type SectionLines<'a> = (Vec<(ProseSection, Vec<&'a Line>)>, Vec<&'a [Line]>);

fn sections<'a>(lines: &'a [Line]) -> SectionLines<'a> {
    let mut out: Vec<(ProseSection, Vec<&Line>)> = Vec::new();
    let mut targets: Vec<&[Line]> = Vec::new();
    let mut body: Vec<&Line> = Vec::new();
    // Where the target table being read starts, while one is.
    let mut target: Option<usize> = None;
    let flush = |out: &mut Vec<(ProseSection, Vec<&'a Line>)>, body: &mut Vec<&'a Line>| {
        drop_charts(body);
        if let Some((s, kept)) = out.last_mut() {
            s.paragraphs.extend(paragraphs(body));
            kept.append(body);
        }
        body.clear();
    };
    for (i, l) in lines.iter().enumerate() {
        // Only a line with 绩 can be a target title, and only one starting
        // with 第 a part heading (compacting removes only whitespace).
        let title = l.text.contains('绩') && is_target_title(&l.compact());
        if title {
            flush(&mut out, &mut body);
            targets.extend(target.map(|from| &lines[from..i]));
            target = Some(i);
            continue;
        }
        if let Some((number, title)) = numbered_heading(l.trimmed()) {
            if let Some(kind) = section_kind(&title) {
                if title.chars().count() <= 30 {
                    flush(&mut out, &mut body);
                    targets.extend(target.take().map(|from| &lines[from..i]));
                    out.push((
                        ProseSection {
                            number,
                            kind,
                            title,
                            paragraphs: Vec::new(),
                            claims: Vec::new(),
                            provenance: Provenance::line(l.no),
                        },
                        Vec::new(),
                    ));
                    continue;
                }
            }
        }
        if target.is_none() && !(l.trimmed().starts_with('第') && is_part_heading(&l.compact())) {
            body.push(l);
        }
    }
    flush(&mut out, &mut body);
    targets.extend(target.map(|from| &lines[from..]));
    (out, targets)
}

/// Whether a line ends a sentence or a paragraph's lead-in.
fn ends_paragraph(t: &str) -> bool {
    t.ends_with(['。', '；', ';', '：', ':'])
}

/// The texts of a chart, where a format flows them as text (Writer prints
/// an HTML page's SVG labels as a paragraph, and so does its DOCX): the
/// lines of the paragraph its caption ends (`合计730.03万元一般公共服务支出
/// 567.20万元77.70%…结构图（单位：万元）`), and a note right under the
/// caption (`注：各项占比分别四舍五入，合计为100.01%。`). They are the
/// chart's, not the explanation's: a reader of the HTML skips the `<figure>`
/// and the text has none. A chart's labels have no punctuation; a line of
/// prose that happens to end with 图 keeps its paragraph.
fn drop_charts(body: &mut Vec<&Line>) {
    let mut drop = vec![false; body.len()];
    for (i, l) in body.iter().enumerate() {
        let t = l.trimmed();
        if !is_figure_caption(t) {
            continue;
        }
        // The paragraph the caption ends: back to a line ending one.
        let start = (0..i)
            .rev()
            .find(|&k| ends_paragraph(body[k].trimmed()))
            .map_or(0, |k| k + 1);
        let caption_at = t.rfind('图').unwrap_or(t.len());
        let labels = body[start..i]
            .iter()
            .map(|l| l.trimmed())
            .chain([&t[..caption_at]]);
        // A caption names its unit, or has the chart's figures before it
        // (`…如下图` in a sentence of prose is no caption).
        let unit = t[caption_at..].contains("单位");
        if labels
            .clone()
            .any(|x| x.contains(['，', '。', '；', ';', '：', ':']))
            || !(unit
                || labels
                    .clone()
                    .any(|x| x.contains(|c: char| c.is_ascii_digit())))
        {
            continue;
        }
        drop[start..=i].iter_mut().for_each(|d| *d = true);
        // The chart's note, to the end of its sentence.
        if body
            .get(i + 1)
            .is_some_and(|n| n.trimmed().starts_with("注：") || n.trimmed().starts_with("注:"))
        {
            let end = (i + 1..body.len())
                .find(|&k| body[k].trimmed().ends_with(['。', '；', ';']))
                .unwrap_or(i + 1);
            drop[i + 1..=end].iter_mut().for_each(|d| *d = true);
        }
    }
    let mut k = 0;
    body.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// 第四部分 名词解释: `一、基本支出：指…`.
fn glossary(lines: &[Line]) -> Vec<GlossaryEntry> {
    if lines.iter().any(|l| l.text.contains('\t')) {
        return glossary_table(lines);
    }
    let mut out: Vec<GlossaryEntry> = Vec::new();
    for p in paragraphs(lines).into_iter().flat_map(split_numbered) {
        let text = strip_ordinal(&p.text).to_string();
        if text.len() == p.text.trim().len() {
            if let Some(last) = out.last_mut() {
                last.definition.push_str(&text);
            }
            continue;
        }
        let (term, definition) = match text.find(['：', ':']) {
            Some(i) => (
                text[..i].to_string(),
                text[i..].trim_start_matches(['：', ':']).to_string(),
            ),
            None => match text.find("是指").or_else(|| text.find('是')) {
                Some(i) => (text[..i].to_string(), text[i..].to_string()),
                None => (text.clone(), String::new()),
            },
        };
        out.push(GlossaryEntry {
            term: term.trim().to_string(),
            definition: definition.trim().to_string(),
            provenance: p.provenance,
        });
    }
    out
}

/// 第四部分 printed as a table (a spreadsheet, a web page, a Word table):
/// a row of `序号 | 名词 | 解释` cells, the 序号 optional, under a header
/// row; a row with one cell continues the definition above.
fn glossary_table(lines: &[Line]) -> Vec<GlossaryEntry> {
    let is_ordinal = |c: &str| {
        !c.is_empty()
            && c.chars()
                .all(|ch| ch.is_ascii_digit() || "一二三四五六七八九十百、.．".contains(ch))
    };
    let mut out: Vec<GlossaryEntry> = Vec::new();
    for l in lines {
        let mut cells: Vec<&str> = l
            .text
            .split('\t')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if cells.first().is_some_and(|c| is_ordinal(c)) {
            cells.remove(0);
        }
        match cells.as_slice() {
            [] => {}
            [head, ..] if matches!(*head, "序号" | "名词" | "名称" | "项目") => {}
            [more] => {
                if let Some(last) = out.last_mut() {
                    last.definition.push_str(more);
                }
            }
            [term, definition @ ..] => out.push(GlossaryEntry {
                term: strip_ordinal(term)
                    .trim_end_matches(['：', ':'])
                    .to_string(),
                definition: definition
                    .concat()
                    .trim_start_matches(['：', ':'])
                    .to_string(),
                provenance: Provenance::line(l.no),
            }),
        }
    }
    out
}

/// Paragraphs that start with an ordinal each begin an entry.
fn split_numbered(p: Paragraph) -> Vec<Paragraph> {
    vec![p]
}

/// 第一部分 概况: 职责 and 机构设置.
fn overview(lines: &[Line], d: &mut Disclosure) {
    let mut target: Option<bool> = None;
    let mut duties = Vec::new();
    let mut organisation = Vec::new();
    for l in lines {
        let t = l.trimmed();
        if t.is_empty() {
            continue;
        }
        if let Some((_, title)) = numbered_heading(t) {
            if title.contains("职责") {
                target = Some(true);
                continue;
            }
            if title.contains("机构") {
                target = Some(false);
                continue;
            }
        }
        match target {
            Some(true) => duties.push(l.clone()),
            Some(false) => organisation.push(l.clone()),
            None => {}
        }
    }
    d.overview.duties = paragraphs(&duties).into_iter().map(|p| p.text).collect();
    d.overview.organisation = paragraphs(&organisation)
        .into_iter()
        .map(|p| p.text)
        .collect();
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_wrapped_sentence_ending_as_a_target_title_is_none() {
        assert!(is_target_title(
            "晋城市市级预算部门（单位）项目支出绩效目标表"
        ));
        assert!(is_target_title("附件：绩效目标表"));
        assert!(!is_target_title(
            "2023年晋城市信访局纳入绩效目标管理的项目3个，涉及金额281.29万元。项目绩效目标表"
        ));
    }

    #[test]
    fn chart_captions_are_no_titles() {
        assert!(is_figure_caption("“三公”经费分布图（单位：万元）"));
        assert!(is_figure_caption("一般公共预算当年拨款结构图"));
        assert!(!is_figure_caption("2023年财政拨款安排“三公”经费支出预算表"));
        assert!(!is_figure_caption("预算公开表（续）"));
        assert!(!could_be_mark("“三公”经费分布图（单位：万元）"));
    }

    #[test]
    fn a_charts_texts_flowed_as_lines_are_no_prose() {
        let lines = crate::lines::lines(
            &[
                "支出转移性支出57.79万元，占7.92%。",
                "合计 730.03 万元一般公共服务支出567.20 万元77.70%社会保障",
                "5.35%转移性支出57.79万元 7.92%一般公共预算当年拨款结构图（单位：万元）",
                "注：各项占比分别四舍五入，",
                "合计为100.01%。",
                "如下图",
                "所示，合计100万元。",
            ]
            .join("\n"),
        );
        let mut body: Vec<&Line> = lines.iter().collect();
        drop_charts(&mut body);
        let kept: Vec<u32> = body.iter().map(|l| l.no).collect();
        assert_eq!(kept, [1, 6, 7]);
    }

    /// Table 12 read without its indentation (a spreadsheet, a web page):
    /// units are known by name.
    #[test]
    fn units_are_known_by_name_when_indentation_is_lost() {
        use yusuan_core::model::{Row, RowKind};
        let kinds = |labels: &[&str], units: &[&str], department: &str| {
            let mut rows: Vec<Row> = labels
                .iter()
                .map(|l| Row::new(RowKind::Project, *l, 1))
                .collect();
            let units: Vec<String> = units.iter().map(|u| u.to_string()).collect();
            mark_units(&mut rows, &units, department);
            rows.iter()
                .map(|r| {
                    format!(
                        "{}{}",
                        if r.kind == RowKind::Unit { "U" } else { "P" },
                        r.level
                    )
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        // The department's row over its own unit of the same name.
        assert_eq!(
            kinds(
                &["信访局", "信访局", "甲项目", "乙项目"],
                &["信访局"],
                "信访局"
            ),
            "U1 U2 P3 P3"
        );
        // The department over two units of their own names.
        assert_eq!(
            kinds(
                &["信访局", "信访局", "甲项目", "接待中心", "乙项目"],
                &["信访局", "接待中心"],
                "信访局"
            ),
            "U1 U2 P3 U2 P3"
        );
        // One unit, no department row.
        assert_eq!(kinds(&["信访局", "甲项目"], &["信访局"], "信访局"), "U1 P2");
        // A project that happens to bear a unit's name, with nothing under it.
        assert_eq!(
            kinds(&["甲项目", "接待中心"], &["接待中心"], "信访局"),
            "P1 P1"
        );
    }

    #[test]
    fn a_glossary_printed_as_a_table() {
        let lines = crate::lines::lines(
            &[
                "序号\t名词\t解释",
                "一\t基本支出\t指为保障机构正常运转而发生的支出。",
                "二\t项目支出\t指在基本支出之外",
                "\t\t所发生的支出。",
            ]
            .join("\n"),
        );
        let g = glossary(&lines);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].term, "基本支出");
        assert_eq!(g[1].definition, "指在基本支出之外所发生的支出。");
        assert_eq!(g[1].provenance.line, Some(3));
    }

    use super::*;

    #[test]
    fn chinese_numbers() {
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("七"), Some(7));
        assert_eq!(chinese_number("二十六"), Some(26));
        assert_eq!(
            numbered_heading("十一、国有资产占有使用情况"),
            Some((11, "国有资产占有使用情况".into()))
        );
    }

    #[test]
    fn years_in_titles() {
        assert_eq!(year_in(" 表一2024年预算收支总表"), Some(2024));
        assert_eq!(year_in("预算公开表1"), None);
    }
}
