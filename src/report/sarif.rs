//! `--format sarif`: SARIF 2.1.0, the format code-scanning services read (GitHub code scanning among them).
//! One run: the rules in force with their rationale and rewrite as help, and one result per finding at
//! its place in the file. A reply in an export is located in the export file (where its words were
//! decoded from), with the macro as a logical location.

use super::{DraftResult, Printed, Report};
use crate::baseline::Fingerprint;
use crate::finding::{Finding, Severity};
use crate::pack::{Rule, RuleSet};
use crate::text::Lang;
use serde_json::{json, Value};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(report: &Report, rules: &RuleSet) -> Printed {
    let listed: Vec<&Rule> = rules.rules.iter().collect();
    let index_of = |id: &str| listed.iter().position(|r| r.id == id);
    let found: Vec<(&DraftResult, &Finding)> = report
        .results
        .iter()
        .flat_map(|result| result.outcome.findings.iter().map(move |f| (result, f)))
        .collect();
    // Results sit in `runs[0].results`, four levels deep.
    let printed = super::splice::print_items(&found, 4, |&(result, finding)| {
        result_of(result, finding, index_of(&finding.rule))
    });
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|e| json!({ "level": "error", "message": { "text": e.to_string() } }))
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "replylint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": listed.iter().map(|r| rule_of(r)).collect::<Vec<_>>(),
            }},
            // Columns count characters, as in every other output.
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": [],
        }],
    });
    let shell = serde_json::to_string_pretty(&log).expect("a SARIF log always serialises");
    super::splice::fill_array(&shell, "results", 4, printed)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Suggestion => "note",
    }
}

/// A rule as a reporting descriptor: its title, its rationale as help, with the rewrite in each language.
fn rule_of(rule: &Rule) -> Value {
    let mut help = Vec::new();
    for lang in rule.languages() {
        let text = rule.lang(lang).expect("a language the rule has");
        let mut part = format!("[{}] {}", lang_name(lang), text.rationale.trim());
        if let Some(rewrite) = text.suggestion.as_deref().filter(|s| !s.is_empty()) {
            part.push_str(&format!("\nRewrite: {}", without_group_references(rewrite)));
        }
        help.push(part);
    }
    json!({
        "id": rule.id,
        "name": pascal_case(&rule.id),
        "shortDescription": { "text": rule.title },
        "fullDescription": { "text": rule.text_for(Lang::En).rationale.trim() },
        "help": { "text": help.join("\n\n") },
        "defaultConfiguration": { "level": level(rule.severity), "enabled": rule.enabled },
        "properties": {
            "pack": rule.pack,
            "criterion": rule.criterion,
            "replyKinds": rule.reply_kinds,
            "tags": ["support-reply", rule.criterion],
        },
    })
}

/// A rewrite read by a person: the matched words it reuses (`$1`, `${name}`) shown as `…`.
fn without_group_references(rewrite: &str) -> String {
    let mut out = String::new();
    let mut rest = rewrite;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let skip = if after.starts_with('$') {
            out.push('$');
            1
        } else if let Some(braced) = after.strip_prefix('{').and_then(|b| b.find('}')) {
            out.push('…');
            braced + 2
        } else {
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            if digits > 0 {
                out.push('…');
            } else {
                out.push('$');
            }
            digits
        };
        rest = &after[skip..];
    }
    out.push_str(rest);
    out
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Ko => "ko",
    }
}

/// SARIF names rules in PascalCase: `acme-no-internal-codes` is `AcmeNoInternalCodes`.
fn pascal_case(id: &str) -> String {
    id.split(['-', '_'])
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

fn result_of(result: &DraftResult, finding: &Finding, rule_index: Option<usize>) -> Value {
    let mut message = finding.message.clone();
    if let Some(s) = finding.suggestion.as_deref().filter(|s| !s.is_empty()) {
        message.push_str(&format!(" Suggestion: {s}"));
    }
    let mut value = json!({
        "ruleId": finding.rule,
        "level": level(finding.severity),
        "message": { "text": message },
        "partialFingerprints": { "replylintFingerprint/v1": fingerprint_hash(&Fingerprint::of(result, finding)) },
    });
    if let Some(index) = rule_index {
        value["ruleIndex"] = json!(index);
    }
    value["locations"] = json!([location_of(result, finding)]);
    let kind = &result.outcome.kind;
    value["properties"] = json!({ "replyKind": kind.kind, "replyKindWhy": kind.why, "replyKindBy": kind.by });
    value
}

/// Where a finding is: its region in the file (standard input is described, having no file), and for a reply in an export, the macro.
fn location_of(result: &DraftResult, finding: &Finding) -> Value {
    let (start_line, start_column) = result.file_position(finding.span.start);
    let (end_line, end_column) = result.file_position(finding.span.end.max(finding.span.start));
    let mut region = json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    });
    if !finding.excerpt.is_empty() {
        region["snippet"] = json!({ "text": finding.excerpt });
    }
    let artifact = if result.source == "-" {
        json!({ "description": { "text": "standard input" } })
    } else {
        json!({ "uri": uri_of(&result.source) })
    };
    let physical = json!({ "artifactLocation": artifact, "region": region });
    let mut location = json!({ "physicalLocation": physical });
    if let Some(m) = &result.macro_ref {
        let name = if m.title.is_empty() {
            m.id.clone()
        } else {
            m.title.clone()
        };
        location["logicalLocations"] = json!([{
            "name": name,
            "fullyQualifiedName": format!("{}/{}", m.kind, m.id),
            "kind": "object",
        }]);
    }
    location
}

/// A path as a relative URI reference: forward slashes, anything outside the unreserved set escaped.
fn uri_of(path: &str) -> String {
    let mut uri = String::new();
    for byte in path.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// A stable hash of a baseline fingerprint (64-bit FNV-1a), so services can follow a finding across
/// edits elsewhere in the file.
fn fingerprint_hash(fingerprint: &Fingerprint) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let fields = [
        &fingerprint.rule,
        &fingerprint.source,
        &fingerprint.macro_id,
        &fingerprint.excerpt,
    ];
    for field in fields {
        for byte in field.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_of("macros/zendesk export.json"), "macros/zendesk%20export.json");
        assert_eq!(uri_of("답변\\a.txt"), "%EB%8B%B5%EB%B3%80/a.txt");
    }

    #[test]
    fn rewrites_show_reused_words_as_an_ellipsis() {
        assert_eq!(without_group_references("${s} can {x}$1"), "… can {x}…");
        assert_eq!(without_group_references("costs $$5 or $x"), "costs $5 or $x");
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(pascal_case("acme-no-internal-codes"), "AcmeNoInternalCodes");
    }
}
