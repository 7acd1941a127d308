//! The content stream of a page run far enough to know where every glyph
//! lands and where the ruling lines are, in points with the origin at the
//! top left of the page as displayed (after /Rotate).

use std::collections::{BTreeSet, HashMap};

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{number, resolve, Font};

/// Largest decoded content stream we read.
const MAX_CONTENT: usize = 64 * 1024 * 1024;
/// Nesting of form XObjects we follow.
const MAX_DEPTH: usize = 8;

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// One shown glyph with its text.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    /// Baseline (display y of the glyph origin).
    pub base: f32,
    /// Font size as displayed (em height in points).
    pub size: f32,
}

/// A horizontal or vertical ruling line.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub horizontal: bool,
    /// y of a horizontal rule, x of a vertical one.
    pub pos: f32,
    pub from: f32,
    pub to: f32,
}

/// What a page shows.
#[derive(Debug, Default)]
pub struct PageContent {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Images drawn (XObjects and inline images).
    pub images: usize,
    /// Glyphs whose font gives no text.
    pub unmapped: usize,
    /// The fonts of those glyphs.
    pub unmapped_fonts: BTreeSet<String>,
}

/// The page's default user space to display space.
struct PageBox {
    x0: f32,
    y0: f32,
    w: f32,
    h: f32,
    rotate: i64,
}

impl PageBox {
    fn map(&self, x: f32, y: f32) -> (f32, f32) {
        let (u, v) = (x - self.x0, y - self.y0);
        match self.rotate {
            90 => (v, u),
            180 => (self.w - u, v),
            270 => (self.h - v, self.w - u),
            _ => (u, self.h - v),
        }
    }
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<usize>,
    size: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    rise: f32,
    /// What the clipping path leaves visible, as a box in display space
    /// (x0, top, x1, bottom): the boxes of the paths clipped to, which hold
    /// the clipping region (a rectangle, as office suites clip a cell's
    /// text, is its own box).
    clip: Option<[f32; 4]>,
}

/// The fonts of a document, loaded once for all its pages.
#[derive(Default)]
pub struct Fonts {
    fonts: Vec<Font>,
    ids: HashMap<FontKey, usize>,
}

struct Ctx<'a> {
    doc: &'a Document,
    page: PageBox,
    fonts: &'a mut Fonts,
    out: PageContent,
    path: Vec<Vec<(f32, f32)>>,
    rects: Vec<usize>,
    /// The path has curves, whose control points are not in `path`.
    curved: bool,
    /// `W` or `W*` seen: the path, when painted, clips.
    clipping: bool,
}

#[derive(Hash, PartialEq, Eq)]
enum FontKey {
    Ref(ObjectId),
    Inline(usize, Vec<u8>),
}

/// Runs the content of one page.
pub fn run_page(
    doc: &Document,
    page_id: ObjectId,
    fonts: &mut Fonts,
) -> Result<PageContent, String> {
    let page = doc.get_dictionary(page_id).map_err(|e| e.to_string())?;
    let media = inherited(doc, page_id, b"MediaBox")
        .and_then(|o| o.as_array().ok().cloned())
        .and_then(|a| {
            let v: Vec<f32> = a
                .iter()
                .filter_map(|o| resolve(doc, Some(o)).and_then(number))
                .collect();
            (v.len() == 4).then_some(v)
        })
        .unwrap_or_else(|| vec![0.0, 0.0, 595.0, 842.0]);
    let rotate = inherited(doc, page_id, b"Rotate")
        .and_then(number)
        .map(|r| (r as i64).rem_euclid(360))
        .unwrap_or(0);
    let (x0, x1) = (media[0].min(media[2]), media[0].max(media[2]));
    let (y0, y1) = (media[1].min(media[3]), media[1].max(media[3]));
    let pb = PageBox {
        x0,
        y0,
        w: x1 - x0,
        h: y1 - y0,
        rotate,
    };
    let mut ctx = Ctx {
        doc,
        page: pb,
        fonts,
        out: PageContent::default(),
        path: Vec::new(),
        rects: Vec::new(),
        curved: false,
        clipping: false,
    };
    let resources = inherited(doc, page_id, b"Resources").and_then(|o| o.as_dict().ok());
    let content = page_content(doc, page)?;
    let state = State {
        ctm: IDENTITY,
        font: None,
        size: 0.0,
        char_space: 0.0,
        word_space: 0.0,
        scale: 1.0,
        leading: 0.0,
        rise: 0.0,
        clip: None,
    };
    ctx.run(&content, resources, state, 0);
    Ok(ctx.out)
}

fn inherited<'a>(doc: &'a Document, page_id: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut dict = doc.get_dictionary(page_id).ok()?;
    for _ in 0..32 {
        if let Ok(o) = dict.get(key) {
            return resolve(doc, Some(o));
        }
        let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn page_content(doc: &Document, page: &Dictionary) -> Result<Vec<u8>, String> {
    let mut data = Vec::new();
    let streams: Vec<&Object> = match page
        .get(b"Contents")
        .ok()
        .and_then(|o| resolve(doc, Some(o)))
    {
        None => return Ok(data),
        Some(Object::Array(a)) => a.iter().collect(),
        Some(o) => vec![o],
    };
    for s in streams {
        let Some(Object::Stream(s)) = resolve(doc, Some(s)) else {
            continue;
        };
        let bytes = if s.dict.get(b"Filter").is_ok() {
            s.decompressed_content_with_limit(MAX_CONTENT)
                .map_err(|e| format!("content stream: {e}"))?
        } else {
            s.content.clone()
        };
        data.extend_from_slice(&bytes);
        data.push(b'\n');
    }
    Ok(data)
}

fn nums(ops: &[Object]) -> Vec<f32> {
    ops.iter().filter_map(number).collect()
}

impl Ctx<'_> {
    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<usize> {
        let fonts = resources
            .and_then(|r| resolve(self.doc, r.get(b"Font").ok()))
            .and_then(|o| o.as_dict().ok())?;
        let entry = fonts.get(name).ok()?;
        let key = match entry {
            Object::Reference(id) => FontKey::Ref(*id),
            _ => FontKey::Inline(fonts as *const Dictionary as usize, name.to_vec()),
        };
        if let Some(&i) = self.fonts.ids.get(&key) {
            return Some(i);
        }
        let dict = resolve(self.doc, Some(entry))?.as_dict().ok()?;
        let font = Font::load(self.doc, dict);
        self.fonts.fonts.push(font);
        let i = self.fonts.fonts.len() - 1;
        self.fonts.ids.insert(key, i);
        Some(i)
    }

    fn run(&mut self, data: &[u8], resources: Option<&Dictionary>, mut gs: State, depth: usize) {
        let mut stack: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        for op in super::lex::operations(data) {
            let op = &op;
            let o = &op.operands;
            if self.clipping
                && matches!(
                    op.operator.as_str(),
                    "n" | "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*"
                )
            {
                self.clip(&mut gs);
            }
            match op.operator.as_str() {
                "q" if stack.len() < 1024 => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    let n = nums(o);
                    if n.len() == 6 {
                        gs.ctm = mul(&[n[0], n[1], n[2], n[3], n[4], n[5]], &gs.ctm);
                    }
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    if let (Some(Object::Name(n)), Some(size)) =
                        (o.first(), o.get(1).and_then(number))
                    {
                        gs.font = self.font(resources, n);
                        gs.size = size;
                    }
                }
                "Tc" => gs.char_space = o.first().and_then(number).unwrap_or(0.0),
                "Tw" => gs.word_space = o.first().and_then(number).unwrap_or(0.0),
                "Tz" => gs.scale = o.first().and_then(number).unwrap_or(100.0) / 100.0,
                "TL" => gs.leading = o.first().and_then(number).unwrap_or(0.0),
                "Ts" => gs.rise = o.first().and_then(number).unwrap_or(0.0),
                "Td" | "TD" => {
                    let n = nums(o);
                    if n.len() == 2 {
                        if op.operator == "TD" {
                            gs.leading = -n[1];
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, n[0], n[1]], &tlm);
                        tm = tlm;
                    }
                }
                "Tm" => {
                    let n = nums(o);
                    if n.len() == 6 {
                        tlm = [n[0], n[1], n[2], n[3], n[4], n[5]];
                        tm = tlm;
                    }
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = o.first() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                "'" | "\"" => {
                    if op.operator == "\"" && o.len() == 3 {
                        gs.word_space = number(&o[0]).unwrap_or(0.0);
                        gs.char_space = number(&o[1]).unwrap_or(0.0);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    if let Some(Object::String(s, _)) = o.last() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(s, &gs, &mut tm),
                                other => {
                                    if let Some(adj) = number(other) {
                                        let tx = -adj / 1000.0 * gs.size * gs.scale;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "m" => {
                    let n = nums(o);
                    if n.len() == 2 {
                        let p = self.to_page(&gs.ctm, n[0], n[1]);
                        self.path.push(vec![p]);
                    }
                }
                "l" => {
                    let n = nums(o);
                    if n.len() == 2 {
                        let p = self.to_page(&gs.ctm, n[0], n[1]);
                        match self.path.last_mut() {
                            Some(sp) => sp.push(p),
                            None => self.path.push(vec![p]),
                        }
                    }
                }
                "c" | "v" | "y" => {
                    // Curves are no rulings: end the straight run here.
                    let n = nums(o);
                    if n.len() >= 2 {
                        let p = self.to_page(&gs.ctm, n[n.len() - 2], n[n.len() - 1]);
                        self.path.push(vec![p]);
                    }
                    self.curved = true;
                }
                "W" | "W*" => self.clipping = true,
                "h" => {
                    if let Some(sp) = self.path.last_mut() {
                        if sp.len() > 2 {
                            let first = sp[0];
                            sp.push(first);
                        }
                    }
                }
                "re" => {
                    let n = nums(o);
                    if n.len() == 4 {
                        let (x, y, w, h) = (n[0], n[1], n[2], n[3]);
                        let pts = vec![
                            self.to_page(&gs.ctm, x, y),
                            self.to_page(&gs.ctm, x + w, y),
                            self.to_page(&gs.ctm, x + w, y + h),
                            self.to_page(&gs.ctm, x, y + h),
                            self.to_page(&gs.ctm, x, y),
                        ];
                        self.rects.push(self.path.len());
                        self.path.push(pts);
                    }
                }
                "S" | "s" => self.paint(true, false),
                "f" | "F" | "f*" => self.paint(false, true),
                "B" | "B*" | "b" | "b*" => self.paint(true, true),
                "n" => {
                    self.path.clear();
                    self.rects.clear();
                    self.curved = false;
                }
                "BI" | "ID" => self.out.images += 1,
                "Do" => {
                    if let Some(Object::Name(n)) = o.first() {
                        self.xobject(resources, n, &gs, depth);
                    }
                }
                _ => {}
            }
        }
    }

    fn to_page(&self, ctm: &Matrix, x: f32, y: f32) -> (f32, f32) {
        let (x, y) = apply(ctm, x, y);
        self.page.map(x, y)
    }

    /// The current path becomes part of the clipping path: what is visible
    /// is within its box. A path with curves leaves the box as it was (its
    /// control points may stand outside the points we keep).
    fn clip(&mut self, gs: &mut State) {
        self.clipping = false;
        let points = self.path.iter().flatten();
        if self.curved || self.path.iter().all(|sp| sp.len() < 2) {
            return;
        }
        let mut b = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
        for &(x, y) in points {
            b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
        }
        if !b.iter().all(|v| v.is_finite()) {
            return;
        }
        gs.clip = Some(match gs.clip {
            Some(c) => [
                c[0].max(b[0]),
                c[1].max(b[1]),
                c[2].min(b[2]),
                c[3].min(b[3]),
            ],
            None => b,
        });
    }

    fn paint(&mut self, stroke: bool, fill: bool) {
        self.curved = false;
        let path = std::mem::take(&mut self.path);
        let rects = std::mem::take(&mut self.rects);
        for (i, sp) in path.iter().enumerate() {
            let is_rect = rects.contains(&i);
            if fill && is_rect && !stroke {
                let xs = sp.iter().map(|p| p.0);
                let ys = sp.iter().map(|p| p.1);
                let (x0, x1) = (
                    xs.clone().fold(f32::MAX, f32::min),
                    xs.fold(f32::MIN, f32::max),
                );
                let (y0, y1) = (
                    ys.clone().fold(f32::MAX, f32::min),
                    ys.fold(f32::MIN, f32::max),
                );
                let (w, h) = (x1 - x0, y1 - y0);
                if h <= 3.0 && w > h {
                    self.rule(true, (y0 + y1) / 2.0, x0, x1);
                    continue;
                }
                if w <= 3.0 && h > w {
                    self.rule(false, (x0 + x1) / 2.0, y0, y1);
                    continue;
                }
            }
            if !stroke && !is_rect {
                continue;
            }
            for seg in sp.windows(2) {
                let ((ax, ay), (bx, by)) = (seg[0], seg[1]);
                if (ay - by).abs() < 0.5 && (ax - bx).abs() > 1.0 {
                    self.rule(true, (ay + by) / 2.0, ax.min(bx), ax.max(bx));
                } else if (ax - bx).abs() < 0.5 && (ay - by).abs() > 1.0 {
                    self.rule(false, (ax + bx) / 2.0, ay.min(by), ay.max(by));
                }
            }
        }
    }

    fn rule(&mut self, horizontal: bool, pos: f32, from: f32, to: f32) {
        if pos.is_finite() && from.is_finite() && to.is_finite() && self.out.rules.len() < 200_000 {
            self.out.rules.push(Rule {
                horizontal,
                pos,
                from,
                to,
            });
        }
    }

    fn xobject(&mut self, resources: Option<&Dictionary>, name: &[u8], gs: &State, depth: usize) {
        let doc = self.doc;
        let Some(Object::Stream(s)) = resources
            .and_then(|r| resolve(doc, r.get(b"XObject").ok()))
            .and_then(|o| o.as_dict().ok())
            .and_then(|x| resolve(doc, x.get(name).ok()))
        else {
            return;
        };
        match s.dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) {
            Some(b"Image") => self.out.images += 1,
            Some(b"Form") if depth < MAX_DEPTH => {
                let Ok(data) = (if s.dict.get(b"Filter").is_ok() {
                    s.decompressed_content_with_limit(MAX_CONTENT)
                } else {
                    Ok(s.content.clone())
                }) else {
                    return;
                };
                let mut inner = gs.clone();
                if let Some(m) =
                    resolve(doc, s.dict.get(b"Matrix").ok()).and_then(|o| o.as_array().ok())
                {
                    let n = nums(m);
                    if n.len() == 6 {
                        inner.ctm = mul(&[n[0], n[1], n[2], n[3], n[4], n[5]], &inner.ctm);
                    }
                }
                let res = resolve(doc, s.dict.get(b"Resources").ok())
                    .and_then(|o| o.as_dict().ok())
                    .or(resources);
                let saved_path = std::mem::take(&mut self.path);
                let saved_rects = std::mem::take(&mut self.rects);
                let saved = (self.curved, self.clipping);
                (self.curved, self.clipping) = (false, false);
                self.run(&data, res, inner, depth + 1);
                self.path = saved_path;
                self.rects = saved_rects;
                (self.curved, self.clipping) = saved;
            }
            _ => {}
        }
    }

    fn show(&mut self, bytes: &[u8], gs: &State, tm: &mut Matrix) {
        let Some(fi) = gs.font else {
            return;
        };
        let font = &self.fonts.fonts[fi];
        let scale = font.scale;
        let codes = font.codes(bytes);
        for code in codes {
            let font = &self.fonts.fonts[fi];
            let w0 = font.width(code.code) * scale;
            let text = font.text(code.code);
            let space = if font.is_space(&code) {
                gs.word_space
            } else {
                0.0
            };
            let trm = mul(
                &mul(&[gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise], tm),
                &gs.ctm,
            );
            match text {
                Some(t) if t.chars().any(unreadable) => self.unmapped(fi),
                None => self.unmapped(fi),
                Some(t) if t.trim().is_empty() => {}
                Some(t) => {
                    let corners = [(0.0, -0.2), (w0, -0.2), (0.0, 0.8), (w0, 0.8)];
                    let mut x0 = f32::MAX;
                    let mut x1 = f32::MIN;
                    let mut y0 = f32::MAX;
                    let mut y1 = f32::MIN;
                    for (cx, cy) in corners {
                        let (px, py) = self.to_page(&trm, cx, cy);
                        x0 = x0.min(px);
                        x1 = x1.max(px);
                        y0 = y0.min(py);
                        y1 = y1.max(py);
                    }
                    // Text outside the clipping path is not seen (an office
                    // suite draws a merged cell's text at the middle of the
                    // cell, on a page of its own, and clips it to the
                    // part of the cell on this page).
                    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
                    let hidden = gs.clip.is_some_and(|c| {
                        cx < c[0] - 1.0 || cx > c[2] + 1.0 || cy < c[1] - 1.0 || cy > c[3] + 1.0
                    });
                    let (_, base) = self.to_page(&trm, 0.0, 0.0);
                    let (ox, oy) = self.to_page(&trm, 0.0, 0.0);
                    let (ux, uy) = self.to_page(&trm, 0.0, 1.0);
                    let size = ((ux - ox).powi(2) + (uy - oy).powi(2)).sqrt();
                    if !hidden
                        && x0.is_finite()
                        && x1.is_finite()
                        && y0.is_finite()
                        && y1.is_finite()
                        && self.out.glyphs.len() < 2_000_000
                    {
                        self.out.glyphs.push(Glyph {
                            text: t,
                            x0,
                            x1,
                            top: y0,
                            bottom: y1,
                            base,
                            size,
                        });
                    }
                }
            }
            let tx = (w0 * gs.size + gs.char_space + space) * gs.scale;
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
        }
    }

    fn unmapped(&mut self, fi: usize) {
        self.out.unmapped += 1;
        let name = &self.fonts.fonts[fi].name;
        if !self.out.unmapped_fonts.contains(name) {
            self.out.unmapped_fonts.insert(name.clone());
        }
    }
}

/// Text that stands for no character: the replacement character, private
/// use code points, controls.
pub fn unreadable(c: char) -> bool {
    c == '\u{fffd}'
        || ('\u{e000}'..='\u{f8ff}').contains(&c)
        || ('\u{f0000}'..='\u{10ffff}').contains(&c)
        || (c.is_control() && !c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use lopdf::{dictionary, Document, Object, Stream};

    /// A one-page document with a standard font and the given content.
    fn page(content: &str) -> (Document, lopdf::ObjectId) {
        let mut doc = Document::with_version("1.5");
        let font = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        let content = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Contents" => content,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page.into()],
                "Count" => 1,
            }),
        );
        (doc, page)
    }

    fn texts(content: &str) -> String {
        let (doc, id) = page(content);
        let c = super::run_page(&doc, id, &mut super::Fonts::default()).unwrap();
        c.glyphs.iter().map(|g| g.text.as_str()).collect()
    }

    #[test]
    fn text_outside_the_clipping_path_is_not_seen() {
        // A merged cell's text drawn at the middle of the cell, below the
        // part of the cell on this page, clipped to that part (as Calc
        // prints a merged cell across a page break).
        let clipped = "q 10 700 200 20 re W* n BT /F1 10 Tf 20 30 Td (Hid) Tj ET Q \
                       BT /F1 10 Tf 20 705 Td (Seen) Tj ET";
        assert_eq!(texts(clipped), "Seen");
        // Inside the clip, and after the Q that ends it, text is seen.
        let inside = "q 10 700 200 20 re W n BT /F1 10 Tf 20 705 Td (In) Tj ET Q \
                      BT /F1 10 Tf 20 30 Td (Out) Tj ET";
        assert_eq!(texts(inside), "InOut");
        // A clip by a curved path is not known by its points: nothing hidden.
        let curved = "q 10 700 m 100 800 200 800 210 700 c W n BT /F1 10 Tf 20 30 Td (A) Tj ET Q";
        assert_eq!(texts(curved), "A");
    }
}
