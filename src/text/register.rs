//! What each Korean sentence of a draft says about register (DOMAIN §5), read from its morphemes: the
//! words as the lexicon segments them, the final ending and its speech level, chat forms, and the uses of
//! the honorific -시-. Quoted text is blanked first: a customer's quoted banmal is not the agent's.

use super::ko::{self, final_ending, honorific_on, speech_level, Honorific, Morpheme, SpeechLevel};
use super::korean::{is_compat_jamo, is_hangul};
use std::ops::Range;

/// One word of an analysed sentence, kept apart from the text it was read from (quotes blanked): its
/// range in the draft's normalised view, its lexicon tag and its morpheme breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
    pub tag: Box<str>,
    expression: Box<str>,
}

/// A Korean sentence as analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceRegister {
    pub words: Vec<Word>,
    pub level: SpeechLevel,
    /// The eojeol that carries the final ending (normalised view), where there is one.
    pub ending: Option<Range<usize>>,
    /// Chat forms: the -용/-염 ending or a run of ㅋㅋ/ㅎㅎ laughter (normalised view).
    pub casual: Option<Range<usize>>,
    /// Uses of -시-, with word indices into `words`.
    pub honorifics: Vec<Honorific>,
}

impl SentenceRegister {
    /// The words as the analyser's own type, over the draft's normalised text.
    pub fn morphemes<'a>(&'a self, normalized: &'a str) -> Vec<Morpheme<'a>> {
        self.words
            .iter()
            .map(|w| Morpheme::from_parts(&normalized[w.range.clone()], w.range.clone(), &w.tag, &w.expression))
            .collect()
    }
}

/// Reads one sentence, `text`, which starts at `offset` in the normalised view. `None` when it holds no
/// Hangul: nothing in it can carry a Korean ending.
pub fn read(text: &str, offset: usize) -> Option<SentenceRegister> {
    if !text.chars().any(is_hangul) {
        return None;
    }
    let masked = blank_quotes(text);
    let analyzer = ko::Analyzer::embedded().ok()?;
    let morphemes = analyzer.analyse(&masked);
    let shifted = |r: Range<usize>| offset + r.start..offset + r.end;
    let ending = final_ending(&morphemes);
    let mut level = speech_level(&morphemes);
    // A connective left at the end reads as banmal only where Korean ends a sentence on it (아는데?,
    // 말했거든, 해야지); "사용료를 일할 계산 하여" is a cut-off phrase, not a register.
    if let Some(e) = ending.as_ref().filter(|e| e.tag == "EC") {
        if !CONNECTIVES_THAT_END.iter().any(|c| e.ending.ends_with(c)) {
            level = SpeechLevel::Unknown;
        }
    }
    // A finding points at the whole eojeol that ends the sentence (드렸어용, not 어용).
    let ending_eojeol = ending.as_ref().map(|e| {
        let m = &morphemes[e.word];
        shifted(eojeol_start(&masked, m.start)..m.end)
    });
    let chat_ending = chat_ending(&masked, &morphemes).map(shifted);
    let casual = laughter(&masked).map(shifted).or(chat_ending);
    Some(SentenceRegister {
        honorifics: honorific_on(&morphemes),
        ending: ending_eojeol,
        level,
        casual,
        words: morphemes
            .iter()
            .map(|m| Word {
                range: shifted(m.start..m.end),
                tag: m.tag.into(),
                expression: m.expression().into(),
            })
            .collect(),
    })
}

/// The last eojeol when it ends in a chat form of -요 (드렸어용, 물어보세염, 해주세욧): a final 용, 염 or
/// 욧 on a predicate. The lexicon reads some of them as nouns (세염), so the predicate is looked for
/// in the whole eojeol; a noun alone (비용, 내용) is not one.
fn chat_ending(sentence: &str, words: &[Morpheme]) -> Option<Range<usize>> {
    let trimmed = sentence.trim_end_matches(|c: char| !c.is_alphanumeric() || is_compat_jamo(c));
    if !trimmed.ends_with(['용', '염', '욧']) {
        return None;
    }
    let start = eojeol_start(trimmed, trimmed.len());
    let predicate = words
        .iter()
        .filter(|m| m.start >= start && m.end <= trimmed.len())
        .any(|m| {
            m.tag
                .split('+')
                .any(|t| matches!(t, "VV" | "VA" | "VX" | "XSV" | "XSA" | "EP" | "EC" | "EF"))
        });
    predicate.then_some(start..trimmed.len())
}

/// Where the eojeol (the word between spaces) holding byte `at` of `text` starts.
pub(crate) fn eojeol_start(text: &str, at: usize) -> usize {
    text[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1)
}

/// Where the eojeol holding byte `at` ends: before a space or punctuation, at most at `limit`. A finding
/// shows the whole word as written, "커피 나오셨습니다", not the morphemes that matched, "커피 나오셨".
pub(crate) fn eojeol_end(text: &str, at: usize, limit: usize) -> usize {
    text[at..limit]
        .find(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
        .map_or(limit, |i| at + i)
}

/// Connective endings a spoken sentence stops on, in banmal (해체).
const CONNECTIVES_THAT_END: &[&str] = &[
    "든가", "는데", "ㄴ데", "은데", "던데", "거든", "지", "잖아", "니까", "게",
];

/// The byte range of the first run of chat laughter (ㅋㅋ, ㅎㅎㅎ, ...) outside quotes.
pub fn laughter(sentence: &str) -> Option<Range<usize>> {
    let mut closing: Option<char> = None;
    let mut run: Option<(usize, char, usize)> = None;
    for (at, c) in sentence.char_indices() {
        if let Some(end) = closing {
            if c == end {
                closing = None;
            }
            continue;
        }
        match run {
            Some((start, letter, n)) if c == letter => run = Some((start, letter, n + 1)),
            Some((start, _, n)) if n >= 2 => return Some(start..at),
            _ => run = matches!(c, 'ㅋ' | 'ㅎ').then_some((at, c, 1)),
        }
        if run.is_none() {
            closing = closing_quote(c);
        }
    }
    run.filter(|&(_, _, n)| n >= 2)
        .map(|(start, _, _)| start..sentence.len())
}

fn closing_quote(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '“' => Some('”'),
        '「' => Some('」'),
        '『' => Some('』'),
        _ => None,
    }
}

/// Replaces quoted text ("...", “...”, 「...」, 『...』) and its quote marks with spaces of the same byte
/// length, so offsets stay those of the sentence. An unclosed quote blanks nothing: it is more likely a
/// stray mark than a quote running to the end.
fn blank_quotes(sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut rest = sentence;
    while let Some((at, open)) = rest.char_indices().find(|&(_, c)| closing_quote(c).is_some()) {
        let close = closing_quote(open).unwrap_or(open);
        let after = at + open.len_utf8();
        let Some(len) = rest[after..].find(close) else {
            break;
        };
        let end = after + len + close.len_utf8();
        out.push_str(&rest[..at]);
        out.extend(std::iter::repeat_n(' ', end - at));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use SpeechLevel::*;

    fn level(sentence: &str) -> SpeechLevel {
        read(sentence, 0).map_or(Unknown, |r| r.level)
    }

    #[test]
    fn levels_from_endings_in_every_conjugation() {
        for (sentence, expected) in [
            ("확인했습니다.", Hasipsio),
            ("위 순서대로 진행해 주십시오.", Hasipsio),
            ("확인해 드릴게요.", Haeyo),
            ("많이 불편하셨죠?", Haeyo),
            ("곧 해결돼요 ^^", Haeyo),
            ("주문 내역 확인했어.", Hae),
            ("어 아는데?", Hae),
            ("진작 말해야지.", Hae),
            ("내 아들이 17살인데 그것보다 많냐", Haera),
            ("사이즈 타령할 거면 라떼 드셔라.", Haera),
            ("원래 초미니 사이즈다", Haera),
            ("영수증을 첨부하시오.", Hao),
            ("아저씨 성질 급하네", Hage),
            ("전화로 문의 바람", Notice),
            ("의사의 지시에 따라 복용할 것", Notice),
            ("확인 후 연락드리겠음", Notice),
            ("환불 절차 안내", Unknown),
            ("사용료를 일할 계산 하여", Unknown),
        ] {
            assert_eq!(level(sentence), expected, "{sentence}");
        }
    }

    #[test]
    fn quoted_words_are_not_the_agent_speaking() {
        let s = "고객님께서 \"왜 안 되냐\"라고 하신 부분을 확인했습니다.";
        assert_eq!(level(s), Hasipsio);
        // The quote alone: nothing of the agent's left to read.
        assert_eq!(level("\"환불해 줘\""), Unknown);
        assert_eq!(blank_quotes("a “b” c").len(), "a “b” c".len());
    }

    #[test]
    fn chat_forms_are_located() {
        let s = "쿠폰 다시 발급해 드렸어용~";
        let found = read(s, 10).unwrap().casual.unwrap();
        assert_eq!(&s[found.start - 10..found.end - 10], "드렸어용");
        let s = "네 ㅋㅋㅋ 다시 해 보세요";
        assert_eq!(&s[laughter(s).unwrap()], "ㅋㅋㅋ");
        assert_eq!(laughter("고객님이 \"ㅋㅋ 장난하냐\"라고 하셨습니다."), None);
        assert_eq!(laughter("ㅋ 한 글자는 웃음이 아닙니다."), None);
        assert!(read("배송 비용", 0).unwrap().casual.is_none());
        assert!(read("서비스 이용.", 0).unwrap().casual.is_none());
        for s in ["모르시는 거 있으면 언제든 물어보세염.", "감사해용~", "확인해 주세욧!!"] {
            let found = read(s, 0).unwrap().casual.unwrap();
            assert!(s[found].ends_with(['용', '염', '욧']), "{s}");
        }
    }

    #[test]
    fn ending_and_words_carry_draft_offsets() {
        let s = "불편을 드려 죄송합니다";
        let register = read(s, 100).unwrap();
        let ending = register.ending.clone().unwrap();
        assert_eq!(&s[ending.start - 100..ending.end - 100], "죄송합니다");
        let padded = format!("{}{s}", " ".repeat(100));
        let words = register.morphemes(&padded);
        assert_eq!(words[0].surface, "불편");
        assert_eq!(words.last().unwrap().surface, "합니다");
        assert!(register.honorifics.is_empty());
    }
}
