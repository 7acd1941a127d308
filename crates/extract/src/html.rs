//! HTML pages: block elements as lines, `<table>` rows as TAB lines.

use crate::sheet::one_line;
use crate::{ExtractError, Extracted, Origin, TextLine, MAX_UNCOMPRESSED};
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use yusuan_core::model::SourceFormat;

/// Read an HTML page. The encoding is the BOM's, else the one a
/// `<meta charset>` (or `http-equiv` content type) declares in the first
/// 4 KB, else UTF-8 when the bytes are valid UTF-8, else GB18030 (the text
/// reader's rule, for the GBK pages of government sites). The page is parsed
/// by the HTML5 tree builder; then each block element (`p`, `h1`–`h6`,
/// `div`, `li`, `caption`, …) gives a line of its text, whitespace collapsed
/// as a browser collapses it, `<br>` starting a new line; each table row
/// gives a line of its cells joined by TAB, a cell spanning columns
/// (`colspan`) giving its text then empty cells, and a cell covered by a
/// `rowspan` from a row above an empty cell. `<script>`, `<style>` and the
/// head are not text.
pub fn extract_html(bytes: &[u8], path: &str) -> Result<Extracted, ExtractError> {
    if bytes.len() as u64 > MAX_UNCOMPRESSED {
        return Err(ExtractError::unreadable(
            path,
            format!("the page is larger than {} MB", MAX_UNCOMPRESSED >> 20),
        ));
    }
    let text = decode(bytes);
    let dom = parse_document(RcDom::default(), ParseOpts::default()).one(text);
    let mut w = Walker::default();
    w.walk(&dom.document);
    w.flush();
    Ok(Extracted {
        format: SourceFormat::Html,
        lines: w.lines,
        findings: Vec::new(),
    })
}

/// The page's text in the encoding it declares (see [`extract_html`]).
pub fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let declared = declared_charset(&bytes[..bytes.len().min(4096)])
        .and_then(|l| Encoding::for_label(l.as_bytes()))
        // A page cannot declare UTF-16 in ASCII; browsers read it as UTF-8.
        .map(|e| {
            if e == UTF_16LE || e == UTF_16BE {
                UTF_8
            } else {
                e
            }
        });
    let enc = match declared {
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => GB18030,
    };
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// The label after `charset=` in the head of the page, if any.
fn declared_charset(head: &[u8]) -> Option<String> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let label: String = lower[at..]
        .iter()
        .skip_while(|b| matches!(b, b'"' | b'\'' | b' '))
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .map(|&b| char::from(b))
        .collect();
    (!label.is_empty()).then_some(label)
}

fn tag(node: &Handle) -> Option<&str> {
    match &node.data {
        NodeData::Element { name, .. } => Some(&name.local),
        _ => None,
    }
}

fn attr(node: &Handle, key: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == key)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

fn is_skipped(tag: &str) -> bool {
    matches!(
        tag,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            // A chart or picture with its caption (`“三公”经费分布图`):
            // not part of the form, and a caption naming a table's subject
            // must not be taken for that table's title.
            | "figure"
            | "math"
            | "iframe"
            | "object"
    )
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "caption"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "aside"
            | "figure"
            | "figcaption"
            | "address"
            | "hr"
            | "form"
            | "fieldset"
            | "body"
            | "center"
    )
}

#[derive(Default)]
struct Walker {
    lines: Vec<TextLine>,
    block: u32,
    /// The inline text of the block being read.
    buf: String,
}

impl Walker {
    fn emit(&mut self, text: String) {
        self.lines
            .push(TextLine::new(text, Origin::Html { block: self.block }));
    }

    /// End the current line, if it has any text.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.buf);
        let text = text.trim_matches([' ', '\u{a0}']);
        if !text.is_empty() {
            let text = text.replace('\u{a0}', " ");
            self.emit(text);
            self.block += 1;
        }
    }

    fn walk(&mut self, node: &Handle) {
        match &node.data {
            NodeData::Text { contents } => push_collapsed(&mut self.buf, &contents.borrow()),
            NodeData::Document | NodeData::Element { .. } => {
                let t = tag(node).unwrap_or("");
                if is_skipped(t) {
                    return;
                }
                if t == "table" {
                    self.flush();
                    self.table(node);
                    return;
                }
                if t == "br" {
                    // A line break inside a block: the text so far is a line.
                    self.flush();
                    return;
                }
                let block = is_block(t);
                if block {
                    self.flush();
                }
                for child in node.children.borrow().iter() {
                    self.walk(child);
                }
                if block {
                    self.flush();
                }
            }
            _ => {}
        }
    }

    /// The rows of a table (those of its own, not of tables nested in its
    /// cells), with spans expanded into empty cells.
    fn table(&mut self, table: &Handle) {
        let mut rows = Vec::new();
        for child in table.children.borrow().iter() {
            match tag(child) {
                Some("caption") => {
                    let text = cell_text(child);
                    if !text.is_empty() {
                        self.emit(text);
                        self.block += 1;
                    }
                }
                Some("thead" | "tbody" | "tfoot") => {
                    for row in child.children.borrow().iter() {
                        if tag(row) == Some("tr") {
                            rows.push(row.clone());
                        }
                    }
                }
                Some("tr") => rows.push(child.clone()),
                _ => {}
            }
        }
        // Rows still covered by a rowspan from above, per column.
        let mut covered: Vec<u32> = Vec::new();
        for row in rows {
            let mut cells: Vec<String> = Vec::new();
            let mut col = 0usize;
            let take_covered =
                |col: &mut usize, cells: &mut Vec<String>, covered: &mut Vec<u32>| {
                    while covered.get(*col).is_some_and(|&n| n > 0) {
                        covered[*col] -= 1;
                        cells.push(String::new());
                        *col += 1;
                    }
                };
            for cell in row.children.borrow().iter() {
                if !matches!(tag(cell), Some("td" | "th")) {
                    continue;
                }
                take_covered(&mut col, &mut cells, &mut covered);
                let span = |key: &str, max: u32| {
                    attr(cell, key)
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .unwrap_or(1)
                        .clamp(1, max)
                };
                let colspan = span("colspan", 1000) as usize;
                let rowspan = span("rowspan", 65534);
                cells.push(cell_text(cell));
                cells.extend(std::iter::repeat_n(String::new(), colspan - 1));
                if covered.len() < col + colspan {
                    covered.resize(col + colspan, 0);
                }
                for c in &mut covered[col..col + colspan] {
                    *c = rowspan - 1;
                }
                col += colspan;
            }
            // Covered cells after the row's last cell.
            while col < covered.len() {
                if covered[col] > 0 {
                    covered[col] -= 1;
                    cells.push(String::new());
                }
                col += 1;
            }
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            self.emit(cells.join("\t"));
            self.block += 1;
        }
    }
}

/// Append text with runs of whitespace collapsed to one space, as a browser
/// renders it.
fn push_collapsed(buf: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            if !buf.is_empty() && !buf.ends_with([' ', '\n']) {
                buf.push(' ');
            }
        } else {
            buf.push(c);
        }
    }
}

/// The text of a table cell on one line: blocks and `<br>` inside it are
/// joined as a wrapped label is (see [`one_line`]).
fn cell_text(cell: &Handle) -> String {
    fn collect(node: &Handle, buf: &mut String) {
        match &node.data {
            NodeData::Text { contents } => push_collapsed(buf, &contents.borrow()),
            NodeData::Element { .. } => {
                let t = tag(node).unwrap_or("");
                if is_skipped(t) {
                    return;
                }
                let block = t == "br" || is_block(t) || matches!(t, "tr" | "table" | "td" | "th");
                if block {
                    trim_end(buf);
                    buf.push('\n');
                }
                for child in node.children.borrow().iter() {
                    collect(child, buf);
                }
                if block {
                    trim_end(buf);
                    buf.push('\n');
                }
            }
            _ => {}
        }
    }
    fn trim_end(buf: &mut String) {
        while buf.ends_with(' ') {
            buf.pop();
        }
    }
    let mut buf = String::new();
    for child in cell.children.borrow().iter() {
        collect(child, &mut buf);
    }
    let lines: Vec<&str> = buf
        .split('\n')
        .map(|l| l.trim_matches([' ', '\u{a0}']))
        .filter(|l| !l.is_empty())
        .collect();
    one_line(&lines.join("\n"))
        .replace('\u{a0}', " ")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &[u8]) -> Vec<String> {
        extract_html(html, "t.html")
            .unwrap()
            .lines
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn blocks_and_tables() {
        let page = "<!DOCTYPE html><html><head><title>标题</title><style>p{}</style></head><body>\
            <h1>晋城市信访局</h1><p>第一部分\n   概况 &amp; 职责<br>第二行</p><script>var x=1;</script>\
            <table><caption>预算收支总表</caption>\
            <tr><th rowspan=2>项目</th><th colspan=2>本年预算</th></tr>\
            <tr><td>一般公共<br>预算</td><td>合计</td></tr>\
            <tr><td>201</td><td>&nbsp;</td><td>484.55</td></tr>\
            <tr><td rowspan=2>a</td><td>b</td><td rowspan=2>c</td></tr><tr><td>d</td></table>\
            <div>注：<span>单位</span>万元</div></body></html>";
        assert_eq!(
            texts(page.as_bytes()),
            [
                "晋城市信访局",
                "第一部分 概况 & 职责",
                "第二行",
                "预算收支总表",
                "项目\t本年预算",
                "\t一般公共预算\t合计",
                "201\t\t484.55",
                "a\tb\tc",
                "\td",
                "注：单位万元",
            ]
        );
    }

    #[test]
    fn gbk_pages_by_their_meta() {
        let (gbk, _, _) = GB18030.encode("<p>一般公共预算</p>");
        let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\"></head><body>".to_vec();
        page.extend_from_slice(&gbk);
        assert_eq!(texts(&page), ["一般公共预算"]);
        // Undeclared and not UTF-8: GB18030.
        let mut page = b"<html><body>".to_vec();
        page.extend_from_slice(&gbk);
        assert_eq!(texts(&page), ["一般公共预算"]);
        // A BOM wins.
        let mut page = b"\xEF\xBB\xBF<meta charset=gbk><p>".to_vec();
        page.extend_from_slice("合计".as_bytes());
        assert_eq!(texts(&page), ["合计"]);
    }
}
