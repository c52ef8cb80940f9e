//! Matchers for one language, built on the first draft in that language. A matcher knows the literals
//! its pattern cannot match without (see `prefilter`) and compiles its regex only the first time a
//! draft has them; the compiled regex is then kept for every later draft.

use super::literals::{LiteralIndex, Presence};
use super::prefilter::Requirement;
use crate::error::{Error, Result};
use crate::pack::{Kind, Pattern, RuleSet, Spacing};
use crate::text::{Draft, Lang, View};
use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use std::ops::Range;
use std::sync::OnceLock;

/// Regexes with big Korean syllable classes need more room than the default.
const SIZE_LIMIT: usize = 64 << 20;

/// How to trade compile time against search speed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Profile {
    /// One or a few drafts: compile as little as possible (no lazy DFA), since compiling dominates.
    #[default]
    QuickStart,
    /// Many drafts: also build the lazy DFA, which costs compile time once and searches faster after.
    Throughput,
}

/// The engine's own literal prefilter is off: building it for case-folded alternations costs more than
/// the rest of compiling, and `Requirement` already keeps patterns off drafts they cannot match.
fn engine_config(profile: Profile) -> meta::Config {
    meta::Config::new()
        .auto_prefilter(false)
        .onepass(false)
        .hybrid(profile == Profile::Throughput)
        .nfa_size_limit(Some(SIZE_LIMIT))
}

/// One pattern, the view it runs on, and its regex once compiled.
#[derive(Debug)]
pub struct Matcher {
    pub view: View,
    lang: Lang,
    requirement: OnceLock<Requirement>,
    /// The requirement's clauses as ids of a `LiteralIndex`, when the language has one.
    clause_ids: OnceLock<Vec<Vec<u32>>>,
    source: Pattern,
    case_sensitive: bool,
    /// Whether a rewrite reads the pattern's capture groups; compiling without them is much cheaper.
    captures: bool,
    profile: Profile,
    regex: OnceLock<Result<Regex>>,
    /// Whether a loose Korean match that runs over a space must keep to the words of its sentence (see
    /// `matching::respects_words`): set for what makes a finding or a scenario, forbid patterns and cues.
    /// A require rule's evidence or an exception found across two words only makes the linter quieter.
    pub keep_to_words: bool,
}

impl Matcher {
    fn new(source: &Pattern, lang: Lang, view: View, case_sensitive: bool, captures: bool, profile: Profile) -> Self {
        Matcher {
            profile,
            captures,
            view,
            lang,
            requirement: OnceLock::new(),
            clause_ids: OnceLock::new(),
            source: source.clone(),
            case_sensitive,
            regex: OnceLock::new(),
            keep_to_words: false,
        }
    }

    /// The literals the pattern cannot match without, analysed on first use.
    pub fn requirement(&self) -> &Requirement {
        self.requirement.get_or_init(|| Requirement::of(&self.source.expanded))
    }

    pub(super) fn set_clause_ids(&self, ids: Vec<Vec<u32>>) {
        let _ = self.clause_ids.set(ids);
    }

    /// Whether the lower-cased view text has what the pattern needs: looked up in the draft's literal
    /// presence when there is one for this language, else searched for.
    pub fn may_match(&self, lower_view: &str, presence: &Presences) -> bool {
        match (presence[self.lang.index()].as_ref(), self.clause_ids.get()) {
            (Some(found), Some(clauses)) => {
                let found = found.in_view(self.view);
                clauses.iter().all(|c| c.iter().any(|&id| found[id as usize]))
            }
            _ => self.requirement().admits(lower_view),
        }
    }

    /// Whether one sentence of the draft (its normalised-view range) has what the pattern needs. Patterns
    /// run on one sentence at a time, so a match holds its literals within its sentence; most sentences
    /// lack them and are never searched.
    pub fn may_match_sentence(&self, draft: &Draft, sentence: &Range<usize>, presence: &Presences) -> bool {
        let Some(index) = draft.sentence_index(sentence) else {
            return true;
        };
        match (presence[self.lang.index()].as_ref(), self.clause_ids.get()) {
            (Some(found), Some(clauses)) => {
                let holds = |&id: &u32| found.in_sentence(self.view, index, id);
                clauses.iter().all(|c| c.iter().any(holds))
            }
            _ => {
                let lower = &draft.lower_view(self.view)[draft.lower_sentence_ranges(self.view)[index].clone()];
                self.requirement().admits(lower)
            }
        }
    }

    /// The compiled regex, compiling it on first use.
    pub fn regex(&self) -> Result<&Regex> {
        self.regex
            .get_or_init(|| {
                meta::Builder::new()
                    .configure(engine_config(self.profile).which_captures(if self.captures {
                        WhichCaptures::All
                    } else {
                        WhichCaptures::Implicit
                    }))
                    .syntax(syntax::Config::new().case_insensitive(!self.case_sensitive))
                    .build(&self.source.expanded)
                    .map_err(|e| {
                        Error::config(
                            self.source.origin.clone(),
                            None,
                            format!("cannot compile '{}': {e}", self.source.source),
                        )
                    })
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// The matchers of one rule (or scenario) in one language.
#[derive(Debug, Default)]
pub struct MatcherSet {
    pub patterns: Vec<Matcher>,
    pub exceptions: Vec<Matcher>,
    pub weak: Vec<Matcher>,
    /// Korean patterns over morphemes.
    pub morphemes: Vec<super::morphemes::MorphemeMatcher>,
}

/// Everything for one language, indexed like `RuleSet::rules` and `RuleSet::scenarios`.
#[derive(Debug)]
pub struct LangTables {
    pub rules: Vec<Option<MatcherSet>>,
    pub scenarios: Vec<MatcherSet>,
    /// Built for `Profile::Throughput` only.
    pub literals: Option<LiteralIndex>,
}

impl LangTables {
    pub fn all_matchers(&self) -> impl Iterator<Item = &Matcher> {
        self.rules
            .iter()
            .flatten()
            .chain(&self.scenarios)
            .flat_map(|s| s.patterns.iter().chain(&s.exceptions).chain(&s.weak))
    }
}

/// Each language's literal presence in the draft being checked, indexed by `Lang::index`.
pub type Presences = [Option<Presence>; 2];

pub fn lang_tables(rules: &RuleSet, lang: Lang, profile: Profile) -> LangTables {
    let mut tables = matcher_tables(rules, lang, profile);
    if profile == Profile::Throughput {
        tables.literals = LiteralIndex::build(&tables);
    }
    tables
}

fn matcher_tables(rules: &RuleSet, lang: Lang, profile: Profile) -> LangTables {
    let view_for = |spacing: Spacing| match (lang, spacing) {
        (Lang::Ko, Spacing::Loose) => View::Compact,
        _ => View::Normalized,
    };
    let all = |patterns: &[Pattern], view: View, case_sensitive: bool, captures: bool| -> Vec<Matcher> {
        patterns
            .iter()
            .map(|p| Matcher::new(p, lang, view, case_sensitive, captures, profile))
            .collect()
    };
    let keeping_to_words = |matchers: Vec<Matcher>| -> Vec<Matcher> {
        matchers
            .into_iter()
            .map(|m| Matcher {
                keep_to_words: m.view == View::Compact,
                ..m
            })
            .collect()
    };
    LangTables {
        rules: rules
            .rules
            .iter()
            .map(|rule| {
                let text = rule.lang(lang)?;
                let view = view_for(rule.spacing);
                let patterns = all(&text.patterns, view, rule.case_sensitive, text.rewrites_use_groups());
                Some(MatcherSet {
                    patterns: match rule.kind {
                        Kind::Forbid => keeping_to_words(patterns),
                        _ => patterns,
                    },
                    exceptions: all(&text.exceptions, view, rule.case_sensitive, false),
                    weak: all(&text.weak, view, rule.case_sensitive, false),
                    morphemes: text
                        .morphemes
                        .iter()
                        .map(super::morphemes::MorphemeMatcher::new)
                        .collect(),
                })
            })
            .collect(),
        scenarios: rules
            .scenarios
            .iter()
            .map(|s| {
                let view = view_for(Spacing::Loose);
                MatcherSet {
                    patterns: keeping_to_words(all(&s.cues[lang.index()], view, false, false)),
                    exceptions: all(&s.exceptions[lang.index()], view, false, false),
                    weak: Vec::new(),
                    morphemes: Vec::new(),
                }
            })
            .collect(),
        literals: None,
    }
}
