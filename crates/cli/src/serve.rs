//! `connectspec serve`: the service's flags (and their environment variables), the log
//! subscriber, and the runtime. The service itself is the `connectspec-server` library,
//! which takes plain [`Settings`] and carries no argument parser or global subscriber.

use std::net::SocketAddr;
use std::process::ExitCode;

use connectspec_server::config::oauth::OAuthArgs;
use connectspec_server::config::{
    DEFAULT_BODY_TIMEOUT, DEFAULT_HEADER_TIMEOUT, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_ERRORS,
    DEFAULT_TEST_TIMEOUT,
};
use connectspec_server::state::DEFAULT_STATE_TTL;
use connectspec_server::{Config, Settings};
use tracing_subscriber::EnvFilter;

/// The flags of `connectspec serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, env = "CONNECTSPEC_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Overrides a provider's base URL (staging, tests): `PROVIDER=URL`, repeatable.
    /// Also read from CONNECTSPEC_BASE_URL_<PROVIDER>; a flag wins over the variable.
    #[arg(long = "base-url", value_name = "PROVIDER=URL")]
    pub base_url: Vec<String>,

    /// Connection-test timeout, in milliseconds (at most 120000).
    #[arg(long, env = "CONNECTSPEC_TEST_TIMEOUT_MS", default_value_t = DEFAULT_TEST_TIMEOUT.as_millis() as u64)]
    pub test_timeout_ms: u64,

    /// The origin (`https://hub.example.com`) of a host page that embeds the link page
    /// (`/connect/…`) in an iframe: only it may frame the page, and only it receives the
    /// linked credentials (postMessage). Without it the page cannot be framed.
    #[arg(long, env = "CONNECTSPEC_EMBED_ORIGIN", value_name = "ORIGIN")]
    pub embed_origin: Option<String>,

    /// Log as JSON lines instead of human-readable text. The level comes from RUST_LOG
    /// (default `info`).
    #[arg(long, env = "CONNECTSPEC_LOG_JSON")]
    pub log_json: bool,

    /// Let connection tests reach loopback, private, link-local and other internal
    /// addresses (never needed in production; the allowed hosts of each spec still apply).
    #[arg(long, env = "CONNECTSPEC_ALLOW_PRIVATE_HOSTS")]
    pub allow_private_hosts: bool,

    /// Time a client has to send a request's headers, in milliseconds, counted from
    /// when its connection opens or goes idle (so it also closes idle keep-alive
    /// connections).
    #[arg(long, env = "CONNECTSPEC_HEADER_TIMEOUT_MS", default_value_t = DEFAULT_HEADER_TIMEOUT.as_millis() as u64)]
    pub header_timeout_ms: u64,

    /// Time a client has to send a request body, in milliseconds.
    #[arg(long, env = "CONNECTSPEC_BODY_TIMEOUT_MS", default_value_t = DEFAULT_BODY_TIMEOUT.as_millis() as u64)]
    pub body_timeout_ms: u64,

    /// Most client connections open at once; one more is answered 503 and closed.
    #[arg(long, env = "CONNECTSPEC_MAX_CONNECTIONS", default_value_t = DEFAULT_MAX_CONNECTIONS)]
    pub max_connections: usize,

    /// Most field errors one 422 answer lists; the rest are counted, not listed.
    #[arg(long, env = "CONNECTSPEC_MAX_ERRORS", default_value_t = DEFAULT_MAX_ERRORS)]
    pub max_errors: usize,

    /// A file of operator API keys, one a line (`#` comments): the hub's back end sends one
    /// as `Authorization: Bearer <key>` to the endpoints that issue or redeem credentials
    /// (OAuth token, refresh, the OAuth connection test). Keys may also be given in
    /// CONNECTSPEC_API_KEYS (comma-separated); there is no flag for a key itself, since a
    /// flag's value is visible in the process list.
    #[arg(long, env = "CONNECTSPEC_API_KEY_FILE", value_name = "FILE")]
    pub api_key_file: Option<std::path::PathBuf>,

    /// The service's origin as browsers reach it (https://connect.example.com): the
    /// hosted link URLs and OAuth start URLs it hands out begin with it. Defaults to
    /// the origin of --oauth-redirect-uri.
    #[arg(long, env = "CONNECTSPEC_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,

    /// Serve the specs of DIR, loaded and checked at start, instead of the compiled
    /// catalogue: every problem stops the service, as `cargo xtask check` reports it.
    #[arg(long, value_name = "DIR")]
    pub specs: Option<std::path::PathBuf>,

    /// With --specs: reload a spec when its file changes (the authoring loop). A spec
    /// that does not load keeps its last good version; its problems are printed here
    /// and shown on its form page.
    #[arg(long, requires = "specs")]
    pub watch: bool,

    /// For trying specs while writing them: the link form's endpoints (validate, test,
    /// connect, authorize) work without a link session. Only on a loopback listen
    /// address; never in production.
    #[arg(long)]
    pub dev: bool,

    /// Serve the pseudo-locales `en-XA` (accented, longer) and `ar-XB` (right to left),
    /// generated from English: for tests and translators, never for end users.
    #[arg(long, env = "CONNECTSPEC_PSEUDO_LOCALES")]
    pub pseudo_locales: bool,

    /// OAuth 2.0: state keys, redirect URI, client credentials.
    #[command(flatten)]
    pub oauth: OAuthFlags,
}

/// The OAuth flags of `connectspec serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct OAuthFlags {
    /// The keys that seal OAuth `state`: base64url of 32 random bytes each, comma
    /// separated; the first seals, all open (rotation: put the new key first, drop the
    /// old one after the state lifetime). Prefer the environment variable or
    /// --oauth-state-key-file: a flag's value is visible in the process list.
    // A base64url key may begin with `-`: it is still this flag's value.
    #[arg(
        long,
        env = "CONNECTSPEC_OAUTH_STATE_KEYS",
        value_name = "KEYS",
        hide_env_values = true,
        allow_hyphen_values = true
    )]
    pub oauth_state_keys: Option<String>,

    /// A file with the state keys, one per line (same order rule); read at start.
    #[arg(long, env = "CONNECTSPEC_OAUTH_STATE_KEY_FILE", value_name = "FILE")]
    pub oauth_state_key_file: Option<std::path::PathBuf>,

    /// The redirect URI registered with the providers: this service's
    /// `/v1/oauth/callback` as the browser reaches it.
    #[arg(long, env = "CONNECTSPEC_OAUTH_REDIRECT_URI", value_name = "URL")]
    pub oauth_redirect_uri: Option<String>,

    /// A JSON file of client credentials by provider and method.
    #[arg(long, env = "CONNECTSPEC_OAUTH_CLIENTS", value_name = "FILE")]
    pub oauth_clients: Option<std::path::PathBuf>,

    /// Sends a provider's OAuth endpoints to another origin, keeping their paths
    /// (staging, tests): `PROVIDER=URL`, repeatable.
    #[arg(long = "oauth-origin", value_name = "PROVIDER=URL")]
    pub oauth_origin: Vec<String>,

    /// Lifetime of a `state`, in seconds.
    #[arg(long, env = "CONNECTSPEC_OAUTH_STATE_TTL_SECS", default_value_t = DEFAULT_STATE_TTL.as_secs())]
    pub oauth_state_ttl_secs: u64,
}

impl OAuthFlags {
    fn settings(&self) -> OAuthArgs {
        OAuthArgs {
            oauth_state_keys: self.oauth_state_keys.clone(),
            oauth_state_key_file: self.oauth_state_key_file.clone(),
            oauth_redirect_uri: self.oauth_redirect_uri.clone(),
            oauth_clients: self.oauth_clients.clone(),
            oauth_origin: self.oauth_origin.clone(),
            oauth_state_ttl_secs: self.oauth_state_ttl_secs,
        }
    }
}

impl Args {
    /// The flags as the service's settings.
    fn settings(&self) -> Settings {
        Settings {
            listen: self.listen,
            base_url: self.base_url.clone(),
            test_timeout_ms: self.test_timeout_ms,
            embed_origin: self.embed_origin.clone(),
            log_json: self.log_json,
            allow_private_hosts: self.allow_private_hosts,
            header_timeout_ms: self.header_timeout_ms,
            body_timeout_ms: self.body_timeout_ms,
            max_connections: self.max_connections,
            max_errors: self.max_errors,
            oauth: self.oauth.settings(),
            api_key_file: self.api_key_file.clone(),
            public_url: self.public_url.clone(),
            dev: self.dev,
            pseudo_locales: self.pseudo_locales,
            specs: self.specs.clone(),
            watch: self.watch,
        }
    }
}

/// Installs the global subscriber: `RUST_LOG` filter (default `info`), text or JSON
/// lines on stderr.
fn init_logging(json: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colour only for a terminal: escape codes in a log file or collector are noise.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// Resolves the flags, sets up logging, runs the service on a multi-threaded runtime
/// until SIGTERM or Ctrl-C.
pub fn run(args: &Args) -> ExitCode {
    let config = match Config::from_settings(&args.settings()) {
        Ok(c) => c,
        Err(e) => {
            crate::out::say!("error: {e}");
            return ExitCode::from(2);
        }
    };
    init_logging(config.log_json);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            crate::out::say!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(connectspec_server::run(config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            crate::out::say!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
