//! The rule catalog: every rule with a stable code, a severity, a category,
//! what it says in Chinese and English, and what it enforces. Arithmetic
//! rules come from the form's identity declarations (data); the others are
//! code, registered here.

use serde::Serialize;
use yusuan_core::finding::Severity;
use yusuan_core::identity::{Declared, Identity, Strength};
use yusuan_core::model::TableKind;

/// What part of a disclosure a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Identities inside one table.
    Table,
    /// Identities between tables.
    CrossTable,
    /// Figures in the explanation against the tables.
    Prose,
    /// Performance-target tables.
    Targets,
    /// Classification codes and names against the year's catalog.
    Catalog,
    /// The parts a disclosure must contain.
    Completeness,
    /// What is unusual without being impossible.
    Plausibility,
    /// What the reader could not read for certain.
    Reading,
}

impl Category {
    pub fn name(self) -> &'static str {
        match self {
            Category::Table => "table",
            Category::CrossTable => "cross-table",
            Category::Prose => "prose",
            Category::Targets => "targets",
            Category::Catalog => "catalog",
            Category::Completeness => "completeness",
            Category::Plausibility => "plausibility",
            Category::Reading => "reading",
        }
    }
}

/// One rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable code, used in findings and in suppressions.
    pub code: &'static str,
    pub severity: Severity,
    pub category: Category,
    pub zh: &'static str,
    pub en: &'static str,
    /// The identity or regulation the rule enforces.
    pub enforces: &'static str,
}

const DOMAIN: &str = "DOMAIN.md: the identities of the national form";
const RULES_2016: &str = "地方预决算公开操作规程 (财预〔2016〕143号)";

macro_rules! rule {
    ($code:literal, $sev:ident, $cat:ident, $zh:literal, $en:literal, $enf:expr) => {
        Rule {
            code: $code,
            severity: Severity::$sev,
            category: Category::$cat,
            zh: $zh,
            en: $en,
            enforces: $enf,
        }
    };
}

/// The rules that are code.
pub fn code_rules() -> Vec<Rule> {
    vec![
        rule!("prose-amount", Error, Prose, "情况说明中的金额与表中数字不一致", "An amount in the explanation differs from the table cell it restates", DOMAIN),
        rule!("prose-share", Error, Prose, "情况说明中的占比与表中数字算出的不一致", "A share in the explanation is not what the tables give", DOMAIN),
        rule!("prose-change", Error, Prose, "增减额、增减率与方向词互相矛盾", "A change, its rate and its direction words contradict each other", DOMAIN),
        rule!("prose-breakdown", Error, Prose, "“其中”所列各项之和与总数不符", "The parts listed after 其中 do not add up to the whole they belong to", DOMAIN),
        rule!("prose-project-count", Error, Prose, "绩效管理项目个数与项目支出表、绩效目标表不一致", "The number of projects under performance management differs from table 12 and the target tables", DOMAIN),
        rule!("prose-enumeration", Error, Prose, "逐项列举之和与所述合计不符", "An enumeration does not add up to the total it states", DOMAIN),
        rule!("prose-procurement", Error, Prose, "政府采购总额不等于货物、工程、服务之和", "Procurement total differs from goods + works + services", DOMAIN),
        rule!("prose-name", Warning, Prose, "情况说明中的科目名称与表中不一致", "A classification name in the explanation differs from the table's", DOMAIN),
        rule!("prose-missing-figure", Warning, Prose, "必须说明的数字未在该部分出现", "A section does not state the figure it must explain", RULES_2016),
        rule!("prose-unresolved", Info, Prose, "情况说明中的数字无法对应到表格", "A figure in the explanation could not be tied to what it is about", DOMAIN),
        rule!("target-annual-amount", Error, Targets, "绩效目标表年度资金总额与项目支出表不一致", "A target table's annual funds differ from the project's amount in table 12", DOMAIN),
        rule!("target-sources", Error, Targets, "绩效目标表资金来源之和不等于资金总额", "A target table's funding sources do not add up to its total", DOMAIN),
        rule!("target-period", Error, Targets, "实施期资金总额小于年度资金总额", "A target table's funds for the whole period are less than for the year", DOMAIN),
        rule!("target-missing", Warning, Targets, "项目支出表中的项目没有绩效目标表，或绩效目标表的项目不在项目支出表中", "A project of table 12 has no target table, or a target table names no project of table 12", DOMAIN),
        rule!("catalog-unknown-code", Warning, Catalog, "科目编码不在该年度科目表中", "A classification code is not in the catalog of the document's year", "政府收支分类科目 of the year"),
        rule!("catalog-name", Warning, Catalog, "科目名称与该年度科目表不一致", "A printed classification name differs from the catalog's", "政府收支分类科目 of the year"),
        rule!("catalog-economic-mapping", Warning, Catalog, "部门经济分类与政府经济分类的对应关系不符", "A department economic item is printed against a government item it does not map to", "部门预算支出经济分类与政府预算支出经济分类对应关系"),
        rule!("missing-table", Error, Completeness, "缺少必须公开的表格", "A table the form requires is missing", RULES_2016),
        rule!("empty-table-note", Warning, Completeness, "空表未注明“本表无数据”", "An empty table lacks the note saying it has no data", RULES_2016),
        rule!("note-with-figures", Warning, Completeness, "注明“本表无数据”的表格却印有数字", "A table noted as having no data prints figures", RULES_2016),
        rule!("missing-section", Error, Completeness, "情况说明缺少必须说明的部分", "The explanation lacks a section the rules require", RULES_2016),
        rule!("missing-overview", Warning, Completeness, "缺少部门职责或机构设置", "The duties or the organisation of the department are missing", RULES_2016),
        rule!("missing-glossary", Warning, Completeness, "缺少名词解释", "The glossary is missing", RULES_2016),
        rule!("operating-costs-administrative", Warning, CrossTable, "机关运行经费与表6中行政（参公）单位的公用经费不一致", "Operating costs differ from the public expenditure table 6 books for administrative (参公) units", "机关运行经费 is the 公用经费 of 行政 and 参公 units (名词解释)"),
        rule!("vehicle-costs-without-vehicles", Warning, Plausibility, "无公务用车却安排公务用车运行维护费", "Vehicle running costs are budgeted but the department has no vehicles", DOMAIN),
        rule!("carryover-project-this-year", Warning, Plausibility, "名称为“结转”的项目列在本年预算项目表中", "A project named as carried over is listed among this year's projects", DOMAIN),
        rule!("ambiguous-columns", Warning, Reading, "数字所在的栏目无法唯一确定", "The column of a row's figures cannot be decided", "the reader"),
        rule!("not-a-number", Error, Reading, "应为数字的单元格不是数字", "A cell where a figure belongs is not a number", "the reader"),
        rule!("extra-cell", Warning, Reading, "表格行的单元格多于表格栏目", "A table row has more cells than the table has columns", "the reader"),
        rule!("orphan-figure", Warning, Reading, "数字前没有行标签", "A figure stands before any row label", "the reader"),
        rule!("duplicate-table", Warning, Reading, "同一表格重复出现", "A table is printed twice", "the reader"),
        rule!("target-layout", Warning, Reading, "绩效目标表的行无法对齐", "A row of a target table cannot be placed", "the reader"),
        rule!("unreadable-page", Error, Reading, "页面无法读取（扫描件无文字层，或字体无 Unicode 映射），其中的数字未读取", "A page cannot be read (a scan without a text layer, or a font without a Unicode map); none of its figures are read", "the PDF reader"),
        rule!("unreadable", Error, Reading, "文件无法读取（格式不支持、已损坏或已加密）", "The file cannot be read (an unsupported format, damaged, or encrypted)", "the readers"),
    ]
}

/// The rule of a declared identity.
pub fn identity_rule(d: &Declared) -> Rule {
    let tables = identity_tables(&d.identity);
    Rule {
        code: d.id,
        severity: match d.strength {
            Strength::Must => Severity::Error,
            Strength::Expected => Severity::Warning,
        },
        category: if tables.len() <= 1 {
            Category::Table
        } else {
            Category::CrossTable
        },
        zh: d.zh,
        en: d.en,
        enforces: DOMAIN,
    }
}

fn identity_tables(i: &Identity) -> Vec<TableKind> {
    let mut v: Vec<TableKind> = match i {
        Identity::RowSum { table, .. } | Identity::Hierarchy { table, .. } => vec![*table],
        Identity::Equal { lhs, rhs } | Identity::AtLeast { lhs, rhs } => {
            lhs.iter().chain(rhs).map(|c| c.table).collect()
        }
        Identity::CodesMatch { a, b, .. } => vec![a.0, b.0],
    };
    v.sort();
    v.dedup();
    v
}

/// The whole catalog: identity rules (one per id) then code rules.
pub fn catalog(identities: &[Declared]) -> Vec<Rule> {
    let mut out: Vec<Rule> = Vec::new();
    for d in identities {
        if !out.iter().any(|r| r.code == d.id) {
            out.push(identity_rule(d));
        }
    }
    out.extend(code_rules());
    out
}

/// The catalog as Markdown (`docs/rules.md`).
pub fn markdown(rules: &[Rule]) -> String {
    let mut s = String::from(
        "# Rules\n\nGenerated from the rule catalog (`yusuan rules --format markdown`); do not edit by hand.\n\
         Arithmetic rules are the identities of the form, declared as data in\n\
         `crates/core/src/identity/national.rs`; the others are code in `crates/check`.\n",
    );
    let mut categories: Vec<Category> = rules.iter().map(|r| r.category).collect();
    categories.sort();
    categories.dedup();
    for c in categories {
        s.push_str(&format!("\n## {}\n\n| code | severity | 说明 | description | enforces |\n|---|---|---|---|---|\n", c.name()));
        for r in rules.iter().filter(|r| r.category == c) {
            s.push_str(&format!(
                "| `{}` | {} | {} | {} | {} |\n",
                r.code,
                severity_name(r.severity),
                r.zh,
                r.en,
                r.enforces
            ));
        }
    }
    s
}

pub fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}
