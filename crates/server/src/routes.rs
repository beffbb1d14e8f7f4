//! The HTTP endpoints.

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use connectspec_runtime::CredentialExt;
use serde::Serialize;

use crate::AppState;
use crate::body::{BodyTimeout, FieldsBody};
use crate::config::BODY_LIMIT;
use crate::connect_page;
use axum::extract::FromRequestParts;

use crate::extract::{Ids, Operator, checked, find_method, find_provider};
use crate::i18n::scope::localised;
use crate::i18n::{msg, spec_text};
use crate::link::session::Caller;
use crate::listing;
use crate::logging;
use crate::problem::Problem;
use crate::respond::json;
use std::borrow::Cow;

/// The service's router.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/v1/providers", get(list_providers))
        .route("/v1/providers/{provider}", get(show_provider))
        .route(
            "/v1/providers/{provider}/methods/{method}/schema",
            get(schema),
        )
        .route(
            "/v1/providers/{provider}/methods/{method}/validate",
            post(validate),
        )
        .route("/v1/providers/{provider}/methods/{method}/test", post(test))
        .route(
            "/v1/providers/{provider}/methods/{method}/scopes",
            get(least_privilege),
        )
        .route(
            "/v1/providers/{provider}/methods/{method}/authorize",
            post(crate::oauth::authorize),
        )
        .route(
            "/v1/providers/{provider}/methods/{method}/refresh",
            post(crate::oauth::refresh),
        )
        .route(
            "/v1/providers/{provider}/methods/{method}/token",
            post(token),
        )
        .route("/v1/oauth/start", get(crate::oauth::start))
        .route("/v1/oauth/callback", get(crate::oauth::callback))
        .route("/v1/link/sessions", post(crate::link::session::create))
        .route("/v1/link/session", get(crate::link::session::view))
        .route("/v1/link/connect", post(link_connect))
        .route("/v1/link/exchange", post(crate::link::result::exchange))
        .route("/link", get(crate::link::page::hosted))
        .route("/connect/{provider}/{method}", get(connect_page::page))
        .route("/connect/assets/link/{file}", get(connect_page::link_asset))
        .route(
            "/connect/assets/validators/{*path}",
            get(connect_page::validators_asset),
        )
        .route(
            "/connect/assets/locales/{tag}/{file}",
            get(connect_page::catalogue_asset),
        )
        .fallback(fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::language::choose,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            connect_page::cors,
        ))
        .layer(axum::Extension(BodyTimeout(state.limits().body_timeout)))
        .layer(axum::middleware::from_fn(logging::log_request))
        .with_state(state)
}

async fn healthz() -> Response {
    json(StatusCode::OK, &serde_json::json!({"status": "ok"}))
}

async fn list_providers(State(state): State<AppState>) -> Response {
    localised(json(
        StatusCode::OK,
        &listing::list(state.catalogue().providers()),
    ))
}

async fn show_provider(
    State(state): State<AppState>,
    Ids(provider): Ids<String>,
) -> Result<Response, Problem> {
    let p = find_provider(&state, &provider)?;
    Ok(localised(json(
        StatusCode::OK,
        &listing::detail(&state.catalogue(), p),
    )))
}

async fn schema(
    State(state): State<AppState>,
    Ids((provider, method)): Ids<(String, String)>,
) -> Result<Response, Problem> {
    let m = find_method(&state, &provider, &method)?;
    let mut res = m.json_schema.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/schema+json"),
    );
    Ok(res)
}

/// An action in the scopes answer.
#[derive(Serialize)]
struct ActionView {
    id: &'static str,
    label: Cow<'static, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Cow<'static, str>>,
    scopes: &'static [&'static str],
}

/// `GET …/scopes?actions=a,b`: the least-privilege scopes of those actions (the
/// runtime's one computation), the chosen actions, and every action the method has.
/// `actions` may also be repeated (`?actions=a&actions=b`); without it, no scope is
/// needed and `available` lists what can be asked for.
async fn least_privilege(
    State(state): State<AppState>,
    Ids((provider, method)): Ids<(String, String)>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<Response, Problem> {
    let m = find_method(&state, &provider, &method)?;
    let mut asked: Vec<String> = Vec::new();
    for (k, v) in form_urlencoded::parse(query.as_deref().unwrap_or("").as_bytes()) {
        if k == "actions" {
            asked.extend(
                v.split(',')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned),
            );
        }
    }
    asked.dedup();
    let ids: Vec<&str> = asked.iter().map(String::as_str).collect();
    let available: Vec<ActionView> = m
        .actions
        .iter()
        .map(|a| ActionView {
            id: a.id,
            label: spec_text(m, &format!("actions/{}/label", a.id), a.label),
            description: a
                .description
                .map(|d| spec_text(m, &format!("actions/{}/description", a.id), d)),
            scopes: a.scopes,
        })
        .collect();
    let scopes = m
        .least_privilege_scopes(&ids)
        .map_err(|unknown| crate::listing::unknown_actions(m, &unknown))?;
    let chosen: Vec<&str> = m
        .actions
        .iter()
        .map(|a| a.id)
        .filter(|a| ids.contains(a))
        .collect();
    let scopes: Vec<listing::ScopeView> = scopes
        .iter()
        .map(|&(id, label)| listing::ScopeView::of(m, id, label))
        .collect();
    Ok(localised(json(
        StatusCode::OK,
        &serde_json::json!({
            "provider": m.provider_id,
            "method": m.id,
            "actions": chosen,
            "scopes": scopes,
            "available": available,
        }),
    )))
}

/// A successful validation: the non-secret values after normalisation, and which
/// fields normalisation changed (keys only, so secret fields can be named).
#[derive(Serialize)]
struct Validation {
    provider: &'static str,
    method: &'static str,
    valid: bool,
    values: std::collections::BTreeMap<String, String>,
    normalized: Vec<&'static str>,
}

async fn validate(
    caller: Caller,
    State(state): State<AppState>,
    Ids((provider, method)): Ids<(String, String)>,
    body: FieldsBody,
) -> Result<Response, Problem> {
    let m = find_method(&state, &provider, &method)?;
    caller.may_use(m)?;
    let creds = checked(&state, m, body.fields())?;
    let body = Validation {
        provider: m.provider_id,
        method: m.id,
        valid: true,
        values: creds.public_values(),
        normalized: creds.normalized_fields(),
    };
    Ok(json(StatusCode::OK, &body))
}

async fn test(
    State(state): State<AppState>,
    Ids((provider, method)): Ids<(String, String)>,
    req: axum::extract::Request,
) -> Result<Response, Problem> {
    let m = find_method(&state, &provider, &method)?;
    let (mut parts, body) = req.into_parts();
    if m.oauth.is_some() {
        // An access token tested here was issued to the hub: only its back end sends one.
        if let Err(e) = Operator::from_request_parts(&mut parts, &state).await {
            return Ok(e.into_response());
        }
        let req = axum::extract::Request::from_parts(parts, body);
        return crate::oauth::test(state, m, req).await;
    }
    let caller = match Caller::from_request_parts(&mut parts, &state).await {
        Ok(c) => c,
        Err(res) => return Ok(res),
    };
    let req = axum::extract::Request::from_parts(parts, body);
    caller.may_use(m)?;
    let body =
        <FieldsBody as axum::extract::FromRequest<AppState>>::from_request(req, &state).await?;
    if m.connection_test.is_none() && m.exchange.is_none() {
        return Err(crate::connection_test::no_test(m));
    }
    let creds = checked(&state, m, body.fields())?;
    // The integration's actions: named in the request, else the session's.
    let actions: Vec<String> = if body.actions().is_empty() {
        caller.session().map_or_else(Vec::new, |s| s.a.clone())
    } else {
        let named: Vec<&str> = body.actions().iter().map(String::as_str).collect();
        if let Err(unknown) = m.least_privilege_scopes(&named) {
            return Err(crate::listing::unknown_actions(m, &unknown));
        }
        body.actions().to_vec()
    };
    drop(body);
    // A browser's tests are limited per session: a session is no oracle for checking
    // stolen keys at speed.
    if let Some(s) = caller.session()
        && !state.test_limiter().allow(&s.sid)
    {
        return Err(crate::link::connect::too_many());
    }
    let actions: Vec<&str> = actions.iter().map(String::as_str).collect();
    // A token exchange's test trades the fields for a token first.
    let report = if m.exchange.is_some() {
        crate::exchange::test(&state, m, creds.as_ref(), &actions).await?
    } else {
        let mut report = state.tester().run(m, creds.request_auth()).await?;
        report.advise(m, &actions);
        report
    };
    Ok(localised(json(StatusCode::OK, &report)))
}

/// `POST …/token` (operator key): a token-exchange method's fresh token, or an OAuth
/// method's client-credentials token.
async fn token(
    operator: Operator,
    State(state): State<AppState>,
    Ids((provider, method)): Ids<(String, String)>,
    req: axum::extract::Request,
) -> Result<Response, Problem> {
    let m = find_method(&state, &provider, &method)?;
    if m.exchange.is_some() {
        return crate::exchange::token(state, m, req).await;
    }
    crate::oauth::token(operator, State(state), Ids((provider, method)), req).await
}

/// `POST /v1/link/connect`, with the OAuth module's client-credentials linking and the
/// exchange module's token exchange.
async fn link_connect(
    caller: Caller,
    State(state): State<AppState>,
    req: axum::extract::Request,
) -> Result<Response, Problem> {
    let linkers = crate::link::connect::Linkers {
        client_credentials: crate::oauth::link_client_credentials,
        exchange: crate::exchange::link,
    };
    crate::link::connect::connect(caller, state, req, linkers).await
}

async fn fallback() -> Problem {
    Problem::not_found(msg!("problem-not-found-endpoint"))
}

async fn method_not_allowed() -> Problem {
    Problem::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        msg!("problem-method-not-allowed-detail"),
    )
}
