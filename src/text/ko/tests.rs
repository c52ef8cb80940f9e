//! Endings and levels of sentences written for every level, with spacing, line-break, punctuation and
//! decoration variants; notice style; -시- on things; offsets; a damaged lexicon.

use super::format::DicError;
use super::{analyse, final_ending, honorific_on, speech_level, Analyzer, SpeechLevel, EMBEDDED};
use SpeechLevel::*;

/// (sentence, final ending, level)
const SENTENCES: &[(&str, &str, SpeechLevel)] = &[
    // 하십시오체, with and without a full stop, spaced and unspaced, across a line break.
    ("불편을 드려 죄송합니다", "ㅂ니다", Hasipsio),
    ("확인 후 연락드리겠습니다.", "습니다", Hasipsio),
    ("확인 후 연락 드리겠습니다", "습니다", Hasipsio),
    ("확인 후\n연락드리겠습니다", "습니다", Hasipsio),
    ("확인 후\r\n연락 드리겠습니다.", "습니다", Hasipsio),
    ("문의하신 내용을 확인했습니까?", "습니까", Hasipsio),
    ("잠시만 기다려 주십시오", "ㅂ시오", Hasipsio),
    ("잠시만 기다려주십시오.", "ㅂ시오", Hasipsio),
    ("다음 단계로 넘어갑시다", "ㅂ시다", Hasipsio),
    ("감사합니다^^", "ㅂ니다", Hasipsio),
    ("확인했습니다ㅠㅠ", "습니다", Hasipsio),
    ("확인해 주시기 바랍니다.", "ㅂ니다", Hasipsio),
    ("환불은 영업일 기준 3~5일 소요됩니다 :)", "ㅂ니다", Hasipsio),
    ("오늘 중으로 처리해 드리겠습니다!!", "습니다", Hasipsio),
    // A verb the lexicon lacks: the ending is read from the unknown word's letters.
    ("정작 해결 방법이 묻힙니다", "ㅂ니다", Hasipsio),
    // 해요체
    ("배송은 내일 출발해요.", "아요", Haeyo),
    ("확인해 드릴게요", "ㄹ게요", Haeyo),
    ("확인해드릴게요~", "ㄹ게요", Haeyo),
    ("불편하셨죠?", "죠", Haeyo),
    ("정말 죄송하네요", "네요", Haeyo),
    ("주문하신 상품이 도착했나요?", "나요", Haeyo),
    ("여기 앉으세요", "으세요", Haeyo),
    ("다시 시도해 보시겠어요?", "어요", Haeyo),
    ("잘 모르겠는데요", "는데요", Haeyo),
    ("확인했고요.", "고요", Haeyo),
    ("감사해요 ㅎㅎ", "아요", Haeyo),
    ("처리해 드렸어요 ^^", "어요", Haeyo),
    // 하오체
    ("그렇게 하시오.", "오", Hao),
    ("내가 처리했소.", "소", Hao),
    // 하게체
    ("이쪽으로 오게.", "게", Hage),
    ("자네 언제 왔나?", "나", Hage),
    ("그것 참 좋네", "네", Hage),
    // 해체 (banmal)
    ("이미 처리했어", "어", Hae),
    ("이미\n처리했어", "어", Hae),
    ("그건 안 돼", "ㅓ", Hae),
    ("내가 할게", "ㄹ게", Hae),
    ("그건 네 잘못이지", "지", Hae),
    ("그건 규칙이야", "야", Hae),
    ("확인했는데", "는데", Hae),
    ("원래 그렇거든", "거든", Hae),
    ("안 된다니까", "ㄴ다니까", Hae),
    // 해라체
    ("처리했다.", "다", Haera),
    ("지금 처리한다.", "ㄴ다", Haera),
    ("빨리 확인해라.", "아라", Haera),
    ("같이 가자", "자", Haera),
    ("그게 뭐냐", "냐", Haera),
    ("벌써 했니?", "니", Haera),
    // Notice style
    ("제출 바람.", "바람", Notice),
    ("확인 요망", "요망", Notice),
    ("기한 내 방문할 것.", "것", Notice),
    ("신분증을 지참할 것", "것", Notice),
    ("처리 완료함.", "ㅁ", Notice),
    ("오늘부터 서비스를 시작함", "ㅁ", Notice),
];

#[test]
fn every_level_and_its_variants() {
    let mut wrong = Vec::new();
    for &(sentence, ending, level) in SENTENCES {
        let words = analyse(sentence);
        let found = final_ending(&words).map(|e| e.ending);
        let found_level = speech_level(&words);
        if found.as_deref() != Some(ending) || found_level != level {
            wrong.push(format!(
                "{sentence:?}: {found:?} {found_level:?}, expected {ending} {level:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn noun_phrases_have_no_level() {
    for sentence in ["결제 오류 안내", "김민수 드림", "고객센터", "", "  ", "ㅋㅋ"] {
        let words = analyse(sentence);
        assert_eq!(speech_level(&words), Unknown, "{sentence:?}: {words:?}");
    }
}

#[test]
fn levels_that_are_polite() {
    let polite: Vec<SpeechLevel> = [Hasipsio, Haeyo, Hao, Hage, Hae, Haera, Notice, Unknown]
        .into_iter()
        .filter(|l| l.is_polite())
        .collect();
    assert_eq!(polite, [Hasipsio, Haeyo]);
}

#[test]
fn the_ending_inside_a_compound_word() {
    // 드릴게요 is one word, 드리/VX + ㄹ게요/EF; 합니다 is 하/XSA + ㅂ니다/EF.
    let words = analyse("확인해 드릴게요");
    let last = words.last().unwrap();
    assert_eq!((last.surface, last.tag, last.last_tag()), ("드릴게요", "VX+EF", "EF"));
    let parts: Vec<(&str, &str)> = last.parts().map(|p| (p.lemma, p.tag)).collect();
    assert_eq!(parts, [("드리", "VX"), ("ㄹ게요", "EF")]);
    assert_eq!(last.lemma(), "드리");
    let words = analyse("죄송합니다.");
    let parts: Vec<(&str, &str)> = words[1].parts().map(|p| (p.lemma, p.tag)).collect();
    assert_eq!(parts, [("하", "XSA"), ("ㅂ니다", "EF")]);
}

#[test]
fn offsets_point_into_the_text_as_given() {
    for sentence in [
        "불편을 드려 죄송합니다",
        "감사합니다^^",
        "확인 후\n연락드리겠습니다",
        "  앞에 공백이 있어요 ㅎㅎ ",
        "Zendesk에서 확인하실 수 있습니다 🙂",
        "결제 오류 안내",
    ] {
        let words = analyse(sentence);
        assert!(!words.is_empty(), "{sentence:?}");
        let mut at = 0;
        for w in &words {
            assert!(w.start >= at && w.end > w.start, "{sentence:?}: {w:?}");
            assert_eq!(&sentence[w.start..w.end], w.surface, "{sentence:?}");
            at = w.end;
        }
        // Nothing is added: the full stop a sentence is read with is not a word of it.
        assert!(!words.iter().any(|w| w.surface == "." && !sentence.contains('.')));
    }
}

#[test]
fn honorific_si_on_things() {
    let on_things = |sentence: &str| -> Vec<String> {
        let words = analyse(sentence);
        honorific_on(&words)
            .into_iter()
            .filter(|h| h.on_thing())
            .map(|h| words[h.subject.unwrap()].surface.to_string())
            .collect()
    };
    for (sentence, things) in [
        ("커피 나오셨습니다", &["커피"][..]),
        ("주문하신 커피 나왔습니다", &[]),
        ("사이즈가 없으세요", &["사이즈"]),
        ("품절이십니다", &["품절"]),
        ("결제가 완료되셨습니다", &["결제"]),
        ("요금제는 다음 달부터 적용되실 거예요", &["요금제"]),
        ("고객님이 원하시는 색상이 없으세요", &["색상"]),
        ("고객님께서 주문하신 상품이 출고되었습니다", &[]),
        ("궁금한 점이 있으시면 언제든 연락 주세요", &[]),
        ("도움이 필요하시면 말씀해 주세요", &[]),
        ("영수증은 마이페이지에서 출력하실 수 있어요", &[]),
        ("확인해 주세요", &[]),
        ("고객님은 VIP 회원이십니다", &[]),
    ] {
        assert_eq!(on_things(sentence), things, "{sentence}");
    }
    // Every -시- is reported, with its predicate.
    let words = analyse("주문하신 커피 나오셨습니다");
    let uses = honorific_on(&words);
    assert_eq!(uses.len(), 2);
    assert_eq!(uses[0].predicate, "주문하");
    assert_eq!((uses[1].predicate.as_str(), uses[1].on_thing()), ("나오", true));
}

#[test]
fn a_damaged_lexicon_is_an_error() {
    let mut bytes = EMBEDDED.to_vec();
    assert!(Analyzer::from_bytes(&bytes).is_ok());
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x40;
    assert!(matches!(Analyzer::from_bytes(&bytes), Err(DicError::Checksum { .. })));
    bytes[middle] ^= 0x40;
    let cut = &bytes[..bytes.len() - 1000];
    assert!(matches!(Analyzer::from_bytes(cut), Err(DicError::Checksum { .. })));
    assert!(matches!(
        Analyzer::from_bytes(b"version https://git-lfs"),
        Err(DicError::Format(_))
    ));
    let message = Analyzer::from_bytes(cut).unwrap_err().to_string();
    assert!(
        message.contains("damaged") && message.contains(".ci/make-ko-dic"),
        "{message}"
    );
}

#[test]
fn the_compiled_in_lexicon_says_where_it_came_from() {
    let dic = Analyzer::embedded().unwrap().dictionary();
    assert!(dic.meta().contains("mecab-ko-dic 2.1.1"), "{}", dic.meta());
    assert!(dic.len() > 300_000);
}
