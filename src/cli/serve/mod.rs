//! `replylint serve`: a web page for agents to check a draft as they write it, and the HTTP API behind it,
//! on this machine by default. Packs are loaded and compiled once, at start-up.

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
use std::sync::Arc;
use tower_http::catch_panic::CatchPanicLayer;

/// The page, served from the binary: no CDN, no network assets.
const PAGE: &str = include_str!("page.html");

/// Nothing on the page may come from anywhere else; it only talks to this server.
const PAGE_POLICY: &str =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:";

pub fn run(args: ServeArgs) -> Result<u8> {
    let service = service::Service::load(&args)?;
    let state: Shared = Arc::new(AppState {
        service,
        max_body: args.max_body,
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
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| Error::Usage(format!("the server stopped: {e}")))?;
    Ok(EXIT_CLEAN)
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
