//! OAuth 2.0 in the service, stateless:
//!
//! ```text
//! POST /v1/providers/{provider}/methods/{method}/authorize  {"fields": {…}, "scopes": […]}
//! GET  /v1/oauth/callback?code=…&state=…                    the provider's redirect
//! POST /v1/providers/{provider}/methods/{method}/refresh    {"fields": {…}, "refresh_token": "…"}
//! POST /v1/providers/{provider}/methods/{method}/token      {"fields": {…}, "scopes": […]}  (client credentials)
//! POST /v1/providers/{provider}/methods/{method}/test       {"fields": {…}, "access_token": "…", "values": {…}}
//! ```
//!
//! `authorize` validates the end user's fields, renders the authorization URL and seals
//! everything the callback needs (PKCE verifier included) into `state`
//! ([`state`]); the callback opens it on any instance, exchanges the code
//! ([`exchange`]) and answers the tokens (the handoff: the only body that carries
//! them, `Cache-Control: no-store`). Token endpoints are reached like connection tests:
//! hosts inside the spec's `allowed_hosts`, the outbound address policy, no redirects.

mod callback;
pub mod clean;
mod client;
mod discovery;
mod link;
pub mod registration;
mod start;
pub(crate) mod values;

use values::Values;

pub mod exchange;

pub(crate) use callback::callback;
pub(crate) use link::link_client_credentials;
pub(crate) use start::start;

use std::collections::BTreeMap;

use axum::extract::{RawQuery, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use connectspec_runtime::{
    Credential, CredentialExt as _, Endpoint, ExposeSecret, GrantKind, MethodMeta, OAuthMeta,
    SecretString, TokenSet, host_allowed,
};
use oauth2::{AuthUrl, ClientId, CsrfToken, PkceCodeChallenge, RedirectUrl, Scope};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::AppState;
use crate::body::{read_json_body, wipe};
use crate::connection_test::{host_problem, internal, value_problem};
use crate::extract::{Ids, Operator, checked, find_method};
use crate::i18n::{label, msg};
use crate::link::session::{Caller, SessionClaims};
use crate::outbound::is_public;
use crate::problem::{Problem, ProviderError};
use crate::respond::json;
use crate::state::{FlowState, Purpose, SealError, StateKeys, now};
use exchange::{Exchange, clean_code, clean_description};

/// A parsed OAuth request body; strings zeroed when dropped.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OAuthBody {
    #[serde(default)]
    fields: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    scopes: Option<Vec<String>>,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    access_token: Option<String>,
    #[serde(default)]
    values: BTreeMap<String, String>,
    /// The integration's actions (ids), for a token test's scope comparison.
    #[serde(default)]
    actions: Vec<String>,
    /// The end user's own OAuth client (client id and secret), for a method whose spec
    /// lets the end user bring one.
    #[serde(default)]
    client: Option<serde_json::Map<String, serde_json::Value>>,
    /// The sealed registration of a method found by discovery, for refresh.
    #[serde(default)]
    registration: Option<String>,
    /// The language of the answer (as the `lang` query parameter).
    #[serde(default)]
    lang: Option<String>,
}

impl Drop for OAuthBody {
    fn drop(&mut self) {
        self.fields.values_mut().for_each(wipe);
        if let Some(c) = &mut self.client {
            c.values_mut().for_each(wipe);
        }
        for s in [
            &mut self.refresh_token,
            &mut self.access_token,
            &mut self.registration,
        ]
        .into_iter()
        .flatten()
        {
            zeroize::Zeroize::zeroize(s);
        }
    }
}

/// Reads a body with the members `allowed`; serde's messages are not passed on (they
/// can quote a value).
async fn body(state: &AppState, req: Request, allowed: &[&str]) -> Result<OAuthBody, Problem> {
    let bytes = read_json_body(req, state).await?;
    let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&bytes);
    if let Ok(mut raw) = bytes.try_into_mut() {
        zeroize::Zeroize::zeroize(raw.as_mut());
    }
    let mut value = parsed.map_err(|_| Problem::bad_request(msg!("problem-bad-request-json")))?;
    // `lang` is every body's: the language of the answer.
    let members = allowed.join(", ");
    let ok_keys = value.as_object().is_some_and(|o| {
        o.keys()
            .all(|k| k == "lang" || allowed.contains(&k.as_str()))
    });
    if !ok_keys {
        wipe(&mut value);
        return Err(Problem::bad_request(msg!(
            "problem-bad-request-members-of",
            members = members
        )));
    }
    let parsed: Result<OAuthBody, _> = serde_json::from_value(value.clone());
    wipe(&mut value);
    let parsed = parsed.map_err(|_| {
        Problem::bad_request(msg!("problem-bad-request-member-types", members = members))
    })?;
    if let Some(tag) = &parsed.lang {
        crate::i18n::scope::prefer(tag);
    }
    Ok(parsed)
}

/// Whether a code or token is empty (or only spaces): no provider issues one, so it
/// is refused before anything is forwarded.
fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// The OAuth part of a method, or 404.
fn oauth_of(m: &'static MethodMeta) -> Result<&'static OAuthMeta, Problem> {
    m.oauth
        .ok_or_else(|| Problem::not_found(names(m, "problem-not-found-oauth")))
}

/// A message whose arguments are the provider's name and the method's label.
fn names(m: &MethodMeta, id: &'static str) -> crate::i18n::Msg {
    msg!(id, provider = m.provider_name, method = label(m))
}

/// 503; `what` is what the service lacks: `client-id`, `redirect-uri` or `state-key`.
fn not_configured(m: &MethodMeta, what: &'static str) -> Problem {
    Problem::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "oauth-not-configured",
        msg!(
            "problem-oauth-not-configured-detail",
            provider = m.provider_name,
            method = label(m),
            what = what
        ),
    )
}

/// Validates the end user's fields (422 with every error).
fn fields_of(
    state: &AppState,
    m: &'static MethodMeta,
    body: &OAuthBody,
) -> Result<Box<dyn connectspec_runtime::Credential>, Problem> {
    checked(state, m, &body.fields)
}

/// Renders an endpoint URL and checks it like a connection test's: the operator's
/// origin override, or a host inside the spec's allowed hosts that is not an internal
/// address. Returns the URL and whether it was overridden.
fn endpoint(
    state: &AppState,
    m: &'static MethodMeta,
    o: &'static OAuthMeta,
    which: Endpoint,
    values: &Values,
) -> Result<(Url, bool), Problem> {
    let text = o
        .endpoint(which, &|k| values.get(k))
        .map_err(|e| value_problem(m, &e))?
        .ok_or_else(|| host_problem(m, "needed"))?;
    let mut url = Url::parse(&text).map_err(|_| host_problem(m, "invalid"))?;
    if let Some(origin) = state.oauth().origins.get(m.provider_id) {
        url.set_scheme(origin.scheme())
            .and_then(|()| url.set_host(origin.host_str()).map_err(|_| ()))
            .and_then(|()| url.set_port(origin.port()))
            .map_err(|()| internal(msg!("problem-internal-oauth-origin")))?;
        return Ok((url, true));
    }
    let host = url.host_str().unwrap_or("");
    if !host_allowed(host, m.allowed_hosts) {
        return Err(host_problem(m, "not-allowed"));
    }
    let ip = match url.host() {
        Some(url::Host::Ipv4(ip)) => Some(std::net::IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => Some(std::net::IpAddr::V6(ip)),
        _ => None,
    };
    if !state.tester().allow_private_hosts() && ip.is_some_and(|ip| !is_public(ip)) {
        return Err(host_problem(m, "internal"));
    }
    Ok((url, false))
}

fn client_id<'a>(m: &MethodMeta, setup: &'a dyn Credential) -> Result<&'a str, Problem> {
    setup
        .expose_key("client_id")
        .ok_or_else(|| not_configured(m, "client-id"))
}

fn client_secret(setup: &dyn Credential) -> Option<SecretString> {
    setup
        .expose_key("client_secret")
        .map(|s| SecretString::from(s.to_owned()))
}

/// The token-endpoint client of `m` with the operator's client credentials: the
/// override's client (`overridden`) or the guarded one, and the service's timeout.
fn exchange<'a>(
    state: &'a AppState,
    m: &'static MethodMeta,
    o: &'static OAuthMeta,
    setup: &'a dyn Credential,
    secret: &'a Option<SecretString>,
    overridden: bool,
) -> Result<Exchange<'a>, Problem> {
    Ok(Exchange {
        meta: m,
        oauth: o,
        client_id: client_id(m, setup)?,
        client_secret: secret.as_ref(),
        http: state.tester().client(overridden),
        timeout: state.tester().timeout(),
    })
}

fn redirect_uri<'s>(state: &'s AppState, m: &MethodMeta) -> Result<&'s Url, Problem> {
    state
        .oauth()
        .redirect_uri
        .as_ref()
        .ok_or_else(|| not_configured(m, "redirect-uri"))
}

fn keys<'s>(state: &'s AppState, m: &MethodMeta) -> Result<&'s StateKeys, Problem> {
    let k = &state.oauth().keys;
    if k.is_empty() {
        Err(not_configured(m, "state-key"))
    } else {
        Ok(k)
    }
}

/// The scopes to ask for: declared ids only. Unknown ones are counted, not repeated
/// (as unknown actions are): a request body is no place to trust with echoing.
fn scopes_for<'a>(
    m: &MethodMeta,
    o: &OAuthMeta,
    asked: Option<&'a [String]>,
) -> Result<Vec<&'a str>, Problem> {
    let unknown = asked.map_or(0, |a| {
        a.iter()
            .filter(|s| !m.scopes.iter().any(|(id, _)| id == s))
            .count()
    });
    if unknown > 0 {
        let known: Vec<&str> = m.scopes.iter().map(|(id, _)| *id).collect();
        return Err(Problem::bad_request(msg!(
            "problem-bad-request-scopes",
            count = unknown,
            provider = m.provider_name,
            method = label(m),
            scopes = known.join(", ")
        )));
    }
    Ok(o.scopes(asked))
}

#[derive(Serialize)]
struct Authorization {
    provider: &'static str,
    method: &'static str,
    /// Where the end user's browser starts the flow: a page of this service that binds
    /// the flow to that browser and sends it on to the provider.
    start_url: String,
    scopes: Vec<String>,
    expires_at: u64,
}

/// The scopes a session asks for on `m`: its scopes that `m` has, and the
/// least-privilege scopes of its actions that `m` has.
fn session_scopes(m: &MethodMeta, s: &SessionClaims) -> Option<Vec<String>> {
    if s.s.is_empty() && s.a.is_empty() {
        return None;
    }
    let mut out: Vec<String> =
        s.s.iter()
            .filter(|id| m.scopes.iter().any(|(x, _)| x == id))
            .cloned()
            .collect();
    let actions: Vec<&str> =
        s.a.iter()
            .map(String::as_str)
            .filter(|a| m.actions.iter().any(|x| x.id == *a))
            .collect();
    if let Ok(scopes) = m.least_privilege_scopes(&actions) {
        for (id, _) in scopes {
            if !out.iter().any(|x| x == id) {
                out.push(id.to_owned());
            }
        }
    }
    Some(out)
}

/// `POST …/authorize`: checks the end user's fields and answers the URL that starts
/// the flow in their browser ([`start`]), with everything the flow needs sealed into a
/// ticket in it.
pub(crate) async fn authorize(
    caller: Caller,
    State(state): State<AppState>,
    Ids((provider, method)): Ids<(String, String)>,
    req: Request,
) -> Result<Response, Problem> {
    let m = find_method(&state, &provider, &method)?;
    caller.may_use(m)?;
    let o = oauth_of(m)?;
    if o.grant != GrantKind::AuthorizationCode {
        return Err(Problem::bad_request(names(
            m,
            "problem-bad-request-use-token",
        )));
    }
    let body = body(&state, req, &["fields", "scopes", "client"]).await?;
    let creds = fields_of(&state, m, &body)?;
    let client = client::resolve(&state, m, o, body.client.as_ref())?;
    let setup = client.credential();
    let user = |k: &str| creds.as_ref().expose_key(k).map(str::to_owned);
    let values = Values::new(m, &user, setup, false);
    // The provider's addresses are checked now, before anything else, so a bad one is
    // the form's error and not a dead end in the popup or at the callback. A method
    // found by discovery finds them (and registers its client) now.
    let registration = if o.discovery.is_some() {
        keys(&state, m)?;
        let redirect = redirect_uri(&state, m)?;
        Some(registration::for_flow(&state, m, o, &values, redirect).await?)
    } else {
        endpoint(&state, m, o, Endpoint::Authorization, &values)?;
        let (token_url, overridden) = endpoint(&state, m, o, Endpoint::Token, &values)?;
        // A host the spec names literally is the provider's; one made from the end
        // user's values is resolved now, as the callback's request to it would be.
        if let Some(host) = token_url.host_str().filter(|_| !overridden)
            && !m.allowed_hosts.contains(&host)
            && state.tester().refuses_host(host).await
        {
            return Err(host_problem(m, "internal"));
        }
        None
    };
    let keys = keys(&state, m)?;
    let redirect = redirect_uri(&state, m)?;
    let session = caller.session();
    let from_session = session.and_then(|s| session_scopes(m, s));
    let asked = body.scopes.clone().or(from_session);
    let scopes = scopes_for(m, o, asked.as_deref())?;
    match &registration {
        Some(r) => registration::client_of(m, r, setup).map(drop)?,
        None => client_id(m, setup).map(drop)?,
    }
    let issued = now();
    let expires_at = issued + state.oauth().state_ttl.as_secs();
    let user_values: BTreeMap<String, String> = m
        .fields
        .iter()
        .map(|f| f.key)
        .chain(m.derived_keys.iter().copied())
        .filter_map(|k| Some((k.to_owned(), user(k)?)))
        .collect();
    let flow = FlowState {
        p: m.provider_id.to_owned(),
        m: m.id.to_owned(),
        f: user_values,
        s: scopes.iter().map(|s| (*s).to_owned()).collect(),
        r: redirect.as_str().to_owned(),
        v: o.pkce.then(|| StateKeys::random(48)),
        iat: issued,
        exp: expires_at,
        n: StateKeys::random(16),
        sid: session.map(|s| s.sid.clone()),
        u: session.map(|s| s.u.clone()),
        rc: session.and_then(|s| s.rc.clone()),
        org: session.and_then(|s| s.org.clone()),
        ret: session.and_then(|s| s.ret.clone()),
        l: Some(crate::i18n::current().tag().to_owned()),
        redirect: false,
        b: None,
        c: client.values.clone(),
        g: registration,
    };
    let ticket = keys.seal_as(Purpose::Ticket, &flow).map_err(|e| match e {
        SealError::TooLong => Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "values-too-long",
            msg!("problem-values-too-long-flow"),
        ),
        SealError::Unsealable => internal(msg!("problem-internal-unsealable", what = "flow")),
    })?;
    drop(flow);
    tracing::info!(
        provider = m.provider_id,
        method = m.id,
        "authorization started"
    );
    let start_url = format!(
        "{}/v1/oauth/start?ticket={}",
        state.public_origin().unwrap_or_default(),
        ticket.expose_secret()
    );
    let out = Authorization {
        provider: m.provider_id,
        method: m.id,
        start_url,
        scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        expires_at,
    };
    Ok(no_store(json(StatusCode::OK, &out)))
}

/// The handoff: the tokens and the values the caller stores with them.
#[derive(Serialize)]
struct Handoff {
    provider: &'static str,
    method: &'static str,
    access_token: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    token_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_at: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
    /// The end user's non-secret values and the captured values, by key.
    values: BTreeMap<String, String>,
    /// The sealed registration of a method found by discovery, handed back as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    registration: Option<String>,
}

impl Drop for Handoff {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.access_token);
        if let Some(r) = &mut self.refresh_token {
            zeroize::Zeroize::zeroize(r);
        }
    }
}

fn handoff(m: &'static MethodMeta, public: BTreeMap<String, String>, t: TokenSet) -> Response {
    handoff_with(m, public, t, None)
}

fn handoff_with(
    m: &'static MethodMeta,
    public: BTreeMap<String, String>,
    t: TokenSet,
    registration: Option<String>,
) -> Response {
    let mut values = public;
    for (k, v) in &t.captured {
        values.insert((*k).to_owned(), v.clone());
    }
    let body = Handoff {
        provider: m.provider_id,
        method: m.id,
        access_token: t.access_token.expose_secret().to_owned(),
        refresh_token: t
            .refresh_token
            .as_ref()
            .map(|r| r.expose_secret().to_owned()),
        token_type: t.token_type.clone(),
        expires_at: t.expires_at,
        scope: t.scope.clone(),
        values,
        registration,
    };
    no_store(json(StatusCode::OK, &body))
}

/// The non-secret end-user values of a flow.
fn public_of(m: &MethodMeta, values: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    values
        .iter()
        .filter(|(k, _)| m.fields.iter().any(|f| f.key == k.as_str() && !f.secret))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// `POST …/refresh`.
pub(crate) async fn refresh(
    _operator: Operator,
    State(state): State<AppState>,
    Ids((provider, method)): Ids<(String, String)>,
    req: Request,
) -> Result<Response, Problem> {
    let m = find_method(&state, &provider, &method)?;
    let o = oauth_of(m)?;
    if o.grant == GrantKind::ClientCredentials {
        // The grant issues no refresh tokens (RFC 6749 §4.4.3): a new token is fetched.
        return Err(Problem::not_found(names(m, "problem-not-found-refresh")));
    }
    let mut body = body(
        &state,
        req,
        &["fields", "refresh_token", "client", "registration"],
    )
    .await?;
    let creds = fields_of(&state, m, &body)?;
    let Some(token) = body.refresh_token.take() else {
        return Err(Problem::bad_request(msg!(
            "problem-bad-request-no-member",
            member = "refresh_token"
        )));
    };
    if blank(&token) {
        return Err(Problem::bad_request(msg!(
            "problem-bad-request-empty-member",
            member = "refresh_token"
        )));
    }
    let token = SecretString::from(token);
    let client = client::resolve(&state, m, o, body.client.as_ref())?;
    let setup = client.credential();
    let user = |k: &str| creds.as_ref().expose_key(k).map(str::to_owned);
    let values = Values::new(m, &user, setup, true);
    if o.discovery.is_some() || body.registration.is_some() {
        let sealed = body.registration.as_deref();
        let (tokens, sealed) =
            registration::refresh(&state, m, o, &values, setup, sealed, token).await?;
        tracing::info!(provider = m.provider_id, method = m.id, "token refreshed");
        return Ok(handoff_with(m, creds.public_values(), tokens, Some(sealed)));
    }
    let (url, overridden) = endpoint(&state, m, o, Endpoint::Refresh, &values)?;
    let extra = OAuthMeta::params(o.token_params, &|k| values.get(k));
    let secret = client_secret(setup);
    let ex = exchange(&state, m, o, setup, &secret, overridden)?;
    let tokens = ex.refresh(&url, token, &extra).await?;
    tracing::info!(provider = m.provider_id, method = m.id, "token refreshed");
    Ok(handoff(m, creds.public_values(), tokens))
}

/// `POST …/token`: the client credentials grant.
pub(crate) async fn token(
    _operator: Operator,
    State(state): State<AppState>,
    Ids((provider, method)): Ids<(String, String)>,
    req: Request,
) -> Result<Response, Problem> {
    let m = find_method(&state, &provider, &method)?;
    let o = oauth_of(m)?;
    if o.grant != GrantKind::ClientCredentials {
        return Err(Problem::bad_request(names(
            m,
            "problem-bad-request-use-authorize",
        )));
    }
    let body = body(&state, req, &["fields", "scopes", "client"]).await?;
    let creds = fields_of(&state, m, &body)?;
    let client = client::resolve(&state, m, o, body.client.as_ref())?;
    let setup = client.credential();
    let scopes = scopes_for(m, o, body.scopes.as_deref())?;
    let user = |k: &str| creds.as_ref().expose_key(k).map(str::to_owned);
    let values = Values::new(m, &user, setup, true);
    let (url, overridden) = endpoint(&state, m, o, Endpoint::Token, &values)?;
    let extra = OAuthMeta::params(o.token_params, &|k| values.get(k));
    let secret = client_secret(setup);
    let ex = exchange(&state, m, o, setup, &secret, overridden)?;
    let scope = (!scopes.is_empty()).then(|| scopes.join(o.scope_separator));
    let tokens = ex.client_credentials(&url, scope, &extra).await?;
    tracing::info!(
        provider = m.provider_id,
        method = m.id,
        "client credentials token issued"
    );
    Ok(handoff(m, creds.public_values(), tokens))
}

/// `POST …/test` of an OAuth method: the spec's connection test with an access token
/// (and the captured values the handoff returned).
pub(crate) async fn test(
    state: AppState,
    m: &'static MethodMeta,
    req: Request,
) -> Result<Response, Problem> {
    let o = oauth_of(m)?;
    let mut body = body(
        &state,
        req,
        &["fields", "access_token", "values", "actions"],
    )
    .await?;
    let named: Vec<&str> = body.actions.iter().map(String::as_str).collect();
    if let Err(unknown) = m.least_privilege_scopes(&named) {
        return Err(crate::listing::unknown_actions(m, &unknown));
    }
    let actions = body.actions.clone();
    // The fields first: a bad field is a 422 whatever else the body lacks.
    let creds = fields_of(&state, m, &body)?;
    let Some(token) = body.access_token.take() else {
        return Err(Problem::bad_request(msg!(
            "problem-bad-request-no-member",
            member = "access_token"
        )));
    };
    // An empty token would only earn the provider's 401: refused before anything is sent.
    if token.trim().is_empty() {
        return Err(Problem::bad_request(msg!(
            "problem-bad-request-empty-member",
            member = "access_token"
        )));
    }
    let token = SecretString::from(token);
    // Whatever goes into a header must be header-safe: a 422 naming the member, not
    // a 500 when the request is built.
    if clean::has_control(token.expose_secret()) {
        return Err(clean::control_problem(
            "access_token",
            "/access_token".to_owned(),
            msg!("label-access-token").text(),
        ));
    }
    let captured: BTreeMap<&str, &str> = o
        .captures
        .iter()
        .filter_map(|c| Some((c.key, body.values.get(c.key)?.as_str())))
        .collect();
    if let Some(c) = o.captures.iter().find(|c| !captured.contains_key(c.key)) {
        return Err(Problem::bad_request(msg!(
            "problem-bad-request-captured",
            key = c.key,
            label = capture_label(m, c.key, c.label)
        )));
    }
    if let Some(c) = o
        .captures
        .iter()
        .find(|c| captured.get(c.key).is_some_and(|v| clean::has_control(v)))
    {
        return Err(clean::control_problem(
            c.key,
            format!("/values/{}", c.key),
            capture_label(m, c.key, c.label),
        ));
    }
    // A captured value goes through the same URL rendering and host checks as a field.
    let auth = m.request_auth(|k| {
        if k == "access_token" {
            return Some(token.expose_secret());
        }
        creds
            .as_ref()
            .expose_key(k)
            .or_else(|| captured.get(k).copied())
    });
    let mut report = state.tester().run(m, auth).await?;
    let actions: Vec<&str> = actions.iter().map(String::as_str).collect();
    report.advise(m, &actions);
    Ok(crate::i18n::scope::localised(json(StatusCode::OK, &report)))
}

/// A captured value's label in the request's language.
fn capture_label(m: &MethodMeta, key: &str, english: &'static str) -> String {
    crate::i18n::spec_text(m, &format!("oauth/capture/{key}/label"), english).into_owned()
}

/// Tokens and states are never cached or sent on as a referrer.
fn no_store(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}
