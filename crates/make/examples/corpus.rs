//! Writes a corpus of made disclosures for load tests and benchmarks:
//! `cargo run --release -p yusuan-make --features corpus --example corpus -- N DIR [--seed S]`.
//! Document `i` is `yusuan_make::corpus::generate(i, S)`, so the same N and
//! seed always give the same files; every core makes documents.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

fn usage() -> ! {
    eprintln!("usage: corpus N DIR [--seed S]");
    std::process::exit(2)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut seed = 1u64;
    while let Some(a) = args.next() {
        if a == "--seed" {
            seed = args
                .next()
                .and_then(|s| s.parse().ok())
                .unwrap_or_else(|| usage());
        } else if let Some(s) = a.strip_prefix("--seed=") {
            seed = s.parse().unwrap_or_else(|_| usage());
        } else {
            positional.push(a);
        }
    }
    let [n, dir] = positional.as_slice() else {
        usage()
    };
    let n: u64 = n.parse().unwrap_or_else(|_| usage());
    let dir = PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        std::process::exit(1);
    }
    let start = std::time::Instant::now();
    let next = AtomicU64::new(0);
    let failed = AtomicU64::new(0);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                match yusuan_make::corpus::generate(i, seed) {
                    Ok(g) => {
                        let path = dir.join(&g.file_name);
                        if let Err(e) = std::fs::write(&path, g.text) {
                            eprintln!("{}: {e}", path.display());
                            failed.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    Err(e) => {
                        eprintln!("{e}");
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    let failed = failed.into_inner();
    eprintln!(
        "corpus: {} documents in {} ({:.1} s, seed {seed}){}",
        n - failed,
        dir.display(),
        start.elapsed().as_secs_f64(),
        if failed > 0 {
            format!(", {failed} failed")
        } else {
            String::new()
        }
    );
    if failed > 0 {
        std::process::exit(1);
    }
}
