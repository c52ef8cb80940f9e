//! Every rule's own examples, in every language, for the built-in packs and the example team pack: each
//! bad example must make its rule report exactly the words it lists (`finds`) and, where a safe rewrite
//! applies, give exactly its `fixed` text; each good example must not make the rule fire.

mod common;

use replylint::pack::BadExample;
use replylint::{fix, CheckOptions, Draft, Finding, Linter, RuleSet};
use std::path::Path;

/// What went wrong with one bad example, or `None` when it holds.
fn check_bad(linter: &Linter, rule: &str, example: &BadExample, need_expectations: bool) -> Option<String> {
    let outcome = linter
        .check(&Draft::new(example.text.as_str()), &CheckOptions::default())
        .unwrap();
    let found: Vec<&Finding> = outcome.findings.iter().filter(|f| f.rule == rule).collect();
    if found.is_empty() {
        return Some(format!("did not fire (scenarios {:?})", outcome.scenarios));
    }
    let excerpts: Vec<&str> = found.iter().map(|f| f.excerpt.as_str()).collect();
    match &example.finds {
        Some(expected) if expected != &excerpts => {
            return Some(format!("reported {excerpts:?}, the example expects {expected:?}"));
        }
        None if need_expectations => return Some(format!("lists no `finds`; it reports {excerpts:?}")),
        _ => {}
    }
    // The rule's own safe rewrites, applied once.
    let mine: Vec<Finding> = found.into_iter().cloned().collect();
    let edits = fix::resolve(fix::text_edits(&mine));
    let fixed = (!edits.is_empty()).then(|| fix::apply(&example.text, &edits));
    if fixed != example.fixed {
        return Some(format!(
            "fixed text is {fixed:?}, the example expects {:?}",
            example.fixed
        ));
    }
    None
}

/// Checks every rule's examples (rules that are off by default are switched on for it); each rule needs
/// `at_least` bad and good examples per language, and, with `need_expectations`, every bad example
/// says what it must report.
fn check_examples(rules: RuleSet, at_least: usize, need_expectations: bool) {
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
            for example in &text.examples.bad {
                checked += 1;
                if let Some(failure) = check_bad(&linter, &rule.id, example, need_expectations) {
                    failures.push(format!(
                        "{} ({lang}): bad example {:?}: {failure}",
                        rule.id, example.text
                    ));
                }
            }
            for example in &text.examples.good {
                checked += 1;
                let outcome = linter
                    .check(&Draft::new(example.as_str()), &CheckOptions::default())
                    .unwrap();
                if outcome.findings.iter().any(|f| f.rule == rule.id) {
                    failures.push(format!(
                        "{} ({lang}): good example fired: {example:?} (scenarios {:?})",
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
    check_examples(RuleSet::builtin().unwrap(), 3, true);
}

#[test]
fn example_team_pack_examples() {
    let mut rules = RuleSet::builtin().unwrap();
    rules.add_path(Path::new("examples/packs/acme.toml")).unwrap();
    let builtin = RuleSet::builtin().unwrap().rules.len();
    rules.rules.drain(..builtin);
    check_examples(rules, 3, false);
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
        check_examples(rules, 1, false);
    }
}

/// The README's "Adding a rule" example, written as a rule file in a pack folder, loads and its examples hold.
#[test]
fn the_readme_rule_file_example_is_a_working_rule() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let section = &readme[readme
        .find("### Adding a rule")
        .expect("README has an Adding a rule section")..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let rule_file = &section[start..start + section[start..].find("```").unwrap()];
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("pack.toml"), "[pack]\nname = \"team\"\n").unwrap();
    std::fs::write(folder.path().join("no-internal-codes.toml"), rule_file).unwrap();
    let mut rules = RuleSet::builtin().unwrap();
    let builtin = rules.rules.len();
    rules.add_path(folder.path()).unwrap_or_else(|e| panic!("{e}"));
    rules.rules.drain(..builtin);
    assert_eq!(rules.rules[0].id, "no-internal-codes");
    assert_eq!(rules.rules[0].pack, "team");
    check_examples(rules, 1, true);
}

/// Every safe rewrite, applied to the bad examples of its rule, settles: after the fixes the rule has no
/// fixable finding left, and a second round would change nothing.
#[test]
fn safe_fixes_settle_on_the_bad_examples() {
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
                let edits = fixable_in(&example.text);
                if edits.is_empty() {
                    continue;
                }
                fixed += 1;
                let once = fix::apply(&example.text, &edits);
                let again = fixable_in(&once);
                if !again.is_empty() {
                    failures.push(format!(
                        "{} ({lang}): {:?} -> {once:?} still has {again:?}",
                        rule.id, example.text
                    ));
                }
            }
        }
    }
    assert!(fixed >= 10, "only {fixed} bad examples have safe fixes");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
