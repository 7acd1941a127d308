//! What each page shows, as data: the page renders it as HTML and its twin
//! under `/api` serializes it as JSON, so the two cannot disagree.

use crate::Failure;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::HashMap;
use yusuan_core::finding::Finding;
use yusuan_core::model::Disclosure;
use yusuan_store::{
    AuditEntry, DepartmentSummary, DisclosureFilter, DisclosureSummary, Query, QueryResult,
    QueryValue, RegionSummary, SearchHit, Store, StoredFact, YearFigures,
};

/// Most rows a listing reads.
const MANY: i64 = 10_000;

/// 首页: what the repository holds.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HomeView {
    /// How many disclosures are stored.
    pub disclosures: i64,
    pub regions: Vec<RegionSummary>,
    pub years: Vec<i64>,
    /// The latest imports, newest first.
    pub latest: Vec<DisclosureSummary>,
}

pub async fn home_view(store: &Store) -> Result<HomeView, Failure> {
    let latest = store.latest(10).await?;
    Ok(HomeView {
        disclosures: store.count().await?,
        regions: store.regions().await?,
        years: store.years().await?,
        latest,
    })
}

/// 搜索: departments whose name or region contains the query.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SearchView {
    pub q: String,
    pub hits: Vec<SearchHit>,
}

pub async fn search_view(store: &Store, q: &str) -> Result<SearchView, Failure> {
    let q: String = q.trim().chars().take(100).collect();
    Ok(SearchView {
        hits: store.search(&q, 200).await?,
        q,
    })
}

/// One department of a region with its latest disclosure.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RegionDepartment {
    pub department: DepartmentSummary,
    pub latest: Option<DisclosureSummary>,
}

/// 地区: its departments with their latest headline figures.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RegionView {
    pub region: RegionSummary,
    pub departments: Vec<RegionDepartment>,
}

pub async fn region_view(store: &Store, id: i64) -> Result<RegionView, Failure> {
    let region = store
        .region(id)
        .await?
        .ok_or_else(|| Failure::not_found("该地区"))?;
    let disclosures = store
        .disclosures(
            &DisclosureFilter {
                region: Some(id),
                ..Default::default()
            },
            MANY,
            0,
        )
        .await?;
    // Newest year first, so the first of a department is its latest.
    let mut latest: HashMap<i64, DisclosureSummary> = HashMap::new();
    for d in disclosures {
        latest.entry(d.department_id).or_insert(d);
    }
    let departments = store
        .departments(Some(id))
        .await?
        .into_iter()
        .map(|department| RegionDepartment {
            latest: latest.remove(&department.id),
            department,
        })
        .collect();
    Ok(RegionView {
        region,
        departments,
    })
}

/// Two disclosures to compare.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ComparePair {
    pub a: i64,
    pub b: i64,
    pub label: String,
}

/// 部门: a department across years.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DepartmentView {
    pub department: DepartmentSummary,
    /// Headline figures year by year, oldest first.
    pub series: Vec<YearFigures>,
    /// Its disclosures, newest first.
    pub disclosures: Vec<DisclosureSummary>,
    /// Consecutive years to compare.
    pub comparisons: Vec<ComparePair>,
}

pub async fn department_view(store: &Store, id: i64) -> Result<DepartmentView, Failure> {
    let department = store
        .department(id)
        .await?
        .ok_or_else(|| Failure::not_found("该部门"))?;
    let series = store.series(id).await?;
    let disclosures = store
        .disclosures(
            &DisclosureFilter {
                department: Some(id),
                ..Default::default()
            },
            MANY,
            0,
        )
        .await?;
    let comparisons = series
        .windows(2)
        .map(|w| ComparePair {
            a: w[0].disclosure_id,
            b: w[1].disclosure_id,
            label: format!(
                "{}年{} → {}年{}",
                w[0].year, w[0].kind, w[1].year, w[1].kind
            ),
        })
        .collect();
    Ok(DepartmentView {
        department,
        series,
        disclosures,
        comparisons,
    })
}

/// 公开文件: one disclosure with its model and findings.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DisclosureView {
    pub summary: DisclosureSummary,
    pub disclosure: Disclosure,
    pub findings: Vec<Finding>,
    /// The same department's disclosure of the year before, and after.
    pub previous: Option<DisclosureSummary>,
    pub next: Option<DisclosureSummary>,
    /// The other disclosures it can be compared with.
    pub others: Vec<DisclosureSummary>,
}

pub async fn disclosure_view(store: &Store, id: i64) -> Result<DisclosureView, Failure> {
    let stored = store
        .disclosure(id)
        .await?
        .ok_or_else(|| Failure::not_found("该公开文件"))?;
    let summary = stored.summary;
    let others = comparable(store, &summary).await?;
    let same: Vec<&DisclosureSummary> = others
        .iter()
        .filter(|d| d.department_id == summary.department_id)
        .collect();
    let previous = same
        .iter()
        .filter(|d| d.year < summary.year)
        .max_by_key(|d| (d.year, d.id))
        .map(|d| (*d).clone());
    let next = same
        .iter()
        .filter(|d| d.year > summary.year)
        .min_by_key(|d| (d.year, d.id))
        .map(|d| (*d).clone());
    Ok(DisclosureView {
        summary,
        disclosure: stored.disclosure,
        findings: stored.findings,
        previous,
        next,
        others,
    })
}

/// What a disclosure is compared with: the other years of its department,
/// then the other departments of its region in the same year. Asked of the
/// store by department and by region and year, so a page costs the same
/// with ten thousand disclosures stored as with ten.
async fn comparable(
    store: &Store,
    s: &DisclosureSummary,
) -> Result<Vec<DisclosureSummary>, Failure> {
    let department = DisclosureFilter {
        department: Some(s.department_id),
        ..Default::default()
    };
    let peers = DisclosureFilter {
        region: Some(s.region_id),
        year: Some(s.year),
        ..Default::default()
    };
    let mut out = store.disclosures(&department, 200, 0).await?;
    out.extend(store.disclosures(&peers, 200, 0).await?);
    let mut seen = std::collections::HashSet::new();
    out.retain(|d| d.id != s.id && seen.insert(d.id));
    Ok(out)
}

/// One fact in a comparison.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CompareRow {
    pub table: u8,
    pub row_code: String,
    pub row_label: String,
    pub column: String,
    pub a: Option<String>,
    pub b: Option<String>,
    /// b − a, in the table's unit (in 元 when the two differ in unit).
    pub difference: Option<String>,
    /// `same`, `changed`, `only-a` or `only-b`.
    pub status: String,
}

/// 对比: two disclosures side by side, fact by fact.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CompareView {
    pub a: DisclosureSummary,
    pub b: DisclosureSummary,
    pub same: usize,
    pub changed: usize,
    pub only_a: usize,
    pub only_b: usize,
    pub rows: Vec<CompareRow>,
    /// What b could be instead.
    pub candidates: Vec<DisclosureSummary>,
}

type FactKey = (u8, String, String, String);

fn key(f: &StoredFact) -> FactKey {
    (
        f.table,
        f.row_code.clone(),
        f.row_label.clone(),
        f.column.clone(),
    )
}

/// `b − a` as printed.
fn difference(a: &StoredFact, b: &StoredFact, same_unit: bool) -> Option<String> {
    if same_unit {
        let x: Decimal = a.value.parse().ok()?;
        let y: Decimal = b.value.parse().ok()?;
        let d = y - x;
        Some(if d.is_sign_positive() && !d.is_zero() {
            format!("+{d}")
        } else {
            d.to_string()
        })
    } else {
        let d = Decimal::new(b.fen? - a.fen?, 2);
        Some(if d.is_sign_positive() && !d.is_zero() {
            format!("+{d}元")
        } else {
            format!("{d}元")
        })
    }
}

pub async fn compare_view(store: &Store, a: i64, b: i64) -> Result<CompareView, Failure> {
    let sa = store
        .disclosure_summary(a)
        .await?
        .ok_or_else(|| Failure::not_found(&format!("公开文件 {a}")))?;
    let sb = store
        .disclosure_summary(b)
        .await?
        .ok_or_else(|| Failure::not_found(&format!("公开文件 {b}")))?;
    let fa = store.facts(a).await?;
    let fb = store.facts(b).await?;
    let same_unit = sa.unit == sb.unit;
    let mut in_b: HashMap<FactKey, &StoredFact> = HashMap::new();
    for f in &fb {
        in_b.entry(key(f)).or_insert(f);
    }
    let mut rows = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for f in &fa {
        let k = key(f);
        if !seen.insert(k.clone()) {
            continue;
        }
        let other = in_b.get(&k);
        let (status, diff) = match other {
            None => ("only-a", None),
            Some(o) if o.value == f.value => ("same", None),
            Some(o) => match (f.fen, o.fen) {
                (Some(x), Some(y)) if x == y => ("same", None),
                _ => ("changed", difference(f, o, same_unit)),
            },
        };
        rows.push(CompareRow {
            table: f.table,
            row_code: f.row_code.clone(),
            row_label: f.row_label.clone(),
            column: f.column.clone(),
            a: Some(f.value.clone()),
            b: other.map(|o| o.value.clone()),
            difference: diff,
            status: status.into(),
        });
    }
    for f in &fb {
        let k = key(f);
        if seen.insert(k) {
            rows.push(CompareRow {
                table: f.table,
                row_code: f.row_code.clone(),
                row_label: f.row_label.clone(),
                column: f.column.clone(),
                a: None,
                b: Some(f.value.clone()),
                difference: None,
                status: "only-b".into(),
            });
        }
    }
    // Table by table; within a table, a's order and then b's own rows.
    rows.sort_by_key(|r| r.table);
    let count = |s: &str| rows.iter().filter(|r| r.status == s).count();
    let candidates = comparable(store, &sa).await?;
    Ok(CompareView {
        same: count("same"),
        changed: count("changed"),
        only_a: count("only-a"),
        only_b: count("only-b"),
        a: sa,
        b: sb,
        rows,
        candidates,
    })
}

/// The views across the repository.
pub const VIEWS: [(&str, &str); 4] = [
    ("headline", "各部门主要数据"),
    ("three-public", "各部门“三公”经费"),
    ("findings", "检查发现按规则汇总"),
    ("regions", "各地区汇总"),
];

/// A view's parameters as a query string gives them.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ViewParams {
    pub region: Option<String>,
    pub year: Option<String>,
    pub sort: Option<String>,
    pub dir: Option<String>,
    pub format: Option<String>,
    /// 1-based; the HTML page always pages, the JSON only when asked.
    pub page: Option<String>,
}

/// Rows on one page of a view: a year of a large region has thousands of
/// departments, and one page of them all weighed 750 kB. Downloads are
/// always whole.
pub const VIEW_PAGE_ROWS: usize = 200;

/// 汇总: one of [`VIEWS`], filtered and sorted.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ViewResult {
    /// `headline`, `three-public`, `findings` or `regions`.
    pub view: String,
    pub region: Option<String>,
    pub year: Option<i64>,
    /// The column sorted by (0-based), if any.
    pub sort: Option<usize>,
    /// `asc` or `desc`.
    pub dir: String,
    pub result: QueryResult,
    /// Rows of the whole answer (`result.rows` holds one page of them when
    /// paged).
    pub total_rows: usize,
    /// The page shown (1-based) and how many there are; absent when whole.
    pub page: Option<usize>,
    pub pages: usize,
    /// 合计: the sum over every row (not only this page) of each column of
    /// amounts in 万元, as printed; empty for other columns.
    pub totals: Vec<Option<String>>,
    /// Regions and years to filter by.
    pub regions: Vec<String>,
    pub years: Vec<i64>,
}

impl ViewResult {
    /// One page of the rows, as `page` (1-based, kept within the pages)
    /// asks.
    pub fn paged(mut self, page: Option<&str>) -> Result<ViewResult, Failure> {
        let page = match page.map(str::trim).filter(|p| !p.is_empty()) {
            None => 1,
            Some(p) => p
                .parse::<usize>()
                .map_err(|_| Failure::bad_request(format!("页码应为正整数：{p}")))?
                .max(1),
        };
        let page = page.min(self.pages);
        let start = (page - 1) * VIEW_PAGE_ROWS;
        let rows = std::mem::take(&mut self.result.rows);
        self.result.rows = rows.into_iter().skip(start).take(VIEW_PAGE_ROWS).collect();
        self.page = Some(page);
        Ok(self)
    }
}

/// The sum of each column of amounts over `rows`: exact, in 万元.
fn column_totals(rows: &[Vec<QueryValue>], columns: usize) -> Vec<Option<String>> {
    (0..columns)
        .map(|i| {
            let mut sum = Decimal::ZERO;
            let mut amounts = false;
            for row in rows {
                match row.get(i) {
                    Some(QueryValue::Wan(d)) => {
                        sum += d;
                        amounts = true;
                    }
                    Some(QueryValue::Null) | None => {}
                    Some(_) => return None,
                }
            }
            amounts.then(|| QueryValue::Wan(sum).text())
        })
        .collect()
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Order of two values of one column: numbers as numbers, empty last.
fn compare_values(a: &QueryValue, b: &QueryValue) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    use QueryValue::*;
    match (a, b) {
        (Null, Null) => Equal,
        (Null, _) => Greater,
        (_, Null) => Less,
        (Int(x), Int(y)) => x.cmp(y),
        (Wan(x), Wan(y)) => x.cmp(y),
        (Int(x), Wan(y)) => Decimal::from(*x).cmp(y),
        (Wan(x), Int(y)) => x.cmp(&Decimal::from(*y)),
        _ => a.text().cmp(&b.text()),
    }
}

pub async fn view_result(store: &Store, view: &str, p: &ViewParams) -> Result<ViewResult, Failure> {
    let region = non_empty(&p.region);
    let year = match non_empty(&p.year) {
        None => None,
        Some(y) => Some(
            y.parse::<i64>()
                .map_err(|_| Failure::bad_request(format!("年度应为数字：{y}")))?,
        ),
    };
    let query = match view {
        "headline" => Query::Headline {
            region: region.clone(),
            year,
        },
        "three-public" => Query::ThreePublic {
            region: region.clone(),
            year,
        },
        "findings" => Query::Findings {
            region: region.clone(),
            year,
        },
        "regions" => Query::Regions { year },
        _ => return Err(Failure::not_found("该汇总视图")),
    };
    let mut result = store.query(&query).await?;
    let sort = match non_empty(&p.sort) {
        None => None,
        Some(s) => match s.parse::<usize>() {
            Ok(i) if i < result.columns.len() => Some(i),
            _ => result.columns.iter().position(|c| *c == s),
        },
    };
    let desc = p.dir.as_deref() == Some("desc");
    if let Some(i) = sort {
        result.rows.sort_by(|x, y| {
            let o = compare_values(&x[i], &y[i]);
            if desc {
                // Empty cells stay last either way.
                match (&x[i], &y[i]) {
                    (QueryValue::Null, _) | (_, QueryValue::Null) => o,
                    _ => o.reverse(),
                }
            } else {
                o
            }
        });
    }
    let total_rows = result.rows.len();
    let totals = column_totals(&result.rows, result.columns.len());
    Ok(ViewResult {
        view: view.to_string(),
        region,
        year,
        sort,
        dir: if desc { "desc" } else { "asc" }.into(),
        result,
        total_rows,
        page: None,
        pages: total_rows.div_ceil(VIEW_PAGE_ROWS).max(1),
        totals,
        regions: store.regions().await?.into_iter().map(|r| r.name).collect(),
        years: store.years().await?,
    })
}

/// 审计日志.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AuditView {
    pub entries: Vec<AuditEntry>,
}

/// What an upload did.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct UploadView {
    /// `new` or `unchanged` (the same file was already stored).
    pub outcome: String,
    pub summary: DisclosureSummary,
    pub findings: Vec<Finding>,
}

/// What a delete or re-import did.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChangeView {
    /// `deleted` or `reimported`.
    pub action: String,
    /// The disclosure acted on.
    pub id: i64,
    /// The new id of a re-imported disclosure.
    pub new_id: Option<i64>,
}

/// One table of a disclosure as printed: headings and cells.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TableView {
    pub number: u8,
    pub caption: String,
    pub title: String,
    pub unit: String,
    /// One heading per column, header levels joined by `/`.
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl TableView {
    pub fn of(t: &yusuan_render::FormTable) -> TableView {
        TableView {
            number: t.number,
            caption: t.caption.clone(),
            title: t.title.clone(),
            unit: t.unit.clone(),
            columns: t.column_headings(),
            rows: t.rows.iter().map(|r| r.cells.clone()).collect(),
        }
    }
}

/// Stored disclosures, for `GET /api/disclosures`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DisclosureList {
    pub disclosures: Vec<DisclosureSummary>,
}

/// The tidy facts of a disclosure.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FactsView {
    pub id: i64,
    pub facts: Vec<StoredFact>,
}

/// An error answer of the API.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ErrorView {
    pub error: String,
}

/// Money in 分 as 万元 with at least two decimals.
pub fn wan(fen: Option<i64>) -> String {
    match fen {
        None => String::new(),
        Some(f) => {
            let mut d = Decimal::new(f, 6).normalize();
            if d.scale() < 2 {
                d.rescale(2);
            }
            d.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money() {
        assert_eq!(wan(Some(730_030_000)), "730.03");
        assert_eq!(wan(Some(0)), "0.00");
        assert_eq!(wan(None), "");
    }

    #[test]
    fn values_order_numerically() {
        use std::cmp::Ordering::*;
        let w = |s: &str| QueryValue::Wan(s.parse().unwrap());
        assert_eq!(compare_values(&w("9.5"), &w("10.25")), Less);
        assert_eq!(compare_values(&QueryValue::Null, &w("1")), Greater);
        assert_eq!(
            compare_values(&QueryValue::Int(3), &QueryValue::Int(12)),
            Less
        );
    }

    fn result_of(rows: usize) -> ViewResult {
        let w = |s: &str| QueryValue::Wan(s.parse().unwrap());
        let rows: Vec<Vec<QueryValue>> = (0..rows)
            .map(|i| {
                vec![
                    QueryValue::Int(i as i64),
                    QueryValue::Text(format!("部门{i}")),
                    if i % 7 == 0 {
                        QueryValue::Null
                    } else {
                        w("1.25")
                    },
                ]
            })
            .collect();
        let totals = column_totals(&rows, 3);
        ViewResult {
            view: "three-public".into(),
            region: None,
            year: None,
            sort: None,
            dir: "asc".into(),
            total_rows: rows.len(),
            page: None,
            pages: rows.len().div_ceil(VIEW_PAGE_ROWS).max(1),
            totals,
            result: QueryResult {
                title: String::new(),
                columns: vec!["编号".into(), "部门".into(), "三公".into()],
                rows,
            },
            regions: vec![],
            years: vec![],
        }
    }

    #[test]
    fn views_page_and_total_every_row() {
        let v = result_of(2 * VIEW_PAGE_ROWS + 50);
        // 450 rows, 65 of them empty: 385 × 1.25.
        assert_eq!(v.totals, vec![None, None, Some("481.25".into())]);
        assert_eq!(v.pages, 3);
        let third = result_of(2 * VIEW_PAGE_ROWS + 50).paged(Some("3")).unwrap();
        assert_eq!(third.page, Some(3));
        assert_eq!(third.result.rows.len(), 50);
        assert_eq!(
            third.result.rows[0][0],
            QueryValue::Int(2 * VIEW_PAGE_ROWS as i64)
        );
        // Totals stay those of every row.
        assert_eq!(third.totals, v.totals);
        let past = result_of(450).paged(Some("99")).unwrap();
        assert_eq!(past.page, Some(3));
        let first = result_of(450).paged(None).unwrap();
        assert_eq!(
            (first.page, first.result.rows.len()),
            (Some(1), VIEW_PAGE_ROWS)
        );
        assert_eq!(result_of(450).paged(Some("0")).unwrap().page, Some(1));
        assert!(result_of(450).paged(Some("二")).is_err());
        // Nothing to show is one empty page.
        let empty = result_of(0).paged(Some("2")).unwrap();
        assert_eq!((empty.page, empty.pages), (Some(1), 1));
        assert!(empty.result.rows.is_empty());
    }
}
