//! The engine: a `Linter` holds the loaded rules, compiles each language's patterns once (on the first
//! draft in that language), tags scenarios and runs each rule kind over a `Draft`.

mod compile;
mod forbid;
mod level;
mod limit;
mod literals;
mod matching;
mod morphemes;
mod prefilter;
mod require;
mod scenario;
mod scope;

use crate::error::{Error, Result};
use crate::finding::{Finding, Span, SuggestionAction};
use crate::pack::{Kind, Rule, RuleSet};
use crate::text::{kinds, one_line, Classification, Draft, Lang, Langs};
pub use compile::Profile;
use compile::{LangTables, Presences};
use matching::SearchArea;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

/// What checking one draft produced.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub langs: Langs,
    pub scenarios: Vec<String>,
    /// What kind of text the draft is, and why; rules run only on the kinds they name.
    pub kind: Classification,
    /// Sorted by position, then rule id.
    pub findings: Vec<Finding>,
    /// The rules that ran on this draft (its language and scenarios), with the criterion each feeds by
    /// its own pack; a rubric may map them differently.
    pub applicable_rules: BTreeMap<String, String>,
}

/// Per-draft choices that override detection.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Check as this language instead of detecting it.
    pub lang: Option<Lang>,
    /// Use these scenarios instead of detecting them.
    pub scenarios: Option<Vec<String>>,
    /// Check as this kind of text instead of detecting it.
    pub kind: Option<Classification>,
}

pub struct Linter {
    rules: RuleSet,
    active: Vec<bool>,
    profile: Profile,
    tables: [OnceLock<LangTables>; 2],
}

impl Linter {
    /// A linter running every rule that is enabled by default.
    pub fn new(rules: RuleSet) -> Self {
        let active = rules.rules.iter().map(|r| r.enabled).collect();
        Linter {
            rules,
            active,
            profile: Profile::default(),
            tables: Default::default(),
        }
    }

    /// Chooses how patterns are compiled. Patterns compiled under another profile are dropped, to be
    /// compiled again under this one at the next check.
    pub fn set_profile(&mut self, profile: Profile) {
        if self.profile != profile {
            self.profile = profile;
            self.tables = Default::default();
        }
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Runs only these rules (ids or pack names), including rules that are off by default.
    pub fn select(&mut self, names: &[String]) -> Result<()> {
        if names.is_empty() {
            return Ok(());
        }
        self.check_names(names)?;
        for (active, rule) in self.active.iter_mut().zip(&self.rules.rules) {
            *active = names.iter().any(|n| n == &rule.id || n == &rule.pack);
        }
        Ok(())
    }

    /// Skips these rules (ids or pack names).
    pub fn ignore(&mut self, names: &[String]) -> Result<()> {
        self.check_names(names)?;
        for (active, rule) in self.active.iter_mut().zip(&self.rules.rules) {
            if names.iter().any(|n| n == &rule.id || n == &rule.pack) {
                *active = false;
            }
        }
        Ok(())
    }

    fn check_names(&self, names: &[String]) -> Result<()> {
        for name in names {
            let known =
                self.rules.rules.iter().any(|r| &r.id == name) || self.rules.packs.iter().any(|p| &p.name == name);
            if !known {
                let hint = crate::suggest::did_you_mean(name, self.rules.rules.iter().map(|r| r.id.as_str()))
                    .unwrap_or_default();
                return Err(Error::Usage(format!("unknown rule or pack '{name}'{hint}")));
            }
        }
        Ok(())
    }

    /// Checks that every scenario named exists.
    pub fn check_scenarios(&self, names: &[String]) -> Result<()> {
        for name in names {
            if !self.rules.scenarios.iter().any(|s| &s.id == name) {
                let known: Vec<&str> = self.rules.scenarios.iter().map(|s| s.id.as_str()).collect();
                return Err(Error::Usage(format!(
                    "unknown scenario '{name}' (known: {})",
                    known.join(", ")
                )));
            }
        }
        Ok(())
    }

    fn tables(&self, lang: Lang) -> &LangTables {
        self.tables[lang.index()].get_or_init(|| compile::lang_tables(&self.rules, lang, self.profile))
    }

    /// Lints one draft.
    pub fn check(&self, draft: &Draft, options: &CheckOptions) -> Result<Outcome> {
        let langs = options.lang.map_or(draft.langs(), Langs::only);
        let tables: Vec<(Lang, &LangTables)> = langs.iter().map(|l| (l, self.tables(l))).collect();
        let body: Vec<Range<usize>> = draft.body().map(|s| s.range.clone()).collect();
        let mut presence: Presences = Default::default();
        for (lang, t) in &tables {
            presence[lang.index()] = t.literals.as_ref().map(|index| index.presence(draft));
        }
        let scenarios: Vec<String> = match &options.scenarios {
            Some(forced) => forced.clone(),
            None => scenario::detect(draft, &self.rules.scenarios, &tables, &body, &presence)?,
        };

        let kind = options.kind.clone().unwrap_or_else(|| kinds::classify(draft));
        let cues = scenario::CueSentences::new(draft, &tables, &body, &presence, self.rules.scenarios.len());
        let mut findings = Vec::new();
        let mut applicable_rules = BTreeMap::new();
        for (index, rule) in self.rules.rules.iter().enumerate() {
            let in_language = langs.iter().any(|l| rule.lang(l).is_some());
            let in_scenario = rule.when.is_empty() || rule.when.iter().any(|w| scenarios.contains(w));
            if !self.active[index] || !in_language || !in_scenario {
                continue;
            }
            // On a kind of text a require rule is not for (a snippet need not state an ETA), its weak
            // phrases are still worth a word where they appear: "we'll fix it soon" is vague in any text.
            let weak_only = !rule.applies_to(kind.kind);
            if weak_only && !(rule.kind == Kind::Require && rule.languages().any(|l| has_weak(rule, l))) {
                continue;
            }
            let mut run = RuleRun {
                draft,
                rule,
                index,
                tables: &tables,
                scope: Vec::new(),
                scenarios: &self.rules.scenarios,
                body: &body,
                presence: &presence,
                cues: &cues,
                weak_only,
            };
            run.scope = scope::ranges(draft, rule, || run.cue_sentences())?;
            let before = findings.len();
            match rule.kind {
                Kind::Forbid => forbid::run(&run, &mut findings)?,
                Kind::Require => require::run(&run, &mut findings)?,
                Kind::Limit => limit::run(&run, &mut findings)?,
                Kind::Level => level::run(&run, &mut findings),
            }
            // A rule run only for its weak phrases counts towards the grade only when it found one.
            if !weak_only || findings.len() > before {
                applicable_rules.insert(rule.id.clone(), rule.criterion.clone());
            }
        }
        findings.sort_by(|a, b| a.span.start.cmp(&b.span.start).then_with(|| a.rule.cmp(&b.rule)));
        Ok(Outcome {
            langs,
            scenarios,
            kind,
            findings,
            applicable_rules,
        })
    }
}

fn has_weak(rule: &Rule, lang: Lang) -> bool {
    rule.lang(lang).is_some_and(|text| !text.weak.is_empty())
}

/// One rule about to run on one draft.
pub(crate) struct RuleRun<'a> {
    draft: &'a Draft,
    rule: &'a Rule,
    index: usize,
    tables: &'a [(Lang, &'a LangTables)],
    /// Normalised-view ranges of the sentences in the rule's scope.
    scope: Vec<Range<usize>>,
    scenarios: &'a [crate::pack::Scenario],
    /// Normalised-view ranges of the draft's body sentences.
    body: &'a [Range<usize>],
    presence: &'a Presences,
    /// The draft's cue sentences per scenario, found on first need: a near-cue scope and an after-cue
    /// anchor both ask, and so do other rules of the same scenarios.
    cues: &'a scenario::CueSentences<'a>,
    /// The draft is a kind of text the rule is not for: a require rule reports only its weak phrases.
    weak_only: bool,
}

impl RuleRun<'_> {
    /// Where the rule's patterns are searched.
    fn scope(&self) -> SearchArea<'_> {
        SearchArea {
            ranges: &self.scope,
            presence: self.presence,
        }
    }

    /// The indices (into the body) of the sentences holding a cue of one of the rule's scenarios.
    fn cue_sentences(&self) -> Result<Vec<usize>> {
        let when = self
            .scenarios
            .iter()
            .enumerate()
            .filter(|(_, s)| self.rule.when.contains(&s.id));
        self.cues.of(when.map(|(i, _)| i))
    }

    /// The last body sentence holding a cue of one of the rule's scenarios.
    fn cue_sentence(&self) -> Result<Option<Range<usize>>> {
        Ok(self.cue_sentences()?.last().map(|&i| self.body[i].clone()))
    }

    /// A finding at a normalised-view range. `{excerpt}`, `{count}` and `{max}` in the message are filled.
    fn finding(
        &self,
        normalized: Range<usize>,
        message: &str,
        suggestion: Option<String>,
        action: SuggestionAction,
        count: Option<(usize, usize)>,
    ) -> Finding {
        let original = self.draft.to_original(normalized);
        let excerpt = self.draft.original()[original.clone()].to_string();
        let (line, column) = self.draft.line_col(original.start);
        let mut message = message.replace("{excerpt}", &format!("\"{}\"", one_line(&excerpt, 60)));
        if let Some((count, max)) = count {
            message = message
                .replace("{count}", &count.to_string())
                .replace("{max}", &max.to_string());
        }
        Finding {
            rule: self.rule.id.clone(),
            pack: self.rule.pack.clone(),
            severity: self.rule.severity,
            criterion: self.rule.criterion.clone(),
            message,
            span: Span {
                start: original.start,
                end: original.end,
                line,
                column,
            },
            excerpt,
            suggestion,
            action,
            fixable: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::compile::lang_tables;
    use crate::pack::RuleSet;
    use crate::text::{Draft, Lang};

    /// Every text the project ships: rule examples, example drafts, held-out and corpus replies.
    fn shipped_texts(rules: &RuleSet) -> Vec<String> {
        let mut texts: Vec<String> = rules
            .rules
            .iter()
            .flat_map(|r| r.languages().filter_map(|l| r.lang(l)).collect::<Vec<_>>())
            .flat_map(|t| {
                t.examples
                    .bad
                    .iter()
                    .map(|e| e.text.clone())
                    .chain(t.examples.good.iter().cloned())
            })
            .collect();
        for dir in [
            "examples/drafts",
            "tests/heldout",
            "tests/corpus/en",
            "tests/corpus/ko",
            "tests/corpus-fresh/en",
            "tests/corpus-fresh/ko",
        ] {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "txt") {
                    texts.push(std::fs::read_to_string(path).unwrap());
                }
            }
        }
        texts
    }

    /// Every compiled pattern of both languages (throughput tables, which carry the literal index, so both
    /// ways of prefiltering can be checked) on every shipped text, with that text's literal presence.
    fn each_matcher_on_shipped_texts(mut check: impl FnMut(&super::compile::Matcher, &Draft, &super::Presences)) {
        let rules = RuleSet::builtin().unwrap();
        let drafts: Vec<Draft> = shipped_texts(&rules).into_iter().map(Draft::new).collect();
        for lang in Lang::ALL {
            let tables = lang_tables(&rules, lang, super::Profile::Throughput);
            let index = tables
                .literals
                .as_ref()
                .expect("throughput tables have a literal index");
            for draft in &drafts {
                let mut presence: super::Presences = Default::default();
                presence[lang.index()] = Some(index.presence(draft));
                for matcher in tables.all_matchers() {
                    check(matcher, draft, &presence);
                }
            }
        }
    }

    #[test]
    fn prefilter_never_rejects_a_text_the_pattern_matches() {
        let mut checked = 0;
        each_matcher_on_shipped_texts(|matcher, draft, presence| {
            let view = draft.view(matcher.view);
            if matcher.regex().unwrap().is_match(view) {
                checked += 1;
                let lower = draft.lower_view(matcher.view);
                assert!(matcher.may_match(lower, &Default::default()), "{matcher:?} on {view:?}");
                assert!(matcher.may_match(lower, presence), "{matcher:?} (index) on {view:?}");
            }
        });
        assert!(checked > 100, "only {checked} matches were checked");
    }

    #[test]
    fn sentence_prefilter_never_rejects_a_sentence_the_pattern_matches() {
        let mut checked = 0;
        each_matcher_on_shipped_texts(|matcher, draft, presence| {
            let view = draft.view(matcher.view);
            for sentence in draft.sentences() {
                let start = draft.from_normalized(matcher.view, sentence.range.start);
                let end = draft.from_normalized(matcher.view, sentence.range.end);
                if matcher.regex().unwrap().is_match(&view[start..end]) {
                    checked += 1;
                    let range = &sentence.range;
                    assert!(
                        matcher.may_match_sentence(draft, range, &Default::default()),
                        "{matcher:?}"
                    );
                    assert!(
                        matcher.may_match_sentence(draft, range, presence),
                        "{matcher:?} (index)"
                    );
                }
            }
        });
        assert!(checked > 100, "only {checked} matches were checked");
    }
}
