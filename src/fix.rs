//! Safe rewrites as edits of a file: a finding the pack marks safe replaces its words with its rewrite.
//! In a help-desk export the edit patches the reply's JSON string in place (escaped for JSON, and for
//! HTML in an HTML body); every other byte of the file stays as it was.

use crate::finding::{Finding, SuggestionAction};
use crate::report::{DraftResult, MacroRef};
use std::ops::Range;

/// One replacement in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Bytes of the file to replace.
    pub range: Range<usize>,
    /// What to write there, already encoded for the file.
    pub replacement: String,
    pub rule: String,
}

/// The safe fixes of a checked draft as edits of the file it came from. A fix whose words cannot be
/// replaced in place (they straddle HTML markup, say) is left for a person. Rows of CSV and JSON Lines
/// batches are not edited.
pub fn edits_of(result: &DraftResult) -> Vec<Edit> {
    text_edits(&result.outcome.findings)
        .into_iter()
        .filter_map(|edit| in_file(result, edit))
        .collect()
}

/// An edit of a draft's text as an edit of the file the draft came from: the same edit for a whole
/// file; for a reply in an export, the bytes of its JSON string (escaped for JSON, and for HTML in an
/// HTML body), when they can be patched in place. Rows of batches are not edited.
pub fn in_file(result: &DraftResult, edit: Edit) -> Option<Edit> {
    match &result.macro_ref {
        None => Some(edit),
        Some(MacroRef {
            origin: Some(origin), ..
        }) => Some(Edit {
            range: origin.file_range(edit.range)?,
            replacement: origin.encode(&edit.replacement),
            rule: edit.rule,
        }),
        Some(_) => None,
    }
}

/// The safe fixes among a draft's findings as edits of the draft's own text.
pub fn text_edits(findings: &[Finding]) -> Vec<Edit> {
    findings.iter().filter(|f| f.fixable).filter_map(rewrite).collect()
}

/// A replacing finding's rewrite, safe or not, as an edit of the draft's text: its words replaced (an
/// empty rewrite deletes them).
pub fn rewrite(finding: &Finding) -> Option<Edit> {
    if finding.action != SuggestionAction::Replace {
        return None;
    }
    let rewrite = finding.suggestion.as_deref()?;
    Some(Edit {
        range: finding.span.range(),
        replacement: matching_case(&finding.excerpt, rewrite),
        rule: finding.rule.clone(),
    })
}

/// A missing sentence's suggestion as an edit of the draft's text: added after the finding's sentence,
/// on a line of its own when that sentence ends its line, else after a space.
pub fn insertion(finding: &Finding, text: &str) -> Option<Edit> {
    if finding.action != SuggestionAction::Insert {
        return None;
    }
    let sentence = finding.suggestion.as_deref().filter(|s| !s.is_empty())?;
    let end = finding.span.end.min(text.len());
    let after = text.get(end..).unwrap_or("");
    // The new line ends the way the text's lines do.
    let separator = if after.starts_with("\r\n") {
        "\r\n"
    } else if after.is_empty() || after.starts_with('\n') {
        "\n"
    } else {
        " "
    };
    Some(Edit {
        range: end..end,
        replacement: format!("{separator}{sentence}"),
        rule: finding.rule.clone(),
    })
}

/// A rewrite that starts a sentence where the words it replaces did: "In lieu of" becomes "Instead of".
/// An acronym ("DB") is not a capitalised word.
fn matching_case(replaced: &str, rewrite: &str) -> String {
    let mut letters = replaced.chars().take_while(|c| c.is_alphabetic());
    let starts_upper = letters.next().is_some_and(char::is_uppercase) && !letters.all(char::is_uppercase);
    let mut chars = rewrite.chars();
    match chars.next() {
        Some(first) if starts_upper && first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => rewrite.to_string(),
    }
}

/// The edits to make, without overlaps: the one that starts first wins, then the longer one, then the
/// rule id in alphabetical order; an edit overlapping one already chosen waits for the next round.
pub fn resolve(mut edits: Vec<Edit>) -> Vec<Edit> {
    edits.sort_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.end.cmp(&a.range.end))
            .then_with(|| a.rule.cmp(&b.rule))
    });
    let mut chosen: Vec<Edit> = Vec::new();
    for edit in edits {
        if chosen.last().is_none_or(|last| last.range.end <= edit.range.start) {
            chosen.push(edit);
        }
    }
    chosen
}

/// Applies edits that do not overlap (as `resolve` returns them) to a text.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.replacement);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(range: Range<usize>, replacement: &str, rule: &str) -> Edit {
        Edit {
            range,
            replacement: replacement.into(),
            rule: rule.into(),
        }
    }

    #[test]
    fn overlaps_are_resolved_the_same_way_whatever_the_order() {
        let edits = vec![
            edit(4..9, "B", "b-rule"),
            edit(0..5, "A", "z-rule"),
            edit(0..5, "C", "a-rule"),
            edit(9..12, "D", "d-rule"),
            edit(0..2, "E", "e-rule"),
        ];
        let mut reversed = edits.clone();
        reversed.reverse();
        let chosen = resolve(edits);
        assert_eq!(chosen, resolve(reversed));
        let kept: Vec<&str> = chosen.iter().map(|e| e.replacement.as_str()).collect();
        assert_eq!(kept, ["C", "D"]);
        assert_eq!(apply("0123456789ab", &chosen), "C5678D");
    }

    #[test]
    fn a_rewrite_keeps_a_capital_at_the_start() {
        assert_eq!(matching_case("In lieu of", "instead of"), "Instead of");
        assert_eq!(matching_case("in lieu of", "instead of"), "instead of");
        assert_eq!(matching_case("당사는", "저희는"), "저희는");
        assert_eq!(matching_case("DB", "database"), "database");
    }

    fn missing_sentence(span: Range<usize>, suggestion: &str) -> Finding {
        Finding {
            rule: "some-rule".into(),
            pack: "some-pack".into(),
            severity: crate::finding::Severity::Warning,
            criterion: String::new(),
            message: String::new(),
            span: crate::finding::Span {
                start: span.start,
                end: span.end,
                line: 1,
                column: 1,
            },
            excerpt: String::new(),
            suggestion: Some(suggestion.into()),
            action: SuggestionAction::Insert,
            fixable: false,
        }
    }

    #[test]
    fn a_missing_sentence_goes_after_its_sentence() {
        let text = "Hi Dana,\r\nSorry. It broke.";
        let after_greeting = insertion(&missing_sentence(0..8, "Thanks for writing."), text).unwrap();
        assert_eq!(
            apply(text, &[after_greeting]),
            "Hi Dana,\r\nThanks for writing.\r\nSorry. It broke."
        );
        let mid_line = insertion(&missing_sentence(10..16, "We're on it."), text).unwrap();
        assert_eq!(apply(text, &[mid_line]), "Hi Dana,\r\nSorry. We're on it. It broke.");
        let at_end = insertion(&missing_sentence(17..26, "Bye."), text).unwrap();
        assert_eq!(apply(text, &[at_end]), "Hi Dana,\r\nSorry. It broke.\nBye.");
    }
}
