//! Profiles: what a form looks like. The reader's mechanisms (decoding, page
//! furniture, table layouts, the column solver) are the same for every form;
//! a profile says which tables there are, how their titles read, which slots a
//! row has and which identities bind them. Other regions' forms are other
//! profiles.

use yusuan_core::identity::{national, Declared};
use yusuan_core::model::{Column, Side, TableKind};

/// One slot of a printed row, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A classification code (科目编码).
    Code(Option<Side>),
    /// The row label (项目, 科目名称, 项目名称, 单位名称).
    Label(Option<Side>),
    /// Table 6's government economic item printed after the department item.
    GovItem,
    /// A figure in a canonical column.
    Value(Option<Side>, Column),
}

/// A table of the form.
#[derive(Debug, Clone)]
pub struct TableSpec {
    pub kind: TableKind,
    /// The number the form gives the table.
    pub number: u8,
    /// Every one of these must be in a title line (spaces removed).
    pub title_keys: &'static [&'static str],
    /// The slots of a row, left to right.
    pub slots: Vec<Slot>,
}

impl TableSpec {
    /// The value slots of one side, in printed order.
    pub fn values(&self, side: Option<Side>) -> Vec<Column> {
        self.slots
            .iter()
            .filter_map(|s| match s {
                Slot::Value(s, c) if *s == side => Some(*c),
                _ => None,
            })
            .collect()
    }

    /// The sides of the table: `[None]`, or income then expenditure.
    pub fn sides(&self) -> Vec<Option<Side>> {
        if self
            .slots
            .iter()
            .any(|s| matches!(s, Slot::Label(Some(_)) | Slot::Code(Some(_))))
        {
            vec![Some(Side::Income), Some(Side::Expenditure)]
        } else {
            vec![None]
        }
    }

    pub fn has_codes(&self) -> bool {
        self.slots.iter().any(|s| matches!(s, Slot::Code(_)))
    }
}

/// A form: its tables, the identities binding them, and the words that mark
/// the parts of the document.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: &'static str,
    pub tables: Vec<TableSpec>,
    pub identities: Vec<Declared>,
}

const INC: Option<Side> = Some(Side::Income);
const EXP: Option<Side> = Some(Side::Expenditure);

fn values(side: Option<Side>, columns: &[Column]) -> impl Iterator<Item = Slot> + '_ {
    columns.iter().map(move |c| Slot::Value(side, *c))
}

fn coded(columns: &[Column]) -> Vec<Slot> {
    let mut v = vec![Slot::Code(None), Slot::Label(None)];
    v.extend(values(None, columns));
    v
}

fn labelled(columns: &[Column]) -> Vec<Slot> {
    let mut v = vec![Slot::Label(None)];
    v.extend(values(None, columns));
    v
}

impl Profile {
    /// The 13-table budget disclosure of the national form (the seeds' form).
    pub fn national_budget() -> Profile {
        use Column::*;
        let sources = [
            Total,
            GeneralPublic,
            GovFund,
            StateCapital,
            SpecialAccount,
            UnitFunds,
        ];
        let fiscal = [Total, GeneralPublic, GovFund, StateCapital];
        let basic = [Total, Basic, Project];
        let mut t1 = vec![Slot::Label(INC), Slot::Value(INC, Amount), Slot::Label(EXP)];
        t1.extend(values(EXP, &[Total, CurrentYear, CarryoverSpending]));
        let mut t2 = coded(&sources);
        t2.push(Slot::Value(None, Carryover));
        let mut t4 = vec![Slot::Label(INC), Slot::Value(INC, Amount), Slot::Label(EXP)];
        t4.extend(values(
            EXP,
            &[Subtotal, GeneralPublic, GovFund, StateCapital],
        ));
        let mut t6 = vec![Slot::Label(None), Slot::GovItem];
        t6.extend(values(None, &[Total, Personnel, Public]));
        let mut t9 = vec![
            Slot::Code(INC),
            Slot::Label(INC),
            Slot::Value(INC, StateCapitalRevenue),
            Slot::Code(EXP),
            Slot::Label(EXP),
        ];
        t9.extend(values(EXP, &basic));
        let spec = |kind, number, title_keys, slots| TableSpec {
            kind,
            number,
            title_keys,
            slots,
        };
        Profile {
            name: "national-budget",
            tables: vec![
                spec(TableKind::BudgetSummary, 1, &["预算收支总表"], t1),
                spec(TableKind::RevenueSummary, 2, &["预算收入总表"], t2),
                spec(
                    TableKind::ExpenditureSummary,
                    3,
                    &["预算支出总表"],
                    coded(&basic),
                ),
                spec(TableKind::FiscalSummary, 4, &["财政拨款收支总表"], t4),
                spec(
                    TableKind::GeneralPublicExpenditure,
                    5,
                    &["一般公共预算支出预算表"],
                    coded(&basic),
                ),
                spec(
                    TableKind::BasicByEconomic,
                    6,
                    &["基本支出", "经济科目表"],
                    t6,
                ),
                spec(
                    TableKind::GovFundRevenue,
                    7,
                    &["政府性基金预算收入表"],
                    coded(&[GovFundRevenue]),
                ),
                spec(
                    TableKind::GovFundExpenditure,
                    8,
                    &["政府性基金预算支出表"],
                    coded(&basic),
                ),
                spec(
                    TableKind::StateCapital,
                    9,
                    &["国有资本经营预算收支预算表"],
                    t9,
                ),
                spec(
                    TableKind::ThreePublic,
                    10,
                    &["三公", "经费"],
                    labelled(&fiscal),
                ),
                spec(
                    TableKind::OperatingCosts,
                    11,
                    &["机关运行经费"],
                    labelled(&fiscal),
                ),
                spec(
                    TableKind::ProjectsCurrent,
                    12,
                    &["项目支出预算表", "本年预算"],
                    labelled(&sources),
                ),
                spec(
                    TableKind::ProjectsCarriedOver,
                    13,
                    &["项目支出预算表", "上年结转"],
                    labelled(&fiscal),
                ),
            ],
            identities: national::identities(),
        }
    }

    /// The table a title line announces, if it is one. Contents lines (with
    /// leader dots) and long lines of prose are not titles.
    pub fn table_title(&self, line: &str) -> Option<&TableSpec> {
        // Cheap tests first: most lines are not titles.
        let t = line.trim_end();
        if !t.ends_with(['表', '）', ')']) || t.len() > 48 * 4 {
            return None;
        }
        let compact = crate::lines::compact(line);
        if compact.contains("..") || compact.contains('…') || compact.chars().count() > 48 {
            return None;
        }
        // A title names its year (`2024年…表`) or is a caption (`表十…`).
        if !compact.ends_with('表') && !compact.ends_with('）') && !compact.ends_with(')') {
            return None;
        }
        self.tables
            .iter()
            .find(|t| t.title_keys.iter().all(|k| compact.contains(k)))
    }

    pub fn spec(&self, kind: TableKind) -> Option<&TableSpec> {
        self.tables.iter().find(|t| t.kind == kind)
    }
}
