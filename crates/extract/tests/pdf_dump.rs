//! `PDF=file cargo test -p yusuan-extract --test pdf_dump -- --ignored --nocapture`
//! prints what the PDF reader makes of a file.

#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("PDF") else {
        return;
    };
    let bytes = std::fs::read(&path).unwrap();
    let t = std::time::Instant::now();
    let out = yusuan_extract::pdf::extract_pdf(&bytes, &path);
    let took = t.elapsed();
    match out {
        Ok(e) => {
            for l in &e.lines {
                if let yusuan_extract::Origin::Page { page, .. } = l.origin {
                    println!("{page:>3}| {}", l.text.replace('\t', "→"));
                }
            }
            for f in &e.findings {
                println!("FINDING {}: {}", f.rule, f.message);
            }
        }
        Err(e) => println!("ERROR {e}"),
    }
    eprintln!("took {took:?}");
}
