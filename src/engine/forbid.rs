//! `forbid`: every match in scope is a finding at its span, with the rewrite as a replacement.

use super::matching::{exception_ranges, overlaps_any, pattern_hits, Hit};
use super::{morphemes, RuleRun};
use crate::error::Result;
use crate::finding::{Finding, SuggestionAction};
use crate::pack::{Fix, Pattern, RuleLang};
use crate::text::Draft;
use std::ops::Range;

pub fn run(run: &RuleRun, out: &mut Vec<Finding>) -> Result<()> {
    let scope = run.scope();
    for &(lang, tables) in run.tables {
        let (Some(set), Some(text)) = (tables.rules[run.index].as_ref(), run.rule.lang(lang)) else {
            continue;
        };
        let mut found: Vec<(Hit, Option<&Pattern>)> = pattern_hits(run.draft, set, &scope, text.rewrites_use_groups())?
            .into_iter()
            .map(|hit| {
                let pattern = &text.patterns[hit.pattern];
                (hit, Some(pattern))
            })
            .collect();
        let surface: Vec<Range<usize>> = found.iter().map(|(hit, _)| hit.range.clone()).collect();
        found.extend(analysed_hits(run.draft, set, text, &scope, surface)?);
        found.sort_by_key(|(hit, _)| hit.range.start);
        for (hit, pattern) in found {
            // A pattern's own rewrite wins over the rule's.
            let rewrite = pattern
                .and_then(|p| p.suggestion.as_deref())
                .or(text.suggestion.as_deref());
            let suggestion = rewrite.map(|s| expand_groups(run, s, &hit));
            let mut finding = run.finding(
                hit.range.clone(),
                &text.message,
                suggestion,
                SuggestionAction::Replace,
                None,
            );
            // A pattern may be graver (or milder) than its rule: blaming the customer is an error.
            if let Some(severity) = pattern.and_then(|p| p.severity) {
                finding.severity = severity;
            }
            // A rewrite with a `{slot}` needs a person to fill it, however safe the pack says it is.
            finding.fixable = pattern.and_then(|p| p.fix).unwrap_or(run.rule.fix) == Fix::Safe
                && finding.suggestion.is_some()
                && !finding.suggestion_has_slot();
            out.push(finding);
        }
    }
    Ok(())
}

/// Korean matches from the analysis: morpheme patterns, then the rule's detectors (which carry no
/// rewrite of their own). Exceptions apply as to surface patterns, and what a surface pattern or an
/// earlier analysed hit already covers is not reported twice.
fn analysed_hits<'t>(
    draft: &Draft,
    set: &super::compile::MatcherSet,
    text: &'t RuleLang,
    scope: &super::matching::SearchArea,
    mut taken: Vec<Range<usize>>,
) -> Result<Vec<(Hit, Option<&'t Pattern>)>> {
    if set.morphemes.is_empty() && text.detect.is_empty() {
        return Ok(Vec::new());
    }
    let mut candidates: Vec<(Hit, Option<&Pattern>)> = morphemes::hits(draft, &set.morphemes, scope.ranges)?
        .into_iter()
        .map(|hit| {
            let pattern = &text.morphemes[hit.pattern];
            (hit, Some(pattern))
        })
        .collect();
    candidates.extend(
        morphemes::detected(draft, &text.detect, scope.ranges)
            .into_iter()
            .map(|range| {
                (
                    Hit {
                        range,
                        pattern: 0,
                        groups: Vec::new(),
                    },
                    None,
                )
            }),
    );
    if candidates.is_empty() {
        return Ok(candidates);
    }
    let hits: Vec<Hit> = candidates.iter().map(|(h, _)| h.clone()).collect();
    let exceptions = exception_ranges(draft, set, scope, &hits)?;
    let mut kept = Vec::new();
    for (hit, pattern) in candidates {
        if overlaps_any(&hit.range, &exceptions) || overlaps_any(&hit.range, &taken) {
            continue;
        }
        taken.push(hit.range.clone());
        kept.push((hit, pattern));
    }
    Ok(kept)
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
