//! `yusuan parse` and `yusuan facts`: read a published disclosure and print
//! its model, or its tidy facts (the stable `facts` interface).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use yusuan_core::finding::Finding;
use yusuan_parse::{read_path, Profile, Reading};

#[derive(clap::Args, Debug)]
pub struct ParseArgs {
    /// The published disclosure (text: UTF-8 or GB18030, TAB- or space-separated tables).
    file: PathBuf,
    /// Print counts of what was read instead of the model.
    #[arg(long)]
    stats: bool,
    /// Print the text lines the reader reads (a PDF, spreadsheet, Word or
    /// HTML file as lines of TAB-separated cells, each with where it came
    /// from) instead of the model.
    #[arg(long, conflicts_with = "stats")]
    lines: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, Default)]
pub enum FactsFormat {
    /// `table,row_code,row_label,column,value`, one line per printed cell.
    #[default]
    Csv,
    /// One JSON object per cell, one per line.
    Json,
}

#[derive(clap::Args, Debug)]
pub struct FactsArgs {
    /// The published disclosure.
    file: PathBuf,
    #[arg(long, value_enum, default_value = "csv")]
    format: FactsFormat,
}

fn read(file: &std::path::Path) -> Result<Reading, ExitCode> {
    read_path(file, &Profile::national_budget()).map_err(|e| {
        eprintln!("yusuan: {e}");
        ExitCode::from(2)
    })
}

fn report(file: &std::path::Path, findings: &[Finding]) {
    for f in findings {
        let line = f.location.line.map(|l| format!(":{l}")).unwrap_or_default();
        eprintln!(
            "{}{line}: {}: [{}] {}",
            file.display(),
            severity(f),
            f.rule,
            f.message
        );
    }
}

fn severity(f: &Finding) -> &'static str {
    match f.severity {
        yusuan_core::finding::Severity::Error => "error",
        yusuan_core::finding::Severity::Warning => "warning",
        yusuan_core::finding::Severity::Info => "info",
    }
}

/// The lines the reader reads, as `origin<TAB>text` (text files: line
/// numbers), so a reader's mistake can be traced to what it was given.
fn print_lines(file: &std::path::Path) -> anyhow::Result<ExitCode> {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("yusuan: {}: {e}", file.display());
            return Ok(ExitCode::from(2));
        }
    };
    let name = file.display().to_string();
    let mut out = std::io::stdout().lock();
    if yusuan_extract::detect(&bytes, &name).is_none() {
        let text = match yusuan_parse::decode::decode(&bytes) {
            Ok((text, _)) => text,
            Err(e) => {
                eprintln!("yusuan: {name}: {e}");
                return Ok(ExitCode::from(2));
            }
        };
        for (i, line) in text.lines().enumerate() {
            writeln!(out, "{}\t{line}", i + 1)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    match yusuan_extract::extract(&bytes, &name) {
        Ok(extracted) => {
            report(file, &extracted.findings);
            for line in &extracted.lines {
                writeln!(out, "{}\t{}", origin(&line.origin), line.text)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("yusuan: {e}");
            Ok(ExitCode::from(2))
        }
    }
}

/// Where a line came from, briefly: `sheet!row`, `p3`, `block 12`.
fn origin(o: &yusuan_extract::Origin) -> String {
    use yusuan_extract::Origin;
    match o {
        Origin::Unknown => "?".into(),
        Origin::Sheet { sheet, row } => format!("{sheet}!{row}"),
        Origin::Docx { block } | Origin::Html { block } => format!("block {block}"),
        Origin::Page { page, bbox, .. } => format!("p{page} y{:.0}", bbox[1]),
    }
}

pub fn parse(args: &ParseArgs) -> anyhow::Result<ExitCode> {
    if args.lines {
        return print_lines(&args.file);
    }
    let reading = match read(&args.file) {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    report(&args.file, &reading.findings);
    let d = &reading.disclosure;
    let mut out = std::io::stdout().lock();
    if args.stats {
        let rows: usize = d.tables.iter().map(|t| t.rows.len()).sum();
        let unplaced: usize = d
            .tables
            .iter()
            .flat_map(|t| &t.rows)
            .filter(|r| !r.unplaced.is_empty())
            .count();
        writeln!(out, "file\t{}", args.file.display())?;
        writeln!(out, "department\t{}", d.meta.department)?;
        writeln!(out, "year\t{}", d.meta.year)?;
        writeln!(out, "tables\t{}", d.tables.len())?;
        writeln!(out, "rows\t{rows}")?;
        writeln!(out, "cells\t{}", d.facts().len())?;
        writeln!(out, "rows with unplaced figures\t{unplaced}")?;
        writeln!(out, "sections\t{}", d.sections.len())?;
        let st = reading.stats;
        let pct = |n: usize| n as f64 * 100.0 / st.prose_figures.max(1) as f64;
        let claims: usize = d.sections.iter().map(|s| s.claims.len()).sum();
        writeln!(out, "prose figures\t{}", st.prose_figures)?;
        writeln!(out, "claims\t{claims}")?;
        writeln!(
            out,
            "figures in claims\t{} ({:.1}%)",
            st.claims,
            pct(st.claims)
        )?;
        writeln!(
            out,
            "figures in resolved claims\t{} ({:.1}%)",
            st.resolved,
            pct(st.resolved)
        )?;
        writeln!(out, "targets\t{}", d.targets.len())?;
        writeln!(out, "glossary entries\t{}", d.glossary.len())?;
        writeln!(out, "findings\t{}", reading.findings.len())?;
    } else {
        serde_json::to_writer_pretty(&mut out, d)?;
        writeln!(out)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn facts(args: &FactsArgs) -> anyhow::Result<ExitCode> {
    let reading = match read(&args.file) {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    report(&args.file, &reading.findings);
    let facts = reading.disclosure.facts();
    let stdout = std::io::stdout().lock();
    match args.format {
        FactsFormat::Csv => {
            let mut w = csv::Writer::from_writer(stdout);
            w.write_record(["table", "row_code", "row_label", "column", "value"])?;
            for f in &facts {
                w.write_record([
                    f.table.to_string().as_str(),
                    &f.row_code,
                    &f.row_label,
                    f.column,
                    &f.value,
                ])?;
            }
            w.flush()?;
        }
        FactsFormat::Json => {
            let mut out = stdout;
            for f in &facts {
                serde_json::to_writer(&mut out, f)?;
                writeln!(out)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
