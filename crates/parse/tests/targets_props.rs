//! The target-table reader never panics, whatever lines it is given, and
//! what it reads points back into the block.

use proptest::prelude::*;
use yusuan_parse::lines::Line;
use yusuan_parse::targets::{read_target, Target};

/// Pieces of real target tables, and things that break them.
const PIECES: &[&str] = &[
    "项目支出绩效目标申报表",
    "整体支出绩效目标申报表",
    "项目名称",
    "主管部门及代码",
    "011-晋城市信访局",
    "实施单位",
    "项目属性",
    "经常性项目(长期开展)",
    "一次性项目（1年结束）",
    "项目期",
    "4年",
    "项目资金",
    "（元）",
    "实施期资金总额：",
    "年度资金总额：",
    "其中：中央财政资金",
    "省级财政资金",
    "市县（区）财政资",
    "金",
    "市县(区)财政资金",
    "单位自筹",
    "其他资金",
    "项目概况",
    "立项依据",
    "总体目标",
    "实施期目标",
    "年度目标",
    "绩",
    "效",
    "指",
    "标",
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "产出指标",
    "效益指标",
    "满意度指标",
    "成本指标",
    "数量指标",
    "质量指标",
    "时效指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持續影响指标",
    "服务对象满意度指",
    "服务对象满意度指群众",
    "服务对象满意度指标",
    "经济成本指标",
    "部门名称",
    "年度预算情况",
    "合",
    "计",
    "其中:基本支出",
    "项目支出",
    "年度绩效",
    "目标",
    "负责人：",
    "填报日期：",
    "145人",
    "≥90%",
    "100%",
    "9-10月",
    "及时",
    "1,930,000",
    "536,438.88",
    "0",
    "0.00",
    "1,00",
    "-",
    "—",
    "劝100%",
    "x",
    "",
    "（",
    "）",
    "：",
    "标群众",
    "\u{3000}",
    "🀄",
    "é",
];

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(
            (prop::sample::select(PIECES), prop::sample::select(&["\t", " ", "  ", "", "\t\t"][..])),
            0..10
        )
        .prop_map(|cells| cells.into_iter().map(|(c, s)| format!("{c}{s}")).collect()),
        1 => "\\PC{0,40}",
        1 => "[\\t 0-9,.\\-≥%人元]{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn never_panics(texts in prop::collection::vec(line(), 0..40), first in 1u32..5000) {
        let block: Vec<Line> = texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| Line { no: first + i as u32, text })
            .collect();
        let mut findings = Vec::new();
        let read = read_target(&block, &mut findings);
        let last = first + block.len() as u32;
        let in_block = |l: Option<u32>| l.is_some_and(|l| (first..last).contains(&l));
        for f in &findings {
            prop_assert!(f.location.line.is_none() || in_block(f.location.line));
        }
        let trees = match &read {
            Some(Target::Project(t)) => {
                prop_assert!(in_block(t.provenance.line));
                prop_assert!(!t.project.is_empty());
                [t.period_indicators.clone(), t.annual_indicators.clone()].concat()
            }
            Some(Target::Department(d)) => {
                prop_assert!(in_block(d.provenance.line));
                d.indicators.clone()
            }
            None => Vec::new(),
        };
        for t in &trees {
            for g in &t.groups {
                for i in &g.indicators {
                    prop_assert!(in_block(i.provenance.line));
                    let (s, e) = i.provenance.span.unwrap_or((0, 0));
                    prop_assert!(s <= e);
                    let text = &block[(i.provenance.line.unwrap_or(first) - first) as usize].text;
                    prop_assert!(e as usize <= text.chars().count());
                }
            }
        }
    }
}
