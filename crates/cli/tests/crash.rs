//! Crash safety: an import killed with SIGKILL midway leaves every document
//! wholly present or wholly absent, and running it again completes it.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use yusuan_store::testing::databases;
use yusuan_store::Store;

const DOCUMENTS: u64 = 400;

fn corpus(dir: &Path) {
    for i in 0..DOCUMENTS {
        let g = yusuan_make::corpus::generate(i, 11).expect("made document");
        std::fs::write(dir.join(&g.file_name), g.text).unwrap();
    }
}

async fn count(url: &str) -> i64 {
    // A fresh connection each time: the test must not hold the database.
    let store = Store::open(url).await.unwrap();
    let n = store.count().await.unwrap();
    store.close().await;
    n
}

#[test]
fn killed_import_leaves_whole_documents_and_a_rerun_completes_it() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    rt.block_on(async {
        for db in databases().await {
            let what = format!("{:?}", db.backend);
            // Create the schema first, so the count can be polled at once.
            db.open().await.close().await;
            let mut child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
                .args(["import", "--jobs", "2", "--database", &db.url])
                .arg(dir.path())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let started = Instant::now();
            let mut before = 0;
            while started.elapsed() < Duration::from_secs(120) {
                before = count(&db.url).await;
                if before >= 25 {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            // SIGKILL: no destructor, no rollback, no checkpoint runs.
            child.kill().unwrap();
            child.wait().unwrap();
            let at_kill = count(&db.url).await;
            assert!(before >= 25, "{what}: the import never got going");
            assert!(
                at_kill < DOCUMENTS as i64,
                "{what}: the import finished before it could be killed ({at_kill})"
            );
            let store = db.open().await;
            assert_eq!(
                store.consistency_problems().await.unwrap(),
                Vec::<String>::new(),
                "{what}: after the kill"
            );
            store.close().await;

            let rerun = Command::new(env!("CARGO_BIN_EXE_yusuan"))
                .args(["import", "--database", &db.url])
                .arg(dir.path())
                .output()
                .unwrap();
            let summary = String::from_utf8_lossy(&rerun.stdout);
            assert!(
                rerun.status.code() == Some(0) || rerun.status.code() == Some(1),
                "{what}: {summary} {}",
                String::from_utf8_lossy(&rerun.stderr)
            );
            let imported = (DOCUMENTS as i64) - at_kill;
            assert!(
                summary.starts_with(&format!("imported {imported} ")),
                "{what}: {summary}"
            );
            assert!(
                summary.contains(&format!("unchanged {at_kill},")),
                "{what}: {summary}"
            );
            let store = db.open().await;
            assert_eq!(store.count().await.unwrap(), DOCUMENTS as i64, "{what}");
            assert!(store.consistency_problems().await.unwrap().is_empty());
            store.close().await;
            eprintln!("{what}: killed at {at_kill} of {DOCUMENTS}; the rerun imported {imported}");
        }
    });
}
