//! The connection test of a token-exchange method: the exchange first, then the spec's
//! test with `{access_token}` and the captured values. A refused exchange is the test's
//! outcome (`exchange_refused`: the token endpoint did not take the credentials); a
//! token endpoint that cannot be reached is the caller's problem (502/504), as for any
//! connection test.
//!
//! What the report learns (identity, scopes, expiry) comes from the test's answer only:
//! the exchanged token's own expiry is when that token ends, not when the credentials
//! do, and is never reported as the credentials'.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use connectspec_runtime::{Credential, CredentialExt as _, ExposeSecret as _, MethodMeta};

use super::{ExchangeError, fetch};
use crate::AppState;
use crate::connection_test::TestReport;
use crate::i18n::{label, msg};
use crate::problem::{Problem, ProviderError};

/// Exchanges, then runs the connection test; `actions` are the integration's, for the
/// scope advice.
pub(crate) async fn test(
    state: &AppState,
    m: &'static MethodMeta,
    creds: &dyn Credential,
    actions: &[&str],
) -> Result<TestReport, Problem> {
    let exchanged = match fetch(state, m, creds).await {
        Ok(x) => x,
        Err(ExchangeError::Refused {
            status,
            provider_error,
        }) => return Ok(refused(m, status, provider_error)),
        Err(ExchangeError::Problem(p)) => return Err(p),
    };
    if m.connection_test.is_none() {
        return Ok(exchanged_only(m));
    }
    let token = &exchanged.token;
    let captured: BTreeMap<&str, &str> = token
        .captured
        .iter()
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    let auth = m.request_auth(|k| {
        if k == "access_token" {
            return Some(token.access_token.expose_secret());
        }
        creds.expose_key(k).or_else(|| captured.get(k).copied())
    });
    let mut report = state.tester().run(m, auth).await?;
    report.advise(m, actions);
    Ok(report)
}

/// The report of a refused exchange.
fn refused(
    m: &'static MethodMeta,
    status: u16,
    provider_error: Option<ProviderError>,
) -> TestReport {
    let mut r = blank(m, status);
    r.outcome = "exchange_refused";
    r.message = msg!(
        "test-exchange-refused",
        provider = m.provider_name,
        method = label(m)
    )
    .text();
    r.provider_error = provider_error;
    r
}

/// The report of a method without a connection test: the token endpoint accepted the
/// credentials, which is all that is known.
fn exchanged_only(m: &'static MethodMeta) -> TestReport {
    let mut r = blank(m, 200);
    r.ok = true;
    r.outcome = "connected";
    r.message = msg!(
        "test-connected",
        provider = m.provider_name,
        method = label(m)
    )
    .text();
    r.note = Some(msg!("test-note-token-only").text().into());
    r
}

fn blank(m: &'static MethodMeta, status: u16) -> TestReport {
    TestReport {
        provider: m.provider_id,
        method: m.id,
        ok: false,
        outcome: "rejected",
        status,
        message: String::new(),
        missing_scopes: Vec::new(),
        note: None,
        failed_check: None,
        identity: None,
        granted_scopes: None,
        expires_at: None,
        excess_scopes: Vec::new(),
        least_privilege_scopes: None,
        warning: None,
        provider_error: None,
    }
}

/// The link form's connect for a token-exchange method, handed to `link::connect` by
/// the router (that module does not depend on this one).
pub(crate) fn link<'a>(
    state: &'a AppState,
    m: &'static MethodMeta,
    creds: &'a dyn Credential,
) -> Pin<Box<dyn Future<Output = Result<TestReport, Problem>> + Send + 'a>> {
    Box::pin(test(state, m, creds, &[]))
}
