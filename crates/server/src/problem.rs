//! RFC 9457 problem details: every error the service answers with.
//!
//! Details are written here or come from validation messages, which never hold a field
//! value; nothing from a parser or an HTTP client's error text is passed through, since
//! those can quote the input (and so a secret).
//!
//! Titles and details are messages of `locales/<locale>/service.ftl` (the title of code
//! `not-found` is `problem-not-found`), rendered in the request's locale when the
//! answer is written.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use connectspec_runtime::{ErrorKind, FieldError, ValidationErrors};
use serde::Serialize;

use crate::i18n::{Msg, current, msg};

/// Media type of problem details.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem response.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The code: the problem type is `urn:connectspec:problem:<code>`, the title the
    /// message `problem-<code>`.
    code: &'static str,
    /// HTTP status.
    pub status: u16,
    /// What went wrong with this request.
    detail: Msg,
    /// Field errors (422 only), in form order.
    pub errors: Vec<FieldProblem>,
    /// How many further field errors were left out of `errors` (the service's
    /// `--max-errors`).
    pub errors_not_listed: usize,
    /// What an OAuth provider answered (`error`, `error_description`), for OAuth
    /// problems; `detail` says it for the end user.
    pub provider_error: Option<Box<ProviderError>>,
    /// Seconds to wait before trying again, sent as `Retry-After` (429 answers).
    pub retry_after: Option<u32>,
}

/// The body of a problem, rendered in the request's locale.
#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    type_uri: String,
    title: String,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "<[FieldProblem]>::is_empty")]
    errors: &'a [FieldProblem],
    #[serde(skip_serializing_if = "is_zero")]
    errors_not_listed: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    provider_error: Option<&'a ProviderError>,
}

impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let locale = current();
        Body {
            type_uri: self.type_uri(),
            title: self.title(locale),
            status: self.status,
            detail: self.detail(locale),
            errors: &self.errors,
            errors_not_listed: self.errors_not_listed,
            provider_error: self.provider_error.as_deref(),
        }
        .serialize(s)
    }
}

/// An OAuth provider's error (RFC 6749 §4.1.2.1, §5.2), as sent, cleaned of control
/// characters and cut to a bounded length.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ProviderError {
    /// The error code, e.g. `access_denied`.
    pub error: String,
    /// The provider's description, when it sent one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One field error inside a problem: the runtime's error plus a JSON pointer into the
/// request body.
#[derive(Debug, Clone, Serialize)]
pub struct FieldProblem {
    /// JSON pointer to the member of the request body, e.g. `/fields/api_token`.
    pub pointer: String,
    /// The error (`field`, `kind` and its data, `message`).
    #[serde(flatten)]
    pub error: FieldError,
}

impl Problem {
    /// A problem of the given status and code (its title is the message
    /// `problem-<code>`).
    pub fn new(status: StatusCode, code: &'static str, detail: Msg) -> Problem {
        debug_assert!(
            CODES.contains(&code),
            "problem code `{code}` is not in CODES"
        );
        Problem {
            code,
            status: status.as_u16(),
            detail,
            errors: Vec::new(),
            errors_not_listed: 0,
            provider_error: None,
            retry_after: None,
        }
    }

    /// 400: the body is not the expected JSON.
    pub fn bad_request(detail: Msg) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, "bad-request", detail)
    }

    /// 404: no such resource.
    pub fn not_found(detail: Msg) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, "not-found", detail)
    }

    /// The code: `not-found` of `urn:connectspec:problem:not-found`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The problem type: `urn:connectspec:problem:<code>`.
    pub fn type_uri(&self) -> String {
        format!("urn:connectspec:problem:{}", self.code)
    }

    /// The title in `locale`.
    pub fn title(&self, locale: connectspec_i18n::Locale) -> String {
        connectspec_i18n::message(locale, &format!("problem-{}", self.code), &[])
    }

    /// The detail in `locale`.
    pub fn detail(&self, locale: connectspec_i18n::Locale) -> String {
        self.detail.render(locale)
    }

    /// The detail's message id (tests, logs).
    pub fn detail_id(&self) -> &'static str {
        self.detail.id()
    }

    /// 422: the field errors of a validation, the first `max` of them listed (a form
    /// with thousands of unknown keys must not produce a larger answer than it sent).
    pub fn invalid_fields(errors: &ValidationErrors, max: usize) -> Problem {
        let all = errors.errors();
        let n = all.len();
        let shown = &all[..n.min(max)];
        let messages: Vec<&str> = shown.iter().map(|e| e.message.as_str()).collect();
        let messages = messages.join("; ");
        let detail = if n > shown.len() {
            msg!(
                "problem-invalid-fields-more",
                count = n,
                messages = messages,
                more = n - shown.len()
            )
        } else {
            msg!(
                "problem-invalid-fields-detail",
                count = n,
                messages = messages
            )
        };
        let mut p = Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid-fields", detail);
        p.errors = shown.iter().map(field_problem).collect();
        p.errors_not_listed = n - shown.len();
        p
    }

    /// 422 for one member of a request body that is not a form field (an OAuth
    /// request's `access_token`, a captured value), reported as a field error is, so
    /// that a caller handles both alike. `pointer` is the member's JSON pointer.
    pub fn invalid_member(pointer: String, error: FieldError) -> Problem {
        let mut p = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-fields",
            msg!(
                "problem-invalid-fields-detail",
                count = 1u64,
                messages = &error.message
            ),
        );
        p.errors = vec![FieldProblem { pointer, error }];
        p
    }

    /// The HTTP status.
    pub fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// Longest unknown key repeated whole in a problem.
const MAX_ECHOED_KEY: usize = 64;

/// The problem entry of a field error. An unknown key comes from the caller and may be
/// any size: past [`MAX_ECHOED_KEY`] characters it is cut (ending in `…`), so that a
/// 422 stays small. Form fields are never cut, so their pointers always resolve.
fn field_problem(e: &FieldError) -> FieldProblem {
    let mut error = e.clone();
    if e.kind == ErrorKind::Unknown && e.field.chars().count() > MAX_ECHOED_KEY {
        let mut cut: String = e.field.chars().take(MAX_ECHOED_KEY).collect();
        cut.push('…');
        error.field = cut;
    }
    FieldProblem {
        pointer: pointer(&error.field),
        error,
    }
}

/// JSON pointer `/fields/<key>` with `~` and `/` escaped (RFC 6901).
fn pointer(key: &str) -> String {
    format!("/fields/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// Every problem code the service answers with: each names a title message
/// (`problem-<code>`), which the tests hold to the English catalogue.
pub const CODES: &[&str] = &[
    "bad-path",
    "bad-request",
    "body-timeout",
    "body-too-large",
    "connection-test-failed",
    "different-account",
    "exchange-refused",
    "internal",
    "invalid-fields",
    "invalid-session-request",
    "link-result-invalid",
    "method-not-allowed",
    "not-found",
    "not-offered",
    "oauth-access-denied",
    "oauth-authorization-error",
    "oauth-bad-state",
    "oauth-client-rejected",
    "oauth-discovery-refused",
    "oauth-invalid-grant",
    "oauth-invalid-scope",
    "oauth-not-configured",
    "oauth-provider-unavailable",
    "oauth-registration-failed",
    "oauth-registration-invalid",
    "oauth-sign-in-required",
    "oauth-token-error",
    "oauth-unbound",
    "provider-bad-answer",
    "provider-error",
    "provider-timeout",
    "provider-unreachable",
    "refused-host",
    "session-expired",
    "session-required",
    "too-many-tests",
    "unauthorized",
    "unknown-actions",
    "unsupported-media-type",
    "values-too-long",
];

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = self.status_code();
        let body = serde_json::to_vec(&self).expect("a problem always serializes");
        let mut res = (status, body).into_response();
        let headers = res.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        // A problem body may quote what the caller sent (an unknown key, cut short): no
        // browser may sniff it into something it would render or run.
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        if let Some(secs) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        crate::i18n::scope::localised(res)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes() {
        assert_eq!(pointer("a/b~c"), "/fields/a~1b~0c");
    }

    #[test]
    fn every_code_has_a_title_in_every_locale() {
        let ids = connectspec_i18n::message_ids(
            connectspec_i18n::Locale::En,
            connectspec_i18n::Area::Service,
        );
        for code in CODES {
            assert!(
                ids.iter().any(|i| *i == format!("problem-{code}")),
                "{code}"
            );
        }
    }
}
