//! The rubric file: criteria and weights, penalties per severity, letter bands and caps.

use crate::error::{Error, Origin, Result};
use crate::finding::Severity;
use crate::pack::RuleSet;
use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

const BUILTIN: &str = include_str!("../../rules/rubric.toml");

/// A grading rubric: criteria and weights, penalties per severity, letter bands and caps.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RubricFile {
    rubric: Meta,
    penalties: Penalties,
    /// The criteria a draft is scored on, each from 0 to 100; the score is their weighted mean.
    #[schemars(with = "Vec<Criterion>")]
    criterion: Vec<Spanned<Criterion>>,
    /// Letters, each for scores from its `min` up; one band must have `min = 0`.
    #[schemars(with = "Vec<Band>")]
    band: Vec<Spanned<Band>>,
    #[serde(default)]
    #[schemars(with = "Vec<Cap>")]
    cap: Vec<Spanned<Cap>>,
}

/// The rubric's name and a line about it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The rubric's name, shown with grades.
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// What one finding takes off its criterion's 100, by severity (floored at 0).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Penalties {
    pub error: u32,
    pub warning: u32,
    pub suggestion: u32,
}

impl Penalties {
    pub fn of(&self, severity: Severity) -> u32 {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Suggestion => self.suggestion,
        }
    }
}

/// What a draft is scored on, and the rules that feed it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// The id rules name as their `criterion`.
    pub id: String,
    #[serde(default)]
    pub title: String,
    /// Its weight in the score (criteria none of whose rules applied are left out).
    pub weight: u32,
    /// Rule ids (or `prefix-*` globs) this criterion takes, whatever criterion their pack names. A rule
    /// no criterion lists feeds the criterion its pack names.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub rules: Vec<Spanned<String>>,
}

impl Criterion {
    fn takes(&self, rule: &str) -> bool {
        self.rules.iter().any(|r| matches_rule(r.get_ref(), rule))
    }
}

/// An exact id, or a glob with one `*` ("refusal-*", "korean-*").
fn matches_rule(pattern: &str, rule: &str) -> bool {
    match pattern.split_once('*') {
        Some((head, tail)) => rule.len() >= head.len() + tail.len() && rule.starts_with(head) && rule.ends_with(tail),
        None => pattern == rule,
    }
}

/// A letter and the scores that get it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub letter: String,
    /// The lowest score that gets this letter.
    pub min: u32,
}

/// A ceiling on the score when a draft has a finding of this rule and/or severity.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cap {
    /// A rule id.
    pub rule: Option<String>,
    pub severity: Option<Severity>,
    /// The highest score such a draft can get.
    pub max: u32,
}

#[derive(Debug, Clone)]
pub struct Rubric {
    pub meta: Meta,
    pub penalties: Penalties,
    pub criteria: Vec<Criterion>,
    /// Sorted by `min`, highest first.
    pub bands: Vec<Band>,
    pub caps: Vec<Cap>,
    /// Where each cap was written, for errors found when rules are known.
    cap_origins: Vec<Origin>,
    /// The file it came from and its text, for `replylint rubric --print` and errors.
    pub file: String,
    pub source: String,
}

impl Rubric {
    pub fn builtin() -> Result<Self> {
        Rubric::from_source("built-in:rubric.toml", BUILTIN)
    }

    pub fn from_path(path: &std::path::Path) -> Result<Self> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::config(Origin::at(&shown, "", 0), None, format!("cannot read rubric: {e}")))?;
        Rubric::from_source(&shown, &text)
    }

    pub fn from_source(file: &str, text: &str) -> Result<Self> {
        let at = |offset: usize| Origin::at(file, text, offset);
        let parsed: RubricFile =
            toml::from_str(text).map_err(|e| Error::config(at(e.span().map_or(0, |s| s.start)), None, e.message()))?;
        if parsed.criterion.is_empty() {
            return Err(Error::config(at(0), None, "rubric has no [[criterion]]"));
        }
        for (i, c) in parsed.criterion.iter().enumerate() {
            if parsed.criterion[..i].iter().any(|o| o.get_ref().id == c.get_ref().id) {
                return Err(Error::config(
                    at(c.span().start),
                    None,
                    format!("duplicate criterion '{}'", c.get_ref().id),
                ));
            }
            if c.get_ref().weight == 0 {
                return Err(Error::config(
                    at(c.span().start),
                    None,
                    format!("criterion '{}' has weight 0", c.get_ref().id),
                ));
            }
        }
        if !parsed.band.iter().any(|b| b.get_ref().min == 0) {
            return Err(Error::config(
                at(0),
                None,
                "rubric needs a [[band]] with min = 0 so every score gets a letter",
            ));
        }
        if let Some(b) = parsed.band.iter().find(|b| b.get_ref().min > 100) {
            return Err(Error::config(at(b.span().start), None, "band `min` must be 0 to 100"));
        }
        for cap in &parsed.cap {
            if cap.get_ref().rule.is_none() && cap.get_ref().severity.is_none() {
                return Err(Error::config(
                    at(cap.span().start),
                    None,
                    "a [[cap]] needs `rule`, `severity` or both",
                ));
            }
        }
        let mut bands: Vec<Band> = parsed.band.into_iter().map(Spanned::into_inner).collect();
        bands.sort_by_key(|b| std::cmp::Reverse(b.min));
        Ok(Rubric {
            meta: parsed.rubric,
            penalties: parsed.penalties,
            criteria: parsed.criterion.into_iter().map(Spanned::into_inner).collect(),
            bands,
            cap_origins: parsed.cap.iter().map(|c| at(c.span().start)).collect(),
            caps: parsed.cap.into_iter().map(Spanned::into_inner).collect(),
            file: file.to_string(),
            source: text.to_string(),
        })
    }

    /// The criterion a rule's findings count against: the first criterion listing the rule, else the one
    /// its pack names.
    pub fn criterion_of<'a>(&'a self, rule: &str, own: &'a str) -> &'a str {
        self.criteria
            .iter()
            .find(|c| c.takes(rule))
            .map_or(own, |c| c.id.as_str())
    }

    /// Every rule must feed a criterion of this rubric, every rule a criterion lists must be loaded, and
    /// every cap must name a loaded rule.
    pub fn check_rules(&self, rules: &RuleSet) -> Result<()> {
        let at = |offset: usize| Origin::at(&self.file, &self.source, offset);
        for criterion in &self.criteria {
            for listed in &criterion.rules {
                let name = listed.get_ref();
                if !rules.rules.iter().any(|r| matches_rule(name, &r.id)) {
                    let hint = crate::suggest::did_you_mean(name, rules.rules.iter().map(|r| r.id.as_str()))
                        .unwrap_or_default();
                    return Err(Error::config(
                        at(listed.span().start),
                        None,
                        format!(
                            "criterion '{}' lists rule '{name}', which is not loaded{hint}",
                            criterion.id
                        ),
                    ));
                }
            }
        }
        for rule in &rules.rules {
            let criterion = self.criterion_of(&rule.id, &rule.criterion);
            if !self.criteria.iter().any(|c| c.id == criterion) {
                let known: Vec<&str> = self.criteria.iter().map(|c| c.id.as_str()).collect();
                return Err(Error::config(
                    rule.criterion_origin.clone(),
                    Some(&rule.id),
                    format!(
                        "criterion '{}' is not in the rubric '{}' (it has: {})",
                        rule.criterion,
                        self.meta.name,
                        known.join(", ")
                    ),
                ));
            }
        }
        for (cap, origin) in self.caps.iter().zip(&self.cap_origins) {
            if let Some(id) = &cap.rule {
                if rules.rule(id).is_none() {
                    return Err(Error::config(
                        origin.clone(),
                        Some(id),
                        "[[cap]] names a rule that is not loaded",
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn letter(&self, score: u32) -> &str {
        self.bands
            .iter()
            .find(|b| score >= b.min)
            .map_or("F", |b| b.letter.as_str())
    }
}
