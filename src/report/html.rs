//! `replylint grade --format html`: one self-contained page (inline CSS and SVG, no network assets) to share
//! with a class: a summary with the letter distribution and the most frequent findings, then one section
//! per reply with its text, the findings highlighted in place, each rewrite, and per-criterion bars.

use super::grades::{ClassReport, ClassSummary, GradedReply, LetterCount};
use crate::finding::{Finding, SuggestionAction};
use std::fmt::Write;

const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans KR',sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d2330;line-height:1.5}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2.5rem;border-top:1px solid #d8dce4;padding-top:1rem}
.stats{display:flex;gap:2rem;flex-wrap:wrap}.stat b{display:block;font-size:1.6rem}
.letter{display:inline-block;min-width:1.6em;text-align:center;border-radius:.3em;color:#fff;font-weight:bold}
.A,.B{background:#2e7d32}.C,.D{background:#b26a00}.F{background:#c62828}
.reply{white-space:pre-wrap;background:#f6f7f9;border-radius:.4rem;padding:1rem;font-size:.95rem}
mark{border-radius:.2em;padding:0 .1em}mark.error{background:#ffcdd2}mark.warning{background:#ffe0b2}mark.suggestion{background:#e3f2fd}
.bar{height:.8rem;background:#e6e8ee;border-radius:.4rem;width:16rem;display:inline-block;vertical-align:middle;margin:0 .5rem}
.bar span{display:block;height:100%;border-radius:.4rem;background:#3f6fd8}
ol.findings li{margin:.4rem 0}.rule{font-family:ui-monospace,monospace;font-size:.9em}
.sev-error{color:#c62828}.sev-warning{color:#b26a00}.sev-suggestion{color:#1565c0}
.rewrite{display:block;color:#2e7d32}.behind{color:#c62828}
table{border-collapse:collapse}td,th{padding:.2rem .6rem;text-align:left}
";

pub fn render(report: &ClassReport, summary: &ClassSummary) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Grades: {} replies</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        summary.count
    );
    let _ = writeln!(
        out,
        "<h1>Grades <small>({} rubric)</small></h1>",
        escape(&report.rubric)
    );
    class_summary(&mut out, summary);
    for (index, reply) in report.replies.iter().enumerate() {
        reply_section(&mut out, index, reply, report);
    }
    if !report.errors.is_empty() {
        out.push_str("<h2>Rows that could not be graded</h2>\n<ul>\n");
        for e in &report.errors {
            let _ = writeln!(out, "<li>{}</li>", escape(&e.to_string()));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn class_summary(out: &mut String, summary: &ClassSummary) {
    out.push_str("<section id=\"summary\">\n<div class=\"stats\">\n");
    for (label, value) in [
        ("replies", summary.count.to_string()),
        ("mean", format!("{:.1}", summary.mean)),
        ("median", format!("{:.1}", summary.median)),
    ] {
        let _ = writeln!(out, "<div class=\"stat\"><b>{value}</b>{label}</div>");
    }
    out.push_str("</div>\n");
    letter_chart(out, &summary.letters);
    if !summary.top_findings.is_empty() {
        out.push_str("<h3>Most frequent findings</h3>\n<table id=\"top-findings\">\n");
        for r in &summary.top_findings {
            let _ = writeln!(
                out,
                "<tr><td class=\"rule\">{}</td><td>{} of {}</td></tr>",
                escape(&r.rule),
                r.replies,
                summary.count
            );
        }
        out.push_str("</table>\n");
    }
    out.push_str("</section>\n");
}

/// The letter distribution as an inline SVG bar chart.
fn letter_chart(out: &mut String, letters: &[LetterCount]) {
    const BAR: usize = 48;
    const HEIGHT: usize = 120;
    let most = letters.iter().map(|l| l.count).max().unwrap_or(0).max(1);
    let width = letters.len() * (BAR + 16) + 16;
    let _ = writeln!(
        out,
        "<svg id=\"letters\" role=\"img\" aria-label=\"Letter distribution\" width=\"{width}\" height=\"{}\" \
         xmlns=\"http://www.w3.org/2000/svg\">",
        HEIGHT + 40
    );
    for (i, LetterCount { letter, count: n }) in letters.iter().enumerate() {
        let x = 16 + i * (BAR + 16);
        let h = n * HEIGHT / most;
        let y = HEIGHT - h + 16;
        let colour = match letter.as_str() {
            "A" | "B" => "#2e7d32",
            "C" | "D" => "#b26a00",
            _ => "#c62828",
        };
        let _ = writeln!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{BAR}\" height=\"{h}\" fill=\"{colour}\"><title>{}: {n}</title></rect>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\">{n}</text>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{}</text>",
            escape(letter),
            x + BAR / 2,
            y.saturating_sub(4).max(12),
            x + BAR / 2,
            HEIGHT + 34,
            escape(letter)
        );
    }
    out.push_str("</svg>\n");
}

fn reply_section(out: &mut String, index: usize, reply: &GradedReply, report: &ClassReport) {
    let _ = writeln!(
        out,
        "<section class=\"graded\" id=\"reply-{}\">\n<h2>{} <span class=\"letter {}\">{}</span> {}/100</h2>",
        index + 1,
        escape(&reply.name()),
        escape(&reply.grade.letter),
        escape(&reply.grade.letter),
        reply.grade.score
    );
    if reply.id.is_some() {
        let _ = writeln!(out, "<p><small>{}</small></p>", escape(&reply.origin));
    }
    let _ = writeln!(
        out,
        "<p class=\"kind\"><small>Checked as {}</small></p>",
        escape(&reply.outcome.kind.describe())
    );
    out.push_str("<table class=\"criteria\">\n");
    for (c, (_, title)) in reply.grade.criteria.iter().zip(&report.criteria) {
        let shown = if title.is_empty() { &c.id } else { title };
        match c.score {
            Some(score) => {
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td><span class=\"bar\"><span style=\"width:{score}%\"></span></span>{score}</td></tr>",
                    escape(shown)
                );
            }
            None => {
                let _ = writeln!(out, "<tr><td>{}</td><td>not applicable</td></tr>", escape(shown));
            }
        }
    }
    out.push_str("</table>\n");
    if let Some(cap) = &reply.grade.capped {
        let _ = writeln!(out, "<p>Score capped: {}</p>", escape(cap));
    }
    if let Some(reference) = &report.reference {
        for (criterion, mine, theirs) in reply.behind(reference) {
            let _ = writeln!(
                out,
                "<p class=\"behind\">Behind the reference on {}: {mine} vs {theirs}</p>",
                escape(&criterion)
            );
        }
    }
    let _ = writeln!(
        out,
        "<div class=\"reply\">{}</div>",
        highlighted(reply.draft.original(), &reply.outcome.findings)
    );
    if !reply.outcome.findings.is_empty() {
        out.push_str("<ol class=\"findings\">\n");
        for f in &reply.outcome.findings {
            let _ = write!(
                out,
                "<li><span class=\"sev-{}\">{}</span> <span class=\"rule\">{}</span> line {}: {}",
                f.severity,
                f.severity,
                escape(&f.rule),
                f.span.line,
                escape(&f.message)
            );
            if let Some(s) = &f.suggestion {
                let label = match f.action {
                    SuggestionAction::Replace => "Rewrite",
                    SuggestionAction::Insert => "Add",
                    SuggestionAction::Advise => "Advice",
                };
                // An empty rewrite means the words are better left out.
                let shown = if s.is_empty() {
                    "delete it".to_string()
                } else {
                    escape(s)
                };
                let _ = write!(out, "<span class=\"rewrite\">{label}: {shown}</span>");
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

/// The reply's text with every finding about its words marked (a missing sentence has no words to mark;
/// it is listed below the text). Overlapping findings are split into segments, each marked with the
/// gravest severity covering it and titled with every finding there.
fn highlighted(text: &str, findings: &[Finding]) -> String {
    let findings: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.action != SuggestionAction::Insert)
        .collect();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for f in &findings {
        cuts.extend([f.span.start.min(text.len()), f.span.end.min(text.len())]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let Some(segment) = text.get(start..end) else { continue };
        let covering: Vec<&Finding> = findings
            .iter()
            .copied()
            .filter(|f| f.span.start <= start && end <= f.span.end && f.span.start < f.span.end)
            .collect();
        let Some(gravest) = covering.iter().map(|f| f.severity).max() else {
            out.push_str(&escape(segment));
            continue;
        };
        let title: Vec<String> = covering.iter().map(|f| format!("{}: {}", f.rule, f.message)).collect();
        let rules: Vec<&str> = covering.iter().map(|f| f.rule.as_str()).collect();
        let _ = write!(
            out,
            "<mark class=\"{gravest}\" data-rules=\"{}\" title=\"{}\">{}</mark>",
            escape(&rules.join(" ")),
            escape(&title.join("\n")),
            escape(segment)
        );
    }
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
