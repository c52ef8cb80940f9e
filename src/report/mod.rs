//! Reports: the checked drafts with their findings and grades, and one renderer per format. Renderers
//! read a `Report`; they never re-run rules or recompute grades.

pub mod github;
pub mod grades;
pub mod html;
pub mod human;
pub mod json;
pub mod rules;

use crate::engine::Outcome;
use crate::error::Error;
use crate::finding::Severity;
use crate::grade::Grade;
use crate::text::Draft;

/// One checked draft.
#[derive(Debug, Clone)]
pub struct DraftResult {
    /// The path as given (or as found under a given folder), `-` for standard input.
    pub source: String,
    pub draft: Draft,
    pub outcome: Outcome,
    pub grade: Grade,
}

#[derive(Debug, Default)]
pub struct Report {
    pub results: Vec<DraftResult>,
    /// Drafts that could not be read.
    pub errors: Vec<Error>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub sources: usize,
    pub findings: usize,
    pub error: usize,
    pub warning: usize,
    pub suggestion: usize,
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
