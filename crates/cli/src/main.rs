//! `yusuan`: read, check, make, keep and serve Chinese departmental budget
//! disclosures (部门预算公开).
//!
//! Exit codes, for every subcommand: 0 clean, 1 findings of error severity
//! (or a code not in the catalog), 2 unusable input.

mod alloc;
mod catalog_cmd;
mod check_cmd;
mod make_cmd;
mod read_cmd;
mod repo_cmd;
mod schema_cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "yusuan",
    version,
    about = "预算 yusuan: read, check and make Chinese departmental budget disclosures (部门预算公开)",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check disclosures: every identity, every claim of the prose, the targets, the catalog, the required parts
    Check(check_cmd::CheckArgs),
    /// List the rule catalog
    Rules(check_cmd::RulesArgs),
    /// Read a published disclosure and print its model as JSON
    Parse(read_cmd::ParseArgs),
    /// Print the tidy facts of a disclosure's tables: table,row_code,row_label,column,value
    Facts(read_cmd::FactsArgs),
    /// Look up a classification code or name in a year's catalog (支出功能分类, 经济分类)
    Catalog(catalog_cmd::CatalogArgs),
    /// Print the JSON Schema of the disclosure model, of a budget or of budget facts
    Schema(schema_cmd::SchemaArgs),
    /// Write the budget workbook of a year for finance staff to fill in (XLSX)
    Template(make_cmd::TemplateArgs),
    /// Make the complete disclosure from a budget workbook: HTML, XLSX, PDF, Markdown, text
    Make(make_cmd::MakeArgs),
    /// Fill a budget workbook from a published disclosure, to start from last year's report
    Workbook(make_cmd::WorkbookArgs),
    /// Import disclosures into the repository (files or directories; parallel, one transaction each)
    Import(repo_cmd::ImportArgs),
    /// Ask the repository: 三公 per department, headline figures, facts, findings, regions
    Query(repo_cmd::QueryArgs),
    /// Users who may change the repository through the web site or the API
    User(repo_cmd::UserArgs),
    /// Serve the repository: pages in Chinese, a JSON API, downloads
    Serve(repo_cmd::ServeArgs),
}

fn main() -> ExitCode {
    alloc::return_freed_memory_at_once();
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Check(args) => check_cmd::check(args),
        Command::Rules(args) => check_cmd::list_rules(args),
        Command::Parse(args) => read_cmd::parse(args),
        Command::Facts(args) => read_cmd::facts(args),
        Command::Catalog(args) => catalog_cmd::run(args),
        Command::Schema(args) => schema_cmd::run(args),
        Command::Template(args) => make_cmd::template(args),
        Command::Make(args) => make_cmd::make(args),
        Command::Workbook(args) => make_cmd::workbook(args),
        Command::Import(args) => repo_cmd::import(args),
        Command::Query(args) => repo_cmd::query(args),
        Command::User(args) => repo_cmd::user(args),
        Command::Serve(args) => repo_cmd::serve(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("yusuan: {e:#}");
            ExitCode::from(2)
        }
    }
}
