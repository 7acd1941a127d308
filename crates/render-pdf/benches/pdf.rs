//! Making the PDF of each real disclosure, and loading the fonts.
//! Target: well under a second per document, font loading included.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::PathBuf;
use std::time::Duration;
use yusuan_render_pdf::{write_pdf, Fonts};

fn fixture(name: &str) -> yusuan_core::model::Disclosure {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/real")
        .join(name);
    yusuan_parse::read_path(&path, &yusuan_parse::Profile::national_budget())
        .expect("reads")
        .disclosure
}

fn pdf(c: &mut Criterion) {
    let mut g = c.benchmark_group("pdf");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("Fonts::system", |b| {
        b.iter(|| Fonts::system().expect("fonts"))
    });
    let fonts = Fonts::system().expect("fonts");
    for name in [
        "jincheng-xinfang-2023-budget.txt",
        "fenyang-xinfang-2024-budget.txt",
    ] {
        let d = fixture(name);
        // typst memoises: the same document made again costs little. A
        // first document is measured with typst's caches emptied …
        g.bench_function(format!("write_pdf cold {name}"), |b| {
            b.iter_batched(
                || typst::comemo::evict(0),
                |()| write_pdf(std::hint::black_box(&d), &fonts).expect("pdf"),
                criterion::BatchSize::PerIteration,
            )
        });
        // … and a document made again, as a server does.
        g.bench_function(format!("write_pdf again {name}"), |b| {
            b.iter(|| write_pdf(std::hint::black_box(&d), &fonts).expect("pdf"))
        });
    }
    g.finish();
}

criterion_group!(benches, pdf);
criterion_main!(benches);
