//! Matchers for one language, built on the first draft in that language. A matcher knows the literals
//! its pattern cannot match without (see `prefilter`) and compiles its regex only the first time a
//! draft has them; the compiled regex is then kept for every later draft.

use super::prefilter::Requirement;
use crate::error::{Error, Result};
use crate::pack::{Pattern, RuleSet, Spacing};
use crate::text::{Lang, View};
use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
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
    requirement: OnceLock<Requirement>,
    source: Pattern,
    case_sensitive: bool,
    /// Whether a rewrite reads the pattern's capture groups; compiling without them is much cheaper.
    captures: bool,
    profile: Profile,
    regex: OnceLock<Result<Regex>>,
}

impl Matcher {
    fn new(source: &Pattern, view: View, case_sensitive: bool, captures: bool, profile: Profile) -> Self {
        Matcher {
            profile,
            captures,
            view,
            requirement: OnceLock::new(),
            source: source.clone(),
            case_sensitive,
            regex: OnceLock::new(),
        }
    }

    /// Whether the lower-cased view text has what the pattern needs.
    pub fn may_match(&self, lower_view: &str) -> bool {
        self.requirement
            .get_or_init(|| Requirement::of(&self.source.expanded))
            .admits(lower_view)
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
}

/// Everything for one language, indexed like `RuleSet::rules` and `RuleSet::scenarios`.
#[derive(Debug)]
pub struct LangTables {
    pub rules: Vec<Option<MatcherSet>>,
    pub scenarios: Vec<MatcherSet>,
}

pub fn lang_tables(rules: &RuleSet, lang: Lang, profile: Profile) -> LangTables {
    let view_for = |spacing: Spacing| match (lang, spacing) {
        (Lang::Ko, Spacing::Loose) => View::Compact,
        _ => View::Normalized,
    };
    let all = |patterns: &[Pattern], view: View, case_sensitive: bool, captures: bool| -> Vec<Matcher> {
        patterns
            .iter()
            .map(|p| Matcher::new(p, view, case_sensitive, captures, profile))
            .collect()
    };
    LangTables {
        rules: rules
            .rules
            .iter()
            .map(|rule| {
                let text = rule.lang(lang)?;
                let view = view_for(rule.spacing);
                Some(MatcherSet {
                    patterns: all(&text.patterns, view, rule.case_sensitive, text.rewrites_use_groups()),
                    exceptions: all(&text.exceptions, view, rule.case_sensitive, false),
                    weak: all(&text.weak, view, rule.case_sensitive, false),
                })
            })
            .collect(),
        scenarios: rules
            .scenarios
            .iter()
            .map(|s| {
                let view = view_for(Spacing::Loose);
                MatcherSet {
                    patterns: all(&s.cues[lang.index()], view, false, false),
                    exceptions: all(&s.exceptions[lang.index()], view, false, false),
                    weak: Vec::new(),
                }
            })
            .collect(),
    }
}
