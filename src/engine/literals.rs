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
    views: [ViewPresence; 2],
}

#[derive(Debug, Default, Clone)]
struct ViewPresence {
    anywhere: Vec<bool>,
    /// One bit per literal for each sentence (indexed like `Draft::sentences`), `words` words apiece:
    /// set when the literal lies wholly inside the sentence.
    in_sentences: Vec<u64>,
    words: usize,
}

impl Presence {
    pub fn in_view(&self, view: View) -> &[bool] {
        &self.views[view_index(view)].anywhere
    }

    /// Whether the literal lies inside the sentence in this view.
    pub fn in_sentence(&self, view: View, sentence: usize, literal: u32) -> bool {
        let found = &self.views[view_index(view)];
        let word = found.in_sentences[sentence * found.words + literal as usize / 64];
        word & (1 << (literal % 64)) != 0
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
        let normalized = self.view_presence(draft, View::Normalized);
        // An English draft has no spaces between Hangul syllables to remove: both views are one text.
        let compact = if draft.view(View::Compact) == draft.view(View::Normalized) {
            normalized.clone()
        } else {
            self.view_presence(draft, View::Compact)
        };
        Presence {
            views: [normalized, compact],
        }
    }

    fn view_presence(&self, draft: &Draft, view: View) -> ViewPresence {
        let sentences = draft.lower_sentence_ranges(view);
        let words = self.count.div_ceil(64);
        let mut found = ViewPresence {
            anywhere: vec![false; self.count],
            in_sentences: vec![0; words * sentences.len()],
            words,
        };
        for literal in self.automaton.find_overlapping_iter(draft.lower_view(view)) {
            let id = literal.pattern().as_usize();
            found.anywhere[id] = true;
            // The last sentence starting at or before the literal, if the literal ends inside it.
            let Some(i) = sentences.partition_point(|s| s.start <= literal.start()).checked_sub(1) else {
                continue;
            };
            if literal.end() <= sentences[i].end {
                found.in_sentences[i * words + id / 64] |= 1 << (id % 64);
            }
        }
        found
    }
}
