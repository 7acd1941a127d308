//! Make the PDF of a published disclosure read from text, and say how long
//! each step took: `cargo run --release -p yusuan-render-pdf --example pdf --
//! tests/fixtures/real/fenyang-xinfang-2024-budget.txt /tmp/fenyang.pdf`.
//! With a third argument, also write the generated typst markup there.

use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output, rest @ ..] = args.as_slice() else {
        eprintln!("usage: pdf INPUT.txt OUTPUT.pdf [MARKUP.typ]");
        std::process::exit(2);
    };
    let start = Instant::now();
    let d = yusuan_parse::read_path(Path::new(input), &yusuan_parse::Profile::national_budget())?
        .disclosure;
    let read = start.elapsed();
    let start = Instant::now();
    let fonts = yusuan_render_pdf::Fonts::system()?;
    let loaded = start.elapsed();
    if let Some(markup) = rest.first() {
        std::fs::write(markup, yusuan_render_pdf::markup(&d, &fonts))?;
    }
    let start = Instant::now();
    let pdf = yusuan_render_pdf::write_pdf(&d, &fonts)?;
    let first = start.elapsed();
    let start = Instant::now();
    let again = yusuan_render_pdf::write_pdf(&d, &fonts)?;
    let second = start.elapsed();
    assert_eq!(pdf, again, "the same disclosure gives the same PDF");
    std::fs::write(output, &pdf)?;
    eprintln!(
        "read {read:.1?}, fonts {loaded:.1?}, write_pdf {first:.1?} (again {second:.1?}), {} bytes",
        pdf.len()
    );
    Ok(())
}
