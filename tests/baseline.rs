//! Baselines: record today's findings, then fail only on new ones; fixed ones are counted.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

fn replylint() -> Command {
    let mut cmd = Command::cargo_bin("replylint").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

#[test]
fn only_new_findings_fail_and_fixed_ones_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("macros.json");
    let original = fs::read_to_string("examples/macros/zendesk-macros.json").unwrap();
    fs::write(&export, &original).unwrap();
    let baseline = dir.path().join(".replylint-baseline.json");
    replylint()
        .arg("baseline")
        .arg(&export)
        .arg("-o")
        .arg(&baseline)
        .assert()
        .success();
    let recorded: serde_json::Value = serde_json::from_str(&fs::read_to_string(&baseline).unwrap()).unwrap();
    assert!(recorded["findings"].as_array().unwrap().len() > 50);

    // Nothing changed: nothing fails.
    replylint()
        .args(["check", "--fail-on", "warning", "--baseline"])
        .arg(&baseline)
        .arg(&export)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("0 baseline entries no longer found"));

    // A good macro gains a stock opener, another loses one; lines move too (a new first line).
    let edited = original.replacen("{\n", "{\n  \"note\": \"moved\",\n", 1).replace(
        "Hi {{ticket.requester.first_name}},\\n\\nSorry for the inconvenience. We are looking into it",
        "Hi {{ticket.requester.first_name}},\\n\\nWe are looking into it",
    );
    let good_macro_text = "Thanks for asking. You can download any past invoice";
    assert!(edited.contains(good_macro_text), "the fixture changed: update the test");
    let edited = edited.replacen(
        good_macro_text,
        "Sorry for the inconvenience. Thanks for asking. You can download any past invoice",
        1,
    );
    fs::write(&export, edited).unwrap();
    let out = replylint()
        .args(["check", "--format", "json", "--fail-on", "warning", "--baseline"])
        .arg(&baseline)
        .arg(&export)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("baseline entr"));
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let with_findings: Vec<&serde_json::Value> = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["findings"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(with_findings.len(), 1, "only the edited macro has new findings");
    assert!(with_findings[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "no-template-opener"));
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    let fixed: usize = stderr
        .split(" baseline entr")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(fixed >= 1, "{stderr}");
}

#[test]
fn a_broken_baseline_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("b.json");
    fs::write(
        &baseline,
        "{\n  \"version\": 1,\n  \"findings\": [ {\"rule\": 3} ]\n}\n",
    )
    .unwrap();
    replylint()
        .args(["check", "examples/drafts/outage-good.en.txt", "--baseline"])
        .arg(&baseline)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:3:", baseline.display())))
        .stderr(predicate::str::contains("not a baseline"));
}

/// The GitHub Actions job in the README runs as written against the example export: a SARIF file for code
/// scanning, annotations, and no failure once today's findings are baselined.
#[test]
fn the_readme_workflow_command_runs_against_the_example_export() {
    let readme = fs::read_to_string("README.md").unwrap();
    let commands: Vec<&str> = readme
        .lines()
        .map(str::trim)
        .filter_map(|l| l.strip_prefix("- run: replylint check "))
        .collect();
    assert_eq!(
        commands.len(),
        2,
        "the README's workflow runs replylint check twice: {commands:?}"
    );

    // The SARIF step never fails the job, so that the upload step runs.
    let sarif_dir = tempfile::tempdir().unwrap();
    replylint()
        .current_dir(sarif_dir.path())
        .arg("check")
        .args(commands[0].split_whitespace().map(|a| {
            if a.starts_with("examples/") {
                format!("{}/{a}", env!("CARGO_MANIFEST_DIR"))
            } else {
                a.to_string()
            }
        }))
        .assert()
        .code(0);
    let sarif: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(sarif_dir.path().join("replylint.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());

    let command = commands[1];
    let args: Vec<&str> = command.split_whitespace().collect();
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join(".replylint-baseline.json");
    let args: Vec<String> = args
        .iter()
        .map(|a| {
            if *a == ".replylint-baseline.json" {
                baseline.display().to_string()
            } else {
                a.to_string()
            }
        })
        .collect();
    // Before a baseline exists the warnings fail the job, as annotations.
    let without: Vec<&String> = args.iter().take_while(|a| *a != "--baseline").collect();
    let out = replylint().arg("check").args(&without).assert().code(1);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).starts_with("::"));
    replylint()
        .args(["baseline", "examples/macros/zendesk-macros.json", "-o"])
        .arg(&baseline)
        .assert()
        .success();
    replylint().arg("check").args(&args).assert().code(0);
    assert!(fs::read_to_string(".pre-commit-hooks.yaml")
        .unwrap()
        .contains("entry: replylint check"));
}
