//! What one draft is and how it is linted: a whole file, a reply in a help-desk export or a row of a batch,
//! with its suppression comments and Liquid branches, graded under the rubric in force.

use super::args::{CheckInput, LangArg};
use crate::config::Config;
use crate::engine::{CheckOptions, Linter, Outcome};
use crate::error::{Error, Result};
use crate::finding::{Finding, Severity, Span, SuggestionAction};
use crate::grade::{Grade, Rubric};
use crate::input::exports::{self, ExportKind, MacroReply};
use crate::input::records::{self, BatchFormat, Columns, Record};
use crate::input::Source;
use crate::report::{DraftResult, MacroRef};
use crate::suppress;
use crate::text::liquid;
use crate::text::{Classification, Draft, KindSource, Lang, ReplyKind};
use std::path::Path;

/// One draft to check: a whole file (or standard input), a reply inside a help-desk export, or a row of
/// a CSV or JSON Lines batch.
pub(super) enum Item {
    File(Source),
    Macro { source: String, reply: MacroReply },
    Row(Record),
}

/// What the sources hold: the drafts to check, what cannot be read (errors), and what was skipped or
/// holds nothing to check that a user should hear about (warnings).
#[derive(Default)]
pub(super) struct Inputs {
    pub items: Vec<Item>,
    pub errors: Vec<Error>,
    pub warnings: Vec<Error>,
}

/// Reads the help-desk exports among the sources into one item per reply (in export order); other
/// sources stay whole files, read later in parallel. An export without a reply to check is an error; one
/// whose replies are all inactive, a warning.
pub(super) fn expand_inputs(
    sources: Vec<Source>,
    input: CheckInput,
    include_inactive: bool,
    columns: &Columns,
) -> Inputs {
    let mut inputs = Inputs::default();
    for source in sources {
        let batch = match (input, &source) {
            (CheckInput::Csv, _) => Some(BatchFormat::Csv),
            (CheckInput::Jsonl, _) => Some(BatchFormat::Jsonl),
            (CheckInput::Auto, source) => source.path().and_then(BatchFormat::of_path),
            _ => None,
        };
        if let Some(format) = batch {
            let (rows, row_errors) = records::read(&source, format, columns);
            inputs.items.extend(rows.into_iter().map(Item::Row));
            inputs.errors.extend(row_errors);
            continue;
        }
        let is_export = match input {
            CheckInput::Text | CheckInput::Csv | CheckInput::Jsonl => false,
            CheckInput::Zendesk | CheckInput::Freshdesk => true,
            CheckInput::Auto => source
                .path()
                .and_then(Path::extension)
                .is_some_and(|e| e.eq_ignore_ascii_case("json")),
        };
        if !is_export {
            inputs.items.push(Item::File(source));
            continue;
        }
        let read = source.read_batch().and_then(|text| exports::read(source.name(), &text));
        let export = match read {
            Ok(export) => export,
            Err(e) => {
                inputs.errors.push(e);
                continue;
            }
        };
        let expected = match input {
            CheckInput::Zendesk => Some(ExportKind::Zendesk),
            CheckInput::Freshdesk => Some(ExportKind::Freshdesk),
            _ => None,
        };
        if let Some(expected) = expected.filter(|&e| e != export.kind) {
            inputs.errors.push(Error::input(
                source.name(),
                format!("expected a {} export, found {}s", expected.name(), export.kind.name()),
            ));
            continue;
        }
        inputs.warnings.extend(export.warnings);
        let found = export.replies.len();
        let active: Vec<MacroReply> = export
            .replies
            .into_iter()
            .filter(|r| r.active || include_inactive)
            .collect();
        if found == 0 && export.errors.is_empty() {
            inputs.errors.push(Error::input(
                source.name(),
                format!("no replies in this export ({}s): nothing to check", export.kind.name()),
            ));
        } else if active.is_empty() && found > 0 {
            inputs.warnings.push(Error::input(
                source.name(),
                format!("all {found} replies are inactive; --include-inactive checks them"),
            ));
        }
        inputs.errors.extend(export.errors);
        inputs.items.extend(active.into_iter().map(|reply| Item::Macro {
            source: source.name().to_string(),
            reply,
        }));
    }
    inputs
}

/// The options for one item: the run's, with the kind of text it is when something says so. `--kind`
/// wins; then the macro's or row's own field (`reply_kind`, or a `kind` column); then the config.
pub(super) fn options_for(options: &CheckOptions, config: &Config, item: &Item) -> Result<CheckOptions> {
    if options.kind.is_some() {
        return Ok(options.clone());
    }
    let (declared, origin, path) = match item {
        Item::File(source) => (None, source.name().to_string(), source.name().to_string()),
        Item::Macro { source, reply } => (
            reply.reply_kind.as_deref(),
            format!("{source}:{}", reply.line),
            source.clone(),
        ),
        Item::Row(record) => {
            let file = record
                .origin
                .rsplit_once(':')
                .map_or(record.origin.as_str(), |(f, _)| f);
            (record.kind.as_deref(), record.origin.clone(), file.to_string())
        }
    };
    let kind = match declared {
        Some(name) => {
            let kind = declared_kind(name).map_err(|e| Error::input(origin, e))?;
            Some(Classification::forced(
                kind,
                KindSource::Export,
                "the export's reply_kind field",
            ))
        }
        None => config
            .kind_for(&path)
            .map(|k| Classification::forced(k, KindSource::Config, "replylint.toml")),
    };
    Ok(CheckOptions {
        kind,
        ..options.clone()
    })
}

/// A kind of text named in an export or batch.
pub(super) fn declared_kind(name: &str) -> std::result::Result<ReplyKind, String> {
    ReplyKind::parse(name).ok_or_else(|| {
        let known: Vec<&str> = ReplyKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown reply kind '{name}' (known: {})", known.join(", "))
    })
}

pub(super) fn check_one(linter: &Linter, rubric: &Rubric, options: &CheckOptions, item: &Item) -> Result<DraftResult> {
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
                origin: Some(reply.origin.clone()),
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
                    origin: None,
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
    let draft = Draft::new(text);
    let mut outcome = check_variants(linter, &draft, options)?;
    suppress::apply(&mut suppressions, &mut outcome.findings);
    let grade = grade_under(rubric, &mut outcome);
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
        draft: draft.into(),
        outcome,
        grade,
    })
}

/// Lints every text a macro may send (one per Liquid branch) and merges what they find: a finding in any
/// branch is a finding. Spans agree across variants, which keep the text's length.
fn check_variants(linter: &Linter, draft: &Draft, options: &CheckOptions) -> Result<Outcome> {
    let variants = liquid::variants(draft.original());
    // Most drafts have no conditional: the draft itself is the only text sent.
    if variants.len() == 1 {
        return linter.check(draft, options);
    }
    let mut variants = variants.into_iter();
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
    // Columns count characters, and a variant blanks a Hangul syllable as three spaces: count them again
    // in the text as written.
    for finding in &mut merged.findings {
        (finding.span.line, finding.span.column) = draft.line_col(finding.span.start);
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
        fixable: false,
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
    let grade = grade_under(rubric, &mut outcome);
    Ok((outcome, grade))
}

/// Grades an outcome; its findings first take the criterion they count against under the rubric.
fn grade_under(rubric: &Rubric, outcome: &mut Outcome) -> Grade {
    for finding in &mut outcome.findings {
        finding.criterion = rubric.criterion_of(&finding.rule, &finding.criterion).to_string();
    }
    rubric.grade(outcome)
}

/// `--lang` as check options.
pub(super) fn lang_option(lang: LangArg) -> Option<Lang> {
    match lang {
        LangArg::Auto => None,
        LangArg::Ko => Some(Lang::Ko),
        LangArg::En => Some(Lang::En),
    }
}
