//! Values the provider hands back in its redirect (`capture` with `source: callback`):
//! QuickBooks Online names the company the end user chose in the callback's `realmId`,
//! and every API path names that company. The callback checks the value by its pattern,
//! keeps it with the result, and the connection test's path uses it.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use base64::Engine as _;
use common::{Answer, OPERATOR_KEY, Service, Stub};
use connectspec_server::Config;
use connectspec_server::config::oauth::{OAuthArgs, OAuthConfig};
use serde_json::{Value, json};

const REALM: &str = "9130357766900456";

async fn service(stub: &Stub, clients: &std::path::Path) -> Service {
    let args = OAuthArgs {
        oauth_state_keys: Some(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([6u8; 32])),
        oauth_redirect_uri: Some("https://hub.example.com/v1/oauth/callback".to_owned()),
        oauth_origin: vec![format!("quickbooks={}", stub.url)],
        oauth_clients: Some(clients.to_path_buf()),
        ..OAuthArgs::default()
    };
    let oauth = OAuthConfig::from_args_and_env(
        &connectspec_server::catalogue::Catalogue::compiled(),
        &args,
        &BTreeMap::new(),
    )
    .expect("OAuth config");
    Service::start(Config {
        base_urls: BTreeMap::from([("quickbooks".to_owned(), url::Url::parse(&stub.url).unwrap())]),
        test_timeout: Duration::from_secs(5),
        oauth,
        api_keys: common::operator_keys(),
        ..Config::default()
    })
    .await
}

/// Authorize and start: the state and the browser's binding cookie.
async fn begin(svc: &Service) -> (String, String) {
    let res = reqwest::Client::new()
        .post(svc.url("/v1/providers/quickbooks/methods/oauth/authorize"))
        .header("authorization", format!("Bearer {OPERATOR_KEY}"))
        .json(&json!({"fields": {"environment": "quickbooks.api.intuit.com"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let a: Value = res.json().await.unwrap();
    let start = url::Url::parse(a["start_url"].as_str().unwrap()).unwrap();
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(svc.url(&format!("{}?{}", start.path(), start.query().unwrap())))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let auth = url::Url::parse(res.headers()["location"].to_str().unwrap()).unwrap();
    assert_eq!(auth.path(), "/connect/oauth2");
    assert!(
        auth.query_pairs().all(|(k, _)| k != "code_challenge"),
        "no PKCE for Intuit"
    );
    let state = auth
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    (state, cookie)
}

async fn callback(svc: &Service, query: &str, cookie: &str) -> (u16, Value) {
    let res = reqwest::Client::new()
        .get(svc.url(&format!("/v1/oauth/callback?{query}")))
        .header("accept", "application/json")
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_company_in_the_redirect_is_checked_kept_and_used() {
    // The stand-in answers the token request and the connection test alike.
    let stub = Stub::start(Answer::Body(
        200,
        r#"{"access_token": "eyJlbmMiOiJBMTI4Q0JDLUhTMjU2fake", "refresh_token": "AB11fake",
            "token_type": "bearer", "expires_in": 3600,
            "CompanyInfo": {"CompanyName": "Craig's Design and Landscaping", "Id": "9130357766900456"}}"#,
    ))
    .await;
    let mut clients = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(
        &mut clients,
        json!({"quickbooks": {"oauth": {"client_id": "ABcD3fGh1jKlMn0pQrStUvWxYz0123456789abcdEFGhijklmn", "client_secret": "kL9mN8bV7cX6zA5sD4fG3hJ2kL1qW0eR9tY8uI7o"}}})
            .to_string()
            .as_bytes(),
    )
    .unwrap();
    let svc = service(&stub, clients.path()).await;

    // A company id of another form, or none: refused before the connection test runs.
    for bad in ["../../v3/company/1", "12a", ""] {
        let (state, cookie) = begin(&svc).await;
        let q = form_urlencoded::Serializer::new(String::new())
            .append_pair("code", "AB11fakecode")
            .append_pair("state", &state)
            .append_pair("realmId", bad)
            .finish();
        let (st, p) = callback(&svc, &q, &cookie).await;
        assert_eq!(st, 502, "{bad:?}: {p}");
        assert_eq!(p["type"], "urn:connectspec:problem:provider-bad-answer");
        assert!(!p.to_string().contains("v3/company/1"), "{p}");
    }
    assert!(
        stub.take_seen()
            .iter()
            .all(|s| !s.path_and_query.contains("companyinfo")),
        "no connection test with a refused value"
    );
    let (state, cookie) = begin(&svc).await;
    let q = form_urlencoded::Serializer::new(String::new())
        .append_pair("code", "AB11fakecode")
        .append_pair("state", &state)
        .finish();
    let (st, _) = callback(&svc, &q, &cookie).await;
    assert_eq!(st, 502, "a redirect without the company");

    // The company the end user chose: kept with the result, named by the test's path.
    let (state, cookie) = begin(&svc).await;
    let q = form_urlencoded::Serializer::new(String::new())
        .append_pair("code", "AB11fakecode")
        .append_pair("state", &state)
        .append_pair("realmId", REALM)
        .finish();
    stub.take_seen();
    let (st, linked) = callback(&svc, &q, &cookie).await;
    assert_eq!(st, 200, "{linked}");
    assert_eq!(linked["values"]["realm_id"], REALM);
    assert_eq!(
        linked["identity"], REALM,
        "the connection test names the company"
    );
    let seen = stub.take_seen();
    assert!(
        seen.iter()
            .any(|s| s.path_and_query.ends_with(&format!("/companyinfo/{REALM}"))),
        "{seen:?}"
    );
    let res = reqwest::Client::new()
        .post(svc.url("/v1/link/exchange"))
        .header("authorization", format!("Bearer {OPERATOR_KEY}"))
        .json(&json!({"result": linked["result"]}))
        .send()
        .await
        .unwrap();
    let x: Value = res.json().await.unwrap();
    assert_eq!(x["values"]["realm_id"], REALM);
    assert!(x["tokens"]["access_token"].is_string());
    svc.stop().await.unwrap();
}
