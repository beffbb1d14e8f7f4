//! Structured request logs (the process's log subscriber is installed by the CLI).
//!
//! A request line names the route template (`/v1/providers/{provider}/…`), never the
//! raw URI: a caller could put anything, including a secret, into a path or query.
//! Handlers add provider and method ids only after they are known to exist.
//!
//! A value that comes from outside (a provider's error code, anything a caller sent) is
//! recorded as a string (`error = code.as_str()`), never with `%`: the text format
//! prints a `%` value as it is, so a space and `=` in it would forge another field,
//! while a string is quoted and escaped there, as the JSON format escapes every value.

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;

/// Logs one line per request: method, route, status, latency.
pub async fn log_request(req: Request, next: Next) -> Response {
    if !tracing::enabled!(target: "connectspec_server::http", tracing::Level::INFO) {
        return next.run(req).await;
    }
    let started = Instant::now();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "(unmatched)".to_owned());
    let res = next.run(req).await;
    tracing::info!(
        target: "connectspec_server::http",
        method = %method,
        route = %route,
        status = res.status().as_u16(),
        latency_us = started.elapsed().as_micros() as u64,
        "request"
    );
    res
}
