//! The link form's last step for a client-credentials method (`POST /v1/link/connect`
//! routes here through `link::connect`): a token with the client, the end user's own app
//! or the integrator's, then the connection test with it.

use std::future::Future;
use std::pin::Pin;

use super::*;
use crate::link::connect::ClientCredentialsLink;

/// The link form's last step for a client-credentials method: a token with the client
/// (the end user's own app, or the integrator's), then the connection test with it.
pub(crate) fn link_client_credentials<'a>(
    state: &'a AppState,
    m: &'static MethodMeta,
    creds: &'a dyn Credential,
    given: Option<&'a serde_json::Map<String, serde_json::Value>>,
) -> Pin<Box<dyn Future<Output = Result<ClientCredentialsLink, Problem>> + Send + 'a>> {
    Box::pin(linked(state, m, creds, given))
}

async fn linked(
    state: &AppState,
    m: &'static MethodMeta,
    creds: &dyn Credential,
    given: Option<&serde_json::Map<String, serde_json::Value>>,
) -> Result<ClientCredentialsLink, Problem> {
    let o = oauth_of(m)?;
    let mut client = client::resolve(state, m, o, given)?;
    let setup = client.credential();
    let scopes = scopes_for(m, o, None)?;
    let user = |k: &str| creds.expose_key(k).map(str::to_owned);
    let values = Values::new(m, &user, setup, true);
    let (url, overridden) = endpoint(state, m, o, Endpoint::Token, &values)?;
    let extra = OAuthMeta::params(o.token_params, &|k| values.get(k));
    let secret = client_secret(setup);
    let ex = exchange(state, m, o, setup, &secret, overridden)?;
    let scope = (!scopes.is_empty()).then(|| scopes.join(o.scope_separator));
    let tokens = ex.client_credentials(&url, scope, &extra).await?;
    let report = match m.connection_test {
        Some(_) => {
            let auth = m.request_auth(|k| {
                if k == "access_token" {
                    return Some(tokens.access_token.expose_secret());
                }
                creds
                    .expose_key(k)
                    .or_else(|| tokens.captured.get(k).map(String::as_str))
            });
            Some(state.tester().run(m, auth).await?)
        }
        None => None,
    };
    Ok(ClientCredentialsLink {
        tokens,
        client: client.values.take(),
        report,
    })
}
