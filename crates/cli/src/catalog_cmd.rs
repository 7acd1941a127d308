//! `yusuan catalog`: look a code or a printed name up in the classification
//! catalog of a year (a code is valid only in the catalog of its year), or
//! print a catalog.
//!
//! The work is done by [`render`], which returns the text and exit code so
//! that the tests below can check them; [`run`] only prints.

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;
use yusuan_core::catalog::{Catalog, CatalogError, Catalogs, Classification, Item, Level};
use yusuan_core::model::UnitKind;

/// Look up a classification code or name in the catalog of a year.
#[derive(Debug, Clone, Args)]
pub struct CatalogArgs {
    /// A code (2014004) or a name as printed (信访业务, 政府办公厅(室)及相关机构事务);
    /// with --list, the code or name whose subtree to print.
    #[arg(required_unless_present = "list")]
    pub code_or_name: Option<String>,
    /// The budget year: a code is valid only in the catalog of its year.
    #[arg(long)]
    pub year: u16,
    /// Which classification: function 支出功能分类, economic 部门预算支出经济分类,
    /// government 政府预算支出经济分类.
    #[arg(long, value_enum, default_value_t = ClassificationArg::Function)]
    pub classification: ClassificationArg,
    /// Print a JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// Print the whole catalog (or the subtree under the code or name given).
    #[arg(long)]
    pub list: bool,
}

/// The classification as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClassificationArg {
    /// 支出功能分类 functional classification.
    Function,
    /// 部门预算支出经济分类 economic classification, department side.
    #[value(alias = "economic-department")]
    Economic,
    /// 政府预算支出经济分类 economic classification, government side.
    #[value(alias = "economic-government")]
    Government,
}

impl From<ClassificationArg> for Classification {
    fn from(arg: ClassificationArg) -> Classification {
        match arg {
            ClassificationArg::Function => Classification::Function,
            ClassificationArg::Economic => Classification::EconomicDepartment,
            ClassificationArg::Government => Classification::EconomicGovernment,
        }
    }
}

/// What the command prints and how it exits.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    /// 0 found; 1 unknown code or name; 2 no catalog for the year.
    pub exit: u8,
}

impl Outcome {
    fn failure(exit: u8, message: String) -> Outcome {
        Outcome {
            stderr: message + "\n",
            exit,
            ..Outcome::default()
        }
    }
}

/// Runs the command against the catalogs shipped in the binary.
pub fn run(args: &CatalogArgs) -> Result<ExitCode> {
    let outcome = render(args, Catalogs::embedded())?;
    // Written rather than print!ed so that a closed pipe is an error, not a
    // panic.
    std::io::stdout().write_all(outcome.stdout.as_bytes())?;
    std::io::stderr().write_all(outcome.stderr.as_bytes())?;
    Ok(ExitCode::from(outcome.exit))
}

/// The command's output for these arguments and catalogs.
pub fn render(args: &CatalogArgs, catalogs: &Catalogs) -> Result<Outcome> {
    let classification = Classification::from(args.classification);
    let catalog = match catalogs.get(classification, args.year) {
        Ok(catalog) => catalog,
        Err(e) => return Ok(Outcome::failure(2, e.to_string())),
    };
    let query = args.code_or_name.as_deref().map(str::trim);

    // The items asked for: one for a code, every match for a name.
    let found: Vec<&Item> = match query {
        None => Vec::new(),
        Some(q) if is_code(q) => match catalog.lookup(q) {
            Ok(item) => vec![item],
            Err(e) => return Ok(Outcome::failure(1, unknown_code(e, catalogs, q))),
        },
        Some(q) => {
            let matches = catalog.find_by_name(q, None);
            if matches.is_empty() {
                let e = CatalogError::UnknownName {
                    name: q.to_string(),
                    classification,
                    year: args.year,
                    partial: catalog.is_partial(),
                };
                return Ok(Outcome::failure(1, e.to_string()));
            }
            matches
        }
    };

    let stdout = if args.list {
        let items: Vec<&Item> = if query.is_none() {
            catalog.items().iter().collect()
        } else {
            // Each match and everything under it, in code order.
            catalog
                .items()
                .iter()
                .filter(|i| found.iter().any(|f| i.code.starts_with(&f.code)))
                .collect()
        };
        if args.json {
            json_text(&json!({ "catalog": header_json(catalog), "items": items }))?
        } else {
            list_text(catalog, &items)
        }
    } else if args.json {
        let value = match query {
            Some(q) if !is_code(q) => json!({
                "catalog": header_json(catalog),
                "query": q,
                "matches": found.iter().map(|i| item_json(catalog, i)).collect::<Vec<_>>(),
            }),
            _ => {
                let mut value = item_json(catalog, found[0]);
                value["catalog"] = header_json(catalog);
                value
            }
        };
        json_text(&value)?
    } else {
        let blocks: Vec<String> = found.iter().map(|i| item_text(catalog, i)).collect();
        format!("{}{}\n", blocks.join("\n"), footer(catalog))
    };
    Ok(Outcome {
        stdout,
        ..Outcome::default()
    })
}

/// All digits: a code, not a name.
fn is_code(q: &str) -> bool {
    !q.is_empty() && q.bytes().all(|b| b.is_ascii_digit())
}

/// The error, and the years whose catalog has the code if there are any:
/// the usual cause is a code of another year's catalog.
fn unknown_code(e: CatalogError, catalogs: &Catalogs, code: &str) -> String {
    let mut message = e.to_string();
    if let CatalogError::UnknownCode { classification, .. } = e {
        let years = catalogs.years_containing(classification, code);
        if !years.is_empty() {
            let years: Vec<String> = years.iter().map(u16::to_string).collect();
            let _ = write!(
                message,
                "\nnote: {code} is in the {} {} catalogs",
                years.join(", "),
                classification.chinese_name()
            );
        }
    }
    message
}

/// `2014004 信访业务 (项)`, its parents, and for a department 款 its
/// government items.
fn item_text(catalog: &Catalog, item: &Item) -> String {
    let mut out = format!("{} {} ({})\n", item.code, item.name, item.level);
    // The item came from this catalog, so its ancestors are there too.
    for parent in catalog.ancestors(&item.code).unwrap_or_default() {
        let _ = writeln!(
            out,
            "  in {} {} ({})",
            parent.code, parent.name, parent.level
        );
    }
    for (kind, label) in mapped_kinds(catalog, item) {
        let _ = match catalog.government_item(&item.code, kind) {
            Ok(gov) => writeln!(
                out,
                "  {label}: {} {}{}",
                gov.code,
                gov.name,
                government_parent(catalog, gov)
            ),
            Err(CatalogError::NoMapping { .. }) => {
                writeln!(out, "  {label}: no government item recorded")
            }
            Err(e) => writeln!(out, "  {label}: {e}"),
        };
    }
    out
}

/// ` (in 501 机关工资福利支出)`: the 类 of a government item.
fn government_parent(catalog: &Catalog, gov: &Item) -> String {
    let parent = gov
        .parent
        .as_deref()
        .and_then(|p| catalog.government_catalog()?.get(p));
    match parent {
        Some(p) => format!(" (in {} {})", p.code, p.name),
        None => String::new(),
    }
}

/// The unit kinds a department 款 is mapped for, with how to name them: 参公
/// units map like 行政 ones.
fn mapped_kinds(catalog: &Catalog, item: &Item) -> Vec<(UnitKind, &'static str)> {
    if catalog.classification == Classification::EconomicDepartment && item.level == Level::Section
    {
        vec![
            (
                UnitKind::Administrative,
                "government item for 行政 and 参公 units",
            ),
            (UnitKind::Institution, "government item for 事业 units"),
        ]
    } else {
        Vec::new()
    }
}

/// `2024 支出功能分类 catalog (partial): <first line of its source>`.
fn footer(catalog: &Catalog) -> String {
    format!(
        "{} ({}): {}",
        catalog.label(),
        catalog.coverage.as_str(),
        catalog.source_summary()
    )
}

/// The catalog as an indented tree, under its footer line.
fn list_text(catalog: &Catalog, items: &[&Item]) -> String {
    let mut out = format!("{}\n", footer(catalog));
    for item in items {
        let indent = "  ".repeat(usize::from(item.level.number() - 1));
        let _ = write!(out, "{indent}{} {}", item.code, item.name);
        for (label, code) in [("行政", &item.administrative), ("事业", &item.institution)] {
            if let Some(code) = code {
                let _ = write!(out, " {label}={code}");
            }
        }
        out.push('\n');
    }
    out
}

fn header_json(catalog: &Catalog) -> Value {
    json!({
        "classification": catalog.classification,
        "year": catalog.year,
        "title": catalog.title,
        "coverage": catalog.coverage,
        "source": catalog.source,
    })
}

/// `{"item", "ancestors", "government"}`, the last for a department 款 only:
/// `{"行政": item or null, "事业": item or null}`.
fn item_json(catalog: &Catalog, item: &Item) -> Value {
    let mut value = json!({
        "item": item,
        "ancestors": catalog.ancestors(&item.code).unwrap_or_default(),
    });
    if !mapped_kinds(catalog, item).is_empty() {
        let gov = |kind| catalog.government_item(&item.code, kind).ok();
        value["government"] = json!({
            "行政": gov(UnitKind::Administrative),
            "事业": gov(UnitKind::Institution),
        });
    }
    value
}

fn json_text(value: &Value) -> Result<String> {
    Ok(serde_json::to_string_pretty(value)? + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: CatalogArgs,
    }

    fn outcome(argv: &[&str]) -> Outcome {
        let cli = Cli::try_parse_from(std::iter::once("catalog").chain(argv.iter().copied()))
            .unwrap_or_else(|e| panic!("{e}"));
        render(&cli.args, Catalogs::embedded()).unwrap()
    }

    fn source_line(classification: Classification, year: u16) -> String {
        let catalog = Catalogs::embedded().get(classification, year).unwrap();
        catalog.source_summary().to_string()
    }

    #[test]
    fn a_code_prints_with_its_parents_and_the_catalog() {
        let out = outcome(&["2014004", "--year", "2024"]);
        let expected = format!(
            "2014004 信访业务 (项)\n  in 20140 信访事务 (款)\n  in 201 一般公共服务支出 (类)\n2024 支出功能分类 catalog (partial): {}\n",
            source_line(Classification::Function, 2024)
        );
        assert_eq!(out.stdout, expected);
        assert_eq!((out.stderr.as_str(), out.exit), ("", 0));
    }

    #[test]
    fn a_code_of_another_year_exits_1_naming_the_year() {
        let out = outcome(&["2014004", "--year", "2023"]);
        assert_eq!(out.exit, 1);
        assert!(out.stdout.is_empty());
        assert!(
            out.stderr
                .starts_with("2014004 is not in the 2023 支出功能分类 catalog"),
            "{}",
            out.stderr
        );
        assert!(out
            .stderr
            .ends_with("\nnote: 2014004 is in the 2024, 2025 支出功能分类 catalogs\n"));
    }

    #[test]
    fn a_year_without_catalog_exits_2_naming_the_years() {
        let out = outcome(&["201", "--year", "2019"]);
        assert_eq!(out.exit, 2);
        assert_eq!(
            out.stderr,
            "there is no 2019 支出功能分类 catalog (there are for 2023, 2024, 2025)\n"
        );
    }

    #[test]
    fn a_department_item_prints_its_government_items() {
        let out = outcome(&["30101", "--year", "2024", "--classification", "economic"]);
        let expected = "30101 基本工资 (款)\n  in 301 工资福利支出 (类)\n  government item for 行政 and 参公 units: 50101 工资奖金津补贴 (in 501 机关工资福利支出)\n  government item for 事业 units: 50501 工资福利支出 (in 505 对事业单位经常性补助)\n";
        assert!(out.stdout.starts_with(expected), "{}", out.stdout);
        let out = outcome(&[
            "伙食补助费",
            "--year",
            "2024",
            "--classification",
            "economic",
        ]);
        assert!(out
            .stdout
            .contains("government item for 行政 and 参公 units: no government item recorded"));
    }

    #[test]
    fn a_name_finds_every_item_of_that_name() {
        let out = outcome(&["政府办公厅(室)及相关机构事务", "--year", "2023"]);
        assert!(out
            .stdout
            .starts_with("20103 政府办公厅（室）及相关机构事务 (款)\n  in 201"));
        let out = outcome(&["行政运行", "--year", "2024"]);
        assert!(out.stdout.contains("2010301 行政运行 (项)\n  in 20103"));
        assert!(out.stdout.contains("2014001 行政运行 (项)\n  in 20140"));
        let out = outcome(&["信访业务", "--year", "2023"]);
        assert_eq!(out.exit, 1);
        assert!(out
            .stderr
            .starts_with("no item named 信访业务 in the 2023 支出功能分类 catalog"));
    }

    #[test]
    fn json_output() {
        let out = outcome(&[
            "30302",
            "--year",
            "2023",
            "--classification",
            "economic",
            "--json",
        ]);
        let v: Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(v["item"]["name"], "退休费");
        assert_eq!(v["ancestors"][0]["code"], "303");
        assert_eq!(v["government"]["行政"]["name"], "离退休费");
        assert_eq!(v["government"]["事业"]["code"], "50905");
        assert_eq!(v["catalog"]["classification"], "economic-department");
        assert_eq!(v["catalog"]["coverage"], "partial");

        let out = outcome(&["信访事务", "--year", "2023", "--json"]);
        let v: Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(v["matches"][0]["item"]["code"], "2010308");
        assert!(v["matches"][0].get("government").is_none());

        let out = outcome(&[
            "--list",
            "--year",
            "2025",
            "--classification",
            "government",
            "--json",
        ]);
        let v: Value = serde_json::from_str(&out.stdout).unwrap();
        let count = Catalogs::embedded()
            .get(Classification::EconomicGovernment, 2025)
            .unwrap()
            .len();
        assert_eq!(v["items"].as_array().unwrap().len(), count);
    }

    #[test]
    fn list_prints_the_tree_or_a_subtree() {
        let out = outcome(&["--list", "--year", "2024"]);
        assert!(out
            .stdout
            .starts_with("2024 支出功能分类 catalog (partial): "));
        assert!(out
            .stdout
            .contains("\n201 一般公共服务支出\n  20101 人大事务\n    2010101 行政运行\n"));
        let out = outcome(&["20140", "--list", "--year", "2024"]);
        let lines: Vec<_> = out.stdout.lines().skip(1).collect();
        assert_eq!(lines.len(), 7);
        assert_eq!(lines[0], "  20140 信访事务");
        let out = outcome(&[
            "301",
            "--list",
            "--year",
            "2024",
            "--classification",
            "economic",
        ]);
        assert!(out
            .stdout
            .contains("\n  30101 基本工资 行政=50101 事业=50501\n"));
    }

    #[test]
    fn a_query_is_required_without_list() {
        assert!(Cli::try_parse_from(["catalog", "--year", "2024"]).is_err());
        assert!(Cli::try_parse_from(["catalog", "201"]).is_err());
    }
}
