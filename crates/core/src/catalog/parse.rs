//! Reading a catalog file: a TOML header and an `items` string of lines
//! `CODE NAME [行政=GOV] [事业=GOV]`.
//!
//! Users load their own catalog files too (a province's additions, a year not
//! shipped), so every defect is an error naming the file and line, never a
//! panic.

use super::{Catalog, CatalogError, Classification, Coverage, Item, Level};
use serde::Deserialize;
use std::collections::HashMap;

/// The file as TOML sees it. Unknown keys are refused so that a misspelt
/// `coverge` is not silently ignored.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    classification: Classification,
    title: String,
    // Optional only so that a missing year gets our own message: a catalog
    // without its year is useless, since a code is valid only in its year.
    year: Option<u16>,
    source: String,
    coverage: Coverage,
    items: toml::Spanned<String>,
}

/// The key of a mapping to the government item for an administrative (and
/// 参公) unit, as written in the file.
const KEY_ADMINISTRATIVE: &str = "行政";
/// The key of a mapping to the government item for a public institution.
const KEY_INSTITUTION: &str = "事业";

pub(super) fn parse_catalog(text: &str, origin: &str) -> Result<Catalog, CatalogError> {
    let err = |line: Option<usize>, message: String| CatalogError::Parse {
        origin: origin.to_string(),
        line,
        message,
    };
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|span| line_of(text, span.start));
        err(line, e.message().trim().to_string())
    })?;
    let year = raw.year.ok_or_else(|| {
        err(
            None,
            "`year` is missing: a catalog is valid for one year only".into(),
        )
    })?;
    if raw.title.trim().is_empty() {
        return Err(err(None, "`title` is empty".into()));
    }
    if raw.source.trim().is_empty() {
        return Err(err(
            None,
            "`source` is empty: say where the codes come from".into(),
        ));
    }

    let base_line = items_first_line(text, raw.items.span().start);
    let classification = raw.classification;
    let mut items: Vec<Item> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (offset, raw_line) in raw.items.get_ref().lines().enumerate() {
        let line_no = base_line + offset;
        let line = raw_line.trim();
        // Blank lines and `#` comments let a file explain itself in place
        // (e.g. why a code was removed in a year).
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let item = parse_line(line, classification, line_no).map_err(|m| err(Some(line_no), m))?;
        if let Some(first) = seen.insert(item.code.clone(), line_no) {
            return Err(err(
                Some(line_no),
                format!("{} appears twice (first on line {first})", item.code),
            ));
        }
        items.push(item);
    }
    if items.is_empty() {
        return Err(err(Some(base_line), "`items` holds no codes".into()));
    }

    // Every 款 and 项 hangs under an item present in the same file, so that
    // ancestors() never dangles.
    for item in &items {
        if let Some(parent) = &item.parent {
            if !seen.contains_key(parent) {
                let parent_level =
                    Level::from_code_len(parent.len()).map_or("parent", Level::chinese_name);
                return Err(err(
                    Some(item.line),
                    format!(
                        "{} {} is a {} but its {} {} is not in the catalog",
                        item.code,
                        item.name,
                        item.level.chinese_name(),
                        parent_level,
                        parent
                    ),
                ));
            }
        }
    }

    Ok(Catalog::assemble(
        classification,
        year,
        raw.title.trim().to_string(),
        raw.source.trim().to_string(),
        raw.coverage,
        origin.to_string(),
        items,
    ))
}

/// One line `CODE NAME [key=value ...]`; the error is the message only (the
/// caller adds file and line).
fn parse_line(line: &str, classification: Classification, line_no: usize) -> Result<Item, String> {
    let mut tokens = line.split_whitespace();
    let code = tokens.next().unwrap_or_default();
    check_code(code, classification)?;
    let level = Level::from_code_len(code.len())
        .ok_or_else(|| format!("{code}: a code has 3, 5 or 7 digits"))?;

    let mut name_parts: Vec<&str> = Vec::new();
    let mut administrative = None;
    let mut institution = None;
    for token in tokens {
        match token.split_once('=') {
            None if administrative.is_none() && institution.is_none() => name_parts.push(token),
            None => {
                return Err(format!(
                    "{code}: `{token}` after the mappings: the name comes before them"
                ))
            }
            Some((key, value)) => {
                if classification != Classification::EconomicDepartment {
                    return Err(format!(
                        "{code}: `{token}`: only 部门预算支出经济分类 items carry a mapping"
                    ));
                }
                if level != Level::Section {
                    return Err(format!(
                        "{code}: `{token}`: only a 款 maps to a government item, not a {}",
                        level.chinese_name()
                    ));
                }
                check_government_code(value).map_err(|m| format!("{code}: `{token}`: {m}"))?;
                let slot = match key {
                    KEY_ADMINISTRATIVE => &mut administrative,
                    KEY_INSTITUTION => &mut institution,
                    _ => {
                        return Err(format!(
                            "{code}: unknown key `{key}` (the keys are {KEY_ADMINISTRATIVE} and {KEY_INSTITUTION})"
                        ))
                    }
                };
                if slot.replace(value.to_string()).is_some() {
                    return Err(format!("{code}: `{key}` given twice"));
                }
            }
        }
    }
    if name_parts.is_empty() {
        return Err(format!("{code} has no name"));
    }
    Ok(Item {
        parent: level.parent_code(code).map(str::to_string),
        code: code.to_string(),
        name: name_parts.join(" "),
        level,
        administrative,
        institution,
        line: line_no,
    })
}

/// Right digits, right length, right leading digit for the classification
/// (functional codes are 2xx, department economic 3xx, government 5xx), so
/// that a catalog filed under the wrong classification is caught at once.
fn check_code(code: &str, classification: Classification) -> Result<(), String> {
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "`{code}` is not a code: a line is `CODE NAME`, the code in digits"
        ));
    }
    let lengths = classification.code_lengths();
    if !lengths.contains(&code.len()) {
        let allowed: Vec<String> = lengths.iter().map(usize::to_string).collect();
        return Err(format!(
            "{code} has {} digits; {} codes have {}",
            code.len(),
            classification.chinese_name(),
            allowed.join(", ")
        ));
    }
    let first = classification.leading_digit();
    if !code.starts_with(first) {
        return Err(format!(
            "{code}: {} codes begin with {first}",
            classification.chinese_name()
        ));
    }
    Ok(())
}

/// A mapping names a government 款: five digits beginning with 5.
fn check_government_code(value: &str) -> Result<(), String> {
    let ok =
        value.len() == 5 && value.bytes().all(|b| b.is_ascii_digit()) && value.starts_with('5');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{value}` is not a 政府预算支出经济分类 款 (5 digits beginning with 5)"
        ))
    }
}

/// 1-based line of a byte offset.
pub(super) fn line_of(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    1 + text.as_bytes()[..byte]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// The file line of the first line of the `items` string, whose value span
/// starts at its opening quote. TOML drops a newline right after an opening
/// `"""`, so the content then starts one line further down. (A line-ending
/// backslash inside the string would join lines and shift later numbers; the
/// shipped files use none.)
fn items_first_line(text: &str, span_start: usize) -> usize {
    let line = line_of(text, span_start);
    let rest = text.get(span_start..).unwrap_or_default();
    let after = rest
        .strip_prefix("\"\"\"")
        .or_else(|| rest.strip_prefix("'''"));
    match after {
        Some(after) if after.starts_with('\n') || after.starts_with("\r\n") => line + 1,
        _ => line,
    }
}
