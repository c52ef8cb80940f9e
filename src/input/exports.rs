//! Help-desk exports, recognised by their content: Zendesk macros (the Macros API list, a bare array of
//! macros, or one `{"macro": …}`) and Freshdesk canned responses (one object, an array, or API pages
//! concatenated). Each reply is found with the line of the export file where its string starts.

use super::origin::{decode_json_string, ExportFile, MappedText, PieceKind, ReplyOrigin};
use super::reply_problem;
use crate::error::{Error, Result};
use crate::text::lines::LineIndex;
use rayon::prelude::*;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
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
    /// The kind of text the macro's own `reply_kind` field declares (`fragment`, `faq`, ...).
    pub reply_kind: Option<String>,
    /// The reply as plain text (HTML bodies turned into text).
    pub text: String,
    /// The 1-based line of the export file where the reply's string starts.
    pub line: usize,
    /// Where each piece of `text` is in the export file.
    pub origin: ReplyOrigin,
}

/// What an export holds: its kind, its replies, the replies that cannot be checked (each an error naming
/// its place), and what was skipped because it does not have the shape of a macro or a reply (warnings).
#[derive(Debug)]
pub struct ExportRead {
    pub kind: ExportKind,
    pub replies: Vec<MacroReply>,
    pub errors: Vec<Error>,
    pub warnings: Vec<Error>,
}

/// Whether a file's text looks like JSON at all (an export is then expected).
pub fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with(['{', '['])
}

/// Reads an export. Invalid JSON is an error naming the line and column; JSON that is neither kind of
/// export is an error too.
pub fn read(shown: &str, text: &str) -> Result<ExportRead> {
    // The file's copy and line index, which every reply shares, are made on another core while the
    // JSON is read.
    let (pages, file) = rayon::join(
        || read_pages(text),
        || {
            Arc::new(ExportFile {
                text: text.to_string(),
                lines: LineIndex::new(text),
            })
        },
    );
    let pages = pages.map_err(|e| invalid_json(shown, text, e))?;
    let mut found: Option<ExportKind> = None;
    let mut items = Vec::new();
    let mut warnings = Vec::new();
    for page in pages {
        let Some((kind, objects, skipped)) = recognise(page) else {
            return Err(Error::input(
                shown,
                "JSON that is neither a Zendesk macros export nor Freshdesk canned responses",
            ));
        };
        if skipped > 0 {
            warnings.push(Error::input(
                shown,
                format!(
                    "{skipped} element(s) of a list of {}s are not objects; skipped",
                    kind.name()
                ),
            ));
        }
        found = Some(kind);
        items.extend(objects.into_iter().map(|item| (kind, item)));
    }
    let kind = found.ok_or_else(|| Error::input(shown, "an empty JSON file"))?;
    let export = Export { shown, text, file };
    // Decoding the strings and turning HTML into text is most of the work, and each reply's is its own.
    let read: Vec<Found> = items
        .par_iter()
        .flat_map_iter(|(kind, item)| replies_of(*kind, item, &export))
        .collect();
    let mut replies = Vec::with_capacity(read.len());
    let mut errors = Vec::new();
    for found in read {
        match found {
            Found::Reply(reply) => replies.push(reply),
            Found::Error(e) => errors.push(e),
            Found::Warning(w) => warnings.push(w),
        }
    }
    Ok(ExportRead {
        kind,
        replies,
        errors,
        warnings,
    })
}

/// Reads the file's JSON values: one, or several concatenated (paginated API pages). Each borrows from
/// `text`.
fn read_pages(text: &str) -> serde_json::Result<Vec<Page<'_>>> {
    serde_json::Deserializer::from_str(text).into_iter::<Page>().collect()
}

/// The error for a file that could not be read as JSON, naming the line and column. serde_json words a
/// syntax error by what was being read at the time (an object read field by field says "trailing comma"
/// where a skipped one says "key must be a string"), so the message is the one of checking the whole file
/// as JSON, skipping every value. Only what that check lets through keeps the reading's own error: half
/// a surrogate pair in a field name, or where an object could be, a string with one or a number too large
/// for an `f64`.
fn invalid_json(shown: &str, text: &str, reading: serde_json::Error) -> Error {
    let checking = serde_json::Deserializer::from_str(text)
        .into_iter::<IgnoredAny>()
        .find_map(|value| value.err());
    Error::json(shown, "not valid JSON", &checking.unwrap_or(reading))
}

/// Where `part`, a slice of `text`, starts in it. serde_json hands out `&RawValue`s and strings that
/// borrow from the text it reads, so the offset is the distance between the two pointers.
fn offset_in(text: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    assert!(
        offset <= text.len() && part.len() <= text.len() - offset,
        "not a slice of the text"
    );
    offset
}

/// A JSON value read for the objects in it: an object, an array's elements, or anything else (skipped).
enum Shape<O, E> {
    Object(O),
    Array(Vec<E>),
    Other,
}

/// An element of an array: an object read as `T`. An array inside is skipped whole, however deep.
type Element<T> = Shape<T, IgnoredAny>;

/// A value that should be an array of `T` objects (or one `T`).
type Objects<T> = Shape<T, Element<T>>;

/// A page of an export: an object (a wrapper, or one macro or response), or an array of macros or
/// responses.
type Page<'a> = Shape<PageObject<'a>, Element<Item<'a>>>;

impl<O, E> Shape<O, E> {
    /// The object, if the value was one.
    fn into_object(self) -> Option<O> {
        match self {
            Shape::Object(object) => Some(object),
            _ => None,
        }
    }
}

/// The objects among an array's elements, and how many elements were something else.
fn objects<T>(elements: Vec<Element<T>>) -> (Vec<T>, usize) {
    let all = elements.len();
    let objects: Vec<T> = elements.into_iter().filter_map(Shape::into_object).collect();
    let skipped = all - objects.len();
    (objects, skipped)
}

impl<'de, O: Fields<'de>, E: Deserialize<'de>> Deserialize<'de> for Shape<O, E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ShapeVisitor(PhantomData))
    }
}

struct ShapeVisitor<O, E>(PhantomData<(O, E)>);

impl<'de, O: Fields<'de>, E: Deserialize<'de>> Visitor<'de> for ShapeVisitor<O, E> {
    type Value = Shape<O, E>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        read_object(map).map(Shape::Object)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut elements = Vec::new();
        while let Some(element) = seq.next_element()? {
            elements.push(element);
        }
        Ok(Shape::Array(elements))
    }

    fn visit_bool<Er>(self, _: bool) -> Result<Self::Value, Er> {
        Ok(Shape::Other)
    }

    fn visit_i64<Er>(self, _: i64) -> Result<Self::Value, Er> {
        Ok(Shape::Other)
    }

    fn visit_u64<Er>(self, _: u64) -> Result<Self::Value, Er> {
        Ok(Shape::Other)
    }

    fn visit_f64<Er>(self, _: f64) -> Result<Self::Value, Er> {
        Ok(Shape::Other)
    }

    fn visit_str<Er>(self, _: &str) -> Result<Self::Value, Er> {
        Ok(Shape::Other)
    }

    fn visit_unit<Er>(self) -> Result<Self::Value, Er> {
        Ok(Shape::Other)
    }
}

/// The names of the fields read; the others are skipped.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Key {
    Macros,
    Macro,
    Id,
    Title,
    Active,
    Actions,
    Content,
    ContentHtml,
    Field,
    Value,
    ReplyKind,
    #[serde(other)]
    Other,
}

/// An object read for some of its fields. As when looking a name up in the object, the first field of
/// a name counts and later ones are skipped.
trait Fields<'de>: Default {
    /// Reads the value of the field named `key` when this object keeps it; `false` leaves it unread.
    fn read_field<A: MapAccess<'de>>(&mut self, key: &Key, map: &mut A) -> Result<bool, A::Error>;
}

/// Reads an object's fields into a `T`, skipping the ones it does not keep.
fn read_object<'de, T: Fields<'de>, A: MapAccess<'de>>(mut map: A) -> Result<T, A::Error> {
    let mut object = T::default();
    while let Some(key) = map.next_key::<Key>()? {
        if !object.read_field(&key, &mut map)? {
            map.next_value::<IgnoredAny>()?;
        }
    }
    Ok(object)
}

/// Reads a field's value into `slot`, unless a field of the same name came first.
fn first<'de, T: Deserialize<'de>, A: MapAccess<'de>>(slot: &mut Option<T>, map: &mut A) -> Result<bool, A::Error> {
    if slot.is_some() {
        return Ok(false);
    }
    *slot = Some(map.next_value()?);
    Ok(true)
}

/// A page's object: the Macros API wrapper (`{"macros": [...]}`), `{"macro": {...}}`, or one macro or
/// response.
#[derive(Default)]
struct PageObject<'a> {
    macros: Option<Objects<Item<'a>>>,
    one_macro: Option<Objects<Item<'a>>>,
    item: Item<'a>,
}

impl<'de> Fields<'de> for PageObject<'de> {
    fn read_field<A: MapAccess<'de>>(&mut self, key: &Key, map: &mut A) -> Result<bool, A::Error> {
        match key {
            Key::Macros => first(&mut self.macros, map),
            Key::Macro => first(&mut self.one_macro, map),
            _ => self.item.read_field(key, map),
        }
    }
}

/// A Zendesk macro or a Freshdesk canned response. Values are kept as written, to be decoded later and
/// to know where they are in the file.
#[derive(Default)]
struct Item<'a> {
    id: Option<&'a RawValue>,
    title: Option<&'a RawValue>,
    active: Option<&'a RawValue>,
    actions: Option<Objects<Action<'a>>>,
    content: Option<&'a RawValue>,
    content_html: Option<&'a RawValue>,
    reply_kind: Option<&'a RawValue>,
}

impl<'de> Fields<'de> for Item<'de> {
    fn read_field<A: MapAccess<'de>>(&mut self, key: &Key, map: &mut A) -> Result<bool, A::Error> {
        match key {
            Key::Id => first(&mut self.id, map),
            Key::Title => first(&mut self.title, map),
            Key::Active => first(&mut self.active, map),
            Key::Actions => first(&mut self.actions, map),
            Key::Content => first(&mut self.content, map),
            Key::ContentHtml => first(&mut self.content_html, map),
            Key::ReplyKind => first(&mut self.reply_kind, map),
            _ => Ok(false),
        }
    }
}

impl Item<'_> {
    /// Which kind of export an object belongs to, if either.
    fn kind(&self) -> Option<ExportKind> {
        if self.actions.is_some() {
            Some(ExportKind::Zendesk)
        } else if self.content.is_some() || self.content_html.is_some() {
            Some(ExportKind::Freshdesk)
        } else {
            None
        }
    }
}

/// One action of a Zendesk macro: the ticket field it sets, and the value.
#[derive(Default)]
struct Action<'a> {
    field: Option<&'a RawValue>,
    value: Option<&'a RawValue>,
}

impl<'de> Fields<'de> for Action<'de> {
    fn read_field<A: MapAccess<'de>>(&mut self, key: &Key, map: &mut A) -> Result<bool, A::Error> {
        match key {
            Key::Field => first(&mut self.field, map),
            Key::Value => first(&mut self.value, map),
            _ => Ok(false),
        }
    }
}

/// Which kind of export a page is, its macro or response objects, and how many elements of its list
/// were not objects.
fn recognise(page: Page<'_>) -> Option<(ExportKind, Vec<Item<'_>>, usize)> {
    match page {
        Shape::Object(object) => {
            if let Some(Shape::Array(elements)) = object.macros {
                let (items, skipped) = objects(elements);
                return Some((ExportKind::Zendesk, items, skipped));
            }
            if let Some(Shape::Object(one)) = object.one_macro {
                return Some((ExportKind::Zendesk, vec![one], 0));
            }
            let kind = object.item.kind()?;
            Some((kind, vec![object.item], 0))
        }
        Shape::Array(elements) => {
            let empty = elements.is_empty();
            let (items, skipped) = objects(elements);
            // An empty array is an empty page of a paginated export.
            let kind = items
                .first()
                .and_then(Item::kind)
                .or_else(|| empty.then_some(ExportKind::Freshdesk))?;
            Some((kind, items, skipped))
        }
        Shape::Other => None,
    }
}

/// The export being read: its name, the text its values borrow from, and the copy its replies share.
struct Export<'a> {
    shown: &'a str,
    text: &'a str,
    file: Arc<ExportFile>,
}

impl Export<'_> {
    /// The 1-based line of the file where a value starts.
    fn line_of(&self, value: &RawValue) -> usize {
        self.file.lines.line_col(self.text, offset_in(self.text, value.get())).0
    }

    /// A warning about a macro or response that is not read (or not all of it), at a value's line.
    fn skipped(&self, kind: ExportKind, about: &About, at: Option<&RawValue>, why: String) -> Found {
        let place = match at {
            Some(value) => format!("{}:{}", self.shown, self.line_of(value)),
            None => self.shown.to_string(),
        };
        Found::Warning(Error::input(place, format!("{}: {why}", describe(kind, about))))
    }

    /// A string value decoded, mapped onto the file; `None` when the value is not a string.
    fn decode(&self, value: &RawValue) -> Option<MappedText> {
        decode_json_string(value.get(), offset_in(self.text, value.get()))
    }

    /// A reply's decoded string as the reply, HTML turned into text, with its origin; an error naming the
    /// macro and its line when the reply cannot be checked (over the size limit for one, a NUL in it).
    fn reply(&self, kind: ExportKind, about: &About, decoded: MappedText, html: bool) -> Found {
        let (text, html_map) = if html {
            let mapped = html_to_mapped(&decoded.text);
            (mapped.text, Some(mapped.map))
        } else {
            (decoded.text, None)
        };
        let origin = ReplyOrigin {
            file: Arc::clone(&self.file),
            json: decoded.map,
            html: html_map,
        };
        let line = origin.file_position(0).0;
        if let Some(problem) = reply_problem(&text) {
            let place = format!("{}:{line}", self.shown);
            return Found::Error(Error::input(place, format!("{}: {problem}", describe(kind, about))));
        }
        Found::Reply(MacroReply {
            kind,
            id: about.id.clone(),
            title: about.title.clone(),
            active: about.active,
            reply_kind: about.reply_kind.clone(),
            text,
            line,
            origin,
        })
    }
}

/// What reading a macro or response found: a reply, a reply that cannot be checked, or something skipped.
enum Found {
    Reply(MacroReply),
    Error(Error),
    Warning(Error),
}

/// A macro or response as errors name it: `Zendesk macro 360001 "Outage"`.
fn describe(kind: ExportKind, about: &About) -> String {
    let mut what = kind.name().to_string();
    if !about.id.is_empty() {
        what.push_str(&format!(" {}", about.id));
    }
    if !about.title.is_empty() {
        what.push_str(&format!(" \"{}\"", about.title));
    }
    what
}

/// What a JSON value is, as a warning words it.
fn value_kind(value: &RawValue) -> &'static str {
    match value.get().as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "a list",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "true or false",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// What every reply of a macro or response says about it.
struct About {
    id: String,
    title: String,
    active: bool,
    reply_kind: Option<String>,
}

impl About {
    fn of(item: &Item) -> About {
        About {
            id: item.id.map(id_text).unwrap_or_default(),
            title: item.title.and_then(string_value).unwrap_or_default().into_owned(),
            active: item.active.is_none_or(|active| active.get() != "false"),
            reply_kind: item.reply_kind.and_then(string_value).map(Cow::into_owned),
        }
    }
}

/// An id as written: a number as it is in the file (`360001`), a string decoded, anything else blank.
fn id_text(value: &RawValue) -> String {
    match value.get().as_bytes().first() {
        Some(b'-' | b'0'..=b'9') => value.get().to_string(),
        _ => string_value(value).unwrap_or_default().into_owned(),
    }
}

/// A string value decoded (borrowed when it has no escapes); `None` for anything but a string.
fn string_value(value: &RawValue) -> Option<Cow<'_, str>> {
    let literal = value.get();
    let body = literal.strip_prefix('"')?.strip_suffix('"')?;
    if body.contains('\\') {
        decode_json_string(literal, 0).map(|decoded| Cow::Owned(decoded.text))
    } else {
        Some(Cow::Borrowed(body))
    }
}

/// The string holding a Zendesk comment: the value itself, or in `["channel:all", "text"]` the last string.
fn comment_string(value: &RawValue) -> Option<&RawValue> {
    if !value.get().starts_with('[') {
        return Some(value);
    }
    let elements: Vec<&RawValue> = serde_json::from_str(value.get()).ok()?;
    elements.into_iter().rev().find(|e| e.get().starts_with('"'))
}

/// The replies of one macro or response, and what of it had to be skipped.
fn replies_of(kind: ExportKind, item: &Item, export: &Export) -> Vec<Found> {
    let about = About::of(item);
    let at = item.id.or(item.title);
    let mut out = Vec::new();
    match kind {
        ExportKind::Zendesk => {
            let actions = match &item.actions {
                Some(Shape::Array(elements)) => elements.as_slice(),
                Some(_) => {
                    out.push(export.skipped(kind, &about, at, "its actions are not a list; skipped".into()));
                    &[]
                }
                None => &[],
            };
            let not_objects = actions.iter().filter(|a| !matches!(a, Shape::Object(_))).count();
            if not_objects > 0 {
                let why = format!("{not_objects} of its actions are not objects; skipped");
                out.push(export.skipped(kind, &about, at, why));
            }
            for action in actions {
                let Shape::Object(action) = action else { continue };
                let (field, html) = match action.field.and_then(string_value).as_deref() {
                    Some("comment_value") => ("comment_value", false),
                    Some("comment_value_html") => ("comment_value_html", true),
                    _ => continue,
                };
                match action.value.and_then(comment_string).and_then(|s| export.decode(s)) {
                    Some(decoded) => out.push(export.reply(kind, &about, decoded, html)),
                    None => {
                        let value = action.value;
                        let what = value.map_or("missing", value_kind);
                        let why = format!("its {field} is {what}, not text; skipped");
                        out.push(export.skipped(kind, &about, value.or(at), why));
                    }
                }
            }
        }
        ExportKind::Freshdesk => {
            // `content_html` is what Freshdesk sends and what its API updates (`content` is derived from it),
            // so it is the one checked and fixed; plain `content` stands in when there is no HTML.
            let html = item
                .content_html
                .and_then(|s| export.decode(s))
                .filter(|decoded| !decoded.text.trim().is_empty());
            let reply = match html {
                Some(decoded) => Some(export.reply(kind, &about, decoded, true)),
                None => item
                    .content
                    .and_then(|s| export.decode(s))
                    .map(|decoded| export.reply(kind, &about, decoded, false)),
            };
            // A field that is there but not a string is named; `null` is as good as no field.
            for (name, value) in [("content_html", item.content_html), ("content", item.content)] {
                let Some(value) = value.filter(|v| !matches!(value_kind(v), "a string" | "null")) else {
                    continue;
                };
                let then = if reply.is_some() {
                    "the other field is checked"
                } else {
                    "skipped"
                };
                let why = format!("its {name} is {}, not text; {then}", value_kind(value));
                out.push(export.skipped(kind, &about, Some(value), why));
            }
            if item.content.is_none() && item.content_html.is_none() {
                let why = "it has no content or content_html; skipped".to_string();
                out.push(export.skipped(kind, &about, at, why));
            }
            out.extend(reply);
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
    use crate::input::MAX_DRAFT_BYTES;

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
        let ExportRead { kind, replies, .. } = read("m.json", ZENDESK).unwrap();
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
        let ExportRead { kind, replies, .. } = read("f.json", text).unwrap();
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
    fn syntax_errors_are_worded_as_a_check_of_the_whole_file_words_them() {
        let text = r#"{"macros": [{"actions": [{"field": "comment_value", "value": "Hi"},]}]}"#;
        // Read field by field, the comma is a trailing one; the error is what a check of the JSON finds.
        let reading = read_pages(text).err().unwrap();
        assert!(reading.to_string().starts_with("trailing comma"), "{reading}");
        let err = read("m.json", text).unwrap_err();
        assert_eq!(err.to_string(), "m.json:1:68: not valid JSON: expected value");
        // The whole file is checked before any page is recognised.
        let err = read("m.json", "{\"users\": []}\n[{\"content\": \"x\",}]").unwrap_err();
        assert_eq!(err.to_string(), "m.json:2:18: not valid JSON: key must be a string");
        let err = read("m.json", "[{\"content\": \"Hi").unwrap_err();
        assert_eq!(
            err.to_string(),
            "m.json:1:16: not valid JSON: EOF while parsing a string"
        );
    }

    #[test]
    fn empty_files_and_pages() {
        for text in ["", " \n "] {
            let err = read("e.json", text).unwrap_err();
            assert_eq!(err.to_string(), "e.json: an empty JSON file");
        }
        let read_empty = read("e.json", "[]").unwrap();
        assert_eq!((read_empty.kind, read_empty.replies.len()), (ExportKind::Freshdesk, 0));
        let ExportRead { kind, replies, .. } = read("e.json", "[]\n{\"macros\": [{\"actions\": []}]}\n[]").unwrap();
        assert_eq!((kind, replies.len()), (ExportKind::Freshdesk, 0));
    }

    #[test]
    fn a_reply_over_the_limit_for_one_is_an_error_naming_its_macro_and_line() {
        let big = "a".repeat(MAX_DRAFT_BYTES + 1);
        let text = format!(
            "{{\"macros\": [\n{{\"id\": 1, \"title\": \"Small\", \"actions\": [{{\"field\": \"comment_value\", \"value\": \"Hi.\"}}]}},\n{{\"id\": 2, \"title\": \"Big\", \"actions\": [{{\"field\": \"comment_value_html\", \"value\": \"<p>{big}</p>\"}}]}}\n]}}"
        );
        let read = read("m.json", &text).unwrap();
        assert_eq!(read.replies.len(), 1);
        let shown: Vec<String> = read.errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [format!(
                "m.json:3: Zendesk macro 2 \"Big\": the reply is {} bytes, more than the {} KiB limit for one reply",
                big.len(),
                MAX_DRAFT_BYTES / 1024
            )]
        );
    }

    #[test]
    fn macros_and_responses_of_the_wrong_shape_are_named_in_warnings() {
        let shown = |warnings: &[Error]| warnings.iter().map(ToString::to_string).collect::<Vec<_>>();
        let read_one = |text: &str| read("m.json", text).unwrap();
        let export = read_one(r#"{"macros": [1, 2, "three"]}"#);
        assert!(export.replies.is_empty());
        assert_eq!(
            shown(&export.warnings),
            ["m.json: 3 element(s) of a list of Zendesk macros are not objects; skipped"]
        );
        let text = r#"{"macros": [
  {"id": 1, "title": "Fine", "actions": [{"field": "comment_value", "value": "Hi."}]},
  {"id": 2, "title": "Object",
   "actions": [7, {"field": "comment_value", "value": {"text": "Hi"}}]},
  {"id": 3, "actions": "comment_value"},
  {"id": 4, "title": "Fields only", "actions": [{"field": "status", "value": "solved"}]}
]}"#;
        let export = read_one(text);
        assert_eq!(export.replies.len(), 1);
        assert_eq!(
            shown(&export.warnings),
            [
                "m.json:3: Zendesk macro 2 \"Object\": 1 of its actions are not objects; skipped",
                "m.json:4: Zendesk macro 2 \"Object\": its comment_value is an object, not text; skipped",
                "m.json:5: Zendesk macro 3: its actions are not a list; skipped",
            ]
        );
        let text = r#"[
  {"id": 1, "content": 7},
  {"id": 2, "content_html": ["x"], "content": "Plain"},
  {"id": 3, "title": "Empty"},
  {"id": 4, "content_html": null, "content": "Fine"}
]"#;
        let export = read_one(text);
        assert_eq!(export.replies.len(), 2);
        assert_eq!(
            shown(&export.warnings),
            [
                "m.json:2: Freshdesk canned response 1: its content is a number, not text; skipped",
                "m.json:3: Freshdesk canned response 2: its content_html is a list, not text; the other field is checked",
                "m.json:4: Freshdesk canned response 3 \"Empty\": it has no content or content_html; skipped",
            ]
        );
    }

    #[test]
    fn a_single_macro_with_a_string_id_escaped_names_and_repeated_fields() {
        let text = r#"{"macro": {
  "id": "abc-1", "id": 2,
  "title": "Caf\u00e9 \"hours\"",
  "act\u0069ons": [
    7, ["nested", {"field": "comment_value", "value": "Skipped"}],
    {"field": "comment_value", "value": ["channel:all", "Hi there,\nsorry.", 3, null]},
    {"fi\u0065ld": "comment_value_html", "value": "<p>A&amp;B</p>", "value": "Second"},
    {"field": "comment_value", "value": {"text": "not a string"}},
    {"field": "set_tags", "value": "outage"}
  ],
  "actions": "a second list is not read",
  "active": null
}}"#;
        let ExportRead { kind, replies, .. } = read("m.json", text).unwrap();
        assert_eq!(kind, ExportKind::Zendesk);
        let seen: Vec<(&str, &str, bool, &str, usize)> = replies
            .iter()
            .map(|r| (r.id.as_str(), r.title.as_str(), r.active, r.text.as_str(), r.line))
            .collect();
        assert_eq!(
            seen,
            [
                ("abc-1", "Café \"hours\"", true, "Hi there,\nsorry.", 6),
                ("abc-1", "Café \"hours\"", true, "A&B", 7),
            ]
        );
        let sorry = replies[0].text.find("sorry").unwrap();
        assert_eq!(&text[replies[0].origin.file_range(sorry..sorry + 5).unwrap()], "sorry");
    }

    #[test]
    fn numbers_are_kept_as_written_and_only_false_is_inactive() {
        let text =
            r#"[{"id": -1.50e3, "active": false, "content": "A"}, {"id": true, "active": "false", "content": "B"}]"#;
        let ExportRead { replies, .. } = read("f.json", text).unwrap();
        let seen: Vec<(&str, bool)> = replies.iter().map(|r| (r.id.as_str(), r.active)).collect();
        assert_eq!(seen, [("-1.50e3", false), ("", true)]);
    }

    #[test]
    fn freshdesk_html_unless_it_is_blank_or_not_a_string() {
        let text = r#"[
  "not an object", [{"content": "in a nested array"}],
  {"content_html": " \n ", "content": "Plain one"},
  {"content_html": 5, "content": "Plain two"},
  {"content_html": "<b>Bold</b>", "content": "Bold"},
  {"content": 7},
  {"title": "neither field"}
]"#;
        let ExportRead { kind, replies, .. } = read("f.json", text).unwrap();
        assert_eq!(kind, ExportKind::Freshdesk);
        let texts: Vec<(&str, bool)> = replies
            .iter()
            .map(|r| (r.text.as_str(), r.origin.html.is_some()))
            .collect();
        assert_eq!(texts, [("Plain one", false), ("Plain two", false), ("Bold", true)]);
    }

    #[test]
    fn a_number_beyond_f64_where_an_object_could_be_is_named() {
        let err = read("f.json", r#"[{"content": "x"}, 1e400]"#).unwrap_err();
        assert_eq!(err.to_string(), "f.json:1:24: not valid JSON: number out of range");
        // Elsewhere it is skipped unread.
        assert!(read("f.json", r#"{"content": "x", "size": 1e400}"#).is_ok());
    }

    #[test]
    fn offsets_of_slices_of_the_text() {
        let text = "{\"a\": \"b\"}";
        assert_eq!(offset_in(text, &text[6..9]), 6);
        assert_eq!(offset_in(text, &text[text.len()..]), text.len());
    }

    #[test]
    #[should_panic(expected = "not a slice of the text")]
    fn offsets_are_only_of_slices_of_the_text() {
        let elsewhere = String::from("b");
        offset_in("{\"a\": \"b\"}", &elsewhere);
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
        let ExportRead { replies, .. } = read("m.json", ZENDESK).unwrap();
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
