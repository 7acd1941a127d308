//! Browser tests: `yusuan serve` driven by headless Chromium through
//! WebDriver (Debian's chromium and chromium-driver). A reader opens a
//! disclosure and sees its tables and findings, compares two years; a user
//! signs in, uploads a document and sees its report. Each page is saved as a
//! screenshot under the target directory (`browser-screenshots/`) to look at.
//!
//! Without chromedriver the test says so and passes, unless
//! YUSUAN_REQUIRE_BROWSER=1 (as `scripts/test` sets it).

use fantoccini::{ClientBuilder, Locator};
use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16) {
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "nothing listens on {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn yusuan(args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    child.wait_with_output().unwrap()
}

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/real")
        .join(name)
}

fn chromedriver() -> Option<PathBuf> {
    ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

#[test]
fn a_reader_and_a_user_in_chromium() {
    let Some(driver) = chromedriver() else {
        assert!(
            std::env::var("YUSUAN_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "YUSUAN_REQUIRE_BROWSER=1 but chromedriver is not installed (chromium-driver)"
        );
        eprintln!("note: chromedriver not installed; browser test skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("yusuan.db");
    let db = db.to_str().unwrap();
    // Two years of one department, and the Jincheng seed.
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    for i in 0..2 {
        let g = yusuan_make::corpus::generate(i, 3).unwrap();
        std::fs::write(docs.join(&g.file_name), g.text).unwrap();
    }
    std::fs::copy(
        real("jincheng-xinfang-2023-budget.txt"),
        docs.join("jincheng.txt"),
    )
    .unwrap();
    let out = yusuan(&["import", "--database", db, docs.to_str().unwrap()], None);
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("imported 3 "),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = yusuan(
        &["user", "add", "alice", "--database", db],
        Some("correct horse battery\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let port = free_port();
    let _server = Killed(
        Command::new(env!("CARGO_BIN_EXE_yusuan"))
            .args(["serve", "--database", db, "--listen"])
            .arg(format!("127.0.0.1:{port}"))
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let driver_port = free_port();
    let _driver = Killed(
        Command::new(driver)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_for_port(port);
    wait_for_port(driver_port);

    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,1800",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let c = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await
            .expect("a WebDriver session in chromium");
        let base = format!("http://127.0.0.1:{port}");
        let shot = |name: &'static str| {
            let c = c.clone();
            let path = shots.join(format!("{name}.png"));
            async move {
                let png = c.screenshot().await.unwrap();
                std::fs::write(&path, png).unwrap();
                eprintln!("screenshot: {}", path.display());
            }
        };

        // A reader finds the department by a two-character search.
        c.goto(&format!("{base}/search?q=晋城")).await.unwrap();
        let link = c
            .find(Locator::LinkText("晋城市信访局"))
            .await
            .expect("the department in the search results");
        link.click().await.unwrap();
        let body = c.source().await.unwrap();
        assert!(body.contains("2023"), "the department page lists its year");
        // Its disclosure: every table and the findings.
        let id = yusuan_id(&body, "/disclosures/").expect("a link to the disclosure");
        c.goto(&format!("{base}/disclosures/{id}")).await.unwrap();
        let body = c.source().await.unwrap();
        for expected in [
            "晋城市信访局",
            "730.03",
            "567.20",
            "2.55",
            "prose-name",
            "信访专项工作经费",
        ] {
            assert!(
                body.contains(expected),
                "the disclosure page shows {expected}"
            );
        }
        let tables = c.find_all(Locator::Css("table")).await.unwrap();
        assert!(tables.len() >= 13, "{} tables", tables.len());
        shot("disclosure").await;
        // A finding is shown where it applies: its cell is marked in the table.
        let flagged = c.find_all(Locator::Css("td.flag")).await.unwrap();
        assert!(!flagged.is_empty(), "cells a finding points at are marked");
        c.execute(
            "document.querySelector('td.flag').scrollIntoView({block: 'center'})",
            vec![],
        )
        .await
        .unwrap();
        shot("disclosure-finding").await;

        // Two years of one department side by side.
        c.goto(&format!("{base}/search?q=汾阳市信访局"))
            .await
            .unwrap();
        c.find(Locator::LinkText("汾阳市信访局"))
            .await
            .expect("the generated department")
            .click()
            .await
            .unwrap();
        let body = c.source().await.unwrap();
        assert!(body.contains("2023") && body.contains("2024"));
        shot("department").await;
        let ids = yusuan_ids(&body, "/disclosures/");
        assert!(ids.len() >= 2, "{ids:?}");
        c.goto(&format!("{base}/compare?a={}&b={}", ids[0], ids[1]))
            .await
            .unwrap();
        let body = c.source().await.unwrap();
        assert!(body.contains("2023") && body.contains("2024"));
        let marked = c
            .find_all(Locator::Css(".changed, .diff, ins, del, .only"))
            .await
            .unwrap();
        assert!(!marked.is_empty(), "differences are marked");
        shot("compare").await;

        // A user signs in and uploads a document.
        c.goto(&format!("{base}/upload")).await.unwrap();
        assert!(c.current_url().await.unwrap().path().starts_with("/signin"));
        let form = c
            .form(Locator::Css("form[action^='/signin']"))
            .await
            .unwrap();
        form.set_by_name("name", "alice").await.unwrap();
        form.set_by_name("password", "correct horse battery")
            .await
            .unwrap();
        form.submit().await.unwrap();
        shot("signed-in").await;
        c.goto(&format!("{base}/upload")).await.unwrap();
        let input = c.find(Locator::Css("input[type=file]")).await.unwrap();
        input
            .send_keys(
                real("fenyang-xinfang-2024-budget.txt")
                    .canonicalize()
                    .unwrap()
                    .to_str()
                    .unwrap(),
            )
            .await
            .unwrap();
        c.form(Locator::Css("form[action^='/upload']"))
            .await
            .unwrap()
            .submit()
            .await
            .unwrap();
        // Reading and checking take a moment: wait for the report.
        let started = Instant::now();
        let mut body = c.source().await.unwrap();
        while !body.contains("检查报告") && started.elapsed() < Duration::from_secs(30) {
            tokio::time::sleep(Duration::from_millis(100)).await;
            body = c.source().await.unwrap();
        }
        for expected in ["汾阳市信访局", "prose-breakdown"] {
            assert!(
                body.contains(expected),
                "the upload report shows {expected}"
            );
        }
        shot("upload-report").await;
        c.close().await.unwrap();
    });
}

/// The first id in a link `{prefix}{id}` of a page.
fn yusuan_id(body: &str, prefix: &str) -> Option<String> {
    yusuan_ids(body, prefix).into_iter().next()
}

fn yusuan_ids(body: &str, prefix: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (at, _) in body.match_indices(prefix) {
        let id: String = body[at + prefix.len()..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if !id.is_empty() && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}
