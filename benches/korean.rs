//! Korean analysis, measured and reported, never asserted: `cargo bench --bench korean`.
//!
//! 1. A fresh process that reads a Korean draft and splits it into sentences, with and without analysing
//!    them: the difference is what the analyser adds to one run (opening the lexicon compiled into the
//!    binary, and the pages of it the draft's words touch).
//! 2. In one process: opening the lexicon, the first sentence, then warm sentences and whole drafts from
//!    the Korean corpus.

mod common;

use common::{draft_of_size, ms};
use replylint::text::ko::Analyzer;
use replylint::Draft;
use std::process::Command;
use std::time::{Duration, Instant};

const KO: &str = include_str!("../examples/drafts/outage-bad.ko.txt");

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn sentences(text: &str) -> Vec<String> {
    let draft = Draft::new(text);
    draft
        .sentences()
        .iter()
        .map(|s| draft.sentence_text(s).to_string())
        .collect()
}

/// The child process: read a draft, split it, and analyse its sentences when asked.
fn child(mode: &str, path: &str) {
    let text = std::fs::read_to_string(path).expect("draft");
    let sentences = sentences(&text);
    let mut words = 0;
    if mode == "analyse" {
        let analyzer = Analyzer::embedded().expect("lexicon");
        words = sentences.iter().map(|s| analyzer.analyse(s).len()).sum();
    }
    println!("{} sentences, {words} words", sentences.len());
}

fn run_child(mode: &str, path: &str) -> Duration {
    let start = Instant::now();
    let out = Command::new(std::env::current_exe().expect("own path"))
        .args(["--child", mode, path])
        .output()
        .expect("child runs");
    assert!(
        out.status.success(),
        "child failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    start.elapsed()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(&args[i + 1], &args[i + 2]);
        return;
    }

    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in [("outage-bad.ko.txt", KO.to_string()), ("2 KB", draft_of_size(KO, 2048))] {
        let file = dir.path().join("draft.ko.txt");
        std::fs::write(&file, &text).unwrap();
        let path = file.to_str().unwrap();
        run_child("analyse", path);
        let mut read = Vec::new();
        let mut analyse = Vec::new();
        for _ in 0..40 {
            read.push(run_child("read", path));
            analyse.push(run_child("analyse", path));
        }
        let (read, analyse) = (median(read), median(analyse));
        println!(
            "fresh process, {name} ({} B): split only {}, split and analyse {} (+{})",
            text.len(),
            ms(read),
            ms(analyse),
            ms(analyse.saturating_sub(read))
        );
    }

    let start = Instant::now();
    let analyzer = Analyzer::embedded().expect("lexicon");
    println!("in process: opening the lexicon {}", ms(start.elapsed()));
    let start = Instant::now();
    let first = analyzer.analyse("불편을 드려 죄송합니다.");
    println!(
        "in process: first sentence ({} words) {}",
        first.len(),
        ms(start.elapsed())
    );

    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/ko");
    let drafts: Vec<Vec<String>> = std::fs::read_dir(corpus)
        .expect("corpus")
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .map(|text| sentences(&text))
        .collect();
    let count: usize = drafts.iter().map(Vec::len).sum();
    let chars: usize = drafts.iter().flatten().map(|s| s.chars().count()).sum();
    let mut rounds = Vec::new();
    for _ in 0..20 {
        let start = Instant::now();
        let mut words = 0;
        for s in drafts.iter().flatten() {
            words += analyzer.analyse(s).len();
        }
        assert!(words > 0);
        rounds.push(start.elapsed());
    }
    let round = median(rounds);
    println!(
        "in process, warm: {} drafts, {count} sentences ({} characters each on average): {:.1} µs per sentence, {} per draft",
        drafts.len(),
        chars / count.max(1),
        round.as_secs_f64() * 1e6 / count as f64,
        ms(round / drafts.len() as u32)
    );
}
