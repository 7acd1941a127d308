//! The extractors on the generated fixtures and on damaged input.

use std::path::PathBuf;
use yusuan_core::model::SourceFormat;
use yusuan_extract::{detect, extract, ExtractError, Origin};

fn generated(file: &str) -> (Vec<u8>, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/generated")
        .join(file);
    (std::fs::read(&path).unwrap(), path.display().to_string())
}

/// `YUSUAN_DUMP=file cargo test -p yusuan-extract --test extract dump -- --ignored`
/// prints what is extracted from a generated file, line by line.
#[test]
#[ignore = "prints a file's lines, for looking at"]
fn dump() {
    let file = std::env::var("YUSUAN_DUMP").unwrap_or_default();
    let (bytes, path) = generated(&file);
    for (i, l) in extract(&bytes, &path).unwrap().lines.iter().enumerate() {
        println!("{:5} {:?} {}", i + 1, l.origin, l.text.replace('\t', "⇥"));
    }
}

#[test]
fn every_generated_file_is_detected_and_extracted() {
    for (ext, format) in [
        ("xlsx", SourceFormat::Xlsx),
        ("xls", SourceFormat::Xls),
        ("docx", SourceFormat::Docx),
        ("html", SourceFormat::Html),
    ] {
        for seed in [
            "jincheng-xinfang-2023-budget",
            "fenyang-xinfang-2024-budget",
        ] {
            let (bytes, path) = generated(&format!("{seed}.{ext}"));
            // By content, whatever the name says.
            assert_eq!(detect(&bytes, "upload"), Some(format), "{path}");
            let x = extract(&bytes, &path).unwrap();
            assert_eq!(x.format, format);
            assert!(x.lines.iter().all(|l| !l.text.contains('\n')), "{path}");
            assert!(
                x.lines.iter().any(|l| l.text.contains("预算收支总表")),
                "{path}"
            );
            let origin_ok = x.lines.iter().all(|l| match (&l.origin, format) {
                (Origin::Sheet { row, .. }, SourceFormat::Xlsx | SourceFormat::Xls) => *row >= 1,
                (Origin::Unknown, SourceFormat::Xlsx | SourceFormat::Xls) => l.text.is_empty(),
                (Origin::Docx { .. }, SourceFormat::Docx) => true,
                (Origin::Html { .. }, SourceFormat::Html) => true,
                _ => false,
            });
            assert!(origin_ok, "{path}");
        }
    }
}

/// A sheet's merged title stays in its first cell and a row keeps its TAB
/// slots: table 1 of the XLSX rendering.
#[test]
fn sheet_rows_keep_their_slots() {
    let (bytes, path) = generated("jincheng-xinfang-2023-budget.xlsx");
    let x = extract(&bytes, &path).unwrap();
    let texts: Vec<&str> = x.lines.iter().map(|l| l.text.as_str()).collect();
    let at = texts
        .iter()
        .position(|t| *t == "2023年预算收支总表")
        .unwrap();
    assert_eq!(texts[at + 1], "部门名称：晋城市信访局\t\t\t\t\t单位：万元");
    assert!(texts.contains(&"一、一般公共预算\t730.03\t一、一般公共服务支出\t567.20\t567.20"));
    assert!(texts.contains(&"\t\t八、社会保障和就业支出\t39.05\t39.05"));
    assert_eq!(
        x.lines[at].origin,
        Origin::Sheet {
            sheet: "表1 预算收支总表".to_string(),
            row: 2
        }
    );
}

#[test]
fn damaged_input_is_unreadable_never_a_panic() {
    let (xlsx, _) = generated("jincheng-xinfang-2023-budget.xlsx");
    let (docx, _) = generated("jincheng-xinfang-2023-budget.docx");
    let (xls, _) = generated("jincheng-xinfang-2023-budget.xls");
    let mut cases: Vec<(Vec<u8>, &str)> = vec![
        (xlsx[..xlsx.len() / 2].to_vec(), "cut.xlsx"),
        (docx[..docx.len() - 100].to_vec(), "cut.docx"),
        (xls[..xls.len() / 3].to_vec(), "cut.xls"),
        (b"PK\x03\x04garbage".to_vec(), "bad.xlsx"),
        (b"PK\x03\x04garbage".to_vec(), "bad.docx"),
        (
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2, 3],
            "bad.xls",
        ),
    ];
    // Bytes flipped through the middle of each file.
    for (bytes, name) in [
        (&xlsx, "flip.xlsx"),
        (&docx, "flip.docx"),
        (&xls, "flip.xls"),
    ] {
        let mut b = bytes.clone();
        for i in (b.len() / 3..b.len() / 2).step_by(97) {
            b[i] ^= 0x5A;
        }
        cases.push((b, name));
    }
    for (bytes, path) in &cases {
        match extract(bytes, path) {
            Err(ExtractError::Unreadable { path: p, reason }) => {
                assert_eq!(&p, path);
                assert!(!reason.is_empty());
            }
            Err(e) => panic!("{path}: {e}"),
            // A flipped byte may fall in text: then the file still reads.
            Ok(_) => assert!(path.starts_with("flip"), "{path} read"),
        }
    }
}

#[test]
fn an_encrypted_workbook_says_so() {
    let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    cfb.extend(vec![0; 100]);
    cfb.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    for path in ["secret.xlsx", "secret.docx"] {
        let err = extract(&cfb, path).unwrap_err();
        assert!(matches!(err, ExtractError::Encrypted { .. }), "{err}");
        assert!(err.to_string().starts_with(path));
    }
}

/// A cell at XFD1048576 beside the others made calamine allocate the whole
/// 1048576 × 16384 grid (half a terabyte) and the process abort. The sheet
/// is refused, saying how far its cells spread.
#[test]
fn a_workbook_with_a_far_cell_is_refused_not_an_abort() {
    use std::io::{Cursor, Read, Write};
    let (bytes, _) = generated("fenyang-xinfang-2024-budget.xlsx");
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(data).unwrap().replacen(
                "</sheetData>",
                r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>"#,
                1,
            );
            data = xml.into_bytes();
        }
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    let far = out.finish().unwrap().into_inner();
    let err = extract(&far, "far.xlsx").unwrap_err().to_string();
    assert!(
        err.contains("has cells spread over 1048576 rows × 16384 columns"),
        "{err}"
    );
}
