//! Random inputs, from a fixed seed, through the whole pipeline: drafts with suppression comments and
//! Liquid branches checked and reported in every format and fixed, help-desk exports of any shape read,
//! checked and patched, and CSV batches read. Nothing may panic; spans stay on the text they point at; the
//! human report prints no control character raw; JSON and SARIF parse; a patched export is still JSON;
//! fixing touches only the fixed words. `REPLYLINT_FUZZ_CASES=N` runs more cases (the default keeps
//! `cargo test` short); `REPLYLINT_FUZZ_SEED` starts elsewhere.

use replylint::fix;
use replylint::input::exports;
use replylint::input::records::{parse_csv, Columns};
use replylint::report::{github, human, json, sarif, DraftResult, MacroRef, Report};
use replylint::text::liquid;
use replylint::{suppress, CheckOptions, Draft, Linter, Rubric, RuleSet};
use serde_json::{json, Value};

/// xorshift64*: enough randomness for inputs, the same every run for a seed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Pieces replies are made of, and pieces that break things: rule triggers in both languages,
/// placeholders, Liquid tags (balanced or not), suppression comments, HTML, quotes, control characters,
/// combining marks, wide and invisible characters.
const PIECES: [&str; 48] = [
    "Sorry for the inconvenience. ",
    "We're looking into it. ",
    "As I said, this is just a small bug!! ",
    "Please be advised that the rollback is done. ",
    "We can't refund this. ",
    "This will never happen again, 100% guaranteed. ",
    "Hi Dana,\n",
    "Hi there,\n",
    "Best,\nSam\n",
    "Anything else I can help with? ",
    "The outage started 3 hours ago. ",
    "We expect a fix by 5pm today. ",
    "불편을 드려 죄송합니다. ",
    "확인 중입니다. ",
    "귀하께서 문의하신 환불은 처리되었습니다. ",
    "말씀드렸듯이 간단한 문제입니다. ",
    "빠른 시일 내 해결하겠습니다. ",
    "그냥 재시작하시면 됩니다. ",
    "좋은 하루 되세요. ",
    "확인해줘. ㅋㅋ ",
    "안녕하세요, 고객님.\n",
    "김민수 드림\n",
    "{{ticket.requester.first_name}}",
    "{{first_name | fallback: \"there\"}}",
    "[이름] ",
    "{% if ticket.priority == 'urgent' %}",
    "{% else %}",
    "{% endif %}",
    "{% unless x %}",
    "{% case y %}{% when 1 %}",
    "<!-- replylint-disable no-jargon -->",
    "<!-- replylint-disable-next-line -->\n",
    "<!-- replylint-enable -->",
    "<p>",
    "</p>",
    "<br>",
    "&amp;",
    "\"",
    "'",
    "\n",
    "\r\n",
    "\n\n- ",
    "\t",
    "\u{1b}[2J",
    "\u{202e}",
    "e\u{301}\u{301}",
    "\u{200b}\u{3000}\u{a0}",
    "😀👍🏽",
];

fn random_text(random: &mut Random, pieces: usize) -> String {
    (0..pieces).map(|_| random.pick(&PIECES)).collect()
}

fn cases() -> usize {
    std::env::var("REPLYLINT_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(150)
}

fn seed() -> u64 {
    std::env::var("REPLYLINT_FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x5EED_2024)
}

struct Setup {
    linter: Linter,
    rubric: Rubric,
}

/// Checks a draft as `check` does a file: suppression comments blanked, every Liquid branch checked.
fn check(setup: &Setup, source: &str, text: &str, macro_ref: Option<MacroRef>) -> DraftResult {
    let (blanked, mut suppressions) = suppress::parse(text);
    for variant in liquid::variants(&blanked) {
        assert_eq!(variant.len(), blanked.len(), "a Liquid variant keeps the text's length");
        setup
            .linter
            .check(&Draft::new(variant), &CheckOptions::default())
            .unwrap();
    }
    let draft = Draft::new(blanked);
    let mut outcome = setup.linter.check(&draft, &CheckOptions::default()).unwrap();
    suppress::apply(&mut suppressions, &mut outcome.findings);
    let grade = setup.rubric.grade(&outcome);
    assert!(grade.score <= 100);
    let original = draft.original();
    for finding in &outcome.findings {
        let span = &finding.span;
        assert!(span.start <= span.end && span.end <= original.len(), "{finding:?}");
        assert!(original.is_char_boundary(span.start) && original.is_char_boundary(span.end));
        assert_eq!(finding.excerpt, original[span.range()], "{finding:?}");
        assert_eq!((span.line, span.column), draft.line_col(span.start));
    }
    DraftResult {
        source: source.to_string(),
        macro_ref,
        draft: draft.into(),
        outcome,
        grade,
    }
}

/// Every format of a report: no panic, and output that parses where it is JSON.
fn render_everything(setup: &Setup, report: &Report) {
    let text = human::render(report).into_string();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "a control character printed raw: {text:?}"
    );
    serde_json::from_str::<Value>(&json::render(report).into_string()).expect("JSON parses");
    serde_json::from_str::<Value>(&sarif::render(report, setup.linter.rules()).into_string()).expect("SARIF parses");
    for line in github::render(report).lines() {
        assert!(line.starts_with("::"), "{line}");
    }
}

/// Applies a result's safe fixes to the text they came from: only the edited bytes change.
fn fixed(text: &str, result: &DraftResult) -> String {
    let edits = fix::resolve(fix::edits_of(result));
    for edit in &edits {
        assert!(edit.range.end <= text.len(), "{edit:?}");
        assert!(text.is_char_boundary(edit.range.start) && text.is_char_boundary(edit.range.end));
    }
    let after = fix::apply(text, &edits);
    let mut at = 0;
    let mut shift: isize = 0;
    for edit in &edits {
        let kept = &text[at..edit.range.start];
        let start = (at as isize + shift) as usize;
        assert_eq!(
            &after[start..start + kept.len()],
            kept,
            "bytes outside the edits are kept"
        );
        shift += edit.replacement.len() as isize - edit.range.len() as isize;
        at = edit.range.end;
    }
    assert!(after.ends_with(&text[at..]));
    after
}

#[test]
fn random_drafts_are_checked_reported_and_fixed_without_a_fault() {
    let setup = Setup {
        linter: Linter::new(RuleSet::builtin().unwrap()),
        rubric: Rubric::builtin().unwrap(),
    };
    let mut random = Random(seed());
    for _ in 0..cases() {
        let pieces = 1 + random.below(40);
        let text = random_text(&mut random, pieces);
        let result = check(&setup, "fuzz.txt", &text, None);
        let after = fixed(&text, &result);
        let report = Report {
            results: vec![result],
            ..Report::default()
        };
        render_everything(&setup, &report);
        // The fixed text is a draft like any other.
        check(&setup, "fuzz.txt", &after, None);
    }
}

/// A JSON value of a random shape, with random reply texts where replies may be.
fn random_value(random: &mut Random, depth: usize) -> Value {
    let text = |random: &mut Random| {
        let pieces = 1 + random.below(12);
        Value::String(random_text(random, pieces))
    };
    match random.below(if depth > 2 { 5 } else { 9 }) {
        0 => Value::Null,
        1 => json!(random.below(1000)),
        2 => json!(random.below(2) == 0),
        3 | 4 => text(random),
        5 => json!({
            "id": random.below(100_000),
            "title": random_text(random, 1),
            "active": random.below(4) != 0,
            "actions": (0..random.below(4)).map(|_| json!({
                "field": random.pick(&["comment_value", "comment_value_html", "status", "subject"]),
                "value": random_value(random, depth + 1),
            })).collect::<Vec<_>>(),
        }),
        6 => json!({
            "id": random.below(100),
            "content": random_value(random, depth + 1),
            "content_html": random_value(random, depth + 1),
        }),
        7 => Value::Array((0..random.below(5)).map(|_| random_value(random, depth + 1)).collect()),
        _ => json!({ "macros": (0..random.below(5)).map(|_| random_value(random, depth + 1)).collect::<Vec<_>>() }),
    }
}

#[test]
fn random_exports_are_read_checked_and_patched_without_a_fault() {
    let setup = Setup {
        linter: Linter::new(RuleSet::builtin().unwrap()),
        rubric: Rubric::builtin().unwrap(),
    };
    let mut random = Random(seed() ^ 0xE4);
    for _ in 0..cases() {
        let value = random_value(&mut random, 0);
        let text = if random.below(2) == 0 {
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            value.to_string()
        };
        let Ok(export) = exports::read("fuzz.json", &text) else {
            continue;
        };
        for reply in export.replies {
            let macro_ref = MacroRef {
                kind: "zendesk",
                id: reply.id.clone(),
                title: reply.title.clone(),
                line: reply.line,
                origin: Some(reply.origin.clone()),
            };
            let result = check(&setup, "fuzz.json", &reply.text, Some(macro_ref));
            for finding in &result.outcome.findings {
                let (line, column) = result.file_position(finding.span.start);
                assert!(line >= 1 && column >= 1);
            }
            // Each reply's fixes patch the file on their own: the file is still JSON, holding the same
            // shape of values.
            let one = fixed(&text, &result);
            let reread: Value = serde_json::from_str(&one).expect("a patched export is JSON");
            assert_eq!(shape(&reread), shape(&value));
            render_everything(
                &setup,
                &Report {
                    results: vec![result],
                    ..Report::default()
                },
            );
        }
    }
}

/// A JSON value with every string blanked: what a fix may not change.
fn shape(value: &Value) -> Value {
    match value {
        Value::String(_) => Value::String(String::new()),
        Value::Array(items) => Value::Array(items.iter().map(shape).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), shape(v))).collect()),
        other => other.clone(),
    }
}

#[test]
fn random_csv_batches_are_read_without_a_fault() {
    let mut random = Random(seed() ^ 0xC5);
    let columns = Columns::new(None, None, None);
    for _ in 0..cases() * 4 {
        let mut text = String::from(random.pick(&[
            "id,reply\n",
            "id,reply,scenario\r\n",
            "\u{feff}text\n",
            "id,\"reply\"\n",
        ]));
        for _ in 0..random.below(8) {
            for cell in 0..1 + random.below(3) {
                if cell > 0 {
                    text.push(',');
                }
                text.push_str(random.pick(&["", "\"", "\"\"", "a\"b", "x"]));
                let pieces = random.below(3);
                text.push_str(&random_text(&mut random, pieces));
                text.push_str(random.pick(&["", "\"", "\"\""]));
            }
            text.push_str(random.pick(&["\n", "\r\n", ""]));
        }
        let lines = text.lines().count().max(1);
        let (records, _) = parse_csv("fuzz.csv", &text, &columns);
        for record in records {
            let line: usize = record.origin.rsplit(':').next().unwrap().parse().unwrap();
            assert!((1..=lines).contains(&line), "{record:?} in {text:?}");
        }
    }
}
