//! The performance-target tables of the real seeds, as read from the
//! originals (groups without indicators, values left empty and all), printed
//! in the one grid every writer shares and read back: the text, the web page
//! and the workbook give the targets of the model again.

mod common;

use yusuan_core::model::{FundsBySource, IndicatorTree, PerformanceTarget};

/// A target by what a reader can see of it: head fields, amounts,
/// indicators by name and value.
fn view(t: &PerformanceTarget) -> String {
    let indicators = |trees: &[IndicatorTree]| -> Vec<String> {
        let mut out = Vec::new();
        for t in trees {
            for g in &t.groups {
                if g.indicators.is_empty() {
                    out.push(format!("{}/{}", t.name, g.name));
                }
                for i in &g.indicators {
                    out.push(format!("{}/{}/{}={}", t.name, g.name, i.name, i.value.text));
                }
            }
        }
        out
    };
    let funds = |f: &FundsBySource| -> Vec<String> {
        std::iter::once(("资金总额", f.total.as_ref()))
            .chain(f.named())
            .map(|(k, a)| format!("{k}={}", a.map(|a| a.printed()).unwrap_or_default()))
            .collect()
    };
    format!(
        "{:#?}",
        (
            (&t.project, &t.department_code, &t.department),
            (&t.implementing_unit, &t.attribute, &t.period),
            (funds(&t.period_funds), funds(&t.annual_funds)),
            (&t.overview, &t.basis, &t.necessity, &t.measures, &t.plan),
            (&t.period_goal, &t.annual_goal),
            indicators(&t.period_indicators),
            indicators(&t.annual_indicators),
        )
    )
}

#[test]
fn seed_targets_print_and_read_back_in_every_format() {
    let profile = yusuan_parse::Profile::national_budget();
    for (seed, d) in common::seeds() {
        assert!(!d.targets.is_empty(), "{seed}");
        let expected: Vec<String> = d.targets.iter().map(view).collect();
        let formats: [(&str, Vec<u8>); 3] = [
            (
                "made.txt",
                yusuan_render::write_text(&d, yusuan_render::Layout::Tab).into_bytes(),
            ),
            ("made.html", yusuan_render::write_html(&d).into_bytes()),
            ("made.xlsx", yusuan_render::write_xlsx(&d).unwrap()),
        ];
        for (name, bytes) in formats {
            let reading = yusuan_parse::read_bytes(&bytes, name, &profile).unwrap();
            let got: Vec<String> = reading.disclosure.targets.iter().map(view).collect();
            assert_eq!(got.len(), expected.len(), "{seed} {name}");
            for (g, e) in got.iter().zip(&expected) {
                assert_eq!(g, e, "{seed} {name}");
            }
        }
    }
}
