//! `replylint explain RULE`: what a rule catches, why, its rewrite and its examples.

use super::args::{ExplainArgs, Format};
use super::{load_rules, print, EXIT_CLEAN};
use crate::error::{Error, Result};
use crate::report::rules::{explain_text, rule_json};

pub fn run(args: ExplainArgs) -> Result<u8> {
    let rules = load_rules(&args.packs)?;
    let Some(rule) = rules.rule(&args.rule) else {
        let hint = crate::suggest::did_you_mean(&args.rule, rules.rules.iter().map(|r| r.id.as_str()))
            .unwrap_or_else(|| "; `replylint rules` lists them".into());
        return Err(Error::Usage(format!("unknown rule '{}'{hint}", args.rule)));
    };
    print(&match args.format {
        Format::Human => explain_text(rule),
        Format::Json => serde_json::to_string_pretty(&rule_json(rule)).expect("rule serialises") + "\n",
    });
    Ok(EXIT_CLEAN)
}
