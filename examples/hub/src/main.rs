//! `hub`: the example hub back end (see README.md beside this crate).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use connectspec_example_hub::connectspec::Client;
use connectspec_example_hub::crypto::parse_key;
use connectspec_example_hub::{AppState, Config, DbLocation, parse_offer, parse_origin, web};
use url::Url;
use zeroize::Zeroizing;

/// An example hub back end over connectspec's link sessions.
///
/// Secrets come from the environment only (a flag's value is visible in the process
/// list): HUB_CONNECTSPEC_API_KEY, the connectspec operator API key; HUB_ENCRYPTION_KEY,
/// base64url of 32 random bytes (`openssl rand 32 | basenc --base64url`), which seals the
/// stored credentials and signs the session cookie.
#[derive(Parser, Debug)]
#[command(name = "hub", version)]
struct Args {
    /// Address to listen on (port 0: any free port).
    #[arg(long, env = "HUB_LISTEN", default_value = "127.0.0.1:8090")]
    listen: SocketAddr,
    /// The connectspec service's root URL, as the hub's back end and the browser reach it.
    #[arg(long, env = "HUB_CONNECTSPEC_URL")]
    connectspec_url: Url,
    /// The SQLite database file (created when missing).
    #[arg(long, env = "HUB_DATABASE", default_value = "hub.sqlite3")]
    database: PathBuf,
    /// The hub's origin as browsers reach it (default: http:// and the listening
    /// address). Give it to `connectspec serve --embed-origin` too.
    #[arg(long, env = "HUB_PUBLIC_ORIGIN")]
    public_origin: Option<String>,
    /// What "Link an account" offers, as PROVIDER/METHOD (repeat, or comma-separated).
    #[arg(
        long = "offer",
        env = "HUB_OFFERS",
        value_delimiter = ',',
        default_value = "oneflow/api_token"
    )]
    offers: Vec<String>,
    /// How long a link session lasts, in seconds.
    #[arg(long, env = "HUB_SESSION_TTL_SECS", default_value_t = 900)]
    session_ttl_secs: u64,
}

fn env_secret(name: &str) -> Result<Zeroizing<String>, String> {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => Ok(Zeroizing::new(v.trim().to_owned())),
        _ => Err(format!(
            "{name} must be set (the hub refuses to start without it)"
        )),
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hub: {e}");
            ExitCode::FAILURE
        }
    }
}

#[tokio::main]
async fn run(args: Args) -> Result<(), String> {
    let master = env_secret("HUB_ENCRYPTION_KEY")?;
    let master = parse_key(&master).map_err(|e| format!("HUB_ENCRYPTION_KEY: {e}"))?;
    let api_key = env_secret("HUB_CONNECTSPEC_API_KEY")?;
    let offers = args
        .offers
        .iter()
        .map(|o| parse_offer(o))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    if offers.is_empty() {
        return Err("at least one --offer is needed".into());
    }
    if !(60..=86_400).contains(&args.session_ttl_secs) {
        return Err("--session-ttl-secs must be between 60 and 86400".into());
    }
    if !matches!(args.connectspec_url.scheme(), "http" | "https") {
        return Err("--connectspec-url must be an http or https URL".into());
    }
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    let bound = listener.local_addr().map_err(|e| e.to_string())?;
    let public_origin = match &args.public_origin {
        Some(o) => parse_origin(o).map_err(|e| format!("--public-origin: {e}"))?,
        None => format!("http://{bound}"),
    };
    let mut service_url = args.connectspec_url.clone();
    if !service_url.path().ends_with('/') {
        let path = format!("{}/", service_url.path());
        service_url.set_path(&path);
    }
    let config = Config {
        public_origin: public_origin.clone(),
        service_url: service_url.clone(),
        offers,
        session_ttl_secs: args.session_ttl_secs,
    };
    let client = Client::new(service_url, api_key);
    let state = AppState::new(config, &master, DbLocation::File(&args.database), client)
        .map_err(|e| format!("{}: {e}", args.database.display()))?;
    drop(master);
    let app = web::router(Arc::new(state));
    // A line a script can wait for.
    println!("hub listening on {bound} ({public_origin})");
    tracing::info!(listen = %bound, origin = %public_origin, "hub listening");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| e.to_string())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
