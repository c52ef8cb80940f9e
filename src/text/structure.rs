//! Greeting, self-introduction and signature lines, list items and headings: the parts of a reply
//! that are not the agent's body sentences.

use regex_lite::Regex;
use std::sync::LazyLock;

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("structure pattern is valid")
}

static GREETING: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?ix)^(?:
            (?:hi|hello|hey|hiya|dear|greetings|good\ (?:morning|afternoon|evening|day))(?:[\s,!:]|$)[^.!?,\n]*[,!.:]?
          | \x{E000}\s*[,!:]?
          | (?:안녕하세요|안녕하십니까|반갑습니다)[,!~.]*(?:\s*[^\n.!?,]+)?[.!~,]*
          | [^\n.!?]*님(?:께)?\s*[,!.~]*(?:\s*(?:안녕하세요|안녕하십니까)[.!~]*)?
        )$",
    )
});

/// An inline greeting that starts a longer first sentence: "Hi Dana, sorry for ...".
static GREETING_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?ix)^(?:
                (?:hi|hello|hey|dear|good\ (?:morning|afternoon|evening))\b[^,.!?\n]*,\s*
                # 안녕하세요, ... / 안녕하세요 고객님, ... / 안녕하세요 홍길동 님, ...
              | (?:안녕하세요|안녕하십니까)(?:[,!~]+\s*|\s+[^\s,.!?:^]+(?:\s+[^\s,.!?:^]+)?\s*(?:[,!~]+|:\)|\^\^)\s*)
            )",
    )
});

static SELF_INTRODUCTION: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?ix)^(?:
            (?:저는\s*)?[^\n.!?]*(?:팀|센터|담당자|매니저|상담사|상담원|엔지니어)(?:의)?\s*[^\s.!?]*\s*(?:입니다|이에요|예요)[.!]?
          | (?:this\ is|it's|my\ name\ is)\ [^\n.!?]+\ (?:from|with|at|on|of)\ [^\n.!?]+[.!]?
        )$",
    )
});

static VALEDICTION: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?ix)^(?:
            (?:best|best\ regards|best\ wishes|kind\ regards|kindest\ regards|warm\ regards|warmest\ regards
              |regards|warmly|cheers|thanks|thanks\ again|thank\ you|many\ thanks|sincerely|yours\ sincerely
              |yours\ truly|all\ the\ best|take\ care|talk\ soon|with\ thanks)[,!.]?
          | --\s*\S*.*
          | —.*
          | (?:감사합니다|고맙습니다|감사드립니다)[.!~^]*
          | [^\n]*\s*(?:드림|올림)\.?
        )$",
    )
});

static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| regex(r"^\s*(?:[-*•·▪◦‣]|\d{1,2}[.)]|[a-zA-Z][.)]|[①-⑳])\s+"));

static HEADING: LazyLock<Regex> = LazyLock::new(|| regex(r"^\s*#{1,6}\s+\S"));

/// Greetings, introductions and sign-offs are short; the patterns leave length to these checks
/// because bounded repetitions of Unicode classes are slow to compile.
const MAX_GREETING_CHARS: usize = 40;
const MAX_GREETING_PREFIX_CHARS: usize = 45;
const MAX_INTRODUCTION_CHARS: usize = 60;
const MAX_VALEDICTION_CHARS: usize = 40;

fn short(text: &str, max: usize) -> bool {
    text.chars().count() <= max
}

pub fn is_greeting(sentence: &str) -> bool {
    let sentence = without_trailing_smileys(sentence.trim());
    short(sentence, MAX_GREETING_CHARS) && may_be_greeting(sentence) && GREETING.is_match(sentence)
}

/// A greeting without the smileys that may close it: "안녕하세요 고객님^^", "Hi Dana :)".
fn without_trailing_smileys(text: &str) -> &str {
    let mut rest = text;
    loop {
        let trimmed = rest.trim_end();
        let next = [":)", ":-)", ":D", "^^", "ㅎㅎ", "😊", "🙂", "😀"]
            .iter()
            .find_map(|s| trimmed.strip_suffix(s))
            .unwrap_or(trimmed);
        if next.len() == rest.len() {
            return rest;
        }
        rest = next;
    }
}

/// What `GREETING` cannot match without: one of its openings ("hi", "dear", "good ...", the name
/// placeholder, "안녕", "반갑") or a "님". Checked first because a pattern search costs far more than
/// this, and most lines are no greeting.
fn may_be_greeting(sentence: &str) -> bool {
    let first = sentence.chars().next();
    matches!(
        first,
        Some('h' | 'H' | 'd' | 'D' | 'g' | 'G' | '\u{E000}' | '안' | '반')
    ) || sentence.contains('님')
}

/// A form of address that opens a reply's first sentence without a greeting word: "고객님, ...",
/// "김민지 고객님, ...", "민지 님, ...", "Valued customer, ...". It is the reply's greeting.
static ADDRESS_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?ix)^(?:
            (?:[가-힣]{2,4}\s*)?(?:고객|회원)\s*님\s*,\s*
          | [가-힣A-Za-z]{2,10}\s*님\s*,\s*
          | (?:dear\s+|our\s+)?valued\s+(?:customer|client|member|user|guest)\s*,\s*
        )",
    )
});

/// Length in bytes of a greeting that opens a longer sentence ("Hi Dana, " in "Hi Dana, sorry ...").
pub fn greeting_prefix_len(sentence: &str) -> Option<usize> {
    if sentence.contains('님') || first_letter_may_be(sentence, "v", &[]) {
        if let Some(m) = ADDRESS_PREFIX
            .find(sentence)
            .filter(|m| short(m.as_str(), MAX_GREETING_PREFIX_CHARS))
        {
            return Some(m.end());
        }
    }
    if !first_letter_may_be(sentence, "hdg", &['안']) {
        return None;
    }
    GREETING_PREFIX
        .find(sentence)
        .filter(|m| short(m.as_str(), MAX_GREETING_PREFIX_CHARS))
        .map(|m| m.end())
}

pub fn is_self_introduction(sentence: &str) -> bool {
    let sentence = sentence.trim();
    short(sentence, MAX_INTRODUCTION_CHARS) && may_be_introduction(sentence) && SELF_INTRODUCTION.is_match(sentence)
}

/// What `SELF_INTRODUCTION` cannot match without: a Korean role word, or an English opening ("this is",
/// "it's", "my name is").
fn may_be_introduction(sentence: &str) -> bool {
    const ROLES: [&str; 7] = ["팀", "센터", "담당자", "매니저", "상담사", "상담원", "엔지니어"];
    ROLES.iter().any(|role| sentence.contains(role)) || first_letter_may_be(sentence, "tim", &[])
}

pub fn is_valediction(line: &str) -> bool {
    let line = line.trim();
    short(line, MAX_VALEDICTION_CHARS) && may_be_valediction(line) && VALEDICTION.is_match(line)
}

/// What `VALEDICTION` cannot match without: one of its first words or a dash at the start, or "드림" /
/// "올림" at the end. Most short lines are not a sign-off, and this is far cheaper than the pattern.
fn may_be_valediction(line: &str) -> bool {
    const FIRST_WORDS: [&str; 17] = [
        "all",
        "best",
        "cheers",
        "kind",
        "kindest",
        "many",
        "regards",
        "sincerely",
        "take",
        "talk",
        "thank",
        "thanks",
        "warm",
        "warmest",
        "warmly",
        "with",
        "yours",
    ];
    let signed = line.trim_end_matches('.');
    if signed.ends_with("드림") || signed.ends_with("올림") {
        return true;
    }
    match line.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => {
            let word = line
                .split(|c: char| !c.is_ascii_alphabetic())
                .next()
                .unwrap_or_default();
            FIRST_WORDS.contains(&word.to_ascii_lowercase().as_str())
        }
        Some('-') => line.starts_with("--"),
        _ => first_letter_may_be(line, "", &['감', '고']),
    }
}

/// Whether a pattern whose matches start with one of these ASCII letters (in either case) or Hangul
/// syllables could match `text`.
fn first_letter_may_be(text: &str, ascii: &str, syllables: &[char]) -> bool {
    match text.chars().next() {
        Some(c) if c.is_ascii() => ascii.contains(c.to_ascii_lowercase()),
        Some(c) if super::korean::is_syllable(c) => syllables.contains(&c),
        // Anything else may case-fold into one of the letters: the pattern decides.
        Some(_) => true,
        None => false,
    }
}

/// Length in bytes of a list marker ("- ", "1. ", "• ") that starts the line.
pub fn list_marker_len(line: &str) -> Option<usize> {
    may_start_with_marker(line)
        .then(|| LIST_MARKER.find(line))
        .flatten()
        .map(|m| m.end())
}

/// What `LIST_MARKER` cannot match without: a bullet, or a `.` or `)` within the first three characters
/// of the text. Checked first, as most lines are no list item.
fn may_start_with_marker(line: &str) -> bool {
    let mut chars = line.trim_start().chars();
    match chars.next() {
        Some(c) if "-*•·▪◦‣".contains(c) || ('①'..='⑳').contains(&c) => true,
        Some(_) => chars.take(2).any(|c| matches!(c, '.' | ')')),
        None => false,
    }
}

pub fn is_heading(line: &str) -> bool {
    line.contains('#') && HEADING.is_match(line)
}

/// A line that can follow a valediction in a signature: a name, a title, a team, an address.
pub fn is_signature_detail(line: &str) -> bool {
    let line = line.trim();
    line.chars().count() <= 60 && !ends_sentence(line)
        || line.contains('@')
        || line.starts_with("http")
        || is_signature_line(line)
}

/// A sign-off that is only a name, with no valediction before it: "Rachel", "J. Lee", "김소연". One to three
/// words, each a capitalised Latin word or initial, or a short Hangul word.
pub fn is_bare_name(line: &str) -> bool {
    let line = line.trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    let name_word = |w: &str| {
        let mut chars = w.chars();
        let first = chars.next();
        // "Rachel", "O'Neil" or an initial "J."; not a shouted word such as "OK".
        let initial = w.len() == 2 && w.ends_with('.');
        let latin = first.is_some_and(|c| c.is_ascii_uppercase())
            && w.chars()
                .all(|c| c.is_ascii_alphabetic() || matches!(c, '.' | '-' | '\''))
            && (initial || w.chars().any(|c| c.is_ascii_lowercase()));
        let hangul = w.chars().all(super::korean::is_syllable) && (2..=5).contains(&w.chars().count());
        latin || hangul
    };
    (1..=3).contains(&words.len()) && line.chars().count() <= 30 && words.iter().all(|w| name_word(w))
}

static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\s*(?:subject|re|fwd?|to|from|cc|bcc|date|sent|reply-to|제목|받는\s*사람|보낸\s*사람|참조|날짜)\s*:\s*\S",
    )
});

/// The line that starts a quoted thread below a reply: "On Mon, 3 Mar 2025, Dana <d@x.com> wrote:",
/// "-----Original Message-----", "---------- Forwarded message ---------", "2025년 3월 3일 (월) 김민지님이 작성:".
static THREAD_START: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?ix)^\s*(?:
            on\s.{4,200}\swrote:
          | -{2,}\s*(?:original\s+message|forwarded\s+message)\s*-{2,}
          | .{2,200}(?:님이|님께서)?\s*작성(?:했습니다)?\s*:
          | -{2,}\s*원본\s*메(?:시지|세지)\s*-{2,}
        )\s*$",
    )
});

/// A job title or team in a signature: "Customer Success Manager", "Support Team", "고객지원팀 매니저".
static JOB_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?:\b(?:manager|specialist|agent|representative|associate|advocate|support|team|lead|director|officer|advisor|adviser|consultant|engineer|coordinator|executive|success|care|services?|department|desk|ceo|cto|coo|founder|co-founder|owner|supervisor|head\s+of|helpdesk|help\s+desk)\b|팀|센터|담당자?|매니저|상담사|상담원|엔지니어|팀장|대리|주임|과장|실장|대표)",
    )
});

static COMPANY: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)(?:\b(?:inc|ltd|llc|gmbh|corp|corporation|plc|pty|co)\.?\s*$|\(주\)|㈜|주식회사)"));

/// A phone number line: "Tel: +1 (555) 010-2030", "+82 2-123-4567", "전화 02-123-4567".
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:(?:tel|phone|mobile|cell|fax|direct|office|call|p|m|t|전화|휴대폰|연락처|팩스)\s*[:.]?\s*)?\+?\(?\d[\d\s().-]{6,}\d(?:\s*(?:ext\.?|x)\s*\d+)?$",
    )
});

/// A line that is only an email address or a web address, possibly after a label ("Email: ...").
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:(?:e-?mail|web|website|site|url|이메일|메일|홈페이지)\s*[:.]?\s*)?(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+)$",
    )
});

/// Instruction verbs a step of a list starts with: "Use the web app", "Clear your browser cache".
const STEP_VERBS: [&str; 56] = [
    "add",
    "call",
    "change",
    "check",
    "choose",
    "clear",
    "click",
    "close",
    "connect",
    "contact",
    "copy",
    "delete",
    "disable",
    "disconnect",
    "download",
    "email",
    "enable",
    "enter",
    "export",
    "go",
    "import",
    "install",
    "log",
    "make",
    "navigate",
    "open",
    "pay",
    "paste",
    "press",
    "reboot",
    "refresh",
    "reinstall",
    "reload",
    "remove",
    "reset",
    "restart",
    "retry",
    "run",
    "save",
    "select",
    "send",
    "set",
    "sign",
    "switch",
    "tap",
    "try",
    "turn",
    "type",
    "uninstall",
    "unplug",
    "update",
    "upgrade",
    "upload",
    "use",
    "visit",
    "wait",
];

/// A header line above the reply: `Subject: Your refund`, `To: dana@example.com`, `제목: 환불 안내`.
pub fn is_header_line(line: &str) -> bool {
    line.contains(':') && line.chars().count() <= 200 && HEADER_LINE.is_match(line)
}

/// A line quoting the customer's message: `> I was charged twice`.
pub fn is_quoted_line(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

/// The line that starts the quoted thread below a reply ("On ... wrote:").
pub fn is_thread_start(line: &str) -> bool {
    let trimmed = line.trim_end();
    (trimmed.ends_with(':') || trimmed.ends_with('-')) && trimmed.chars().count() <= 240 && THREAD_START.is_match(line)
}

/// A template note for the agent, alone on its line: `[Direct Contact Information]`, `[insert the
/// tracking link]`, or a placeholder that is not the customer's name alone on its line.
pub fn is_template_note(line: &str) -> bool {
    let line = line.trim();
    let bracketed = line.starts_with('[')
        && line.ends_with(']')
        && line[1..line.len() - 1]
            .chars()
            .all(|c| c != '[' && c != ']' && c != '\n')
        && line.chars().count() <= 100;
    bracketed
        || (!line.is_empty()
            && line
                .chars()
                .all(|c| c == super::placeholders::OTHER_MASK || c.is_whitespace()))
}

/// A line that can be part of a signature block written without a valediction: a name, a job title or
/// team, a company, a phone number, an email or web address, a template note.
pub fn is_signature_line(line: &str) -> bool {
    let line = line.trim();
    if line.chars().count() > 60 {
        return false;
    }
    signs_off(line)
        || is_template_note(line)
        || COMPANY.is_match(line) && !ends_sentence(line.trim_end_matches('.'))
        || CONTACT.is_match(line)
}

/// A line that shows a block of short lines at the end is a signature: a name, a job title or team, an
/// email address or a phone number (a web address or a template note alone does not).
pub fn signs_off(line: &str) -> bool {
    let line = line.trim();
    let email = CONTACT.is_match(line) && line.contains('@');
    let title = JOB_TITLE.is_match(line) && !ends_sentence(line) && line.split_whitespace().count() <= 8;
    is_bare_name(line) || title || email || PHONE.is_match(line)
}

/// A list item that is a step for the customer: it starts with an instruction ("Use the web app",
/// "Try a private window") or, in Korean, ends with a request or suggestion ("앱을 다시 설치해 보세요",
/// "캐시 삭제하기").
pub fn is_step(item: &str) -> bool {
    let item = item.trim();
    let first = item
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if STEP_VERBS.contains(&first.as_str()) {
        return true;
    }
    let end = item.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '~' | ')'));
    ["세요", "십시오", "하기", "보기", "주세요"]
        .iter()
        .any(|e| end.ends_with(e))
}

static QA_MARKER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\s*(?:(Q|Question|질문|문)|(A|Answer|답변|답))\s*[:.)]\s*"));

static QUESTION_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\s*(?:how\s+(?:do|does|can|to|long|much|many|often|should)|what\s+(?:is|are|does|do|happens|if|should|can)|why\s+(?:is|are|does|do|did|can'?t|am|was)|where\s+(?:is|are|can|do|does)|when\s+(?:will|does|do|is|are|can|should)|can\s+i|do\s+i|do\s+you|does|is\s+(?:there|it|my)|are\s+there|which|will\s+(?:i|my)|should\s+i|how's|what's)\b[^\n]*\?\s*$",
    )
});

/// `Q:` / `A:` (`Question:`, `질문:`, `답변:`) at the start of a line of an FAQ entry: whether it asks
/// (`Some(true)`) or answers, and the marker's length in bytes.
pub fn qa_marker(line: &str) -> Option<(bool, usize)> {
    if !line.contains([':', '.', ')']) {
        return None;
    }
    let caps = QA_MARKER.captures(line)?;
    Some((caps.get(1).is_some(), caps.get(0)?.end()))
}

/// A question standing as the title of an FAQ answer: "How do I reset my password?",
/// "비밀번호는 어떻게 바꾸나요?".
pub fn is_question_heading(line: &str) -> bool {
    let line = line.trim();
    if !line.ends_with('?') || line.chars().count() > 120 || line.matches('?').count() > 1 {
        return false;
    }
    let korean = line.chars().any(super::korean::is_syllable);
    if korean {
        let end = line.trim_end_matches('?').trim_end();
        return [
            "나요",
            "까요",
            "가요",
            "인가요",
            "하나요",
            "되나요",
            "있나요",
            "없나요",
            "는지요",
        ]
        .iter()
        .any(|e| end.ends_with(e))
            && !line.contains("고객님");
    }
    QUESTION_HEADING.is_match(line)
}

/// The customer called by name inside a sentence: "Got it, Sarah.", "Thanks, Dana!", "Luka, I told ...",
/// "민지 님께서 ...", "김민지 고객님의 ...".
static VOCATIVE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:,\s+([A-Z][a-z\x{E0}-\x{FF}'-]+)\s*[.!?]+$|^([A-Z][a-z\x{E0}-\x{FF}'-]+),\s|(?:^|[\s,.!?~])([가-힣]{2,4})\s*(?:고객\s*|회원\s*)?님)",
    )
});

/// Words a sentence may open or close with before or after a comma that are not a name.
const NOT_NAMES: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Absolutely",
    "Actually",
    "Additionally",
    "Again",
    "Alright",
    "Also",
    "Anyway",
    "Basically",
    "Besides",
    "Certainly",
    "Currently",
    "Everyone",
    "Finally",
    "First",
    "Folks",
    "Fortunately",
    "Friend",
    "Friends",
    "Great",
    "Guys",
    "Hello",
    "Here",
    "Hey",
    "Hi",
    "Honestly",
    "However",
    "Indeed",
    "Initially",
    "Instead",
    "Lastly",
    "Later",
    "Luckily",
    "Meanwhile",
    "Next",
    "No",
    "Nope",
    "Normally",
    "Noted",
    "Now",
    "Oh",
    "Ok",
    "Okay",
    "Otherwise",
    "Overall",
    "Perfect",
    "Please",
    "Previously",
    "Recently",
    "Regardless",
    "Right",
    "Sadly",
    "Second",
    "Secondly",
    "So",
    "Sorry",
    "Still",
    "Sure",
    "Team",
    "Thanks",
    "Then",
    "Therefore",
    "Today",
    "Tomorrow",
    "Too",
    "Typically",
    "Ultimately",
    "Understood",
    "Unfortunately",
    "Usually",
    "Well",
    "Yes",
    "Yesterday",
];

/// Korean words before 님 that are not a name: 고객님, 회원님, 담당자님.
const NOT_KOREAN_NAMES: [&str; 16] = [
    "고객",
    "회원",
    "사용자",
    "이용자",
    "구매자",
    "가입자",
    "관리자",
    "담당자",
    "여러분",
    "선생",
    "사장",
    "대표",
    "손님",
    "모험가",
    "플레이어",
    "구독자",
];

/// Whether a sentence of the agent's calls the customer by name, or by a placeholder for their name.
pub fn addresses_by_name(sentence: &str) -> bool {
    if sentence.contains(super::placeholders::NAME_MASK) {
        return true;
    }
    if !sentence.contains([',', '님']) {
        return false;
    }
    VOCATIVE.captures_iter(sentence).any(|caps| {
        let latin = caps.get(1).or_else(|| caps.get(2)).map(|m| m.as_str());
        match (latin, caps.get(3).map(|m| m.as_str())) {
            (Some(word), _) => !NOT_NAMES.contains(&word) && word.chars().count() >= 2,
            (None, Some(word)) => !NOT_KOREAN_NAMES.iter().any(|n| word.ends_with(n)),
            (None, None) => false,
        }
    })
}

/// Whether a line ends a sentence: terminal punctuation, or a Korean predicate ending (다, 요, 죠, 까)
/// possibly followed by decoration such as `~`, `^^` or `ㅎㅎ`.
pub fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '~' | '^' | ')' | ':' | ';') || super::korean::is_compat_jamo(c)
    });
    matches!(
        trimmed.chars().next_back(),
        Some('.' | '!' | '?' | '。' | '…' | '"' | '\'' | '다' | '요' | '죠' | '까' | '함' | '음' | '됨')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greetings_in_both_languages() {
        for g in [
            "Hi Dana,",
            "Hello!",
            "Dear valued customer,",
            "안녕하세요, 고객님.",
            "김민수 고객님,",
            "고객님, 안녕하세요.",
            "\u{E000},",
        ] {
            assert!(is_greeting(g), "{g}");
        }
        for s in [
            "Hi-res exports failed today.",
            "불편을 드려 죄송합니다.",
            "We are sorry.",
        ] {
            assert!(!is_greeting(s), "{s}");
        }
        assert_eq!(greeting_prefix_len("Hi Dana, sorry for the wait."), Some(9));
        let ko = "안녕하세요 고객님, 불편을 드려 정말 죄송합니다.";
        assert!(!is_greeting(ko));
        assert_eq!(greeting_prefix_len(ko).map(|n| &ko[..n]), Some("안녕하세요 고객님, "));
        assert_eq!(
            greeting_prefix_len("안녕하세요, 결제 오류 건입니다."),
            Some("안녕하세요, ".len())
        );
        assert_eq!(
            greeting_prefix_len("안녕하세요 불편을 드려 정말 죄송합니다, 곧 고칩니다."),
            None
        );
        // Smileys after a greeting.
        assert!(is_greeting("안녕하세요 고객님^^") && is_greeting("Hi Dana :)"));
        let ko = "안녕하세요 고객님 :) 문의하신 제품은 재고가 있습니다.";
        assert_eq!(greeting_prefix_len(ko).map(|n| &ko[..n]), Some("안녕하세요 고객님 :) "));
        // A form of address opening the reply is its greeting.
        let ko = "고객님, 요청하신 환불은 오늘 처리되었습니다.";
        assert_eq!(greeting_prefix_len(ko).map(|n| &ko[..n]), Some("고객님, "));
        let ko = "김민지 고객님, 환불이 처리되었습니다.";
        assert_eq!(greeting_prefix_len(ko).map(|n| &ko[..n]), Some("김민지 고객님, "));
        let en = "Valued customer, your order has shipped.";
        assert_eq!(greeting_prefix_len(en).map(|n| &en[..n]), Some("Valued customer, "));
        assert_eq!(greeting_prefix_len("고객님께서 요청하신 환불은 처리되었습니다."), None);
        assert_eq!(greeting_prefix_len("Values, as we see them, matter."), None);
    }

    #[test]
    fn signatures_and_valedictions() {
        for v in [
            "Best,",
            "Kind regards",
            "감사합니다.",
            "김민수 드림",
            "고객지원팀 올림",
            "-- ",
            "Thanks!",
        ] {
            assert!(is_valediction(v), "{v}");
        }
        assert!(!is_valediction("Thanks for your patience while we fix this."));
        for v in ["BEST REGARDS", "— Sam", "고맙습니다~", "홍길동 드림."] {
            assert!(may_be_valediction(v) && is_valediction(v), "{v}");
        }
        // Lines the cheap check turns away before the pattern is tried.
        for line in ["Please check the link", "확인 부탁드립니다", "Order #1234"] {
            assert!(!may_be_valediction(line), "{line}");
        }
        assert!(!may_be_introduction("확인해 보겠습니다"));
        assert!(is_self_introduction("저는 고객지원팀 김민수입니다."));
        assert!(is_self_introduction("It's Dana with support."));
        assert!(is_signature_detail("Dana Kim, Support Lead"));
        for name in ["Rachel", "J. Lee", "김소연", "Mary-Ann O'Neil"] {
            assert!(is_bare_name(name), "{name}");
        }
        for not_a_name in [
            "Thanks for waiting.",
            "we fixed it",
            "환불되었습니다",
            "Our team is on it now",
            "OK",
        ] {
            assert!(!is_bare_name(not_a_name), "{not_a_name}");
        }
        assert!(!is_signature_detail("We will update you within two hours."));
    }

    #[test]
    fn the_customer_called_by_name_in_a_sentence() {
        for named in [
            "Got it, Sarah.",
            "Thanks so much, Dana!",
            "Luka, I told Sensei Wu what happened.",
            "민지 님께서 요청하신 환불은 처리되었습니다.",
            "김민지 고객님의 주문을 확인했습니다.",
            "Sorry, \u{E000}, it sounds like you reached us in error.",
        ] {
            assert!(addresses_by_name(named), "{named}");
        }
        for not_named in [
            "However, the refund is on its way.",
            "We refunded you, Friday.",
            "Your refund went out today.",
            "고객님의 주문을 확인했습니다.",
            "담당자님께 전달했습니다.",
            "Unfortunately, we cannot do that.",
        ] {
            assert!(!addresses_by_name(not_named), "{not_named}");
        }
    }

    #[test]
    fn sentence_endings() {
        assert!(ends_sentence("확인했습니다"));
        assert!(ends_sentence("감사해요~ ^^"));
        assert!(!ends_sentence("불편을 끼쳐"));
        assert!(!ends_sentence("Hi Dana"));
    }
}
