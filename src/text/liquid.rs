//! Liquid conditionals in help-desk macros: `{% if %}Hi {{first_name}},{% else %}Hello,{% endif %}` sends
//! one branch or the other, never both, so each branch is linted as the customer would read it. A variant
//! keeps one branch of every top-level conditional and blanks the rest, and the tags, with spaces (same
//! length, line breaks kept), so spans in any variant point at the user's text.

use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

fn tag_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"\{%-?\s*(if|unless|case|elsif|else|when|endif|endunless|endcase)\b[^%]*-?%\}")
            .expect("a valid pattern")
    })
}

/// The texts a customer may receive: one per branch (the most branches any conditional has), or just the
/// text itself when it has no conditional.
pub fn variants(text: &str) -> Vec<String> {
    let blocks = top_level_blocks(text);
    let Some(most) = blocks.iter().map(Vec::len).max() else {
        return vec![text.to_string()];
    };
    (0..most)
        .map(|pick| {
            let mut variant = text.to_string();
            for branches in &blocks {
                let keep = pick.min(branches.len() - 1);
                for (i, branch) in branches.iter().enumerate() {
                    if i != keep {
                        // One space per byte, so Hangul keeps its length in bytes too.
                        let blank: String = text[branch.clone()]
                            .chars()
                            .map(|c| {
                                if c == '\n' {
                                    "\n".to_string()
                                } else {
                                    " ".repeat(c.len_utf8())
                                }
                            })
                            .collect();
                        variant.replace_range(branch.clone(), &blank);
                    }
                }
            }
            // The tags themselves never reach the customer either.
            for tag in tag_pattern().find_iter(text) {
                variant.replace_range(tag.range(), &" ".repeat(tag.len()));
            }
            variant
        })
        .collect()
}

/// Each top-level conditional as the byte ranges of its branches. One without `else` gets an empty
/// branch for the case where nothing is sent.
fn top_level_blocks(text: &str) -> Vec<Vec<Range<usize>>> {
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    let mut branches: Vec<Range<usize>> = Vec::new();
    let mut branch_start = 0;
    let mut has_else = false;
    for caps in tag_pattern().captures_iter(text) {
        let tag = caps.get(0).expect("the whole tag");
        match &caps[1] {
            "if" | "unless" | "case" => {
                depth += 1;
                if depth == 1 {
                    branches.clear();
                    has_else = false;
                    branch_start = tag.end();
                }
            }
            "elsif" | "else" | "when" if depth == 1 => {
                branches.push(branch_start..tag.start());
                branch_start = tag.end();
                has_else |= &caps[1] == "else";
            }
            "endif" | "endunless" | "endcase" if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    branches.push(branch_start..tag.start());
                    if !has_else {
                        branches.push(tag.start()..tag.start());
                    }
                    blocks.push(std::mem::take(&mut branches));
                }
            }
            _ => {}
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_branch_is_a_variant_with_the_same_length() {
        let text = "{% if ticket.requester.first_name %}Hi {{ticket.requester.first_name}},{% else %}Hello,{% endif %}\nThanks.";
        let variants = variants(text);
        assert_eq!(variants.len(), 2);
        assert!(variants.iter().all(|v| v.len() == text.len()));
        assert!(variants[0].contains("Hi {{ticket") && !variants[0].contains("Hello,"));
        assert!(variants[1].contains("Hello,") && !variants[1].contains("Hi {{ticket"));
        assert_eq!(super::variants("No conditionals."), ["No conditionals."]);
        // Without an else, one variant sends nothing there.
        let optional = "Hi,{% if vip %} Thanks for being a VIP.{% endif %} Bye.";
        let variants = super::variants(optional);
        assert_eq!(variants.len(), 2);
        assert!(!variants[1].contains("VIP"));
    }

    #[test]
    fn korean_branches_keep_their_length_in_bytes() {
        let text = "{% if name %}안녕하세요 {{name}} 님,{% else %}안녕하세요,{% endif %}\n죄송합니다.";
        for variant in variants(text) {
            assert_eq!(variant.len(), text.len());
            assert!(variant.ends_with("\n죄송합니다."), "{variant}");
        }
    }
}
