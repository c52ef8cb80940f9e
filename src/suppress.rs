//! Suppression comments in text and Markdown drafts:
//! `<!-- replylint-disable-next-line RULE ... -->` silences the rules on the next non-blank line, and
//! `<!-- replylint-disable RULE ... -->` … `<!-- replylint-enable RULE ... -->` silences them in between
//! (to the end of the draft without an enable). No rule named means every rule. The comments are blanked
//! out before linting (same length, so spans stay right), and a suppression that silenced nothing is
//! reported, so stale ones do not pile up.

use crate::finding::Finding;
use regex::Regex;
use std::ops::{Range, RangeInclusive};
use std::sync::OnceLock;

/// One suppression: which rules (none = all), which lines, and where the comment is.
#[derive(Debug, Clone)]
pub struct Suppression {
    pub rules: Vec<String>,
    pub lines: RangeInclusive<usize>,
    /// Byte range of the comment in the draft.
    pub comment: Range<usize>,
    pub used: bool,
}

impl Suppression {
    fn covers(&self, finding: &Finding) -> bool {
        self.lines.contains(&finding.span.line) && (self.rules.is_empty() || self.rules.contains(&finding.rule))
    }
}

fn comment_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"<!--\s*replylint-(disable-next-line|disable|enable)\b([^>]*?)-->").expect("a valid pattern")
    })
}

/// The draft with its suppression comments blanked out, and the suppressions they make.
pub fn parse(text: &str) -> (String, Vec<Suppression>) {
    let line_of = |offset: usize| 1 + text[..offset].matches('\n').count();
    let lines: Vec<&str> = text.split('\n').collect();
    let mut blanked = text.to_string();
    let mut found = Vec::new();
    // Open `disable` blocks: (rules, first line, comment).
    let mut open: Vec<(Vec<String>, usize, Range<usize>)> = Vec::new();
    for caps in comment_pattern().captures_iter(text) {
        let whole = caps.get(0).expect("the whole match");
        let rules: Vec<String> = caps[2]
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect();
        // Same length, and line breaks kept: spans and line numbers stay as the user wrote them.
        let spaces: String = whole
            .as_str()
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        blanked.replace_range(whole.range(), &spaces);
        let line = line_of(whole.start());
        match &caps[1] {
            "disable-next-line" => {
                let next = (line_of(whole.end())..lines.len())
                    .find(|&i| !lines[i].trim().is_empty())
                    .map_or(line + 1, |i| i + 1);
                found.push(Suppression {
                    rules,
                    lines: next..=next,
                    comment: whole.range(),
                    used: false,
                });
            }
            "disable" => open.push((rules, line, whole.range())),
            _ => {
                // An enable closes the blocks it names (or all of them when it names none).
                let (closed, still_open): (Vec<_>, Vec<_>) = open
                    .into_iter()
                    .partition(|(r, _, _)| rules.is_empty() || r.iter().any(|x| rules.contains(x)));
                open = still_open;
                for (rules, first, comment) in closed {
                    found.push(Suppression {
                        rules,
                        lines: first..=line,
                        comment,
                        used: false,
                    });
                }
            }
        }
    }
    for (rules, first, comment) in open {
        found.push(Suppression {
            rules,
            lines: first..=usize::MAX,
            comment,
            used: false,
        });
    }
    (blanked, found)
}

/// Drops the findings a suppression covers and marks the suppressions that were used.
pub fn apply(suppressions: &mut [Suppression], findings: &mut Vec<Finding>) {
    findings.retain(|finding| {
        let mut silenced = false;
        for s in suppressions.iter_mut().filter(|s| s.covers(finding)) {
            s.used = true;
            silenced = true;
        }
        !silenced
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_blanked_and_ranges_found() {
        let text = "Hi Dana,\n<!-- replylint-disable-next-line no-jargon -->\n\nWe rolled back the deploy.\n<!-- replylint-disable -->\nA.\nB.\n<!-- replylint-enable -->\nC.\n";
        let (blanked, found) = parse(text);
        assert_eq!(blanked.len(), text.len());
        assert!(!blanked.contains("replylint"));
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].rules, ["no-jargon"]);
        assert_eq!(found[0].lines, 4..=4);
        assert!(found[1].rules.is_empty());
        assert_eq!(found[1].lines, 5..=8);
    }
}
