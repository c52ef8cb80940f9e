//! `require`: when no pattern matches in scope, the rule fires: at each weak phrase ("soon") if the
//! draft has any, otherwise once, anchored at the sentence after which the missing sentence belongs.

use super::matching::{any_pattern_hit, weak_hits, Hit};
use super::{scope, RuleRun};
use crate::error::Result;
use crate::finding::{Finding, SuggestionAction};
use crate::pack::{IfNoScope, RuleLang};
use crate::text::{structure, Role};

pub fn run(run: &RuleRun, out: &mut Vec<Finding>) -> Result<()> {
    if run.scope.is_empty() {
        let named = || {
            run.draft
                .body()
                .any(|s| structure::addresses_by_name(run.draft.sentence_text(s)))
        };
        match run.rule.if_no_scope {
            IfNoScope::Fire => {}
            IfNoScope::Pass => return Ok(()),
            IfNoScope::UnlessNamed if named() => return Ok(()),
            IfNoScope::UnlessNamed => {}
        }
    }
    if run.rule.steps_count && steps_in_scope(run) >= 2 {
        return Ok(());
    }
    let scope = run.scope();
    let mut weak = Vec::new();
    for &(lang, tables) in run.tables {
        let (Some(set), Some(text)) = (tables.rules[run.index].as_ref(), run.rule.lang(lang)) else {
            continue;
        };
        if any_pattern_hit(run.draft, set, &scope)? {
            return Ok(());
        }
        weak.extend(weak_hits(run.draft, set, &scope)?.into_iter().map(|hit| (hit, text)));
    }
    if !weak.is_empty() {
        // One vague promise per sentence is one comment: "we'll get back to you as soon as possible" holds
        // two weak phrases, and the time is the one to make concrete.
        weak.sort_by_key(|(hit, _)| hit.range.start);
        let sentence_of = |at: usize| run.scope.iter().position(|s| s.start <= at && at < s.end);
        let mut kept: Vec<(Hit, &RuleLang)> = Vec::new();
        for (hit, text) in weak {
            match kept.last_mut() {
                Some(last) if sentence_of(last.0.range.start) == sentence_of(hit.range.start) => *last = (hit, text),
                _ => kept.push((hit, text)),
            }
        }
        for (hit, text) in kept {
            let message = text.weak_message.as_deref().unwrap_or(&text.message);
            let (suggestion, action) = match &text.weak_suggestion {
                Some(s) => (Some(s.clone()), SuggestionAction::Replace),
                None => (text.suggestion.clone(), SuggestionAction::Advise),
            };
            out.push(run.finding(hit.range, message, suggestion, action, None));
        }
        return Ok(());
    }
    if run.weak_only {
        return Ok(());
    }
    let text = run.rule.text_for(run.draft.langs().primary);
    let anchor = scope::anchor(run.draft, run.rule.insert, run.cue_sentence()?);
    out.push(run.finding(
        anchor,
        &text.message,
        text.suggestion.clone(),
        SuggestionAction::Insert,
        None,
    ));
    Ok(())
}

/// The list items in the rule's scope that are steps for the customer ("Use the web app").
fn steps_in_scope(run: &RuleRun) -> usize {
    run.draft
        .sentences()
        .iter()
        .filter(|s| s.role == Role::ListItem && run.scope.contains(&s.range))
        .filter(|s| structure::is_step(run.draft.sentence_text(s)))
        .count()
}
