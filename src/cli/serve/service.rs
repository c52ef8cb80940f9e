//! What the server knows, loaded once at start-up: the config, the rules and the rubric, and linters
//! compiled for them. A request that selects or ignores rules gets a linter of its own, compiled once and
//! kept for the next request that asks the same.

use super::super::args::ServeArgs;
use super::super::check::{load_team, selected_linter};
use super::super::drafts::{self, Item};
use crate::config::Config;
use crate::engine::{CheckOptions, Linter, Profile};
use crate::error::{Error, Result};
use crate::grade::Rubric;
use crate::input::Source;
use crate::pack::RuleSet;
use crate::report::grades::GradedReply;
use crate::report::{DraftResult, Report};
use crate::text::Draft;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Linters kept for distinct `select`/`ignore` requests; past this many, the oldest is dropped.
const KEPT_SELECTIONS: usize = 32;

/// What one request asks to check.
pub struct Ask {
    pub text: String,
    pub options: CheckOptions,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

/// A request's `select` and `ignore`.
type Selection = (Vec<String>, Vec<String>);

pub struct Service {
    config: Config,
    rules: RuleSet,
    rubric: Rubric,
    linter: Arc<Linter>,
    selections: Mutex<Vec<(Selection, Arc<Linter>)>>,
}

impl Service {
    pub fn load(args: &ServeArgs) -> Result<Self> {
        let (config, rules, rubric) = load_team(&args.config, &args.packs, args.rubric.as_deref())?;
        let linter = selected_linter(rules.clone(), &config, &[], &[])?;
        let service = Service {
            config,
            rules,
            rubric,
            linter: Arc::new(prepared(linter)),
            selections: Mutex::new(Vec::new()),
        };
        Ok(service)
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The linter for a request: the shared one, or one with the request's selection.
    fn linter_for(&self, select: &[String], ignore: &[String]) -> Result<Arc<Linter>> {
        if select.is_empty() && ignore.is_empty() {
            return Ok(Arc::clone(&self.linter));
        }
        let key = (select.to_vec(), ignore.to_vec());
        let mut kept = self.selections.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, linter)) = kept.iter().find(|(k, _)| *k == key) {
            return Ok(Arc::clone(linter));
        }
        // The request's selection replaces the config's; ignores add up, as on the command line.
        let linter = selected_linter(self.rules.clone(), &self.config, select, ignore)?;
        let linter = Arc::new(prepared(linter));
        if kept.len() == KEPT_SELECTIONS {
            kept.remove(0);
        }
        kept.push((key, Arc::clone(&linter)));
        Ok(linter)
    }

    /// Checks one draft as `check -` would, with the config's settings for standard input.
    pub fn check(&self, ask: &Ask) -> Result<DraftResult> {
        let linter = self.linter_for(&ask.select, &ask.ignore)?;
        if let Some(scenarios) = &ask.options.scenarios {
            linter.check_scenarios(scenarios)?;
        }
        let item = Item::File(Source::Text {
            path: PathBuf::from("-"),
            shown: "-".into(),
            text: crate::input::decode("-", ask.text.clone().into_bytes())?,
        });
        let result = drafts::check_one(&linter, &self.rubric, &ask.options, &item)?;
        let mut report = Report {
            results: vec![result],
            ..Report::default()
        };
        self.config.apply_to_report(&mut report);
        report
            .results
            .pop()
            .ok_or_else(|| Error::Usage("the draft was not checked".into()))
    }

    /// Checks and grades one draft, with the deductions behind each criterion's score.
    pub fn grade(&self, ask: &Ask) -> Result<GradedReply> {
        let result = self.check(ask)?;
        Ok(GradedReply {
            origin: result.source,
            id: None,
            scenario: ask.options.scenarios.as_ref().and_then(|s| s.first().cloned()),
            deductions: self.rubric.deductions(&result.outcome),
            draft: result.draft,
            outcome: result.outcome,
            grade: result.grade,
        })
    }
}

/// A linter compiled for many short checks, with both languages compiled now rather than on the first
/// request.
fn prepared(mut linter: Linter) -> Linter {
    linter.set_profile(Profile::Throughput);
    for sample in ["안녕하세요. 확인해 드리겠습니다.", "Hi there. We will check it."] {
        let _ = linter.check(&Draft::new(sample), &CheckOptions::default());
    }
    linter
}
