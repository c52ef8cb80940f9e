//! `forbid`: every match in scope is a finding at its span, with the rewrite as a replacement.

use super::matching::{pattern_hits, Hit};
use super::RuleRun;
use crate::error::Result;
use crate::finding::{Finding, SuggestionAction};
use crate::pack::Fix;

pub fn run(run: &RuleRun, out: &mut Vec<Finding>) -> Result<()> {
    let scope = run.scope();
    for &(lang, tables) in run.tables {
        let (Some(set), Some(text)) = (tables.rules[run.index].as_ref(), run.rule.lang(lang)) else {
            continue;
        };
        // A pattern's own rewrite wins over the rule's.
        let rewrite = |hit: &Hit| {
            text.patterns[hit.pattern]
                .suggestion
                .as_deref()
                .or(text.suggestion.as_deref())
        };
        for hit in pattern_hits(run.draft, set, &scope, text.rewrites_use_groups())? {
            let suggestion = rewrite(&hit).map(|s| expand_groups(run, s, &hit));
            let mut finding = run.finding(
                hit.range.clone(),
                &text.message,
                suggestion,
                SuggestionAction::Replace,
                None,
            );
            let pattern = &text.patterns[hit.pattern];
            // A pattern may be graver (or milder) than its rule: blaming the customer is an error.
            if let Some(severity) = pattern.severity {
                finding.severity = severity;
            }
            // A rewrite with a `{slot}` needs a person to fill it, however safe the pack says it is.
            finding.fixable = pattern.fix.unwrap_or(run.rule.fix) == Fix::Safe
                && finding.suggestion.is_some()
                && !finding.suggestion_has_slot();
            out.push(finding);
        }
    }
    Ok(())
}

/// Replaces `$1`, `${1}`, `${name}` and `$$` in a rewrite with the original text of the capture groups.
fn expand_groups(run: &RuleRun, template: &str, hit: &Hit) -> String {
    let group_text = |key: &str| -> String {
        let found = match key.parse::<usize>() {
            Ok(n) => hit.groups.get(n).and_then(|(_, r)| r.clone()),
            Err(_) => hit
                .groups
                .iter()
                .find(|(name, _)| name.as_deref() == Some(key))
                .and_then(|(_, r)| r.clone()),
        };
        found.map_or_else(String::new, |r| {
            run.draft.original()[run.draft.to_original(r)].to_string()
        })
    };
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some(braced) = after.strip_prefix('{').and_then(|b| b.split_once('}')) {
            out.push_str(&group_text(braced.0));
            rest = braced.1;
        } else {
            let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits == 0 {
                out.push('$');
            } else {
                out.push_str(&group_text(&after[..digits]));
            }
            rest = &after[digits..];
        }
    }
    out.push_str(rest);
    out
}
