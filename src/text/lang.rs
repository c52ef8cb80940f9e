//! Which languages a draft is written in.

use super::korean::{is_hangul, is_syllable};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ko,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ko, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The languages of a draft: a primary one and, for a bilingual reply, a second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Langs {
    pub primary: Lang,
    pub secondary: Option<Lang>,
}

impl Langs {
    pub fn only(lang: Lang) -> Self {
        Langs {
            primary: lang,
            secondary: None,
        }
    }

    pub fn iter(self) -> impl Iterator<Item = Lang> {
        std::iter::once(self.primary).chain(self.secondary)
    }

    pub fn contains(self, lang: Lang) -> bool {
        self.iter().any(|l| l == lang)
    }

    /// `ko`, `en`, or both with the primary first (`ko+en`).
    pub fn code(self) -> String {
        match self.secondary {
            None => self.primary.code().to_string(),
            Some(second) => format!("{}+{}", self.primary.code(), second.code()),
        }
    }
}

/// A Hangul syllable carries about as much text as this many Latin letters.
const LETTERS_PER_SYLLABLE: f64 = 2.5;
/// The smaller language counts when it is at least this share of the text...
const SECOND_LANGUAGE_SHARE: f64 = 0.3;
/// ...and at least this many syllables' worth, so that product names in a Korean reply do not count.
const SECOND_LANGUAGE_MIN: f64 = 40.0;

/// Detects the languages of normalised text (placeholders are already masked).
pub fn detect(text: &str) -> Langs {
    let mut hangul = 0usize;
    let mut latin = 0usize;
    for c in text.chars() {
        if is_syllable(c) || is_hangul(c) {
            hangul += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    let ko = hangul as f64;
    let en = latin as f64 / LETTERS_PER_SYLLABLE;
    let (primary, major, minor, second) = if ko >= en && ko > 0.0 {
        (Lang::Ko, ko, en, Lang::En)
    } else {
        (Lang::En, en, ko, Lang::Ko)
    };
    let bilingual = minor >= SECOND_LANGUAGE_MIN && minor / (major + minor) >= SECOND_LANGUAGE_SHARE;
    Langs {
        primary,
        secondary: bilingual.then_some(second),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_with_product_names_is_korean() {
        let langs = detect("Slack 연동 중 API key 오류가 발생했습니다. Webhook 설정을 다시 확인해 주세요.");
        assert_eq!(langs, Langs::only(Lang::Ko));
    }

    #[test]
    fn english_and_empty_default_to_english() {
        assert_eq!(detect("Sorry for the wait."), Langs::only(Lang::En));
        assert_eq!(detect("123 !!"), Langs::only(Lang::En));
    }

    #[test]
    fn a_bilingual_reply_has_both() {
        let ko = "결제 페이지 오류로 주문을 받지 못하셔서 정말 죄송합니다. 오늘 오후 세 시까지 복구할 예정이며 그동안에는 수동 결제 링크를 이용하실 수 있습니다.";
        let en = "We are sorry the checkout page error stopped your orders. We expect a fix by 3 pm today; in the meantime you can use manual payment links.";
        let langs = detect(&format!("{ko}\n\n{en}"));
        assert_eq!(langs.code(), "ko+en");
    }
}
