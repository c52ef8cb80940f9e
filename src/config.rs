//! `replylint.toml`: a team's settings, found by walking up from the current folder (or named with
//! `--config`, skipped with `--no-config`). Unknown keys and bad values are errors naming the file, line
//! and column. Paths inside are relative to the config file's folder.

use crate::error::{Error, Origin, Result};
use crate::finding::Severity;
use crate::pack::{Kind, LevelProfile, RuleSet};
use crate::report::Report;
use crate::text::ReplyKind;
use globset::{Glob, GlobMatcher};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const FILE_NAME: &str = "replylint.toml";

/// `replylint.toml`: a team's settings. Paths in it are relative to its folder.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ConfigFile {
    /// Extra packs: pack files, or folders of them.
    #[serde(default)]
    packs: Vec<String>,
    /// The grading rubric, instead of the built-in one.
    rubric: Option<String>,
    /// Run only these rules or packs (the command line's `--select` wins).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    select: Vec<Spanned<String>>,
    /// Skip these rules or packs (added to `--ignore`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    ignore: Vec<Spanned<String>>,
    /// The severity that makes the exit code 1 (the command line's `--fail-on` wins).
    fail_on: Option<FailOnSetting>,
    /// The register Korean replies are expected to use (default `formal`).
    korean_profile: Option<LevelProfile>,
    /// The kind of text every draft is (`full`, `fragment`, `faq`, `auto-reply`, `notice`) instead of
    /// detecting it; an `[[override]]` can set it for some paths, and `--kind` wins over both.
    kind: Option<ReplyKind>,
    /// Per-rule severity, by rule id.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Severity>")]
    severity: BTreeMap<String, Spanned<Severity>>,
    #[serde(default)]
    vocabulary: Vocabulary,
    /// Settings for the files whose path matches.
    #[serde(default, rename = "override")]
    overrides: Vec<OverrideDef>,
    /// Help-desk exports: macros to leave alone, by id or title.
    #[serde(default)]
    ignore_macro: Vec<IgnoreMacroDef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FailOnSetting {
    Error,
    Warning,
    Suggestion,
    Never,
}

/// Words the team uses on purpose.
#[derive(Debug, Default, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// Product names and terms the team uses on purpose: a finding whose words are one of them (or part of
    /// one) is dropped ("Webhook URL" is not jargon for a developer tool).
    #[serde(default)]
    pub allow: Vec<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct OverrideDef {
    /// Globs of the paths these settings apply to.
    #[schemars(with = "Vec<String>")]
    paths: Vec<Spanned<String>>,
    /// Rules or packs to skip there.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    ignore: Vec<Spanned<String>>,
    /// Per-rule severity there, by rule id.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Severity>")]
    severity: BTreeMap<String, Spanned<Severity>>,
    /// The kind of text the drafts there are, instead of detecting it (`fragment` for a folder of
    /// snippets, say).
    kind: Option<ReplyKind>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct IgnoreMacroDef {
    /// The macro's id in the export.
    id: Option<String>,
    /// A glob matching the macro's title.
    #[schemars(with = "Option<String>")]
    title: Option<Spanned<String>>,
    /// The rules to leave it alone for; empty: every rule.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    rules: Vec<Spanned<String>>,
}

/// Settings for files whose path matches.
#[derive(Debug)]
pub struct PathOverride {
    pub globs: Vec<(String, GlobMatcher)>,
    pub ignore: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    pub kind: Option<ReplyKind>,
}

/// Macros of an export to leave alone (all rules, or some).
#[derive(Debug)]
pub struct MacroIgnore {
    pub id: Option<String>,
    pub title: Option<(String, GlobMatcher)>,
    pub rules: Vec<String>,
}

/// The configuration in force.
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from, if any.
    pub file: Option<PathBuf>,
    pub packs: Vec<PathBuf>,
    pub rubric: Option<PathBuf>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub fail_on: Option<FailOnSetting>,
    pub korean_profile: Option<LevelProfile>,
    /// The kind of text every draft is, instead of detecting it.
    pub kind: Option<ReplyKind>,
    pub severity: BTreeMap<String, Severity>,
    pub vocabulary: Vocabulary,
    pub overrides: Vec<PathOverride>,
    pub ignore_macros: Vec<MacroIgnore>,
    /// Where each named rule was written, to report one that is not loaded.
    rule_names: Vec<(String, Origin)>,
}

impl Config {
    /// `replylint.toml` in the current folder or the nearest folder above it; none is fine.
    pub fn discover() -> Result<Self> {
        let Ok(dir) = std::env::current_dir() else {
            return Ok(Config::default());
        };
        match Config::find(&dir) {
            Some(path) => Config::load(&path),
            None => Ok(Config::default()),
        }
    }

    /// The `replylint.toml` that governs a folder: in it or in the nearest folder above it.
    pub fn find(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|candidate| candidate.is_file())
    }

    pub fn load(path: &Path) -> Result<Self> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::config(Origin::at(&shown, "", 0), None, format!("cannot read config: {e}")))?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Config::parse(&shown, &text, &base).map(|mut c| {
            c.file = Some(path.to_path_buf());
            c
        })
    }

    pub fn parse(shown: &str, text: &str, base: &Path) -> Result<Self> {
        let at = |offset: usize| Origin::at(shown, text, offset);
        let file: ConfigFile =
            toml::from_str(text).map_err(|e| Error::config(at(e.span().map_or(0, |s| s.start)), None, e.message()))?;
        let glob = |pattern: &Spanned<String>| {
            Glob::new(pattern.get_ref())
                .map(|g| (pattern.get_ref().clone(), g.compile_matcher()))
                .map_err(|e| Error::config(at(pattern.span().start), None, format!("bad glob: {e}")))
        };
        let mut rule_names = Vec::new();
        let mut name = |n: &Spanned<String>| {
            rule_names.push((n.get_ref().clone(), at(n.span().start)));
            n.get_ref().clone()
        };
        let select = file.select.iter().map(&mut name).collect();
        let ignore = file.ignore.iter().map(&mut name).collect();
        let severities = |table: &BTreeMap<String, Spanned<Severity>>, names: &mut Vec<(String, Origin)>| {
            table
                .iter()
                .map(|(rule, severity)| {
                    names.push((rule.clone(), at(severity.span().start)));
                    (rule.clone(), *severity.get_ref())
                })
                .collect::<BTreeMap<_, _>>()
        };
        let severity = severities(&file.severity, &mut rule_names);
        let mut overrides = Vec::new();
        for o in &file.overrides {
            overrides.push(PathOverride {
                globs: o.paths.iter().map(glob).collect::<Result<_>>()?,
                ignore: o
                    .ignore
                    .iter()
                    .map(|n| {
                        rule_names.push((n.get_ref().clone(), at(n.span().start)));
                        n.get_ref().clone()
                    })
                    .collect(),
                severity: severities(&o.severity, &mut rule_names),
                kind: o.kind,
            });
        }
        let mut ignore_macros = Vec::new();
        for m in &file.ignore_macro {
            if m.id.is_none() && m.title.is_none() {
                return Err(Error::config(at(0), None, "an [[ignore-macro]] needs `id` or `title`"));
            }
            ignore_macros.push(MacroIgnore {
                id: m.id.clone(),
                title: m.title.as_ref().map(glob).transpose()?,
                rules: m
                    .rules
                    .iter()
                    .map(|n| {
                        rule_names.push((n.get_ref().clone(), at(n.span().start)));
                        n.get_ref().clone()
                    })
                    .collect(),
            });
        }
        Ok(Config {
            file: None,
            packs: file.packs.iter().map(|p| base.join(p)).collect(),
            rubric: file.rubric.map(|r| base.join(r)),
            select,
            ignore,
            fail_on: file.fail_on,
            korean_profile: file.korean_profile,
            kind: file.kind,
            severity,
            vocabulary: file.vocabulary,
            overrides,
            ignore_macros,
            rule_names,
        })
    }

    /// Checks that every rule named is loaded (or is a pack), and applies rule-level settings: severity
    /// overrides and the Korean speech-level profile.
    pub fn apply_to_rules(&self, rules: &mut RuleSet) -> Result<()> {
        for (name, origin) in &self.rule_names {
            let known = rules.rules.iter().any(|r| &r.id == name) || rules.packs.iter().any(|p| &p.name == name);
            if !known {
                let hint =
                    crate::suggest::did_you_mean(name, rules.rules.iter().map(|r| r.id.as_str())).unwrap_or_default();
                return Err(Error::config(
                    origin.clone(),
                    None,
                    format!("unknown rule or pack '{name}'{hint}"),
                ));
            }
        }
        for rule in &mut rules.rules {
            if let Some(&severity) = self.severity.get(&rule.id) {
                rule.severity = severity;
            }
            if let (Some(profile), Kind::Level) = (self.korean_profile, rule.kind) {
                rule.profile = profile;
            }
        }
        Ok(())
    }

    /// The kind of text the config says the draft at this path is: the last `[[override]]` matching the
    /// path that sets one, else the config's own `kind`.
    pub fn kind_for(&self, source: &str) -> Option<ReplyKind> {
        self.overrides
            .iter()
            .rev()
            .filter(|o| o.globs.iter().any(|(_, g)| g.is_match(source)))
            .find_map(|o| o.kind)
            .or(self.kind)
    }

    /// Per-path and per-macro settings and the vocabulary, applied to a checked report.
    pub fn apply_to_report(&self, report: &mut Report) {
        let allowed: Vec<String> = self.vocabulary.allow.iter().map(|t| t.to_lowercase()).collect();
        for result in &mut report.results {
            let path_overrides: Vec<&PathOverride> = self
                .overrides
                .iter()
                .filter(|o| o.globs.iter().any(|(_, g)| g.is_match(&result.source)))
                .collect();
            let macro_ignores: Vec<&MacroIgnore> = match &result.macro_ref {
                Some(m) => self
                    .ignore_macros
                    .iter()
                    .filter(|i| {
                        i.id.as_ref().is_some_and(|id| id == &m.id)
                            || i.title.as_ref().is_some_and(|(_, g)| g.is_match(&m.title))
                    })
                    .collect(),
                None => Vec::new(),
            };
            result.outcome.findings.retain_mut(|f| {
                let words = f.excerpt.trim().to_lowercase();
                let in_vocabulary = !words.is_empty() && allowed.iter().any(|t| t.contains(&words));
                let ignored_here = path_overrides.iter().any(|o| o.ignore.contains(&f.rule))
                    || macro_ignores
                        .iter()
                        .any(|i| i.rules.is_empty() || i.rules.contains(&f.rule));
                for o in &path_overrides {
                    if let Some(&severity) = o.severity.get(&f.rule) {
                        f.severity = severity;
                    }
                }
                !in_vocabulary && !ignored_here
            });
        }
    }
}
