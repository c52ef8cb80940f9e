//! Analysis: compound words and their morphemes, offsets, a damaged lexicon.

use super::format::DicError;
use super::{analyse, Analyzer, EMBEDDED};

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
