//! Every rule's own examples, in every language, for the built-in packs and the example team pack:
//! each bad example must make its rule fire, each good example must not.

mod common;

use replylint::{CheckOptions, Draft, RuleSet};
use std::path::Path;

/// Checks every rule's examples (rules that are off by default are switched on for it); each rule needs
/// `at_least` bad and good examples per language.
fn check_examples(rules: RuleSet, at_least: usize) {
    let linter = common::linter_with_every_rule(rules.clone());
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in &rules.rules {
        for lang in rule.languages() {
            let text = rule.lang(lang).unwrap();
            assert!(
                text.examples.bad.len() >= at_least && text.examples.good.len() >= at_least,
                "{} ({lang}) needs at least {at_least} bad and {at_least} good examples",
                rule.id
            );
            let cases = text
                .examples
                .bad
                .iter()
                .map(|e| (e, true))
                .chain(text.examples.good.iter().map(|e| (e, false)));
            for (example, should_fire) in cases {
                checked += 1;
                let outcome = linter
                    .check(&Draft::new(example.as_str()), &CheckOptions::default())
                    .unwrap();
                let fired = outcome.findings.iter().any(|f| f.rule == rule.id);
                if fired != should_fire {
                    let verdict = if should_fire {
                        "bad example did not fire"
                    } else {
                        "good example fired"
                    };
                    failures.push(format!(
                        "{} ({lang}): {verdict}: {example:?} (scenarios {:?})",
                        rule.id, outcome.scenarios
                    ));
                }
            }
        }
    }
    assert!(checked > 0, "no examples were checked");
    assert!(
        failures.is_empty(),
        "{} of {checked} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn built_in_rule_examples() {
    check_examples(RuleSet::builtin().unwrap(), 3);
}

#[test]
fn example_team_pack_examples() {
    let mut rules = RuleSet::builtin().unwrap();
    rules.add_path(Path::new("examples/packs/acme.toml")).unwrap();
    let builtin = RuleSet::builtin().unwrap().rules.len();
    rules.rules.drain(..builtin);
    check_examples(rules, 3);
}

#[test]
fn the_documented_example_packs_load_and_their_examples_hold() {
    let readme = std::fs::read_to_string("rules/README.md").unwrap();
    let blocks: Vec<&str> = readme
        .split("```toml\n")
        .skip(1)
        .map(|rest| &rest[..rest.find("```").unwrap()])
        .collect();
    assert!(
        blocks.len() >= 2,
        "rules/README.md shows {} TOML examples",
        blocks.len()
    );
    for block in blocks {
        let mut rules = RuleSet::builtin().unwrap();
        let builtin = rules.rules.len();
        rules
            .add_source("rules/README.md", block)
            .unwrap_or_else(|e| panic!("{e}"));
        rules.rules.drain(..builtin);
        assert_eq!(rules.rules.len(), 1);
        // The documented examples are short; what they show must still hold.
        check_examples(rules, 1);
    }
}

/// Every safe rewrite, applied to the bad examples of its rule, settles: after the fixes the rule has no
/// fixable finding left, and a second round would change nothing.
#[test]
fn safe_fixes_settle_on_the_bad_examples() {
    use replylint::fix;
    let rules = RuleSet::builtin().unwrap();
    let linter = common::linter_with_every_rule(rules.clone());
    let fixable_in = |text: &str| {
        let outcome = linter.check(&Draft::new(text), &CheckOptions::default()).unwrap();
        fix::resolve(fix::text_edits(&outcome.findings))
    };
    let mut fixed = 0;
    let mut failures = Vec::new();
    for rule in &rules.rules {
        for lang in rule.languages() {
            for example in &rule.lang(lang).unwrap().examples.bad {
                let edits = fixable_in(example);
                if edits.is_empty() {
                    continue;
                }
                fixed += 1;
                let once = fix::apply(example, &edits);
                let again = fixable_in(&once);
                if !again.is_empty() {
                    failures.push(format!(
                        "{} ({lang}): {example:?} -> {once:?} still has {again:?}",
                        rule.id
                    ));
                }
            }
        }
    }
    assert!(fixed >= 10, "only {fixed} bad examples have safe fixes");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
