//! For checking many drafts: every prefilter literal of a language in one Aho-Corasick automaton, so a
//! draft is scanned once for all of them instead of once per literal per pattern. Building it means
//! analysing every pattern up front, which only pays off over many drafts (`Profile::Throughput`).

use super::compile::LangTables;
use crate::text::{Draft, View};
use aho_corasick::AhoCorasick;
use std::collections::HashMap;

/// The automaton over a language's prefilter literals; each matcher holds its clauses as literal ids.
#[derive(Debug)]
pub struct LiteralIndex {
    automaton: AhoCorasick,
    count: usize,
}

/// Which literals occur in a draft, per view, indexed by literal id.
#[derive(Debug, Default)]
pub struct Presence {
    views: [Vec<bool>; 2],
}

impl Presence {
    pub fn in_view(&self, view: View) -> &[bool] {
        &self.views[view_index(view)]
    }
}

fn view_index(view: View) -> usize {
    match view {
        View::Normalized => 0,
        View::Compact => 1,
    }
}

impl LiteralIndex {
    /// Analyses every matcher of the tables and gives each its clauses as literal ids.
    pub fn build(tables: &LangTables) -> Option<Self> {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut literals: Vec<String> = Vec::new();
        for matcher in tables.all_matchers() {
            let clauses = matcher
                .requirement()
                .clauses()
                .iter()
                .map(|clause| {
                    clause
                        .iter()
                        .map(|lit| {
                            *ids.entry(lit.clone()).or_insert_with(|| {
                                literals.push(lit.clone());
                                (literals.len() - 1) as u32
                            })
                        })
                        .collect()
                })
                .collect();
            matcher.set_clause_ids(clauses);
        }
        let automaton = AhoCorasick::new(&literals).ok()?;
        Some(LiteralIndex {
            automaton,
            count: literals.len(),
        })
    }

    /// The literals present in each view of the draft (lower-cased, as the literals are).
    pub fn presence(&self, draft: &Draft) -> Presence {
        let mut presence = Presence::default();
        for view in [View::Normalized, View::Compact] {
            let mut present = vec![false; self.count];
            for found in self.automaton.find_overlapping_iter(draft.lower_view(view)) {
                present[found.pattern().as_usize()] = true;
            }
            presence.views[view_index(view)] = present;
        }
        presence
    }
}
