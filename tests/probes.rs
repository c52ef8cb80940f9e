//! Short phrasing probes (tests/probes.toml), written apart from the packs' own examples: spacing slips,
//! conjugations, typos and near-misses that each rule must get right.

use replylint::{CheckOptions, Classification, Draft, KindSource, Linter, ReplyKind, RuleSet};
use serde::Deserialize;

#[derive(Deserialize)]
struct Probes {
    probe: Vec<Probe>,
}

#[derive(Deserialize)]
struct Probe {
    rule: String,
    #[serde(default)]
    context_before: String,
    context: String,
    fires: Vec<String>,
    silent: Vec<String>,
}

#[test]
fn every_probe_behaves() {
    let probes: Probes = toml::from_str(&std::fs::read_to_string("tests/probes.toml").unwrap()).unwrap();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for probe in &probes.probe {
        let mut linter = Linter::new(RuleSet::builtin().unwrap());
        linter.select(std::slice::from_ref(&probe.rule)).unwrap();
        let cases = probe
            .fires
            .iter()
            .map(|t| (t, true))
            .chain(probe.silent.iter().map(|t| (t, false)));
        for (text, should_fire) in cases {
            // Openers are probed as the first sentence; the others after a sentence naming the problem.
            let draft = if probe.context_before.is_empty() {
                format!("{} {text}", probe.context)
            } else {
                format!("{}{text} {}", probe.context_before, probe.context)
            };
            // A probe is a phrasing, not a kind of text: it is checked as part of a whole reply.
            let options = CheckOptions {
                kind: Some(Classification::forced(ReplyKind::Full, KindSource::Option, "the probe")),
                ..CheckOptions::default()
            };
            let outcome = linter.check(&Draft::new(draft.as_str()), &options).unwrap();
            checked += 1;
            if outcome.findings.iter().any(|f| f.rule == probe.rule) != should_fire {
                let verdict = if should_fire {
                    "should fire"
                } else {
                    "should stay silent"
                };
                wrong.push(format!("{} {verdict}: {text}", probe.rule));
            }
        }
    }
    assert!(checked > 80, "only {checked} probes");
    assert!(
        wrong.is_empty(),
        "{} of {checked} probes wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
