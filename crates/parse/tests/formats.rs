//! Published files in other formats than text: each seed rendered as XLSX
//! and HTML by the project's own writers, converted by LibreOffice to DOCX
//! and XLS (tests/fixtures/generated/, made by `scripts/make-fixtures`),
//! read back through `yusuan_extract` must give the seed's facts and the
//! seed's findings.

use std::path::PathBuf;
use yusuan_core::finding::Finding;
use yusuan_core::model::SourceFormat;
use yusuan_parse::{read_bytes, read_extracted, read_path, Profile, ReadError, Reading};

const SEEDS: [&str; 2] = [
    "jincheng-xinfang-2023-budget",
    "fenyang-xinfang-2024-budget",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed(name: &str) -> Reading {
    read_path(
        &root().join(format!("tests/fixtures/real/{name}.txt")),
        &Profile::national_budget(),
    )
    .unwrap()
}

fn generated(file: &str) -> Reading {
    let path = root().join("tests/fixtures/generated").join(file);
    let bytes = std::fs::read(&path).unwrap();
    let shown = path.display().to_string();
    let extracted =
        yusuan_extract::extract(&bytes, &shown).unwrap_or_else(|e| panic!("{file}: {e}"));
    read_extracted(&extracted, &bytes, &shown, &Profile::national_budget())
        .unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// What a finding says, without where in the text it stands.
fn key(f: &Finding) -> String {
    format!(
        "{} {:?} t{:?} r{:?} c{:?} s{:?}",
        f.rule, f.severity, f.location.table, f.location.row, f.location.column, f.location.section
    )
}

fn facts(r: &Reading) -> Vec<String> {
    r.disclosure
        .facts()
        .iter()
        .map(|f| {
            format!(
                "{},{},{},{},{}",
                f.table, f.row_code, f.row_label, f.column, f.value
            )
        })
        .collect()
}

/// Writes the XLSX and HTML renderings of each seed; `scripts/make-fixtures`
/// runs it, then converts them with LibreOffice.
#[test]
#[ignore = "writes tests/fixtures/generated; run by scripts/make-fixtures"]
fn make_fixtures() {
    let dir = root().join("tests/fixtures/generated");
    std::fs::create_dir_all(&dir).unwrap();
    for name in SEEDS {
        let d = seed(name).disclosure;
        std::fs::write(
            dir.join(format!("{name}.xlsx")),
            yusuan_render::write_xlsx(&d).unwrap(),
        )
        .unwrap();
        std::fs::write(
            dir.join(format!("{name}.html")),
            yusuan_render::write_html(&d),
        )
        .unwrap();
    }
}

/// A fact with its value as a number: `567.2` and `567.20` are one.
fn as_number(fact: &str) -> String {
    let (rest, value) = fact.rsplit_once(',').unwrap();
    let value = match value.split_once('.') {
        Some((int, frac)) => {
            let frac = frac.trim_end_matches('0');
            if frac.is_empty() {
                int.to_string()
            } else {
                format!("{int}.{frac}")
            }
        }
        None => value.to_string(),
    };
    format!("{rest},{value}")
}

/// How a generated file's reading differs from the seed's: facts missing
/// and extra (against the seed's text), findings missing and extra (against
/// the text route of the same rendering: see [`compare`]).
#[derive(Debug, Default, PartialEq)]
struct Diff {
    missing_facts: Vec<String>,
    extra_facts: Vec<String>,
    missing_findings: Vec<String>,
    extra_findings: Vec<String>,
}

fn minus(a: &[String], b: &[String]) -> Vec<String> {
    let mut b = b.to_vec();
    a.iter()
        .filter(|x| match b.iter().position(|y| y == *x) {
            Some(i) => {
                b.remove(i);
                false
            }
            None => true,
        })
        .cloned()
        .collect()
}

fn compare(name: &str, ext: &str, format: SourceFormat) -> Diff {
    let text = seed(name);
    let read = generated(&format!("{name}.{ext}"));
    assert_eq!(read.disclosure.sources[0].format, format);
    let (mut want, mut got) = (facts(&text), facts(&read));
    if format == SourceFormat::Xls {
        // calamine reads no number formats from XLS: `567.20` (format
        // `0.00`) is read as the f64 567.2 and printed `567.2`. The value is
        // the same; what the printed figure says of its rounding is lost.
        want = want.iter().map(|f| as_number(f)).collect();
        got = got.iter().map(|f| as_number(f)).collect();
    }
    if minus(&want, &got).is_empty() && minus(&got, &want).is_empty() {
        assert_eq!(got, want, "{name}.{ext}: same facts, another order");
    }
    // The findings are those of the same rendering's text route: every
    // writer prints the target tables, the projects' and the department-wide
    // one, in shared grids (render::target_grid), which the target reader
    // reads in every format.
    let rendered = yusuan_render::write_text(&text.disclosure, yusuan_render::Layout::Tab);
    let text_route = read_bytes(
        rendered.as_bytes(),
        &format!("{name}.rendered.txt"),
        &Profile::national_budget(),
    )
    .unwrap();
    assert_eq!(
        facts(&text_route),
        facts(&text),
        "{name}: the text rendering"
    );
    // The department-wide target table reads back as from the text (from
    // XLS with its amounts as numbers, as the facts above).
    let numbers = format == SourceFormat::Xls;
    assert_eq!(
        department_target(&read, numbers),
        department_target(&text_route, numbers),
        "{name}.{ext}: the department-wide target table"
    );
    assert_eq!(
        department_target(&text_route, false),
        department_target(&text, false),
        "{name}: the department-wide target table of the text rendering"
    );
    // The reader's findings and the checker's.
    let (want_f, got_f) = (all_findings(&text_route), all_findings(&read));
    Diff {
        missing_facts: minus(&want, &got),
        extra_facts: minus(&got, &want),
        missing_findings: minus(&want_f, &got_f),
        extra_findings: minus(&got_f, &want_f),
    }
}

/// The department-wide target table as every format must read it: its
/// texts, amounts and indicators (where they stand is the format's own);
/// with `numbers`, the amounts as numbers (`0.00` and `0` are one).
fn department_target(r: &Reading, numbers: bool) -> Option<String> {
    let t = r.disclosure.department_target.as_ref()?;
    let funds = |f: &[(String, yusuan_core::amount::Amount)]| -> Vec<String> {
        f.iter()
            .map(|(k, a)| {
                let value = if numbers {
                    a.value.normalize().to_string()
                } else {
                    a.printed()
                };
                format!("{k}={value}{}", a.unit.as_str())
            })
            .collect()
    };
    let indicators: Vec<String> = t
        .indicators
        .iter()
        .flat_map(|tree| {
            tree.groups.iter().map(move |g| {
                let leaves: Vec<String> = g
                    .indicators
                    .iter()
                    .map(|i| format!("{}={}", i.name, i.value.text))
                    .collect();
                format!("{}/{}: {}", tree.name, g.name, leaves.join("; "))
            })
        })
        .collect();
    Some(format!(
        "{:#?}",
        (
            &t.department,
            funds(&t.funds_by_source),
            funds(&t.funds_by_direction),
            &t.annual_goal,
            indicators
        )
    ))
}

#[test]
fn xlsx() {
    for name in SEEDS {
        assert_eq!(
            compare(name, "xlsx", SourceFormat::Xlsx),
            Diff::default(),
            "{name}"
        );
    }
}

#[test]
fn html() {
    for name in SEEDS {
        // The HTML has charts the text has not; a chart and its caption
        // (`“三公”经费分布图（单位：万元）`) are a figure, not a table title.
        let expected = Diff::default();
        assert_eq!(
            compare(name, "html", SourceFormat::Html),
            expected,
            "{name}"
        );
    }
}

#[test]
fn docx() {
    for name in SEEDS {
        // LibreOffice draws the HTML's charts as shapes whose texts come out
        // as paragraphs; a chart's caption (`…分布图（单位：万元）`) is no
        // table title.
        let expected = Diff::default();
        assert_eq!(
            compare(name, "docx", SourceFormat::Docx),
            expected,
            "{name}"
        );
    }
}

#[test]
fn xls() {
    for name in SEEDS {
        // Read without the `0.00` format (see `compare`): the first row of
        // Jincheng's table 12, `…化解经费)⇥13.5⇥13.5`, right under the
        // column numbers, is data all the same.
        assert_eq!(
            compare(name, "xls", SourceFormat::Xls),
            Diff::default(),
            "{name}"
        );
    }
}

#[test]
fn damaged_files_are_unreadable_with_their_path() {
    let profile = Profile::national_budget();
    let xlsx =
        std::fs::read(root().join(format!("tests/fixtures/generated/{}.xlsx", SEEDS[0]))).unwrap();
    for (bytes, path) in [
        (&xlsx[..xlsx.len() / 2], "cut.xlsx"),
        (&b"PK\x03\x04 not a zip at all"[..], "bad.docx"),
        (&b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 garbage"[..], "bad.xls"),
        (&b"%PDF-1.7 whatever"[..], "x.pdf"),
    ] {
        match read_bytes(bytes, path, &profile) {
            // A zip that cannot be opened is refused as binary data by the
            // text reader (see `yusuan_extract::detect`); the rest by the
            // extractor. Either way exit 2, naming the file.
            Err(e @ (ReadError::Extract(_) | ReadError::Decode { .. })) => {
                assert!(e.to_string().starts_with(path), "{e}")
            }
            Err(e) => panic!("{path}: {e}"),
            Ok(_) => panic!("{path}: read"),
        }
    }
}

/// Lines from PDF pages: every provenance with a line gets its page and box,
/// a table cell the box of its TAB cell. The seed's text stands in for a
/// PDF's extraction, with made-up boxes (the PDF reader is another module).
#[test]
fn provenance_on_pages() {
    let path = root().join(format!("tests/fixtures/real/{}.txt", SEEDS[0]));
    let bytes = std::fs::read(&path).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let cell_box = |line: usize, cell: usize| {
        let y = (line % 50) as f32 * 12.0;
        [cell as f32 * 100.0, y, cell as f32 * 100.0 + 90.0, y + 10.0]
    };
    let lines = text
        .split('\n')
        .enumerate()
        .map(|(i, t)| {
            let cells = t.split('\t').count();
            yusuan_extract::TextLine::new(
                t,
                yusuan_extract::Origin::Page {
                    page: i as u32 / 50 + 1,
                    bbox: [0.0, cell_box(i, 0)[1], 1000.0, cell_box(i, 0)[3]],
                    cells: (0..cells).map(|c| cell_box(i, c)).collect(),
                },
            )
        })
        .collect();
    let extracted = yusuan_extract::Extracted {
        format: SourceFormat::Pdf,
        lines,
        findings: vec![yusuan_core::finding::Finding::new(
            "pdf-no-text",
            yusuan_core::finding::Severity::Warning,
            "page 99 has no text layer",
        )],
    };
    let r = read_extracted(&extracted, &bytes, "x.pdf", &Profile::national_budget()).unwrap();
    assert_eq!(facts(&r), facts(&seed(SEEDS[0])));
    assert_eq!(r.findings.last().unwrap().rule, "pdf-no-text");
    assert_eq!(r.disclosure.sources[0].format, SourceFormat::Pdf);
    // Every provenance object in the model's JSON that has a line has a page:
    // `each_provenance` misses none.
    let json = serde_json::to_value(&r.disclosure).unwrap();
    let (mut with_line, mut on_page) = (0, 0);
    fn walk(v: &serde_json::Value, with_line: &mut u32, on_page: &mut u32) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(p) = m.get("provenance") {
                    if p.get("line").is_some() {
                        *with_line += 1;
                        if p.get("page").is_some() && p.get("bbox").is_some() {
                            *on_page += 1;
                        }
                    }
                }
                m.values().for_each(|v| walk(v, with_line, on_page));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, with_line, on_page)),
            _ => {}
        }
    }
    walk(&json, &mut with_line, &mut on_page);
    assert!(with_line > 500, "{with_line}");
    assert_eq!(on_page, with_line);
    // A table cell: the box of its own TAB cell.
    let t1 = r.disclosure.table_number(1).unwrap();
    let cell = &t1.rows[0].cells[0];
    let line = cell.provenance.line.unwrap() as usize - 1;
    let (start, _) = cell.provenance.span.unwrap();
    let tab = text
        .split('\n')
        .nth(line)
        .unwrap()
        .chars()
        .take(start as usize)
        .filter(|&c| c == '\t')
        .count();
    assert_eq!(cell.provenance.page, Some(line as u32 / 50 + 1));
    assert_eq!(cell.provenance.bbox, Some(cell_box(line, tab)));
    assert!(tab > 0);
}

/// What a finding says, without where in the text it stands: its rule,
/// severity and place in the model, and its message with the line numbers
/// and spaces taken out (a PDF's text has a space between a figure and a
/// CJK word where the printer left a gap: `210 万元`).
fn said(f: &Finding) -> String {
    let mut message = String::new();
    let mut rest = f.message.as_str();
    // `at lines 420, 421`, `line 12`: where, not what.
    while let Some(at) = rest.find("line") {
        message.push_str(&rest[..at]);
        let after = rest[at..]
            .trim_start_matches("lines")
            .trim_start_matches("line");
        rest = after.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == ' ');
    }
    message.push_str(rest);
    message.retain(|c| !c.is_whitespace());
    format!("{} {message}", key(f))
}

/// The findings of a reading and of the checker on it, as [`said`].
fn all_findings(r: &Reading) -> Vec<String> {
    let mut out: Vec<String> = r.findings.iter().map(said).collect();
    out.extend(
        yusuan_check::engine::Checker::national()
            .check(&r.disclosure)
            .iter()
            .map(said),
    );
    out.sort();
    out
}

/// The PDFs printed from each seed's remade report give the facts and the
/// findings (the reader's and the checker's) of the text the maker checked
/// (`tests/fixtures/generated/pdf/`): yusuan's own PDF writer (typst); for
/// each seed LibreOffice Calc's print of the maker's XLSX (ruled cells,
/// page footers, merged cells across pages) and Writer's print of a DOCX
/// rendering of its HTML (tables without ruling lines, narrow wrapped
/// cells); and Writer/Web's print of the HTML itself.
#[test]
fn pdf_prints_give_the_facts_of_their_text() {
    let dir = root().join("tests/fixtures/generated/pdf");
    for (pdf, text) in [
        ("fenyang-2024-typst.pdf", "fenyang-2024.txt"),
        ("jincheng-2023-typst.pdf", "jincheng-2023.txt"),
        ("fenyang-2024-calc.pdf", "fenyang-2024.txt"),
        ("jincheng-2023-calc.pdf", "jincheng-2023.txt"),
        ("fenyang-2024-docx.pdf", "fenyang-2024.txt"),
        ("jincheng-2023-docx.pdf", "jincheng-2023.txt"),
        ("jincheng-2023-writer.pdf", "jincheng-2023.txt"),
    ] {
        let from_pdf = read_path(&dir.join(pdf), &Profile::national_budget())
            .unwrap_or_else(|e| panic!("{pdf}: {e}"));
        let from_text = read_path(&dir.join(text), &Profile::national_budget()).unwrap();
        assert!(!facts(&from_pdf).is_empty(), "{pdf}");
        // Every table cell knows its page and box.
        for t in &from_pdf.disclosure.tables {
            for r in &t.rows {
                for c in &r.cells {
                    assert!(
                        c.provenance.page.is_some() && c.provenance.bbox.is_some(),
                        "{pdf}: 表{} {} has no page",
                        t.number,
                        r.label
                    );
                }
            }
        }
        let (want, got) = (facts(&from_text), facts(&from_pdf));
        let (want_f, got_f) = (all_findings(&from_text), all_findings(&from_pdf));
        let diff = Diff {
            missing_facts: minus(&want, &got),
            extra_facts: minus(&got, &want),
            missing_findings: minus(&want_f, &got_f),
            extra_findings: minus(&got_f, &want_f),
        };
        eprintln!(
            "{pdf}: facts {} (text {}), findings {} (text {}); {} facts and {} findings differ",
            got.len(),
            want.len(),
            got_f.len(),
            want_f.len(),
            diff.missing_facts.len() + diff.extra_facts.len(),
            diff.missing_findings.len() + diff.extra_findings.len()
        );
        // Read exactly, every print: the Writer prints' tables without
        // ruling lines too (cells merged over rows with their labels
        // centred, wrapped cells, rows split over a page break).
        assert_eq!(diff, Diff::default(), "{pdf}");
        assert_eq!(got, want, "{pdf}: same facts, another order");
    }
}

/// A scan is said to be one, page by page, and gives no numbers.
#[test]
fn a_scanned_pdf_is_refused_with_its_pages() {
    let path = root().join("tests/fixtures/generated/pdf/scanned-page.pdf");
    let err = read_path(&path, &Profile::national_budget()).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("no text could be read"), "{message}");
    assert!(
        message.contains("page 1") || message.contains("第1页"),
        "{message}"
    );
}
