//! Reviewed snapshots of the human and JSON output for every example draft. A change here is a change
//! users see: read the new snapshot before accepting it.

use assert_cmd::Command;
use std::path::Path;

/// The output of a command that ends with the given exit code.
fn run(args: &[&str], code: i32) -> String {
    let out = Command::cargo_bin("replylint")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(args)
        .assert()
        .code(code);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn example_drafts() -> Vec<String> {
    let mut drafts: Vec<String> = std::fs::read_dir("examples/drafts")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.to_str().unwrap().to_string())
        .collect();
    drafts.sort();
    assert!(drafts.len() >= 8, "expected the example drafts");
    drafts
}

fn snapshot_name(kind: &str, path: &str) -> String {
    let stem = Path::new(path).file_name().unwrap().to_str().unwrap().replace('.', "_");
    format!("{kind}__{stem}")
}

#[test]
fn human_output_of_each_example() {
    for path in example_drafts() {
        insta::assert_snapshot!(snapshot_name("human", &path), run(&["check", &path], 0));
    }
}

#[test]
fn json_output_of_each_example() {
    for path in example_drafts() {
        insta::assert_snapshot!(
            snapshot_name("json", &path),
            run(&["check", "--format", "json", &path], 0)
        );
    }
}

#[test]
fn rules_listing() {
    insta::assert_snapshot!("rules", run(&["rules"], 0));
}

#[test]
fn explain_state_eta() {
    insta::assert_snapshot!("explain_state_eta", run(&["explain", "state-eta"], 0));
}

const EXPORTS: [(&str, &str); 2] = [
    ("zendesk", "examples/macros/zendesk-macros.json"),
    ("freshdesk", "examples/macros/freshdesk-canned-responses.json"),
];

/// Rules that fire on words (not missing sentences) in both languages and on HTML and plain bodies: the
/// JSON and SARIF snapshots keep to them so that each stays short enough to read.
const WORD_RULES: &str = "no-template-opener,no-robotic-formality,korean-speech-level,no-jargon";

#[test]
fn human_and_github_output_of_the_example_exports() {
    // Both exports blame the customer somewhere, an error-severity finding: exit 1.
    for (name, path) in EXPORTS {
        insta::assert_snapshot!(format!("export_human__{name}"), run(&["check", path], 1));
        insta::assert_snapshot!(
            format!("export_github__{name}"),
            run(&["check", "--format", "github", path], 1)
        );
    }
}

#[test]
fn json_and_sarif_output_of_the_example_exports() {
    for (name, path) in EXPORTS {
        let select = ["check", "--select", WORD_RULES, path];
        // None of their replies is in banmal, the error these rules can find: exit 0.
        let json = run(&[&select[..], &["--format", "json"]].concat(), 0);
        insta::assert_snapshot!(format!("export_json__{name}"), json);
        let sarif = run(&[&select[..], &["--format", "sarif"]].concat(), 0);
        insta::assert_snapshot!(format!("export_sarif__{name}"), sarif);
    }
}
