//! Importing made disclosures: `prepare` (read, check, tidy facts, claims,
//! hash, deflate) of one document, and storing N prepared documents into a
//! fresh SQLite repository, one transaction each (throughput per document).
//! `cargo bench -p yusuan-import --bench import`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::{Duration, Instant};
use yusuan_make::corpus::generate;
use yusuan_store::Store;

const SEED: u64 = 1;

fn bench(c: &mut Criterion) {
    let one = generate(0, SEED).unwrap();
    let mut g = c.benchmark_group("import");
    g.sample_size(20);
    g.throughput(Throughput::Elements(1));
    g.bench_function("prepare one made document", |b| {
        b.iter(|| yusuan_import::prepare(&one.file_name, one.text.as_bytes()).unwrap())
    });
    // The phases of `prepare`.
    let profile = yusuan_parse::Profile::national_budget();
    let checker = yusuan_check::Checker::national();
    let bytes = one.text.as_bytes();
    g.bench_function("prepare: read", |b| {
        b.iter(|| yusuan_parse::read_bytes(bytes, &one.file_name, &profile).unwrap())
    });
    let reading = yusuan_parse::read_bytes(bytes, &one.file_name, &profile).unwrap();
    g.bench_function("prepare: check", |b| {
        b.iter(|| checker.check(&reading.disclosure))
    });
    g.bench_function(
        "prepare: Document::new (facts, claims, model JSON, deflate, hash)",
        |b| {
            b.iter(|| {
                yusuan_store::Document::new(
                    &one.file_name,
                    bytes,
                    reading.disclosure.clone(),
                    reading.findings.clone(),
                )
            })
        },
    );

    let n = 200u64;
    let docs: Vec<_> = (0..n)
        .map(|i| {
            let d = generate(i, SEED).unwrap();
            yusuan_import::prepare(&d.file_name, d.text.as_bytes()).unwrap()
        })
        .collect();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    g.throughput(Throughput::Elements(n));
    g.sample_size(10);
    g.bench_with_input(
        BenchmarkId::new("store prepared documents into a fresh SQLite file", n),
        &docs,
        |b, docs| {
            b.iter_custom(|iters| {
                rt.block_on(async {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let dir = tempfile::tempdir().unwrap();
                        let path = dir.path().join("bench.db");
                        let store = Store::open(path.to_str().unwrap()).await.unwrap();
                        let start = Instant::now();
                        for d in docs {
                            store.import(d, "bench").await.unwrap();
                        }
                        total += start.elapsed();
                        store.close().await;
                    }
                    total
                })
            })
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
