//! `yusuan check` and `yusuan rules`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yusuan_check::{output, rules, Checker};
use yusuan_core::finding::{Finding, Location, Severity};
use yusuan_parse::{read_path, Profile};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    /// Grouped by table, quoting the source line with the figure marked.
    Human,
    /// JSON Lines, one object per document (the stable interface).
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Documents, or folders to search for them (recursively).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    format: CheckFormat,
    /// Show findings of info severity too (human format).
    #[arg(long)]
    info: bool,
}

/// The documents under the paths: files as named, folders walked for every
/// format the readers know (the walk `yusuan import` uses).
fn documents(paths: &[PathBuf]) -> Vec<PathBuf> {
    yusuan_import::documents(paths)
}

/// One document checked: its findings, the source text, and whether it
/// could be read at all.
struct Checked {
    file: String,
    source: Option<String>,
    findings: Vec<Finding>,
    unusable: bool,
}

fn check_one(path: &Path, checker: &Checker, profile: &Profile) -> Checked {
    let file = path.display().to_string();
    match read_path(path, profile) {
        Ok(reading) => {
            let mut findings = reading.findings;
            findings.extend(checker.check(&reading.disclosure));
            Checked {
                source: std::fs::read(path)
                    .ok()
                    .and_then(|b| yusuan_parse::decode::decode(&b).ok())
                    .map(|t| t.0),
                file,
                findings,
                unusable: false,
            }
        }
        Err(e) => Checked {
            findings: vec![Finding {
                rule: "unreadable".into(),
                severity: Severity::Error,
                message: e.to_string(),
                location: Location::default(),
                expected: None,
                actual: None,
                related: Vec::new(),
            }],
            file,
            source: None,
            unusable: true,
        },
    }
}

pub fn check(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    use rayon::prelude::*;
    let files = documents(&args.paths);
    if files.is_empty() {
        eprintln!(
            "yusuan: no document found in {}",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        return Ok(ExitCode::from(2));
    }
    let checker = Checker::national();
    let profile = Profile::national_budget();
    let bar = if files.len() > 1 && std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(files.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let results: Vec<Checked> = files
        .par_iter()
        .map(|f| {
            let r = check_one(f, &checker, &profile);
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();

    let mut out = std::io::stdout().lock();
    match args.format {
        CheckFormat::Json => {
            for r in &results {
                writeln!(out, "{}", output::json_line(&r.file, &r.findings))?;
            }
        }
        CheckFormat::Sarif => {
            let docs: Vec<(String, Vec<Finding>)> = results
                .iter()
                .map(|r| (r.file.clone(), r.findings.clone()))
                .collect();
            serde_json::to_writer_pretty(&mut out, &output::sarif(&checker.rules(), &docs))?;
            writeln!(out)?;
        }
        CheckFormat::Human => {
            for r in &results {
                write!(
                    out,
                    "{}",
                    output::human(&r.file, r.source.as_deref(), &r.findings, args.info)
                )?;
                writeln!(out)?;
            }
        }
    }
    if results.len() > 1 {
        // The summary goes where it does not spoil machine-readable output.
        let mut summary: Box<dyn Write> = if args.format == CheckFormat::Human {
            Box::new(std::io::stdout())
        } else {
            Box::new(std::io::stderr())
        };
        let width = results
            .iter()
            .map(|r| r.file.chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        writeln!(summary, "{:<width$}  errors  warnings  notes", "file")?;
        let mut totals = (0, 0, 0);
        for r in &results {
            let (e, w, i) = output::counts(&r.findings);
            totals = (totals.0 + e, totals.1 + w, totals.2 + i);
            writeln!(summary, "{:<width$}  {e:>6}  {w:>8}  {i:>5}", r.file)?;
        }
        writeln!(
            summary,
            "{:<width$}  {:>6}  {:>8}  {:>5}",
            format!("{} documents", results.len()),
            totals.0,
            totals.1,
            totals.2
        )?;
    }
    let code = if results.iter().any(|r| r.unusable) {
        2
    } else if results
        .iter()
        .any(|r| r.findings.iter().any(|f| f.severity == Severity::Error))
    {
        1
    } else {
        0
    };
    Ok(ExitCode::from(code))
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum RulesFormat {
    Text,
    Json,
    Markdown,
}

#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value = "text")]
    format: RulesFormat,
}

pub fn list_rules(args: &RulesArgs) -> anyhow::Result<ExitCode> {
    let all = Checker::national().rules();
    let mut out = std::io::stdout().lock();
    match args.format {
        RulesFormat::Markdown => write!(out, "{}", rules::markdown(&all))?,
        RulesFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &all)?;
            writeln!(out)?;
        }
        RulesFormat::Text => {
            for r in &all {
                writeln!(
                    out,
                    "{:<32} {:<8} {:<13} {}",
                    r.code,
                    rules::severity_name(r.severity),
                    r.category.name(),
                    r.zh
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
