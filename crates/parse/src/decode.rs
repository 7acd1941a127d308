//! Bytes to text: UTF-8 with or without BOM, or GB18030/GBK (detected), with
//! line endings normalised. Binary data is refused rather than guessed at.

use encoding_rs::GB18030;
use std::borrow::Cow;

/// Why bytes are not a text we can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is binary data, not text (a NUL byte at offset {offset})")]
    Binary { offset: usize },
    #[error("the file is neither UTF-8 nor GB18030 text (invalid bytes at offset {offset})")]
    Undecodable { offset: usize },
}

/// The encoding a text was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gb18030,
}

/// Decode a file's bytes. UTF-8 is tried first (a BOM is dropped); if the
/// bytes are not UTF-8 they must decode cleanly as GB18030 (a superset of GBK
/// and GB2312), or the file is refused.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    // `contains` on bytes is a fast search; most texts have no NUL.
    if body.contains(&0) {
        let offset = body.iter().position(|b| *b == 0).unwrap_or(0);
        return Err(DecodeError::Binary { offset });
    }
    let (text, encoding) = match std::str::from_utf8(body) {
        Ok(s) => (Cow::Borrowed(s), Encoding::Utf8),
        Err(utf8) => {
            let (cow, had_errors) = GB18030.decode_without_bom_handling(body);
            if had_errors {
                return Err(DecodeError::Undecodable {
                    offset: utf8.valid_up_to(),
                });
            }
            (cow, Encoding::Gb18030)
        }
    };
    // Control characters other than TAB and line ends mean this is not a
    // text extraction of a document.
    if let Some(offset) = control_at(&text) {
        return Err(DecodeError::Binary { offset });
    }
    Ok((line_ends(&text), encoding))
}

/// The byte offset of the first control character (`char::is_control`:
/// U+0000…U+001F, U+007F…U+009F) other than TAB, LF, CR and FF. Scanned by
/// bytes: U+0080…U+009F are the only ones outside ASCII, written C2 80…C2 9F.
fn control_at(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // A pass over every byte without an early exit, which the compiler can
    // do many bytes at a time, rules out nearly every text.
    let suspect = bytes.iter().fold(false, |any, &b| {
        let control = (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0c);
        any | control | (b == 0x7F) | (b == 0xC2)
    });
    if !suspect {
        return None;
    }
    bytes.iter().enumerate().position(|(i, b)| match b {
        b'\t' | b'\n' | b'\r' | b'\x0c' => false,
        0x00..=0x1F | 0x7F => true,
        0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0x9F)),
        _ => false,
    })
}

/// Line ends normalised to LF: CRLF, a lone CR and a form feed (a page
/// break) each end a line. Most texts have none of them to replace.
fn line_ends(text: &str) -> String {
    // As in `control_at`: one pass over the bytes, without an early exit.
    if !text
        .bytes()
        .fold(false, |any, b| any | (b == b'\r') | (b == 0x0c))
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['\r', '\x0c']) {
        out.push_str(&rest[..i]);
        out.push('\n');
        // A CR before a LF ends the same line as the LF.
        let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[i + skip..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("预算\r\n".as_bytes()).unwrap().0, "预算\n");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("预算".as_bytes());
        assert_eq!(decode(&bom).unwrap(), ("预算".to_string(), Encoding::Utf8));
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = GB18030.encode("汾阳市信访局\t484.55");
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(text, "汾阳市信访局\t484.55");
        assert_eq!(enc, Encoding::Gb18030);
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\n"), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00"),
            Err(DecodeError::Binary { offset: 4 })
        );
        assert!(decode(&[0xff, 0xfe, 0xfd, 0x80, 0x81]).is_err());
    }
}
