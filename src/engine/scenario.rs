//! Tagging a draft with scenarios from cue phrases.

use super::compile::{LangTables, Presences};
use super::matching::{any_pattern_hit, pattern_hits, Scope};
use crate::error::Result;
use crate::pack::Scenario;
use crate::text::{Draft, Lang};
use std::ops::Range;

/// The ids of the scenarios whose cues appear in the draft's body, in pack order.
pub fn detect(
    draft: &Draft,
    scenarios: &[Scenario],
    tables: &[(Lang, &LangTables)],
    body: &[Range<usize>],
    presence: &Presences,
) -> Result<Vec<String>> {
    let scope = Scope { ranges: body, presence };
    let mut tags = Vec::new();
    for (i, scenario) in scenarios.iter().enumerate() {
        for (_, t) in tables {
            if any_pattern_hit(draft, &t.scenarios[i], &scope)? {
                tags.push(scenario.id.clone());
                break;
            }
        }
    }
    Ok(tags)
}

/// The indices (into `body`) of the body sentences holding a cue of any of these scenarios (by index),
/// in text order. Only asked for by rules that place or look for something next to a cue, so most checks
/// never search for it.
pub fn cue_sentences(
    draft: &Draft,
    scenarios: &[usize],
    tables: &[(Lang, &LangTables)],
    body: &[Range<usize>],
    presence: &Presences,
) -> Result<Vec<usize>> {
    let scope = Scope { ranges: body, presence };
    let mut found = Vec::new();
    for &i in scenarios {
        for (_, t) in tables {
            for hit in pattern_hits(draft, &t.scenarios[i], &scope, false)? {
                found.extend(body.iter().position(|r| r.contains(&hit.range.start)));
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    Ok(found)
}
