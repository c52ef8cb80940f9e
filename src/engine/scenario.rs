//! Tagging a draft with scenarios from cue phrases.

use super::compile::LangTables;
use super::matching::{pattern_hits, Scope};
use crate::error::Result;
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
) -> Result<Vec<Tag>> {
    let scope = Scope { ranges: body };
    let mut tags = Vec::new();
    for (i, scenario) in scenarios.iter().enumerate() {
        let mut last_hit = None;
        for (_, t) in tables {
            let hits = pattern_hits(draft, &t.scenarios[i], &scope, false)?;
            last_hit = last_hit.max(hits.last().map(|h| h.range.start));
        }
        if let Some(last_hit) = last_hit {
            tags.push(Tag {
                id: scenario.id.clone(),
                last_cue_sentence: body.iter().find(|r| r.contains(&last_hit)).cloned(),
            });
        }
    }
    Ok(tags)
}
