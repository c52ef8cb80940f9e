//! The text pipeline seen through the engine: normalisation, spacing, placeholders, scopes, and spans
//! that point at the right original bytes. Uses a small inline pack so it does not depend on the
//! built-in rule content.

use replylint::{CheckOptions, Draft, Finding, Linter, RuleSet, SuggestionAction};
use unicode_normalization::UnicodeNormalization;

const PACK: &str = r#"
[pack]
name = "test"

[[scenario]]
id = "problem"
[scenario.en]
cues = ['\berror\b', '\boutage\b']
[scenario.ko]
cues = ['오류', '장애']

[[scenario]]
id = "refusal"
[scenario.en]
cues = ['\bcannot\b']
[scenario.ko]
cues = ['{T:ㄹ} 수 없']

[[rule]]
id = "stock-apology"
title = "Stock apology"
kind = "forbid"
severity = "warning"
criterion = "apology"
scope = "opener"
[rule.ko]
patterns = ['불편을 (끼쳐 )?드려 죄송합니다', '^(현재 )?확인 중입니다']
message = "상투적인 첫 문장: {excerpt}"
suggestion = "{문제}로 불편을 드려 죄송합니다."
[rule.en]
patterns = ['sorry for the (?P<what>inconvenience|trouble)', { pattern = '^we are looking into it(\.?)$', suggestion = "We found {cause}$1" }]
message = "Stock opener {excerpt}"
suggestion = "sorry for the ${what} caused by {problem}"

[[rule]]
id = "no-cant"
title = "No can't"
kind = "forbid"
severity = "suggestion"
criterion = "tone"
spacing = "strict"
[rule.ko]
patterns = ['안 됩니다']
message = "부정 표현"
[rule.en]
patterns = ["can't", { pattern = '\byou should have\b', severity = "error" }]
message = "Negative"

[[rule]]
id = "name-in-greeting"
title = "Greet by name"
kind = "require"
severity = "suggestion"
criterion = "tone"
scope = "greeting"
insert = "after-greeting"
case_sensitive = true
[rule.en]
patterns = ['{NAME}', '\b(?i:hi|hello|dear)\s+[A-Z][a-z]+']
message = "Greet the customer by name."
suggestion = "Hi {name},"

[[rule]]
id = "eta"
title = "ETA"
kind = "require"
severity = "warning"
criterion = "resolution"
when = ["problem"]
insert = "after-cue"
[rule.en]
patterns = ['\bwithin \d+ (hours?|days?)\b']
weak = ['\bsoon\b']
message = "No ETA."
weak_message = "Vague: {excerpt}"
weak_suggestion = "within {timeframe}"
suggestion = "We expect a fix within {timeframe}."
[rule.ko]
patterns = ['\d+\s*시간\s*(내|이내)']
weak = ['빠른 시일 내']
message = "예상 시간이 없습니다."
suggestion = "{기간} 내에 해결될 예정입니다."

[[rule]]
id = "count-sorry"
title = "Too many apologies"
kind = "limit"
severity = "warning"
criterion = "apology"
[rule.en]
patterns = ['\bsorry\b', '\bapologi[sz]e']
max = 2
message = "{count} apologies; keep at most {max}."

[[rule]]
id = "long"
title = "Long sentence"
kind = "limit"
measure = "words"
severity = "suggestion"
criterion = "tone"
[rule.en]
max = 12
message = "{count} words"
[rule.ko]
measure = "hangul"
max = 10
message = "{count}자"

[[rule]]
id = "stiff"
title = "Stiff"
kind = "forbid"
severity = "suggestion"
criterion = "tone"
scope = "all"
[rule.en]
patterns = ['\bvalued customer\b']
message = "Stiff"

[[rule]]
id = "reason-near"
title = "A reason next to the refusal"
kind = "require"
severity = "warning"
criterion = "resolution"
when = ["refusal"]
scope = "near-cue"
sentences = 1
insert = "after-cue"
[rule.en]
patterns = ['\bbecause\b']
message = "Say why."
suggestion = "This is because {reason}."

[[rule]]
id = "refuse-late"
title = "Refusal up front"
kind = "limit"
severity = "suggestion"
criterion = "resolution"
when = ["refusal"]
measure = "position"
min_sentences = 6
[rule.en]
patterns = ['\bcannot\b']
max_share = 0.67
message = "The refusal comes in sentence {count} of {max}."

[[rule]]
id = "register"
title = "Register"
kind = "level"
severity = "error"
criterion = "tone"
[rule.ko]
message = "말투"
levels.banmal = { severity = "error", message = "반말 {excerpt}" }
levels.hao = { severity = "warning", message = "하오체 {excerpt}" }
levels.casual = { severity = "warning", message = "채팅체 {excerpt}" }
levels.mix = { severity = "suggestion", message = "해요체 {count}, 하십시오체 {max}" }
"#;

const RUBRIC_CRITERIA: [&str; 3] = ["apology", "tone", "resolution"];

fn linter() -> Linter {
    let mut rules = RuleSet::default();
    rules.add_source("test.toml", PACK).expect("test pack loads");
    for rule in &rules.rules {
        assert!(RUBRIC_CRITERIA.contains(&rule.criterion.as_str()));
    }
    Linter::new(rules)
}

fn check(text: &str) -> Vec<Finding> {
    linter()
        .check(&Draft::new(text), &CheckOptions::default())
        .unwrap()
        .findings
}

fn rule_findings<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

#[test]
fn nfd_korean_matches_and_the_span_covers_the_decomposed_bytes() {
    let text: String = "고객님,\n불편을 드려 죄송합니다.".nfd().collect();
    let findings = check(&text);
    let stock = rule_findings(&findings, "stock-apology");
    assert_eq!(stock.len(), 1);
    let f = stock[0];
    assert_eq!(
        &text[f.span.start..f.span.end],
        "불편을 드려 죄송합니다".nfd().collect::<String>()
    );
    assert_eq!((f.span.line, f.span.column), (2, 1));
}

#[test]
fn korean_spacing_variants_match_unless_the_rule_is_strict() {
    for variant in [
        "불편을드려죄송합니다.",
        "불편을 끼쳐드려 죄송합니다.",
        "불편을  끼쳐 드려  죄송합니다.",
    ] {
        let findings = check(variant);
        assert_eq!(rule_findings(&findings, "stock-apology").len(), 1, "{variant}");
    }
    assert_eq!(rule_findings(&check("환불은 안 됩니다."), "no-cant").len(), 1);
    assert!(rule_findings(&check("환불은 안됩니다."), "no-cant").is_empty());
}

#[test]
fn nbsp_and_ideographic_spaces_read_as_spaces() {
    let text = "불편을\u{00A0}드려\u{3000}죄송합니다.";
    let findings = check(text);
    let f = rule_findings(&findings, "stock-apology")[0];
    assert_eq!(&text[f.span.start..f.span.end], "불편을\u{00A0}드려\u{3000}죄송합니다");
}

#[test]
fn zero_width_characters_do_not_break_a_match() {
    let text = "확인\u{200B} 중\u{3164}입니다.";
    assert_eq!(rule_findings(&check(text), "stock-apology").len(), 1);
}

#[test]
fn curly_apostrophes_match_straight_ones_and_spans_stay_on_the_original() {
    let text = "Hi Sam,\nWe can’t refund this.";
    let findings = check(text);
    let f = rule_findings(&findings, "no-cant")[0];
    assert_eq!(f.excerpt, "can’t");
    assert_eq!(&text[f.span.start..f.span.end], "can’t");
    assert_eq!((f.span.line, f.span.column), (2, 4));
}

#[test]
fn columns_count_characters_not_bytes() {
    let text = "고객님 환불은 안 됩니다.";
    let f = check(text).into_iter().find(|f| f.rule == "no-cant").unwrap();
    // 고 객 님 _ 환 불 은 _ 안: the ninth character, though byte 20.
    assert_eq!(f.span.column, 9);
    assert_eq!(f.span.start, 20);
}

#[test]
fn opener_scope_skips_the_greeting_and_stops_after_two_sentences() {
    let early = "Hi Dana,\nSorry for the inconvenience. The export failed.";
    assert_eq!(rule_findings(&check(early), "stock-apology").len(), 1);
    let late = "The export failed. We fixed it. It works now. Sorry for the inconvenience.";
    assert!(rule_findings(&check(late), "stock-apology").is_empty());
}

#[test]
fn all_scope_adds_the_greeting_to_the_body() {
    let findings = check("Dear valued customer,\nThe export works again for every valued customer.\nBest,\nSam");
    let stiff: Vec<&str> = rule_findings(&findings, "stiff")
        .iter()
        .map(|f| f.excerpt.as_str())
        .collect();
    assert_eq!(stiff, ["valued customer", "valued customer"]);
    assert_eq!(rule_findings(&findings, "stiff")[0].span.line, 1);
}

#[test]
fn forbid_rewrites_expand_capture_groups_from_the_original_text() {
    let findings = check("Sorry for the TROUBLE. The export failed.");
    let f = rule_findings(&findings, "stock-apology")[0];
    assert_eq!(
        f.suggestion.as_deref(),
        Some("sorry for the TROUBLE caused by {problem}")
    );
    assert_eq!(f.action, SuggestionAction::Replace);
    assert_eq!(f.message, "Stock opener \"Sorry for the TROUBLE\"");
}

#[test]
fn placeholders_are_masked_for_matching() {
    let text = "Hi {{ticket.requester.first_name}},\nThe {{error_code}} outage is fixed within 2 hours.";
    let draft = Draft::new(text);
    let outcome = linter().check(&draft, &CheckOptions::default()).unwrap();
    // `error` inside the placeholder is not a cue; `outage` outside it is.
    assert_eq!(outcome.scenarios, vec!["problem".to_string()]);
    assert!(draft.placeholders()[0].names_customer);
    assert!(!draft.placeholders()[1].names_customer);
    let masked = Draft::new("The {{error}} page.");
    let masked_outcome = linter().check(&masked, &CheckOptions::default()).unwrap();
    assert!(masked_outcome.scenarios.is_empty());
}

#[test]
fn require_is_anchored_after_the_cue_sentence_and_weak_phrases_are_underlined() {
    let text = "Hi Dana,\nThanks for writing. The export error is back. We are on it.";
    let findings = check(text);
    let eta = rule_findings(&findings, "eta");
    assert_eq!(eta.len(), 1);
    assert_eq!(eta[0].excerpt, "The export error is back.");
    assert_eq!(eta[0].action, SuggestionAction::Insert);
    assert_eq!(
        eta[0].suggestion.as_deref(),
        Some("We expect a fix within {timeframe}.")
    );

    let vague = check("The export error is back. We will fix it soon.");
    let eta = rule_findings(&vague, "eta");
    assert_eq!(eta.len(), 1);
    assert_eq!(eta[0].excerpt, "soon");
    assert_eq!(eta[0].message, "Vague: \"soon\"");
    assert_eq!(eta[0].suggestion.as_deref(), Some("within {timeframe}"));

    assert!(rule_findings(&check("The export error is back. Fixed within 2 hours."), "eta").is_empty());
    assert!(rule_findings(&check("The export is back. No cue here."), "eta").is_empty());
}

#[test]
fn korean_require_matches_across_spacing() {
    assert!(rule_findings(&check("결제 오류가 발생했습니다. 2시간이내 복구됩니다."), "eta").is_empty());
    assert_eq!(
        rule_findings(&check("결제 오류가 발생했습니다. 빠른시일내 복구하겠습니다."), "eta")[0].excerpt,
        "빠른시일내"
    );
}

#[test]
fn limits_count_matches_and_measure_sentences() {
    let findings = check("Sorry. We apologise. Sorry again, truly.");
    let over = rule_findings(&findings, "count-sorry");
    assert_eq!(over.len(), 1);
    assert_eq!(over[0].message, "3 apologies; keep at most 2.");
    assert_eq!(over[0].excerpt, "Sorry");
    let long = check("This sentence has far too many words in it for anyone to read at once.");
    assert_eq!(rule_findings(&long, "long")[0].message, "15 words");
}

#[test]
fn each_sentence_of_a_bilingual_draft_is_measured_in_its_own_language() {
    // Eight English words (under 12) and 21 Hangul syllables (over 10); then the other way round.
    let findings =
        check("Please restart the app and try once more today.\n결제 오류가 계속되면 고객센터로 연락해 주십시오.");
    let long = rule_findings(&findings, "long");
    assert_eq!(long.len(), 1);
    assert_eq!(long[0].message, "21자");
    let findings =
        check("앱을 다시 시작해 주세요. Please restart the app and then try once more from the settings page today.");
    let long = rule_findings(&findings, "long");
    assert_eq!(long.len(), 1);
    assert_eq!(long[0].message, "14 words");
}

#[test]
fn near_cue_scope_looks_only_in_and_next_to_the_cue_sentence() {
    let text = "Thanks for asking. We cannot export invoices as CSV. That is because the format is fixed.";
    assert!(rule_findings(&check(text), "reason-near").is_empty());
    // The reason is two sentences away from the refusal: too far.
    let text = "Because of your question we looked again. Thanks for waiting. We cannot export invoices as CSV. \
                You can download a PDF. Have a good day.";
    let findings = check(text);
    let missing = rule_findings(&findings, "reason-near");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].excerpt, "We cannot export invoices as CSV.");
    assert_eq!(missing[0].action, SuggestionAction::Insert);
}

#[test]
fn a_position_limit_fires_on_a_late_first_match_in_a_long_enough_draft() {
    let late = "Thanks for writing. I read your note. I checked your plan. I asked the team. \
                We looked at options. We cannot refund the order.";
    let findings = check(late);
    let found = rule_findings(&findings, "refuse-late");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "The refusal comes in sentence 6 of 6.");
    assert_eq!(found[0].excerpt, "cannot");
    let early = "We cannot refund the order. I read your note. I checked your plan. I asked the team. \
                 We looked at options. Thanks for writing.";
    assert!(rule_findings(&check(early), "refuse-late").is_empty());
    // Five sentences: too short to judge.
    let short = "Thanks for writing. I read your note. I checked your plan. I asked the team. We cannot refund it.";
    assert!(rule_findings(&check(short), "refuse-late").is_empty());
}

#[test]
fn level_reports_banmal_hao_and_chat_forms_at_their_endings() {
    let findings =
        check("안녕하세요 민지 님,\n주문 확인했어. 환불은 내일 처리하시오. 네 ㅋㅋ 다시 해 보세요.\n고객지원팀 드림");
    let found = rule_findings(&findings, "register");
    let shown: Vec<(&str, String)> = found
        .iter()
        .map(|f| (f.excerpt.as_str(), f.severity.to_string()))
        .collect();
    assert_eq!(
        shown,
        [
            ("확인했어", "error".to_string()),
            ("처리하시오", "warning".to_string()),
            ("ㅋㅋ", "warning".to_string())
        ]
    );
    // Quoted banmal is the customer's; a heading and a list item are not sentences of the agent.
    let quiet = "고객님께서 \"왜 안 돼?\"라고 하신 부분 확인했습니다.\n\n환불 절차 안내\n- 앱 재설치 후 다시 시도\n\n확인 부탁드립니다.";
    assert!(rule_findings(&check(quiet), "register").is_empty());
}

#[test]
fn level_reports_a_register_mix_against_the_profile_once() {
    let friendly = "확인했어요. 오늘 처리돼요. 내일 도착해요. 다시 알려 드릴게요.";
    let found = check(friendly);
    let mix = rule_findings(&found, "register");
    assert_eq!(mix.len(), 1);
    assert_eq!(mix[0].message, "해요체 4, 하십시오체 0");
    assert_eq!(mix[0].excerpt, "확인했어요.");
    // One 하십시오체 sentence is enough: a formal reply may lean on 해요체.
    let mixed = "확인했습니다. 오늘 처리돼요. 내일 도착해요. 다시 알려 드릴게요.";
    assert!(rule_findings(&check(mixed), "register").is_empty());
}

#[test]
fn signature_and_greeting_are_not_matched() {
    let text = "Hi can't-miss customer,\nThe export works again.\n\nBest,\nSam\nCan't Stop Support Team";
    assert!(rule_findings(&check(text), "no-cant").is_empty());
    let body = "Hi Dana,\nWe can't export it.\n\nBest,\nSam";
    assert_eq!(rule_findings(&check(body), "no-cant").len(), 1);
}

#[test]
fn language_override_and_scenario_override() {
    let linter = linter();
    let draft = Draft::new("The export broke. We will fix it.");
    let forced = CheckOptions {
        scenarios: Some(vec!["problem".into()]),
        ..CheckOptions::default()
    };
    let outcome = linter.check(&draft, &forced).unwrap();
    assert_eq!(rule_findings(&outcome.findings, "eta").len(), 1);
    let korean = CheckOptions {
        lang: Some(replylint::Lang::Ko),
        ..CheckOptions::default()
    };
    assert_eq!(linter.check(&draft, &korean).unwrap().langs.code(), "ko");
}

#[test]
fn select_and_ignore_take_rule_ids_and_pack_names() {
    let mut linter = linter();
    linter.select(&["no-cant".into()]).unwrap();
    let findings = linter
        .check(
            &Draft::new("Sorry for the trouble. We can't."),
            &CheckOptions::default(),
        )
        .unwrap()
        .findings;
    assert!(findings.iter().all(|f| f.rule == "no-cant"));
    let mut linter = self::linter();
    linter.ignore(&["test".into()]).unwrap();
    assert!(linter
        .check(&Draft::new("We can't."), &CheckOptions::default())
        .unwrap()
        .findings
        .is_empty());
    let err = self::linter().select(&["no-cnt".into()]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown rule or pack 'no-cnt'; did you mean 'no-cant'?"
    );
}

#[test]
fn anchors_mean_sentence_start_and_end() {
    let text = "불편을 드려 죄송합니다. 현재 확인 중입니다.";
    let findings = check(text);
    let excerpts: Vec<&str> = rule_findings(&findings, "stock-apology")
        .iter()
        .map(|f| f.excerpt.as_str())
        .collect();
    assert_eq!(excerpts, vec!["불편을 드려 죄송합니다", "현재 확인 중입니다"]);
    assert!(rule_findings(&check("원인을 확인 중입니다."), "stock-apology").is_empty());
}

#[test]
fn a_pattern_s_own_rewrite_wins_over_the_rule_s() {
    let findings = check("The export failed. We are looking into it.");
    let f = rule_findings(&findings, "stock-apology")[0];
    assert_eq!(f.suggestion.as_deref(), Some("We found {cause}."));
}

#[test]
fn a_pattern_can_be_graver_than_its_rule() {
    let findings = check("We can't refund it. You should have read the terms.");
    let severities: Vec<_> = rule_findings(&findings, "no-cant").iter().map(|f| f.severity).collect();
    assert_eq!(
        severities,
        vec![replylint::Severity::Suggestion, replylint::Severity::Error]
    );
}

#[test]
fn greeting_scope_looks_only_at_the_greeting() {
    assert!(rule_findings(&check("Hi {{first_name}},\nThe export works."), "name-in-greeting").is_empty());
    assert!(rule_findings(&check("Hi Dana,\nThe export works."), "name-in-greeting").is_empty());
    // A name in the body does not count, and a draft without a greeting is anchored at its start.
    let missing = check("Hi there,\nDana, the export works.");
    assert_eq!(rule_findings(&missing, "name-in-greeting")[0].excerpt, "Hi there,");
    assert_eq!(
        rule_findings(&check("The export works, Dana."), "name-in-greeting").len(),
        1
    );
}
