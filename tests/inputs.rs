//! What `check` and `grade` do with inputs at and past their limits: every reply is checked or named in an
//! error with its place, none is dropped in silence.

use assert_cmd::Command;
use std::fs;

fn replylint() -> Command {
    let mut cmd = Command::cargo_bin("replylint").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Runs a command with the given exit code; its standard output and standard error.
fn run(args: &[&str], code: i32) -> (String, String) {
    let out = replylint().args(args).assert().code(code);
    let output = out.get_output();
    (
        String::from_utf8(output.stdout.clone()).unwrap(),
        String::from_utf8(output.stderr.clone()).unwrap(),
    )
}

const LIMIT: usize = 1 << 20;

#[test]
fn replies_over_the_limit_for_one_are_errors_naming_their_place_and_the_rest_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let big = "Sorry for the inconvenience. ".repeat(LIMIT / 29 + 1);
    let export = dir.path().join("macros.json");
    let macros = serde_json::json!({"macros": [
        {"id": 1, "title": "Small", "actions": [{"field": "comment_value", "value": "Hi Dana, sorry for the inconvenience."}]},
        {"id": 2, "title": "Big", "actions": [{"field": "comment_value", "value": big}]},
    ]});
    fs::write(&export, serde_json::to_string_pretty(&macros).unwrap()).unwrap();
    let csv = dir.path().join("rows.csv");
    fs::write(&csv, format!("id,reply\na,Hello there.\nb,\"{big}\"\n")).unwrap();
    let jsonl = dir.path().join("rows.jsonl");
    let row = serde_json::json!({"id": "b", "reply": big});
    fs::write(&jsonl, format!("{{\"id\": \"a\", \"reply\": \"Hello.\"}}\n{row}\n")).unwrap();

    let limit = format!("more than the {} KiB limit for one reply", LIMIT / 1024);
    let written = fs::read_to_string(&export).unwrap();
    let big_at = written.find(&big[..40]).unwrap();
    let big_line = written[..big_at].matches('\n').count() + 1;
    for (path, place) in [
        (
            &export,
            format!("macros.json:{big_line}: Zendesk macro 2 \"Big\": the reply is"),
        ),
        (&csv, "rows.csv:3: the reply is".to_string()),
        (&jsonl, "rows.jsonl:2: the reply is".to_string()),
    ] {
        let (stdout, stderr) = run(&["check", "--no-config", "--format", "json", path.to_str().unwrap()], 2);
        let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(document["results"].as_array().unwrap().len(), 1, "{stdout}");
        let errors = document["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{stdout}");
        let message = errors[0]["message"].as_str().unwrap();
        assert!(message.contains(&limit), "{message}");
        let line = stderr.lines().find(|l| l.contains(&limit)).expect(&stderr);
        assert!(line.contains(&place), "{line}");
    }
    // `grade` reads batch rows the same way: the big row is an error, the other one graded (exit 1).
    let (_, stderr) = run(&["grade", "--format", "csv", csv.to_str().unwrap()], 1);
    assert!(
        stderr.contains("rows.csv:3: the reply is") && stderr.contains(&limit),
        "{stderr}"
    );
}
