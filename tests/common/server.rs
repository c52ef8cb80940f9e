//! `replylint serve` started on an ephemeral loopback port for a test, and a minimal HTTP/1.1 client for
//! it (one connection per request), so the tests need no HTTP library of their own.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

pub struct Server {
    child: Child,
    pub address: String,
}

pub struct HttpResponse {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

impl Server {
    /// Starts the server with the built-in packs and no config, plus `args`; waits until it listens.
    pub fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_replylint"))
            .args(["serve", "--port", "0", "--no-config"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let mut stderr = BufReader::new(child.stderr.take().expect("stderr is piped"));
        let mut line = String::new();
        stderr.read_line(&mut line).expect("the server says where it listens");
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        assert!(address.starts_with("127.0.0.1:"), "{address}");
        // Keep reading what the server says, so it never blocks on a full pipe.
        std::thread::spawn(move || for _ in stderr.lines() {});
        Server { child, address }
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    pub fn get(&self, path: &str) -> HttpResponse {
        self.request("GET", path, b"")
    }

    pub fn post(&self, path: &str, body: &str) -> HttpResponse {
        self.request("POST", path, body.as_bytes())
    }

    pub fn post_bytes(&self, path: &str, body: &[u8]) -> HttpResponse {
        self.request("POST", path, body)
    }

    fn request(&self, method: &str, path: &str, body: &[u8]) -> HttpResponse {
        let mut stream = TcpStream::connect(&self.address).expect("the server accepts");
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.address,
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        parse(&raw)
    }
}

/// A raw HTTP/1.1 response: its status, content type and body.
pub fn parse(raw: &[u8]) -> HttpResponse {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let body = &raw[split + 4..];
    let status = head
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let header = |name: &str| {
        head.lines()
            .skip(1)
            .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case(name)))
            .map(|(_, v)| v.trim().to_string())
    };
    let body = if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        unchunk(body)
    } else {
        body.to_vec()
    };
    HttpResponse {
        status,
        content_type: header("content-type").unwrap_or_default(),
        body: String::from_utf8(body).expect("a UTF-8 body"),
    }
}

/// A chunked body joined back together (chunks may split a character, so this works on bytes).
fn unchunk(mut rest: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    while let Some(line_end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&rest[..line_end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let chunk = &rest[line_end + 2..];
        body.extend_from_slice(&chunk[..size]);
        rest = &chunk[size + 2..];
    }
    body
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the CLI prints as JSON for `args` with `stdin`, exiting 0: the answer a server endpoint must equal.
pub fn cli_json(args: &[&str], stdin: &str) -> serde_json::Value {
    let out = assert_cmd::Command::cargo_bin("replylint")
        .unwrap()
        .args(args)
        .write_stdin(stdin)
        .assert()
        .code(0);
    let stdout = &out.get_output().stdout;
    serde_json::from_slice(stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(stdout)))
}

/// Every example draft's text, and what `check --format json -` prints for it.
pub fn example_drafts_with_check_json() -> Vec<(String, serde_json::Value)> {
    std::fs::read_dir("examples/drafts")
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .map(|draft| {
            let checked = cli_json(&["check", "--format", "json", "--no-config", "-"], &draft);
            (draft, checked)
        })
        .collect()
}
