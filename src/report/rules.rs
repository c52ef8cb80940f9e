//! Rules as data for `replylint rules` and `replylint explain`: a JSON shape and the human text.

use crate::pack::{Kind, Rule, RuleLang, RuleSet};
use crate::text::Lang;
use colored::Colorize;
use serde::Serialize;
use std::fmt::Write;

#[derive(Serialize)]
pub struct RuleJson<'a> {
    id: &'a str,
    title: &'a str,
    pack: &'a str,
    kind: &'a str,
    severity: &'a str,
    criterion: &'a str,
    when: &'a [String],
    /// The kinds of text the rule applies to.
    reply_kinds: &'a [crate::text::ReplyKind],
    scope: &'a str,
    enabled: bool,
    languages: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    insert: Option<&'static str>,
    text: Vec<RuleLangJson<'a>>,
}

#[derive(Serialize)]
struct RuleLangJson<'a> {
    lang: &'static str,
    message: &'a str,
    rationale: &'a str,
    suggestion: Option<&'a str>,
    weak_message: Option<&'a str>,
    examples_bad: Vec<&'a str>,
    examples_good: &'a [String],
}

pub fn rule_json(rule: &Rule) -> RuleJson<'_> {
    RuleJson {
        id: &rule.id,
        title: &rule.title,
        pack: &rule.pack,
        kind: rule.kind.as_str(),
        severity: rule.severity.as_str(),
        criterion: &rule.criterion,
        when: &rule.when,
        reply_kinds: &rule.reply_kinds,
        scope: rule.scope.as_str(),
        enabled: rule.enabled,
        languages: rule.languages().map(Lang::code).collect(),
        insert: (rule.kind == Kind::Require).then(|| rule.insert.as_str()),
        text: rule
            .languages()
            .filter_map(|l| rule.lang(l).map(|t| (l, t)))
            .map(|(lang, t)| RuleLangJson {
                lang: lang.code(),
                message: &t.message,
                rationale: &t.rationale,
                suggestion: t.suggestion.as_deref(),
                weak_message: t.weak_message.as_deref(),
                examples_bad: t.examples.bad.iter().map(|e| e.text.as_str()).collect(),
                examples_good: &t.examples.good,
            })
            .collect(),
    }
}

pub fn rules_json(rules: &RuleSet) -> String {
    let list: Vec<RuleJson> = rules.rules.iter().map(rule_json).collect();
    serde_json::to_string_pretty(&list).expect("rules serialise") + "\n"
}

const COLUMNS: [&str; 8] = ["RULE", "PACK", "KIND", "SEVERITY", "CRITERION", "WHEN", "LANG", "TITLE"];

/// A rule's cells in the listing, in `COLUMNS` order.
fn rule_cells(r: &Rule) -> [String; 8] {
    let mut when = if r.when.is_empty() {
        "any".to_string()
    } else {
        r.when.join(",")
    };
    if let Some(kinds) = kinds_if_some(r) {
        let _ = write!(when, " ({})", kinds.join(","));
    }
    let title = if r.enabled {
        r.title.clone()
    } else {
        format!("{} (off by default)", r.title)
    };
    [
        r.id.clone(),
        r.pack.clone(),
        r.kind.as_str().into(),
        r.severity.as_str().into(),
        r.criterion.clone(),
        when,
        r.languages().map(Lang::code).collect::<Vec<_>>().join(","),
        title,
    ]
}

/// The kinds of text a rule applies to, when it is not every kind.
fn kinds_if_some(rule: &Rule) -> Option<Vec<&'static str>> {
    (rule.reply_kinds.len() < crate::text::ReplyKind::ALL.len())
        .then(|| rule.reply_kinds.iter().map(|k| k.as_str()).collect())
}

/// The listing as a Markdown table, as the README shows it.
pub fn rules_markdown(rules: &RuleSet) -> String {
    let mut out = String::from("| rule | pack | kind | severity | criterion | runs in | languages | what it asks |\n");
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    for rule in &rules.rules {
        let [id, rest @ ..] = rule_cells(rule);
        let _ = writeln!(out, "| `{id}` | {} |", rest.join(" | "));
    }
    out
}

/// One row per rule, aligned.
pub fn rules_table(rules: &RuleSet) -> String {
    let header = COLUMNS;
    let rows: Vec<[String; 8]> = rules.rules.iter().map(rule_cells).collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let line = |cells: Vec<String>| -> String {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == cells.len() {
                s.push_str(cell);
            } else {
                let _ = write!(s, "{cell:<w$}  ");
            }
        }
        s.trim_end().to_string() + "\n"
    };
    out.push_str(&line(header.map(String::from).to_vec()).bold().to_string());
    for row in rows {
        out.push_str(&line(row.to_vec()));
    }
    let _ = writeln!(
        out,
        "\n{} rules in {} packs. `replylint explain RULE` tells more.",
        rules.rules.len(),
        rules.packs.len()
    );
    out
}

/// What `replylint explain RULE` prints.
pub fn explain_text(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", rule.id.bold(), rule.title);
    let when = if rule.when.is_empty() {
        "any draft".to_string()
    } else {
        rule.when.join(", ")
    };
    let _ = write!(
        out,
        "pack {} · {} · {} · criterion {} · runs in: {} · scope {}",
        rule.pack,
        rule.kind.as_str(),
        rule.severity,
        rule.criterion,
        when,
        rule.scope.as_str()
    );
    let kinds = kinds_if_some(rule).map_or("every kind".to_string(), |k| k.join(", "));
    let _ = write!(out, " · applies to: {kinds}");
    if rule.kind == Kind::Require {
        let _ = write!(out, " · missing sentence goes: {}", rule.insert.as_str());
    }
    if rule.kind == Kind::Level {
        let _ = write!(out, " · profile {}", rule.profile.as_str());
    }
    if !rule.enabled {
        out.push_str(" · off by default (turn on with --select)");
    }
    out.push('\n');
    for lang in rule.languages() {
        if let Some(text) = rule.lang(lang) {
            explain_lang(&mut out, lang, text, rule.kind);
        }
    }
    out
}

fn explain_lang(out: &mut String, lang: Lang, text: &RuleLang, kind: Kind) {
    let name = match lang {
        Lang::Ko => "Korean (ko)",
        Lang::En => "English (en)",
    };
    let _ = writeln!(out, "\n{}", name.bold().underline());
    let _ = writeln!(out, "  {} {}", "Finding:".bold(), text.message);
    if !text.rationale.is_empty() {
        let _ = writeln!(out, "  {} {}", "Why:".bold(), text.rationale);
    }
    if let Some(s) = &text.suggestion {
        let label = match kind {
            Kind::Forbid => "Rewrite:",
            Kind::Require => "Add:",
            Kind::Limit | Kind::Level => "Advice:",
        };
        let _ = writeln!(out, "  {} {}", label.bold(), s);
    }
    let levels = &text.levels;
    for (name, def) in [
        ("Banmal:", &levels.banmal),
        ("하오체:", &levels.hao),
        ("Chat forms:", &levels.casual),
        ("Notice style:", &levels.notice),
        ("Register mix:", &levels.mix),
    ] {
        if let Some(def) = def {
            let _ = write!(out, "  {} {} ({})", name.bold(), def.message, def.severity);
            if let Some(s) = &def.suggestion {
                let _ = write!(out, " {} {s}", "→".dimmed());
            }
            out.push('\n');
        }
    }
    if let Some(weak) = &text.weak_message {
        let _ = write!(out, "  {} {}", "Vague phrases:".bold(), weak);
        if let Some(s) = &text.weak_suggestion {
            let _ = write!(out, " (e.g. \"{s}\")");
        }
        out.push('\n');
    }
    if !text.examples.bad.is_empty() {
        let _ = writeln!(out, "  {}", "Fires on:".bold());
        for ex in &text.examples.bad {
            let _ = writeln!(out, "    {} {}", "✗".red(), ex.text.replace('\n', "\n      "));
        }
    }
    if !text.examples.good.is_empty() {
        let _ = writeln!(out, "  {}", "Passes:".bold());
        for ex in &text.examples.good {
            let _ = writeln!(out, "    {} {}", "✓".green(), ex.replace('\n', "\n      "));
        }
    }
}
