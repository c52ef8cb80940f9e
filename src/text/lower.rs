//! Offsets in a lower-cased copy of a text. Lower-casing can change a character's length in bytes
//! ("İ" becomes three bytes), so unless the text holds only characters that keep their place, a range
//! of the text is found in its lower-cased copy by walking it.

use std::ops::Range;

/// A text in lower case, with ranges of the text (sorted, not overlapping) found in it.
#[derive(Debug, Clone)]
pub struct LowerCase {
    pub text: String,
    pub ranges: Vec<Range<usize>>,
}

impl LowerCase {
    pub fn new(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> Self {
        // Replies are mostly ASCII and Hangul: lower-casing them changes ASCII letters alone, in place.
        if text.chars().all(keeps_its_place_when_lowered) {
            return LowerCase {
                text: text.to_ascii_lowercase(),
                ranges: ranges.collect(),
            };
        }
        LowerCase {
            text: text.to_lowercase(),
            ranges: ranges_in_lower_case(text, ranges),
        }
    }
}

/// ASCII, and scripts and symbols without case: Hangul, CJK punctuation and ideographs, general
/// punctuation, private use (placeholder masks) and emoji. Lower-casing leaves each of these where it is.
fn keeps_its_place_when_lowered(c: char) -> bool {
    c.is_ascii()
        || matches!(c,
            '\u{1100}'..='\u{11FF}'
            | '\u{2000}'..='\u{206F}'
            | '\u{3000}'..='\u{303F}'
            | '\u{3130}'..='\u{318F}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7A3}'
            | '\u{E000}'..='\u{F8FF}'
            | '\u{1F000}'..='\u{1FAFF}')
}

/// The ranges of `text` (sorted, not overlapping) as ranges of `text.to_lowercase()`.
fn ranges_in_lower_case(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> Vec<Range<usize>> {
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

    #[test]
    fn the_quick_way_agrees_with_full_lower_casing() {
        for text in [
            "Hi DANA, 고객님 “OK” — 👍 \u{E000}",
            "İstanbul. \u{212A}elvin 고객님.",
            "ΣΑΣ. Straße",
        ] {
            let sentences = [0..text.find(' ').unwrap(), text.len() - 3..text.len()];
            let lower = LowerCase::new(text, sentences.iter().cloned());
            assert_eq!(lower.text, text.to_lowercase());
            assert_eq!(lower.ranges, ranges_in_lower_case(text, sentences.iter().cloned()));
        }
    }

    #[test]
    fn characters_kept_in_place_have_no_case() {
        let kept = (0..=0x1FAFF)
            .filter_map(char::from_u32)
            .filter(|&c| keeps_its_place_when_lowered(c));
        for c in kept.filter(|c| !c.is_ascii()) {
            assert_eq!(
                c.to_lowercase().collect::<String>(),
                c.to_string(),
                "U+{:04X}",
                c as u32
            );
        }
    }
}
