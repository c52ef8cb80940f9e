//! Reply kinds end to end: each kind detected with its cues in both languages, the kind forced from the
//! command line, the config, an export's field and a batch's column, the kind and why in every output
//! format, and rules running only on the kinds they name. Then the document structure rules see: subject
//! lines, signature blocks, template notes, bullet lists and quoted customer text.

use assert_cmd::Command;
use serde_json::Value;

fn replylint() -> Command {
    let mut cmd = Command::cargo_bin("replylint").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

/// `check --format json` on a draft from standard input: the first result.
fn check(text: &str, args: &[&str]) -> Value {
    let out = replylint()
        .args(["check", "--format", "json", "--no-config"])
        .args(args)
        .arg("-")
        .write_stdin(text)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out:?}"));
    doc["results"][0].clone()
}

fn kind_of(result: &Value) -> (String, Vec<String>, String) {
    let k = &result["reply_kind"];
    (
        k["kind"].as_str().unwrap().to_string(),
        k["why"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap().to_string())
            .collect(),
        k["by"].as_str().unwrap().to_string(),
    )
}

fn rules(result: &Value) -> Vec<String> {
    result["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn each_kind_is_detected_with_its_cues_in_both_languages() {
    let cases: [(&str, &str, &str); 10] = [
        (
            "Hi Marta,\nYour parcel left our warehouse this morning.\n\nBest,\nOwen",
            "full",
            "greeting \"Hi Marta,\"",
        ),
        (
            "안녕하세요, 정하윤 고객님.\n주문하신 상품이 오늘 출고되었습니다.\n\n고객지원팀 드림",
            "full",
            "greeting \"안녕하세요, 정하윤 고객님.\"",
        ),
        (
            "Your parcel left our warehouse this morning.",
            "fragment",
            "no greeting, no sign-off, 1 body sentence",
        ),
        (
            "주문하신 상품이 오늘 출고되었습니다. 송장 번호는 문자로 보내 드렸습니다.",
            "fragment",
            "no greeting, no sign-off, 2 body sentences",
        ),
        (
            "Can I change my delivery address?\n\nYes: open Orders, pick the order and choose Edit address before it ships.",
            "faq",
            "question as its title: \"Can I change my delivery address?\"",
        ),
        (
            "Q: 배송지는 어떻게 바꾸나요?\nA: 주문 내역에서 주문을 고른 뒤 배송지 변경을 누르세요.",
            "faq",
            "question as its title: \"배송지는 어떻게 바꾸나요?\"",
        ),
        (
            "Thanks for writing in! We have received your message. Your case number is 88213.",
            "auto-reply",
            "acknowledges receipt: \"We have received your message\"",
        ),
        (
            "본 메일은 자동 발송 메일입니다. 문의가 정상적으로 접수되었습니다.",
            "auto-reply",
            "says it is automatic: \"자동 발송\"",
        ),
        (
            "Dear users,\nThe app will be read-only on Saturday from 1 to 3 am while we move servers.",
            "notice",
            "addresses many: \"Dear users\"",
        ),
        (
            "회원 여러분, 토요일 오전 1시부터 3시까지 서버 이전으로 앱을 읽기 전용으로 운영합니다.",
            "notice",
            "addresses many: \"회원 여러분\"",
        ),
    ];
    for (text, kind, first_cue) in cases {
        let (got, why, by) = kind_of(&check(text, &[]));
        assert_eq!(got, kind, "{text}: {why:?}");
        assert_eq!(why[0], first_cue, "{text}");
        assert_eq!(by, "detected");
    }
}

#[test]
fn whole_reply_rules_run_on_full_replies_only() {
    // A snippet: no greeting, no sign-off, two sentences. Not asked for a name, a closing or an ETA.
    let snippet = "Our payment page is down and the team is on it. Card payments fail for now.";
    let result = check(snippet, &[]);
    assert_eq!(kind_of(&result).0, "fragment");
    let fired = rules(&result);
    for whole_reply in [
        "use-customer-name",
        "close-with-offer",
        "state-eta",
        "offer-workaround",
        "show-urgency",
    ] {
        assert!(
            !fired.contains(&whole_reply.to_string()),
            "{whole_reply} on a snippet: {fired:?}"
        );
    }
    // The same words sent as a whole reply are held to them.
    let result = check(snippet, &["--kind", "full"]);
    let (kind, why, by) = kind_of(&result);
    assert_eq!((kind.as_str(), by.as_str()), ("full", "option"));
    assert_eq!(why, ["set by --kind"]);
    let fired = rules(&result);
    for whole_reply in ["use-customer-name", "close-with-offer", "state-eta"] {
        assert!(
            fired.contains(&whole_reply.to_string()),
            "{whole_reply} missing: {fired:?}"
        );
    }
    // Phrase rules run on every kind: a snippet that shouts is still told.
    let result = check("PLEASE READ THE MANUAL FIRST!!!", &[]);
    assert_eq!(kind_of(&result).0, "fragment");
    assert!(rules(&result).contains(&"no-shouting".to_string()));
    // A Korean snippet is not asked for a name either.
    let result = check("환불은 오늘 처리되었습니다.", &[]);
    assert!(!rules(&result).contains(&"use-customer-name".to_string()));
    assert!(
        rules(&check("환불은 오늘 처리되었습니다.", &["--kind", "full"])).contains(&"use-customer-name".to_string())
    );
}

#[test]
fn vague_timing_is_reported_on_every_kind_but_a_missing_eta_only_on_full_replies() {
    // A snippet need not state an ETA...
    let snippet = check("The payment page is down for some cards.", &[]);
    assert_eq!(kind_of(&snippet).0, "fragment");
    assert!(!rules(&snippet).contains(&"state-eta".to_string()), "{snippet}");
    // ...but its vague promise is still vague: one finding for the sentence, at the time phrase.
    let snippet = check(
        "The payment page is down. We'll get back to you as soon as possible.",
        &[],
    );
    assert_eq!(kind_of(&snippet).0, "fragment");
    let timing: Vec<&str> = snippet["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "state-eta")
        .map(|f| f["excerpt"].as_str().unwrap())
        .collect();
    assert_eq!(timing, ["as soon as possible"]);
    // Waiting on us for a refund asks for a time as an outage does.
    let full = check(
        "Hi Omar,\nYour refund will be processed in due course.\nThanks,\nSam",
        &[],
    );
    assert!(
        full["scenarios"].as_array().unwrap().iter().any(|s| s == "waiting"),
        "{full}"
    );
    assert!(rules(&full).contains(&"state-eta".to_string()), "{full}");
}

#[test]
fn a_reply_that_names_the_customer_outside_a_greeting_is_not_asked_for_the_name() {
    for text in [
        "Got it, Sarah. Billing questions get an answer within 4 working hours. Reply URGENT if you are locked out.",
        "Sorry, [their name], it looks like this reached us by mistake. We make scheduling software. The form you want is on your bank's site.",
        "Hi (customer's name),\nThanks for getting in touch. Your order is on its way.\n\nBest,\nSam",
        "Dear <name>:\nWe looked at your refund request. It has been approved.\n\nRegards,\nAna",
        "확인했습니다. 민지 님께서 요청하신 환불은 오늘 처리되었습니다. 카드사에 따라 3영업일 안에 반영됩니다.",
    ] {
        let result = check(text, &[]);
        assert_eq!(kind_of(&result).0, "full", "{text}");
        assert!(!rules(&result).contains(&"use-customer-name".to_string()), "{text}");
    }
    // A whole reply that names nobody is still asked to.
    let result = check(
        "Thanks for your message. The invoice is attached. It covers March and April.\n\nBest,\nSam",
        &[],
    );
    assert!(rules(&result).contains(&"use-customer-name".to_string()));
    assert!(rules(&check("Dear valued customer,\nYour invoice is attached.", &[]))
        .contains(&"use-customer-name".to_string()));
}

#[test]
fn the_kind_is_forced_by_config_export_field_and_batch_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("snippets")).unwrap();
    let long = "Thanks for your patience. The invoice is attached. It covers March and April.";
    std::fs::write(dir.path().join("snippets/invoice.txt"), long).unwrap();
    std::fs::write(dir.path().join("reply.txt"), long).unwrap();
    std::fs::write(
        dir.path().join("replylint.toml"),
        "[[override]]\npaths = [\"snippets/**\"]\nkind = \"fragment\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("macros.json"),
        r#"{"macros": [
  {"id": 1, "title": "Snippet::Invoice", "reply_kind": "fragment", "actions": [{"field": "comment_value", "value": "Thanks for your patience. The invoice is attached. It covers March and April."}]},
  {"id": 2, "title": "Invoice", "actions": [{"field": "comment_value", "value": "Thanks for your patience. The invoice is attached. It covers March and April."}]}
]}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("rows.csv"),
        "id,kind,text\na,faq,Thanks for your patience. The invoice is attached. It covers March and April.\nb,,Thanks for your patience. The invoice is attached. It covers March and April.\n",
    )
    .unwrap();
    let out = replylint()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "snippets/invoice.txt",
            "reply.txt",
            "macros.json",
            "rows.csv",
        ])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<(String, String)> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let (kind, _, by) = kind_of(r);
            (kind, by)
        })
        .collect();
    let expect = |k: &str, b: &str| (k.to_string(), b.to_string());
    assert_eq!(
        kinds,
        [
            expect("fragment", "config"),
            expect("full", "detected"),
            expect("fragment", "export"),
            expect("full", "detected"),
            expect("faq", "export"),
            expect("full", "detected"),
        ]
    );
    // --kind wins over all of them.
    let out = replylint()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--kind",
            "notice",
            "snippets/invoice.txt",
            "macros.json",
        ])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    for r in doc["results"].as_array().unwrap() {
        assert_eq!(kind_of(r).0, "notice");
    }
    // An unknown kind in an export is an error naming where it is; the other macros are checked.
    std::fs::write(
        dir.path().join("bad.json"),
        r#"[{"id": 7, "title": "X", "reply_kind": "snippet", "actions": [{"field": "comment_value", "value": "Hi."}]}]"#,
    )
    .unwrap();
    let out = replylint()
        .current_dir(dir.path())
        .args(["check", "bad.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.json:1: unknown reply kind 'snippet' (known: full, fragment, faq, auto-reply, notice)"),
        "{stderr}"
    );
}

#[test]
fn every_output_format_says_the_kind_and_why() {
    let text = "Our payment page is down. Card payments fail for now!!!";
    let run = |format: &str| {
        let out = replylint()
            .args(["check", "--no-config", "--format", format, "-"])
            .write_stdin(text)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let human = run("human");
    assert!(
        human.contains("· fragment (no greeting, no sign-off, 2 body sentences)"),
        "{human}"
    );
    let github = run("github");
    assert!(
        github.lines().any(|l| l.contains("title=replylint no-shouting::")
            && l.ends_with("%0AChecked as fragment: no greeting, no sign-off, 2 body sentences")),
        "{github}"
    );
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["properties"]["replyKind"], "fragment");
    assert_eq!(result["properties"]["replyKindBy"], "detected");
    assert_eq!(
        result["properties"]["replyKindWhy"][0],
        "no greeting, no sign-off, 2 body sentences"
    );
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let name_rule = rules.iter().find(|r| r["id"] == "use-customer-name").unwrap();
    assert_eq!(name_rule["properties"]["replyKinds"], serde_json::json!(["full"]));
    let explain = replylint().args(["explain", "close-with-offer"]).output().unwrap();
    assert!(String::from_utf8_lossy(&explain.stdout).contains("applies to: full"));
    let explain = replylint().args(["explain", "no-jargon"]).output().unwrap();
    assert!(String::from_utf8_lossy(&explain.stdout).contains("applies to: every kind"));
}

#[test]
fn grade_explain_and_html_say_the_kind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reply.txt");
    std::fs::write(
        &path,
        "Hi Marta,\nYour parcel left our warehouse this morning.\n\nBest,\nOwen",
    )
    .unwrap();
    let out = replylint().args(["grade", "--explain"]).arg(&path).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("kind full: greeting \"Hi Marta,\"; sign-off \"Best,\""),
        "{text}"
    );
    let out = replylint()
        .args(["grade", "--format", "html"])
        .arg(&path)
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&out.stdout);
    assert!(
        html.contains("Checked as full: greeting &quot;Hi Marta,&quot;; sign-off &quot;Best,&quot;"),
        "{}",
        &html[html.len().saturating_sub(3000)..]
    );
}

#[test]
fn structure_subject_lines_signatures_notes_bullets_and_quotes() {
    // A subject line above "Dear [Customer Name]," is not the greeting: the placeholder names the customer.
    let result = check(
        "Subject: Your refund for order 5521\n\nDear [Customer Name],\nYour refund went out this morning. It should reach your card within 5 business days. Let me know if it has not arrived by then.\n\nBest regards,\n[Agent Name]",
        &[],
    );
    assert_eq!(kind_of(&result).1[0], "greeting \"Dear {name},\"");
    assert!(!rules(&result).contains(&"use-customer-name".to_string()));
    // A signature block without a valediction (name, job title, template note) is not the closing: the
    // offer of help before it counts.
    let result = check(
        "Hi Marta,\nYour refund went out this morning. It should reach your card within 5 business days. Let me know if it has not arrived by Friday.\n\nJane Park\nCustomer Success Manager\n[Direct Contact Information]",
        &[],
    );
    assert!(
        kind_of(&result).1.iter().any(|w| w == "sign-off \"Jane Park\""),
        "{:?}",
        kind_of(&result)
    );
    assert!(!rules(&result).contains(&"close-with-offer".to_string()), "{result}");
    // A bulleted list of workarounds is a workaround.
    let bullets = "Hi Marta,\nExports have been failing since 9 am and our engineers are working on a fix now. I know you need the report for today's board meeting, and I'm sorry about the stress.\nWhile we fix it:\n- Use the web app's Download button\n- Send me the report name and I'll export it by hand\nWe expect the fix by 3 pm and I'll email you when it's live.";
    let result = check(bullets, &[]);
    assert!(
        result["scenarios"].as_array().unwrap().iter().any(|s| s == "problem"),
        "{result}"
    );
    assert!(!rules(&result).contains(&"offer-workaround".to_string()), "{result}");
    let without_list = bullets.replace(
        "While we fix it:\n- Use the web app's Download button\n- Send me the report name and I'll export it by hand\n",
        "",
    );
    assert!(rules(&check(&without_list, &[])).contains(&"offer-workaround".to_string()));
    // Quoted customer text is not the agent's voice: its shouting and sarcasm are not reported.
    let result = check(
        "Hi Marta,\nI'm sorry the export failed twice. I've re-run it and attached the file. Let me know if anything looks off.\n\nBest,\nOwen\n\nOn Tue, 4 Mar 2025 at 09:12, Marta <marta@example.com> wrote:\n> THIS IS THE SECOND TIME!!! As I said, fix it.",
        &[],
    );
    let fired = rules(&result);
    assert!(
        !fired.contains(&"no-shouting".to_string()) && !fired.contains(&"no-passive-aggressive".to_string()),
        "{fired:?}"
    );
    let result = check(
        "> 두 번째예요!!! 말씀드렸다시피 빨리 고쳐 주세요.\n안녕하세요, 정하윤 고객님.\n내보내기를 다시 실행해 파일을 첨부해 드렸습니다. 더 궁금하신 점이 있으면 언제든 말씀해 주세요.",
        &[],
    );
    let fired = rules(&result);
    assert!(
        !fired.contains(&"no-shouting".to_string()) && !fired.contains(&"no-passive-aggressive".to_string()),
        "{fired:?}"
    );
}
