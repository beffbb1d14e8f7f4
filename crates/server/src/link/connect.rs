//! `POST /v1/link/connect`: the link form's last step for a method with static
//! credentials. Validates the fields, runs the connection test (limited per session),
//! checks a reconnect links the same account, and answers a sealed result instead of
//! the credentials.

use std::collections::BTreeMap;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use connectspec_runtime::{CredentialExt as _, ExposeSecret as _};
use serde::{Deserialize, Serialize};

use super::result::{self, ResultClaims};
use super::session::Caller;
use crate::AppState;
use crate::body::{read_json, wipe};
use crate::extract::{checked, find_method};
use crate::i18n::{label, msg};
use crate::problem::Problem;
use crate::respond::json;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConnectBody {
    provider: String,
    method: String,
    fields: serde_json::Map<String, serde_json::Value>,
    /// The end user's own OAuth client (client-credentials methods that allow one).
    #[serde(default)]
    client: Option<serde_json::Map<String, serde_json::Value>>,
    /// The language of the answer (as the `lang` query parameter).
    #[serde(default)]
    lang: Option<String>,
}

impl Drop for ConnectBody {
    fn drop(&mut self) {
        self.fields.values_mut().for_each(wipe);
        if let Some(c) = &mut self.client {
            c.values_mut().for_each(wipe);
        }
    }
}

/// What a linked account gives the browser: the sealed result and the non-secret values
/// (the answer of `/v1/link/connect`, and of the OAuth callback).
#[derive(Serialize)]
pub(crate) struct Linked {
    pub(crate) ok: bool,
    pub(crate) provider: &'static str,
    pub(crate) method: &'static str,
    pub(crate) result: String,
    pub(crate) values: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) identity: Option<String>,
    pub(crate) expires_at: u64,
}

/// The problem of a reconnect that reached another account.
pub(crate) fn different_account(provider_name: &str) -> Problem {
    Problem::new(
        StatusCode::CONFLICT,
        "different-account",
        msg!("problem-different-account-detail", provider = provider_name),
    )
}

/// Whether a reconnect's identity check passes: a session that expects an identity
/// refuses another one (an answer without one cannot be told apart, and passes).
pub(crate) fn same_account(expected: Option<&str>, found: Option<&str>) -> bool {
    match (expected, found) {
        (Some(e), Some(f)) => e == f,
        _ => true,
    }
}

pub(crate) fn too_many() -> Problem {
    let mut p = Problem::new(
        StatusCode::TOO_MANY_REQUESTS,
        "too-many-tests",
        msg!(
            "problem-too-many-tests-detail",
            count = super::limit::TESTS_PER_MINUTE
        ),
    );
    p.retry_after = Some(60);
    p
}

/// What linking a client-credentials method gives: the token, the end user's client
/// when it is theirs, and the connection test's report.
pub(crate) struct ClientCredentialsLink {
    pub(crate) tokens: connectspec_runtime::TokenSet,
    pub(crate) client: Option<BTreeMap<String, String>>,
    pub(crate) report: Option<crate::connection_test::TestReport>,
}

/// Fetches a client-credentials token and runs the connection test with it: the OAuth
/// module's, handed in by the router so that this module does not depend on it.
pub(crate) type ClientCredentialsLinker = for<'a> fn(
    &'a AppState,
    &'static connectspec_runtime::MethodMeta,
    &'a dyn connectspec_runtime::Credential,
    Option<&'a serde_json::Map<String, serde_json::Value>>,
) -> std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<ClientCredentialsLink, Problem>> + Send + 'a>,
>;

/// Exchanges a token-exchange method's fields for a token and runs the connection test
/// with it: the exchange module's, handed in by the router.
pub(crate) type ExchangeLinker = for<'a> fn(
    &'a AppState,
    &'static connectspec_runtime::MethodMeta,
    &'a dyn connectspec_runtime::Credential,
) -> std::pin::Pin<
    Box<
        dyn std::future::Future<Output = Result<crate::connection_test::TestReport, Problem>>
            + Send
            + 'a,
    >,
>;

/// The linking steps of other modules, handed in by the router.
pub(crate) struct Linkers {
    /// OAuth client credentials.
    pub(crate) client_credentials: ClientCredentialsLinker,
    /// Token exchanges.
    pub(crate) exchange: ExchangeLinker,
}

/// `POST /v1/link/connect` (a link session, or anyone on a `--dev` service).
pub(crate) async fn connect(
    caller: Caller,
    state: AppState,
    req: axum::extract::Request,
    linkers: Linkers,
) -> Result<Response, Problem> {
    if matches!(caller, Caller::Operator) {
        return Err(Problem::bad_request(msg!(
            "problem-bad-request-connect-operator"
        )));
    }
    let body: ConnectBody = read_json(&state, req, msg!("shape-connect")).await?;
    if let Some(tag) = &body.lang {
        crate::i18n::scope::prefer(tag);
    }
    let m = find_method(&state, &body.provider, &body.method)?;
    caller.may_use(m)?;
    let names = |id: &'static str| msg!(id, provider = m.provider_name, method = label(m));
    if m.oauth
        .is_some_and(|o| o.grant == connectspec_runtime::GrantKind::AuthorizationCode)
    {
        return Err(Problem::bad_request(names(
            "problem-bad-request-connect-sign-in",
        )));
    }
    if m.oauth.is_none() && body.client.is_some() {
        return Err(Problem::bad_request(names("problem-bad-request-no-client")));
    }
    let creds = checked(&state, m, &body.fields)?;
    let session = caller.session();
    let sid = session.map_or("", |s| s.sid.as_str());
    let mut identity = None;
    let mut learned = None;
    let mut tokens = None;
    let mut client = None;
    // The integration's actions, against which the granted scopes are compared.
    let actions: Vec<&str> =
        session.map_or_else(Vec::new, |s| s.a.iter().map(String::as_str).collect());
    // What reaches the provider is limited per session; `--dev` (loopback only, an
    // author trying specs) is not.
    let reaches_provider = m.oauth.is_some() || m.exchange.is_some() || m.connection_test.is_some();
    if reaches_provider && session.is_some() && !state.test_limiter().allow(sid) {
        return Err(too_many());
    }
    if m.oauth.is_some() {
        // Client credentials: a token with the client, then the connection test.
        let linked =
            (linkers.client_credentials)(&state, m, creds.as_ref(), body.client.as_ref()).await?;
        drop(body);
        if let Some(mut report) = linked.report {
            if !report.ok {
                return Ok(json(StatusCode::OK, &report));
            }
            report.advise(m, &actions);
            learned = result::Learned::of(&report);
            identity = report.identity;
        }
        tokens = Some(result::Tokens::from(&linked.tokens));
        client = linked.client;
    } else if m.exchange.is_some() {
        // A token exchange: the fields are what the back end keeps (it fetches fresh
        // tokens with them); the exchange and the test prove they work.
        drop(body);
        let mut report = (linkers.exchange)(&state, m, creds.as_ref()).await?;
        if !report.ok {
            return Ok(json(StatusCode::OK, &report));
        }
        report.advise(m, &actions);
        learned = result::Learned::of(&report);
        identity = report.identity;
    } else if m.connection_test.is_some() {
        drop(body);
        let mut report = state.tester().run(m, creds.request_auth()).await?;
        if !report.ok {
            return Ok(json(StatusCode::OK, &report));
        }
        report.advise(m, &actions);
        learned = result::Learned::of(&report);
        identity = report.identity;
    }
    let rc = session.and_then(|s| s.rc.as_ref());
    if !same_account(rc.and_then(|r| r.i.as_deref()), identity.as_deref()) {
        tracing::info!(
            provider = m.provider_id,
            method = m.id,
            "reconnect refused: another account"
        );
        return Err(different_account(m.provider_name));
    }
    let fields: BTreeMap<String, String> = m
        .fields
        .iter()
        .filter_map(|f| Some((f.key.to_owned(), creds.expose_key(f.key)?.to_owned())))
        .collect();
    let values = creds.public_values();
    let claims = ResultClaims {
        sid: sid.to_owned(),
        u: session.map(|s| s.u.clone()).unwrap_or_default(),
        p: m.provider_id.to_owned(),
        m: m.id.to_owned(),
        f: fields,
        v: values.clone(),
        id: identity.clone(),
        rc: rc.map(|r| r.c.clone()),
        t: tokens,
        c: client,
        g: None,
        l: learned,
        exp: result::expiry(),
    };
    let sealed = result::seal(&state, &claims)?;
    tracing::info!(provider = m.provider_id, method = m.id, "account linked");
    let mut res = json(
        StatusCode::OK,
        &Linked {
            ok: true,
            provider: m.provider_id,
            method: m.id,
            result: sealed.expose_secret().to_owned(),
            values,
            identity,
            expires_at: claims.exp,
        },
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
