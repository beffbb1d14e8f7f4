//! What a handler takes from a request before it acts: the provider and method named
//! in the path (with problem+json rejections that never repeat a stray segment) and the
//! validated credentials of the body's fields.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use connectspec_runtime::{Credential, MethodMeta, ProviderMeta, ValidationErrors};

use crate::AppState;
use crate::i18n::msg;
use crate::problem::Problem;

/// Path parameters, with a problem+json rejection: axum's own rejection is plain text
/// and quotes the offending segment.
pub(crate) struct Ids<T>(pub(crate) T);

impl<T, S> FromRequestParts<S> for Ids<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(t)| Ids(t))
            .map_err(|_| {
                Problem::new(
                    StatusCode::BAD_REQUEST,
                    "bad-path",
                    msg!("problem-bad-path-utf8"),
                )
            })
    }
}

/// Validates with the method found by the route (no second lookup), in the request's
/// language, logging the outcome by field key and error code only.
pub(crate) fn checked(
    state: &AppState,
    m: &'static MethodMeta,
    fields: &serde_json::Map<String, serde_json::Value>,
) -> Result<Box<dyn Credential>, Problem> {
    // Field errors in the request's language, the spec's labels and hints translated.
    match crate::i18n::scope::with_lang(m.provider_id, |lang| m.validate_in(fields, &lang)) {
        Ok(c) => {
            tracing::debug!(provider = m.provider_id, method = m.id, "fields valid");
            Ok(c)
        }
        Err(errors) => {
            log_invalid(m, &errors);
            Err(Problem::invalid_fields(&errors, state.limits().max_errors))
        }
    }
}

fn log_invalid(m: &MethodMeta, errors: &ValidationErrors) {
    if !tracing::enabled!(tracing::Level::DEBUG) {
        return;
    }
    // Unknown keys come from the caller and are left out; spec keys are safe to log.
    let summary: Vec<String> = errors
        .errors()
        .iter()
        .filter(|e| m.fields.iter().any(|f| f.key == e.field))
        .map(|e| format!("{}:{}", e.field, e.kind.code()))
        .collect();
    tracing::debug!(
        provider = m.provider_id,
        method = m.id,
        errors = errors.errors().len(),
        fields = %summary.join(","),
        "fields invalid"
    );
}

pub(crate) fn find_provider(state: &AppState, id: &str) -> Result<&'static ProviderMeta, Problem> {
    state.catalogue().provider(id).ok_or_else(|| {
        Problem::not_found(match quoted(id) {
            Some(id) => msg!("problem-not-found-provider", provider = id),
            None => msg!("problem-not-found-provider-unnamed"),
        })
    })
}

pub(crate) fn find_method(
    state: &AppState,
    provider: &str,
    method: &str,
) -> Result<&'static MethodMeta, Problem> {
    let p = find_provider(state, provider)?;
    p.method(method).ok_or_else(|| {
        let known: Vec<&str> = p.methods.iter().map(|m| m.id).collect();
        let known = known.join(", ");
        Problem::not_found(match quoted(method) {
            Some(id) => msg!(
                "problem-not-found-method",
                provider = p.name,
                method = id,
                methods = known
            ),
            None => msg!(
                "problem-not-found-method-unnamed",
                provider = p.name,
                methods = known
            ),
        })
    })
}

/// A path segment the caller sent, when it looks like an id. Anything else is not
/// repeated: a secret pasted into a URL by mistake should not come back in a body.
fn quoted(segment: &str) -> Option<&str> {
    let id_like = !segment.is_empty()
        && segment.len() <= 32
        && segment
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'-');
    id_like.then_some(segment)
}

/// The hub's back end, proved by an operator API key (`Authorization: Bearer <key>`):
/// required by every endpoint that issues or redeems credentials. The rejection is a 401
/// that names what to send and never repeats what was sent.
pub(crate) struct Operator;

/// A 401 problem with `WWW-Authenticate: Bearer`.
pub(crate) struct Unauthorized(Problem);

impl IntoResponse for Unauthorized {
    fn into_response(self) -> Response {
        let mut res = self.0.into_response();
        res.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        res
    }
}

impl FromRequestParts<AppState> for Operator {
    type Rejection = Unauthorized;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Unauthorized> {
        let keys = state.api_keys();
        let unauthorized = |detail| {
            Unauthorized(Problem::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                detail,
            ))
        };
        if keys.is_empty() {
            return Err(unauthorized(msg!("problem-unauthorized-no-keys")));
        }
        let presented = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        match presented {
            Some(key) if keys.accepts(key) => Ok(Operator),
            _ => {
                tracing::info!("operator credential missing or not accepted");
                Err(unauthorized(msg!("problem-unauthorized-send-key")))
            }
        }
    }
}
