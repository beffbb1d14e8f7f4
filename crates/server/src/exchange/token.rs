//! `POST /v1/providers/{p}/methods/{m}/token` of a token-exchange method: the back end
//! (operator key, checked by the router) sends the end user's fields and gets a fresh
//! access token, as the OAuth client-credentials token answer gives one.

use std::collections::BTreeMap;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use connectspec_runtime::{CredentialExt as _, ExposeSecret as _, MethodMeta};
use serde::{Deserialize, Serialize};

use super::{ExchangeError, answer::refused_problem, exchange_of, fetch};
use crate::AppState;
use crate::body::{read_json, wipe};
use crate::extract::checked;
use crate::problem::Problem;
use crate::respond::json;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenBody {
    fields: serde_json::Map<String, serde_json::Value>,
}

impl Drop for TokenBody {
    fn drop(&mut self) {
        self.fields.values_mut().for_each(wipe);
    }
}

/// The token answer; the token wiped when dropped.
#[derive(Serialize)]
struct TokenAnswer {
    provider: &'static str,
    method: &'static str,
    access_token: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    token_type: Option<String>,
    /// When the access token expires (Unix seconds), when the answer says.
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_at: Option<u64>,
    /// The values the spec captures from the answer, by key.
    captured: BTreeMap<&'static str, String>,
    /// The end user's non-secret values.
    values: BTreeMap<String, String>,
}

impl Drop for TokenAnswer {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.access_token);
    }
}

/// The exchange for the back end.
pub(crate) async fn token(
    state: AppState,
    m: &'static MethodMeta,
    req: axum::extract::Request,
) -> Result<Response, Problem> {
    exchange_of(m)?;
    let body: TokenBody = read_json(&state, req, crate::i18n::msg!("shape-fields")).await?;
    let creds = checked(&state, m, &body.fields)?;
    drop(body);
    let x = match fetch(&state, m, creds.as_ref()).await {
        Ok(x) => x,
        Err(ExchangeError::Refused {
            status,
            provider_error,
        }) => return Err(refused_problem(m, status, provider_error)),
        Err(ExchangeError::Problem(p)) => return Err(p),
    };
    let answer = TokenAnswer {
        provider: m.provider_id,
        method: m.id,
        access_token: x.token.access_token.expose_secret().to_owned(),
        token_type: x.token_type.clone(),
        expires_at: x.token.expires_at,
        captured: x.token.captured.clone(),
        values: creds.public_values(),
    };
    let mut res = json(StatusCode::OK, &answer);
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    Ok(res)
}
