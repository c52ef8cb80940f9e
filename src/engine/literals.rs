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

/// Which literals occur in a draft, per view: anywhere (indexed by literal id), and in each sentence.
#[derive(Debug, Default)]
pub struct Presence {
    views: [Vec<bool>; 2],
    /// Per view, per sentence (indexed like `Draft::sentences`): the ids of the literals found wholly
    /// inside it, sorted.
    sentences: [Vec<Vec<u32>>; 2],
}

impl Presence {
    pub fn in_view(&self, view: View) -> &[bool] {
        &self.views[view_index(view)]
    }

    pub fn in_sentence(&self, view: View, sentence: usize) -> &[u32] {
        &self.sentences[view_index(view)][sentence]
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

    /// The literals present in each view of the draft (lower-cased, as the literals are), and in each
    /// of its sentences.
    pub fn presence(&self, draft: &Draft) -> Presence {
        let mut presence = Presence::default();
        for view in [View::Normalized, View::Compact] {
            let sentences = draft.lower_sentence_ranges(view);
            let mut present = vec![false; self.count];
            let mut in_sentences = vec![Vec::new(); sentences.len()];
            for found in self.automaton.find_overlapping_iter(draft.lower_view(view)) {
                let id = found.pattern().as_u32();
                present[id as usize] = true;
                // The last sentence starting at or before the literal, if the literal ends inside it.
                let Some(i) = sentences.partition_point(|s| s.start <= found.start()).checked_sub(1) else {
                    continue;
                };
                if found.end() <= sentences[i].end {
                    in_sentences[i].push(id);
                }
            }
            for ids in &mut in_sentences {
                ids.sort_unstable();
                ids.dedup();
            }
            presence.views[view_index(view)] = present;
            presence.sentences[view_index(view)] = in_sentences;
        }
        presence
    }
}
