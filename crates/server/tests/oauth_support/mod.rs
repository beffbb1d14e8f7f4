//! The OAuth tests' harness: the authorization server, the service in front of it, and a
//! cookie-keeping browser that signs in at the provider.

#![allow(dead_code)]

use super::common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write as _};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use base64::Engine as _;
use connectspec_server::config::oauth::{OAuthArgs, OAuthConfig};
use connectspec_server::{AppState, Config};
use serde_json::{Value, json};

pub const TENANT: &str = "contoso.onmicrosoft.com";
pub const GRAPH_CLIENT_ID: &str = "6731de76-14a6-49ae-97bc-6eba6914391e";
pub const GRAPH_CLIENT_SECRET: &str = "Qx8Q~graph-client-secret-fake-1234567890";
pub const PAYPAL_CLIENT_ID: &str = "AcmePayPalRestAppClientIdFake0123456789";
pub const PAYPAL_CLIENT_SECRET: &str = "EPayPalRestAppSecretFakeValue0123456789";

/// The authorization server's folder, oidc-provider installed from its lockfile.
pub fn harness_dir() -> PathBuf {
    connectspec_tests::npm::ensure(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/oauth"),
        &["node_modules/oidc-provider/package.json"],
        "the OAuth tests",
    )
}

/// The authorization server; stopped when dropped.
pub struct Harness {
    pub child: Child,
    pub graph: String,
    pub paypal: String,
}

impl Drop for Harness {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start_harness(redirect_uri: &str) -> Harness {
    let mut child = Command::new("node")
        .arg("server.mjs")
        .current_dir(harness_dir())
        .env("REDIRECT_URI", redirect_uri)
        .env("TENANT", TENANT)
        .env("GRAPH_CLIENT_ID", GRAPH_CLIENT_ID)
        .env("GRAPH_CLIENT_SECRET", GRAPH_CLIENT_SECRET)
        .env("PAYPAL_CLIENT_ID", PAYPAL_CLIENT_ID)
        .env("PAYPAL_CLIENT_SECRET", PAYPAL_CLIENT_SECRET)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("node must be installed to run the OAuth tests");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .expect("harness output");
    let v: Value = serde_json::from_str(&line).expect("the harness prints its issuers");
    Harness {
        child,
        graph: v["graph"].as_str().unwrap().to_owned(),
        paypal: v["paypal"].as_str().unwrap().to_owned(),
    }
}

pub fn state_key(b: u8) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([b; 32])
}

pub struct Setup {
    pub harness: Harness,
    pub service: String,
    pub _shutdown: tokio::sync::oneshot::Sender<()>,
    pub _clients: tempfile::NamedTempFile,
}

pub async fn start(keys: &str, ttl_secs: u64) -> Setup {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let service = format!("http://{}", listener.local_addr().unwrap());
    let redirect = format!("{service}/v1/oauth/callback");
    let harness = start_harness(&redirect);
    let mut clients = tempfile::NamedTempFile::new().unwrap();
    let file = json!({
        "microsoft_graph": {"oauth": {"client_id": GRAPH_CLIENT_ID, "client_secret": GRAPH_CLIENT_SECRET}},
    });
    clients.write_all(file.to_string().as_bytes()).unwrap();
    // PayPal's client comes from the environment, as an operator would set it.
    let env = BTreeMap::from([
        (
            "CONNECTSPEC_OAUTH_PAYPAL_CLIENT_CREDENTIALS_CLIENT_ID".to_owned(),
            PAYPAL_CLIENT_ID.to_owned(),
        ),
        (
            "CONNECTSPEC_OAUTH_PAYPAL_CLIENT_CREDENTIALS_CLIENT_SECRET".to_owned(),
            format!(" {PAYPAL_CLIENT_SECRET}\n"),
        ),
    ]);
    let args = OAuthArgs {
        oauth_state_keys: Some(keys.to_owned()),
        oauth_state_key_file: None,
        oauth_redirect_uri: Some(redirect),
        oauth_clients: Some(clients.path().to_owned()),
        oauth_origin: vec![
            format!("microsoft_graph={}", harness.graph),
            format!("paypal={}", harness.paypal),
        ],
        oauth_state_ttl_secs: ttl_secs,
    };
    let oauth = OAuthConfig::from_args_and_env(
        &connectspec_server::catalogue::Catalogue::compiled(),
        &args,
        &env,
    )
    .expect("OAuth config");
    let config = Config {
        base_urls: BTreeMap::from([(
            "microsoft_graph".to_owned(),
            url::Url::parse(&harness.graph).unwrap(),
        )]),
        test_timeout: Duration::from_secs(10),
        oauth,
        api_keys: common::operator_keys(),
        ..Config::default()
    };
    let state = AppState::new(&config).expect("state");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(connectspec_server::serve(listener, state, async move {
        let _ = rx.await;
    }));
    Setup {
        harness,
        service,
        _shutdown: tx,
        _clients: clients,
    }
}

/// A browser: follows nothing by itself, keeps cookies per host.
pub struct Browser {
    pub http: reqwest::Client,
    pub cookies: BTreeMap<String, String>,
}

impl Browser {
    pub fn new() -> Browser {
        Browser {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: BTreeMap::new(),
        }
    }

    pub fn keep(&mut self, res: &reqwest::Response) {
        for v in res.headers().get_all("set-cookie") {
            let text = v.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            if let Some((k, v)) = pair.split_once('=') {
                self.cookies
                    .insert(k.trim().to_owned(), v.trim().to_owned());
            }
        }
    }

    pub fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub async fn get(&mut self, url: &str) -> reqwest::Response {
        let res = self
            .http
            .get(url)
            .header("cookie", self.cookie_header())
            .send()
            .await
            .unwrap();
        self.keep(&res);
        res
    }

    pub async fn get_json(&mut self, url: &str) -> reqwest::Response {
        let res = self
            .http
            .get(url)
            .header("cookie", self.cookie_header())
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        self.keep(&res);
        res
    }

    pub async fn post_form(&mut self, url: &str, form: &[(&str, &str)]) -> reqwest::Response {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let res = self
            .http
            .post(url)
            .header("cookie", self.cookie_header())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        self.keep(&res);
        res
    }
}

pub fn location(res: &reqwest::Response, base: &str) -> String {
    let loc = res
        .headers()
        .get("location")
        .unwrap_or_else(|| panic!("no redirect from {} ({})", res.url(), res.status()))
        .to_str()
        .unwrap();
    url::Url::parse(base)
        .unwrap()
        .join(loc)
        .unwrap()
        .to_string()
}

/// The end user at the provider: from the authorization URL to the redirect back to
/// the service, signing in and approving (or, with `deny`, cancelling) through the
/// interaction endpoints. Returns the callback URL the provider redirects to.
pub async fn approve(b: &mut Browser, authorization_url: &str, issuer: &str, deny: bool) -> String {
    let mut url = authorization_url.to_owned();
    for _ in 0..12 {
        let res = b.get(&url).await;
        if !res.status().is_redirection() {
            panic!("{} answered {}", res.url(), res.status());
        }
        let next = location(&res, issuer);
        if !next.starts_with(issuer) {
            return next; // back to the service
        }
        if let Some(rest) = next.strip_prefix(&format!("{issuer}/interaction/")) {
            let uid = rest.split(['/', '?']).next().unwrap().to_owned();
            // The page the end user sees.
            let page = b.get(&next).await;
            assert_eq!(page.status(), 200);
            let html = page.text().await.unwrap();
            let action = format!("{issuer}/interaction/{uid}");
            let res = if deny {
                b.get(&format!("{action}/abort")).await
            } else if html.contains("name=\"login\"") {
                b.post_form(
                    &action,
                    &[("prompt", "login"), ("login", "ada"), ("password", "pw")],
                )
                .await
            } else {
                assert!(
                    html.contains("value=\"consent\""),
                    "unexpected interaction page"
                );
                b.post_form(&action, &[("prompt", "consent")]).await
            };
            assert!(
                res.status().is_redirection(),
                "interaction answered {}",
                res.status()
            );
            url = location(&res, issuer);
        } else {
            url = next;
        }
    }
    panic!("the provider never redirected back");
}

pub async fn post(url: &str, body: &Value) -> (u16, String, String) {
    let res = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {}", common::OPERATOR_KEY))
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    common::observed(res).await
}

/// A GET from a client with no cookies (another machine), asking for JSON.
pub async fn get(url: &str) -> (u16, String, String) {
    let res = reqwest::Client::new()
        .get(url)
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    common::observed(res).await
}

/// The end user's browser starts the flow: the service binds it (a cookie) and sends
/// it to the provider. Returns the provider's authorization URL.
pub async fn start_flow(b: &mut Browser, start_url: &str, service: &str) -> String {
    assert!(
        start_url.starts_with(&format!("{service}/v1/oauth/start?ticket=")),
        "{start_url}"
    );
    let res = b.get(start_url).await;
    assert_eq!(res.status(), 303, "{}", res.url());
    let cookie = res
        .headers()
        .get("set-cookie")
        .expect("a binding cookie")
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("__Host-connectspec-flow-"), "{cookie}");
    for attr in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attr), "{cookie}");
    }
    assert!(res.headers()["cache-control"] == "no-store");
    location(&res, service)
}

/// The callback in the end user's browser (with its cookies), asking for JSON.
pub async fn callback_in(b: &mut Browser, url: &str) -> (u16, String, String) {
    let res = b.get_json(url).await;
    common::observed(res).await
}

/// The back end redeems a result.
pub async fn exchange(service: &str, result: &str) -> Value {
    let (st, h, body) = post(
        &format!("{service}/v1/link/exchange"),
        &json!({ "result": result }),
    )
    .await;
    assert_eq!(st, 200, "{body}");
    assert!(h.contains("cache-control: no-store"), "{h}");
    serde_json::from_str(&body).unwrap()
}

pub fn problem(status: u16, headers: &str, body: &str) -> Value {
    assert!(
        headers.contains("content-type: application/problem+json"),
        "{status} {headers}"
    );
    serde_json::from_str(body).unwrap()
}

/// The query value of `name` in `url`.
pub fn param(url: &str, name: &str) -> Option<String> {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

pub fn with_param(url: &str, name: &str, value: &str) -> String {
    let mut u = url::Url::parse(url).unwrap();
    let pairs: Vec<(String, String)> = u
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == name {
                value.to_owned()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    u.query_pairs_mut().clear().extend_pairs(pairs);
    u.to_string()
}
