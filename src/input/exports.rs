//! Help-desk exports, recognised by their content: Zendesk macros (the Macros API list, a bare array of
//! macros, or one `{"macro": …}`) and Freshdesk canned responses (one object, an array, or API pages
//! concatenated). Each reply is found with the line of the export file where its string starts.

use super::origin::{decode_json_string, ExportFile, MappedText, PieceKind, ReplyOrigin};
use crate::error::{Error, Result};
use crate::text::lines::LineIndex;
use jsonc_parser::ast::{Object, Value};
use jsonc_parser::{parse_to_ast, CollectOptions, ParseOptions};
use std::ops::Range;
use std::sync::Arc;

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
    /// Where each piece of `text` is in the export file.
    pub origin: ReplyOrigin,
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
    let file = Arc::new(ExportFile {
        text: text.to_string(),
        lines: LineIndex::new(text),
    });
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
        let page = Page {
            file: &file,
            start: page.start,
        };
        for item in items {
            replies.extend(replies_of(kind, item, &page));
        }
    }
    let kind = found.ok_or_else(|| Error::input(shown, "an empty JSON file"))?;
    Ok((kind, replies))
}

/// One JSON value of an export file: where it starts, so string literals can be found in the file.
struct Page<'a> {
    file: &'a Arc<ExportFile>,
    start: usize,
}

impl Page<'_> {
    /// A reply's string literal (at `offset` in the page) decoded, HTML turned into text, with its origin.
    fn reply_text(&self, offset: usize, html: bool) -> Option<(String, ReplyOrigin)> {
        let at = self.start + offset;
        let decoded = decode_json_string(&self.file.text[at..], at)?;
        let (text, html_map) = if html {
            let mapped = html_to_mapped(&decoded.text);
            (mapped.text, Some(mapped.map))
        } else {
            (decoded.text, None)
        };
        let origin = ReplyOrigin {
            file: Arc::clone(self.file),
            json: decoded.map,
            html: html_map,
        };
        Some((text, origin))
    }
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

/// The replies of one macro or response.
fn replies_of(kind: ExportKind, item: &Object, page: &Page) -> Vec<MacroReply> {
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
    let reply = |html: bool, offset: usize| {
        let (text, origin) = page.reply_text(offset, html)?;
        Some(MacroReply {
            kind,
            id: id.clone(),
            title: title.clone(),
            active,
            text,
            line: origin.file_position(0).0,
            origin,
        })
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
                    out.extend(reply(html, s.range.start));
                }
            }
        }
        ExportKind::Freshdesk => {
            // `content_html` is what Freshdesk sends and what its API updates (`content` is derived from it),
            // so it is the one checked and fixed; plain `content` stands in when there is no HTML.
            if let Some(s) = item.get_string("content_html").filter(|s| !s.value.trim().is_empty()) {
                out.extend(reply(true, s.range.start));
            } else if let Some(s) = item.get_string("content") {
                out.extend(reply(false, s.range.start));
            }
        }
    }
    out
}

/// An HTML body as the text a customer reads: tags dropped, entities decoded, `<br>` as a line break,
/// `<div>`, `<li>`, table rows and headings on lines of their own, `<p>` as a paragraph (a blank line
/// around it). Uses html5gum's WHATWG tokenizer.
pub fn html_to_text(html: &str) -> String {
    html_to_mapped(html).text
}

/// `html_to_text`, with each piece of the text mapped back to the HTML it came from.
pub fn html_to_mapped(html: &str) -> MappedText {
    use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
    use html5gum::{Span, Tokenizer};
    const LINES: [&[u8]; 10] = [
        b"div",
        b"li",
        b"tr",
        b"h1",
        b"h2",
        b"h3",
        b"h4",
        b"ul",
        b"ol",
        b"blockquote",
    ];
    let mut out = MappedText::default();
    // A block starts on a new line (a paragraph after a blank one), however many tags meet there: an
    // editor's `<div>line</div><div><br></div>` is a line, then a blank line.
    let ensure_breaks = |out: &mut MappedText, breaks: usize, source: Range<usize>| {
        if out.text.is_empty() {
            return;
        }
        let have = out.text.len() - out.text.trim_end_matches('\n').len();
        if have < breaks {
            out.push(&"\n".repeat(breaks - have), source, PieceKind::Markup);
        }
    };
    let emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, span: Span<usize>| {
        let source = span.start.min(html.len())..span.end.min(html.len());
        match event {
            CallbackEvent::OpenStartTag { name: b"br" } => out.push("\n", source, PieceKind::Markup),
            CallbackEvent::OpenStartTag { name: b"li" } => {
                ensure_breaks(&mut out, 1, source.clone());
                out.push("- ", source, PieceKind::Markup);
            }
            CallbackEvent::OpenStartTag { name: b"p" } | CallbackEvent::EndTag { name: b"p" } => {
                ensure_breaks(&mut out, 2, source);
            }
            CallbackEvent::OpenStartTag { name } | CallbackEvent::EndTag { name } if LINES.contains(&name) => {
                ensure_breaks(&mut out, 1, source);
            }
            CallbackEvent::String { value } => push_character_data(&mut out, html, source, value),
            _ => {}
        }
        None::<std::convert::Infallible>
    });
    for _ in Tokenizer::new_with_emitter(html, emitter) {}
    tidy(&out)
}

/// Character data with its source: byte for byte where it was written as is; entities, `\r\n` and
/// non-breaking spaces (read as spaces) as decoded pieces. If the two cannot be lined up, the whole run
/// maps as one decoded piece.
fn push_character_data(out: &mut MappedText, html: &str, source: Range<usize>, value: &[u8]) {
    let value = String::from_utf8_lossy(value);
    let written = html.get(source.clone()).unwrap_or("");
    let mut run = MappedText::default();
    let (mut s, mut v) = (0, 0);
    while s < written.len() && v < value.len() {
        let at = source.start + s;
        let next = written[s..].chars().next().expect("not at the end");
        let expected = value[v..].chars().next().expect("not at the end");
        if next == '&' {
            // An entity: decode it alone to learn what it stands for.
            let Some(end) = written[s..].find(';').filter(|&e| e < 40).map(|e| s + e + 1) else {
                break;
            };
            let decoded = html_to_plain(&written[s..end]);
            if !value[v..].starts_with(decoded.as_str()) || decoded.is_empty() {
                break;
            }
            run.push(
                &decoded.replace('\u{a0}', " "),
                at..source.start + end,
                PieceKind::Decoded,
            );
            s = end;
            v += decoded.len();
        } else if written[s..].starts_with("\r\n") && expected == '\n' {
            run.push("\n", at..at + 2, PieceKind::Decoded);
            s += 2;
            v += 1;
        } else if next == expected && next == '\u{a0}' {
            run.push(" ", at..at + next.len_utf8(), PieceKind::Decoded);
            s += next.len_utf8();
            v += next.len_utf8();
        } else if next == expected {
            run.push(
                next.encode_utf8(&mut [0; 4]),
                at..at + next.len_utf8(),
                PieceKind::Verbatim,
            );
            s += next.len_utf8();
            v += next.len_utf8();
        } else {
            break;
        }
    }
    if s == written.len() && v == value.len() {
        out.append(&run);
    } else {
        out.push(&value.replace('\u{a0}', " "), source, PieceKind::Decoded);
    }
}

/// The character data of a tiny HTML fragment (one entity), decoded.
fn html_to_plain(fragment: &str) -> String {
    let mut text = String::new();
    for token in html5gum::Tokenizer::new(fragment).flatten() {
        if let html5gum::Token::String(s) = token {
            text.push_str(&String::from_utf8_lossy(&s));
        }
    }
    text
}

/// Paragraph ends and starts meet as runs of breaks: keep at most one blank line, and trim the ends.
fn tidy(raw: &MappedText) -> MappedText {
    let trimmed = raw.text.trim();
    let offset = raw.text.len() - raw.text.trim_start().len();
    let mut tidy = MappedText::default();
    let mut breaks = 0;
    for (i, c) in trimmed.char_indices() {
        if c == '\n' {
            breaks += 1;
            if breaks > 2 {
                continue;
            }
        } else {
            breaks = 0;
        }
        tidy.push_char_of(raw, offset + i, c);
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

    #[test]
    fn html_text_maps_back_into_the_html() {
        let html = "<p>We&#39;re sorry&nbsp;for the <b>delay</b>.</p><p>R&amp;D\r\nteam</p>";
        let mapped = html_to_mapped(html);
        assert_eq!(mapped.text, "We're sorry for the delay.\n\nR&D\nteam");
        let at = |needle: &str| {
            let start = mapped.text.find(needle).unwrap();
            mapped.map.source_range(start..start + needle.len()).map(|r| &html[r])
        };
        assert_eq!(at("We're sorry"), Some("We&#39;re sorry"));
        assert_eq!(at("delay"), Some("delay"));
        assert_eq!(at("R&D\nteam"), Some("R&amp;D\r\nteam"));
        // Across a tag or a paragraph break there is nothing to replace in place.
        assert_eq!(at("the delay"), None);
        assert_eq!(at(".\n\nR"), None);
    }

    #[test]
    fn replies_know_their_place_in_the_file() {
        let (_, replies) = read("m.json", ZENDESK).unwrap();
        let sorry = replies[0].text.find("Sorry").unwrap();
        let origin = &replies[0].origin;
        assert_eq!(origin.file_position(sorry), (9, 99));
        let range = origin.file_range(sorry..sorry + 5).unwrap();
        assert_eq!(&ZENDESK[range], "Sorry");
        let on_it = replies[1].text.find("We're on it").unwrap();
        let range = replies[1].origin.file_range(on_it..on_it + 11).unwrap();
        assert_eq!(&ZENDESK[range], "We&#39;re on it");
    }
}
