//! `yusuan template`, `workbook` and `make` as a finance officer runs them:
//! a blank workbook is refused with its problems at their cells, last
//! year's report becomes a workbook, the report is made in every format, and
//! a report the checker finds an error in is refused unless allowed.

use std::path::{Path, PathBuf};
use std::process::Command;

fn yusuan(args: &[&str], dir: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("yusuan runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/real")
        .join(name)
        .display()
        .to_string()
}

/// A fresh scratch folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_blank_template_is_refused_with_its_problems_at_their_cells() {
    let dir = scratch("template");
    let (code, err) = yusuan(&["template", "--year", "2024", "-o", "budget.xlsx"], &dir);
    assert_eq!(code, 0, "{err}");
    let (code, err) = yusuan(&["make", "budget.xlsx", "-o", "out"], &dir);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("部门信息!B2"), "{err}");
    assert!(
        !dir.join("out").exists(),
        "nothing is written for a bad workbook"
    );
}

#[test]
fn last_years_report_is_made_again_in_every_format() {
    let dir = scratch("fenyang");
    let (code, err) = yusuan(
        &[
            "workbook",
            &fixture("fenyang-xinfang-2024-budget.txt"),
            "-o",
            "fy.xlsx",
        ],
        &dir,
    );
    assert_eq!(code, 0, "{err}");
    // Everything but the PDF, which has its own tests (it needs a CJK font).
    let (code, err) = yusuan(
        &[
            "make",
            "fy.xlsx",
            "-o",
            "out",
            "--format",
            "html,xlsx,md,txt,json",
        ],
        &dir,
    );
    assert_eq!(code, 0, "{err}");
    let stem = "汾阳市信访局2024年部门预算公开";
    for ext in ["html", "xlsx", "md", "txt", "json"] {
        let path = dir.join("out").join(format!("{stem}.{ext}"));
        let len = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        assert!(len > 1000, "{} is missing or empty", path.display());
    }
    // The made text checks clean of errors as a published document.
    let (code, err) = yusuan(&["check", &format!("out/{stem}.txt")], &dir);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_report_with_an_error_is_refused_unless_allowed() {
    let dir = scratch("jincheng");
    let (code, err) = yusuan(
        &[
            "workbook",
            &fixture("jincheng-xinfang-2023-budget.txt"),
            "-o",
            "jc.xlsx",
        ],
        &dir,
    );
    assert_eq!(code, 0, "{err}");
    // The department's own 项目概况 says 合计共需210万元 of items adding to
    // 199: the made report keeps the text, and the checker refuses it.
    let (code, err) = yusuan(&["make", "jc.xlsx", "-o", "out", "--format", "md"], &dir);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("prose-enumeration"), "{err}");
    assert!(err.contains("refusing"), "{err}");
    assert!(!dir.join("out").exists());
    let (code, err) = yusuan(
        &[
            "make",
            "jc.xlsx",
            "-o",
            "out",
            "--format",
            "md",
            "--allow-errors",
        ],
        &dir,
    );
    assert_eq!(code, 1, "written, but the errors still count: {err}");
    assert!(dir.join("out/晋城市信访局2023年部门预算公开.md").exists());
}

#[test]
fn a_budget_as_json_is_made_too() {
    let dir = scratch("json");
    let (code, err) = yusuan(
        &[
            "workbook",
            &fixture("fenyang-xinfang-2024-budget.txt"),
            "-o",
            "fy.xlsx",
        ],
        &dir,
    );
    assert_eq!(code, 0, "{err}");
    let (code, err) = yusuan(&["make", "fy.xlsx", "-o", "a", "--format", "json"], &dir);
    assert_eq!(code, 0, "{err}");
    // The same budget as JSON makes the same report.
    let (code, err) = yusuan(
        &[
            "workbook",
            &fixture("fenyang-xinfang-2024-budget.txt"),
            "-o",
            "fy.json",
        ],
        &dir,
    );
    assert_eq!(code, 0, "{err}");
    let (code, err) = yusuan(&["make", "fy.json", "-o", "c", "--format", "json"], &dir);
    assert_eq!(code, 0, "{err}");
    let name = "汾阳市信访局2024年部门预算公开.json";
    assert_eq!(
        std::fs::read(dir.join("a").join(name)).unwrap(),
        std::fs::read(dir.join("c").join(name)).unwrap(),
        "workbook and JSON make the same disclosure"
    );
    // A disclosure JSON is not a budget: refused as unusable input.
    let made = dir.join("a/汾阳市信访局2024年部门预算公开.json");
    let (code, err) = yusuan(&["make", made.to_str().unwrap(), "-o", "b"], &dir);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a budget"), "{err}");
}
