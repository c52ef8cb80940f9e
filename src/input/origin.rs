//! Where a reply's text came from in its file. A help-desk export holds a reply as a JSON string, maybe of
//! HTML; the text linted is that string decoded (and the HTML turned into text). An `OffsetMap` takes an
//! offset or range of the decoded text back to the bytes it was decoded from, so a finding can name its
//! line in the export and a fix can patch the string in place.

use crate::text::lines::LineIndex;
use std::ops::Range;
use std::sync::Arc;

/// How a run of decoded text relates to the bytes it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// The same bytes: offsets map one to one.
    Verbatim,
    /// Content written another way (`\n` in JSON, `&amp;` in HTML): maps only as a whole.
    Decoded,
    /// Text made from markup (a line break for `<p>`): no edit may touch it.
    Markup,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: Range<usize>,
    pub source: Range<usize>,
    pub kind: PieceKind,
}

/// Decoded text offsets to source offsets: pieces in text order, covering the text without gaps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

/// Decoded text with its map, built piece by piece.
#[derive(Debug, Clone, Default)]
pub struct MappedText {
    pub text: String,
    pub map: OffsetMap,
}

impl MappedText {
    /// Appends text decoded from `source`. Adjacent verbatim runs merge, and so do the characters of one
    /// decoded piece.
    pub fn push(&mut self, text: &str, source: Range<usize>, kind: PieceKind) {
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        let end = self.text.len();
        if let Some(last) = self.map.pieces.last_mut() {
            let joins_verbatim = kind == PieceKind::Verbatim && last.kind == kind && last.source.end == source.start;
            let same_piece = kind != PieceKind::Verbatim && last.kind == kind && last.source == source;
            if joins_verbatim || same_piece {
                last.text.end = end;
                last.source.end = source.end;
                return;
            }
        }
        self.map.pieces.push(Piece {
            text: start..end,
            source,
            kind,
        });
    }

    /// Appends another mapped text.
    pub fn append(&mut self, other: &MappedText) {
        for piece in &other.map.pieces {
            self.push(&other.text[piece.text.clone()], piece.source.clone(), piece.kind);
        }
    }

    /// Appends one character of `from` (at `offset` in its text), keeping where it came from.
    pub fn push_char_of(&mut self, from: &MappedText, offset: usize, c: char) {
        let piece = from.map.piece_at(offset).expect("the offset is in the text");
        let source = match piece.kind {
            PieceKind::Verbatim => {
                let at = piece.source.start + (offset - piece.text.start);
                at..at + c.len_utf8()
            }
            _ => piece.source.clone(),
        };
        self.push(c.encode_utf8(&mut [0; 4]), source, piece.kind);
    }
}

impl OffsetMap {
    fn piece_at(&self, offset: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.text.end <= offset);
        self.pieces.get(i).filter(|p| p.text.start <= offset)
    }

    /// Where a text offset came from: exact inside verbatim text, the start of its piece otherwise.
    pub fn source_offset(&self, offset: usize) -> usize {
        match self.piece_at(offset) {
            Some(p) if p.kind == PieceKind::Verbatim => p.source.start + (offset - p.text.start),
            Some(p) => p.source.start,
            None => self.pieces.last().map_or(0, |p| p.source.end),
        }
    }

    /// The source bytes a text range was decoded from, when replacing them replaces exactly that text:
    /// the range touches no markup, cuts no decoded piece in two, and its pieces are contiguous.
    pub fn source_range(&self, range: Range<usize>) -> Option<Range<usize>> {
        if range.is_empty() {
            let at = self.source_offset(range.start);
            return Some(at..at);
        }
        let first = self.pieces.partition_point(|p| p.text.end <= range.start);
        let mut covered: Option<Range<usize>> = None;
        for piece in self.pieces[first..].iter().take_while(|p| p.text.start < range.end) {
            let whole = piece.text.start >= range.start && piece.text.end <= range.end;
            let part = match piece.kind {
                PieceKind::Markup => return None,
                PieceKind::Decoded if !whole => return None,
                PieceKind::Decoded => piece.source.clone(),
                PieceKind::Verbatim => {
                    let from = range.start.max(piece.text.start) - piece.text.start;
                    let to = range.end.min(piece.text.end) - piece.text.start;
                    piece.source.start + from..piece.source.start + to
                }
            };
            covered = match covered {
                None => Some(part),
                Some(so_far) if so_far.end == part.start => Some(so_far.start..part.end),
                Some(_) => return None,
            };
        }
        covered
    }
}

/// A JSON string literal decoded with its map. `literal` starts at the opening quote; offsets in the map
/// are `base` plus offsets in `literal`. Returns `None` for anything that is not a well-formed string.
pub fn decode_json_string(literal: &str, base: usize) -> Option<MappedText> {
    let body = literal.strip_prefix('"')?;
    let mut out = MappedText::default();
    let mut chars = body.char_indices();
    // Offsets in `body` are one past the quote.
    let at = |i: usize| base + 1 + i;
    let mut run_start = 0;
    while let Some((i, c)) = chars.next() {
        if c != '"' && c != '\\' {
            continue;
        }
        out.push(&body[run_start..i], at(run_start)..at(i), PieceKind::Verbatim);
        if c == '"' {
            return Some(out);
        }
        let (_, kind) = chars.next()?;
        let (decoded, end) = match kind {
            '"' => ('"', i + 2),
            '\\' => ('\\', i + 2),
            '/' => ('/', i + 2),
            'b' => ('\u{8}', i + 2),
            'f' => ('\u{c}', i + 2),
            'n' => ('\n', i + 2),
            'r' => ('\r', i + 2),
            't' => ('\t', i + 2),
            'u' => unicode_escape(body, i)?,
            _ => return None,
        };
        out.push(decoded.encode_utf8(&mut [0; 4]), at(i)..at(end), PieceKind::Decoded);
        // Skip what the escape consumed beyond its first two characters.
        while chars.clone().next().is_some_and(|(j, _)| j < end) {
            chars.next();
        }
        run_start = end;
    }
    None
}

/// The character of the `\u` escape at `i` in a string's body, and where the escape ends. A character
/// beyond U+FFFF is written as two escapes, a surrogate pair; half a pair on its own reads as U+FFFD.
fn unicode_escape(body: &str, i: usize) -> Option<(char, usize)> {
    let unit = |from: usize| u16::from_str_radix(body.get(from..from + 4)?, 16).ok();
    let high = unit(i + 2)?;
    let low = match body.get(i + 6..i + 8) {
        Some("\\u") if (0xD800..0xDC00).contains(&high) => unit(i + 8).filter(|low| (0xDC00..0xE000).contains(low)),
        _ => None,
    };
    match low {
        Some(low) => {
            let code = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
            Some((char::from_u32(code)?, i + 12))
        }
        None => Some((char::from_u32(u32::from(high)).unwrap_or('\u{FFFD}'), i + 6)),
    }
}

/// Text as a JSON string's contents: what a fix writes into an export.
pub fn escape_json(text: &str) -> String {
    let quoted = serde_json::to_string(text).expect("a string always serialises");
    quoted[1..quoted.len() - 1].to_string()
}

/// Text as HTML character data.
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// An export file, shared by all of its replies.
#[derive(Debug, PartialEq, Eq)]
pub struct ExportFile {
    pub text: String,
    pub lines: LineIndex,
}

/// Where one reply of an export came from: its JSON string, and the HTML inside it when it is HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyOrigin {
    pub file: Arc<ExportFile>,
    /// The string's decoded value to file offsets.
    pub json: OffsetMap,
    /// The reply text to offsets in the decoded HTML, for HTML bodies.
    pub html: Option<OffsetMap>,
}

impl ReplyOrigin {
    /// The file offset a reply-text offset came from.
    pub fn file_offset(&self, offset: usize) -> usize {
        let offset = self.html.as_ref().map_or(offset, |m| m.source_offset(offset));
        self.json.source_offset(offset)
    }

    /// The 1-based line and column in the export file of a reply-text offset.
    pub fn file_position(&self, offset: usize) -> (usize, usize) {
        self.file.lines.line_col(&self.file.text, self.file_offset(offset))
    }

    /// The file bytes to replace to replace a range of the reply text, when that can be done in place.
    pub fn file_range(&self, range: Range<usize>) -> Option<Range<usize>> {
        let range = match &self.html {
            Some(map) => map.source_range(range)?,
            None => range,
        };
        self.json.source_range(range)
    }

    /// A replacement as it is written into the file.
    pub fn encode(&self, replacement: &str) -> String {
        match self.html {
            Some(_) => escape_json(&escape_html(replacement)),
            None => escape_json(replacement),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_decode_with_their_offsets() {
        let file = r#"{"v": "Hi \"Dana\",\nsorry\u00e9 😀 \ud83d\ude00"}"#;
        let start = file.find("\"Hi").unwrap();
        let decoded = decode_json_string(&file[start..], start).unwrap();
        assert_eq!(decoded.text, "Hi \"Dana\",\nsorryé 😀 😀");
        // "sorry" maps byte for byte onto the file.
        let sorry = decoded.text.find("sorry").unwrap();
        let range = decoded.map.source_range(sorry..sorry + 5).unwrap();
        assert_eq!(&file[range], "sorry");
        // A range covering an escape maps onto the whole escape.
        let range = decoded.map.source_range(3..9).unwrap();
        assert_eq!(&file[range], "\\\"Dana\\\"");
        let last = decoded.text.rfind('😀').unwrap();
        assert_eq!(
            &file[decoded.map.source_range(last..last + 4).unwrap()],
            "\\ud83d\\ude00"
        );
    }

    #[test]
    fn half_a_surrogate_pair_reads_as_a_replacement_character() {
        let file = r#""a\ud83d\u0041 \ude00 \ud83d""#;
        let decoded = decode_json_string(file, 0).unwrap();
        assert_eq!(decoded.text, "a\u{FFFD}A \u{FFFD} \u{FFFD}");
        let a = decoded.text.find('A').unwrap();
        assert_eq!(&file[decoded.map.source_range(a..a + 1).unwrap()], "\\u0041");
    }

    #[test]
    fn malformed_strings_are_refused() {
        assert!(decode_json_string(r#""open"#, 0).is_none());
        assert!(decode_json_string(r#""bad \q""#, 0).is_none());
    }

    #[test]
    fn ranges_over_markup_or_half_an_escape_have_no_source() {
        let mut text = MappedText::default();
        text.push("a", 0..1, PieceKind::Verbatim);
        text.push("&", 1..6, PieceKind::Decoded);
        text.push("\n", 6..10, PieceKind::Markup);
        text.push("b", 10..11, PieceKind::Verbatim);
        assert_eq!(text.map.source_range(0..2), Some(0..6));
        assert_eq!(text.map.source_range(0..4), None);
        assert_eq!(text.map.source_offset(3), 10);
    }

    #[test]
    fn escapes_for_json_and_html() {
        assert_eq!(escape_json("a \"b\"\nc"), "a \\\"b\\\"\\nc");
        assert_eq!(escape_html("R&D <3"), "R&amp;D &lt;3");
    }
}
