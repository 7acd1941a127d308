//! The JSON Schemas under `docs/schema/` are generated from the types; this
//! test fails when a type changed and the committed schema did not. Run with
//! `UPDATE_SCHEMA=1` to rewrite them.

use std::path::PathBuf;

fn check(name: &str, schema: schemars::schema::RootSchema) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/schema")
        .join(name);
    let fresh = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: the model changed. Regenerate it with \
         `UPDATE_SCHEMA=1 cargo test -p yusuan-core --test schema_is_current` and commit it.",
        path.display()
    );
}

#[test]
fn disclosure_schema_is_current() {
    check(
        "disclosure.schema.json",
        yusuan_core::model::disclosure_schema(),
    );
}

#[test]
fn budget_facts_schema_is_current() {
    check(
        "budget-facts.schema.json",
        yusuan_core::facts::budget_facts_schema(),
    );
}

#[test]
fn budget_schema_is_current() {
    check("budget.schema.json", yusuan_core::budget::budget_schema());
}
