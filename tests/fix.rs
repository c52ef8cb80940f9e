//! `check --fix` and `check --diff`: safe rewrites applied in text files and inside JSON exports (the
//! reply's string patched in place, every other byte unchanged), idempotent, previewed as a unified diff.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn replylint() -> Command {
    let mut cmd = Command::cargo_bin("replylint").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Runs `check --fix` on a file; what is left is reported and ends the run with the given exit code (1
/// when error-severity findings are left).
fn fix_in_place(path: &str, code: i32) {
    replylint().args(["check", "--fix", path]).assert().code(code);
}

fn copy_into(dir: &Path, example: &str) -> String {
    let name = Path::new(example).file_name().unwrap();
    let path = dir.join(name);
    fs::copy(example, &path).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn diff_previews_and_fix_applies_in_a_text_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_into(dir.path(), "examples/drafts/refusal-bad.ko.txt");
    let before = fs::read_to_string(&path).unwrap();

    let out = replylint().args(["check", "--fix", "--diff", &path]).assert().code(1);
    let diff = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(diff.contains(&format!("--- a/{path}")), "{diff}");
    assert!(
        diff.contains("-귀하께서 문의하신") && diff.contains("+고객님께서 문의하신"),
        "{diff}"
    );
    assert!(diff.contains("이 점 참고해 주십시오."), "{diff}");
    assert_eq!(fs::read_to_string(&path).unwrap(), before, "--diff changes nothing");

    let out = replylint().args(["check", "--fix", &path]).assert().code(0);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("fixed 2 finding(s) in 1 file(s)"), "{stderr}");
    let after = fs::read_to_string(&path).unwrap();
    assert!(
        after.starts_with("안녕하세요.\n팀라인 고객센터입니다.\n\n고객님께서 문의하신"),
        "{after}"
    );
    assert!(after.ends_with("이 점 참고해 주십시오.\n\n감사합니다.\n"), "{after}");
    // Only the two phrases changed.
    assert_eq!(
        after
            .replace("고객님께서 문의하신", "귀하께서 문의하신")
            .replace("참고해 주십시오", "양지하시기 바랍니다"),
        before
    );
    // What is left is reported as usual, without the fixed findings.
    let report = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        report.contains("no-robotic-formality") && !report.contains("\"귀하께서\""),
        "{report}"
    );

    // A second run has nothing left to do.
    let out = replylint().args(["check", "--fix", &path]).assert().code(0);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("fixed 0 finding(s) in 0 file(s)"), "{stderr}");
    assert_eq!(fs::read_to_string(&path).unwrap(), after);
    replylint().args(["check", "--diff", &path]).assert().code(0).stdout("");
}

/// Walks two JSON documents side by side: the same shape, and the strings that differ are reply bodies.
fn changed_strings(before: &Value, after: &Value, key: &str, changed: &mut Vec<(String, String)>) {
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
            for (k, v) in a {
                changed_strings(v, &b[k], k, changed);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(b) {
                changed_strings(x, y, key, changed);
            }
        }
        (Value::String(a), Value::String(b)) if a != b => {
            assert!(
                ["value", "content_html", "content"].contains(&key),
                "only reply bodies change, not `{key}`"
            );
            changed.push((a.clone(), b.clone()));
        }
        _ => assert_eq!(before, after),
    }
}

#[test]
fn fix_patches_export_strings_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_into(dir.path(), "examples/macros/zendesk-macros.json");
    let before = fs::read_to_string(&path).unwrap();

    // The export blames the customer somewhere, an error no rewrite fixes by itself: exit 1.
    fix_in_place(&path, 1);
    let after = fs::read_to_string(&path).unwrap();
    assert_ne!(after, before);
    // Still JSON, the same macros, and only reply bodies changed.
    let (old, new): (Value, Value) = (
        serde_json::from_str(&before).unwrap(),
        serde_json::from_str(&after).unwrap(),
    );
    let mut changed = Vec::new();
    changed_strings(&old, &new, "", &mut changed);
    assert!(changed.len() >= 4, "{changed:?}");
    assert!(changed
        .iter()
        .any(|(a, b)| a.contains("귀하의 양해") && b.contains("고객님의 양해")));
    assert!(changed
        .iter()
        .any(|(a, b)| a.contains("this is clearly mentioned") && b.contains("this is mentioned")));
    // Byte for byte, every line outside the patched strings is as it was: the file is not re-serialised.
    let (old_lines, new_lines): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    assert_eq!(old_lines.len(), new_lines.len());
    for (a, b) in old_lines.iter().zip(&new_lines) {
        if a != b {
            let indent = |l: &str| l.len() - l.trim_start().len();
            assert_eq!(indent(a), indent(b));
            assert!(
                a.trim_start().starts_with('"') || a.trim_start().starts_with("\"value\""),
                "{a}"
            );
        }
    }

    // Twice changes nothing the second time.
    fix_in_place(&path, 1);
    assert_eq!(fs::read_to_string(&path).unwrap(), after);
}

#[test]
fn html_bodies_are_fixed_inside_the_markup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("macros.json");
    let export = r#"{"macros": [{"id": 7, "title": "Late export", "active": true, "actions": [
  {"field": "comment_value_html", "value": "<p>Hi {{ticket.requester.first_name}},</p><p>We regret to inform you that your export is late &amp; incomplete. Please find attached the log.</p><p>We <b>regret</b> to inform you that this <em>can</em> happen.</p>"}
]}]}
"#;
    fs::write(&path, export).unwrap();
    let path = path.to_str().unwrap();
    fix_in_place(path, 0);
    let after = fs::read_to_string(path).unwrap();
    let value = serde_json::from_str::<Value>(&after).unwrap()["macros"][0]["actions"][0]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        value.starts_with(
            "<p>Hi {{ticket.requester.first_name}},</p><p>I'm sorry to say that your export is late &amp; incomplete. I've attached the log.</p>"
        ),
        "{value}"
    );
    // Words split by markup are left for a person: replacing them would drop the tags.
    assert!(
        value.ends_with("<p>We <b>regret</b> to inform you that this <em>can</em> happen.</p>"),
        "{value}"
    );
    // Outside the reply's string, the file is as it was.
    let old_value = serde_json::from_str::<Value>(export).unwrap()["macros"][0]["actions"][0]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(after.replace(&value, &old_value), export);
}

#[test]
fn standard_input_gets_the_fixed_text_back() {
    replylint()
        .args(["check", "--fix", "-"])
        .write_stdin(
            "Hi Dana,\n\nWe regret to inform you that the export is late!?! In lieu of a refund we added credit.\n",
        )
        .assert()
        .code(0)
        .stdout("Hi Dana,\n\nI'm sorry to say that the export is late? Instead of a refund we added credit.\n");
}

#[test]
fn slots_and_unmarked_rewrites_are_never_applied() {
    // "Sorry for the inconvenience" has a rewrite with {slots}; "Dear valued customer" too.
    let draft = "Dear valued customer,\n\nSorry for the inconvenience. We are looking into it.\n";
    replylint()
        .args(["check", "--diff", "-"])
        .write_stdin(draft)
        .assert()
        .code(0)
        .stdout("");
    replylint()
        .args(["check", "--fix", "-"])
        .write_stdin(draft)
        .assert()
        .code(0)
        .stdout(draft);
}

#[test]
fn the_json_contract_says_which_findings_are_fixable() {
    let out = replylint()
        .args(["check", "--format", "json", "-"])
        .write_stdin("Hi Dana,\n\nWe regret to inform you that the export is late. Sorry for the inconvenience.\n")
        .assert()
        .code(0);
    let json: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let findings = json["results"][0]["findings"].as_array().unwrap();
    let fixable = |excerpt: &str| {
        findings
            .iter()
            .find(|f| f["excerpt"].as_str().unwrap().starts_with(excerpt))
            .map(|f| f["fixable"].clone())
    };
    assert_eq!(fixable("We regret to inform you that"), Some(Value::Bool(true)));
    assert_eq!(fixable("Sorry for the inconvenience"), Some(Value::Bool(false)));
}

#[test]
fn baseline_refuses_fix() {
    replylint()
        .args(["baseline", "--fix", "examples/drafts/outage-bad.en.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--fix and --diff belong to `replylint check`",
        ));
}
