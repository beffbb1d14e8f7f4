//! OAuth 2.0 against a real authorization server: oidc-provider from npm, pinned by
//! `tests/oauth/package-lock.json` and installed with `npm ci` when missing
//! (`tests/oauth/server.mjs`). The service runs with the real Microsoft Graph and PayPal
//! specs; only the origin of their OAuth endpoints (`--oauth-origin`) and Graph's API base
//! (`--base-url`) point at the harness, whose routes have the providers' paths.
//!
//! One flow, end to end: authorize → the end user's sign-in and consent, driven through
//! oidc-provider's interaction endpoints → callback → tokens → refresh → connection test
//! (the userinfo endpoint) with the new access token; the client credentials grant; a
//! tampered, replayed or expired state is a 400 problem; `error=access_denied` is a
//! message for the end user; and no token, secret, code or verifier is in any log line or
//! any body but the handoff.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write as _};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::Capture;

use base64::Engine as _;
use connectspec_server::config::oauth::{OAuthArgs, OAuthConfig};
use connectspec_server::{AppState, Config};
use serde_json::{Value, json};

const TENANT: &str = "contoso.onmicrosoft.com";
const GRAPH_CLIENT_ID: &str = "6731de76-14a6-49ae-97bc-6eba6914391e";
const GRAPH_CLIENT_SECRET: &str = "Qx8Q~graph-client-secret-fake-1234567890";
const PAYPAL_CLIENT_ID: &str = "AcmePayPalRestAppClientIdFake0123456789";
const PAYPAL_CLIENT_SECRET: &str = "EPayPalRestAppSecretFakeValue0123456789";

/// The authorization server's folder, oidc-provider installed from its lockfile.
fn harness_dir() -> PathBuf {
    connectspec_tests::npm::ensure(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/oauth"),
        &["node_modules/oidc-provider/package.json"],
        "the OAuth tests",
    )
}

/// The authorization server; stopped when dropped.
struct Harness {
    child: Child,
    graph: String,
    paypal: String,
}

impl Drop for Harness {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_harness(redirect_uri: &str) -> Harness {
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

fn state_key(b: u8) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([b; 32])
}

struct Setup {
    harness: Harness,
    service: String,
    _shutdown: tokio::sync::oneshot::Sender<()>,
    _clients: tempfile::NamedTempFile,
}

async fn start(keys: &str, ttl_secs: u64) -> Setup {
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
    let oauth = OAuthConfig::from_args_and_env(&args, &env).expect("OAuth config");
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
struct Browser {
    http: reqwest::Client,
    cookies: BTreeMap<String, String>,
}

impl Browser {
    fn new() -> Browser {
        Browser {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: BTreeMap::new(),
        }
    }

    fn keep(&mut self, res: &reqwest::Response) {
        for v in res.headers().get_all("set-cookie") {
            let text = v.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            if let Some((k, v)) = pair.split_once('=') {
                self.cookies
                    .insert(k.trim().to_owned(), v.trim().to_owned());
            }
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn get(&mut self, url: &str) -> reqwest::Response {
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

    async fn get_json(&mut self, url: &str) -> reqwest::Response {
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

    async fn post_form(&mut self, url: &str, form: &[(&str, &str)]) -> reqwest::Response {
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

fn location(res: &reqwest::Response, base: &str) -> String {
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
async fn approve(b: &mut Browser, authorization_url: &str, issuer: &str, deny: bool) -> String {
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

async fn post(url: &str, body: &Value) -> (u16, String, String) {
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
async fn get(url: &str) -> (u16, String, String) {
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
async fn start_flow(b: &mut Browser, start_url: &str, service: &str) -> String {
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
async fn callback_in(b: &mut Browser, url: &str) -> (u16, String, String) {
    let res = b.get_json(url).await;
    common::observed(res).await
}

/// The back end redeems a result.
async fn exchange(service: &str, result: &str) -> Value {
    let (st, h, body) = post(
        &format!("{service}/v1/link/exchange"),
        &json!({ "result": result }),
    )
    .await;
    assert_eq!(st, 200, "{body}");
    assert!(h.contains("cache-control: no-store"), "{h}");
    serde_json::from_str(&body).unwrap()
}

fn problem(status: u16, headers: &str, body: &str) -> Value {
    assert!(
        headers.contains("content-type: application/problem+json"),
        "{status} {headers}"
    );
    serde_json::from_str(body).unwrap()
}

/// The query value of `name` in `url`.
fn param(url: &str, name: &str) -> Option<String> {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

fn with_param(url: &str, name: &str, value: &str) -> String {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth_flows_against_a_real_authorization_server() {
    let logs = Capture::default();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(logs.clone())
        .init();
    // A rotated key set: the second key still opens states sealed before the rotation.
    let s = start(&format!("{},{}", state_key(1), state_key(2)), 600).await;
    let graph = "/v1/providers/microsoft_graph/methods/oauth";
    let mut bodies: Vec<String> = Vec::new(); // every non-handoff body, for the leak check
    let mut handoffs: Vec<Value> = Vec::new();

    // 1. Authorize: the fields are checked and a start URL answered.
    let (st, _h, body) = post(
        &format!("{}{graph}/authorize", s.service),
        &json!({"fields": {"tenant": " Contoso.onmicrosoft.com "}}),
    )
    .await;
    assert_eq!(st, 200, "{body}");
    assert!(!body.contains(GRAPH_CLIENT_SECRET));
    let a: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        a["scopes"],
        json!(["User.Read", "openid", "offline_access"])
    );
    let mut browser = Browser::new();
    let start_url = a["start_url"].as_str().unwrap().to_owned();
    // The start page binds the flow to this browser and sends it to the provider.
    let auth_url = start_flow(&mut browser, &start_url, &s.service).await;
    assert!(
        auth_url.starts_with(&format!(
            "{}/{TENANT}/oauth2/v2.0/authorize?",
            s.harness.graph
        )),
        "{auth_url}"
    );
    assert_eq!(param(&auth_url, "response_type").as_deref(), Some("code"));
    assert_eq!(
        param(&auth_url, "client_id").as_deref(),
        Some(GRAPH_CLIENT_ID)
    );
    assert_eq!(
        param(&auth_url, "scope").as_deref(),
        Some("User.Read openid offline_access")
    );
    assert_eq!(
        param(&auth_url, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert!(param(&auth_url, "code_challenge").is_some());
    assert!(!auth_url.contains(GRAPH_CLIENT_SECRET));
    let state = param(&auth_url, "state").unwrap();

    // 2. The end user signs in and approves at the provider.
    let callback = approve(&mut browser, &auth_url, &s.harness.graph, false).await;
    assert!(
        callback.starts_with(&format!("{}/v1/oauth/callback?", s.service)),
        "{callback}"
    );
    assert_eq!(param(&callback, "state").as_deref(), Some(state.as_str()));
    let code = param(&callback, "code").expect("a code");

    // A changed state never reaches the token endpoint.
    let mut tampered = state.clone().into_bytes();
    let i = tampered.len() / 2;
    tampered[i] = if tampered[i] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    let (st, h, body) = callback_in(&mut browser, &with_param(&callback, "state", &tampered)).await;
    assert_eq!(st, 400);
    let p = problem(st, &h, &body);
    assert_eq!(p["type"], "urn:connectspec:problem:oauth-bad-state");
    bodies.push(body);
    let (st, h, body) = get(&with_param(&callback, "state", "not-a-state")).await;
    assert_eq!(st, 400);
    problem(st, &h, &body);
    bodies.push(body);
    // The callback URL intercepted and replayed from another client (no cookie): no
    // exchange, no result, and the end user's own flow is unharmed.
    let (st, h, body) = get(&callback).await;
    assert_eq!(st, 400, "{body}");
    let p = problem(st, &h, &body);
    assert_eq!(p["type"], "urn:connectspec:problem:oauth-unbound");
    assert!(!body.contains("result"), "{body}");
    bodies.push(body);

    // 3. Callback in the end user's browser: the code is exchanged (with the PKCE
    // verifier from the state), the connection test runs, and the browser gets a
    // sealed result, never a token.
    let cookies_before = browser.cookie_header();
    let (st, h, body) = callback_in(&mut browser, &callback).await;
    assert_eq!(st, 200, "{body}");
    assert!(h.contains("cache-control: no-store"), "{h}");
    assert!(h.contains("Max-Age=0"), "the binding cookie is spent: {h}");
    let linked: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(linked["provider"], "microsoft_graph");
    assert_eq!(linked["values"]["tenant"], TENANT);
    bodies.push(body);
    // The back end redeems the result for the tokens.
    let t = exchange(&s.service, linked["result"].as_str().unwrap()).await;
    assert_eq!(t["provider"], "microsoft_graph");
    assert_eq!(t["method"], "oauth");
    let access = t["tokens"]["access_token"].as_str().unwrap().to_owned();
    let refresh = t["tokens"]["refresh_token"]
        .as_str()
        .expect("a refresh token")
        .to_owned();
    assert!(t["tokens"]["expires_at"].as_u64().unwrap() > common_now());
    assert_eq!(
        t["values"]["tenant"], TENANT,
        "the normalised tenant is handed back"
    );
    assert_eq!(t["fields"]["tenant"], TENANT);
    handoffs.push(t.clone());
    // A result that was changed is refused.
    let mut bad = linked["result"].as_str().unwrap().to_owned().into_bytes();
    let i = bad.len() / 2;
    bad[i] = if bad[i] == b'A' { b'B' } else { b'A' };
    let (st, h, body) = post(
        &format!("{}/v1/link/exchange", s.service),
        &json!({"result": String::from_utf8(bad).unwrap()}),
    )
    .await;
    assert_eq!(st, 400, "{body}");
    assert_eq!(
        problem(st, &h, &body)["type"],
        "urn:connectspec:problem:link-result-invalid"
    );

    // 4. Connection test with the access token: the provider's userinfo endpoint.
    let (st, _h, body) = post(
        &format!("{}{graph}/test", s.service),
        &json!({"fields": {"tenant": TENANT}, "access_token": access}),
    )
    .await;
    assert_eq!(st, 200, "{body}");
    let r: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(r["ok"], true, "{r}");
    assert_eq!(r["status"], 200);
    bodies.push(body);

    // 5. Refresh, then the connection test with the new access token.
    let (st, h, body) = post(
        &format!("{}{graph}/refresh", s.service),
        &json!({"fields": {"tenant": TENANT}, "refresh_token": refresh}),
    )
    .await;
    assert_eq!(st, 200, "{body}");
    assert!(h.contains("cache-control: no-store"));
    let t2: Value = serde_json::from_str(&body).unwrap();
    let access2 = t2["access_token"].as_str().unwrap().to_owned();
    assert_ne!(access2, access, "a new access token");
    handoffs.push(t2.clone());
    let (st, _h, body) = post(
        &format!("{}{graph}/test", s.service),
        &json!({"fields": {"tenant": TENANT}, "access_token": access2}),
    )
    .await;
    assert_eq!(st, 200, "{body}");
    let r: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(r["ok"], true, "{r}");
    bodies.push(body);
    // The same callback again in the same browser: its binding was spent, and even
    // with the old cookie put back the state is good for one flow only. The provider
    // never sees the code a second time.
    let (st, h, body) = callback_in(&mut browser, &callback).await;
    assert_eq!(st, 400, "{body}");
    assert_eq!(
        problem(st, &h, &body)["type"],
        "urn:connectspec:problem:oauth-unbound"
    );
    bodies.push(body);
    let res = reqwest::Client::new()
        .get(&callback)
        .header("accept", "application/json")
        .header("cookie", cookies_before)
        .send()
        .await
        .unwrap();
    let (st, h, body) = common::observed(res).await;
    assert_eq!(st, 400, "{body}");
    assert_eq!(
        problem(st, &h, &body)["type"],
        "urn:connectspec:problem:oauth-unbound"
    );
    bodies.push(body);

    // A made-up token: the spec's 401 meaning.
    let (st, _h, body) = post(
        &format!("{}{graph}/test", s.service),
        &json!({"fields": {"tenant": TENANT}, "access_token": "not-a-real-token-0123456789"}),
    )
    .await;
    assert_eq!(st, 200, "{body}");
    let r: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(r["ok"], false);
    assert_eq!(r["status"], 401);
    assert!(
        r["message"]
            .as_str()
            .unwrap()
            .contains("did not accept the access token")
    );

    // 6. The end user cancels at the provider: access_denied, in words.
    let (st, _h, body) = post(
        &format!("{}{graph}/authorize", s.service),
        &json!({"fields": {"tenant": TENANT}, "scopes": ["User.Read", "Mail.Read"]}),
    )
    .await;
    assert_eq!(st, 200, "{body}");
    let a: Value = serde_json::from_str(&body).unwrap();
    let mut browser = Browser::new();
    let auth_url = start_flow(&mut browser, a["start_url"].as_str().unwrap(), &s.service).await;
    assert_eq!(
        param(&auth_url, "scope").as_deref(),
        Some("User.Read Mail.Read openid offline_access")
    );
    let denied = approve(&mut browser, &auth_url, &s.harness.graph, true).await;
    assert_eq!(param(&denied, "error").as_deref(), Some("access_denied"));
    let (st, h, body) = callback_in(&mut browser, &denied).await;
    assert_eq!(st, 400, "{body}");
    let p = problem(st, &h, &body);
    assert_eq!(p["type"], "urn:connectspec:problem:oauth-access-denied");
    assert_eq!(
        p["detail"],
        "You did not allow access at Microsoft Graph, so the account was not linked. To link it, start again and approve the request at Microsoft Graph."
    );
    assert_eq!(p["provider_error"]["error"], "access_denied");
    bodies.push(body);

    // An undeclared scope and a bad tenant are refused before anything is sent.
    let (st, _h, body) = post(
        &format!("{}{graph}/authorize", s.service),
        &json!({"fields": {"tenant": TENANT}, "scopes": ["Directory.ReadWrite.All"]}),
    )
    .await;
    assert_eq!(st, 400, "{body}");
    let (st, _h, body) = post(
        &format!("{}{graph}/authorize", s.service),
        &json!({"fields": {"tenant": "evil.example/../x"}}),
    )
    .await;
    assert_eq!(st, 422, "{body}");
    // A tenant no domain name can be (10 KB, valid by its pattern) is refused by its
    // DNS length, so no authorization URL or state of that size is issued.
    let long_tenant = format!("{}.onmicrosoft.com", "a".repeat(10_000));
    let (st, _h, body) = post(
        &format!("{}{graph}/authorize", s.service),
        &json!({"fields": {"tenant": long_tenant}}),
    )
    .await;
    assert_eq!(st, 422, "{body}");
    assert!(
        body.contains("\"tenant\"") && !body.contains(&long_tenant),
        "{body}"
    );

    // 7. Client credentials: PayPal's token endpoint, HTTP basic client authentication.
    let (st, h, body) = post(
        &format!(
            "{}/v1/providers/paypal/methods/client_credentials/token",
            s.service
        ),
        &json!({"fields": {"environment": "api-m.sandbox.paypal.com"}}),
    )
    .await;
    assert_eq!(st, 200, "{body}");
    assert!(h.contains("cache-control: no-store"));
    let c: Value = serde_json::from_str(&body).unwrap();
    let cc_token = c["access_token"].as_str().unwrap().to_owned();
    assert!(c["expires_at"].as_u64().unwrap() > common_now());
    assert_eq!(c["values"]["environment"], "api-m.sandbox.paypal.com");
    handoffs.push(c.clone());
    // The token is live at the authorization server.
    let introspect = reqwest::Client::new()
        .post(format!("{}/v1/oauth2/token/introspect", s.harness.paypal))
        .basic_auth(PAYPAL_CLIENT_ID, Some(PAYPAL_CLIENT_SECRET))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("token={cc_token}"))
        .send()
        .await
        .unwrap();
    let i: Value = introspect.json().await.unwrap();
    assert_eq!(i["active"], true, "{i}");
    assert_eq!(i["client_id"], PAYPAL_CLIENT_ID);
    // The wrong grant's endpoint says which one to use.
    let (st, _h, body) = post(
        &format!(
            "{}/v1/providers/paypal/methods/client_credentials/authorize",
            s.service
        ),
        &json!({"fields": {"environment": "api-m.sandbox.paypal.com"}}),
    )
    .await;
    assert_eq!(st, 400, "{body}");
    bodies.push(body);

    // 8. No token, code, secret or verifier outside the handoffs.
    let mut secrets: Vec<String> = vec![
        GRAPH_CLIENT_SECRET.to_owned(),
        PAYPAL_CLIENT_SECRET.to_owned(),
        code.clone(),
        access.clone(),
        refresh.clone(),
        access2.clone(),
        cc_token.clone(),
        state.clone(),
    ];
    if let Some(r2) = t2["refresh_token"].as_str() {
        secrets.push(r2.to_owned());
    }
    for b in &bodies {
        for secret in &secrets {
            assert!(!b.contains(secret.as_str()), "a secret in a body: {b}");
        }
    }
    let text = String::from_utf8(logs.bytes()).unwrap();
    assert!(
        text.contains("authorization completed"),
        "no OAuth log lines captured"
    );
    for line in text.lines() {
        for secret in &secrets {
            assert!(
                !line.contains(secret.as_str()),
                "a secret in a log line: {line}"
            );
        }
    }
    assert_eq!(handoffs.len(), 3);
}

fn common_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_and_rotated_out_states_are_refused() {
    // A state lifetime of one second.
    let s = start(&state_key(9), 1).await;
    let graph = "/v1/providers/microsoft_graph/methods/oauth";
    let (st, _h, body) = post(
        &format!("{}{graph}/authorize", s.service),
        &json!({"fields": {"tenant": TENANT}}),
    )
    .await;
    assert_eq!(st, 200, "{body}");
    let a: Value = serde_json::from_str(&body).unwrap();
    let mut browser = Browser::new();
    let auth_url = start_flow(&mut browser, a["start_url"].as_str().unwrap(), &s.service).await;
    let callback = approve(&mut browser, &auth_url, &s.harness.graph, false).await;
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let (st, h, body) = callback_in(&mut browser, &callback).await;
    assert_eq!(st, 400, "{body}");
    let p = problem(st, &h, &body);
    assert_eq!(p["type"], "urn:connectspec:problem:oauth-bad-state");
    assert!(p["detail"].as_str().unwrap().contains("expired"));
}
