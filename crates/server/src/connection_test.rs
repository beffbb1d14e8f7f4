//! Live connection tests: send the spec's test request with the credentials attached as
//! the spec declares, and turn the provider's answer into the spec's message.
//!
//! Secrets leave this module only inside the outgoing request. The URL (which may carry
//! secret query parameters) is never logged or put into an error; client errors are
//! classified, not printed.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use std::net::IpAddr;
use std::sync::Arc;

use axum::http::StatusCode;
use connectspec_runtime::{
    ChecksOutcome, ErrorKind, ExposeSecret, FieldError, MethodMeta, RequestAuth, RequestTarget,
    TestMeta, UrlPart, UrlValueError, host_allowed, placeholder_parts, read_answer, rfc3339,
};
use serde::Serialize;
use url::Url;

use crate::listing::{ScopeView, required_scopes};
use crate::outbound::{GuardedResolver, is_public, refused};
use crate::problem::{FieldProblem, Problem};

/// Runs connection tests with shared HTTP clients (connection pool, TLS config).
///
/// Requests built from a spec go through `guarded`, whose resolver refuses internal
/// addresses; requests to an operator's `--base-url` override, or every request when
/// private hosts are allowed, go through `direct`.
#[derive(Debug, Clone)]
pub struct Tester {
    guarded: reqwest::Client,
    direct: reqwest::Client,
    base_urls: BTreeMap<String, Url>,
    allow_private_hosts: bool,
    timeout: Duration,
    /// The guarded client's resolver, for checking a host before any request.
    resolver: GuardedResolver,
}

/// How a [`Tester`] reaches providers.
#[derive(Debug, Clone, Default)]
pub struct TesterOptions {
    /// Base URL overrides by provider id (staging, tests): requests go there as given.
    pub base_urls: BTreeMap<String, Url>,
    /// Lift the outbound address policy (allowed hosts still apply).
    pub allow_private_hosts: bool,
    /// Fixed addresses for names, answered instead of DNS; the policy still applies.
    pub resolve: BTreeMap<String, Vec<IpAddr>>,
    /// Connection-test timeout.
    pub timeout: Duration,
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
    /// The response check that failed (outcome `check_failed`): its position in the
    /// spec and its pointer. Never any of the answer's content.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed_check: Option<FailedCheck>,
    /// The account's identity (the spec's `connection_test.identity`), when the test
    /// succeeded and the answer is JSON with a string, number or boolean at its pointer.
    /// Not a secret, but never logged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    /// The scopes the credential holds, when the spec's `connection_test.learns` says
    /// where the answer gives them and it does (a successful test only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub granted_scopes: Option<Vec<String>>,
    /// When the credential expires (RFC 3339, UTC), when the spec says where the answer
    /// gives it and it does (a successful test only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// Granted scopes beyond what the caller's actions need (with `actions`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub excess_scopes: Vec<String>,
    /// The least-privilege scopes of the caller's actions, when the granted ones are
    /// missing some or hold more.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub least_privilege_scopes: Option<Vec<ScopeView>>,
    /// A warning for a successful test: missing or excess scopes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// A token exchange the token endpoint refused (outcome `exchange_refused`): its
    /// `error` and `error_description`, cleaned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_error: Option<crate::problem::ProviderError>,
}

impl TestReport {
    /// Compares the granted scopes of a successful report with what `actions` (the
    /// integration's) need: `missing_scopes`, `excess_scopes` and the least-privilege
    /// scopes to use instead, with a `warning`. The test still succeeds.
    pub fn advise(&mut self, meta: &'static MethodMeta, actions: &[&str]) {
        let Some(granted) = self.granted_scopes.as_deref().filter(|_| self.ok) else {
            return;
        };
        if let Some(a) = crate::learned::compare(meta, granted, actions) {
            self.missing_scopes = a.missing;
            self.excess_scopes = a.excess;
            self.least_privilege_scopes = Some(a.least_privilege);
            self.warning = Some(a.warning);
        }
    }
}

/// Which of the spec's response checks failed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FailedCheck {
    /// Index in the spec's `checks`.
    pub index: usize,
    /// The check's JSON pointer.
    pub pointer: &'static str,
}

/// The most of an answer's body read for response checks.
pub const MAX_CHECKED_BODY: usize = 1 << 20;

/// What reading the success answer's body for the checks gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyVerdict {
    /// The checks ran.
    Checked(ChecksOutcome),
    /// The body exceeded [`MAX_CHECKED_BODY`].
    TooLarge,
}

impl Tester {
    /// A tester with the given options.
    pub fn new(options: TesterOptions) -> Result<Tester, reqwest::Error> {
        install_crypto_provider();
        let builder = |guarded: bool| {
            let b = reqwest::Client::builder()
                // A redirect could carry custom credential headers to another host.
                .redirect(reqwest::redirect::Policy::none())
                // A proxy would resolve names itself, past the address policy.
                .no_proxy()
                .connect_timeout(options.timeout)
                .timeout(options.timeout)
                .user_agent(concat!("connectspec/", env!("CARGO_PKG_VERSION")));
            if guarded {
                b.dns_resolver(Arc::new(GuardedResolver::new(options.resolve.clone())))
            } else {
                b
            }
        };
        Ok(Tester {
            guarded: builder(true).build()?,
            direct: builder(false).build()?,
            base_urls: options.base_urls,
            allow_private_hosts: options.allow_private_hosts,
            timeout: options.timeout,
            resolver: GuardedResolver::new(options.resolve.clone()),
        })
    }

    /// The configured timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The client for a request: `direct` for an operator's override (or when private
    /// hosts are allowed), else the one whose resolver refuses internal addresses.
    pub(crate) fn client(&self, overridden: bool) -> &reqwest::Client {
        if overridden || self.allow_private_hosts {
            &self.direct
        } else {
            &self.guarded
        }
    }

    /// Whether the address policy refuses `host` (it resolves to internal addresses
    /// only), asked before a request that will go there later (an OAuth flow's token
    /// endpoint). A name that does not resolve is not refused here: the request will
    /// fail on its own, with its own message.
    pub(crate) async fn refuses_host(&self, host: &str) -> bool {
        if self.allow_private_hosts {
            return false;
        }
        // The request itself has the tester's timeout; this early look gets the same.
        match tokio::time::timeout(self.timeout, self.resolver.resolve_public(host)).await {
            Ok(Ok(_)) | Err(_) => false,
            Ok(Err(e)) => crate::outbound::refused(&*e).is_some(),
        }
    }

    /// Whether the outbound address policy is lifted.
    pub(crate) fn allow_private_hosts(&self) -> bool {
        self.allow_private_hosts
    }

    /// Runs the method's connection test with `auth`. Errors are problems for the caller
    /// of the service: no test declared (404), an unusable URL (500), the provider could
    /// not be reached (502) or did not answer in time (504).
    pub async fn run(
        &self,
        meta: &'static MethodMeta,
        mut auth: RequestAuth,
    ) -> Result<TestReport, Problem> {
        let Some(test) = meta.connection_test.as_ref() else {
            return Err(Problem::not_found(format!(
                "{} {} declares no connection test",
                meta.provider_name, meta.label
            )));
        };
        let (url, client) = self.target(meta, &auth)?;
        let lifetime = auth.lifetime_seconds;
        let method = reqwest::Method::from_bytes(test.method.as_bytes()).map_err(|_| {
            internal(format!(
                "the spec's connection test method `{}` is not an HTTP method",
                test.method
            ))
        })?;
        if auth.needs_signing() {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            auth.sign(
                &RequestTarget {
                    method: test.method,
                    host: url.host_str().unwrap_or(""),
                    path: url.path(),
                    query: url.query().unwrap_or(""),
                },
                now,
            );
        }
        let mut request = client.request(method, url);
        if let Some((content_type, body)) = &auth.body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, *content_type)
                .body(body.expose_secret().to_owned());
        }
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
                let checked = !test.checks.is_empty();
                let mut identity = None;
                let success = status == test.expect_status;
                // Headers for `learns`, kept before the body consumes the answer.
                let headers = if success && test.learns.is_some() {
                    response.headers().clone()
                } else {
                    reqwest::header::HeaderMap::new()
                };
                let mut learned = crate::learned::learn(test, &headers, None);
                let verdict = if success
                    && (checked || test.identity.is_some() || crate::learned::needs_body(test))
                {
                    // Without checks the body only serves the identity and what the test
                    // learns: a body that cannot be read leaves the test as its status
                    // says, without them.
                    match read_bounded(response).await {
                        Ok(Some(body)) => {
                            let answer = read_answer(test.checks, test.identity.as_ref(), &body);
                            identity = answer.identity;
                            learned = crate::learned::learn(test, &headers, Some(&body));
                            Some(BodyVerdict::Checked(answer.checks))
                        }
                        Ok(None) if checked => Some(BodyVerdict::TooLarge),
                        Err(e) if checked && e.is_timeout() => {
                            return Err(self.timeout_problem(meta, started));
                        }
                        Err(_) if checked => Some(BodyVerdict::Checked(ChecksOutcome::NotJson)),
                        Ok(None) | Err(_) => None,
                    }
                } else {
                    drop(response);
                    None
                };
                tracing::info!(
                    provider = meta.provider_id,
                    method = meta.id,
                    test = test.path_source,
                    status,
                    elapsed_ms,
                    checks = ?verdict,
                    learned_scopes = learned.scopes.is_some(),
                    learned_expiry = learned.expires_at.is_some(),
                    "connection test answered"
                );
                let report = match verdict {
                    Some(v) => checked_report(meta, test, status, v),
                    None => report(meta, test, status),
                };
                let mut report = TestReport {
                    identity: identity.filter(|_| report.ok),
                    ..report
                };
                if report.ok {
                    report.granted_scopes = learned.scopes;
                    // What the answer says wins; else the lifetime the end user chose,
                    // counted from now: the latest the credential can expire.
                    let chosen = lifetime.map(|s| {
                        let now = std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .map_or(0, |d| d.as_secs());
                        i64::try_from(now.saturating_add(s)).unwrap_or(i64::MAX)
                    });
                    report.expires_at = learned.expires_at.or(chosen).map(rfc3339);
                }
                Ok(report)
            }
            Err(e) if e.is_timeout() => Err(self.timeout_problem(meta, started)),
            Err(e) if refused(&e).is_some() => {
                tracing::warn!(
                    provider = meta.provider_id,
                    method = meta.id,
                    "connection test refused: the host resolves to no public address"
                );
                Err(host_problem(
                    meta,
                    "resolves only to internal addresses, which connection tests never reach",
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

    /// 504, logged.
    fn timeout_problem(&self, meta: &MethodMeta, started: Instant) -> Problem {
        tracing::warn!(
            provider = meta.provider_id,
            method = meta.id,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "connection test timed out"
        );
        Problem::new(
            StatusCode::GATEWAY_TIMEOUT,
            "provider-timeout",
            "Provider did not answer in time",
            format!(
                "{} did not answer the connection test within {} ms",
                meta.provider_name,
                self.timeout.as_millis()
            ),
        )
    }

    /// The URL to request and the client to send it with: the operator's override
    /// plus the test path, or the URL built from the fields, whose host must be one of
    /// the method's allowed hosts and, as an address, public.
    fn target(
        &self,
        meta: &MethodMeta,
        auth: &RequestAuth,
    ) -> Result<(Url, &reqwest::Client), Problem> {
        let (mut url, client) = match self.base_urls.get(meta.provider_id) {
            Some(base) => {
                let path = auth
                    .test_path
                    .clone()
                    .map_err(|e| value_problem(meta, &e))?
                    .unwrap_or_default();
                let joined = format!("{}{}", base.as_str().trim_end_matches('/'), path);
                let url = Url::parse(&joined).map_err(|_| {
                    internal("the base URL override and the test path do not make a URL")
                })?;
                (url, &self.direct)
            }
            None => {
                let text = auth
                    .test_url
                    .clone()
                    .map_err(|e| value_problem(meta, &e))?
                    .ok_or_else(|| {
                        host_problem(meta, "is needed to build the provider's address")
                    })?;
                let url = Url::parse(&text)
                    .map_err(|_| host_problem(meta, "does not make a valid provider address"))?;
                let host = url.host_str().unwrap_or("");
                if !host_allowed(host, meta.allowed_hosts) {
                    return Err(host_problem(
                        meta,
                        "leads to a host this provider's spec does not allow",
                    ));
                }
                let ip = match url.host() {
                    Some(url::Host::Ipv4(ip)) => Some(IpAddr::V4(ip)),
                    Some(url::Host::Ipv6(ip)) => Some(IpAddr::V6(ip)),
                    _ => None,
                };
                if !self.allow_private_hosts && ip.is_some_and(|ip| !is_public(ip)) {
                    return Err(host_problem(meta, "is an internal address"));
                }
                let client = if self.allow_private_hosts {
                    &self.direct
                } else {
                    &self.guarded
                };
                (url, client)
            }
        };
        if !auth.query.is_empty() {
            let mut q = url.query_pairs_mut();
            for (name, value) in &auth.query {
                q.append_pair(name, value.expose_secret());
            }
        }
        Ok((url, client))
    }
}

/// 422 naming what decides the host: the form fields, and the captured values an
/// OAuth test takes in `values` (a refused host must say which value led to it). `why`
/// completes "<Label> …".
pub(crate) fn host_problem(meta: &MethodMeta, why: &str) -> Problem {
    let fields = meta.host_fields().into_iter().map(|key| {
        let label = meta
            .fields
            .iter()
            .find(|f| f.key == key)
            .map_or(key, |f| f.label);
        (key, label)
    });
    let errors = fields
        .chain(captured_host_keys(meta))
        .map(|(key, label)| FieldError {
            field: key.to_owned(),
            kind: ErrorKind::HostNotAllowed,
            message: format!("{label} {why}"),
            message_id: None,
            args: Default::default(),
        })
        .collect();
    refused_problem(meta, errors)
}

/// The captured values (key, label) that stand in the host of the method's base URL.
fn captured_host_keys(meta: &MethodMeta) -> Vec<(&'static str, &'static str)> {
    let Some(o) = meta.oauth else {
        return Vec::new();
    };
    let mut keys: Vec<&'static str> = Vec::new();
    placeholder_parts(&[&meta.base_url], UrlPart::Scheme, |k, part| {
        if matches!(part, UrlPart::Host | UrlPart::Scheme) {
            keys.push(k);
        }
    });
    o.captures
        .iter()
        .filter(|c| keys.contains(&c.key))
        .map(|c| (c.key, c.label))
        .collect()
}

/// 422 for a value that cannot go where its template puts it.
pub(crate) fn value_problem(meta: &MethodMeta, e: &UrlValueError) -> Problem {
    // A derived value is named by the field it comes from.
    let field = meta
        .rules
        .derived
        .iter()
        .find(|d| d.key == e.key)
        .map_or(e.key.as_str(), |d| meta.fields[d.from].key);
    let label = meta
        .fields
        .iter()
        .find(|f| f.key == field)
        .map(|f| f.label)
        .or_else(|| {
            let captures = meta.oauth.map_or(&[][..], |o| o.captures);
            captures.iter().find(|c| c.key == field).map(|c| c.label)
        })
        .unwrap_or(field);
    refused_problem(
        meta,
        vec![FieldError {
            field: field.to_owned(),
            kind: ErrorKind::UnsafeInUrl,
            message: format!("{label} {}", e.reason),
            message_id: None,
            args: Default::default(),
        }],
    )
}

/// Where a value is in the request body: a form field under `/fields`, a captured
/// value (an OAuth test's) under `/values`.
fn member_pointer(meta: &MethodMeta, key: &str) -> String {
    let captured = !meta.fields.iter().any(|f| f.key == key)
        && meta
            .oauth
            .is_some_and(|o| o.captures.iter().any(|c| c.key == key));
    if captured {
        format!("/values/{key}")
    } else {
        format!("/fields/{key}")
    }
}

fn refused_problem(meta: &MethodMeta, errors: Vec<FieldError>) -> Problem {
    let mut p = Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "refused-host",
        "Provider address refused",
        match errors.first() {
            Some(e) => e.message.clone(),
            None => "the provider address built from the form is refused".to_owned(),
        },
    );
    p.errors = errors
        .into_iter()
        .map(|error| FieldProblem {
            pointer: member_pointer(meta, &error.field),
            error,
        })
        .collect();
    p
}

pub(crate) fn internal(detail: impl Into<String>) -> Problem {
    Problem::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "Internal error",
        detail,
    )
}

/// The body, or `None` once it exceeds [`MAX_CHECKED_BODY`] (the rest is not read).
async fn read_bounded(mut response: reqwest::Response) -> Result<Option<Vec<u8>>, reqwest::Error> {
    if response
        .content_length()
        .is_some_and(|n| n > MAX_CHECKED_BODY as u64)
    {
        return Ok(None);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > MAX_CHECKED_BODY {
            return Ok(None);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Some(body))
}

/// The report for the success status once the checks ran over its body.
pub fn checked_report(
    meta: &'static MethodMeta,
    test: &'static TestMeta,
    status: u16,
    verdict: BodyVerdict,
) -> TestReport {
    let base = report(meta, test, status);
    let unreadable = |why: &str| TestReport {
        ok: false,
        outcome: "unreadable_answer",
        message: format!(
            "{} answered the connection test with {why}, so the spec's checks of the answer could not run.",
            meta.provider_name
        ),
        ..base.clone()
    };
    match verdict {
        BodyVerdict::Checked(ChecksOutcome::Passed) => base,
        BodyVerdict::TooLarge => unreadable("more than 1 MiB"),
        BodyVerdict::Checked(ChecksOutcome::NotJson) => unreadable("a body that is not JSON"),
        BodyVerdict::Checked(ChecksOutcome::Failed(index)) => {
            let check = &test.checks[index];
            TestReport {
                ok: false,
                outcome: "check_failed",
                message: check.meaning.to_owned(),
                failed_check: Some(FailedCheck {
                    index,
                    pointer: check.pointer,
                }),
                ..base
            }
        }
    }
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
        failed_check: None,
        identity: None,
        granted_scopes: None,
        expires_at: None,
        excess_scopes: Vec::new(),
        least_privilege_scopes: None,
        warning: None,
        provider_error: None,
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
