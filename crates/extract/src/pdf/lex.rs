//! A content-stream lexer: operators with their operands, as lopdf
//! objects, several times faster than lopdf's general parser on the
//! text-heavy streams disclosures are (it allocates only what an operator
//! keeps). Dictionaries (marked-content properties) are skipped; inline
//! image data is skipped up to its `EI`.

use lopdf::content::Operation;
use lopdf::{Object, StringFormat};

/// Most operands one operator keeps (a TJ array counts as one).
const MAX_OPERANDS: usize = 64;
/// Most items of one array operand.
const MAX_ARRAY: usize = 1 << 16;

pub fn operations(d: &[u8]) -> Operations<'_> {
    Operations {
        d,
        i: 0,
        operands: Vec::new(),
    }
}

/// The operations of a content stream, one at a time: a page's operations
/// are never all held at once (a page of CJK text has tens of thousands).
pub struct Operations<'a> {
    d: &'a [u8],
    i: usize,
    operands: Vec<Object>,
}

impl Iterator for Operations<'_> {
    type Item = Operation;

    fn next(&mut self) -> Option<Operation> {
        let d = self.d;
        while self.i < d.len() {
            let i = self.i;
            let c = d[i];
            if is_space(c) {
                self.i += 1;
                continue;
            }
            match c {
                b'%' => self.i = skip_comment(d, i),
                b'/' | b'(' | b'[' | b'<' | b'+' | b'-' | b'.' | b'0'..=b'9' => {
                    let (o, next) = operand(d, i, 0);
                    self.i = next.max(i + 1);
                    if let Some(o) = o {
                        if self.operands.len() < MAX_OPERANDS {
                            self.operands.push(o);
                        }
                    }
                }
                b']' | b')' | b'>' | b'{' | b'}' => self.i += 1,
                _ => {
                    let s = i;
                    let mut e = i;
                    while e < d.len() && !is_space(d[e]) && !is_delim(d[e]) {
                        e += 1;
                    }
                    let op = &d[s..e];
                    self.i = if op == b"ID" {
                        skip_inline_image(d, e)
                    } else {
                        e
                    };
                    match op {
                        b"true" => self.operands.push(Object::Boolean(true)),
                        b"false" => self.operands.push(Object::Boolean(false)),
                        b"null" => self.operands.push(Object::Null),
                        _ => {
                            return Some(Operation {
                                operator: String::from_utf8_lossy(op).into_owned(),
                                operands: std::mem::take(&mut self.operands),
                            })
                        }
                    }
                }
            }
        }
        None
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delim(c: u8) -> bool {
    b"()<>[]{}/%".contains(&c)
}

fn skip_comment(d: &[u8], mut i: usize) -> usize {
    while i < d.len() && d[i] != b'\n' && d[i] != b'\r' {
        i += 1;
    }
    i
}

/// After `ID`: one white-space byte, then data up to `EI` standing alone.
fn skip_inline_image(d: &[u8], mut i: usize) -> usize {
    i += 1;
    while i + 1 < d.len() {
        if d[i] == b'E'
            && d[i + 1] == b'I'
            && (i == 0 || is_space(d[i - 1]))
            && d.get(i + 2).is_none_or(|&c| is_space(c) || is_delim(c))
        {
            return i + 2;
        }
        i += 1;
    }
    d.len()
}

/// One operand at `i`; `None` for what no operator we run reads
/// (dictionaries). Returns the index after it.
fn operand(d: &[u8], mut i: usize, depth: usize) -> (Option<Object>, usize) {
    match d[i] {
        b'/' => {
            let s = i + 1;
            i += 1;
            while i < d.len() && !is_space(d[i]) && !is_delim(d[i]) {
                i += 1;
            }
            (Some(Object::Name(name(&d[s..i]))), i)
        }
        b'(' => {
            let (s, next) = literal(d, i);
            (Some(Object::String(s, StringFormat::Literal)), next)
        }
        b'<' if d.get(i + 1) == Some(&b'<') => (None, skip_dict(d, i)),
        b'<' => {
            let mut nib: Vec<u8> = Vec::new();
            i += 1;
            while i < d.len() && d[i] != b'>' {
                if let Some(v) = (d[i] as char).to_digit(16) {
                    nib.push(v as u8);
                }
                i += 1;
            }
            if nib.len() % 2 == 1 {
                nib.push(0);
            }
            let bytes = nib.chunks(2).map(|p| (p[0] << 4) | p[1]).collect();
            (
                Some(Object::String(bytes, StringFormat::Hexadecimal)),
                i + 1,
            )
        }
        b'[' => {
            let mut items = Vec::new();
            i += 1;
            while i < d.len() {
                let c = d[i];
                if is_space(c) {
                    i += 1;
                } else if c == b']' {
                    i += 1;
                    break;
                } else if c == b'%' {
                    i = skip_comment(d, i);
                } else if depth < 8 && b"/([<+-.0123456789".contains(&c) {
                    let (o, next) = operand(d, i, depth + 1);
                    i = next.max(i + 1);
                    if let Some(o) = o {
                        if items.len() < MAX_ARRAY {
                            items.push(o);
                        }
                    }
                } else {
                    // A stray keyword inside an array: skip it.
                    i += 1;
                    while i < d.len() && !is_space(d[i]) && !is_delim(d[i]) {
                        i += 1;
                    }
                }
            }
            (Some(Object::Array(items)), i)
        }
        _ => {
            let s = i;
            while i < d.len() && (d[i].is_ascii_digit() || b"+-.".contains(&d[i])) {
                i += 1;
            }
            let t = std::str::from_utf8(&d[s..i]).unwrap_or("");
            let o = if let Ok(n) = t.parse::<i64>() {
                Some(Object::Integer(n))
            } else {
                t.parse::<f32>()
                    .ok()
                    .or_else(|| lenient_real(t))
                    .map(Object::Real)
            };
            (o, i)
        }
    }
}

/// Numbers such as `-.5`, `4.` and the malformed `--3` or `1.2.3` some
/// producers write: read as far as they make sense.
fn lenient_real(t: &str) -> Option<f32> {
    let neg = t.starts_with('-');
    let body = t.trim_start_matches(['+', '-']);
    let mut end = 0;
    let mut dot = false;
    for (k, c) in body.char_indices() {
        if c == '.' && !dot {
            dot = true;
        } else if !c.is_ascii_digit() {
            break;
        }
        end = k + 1;
    }
    let v: f32 = match &body[..end] {
        "" | "." => 0.0,
        s => s.parse().ok()?,
    };
    Some(if neg { -v } else { v })
}

fn name(raw: &[u8]) -> Vec<u8> {
    if !raw.contains(&b'#') {
        return raw.to_vec();
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#' {
            let hex = raw
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

fn literal(d: &[u8], mut i: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut depth = 0usize;
    i += 1;
    while i < d.len() {
        let c = d[i];
        match c {
            b'\\' => {
                i += 1;
                let Some(&e) = d.get(i) else { break };
                match e {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'\r' => {
                        if d.get(i + 1) == Some(&b'\n') {
                            i += 1;
                        }
                    }
                    b'\n' => {}
                    b'0'..=b'7' => {
                        let mut v: u32 = 0;
                        let mut k = 0;
                        while k < 3 && i < d.len() && (b'0'..=b'7').contains(&d[i]) {
                            v = v * 8 + (d[i] - b'0') as u32;
                            i += 1;
                            k += 1;
                        }
                        out.push(v as u8);
                        continue;
                    }
                    other => out.push(other),
                }
                i += 1;
            }
            b'(' => {
                depth += 1;
                out.push(c);
                i += 1;
            }
            b')' => {
                if depth == 0 {
                    return (out, i + 1);
                }
                depth -= 1;
                out.push(c);
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    (out, i)
}

fn skip_dict(d: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < d.len() {
        match d[i] {
            b'<' if d.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 2;
            }
            b'>' if d.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            b'(' => i = literal(d, i).1,
            _ => i += 1,
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_text_and_paths() {
        let ops = operations(
            b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm [(a\\(b\\)) -250 <4E00>] TJ (x\\101) Tj ET\n\
              /P <</MCID 3>> BDC 0 0 10 10 re f EMC BI /W 1 /H 1 ID \x00EI\xff EI Q % note\nq",
        )
        .collect::<Vec<_>>();
        let names: Vec<&str> = ops.iter().map(|o| o.operator.as_str()).collect();
        assert_eq!(
            names,
            ["BT", "Tf", "Tm", "TJ", "Tj", "ET", "BDC", "re", "f", "EMC", "BI", "ID", "Q", "q"]
        );
        assert_eq!(ops[2].operands[5], Object::Real(-0.5));
        let Object::Array(items) = &ops[3].operands[0] else {
            panic!()
        };
        assert_eq!(
            items[0],
            Object::String(b"a(b)".to_vec(), StringFormat::Literal)
        );
        assert_eq!(items[1], Object::Integer(-250));
        assert_eq!(
            items[2],
            Object::String(vec![0x4e, 0], StringFormat::Hexadecimal)
        );
        assert_eq!(
            ops[4].operands[0],
            Object::String(b"xA".to_vec(), StringFormat::Literal)
        );
        assert_eq!(ops[6].operands, vec![Object::Name(b"P".to_vec())]);
    }
}
