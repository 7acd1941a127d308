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
mod filter;
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
            // A SQLite file cannot go away like a server: no ping before
            // each use, which was one more round trip to SQLite's worker
            // thread per imported document and per page.
            .test_before_acquire(backend == Backend::Postgres)
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
                        // Temporary storage in memory: a multi-row INSERT
                        // keeps a statement journal (to undo itself alone),
                        // which otherwise spills to a file under /var/tmp.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                             PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY;",
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

    /// A repository made by the first schema is brought up to date with its
    /// rows kept (0002 rebuilds facts, claims and findings WITHOUT ROWID,
    /// 0004 moves the model and source to a table of their own).
    #[tokio::test]
    async fn an_older_sqlite_schema_is_migrated_with_its_rows() {
        use sqlx::Row;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let url = format!("sqlite://{}?mode=rwc", path.display());
        sqlx::any::install_default_drivers();
        {
            let pool = sqlx::AnyPool::connect(&url).await.unwrap();
            let first = sqlx::migrate::Migrator {
                migrations: std::borrow::Cow::Owned(SQLITE_MIGRATIONS.migrations[..1].to_vec()),
                ..sqlx::migrate::Migrator::DEFAULT
            };
            first.run(&pool).await.unwrap();
            sqlx::raw_sql(
                "INSERT INTO regions (id, name) VALUES (1, '晋城市');
                 INSERT INTO departments (id, region_id, name) VALUES (1, 1, '晋城市信访局');
                 INSERT INTO disclosures (id, department_id, year, kind, unit, source_name,
                   source_format, source_hash, source_size, imported_at, fact_count,
                   claim_count, finding_count, errors, warnings, infos, model, source)
                   VALUES (7, 1, 2023, 'budget', '万元', 'a.txt', 'text', 'h', 1, 't',
                   2, 1, 1, 0, 1, 0, x'00', x'00');
                 INSERT INTO facts VALUES (7, 0, 1, '', '收入总计', '本年预算', '730.03', 7300300, 5),
                                          (7, 1, 5, '201', '合计', '本年预算', '567.20', 5672000, 9);
                 INSERT INTO claims VALUES (7, 0, '第三部分', 'total', '支出', 's', NULL, NULL, 40);
                 INSERT INTO findings VALUES (7, 0, 'prose-name', 'warning', 'm', 5, '201',
                   '合计', NULL, 9, NULL, NULL);",
            )
            .execute(&pool)
            .await
            .unwrap();
            pool.close().await;
        }
        let store = Store::open(path.to_str().unwrap()).await.unwrap();
        for (table, rows) in [("facts", 2), ("claims", 1), ("findings", 1)] {
            let sql = format!(
                "SELECT COUNT(*), (SELECT sql FROM sqlite_master WHERE name = '{table}') \
                 FROM {table} WHERE disclosure_id = 7"
            );
            let row = sqlx::query(&sql).fetch_one(&store.pool).await.unwrap();
            assert_eq!(row.get::<i64, _>(0), rows, "{table}");
            assert!(row.get::<String, _>(1).contains("WITHOUT ROWID"), "{table}");
        }
        // The model and source moved to a table of their own (0004).
        let files =
            sqlx::query("SELECT model, source FROM disclosure_files WHERE disclosure_id = 7")
                .fetch_one(&store.pool)
                .await
                .unwrap();
        assert_eq!(files.get::<Vec<u8>, _>(0), vec![0u8]);
        assert_eq!(files.get::<Vec<u8>, _>(1), vec![0u8]);
        let dropped: i64 = sqlx::query(
            "SELECT COUNT(*) FROM pragma_table_info('disclosures') \
             WHERE name IN ('model', 'source')",
        )
        .fetch_one(&store.pool)
        .await
        .unwrap()
        .get(0);
        assert_eq!(dropped, 0);
        let value: String = sqlx::query("SELECT value FROM facts WHERE table_no = 5")
            .fetch_one(&store.pool)
            .await
            .unwrap()
            .get(0);
        assert_eq!(value, "567.20");
        store.close().await;
    }
}
