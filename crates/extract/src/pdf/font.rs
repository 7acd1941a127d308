//! Fonts as far as text extraction needs them: how a string splits into
//! character codes, the Unicode text of each code, and its advance width.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

/// Largest decoded font-program-free stream we read (a ToUnicode CMap).
const MAX_CMAP: usize = 8 * 1024 * 1024;

/// One font of a page's resources.
#[derive(Debug, Clone)]
pub struct Font {
    /// The font's /BaseFont, for messages.
    pub name: String,
    /// Two-byte (or CMap-defined) codes, as a Type0 font has.
    composite: bool,
    /// Code space ranges by byte length (from the encoding or ToUnicode CMap).
    code_lengths: Vec<(u8, Vec<u8>, Vec<u8>)>,
    /// Code → text from /ToUnicode.
    to_unicode: HashMap<u32, String>,
    /// A predefined Unicode encoding CMap (UniGB-UCS2-H, …): the codes are
    /// UTF-16 code units.
    unicode_codes: bool,
    /// A predefined GB CMap (GBK-EUC-H, GB-EUC-H, …): the codes are GBK bytes.
    gb_codes: bool,
    /// Simple font without ToUnicode: the code is read as WinAnsi/Latin-1.
    latin_fallback: bool,
    /// Codes named by the encoding's /Differences (a glyph name we know
    /// the character of, or `None` for one we do not).
    differences: HashMap<u32, Option<char>>,
    /// Advance widths in glyph space units (1/1000 em unless Type3).
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Glyph space to text space (0.001 except for Type3 fonts).
    pub scale: f32,
}

/// One character code of a shown string.
pub struct Code {
    pub code: u32,
    pub len: usize,
}

impl Font {
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let name = dict
            .get(b"BaseFont")
            .ok()
            .and_then(|o| o.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_else(|| "(unnamed)".to_string());
        let subtype = name_of(doc, dict.get(b"Subtype").ok());
        let composite = subtype.as_deref() == Some(b"Type0".as_slice());
        let mut font = Font {
            name,
            composite,
            code_lengths: Vec::new(),
            to_unicode: HashMap::new(),
            unicode_codes: false,
            gb_codes: false,
            latin_fallback: false,
            differences: HashMap::new(),
            widths: HashMap::new(),
            default_width: if composite { 1000.0 } else { 500.0 },
            scale: 0.001,
        };
        if let Some(stream) = resolve(doc, dict.get(b"ToUnicode").ok()).and_then(stream_bytes) {
            parse_cmap(&stream, &mut font.to_unicode, &mut font.code_lengths);
        }
        if composite {
            font.code_lengths.clear();
            match resolve(doc, dict.get(b"Encoding").ok()) {
                Some(Object::Name(n)) => {
                    let n = String::from_utf8_lossy(n);
                    if n.starts_with("Uni") && (n.contains("UCS2") || n.contains("UTF16")) {
                        font.unicode_codes = true;
                    } else if n.starts_with("GB") && n.contains("EUC") || n.starts_with("GBK") {
                        font.gb_codes = true;
                    }
                }
                Some(o @ Object::Stream(_)) => {
                    if let Some(bytes) = stream_bytes(o) {
                        let mut ignore = HashMap::new();
                        parse_cmap(&bytes, &mut ignore, &mut font.code_lengths);
                    }
                }
                _ => {}
            }
            let descendant = resolve(doc, dict.get(b"DescendantFonts").ok())
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| resolve(doc, Some(o)))
                .and_then(|o| o.as_dict().ok());
            if let Some(d) = descendant {
                if let Some(dw) = resolve(doc, d.get(b"DW").ok()).and_then(number) {
                    font.default_width = dw;
                }
                if let Some(w) = resolve(doc, d.get(b"W").ok()).and_then(|o| o.as_array().ok()) {
                    font.read_cid_widths(doc, w);
                }
            }
        } else {
            if font.to_unicode.is_empty() {
                font.read_simple_encoding(doc, dict);
            }
            if subtype.as_deref() == Some(b"Type3".as_slice()) {
                if let Some(m) =
                    resolve(doc, dict.get(b"FontMatrix").ok()).and_then(|o| o.as_array().ok())
                {
                    if let Some(a) = m
                        .first()
                        .and_then(|o| resolve(doc, Some(o)))
                        .and_then(number)
                    {
                        font.scale = a.abs();
                    }
                }
            }
            let first = resolve(doc, dict.get(b"FirstChar").ok())
                .and_then(number)
                .unwrap_or(0.0) as u32;
            if let Some(w) = resolve(doc, dict.get(b"Widths").ok()).and_then(|o| o.as_array().ok())
            {
                for (i, o) in w.iter().enumerate() {
                    if let Some(v) = resolve(doc, Some(o)).and_then(number) {
                        font.widths.insert(first + i as u32, v);
                    }
                }
            }
            if let Some(desc) =
                resolve(doc, dict.get(b"FontDescriptor").ok()).and_then(|o| o.as_dict().ok())
            {
                if let Some(mw) = resolve(doc, desc.get(b"MissingWidth").ok()).and_then(number) {
                    if mw > 0.0 {
                        font.default_width = mw;
                    }
                }
            }
        }
        font
    }

    /// A simple font without ToUnicode is read through its encoding only
    /// when the codes are known to be Latin: a standard encoding named, or
    /// a non-symbolic or standard-14 font; glyph names of /Differences are
    /// read where they are standard names. A symbolic subset font with no
    /// encoding has codes that mean nothing without the font program.
    fn read_simple_encoding(&mut self, doc: &Document, dict: &Dictionary) {
        let standard = |n: &[u8]| {
            matches!(
                n,
                b"WinAnsiEncoding" | b"MacRomanEncoding" | b"StandardEncoding" | b"PDFDocEncoding"
            )
        };
        let symbolic = resolve(doc, dict.get(b"FontDescriptor").ok())
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| resolve(doc, d.get(b"Flags").ok()))
            .and_then(number)
            .map(|f| (f as u32) & 4 != 0 && (f as u32) & 32 == 0);
        let base14 = {
            let n = match self.name.split_once('+') {
                Some((tag, rest)) if tag.len() == 6 => rest,
                _ => self.name.as_str(),
            };
            ["Helvetica", "Times", "Courier", "Arial", "Symbol"]
                .iter()
                .any(|b| n.starts_with(b))
                && dict.get(b"FontDescriptor").is_err()
        };
        match resolve(doc, dict.get(b"Encoding").ok()) {
            Some(Object::Name(n)) => self.latin_fallback = standard(n),
            Some(Object::Dictionary(e)) => {
                self.latin_fallback = match resolve(doc, e.get(b"BaseEncoding").ok()) {
                    Some(Object::Name(n)) => standard(n),
                    _ => symbolic == Some(false) || base14,
                };
                if let Some(diffs) =
                    resolve(doc, e.get(b"Differences").ok()).and_then(|o| o.as_array().ok())
                {
                    let mut code = 0u32;
                    for o in diffs {
                        match resolve(doc, Some(o)) {
                            Some(Object::Integer(c)) => code = (*c).clamp(0, 255) as u32,
                            Some(Object::Name(n)) => {
                                self.differences.insert(code, glyph_char(n));
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => self.latin_fallback = symbolic == Some(false) || base14,
        }
    }

    fn read_cid_widths(&mut self, doc: &Document, w: &[Object]) {
        let mut i = 0;
        while i < w.len() {
            let Some(first) = resolve(doc, Some(&w[i])).and_then(number) else {
                break;
            };
            let first = first as u32;
            match w.get(i + 1).and_then(|o| resolve(doc, Some(o))) {
                Some(Object::Array(list)) => {
                    for (k, o) in list.iter().enumerate().take(65536) {
                        if let Some(v) = resolve(doc, Some(o)).and_then(number) {
                            self.widths.insert(first + k as u32, v);
                        }
                    }
                    i += 2;
                }
                Some(o) => {
                    let (Some(last), Some(v)) = (
                        number(o),
                        w.get(i + 2)
                            .and_then(|o| resolve(doc, Some(o)))
                            .and_then(number),
                    ) else {
                        break;
                    };
                    let last = (last as u32).min(first.saturating_add(65536));
                    for c in first..=last {
                        self.widths.insert(c, v);
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    /// The codes of a shown string.
    pub fn codes(&self, bytes: &[u8]) -> Vec<Code> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let len = if self.gb_codes {
                if bytes[i] < 0x81 {
                    1
                } else {
                    2
                }
            } else if self.composite {
                self.code_len(&bytes[i..]).unwrap_or(2)
            } else {
                1
            };
            let len = len.min(bytes.len() - i).max(1);
            let code = bytes[i..i + len]
                .iter()
                .fold(0u32, |a, &b| (a << 8) | b as u32);
            out.push(Code { code, len });
            i += len;
        }
        out
    }

    fn code_len(&self, rest: &[u8]) -> Option<usize> {
        if self.code_lengths.is_empty() {
            return None;
        }
        for (len, lo, hi) in &self.code_lengths {
            let len = *len as usize;
            if rest.len() >= len && (0..len).all(|k| rest[k] >= lo[k] && rest[k] <= hi[k]) {
                return Some(len);
            }
        }
        None
    }

    /// The text of a code; `None` when the font does not say.
    pub fn text(&self, code: u32) -> Option<String> {
        if let Some(t) = self.to_unicode.get(&code) {
            return Some(t.clone());
        }
        if self.unicode_codes {
            return char::from_u32(code).map(String::from);
        }
        if self.gb_codes {
            let bytes = if code > 0xff {
                vec![(code >> 8) as u8, code as u8]
            } else {
                vec![code as u8]
            };
            let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
            return (!bad).then(|| text.into_owned());
        }
        if let Some(named) = self.differences.get(&code) {
            return named.map(String::from);
        }
        if self.latin_fallback && (32..256).contains(&code) {
            return Some(win_ansi(code as u8).to_string());
        }
        None
    }

    /// Advance width of a code in glyph space units.
    pub fn width(&self, code: u32) -> f32 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
    }

    /// A single-byte code 32 gets the word spacing.
    pub fn is_space(&self, code: &Code) -> bool {
        code.len == 1 && code.code == 32
    }
}

/// The character of a standard glyph name (the Latin names a budget table
/// uses, `uniXXXX` and `uXXXX[XX]`); `None` for any other name.
fn glyph_char(name: &[u8]) -> Option<char> {
    let n = std::str::from_utf8(name).ok()?;
    if n.len() == 1 && n.as_bytes()[0].is_ascii_alphabetic() {
        return n.chars().next();
    }
    if let Some(h) = n.strip_prefix("uni").filter(|h| h.len() == 4) {
        return u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    }
    if let Some(h) = n.strip_prefix('u').filter(|h| (4..=6).contains(&h.len())) {
        return u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    }
    const NAMES: [(&str, char); 30] = [
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("space", ' '),
        ("period", '.'),
        ("comma", ','),
        ("percent", '%'),
        ("hyphen", '-'),
        ("minus", '-'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("slash", '/'),
        ("plus", '+'),
        ("equal", '='),
        ("bracketleft", '['),
        ("bracketright", ']'),
        ("quoteright", '’'),
        ("quoteleft", '‘'),
        ("endash", '–'),
        ("emdash", '—'),
        ("bullet", '•'),
    ];
    NAMES.iter().find(|(k, _)| *k == n).map(|(_, c)| *c)
}

fn win_ansi(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{fffd}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{fffd}', 'Ž',
        '\u{fffd}', '\u{fffd}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ',
        '\u{fffd}', 'ž', 'Ÿ',
    ];
    if (0x80..0xa0).contains(&b) {
        HIGH[(b - 0x80) as usize]
    } else {
        b as char
    }
}

pub fn resolve<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Object> {
    let mut o = o?;
    for _ in 0..16 {
        match o {
            Object::Reference(id) => o = doc.get_object(*id).ok()?,
            _ => return Some(o),
        }
    }
    None
}

fn name_of(doc: &Document, o: Option<&Object>) -> Option<Vec<u8>> {
    resolve(doc, o)?.as_name().ok().map(|n| n.to_vec())
}

pub fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

fn stream_bytes(o: &Object) -> Option<Vec<u8>> {
    let s = o.as_stream().ok()?;
    if s.dict.get(b"Filter").is_ok() {
        s.decompressed_content_with_limit(MAX_CMAP).ok()
    } else {
        Some(s.content.clone())
    }
}

/// Reads `bfchar`, `bfrange` and `codespacerange` sections of a CMap.
pub fn parse_cmap(
    data: &[u8],
    map: &mut HashMap<u32, String>,
    lengths: &mut Vec<(u8, Vec<u8>, Vec<u8>)>,
) {
    let toks = tokens(data);
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Op(op) if op == b"begincodespacerange" => {
                i += 1;
                while i + 1 < toks.len() {
                    match (&toks[i], &toks[i + 1]) {
                        (Tok::Hex(lo), Tok::Hex(hi))
                            if lo.len() == hi.len() && !lo.is_empty() && lo.len() <= 4 =>
                        {
                            lengths.push((lo.len() as u8, lo.clone(), hi.clone()));
                            i += 2;
                        }
                        _ => break,
                    }
                }
            }
            Tok::Op(op) if op == b"beginbfchar" => {
                i += 1;
                while i + 1 < toks.len() {
                    match (&toks[i], &toks[i + 1]) {
                        (Tok::Hex(src), Tok::Hex(dst)) => {
                            map.insert(be(src), utf16(dst));
                            i += 2;
                        }
                        (Tok::Hex(src), Tok::Name(n)) => {
                            map.insert(be(src), String::from_utf8_lossy(n).into_owned());
                            i += 2;
                        }
                        _ => break,
                    }
                }
            }
            Tok::Op(op) if op == b"beginbfrange" => {
                i += 1;
                while i + 2 < toks.len() {
                    let (Tok::Hex(lo), Tok::Hex(hi)) = (&toks[i], &toks[i + 1]) else {
                        break;
                    };
                    let (lo, hi) = (be(lo), be(hi));
                    if hi < lo || hi - lo > 65535 {
                        i += 3;
                        continue;
                    }
                    match &toks[i + 2] {
                        Tok::Hex(dst) => {
                            let mut units: Vec<u16> = dst
                                .chunks(2)
                                .map(|c| {
                                    if c.len() == 2 {
                                        u16::from_be_bytes([c[0], c[1]])
                                    } else {
                                        c[0] as u16
                                    }
                                })
                                .collect();
                            for code in lo..=hi {
                                map.insert(code, String::from_utf16_lossy(&units));
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(1);
                                }
                            }
                            i += 3;
                        }
                        Tok::ArrayStart => {
                            let mut k = i + 3;
                            let mut code = lo;
                            while k < toks.len() {
                                match &toks[k] {
                                    Tok::Hex(dst) => {
                                        if code <= hi {
                                            map.insert(code, utf16(dst));
                                        }
                                        code += 1;
                                    }
                                    Tok::ArrayEnd => break,
                                    _ => {}
                                }
                                k += 1;
                            }
                            i = k + 1;
                        }
                        _ => break,
                    }
                }
            }
            _ => i += 1,
        }
    }
}

fn be(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0u32, |a, &x| (a << 8) | x as u32)
}

fn utf16(b: &[u8]) -> String {
    let units: Vec<u16> = b
        .chunks(2)
        .map(|c| {
            if c.len() == 2 {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                c[0] as u16
            }
        })
        .collect();
    String::from_utf16_lossy(&units)
}

enum Tok {
    Hex(Vec<u8>),
    Name(Vec<u8>),
    Op(Vec<u8>),
    ArrayStart,
    ArrayEnd,
    Other,
}

fn tokens(d: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < d.len() {
        let c = d[i];
        match c {
            b'%' => {
                while i < d.len() && d[i] != b'\n' && d[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if d.get(i + 1) == Some(&b'<') => {
                out.push(Tok::Other);
                i += 2;
            }
            b'>' if d.get(i + 1) == Some(&b'>') => {
                out.push(Tok::Other);
                i += 2;
            }
            b'<' => {
                let mut nib = Vec::new();
                i += 1;
                while i < d.len() && d[i] != b'>' {
                    if let Some(v) = (d[i] as char).to_digit(16) {
                        nib.push(v as u8);
                    }
                    i += 1;
                }
                i += 1;
                if nib.len() % 2 == 1 {
                    nib.push(0);
                }
                out.push(Tok::Hex(nib.chunks(2).map(|p| p[0] << 4 | p[1]).collect()));
            }
            b'[' => {
                out.push(Tok::ArrayStart);
                i += 1;
            }
            b']' => {
                out.push(Tok::ArrayEnd);
                i += 1;
            }
            b'(' => {
                // Literal strings do not occur in the sections we read; skip.
                let mut depth = 0;
                while i < d.len() {
                    match d[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
                out.push(Tok::Other);
            }
            b'/' => {
                let s = i + 1;
                i += 1;
                while i < d.len() && !is_delim(d[i]) {
                    i += 1;
                }
                out.push(Tok::Name(d[s..i].to_vec()));
            }
            _ if c.is_ascii_whitespace() || c == 0 => i += 1,
            _ => {
                let s = i;
                while i < d.len() && !is_delim(d[i]) {
                    i += 1;
                }
                if i == s {
                    i += 1;
                    out.push(Tok::Other);
                } else {
                    out.push(Tok::Op(d[s..i].to_vec()));
                }
            }
        }
    }
    out
}

fn is_delim(c: u8) -> bool {
    c.is_ascii_whitespace() || c == 0 || b"()<>[]{}/%".contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_sections() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <0020> <0010> <4E00> endbfchar\n\
            1 beginbfrange <0020> <0022> <0041> endbfrange\n\
            1 beginbfrange <0030> <0031> [<9884> <7B97>] endbfrange";
        let mut map = HashMap::new();
        let mut lens = Vec::new();
        parse_cmap(cmap, &mut map, &mut lens);
        assert_eq!(map[&0x10], "一");
        assert_eq!(map[&0x22], "C");
        assert_eq!(map[&0x31], "算");
        assert_eq!(lens.len(), 1);
        assert_eq!(lens[0].0, 2);
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_char(b"five"), Some('5'));
        assert_eq!(glyph_char(b"uni4E00"), Some('一'));
        assert_eq!(glyph_char(b"A"), Some('A'));
        assert_eq!(glyph_char(b"g123"), None);
        assert_eq!(glyph_char(b"cid00042"), None);
    }
}
