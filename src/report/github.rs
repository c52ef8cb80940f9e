//! `--format github`: one GitHub Actions workflow command per finding, so findings show as annotations on
//! the pull request's files (`::warning file=…,line=…::message`). Suggestions become notices.

use super::{DraftResult, Report};
use crate::finding::{Finding, Severity};
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for result in &report.results {
        for finding in &result.outcome.findings {
            annotation(&mut out, result, finding);
        }
    }
    for error in &report.errors {
        let _ = writeln!(out, "::error title=replylint::{}", escape_data(&error.to_string()));
    }
    out
}

fn annotation(out: &mut String, result: &DraftResult, finding: &Finding) {
    let level = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Suggestion => "notice",
    };
    let (line, column) = result.file_position(finding.span.start);
    let (end_line, end_column) = result.file_position(finding.span.end.max(finding.span.start));
    let mut properties = Vec::new();
    // Standard input has no file to annotate; the annotation still shows in the run's log.
    if result.source != "-" {
        properties.push(format!("file={}", escape_property(&result.source)));
    }
    // A reply inside an export is annotated where its words are in the export file.
    properties.push(format!("line={line}"));
    properties.push(format!("col={column}"));
    properties.push(format!("endLine={end_line}"));
    if end_line == line {
        properties.push(format!("endColumn={end_column}"));
    }
    let title = match &result.macro_ref {
        Some(m) => format!("replylint {} in {}", finding.rule, m.describe()),
        None => format!("replylint {}", finding.rule),
    };
    properties.push(format!("title={}", escape_property(&title)));
    let mut message = finding.message.clone();
    if let Some(s) = finding.suggestion.as_deref().filter(|s| !s.is_empty()) {
        message.push_str(&format!("\nSuggestion: {s}"));
    }
    message.push_str(&format!("\nChecked as {}", result.outcome.kind.describe()));
    let _ = writeln!(out, "::{level} {}::{}", properties.join(","), escape_data(&message));
}

/// Workflow-command data escaping: `%`, CR and LF.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Property values also escape `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(escape_data("50% off\nnow"), "50%25 off%0Anow");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
