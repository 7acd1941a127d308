//! A document made ready for the repository: everything computed before the
//! transaction (hash, tidy facts in 分, claims, counts, compressed model), so
//! the many readers work in parallel and the one writer only writes.

use crate::headline::Headline;
use flate2::{read::DeflateDecoder, write::DeflateEncoder, Compression};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use yusuan_core::amount::Unit;
use yusuan_core::finding::{Finding, Severity};
use yusuan_core::model::{ClaimKind, Disclosure};

/// One tidy fact as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct FactRow {
    pub table: u8,
    pub row_code: String,
    pub row_label: String,
    pub column: String,
    /// As printed, in the table's unit.
    pub value: String,
    /// Exactly in 分, when the printed value is a whole number of 分.
    pub fen: Option<i64>,
    pub line: Option<u32>,
}

/// A prose claim as stored.
#[derive(Debug, Clone)]
pub(crate) struct ClaimRow {
    pub section: String,
    pub kind: &'static str,
    pub subject: String,
    pub sentence: String,
    pub cell: Option<String>,
    pub topic: Option<String>,
    pub line: Option<u32>,
}

/// A read and checked disclosure, ready to be stored.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file name as given (no directories: they say nothing about the
    /// document and differ between machines).
    pub source_name: String,
    pub source_format: String,
    /// SHA-256 of the file's bytes, hex: the identity that makes import
    /// idempotent.
    pub source_hash: String,
    pub source_size: i64,
    pub disclosure: Disclosure,
    pub findings: Vec<Finding>,
    pub facts: Vec<FactRow>,
    pub(crate) claims: Vec<ClaimRow>,
    pub headline: Headline,
    pub(crate) model: Vec<u8>,
    pub(crate) source: Vec<u8>,
}

/// SHA-256 of a file's bytes, hex.
pub fn source_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Document {
    /// Prepare a disclosure read from `bytes` (the file as published) with
    /// the reader's and checker's findings.
    pub fn new(
        source_name: &str,
        bytes: &[u8],
        disclosure: Disclosure,
        findings: Vec<Finding>,
    ) -> Document {
        let facts = fact_rows(&disclosure);
        let claims = claim_rows(&disclosure);
        let headline = Headline::of(&disclosure);
        let model = deflate(&serde_json::to_vec(&disclosure).unwrap_or_default());
        let source_format = disclosure
            .sources
            .first()
            .map(|s| format!("{:?}", s.format).to_lowercase())
            .unwrap_or_else(|| "text".into());
        Document {
            source_name: file_name(source_name),
            source_format,
            source_hash: source_hash(bytes),
            source_size: bytes.len() as i64,
            disclosure,
            findings,
            facts,
            claims,
            headline,
            model,
            source: deflate(bytes),
        }
    }

    /// Errors, warnings and notes among the findings.
    pub fn counts(&self) -> (i64, i64, i64) {
        severity_counts(&self.findings)
    }
}

pub(crate) fn severity_counts(findings: &[Finding]) -> (i64, i64, i64) {
    let n = |s: Severity| findings.iter().filter(|f| f.severity == s).count() as i64;
    (n(Severity::Error), n(Severity::Warning), n(Severity::Info))
}

fn file_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
}

/// The value in 分 of a figure printed as `printed` in `unit`, when exact.
pub(crate) fn to_fen(printed: &str, unit: Unit) -> Option<i64> {
    let value: Decimal = printed.parse().ok()?;
    let fen = value * unit.yuan_factor() * Decimal::ONE_HUNDRED;
    if fen.fract().is_zero() {
        fen.trunc().to_i64()
    } else {
        None
    }
}

fn fact_rows(d: &Disclosure) -> Vec<FactRow> {
    let unit_of = |n: u8| {
        d.tables
            .iter()
            .find(|t| t.number == n)
            .map(|t| t.unit)
            .unwrap_or(d.meta.unit)
    };
    d.facts()
        .into_iter()
        .map(|f| FactRow {
            fen: to_fen(&f.value, unit_of(f.table)),
            table: f.table,
            row_code: f.row_code,
            row_label: f.row_label,
            column: f.column.to_string(),
            value: f.value,
            line: f.line,
        })
        .collect()
}

fn claim_rows(d: &Disclosure) -> Vec<ClaimRow> {
    let mut out = Vec::new();
    for s in &d.sections {
        for c in &s.claims {
            out.push(ClaimRow {
                section: s.title.clone(),
                kind: match c.kind {
                    ClaimKind::Amount { .. } => "amount",
                    ClaimKind::Share { .. } => "share",
                    ClaimKind::Change { .. } => "change",
                    ClaimKind::Count { .. } => "count",
                    ClaimKind::Enumeration { .. } => "enumeration",
                    ClaimKind::Procurement { .. } => "procurement",
                    #[allow(unreachable_patterns)]
                    _ => "other",
                },
                subject: c.subject.clone(),
                sentence: c.sentence.clone(),
                cell: c.cell.as_ref().and_then(|r| serde_json::to_string(r).ok()),
                topic: c.topic.clone(),
                line: c.provenance.line,
            });
        }
    }
    out
}

pub(crate) fn deflate(bytes: &[u8]) -> Vec<u8> {
    // Level 1: four times faster than the default for a few per cent of size.
    let mut e = DeflateEncoder::new(Vec::with_capacity(bytes.len() / 4), Compression::fast());
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default()
}

pub(crate) fn inflate(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() * 6);
    DeflateDecoder::new(bytes).read_to_end(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fen_is_exact_or_none() {
        assert_eq!(to_fen("730.03", Unit::WanYuan), Some(730_030_000));
        assert_eq!(to_fen("0.00", Unit::WanYuan), Some(0));
        assert_eq!(to_fen("12.34", Unit::Yuan), Some(1234));
        assert_eq!(to_fen("-1.5", Unit::Yuan), Some(-150));
        assert_eq!(to_fen("0.001", Unit::Yuan), None);
        assert_eq!(to_fen("x", Unit::Yuan), None);
    }

    #[test]
    fn deflate_round_trips() {
        let text = "一般公共服务支出567.20万元".repeat(50);
        assert_eq!(inflate(&deflate(text.as_bytes())).unwrap(), text.as_bytes());
    }

    #[test]
    fn names_drop_directories() {
        assert_eq!(file_name("a/b/c.txt"), "c.txt");
        assert_eq!(file_name("a\\c.pdf"), "c.pdf");
    }
}
