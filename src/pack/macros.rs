//! Pattern macros for Korean conjugation and placeholders, expanded when a pack loads, and the
//! loosening of spaces in Korean patterns.

use crate::text::korean::{final_index_of_jamo, syllables_with_final};

/// A macro the pack used that does not exist, at a byte offset of the pattern.
#[derive(Debug, PartialEq, Eq)]
pub struct UnknownMacro {
    pub offset: usize,
    pub name: String,
}

/// Expands `{T:ㄹ}`, `{HA}`, `{DEURI}`, `{SYL}`, `{NAME}` and `{PLACEHOLDER}`. Counted repetitions such
/// as `{2,3}` and escaped braces are left alone: a macro name starts with an upper-case letter.
pub fn expand(pattern: &str) -> Result<String, UnknownMacro> {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(i) = rest.find(['\\', '{']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix('\\') {
            let escaped = after.chars().next().map_or(0, char::len_utf8);
            out.push_str(&tail[..1 + escaped]);
            rest = &tail[1 + escaped..];
            continue;
        }
        let is_macro = tail[1..].starts_with(|c: char| c.is_ascii_uppercase());
        let close = tail.find('}');
        match (is_macro, close) {
            (true, Some(close)) => {
                let name = &tail[1..close];
                let offset = pattern.len() - tail.len();
                out.push_str(&expansion(name).ok_or_else(|| UnknownMacro {
                    offset,
                    name: name.to_string(),
                })?);
                rest = &tail[close + 1..];
            }
            _ => {
                out.push('{');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

fn expansion(name: &str) -> Option<String> {
    if let Some(jamo) = name.strip_prefix("T:") {
        let index = match jamo {
            "" => 0,
            j => {
                let mut chars = j.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                final_index_of_jamo(c)?
            }
        };
        return Some(format!("[{}]", syllables_with_final(index).collect::<String>()));
    }
    Some(
        match name {
            "HA" => "(?:하였|하셨|하십|하신|하실|하시|하여|합|한|할|함|했|해|하)",
            "DEURI" => "(?:드렸|드려|드립|드린|드릴|드리)",
            "SYL" => "[가-힣]",
            "NAME" => r"\x{E000}",
            "PLACEHOLDER" => r"[\x{E000}\x{E001}]",
            _ => return None,
        }
        .to_string(),
    )
}

/// Whether a scan of a pattern is inside a bracketed class (nested ones such as `[[:alpha:]x]` included).
#[derive(Default)]
struct ClassDepth(usize);

impl ClassDepth {
    /// Follows an unescaped character; true when it opened or closed a class.
    fn step(&mut self, c: char) -> bool {
        match c {
            '[' => self.0 += 1,
            ']' if self.0 > 0 => self.0 -= 1,
            _ => return false,
        }
        true
    }

    fn outside(&self) -> bool {
        self.0 == 0
    }
}

/// Rewrites every literal space and `\s+` outside a character class as `\s*`, so that a Korean phrase
/// written with spaces matches however the draft spaces it. Verbose-mode patterns are left as written.
pub fn loosen_spaces(pattern: &str) -> String {
    if pattern.contains("(?x") {
        return pattern.to_string();
    }
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars().peekable();
    let mut class = ClassDepth::default();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.next();
                if class.outside() && next == Some('s') && chars.peek() == Some(&'+') {
                    chars.next();
                    out.push_str(r"\s*");
                } else {
                    out.push('\\');
                    out.extend(next);
                }
            }
            _ if class.step(c) => out.push(c),
            ' ' if class.outside() => {
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
                out.push_str(r"\s*");
            }
            _ => out.push(c),
        }
    }
    out
}

/// Gives `\w`, `\d` and `\b` their ASCII
/// meaning in English patterns: a Korean particle right after an English word ("soon입니다") then ends
/// the word, and the patterns compile several times faster than with Unicode classes.
pub fn ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut class = ClassDepth::default();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e @ ('w' | 'd' | 'b')) if class.outside() => {
                    out.push_str("(?-u:\\");
                    out.push(e);
                    out.push(')');
                }
                Some('w') => out.push_str("[:word:]"),
                Some('d') => out.push_str("[:digit:]"),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            _ if class.step(c) => out.push(c),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_korean_macros() {
        let t = expand(r"{T:ㄹ}\s*수").unwrap();
        assert!(t.starts_with("[갈") && t.contains('할') && t.ends_with(r"]\s*수"));
        assert_eq!(
            expand("확인{HA}").unwrap(),
            "확인(?:하였|하셨|하십|하신|하실|하시|하여|합|한|할|함|했|해|하)"
        );
        assert!(!expand("{DEURI}").unwrap().contains("드림"));
        assert_eq!(expand(r"a{2,3}\{X}").unwrap(), r"a{2,3}\{X}");
    }

    #[test]
    fn unknown_macros_are_reported_with_their_offset() {
        assert_eq!(
            expand("안녕{FOO}").unwrap_err(),
            UnknownMacro {
                offset: 6,
                name: "FOO".into()
            }
        );
        assert!(expand("{T:ㅃ}").is_err());
    }

    #[test]
    fn english_perl_classes_become_ascii() {
        assert_eq!(
            ascii_classes(r"\bsoon\b \w+ [\w'] \d\s \W"),
            r"(?-u:\b)soon(?-u:\b) (?-u:\w)+ [[:word:]'] (?-u:\d)\s \W"
        );
        assert_eq!(ascii_classes(r"[[:alpha:]\d]x\b"), r"[[:alpha:][:digit:]]x(?-u:\b)");
    }

    #[test]
    fn loosens_spaces_outside_classes() {
        assert_eq!(loosen_spaces(r"불편을 끼쳐\s+드려[ ]x"), r"불편을\s*끼쳐\s*드려[ ]x");
        assert_eq!(loosen_spaces(r"a\ b"), r"a\ b");
    }
}
