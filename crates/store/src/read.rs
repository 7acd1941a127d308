//! Reading the repository back: regions, departments, disclosures, their
//! facts and findings, a department across years, and search.

use crate::document::{inflate, FactRow};
use crate::filter::Filters;
use crate::headline::Headline;
use crate::{Result, Store, StoreError};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;
use yusuan_core::finding::{Finding, Location, Severity};
use yusuan_core::model::Disclosure;

pub(crate) fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn severity_of(s: &str) -> Severity {
    match s {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        _ => Severity::Info,
    }
}

/// 地区 with what the repository holds of it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct RegionSummary {
    pub id: i64,
    pub name: String,
    pub departments: i64,
    pub disclosures: i64,
    pub first_year: Option<i64>,
    pub last_year: Option<i64>,
}

/// 部门 with what the repository holds of it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct DepartmentSummary {
    pub id: i64,
    pub name: String,
    pub code: Option<String>,
    pub level: Option<String>,
    pub region_id: i64,
    pub region: String,
    pub disclosures: i64,
    pub last_year: Option<i64>,
}

/// One stored disclosure, without its contents.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct DisclosureSummary {
    pub id: i64,
    pub department_id: i64,
    pub department: String,
    pub region_id: i64,
    pub region: String,
    pub year: i64,
    /// 预算 or 决算.
    pub kind: String,
    pub unit: String,
    pub source_name: String,
    pub source_format: String,
    pub source_hash: String,
    pub source_size: i64,
    pub imported_at: String,
    pub facts: i64,
    pub claims: i64,
    pub errors: i64,
    pub warnings: i64,
    pub infos: i64,
    pub headline: Headline,
}

/// A stored disclosure with its model and findings.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct StoredDisclosure {
    pub summary: DisclosureSummary,
    pub disclosure: Disclosure,
    pub findings: Vec<Finding>,
}

/// One tidy fact as stored, with its disclosure.
pub type StoredFact = FactRow;

/// A department's headline figures in one year.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct YearFigures {
    pub year: i64,
    pub kind: String,
    pub disclosure_id: i64,
    pub headline: Headline,
}

/// A search result: a department (with its region).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct SearchHit {
    pub department: DepartmentSummary,
    /// Where the query matched: 部门 or 地区.
    pub matched: &'static str,
}

const DISCLOSURE_COLUMNS: &str = "d.id, d.department_id, p.name, r.id, r.name, d.year, d.kind, \
     d.unit, d.source_name, d.source_format, d.source_hash, d.source_size, d.imported_at, \
     d.fact_count, d.claim_count, d.errors, d.warnings, d.infos, d.total_fen, d.basic_fen, \
     d.project_fen, d.three_public_fen, d.operating_fen \
     FROM disclosures d JOIN departments p ON p.id = d.department_id \
     JOIN regions r ON r.id = p.region_id";

fn disclosure_summary(r: &AnyRow) -> DisclosureSummary {
    DisclosureSummary {
        id: r.get(0),
        department_id: r.get(1),
        department: r.get(2),
        region_id: r.get(3),
        region: r.get(4),
        year: r.get(5),
        kind: r.get(6),
        unit: r.get(7),
        source_name: r.get(8),
        source_format: r.get(9),
        source_hash: r.get(10),
        source_size: r.get(11),
        imported_at: r.get(12),
        facts: r.get(13),
        claims: r.get(14),
        errors: r.get(15),
        warnings: r.get(16),
        infos: r.get(17),
        headline: Headline {
            total: r.get(18),
            basic: r.get(19),
            project: r.get(20),
            three_public: r.get(21),
            operating: r.get(22),
        },
    }
}

const DEPARTMENT_COLUMNS: &str = "p.id, p.name, p.code, p.level, r.id, r.name, \
     (SELECT COUNT(*) FROM disclosures d WHERE d.department_id = p.id), \
     (SELECT MAX(d.year) FROM disclosures d WHERE d.department_id = p.id) \
     FROM departments p JOIN regions r ON r.id = p.region_id";

fn department_summary(r: &AnyRow) -> DepartmentSummary {
    DepartmentSummary {
        id: r.get(0),
        name: r.get(1),
        code: r.get(2),
        level: r.get(3),
        region_id: r.get(4),
        region: r.get(5),
        disclosures: r.get(6),
        last_year: r.get(7),
    }
}

/// `%q%` for LIKE, with the pattern characters of `q` taken literally.
fn contains_pattern(q: &str) -> String {
    let mut p = String::from("%");
    for c in q.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// Which disclosures to list.
#[derive(Debug, Clone, Default)]
pub struct DisclosureFilter {
    pub region: Option<i64>,
    pub department: Option<i64>,
    pub year: Option<i64>,
}

impl Store {
    pub async fn regions(&self) -> Result<Vec<RegionSummary>> {
        let rows = sqlx::query(
            "SELECT r.id, r.name, \
             (SELECT COUNT(*) FROM departments p WHERE p.region_id = r.id), \
             (SELECT COUNT(*) FROM disclosures d JOIN departments p ON p.id = d.department_id \
              WHERE p.region_id = r.id), \
             (SELECT MIN(d.year) FROM disclosures d JOIN departments p ON p.id = d.department_id \
              WHERE p.region_id = r.id), \
             (SELECT MAX(d.year) FROM disclosures d JOIN departments p ON p.id = d.department_id \
              WHERE p.region_id = r.id) \
             FROM regions r ORDER BY r.name",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| RegionSummary {
                id: r.get(0),
                name: r.get(1),
                departments: r.get(2),
                disclosures: r.get(3),
                first_year: r.get(4),
                last_year: r.get(5),
            })
            .collect())
    }

    pub async fn region(&self, id: i64) -> Result<Option<RegionSummary>> {
        Ok(self.regions().await?.into_iter().find(|r| r.id == id))
    }

    /// Departments, of one region or all, by name.
    pub async fn departments(&self, region: Option<i64>) -> Result<Vec<DepartmentSummary>> {
        let mut f = Filters::default();
        f.eq("r.id", region);
        let sql = format!(
            "SELECT {DEPARTMENT_COLUMNS} {} ORDER BY r.name, p.name",
            f.clause()
        );
        let rows = f.bind(sqlx::query(&sql)).fetch_all(&self.pool).await?;
        Ok(rows.iter().map(department_summary).collect())
    }

    pub async fn department(&self, id: i64) -> Result<Option<DepartmentSummary>> {
        let sql = format!("SELECT {DEPARTMENT_COLUMNS} WHERE p.id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(department_summary))
    }

    /// Departments whose name or region contains `q`: plain substring
    /// matching, so one- and two-character Chinese queries (局, 信访) work,
    /// which a word or trigram index would miss.
    pub async fn search(&self, q: &str, limit: i64) -> Result<Vec<SearchHit>> {
        let q = q.trim();
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {DEPARTMENT_COLUMNS} WHERE p.name LIKE $1 ESCAPE '\\' \
             OR r.name LIKE $1 ESCAPE '\\' ORDER BY r.name, p.name LIMIT $2"
        );
        let pattern = contains_pattern(q);
        let rows = sqlx::query(&sql)
            .bind(pattern)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(department_summary)
            .map(|d| SearchHit {
                matched: if d.name.contains(q) {
                    "部门"
                } else {
                    "地区"
                },
                department: d,
            })
            .collect())
    }

    /// Stored disclosures, newest year first.
    pub async fn disclosures(
        &self,
        filter: &crate::read::DisclosureFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<DisclosureSummary>> {
        let mut f = Filters::default();
        f.eq("p.region_id", filter.region)
            .eq("d.department_id", filter.department)
            .eq("d.year", filter.year);
        let sql = format!(
            "SELECT {DISCLOSURE_COLUMNS} {} ORDER BY d.year DESC, r.name, p.name, d.id \
             LIMIT {} OFFSET {}",
            f.clause(),
            f.next(0),
            f.next(1)
        );
        let q = f.bind(sqlx::query(&sql));
        let rows = q.bind(limit).bind(offset).fetch_all(&self.pool).await?;
        Ok(rows.iter().map(disclosure_summary).collect())
    }

    /// The latest imports, newest first.
    pub async fn latest(&self, limit: i64) -> Result<Vec<DisclosureSummary>> {
        let sql =
            // Ids grow with import time (never reused): the primary key
            // gives the latest without sorting every disclosure.
            format!("SELECT {DISCLOSURE_COLUMNS} ORDER BY d.id DESC LIMIT $1");
        let rows = sqlx::query(&sql).bind(limit).fetch_all(&self.pool).await?;
        Ok(rows.iter().map(disclosure_summary).collect())
    }

    /// How many disclosures are stored.
    pub async fn count(&self) -> Result<i64> {
        Ok(sqlx::query("SELECT COUNT(*) FROM disclosures")
            .fetch_one(&self.pool)
            .await?
            .get(0))
    }

    /// The years with disclosures, newest first.
    pub async fn years(&self) -> Result<Vec<i64>> {
        let rows = sqlx::query("SELECT DISTINCT year FROM disclosures ORDER BY year DESC")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    pub async fn disclosure_summary(&self, id: i64) -> Result<Option<DisclosureSummary>> {
        let sql = format!("SELECT {DISCLOSURE_COLUMNS} WHERE d.id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(disclosure_summary))
    }

    /// A stored disclosure with its model and findings.
    pub async fn disclosure(&self, id: i64) -> Result<Option<StoredDisclosure>> {
        let Some(summary) = self.disclosure_summary(id).await? else {
            return Ok(None);
        };
        let blob: Vec<u8> =
            sqlx::query("SELECT model FROM disclosure_files WHERE disclosure_id = $1")
                .bind(id)
                .fetch_one(&self.pool)
                .await?
                .get(0);
        let damaged = |detail: String| StoreError::Damaged { id, detail };
        let json = inflate(&blob).map_err(|e| damaged(format!("model: {e}")))?;
        let disclosure: Disclosure =
            serde_json::from_slice(&json).map_err(|e| damaged(format!("model: {e}")))?;
        let findings = self.findings(id).await?;
        Ok(Some(StoredDisclosure {
            summary,
            disclosure,
            findings,
        }))
    }

    /// The findings of a stored disclosure, in the order they were found.
    pub async fn findings(&self, id: i64) -> Result<Vec<Finding>> {
        let rows = sqlx::query(
            "SELECT rule, severity, message, table_no, row_label, column_name, section, line, \
             expected, actual FROM findings WHERE disclosure_id = $1 ORDER BY seq",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| {
                let table: Option<i64> = r.get(3);
                let line: Option<i64> = r.get(7);
                Finding {
                    rule: r.get(0),
                    severity: severity_of(&r.get::<String, _>(1)),
                    message: r.get(2),
                    location: Location {
                        table: table.and_then(|t| u8::try_from(t).ok()),
                        row: r.get(4),
                        column: r.get(5),
                        section: r.get(6),
                        line: line.and_then(|l| u32::try_from(l).ok()),
                        ..Location::default()
                    },
                    expected: r.get(8),
                    actual: r.get(9),
                    related: Vec::new(),
                }
            })
            .collect())
    }

    /// The tidy facts of a stored disclosure, in printed order.
    pub async fn facts(&self, id: i64) -> Result<Vec<StoredFact>> {
        let rows = sqlx::query(
            "SELECT table_no, row_code, row_label, column_name, value, fen, line \
             FROM facts WHERE disclosure_id = $1 ORDER BY seq",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| {
                let table: i64 = r.get(0);
                let line: Option<i64> = r.get(6);
                FactRow {
                    table: u8::try_from(table).unwrap_or(0),
                    row_code: r.get(1),
                    row_label: r.get(2),
                    column: r.get(3),
                    value: r.get(4),
                    fen: r.get(5),
                    line: line.and_then(|l| u32::try_from(l).ok()),
                }
            })
            .collect())
    }

    /// A department's headline figures, year by year (oldest first).
    pub async fn series(&self, department: i64) -> Result<Vec<YearFigures>> {
        let rows = sqlx::query(
            "SELECT year, kind, id, total_fen, basic_fen, project_fen, three_public_fen, \
             operating_fen FROM disclosures WHERE department_id = $1 ORDER BY year, kind, id",
        )
        .bind(department)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| YearFigures {
                year: r.get(0),
                kind: r.get(1),
                disclosure_id: r.get(2),
                headline: Headline {
                    total: r.get(3),
                    basic: r.get(4),
                    project: r.get(5),
                    three_public: r.get(6),
                    operating: r.get(7),
                },
            })
            .collect())
    }
}

impl Store {
    /// The SHA-256 of every stored source, with its disclosure id: an
    /// import skips these files without reading them.
    pub async fn source_hashes(&self) -> Result<std::collections::HashMap<String, i64>> {
        let rows = sqlx::query("SELECT source_hash, id FROM disclosures")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }
}

impl Store {
    /// What is inconsistent in the repository: a disclosure whose facts,
    /// claims or findings are not all there, or rows left of a disclosure
    /// that is gone. Empty when every document is wholly present or absent.
    pub async fn consistency_problems(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        for (table, count) in [
            ("facts", "fact_count"),
            ("claims", "claim_count"),
            ("findings", "finding_count"),
        ] {
            let rows = sqlx::query(&format!(
                "SELECT d.id, d.{count}, (SELECT COUNT(*) FROM {table} x \
                 WHERE x.disclosure_id = d.id) FROM disclosures d"
            ))
            .fetch_all(&self.pool)
            .await?;
            for r in rows {
                let (id, want, have): (i64, i64, i64) = (r.get(0), r.get(1), r.get(2));
                if want != have {
                    problems.push(format!("disclosure {id}: {have} {table} of {want}"));
                }
            }
            let orphans: i64 = sqlx::query(&format!(
                "SELECT COUNT(*) FROM {table} x WHERE NOT EXISTS \
                 (SELECT 1 FROM disclosures d WHERE d.id = x.disclosure_id)"
            ))
            .fetch_one(&self.pool)
            .await?
            .get(0);
            if orphans > 0 {
                problems.push(format!("{orphans} {table} of no disclosure"));
            }
        }
        // Each disclosure has its model and source, and no file is left
        // of a deleted one.
        let unfiled: i64 = sqlx::query(
            "SELECT COUNT(*) FROM disclosures d WHERE NOT EXISTS \
             (SELECT 1 FROM disclosure_files f WHERE f.disclosure_id = d.id)",
        )
        .fetch_one(&self.pool)
        .await?
        .get(0);
        if unfiled > 0 {
            problems.push(format!(
                "{unfiled} disclosures without their model and source"
            ));
        }
        let orphans: i64 = sqlx::query(
            "SELECT COUNT(*) FROM disclosure_files f WHERE NOT EXISTS \
             (SELECT 1 FROM disclosures d WHERE d.id = f.disclosure_id)",
        )
        .fetch_one(&self.pool)
        .await?
        .get(0);
        if orphans > 0 {
            problems.push(format!("{orphans} model and source files of no disclosure"));
        }
        Ok(problems)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_patterns_are_literal() {
        assert_eq!(super::contains_pattern("局"), "%局%");
        assert_eq!(super::contains_pattern("a%_"), "%a\\%\\_%");
    }
}
