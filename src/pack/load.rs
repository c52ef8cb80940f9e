//! Loading packs: the built-in ones embedded in the binary, and files or folders given by the user.
//! Every error names the file, line and column, and the rule id when it is known.

use super::macros::{self, UnknownMacro};
use super::model::{Examples, PackInfo, Pattern, Rule, RuleLang, Scenario};
use super::schema::{Fix, Kind, LangRuleDef, Measure, PackFile, PatternDef, RuleDef, ScenarioDef, Scope, Spacing};
use crate::error::{Error, Origin, Result};
use crate::finding::Severity;
use crate::text::lines::LineIndex;
use crate::text::Lang;
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// The built-in packs, in load order: scenario cues first, then the rules that use them.
const BUILTIN: &[(&str, &str)] = &[
    ("scenarios.toml", include_str!("../../rules/scenarios.toml")),
    ("apology.toml", include_str!("../../rules/apology.toml")),
    ("refusal.toml", include_str!("../../rules/refusal.toml")),
    ("structure.toml", include_str!("../../rules/structure.toml")),
    ("tone.toml", include_str!("../../rules/tone.toml")),
];

/// Every loaded pack, rule and scenario.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub packs: Vec<PackInfo>,
    pub rules: Vec<Rule>,
    pub scenarios: Vec<Scenario>,
}

impl RuleSet {
    /// The built-in packs. Their patterns are not syntax-checked here: the test suite checks them
    /// (`builtin_sources`), and skipping it keeps start-up small.
    pub fn builtin() -> Result<Self> {
        let mut set = RuleSet::default();
        for (name, text) in builtin_sources() {
            set.add(&name, text, Validation::Trusted)?;
        }
        Ok(set)
    }

    /// Adds a pack file, or every `*.toml` file in a folder (sorted by name).
    pub fn add_path(&mut self, path: &Path) -> Result<()> {
        let shown = path.display().to_string();
        let unreadable =
            |e: std::io::Error| Error::config(Origin::at(&shown, "", 0), None, format!("cannot read pack: {e}"));
        if path.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(path)
                .map_err(unreadable)?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            files.sort();
            return files.iter().try_for_each(|file| self.add_path(file));
        }
        let bytes = std::fs::read(path).map_err(unreadable)?;
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::config(Origin::at(&shown, "", 0), None, "pack is not valid UTF-8"))?;
        self.add_source(&shown, &text)
    }

    /// Adds one pack from its TOML text; `file` is how errors name it.
    pub fn add_source(&mut self, file: &str, text: &str) -> Result<()> {
        self.add(file, text, Validation::Full)
    }

    fn add(&mut self, file: &str, text: &str, validation: Validation) -> Result<()> {
        let parsed: PackFile = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            Error::config(
                Origin::at(file, text, offset),
                rule_id_at(text, offset).as_deref(),
                e.message(),
            )
        })?;
        let mut loader = Loader {
            file,
            text,
            lines: LineIndex::new(text),
            validation,
        };
        let pack_name = parsed.pack.name.get_ref().clone();
        if self.packs.iter().any(|p| p.name == pack_name) {
            return Err(loader.error(
                parsed.pack.name.span().start,
                None,
                format!("pack '{pack_name}' is already loaded"),
            ));
        }
        for def in parsed.scenario {
            let scenario = loader.scenario(def)?;
            match self.scenarios.iter_mut().find(|s| s.id == scenario.id) {
                Some(existing) => existing.merge(scenario),
                None => self.scenarios.push(scenario),
            }
        }
        for def in parsed.rule {
            let rule = loader.rule(def, &pack_name)?;
            if let Some(other) = self.rules.iter().find(|r| r.id == rule.id) {
                return Err(Error::config(
                    rule.origin.clone(),
                    Some(&rule.id),
                    format!("duplicate rule id, already defined at {}", other.origin),
                ));
            }
            self.rules.push(rule);
        }
        self.packs.push(PackInfo {
            name: pack_name,
            description: parsed.pack.description,
            version: parsed.pack.version,
            file: file.to_string(),
        });
        self.check_scenarios()
    }

    /// Every scenario a rule runs in must be defined by some loaded pack.
    fn check_scenarios(&self) -> Result<()> {
        for rule in &self.rules {
            for (scenario, origin) in rule.when.iter().zip(&rule.when_origins) {
                if !self.scenarios.iter().any(|s| &s.id == scenario) {
                    return Err(Error::config(
                        origin.clone(),
                        Some(&rule.id),
                        format!("unknown scenario '{scenario}' in `when`"),
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

impl Scenario {
    fn merge(&mut self, other: Scenario) {
        for lang in Lang::ALL {
            let i = lang.index();
            self.cues[i].extend(other.cues[i].iter().cloned());
            self.exceptions[i].extend(other.exceptions[i].iter().cloned());
        }
        if self.title.is_empty() {
            self.title = other.title;
        }
    }
}

/// The id of the `[[rule]]` table that holds a byte offset, if the pack parses that far.
fn rule_id_at(text: &str, offset: usize) -> Option<String> {
    #[derive(Deserialize)]
    struct Locator {
        #[serde(default)]
        rule: Vec<Spanned<toml::Table>>,
    }
    let located: Locator = toml::from_str(text).ok()?;
    let table = located.rule.iter().rev().find(|t| t.span().start <= offset)?;
    table.get_ref().get("id")?.as_str().map(str::to_string)
}

/// The built-in packs as (name, TOML text), in load order.
pub fn builtin_sources() -> impl Iterator<Item = (String, &'static str)> {
    BUILTIN.iter().map(|(name, text)| (format!("built-in:{name}"), *text))
}

/// Whether pattern syntax is checked when a pack loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Validation {
    Full,
    /// Built-in packs, checked by the test suite instead.
    Trusted,
}

struct Loader<'a> {
    file: &'a str,
    text: &'a str,
    /// Positions are looked up for every pattern, so the line starts are found once.
    lines: LineIndex,
    validation: Validation,
}

impl Loader<'_> {
    fn origin(&self, offset: usize) -> Origin {
        let (line, column) = self.lines.line_col(self.text, offset);
        Origin {
            file: self.file.to_string(),
            line,
            column,
        }
    }

    fn error(&self, offset: usize, rule: Option<&str>, message: impl Into<String>) -> Error {
        Error::config(self.origin(offset), rule, message)
    }

    fn scenario(&mut self, def: ScenarioDef) -> Result<Scenario> {
        let id = def.id.get_ref().clone();
        let mut scenario = Scenario {
            id,
            title: def.title,
            cues: Default::default(),
            exceptions: Default::default(),
        };
        for (lang, cues) in [(Lang::En, def.en), (Lang::Ko, def.ko)] {
            let Some(cues) = cues else { continue };
            let options = PatternOptions::for_lang(lang, Spacing::Loose, false);
            scenario.cues[lang.index()] = self.patterns(&cues.cues, options, None)?;
            scenario.exceptions[lang.index()] = self.patterns(&cues.exceptions, options, None)?;
        }
        Ok(scenario)
    }

    fn rule(&mut self, def: RuleDef, pack: &str) -> Result<Rule> {
        let id = def.id.get_ref().clone();
        let at = def.id.span().start;
        let rule_id = Some(id.as_str());
        if !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            || id.is_empty()
        {
            return Err(self.error(at, rule_id, "rule id must be lowercase letters, digits and dashes"));
        }
        if def.en.is_none() && def.ko.is_none() {
            return Err(self.error(at, rule_id, "rule has no language: add [rule.en] or [rule.ko]"));
        }
        if def.sentences == 0 {
            return Err(self.error(at, rule_id, "`sentences` must be at least 1"));
        }
        if let Some(insert) = &def.insert {
            if def.kind != Kind::Require {
                return Err(self.error(insert.span().start, rule_id, "`insert` applies only to require rules"));
            }
        }
        if let Some(measure) = &def.measure {
            if def.kind != Kind::Limit {
                return Err(self.error(measure.span().start, rule_id, "`measure` applies only to limit rules"));
            }
        }
        if let Some(min) = &def.min_sentences {
            if def.kind != Kind::Limit {
                return Err(self.error(min.span().start, rule_id, "`min_sentences` applies only to limit rules"));
            }
        }
        if let Some(fix) = &def.fix {
            if def.kind != Kind::Forbid {
                return Err(self.error(fix.span().start, rule_id, "`fix` applies only to forbid rules"));
            }
        }
        if let Some(profile) = &def.profile {
            if def.kind != Kind::Level {
                return Err(self.error(profile.span().start, rule_id, "`profile` applies only to level rules"));
            }
        }
        if def.kind == Kind::Level {
            if let Some(en) = &def.en {
                return Err(self.error(
                    en.span().start,
                    rule_id,
                    "a level rule reads Korean only: use [rule.ko]",
                ));
            }
        }
        if def.scope == Scope::NearCue && def.when.is_empty() {
            return Err(self.error(
                at,
                rule_id,
                "scope \"near-cue\" needs `when`: the scenarios whose cues it looks near",
            ));
        }
        let measure = def.measure.as_ref().map_or(Measure::Matches, |m| *m.get_ref());
        let mut langs: [Option<RuleLang>; 2] = Default::default();
        for (lang, block) in [(Lang::En, def.en), (Lang::Ko, def.ko)] {
            let Some(block) = block else { continue };
            let options = PatternOptions::for_lang(lang, def.spacing, def.case_sensitive);
            langs[lang.index()] = Some(self.rule_lang(block, def.kind, measure, options, &id)?);
        }
        Ok(Rule {
            id: id.clone(),
            title: def.title,
            pack: pack.to_string(),
            kind: def.kind,
            severity: def.severity,
            criterion: def.criterion.get_ref().clone(),
            criterion_origin: self.origin(def.criterion.span().start),
            when_origins: def.when.iter().map(|w| self.origin(w.span().start)).collect(),
            when: def.when.into_iter().map(Spanned::into_inner).collect(),
            scope: def.scope,
            window: def.sentences,
            enabled: def.enabled,
            spacing: def.spacing,
            case_sensitive: def.case_sensitive,
            insert: def.insert.map(Spanned::into_inner).unwrap_or_default(),
            measure,
            min_sentences: def.min_sentences.map_or(0, Spanned::into_inner),
            profile: def.profile.map(Spanned::into_inner).unwrap_or_default(),
            fix: def.fix.map(Spanned::into_inner).unwrap_or_default(),
            langs,
            origin: self.origin(at),
        })
    }

    fn rule_lang(
        &mut self,
        block: Spanned<LangRuleDef>,
        kind: Kind,
        measure: Measure,
        options: PatternOptions,
        id: &str,
    ) -> Result<RuleLang> {
        let at = block.span().start;
        let block = block.into_inner();
        let rule_id = Some(id);
        if let Some(own) = &block.measure {
            if kind != Kind::Limit {
                return Err(self.error(own.span().start, rule_id, "`measure` applies only to limit rules"));
            }
        }
        let measure = block.measure.as_ref().map_or(measure, |m| *m.get_ref());
        if kind == Kind::Level && block.levels.is_none() {
            return Err(self.error(at, rule_id, "a level rule needs `levels` (banmal, hao, casual, mix)"));
        }
        if let Some(levels) = &block.levels {
            if kind != Kind::Level {
                return Err(self.error(levels.span().start, rule_id, "`levels` applies only to level rules"));
            }
        }
        let needs_patterns = match kind {
            Kind::Forbid | Kind::Require => true,
            Kind::Limit => matches!(measure, Measure::Matches | Measure::Position),
            Kind::Level => false,
        };
        if needs_patterns && block.patterns.is_empty() {
            return Err(self.error(at, rule_id, "`patterns` is empty"));
        }
        if kind != Kind::Require && !block.weak.is_empty() {
            return Err(self.error(
                block.weak[0].span().start,
                rule_id,
                "`weak` applies only to require rules",
            ));
        }
        if kind == Kind::Limit && measure == Measure::Position && block.max_share.is_none() {
            return Err(self.error(
                at,
                rule_id,
                "a position limit needs `max_share`: how far in the first match may sit",
            ));
        }
        if kind == Kind::Limit && block.max.is_none() && block.max_share.is_none() {
            return Err(self.error(at, rule_id, "a limit rule needs `max` (or `max_share`)"));
        }
        if let Some(share) = &block.max_share {
            if !(0.0..=1.0).contains(share.get_ref()) {
                return Err(self.error(share.span().start, rule_id, "`max_share` must be between 0 and 1"));
            }
        }
        Ok(RuleLang {
            patterns: block
                .patterns
                .iter()
                .map(|def| self.rule_pattern(def, options, kind, rule_id))
                .collect::<Result<_>>()?,
            exceptions: self.patterns(&block.exceptions, options, rule_id)?,
            weak: self.patterns(&block.weak, options, rule_id)?,
            message: block.message,
            weak_message: block.weak_message,
            weak_suggestion: block.weak_suggestion,
            rationale: block.rationale,
            suggestion: block.suggestion,
            max: block.max.map(Spanned::into_inner),
            max_share: block.max_share.map(Spanned::into_inner),
            measure,
            levels: block.levels.map(Spanned::into_inner).unwrap_or_default(),
            examples: Examples {
                bad: block.examples.bad,
                good: block.examples.good,
            },
        })
    }

    /// A rule pattern: a string, or `{ pattern = "...", suggestion = "..." }`.
    fn rule_pattern(
        &self,
        def: &PatternDef,
        options: PatternOptions,
        kind: Kind,
        rule: Option<&str>,
    ) -> Result<Pattern> {
        let at = def.span().start;
        let wrong = || {
            let shape = "a pattern is a string or { pattern = \"...\", suggestion = \"...\", severity = \"...\", fix = \"...\" }";
            self.error(at, rule, shape)
        };
        match def.get_ref() {
            toml::Value::String(text) => self.pattern(&Spanned::new(def.span(), text.clone()), options, rule),
            toml::Value::Table(table) => {
                if let Some(key) = table
                    .keys()
                    .find(|k| !["pattern", "suggestion", "severity", "fix"].contains(&k.as_str()))
                {
                    return Err(self.error(at, rule, format!("unknown field `{key}` in a pattern table")));
                }
                let text_of = |key: &str| match table.get(key) {
                    None => Ok(None),
                    Some(value) => value.as_str().map(|s| Some(s.to_string())).ok_or_else(wrong),
                };
                let text = text_of("pattern")?.ok_or_else(wrong)?;
                let severity = match text_of("severity")?.as_deref() {
                    None => None,
                    Some("error") => Some(Severity::Error),
                    Some("warning") => Some(Severity::Warning),
                    Some("suggestion") => Some(Severity::Suggestion),
                    Some(other) => {
                        let message = format!("unknown severity `{other}`, expected error, warning or suggestion");
                        return Err(self.error(at, rule, message));
                    }
                };
                let fix = match text_of("fix")?.as_deref() {
                    None => None,
                    Some(_) if kind != Kind::Forbid => {
                        return Err(self.error(at, rule, "`fix` applies only to forbid rules"));
                    }
                    Some("safe") => Some(Fix::Safe),
                    Some("manual") => Some(Fix::Manual),
                    Some(other) => {
                        return Err(self.error(at, rule, format!("unknown fix `{other}`, expected safe or manual")));
                    }
                };
                // The table's own position stands in for the string's.
                let mut pattern = self.pattern(&Spanned::new(def.span(), text), options, rule)?;
                pattern.suggestion = text_of("suggestion")?;
                pattern.severity = severity;
                pattern.fix = fix;
                Ok(pattern)
            }
            _ => Err(wrong()),
        }
    }

    fn patterns(&self, defs: &[Spanned<String>], options: PatternOptions, rule: Option<&str>) -> Result<Vec<Pattern>> {
        defs.iter().map(|def| self.pattern(def, options, rule)).collect()
    }

    /// Expands macros, loosens Korean spacing and checks the syntax now, so that a bad pattern fails
    /// at load; compiling waits until a draft in that language is seen.
    fn pattern(&self, def: &Spanned<String>, options: PatternOptions, rule: Option<&str>) -> Result<Pattern> {
        let source = def.get_ref();
        // The string's content starts one byte after its opening quote.
        let at = def.span().start + 1;
        let expanded = macros::expand(source).map_err(|UnknownMacro { offset, name }| {
            self.error(
                at + offset,
                rule,
                format!("unknown macro {{{name}}} in pattern '{source}'"),
            )
        })?;
        let expanded = match options.lang {
            Lang::Ko if options.loose => macros::loosen_spaces(&expanded),
            Lang::Ko => expanded,
            Lang::En => macros::ascii_classes(&expanded),
        };
        if source.trim().is_empty() {
            return Err(self.error(at, rule, "empty pattern"));
        }
        let pattern = Pattern {
            source: source.clone(),
            expanded,
            origin: self.origin(at),
            suggestion: None,
            severity: None,
            fix: None,
        };
        if self.validation == Validation::Trusted {
            return Ok(pattern);
        }
        regex_syntax::ParserBuilder::new()
            .case_insensitive(!options.case_sensitive)
            .build()
            .parse(&pattern.expanded)
            .map_err(|e| {
                let detail = match e {
                    regex_syntax::Error::Parse(p) => p.kind().to_string(),
                    regex_syntax::Error::Translate(t) => t.kind().to_string(),
                    other => other.to_string(),
                };
                self.error(at, rule, format!("bad regular expression '{source}': {detail}"))
            })?;
        Ok(pattern)
    }
}

#[derive(Debug, Clone, Copy)]
struct PatternOptions {
    lang: Lang,
    loose: bool,
    case_sensitive: bool,
}

impl PatternOptions {
    fn for_lang(lang: Lang, spacing: Spacing, case_sensitive: bool) -> Self {
        PatternOptions {
            lang,
            loose: lang == Lang::Ko && spacing == Spacing::Loose,
            case_sensitive,
        }
    }
}
