//! Tagging a draft with scenarios from cue phrases.

use super::compile::LangTables;
use super::matching::{pattern_hits, Scope};
use crate::pack::Scenario;
use crate::text::{Draft, Lang};
use std::ops::Range;

/// A scenario the draft is in, and the last body sentence that holds one of its cues.
#[derive(Debug, Clone)]
pub struct Tag {
    pub id: String,
    pub last_cue_sentence: Option<Range<usize>>,
}

/// The scenarios whose cues appear in the draft's body, in pack order.
pub fn detect(
    draft: &Draft,
    scenarios: &[Scenario],
    tables: &[(Lang, &LangTables)],
    body: &[Range<usize>],
) -> Vec<Tag> {
    let scope = Scope { ranges: body };
    scenarios
        .iter()
        .enumerate()
        .filter_map(|(i, scenario)| {
            let last_hit = tables
                .iter()
                .flat_map(|(_, t)| pattern_hits(draft, &t.scenarios[i], &scope, false))
                .map(|h| h.range.start)
                .max()?;
            let sentence = body.iter().find(|r| r.contains(&last_hit)).cloned();
            Some(Tag {
                id: scenario.id.clone(),
                last_cue_sentence: sentence,
            })
        })
        .collect()
}
