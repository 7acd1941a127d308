//! The text of the 填表说明 sheet: what each sheet is for and how to fill it.
//! Sheet and column names come from [`crate::layout`], so the instructions
//! name the sheets as they are.

use crate::layout::{
    ECONOMIC, GLOSSARY, INCOME, INDICATORS, INFO, LINES, OPERATING, PRIOR, PROCUREMENT, PROJECTS,
    TEXTS, THREE_PUBLIC, UNITS,
};

/// One line of the instructions: a heading or a paragraph.
pub enum Line {
    Title(String),
    Heading(String),
    Text(String),
}

/// The instructions of the workbook of a year.
pub fn lines(year: u16) -> Vec<Line> {
    let t = |s: String| Line::Text(s);
    let h = |s: &str| Line::Heading(s.to_string());
    vec![
        Line::Title(format!("{year}年部门预算编制工作簿 填表说明")),
        t(format!(
            "本工作簿收集编制{year}年部门预算公开所需的全部数字和文字。填好后运行 `yusuan make 工作簿.xlsx -o out/`，即生成预算公开报告：预算公开表1至13、情况说明、绩效目标表和名词解释。报表中的数字全部由本工作簿的明细算出，因此各表之间、文字与报表之间自动一致。"
        )),
        h("通用规则"),
        t("金额一律以元为单位，最多两位小数（到分），不能为负；公开报表由程序换算为万元并四舍五入到两位小数。请不要在这里填万元。".to_string()),
        t(format!(
            "名称必须前后一致：“{}”“{}”“{}”中的预算单位须与“{}”表中的单位名称完全相同；“{}”“{}”中的项目名称须与“{}”表中的项目名称完全相同。",
            PROJECTS.name, ECONOMIC.name, OPERATING.name, UNITS.name, LINES.name, INDICATORS.name, PROJECTS.name
        )),
        t("带下拉箭头的单元格请从下拉表中选择；科目编码的下拉表按本年度的科目生成。表头单元格右上角的红色三角是批注，说明该列怎么填。空行会被跳过。".to_string()),
        t("读取时会一次列出所有问题，每个问题都指明工作表和单元格，如“支出明细!C12: 2010308 不在2024年科目中”。改正后重新运行即可。".to_string()),
        h("各表的用途"),
        t(format!(
            "{}：部门名称、部门代码、地区、行政级次和预算年度。部门名称和预算年度必填，预算年度须为{year}。",
            INFO.name
        )),
        t(format!(
            "{}：部门的预算单位及其类型（行政、参公、事业）。第一行是部门本身（本级）。",
            UNITS.name
        )),
        t(format!(
            "{}：本部门职责、机构设置情况、各项变动原因、其他说明，以及国有资产（车辆、办公用房、大型设备）。一个单元格内分段时按 Alt+Enter 换行。",
            TEXTS.name
        )),
        t(format!(
            "{}：按资金来源填写本年收入和上年结转。预算收支平衡，每个来源的收入须等于“{}”中该来源的支出合计，不等时会指出差额所在的单元格。",
            INCOME.name, LINES.name
        )),
        t(format!(
            "{}：每行一笔支出，写明支出性质（基本支出或项目支出）、功能科目（7位项级编码）、资金来源、是否上年结转和金额。基本支出不填项目名称；项目支出须填项目名称，一个项目可以按资金来源分几行填写，但只能记于一个功能科目，且要么全部是本年安排，要么全部是上年结转。",
            LINES.name
        )),
        t(format!(
            "上年结转：上年未用完、今年继续使用的资金，在“{}”的“上年结转”列选“是”。上年结转的项目列入预算公开表13，本年安排的项目列入表12。上年结转只能是财政拨款（一般公共预算、政府性基金预算、国有资本经营预算）。",
            LINES.name
        )),
        t(format!(
            "{}：每个项目一行：预算单位、项目属性、项目期、实施期资金总额和绩效目标表的文字。项目本年的金额按资金来源取自“{}”，不在这里重复填写。",
            PROJECTS.name, LINES.name
        )),
        t(format!(
            "{}：每个三级指标一行，注明所属项目、期间（年度或实施期）、一级指标和二级指标，以及指标值。",
            INDICATORS.name
        )),
        t(format!(
            "{}：一般公共预算本年基本支出按预算单位和部门预算支出经济分类（5位款级编码）分列，分人员经费和公用经费（预算公开表6）。合计须等于“{}”中一般公共预算、非上年结转的基本支出。",
            ECONOMIC.name, LINES.name
        )),
        t(format!(
            "{}：因公出国（境）费、公务接待费、公务用车购置费和公务用车运行维护费，按财政拨款来源填写（预算公开表10）。公务接待费和公务用车运行维护费的一般公共预算数不能少于经济分类中30217、30231两项。",
            THREE_PUBLIC.name
        )),
        t(format!(
            "{}：行政和参公单位的机关运行经费（预算公开表11），一般公共预算数须等于该单位的公用经费；事业单位没有机关运行经费。",
            OPERATING.name
        )),
        t(format!(
            "{}：政府采购预算的货物、工程、服务金额；全部空着表示不公开政府采购。",
            PROCUREMENT.name
        )),
        t(format!(
            "{}：上年的收支总计、一般公共预算当年拨款、“三公”经费各项和机关运行经费，用于情况说明中的增减比较；不知道的空着。",
            PRIOR.name
        )),
        t(format!(
            "{}：部门自己的名词解释；整张表空着时使用标准的名词解释。",
            GLOSSARY.name
        )),
        t("隐藏的“科目”“经济科目”两张表是下拉表的来源，请不要修改。".to_string()),
    ]
}
