//! `yusuan schema`: the JSON Schemas generated from the model's types, the
//! same ones committed under `docs/schema/`.

use std::process::ExitCode;

/// Which schema to print.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum Which {
    /// A published disclosure as read (`yusuan parse` output).
    Disclosure,
    /// Budget facts, the input the maker derives tables from.
    BudgetFacts,
    /// A budget: the facts plus the department's texts (`yusuan make` input as JSON).
    Budget,
}

#[derive(clap::Args, Debug)]
pub struct SchemaArgs {
    /// The schema to print.
    #[arg(value_enum, default_value = "disclosure")]
    which: Which,
}

pub fn run(args: &SchemaArgs) -> anyhow::Result<ExitCode> {
    let schema = match args.which {
        Which::Disclosure => yusuan_core::model::disclosure_schema(),
        Which::BudgetFacts => yusuan_core::facts::budget_facts_schema(),
        Which::Budget => yusuan_core::budget::budget_schema(),
    };
    println!("{}", serde_json::to_string_pretty(&schema)?);
    Ok(ExitCode::SUCCESS)
}
