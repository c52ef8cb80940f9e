//! Measuring rules on labelled replies: per rule and language, recall on the replies labelled as breaking
//! the rule and false alarms on those labelled as satisfying it.

// Each test binary that includes this module uses a different part of it.
#![allow(dead_code)]

pub mod server;

use replylint::{CheckOptions, Draft, Linter, Outcome, RuleSet};
use std::collections::BTreeMap;
use std::path::Path;

/// One reply's labels. `scenario` and `quality` are only in the corpus labels.
#[derive(serde::Deserialize)]
pub struct Label {
    pub breaks: Vec<String>,
    pub satisfies: Vec<String>,
    #[serde(default)]
    pub quality: Option<String>,
}

#[derive(Default)]
pub struct Tally {
    pub breaks: usize,
    pub caught: usize,
    pub satisfies: usize,
    pub false_alarms: usize,
    pub misses: Vec<String>,
    pub alarms: Vec<String>,
}

impl Tally {
    pub fn recall(&self) -> f64 {
        self.caught as f64 / self.breaks.max(1) as f64
    }

    pub fn false_alarm_rate(&self) -> f64 {
        self.false_alarms as f64 / self.satisfies.max(1) as f64
    }
}

/// The rule ids of the first result's findings in a `check --format json` document, in order.
pub fn first_result_rules(document: &serde_json::Value) -> Vec<&str> {
    document["results"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().expect("a rule id"))
        .collect()
}

/// A linter running every rule, including the ones that ship switched off: labelled sets measure them too.
pub fn linter_with_every_rule(rules: RuleSet) -> Linter {
    let ids: Vec<String> = rules.rules.iter().map(|r| r.id.clone()).collect();
    let mut linter = Linter::new(rules);
    linter.select(&ids).unwrap();
    linter
}

/// A labelled reply and what the linter said about it.
pub struct Checked {
    pub name: String,
    pub lang: String,
    pub label: Label,
    pub outcome: Outcome,
}

/// Reads `dir/labels.toml` and checks `dir/NAME.txt` for each label; the language is the name's prefix.
pub fn check_folder(dir: &Path, linter: &Linter) -> Vec<Checked> {
    let labels_path = dir.join("labels.toml");
    let labels: BTreeMap<String, Label> = toml::from_str(&std::fs::read_to_string(&labels_path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", labels_path.display()));
    labels
        .into_iter()
        .map(|(name, label)| {
            let path = dir.join(format!("{name}.txt"));
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let outcome = linter.check(&Draft::new(text), &CheckOptions::default()).unwrap();
            let lang = name.split('-').next().unwrap().to_string();
            Checked {
                name,
                lang,
                label,
                outcome,
            }
        })
        .collect()
}

/// Tallies per (rule, language).
pub fn tally(checked: &[Checked]) -> BTreeMap<(String, String), Tally> {
    let mut tallies: BTreeMap<(String, String), Tally> = BTreeMap::new();
    for reply in checked {
        let fired = |rule: &str| reply.outcome.findings.iter().any(|f| f.rule == rule);
        for rule in &reply.label.breaks {
            let t = tallies.entry((rule.clone(), reply.lang.clone())).or_default();
            t.breaks += 1;
            if fired(rule) {
                t.caught += 1;
            } else {
                t.misses.push(reply.name.clone());
            }
        }
        for rule in &reply.label.satisfies {
            let t = tallies.entry((rule.clone(), reply.lang.clone())).or_default();
            t.satisfies += 1;
            if fired(rule) {
                t.false_alarms += 1;
                t.alarms.push(reply.name.clone());
            }
        }
    }
    tallies
}

/// Prints the table with the replies behind each miss and false alarm; returns the rules below the bars.
pub fn report(tallies: &BTreeMap<(String, String), Tally>, min_recall: f64, max_false_alarms: f64) -> Vec<String> {
    let mut failures = Vec::new();
    println!(
        "{:<28} {:<4} {:>8} {:>13}  missed / false alarms",
        "rule", "lang", "recall", "false alarms"
    );
    for ((rule, lang), t) in tallies {
        println!(
            "{rule:<28} {lang:<4} {:>8} {:>13}  {:?} / {:?}",
            format!("{}/{}", t.caught, t.breaks),
            format!("{}/{}", t.false_alarms, t.satisfies),
            t.misses,
            t.alarms
        );
        if t.recall() < min_recall || t.false_alarm_rate() > max_false_alarms {
            failures.push(format!(
                "{rule} ({lang}): recall {:.2}, false alarms {:.2}",
                t.recall(),
                t.false_alarm_rate()
            ));
        }
    }
    failures
}

/// A built-in rule as its file declares it.
pub struct RuleFile {
    pub id: String,
    pub pack: String,
    pub criterion: String,
    pub has_english: bool,
}

/// Every `rules/<pack>/<rule-id>.toml`, read straight from the files: the catalog tests compare the
/// loaded rules against.
pub fn builtin_rule_files() -> Vec<RuleFile> {
    let mut files = Vec::new();
    for pack in std::fs::read_dir("rules").unwrap().map(|e| e.unwrap().path()) {
        if !pack.join("pack.toml").is_file() {
            continue;
        }
        let pack_name = pack.file_name().unwrap().to_str().unwrap().to_string();
        for path in std::fs::read_dir(&pack).unwrap().map(|e| e.unwrap().path()) {
            if path.extension().is_none_or(|e| e != "toml") || path.ends_with("pack.toml") {
                continue;
            }
            let table: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            files.push(RuleFile {
                id: path.file_stem().unwrap().to_str().unwrap().to_string(),
                pack: pack_name.clone(),
                criterion: table["criterion"].as_str().unwrap().to_string(),
                has_english: table.contains_key("en"),
            });
        }
    }
    files.sort_by(|a, b| a.id.cmp(&b.id));
    files
}
