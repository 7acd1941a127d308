//! The command line as scripts use it: the stable interfaces (`check --format
//! json`, `facts --format csv`) and the exit codes.

use std::path::PathBuf;
use std::process::Command;

fn yusuan(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .expect("yusuan runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const JINCHENG: &str = "tests/fixtures/real/jincheng-xinfang-2023-budget.txt";
const FENYANG: &str = "tests/fixtures/real/fenyang-xinfang-2024-budget.txt";

#[test]
fn check_json_is_one_object_per_document_with_the_stable_keys() {
    let (code, out, _) = yusuan(&["check", JINCHENG, FENYANG, "--format", "json"]);
    assert_eq!(code, 1, "both seeds have findings of error severity");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["file"].is_string());
        for f in v["findings"].as_array().unwrap() {
            for key in [
                "rule", "severity", "message", "location", "expected", "actual",
            ] {
                assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
            }
            for key in ["table", "row", "column", "section", "line"] {
                assert!(
                    f["location"].get(key).is_some(),
                    "location lacks {key}: {f}"
                );
            }
            assert!(matches!(
                f["severity"].as_str(),
                Some("error" | "warning" | "info")
            ));
        }
    }
    assert!(out.contains("\"rule\":\"prose-project-count\""));
}

#[test]
fn check_exit_codes() {
    // Unusable input: 2.
    let (code, _, err) = yusuan(&["check", "Cargo.toml"]);
    assert_eq!(code, 2, "{err}");
    let (code, out, _) = yusuan(&["check", "Cargo.toml", "--format", "json"]);
    assert_eq!(code, 2);
    assert!(out.contains("\"rule\":\"unreadable\""));
    // A folder is searched; the summary counts both documents.
    let (code, out, _) = yusuan(&["check", "tests/fixtures/real"]);
    assert_eq!(code, 1);
    assert!(out.contains("2 documents"), "{out}");
}

#[test]
fn check_sarif_is_valid_json_with_rules() {
    let (_, out, _) = yusuan(&["check", FENYANG, "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert!(
        v["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len()
            > 50
    );
    assert!(!v["runs"][0]["results"].as_array().unwrap().is_empty());
}

#[test]
fn facts_csv_has_the_stable_header() {
    let (code, out, _) = yusuan(&["facts", FENYANG, "--format", "csv"]);
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("table,row_code,row_label,column,value"));
    assert!(out.contains("3,2014004,信访业务,项目支出,15.18"));
    let (code, out, _) = yusuan(&["facts", JINCHENG, "--format", "json"]);
    assert_eq!(code, 0);
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["table"], 1);
}

#[test]
fn parse_prints_the_model_and_refuses_what_is_not_a_disclosure() {
    let (code, out, _) = yusuan(&["parse", JINCHENG]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["meta"]["department"], "晋城市信访局");
    let (code, _, err) = yusuan(&["parse", "README.md"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("README.md") && err.contains("not a budget disclosure"),
        "{err}"
    );
    let (code, _, err) = yusuan(&["parse", "no/such/file.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/file.txt"), "{err}");
}

#[test]
fn catalog_and_rules() {
    let (code, out, _) = yusuan(&["catalog", "2014004", "--year", "2024"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("信访业务")
            && out.contains("20140 信访事务")
            && out.contains("201 一般公共服务支出")
    );
    let (code, _, err) = yusuan(&["catalog", "2014004", "--year", "2023"]);
    assert_eq!(code, 1);
    assert!(err.contains("not in the 2023"), "{err}");
    let (code, out, _) = yusuan(&["rules"]);
    assert_eq!(code, 0);
    assert!(out.contains("prose-project-count") && out.contains("t3-hierarchy"));
}
