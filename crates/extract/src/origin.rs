//! Where a line of extracted text came from.

/// The place of one [`crate::TextLine`] in its file.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Origin {
    #[default]
    Unknown,
    /// A row of a spreadsheet.
    Sheet {
        sheet: String,
        /// 1-based, as the spreadsheet numbers its rows.
        row: u32,
    },
    /// The `block`-th (0-based) paragraph or table row of a Word document's
    /// body, in document order.
    Docx { block: u32 },
    /// The `block`-th (0-based) block or table row of an HTML page.
    Html { block: u32 },
    /// A line of a PDF page.
    Page {
        /// 1-based.
        page: u32,
        /// The line's box in points, `[x0, y0, x1, y1]`, origin top left.
        bbox: [f32; 4],
        /// The box of each TAB-separated cell of the line, in order, where
        /// known (empty, or one per cell).
        cells: Vec<[f32; 4]>,
    },
}

impl Origin {
    /// For a page line, the page and the box of the characters `span`
    /// (0-based `[start, end)`, in characters) of the line `text`: the box of
    /// the TAB cell the span lies in when the cell boxes are known and the
    /// span does not cross a TAB, else the line's box. `None` for origins
    /// that are not on a page.
    pub fn page_box(&self, text: &str, span: Option<(u32, u32)>) -> Option<(u32, [f32; 4])> {
        let Origin::Page { page, bbox, cells } = self else {
            return None;
        };
        let cell = span.and_then(|(start, end)| {
            let tabs_before = |at: u32| {
                text.chars()
                    .take(at as usize)
                    .filter(|&c| c == '\t')
                    .count()
            };
            let first = tabs_before(start);
            let last = tabs_before(end.max(start + 1) - 1);
            (first == last && cells.len() == text.split('\t').count())
                .then(|| cells.get(first).copied())
                .flatten()
        });
        Some((*page, cell.unwrap_or(*bbox)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_in_a_cell_gets_the_cell_box() {
        let o = Origin::Page {
            page: 3,
            bbox: [0.0, 0.0, 100.0, 10.0],
            cells: vec![[0.0, 0.0, 40.0, 10.0], [50.0, 0.0, 100.0, 10.0]],
        };
        let text = "合计\t730.03";
        assert_eq!(
            o.page_box(text, Some((3, 9))),
            Some((3, [50.0, 0.0, 100.0, 10.0]))
        );
        assert_eq!(
            o.page_box(text, Some((0, 2))),
            Some((3, [0.0, 0.0, 40.0, 10.0]))
        );
        // Across the TAB, or with no span: the line.
        assert_eq!(
            o.page_box(text, Some((0, 9))),
            Some((3, [0.0, 0.0, 100.0, 10.0]))
        );
        assert_eq!(o.page_box(text, None), Some((3, [0.0, 0.0, 100.0, 10.0])));
        assert_eq!(Origin::Docx { block: 1 }.page_box(text, None), None);
    }
}
