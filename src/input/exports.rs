//! Help-desk exports, recognised by their content: Zendesk macros (the Macros API list, a bare array of
//! macros, or one `{"macro": …}`) and Freshdesk canned responses (one object, an array, or API pages
//! concatenated). Each reply is found with the line of the export file where its string starts.

use crate::error::{Error, Result};
use jsonc_parser::ast::{Object, Value};
use jsonc_parser::{parse_to_ast, CollectOptions, ParseOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Zendesk,
    Freshdesk,
}

impl ExportKind {
    pub fn name(self) -> &'static str {
        match self {
            ExportKind::Zendesk => "Zendesk macro",
            ExportKind::Freshdesk => "Freshdesk canned response",
        }
    }
}

/// One reply found in an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MacroReply {
    pub kind: ExportKind,
    pub id: String,
    pub title: String,
    pub active: bool,
    /// The reply as plain text (HTML bodies turned into text).
    pub text: String,
    /// The 1-based line of the export file where the reply's string starts.
    pub line: usize,
}

/// Whether a file's text looks like JSON at all (an export is then expected).
pub fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with(['{', '['])
}

/// Reads an export. Invalid JSON is an error naming the line and column; JSON that is neither kind of
/// export is an error too.
pub fn read(shown: &str, text: &str) -> Result<(ExportKind, Vec<MacroReply>)> {
    let mut found: Option<ExportKind> = None;
    let mut replies = Vec::new();
    // Line starts, found once: an export holds thousands of replies.
    let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let line_of = |offset: usize| 1 + newlines.partition_point(|&n| n < offset);
    for page in pages(shown, text)? {
        let parsed = parse_to_ast(&text[page.clone()], &CollectOptions::default(), &strict())
            .map_err(|e| Error::input(shown, format!("not valid JSON: {e}")))?;
        let Some(value) = parsed.value else { continue };
        let Some((kind, items)) = recognise(&value) else {
            return Err(Error::input(
                shown,
                "JSON that is neither a Zendesk macros export nor Freshdesk canned responses",
            ));
        };
        found = Some(kind);
        for item in items {
            replies.extend(replies_of(kind, item, &|offset| line_of(page.start + offset)));
        }
    }
    let kind = found.ok_or_else(|| Error::input(shown, "an empty JSON file"))?;
    Ok((kind, replies))
}

/// Checks the whole file as strict JSON (one value, or several concatenated: paginated API pages) and
/// returns each value's byte range. Errors name the line and column.
fn pages(shown: &str, text: &str) -> Result<Vec<std::ops::Range<usize>>> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<serde::de::IgnoredAny>();
    let mut pages = Vec::new();
    loop {
        let start = stream.byte_offset();
        match stream.next() {
            None => break,
            Some(Ok(_)) => pages.push(start..stream.byte_offset()),
            Some(Err(e)) => return Err(Error::json(shown, "not valid JSON", &e)),
        }
    }
    Ok(pages)
}

fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// Which kind of export a page is, and its macro or response objects.
fn recognise<'a, 'b>(value: &'b Value<'a>) -> Option<(ExportKind, Vec<&'b Object<'a>>)> {
    let objects = |elements: &'b [Value<'a>]| -> Vec<&'b Object<'a>> {
        elements
            .iter()
            .filter_map(|e| match e {
                Value::Object(o) => Some(o),
                _ => None,
            })
            .collect()
    };
    let kind_of = |o: &Object| {
        if o.get("actions").is_some() {
            Some(ExportKind::Zendesk)
        } else if o.get("content").is_some() || o.get("content_html").is_some() {
            Some(ExportKind::Freshdesk)
        } else {
            None
        }
    };
    match value {
        Value::Object(o) => {
            if let Some(Value::Array(a)) = o.get("macros").map(|p| &p.value) {
                return Some((ExportKind::Zendesk, objects(&a.elements)));
            }
            if let Some(Value::Object(m)) = o.get("macro").map(|p| &p.value) {
                return Some((ExportKind::Zendesk, vec![m]));
            }
            kind_of(o).map(|k| (k, vec![o]))
        }
        Value::Array(a) => {
            let items = objects(&a.elements);
            let kind = items.first().and_then(|o| kind_of(o)).or_else(|| {
                // An empty page of a paginated export.
                a.elements.is_empty().then_some(ExportKind::Freshdesk)
            })?;
            Some((kind, items))
        }
        _ => None,
    }
}

/// The replies of one macro or response; `line_of` turns an offset within the page into a file line.
fn replies_of(kind: ExportKind, item: &Object, line_of: &dyn Fn(usize) -> usize) -> Vec<MacroReply> {
    let id = match item.get("id").map(|p| &p.value) {
        Some(Value::NumberLit(n)) => n.value.to_string(),
        Some(Value::StringLit(s)) => s.value.to_string(),
        _ => String::new(),
    };
    let title = item
        .get_string("title")
        .map(|s| s.value.to_string())
        .unwrap_or_default();
    let active = !matches!(item.get("active").map(|p| &p.value), Some(Value::BooleanLit(b)) if !b.value);
    let reply = |text_value: &str, html: bool, offset: usize| MacroReply {
        kind,
        id: id.clone(),
        title: title.clone(),
        active,
        text: if html {
            html_to_text(text_value)
        } else {
            text_value.to_string()
        },
        line: line_of(offset),
    };
    let mut out = Vec::new();
    match kind {
        ExportKind::Zendesk => {
            let actions = match item.get("actions").map(|p| &p.value) {
                Some(Value::Array(a)) => a.elements.as_slice(),
                _ => &[],
            };
            for action in actions {
                let Value::Object(action) = action else { continue };
                let field = action.get_string("field").map(|s| s.value.as_ref()).unwrap_or("");
                let html = match field {
                    "comment_value" => false,
                    "comment_value_html" => true,
                    _ => continue,
                };
                // A plain string, or ["channel:all", "text"]: the text is the last string.
                let literal = match action.get("value").map(|p| &p.value) {
                    Some(Value::StringLit(s)) => Some(s),
                    Some(Value::Array(a)) => a.elements.iter().rev().find_map(|e| e.as_string_lit()),
                    _ => None,
                };
                if let Some(s) = literal {
                    out.push(reply(&s.value, html, s.range.start));
                }
            }
        }
        ExportKind::Freshdesk => {
            // The plain `content` says the same as `content_html` with less noise.
            if let Some(s) = item.get_string("content").filter(|s| !s.value.trim().is_empty()) {
                out.push(reply(&s.value, false, s.range.start));
            } else if let Some(s) = item.get_string("content_html") {
                out.push(reply(&s.value, true, s.range.start));
            }
        }
    }
    out
}

/// An HTML body as the text a customer reads: tags dropped, entities decoded, `<br>`, `<p>`, `<div>`,
/// `<li>` and headings as line breaks. Uses html5gum's WHATWG tokenizer.
pub fn html_to_text(html: &str) -> String {
    use html5gum::{Token, Tokenizer};
    const BREAKS: [&[u8]; 11] = [
        b"br", b"p", b"div", b"li", b"tr", b"h1", b"h2", b"h3", b"h4", b"ul", b"ol",
    ];
    let mut out = String::new();
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) if BREAKS.contains(&tag.name.as_slice()) => {
                if tag.name.as_slice() == b"li" {
                    out.push_str("\n- ");
                } else {
                    out.push('\n');
                }
            }
            Token::EndTag(tag) if BREAKS.contains(&tag.name.as_slice()) => out.push('\n'),
            Token::String(text) => out.push_str(&String::from_utf8_lossy(&text).replace('\u{a0}', " ")),
            _ => {}
        }
    }
    // Paragraph ends and starts meet as runs of breaks: keep at most one blank line.
    let mut tidy = String::with_capacity(out.len());
    let mut breaks = 0;
    for c in out.trim().chars() {
        if c == '\n' {
            breaks += 1;
            if breaks <= 2 {
                tidy.push(c);
            }
        } else {
            breaks = 0;
            tidy.push(c);
        }
    }
    tidy
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZENDESK: &str = r#"{
  "macros": [
    {
      "id": 360001,
      "title": "Outage::Payments",
      "active": true,
      "actions": [
        {"field": "status", "value": "pending"},
        {"field": "comment_value", "value": ["channel:all", "Hi {{ticket.requester.first_name}},\nSorry for the inconvenience."]}
      ]
    },
    {
      "id": 360002,
      "title": "Old",
      "active": false,
      "actions": [{"field": "comment_value_html", "value": "<p>Hello&nbsp;there,</p><p>We&#39;re on it.<br>Thanks</p>"}]
    }
  ],
  "count": 2
}"#;

    #[test]
    fn zendesk_macros_with_their_lines() {
        let (kind, replies) = read("m.json", ZENDESK).unwrap();
        assert_eq!(kind, ExportKind::Zendesk);
        assert_eq!(replies.len(), 2);
        assert_eq!(replies[0].id, "360001");
        assert_eq!(replies[0].title, "Outage::Payments");
        assert_eq!(
            replies[0].text,
            "Hi {{ticket.requester.first_name}},\nSorry for the inconvenience."
        );
        assert_eq!(replies[0].line, 9);
        assert!(!replies[1].active);
        assert_eq!(replies[1].text, "Hello there,\n\nWe're on it.\nThanks");
    }

    #[test]
    fn freshdesk_pages_concatenated() {
        let text = "[{\"id\": 1, \"title\": \"A\", \"folder_id\": 9, \"content\": \"Hi.\", \"content_html\": \"<div>Hi.</div>\"}]\n[{\"id\": 2, \"title\": \"B\", \"content_html\": \"<div>Bye</div>\"}]\n";
        let (kind, replies) = read("f.json", text).unwrap();
        assert_eq!(kind, ExportKind::Freshdesk);
        let texts: Vec<(&str, &str, usize)> = replies
            .iter()
            .map(|r| (r.id.as_str(), r.text.as_str(), r.line))
            .collect();
        assert_eq!(texts, [("1", "Hi.", 1), ("2", "Bye", 2)]);
    }

    #[test]
    fn malformed_and_unknown_json_are_named() {
        let err = read("m.json", "{\n  \"macros\": [\n    {\"id\": 1,,}\n  ]\n}").unwrap_err();
        assert_eq!(err.to_string(), "m.json:3:14: not valid JSON: key must be a string");
        let err = read("m.json", "{\"users\": []}").unwrap_err();
        assert!(err.to_string().contains("neither a Zendesk macros export"), "{err}");
    }
}
