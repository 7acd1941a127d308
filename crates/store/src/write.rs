//! Import, delete and re-import: each one transaction, so a failure or a
//! killed process leaves every document wholly present or wholly absent.

use crate::document::Document;
use crate::{now, Backend, Result, Store};
use sqlx::any::AnyArguments;
use sqlx::{Any, Row, Transaction};

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imported {
    /// Stored under this id.
    New(i64),
    /// The same file (by SHA-256) was already stored under this id.
    Unchanged(i64),
}

impl Imported {
    pub fn id(self) -> i64 {
        match self {
            Imported::New(id) | Imported::Unchanged(id) => id,
        }
    }
}

/// The region name stored for a disclosure that does not say its region.
pub const UNKNOWN_REGION: &str = "未注明地区";

/// The administrative area a department's name starts with, by the
/// convention of Chinese department names (`晋城市信访局` → `晋城市`): the
/// shortest prefix ending in 省, 市, 县, 区, 旗, 州 or 盟 with at least two
/// characters before it and a name after it.
pub(crate) fn region_in_name(department: &str) -> Option<&str> {
    let chars: Vec<(usize, char)> = department.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        if i >= 2 && matches!(c, '省' | '市' | '县' | '区' | '旗' | '州' | '盟') {
            let end = at + c.len_utf8();
            return (end < department.len()).then(|| &department[..end]);
        }
    }
    None
}

/// The most rows one multi-row INSERT carries: well under SQLite's 32,766
/// and PostgreSQL's 65,535 bound parameters at 12 columns.
const BATCH: usize = 512;

/// The rows of one INSERT for `n` rows still to write: every row when they
/// fit, padded up to a power of two below 32 and to a multiple of 32 above,
/// so a document's facts, claims or findings go in one statement each
/// (every statement is a round trip to SQLite's worker thread, and these
/// were most of an import's time) while a table is written with at most 21
/// statement shapes, each prepared once per connection and then found in
/// the statement cache.
fn padded(n: usize) -> usize {
    match n.min(BATCH) {
        0 => 0,
        m if m <= 32 => m.next_power_of_two(),
        m => m.div_ceil(32) * 32,
    }
}

/// The rows of `items` as (offset, rows, padded size) chunks.
fn chunks<T>(items: &[T]) -> impl Iterator<Item = (usize, &[T], usize)> {
    (0..items.len()).step_by(BATCH).map(move |at| {
        let rows = &items[at..items.len().min(at + BATCH)];
        (at, rows, padded(rows.len()))
    })
}

/// `INSERT INTO … SELECT * FROM (VALUES (…), (…)) AS v WHERE v.column1 IS
/// NOT NULL` for `rows` rows of `columns`: rows past the real ones are bound
/// to NULL and dropped by the filter (the first column, the disclosure id,
/// is never NULL in a real row). SQLite gets anonymous `?` placeholders:
/// its numbered `$N` are named parameters, each found by a linear search of
/// the statement's names when it is prepared and again when it is bound,
/// quadratic in a statement of a thousand parameters (that search was 40 %
/// of an import's time). PostgreSQL needs `$N`.
fn values_sql(head: &str, columns: usize, rows: usize, backend: Backend) -> String {
    let mut sql = String::with_capacity(head.len() + rows * columns * 5 + 64);
    sql.push_str(head);
    sql.push_str(" SELECT * FROM (VALUES ");
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push(',');
        }
        sql.push('(');
        for c in 0..columns {
            if c > 0 {
                sql.push(',');
            }
            n += 1;
            match backend {
                Backend::Sqlite => sql.push('?'),
                Backend::Postgres => {
                    sql.push('$');
                    sql.push_str(&n.to_string());
                }
            }
        }
        sql.push(')');
    }
    sql.push_str(") AS v WHERE v.column1 IS NOT NULL");
    sql
}

/// The type of a padding row's NULL in one column: PostgreSQL types each
/// parameter by what is bound, and a column of the VALUES list must have one
/// type.
#[derive(Clone, Copy)]
enum Null {
    Int,
    Text,
}

/// Bind `rows` padding rows of NULLs (see [`values_sql`]).
fn pad<'q>(mut q: AnyQuery<'q>, columns: &[Null], rows: usize) -> AnyQuery<'q> {
    for _ in 0..rows {
        for c in columns {
            q = match c {
                Null::Int => q.bind(None::<i64>),
                Null::Text => q.bind(None::<String>),
            };
        }
    }
    q
}

fn opt(v: Option<u32>) -> Option<i64> {
    v.map(i64::from)
}

impl Store {
    /// The id of the disclosure stored from a file with this SHA-256.
    pub async fn find_source(&self, hash: &str) -> Result<Option<i64>> {
        let row = sqlx::query("SELECT id FROM disclosures WHERE source_hash = $1")
            .bind(hash.to_string())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.get::<i64, _>(0)))
    }

    /// Store a document in one transaction; a file already stored (same
    /// hash) is not stored again.
    pub async fn import(&self, doc: &Document, actor: &str) -> Result<Imported> {
        // The statements of a document are most of an import's time: the
        // department of a disclosure seen before is remembered (after its
        // transaction committed), and a file already stored is refused by
        // the unique hash rather than looked up first.
        let key = department_key(doc);
        let known = self
            .departments
            .lock()
            .ok()
            .and_then(|m| m.get(&key).copied());
        let mut tx = self.pool.begin().await?;
        let stored = async {
            let department_id = match known {
                Some(id) => id,
                None => department_of(&mut tx, doc).await?,
            };
            let audit = Audit {
                actor,
                action: "import",
                detail: doc.source_name.clone(),
            };
            let id = insert(&mut tx, doc, self.backend, department_id, &audit).await?;
            Ok::<_, crate::StoreError>((id, department_id))
        }
        .await;
        let (id, department_id) = match stored {
            Ok(ids) => ids,
            Err(e) => {
                drop(tx);
                // The same file stored before (or by another writer
                // meanwhile): the unique hash refused ours.
                if let Some(id) = self.find_source(&doc.source_hash).await? {
                    return Ok(Imported::Unchanged(id));
                }
                return Err(e);
            }
        };
        tx.commit().await?;
        if known.is_none() {
            if let Ok(mut m) = self.departments.lock() {
                m.insert(key, department_id);
            }
        }
        Ok(Imported::New(id))
    }

    /// Replace a stored disclosure by a new reading of it (a newer reader,
    /// or the same file read again), keeping nothing of the old one.
    pub async fn replace(&self, id: i64, doc: &Document, actor: &str) -> Result<i64> {
        let mut tx = self.pool.begin().await?;
        delete_rows(&mut tx, id).await?;
        let department_id = department_of(&mut tx, doc).await?;
        let audit = Audit {
            actor,
            action: "reimport",
            detail: format!("{} (was {id})", doc.source_name),
        };
        let new_id = insert(&mut tx, doc, self.backend, department_id, &audit).await?;
        tx.commit().await?;
        Ok(new_id)
    }

    /// Delete a stored disclosure; false when there was none.
    pub async fn delete(&self, id: i64, actor: &str) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let name: Option<String> = sqlx::query("SELECT source_name FROM disclosures WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| r.get::<String, _>(0));
        let Some(name) = name else {
            tx.rollback().await?;
            return Ok(false);
        };
        delete_rows(&mut tx, id).await?;
        audit(&mut tx, actor, "delete", id, &name).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The file a disclosure was read from, as published.
    pub async fn source_of(&self, id: i64) -> Result<Option<(String, Vec<u8>)>> {
        let row = sqlx::query(
            "SELECT d.source_name, f.source FROM disclosures d \
             JOIN disclosure_files f ON f.disclosure_id = d.id WHERE d.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            None => Ok(None),
            Some(r) => {
                let bytes: Vec<u8> = r.get(1);
                let source =
                    crate::document::inflate(&bytes).map_err(|e| crate::StoreError::Damaged {
                        id,
                        detail: format!("source: {e}"),
                    })?;
                Ok(Some((r.get(0), source)))
            }
        }
    }
}

async fn delete_rows(tx: &mut Transaction<'_, Any>, id: i64) -> Result<()> {
    for table in ["facts", "claims", "findings", "disclosure_files"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE disclosure_id = $1"))
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query("DELETE FROM disclosures WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub(crate) async fn audit(
    tx: &mut Transaction<'_, Any>,
    actor: &str,
    action: &str,
    id: i64,
    detail: &str,
) -> Result<()> {
    let entry = Audit {
        actor,
        action,
        detail: detail.to_string(),
    };
    entry
        .bind(sqlx::query(AUDIT_SQL), id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The audit entry's INSERT, alone (`$N`, which both back ends take).
const AUDIT_SQL: &str =
    "INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)";

/// The same in a SQLite query of several statements: there `$1` would be
/// the first argument of the first statement, so anonymous `?`.
const AUDIT_SQL_IN_BATCH: &str =
    "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)";

/// An entry of the audit log, for the disclosure a change stored.
struct Audit<'a> {
    actor: &'a str,
    action: &'a str,
    detail: String,
}

impl Audit<'_> {
    fn bind<'q>(&self, q: AnyQuery<'q>, id: i64) -> AnyQuery<'q> {
        q.bind(now())
            .bind(self.actor.to_string())
            .bind(self.action.to_string())
            .bind(format!("disclosure/{id}"))
            .bind(self.detail.clone())
    }
}

type AnyQuery<'q> = sqlx::query::Query<'q, Any, AnyArguments<'q>>;

async fn upsert_id(
    tx: &mut Transaction<'_, Any>,
    insert: &str,
    select: &str,
    binds: &[&str],
) -> Result<i64> {
    let mut q = sqlx::query(insert);
    for b in binds {
        q = q.bind(b.to_string());
    }
    q.execute(&mut **tx).await?;
    let mut q = sqlx::query(select);
    for b in binds {
        q = q.bind(b.to_string());
    }
    Ok(q.fetch_one(&mut **tx).await?.get::<i64, _>(0))
}

/// The department a disclosure belongs to, its region and the department
/// made when new, and the code or level it prints filled in.
async fn department_of(tx: &mut Transaction<'_, Any>, doc: &Document) -> Result<i64> {
    let meta = &doc.disclosure.meta;
    let department = meta.department.trim();
    let region = match meta.region.as_deref().map(str::trim) {
        Some(r) if !r.is_empty() => r.to_string(),
        // A disclosure that does not state its region belongs with the
        // department of that name, when only one region has one.
        _ => {
            let known: Vec<String> = sqlx::query(
                "SELECT r.name FROM departments p JOIN regions r ON r.id = p.region_id \
                 WHERE p.name = $1 AND r.name <> $2",
            )
            .bind(department.to_string())
            .bind(UNKNOWN_REGION.to_string())
            .fetch_all(&mut **tx)
            .await?
            .iter()
            .map(|r| r.get(0))
            .collect();
            match known.as_slice() {
                [only] => only.clone(),
                _ => region_in_name(department)
                    .unwrap_or(UNKNOWN_REGION)
                    .to_string(),
            }
        }
    };
    let region = region.as_str();
    let region_id = upsert_id(
        tx,
        "INSERT INTO regions (name) VALUES ($1) ON CONFLICT (name) DO NOTHING",
        "SELECT id FROM regions WHERE name = $1",
        &[region],
    )
    .await?;
    let department_id = {
        sqlx::query(
            "INSERT INTO departments (region_id, name) VALUES ($1, $2) \
             ON CONFLICT (region_id, name) DO NOTHING",
        )
        .bind(region_id)
        .bind(department.to_string())
        .execute(&mut **tx)
        .await?;
        sqlx::query("SELECT id FROM departments WHERE region_id = $1 AND name = $2")
            .bind(region_id)
            .bind(department.to_string())
            .fetch_one(&mut **tx)
            .await?
            .get::<i64, _>(0)
    };
    // A later disclosure that prints the code or level fills them in.
    let level = meta
        .level
        .and_then(|l| serde_json::to_value(l).ok())
        .and_then(|v| v.as_str().map(str::to_string));
    if meta.department_code.is_some() || level.is_some() {
        sqlx::query(
            "UPDATE departments SET code = COALESCE($1, code), level = COALESCE($2, level) \
             WHERE id = $3",
        )
        .bind(meta.department_code.clone())
        .bind(level)
        .bind(department_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(department_id)
}

/// What identifies a disclosure's department row: the same key always
/// finds the same row (departments and regions are never deleted).
pub(crate) fn department_key(doc: &Document) -> DepartmentKey {
    let meta = &doc.disclosure.meta;
    (
        meta.region.as_deref().map(|r| r.trim().to_string()),
        meta.department.trim().to_string(),
        meta.department_code.clone(),
        meta.level.map(|l| format!("{l:?}")),
    )
}

pub(crate) type DepartmentKey = (Option<String>, String, Option<String>, Option<String>);

async fn insert(
    tx: &mut Transaction<'_, Any>,
    doc: &Document,
    backend: Backend,
    department_id: i64,
    audit: &Audit<'_>,
) -> Result<i64> {
    let meta = &doc.disclosure.meta;
    let kind = serde_json::to_value(meta.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let (errors, warnings, infos) = doc.counts();
    let h = &doc.headline;
    let id: i64 = sqlx::query(
        "INSERT INTO disclosures (department_id, year, kind, unit, source_name, source_format, \
         source_hash, source_size, imported_at, imported_by, fact_count, claim_count, \
         finding_count, errors, warnings, infos, total_fen, basic_fen, project_fen, \
         three_public_fen, operating_fen, read_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
         $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING id",
    )
    .bind(department_id)
    .bind(i64::from(meta.year))
    .bind(kind)
    .bind(meta.unit.as_str().to_string())
    .bind(doc.source_name.clone())
    .bind(doc.source_format.clone())
    .bind(doc.source_hash.clone())
    .bind(doc.source_size)
    .bind(now())
    .bind(None::<String>)
    .bind(doc.facts.len() as i64)
    .bind(doc.claims.len() as i64)
    .bind(doc.findings.len() as i64)
    .bind(errors)
    .bind(warnings)
    .bind(infos)
    .bind(h.total)
    .bind(h.basic)
    .bind(h.project)
    .bind(h.three_public)
    .bind(h.operating)
    .bind(READ_BY.to_string())
    .fetch_one(&mut **tx)
    .await?
    .get(0);

    for (at, chunk, rows) in chunks(&doc.facts) {
        bind_facts(sqlx::query(&facts_sql(rows, backend)), id, at, chunk, rows)
            .execute(&mut **tx)
            .await?;
    }
    // The model and source, claims, findings and the audit entry: for
    // SQLite, one round trip to its worker thread (a query of several
    // statements takes their anonymous `?` in order); PostgreSQL takes one
    // statement at a time.
    let claims: Vec<_> = chunks(&doc.claims).collect();
    let findings: Vec<_> = chunks(&doc.findings).collect();
    if backend == Backend::Sqlite && claims.len() <= 1 && findings.len() <= 1 {
        let mut sql = String::from(FILES_SQL_IN_BATCH);
        sql.push(';');
        for (_, _, rows) in &claims {
            sql.push_str(&claims_sql(*rows, backend));
            sql.push(';');
        }
        for (_, _, rows) in &findings {
            sql.push_str(&findings_sql(*rows, backend));
            sql.push(';');
        }
        sql.push_str(AUDIT_SQL_IN_BATCH);
        let mut q = bind_files(sqlx::query(&sql), id, doc);
        for &(at, chunk, rows) in &claims {
            q = bind_claims(q, id, at, chunk, rows);
        }
        for &(at, chunk, rows) in &findings {
            q = bind_findings(q, id, at, chunk, rows);
        }
        audit.bind(q, id).execute(&mut **tx).await?;
    } else {
        bind_files(sqlx::query(FILES_SQL), id, doc)
            .execute(&mut **tx)
            .await?;
        for (at, chunk, rows) in claims {
            bind_claims(sqlx::query(&claims_sql(rows, backend)), id, at, chunk, rows)
                .execute(&mut **tx)
                .await?;
        }
        for (at, chunk, rows) in findings {
            bind_findings(
                sqlx::query(&findings_sql(rows, backend)),
                id,
                at,
                chunk,
                rows,
            )
            .execute(&mut **tx)
            .await?;
        }
        audit
            .bind(sqlx::query(AUDIT_SQL), id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(id)
}

/// What read and checked the documents this build stores.
const READ_BY: &str = concat!("yusuan ", env!("CARGO_PKG_VERSION"));

/// A disclosure's deflated model and source file.
const FILES_SQL: &str =
    "INSERT INTO disclosure_files (disclosure_id, model, source) VALUES ($1, $2, $3)";
const FILES_SQL_IN_BATCH: &str =
    "INSERT INTO disclosure_files (disclosure_id, model, source) VALUES (?, ?, ?)";

fn bind_files<'q>(q: AnyQuery<'q>, id: i64, doc: &Document) -> AnyQuery<'q> {
    q.bind(id).bind(doc.model.clone()).bind(doc.source.clone())
}

fn facts_sql(rows: usize, backend: Backend) -> String {
    values_sql(
        "INSERT INTO facts (disclosure_id, seq, table_no, row_code, row_label, column_name, \
         value, fen, line)",
        9,
        rows,
        backend,
    )
}

fn claims_sql(rows: usize, backend: Backend) -> String {
    values_sql(
        "INSERT INTO claims (disclosure_id, seq, section, kind, subject, sentence, cell, topic, \
         line)",
        9,
        rows,
        backend,
    )
}

fn findings_sql(rows: usize, backend: Backend) -> String {
    values_sql(
        "INSERT INTO findings (disclosure_id, seq, rule, severity, message, table_no, row_label, \
         column_name, section, line, expected, actual)",
        12,
        rows,
        backend,
    )
}

/// A chunk of facts, padded to `rows` (see [`values_sql`]).
fn bind_facts<'q>(
    mut q: AnyQuery<'q>,
    id: i64,
    at: usize,
    chunk: &[crate::document::FactRow],
    rows: usize,
) -> AnyQuery<'q> {
    use Null::{Int, Text};
    for (i, f) in chunk.iter().enumerate() {
        q = q
            .bind(id)
            .bind((at + i) as i64)
            .bind(i64::from(f.table))
            .bind(f.row_code.clone())
            .bind(f.row_label.clone())
            .bind(f.column.clone())
            .bind(f.value.clone())
            .bind(f.fen)
            .bind(opt(f.line));
    }
    pad(
        q,
        &[Int, Int, Int, Text, Text, Text, Text, Int, Int],
        rows - chunk.len(),
    )
}

fn bind_claims<'q>(
    mut q: AnyQuery<'q>,
    id: i64,
    at: usize,
    chunk: &[crate::document::ClaimRow],
    rows: usize,
) -> AnyQuery<'q> {
    use Null::{Int, Text};
    for (i, c) in chunk.iter().enumerate() {
        q = q
            .bind(id)
            .bind((at + i) as i64)
            .bind(c.section.clone())
            .bind(c.kind.to_string())
            .bind(c.subject.clone())
            .bind(c.sentence.clone())
            .bind(c.cell.clone())
            .bind(c.topic.clone())
            .bind(opt(c.line));
    }
    pad(
        q,
        &[Int, Int, Text, Text, Text, Text, Text, Text, Int],
        rows - chunk.len(),
    )
}

fn bind_findings<'q>(
    mut q: AnyQuery<'q>,
    id: i64,
    at: usize,
    chunk: &[yusuan_core::finding::Finding],
    rows: usize,
) -> AnyQuery<'q> {
    use Null::{Int, Text};
    for (i, f) in chunk.iter().enumerate() {
        q = q
            .bind(id)
            .bind((at + i) as i64)
            .bind(f.rule.clone())
            .bind(crate::read::severity_name(f.severity).to_string())
            .bind(f.message.clone())
            .bind(f.location.table.map(i64::from))
            .bind(f.location.row.clone())
            .bind(f.location.column.clone())
            .bind(f.location.section.clone())
            .bind(opt(f.location.line))
            .bind(f.expected.clone())
            .bind(f.actual.clone());
    }
    pad(
        q,
        &[
            Int, Int, Text, Text, Text, Int, Text, Text, Text, Int, Text, Text,
        ],
        rows - chunk.len(),
    )
}

#[cfg(test)]
mod tests {
    use super::values_sql;

    #[test]
    fn regions_in_names() {
        use super::region_in_name;
        assert_eq!(region_in_name("晋城市信访局"), Some("晋城市"));
        assert_eq!(region_in_name("平遥县教育局"), Some("平遥县"));
        assert_eq!(region_in_name("市场监督管理局"), None);
        assert_eq!(region_in_name("晋城市"), None);
        assert_eq!(region_in_name("信访局"), None);
    }

    #[test]
    fn placeholders() {
        use crate::Backend;
        assert_eq!(
            values_sql("INSERT INTO t (a, b)", 2, 2, Backend::Postgres),
            "INSERT INTO t (a, b) SELECT * FROM (VALUES ($1,$2),($3,$4)) AS v \
             WHERE v.column1 IS NOT NULL"
        );
        assert_eq!(
            values_sql("INSERT INTO t (a, b)", 2, 2, Backend::Sqlite),
            "INSERT INTO t (a, b) SELECT * FROM (VALUES (?,?),(?,?)) AS v \
             WHERE v.column1 IS NOT NULL"
        );
    }

    #[test]
    fn chunks_cover_every_row_in_few_shapes() {
        use super::{chunks, padded, BATCH};
        let mut shapes = std::collections::BTreeSet::new();
        for n in 0..=3 * BATCH + 77 {
            let items: Vec<usize> = (0..n).collect();
            let mut seen = Vec::new();
            let mut statements = 0;
            for (at, chunk, rows) in chunks(&items) {
                assert_eq!(chunk.first().copied(), Some(at));
                assert!(rows >= chunk.len() && rows <= BATCH, "{n}: {rows}");
                // Padding is at most half of a statement's rows.
                assert!(
                    chunk.len() == 1 || rows - chunk.len() <= rows / 2,
                    "{n}: {rows}"
                );
                shapes.insert(rows);
                seen.extend_from_slice(chunk);
                statements += 1;
            }
            assert_eq!(seen, items);
            assert_eq!(statements, n.div_ceil(BATCH), "{n}");
        }
        assert_eq!(padded(0), 0);
        assert!(shapes.len() <= 21, "{shapes:?}");
    }
}
