//! 库 the repository: every imported disclosure with its tidy facts, prose
//! claims and findings, for many departments, regions and years.
//!
//! One schema and one code path for both back ends: SQLite (the embedded
//! default, `./yusuan.db`) and PostgreSQL (a shared deployment), through
//! sqlx's `Any` driver. Statements are written with `$N` placeholders, which
//! both accept. Migrations are versioned per back end under `migrations/`.
//!
//! Money is integer 分 (元 × 100) in `BIGINT` columns; sums are cast back to
//! `BIGINT` so PostgreSQL does not widen them to `NUMERIC`.

mod document;
mod headline;
mod query;
mod read;
#[doc(hidden)]
pub mod testing;
mod users;
mod write;

pub use document::{source_hash, Document, FactRow};
pub use headline::Headline;
pub use query::{Query, QueryResult, QueryValue};
pub use read::{
    DepartmentSummary, DisclosureFilter, DisclosureSummary, RegionSummary, SearchHit,
    StoredDisclosure, StoredFact, YearFigures,
};
pub use users::{AuditEntry, Session, User};
pub use write::{Imported, UNKNOWN_REGION};

use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;
use sqlx::Executor;

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// What went wrong with the repository.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {url}: {source}")]
    Open {
        url: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("migrating the database schema: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("stored disclosure {id} is damaged: {detail}")]
    Damaged { id: i64, detail: String },
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The repository.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Department ids by what identifies them (see `write::department_key`).
    departments:
        std::sync::Arc<std::sync::Mutex<std::collections::HashMap<write::DepartmentKey, i64>>>,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The connection URL for what a user typed: a `postgres://` URL, a
/// `sqlite:` URL, or a plain file path (created when missing).
pub fn database_url(database: &str) -> (String, Backend) {
    if database.starts_with("postgres://") || database.starts_with("postgresql://") {
        (database.to_string(), Backend::Postgres)
    } else if database.starts_with("sqlite:") {
        (database.to_string(), Backend::Sqlite)
    } else {
        (format!("sqlite://{database}?mode=rwc"), Backend::Sqlite)
    }
}

impl Store {
    /// Open (and create, for SQLite) the repository and bring its schema up
    /// to date.
    pub async fn open(database: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let (url, backend) = database_url(database);
        let options = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 4,
                Backend::Postgres => 8,
            })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets pages be read while an import writes; a
                        // transaction is atomic across a killed process in
                        // any mode, and NORMAL only risks the last commits
                        // on power loss, never consistency.
                        // A page cache of 32 MB (the default is 2 MB): an
                        // import adds to the facts index all over the file,
                        // and with a small cache its pages are read back
                        // from the OS again and again.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                             PRAGMA cache_size = -32768;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            });
        let pool = options
            .connect(&url)
            .await
            .map_err(|source| StoreError::Open {
                url: redact(&url),
                source,
            })?;
        match backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&pool).await?,
        }
        Ok(Store {
            pool,
            backend,
            departments: Default::default(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Close every connection (SQLite checkpoints its WAL on the last close).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Now as RFC 3339 UTC, the form every time is stored in.
pub(crate) fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Seconds since the epoch.
pub(crate) fn epoch() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(database_url("yusuan.db").1, Backend::Sqlite);
        assert_eq!(database_url("yusuan.db").0, "sqlite://yusuan.db?mode=rwc");
        assert_eq!(database_url("postgres://u:p@h/db").1, Backend::Postgres);
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("sqlite://a.db"), "sqlite://a.db");
    }
}
