//! The HTTP API: requests read and checked strictly (every fault a 400 that says which), answers in the
//! JSON shapes the command line prints.

use super::service::{Ask, Service};
use crate::engine::CheckOptions;
use crate::error::Error;
use crate::report::rules::{rule_json, rules_json};
use crate::report::{grades, json, Report};
use crate::text::Lang;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

pub struct AppState {
    pub service: Service,
    pub max_body: usize,
    /// How long a client has to send a body.
    pub read_timeout: Duration,
    /// How long a check or grade may take, waiting for a core included.
    pub request_timeout: Duration,
    /// One permit per core: checks run at most this many at a time.
    pub checks: Arc<Semaphore>,
}

pub type Shared = Arc<AppState>;

/// An answer that is not a success: a status and a one-line reason, as `{"error": "..."}`.
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn bad_request(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
}

impl From<Error> for ApiError {
    /// Library errors a request can cause (an unknown rule or scenario, an empty draft) are its fault.
    fn from(error: Error) -> Self {
        let message = match error {
            Error::Input { message, .. } => message,
            other => other.to_string(),
        };
        ApiError::bad_request(message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message }).to_string() + "\n";
        (self.status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    }
}

fn json_response(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// `POST /v1/check` and `/v1/grade` bodies. Unknown fields are refused, so a typo is not silently ignored.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckRequest {
    text: String,
    #[serde(default)]
    lang: Option<String>,
    /// One scenario id or a list of them.
    #[serde(default)]
    scenario: Option<serde_json::Value>,
    /// The kind of text (`full`, `fragment`, `faq`, `auto-reply`, `notice`), or `auto`.
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
}

/// Reads a body whole, up to the limit: over it is 413, not UTF-8 or not the request shape is 400.
async fn read_request(state: &AppState, headers: &HeaderMap, body: Body) -> Result<Ask, ApiError> {
    let too_big = || ApiError {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        message: format!("the body is over the {}-byte limit (--max-body)", state.max_body),
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > state.max_body) {
        return Err(too_big());
    }
    let bytes = tokio::time::timeout(state.read_timeout, axum::body::to_bytes(body, state.max_body))
        .await
        .map_err(|_| ApiError {
            status: StatusCode::REQUEST_TIMEOUT,
            message: format!(
                "the body did not arrive within {} s (--read-timeout)",
                state.read_timeout.as_secs_f64()
            ),
        })?
        .map_err(|_| too_big())?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| ApiError::bad_request(format!("the body is not UTF-8 (byte {})", e.valid_up_to())))?;
    let request: CheckRequest =
        serde_json::from_str(text).map_err(|e| ApiError::bad_request(format!("not a check request: {e}")))?;
    let lang = match request.lang.as_deref() {
        None | Some("auto") => None,
        Some("ko") => Some(Lang::Ko),
        Some("en") => Some(Lang::En),
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "unknown lang `{other}`, expected auto, ko or en"
            )))
        }
    };
    let scenarios = match request.scenario {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) if s == "auto" || s.is_empty() => None,
        Some(serde_json::Value::String(s)) => Some(vec![s]),
        Some(serde_json::Value::Array(items)) => Some(
            items
                .into_iter()
                .map(|v| match v {
                    serde_json::Value::String(s) => Ok(s),
                    _ => Err(ApiError::bad_request(
                        "`scenario` must be a string or a list of strings",
                    )),
                })
                .collect::<Result<Vec<_>, _>>()?,
        )
        .filter(|s| !s.is_empty()),
        Some(_) => {
            return Err(ApiError::bad_request(
                "`scenario` must be a string or a list of strings",
            ))
        }
    };
    let kind = match request.kind.as_deref() {
        None | Some("auto") => None,
        Some(name) => Some(crate::text::Classification::forced(
            super::super::drafts::declared_kind(name).map_err(ApiError::bad_request)?,
            crate::text::KindSource::Option,
            "the request's kind",
        )),
    };
    Ok(Ask {
        text: request.text,
        options: CheckOptions { lang, scenarios, kind },
        select: request.select,
        ignore: request.ignore,
    })
}

/// Runs a check or a grade off the threads that accept connections and answer `/healthz`, at most one per
/// core at a time, within the request time limit (waiting for a core included): past it, 503. Work already
/// started runs to its end (a draft is at most the body limit) and holds its core until then.
async fn heavy(
    state: Shared,
    work: impl FnOnce(&Service) -> crate::error::Result<String> + Send + 'static,
) -> Result<Response, ApiError> {
    let limit = state.request_timeout;
    let run = async move {
        let core = Arc::clone(&state.checks)
            .acquire_owned()
            .await
            .expect("the semaphore is never closed");
        tokio::task::spawn_blocking(move || {
            let _core = core;
            work(&state.service)
        })
        .await
    };
    match tokio::time::timeout(limit, run).await {
        Ok(Ok(body)) => Ok(json_response(body?)),
        Ok(Err(_)) => Err(ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "replylint failed on this request".into(),
        }),
        Err(_) => Err(ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: format!(
                "the check did not finish within {} s (--request-timeout); try again shortly",
                limit.as_secs_f64()
            ),
        }),
    }
}

/// `POST /v1/check`: one result in the JSON contract of `check --format json`.
pub async fn check(State(state): State<Shared>, headers: HeaderMap, body: Body) -> Result<Response, ApiError> {
    let ask = read_request(&state, &headers, body).await?;
    heavy(state, move |service| {
        let report = Report {
            results: vec![service.check(&ask)?],
            ..Report::default()
        };
        Ok(json::render(&report).into_string())
    })
    .await
}

/// `POST /v1/grade`: the score, letter, per-criterion scores and deductions, as `grade --format json`
/// shows a reply.
pub async fn grade(State(state): State<Shared>, headers: HeaderMap, body: Body) -> Result<Response, ApiError> {
    let ask = read_request(&state, &headers, body).await?;
    heavy(state, move |service| Ok(grades::reply_json(&service.grade(&ask)?))).await
}

/// `GET /v1/rules`: what `rules --format json` prints.
pub async fn rules(State(state): State<Shared>) -> Response {
    json_response(rules_json(state.service.rules()))
}

/// `GET /v1/rules/{id}`: what `explain ID --format json` prints.
pub async fn rule(State(state): State<Shared>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let rules = state.service.rules();
    let Some(rule) = rules.rule(&id) else {
        let hint = crate::suggest::did_you_mean(&id, rules.rules.iter().map(|r| r.id.as_str())).unwrap_or_default();
        return Err(ApiError {
            status: StatusCode::NOT_FOUND,
            message: format!("unknown rule '{id}'{hint}"),
        });
    };
    Ok(json_response(
        serde_json::to_string_pretty(&rule_json(rule)).expect("a rule serialises") + "\n",
    ))
}

/// `GET /healthz`.
pub async fn health(State(state): State<Shared>) -> Response {
    let body = serde_json::json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": state.service.rules().rules.len(),
    });
    json_response(body.to_string() + "\n")
}

pub async fn not_found(method: Method, uri: Uri) -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        message: format!("no such endpoint: {method} {}", uri.path()),
    }
}

pub async fn wrong_method(method: Method, uri: Uri) -> ApiError {
    ApiError {
        status: StatusCode::METHOD_NOT_ALLOWED,
        message: format!("{} does not take {method}", uri.path()),
    }
}
