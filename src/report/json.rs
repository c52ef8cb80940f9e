//! `--format json`: the stable machine contract (version 1), documented in the README.

use super::{Report, Summary};
use crate::finding::{Finding, Severity, SuggestionAction};
use crate::grade::CriterionScore;
use rayon::prelude::*;
use serde::Serialize;

/// The version of the JSON contract; bumped only on a breaking change.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
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

/// How many results one parallel task prints: enough to keep tasks few, small enough to share the work.
const RESULTS_PER_TASK: usize = 64;
/// Where a result sits in the document: inside `results`, inside the top-level object.
const RESULT_INDENT: &[u8] = b"    ";
/// The `results` field as the document shell prints it before the results are put in.
const EMPTY_RESULTS: &str = "  \"results\": [],";

/// Writes pretty JSON indented by `RESULT_INDENT` after every line break. JSON strings hold no raw line
/// breaks, so every one is a line of the layout.
struct Indented<'a>(&'a mut Vec<u8>);

impl std::io::Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for (i, line) in buf.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                self.0.push(b'\n');
                self.0.extend_from_slice(RESULT_INDENT);
            }
            self.0.extend_from_slice(line);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
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

pub fn render(report: &Report) -> String {
    let Summary {
        sources,
        findings,
        error,
        warning,
        suggestion,
    } = report.summary();
    // An export has thousands of results: they are printed a slice per task on every core, indented to
    // where they sit, and put into the document in order; the text is the same as printing the document
    // at once, without holding copies of it.
    let slices: Vec<Vec<u8>> = report
        .results
        .par_chunks(RESULTS_PER_TASK)
        .map(|slice| {
            let mut out = Vec::new();
            for r in slice {
                if !out.is_empty() {
                    out.extend_from_slice(b",\n");
                }
                out.extend_from_slice(RESULT_INDENT);
                serde_json::to_writer_pretty(Indented(&mut out), &JsonResult::of(r)).expect("a result serialises");
            }
            out
        })
        .collect();
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
    let mut out = String::with_capacity(shell.len() + slices.iter().map(|s| s.len() + 2).sum::<usize>() + 16);
    match shell.split_once(EMPTY_RESULTS) {
        Some((head, tail)) if !slices.is_empty() => {
            out.push_str(head);
            out.push_str("  \"results\": [\n");
            for (i, slice) in slices.iter().enumerate() {
                if i > 0 {
                    out.push_str(",\n");
                }
                out.push_str(std::str::from_utf8(slice).expect("serde_json writes UTF-8"));
            }
            out.push_str("\n  ],");
            out.push_str(tail);
        }
        _ => out.push_str(&shell),
    }
    out.push('\n');
    out
}
