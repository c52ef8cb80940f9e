//! Running compiled patterns over a draft: matches as normalised-view ranges, restricted to a scope
//! and with exceptions removed.

use super::compile::{Matcher, MatcherSet, Presences};
use crate::error::Result;
use crate::text::Draft;
use regex_automata::PatternID;
use std::ops::Range;

/// One match: its range in the normalised view and, when asked for, its capture groups as
/// normalised-view ranges.
#[derive(Debug, Clone)]
pub struct Hit {
    pub range: Range<usize>,
    /// Index of the pattern that matched within its matcher list; `hits` searches one matcher and
    /// leaves it 0, the callers that walk a list fill it in.
    pub pattern: usize,
    pub groups: Vec<(Option<String>, Option<Range<usize>>)>,
}

/// The normalised-view ranges of the sentences a rule may look in (its `Scope` resolved for one draft).
pub struct SearchArea<'a> {
    pub ranges: &'a [Range<usize>],
    /// The draft's literal presence per language, for the prefilter.
    pub presence: &'a Presences,
}

/// All matches of one matcher inside the scope, in order. Each sentence is searched on its own, so
/// `^` and `$` in a pattern anchor at the start and end of a sentence and no match spans two sentences.
/// Only sentences holding the pattern's literals are searched, and the pattern is compiled only when
/// there is one.
pub fn hits(draft: &Draft, matcher: &Matcher, scope: &SearchArea, with_groups: bool) -> Result<Vec<Hit>> {
    let mut out = Vec::new();
    if scope.ranges.is_empty() || !matcher.may_match(draft.lower_view(matcher.view), scope.presence) {
        return Ok(out);
    }
    let sentences: Vec<&Range<usize>> = scope
        .ranges
        .iter()
        .filter(|s| matcher.may_match_sentence(draft, s, scope.presence))
        .collect();
    if sentences.is_empty() {
        return Ok(out);
    }
    let regex = matcher.regex()?;
    let text = draft.view(matcher.view);
    let names: Vec<Option<String>> = if with_groups {
        let names = regex.group_info().pattern_names(PatternID::ZERO);
        names.map(|n| n.map(str::to_string)).collect()
    } else {
        Vec::new()
    };
    for sentence in sentences {
        let start = draft.from_normalized(matcher.view, sentence.start);
        let end = draft.from_normalized(matcher.view, sentence.end);
        let slice = &text.as_bytes()[start..end];
        let to_normalized = |r: Range<usize>| draft.to_normalized(matcher.view, r.start + start..r.end + start);
        if with_groups {
            for caps in regex.captures_iter(slice) {
                let Some(whole) = caps.get_match().filter(|m| !m.is_empty()) else {
                    continue;
                };
                let groups = names
                    .iter()
                    .enumerate()
                    .map(|(i, name)| (name.clone(), caps.get_group(i).map(|s| to_normalized(s.range()))))
                    .collect();
                out.push(Hit {
                    range: to_normalized(whole.range()),
                    pattern: 0,
                    groups,
                });
            }
        } else {
            out.extend(regex.find_iter(slice).filter(|m| !m.is_empty()).map(|m| Hit {
                range: to_normalized(m.range()),
                pattern: 0,
                groups: Vec::new(),
            }));
        }
    }
    Ok(out)
}

/// Matches of a set's patterns in scope that no exception overlaps, sorted and without overlaps
/// (the earliest, then the longest, wins).
pub fn pattern_hits(draft: &Draft, set: &MatcherSet, scope: &SearchArea, with_groups: bool) -> Result<Vec<Hit>> {
    unexcepted(draft, &set.patterns, set, scope, with_groups)
}

/// Whether any pattern of the set matches in scope without an exception overlapping it. Stops at the
/// first such match, so later patterns are neither searched nor compiled.
pub fn any_pattern_hit(draft: &Draft, set: &MatcherSet, scope: &SearchArea) -> Result<bool> {
    for matcher in &set.patterns {
        let found = hits(draft, matcher, scope, false)?;
        if found.is_empty() {
            continue;
        }
        let exceptions = exception_ranges(draft, set, scope, &found)?;
        if found.iter().any(|h| !overlaps_any(&h.range, &exceptions)) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Weak matches in scope that no exception overlaps, sorted and without overlaps.
pub fn weak_hits(draft: &Draft, set: &MatcherSet, scope: &SearchArea) -> Result<Vec<Hit>> {
    unexcepted(draft, &set.weak, set, scope, false)
}

fn unexcepted(
    draft: &Draft,
    matchers: &[Matcher],
    set: &MatcherSet,
    scope: &SearchArea,
    with_groups: bool,
) -> Result<Vec<Hit>> {
    let mut all = Vec::new();
    for (index, matcher) in matchers.iter().enumerate() {
        all.extend(
            hits(draft, matcher, scope, with_groups)?
                .into_iter()
                .map(|h| Hit { pattern: index, ..h }),
        );
    }
    if all.is_empty() {
        return Ok(all);
    }
    let exceptions = exception_ranges(draft, set, scope, &all)?;
    all.retain(|h| !overlaps_any(&h.range, &exceptions));
    all.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(b.range.end.cmp(&a.range.end)));
    let mut kept: Vec<Hit> = Vec::with_capacity(all.len());
    for hit in all {
        if kept.last().is_none_or(|last| hit.range.start >= last.range.end) {
            kept.push(hit);
        }
    }
    Ok(kept)
}

/// The exception matches that may overlap these hits. A match never spans two sentences, so only the
/// sentences of the scope that the hits overlap are searched.
fn exception_ranges(draft: &Draft, set: &MatcherSet, scope: &SearchArea, near: &[Hit]) -> Result<Vec<Range<usize>>> {
    let mut ranges = Vec::new();
    if set.exceptions.is_empty() {
        return Ok(ranges);
    }
    let sentences: Vec<Range<usize>> = scope
        .ranges
        .iter()
        .filter(|s| near.iter().any(|h| overlaps(s, &h.range)))
        .cloned()
        .collect();
    let scope = SearchArea {
        ranges: &sentences,
        presence: scope.presence,
    };
    for matcher in &set.exceptions {
        ranges.extend(hits(draft, matcher, &scope, false)?.into_iter().map(|h| h.range));
    }
    Ok(ranges)
}

fn overlaps_any(range: &Range<usize>, others: &[Range<usize>]) -> bool {
    others.iter().any(|o| overlaps(o, range))
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}
