//! `replylint serve` on an ephemeral loopback port: status codes, the JSON contract (the same answers as
//! the command line), bad input, the body limit, and concurrent requests.

mod common;

use common::server::{cli_json, example_drafts_with_check_json, HttpResponse, Server};
use serde_json::Value;

/// What a command prints as JSON; it must end with exit code 0 (the drafts here hold nothing at `error`).
fn body_json(response: &HttpResponse) -> Value {
    serde_json::from_str(&response.body).unwrap_or_else(|e| panic!("{e}: {}", response.body))
}

fn check_body(text: &str) -> String {
    serde_json::json!({ "text": text }).to_string()
}

#[test]
fn check_answers_in_the_check_contract() {
    let server = Server::start(&[]);
    let draft = std::fs::read_to_string("examples/drafts/outage-bad.ko.txt").unwrap();
    let response = server.post("/v1/check", &check_body(&draft));
    assert_eq!(response.status, 200);
    assert!(response.content_type.starts_with("application/json"));
    assert_eq!(
        body_json(&response),
        cli_json(&["check", "--format", "json", "--no-config", "-"], &draft)
    );

    // lang, scenario, select and ignore mean what the command line's options mean.
    let body = serde_json::json!({
        "text": "Sorry for the inconvenience. We're looking into it.",
        "lang": "en", "scenario": "problem", "select": ["apology"], "ignore": ["state-eta"]
    });
    let answer = body_json(&server.post("/v1/check", &body.to_string()));
    let expected = cli_json(
        &[
            "check",
            "--format",
            "json",
            "--no-config",
            "--lang",
            "en",
            "--scenario",
            "problem",
            "--select",
            "apology",
            "--ignore",
            "state-eta",
            "-",
        ],
        "Sorry for the inconvenience. We're looking into it.",
    );
    assert_eq!(answer, expected);
    let rules = common::first_result_rules(&answer);
    assert!(
        rules.contains(&"no-template-opener") && !rules.contains(&"state-eta"),
        "{rules:?}"
    );
}

#[test]
fn grade_rules_and_health() {
    let server = Server::start(&[]);
    let draft = std::fs::read_to_string("examples/drafts/refusal-bad.en.txt").unwrap();
    let graded = body_json(&server.post("/v1/grade", &check_body(&draft)));
    let checked = cli_json(&["check", "--format", "json", "--no-config", "-"], &draft);
    assert_eq!(graded["version"], 1);
    assert_eq!(graded["score"], checked["results"][0]["score"]);
    assert_eq!(graded["grade"], checked["results"][0]["grade"]);
    assert_eq!(graded["criteria"], checked["results"][0]["criteria"]);
    assert_eq!(graded["findings"], checked["results"][0]["findings"]);
    assert!(graded["deductions"].as_array().is_some_and(|d| !d.is_empty()));

    let rules = server.get("/v1/rules");
    assert_eq!(rules.status, 200);
    assert_eq!(body_json(&rules), cli_json(&["rules", "--format", "json"], ""));
    let rule = server.get("/v1/rules/state-eta");
    assert_eq!(
        body_json(&rule),
        cli_json(&["explain", "state-eta", "--format", "json"], "")
    );
    let missing = server.get("/v1/rules/state-et");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("did you mean 'state-eta'"), "{}", missing.body);

    let health = body_json(&server.get("/healthz"));
    assert_eq!(health["status"], "ok");
    assert_eq!(health["rules"], common::builtin_rule_files().len());

    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    assert!(page.body.contains("<textarea id=\"draft\""));
    // One self-contained page: nothing fetched from elsewhere.
    assert!(!page.body.contains("http://") && !page.body.contains("https://") && !page.body.contains("src=\""));
}

#[test]
fn bad_requests_say_what_is_wrong() {
    let server = Server::start(&["--max-body", "2000"]);
    let cases: [(&[u8], u16, &str); 10] = [
        (b"{\"text\": ", 400, "EOF while parsing"),
        (b"not json", 400, "expected"),
        (b"{}", 400, "missing field `text`"),
        (b"{\"text\": \"hi\", \"colour\": 1}", 400, "unknown field `colour`"),
        (b"{\"text\": 3}", 400, "invalid type: integer `3`"),
        (b"{\"text\": \"hi \xff\"}", 400, "not UTF-8"),
        (b"{\"text\": \"   \"}", 400, "empty"),
        (b"{\"text\": \"hi\", \"lang\": \"fr\"}", 400, "unknown lang `fr`"),
        (b"{\"text\": \"hi\", \"scenario\": \"weather\"}", 400, "weather"),
        (
            b"{\"text\": \"hi\", \"select\": [\"no-such-rule\"]}",
            400,
            "no-such-rule",
        ),
    ];
    for (body, status, says) in cases {
        for path in ["/v1/check", "/v1/grade"] {
            let response = server.post_bytes(path, body);
            assert_eq!(
                response.status,
                status,
                "{path} {}: {}",
                String::from_utf8_lossy(body),
                response.body
            );
            let error = body_json(&response)["error"].as_str().unwrap().to_string();
            assert!(error.contains(says), "{}: {error}", String::from_utf8_lossy(body));
        }
    }
    let big = check_body(&"a".repeat(3000));
    let response = server.post("/v1/check", &big);
    assert_eq!(response.status, 413);
    assert!(body_json(&response)["error"]
        .as_str()
        .unwrap()
        .contains("2000-byte limit"));
    assert_eq!(server.get("/v1/nothing").status, 404);
    assert_eq!(server.get("/v1/check").status, 405);
    // Still serving after all of that.
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn concurrent_requests_get_the_answers_check_gives() {
    let server = Server::start(&[]);
    let (drafts, expected): (Vec<String>, Vec<Value>) = example_drafts_with_check_json().into_iter().unzip();
    std::thread::scope(|scope| {
        for worker in 0..8 {
            let (server, drafts, expected) = (&server, &drafts, &expected);
            scope.spawn(move || {
                for round in 0..6 {
                    let i = (worker * 7 + round) % drafts.len();
                    let response = server.post("/v1/check", &check_body(&drafts[i]));
                    assert_eq!(response.status, 200);
                    assert_eq!(body_json(&response), expected[i], "draft {i}");
                }
            });
        }
    });
}
