//! Speed, measured and reported, never asserted: `cargo bench --bench speed`.
//!
//! 1. One 2 KB draft end to end through the real binary, including process start-up (target < 10 ms).
//! 2. The same in-process: building the linter (loading packs) and the first check, which compiles the
//!    draft's language; then a warm check.
//! 3. Throughput over a folder of 1,000 drafts through the binary.

mod common;

use common::{draft_of_size, ms};
use replylint::{CheckOptions, Draft, Linter, Rubric, RuleSet};
use std::process::Command;
use std::time::{Duration, Instant};

const EN: &str = include_str!("../examples/drafts/outage-bad.en.txt");
const KO: &str = include_str!("../examples/drafts/outage-bad.ko.txt");

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn p90(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() * 9 / 10]
}

fn run_binary(args: &[&str]) -> Duration {
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_replylint"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("binary runs");
    assert!(status.code().is_some_and(|c| c <= 1), "replylint failed: {status}");
    start.elapsed()
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    for (lang, seed) in [("en", EN), ("ko", KO)] {
        let text = draft_of_size(seed, 2048);
        let file = root.join(format!("draft.{lang}.txt"));
        std::fs::write(&file, &text).unwrap();
        let path = file.to_str().unwrap();
        run_binary(&["check", path]);
        let samples: Vec<Duration> = (0..40).map(|_| run_binary(&["check", path])).collect();
        println!(
            "one {} B {lang} draft, binary end to end: median {}, p90 {}",
            text.len(),
            ms(median(samples.clone())),
            ms(p90(samples))
        );
    }

    for (lang, seed) in [("en", EN), ("ko", KO)] {
        let text = draft_of_size(seed, 2048);
        let start = Instant::now();
        let linter = Linter::new(RuleSet::builtin().unwrap());
        let rubric = Rubric::builtin().unwrap();
        let loaded = start.elapsed();
        let first = Instant::now();
        let outcome = linter
            .check(&Draft::new(text.as_str()), &CheckOptions::default())
            .unwrap();
        rubric.grade(&outcome);
        let first = first.elapsed();
        let warm: Vec<Duration> = (0..200)
            .map(|_| {
                let t = Instant::now();
                let outcome = linter
                    .check(&Draft::new(text.as_str()), &CheckOptions::default())
                    .unwrap();
                rubric.grade(&outcome);
                t.elapsed()
            })
            .collect();
        println!(
            "in process, {lang}: load packs {}, first check (compiles {lang}) {}, warm check median {}",
            ms(loaded),
            ms(first),
            ms(median(warm))
        );
    }

    let folder = root.join("many");
    std::fs::create_dir(&folder).unwrap();
    for i in 0..1000 {
        let seed = if i % 2 == 0 { EN } else { KO };
        std::fs::write(folder.join(format!("{i:04}.txt")), draft_of_size(seed, 2048)).unwrap();
    }
    let elapsed = run_binary(&["check", "--format", "json", folder.to_str().unwrap()]);
    println!(
        "1,000 drafts (2 KB, half Korean) in a folder: {} total, {:.0} drafts/s",
        ms(elapsed),
        1000.0 / elapsed.as_secs_f64()
    );

    // A help-desk export of 5,000 macros: the example export's macros repeated with new ids.
    let example: serde_json::Value =
        serde_json::from_str(include_str!("../examples/macros/zendesk-macros.json")).expect("the example export");
    let macros = example["macros"].as_array().expect("macros");
    let many: Vec<serde_json::Value> = (0..5000)
        .map(|i| {
            let mut m = macros[i % macros.len()].clone();
            m["id"] = serde_json::json!(900_000_000 + i);
            m["active"] = serde_json::json!(true);
            m
        })
        .collect();
    let export = root.join("macros.json");
    let text = serde_json::to_string_pretty(&serde_json::json!({ "macros": many, "count": 5000 })).unwrap();
    std::fs::write(&export, text).unwrap();
    let runs: Vec<Duration> = (0..5)
        .map(|_| run_binary(&["check", "--format", "json", export.to_str().unwrap()]))
        .collect();
    let elapsed = median(runs);
    println!(
        "a 5,000-macro Zendesk export: {} total, median of 5 (target under 1 s), {:.0} macros/s",
        ms(elapsed),
        5000.0 / elapsed.as_secs_f64()
    );
}
