//! `limit`: a count, a length or a position over a bound. `matches` counts pattern matches in scope (and
//! the share of body sentences holding one); `words` and `hangul` measure each sentence in scope;
//! `position` says how far into the scope the first match sits.

use super::matching::{pattern_hits, Hit};
use super::RuleRun;
use crate::error::Result;
use crate::finding::{Finding, SuggestionAction};
use crate::pack::{Measure, RuleLang};
use crate::text::korean::is_syllable;
use crate::text::Lang;

pub fn run(run: &RuleRun, out: &mut Vec<Finding>) -> Result<()> {
    if run.scope.len() < run.rule.min_sentences {
        return Ok(());
    }
    let text = run.rule.text_for(run.draft.langs().primary);
    match text.measure {
        Measure::Matches => count_matches(run, text, out)?,
        Measure::Words | Measure::Hangul => measure_sentences(run, out),
        Measure::Position => first_position(run, text, out)?,
    }
    Ok(())
}

/// Matches of the rule's patterns in scope, in every language of the draft, in text order.
fn hits_in_scope(run: &RuleRun) -> Result<Vec<Hit>> {
    let scope = run.scope();
    let mut hits = Vec::new();
    for &(lang, tables) in run.tables {
        if let (Some(set), Some(_)) = (tables.rules[run.index].as_ref(), run.rule.lang(lang)) {
            hits.extend(pattern_hits(run.draft, set, &scope, false)?);
        }
    }
    hits.sort_by_key(|h| h.range.start);
    Ok(hits)
}

fn count_matches(run: &RuleRun, text: &RuleLang, out: &mut Vec<Finding>) -> Result<()> {
    let hits = hits_in_scope(run)?;
    let count = hits.len();
    if let Some(max) = text.max.filter(|&max| count > max) {
        let over = hits[max].range.clone();
        out.push(run.finding(
            over,
            &text.message,
            text.suggestion.clone(),
            SuggestionAction::Advise,
            Some((count, max)),
        ));
        return Ok(());
    }
    if let Some(share) = text.max_share {
        // A share needs a few sentences to mean anything.
        if run.scope.len() < 3 {
            return Ok(());
        }
        let holding = run
            .scope
            .iter()
            .filter(|s| hits.iter().any(|h| s.contains(&h.range.start)))
            .count();
        if holding as f64 / run.scope.len() as f64 > share {
            let first = hits[0].range.clone();
            let max = (share * run.scope.len() as f64).floor() as usize;
            out.push(run.finding(
                first,
                &text.message,
                text.suggestion.clone(),
                SuggestionAction::Advise,
                Some((holding, max)),
            ));
        }
    }
    Ok(())
}

/// The first match sitting past `max_share` of the scope ("the refusal comes only in sentence 6 of 7").
/// `{count}` is the sentence number, `{max}` the number of sentences.
fn first_position(run: &RuleRun, text: &RuleLang, out: &mut Vec<Finding>) -> Result<()> {
    let (Some(share), Some(first)) = (text.max_share, hits_in_scope(run)?.into_iter().next()) else {
        return Ok(());
    };
    let Some(index) = run.scope.iter().position(|s| s.contains(&first.range.start)) else {
        return Ok(());
    };
    let sentences = run.scope.len();
    if (index + 1) as f64 / sentences as f64 > share {
        out.push(run.finding(
            first.range,
            &text.message,
            text.suggestion.clone(),
            SuggestionAction::Advise,
            Some((index + 1, sentences)),
        ));
    }
    Ok(())
}

/// Each sentence measured in its own language's terms (words for English, Hangul syllables for Korean), so
/// a bilingual draft is measured fairly.
fn measure_sentences(run: &RuleRun, out: &mut Vec<Finding>) {
    for range in &run.scope {
        let sentence = &run.draft.view(crate::text::View::Normalized)[range.clone()];
        let lang = if sentence.chars().any(is_syllable) {
            Lang::Ko
        } else {
            Lang::En
        };
        let text = run.rule.text_for(lang);
        let Some(max) = text.max else { continue };
        let count = match text.measure {
            Measure::Words => sentence.split_whitespace().count(),
            Measure::Hangul => sentence.chars().filter(|&c| is_syllable(c)).count(),
            Measure::Matches | Measure::Position => continue,
        };
        if count > max {
            out.push(run.finding(
                range.clone(),
                &text.message,
                text.suggestion.clone(),
                SuggestionAction::Advise,
                Some((count, max)),
            ));
        }
    }
}
