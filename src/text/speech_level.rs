//! Korean speech level of one sentence (DOMAIN §5): 하십시오체, 해요체, 하오체, banmal, casual chat
//! forms, or neutral. Quoted text is masked first (a customer's quoted banmal is not the agent's), trailing
//! decoration is stripped, and the last word decides.

use super::korean::{final_index, is_compat_jamo, is_syllable};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeechLevel {
    /// -습니다 / -ㅂ니다 / -ㅂ니까: the formal register of a support reply.
    Hasipsio,
    /// -요 / -죠: polite and friendly.
    Haeyo,
    /// -시오 / -오 / -소: reads as talking down to the customer.
    Hao,
    /// 했다, 한다, 했어, 해줘, 할게, -냐, -니, -잖아: never in the agent's own voice.
    Banmal,
    /// ㅋㅋ, -용, -염: chat forms.
    Casual,
    /// No predicate ending: a noun phrase, a heading, a list item ("안내", "처리 완료").
    Neutral,
}

/// Final ㅂ: 합, 입, 립 (the syllable before 니다 in 하십시오체).
const FINAL_BIEUP: u32 = 17;

/// Nouns ending in 요 that are not 해요체: 필요, 중요, 주요, 개요, 수요, 요요.
const NOUNS_IN_YO: &[&str] = &["필요", "중요", "주요", "개요", "수요"];

/// Banmal endings, checked on the last word once decoration is stripped.
const BANMAL_ENDINGS: &[&str] = &[
    "했다",
    "한다",
    "있다",
    "없다",
    "된다",
    "였다",
    "었다",
    "았다",
    "겠다",
    "했어",
    "해줘",
    "할게",
    "잖아",
    "거야",
    "했지",
    "할래",
    "다니까",
    "라니까",
    "줘",
    "봐",
    "돼",
    "됐어",
    "있어",
    "없어",
    "같아",
    "알아",
    "몰라",
    "고마워",
    "미안",
    "했네",
    "됐네",
    "졌네",
    "겠네",
    "하네",
    "되네",
    "맞지",
    "되지",
    "할까",
];

/// Nouns ending in 해 (이해, 피해): a sentence ending in them is a noun phrase, not a banmal 해.
const NOUNS_IN_HAE: &[&str] = &["이해", "피해", "손해", "방해", "올해", "침해", "오해"];

/// Classifies one sentence.
pub fn classify(sentence: &str) -> SpeechLevel {
    let masked = mask_quotes(sentence);
    let text = strip_decoration(&masked);
    let word = text.split_whitespace().next_back().unwrap_or("");
    if word.is_empty() {
        return if has_chat_laughter(sentence) {
            SpeechLevel::Casual
        } else {
            SpeechLevel::Neutral
        };
    }
    let chars: Vec<char> = word.chars().collect();
    let last = chars[chars.len() - 1];
    let before = chars.len().checked_sub(2).map(|i| chars[i]);

    if word.ends_with("니다") || word.ends_with("니까") {
        // 합니다, 입니다, 드립니다: the syllable before 니 has final ㅂ (not 된다니까, 한다니까).
        let stem = chars.len().checked_sub(3).map(|i| chars[i]);
        if stem.and_then(final_index) == Some(FINAL_BIEUP) {
            return SpeechLevel::Hasipsio;
        }
    }
    // -(으)십시오 is the 하십시오체 imperative (주십시오, 확인하십시오), not 하오체 -시오.
    if word.ends_with("십시오") {
        return SpeechLevel::Hasipsio;
    }
    if matches!(last, '용' | '염') && before.is_some_and(is_syllable) {
        return SpeechLevel::Casual;
    }
    if matches!(last, '요' | '죠') {
        return if NOUNS_IN_YO.iter().any(|n| word.ends_with(n)) {
            SpeechLevel::Neutral
        } else {
            SpeechLevel::Haeyo
        };
    }
    if is_hao(last, before) {
        return SpeechLevel::Hao;
    }
    let plain_hae = last == '해' && !NOUNS_IN_HAE.iter().any(|n| word.ends_with(n));
    if BANMAL_ENDINGS.iter().any(|e| word.ends_with(e))
        || plain_hae
        || matches!(last, '냐' | '니') && is_predicate_stem(before)
    {
        return SpeechLevel::Banmal;
    }
    if has_chat_laughter(sentence) {
        return SpeechLevel::Casual;
    }
    SpeechLevel::Neutral
}

/// -(시)오 after a verb stem (하시오, 바라오, 하오; not 라디오, 시나리오) or -소 after final ㅆ or ㅄ
/// (했소, 있소, 없소; not 장소, 주소, 영업소).
fn is_hao(last: char, before: Option<char>) -> bool {
    const FINAL_SSANGSIOS: u32 = 20;
    const FINAL_BIEUP_SIOS: u32 = 18;
    match last {
        '오' => matches!(before, Some('시' | '하' | '라' | '주' | '가' | '보')),
        '소' => before
            .and_then(final_index)
            .is_some_and(|f| f == FINAL_SSANGSIOS || f == FINAL_BIEUP_SIOS),
        _ => false,
    }
}

/// -냐 / -니 after a verb stem (하냐, 했니, 되니); not nouns such as 언니 or 어머니.
fn is_predicate_stem(before: Option<char>) -> bool {
    matches!(
        before,
        Some('하' | '했' | '되' | '됐' | '있' | '없' | '가' | '갔' | '왔' | '봤' | '겠' | '나')
    )
}

fn has_chat_laughter(sentence: &str) -> bool {
    laughter(sentence).is_some()
}

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

/// The byte range of the sentence's last word without trailing punctuation and decoration: the ending a
/// finding about the sentence's register points at.
pub fn ending(sentence: &str) -> Range<usize> {
    let text = strip_decoration(sentence);
    if text.is_empty() {
        return 0..sentence.len();
    }
    let start = text
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    start..text.len()
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

/// Replaces quoted text ("...", '...', 「...」, “...”) with nothing, keeping what is outside.
fn mask_quotes(sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut closing: Option<char> = None;
    for c in sentence.chars() {
        match closing {
            Some(end) if c == end => closing = None,
            Some(_) => {}
            None => match closing_quote(c) {
                Some(end) => closing = Some(end),
                None => out.push(c),
            },
        }
    }
    out
}

/// Drops trailing punctuation, emoticons and chat decoration: `~ ^^ ㅎㅎ ㅠㅠ :) !`.
fn strip_decoration(text: &str) -> &str {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || c.is_ascii_punctuation() || is_compat_jamo(c) || matches!(c, '~' | '…' | '。' | '♡' | '♥')
    })
}

#[cfg(test)]
mod tests {
    use super::SpeechLevel::*;
    use super::*;

    fn assert_levels(cases: &[(&str, SpeechLevel)]) {
        for &(sentence, level) in cases {
            assert_eq!(classify(sentence), level, "{sentence}");
        }
    }

    #[test]
    fn formal_and_polite_endings() {
        assert_levels(&[
            ("확인했습니다.", Hasipsio),
            ("불편을 드려 죄송합니다.", Hasipsio),
            ("처리 완료입니다.", Hasipsio),
            ("위 순서대로 진행해 주십시오.", Hasipsio),
            ("앱을 다시 설치하십시오.", Hasipsio),
            // The last sentence-final word decides.
            ("도와드릴까요? 아니면 안내해 드릴까요?", Haeyo),
            ("확인해 드릴게요.", Haeyo),
            ("많이 불편하셨죠?", Haeyo),
            ("다시 시도해 주세요~", Haeyo),
            ("곧 해결돼요 ^^", Haeyo),
        ]);
    }

    #[test]
    fn banmal_hao_and_chat() {
        assert_levels(&[
            ("그건 우리가 이미 했다.", Banmal),
            ("다시 해줘.", Banmal),
            ("내일 할게", Banmal),
            ("그거 안 된다니까", Banmal),
            ("왜 안 되냐?", Banmal),
            ("말했잖아", Banmal),
            ("다시 확인해.", Banmal),
            ("앱 한번 껐다 켜 봐", Banmal),
            ("이제 결제 돼", Banmal),
            ("배송이 좀 늦어졌네", Banmal),
            ("주문 번호 알려줘", Banmal),
            ("다시 시도하시오.", Hao),
            ("확인 바라오.", Hao),
            ("잘 알겠소.", Hao),
            ("확인했어용", Casual),
            ("넵 알겠어염", Casual),
            ("ㅋㅋㅋ", Casual),
            // A 해요체 ending decides over laughter earlier in the sentence; whether the laughter should
            // also be reported is for the level rule to say.
            ("ㅋㅋ 다시 해 보세요", Haeyo),
        ]);
    }

    #[test]
    fn laughter_and_endings_are_located() {
        let s = "네 ㅋㅋㅋ 다시 해 보세요";
        assert_eq!(&s[laughter(s).unwrap()], "ㅋㅋㅋ");
        let s = "확인했습니다 ㅎㅎ";
        assert_eq!(&s[laughter(s).unwrap()], "ㅎㅎ");
        assert_eq!(laughter("고객님이 \"ㅋㅋ 장난하냐\"라고 하셨습니다."), None);
        assert_eq!(laughter("ㅋ 한 글자는 웃음이 아닙니다."), None);
        let s = "내일 다시 할게~ ^^";
        assert_eq!(&s[ending(s)], "할게");
        let s = "확인하시오.";
        assert_eq!(&s[ending(s)], "확인하시오");
    }

    #[test]
    fn nouns_headings_and_quotes_are_not_the_agent_speaking() {
        for s in [
            "환불 절차 안내",
            "처리 완료",
            "추가 확인 필요",
            "매우 중요",
            "변경된 장소",
            "새 시나리오",
            "영업소",
            "배송 지연으로 인한 피해",
            "제품 하자",
            "고객님의 넓은 이해",
        ] {
            assert_eq!(classify(s), Neutral, "{s}");
        }
        // The customer's quoted banmal does not make the agent's sentence banmal.
        assert_eq!(
            classify("고객님께서 \"왜 안 되냐\"라고 하신 부분을 확인했습니다."),
            Hasipsio
        );
        assert_eq!(classify("언니"), Neutral);
    }
}
