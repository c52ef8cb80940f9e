//! The matching views of a draft and the offset maps back to the original bytes.
//!
//! `Normalized` is the original text after NFC (per grapheme cluster), width and tilde folding,
//! space folding, dropping invisible characters and masking placeholders. `Compact` is the
//! normalised text without the horizontal spaces between two Hangul syllables, so that a Korean
//! phrase matches however it was spaced.

use super::korean::is_syllable;
use super::placeholders::{Placeholder, NAME_MASK, OTHER_MASK};
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// The normalised view: every byte knows the original range of the unit it came from. Offsets are kept
/// as `u32` (a draft is far below 4 GiB): a help-desk export keeps thousands of drafts in memory at once.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

/// An offset as kept in a map.
fn narrow(offset: usize) -> u32 {
    u32::try_from(offset).expect("a draft is smaller than 4 GiB")
}

impl Normalized {
    pub fn new(original: &str, placeholders: &[Placeholder]) -> Self {
        let mut view = Normalized {
            text: String::with_capacity(original.len()),
            starts: Vec::with_capacity(original.len()),
            ends: Vec::with_capacity(original.len()),
        };
        let mut next_placeholder = placeholders.iter().peekable();
        let mut skip_until = 0;
        for (start, grapheme) in super::graphemes::grapheme_indices(original) {
            if start < skip_until {
                continue;
            }
            let unit = start..start + grapheme.len();
            if let Some(p) = next_placeholder.next_if(|p| p.range.start <= start) {
                let mask = if p.names_customer { NAME_MASK } else { OTHER_MASK };
                view.push(mask, p.range.start..p.range.end);
                skip_until = p.range.end;
                continue;
            }
            if grapheme == "\r\n" {
                view.push('\n', unit);
            } else if grapheme.is_ascii() {
                for (i, c) in grapheme.char_indices() {
                    view.push(c, start + i..start + i + 1);
                }
            } else if let Some(syllable) = single_syllable(grapheme) {
                // Already composed, and nothing to fold: the commonest cluster in Korean skips NFC.
                view.push(syllable, unit);
            } else {
                for c in grapheme.nfc().filter_map(fold) {
                    view.push(c, unit.clone());
                }
            }
        }
        view
    }

    fn push(&mut self, c: char, unit: Range<usize>) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.starts.push(narrow(unit.start));
            self.ends.push(narrow(unit.end));
        }
    }

    /// The original byte range of a range of this view.
    pub fn to_original(&self, range: Range<usize>, original_len: usize) -> Range<usize> {
        if range.start >= self.starts.len() {
            return original_len..original_len;
        }
        let start = self.starts[range.start] as usize;
        if range.end <= range.start {
            return start..start;
        }
        start..self.ends[range.end - 1] as usize
    }

    /// Turns the line break at `at` into a space (a hard-wrapped line joined to the next).
    pub(crate) fn join_line_at(&mut self, at: usize) {
        debug_assert_eq!(self.text.as_bytes()[at], b'\n');
        self.text.replace_range(at..at + 1, " ");
    }
}

/// The cluster's character, when it is one precomposed Hangul syllable.
fn single_syllable(cluster: &str) -> Option<char> {
    let mut chars = cluster.chars();
    let c = chars.next().filter(|&c| is_syllable(c))?;
    chars.next().is_none().then_some(c)
}

/// Folds one character for matching; `None` drops it.
fn fold(c: char) -> Option<char> {
    Some(match c {
        // Full-width ASCII forms (！ to ～).
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0)?,
        '\u{00A0}' | '\u{3000}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => ' ',
        '\u{301C}' | '\u{223C}' | '\u{2053}' | '\u{02DC}' => '~',
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{FF61}' => '.',
        // Zero-width characters, soft hyphen, BOM and the Hangul fillers.
        '\u{200B}'..='\u{200D}'
        | '\u{2060}'
        | '\u{FEFF}'
        | '\u{00AD}'
        | '\u{3164}'
        | '\u{115F}'
        | '\u{1160}'
        | '\u{FFA0}' => return None,
        _ => c,
    })
}

/// The normalised view with the spaces between Hangul syllables removed.
#[derive(Debug, Clone, Default)]
pub struct Compact {
    pub text: String,
    /// For every byte of `text` (and one past the end), the byte of the normalised view.
    to_normalized: Vec<u32>,
}

impl Compact {
    pub fn new(normalized: &str) -> Self {
        let mut text = String::with_capacity(normalized.len());
        let mut to_normalized = Vec::with_capacity(normalized.len() + 1);
        let mut prev: Option<char> = None;
        let mut chars = normalized.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == ' ' || c == '\t' {
                let run_start = i;
                let mut run_end = i + 1;
                while let Some(&(j, ' ' | '\t')) = chars.peek() {
                    run_end = j + 1;
                    chars.next();
                }
                let between_syllables =
                    prev.is_some_and(is_syllable) && chars.peek().is_some_and(|&(_, next)| is_syllable(next));
                if !between_syllables {
                    text.push_str(&normalized[run_start..run_end]);
                    to_normalized.extend(narrow(run_start)..narrow(run_end));
                }
                prev = Some(' ');
                if between_syllables {
                    prev = normalized[..run_start].chars().next_back();
                }
                continue;
            }
            text.push(c);
            to_normalized.extend(narrow(i)..narrow(i + c.len_utf8()));
            prev = Some(c);
        }
        to_normalized.push(narrow(normalized.len()));
        Compact { text, to_normalized }
    }

    /// The normalised-view range of a compact-view range.
    pub fn to_normalized(&self, range: Range<usize>) -> Range<usize> {
        let start = self.to_normalized[range.start] as usize;
        if range.end <= range.start {
            return start..start;
        }
        start..self.to_normalized[range.end - 1] as usize + 1
    }

    /// The compact-view offset of a normalised-view offset (the first compact byte at or after it).
    pub fn from_normalized(&self, offset: usize) -> usize {
        self.to_normalized.partition_point(|&n| (n as usize) < offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_hangul_is_composed_and_maps_back() {
        let original: String = "죄송합니다".nfd().collect();
        let view = Normalized::new(&original, &[]);
        assert_eq!(view.text, "죄송합니다");
        let second = view.text.char_indices().nth(1).unwrap().0;
        let range = view.to_original(second..second + 3, original.len());
        assert_eq!(&original[range], "송".nfd().collect::<String>());
    }

    #[test]
    fn spaces_widths_and_invisibles_are_folded() {
        let view = Normalized::new("A\u{00A0}B\u{3000}Ｃ\u{200B}D～ “ok” we’re", &[]);
        assert_eq!(view.text, "A B CD~ \"ok\" we're");
    }

    #[test]
    fn compact_drops_only_spaces_between_syllables() {
        let compact = Compact::new("조사 중입니다. 2 일 내 OK 고객님");
        assert_eq!(compact.text, "조사중입니다. 2 일내 OK 고객님");
        let at = compact.text.find("일내").unwrap();
        let range = compact.to_normalized(at..at + "일내".len());
        assert_eq!(&"조사 중입니다. 2 일 내 OK 고객님"[range], "일 내");
    }
}
