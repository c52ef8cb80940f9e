//! The four engine rules measured on replies written separately from the rules (tests/heldout/), each
//! labelled with the rules it breaks and satisfies. Prints recall and false alarms per rule and language;
//! fails below the bars.

mod common;

use replylint::{CheckOptions, Draft, Linter, RuleSet};
use std::path::Path;

/// Share of replies labelled as breaking a rule on which it fires.
const MIN_RECALL: f64 = 0.8;
/// Share of replies labelled as satisfying a rule on which it fires anyway.
const MAX_FALSE_ALARMS: f64 = 0.15;

#[test]
fn heldout_recall_and_false_alarms() {
    measure("tests/heldout", 40);
}

/// A second set, written after the rules were tuned on the first and never used to tune them.
#[test]
fn fresh_heldout_recall_and_false_alarms() {
    measure("tests/heldout-fresh", 30);
}

fn measure(dir: &str, at_least: usize) {
    let linter = Linter::new(RuleSet::builtin().unwrap());
    let checked = common::check_folder(Path::new(dir), &linter);
    assert!(checked.len() >= at_least, "{dir} has {} replies", checked.len());
    let failures = common::report(&common::tally(&checked), MIN_RECALL, MAX_FALSE_ALARMS);
    assert!(failures.is_empty(), "{dir} below the bar:\n{}", failures.join("\n"));
}

/// Replies that are not about an outage (how-to answers that mention a possible error, billing and
/// feature questions, thanks): they must not be tagged as outages, so the outage rules stay silent.
#[test]
fn non_outage_replies_are_not_treated_as_outages() {
    let linter = Linter::new(RuleSet::builtin().unwrap());
    let mut checked = 0;
    for entry in std::fs::read_dir("tests/quiet").unwrap() {
        let path = entry.unwrap().path();
        let outcome = linter
            .check(
                &Draft::new(std::fs::read_to_string(&path).unwrap()),
                &CheckOptions::default(),
            )
            .unwrap();
        assert!(
            !outcome.scenarios.contains(&"problem".to_string()),
            "{} was tagged as a problem",
            path.display()
        );
        let outage_rules: Vec<&str> = linter
            .rules()
            .rules
            .iter()
            .filter(|r| r.when == ["problem"])
            .map(|r| r.id.as_str())
            .collect();
        let outage_findings: Vec<_> = outcome
            .findings
            .iter()
            .filter(|f| outage_rules.contains(&f.rule.as_str()))
            .collect();
        assert!(outage_findings.is_empty(), "{}: {outage_findings:?}", path.display());
        checked += 1;
    }
    assert!(checked >= 8);
}
