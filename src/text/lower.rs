//! Offsets in a lower-cased copy of a text. Lower-casing can change a character's length in bytes
//! ("İ" becomes three bytes), so a range of the text is found in its lower-cased copy by walking it.

use std::ops::Range;

/// The ranges of `text` (sorted, not overlapping) as ranges of `text.to_lowercase()`.
pub fn ranges_in_lower_case(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    if text.is_ascii() {
        return ranges.collect();
    }
    // Byte offsets of `text` in ascending order, each with its offset in the lower-cased copy.
    let mut chars = text.char_indices().peekable();
    let mut lowered = 0;
    let mut lower_offset = |offset: usize| {
        while let Some((at, c)) = chars.next_if(|&(at, _)| at < offset) {
            debug_assert!(at < offset);
            lowered += c.to_lowercase().map(char::len_utf8).sum::<usize>();
        }
        lowered
    };
    ranges
        .map(|range| {
            let start = lower_offset(range.start);
            start..lower_offset(range.end)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_follow_characters_that_change_length() {
        let text = "İstanbul. Kelvin: \u{212A}. 고객님 OK.";
        let lower = text.to_lowercase();
        let sentences = [0..10, 11..22, 23..text.len()];
        let found = ranges_in_lower_case(text, sentences.iter().cloned());
        for (range, lowered) in sentences.iter().zip(&found) {
            assert_eq!(text[range.clone()].to_lowercase(), lower[lowered.clone()]);
        }
        let plain = vec![0..5, 6..11];
        assert_eq!(ranges_in_lower_case("Plain text.", plain.iter().cloned()), plain);
    }
}
