//! Link results: what a successful link gives the browser. The credentials (the fields
//! the end user typed, or the OAuth tokens) are sealed with the service's keys into an
//! opaque, short-lived string bound to the session; the browser passes it to the hub's
//! back end, which redeems it with `POST /v1/link/exchange` and its operator key. No
//! secret is ever in the host page's reach.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use connectspec_runtime::{ExposeSecret, SecretString, TokenSet};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::body::read_json;
use crate::extract::Operator;
use crate::i18n::msg;
use crate::problem::Problem;
use crate::respond::json;
use crate::state::{Expiring, Purpose, SealError, now};

/// How long a result can be redeemed, in seconds: the back end redeems it at once.
pub const RESULT_SECS: u64 = 10 * 60;

/// OAuth tokens in a result.
#[derive(Serialize, Deserialize)]
pub struct Tokens {
    /// The access token.
    pub access_token: String,
    /// The refresh token, when one was issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// The token type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_type: Option<String>,
    /// When the access token expires, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<u64>,
    /// The scopes granted, as the provider said them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

impl Drop for Tokens {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.access_token);
        if let Some(r) = &mut self.refresh_token {
            zeroize::Zeroize::zeroize(r);
        }
    }
}

impl From<&TokenSet> for Tokens {
    fn from(t: &TokenSet) -> Tokens {
        Tokens {
            access_token: t.access_token.expose_secret().to_owned(),
            refresh_token: t
                .refresh_token
                .as_ref()
                .map(|r| r.expose_secret().to_owned()),
            token_type: t.token_type.clone(),
            expires_at: t.expires_at,
            scope: t.scope.clone(),
        }
    }
}

/// What a sealed result carries.
#[derive(Serialize, Deserialize)]
pub struct ResultClaims {
    /// The session's id (empty on a `--dev` service without a session).
    pub sid: String,
    /// The hub's end-user reference.
    pub u: String,
    /// Provider id.
    pub p: String,
    /// Method id.
    pub m: String,
    /// Every field the end user entered, secrets included, normalised.
    pub f: BTreeMap<String, String>,
    /// The non-secret values: fields, derived and captured values.
    pub v: BTreeMap<String, String>,
    /// The account's identity, when the connection test names one.
    #[serde(default)]
    pub id: Option<String>,
    /// The hub's connection this result repairs.
    #[serde(default)]
    pub rc: Option<String>,
    /// OAuth tokens.
    #[serde(default)]
    pub t: Option<Tokens>,
    /// The end user's own OAuth client (setup values), when the connection uses theirs:
    /// the back end needs it to refresh.
    #[serde(default)]
    pub c: Option<BTreeMap<String, String>>,
    /// The OAuth client registered for this connection and where (discovery), sealed
    /// for the back end, which hands it back to refresh.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub g: Option<String>,
    /// What the connection test learned about the credential.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub l: Option<Learned>,
    /// Expires at, Unix seconds.
    pub exp: u64,
}

/// What a successful connection test learned about the credential, for the back end:
/// the scopes it holds, how they compare with the session's actions, when it expires.
/// Facts, not secrets.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Learned {
    /// The scopes the credential holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub granted_scopes: Option<Vec<String>>,
    /// Scopes the actions need that it does not hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_scopes: Vec<String>,
    /// Scopes it holds beyond what the actions need.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excess_scopes: Vec<String>,
    /// The least-privilege scopes of the actions, when the granted ones differ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub least_privilege_scopes: Option<Vec<String>>,
    /// When the credential expires (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// The warning about missing or excess scopes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

impl Learned {
    /// What `report` learned; `None` when it learned nothing.
    pub fn of(report: &crate::connection_test::TestReport) -> Option<Learned> {
        let l = Learned {
            granted_scopes: report.granted_scopes.clone(),
            missing_scopes: report
                .missing_scopes
                .iter()
                .map(|s| s.id.to_owned())
                .collect(),
            excess_scopes: report.excess_scopes.clone(),
            least_privilege_scopes: report
                .least_privilege_scopes
                .as_ref()
                .map(|v| v.iter().map(|s| s.id.to_owned()).collect()),
            expires_at: report.expires_at.clone(),
            warning: report.warning.clone(),
        };
        (l != Learned::default()).then_some(l)
    }
}

impl Drop for ResultClaims {
    fn drop(&mut self) {
        self.f.values_mut().for_each(zeroize::Zeroize::zeroize);
        if let Some(c) = &mut self.c {
            c.values_mut().for_each(zeroize::Zeroize::zeroize);
        }
    }
}

impl Expiring for ResultClaims {
    fn expires_at(&self) -> u64 {
        self.exp
    }
}

/// Seals a result for the browser.
pub(crate) fn seal(state: &AppState, claims: &ResultClaims) -> Result<SecretString, Problem> {
    state
        .link_keys()
        .seal_as(Purpose::Result, claims)
        .map_err(|e| match e {
            SealError::TooLong => Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "values-too-long",
                msg!("problem-values-too-long-result"),
            ),
            SealError::Unsealable => crate::connection_test::internal(msg!(
                "problem-internal-unsealable",
                what = "result"
            )),
        })
}

/// The expiry of a result sealed now.
pub(crate) fn expiry() -> u64 {
    now() + RESULT_SECS
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExchangeBody {
    result: String,
}

impl Drop for ExchangeBody {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.result);
    }
}

#[derive(Serialize)]
struct Exchanged<'a> {
    provider: &'a str,
    method: &'a str,
    end_user: &'a str,
    session: &'a str,
    connection: Option<&'a str>,
    identity: Option<&'a str>,
    fields: &'a BTreeMap<String, String>,
    values: &'a BTreeMap<String, String>,
    tokens: Option<&'a Tokens>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client: Option<&'a BTreeMap<String, String>>,
    /// Opaque: the sealed registration to send with `POST …/refresh`.
    #[serde(skip_serializing_if = "Option::is_none")]
    registration: Option<&'a str>,
    /// What the connection test learned about the credential.
    #[serde(skip_serializing_if = "Option::is_none")]
    learned: Option<&'a Learned>,
}

/// `POST /v1/link/exchange` (operator): opens a result and answers the credentials.
pub(crate) async fn exchange(
    _operator: Operator,
    State(state): State<AppState>,
    req: axum::extract::Request,
) -> Result<Response, Problem> {
    let body: ExchangeBody = read_json(&state, req, msg!("shape-exchange")).await?;
    let claims: ResultClaims = state
        .link_keys()
        .open_as(Purpose::Result, body.result.trim(), now())
        .map_err(|e| {
            tracing::info!(problem = e.as_str(), "link result refused");
            Problem::new(
                StatusCode::BAD_REQUEST,
                "link-result-invalid",
                msg!(
                    "problem-link-result-invalid-detail",
                    minutes = RESULT_SECS / 60
                ),
            )
        })?;
    tracing::info!(provider = %claims.p, method = %claims.m, "link result redeemed");
    let out = Exchanged {
        provider: &claims.p,
        method: &claims.m,
        end_user: &claims.u,
        session: &claims.sid,
        connection: claims.rc.as_deref(),
        identity: claims.id.as_deref(),
        fields: &claims.f,
        values: &claims.v,
        tokens: claims.t.as_ref(),
        client: claims.c.as_ref(),
        registration: claims.g.as_deref(),
        learned: claims.l.as_ref(),
    };
    let mut res = json(StatusCode::OK, &out);
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    Ok(res)
}
