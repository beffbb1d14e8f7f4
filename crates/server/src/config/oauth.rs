//! OAuth configuration: the keys that seal `state`, the redirect URI, the client
//! credentials of each OAuth method (its setup fields), and endpoint overrides for
//! staging and tests.
//!
//! Client credentials come from a JSON file (`--oauth-clients FILE`:
//! `{"provider": {"method": {"client_id": "…", "client_secret": "…"}}}`) or from the
//! environment (`CONNECTSPEC_OAUTH_<PROVIDER>_<METHOD>_<FIELD>`, looked up only for
//! the setup fields the specs declare). They are validated with the generated setup
//! tables at start; a mistake names the field, never the value.

use crate::catalogue::Catalogue;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use connectspec_runtime::Credential;
use url::Url;

use crate::config::ConfigError;
use crate::state::{DEFAULT_STATE_TTL, StateKey, StateKeys};

/// Prefix of the variables holding setup values.
pub const CLIENT_ENV_PREFIX: &str = "CONNECTSPEC_OAUTH_";

/// The OAuth settings of `connectspec serve` (the CLI reads them from its flags).
#[derive(Debug, Clone)]
pub struct OAuthArgs {
    /// The keys that seal OAuth `state`: base64url of 32 random bytes each, comma
    /// separated; the first seals, all open (rotation: put the new key first, drop the
    /// old one after the state lifetime).
    pub oauth_state_keys: Option<String>,

    /// A file with the state keys, one per line (same order rule); read at start.
    pub oauth_state_key_file: Option<std::path::PathBuf>,

    /// The redirect URI registered with the providers: this service's
    /// `/v1/oauth/callback` as the browser reaches it.
    pub oauth_redirect_uri: Option<String>,

    /// A JSON file of client credentials by provider and method.
    pub oauth_clients: Option<std::path::PathBuf>,

    /// Sends a provider's OAuth endpoints to another origin, keeping their paths
    /// (staging, tests): `PROVIDER=URL`, repeatable.
    pub oauth_origin: Vec<String>,

    /// Lifetime of a `state`, in seconds.
    pub oauth_state_ttl_secs: u64,
}

impl Default for OAuthArgs {
    fn default() -> Self {
        OAuthArgs {
            oauth_state_keys: None,
            oauth_state_key_file: None,
            oauth_redirect_uri: None,
            oauth_clients: None,
            oauth_origin: Vec::new(),
            oauth_state_ttl_secs: DEFAULT_STATE_TTL.as_secs(),
        }
    }
}

/// The validated setup of one method: the typed setup struct (secrets wrapped).
pub type Setup = Arc<dyn Credential>;

/// The resolved OAuth configuration.
#[derive(Debug, Clone, Default)]
pub struct OAuthConfig {
    /// The sealing keys.
    pub keys: Arc<StateKeys>,
    /// The redirect URI.
    pub redirect_uri: Option<Url>,
    /// Validated setup by (provider, method).
    pub clients: BTreeMap<(String, String), Setup>,
    /// Endpoint origin overrides by provider.
    pub origins: BTreeMap<String, Url>,
    /// State lifetime.
    pub state_ttl: Duration,
}

impl OAuthConfig {
    /// Resolves the flags and the environment.
    pub fn from_args_and_env(
        catalogue: &Catalogue,
        args: &OAuthArgs,
        env: &BTreeMap<String, String>,
    ) -> Result<OAuthConfig, ConfigError> {
        let mut key_texts: Vec<String> = Vec::new();
        if let Some(k) = &args.oauth_state_keys {
            key_texts.extend(k.split(',').map(str::to_owned));
        }
        if let Some(path) = &args.oauth_state_key_file {
            let text = std::fs::read_to_string(path)
                .map_err(|e| unreadable("--oauth-state-key-file", &e))?;
            key_texts.extend(text.lines().map(str::to_owned));
        }
        let mut keys = Vec::new();
        for (i, t) in key_texts
            .iter()
            .filter(|t| !t.trim().is_empty())
            .enumerate()
        {
            keys.push(StateKey::from_text(t).ok_or_else(|| {
                ConfigError(format!(
                    "OAuth state key {} is not base64url of 32 bytes (make one with `openssl rand 32 | basenc --base64url`)",
                    i + 1
                ))
            })?);
        }
        let redirect_uri = match &args.oauth_redirect_uri {
            Some(r) => {
                let u = Url::parse(r.trim()).map_err(|_| {
                    ConfigError("--oauth-redirect-uri is not an absolute URL".into())
                })?;
                if !matches!(u.scheme(), "http" | "https") || u.fragment().is_some() {
                    return Err(ConfigError(
                        "--oauth-redirect-uri must be an http(s) URL without a fragment".into(),
                    ));
                }
                Some(u)
            }
            None => None,
        };
        let mut origins = BTreeMap::new();
        for item in &args.oauth_origin {
            let Some((id, value)) = item.split_once('=') else {
                return Err(ConfigError(
                    "an --oauth-origin value has no `=`: it must be PROVIDER=URL (the value is not shown, in case it is a secret)".into(),
                ));
            };
            let id = id.trim();
            if catalogue.provider(id).is_none() {
                return Err(ConfigError(format!(
                    "--oauth-origin: {} is not a provider id",
                    crate::config::shown_id(id)
                )));
            }
            let u = Url::parse(value.trim())
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
                .ok_or_else(|| {
                    ConfigError(format!(
                        "--oauth-origin: the origin of `{id}` is not an http(s) URL"
                    ))
                })?;
            origins.insert(id.to_owned(), u);
        }
        let mut raw: BTreeMap<(String, String), BTreeMap<String, String>> = BTreeMap::new();
        if let Some(path) = &args.oauth_clients {
            let text =
                std::fs::read_to_string(path).map_err(|e| unreadable("--oauth-clients", &e))?;
            let parsed: BTreeMap<String, BTreeMap<String, BTreeMap<String, String>>> =
                serde_json::from_str(&text).map_err(|_| {
                    ConfigError(
                        "--oauth-clients: expected {\"provider\": {\"method\": {\"client_id\": \"…\", …}}}"
                            .into(),
                    )
                })?;
            for (p, methods) in parsed {
                for (m, values) in methods {
                    raw.insert((p.clone(), m), values);
                }
            }
        }
        // The environment, for the setup fields the specs declare.
        for p in catalogue.providers() {
            for m in p.methods {
                let Some(o) = m.oauth else { continue };
                for f in o.setup.fields {
                    let name = format!(
                        "{CLIENT_ENV_PREFIX}{}_{}_{}",
                        p.id.to_ascii_uppercase(),
                        m.id.to_ascii_uppercase(),
                        f.key.to_ascii_uppercase()
                    );
                    if let Some(v) = env.get(&name) {
                        raw.entry((p.id.to_owned(), m.id.to_owned()))
                            .or_default()
                            .insert(f.key.to_owned(), v.clone());
                    }
                }
            }
        }
        let mut clients = BTreeMap::new();
        for ((p, m), mut values) in raw {
            let setup = check_setup(catalogue, &p, &m, &values);
            for v in values.values_mut() {
                zeroize::Zeroize::zeroize(v);
            }
            clients.insert((p, m), setup?);
        }
        if args.oauth_state_ttl_secs == 0 || args.oauth_state_ttl_secs > 3600 {
            return Err(ConfigError(
                "--oauth-state-ttl-secs must be between 1 and 3600".into(),
            ));
        }
        Ok(OAuthConfig {
            keys: Arc::new(StateKeys::new(keys)),
            redirect_uri,
            clients,
            origins,
            state_ttl: Duration::from_secs(args.oauth_state_ttl_secs),
        })
    }
}

/// A file flag's file cannot be read. The path is not repeated: a key or the clients'
/// JSON given in its place would be; the I/O error's text holds no path.
fn unreadable(flag: &str, e: &std::io::Error) -> ConfigError {
    ConfigError(format!(
        "{flag}: the file cannot be read ({e}); its path is not shown, in case a secret was given in its place"
    ))
}

/// Validates setup values into the method's typed setup struct.
fn check_setup(
    catalogue: &Catalogue,
    provider: &str,
    method: &str,
    values: &BTreeMap<String, String>,
) -> Result<Setup, ConfigError> {
    let Some(meta) = catalogue.method(provider, method) else {
        return Err(ConfigError(format!(
            "OAuth clients: `{provider}`/`{method}` is not an auth method"
        )));
    };
    let Some(o) = meta.oauth else {
        return Err(ConfigError(format!(
            "OAuth clients: {} {} is not an OAuth method",
            meta.provider_name, meta.label
        )));
    };
    if o.client == connectspec_runtime::ClientOwner::EndUser {
        return Err(ConfigError(format!(
            "OAuth clients: {} {} uses each end user's own app (its spec says \
             `oauth.client: end_user`), so no client is configured for it; remove it",
            meta.provider_name, meta.label
        )));
    }
    if o.client == connectspec_runtime::ClientOwner::Dynamic {
        return Err(ConfigError(format!(
            "OAuth clients: {} {} registers a client for each connection (its spec says \
             `oauth.client: dynamic`), so no client is configured for it; remove it",
            meta.provider_name, meta.label
        )));
    }
    match o.setup.validate(values) {
        Ok(setup) => Ok(Arc::from(setup)),
        Err(errors) => Err(ConfigError(format!(
            "OAuth client of {} {}: {}",
            meta.provider_name,
            meta.label,
            errors
                .errors()
                .iter()
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
                .join("; ")
        ))),
    }
}
