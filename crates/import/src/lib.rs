//! 导入 import published disclosures into the repository.
//!
//! Each file is read (any format the readers know), checked, and stored in
//! one transaction, so a failure or a killed process leaves each document
//! wholly present or wholly absent. Reading and checking run in parallel on
//! every core; one writer stores, fed through a bounded channel so memory
//! stays flat however many files there are. The same file (by SHA-256) is
//! never stored twice. The web upload uses [`prepare`] and [`check_limits`].

mod files;

pub use files::{documents, DOCUMENT_EXTENSIONS};

use std::path::PathBuf;
use std::sync::OnceLock;
use yusuan_check::Checker;
use yusuan_core::model::SourceFormat;
use yusuan_parse::{read_bytes, Profile};
use yusuan_store::{source_hash, Document, Imported, Store};

/// Limits on what is accepted from outside (uploads, imports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file, in bytes.
    pub max_bytes: u64,
    /// Most PDF pages (a disclosure has tens; thousands mean a wrong file
    /// or an attack on the reader).
    pub max_pages: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 20 * 1024 * 1024,
            max_pages: 500,
        }
    }
}

/// Why a file was not imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrepareError {
    #[error("{name}: 文件过大（{size} 字节），上限为 {max} 字节 / file too large ({size} bytes, limit {max})")]
    TooLarge { name: String, size: u64, max: u64 },
    #[error("{name}: PDF 共 {pages} 页，超过上限 {max} 页 / the PDF has {pages} pages, more than the limit of {max}")]
    TooManyPages {
        name: String,
        pages: usize,
        max: u32,
    },
    #[error("{name}: {message}")]
    Unreadable { name: String, message: String },
    #[error("{name}: 未找到公开表格或说明 / no disclosure found: no tables and no prose")]
    NotADisclosure { name: String },
}

/// Refuse a file over the limits before reading it.
pub fn check_limits(name: &str, bytes: &[u8], limits: &Limits) -> Result<(), PrepareError> {
    if bytes.len() as u64 > limits.max_bytes {
        return Err(PrepareError::TooLarge {
            name: name.to_string(),
            size: bytes.len() as u64,
            max: limits.max_bytes,
        });
    }
    if yusuan_extract::detect(bytes, name) == Some(SourceFormat::Pdf) {
        if let Some(pages) = yusuan_extract::pdf_page_count(bytes) {
            if pages > limits.max_pages as usize {
                return Err(PrepareError::TooManyPages {
                    name: name.to_string(),
                    pages,
                    max: limits.max_pages,
                });
            }
        }
    }
    Ok(())
}

fn profile() -> &'static Profile {
    static PROFILE: OnceLock<Profile> = OnceLock::new();
    PROFILE.get_or_init(Profile::national_budget)
}

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(Checker::national)
}

/// Read and check one published file (`name` gives its format where the
/// bytes do not), ready to be stored.
pub fn prepare(name: &str, bytes: &[u8]) -> Result<Document, PrepareError> {
    let reading = read_bytes(bytes, name, profile()).map_err(|e| PrepareError::Unreadable {
        name: name.to_string(),
        message: e.to_string(),
    })?;
    let d = reading.disclosure;
    if d.tables.is_empty() && d.sections.is_empty() {
        return Err(PrepareError::NotADisclosure {
            name: name.to_string(),
        });
    }
    let mut findings = reading.findings;
    findings.extend(checker().check(&d));
    Ok(Document::new(name, bytes, d, findings))
}

/// What became of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Stored; with its count of error findings.
    Imported {
        id: i64,
        errors: i64,
    },
    /// Already stored (same SHA-256).
    Unchanged {
        id: i64,
    },
    Failed {
        reason: String,
    },
}

/// One file's outcome.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    pub path: PathBuf,
    pub outcome: Outcome,
}

/// The summary of an import run.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub imported: usize,
    pub unchanged: usize,
    pub failed: Vec<(PathBuf, String)>,
    /// Imported documents with error findings.
    pub with_errors: usize,
}

/// How to import.
#[derive(Debug, Clone)]
pub struct Options {
    pub limits: Limits,
    /// Who imports, for the audit log.
    pub actor: String,
    /// Reading threads (default: every core but the writer's).
    pub jobs: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            limits: Limits::default(),
            actor: "cli".into(),
            jobs: None,
        }
    }
}

/// Documents read and checked, waiting for the writer.
const QUEUE: usize = 32;

enum Prepared {
    Ready(Box<Document>),
    Known(i64),
    Failed(String),
}

/// Import files into the store: read and check in parallel, store one by
/// one; `progress` is told of every file as it is settled.
pub async fn import_files(
    store: &Store,
    files: Vec<PathBuf>,
    options: &Options,
    mut progress: impl FnMut(&FileOutcome),
) -> Result<Summary, yusuan_store::StoreError> {
    let known = std::sync::Arc::new(store.source_hashes().await?);
    let jobs = options
        .jobs
        // One core is the writer's (it and SQLite's worker thread are the
        // import's bottleneck); the readers take the others.
        .unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1))
        });
    // Bounded: readers wait for the writer rather than pile documents up.
    // 32 documents (about 10 MB) let the readers go on while the writer
    // waits on a WAL checkpoint's fsync; with 2 the reader stalled with it
    // (10,000 documents: 6 % faster, peak memory 32 → 41 MB).
    let (tx, mut rx) = tokio::sync::mpsc::channel::<(PathBuf, Prepared)>(QUEUE);
    let limits = options.limits;
    let reader = std::thread::spawn(move || {
        use rayon::prelude::*;
        let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
            Ok(p) => p,
            Err(_) => return,
        };
        pool.install(|| {
            files.into_par_iter().for_each_with(tx, |tx, path| {
                let prepared = prepare_file(&path, &limits, &known);
                let _ = tx.blocking_send((path, prepared));
            });
        });
    });
    let mut summary = Summary::default();
    while let Some((path, prepared)) = rx.recv().await {
        let outcome = match prepared {
            Prepared::Known(id) => Outcome::Unchanged { id },
            Prepared::Failed(reason) => Outcome::Failed { reason },
            Prepared::Ready(doc) => match store.import(&doc, &options.actor).await {
                Ok(Imported::New(id)) => Outcome::Imported {
                    id,
                    errors: doc.counts().0,
                },
                Ok(Imported::Unchanged(id)) => Outcome::Unchanged { id },
                Err(e) => Outcome::Failed {
                    reason: e.to_string(),
                },
            },
        };
        match &outcome {
            Outcome::Imported { errors, .. } => {
                summary.imported += 1;
                if *errors > 0 {
                    summary.with_errors += 1;
                }
            }
            Outcome::Unchanged { .. } => summary.unchanged += 1,
            Outcome::Failed { reason } => summary.failed.push((path.clone(), reason.clone())),
        }
        progress(&FileOutcome { path, outcome });
    }
    let _ = reader.join();
    Ok(summary)
}

fn prepare_file(
    path: &std::path::Path,
    limits: &Limits,
    known: &std::collections::HashMap<String, i64>,
) -> Prepared {
    let name = path.display().to_string();
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > limits.max_bytes {
        return Prepared::Failed(
            PrepareError::TooLarge {
                name,
                size,
                max: limits.max_bytes,
            }
            .to_string(),
        );
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Prepared::Failed(format!("{name}: {e}")),
    };
    if let Some(&id) = known.get(&source_hash(&bytes)) {
        return Prepared::Known(id);
    }
    if let Err(e) = check_limits(&name, &bytes, limits) {
        return Prepared::Failed(e.to_string());
    }
    match prepare(&name, &bytes) {
        Ok(doc) => Prepared::Ready(Box::new(doc)),
        Err(e) => Prepared::Failed(e.to_string()),
    }
}
