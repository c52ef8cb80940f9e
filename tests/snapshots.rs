//! Reviewed snapshots of the human and JSON output for every example draft. A change here is a change
//! users see: read the new snapshot before accepting it.

use assert_cmd::Command;
use std::path::Path;

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("replylint")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
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
        insta::assert_snapshot!(snapshot_name("human", &path), run(&["check", &path]));
    }
}

#[test]
fn json_output_of_each_example() {
    for path in example_drafts() {
        insta::assert_snapshot!(snapshot_name("json", &path), run(&["check", "--format", "json", &path]));
    }
}

#[test]
fn rules_listing() {
    insta::assert_snapshot!("rules", run(&["rules"]));
}

#[test]
fn explain_state_eta() {
    insta::assert_snapshot!("explain_state_eta", run(&["explain", "state-eta"]));
}
