//! `GET /v1/oauth/callback`: the provider's redirect. Opens the sealed state, turns the
//! provider's error into the end user's sentence, exchanges the code and answers the
//! handoff.

use super::*;

fn bad_state() -> Problem {
    Problem::new(
        StatusCode::BAD_REQUEST,
        "oauth-bad-state",
        "Sign-in link not valid",
        "This sign-in link is not valid or has expired. Start linking the account again.",
    )
}

/// `GET /v1/oauth/callback`.
pub(crate) async fn callback(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, Problem> {
    let mut params: BTreeMap<String, SecretString> = BTreeMap::new();
    for (k, v) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        if matches!(k.as_ref(), "code" | "state" | "error" | "error_description") {
            params.insert(k.into_owned(), SecretString::from(v.into_owned()));
        }
    }
    let Some(sealed) = params.get("state") else {
        tracing::info!(problem = "missing", "oauth callback refused: state");
        return Err(bad_state());
    };
    let flow = match state.oauth().keys.open(sealed.expose_secret(), now()) {
        Ok(f) => f,
        Err(e) => {
            tracing::info!(problem = e.as_str(), "oauth callback refused: state");
            return Err(bad_state());
        }
    };
    let m = find_method(&flow.p, &flow.m).map_err(|_| bad_state())?;
    let o = oauth_of(m).map_err(|_| bad_state())?;
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
        return Err(Problem::bad_request(
            "the provider's redirect has neither `code` nor `error`",
        ));
    };
    if blank(code.expose_secret()) {
        return Err(Problem::bad_request(
            "the provider's redirect has an empty `code`",
        ));
    }
    let setup = setup_of(&state, m)?;
    let setup: &dyn Credential = &*setup;
    let user = |k: &str| flow.f.get(k).cloned();
    let values = Values::new(m, &user, setup, true);
    let (url, overridden) = endpoint(&state, m, o, Endpoint::Token, &values)?;
    let extra = OAuthMeta::params(o.token_params, &|k| values.get(k));
    let secret = client_secret(setup);
    let ex = exchange(&state, m, o, setup, &secret, overridden)?;
    let tokens = ex
        .code(&url, &flow.r, code, flow.verifier(), &extra)
        .await?;
    tracing::info!(
        provider = m.provider_id,
        method = m.id,
        "authorization completed"
    );
    Ok(handoff(m, public_of(m, &flow.f), tokens))
}

/// The problem of the provider's error redirect (RFC 6749 §4.1.2.1).
fn authorization_error(m: &MethodMeta, code: &str, description: Option<&str>) -> Problem {
    let name = m.provider_name;
    let (status, type_code, title, detail) = match code {
        "access_denied" => (
            StatusCode::BAD_REQUEST,
            "oauth-access-denied",
            "Access not granted",
            format!(
                "You did not allow access at {name}, so the account was not linked. To link it, start again and approve the request at {name}."
            ),
        ),
        "invalid_scope" => (
            StatusCode::BAD_REQUEST,
            "oauth-invalid-scope",
            "Permissions refused",
            format!(
                "{name} refused the permissions that were asked for, so the account was not linked."
            ),
        ),
        "login_required"
        | "consent_required"
        | "interaction_required"
        | "account_selection_required" => (
            StatusCode::BAD_REQUEST,
            "oauth-sign-in-required",
            "Sign-in not completed",
            format!(
                "The sign-in at {name} was not completed. Start linking the account again and finish signing in."
            ),
        ),
        "server_error" | "temporarily_unavailable" => (
            StatusCode::BAD_GATEWAY,
            "oauth-provider-unavailable",
            "Provider unavailable",
            format!("{name} could not complete the sign-in just now. Try again in a few minutes."),
        ),
        _ => (
            StatusCode::BAD_REQUEST,
            "oauth-authorization-error",
            "Sign-in failed",
            format!(
                "{name} did not complete the sign-in, so the account was not linked. Start linking it again."
            ),
        ),
    };
    let mut p = Problem::new(status, type_code, title, detail);
    p.provider_error = Some(Box::new(ProviderError {
        error: clean_code(code),
        error_description: description.map(clean_description),
    }));
    p
}
