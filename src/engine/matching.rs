//! Running compiled patterns over a draft: matches as normalised-view ranges, restricted to a scope
//! and with exceptions removed.

use super::compile::{Matcher, MatcherSet};
use crate::text::Draft;
use regex::Captures;
use std::ops::Range;

/// One match: its range in the normalised view and, when asked for, its capture groups as
/// normalised-view ranges.
#[derive(Debug, Clone)]
pub struct Hit {
    pub range: Range<usize>,
    pub groups: Vec<(Option<String>, Option<Range<usize>>)>,
}

/// The normalised-view ranges of the sentences a rule may look in.
pub struct Scope<'a> {
    pub ranges: &'a [Range<usize>],
}

/// All matches of one matcher inside the scope, in order. Each sentence is searched on its own, so
/// `^` and `$` in a pattern anchor at the start and end of a sentence and no match spans two sentences.
pub fn hits(draft: &Draft, matcher: &Matcher, scope: &Scope, with_groups: bool) -> Vec<Hit> {
    let text = draft.view(matcher.view);
    let mut out = Vec::new();
    for sentence in scope.ranges {
        let start = draft.from_normalized(matcher.view, sentence.start);
        let end = draft.from_normalized(matcher.view, sentence.end);
        let slice = &text[start..end];
        let to_normalized = |r: Range<usize>| draft.to_normalized(matcher.view, r.start + start..r.end + start);
        if with_groups {
            out.extend(
                matcher
                    .regex
                    .captures_iter(slice)
                    .filter(|caps| caps.get(0).is_some_and(|m| !m.is_empty()))
                    .map(|caps| hit_with_groups(&caps, matcher, &to_normalized)),
            );
        } else {
            out.extend(matcher.regex.find_iter(slice).filter(|m| !m.is_empty()).map(|m| Hit {
                range: to_normalized(m.range()),
                groups: Vec::new(),
            }));
        }
    }
    out
}

fn hit_with_groups(caps: &Captures, matcher: &Matcher, to_normalized: &dyn Fn(Range<usize>) -> Range<usize>) -> Hit {
    let names = matcher.regex.capture_names();
    let groups = names
        .zip(caps.iter())
        .map(|(name, m)| (name.map(str::to_string), m.map(|m| to_normalized(m.range()))))
        .collect();
    Hit {
        range: to_normalized(caps.get(0).map_or(0..0, |m| m.range())),
        groups,
    }
}

/// Matches of a set's patterns in scope that no exception overlaps, sorted and without overlaps
/// (the earliest, then the longest, wins).
pub fn pattern_hits(draft: &Draft, set: &MatcherSet, scope: &Scope, with_groups: bool) -> Vec<Hit> {
    unexcepted(draft, &set.patterns, set, scope, with_groups)
}

/// Weak matches in scope that no exception overlaps, sorted and without overlaps.
pub fn weak_hits(draft: &Draft, set: &MatcherSet, scope: &Scope) -> Vec<Hit> {
    unexcepted(draft, &set.weak, set, scope, false)
}

fn unexcepted(draft: &Draft, matchers: &[Matcher], set: &MatcherSet, scope: &Scope, with_groups: bool) -> Vec<Hit> {
    let exceptions = exception_ranges(draft, set, scope);
    let mut all: Vec<Hit> = matchers
        .iter()
        .flat_map(|m| hits(draft, m, scope, with_groups))
        .filter(|h| !overlaps_any(&h.range, &exceptions))
        .collect();
    all.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(b.range.end.cmp(&a.range.end)));
    let mut kept: Vec<Hit> = Vec::with_capacity(all.len());
    for hit in all {
        if kept.last().is_none_or(|last| hit.range.start >= last.range.end) {
            kept.push(hit);
        }
    }
    kept
}

fn exception_ranges(draft: &Draft, set: &MatcherSet, scope: &Scope) -> Vec<Range<usize>> {
    set.exceptions
        .iter()
        .flat_map(|m| hits(draft, m, scope, false))
        .map(|h| h.range)
        .collect()
}

fn overlaps_any(range: &Range<usize>, others: &[Range<usize>]) -> bool {
    others.iter().any(|o| o.start < range.end && range.start < o.end)
}
