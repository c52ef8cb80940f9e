//! `replylint rules`: list the loaded rules.

use super::args::{RulesArgs, RulesFormat};
use super::{load_rules, print, EXIT_CLEAN};
use crate::error::Result;
use crate::report::rules::{rules_json, rules_markdown, rules_table};

pub fn run(args: RulesArgs) -> Result<u8> {
    let rules = load_rules(&args.packs)?;
    print(&match args.format {
        RulesFormat::Human => rules_table(&rules),
        RulesFormat::Json => rules_json(&rules),
        RulesFormat::Markdown => rules_markdown(&rules),
    });
    Ok(EXIT_CLEAN)
}
