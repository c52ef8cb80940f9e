//! Korean morphological analysis from the mecab-ko-dic lexicon (Apache-2.0; see `LICENSE-mecab-ko-dic`
//! beside this file): a sentence becomes its words with their tags, the morphemes inflected words are
//! made of, and byte offsets; from those, the sentence's final ending, its speech level and its uses of
//! the honorific -시-.
//!
//! ```
//! use replylint::text::ko::{analyse, final_ending, speech_level, SpeechLevel};
//! let words = analyse("불편을 드려 죄송합니다");
//! assert_eq!(final_ending(&words).unwrap().ending, "ㅂ니다");
//! assert_eq!(speech_level(&words), SpeechLevel::Hasipsio);
//! ```
//!
//! The lexicon is compiled into the binary (`ko.dic`, made by `.ci/make-ko-dic`) and opened on first
//! use, so a run that meets no Korean never touches it.

mod dic;
pub mod format;
mod lattice;
mod level;
#[cfg(test)]
mod tests;

pub use dic::{Category, CharClass, Dictionary};
pub use format::DicError;
pub use level::{final_ending, honorific_on, level_of_ending, speech_level, Ending, Honorific, SpeechLevel};

use std::sync::OnceLock;

/// The lexicon file compiled into the binary; `build.rs` checks it against its checksum.
static EMBEDDED: &[u8] = include_bytes!("ko.dic");

/// A word of an analysed sentence, as the lexicon segments it: a simple morpheme (`고객/NNG`) or an
/// inflected form that stands for several (`합니다/XSA+EF` = `하/XSA` + `ㅂ니다/EF`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Morpheme<'a> {
    /// The text as written.
    pub surface: &'a str,
    /// Byte offsets of `surface` in the analysed sentence.
    pub start: usize,
    pub end: usize,
    /// mecab-ko-dic's tag: one POS (`NNG`) or, for an inflected form, its POS joined by `+` (`VV+EP+EF`).
    /// Unknown Hangul words are tagged `UNKNOWN`.
    pub tag: &'a str,
    /// The morphemes of an inflected or pre-analysed word, `lemma/TAG` joined by `+`; empty otherwise.
    expression: &'a str,
}

/// One morpheme: its dictionary form and tag. Endings are written with compatibility jamo where they
/// start with a consonant (`ㅂ니다`, `ㄹ게요`, `ㅁ`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part<'a> {
    pub lemma: &'a str,
    pub tag: &'a str,
}

impl<'a> Morpheme<'a> {
    /// A word read back from where it was kept: its text, its byte range, and the lexicon's tag and
    /// morpheme breakdown as [`Morpheme::expression`] gave them.
    pub fn from_parts(surface: &'a str, range: std::ops::Range<usize>, tag: &'a str, expression: &'a str) -> Self {
        Morpheme {
            surface,
            start: range.start,
            end: range.end,
            tag,
            expression,
        }
    }

    /// The lexicon's breakdown of an inflected or pre-analysed word (`드리/VX+ㄹ게요/EF`); empty for a
    /// simple morpheme.
    pub fn expression(&self) -> &'a str {
        self.expression
    }

    /// The POS of the last morpheme: `EF` for `합니다/XSA+EF`.
    pub fn last_tag(&self) -> &'a str {
        self.tag.rsplit('+').next().unwrap_or(self.tag)
    }

    /// The POS of the first morpheme: `XSA` for `합니다/XSA+EF`.
    pub fn first_tag(&self) -> &'a str {
        self.tag.split('+').next().unwrap_or(self.tag)
    }

    /// The morphemes this word stands for, in order (`드릴게요` → `드리/VX`, `ㄹ게요/EF`); a simple word
    /// is its own one morpheme.
    pub fn parts(&self) -> impl Iterator<Item = Part<'a>> + 'a {
        let simple = self.expression.is_empty().then_some(Part {
            lemma: self.surface,
            tag: self.tag,
        });
        let parts = self.expression.split('+').filter(|p| !p.is_empty()).map(|p| {
            let (lemma, tag) = p.rsplit_once('/').unwrap_or((p, ""));
            Part { lemma, tag }
        });
        simple.into_iter().chain(parts)
    }

    /// The dictionary form of the first morpheme: the stem of a verb (`드리` for `드릴게요`), the word itself
    /// otherwise.
    pub fn lemma(&self) -> &'a str {
        self.parts().next().map_or(self.surface, |p| p.lemma)
    }

    pub fn is_unknown(&self) -> bool {
        self.tag == "UNKNOWN"
    }
}

/// A morphological analyser over one lexicon file.
#[derive(Debug)]
pub struct Analyzer<'d> {
    dic: Dictionary<'d>,
}

impl Analyzer<'static> {
    /// The analyser over the lexicon compiled into the binary, opened on the first call.
    pub fn embedded() -> Result<&'static Analyzer<'static>, DicError> {
        static CELL: OnceLock<Result<Analyzer<'static>, DicError>> = OnceLock::new();
        CELL.get_or_init(|| Dictionary::open(EMBEDDED).map(|dic| Analyzer { dic }))
            .as_ref()
            .map_err(Clone::clone)
    }
}

impl<'d> Analyzer<'d> {
    /// An analyser over a lexicon file held elsewhere, checked against its checksum first.
    pub fn from_bytes(bytes: &'d [u8]) -> Result<Self, DicError> {
        Dictionary::from_bytes(bytes).map(|dic| Analyzer { dic })
    }

    pub fn dictionary(&self) -> &Dictionary<'d> {
        &self.dic
    }

    /// Analyses one sentence. A sentence that does not end in `.`, `?` or `!` is read as if it did
    /// (after its last letter or digit, before any trailing `~`, `^^`, `ㅎㅎ` or emoji): without one,
    /// mecab-ko-dic reads most final endings as connective (EC). Unless it is a noun phrase without one
    /// and only the full stop makes it end in an ending (`안내` is not 안 + 내).
    pub fn analyse<'a>(&'a self, sentence: &'a str) -> Vec<Morpheme<'a>> {
        let words = sentence
            .char_indices()
            .rfind(|&(_, c)| is_letter(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let rest = &sentence[words..];
        let terminated = rest.trim_start().starts_with(['.', '?', '!', '。', '？', '！', '…']);
        if words == 0 || terminated {
            return self.morphemes(sentence, sentence, 0, usize::MAX);
        }
        let mut head = String::with_capacity(words + 1);
        head.push_str(&sentence[..words]);
        head.push('.');
        let mut out = self.morphemes(sentence, &head, 0, words);
        // A noun phrase stays one: with a full stop, "결제 오류 안내" would end in 안 + 내 (banmal "내"). Only
        // a whole last word read as a noun counts (not the 니다 of an unknown verb).
        if out.last().is_some_and(|m| m.last_tag().starts_with('E')) {
            let last_word = sentence[..words]
                .char_indices()
                .rfind(|&(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let plain = self.morphemes(sentence, &sentence[..words], 0, words);
            if plain
                .last()
                .is_some_and(|m| is_noun_tag(m.last_tag()) && m.start <= last_word)
            {
                out = plain;
            }
        }
        out.extend(self.morphemes(sentence, rest, words, usize::MAX));
        out
    }

    /// The words of `text` (which is `sentence[offset..]`, or a copy of a prefix with a full stop added),
    /// with offsets into `sentence`; words starting at `limit` or after are dropped.
    fn morphemes<'a>(&'a self, sentence: &'a str, text: &str, offset: usize, limit: usize) -> Vec<Morpheme<'a>> {
        lattice::best_path(&self.dic, text)
            .into_iter()
            .filter(|t| offset + t.start < limit)
            .map(|t| {
                let (start, end) = (offset + t.start, (offset + t.end).min(limit).min(sentence.len()));
                let entry = self.dic.entry(t.entry);
                let (tag, expression) = self.dic.feature(entry.feature);
                Morpheme {
                    surface: &sentence[start..end],
                    start,
                    end,
                    tag,
                    expression,
                }
            })
            .collect()
    }
}

fn is_noun_tag(tag: &str) -> bool {
    matches!(
        tag,
        "NNG" | "NNP" | "NNB" | "NNBC" | "NR" | "NP" | "XR" | "SN" | "SL" | "SH"
    )
}

/// A letter or digit that can end a sentence's last word: Hangul syllables, Latin, Hanja, digits; not the
/// compatibility jamo of chat decoration (ㅎㅎ, ㅠㅠ).
fn is_letter(c: char) -> bool {
    c.is_alphanumeric() && !super::korean::is_compat_jamo(c)
}

/// Analyses one sentence with the lexicon compiled into the binary (see [`Analyzer::analyse`]).
///
/// # Panics
/// If the compiled-in lexicon cannot be opened, which `build.rs` rules out by checking it when the
/// crate is built.
pub fn analyse(sentence: &str) -> Vec<Morpheme<'_>> {
    match Analyzer::embedded() {
        Ok(analyzer) => analyzer.analyse(sentence),
        Err(e) => panic!("{e}"),
    }
}
