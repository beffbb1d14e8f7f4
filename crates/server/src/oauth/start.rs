//! `GET /v1/oauth/start?ticket=…`: the first page of an OAuth flow in the end user's
//! browser (the form's popup, or the whole page in redirect mode). It binds the flow to
//! that browser, then sends it to the provider.
//!
//! The binding is a random secret in an HttpOnly, Secure, SameSite=Lax cookie on the
//! service's origin; the state sent to the provider carries only its SHA-256. The
//! callback opens the state and wants the cookie that matches it, so an intercepted
//! callback URL (code and state) replayed from anywhere else yields nothing, and the
//! PKCE verifier never travels in a redirect: it stays sealed in the state, which only
//! this service opens.

use axum::http::HeaderName;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use oauth2::PkceCodeVerifier;

use super::*;
use crate::state::StateError;

/// The cookie of the flow whose nonce is `n`: one per flow, so two flows in one browser
/// do not overwrite each other's binding.
pub(crate) fn cookie_name(n: &str) -> String {
    let short: String = n.chars().take(12).collect();
    format!("__Host-connectspec-flow-{short}")
}

/// SHA-256 of a binding secret, base64url.
pub(crate) fn binding_digest(secret: &str) -> String {
    URL_SAFE_NO_PAD.encode(ring::digest::digest(
        &ring::digest::SHA256,
        secret.as_bytes(),
    ))
}

/// `GET /v1/oauth/start?ticket=…[&mode=redirect]`.
pub(crate) async fn start(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, Response> {
    let mut ticket = None;
    let mut redirect = false;
    for (k, v) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match k.as_ref() {
            "ticket" => ticket = Some(SecretString::from(v.into_owned())),
            "mode" => redirect = v == "redirect",
            _ => {}
        }
    }
    let page = |p: Problem| callback::page_problem(&state, None, p);
    let Some(ticket) = ticket else {
        return Err(page(callback::bad_state()));
    };
    let mut flow: FlowState = state
        .oauth()
        .keys
        .open_as(Purpose::Ticket, ticket.expose_secret(), now())
        .map_err(|e: StateError| {
            tracing::info!(problem = e.as_str(), "oauth start refused: ticket");
            page(callback::bad_state())
        })?;
    // The popup speaks the language the flow was started in.
    if let Some(tag) = &flow.l {
        crate::i18n::scope::prefer(tag);
    }
    let m = find_method(&state, &flow.p, &flow.m).map_err(|_| page(callback::bad_state()))?;
    let o = oauth_of(m).map_err(|_| page(callback::bad_state()))?;
    let secret = StateKeys::random(32);
    flow.b = Some(binding_digest(&secret));
    flow.redirect = redirect;
    let built = authorization_url(&state, m, o, &flow);
    let url = built.map_err(|p| callback::page_problem(&state, Some(&flow), p))?;
    let ttl = flow.exp.saturating_sub(now());
    let cookie = format!(
        "{}={secret}; Path=/; Max-Age={ttl}; HttpOnly; Secure; SameSite=Lax",
        cookie_name(&flow.n)
    );
    let mut res = StatusCode::SEE_OTHER.into_response();
    let h = res.headers_mut();
    h.insert(
        header::LOCATION,
        HeaderValue::from_str(&url)
            .map_err(|_| page(internal(msg!("problem-internal-authorization-url"))))?,
    );
    h.insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).expect("cookie text is header-safe"),
    );
    tracing::info!(
        provider = m.provider_id,
        method = m.id,
        redirect,
        "sign-in started"
    );
    Ok(no_store(res))
}

/// The provider's authorization URL for a bound flow, with the state sealed in.
fn authorization_url(
    state: &AppState,
    m: &'static MethodMeta,
    o: &'static OAuthMeta,
    flow: &FlowState,
) -> Result<String, Problem> {
    let client = super::client::reopen(state, m, o, flow.c.as_ref())?;
    let setup = client.credential();
    let user = |k: &str| flow.f.get(k).cloned();
    let values = Values::new(m, &user, setup, false);
    let url = match &flow.g {
        Some(g) => super::registration::authorization_target(state, m, g)?,
        None => endpoint(state, m, o, Endpoint::Authorization, &values)?.0,
    };
    let sealed = state.oauth().keys.seal(flow).map_err(|e| match e {
        SealError::TooLong => Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "values-too-long",
            msg!("problem-values-too-long-flow"),
        ),
        SealError::Unsealable => internal(msg!("problem-internal-unsealable", what = "state")),
    })?;
    let redirect =
        Url::parse(&flow.r).map_err(|_| internal(msg!("problem-internal-redirect-uri")))?;
    let id = match &flow.g {
        Some(g) => super::registration::client_of(m, g, setup)?.0,
        None => client_id(m, setup)?,
    };
    let client = oauth2::basic::BasicClient::new(ClientId::new(id.to_owned()))
        .set_auth_uri(AuthUrl::from_url(url))
        .set_redirect_uri(RedirectUrl::from_url(redirect));
    let sealed_text = sealed.expose_secret().to_owned();
    let mut request = client.authorize_url(move || CsrfToken::new(sealed_text));
    if !flow.s.is_empty() {
        request = request.add_scope(Scope::new(flow.s.join(o.scope_separator)));
    }
    if let Some(v) = &flow.v {
        let verifier = PkceCodeVerifier::new(v.clone());
        request =
            request.set_pkce_challenge(PkceCodeChallenge::from_code_verifier_sha256(&verifier));
    }
    for (k, v) in OAuthMeta::params(o.authorization_params, &|k| values.get(k)) {
        request = request.add_extra_param(k, v);
    }
    if let Some(g) = &flow.g {
        // RFC 8707: the token is for this resource only.
        request = request.add_extra_param("resource", g.resource.clone());
    }
    let (url, _) = request.url();
    Ok(url.into())
}

/// Headers of the pages the flow shows in the browser.
pub(crate) fn page_headers(res: &mut Response) {
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; base-uri 'none'; \
             form-action 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        HeaderName::from_static("x-frame-options"),
        HeaderValue::from_static("DENY"),
    );
}
