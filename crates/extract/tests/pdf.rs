//! The PDF text layer against PDFs made from the seeds (see
//! tests/fixtures/generated/pdf/README.md): every table row the maker
//! printed comes back as the same TAB cells in the same column slots, and
//! what cannot be read is said, never read.

use std::path::PathBuf;

use yusuan_extract::pdf::extract_pdf;
use yusuan_extract::{ExtractError, Extracted, Origin};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/generated/pdf")
        .join(name)
}

fn read(name: &str) -> Extracted {
    let path = fixture(name);
    let bytes = std::fs::read(&path).unwrap();
    extract_pdf(&bytes, &path.display().to_string()).unwrap()
}

fn cells(line: &str) -> Vec<String> {
    line.split('\t').map(|c| c.trim().to_string()).collect()
}

/// The table rows of the maker's text output (the form tables, cells joined
/// by TAB) between the first table and the explanation.
fn printed_rows(text_fixture: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(fixture(text_fixture)).unwrap();
    let mut rows = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("预算公开表1") && !inside {
            inside = true;
        }
        if line.starts_with("第三部分") && inside {
            break;
        }
        if inside && line.contains('\t') {
            rows.push(cells(line));
        }
    }
    rows
}

/// Every printed row is found, in order, among the extracted lines; returns
/// the rows not found.
fn missing_rows(printed: &[Vec<String>], got: &Extracted, data_only: bool) -> Vec<Vec<String>> {
    let got: Vec<Vec<String>> = got.lines.iter().map(|l| cells(&l.text)).collect();
    let mut at = 0;
    let mut missing = Vec::new();
    for row in printed {
        // A data row: it has a figure.
        let figure = row.iter().any(|c| {
            !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit() || ch == '.') && c.contains('.')
        });
        if data_only && !figure {
            continue;
        }
        match got[at..].iter().position(|g| g == row) {
            Some(k) => at += k + 1,
            None => missing.push(row.clone()),
        }
    }
    missing
}

#[test]
fn maker_pdfs_give_the_printed_rows_cell_by_cell() {
    for (pdf, txt) in [
        ("fenyang-2024-typst.pdf", "fenyang-2024.txt"),
        ("jincheng-2023-typst.pdf", "jincheng-2023.txt"),
    ] {
        let got = read(pdf);
        assert!(got.findings.is_empty(), "{pdf}: {:?}", got.findings);
        let printed = printed_rows(txt);
        assert!(printed.len() > 100, "{txt}: {}", printed.len());
        let missing = missing_rows(&printed, &got, false);
        assert!(
            missing.is_empty(),
            "{pdf}: {} of {} rows not found, e.g. {:?}",
            missing.len(),
            printed.len(),
            &missing[..missing.len().min(5)]
        );
    }
}

#[test]
fn libreoffice_calc_pdf_gives_the_data_rows() {
    let got = read("fenyang-2024-calc.pdf");
    assert!(got.findings.is_empty(), "{:?}", got.findings);
    let printed = printed_rows("fenyang-2024.txt");
    let missing = missing_rows(&printed, &got, true);
    assert!(
        missing.is_empty(),
        "{} rows not found, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
}

#[test]
fn libreoffice_writer_pdf_without_rules_keeps_the_figures() {
    // The HTML printed by Writer has no table rules: columns come from the
    // alignment of the text. Every figure of the tables is read.
    let got = read("jincheng-2023-writer.pdf");
    assert!(got.findings.is_empty(), "{:?}", got.findings);
    let text = got.text();
    for row in printed_rows("jincheng-2023.txt") {
        for c in row
            .iter()
            .filter(|c| c.contains('.') && c.chars().all(|ch| ch.is_ascii_digit() || ch == '.'))
        {
            assert!(text.contains(c.as_str()), "{c} of {row:?} missing");
        }
    }
}

#[test]
fn libreoffice_writer_pdf_without_rules_gives_the_rows_cell_by_cell() {
    // Columns from the figures' and the headers' extents, a wrapped label
    // joined to its row: every row of the tables with a figure comes back
    // as printed, cell by cell.
    let got = read("jincheng-2023-writer.pdf");
    let printed = printed_rows("jincheng-2023.txt");
    let missing = missing_rows(&printed, &got, true);
    assert!(
        missing.is_empty(),
        "{} rows not found, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
}

#[test]
fn lines_carry_page_and_boxes() {
    let got = read("fenyang-2024-typst.pdf");
    let row = got
        .lines
        .iter()
        .find(|l| l.text.starts_with("2010301\t"))
        .unwrap();
    let Origin::Page { page, bbox, cells } = &row.origin else {
        panic!("{:?}", row.origin)
    };
    assert!(*page >= 4);
    assert_eq!(cells.len(), row.text.split('\t').count());
    assert!(bbox[0] < bbox[2] && bbox[1] < bbox[3]);
    for w in cells.windows(2) {
        assert!(w[0][2] <= w[1][0] + 0.5, "{cells:?}");
    }
    // Pages in order, lines of a page top to bottom.
    let mut last = (0, f32::MIN);
    for l in &got.lines {
        let Origin::Page { page, bbox, .. } = &l.origin else {
            panic!()
        };
        if *page == last.0 {
            assert!(bbox[1] >= last.1 - 0.01, "{}", l.text);
        } else {
            assert!(*page > last.0);
        }
        last = (*page, bbox[1]);
    }
}

#[test]
fn landscape_pages_are_read() {
    // The maker prints its widest tables on landscape pages (a wide MediaBox).
    let got = read("fenyang-2024-typst.pdf");
    let wide: Vec<_> = got
        .lines
        .iter()
        .filter(|l| matches!(l.origin, Origin::Page { bbox, .. } if bbox[2] > 600.0))
        .collect();
    assert!(!wide.is_empty());
}

#[test]
fn rotated_page_reads_like_the_upright_page() {
    // The same page drawn on a landscape MediaBox turned by /Rotate 90.
    let path = fixture("jincheng-2023-typst.pdf");
    let bytes = std::fs::read(&path).unwrap();
    let upright = extract_pdf(&bytes, "upright").unwrap();
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages = doc.get_pages();
    for (_, id) in pages {
        let content = doc.get_page_content(id);
        let (w, h) = {
            let page = doc.get_dictionary(id).unwrap();
            let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
            (mb[2].as_float().unwrap(), mb[3].as_float().unwrap())
        };
        let mut wrapped = format!("q 0 1 -1 0 {h} 0 cm\n").into_bytes();
        wrapped.extend_from_slice(&content);
        wrapped.extend_from_slice(b"\nQ\n");
        doc.change_page_content(id, wrapped).unwrap();
        let page = doc.get_dictionary_mut(id).unwrap();
        page.set(b"MediaBox", vec![0.into(), 0.into(), h.into(), w.into()]);
        page.set(b"Rotate", 90);
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    let rotated = extract_pdf(&out, "rotated").unwrap();
    let a: Vec<&str> = upright.lines.iter().map(|l| l.text.as_str()).collect();
    let b: Vec<&str> = rotated.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(a, b);
}

#[test]
fn scanned_page_is_a_finding_and_no_text() {
    let got = read("scanned-page.pdf");
    assert!(got.lines.is_empty(), "{:?}", got.lines);
    assert_eq!(got.findings.len(), 1);
    let f = &got.findings[0];
    assert_eq!(f.rule, "unreadable-page");
    assert_eq!(f.severity, yusuan_core::finding::Severity::Error);
    assert!(
        f.message.contains("第1页") && f.message.contains("scanned image"),
        "{}",
        f.message
    );
    assert_eq!(f.location.line, None);
}

#[test]
fn font_without_unicode_map_is_a_finding_per_page_and_the_page_is_dropped() {
    // The maker's PDF with the ToUnicode CMaps removed: Identity-H CID
    // fonts whose codes are glyph ids and mean nothing without the map.
    let bytes = std::fs::read(fixture("jincheng-2023-typst.pdf")).unwrap();
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap();
    let ids: Vec<lopdf::ObjectId> = doc.objects.keys().copied().collect();
    for id in ids {
        if let Ok(d) = doc.get_dictionary_mut(id) {
            if d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"Font".as_slice()) {
                d.remove(b"ToUnicode");
            }
        }
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    let got = extract_pdf(&out, "cid.pdf").unwrap();
    let pages = doc.get_pages().len();
    assert!(
        got.lines.is_empty(),
        "{:?}",
        &got.lines[..got.lines.len().min(3)]
    );
    assert_eq!(got.findings.len(), pages);
    for (i, f) in got.findings.iter().enumerate() {
        assert_eq!(f.rule, "unreadable-page");
        assert!(
            f.message.contains(&format!("第{}页", i + 1)),
            "{}",
            f.message
        );
        assert!(
            f.message.contains("has no Unicode map") && f.message.contains("Noto"),
            "{}",
            f.message
        );
    }
}

#[test]
fn encrypted_with_a_password_is_encrypted() {
    let path = fixture("encrypted-password.pdf");
    let bytes = std::fs::read(&path).unwrap();
    assert!(matches!(
        extract_pdf(&bytes, "e.pdf"),
        Err(ExtractError::Encrypted { .. })
    ));
}

#[test]
fn encrypted_with_the_empty_user_password_is_read() {
    let plain = read("fenyang-2024-calc.pdf");
    let got = read("encrypted-empty-password.pdf");
    assert_eq!(got.lines, plain.lines);
    assert!(got.findings.is_empty());
}

#[test]
fn garbage_and_truncated_files_are_unreadable_not_a_panic() {
    for junk in [
        &b""[..],
        b"hello",
        b"%PDF-1.7\n",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    ] {
        assert!(
            matches!(
                extract_pdf(junk, "junk.pdf"),
                Err(ExtractError::Unreadable { .. })
            ),
            "{junk:?}"
        );
    }
    let bytes = std::fs::read(fixture("fenyang-2024-calc.pdf")).unwrap();
    for cut in [
        100,
        1000,
        bytes.len() / 3,
        bytes.len() / 2,
        bytes.len() - 100,
    ] {
        // Cut short: either unreadable or whatever pages could still be read
        // — never a panic.
        match extract_pdf(&bytes[..cut], "cut.pdf") {
            Err(ExtractError::Unreadable { .. }) | Ok(_) => {}
            Err(e) => panic!("{cut}: {e}"),
        }
    }
    // Bytes flipped all over a valid file.
    let mut flipped = bytes.clone();
    for i in (0..flipped.len()).step_by(997) {
        flipped[i] ^= 0x5a;
    }
    let _ = extract_pdf(&flipped, "flipped.pdf");
}
