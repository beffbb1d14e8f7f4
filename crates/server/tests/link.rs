//! Link sessions over loopback: who may call what, the sealed result and its exchange,
//! the per-session limit on connection tests, reconnects and `--dev`.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{Answer, OPERATOR_KEY, Service, Stub, config_for, valid_form};
use connectspec_server::Config;
use connectspec_server::state::{StateKey, StateKeys};
use serde_json::{Value, json};

fn keyed(mut c: Config) -> Config {
    c.oauth.keys = Arc::new(StateKeys::new(vec![
        StateKey::from_bytes(&[7u8; 32]).unwrap(),
    ]));
    c
}

/// The oneflow form, its secret, and a service whose Oneflow tests go to `stub`.
async fn setup(answer: Answer) -> (Service, Stub) {
    let stub = Stub::start(answer).await;
    let svc = Service::start(keyed(config_for(
        &["oneflow", "webflow"],
        &stub.url,
        Duration::from_secs(3),
    )))
    .await;
    (svc, stub)
}

async fn send(
    svc: &Service,
    path: &str,
    auth: Option<(&str, &str)>,
    body: &Value,
) -> (u16, Value, String) {
    let mut req = reqwest::Client::new()
        .post(svc.url(path))
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some((h, v)) = auth {
        req = req.header(h, v);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let headers = format!("{:?}", res.headers());
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::Null),
        format!("{headers}\n{text}"),
    )
}

fn operator() -> Option<(&'static str, String)> {
    Some(("authorization", format!("Bearer {OPERATOR_KEY}")))
}

async fn open_session(svc: &Service, body: Value) -> String {
    let op = operator();
    let (st, v, text) = send(
        svc,
        "/v1/link/sessions",
        op.as_ref().map(|(h, v)| (*h, v.as_str())),
        &body,
    )
    .await;
    assert_eq!(st, 201, "{text}");
    assert!(v["url"].as_str().unwrap().contains("/link#session="), "{v}");
    v["session_token"].as_str().unwrap().to_owned()
}

fn oneflow_form() -> serde_json::Map<String, Value> {
    let cat = common::catalogue();
    let spec = &cat
        .specs
        .iter()
        .find(|s| s.spec.id == "oneflow")
        .unwrap()
        .spec;
    valid_form("oneflow", &spec.auth_methods[0])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_links_an_account_and_only_the_back_end_reads_the_result() {
    let (svc, stub) = setup(Answer::Status(200)).await;
    let form = oneflow_form();
    let secret = form["api_token"].as_str().unwrap().to_owned();

    // Session creation and exchange are the back end's: 401 without a key.
    for path in ["/v1/link/sessions", "/v1/link/exchange"] {
        let (st, v, text) = send(&svc, path, None, &json!({})).await;
        assert_eq!(st, 401, "{text}");
        assert_eq!(v["type"], "urn:connectspec:problem:unauthorized");
    }
    // The form's endpoints want a session (or a key).
    let (st, v, _) = send(
        &svc,
        "/v1/link/connect",
        None,
        &json!({"provider": "oneflow", "method": "api_token", "fields": form}),
    )
    .await;
    assert_eq!(st, 401);
    assert_eq!(v["type"], "urn:connectspec:problem:session-required");
    assert!(stub.seen().is_empty(), "nothing reached the provider");

    let token = open_session(
        &svc,
        json!({"end_user": "user-42", "offers": [{"provider": "oneflow"}]}),
    )
    .await;
    let session = Some(("connectspec-session", token.as_str()));
    // Validate and connect in the session.
    let (st, v, text) = send(
        &svc,
        "/v1/providers/oneflow/methods/api_token/validate",
        session,
        &json!({"fields": form}),
    )
    .await;
    assert_eq!(st, 200, "{text}");
    assert_eq!(v["valid"], true);
    // A method the session does not offer.
    let (st, v, text) = send(
        &svc,
        "/v1/providers/webflow/methods/site_token/validate",
        session,
        &json!({"fields": {}}),
    )
    .await;
    assert_eq!(st, 403, "{text}");
    assert_eq!(v["type"], "urn:connectspec:problem:not-offered");

    let (st, v, text) = send(
        &svc,
        "/v1/link/connect",
        session,
        &json!({"provider": "oneflow", "method": "api_token", "fields": form}),
    )
    .await;
    assert_eq!(st, 200, "{text}");
    assert_eq!(v["ok"], true);
    assert!(
        !text.contains(&secret),
        "the secret came back to the browser: {text}"
    );
    assert_eq!(stub.seen().len(), 1, "the connection test ran");
    let result = v["result"].as_str().unwrap().to_owned();

    // The result opens only with an operator key, and gives the credentials.
    let (st, _, _) = send(
        &svc,
        "/v1/link/exchange",
        session,
        &json!({"result": result}),
    )
    .await;
    assert_eq!(st, 401, "a session token is not an operator key");
    let op = operator();
    let op = op.as_ref().map(|(h, v)| (*h, v.as_str()));
    let (st, v, text) = send(&svc, "/v1/link/exchange", op, &json!({"result": result})).await;
    assert_eq!(st, 200, "{text}");
    assert_eq!(v["provider"], "oneflow");
    assert_eq!(v["end_user"], "user-42");
    assert_eq!(v["fields"]["api_token"], secret.as_str());
    assert!(v["tokens"].is_null());
    // A session token is not a result, nor the other way round.
    let (st, v, _) = send(&svc, "/v1/link/exchange", op, &json!({"result": token})).await;
    assert_eq!(st, 400);
    assert_eq!(v["type"], "urn:connectspec:problem:link-result-invalid");
    let (st, v, _) = send(
        &svc,
        "/v1/link/connect",
        Some(("connectspec-session", result.as_str())),
        &json!({"provider": "oneflow", "method": "api_token", "fields": form}),
    )
    .await;
    assert_eq!(st, 401);
    assert_eq!(v["type"], "urn:connectspec:problem:session-required");
    svc.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_requests_are_checked_against_the_catalogue() {
    let (svc, _stub) = setup(Answer::Status(200)).await;
    let op = operator();
    let op = op.as_ref().map(|(h, v)| (*h, v.as_str()));
    let secret = "of_s3cr3t_value_in_a_session";
    for (body, what) in [
        (json!({"end_user": "u", "offers": []}), "names no provider"),
        (
            json!({"end_user": "u", "offers": [{"provider": "nope"}]}),
            "names no provider",
        ),
        (
            json!({"end_user": "u", "offers": [{"provider": "oneflow", "method": "nope"}]}),
            "no such method",
        ),
        (
            json!({"end_user": "u", "offers": [{"provider": "oneflow"}], "values": {"api_token": secret}}),
            "secret field",
        ),
        (
            json!({"end_user": "u", "offers": [{"provider": "oneflow"}], "origin": "https://evil.example"}),
            "embed origin",
        ),
        (
            json!({"end_user": "u", "offers": [{"provider": "oneflow"}], "expires_in": 5}),
            "expires_in",
        ),
        (
            json!({"end_user": "", "offers": [{"provider": "oneflow"}]}),
            "end_user",
        ),
    ] {
        let (st, v, text) = send(&svc, "/v1/link/sessions", op, &body).await;
        assert_eq!(st, 422, "{text}");
        assert!(
            v["detail"].as_str().unwrap().contains(what),
            "{what}: {text}"
        );
        assert!(!text.contains(secret), "{text}");
    }
    svc.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_session_is_refused_in_words() {
    let stub = Stub::start(Answer::Status(200)).await;
    let mut c = keyed(config_for(&["oneflow"], &stub.url, Duration::from_secs(3)));
    c.dev = false;
    let svc = Service::start(c).await;
    // A session sealed an hour ago with this service's key: as the clock sees it.
    let claims = connectspec_server::link::session::SessionClaims {
        sid: "s".into(),
        u: "u".into(),
        o: vec![connectspec_server::link::session::Offer {
            p: "oneflow".into(),
            m: None,
        }],
        v: Default::default(),
        s: vec![],
        a: vec![],
        l: None,
        org: None,
        ret: None,
        rc: None,
        iat: 1,
        exp: 2,
    };
    let keys = StateKeys::new(vec![StateKey::from_bytes(&[7u8; 32]).unwrap()]);
    let token = keys
        .seal_as(connectspec_server::state::Purpose::Session, &claims)
        .unwrap();
    use connectspec_runtime::ExposeSecret as _;
    let (st, v, _) = send(
        &svc,
        "/v1/link/connect",
        Some(("connectspec-session", token.expose_secret())),
        &json!({"provider": "oneflow", "method": "api_token", "fields": oneflow_form()}),
    )
    .await;
    assert_eq!(st, 401);
    assert_eq!(v["type"], "urn:connectspec:problem:session-expired");
    assert_eq!(
        v["detail"],
        "This link has expired. Go back and start linking the account again."
    );
    assert!(stub.seen().is_empty());
    svc.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_tests_are_limited_per_session() {
    let (svc, stub) = setup(Answer::Status(401)).await;
    let form = oneflow_form();
    let token = open_session(
        &svc,
        json!({"end_user": "u", "offers": [{"provider": "oneflow", "method": "api_token"}]}),
    )
    .await;
    let session = Some(("connectspec-session", token.as_str()));
    let limit = connectspec_server::link::limit::TESTS_PER_MINUTE as usize;
    for i in 0..limit {
        let path = if i % 2 == 0 {
            "/v1/link/connect"
        } else {
            "/v1/providers/oneflow/methods/api_token/test"
        };
        let body = if i % 2 == 0 {
            json!({"provider": "oneflow", "method": "api_token", "fields": form})
        } else {
            json!({"fields": form})
        };
        let (st, v, text) = send(&svc, path, session, &body).await;
        assert_eq!(st, 200, "{text}");
        assert_eq!(v["ok"], false, "the stand-in refuses the key");
    }
    let (st, v, text) = send(
        &svc,
        "/v1/link/connect",
        session,
        &json!({"provider": "oneflow", "method": "api_token", "fields": form}),
    )
    .await;
    assert_eq!(st, 429, "{text}");
    assert_eq!(v["type"], "urn:connectspec:problem:too-many-tests");
    assert!(text.contains("\"retry-after\": \"60\""), "{text}");
    assert_eq!(stub.seen().len(), limit, "the refused test sent nothing");
    // Another session has its own allowance.
    let other = open_session(
        &svc,
        json!({"end_user": "u2", "offers": [{"provider": "oneflow"}]}),
    )
    .await;
    let (st, _, text) = send(
        &svc,
        "/v1/link/connect",
        Some(("connectspec-session", other.as_str())),
        &json!({"provider": "oneflow", "method": "api_token", "fields": form}),
    )
    .await;
    assert_eq!(st, 200, "{text}");
    svc.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dev_mode_lifts_sessions_on_loopback_only() {
    let (svc, _stub) = setup(Answer::Status(200)).await;
    let stub = Stub::start(Answer::Status(200)).await;
    let mut c = config_for(&["oneflow"], &stub.url, Duration::from_secs(3));
    c.dev = true;
    let dev = Service::start(c).await;
    let (st, v, text) = send(
        &dev,
        "/v1/link/connect",
        None,
        &json!({"provider": "oneflow", "method": "api_token", "fields": oneflow_form()}),
    )
    .await;
    assert_eq!(st, 200, "{text}");
    assert!(
        v["result"].is_string(),
        "a key of its own seals results: {v}"
    );
    dev.stop().await.unwrap();
    svc.stop().await.unwrap();
    let settings = connectspec_server::Settings {
        listen: "0.0.0.0:8080".parse().unwrap(),
        dev: true,
        ..Default::default()
    };
    let err = Config::from_settings_and_env(&settings, Vec::new()).unwrap_err();
    assert!(err.0.contains("loopback"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reconnect_links_the_same_account_and_refuses_another() {
    let (svc, stub) = setup(Answer::Body(
        200,
        r#"{"id": "usr-4711", "email": "ada@example.com"}"#,
    ))
    .await;
    let cat = common::catalogue();
    let spec = &cat
        .specs
        .iter()
        .find(|s| s.spec.id == "webflow")
        .unwrap()
        .spec;
    let form = valid_form("webflow", &spec.auth_methods[0]);
    let op = operator();
    let op = op.as_ref().map(|(h, v)| (*h, v.as_str()));

    // A first link names the account; the result and its exchange carry it.
    let token = open_session(
        &svc,
        json!({"end_user": "u", "offers": [{"provider": "webflow"}]}),
    )
    .await;
    let (st, v, text) = send(
        &svc,
        "/v1/link/connect",
        Some(("connectspec-session", token.as_str())),
        &json!({"provider": "webflow", "method": "site_token", "fields": form}),
    )
    .await;
    assert_eq!(st, 200, "{text}");
    assert_eq!(v["identity"], "usr-4711");
    let (_, x, _) = send(
        &svc,
        "/v1/link/exchange",
        op,
        &json!({"result": v["result"]}),
    )
    .await;
    assert_eq!(x["identity"], "usr-4711");
    assert!(x["connection"].is_null());

    let reconnect = |identity: &str| {
        json!({"end_user": "u", "offers": [],
               "reconnect": {"connection": "conn-7", "provider": "webflow", "method": "site_token", "identity": identity}})
    };
    // The same account: linked, and the result names the connection it repairs.
    let token = open_session(&svc, reconnect("usr-4711")).await;
    let session = Some(("connectspec-session", token.as_str()));
    let (st, v, text) = send(
        &svc,
        "/v1/link/connect",
        session,
        &json!({"provider": "webflow", "method": "site_token", "fields": form}),
    )
    .await;
    assert_eq!(st, 200, "{text}");
    let (_, x, _) = send(
        &svc,
        "/v1/link/exchange",
        op,
        &json!({"result": v["result"]}),
    )
    .await;
    assert_eq!(x["connection"], "conn-7");
    // A reconnect session offers its method only.
    let (st, _, _) = send(
        &svc,
        "/v1/link/connect",
        session,
        &json!({"provider": "oneflow", "method": "api_token", "fields": oneflow_form()}),
    )
    .await;
    assert_eq!(st, 403);

    // Another account: refused in words, no result.
    let token = open_session(&svc, reconnect("usr-1")).await;
    let (st, v, text) = send(
        &svc,
        "/v1/link/connect",
        Some(("connectspec-session", token.as_str())),
        &json!({"provider": "webflow", "method": "site_token", "fields": form}),
    )
    .await;
    assert_eq!(st, 409, "{text}");
    assert_eq!(v["type"], "urn:connectspec:problem:different-account");
    assert!(
        v["detail"]
            .as_str()
            .unwrap()
            .starts_with("This is a different Webflow account from the one linked before."),
        "{v}"
    );
    assert!(v.get("result").is_none());
    assert_eq!(stub.seen().len(), 3);

    // A method whose test names no account cannot be asked to compare one.
    let (st, v, text) = send(
        &svc,
        "/v1/link/sessions",
        op,
        &json!({"end_user": "u", "offers": [],
                "reconnect": {"connection": "c", "provider": "oneflow", "method": "api_token", "identity": "x"}}),
    )
    .await;
    assert_eq!(st, 422, "{text}");
    assert!(
        v["detail"].as_str().unwrap().contains("names no account"),
        "{v}"
    );
    svc.stop().await.unwrap();
}
