//! `replylint serve` under load on loopback, measured and reported, never asserted:
//! `cargo bench --bench serve`. Two client threads keep one connection each and send a 2 KB draft to
//! `POST /v1/check` as fast as answers come back; the report gives throughput and latency percentiles
//! (targets: at least 2,000 checks per second on 2 cores, p99 under 5 ms). Traffic stays on 127.0.0.1.

mod common;

use common::{draft_of_size, ms};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CLIENTS: usize = 2;
const REQUESTS_PER_CLIENT: usize = 2000;

/// One request on a kept-alive connection; returns once the whole answer is read.
fn round_trip(stream: &mut BufReader<TcpStream>, request: &[u8]) {
    stream.get_mut().write_all(request).unwrap();
    let mut length = 0;
    let mut line = String::new();
    loop {
        line.clear();
        stream.read_line(&mut line).unwrap();
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap();
            }
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body).unwrap();
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

fn main() {
    let mut server = Command::new(env!("CARGO_BIN_EXE_replylint"))
        .args(["serve", "--port", "0", "--no-config"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut first = String::new();
    BufReader::new(server.stderr.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let address = first
        .split("http://")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();

    for (lang, seed) in [
        ("en", include_str!("../examples/drafts/outage-bad.en.txt")),
        ("ko", include_str!("../examples/drafts/outage-bad.ko.txt")),
    ] {
        let body = serde_json::json!({ "text": draft_of_size(seed, 2048) }).to_string();
        let request = format!(
            "POST /v1/check HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes();
        let started = Instant::now();
        let mut latencies: Vec<Duration> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..CLIENTS)
                .map(|_| {
                    let (address, request) = (&address, &request);
                    scope.spawn(move || {
                        let mut stream = BufReader::new(TcpStream::connect(address).unwrap());
                        stream.get_ref().set_nodelay(true).unwrap();
                        // Warm-up, not counted.
                        for _ in 0..50 {
                            round_trip(&mut stream, request);
                        }
                        (0..REQUESTS_PER_CLIENT)
                            .map(|_| {
                                let sent = Instant::now();
                                round_trip(&mut stream, request);
                                sent.elapsed()
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
        });
        let elapsed = started.elapsed();
        latencies.sort();
        println!(
            "POST /v1/check, 2 KB {lang} draft, {CLIENTS} clients: {:.0} checks/s (target 2,000), p50 {}, p90 {}, p99 {} (target 5 ms), max {}",
            (CLIENTS * REQUESTS_PER_CLIENT) as f64 / elapsed.as_secs_f64(),
            ms(percentile(&latencies, 0.50)),
            ms(percentile(&latencies, 0.90)),
            ms(percentile(&latencies, 0.99)),
            ms(*latencies.last().unwrap()),
        );
    }
    let _ = server.kill();
    let _ = server.wait();
}
