//! Loading packs: the built-in ones embedded in the binary, and files or folders given by the user.
//! Every error names the file, line and column, and the rule id when it is known.

use super::macros::{self, UnknownMacro};
use super::model::{Examples, PackInfo, Pattern, Rule, RuleLang, Scenario};
use super::schema::{
    BadExample, Detector, Fix, ForbidLang, ForbidRule, IfNoScope, Insert, Kind, LevelLang, LevelProfile, LevelRule,
    LevelsDef, LimitLang, LimitRule, Measure, PackHeader, PatternDef, RequireLang, RequireRule, RuleDef, ScenarioDef,
    Scope, Spacing,
};
use crate::error::{Error, Origin, Result};
use crate::finding::Severity;
use crate::text::lines::LineIndex;
use crate::text::{Lang, ReplyKind};
use serde::Deserialize;
use std::path::Path;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

/// A built-in pack: its folder name, its `pack.toml` and its rule files by id.
pub(crate) struct BuiltinPack {
    pub name: &'static str,
    pub header: &'static str,
    pub rules: &'static [(&'static str, &'static str)],
}

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// Every loaded pack, rule and scenario.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub packs: Vec<PackInfo>,
    pub rules: Vec<Rule>,
    pub scenarios: Vec<Scenario>,
}

impl RuleSet {
    /// The built-in packs. Their patterns are not syntax-checked here: the test suite checks them
    /// (`builtin_checked`), and skipping it keeps start-up small.
    pub fn builtin() -> Result<Self> {
        Self::load_builtin(Validation::Trusted)
    }

    /// The built-in packs with every pattern's syntax checked, as a user's pack would be.
    pub fn builtin_checked() -> Result<Self> {
        Self::load_builtin(Validation::Full)
    }

    fn load_builtin(validation: Validation) -> Result<Self> {
        let mut set = RuleSet::default();
        for pack in BUILTIN {
            let folder = format!("built-in:{}", pack.name);
            let rules = pack
                .rules
                .iter()
                .map(|(id, text)| (format!("{folder}/{id}.toml"), *id, *text));
            set.add_folder(&format!("{folder}/pack.toml"), pack.header, rules, validation)?;
        }
        // Packs load in name order, so a rule may name a scenario of a pack loaded after its own.
        set.check_scenarios()?;
        Ok(set)
    }

    /// Adds a pack: a single-file pack, a pack folder (one with a `pack.toml`), or a folder of either
    /// (sorted by name), such as a copy of the built-in `rules/`.
    pub fn add_path(&mut self, path: &Path) -> Result<()> {
        if path.is_dir() {
            if path.join("pack.toml").is_file() {
                return self.add_pack_folder(path);
            }
            let mut entries: Vec<_> = std::fs::read_dir(path)
                .map_err(|e| unreadable(path, e))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.join("pack.toml").is_file() || p.extension().is_some_and(|e| e == "toml"))
                .collect();
            entries.sort();
            return entries.iter().try_for_each(|entry| self.add_path(entry));
        }
        let text = read_pack_file(path)?;
        self.add_source(&path.display().to_string(), &text)
    }

    /// A folder holding `pack.toml` and one `<rule-id>.toml` per rule.
    fn add_pack_folder(&mut self, folder: &Path) -> Result<()> {
        let header = read_pack_file(&folder.join("pack.toml"))?;
        let mut files: Vec<_> = std::fs::read_dir(folder)
            .map_err(|e| unreadable(folder, e))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml") && !p.ends_with("pack.toml"))
            .collect();
        files.sort();
        let mut rules = Vec::new();
        for file in &files {
            let id = file
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            rules.push((file.display().to_string(), id, read_pack_file(file)?));
        }
        let rules = rules
            .iter()
            .map(|(file, id, text)| (file.clone(), id.as_str(), text.as_str()));
        let header_file = folder.join("pack.toml").display().to_string();
        self.add_folder(&header_file, &header, rules, Validation::Full)?;
        self.check_scenarios()
    }

    /// Adds a single-file pack from its TOML text (`[pack]`, `[[scenario]]`, `[[rule]]`); `file` is how
    /// errors name it.
    pub fn add_source(&mut self, file: &str, text: &str) -> Result<()> {
        let document = parse_document(file, text)?;
        let mut root = document.into_inner();
        let rules = root.remove("rule");
        let loader = Loader::new(file, text, Validation::Full);
        let header = loader.header(root)?;
        let mut defs = Vec::new();
        if let Some(rules) = rules {
            let span = rules.span();
            let DeValue::Array(tables) = rules.into_inner() else {
                return Err(loader.error(span.start, None, "`rule` must be an array of tables: write [[rule]]"));
            };
            for table in tables {
                defs.push(loader.rule_def(table, None)?);
            }
        }
        self.add_pack(&loader, header, defs)?;
        self.check_scenarios()
    }

    /// Adds a pack folder's header and rule files, given as (file name for errors, rule id, TOML text).
    fn add_folder<'t>(
        &mut self,
        header_file: &str,
        header: &str,
        rules: impl Iterator<Item = (String, &'t str, &'t str)>,
        validation: Validation,
    ) -> Result<()> {
        let header_loader = Loader::new(header_file, header, validation);
        let header = header_loader.header(parse_document(header_file, header)?.into_inner())?;
        let mut loaded = Vec::new();
        for (file, id, text) in rules {
            let loader = Loader::new(&file, text, validation);
            let document = parse_document(&file, text).map_err(|e| e.with_rule(id))?;
            let span = document.span();
            let def = loader.rule_def(Spanned::new(span, DeValue::Table(document.into_inner())), Some(id))?;
            loaded.push(loader.rule(def, &header.pack.name.get_ref().clone(), Some(id))?);
        }
        self.add_header(&header_loader, header)?;
        for rule in loaded {
            self.push_rule(rule)?;
        }
        Ok(())
    }

    fn add_pack(&mut self, loader: &Loader, header: PackHeader, defs: Vec<RuleDef>) -> Result<()> {
        let pack_name = header.pack.name.get_ref().clone();
        let rules = defs
            .into_iter()
            .map(|def| loader.rule(def, &pack_name, None))
            .collect::<Result<Vec<_>>>()?;
        self.add_header(loader, header)?;
        for rule in rules {
            self.push_rule(rule)?;
        }
        Ok(())
    }

    /// Records a pack's name and description and merges its scenarios.
    fn add_header(&mut self, loader: &Loader, header: PackHeader) -> Result<()> {
        let pack_name = header.pack.name.get_ref().clone();
        if self.packs.iter().any(|p| p.name == pack_name) {
            return Err(loader.error(
                header.pack.name.span().start,
                None,
                format!("pack '{pack_name}' is already loaded"),
            ));
        }
        for def in header.scenario {
            let scenario = loader.scenario(def)?;
            match self.scenarios.iter_mut().find(|s| s.id == scenario.id) {
                Some(existing) => existing.merge(scenario),
                None => self.scenarios.push(scenario),
            }
        }
        self.packs.push(PackInfo {
            name: pack_name,
            description: header.pack.description,
            version: header.pack.version,
            file: loader.file.to_string(),
        });
        Ok(())
    }

    fn push_rule(&mut self, rule: Rule) -> Result<()> {
        if let Some(other) = self.rules.iter().find(|r| r.id == rule.id) {
            return Err(Error::config(
                rule.origin.clone(),
                Some(&rule.id),
                format!("duplicate rule id, already defined at {}", other.origin),
            ));
        }
        self.rules.push(rule);
        Ok(())
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

fn unreadable(path: &Path, e: std::io::Error) -> Error {
    Error::config(
        Origin::at(&path.display().to_string(), "", 0),
        None,
        format!("cannot read pack: {e}"),
    )
}

fn read_pack_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| unreadable(path, e))?;
    String::from_utf8(bytes).map_err(|_| {
        Error::config(
            Origin::at(&path.display().to_string(), "", 0),
            None,
            "pack is not valid UTF-8",
        )
    })
}

fn parse_document<'t>(file: &str, text: &'t str) -> Result<Spanned<DeTable<'t>>> {
    DeTable::parse(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        Error::config(Origin::at(file, text, offset), None, e.message())
    })
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

/// What every kind of rule has, read from the kind's own struct.
struct Head {
    id: String,
    /// Where the rule is named: its `id`, or the start of its file.
    at: usize,
    title: String,
    kind: Kind,
    severity: Severity,
    criterion: Spanned<String>,
    when: Vec<Spanned<String>>,
    enabled: bool,
    reply_kinds: Option<Vec<ReplyKind>>,
    scope: Scope,
    window: usize,
    spacing: Spacing,
    case_sensitive: bool,
}

/// The `Head` of a rule struct with every common field (all kinds but `level`). A macro because the
/// kinds' structs are separate types with the same field names (serde cannot flatten shared fields into
/// a struct that denies unknown ones).
macro_rules! head_of {
    ($rule:ident, $id:expr, $at:expr) => {
        Head {
            id: $id,
            at: $at,
            title: $rule.title,
            kind: $rule.kind,
            severity: $rule.severity,
            criterion: $rule.criterion,
            when: $rule.when,
            enabled: $rule.enabled,
            reply_kinds: $rule.reply_kinds,
            scope: $rule.scope,
            window: $rule.sentences,
            spacing: $rule.spacing,
            case_sensitive: $rule.case_sensitive,
        }
    };
}

/// What only some kinds have; the others keep the defaults.
#[derive(Default)]
struct KindSettings {
    insert: Insert,
    if_no_scope: IfNoScope,
    steps_count: bool,
    measure: Measure,
    min_sentences: usize,
    profile: LevelProfile,
    fix: Fix,
}

impl<'a> Loader<'a> {
    fn new(file: &'a str, text: &'a str, validation: Validation) -> Self {
        Loader {
            file,
            text,
            lines: LineIndex::new(text),
            validation,
        }
    }

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

    /// A deserialization error at its place, with a did-you-mean for a misspelt field.
    fn toml_error(&self, e: toml::de::Error, rule: Option<&str>) -> Error {
        let offset = e.span().map_or(0, |s| s.start);
        self.error(offset, rule, crate::suggest::unknown_field_hint(e.message()))
    }

    /// The `[pack]` table and `[[scenario]]`s of a document (its `[[rule]]`s already taken out).
    fn header(&self, root: DeTable) -> Result<PackHeader> {
        let value = Spanned::new(0..self.text.len(), DeValue::Table(root));
        PackHeader::deserialize(ValueDeserializer::from(value)).map_err(|e| self.toml_error(e, None))
    }

    /// A rule table, read with the struct of its `kind`. `file_id` is the id a rule file's name gives.
    fn rule_def(&self, table: Spanned<DeValue>, file_id: Option<&str>) -> Result<RuleDef> {
        let at = table.span().start;
        let named = table
            .get_ref()
            .get("id")
            .and_then(|id| id.get_ref().as_str())
            .map(str::to_string);
        let rule = file_id.map(str::to_string).or(named);
        let rule = rule.as_deref();
        let Some(kind) = table.get_ref().get("kind") else {
            return Err(self.error(at, rule, "missing field `kind` (forbid, require, limit or level)"));
        };
        let kind = Kind::deserialize(ValueDeserializer::from(kind.clone())).map_err(|e| self.toml_error(e, rule))?;
        let read = ValueDeserializer::from(table);
        let def = match kind {
            Kind::Forbid => ForbidRule::deserialize(read).map(RuleDef::Forbid),
            Kind::Require => RequireRule::deserialize(read).map(RuleDef::Require),
            Kind::Limit => LimitRule::deserialize(read).map(RuleDef::Limit),
            Kind::Level => LevelRule::deserialize(read).map(RuleDef::Level),
        };
        def.map_err(|e| self.toml_error(e, rule))
    }

    /// The rule's id: its file's name in a pack folder (an `id` written there must agree), its `id` in
    /// a single-file pack.
    fn rule_id(&self, written: Option<Spanned<String>>, file_id: Option<&str>) -> Result<(String, usize)> {
        let (id, at) = match (written, file_id) {
            (Some(id), Some(file_id)) if id.get_ref() != file_id => {
                let message = format!("the rule's id must be its file's name, '{file_id}'");
                return Err(self.error(id.span().start, Some(id.get_ref()), message));
            }
            (Some(id), _) => (id.get_ref().clone(), id.span().start),
            (None, Some(file_id)) => (file_id.to_string(), 0),
            (None, None) => return Err(self.error(0, None, "a [[rule]] needs an `id`")),
        };
        let well_formed = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !well_formed {
            return Err(self.error(at, Some(&id), "rule id must be lowercase letters, digits and dashes"));
        }
        Ok((id, at))
    }

    fn scenario(&self, def: ScenarioDef) -> Result<Scenario> {
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

    fn rule(&self, def: RuleDef, pack: &str, file_id: Option<&str>) -> Result<Rule> {
        match def {
            RuleDef::Forbid(r) => {
                let (id, at) = self.rule_id(r.id, file_id)?;
                let head = head_of!(r, id, at);
                let settings = KindSettings {
                    fix: r.fix,
                    ..Default::default()
                };
                let langs = [r.en, r.ko].map(|block| block.map(|b| respan(b, forbid_lang)));
                self.finish(head, settings, langs, pack)
            }
            RuleDef::Require(r) => {
                let (id, at) = self.rule_id(r.id, file_id)?;
                let head = head_of!(r, id, at);
                let settings = KindSettings {
                    insert: r.insert,
                    if_no_scope: r.if_no_scope,
                    steps_count: r.steps_count,
                    ..Default::default()
                };
                let langs = [r.en, r.ko].map(|block| block.map(|b| respan(b, require_lang)));
                self.finish(head, settings, langs, pack)
            }
            RuleDef::Limit(r) => {
                let (id, at) = self.rule_id(r.id, file_id)?;
                let head = head_of!(r, id, at);
                let settings = KindSettings {
                    measure: r.measure,
                    min_sentences: r.min_sentences,
                    ..Default::default()
                };
                let measure = r.measure;
                let langs = [r.en, r.ko].map(|block| block.map(|b| respan(b, |b| limit_lang(b, measure))));
                self.finish(head, settings, langs, pack)
            }
            RuleDef::Level(r) => {
                let (id, at) = self.rule_id(r.id, file_id)?;
                let head = Head {
                    id,
                    at,
                    title: r.title,
                    kind: r.kind,
                    severity: r.severity,
                    criterion: r.criterion,
                    when: r.when,
                    enabled: r.enabled,
                    reply_kinds: r.reply_kinds,
                    scope: Scope::Any,
                    window: 2,
                    spacing: Spacing::Loose,
                    case_sensitive: false,
                };
                let settings = KindSettings {
                    profile: r.profile,
                    ..Default::default()
                };
                self.finish(head, settings, [None, Some(respan(r.ko, level_lang))], pack)
            }
        }
    }

    /// Checks what the kind's struct cannot say by its shape, and compiles the languages' patterns.
    fn finish(
        &self,
        head: Head,
        settings: KindSettings,
        langs: [Option<Spanned<LangText>>; 2],
        pack: &str,
    ) -> Result<Rule> {
        let rule_id = Some(head.id.as_str());
        if langs.iter().all(Option::is_none) {
            return Err(self.error(head.at, rule_id, "rule has no language: add an `en` or a `ko` table"));
        }
        if head.window == 0 {
            return Err(self.error(head.at, rule_id, "`sentences` must be at least 1"));
        }
        if head.scope == Scope::NearCue && head.when.is_empty() {
            return Err(self.error(
                head.at,
                rule_id,
                "scope \"near-cue\" needs `when`: the scenarios whose cues it looks near",
            ));
        }
        let reply_kinds = match head.reply_kinds {
            Some(kinds) if kinds.is_empty() => {
                return Err(self.error(
                    head.at,
                    rule_id,
                    "`reply_kinds` is empty: name the kinds of text the rule applies to, or leave it out for all",
                ));
            }
            Some(mut kinds) => {
                kinds.sort();
                kinds.dedup();
                kinds
            }
            None => ReplyKind::ALL.to_vec(),
        };
        let mut compiled: [Option<RuleLang>; 2] = Default::default();
        for (lang, block) in [Lang::En, Lang::Ko].into_iter().zip(langs) {
            let Some(block) = block else { continue };
            let options = PatternOptions::for_lang(lang, head.spacing, head.case_sensitive);
            compiled[lang.index()] = Some(self.rule_lang(block, head.kind, options, &head.id)?);
        }
        Ok(Rule {
            title: head.title,
            pack: pack.to_string(),
            kind: head.kind,
            severity: head.severity,
            criterion: head.criterion.get_ref().clone(),
            criterion_origin: self.origin(head.criterion.span().start),
            when_origins: head.when.iter().map(|w| self.origin(w.span().start)).collect(),
            when: head.when.into_iter().map(Spanned::into_inner).collect(),
            scope: head.scope,
            window: head.window,
            enabled: head.enabled,
            reply_kinds,
            spacing: head.spacing,
            case_sensitive: head.case_sensitive,
            insert: settings.insert,
            if_no_scope: settings.if_no_scope,
            steps_count: settings.steps_count,
            measure: settings.measure,
            min_sentences: settings.min_sentences,
            profile: settings.profile,
            fix: settings.fix,
            langs: compiled,
            origin: self.origin(head.at),
            id: head.id,
        })
    }

    fn rule_lang(&self, block: Spanned<LangText>, kind: Kind, options: PatternOptions, id: &str) -> Result<RuleLang> {
        let at = block.span().start;
        let block = block.into_inner();
        let rule_id = Some(id);
        let needs_patterns = match kind {
            Kind::Forbid | Kind::Require => true,
            Kind::Limit => matches!(block.measure, Measure::Matches | Measure::Position),
            Kind::Level => false,
        };
        let analysed = !block.morphemes.is_empty() || !block.detect.is_empty();
        if needs_patterns && block.patterns.is_empty() && !analysed {
            return Err(self.error(at, rule_id, "`patterns` is empty"));
        }
        if kind == Kind::Limit {
            if block.measure == Measure::Position && block.max_share.is_none() {
                return Err(self.error(
                    at,
                    rule_id,
                    "a position limit needs `max_share`: how far in the first match may sit",
                ));
            }
            if block.max.is_none() && block.max_share.is_none() {
                return Err(self.error(at, rule_id, "a limit rule needs `max` (or `max_share`)"));
            }
        }
        if let Some(share) = &block.max_share {
            if !(0.0..=1.0).contains(share.get_ref()) {
                return Err(self.error(share.span().start, rule_id, "`max_share` must be between 0 and 1"));
            }
        }
        if let (Lang::En, Some(first)) = (options.lang, block.morphemes.first()) {
            return Err(self.error(first.span().start, rule_id, "`morphemes` patterns are Korean only"));
        }
        if let (Lang::En, false) = (options.lang, block.detect.is_empty()) {
            return Err(self.error(at, rule_id, "`detect` is Korean only"));
        }
        Ok(RuleLang {
            patterns: block
                .patterns
                .iter()
                .map(|def| self.rule_pattern(def, options, kind, rule_id))
                .collect::<Result<_>>()?,
            exceptions: self.patterns(&block.exceptions, options, rule_id)?,
            weak: self.patterns(&block.weak, options, rule_id)?,
            // Morphemes are matched as the analysis writes them: no spacing to loosen.
            morphemes: block
                .morphemes
                .iter()
                .map(|def| {
                    self.rule_pattern(
                        def,
                        PatternOptions {
                            loose: false,
                            ..options
                        },
                        kind,
                        rule_id,
                    )
                })
                .collect::<Result<_>>()?,
            detect: block.detect,
            message: block.message,
            weak_message: block.weak_message,
            weak_suggestion: block.weak_suggestion,
            rationale: block.rationale,
            suggestion: block.suggestion,
            max: block.max.map(Spanned::into_inner),
            max_share: block.max_share.map(Spanned::into_inner),
            measure: block.measure,
            levels: block.levels,
            examples: Examples {
                bad: block.bad,
                good: block.good,
            },
        })
    }

    /// A rule pattern: a string, or `{ pattern = "...", suggestion = "...", ... }`.
    fn rule_pattern(
        &self,
        def: &Spanned<PatternDef>,
        options: PatternOptions,
        kind: Kind,
        rule: Option<&str>,
    ) -> Result<Pattern> {
        let span = def.span();
        match def.get_ref() {
            PatternDef::Plain(text) => self.pattern(&Spanned::new(span, text.clone()), options, rule),
            PatternDef::Table(table) => {
                if let (Some(fix), true) = (&table.fix, kind != Kind::Forbid) {
                    return Err(self.error(fix.span().start, rule, "`fix` applies only to forbid rules"));
                }
                // The table's own position stands in for the string's.
                let mut pattern = self.pattern(&Spanned::new(span, table.pattern.clone()), options, rule)?;
                pattern.suggestion = table.suggestion.clone();
                pattern.severity = table.severity;
                pattern.fix = table.fix.as_ref().map(|f| *f.get_ref());
                Ok(pattern)
            }
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

fn respan<T, U>(value: Spanned<T>, f: impl FnOnce(T) -> U) -> Spanned<U> {
    let span = value.span();
    Spanned::new(span, f(value.into_inner()))
}

/// One language's text of a rule, whatever its kind: what `RuleLang` is built from.
struct LangText {
    patterns: Vec<Spanned<PatternDef>>,
    exceptions: Vec<Spanned<String>>,
    morphemes: Vec<Spanned<PatternDef>>,
    detect: Vec<Detector>,
    weak: Vec<Spanned<String>>,
    message: String,
    weak_message: Option<String>,
    weak_suggestion: Option<String>,
    rationale: String,
    suggestion: Option<String>,
    max: Option<Spanned<usize>>,
    max_share: Option<Spanned<f64>>,
    measure: Measure,
    levels: LevelsDef,
    good: Vec<String>,
    bad: Vec<BadExample>,
}

impl LangText {
    fn new(
        message: String,
        rationale: String,
        suggestion: Option<String>,
        good: Vec<String>,
        bad: Vec<BadExample>,
    ) -> Self {
        LangText {
            patterns: Vec::new(),
            exceptions: Vec::new(),
            morphemes: Vec::new(),
            detect: Vec::new(),
            weak: Vec::new(),
            message,
            weak_message: None,
            weak_suggestion: None,
            rationale,
            suggestion,
            max: None,
            max_share: None,
            measure: Measure::Matches,
            levels: LevelsDef::default(),
            good,
            bad,
        }
    }
}

fn forbid_lang(b: ForbidLang) -> LangText {
    LangText {
        patterns: b.patterns,
        exceptions: b.exceptions,
        morphemes: b.morphemes,
        detect: b.detect,
        ..LangText::new(b.message, b.rationale, b.suggestion, b.good, b.bad)
    }
}

fn require_lang(b: RequireLang) -> LangText {
    LangText {
        patterns: b.patterns,
        exceptions: b.exceptions,
        weak: b.weak,
        weak_message: b.weak_message,
        weak_suggestion: b.weak_suggestion,
        ..LangText::new(b.message, b.rationale, b.suggestion, b.good, b.bad)
    }
}

/// A limit's language block measures what the rule does unless it says otherwise.
fn limit_lang(b: LimitLang, rule_measure: Measure) -> LangText {
    LangText {
        patterns: b.patterns,
        exceptions: b.exceptions,
        max: b.max,
        max_share: b.max_share,
        measure: b.measure.unwrap_or(rule_measure),
        ..LangText::new(b.message, b.rationale, b.suggestion, b.good, b.bad)
    }
}

fn level_lang(b: LevelLang) -> LangText {
    LangText {
        levels: b.levels,
        ..LangText::new(b.message, b.rationale, b.suggestion, b.good, b.bad)
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
