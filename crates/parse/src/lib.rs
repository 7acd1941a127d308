//! Readers of published disclosures into the yusuan model.
//!
//! Text comes out of real documents in two ways (see DOMAIN.md): from a word
//! processor with TAB between cells, or from a PDF with spaces, empty cells
//! gone and labels wrapped. One set of mechanisms reads both: page furniture
//! is dropped ([`lines`]), the document is cut at its landmarks
//! ([`document`]), table rows are read ([`rows`]) and their figures are
//! placed in columns by solving the form's identities ([`place`],
//! [`solve`]). What differs between forms is a [`profile::Profile`].

pub mod claims;
pub mod decode;
pub mod document;
pub mod lines;
pub mod place;
pub mod profile;
pub mod rows;
pub mod solve;
pub mod targets;

use sha2::{Digest, Sha256};
use std::path::Path;
use yusuan_core::finding::Finding;
use yusuan_core::model::{Disclosure, SourceFile, SourceFormat};

pub use profile::Profile;

/// A document read: the model and what the reader noticed on the way.
#[derive(Debug, Clone)]
pub struct Reading {
    pub disclosure: Disclosure,
    pub findings: Vec<Finding>,
    pub stats: document::ProseStats,
}

/// Why a file could not be read at all (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Decode {
        path: String,
        #[source]
        source: decode::DecodeError,
    },
    /// A PDF, spreadsheet, Word or HTML file that could not be opened (the
    /// message names the file).
    #[error(transparent)]
    Extract(#[from] yusuan_extract::ExtractError),
    #[error("{path}: not a budget disclosure: no table of the {profile} form was found (expected titles such as `2024年预算收支总表`)")]
    NotADisclosure { path: String, profile: &'static str },
    /// Nothing could be read because the pages have no usable text: a scan,
    /// or fonts without a Unicode map. Each page's reason is listed.
    #[error("{path}: no text could be read: {}", pages.join("; "))]
    NoText { path: String, pages: Vec<String> },
}

/// Read a document from its bytes; `path` names it in messages and provenance.
///
/// Plain text (UTF-8 or GB18030) is read as it is. A PDF, spreadsheet, Word
/// or HTML file (told by [`yusuan_extract::detect`]) is first turned into
/// lines, TAB between cells, and those lines are read as text; then every
/// provenance is pointed back at the file: a line from a PDF page gets its
/// page and box (the box of the TAB cell the figure lies in, where known).
/// Lines keep their number in the extracted text, whose origin (a sheet row,
/// a block of a Word or HTML document) is recoverable through
/// [`yusuan_extract::extract`]'s lines: `Provenance` has no field for it.
pub fn read_bytes(bytes: &[u8], path: &str, profile: &Profile) -> Result<Reading, ReadError> {
    let Some(_) = yusuan_extract::detect(bytes, path) else {
        let (text, _) = decode::decode(bytes).map_err(|source| ReadError::Decode {
            path: path.to_string(),
            source,
        })?;
        return read_text(&text, bytes, path, profile, SourceFormat::Text);
    };
    let extracted = yusuan_extract::extract(bytes, path)?;
    read_extracted(&extracted, bytes, path, profile)
}

/// Read what [`yusuan_extract::extract`] took out of a file (`bytes`, for
/// its digest): the lines are read as text, the provenances pointed back at
/// pages, the extraction's findings appended.
pub fn read_extracted(
    extracted: &yusuan_extract::Extracted,
    bytes: &[u8],
    path: &str,
    profile: &Profile,
) -> Result<Reading, ReadError> {
    let mut reading = match read_text(&extracted.text(), bytes, path, profile, extracted.format) {
        // A document whose pages could not be read is said to be so, not
        // "not a disclosure": the per-page reasons are the answer.
        Err(ReadError::NotADisclosure { .. }) if !extracted.findings.is_empty() => {
            return Err(ReadError::NoText {
                path: path.to_string(),
                pages: extracted
                    .findings
                    .iter()
                    .map(|f| f.message.clone())
                    .collect(),
            })
        }
        other => other?,
    };
    place_on_pages(&mut reading, &extracted.lines);
    reading.findings.extend(extracted.findings.iter().cloned());
    Ok(reading)
}

/// The text route, from the decoded text onward.
fn read_text(
    text: &str,
    bytes: &[u8],
    path: &str,
    profile: &Profile,
    format: SourceFormat,
) -> Result<Reading, ReadError> {
    let mut lines = lines::lines(text);
    lines::drop_furniture(&mut lines);
    let mut findings = Vec::new();
    let mut stats = document::ProseStats::default();
    let mut disclosure = document::read_document(&lines, profile, &mut findings, &mut stats)
        .ok_or_else(|| ReadError::NotADisclosure {
            path: path.to_string(),
            profile: profile.name,
        })?;
    let findings = summarise_target_layout(findings);
    disclosure.sources = vec![SourceFile {
        path: path.to_string(),
        sha256: Some(format!("{:x}", Sha256::digest(bytes))),
        format,
    }];
    Ok(Reading {
        disclosure,
        findings,
        stats,
    })
}

/// Give every provenance whose line came from a PDF page that page and box
/// (the line keeps its number in the extracted text).
fn place_on_pages(reading: &mut Reading, lines: &[yusuan_extract::TextLine]) {
    if !lines
        .iter()
        .any(|l| matches!(l.origin, yusuan_extract::Origin::Page { .. }))
    {
        return;
    }
    each_provenance(&mut reading.disclosure, &mut |p| {
        let Some(line) = p.line.and_then(|n| lines.get((n as usize).checked_sub(1)?)) else {
            return;
        };
        if let Some((page, bbox)) = line.origin.page_box(&line.text, p.span) {
            p.page = Some(page);
            p.bbox = Some(bbox);
        }
    });
}

/// Every provenance of a disclosure (a test checks that none is missed,
/// against the JSON of the model).
pub fn each_provenance(
    d: &mut yusuan_core::model::Disclosure,
    f: &mut impl FnMut(&mut yusuan_core::model::Provenance),
) {
    use yusuan_core::model::IndicatorTree;
    fn trees(ts: &mut [IndicatorTree], f: &mut impl FnMut(&mut yusuan_core::model::Provenance)) {
        for t in ts {
            for g in &mut t.groups {
                for i in &mut g.indicators {
                    f(&mut i.provenance);
                }
            }
        }
    }
    for o in &mut d.outline {
        f(&mut o.provenance);
    }
    for t in &mut d.tables {
        f(&mut t.provenance);
        for r in &mut t.rows {
            f(&mut r.provenance);
            for c in &mut r.cells {
                f(&mut c.provenance);
            }
        }
    }
    for s in &mut d.sections {
        f(&mut s.provenance);
        for p in &mut s.paragraphs {
            f(&mut p.provenance);
        }
        for c in &mut s.claims {
            f(&mut c.provenance);
        }
    }
    for t in &mut d.targets {
        f(&mut t.provenance);
        trees(&mut t.period_indicators, f);
        trees(&mut t.annual_indicators, f);
        for c in &mut t.claims {
            f(&mut c.provenance);
        }
    }
    if let Some(t) = &mut d.department_target {
        f(&mut t.provenance);
        trees(&mut t.indicators, f);
    }
    if let Some(p) = &mut d.procurement {
        f(&mut p.provenance);
    }
    if let Some(a) = &mut d.assets {
        f(&mut a.provenance);
    }
    for g in &mut d.glossary {
        f(&mut g.provenance);
    }
}

/// One `target-layout` finding per target table, not one per row: a badly
/// aligned table would otherwise bury everything else. The first row's
/// message is kept, with the count of the others.
fn summarise_target_layout(findings: Vec<Finding>) -> Vec<Finding> {
    let project = |f: &Finding| f.message.split(':').next().unwrap_or_default().to_string();
    let mut out: Vec<Finding> = Vec::new();
    let mut more: Vec<Vec<u32>> = Vec::new();
    for f in findings {
        let same = out.iter().position(|o| {
            o.rule == "target-layout" && f.rule == "target-layout" && project(o) == project(&f)
        });
        match same {
            Some(i) => {
                if let Some(l) = f.location.line {
                    if Some(l) != out[i].location.line && !more[i].contains(&l) {
                        more[i].push(l);
                    }
                }
            }
            None => {
                out.push(f);
                more.push(Vec::new());
            }
        }
    }
    for (f, lines) in out.iter_mut().zip(more) {
        if !lines.is_empty() {
            let lines: Vec<String> = lines.iter().map(u32::to_string).collect();
            f.message.push_str(&format!(
                " (and {} more rows of this target table, at lines {})",
                lines.len(),
                lines.join(", ")
            ));
        }
    }
    out
}

/// Read a document from a file.
pub fn read_path(path: &Path, profile: &Profile) -> Result<Reading, ReadError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: shown.clone(),
        source,
    })?;
    read_bytes(&bytes, &shown, profile)
}
