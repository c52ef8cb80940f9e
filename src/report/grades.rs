//! `replylint grade`: a batch of graded replies and its renderers (table, CSV, Markdown, JSON; HTML is in
//! `html`). Renderers read a `ClassReport`; they never re-run rules or recompute grades.

use super::human::coloured_letter;
use super::json::{JsonFinding, VERSION};
use crate::engine::Outcome;
use crate::error::Error;
use crate::grade::{CriterionScore, Deduction, Grade};
use crate::text::{one_line, DraftText};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// One graded reply.
#[derive(Debug, Clone)]
pub struct GradedReply {
    /// Where it came from: a path, or `answers.csv:12`.
    pub origin: String,
    /// The id the batch gave (trainee, ticket), if any.
    pub id: Option<String>,
    /// The scenario the batch gave, if any (it overrides detection).
    pub scenario: Option<String>,
    pub draft: DraftText,
    pub outcome: Outcome,
    pub grade: Grade,
    pub deductions: Vec<Deduction>,
}

impl GradedReply {
    /// What a row is called: its id (with the scenario the batch gave, since a trainee often answers
    /// several), else where it came from.
    pub fn name(&self) -> String {
        match (&self.id, &self.scenario) {
            (Some(id), Some(scenario)) => format!("{id} ({scenario})"),
            (Some(id), None) => id.clone(),
            _ => self.origin.clone(),
        }
    }

    /// The ids of the rules that fired, each once, in order of first finding.
    pub fn rules_fired(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for f in &self.outcome.findings {
            if !ids.contains(&f.rule.as_str()) {
                ids.push(&f.rule);
            }
        }
        ids
    }

    /// The criteria on which this reply scores below the reference (criterion, reply, reference).
    pub fn behind(&self, reference: &GradedReply) -> Vec<(String, u32, u32)> {
        self.grade
            .criteria
            .iter()
            .zip(&reference.grade.criteria)
            .filter_map(|(mine, theirs)| match (mine.score, theirs.score) {
                (Some(m), Some(t)) if m < t => Some((mine.id.clone(), m, t)),
                _ => None,
            })
            .collect()
    }
}

/// A graded batch: the replies in input order, the rows that could not be graded, and an optional
/// reference answer to compare with.
#[derive(Debug)]
pub struct ClassReport {
    pub rubric: String,
    /// The rubric's criteria: (id, title).
    pub criteria: Vec<(String, String)>,
    pub replies: Vec<GradedReply>,
    pub errors: Vec<Error>,
    pub reference: Option<GradedReply>,
    /// Show each reply's deductions.
    pub explain: bool,
}

/// The class at a glance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassSummary {
    pub count: usize,
    pub mean: f64,
    pub median: f64,
    /// Replies per letter, in the rubric's band order.
    pub letters: Vec<LetterCount>,
    /// The most frequent findings, most frequent first, at most ten.
    pub top_findings: Vec<RuleCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LetterCount {
    pub letter: String,
    pub count: usize,
}

/// A rule and the number of replies it fired on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleCount {
    pub rule: String,
    pub replies: usize,
}

impl ClassReport {
    /// `bands` is the rubric's letters, best first.
    pub fn summary(&self, bands: &[String]) -> ClassSummary {
        let mut scores: Vec<u32> = self.replies.iter().map(|r| r.grade.score).collect();
        scores.sort_unstable();
        let count = scores.len();
        let mean = if count == 0 {
            0.0
        } else {
            scores.iter().map(|&s| f64::from(s)).sum::<f64>() / count as f64
        };
        let median = match count {
            0 => 0.0,
            n if n % 2 == 1 => f64::from(scores[n / 2]),
            n => f64::from(scores[n / 2 - 1] + scores[n / 2]) / 2.0,
        };
        let letters = bands
            .iter()
            .map(|b| LetterCount {
                letter: b.clone(),
                count: self.replies.iter().filter(|r| &r.grade.letter == b).count(),
            })
            .collect();
        let mut fired: BTreeMap<&str, usize> = BTreeMap::new();
        for reply in &self.replies {
            for rule in reply.rules_fired() {
                *fired.entry(rule).or_default() += 1;
            }
        }
        let mut top_findings: Vec<RuleCount> = fired
            .into_iter()
            .map(|(rule, replies)| RuleCount {
                rule: rule.to_string(),
                replies,
            })
            .collect();
        // Most frequent first; ties by rule id, so the order never depends on the input order.
        top_findings.sort_by(|a, b| b.replies.cmp(&a.replies).then_with(|| a.rule.cmp(&b.rule)));
        top_findings.truncate(10);
        ClassSummary {
            count,
            mean: (mean * 10.0).round() / 10.0,
            median,
            letters,
            top_findings,
        }
    }
}

fn replies(count: usize) -> String {
    if count == 1 {
        "1 reply".to_string()
    } else {
        format!("{count} replies")
    }
}

fn criterion_cell(score: &CriterionScore) -> String {
    score.score.map_or_else(|| "-".to_string(), |s| s.to_string())
}

/// Pads to a display width (Hangul is two columns wide).
fn pad(text: &str, width: usize) -> String {
    let shown = text.width();
    format!("{text}{}", " ".repeat(width.saturating_sub(shown)))
}

/// The default format: an aligned table, one row per reply, then the class summary.
pub fn table(report: &ClassReport, summary: &ClassSummary) -> String {
    let mut header: Vec<String> = vec!["REPLY".into(), "SCORE".into(), "GRADE".into()];
    header.extend(report.criteria.iter().map(|(id, _)| id.to_uppercase()));
    header.push("FINDINGS".into());
    let rows: Vec<Vec<String>> = report
        .replies
        .iter()
        .map(|r| {
            let name = super::printable(&r.name()).into_owned();
            let mut row = vec![name, r.grade.score.to_string(), r.grade.letter.clone()];
            row.extend(r.grade.criteria.iter().map(criterion_cell));
            row.push(r.outcome.findings.len().to_string());
            row
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|row| row[i].width())
                .chain([header[i].width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    let line = |cells: &[String], colour_letter: bool| -> String {
        let shown: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                let padded = pad(cell, widths[i]);
                if colour_letter && i == 2 {
                    // Colour after padding so escape codes do not upset the alignment.
                    padded.replacen(cell.as_str(), &coloured_letter(cell).to_string(), 1)
                } else {
                    padded
                }
            })
            .collect();
        shown.join("  ").trim_end().to_string()
    };
    let _ = writeln!(out, "{}", line(&header, false));
    for (row, reply) in rows.iter().zip(&report.replies) {
        let _ = writeln!(out, "{}", line(row, true));
        if report.explain {
            explain_lines(&mut out, reply, "    ");
        }
        if let Some(reference) = &report.reference {
            for (criterion, mine, theirs) in reply.behind(reference) {
                let _ = writeln!(out, "    behind the reference on {criterion}: {mine} vs {theirs}");
            }
        }
    }
    out.push('\n');
    let letters: Vec<String> = summary
        .letters
        .iter()
        .map(|l| format!("{} {}", l.letter, l.count))
        .collect();
    let _ = writeln!(
        out,
        "{} · mean {:.1} · median {:.1} · {}",
        replies(summary.count),
        summary.mean,
        summary.median,
        letters.join(" · ")
    );
    if !summary.top_findings.is_empty() {
        let top: Vec<String> = summary
            .top_findings
            .iter()
            .take(5)
            .map(|r| format!("{} ({})", r.rule, r.replies))
            .collect();
        let _ = writeln!(out, "most frequent: {}", top.join(", "));
    }
    if let Some(reference) = &report.reference {
        let _ = writeln!(
            out,
            "reference {}: {} ({})",
            reference.origin, reference.grade.score, reference.grade.letter
        );
    }
    out
}

/// Each criterion's deductions, line by line: why each point was lost.
fn explain_lines(out: &mut String, reply: &GradedReply, indent: &str) {
    let _ = writeln!(out, "{indent}kind {}", reply.outcome.kind.describe());
    for c in &reply.grade.criteria {
        let Some(score) = c.score else {
            let _ = writeln!(out, "{indent}{}: not applicable to this reply", c.id);
            continue;
        };
        let _ = writeln!(out, "{indent}{} {score}/100 (weight {})", c.id, c.weight);
        for d in reply.deductions.iter().filter(|d| d.criterion == c.id) {
            // A missing sentence has no text of its own to quote: say what is missing instead.
            let what = if d.missing {
                d.message.clone()
            } else {
                format!("\"{}\"", one_line(&d.excerpt, 50))
            };
            let _ = writeln!(
                out,
                "{indent}  -{} {} ({}) line {}: {what}",
                d.penalty, d.rule, d.severity, d.line
            );
        }
    }
    if let Some(cap) = &reply.grade.capped {
        let _ = writeln!(out, "{indent}capped: {cap}");
    }
}

/// One row per reply: id, source, score, letter, one column per criterion, the finding count and the ids
/// of the rules that fired.
pub fn csv(report: &ClassReport) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "id".to_string(),
        "scenario".into(),
        "source".into(),
        "score".into(),
        "grade".into(),
    ];
    header.extend(report.criteria.iter().map(|(id, _)| id.clone()));
    header.extend(["findings".to_string(), "rules".into()]);
    let _ = writer.write_record(&header);
    for r in &report.replies {
        let mut row = vec![
            r.id.clone().unwrap_or_default(),
            r.scenario.clone().unwrap_or_default(),
            r.origin.clone(),
            r.grade.score.to_string(),
            r.grade.letter.clone(),
        ];
        row.extend(
            r.grade
                .criteria
                .iter()
                .map(|c| c.score.map(|s| s.to_string()).unwrap_or_default()),
        );
        row.push(r.outcome.findings.len().to_string());
        row.push(r.rules_fired().join(" "));
        let _ = writer.write_record(&row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A Markdown report: the summary, then a table, then (with `--explain`) each reply's deductions.
pub fn markdown(report: &ClassReport, summary: &ClassSummary) -> String {
    let mut out = format!("# Grades ({} rubric)\n\n", report.rubric);
    let letters: Vec<String> = summary
        .letters
        .iter()
        .map(|l| format!("{}: {}", l.letter, l.count))
        .collect();
    let _ = writeln!(
        out,
        "{}, mean {:.1}, median {:.1}. {}.\n",
        replies(summary.count),
        summary.mean,
        summary.median,
        letters.join(", ")
    );
    let mut header = vec!["reply".to_string(), "score".into(), "grade".into()];
    header.extend(report.criteria.iter().map(|(id, _)| id.clone()));
    header.push("rules that fired".into());
    if report.reference.is_some() {
        header.push("behind the reference".into());
    }
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
    for r in &report.replies {
        let mut row = vec![escape_md(&r.name()), r.grade.score.to_string(), r.grade.letter.clone()];
        row.extend(r.grade.criteria.iter().map(criterion_cell));
        let fired: Vec<String> = r.rules_fired().iter().map(|id| format!("`{id}`")).collect();
        row.push(fired.join(", "));
        if let Some(reference) = &report.reference {
            let behind: Vec<String> = r
                .behind(reference)
                .iter()
                .map(|(c, mine, theirs)| format!("{c} {mine} vs {theirs}"))
                .collect();
            row.push(behind.join(", "));
        }
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    if !summary.top_findings.is_empty() {
        out.push_str("\n## Most frequent findings\n\n");
        for r in &summary.top_findings {
            let _ = writeln!(out, "- `{}`: {}", r.rule, replies(r.replies));
        }
    }
    if report.explain {
        for r in &report.replies {
            let _ = writeln!(out, "\n## {}\n\n```text", escape_md(&r.name()));
            explain_lines(&mut out, r, "");
            out.push_str("```\n");
        }
    }
    out
}

fn escape_md(text: &str) -> String {
    text.replace('|', "\\|")
}

#[derive(Serialize)]
struct JsonClass<'a> {
    version: u32,
    rubric: &'a str,
    summary: &'a ClassSummary,
    replies: Vec<JsonReply<'a>>,
    reference: Option<JsonReply<'a>>,
    errors: Vec<JsonRowError>,
}

#[derive(Serialize)]
struct JsonReply<'a> {
    id: Option<&'a str>,
    source: &'a str,
    lang: String,
    scenarios: &'a [String],
    reply_kind: &'a crate::text::Classification,
    score: u32,
    grade: &'a str,
    criteria: &'a [CriterionScore],
    capped: Option<&'a str>,
    deductions: &'a [Deduction],
    findings: Vec<JsonFinding<'a>>,
    /// Criteria on which the reply scores below the reference answer.
    behind_reference: Option<Vec<JsonBehind>>,
}

#[derive(Serialize)]
struct JsonBehind {
    criterion: String,
    score: u32,
    reference: u32,
}

#[derive(Serialize)]
struct JsonRowError {
    source: String,
    message: String,
}

fn json_reply<'a>(r: &'a GradedReply, reference: Option<&GradedReply>) -> JsonReply<'a> {
    JsonReply {
        id: r.id.as_deref(),
        source: &r.origin,
        lang: r.outcome.langs.code(),
        scenarios: &r.outcome.scenarios,
        reply_kind: &r.outcome.kind,
        score: r.grade.score,
        grade: &r.grade.letter,
        criteria: &r.grade.criteria,
        capped: r.grade.capped.as_deref(),
        deductions: &r.deductions,
        findings: r.outcome.findings.iter().map(JsonFinding::from).collect(),
        behind_reference: reference.map(|reference| {
            r.behind(reference)
                .into_iter()
                .map(|(criterion, score, reference)| JsonBehind {
                    criterion,
                    score,
                    reference,
                })
                .collect()
        }),
    }
}

/// One graded reply as `grade --format json` shows it, under the contract version.
pub fn reply_json(reply: &GradedReply) -> String {
    #[derive(Serialize)]
    struct One<'a> {
        version: u32,
        #[serde(flatten)]
        reply: JsonReply<'a>,
    }
    let one = One {
        version: VERSION,
        reply: json_reply(reply, None),
    };
    serde_json::to_string_pretty(&one).unwrap_or_default() + "\n"
}

pub fn json(report: &ClassReport, summary: &ClassSummary) -> String {
    let class = JsonClass {
        version: VERSION,
        rubric: &report.rubric,
        summary,
        replies: report
            .replies
            .iter()
            .map(|r| json_reply(r, report.reference.as_ref()))
            .collect(),
        reference: report.reference.as_ref().map(|r| json_reply(r, None)),
        errors: report
            .errors
            .iter()
            .map(|e| match e {
                Error::Input { source_name, message } => JsonRowError {
                    source: source_name.clone(),
                    message: message.clone(),
                },
                other => JsonRowError {
                    source: String::new(),
                    message: other.to_string(),
                },
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&class).unwrap_or_default();
    text.push('\n');
    text
}
