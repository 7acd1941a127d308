//! Word documents (DOCX): the body of `word/document.xml` in document order,
//! paragraphs as lines and table rows as TAB lines.

use crate::detect::CFB_MAGIC;
use crate::sheet::{check_archive, is_encrypted_ooxml, one_line};
use crate::{ExtractError, Extracted, Origin, TextLine, MAX_UNCOMPRESSED};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{Cursor, Read};
use yusuan_core::model::SourceFormat;

/// Read a DOCX: a body paragraph is a line (`w:t` runs, `w:tab` a TAB,
/// `w:br` a new line); a table row (`w:tr`) is a line of its cells' texts
/// joined by TAB, a cell spanning columns (`w:gridSpan`) giving its text and
/// then empty cells, a cell continuing a vertical merge (`w:vMerge`) an
/// empty cell, so every row keeps the table's column slots. Within a cell,
/// paragraphs and line breaks are joined as a wrapped label is, and a TAB is
/// a space. Nested tables are flattened into their cell's text.
pub fn extract_docx(bytes: &[u8], path: &str) -> Result<Extracted, ExtractError> {
    if bytes.starts_with(&CFB_MAGIC) {
        return Err(if is_encrypted_ooxml(bytes) {
            ExtractError::Encrypted {
                path: path.to_string(),
            }
        } else {
            ExtractError::unreadable(
                path,
                "a Word 97–2003 document (.doc) is not read: save it as DOCX",
            )
        });
    }
    check_archive(bytes, path)?;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ExtractError::unreadable(path, format!("not a readable zip archive: {e}")))?;
    let mut xml = String::new();
    {
        let entry = archive.by_name("word/document.xml").map_err(|_| {
            ExtractError::unreadable(
                path,
                "not a Word document: the archive has no word/document.xml",
            )
        })?;
        entry
            .take(MAX_UNCOMPRESSED)
            .read_to_string(&mut xml)
            .map_err(|e| {
                ExtractError::unreadable(path, format!("cannot read word/document.xml: {e}"))
            })?;
    }
    let lines = body_lines(&xml).map_err(|e| {
        ExtractError::unreadable(path, format!("word/document.xml is not well-formed: {e}"))
    })?;
    Ok(Extracted {
        format: SourceFormat::Docx,
        lines,
        findings: Vec::new(),
    })
}

#[derive(Default)]
struct State {
    lines: Vec<TextLine>,
    block: u32,
    /// Depth of `w:p` (text boxes nest paragraphs in paragraphs).
    p_depth: u32,
    tbl_depth: u32,
    /// Inside `w:t`.
    in_text: bool,
    /// Depth of `w:r` (a `w:tab` outside a run is a tab stop definition).
    r_depth: u32,
    /// Inside `mc:Fallback`, which repeats the `mc:Choice` before it.
    fallback_depth: u32,
    para: String,
    row: Vec<String>,
    cell: String,
    span: usize,
    continues_merge: bool,
}

impl State {
    fn push_text(&mut self, s: &str) {
        if self.fallback_depth > 0 {
            return;
        }
        if self.tbl_depth > 0 {
            self.cell.push_str(s);
        } else {
            self.para.push_str(s);
        }
    }

    fn start(&mut self, e: &BytesStart) {
        let name = e.local_name();
        match name.into_inner() {
            "p" => self.p_depth += 1,
            "t" => self.in_text = true,
            "r" => self.r_depth += 1,
            "tab" if self.r_depth > 0 => {
                let tab = if self.tbl_depth > 0 { " " } else { "\t" };
                self.push_text(tab);
            }
            "br" | "cr" if self.r_depth > 0 => self.push_text("\n"),
            "noBreakHyphen" if self.r_depth > 0 => self.push_text("-"),
            "tbl" => self.tbl_depth += 1,
            "tr" if self.tbl_depth == 1 => self.row.clear(),
            "gridBefore" if self.tbl_depth == 1 => {
                let n = val(e).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
                self.row
                    .extend(std::iter::repeat_n(String::new(), n.min(64)));
            }
            "tc" if self.tbl_depth == 1 => {
                self.cell.clear();
                self.span = 1;
                self.continues_merge = false;
            }
            "gridSpan" if self.tbl_depth == 1 => {
                self.span = val(e)
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
            }
            "vMerge" if self.tbl_depth == 1 => {
                self.continues_merge = val(e).is_none_or(|v| v == "continue");
            }
            "Fallback" => self.fallback_depth += 1,
            _ => {}
        }
    }

    fn end(&mut self, local: &str) {
        match local {
            "t" => self.in_text = false,
            "r" => self.r_depth = self.r_depth.saturating_sub(1),
            "p" => {
                self.p_depth = self.p_depth.saturating_sub(1);
                if self.p_depth > 0 {
                    self.push_text("\n");
                } else if self.tbl_depth > 0 {
                    self.cell.push('\n');
                } else {
                    let para = std::mem::take(&mut self.para);
                    for l in para.split('\n') {
                        self.lines
                            .push(TextLine::new(l, Origin::Docx { block: self.block }));
                    }
                    self.block += 1;
                }
            }
            "tc" if self.tbl_depth == 1 => {
                let text = if self.continues_merge {
                    String::new()
                } else {
                    one_line(&self.cell)
                };
                self.row.push(text);
                self.row
                    .extend(std::iter::repeat_n(String::new(), self.span - 1));
                self.cell.clear();
            }
            "tc" if self.tbl_depth > 1 => self.cell.push('\n'),
            "tr" if self.tbl_depth == 1 => {
                let mut row = std::mem::take(&mut self.row);
                while row.last().is_some_and(String::is_empty) {
                    row.pop();
                }
                self.lines.push(TextLine::new(
                    row.join("\t"),
                    Origin::Docx { block: self.block },
                ));
                self.block += 1;
            }
            "tbl" => self.tbl_depth = self.tbl_depth.saturating_sub(1),
            "Fallback" => self.fallback_depth = self.fallback_depth.saturating_sub(1),
            _ => {}
        }
    }
}

/// The `w:val` attribute of an element.
fn val(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == "val")
        .map(|a| a.value.into_owned())
}

fn body_lines(xml: &str) -> Result<Vec<TextLine>, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut st = State::default();
    loop {
        match reader.read_event()? {
            Event::Start(e) => st.start(&e),
            // `<w:p/>` is an empty paragraph: start and end.
            Event::Empty(e) => {
                st.start(&e);
                st.end(e.local_name().into_inner());
            }
            Event::End(e) => st.end(e.local_name().into_inner()),
            Event::Text(t) if st.in_text => {
                let text = t.xml10_content();
                st.push_text(&text);
            }
            Event::CData(t) if st.in_text => {
                let text = t.into_inner().into_owned();
                st.push_text(&text);
            }
            Event::GeneralRef(r) if st.in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    st.push_text(c.encode_utf8(&mut [0; 4]));
                } else {
                    let named = match r.xml10_content().as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    };
                    st.push_text(named);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A paragraph cut off by the end of a damaged file is still text.
    if !st.para.is_empty() {
        for l in st.para.split('\n') {
            st.lines
                .push(TextLine::new(l, Origin::Docx { block: st.block }));
        }
    }
    Ok(st.lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    }

    fn texts(xml: &str) -> Vec<String> {
        body_lines(&doc(xml))
            .unwrap()
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn paragraphs_tabs_and_breaks() {
        let lines = texts(
            "<w:p><w:r><w:t>一、本部门</w:t></w:r><w:r><w:t xml:space=\"preserve\">职责 &amp; 机构</w:t></w:r></w:p>\
             <w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr><w:r><w:t>目录</w:t><w:tab/><w:t>1</w:t><w:br/><w:t>下一行</w:t></w:r></w:p><w:p/>",
        );
        assert_eq!(lines, ["一、本部门职责 & 机构", "目录\t1", "下一行", ""]);
    }

    #[test]
    fn table_spans_and_merges() {
        let lines = texts(
            "<w:tbl>\
             <w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc>\
                   <w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>本年预算</w:t></w:r></w:p></w:tc></w:tr>\
             <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>\
                   <w:tc><w:p><w:r><w:t>一般公共</w:t></w:r></w:p><w:p><w:r><w:t>预算</w:t></w:r></w:p></w:tc>\
                   <w:tc><w:p><w:r><w:t>合</w:t><w:tab/><w:t>计</w:t></w:r></w:p></w:tc></w:tr>\
             <w:tr><w:tc><w:p><w:r><w:t>201</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>484.55</w:t></w:r></w:p></w:tc></w:tr>\
             </w:tbl><w:p><w:r><w:t>注</w:t></w:r></w:p>",
        );
        assert_eq!(
            lines,
            [
                "项目\t本年预算",
                "\t一般公共预算\t合 计",
                "201\t\t484.55",
                "注"
            ]
        );
    }

    #[test]
    fn alternate_content_is_read_once() {
        let lines = texts(
            "<w:p><w:r><mc:AlternateContent xmlns:mc=\"m\"><mc:Choice><w:t>甲</w:t></mc:Choice><mc:Fallback><w:t>甲</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>",
        );
        assert_eq!(lines, ["甲"]);
    }
}
