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

/// The messages of a `check --format json` document's `errors[]`.
fn json_errors(stdout: &str) -> Vec<String> {
    let document: serde_json::Value = serde_json::from_str(stdout).unwrap();
    document["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{}: {}", e["source"].as_str().unwrap(), e["message"].as_str().unwrap()))
        .collect()
}

#[test]
fn inputs_that_hold_no_draft_are_errors_not_a_clean_run() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    fs::write(empty.join("notes.pdf"), "not a reply").unwrap();
    let header_only = dir.path().join("answers.csv");
    fs::write(&header_only, "id,reply\n").unwrap();
    let not_macros = dir.path().join("macros.json");
    fs::write(&not_macros, r#"{"macros":[1,2,3]}"#).unwrap();

    let (stdout, stderr) = run(
        &["check", "--no-config", "--format", "json", empty.to_str().unwrap()],
        2,
    );
    assert_eq!(
        json_errors(&stdout),
        [format!(
            "{}: no drafts in this folder (no *.txt, *.text, *.md, *.markdown, *.json files other than those .gitignore or .replylintignore leave out)",
            empty.display()
        )]
    );
    assert!(
        stderr.contains("replylint: error: ") && stderr.contains("no drafts in this folder"),
        "{stderr}"
    );

    let (stdout, _) = run(
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            header_only.to_str().unwrap(),
        ],
        2,
    );
    assert_eq!(
        json_errors(&stdout),
        [format!(
            "{}: no rows below the header: nothing to check",
            header_only.display()
        )]
    );

    let (stdout, stderr) = run(
        &["check", "--no-config", "--format", "json", not_macros.to_str().unwrap()],
        2,
    );
    assert_eq!(
        json_errors(&stdout),
        [format!(
            "{}: no replies in this export (Zendesk macros): nothing to check",
            not_macros.display()
        )]
    );
    assert!(
        stderr.contains(&format!(
            "replylint: warning: {}: 3 element(s) of a list of Zendesk macros are not objects; skipped",
            not_macros.display()
        )),
        "{stderr}"
    );

    // `grade` reads folders and batches the same way: nothing to grade is exit 2.
    run(&["grade", empty.to_str().unwrap()], 2);
    run(&["grade", header_only.to_str().unwrap()], 2);
}

#[test]
fn a_csv_quote_never_closed_is_named_and_the_rows_before_it_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("answers.csv");
    fs::write(
        &csv,
        "id,reply\na,Hello Dana.\nb,\"Sorry, we're looking into it.\nc,Third\nd,Fourth\n",
    )
    .unwrap();
    let (stdout, _) = run(&["check", "--no-config", "--format", "json", csv.to_str().unwrap()], 2);
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(document["results"].as_array().unwrap().len(), 1);
    assert_eq!(
        json_errors(&stdout),
        [format!(
            "{}:3: a quote opened here is never closed, so the 3 line(s) from here to the end of the file would be one cell; close it (a quote inside a quoted cell is written twice: \"\")",
            csv.display()
        )]
    );
    // `grade` grades the row it can read and exits 1 for the one it cannot.
    let (_, stderr) = run(&["grade", csv.to_str().unwrap()], 1);
    assert!(
        stderr.contains("answers.csv:3: a quote opened here is never closed"),
        "{stderr}"
    );
}

#[test]
fn macros_of_the_wrong_shape_are_warnings_and_the_others_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("macros.json");
    fs::write(
        &export,
        r#"{"macros": [
  {"id": 1, "title": "Fine", "actions": [{"field": "comment_value", "value": "Hi Dana, thanks for writing."}]},
  {"id": 2, "title": "Broken", "actions": [{"field": "comment_value", "value": 42}]}
]}"#,
    )
    .unwrap();
    let (stdout, stderr) = run(
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--fail-on",
            "never",
            export.to_str().unwrap(),
        ],
        0,
    );
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(document["results"].as_array().unwrap().len(), 1);
    assert!(
        stderr.contains(&format!(
            "replylint: warning: {}:3: Zendesk macro 2 \"Broken\": its comment_value is a number, not text; skipped",
            export.display()
        )),
        "{stderr}"
    );
    // An export whose macros are all inactive says so.
    fs::write(
        &export,
        r#"[{"id": 1, "active": false, "actions": [{"field": "comment_value", "value": "Hi."}]}]"#,
    )
    .unwrap();
    let (_, stderr) = run(&["check", "--no-config", export.to_str().unwrap()], 0);
    assert!(
        stderr.contains("all 1 replies are inactive; --include-inactive checks them"),
        "{stderr}"
    );
}

#[test]
fn nul_characters_are_errors_and_other_control_characters_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let nul = dir.path().join("utf16.txt");
    fs::write(&nul, b"S\0o\0r\0r\0y\0").unwrap();
    let (_, stderr) = run(&["check", "--no-config", nul.to_str().unwrap()], 2);
    assert!(
        stderr.contains(
            "utf16.txt: a NUL character at line 1 (byte 1): a reply is text (a UTF-16 file? save it as UTF-8)"
        ),
        "{stderr}"
    );
    let export = dir.path().join("macros.json");
    fs::write(
        &export,
        r#"{"macros": [{"id": 7, "actions": [{"field": "comment_value", "value": "Hi\u0000 there"}]}]}"#,
    )
    .unwrap();
    let (_, stderr) = run(&["check", "--no-config", export.to_str().unwrap()], 2);
    assert!(
        stderr.contains("macros.json:1: Zendesk macro 7: a NUL character at line 1 (byte 2)"),
        "{stderr}"
    );

    // An escape sequence that would clear the screen, a carriage return that would hide the line start and
    // a right-to-left override: shown as code points in the report and the error lines, never raw.
    let draft = dir.path().join("reply.txt");
    fs::write(
        &draft,
        "Sorry for the inconvenience.\u{1b}[2J\r\u{202e} We're looking into it.\n",
    )
    .unwrap();
    let (stdout, stderr) = run(
        &["check", "--no-config", "--color", "never", draft.to_str().unwrap()],
        0,
    );
    assert!(stdout.contains("<U+001B>[2J<U+000D><U+202E> We're"), "{stdout}");
    for output in [&stdout, &stderr] {
        assert!(
            !output.contains(['\u{1b}', '\r', '\u{202e}', '\0']),
            "a control character printed raw: {output:?}"
        );
    }
}
