//! Hangul helpers: syllable tests and final-consonant (받침) arithmetic.

const SYLLABLE_FIRST: u32 = 0xAC00;
const SYLLABLE_LAST: u32 = 0xD7A3;
/// Each initial+medial pair spans 28 syllables: one per final (index 0 = no final).
pub const FINALS: u32 = 28;

/// Compatibility jamo for each final index 1..=27, in Unicode order.
const FINAL_JAMO: [char; 27] = [
    'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ', 'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ',
    'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ',
];

pub fn is_syllable(c: char) -> bool {
    (SYLLABLE_FIRST..=SYLLABLE_LAST).contains(&(c as u32))
}

/// Compatibility jamo (ㄱ..ㅣ), used in chat forms such as ㅋㅋ and ㅠㅠ.
pub fn is_compat_jamo(c: char) -> bool {
    ('\u{3131}'..='\u{318E}').contains(&c)
}

pub fn is_hangul(c: char) -> bool {
    is_syllable(c) || is_compat_jamo(c)
}

/// The final-consonant index of a syllable: 0 for none, 1..=27 otherwise.
pub fn final_index(c: char) -> Option<u32> {
    is_syllable(c).then(|| (c as u32 - SYLLABLE_FIRST) % FINALS)
}

/// The final index a compatibility jamo stands for (`'ㄹ'` -> 8); `None` if it cannot be a final.
pub fn final_index_of_jamo(jamo: char) -> Option<u32> {
    FINAL_JAMO.iter().position(|&j| j == jamo).map(|i| i as u32 + 1)
}

/// Every syllable with the given final index, in order.
pub fn syllables_with_final(index: u32) -> impl Iterator<Item = char> {
    (SYLLABLE_FIRST + index..=SYLLABLE_LAST)
        .step_by(FINALS as usize)
        .filter_map(char::from_u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finals_follow_the_domain_arithmetic() {
        assert_eq!(final_index('합'), Some(17));
        assert_eq!(final_index('할'), Some(8));
        assert_eq!(final_index('한'), Some(4));
        assert_eq!(final_index('했'), Some(20));
        assert_eq!(final_index('하'), Some(0));
        assert_eq!(final_index('a'), None);
        assert_eq!(final_index_of_jamo('ㄹ'), Some(8));
        assert_eq!(final_index_of_jamo('ㅃ'), None);
    }

    #[test]
    fn syllables_with_final_rieul() {
        let all: Vec<char> = syllables_with_final(8).collect();
        assert_eq!(all.len(), 19 * 21);
        assert!(all.contains(&'할') && all.contains(&'볼') && all.contains(&'릴'));
        assert!(!all.contains(&'하'));
    }
}
