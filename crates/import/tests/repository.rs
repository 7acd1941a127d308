//! The repository suite: the same tests on SQLite and on PostgreSQL (when
//! YUSUAN_TEST_POSTGRES names a server; scripts/test requires one).

use std::path::{Path, PathBuf};
use yusuan_import::{import_files, prepare, Options, Outcome};
use yusuan_store::testing::databases;
use yusuan_store::{DisclosureFilter, Imported, Query, QueryValue, Store};

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/real")
        .join(name)
}

const FENYANG: &str = "fenyang-xinfang-2024-budget.txt";
const JINCHENG: &str = "jincheng-xinfang-2023-budget.txt";

fn golden(name: &str) -> Vec<(u8, String, String, String, String)> {
    let path = real(&name.replace(".txt", ".facts.csv"));
    let mut r = csv::Reader::from_path(path).unwrap();
    r.records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[0].parse().unwrap(),
                r[1].to_string(),
                r[2].to_string(),
                r[3].to_string(),
                r[4].to_string(),
            )
        })
        .collect()
}

async fn import_seed(store: &Store, name: &str) -> Imported {
    let bytes = std::fs::read(real(name)).unwrap();
    let doc = prepare(name, &bytes).unwrap();
    store.import(&doc, "test").await.unwrap()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn seeds_are_stored_once_with_their_facts_and_findings() {
    runtime().block_on(async {
        for db in databases().await {
            let store = db.open().await;
            let what = format!("{:?}", db.backend);
            let a = import_seed(&store, FENYANG).await;
            let b = import_seed(&store, JINCHENG).await;
            assert!(matches!(a, Imported::New(_)), "{what}");
            assert!(matches!(b, Imported::New(_)), "{what}");
            // Idempotent: the same file is not stored twice.
            assert_eq!(
                import_seed(&store, FENYANG).await,
                Imported::Unchanged(a.id()),
                "{what}"
            );
            assert_eq!(store.count().await.unwrap(), 2, "{what}");
            // Every claim and finding stored: counts agree with the rows.
            assert_eq!(
                store.consistency_problems().await.unwrap(),
                Vec::<String>::new(),
                "{what}"
            );

            for (name, id) in [(FENYANG, a.id()), (JINCHENG, b.id())] {
                let stored: Vec<_> = store
                    .facts(id)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|f| (f.table, f.row_code, f.row_label, f.column, f.value))
                    .collect();
                assert_eq!(stored, golden(name), "{what} {name}");
                let bytes = std::fs::read(real(name)).unwrap();
                let doc = prepare(name, &bytes).unwrap();
                let d = store.disclosure(id).await.unwrap().unwrap();
                assert_eq!(d.findings.len(), doc.findings.len(), "{what} {name}");
                // Each finding whole, in order (claims, findings and the
                // audit entry go in one query of several statements).
                // (The span within the line is not stored.)
                let said = |f: &yusuan_core::finding::Finding| {
                    let mut at = f.location.clone();
                    at.span = None;
                    (f.rule.clone(), f.severity, f.message.clone(), at)
                };
                let stored: Vec<_> = store.findings(id).await.unwrap().iter().map(said).collect();
                let read: Vec<_> = doc.findings.iter().map(said).collect();
                assert_eq!(stored, read, "{what} {name}");
                assert_eq!(d.disclosure.facts(), doc.disclosure.facts(), "{what}");
                let (source_name, source) = store.source_of(id).await.unwrap().unwrap();
                assert_eq!(source_name, name);
                assert_eq!(source, bytes, "{what}: the source as published");
            }

            let jc = store.disclosure_summary(b.id()).await.unwrap().unwrap();
            assert_eq!(jc.department, "晋城市信访局");
            assert_eq!(jc.region, "晋城市");
            assert_eq!(jc.year, 2023);
            assert_eq!(jc.kind, "预算");
            assert_eq!(
                jc.headline.total,
                Some(730_030_000),
                "{what}: 730.03 万元 in 分"
            );
            assert_eq!(jc.headline.basic, Some(448_740_000));
            assert_eq!(jc.headline.project, Some(281_290_000));
            assert_eq!(jc.headline.three_public, Some(2_550_000));
            assert_eq!(jc.headline.operating, Some(60_720_000));
            assert!(jc.errors > 0, "Jincheng has real errors");
            let fy = store.disclosure_summary(a.id()).await.unwrap().unwrap();
            assert_eq!(fy.headline.three_public, Some(0), "本表无数据 is zero");

            // Browsing.
            let regions = store.regions().await.unwrap();
            let names: Vec<_> = regions.iter().map(|r| r.name.as_str()).collect();
            assert_eq!(names.len(), 2, "{what}: {names:?}");
            assert!(names.contains(&"汾阳市") && names.contains(&"晋城市"));
            let dept = store.department(jc.department_id).await.unwrap().unwrap();
            assert_eq!(dept.disclosures, 1);
            let series = store.series(jc.department_id).await.unwrap();
            assert_eq!(series.len(), 1);
            assert_eq!(series[0].headline, jc.headline);
            let listed = store
                .disclosures(
                    &DisclosureFilter {
                        year: Some(2024),
                        ..DisclosureFilter::default()
                    },
                    50,
                    0,
                )
                .await
                .unwrap();
            assert_eq!(listed.len(), 1);
            assert_eq!(listed[0].id, a.id());

            // One- and two-character Chinese search.
            for (q, n) in [
                ("局", 2),
                ("信访", 2),
                ("晋城", 1),
                ("汾", 1),
                ("教育", 0),
                ("%", 0),
            ] {
                assert_eq!(store.search(q, 50).await.unwrap().len(), n, "{what}: {q}");
            }

            // Queries across departments.
            let three = store
                .query(&Query::ThreePublic {
                    region: None,
                    year: None,
                })
                .await
                .unwrap();
            assert_eq!(three.rows.len(), 2);
            assert_eq!(three.rows[0][2], QueryValue::Text("晋城市信访局".into()));
            assert_eq!(three.rows[0][5].text(), "2.55", "largest first");
            // Each filter alone and together (only the given ones are
            // written into the query).
            for (region, year, n) in [
                (Some("晋城市"), None, 1),
                (None, Some(2024), 1),
                (Some("晋城市"), Some(2023), 1),
                (Some("晋城市"), Some(2024), 0),
            ] {
                let q = Query::ThreePublic {
                    region: region.map(String::from),
                    year,
                };
                assert_eq!(store.query(&q).await.unwrap().rows.len(), n, "{q:?}");
            }
            let regions = store.query(&Query::Regions { year: None }).await.unwrap();
            assert_eq!(regions.rows.len(), 2);
            let regions = store
                .query(&Query::Regions { year: Some(2024) })
                .await
                .unwrap();
            assert_eq!(regions.rows.len(), 1);
            // A row by its label rather than its code, in every region.
            let by_label = store
                .query(&Query::Facts {
                    table: 1,
                    row: Some("一般公共服务支出".into()),
                    column: Some("合计".into()),
                    region: None,
                    year: None,
                })
                .await
                .unwrap();
            assert!(!by_label.rows.is_empty());
            assert!(by_label
                .rows
                .iter()
                .all(|r| r[5].text() == "一般公共服务支出"));
            let facts = store
                .query(&Query::Facts {
                    table: 1,
                    row: Some("201".into()),
                    column: Some("合计".into()),
                    region: Some("晋城市".into()),
                    year: None,
                })
                .await
                .unwrap();
            assert_eq!(facts.rows.len(), 1);
            assert_eq!(facts.rows[0][7].text(), "567.20");
            let findings = store
                .query(&Query::Findings {
                    region: None,
                    year: Some(2023),
                })
                .await
                .unwrap();
            assert!(findings.rows.iter().any(|r| r[0].text() == "prose-name"));

            // Re-import replaces, delete removes, both audited.
            let bytes = std::fs::read(real(JINCHENG)).unwrap();
            let doc = prepare(JINCHENG, &bytes).unwrap();
            let new_id = store.replace(b.id(), &doc, "alice").await.unwrap();
            assert!(store.disclosure_summary(b.id()).await.unwrap().is_none());
            assert_eq!(
                store.facts(new_id).await.unwrap().len(),
                golden(JINCHENG).len()
            );
            assert!(store.delete(new_id, "alice").await.unwrap());
            assert!(!store.delete(new_id, "alice").await.unwrap());
            assert!(store.facts(new_id).await.unwrap().is_empty());
            assert!(store.findings(new_id).await.unwrap().is_empty());
            assert_eq!(store.count().await.unwrap(), 1);
            let log = store.audit_log(10).await.unwrap();
            let actions: Vec<_> = log.iter().map(|e| e.action.as_str()).collect();
            assert_eq!(actions[..2], ["delete", "reimport"], "{what}");
            assert_eq!(log[0].actor, "alice");
            store.close().await;
        }
    });
}

#[test]
fn import_runs_report_imported_unchanged_and_failed() {
    runtime().block_on(async {
        for db in databases().await {
            let store = db.open().await;
            let dir = tempfile::tempdir().unwrap();
            for i in 0..6u64 {
                let g = yusuan_make::corpus::generate(i, 7).unwrap();
                std::fs::write(dir.path().join(&g.file_name), g.text).unwrap();
            }
            std::fs::copy(real(FENYANG), dir.path().join(FENYANG)).unwrap();
            std::fs::write(dir.path().join("empty.txt"), "说明\n").unwrap();
            std::fs::write(dir.path().join("broken.pdf"), b"%PDF-1.7 garbage").unwrap();
            let files = yusuan_import::documents(&[dir.path().to_path_buf()]);
            assert_eq!(files.len(), 9);
            let mut seen = 0;
            let summary = import_files(&store, files.clone(), &Options::default(), |_| seen += 1)
                .await
                .unwrap();
            assert_eq!(seen, 9);
            assert_eq!(summary.imported, 7, "{:?}", summary.failed);
            assert_eq!(summary.failed.len(), 2, "{:?}", summary.failed);
            assert!(summary
                .failed
                .iter()
                .any(|(p, why)| p.ends_with("broken.pdf") && why.contains("broken.pdf")));
            // The generated departments span two years of one department.
            let depts = store.departments(None).await.unwrap();
            assert!(depts.iter().any(|d| d.disclosures == 3), "{depts:?}");
            // Every one states or names its region; the real Fenyang file
            // joins the generated department of the same name.
            assert!(
                depts
                    .iter()
                    .all(|d| d.region != yusuan_store::UNKNOWN_REGION),
                "{depts:?}"
            );
            let fenyang = depts.iter().find(|d| d.name == "汾阳市信访局").unwrap();
            assert_eq!(fenyang.disclosures, 4, "{depts:?}");

            let mut outcomes = Vec::new();
            let again = import_files(&store, files, &Options::default(), |o| {
                outcomes.push(o.outcome.clone())
            })
            .await
            .unwrap();
            assert_eq!(again.imported, 0);
            assert_eq!(again.unchanged, 7);
            assert!(outcomes
                .iter()
                .all(|o| matches!(o, Outcome::Unchanged { .. } | Outcome::Failed { .. })));
            store.close().await;
        }
    });
}
