//! 汇总 the questions asked across departments: headline figures per
//! department, facts of one row and column, findings by rule. Each gives a
//! plain result (columns and rows) that the CLI prints as a table, CSV or
//! JSON and the web serves as a page, CSV or XLSX.

use crate::filter::Filters;
use crate::{Result, Store};
use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::Row;

/// A question across the repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// 主要数据 per department: 支出合计, 基本支出, 项目支出, 三公, 机关运行经费.
    Headline {
        region: Option<String>,
        year: Option<i64>,
    },
    /// “三公”经费 per department, largest first.
    ThreePublic {
        region: Option<String>,
        year: Option<i64>,
    },
    /// One table's cells per department, for a row code or label and a column.
    Facts {
        table: u8,
        row: Option<String>,
        column: Option<String>,
        region: Option<String>,
        year: Option<i64>,
    },
    /// Findings by rule: how often, in how many documents.
    Findings {
        region: Option<String>,
        year: Option<i64>,
    },
    /// Per region and year: departments, documents, the sum of their totals.
    Regions { year: Option<i64> },
}

/// One value of a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum QueryValue {
    Null,
    Int(i64),
    Text(String),
    /// Money, exact, in 万元, as a decimal string.
    Wan(#[schemars(with = "String")] Decimal),
}

impl QueryValue {
    fn wan(fen: Option<i64>) -> QueryValue {
        match fen {
            None => QueryValue::Null,
            Some(f) => {
                let mut d = Decimal::new(f, 6).normalize();
                if d.scale() < 2 {
                    d.rescale(2);
                }
                QueryValue::Wan(d)
            }
        }
    }

    /// As printed in a table cell or a CSV field.
    pub fn text(&self) -> String {
        match self {
            QueryValue::Null => String::new(),
            QueryValue::Int(i) => i.to_string(),
            QueryValue::Text(t) => t.clone(),
            QueryValue::Wan(d) => d.to_string(),
        }
    }
}

/// The answer: named columns and rows of values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct QueryResult {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<QueryValue>>,
}

const HEADLINE_COLUMNS: [&str; 5] = [
    "支出合计（万元）",
    "基本支出（万元）",
    "项目支出（万元）",
    "三公经费（万元）",
    "机关运行经费（万元）",
];

impl Store {
    pub async fn query(&self, q: &Query) -> Result<QueryResult> {
        match q {
            Query::Headline { region, year } | Query::ThreePublic { region, year } => {
                let three = matches!(q, Query::ThreePublic { .. });
                let order = if three {
                    "d.three_public_fen DESC, r.name, p.name"
                } else {
                    "r.name, p.name, d.year"
                };
                let mut f = Filters::default();
                f.eq("r.name", region.clone()).eq("d.year", *year);
                let sql = format!(
                    "SELECT d.id, r.name, p.name, d.year, d.kind, d.total_fen, d.basic_fen, \
                     d.project_fen, d.three_public_fen, d.operating_fen \
                     FROM disclosures d JOIN departments p ON p.id = d.department_id \
                     JOIN regions r ON r.id = p.region_id {} ORDER BY {order}",
                    f.clause()
                );
                let rows = f.bind(sqlx::query(&sql)).fetch_all(&self.pool).await?;
                let mut columns: Vec<String> = ["编号", "地区", "部门", "年度", "类别"]
                    .map(String::from)
                    .to_vec();
                if three {
                    columns.push(HEADLINE_COLUMNS[3].into());
                } else {
                    columns.extend(HEADLINE_COLUMNS.map(String::from));
                }
                let rows = rows
                    .iter()
                    .map(|r| {
                        let mut v = vec![
                            QueryValue::Int(r.get(0)),
                            QueryValue::Text(r.get(1)),
                            QueryValue::Text(r.get(2)),
                            QueryValue::Int(r.get(3)),
                            QueryValue::Text(r.get(4)),
                        ];
                        if three {
                            v.push(QueryValue::wan(r.get(8)));
                        } else {
                            for i in 5..10 {
                                v.push(QueryValue::wan(r.get(i)));
                            }
                        }
                        v
                    })
                    .collect();
                Ok(QueryResult {
                    title: if three {
                        "各部门“三公”经费".into()
                    } else {
                        "各部门主要数据".into()
                    },
                    columns,
                    rows,
                })
            }
            Query::Facts {
                table,
                row,
                column,
                region,
                year,
            } => {
                let mut f = Filters::default();
                f.eq("f.table_no", Some(i64::from(*table)))
                    .condition(
                        |p| format!("(f.row_code = {p} OR f.row_label = {p})"),
                        row.clone(),
                    )
                    .eq("f.column_name", column.clone())
                    .eq("r.name", region.clone())
                    .eq("d.year", *year);
                let sql = format!(
                    "SELECT d.id, r.name, p.name, d.year, f.row_code, f.row_label, \
                     f.column_name, f.value FROM facts f \
                     JOIN disclosures d ON d.id = f.disclosure_id \
                     JOIN departments p ON p.id = d.department_id \
                     JOIN regions r ON r.id = p.region_id \
                     {} ORDER BY r.name, p.name, d.year, f.seq",
                    f.clause()
                );
                let rows = f.bind(sqlx::query(&sql)).fetch_all(&self.pool).await?;
                Ok(QueryResult {
                    title: format!("表{table}"),
                    columns: [
                        "编号",
                        "地区",
                        "部门",
                        "年度",
                        "科目编码",
                        "项目",
                        "栏目",
                        "金额",
                    ]
                    .map(String::from)
                    .to_vec(),
                    rows: rows
                        .iter()
                        .map(|r| {
                            vec![
                                QueryValue::Int(r.get(0)),
                                QueryValue::Text(r.get(1)),
                                QueryValue::Text(r.get(2)),
                                QueryValue::Int(r.get(3)),
                                QueryValue::Text(r.get(4)),
                                QueryValue::Text(r.get(5)),
                                QueryValue::Text(r.get(6)),
                                QueryValue::Text(r.get(7)),
                            ]
                        })
                        .collect(),
                })
            }
            Query::Findings { region, year } => {
                let mut f = Filters::default();
                f.eq("r.name", region.clone()).eq("d.year", *year);
                let sql = format!(
                    "SELECT f.rule, f.severity, COUNT(*), COUNT(DISTINCT f.disclosure_id) \
                     FROM findings f JOIN disclosures d ON d.id = f.disclosure_id \
                     JOIN departments p ON p.id = d.department_id \
                     JOIN regions r ON r.id = p.region_id \
                     {} GROUP BY f.rule, f.severity ORDER BY COUNT(*) DESC, f.rule",
                    f.clause()
                );
                let rows = f.bind(sqlx::query(&sql)).fetch_all(&self.pool).await?;
                Ok(QueryResult {
                    title: "检查发现按规则汇总".into(),
                    columns: ["规则", "级别", "次数", "文件数"]
                        .map(String::from)
                        .to_vec(),
                    rows: rows
                        .iter()
                        .map(|r| {
                            vec![
                                QueryValue::Text(r.get(0)),
                                QueryValue::Text(r.get(1)),
                                QueryValue::Int(r.get(2)),
                                QueryValue::Int(r.get(3)),
                            ]
                        })
                        .collect(),
                })
            }
            Query::Regions { year } => {
                let mut f = Filters::default();
                f.eq("d.year", *year);
                let sql = format!(
                    "SELECT r.name, d.year, COUNT(DISTINCT p.id), COUNT(*), \
                     CAST(SUM(d.total_fen) AS BIGINT), CAST(SUM(d.three_public_fen) AS BIGINT), \
                     CAST(SUM(d.errors) AS BIGINT) \
                     FROM disclosures d JOIN departments p ON p.id = d.department_id \
                     JOIN regions r ON r.id = p.region_id {} \
                     GROUP BY r.name, d.year ORDER BY r.name, d.year",
                    f.clause()
                );
                let rows = f.bind(sqlx::query(&sql)).fetch_all(&self.pool).await?;
                Ok(QueryResult {
                    title: "各地区汇总".into(),
                    columns: [
                        "地区",
                        "年度",
                        "部门数",
                        "文件数",
                        "支出合计（万元）",
                        "三公经费（万元）",
                        "错误数",
                    ]
                    .map(String::from)
                    .to_vec(),
                    rows: rows
                        .iter()
                        .map(|r| {
                            vec![
                                QueryValue::Text(r.get(0)),
                                QueryValue::Int(r.get(1)),
                                QueryValue::Int(r.get(2)),
                                QueryValue::Int(r.get(3)),
                                QueryValue::wan(r.get(4)),
                                QueryValue::wan(r.get(5)),
                                QueryValue::Int(r.get::<Option<i64>, _>(6).unwrap_or(0)),
                            ]
                        })
                        .collect(),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::QueryValue;
    use rust_decimal::Decimal;

    #[test]
    fn fen_print_as_wan() {
        assert_eq!(QueryValue::wan(Some(730_030_000)).text(), "730.03");
        assert_eq!(QueryValue::wan(Some(0)).text(), "0.00");
        assert_eq!(QueryValue::wan(Some(123)).text(), "0.000123");
        assert_eq!(QueryValue::wan(None), QueryValue::Null);
        assert_eq!(
            QueryValue::wan(Some(2_550_000)),
            QueryValue::Wan(Decimal::new(255, 2))
        );
    }
}
