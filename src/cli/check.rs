//! `replylint check`: lint drafts and print findings with grades.

use super::args::{CheckArgs, CheckFormat, LangArg};
use super::{load_rubric, load_rules, print, write_atomically, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::engine::Outcome;
use crate::engine::{CheckOptions, Linter, Profile};
use crate::error::{Error, Result};
use crate::grade::Grade;
use crate::grade::Rubric;
use crate::input::{self, Source};
use crate::report::{github, human, json, DraftResult, Report};
use crate::text::{Draft, Lang};
use rayon::prelude::*;
use std::io::IsTerminal;

/// From this many drafts on, compiling for search speed pays for itself.
const THROUGHPUT_FROM: usize = 20;

pub fn run(args: CheckArgs) -> Result<u8> {
    let rules = load_rules(&args.packs)?;
    let rubric = load_rubric(args.rubric.as_deref(), &rules)?;
    let mut linter = Linter::new(rules);
    linter.select(&args.select)?;
    linter.ignore(&args.ignore)?;
    linter.check_scenarios(&args.scenario)?;
    let options = CheckOptions {
        lang: lang_option(args.lang),
        scenarios: (!args.scenario.is_empty()).then(|| args.scenario.clone()),
    };

    let (sources, mut errors) = input::collect(&args.paths);
    if sources.len() >= THROUGHPUT_FROM {
        linter.set_profile(Profile::Throughput);
    }
    if sources.iter().filter(|s| **s == Source::Stdin).count() > 1 {
        return Err(Error::Usage("standard input (-) can be given only once".into()));
    }
    if sources.contains(&Source::Stdin) && std::io::stdin().is_terminal() {
        eprintln!("replylint: reading a draft from standard input; end it with Ctrl-D");
    }
    let checked: Vec<Result<DraftResult>> = sources
        .par_iter()
        .map(|source| check_one(&linter, &rubric, &options, source))
        .collect();
    let mut report = Report::default();
    for result in checked {
        match result {
            Ok(r) => report.results.push(r),
            Err(e) => errors.push(e),
        }
    }
    report.errors = errors;

    for error in &report.errors {
        eprintln!("replylint: error: {error}");
    }
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
    } else if args.fail_on.threshold().is_some_and(|t| report.has_findings_at(t)) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

fn check_one(linter: &Linter, rubric: &Rubric, options: &CheckOptions, source: &Source) -> Result<DraftResult> {
    let text = source.read()?;
    let draft = Draft::new(text);
    let (outcome, grade) = check_and_grade(linter, rubric, &draft, options)?;
    Ok(DraftResult {
        source: source.name().to_string(),
        draft,
        outcome,
        grade,
    })
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
