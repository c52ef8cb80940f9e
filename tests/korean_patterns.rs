//! Korean patterns in a user's pack: surface patterns keep to words whatever the spacing, and patterns
//! over morphemes cover every conjugation and spacing; what they may not be written as.

use replylint::{CheckOptions, Draft, Linter, RuleSet};

const SCENARIOS: &str = "[pack]\nname = \"s\"\n[[scenario]]\nid = \"problem\"\n";

fn pack(ko_block: &str) -> String {
    format!(
        "[pack]\nname = \"team\"\n\n[[rule]]\nid = \"no-request-command\"\ntitle = \"T\"\nkind = \"forbid\"\n\
         severity = \"warning\"\ncriterion = \"tone\"\n[rule.ko]\nmessage = \"m\"\n{ko_block}"
    )
}

fn linter(ko_block: &str) -> Linter {
    let mut rules = RuleSet::default();
    rules.add_source("scenarios.toml", SCENARIOS).unwrap();
    rules.add_source("team.toml", &pack(ko_block)).unwrap();
    Linter::new(rules)
}

fn excerpts(linter: &Linter, text: &str) -> Vec<String> {
    let outcome = linter.check(&Draft::new(text), &CheckOptions::default()).unwrap();
    outcome.findings.into_iter().map(|f| f.excerpt).collect()
}

#[test]
fn loose_surface_patterns_do_not_join_the_ends_of_two_words() {
    let term = linter("patterns = ['서버']\n");
    // 하셔서 + 버튼: the letters are there once the space is gone, the word is not.
    assert!(excerpts(&term, "내용을 확인하셔서 버튼을 눌러 주세요.").is_empty());
    assert_eq!(excerpts(&term, "서버 점검으로 접속이 늦어졌습니다."), ["서버"]);
    assert_eq!(excerpts(&term, "서버를 다시 시작했습니다."), ["서버"]);
    // Spacing inside the term still matches: it starts where a word starts and ends where one ends.
    assert_eq!(excerpts(&term, "메일 서 버를 다시 시작했습니다."), ["서 버"]);
    let phrase = linter("patterns = ['불편을 끼쳐 드려']\n");
    assert_eq!(excerpts(&phrase, "불편을끼쳐드려 죄송합니다."), ["불편을끼쳐드려"]);
    assert_eq!(excerpts(&phrase, "불편을 끼쳐드려 죄송합니다."), ["불편을 끼쳐드려"]);
}

#[test]
fn one_morpheme_pattern_matches_every_conjugation_and_spacing() {
    // 바라/VV: 바랍니다, 바라요, 바랐습니다, 바랍니다 split by a space or a line break.
    let linter = linter("morphemes = ['바라/VV']\n");
    assert_eq!(excerpts(&linter, "확인해 주시기 바랍니다."), ["바랍니다"]);
    assert_eq!(excerpts(&linter, "회신 주시길 바라요."), ["바라요"]);
    assert_eq!(excerpts(&linter, "빠른 답변을 바랐습니다."), ["바랐습니다"]);
    assert_eq!(excerpts(&linter, "확인해 주시기\n바랍니다."), ["바랍니다"]);
    // A surface string with the same letters is not the verb: 바라보다 is 바라보/VV.
    assert!(excerpts(&linter, "화면을 바라보면 알림이 보입니다.").is_empty());
}

#[test]
fn a_sequence_covers_the_words_its_morphemes_are_in() {
    // 확인/NNG + 하/XSV + 시/EP: the honorific on 확인하다, in any ending.
    let linter = linter("morphemes = ['확인/NNG 하/XSV 시/EP']\n");
    assert_eq!(excerpts(&linter, "주문 내역을 확인하셨나요?"), ["확인하셨나요"]);
    assert_eq!(excerpts(&linter, "메일을 확인 하세요."), ["확인 하세요"]);
    assert!(excerpts(&linter, "메일을 확인했습니다.").is_empty());
}

#[test]
fn matches_are_whole_morphemes() {
    // 인/VCP+ETM would match inside 확인/NNG if morphemes were matched as plain text.
    let linter = linter("morphemes = ['인/NNG']\n");
    assert!(excerpts(&linter, "주문을 확인했습니다.").is_empty());
}

#[test]
fn exceptions_apply_to_morpheme_matches() {
    let linter = linter("morphemes = ['바라/VV']\nexceptions = ['해결을 바랍니다']\n");
    assert!(excerpts(&linter, "양해 부탁드리며 빠른 해결을 바랍니다.").is_empty());
    assert_eq!(excerpts(&linter, "빠른 회신을 바랍니다."), ["바랍니다"]);
}

#[test]
fn morphemes_and_detectors_are_korean_only() {
    let mut rules = RuleSet::default();
    rules.add_source("scenarios.toml", SCENARIOS).unwrap();
    let english = pack("morphemes = ['x']\n").replace("[rule.ko]", "[rule.en]");
    let err = rules.add_source("team.toml", &english).unwrap_err().to_string();
    assert!(
        err.contains("rule 'no-request-command': `morphemes` patterns are Korean only"),
        "{err}"
    );
    assert!(err.starts_with("team.toml:12:"), "{err}");

    let mut rules = RuleSet::default();
    rules.add_source("scenarios.toml", SCENARIOS).unwrap();
    let err = rules
        .add_source("team.toml", &pack("detect = [\"honorific-on-things\"]\n"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("honorific-on-thing"),
        "a did-you-mean or the list of detectors: {err}"
    );
}

#[test]
fn a_bad_morpheme_pattern_fails_at_load_with_its_place() {
    let mut rules = RuleSet::default();
    rules.add_source("scenarios.toml", SCENARIOS).unwrap();
    let err = rules
        .add_source("team.toml", &pack("morphemes = ['바라/VV (']\n"))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("team.toml:12:"), "{err}");
    assert!(err.contains("bad regular expression"), "{err}");
}
