//! `yusuan template`, `yusuan make` and `yusuan workbook`: from a budget
//! workbook to the complete report, and from last year's report back to a
//! workbook.

use anyhow::Context;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use yusuan_core::budget::Budget;
use yusuan_core::catalog::Catalogs;
use yusuan_core::facts::BudgetFacts;
use yusuan_core::finding::Severity;
use yusuan_workbook::{read_workbook, write_workbook, WorkbookError};

#[derive(clap::Args, Debug)]
pub struct TemplateArgs {
    /// The budget year: its catalogs give the drop-down lists of codes.
    #[arg(long)]
    year: u16,
    /// Where to write the workbook.
    #[arg(short, long, default_value = "budget.xlsx")]
    output: PathBuf,
}

/// An output format of `make`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One self-contained HTML file with an A4 print stylesheet and charts.
    Html,
    /// A workbook with one sheet per table, laid out like the official template.
    Xlsx,
    /// A4 PDF with the CJK font embedded.
    Pdf,
    /// Markdown.
    Md,
    /// Plain text in the national form (TAB between cells), as it was checked.
    Txt,
    /// The disclosure model as JSON.
    Json,
}

impl Format {
    const ALL: [Format; 6] = [
        Format::Html,
        Format::Xlsx,
        Format::Pdf,
        Format::Md,
        Format::Txt,
        Format::Json,
    ];

    fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Xlsx => "xlsx",
            Format::Pdf => "pdf",
            Format::Md => "md",
            Format::Txt => "txt",
            Format::Json => "json",
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct MakeArgs {
    /// The filled budget workbook (.xlsx), or a budget as JSON (`yusuan schema budget`).
    input: PathBuf,
    /// The folder to write the report into (created if missing).
    #[arg(short, long, default_value = "out")]
    output: PathBuf,
    /// Formats to write (default: all).
    #[arg(long, value_enum, value_delimiter = ',')]
    format: Vec<Format>,
    /// Write the report even when the checker finds errors in it.
    #[arg(long)]
    allow_errors: bool,
    /// A CJK font file (.ttf, .otf, .ttc) for the PDF instead of the system's.
    #[arg(long)]
    font: Vec<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct WorkbookArgs {
    /// A published disclosure (as `yusuan parse` reads it).
    published: PathBuf,
    /// Where to write the workbook (`.xlsx`), or the budget as JSON (`.json`).
    #[arg(short, long, default_value = "budget.xlsx")]
    output: PathBuf,
    /// The year of the new budget (default: the published year + 1). The
    /// workbook keeps last year's figures as a starting point and its
    /// totals as 上年数.
    #[arg(long)]
    year: Option<u16>,
}

pub fn template(args: &TemplateArgs) -> anyhow::Result<ExitCode> {
    let catalogs = Catalogs::embedded();
    let bytes = write_workbook(args.year, None, catalogs)
        .map_err(|e| anyhow::anyhow!("cannot write the {} template: {e}", args.year))?;
    write(&args.output, &bytes)?;
    eprintln!(
        "wrote {} ({} 年预算编制工作簿); fill it in and run `yusuan make {} -o out/`",
        args.output.display(),
        args.year,
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

/// Read the maker's input: a workbook, a budget JSON or bare budget facts.
fn load(path: &Path, catalogs: &Catalogs) -> Result<Budget, ExitCode> {
    let bytes = std::fs::read(path).map_err(|e| {
        eprintln!("yusuan: {}: cannot read the file: {e}", path.display());
        ExitCode::from(2)
    })?;
    let name = path.display().to_string();
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        let budget = serde_json::from_slice::<Budget>(&bytes).or_else(|budget_err| {
            serde_json::from_slice::<BudgetFacts>(&bytes)
                .map(Budget::from_facts)
                .map_err(|_| budget_err)
        });
        return budget.map_err(|e| {
            eprintln!("yusuan: {name}: not a budget (JSON of `yusuan schema budget`): {e}");
            ExitCode::from(2)
        });
    }
    read_workbook(&bytes, &name, catalogs).map_err(|e| {
        match e {
            WorkbookError::Problems(problems) => {
                eprintln!(
                    "yusuan: {name}: {} problem(s) in the workbook:",
                    problems.len()
                );
                for p in problems {
                    eprintln!("  {p}");
                }
            }
            other => eprintln!("yusuan: {other}"),
        }
        ExitCode::from(2)
    })
}

pub fn make(args: &MakeArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let catalogs = Catalogs::embedded();
    let budget = match load(&args.input, catalogs) {
        Ok(b) => b,
        Err(code) => return Ok(code),
    };
    let formats: Vec<Format> = if args.format.is_empty() {
        Format::ALL.to_vec()
    } else {
        args.format.clone()
    };
    // The font is looked for before anything is made, so that a missing
    // font stops the run with the package to install, not halfway.
    let fonts = if formats.contains(&Format::Pdf) {
        let fonts = if args.font.is_empty() {
            yusuan_render_pdf::Fonts::system()
        } else {
            yusuan_render_pdf::Fonts::from_paths(&args.font)
        };
        match fonts {
            Ok(f) => Some(f),
            Err(e) => {
                eprintln!("yusuan: cannot make the PDF: {e}");
                return Ok(ExitCode::from(2));
            }
        }
    } else {
        None
    };

    let made = match yusuan_make::make(&budget, catalogs) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("yusuan: {}: {e}", args.input.display());
            return Ok(ExitCode::from(2));
        }
    };
    for notice in &made.notices {
        eprintln!("notice: {notice}");
    }
    let errors = made.errors().count();
    let shown: Vec<_> = made
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .cloned()
        .collect();
    if !shown.is_empty() {
        eprint!(
            "{}",
            yusuan_check::output::human("(made report)", Some(&made.text), &shown, false)
        );
    }
    if errors > 0 && !args.allow_errors {
        eprintln!(
            "yusuan: refusing to write a report with {errors} error(s) found by the checker (listed above); fix the budget, or pass --allow-errors"
        );
        return Ok(ExitCode::from(1));
    }

    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create {}", args.output.display()))?;
    let d = &made.disclosure;
    let stem = format!("{}{}年部门预算公开", d.meta.department, d.meta.year);
    for format in &formats {
        let bytes: Vec<u8> = match format {
            Format::Html => yusuan_render::write_html(d).into_bytes(),
            Format::Md => yusuan_render::write_markdown(d).into_bytes(),
            Format::Txt => made.text.clone().into_bytes(),
            Format::Json => serde_json::to_vec_pretty(d)?,
            Format::Xlsx => yusuan_render::write_xlsx(d)
                .map_err(|e| anyhow::anyhow!("cannot write the XLSX: {e}"))?,
            Format::Pdf => {
                let fonts = fonts.as_ref().expect("fonts loaded when PDF is asked for");
                yusuan_render_pdf::write_pdf(d, fonts)
                    .map_err(|e| anyhow::anyhow!("cannot write the PDF: {e}"))?
            }
        };
        let path = args.output.join(format!("{stem}.{}", format.extension()));
        write(&path, &bytes)?;
        eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
    }
    eprintln!(
        "made {} {} in {:.0} ms: {} tables, {} sections, {} target tables; checker: {} error(s), {} warning(s)",
        d.meta.department,
        d.meta.year,
        started.elapsed().as_secs_f64() * 1000.0,
        d.tables.len(),
        d.sections.len(),
        d.targets.len(),
        errors,
        made.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count(),
    );
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn workbook(args: &WorkbookArgs) -> anyhow::Result<ExitCode> {
    let catalogs = Catalogs::embedded();
    let reading =
        match yusuan_parse::read_path(&args.published, &yusuan_parse::Profile::national_budget()) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("yusuan: {e}");
                return Ok(ExitCode::from(2));
            }
        };
    let recovery = yusuan_make::recover::recover(&reading.disclosure, catalogs);
    for note in &recovery.notes {
        eprintln!("note: {note}");
    }
    let mut budget = recovery.budget;
    let year = args.year.unwrap_or(budget.facts.meta.year);
    if year != budget.facts.meta.year {
        budget = yusuan_make::roll::roll_forward(budget, year);
    }
    // `-o budget.json` writes the budget as JSON (`yusuan schema budget`)
    // for scripts; anything else is the workbook.
    let as_json = args
        .output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let bytes = if as_json {
        serde_json::to_vec_pretty(&budget)?
    } else {
        match write_workbook(year, Some(&budget), catalogs) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("yusuan: cannot write the workbook: {e}");
                return Ok(ExitCode::from(2));
            }
        }
    };
    write(&args.output, &bytes)?;
    eprintln!(
        "wrote {}: {} basic lines, {} projects, {} economic lines, {} units recovered from {}",
        args.output.display(),
        budget.facts.basic.len(),
        budget.facts.projects.len(),
        budget.facts.economic.len(),
        budget.facts.units.len(),
        args.published.display()
    );
    Ok(ExitCode::SUCCESS)
}
