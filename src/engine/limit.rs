//! `limit`: a count or a length over a bound. `matches` counts pattern matches in scope (and the share
//! of body sentences holding one); `words` and `hangul` measure each sentence in scope.

use super::matching::{pattern_hits, Scope};
use super::RuleRun;
use crate::error::Result;
use crate::finding::{Finding, SuggestionAction};
use crate::pack::Measure;
use crate::text::korean::is_syllable;

pub fn run(run: &RuleRun, out: &mut Vec<Finding>) -> Result<()> {
    match run.rule.measure {
        Measure::Matches => count_matches(run, out)?,
        Measure::Words | Measure::Hangul => measure_sentences(run, out),
    }
    Ok(())
}

fn count_matches(run: &RuleRun, out: &mut Vec<Finding>) -> Result<()> {
    let scope = Scope { ranges: &run.scope };
    let text = run.rule.text_for(run.draft.langs().primary);
    let mut hits = Vec::new();
    for &(lang, tables) in run.tables {
        if let (Some(set), Some(_)) = (tables.rules[run.index].as_ref(), run.rule.lang(lang)) {
            hits.extend(pattern_hits(run.draft, set, &scope, false)?);
        }
    }
    hits.sort_by_key(|h| h.range.start);
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

fn measure_sentences(run: &RuleRun, out: &mut Vec<Finding>) {
    let Some(lang) = run.draft.langs().iter().find(|&l| run.rule.lang(l).is_some()) else {
        return;
    };
    let text = run.rule.text_for(lang);
    let Some(max) = text.max else { return };
    for range in &run.scope {
        let sentence = &run.draft.view(crate::text::View::Normalized)[range.clone()];
        let count = match run.rule.measure {
            Measure::Words => sentence.split_whitespace().count(),
            _ => sentence.chars().filter(|&c| is_syllable(c)).count(),
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
