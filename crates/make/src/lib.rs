//! The maker: a budget into a complete disclosure, consistent by construction
//! and verified by the same reader and checker that judge published ones.
//!
//! 1. [`assemble`]: the 13 tables are derived from the facts
//!    ([`yusuan_core::facts::derive`]); 第一部分 comes from the department's
//!    texts; 第三部分 is written from the printed figures ([`prose`]); a
//!    target table is made for every project of table 12 ([`targets`]); the
//!    glossary is the department's or the standard one ([`glossary`]).
//! 2. [`make`]: the assembled disclosure is printed as text, read back by
//!    `yusuan-parse` and checked by `yusuan-check`. What the checker finds is
//!    returned beside the disclosure; the CLI refuses to write a report with
//!    an error unless told to.
//! 3. [`recover`]: the way back, from a published disclosure to a budget, so
//!    a department can start from last year's report.

#[cfg(feature = "corpus")]
pub mod corpus;
pub mod figures;
pub mod glossary;
pub mod prose;
pub mod recover;
pub mod roll;
pub mod sample;
pub mod targets;

use yusuan_core::budget::Budget;
use yusuan_core::catalog::Catalogs;
use yusuan_core::facts::derive::{derive_disclosure, validate, DeriveError};
use yusuan_core::finding::{Finding, Severity};
use yusuan_core::model::{
    Disclosure, GlossaryEntry, OutlineEntry, Overview, Part, Provenance, SourceFile, SourceFormat,
};

/// Why a budget cannot be made into a disclosure at all.
#[derive(Debug, thiserror::Error)]
pub enum MakeError {
    /// The facts name a code, unit or amount the tables cannot take.
    #[error("the budget cannot be made into tables: {0}")]
    Derive(#[from] DeriveError),
    /// The made text could not be read back (a bug of the maker or reader).
    #[error("the made report could not be read back: {0}")]
    ReadBack(#[from] yusuan_parse::ReadError),
}

/// A made disclosure with the verdict of the checker on it.
#[derive(Debug, Clone)]
pub struct Made {
    /// The complete disclosure, as the writers print it.
    pub disclosure: Disclosure,
    /// The same printed as text (TAB layout), as it was read back.
    pub text: String,
    /// What the reader and the checker found on the text read back.
    pub findings: Vec<Finding>,
    /// What the department left out or got wrong in the budget itself
    /// (missing texts, facts that contradict each other), in Chinese.
    pub notices: Vec<String>,
}

impl Made {
    /// The findings of error severity.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }
}

/// The complete disclosure of a budget: cover to glossary.
pub fn assemble(budget: &Budget, catalogs: &Catalogs) -> Result<Disclosure, MakeError> {
    let mut d = derive_disclosure(&budget.facts, catalogs)?;
    d.sources = vec![SourceFile {
        path: "(made)".to_string(),
        sha256: None,
        format: SourceFormat::Derived,
    }];
    let texts = &budget.texts;
    d.overview = Overview {
        duties: clean(&texts.duties),
        organisation: clean(&texts.organisation),
    };
    d.sections = prose::sections(budget, &d);
    d.targets = targets::targets(budget);
    d.glossary = glossary::glossary(budget)
        .into_iter()
        .map(|g| GlossaryEntry {
            term: g.term,
            definition: g.definition,
            provenance: Provenance::default(),
        })
        .collect();
    let year = budget.facts.meta.year;
    d.outline = [
        (
            Part::Cover,
            format!("{}{year}年部门预算公开", d.meta.department),
        ),
        (Part::Contents, "目录".to_string()),
        (Part::Overview, "第一部分 概况".to_string()),
        (Part::Tables, format!("第二部分 {year}年部门预算报表")),
        (
            Part::Explanation,
            format!("第三部分 {year}年度部门预算情况说明"),
        ),
        (Part::Targets, "项目支出绩效目标申报表".to_string()),
        (Part::Glossary, "第四部分 名词解释".to_string()),
    ]
    .into_iter()
    .map(|(part, title)| OutlineEntry {
        part,
        title,
        provenance: Provenance::default(),
    })
    .collect();
    Ok(d)
}

fn clean(paragraphs: &[String]) -> Vec<String> {
    paragraphs
        .iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Make the disclosure of a budget and check it as a reader of the
/// published text would.
pub fn make(budget: &Budget, catalogs: &Catalogs) -> Result<Made, MakeError> {
    let disclosure = assemble(budget, catalogs)?;
    let text = yusuan_render::write_text(&disclosure, yusuan_render::Layout::Tab);
    let name = format!(
        "{}-{}-made.txt",
        disclosure.meta.department, disclosure.meta.year
    );
    let reading = yusuan_parse::read_bytes(
        text.as_bytes(),
        &name,
        &yusuan_parse::Profile::national_budget(),
    )?;
    let mut findings = reading.findings;
    findings.extend(yusuan_check::Checker::national().check(&reading.disclosure));
    Ok(Made {
        notices: notices(budget),
        disclosure,
        text,
        findings,
    })
}

/// What the budget leaves out that a complete disclosure needs, and facts
/// that contradict each other.
pub fn notices(budget: &Budget) -> Vec<String> {
    let mut out = Vec::new();
    let texts = &budget.texts;
    if clean(&texts.duties).is_empty() {
        out.push("文字说明：未填写本部门职责，第一部分将缺少职责".to_string());
    }
    if clean(&texts.organisation).is_empty() {
        out.push("文字说明：未填写机构设置情况".to_string());
    }
    let a = &texts.assets;
    if a.vehicles_quota.is_none()
        && a.vehicles.is_none()
        && a.building_area.is_none()
        && a.general_equipment_over_500k.is_none()
        && a.special_equipment_over_1m.is_none()
    {
        out.push("文字说明：未填写国有资产占有使用情况".to_string());
    }
    for p in budget.facts.projects.iter().filter(|p| !p.carryover) {
        match budget.plan(&p.name) {
            None => out.push(format!(
                "项目「{}」没有绩效目标（项目、绩效指标表中无此项目）",
                p.name
            )),
            Some(plan) if plan.annual_indicators.is_empty() => {
                out.push(format!("项目「{}」没有年度绩效指标", p.name))
            }
            Some(_) => {}
        }
    }
    out.extend(validate(&budget.facts).into_iter().map(|p| p.message));
    out
}
