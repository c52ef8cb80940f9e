//! Tagging a draft with scenarios from cue phrases.

use super::compile::{LangTables, Presences};
use super::matching::{any_pattern_hit, pattern_hits, SearchArea};
use crate::error::Result;
use crate::pack::Scenario;
use crate::text::{Draft, Lang};
use std::cell::OnceCell;
use std::ops::Range;

/// The ids of the scenarios whose cues appear in the draft's body, in pack order.
pub fn detect(
    draft: &Draft,
    scenarios: &[Scenario],
    tables: &[(Lang, &LangTables)],
    body: &[Range<usize>],
    presence: &Presences,
) -> Result<Vec<String>> {
    let scope = SearchArea { ranges: body, presence };
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

/// The body sentences holding each scenario's cues, found per scenario the first time a rule asks: only
/// rules that place or look for something next to a cue ask, and several rules of one scenario share
/// what was found.
pub struct CueSentences<'a> {
    draft: &'a Draft,
    tables: &'a [(Lang, &'a LangTables)],
    body: &'a [Range<usize>],
    presence: &'a Presences,
    /// Indexed like the rule set's scenarios: indices into `body`, in text order.
    found: Vec<OnceCell<Vec<usize>>>,
}

impl<'a> CueSentences<'a> {
    pub fn new(
        draft: &'a Draft,
        tables: &'a [(Lang, &'a LangTables)],
        body: &'a [Range<usize>],
        presence: &'a Presences,
        scenario_count: usize,
    ) -> Self {
        CueSentences {
            draft,
            tables,
            body,
            presence,
            found: (0..scenario_count).map(|_| OnceCell::new()).collect(),
        }
    }

    /// The indices (into `body`) of the body sentences holding a cue of any of these scenarios (by
    /// index), in text order.
    pub fn of(&self, scenarios: impl Iterator<Item = usize>) -> Result<Vec<usize>> {
        let mut all = Vec::new();
        for i in scenarios {
            all.extend_from_slice(self.of_one(i)?);
        }
        all.sort_unstable();
        all.dedup();
        Ok(all)
    }

    fn of_one(&self, scenario: usize) -> Result<&[usize]> {
        if let Some(found) = self.found[scenario].get() {
            return Ok(found);
        }
        let scope = SearchArea {
            ranges: self.body,
            presence: self.presence,
        };
        let mut found = Vec::new();
        for (_, t) in self.tables {
            for hit in pattern_hits(self.draft, &t.scenarios[scenario], &scope, false)? {
                found.extend(self.body.iter().position(|r| r.contains(&hit.range.start)));
            }
        }
        found.sort_unstable();
        found.dedup();
        Ok(self.found[scenario].get_or_init(|| found))
    }
}
