//! `replylint serve` under hostile clients, on 127.0.0.1 only: connections that send nothing, or half a
//! request, are closed after `--read-timeout`; connections past `--max-connections` are answered 503; a
//! check past `--request-timeout` is 503; heavy checks do not hold up `/healthz`; and a bounded load of
//! malformed, valid, slow and idle requests leaves the server alive, giving the answers `check` gives.
//! Every socket has a timeout, so a server that hangs fails a test instead of hanging it.

mod common;

use common::server::{example_drafts_with_check_json, parse, HttpResponse, Server};
use serde_json::Value;
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The longest any client here waits for the server.
const WAIT: Duration = Duration::from_secs(30);

fn connect(server: &Server) -> TcpStream {
    let stream = TcpStream::connect(&server.address).expect("the server accepts");
    stream.set_read_timeout(Some(WAIT)).unwrap();
    stream.set_write_timeout(Some(WAIT)).unwrap();
    stream
}

/// What the server sends until it closes the connection; an error if it is still open after `WAIT`.
fn read_to_close(stream: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut received = Vec::new();
    let mut buffer = [0; 8192];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return Ok(received),
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            // A reset is the server closing too (it had unread bytes from us).
            Err(e) if e.kind() == ErrorKind::ConnectionReset => return Ok(received),
            Err(e) => return Err(e),
        }
    }
}

/// One request on a connection of its own (closed after the answer), with timeouts.
fn request(server: &Server, method: &str, path: &str, body: &str) -> HttpResponse {
    let mut stream = connect(server);
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let raw = read_to_close(&mut stream).unwrap_or_else(|e| panic!("{method} {path}: no answer within {WAIT:?}: {e}"));
    parse(&raw)
}

fn check_body(text: &str) -> String {
    serde_json::json!({ "text": text }).to_string()
}

/// A draft of `bytes` bytes with a finding every few words: slow to check.
fn heavy_draft(bytes: usize) -> String {
    let phrase = "we use the rollback tool ";
    phrase.repeat(bytes / phrase.len())
}

#[test]
fn idle_half_sent_and_surplus_connections_are_closed_and_the_server_still_answers() {
    let server = Server::start(&["--read-timeout", "1", "--max-connections", "8"]);
    let started = Instant::now();
    // Seven connections that send nothing and one that sends half a request head fill every slot.
    let mut held: Vec<TcpStream> = (0..7).map(|_| connect(&server)).collect();
    let mut half = connect(&server);
    half.write_all(b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    held.push(half);
    std::thread::sleep(Duration::from_millis(300));
    // A ninth connection is answered 503 at once and closed.
    let refused = request(&server, "GET", "/healthz", "");
    assert_eq!(refused.status, 503, "{}", refused.body);
    assert!(refused.body.contains("too many connections"), "{}", refused.body);
    // After the read timeout the server closes the eight.
    for (i, stream) in held.iter_mut().enumerate() {
        read_to_close(stream).unwrap_or_else(|e| panic!("connection {i} still open after {WAIT:?}: {e}"));
    }
    assert!(started.elapsed() < WAIT);
    // The slots are free again.
    assert_eq!(request(&server, "GET", "/healthz", "").status, 200);

    // A body that stops half-way is answered 408.
    let mut stream = connect(&server);
    stream
        .write_all(b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"text\": ")
        .unwrap();
    let answer = parse(&read_to_close(&mut stream).expect("an answer"));
    assert_eq!(answer.status, 408, "{}", answer.body);
    assert!(answer.body.contains("--read-timeout"), "{}", answer.body);
}

#[test]
fn a_check_past_the_time_limit_is_503_and_bad_limits_are_refused() {
    let server = Server::start(&["--request-timeout", "0.01"]);
    let response = request(&server, "POST", "/v1/check", &check_body(&heavy_draft(200_000)));
    assert_eq!(response.status, 503, "{}", response.body);
    let error: Value = serde_json::from_str(&response.body).unwrap();
    assert!(
        error["error"].as_str().unwrap().contains("--request-timeout"),
        "{error}"
    );
    assert_eq!(request(&server, "GET", "/healthz", "").status, 200);

    for (flag, value) in [
        ("--request-timeout", "0"),
        ("--read-timeout", "-1"),
        ("--max-connections", "0"),
    ] {
        assert_cmd::Command::cargo_bin("replylint")
            .unwrap()
            .args(["serve", "--port", "0", "--no-config", flag, value])
            .assert()
            .code(2);
    }
}

#[test]
fn heavy_checks_do_not_hold_up_the_health_check() {
    let server = Server::start(&["--max-body", "1000000", "--request-timeout", "300"]);
    let body = check_body(&heavy_draft(500_000));
    let mut slowest = Duration::ZERO;
    std::thread::scope(|scope| {
        // As many heavy checks as this machine has cores, and more.
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let checks: Vec<_> = (0..cores + 1)
            .map(|_| scope.spawn(|| request(&server, "POST", "/v1/check", &body)))
            .collect();
        std::thread::sleep(Duration::from_millis(500));
        for _ in 0..5 {
            let asked = Instant::now();
            assert_eq!(request(&server, "GET", "/healthz", "").status, 200);
            slowest = slowest.max(asked.elapsed());
            std::thread::sleep(Duration::from_millis(100));
        }
        for check in checks {
            assert_eq!(check.join().unwrap().status, 200);
        }
    });
    eprintln!("serve: /healthz answered within {slowest:?} while heavy checks ran");
    assert!(
        slowest < Duration::from_secs(3),
        "/healthz took {slowest:?} while checks ran"
    );
}

/// Requests a server must survive: each is answered with an error or the connection is closed.
const MALFORMED: [&[u8]; 10] = [
    b"\x00\x01\x02 not http at all\r\n\r\n",
    b"GET / HTTP/9.9\r\n\r\n",
    b"GET /healthz HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n",
    b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 12\r\nConnection: close\r\n\r\n{\"text\": 1}x",
    b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\n{}",
    b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nbad\r\n0\r\n\r\n",
    b"POST /v1/grade HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\nConnection: close\r\n\r\n\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6",
    b"DELETE /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    b"GET /v1/rules/%00%ff HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 20\r\nConnection: close\r\n\r\n{\"text\": \"\\u0000\"}  ",
];

/// `REPLYLINT_SERVE_LOAD=N` sends N malformed and N valid requests (the default keeps `cargo test` short).
fn load() -> usize {
    std::env::var("REPLYLINT_SERVE_LOAD")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200)
}

/// The peak resident memory of a process, in KiB.
fn peak_memory_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_bounded_load_of_malformed_valid_slow_and_idle_requests_leaves_the_server_answering_correctly() {
    let server = Server::start(&["--read-timeout", "2", "--max-connections", "128"]);
    let count = load();
    let (drafts, expected): (Vec<String>, Vec<Value>) = example_drafts_with_check_json().into_iter().unzip();
    let started = Instant::now();
    // Idle connections, held for the whole run; the server closes them after its read timeout.
    let mut idle: Vec<TcpStream> = (0..20).map(|_| connect(&server)).collect();
    std::thread::scope(|scope| {
        for worker in 0..4 {
            let server = &server;
            scope.spawn(move || {
                for i in (worker..count).step_by(4) {
                    let mut stream = connect(server);
                    let _ = stream.write_all(MALFORMED[i % MALFORMED.len()]);
                    let raw = read_to_close(&mut stream).unwrap_or_else(|e| panic!("malformed request {i}: {e}"));
                    if !raw.is_empty() {
                        let status = parse(&raw).status;
                        assert!((400..600).contains(&status), "malformed request {i}: {status}");
                    }
                }
            });
        }
        for worker in 0..4 {
            let (server, drafts, expected) = (&server, &drafts, &expected);
            scope.spawn(move || {
                for i in (worker..count).step_by(4) {
                    let d = i % drafts.len();
                    let response = request(server, "POST", "/v1/check", &check_body(&drafts[d]));
                    assert_eq!(response.status, 200, "valid request {i}: {}", response.body);
                    let answer: Value = serde_json::from_str(&response.body).unwrap();
                    assert_eq!(answer, expected[d], "valid request {i}");
                }
            });
        }
        // Slow clients: a request head a byte at a time, too slowly to finish within the read timeout.
        for _ in 0..8 {
            let server = &server;
            scope.spawn(move || {
                let mut stream = connect(server);
                for byte in b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\n" {
                    if stream.write_all(&[*byte]).is_err() {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(150));
                }
                read_to_close(&mut stream).expect("a slow client is closed by the server");
            });
        }
    });
    for stream in &mut idle {
        read_to_close(stream).expect("an idle connection is closed by the server");
    }
    let health: Value = serde_json::from_str(&request(&server, "GET", "/healthz", "").body).unwrap();
    assert_eq!(health["status"], "ok");
    if let Some(peak) = peak_memory_kib(server.pid()) {
        assert!(peak < 512 * 1024, "the server peaked at {peak} KiB");
        eprintln!(
            "serve load: {count} malformed and {count} valid requests, 8 slow and 20 idle connections in {:?}; server peak {} MiB",
            started.elapsed(),
            peak / 1024
        );
    }
}
