//! Live connection tests: send the spec's test request with the credentials attached as
//! the spec declares, and turn the provider's answer into the spec's message.
//!
//! Secrets leave this module only inside the outgoing request. The URL (which may carry
//! secret query parameters) is never logged or put into an error; client errors are
//! classified, not printed.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use connectspec_runtime::{ExposeSecret, MethodMeta, RequestAuth, TestMeta};
use serde::Serialize;
use url::Url;

use crate::catalogue::{ScopeView, required_scopes};
use crate::problem::Problem;

/// Runs connection tests with one shared HTTP client (connection pool, TLS config).
#[derive(Debug, Clone)]
pub struct Tester {
    client: reqwest::Client,
    base_urls: BTreeMap<String, Url>,
    timeout: Duration,
}

/// The result of a connection test that got an answer from the provider.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TestReport {
    /// Provider id.
    pub provider: &'static str,
    /// Method id.
    pub method: &'static str,
    /// The credentials work.
    pub ok: bool,
    /// `connected`, `rejected` (a status the spec explains) or `unexpected_status`.
    pub outcome: &'static str,
    /// The provider's HTTP status.
    pub status: u16,
    /// Message for the end user.
    pub message: String,
    /// Scopes to grant, when the spec says this status means missing scopes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing_scopes: Vec<ScopeView>,
    /// What the test does not prove.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'static str>,
}

impl Tester {
    /// A tester with the given base URL overrides and timeout.
    pub fn new(
        base_urls: BTreeMap<String, Url>,
        timeout: Duration,
    ) -> Result<Tester, reqwest::Error> {
        install_crypto_provider();
        let client = reqwest::Client::builder()
            // A redirect could carry custom credential headers to another host.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(timeout)
            .timeout(timeout)
            .user_agent(concat!("connectspec/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Tester {
            client,
            base_urls,
            timeout,
        })
    }

    /// The configured timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Runs the method's connection test with `auth`. Errors are problems for the caller
    /// of the service: no test declared (404), an unusable URL (500), the provider could
    /// not be reached (502) or did not answer in time (504).
    pub async fn run(
        &self,
        meta: &'static MethodMeta,
        auth: RequestAuth,
    ) -> Result<TestReport, Problem> {
        let Some(test) = meta.connection_test.as_ref() else {
            return Err(Problem::not_found(format!(
                "{} {} declares no connection test",
                meta.provider_name, meta.label
            )));
        };
        let url = self.url(meta, &auth)?;
        let method = reqwest::Method::from_bytes(test.method.as_bytes()).map_err(|_| {
            internal(format!(
                "the spec's connection test method `{}` is not an HTTP method",
                test.method
            ))
        })?;
        let mut request = self.client.request(method, url);
        for (name, value) in &auth.headers {
            let mut v =
                reqwest::header::HeaderValue::from_str(value.expose_secret()).map_err(|_| {
                    internal("a credential header value is not a valid HTTP header value")
                })?;
            v.set_sensitive(true);
            request = request.header(*name, v);
        }
        if let Some((user, password)) = &auth.basic {
            request = request.basic_auth(user.expose_secret(), Some(password.expose_secret()));
        }
        let started = Instant::now();
        let answer = request.send().await;
        let elapsed_ms = started.elapsed().as_millis() as u64;
        match answer {
            Ok(response) => {
                let status = response.status().as_u16();
                drop(response);
                tracing::info!(
                    provider = meta.provider_id,
                    method = meta.id,
                    test = test.path_source,
                    status,
                    elapsed_ms,
                    "connection test answered"
                );
                Ok(report(meta, test, status))
            }
            Err(e) if e.is_timeout() => {
                tracing::warn!(
                    provider = meta.provider_id,
                    method = meta.id,
                    elapsed_ms,
                    "connection test timed out"
                );
                Err(Problem::new(
                    StatusCode::GATEWAY_TIMEOUT,
                    "provider-timeout",
                    "Provider did not answer in time",
                    format!(
                        "{} did not answer the connection test within {} ms",
                        meta.provider_name,
                        self.timeout.as_millis()
                    ),
                ))
            }
            Err(e) => {
                let what = if e.is_connect() {
                    "connect"
                } else if e.is_request() {
                    "request"
                } else {
                    "other"
                };
                tracing::warn!(
                    provider = meta.provider_id,
                    method = meta.id,
                    elapsed_ms,
                    error_kind = what,
                    "connection test failed"
                );
                Err(Problem::new(
                    StatusCode::BAD_GATEWAY,
                    "provider-unreachable",
                    "Provider unreachable",
                    format!(
                        "the connection test could not reach {} ({what} error)",
                        meta.provider_name
                    ),
                ))
            }
        }
    }

    /// Base URL (override or the spec's, rendered) + test path + credential query.
    fn url(&self, meta: &MethodMeta, auth: &RequestAuth) -> Result<Url, Problem> {
        let base = match self.base_urls.get(meta.provider_id) {
            Some(u) => u.as_str().to_owned(),
            None => auth.base_url.clone(),
        };
        let path = auth.test_path.as_deref().unwrap_or("");
        let joined = format!("{}{}", base.trim_end_matches('/'), path);
        let mut url = Url::parse(&joined).map_err(|e| {
            Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "unusable-base-url",
                "Unusable provider URL",
                format!("the provider URL built from the form is not a valid URL ({e})"),
            )
        })?;
        if !auth.query.is_empty() {
            let mut q = url.query_pairs_mut();
            for (name, value) in &auth.query {
                q.append_pair(name, value.expose_secret());
            }
        }
        Ok(url)
    }
}

fn internal(detail: impl Into<String>) -> Problem {
    Problem::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "Internal error",
        detail,
    )
}

/// Maps a provider status to the spec's outcome.
pub fn report(meta: &'static MethodMeta, test: &'static TestMeta, status: u16) -> TestReport {
    let base = TestReport {
        provider: meta.provider_id,
        method: meta.id,
        ok: false,
        outcome: "rejected",
        status,
        message: String::new(),
        missing_scopes: Vec::new(),
        note: test.note,
    };
    if status == test.expect_status {
        return TestReport {
            ok: true,
            outcome: "connected",
            message: format!("{} accepted the {}.", meta.provider_name, meta.label),
            ..base
        };
    }
    match test.outcomes.iter().find(|o| o.status == status) {
        Some(o) if o.missing_scopes => {
            let scopes = required_scopes(test);
            let labels: Vec<&str> = scopes.iter().map(|s| s.label).collect();
            let message = if labels.is_empty() {
                o.meaning.to_owned()
            } else {
                format!(
                    "{} {}.",
                    o.meaning.trim_end_matches(['.', ':', ' ']),
                    labels.join(", ")
                )
            };
            TestReport {
                message,
                missing_scopes: scopes,
                ..base
            }
        }
        Some(o) => TestReport {
            message: o.meaning.to_owned(),
            ..base
        },
        None => TestReport {
            outcome: "unexpected_status",
            message: format!(
                "{} answered the connection test with HTTP {status}, which its spec does not describe.",
                meta.provider_name
            ),
            ..base
        },
    }
}

/// reqwest is built without a bundled crypto provider; rustls needs one installed
/// once per process. Installing fails harmlessly when one is already there.
fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
