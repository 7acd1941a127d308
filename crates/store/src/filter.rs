//! The WHERE clause of a listing or a query, made of only the filters the
//! user gave. `($1 IS NULL OR d.year = $1)` reads the same but keeps the
//! planner from using the index on `year`: every page would read every
//! disclosure of the repository (found with perf on 10,000 documents).

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::Any;

/// A value bound to one filter.
#[derive(Debug, Clone)]
pub(crate) enum Bound {
    Int(i64),
    Text(String),
}

impl From<i64> for Bound {
    fn from(v: i64) -> Bound {
        Bound::Int(v)
    }
}

impl From<String> for Bound {
    fn from(v: String) -> Bound {
        Bound::Text(v)
    }
}

/// Conditions joined by AND, each with its one bound value.
#[derive(Debug, Default)]
pub(crate) struct Filters {
    conditions: Vec<String>,
    values: Vec<Bound>,
}

impl Filters {
    /// `column = value` when a value is given.
    pub fn eq(&mut self, column: &str, value: Option<impl Into<Bound>>) -> &mut Self {
        self.condition(|p| format!("{column} = {p}"), value)
    }

    /// A condition written around the placeholder of its value (which may
    /// appear more than once), when a value is given.
    pub fn condition(
        &mut self,
        sql: impl FnOnce(&str) -> String,
        value: Option<impl Into<Bound>>,
    ) -> &mut Self {
        if let Some(v) = value {
            self.values.push(v.into());
            self.conditions
                .push(sql(&format!("${}", self.values.len())));
        }
        self
    }

    /// `WHERE …`, or nothing when no filter was given.
    pub fn clause(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.conditions.join(" AND "))
        }
    }

    /// The placeholder after the filters' (for LIMIT and OFFSET).
    pub fn next(&self, after: usize) -> String {
        format!("${}", self.values.len() + 1 + after)
    }

    /// The filters' values bound, in order.
    pub fn bind<'q>(
        &self,
        mut q: Query<'q, Any, AnyArguments<'q>>,
    ) -> Query<'q, Any, AnyArguments<'q>> {
        for v in &self.values {
            q = match v {
                Bound::Int(i) => q.bind(*i),
                Bound::Text(t) => q.bind(t.clone()),
            };
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::Filters;

    #[test]
    fn only_given_filters_are_written() {
        let mut f = Filters::default();
        f.eq("r.name", None::<String>)
            .eq("d.year", Some(2024i64))
            .condition(
                |p| format!("(f.row_code = {p} OR f.row_label = {p})"),
                Some("201".to_string()),
            );
        assert_eq!(
            f.clause(),
            "WHERE d.year = $1 AND (f.row_code = $2 OR f.row_label = $2)"
        );
        assert_eq!(f.next(0), "$3");
        assert_eq!(f.next(1), "$4");
        assert_eq!(Filters::default().clause(), "");
    }
}
