//! `replylint grade`: grade a batch of practice replies (files, folders, CSV, JSON Lines) and report them as
//! a table, JSON, CSV, Markdown or a self-contained HTML page.

use super::args::{GradeArgs, GradeFormat, InputKind};
use super::drafts::{check_and_grade, lang_option};
use super::{load_rubric, load_rules, print, write_atomically, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::engine::{CheckOptions, Linter, Profile};
use crate::error::{Error, Result};
use crate::grade::Rubric;
use crate::input::records::{self, BatchFormat, Columns, Record};
use crate::input::{self, Source};
use crate::report::grades::{self, ClassReport, GradedReply};
use crate::report::html;
use crate::text::Draft;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;

/// From this many replies on, compiling for search speed pays for itself.
const THROUGHPUT_FROM: usize = 20;
/// Batches larger than this show a progress bar (on a terminal).
const PROGRESS_FROM: usize = 200;

/// One reply to grade: a whole file, or a row of a batch.
enum Item {
    File(Source),
    Row(Record),
}

pub fn run(args: GradeArgs) -> Result<u8> {
    let rules = load_rules(&args.packs)?;
    let rubric = load_rubric(args.rubric.as_deref(), &rules)?;
    let mut linter = Linter::new(rules);
    if let Some(scenario) = &args.scenario {
        linter.check_scenarios(std::slice::from_ref(scenario))?;
    }
    let columns = Columns::new(
        args.text_column.clone(),
        args.id_column.clone(),
        args.scenario_column.clone(),
    );
    let (sources, mut errors) = input::collect(&args.paths);
    if sources.iter().filter(|s| **s == Source::Stdin).count() > 1 {
        return Err(Error::Usage("standard input (-) can be given only once".into()));
    }
    let mut items = Vec::new();
    for source in sources {
        match batch_format(args.input, &source) {
            Some(format) => {
                let (rows, row_errors) = records::read(&source, format, &columns);
                items.extend(rows.into_iter().map(Item::Row));
                errors.extend(row_errors);
            }
            None => items.push(Item::File(source)),
        }
    }
    if items.len() >= THROUGHPUT_FROM {
        linter.set_profile(Profile::Throughput);
    }
    let lang = lang_option(args.lang);
    let progress = progress_bar(items.len());
    let graded: Vec<Result<GradedReply>> = items
        .par_iter()
        .map(|item| {
            let result = grade_item(&linter, &rubric, lang, &args.scenario, item);
            progress.inc(1);
            result
        })
        .collect();
    progress.finish_and_clear();
    let mut replies = Vec::new();
    for result in graded {
        match result {
            Ok(reply) => replies.push(reply),
            Err(e) => errors.push(e),
        }
    }
    let reference = match &args.reference {
        Some(path) => Some(grade_item(
            &linter,
            &rubric,
            lang,
            &args.scenario,
            &Item::File(Source::file(path)),
        )?),
        None => None,
    };

    let report = ClassReport {
        rubric: rubric.meta.name.clone(),
        criteria: rubric
            .criteria
            .iter()
            .map(|c| (c.id.clone(), c.title.clone()))
            .collect(),
        replies,
        errors,
        reference,
        explain: args.explain,
    };
    let letters: Vec<String> = rubric.bands.iter().map(|b| b.letter.clone()).collect();
    let summary = report.summary(&letters);
    let text = match args.format {
        GradeFormat::Table => grades::table(&report, &summary),
        GradeFormat::Json => grades::json(&report, &summary),
        GradeFormat::Csv => grades::csv(&report),
        GradeFormat::Markdown => grades::markdown(&report, &summary),
        GradeFormat::Html => html::render(&report, &summary),
    };
    for error in &report.errors {
        eprintln!("replylint: error: {}", crate::report::printable(&error.to_string()));
    }
    match &args.output {
        Some(path) => write_atomically(path, &text)?,
        None => print(&text),
    }
    Ok(if report.errors.is_empty() {
        EXIT_CLEAN
    } else if report.replies.is_empty() {
        EXIT_ERROR
    } else {
        EXIT_FINDINGS
    })
}

/// Whether a source is a batch, and of which kind: `--input` decides, else the file's extension.
fn batch_format(kind: InputKind, source: &Source) -> Option<BatchFormat> {
    match (kind, source) {
        (InputKind::Text, _) => None,
        (InputKind::Csv, _) => Some(BatchFormat::Csv),
        (InputKind::Jsonl, _) => Some(BatchFormat::Jsonl),
        (InputKind::Auto, source) => source.path().and_then(BatchFormat::of_path),
    }
}

/// Grades one reply; its batch's scenario wins over `--scenario`, which wins over detection.
fn grade_item(
    linter: &Linter,
    rubric: &Rubric,
    lang: Option<crate::text::Lang>,
    fallback_scenario: &Option<String>,
    item: &Item,
) -> Result<GradedReply> {
    let (origin, id, scenario, text) = match item {
        Item::File(source) => (source.name().to_string(), None, None, source.read()?),
        Item::Row(record) => (
            record.origin.clone(),
            record.id.clone(),
            record.scenario.clone(),
            record.text.clone(),
        ),
    };
    if let Some(scenario) = &scenario {
        linter
            .check_scenarios(std::slice::from_ref(scenario))
            .map_err(|e| Error::input(origin.clone(), e.to_string()))?;
    }
    let options = CheckOptions {
        lang,
        scenarios: scenario.or_else(|| fallback_scenario.clone()).map(|s| vec![s]),
        kind: None,
    };
    let draft = Draft::new(text);
    let (outcome, grade) = check_and_grade(linter, rubric, &draft, &options)?;
    Ok(GradedReply {
        origin,
        id,
        scenario: options.scenarios.as_ref().and_then(|s| s.first().cloned()),
        deductions: rubric.deductions(&outcome),
        draft: draft.into(),
        outcome,
        grade,
    })
}

/// A progress bar on standard error for big batches, when a person is watching; hidden otherwise.
fn progress_bar(total: usize) -> ProgressBar {
    if total <= PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("grading {bar:40} {pos}/{len} replies") {
        bar.set_style(style);
    }
    bar
}
