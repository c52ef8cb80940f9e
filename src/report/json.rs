//! `--format json`: the stable machine contract (version 1), documented in the README.

use super::{Printed, Report, Summary};
use crate::finding::{Finding, Severity, SuggestionAction};
use crate::grade::CriterionScore;
use serde::Serialize;

/// The version of the JSON contract; bumped only on a breaking change.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    /// Printed empty: the results are printed on their own and put in (see `splice`).
    results: Vec<JsonResult<'a>>,
    errors: Vec<JsonError>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonResult<'a> {
    source: &'a str,
    /// The macro or canned response, for drafts read from a help-desk export.
    #[serde(rename = "macro", skip_serializing_if = "Option::is_none")]
    macro_ref: Option<&'a super::MacroRef>,
    lang: String,
    scenarios: &'a [String],
    score: u32,
    grade: &'a str,
    criteria: &'a [CriterionScore],
    findings: Vec<JsonFinding<'a>>,
}

/// A finding as the JSON contract shows it; `grade --format json` shows findings the same way.
#[derive(Serialize)]
pub(crate) struct JsonFinding<'a> {
    rule: &'a str,
    pack: &'a str,
    severity: Severity,
    criterion: &'a str,
    message: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    excerpt: &'a str,
    suggestion: Option<&'a str>,
    action: SuggestionAction,
    /// Whether `check --fix` applies the suggestion.
    fixable: bool,
}

#[derive(Serialize)]
struct JsonError {
    source: String,
    message: String,
}

#[derive(Serialize)]
struct JsonSummary {
    sources: usize,
    findings: usize,
    error: usize,
    warning: usize,
    suggestion: usize,
    errors: usize,
}

impl<'a> From<&'a Finding> for JsonFinding<'a> {
    fn from(f: &'a Finding) -> Self {
        JsonFinding {
            rule: &f.rule,
            pack: &f.pack,
            severity: f.severity,
            criterion: &f.criterion,
            message: &f.message,
            start: f.span.start,
            end: f.span.end,
            line: f.span.line,
            column: f.span.column,
            excerpt: &f.excerpt,
            suggestion: f.suggestion.as_deref(),
            action: f.action,
            fixable: f.fixable,
        }
    }
}

impl<'a> JsonResult<'a> {
    fn of(r: &'a super::DraftResult) -> Self {
        JsonResult {
            source: &r.source,
            macro_ref: r.macro_ref.as_ref(),
            lang: r.outcome.langs.code(),
            scenarios: &r.outcome.scenarios,
            score: r.grade.score,
            grade: &r.grade.letter,
            criteria: &r.grade.criteria,
            findings: r.outcome.findings.iter().map(JsonFinding::from).collect(),
        }
    }
}

pub fn render(report: &Report) -> Printed {
    let Summary {
        sources,
        findings,
        error,
        warning,
        suggestion,
    } = report.summary();
    let printed = super::splice::print_items(&report.results, 2, JsonResult::of);
    let json = JsonReport {
        version: VERSION,
        results: Vec::new(),
        errors: report
            .errors
            .iter()
            .map(|e| match e {
                crate::Error::Input { source_name, message } => JsonError {
                    source: source_name.clone(),
                    message: message.clone(),
                },
                other => JsonError {
                    source: String::new(),
                    message: other.to_string(),
                },
            })
            .collect(),
        summary: JsonSummary {
            sources,
            findings,
            error,
            warning,
            suggestion,
            errors: report.errors.len(),
        },
    };
    let shell = serde_json::to_string_pretty(&json).expect("report serialises");
    super::splice::fill_array(&shell, "results", 2, printed)
}
