//! The rule-pack file format, as serde types. Unknown keys are errors, and so is a key that does not
//! belong to the rule's kind: each kind has its own struct, chosen by the rule's `kind` field.
//!
//! A pack is a folder (`pack.toml` with the `[pack]` table and any `[[scenario]]`, then one file per rule,
//! named after the rule id) or a single file holding `[pack]`, `[[scenario]]` and `[[rule]]` tables.

use crate::finding::Severity;
use serde::Deserialize;
use toml::Spanned;

/// `pack.toml` in a pack folder: the pack's metadata and scenarios. A single-file pack also has `[[rule]]`
/// tables, read one by one by the loader (each by the struct of its kind).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackHeader {
    pub pack: PackMeta,
    #[serde(default)]
    pub scenario: Vec<ScenarioDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackMeta {
    pub name: Spanned<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub version: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioDef {
    pub id: Spanned<String>,
    #[serde(default)]
    pub title: String,
    pub en: Option<CuesDef>,
    pub ko: Option<CuesDef>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuesDef {
    #[serde(default)]
    pub cues: Vec<Spanned<String>>,
    #[serde(default)]
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

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    #[default]
    Any,
    /// The greeting and the body (not the signature): for phrases that belong in neither place, such
    /// as "Dear valued customer".
    All,
    Opener,
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

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Spacing {
    #[default]
    Loose,
    Strict,
}

/// Whether `--fix` may apply a forbid rule's rewrite by itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fix {
    /// Always right where the pattern matches: applied by `--fix` (unless it has a `{slot}` to fill).
    Safe,
    /// For a person to judge: shown, never applied.
    #[default]
    Manual,
}

/// Where a `require` rule's missing sentence goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Insert {
    AfterGreeting,
    AfterOpener,
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

/// What a `limit` rule counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    #[default]
    Matches,
    Words,
    Hangul,
    /// Where the first sentence holding a match sits, as a share of the sentences in scope.
    Position,
}

/// The register a `level` rule expects as the main one in a Korean reply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
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
#[derive(Debug)]
pub enum RuleDef {
    Forbid(ForbidRule),
    Require(RequireRule),
    Limit(LimitRule),
    Level(LevelRule),
}

/// `kind = "forbid"`: each match of a pattern in scope is a finding, with the rewrite as its suggestion.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForbidRule {
    /// Required in a single-file pack; in a pack folder the file name is the id.
    pub id: Option<Spanned<String>>,
    pub title: String,
    pub kind: Kind,
    pub severity: Severity,
    pub criterion: Spanned<String>,
    #[serde(default)]
    pub when: Vec<Spanned<String>>,
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default = "default_window")]
    pub sentences: usize,
    #[serde(default)]
    pub spacing: Spacing,
    #[serde(default)]
    pub case_sensitive: bool,
    /// Whether `--fix` may apply the rewrites (a pattern table may say otherwise).
    #[serde(default)]
    pub fix: Fix,
    pub en: Option<Spanned<ForbidLang>>,
    pub ko: Option<Spanned<ForbidLang>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForbidLang {
    #[serde(default)]
    pub patterns: Vec<Spanned<PatternDef>>,
    #[serde(default)]
    pub exceptions: Vec<Spanned<String>>,
    pub message: String,
    #[serde(default)]
    pub rationale: String,
    pub suggestion: Option<String>,
    #[serde(default)]
    pub good: Vec<String>,
    #[serde(default)]
    pub bad: Vec<BadExample>,
}

/// `kind = "require"`: no match in scope is one finding, anchored where the missing sentence should go.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequireRule {
    pub id: Option<Spanned<String>>,
    pub title: String,
    pub kind: Kind,
    pub severity: Severity,
    pub criterion: Spanned<String>,
    #[serde(default)]
    pub when: Vec<Spanned<String>>,
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default = "default_window")]
    pub sentences: usize,
    #[serde(default)]
    pub spacing: Spacing,
    #[serde(default)]
    pub case_sensitive: bool,
    #[serde(default)]
    pub insert: Insert,
    pub en: Option<Spanned<RequireLang>>,
    pub ko: Option<Spanned<RequireLang>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequireLang {
    #[serde(default)]
    pub patterns: Vec<Spanned<PatternDef>>,
    #[serde(default)]
    pub exceptions: Vec<Spanned<String>>,
    /// Phrases that half-satisfy the rule: found instead of a pattern, they turn the finding into
    /// `weak_message` / `weak_suggestion`.
    #[serde(default)]
    pub weak: Vec<Spanned<String>>,
    pub message: String,
    pub weak_message: Option<String>,
    pub weak_suggestion: Option<String>,
    #[serde(default)]
    pub rationale: String,
    pub suggestion: Option<String>,
    #[serde(default)]
    pub good: Vec<String>,
    #[serde(default)]
    pub bad: Vec<BadExample>,
}

/// `kind = "limit"`: a count, a length or a position over a bound.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitRule {
    pub id: Option<Spanned<String>>,
    pub title: String,
    pub kind: Kind,
    pub severity: Severity,
    pub criterion: Spanned<String>,
    #[serde(default)]
    pub when: Vec<Spanned<String>>,
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default = "default_window")]
    pub sentences: usize,
    #[serde(default)]
    pub spacing: Spacing,
    #[serde(default)]
    pub case_sensitive: bool,
    #[serde(default)]
    pub measure: Measure,
    /// Drafts with fewer body sentences are not measured.
    #[serde(default)]
    pub min_sentences: usize,
    pub en: Option<Spanned<LimitLang>>,
    pub ko: Option<Spanned<LimitLang>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitLang {
    #[serde(default)]
    pub patterns: Vec<Spanned<PatternDef>>,
    #[serde(default)]
    pub exceptions: Vec<Spanned<String>>,
    pub message: String,
    #[serde(default)]
    pub rationale: String,
    pub suggestion: Option<String>,
    pub max: Option<Spanned<usize>>,
    pub max_share: Option<Spanned<f64>>,
    /// This language's measure, when it differs from the rule's (words in English, Hangul syllables in
    /// Korean).
    pub measure: Option<Measure>,
    #[serde(default)]
    pub good: Vec<String>,
    #[serde(default)]
    pub bad: Vec<BadExample>,
}

/// `kind = "level"`: the Korean speech level of each sentence in the agent's voice. Korean only.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelRule {
    pub id: Option<Spanned<String>>,
    pub title: String,
    pub kind: Kind,
    pub severity: Severity,
    pub criterion: Spanned<String>,
    #[serde(default)]
    pub when: Vec<Spanned<String>>,
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The register expected as the main one.
    #[serde(default)]
    pub profile: LevelProfile,
    pub ko: Spanned<LevelLang>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelLang {
    pub message: String,
    #[serde(default)]
    pub rationale: String,
    pub suggestion: Option<String>,
    /// What to report for each speech level that is out of place.
    pub levels: LevelsDef,
    #[serde(default)]
    pub good: Vec<String>,
    #[serde(default)]
    pub bad: Vec<BadExample>,
}

/// A `level` rule's findings, per kind of misplaced register. A level left out is not reported.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelsDef {
    /// 반말 in the agent's voice.
    pub banmal: Option<LevelDef>,
    /// 하오체.
    pub hao: Option<LevelDef>,
    /// Chat forms: ㅋㅋ, ㅎㅎ, -용, -염.
    pub casual: Option<LevelDef>,
    /// The profile's secondary register outnumbering its main one.
    pub mix: Option<LevelDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelDef {
    pub severity: Severity,
    pub message: String,
    pub suggestion: Option<String>,
}

/// A rule pattern as written: a string, or a table giving that pattern its own rewrite, severity or fix.
#[derive(Debug)]
pub enum PatternDef {
    Plain(String),
    Table(PatternTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternTable {
    pub pattern: String,
    pub suggestion: Option<String>,
    pub severity: Option<Severity>,
    /// Forbid rules only.
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BadExampleTable {
    text: String,
    finds: Option<Vec<String>>,
    fixed: Option<String>,
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
