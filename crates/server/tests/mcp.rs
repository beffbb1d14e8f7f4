//! OAuth for remote MCP servers, against a real authorization server: oidc-provider
//! (pinned by `tests/oauth/package-lock.json`) with open dynamic client registration
//! and resource indicators, and an MCP endpoint on the same origin that checks the
//! bearer token in the provider's own store (`tests/oauth/mcp.mjs`). The service serves
//! a stand-in spec loaded at run time (`tests/mcp_specs/acme_mcp.yaml`: discovery from
//! the resource `https://mcp.acme.example.com/mcp/{server}`, `client: dynamic`) with its
//! origin sent to the harness (`--oauth-origin`, `--base-url`).
//!
//! End to end: authorize (discovery, registration) → sign-in and consent → callback
//! (code exchange with the `resource`, the MCP `initialize` as the connection test) →
//! the back end redeems tokens and the sealed registration → refresh with it → the
//! connection test with the new token. Refusals: a registration endpoint on a host
//! outside `allowed_hosts` is never contacted; an `issuer` other than the server's; a
//! tampered, missing or mismatched registration at refresh. No token, client id or
//! registration secret reaches a log line.

mod common;
mod oauth_support;

use oauth_support::*;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::Capture;
use connectspec_server::catalogue::Catalogue;
use connectspec_server::config::oauth::{OAuthArgs, OAuthConfig};
use connectspec_server::{AppState, Config};
use serde_json::{Value, json};

const METHOD: &str = "/v1/providers/acme_mcp/methods/oauth";

/// The harness process; stopped when dropped.
struct Mcp {
    child: std::process::Child,
    origin: String,
}

impl Drop for Mcp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_mcp(stray_registration: &str) -> Mcp {
    let mut child = Command::new("node")
        .arg("mcp.mjs")
        .current_dir(harness_dir())
        .env("STRAY_REGISTRATION", stray_registration)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("node must be installed to run the MCP OAuth tests");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .expect("harness output");
    let v: Value = serde_json::from_str(&line).expect("the harness prints its origin");
    Mcp {
        child,
        origin: v["origin"].as_str().unwrap().to_owned(),
    }
}

/// A listener that counts the connections made to it and answers none.
fn counting_listener() -> (u16, Arc<AtomicUsize>) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let n = Arc::new(AtomicUsize::new(0));
    let seen = n.clone();
    std::thread::spawn(move || {
        for c in l.incoming() {
            seen.fetch_add(1, Ordering::SeqCst);
            drop(c);
        }
    });
    (port, n)
}

struct Setup {
    mcp: Mcp,
    service: String,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

async fn start(stray_registration: &str) -> Setup {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let service = format!("http://{}", listener.local_addr().unwrap());
    let redirect = format!("{service}/v1/oauth/callback");
    let mcp = start_mcp(stray_registration);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/mcp_specs");
    let catalogue = Catalogue::load(&dir).expect("the stand-in MCP spec loads");
    let args = OAuthArgs {
        oauth_state_keys: Some(state_key(9)),
        oauth_state_key_file: None,
        oauth_redirect_uri: Some(redirect),
        oauth_clients: None,
        oauth_origin: vec![format!("acme_mcp={}", mcp.origin)],
        oauth_state_ttl_secs: 600,
    };
    let oauth =
        OAuthConfig::from_args_and_env(&catalogue, &args, &BTreeMap::new()).expect("OAuth config");
    let config = Config {
        base_urls: BTreeMap::from([("acme_mcp".to_owned(), url::Url::parse(&mcp.origin).unwrap())]),
        test_timeout: Duration::from_secs(10),
        oauth,
        api_keys: common::operator_keys(),
        catalogue: Arc::new(catalogue),
        ..Config::default()
    };
    let state = AppState::new(&config).expect("state");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(connectspec_server::serve(listener, state, async move {
        let _ = rx.await;
    }));
    Setup {
        mcp,
        service,
        _shutdown: tx,
    }
}

fn flip_middle(s: &str) -> String {
    let mut b = s.to_owned().into_bytes();
    let i = b.len() / 2;
    b[i] = if b[i] == b'A' { b'B' } else { b'A' };
    String::from_utf8(b).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mcp_oauth_with_discovery_and_dynamic_registration() {
    let logs = Capture::default();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(logs.clone())
        .init();
    let (stray_port, stray_hits) = counting_listener();
    let s = start(&format!("https://localhost:{stray_port}/register")).await;
    let origin = s.mcp.origin.clone();
    let resource = format!("{origin}/mcp/main");

    // 1. Authorize: discovery and registration happen now, before the browser moves.
    let (st, _h, body) = post(
        &format!("{}{METHOD}/authorize", s.service),
        &json!({"fields": {"server": " main "}}),
    )
    .await;
    assert_eq!(st, 200, "{body}");
    let a: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(a["scopes"], json!(["mcp"]));
    let mut browser = Browser::new();
    let auth_url = start_flow(&mut browser, a["start_url"].as_str().unwrap(), &s.service).await;
    // The discovered authorization endpoint, with the registered client, PKCE and the
    // resource the token is for.
    assert!(
        auth_url.starts_with(&format!("{origin}/auth?")),
        "{auth_url}"
    );
    let client_id = param(&auth_url, "client_id").expect("a registered client id");
    assert!(client_id.len() >= 16, "{client_id}");
    assert_eq!(
        param(&auth_url, "resource").as_deref(),
        Some(resource.as_str())
    );
    assert_eq!(param(&auth_url, "scope").as_deref(), Some("mcp"));
    assert_eq!(
        param(&auth_url, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert_eq!(
        param(&auth_url, "redirect_uri").as_deref(),
        Some(format!("{}/v1/oauth/callback", s.service).as_str())
    );

    // 2. Sign-in and consent at the authorization server.
    let callback = approve(&mut browser, &auth_url, &origin, false).await;
    assert!(
        callback.starts_with(&format!("{}/v1/oauth/callback?", s.service)),
        "{callback}"
    );

    // 3. Callback: the code is exchanged at the discovered token endpoint with the
    // registered client, and the MCP server's `initialize` passes with the token.
    let (st, _h, body) = callback_in(&mut browser, &callback).await;
    assert_eq!(st, 200, "{body}");
    let linked: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(linked["provider"], "acme_mcp");
    assert_eq!(linked["values"]["server"], "main");
    assert!(!body.contains(&client_id), "{body}");

    // 4. The back end redeems the result: the tokens and the sealed registration.
    let t = exchange(&s.service, linked["result"].as_str().unwrap()).await;
    let access = t["tokens"]["access_token"].as_str().unwrap().to_owned();
    let refresh = t["tokens"]["refresh_token"]
        .as_str()
        .expect("a refresh token")
        .to_owned();
    let registration = t["registration"]
        .as_str()
        .expect("the sealed registration")
        .to_owned();
    assert!(
        !registration.contains(&client_id),
        "the registration is sealed"
    );
    assert!(
        !registration.contains("127.0.0.1"),
        "the registration is sealed"
    );

    // 5. The connection test with the access token: the MCP server's `initialize`.
    let (st, _h, body) = post(
        &format!("{}{METHOD}/test", s.service),
        &json!({"fields": {"server": "main"}, "access_token": access}),
    )
    .await;
    assert_eq!(st, 200, "{body}");
    let r: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(r["ok"], true, "{r}");
    // A token the MCP server does not know is refused by it.
    let (st, _h, body) = post(
        &format!("{}{METHOD}/test", s.service),
        &json!({"fields": {"server": "main"}, "access_token": "not-a-token"}),
    )
    .await;
    assert_eq!(st, 200, "{body}");
    let r: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(r["ok"], false, "{r}");
    assert_eq!(r["status"], 401, "{r}");

    // 6. Refresh: without the registration, with a changed one, or for another server,
    // nothing is sent; with it, a new access token that the MCP server accepts.
    let refresh_with = |registration: Option<&str>, server: &str| {
        let mut b = json!({"fields": {"server": server}, "refresh_token": refresh});
        if let Some(r) = registration {
            b["registration"] = json!(r);
        }
        b
    };
    let url = format!("{}{METHOD}/refresh", s.service);
    let (st, _h, body) = post(&url, &refresh_with(None, "main")).await;
    assert_eq!(st, 400, "{body}");
    assert!(body.contains("registration"), "{body}");
    let (st, h, body) = post(
        &url,
        &refresh_with(Some(&flip_middle(&registration)), "main"),
    )
    .await;
    assert_eq!(st, 400, "{body}");
    assert_eq!(
        problem(st, &h, &body)["type"],
        "urn:connectspec:problem:oauth-registration-invalid"
    );
    // A link result is no registration (each seal is bound to its purpose).
    let (st, h, body) = post(
        &url,
        &refresh_with(Some(linked["result"].as_str().unwrap()), "main"),
    )
    .await;
    assert_eq!(st, 400, "{body}");
    assert_eq!(
        problem(st, &h, &body)["type"],
        "urn:connectspec:problem:oauth-registration-invalid"
    );
    let (st, _h, body) = post(&url, &refresh_with(Some(&registration), "other")).await;
    assert_eq!(st, 400, "{body}");
    let (st, h, body) = post(&url, &refresh_with(Some(&registration), "main")).await;
    assert_eq!(st, 200, "{body}");
    assert!(h.contains("cache-control: no-store"), "{h}");
    let t2: Value = serde_json::from_str(&body).unwrap();
    let access2 = t2["access_token"].as_str().unwrap().to_owned();
    assert_ne!(access2, access, "a new access token");
    assert_eq!(t2["registration"], json!(registration));
    let (st, _h, body) = post(
        &format!("{}{METHOD}/test", s.service),
        &json!({"fields": {"server": "main"}, "access_token": access2}),
    )
    .await;
    assert_eq!(st, 200, "{body}");
    let r: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(r["ok"], true, "{r}");

    // 7. A registration endpoint outside the spec's allowed hosts is refused before
    // anything is sent to it.
    let (st, h, body) = post(
        &format!("{}{METHOD}/authorize", s.service),
        &json!({"fields": {"server": "stray"}}),
    )
    .await;
    assert_eq!(st, 502, "{body}");
    let p = problem(st, &h, &body);
    assert_eq!(p["type"], "urn:connectspec:problem:oauth-discovery-refused");
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("registration endpoint"),
        "{p}"
    );
    assert!(
        !body.contains("localhost"),
        "no discovered URL is echoed: {body}"
    );
    assert_eq!(stray_hits.load(Ordering::SeqCst), 0, "nothing reached it");

    // 8. Metadata whose issuer is not the authorization server it was fetched for.
    let (st, h, body) = post(
        &format!("{}{METHOD}/authorize", s.service),
        &json!({"fields": {"server": "wrong-issuer"}}),
    )
    .await;
    assert_eq!(st, 502, "{body}");
    let p = problem(st, &h, &body);
    assert_eq!(p["type"], "urn:connectspec:problem:oauth-discovery-refused");
    assert!(p["detail"].as_str().unwrap().contains("issuer"), "{p}");

    // 9. A client of its own is refused for a dynamically registered method.
    let (st, _h, body) = post(
        &format!("{}{METHOD}/authorize", s.service),
        &json!({"fields": {"server": "main"}, "client": {"client_id": "mine"}}),
    )
    .await;
    assert_eq!(st, 400, "{body}");

    // Nothing secret in the logs.
    let text = String::from_utf8(logs.bytes()).unwrap();
    assert!(text.contains("authorization server discovered"), "{text}");
    assert!(text.contains("authorization completed"), "{text}");
    for secret in [&access, &access2, &refresh, &registration, &client_id] {
        assert!(!text.contains(secret.as_str()), "a secret in the logs");
    }
}

/// A dynamically registered method has no configured client: one given is refused at
/// start, like an end user's.
#[test]
fn a_configured_client_for_a_dynamic_method_is_refused() {
    use std::io::Write as _;
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/mcp_specs");
    let catalogue = Catalogue::load(&dir).expect("the stand-in MCP spec loads");
    let mut clients = tempfile::NamedTempFile::new().unwrap();
    let file = json!({"acme_mcp": {"oauth": {"client_id": "configured-client"}}});
    clients.write_all(file.to_string().as_bytes()).unwrap();
    let args = OAuthArgs {
        oauth_state_keys: Some(state_key(9)),
        oauth_state_key_file: None,
        oauth_redirect_uri: None,
        oauth_clients: Some(clients.path().to_owned()),
        oauth_origin: Vec::new(),
        oauth_state_ttl_secs: 600,
    };
    let Err(err) = OAuthConfig::from_args_and_env(&catalogue, &args, &BTreeMap::new()) else {
        panic!("a configured client for a dynamic method must be refused");
    };
    assert!(err.0.contains("oauth.client: dynamic"), "{}", err.0);
    assert!(!err.0.contains("configured-client"), "{}", err.0);
}
