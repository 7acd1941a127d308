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
    #[error("{path}: not a budget disclosure: no table of the {profile} form was found (expected titles such as `2024年预算收支总表`)")]
    NotADisclosure { path: String, profile: &'static str },
}

/// Read a document from its bytes; `path` names it in messages and provenance.
pub fn read_bytes(bytes: &[u8], path: &str, profile: &Profile) -> Result<Reading, ReadError> {
    let (text, _) = decode::decode(bytes).map_err(|source| ReadError::Decode {
        path: path.to_string(),
        source,
    })?;
    let mut lines = lines::lines(&text);
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
        format: SourceFormat::Text,
    }];
    Ok(Reading {
        disclosure,
        findings,
        stats,
    })
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
