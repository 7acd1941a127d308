//! A disclosure (部门预算公开) as an A4 PDF with an embedded CJK font,
//! typeset by typst used as a library.
//!
//! The document follows the printed national form: 封面 (cover, no page
//! number), 目录 (contents with page numbers), 第一部分 概况 (本部门职责,
//! 机构设置情况), 第二部分 the 13 tables (预算公开表1…13, each on its own
//! page, the wide ones (2, 9, 12) landscape, the multi-level header repeated on every
//! page a table continues to), 第三部分 情况说明 with the 绩效目标表
//! (performance targets), and 第四部分 名词解释 (glossary). Pages after the
//! cover are numbered `- N -` at the bottom.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let disclosure: yusuan_core::model::Disclosure = todo!();
//! let fonts = yusuan_render_pdf::Fonts::system()?; // once
//! let pdf = yusuan_render_pdf::write_pdf(&disclosure, &fonts)?;
//! std::fs::write("disclosure.pdf", pdf)?;
//! # Ok(()) }
//! ```

mod columns;
mod fonts;
mod markup;
mod world;

pub use fonts::{Fonts, FONT_DIR_VAR};

use std::path::PathBuf;
use typst::diag::{Severity, SourceDiagnostic};
use yusuan_core::model::Disclosure;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// No font covering Chinese was found where fonts are looked for.
    #[error("no CJK font found; install Debian's package fonts-noto-cjk (`apt-get install fonts-noto-cjk`) or set YUSUAN_FONT_DIR")]
    NoFont,
    /// A font file given or found could not be read.
    #[error("cannot read the font file {path}: {source} (the CJK fonts come with Debian's package fonts-noto-cjk)")]
    FontFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file was read but holds no font typst can use.
    #[error("{path}: not a font file (expected an OpenType/TrueType font or collection such as NotoSerifCJK-Regular.ttc from fonts-noto-cjk)")]
    NotAFont { path: PathBuf },
    /// typst rejected the generated document: a bug of this crate, reported
    /// with typst's messages rather than a panic.
    #[error("typst could not typeset the disclosure: {}", .0.join("; "))]
    Typeset(Vec<String>),
    /// typst laid the document out but could not write it as PDF.
    #[error("typst could not write the PDF: {}", .0.join("; "))]
    Export(Vec<String>),
}

/// The disclosure as the bytes of an A4 PDF, typeset in `fonts` (the
/// body in the CJK serif, headings in the sans where there is one).
///
/// Every text of the disclosure is printed as it is; the fonts are embedded
/// (subset), so the PDF reads the same everywhere.
pub fn write_pdf(d: &Disclosure, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    typeset(markup::document(d, fonts), fonts)
}

/// Typeset generated markup into PDF bytes.
fn typeset(markup: String, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    let world = world::DocWorld::new(markup, fonts);
    // A panic inside typst (a layout bug on some odd input) must not take
    // down a server making many disclosures: it becomes an error too.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        match typst::compile(&world).output {
            Ok(document) => typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
                .map_err(|diags| PdfError::Export(messages(&world, &diags))),
            Err(diags) => Err(PdfError::Typeset(messages(&world, &diags))),
        }
    }));
    // typst memoises layout across calls; a long-running process making
    // many disclosures would otherwise keep every one's layout in memory.
    // After a panic nothing memoised is trusted.
    typst::comemo::evict(if run.is_ok() { 2 } else { 0 });
    run.unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        Err(PdfError::Typeset(vec![format!(
            "typst panicked: {message}"
        )]))
    })
}

/// The generated markup of a disclosure, for looking at what typst is given
/// when a layout is wrong.
pub fn markup(d: &Disclosure, fonts: &Fonts) -> String {
    markup::document(d, fonts)
}

/// typst's error messages with their hints and the line of the generated
/// markup they point at.
fn messages(world: &world::DocWorld<'_>, diags: &[SourceDiagnostic]) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let mut s = d.message.to_string();
            if let Some(line) = world.line_of(d.span) {
                s = format!("{s} (generated markup line {line})");
            }
            for h in &d.hints {
                s.push_str("; hint: ");
                s.push_str(&h.v);
            }
            s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Typeset a snippet after the template.
    fn compile(snippet: &str) -> Result<Vec<u8>, PdfError> {
        let fonts = Fonts::system().expect("CJK fonts (fonts-noto-cjk)");
        let markup = format!(
            "#let body-font = {}\n#let heading-font = {}\n#let doc-title = \"t\"\n{}\n{snippet}",
            markup::lit(&fonts.body),
            markup::lit(&fonts.heading),
            include_str!("template.typ"),
        );
        typeset(markup, &fonts)
    }

    /// The column estimate (`columns::text_em`) must never be narrower than
    /// what typst sets, in regular or bold, or figures would overflow their cells.
    #[test]
    fn width_estimates_are_never_too_narrow() {
        let samples = [
            "438.89",
            "1234567890.00",
            "0.00",
            "2010301",
            "合计",
            "一般公共服务支出",
            "2023信访、汾财[2023]第176号政府购买服务费用",
            "（一）",
            "“三公”经费",
        ];
        let mut checks = String::from("#context {\n");
        for s in samples {
            let est = columns::text_em(s);
            checks.push_str(&format!(
                "  for body in (text(size: 10pt, {l}), text(size: 10pt, strong({l}))) {{\n    let w = measure(body).width\n    assert(w <= {est} * 10pt, message: {l} + \" is \" + repr(w / 10pt) + \"em, estimated {est}em\")\n  }}\n",
                l = markup::lit(s),
            ));
        }
        checks.push('}');
        compile(&checks).unwrap_or_else(|e| panic!("{e}"));
    }

    /// A typst error is an error value with typst's message, not a panic.
    #[test]
    fn typst_errors_are_reported() {
        let err = compile("#let x = (1 +").unwrap_err();
        assert!(matches!(err, PdfError::Typeset(_)), "{err}");
        assert!(err.to_string().contains("generated markup line"), "{err}");
        let err = compile("#panic(\"boom\")").unwrap_err();
        assert!(err.to_string().contains("boom"), "{err}");
    }

    /// A table the form would not make still typesets: no header, a
    /// header cell outside the grid, a row shorter than the table.
    #[test]
    fn odd_tables_still_typeset() {
        use yusuan_render::form::{CellKind, FormRow, FormTable, HeaderCell};
        let mut t = FormTable {
            number: 3,
            caption: "预算公开表3".into(),
            title: "2024年预算支出总表".into(),
            department: "某局".into(),
            unit: "万元".into(),
            columns: 3,
            kinds: vec![CellKind::Code, CellKind::Label],
            widths: vec![],
            header_rows: 1,
            header: vec![HeaderCell {
                text: "合计".into(),
                row: 0,
                col: 2,
                rowspan: 3,
                colspan: 4,
            }],
            rows: vec![FormRow {
                cells: vec!["201".into(), "一般公共服务支出".into()],
                total: false,
                indent: 1,
            }],
            note: Some("注：本表无数据".into()),
            landscape: true,
        };
        compile(&format!("#form-table({})", markup::form_table(&t))).unwrap();
        t.header.clear();
        t.landscape = false;
        compile(&format!("#form-table({})", markup::form_table(&t))).unwrap();
    }
}
