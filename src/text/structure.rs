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
              | (?:안녕하세요|안녕하십니까)(?:[,!~]+\s*|\s+[^\s,.!?]+(?:\s+[^\s,.!?]+)?\s*[,!~]+\s*)
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
    let sentence = sentence.trim();
    short(sentence, MAX_GREETING_CHARS) && may_be_greeting(sentence) && GREETING.is_match(sentence)
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

/// Length in bytes of a greeting that opens a longer sentence ("Hi Dana, " in "Hi Dana, sorry ...").
pub fn greeting_prefix_len(sentence: &str) -> Option<usize> {
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
    line.chars().count() <= 60 && !ends_sentence(line) || line.contains('@') || line.starts_with("http")
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
    fn sentence_endings() {
        assert!(ends_sentence("확인했습니다"));
        assert!(ends_sentence("감사해요~ ^^"));
        assert!(!ends_sentence("불편을 끼쳐"));
        assert!(!ends_sentence("Hi Dana"));
    }
}
