//! Whose OAuth client a request uses (the spec's `oauth.client`): the integrator's,
//! configured in the service, or the end user's own app, whose client id and secret
//! arrive with the request (`"client": {…}`) and are validated by the method's setup
//! tables like any form. An end user's client travels onward only sealed: in the flow's
//! ticket and state, and in the result the back end redeems.

use std::collections::BTreeMap;
use std::sync::Arc;

use connectspec_runtime::{
    ClientOwner, Credential, CredentialExt as _, MethodMeta, OAuthMeta, ValidationErrors,
};

use super::{Problem, names, not_configured};
use crate::AppState;
use crate::config::oauth::Setup;
use crate::i18n::{label, msg};

/// The client of a request: the setup credential, and the end user's values when the
/// client is theirs (to seal into the flow and the result).
pub(crate) struct Client {
    pub(crate) setup: Setup,
    pub(crate) values: Option<BTreeMap<String, String>>,
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Some(v) = &mut self.values {
            v.values_mut().for_each(zeroize::Zeroize::zeroize);
        }
    }
}

/// The 422 of an end user's client that does not validate: pointers into `/client`.
fn invalid_client(errors: &ValidationErrors, max: usize) -> Problem {
    let mut p = Problem::invalid_fields(errors, max);
    for e in &mut p.errors {
        if let Some(rest) = e.pointer.strip_prefix("/fields/") {
            e.pointer = format!("/client/{rest}");
        }
    }
    p
}

/// The client to use for `m`, given the request's `client` member (if any).
pub(crate) fn resolve(
    state: &AppState,
    m: &'static MethodMeta,
    o: &'static OAuthMeta,
    given: Option<&serde_json::Map<String, serde_json::Value>>,
) -> Result<Client, Problem> {
    match (o.client, given) {
        (ClientOwner::Dynamic, Some(_)) => Err(Problem::bad_request(names(
            m,
            "problem-bad-request-client-dynamic",
        ))),
        // The client is registered at `authorize` and travels sealed with the flow
        // (`registration`); the setup has no fields, so it is empty.
        (ClientOwner::Dynamic, None) => {
            let empty = serde_json::Map::new();
            let setup: Setup = Arc::from(
                o.setup
                    .validate(&empty)
                    .map_err(|e| invalid_client(&e, state.limits().max_errors))?,
            );
            Ok(Client {
                setup,
                values: None,
            })
        }
        (ClientOwner::Integrator, Some(_)) => Err(Problem::bad_request(names(
            m,
            "problem-bad-request-client-integrator",
        ))),
        (ClientOwner::EndUser, None) => Err(Problem::bad_request(msg!(
            "problem-bad-request-client-end-user",
            provider = m.provider_name,
            method = label(m),
            fields = o
                .setup
                .fields
                .iter()
                .map(|f| f.key)
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        (ClientOwner::Integrator | ClientOwner::Either, None) => {
            configured(state, m).map(|setup| Client {
                setup,
                values: None,
            })
        }
        (ClientOwner::EndUser | ClientOwner::Either, Some(given)) => {
            // The end user's own values: their errors in the request's language.
            let checked = crate::i18n::scope::with_lang(m.provider_id, |lang| {
                o.setup.validate_in(given, &lang)
            });
            let setup: Setup =
                Arc::from(checked.map_err(|e| invalid_client(&e, state.limits().max_errors))?);
            let cred: &dyn Credential = &*setup;
            let values = o
                .setup
                .fields
                .iter()
                .filter_map(|f| Some((f.key.to_owned(), cred.expose_key(f.key)?.to_owned())))
                .collect();
            Ok(Client {
                setup,
                values: Some(values),
            })
        }
    }
}

/// The end user's client again, from the values sealed into a flow.
pub(crate) fn reopen(
    state: &AppState,
    m: &'static MethodMeta,
    o: &'static OAuthMeta,
    sealed: Option<&BTreeMap<String, String>>,
) -> Result<Client, Problem> {
    match sealed {
        Some(v) => {
            let map: serde_json::Map<String, serde_json::Value> = v
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                .collect();
            let mut map = map;
            let out = resolve(state, m, o, Some(&map));
            map.values_mut().for_each(crate::body::wipe);
            out
        }
        None if o.client == ClientOwner::Dynamic => resolve(state, m, o, None),
        None => configured(state, m).map(|setup| Client {
            setup,
            values: None,
        }),
    }
}

/// The integrator's client configured for `m`, or 503.
pub(crate) fn configured(state: &AppState, m: &'static MethodMeta) -> Result<Setup, Problem> {
    let key = (m.provider_id.to_owned(), m.id.to_owned());
    state
        .oauth()
        .clients
        .get(&key)
        .cloned()
        .ok_or_else(|| not_configured(m, "client"))
}

/// The setup as a credential.
impl Client {
    pub(crate) fn credential(&self) -> &dyn Credential {
        &*self.setup
    }
}
