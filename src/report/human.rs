//! `--format human`: each finding as `path:line:col severity rule-id message`, the source line with the
//! span underlined and the suggested rewrite; then each draft's grade and a summary line.

use super::{DraftResult, Printed, Report};
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
        place.bold(),
        paint(f.severity.as_str(), f.severity),
        f.rule.bold(),
        f.message
    );
    let line = result.draft.line_text(f.span.line).replace('\t', " ");
    let number = f.span.line.to_string();
    let gutter = " ".repeat(number.len());
    let _ = writeln!(out, " {} {} {}", number.blue().bold(), "|".blue().bold(), line);

    // Underline the part of the span on its first line, measured in terminal columns (Hangul is wide).
    let before: String = line.chars().take(f.span.column - 1).collect();
    let first_line_of_excerpt = f.excerpt.split('\n').next().unwrap_or("").trim_end_matches('\r');
    let width = UnicodeWidthStr::width(first_line_of_excerpt.replace('\t', " ").as_str()).max(1);
    let marks = "^".repeat(width);
    let _ = writeln!(
        out,
        " {} {} {}{}",
        gutter,
        "|".blue().bold(),
        " ".repeat(UnicodeWidthStr::width(before.as_str())),
        paint(&marks, f.severity)
    );
    if let Some(text) = suggestion_text(f) {
        // A safe rewrite says so: `--fix` applies it.
        let label = if f.fixable { "fix (--fix):" } else { "suggestion:" };
        let _ = writeln!(out, " {} {} {} {}", gutter, "=".blue().bold(), label.bold(), text);
    }
    out.push('\n');
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
        "{}: score {}/100 ({}) · {} · {}; {}",
        result.name().bold(),
        grade.score,
        letter(grade),
        criteria.join(" · "),
        result.outcome.langs.code(),
        scenarios
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
