//! `replylint rules`: list the loaded rules.

use super::args::{Format, RulesArgs};
use super::{load_rules, print, EXIT_CLEAN};
use crate::error::Result;
use crate::report::rules::{rules_json, rules_table};

pub fn run(args: RulesArgs) -> Result<u8> {
    let rules = load_rules(&args.packs)?;
    print(&match args.format {
        Format::Human => rules_table(&rules),
        Format::Json => rules_json(&rules),
    });
    Ok(EXIT_CLEAN)
}
