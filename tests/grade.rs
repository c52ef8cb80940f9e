//! `replylint grade` and `replylint rubric` end to end: every output format on a fixed batch (reviewed
//! snapshots), CSV edge cases, broken rows, explanations, reference answers and determinism.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

const BATCH: &str = "tests/grading/batch.csv";

fn replylint() -> Command {
    let mut cmd = Command::cargo_bin("replylint").unwrap();
    cmd.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let out = replylint().args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn every_format_on_a_fixed_batch() {
    for format in ["table", "json", "csv", "markdown", "html"] {
        let text = stdout_of(&["grade", BATCH, "--format", format]);
        insta::assert_snapshot!(format!("grade_{format}"), text);
    }
}

#[test]
fn the_table_grades_each_row_and_summarises_the_class() {
    let table = stdout_of(&["grade", BATCH]);
    let row = |name: &str| {
        table
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{table}"))
    };
    // The weak reply is graded well below the strong one, in each language.
    let score = |line: &str| line.split_whitespace().rev().nth(7).unwrap().parse::<u32>().unwrap();
    assert!(score(row("dana (problem)")) < score(row("lee, j. (problem)")));
    assert!(score(row("minseo (refusal)")) < score(row("jiwoo (refusal)")));
    assert!(table.contains("4 replies · mean"), "{table}");
}

#[test]
fn csv_quoting_bom_and_a_missing_column() {
    let dir = tempfile::tempdir().unwrap();
    // A byte-order mark (as Excel writes) and a quoted comma and line break in a cell.
    let path = dir.path().join("excel.csv");
    fs::write(
        &path,
        "\u{feff}trainee,reply\n\"kim, a\",\"Hi Dana,\nYour refund went out today.\"\n",
    )
    .unwrap();
    let out = stdout_of(&["grade", path.to_str().unwrap(), "--format", "csv"]);
    let mut rows = csv::Reader::from_reader(out.as_bytes());
    let row = rows.records().next().unwrap().unwrap();
    assert_eq!(&row[0], "kim, a");
    assert_eq!(&row[2], format!("{}:2", path.display()));

    // Nothing could be read: exit 2.
    replylint()
        .args(["grade", BATCH, "--text-column", "answer"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "tests/grading/batch.csv:1: no column 'answer' in the header (columns: trainee, scenario, reply)",
        ));
}

#[test]
fn a_broken_row_is_reported_with_its_line_and_the_rest_are_graded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.jsonl");
    fs::write(
        &path,
        "{\"trainee\": \"a\", \"reply\": \"Hi Dana,\\nYour refund went out today.\"}\n{broken\n{\"trainee\": \"c\", \"scenario\": \"outage\", \"reply\": \"Hi.\"}\n{\"trainee\": 4, \"reply\": \"Hi Sam,\\nIt works again.\"}\n",
    )
    .unwrap();
    let out = replylint()
        .args(["grade", path.to_str().unwrap(), "--format", "csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("answers.jsonl:2: not valid JSON"))
        .stderr(predicate::str::contains("answers.jsonl:3: unknown scenario 'outage'"));
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let ids: Vec<&str> = stdout.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(ids, ["a", "4"]);
}

#[test]
fn explain_lists_each_deduction_and_reference_shows_what_is_lost() {
    let out = stdout_of(&[
        "grade",
        "examples/grading/practice/outage-en-olivia.txt",
        "--scenario",
        "problem",
        "--explain",
        "--reference",
        "examples/grading/reference/outage-en.txt",
    ]);
    assert!(out.contains("apology 20/100 (weight 20)"), "{out}");
    assert!(
        out.contains("-35 no-template-opener (warning) line 3: \"Sorry for the inconvenience\""),
        "{out}"
    );
    assert!(out.contains("-35 state-eta (warning) line 3: \"soon\""), "{out}");
    assert!(out.contains("behind the reference on resolution: 10 vs 100"), "{out}");
    assert!(
        out.contains("reference examples/grading/reference/outage-en.txt: 100 (A)"),
        "{out}"
    );
}

#[test]
fn grading_is_the_same_whatever_the_thread_count() {
    let run = |threads: &str| {
        let out = replylint()
            .env("RAYON_NUM_THREADS", threads)
            .args(["grade", "examples/grading/answers.jsonl", "--format", "json"])
            .assert()
            .success();
        out.get_output().stdout.clone()
    };
    let one = run("1");
    assert_eq!(one, run("4"));
    let json: serde_json::Value = serde_json::from_slice(&one).unwrap();
    assert_eq!(json["replies"].as_array().unwrap().len(), 32);
}

#[test]
fn the_shipped_examples_grade_as_documented() {
    let table = stdout_of(&["grade", "examples/grading/practice/"]);
    assert!(table.contains("32 replies"), "{table}");
    let csv = stdout_of(&[
        "grade",
        "examples/grading/answers.csv",
        "--text-column",
        "reply",
        "--id-column",
        "trainee",
        "--scenario-column",
        "scenario",
    ]);
    assert!(csv.contains("olivia (problem)"), "{csv}");
    let grades = stdout_of(&["grade", "examples/grading/answers.jsonl", "--format", "csv"]);
    assert_eq!(grades.lines().count(), 33);
    assert!(
        grades.starts_with("id,scenario,source,score,grade,apology,ownership,resolution,tone,personal,findings,rules")
    );
    // A team rubric: its own criteria, weights, penalties and letters.
    let ours = stdout_of(&[
        "grade",
        "examples/grading/practice/outage-en-daniel.txt",
        "--scenario",
        "problem",
        "--rubric",
        "examples/grading/our-rubric.toml",
        "--explain",
    ]);
    assert!(ours.contains("Pass with distinction"), "{ours}");
    assert!(
        ours.contains("-5 no-minimizing (suggestion) line 3: \"simply\""),
        "{ours}"
    );
    assert!(!ours.contains("PERSONAL"), "{ours}");
}

#[test]
fn output_files_are_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    replylint()
        .args(["grade", BATCH, "--format", "html", "-o"])
        .arg(&report)
        .assert()
        .success()
        .stdout("");
    let html = fs::read_to_string(&report).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    // Self-contained: no scripts, styles or images fetched from anywhere.
    let outside_svg_namespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!outside_svg_namespace.contains("http://") && !outside_svg_namespace.contains("https://"));
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("<img"));
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left behind"
    );
}

#[test]
fn rubric_shows_the_rubric_in_force() {
    let printed = stdout_of(&["rubric", "--print"]);
    assert_eq!(printed, fs::read_to_string("rules/rubric.toml").unwrap());
    let summary = stdout_of(&["rubric"]);
    assert!(
        summary.contains("resolution   weight  30  offer-workaround, promise-follow-up, show-urgency, state-eta, refusal-gives-reason"),
        "{summary}"
    );
    assert!(
        summary.contains("letters: A >= 90, B >= 80, C >= 70, D >= 60, F >= 0"),
        "{summary}"
    );
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("ours.toml");
    fs::write(
        &ours,
        printed.replace(
            "id = \"resolution\"\n",
            "id = \"resolution\"\nrules = [\"show-urgancy\"]\n",
        ),
    )
    .unwrap();
    replylint()
        .args(["rubric", "--rubric"])
        .arg(&ours)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "lists rule 'show-urgancy', which is not loaded; did you mean 'show-urgency'?",
        ));
}
