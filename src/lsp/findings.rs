//! What a check found, placed in the document: each finding at the bytes of the document it is about
//! (inside an export, where the reply's words are in the file), with its rule's title and rationale and
//! the quick fixes it offers; and the problems that kept part of the document from being checked.

use super::positions::{floor_char_boundary, Encoding, LineMap};
use crate::error::Error;
use crate::finding::{Finding, SuggestionAction};
use crate::fix::{self, Edit};
use crate::pack::RuleSet;
use crate::report::{DraftResult, MacroRef, Report};
use crate::text::korean::is_syllable;
use crate::text::{one_line, Lang};
use std::ops::Range;

/// The longest excerpt quoted in a quick fix's title, in characters.
const TITLE_EXCERPT: usize = 40;

/// Everything the last check of a document found.
#[derive(Debug, Default)]
pub struct Checked {
    pub lints: Vec<Lint>,
    pub problems: Vec<Problem>,
}

/// A finding placed in the document.
#[derive(Debug)]
pub struct Lint {
    /// The bytes of the document the finding is about.
    pub range: Range<usize>,
    pub finding: Finding,
    /// The macro or batch row the finding is in, for an export or a batch.
    pub within: Option<String>,
    /// The rule's title and its rationale, in the finding's language (none for the findings replylint
    /// makes itself, such as a stale suppression).
    pub rule_title: Option<String>,
    pub rationale: Option<String>,
    pub fixes: Vec<QuickFix>,
}

/// An edit of the document that acts on a finding.
#[derive(Debug, Clone)]
pub struct QuickFix {
    pub title: String,
    /// Bytes of the document to replace, and the text to write there (already escaped for an export).
    pub edit: Edit,
    /// A safe rewrite, which an editor may apply by itself.
    pub preferred: bool,
}

/// Something that kept the document (or part of it) from being checked.
#[derive(Debug)]
pub struct Problem {
    pub range: Range<usize>,
    pub message: String,
}

impl Checked {
    /// The findings and errors of a report on one document, placed in its text.
    pub fn from_report(report: &Report, shown: &str, text: &str, rules: &RuleSet) -> Self {
        let lines = LineMap::new(text, Encoding::Utf8);
        let lints = report
            .results
            .iter()
            .flat_map(|result| result.outcome.findings.iter().map(move |f| (result, f)))
            .map(|(result, finding)| lint(result, finding, &lines, rules))
            .collect();
        let problems = report.errors.iter().map(|e| problem(e, shown, &lines)).collect();
        Checked { lints, problems }
    }

    /// A document that could not be checked at all (its config, or one of its packs, cannot be used):
    /// one problem on its first line.
    pub fn unchecked(message: &str, text: &str) -> Self {
        let lines = LineMap::new(text, Encoding::Utf8);
        Checked {
            lints: Vec::new(),
            problems: vec![Problem {
                range: lines.line_bytes(1),
                message: message.to_string(),
            }],
        }
    }
}

fn lint(result: &DraftResult, finding: &Finding, lines: &LineMap, rules: &RuleSet) -> Lint {
    let rule = rules.rules.iter().find(|r| r.id == finding.rule);
    let text = rule.map(|r| r.text_for(language_of(finding)));
    Lint {
        range: place(result, finding.span.range(), lines),
        finding: finding.clone(),
        within: result.macro_ref.as_ref().map(MacroRef::describe),
        rule_title: rule.map(|r| r.title.clone()),
        rationale: text.map(|t| t.rationale.trim().to_string()),
        fixes: quick_fix(result, finding).into_iter().collect(),
    }
}

/// The bytes of the file a range of a draft's text came from: the same range for a whole file; the words
/// in the export file for a reply in an export (the library's offset map, exact where the words are
/// written as they read, else from where the first to where the last was decoded from); the row's line
/// for a row of a batch, which keeps no finer map.
fn place(result: &DraftResult, span: Range<usize>, lines: &LineMap) -> Range<usize> {
    match &result.macro_ref {
        None => span,
        Some(MacroRef {
            origin: Some(origin), ..
        }) => origin.file_range(span.clone()).unwrap_or_else(|| {
            let start = origin.file_offset(span.start);
            start..origin.file_offset(span.end).max(start)
        }),
        Some(row) => lines.line_bytes(row.line),
    }
}

/// The language a finding is written in: its message is in the draft's language.
fn language_of(finding: &Finding) -> Lang {
    if finding.message.chars().any(is_syllable) {
        Lang::Ko
    } else {
        Lang::En
    }
}

/// The quick fix a finding offers, if any: its safe rewrite (preferred); another rewrite with no
/// `{slot}` to fill; or, for a missing sentence, the suggested sentence added after the finding's one.
/// Only edits that can be made in place in the file are offered.
fn quick_fix(result: &DraftResult, finding: &Finding) -> Option<QuickFix> {
    let excerpt = one_line(&finding.excerpt, TITLE_EXCERPT);
    let (edit, title) = match finding.action {
        SuggestionAction::Replace if finding.fixable || !finding.suggestion_has_slot() => {
            let edit = fix::rewrite(finding)?;
            let title = if edit.replacement.is_empty() {
                format!("Delete \"{excerpt}\"")
            } else {
                format!("Replace \"{excerpt}\" with \"{}\"", edit.replacement)
            };
            (edit, title)
        }
        SuggestionAction::Insert => {
            let edit = fix::insertion(finding, result.draft.original())?;
            let title = format!("Add after this sentence: \"{}\"", edit.replacement.trim());
            (edit, title)
        }
        SuggestionAction::Replace | SuggestionAction::Advise => return None,
    };
    Some(QuickFix {
        title,
        edit: fix::in_file(result, edit)?,
        preferred: finding.fixable,
    })
}

/// An error reading the document, at the line (and column) it names. A JSON error names its line and
/// byte column after the document's name (`macros.json:3:14`), a batch row its line (`answers.csv:14`);
/// anything else is placed on the first line.
fn problem(error: &Error, shown: &str, lines: &LineMap) -> Problem {
    let Error::Input { source_name, message } = error else {
        return Problem {
            range: lines.line_bytes(1),
            message: error.to_string(),
        };
    };
    let mut numbers = source_name
        .strip_prefix(shown)
        .and_then(|rest| rest.strip_prefix(':'))
        .map(|place| place.split(':').map(str::parse::<usize>))
        .into_iter()
        .flatten();
    let line = numbers.next().and_then(|n| n.ok());
    let column = numbers.next().and_then(|n| n.ok());
    let range = match (line, column) {
        (Some(line), Some(column)) => {
            let line_bytes = lines.line_bytes(line);
            // Columns are 1-based; serde_json says 0 for a place at the very start of a line.
            let at = (line_bytes.start + column.saturating_sub(1)).min(line_bytes.end);
            floor_char_boundary(lines.text(), at)..line_bytes.end
        }
        (Some(line), None) => lines.line_bytes(line),
        _ => lines.line_bytes(1),
    };
    let message = match line {
        Some(_) => format!("{}: {message}", &source_name[shown.len() + 1..]),
        None => error.to_string(),
    };
    Problem { range, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_error_is_placed_at_its_line_and_column() {
        let text = "{\n  \"macros\": [\n    {\"id\": 1,,}\n  ]\n}";
        let lines = LineMap::new(text, Encoding::Utf8);
        let error = Error::input("m.json:3:14", "not valid JSON: key must be a string");
        let problem = problem(&error, "m.json", &lines);
        assert_eq!(&text[problem.range.clone()], ",}");
        assert_eq!(problem.message, "3:14: not valid JSON: key must be a string");
    }

    #[test]
    fn other_errors_sit_on_their_line_or_the_first() {
        let text = "id,text\n1,\"open\n";
        let lines = LineMap::new(text, Encoding::Utf8);
        let row = problem(&Error::input("a.csv:2", "bad row"), "a.csv", &lines);
        assert_eq!(&text[row.range], "1,\"open");
        let whole = problem(&Error::input("a.csv", "the draft is empty"), "a.csv", &lines);
        assert_eq!(&text[whole.range], "id,text");
        assert_eq!(whole.message, "a.csv: the draft is empty");
    }
}
