//! The command line as a user meets it: exit codes, stdin, folders, colour, errors.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

fn replylint() -> Command {
    let mut cmd = Command::cargo_bin("replylint").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    cmd
}

const BAD_EN: &str = "examples/drafts/outage-bad.en.txt";
const BAD_KO: &str = "examples/drafts/outage-bad.ko.txt";
const GOOD_EN: &str = "examples/drafts/outage-good.en.txt";
const GOOD_KO: &str = "examples/drafts/outage-good.ko.txt";

#[test]
fn bad_outage_replies_fail_on_warning_with_the_four_rules() {
    for path in [BAD_EN, BAD_KO] {
        let out = replylint()
            .args(["check", "--fail-on", "warning", path])
            .assert()
            .code(1);
        let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        for rule in [
            "no-template-opener",
            "state-eta",
            "offer-workaround",
            "acknowledge-impact",
        ] {
            assert!(
                stdout.contains(&format!(" warning {rule} ")),
                "{path} lacks {rule}:\n{stdout}"
            );
        }
        assert!(stdout.contains(&format!("{path}:")), "findings name the path as given");
        assert!(stdout.contains("suggestion:"));
    }
}

#[test]
fn good_outage_replies_are_clean_of_the_four_rules() {
    for path in [GOOD_EN, GOOD_KO] {
        let out = replylint()
            .args(["check", "--fail-on", "warning", "--format", "json", path])
            .assert()
            .code(0);
        let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        let rules = common::first_result_rules(&json);
        for rule in [
            "no-template-opener",
            "state-eta",
            "offer-workaround",
            "acknowledge-impact",
        ] {
            assert!(!rules.contains(&rule), "{path} fired {rule}");
        }
    }
}

#[test]
fn default_fail_on_is_error_so_warnings_exit_zero() {
    replylint().args(["check", BAD_EN]).assert().code(0);
    replylint()
        .args(["check", "--fail-on", "never", BAD_EN])
        .assert()
        .code(0);
    replylint()
        .args(["check", "--fail-on", "suggestion", BAD_EN])
        .assert()
        .code(1);
}

#[test]
fn stdin_with_dash_and_with_no_path() {
    let draft = "Sorry for the inconvenience. We're looking into the outage.";
    for args in [vec!["check", "-"], vec!["check"]] {
        replylint()
            .args(&args)
            .args(["--fail-on", "warning"])
            .write_stdin(draft)
            .assert()
            .code(1)
            .stdout(predicate::str::contains("-:1:1 warning no-template-opener"));
    }
}

#[test]
fn empty_stdin_is_an_input_error() {
    replylint()
        .args(["check", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("replylint: error: -: the draft is empty"));
}

#[test]
fn folders_are_walked_recursively_in_order_and_sources_keep_the_given_prefix() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("b.txt"), "The export error is fixed within 2 hours.").unwrap();
    fs::write(
        dir.path().join("sub/a.md"),
        "Sorry for the inconvenience, the outage is over.",
    )
    .unwrap();
    // A folder of macros: JSON exports found in a folder are checked too.
    fs::write(
        dir.path().join("sub/macros.json"),
        r#"{"macros": [{"id": 1, "title": "T", "actions": [{"field": "comment_value", "value": "Your refund went out today."}]}]}"#,
    )
    .unwrap();
    // JSON that is not an export is an error, unless `.replylintignore` says it is not a reply.
    fs::write(dir.path().join("package.json"), "{}").unwrap();
    replylint()
        .current_dir(dir.path())
        .args(["check", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("./package.json: JSON that is neither"));
    fs::write(dir.path().join(".replylintignore"), "package.json\n").unwrap();
    let out = replylint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "."])
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let sources: Vec<&str> = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, vec!["./b.txt", "./sub/a.md", "./sub/macros.json"]);
    assert_eq!(json["results"][2]["macro"]["id"], "1");
    assert_eq!(json["summary"]["sources"], 3);
}

#[test]
fn json_contract_fields() {
    let out = replylint().args(["check", "--format", "json", BAD_KO]).assert().code(0);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["version"], 1);
    let result = &json["results"][0];
    assert_eq!(result["source"], BAD_KO);
    assert_eq!(result["lang"], "ko");
    assert!(result["scenarios"].as_array().unwrap().iter().any(|s| s == "problem"));
    assert!(result["score"].as_u64().unwrap() <= 100);
    assert!(["A", "B", "C", "D", "F"].contains(&result["grade"].as_str().unwrap()));
    assert_eq!(result["criteria"][0]["id"], "apology");
    let finding = &result["findings"][0];
    for key in [
        "rule",
        "pack",
        "severity",
        "criterion",
        "message",
        "start",
        "end",
        "line",
        "column",
        "excerpt",
        "suggestion",
        "action",
    ] {
        assert!(finding.get(key).is_some(), "finding lacks {key}");
    }
    let text = fs::read_to_string(BAD_KO).unwrap();
    let (start, end) = (
        finding["start"].as_u64().unwrap() as usize,
        finding["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], finding["excerpt"].as_str().unwrap());
    let summary = &json["summary"];
    assert_eq!(summary["sources"], 1);
    assert_eq!(
        summary["findings"].as_u64().unwrap() as usize,
        result["findings"].as_array().unwrap().len()
    );
}

#[test]
fn colour_follows_no_color_and_the_flag() {
    let plain = replylint()
        .env("NO_COLOR", "1")
        .args(["check", "--color", "auto", BAD_EN])
        .assert()
        .code(0);
    assert!(!String::from_utf8_lossy(&plain.get_output().stdout).contains('\u{1b}'));
    // Not a terminal: no colour either.
    let piped = replylint().args(["check", BAD_EN]).assert().code(0);
    assert!(!String::from_utf8_lossy(&piped.get_output().stdout).contains('\u{1b}'));
    let forced = replylint()
        .args(["check", "--color", "always", BAD_EN])
        .assert()
        .code(0);
    assert!(String::from_utf8_lossy(&forced.get_output().stdout).contains('\u{1b}'));
}

#[test]
fn invalid_utf8_is_a_per_file_error_and_other_files_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bad.txt"), b"Hello\n\xff\xfe broken").unwrap();
    fs::write(dir.path().join("good.txt"), "The outage is fixed within 2 hours.").unwrap();
    let out = replylint()
        .current_dir(dir.path())
        .args(["check", "bad.txt", "good.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "replylint: error: bad.txt: invalid UTF-8 at line 2 (byte 6)",
        ));
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("good.txt: score"));
}

#[test]
fn missing_paths_and_empty_files_are_input_errors() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    replylint()
        .current_dir(dir.path())
        .args(["check", "empty.txt", "nope.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty.txt: the draft is empty"))
        .stderr(predicate::str::contains("nope.txt: no such file or folder"));
}

#[test]
fn a_malformed_pack_exits_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("team.toml");
    fs::write(
        &pack,
        "[pack]\nname = \"team\"\n[[rule]]\nid = \"x\"\ntitle = \"T\"\nkind = \"forbid\"\nseverity = \"loud\"\n",
    )
    .unwrap();
    let out = replylint()
        .args(["check", "--pack"])
        .arg(&pack)
        .arg(BAD_EN)
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("team.toml:7:12: rule 'x': unknown variant `loud`"),
        "{stderr}"
    );
}

#[test]
fn a_custom_pack_adds_its_rules() {
    replylint()
        .args([
            "check",
            "--pack",
            "examples/packs/acme.toml",
            "--select",
            "acme",
            "--fail-on",
            "warning",
            "-",
        ])
        .write_stdin("Hi Sam,\nThe outage is tracked as INC-20231. Thanks for waiting.")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("acme-no-internal-codes"));
}

#[test]
fn select_ignore_and_scenario_flags() {
    let out = replylint()
        .args(["check", "--format", "json", "--select", "state-eta", BAD_EN])
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(common::first_result_rules(&json)
        .iter()
        .all(|&rule| rule == "state-eta"));
    replylint()
        .args(["check", "--ignore", "nonexistent-rule", BAD_EN])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule or pack 'nonexistent-rule'"));
    replylint()
        .args(["check", "--scenario", "outage", BAD_EN])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown scenario 'outage'"));
    // Forcing a scenario makes its rules run where no cue is present.
    replylint()
        .args([
            "check",
            "--scenario",
            "problem",
            "--kind",
            "full",
            "--select",
            "offer-workaround",
            "--fail-on",
            "warning",
            "-",
        ])
        .write_stdin("Thanks for your note about the dashboard colours.")
        .assert()
        .code(1);
}

#[test]
fn lang_flag_forces_the_language() {
    let out = replylint()
        .args(["check", "--format", "json", "--lang", "en", BAD_KO])
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["results"][0]["lang"], "en");
}

#[test]
fn rules_lists_the_catalog_and_explain_shows_each_rule() {
    let out = replylint().args(["rules", "--format", "json"]).assert().success();
    let listed: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let listed = listed.as_array().expect("an array of rules");
    // The catalog is the rule files themselves: every one is listed, with the criterion it declares.
    let files = common::builtin_rule_files();
    assert!(files.len() >= 20, "only {} rule files found", files.len());
    assert_eq!(listed.len(), files.len());
    for file in &files {
        let id = file.id.as_str();
        let rule = listed
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id} not listed"));
        assert_eq!(rule["criterion"], file.criterion.as_str(), "{id}");
        assert_eq!(rule["pack"], file.pack.as_str(), "{id}");
        let korean_only = !file.has_english;
        let explained = replylint().args(["explain", id]).assert().success();
        let text = String::from_utf8(explained.get_output().stdout.clone()).unwrap();
        for part in ["Fires on:", "Passes:", "Korean (ko)", "Why:"] {
            assert!(text.contains(part), "explain {id} lacks {part}");
        }
        assert_eq!(text.contains("English (en)"), !korean_only, "explain {id}");
    }
    replylint()
        .args(["explain", "state-eat"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown rule 'state-eat'; did you mean 'state-eta'?",
        ));
}

/// The README's rule table is the one `rules --format markdown` prints: adding or changing a rule file
/// without regenerating it fails here.
#[test]
fn the_readme_rule_table_is_generated_from_the_rule_files() {
    let out = replylint().args(["rules", "--format", "markdown"]).assert().success();
    let table = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(table.lines().count(), common::builtin_rule_files().len() + 2);
    let readme = fs::read_to_string("README.md").unwrap();
    let start = readme
        .find("<!-- rules:begin -->\n")
        .expect("README marks the rule table")
        + "<!-- rules:begin -->\n".len();
    let end = readme
        .find("<!-- rules:end -->")
        .expect("README marks the end of the rule table");
    assert_eq!(
        &readme[start..end],
        table,
        "README.md's rule table is stale: replace it with `replylint rules --format markdown`"
    );
}

#[test]
fn a_custom_rubric_changes_the_grade() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = dir.path().join("lenient.toml");
    let text = fs::read_to_string("rules/rubric.toml")
        .unwrap()
        .replace("warning = 35", "warning = 0")
        .replace("suggestion = 10", "suggestion = 0");
    fs::write(&rubric, text).unwrap();
    let out = replylint()
        .args(["check", "--format", "json", "--select", "apology", "--rubric"])
        .arg(&rubric)
        .arg(BAD_EN)
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["results"][0]["score"], 100);
    fs::write(&rubric, "[rubric]\nname = \"x\"\n").unwrap();
    replylint()
        .args(["check", "--rubric"])
        .arg(&rubric)
        .arg(BAD_EN)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("lenient.toml:1:1: missing field `penalties`"));
}

#[test]
fn usage_errors_exit_2_and_help_lists_the_commands() {
    replylint().args(["check", "--format", "xml"]).assert().code(2);
    replylint().arg("frobnicate").assert().code(2);
    replylint()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("check"))
        .stdout(predicate::str::contains("explain"));
}

#[test]
fn github_format_annotates_each_finding_and_output_files_are_written_whole() {
    let out = replylint()
        .args(["check", "--format", "github", BAD_EN, "-"])
        .write_stdin("Hi Dana,\nSorry for the inconvenience, 100% sure it's fixed.\n")
        .assert()
        .code(0);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.lines().any(|l| l.starts_with(&format!(
            "::warning file={BAD_EN},line=3,col=1,endLine=3,endColumn=28,title=replylint no-template-opener::Stock opener"
        ))),
        "{text}"
    );
    // Suggestions are notices; standard input has no file to point at; line breaks are escaped.
    assert!(text.lines().any(|l| l.starts_with("::notice file=")), "{text}");
    assert!(text.lines().any(|l| l.starts_with("::warning line=2,col=1,")), "{text}");
    assert!(text.contains("%0ASuggestion: "), "{text}");

    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("findings.json");
    replylint()
        .args(["check", "--format", "json", "-o"])
        .arg(&report)
        .arg(BAD_EN)
        .assert()
        .code(0)
        .stdout("");
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(json["results"][0]["source"], BAD_EN);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn suppression_comments_silence_rules_and_stale_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("macro.md");
    fs::write(
        &draft,
        "Hi Dana,\n\n<!-- replylint-disable-next-line no-jargon -->\nWe rolled back the deploy.\nThe hotfix is live.\n\
         <!-- replylint-disable no-shouting, no-minimizing -->\nIt was simply a small glitch.\n<!-- replylint-enable -->\n\
         Anything else I can help with?\n\nBest,\nSam\n",
    )
    .unwrap();
    let out = replylint()
        .args(["check", "--format", "json"])
        .arg(&draft)
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let findings: Vec<(String, u64)> = json["results"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().to_string(), f["line"].as_u64().unwrap()))
        .collect();
    // Line 4's jargon is silenced, line 5's is not; the block silences minimizing on line 7.
    assert!(!findings.contains(&("no-jargon".to_string(), 4)), "{findings:?}");
    assert!(findings.contains(&("no-jargon".to_string(), 5)), "{findings:?}");
    assert!(
        !findings.iter().any(|(r, l)| r == "no-minimizing" && *l == 7),
        "{findings:?}"
    );
    // The block also names no-shouting, which had nothing to silence: still used (no-minimizing was).
    assert!(!findings.iter().any(|(r, _)| r == "unused-suppression"), "{findings:?}");

    fs::write(
        &draft,
        "Hi Dana,\n<!-- replylint-disable-next-line no-jargon -->\nYour refund went out today.\n",
    )
    .unwrap();
    replylint()
        .arg("check")
        .arg(&draft)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "2:1 suggestion unused-suppression <!-- replylint-disable-next-line no-jargon --> silences nothing",
        ));
}

#[test]
fn each_liquid_branch_is_linted_as_the_customer_would_read_it() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("macro.txt");
    let text = "Hi {{ticket.requester.first_name}},\n\n{% if ticket.priority == 'urgent' %}We found the cause and a fix ships by 5pm today.{% else %}Sorry for the inconvenience.{% endif %} Anything else I can help with?\n";
    fs::write(&draft, text).unwrap();
    let out = replylint()
        .args(["check", "--format", "json"])
        .arg(&draft)
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let opener: Vec<&serde_json::Value> = json["results"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "no-template-opener")
        .collect();
    // Found in the else branch, at its place in the file; the tags are not read as text.
    assert_eq!(opener.len(), 1, "{json}");
    assert_eq!(opener[0]["excerpt"], "Sorry for the inconvenience");
    assert_eq!(
        opener[0]["start"].as_u64().unwrap() as usize,
        text.find("Sorry").unwrap()
    );
}
