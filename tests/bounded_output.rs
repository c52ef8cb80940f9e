//! Reports stay linear in the draft and its findings: a draft written as one long line, with a finding
//! every few words, is reported in every format without printing the line once per finding.

use replylint::report::{github, human, json, sarif, DraftResult, Report};
use replylint::{CheckOptions, Draft, Linter, Rubric, RuleSet};

/// What the human report may print per finding at most: its header, a window of the line, the underline
/// and the suggestion.
const HUMAN_BYTES_PER_FINDING: usize = 2048;

/// One line of `bytes` bytes, with a jargon finding in every phrase.
fn one_line_draft(bytes: usize) -> String {
    let phrase = "we use the rollback tool ";
    phrase.repeat(bytes / phrase.len())
}

fn report_of(text: String, linter: &Linter, rubric: &Rubric) -> Report {
    let draft = Draft::new(text);
    let outcome = linter.check(&draft, &CheckOptions::default()).unwrap();
    let grade = rubric.grade(&outcome);
    Report {
        results: vec![DraftResult {
            source: "long.txt".into(),
            macro_ref: None,
            draft: draft.into(),
            outcome,
            grade,
        }],
        ..Report::default()
    }
}

#[test]
fn a_one_line_draft_is_reported_in_every_format_in_output_linear_in_its_findings() {
    let linter = Linter::new(RuleSet::builtin().unwrap());
    let rubric = Rubric::builtin().unwrap();
    // The smaller draft first: a report that prints the line per finding fails there, long before the
    // 1 MiB one would run out of memory.
    for bytes in [64 << 10, (1 << 20) - 64] {
        let draft = one_line_draft(bytes);
        assert!(!draft.contains('\n'));
        let report = report_of(draft, &linter, &rubric);
        let findings = report.results[0].outcome.findings.len();
        assert!(findings > bytes / 100, "{bytes} bytes: only {findings} findings");

        let text = human::render(&report).into_string();
        let longest = text.lines().map(str::len).max().unwrap_or(0);
        assert!(longest <= 1024, "{bytes} bytes: a human line of {longest} bytes");
        assert!(
            text.len() <= findings * HUMAN_BYTES_PER_FINDING,
            "{bytes} bytes: {} bytes of human output for {findings} findings",
            text.len()
        );
        // Every finding still shows its line (as a window with the cut marked) and its underline.
        assert_eq!(text.matches("\n 1 | ").count(), findings);
        assert!(
            text.contains(" 1 | …"),
            "a window after the line's start is marked as cut"
        );
        let phrases = "we use the rollback tool ".repeat(10);
        let at = phrases.match_indices("rollback").nth(5).unwrap().0;
        let window = format!("…{}…", &phrases[at - 60..at + "rollback".len() + 40]);
        let underline = format!("   | {}^^^^^^^^\n", " ".repeat(61));
        assert!(
            text.contains(&format!(" 1 | {window}\n{underline}")),
            "{}",
            &text[..2000]
        );

        let document: serde_json::Value = serde_json::from_str(&json::render(&report).into_string()).unwrap();
        assert_eq!(document["results"][0]["findings"].as_array().unwrap().len(), findings);

        let annotations = github::render(&report);
        assert_eq!(annotations.lines().count(), findings);
        assert!(annotations.lines().all(|l| l.len() <= 1024));

        let log: serde_json::Value =
            serde_json::from_str(&sarif::render(&report, linter.rules()).into_string()).unwrap();
        assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), findings);
    }
}
