//! Token exchanges (`kind: token_exchange`): the end user's fields are traded at the
//! provider's token endpoint for a short-lived access token, which the connection test
//! and the back end then use.
//!
//! ```text
//! POST /v1/providers/{provider}/methods/{method}/test   {"fields": {…}}  exchange, then the test
//! POST /v1/link/connect                                 {"provider", "method", "fields"}  the same, sealed
//! POST /v1/providers/{provider}/methods/{method}/token  {"fields": {…}}  operator key: a fresh token
//! ```
//!
//! One exchange is: the values ([`Values`]: the fields, derived values and key-file
//! members), the assertion signed first when the spec has one ([`assertion`], usable as
//! `{assertion}`), the request ([`request`]: https, allowed hosts, the outbound policy,
//! or the operator's `--oauth-origin` override) and its answer ([`answer`]: 64 KiB,
//! the service's timeout, classified). The token, the assertion and every value stay
//! wrapped or are wiped after use; none is logged or put into a problem.

pub mod assertion;

mod answer;
mod report;
mod request;
mod token;

pub(crate) use answer::{ExchangeError, Exchanged};
pub(crate) use report::{link, test};
pub(crate) use token::token;

use connectspec_runtime::{Credential, ExposeSecret as _, MethodMeta};

use crate::AppState;
use crate::oauth::values::Values;
use crate::problem::Problem;

/// The name of the signed assertion in the exchange's templates.
const ASSERTION: &str = "assertion";

/// The exchange of `m`, or 404 for a method of another kind.
pub(crate) fn exchange_of(
    m: &'static MethodMeta,
) -> Result<&'static connectspec_runtime::ExchangeMeta, Problem> {
    m.exchange.ok_or_else(|| {
        Problem::not_found(crate::i18n::msg!(
            "problem-not-found-exchange",
            provider = m.provider_name,
            method = crate::i18n::label(m)
        ))
    })
}

/// Runs the exchange of `m` with the end user's validated credentials.
pub(crate) async fn fetch(
    state: &AppState,
    m: &'static MethodMeta,
    creds: &dyn Credential,
) -> Result<Exchanged, ExchangeError> {
    let e = exchange_of(m)?;
    let mut values = Values::of_fields(m, creds);
    // The address first: nothing is signed for a request that cannot be sent.
    let (url, overridden) = request::target(state, m, e, &values).await?;
    if let Some(a) = &e.assertion {
        let jwt = assertion::sign(m, a, &values, crate::state::now())?;
        values.insert(ASSERTION, jwt.expose_secret().to_owned());
    }
    let client = state.tester().client(overridden);
    let req = request::build(client, m, e, &values, url)?;
    drop(values);
    let out = answer::send(m, e, client, req, state.tester().timeout()).await;
    if out.is_ok() {
        tracing::info!(provider = m.provider_id, method = m.id, "token exchanged");
    }
    out
}
