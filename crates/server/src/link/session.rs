//! Link sessions: the hub's back end opens one (operator key) for one of its end users,
//! and the link form holds only its sealed token, sent as `Connectspec-Session: <token>`
//! on every call it makes. The token is the whole session, sealed with the service's
//! keys ([`crate::state`], the rotation of the OAuth state), so any instance serves any
//! step and nothing is stored.

use std::collections::BTreeMap;

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use connectspec_runtime::{ExposeSecret, MethodMeta};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::body::read_json;
use crate::extract::{Operator, find_method, find_provider};
use crate::i18n::{label, msg};
use crate::problem::Problem;
use crate::respond::json;
pub use crate::state::Reconnect;
use crate::state::{Expiring, Purpose, SealError, StateKeys, now};

/// The request header that carries a session token.
pub const SESSION_HEADER: &str = "connectspec-session";

/// A session's default lifetime, in seconds: 30 minutes.
pub const DEFAULT_SESSION_SECS: u64 = 30 * 60;

/// The longest session, in seconds: a day.
pub const MAX_SESSION_SECS: u64 = 24 * 60 * 60;

/// Most offers one session makes.
const MAX_OFFERS: usize = 100;

/// Longest end-user reference, connection id or identity, in characters.
const MAX_REF: usize = 256;

/// A provider (all its methods) or one method, offered by a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    /// Provider id.
    #[serde(rename = "provider")]
    pub p: String,
    /// Method id; every method of the provider when absent.
    #[serde(rename = "method", default, skip_serializing_if = "Option::is_none")]
    pub m: Option<String>,
}

/// What a session token carries.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionClaims {
    /// A random id: results and rate limits are bound to it.
    pub sid: String,
    /// The hub's reference for the end user.
    pub u: String,
    /// What the end user may link.
    pub o: Vec<Offer>,
    /// Pre-filled non-secret values, by field key.
    #[serde(default)]
    pub v: BTreeMap<String, String>,
    /// Scopes asked for (OAuth).
    #[serde(default)]
    pub s: Vec<String>,
    /// Actions asked for (their least-privilege scopes are added).
    #[serde(default)]
    pub a: Vec<String>,
    /// The end user's locale.
    #[serde(default)]
    pub l: Option<String>,
    /// The origin of the hub page that embeds the form element itself.
    #[serde(default)]
    pub org: Option<String>,
    /// Where an OAuth flow in redirect mode returns.
    #[serde(default)]
    pub ret: Option<String>,
    /// The connection being repaired.
    #[serde(default)]
    pub rc: Option<Reconnect>,
    /// Issued at, Unix seconds.
    pub iat: u64,
    /// Expires at, Unix seconds.
    pub exp: u64,
}

impl Expiring for SessionClaims {
    fn expires_at(&self) -> u64 {
        self.exp
    }
}

impl SessionClaims {
    /// Whether the session offers `m`.
    pub fn offers(&self, m: &MethodMeta) -> bool {
        if let Some(rc) = &self.rc {
            return rc.p == m.provider_id && rc.m == m.id;
        }
        self.o
            .iter()
            .any(|o| o.p == m.provider_id && o.m.as_deref().is_none_or(|id| id == m.id))
    }

    /// The methods the session offers, in offer order.
    pub fn methods(&self) -> Vec<&'static MethodMeta> {
        if let Some(rc) = &self.rc {
            return connectspec_providers::method(&rc.p, &rc.m)
                .into_iter()
                .collect();
        }
        let mut out: Vec<&'static MethodMeta> = Vec::new();
        for o in &self.o {
            let Some(p) = connectspec_providers::provider(&o.p) else {
                continue;
            };
            for m in p.methods {
                if self.offers(m) && !out.iter().any(|x| std::ptr::eq(*x, m as &MethodMeta)) {
                    out.push(m);
                }
            }
        }
        out
    }
}

/// Who is calling an endpoint the link form uses.
pub(crate) enum Caller {
    /// The hub's back end (an operator key).
    Operator,
    /// A link form in a session.
    Session(Box<SessionClaims>),
    /// Anyone, on a `--dev` service (loopback only).
    Dev,
}

impl Caller {
    /// The session, if the caller is in one.
    pub(crate) fn session(&self) -> Option<&SessionClaims> {
        match self {
            Caller::Session(s) => Some(s),
            _ => None,
        }
    }

    /// Refuses a method the session does not offer.
    pub(crate) fn may_use(&self, m: &MethodMeta) -> Result<(), Problem> {
        match self {
            Caller::Session(s) if !s.offers(m) => Err(Problem::new(
                StatusCode::FORBIDDEN,
                "not-offered",
                msg!(
                    "problem-not-offered-detail",
                    provider = m.provider_name,
                    method = label(m)
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// A 401 for the link form: what to send, or that the session is over.
pub(crate) fn session_problem(expired: bool) -> Response {
    let p = if expired {
        Problem::new(
            StatusCode::UNAUTHORIZED,
            "session-expired",
            msg!("problem-session-expired-detail"),
        )
    } else {
        Problem::new(
            StatusCode::UNAUTHORIZED,
            "session-required",
            msg!("problem-session-required-detail"),
        )
    };
    let mut res = p.into_response();
    res.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Connectspec-Session"),
    );
    res
}

/// The session of a request as the locale middleware opened it ([`open_once`]).
#[derive(Clone)]
pub(crate) struct OpenedSession(Option<Result<SessionClaims, bool>>);

/// Opens the request's session token once, for the locale middleware (the session's
/// locale) and then the [`Caller`] extractor, which takes it from the extensions: its
/// locale tag.
pub(crate) fn open_once(req: &mut axum::extract::Request, state: &AppState) -> Option<String> {
    let opened = session_of(req.headers(), state);
    let locale = opened
        .as_ref()
        .and_then(|s| s.as_ref().ok())
        .and_then(|s| s.l.clone());
    req.extensions_mut().insert(OpenedSession(opened));
    locale
}

/// Opens the session token of a request, if it has one. `Err(expired)` when the header
/// is there but does not open.
pub(crate) fn session_of(
    headers: &axum::http::HeaderMap,
    state: &AppState,
) -> Option<Result<SessionClaims, bool>> {
    let token = headers.get(SESSION_HEADER)?;
    let Ok(token) = token.to_str() else {
        return Some(Err(false));
    };
    Some(
        state
            .link_keys()
            .open_as::<SessionClaims>(Purpose::Session, token.trim(), now())
            .map_err(|e| {
                tracing::info!(problem = e.as_str(), "link session refused");
                e == crate::state::StateError::Expired
            }),
    )
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let opened = match parts.extensions.remove::<OpenedSession>() {
            Some(OpenedSession(o)) => o,
            None => session_of(&parts.headers, state),
        };
        match opened {
            Some(Ok(s)) => return Ok(Caller::Session(Box::new(s))),
            Some(Err(expired)) => return Err(session_problem(expired)),
            None => {}
        }
        if parts.headers.contains_key(header::AUTHORIZATION) {
            return Operator::from_request_parts(parts, state)
                .await
                .map(|_| Caller::Operator)
                .map_err(IntoResponse::into_response);
        }
        if state.dev() {
            return Ok(Caller::Dev);
        }
        Err(session_problem(false))
    }
}

/// The body of `POST /v1/link/sessions`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewSession {
    end_user: String,
    offers: Vec<Offer>,
    #[serde(default)]
    values: BTreeMap<String, String>,
    #[serde(default)]
    scopes: Vec<String>,
    #[serde(default)]
    actions: Vec<String>,
    #[serde(default)]
    locale: Option<String>,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    origin: Option<String>,
    #[serde(default)]
    return_url: Option<String>,
    #[serde(default)]
    reconnect: Option<Reconnect>,
}

#[derive(Serialize)]
struct Opened {
    session_token: String,
    url: String,
    expires_at: u64,
}

fn bad(detail: crate::i18n::Msg) -> Problem {
    Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid-session-request",
        detail,
    )
}

fn reference(name: &'static str, v: &str) -> Result<(), Problem> {
    if v.trim().is_empty() || v.chars().count() > MAX_REF || v.chars().any(char::is_control) {
        return Err(bad(msg!(
            "problem-session-reference",
            member = name,
            max = MAX_REF
        )));
    }
    Ok(())
}

/// Checks a request against the catalogue: every offer, value, scope and action must
/// name something real, and a pre-filled value is never a secret field's.
fn check(req: &NewSession, state: &AppState) -> Result<(), Problem> {
    reference("end_user", &req.end_user)?;
    if req.offers.is_empty() && req.reconnect.is_none() {
        return Err(bad(msg!("problem-session-no-offers")));
    }
    if req.offers.len() > MAX_OFFERS {
        return Err(bad(msg!(
            "problem-session-too-many-offers",
            max = MAX_OFFERS
        )));
    }
    let mut methods: Vec<&'static MethodMeta> = Vec::new();
    for (i, o) in req.offers.iter().enumerate() {
        let p = find_provider(state, &o.p)
            .map_err(|_| bad(msg!("problem-session-offer-provider", offer = i)))?;
        match &o.m {
            Some(m) => methods.push(find_method(state, &o.p, m).map_err(|_| {
                bad(msg!(
                    "problem-session-offer-method",
                    offer = i,
                    provider = p.name
                ))
            })?),
            None => methods.extend(p.methods.iter()),
        }
    }
    if let Some(rc) = &req.reconnect {
        reference("reconnect.connection", &rc.c)?;
        if let Some(i) = &rc.i {
            reference("reconnect.identity", i)?;
        }
        let m = find_method(state, &rc.p, &rc.m)
            .map_err(|_| bad(msg!("problem-session-reconnect-method")))?;
        if rc.i.is_some()
            && m.connection_test
                .as_ref()
                .and_then(|t| t.identity)
                .is_none()
        {
            return Err(bad(msg!(
                "problem-session-reconnect-identity",
                provider = m.provider_name,
                method = label(m)
            )));
        }
        methods.push(m);
    }
    for (k, v) in &req.values {
        let field = methods
            .iter()
            .flat_map(|m| m.fields.iter())
            .find(|f| f.key == k.as_str());
        match field {
            None => {
                let shown =
                    k.len() <= 64 && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
                return Err(bad(if shown {
                    msg!("problem-session-value-key", key = k)
                } else {
                    msg!("problem-session-value-key-unnamed")
                }));
            }
            Some(f) if f.secret => {
                return Err(bad(msg!("problem-session-value-secret", key = k)));
            }
            Some(_) if v.chars().count() > 2048 => {
                return Err(bad(msg!(
                    "problem-session-value-long",
                    key = k,
                    max = 2048u64
                )));
            }
            Some(_) => {}
        }
    }
    for s in &req.scopes {
        if !methods
            .iter()
            .any(|m| m.scopes.iter().any(|(id, _)| id == s))
        {
            return Err(bad(msg!("problem-session-scope")));
        }
    }
    for a in &req.actions {
        if !methods.iter().any(|m| m.actions.iter().any(|x| x.id == a)) {
            return Err(bad(msg!("problem-session-action")));
        }
    }
    if let Some(l) = &req.locale
        && (l.is_empty()
            || l.len() > 35
            || !l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    {
        return Err(bad(msg!("problem-session-locale")));
    }
    // A pseudo-locale is for tests, on a service that serves them.
    if let Some(l) = &req.locale
        && !state.pseudo_locales()
        && connectspec_i18n::lookup(l, true).is_some_and(connectspec_i18n::Locale::is_pseudo)
    {
        return Err(bad(msg!("problem-session-locale-pseudo")));
    }
    if let Some(o) = &req.origin
        && state.embed_origin() != Some(o.as_str())
    {
        return Err(bad(msg!("problem-session-origin")));
    }
    if let Some(r) = &req.return_url {
        let ok = url::Url::parse(r).is_ok_and(|u| {
            let origin = u.origin().ascii_serialization();
            u.fragment().is_none()
                && (state.embed_origin() == Some(origin.as_str())
                    || state.public_origin().as_deref() == Some(origin.as_str()))
        });
        if !ok {
            return Err(bad(msg!("problem-session-return-url")));
        }
    }
    if let Some(e) = req.expires_in
        && !(60..=MAX_SESSION_SECS).contains(&e)
    {
        return Err(bad(msg!(
            "problem-session-expires-in",
            max = MAX_SESSION_SECS
        )));
    }
    Ok(())
}

/// `POST /v1/link/sessions` (operator).
pub(crate) async fn create(
    _operator: Operator,
    State(state): State<AppState>,
    req: axum::extract::Request,
) -> Result<Response, Problem> {
    let body: NewSession = read_json(&state, req, msg!("shape-session")).await?;
    check(&body, &state)?;
    let issued = now();
    let exp = issued + body.expires_in.unwrap_or(DEFAULT_SESSION_SECS);
    let claims = SessionClaims {
        sid: StateKeys::random(16),
        u: body.end_user,
        o: body.offers,
        v: body.values,
        s: body.scopes,
        a: body.actions,
        l: body.locale,
        org: body.origin,
        ret: body.return_url,
        rc: body.reconnect,
        iat: issued,
        exp,
    };
    let token = state
        .link_keys()
        .seal_as(Purpose::Session, &claims)
        .map_err(|e| match e {
            SealError::TooLong => bad(msg!("problem-session-too-large")),
            SealError::Unsealable => crate::connection_test::internal(msg!(
                "problem-internal-unsealable",
                what = "session"
            )),
        })?;
    tracing::info!(
        offers = claims.o.len(),
        reconnect = claims.rc.is_some(),
        "link session opened"
    );
    let token = token.expose_secret().to_owned();
    let url = format!(
        "{}/link#session={token}",
        state.public_origin().unwrap_or_default()
    );
    let mut res = json(
        StatusCode::CREATED,
        &Opened {
            session_token: token,
            url,
            expires_at: exp,
        },
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(crate::i18n::scope::localised(res))
}

#[derive(Serialize)]
struct OfferView {
    provider: &'static str,
    provider_name: &'static str,
    method: &'static str,
    label: std::borrow::Cow<'static, str>,
    oauth: bool,
}

#[derive(Serialize)]
struct SessionView {
    offers: Vec<OfferView>,
    values: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    locale: Option<String>,
    reconnect: bool,
    expires_at: u64,
}

/// `GET /v1/link/session`: what the form needs of its session (never the end user's
/// reference or the identity expected).
pub(crate) async fn view(caller: Caller) -> Result<Response, Problem> {
    let Some(s) = caller.session() else {
        return Err(Problem::bad_request(msg!(
            "problem-bad-request-session-view"
        )));
    };
    let offers = s
        .methods()
        .into_iter()
        .map(|m| OfferView {
            provider: m.provider_id,
            provider_name: m.provider_name,
            method: m.id,
            label: label(m),
            oauth: m.oauth.is_some(),
        })
        .collect();
    let mut res = json(
        StatusCode::OK,
        &SessionView {
            offers,
            values: s.v.clone(),
            locale: s.l.clone(),
            reconnect: s.rc.is_some(),
            expires_at: s.exp,
        },
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(crate::i18n::scope::localised(res))
}
