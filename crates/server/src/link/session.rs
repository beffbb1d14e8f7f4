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
                "Not offered in this link session",
                format!(
                    "this link session does not offer {} {}",
                    m.provider_name, m.label
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
            "Link session expired",
            "This link has expired. Go back and start linking the account again.",
        )
    } else {
        Problem::new(
            StatusCode::UNAUTHORIZED,
            "session-required",
            "Link session required",
            "this endpoint is called by the link form within a link session: send \
             `Connectspec-Session: <session token>` (the hub's back end opens one with \
             POST /v1/link/sessions)",
        )
    };
    let mut res = p.into_response();
    res.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Connectspec-Session"),
    );
    res
}

/// Opens the session token of a request, if it has one. `Err(expired)` when the header
/// is there but does not open.
pub(crate) fn session_of(parts: &Parts, state: &AppState) -> Option<Result<SessionClaims, bool>> {
    let token = parts.headers.get(SESSION_HEADER)?;
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
        match session_of(parts, state) {
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

fn bad(detail: impl Into<String>) -> Problem {
    Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid-session-request",
        "Invalid session request",
        detail,
    )
}

fn reference(name: &str, v: &str) -> Result<(), Problem> {
    if v.trim().is_empty() || v.chars().count() > MAX_REF || v.chars().any(char::is_control) {
        return Err(bad(format!(
            "`{name}` must be 1 to {MAX_REF} characters without control characters"
        )));
    }
    Ok(())
}

/// Checks a request against the catalogue: every offer, value, scope and action must
/// name something real, and a pre-filled value is never a secret field's.
fn check(req: &NewSession, state: &AppState) -> Result<(), Problem> {
    reference("end_user", &req.end_user)?;
    if req.offers.is_empty() && req.reconnect.is_none() {
        return Err(bad("`offers` names no provider: offer at least one"));
    }
    if req.offers.len() > MAX_OFFERS {
        return Err(bad(format!("`offers` has more than {MAX_OFFERS} entries")));
    }
    let mut methods: Vec<&'static MethodMeta> = Vec::new();
    for (i, o) in req.offers.iter().enumerate() {
        let p =
            find_provider(state, &o.p).map_err(|_| bad(format!("offer {i} names no provider")))?;
        match &o.m {
            Some(m) => methods.push(
                find_method(state, &o.p, m)
                    .map_err(|_| bad(format!("offer {i}: {} has no such method", p.name)))?,
            ),
            None => methods.extend(p.methods.iter()),
        }
    }
    if let Some(rc) = &req.reconnect {
        reference("reconnect.connection", &rc.c)?;
        if let Some(i) = &rc.i {
            reference("reconnect.identity", i)?;
        }
        let m = find_method(state, &rc.p, &rc.m)
            .map_err(|_| bad("`reconnect` names no method of the catalogue"))?;
        if rc.i.is_some()
            && m.connection_test
                .as_ref()
                .and_then(|t| t.identity)
                .is_none()
        {
            return Err(bad(format!(
                "`reconnect.identity`: the connection test of {} {} names no account \
                 (its spec has no `connection_test.identity`), so the account cannot be \
                 compared; leave `identity` out",
                m.provider_name, m.label
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
                return Err(bad(format!(
                    "`values` has a key that no offered method has: {}",
                    if k.len() <= 64 && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                        format!("`{k}`")
                    } else {
                        "(not shown)".to_owned()
                    }
                )));
            }
            Some(f) if f.secret => {
                return Err(bad(format!(
                    "`values.{k}` is a secret field: a session never carries secrets; the end user types them"
                )));
            }
            Some(_) if v.chars().count() > 2048 => {
                return Err(bad(format!("`values.{k}` is longer than 2048 characters")));
            }
            Some(_) => {}
        }
    }
    for s in &req.scopes {
        if !methods
            .iter()
            .any(|m| m.scopes.iter().any(|(id, _)| id == s))
        {
            return Err(bad(
                "a scope in `scopes` is not a scope of any offered method",
            ));
        }
    }
    for a in &req.actions {
        if !methods.iter().any(|m| m.actions.iter().any(|x| x.id == a)) {
            return Err(bad(
                "an action in `actions` is not an action of any offered method",
            ));
        }
    }
    if let Some(l) = &req.locale
        && (l.is_empty()
            || l.len() > 35
            || !l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    {
        return Err(bad(
            "`locale` must be a BCP 47 language tag such as `en` or `de-CH`",
        ));
    }
    if let Some(o) = &req.origin
        && state.embed_origin() != Some(o.as_str())
    {
        return Err(bad(
            "`origin` must be the service's embed origin (--embed-origin): only that origin \
             may hold the form and receive its results",
        ));
    }
    if let Some(r) = &req.return_url {
        let ok = url::Url::parse(r).is_ok_and(|u| {
            let origin = u.origin().ascii_serialization();
            u.fragment().is_none()
                && (state.embed_origin() == Some(origin.as_str())
                    || state.public_origin().as_deref() == Some(origin.as_str()))
        });
        if !ok {
            return Err(bad(
                "`return_url` must be a URL without a fragment on the embed origin or the service's own",
            ));
        }
    }
    if let Some(e) = req.expires_in
        && !(60..=MAX_SESSION_SECS).contains(&e)
    {
        return Err(bad(format!(
            "`expires_in` must be between 60 and {MAX_SESSION_SECS} seconds"
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
    let body: NewSession = read_json(
        &state,
        req,
        "a JSON object with `end_user`, `offers` and the optional members of a session",
    )
    .await?;
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
            SealError::TooLong => {
                bad("the session is too large: offer fewer providers or shorter values")
            }
            SealError::Unsealable => {
                crate::connection_test::internal("the session could not be sealed")
            }
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
    Ok(res)
}

#[derive(Serialize)]
struct OfferView {
    provider: &'static str,
    provider_name: &'static str,
    method: &'static str,
    label: &'static str,
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
        return Err(Problem::bad_request(
            "this endpoint describes a link session: send its token in `Connectspec-Session`",
        ));
    };
    let offers = s
        .methods()
        .into_iter()
        .map(|m| OfferView {
            provider: m.provider_id,
            provider_name: m.provider_name,
            method: m.id,
            label: m.label,
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
    Ok(res)
}
