//! An example hub back end over connectspec's link sessions.
//!
//! ```text
//! GET  /                                         sign-in, or the user's connections
//! POST /login, /logout                           the stand-in sign-in (signed cookie)
//! POST /api/link-sessions                        {provider, method} → a link session for the form
//! POST /api/connections                          {result} → redeemed, checked, sealed, stored
//! POST /api/connections/{id}/reconnect-session   a link session bound to that connection's account
//! GET  /assets/hub.js, /assets/hub.css           the page's script and styles
//! ```
//!
//! The browser gets a session token from the hub, the `<connectspec-link>` form (served by
//! connectspec) collects and tests the credentials, and hands the page an opaque sealed
//! result; the hub's back end redeems it with its operator key, checks the fields with the
//! compiled validators, and stores them sealed. No secret passes through the hub's page.

pub mod connectspec;
pub mod cookie;
pub mod credentials;
pub mod crypto;
pub mod pages;
pub mod secret;
pub mod store;
pub mod web;

use std::time::{SystemTime, UNIX_EPOCH};

use url::Url;

use crate::connectspec::{Client, Offer};
use crate::cookie::CookieSigner;
use crate::crypto::{Keys, Sealer};
use crate::store::Store;

/// The hub's settings (the binary reads them from flags and the environment).
#[derive(Debug, Clone)]
pub struct Config {
    /// The hub's own origin as browsers reach it (`https://hub.example.com`): the only
    /// `Origin` a state-changing request may carry, and the origin given to connectspec
    /// for the embedded form.
    pub public_origin: String,
    /// The connectspec service's root URL.
    pub service_url: Url,
    /// What "Link an account" offers.
    pub offers: Vec<Offer>,
    /// How long a link session lasts, in seconds.
    pub session_ttl_secs: u64,
}

/// A configuration the hub refuses to start with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// A plain origin (`scheme://host[:port]`, http or https, nothing after it), normalised.
pub fn parse_origin(text: &str) -> Result<String, ConfigError> {
    let bad = || {
        ConfigError(format!(
            "{text:?} is not an origin like https://hub.example.com"
        ))
    };
    let url = Url::parse(text).map_err(|_| bad())?;
    let plain = matches!(url.scheme(), "http" | "https")
        && url.host().is_some()
        && url.username().is_empty()
        && url.password().is_none()
        && url.path() == "/"
        && url.query().is_none()
        && url.fragment().is_none()
        && !text.trim_end_matches('/').ends_with('?');
    if !plain {
        return Err(bad());
    }
    Ok(url.origin().ascii_serialization())
}

/// `provider/method`, checked against the catalogue.
pub fn parse_offer(text: &str) -> Result<Offer, ConfigError> {
    let (provider, method) = text
        .trim()
        .split_once('/')
        .ok_or_else(|| ConfigError(format!("offer {text:?} is not PROVIDER/METHOD")))?;
    if connectspec_providers::method(provider, method).is_none() {
        return Err(ConfigError(format!(
            "offer {text:?}: connectspec has no such provider and method"
        )));
    }
    Ok(Offer {
        provider: provider.to_owned(),
        method: method.to_owned(),
    })
}

/// What the handlers share.
#[derive(Debug)]
pub struct AppState {
    pub config: Config,
    pub store: Store,
    pub client: Client,
    pub cookies: CookieSigner,
    /// The page's Content-Security-Policy (the service's origin allowed for the form).
    pub csp: String,
}

impl AppState {
    /// The state from the settings, the master key, the open database and the client.
    pub fn new(
        config: Config,
        master_key: &[u8; crypto::KEY_LEN],
        db: DbLocation<'_>,
        client: Client,
    ) -> Result<AppState, store::StoreError> {
        let keys = Keys::derive(master_key);
        let sealer = Sealer::new(&keys.seal);
        let store = match db {
            DbLocation::File(path) => Store::open(path, sealer)?,
            DbLocation::Memory => Store::in_memory(sealer)?,
        };
        let secure = config.public_origin.starts_with("https://");
        let service = config.service_url.origin().ascii_serialization();
        let csp = format!(
            "default-src 'none'; script-src 'self' {service}; style-src 'self' {service}; \
             connect-src 'self' {service}; img-src 'self' {service}; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'"
        );
        Ok(AppState {
            cookies: CookieSigner::new(&keys.cookie, secure),
            config,
            store,
            client,
            csp,
        })
    }
}

/// Where the database lives.
#[derive(Debug, Clone, Copy)]
pub enum DbLocation<'a> {
    File(&'a std::path::Path),
    Memory,
}

/// Seconds since the Unix epoch.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_plain_and_normalised() {
        assert_eq!(
            parse_origin("http://127.0.0.1:8090").unwrap(),
            "http://127.0.0.1:8090"
        );
        assert_eq!(
            parse_origin("https://Hub.Example.com/").unwrap(),
            "https://hub.example.com"
        );
        assert_eq!(
            parse_origin("https://hub.example.com:443").unwrap(),
            "https://hub.example.com"
        );
        for bad in [
            "hub.example.com",
            "https://hub.example.com/app",
            "ftp://x",
            "https://u@x",
            "https://x/?a",
        ] {
            assert!(parse_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn offers_name_a_method_of_the_catalogue() {
        let o = parse_offer("oneflow/api_token").unwrap();
        assert_eq!(
            (o.provider.as_str(), o.method.as_str()),
            ("oneflow", "api_token")
        );
        assert!(parse_offer("oneflow").is_err());
        assert!(parse_offer("oneflow/nope").is_err());
    }
}
