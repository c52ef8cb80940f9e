//! Tagging a draft with scenarios from cue phrases.

use super::compile::LangTables;
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
) -> Result<Vec<String>> {
    let scope = Scope { ranges: body };
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

/// The last body sentence holding a cue of any of these scenarios (by index). Only asked for when a
/// missing sentence is to be placed after the cue, so most checks never search for it.
pub fn last_cue_sentence(
    draft: &Draft,
    scenarios: &[usize],
    tables: &[(Lang, &LangTables)],
    body: &[Range<usize>],
) -> Result<Option<Range<usize>>> {
    let scope = Scope { ranges: body };
    let mut last = None;
    for &i in scenarios {
        for (_, t) in tables {
            let hits = pattern_hits(draft, &t.scenarios[i], &scope, false)?;
            last = last.max(hits.last().map(|h| h.range.start));
        }
    }
    Ok(last.and_then(|start| body.iter().find(|r| r.contains(&start)).cloned()))
}
