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
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Forbid => "forbid",
            Kind::Require => "require",
            Kind::Limit => "limit",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    #[default]
    Any,
    Opener,
    Closing,
    /// The greeting line(s): "Hi Dana,", "안녕하세요 홍길동 님,".
    Greeting,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Any => "any",
            Scope::Opener => "opener",
            Scope::Closing => "closing",
            Scope::Greeting => "greeting",
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
    #[serde(default)]
    pub examples: ExamplesDef,
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
