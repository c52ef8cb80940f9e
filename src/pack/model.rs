//! Loaded, validated rules and scenarios: what the engine compiles and runs.

use super::schema::{
    BadExample, Detector, Fix, IfNoScope, Insert, Kind, LevelProfile, LevelsDef, Measure, Scope, Spacing,
};
use crate::error::Origin;
use crate::finding::Severity;
use crate::text::{Lang, ReplyKind};

/// One regular expression as the pack wrote it and as it will be compiled.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// As written in the pack.
    pub source: String,
    /// After macro expansion (and, for loose Korean patterns, space loosening).
    pub expanded: String,
    pub origin: Origin,
    /// A rewrite for matches of this pattern, overriding the rule's own.
    pub suggestion: Option<String>,
    /// A severity for matches of this pattern, overriding the rule's own.
    pub severity: Option<Severity>,
    /// Whether `--fix` may apply this pattern's rewrite, overriding the rule's own.
    pub fix: Option<Fix>,
}

/// A rule's examples in one language: texts it must flag (with what it must report) and texts it must
/// leave alone. The test suite runs them; `explain` shows them.
#[derive(Debug, Clone, Default)]
pub struct Examples {
    pub bad: Vec<BadExample>,
    pub good: Vec<String>,
}

/// What a rule says and looks for in one language.
#[derive(Debug, Clone)]
pub struct RuleLang {
    pub patterns: Vec<Pattern>,
    pub exceptions: Vec<Pattern>,
    pub weak: Vec<Pattern>,
    /// `forbid`, Korean: patterns over morphemes (`lemma/TAG` joined by spaces).
    pub morphemes: Vec<Pattern>,
    /// `forbid`, Korean: analyses reported as findings.
    pub detect: Vec<Detector>,
    pub message: String,
    pub weak_message: Option<String>,
    pub weak_suggestion: Option<String>,
    pub rationale: String,
    pub suggestion: Option<String>,
    pub max: Option<usize>,
    pub max_share: Option<f64>,
    /// `limit` only: what is measured in this language.
    pub measure: Measure,
    /// `level` only.
    pub levels: LevelsDef,
    pub examples: Examples,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub title: String,
    /// The name of the pack that defines it.
    pub pack: String,
    pub kind: Kind,
    pub severity: Severity,
    pub criterion: String,
    pub when: Vec<String>,
    /// Where each entry of `when` was written.
    pub when_origins: Vec<Origin>,
    pub scope: Scope,
    /// Size of the opener or closing window, in sentences.
    pub window: usize,
    pub enabled: bool,
    /// The kinds of text the rule applies to; never empty.
    pub reply_kinds: Vec<ReplyKind>,
    pub spacing: Spacing,
    pub case_sensitive: bool,
    pub insert: Insert,
    /// `require` only: what an empty scope means.
    pub if_no_scope: IfNoScope,
    /// `require` only: whether a list of steps in scope counts as a match.
    pub steps_count: bool,
    pub measure: Measure,
    /// `limit` only: drafts with fewer body sentences are not measured.
    pub min_sentences: usize,
    /// `level` only: the register expected as the main one.
    pub profile: LevelProfile,
    /// `forbid` only: whether `--fix` may apply the rewrites (a pattern may say otherwise).
    pub fix: Fix,
    /// Per language, indexed by `Lang::index`.
    pub langs: [Option<RuleLang>; 2],
    pub origin: Origin,
    pub criterion_origin: Origin,
}

impl RuleLang {
    /// Whether a rewrite refers to capture groups (`$1`, `${name}`), so matches must record them.
    pub fn rewrites_use_groups(&self) -> bool {
        self.patterns
            .iter()
            .filter_map(|p| p.suggestion.as_deref())
            .chain(self.suggestion.as_deref())
            .any(|s| s.contains('$'))
    }
}

impl Rule {
    /// Whether the rule runs on this kind of text.
    pub fn applies_to(&self, kind: ReplyKind) -> bool {
        self.reply_kinds.contains(&kind)
    }

    pub fn lang(&self, lang: Lang) -> Option<&RuleLang> {
        self.langs[lang.index()].as_ref()
    }

    /// The languages this rule has text for, Korean first.
    pub fn languages(&self) -> impl Iterator<Item = Lang> + '_ {
        Lang::ALL.into_iter().filter(|&l| self.lang(l).is_some())
    }

    /// The rule's text in the preferred language, or in the other one.
    pub fn text_for(&self, preferred: Lang) -> &RuleLang {
        self.lang(preferred)
            .or_else(|| self.languages().next().and_then(|l| self.lang(l)))
            .expect("a loaded rule has at least one language")
    }
}

/// Cue phrases that tag a draft with a scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    /// Per language, indexed by `Lang::index`.
    pub cues: [Vec<Pattern>; 2],
    pub exceptions: [Vec<Pattern>; 2],
}

/// A loaded pack's description.
#[derive(Debug, Clone)]
pub struct PackInfo {
    pub name: String,
    pub description: String,
    pub version: String,
    /// The file it came from, or `built-in:NAME.toml`.
    pub file: String,
}
