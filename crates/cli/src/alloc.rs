//! The global allocator: mimalloc. An import allocates per document on every
//! thread (the readers, the writer, SQLite's worker), and glibc malloc's
//! arena locking and consolidation were an eighth of its time (`perf`;
//! BENCHMARKS.md, "Import").

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` (mimalloc.h: "memory purging is delayed by N
/// milli seconds; use 0 for immediate purging"; 1,000 by default in
/// mimalloc 3, 10 in mimalloc 2). libmimalloc-sys
/// keeps it out of its named constants "for stability reasons"; its place in
/// the option enum is 15 in mimalloc 2 and 3 alike, and the test below
/// checks the default found there.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Give freed pages back to the OS at once rather than a second later: a
/// one-file `check` of a 27-page PDF peaks at 27 MB instead of 30 MB (the
/// target is under 30), at no cost measurable in an import's throughput.
pub fn return_freed_memory_at_once() {
    // SAFETY: mi_option_set only stores the value of a valid option index.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_option_is_where_we_set_it() {
        // SAFETY: reading an option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        // Its default (mimalloc 3 or 2), or 0 once main has run (tests do
        // not run main).
        assert!(matches!(delay, 1000 | 10 | 0), "{delay}");
        // Its neighbours are not 10: use_numa_nodes (0) after it.
        let next = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY + 1) };
        assert_eq!(next, 0);
    }
}
