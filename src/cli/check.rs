//! `replylint check`: lint drafts and print findings with grades.

use super::args::{CheckArgs, CheckFormat, CheckInput, ConfigArgs, FailOn, LangArg, PackArgs};
use super::{load_rubric, load_rules, print, write_atomically, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::baseline::Baseline;
use crate::config::{Config, FailOnSetting};
use crate::engine::Outcome;
use crate::engine::{CheckOptions, Linter, Profile};
use crate::error::{Error, Result};
use crate::finding::{Finding, Severity, Span, SuggestionAction};
use crate::grade::Grade;
use crate::grade::Rubric;
use crate::input::exports::{self, ExportKind, MacroReply};
use crate::input::records::{self, BatchFormat, Columns, Record};
use crate::input::{self, Source};
use crate::report::{github, human, json, DraftResult, MacroRef, Report};
use crate::suppress;
use crate::text::liquid;
use crate::text::{Draft, Lang};
use rayon::prelude::*;
use std::io::IsTerminal;

/// From this many drafts on, compiling for search speed pays for itself.
const THROUGHPUT_FROM: usize = 20;

pub fn run(args: CheckArgs) -> Result<u8> {
    let (mut report, config) = build_report(&args)?;
    let fail_on = args.fail_on.unwrap_or(match config.fail_on {
        Some(FailOnSetting::Warning) => FailOn::Warning,
        Some(FailOnSetting::Suggestion) => FailOn::Suggestion,
        Some(FailOnSetting::Never) => FailOn::Never,
        Some(FailOnSetting::Error) | None => FailOn::Error,
    });
    if let Some(path) = &args.baseline {
        let baseline = Baseline::load(path)?;
        let outcome = baseline.apply(&mut report);
        eprintln!(
            "replylint: baseline {}: {} finding(s) already known, {} baseline entr{} no longer found (fixed)",
            path.display(),
            outcome.known,
            outcome.fixed,
            if outcome.fixed == 1 { "y" } else { "ies" }
        );
    }
    report_errors(&report);
    let text = match args.format {
        CheckFormat::Human => human::render(&report),
        CheckFormat::Json => json::render(&report),
        CheckFormat::Github => github::render(&report),
    };
    match &args.output {
        Some(path) => write_atomically(path, &text)?,
        None => print(&text),
    }
    Ok(if !report.errors.is_empty() {
        EXIT_ERROR
    } else if fail_on.threshold().is_some_and(|t| report.has_findings_at(t)) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// `replylint baseline`: today's findings as a baseline file, so that `check --baseline` fails only on new
/// ones.
pub fn record_baseline(args: CheckArgs) -> Result<u8> {
    let (report, _) = build_report(&args)?;
    report_errors(&report);
    let text = Baseline::from_report(&report).to_json();
    match &args.output {
        Some(path) => write_atomically(path, &text)?,
        None => print(&text),
    }
    eprintln!(
        "replylint: baseline of {} finding(s) in {} draft(s)",
        report.summary().findings,
        report.results.len()
    );
    Ok(if report.errors.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    })
}

fn report_errors(report: &Report) {
    for error in &report.errors {
        eprintln!("replylint: error: {error}");
    }
}

/// The config in force: the one named, none, or the one found from the current folder upward.
pub(super) fn load_config(args: &ConfigArgs) -> Result<Config> {
    match (&args.config, args.no_config) {
        (_, true) => Ok(Config::default()),
        (Some(path), false) => Config::load(path),
        (None, false) => Config::discover(),
    }
}

/// Lints everything the arguments name, in input order, with the config in force.
fn build_report(args: &CheckArgs) -> Result<(Report, Config)> {
    let config = load_config(&args.config)?;
    let mut packs = args.packs.packs.clone();
    packs.extend(config.packs.iter().cloned());
    let mut rules = load_rules(&PackArgs { packs })?;
    config.apply_to_rules(&mut rules)?;
    let rubric = load_rubric(args.rubric.as_deref().or(config.rubric.as_deref()), &rules)?;
    let mut linter = Linter::new(rules);
    // The command line's --select wins over the config's; ignores add up.
    linter.select(if args.select.is_empty() {
        &config.select
    } else {
        &args.select
    })?;
    linter.ignore(&config.ignore)?;
    linter.ignore(&args.ignore)?;
    linter.check_scenarios(&args.scenario)?;
    let options = CheckOptions {
        lang: lang_option(args.lang),
        scenarios: (!args.scenario.is_empty()).then(|| args.scenario.clone()),
    };

    let (sources, mut errors) = input::collect(&args.paths);
    if sources.iter().filter(|s| **s == Source::Stdin).count() > 1 {
        return Err(Error::Usage("standard input (-) can be given only once".into()));
    }
    if sources.contains(&Source::Stdin) && std::io::stdin().is_terminal() {
        eprintln!("replylint: reading a draft from standard input; end it with Ctrl-D");
    }
    let columns = Columns::new(args.text_column.clone(), args.id_column.clone(), None);
    let (items, export_errors) = expand_exports(sources, args.input, args.include_inactive, &columns);
    errors.extend(export_errors);
    if items.len() >= THROUGHPUT_FROM {
        linter.set_profile(Profile::Throughput);
    }
    let checked: Vec<Result<DraftResult>> = items
        .par_iter()
        .map(|item| check_one(&linter, &rubric, &options, item))
        .collect();
    let mut report = Report::default();
    for result in checked {
        match result {
            Ok(r) => report.results.push(r),
            Err(e) => errors.push(e),
        }
    }
    report.errors = errors;
    config.apply_to_report(&mut report);
    Ok((report, config))
}

/// One draft to check: a whole file (or standard input), a reply inside a help-desk export, or a row of
/// a CSV or JSON Lines batch.
enum Item {
    File(Source),
    Macro { source: String, reply: MacroReply },
    Row(Record),
}

/// Reads the help-desk exports among the sources into one item per reply (in export order); other
/// sources stay whole files, read later in parallel.
fn expand_exports(
    sources: Vec<Source>,
    input: CheckInput,
    include_inactive: bool,
    columns: &Columns,
) -> (Vec<Item>, Vec<Error>) {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for source in sources {
        let extension = match &source {
            Source::File { path, .. } => path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()),
            Source::Stdin => None,
        };
        let batch = match (input, extension.as_deref()) {
            (CheckInput::Csv, _) | (CheckInput::Auto, Some("csv")) => Some(BatchFormat::Csv),
            (CheckInput::Jsonl, _) | (CheckInput::Auto, Some("jsonl" | "ndjson")) => Some(BatchFormat::Jsonl),
            _ => None,
        };
        if let Some(format) = batch {
            let (rows, row_errors) = match source.read_batch() {
                Ok(text) => match format {
                    BatchFormat::Csv => records::parse_csv(source.name(), &text, columns),
                    BatchFormat::Jsonl => records::parse_jsonl(source.name(), &text, columns),
                },
                Err(e) => (Vec::new(), vec![e]),
            };
            items.extend(rows.into_iter().map(Item::Row));
            errors.extend(row_errors);
            continue;
        }
        let is_export = match input {
            CheckInput::Text | CheckInput::Csv | CheckInput::Jsonl => false,
            CheckInput::Zendesk | CheckInput::Freshdesk => true,
            CheckInput::Auto => extension.as_deref() == Some("json"),
        };
        if !is_export {
            items.push(Item::File(source));
            continue;
        }
        let read = source.read_batch().and_then(|text| exports::read(source.name(), &text));
        match read {
            Ok((kind, replies)) => {
                let expected = match input {
                    CheckInput::Zendesk => Some(ExportKind::Zendesk),
                    CheckInput::Freshdesk => Some(ExportKind::Freshdesk),
                    _ => None,
                };
                if let Some(expected) = expected.filter(|&e| e != kind) {
                    errors.push(Error::input(
                        source.name(),
                        format!("expected a {} export, found {}s", expected.name(), kind.name()),
                    ));
                    continue;
                }
                items.extend(
                    replies
                        .into_iter()
                        .filter(|r| r.active || include_inactive)
                        .map(|reply| Item::Macro {
                            source: source.name().to_string(),
                            reply,
                        }),
                );
            }
            Err(e) => errors.push(e),
        }
    }
    (items, errors)
}

fn check_one(linter: &Linter, rubric: &Rubric, options: &CheckOptions, item: &Item) -> Result<DraftResult> {
    let (source, text, macro_ref) = match item {
        Item::File(source) => (source.name().to_string(), source.read()?, None),
        Item::Macro { source, reply } => (
            source.clone(),
            reply.text.clone(),
            Some(MacroRef {
                kind: match reply.kind {
                    ExportKind::Zendesk => "zendesk",
                    ExportKind::Freshdesk => "freshdesk",
                },
                id: reply.id.clone(),
                title: reply.title.clone(),
                line: reply.line,
            }),
        ),
        Item::Row(record) => {
            // `origin` is `file:line`; the row's line becomes the export line of its macro reference.
            let (file, line) = record.origin.rsplit_once(':').unwrap_or((&record.origin, "0"));
            (
                file.to_string(),
                record.text.clone(),
                Some(MacroRef {
                    kind: "row",
                    id: record.id.clone().unwrap_or_default(),
                    title: String::new(),
                    line: line.parse().unwrap_or(0),
                }),
            )
        }
    };
    // Suppression comments are written in text and Markdown files; exports are ignored by config.
    let original = text;
    let (text, mut suppressions) = match item {
        Item::File(_) => suppress::parse(&original),
        Item::Macro { .. } | Item::Row(_) => (original.clone(), Vec::new()),
    };
    let mut outcome = check_variants(linter, &text, options)?;
    let draft = Draft::new(text);
    suppress::apply(&mut suppressions, &mut outcome.findings);
    for finding in &mut outcome.findings {
        finding.criterion = rubric.criterion_of(&finding.rule, &finding.criterion).to_string();
    }
    let grade = rubric.grade(&outcome);
    // A stale suppression is reported after grading: it costs the reply nothing.
    outcome.findings.extend(
        suppressions
            .iter()
            .filter(|s| !s.used)
            .map(|s| unused_suppression(&draft, &original, s)),
    );
    outcome.findings.sort_by_key(|f| f.span.start);
    Ok(DraftResult {
        source,
        macro_ref,
        draft,
        outcome,
        grade,
    })
}

/// Lints every text a macro may send (one per Liquid branch) and merges what they find: a finding in any
/// branch is a finding. Spans agree across variants, which keep the text's length.
fn check_variants(linter: &Linter, text: &str, options: &CheckOptions) -> Result<Outcome> {
    let mut variants = liquid::variants(text).into_iter();
    let first = variants.next().unwrap_or_default();
    let mut merged = linter.check(&Draft::new(first), options)?;
    for variant in variants {
        let outcome = linter.check(&Draft::new(variant), options)?;
        for finding in outcome.findings {
            let known = merged.findings.iter().any(|f| {
                f.rule == finding.rule && f.span.start == finding.span.start && f.span.end == finding.span.end
            });
            if !known {
                merged.findings.push(finding);
            }
        }
        merged.applicable_rules.extend(outcome.applicable_rules);
        for scenario in outcome.scenarios {
            if !merged.scenarios.contains(&scenario) {
                merged.scenarios.push(scenario);
            }
        }
    }
    merged
        .findings
        .sort_by(|a, b| a.span.start.cmp(&b.span.start).then_with(|| a.rule.cmp(&b.rule)));
    Ok(merged)
}

fn unused_suppression(draft: &Draft, original: &str, suppression: &suppress::Suppression) -> Finding {
    let (line, column) = draft.line_col(suppression.comment.start);
    Finding {
        rule: "unused-suppression".into(),
        pack: "replylint".into(),
        severity: Severity::Suggestion,
        criterion: String::new(),
        message: format!(
            "{} silences nothing: remove it.",
            original[suppression.comment.clone()].trim()
        ),
        span: Span {
            start: suppression.comment.start,
            end: suppression.comment.end,
            line,
            column,
        },
        excerpt: String::new(),
        suggestion: Some(String::new()),
        action: SuggestionAction::Replace,
    }
}

/// Lints a draft and grades it; findings report the criterion they count against under the rubric.
pub(super) fn check_and_grade(
    linter: &Linter,
    rubric: &Rubric,
    draft: &Draft,
    options: &CheckOptions,
) -> Result<(Outcome, Grade)> {
    let mut outcome = linter.check(draft, options)?;
    for finding in &mut outcome.findings {
        finding.criterion = rubric.criterion_of(&finding.rule, &finding.criterion).to_string();
    }
    let grade = rubric.grade(&outcome);
    Ok((outcome, grade))
}

/// `--lang` as check options.
pub(super) fn lang_option(lang: LangArg) -> Option<Lang> {
    match lang {
        LangArg::Auto => None,
        LangArg::Ko => Some(Lang::Ko),
        LangArg::En => Some(Lang::En),
    }
}
