//! Findings written out: JSON Lines (the stable interface), a human report
//! grouped by table that quotes the source line with the figure marked, and
//! SARIF 2.1.0 for code-scanning tools.

use crate::rules::{severity_name, Rule};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use yusuan_core::finding::{Finding, Severity};

/// One document's line of `check --format json`: `{"file", "findings"}`,
/// keys in that order (and a finding's keys in their declared order).
pub fn json_line(file: &str, findings: &[Finding]) -> String {
    #[derive(serde::Serialize)]
    struct Document<'a> {
        file: &'a str,
        findings: &'a [Finding],
    }
    serde_json::to_string(&Document { file, findings }).unwrap_or_default()
}

/// Counts by severity.
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let n = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    (n(Severity::Error), n(Severity::Warning), n(Severity::Info))
}

/// A human report: findings grouped by table (then the prose, the targets
/// and the rest), each quoting its source line with the figure underlined.
pub fn human(file: &str, source: Option<&str>, findings: &[Finding], show_info: bool) -> String {
    let lines: Vec<&str> = source.map(|s| s.lines().collect()).unwrap_or_default();
    let mut groups: BTreeMap<(u8, String), Vec<&Finding>> = BTreeMap::new();
    for f in findings
        .iter()
        .filter(|f| show_info || f.severity != Severity::Info)
    {
        let key = match (&f.location.table, &f.location.section) {
            (Some(t), _) => (0, format!("表{t}")),
            (None, Some(s)) => (1, s.clone()),
            (None, None) => (2, "文档".to_string()),
        };
        groups.entry(key).or_default().push(f);
    }
    let mut out = String::new();
    for ((_, title), fs) in groups {
        out.push_str(&format!("{title}\n"));
        for f in fs {
            out.push_str(&format!(
                "  {}[{}]: {}\n",
                severity_name(f.severity),
                f.rule,
                f.message
            ));
            if let Some(line) = f.location.line {
                out.push_str(&format!("    --> {file}:{line}\n"));
                if let Some(text) = lines.get(line as usize - 1) {
                    let shown: String = text.replace('\t', " ");
                    out.push_str(&format!("     | {shown}\n"));
                    if let Some((a, b)) = f.location.span {
                        let width = |s: &str| {
                            s.chars()
                                .map(|c| if c.is_ascii() { 1 } else { 2 })
                                .sum::<usize>()
                        };
                        let prefix: String = shown.chars().take(a as usize).collect();
                        let mark: String = shown
                            .chars()
                            .skip(a as usize)
                            .take((b - a) as usize)
                            .collect();
                        out.push_str(&format!(
                            "     | {}{}\n",
                            " ".repeat(width(&prefix)),
                            "^".repeat(width(&mark).max(1))
                        ));
                    }
                }
            }
            if let (Some(e), Some(a)) = (&f.expected, &f.actual) {
                out.push_str(&format!("     = expected {e}, printed {a}\n"));
            }
        }
    }
    let (e, w, i) = counts(findings);
    out.push_str(&format!("{file}: {e} errors, {w} warnings, {i} notes\n"));
    out
}

/// SARIF 2.1.0 for a set of documents.
pub fn sarif(rules: &[Rule], documents: &[(String, Vec<Finding>)]) -> Value {
    let results: Vec<Value> = documents
        .iter()
        .flat_map(|(file, findings)| {
            findings.iter().map(move |f| {
                let mut region = json!({});
                if let Some(l) = f.location.line {
                    region["startLine"] = json!(l);
                }
                if let Some((a, b)) = f.location.span {
                    region["startColumn"] = json!(a + 1);
                    region["endColumn"] = json!(b + 1);
                }
                json!({
                    "ruleId": f.rule,
                    "level": match f.severity { Severity::Error => "error", Severity::Warning => "warning", Severity::Info => "note" },
                    "message": { "text": f.message },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": { "uri": file },
                            "region": region,
                        }
                    }],
                    "properties": { "location": f.location, "expected": f.expected, "actual": f.actual },
                })
            })
        })
        .collect();
    json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": { "driver": {
                "name": "yusuan",
                "informationUri": "https://example.invalid/yusuan",
                "rules": rules.iter().map(|r| json!({
                    "id": r.code,
                    "shortDescription": { "text": r.en },
                    "fullDescription": { "text": r.zh },
                    "defaultConfiguration": { "level": match r.severity { Severity::Error => "error", Severity::Warning => "warning", Severity::Info => "note" } },
                    "properties": { "category": r.category.name(), "enforces": r.enforces },
                })).collect::<Vec<_>>(),
            }},
            "results": results,
        }],
    })
}
