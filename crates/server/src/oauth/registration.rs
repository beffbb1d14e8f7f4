//! Dynamic client registration (RFC 7591) for a method whose endpoints are found by
//! discovery ([`super::discovery`]), and the registration's life after it.
//!
//! At `authorize` the service discovers the authorization server and registers a
//! public client (PKCE, `token_endpoint_auth_method: none`) whose only redirect URI is
//! the service's callback. The registration (client id and secret, endpoints, issuer,
//! resource) is sealed, never stored: it rides in the flow's ticket and state, then in
//! the link result, from which the back end gets it as an opaque `registration` value
//! (sealed under the state keys for [`Purpose::Registration`]) and hands it back to
//! `POST …/refresh`. The service keeps nothing.
//!
//! Every request carries the RFC 8707 `resource` parameter. The endpoints in a
//! registration are held to the discovery policy again when it is opened.

use axum::http::StatusCode;
use connectspec_runtime::{
    ClientOwner, Credential, ExposeSecret, MethodMeta, OAuthMeta, SecretString,
};
use serde::{Deserialize, Serialize};
use url::Url;

use super::discovery::{Policy, refused_metadata};
use super::exchange::{Exchange, clean_code, clean_description};
use super::values::Values;
use super::{client_id, client_secret};
use crate::AppState;
use crate::connection_test::internal;
use crate::i18n::msg;
use crate::problem::{Problem, ProviderError};
use crate::state::{Purpose, SealError, StateKeys, now};

/// Largest registration answer read, in bytes.
const MAX_ANSWER: usize = 64 * 1024;

/// What the service names itself as at the authorization server.
const CLIENT_NAME: &str = "connectspec";

pub use crate::state::Registration;

fn invalid() -> Problem {
    Problem::new(
        StatusCode::BAD_REQUEST,
        "oauth-registration-invalid",
        msg!("problem-oauth-registration-invalid-detail"),
    )
}

/// Seals a registration for the back end.
pub fn seal(keys: &StateKeys, r: &Registration) -> Result<SecretString, Problem> {
    keys.seal_as(Purpose::Registration, r).map_err(|e| match e {
        SealError::TooLong => Problem::new(
            StatusCode::BAD_GATEWAY,
            "provider-bad-answer",
            msg!("problem-provider-bad-answer-registration-long"),
        ),
        SealError::Unsealable => {
            internal(msg!("problem-internal-unsealable", what = "registration"))
        }
    })
}

/// Opens a sealed registration: any change, another key or purpose, or an expired
/// client is refused.
pub fn open(keys: &StateKeys, text: &str) -> Result<Registration, crate::state::StateError> {
    keys.open_as(Purpose::Registration, text.trim(), now())
}

/// The client of a registration: the registered one, or the configured `setup`.
pub(super) fn client_of<'a>(
    m: &MethodMeta,
    r: &'a Registration,
    setup: &'a dyn Credential,
) -> Result<(&'a str, Option<SecretString>), Problem> {
    match &r.client_id {
        Some(id) => Ok((
            id.as_str(),
            r.client_secret
                .as_ref()
                .map(|s| SecretString::from(s.clone())),
        )),
        None => Ok((client_id(m, setup)?, client_secret(setup))),
    }
}

/// `authorize` of a discovery method: finds the endpoints from the resource the end
/// user's values name and, for `client: dynamic`, registers a client for this
/// connection.
pub(super) async fn for_flow(
    state: &AppState,
    m: &'static MethodMeta,
    o: &'static OAuthMeta,
    values: &Values,
    redirect: &Url,
) -> Result<Registration, Problem> {
    let policy = Policy::new(state, m);
    let resource = policy.resource(o, values)?;
    let found = policy.discover(resource).await?;
    let (client_id, client_secret, exp) = if o.client == ClientOwner::Dynamic {
        let endpoint = found
            .registration_endpoint
            .as_ref()
            .ok_or_else(|| refused_metadata(m, msg!("discovery-no-registration")))?;
        let r = register(state, &policy, m, endpoint, redirect).await?;
        (Some(r.0), r.1, r.2)
    } else {
        (None, None, u64::MAX)
    };
    tracing::info!(
        provider = m.provider_id,
        method = m.id,
        registered = client_id.is_some(),
        "authorization server discovered"
    );
    Ok(Registration {
        p: m.provider_id.to_owned(),
        m: m.id.to_owned(),
        client_id,
        client_secret,
        issuer: found.issuer,
        authorization_endpoint: found.authorization_endpoint.into(),
        token_endpoint: found.token_endpoint.into(),
        resource: found.resource.into(),
        iat: now(),
        exp,
    })
}

#[derive(Serialize)]
struct RegistrationRequest<'a> {
    client_name: &'a str,
    redirect_uris: [&'a str; 1],
    grant_types: [&'a str; 2],
    response_types: [&'a str; 1],
    token_endpoint_auth_method: &'a str,
}

#[derive(Deserialize)]
struct RegistrationAnswer {
    client_id: Option<String>,
    client_secret: Option<String>,
    #[serde(default)]
    client_secret_expires_at: u64,
}

impl Drop for RegistrationAnswer {
    fn drop(&mut self) {
        if let Some(s) = &mut self.client_secret {
            zeroize::Zeroize::zeroize(s);
        }
    }
}

#[derive(Deserialize)]
struct RegistrationError {
    error: String,
    error_description: Option<String>,
}

/// 502; `why` is a selector of `problem-oauth-registration-failed-detail`.
fn registration_problem(m: &MethodMeta, why: &'static str) -> Problem {
    Problem::new(
        StatusCode::BAD_GATEWAY,
        "oauth-registration-failed",
        msg!(
            "problem-oauth-registration-failed-detail",
            provider = m.provider_name,
            why = why
        ),
    )
}

/// RFC 7591 §3: a public client with PKCE, the service's callback its redirect URI.
/// Answers the client id, its secret if one was issued, and its expiry.
async fn register(
    state: &AppState,
    policy: &Policy<'_>,
    m: &'static MethodMeta,
    endpoint: &Url,
    redirect: &Url,
) -> Result<(String, Option<String>, u64), Problem> {
    let client = policy.check(endpoint, "registration-endpoint")?;
    let body = RegistrationRequest {
        client_name: CLIENT_NAME,
        redirect_uris: [redirect.as_str()],
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: "none",
    };
    let request = client
        .post(endpoint.clone())
        .header(reqwest::header::ACCEPT, "application/json")
        .json(&body)
        .send();
    let read = async {
        let mut res = request.await.map_err(|e| {
            let why = if e.is_timeout() {
                "unreached-timeout"
            } else if crate::outbound::refused(&e).is_some() {
                return refused_metadata(
                    m,
                    super::discovery::about("discovery-internal", "registration-endpoint"),
                );
            } else if e.is_connect() {
                "unreached-connect"
            } else {
                "unreached-other"
            };
            registration_problem(m, why)
        })?;
        let status = res.status();
        let mut bytes = Vec::new();
        while let Some(chunk) = res
            .chunk()
            .await
            .map_err(|_| registration_problem(m, "broke-off"))?
        {
            if bytes.len() + chunk.len() > MAX_ANSWER {
                return Err(registration_problem(m, "too-large"));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok((status, bytes))
    };
    let (status, mut bytes) = tokio::time::timeout(state.tester().timeout(), read)
        .await
        .map_err(|_| registration_problem(m, "timeout"))??;
    let out = if status.is_success() {
        let parsed: Result<RegistrationAnswer, _> = serde_json::from_slice(&bytes);
        match parsed {
            Ok(a) => registered(m, a),
            Err(_) => Err(registration_problem(m, "not-rfc7591")),
        }
    } else {
        let e: Option<RegistrationError> = serde_json::from_slice(&bytes).ok();
        tracing::info!(
            provider = m.provider_id,
            method = m.id,
            status = status.as_u16(),
            error = e
                .as_ref()
                .map(|e| clean_code(&e.error))
                .unwrap_or_default()
                .as_str(),
            "client registration refused"
        );
        let mut p = registration_problem(m, "refused");
        if let Some(e) = e {
            p.provider_error = Some(Box::new(ProviderError {
                error: clean_code(&e.error),
                error_description: e.error_description.as_deref().map(clean_description),
            }));
        }
        Err(p)
    };
    zeroize::Zeroize::zeroize(&mut bytes);
    out
}

/// The values of a successful registration answer, checked: they go into later
/// requests' URLs and bodies.
fn registered(
    m: &MethodMeta,
    mut a: RegistrationAnswer,
) -> Result<(String, Option<String>, u64), Problem> {
    let plain = |s: &str| !s.is_empty() && s.len() <= 1024 && !super::clean::has_control(s);
    let id = a
        .client_id
        .take()
        .filter(|s| plain(s))
        .ok_or_else(|| registration_problem(m, "no-client-id"))?;
    let secret = match a.client_secret.take() {
        Some(s) if plain(&s) => Some(s),
        Some(mut s) => {
            zeroize::Zeroize::zeroize(&mut s);
            return Err(registration_problem(m, "bad-secret"));
        }
        None => None,
    };
    let exp = match a.client_secret_expires_at {
        0 => u64::MAX,
        t => t,
    };
    Ok((id, secret, exp))
}

/// The token endpoint of a registration, checked by the policy again: the URL and
/// whether it is reached through the operator's override.
pub(super) async fn token_target(
    state: &AppState,
    m: &'static MethodMeta,
    r: &Registration,
) -> Result<(Url, bool), Problem> {
    let policy = Policy::new(state, m);
    let url = Url::parse(&r.token_endpoint).map_err(|_| invalid())?;
    policy.check_later(&url, "token-endpoint").await?;
    let overridden = policy.is_overridden(&url);
    Ok((url, overridden))
}

/// The authorization endpoint of a registration, checked by the policy again.
pub(super) fn authorization_target(
    state: &AppState,
    m: &'static MethodMeta,
    r: &Registration,
) -> Result<Url, Problem> {
    let url = Url::parse(&r.authorization_endpoint).map_err(|_| invalid())?;
    Policy::new(state, m).check(&url, "authorization-endpoint")?;
    Ok(url)
}

/// The token-endpoint client of a registration.
pub(super) fn exchange<'a>(
    state: &'a AppState,
    m: &'static MethodMeta,
    o: &'static OAuthMeta,
    client_id: &'a str,
    secret: &'a Option<SecretString>,
    overridden: bool,
) -> Exchange<'a> {
    Exchange {
        meta: m,
        oauth: o,
        client_id,
        client_secret: secret.as_ref(),
        http: state.tester().client(overridden),
        timeout: state.tester().timeout(),
    }
}

/// `POST …/refresh` of a discovery method (or of another, given a `registration`: 400):
/// the registration the caller kept (sealed)
/// says which client refreshes where; it must be this method's and name the resource
/// the fields name now.
pub(super) async fn refresh(
    state: &AppState,
    m: &'static MethodMeta,
    o: &'static OAuthMeta,
    values: &Values,
    setup: &dyn Credential,
    sealed: Option<&str>,
    token: SecretString,
) -> Result<(connectspec_runtime::TokenSet, String), Problem> {
    if o.discovery.is_none() {
        return Err(Problem::bad_request(super::names(
            m,
            "problem-bad-request-no-registration",
        )));
    }
    let Some(sealed) = sealed else {
        return Err(Problem::bad_request(super::names(
            m,
            "problem-bad-request-registration-needed",
        )));
    };
    let keys = super::keys(state, m)?;
    let r = open(keys, sealed).map_err(|e| {
        tracing::info!(problem = e.as_str(), "registration refused");
        invalid()
    })?;
    if r.p != m.provider_id || r.m != m.id {
        tracing::info!(
            provider = m.provider_id,
            method = m.id,
            "registration refused: another method's"
        );
        return Err(invalid());
    }
    let resource = Policy::new(state, m).resource(o, values)?;
    if resource.as_str() != r.resource {
        return Err(Problem::bad_request(msg!(
            "problem-bad-request-registration-resource",
            provider = m.provider_name
        )));
    }
    let (url, overridden) = token_target(state, m, &r).await?;
    let (id, secret) = client_of(m, &r, setup)?;
    let mut extra = OAuthMeta::params(o.token_params, &|k| values.get(k));
    extra.push(("resource", r.resource.clone()));
    let ex = exchange(state, m, o, id, &secret, overridden);
    let tokens = ex.refresh(&url, token, &extra).await?;
    Ok((tokens, sealed.trim().to_owned()))
}

/// The sealed registration of a flow, for the result.
pub(super) fn sealed_for_result(state: &AppState, r: &Registration) -> Result<String, Problem> {
    Ok(seal(&state.oauth().keys, r)?.expose_secret().to_owned())
}
