//! Reports: the checked drafts with their findings and grades, and one renderer per format. Renderers
//! read a `Report`; they never re-run rules or recompute grades.

pub mod github;
pub mod grades;
pub mod html;
pub mod human;
pub mod json;
mod printed;
pub mod rules;
pub mod sarif;
mod splice;

use crate::engine::Outcome;
use crate::error::Error;
use crate::finding::Severity;
use crate::grade::Grade;
use crate::input::origin::ReplyOrigin;
use crate::text::DraftText;
pub use printed::Printed;
use std::borrow::Cow;

/// Text from a draft (or a name from an export) as it is safe to print on a terminal: control characters,
/// which could move the cursor, clear the screen or retitle the window, and the bidirectional controls,
/// which reorder what a reader sees, are shown as `<U+001B>`; a tab is a space. Line breaks and every
/// other character are kept.
pub fn printable(text: &str) -> Cow<'_, str> {
    let unsafe_char =
        |c: char| (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            c if unsafe_char(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Where a draft sits inside a help-desk export.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct MacroRef {
    /// `zendesk`, `freshdesk`, or `row` for a row of a CSV or JSON Lines batch.
    pub kind: &'static str,
    pub id: String,
    pub title: String,
    /// The line of the export file where the reply's string starts.
    pub line: usize,
    /// Where the reply's text is in the export file (not for batch rows).
    #[serde(skip)]
    pub origin: Option<ReplyOrigin>,
}

impl MacroRef {
    /// `zendesk 360001 "Outage::Payments"`, `row ana`: the kind, then the id and title it has.
    pub fn describe(&self) -> String {
        let mut text = self.kind.to_string();
        if !self.id.is_empty() {
            text.push_str(&format!(" {}", self.id));
        }
        if !self.title.is_empty() {
            text.push_str(&format!(" \"{}\"", self.title));
        }
        text
    }
}

/// One checked draft.
#[derive(Debug, Clone)]
pub struct DraftResult {
    /// The path as given (or as found under a given folder), `-` for standard input.
    pub source: String,
    /// The macro or canned response, when the draft came from an export.
    pub macro_ref: Option<MacroRef>,
    /// The draft as written (its matching views are dropped once it is checked).
    pub draft: DraftText,
    pub outcome: Outcome,
    pub grade: Grade,
}

#[derive(Debug, Default)]
pub struct Report {
    pub results: Vec<DraftResult>,
    /// Drafts that could not be read.
    pub errors: Vec<Error>,
    /// What was skipped in the inputs without keeping a draft from being read (an export's elements that
    /// are not macros, an export whose macros are all inactive): said on standard error.
    pub warnings: Vec<Error>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub sources: usize,
    pub findings: usize,
    pub error: usize,
    pub warning: usize,
    pub suggestion: usize,
}

impl DraftResult {
    /// How a finding's place is shown: `path:line:col`, or for an export `path:line macro ID "title"
    /// line:col` (the export line where the reply starts, then the place within the reply).
    pub fn place(&self, line: usize, column: usize) -> String {
        match &self.macro_ref {
            Some(_) => format!("{} {line}:{column}", self.name()),
            None => format!("{}:{line}:{column}", self.source),
        }
    }

    /// The 1-based line and column in the file of an offset in the draft: for a reply in an export, the
    /// place in the export file it was decoded from; for a row of a batch, the start of its row.
    pub fn file_position(&self, offset: usize) -> (usize, usize) {
        match &self.macro_ref {
            Some(MacroRef {
                origin: Some(origin), ..
            }) => origin.file_position(offset),
            Some(row) => (row.line, 1),
            None => self.draft.line_col(offset),
        }
    }

    /// The draft's name in grade lines: the path, with the macro (or batch row) it came from.
    pub fn name(&self) -> String {
        match &self.macro_ref {
            Some(m) => format!("{}:{} {}", self.source, m.line, m.describe()),
            None => self.source.clone(),
        }
    }
}

impl Report {
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            sources: self.results.len(),
            ..Summary::default()
        };
        for finding in self.results.iter().flat_map(|r| &r.outcome.findings) {
            summary.findings += 1;
            match finding.severity {
                Severity::Error => summary.error += 1,
                Severity::Warning => summary.warning += 1,
                Severity::Suggestion => summary.suggestion += 1,
            }
        }
        summary
    }

    /// Whether any finding is at or above the given severity.
    pub fn has_findings_at(&self, threshold: Severity) -> bool {
        self.results
            .iter()
            .flat_map(|r| &r.outcome.findings)
            .any(|f| f.severity >= threshold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped() {
        assert!(matches!(printable("안녕하세요, Dana.\n"), Cow::Borrowed(_)));
        assert_eq!(
            printable("a\tb\u{1b}[2Jc\rd\u{7f}\u{85}\u{202e}e"),
            "a b<U+001B>[2Jc<U+000D>d<U+007F><U+0085><U+202E>e"
        );
    }
}
