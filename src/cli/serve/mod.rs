//! `replylint serve`: a web page for agents to check a draft as they write it, and the HTTP API behind it,
//! on this machine by default. Packs are loaded and compiled once, at start-up.
//!
//! No client can hold the server: a connection has `--read-timeout` seconds to send a request's headers
//! (and then its body, and an idle connection is closed after as long), at most `--max-connections` are
//! open at once (past them a connection is answered 503 and closed), and checks run off the threads that
//! accept connections and answer `/healthz`, one per core at a time, within `--request-timeout`.

mod api;
mod service;

use super::args::ServeArgs;
use super::EXIT_CLEAN;
use crate::error::{Error, Result};
use api::{AppState, Shared};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;
use tower_http::catch_panic::CatchPanicLayer;

/// How long open connections have to finish once the server is asked to stop.
const GRACE: Duration = Duration::from_secs(5);

/// The page, served from the binary: no CDN, no network assets.
const PAGE: &str = include_str!("page.html");

/// Nothing on the page may come from anywhere else; it only talks to this server.
const PAGE_POLICY: &str =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:";

/// A number of seconds given on the command line, which must be positive.
fn seconds(flag: &str, value: f64) -> Result<Duration> {
    Duration::try_from_secs_f64(value)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| Error::Usage(format!("{flag} must be a positive number of seconds, not {value}")))
}

pub fn run(args: ServeArgs) -> Result<u8> {
    let read_timeout = seconds("--read-timeout", args.read_timeout)?;
    let request_timeout = seconds("--request-timeout", args.request_timeout)?;
    if args.max_connections == 0 || args.max_connections > Semaphore::MAX_PERMITS {
        return Err(Error::Usage("--max-connections must be at least 1".into()));
    }
    let service = service::Service::load(&args)?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let state: Shared = Arc::new(AppState {
        service,
        max_body: args.max_body,
        read_timeout,
        request_timeout,
        checks: Arc::new(Semaphore::new(cores)),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the server: {e}")))?;
    runtime.block_on(serve(args, state))
}

async fn serve(args: ServeArgs, state: Shared) -> Result<u8> {
    let listener = tokio::net::TcpListener::bind((args.host.as_str(), args.port))
        .await
        .map_err(|e| Error::Usage(format!("cannot listen on {}:{}: {e}", args.host, args.port)))?;
    let address = listener
        .local_addr()
        .map_err(|e| Error::Usage(format!("cannot read the address listened on: {e}")))?;
    eprintln!("replylint: serving http://{address}/ (Ctrl-C to stop)");
    let read_timeout = state.read_timeout;
    let app = router(state);
    let slots = Arc::new(Semaphore::new(args.max_connections));
    let (stopping, stop_signal) = tokio::sync::watch::channel(false);
    let mut interrupted = std::pin::pin!(async {
        let _ = tokio::signal::ctrl_c().await;
    });
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of file descriptors, or a connection gone before it was accepted: a moment's rest
                    // lets connections close, instead of spinning.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut interrupted => break,
        };
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            tokio::spawn(refuse(stream));
            continue;
        };
        let service = TowerToHyperService::new(app.clone());
        let mut stop_signal = stop_signal.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(read_timeout);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            let mut connection = std::pin::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = stop_signal.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
    }
    // No new connections; the open ones finish the request they are on, for a few seconds at most.
    let _ = stopping.send(true);
    let all = u32::try_from(args.max_connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(GRACE, slots.acquire_many(all)).await;
    Ok(EXIT_CLEAN)
}

/// Answers a connection past `--max-connections` with 503 and closes it, within a second.
async fn refuse(mut stream: TcpStream) {
    const BODY: &str = "{\"error\":\"too many connections; try again shortly\"}\n";
    let response = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: {}\r\nretry-after: 1\r\nconnection: close\r\n\r\n{BODY}",
        BODY.len()
    );
    let answer = async {
        stream.write_all(response.as_bytes()).await?;
        stream.shutdown().await?;
        // What the client sent is read and dropped, so that closing does not reset the connection
        // before the answer is read.
        let mut sink = [0; 4096];
        while stream.read(&mut sink).await? > 0 {}
        std::io::Result::Ok(())
    };
    let _ = tokio::time::timeout(Duration::from_secs(1), answer).await;
}

fn router(state: Shared) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/healthz", get(api::health))
        .route("/v1/check", post(api::check))
        .route("/v1/grade", post(api::grade))
        .route("/v1/rules", get(api::rules))
        .route("/v1/rules/{id}", get(api::rule))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::wrong_method)
        // A bug must cost one request a 500, never the server.
        .layer(CatchPanicLayer::new())
        .with_state(state)
}

async fn page() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, PAGE_POLICY),
        ],
        PAGE,
    )
        .into_response()
}
