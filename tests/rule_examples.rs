//! Every rule's own examples, in every language, for the built-in packs and the example team pack:
//! each bad example must make its rule fire, each good example must not.

use replylint::{CheckOptions, Draft, Linter, RuleSet};
use std::path::Path;

fn check_examples(rules: RuleSet) {
    let linter = Linter::new(rules.clone());
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in &rules.rules {
        for lang in rule.languages() {
            let text = rule.lang(lang).unwrap();
            assert!(
                text.examples.bad.len() >= 3 && text.examples.good.len() >= 3,
                "{} ({lang}) needs at least three bad and three good examples",
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
    check_examples(RuleSet::builtin().unwrap());
}

#[test]
fn example_team_pack_examples() {
    let mut rules = RuleSet::builtin().unwrap();
    rules.add_path(Path::new("examples/packs/acme.toml")).unwrap();
    let builtin = RuleSet::builtin().unwrap().rules.len();
    rules.rules.drain(..builtin);
    check_examples(rules);
}

#[test]
fn the_documented_example_pack_loads_and_its_examples_hold() {
    let readme = std::fs::read_to_string("rules/README.md").unwrap();
    let start = readme.find("```toml\n").expect("rules/README.md has a TOML example") + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let mut rules = RuleSet::builtin().unwrap();
    let builtin = rules.rules.len();
    rules
        .add_source("rules/README.md", &readme[start..end])
        .unwrap_or_else(|e| panic!("{e}"));
    rules.rules.drain(..builtin);
    assert_eq!(rules.rules.len(), 1);
    // The documented example has one bad and one good example per language; check them directly.
    let linter = Linter::new(rules.clone());
    for lang in rules.rules[0].languages() {
        let text = rules.rules[0].lang(lang).unwrap();
        for (example, should_fire) in text
            .examples
            .bad
            .iter()
            .map(|e| (e, true))
            .chain(text.examples.good.iter().map(|e| (e, false)))
        {
            let outcome = linter
                .check(&Draft::new(example.as_str()), &CheckOptions::default())
                .unwrap();
            assert_eq!(
                outcome.findings.iter().any(|f| f.rule == rules.rules[0].id),
                should_fire,
                "{example}"
            );
        }
    }
}
