//! What kind of text a draft is: a whole reply, a fragment (a snippet or a macro part), an FAQ answer, an
//! auto-reply or a notice to many customers. Rules declare the kinds they apply to; the cues that decided
//! the kind are kept, so that every report can say why.

use super::sentences::Role;
use super::{structure, Draft};
use regex_lite::Regex;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The kind of text a draft is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReplyKind {
    /// A whole reply to one customer.
    Full,
    /// A snippet or a part of a macro: no greeting, no sign-off, one or two sentences.
    Fragment,
    /// An FAQ answer: a question as its title, or impersonal how-to steps.
    Faq,
    /// An automatic acknowledgement: "we have received your request", a ticket number.
    AutoReply,
    /// An announcement to many customers: "Dear customers", "고객 여러분", a notice heading.
    Notice,
}

impl ReplyKind {
    pub const ALL: [ReplyKind; 5] = [
        ReplyKind::Full,
        ReplyKind::Fragment,
        ReplyKind::Faq,
        ReplyKind::AutoReply,
        ReplyKind::Notice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReplyKind::Full => "full",
            ReplyKind::Fragment => "fragment",
            ReplyKind::Faq => "faq",
            ReplyKind::AutoReply => "auto-reply",
            ReplyKind::Notice => "notice",
        }
    }

    pub fn parse(name: &str) -> Option<ReplyKind> {
        ReplyKind::ALL.into_iter().find(|k| k.as_str() == name.trim())
    }
}

impl std::fmt::Display for ReplyKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who decided a draft's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum KindSource {
    /// Read from the draft's structure and wording.
    Detected,
    /// `--kind` on the command line (or `kind` in a request to `serve`).
    Option,
    /// The macro's or row's own field in an export or batch.
    Export,
    /// `replylint.toml` (`kind`, or an `[[override]]` for the draft's path).
    Config,
}

/// A draft's kind and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Classification {
    pub kind: ReplyKind,
    /// The cues that decided it, for people: `greeting "Hi Dana,"`, `no greeting, no sign-off, 1 body
    /// sentence`, `"we have received your request"`.
    pub why: Vec<String>,
    /// Who decided it.
    pub by: KindSource,
}

impl Classification {
    /// A kind set by someone rather than detected.
    pub fn forced(kind: ReplyKind, by: KindSource, what: &str) -> Self {
        Classification {
            kind,
            why: vec![format!("set by {what}")],
            by,
        }
    }

    /// "fragment: no greeting, no sign-off, 1 body sentence": the kind and its cues on one line.
    pub fn describe(&self) -> String {
        format!("{}: {}", self.kind, self.why.join("; "))
    }
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("kind cue pattern is valid")
}

/// An automatic reply says so.
static AUTOMATIC: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:automat(?:ic|ed|ically)(?:\s+generated)?\s+(?:response|reply|message|e-?mail|acknowledge?ment|confirmation|notification)|auto-?reply|auto-?response|(?:do\s+not|don't|please\s+don't)\s+reply\s+to\s+this)\b|자동\s*(?:발송|응답|회신|답변|안내)|회신\s*(?:하지\s*마|이\s*불가|되지\s*않)|발신\s*전용",
    )
});

/// An account or system message sent by software, not written to one customer's question: a password
/// reset the reader asked for, an address to confirm, a new account, "if you did not request this". An
/// agent's own "I've reset your password" or "재설정 링크를 보내 드렸습니다" is not one.
static SYSTEM: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\bif\s+you\s+did(?:\s+not|n't)\s+(?:request|ask\s+for|make|sign\s+up|create|initiate)\b|\byou\s+(?:have\s+)?(?:asked|requested)\s+(?:us\s+)?to\s+reset\s+your\s+password|\byour\s+(?:account|e-?mail\s+address)\s+has\s+been\s+(?:created|activated|verified|confirmed)\b|\byou\s+are\s+receiving\s+this\s+(?:e-?mail|message|notification)|\bthis\s+(?:e-?mail|message)\s+was\s+sent\s+(?:to|because|automatically)|본인이\s*요청하지\s*않(?:으셨|은|았)|비밀번호\s*(?:재설정|변경)(?:을|이)?\s*요청(?:하셨|되었|하신)|(?:이메일|메일)\s*(?:주소\s*)?인증(?:을|이)?\s*(?:완료|요청|해\s*주세요|하시려면)|계정이\s*(?:생성|활성화)되었|수신을\s*원하지\s*않",
    )
});

/// Receipt of the customer's message acknowledged.
static RECEIVED: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:we(?:'ve|\s+have)?|i(?:'ve|\s+have)?)\s+(?:successfully\s+|just\s+)?received\s+your\s+(?:\w+\s+)?(?:request|message|email|e-mail|enquiry|inquiry|ticket|query|submission|question|note)\b|\byour\s+(?:\w+\s+)?(?:request|message|email|enquiry|inquiry|ticket|case|query)\s+(?:has\s+been|was|is)\s+(?:successfully\s+)?(?:received|logged|submitted|created|registered|opened)\b|\bthanks?\s+(?:you\s+)?for\s+(?:contacting|reaching\s+out|getting\s+in\s+touch|your\s+(?:message|email|enquiry|inquiry|request))\b.{0,80}?\bwe(?:'ll|\s+will)\s+(?:get\s+back|respond|reply|be\s+in\s+touch)|(?:문의|요청|신청|메일|상담)(?:가|이|하신\s*(?:내용|건)(?:이|은)?)?\s*(?:정상적으로\s*)?접수\s*(?:되었|됐|완료)",
    )
});

/// A ticket or reference number, or a promise of when a person will answer.
static TICKET_OR_WAIT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:ticket|case|request|reference)\s*(?:number|no\.?|id|#)|\bticket\s*#?\s*\d|\b(?:one\s+of\s+our|an?|our)\s+(?:support\s+|service\s+|customer\s+)?(?:agents?|team(?:\s+members?)?|representatives?|specialists?|staff)\s+will\s+(?:get\s+back|respond|reply|contact|be\s+in\s+touch|reach\s+out)|\b(?:get\s+back\s+to\s+you|respond|reply|answer|be\s+in\s+touch)\b[^.!?]{0,40}\b(?:within\s+\d|as\s+soon\s+as\s+(?:possible|we\s+can)|shortly|asap)|접수\s*번호|문의\s*번호|순차적으로|(?:답변|회신|연락)(?:을|를)?\s*(?:드리겠|드리도록|드릴\s*예정)",
    )
});

/// A notice addresses many customers at once.
static TO_MANY: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:dear|hello|hi|attention|to)\s+(?:all\s+)?(?:(?:our\s+)?valued\s+)?(?:customers|users|members|clients|subscribers|merchants|sellers|partners|players|everyone|all)\b|\bto\s+all\s+(?:of\s+)?(?:our\s+)?(?:customers|users|members|clients|subscribers)\b|\ball\s+(?:of\s+)?our\s+(?:customers|users|members|clients|subscribers)\b|(?:^|[\s,])[가-힣]{1,6}\s*여러분|^여러분",
    )
});

/// A notice's heading: "[Notice]", "Announcement:", "[공지]", "점검 안내".
static NOTICE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\s*(?:subject:\s*|제목\s*:\s*|#+\s*)?(?:[\[【(]\s*(?:notice|announcement|important|maintenance|service\s+notice|update|공지|안내|알림|공지사항|긴급)\s*[\]】)]|(?:notice|announcement|service\s+notice|maintenance\s+notice|scheduled\s+maintenance)\s*[:\-–]|(?:공지|공지사항|알림)\s*[:\-]|[^\n]{0,30}(?:점검|장애|서비스\s*중단|정책\s*변경)\s*(?:안내|공지)\s*$)",
    )
});

/// Impersonal how-to: "To reset your password, go to ...", "비밀번호를 바꾸려면 ...".
static HOW_TO: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^to\s+[a-z]+\s[^.!?]{0,80},\s*(?:go|click|tap|open|select|choose|navigate|visit|head|use|enter|follow)\b|^[가-힣\s]{2,40}(?:하|되|바꾸|변경하|설정하|확인하|취소하|사용하)려면\s",
    )
});

/// Words a personal reply carries and an FAQ answer does not: an apology, thanks, "I".
static PERSONAL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:sorry|apologi[sz]e|thanks?|thank\s+you|i(?:'m|'ve|'ll|'d)?|we(?:'re|'ve)\s+(?:looked|checked|refunded|sent|fixed))\b|죄송|감사|고객님",
    )
});

/// At most this many body sentences (besides list items) make a text without a greeting or a sign-off
/// a fragment.
const FRAGMENT_SENTENCES: usize = 2;

/// Reads a draft's kind from its structure and wording.
pub fn classify(draft: &Draft) -> Classification {
    let sentences = draft.sentences();
    let text_of = |role: Role| -> Option<&str> {
        sentences
            .iter()
            .find(|s| s.role == role)
            .map(|s| draft.sentence_text(s))
    };
    let body: Vec<&str> = sentences
        .iter()
        .filter(|s| s.role == Role::Body)
        .map(|s| draft.sentence_text(s))
        .collect();
    let items: Vec<&str> = sentences
        .iter()
        .filter(|s| s.role == Role::ListItem)
        .map(|s| draft.sentence_text(s))
        .collect();
    let own: Vec<&str> = sentences
        .iter()
        .filter(|s| {
            matches!(
                s.role,
                Role::Greeting | Role::Body | Role::ListItem | Role::Heading | Role::Header
            )
        })
        .map(|s| draft.sentence_text(s))
        .collect();
    let greeting = text_of(Role::Greeting);
    let signature = text_of(Role::Signature);
    let quote = |text: &str| format!("\"{}\"", super::one_line(&unmask(text), 50));
    let found = |re: &Regex| own.iter().find_map(|s| re.find(s).map(|m| quote(m.as_str())));

    // An automatic reply says so, or acknowledges receipt with a ticket number or a time to answer.
    if let Some(cue) = found(&AUTOMATIC) {
        return detected(ReplyKind::AutoReply, vec![format!("says it is automatic: {cue}")]);
    }
    if let Some(cue) = found(&SYSTEM) {
        return detected(
            ReplyKind::AutoReply,
            vec![format!("an account or system message: {cue}")],
        );
    }
    let joined = own.join(" ");
    let found_in_text = |re: &Regex| re.find(&joined).map(|m| quote(m.as_str()));
    if let Some(received) = found(&RECEIVED).or_else(|| found_in_text(&RECEIVED)) {
        if let Some(then) = found(&TICKET_OR_WAIT) {
            return detected(
                ReplyKind::AutoReply,
                vec![format!("acknowledges receipt: {received}"), format!("then {then}")],
            );
        }
    }
    // A notice addresses many, or has a notice's heading.
    let first_lines: Vec<&str> = sentences
        .iter()
        .filter(|s| matches!(s.role, Role::Header | Role::Heading | Role::Greeting | Role::Body))
        .take(2)
        .map(|s| draft.sentence_text(s))
        .collect();
    // The heading is read as written: a bracketed heading such as "[공지]" is masked in the views.
    let first_line = draft
        .original()
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let heading = NOTICE_HEADING.find(first_line).map(|m| quote(m.as_str()));
    if let Some(cue) = heading.or_else(|| {
        first_lines
            .iter()
            .find_map(|s| NOTICE_HEADING.find(s).map(|m| quote(m.as_str())))
    }) {
        return detected(ReplyKind::Notice, vec![format!("notice heading {cue}")]);
    }
    if let Some(cue) = found(&TO_MANY) {
        return detected(ReplyKind::Notice, vec![format!("addresses many: {cue}")]);
    }
    // An FAQ answer has a question for its title, or gives impersonal steps.
    if greeting.is_none() {
        let heading = sentences
            .iter()
            .find(|s| s.role == Role::Heading)
            .map(|s| draft.sentence_text(s))
            .filter(|h| h.trim_end().ends_with('?'));
        if let (Some(question), false) = (heading, body.is_empty() && items.is_empty()) {
            return detected(
                ReplyKind::Faq,
                vec![format!("question as its title: {}", quote(question))],
            );
        }
        let personal = own.iter().any(|s| PERSONAL.is_match(s));
        if signature.is_none() && !personal {
            if let Some(cue) = body.first().and_then(|s| HOW_TO.find(s)).map(|m| quote(m.as_str())) {
                return detected(ReplyKind::Faq, vec![format!("impersonal how-to: {cue}…")]);
            }
        }
    }
    // A whole reply greets or signs off, or runs longer than a snippet.
    let mut why = Vec::new();
    if let Some(g) = greeting {
        why.push(format!("greeting {}", quote(g)));
    }
    if let Some(s) = signature {
        why.push(format!("sign-off {}", quote(s)));
    }
    if !why.is_empty() {
        return detected(ReplyKind::Full, why);
    }
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    if body.len() > FRAGMENT_SENTENCES {
        return detected(
            ReplyKind::Full,
            vec![format!(
                "no greeting or sign-off, but {}",
                count(body.len(), "body sentence")
            )],
        );
    }
    let mut why = vec![format!(
        "no greeting, no sign-off, {}",
        count(body.len(), "body sentence")
    )];
    if !items.is_empty() {
        why[0].push_str(&format!(" and {}", count(items.len(), "list item")));
    }
    let steps = items.iter().filter(|i| structure::is_step(i)).count();
    if steps >= 2 && body.len() <= 1 {
        why.push("steps in a list".into());
    }
    detected(ReplyKind::Fragment, why)
}

fn detected(kind: ReplyKind, why: Vec<String>) -> Classification {
    Classification {
        kind,
        why,
        by: KindSource::Detected,
    }
}

/// Masked placeholders shown as what they stand for.
fn unmask(text: &str) -> String {
    text.replace(super::placeholders::NAME_MASK, "{name}")
        .replace(super::placeholders::OTHER_MASK, "{…}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> (ReplyKind, String) {
        let c = classify(&Draft::new(text));
        (c.kind, c.why.join("; "))
    }

    #[test]
    fn whole_replies_and_fragments() {
        let (k, why) = kind("Hi Dana,\nYour refund went out today.\n\nBest,\nSam");
        assert_eq!(k, ReplyKind::Full);
        assert_eq!(why, "greeting \"Hi Dana,\"; sign-off \"Best,\"");
        let (k, why) = kind("안녕하세요, 김민지 고객님.\n환불이 오늘 처리되었습니다.");
        assert_eq!(k, ReplyKind::Full);
        assert!(why.starts_with("greeting \"안녕하세요, 김민지 고객님.\""), "{why}");
        let (k, why) = kind("Your refund went out today. It takes 5 days.");
        assert_eq!(
            (k, why.as_str()),
            (ReplyKind::Fragment, "no greeting, no sign-off, 2 body sentences")
        );
        let (k, why) = kind("환불은 오늘 처리되었습니다.");
        assert_eq!(
            (k, why.as_str()),
            (ReplyKind::Fragment, "no greeting, no sign-off, 1 body sentence")
        );
        let (k, why) = kind("We fixed it. It works now. The logs are clean. Thanks for waiting.");
        assert_eq!(k, ReplyKind::Full);
        assert_eq!(why, "no greeting or sign-off, but 4 body sentences");
    }

    #[test]
    fn auto_replies_notices_and_faq_answers() {
        let (k, why) = kind("Thanks for reaching out! We have received your request. Your ticket number is 4412.");
        assert_eq!(k, ReplyKind::AutoReply);
        assert!(
            why.contains("\"We have received your request\"") && why.contains("ticket number"),
            "{why}"
        );
        let (k, why) = kind("This is an automated response. We will reply soon.");
        assert_eq!(
            (k, why.as_str()),
            (ReplyKind::AutoReply, "says it is automatic: \"automated response\"")
        );
        let (k, why) = kind("문의가 정상적으로 접수되었습니다.\n순차적으로 답변드리겠습니다.");
        assert_eq!(k, ReplyKind::AutoReply);
        assert!(why.contains("접수되었") && why.contains("순차적으로"), "{why}");
        let (k, why) = kind("Hello {{name}},\n\nYou asked to reset your password. Click the link below.\n\nIf you did not ask for this, ignore this email.\n\nThe Acme team");
        assert_eq!(k, ReplyKind::AutoReply);
        assert!(
            why.starts_with("an account or system message: \"You asked to reset your password"),
            "{why}"
        );
        let (k, why) = kind("{{name}}님, 안녕하세요.\n비밀번호 재설정을 요청하셨습니다. 본인이 요청하지 않으셨다면 이 메일을 무시해 주세요.");
        assert_eq!(k, ReplyKind::AutoReply);
        assert!(
            why.contains("비밀번호 재설정을 요청") || why.contains("본인이 요청하지 않으셨"),
            "{why}"
        );
        let (k, why) = kind("Dear customers,\nOur service will be down for maintenance on Sunday from 2 to 4 am.");
        assert_eq!(
            (k, why.as_str()),
            (ReplyKind::Notice, "addresses many: \"Dear customers\"")
        );
        let (k, why) = kind("시민 여러분, 연휴 동안 주차장은 무료입니다.");
        assert_eq!(
            (k, why.as_str()),
            (ReplyKind::Notice, "addresses many: \"시민 여러분\"")
        );
        let (k, why) = kind("[공지] 정기 점검 안내\n고객 여러분, 3월 3일 02시부터 04시까지 서비스가 중단됩니다.");
        assert_eq!(k, ReplyKind::Notice);
        assert!(why.starts_with("notice heading \"[공지]\""), "{why}");
        let (k, why) = kind("How do I reset my password?\n\nGo to Settings > Security and choose Reset password.");
        assert_eq!(k, ReplyKind::Faq);
        assert_eq!(why, "question as its title: \"How do I reset my password?\"");
        let (k, why) = kind("Q: 비밀번호는 어떻게 바꾸나요?\nA: 설정 > 보안에서 비밀번호 재설정을 누르세요.");
        assert_eq!(k, ReplyKind::Faq);
        assert!(why.contains("비밀번호는 어떻게 바꾸나요?"), "{why}");
        let (k, why) = kind("To export your data, go to Settings and choose Export.");
        assert_eq!(k, ReplyKind::Faq);
        assert!(why.starts_with("impersonal how-to"), "{why}");
    }

    #[test]
    fn a_personal_reply_is_not_an_faq_answer_or_an_auto_reply() {
        // A greeting makes a question on the first line part of the reply.
        assert_eq!(
            kind("Hi Dana,\nHow do I put this? Your order is late.").0,
            ReplyKind::Full
        );
        // Receipt acknowledged by a person, without a ticket number or a wait: a reply.
        let (k, _) = kind("Hi Dana,\nWe have received your request and refunded the duplicate charge.\nBest,\nSam");
        assert_eq!(k, ReplyKind::Full);
        // A question alone is the text itself.
        assert_eq!(kind("How do I reset my password?").0, ReplyKind::Fragment);
    }
}
