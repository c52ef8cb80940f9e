//! Help-desk exports through `check`: Zendesk macros and Freshdesk canned responses recognised by content,
//! each finding naming the macro and the export line where its reply starts.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

const ZENDESK: &str = "examples/macros/zendesk-macros.json";
const FRESHDESK: &str = "examples/macros/freshdesk-canned-responses.json";

fn replylint() -> Command {
    let mut cmd = Command::cargo_bin("replylint").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

/// The JSON a `check` of an example export or batch prints; each has a reply blaming the customer, an
/// error-severity finding, so the run ends with exit code 1.
fn json_of(args: &[&str]) -> serde_json::Value {
    let out = replylint().args(args).assert().code(1);
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

#[test]
fn zendesk_macros_are_checked_one_by_one_with_their_export_lines() {
    let export = fs::read_to_string(ZENDESK).unwrap();
    let listed: serde_json::Value = serde_json::from_str(&export).unwrap();
    let macros = listed["macros"].as_array().unwrap();
    let active = macros.iter().filter(|m| m["active"] != false).count();

    let json = json_of(&["check", "--format", "json", ZENDESK]);
    let results = json["results"].as_array().unwrap();
    assert_eq!(results.len(), active, "inactive macros are skipped");
    let lines: Vec<&str> = export.lines().collect();
    for result in results {
        let m = &result["macro"];
        assert_eq!(m["kind"], "zendesk");
        let id = m["id"].as_str().unwrap();
        let listed = macros
            .iter()
            .find(|x| x["id"].as_u64().map(|n| n.to_string()).as_deref() == Some(id))
            .expect("a macro of the export");
        assert_eq!(m["title"], listed["title"]);
        // The line given is where the reply's string starts: a comment action's value.
        let line = lines[m["line"].as_u64().unwrap() as usize - 1];
        assert!(
            line.contains("\"value\"") || line.trim_start().starts_with('"'),
            "{id}: {line}"
        );
    }
    let all = json_of(&["check", "--format", "json", "--include-inactive", ZENDESK]);
    assert_eq!(all["results"].as_array().unwrap().len(), macros.len());
}

#[test]
fn freshdesk_pages_are_read_whole() {
    let json = json_of(&["check", "--format", "json", FRESHDESK]);
    let results = json["results"].as_array().unwrap();
    assert_eq!(results.len(), 14);
    assert!(results.iter().all(|r| r["macro"]["kind"] == "freshdesk"));
    // A stock Korean opener in a canned response is found like in any draft.
    assert!(results.iter().any(|r| r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "no-template-opener" && f["excerpt"].as_str().unwrap().contains("죄송합니다"))));
}

#[test]
fn human_and_github_output_name_the_macro() {
    let out = replylint().args(["check", ZENDESK]).assert().code(1);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.lines().any(|l| l.starts_with(&format!(
            "{ZENDESK}:24 zendesk 360001234567 \"Outage::Payments down\" 3:1 warning no-template-opener"
        ))),
        "{text}"
    );
    let out = replylint()
        .args(["check", "--format", "github", ZENDESK])
        .assert()
        .code(1);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.lines().any(|l| l.starts_with(&format!(
            "::warning file={ZENDESK},line=24,col=60,endLine=24,endColumn=87,title=replylint no-template-opener in zendesk 360001234567 \"Outage%3A%3APayments down\"::"
        ))),
        "{text}"
    );
}

#[test]
fn a_malformed_export_names_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("macros.json");
    fs::write(
        &path,
        "{\n  \"macros\": [\n    {\"id\": 1, \"title\": \"x\",}\n  ]\n}\n",
    )
    .unwrap();
    replylint()
        .arg("check")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}:3:28: not valid JSON: key must be a string",
            path.display()
        )));
    replylint()
        .args(["check", "--input", "freshdesk", ZENDESK])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "expected a Freshdesk canned response export, found Zendesk macros",
        ));
}

#[test]
fn csv_and_jsonl_batches_are_checked_row_by_row() {
    let out = replylint()
        .args([
            "check",
            "--format",
            "json",
            "examples/grading/answers.csv",
            "--id-column",
            "trainee",
        ])
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let results = json["results"].as_array().unwrap();
    assert_eq!(results.len(), 32);
    assert_eq!(results[0]["source"], "examples/grading/answers.csv");
    assert_eq!(results[0]["macro"]["kind"], "row");
    assert_eq!(results[0]["macro"]["id"], "alex");
    assert_eq!(results[0]["macro"]["line"], 2);
    let jsonl = json_of(&["check", "--format", "json", "examples/grading/answers.jsonl"]);
    assert_eq!(jsonl["results"].as_array().unwrap().len(), 32);
}

#[test]
fn help_desk_placeholders_count_as_the_customers_name() {
    for greeting in [
        "Hi {{ticket.requester.first_name}},",
        "Hi {{ ticket.requester.name | default: \"there\" }},",
        "Hi {{first_name|fallback:\"there\"}},",
        "Hi {%customer.firstName,fallback=there%},",
        "Hi [Customer Name],",
        "안녕하세요 [이름] 님,",
    ] {
        let out = replylint()
            .args(["check", "--format", "json", "--select", "use-customer-name", "-"])
            .write_stdin(format!(
                "{greeting}\nYour refund went out today. Anything else I can help with?\n"
            ))
            .assert()
            .code(0);
        let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert!(
            json["results"][0]["findings"].as_array().unwrap().is_empty(),
            "{greeting}"
        );
    }
    // An agent placeholder is not the customer's name.
    let out = replylint()
        .args(["check", "--format", "json", "--select", "use-customer-name", "-"])
        .write_stdin("Hi {{current_user.first_name}},\nYour refund went out today.\n")
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["results"][0]["findings"][0]["rule"], "use-customer-name");
}

#[test]
fn korean_liquid_branches_are_checked_where_they_are_written() {
    let draft = "{% if ticket.requester.first_name %}안녕하세요 {{ticket.requester.first_name}} 님,{% else %}안녕하세요,{% endif %}\n\n주문하신 상품은 오늘 발송되었습니다.\n";
    let out = replylint()
        .args(["check", "--format", "json", "--select", "use-customer-name", "-"])
        .write_stdin(draft)
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let finding = &json["results"][0]["findings"][0];
    // The `else` branch greets nobody by name; its place counts characters as written.
    assert_eq!(finding["excerpt"], "안녕하세요,");
    let start = finding["start"].as_u64().unwrap() as usize;
    assert_eq!(&draft[start..start + "안녕하세요,".len()], "안녕하세요,");
    let column = draft[..start].chars().count() + 1;
    assert_eq!(finding["column"], column);
}

#[test]
fn a_folder_of_exports_is_checked_with_its_ignore_file() {
    // `replylint check macros/ --format github`: both exports annotated, the folder's README left alone
    // (it is listed in examples/macros/.replylintignore).
    let out = replylint()
        .args(["check", "--format", "github", "examples/macros/"])
        .assert()
        .code(1);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let files: std::collections::BTreeSet<&str> = text
        .lines()
        .filter_map(|l| l.split("file=").nth(1)?.split(',').next())
        .collect();
    assert_eq!(
        files.into_iter().collect::<Vec<_>>(),
        [
            "examples/macros/freshdesk-canned-responses.json",
            "examples/macros/zendesk-macros.json"
        ]
    );
}
