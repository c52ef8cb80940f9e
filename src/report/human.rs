//! `--format human`: each finding as `path:line:col severity rule-id message`, the source line with the
//! span underlined and the suggested rewrite; then each draft's grade and a summary line.

use super::{printable, DraftResult, Printed, Report};
use crate::finding::{Finding, Severity, SuggestionAction};
use crate::grade::Grade;
use colored::{ColoredString, Colorize};
use rayon::prelude::*;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

pub fn render(report: &Report) -> Printed {
    // An export holds thousands of replies: each one's block is written on its own core, and the blocks
    // are printed in input order.
    let mut blocks: Vec<String> = report
        .results
        .par_iter()
        .map(|result| {
            let mut block = String::new();
            for finding in &result.outcome.findings {
                finding_block(&mut block, result, finding);
            }
            grade_line(&mut block, result);
            block.push('\n');
            block
        })
        .collect();
    let mut summary = String::new();
    summary_line(&mut summary, report);
    blocks.push(summary);
    blocks.into_iter().collect()
}

fn paint(text: &str, severity: Severity) -> ColoredString {
    match severity {
        Severity::Error => text.red().bold(),
        Severity::Warning => text.yellow().bold(),
        Severity::Suggestion => text.cyan().bold(),
    }
}

fn finding_block(out: &mut String, result: &DraftResult, f: &Finding) {
    let place = result.place(f.span.line, f.span.column);
    let _ = writeln!(
        out,
        "{} {} {} {}",
        printable(&place).bold(),
        paint(f.severity.as_str(), f.severity),
        f.rule.bold(),
        printable(&f.message)
    );
    let shown = ShownLine::new(result, f);
    let number = f.span.line.to_string();
    let gutter = " ".repeat(number.len());
    let _ = writeln!(out, " {} {} {}", number.blue().bold(), "|".blue().bold(), shown.text);

    // Underline the part of the span on its first line, measured in terminal columns (Hangul is wide).
    let marks = "^".repeat(shown.underline_width);
    let _ = writeln!(
        out,
        " {} {} {}{}",
        gutter,
        "|".blue().bold(),
        " ".repeat(shown.underline_at),
        paint(&marks, f.severity)
    );
    if let Some(text) = suggestion_text(f) {
        // A safe rewrite says so: `--fix` applies it.
        let label = if f.fixable { "fix (--fix):" } else { "suggestion:" };
        let _ = writeln!(
            out,
            " {} {} {} {}",
            gutter,
            "=".blue().bold(),
            label.bold(),
            printable(&text)
        );
    }
    out.push('\n');
}

/// A source line up to this many bytes is shown whole; a longer one (a draft written without line breaks)
/// as a window around the finding, so that the report stays linear in the draft and its findings.
const WHOLE_LINE_BYTES: usize = 1024;
/// In a window: the characters shown before the span, of the span, and after it.
const WINDOW_BEFORE: usize = 60;
const WINDOW_SPAN: usize = 160;
const WINDOW_AFTER: usize = 40;
/// Marks the text a window leaves out.
const CUT: &str = "…";

/// The source line of a finding as shown, and where the underline goes under it (terminal columns).
struct ShownLine {
    text: String,
    underline_at: usize,
    underline_width: usize,
}

impl ShownLine {
    fn new(result: &DraftResult, f: &Finding) -> Self {
        let range = result.draft.line_range(f.span.line);
        let line = &result.draft.original()[range.clone()];
        let start = floor_char_boundary(line, f.span.start.saturating_sub(range.start));
        let end = floor_char_boundary(line, f.span.end.saturating_sub(range.start)).max(start);
        Self::of(line, start, end)
    }

    /// A line, with the span from byte `start` to byte `end` (character boundaries, clipped to the line)
    /// underlined.
    fn of(line: &str, start: usize, end: usize) -> Self {
        let (from, span_end, to) = if line.len() <= WHOLE_LINE_BYTES {
            (0, end, line.len())
        } else {
            let from = line[..start]
                .char_indices()
                .rev()
                .take(WINDOW_BEFORE)
                .last()
                .map_or(start, |(i, _)| i);
            match line[start..end].char_indices().nth(WINDOW_SPAN) {
                Some((cut, _)) => (from, start + cut, start + cut),
                None => {
                    let to = line[end..]
                        .char_indices()
                        .nth(WINDOW_AFTER)
                        .map_or(line.len(), |(i, _)| end + i);
                    (from, end, to)
                }
            }
        };
        let mut text = String::new();
        if from > 0 {
            text.push_str(CUT);
        }
        text.push_str(&printable(&line[from..start]));
        let underline_at = UnicodeWidthStr::width(text.as_str());
        let span = printable(&line[start..span_end]);
        text.push_str(&span);
        text.push_str(&printable(&line[span_end..to]));
        if to < line.len() {
            text.push_str(CUT);
        }
        ShownLine {
            text,
            underline_at,
            underline_width: UnicodeWidthStr::width(&*span).max(1),
        }
    }
}

/// The largest character boundary of a text at or before a byte offset (clamped to the text).
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// What to do about a finding, as the human output words it: `replace with "…"`, `add after this
/// sentence: "…"`, `delete it`, or the advice itself.
pub fn suggestion_text(f: &Finding) -> Option<String> {
    let suggestion = f.suggestion.as_ref()?;
    Some(match f.action {
        SuggestionAction::Replace if suggestion.is_empty() => "delete it".to_string(),
        SuggestionAction::Replace => format!("replace with \"{suggestion}\""),
        SuggestionAction::Insert => format!("add after this sentence: \"{suggestion}\""),
        SuggestionAction::Advise => suggestion.clone(),
    })
}

fn letter(grade: &Grade) -> ColoredString {
    coloured_letter(&grade.letter)
}

/// A letter grade coloured by band: A and B green, C and D yellow, the rest red.
pub(crate) fn coloured_letter(text: &str) -> ColoredString {
    match text {
        "A" | "B" => text.green().bold(),
        "C" | "D" => text.yellow().bold(),
        _ => text.red().bold(),
    }
}

/// "fragment (no greeting, no sign-off, 1 body sentence)": the kind and why, for the grade line.
fn kind_words(kind: &crate::text::Classification) -> String {
    format!("{} ({})", kind.kind, kind.why.join("; "))
}

fn grade_line(out: &mut String, result: &DraftResult) {
    let grade = &result.grade;
    let criteria: Vec<String> = grade
        .criteria
        .iter()
        .map(|c| match c.score {
            Some(score) => format!("{} {}", c.id, score),
            None => format!("{} -", c.id),
        })
        .collect();
    let scenarios = if result.outcome.scenarios.is_empty() {
        "no scenario".to_string()
    } else {
        result.outcome.scenarios.join(", ")
    };
    let _ = write!(
        out,
        "{}: score {}/100 ({}) · {} · {}; {} · {}",
        printable(&result.name()).bold(),
        grade.score,
        letter(grade),
        criteria.join(" · "),
        result.outcome.langs.code(),
        scenarios,
        printable(&kind_words(&result.outcome.kind))
    );
    if let Some(cap) = &grade.capped {
        let _ = write!(out, " · capped ({cap})");
    }
    out.push('\n');
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn summary_line(out: &mut String, report: &Report) {
    let s = report.summary();
    let drafts = plural(s.sources, "draft");
    if s.findings == 0 {
        let _ = writeln!(out, "{} {drafts} checked, no findings.", "✓".green().bold());
    } else {
        let _ = writeln!(
            out,
            "{drafts} checked: {}, {}, {}.",
            paint(&plural(s.error, "error"), Severity::Error),
            paint(&plural(s.warning, "warning"), Severity::Warning),
            paint(&plural(s.suggestion, "suggestion"), Severity::Suggestion),
        );
    }
    let fixable = report
        .results
        .iter()
        .flat_map(|r| &r.outcome.findings)
        .filter(|f| f.fixable)
        .count();
    if fixable > 0 {
        let _ = writeln!(out, "{} can be fixed with --fix.", plural(fixable, "finding"));
    }
    if !report.errors.is_empty() {
        let _ = writeln!(out, "{} could not be read.", plural(report.errors.len(), "source"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_line_is_shown_whole() {
        let line = "안녕하세요.\tSorry for the inconvenience.";
        let start = line.find("Sorry").unwrap();
        let shown = ShownLine::of(line, start, start + 5);
        assert_eq!(shown.text, "안녕하세요. Sorry for the inconvenience.");
        assert_eq!((shown.underline_at, shown.underline_width), (12, 5));
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_span() {
        let line = format!("{}빠른 시일 내{}", "가".repeat(5000), "b".repeat(5000));
        let start = line.find("빠른").unwrap();
        let end = start + "빠른 시일 내".len();
        let shown = ShownLine::of(&line, start, end);
        assert_eq!(
            shown.text,
            format!("…{}빠른 시일 내{}…", "가".repeat(60), "b".repeat(40))
        );
        // Hangul takes two terminal columns; the cut mark one.
        assert_eq!((shown.underline_at, shown.underline_width), (121, 12));
        // At the line's start nothing is cut before; a span too long to show is cut itself.
        let shown = ShownLine::of(&line, 0, line.len());
        assert_eq!(shown.text, format!("{}…", "가".repeat(160)));
        assert_eq!((shown.underline_at, shown.underline_width), (0, 320));
    }
}
