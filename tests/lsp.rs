//! `replylint lsp` spoken to by an in-process client: the server loop runs on a thread over an in-memory
//! connection, and the client checks what an editor would show. Positions are turned back into text by
//! the client's own counting (UTF-16 units, or bytes when agreed), so a wrong conversion shows up as a
//! wrong word.

use lsp_server::{Connection, Message, Notification, Request, RequestId, ResponseError};
use replylint::{CheckOptions, Draft, Linter, RuleSet};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::path::Path;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a test waits for the server: generous for a debug build on a busy machine, but a server that
/// hangs fails the test instead of hanging it.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The next message from the server, within the timeout.
fn receive(connection: &Connection, what: &str) -> Message {
    connection
        .receiver
        .recv_timeout(TIMEOUT)
        .unwrap_or_else(|e| panic!("{what}: nothing within {TIMEOUT:?} ({e})"))
}

/// The server thread's exit status, once it ends within the timeout.
fn join_within(server: JoinHandle<u8>) -> u8 {
    let start = Instant::now();
    while !server.is_finished() {
        assert!(start.elapsed() < TIMEOUT, "the server did not exit within {TIMEOUT:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
    server.join().expect("the server thread ends normally")
}

/// A client driving a server thread.
struct Client {
    connection: Connection,
    server: JoinHandle<u8>,
    next_id: i32,
    /// Notifications that arrived while waiting for a response.
    waiting: VecDeque<Notification>,
    utf8: bool,
    initialized: Value,
}

impl Client {
    /// Starts a server and initializes it, offering these position encodings (none: UTF-16 only).
    fn start(encodings: &[&str]) -> Client {
        let (server_side, connection) = Connection::memory();
        let server = std::thread::spawn(move || replylint::lsp::serve(&server_side));
        let mut client = Client {
            connection,
            server,
            next_id: 0,
            waiting: VecDeque::new(),
            utf8: false,
            initialized: Value::Null,
        };
        let general = if encodings.is_empty() {
            json!({})
        } else {
            json!({ "positionEncodings": encodings })
        };
        let answer = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": { "general": general } }),
        );
        let result = answer.expect("initialize succeeds");
        client.utf8 = result["capabilities"]["positionEncoding"] == "utf-8";
        client.initialized = result;
        client.notify("initialized", json!({}));
        client
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value, ResponseError> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let request = Request::new(id.clone(), method.into(), params);
        self.connection
            .sender
            .send(request.into())
            .expect("the server is running");
        loop {
            match receive(&self.connection, "the server answers") {
                Message::Response(response) if response.id == id => return response.response_result,
                Message::Notification(n) => self.waiting.push_back(n),
                other => panic!("unexpected message {other:?}"),
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        let notification = Notification::new(method.into(), params);
        self.connection
            .sender
            .send(notification.into())
            .expect("the server is running");
    }

    /// The next diagnostics published for a document (those for other documents wait their turn).
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let published = self
                .waiting
                .iter()
                .position(|n| n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri);
            if let Some(i) = published {
                let notification = self.waiting.remove(i).expect("found above");
                return notification.params["diagnostics"].as_array().expect("a list").clone();
            }
            match receive(&self.connection, "the server publishes") {
                Message::Notification(n) => self.waiting.push_back(n),
                other => panic!("unexpected message {other:?}"),
            }
        }
    }

    fn open(&mut self, doc: &Doc) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": doc.uri, "languageId": "plaintext", "version": 1, "text": doc.text } }),
        );
        self.diagnostics(&doc.uri)
    }

    /// Shuts the server down and returns its exit status.
    fn finish(mut self) -> u8 {
        let answer = self.request("shutdown", Value::Null);
        assert!(answer.is_ok(), "{answer:?}");
        self.notify("exit", Value::Null);
        join_within(self.server)
    }

    /// The bytes of `text` an LSP position stands for, counted as agreed.
    fn offset(&self, text: &str, position: &Value) -> usize {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= character || c == '\n' {
                return start + i;
            }
            units += if self.utf8 { c.len_utf8() } else { c.len_utf16() };
        }
        text.len()
    }

    /// The text a range covers.
    fn slice<'t>(&self, text: &'t str, range: &Value) -> &'t str {
        &text[self.offset(text, &range["start"])..self.offset(text, &range["end"])]
    }

    /// The position of a byte offset, counted as agreed.
    fn position(&self, text: &str, offset: usize) -> Value {
        let before = &text[..offset];
        let line = before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line_text = &text[line_start..offset];
        let character = if self.utf8 {
            line_text.len()
        } else {
            line_text.encode_utf16().count()
        };
        json!({ "line": line, "character": character })
    }

    /// The range of the first occurrence of some words.
    fn range_of(&self, text: &str, words: &str) -> Value {
        let start = text.find(words).unwrap_or_else(|| panic!("{words:?} is in the text"));
        json!({ "start": self.position(text, start), "end": self.position(text, start + words.len()) })
    }

    fn code_actions(&mut self, doc: &Doc, range: Value) -> Vec<Value> {
        let answer = self.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": doc.uri }, "range": range, "context": { "diagnostics": [] } }),
        );
        answer.expect("code actions").as_array().expect("a list").clone()
    }

    /// A document's text after a code action's edits.
    fn apply(&self, doc: &Doc, action: &Value) -> String {
        let edits = action["edit"]["changes"][&doc.uri]
            .as_array()
            .expect("edits of this document");
        let mut placed: Vec<(usize, usize, &str)> = edits
            .iter()
            .map(|e| {
                (
                    self.offset(&doc.text, &e["range"]["start"]),
                    self.offset(&doc.text, &e["range"]["end"]),
                    e["newText"].as_str().unwrap(),
                )
            })
            .collect();
        placed.sort_by_key(|&(start, _, _)| std::cmp::Reverse(start));
        let mut text = doc.text.clone();
        for (start, end, new) in placed {
            text.replace_range(start..end, new);
        }
        text
    }
}

struct Doc {
    uri: String,
    text: String,
}

impl Doc {
    fn at(path: &Path, text: &str) -> Doc {
        Doc {
            uri: format!("file://{}", path.display()).replace(' ', "%20"),
            text: text.to_string(),
        }
    }

    fn example(relative: &str) -> Doc {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
        Doc::at(&path, &std::fs::read_to_string(&path).unwrap())
    }
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap_or("")).collect()
}

fn find<'d>(client: &Client, doc: &Doc, diagnostics: &'d [Value], code: &str, words: &str) -> &'d Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == code && client.slice(&doc.text, &d["range"]) == words)
        .unwrap_or_else(|| panic!("a {code} diagnostic on {words:?} in {diagnostics:#?}"))
}

/// (rule, excerpt, LSP severity) of what the library finds in a draft with the built-in packs.
fn expected_findings(text: &str) -> Vec<(String, String, u64)> {
    let linter = Linter::new(RuleSet::builtin().unwrap());
    let outcome = linter.check(&Draft::new(text), &CheckOptions::default()).unwrap();
    let mut found: Vec<(String, String, u64)> = outcome
        .findings
        .into_iter()
        .map(|f| {
            let severity = match f.severity {
                replylint::Severity::Error => 1,
                replylint::Severity::Warning => 2,
                replylint::Severity::Suggestion => 3,
            };
            (f.rule, f.excerpt, severity)
        })
        .collect();
    found.sort();
    found
}

/// (rule, text under the range, severity) of published diagnostics.
fn published(client: &Client, doc: &Doc, diagnostics: &[Value]) -> Vec<(String, String, u64)> {
    let mut found: Vec<(String, String, u64)> = diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d["source"], "replylint");
            (
                d["code"].as_str().unwrap().to_string(),
                client.slice(&doc.text, &d["range"]).to_string(),
                d["severity"].as_u64().unwrap(),
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn drafts_get_diagnostics_on_their_words_with_hover_and_quick_fixes() {
    let mut client = Client::start(&[]);
    assert_eq!(client.initialized["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(client.initialized["serverInfo"]["name"], "replylint");

    let korean = Doc::example("examples/drafts/refusal-bad.ko.txt");
    let english = Doc::example("examples/drafts/refusal-bad.en.txt");
    let ko_diagnostics = client.open(&korean);
    let en_diagnostics = client.open(&english);

    // Every finding of the library is published, on its words, with its severity mapped.
    for (doc, diagnostics) in [(&korean, &ko_diagnostics), (&english, &en_diagnostics)] {
        assert!(!diagnostics.is_empty());
        assert_eq!(
            published(&client, doc, diagnostics),
            expected_findings(&doc.text),
            "{}",
            doc.uri
        );
    }
    let formal = find(&client, &korean, &ko_diagnostics, "no-robotic-formality", "귀하께서");
    assert_eq!(formal["severity"], 3, "a suggestion is Information");
    assert_eq!(formal["range"]["start"], json!({ "line": 3, "character": 0 }));
    let reason = find(
        &client,
        &korean,
        &ko_diagnostics,
        "refusal-gives-reason",
        "검토 결과, 요청하신 환불은 처리할 수 없습니다.",
    );
    assert_eq!(reason["severity"], 2, "a warning is Warning");
    // After the Hangul before it, "당사는" starts at UTF-16 column 35.
    let ours = find(&client, &korean, &ko_diagnostics, "no-robotic-formality", "당사는");
    assert_eq!(ours["range"]["start"], json!({ "line": 3, "character": 35 }));

    // Hover: the rule's title, the message, the rationale and the rewrite.
    let rules = RuleSet::builtin().unwrap();
    let rule = rules.rules.iter().find(|r| r.id == "no-robotic-formality").unwrap();
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": korean.uri }, "position": { "line": 3, "character": 2 } }),
    );
    let hover = hover.expect("a hover");
    let text = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(
        text.starts_with(&format!("**{}** · `no-robotic-formality`", rule.title)),
        "{text}"
    );
    assert!(text.contains(formal["message"].as_str().unwrap()), "{text}");
    let rationale = rule.lang(replylint::Lang::Ko).unwrap().rationale.trim();
    assert!(text.contains(rationale), "{text}");
    assert!(text.contains("Fix (safe): replace with \"고객님께서\""), "{text}");
    assert_eq!(client.slice(&korean.text, &hover["range"]), "귀하께서");

    // Nothing to say where nothing was found.
    let blank = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": korean.uri }, "position": { "line": 2, "character": 0 } }),
    );
    assert_eq!(blank.unwrap(), Value::Null);

    // The safe rewrite is the preferred quick fix, and applying it rewrites the words.
    let actions = client.code_actions(&korean, client.range_of(&korean.text, "귀하께서"));
    let safe = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["isPreferred"] == true)
        .expect("a preferred quick fix");
    assert_eq!(safe["diagnostics"][0]["code"], "no-robotic-formality");
    assert_eq!(
        client.apply(&korean, safe),
        korean.text.replacen("귀하께서", "고객님께서", 1)
    );
    let actions = client.code_actions(&korean, client.range_of(&korean.text, "양지하시기 바랍니다"));
    let safe = actions.iter().find(|a| a["isPreferred"] == true).expect("a safe fix");
    assert_eq!(
        client.apply(&korean, safe),
        korean.text.replace("양지하시기 바랍니다", "참고해 주십시오")
    );

    // A rewrite the pack does not mark safe is offered, but not preferred.
    let actions = client.code_actions(&korean, client.range_of(&korean.text, "당사는"));
    let rewrite = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("저희는"))
        .expect("a rewrite of 당사는");
    assert_eq!(rewrite["isPreferred"], false);
    assert_eq!(
        client.apply(&korean, rewrite),
        korean.text.replacen("당사는", "저희는", 1)
    );

    // A missing sentence is added after the finding's sentence.
    let refusal = "검토 결과, 요청하신 환불은 처리할 수 없습니다.";
    let actions = client.code_actions(&korean, client.range_of(&korean.text, refusal));
    let insert = actions
        .iter()
        .find(|a| a["diagnostics"][0]["code"] == "refusal-gives-reason")
        .expect("a sentence to add");
    assert!(insert["title"].as_str().unwrap().starts_with("Add after this sentence"));
    assert_eq!(insert["isPreferred"], false);
    assert_eq!(
        client.apply(&korean, insert),
        korean
            .text
            .replace(refusal, &format!("{refusal} 이는 {{이유}} 때문입니다."))
    );

    // Every safe fix at once.
    let fix_all = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll")
        .expect("a fix-all action");
    let fixed = client.apply(&korean, fix_all);
    assert!(
        fixed.contains("고객님께서") && fixed.contains("참고해 주십시오"),
        "{fixed}"
    );

    assert_eq!(client.finish(), 0);
}

#[test]
fn changes_are_checked_again() {
    let mut client = Client::start(&[]);
    let mut korean = Doc::example("examples/drafts/refusal-bad.ko.txt");
    let before = client.open(&korean);
    assert!(codes(&before).contains(&"no-robotic-formality"));

    // A whole new text.
    korean.text = korean.text.replacen("귀하께서", "고객님께서", 1);
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": korean.uri, "version": 2 }, "contentChanges": [{ "text": korean.text }] }),
    );
    let after = client.diagnostics(&korean.uri);
    assert_eq!(published(&client, &korean, &after), expected_findings(&korean.text));
    assert!(!after
        .iter()
        .any(|d| client.slice(&korean.text, &d["range"]) == "귀하께서"));

    // An edit of a range, counted in UTF-16 units after Hangul.
    let range = client.range_of(&korean.text, "양지하시기 바랍니다");
    korean.text = korean.text.replace("양지하시기 바랍니다", "참고해 주십시오");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": korean.uri, "version": 3 }, "contentChanges": [{ "range": range, "text": "참고해 주십시오" }] }),
    );
    let after = client.diagnostics(&korean.uri);
    assert_eq!(published(&client, &korean, &after), expected_findings(&korean.text));

    // Closing clears the document's diagnostics.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": korean.uri } }),
    );
    assert!(client.diagnostics(&korean.uri).is_empty());
    assert_eq!(client.finish(), 0);
}

#[test]
fn utf8_columns_when_the_client_offers_them() {
    let mut client = Client::start(&["utf-8", "utf-16"]);
    assert_eq!(client.initialized["capabilities"]["positionEncoding"], "utf-8");
    let korean = Doc::example("examples/drafts/refusal-bad.ko.txt");
    let diagnostics = client.open(&korean);
    assert_eq!(
        published(&client, &korean, &diagnostics),
        expected_findings(&korean.text)
    );
    let ours = find(&client, &korean, &diagnostics, "no-robotic-formality", "당사는");
    let line = korean.text.lines().nth(3).unwrap();
    let column = line.find("당사는").unwrap();
    assert_eq!(ours["range"]["start"], json!({ "line": 3, "character": column }));
    assert!(column > 35, "bytes, not UTF-16 units");
    assert_eq!(client.finish(), 0);
}

/// (rule, 0-based line, 0-based column) of each result of `replylint check --format sarif` on an export
/// with error-severity findings (exit 1).
fn sarif_places(path: &Path) -> Vec<(String, u64, u64)> {
    let output = assert_cmd::Command::cargo_bin("replylint")
        .unwrap()
        .args(["check", "--no-config", "--format", "sarif"])
        .arg(path)
        .assert()
        .code(1);
    let log: Value = serde_json::from_slice(&output.get_output().stdout).unwrap();
    let mut places: Vec<(String, u64, u64)> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let region = &r["locations"][0]["physicalLocation"]["region"];
            (
                r["ruleId"].as_str().unwrap().to_string(),
                region["startLine"].as_u64().unwrap() - 1,
                region["startColumn"].as_u64().unwrap() - 1,
            )
        })
        .collect();
    places.sort();
    places
}

#[test]
fn export_findings_sit_on_their_words_in_the_file() {
    let mut client = Client::start(&[]);
    let export = Doc::example("examples/macros/zendesk-macros.json");
    let diagnostics = client.open(&export);

    // Where `check --format sarif` places each finding (columns in characters: the file has no
    // characters beyond the BMP, so UTF-16 columns are the same).
    assert!(!export.text.chars().any(|c| c.len_utf16() > 1));
    let mut starts: Vec<(String, u64, u64)> = diagnostics
        .iter()
        .map(|d| {
            let start = &d["range"]["start"];
            (
                d["code"].as_str().unwrap().to_string(),
                start["line"].as_u64().unwrap(),
                start["character"].as_u64().unwrap(),
            )
        })
        .collect();
    starts.sort();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/macros/zendesk-macros.json");
    assert_eq!(starts, sarif_places(&path));

    // On the words themselves, in English and in Korean.
    let opener = find(
        &client,
        &export,
        &diagnostics,
        "no-template-opener",
        "Sorry for the inconvenience",
    );
    assert_eq!(opener["range"]["start"]["line"], 23);
    find(
        &client,
        &export,
        &diagnostics,
        "state-eta",
        "복구되는 대로 바로 안내드리겠습니다.",
    );
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": export.uri }, "position": opener["range"]["start"] }),
    );
    let text = hover.unwrap()["contents"]["value"].as_str().unwrap().to_string();
    assert!(
        text.contains("In zendesk 360001234567 \"Outage::Payments down\""),
        "{text}"
    );
    assert_eq!(client.finish(), 0);
}

#[test]
fn an_unreadable_export_is_one_diagnostic_at_its_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(&[]);
    let mut export = Doc::at(
        &dir.path().join("macros.json"),
        "{\n  \"macros\": [\n    {\"id\": 1,,}\n  ]\n}\n",
    );
    let diagnostics = client.open(&export);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let error = &diagnostics[0];
    assert_eq!(error["severity"], 1);
    assert_eq!(error["range"]["start"], json!({ "line": 2, "character": 13 }));
    assert_eq!(error["message"], "3:14: not valid JSON: key must be a string");

    // Fixed, it is checked as an export.
    export.text = "{\"macros\": [{\"id\": 1, \"title\": \"T\", \"actions\": [{\"field\": \"comment_value\", \"value\": \"Hi,\\nSorry for the inconvenience. We fixed it.\"}]}]}\n".into();
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": export.uri, "version": 2 }, "contentChanges": [{ "text": export.text }] }),
    );
    let diagnostics = client.diagnostics(&export.uri);
    find(
        &client,
        &export,
        &diagnostics,
        "no-template-opener",
        "Sorry for the inconvenience",
    );
    assert_eq!(client.finish(), 0);
}

#[test]
fn documents_and_replies_over_the_size_limit_are_one_diagnostic_each() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(&[]);
    let big = "Sorry for the inconvenience. ".repeat((1 << 20) / 29 + 1);
    let draft = Doc::at(&dir.path().join("big.txt"), &big);
    let diagnostics = client.open(&draft);
    assert_eq!(diagnostics.len(), 1, "a draft over the limit is not checked");
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(message.contains("KiB limit for one draft"), "{message}");

    let macros = serde_json::json!({"macros": [
        {"id": 1, "title": "Small", "actions": [{"field": "comment_value", "value": "Sorry for the inconvenience."}]},
        {"id": 2, "title": "Big", "actions": [{"field": "comment_value", "value": big}]},
    ]});
    let export = Doc::at(
        &dir.path().join("macros.json"),
        &serde_json::to_string_pretty(&macros).unwrap(),
    );
    let diagnostics = client.open(&export);
    let too_big: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["message"].as_str().unwrap().contains("KiB limit for one reply"))
        .collect();
    assert_eq!(too_big.len(), 1, "{diagnostics:#?}");
    assert!(too_big[0]["message"]
        .as_str()
        .unwrap()
        .contains("Zendesk macro 2 \"Big\""));
    // The small macro is still checked.
    assert!(codes(&diagnostics).contains(&"no-template-opener"), "{diagnostics:#?}");
    assert_eq!(client.finish(), 0);
}

const JARGON_DRAFT: &str =
    "Hi Dana,\n\nSorry for the inconvenience. The 502 errors came from a bad deploy on our backend. \
    We fixed it at 14:05 UTC.\n\nBest,\nSam\n";

#[test]
fn the_replylint_toml_above_a_document_is_honoured() {
    let team = tempfile::tempdir().unwrap();
    std::fs::write(
        team.path().join("replylint.toml"),
        "ignore = [\"no-jargon\"]\n\n[[override]]\npaths = [\"legacy/**\"]\nseverity = { no-template-opener = \"error\" }\n",
    )
    .unwrap();
    std::fs::create_dir_all(team.path().join("legacy/old")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();

    let mut client = Client::start(&[]);
    let unconfigured = Doc::at(&elsewhere.path().join("reply.txt"), JARGON_DRAFT);
    let configured = Doc::at(&team.path().join("reply.txt"), JARGON_DRAFT);
    let legacy = Doc::at(&team.path().join("legacy/old/reply.txt"), JARGON_DRAFT);

    // The LSP severity of the stock opener's diagnostic: 1 error, 2 warning.
    let opener_severity = |client: &Client, doc: &Doc, diagnostics: &[Value]| {
        find(
            client,
            doc,
            diagnostics,
            "no-template-opener",
            "Sorry for the inconvenience",
        )["severity"]
            .clone()
    };
    let plain = client.open(&unconfigured);
    assert!(codes(&plain).contains(&"no-jargon"), "{plain:#?}");
    assert_eq!(opener_severity(&client, &unconfigured, &plain), 2);

    let ignored = client.open(&configured);
    assert!(!codes(&ignored).contains(&"no-jargon"), "{ignored:#?}");
    assert_eq!(ignored.len(), plain.len() - 3, "the three jargon findings are ignored");
    assert_eq!(opener_severity(&client, &configured, &ignored), 2);

    // Per-path settings match the document's path from the config's folder.
    let overridden = client.open(&legacy);
    assert_eq!(opener_severity(&client, &legacy, &overridden), 1);

    // A config that cannot be used is said on the document, with the config's line.
    std::fs::write(team.path().join("replylint.toml"), "ignore = [\"no-such-rule\"]\n").unwrap();
    let config = Doc::at(&team.path().join("replylint.toml"), "");
    client.notify("textDocument/didSave", json!({ "textDocument": { "uri": config.uri } }));
    let mut broken = client.diagnostics(&configured.uri);
    broken.extend(client.diagnostics(&legacy.uri));
    let messages: Vec<&str> = broken.iter().map(|d| d["message"].as_str().unwrap()).collect();
    assert!(
        messages
            .iter()
            .all(|m| m.contains("replylint.toml:1:") && m.contains("no-such-rule")),
        "{messages:?}"
    );
    assert_eq!(client.finish(), 0);
}

#[test]
fn bad_requests_get_error_responses_and_the_server_keeps_going() {
    let mut client = Client::start(&[]);
    let unknown = client.request("textDocument/definition", json!({}));
    assert_eq!(unknown.unwrap_err().code, -32601);
    let malformed = client.request("textDocument/hover", json!({ "position": "here" }));
    assert_eq!(malformed.unwrap_err().code, -32602);
    // A document the server was never given has nothing to show.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "file:///nowhere/a.txt" }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(hover.unwrap(), Value::Null);
    // A malformed notification is ignored, and the server still answers.
    client.notify("textDocument/didOpen", json!({ "textDocument": 7 }));
    let korean = Doc::example("examples/drafts/outage-bad.ko.txt");
    assert!(!client.open(&korean).is_empty());

    let shutdown = client.request("shutdown", Value::Null);
    assert!(shutdown.is_ok());
    let late = client.request("textDocument/hover", json!({}));
    assert_eq!(late.unwrap_err().code, -32600);
    client.notify("exit", Value::Null);
    assert_eq!(join_within(client.server), 0);
}

#[test]
fn exit_without_shutdown_is_status_1_and_requests_before_initialize_are_refused() {
    let (server_side, connection) = Connection::memory();
    let server = std::thread::spawn(move || replylint::lsp::serve(&server_side));
    let early = Request::new(RequestId::from(1), "textDocument/hover".into(), json!({}));
    connection.sender.send(early.into()).unwrap();
    match receive(&connection, "an answer") {
        Message::Response(r) => assert_eq!(r.response_result.unwrap_err().code, -32002),
        other => panic!("unexpected {other:?}"),
    }
    let initialize = Request::new(RequestId::from(2), "initialize".into(), json!({ "capabilities": {} }));
    connection.sender.send(initialize.into()).unwrap();
    match receive(&connection, "an answer") {
        Message::Response(r) => assert!(r.response_result.is_ok()),
        other => panic!("unexpected {other:?}"),
    }
    connection
        .sender
        .send(Notification::new("exit".into(), Value::Null).into())
        .unwrap();
    assert_eq!(join_within(server), 1);
}

#[test]
fn the_binary_speaks_lsp_on_stdio() {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_replylint"))
        .arg("lsp")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut send_body = |body: &str| {
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    };
    // Messages are read on a thread of their own, so that a silent server fails the test in time.
    let (messages, inbox) = std::sync::mpsc::channel::<Value>();
    std::thread::spawn(move || loop {
        let mut length = 0;
        loop {
            let mut header = String::new();
            if stdout.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            if header == "\r\n" {
                break;
            }
            if let Some(n) = header.strip_prefix("Content-Length: ") {
                length = n.trim().parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        stdout.read_exact(&mut body).unwrap();
        if messages.send(serde_json::from_slice(&body).unwrap()).is_err() {
            return;
        }
    });
    let receive = || -> Value {
        inbox
            .recv_timeout(TIMEOUT)
            .unwrap_or_else(|e| panic!("no message from `replylint lsp` within {TIMEOUT:?} ({e})"))
    };
    let doc = Doc::example("examples/drafts/refusal-bad.ko.txt");
    let mut send = |message: Value| send_body(&message.to_string());
    send(json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }));
    assert_eq!(receive()["result"]["capabilities"]["positionEncoding"], "utf-16");
    // A body that is not a message is skipped; a request without a method is refused by its id.
    send(json!("not a message"));
    send(json!({ "jsonrpc": "2.0", "id": 5, "params": {} }));
    let refused = receive();
    assert_eq!(refused["id"], 5);
    assert_eq!(refused["error"]["code"], -32600);
    send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    send(json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": { "uri": doc.uri, "languageId": "plaintext", "version": 1, "text": doc.text } } }));
    let published = receive();
    assert_eq!(published["method"], "textDocument/publishDiagnostics");
    assert_eq!(published["params"]["uri"], doc.uri.as_str());
    send(json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }));
    assert_eq!(receive()["id"], 2);
    send(json!({ "jsonrpc": "2.0", "method": "exit" }));
    drop(stdin);
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("`replylint lsp` did not exit within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(status.code(), Some(0));
}
