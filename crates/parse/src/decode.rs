//! Bytes to text: UTF-8 with or without BOM, or GB18030/GBK (detected), with
//! line endings normalised. Binary data is refused rather than guessed at.

use encoding_rs::GB18030;

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
    if let Some(offset) = body.iter().position(|b| *b == 0) {
        return Err(DecodeError::Binary { offset });
    }
    let (text, encoding) = match std::str::from_utf8(body) {
        Ok(s) => (s.to_string(), Encoding::Utf8),
        Err(utf8) => {
            let (cow, had_errors) = GB18030.decode_without_bom_handling(body);
            if had_errors {
                return Err(DecodeError::Undecodable {
                    offset: utf8.valid_up_to(),
                });
            }
            (cow.into_owned(), Encoding::Gb18030)
        }
    };
    // Control characters other than TAB and line ends mean this is not a
    // text extraction of a document.
    if let Some(offset) = text
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
        .map(|(i, _)| i)
    {
        return Err(DecodeError::Binary { offset });
    }
    let text = text.replace("\r\n", "\n").replace(['\r', '\x0c'], "\n");
    Ok((text, encoding))
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
