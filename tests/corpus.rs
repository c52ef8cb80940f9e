//! The whole built-in catalog measured on the labelled corpus (tests/corpus/en, tests/corpus/ko): replies
//! written apart from the rules, each labelled with every applicable rule it breaks or satisfies. Prints
//! recall and false alarms per rule and language and fails below the bars; good replies must outscore
//! bad ones; the README's quality table must match what is measured here.

mod common;

use common::{Checked, Tally};
use replylint::{Rubric, RuleSet};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

const MIN_RECALL: f64 = 0.8;
const MAX_FALSE_ALARMS: f64 = 0.1;
/// A rule's numbers mean little on fewer labelled replies than this, per language and side.
const MIN_LABELLED: usize = 5;

/// The corpus, checked once for all the tests of this file.
fn checked_corpus() -> &'static [Checked] {
    static CHECKED: OnceLock<Vec<Checked>> = OnceLock::new();
    CHECKED.get_or_init(check_corpus)
}

fn check_corpus() -> Vec<Checked> {
    let linter = common::linter_with_every_rule(RuleSet::builtin().unwrap());
    let mut checked = Vec::new();
    for lang in ["en", "ko"] {
        let replies = common::check_folder(&Path::new("tests/corpus").join(lang), &linter);
        assert!(replies.len() >= 60, "tests/corpus/{lang} has {} replies", replies.len());
        assert!(replies.iter().all(|r| r.lang == lang));
        checked.extend(replies);
    }
    checked
}

#[test]
fn every_rule_meets_the_bars_on_the_corpus() {
    let checked = checked_corpus();
    let tallies = common::tally(checked);
    let rules = RuleSet::builtin().unwrap();
    for reply in checked {
        for id in reply.label.breaks.iter().chain(&reply.label.satisfies) {
            assert!(
                rules.rules.iter().any(|r| &r.id == id),
                "{}: unknown rule {id}",
                reply.name
            );
        }
    }
    let mut thin = Vec::new();
    for rule in &rules.rules {
        for lang in rule.languages() {
            let t = tallies.get(&(rule.id.clone(), lang.to_string()));
            let (breaks, satisfies) = t.map_or((0, 0), |t| (t.breaks, t.satisfies));
            if breaks < MIN_LABELLED || satisfies < MIN_LABELLED {
                thin.push(format!(
                    "{} ({lang}): {breaks} breaking, {satisfies} satisfying",
                    rule.id
                ));
            }
        }
    }
    let failures = common::report(&tallies, MIN_RECALL, MAX_FALSE_ALARMS);
    println!("\n{}", markdown_table(&rules, &tallies));
    assert!(thin.is_empty(), "too few labelled replies:\n{}", thin.join("\n"));
    assert!(failures.is_empty(), "below the bar:\n{}", failures.join("\n"));
}

#[test]
fn good_replies_score_higher_than_bad_ones_in_each_language() {
    let rubric = Rubric::builtin().unwrap();
    let mut means: BTreeMap<(String, String), (u32, u32)> = BTreeMap::new();
    for reply in checked_corpus() {
        let quality = reply.label.quality.clone().expect("corpus labels say good or bad");
        assert!(
            quality == "good" || quality == "bad",
            "{}: quality {quality}",
            reply.name
        );
        let entry = means.entry((reply.lang.clone(), quality)).or_default();
        entry.0 += rubric.grade(&reply.outcome).score;
        entry.1 += 1;
    }
    for lang in ["en", "ko"] {
        let mean = |q: &str| {
            let (sum, n) = means[&(lang.to_string(), q.to_string())];
            sum as f64 / n as f64
        };
        println!("{lang}: good {:.1}, bad {:.1}", mean("good"), mean("bad"));
        assert!(
            mean("good") > mean("bad"),
            "{lang}: good {} <= bad {}",
            mean("good"),
            mean("bad")
        );
    }
}

#[test]
fn the_readme_shows_the_measured_table() {
    let rules = RuleSet::builtin().unwrap();
    let table = markdown_table(&rules, &common::tally(checked_corpus()));
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(
        readme.contains(&table),
        "README.md must show the corpus table as measured now:\n{table}"
    );
}

/// One row per rule: recall and false alarms per language, as "caught/labelled".
fn markdown_table(rules: &RuleSet, tallies: &BTreeMap<(String, String), Tally>) -> String {
    let mut out =
        String::from("| rule | en recall | en false alarms | ko recall | ko false alarms |\n|---|---|---|---|---|\n");
    for rule in &rules.rules {
        let mut row = format!("| `{}` |", rule.id);
        for lang in ["en", "ko"] {
            match tallies.get(&(rule.id.clone(), lang.to_string())) {
                Some(t) => row.push_str(&format!(
                    " {:.2} ({}/{}) | {:.2} ({}/{}) |",
                    t.recall(),
                    t.caught,
                    t.breaks,
                    t.false_alarm_rate(),
                    t.false_alarms,
                    t.satisfies
                )),
                None => row.push_str(" – | – |"),
            }
        }
        out.push_str(&row);
        out.push('\n');
    }
    out
}

/// A second, smaller set (24 replies per language, other industries: travel, insurance, banking, games,
/// public services), written after the rules were tuned on the corpus. With two or three labelled replies
/// per rule, per-rule rates are coarse, so the bar is on the pooled numbers.
#[test]
fn a_fresh_set_from_other_industries_meets_pooled_bars() {
    let linter = common::linter_with_every_rule(RuleSet::builtin().unwrap());
    let mut checked = Vec::new();
    for lang in ["en", "ko"] {
        checked.extend(common::check_folder(
            &Path::new("tests/corpus-fresh").join(lang),
            &linter,
        ));
    }
    assert!(checked.len() >= 48, "{} replies", checked.len());
    let tallies = common::tally(&checked);
    common::report(&tallies, MIN_RECALL, MAX_FALSE_ALARMS);
    let sum = |f: fn(&Tally) -> usize| tallies.values().map(f).sum::<usize>() as f64;
    let recall = sum(|t| t.caught) / sum(|t| t.breaks);
    let false_alarms = sum(|t| t.false_alarms) / sum(|t| t.satisfies);
    println!("pooled: recall {recall:.2}, false alarms {false_alarms:.3}");
    assert!(recall >= 0.9, "pooled recall {recall:.2}");
    assert!(false_alarms <= 0.02, "pooled false alarms {false_alarms:.3}");
}
