//! The JSON contract of `check --format json` (version 1), field by field: every key of the document, of
//! each result (with and without `macro`), of each finding, of each `errors[]` entry and of the summary,
//! with its type; a field renamed, dropped or retyped fails here.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;

const DRAFT: &str = "examples/drafts/outage-bad.en.txt";
const EXPORT: &str = "examples/macros/zendesk-macros.json";

fn keys(value: &Value) -> BTreeSet<&str> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn set<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
    names.iter().copied().collect()
}

fn string(value: &Value, what: &str) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {value}"))
        .to_string()
}

fn count(value: &Value, what: &str) -> u64 {
    value
        .as_u64()
        .unwrap_or_else(|| panic!("{what} is not a whole number: {value}"))
}

fn check_result(result: &Value, text_of: impl Fn(&str) -> Option<String>) {
    let expected = if result.get("macro").is_some() {
        set(&[
            "source",
            "macro",
            "lang",
            "scenarios",
            "reply_kind",
            "score",
            "grade",
            "criteria",
            "findings",
        ])
    } else {
        set(&[
            "source",
            "lang",
            "scenarios",
            "reply_kind",
            "score",
            "grade",
            "criteria",
            "findings",
        ])
    };
    assert_eq!(keys(result), expected, "{result}");
    let kind = &result["reply_kind"];
    assert_eq!(keys(kind), set(&["kind", "why", "by"]), "{kind}");
    assert!(["full", "fragment", "faq", "auto-reply", "notice"]
        .contains(&string(&kind["kind"], "reply_kind.kind").as_str()));
    assert!(["detected", "option", "export", "config"].contains(&string(&kind["by"], "reply_kind.by").as_str()));
    let why = kind["why"].as_array().expect("reply_kind.why is a list");
    assert!(!why.is_empty(), "a kind always says why: {kind}");
    for cue in why {
        assert!(!string(cue, "reply_kind.why[]").trim().is_empty());
    }
    let source = string(&result["source"], "source");
    if let Some(m) = result.get("macro") {
        assert_eq!(keys(m), set(&["kind", "id", "title", "line"]), "{m}");
        assert!(["zendesk", "freshdesk", "row"].contains(&string(&m["kind"], "macro.kind").as_str()));
        string(&m["id"], "macro.id");
        string(&m["title"], "macro.title");
        assert!(count(&m["line"], "macro.line") >= 1);
    }
    assert!(["ko", "en", "ko+en", "en+ko"].contains(&string(&result["lang"], "lang").as_str()));
    for scenario in result["scenarios"].as_array().expect("scenarios is a list") {
        string(scenario, "a scenario");
    }
    assert!(count(&result["score"], "score") <= 100);
    assert!(["A", "B", "C", "D", "F"].contains(&string(&result["grade"], "grade").as_str()));
    let criteria = result["criteria"].as_array().expect("criteria is a list");
    assert_eq!(criteria.len(), 5);
    for criterion in criteria {
        assert_eq!(keys(criterion), set(&["id", "score", "weight"]), "{criterion}");
        string(&criterion["id"], "criteria[].id");
        assert!(criterion["score"].is_null() || count(&criterion["score"], "criteria[].score") <= 100);
        assert!(criterion["weight"].is_number(), "{criterion}");
    }
    let text = text_of(&source);
    for finding in result["findings"].as_array().expect("findings is a list") {
        assert_eq!(
            keys(finding),
            set(&[
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
                "fixable"
            ]),
            "{finding}"
        );
        for key in ["rule", "pack", "criterion", "message", "excerpt"] {
            string(&finding[key], key);
        }
        assert!(["error", "warning", "suggestion"].contains(&string(&finding["severity"], "severity").as_str()));
        assert!(["replace", "insert", "advise"].contains(&string(&finding["action"], "action").as_str()));
        assert!(
            finding["suggestion"].is_null() || finding["suggestion"].is_string(),
            "{finding}"
        );
        assert!(finding["fixable"].is_boolean(), "{finding}");
        let (start, end) = (count(&finding["start"], "start"), count(&finding["end"], "end"));
        assert!(start <= end);
        assert!(count(&finding["line"], "line") >= 1 && count(&finding["column"], "column") >= 1);
        if let Some(text) = &text {
            assert_eq!(
                &text[start as usize..end as usize],
                string(&finding["excerpt"], "excerpt")
            );
        }
    }
}

#[test]
fn every_field_of_the_json_contract_has_its_name_and_type() {
    let out = Command::cargo_bin("replylint")
        .unwrap()
        .args(["check", "--no-config", "--format", "json", DRAFT, EXPORT, "missing.txt"])
        .assert()
        .code(2);
    let document: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(keys(&document), set(&["version", "results", "errors", "summary"]));
    assert_eq!(document["version"], 1);

    let results = document["results"].as_array().expect("results is a list");
    assert!(results.len() > 2);
    let draft_text = std::fs::read_to_string(DRAFT).unwrap();
    for result in results {
        check_result(result, |source| (source == DRAFT).then(|| draft_text.clone()));
    }
    assert_eq!(results[0]["source"], DRAFT);
    assert!(results[0].get("macro").is_none());
    assert!(results[1..]
        .iter()
        .all(|r| r["source"] == EXPORT && r["macro"]["kind"] == "zendesk"));
    let actions: BTreeSet<String> = results
        .iter()
        .flat_map(|r| r["findings"].as_array().unwrap())
        .map(|f| string(&f["action"], "action"))
        .collect();
    assert!(actions.contains("replace") && actions.contains("insert"), "{actions:?}");

    let errors = document["errors"].as_array().expect("errors is a list");
    assert_eq!(errors.len(), 1);
    assert_eq!(keys(&errors[0]), set(&["source", "message"]));
    assert_eq!(errors[0]["source"], "missing.txt");
    assert_eq!(errors[0]["message"], "no such file or folder");

    let summary = &document["summary"];
    assert_eq!(
        keys(summary),
        set(&["sources", "findings", "error", "warning", "suggestion", "errors"])
    );
    let findings: Vec<&Value> = results.iter().flat_map(|r| r["findings"].as_array().unwrap()).collect();
    let of = |severity: &str| findings.iter().filter(|f| f["severity"] == severity).count() as u64;
    assert_eq!(count(&summary["sources"], "summary.sources"), results.len() as u64);
    assert_eq!(count(&summary["findings"], "summary.findings"), findings.len() as u64);
    for severity in ["error", "warning", "suggestion"] {
        assert_eq!(count(&summary[severity], severity), of(severity), "summary.{severity}");
    }
    assert_eq!(count(&summary["errors"], "summary.errors"), 1);
}
