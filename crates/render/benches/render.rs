//! Writing each real document in every format, from the model read once.
//! A department's disclosure should be written in a few milliseconds, so
//! that a server can render hundreds of them on request.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::path::PathBuf;
use yusuan_render::{form_tables, write_html, write_markdown, write_text, write_xlsx, Layout};

fn render(c: &mut Criterion) {
    let profile = yusuan_parse::Profile::national_budget();
    for name in [
        "jincheng-xinfang-2023-budget.txt",
        "fenyang-xinfang-2024-budget.txt",
    ] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/real")
            .join(name);
        let d = yusuan_parse::read_path(&path, &profile)
            .expect("reads")
            .disclosure;
        c.bench_function(&format!("form {name}"), |b| {
            b.iter(|| form_tables(black_box(&d)))
        });
        c.bench_function(&format!("text {name}"), |b| {
            b.iter(|| write_text(black_box(&d), Layout::Tab))
        });
        c.bench_function(&format!("markdown {name}"), |b| {
            b.iter(|| write_markdown(black_box(&d)))
        });
        c.bench_function(&format!("html {name}"), |b| {
            b.iter(|| write_html(black_box(&d)))
        });
        c.bench_function(&format!("xlsx {name}"), |b| {
            b.iter(|| write_xlsx(black_box(&d)).expect("writes"))
        });
    }
}

criterion_group!(benches, render);
criterion_main!(benches);
