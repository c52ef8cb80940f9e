//! `--format json`: the stable machine contract (version 1), documented in the README.

use super::{Printed, Report, Summary};
use crate::finding::{Finding, Severity, SuggestionAction};
use crate::grade::CriterionScore;
use schemars::JsonSchema;
use serde::Serialize;

/// The version of the JSON contract; bumped only on a breaking change.
pub const VERSION: u32 = 1;

/// `check --format json`: one document for the whole run.
#[derive(Serialize, JsonSchema)]
pub(crate) struct JsonReport<'a> {
    /// The contract's version; fields are only ever added within a version.
    #[schemars(extend("const" = VERSION))]
    version: u32,
    /// One per draft checked.
    // Printed empty: the results are printed on their own and put in (see `splice`).
    results: Vec<JsonResult<'a>>,
    /// Drafts that could not be read.
    errors: Vec<JsonError>,
    summary: JsonSummary,
}

/// A draft checked: its grade and findings.
#[derive(Serialize, JsonSchema)]
struct JsonResult<'a> {
    /// The path as given on the command line (or as found under a given folder); `-` for standard input.
    source: &'a str,
    /// The macro or canned response, for drafts read from a help-desk export.
    #[serde(rename = "macro", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "super::MacroRef")]
    macro_ref: Option<&'a super::MacroRef>,
    /// `ko`, `en`, or for a bilingual reply both with the main language first (`ko+en`, `en+ko`).
    lang: String,
    /// The scenarios detected (or given with `--scenario`).
    scenarios: &'a [String],
    /// What kind of text the draft is (`full`, `fragment`, `faq`, `auto-reply`, `notice`), why, and who
    /// decided it; rules run only on the kinds they apply to.
    reply_kind: &'a crate::text::Classification,
    /// 0 to 100, under the rubric in force.
    score: u32,
    /// The score's letter.
    grade: &'a str,
    criteria: &'a [CriterionScore],
    findings: Vec<JsonFinding<'a>>,
}

/// A finding as the JSON contract shows it; `grade --format json` shows findings the same way.
#[derive(Serialize, JsonSchema)]
pub(crate) struct JsonFinding<'a> {
    rule: &'a str,
    pack: &'a str,
    severity: Severity,
    criterion: &'a str,
    message: &'a str,
    /// Byte offset in the original file (a byte-order mark counts); for a reply in an export or batch, in
    /// the reply's text.
    start: usize,
    /// Byte offset, exclusive.
    end: usize,
    /// 1-based.
    line: usize,
    /// 1-based, in characters.
    column: usize,
    /// The original text from `start` to `end`.
    excerpt: &'a str,
    /// The rewrite, or `null`.
    suggestion: Option<&'a str>,
    action: SuggestionAction,
    /// Whether `check --fix` applies the suggestion.
    fixable: bool,
}

/// A draft that could not be read.
#[derive(Serialize, JsonSchema)]
struct JsonError {
    source: String,
    message: String,
}

/// Counts over all results.
#[derive(Serialize, JsonSchema)]
struct JsonSummary {
    /// Drafts checked.
    sources: usize,
    findings: usize,
    /// Findings of severity `error`.
    error: usize,
    /// Findings of severity `warning`.
    warning: usize,
    /// Findings of severity `suggestion`.
    suggestion: usize,
    /// Drafts that could not be read.
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
            reply_kind: &r.outcome.kind,
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
