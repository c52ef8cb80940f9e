//! Help-desk and template placeholders (`{{ticket.requester.first_name}}`, `{%customer.firstName%}`,
//! `[First Name]`, `%name%`, `%{recipient.name}`, `{!! $name !!}`, `${name}`, `{USERNAME}`): found in the
//! original text so they can be masked before matching.

use std::ops::Range;

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

/// Longer "placeholders" are prose in braces or brackets.
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

/// Keys that name someone other than the customer (the agent, the company, the site).
const NOT_CUSTOMER_KEYS: &[&str] = &[
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
    "site",
    "board",
    "forum",
    "closer",
    "sender",
    "moderator",
    "admin",
];

/// The characters a placeholder starts with.
const OPENERS: [char; 6] = ['{', '%', '$', '[', '(', '<'];

/// A placeholder's shape, read at one position by `shape_at`.
#[derive(Debug, PartialEq, Eq)]
enum Shape {
    /// `{{ … }}` (Liquid, Intercom, Front), `{% … %}` (Help Scout, Liquid tags), `%name%`, `%{ … }`
    /// (Zammad, Ruby), `{!! … !!}` (Blade), `${ … }` (JavaScript) or `{NAME}` (an identifier alone in
    /// single braces, as phpBB and many mailers write them).
    Tagged,
    /// `[ … ]`: the words inside; `link` when a `(` follows, as in a Markdown link.
    Bracketed { inner: Range<usize>, link: bool },
    /// `( … )` or `< … >`: a placeholder only when it names the customer ("(customer's name)", "<name>").
    Paren { inner: Range<usize> },
}

/// Finds placeholders in order, going on after each one's end. The shapes are read by hand rather than
/// by a pattern: this runs on every draft, and a pattern engine costs far more than these few checks.
pub fn find(text: &str) -> Vec<Placeholder> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(OPENERS).map(|i| from + i) {
        let Some((len, shape)) = shape_at(&text[at..]) else {
            from = at + 1;
            continue;
        };
        let whole = &text[at..at + len];
        // A Markdown link's text takes its `(` along, so the link's target is not read as words.
        from = at + len + usize::from(matches!(shape, Shape::Bracketed { link: true, .. }));
        let placeholder = is_placeholder(whole, &shape);
        if !placeholder && matches!(shape, Shape::Paren { .. }) {
            // Prose in parentheses may hold a placeholder.
            from = at + 1;
        }
        if placeholder {
            found.push(Placeholder {
                range: at..at + len,
                names_customer: names_customer(whole),
            });
        }
    }
    found
}

/// The length and shape of the placeholder `text` starts with, if it has one's shape: `{{x}}` and `{%x%}`
/// with no line break (nor brace or `%`) inside, `%name%` with a name of ASCII letters, digits, `_` and
/// `.` starting with a letter, `[x]` with no line break or bracket inside.
fn shape_at(text: &str) -> Option<(usize, Shape)> {
    // The length up to and including `close`, when the text after `open` reaches `close` before any
    // character in `stops`, with something in between.
    let enclosed = |open: &str, stops: &[char], close: &str| -> Option<usize> {
        let body = text.strip_prefix(open)?;
        let end = body.find(stops).filter(|&end| end > 0)?;
        body[end..].starts_with(close).then_some(open.len() + end + close.len())
    };
    let tagged = enclosed("{{", &['{', '}', '\n'], "}}")
        .or_else(|| enclosed("{%", &['%', '\n'], "%}"))
        .or_else(|| enclosed("{!!", &['!', '{', '}', '\n'], "!!}"))
        .or_else(|| enclosed("%{", &['{', '}', '\n'], "}"))
        .or_else(|| enclosed("${", &['{', '}', '\n'], "}"))
        .or_else(|| identifier_in_braces(text));
    if let Some(len) = tagged {
        return Some((len, Shape::Tagged));
    }
    if text.starts_with('$') {
        return None;
    }
    if let Some(name) = text.strip_prefix('%') {
        let len = name
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(name.len());
        let starts_with_letter = name.starts_with(|c: char| c.is_ascii_alphabetic());
        return (starts_with_letter && name[len..].starts_with('%')).then_some((len + 2, Shape::Tagged));
    }
    if let Some(len) = enclosed("(", &['(', ')', '\n'], ")").or_else(|| enclosed("<", &['<', '>', '\n'], ">")) {
        return Some((len, Shape::Paren { inner: 1..len - 1 }));
    }
    let len = enclosed("[", &['[', ']', '\n'], "]")?;
    let link = text[len..].starts_with('(');
    Some((
        len,
        Shape::Bracketed {
            inner: 1..len - 1,
            link,
        },
    ))
}

/// `{USERNAME}`, `{first_name}`, `{order.id}`: an ASCII identifier alone in single braces. A `{slot}` in
/// words (`{문제}`, `{the cause}`) is a rewrite's gap for a person to fill, not a template's field.
fn identifier_in_braces(text: &str) -> Option<usize> {
    let body = text.strip_prefix('{')?;
    let end = body.find('}')?;
    let name = &body[..end];
    let identifier = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    identifier.then_some(end + 2)
}

/// Whether a placeholder-shaped text is a placeholder: not a Markdown link, not prose in braces.
fn is_placeholder(whole: &str, shape: &Shape) -> bool {
    match shape {
        Shape::Bracketed { link: true, .. } => false,
        _ if whole.chars().count() > MAX_PLACEHOLDER_CHARS => false,
        Shape::Bracketed { inner, .. } => {
            let inner = &whole[inner.clone()];
            looks_like_bracket_placeholder(inner) || names_customer_in_words(inner)
        }
        Shape::Paren { inner } => names_customer_in_words(&whole[inner.clone()]),
        Shape::Tagged => true,
    }
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

/// Words in brackets or parentheses that stand for the customer's name: "[their name]", "(customer's
/// name)", "<name>", "(고객 이름)". Short, no sentence punctuation, and a name key in them.
fn names_customer_in_words(inner: &str) -> bool {
    let words = inner.split_whitespace().count();
    (1..=3).contains(&words)
        && inner.chars().count() <= 30
        && !inner.contains(['.', ',', '!', '?', ':', ';', '/', '[', ']', '{', '}', '%'])
        && !NOT_CUSTOMER_KEYS.iter().any(|k| inner.to_lowercase().contains(k))
        && inner.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "name" | "firstname" | "first_name" | "이름" | "고객명" | "성함"
            )
        })
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
    fn recognises_template_engines_placeholders() {
        assert_eq!(
            found("Hello {!! $receiver_name !!}, see {!! $password_reset_link !!}."),
            vec![
                ("{!! $receiver_name !!}", true),
                ("{!! $password_reset_link !!}", false)
            ]
        );
        assert_eq!(
            found("%{recipient.name.first} 고객님, 티켓 #%{ticket.number}"),
            vec![("%{recipient.name.first}", true), ("%{ticket.number}", false)]
        );
        assert_eq!(found("Hi ${firstName}, it costs $5."), vec![("${firstName}", true)]);
        assert_eq!(
            found("{USERNAME}님 안녕하세요. \"{SITENAME}\"의 {CLOSER_NAME}입니다."),
            vec![("{USERNAME}", true), ("{SITENAME}", false), ("{CLOSER_NAME}", false)]
        );
        // A rewrite's slot in words is not a template field.
        assert_eq!(found("{문제}로 {the cause} 때문에"), vec![]);
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
        // Written as a guide writes them: lower case, in parentheses or angle brackets.
        assert_eq!(found("Sorry, [their name], it"), vec![("[their name]", true)]);
        assert_eq!(found("Hi (customer's name),"), vec![("(customer's name)", true)]);
        assert_eq!(found("Dear <name>: we"), vec![("<name>", true)]);
        assert_eq!(found("안녕하세요 (고객 이름) 님"), vec![("(고객 이름)", true)]);
        // Other words in parentheses are prose, and a placeholder inside them is still found.
        assert!(found("(see the docs) (username) (company name) a < b > c").is_empty());
        assert_eq!(found("(for [First Name])"), vec![("[First Name]", true)]);
        assert_eq!(found("{{current_user.name}}"), vec![("{{current_user.name}}", false)]);
    }

    #[test]
    fn shapes_need_their_closing_on_the_same_line() {
        assert!(found("{{}} {%%} %% [] %1name% {{open\n}} {%a\n%}").is_empty());
        // Not `{{a}b}}` as one: only the field in single braces inside it.
        assert_eq!(found("{{a}b}} {{x}}"), vec![("{a}", false), ("{{x}}", false)]);
        assert_eq!(found("{% if x %}"), vec![("{% if x %}", false)]);
        assert_eq!(found("50% off %first_name%"), vec![("%first_name%", true)]);
        assert_eq!(found("[[Order ID]]"), vec![("[Order ID]", false)]);
        let prose = format!("{{{{{}}}}}", "x".repeat(MAX_PLACEHOLDER_CHARS));
        assert!(found(&prose).is_empty());
    }

    #[test]
    fn markdown_links_and_checkboxes_are_not_placeholders() {
        assert!(found("See [our status page](https://status.example.com) and [x] done [1].").is_empty());
    }
}
