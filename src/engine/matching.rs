//! Running compiled patterns over a draft: matches as normalised-view ranges, restricted to a scope
//! and with exceptions removed.

use super::compile::{Matcher, MatcherSet, Presences};
use crate::error::Result;
use crate::text::{Draft, View};
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
    // A loose Korean match may run over the spaces the compact view removed; it may still not start or end
    // inside a noun, or "서버" would be found in "확인하셔서 버튼을".
    let keeps_words = |range: &Range<usize>, sentence: &Range<usize>| {
        !matcher.keep_to_words || respects_words(draft, sentence, range)
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
                let range = to_normalized(whole.range());
                if !keeps_words(&range, sentence) {
                    continue;
                }
                let groups = names
                    .iter()
                    .enumerate()
                    .map(|(i, name)| (name.clone(), caps.get_group(i).map(|s| to_normalized(s.range()))))
                    .collect();
                out.push(Hit {
                    range,
                    pattern: 0,
                    groups,
                });
            }
        } else {
            out.extend(
                regex
                    .find_iter(slice)
                    .filter(|m| !m.is_empty())
                    .map(|m| to_normalized(m.range()))
                    .filter(|range| keeps_words(range, sentence))
                    .map(|range| Hit {
                        range,
                        pattern: 0,
                        groups: Vec::new(),
                    }),
            );
        }
    }
    Ok(out)
}

/// Whether a match (normalised view) keeps to the words of its sentence. Only a match that runs over a
/// space is checked, against the morphological analysis: it must not start or end strictly inside a
/// noun, numeral or adverb ("서버" in "확인하셔서 버튼을" ends inside 버튼). Endings may be cut, as
/// patterns such as `{T:ㄹ}\s*수\s*없` start inside 드릴. Within one eojeol, and in a sentence without
/// Hangul, any match stands.
fn respects_words(draft: &Draft, sentence: &Range<usize>, hit: &Range<usize>) -> bool {
    let text = draft.view(View::Normalized);
    if !text[hit.clone()].contains(char::is_whitespace) {
        return true;
    }
    let Some(register) = draft.sentence_index(sentence).and_then(|i| draft.register(i)) else {
        return true;
    };
    let inside = |at: usize, w: &Range<usize>| w.start < at && at < w.end;
    !register.words.iter().any(|w| {
        let content = matches!(
            w.tag.split('+').next(),
            Some("NNG" | "NNP" | "NNB" | "NR" | "NP" | "MAG" | "SL" | "SN")
        );
        content && (inside(hit.start, &w.range) || inside(hit.end, &w.range))
    })
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
pub fn exception_ranges(
    draft: &Draft,
    set: &MatcherSet,
    scope: &SearchArea,
    near: &[Hit],
) -> Result<Vec<Range<usize>>> {
    let mut ranges = Vec::new();
    if set.exceptions.is_empty() {
        return Ok(ranges);
    }
    let near: Vec<Range<usize>> = near.iter().map(|h| h.range.clone()).collect();
    let sentences = touched(scope.ranges, &near);
    let scope = SearchArea {
        ranges: &sentences,
        presence: scope.presence,
    };
    for matcher in &set.exceptions {
        ranges.extend(hits(draft, matcher, &scope, false)?.into_iter().map(|h| h.range));
    }
    Ok(ranges)
}

/// The sentences that some hit overlaps, in their order. Hits are sorted once and each sentence is
/// looked up by binary search: a draft of thousands of sentences with thousands of hits (a long pasted
/// log) would otherwise compare every sentence with every hit.
fn touched(sentences: &[Range<usize>], hits: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut spans: Vec<(usize, usize)> = hits.iter().map(|h| (h.start, h.end)).collect();
    spans.sort_unstable();
    // reach[i]: the furthest end among the first i + 1 hits by start.
    let reach: Vec<usize> = spans
        .iter()
        .scan(0, |furthest, &(_, end)| {
            *furthest = end.max(*furthest);
            Some(*furthest)
        })
        .collect();
    sentences
        .iter()
        .filter(|s| {
            // A hit overlaps `s` when it starts before `s` ends and ends after `s` starts.
            let starting_before_end = spans.partition_point(|&(start, _)| start < s.end);
            starting_before_end > 0 && reach[starting_before_end - 1] > s.start
        })
        .cloned()
        .collect()
}

pub fn overlaps_any(range: &Range<usize>, others: &[Range<usize>]) -> bool {
    others.iter().any(|o| overlaps(o, range))
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::{overlaps, touched};
    use std::ops::Range;

    #[test]
    fn touched_sentences_are_those_some_hit_overlaps() {
        // Every small layout of sentences and hits, empty hits and hits at the edges included, against
        // the plain comparison of every sentence with every hit.
        let sentences: Vec<Range<usize>> = vec![0..4, 4..9, 10..12, 12..12, 15..20];
        let points = [0, 1, 3, 4, 5, 9, 10, 11, 12, 14, 15, 19, 20, 21];
        let all_hits: Vec<Range<usize>> = points
            .iter()
            .flat_map(|&a| points.iter().filter(move |&&b| b >= a).map(move |&b| a..b))
            .collect();
        for (i, first) in all_hits.iter().enumerate() {
            for second in &all_hits[i..] {
                for hits in [vec![], vec![first.clone()], vec![second.clone(), first.clone()]] {
                    let expected: Vec<Range<usize>> = sentences
                        .iter()
                        .filter(|s| hits.iter().any(|h| overlaps(s, h)))
                        .cloned()
                        .collect();
                    assert_eq!(touched(&sentences, &hits), expected, "hits {hits:?}");
                }
            }
        }
    }
}
