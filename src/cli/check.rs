//! `replylint check` and `replylint baseline`: lint everything the arguments name, with the config in force,
//! and report it (or record it as a baseline).

use super::args::{CheckArgs, CheckFormat, ConfigArgs, FailOn, PackArgs};
use super::drafts::{self, lang_option};
use super::{load_rubric, load_rules, print, write_atomically, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::baseline::Baseline;
use crate::config::{Config, FailOnSetting};
use crate::engine::{CheckOptions, Linter, Profile};
use crate::error::{Error, Result};
use crate::input::records::Columns;
use crate::input::{self, Source};
use crate::report::{github, human, json, sarif, DraftResult, Report};
use rayon::prelude::*;
use std::io::IsTerminal;

/// From this many drafts on, compiling for search speed pays for itself.
const THROUGHPUT_FROM: usize = 20;

pub fn run(args: CheckArgs) -> Result<u8> {
    let (mut report, config, linter) = build_report(&args)?;
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
        CheckFormat::Sarif => sarif::render(&report, linter.rules()),
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
    let (report, _, _) = build_report(&args)?;
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
fn build_report(args: &CheckArgs) -> Result<(Report, Config, Linter)> {
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
    let (items, export_errors) = drafts::expand_inputs(sources, args.input, args.include_inactive, &columns);
    errors.extend(export_errors);
    if items.len() >= THROUGHPUT_FROM {
        linter.set_profile(Profile::Throughput);
    }
    let checked: Vec<Result<DraftResult>> = items
        .par_iter()
        .map(|item| drafts::check_one(&linter, &rubric, &options, item))
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
    Ok((report, config, linter))
}
