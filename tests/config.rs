//! `replylint.toml`: discovered from the current folder upward, applied to rules and findings, validated
//! with errors naming file, line and column; `replylint config` shows it.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

fn replylint_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("replylint").unwrap();
    cmd.env("NO_COLOR", "1").current_dir(dir);
    cmd
}

const DRAFT: &str =
    "Hi Dana,\nThe Webhook URL expired, so the deploy failed. It is fixed now.\nAnything else I can help with?\n";

#[test]
fn a_config_found_upward_changes_severities_vocabulary_and_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("macros/en");
    fs::create_dir_all(&nested).unwrap();
    fs::write(nested.join("d.txt"), DRAFT).unwrap();
    // Without a config: jargon is a suggestion and the default --fail-on error passes.
    replylint_in(&nested)
        .args(["check", "--no-config", "d.txt"])
        .assert()
        .code(0);

    fs::write(
        dir.path().join("replylint.toml"),
        "fail-on = \"warning\"\n[severity]\nno-jargon = \"warning\"\n[vocabulary]\nallow = [\"Webhook URL\"]\n",
    )
    .unwrap();
    let out = replylint_in(&nested)
        .args(["check", "--format", "json", "d.txt"])
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let jargon: Vec<(&str, &str)> = json["results"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "no-jargon")
        .map(|f| (f["excerpt"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(jargon, [("deploy", "warning")], "Webhook URL is in the vocabulary");
    // The command line still wins.
    replylint_in(&nested)
        .args(["check", "--fail-on", "error", "d.txt"])
        .assert()
        .code(0);
    replylint_in(&nested)
        .arg("config")
        .assert()
        .success()
        .stdout(predicate::str::contains("fail-on: warning"))
        .stdout(predicate::str::contains("severity: no-jargon = warning"))
        .stdout(predicate::str::contains("vocabulary: Webhook URL"));
}

#[test]
fn per_path_overrides_and_macro_ignores() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("legacy")).unwrap();
    fs::write(dir.path().join("legacy/old.txt"), DRAFT).unwrap();
    fs::copy("examples/macros/zendesk-macros.json", dir.path().join("macros.json")).unwrap();
    fs::write(
        dir.path().join("replylint.toml"),
        "[[override]]\npaths = [\"legacy/**\"]\nignore = [\"no-jargon\"]\n\n[[ignore-macro]]\ntitle = \"Outage::*\"\n\n[[ignore-macro]]\nid = \"360002245604\"\nrules = [\"no-blame-shifting\"]\n",
    )
    .unwrap();
    let out = replylint_in(dir.path())
        .args(["check", "--format", "json", "legacy/old.txt", "macros.json"])
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let results = json["results"].as_array().unwrap();
    let rules_of = |pick: &dyn Fn(&serde_json::Value) -> bool| -> Vec<String> {
        results
            .iter()
            .filter(|r| pick(r))
            .flat_map(|r| {
                r["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f["rule"].as_str().unwrap().to_string())
            })
            .collect()
    };
    assert!(!rules_of(&|r| r["source"] == "legacy/old.txt").contains(&"no-jargon".to_string()));
    assert!(rules_of(&|r| r["macro"]["title"].as_str().is_some_and(|t| t.starts_with("Outage::"))).is_empty());
    let double_charge = rules_of(&|r| r["macro"]["id"] == "360002245604");
    assert!(!double_charge.is_empty() && !double_charge.contains(&"no-blame-shifting".to_string()));
}

#[test]
fn unknown_keys_and_rules_are_errors_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("d.txt"), DRAFT).unwrap();
    fs::write(
        dir.path().join("replylint.toml"),
        "fail-on = \"warning\"\ncolour = \"red\"\n",
    )
    .unwrap();
    replylint_in(dir.path())
        .args(["check", "d.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("replylint.toml:2:1: unknown field `colour`"));
    fs::write(dir.path().join("replylint.toml"), "[severity]\nno-jargn = \"error\"\n").unwrap();
    replylint_in(dir.path())
        .args(["check", "d.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "replylint.toml:2:12: unknown rule or pack 'no-jargn'; did you mean 'no-jargon'?",
        ));
    fs::write(dir.path().join("replylint.toml"), "fail-on = \"sometimes\"\n").unwrap();
    replylint_in(dir.path())
        .args(["check", "d.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "replylint.toml:1:11: unknown variant `sometimes`",
        ));
}
