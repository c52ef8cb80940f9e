//! Grapheme clusters (UAX #29, extended), found quickly in the text replies are mostly made of.
//!
//! An ASCII character (other than `\r`) or a precomposed Hangul syllable is a cluster of its own when the
//! characters on both sides are such characters too: no rule of UAX #29 joins two of them. Those are
//! passed through one by one; only the runs around anything else (combining marks, jamo, emoji, `\r\n`)
//! go through full segmentation. Every run boundary is a cluster boundary, so the clusters are the ones
//! `grapheme_indices(true)` finds over the whole text.

use super::korean::is_syllable;
use unicode_segmentation::{GraphemeIndices, UnicodeSegmentation};

/// The text's grapheme clusters with their byte offsets, as `text.grapheme_indices(true)` gives them.
pub fn grapheme_indices(text: &str) -> Graphemes<'_> {
    Graphemes { text, at: 0, run: None }
}

pub struct Graphemes<'a> {
    text: &'a str,
    /// Where the next cluster starts, outside a run.
    at: usize,
    /// A run being segmented in full, with its offset in the text.
    run: Option<(usize, GraphemeIndices<'a>)>,
}

/// A character that never joins another such character into one cluster.
fn is_simple(c: char) -> bool {
    (c.is_ascii() && c != '\r') || is_syllable(c)
}

impl<'a> Iterator for Graphemes<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some((base, run)) = &mut self.run {
            if let Some((offset, cluster)) = run.next() {
                return Some((*base + offset, cluster));
            }
            self.run = None;
        }
        let rest = &self.text[self.at..];
        let mut chars = rest.chars();
        let c = chars.next()?;
        // `at` is always just after a simple character or at the start of the text.
        if is_simple(c) && chars.next().is_none_or(is_simple) {
            let start = self.at;
            self.at += c.len_utf8();
            return Some((start, &rest[..c.len_utf8()]));
        }
        let end = self.at + run_len(rest);
        let run = &self.text[self.at..end];
        self.run = Some((self.at, run.grapheme_indices(true)));
        self.at = end;
        self.next()
    }
}

/// The length of the run at the start of `text` that needs full segmentation: up to the first simple
/// character that has a simple character before it and a simple character (or the end) after it.
fn run_len(text: &str) -> usize {
    let mut chars = text.char_indices().peekable();
    let mut prev_simple = false;
    while let Some((i, c)) = chars.next() {
        let simple = is_simple(c);
        if i > 0 && simple && prev_simple && chars.peek().is_none_or(|&(_, next)| is_simple(next)) {
            return i;
        }
        prev_simple = simple;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_full_segmentation(text: &str) {
        let fast: Vec<(usize, &str)> = grapheme_indices(text).collect();
        let full: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
        assert_eq!(fast, full, "{text:?}");
    }

    #[test]
    fn clusters_match_full_segmentation() {
        for text in [
            "",
            "Hi Dana, 고객님 안녕하세요.",
            "e\u{301}x",
            "a\r\nb\r\n",
            "\r\n",
            "가\u{11A8}나",
            "\u{1100}가나",
            "\u{0600}a bc",
            "👍🏽 ok 🇰🇷!",
            "1\u{FE0F}\u{20E3} go",
            "x\u{200D}y",
            "ab\u{301}",
        ] {
            same_as_full_segmentation(text);
        }
    }

    #[test]
    fn clusters_match_full_segmentation_on_mixed_strings() {
        // Strings drawn from characters that join in every way UAX #29 knows of, with simple ones between.
        const ALPHABET: [&str; 16] = [
            "a",
            " ",
            "\r",
            "\n",
            "가",
            "\u{1100}",
            "\u{1161}",
            "\u{11A8}",
            "\u{301}",
            "\u{200D}",
            "👍",
            "\u{1F3FD}",
            "🇰",
            "\u{0600}",
            "\u{FE0F}",
            "é",
        ];
        let mut state: u32 = 0x2545_F491;
        for _ in 0..5_000 {
            let mut text = String::new();
            for _ in 0..12 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                text.push_str(ALPHABET[state as usize % ALPHABET.len()]);
            }
            same_as_full_segmentation(&text);
        }
    }
}
