//! 示例文字 a budget of given facts with short generic texts (duties,
//! organisation, one reason, each project's narrative and two indicators):
//! what property tests and load tests of the maker need to make complete
//! reports from random facts. Not for publishing: the texts say nothing
//! about a real department.

use yusuan_core::budget::{AssetFacts, Budget, DepartmentTexts, IndicatorLine, ProjectPlan};
use yusuan_core::facts::BudgetFacts;

/// The facts with generic texts.
pub fn sample_budget(facts: BudgetFacts) -> Budget {
    let projects = facts
        .projects
        .iter()
        .map(|p| ProjectPlan {
            name: p.name.clone(),
            period: Some("1年".to_string()),
            overview: Some(format!("{}的实施内容。", p.name)),
            annual_goal: Some("按时完成。".to_string()),
            annual_indicators: vec![
                IndicatorLine {
                    level1: "产出指标".into(),
                    level2: "数量指标".into(),
                    name: "完成事项数".into(),
                    value: "12项".into(),
                },
                IndicatorLine {
                    level1: "满意度指标".into(),
                    level2: "服务对象满意度指标".into(),
                    name: "群众满意度".into(),
                    value: "≥90%".into(),
                },
            ],
            ..ProjectPlan::default()
        })
        .collect();
    Budget {
        facts,
        texts: DepartmentTexts {
            duties: vec!["负责本行政区域内的有关工作。".into()],
            organisation: vec!["内设办公室、业务科。".into()],
            change_reason: Some("人员变动".into()),
            assets: AssetFacts {
                vehicles_quota: Some(1),
                vehicles: Some(1),
                ..AssetFacts::default()
            },
            ..DepartmentTexts::default()
        },
        projects,
        glossary: Vec::new(),
    }
}
