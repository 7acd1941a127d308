//! Checking a parsed document (target: under 1 ms), and reading plus
//! checking each real document end to end.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::PathBuf;
use yusuan_check::Checker;
use yusuan_parse::{read_bytes, Profile};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/real")
        .join(name);
    std::fs::read(path).expect("fixture")
}

fn check(c: &mut Criterion) {
    let profile = Profile::national_budget();
    let checker = Checker::national();
    for name in [
        "jincheng-xinfang-2023-budget.txt",
        "fenyang-xinfang-2024-budget.txt",
    ] {
        let bytes = fixture(name);
        let reading = read_bytes(&bytes, name, &profile).expect("reads");
        c.bench_function(&format!("check {name}"), |b| {
            b.iter(|| checker.check(std::hint::black_box(&reading.disclosure)))
        });
        c.bench_function(&format!("parse+check {name}"), |b| {
            b.iter(|| {
                let r = read_bytes(std::hint::black_box(&bytes), name, &profile).expect("reads");
                checker.check(&r.disclosure)
            })
        });
    }
}

criterion_group!(benches, check);
criterion_main!(benches);
