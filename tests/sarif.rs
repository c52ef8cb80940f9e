//! `--format sarif`: every log validates against the published SARIF 2.1.0 schema (vendored under
//! `tests/sarif/`), and says what the JSON contract says: the same findings, at their places in the file.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;

const ZENDESK: &str = "examples/macros/zendesk-macros.json";
const FRESHDESK: &str = "examples/macros/freshdesk-canned-responses.json";

fn replylint() -> Command {
    let mut cmd = Command::cargo_bin("replylint").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

/// The JSON a command prints, which must end with the given exit code.
fn output_of(args: &[&str], stdin: &str, code: i32) -> Value {
    let out = replylint().args(args).write_stdin(stdin).assert().code(code);
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

/// The published schema, with formats checked. Its `language` patterns have a stray `]`, which an
/// ECMAScript regex reads as a literal `]` but the validator's check of the schema refuses; they are
/// escaped here (the same regex), in memory, so the file stays as published.
fn validator() -> jsonschema::Validator {
    let mut schema: Value =
        serde_json::from_str(&fs::read_to_string("tests/sarif/sarif-schema-2.1.0.json").unwrap()).unwrap();
    assert_eq!(
        escape_stray_brackets(&mut schema),
        2,
        "the vendored schema changed: revisit this fix-up"
    );
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn escape_stray_brackets(value: &mut Value) -> usize {
    const STRAY: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match value {
        Value::Object(map) => map
            .iter_mut()
            .map(|(key, v)| {
                if key == "pattern" && v == STRAY {
                    *v = Value::from(STRAY.replace("}]?", "}\\]?"));
                    1
                } else {
                    escape_stray_brackets(v)
                }
            })
            .sum(),
        Value::Array(items) => items.iter_mut().map(escape_stray_brackets).sum(),
        _ => 0,
    }
}

fn assert_valid_sarif(log: &Value) {
    let validator = validator();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "not valid SARIF 2.1.0:\n{}", errors.join("\n"));
}

#[test]
fn logs_validate_against_the_sarif_schema() {
    // The exports hold error-severity findings (exit 1); the drafts do not (exit 0).
    let cases: [(&[&str], &str, i32); 4] = [
        (&["check", "--format", "sarif", ZENDESK], "", 1),
        (&["check", "--format", "sarif", FRESHDESK], "", 1),
        (&["check", "--format", "sarif", "examples/drafts"], "", 0),
        (
            &["check", "--format", "sarif", "-"],
            "Sorry for the inconvenience. We are looking into it.\n",
            0,
        ),
    ];
    for (args, stdin, code) in cases {
        let log = output_of(args, stdin, code);
        assert_valid_sarif(&log);
        assert_eq!(log["version"], "2.1.0");
    }
    // A draft that cannot be read is a tool notification, and the run did not succeed.
    let log = output_of(
        &[
            "check",
            "--format",
            "sarif",
            "examples/drafts/outage-bad.en.txt",
            "no-such-file.txt",
        ],
        "",
        2,
    );
    assert_valid_sarif(&log);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = invocation["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(note.contains("no-such-file.txt"), "{note}");
}

#[test]
fn a_schema_violation_is_caught() {
    // The validation must be able to fail: a log without its runs is not SARIF.
    let validator = validator();
    assert!(!validator.is_valid(&serde_json::json!({ "version": "2.1.0" })));
    assert!(!validator.is_valid(&serde_json::json!({ "version": "2.1.0", "runs": [{ "tool": {} }] })));
}

#[test]
fn results_match_the_json_contract_and_point_into_the_export() {
    let export = fs::read_to_string(ZENDESK).unwrap();
    let lines: Vec<&str> = export.lines().collect();
    let log = output_of(&["check", "--format", "sarif", ZENDESK], "", 1);
    let json = output_of(&["check", "--format", "json", ZENDESK], "", 1);
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    let findings: Vec<&Value> = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["findings"].as_array().unwrap())
        .collect();
    assert_eq!(results.len(), findings.len());
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for (result, finding) in results.iter().zip(&findings) {
        assert_eq!(result["ruleId"], finding["rule"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let location = &result["locations"][0];
        assert_eq!(location["physicalLocation"]["artifactLocation"]["uri"], ZENDESK);
        assert!(location["logicalLocations"][0]["fullyQualifiedName"]
            .as_str()
            .unwrap()
            .starts_with("zendesk/"));
        // The region's first line in the export file holds the start of the excerpt (HTML and JSON
        // escapes aside, which the simple cases here do not have).
        let region = &location["physicalLocation"]["region"];
        let excerpt = finding["excerpt"].as_str().unwrap();
        let first_words = excerpt.split_whitespace().next().unwrap_or("");
        if !first_words.is_empty() && !first_words.contains(['\'', '"', '&']) {
            let line = lines[region["startLine"].as_u64().unwrap() as usize - 1];
            let column = region["startColumn"].as_u64().unwrap() as usize;
            let at: String = line
                .chars()
                .skip(column - 1)
                .take(first_words.chars().count())
                .collect();
            assert_eq!(at, first_words, "{}", result["message"]["text"]);
        }
    }
    // Every rule carries its help: the rationale, and the rewrite where there is one.
    let eta = rules.iter().find(|r| r["id"] == "no-template-opener").unwrap();
    let help = eta["help"]["text"].as_str().unwrap();
    assert!(
        help.contains("[en] ") && help.contains("[ko] ") && help.contains("Rewrite: "),
        "{help}"
    );
}

#[test]
fn sarif_goes_to_a_file_with_o() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("replylint.sarif");
    replylint()
        .args(["check", ZENDESK, "--format", "sarif", "-o", path.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout("");
    let log: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_valid_sarif(&log);
}
