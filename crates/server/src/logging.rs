//! Structured request logs and the process's log subscriber.
//!
//! A request line names the route template (`/v1/providers/{provider}/…`), never the
//! raw URI: a caller could put anything, including a secret, into a path or query.
//! Handlers add provider and method ids only after they are known to exist.

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use tracing_subscriber::EnvFilter;

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

/// Installs the global subscriber: `RUST_LOG` filter (default `info`), text or JSON
/// lines on stderr. Does nothing when a subscriber is already installed.
pub fn init(json: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colour only for a terminal: escape codes in a log file or collector are noise.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
