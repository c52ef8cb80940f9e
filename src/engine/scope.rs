//! Which sentences a rule looks at, and where a missing sentence should go.

use crate::error::Result;
use crate::pack::{Insert, Rule, Scope};
use crate::text::{Draft, Role, Sentence};
use std::ops::Range;

/// The normalised-view ranges of the sentences a rule looks in. `any` is the body (greetings, headings,
/// signatures, header lines, quoted text and template notes excluded); `all` adds the greeting; `opener` and `closing` take a window of body sentences;
/// `greeting` is the greeting; `near-cue` the body sentences within the window of a cue sentence, whose
/// indices `cues` finds on demand.
pub fn ranges(draft: &Draft, rule: &Rule, cues: impl FnOnce() -> Result<Vec<usize>>) -> Result<Vec<Range<usize>>> {
    Ok(match rule.scope {
        Scope::Any => draft.body().map(|s| s.range.clone()).collect(),
        Scope::All => draft
            .sentences()
            .iter()
            .filter(|s| matches!(s.role, Role::Greeting | Role::Body | Role::ListItem))
            .map(|s| s.range.clone())
            .collect(),
        Scope::Opener => body_sentences(draft)
            .take(rule.window)
            .map(|s| s.range.clone())
            .collect(),
        Scope::Greeting => draft
            .sentences()
            .iter()
            .filter(|s| s.role == Role::Greeting)
            .map(|s| s.range.clone())
            .collect(),
        Scope::Closing => {
            let body: Vec<&Sentence> = body_sentences(draft).collect();
            let from = body.len().saturating_sub(rule.window);
            body[from..].iter().map(|s| s.range.clone()).collect()
        }
        Scope::NearCue => {
            let body: Vec<&Sentence> = draft.body().collect();
            let cues = cues()?;
            let near = |i: usize| cues.iter().any(|&c| i.abs_diff(c) <= rule.window);
            body.iter()
                .enumerate()
                .filter(|&(i, _)| near(i))
                .map(|(_, s)| s.range.clone())
                .collect()
        }
    })
}

/// Sentences in the agent's running text (not list items).
fn body_sentences(draft: &Draft) -> impl Iterator<Item = &Sentence> {
    draft.sentences().iter().filter(|s| s.role == Role::Body)
}

/// The sentence after which a `require` rule's missing sentence should go (its normalised-view range).
/// `cue_sentence` is the last body sentence that holds a cue of the rule's scenarios.
pub fn anchor(draft: &Draft, insert: Insert, cue_sentence: Option<Range<usize>>) -> Range<usize> {
    let body: Vec<&Sentence> = draft.body().collect();
    let greeting = draft.sentences().iter().rev().find(|s| s.role == Role::Greeting);
    let first = body.first().map(|s| s.range.clone());
    let last = body.last().map(|s| s.range.clone());
    let chosen = match insert {
        Insert::AfterGreeting => greeting.map(|s| s.range.clone()).or(first),
        Insert::AfterOpener => first,
        Insert::AfterCue => cue_sentence.or(first),
        Insert::BeforeClosing => body.len().checked_sub(2).map(|i| body[i].range.clone()).or(last),
        Insert::End => last,
    };
    chosen
        .or_else(|| draft.sentences().last().map(|s| s.range.clone()))
        .unwrap_or(0..0)
}
