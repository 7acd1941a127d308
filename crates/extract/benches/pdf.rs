//! Pages per second of the PDF text layer on the maker's 27-page PDF of the
//! Fenyang seed (tests/fixtures/generated/pdf/fenyang-2024-typst.pdf) and on
//! LibreOffice Calc's 23-page print of the same budget.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/generated/pdf/"
    );
    let mut group = c.benchmark_group("extract_pdf");
    for (name, pages) in [
        ("fenyang-2024-typst.pdf", 27),
        ("fenyang-2024-calc.pdf", 23),
    ] {
        let bytes = std::fs::read(format!("{dir}{name}")).unwrap();
        group.throughput(Throughput::Elements(pages));
        group.bench_function(name, |b| {
            b.iter(|| yusuan_extract::pdf::extract_pdf(&bytes, name).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
