//! Sending the exchange request and reading its answer: at most 64 KiB, within the
//! service's timeout, classified. A token is read with the spec's pointers
//! ([`ExchangeMeta::read_answer`]); a refusal keeps only the provider's cleaned `error`
//! and `error_description`. No URL, body or value is logged or returned.

use axum::http::StatusCode;
use connectspec_runtime::{ExchangeMeta, ExchangedToken, ExposeSecret, MethodMeta};

use crate::i18n::{label, msg};
use crate::oauth::clean::has_control;
use crate::oauth::exchange::{MAX_ANSWER, OutboundError, classify, clean_code, clean_description};
use crate::problem::{Problem, ProviderError};

/// What a successful exchange gives.
#[derive(Debug)]
pub(crate) struct Exchanged {
    /// The token, its expiry and the captured values.
    pub(crate) token: ExchangedToken,
    /// The answer's `token_type`, when it has one.
    pub(crate) token_type: Option<String>,
}

/// Why an exchange gave no token.
#[derive(Debug)]
pub(crate) enum ExchangeError {
    /// The token endpoint answered 4xx: it refused the end user's credentials (or the
    /// assertion made with their key).
    Refused {
        /// The HTTP status.
        status: u16,
        /// The provider's `error` and `error_description`, cleaned.
        provider_error: Option<ProviderError>,
    },
    /// Anything else (not reached, timed out, an answer without a token): a problem.
    Problem(Problem),
}

impl From<Problem> for ExchangeError {
    fn from(p: Problem) -> Self {
        ExchangeError::Problem(p)
    }
}

/// Sends `req` within `timeout` and reads the answer.
pub(super) async fn send(
    m: &'static MethodMeta,
    e: &ExchangeMeta,
    client: &reqwest::Client,
    req: reqwest::Request,
    timeout: std::time::Duration,
) -> Result<Exchanged, ExchangeError> {
    let answer = tokio::time::timeout(timeout, async {
        let mut res = client.execute(req).await.map_err(classify)?;
        let status = res.status();
        let mut bytes = Vec::new();
        while let Some(chunk) = res.chunk().await.map_err(classify)? {
            if bytes.len() + chunk.len() > MAX_ANSWER {
                zeroize::Zeroize::zeroize(&mut bytes);
                return Err(OutboundError::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok((status, bytes))
    })
    .await
    .unwrap_or(Err(OutboundError::Timeout));
    let (status, mut bytes) = match answer {
        Ok(a) => a,
        Err(err) => return Err(not_reached(m, err).into()),
    };
    let parsed: Option<serde_json::Value> = serde_json::from_slice(&bytes).ok();
    zeroize::Zeroize::zeroize(&mut bytes);
    let mut parsed = parsed;
    let out = read(m, e, status, parsed.as_ref());
    if let Some(v) = &mut parsed {
        crate::body::wipe(v);
    }
    out
}

fn read(
    m: &'static MethodMeta,
    e: &ExchangeMeta,
    status: StatusCode,
    body: Option<&serde_json::Value>,
) -> Result<Exchanged, ExchangeError> {
    let name = m.provider_name;
    if status.is_client_error() {
        let provider_error = body.and_then(|b| {
            let code = b.get("error").and_then(serde_json::Value::as_str)?;
            Some(ProviderError {
                error: clean_code(code),
                error_description: b
                    .get("error_description")
                    .and_then(serde_json::Value::as_str)
                    .map(clean_description),
            })
        });
        tracing::info!(
            provider = m.provider_id,
            method = m.id,
            status = status.as_u16(),
            error = provider_error.as_ref().map(|p| p.error.as_str()),
            "token endpoint refused the exchange"
        );
        return Err(ExchangeError::Refused {
            status: status.as_u16(),
            provider_error,
        });
    }
    if !status.is_success() {
        tracing::warn!(
            provider = m.provider_id,
            method = m.id,
            status = status.as_u16(),
            "token endpoint failed"
        );
        return Err(Problem::new(
            StatusCode::BAD_GATEWAY,
            "provider-error",
            msg!(
                "problem-provider-error-token",
                provider = name,
                status = status.as_u16().to_string()
            ),
        )
        .into());
    }
    let Some(body) = body else {
        tracing::warn!(
            provider = m.provider_id,
            method = m.id,
            "token answer not JSON"
        );
        return Err(bad_answer(name).into());
    };
    let token = e.read_answer(body, crate::state::now()).map_err(|err| {
        tracing::warn!(provider = m.provider_id, method = m.id, problem = %err, "token answer refused");
        bad_answer(name)
    })?;
    // The token and the captured values go into later requests' headers and URLs.
    if has_control(token.access_token.expose_secret())
        || token.captured.values().any(|v| has_control(v))
    {
        tracing::warn!(
            provider = m.provider_id,
            method = m.id,
            "token answer refused: a control character in a value"
        );
        return Err(bad_answer(name).into());
    }
    let token_type = body
        .get("token_type")
        .and_then(serde_json::Value::as_str)
        .filter(|t| {
            t.len() <= 32
                && t.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        })
        .map(str::to_owned);
    Ok(Exchanged { token, token_type })
}

fn bad_answer(name: &str) -> Problem {
    Problem::new(
        StatusCode::BAD_GATEWAY,
        "provider-bad-answer",
        msg!("problem-provider-bad-answer-no-token", provider = name),
    )
}

/// The problem of a token endpoint that was not reached: 504 on a timeout, 422 naming
/// the host fields for an internal address, else 502.
fn not_reached(m: &'static MethodMeta, err: OutboundError) -> Problem {
    tracing::warn!(provider = m.provider_id, method = m.id, error_kind = %err, "token endpoint not reached");
    let name = m.provider_name;
    match err {
        OutboundError::Timeout => Problem::new(
            StatusCode::GATEWAY_TIMEOUT,
            "provider-timeout",
            msg!("problem-provider-timeout-token", provider = name),
        ),
        OutboundError::Refused => crate::connection_test::host_problem(m, "internal-only"),
        OutboundError::TooLarge => Problem::new(
            StatusCode::BAD_GATEWAY,
            "provider-bad-answer",
            msg!("problem-provider-bad-answer-too-large", provider = name),
        ),
        _ => Problem::new(
            StatusCode::BAD_GATEWAY,
            "provider-unreachable",
            msg!(
                "problem-provider-unreachable-token",
                provider = name,
                what = err.key()
            ),
        ),
    }
}

/// The problem of a refused exchange, for a caller that wants a token (the back end's
/// token fetch): 422, the credentials do not work.
pub(crate) fn refused_problem(
    m: &MethodMeta,
    status: u16,
    provider_error: Option<ProviderError>,
) -> Problem {
    let mut p = Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "exchange-refused",
        msg!(
            "problem-exchange-refused-detail",
            provider = m.provider_name,
            method = label(m),
            status = status.to_string()
        ),
    );
    p.provider_error = provider_error.map(Box::new);
    p
}
