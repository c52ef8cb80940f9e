//! Quality on public replies with their sources' verdicts (`tests/eval/`): per language and per rule,
//! fault recall, false alarms on virtues, how often a good reply scores above a bad one (AUC), and the mean
//! score gap, for the development set and the blind test set. The test-set figures may not fall below
//! the ones recorded in `tests/eval/recorded.toml`, and the README must quote them as measured.
//!
//! The linter runs as a user gets it: the built-in packs and rubric, language and scenarios detected.

use replylint::{CheckOptions, Draft, Linter, Rubric, RuleSet};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Item {
    id: String,
    lang: String,
    text: String,
    verdict: String,
    faults: Vec<String>,
    virtues: Vec<String>,
}

/// What the linter made of one item.
struct Scored {
    item: Item,
    fired: Vec<String>,
    score: u32,
}

fn read(path: &str) -> Vec<Item> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .enumerate()
        .map(|(i, line)| serde_json::from_str(line).unwrap_or_else(|e| panic!("{path}:{}: {e}", i + 1)))
        .collect()
}

fn score_all(items: Vec<Item>) -> Vec<Scored> {
    let linter = Linter::new(RuleSet::builtin().unwrap());
    let rubric = Rubric::builtin().unwrap();
    items
        .into_iter()
        .map(|item| {
            let outcome = linter
                .check(&Draft::new(item.text.as_str()), &CheckOptions::default())
                .unwrap();
            let score = rubric.grade(&outcome).score;
            let fired = outcome.findings.iter().map(|f| f.rule.clone()).collect();
            Scored { item, fired, score }
        })
        .collect()
}

/// The figures for one language of one set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
struct Figures {
    faults: usize,
    caught: usize,
    virtues: usize,
    false_alarms: usize,
    auc: f64,
    gap: f64,
}

impl Figures {
    fn recall(&self) -> f64 {
        self.caught as f64 / self.faults.max(1) as f64
    }

    fn false_alarm(&self) -> f64 {
        self.false_alarms as f64 / self.virtues.max(1) as f64
    }
}

fn figures(scored: &[&Scored]) -> Figures {
    let mut f = Figures::default();
    for s in scored {
        f.faults += s.item.faults.len();
        f.caught += s.item.faults.iter().filter(|r| s.fired.contains(r)).count();
        f.virtues += s.item.virtues.len();
        f.false_alarms += s.item.virtues.iter().filter(|r| s.fired.contains(r)).count();
    }
    let scores = |verdict: &str| -> Vec<f64> {
        scored
            .iter()
            .filter(|s| s.item.verdict == verdict)
            .map(|s| f64::from(s.score))
            .collect()
    };
    let (good, bad) = (scores("good"), scores("bad"));
    // Good above bad counts 1, a tie a half.
    let mut wins = 0.0;
    for g in &good {
        for b in &bad {
            wins += if g > b {
                1.0
            } else if g == b {
                0.5
            } else {
                0.0
            };
        }
    }
    f.auc = wins / (good.len() * bad.len()).max(1) as f64;
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    f.gap = mean(&good) - mean(&bad);
    f
}

/// Per rule: (faults, caught, virtues, false alarms).
fn per_rule(scored: &[&Scored]) -> BTreeMap<String, [usize; 4]> {
    let mut rules: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    for s in scored {
        for rule in &s.item.faults {
            let row = rules.entry(rule.clone()).or_default();
            row[0] += 1;
            row[1] += usize::from(s.fired.contains(rule));
        }
        for rule in &s.item.virtues {
            let row = rules.entry(rule.clone()).or_default();
            row[2] += 1;
            row[3] += usize::from(s.fired.contains(rule));
        }
    }
    rules
}

fn by_lang<'a>(scored: &'a [Scored], lang: &str) -> Vec<&'a Scored> {
    scored.iter().filter(|s| s.item.lang == lang).collect()
}

/// "0.28 (41/148)": a rate with its counts.
fn rate(rate: f64, count: usize, of: usize) -> String {
    format!("{rate:.2} ({count}/{of})")
}

/// The README's table of the test-set figures.
fn summary_table(test: &[Scored]) -> String {
    let mut out = String::from(
        "| language | fault recall | false alarm on virtues | good above bad (AUC) | mean score gap, good − bad |\n|---|---|---|---|---|\n",
    );
    for lang in ["en", "ko"] {
        let f = figures(&by_lang(test, lang));
        out.push_str(&format!(
            "| {lang} | {} | {} | {:.2} | {:+.1} |\n",
            rate(f.recall(), f.caught, f.faults),
            rate(f.false_alarm(), f.false_alarms, f.virtues),
            f.auc,
            f.gap
        ));
    }
    out
}

fn print_report(name: &str, scored: &[Scored]) {
    println!("== {name} ==");
    for lang in ["en", "ko"] {
        let subset = by_lang(scored, lang);
        let f = figures(&subset);
        println!(
            "{lang}: {} items · fault recall {} · false alarm {} · AUC {:.2} · gap {:+.1}",
            subset.len(),
            rate(f.recall(), f.caught, f.faults),
            rate(f.false_alarm(), f.false_alarms, f.virtues),
            f.auc,
            f.gap
        );
        for (rule, [faults, caught, virtues, alarms]) in per_rule(&subset) {
            println!("    {rule:<28} recall {caught}/{faults} · false alarm {alarms}/{virtues}");
        }
    }
}

#[derive(Deserialize)]
struct Recorded {
    en: Figures,
    ko: Figures,
}

#[test]
fn figures_on_the_development_and_blind_test_sets() {
    let dev = score_all(read("tests/eval/dev.jsonl"));
    let mut test = score_all(read("tests/eval/test-en.jsonl"));
    test.extend(score_all(read("tests/eval/test-ko.jsonl")));
    assert!(test.iter().all(|s| s.item.id.starts_with("test-")), "test-set ids");
    print_report("development set", &dev);
    print_report("blind test set", &test);

    let recorded: Recorded = toml::from_str(&std::fs::read_to_string("tests/eval/recorded.toml").unwrap()).unwrap();
    let mut worse = Vec::new();
    for (lang, was) in [("en", recorded.en), ("ko", recorded.ko)] {
        let now = figures(&by_lang(&test, lang));
        // A small tolerance for rounding only: any real loss fails.
        if now.recall() + 1e-9 < was.recall() {
            worse.push(format!("{lang} fault recall {:.3} < {:.3}", now.recall(), was.recall()));
        }
        if now.false_alarm() > was.false_alarm() + 1e-9 {
            worse.push(format!(
                "{lang} false alarm {:.3} > {:.3}",
                now.false_alarm(),
                was.false_alarm()
            ));
        }
        if now.auc + 0.0005 < was.auc {
            worse.push(format!("{lang} AUC {:.3} < {:.3}", now.auc, was.auc));
        }
        if now.gap + 0.05 < was.gap {
            worse.push(format!("{lang} score gap {:.1} < {:.1}", now.gap, was.gap));
        }
        println!("recorded for {lang}: {now:?}");
    }
    assert!(worse.is_empty(), "the blind test set got worse: {}", worse.join("; "));

    let table = summary_table(&test);
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(
        readme.contains(&table),
        "README.md must quote the test-set figures as measured now:\n{table}"
    );
}
