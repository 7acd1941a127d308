//! Corruption: the real documents, damaged by random edits (lines deleted,
//! joined, shuffled or duplicated, bytes replaced, the file truncated), are
//! read without a panic and in bounded time. What is read may be anything —
//! an error naming the file or a partial model — but the reader must not
//! crash or hang.

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestError, TestRunner};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use yusuan_parse::{read_bytes, Profile};

/// Cases per document.
const CASES: u32 = 128;
/// A hang guard, not a speed target: a debug build reads a seed in well
/// under a tenth of this.
const LIMIT: Duration = Duration::from_secs(2);

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/real")
        .join(format!("{name}.txt"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One random edit of a document.
#[derive(Debug, Clone)]
enum Edit {
    /// Delete `n` lines from a line on.
    DeleteLines { at: Index, n: usize },
    /// Join a line with the next (the line end removed).
    JoinLines { at: Index },
    /// Shuffle a range of lines (a rotation and a reversal, drawn).
    ShuffleLines {
        at: Index,
        len: usize,
        rotate: usize,
        reverse: bool,
    },
    /// Copy a block of lines to another place.
    DuplicateBlock { from: Index, len: usize, to: Index },
    /// Overwrite bytes with random bytes (NUL, invalid UTF-8 and all).
    ReplaceBytes { at: Index, bytes: Vec<u8> },
    /// Overwrite characters with characters that mean something to the
    /// reader (TAB, spaces, digits, dots, ordinals, 合计, U+3000 …), keeping
    /// the text valid UTF-8.
    ReplaceChars { at: Index, chars: Vec<char> },
    /// Cut the file at a byte (possibly inside a character).
    Truncate { at: Index },
}

fn edit() -> impl Strategy<Value = Edit> {
    let meaningful = prop::sample::select(vec![
        '\t', ' ', '\n', '\u{3000}', '0', '1', '2', '5', '9', '.', ',', '-', '、', '一', '十',
        '合', '计', '年', '表', '①', '：', '注', '第', '部', '分', '（', '）',
    ]);
    prop_oneof![
        (any::<Index>(), 1usize..40).prop_map(|(at, n)| Edit::DeleteLines { at, n }),
        any::<Index>().prop_map(|at| Edit::JoinLines { at }),
        (any::<Index>(), 2usize..60, 0usize..60, any::<bool>()).prop_map(
            |(at, len, rotate, reverse)| Edit::ShuffleLines {
                at,
                len,
                rotate,
                reverse
            }
        ),
        (any::<Index>(), 1usize..80, any::<Index>())
            .prop_map(|(from, len, to)| Edit::DuplicateBlock { from, len, to }),
        (any::<Index>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| Edit::ReplaceBytes { at, bytes }),
        (any::<Index>(), prop::collection::vec(meaningful, 1..24))
            .prop_map(|(at, chars)| Edit::ReplaceChars { at, chars }),
        any::<Index>().prop_map(|at| Edit::Truncate { at }),
    ]
}

fn split_lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect()
}

fn join_lines(lines: &[Vec<u8>]) -> Vec<u8> {
    lines.join(&b'\n')
}

fn apply(bytes: &[u8], edit: &Edit) -> Vec<u8> {
    let mut lines = split_lines(bytes);
    let n = lines.len().max(1);
    match edit {
        Edit::DeleteLines { at, n: count } => {
            let start = at.index(n).min(lines.len());
            let end = (start + count).min(lines.len());
            lines.drain(start..end);
            join_lines(&lines)
        }
        Edit::JoinLines { at } => {
            let i = at.index(n);
            if i + 1 < lines.len() {
                let next = lines.remove(i + 1);
                lines[i].extend(next);
            }
            join_lines(&lines)
        }
        Edit::ShuffleLines {
            at,
            len,
            rotate,
            reverse,
        } => {
            let start = at.index(n).min(lines.len());
            let end = (start + len).min(lines.len());
            let block = &mut lines[start..end];
            if !block.is_empty() {
                let k = rotate % block.len();
                block.rotate_left(k);
                if *reverse {
                    block.reverse();
                }
            }
            join_lines(&lines)
        }
        Edit::DuplicateBlock { from, len, to } => {
            let start = from.index(n).min(lines.len());
            let end = (start + len).min(lines.len());
            let block: Vec<Vec<u8>> = lines[start..end].to_vec();
            let to = to.index(lines.len() + 1);
            lines.splice(to..to, block);
            join_lines(&lines)
        }
        Edit::ReplaceBytes { at, bytes: new } => {
            let mut out = bytes.to_vec();
            if !out.is_empty() {
                let start = at.index(out.len());
                for (k, b) in new.iter().enumerate() {
                    if let Some(slot) = out.get_mut(start + k) {
                        *slot = *b;
                    }
                }
            }
            out
        }
        Edit::ReplaceChars { at, chars } => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let mut all: Vec<char> = text.chars().collect();
            if !all.is_empty() {
                let start = at.index(all.len());
                for (k, c) in chars.iter().enumerate() {
                    if let Some(slot) = all.get_mut(start + k) {
                        *slot = *c;
                    }
                }
            }
            all.into_iter().collect::<String>().into_bytes()
        }
        Edit::Truncate { at } => bytes[..at.index(bytes.len().max(1)).min(bytes.len())].to_vec(),
    }
}

/// What the reads of one document came to.
#[derive(Debug, Default)]
struct Tally {
    cases: usize,
    errors: usize,
    slowest: Duration,
}

fn damage(name: &str) {
    let original = fixture(name);
    let profile = Profile::national_budget();
    let tally = std::cell::RefCell::new(Tally::default());
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&prop::collection::vec(edit(), 1..=4), |edits| {
        let mut bytes = original.clone();
        for e in &edits {
            bytes = apply(&bytes, e);
        }
        let start = Instant::now();
        let reading = read_bytes(&bytes, name, &profile);
        let took = start.elapsed();
        let mut t = tally.borrow_mut();
        t.cases += 1;
        t.slowest = t.slowest.max(took);
        if let Err(e) = &reading {
            t.errors += 1;
            prop_assert!(
                e.to_string().starts_with(name),
                "the error does not name the file: {e}"
            );
        }
        prop_assert!(
            took < LIMIT,
            "{name}: reading took {took:?} (limit {LIMIT:?}) after {edits:?}"
        );
        Ok(())
    });
    let t = tally.into_inner();
    eprintln!(
        "{name}: {} damaged copies read ({} refused with an error), slowest {:?}",
        t.cases, t.errors, t.slowest
    );
    match result {
        Ok(()) => {}
        Err(TestError::Fail(why, edits)) => panic!("{name}: {why}\nminimal edits: {edits:#?}"),
        Err(e) => panic!("{name}: {e}"),
    }
}

#[test]
fn damaged_jincheng_is_read_without_panic_or_hang() {
    damage("jincheng-xinfang-2023-budget");
}

#[test]
fn damaged_fenyang_is_read_without_panic_or_hang() {
    damage("fenyang-xinfang-2024-budget");
}

#[test]
fn edits_do_what_they_say() {
    let doc = b"a\nb\nc\nd".to_vec();
    let lines = |b: Vec<u8>| String::from_utf8(b).unwrap();
    // Index::index(n) scales a uniform draw; 0 is the first element.
    let first = any::<Index>()
        .new_tree(&mut TestRunner::deterministic())
        .unwrap()
        .current();
    let i = first.index(4);
    let deleted = lines(apply(&doc, &Edit::DeleteLines { at: first, n: 1 }));
    assert_eq!(deleted.lines().count(), 3);
    let joined = lines(apply(&doc, &Edit::JoinLines { at: first }));
    assert_eq!(joined.lines().count(), if i < 3 { 3 } else { 4 });
    let truncated = apply(&doc, &Edit::Truncate { at: first });
    assert!(truncated.len() < doc.len());
    let duplicated = lines(apply(
        &doc,
        &Edit::DuplicateBlock {
            from: first,
            len: 2,
            to: first,
        },
    ));
    assert_eq!(duplicated.lines().count(), 4 + 2.min(4 - i));
}
