//! `replylint check` and `replylint baseline`: lint everything the arguments name, with the config in force,
//! and report it (or record it as a baseline).

use super::args::{CheckArgs, CheckFormat, ConfigArgs, FailOn, PackArgs};
use super::drafts::{self, lang_option};
use super::{load_rubric, load_rules, print, write_atomically, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::baseline::Baseline;
use crate::config::{Config, FailOnSetting};
use crate::engine::{CheckOptions, Linter, Profile};
use crate::error::{Error, Result};
use crate::grade::Rubric;
use crate::input::records::Columns;
use crate::input::{self, Source};
use crate::pack::RuleSet;
use crate::report::{github, human, json, sarif, DraftResult, Report};
use crate::text::{Classification, KindSource};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::Path;

/// From this many drafts on, compiling for search speed pays for itself.
const THROUGHPUT_FROM: usize = 20;

pub fn run(args: CheckArgs) -> Result<u8> {
    let mut setup = Setup::new(&args)?;
    if args.fix || args.diff {
        // Fix first; what is left is then reported as usual, with the packs already compiled.
        if let Some(code) = super::fix::run(&args, &mut setup)? {
            return Ok(code);
        }
    }
    let mut report = build_report(&args, &mut setup)?;
    let fail_on = args.fail_on.unwrap_or(match setup.config.fail_on {
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
        CheckFormat::Github => github::render(&report).into(),
        CheckFormat::Sarif => sarif::render(&report, setup.linter.rules()),
    };
    match &args.output {
        Some(path) => write_atomically(path, &text)?,
        None => print(&text),
    }
    let code = if !report.errors.is_empty() {
        EXIT_ERROR
    } else if fail_on.threshold().is_some_and(|t| report.has_findings_at(t)) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    };
    // The process ends next: the operating system takes back thousands of checked replies at once, far
    // quicker than freeing them one by one.
    std::mem::forget(report);
    Ok(code)
}

/// `replylint baseline`: today's findings as a baseline file, so that `check --baseline` fails only on new
/// ones.
pub fn record_baseline(args: CheckArgs) -> Result<u8> {
    if args.fix || args.diff {
        return Err(Error::Usage("--fix and --diff belong to `replylint check`".into()));
    }
    let report = build_report(&args, &mut Setup::new(&args)?)?;
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
    for warning in &report.warnings {
        eprintln!("replylint: warning: {}", crate::report::printable(&warning.to_string()));
    }
    for error in &report.errors {
        eprintln!("replylint: error: {}", crate::report::printable(&error.to_string()));
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

/// Everything a check needs besides the drafts: the config in force, the linter with its selection,
/// the rubric and the options.
pub(crate) struct Setup {
    pub config: Config,
    pub linter: Linter,
    pub rubric: Rubric,
    pub options: CheckOptions,
}

/// The config in force, the rules it and the command line load (with its severities and vocabulary), and
/// the rubric: what `check` and `serve` share.
pub(super) fn load_team(
    config: &ConfigArgs,
    packs: &PackArgs,
    rubric: Option<&Path>,
) -> Result<(Config, RuleSet, Rubric)> {
    let config = load_config(config)?;
    let mut paths = packs.packs.clone();
    paths.extend(config.packs.iter().cloned());
    let mut rules = load_rules(&PackArgs { packs: paths })?;
    config.apply_to_rules(&mut rules)?;
    let rubric = load_rubric(rubric.or(config.rubric.as_deref()), &rules)?;
    Ok((config, rules, rubric))
}

/// A linter for the rules in force: the given `select` wins over the config's, and ignores add up, as on
/// the command line.
pub(super) fn selected_linter(rules: RuleSet, config: &Config, select: &[String], ignore: &[String]) -> Result<Linter> {
    let mut linter = Linter::new(rules);
    linter.select(if select.is_empty() { &config.select } else { select })?;
    linter.ignore(&config.ignore)?;
    linter.ignore(ignore)?;
    Ok(linter)
}

impl Setup {
    pub(crate) fn new(args: &CheckArgs) -> Result<Self> {
        let (config, rules, rubric) = load_team(&args.config, &args.packs, args.rubric.as_deref())?;
        let linter = selected_linter(rules, &config, &args.select, &args.ignore)?;
        linter.check_scenarios(&args.scenario)?;
        let options = CheckOptions {
            lang: lang_option(args.lang),
            scenarios: (!args.scenario.is_empty()).then(|| args.scenario.clone()),
            kind: args
                .kind
                .kind()
                .map(|k| Classification::forced(k, KindSource::Option, "--kind")),
        };
        Ok(Setup {
            config,
            linter,
            rubric,
            options,
        })
    }

    /// Checks the drafts of some sources (in input order, in parallel), with the config's per-path and
    /// per-macro settings applied.
    pub(crate) fn check(&mut self, args: &CheckArgs, sources: Vec<Source>) -> Report {
        let columns = Columns::new(args.text_column.clone(), args.id_column.clone(), None);
        let drafts::Inputs {
            items,
            mut errors,
            warnings,
        } = drafts::expand_inputs(sources, args.input, args.include_inactive, &columns);
        if items.len() >= THROUGHPUT_FROM {
            self.linter.set_profile(Profile::Throughput);
        }
        let checked: Vec<Result<DraftResult>> = items
            .par_iter()
            .map(|item| {
                let options = drafts::options_for(&self.options, &self.config, item)?;
                drafts::check_one(&self.linter, &self.rubric, &options, item)
            })
            .collect();
        let mut report = Report::default();
        for result in checked {
            match result {
                Ok(r) => report.results.push(r),
                Err(e) => errors.push(e),
            }
        }
        report.errors = errors;
        report.warnings = warnings;
        self.config.apply_to_report(&mut report);
        report
    }
}

/// The sources the arguments name; standard input at most once.
pub(super) fn sources_of(args: &CheckArgs) -> Result<(Vec<Source>, Vec<Error>)> {
    let (sources, errors) = input::collect_with_exports(&args.paths);
    if sources.iter().filter(|s| **s == Source::Stdin).count() > 1 {
        return Err(Error::Usage("standard input (-) can be given only once".into()));
    }
    if sources.contains(&Source::Stdin) && std::io::stdin().is_terminal() {
        eprintln!("replylint: reading a draft from standard input; end it with Ctrl-D");
    }
    Ok((sources, errors))
}

/// Lints everything the arguments name, in input order, with the config in force.
fn build_report(args: &CheckArgs, setup: &mut Setup) -> Result<Report> {
    let (sources, errors) = sources_of(args)?;
    let mut report = setup.check(args, sources);
    report.errors.splice(0..0, errors);
    Ok(report)
}
