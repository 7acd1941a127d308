//! 政府收支分类科目: the national classification catalogs, one per
//! classification and year.
//!
//! A printed code is valid only in the catalog of its year (the Jincheng 2023
//! document books 信访事务 as `2010308`; from 2024 it is the 款 `20140`), so
//! every lookup names a year. The catalogs ship as data files under
//! `catalogs/` (one per classification and year, each noting its source and
//! whether it is partial), embedded in the binary; users may load their own
//! files with [`Catalog::from_toml_str`] and [`Catalogs::with`].
//!
//! An unknown code is a [`CatalogError`] that names the catalog year, for the
//! caller to report as a warning: the shipped catalogs are partial, so a code
//! missing from them may still be valid.

mod parse;
#[cfg(test)]
mod tests;

use crate::model::UnitKind;
use schemars::gen::SchemaGenerator;
use schemars::schema::Schema;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

/// 分类 which of the three classifications a catalog holds.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Classification {
    /// 支出功能分类 functional classification of expenditure: what the money
    /// is for (类 3 digits, 款 5, 项 7); tables 1 to 5 and 7 to 9.
    Function,
    /// 部门预算支出经济分类 economic classification, department side: what
    /// the money is spent on (类 3 digits, 款 5); table 6, left column.
    EconomicDepartment,
    /// 政府预算支出经济分类 economic classification, government side (类 3
    /// digits, 款 5); table 6, the column of government items.
    EconomicGovernment,
}

impl Classification {
    pub const ALL: [Classification; 3] = [
        Classification::Function,
        Classification::EconomicDepartment,
        Classification::EconomicGovernment,
    ];

    /// The Chinese name, as used in messages (`2014004 is not in the 2023
    /// 支出功能分类 catalog`).
    pub fn chinese_name(self) -> &'static str {
        match self {
            Classification::Function => "支出功能分类",
            Classification::EconomicDepartment => "部门预算支出经济分类",
            Classification::EconomicGovernment => "政府预算支出经济分类",
        }
    }

    /// The name used in catalog files and folders (`economic-department`).
    pub fn as_str(self) -> &'static str {
        match self {
            Classification::Function => "function",
            Classification::EconomicDepartment => "economic-department",
            Classification::EconomicGovernment => "economic-government",
        }
    }

    /// The lengths a code may have: the economic classifications stop at 款.
    pub fn code_lengths(self) -> &'static [usize] {
        match self {
            Classification::Function => &[3, 5, 7],
            Classification::EconomicDepartment | Classification::EconomicGovernment => &[3, 5],
        }
    }

    /// Every code of the classification begins with this digit (2xx, 3xx,
    /// 5xx), which tells a misfiled catalog apart at once.
    fn leading_digit(self) -> char {
        match self {
            Classification::Function => '2',
            Classification::EconomicDepartment => '3',
            Classification::EconomicGovernment => '5',
        }
    }
}

impl fmt::Display for Classification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.chinese_name())
    }
}

impl FromStr for Classification {
    type Err = String;

    /// Accepts the file names (`function`, `economic-department`,
    /// `economic-government`) and the Chinese names.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Classification::ALL
            .into_iter()
            .find(|c| c.as_str() == s || c.chinese_name() == s)
            .ok_or_else(|| {
                format!("unknown classification `{s}` (function, economic-department, economic-government)")
            })
    }
}

/// 级次 the level of a code in its classification: 类 (3 digits), 款 (5) or
/// 项 (7). Serialised as 1, 2, 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum Level {
    /// 类 category, 3 digits (`201` 一般公共服务支出).
    Category = 1,
    /// 款 section, 5 digits (`20103` 政府办公厅（室）及相关机构事务).
    Section = 2,
    /// 项 item, 7 digits (`2010301` 行政运行); functional classification only.
    Item = 3,
}

impl Level {
    /// 1 for 类, 2 for 款, 3 for 项.
    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn chinese_name(self) -> &'static str {
        match self {
            Level::Category => "类",
            Level::Section => "款",
            Level::Item => "项",
        }
    }

    /// The level a code of this many digits has (codes grow by two digits a
    /// level).
    pub fn from_code_len(len: usize) -> Option<Level> {
        match len {
            3 => Some(Level::Category),
            5 => Some(Level::Section),
            7 => Some(Level::Item),
            _ => None,
        }
    }

    /// The code of the parent: the code less its last two digits.
    fn parent_code(self, code: &str) -> Option<&str> {
        match self {
            Level::Category => None,
            Level::Section | Level::Item => code.get(..code.len() - 2),
        }
    }
}

impl From<Level> for u8 {
    fn from(level: Level) -> u8 {
        level.number()
    }
}

impl TryFrom<u8> for Level {
    type Error = String;

    fn try_from(n: u8) -> Result<Self, Self::Error> {
        match n {
            1 => Ok(Level::Category),
            2 => Ok(Level::Section),
            3 => Ok(Level::Item),
            _ => Err(format!("level {n}: 1 (类), 2 (款) or 3 (项)")),
        }
    }
}

impl JsonSchema for Level {
    fn schema_name() -> String {
        "Level".to_string()
    }

    // Serialised as its number (serde `into = "u8"`), so the schema is u8's.
    fn json_schema(gen: &mut SchemaGenerator) -> Schema {
        gen.subschema_for::<u8>()
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.chinese_name())
    }
}

/// 覆盖范围 whether a catalog lists every code of its year or only some.
/// Against a partial catalog an unknown code may still be valid, so a checker
/// must word its warning accordingly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Coverage {
    /// Only some codes (the shipped catalogs: every 类, the common 款 and 项).
    Partial,
    /// Every code of the year's published catalog.
    Complete,
}

impl Coverage {
    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::Partial => "partial",
            Coverage::Complete => "complete",
        }
    }
}

/// 科目 one code of a catalog with its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Item {
    /// 科目编码, 3, 5 or 7 digits.
    pub code: String,
    /// 科目名称 as the national catalog prints it (full-width brackets).
    pub name: String,
    /// 类, 款 or 项.
    pub level: Level,
    /// The code of the 类 of a 款, the 款 of a 项.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// For a 部门预算支出经济分类 款: the 政府预算支出经济分类 款 it is booked
    /// under when the spending unit is a 行政单位 or a 参公 unit (which the
    /// government classification books with the 机关). None where not known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub administrative: Option<String>,
    /// For a 部门预算支出经济分类 款: the government 款 when the spending unit
    /// is a 事业单位 (public institution). None where not known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub institution: Option<String>,
    /// Line in the catalog file, for messages about it.
    #[serde(skip)]
    line: usize,
}

impl Item {
    /// The line of the catalog file the item was read from.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The government economic 款 this department 款 maps to for a unit of
    /// this kind, if the catalog records one. 行政 and 参公 units map alike.
    pub fn government_code(&self, kind: UnitKind) -> Option<&str> {
        if kind.maps_as_administrative() {
            self.administrative.as_deref()
        } else {
            self.institution.as_deref()
        }
    }
}

/// What can go wrong looking up or loading a catalog. Every message names the
/// catalog year (or file and line), since a code is valid only in its year.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    /// A code not in the catalog of that year.
    #[error("{code} is not in the {year} {} catalog{}", .classification.chinese_name(), partial_note(.partial))]
    UnknownCode {
        code: String,
        classification: Classification,
        year: u16,
        /// The catalog is partial, so the code may still be valid.
        partial: bool,
    },
    /// No item has that name.
    #[error("no item named {name} in the {year} {} catalog{}", .classification.chinese_name(), partial_note(.partial))]
    UnknownName {
        name: String,
        classification: Classification,
        year: u16,
        partial: bool,
    },
    /// No catalog of that classification for that year.
    #[error("there is no {year} {} catalog (there are for {})", .classification.chinese_name(), list_years(.available))]
    NoCatalog {
        classification: Classification,
        year: u16,
        available: Vec<u16>,
    },
    /// A department 款 whose government item for this kind of unit the
    /// catalog does not record.
    #[error("{code} {name} has no government item recorded for {} units in the {year} 部门预算支出经济分类 catalog", .kind.as_str())]
    NoMapping {
        code: String,
        name: String,
        year: u16,
        kind: UnitKind,
    },
    /// Only 款 map: a 类 spans items that map to different government 类.
    #[error(
        "{code} is a {level}: only a 款 of the 部门预算支出经济分类 maps to a government item"
    )]
    NotMappable { code: String, level: Level },
    /// An operation asked of the wrong classification.
    #[error("this needs a {} catalog, not a {} one", .expected.chinese_name(), .found.chinese_name())]
    WrongClassification {
        expected: Classification,
        found: Classification,
    },
    /// A department catalog loaded on its own, without the government catalog
    /// of its year to resolve mappings in.
    #[error("the {year} 部门预算支出经济分类 catalog has no 政府预算支出经济分类 catalog beside it: load both into a Catalogs registry")]
    NoGovernmentCatalog { year: u16 },
    /// A defect in a catalog file.
    #[error("{origin}{}: {message}", .line.map(|l| format!(":{l}")).unwrap_or_default())]
    Parse {
        origin: String,
        line: Option<usize>,
        message: String,
    },
}

fn partial_note(partial: &bool) -> &'static str {
    if *partial {
        " (the catalog is partial: the code may still be valid)"
    } else {
        ""
    }
}

fn list_years(years: &[u16]) -> String {
    if years.is_empty() {
        "no year".to_string()
    } else {
        years
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// 科目表 the catalog of one classification in one year.
#[derive(Clone, Serialize)]
pub struct Catalog {
    pub classification: Classification,
    pub year: u16,
    /// e.g. 2024年政府收支分类科目：支出功能分类科目.
    pub title: String,
    /// Where the content comes from and what was checked against what.
    pub source: String,
    pub coverage: Coverage,
    /// The file it was read from (`catalogs/function/2024.toml`).
    #[serde(skip)]
    origin: String,
    /// Ordered by code, which is also tree order (201, 20101, 2010101, …).
    items: Vec<Item>,
    #[serde(skip)]
    index: HashMap<String, usize>,
    /// normalize_name of each item's name, parallel to `items`.
    #[serde(skip)]
    keys: Vec<String>,
    /// The items of each key, in code order: a reader looks names up row by
    /// row. Made on the first lookup.
    #[serde(skip)]
    by_key: OnceLock<HashMap<String, Vec<usize>>>,
    /// For a department catalog in a registry: the government catalog of the
    /// same year, where its mappings resolve.
    #[serde(skip)]
    government: Option<Arc<Catalog>>,
}

impl fmt::Debug for Catalog {
    // The derived form would print hundreds of items and the whole linked
    // government catalog.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog")
            .field("classification", &self.classification)
            .field("year", &self.year)
            .field("coverage", &self.coverage)
            .field("origin", &self.origin)
            .field("items", &self.items.len())
            .field("government", &self.government.as_ref().map(|g| g.year))
            .finish()
    }
}

impl Catalog {
    /// Reads a catalog file. `origin` names it in error messages (a path).
    /// Checks that the year is given, every code has the right length and
    /// leading digit for the classification, every 款 and 项 has its parent
    /// in the file, no code appears twice and mappings are well formed.
    /// Whether mapped government codes exist is checked by [`Catalogs::new`],
    /// which has the government catalog of the year.
    pub fn from_toml_str(text: &str, origin: &str) -> Result<Catalog, CatalogError> {
        parse::parse_catalog(text, origin)
    }

    fn assemble(
        classification: Classification,
        year: u16,
        title: String,
        source: String,
        coverage: Coverage,
        origin: String,
        mut items: Vec<Item>,
    ) -> Catalog {
        items.sort_by(|a, b| a.code.cmp(&b.code));
        let index = items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.code.clone(), i))
            .collect();
        let keys = items
            .iter()
            .map(|item| normalize_name(&item.name))
            .collect();
        Catalog {
            classification,
            year,
            title,
            source,
            coverage,
            origin,
            items,
            index,
            keys,
            by_key: OnceLock::new(),
            government: None,
        }
    }

    /// The file the catalog was read from.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// All items in code order (= tree order).
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn is_partial(&self) -> bool {
        self.coverage == Coverage::Partial
    }

    /// `2024 支出功能分类 catalog`, for messages.
    pub fn label(&self) -> String {
        format!(
            "{} {} catalog",
            self.year,
            self.classification.chinese_name()
        )
    }

    /// The first line of `source`, a one-line account of where the codes
    /// come from.
    pub fn source_summary(&self) -> &str {
        self.source
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or_default()
    }

    /// The item of a code, if the catalog has it.
    pub fn get(&self, code: &str) -> Option<&Item> {
        self.index.get(code.trim()).map(|&i| &self.items[i])
    }

    pub fn contains(&self, code: &str) -> bool {
        self.get(code).is_some()
    }

    /// The item of a code; an unknown code is an error naming the catalog
    /// year (and whether the catalog is partial), for a warning.
    pub fn lookup(&self, code: &str) -> Result<&Item, CatalogError> {
        self.get(code).ok_or_else(|| self.unknown_code(code))
    }

    fn unknown_code(&self, code: &str) -> CatalogError {
        CatalogError::UnknownCode {
            code: code.trim().to_string(),
            classification: self.classification,
            year: self.year,
            partial: self.is_partial(),
        }
    }

    /// The 款 and 类 above a code, nearest first (for a 项: its 款, then its
    /// 类). Empty for a 类.
    pub fn ancestors(&self, code: &str) -> Result<Vec<&Item>, CatalogError> {
        let mut item = self.lookup(code)?;
        let mut out = Vec::new();
        // Parents are checked present when the file is read.
        while let Some(parent) = item.parent.as_deref().and_then(|p| self.get(p)) {
            out.push(parent);
            item = parent;
        }
        Ok(out)
    }

    /// The items directly under a code (the 款 of a 类, the 项 of a 款), in
    /// code order.
    pub fn children(&self, code: &str) -> Result<Vec<&Item>, CatalogError> {
        let item = self.lookup(code)?;
        Ok(self
            .items
            .iter()
            .filter(|c| c.parent.as_deref() == Some(item.code.as_str()))
            .collect())
    }

    /// The 类, in code order (the order the summary tables print them).
    pub fn categories(&self) -> impl Iterator<Item = &Item> + '_ {
        self.items.iter().filter(|i| i.level == Level::Category)
    }

    /// The items whose name is the printed label, compared by
    /// [`normalize_name`] (so full- or half-width brackets, stray spaces, a
    /// label wrapped onto two lines and a leading ordinal like `一、` do not
    /// matter). Names repeat across a catalog (行政运行 is under most 款), so
    /// `parent`, the code of a 类 or 款 the item must lie under (directly or
    /// not), narrows the search when the reader knows it.
    pub fn find_by_name(&self, printed: &str, parent: Option<&str>) -> Vec<&Item> {
        let key = normalize_name(printed);
        if key.is_empty() {
            return Vec::new();
        }
        let parent = parent.map(str::trim);
        let by_key = self.by_key.get_or_init(|| {
            let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, k) in self.keys.iter().enumerate() {
                by_key.entry(k.clone()).or_default().push(i);
            }
            by_key
        });
        let Some(found) = by_key.get(&key) else {
            return Vec::new();
        };
        found
            .iter()
            .map(|&i| &self.items[i])
            .filter(|item| match parent {
                Some(p) => item.code.len() > p.len() && item.code.starts_with(p),
                None => true,
            })
            .collect()
    }

    /// Whether a code is in the catalog with this printed name (compared by
    /// [`normalize_name`]).
    pub fn name_matches(&self, code: &str, printed: &str) -> bool {
        self.index
            .get(code.trim())
            .is_some_and(|&i| self.keys[i] == normalize_name(printed))
    }

    /// For a 部门预算支出经济分类 款: the 政府预算支出经济分类 款 it is booked
    /// under for a unit of this kind (基本工资 → 工资奖金津补贴 for 行政 and
    /// 参公, → 工资福利支出 for 事业), resolved in the government catalog of
    /// the same year. Needs the catalog to come from a [`Catalogs`] registry,
    /// which links the two.
    pub fn government_item(&self, dept_code: &str, kind: UnitKind) -> Result<&Item, CatalogError> {
        if self.classification != Classification::EconomicDepartment {
            return Err(CatalogError::WrongClassification {
                expected: Classification::EconomicDepartment,
                found: self.classification,
            });
        }
        let item = self.lookup(dept_code)?;
        if item.level != Level::Section {
            return Err(CatalogError::NotMappable {
                code: item.code.clone(),
                level: item.level,
            });
        }
        let code = item
            .government_code(kind)
            .ok_or_else(|| CatalogError::NoMapping {
                code: item.code.clone(),
                name: item.name.clone(),
                year: self.year,
                kind,
            })?;
        let government = self
            .government
            .as_deref()
            .ok_or(CatalogError::NoGovernmentCatalog { year: self.year })?;
        government.lookup(code)
    }

    /// The government catalog a department catalog resolves its mappings in.
    pub fn government_catalog(&self) -> Option<&Catalog> {
        self.government.as_deref()
    }
}

/// The tolerant key names are compared by: what is left of a printed label
/// once the accidents of printing and extraction are taken away.
///
/// - whitespace anywhere is dropped (stray spaces, U+3000, and the newline of
///   a label wrapped onto two lines: `七、文化旅游体育与传媒支\n出`), since
///   catalog names contain none that matter;
/// - full-width ASCII forms become half-width (`（室）` → `(室)`), since
///   documents mix both;
/// - one leading ordinal is dropped: `一、`, `二十三、`, `（一）`, `(1)`,
///   `1.`, `1、`, `①`, `⑴`, `⒈`, since summary tables number their rows.
///
/// Public because the document readers use it too.
pub fn normalize_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // Zero-width characters are not whitespace to Rust but are as
        // invisible as it in a printed label.
        if c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}') {
            continue;
        }
        out.push(match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        });
    }
    match strip_ordinal(&out) {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => out,
    }
}

/// The label less a leading ordinal, if it has one. Input already has
/// half-width brackets and no whitespace.
fn strip_ordinal(s: &str) -> Option<&str> {
    let first = s.chars().next()?;
    // ①..⑳, ⑴..⒇, ⒈..⒛, ㉑..㉟: one character each.
    if matches!(first, '\u{2460}'..='\u{249B}' | '\u{3251}'..='\u{325F}') {
        return Some(&s[first.len_utf8()..]);
    }
    let is_numeral = |c: char| is_chinese_numeral(c) || c.is_ascii_digit();
    // (一) / (1), optionally followed by 、.
    if let Some(inner) = s.strip_prefix('(') {
        let digits = inner.find(|c: char| !is_numeral(c)).unwrap_or(inner.len());
        if digits > 0 {
            if let Some(rest) = inner[digits..].strip_prefix(')') {
                return Some(rest.strip_prefix('、').unwrap_or(rest));
            }
        }
        return None;
    }
    // 一、 / 二十三、 / 1、 / 1. ; a name like 一般公共服务支出 starts with a
    // numeral but has no separator after it, so it is left alone.
    let digits = s.find(|c: char| !is_numeral(c)).unwrap_or(s.len());
    if digits == 0 {
        return None;
    }
    let rest = &s[digits..];
    rest.strip_prefix('、').or_else(|| rest.strip_prefix('.'))
}

fn is_chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '零' | '〇'
    )
}

/// The catalogs shipped with yusuan: (path in the repository, text).
const EMBEDDED: &[(&str, &str)] = &[
    (
        "catalogs/function/2023.toml",
        include_str!("../../../../catalogs/function/2023.toml"),
    ),
    (
        "catalogs/function/2024.toml",
        include_str!("../../../../catalogs/function/2024.toml"),
    ),
    (
        "catalogs/function/2025.toml",
        include_str!("../../../../catalogs/function/2025.toml"),
    ),
    (
        "catalogs/economic-department/2023.toml",
        include_str!("../../../../catalogs/economic-department/2023.toml"),
    ),
    (
        "catalogs/economic-department/2024.toml",
        include_str!("../../../../catalogs/economic-department/2024.toml"),
    ),
    (
        "catalogs/economic-department/2025.toml",
        include_str!("../../../../catalogs/economic-department/2025.toml"),
    ),
    (
        "catalogs/economic-government/2023.toml",
        include_str!("../../../../catalogs/economic-government/2023.toml"),
    ),
    (
        "catalogs/economic-government/2024.toml",
        include_str!("../../../../catalogs/economic-government/2024.toml"),
    ),
    (
        "catalogs/economic-government/2025.toml",
        include_str!("../../../../catalogs/economic-government/2025.toml"),
    ),
];

/// The registry: every catalog by classification and year, with each
/// department economic catalog linked to the government catalog of its year.
#[derive(Debug, Clone, Default)]
pub struct Catalogs {
    by_key: BTreeMap<(Classification, u16), Arc<Catalog>>,
}

impl Catalogs {
    /// The catalogs shipped in the binary, parsed once.
    ///
    /// # Panics
    /// If a shipped file is malformed: that is a bug in yusuan, which the
    /// unit tests catch before release (see [`Catalogs::try_embedded`]).
    pub fn embedded() -> &'static Catalogs {
        static EMBEDDED_CATALOGS: OnceLock<Catalogs> = OnceLock::new();
        EMBEDDED_CATALOGS.get_or_init(|| match Catalogs::try_embedded() {
            Ok(catalogs) => catalogs,
            Err(e) => panic!("a catalog shipped with yusuan is malformed: {e}"),
        })
    }

    /// Parses the shipped catalogs afresh, returning the first defect.
    pub fn try_embedded() -> Result<Catalogs, CatalogError> {
        let catalogs = EMBEDDED
            .iter()
            .map(|(origin, text)| Catalog::from_toml_str(text, origin))
            .collect::<Result<Vec<_>, _>>()?;
        Catalogs::new(catalogs)
    }

    /// A registry of these catalogs. Refuses two catalogs of the same
    /// classification and year, and a department economic catalog whose
    /// mappings do not all name a 款 of the government catalog of its year
    /// (which must be given too).
    pub fn new(catalogs: impl IntoIterator<Item = Catalog>) -> Result<Catalogs, CatalogError> {
        let mut pending: BTreeMap<(Classification, u16), Catalog> = BTreeMap::new();
        for mut catalog in catalogs {
            // A link left from another registry would bypass the checks below.
            catalog.government = None;
            let key = (catalog.classification, catalog.year);
            if let Some(first) = pending.get(&key) {
                return Err(CatalogError::Parse {
                    origin: catalog.origin.clone(),
                    line: None,
                    message: format!(
                        "a {} is already loaded from {}",
                        first.label(),
                        first.origin
                    ),
                });
            }
            pending.insert(key, catalog);
        }

        // Government catalogs first, so that department ones can link to them.
        let mut by_key = BTreeMap::new();
        let (government, rest): (Vec<_>, Vec<_>) = pending
            .into_iter()
            .partition(|((c, _), _)| *c == Classification::EconomicGovernment);
        for (key, catalog) in government {
            by_key.insert(key, Arc::new(catalog));
        }
        for (key, mut catalog) in rest {
            if catalog.classification == Classification::EconomicDepartment {
                let government = by_key
                    .get(&(Classification::EconomicGovernment, catalog.year))
                    .cloned()
                    .ok_or_else(|| CatalogError::Parse {
                        origin: catalog.origin.clone(),
                        line: None,
                        message: format!(
                            "needs the {} 政府预算支出经济分类 catalog to resolve its mappings, and none is loaded",
                            catalog.year
                        ),
                    })?;
                check_mappings(&catalog, &government)?;
                catalog.government = Some(government);
            }
            by_key.insert(key, Arc::new(catalog));
        }
        Ok(Catalogs { by_key })
    }

    /// These catalogs with others added, replacing any of the same
    /// classification and year (a user's complete 2024 catalog over the
    /// shipped partial one).
    pub fn with(&self, extra: impl IntoIterator<Item = Catalog>) -> Result<Catalogs, CatalogError> {
        let extra: Vec<Catalog> = extra.into_iter().collect();
        let kept = self
            .by_key
            .iter()
            .filter(|(key, _)| !extra.iter().any(|c| (c.classification, c.year) == **key))
            .map(|(_, catalog)| Catalog::clone(catalog))
            .collect::<Vec<_>>();
        Catalogs::new(kept.into_iter().chain(extra))
    }

    /// The catalog of a classification and year; the error names the years
    /// there are catalogs for.
    pub fn get(&self, classification: Classification, year: u16) -> Result<&Catalog, CatalogError> {
        self.by_key
            .get(&(classification, year))
            .map(|c| c.as_ref())
            .ok_or_else(|| CatalogError::NoCatalog {
                classification,
                year,
                available: self.years(classification),
            })
    }

    /// The years with a catalog of this classification, ascending.
    pub fn years(&self, classification: Classification) -> Vec<u16> {
        self.by_key
            .keys()
            .filter(|(c, _)| *c == classification)
            .map(|(_, y)| *y)
            .collect()
    }

    /// The years whose catalog of this classification has the code: a hint
    /// for an unknown code (2014004 is not in 2023, but is in 2024 and 2025).
    pub fn years_containing(&self, classification: Classification, code: &str) -> Vec<u16> {
        self.by_key
            .iter()
            .filter(|((c, _), catalog)| *c == classification && catalog.contains(code))
            .map(|((_, y), _)| *y)
            .collect()
    }

    /// Every catalog, by classification then year.
    pub fn iter(&self) -> impl Iterator<Item = &Catalog> + '_ {
        self.by_key.values().map(|c| c.as_ref())
    }
}

/// Every mapping of a department catalog names a 款 of the government catalog
/// of its year.
fn check_mappings(department: &Catalog, government: &Catalog) -> Result<(), CatalogError> {
    for item in &department.items {
        let mappings = [("行政", &item.administrative), ("事业", &item.institution)];
        for (kind, code) in mappings {
            let Some(code) = code else { continue };
            let found = government.get(code).filter(|g| g.level == Level::Section);
            if found.is_none() {
                return Err(CatalogError::Parse {
                    origin: department.origin.clone(),
                    line: Some(item.line),
                    message: format!(
                        "{} {} maps {kind} units to {code}, which is not a 款 of the {} ({})",
                        item.code,
                        item.name,
                        government.label(),
                        government.origin
                    ),
                });
            }
        }
    }
    Ok(())
}
