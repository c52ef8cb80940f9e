//! What a sentence's morphemes say about register: its final ending, its speech level, and the
//! honorific -시- with the noun it honours.

use super::super::korean::{final_index, is_compat_jamo};
use super::{Morpheme, Part};

/// The speech level of a sentence, read from its final ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpeechLevel {
    /// 하십시오체: -ㅂ니다/-습니다, -ㅂ니까, -십시오, -ㅂ시다.
    Hasipsio,
    /// 해요체: -아요/-어요, -죠, -네요, -ㄹ게요, -세요; also the chat forms -용/-염.
    Haeyo,
    /// 하오체: -오, -소, -시오, -구려.
    Hao,
    /// 하게체: -네, -게, -나, -는가, -세.
    Hage,
    /// 해체 (banmal): -아/-어, -지, -야, -ㄴ데/-는데, -거든, -ㄹ게, -ㄹ래, -잖아.
    Hae,
    /// 해라체: -다/-ㄴ다, -라, -자, -냐, -니, -구나.
    Haera,
    /// Notice style (명사형 종결): a nominalised predicate (-ㅁ/-음: 완료함, 시작함), 바람, 요망, -ㄹ 것.
    Notice,
    /// No predicate ending: a noun phrase, a label, a fragment.
    Unknown,
}

impl SpeechLevel {
    /// Polite to a customer: 하십시오체 or 해요체.
    pub fn is_polite(self) -> bool {
        matches!(self, SpeechLevel::Hasipsio | SpeechLevel::Haeyo)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SpeechLevel::Hasipsio => "hasipsio",
            SpeechLevel::Haeyo => "haeyo",
            SpeechLevel::Hao => "hao",
            SpeechLevel::Hage => "hage",
            SpeechLevel::Hae => "hae",
            SpeechLevel::Haera => "haera",
            SpeechLevel::Notice => "notice",
            SpeechLevel::Unknown => "unknown",
        }
    }
}

/// The morpheme that ends a sentence and decides its level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ending {
    /// Index of the word that holds it.
    pub word: usize,
    /// The ending as in the lexicon, with compatibility jamo: `ㅂ니다`, `어요`, `ㄹ게`, `다`; a sentence
    /// closed by the particle 요 adds it (`고` + `요` = `고요`). For a notice-style sentence, the morpheme
    /// that makes it one (`ㅁ`, `바람`, `것`).
    pub ending: String,
    /// The ending's tag: `EF`, `EC` (a connective left at the end), `ETN`, `NNG`, `NNB`.
    pub tag: String,
}

/// Endings by level, matched as the longest suffix of the ending (`ㄴ다니까` is 해체 by `니까`, `ㅂ니까`
/// is 하십시오체).
const ENDINGS: &[(&str, SpeechLevel)] = {
    use SpeechLevel::*;
    &[
        ("니다", Hasipsio),
        ("ㅂ니까", Hasipsio),
        ("습니까", Hasipsio),
        ("옵니까", Hasipsio),
        ("ㅂ시오", Hasipsio),
        ("십시오", Hasipsio),
        ("ㅂ시다", Hasipsio),
        ("읍시다", Hasipsio),
        ("나이다", Hasipsio),
        ("요", Haeyo),
        ("죠", Haeyo),
        ("용", Haeyo),
        ("염", Haeyo),
        ("오", Hao),
        ("소", Hao),
        ("시오", Hao),
        ("구려", Hao),
        ("네", Hage),
        ("게", Hage),
        ("나", Hage),
        ("는가", Hage),
        ("ㄴ가", Hage),
        ("은가", Hage),
        ("던가", Hage),
        ("세", Hage),
        ("ㄹ세", Hage),
        ("구먼", Hage),
        ("어", Hae),
        ("아", Hae),
        ("여", Hae),
        ("ㅓ", Hae),
        ("ㅏ", Hae),
        ("지", Hae),
        ("야", Hae),
        ("데", Hae),
        ("거든", Hae),
        ("ㄹ게", Hae),
        ("을게", Hae),
        ("래", Hae),
        ("까", Hae),
        ("니까", Hae),
        ("군", Hae),
        ("걸", Hae),
        ("고", Hae),
        ("대", Hae),
        // Spoken forms: 했다구, 8시구만.
        ("구", Hae),
        ("구만", Hae),
        ("든가", Hae),
        ("다", Haera),
        ("라", Haera),
        ("자", Haera),
        ("냐", Haera),
        ("니", Haera),
        ("구나", Haera),
        ("려무나", Haera),
        ("렴", Haera),
        ("마", Haera),
    ]
};

/// Nouns that close a notice (제출 바람, 확인 요망, 사용 금지).
const NOTICE_NOUNS: &[&str] = &[
    "바람", "요망", "요함", "엄수", "필수", "금지", "완료", "요청", "불가", "예정",
];

/// What is asked or given before a notice's 드림 (부탁드림, 안내드림).
const NOTICE_BEFORE_DRIM: &[&str] = &[
    "부탁", "요청", "안내", "연락", "협조", "양해", "참고", "회신", "답변", "공지",
];

fn is_symbol(m: &Morpheme) -> bool {
    m.first_tag().starts_with('S') && m.tag != "SL" && m.tag != "SH" && m.tag != "SN"
}

/// The final ending of an analysed sentence: its last ending morpheme (EF, or EC where a sentence stops
/// on a connective), or what makes it notice style; `None` for a noun phrase or an empty sentence.
/// Trailing punctuation, decoration and interjections (ㅋㅋ, ㅎㅎ) are skipped.
pub fn final_ending(words: &[Morpheme]) -> Option<Ending> {
    let last = words
        .iter()
        .rposition(|m| !is_symbol(m) && !m.surface.chars().all(is_compat_jamo))?;
    let word = &words[last];
    let parts: Vec<Part> = word.parts().collect();
    let part = *parts.last()?;
    let ending = |ending: String, tag: &str| {
        Some(Ending {
            word: last,
            ending,
            tag: tag.to_string(),
        })
    };
    match part.tag {
        "EF" | "EC" => ending(part.lemma.to_string(), part.tag),
        // 확인했고요, 그런데요: a connective closed by the particle 요.
        "JX" if part.lemma == "요" => {
            let before = last.checked_sub(1).map(|i| &words[i]);
            let previous = before.and_then(|m| m.parts().last()).filter(|p| p.tag.starts_with('E'));
            let stem = previous.map_or("", |p| p.lemma);
            ending(format!("{stem}요"), "EF")
        }
        // 완료함, 시작함, 확인 바람 (바라 + ㅁ); not a signature's 드림.
        "ETN" if matches!(part.lemma, "ㅁ" | "음") && !(parts.len() == 2 && parts[0].lemma == "드리") => {
            ending(part.lemma.to_string(), "ETN")
        }
        // A word the lexicon lacks (묻힙니다 → 묻 + 힙니다): its ending read from its letters where they are
        // unmistakable.
        "UNKNOWN" => unknown_ending(word.surface).and_then(|e| ending(e.to_string(), "EF")),
        "NNG" if NOTICE_NOUNS.contains(&part.lemma) && last > 0 => ending(part.lemma.to_string(), "NNG"),
        // 확인 부탁드림, 회신 요청드림: 드림 after what is asked or given is a notice's close; after a
        // name or a team (고객지원팀 드림) it signs a letter.
        "NNG" if part.lemma == "드림" && last > 0 && NOTICE_BEFORE_DRIM.contains(&words[last - 1].lemma()) => {
            ending(part.lemma.to_string(), "NNG")
        }
        // 방문할 것: a future adnominal and 것.
        "NNB" if part.lemma == "것" && last > 0 => {
            let adnominal = words[last - 1].parts().last().filter(|p| p.tag == "ETM");
            adnominal
                .filter(|p| matches!(p.lemma, "ㄹ" | "을"))
                .and_then(|_| ending("것".to_string(), "NNB"))
        }
        _ => None,
    }
}

/// The formal and polite endings of a word the lexicon does not know, from its last syllables.
fn unknown_ending(surface: &str) -> Option<&'static str> {
    let mut chars = surface.chars().rev();
    let (last, second, third) = (chars.next()?, chars.next(), chars.next());
    let bieup = third.is_some_and(|c| c == '습' || final_index(c) == Some(FINAL_BIEUP));
    match (third, second, last) {
        (_, Some('니'), '다') if bieup => Some("ㅂ니다"),
        (_, Some('니'), '까') if bieup => Some("ㅂ니까"),
        (_, _, '요') => Some("요"),
        (_, _, '죠') => Some("죠"),
        _ => None,
    }
}

/// Final ㅂ, as in 합니다, 힙니다.
const FINAL_BIEUP: u32 = 17;

/// The speech level of an analysed sentence, from [`final_ending`].
pub fn speech_level(words: &[Morpheme]) -> SpeechLevel {
    let Some(ending) = final_ending(words) else {
        return SpeechLevel::Unknown;
    };
    if matches!(ending.tag.as_str(), "ETN" | "NNG" | "NNB") {
        return SpeechLevel::Notice;
    }
    level_of_ending(&ending.ending)
}

/// The level an ending (`습니다`, `어요`, `ㄴ다`) belongs to: the entry of [`ENDINGS`] that is its longest
/// suffix.
pub fn level_of_ending(ending: &str) -> SpeechLevel {
    ENDINGS
        .iter()
        .filter(|(suffix, _)| ending.ends_with(suffix))
        .max_by_key(|(suffix, _)| suffix.len())
        .map_or(SpeechLevel::Unknown, |&(_, level)| level)
}

/// A use of the honorific -시- and the noun it honours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Honorific {
    /// Index of the word that carries -시- (`셨`, `십니다`, `세요`, `으세요`).
    pub marker: usize,
    /// The stem of the predicate it is on: `나오`, `없`, `되`, `이` (copula).
    pub predicate: String,
    /// Index of the noun it honours where the sentence names one: the subject marked by 이/가/께서/은/는/도,
    /// a bare noun right before an intransitive predicate (커피 나오셨습니다), or the noun before a copula
    /// (품절이십니다).
    pub subject: Option<usize>,
    /// The subject is a person (고객님, 분, marked by 께서), or something a person has where 있다/없다
    /// honour its owner (질문이 있으시면): -시- is right there.
    pub person: bool,
}

impl Honorific {
    /// -시- on a thing (사물 존대: 커피 나오셨습니다, 품절이십니다, 사이즈가 없으세요).
    pub fn on_thing(&self) -> bool {
        self.subject.is_some() && !self.person
    }
}

/// Nouns for people, and the parts of nouns that make one (고객님, 회원분).
const PERSON_NOUNS: &[&str] = &[
    "고객",
    "손님",
    "회원",
    "분",
    "님",
    "사장",
    "선생",
    "부모",
    "어머님",
    "아버님",
    "어머니",
    "아버지",
    "가족",
    "담당자",
    "기사",
    "아이",
    "자녀",
    "본인",
    "당신",
    "귀하",
    "주인",
    "보호자",
    "사용자",
    "구매자",
    "이용자",
    "신청자",
];

/// What belongs to a person or happens to one, whose predicate honours that person (간접 높임: 질문이
/// 있으시면, 시간 있으세요, 손해가 크셨을 텐데, 차질이 생기셨을).
const OWNED: &[&str] = &[
    "점",
    "사항",
    "질문",
    "문의",
    "문제",
    "불편",
    "시간",
    "의견",
    "요청",
    "용건",
    "궁금증",
    "것",
    "거",
    "일",
    "계획",
    "필요",
    "도움",
    "말씀",
    "생각",
    "걱정",
    "관심",
    "차질",
    "손해",
    "손실",
    "부담",
    "고민",
    "영향",
    "어려움",
    "타격",
    "피해",
    "화",
    "일정",
    "마음",
    "기분",
    "이의",
    "경험",
    "적",
    "수",
    "이력",
    "건강",
    "금액",
    "용무",
    "사정",
    "지장",
    "고생",
    "심려",
    "마음고생",
];

/// Complements of the copula that honour a person, not a thing (이용 중이신 요금제, 말씀이십니까).
const PERSON_COMPLEMENTS: &[&str] = &[
    "중", "말씀", "때문", "계획", "마음", "생각", "의도", "뜻", "거", "것", "분", "님",
];

/// Predicates whose -시- honours the person who feels, needs or checks (궁금하시면, 도움이 필요하시면,
/// 이 계좌가 맞으실까요): right whatever their subject.
const EXPERIENCER: &[&str] = &[
    "궁금하",
    "필요하",
    "급하",
    "헷갈리",
    "불편하",
    "괜찮",
    "좋",
    "싫",
    "어렵",
    "힘들",
    "바쁘",
    "빠듯하",
    "맞",
    "편하",
    "걱정되",
    "당황하",
    "답답하",
    "속상하",
    "아쉽",
];

/// Predicates that take no object, so the noun before them is their subject.
const INTRANSITIVE: &[&str] = &[
    "나오",
    "나가",
    "들어오",
    "들어가",
    "오",
    "가",
    "있",
    "없",
    "계시",
    "남",
    "생기",
    "녹",
    "고장나",
    "늘어나",
    "줄어들",
    "끊기",
    "밀리",
    "커지",
    "작아지",
    "나",
    "떨어지",
    "끝나",
    "바뀌",
    "빠지",
    "늦어지",
    "걸리",
    "지나",
    "막히",
    "풀리",
    "열리",
    "닫히",
    "도착하",
    "출발하",
    "발생하",
    "존재하",
    "성공하",
    "실패하",
];

fn has_honorific(part: &Part) -> bool {
    match part.tag {
        "EP" => matches!(part.lemma, "시" | "으시" | "세" | "으세" | "셨" | "으셨"),
        "EF" | "EC" | "ETM" | "ETN" => [
            "세", "으세", "십", "으십", "셔", "으셔", "셨", "으셨", "신", "으신", "실", "으실",
        ]
        .iter()
        .any(|p| part.lemma.starts_with(p)),
        _ => false,
    }
}

fn is_noun(tag: &str) -> bool {
    matches!(tag, "NNG" | "NNP" | "NNB" | "NP" | "NR" | "UNKNOWN" | "SL")
}

/// Pronouns for people (저희가 ..., 그분이 ...).
const PERSON_PRONOUNS: &[&str] = &[
    "저",
    "제",
    "나",
    "너",
    "네",
    "니",
    "당신",
    "그분",
    "이분",
    "저분",
    "여러분",
    "자기",
    "자네",
    "우리",
    "저희",
    "누구",
];

fn is_stem(tag: &str) -> bool {
    matches!(tag, "VV" | "VA" | "VX" | "VCP" | "VCN" | "XSV" | "XSA")
}

/// The first word of the predicate whose last word is `words[end]`: back over pre-final and final
/// endings, auxiliaries after a connective (해 주세요), and the noun of a 하다/되다 verb or of the copula
/// (완료되셨습니다, 품절이십니다).
fn predicate_start(words: &[Morpheme], end: usize) -> usize {
    let mut start = end;
    while start > 0 {
        let (prev, here) = (&words[start - 1], words[start].first_tag());
        if matches!(here, "XSV" | "XSA" | "VCP")
            && matches!(prev.last_tag(), "NNG" | "NNB" | "NNP" | "XR" | "NP" | "SL")
        {
            return start - 1;
        }
        // An auxiliary after the connectives that join one (해 주세요, 하게 되셨, 하지 않으셨, 하고 계신).
        let auxiliary = here == "VX"
            && prev
                .parts()
                .last()
                .is_some_and(|p| p.tag == "EC" && matches!(p.lemma, "아" | "어" | "여" | "게" | "지" | "고"));
        let attached = matches!(here, "EP" | "EF" | "EC" | "ETM" | "ETN" | "XSV" | "XSA") || auxiliary;
        if attached && (is_stem(prev.first_tag()) || prev.first_tag() == "EP") {
            start -= 1;
        } else {
            break;
        }
    }
    start
}

/// Every use of -시- in an analysed sentence, with the noun it honours.
pub fn honorific_on(words: &[Morpheme]) -> Vec<Honorific> {
    let mut found = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if !word.parts().any(|p| has_honorific(&p)) {
            continue;
        }
        let start = predicate_start(words, i);
        let stem = words[start..=i]
            .iter()
            .position(|m| is_stem(m.first_tag()))
            .map(|k| start + k);
        let mut predicate = stem.map_or(String::new(), |k| words[k].lemma().to_string());
        let noun = (stem > Some(start)).then_some(start);
        let copula = stem.is_some_and(|k| words[k].first_tag() == "VCP");
        if let (Some(n), false) = (noun, copula) {
            predicate = format!("{}{predicate}", words[n].surface);
        }
        let adnominal = words[i].last_tag() == "ETM";
        let before = start.checked_sub(1).filter(|&k| is_noun(words[k].tag));
        let intransitive = copula
            || INTRANSITIVE.contains(&predicate.as_str())
            || predicate.ends_with('되')
            || stem.is_some_and(|k| matches!(words[k].first_tag(), "VA" | "XSA"));
        // Things are honoured by mistake as the subject of a predicate without an object (커피 나오셨습니다,
        // 요금제는 적용되실 거예요); before one with an object, the noun before it is its object or topic
        // (영수증은 출력하실 수 있어요) and the subject is the customer, unsaid.
        let mut subject = marked_subject(words, start).filter(|_| intransitive).map(|(k, _)| k);
        if subject.is_none() && copula {
            subject = noun.or(before);
        }
        if subject.is_none() && intransitive && !adnominal && noun.is_none() {
            subject = before;
        }
        let person = subject.is_some_and(|s| {
            let noun = &words[s];
            let lemma = noun.lemma();
            let honoured = words
                .get(s + 1)
                .is_some_and(|m| m.parts().any(|p| p.lemma == "께서" || p.lemma == "님"));
            let owned = if copula {
                PERSON_COMPLEMENTS.contains(&lemma)
            } else {
                OWNED.contains(&lemma)
            };
            honoured
                || owned
                || possessed(words, s)
                || EXPERIENCER.contains(&predicate.as_str())
                || noun.surface.ends_with('님')
                || PERSON_NOUNS.contains(&lemma)
                || (noun.first_tag() == "NP" && PERSON_PRONOUNS.contains(&lemma))
        });
        found.push(Honorific {
            marker: i,
            predicate,
            subject,
            person,
        });
    }
    found
}

/// Whether a person is named in the clause just before the subject at `s`, as its owner or setting:
/// "가족분 중에 알레르기가 있으셔서", "고객님의 계정이 잠기셨다면". There the -시- honours that person through
/// what is theirs (간접 높임), not the thing.
fn possessed(words: &[Morpheme], s: usize) -> bool {
    for m in words[..s].iter().rev().take(4) {
        if matches!(m.last_tag(), "EC" | "ETM" | "SF" | "SC" | "EF") {
            return false;
        }
        let lemma = m.lemma();
        if m.surface.ends_with('님') || m.surface.ends_with('분') || PERSON_NOUNS.contains(&lemma) {
            return true;
        }
    }
    false
}

/// The nearest noun before `start`, within its clause, followed by a subject particle (이/가/께서) or a
/// topic particle (은/는/도, `true`): the noun directly before the particle, or before its 님.
fn marked_subject(words: &[Morpheme], start: usize) -> Option<(usize, bool)> {
    for j in (0..start).rev() {
        let m = &words[j];
        if matches!(m.last_tag(), "EC" | "ETM" | "SF" | "SC") {
            return None;
        }
        let Some(particle) = m.parts().last().filter(|p| matches!(p.tag, "JKS" | "JX")) else {
            continue;
        };
        let topic = match particle.lemma {
            "이" | "가" | "께서" => false,
            "은" | "는" | "ㄴ" | "도" => true,
            // 부터, 까지, 만: not the subject; it may come earlier.
            _ => continue,
        };
        if is_noun(m.first_tag()) {
            return Some((j, topic));
        }
        let mut k = j.checked_sub(1)?;
        if words[k].surface == "님" && k > 0 {
            k -= 1;
        }
        return is_noun(words[k].last_tag()).then_some((k, topic));
    }
    None
}
