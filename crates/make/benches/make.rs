//! Making one department's report in every format: the budget recovered from
//! the Fenyang seed (8 projects, 30 economic lines, 27 PDF pages) is made
//! (tables, prose, targets; printed, read back and checked) and written as
//! HTML, Markdown, XLSX and PDF. `cargo bench -p yusuan-make`.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::PathBuf;
use yusuan_core::catalog::Catalogs;

fn budget() -> yusuan_core::budget::Budget {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/real/fenyang-xinfang-2024-budget.txt");
    let reading =
        yusuan_parse::read_path(&path, &yusuan_parse::Profile::national_budget()).unwrap();
    yusuan_make::recover::recover(&reading.disclosure, Catalogs::embedded()).budget
}

fn bench(c: &mut Criterion) {
    let catalogs = Catalogs::embedded();
    let budget = budget();
    let made = yusuan_make::make(&budget, catalogs).unwrap();
    let d = &made.disclosure;
    let fonts = yusuan_render_pdf::Fonts::system().expect("a CJK font (fonts-noto-cjk)");
    let mut g = c.benchmark_group("make-fenyang");
    g.sample_size(10);
    g.bench_function("make (assemble, print, read back, check)", |b| {
        b.iter(|| yusuan_make::make(&budget, catalogs).unwrap())
    });
    g.bench_function("html", |b| b.iter(|| yusuan_render::write_html(d)));
    g.bench_function("markdown", |b| b.iter(|| yusuan_render::write_markdown(d)));
    g.bench_function("xlsx", |b| b.iter(|| yusuan_render::write_xlsx(d).unwrap()));
    g.bench_function("pdf (fonts loaded)", |b| {
        b.iter(|| yusuan_render_pdf::write_pdf(d, &fonts).unwrap())
    });
    g.bench_function("all formats, fonts loaded on each run", |b| {
        b.iter(|| {
            let made = yusuan_make::make(&budget, catalogs).unwrap();
            let d = &made.disclosure;
            let fonts = yusuan_render_pdf::Fonts::system().unwrap();
            (
                yusuan_render::write_html(d),
                yusuan_render::write_markdown(d),
                yusuan_render::write_xlsx(d).unwrap(),
                yusuan_render_pdf::write_pdf(d, &fonts).unwrap(),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
