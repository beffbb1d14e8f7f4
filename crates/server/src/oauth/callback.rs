//! `GET /v1/oauth/callback`: the provider's redirect. Opens the sealed state, wants the
//! flow's binding cookie ([`super::start`]) and spends the state, turns the provider's
//! error into the end user's sentence, exchanges the code, runs the connection test
//! (which names the account, for a reconnect) and answers a sealed result: to the form
//! that opened the popup, by redirect in redirect mode, or as JSON to a back end. The
//! tokens themselves are only ever answered by `POST /v1/link/exchange`.

use super::*;

pub(crate) fn bad_state() -> Problem {
    Problem::new(
        StatusCode::BAD_REQUEST,
        "oauth-bad-state",
        msg!("problem-oauth-bad-state-detail"),
    )
}

/// A callback whose state opens but whose browser does not hold the flow's binding
/// cookie: replayed from elsewhere, or a second time.
fn unbound() -> Problem {
    Problem::new(
        StatusCode::BAD_REQUEST,
        "oauth-unbound",
        msg!("problem-oauth-unbound-detail"),
    )
}

use crate::i18n::{current, msg};
use crate::link::connect::Linked;

/// Whether the caller wants JSON (a back end, a test) rather than the page a popup shows.
fn wants_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json") && !v.contains("text/html"))
}

/// `GET /v1/oauth/callback`.
pub(crate) async fn callback(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: axum::http::HeaderMap,
) -> Response {
    let json_wanted = wants_json(&headers);
    let mut params: BTreeMap<String, SecretString> = BTreeMap::new();
    let query = query.unwrap_or_default();
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if matches!(k.as_ref(), "code" | "state" | "error" | "error_description") {
            params.insert(k.into_owned(), SecretString::from(v.into_owned()));
        }
    }
    let Some(sealed) = params.get("state") else {
        tracing::info!(problem = "missing", "oauth callback refused: state");
        return answer(&state, None, json_wanted, Err(bad_state()));
    };
    let flow = match state.oauth().keys.open(sealed.expose_secret(), now()) {
        Ok(f) => f,
        Err(e) => {
            tracing::info!(problem = e.as_str(), "oauth callback refused: state");
            return answer(&state, None, json_wanted, Err(bad_state()));
        }
    };
    // The page speaks the language the flow was started in.
    if let Some(tag) = &flow.l {
        crate::i18n::scope::prefer(tag);
    }
    let outcome = complete(&state, &flow, &headers, &mut params, &query).await;
    let mut res = answer(&state, Some(&flow), json_wanted, outcome);
    // The binding is spent whatever happened: a state is good for one flow.
    let clear = format!(
        "{}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax",
        super::start::cookie_name(&flow.n)
    );
    res.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_str(&clear).expect("cookie text is header-safe"),
    );
    res
}

/// The binding cookie of `flow` in `headers`, if any.
fn binding_cookie(headers: &axum::http::HeaderMap, flow: &FlowState) -> Option<SecretString> {
    let name = super::start::cookie_name(&flow.n);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| SecretString::from(v.to_owned()))
}

/// Checks the binding, exchanges the code and seals the result.
async fn complete(
    state: &AppState,
    flow: &FlowState,
    headers: &axum::http::HeaderMap,
    params: &mut BTreeMap<String, SecretString>,
    query: &str,
) -> Result<Linked, Problem> {
    let m = find_method(state, &flow.p, &flow.m).map_err(|_| bad_state())?;
    let o = oauth_of(m).map_err(|_| bad_state())?;
    let bound = match (binding_cookie(headers, flow), &flow.b) {
        (Some(secret), Some(digest)) => {
            let found = super::start::binding_digest(secret.expose_secret());
            subtle::ConstantTimeEq::ct_eq(found.as_bytes(), digest.as_bytes()).into()
        }
        _ => false,
    };
    if !bound {
        tracing::info!(
            provider = m.provider_id,
            method = m.id,
            "oauth callback refused: no binding"
        );
        return Err(unbound());
    }
    if !state.spend_state(&flow.n, flow.exp) {
        tracing::info!(
            provider = m.provider_id,
            method = m.id,
            "oauth callback refused: state used"
        );
        return Err(unbound());
    }
    if let Some(error) = params.get("error") {
        let code = error.expose_secret();
        let description = params.get("error_description").map(|d| d.expose_secret());
        // As a string: text logs quote and escape it (a space or `=` in the provider's
        // text cannot make another field); `%` would print it as it is.
        tracing::info!(
            provider = m.provider_id,
            method = m.id,
            error = clean_code(code).as_str(),
            "authorization refused at the provider"
        );
        return Err(authorization_error(m, code, description));
    }
    let Some(code) = params.remove("code") else {
        return Err(Problem::bad_request(msg!(
            "problem-bad-request-redirect-no-code"
        )));
    };
    if blank(code.expose_secret()) {
        return Err(Problem::bad_request(msg!(
            "problem-bad-request-redirect-empty-code"
        )));
    }
    let client = super::client::reopen(state, m, o, flow.c.as_ref())?;
    let setup = client.credential();
    let user = |k: &str| flow.f.get(k).cloned();
    let values = Values::new(m, &user, setup, true);
    let mut extra = OAuthMeta::params(o.token_params, &|k| values.get(k));
    let mut tokens = match &flow.g {
        // Found by discovery: the registration's token endpoint and client, checked
        // again, and the resource the tokens are for (RFC 8707).
        Some(g) => {
            let (url, overridden) = super::registration::token_target(state, m, g).await?;
            let (id, secret) = super::registration::client_of(m, g, setup)?;
            extra.push(("resource", g.resource.clone()));
            let ex = super::registration::exchange(state, m, o, id, &secret, overridden);
            ex.code(&url, &flow.r, code, flow.verifier(), &extra)
                .await?
        }
        None => {
            let (url, overridden) = endpoint(state, m, o, Endpoint::Token, &values)?;
            let secret = client_secret(setup);
            let ex = exchange(state, m, o, setup, &secret, overridden)?;
            ex.code(&url, &flow.r, code, flow.verifier(), &extra)
                .await?
        }
    };
    // Values the provider hands back in its redirect (an account id, a shop): each
    // checked by its capture's pattern, like the token response's.
    let redirect: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| o.captures.iter().any(|c| c.from == k.as_ref()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let from_redirect = o
        .read_callback(&|k| {
            redirect
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.as_str())
        })
        .map_err(|_| {
            Problem::new(
                StatusCode::BAD_GATEWAY,
                "provider-bad-answer",
                msg!(
                    "problem-provider-bad-answer-redirect",
                    provider = m.provider_name
                ),
            )
        })?;
    tokens.captured.extend(from_redirect);
    // The connection test proves the token works and names the account.
    let mut identity = None;
    let mut learned = None;
    if m.connection_test.is_some() {
        let auth = m.request_auth(|k| {
            if k == "access_token" {
                return Some(tokens.access_token.expose_secret());
            }
            flow.f
                .get(k)
                .map(String::as_str)
                .or_else(|| tokens.captured.get(k).map(String::as_str))
        });
        let report = state.tester().run(m, auth).await?;
        if !report.ok {
            return Err(Problem::new(
                StatusCode::BAD_GATEWAY,
                "connection-test-failed",
                msg!(
                    "problem-connection-test-failed-detail",
                    message = report.message
                ),
            ));
        }
        learned = crate::link::result::Learned::of(&report);
        identity = report.identity;
    }
    let expected = flow.rc.as_ref().and_then(|r| r.i.as_deref());
    if !crate::link::connect::same_account(expected, identity.as_deref()) {
        tracing::info!(
            provider = m.provider_id,
            method = m.id,
            "reconnect refused: another account"
        );
        return Err(crate::link::connect::different_account(m.provider_name));
    }
    let mut public = public_of(m, &flow.f);
    for (k, v) in &tokens.captured {
        public.insert((*k).to_owned(), v.clone());
    }
    let claims = crate::link::result::ResultClaims {
        sid: flow.sid.clone().unwrap_or_default(),
        u: flow.u.clone().unwrap_or_default(),
        p: m.provider_id.to_owned(),
        m: m.id.to_owned(),
        f: flow.f.clone(),
        v: public.clone(),
        id: identity.clone(),
        rc: flow.rc.as_ref().map(|r| r.c.clone()),
        t: Some((&tokens).into()),
        c: flow.c.clone(),
        g: match &flow.g {
            Some(g) => Some(super::registration::sealed_for_result(state, g)?),
            None => None,
        },
        l: learned,
        exp: crate::link::result::expiry(),
    };
    let sealed = crate::link::result::seal(state, &claims)?;
    tracing::info!(
        provider = m.provider_id,
        method = m.id,
        "authorization completed"
    );
    Ok(Linked {
        ok: true,
        provider: m.provider_id,
        method: m.id,
        result: sealed.expose_secret().to_owned(),
        values: public,
        identity,
        expires_at: claims.exp,
    })
}

/// The answer of the callback: JSON for a back end, a redirect in redirect mode, else
/// the page that hands the outcome to the form that opened the popup.
fn answer(
    state: &AppState,
    flow: Option<&FlowState>,
    json_wanted: bool,
    outcome: Result<Linked, Problem>,
) -> Response {
    if json_wanted {
        return match outcome {
            Ok(linked) => no_store(json(StatusCode::OK, &linked)),
            Err(p) => no_store(p.into_response()),
        };
    }
    match outcome {
        Ok(linked) => {
            if let Some(f) = flow.filter(|f| f.redirect) {
                let base = f.ret.clone().unwrap_or_else(|| {
                    format!("{}/link", state.public_origin().unwrap_or_default())
                });
                let target = format!(
                    "{base}#connectspec_result={}&provider={}&method={}",
                    linked.result, linked.provider, linked.method
                );
                let mut res = StatusCode::SEE_OTHER.into_response();
                if let Ok(v) = HeaderValue::from_str(&target) {
                    res.headers_mut().insert(header::LOCATION, v);
                }
                return no_store(res);
            }
            let data = serde_json::json!({
                "type": "connectspec:oauth",
                "targets": targets(state, flow),
                "ok": true,
                "provider": linked.provider,
                "method": linked.method,
                "result": linked.result,
                "values": linked.values,
                "identity": linked.identity,
            });
            let title = msg!("page-oauth-linked-title").text();
            let text = msg!("page-oauth-linked").text();
            page(&title, &text, &data)
        }
        Err(p) => page_problem(state, flow, p),
    }
}

/// The page of a problem in the browser: its sentence, handed to the opener.
pub(crate) fn page_problem(state: &AppState, flow: Option<&FlowState>, p: Problem) -> Response {
    let locale = current();
    let (title, detail) = (p.title(locale), p.detail(locale));
    let data = serde_json::json!({
        "type": "connectspec:oauth",
        "targets": targets(state, flow),
        "ok": false,
        "code": p.code(),
        "title": title,
        "detail": detail,
    });
    let mut res = page(&title, &detail, &data);
    *res.status_mut() = p.status_code();
    res
}

/// The origins the popup's page may post to: the service's own (its link page) and the
/// session's (a hub page that holds the element itself).
fn targets(state: &AppState, flow: Option<&FlowState>) -> Vec<String> {
    let mut out: Vec<String> = state.public_origin().into_iter().collect();
    if let Some(o) = flow.and_then(|f| f.org.clone())
        && !out.contains(&o)
    {
        out.push(o);
    }
    out
}

/// An HTML page with `data` in a JSON data block, read by `oauth-done.js`.
fn page(title: &str, text: &str, data: &serde_json::Value) -> Response {
    let esc = crate::connect_page::escape;
    // `<` escaped, so the data cannot end its own block.
    let data = data.to_string().replace('<', "\\u003c");
    let locale = current();
    let html = format!(
        "<!doctype html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<title>{title}</title>\n\
         <link rel=\"stylesheet\" href=\"/connect/assets/link/page.css\">\n\
         <script type=\"application/json\" id=\"connectspec-oauth\">{data}</script>\n\
         <script type=\"module\" src=\"/connect/assets/link/oauth-done.js\"></script>\n\
         </head>\n<body>\n<main>\n<h1>{title}</h1>\n<p role=\"status\">{text}</p>\n</main>\n</body>\n</html>\n",
        title = esc(title),
        text = esc(text),
        lang = locale.tag(),
        dir = locale.dir(),
    );
    let mut res = crate::i18n::scope::localised((StatusCode::OK, html).into_response());
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    super::start::page_headers(&mut res);
    no_store(res)
}

/// The problem of the provider's error redirect (RFC 6749 §4.1.2.1).
fn authorization_error(m: &MethodMeta, code: &str, description: Option<&str>) -> Problem {
    let name = m.provider_name;
    let (status, type_code, detail) = match code {
        "access_denied" => (
            StatusCode::BAD_REQUEST,
            "oauth-access-denied",
            "problem-oauth-access-denied-detail",
        ),
        "invalid_scope" => (
            StatusCode::BAD_REQUEST,
            "oauth-invalid-scope",
            "problem-oauth-invalid-scope-detail",
        ),
        "login_required"
        | "consent_required"
        | "interaction_required"
        | "account_selection_required" => (
            StatusCode::BAD_REQUEST,
            "oauth-sign-in-required",
            "problem-oauth-sign-in-required-detail",
        ),
        "server_error" | "temporarily_unavailable" => (
            StatusCode::BAD_GATEWAY,
            "oauth-provider-unavailable",
            "problem-oauth-provider-unavailable-detail",
        ),
        _ => (
            StatusCode::BAD_REQUEST,
            "oauth-authorization-error",
            "problem-oauth-authorization-error-detail",
        ),
    };
    let mut p = Problem::new(status, type_code, msg!(detail, provider = name));
    p.provider_error = Some(Box::new(ProviderError {
        error: clean_code(code),
        error_description: description.map(clean_description),
    }));
    p
}
