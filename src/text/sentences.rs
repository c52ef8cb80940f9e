//! Splitting a draft into sentences: UAX#29 as the base layer, plus what support replies need on top
//! (hard-wrapped lines joined, list markers and headings set apart, Korean decoration such as `~`, `^^`,
//! `ㅎㅎ` ending a sentence, no split inside quotes) and the role of each sentence.

use super::korean::is_syllable;
use super::normalize::Normalized;
use super::structure;
use regex_lite::Regex;
use std::ops::Range;
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

/// What a sentence is in the reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Greeting,
    Body,
    ListItem,
    Heading,
    Signature,
    /// A header line above the reply: `Subject: ...`, `To: ...`, `제목: ...`.
    Header,
    /// Text the customer wrote, quoted: `> ...` lines, and everything from "On ... wrote:" on.
    Quote,
    /// A template note for the agent, alone on its line: `[Direct Contact Information]`,
    /// `[Insert the steps here]`.
    Note,
}

/// A sentence: a trimmed range of the normalised view, and its role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub range: Range<usize>,
    pub role: Role,
}

/// Korean chat decoration after a syllable ends a sentence even without punctuation: "확인했어요~ 그럼".
static DECORATION_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[가-힣]\s*(?:~+|\^\^+|ㅎㅎ+|ㅋㅋ+|ㅠㅠ+|ㅜㅜ+)[~^ㅎㅋㅠㅜ!.]*\s+").expect("valid"));

/// `DECORATION_END` cannot match without one of these, and most sentences have none: looking for them
/// first spares searching the pattern through every sentence.
const DECORATION: [char; 6] = ['~', '^', 'ㅎ', 'ㅋ', 'ㅠ', 'ㅜ'];

struct Line {
    range: Range<usize>,
    role: Role,
    /// Bytes of list marker to skip at the start of the line.
    marker: usize,
}

/// Splits the normalised view into sentences. Joins hard-wrapped lines in `view` (their line break
/// becomes a space) so that later matching sees one sentence as one line.
pub fn split(view: &mut Normalized) -> Vec<Sentence> {
    let mut lines = classify_lines(&view.text);
    join_hard_wraps(view, &mut lines);
    let text = view.text.as_str();

    let mut sentences = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        // A block is a line and the lines joined to it (their break is now a space).
        let mut end = line.range.end;
        let mut j = i + 1;
        while j < lines.len() && text.as_bytes().get(lines[j].range.start.wrapping_sub(1)) == Some(&b' ') {
            end = lines[j].range.end;
            j += 1;
        }
        let block = line.range.start + line.marker..end;
        match line.role {
            Role::Body | Role::ListItem => split_block(text, block, line.role, &mut sentences),
            role => push_trimmed(text, block, role, &mut sentences),
        }
        i = j;
    }
    mark_greeting(text, &mut sentences);
    mark_trailing_sign_off(text, &mut sentences);
    sentences
}

/// A sign-off written on the last line of the text rather than on a line of its own ("... let me know.
/// Thanks!", "... 말씀 주세요. 감사합니다!") is the signature, not the last sentence of the body.
fn mark_trailing_sign_off(text: &str, sentences: &mut [Sentence]) {
    let Some(last) = sentences
        .iter()
        .rposition(|s| !matches!(s.role, Role::Signature | Role::Quote | Role::Note))
    else {
        return;
    };
    let bodies = sentences[..last].iter().filter(|s| s.role == Role::Body).count();
    let sentence = &text[sentences[last].range.clone()];
    if sentences[last].role == Role::Body && bodies > 0 && structure::is_valediction(sentence) {
        sentences[last].role = Role::Signature;
    }
}

fn classify_lines(text: &str) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut start = 0;
    // Header lines count only above everything else; once a quoted thread starts, the rest is quoted.
    let mut above_reply = true;
    let mut in_thread = false;
    for piece in text.split('\n') {
        let range = start..start + piece.len();
        start = range.end + 1;
        if piece.trim().is_empty() {
            continue;
        }
        if structure::is_thread_start(piece) {
            in_thread = true;
        }
        let (role, marker) = if in_thread || structure::is_quoted_line(piece) {
            (Role::Quote, 0)
        } else if above_reply && structure::is_header_line(piece) {
            (Role::Header, 0)
        } else if structure::is_template_note(piece) {
            (Role::Note, 0)
        } else if let Some((asks, len)) = structure::qa_marker(piece) {
            // An FAQ entry: the question is its heading, the answer is body text.
            if asks {
                (Role::Heading, len)
            } else {
                (Role::Body, len)
            }
        } else if lines.iter().all(|l| l.role == Role::Header) && structure::is_question_heading(piece) {
            // A question on the first line, as the title of an FAQ answer; not when it ends the draft.
            (Role::Heading, 0)
        } else {
            match structure::list_marker_len(piece) {
                Some(len) => (Role::ListItem, len),
                None if structure::is_heading(piece) => (Role::Heading, 0),
                None => (Role::Body, 0),
            }
        };
        above_reply &= role == Role::Header;
        lines.push(Line { range, role, marker });
    }
    // A question alone in the draft is the text itself, not the title of one.
    if let Some(first) = lines.iter().position(|l| l.role != Role::Header) {
        let line = &lines[first];
        if first + 1 == lines.len() && line.role == Role::Heading && line.marker == 0 {
            let piece = &text[line.range.clone()];
            if structure::is_question_heading(piece) {
                lines[first].role = Role::Body;
            }
        }
    }
    // The reply's own lines end where the quoted thread starts: its signature is looked for there.
    let own = lines
        .iter()
        .rposition(|l| l.role != Role::Quote)
        .map_or(0, |last| last + 1);
    mark_signature(text, &mut lines[..own]);
    lines
}

/// The signature starts at the earliest valediction among the last ten lines after which every line
/// is a signature detail (name, title, team, address, template note).
fn mark_signature(text: &str, lines: &mut [Line]) {
    let window_start = lines.len().saturating_sub(10);
    let start = (window_start..lines.len()).find(|&k| {
        structure::is_valediction(&text[lines[k].range.clone()])
            && lines[k + 1..]
                .iter()
                .all(|l| structure::is_signature_detail(&text[l.range.clone()]))
    });
    if let Some(k) = start {
        for line in &mut lines[k..] {
            line.role = Role::Signature;
        }
        return;
    }
    // No valediction: a block of signature lines at the end (a name, a job title, a company, contact
    // lines, template notes such as `[Agent Name]`) with at least one name, title or contact line in it.
    let block = lines
        .iter()
        .rev()
        .take(10)
        .take_while(|l| {
            matches!(l.role, Role::Body | Role::Note) && structure::is_signature_line(&text[l.range.clone()])
        })
        .count();
    let signs = |l: &Line| structure::signs_off(&text[l.range.clone()]);
    if block > 0 && block < lines.len() && lines[lines.len() - block..].iter().any(signs) {
        let from = lines.len() - block;
        for line in &mut lines[from..] {
            line.role = Role::Signature;
        }
        return;
    }
    // No valediction: a last line that is only a name, set apart by a blank line, still signs off.
    if let [.., before, last] = lines {
        let set_apart = text[before.range.end..last.range.start].matches('\n').count() >= 2;
        let last_text = text[last.range.clone()].trim();
        // A name, or a placeholder alone on its line ({{current_user.first_name}}: the agent's name).
        let signs_off = structure::is_bare_name(last_text) || matches!(last_text, "\u{E000}" | "\u{E001}");
        if set_apart && last.role == Role::Body && signs_off {
            last.role = Role::Signature;
        }
    }
}

/// A line that does not end a sentence continues on the next line when that line starts in lower
/// case or both sides of the break are Hangul (an email client's hard wrap).
fn join_hard_wraps(view: &mut Normalized, lines: &mut [Line]) {
    for k in 0..lines.len().saturating_sub(1) {
        let (this, next) = (&lines[k], &lines[k + 1]);
        let adjacent = next.range.start == this.range.end + 1;
        let joinable_roles = matches!(this.role, Role::Body | Role::ListItem) && next.role == Role::Body;
        if !adjacent || !joinable_roles {
            continue;
        }
        let this_text = view.text[this.range.clone()].trim_end();
        let next_text = view.text[next.range.clone()].trim_start();
        if this_text.ends_with([',', ':', ';'])
            || structure::ends_sentence(this_text)
            || structure::is_greeting(this_text)
        {
            continue;
        }
        let last = this_text.chars().next_back();
        let first = next_text.chars().next();
        let continues = first.is_some_and(|c| c.is_lowercase())
            || (last.is_some_and(is_syllable) && first.is_some_and(is_syllable));
        if continues {
            view.join_line_at(this.range.end);
        }
    }
}

/// UAX#29 sentences of one block, with quotes kept whole and Korean decoration splits added.
fn split_block(text: &str, block: Range<usize>, role: Role, out: &mut Vec<Sentence>) {
    let block_text = &text[block.clone()];
    let mut pending: Option<Range<usize>> = None;
    for (offset, piece) in block_text.split_sentence_bound_indices() {
        let range = block.start + offset..block.start + offset + piece.len();
        let range = match pending.take() {
            Some(open) => open.start..range.end,
            None => range,
        };
        // An odd number of double quotes means the quote goes on into the next piece.
        if text[range.clone()].matches('"').count() % 2 == 1 {
            pending = Some(range);
            continue;
        }
        split_on_decoration(text, range, role, out);
    }
    if let Some(open) = pending {
        split_on_decoration(text, open, role, out);
    }
}

fn split_on_decoration(text: &str, range: Range<usize>, role: Role, out: &mut Vec<Sentence>) {
    if !text[range.clone()].contains(DECORATION) {
        push_trimmed(text, range, role, out);
        return;
    }
    let mut start = range.start;
    for m in DECORATION_END.find_iter(&text[range.clone()]) {
        let cut = range.start + m.end();
        if cut < range.end && !text[cut..range.end].trim().is_empty() {
            push_trimmed(text, start..cut, role, out);
            start = cut;
        }
    }
    push_trimmed(text, start..range.end, role, out);
}

fn push_trimmed(text: &str, range: Range<usize>, role: Role, out: &mut Vec<Sentence>) {
    let piece = &text[range.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Sentence {
            range: range.start + lead..range.end - trail,
            role,
        });
    }
}

/// The first body sentences that are a greeting (and a self-introduction right after it) become
/// `Greeting`; an inline greeting ("Hi Dana, sorry ...") is split off its sentence.
fn mark_greeting(text: &str, sentences: &mut Vec<Sentence>) {
    let Some(first) = sentences.iter().position(|s| s.role == Role::Body) else {
        return;
    };
    let first_text = &text[sentences[first].range.clone()];
    if structure::is_greeting(first_text) {
        sentences[first].role = Role::Greeting;
        if let Some(next) = sentences.get_mut(first + 1) {
            if next.role == Role::Body && structure::is_self_introduction(&text[next.range.clone()]) {
                next.role = Role::Greeting;
            }
        }
    } else if let Some(len) = structure::greeting_prefix_len(first_text) {
        let range = sentences[first].range.clone();
        let greeting = Sentence {
            range: range.start..range.start + len,
            role: Role::Greeting,
        };
        let mut rest = Vec::new();
        push_trimmed(text, range.start + len..range.end, Role::Body, &mut rest);
        let greeting_range = greeting.range.clone();
        sentences.splice(first..=first, std::iter::once(greeting).chain(rest));
        // Trim the trailing space of the greeting itself.
        let g = &text[greeting_range.clone()];
        sentences[first].range.end = greeting_range.start + g.trim_end().len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_text(text: &str) -> Vec<(String, Role)> {
        let mut view = Normalized::new(text, &[]);
        let sentences = split(&mut view);
        sentences
            .into_iter()
            .map(|s| (view.text[s.range].to_string(), s.role))
            .collect()
    }

    #[test]
    fn english_reply_with_greeting_and_signature() {
        let got = split_text("Hi Dana,\n\nSorry about the failed export. We fixed it.\n\nBest,\nSam\nAcme Support");
        assert_eq!(
            got,
            vec![
                ("Hi Dana,".into(), Role::Greeting),
                ("Sorry about the failed export.".into(), Role::Body),
                ("We fixed it.".into(), Role::Body),
                ("Best,".into(), Role::Signature),
                ("Sam".into(), Role::Signature),
                ("Acme Support".into(), Role::Signature),
            ]
        );
    }

    #[test]
    fn hard_wraps_join_and_list_markers_are_dropped() {
        let got = split_text("We are sorry that the export\nfailed twice today.\n- Restart the app\n1. Try again");
        assert_eq!(
            got,
            vec![
                ("We are sorry that the export failed twice today.".into(), Role::Body),
                ("Restart the app".into(), Role::ListItem),
                ("Try again".into(), Role::ListItem),
            ]
        );
    }

    #[test]
    fn korean_greeting_decoration_and_quotes() {
        let got = split_text("안녕하세요, 고객님.\n확인했어요~ 곧 \"안 돼요. 빨리요\"라고 하셨죠.\n김민수 드림");
        assert_eq!(
            got,
            vec![
                ("안녕하세요, 고객님.".into(), Role::Greeting),
                ("확인했어요~".into(), Role::Body),
                ("곧 \"안 돼요. 빨리요\"라고 하셨죠.".into(), Role::Body),
                ("김민수 드림".into(), Role::Signature),
            ]
        );
    }

    #[test]
    fn inline_greeting_is_split_off() {
        let got = split_text("Hi Dana, sorry for the wait. It works now.");
        assert_eq!(got[0], ("Hi Dana,".into(), Role::Greeting));
        assert_eq!(got[1], ("sorry for the wait.".into(), Role::Body));
    }

    #[test]
    fn subject_line_is_a_header_and_the_greeting_follows_it() {
        let got = split_text("Subject: Your refund\n\nDear Dana,\nYour refund went out today.");
        assert_eq!(got[0], ("Subject: Your refund".into(), Role::Header));
        assert_eq!(got[1], ("Dear Dana,".into(), Role::Greeting));
        assert_eq!(got[2], ("Your refund went out today.".into(), Role::Body));
        let got = split_text("제목: 환불 안내\n안녕하세요, 김민지 고객님.\n환불이 처리되었습니다.");
        assert_eq!(got[0].1, Role::Header);
        assert_eq!(got[1].1, Role::Greeting);
        // Below the first line of the reply, "To:" is text.
        let got = split_text("We moved your plan.\nTo: the annual plan, as asked.");
        assert!(got.iter().all(|(_, r)| *r == Role::Body), "{got:?}");
    }

    #[test]
    fn signature_blocks_without_a_valediction_and_template_notes() {
        let got = split_text(
            "Your card was refunded today. Let me know if it has not arrived by Friday.\n\nJane Park\nCustomer Success Manager\n[Direct Contact Information]",
        );
        let roles: Vec<Role> = got.iter().map(|(_, r)| *r).collect();
        assert_eq!(
            roles,
            [
                Role::Body,
                Role::Body,
                Role::Signature,
                Role::Signature,
                Role::Signature
            ]
        );
        let got = split_text("Best regards,\n[Agent Name]\nAcme Inc.\nsupport@acme.com\n+1 555 010 2030");
        assert!(got.iter().all(|(_, r)| *r == Role::Signature), "{got:?}");
        let got = split_text("감사합니다.\n고객지원팀 김민수 매니저\n02-123-4567");
        assert!(got.iter().all(|(_, r)| *r == Role::Signature), "{got:?}");
        // A note for the agent in the middle of the reply is neither body nor closing.
        let got =
            split_text("Hi Dana,\nSorry about the export.\n[insert the steps from the help article]\nIt works now.");
        assert_eq!(got[2], ("[insert the steps from the help article]".into(), Role::Note));
        assert_eq!(got[3].1, Role::Body);
        // A short last line that is no name, title or contact stays in the body.
        let got = split_text("Here is the link.\nSee you soon");
        assert_eq!(got[1].1, Role::Body);
    }

    #[test]
    fn quoted_customer_text_is_not_the_reply() {
        let got = split_text(
            "Hi Dana,\nWe refunded you.\n\nBest,\nSam\n\nOn Mon, 3 Mar 2025 at 10:00, Dana <d@x.com> wrote:\n> You charged me twice!\n> Fix it.",
        );
        let roles: Vec<Role> = got.iter().map(|(_, r)| *r).collect();
        assert_eq!(
            roles,
            [
                Role::Greeting,
                Role::Body,
                Role::Signature,
                Role::Signature,
                Role::Quote,
                Role::Quote,
                Role::Quote
            ]
        );
        let got = split_text("> 환불 언제 돼?\n확인해 보니 오늘 환불되었습니다.");
        assert_eq!(got[0].1, Role::Quote);
        assert_eq!(got[1].1, Role::Body);
    }

    #[test]
    fn faq_question_titles_and_bullets() {
        let got = split_text("How do I reset my password?\n\nGo to Settings.\n- Choose Security\n- Click Reset");
        assert_eq!(got[0].1, Role::Heading);
        assert_eq!(got[1].1, Role::Body);
        assert_eq!(got[2], ("Choose Security".into(), Role::ListItem));
        let got = split_text("Q: 환불은 언제 되나요?\nA: 결제 취소 후 3영업일 안에 됩니다.");
        assert_eq!(got[0], ("환불은 언제 되나요?".into(), Role::Heading));
        assert_eq!(got[1], ("결제 취소 후 3영업일 안에 됩니다.".into(), Role::Body));
        // A reply's own question is not a title.
        let got = split_text("Hi Dana,\nCould you send a screenshot?\nThanks!");
        assert_eq!(got[1].1, Role::Body);
    }

    #[test]
    fn a_sign_off_on_the_last_line_is_the_signature() {
        let got = split_text("혹시 궁금하신 점이 있다면 언제든 말씀 주세요. 감사합니다!");
        assert_eq!(got[1], ("감사합니다!".into(), Role::Signature));
        let got = split_text("Let me know if it has not arrived by Friday. Thanks!");
        assert_eq!(got[1], ("Thanks!".into(), Role::Signature));
        let got = split_text("We fixed the export. Thanks, Dana");
        assert_eq!(got[1].1, Role::Body, "a sentence, not a sign-off: {got:?}");
        // Only the last sentence: a thank-you earlier on is part of the body.
        let got = split_text("Thanks! We fixed the export.");
        assert_eq!(got[0], ("Thanks!".into(), Role::Body));
    }

    #[test]
    fn korean_hard_wrap_joins_between_syllables() {
        let got = split_text("불편을 끼쳐\n드려 죄송합니다.");
        assert_eq!(got, vec![("불편을 끼쳐 드려 죄송합니다.".into(), Role::Body)]);
    }
}
