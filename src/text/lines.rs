//! Byte offsets to 1-based line and column (column counted in characters).

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and column of a byte offset. A leading byte-order mark is not counted as a column.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let prefix = text.get(start..offset).unwrap_or("");
        let prefix = prefix.strip_prefix('\u{FEFF}').unwrap_or(prefix);
        (line + 1, prefix.chars().count() + 1)
    }

    /// The text of the 1-based line, without its line break.
    pub fn line_text<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map_or(text.len(), |&next| next - 1);
        let s = &text[start..end];
        let s = s.strip_suffix('\r').unwrap_or(s);
        s.strip_prefix('\u{FEFF}').unwrap_or(s)
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
    }
}
