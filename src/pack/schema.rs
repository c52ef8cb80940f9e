//! The rule-pack file format, as serde types. Unknown keys are errors, and so is a key that does not
//! belong to the rule's kind: each kind has its own struct, chosen by the rule's `kind` field.
//!
//! A pack is a folder (`pack.toml` with the `[pack]` table and any `[[scenario]]`, then one file per rule,
//! named after the rule id) or a single file holding `[pack]`, `[[scenario]]` and `[[rule]]` tables.

use crate::finding::Severity;
use crate::text::ReplyKind;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use toml::Spanned;

/// `pack.toml` in a pack folder: the pack's metadata and scenarios. A single-file pack also has `[[rule]]`
/// tables, read one by one by the loader (each by the struct of its kind).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackHeader {
    pub pack: PackMeta,
    /// Scenarios: a draft is tagged with one when a cue matches; rules name them in `when`.
    #[serde(default)]
    pub scenario: Vec<ScenarioDef>,
}

/// The JSON Schema of a pack file: a pack folder's `pack.toml`, or a single-file pack, which also has
/// `[[rule]]` tables. Never deserialized: the loader reads the header and each rule on its own.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[schemars(
    title = "Pack",
    description = "A rule pack: a pack folder's `pack.toml` (`[pack]` and `[[scenario]]`), or a single-file \
        pack, which also holds its rules as `[[rule]]` tables."
)]
pub struct PackFile {
    pub pack: PackMeta,
    /// Scenarios: a draft is tagged with one when a cue matches; rules name them in `when`.
    #[schemars(default)]
    pub scenario: Vec<ScenarioDef>,
    /// The rules of a single-file pack, each with its `id` (a pack folder has one file per rule instead).
    #[schemars(default, schema_with = "rules_with_id")]
    pub rule: Vec<RuleDef>,
}

/// `[[rule]]`: rules as in a rule file, with `id` required.
fn rules_with_id(generator: &mut SchemaGenerator) -> Schema {
    let mut rule = RuleDef::json_schema(generator);
    let variants = rule.get_mut("oneOf").and_then(|v| v.as_array_mut());
    for variant in variants.into_iter().flatten() {
        if let Some(required) = variant.get_mut("required").and_then(|r| r.as_array_mut()) {
            required.insert(0, "id".into());
        }
    }
    schemars::json_schema!({ "type": "array", "items": rule })
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackMeta {
    /// The pack's name, unique among loaded packs: shown in findings; `--select` and `--ignore` take it.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// One line shown by `replylint rules`.
    #[serde(default)]
    pub description: String,
    /// The pack's own version string.
    #[serde(default)]
    pub version: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioDef {
    /// The scenario's id, as rules name it in `when` and `--scenario` takes it. A scenario another pack
    /// defines gets these cues added.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// One line for people.
    #[serde(default)]
    pub title: String,
    /// Cues in English drafts.
    pub en: Option<CuesDef>,
    /// Cues in Korean drafts.
    pub ko: Option<CuesDef>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CuesDef {
    /// Patterns: any match in the draft's language tags the draft with the scenario.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub cues: Vec<Spanned<String>>,
    /// A cue match overlapping one of these does not count.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub exceptions: Vec<Spanned<String>>,
}

/// What a rule does with its patterns; each kind has its own rule struct below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Forbid,
    Require,
    Limit,
    /// Korean speech level, one sentence at a time.
    Level,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Forbid, Kind::Require, Kind::Limit, Kind::Level];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Forbid => "forbid",
            Kind::Require => "require",
            Kind::Limit => "limit",
            Kind::Level => "level",
        }
    }
}

/// Where in the draft a rule looks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The body: the sentences between the greeting and the signature.
    #[default]
    Any,
    /// The greeting and the body (not the signature): for phrases that belong in neither place, such
    /// as "Dear valued customer".
    All,
    /// The first `sentences` body sentences after the greeting.
    Opener,
    /// The last `sentences` body sentences before the signature.
    Closing,
    /// The greeting line(s): "Hi Dana,", "안녕하세요 홍길동 님,".
    Greeting,
    /// The body sentences holding a cue of the rule's `when` scenarios, and `sentences` neighbours on
    /// each side: "in or next to the refusal".
    NearCue,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Any => "any",
            Scope::All => "all",
            Scope::Opener => "opener",
            Scope::Closing => "closing",
            Scope::Greeting => "greeting",
            Scope::NearCue => "near-cue",
        }
    }
}

/// An analysis a forbid rule can report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Detector {
    /// The honorific -시- on a thing rather than a person (사물 존대: 커피 나오셨습니다, 사이즈가 없으세요,
    /// 품절이십니다), from the subject the sentence names.
    HonorificOnThing,
}

/// How a rule's Korean patterns match the spaces between Hangul syllables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Spacing {
    /// Whatever spacing sits between Hangul syllables matches.
    #[default]
    Loose,
    /// Spaces match as written, where a space carries meaning (`안 됩니다`).
    Strict,
}

/// Whether `--fix` may apply a forbid rule's rewrite by itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Fix {
    /// Always right where the pattern matches: applied by `--fix` (unless it has a `{slot}` to fill).
    Safe,
    /// For a person to judge: shown, never applied.
    #[default]
    Manual,
}

/// Where a `require` rule's missing sentence goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Insert {
    AfterGreeting,
    AfterOpener,
    /// After the last sentence holding a cue of the rule's `when` scenarios.
    AfterCue,
    #[default]
    BeforeClosing,
    End,
}

impl Insert {
    pub fn as_str(self) -> &'static str {
        match self {
            Insert::AfterGreeting => "after-greeting",
            Insert::AfterOpener => "after-opener",
            Insert::AfterCue => "after-cue",
            Insert::BeforeClosing => "before-closing",
            Insert::End => "end",
        }
    }
}

/// What a `require` rule does when its scope is empty.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum IfNoScope {
    /// Report the missing sentence.
    #[default]
    Fire,
    /// Nothing to judge: no finding.
    Pass,
    /// Report the missing sentence unless the reply calls the customer by name (or by a placeholder for
    /// their name) elsewhere: "Got it, Sarah.", "Sorry, [their name], ...".
    UnlessNamed,
}

/// What a `limit` rule counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Pattern matches in scope.
    #[default]
    Matches,
    /// Words per sentence.
    Words,
    /// Hangul syllables per sentence.
    Hangul,
    /// Where the first sentence holding a match sits, as a share of the sentences in scope.
    Position,
}

/// The register a `level` rule expects as the main one in a Korean reply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LevelProfile {
    /// 하십시오체, with some 해요체 for requests and empathy.
    #[default]
    Formal,
    /// 해요체 first.
    Friendly,
}

impl LevelProfile {
    pub fn as_str(self) -> &'static str {
        match self {
            LevelProfile::Formal => "formal",
            LevelProfile::Friendly => "friendly",
        }
    }
}

fn default_window() -> usize {
    2
}

fn yes() -> bool {
    true
}

/// A rule as written, by kind. The loader reads `kind` first and deserializes the table with that
/// kind's struct, so spans survive (serde's internally tagged enums would buffer the table and lose them).
/// Its JSON Schema says the same thing as a tagged enum: the keys allowed are those of the `kind` written.
#[derive(Debug, JsonSchema)]
#[schemars(tag = "kind", rename_all = "lowercase")]
#[schemars(
    title = "Rule",
    description = "One rule: `rules/<pack>/<rule-id>.toml`, or a `[[rule]]` of a single-file pack. The keys \
        allowed are those of its `kind`."
)]
pub enum RuleDef {
    Forbid(ForbidRule),
    Require(RequireRule),
    Limit(LimitRule),
    Level(LevelRule),
}

/// `kind = "forbid"`: each match of a pattern in scope is a finding, with the rewrite as its suggestion.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForbidRule {
    /// Required in a single-file pack; in a pack folder the file name is the id.
    #[schemars(with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    /// One line.
    pub title: String,
    // In the schema, the tag that picks the struct (see `RuleDef`).
    #[schemars(skip)]
    pub kind: Kind,
    /// How serious a finding is.
    pub severity: Severity,
    /// The rubric criterion the rule feeds.
    #[schemars(with = "String")]
    pub criterion: Spanned<String>,
    /// Scenarios the rule runs in (any of them); empty: every draft.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub when: Vec<Spanned<String>>,
    /// `false` ships the rule switched off; `--select` switches it on.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The kinds of text the rule applies to (`full`, `fragment`, `faq`, `auto-reply`, `notice`);
    /// left out: every kind. Rules about a whole reply (its greeting, the customer's name, its closing,
    /// what a problem reply must say) name `["full"]`.
    pub reply_kinds: Option<Vec<ReplyKind>>,
    /// Where in the draft the rule looks.
    #[serde(default)]
    pub scope: Scope,
    /// The size of the `opener` and `closing` windows, or the neighbours on each side for `near-cue`.
    #[serde(default = "default_window")]
    pub sentences: usize,
    /// Korean patterns: how spaces between Hangul syllables are matched.
    #[serde(default)]
    pub spacing: Spacing,
    /// Patterns ignore case unless this is `true`.
    #[serde(default)]
    pub case_sensitive: bool,
    /// Whether `--fix` may apply the rewrites (a pattern table may say otherwise).
    #[serde(default)]
    pub fix: Fix,
    /// The rule in English.
    #[schemars(with = "Option<ForbidLang>")]
    pub en: Option<Spanned<ForbidLang>>,
    /// The rule in Korean.
    #[schemars(with = "Option<ForbidLang>")]
    pub ko: Option<Spanned<ForbidLang>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForbidLang {
    /// Regular expressions (Rust `regex` syntax), matched one sentence at a time.
    #[serde(default)]
    #[schemars(with = "Vec<PatternDef>")]
    pub patterns: Vec<Spanned<PatternDef>>,
    /// A pattern match that overlaps a match of one of these does not count.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub exceptions: Vec<Spanned<String>>,
    /// Korean only: regular expressions over a sentence's morphemes, written `lemma/TAG` and joined by
    /// single spaces (`나오/VV 시/EP`), so one pattern matches every conjugation and spacing. A match
    /// covers whole morphemes and reports the words they are in.
    #[serde(default)]
    #[schemars(with = "Vec<PatternDef>")]
    pub morphemes: Vec<Spanned<PatternDef>>,
    /// Korean only: analyses whose findings the rule reports as if a pattern had matched them.
    #[serde(default)]
    pub detect: Vec<Detector>,
    /// What is wrong, in one line; `{excerpt}` is replaced with the matched text.
    pub message: String,
    /// Why it matters (shown by `replylint explain`).
    #[serde(default)]
    pub rationale: String,
    /// The replacement for the match (`$1`, `${name}` insert capture groups; `""` deletes it).
    pub suggestion: Option<String>,
    /// Drafts the rule must stay silent on (checked by the test suite).
    #[serde(default)]
    pub good: Vec<String>,
    /// Drafts the rule must flag (checked by the test suite).
    #[serde(default)]
    pub bad: Vec<BadExample>,
}

/// `kind = "require"`: no match in scope is one finding, anchored where the missing sentence should go.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequireRule {
    /// Required in a single-file pack; in a pack folder the file name is the id.
    #[schemars(with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    /// One line.
    pub title: String,
    // In the schema, the tag that picks the struct (see `RuleDef`).
    #[schemars(skip)]
    pub kind: Kind,
    /// How serious a finding is.
    pub severity: Severity,
    /// The rubric criterion the rule feeds.
    #[schemars(with = "String")]
    pub criterion: Spanned<String>,
    /// Scenarios the rule runs in (any of them); empty: every draft.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub when: Vec<Spanned<String>>,
    /// `false` ships the rule switched off; `--select` switches it on.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The kinds of text the rule applies to (`full`, `fragment`, `faq`, `auto-reply`, `notice`);
    /// left out: every kind. Rules about a whole reply (its greeting, the customer's name, its closing,
    /// what a problem reply must say) name `["full"]`.
    pub reply_kinds: Option<Vec<ReplyKind>>,
    /// Where in the draft the rule looks.
    #[serde(default)]
    pub scope: Scope,
    /// The size of the `opener` and `closing` windows, or the neighbours on each side for `near-cue`.
    #[serde(default = "default_window")]
    pub sentences: usize,
    /// Korean patterns: how spaces between Hangul syllables are matched.
    #[serde(default)]
    pub spacing: Spacing,
    /// Patterns ignore case unless this is `true`.
    #[serde(default)]
    pub case_sensitive: bool,
    /// Where the missing sentence goes.
    #[serde(default)]
    pub insert: Insert,
    /// What the rule does when the draft has nothing in its scope (a `greeting` rule on a reply without
    /// a greeting): `fire` reports the missing sentence, `pass` leaves the draft alone, `unless-named`
    /// fires unless the reply calls the customer by name elsewhere.
    #[serde(default)]
    pub if_no_scope: IfNoScope,
    /// Whether a bulleted or numbered list of two or more steps in scope ("- Use the web app", "- 앱을
    /// 다시 설치해 보세요") counts as a match: a list of workarounds is a workaround.
    #[serde(default)]
    pub steps_count: bool,
    /// The rule in English.
    #[schemars(with = "Option<RequireLang>")]
    pub en: Option<Spanned<RequireLang>>,
    /// The rule in Korean.
    #[schemars(with = "Option<RequireLang>")]
    pub ko: Option<Spanned<RequireLang>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequireLang {
    /// Regular expressions (Rust `regex` syntax), matched one sentence at a time.
    #[serde(default)]
    #[schemars(with = "Vec<PatternDef>")]
    pub patterns: Vec<Spanned<PatternDef>>,
    /// A pattern match that overlaps a match of one of these does not count.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub exceptions: Vec<Spanned<String>>,
    /// Phrases that half-satisfy the rule: found instead of a pattern, they turn the finding into
    /// `weak_message` / `weak_suggestion`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub weak: Vec<Spanned<String>>,
    /// What is wrong, in one line; `{excerpt}` is replaced with the matched text.
    pub message: String,
    /// The message for a `weak` match.
    pub weak_message: Option<String>,
    /// The replacement offered for a `weak` match (`within {timeframe}`).
    pub weak_suggestion: Option<String>,
    /// Why it matters (shown by `replylint explain`).
    #[serde(default)]
    pub rationale: String,
    /// The sentence to insert, with `{slots}` for the agent to fill.
    pub suggestion: Option<String>,
    /// Drafts the rule must stay silent on (checked by the test suite).
    #[serde(default)]
    pub good: Vec<String>,
    /// Drafts the rule must flag (checked by the test suite).
    #[serde(default)]
    pub bad: Vec<BadExample>,
}

/// `kind = "limit"`: a count, a length or a position over a bound.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LimitRule {
    /// Required in a single-file pack; in a pack folder the file name is the id.
    #[schemars(with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    /// One line.
    pub title: String,
    // In the schema, the tag that picks the struct (see `RuleDef`).
    #[schemars(skip)]
    pub kind: Kind,
    /// How serious a finding is.
    pub severity: Severity,
    /// The rubric criterion the rule feeds.
    #[schemars(with = "String")]
    pub criterion: Spanned<String>,
    /// Scenarios the rule runs in (any of them); empty: every draft.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub when: Vec<Spanned<String>>,
    /// `false` ships the rule switched off; `--select` switches it on.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The kinds of text the rule applies to (`full`, `fragment`, `faq`, `auto-reply`, `notice`);
    /// left out: every kind. Rules about a whole reply (its greeting, the customer's name, its closing,
    /// what a problem reply must say) name `["full"]`.
    pub reply_kinds: Option<Vec<ReplyKind>>,
    /// Where in the draft the rule looks.
    #[serde(default)]
    pub scope: Scope,
    /// The size of the `opener` and `closing` windows, or the neighbours on each side for `near-cue`.
    #[serde(default = "default_window")]
    pub sentences: usize,
    /// Korean patterns: how spaces between Hangul syllables are matched.
    #[serde(default)]
    pub spacing: Spacing,
    /// Patterns ignore case unless this is `true`.
    #[serde(default)]
    pub case_sensitive: bool,
    /// What the rule counts.
    #[serde(default)]
    pub measure: Measure,
    /// Drafts with fewer body sentences are not measured.
    #[serde(default)]
    pub min_sentences: usize,
    /// The rule in English.
    #[schemars(with = "Option<LimitLang>")]
    pub en: Option<Spanned<LimitLang>>,
    /// The rule in Korean.
    #[schemars(with = "Option<LimitLang>")]
    pub ko: Option<Spanned<LimitLang>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LimitLang {
    /// Regular expressions (Rust `regex` syntax), matched one sentence at a time.
    #[serde(default)]
    #[schemars(with = "Vec<PatternDef>")]
    pub patterns: Vec<Spanned<PatternDef>>,
    /// A pattern match that overlaps a match of one of these does not count.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub exceptions: Vec<Spanned<String>>,
    /// What is wrong, in one line; `{excerpt}` is replaced with the matched text, `{count}` and `{max}`
    /// with the count and the bound.
    pub message: String,
    /// Why it matters (shown by `replylint explain`).
    #[serde(default)]
    pub rationale: String,
    /// Advice.
    pub suggestion: Option<String>,
    /// The largest allowed count or length.
    #[schemars(with = "Option<usize>")]
    pub max: Option<Spanned<usize>>,
    /// With `measure = "matches"`: the largest share (0 to 1) of body sentences holding a match; with
    /// `"position"`: how far in (0 to 1) the first match may sit.
    #[schemars(with = "Option<f64>")]
    pub max_share: Option<Spanned<f64>>,
    /// This language's measure, when it differs from the rule's (words in English, Hangul syllables in
    /// Korean).
    pub measure: Option<Measure>,
    /// Drafts the rule must stay silent on (checked by the test suite).
    #[serde(default)]
    pub good: Vec<String>,
    /// Drafts the rule must flag (checked by the test suite).
    #[serde(default)]
    pub bad: Vec<BadExample>,
}

/// `kind = "level"`: the Korean speech level of each sentence in the agent's voice. Korean only.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelRule {
    /// Required in a single-file pack; in a pack folder the file name is the id.
    #[schemars(with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    /// One line.
    pub title: String,
    // In the schema, the tag that picks the struct (see `RuleDef`).
    #[schemars(skip)]
    pub kind: Kind,
    /// How serious a finding is.
    pub severity: Severity,
    /// The rubric criterion the rule feeds.
    #[schemars(with = "String")]
    pub criterion: Spanned<String>,
    /// Scenarios the rule runs in (any of them); empty: every draft.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub when: Vec<Spanned<String>>,
    /// `false` ships the rule switched off; `--select` switches it on.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The kinds of text the rule applies to (`full`, `fragment`, `faq`, `auto-reply`, `notice`);
    /// left out: every kind. Rules about a whole reply (its greeting, the customer's name, its closing,
    /// what a problem reply must say) name `["full"]`.
    pub reply_kinds: Option<Vec<ReplyKind>>,
    /// The register expected as the main one.
    #[serde(default)]
    pub profile: LevelProfile,
    /// The rule (Korean only).
    #[schemars(with = "LevelLang")]
    pub ko: Spanned<LevelLang>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelLang {
    /// What is wrong, in one line.
    pub message: String,
    /// Why it matters (shown by `replylint explain`).
    #[serde(default)]
    pub rationale: String,
    pub suggestion: Option<String>,
    /// What to report for each speech level that is out of place.
    pub levels: LevelsDef,
    /// Drafts the rule must stay silent on (checked by the test suite).
    #[serde(default)]
    pub good: Vec<String>,
    /// Drafts the rule must flag (checked by the test suite).
    #[serde(default)]
    pub bad: Vec<BadExample>,
}

/// A `level` rule's findings, per kind of misplaced register. A level left out is not reported.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelsDef {
    /// 반말 in the agent's voice.
    pub banmal: Option<LevelDef>,
    /// 하오체.
    pub hao: Option<LevelDef>,
    /// Chat forms: ㅋㅋ, ㅎㅎ, -용, -염.
    pub casual: Option<LevelDef>,
    /// Notice style (명사형 종결: 문의 바람, 확인 요망, 방문할 것, 완료함) in a sentence of the reply's body.
    pub notice: Option<LevelDef>,
    /// The profile's secondary register outnumbering its main one.
    pub mix: Option<LevelDef>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelDef {
    /// How serious the finding is.
    pub severity: Severity,
    /// What is wrong, in one line.
    pub message: String,
    /// What to write instead.
    pub suggestion: Option<String>,
}

/// A rule pattern as written: a string, or a table giving that pattern its own rewrite, severity or fix.
#[derive(Debug)]
pub enum PatternDef {
    Plain(String),
    Table(PatternTable),
}

/// "A string, or the table": the schema of a value written either way.
fn string_or<T: JsonSchema>(generator: &mut SchemaGenerator, description: &str) -> Schema {
    schemars::json_schema!({
        "description": description,
        "anyOf": [{ "type": "string" }, generator.subschema_for::<T>()],
    })
}

impl JsonSchema for PatternDef {
    fn schema_name() -> Cow<'static, str> {
        "Pattern".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        string_or::<PatternTable>(
            generator,
            "A regular expression, or a table giving that pattern its own rewrite, severity or fix.",
        )
    }
}

/// A pattern with its own rewrite, severity or fix.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PatternTable {
    /// A regular expression.
    pub pattern: String,
    /// This pattern's rewrite, instead of the language's `suggestion`.
    pub suggestion: Option<String>,
    /// This pattern's severity, instead of the rule's.
    pub severity: Option<Severity>,
    /// Forbid rules only.
    #[schemars(with = "Option<Fix>")]
    pub fix: Option<Spanned<Fix>>,
}

// By hand rather than `#[serde(untagged)]`: an untagged enum buffers its input, and the table's own
// fields would lose their positions in error messages.
impl<'de> Deserialize<'de> for PatternDef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = PatternDef;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a pattern string or a table { pattern, suggestion, severity, fix }")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PatternDef, E> {
                Ok(PatternDef::Plain(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<PatternDef, A::Error> {
                PatternTable::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(PatternDef::Table)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A text the rule must flag, with what it must report: the words of each finding, in order, and, where
/// a safe rewrite applies, the text after `--fix`. Written as a table (`[[en.bad]]`), or as a plain
/// string when only the firing matters.
#[derive(Debug, Clone)]
pub struct BadExample {
    pub text: String,
    /// The excerpt of each of the rule's findings, in order. Left out: the rule must just fire.
    pub finds: Option<Vec<String>>,
    /// The text after the rule's safe rewrites are applied.
    pub fixed: Option<String>,
}

/// A text the rule must flag, with what it must report.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct BadExampleTable {
    text: String,
    /// The excerpt of each of the rule's findings, in order. Left out: the rule must just fire.
    finds: Option<Vec<String>>,
    /// The text after the rule's safe rewrites are applied.
    fixed: Option<String>,
}

impl JsonSchema for BadExample {
    fn schema_name() -> Cow<'static, str> {
        "BadExample".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        string_or::<BadExampleTable>(
            generator,
            "A text the rule must flag, or a table with what it must report: the words of each finding, \
            in order, and the text after `--fix`.",
        )
    }
}

// By hand for the same reason as `PatternDef`.
impl<'de> Deserialize<'de> for BadExample {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = BadExample;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an example text or a table { text, finds, fixed }")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<BadExample, E> {
                Ok(BadExample {
                    text: v.to_string(),
                    finds: None,
                    fixed: None,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<BadExample, A::Error> {
                let table = BadExampleTable::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(BadExample {
                    text: table.text,
                    finds: table.finds,
                    fixed: table.fixed,
                })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
