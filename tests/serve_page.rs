//! The `serve` page in a real browser: headless Chromium driven over the DevTools protocol types a bad
//! Korean and a bad English draft, waits for the highlights, clicks rewrites, and saves screenshots under
//! `target/serve-page/`. Korean composition (IME) must not trigger a check half-way through a syllable.
//! Needs Chromium (`.ci/run` installs Debian's): without it the test fails, unless
//! `REPLYLINT_SKIP_BROWSER_TESTS=1` says to skip it (`.ci/run` never sets it).

mod common;

use base64::Engine;
use common::server::Server;
use serde_json::{json, Value};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::{stream::MaybeTlsStream, Message, WebSocket};

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|dir| dir.join(name))
                    .find(|p| p.is_file())
            })
        })
}

/// A headless browser with one page, spoken to over the DevTools protocol.
struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn open(binary: &Path, url: &str) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                "--window-size=1280,900",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Chromium starts");
        // Chromium writes the port it chose, and the browser's endpoint, into the profile.
        let port_file = profile.path().join("DevToolsActivePort");
        let found = wait_for(Duration::from_secs(30), || {
            std::fs::read_to_string(&port_file)
                .ok()
                .filter(|t| t.lines().count() >= 2)
        });
        let (port, path) = found
            .lines()
            .map(str::to_string)
            .collect::<Vec<_>>()
            .split_first()
            .map(|(p, rest)| (p.clone(), rest[0].clone()))
            .unwrap();
        let (socket, _) =
            tungstenite::connect(format!("ws://127.0.0.1:{port}{path}")).expect("the DevTools endpoint answers");
        let mut browser = Browser {
            child,
            socket,
            session: String::new(),
            next_id: 0,
            _profile: profile,
        };
        let target = browser.send("Target.createTarget", json!({ "url": url }));
        let attached = browser.send(
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        );
        browser.session = attached["sessionId"].as_str().unwrap().to_string();
        browser.send(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false }),
        );
        browser.wait_until("document.readyState === 'complete' && !!document.getElementById('draft')");
        browser
    }

    /// Sends a command (to the page once attached) and returns its result, skipping events.
    fn send(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let mut message = json!({ "id": self.next_id, "method": method, "params": params });
        if !self.session.is_empty() {
            message["sessionId"] = json!(self.session);
        }
        self.socket.send(Message::text(message.to_string())).unwrap();
        loop {
            let Message::Text(text) = self.socket.read().unwrap() else {
                continue;
            };
            let reply: Value = serde_json::from_str(&text).unwrap();
            if reply["id"] == self.next_id {
                assert!(reply.get("error").is_none(), "{method}: {reply}");
                return reply["result"].clone();
            }
        }
    }

    fn eval(&mut self, expression: &str) -> Value {
        let result = self.send(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        assert!(result.get("exceptionDetails").is_none(), "{expression}: {result}");
        result["result"]["value"].clone()
    }

    fn wait_until(&mut self, condition: &str) {
        let start = Instant::now();
        while self.eval(&format!("!!({condition})")) != json!(true) {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the page never got to: {condition}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Types into the draft as a keyboard would (input events, no composition).
    fn type_text(&mut self, text: &str) {
        self.eval("document.getElementById('draft').focus()");
        self.send("Input.insertText", json!({ "text": text }));
    }

    /// A real mouse click in the middle of the element the selector finds.
    fn click(&mut self, selector: &str) {
        let at = self.eval(&format!(
            "(() => {{ const e = document.querySelector({selector:?}); e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); return {{ x: r.x + r.width / 2, y: r.y + r.height / 2 }}; }})()"
        ));
        for kind in ["mousePressed", "mouseReleased"] {
            self.send(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": at["x"], "y": at["y"], "button": "left", "clickCount": 1 }),
            );
        }
    }

    fn screenshot(&mut self, path: &Path) {
        let shot = self.send("Page.captureScreenshot", json!({ "format": "png" }));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .expect("a base64 screenshot");
        std::fs::write(path, png).unwrap();
    }

    fn marked_rules(&mut self) -> String {
        self.eval("[...document.querySelectorAll('#backdrop mark')].map(m => m.dataset.rules).join(' ')")
            .as_str()
            .unwrap()
            .to_string()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_for<T>(limit: Duration, mut probe: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(found) = probe() {
            return found;
        }
        assert!(start.elapsed() < limit, "gave up waiting");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Where the screenshots go: `target/serve-page/`.
fn shots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/serve-page")
}

/// The button of the finding of `rule` whose rewrite mentions `rewrite`.
fn button_of(rule: &str, rewrite: &str) -> String {
    format!("li[data-rule='{rule}'][data-rewrite*='{rewrite}'] button.apply")
}

#[test]
fn an_agent_types_sees_highlights_and_applies_rewrites() {
    let Some(binary) = chromium() else {
        let skip = std::env::var_os("REPLYLINT_SKIP_BROWSER_TESTS").is_some_and(|v| v == "1");
        assert!(
            skip,
            "serve page test: no Chromium found (chromium, chromium-browser or google-chrome on PATH); \
             install it (apt-get install chromium) or set REPLYLINT_SKIP_BROWSER_TESTS=1 to skip this test"
        );
        eprintln!("serve page test: skipped (REPLYLINT_SKIP_BROWSER_TESTS=1)");
        return;
    };
    let server = Server::start(&[]);
    let mut page = Browser::open(&binary, &server.url());

    // The bad Korean outage reply, as an agent would paste it.
    let korean = std::fs::read_to_string("examples/drafts/outage-bad.ko.txt").unwrap();
    page.type_text(&korean);
    page.wait_until("document.querySelectorAll('#backdrop mark').length > 0 && document.querySelectorAll('#findings li[data-rule]').length > 0");
    let marked = page.marked_rules();
    for rule in ["no-template-opener", "state-eta", "no-robotic-formality"] {
        assert!(marked.contains(rule), "{rule} is not highlighted: {marked}");
    }
    assert_eq!(page.eval("document.getElementById('letter').textContent"), json!("F"));

    // First rewrite: a safe one, applied as written.
    page.click(&button_of("no-robotic-formality", "위 내용"));
    page.wait_until("document.getElementById('draft').value.includes('위 내용 참고 부탁드립니다.')");
    page.wait_until("!document.querySelector(\"li[data-rule='no-robotic-formality'][data-rewrite*='위 내용']\")");
    // Second rewrite: one with a slot, which is left selected for the agent to fill.
    page.click(&button_of("no-template-opener", "{문제}"));
    let selected = page.eval("(() => { const d = document.getElementById('draft'); return d.value.slice(d.selectionStart, d.selectionEnd); })()");
    assert!(
        selected
            .as_str()
            .is_some_and(|s| s.starts_with('{') && s.ends_with('}')),
        "{selected}"
    );
    page.wait_until("document.querySelectorAll('#backdrop mark').length > 0");
    page.screenshot(&shots().join("korean.png"));

    // Korean composition: nothing is checked while a syllable is being composed.
    let before = page.eval("sent");
    page.eval("(() => { const d = document.getElementById('draft'); d.focus(); d.setSelectionRange(d.value.length, d.value.length); })()");
    page.send(
        "Input.imeSetComposition",
        json!({ "text": "ㄱ", "selectionStart": 1, "selectionEnd": 1 }),
    );
    page.send(
        "Input.imeSetComposition",
        json!({ "text": "감", "selectionStart": 1, "selectionEnd": 1 }),
    );
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(
        page.eval("sent"),
        before,
        "a check was sent in the middle of a syllable"
    );
    page.send("Input.insertText", json!({ "text": "감사합니다." }));
    page.wait_until(&format!(
        "sent > {before} && document.getElementById('draft').value.endsWith('감사합니다.')"
    ));

    // The bad English outage reply, from a clean page.
    page.eval(
        "(() => { const d = document.getElementById('draft'); d.value = ''; d.dispatchEvent(new Event('input')); })()",
    );
    let english = std::fs::read_to_string("examples/drafts/outage-bad.en.txt").unwrap();
    page.type_text(&english);
    page.wait_until("document.getElementById('draft').value.length > 0 && [...document.querySelectorAll('#backdrop mark')].some(m => m.dataset.rules.includes('no-template-opener'))");
    let marked = page.marked_rules();
    assert!(
        marked.contains("acknowledge-impact") || marked.contains("offer-workaround"),
        "{marked}"
    );
    // A missing sentence is inserted with its slot selected.
    page.click("li[data-rule='acknowledge-impact'] button.apply");
    let selected = page.eval("(() => { const d = document.getElementById('draft'); return d.value.slice(d.selectionStart, d.selectionEnd); })()");
    assert!(selected.as_str().is_some_and(|s| s.starts_with('{')), "{selected}");
    page.wait_until("document.getElementById('draft').value.includes('I know this')");
    page.screenshot(&shots().join("english.png"));
    assert!(std::fs::metadata(shots().join("english.png")).unwrap().len() > 10_000);

    // The copy button copies exactly the reply.
    page.click("#copy");
    page.wait_until("document.getElementById('copy').textContent === 'Copied'");
}
