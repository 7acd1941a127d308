//! Reading each real document, end to end (decode, furniture, tables, column
//! solving, prose claims). Target: under 2 ms per document on one core.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::PathBuf;
use yusuan_parse::{read_bytes, Profile};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/real")
        .join(name);
    std::fs::read(path).expect("fixture")
}

fn parse(c: &mut Criterion) {
    let profile = Profile::national_budget();
    for name in [
        "jincheng-xinfang-2023-budget.txt",
        "fenyang-xinfang-2024-budget.txt",
    ] {
        let bytes = fixture(name);
        c.bench_function(&format!("parse {name}"), |b| {
            b.iter(|| read_bytes(std::hint::black_box(&bytes), name, &profile).expect("reads"))
        });
    }
}

criterion_group!(benches, parse);
criterion_main!(benches);
