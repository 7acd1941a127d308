// Shared by the targets: read the bytes as the CLI would, then check what was
// read. Errors are fine (they are the answer for a damaged file); a panic,
// an endless loop or unbounded memory is a bug.
use std::collections::HashSet;
use std::sync::{Mutex, Once};
use yusuan_parse::{read_bytes, Profile};

pub fn read_and_check(bytes: &[u8], path: &str) {
    tolerate_contained_panics();
    let profile = Profile::national_budget();
    if let Ok(reading) = read_bytes(bytes, path, &profile) {
        let _ = yusuan_check::Checker::national().check(&reading.disclosure);
    }
}

/// libfuzzer-sys aborts on every panic, even one that is caught. The
/// extractor runs lopdf and calamine under `catch_unwind` (their panics on
/// damaged files become an error or an `unreadable-page` finding), so a
/// panic raised inside a registry crate is let unwind to that
/// `catch_unwind`, and its place printed once. A panic anywhere in yusuan's
/// own code still aborts, and so does a third-party panic nobody catches
/// (libfuzzer-sys's own `catch_unwind` around the target aborts on it).
fn tolerate_contained_panics() {
    static ONCE: Once = Once::new();
    static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);
    ONCE.call_once(|| {
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let place = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            if place.contains("/.cargo/registry/") {
                let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
                if seen.get_or_insert_with(HashSet::new).insert(place.clone()) {
                    eprintln!("fuzz: third-party panic, left to catch_unwind: {place}: {info}");
                }
                return;
            }
            default_hook(info);
            std::process::abort();
        }));
    });
}
