//! The sheets of the budget workbook (预算编制工作簿): their names, headers,
//! row labels, column kinds, drop-down lists and notes.
//!
//! The writer lays the workbook out from these definitions and the reader
//! finds its cells by them (columns by header, key rows by label), so the two
//! cannot drift apart: renaming a header here renames it in both.
//!
//! Four shapes of sheet:
//! - [`Table`]: a header row, then one record per row (支出明细, 项目 …);
//! - [`Form`]: key/value rows, label in column A, value in column B, a note
//!   in column C (部门信息, 文字说明);
//! - [`Grid`]: fixed row labels × fixed column headers (收入, 三公经费 …);
//! - the hidden code lists [`FUNCTION_LIST`] and [`ECONOMIC_LIST`] behind the
//!   drop-downs.

use yusuan_core::facts::{CostClass, FundingSource, Nature};
use yusuan_core::model::{Level as GovLevel, ProjectAttribute, UnitKind};

/// 填表说明 the instructions sheet (written, never read).
pub const INSTRUCTIONS: &str = "填表说明";

/// How many empty rows below the data keep the drop-downs, the formats and the
/// 科目名称 look-up, so a finance officer can add lines without copying them.
pub const INPUT_ROWS: u32 = 500;

/// What a column or a field holds: decides the writer's cell format and the
/// reader's parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A short text or a name.
    Text,
    /// A long text, wrapped in its cell; line breaks separate paragraphs.
    LongText,
    /// A classification code, kept as text so Excel does not turn it into a
    /// number (and a department code keeps its leading zeros).
    Code,
    /// An amount in 元 with two decimals (`#,##0.00`).
    Amount,
    /// A whole number (a year, a count of vehicles).
    Count,
    /// The name of the code in column `code_col`, looked up in the hidden
    /// list sheet `list` by a formula, so it follows whatever code is typed.
    /// Written for reading convenience; the reader ignores it.
    NameOf { code_col: usize, list: &'static str },
}

/// The drop-down of a column or field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choices {
    /// No drop-down.
    Free,
    /// One of a fixed list; Excel refuses anything else.
    Fixed(&'static [&'static str]),
    /// A suggested list; Excel warns about, but accepts, other values.
    Suggested(&'static [&'static str]),
    /// The data rows of a column of another sheet (a unit, a project, a code):
    /// Excel warns about, but accepts, other values, since the finance officer
    /// may fill this sheet before the one the list comes from. The reader
    /// checks them anyway.
    Lookup { sheet: &'static str, col: u16 },
}

/// A column of a [`Table`] or a [`Grid`].
#[derive(Debug, Clone, Copy)]
pub struct Col {
    /// The header in row 1; the reader finds the column by it.
    pub header: &'static str,
    pub kind: Kind,
    /// Column width in Excel's character units.
    pub width: f64,
    pub choices: Choices,
    /// The note (cell comment) on the header: what to write and why.
    pub note: &'static str,
}

/// A sheet of records under one header row.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [Col],
}

/// A row of a [`Form`].
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The label in column A; the reader finds the row by it.
    pub label: &'static str,
    pub kind: Kind,
    pub choices: Choices,
    /// What to write, in column C beside the value.
    pub note: &'static str,
}

/// A key/value sheet: label (A), value (B), note (C).
#[derive(Debug, Clone, Copy)]
pub struct Form {
    pub name: &'static str,
    pub fields: &'static [Field],
}

/// The headers of every [`Form`].
pub const FORM_HEADERS: [&str; 3] = ["项目", "内容", "填写说明"];
/// The column of a form's values (B).
pub const FORM_VALUE_COL: u32 = 1;

/// Fixed row labels (column A) × fixed value columns.
#[derive(Debug, Clone, Copy)]
pub struct Grid {
    pub name: &'static str,
    /// The header of column A.
    pub corner: &'static str,
    pub rows: &'static [&'static str],
    pub columns: &'static [Col],
}

// ---------------------------------------------------------------------------
// Names of enumerated values, each paired with the core value it stands for.
// The drop-down lists are built from the same arrays, so a list and the parser
// accept the same words.

/// 资金来源, in the order the tables print them.
pub const SOURCES: [(FundingSource, &str); 5] = [
    (FundingSource::GeneralPublic, "一般公共预算"),
    (FundingSource::GovFund, "政府性基金预算"),
    (FundingSource::StateCapital, "国有资本经营预算"),
    (FundingSource::SpecialAccount, "财政专户管理资金"),
    (FundingSource::UnitFunds, "单位资金"),
];
const SOURCE_NAMES: [&str; 5] = [
    SOURCES[0].1,
    SOURCES[1].1,
    SOURCES[2].1,
    SOURCES[3].1,
    SOURCES[4].1,
];

/// 支出性质.
pub const NATURES: [(Nature, &str); 2] =
    [(Nature::Basic, "基本支出"), (Nature::Project, "项目支出")];
const NATURE_NAMES: [&str; 2] = [NATURES[0].1, NATURES[1].1];

/// 单位类型, as [`UnitKind::as_str`] names them.
pub const UNIT_KINDS: [(UnitKind, &str); 3] = [
    (UnitKind::Administrative, "行政"),
    (UnitKind::CivilServiceManaged, "参公"),
    (UnitKind::Institution, "事业"),
];
const UNIT_KIND_NAMES: [&str; 3] = [UNIT_KINDS[0].1, UNIT_KINDS[1].1, UNIT_KINDS[2].1];

/// 行政级次.
pub const LEVELS: [(GovLevel, &str); 5] = [
    (GovLevel::Central, "中央"),
    (GovLevel::Provincial, "省级"),
    (GovLevel::City, "市级"),
    (GovLevel::County, "县级"),
    (GovLevel::Township, "乡镇"),
];
const LEVEL_NAMES: [&str; 5] = [
    LEVELS[0].1,
    LEVELS[1].1,
    LEVELS[2].1,
    LEVELS[3].1,
    LEVELS[4].1,
];

/// 项目属性.
pub const ATTRIBUTES: [(ProjectAttribute, &str); 2] = [
    (ProjectAttribute::Recurring, "经常性"),
    (ProjectAttribute::OneOff, "一次性"),
];
const ATTRIBUTE_NAMES: [&str; 2] = [ATTRIBUTES[0].1, ATTRIBUTES[1].1];

/// 经费类别 of basic expenditure.
pub const COST_CLASSES: [(CostClass, &str); 2] = [
    (CostClass::Personnel, "人员经费"),
    (CostClass::Public, "公用经费"),
];
const COST_CLASS_NAMES: [&str; 2] = [COST_CLASSES[0].1, COST_CLASSES[1].1];

/// 上年结转: 是 (carried over from last year) or 否 (this year's money).
pub const YES: &str = "是";
pub const NO: &str = "否";
const YES_NO: [&str; 2] = [YES, NO];

/// 绩效指标 期间: the year's indicators or the whole implementation period's.
pub const ANNUAL: &str = "年度";
pub const PERIOD: &str = "实施期";
const PERIODS: [&str; 2] = [ANNUAL, PERIOD];

/// The 一级指标 of the national target tables.
const LEVEL1_INDICATORS: [&str; 4] = ["产出指标", "效益指标", "满意度指标", "成本指标"];
/// The 二级指标 of the national target tables.
const LEVEL2_INDICATORS: [&str; 11] = [
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济成本指标",
    "社会成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
];

/// The only printed unit of the tables (单位 in 部门信息).
pub const TABLE_UNIT: &str = "万元";

// ---------------------------------------------------------------------------
// 部门信息

/// Field indexes of [`INFO`].
pub mod info {
    pub const DEPARTMENT: usize = 0;
    pub const CODE: usize = 1;
    pub const REGION: usize = 2;
    pub const LEVEL: usize = 3;
    pub const YEAR: usize = 4;
    pub const UNIT: usize = 5;
}

/// 部门信息: who publishes, for which year.
pub const INFO: Form = Form {
    name: "部门信息",
    fields: &[
        Field {
            label: "部门名称",
            kind: Kind::Text,
            choices: Choices::Free,
            note: "必填。如“汾阳市信访局”；通常也是预算单位表的第一行。",
        },
        Field {
            label: "部门代码",
            kind: Kind::Code,
            choices: Choices::Free,
            note: "绩效目标表中的部门编码，如“027”（按文字填写，保留前导0）。",
        },
        Field {
            label: "地区",
            kind: Kind::Text,
            choices: Choices::Free,
            note: "如“山西省吕梁市汾阳市”。",
        },
        Field {
            label: "行政级次",
            kind: Kind::Text,
            choices: Choices::Fixed(&LEVEL_NAMES),
            note: "中央、省级、市级、县级或乡镇。",
        },
        Field {
            label: "预算年度",
            kind: Kind::Count,
            choices: Choices::Free,
            note: "必填。须与本工作簿的科目年度一致：科目下拉表是按这一年的科目生成的。",
        },
        Field {
            label: "单位",
            kind: Kind::Text,
            choices: Choices::Free,
            note: "公开报表固定以万元列示（四舍五入到两位小数）；本工作簿的金额一律填元。",
        },
    ],
};

// ---------------------------------------------------------------------------
// 预算单位

/// Column indexes of [`UNITS`].
pub mod units {
    pub const NAME: usize = 0;
    pub const KIND: usize = 1;
}

/// 预算单位: the department's spending units.
pub const UNITS: Table = Table {
    name: "预算单位",
    columns: &[
        Col {
            header: "单位名称",
            kind: Kind::Text,
            width: 36.0,
            choices: Choices::Free,
            note: "第一行是部门本身（本级），其下是所属单位。其他表中的预算单位须与这里的名称完全一致。",
        },
        Col {
            header: "单位类型",
            kind: Kind::Text,
            width: 12.0,
            choices: Choices::Fixed(&UNIT_KIND_NAMES),
            note: "行政、参公（参照公务员法管理的事业单位）或事业。单位类型决定经济科目对应的政府预算经济分类科目，以及公用经费是否计入机关运行经费。",
        },
    ],
};

// ---------------------------------------------------------------------------
// 文字说明

/// Field indexes of [`TEXTS`].
pub mod texts {
    pub const DUTIES: usize = 0;
    pub const ORGANISATION: usize = 1;
    pub const CHANGE_REASON: usize = 2;
    pub const THREE_PUBLIC_REASON: usize = 3;
    pub const OPERATING_REASON: usize = 4;
    pub const OTHER: usize = 5;
    pub const VEHICLES_QUOTA: usize = 6;
    pub const VEHICLES: usize = 7;
    pub const BUILDING_AREA: usize = 8;
    pub const GENERAL_EQUIPMENT: usize = 9;
    pub const SPECIAL_EQUIPMENT: usize = 10;
}

/// 文字说明: what only the department can write, and its assets.
pub const TEXTS: Form = Form {
    name: "文字说明",
    fields: &[
        Field {
            label: "本部门职责",
            kind: Kind::LongText,
            choices: Choices::Free,
            note: "一段一行：在单元格内按 Alt+Enter 换行分段。",
        },
        Field {
            label: "机构设置情况",
            kind: Kind::LongText,
            choices: Choices::Free,
            note: "一段一行（Alt+Enter 换行）。",
        },
        Field {
            label: "收支变动原因",
            kind: Kind::LongText,
            choices: Choices::Free,
            note: "收支总计比上年增减的主要原因；增减金额和比率由报表算出，不必填写。",
        },
        Field {
            label: "三公经费变动原因",
            kind: Kind::LongText,
            choices: Choices::Free,
            note: "“三公”经费比上年增减的原因。",
        },
        Field {
            label: "机关运行经费变动原因",
            kind: Kind::LongText,
            choices: Choices::Free,
            note: "机关运行经费比上年增减的原因。",
        },
        Field {
            label: "其他说明",
            kind: Kind::LongText,
            choices: Choices::Free,
            note: "一段一行（Alt+Enter 换行）。",
        },
        Field {
            label: "车辆编制数",
            kind: Kind::Count,
            choices: Choices::Free,
            note: "整数，辆。空着表示不说明。",
        },
        Field {
            label: "实有车辆数",
            kind: Kind::Count,
            choices: Choices::Free,
            note: "整数，辆。",
        },
        Field {
            label: "办公用房建筑面积（平方米）",
            kind: Kind::Text,
            choices: Choices::Free,
            note: "按要公开的写法填写，如“1200.5”。",
        },
        Field {
            label: "50万元以上通用设备（台套）",
            kind: Kind::Count,
            choices: Choices::Free,
            note: "单位价值50万元以上的通用设备台套数，整数。",
        },
        Field {
            label: "100万元以上专用设备（台套）",
            kind: Kind::Count,
            choices: Choices::Free,
            note: "单位价值100万元以上的专用设备台套数，整数。",
        },
    ],
};

// ---------------------------------------------------------------------------
// 收入

/// Column indexes of [`INCOME`].
pub mod income {
    pub const CURRENT: usize = 0;
    pub const CARRYOVER: usize = 1;
}

/// 收入: income by source, which must equal expenditure by source.
pub const INCOME: Grid = Grid {
    name: "收入",
    corner: "收入来源",
    rows: &SOURCE_NAMES,
    columns: &[
        Col {
            header: "本年收入（元）",
            kind: Kind::Amount,
            width: 20.0,
            choices: Choices::Free,
            note: "本年收入，须等于支出明细中该来源“上年结转”为否的金额合计（预算收支平衡）。",
        },
        Col {
            header: "上年结转（元）",
            kind: Kind::Amount,
            width: 20.0,
            choices: Choices::Free,
            note: "上年结转收入，须等于支出明细中该来源“上年结转”为是的金额合计。",
        },
    ],
};

// ---------------------------------------------------------------------------
// 支出明细

/// Column indexes of [`LINES`].
pub mod lines {
    pub const NATURE: usize = 0;
    pub const PROJECT: usize = 1;
    pub const CODE: usize = 2;
    pub const CODE_NAME: usize = 3;
    pub const SOURCE: usize = 4;
    pub const CARRYOVER: usize = 5;
    pub const AMOUNT: usize = 6;
}

/// 支出明细: one expenditure line a row.
pub const LINES: Table = Table {
    name: "支出明细",
    columns: &[
        Col {
            header: "支出性质",
            kind: Kind::Text,
            width: 12.0,
            choices: Choices::Fixed(&NATURE_NAMES),
            note: "基本支出（保障机构运转的人员经费和公用经费）或项目支出。",
        },
        Col {
            header: "项目名称",
            kind: Kind::Text,
            width: 36.0,
            choices: Choices::Lookup {
                sheet: PROJECTS.name,
                col: projects::NAME as u16,
            },
            note: "项目支出必填，须是“项目”表中的项目；基本支出不填。一个项目可占多行（每个资金来源一行），但只能记于一个功能科目。",
        },
        Col {
            header: "功能科目编码",
            kind: Kind::Code,
            width: 14.0,
            choices: Choices::Lookup {
                sheet: FUNCTION_LIST.name,
                col: 0,
            },
            note: "支出功能分类的7位项级科目编码，如2010301；下拉表列出本年度的科目。",
        },
        Col {
            header: "科目名称",
            kind: Kind::NameOf {
                code_col: lines::CODE,
                list: FUNCTION_LIST.name,
            },
            width: 28.0,
            choices: Choices::Free,
            note: "按编码自动显示，不必填写，读取时不使用。",
        },
        Col {
            header: "资金来源",
            kind: Kind::Text,
            width: 18.0,
            choices: Choices::Fixed(&SOURCE_NAMES),
            note: "一般公共预算、政府性基金预算、国有资本经营预算、财政专户管理资金或单位资金。",
        },
        Col {
            header: "上年结转",
            kind: Kind::Text,
            width: 10.0,
            choices: Choices::Fixed(&YES_NO),
            note: "是：上年结转的资金；否（或空）：本年预算安排。",
        },
        Col {
            header: "金额（元）",
            kind: Kind::Amount,
            width: 18.0,
            choices: Choices::Free,
            note: "元，最多两位小数，不能为负。",
        },
    ],
};

// ---------------------------------------------------------------------------
// 项目

/// Column indexes of [`PROJECTS`].
pub mod projects {
    pub const NAME: usize = 0;
    pub const UNIT: usize = 1;
    pub const ATTRIBUTE: usize = 2;
    pub const PERIOD: usize = 3;
    pub const PERIOD_TOTAL: usize = 4;
    pub const OVERVIEW: usize = 5;
    pub const BASIS: usize = 6;
    pub const NECESSITY: usize = 7;
    pub const MEASURES: usize = 8;
    pub const PLAN: usize = 9;
    pub const PERIOD_GOAL: usize = 10;
    pub const ANNUAL_GOAL: usize = 11;
}

/// 项目: each project's unit, attribute and narrative (its money is in
/// 支出明细).
pub const PROJECTS: Table = Table {
    name: "项目",
    columns: &[
        Col {
            header: "项目名称",
            kind: Kind::Text,
            width: 36.0,
            choices: Choices::Free,
            note: "每个项目一行，名称不能重复；支出明细和绩效指标按名称引用项目。",
        },
        Col {
            header: "预算单位",
            kind: Kind::Text,
            width: 28.0,
            choices: Choices::Lookup {
                sheet: UNITS.name,
                col: units::NAME as u16,
            },
            note: "承担项目的预算单位，须是“预算单位”表中的单位。",
        },
        Col {
            header: "项目属性",
            kind: Kind::Text,
            width: 10.0,
            choices: Choices::Fixed(&ATTRIBUTE_NAMES),
            note: "经常性或一次性。",
        },
        Col {
            header: "项目期",
            kind: Kind::Text,
            width: 8.0,
            choices: Choices::Free,
            note: "如“1年”“3年”。",
        },
        Col {
            header: "实施期资金总额（元）",
            kind: Kind::Amount,
            width: 20.0,
            choices: Choices::Free,
            note:
                "多年项目整个实施期的资金总额，元；一年期项目可空着。本年金额按来源来自支出明细。",
        },
        Col {
            header: "项目概况",
            kind: Kind::LongText,
            width: 40.0,
            choices: Choices::Free,
            note: "绩效目标表的项目概况。",
        },
        Col {
            header: "立项依据",
            kind: Kind::LongText,
            width: 40.0,
            choices: Choices::Free,
            note: "",
        },
        Col {
            header: "项目设立必要性",
            kind: Kind::LongText,
            width: 40.0,
            choices: Choices::Free,
            note: "",
        },
        Col {
            header: "保证项目实施的制度、措施",
            kind: Kind::LongText,
            width: 40.0,
            choices: Choices::Free,
            note: "",
        },
        Col {
            header: "项目实施计划",
            kind: Kind::LongText,
            width: 40.0,
            choices: Choices::Free,
            note: "",
        },
        Col {
            header: "实施期总体目标",
            kind: Kind::LongText,
            width: 40.0,
            choices: Choices::Free,
            note: "",
        },
        Col {
            header: "年度目标",
            kind: Kind::LongText,
            width: 40.0,
            choices: Choices::Free,
            note: "",
        },
    ],
};

// ---------------------------------------------------------------------------
// 绩效指标

/// Column indexes of [`INDICATORS`].
pub mod indicators {
    pub const PROJECT: usize = 0;
    pub const PERIOD: usize = 1;
    pub const LEVEL1: usize = 2;
    pub const LEVEL2: usize = 3;
    pub const NAME: usize = 4;
    pub const VALUE: usize = 5;
}

/// 绩效指标: one 三级指标 a row.
pub const INDICATORS: Table = Table {
    name: "绩效指标",
    columns: &[
        Col {
            header: "项目名称",
            kind: Kind::Text,
            width: 36.0,
            choices: Choices::Lookup {
                sheet: PROJECTS.name,
                col: projects::NAME as u16,
            },
            note: "须是“项目”表中的项目。",
        },
        Col {
            header: "期间",
            kind: Kind::Text,
            width: 8.0,
            choices: Choices::Fixed(&PERIODS),
            note:
                "年度（本年度指标）或实施期（整个实施期的指标；不填实施期指标时按年度指标公开）。",
        },
        Col {
            header: "一级指标",
            kind: Kind::Text,
            width: 12.0,
            choices: Choices::Suggested(&LEVEL1_INDICATORS),
            note: "产出指标、效益指标、满意度指标等。",
        },
        Col {
            header: "二级指标",
            kind: Kind::Text,
            width: 16.0,
            choices: Choices::Suggested(&LEVEL2_INDICATORS),
            note: "数量指标、质量指标、时效指标、社会效益指标、服务对象满意度指标等。",
        },
        Col {
            header: "三级指标",
            kind: Kind::Text,
            width: 30.0,
            choices: Choices::Free,
            note: "具体指标，如“接待群众来访人次”。",
        },
        Col {
            header: "指标值",
            kind: Kind::Text,
            width: 14.0,
            choices: Choices::Free,
            note: "按公开的写法填写，如“145人”“≥90%”“及时”。",
        },
    ],
};

// ---------------------------------------------------------------------------
// 基本支出经济分类

/// Column indexes of [`ECONOMIC`].
pub mod economic {
    pub const UNIT: usize = 0;
    pub const CODE: usize = 1;
    pub const CODE_NAME: usize = 2;
    pub const CLASS: usize = 3;
    pub const AMOUNT: usize = 4;
}

/// 基本支出经济分类: 一般公共预算 basic expenditure of this year by unit and
/// economic 款 (table 6).
pub const ECONOMIC: Table = Table {
    name: "基本支出经济分类",
    columns: &[
        Col {
            header: "预算单位",
            kind: Kind::Text,
            width: 28.0,
            choices: Choices::Lookup {
                sheet: UNITS.name,
                col: units::NAME as u16,
            },
            note: "须是“预算单位”表中的单位；单位类型决定对应的政府预算经济分类科目。",
        },
        Col {
            header: "经济科目编码",
            kind: Kind::Code,
            width: 14.0,
            choices: Choices::Lookup {
                sheet: ECONOMIC_LIST.name,
                col: 0,
            },
            note: "部门预算支出经济分类的5位款级科目编码，如30101。",
        },
        Col {
            header: "科目名称",
            kind: Kind::NameOf {
                code_col: economic::CODE,
                list: ECONOMIC_LIST.name,
            },
            width: 24.0,
            choices: Choices::Free,
            note: "按编码自动显示，不必填写，读取时不使用。",
        },
        Col {
            header: "经费类别",
            kind: Kind::Text,
            width: 10.0,
            choices: Choices::Fixed(&COST_CLASS_NAMES),
            note: "人员经费（工资福利支出、对个人和家庭的补助）或公用经费（商品和服务支出、资本性支出）。",
        },
        Col {
            header: "金额（元）",
            kind: Kind::Amount,
            width: 18.0,
            choices: Choices::Free,
            note: "只填一般公共预算本年的基本支出；全表合计须等于支出明细中一般公共预算、非上年结转的基本支出合计。",
        },
    ],
};

// ---------------------------------------------------------------------------
// 三公经费, 机关运行经费

/// The three 财政拨款 source columns of [`THREE_PUBLIC`] and [`OPERATING`].
const FISCAL_COLUMNS: [Col; 3] = [
    Col {
        header: "一般公共预算（元）",
        kind: Kind::Amount,
        width: 20.0,
        choices: Choices::Free,
        note: "元。",
    },
    Col {
        header: "政府性基金预算（元）",
        kind: Kind::Amount,
        width: 20.0,
        choices: Choices::Free,
        note: "元。",
    },
    Col {
        header: "国有资本经营预算（元）",
        kind: Kind::Amount,
        width: 20.0,
        choices: Choices::Free,
        note: "元。",
    },
];

/// The sources of the three 财政拨款 columns of [`THREE_PUBLIC`] and
/// [`OPERATING`], in column order.
pub const FISCAL_SOURCES: [FundingSource; 3] = FundingSource::FISCAL;

/// Row indexes of [`THREE_PUBLIC`].
pub mod three_public {
    pub const ABROAD: usize = 0;
    pub const RECEPTION: usize = 1;
    pub const VEHICLE_PURCHASE: usize = 2;
    pub const VEHICLE_OPERATION: usize = 3;
}

/// 三公经费: the four items by 财政拨款 source (table 10).
pub const THREE_PUBLIC: Grid = Grid {
    name: "三公经费",
    corner: "项目",
    rows: &[
        "因公出国（境）费",
        "公务接待费",
        "公务用车购置费",
        "公务用车运行维护费",
    ],
    columns: &FISCAL_COLUMNS,
};

/// Column indexes of [`OPERATING`].
pub mod operating {
    pub const UNIT: usize = 0;
    /// The first of the three source columns, in [`super::FISCAL_SOURCES`] order.
    pub const FIRST_SOURCE: usize = 1;
}

/// 机关运行经费: per unit, by 财政拨款 source (table 11).
pub const OPERATING: Table = Table {
    name: "机关运行经费",
    columns: &[
        Col {
            header: "预算单位",
            kind: Kind::Text,
            width: 28.0,
            choices: Choices::Lookup {
                sheet: UNITS.name,
                col: units::NAME as u16,
            },
            note: "行政和参公单位各一行：其一般公共预算机关运行经费须等于该单位基本支出经济分类中的公用经费合计。事业单位没有机关运行经费。",
        },
        FISCAL_COLUMNS[0],
        FISCAL_COLUMNS[1],
        FISCAL_COLUMNS[2],
    ],
};

// ---------------------------------------------------------------------------
// 政府采购, 上年数

/// Row indexes of [`PROCUREMENT`].
pub mod procurement {
    pub const GOODS: usize = 0;
    pub const WORKS: usize = 1;
    pub const SERVICES: usize = 2;
}

/// The one amount column of [`PROCUREMENT`] and [`PRIOR`].
const AMOUNT_COLUMN: [Col; 1] = [Col {
    header: "金额（元）",
    kind: Kind::Amount,
    width: 20.0,
    choices: Choices::Free,
    note: "元，最多两位小数；空着表示不公开这一项。",
}];

/// 政府采购: the procurement budget by kind.
pub const PROCUREMENT: Grid = Grid {
    name: "政府采购",
    corner: "采购类别",
    rows: &["货物", "工程", "服务"],
    columns: &AMOUNT_COLUMN,
};

/// Row indexes of [`PRIOR`].
pub mod prior {
    pub const TOTAL: usize = 0;
    pub const GENERAL_PUBLIC: usize = 1;
    pub const ABROAD: usize = 2;
    pub const RECEPTION: usize = 3;
    pub const VEHICLE_PURCHASE: usize = 4;
    pub const VEHICLE_OPERATION: usize = 5;
    pub const OPERATING: usize = 6;
}

/// 上年数: last year's figures the explanation compares against.
pub const PRIOR: Grid = Grid {
    name: "上年数",
    corner: "项目",
    rows: &[
        "上年收支总计",
        "上年一般公共预算当年拨款",
        "上年因公出国（境）费",
        "上年公务接待费",
        "上年公务用车购置费",
        "上年公务用车运行维护费",
        "上年机关运行经费",
    ],
    columns: &AMOUNT_COLUMN,
};

// ---------------------------------------------------------------------------
// 名词解释

/// Column indexes of [`GLOSSARY`].
pub mod glossary {
    pub const TERM: usize = 0;
    pub const DEFINITION: usize = 1;
}

/// 名词解释: the department's own glossary (empty: the standard one).
pub const GLOSSARY: Table = Table {
    name: "名词解释",
    columns: &[
        Col {
            header: "术语",
            kind: Kind::Text,
            width: 24.0,
            choices: Choices::Free,
            note: "整张表空着时使用标准的名词解释。",
        },
        Col {
            header: "解释",
            kind: Kind::LongText,
            width: 80.0,
            choices: Choices::Free,
            note: "",
        },
    ],
};

// ---------------------------------------------------------------------------
// Hidden code lists

/// A hidden list of codes with their names, behind a drop-down.
#[derive(Debug, Clone, Copy)]
pub struct CodeList {
    pub name: &'static str,
    pub headers: &'static [&'static str],
}

/// 科目: the year's 支出功能分类 项 codes (A) and names (B).
pub const FUNCTION_LIST: CodeList = CodeList {
    name: "科目",
    headers: &["功能科目编码", "科目名称"],
};

/// 经济科目: the year's 部门预算支出经济分类 款 codes (A), names (B) and the
/// 类 they belong to (C).
pub const ECONOMIC_LIST: CodeList = CodeList {
    name: "经济科目",
    headers: &["经济科目编码", "科目名称", "所属类"],
};

/// Where [`FUNCTION_LIST`] records the year its codes are of (label in D1,
/// year in E1): the year the workbook was made for, which 部门信息 must match.
pub const YEAR_LABEL: &str = "科目年度";
pub const YEAR_LABEL_COL: u16 = 3;
pub const YEAR_VALUE_COL: u16 = 4;

/// Every sheet in workbook order: the order the writer adds them and the
/// reader reports problems in.
pub const SHEET_ORDER: [&str; 16] = [
    INSTRUCTIONS,
    INFO.name,
    UNITS.name,
    TEXTS.name,
    INCOME.name,
    LINES.name,
    PROJECTS.name,
    INDICATORS.name,
    ECONOMIC.name,
    THREE_PUBLIC.name,
    OPERATING.name,
    PROCUREMENT.name,
    PRIOR.name,
    GLOSSARY.name,
    FUNCTION_LIST.name,
    ECONOMIC_LIST.name,
];

/// A header or label as compared by the reader: without blanks, with ASCII
/// brackets made full-width, so `金额(元)` and ` 金额（元）` find the same column.
pub fn normalize_label(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_cores() {
        for (source, name) in SOURCES {
            assert_eq!(source.name(), name);
        }
        for (kind, name) in UNIT_KINDS {
            assert_eq!(kind.as_str(), name);
        }
        assert_eq!(
            FundingSource::ALL.to_vec(),
            SOURCES.iter().map(|(s, _)| *s).collect::<Vec<_>>()
        );
    }

    #[test]
    fn index_constants_match_the_columns() {
        assert_eq!(LINES.columns.len(), lines::AMOUNT + 1);
        assert_eq!(LINES.columns[lines::CODE].header, "功能科目编码");
        assert_eq!(PROJECTS.columns.len(), projects::ANNUAL_GOAL + 1);
        assert_eq!(
            PROJECTS.columns[projects::PERIOD_TOTAL].header,
            "实施期资金总额（元）"
        );
        assert_eq!(INDICATORS.columns.len(), indicators::VALUE + 1);
        assert_eq!(ECONOMIC.columns.len(), economic::AMOUNT + 1);
        assert_eq!(ECONOMIC.columns[economic::CODE].header, "经济科目编码");
        assert_eq!(OPERATING.columns.len(), operating::FIRST_SOURCE + 3);
        assert_eq!(INFO.fields.len(), info::UNIT + 1);
        assert_eq!(INFO.fields[info::YEAR].label, "预算年度");
        assert_eq!(TEXTS.fields.len(), texts::SPECIAL_EQUIPMENT + 1);
        assert_eq!(
            TEXTS.fields[texts::BUILDING_AREA].label,
            "办公用房建筑面积（平方米）"
        );
        assert_eq!(THREE_PUBLIC.rows.len(), three_public::VEHICLE_OPERATION + 1);
        assert_eq!(PROCUREMENT.rows.len(), procurement::SERVICES + 1);
        assert_eq!(PRIOR.rows.len(), prior::OPERATING + 1);
        assert_eq!(GLOSSARY.columns.len(), glossary::DEFINITION + 1);
        assert_eq!(INCOME.columns.len(), income::CARRYOVER + 1);
        assert_eq!(UNITS.columns.len(), units::KIND + 1);
    }

    #[test]
    fn headers_are_unique_within_a_sheet() {
        for table in [
            UNITS, LINES, PROJECTS, INDICATORS, ECONOMIC, OPERATING, GLOSSARY,
        ] {
            let mut seen: Vec<String> = Vec::new();
            for col in table.columns {
                let key = normalize_label(col.header);
                assert!(!seen.contains(&key), "{}: {}", table.name, col.header);
                seen.push(key);
            }
        }
    }

    #[test]
    fn normalized_labels() {
        assert_eq!(normalize_label(" 金额(元) "), "金额（元）");
        assert_eq!(normalize_label("金 额（元）"), "金额（元）");
    }
}
