//! Malformed packs and rubrics fail with one line naming the file, line, column and (when known) rule.

use replylint::{Rubric, RuleSet};

fn load_error(pack: &str) -> String {
    let mut rules = RuleSet::default();
    rules
        .add_source(
            "scenarios.toml",
            "[pack]\nname = \"s\"\n[[scenario]]\nid = \"problem\"\n",
        )
        .unwrap();
    rules
        .add_source("team.toml", pack)
        .expect_err("pack must be rejected")
        .to_string()
}

const HEAD: &str = "[pack]\nname = \"team\"\n\n";

fn rule(body: &str) -> String {
    format!("{HEAD}[[rule]]\nid = \"r1\"\ntitle = \"T\"\nkind = \"forbid\"\nseverity = \"warning\"\ncriterion = \"tone\"\n{body}")
}

#[test]
fn toml_syntax_error() {
    assert_eq!(
        load_error("[pack]\nname = \"team\n"),
        "team.toml:2:13: invalid basic string, expected `\"`"
    );
}

#[test]
fn unknown_key_names_the_rule() {
    let err = load_error(&rule(
        "colour = \"red\"\n[rule.en]\npatterns = ['x']\nmessage = \"m\"\n",
    ));
    assert!(
        err.starts_with("team.toml:10:1: rule 'r1': unknown field `colour`"),
        "{err}"
    );
}

#[test]
fn unknown_key_in_a_language_block() {
    let err = load_error(&rule("[rule.en]\npatterns = ['x']\nmessage = \"m\"\nexample = []\n"));
    assert!(
        err.starts_with("team.toml:13:1: rule 'r1': unknown field `example`"),
        "{err}"
    );
}

#[test]
fn missing_field() {
    let err = load_error(&format!("{HEAD}[[rule]]\nid = \"r2\"\nkind = \"forbid\"\n"));
    assert!(
        err.starts_with("team.toml:4:1: rule 'r2': missing field `title`"),
        "{err}"
    );
}

#[test]
fn bad_regex_points_at_the_pattern() {
    let err = load_error(&rule("[rule.en]\npatterns = ['ok', '(unclosed']\nmessage = \"m\"\n"));
    assert_eq!(
        err,
        "team.toml:11:20: rule 'r1': bad regular expression '(unclosed': unclosed group"
    );
}

#[test]
fn lookaround_is_rejected_with_the_reason() {
    let err = load_error(&rule("[rule.en]\npatterns = ['foo(?!bar)']\nmessage = \"m\"\n"));
    assert!(err.contains("look-around"), "{err}");
    assert!(
        err.starts_with("team.toml:11:14: rule 'r1': bad regular expression"),
        "{err}"
    );
}

#[test]
fn unknown_macro() {
    let err = load_error(&rule("[rule.ko]\npatterns = ['드릴 수 {NOPE}']\nmessage = \"m\"\n"));
    assert_eq!(
        err,
        "team.toml:11:19: rule 'r1': unknown macro {NOPE} in pattern '드릴 수 {NOPE}'"
    );
}

#[test]
fn duplicate_id_names_both_places() {
    let one = rule("[rule.en]\npatterns = ['x']\nmessage = \"m\"\n");
    let second = one.replace(HEAD, "");
    let err = load_error(&format!("{one}\n{second}"));
    assert_eq!(
        err,
        "team.toml:15:6: rule 'r1': duplicate rule id, already defined at team.toml:5:6"
    );
}

#[test]
fn unknown_scenario() {
    let err = load_error(&rule(
        "when = [\"outage\"]\n[rule.en]\npatterns = ['x']\nmessage = \"m\"\n",
    ));
    assert_eq!(err, "team.toml:10:9: rule 'r1': unknown scenario 'outage' in `when`");
}

#[test]
fn bad_enum_value() {
    let err = load_error(&rule(
        "scope = \"middle\"\n[rule.en]\npatterns = ['x']\nmessage = \"m\"\n",
    ));
    assert!(
        err.starts_with("team.toml:10:9: rule 'r1': unknown variant `middle`"),
        "{err}"
    );
}

#[test]
fn rule_without_language_or_patterns() {
    assert_eq!(
        load_error(&rule("")),
        "team.toml:5:6: rule 'r1': rule has no language: add an `en` or a `ko` table"
    );
    let err = load_error(&rule("[rule.en]\nmessage = \"m\"\n"));
    assert_eq!(err, "team.toml:10:1: rule 'r1': `patterns` is empty");
}

#[test]
fn a_pack_that_is_fine_loads() {
    let mut rules = RuleSet::default();
    rules
        .add_source("team.toml", &rule("[rule.en]\npatterns = ['x']\nmessage = \"m\"\n"))
        .unwrap();
    assert_eq!(rules.rules[0].id, "r1");
}

#[test]
fn rubric_rejects_rules_feeding_unknown_criteria() {
    let mut rules = RuleSet::builtin().unwrap();
    rules
        .add_source(
            "team.toml",
            &(rule("").replace("criterion = \"tone\"", "criterion = \"compliance\"")
                + "[rule.en]\npatterns = ['x']\nmessage = \"m\"\n"),
        )
        .unwrap();
    let err = Rubric::builtin().unwrap().check_rules(&rules).unwrap_err().to_string();
    assert_eq!(
        err,
        "team.toml:9:13: rule 'r1': criterion 'compliance' is not in the rubric 'default' (it has: apology, ownership, resolution, tone, personal)"
    );
}

/// The built-in rubric with one criterion taking `rules` (a TOML list's items) from elsewhere.
fn rubric_taking(criterion: &str, rules: &str) -> String {
    let at = format!("id = \"{criterion}\"\n");
    let text = std::fs::read_to_string("rules/rubric.toml").unwrap();
    assert!(text.contains(&at), "the rubric has a criterion {criterion}");
    text.replace(&at, &format!("{at}rules = [{rules}]\n"))
}

#[test]
fn rubric_rejects_a_criterion_listing_an_unknown_rule_and_names_it() {
    let text = rubric_taking("apology", "\"no-templat-opener\"");
    let rubric = Rubric::from_source("ours.toml", &text).unwrap();
    let err = rubric
        .check_rules(&RuleSet::builtin().unwrap())
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("ours.toml:")
            && err.contains("criterion 'apology' lists rule 'no-templat-opener', which is not loaded; did you mean 'no-template-opener'?"),
        "{err}"
    );
    // A glob that matches nothing is named too.
    let text = rubric_taking("resolution", "\"refusl-*\"");
    let err = Rubric::from_source("ours.toml", &text)
        .unwrap()
        .check_rules(&RuleSet::builtin().unwrap())
        .unwrap_err()
        .to_string();
    assert!(err.contains("lists rule 'refusl-*'"), "{err}");
}

#[test]
fn a_rubric_maps_rules_to_criteria_over_their_packs() {
    use replylint::{CheckOptions, Draft, Linter};
    // Move the stock-opener rule from apology, the criterion its file names, to tone.
    let text = rubric_taking("tone", "\"no-template-opener\"");
    let rubric = Rubric::from_source("ours.toml", &text).unwrap();
    let rules = RuleSet::builtin().unwrap();
    rubric.check_rules(&rules).unwrap();
    assert_eq!(rubric.criterion_of("no-template-opener", "apology"), "tone");
    assert_eq!(rubric.criterion_of("refusal-upfront", "resolution"), "resolution");
    let outcome = Linter::new(rules)
        .check(
            &Draft::new("Hi Dana,\nSorry for the inconvenience. Your refund went out today."),
            &CheckOptions::default(),
        )
        .unwrap();
    let deductions = rubric.deductions(&outcome);
    let opener = deductions
        .iter()
        .find(|d| d.rule == "no-template-opener")
        .expect("a deduction");
    assert_eq!((opener.criterion.as_str(), opener.penalty), ("tone", 35));
    let grade = rubric.grade(&outcome);
    let tone = grade.criteria.iter().find(|c| c.id == "tone").unwrap();
    assert_eq!(tone.score, Some(65));
}

#[test]
fn rubric_syntax_and_shape_errors() {
    let err = Rubric::from_source("r.toml", "[rubric]\nname = \"x\"\n[penalties]\nerror = 1\nwarning = 1\nsuggestion = 1\n[[criterion]]\nid = \"a\"\nweight = 1\n[[band]]\nletter = \"A\"\nmin = 50\n")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "r.toml:1:1: rubric needs a [[band]] with min = 0 so every score gets a letter"
    );
    let err = Rubric::from_source("r.toml", "[rubric]\nname = 1\n")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("r.toml:2:8: invalid type"), "{err}");
}

#[test]
fn built_in_packs_pass_full_validation() {
    // `RuleSet::builtin` skips the syntax check to start fast; this is where it happens instead.
    let rules = RuleSet::builtin_checked().unwrap_or_else(|e| panic!("{e}"));
    Rubric::builtin().unwrap().check_rules(&rules).unwrap();
    assert_eq!(rules.rules.len(), RuleSet::builtin().unwrap().rules.len());
}

#[test]
fn pattern_tables_carry_a_rewrite_and_reject_unknown_keys() {
    let mut rules = RuleSet::default();
    rules
        .add_source(
            "team.toml",
            &rule("[rule.en]\npatterns = [{ pattern = 'x', suggestion = 'y' }, 'z']\nmessage = \"m\"\n"),
        )
        .unwrap();
    let patterns = &rules.rules[0].lang(replylint::Lang::En).unwrap().patterns;
    assert_eq!(patterns[0].suggestion.as_deref(), Some("y"));
    assert_eq!(patterns[1].suggestion, None);
    let err = load_error(&rule(
        "[rule.en]\npatterns = [{ pattern = 'x', sugestion = 'y' }]\nmessage = \"m\"\n",
    ));
    assert_eq!(
        err,
        "team.toml:11:30: rule 'r1': unknown field `sugestion`, expected one of `pattern`, `suggestion`, `severity`, `fix`; did you mean `suggestion`?"
    );
    let err = load_error(&rule("[rule.en]\npatterns = [3]\nmessage = \"m\"\n"));
    assert!(err.contains("expected a pattern string or a table"), "{err}");
    let err = load_error(&rule(
        "[rule.en]\npatterns = [{ pattern = 'x', severity = 'fatal' }]\nmessage = \"m\"\n",
    ));
    assert_eq!(
        err,
        "team.toml:11:41: rule 'r1': unknown variant `fatal`, expected one of `suggestion`, `warning`, `error`"
    );
}

fn kind_rule(kind: &str, body: &str) -> String {
    rule(body).replace("kind = \"forbid\"", &format!("kind = \"{kind}\""))
}

#[test]
fn a_level_rule_reads_korean_only_and_needs_levels() {
    let err = load_error(&kind_rule("level", "[rule.en]\nmessage = \"m\"\n"));
    // A level rule's struct has no `en`: the field is refused where it is written.
    assert!(
        err.starts_with("team.toml:10:7: rule 'r1': unknown field `en`, expected one of"),
        "{err}"
    );
    let err = load_error(&kind_rule("level", "[rule.ko]\nmessage = \"m\"\n"));
    assert!(err.contains("rule 'r1': missing field `levels`"), "{err}");
    let err = load_error(&kind_rule(
        "level",
        "[rule.ko]\nmessage = \"m\"\nlevels.rude = { severity = \"error\", message = \"m\" }\n",
    ));
    assert!(err.contains("unknown field `rude`"), "{err}");
    let err = load_error(&rule(
        "profile = \"friendly\"\n[rule.ko]\npatterns = ['x']\nmessage = \"m\"\n",
    ));
    assert!(
        err.starts_with("team.toml:10:1: rule 'r1': unknown field `profile`"),
        "{err}"
    );
}

#[test]
fn near_cue_needs_scenarios_and_position_needs_a_share() {
    let err = load_error(&rule(
        "scope = \"near-cue\"\n[rule.en]\npatterns = ['x']\nmessage = \"m\"\n",
    ));
    assert!(err.contains("rule 'r1': scope \"near-cue\" needs `when`"), "{err}");
    let err = load_error(&kind_rule(
        "limit",
        "measure = \"position\"\n[rule.en]\npatterns = ['x']\nmax = 3\nmessage = \"m\"\n",
    ));
    assert!(err.contains("a position limit needs `max_share`"), "{err}");
    let err = load_error(&rule(
        "[rule.en]\npatterns = ['x']\nmeasure = \"words\"\nmessage = \"m\"\n",
    ));
    assert!(
        err.starts_with("team.toml:12:1: rule 'r1': unknown field `measure`"),
        "{err}"
    );
}

#[test]
fn fix_is_for_forbid_rules_and_is_safe_or_manual() {
    let mut rules = RuleSet::default();
    rules
        .add_source(
            "team.toml",
            &rule("fix = \"safe\"\n[rule.en]\npatterns = ['x', { pattern = 'y', suggestion = 'z', fix = 'manual' }]\nsuggestion = \"w\"\nmessage = \"m\"\n"),
        )
        .unwrap();
    let r = &rules.rules[0];
    assert_eq!(r.fix, replylint::pack::Fix::Safe);
    let patterns = &r.lang(replylint::Lang::En).unwrap().patterns;
    assert_eq!(patterns[0].fix, None);
    assert_eq!(patterns[1].fix, Some(replylint::pack::Fix::Manual));

    let err = load_error(&kind_rule(
        "require",
        "fix = \"safe\"\n[rule.en]\npatterns = ['x']\nmessage = \"m\"\n",
    ));
    assert!(
        err.starts_with("team.toml:10:1: rule 'r1': unknown field `fix`, expected one of"),
        "{err}"
    );
    let err = load_error(&kind_rule(
        "require",
        "[rule.en]\npatterns = [{ pattern = 'x', fix = 'safe' }]\nmessage = \"m\"\n",
    ));
    assert!(err.contains("`fix` applies only to forbid rules"), "{err}");
    let err = load_error(&rule(
        "[rule.en]\npatterns = [{ pattern = 'x', fix = 'always' }]\nmessage = \"m\"\n",
    ));
    assert_eq!(
        err,
        "team.toml:11:36: rule 'r1': unknown variant `always`, expected `safe` or `manual`"
    );
    let err = load_error(&rule(
        "fix = \"always\"\n[rule.en]\npatterns = ['x']\nmessage = \"m\"\n",
    ));
    assert!(err.contains("unknown variant `always`"), "{err}");
}
