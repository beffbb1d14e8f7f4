//! Service configuration: command-line flags, with environment variables as fallback.
//!
//! Parsing is separate from reading the process environment so that tests can check
//! every rule without touching global state.

pub mod api_keys;
pub mod oauth;

use std::sync::{Arc, Mutex};

use crate::catalogue::Catalogue;
use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

use url::Url;

/// Prefix of the environment variables that override a provider's base URL:
/// `CONNECTSPEC_BASE_URL_WEBFLOW=http://127.0.0.1:9999`.
pub const BASE_URL_ENV_PREFIX: &str = "CONNECTSPEC_BASE_URL_";

/// Default connection-test timeout: long enough for a slow provider, short enough that a
/// hung provider does not pin a request (and its credentials) in memory.
pub const DEFAULT_TEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Largest accepted connection-test timeout; an unbounded wait is never configurable.
pub const MAX_TEST_TIMEOUT: Duration = Duration::from_secs(120);

/// Largest accepted request body, in bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Default time a client has to send a request's headers, counted from when the
/// connection opens or goes idle after a response: it also closes idle keep-alive
/// connections.
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Default time a client has to send a request body once its headers are in.
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(10);

/// Default cap on open client connections; one more is answered 503 and closed.
pub const DEFAULT_MAX_CONNECTIONS: usize = 4096;

/// Default cap on the field errors one 422 answer lists (the rest are counted).
pub const DEFAULT_MAX_ERRORS: usize = 50;

/// The inbound limits of the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// See [`DEFAULT_HEADER_TIMEOUT`].
    pub header_timeout: Duration,
    /// See [`DEFAULT_BODY_TIMEOUT`].
    pub body_timeout: Duration,
    /// See [`DEFAULT_MAX_CONNECTIONS`].
    pub max_connections: usize,
    /// See [`DEFAULT_MAX_ERRORS`].
    pub max_errors: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: DEFAULT_HEADER_TIMEOUT,
            body_timeout: DEFAULT_BODY_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            max_errors: DEFAULT_MAX_ERRORS,
        }
    }
}

/// What `connectspec serve` is given (its flags and their environment variables, read
/// by the CLI), before it is checked and resolved into a [`Config`]. Plain data: the
/// command-line parsing lives in the CLI, so this library carries no argument parser.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Base URL overrides, each `PROVIDER=URL`.
    pub base_url: Vec<String>,
    /// Connection-test timeout, in milliseconds (at most 120000).
    pub test_timeout_ms: u64,
    /// The origin of a host page that embeds the link page in an iframe.
    pub embed_origin: Option<String>,
    /// Log as JSON lines.
    pub log_json: bool,
    /// Let connection tests reach internal addresses.
    pub allow_private_hosts: bool,
    /// Time a client has to send a request's headers, in milliseconds.
    pub header_timeout_ms: u64,
    /// Time a client has to send a request body, in milliseconds.
    pub body_timeout_ms: u64,
    /// Most client connections open at once.
    pub max_connections: usize,
    /// Most field errors one 422 answer lists.
    pub max_errors: usize,

    /// OAuth 2.0: state keys, redirect URI, client credentials.
    pub oauth: crate::config::oauth::OAuthArgs,
    /// A file of operator API keys, one a line (besides `CONNECTSPEC_API_KEYS`).
    pub api_key_file: Option<std::path::PathBuf>,
    /// The service's public URL (its origin), for the links it hands out.
    pub public_url: Option<String>,
    /// Serve the link endpoints without a session, for trying specs (loopback only).
    pub dev: bool,
    /// Serve the pseudo-locales `en-XA` and `ar-XB` (tests, translators).
    pub pseudo_locales: bool,
    /// Serve the specs of this directory, loaded at start, instead of the compiled ones.
    pub specs: Option<std::path::PathBuf>,
    /// Reload the specs directory when a spec changes (with `specs`).
    pub watch: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            base_url: Vec::new(),
            test_timeout_ms: DEFAULT_TEST_TIMEOUT.as_millis() as u64,
            embed_origin: None,
            log_json: false,
            allow_private_hosts: false,
            header_timeout_ms: DEFAULT_HEADER_TIMEOUT.as_millis() as u64,
            body_timeout_ms: DEFAULT_BODY_TIMEOUT.as_millis() as u64,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            max_errors: DEFAULT_MAX_ERRORS,
            oauth: crate::config::oauth::OAuthArgs::default(),
            api_key_file: None,
            public_url: None,
            dev: false,
            pseudo_locales: false,
            specs: None,
            watch: false,
        }
    }
}

/// The resolved configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Listen address.
    pub listen: SocketAddr,
    /// Base URL overrides by provider id.
    pub base_urls: BTreeMap<String, Url>,
    /// Connection-test timeout.
    pub test_timeout: Duration,
    /// JSON log lines.
    pub log_json: bool,
    /// Origin allowed to frame the link page and receive its result.
    pub embed_origin: Option<String>,
    /// Lift the outbound address policy.
    pub allow_private_hosts: bool,
    /// Fixed addresses for names, answered instead of DNS (tests, split-horizon
    /// set-ups); the outbound address policy still applies to them.
    pub resolve: BTreeMap<String, Vec<std::net::IpAddr>>,
    /// Inbound timeouts and caps.
    pub limits: Limits,
    /// OAuth 2.0 settings.
    pub oauth: crate::config::oauth::OAuthConfig,
    /// The operator API keys the endpoints that issue or redeem credentials require.
    pub api_keys: api_keys::ApiKeys,
    /// The service's public URL: the origin of the links it hands out.
    pub public_url: Option<Url>,
    /// Link endpoints without a session (`--dev`, loopback listeners only).
    pub dev: bool,
    /// Whether the pseudo-locales (`en-XA`, `ar-XB`) may be chosen: generated from
    /// English for tests, never for end users.
    pub pseudo_locales: bool,
    /// The providers served: compiled, or loaded from `--specs DIR`.
    pub catalogue: Arc<Catalogue>,
    /// With `--watch`: the loader that reloads the specs directory, holding the last
    /// good version of each spec.
    pub watch: Option<Arc<Mutex<connectspec_loader::Loader>>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            base_urls: BTreeMap::new(),
            test_timeout: DEFAULT_TEST_TIMEOUT,
            log_json: false,
            embed_origin: None,
            allow_private_hosts: false,
            resolve: BTreeMap::new(),
            limits: Limits::default(),
            oauth: crate::config::oauth::OAuthConfig::default(),
            api_keys: api_keys::ApiKeys::default(),
            public_url: None,
            dev: false,
            pseudo_locales: false,
            catalogue: Arc::new(Catalogue::compiled()),
            watch: None,
        }
    }
}

/// A configuration mistake, reported before the service starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Resolves settings and the process environment.
    pub fn from_settings(args: &Settings) -> Result<Config, ConfigError> {
        Config::from_settings_and_env(args, std::env::vars())
    }

    /// Resolves settings and the given environment (`CONNECTSPEC_BASE_URL_<PROVIDER>`).
    /// Base URL overrides are checked against the compiled providers, so a typo fails at
    /// start instead of being ignored.
    pub fn from_settings_and_env(
        args: &Settings,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Config, ConfigError> {
        let mut base_urls = BTreeMap::new();
        let (catalogue, watch) = catalogue(args)?;
        let env: Vec<(String, String)> = env.into_iter().collect();
        let api_keys_env = env
            .iter()
            .find(|(k, _)| k == api_keys::API_KEYS_ENV)
            .map(|(_, v)| v.clone());
        let api_keys =
            api_keys::ApiKeys::from_sources(api_keys_env.as_deref(), args.api_key_file.as_deref())?;
        let oauth_env: BTreeMap<String, String> = env
            .iter()
            .filter(|(k, _)| k.starts_with(crate::config::oauth::CLIENT_ENV_PREFIX))
            .cloned()
            .collect();
        let mut env_vars: Vec<(String, String)> = env
            .into_iter()
            .filter(|(k, _)| {
                k.starts_with(BASE_URL_ENV_PREFIX) && k.len() > BASE_URL_ENV_PREFIX.len()
            })
            .collect();
        env_vars.sort();
        for (name, value) in env_vars {
            let id = name[BASE_URL_ENV_PREFIX.len()..].to_ascii_lowercase();
            let url = parse_base_url(&catalogue, &id, &value, &name)?;
            base_urls.insert(id, url);
        }
        for item in &args.base_url {
            let Some((id, value)) = item.split_once('=') else {
                return Err(ConfigError(
                    "a --base-url value has no `=`: it must be PROVIDER=URL, e.g. webflow=http://127.0.0.1:9999 (the value is not shown, in case it is a secret)".into(),
                ));
            };
            let id = id.trim().to_owned();
            let url = parse_base_url(&catalogue, &id, value.trim(), "--base-url")?;
            base_urls.insert(id, url);
        }
        if args.test_timeout_ms == 0
            || Duration::from_millis(args.test_timeout_ms) > MAX_TEST_TIMEOUT
        {
            return Err(ConfigError(format!(
                "--test-timeout-ms must be between 1 and {} (got {})",
                MAX_TEST_TIMEOUT.as_millis(),
                args.test_timeout_ms
            )));
        }
        let ms = |name: &str, v: u64| {
            if v == 0 || v > 600_000 {
                Err(ConfigError(format!(
                    "--{name} must be between 1 and 600000 milliseconds (got {v})"
                )))
            } else {
                Ok(Duration::from_millis(v))
            }
        };
        let count = |name: &str, v: usize| {
            if v == 0 {
                Err(ConfigError(format!("--{name} must be at least 1")))
            } else {
                Ok(v)
            }
        };
        let limits = Limits {
            header_timeout: ms("header-timeout-ms", args.header_timeout_ms)?,
            body_timeout: ms("body-timeout-ms", args.body_timeout_ms)?,
            max_connections: count("max-connections", args.max_connections)?,
            max_errors: count("max-errors", args.max_errors)?,
        };
        if args.dev && !args.listen.ip().is_loopback() {
            return Err(ConfigError(format!(
                "--dev serves the link endpoints to anyone, without a session: it needs a loopback \
                 listen address such as 127.0.0.1:8080 (got {})",
                args.listen
            )));
        }
        let public_url = args
            .public_url
            .as_deref()
            .map(|v| {
                parse_embed_origin(v)
                    .map_err(|_| {
                        ConfigError(
                            "--public-url must be the service's origin as browsers reach it, \
                             such as https://connect.example.com (scheme, host, optional port)"
                                .into(),
                        )
                    })
                    .and_then(|o| Url::parse(&o).map_err(|_| ConfigError("--public-url".into())))
            })
            .transpose()?;
        Ok(Config {
            listen: args.listen,
            base_urls,
            test_timeout: Duration::from_millis(args.test_timeout_ms),
            log_json: args.log_json,
            embed_origin: args
                .embed_origin
                .as_deref()
                .map(parse_embed_origin)
                .transpose()?,
            allow_private_hosts: args.allow_private_hosts,
            resolve: BTreeMap::new(),
            limits,
            oauth: crate::config::oauth::OAuthConfig::from_args_and_env(
                &catalogue,
                &args.oauth,
                &oauth_env,
            )?,
            api_keys,
            public_url,
            dev: args.dev,
            pseudo_locales: args.pseudo_locales,
            catalogue,
            watch,
        })
    }
}

/// An origin: `http(s)://host[:port]` and nothing else, as CSP and postMessage need it.
fn parse_embed_origin(value: &str) -> Result<String, ConfigError> {
    let err = || {
        ConfigError(
            "--embed-origin must be an origin such as https://hub.example.com \
             (scheme, host and optional port; no path); the value is not shown, in case it is a secret"
                .into(),
        )
    };
    let url = Url::parse(value.trim()).map_err(|_| err())?;
    // The origin goes into a Content-Security-Policy header and is compared with
    // postMessage origins: a wildcard, a quote or a `;` would widen or break the policy.
    let host_ok = match url.host() {
        Some(url::Host::Domain(d)) => d
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.'),
        Some(_) => true,
        None => false,
    };
    if !host_ok
        || !matches!(url.scheme(), "http" | "https")
        || url.host_str().is_none()
        || url.path() != "/"
        || url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(err());
    }
    Ok(url.origin().ascii_serialization())
}

/// The part of a `PROVIDER=URL` flag before `=`, named when it looks like an id;
/// anything else may be a value given in the wrong place and is not repeated.
pub(crate) fn shown_id(id: &str) -> String {
    let id_like = !id.is_empty()
        && id.len() <= 32
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if id_like {
        format!("`{id}`")
    } else {
        "the part before `=` (not shown)".to_owned()
    }
}

/// The catalogue to serve: compiled, or `--specs DIR` (every problem an error, unless
/// `--watch` serves what loads and reports the rest as the author fixes it).
#[allow(clippy::type_complexity)]
fn catalogue(
    args: &Settings,
) -> Result<
    (
        Arc<Catalogue>,
        Option<Arc<Mutex<connectspec_loader::Loader>>>,
    ),
    ConfigError,
> {
    let Some(dir) = &args.specs else {
        if args.watch {
            return Err(ConfigError(
                "--watch reloads a specs directory: give it with --specs DIR".into(),
            ));
        }
        return Ok((Arc::new(Catalogue::compiled()), None));
    };
    if !args.watch {
        let c = Catalogue::load(dir)
            .map_err(|e| ConfigError(format!("--specs {}:\n{e}", dir.display())))?;
        return Ok((Arc::new(c), None));
    }
    let mut loader = connectspec_loader::Loader::new(dir);
    let (snapshot, _) = loader
        .load()
        .map_err(|e| ConfigError(format!("--specs {}:\n{e}", dir.display())))?;
    Ok((
        Arc::new(Catalogue::from_snapshot(dir, snapshot)),
        Some(Arc::new(Mutex::new(loader))),
    ))
}

fn parse_base_url(
    catalogue: &Catalogue,
    id: &str,
    value: &str,
    origin: &str,
) -> Result<Url, ConfigError> {
    if catalogue.provider(id).is_none() {
        let known: Vec<&str> = catalogue.providers().iter().map(|p| p.id).collect();
        return Err(ConfigError(format!(
            "{origin}: {} is not a provider id (known: {})",
            shown_id(id),
            known.join(", ")
        )));
    }
    let url = Url::parse(value)
        .map_err(|e| ConfigError(format!("{origin}: base URL of `{id}` is not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(ConfigError(format!(
            "{origin}: base URL of `{id}` must be an http or https URL"
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(ConfigError(format!(
            "{origin}: base URL of `{id}` must not have a query or fragment"
        )));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::parse_embed_origin;

    #[test]
    fn an_embed_origin_is_an_origin_and_nothing_else() {
        assert_eq!(
            parse_embed_origin("https://hub.example.com").unwrap(),
            "https://hub.example.com"
        );
        assert_eq!(
            parse_embed_origin("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        for bad in [
            "https://*.acme.test",
            "https://portal.acme.test/app",
            "https://portal.acme.test;script-src *",
            "https://portal'.acme.test",
            "https://user@portal.acme.test",
            "portal.acme.test",
            "ftp://portal.acme.test",
            "https://portal.acme.test?x=1",
        ] {
            let err = parse_embed_origin(bad).unwrap_err();
            assert!(!err.0.contains(bad), "{bad}: {err}");
        }
    }
}
