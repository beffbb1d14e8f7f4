//! OAuth clients the end user brings (`oauth.client: end_user`): Zoom's Server-to-Server
//! OAuth app belongs to one Zoom account, so each end user enters its credentials in
//! the form. The link form's connect fetches a token with them and runs the connection
//! test; the result hands the back end the token and the client, for later tokens.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use base64::Engine as _;
use common::{Answer, OPERATOR_KEY, Service, Stub};
use connectspec_server::Config;
use connectspec_server::config::oauth::{OAuthArgs, OAuthConfig};
use serde_json::{Value, json};

const CLIENT: (&str, &str, &str) = (
    "Xq3aT9bZRkeW2mJ8pLc4Ng",
    "hNv7YdK2QsWpx3Lb9TmRzA",
    "Zk8Pq2Lw5Rt9Yv3Bn7Hc1Jd4Fg6Ks0Pa",
);

async fn service(stub: &Stub, clients: Option<&std::path::Path>) -> Result<Service, String> {
    let args = OAuthArgs {
        oauth_state_keys: Some(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([5u8; 32])),
        oauth_redirect_uri: Some("https://hub.example.com/v1/oauth/callback".to_owned()),
        oauth_origin: vec![format!("zoom={}", stub.url)],
        oauth_clients: clients.map(std::path::Path::to_path_buf),
        ..OAuthArgs::default()
    };
    let oauth = OAuthConfig::from_args_and_env(
        &connectspec_server::catalogue::Catalogue::compiled(),
        &args,
        &BTreeMap::new(),
    )
    .map_err(|e| e.0)?;
    Ok(Service::start(Config {
        base_urls: BTreeMap::from([("zoom".to_owned(), url::Url::parse(&stub.url).unwrap())]),
        test_timeout: Duration::from_secs(5),
        oauth,
        api_keys: common::operator_keys(),
        ..Config::default()
    })
    .await)
}

async fn post(svc: &Service, path: &str, auth: (&str, &str), body: &Value) -> (u16, Value, String) {
    let res = reqwest::Client::new()
        .post(svc.url(path))
        .header("content-type", "application/json")
        .header(auth.0, auth.1)
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::Null),
        text,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_end_users_own_client_links_and_reaches_the_back_end_sealed() {
    let stub = Stub::start(Answer::Body(
        200,
        r#"{"access_token": "eyJzdjoiMDAwMDAxIiwiYWxnIjoiSFM1MTIifQ.fake", "token_type": "bearer", "expires_in": 3599, "scope": "user:read:admin"}"#,
    ))
    .await;
    let svc = service(&stub, None).await.unwrap();
    let op = format!("Bearer {OPERATOR_KEY}");
    let (st, v, text) = post(
        &svc,
        "/v1/link/sessions",
        ("authorization", &op),
        &json!({"end_user": "u", "offers": [{"provider": "zoom"}]}),
    )
    .await;
    assert_eq!(st, 201, "{text}");
    let session = v["session_token"].as_str().unwrap().to_owned();
    let s = ("connectspec-session", session.as_str());
    let (account_id, client_id, secret) = CLIENT;

    // The form lists the client's fields for the end user to fill in.
    let detail: Value = reqwest::get(svc.url("/v1/providers/zoom"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let oauth = &detail["methods"][0]["oauth"];
    assert_eq!(oauth["client"], "end_user");
    let keys: Vec<&str> = oauth["client_fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["account_id", "client_id", "client_secret"]);

    // Without the client, or with a broken one: refused before anything is sent.
    let (st, v, _) = post(
        &svc,
        "/v1/link/connect",
        s,
        &json!({"provider": "zoom", "method": "server_to_server", "fields": {}}),
    )
    .await;
    assert_eq!(st, 400, "{v}");
    assert!(v["detail"].as_str().unwrap().contains("`client`"), "{v}");
    let (st, v, text) = post(
        &svc,
        "/v1/link/connect",
        s,
        &json!({"provider": "zoom", "method": "server_to_server", "fields": {},
                "client": {"account_id": account_id, "client_id": client_id, "client_secret": ""}}),
    )
    .await;
    assert_eq!(st, 422, "{text}");
    assert_eq!(v["errors"][0]["pointer"], "/client/client_secret", "{v}");
    assert!(stub.seen().is_empty());

    // With it: a token from the token endpoint with the end user's client, then the test.
    let (st, v, text) = post(
        &svc,
        "/v1/link/connect",
        s,
        &json!({"provider": "zoom", "method": "server_to_server", "fields": {},
                "client": {"account_id": account_id, "client_id": client_id, "client_secret": format!(" {secret}\n")}}),
    )
    .await;
    assert_eq!(st, 200, "{text}");
    assert!(
        !text.contains(secret) && !text.contains("eyJzdjoi"),
        "{text}"
    );
    let seen = stub.seen();
    assert_eq!(seen.len(), 2, "the token request and the connection test");
    let basic = common::basic_credentials(&seen[0]).expect("client_secret_basic");
    assert_eq!(basic, format!("{client_id}:{secret}"));
    assert!(String::from_utf8_lossy(&seen[0].body).contains(&format!("account_id={account_id}")));

    // The back end redeems the result: the token, and the client for later tokens.
    let (st, x, text) = post(
        &svc,
        "/v1/link/exchange",
        ("authorization", &op),
        &json!({"result": v["result"]}),
    )
    .await;
    assert_eq!(st, 200, "{text}");
    assert!(
        x["tokens"]["access_token"]
            .as_str()
            .unwrap()
            .starts_with("eyJzdjoi")
    );
    assert_eq!(x["client"]["client_secret"], secret);
    assert_eq!(x["client"]["account_id"], account_id);

    // The back end fetches a new token with that client.
    let (st, t, text) = post(
        &svc,
        "/v1/providers/zoom/methods/server_to_server/token",
        ("authorization", &op),
        &json!({"fields": {}, "client": x["client"]}),
    )
    .await;
    assert_eq!(st, 200, "{text}");
    assert!(t["access_token"].is_string());
    svc.stop().await.unwrap();

    // A client configured for a method whose clients are the end users' is a mistake.
    let mut file = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(
        &mut file,
        json!({"zoom": {"server_to_server": {"account_id": account_id, "client_id": client_id, "client_secret": secret}}})
            .to_string()
            .as_bytes(),
    )
    .unwrap();
    let err = service(&stub, Some(file.path()))
        .await
        .err()
        .expect("refused at start");
    assert!(err.contains("end user's own app"), "{err}");
    assert!(!err.contains(secret), "{err}");
}
