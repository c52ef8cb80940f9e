//! The rule-pack file format v1, as serde types. Unknown keys are errors.

use crate::finding::Severity;
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    pub pack: PackMeta,
    #[serde(default)]
    pub scenario: Vec<ScenarioDef>,
    #[serde(default)]
    pub rule: Vec<RuleDef>,
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: Spanned<String>,
    pub title: String,
    pub kind: Kind,
    pub severity: Severity,
    pub criterion: Spanned<String>,
    #[serde(default)]
    pub when: Vec<Spanned<String>>,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default = "default_window")]
    pub sentences: usize,
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub spacing: Spacing,
    #[serde(default)]
    pub case_sensitive: bool,
    pub insert: Option<Spanned<Insert>>,
    pub measure: Option<Spanned<Measure>>,
    /// `limit` only: drafts with fewer body sentences are not measured.
    pub min_sentences: Option<Spanned<usize>>,
    /// `level` only.
    pub profile: Option<Spanned<LevelProfile>>,
    /// `forbid` only: whether `--fix` may apply the rewrites.
    pub fix: Option<Spanned<Fix>>,
    pub en: Option<Spanned<LangRuleDef>>,
    pub ko: Option<Spanned<LangRuleDef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LangRuleDef {
    #[serde(default)]
    pub patterns: Vec<PatternDef>,
    #[serde(default)]
    pub exceptions: Vec<Spanned<String>>,
    #[serde(default)]
    pub weak: Vec<Spanned<String>>,
    pub message: String,
    pub weak_message: Option<String>,
    pub weak_suggestion: Option<String>,
    #[serde(default)]
    pub rationale: String,
    pub suggestion: Option<String>,
    pub max: Option<Spanned<usize>>,
    pub max_share: Option<Spanned<f64>>,
    /// `limit` only: this language's measure, when it differs from the rule's (words in English, Hangul
    /// syllables in Korean).
    pub measure: Option<Spanned<Measure>>,
    /// `level` only: what to report for each speech level that is out of place.
    pub levels: Option<Spanned<LevelsDef>>,
    #[serde(default)]
    pub examples: ExamplesDef,
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

/// A rule pattern as written: a string, or a table `{ pattern = "...", suggestion = "..." }` giving that
/// pattern its own rewrite. Read as a plain value (serde's untagged enums would lose the position) and
/// checked by the loader.
pub type PatternDef = Spanned<toml::Value>;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamplesDef {
    #[serde(default)]
    pub bad: Vec<String>,
    #[serde(default)]
    pub good: Vec<String>,
}
