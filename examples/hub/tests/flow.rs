//! The hub's HTTP flow against a stand-in connectspec service that speaks the link-session
//! contract (`POST /v1/link/sessions`, `POST /v1/link/exchange`, operator key required):
//! sign-in, the same-origin rule, link sessions, redeeming results (refused for another
//! user, a replay, malformed credentials, an invalid result), the page, a reconnect, and
//! the database file without a secret in clear.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use connectspec_example_hub::connectspec::{Client, Offer};
use connectspec_example_hub::{AppState, Config, DbLocation, web};
use serde_json::{Value, json};
use zeroize::Zeroizing;

const API_KEY: &str = "test-operator-key-0123456789abcdef0123456789";
const TOKEN: &str = "Kq7ZpR2mXv9LcT4nWb8YhJ3sDf6Gk1Na5Ue0OiPz";
const TOKEN2: &str = "3f9c2a7e-41bd-4c0a-9e6f-2b8d51c7a0e4f1b2";

#[derive(Default)]
struct Standin {
    /// Bodies of the session requests received.
    sessions: Vec<Value>,
    /// Exchange answers by result.
    results: HashMap<String, Value>,
}

type Shared = Arc<Mutex<Standin>>;

fn authorized(headers: &HeaderMap) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        == Some(&format!("Bearer {API_KEY}"))
}

fn problem(status: StatusCode, detail: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        json!({"title": "problem", "detail": detail}).to_string(),
    )
        .into_response()
}

async fn sessions(
    State(s): State<Shared>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if !authorized(&headers) {
        return problem(StatusCode::UNAUTHORIZED, "no key");
    }
    let mut s = s.lock().unwrap();
    s.sessions.push(body);
    let n = s.sessions.len();
    (
        StatusCode::CREATED,
        Json(json!({
            "session_token": format!("session-token-{n}"),
            "url": format!("http://service.invalid/link#session=session-token-{n}"),
            "expires_at": 2_000_000_000u64,
        })),
    )
        .into_response()
}

async fn exchange(
    State(s): State<Shared>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if !authorized(&headers) {
        return problem(StatusCode::UNAUTHORIZED, "no key");
    }
    let result = body["result"].as_str().unwrap_or_default();
    match s.lock().unwrap().results.get(result) {
        Some(answer) => Json(answer.clone()).into_response(),
        None => problem(
            StatusCode::BAD_REQUEST,
            "The link result is invalid or has expired.",
        ),
    }
}

async fn serve(listener: tokio::net::TcpListener, app: Router) {
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
}

struct Env {
    hub: String,
    standin: Shared,
    http: reqwest::Client,
    db: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

async fn start(api_key: &str) -> Env {
    let standin: Shared = Arc::default();
    let service = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let service_addr: SocketAddr = service.local_addr().unwrap();
    serve(
        service,
        Router::new()
            .route("/v1/link/sessions", post(sessions))
            .route("/v1/link/exchange", post(exchange))
            .with_state(standin.clone()),
    )
    .await;

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hub.sqlite3");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hub = format!("http://{}", listener.local_addr().unwrap());
    let config = Config {
        public_origin: hub.clone(),
        service_url: format!("http://{service_addr}/").parse().unwrap(),
        offers: vec![Offer {
            provider: "oneflow".into(),
            method: "api_token".into(),
        }],
        session_ttl_secs: 600,
    };
    let client = Client::new(config.service_url.clone(), Zeroizing::new(api_key.into()));
    let state = AppState::new(config, &[4u8; 32], DbLocation::File(&db), client).unwrap();
    serve(listener, web::router(Arc::new(state))).await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .unwrap();
    Env {
        hub,
        standin,
        http,
        db,
        _dir: dir,
    }
}

impl Env {
    async fn login(&self, user: &str) -> String {
        let res = self
            .http
            .post(format!("{}/login", self.hub))
            .header(header::ORIGIN, &self.hub)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(format!("user={user}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let set = res.headers()[header::SET_COOKIE].to_str().unwrap();
        assert!(
            set.contains("HttpOnly") && set.contains("SameSite=Lax"),
            "{set}"
        );
        set.split(';').next().unwrap().to_owned()
    }

    /// POSTs JSON as the hub's page does; status and body.
    async fn api(
        &self,
        cookie: Option<&str>,
        origin: Option<&str>,
        path: &str,
        body: Value,
    ) -> (StatusCode, Value) {
        let mut req = self
            .http
            .post(format!("{}{path}", self.hub))
            .header(header::CONTENT_TYPE, "application/json")
            .body(body.to_string());
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        if let Some(o) = origin {
            req = req.header(header::ORIGIN, o);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        let text = res.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    async fn page(&self, cookie: &str) -> String {
        let res = self
            .http
            .get(format!("{}/", self.hub))
            .header(header::COOKIE, cookie)
            .send()
            .await
            .unwrap();
        let csp = res.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            csp.contains("script-src 'self' http://127.0.0.1:") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        res.text().await.unwrap()
    }

    fn result(&self, name: &str, answer: Value) {
        self.standin
            .lock()
            .unwrap()
            .results
            .insert(name.into(), answer);
    }
}

fn answer(user: &str, session: &str, token: &str, connection: Option<&str>) -> Value {
    json!({
        "provider": "oneflow",
        "method": "api_token",
        "end_user": user,
        "session": session,
        "connection": connection,
        "identity": "Acme AB (account 42)",
        "fields": {"api_token": token, "user_email": " ada@example.com "},
        // A captured value beside the field's: stored, but not a form field to pre-fill.
        "values": {"user_email": "ada@example.com", "account_region": "eu"},
        "tokens": null,
    })
}

fn db_bytes(path: &std::path::Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    for suffix in ["-journal", "-wal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        bytes.extend(std::fs::read(&p).unwrap_or_default());
    }
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn link_store_and_reconnect_through_the_hub() {
    let env = start(API_KEY).await;
    let hub = env.hub.as_str();
    let link = json!({"provider": "oneflow", "method": "api_token"});

    // Signed out: the sign-in page; a sign-in from another origin is refused.
    let res = env.http.get(format!("{hub}/")).send().await.unwrap();
    assert!(res.text().await.unwrap().contains("action=\"/login\""));
    let res = env
        .http
        .post(format!("{hub}/login"))
        .header(header::ORIGIN, "http://evil.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("user=ada")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let ada = env.login("ada").await;

    // A link session: only same-origin, signed in, for an offered method.
    let (status, _) = env
        .api(Some(&ada), None, "/api/link-sessions", link.clone())
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = env
        .api(
            Some(&ada),
            Some("http://evil.example"),
            "/api/link-sessions",
            link.clone(),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = env
        .api(None, Some(hub), "/api/link-sessions", link.clone())
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = env
        .api(
            Some(&ada),
            Some(hub),
            "/api/link-sessions",
            json!({"provider": "webflow", "method": "site_token"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = env
        .api(Some(&ada), Some(hub), "/api/link-sessions", link.clone())
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["session_token"], "session-token-1");
    assert_eq!(
        (body["provider"].as_str(), body["method"].as_str()),
        (Some("oneflow"), Some("api_token"))
    );
    let sent = env.standin.lock().unwrap().sessions[0].clone();
    assert_eq!(sent["end_user"], "ada");
    assert_eq!(sent["origin"], hub);
    assert_eq!(
        sent["offers"],
        json!([{"provider": "oneflow", "method": "api_token"}])
    );
    assert!(sent.get("reconnect").is_none());

    // Redeeming: another user's result, malformed credentials and an unknown result are
    // refused; a good one is stored once.
    env.result("for-bob", answer("bob", "s0", TOKEN, None));
    let (status, _) = env
        .api(
            Some(&ada),
            Some(hub),
            "/api/connections",
            json!({"result": "for-bob"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    env.result("short", answer("ada", "s-short", &TOKEN[..39], None));
    let (status, body) = env
        .api(
            Some(&ada),
            Some(hub),
            "/api/connections",
            json!({"result": "short"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["field"], "api_token");
    assert!(!body.to_string().contains(&TOKEN[..39]));
    let (status, body) = env
        .api(
            Some(&ada),
            Some(hub),
            "/api/connections",
            json!({"result": "unknown"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["detail"], "The link result is invalid or has expired.");

    env.result("r1", answer("ada", "s1", TOKEN, None));
    let (status, body) = env
        .api(
            Some(&ada),
            Some(hub),
            "/api/connections",
            json!({"result": "r1"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["id"].as_str().unwrap().to_owned();
    assert_eq!(body["redirect"], format!("/?linked={id}"));
    assert!(!body.to_string().contains(TOKEN));
    let (status, _) = env
        .api(
            Some(&ada),
            Some(hub),
            "/api/connections",
            json!({"result": "r1"}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "a result is redeemed once");

    // The page lists it, without a secret; another user sees nothing of it.
    let html = env.page(&ada).await;
    assert!(
        html.contains("Acme AB (account 42)")
            && html.contains("data-connection=\"")
            && html.contains(&id)
    );
    assert!(!html.contains(TOKEN));
    let bob = env.login("bob").await;
    assert!(env.page(&bob).await.contains("No connections yet."));
    let path = format!("/api/connections/{id}/reconnect-session");
    let (status, _) = env.api(Some(&bob), Some(hub), &path, json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Reconnect: a session bound to the connection's account, the non-secret values
    // pre-filled; the result updates the row.
    let (status, body) = env.api(Some(&ada), Some(hub), &path, json!({})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let sent = env.standin.lock().unwrap().sessions[1].clone();
    assert_eq!(
        sent["reconnect"],
        json!({"connection": id, "provider": "oneflow", "method": "api_token", "identity": "Acme AB (account 42)"})
    );
    assert_eq!(sent["values"], json!({"user_email": "ada@example.com"}));
    assert!(!sent.to_string().contains(TOKEN));
    env.result("r2", answer("ada", "s2", TOKEN2, Some(&id)));
    let (status, body) = env
        .api(
            Some(&ada),
            Some(hub),
            "/api/connections",
            json!({"result": "r2"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["id"], id.as_str());
    assert_eq!(body["redirect"], format!("/?reconnected={id}"));
    let html = env.page(&ada).await;
    assert_eq!(html.matches("<tr data-connection=").count(), 1);
    // A reconnect result naming a connection this user does not have is refused.
    env.result("r3", answer("ada", "s3", TOKEN, Some("no-such-connection")));
    let (status, _) = env
        .api(
            Some(&ada),
            Some(hub),
            "/api/connections",
            json!({"result": "r3"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The database file: neither token in clear.
    let bytes = db_bytes(&env.db);
    assert!(!contains(&bytes, TOKEN) && !contains(&bytes, TOKEN2));
    assert!(contains(&bytes, "Acme AB (account 42)"));
}

#[tokio::test]
async fn a_refused_operator_key_is_the_operators_problem_not_the_end_users() {
    let env = start("a-wrong-operator-key-0123456789abcdef0123").await;
    let ada = env.login("ada").await;
    let link = json!({"provider": "oneflow", "method": "api_token"});
    let (status, body) = env
        .api(Some(&ada), Some(&env.hub), "/api/link-sessions", link)
        .await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    assert_eq!(
        body["detail"],
        "The account linking service is not available right now. Try again in a moment."
    );
    assert!(env.standin.lock().unwrap().sessions.is_empty());
}
