//! Findings as LSP diagnostics, and the hover text that explains them.
//!
//! Severities: error → Error, warning → Warning, suggestion → Information. Suggestions are advice a
//! writer should see in the problems list, which many editors leave out for Hint (VS Code only dots
//! the first characters of a hint).

use super::findings::{Checked, Lint};
use super::positions::LineMap;
use crate::finding::Severity;
use crate::report::human::suggestion_text;
use lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString};

pub const SOURCE: &str = "replylint";

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Suggestion => DiagnosticSeverity::INFORMATION,
    }
}

/// A finding as a diagnostic: at its words, with the rule id as its code.
pub fn of_lint(lint: &Lint, lines: &LineMap) -> Diagnostic {
    Diagnostic {
        range: lines.range(lint.range.clone()),
        severity: Some(severity(lint.finding.severity)),
        code: Some(NumberOrString::String(lint.finding.rule.clone())),
        source: Some(SOURCE.into()),
        message: lint.finding.message.clone(),
        ..Diagnostic::default()
    }
}

/// Every diagnostic of a checked document: the findings, then what could not be checked (as errors).
pub fn all(checked: &Checked, lines: &LineMap) -> Vec<Diagnostic> {
    let problems = checked.problems.iter().map(|p| Diagnostic {
        range: lines.range(p.range.clone()),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.into()),
        message: p.message.clone(),
        ..Diagnostic::default()
    });
    checked
        .lints
        .iter()
        .map(|l| of_lint(l, lines))
        .chain(problems)
        .collect()
}

/// Markdown explaining a finding: the rule's title and id, the message, the rationale and the rewrite.
pub fn hover_text(lint: &Lint) -> String {
    let f = &lint.finding;
    let mut parts = Vec::new();
    let title = lint.rule_title.as_deref().unwrap_or(&f.rule);
    parts.push(format!("**{title}** · `{}` · {}", f.rule, f.severity));
    parts.push(f.message.clone());
    if let Some(rationale) = lint.rationale.as_deref().filter(|r| !r.is_empty()) {
        parts.push(rationale.to_string());
    }
    if let Some(text) = suggestion_text(f) {
        // A safe rewrite says so, as in the command line's output.
        let label = if f.fixable { "Fix (safe)" } else { "Suggestion" };
        parts.push(format!("{label}: {text}"));
    }
    if let Some(within) = &lint.within {
        parts.push(format!("In {within}"));
    }
    parts.join("\n\n")
}
