//! Byte offsets to 1-based line and column (column counted in characters).

/// Every this many bytes the index records how many characters come before, so that a column on a long
/// line (a one-line export, a draft without line breaks) is counted from the nearest mark, not from the
/// start of its line.
const MARK_EVERY: usize = 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// The number of characters before byte `i * MARK_EVERY`, for each `i`.
    marks: Vec<usize>,
}

/// The characters in some bytes of UTF-8 text: the bytes that do not continue a character. The bytes need
/// not start or end on a character boundary: counting from a mark only adds the characters that start
/// between it and the offset.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut marks = Vec::with_capacity(text.len() / MARK_EVERY + 1);
        let mut before = 0;
        for block in text.as_bytes().chunks(MARK_EVERY) {
            marks.push(before);
            before += chars_in(block);
        }
        LineIndex { starts, marks }
    }

    /// The characters before a byte offset in the text.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let mark = offset / MARK_EVERY;
        match self.marks.get(mark) {
            Some(&before) => before + chars_in(&text.as_bytes()[mark * MARK_EVERY..offset]),
            None => chars_in(&text.as_bytes()[..offset]),
        }
    }

    /// 1-based line and column of a byte offset. A leading byte-order mark is not counted as a column.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let mut start = self.starts[line];
        if text[start..offset].starts_with('\u{FEFF}') {
            start += '\u{FEFF}'.len_utf8();
        }
        let column = if offset - start < 2 * MARK_EVERY {
            chars_in(&text.as_bytes()[start..offset])
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start)
        };
        (line + 1, column + 1)
    }

    /// The byte range of the 1-based line's text, without its line break (nor, on the first line, a
    /// byte-order mark).
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let mut start = self.starts[line - 1];
        let mut end = self.starts.get(line).map_or(text.len(), |&next| next - 1);
        if text[start..end].ends_with('\r') {
            end -= 1;
        }
        if text[start..end].starts_with('\u{FEFF}') {
            start += '\u{FEFF}'.len_utf8();
        }
        start..end
    }

    /// The text of the 1-based line, without its line break.
    pub fn line_text<'a>(&self, text: &'a str, line: usize) -> &'a str {
        &text[self.line_range(text, line)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "안녕하세요\n고객님, 죄송합니다";
        let index = LineIndex::new(text);
        let offset = text.find("죄송").unwrap();
        assert_eq!(index.line_col(text, offset), (2, 6));
        assert_eq!(index.line_text(text, 2), "고객님, 죄송합니다");
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{FEFF}Hi";
        assert_eq!(LineIndex::new(text).line_col(text, 3), (1, 1));
        assert_eq!(LineIndex::new(text).line_col(text, 4), (1, 2));
    }

    #[test]
    fn columns_on_long_lines_agree_with_counting_from_the_line_start() {
        // Marks fall inside Hangul syllables and on both sides of line breaks.
        let text = format!("\u{FEFF}{}\n{}\r\nend", "가a나".repeat(3000), "b다".repeat(2000));
        let index = LineIndex::new(&text);
        for (offset, _) in text.char_indices().step_by(7) {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let prefix = &text[line_start..offset];
            let prefix = prefix.strip_prefix('\u{FEFF}').unwrap_or(prefix);
            let line = text[..offset].matches('\n').count() + 1;
            assert_eq!(
                index.line_col(&text, offset),
                (line, prefix.chars().count() + 1),
                "offset {offset}"
            );
        }
        assert_eq!(index.line_text(&text, 2), "b다".repeat(2000));
        assert_eq!(index.line_text(&text, 3), "end");
    }
}
