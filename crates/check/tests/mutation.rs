//! Mutation harness: how many single-number typos in the tables of a real
//! document does `read` + `check` catch, and does it point at the right table?
//!
//! For each real document the baseline findings are those of the reader and
//! the checker on the document as published. Every figure printed in a cell
//! of tables 1–13 (found through the cell's provenance: its line and its
//! character span in that line) is then mistyped, one mutant at a time:
//!
//! - **swap**: two adjacent digits exchanged (not when they are equal, and not
//!   when that would put a 0 in front of the figure);
//! - **+1 / −1**: one digit one up or one down, staying a digit (a leading
//!   digit never becomes 0).
//!
//! The mutated text is read and checked again. A mutant is **detected** when
//! it brings a new finding: one more finding with some key (rule, table, row,
//! column) than the baseline has (so a key the baseline does not have, or more
//! findings of a rule than before); it is **pointed** when one of its new
//! findings is located in the mutated table. The summary also says how many
//! are pointed by an identity (a table or cross-table rule) of the mutated
//! table, not only by the reader's `ambiguous-columns` or by the prose.
//!
//! A debug build checks a deterministic sample of at most [`DEBUG_CAP`]
//! mutants per document, spread over all tables; a release build checks every
//! mutant. `YUSUAN_MUTANTS=all` (or a number) overrides the cap. The full
//! table of rates, by table and by kind of typo, is printed by
//!
//! ```text
//! cargo test -p yusuan-check --release --test mutation -- --nocapture
//! ```
//!
//! and `YUSUAN_MUTANT_TRACE=<line>` prints every new finding of the mutants
//! of one source line.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::OnceLock;
use yusuan_check::{Category, Checker};
use yusuan_core::finding::Finding;
use yusuan_parse::{read_bytes, Profile};

/// The real documents, as in `tests/fixtures/real/`.
const DOCS: [&str; 2] = [
    "jincheng-xinfang-2023-budget",
    "fenyang-xinfang-2024-budget",
];

/// The least share of mutants that must bring a new finding.
const MIN_DETECTED: f64 = 0.98;
/// The least share of mutants that must bring a new finding in the mutated table.
const MIN_POINTED: f64 = 0.90;
/// Mutants per document in a debug build (a read + check is ~10× slower there).
const DEBUG_CAP: usize = 400;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/real")
}

/// How many mutants per document to check.
fn cap() -> usize {
    match std::env::var("YUSUAN_MUTANTS").ok().as_deref() {
        Some("all") => usize::MAX,
        Some(n) => n
            .parse()
            .unwrap_or_else(|_| panic!("YUSUAN_MUTANTS must be `all` or a number, not `{n}`")),
        None if cfg!(debug_assertions) => DEBUG_CAP,
        None => usize::MAX,
    }
}

/// What tells two findings apart for the harness: rule and place in the tables.
type Key = (String, Option<u8>, Option<String>, Option<String>);

fn key(f: &Finding) -> Key {
    (
        f.rule.clone(),
        f.location.table,
        f.location.row.clone(),
        f.location.column.clone(),
    )
}

fn counts(findings: &[Finding]) -> HashMap<Key, usize> {
    let mut m = HashMap::new();
    for f in findings {
        *m.entry(key(f)).or_insert(0) += 1;
    }
    m
}

/// Reader and checker findings of a text, or why it could not be read.
fn findings(text: &str, name: &str, checker: &Checker) -> Result<Vec<Finding>, String> {
    let reading = read_bytes(text.as_bytes(), name, &Profile::national_budget())
        .map_err(|e| e.to_string())?;
    let mut out = reading.findings;
    out.extend(checker.check(&reading.disclosure));
    Ok(out)
}

/// One figure printed in a table cell, where the source has it.
#[derive(Debug, Clone)]
struct Figure {
    table: u8,
    row: String,
    column: &'static str,
    /// 0-based index into the document's lines.
    line: usize,
    /// Character span within the line.
    start: usize,
    end: usize,
    text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Swap,
    Plus,
    Minus,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Swap => "swap",
            Kind::Plus => "+1",
            Kind::Minus => "-1",
        }
    }
}

#[derive(Debug, Clone)]
struct Mutant {
    figure: usize,
    kind: Kind,
    mutated: String,
}

#[derive(Debug, Clone)]
struct Outcome {
    mutant: Mutant,
    /// The findings beyond the baseline (empty: undetected).
    new: Vec<Finding>,
    /// Why the mutated text could not be read at all (counts as detected).
    error: Option<String>,
    pointed: bool,
}

impl Outcome {
    fn detected(&self) -> bool {
        self.error.is_some() || !self.new.is_empty()
    }
}

struct DocResult {
    name: &'static str,
    figures: Vec<Figure>,
    /// All mutants the document has, before any sampling.
    possible: usize,
    outcomes: Vec<Outcome>,
    baseline: usize,
}

impl DocResult {
    fn detected(&self) -> usize {
        self.outcomes.iter().filter(|o| o.detected()).count()
    }

    fn pointed(&self) -> usize {
        self.outcomes.iter().filter(|o| o.pointed).count()
    }

    /// Mutants with a new finding of an identity (a table or cross-table
    /// rule) in the mutated table: pointed by arithmetic, not only by the
    /// reader giving up on a row or by the prose restating the figure.
    fn pointed_by_identity(&self) -> usize {
        let identities = identity_rules();
        self.outcomes
            .iter()
            .filter(|o| {
                let table = Some(self.figures[o.mutant.figure].table);
                o.new
                    .iter()
                    .any(|f| identities.contains(f.rule.as_str()) && f.location.table == table)
            })
            .count()
    }

    fn describe(&self, o: &Outcome) -> String {
        let f = &self.figures[o.mutant.figure];
        format!(
            "line {:>4} 表{:<2} [{} | {}] {} {} → {}",
            f.line + 1,
            f.table,
            f.row,
            f.column,
            o.mutant.kind.name(),
            f.text,
            o.mutant.mutated
        )
    }
}

/// The codes of the rules that are identities of the form (inside a table
/// or across tables).
fn identity_rules() -> std::collections::HashSet<&'static str> {
    Checker::national()
        .rules()
        .into_iter()
        .filter(|r| matches!(r.category, Category::Table | Category::CrossTable))
        .map(|r| r.code)
        .collect()
}

/// Every figure of tables 1–13, once per place in the source.
fn figures(d: &yusuan_core::model::Disclosure, lines: &[Vec<char>]) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    for t in d.tables.iter().filter(|t| (1..=13).contains(&t.number)) {
        for r in &t.rows {
            for c in &r.cells {
                let (Some(line), Some((s, e))) = (c.provenance.line, c.provenance.span) else {
                    continue;
                };
                let (line, s, e) = (line as usize - 1, s as usize, e as usize);
                let Some(chars) = lines.get(line) else {
                    continue;
                };
                if e > chars.len() || s >= e {
                    continue;
                }
                if out
                    .iter()
                    .any(|f| f.line == line && f.start == s && f.end == e)
                {
                    continue;
                }
                out.push(Figure {
                    table: t.number,
                    row: r.code.clone().unwrap_or_else(|| r.label.clone()),
                    column: c.column.name(),
                    line,
                    start: s,
                    end: e,
                    text: chars[s..e].iter().collect(),
                });
            }
        }
    }
    out
}

/// The single-digit typos of a figure.
fn mutants_of(index: usize, text: &str) -> Vec<Mutant> {
    let chars: Vec<char> = text.chars().collect();
    let digits: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_ascii_digit())
        .collect();
    let Some(&first) = digits.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut push = |kind: Kind, m: Vec<char>| {
        out.push(Mutant {
            figure: index,
            kind,
            mutated: m.into_iter().collect(),
        })
    };
    for &i in &digits {
        if i + 1 < chars.len() && chars[i + 1].is_ascii_digit() && chars[i] != chars[i + 1] {
            if i == first && chars[i + 1] == '0' {
                continue; // 50.12 → 05.12 is no figure anyone prints
            }
            let mut m = chars.clone();
            m.swap(i, i + 1);
            push(Kind::Swap, m);
        }
    }
    for &i in &digits {
        let d = chars[i] as u8 - b'0';
        if d < 9 {
            let mut m = chars.clone();
            m[i] = (b'0' + d + 1) as char;
            push(Kind::Plus, m);
        }
        if d > 0 && !(i == first && d == 1) {
            let mut m = chars.clone();
            m[i] = (b'0' + d - 1) as char;
            push(Kind::Minus, m);
        }
    }
    out
}

/// splitmix64, for a deterministic sample.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// At most `cap` mutants, taken in turn from each table's shuffled mutants so
/// that every table is represented; in document order.
fn sample(mutants: Vec<Mutant>, figures: &[Figure], cap: usize, seed: u64) -> Vec<Mutant> {
    if mutants.len() <= cap {
        return mutants;
    }
    let mut by_table: BTreeMap<u8, Vec<(usize, Mutant)>> = BTreeMap::new();
    for (i, m) in mutants.into_iter().enumerate() {
        by_table
            .entry(figures[m.figure].table)
            .or_default()
            .push((i, m));
    }
    let mut rng = SplitMix(seed);
    let mut queues: Vec<Vec<(usize, Mutant)>> = by_table.into_values().collect();
    for q in &mut queues {
        rng.shuffle(q);
    }
    let mut taken = Vec::new();
    while taken.len() < cap && queues.iter().any(|q| !q.is_empty()) {
        for q in &mut queues {
            if taken.len() < cap {
                if let Some(m) = q.pop() {
                    taken.push(m);
                }
            }
        }
    }
    taken.sort_by_key(|(i, _)| *i);
    taken.into_iter().map(|(_, m)| m).collect()
}

fn run_document(name: &'static str) -> DocResult {
    let path = fixtures().join(format!("{name}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        !text.contains('\r'),
        "{name}: the harness maps provenance onto LF lines"
    );
    let file = format!("{name}.txt");
    let checker = Checker::national();
    let reading = read_bytes(text.as_bytes(), &file, &Profile::national_budget())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut base = reading.findings.clone();
    base.extend(checker.check(&reading.disclosure));
    let baseline = counts(&base);
    // The harness itself: reading the text as published again brings nothing new.
    let again = findings(&text, &file, &checker).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        counts(&again),
        baseline,
        "{name}: reading and checking the same text twice gives different findings"
    );

    let lines: Vec<Vec<char>> = text.split('\n').map(|l| l.chars().collect()).collect();
    let figures = figures(&reading.disclosure, &lines);
    let mutants: Vec<Mutant> = figures
        .iter()
        .enumerate()
        .flat_map(|(i, f)| mutants_of(i, &f.text))
        .collect();
    let possible = mutants.len();
    let seed = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    });
    let mutants = sample(mutants, &figures, cap(), seed);

    let run = |m: &Mutant| -> Outcome {
        let f = &figures[m.figure];
        let mut line: Vec<char> = lines[f.line].clone();
        line.splice(f.start..f.end, m.mutated.chars());
        let line: String = line.into_iter().collect();
        let mutated: String = text
            .split('\n')
            .enumerate()
            .map(|(i, l)| if i == f.line { line.as_str() } else { l })
            .collect::<Vec<_>>()
            .join("\n");
        match findings(&mutated, &file, &Checker::national()) {
            Err(e) => Outcome {
                mutant: m.clone(),
                new: Vec::new(),
                error: Some(e),
                pointed: false,
            },
            Ok(after) => {
                let mut seen: HashMap<Key, usize> = HashMap::new();
                let mut new = Vec::new();
                for a in after {
                    let k = key(&a);
                    let n = seen.entry(k.clone()).or_insert(0);
                    *n += 1;
                    if *n > baseline.get(&k).copied().unwrap_or(0) {
                        new.push(a);
                    }
                }
                let pointed = new.iter().any(|n| n.location.table == Some(f.table));
                Outcome {
                    mutant: m.clone(),
                    new,
                    error: None,
                    pointed,
                }
            }
        }
    };

    // Mutants are independent: spread them over the cores.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let chunk = mutants.len().div_ceil(threads).max(1);
    let outcomes: Vec<Outcome> = std::thread::scope(|s| {
        let handles: Vec<_> = mutants
            .chunks(chunk)
            .map(|part| s.spawn(|| part.iter().map(&run).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a mutant run panicked"))
            .collect()
    });

    // YUSUAN_MUTANT_TRACE=<line>: every new finding of the mutants of a line.
    if let Some(line) = std::env::var("YUSUAN_MUTANT_TRACE")
        .ok()
        .and_then(|l| l.parse::<usize>().ok())
    {
        for o in outcomes
            .iter()
            .filter(|o| figures[o.mutant.figure].line + 1 == line)
        {
            let f = &figures[o.mutant.figure];
            eprintln!(
                "{name} line {line} 表{} [{} | {}] {} → {}:",
                f.table, f.row, f.column, f.text, o.mutant.mutated
            );
            for n in &o.new {
                eprintln!(
                    "    {} @表{:?} [{:?} | {:?}] {}",
                    n.rule, n.location.table, n.location.row, n.location.column, n.message
                );
            }
        }
    }

    DocResult {
        name,
        figures,
        possible,
        outcomes,
        baseline: base.len(),
    }
}

/// Both documents, run once for all the tests of this file.
fn results() -> &'static [DocResult] {
    static RESULTS: OnceLock<Vec<DocResult>> = OnceLock::new();
    RESULTS.get_or_init(|| DOCS.iter().map(|d| run_document(d)).collect())
}

fn pct(n: usize, of: usize) -> f64 {
    if of == 0 {
        100.0
    } else {
        100.0 * n as f64 / of as f64
    }
}

fn summary(r: &DocResult) -> String {
    let n = r.outcomes.len();
    let mut s = format!(
        "{}: {} figures in tables 1–13, {} mutants checked (of {}), baseline {} findings; \
         detected {}/{} = {:.1}%, pointed {}/{} = {:.1}% \
         (by an identity of the mutated table: {:.1}%)\n",
        r.name,
        r.figures.len(),
        n,
        r.possible,
        r.baseline,
        r.detected(),
        n,
        pct(r.detected(), n),
        r.pointed(),
        n,
        pct(r.pointed(), n),
        pct(r.pointed_by_identity(), n)
    );
    let undetected: Vec<&Outcome> = r.outcomes.iter().filter(|o| !o.detected()).collect();
    if !undetected.is_empty() {
        let _ = writeln!(s, "  undetected ({}):", undetected.len());
        for o in undetected {
            let _ = writeln!(s, "    {}", r.describe(o));
        }
    }
    for o in r.outcomes.iter().filter(|o| o.error.is_some()) {
        let _ = writeln!(
            s,
            "  unreadable: {} ({})",
            r.describe(o),
            o.error.as_deref().unwrap_or("")
        );
    }
    s
}

#[test]
fn typos_in_the_tables_are_detected_and_pointed() {
    let mut failures = Vec::new();
    for r in results() {
        eprint!("{}", summary(r));
        let n = r.outcomes.len();
        assert!(n > 0, "{}: no mutants", r.name);
        let detected = r.detected() as f64 / n as f64;
        let pointed = r.pointed() as f64 / n as f64;
        if detected < MIN_DETECTED {
            failures.push(format!(
                "{}: detected {:.1}% < {:.0}%",
                r.name,
                100.0 * detected,
                100.0 * MIN_DETECTED
            ));
        }
        if pointed < MIN_POINTED {
            failures.push(format!(
                "{}: pointed {:.1}% < {:.0}%",
                r.name,
                100.0 * pointed,
                100.0 * MIN_POINTED
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The full table of rates, by document, table and kind of typo, with every
/// mutant that is detected but not pointed and where its new findings are.
/// Run it in release with `--nocapture` to see it.
#[test]
fn print_mutation_rates() {
    let mut s = String::new();
    for r in results() {
        let _ = writeln!(
            s,
            "\n{} ({} of {} mutants)\n{:<6} {:<6} {:>7} {:>9} {:>9}",
            r.name,
            r.outcomes.len(),
            r.possible,
            "table",
            "kind",
            "mutants",
            "detected",
            "pointed"
        );
        let mut cells: BTreeMap<(u8, Option<Kind>), (usize, usize, usize)> = BTreeMap::new();
        for o in &r.outcomes {
            let t = r.figures[o.mutant.figure].table;
            for k in [Some(o.mutant.kind), None] {
                for t in [t, 0] {
                    let c = cells.entry((t, k)).or_default();
                    c.0 += 1;
                    c.1 += o.detected() as usize;
                    c.2 += o.pointed as usize;
                }
            }
        }
        for ((t, k), (n, d, p)) in &cells {
            let table = if *t == 0 {
                "all".to_string()
            } else {
                format!("表{t}")
            };
            let kind = k.map_or("all", Kind::name);
            let _ = writeln!(
                s,
                "{table:<6} {kind:<6} {n:>7} {:>8.1}% {:>8.1}%",
                pct(*d, *n),
                pct(*p, *n)
            );
        }
        // Which rules bring the new findings, and how many mutants only rules
        // other than the identities (prose, reading, …) catch.
        let identities = identity_rules();
        let categories: HashMap<&str, &str> = Checker::national()
            .rules()
            .into_iter()
            .map(|r| (r.code, r.category.name()))
            .collect();
        let is_identity = |f: &Finding| identities.contains(f.rule.as_str());
        let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
        for o in &r.outcomes {
            let mut rules: Vec<&str> = o.new.iter().map(|f| f.rule.as_str()).collect();
            rules.sort();
            rules.dedup();
            for rule in rules {
                *by_rule.entry(rule).or_default() += 1;
            }
        }
        let _ = writeln!(s, "mutants with a new finding of each rule:");
        for (rule, n) in &by_rule {
            let category = categories.get(rule).copied().unwrap_or("?");
            let _ = writeln!(s, "  {rule:<36} {category:<13} {n:>5}");
        }
        let others_only: Vec<&Outcome> = r
            .outcomes
            .iter()
            .filter(|o| !o.new.is_empty() && !o.new.iter().any(is_identity))
            .collect();
        let _ = writeln!(
            s,
            "detected by no identity, only by other rules ({}):",
            others_only.len()
        );
        for o in others_only {
            let rules: Vec<&str> = o.new.iter().map(|f| f.rule.as_str()).collect();
            let _ = writeln!(s, "  {} ⇒ {}", r.describe(o), rules.join(", "));
        }
        let pointed_by_others: Vec<&Outcome> = r
            .outcomes
            .iter()
            .filter(|o| {
                let table = Some(r.figures[o.mutant.figure].table);
                o.pointed
                    && !o
                        .new
                        .iter()
                        .any(|f| is_identity(f) && f.location.table == table)
            })
            .collect();
        let _ = writeln!(
            s,
            "pointed by no identity, only by other rules ({}):",
            pointed_by_others.len()
        );
        for o in pointed_by_others {
            let found: Vec<String> = o
                .new
                .iter()
                .map(|f| {
                    format!(
                        "{}@表{}",
                        f.rule,
                        f.location.table.map_or("-".into(), |t| t.to_string())
                    )
                })
                .collect();
            let _ = writeln!(s, "  {} ⇒ {}", r.describe(o), found.join(", "));
        }
        let unpointed: Vec<&Outcome> = r
            .outcomes
            .iter()
            .filter(|o| o.detected() && !o.pointed)
            .collect();
        if !unpointed.is_empty() {
            let _ = writeln!(s, "detected but not pointed ({}):", unpointed.len());
            for o in unpointed {
                let found: Vec<String> = o
                    .new
                    .iter()
                    .map(|f| {
                        format!(
                            "{}@表{}",
                            f.rule,
                            f.location.table.map_or("-".into(), |t| t.to_string())
                        )
                    })
                    .collect();
                let _ = writeln!(s, "  {} ⇒ {}", r.describe(o), found.join(", "));
            }
        }
        let undetected: Vec<&Outcome> = r.outcomes.iter().filter(|o| !o.detected()).collect();
        if !undetected.is_empty() {
            let _ = writeln!(s, "undetected ({}):", undetected.len());
            for o in undetected {
                let _ = writeln!(s, "  {}", r.describe(o));
            }
        }
    }
    eprintln!("{s}");
}
