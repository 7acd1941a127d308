//! The PDF of the two real disclosures, read back the way a reader's tools
//! read it: `pdftotext` for the text (every table title and every figure of
//! tables 1–13 must be there), `pdfinfo` for the page count, `pdffonts` for
//! the embedded CJK font, `pdftoppm` for pages as images.
//!
//! The poppler tools come with Debian's package poppler-utils
//! (`scripts/setup` installs it); without them these tests fail and say so
//! rather than pass without having looked at anything.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use yusuan_core::model::Disclosure;
use yusuan_render_pdf::{write_pdf, Fonts, PdfError};

fn fixture(name: &str) -> Disclosure {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/real"
    ))
    .join(name);
    yusuan_parse::read_path(&path, &yusuan_parse::Profile::national_budget())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .disclosure
}

/// The fonts are loaded once for all tests, as a server would.
fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts::system().unwrap_or_else(|e| panic!("{e}")))
}

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("render-pdf");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Write the PDF of a disclosure to a file named `stem.pdf`.
fn pdf_file(d: &Disclosure, stem: &str) -> PathBuf {
    let bytes = write_pdf(d, fonts()).unwrap_or_else(|e| panic!("{stem}: {e}"));
    assert!(bytes.starts_with(b"%PDF-"), "{stem}: not a PDF");
    let path = out_dir().join(format!("{stem}.pdf"));
    std::fs::write(&path, bytes).expect("write the PDF");
    path
}

/// The PDF of a seed, made once for all the tests that read it.
fn seed_pdf(name: &'static str) -> &'static (Disclosure, PathBuf) {
    static FENYANG: OnceLock<(Disclosure, PathBuf)> = OnceLock::new();
    static JINCHENG: OnceLock<(Disclosure, PathBuf)> = OnceLock::new();
    let cell = match name {
        "fenyang-xinfang-2024-budget.txt" => &FENYANG,
        "jincheng-xinfang-2023-budget.txt" => &JINCHENG,
        _ => panic!("not a seed: {name}"),
    };
    cell.get_or_init(|| {
        let d = fixture(name);
        let pdf = pdf_file(&d, name.trim_end_matches(".txt"));
        (d, pdf)
    })
}

/// Run a poppler tool; a missing tool fails the test naming the package.
fn poppler(tool: &str, args: &[&str]) -> String {
    let out = match Command::new(tool).args(args).output() {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "{tool} is missing: install Debian's package poppler-utils \
             (`apt-get install poppler-utils`, or run scripts/setup)"
        ),
        Err(e) => panic!("{tool}: {e}"),
    };
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn text_of(pdf: &Path) -> String {
    poppler(
        "pdftotext",
        &["-layout", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
    )
}

fn pages_of(pdf: &Path) -> usize {
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the page count")
}

/// Text without any whitespace: pdftotext breaks and spaces lines as the
/// layout falls, a title's characters stay in order.
fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The figures printed anywhere, as numbers (a table may print `5.00` for a
/// fact read as `5.0`): every whitespace-separated token that is a number.
fn numbers(text: &str) -> Vec<f64> {
    text.split_whitespace()
        .filter_map(|t| t.replace(',', "").parse::<f64>().ok())
        .collect()
}

/// Everything a reader must find in the PDF of a disclosure.
fn check_disclosure(name: &'static str, pages: std::ops::RangeInclusive<usize>) {
    let (d, pdf) = seed_pdf(name);
    let n = pages_of(pdf);
    assert!(pages.contains(&n), "{name}: {n} pages, expected {pages:?}");

    let text = text_of(pdf);
    let flat = squeezed(&text);
    assert!(
        flat.contains(&squeezed(&d.meta.department)),
        "{name}: department name missing"
    );
    assert!(flat.contains(&format!("{}年度部门预算公开", d.meta.year)));
    for t in yusuan_render::form::form_tables(d) {
        assert!(
            flat.contains(&squeezed(&t.title)),
            "{name}: title of table {} `{}` missing",
            t.number,
            t.title
        );
        assert!(flat.contains(&t.caption), "{name}: `{}` missing", t.caption);
    }
    for part in ["目录", "第一部分概况", "第三部分", "第四部分名词解释"] {
        assert!(flat.contains(part), "{name}: `{part}` missing");
    }

    // Every figure of tables 1–13, as often as the tables print it.
    let printed = numbers(&text);
    let mut missing = Vec::new();
    let facts = d.facts();
    assert!(facts.len() > 50, "{name}: only {} facts read", facts.len());
    for f in &facts {
        let v: f64 = f.value.parse().expect("a fact is a number");
        if !printed.iter().any(|p| (p - v).abs() < 1e-9) {
            missing.push(format!(
                "表{} {} {} {}",
                f.table, f.row_label, f.column, f.value
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "{name}: figures missing from the PDF: {missing:?}"
    );
    // Page numbers `- N -` from the page after the cover, each on a line
    // of its own (pdftotext may drop the thin spaces around the number).
    let numbered = |p: usize| text.lines().any(|l| squeezed(l) == format!("-{p}-"));
    for p in [1, 2, n / 2, n - 1] {
        assert!(numbered(p), "{name}: page number {p} missing");
    }
    assert!(!numbered(n), "{name}: the cover must not count");

    // The CJK font is embedded.
    let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    let embedded: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| {
            let t: Vec<&str> = l.split_whitespace().collect();
            t.len() >= 6 && t[t.len() - 5] == "yes"
        })
        .collect();
    assert!(
        embedded.iter().any(|l| l.contains("NotoSerifCJK")),
        "{name}: Noto Serif CJK not embedded:\n{fonts}"
    );
    assert!(
        fonts.lines().skip(2).all(|l| {
            let t: Vec<&str> = l.split_whitespace().collect();
            t.len() < 6 || t[t.len() - 5] == "yes"
        }),
        "{name}: a font is not embedded:\n{fonts}"
    );
}

#[test]
fn fenyang_pdf_prints_every_table_and_figure() {
    check_disclosure("fenyang-xinfang-2024-budget.txt", 24..=36);
}

#[test]
fn jincheng_pdf_prints_every_table_and_figure() {
    check_disclosure("jincheng-xinfang-2023-budget.txt", 20..=32);
}

#[test]
fn prose_targets_and_glossary_are_printed() {
    let (d, pdf) = seed_pdf("fenyang-xinfang-2024-budget.txt");
    let flat = squeezed(&text_of(pdf));
    for s in &d.sections {
        assert!(
            flat.contains(&squeezed(&s.title)),
            "section `{}` missing",
            s.title
        );
        if let Some(p) = s.paragraphs.first() {
            let start: String = squeezed(&p.text).chars().take(12).collect();
            assert!(flat.contains(&start), "paragraph `{start}` missing");
        }
    }
    assert!(!d.targets.is_empty(), "the seed has target tables");
    for t in &d.targets {
        assert!(
            flat.contains(&squeezed(&t.project)),
            "target `{}` missing",
            t.project
        );
        for tree in t.annual_indicators.iter().chain(&t.period_indicators) {
            for g in &tree.groups {
                for i in &g.indicators {
                    assert!(
                        flat.contains(&squeezed(&i.value.text)),
                        "{}: indicator value `{}` missing",
                        t.project,
                        i.value.text
                    );
                }
            }
        }
    }
    if d.department_target.is_some() {
        assert!(flat.contains("部门（单位）整体支出绩效目标申报表"));
    }
    assert!(!d.glossary.is_empty());
    for g in &d.glossary {
        assert!(
            flat.contains(&squeezed(&g.term)),
            "term `{}` missing",
            g.term
        );
    }
}

#[test]
fn pages_render_as_images() {
    let (_, pdf) = seed_pdf("jincheng-xinfang-2023-budget.txt");
    let prefix = out_dir().join("jincheng-page");
    for old in std::fs::read_dir(out_dir()).unwrap().flatten() {
        if old
            .file_name()
            .to_string_lossy()
            .starts_with("jincheng-page")
        {
            let _ = std::fs::remove_file(old.path());
        }
    }
    poppler(
        "pdftoppm",
        &[
            "-r",
            "50",
            "-png",
            "-f",
            "1",
            "-l",
            "3",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let pngs: Vec<PathBuf> = std::fs::read_dir(out_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with("jincheng-page") && n.ends_with(".png")
        })
        .collect();
    assert_eq!(pngs.len(), 3, "{pngs:?}");
    for p in pngs {
        let bytes = std::fs::read(&p).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG") && bytes.len() > 1000,
            "{}",
            p.display()
        );
    }
}

/// Texts full of typst markup syntax print as they are.
#[test]
fn markup_characters_print_verbatim() {
    let mut d = fixture("jincheng-xinfang-2023-budget.txt");
    let nasty = r#"#测试*局_`$<a>@b[c]\d/e~"f"#;
    d.meta.department = nasty.to_string();
    d.overview.duties = vec![
        "- 以减号开头".to_string(),
        "+ 以加号开头".to_string(),
        "= 以等号开头 // 不是注释 /* 也不是 */".to_string(),
        "#let x = 1 #x".to_string(),
    ];
    if let Some(g) = d.glossary.first_mut() {
        g.term = "*粗体*_斜体_".to_string();
    }
    let pdf = pdf_file(&d, "markup-characters");
    let flat = squeezed(&text_of(&pdf));
    assert!(
        flat.contains(&squeezed(nasty)),
        "department `{nasty}` not verbatim"
    );
    for duty in &d.overview.duties {
        assert!(flat.contains(&squeezed(duty)), "`{duty}` not verbatim");
    }
    assert!(flat.contains("*粗体*_斜体_"));
}

#[test]
fn the_same_disclosure_gives_the_same_bytes() {
    let (d, pdf) = seed_pdf("jincheng-xinfang-2023-budget.txt");
    let a = std::fs::read(pdf).unwrap();
    let b = write_pdf(d, fonts()).unwrap();
    assert!(a == b, "two PDFs of one disclosure differ");
}

#[test]
fn a_missing_font_directory_names_the_package() {
    let err = Fonts::from_dir(Path::new("/nonexistent/yusuan-fonts")).unwrap_err();
    assert!(matches!(err, PdfError::NoFont));
    assert_eq!(
        err.to_string(),
        "no CJK font found; install Debian's package fonts-noto-cjk \
         (`apt-get install fonts-noto-cjk`) or set YUSUAN_FONT_DIR"
    );
    let err =
        Fonts::from_paths(&[PathBuf::from("/nonexistent/NotoSerifCJK-Regular.ttc")]).unwrap_err();
    assert!(err.to_string().contains("fonts-noto-cjk"), "{err}");
}

#[test]
fn a_file_that_is_not_a_font_is_refused() {
    let path = out_dir().join("not-a-font.ttf");
    std::fs::write(&path, b"not a font").unwrap();
    let err = Fonts::from_paths(&[path]).unwrap_err();
    assert!(matches!(err, PdfError::NotAFont { .. }), "{err}");
}

#[test]
fn system_fonts_are_the_noto_cjk_sc_faces() {
    let f = fonts();
    assert_eq!(f.body_family(), "Noto Serif CJK SC");
    assert_eq!(f.heading_family(), "Noto Sans CJK SC");
}

/// The text of one page.
fn page_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    poppler(
        "pdftotext",
        &[
            "-layout",
            "-enc",
            "UTF-8",
            "-f",
            &p,
            "-l",
            &p,
            pdf.to_str().unwrap(),
            "-",
        ],
    )
}

/// Whether a page is wider than high (pdfinfo prints each page's size).
fn landscape(pdf: &Path, page: usize) -> bool {
    let p = page.to_string();
    let info = poppler("pdfinfo", &["-f", &p, "-l", &p, pdf.to_str().unwrap()]);
    let size = info
        .lines()
        .find(|l| {
            l.starts_with(&format!("Page {:>4} size:", page))
                || l.starts_with(&format!("Page {page} size:"))
        })
        .unwrap_or_else(|| panic!("no size of page {page}:\n{info}"));
    let nums: Vec<f64> = size
        .split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect();
    nums.len() >= 3 && nums[1] > nums[2]
}

/// A table longer than a page (here tables 2 and 6 printed four times
/// over) continues on the next pages under the same header, landscape
/// where it started landscape.
#[test]
fn a_long_table_repeats_its_header_on_every_page() {
    let mut d = fixture("fenyang-xinfang-2024-budget.txt");
    for number in [2, 6] {
        let t = d.tables.iter_mut().find(|t| t.number == number).unwrap();
        let rows = t.rows.clone();
        for _ in 0..3 {
            t.rows.extend(
                rows.iter()
                    .filter(|r| r.code.is_some() || r.level > 0)
                    .cloned(),
            );
        }
    }
    let pdf = pdf_file(&d, "long-tables");
    let n = pages_of(&pdf);
    for (caption, header, row, wide) in [
        ("预算公开表2", "科目编码", "行政运行", true),
        ("预算公开表6", "部门预算支出经济科目名称", "基本工资", false),
    ] {
        let start = (1..=n)
            .find(|&p| squeezed(&page_text(&pdf, p)).contains(caption))
            .unwrap_or_else(|| panic!("{caption} not found"));
        let mut continued = 0;
        for p in start + 1..=n {
            let text = squeezed(&page_text(&pdf, p));
            if text.contains("预算公开表") || !text.contains(row) {
                break;
            }
            continued += 1;
            assert!(
                text.contains(header),
                "{caption}: page {p} without the header"
            );
            assert_eq!(landscape(&pdf, p), wide, "{caption}: page {p} orientation");
        }
        assert!(continued >= 1, "{caption} should continue over a page");
        assert_eq!(landscape(&pdf, start), wide);
    }
}

/// Without poppler-utils the tests fail, naming the package to install.
#[test]
#[should_panic(expected = "install Debian's package poppler-utils")]
fn a_missing_poppler_tool_names_the_package() {
    poppler("pdftotext-not-installed", &["-v"]);
}
