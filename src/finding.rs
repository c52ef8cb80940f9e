//! The one currency every stage after the engine uses: a finding with its place in the original text.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

/// How serious a finding is. Ordered so that `Error > Warning > Suggestion`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Suggestion,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Suggestion];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Suggestion => "suggestion",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a suggestion does to the draft when applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SuggestionAction {
    /// Replace the finding's span with the suggestion.
    Replace,
    /// Insert the suggestion as a new sentence after the finding's span.
    Insert,
    /// Advice to follow by hand.
    Advise,
}

/// A place in the original text: byte range, and 1-based line and column (column in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

impl Finding {
    /// Whether the suggestion still has a `{slot}` for a person to fill (such a rewrite is never applied
    /// by itself).
    pub fn suggestion_has_slot(&self) -> bool {
        self.suggestion.as_deref().is_some_and(|s| s.contains('{'))
    }
}

impl Span {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// One problem a rule found in one draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: String,
    pub pack: String,
    pub severity: Severity,
    pub criterion: String,
    pub message: String,
    pub span: Span,
    /// The original text under the span.
    pub excerpt: String,
    pub suggestion: Option<String>,
    pub action: SuggestionAction,
    /// Whether `--fix` applies the suggestion by itself: a replacement the pack marks safe, with no
    /// `{slot}` left to fill.
    pub fixable: bool,
}
