//! Byte offsets of a document's text to LSP positions and back. A position is a 0-based line and a column
//! counted in the code units the client and server agreed on at start-up: UTF-16 units by default (a
//! Hangul syllable is one unit, an emoji two), or UTF-8 bytes when the client offers them (a Hangul
//! syllable is then three).

use lsp_types::{Position, PositionEncodingKind, Range};

/// The column unit agreed on with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client lists it (no counting needed on our side), else UTF-16, which every client
    /// must support.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// Where each line of a text starts, to convert offsets in it. Lines end at `\n` (a `\r` before it is
/// the end of its line's text, as LSP counts it).
pub struct LineMap<'a> {
    text: &'a str,
    starts: Vec<usize>,
    encoding: Encoding,
}

impl<'a> LineMap<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineMap { text, starts, encoding }
    }

    /// The position of a byte offset. An offset inside a character (or past the end) counts as the start
    /// of that character (or the end of the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = self.text[start..offset]
            .chars()
            .map(|c| self.encoding.units(c))
            .sum::<usize>();
        Position::new(to_u32(line), to_u32(character))
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn range(&self, bytes: std::ops::Range<usize>) -> Range {
        Range::new(self.position(bytes.start), self.position(bytes.end))
    }

    /// The byte offset of a position. A line past the end is the end of the text; a column past the end
    /// of its line is the end of the line, and one inside a character is the start of that character.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let line = self.line_text(position.line as usize);
        let mut units = 0;
        for (i, c) in line.char_indices() {
            units += self.encoding.units(c);
            if units > position.character as usize {
                return start + i;
            }
        }
        start + line.len()
    }

    /// The bytes of a 1-based line, without its line break.
    pub fn line_bytes(&self, line: usize) -> std::ops::Range<usize> {
        let index = line.saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[index];
        start..start + self.line_text(index).len()
    }

    /// The text of a 0-based line without its line break (`\n` or `\r\n`).
    fn line_text(&self, index: usize) -> &'a str {
        let start = self.starts[index];
        let end = self.starts.get(index + 1).map_or(self.text.len(), |&next| next - 1);
        let line = &self.text[start..end];
        line.strip_suffix('\r').unwrap_or(line)
    }
}

/// The start of the character an offset falls in.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// LSP numbers are 32-bit; a draft is at most a few megabytes.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "안녕하세요.\r\nHi 😀 귀하께서\nend";

    #[test]
    fn hangul_is_one_utf16_unit_and_three_bytes() {
        let at = TEXT.find("귀하께서").unwrap();
        let utf16 = LineMap::new(TEXT, Encoding::Utf16);
        // "Hi " is 3 units, the emoji 2, the space 1.
        assert_eq!(utf16.position(at), Position::new(1, 6));
        assert_eq!(utf16.offset(Position::new(1, 6)), at);
        let utf8 = LineMap::new(TEXT, Encoding::Utf8);
        assert_eq!(utf8.position(at), Position::new(1, 8));
        assert_eq!(utf8.offset(Position::new(1, 8)), at);
        // The end of "안녕하세요." on the first line.
        assert_eq!(utf16.position(TEXT.find('\r').unwrap()), Position::new(0, 6));
        assert_eq!(utf8.position(TEXT.find('\r').unwrap()), Position::new(0, 16));
    }

    #[test]
    fn positions_out_of_reach_are_clamped() {
        let map = LineMap::new(TEXT, Encoding::Utf16);
        assert_eq!(map.offset(Position::new(0, 99)), TEXT.find('\r').unwrap());
        assert_eq!(map.offset(Position::new(9, 0)), TEXT.len());
        // Half of the emoji is the emoji's start.
        let emoji = TEXT.find('😀').unwrap();
        assert_eq!(map.offset(Position::new(1, 4)), emoji);
        assert_eq!(map.position(emoji + 1), map.position(emoji));
        assert_eq!(map.position(TEXT.len() + 5), Position::new(2, 3));
    }

    #[test]
    fn negotiation_prefers_utf8_when_offered() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }

    #[test]
    fn lines_by_number() {
        let map = LineMap::new(TEXT, Encoding::Utf8);
        assert_eq!(&TEXT[map.line_bytes(2)], "Hi 😀 귀하께서");
        assert_eq!(&TEXT[map.line_bytes(1)], "안녕하세요.");
    }
}
