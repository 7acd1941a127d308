//! The databases a test suite runs on: always a fresh SQLite file, and a
//! fresh PostgreSQL database when `YUSUAN_TEST_POSTGRES` names a server
//! (an admin URL such as `postgres://yusuan:yusuan@localhost/postgres`).
//! With `YUSUAN_REQUIRE_POSTGRES=1` (as `scripts/test` sets it) a missing
//! server fails the suite instead of quietly testing SQLite alone.

use crate::{Backend, Store};
use sqlx::{Connection, Executor};

/// A database for one test, removed when dropped (PostgreSQL) or with its
/// folder (SQLite).
pub struct TestDatabase {
    pub url: String,
    pub backend: Backend,
    _dir: Option<tempfile::TempDir>,
    /// PostgreSQL: the admin URL and the database to drop.
    drop: Option<(String, String)>,
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((admin, name)) = self.drop.take() else {
            return;
        };
        // Drop may run inside a runtime: do the async work on a thread of
        // its own. FORCE ends the connections a test left open.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            rt.block_on(async {
                let mut conn = sqlx::AnyConnection::connect(&admin).await.ok()?;
                conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                    .await
                    .ok()
            })
        })
        .join();
    }
}

impl TestDatabase {
    pub async fn open(&self) -> Store {
        Store::open(&self.url)
            .await
            .unwrap_or_else(|e| panic!("opening test database {}: {e}", self.url))
    }
}

/// A fresh database on every back end the environment offers.
pub async fn databases() -> Vec<TestDatabase> {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("yusuan.db");
    let mut out = vec![TestDatabase {
        url: path.display().to_string(),
        backend: Backend::Sqlite,
        _dir: Some(dir),
        drop: None,
    }];
    match std::env::var("YUSUAN_TEST_POSTGRES") {
        Ok(admin) if !admin.is_empty() => out.push(postgres(&admin).await),
        _ if std::env::var("YUSUAN_REQUIRE_POSTGRES").as_deref() == Ok("1") => {
            panic!("YUSUAN_REQUIRE_POSTGRES=1 but YUSUAN_TEST_POSTGRES names no server")
        }
        _ => eprintln!("note: YUSUAN_TEST_POSTGRES not set; testing SQLite only"),
    }
    out
}

async fn postgres(admin: &str) -> TestDatabase {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(admin)
        .await
        .unwrap_or_else(|e| panic!("connecting to {admin}: {e}"));
    let name = format!(
        "yusuan_test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    conn.execute(format!("DROP DATABASE IF EXISTS {name}").as_str())
        .await
        .expect("drop old test database");
    conn.execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create test database");
    let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(admin);
    TestDatabase {
        url: format!("{base}/{name}"),
        backend: Backend::Postgres,
        _dir: None,
        drop: Some((admin.to_string(), name)),
    }
}

static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
