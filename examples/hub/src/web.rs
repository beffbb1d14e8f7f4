//! The hub's routes and handlers.
//!
//! Every state-changing request must come from the hub's own page: its `Origin` must be
//! the hub's public origin (and `Sec-Fetch-Site`, when sent, `same-origin`); the API also
//! takes only `application/json`, which a cross-site form cannot send without a CORS
//! preflight the hub never answers. The session cookie is `SameSite=Lax` on top.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::connectspec::{Offer, Reconnect, ServiceError, SessionRequest};
use crate::cookie::valid_user_name;
use crate::credentials::{self, CheckError};
use crate::pages::{self, Notice};
use crate::store::{Linked, StoreError};
use crate::{AppState, now};

const HUB_JS: &str = include_str!("../assets/hub.js");
const HUB_CSS: &str = include_str!("../assets/hub.css");

/// The hub's router.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/login", post(login))
        .route("/logout", post(logout))
        .route("/healthz", get(|| async { "ok" }))
        .route(
            "/assets/hub.js",
            get(|| async { asset("text/javascript; charset=utf-8", HUB_JS) }),
        )
        .route(
            "/assets/hub.css",
            get(|| async { asset("text/css; charset=utf-8", HUB_CSS) }),
        )
        .route("/api/link-sessions", post(create_link_session))
        .route("/api/connections", post(redeem))
        .route(
            "/api/connections/{id}/reconnect-session",
            post(reconnect_session),
        )
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        .with_state(state)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// The headers every answer carries: the CSP (scripts, styles and fetches from the hub
/// and the connectspec service only; no inline code; no framing), no sniffing, no caching
/// of pages and API answers.
async fn security_headers(
    State(state): State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&state.csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// An API error: problem+json with a sentence for the page to show.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    title: &'static str,
    detail: String,
    errors: Option<Value>,
}

impl ApiError {
    fn new(status: StatusCode, title: &'static str, detail: impl Into<String>) -> ApiError {
        ApiError {
            status,
            title,
            detail: detail.into(),
            errors: None,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({
            "status": self.status.as_u16(),
            "title": self.title,
            "detail": self.detail,
        });
        if let Some(errors) = self.errors {
            body["errors"] = errors;
        }
        (
            self.status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body.to_string(),
        )
            .into_response()
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        match e {
            // The service's sentence is for the end user (an expired or invalid result).
            // Anything else (a 401: the operator key; a 5xx) is the operator's to fix.
            ServiceError::Refused { status, detail } if matches!(status, 400 | 409 | 422) => {
                tracing::warn!(status, detail, "the connectspec service refused a call");
                ApiError::new(StatusCode::BAD_REQUEST, "Refused by connectspec", detail)
            }
            other => {
                tracing::error!(error = %other, "the connectspec service failed");
                ApiError::new(
                    StatusCode::BAD_GATEWAY,
                    "connectspec unavailable",
                    "The account linking service is not available right now. Try again in a moment.",
                )
            }
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::new(
                StatusCode::NOT_FOUND,
                "Not found",
                "There is no such connection.",
            ),
            StoreError::SessionRedeemed => ApiError::new(
                StatusCode::CONFLICT,
                "Already used",
                "This link result was already used. Start linking again.",
            ),
            other => {
                tracing::error!(error = %other, "the store failed");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Storage failed",
                    "The connection could not be stored.",
                )
            }
        }
    }
}

/// Refuses a state-changing request that does not come from the hub's own pages.
fn same_origin(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let refused = || {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "Cross-origin request",
            "Requests must come from the hub's own pages.",
        )
    };
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    if origin != Some(state.config.public_origin.as_str()) {
        return Err(refused());
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && site != "same-origin"
    {
        return Err(refused());
    }
    Ok(())
}

fn signed_in(state: &AppState, headers: &HeaderMap) -> Result<String, ApiError> {
    state
        .cookies
        .user_from_headers(headers, now())
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "Not signed in", "Sign in again."))
}

#[derive(Deserialize)]
struct HomeQuery {
    linked: Option<String>,
    reconnected: Option<String>,
}

async fn home(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(q): Query<HomeQuery>,
) -> Result<Html<String>, ApiError> {
    let Some(user) = state.cookies.user_from_headers(&headers, now()) else {
        return Ok(Html(pages::login(None)));
    };
    let connections = state.store.list(&user)?;
    let find = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| connections.iter().find(|c| c.id == id))
    };
    let notice = match (find(&q.linked), find(&q.reconnected)) {
        (Some(c), _) => Some(Notice::Linked(c)),
        (None, Some(c)) => Some(Notice::Reconnected(c)),
        _ => None,
    };
    Ok(Html(pages::home(
        &user,
        state.config.service_url.as_str(),
        &state.config.offers,
        &connections,
        notice,
    )))
}

#[derive(Deserialize)]
struct LoginForm {
    user: String,
}

async fn login(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, ApiError> {
    same_origin(&state, &headers)?;
    let user = form.user.trim();
    if !valid_user_name(user) {
        return Ok((
            StatusCode::BAD_REQUEST,
            Html(pages::login(Some(
                "A user name is 1 to 64 letters, digits or . _ @ + -",
            ))),
        )
            .into_response());
    }
    let cookie = state.cookies.set_cookie(user, now());
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response())
}

async fn logout(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    same_origin(&state, &headers)?;
    Ok((
        [(header::SET_COOKIE, state.cookies.clear_cookie())],
        Redirect::to("/"),
    )
        .into_response())
}

#[derive(Deserialize)]
struct LinkRequest {
    provider: String,
    method: String,
}

/// A link session for the signed-in user and one offered provider and method.
async fn create_link_session(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Json(req): Json<LinkRequest>,
) -> Result<Response, ApiError> {
    same_origin(&state, &headers)?;
    let user = signed_in(&state, &headers)?;
    let offer = Offer {
        provider: req.provider,
        method: req.method,
    };
    if !state.config.offers.contains(&offer) {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "Not offered",
            "This hub does not offer that provider and method.",
        ));
    }
    session_answer(&state, user, offer, Default::default(), None).await
}

/// A link session that re-links connection `id`: the same provider and method, the
/// non-secret values pre-filled, and connectspec told which account it must be.
async fn reconnect_session(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    same_origin(&state, &headers)?;
    let user = signed_in(&state, &headers)?;
    let c = state.store.get(&id, &user)?.ok_or(StoreError::NotFound)?;
    let offer = Offer {
        provider: c.provider.clone(),
        method: c.method.clone(),
    };
    let reconnect = Reconnect {
        connection: c.id.clone(),
        provider: c.provider.clone(),
        method: c.method.clone(),
        identity: c.identity.clone(),
    };
    let values = prefill(&c.provider, &c.method, &c.values);
    session_answer(&state, user, offer, values, Some(reconnect)).await
}

/// What a reconnect pre-fills: the stored values of the method's non-secret form fields
/// (derived and captured values are not form fields, and a secret is never pre-filled).
fn prefill(
    provider: &str,
    method: &str,
    values: &serde_json::Map<String, Value>,
) -> BTreeMap<String, String> {
    let Some(meta) = connectspec_providers::method(provider, method) else {
        return BTreeMap::new();
    };
    meta.fields
        .iter()
        .filter(|f| !f.secret)
        .filter_map(|f| Some((f.key.to_owned(), values.get(f.key)?.as_str()?.to_owned())))
        .collect()
}

async fn session_answer(
    state: &AppState,
    user: String,
    offer: Offer,
    values: BTreeMap<String, String>,
    reconnect: Option<Reconnect>,
) -> Result<Response, ApiError> {
    let request = SessionRequest {
        end_user: user,
        offers: vec![offer.clone()],
        values,
        expires_in: state.config.session_ttl_secs,
        origin: state.config.public_origin.clone(),
        reconnect,
    };
    let answer = state.client.create_session(&request).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "session_token": answer.session_token,
            "url": answer.url,
            "expires_at": answer.expires_at,
            "provider": offer.provider,
            "method": offer.method,
        })),
    )
        .into_response())
}

#[derive(Deserialize)]
struct RedeemRequest {
    result: String,
}

/// Redeems the form's sealed result: exchanged with connectspec, checked against the
/// signed-in user and the compiled validator, sealed and stored (a new connection, or the
/// reconnected one updated).
async fn redeem(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Json(req): Json<RedeemRequest>,
) -> Result<Response, ApiError> {
    same_origin(&state, &headers)?;
    let user = signed_in(&state, &headers)?;
    let exchange = state.client.exchange(&req.result).await?;
    if exchange.end_user != user {
        tracing::warn!("a link result issued for another user was refused");
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "Another user's result",
            "This link result was issued for another user.",
        ));
    }
    let offer = Offer {
        provider: exchange.provider.clone(),
        method: exchange.method.clone(),
    };
    let reconnecting = match exchange.connection.as_deref() {
        Some(id) => {
            let c = state.store.get(id, &user)?.ok_or(StoreError::NotFound)?;
            if c.provider != offer.provider || c.method != offer.method {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    "Another method",
                    "This result links another provider or method than the connection.",
                ));
            }
            Some(c.id)
        }
        None if state.config.offers.contains(&offer) => None,
        None => {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "Not offered",
                "This hub does not offer that provider and method.",
            ));
        }
    };
    let credential = credentials::validate(&offer.provider, &offer.method, &exchange.fields)
        .map_err(|e| match e {
            CheckError::UnknownMethod => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Unknown method",
                "connectspec linked a method this hub does not know.",
            ),
            CheckError::Invalid(errors) => {
                let list: Vec<Value> = errors
                    .errors()
                    .iter()
                    .map(|e| json!({"field": e.field, "message": e.message}))
                    .collect();
                let mut err = ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "Invalid credentials",
                    errors.to_string(),
                );
                err.errors = Some(Value::Array(list));
                err
            }
        })?;
    let checked = credentials::checked(
        credential.as_ref(),
        &exchange.values,
        exchange.tokens.as_ref(),
    );
    drop(credential);
    let linked = Linked {
        user: &user,
        provider: &offer.provider,
        method: &offer.method,
        identity: exchange.identity.as_deref(),
        values: &checked.values,
        secret: &checked.secret,
        session: &exchange.session,
    };
    let now = now() as i64;
    let (id, status, redirect) = match reconnecting {
        Some(id) => {
            state.store.update(&id, &linked, now)?;
            let redirect = format!("/?reconnected={id}");
            (id, StatusCode::OK, redirect)
        }
        None => {
            let id = state.store.insert(&linked, now)?;
            let redirect = format!("/?linked={id}");
            (id, StatusCode::CREATED, redirect)
        }
    };
    tracing::info!(connection = %id, provider = %offer.provider, method = %offer.method, "connection stored");
    Ok((
        status,
        Json(json!({
            "id": id,
            "provider": offer.provider,
            "method": offer.method,
            "identity": exchange.identity,
            "redirect": redirect,
        })),
    )
        .into_response())
}
