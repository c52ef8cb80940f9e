//! Compiled patterns, built once per process and per language, on the first draft in that language.

use crate::error::{Error, Result};
use crate::pack::{Pattern, RuleSet, Spacing};
use crate::text::{Lang, View};
use regex::{Regex, RegexBuilder};

/// One compiled pattern and the view it runs on.
#[derive(Debug)]
pub struct Matcher {
    pub regex: Regex,
    pub view: View,
}

/// The compiled patterns, exceptions and weak phrases of one rule (or scenario) in one language.
#[derive(Debug, Default)]
pub struct MatcherSet {
    pub patterns: Vec<Matcher>,
    pub exceptions: Vec<Matcher>,
    pub weak: Vec<Matcher>,
}

/// Everything compiled for one language, indexed like `RuleSet::rules` and `RuleSet::scenarios`.
#[derive(Debug)]
pub struct LangTables {
    pub rules: Vec<Option<MatcherSet>>,
    pub scenarios: Vec<MatcherSet>,
}

/// Regexes with big Korean syllable classes need more room than the default.
const SIZE_LIMIT: usize = 64 << 20;

pub fn compile_lang(rules: &RuleSet, lang: Lang) -> Result<LangTables> {
    let view_for = |spacing: Spacing| match (lang, spacing) {
        (Lang::Ko, Spacing::Loose) => View::Compact,
        _ => View::Normalized,
    };
    let compiled_rules = rules
        .rules
        .iter()
        .map(|rule| {
            let Some(text) = rule.lang(lang) else { return Ok(None) };
            let view = view_for(rule.spacing);
            let all = |patterns: &[Pattern]| compile_all(patterns, view, rule.case_sensitive);
            Ok(Some(MatcherSet {
                patterns: all(&text.patterns)?,
                exceptions: all(&text.exceptions)?,
                weak: all(&text.weak)?,
            }))
        })
        .collect::<Result<_>>()?;
    let scenarios = rules
        .scenarios
        .iter()
        .map(|s| {
            let view = view_for(Spacing::Loose);
            Ok(MatcherSet {
                patterns: compile_all(&s.cues[lang.index()], view, false)?,
                exceptions: compile_all(&s.exceptions[lang.index()], view, false)?,
                weak: Vec::new(),
            })
        })
        .collect::<Result<_>>()?;
    Ok(LangTables {
        rules: compiled_rules,
        scenarios,
    })
}

fn compile_all(patterns: &[Pattern], view: View, case_sensitive: bool) -> Result<Vec<Matcher>> {
    patterns
        .iter()
        .map(|p| {
            let regex = RegexBuilder::new(&p.expanded)
                .case_insensitive(!case_sensitive)
                .size_limit(SIZE_LIMIT)
                .build()
                .map_err(|e| Error::config(p.origin.clone(), None, format!("cannot compile '{}': {e}", p.source)))?;
            Ok(Matcher { regex, view })
        })
        .collect()
}
