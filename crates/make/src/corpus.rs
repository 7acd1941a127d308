//! 样本库 a corpus of made disclosures from random, consistent budget facts:
//! many departments of many regions over several years, for load tests,
//! benchmarks and crash tests of the repository. Deterministic: the same
//! index always gives the same document.

use crate::make;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use yusuan_core::catalog::Catalogs;
use yusuan_core::facts::arbitrary::budget_facts;
use yusuan_core::facts::BudgetFacts;

const REGIONS: [&str; 12] = [
    "汾阳市",
    "晋城市",
    "孝义市",
    "介休市",
    "平遥县",
    "文水县",
    "交城县",
    "祁县",
    "太谷区",
    "榆次区",
    "清徐县",
    "阳曲县",
];
const DEPARTMENTS: [&str; 24] = [
    "信访局",
    "教育局",
    "财政局",
    "民政局",
    "司法局",
    "审计局",
    "统计局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化和旅游局",
    "卫生健康委员会",
    "退役军人事务局",
    "应急管理局",
    "市场监督管理局",
    "医疗保障局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "林业局",
    "档案馆",
    "机关事务服务中心",
];
/// The years whose catalogs are embedded.
pub const YEARS: [u16; 3] = [2023, 2024, 2025];

/// One made disclosure.
#[derive(Debug, Clone)]
pub struct Generated {
    /// A file name: `{region}{department}-{year}-budget.txt`.
    pub file_name: String,
    pub region: String,
    pub department: String,
    pub year: u16,
    /// The disclosure printed as text.
    pub text: String,
}

/// Who and when document `index` is: consecutive indices are the years of
/// one department, then the next department, region by region.
pub fn identity(index: u64) -> (String, String, u16) {
    let year = YEARS[(index % YEARS.len() as u64) as usize];
    let d = index / YEARS.len() as u64;
    let region = REGIONS[(d % REGIONS.len() as u64) as usize];
    let k = d / REGIONS.len() as u64;
    let name = DEPARTMENTS[(k % DEPARTMENTS.len() as u64) as usize];
    // Past 288 departments the names repeat with a number (第二…).
    let round = k / DEPARTMENTS.len() as u64;
    let department = if round == 0 {
        format!("{region}{name}")
    } else {
        format!("{region}{name}第{}分局", round + 1)
    };
    (region.to_string(), department, year)
}

/// Document `index` of the corpus of `seed`.
pub fn generate(index: u64, seed: u64) -> Result<Generated, String> {
    let (region, department, year) = identity(index);
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    seed_bytes[8..16].copy_from_slice(&index.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let facts = match budget_facts(year).new_tree(&mut runner) {
        Ok(tree) => tree.current(),
        Err(reason) => return Err(format!("document {index}: {reason}")),
    };
    let facts = rename(facts, &department, &region);
    let made = make(&crate::sample::sample_budget(facts), Catalogs::embedded())
        .map_err(|e| format!("document {index}: {e}"))?;
    Ok(Generated {
        file_name: format!("{department}-{year}-budget.txt"),
        region,
        department,
        year,
        text: made.text,
    })
}

/// The generator's department is 试验局 with units named after it; give
/// it and its units the corpus name.
fn rename(facts: BudgetFacts, department: &str, region: &str) -> BudgetFacts {
    let json = serde_json::to_string(&facts).unwrap_or_default();
    let mut renamed: BudgetFacts =
        serde_json::from_str(&json.replace("试验局", department)).unwrap_or(facts);
    renamed.meta.region = Some(region.to_string());
    // The target tables' heading states region and level (市级 for the
    // prefecture-level city, 县(区)级 for the others).
    renamed.meta.level = Some(if region == "晋城市" {
        yusuan_core::model::Level::City
    } else {
        yusuan_core::model::Level::County
    });
    renamed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_spread_over_regions_and_years() {
        assert_eq!(identity(0).2, 2023);
        assert_eq!(identity(1).1, identity(0).1, "years of one department");
        assert_ne!(identity(3).1, identity(0).1);
        let n = (REGIONS.len() * DEPARTMENTS.len() * YEARS.len()) as u64;
        assert!(identity(n).1.contains("第2分局"));
    }

    #[test]
    fn generated_documents_are_deterministic_and_named() {
        let a = generate(5, 1).unwrap();
        let b = generate(5, 1).unwrap();
        assert_eq!(a.text, b.text);
        assert!(a.text.contains(&a.department));
        assert_ne!(generate(6, 1).unwrap().text, a.text);
        let read = yusuan_parse::read_bytes(
            a.text.as_bytes(),
            &a.file_name,
            &yusuan_parse::Profile::national_budget(),
        )
        .unwrap();
        assert_eq!(read.disclosure.meta.department, a.department);
        assert_eq!(read.disclosure.meta.year, a.year);
    }
}
