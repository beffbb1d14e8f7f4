//! connectspec's HTTP validation service: the compiled validators behind a small JSON
//! API, so that a hub's back end can check credentials before storing them, its front
//! end can build the link form, and both can run the spec's live connection test.
//!
//! ```text
//! GET  /healthz
//! GET  /v1/providers
//! GET  /v1/providers/{provider}
//! GET  /v1/providers/{provider}/methods/{method}/schema
//! POST /v1/providers/{provider}/methods/{method}/validate   {"fields": {…}}
//! POST /v1/providers/{provider}/methods/{method}/test       {"fields": {…}}
//! POST /v1/providers/{provider}/methods/{method}/authorize  OAuth: the authorization URL
//! GET  /v1/oauth/callback                                    OAuth: code exchange, handoff
//! POST /v1/providers/{provider}/methods/{method}/refresh    OAuth: refresh
//! POST /v1/providers/{provider}/methods/{method}/token      OAuth client credentials; a token exchange's fresh token
//! GET  /connect/{provider}/{method}                          the link form's page
//! GET  /connect/assets/…                                     its module, styles, validators
//! ```
//!
//! Errors are RFC 9457 problem details (`application/problem+json`). Secret field
//! values never appear in a response, a header or a log line.

mod body;
pub mod catalogue;
pub mod config;
mod connect_page;
mod connection_test;
pub mod exchange;
mod extract;
pub mod i18n;
mod language;
mod learned;
pub mod link;
mod listen;
mod listing;
mod logging;
pub mod oauth;
pub mod outbound;
mod problem;
mod refused;
mod respond;
mod routes;
pub mod state;
pub mod watch;

use std::future::Future;
use std::sync::Arc;

pub use body::{FieldsBody, parse_fields};
pub use config::{BODY_LIMIT, Config, ConfigError, Limits, Settings};
pub use connection_test::{TestReport, Tester, TesterOptions};
pub use listing::ScopeView;
pub use problem::{FieldProblem, PROBLEM_JSON, Problem};
pub use routes::router;

/// Shared state of the handlers.
#[derive(Debug, Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    tester: Tester,
    embed_origin: Option<String>,
    limits: Limits,
    oauth: config::oauth::OAuthConfig,
    api_keys: config::api_keys::ApiKeys,
    dev: bool,
    pseudo_locales: bool,
    public_origin: Option<String>,
    link_keys: Arc<state::StateKeys>,
    test_limiter: link::limit::TestLimiter,
    spent: std::sync::Mutex<Spent>,
    /// The providers served; a reload (`--watch`) swaps the whole catalogue.
    catalogue: std::sync::RwLock<Arc<catalogue::Catalogue>>,
}

/// The OAuth states this instance completed, until they expire.
#[derive(Debug)]
struct Spent {
    states: std::collections::HashMap<String, u64>,
    next_sweep: usize,
}

impl Default for Spent {
    fn default() -> Self {
        Spent {
            states: std::collections::HashMap::new(),
            next_sweep: SPENT_SWEEP,
        }
    }
}

/// Spent states kept before expired ones are first dropped.
const SPENT_SWEEP: usize = 4096;

impl AppState {
    /// State for a configuration (builds the outgoing HTTP clients).
    pub fn new(config: &Config) -> Result<AppState, ConfigError> {
        let tester = Tester::new(TesterOptions {
            base_urls: config.base_urls.clone(),
            allow_private_hosts: config.allow_private_hosts,
            resolve: config.resolve.clone(),
            timeout: config.test_timeout,
        })
        .map_err(|_| {
            ConfigError("the HTTP client for connection tests could not be built".into())
        })?;
        // Sessions and results are sealed with the state keys (one rotation for all);
        // a `--dev` service without keys gets one for its lifetime.
        let link_keys = if config.oauth.keys.is_empty() && config.dev {
            Arc::new(state::StateKeys::new(vec![
                state::StateKey::from_text(&state::StateKeys::random(32))
                    .expect("32 random bytes make a key"),
            ]))
        } else {
            config.oauth.keys.clone()
        };
        let public_origin = config
            .public_url
            .as_ref()
            .or(config.oauth.redirect_uri.as_ref())
            .map(|u| u.origin().ascii_serialization())
            .or_else(|| config.dev.then(|| format!("http://{}", config.listen)));
        Ok(AppState {
            inner: Arc::new(Inner {
                tester,
                embed_origin: config.embed_origin.clone(),
                limits: config.limits,
                oauth: config.oauth.clone(),
                api_keys: config.api_keys.clone(),
                dev: config.dev,
                pseudo_locales: config.pseudo_locales,
                public_origin,
                link_keys,
                test_limiter: link::limit::TestLimiter::default(),
                spent: std::sync::Mutex::default(),
                catalogue: std::sync::RwLock::new(config.catalogue.clone()),
            }),
        })
    }

    /// The providers served now. A request takes this once and keeps it, so it sees one
    /// version of the catalogue however a reload goes meanwhile.
    pub fn catalogue(&self) -> Arc<catalogue::Catalogue> {
        self.inner
            .catalogue
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Serves `catalogue` from now on (a reload of the specs directory).
    pub fn replace_catalogue(&self, catalogue: catalogue::Catalogue) {
        *self
            .inner
            .catalogue
            .write()
            .unwrap_or_else(|e| e.into_inner()) = Arc::new(catalogue);
    }

    /// The connection tester.
    pub fn tester(&self) -> &Tester {
        &self.inner.tester
    }

    /// The OAuth configuration.
    pub fn oauth(&self) -> &config::oauth::OAuthConfig {
        &self.inner.oauth
    }

    /// The origin allowed to frame the link page and receive its result.
    pub fn embed_origin(&self) -> Option<&str> {
        self.inner.embed_origin.as_deref()
    }

    /// The inbound limits.
    pub fn limits(&self) -> Limits {
        self.inner.limits
    }

    /// The operator API keys.
    pub fn api_keys(&self) -> &config::api_keys::ApiKeys {
        &self.inner.api_keys
    }

    /// Whether the link endpoints serve callers without a session (`serve --dev`).
    pub fn dev(&self) -> bool {
        self.inner.dev
    }

    /// Whether the pseudo-locales may be chosen (`serve --pseudo-locales`).
    pub fn pseudo_locales(&self) -> bool {
        self.inner.pseudo_locales
    }

    /// The service's own origin as browsers reach it: `--public-url`, else the OAuth
    /// redirect URI's, else (`--dev`) the listen address.
    pub fn public_origin(&self) -> Option<String> {
        self.inner.public_origin.clone()
    }

    /// The keys that seal link sessions and results.
    pub fn link_keys(&self) -> &state::StateKeys {
        &self.inner.link_keys
    }

    /// The per-session limit on connection tests.
    pub(crate) fn test_limiter(&self) -> &link::limit::TestLimiter {
        &self.inner.test_limiter
    }

    /// Marks the flow `nonce` (valid until `exp`) as completed on this instance;
    /// false when it already was. The binding cookie makes a state single-use across
    /// instances; this stops a replay on the same instance even with the cookie.
    pub(crate) fn spend_state(&self, nonce: &str, exp: u64) -> bool {
        let mut spent = self.inner.spent.lock().unwrap_or_else(|e| e.into_inner());
        if spent.states.len() >= spent.next_sweep {
            let now = state::now();
            spent.states.retain(|_, e| *e > now);
            // Twice what was kept: sweeping stays amortised however many flows are live.
            spent.next_sweep = (spent.states.len() * 2).max(SPENT_SWEEP);
        }
        spent.states.insert(nonce.to_owned(), exp).is_none()
    }
}

/// Serves on `listener` within the state's limits until `shutdown` completes, then
/// finishes in-flight requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = state.limits();
    listen::serve_with_limits(listener, router(state), limits, shutdown).await
}

/// Binds `config.listen` and serves until SIGTERM or Ctrl-C.
pub async fn run(config: Config) -> std::io::Result<()> {
    let state = AppState::new(&config).map_err(std::io::Error::other)?;
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    tracing::info!(
        listen = %addr,
        providers = config.catalogue.providers().len(),
        overrides = ?config.base_urls.keys().collect::<Vec<_>>(),
        test_timeout_ms = config.test_timeout.as_millis() as u64,
        header_timeout_ms = config.limits.header_timeout.as_millis() as u64,
        body_timeout_ms = config.limits.body_timeout.as_millis() as u64,
        max_connections = config.limits.max_connections,
        max_errors = config.limits.max_errors,
        "connectspec service listening"
    );
    if config.dev {
        tracing::warn!(
            "--dev: DEVELOPMENT MODE. The link endpoints (validate, test, connect, authorize) \
             answer anyone without a link session. Use it only to try specs on this machine."
        );
        eprintln!(
            "\n  connectspec serve --dev: development mode on {addr}.\n  \
             Link sessions are NOT required; never expose this service.\n"
        );
    }
    tracing::info!(
        texts = ?config.catalogue.texts().counts(),
        "spec translations served, by locale"
    );
    if config.pseudo_locales {
        tracing::warn!(
            "--pseudo-locales: en-XA and ar-XB may be chosen (tests and translators only)"
        );
    }
    if config.allow_private_hosts {
        tracing::warn!(
            "--allow-private-hosts: connection tests may reach loopback, private and link-local addresses"
        );
    }
    for (id, url) in &config.base_urls {
        tracing::warn!(
            provider = %id,
            host = url.host_str().unwrap_or(""),
            "base URL override: this provider's connection tests go to the given URL, outside its allowed hosts and the address policy"
        );
    }
    for (id, url) in &config.oauth.origins {
        tracing::warn!(
            provider = %id,
            host = url.host_str().unwrap_or(""),
            "OAuth origin override: this provider's OAuth endpoints go to the given origin, outside its allowed hosts and the address policy"
        );
    }
    tracing::info!(
        state_keys = config.oauth.keys.len(),
        oauth_clients = ?config.oauth.clients.keys().collect::<Vec<_>>(),
        redirect_uri = config.oauth.redirect_uri.is_some(),
        "OAuth configuration"
    );
    if let catalogue::Source::Dir(dir) = config.catalogue.source() {
        tracing::info!(specs = %dir.display(), watch = config.watch.is_some(), "serving specs loaded at start");
    }
    // Watch mode: the watcher lives as long as the service.
    let _watcher = match &config.watch {
        Some(loader) => {
            watch::report(&config.catalogue);
            Some(watch::spawn(state.clone(), loader.clone()).map_err(std::io::Error::other)?)
        }
        None => None,
    };
    serve(listener, state, shutdown_signal()).await?;
    tracing::info!("connectspec service stopped");
    Ok(())
}

/// Completes on Ctrl-C or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("Ctrl-C received, shutting down"),
        () = term => tracing::info!("SIGTERM received, shutting down"),
    }
}
