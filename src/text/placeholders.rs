//! Help-desk placeholders (`{{ticket.requester.first_name}}`, `{%customer.firstName%}`, `[First Name]`,
//! `%name%`): found in the original text so they can be masked before matching.

use regex_lite::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A placeholder in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub range: Range<usize>,
    /// True when the placeholder stands for the customer's name.
    pub names_customer: bool,
}

/// The masked form of a placeholder in the matching view: one private-use character, so that rules
/// never match inside it and `{NAME}` / `{PLACEHOLDER}` can refer to it.
pub const NAME_MASK: char = '\u{E000}';
pub const OTHER_MASK: char = '\u{E001}';

/// Anchored: it is tried only where a placeholder can start (see `OPENERS`).
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
        \{\{[^{}\n]+\}\}                            # Liquid, Intercom, Front
      | \{%[^%\n]+%\}                               # Help Scout, Liquid tags
      | %[A-Za-z][A-Za-z0-9_.]*%                    # %name%
      | \[(?P<bracket>[^\[\]\n]+)\](?P<link>\()?      # [First Name], but not a Markdown link
    )",
    )
    .expect("placeholder pattern is valid")
});

/// Longer "placeholders" are prose in braces or brackets. (Checked in code: a bounded repetition in
/// the pattern would make it far slower to compile.)
const MAX_PLACEHOLDER_CHARS: usize = 124;
const MAX_BRACKET_CHARS: usize = 40;

/// Keys that name the customer; checked on the lowercased placeholder text.
const NAME_KEYS: [&str; 10] = [
    "first_name",
    "firstname",
    "first name",
    "fname",
    "name",
    "이름",
    "고객명",
    "성함",
    "닉네임",
    "customer",
];

/// Keys that name someone other than the customer (the agent, the company).
const NOT_CUSTOMER_KEYS: [&str; 10] = [
    "current_user",
    "agent",
    "assignee",
    "staff",
    "company",
    "organization",
    "product",
    "team",
    "brand",
    "{%user.",
];

/// The bytes a placeholder starts with. Searching the pattern through the whole text costs more than
/// everything else in reading a draft, so it is tried, anchored, only where one of these stands. Trying
/// each such position in order, and going on after a match's end, finds what a search from the start of
/// the text finds.
const OPENERS: [char; 3] = ['{', '%', '['];

pub fn find(text: &str) -> Vec<Placeholder> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(OPENERS).map(|i| from + i) {
        let Some(caps) = PLACEHOLDER.captures(&text[at..]) else {
            from = at + 1;
            continue;
        };
        let whole = caps.get(0).expect("the whole match");
        from = at + whole.end();
        if is_placeholder(&caps) {
            found.push(Placeholder {
                range: at..from,
                names_customer: names_customer(whole.as_str()),
            });
        }
    }
    found
}

/// Whether a match of the pattern is a placeholder: not a Markdown link, not prose in braces.
fn is_placeholder(caps: &regex_lite::Captures) -> bool {
    let whole = caps.get(0).expect("the whole match");
    if caps.name("link").is_some() || whole.as_str().chars().count() > MAX_PLACEHOLDER_CHARS {
        return false;
    }
    caps.name("bracket")
        .is_none_or(|inner| looks_like_bracket_placeholder(inner.as_str()))
}

/// `[Customer Name]`, `[이름]`, `[Order ID]`: words, no sentence punctuation, not a checkbox or footnote.
fn looks_like_bracket_placeholder(inner: &str) -> bool {
    let letters = inner.chars().filter(|c| c.is_alphabetic()).count();
    if inner.chars().count() > MAX_BRACKET_CHARS {
        return false;
    }
    let starts_well = inner
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || super::korean::is_syllable(c) || c == '_');
    letters >= 2 && starts_well && !inner.contains(['.', ',', '!', '?', ':', ';'])
}

fn names_customer(placeholder: &str) -> bool {
    let lower = placeholder.to_lowercase();
    NAME_KEYS.iter().any(|k| lower.contains(k)) && !NOT_CUSTOMER_KEYS.iter().any(|k| lower.contains(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, bool)> {
        find(text)
            .into_iter()
            .map(|p| (&text[p.range], p.names_customer))
            .collect()
    }

    #[test]
    fn recognises_common_help_desk_placeholders() {
        assert_eq!(
            found("Hi {{ticket.requester.first_name}}, see {{ticket.url}}."),
            vec![("{{ticket.requester.first_name}}", true), ("{{ticket.url}}", false)]
        );
        assert_eq!(
            found(r#"Hi {{first_name | fallback: "there"}}"#),
            vec![(r#"{{first_name | fallback: "there"}}"#, true)]
        );
        assert_eq!(
            found("Hi {%customer.firstName,fallback=there%}, {%user.firstName%}"),
            vec![
                ("{%customer.firstName,fallback=there%}", true),
                ("{%user.firstName%}", false)
            ]
        );
        assert_eq!(
            found("Dear [First Name], %name%"),
            vec![("[First Name]", true), ("%name%", true)]
        );
        assert_eq!(found("안녕하세요 [이름] 님"), vec![("[이름]", true)]);
        assert_eq!(found("{{current_user.name}}"), vec![("{{current_user.name}}", false)]);
    }

    #[test]
    fn markdown_links_and_checkboxes_are_not_placeholders() {
        assert!(found("See [our status page](https://status.example.com) and [x] done [1].").is_empty());
    }
}
