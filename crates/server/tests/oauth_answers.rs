//! The OAuth endpoints against a stand-in token endpoint: what the service refuses from
//! its caller before anything is forwarded, how it reads a token endpoint's answer, and
//! what its problems and logs say. The real Salesforce (authorization code, a captured
//! instance host) and PayPal (client credentials) specs are used; their OAuth endpoints
//! go to the stand-in (`--oauth-origin`).

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use base64::Engine as _;
use common::{Answer, Capture, Service, Stub};
use connectspec_server::Config;
use connectspec_server::config::oauth::{OAuthArgs, OAuthConfig};
use serde_json::{Value, json};

const SF: &str = "/v1/providers/salesforce/methods/oauth";
const PAYPAL: &str = "/v1/providers/paypal/methods/client_credentials";
const INSTANCE: &str = "acme-dev-ed.my.salesforce.com";
const ACCESS: &str = "00D5g000004Fake!AQ0AQFakeAccessToken0123456789";

/// The service with Salesforce's and PayPal's OAuth endpoints at `stub`; with
/// `test_at_stub`, their connection tests go there too (else to the hosts the values
/// name, which the tests here never let a request reach).
async fn service(stub: &Stub, test_at_stub: bool) -> Service {
    let env: BTreeMap<String, String> = [
        ("SALESFORCE_OAUTH_CLIENT_ID", "3MVG9FakeKey0123"),
        ("SALESFORCE_OAUTH_CLIENT_SECRET", "FakeSecret0123"),
        ("PAYPAL_CLIENT_CREDENTIALS_CLIENT_ID", "AcmePayPalId0123"),
        (
            "PAYPAL_CLIENT_CREDENTIALS_CLIENT_SECRET",
            "EPayPalSecret0123",
        ),
    ]
    .into_iter()
    .map(|(k, v)| (format!("CONNECTSPEC_OAUTH_{k}"), v.to_owned()))
    .collect();
    let args = OAuthArgs {
        oauth_state_keys: Some(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([7u8; 32])),
        oauth_redirect_uri: Some("https://hub.example.com/v1/oauth/callback".to_owned()),
        oauth_origin: vec![
            format!("salesforce={}", stub.url),
            format!("paypal={}", stub.url),
        ],
        ..OAuthArgs::default()
    };
    let mut base_urls = BTreeMap::new();
    if test_at_stub {
        for p in ["salesforce", "paypal"] {
            base_urls.insert(p.to_owned(), url::Url::parse(&stub.url).unwrap());
        }
    }
    Service::start(Config {
        base_urls,
        test_timeout: Duration::from_secs(5),
        oauth: OAuthConfig::from_args_and_env(
            &connectspec_server::catalogue::Catalogue::compiled(),
            &args,
            &env,
        )
        .expect("OAuth config"),
        api_keys: common::operator_keys(),
        ..Config::default()
    })
    .await
}

async fn post(svc: &Service, path: &str, body: &Value) -> (u16, Value) {
    let res = reqwest::Client::new()
        .post(svc.url(path))
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {}", common::OPERATOR_KEY))
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// The callback as the browser that started the flow calls it: with its binding cookie.
async fn get(svc: &Service, path_and_query: &str, cookie: &str) -> (u16, Value) {
    let res = reqwest::Client::new()
        .get(svc.url(path_and_query))
        .header("accept", "application/json")
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// A sealed state and the browser's binding cookie, from `authorize` and the start page
/// (neither sends anything to the provider).
async fn state(svc: &Service) -> (String, String) {
    let (st, a) = post(svc, &format!("{SF}/authorize"), &json!({"fields": {}})).await;
    assert_eq!(st, 200, "{a}");
    // The start URL names the service's public origin; the test reaches it on loopback.
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
    let url = url::Url::parse(res.headers()["location"].to_str().unwrap()).unwrap();
    let state = url.query_pairs().find(|(k, _)| k == "state").unwrap().1;
    (state.into_owned(), cookie)
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test]
async fn control_characters_in_an_access_token_are_a_422_naming_it() {
    let stub = Stub::start(Answer::Status(200)).await;
    let svc = service(&stub, true).await;
    for bad in ["\r", "\n", "\0", "\u{7f}", "\r\nX-Injected: 1"] {
        let token = format!("{ACCESS}{bad}");
        let (st, p) = post(
            &svc,
            &format!("{SF}/test"),
            &json!({"fields": {}, "access_token": token, "values": {"instance_host": INSTANCE}}),
        )
        .await;
        assert_eq!(st, 422, "{bad:?}: {p}");
        assert_eq!(p["type"], "urn:connectspec:problem:invalid-fields");
        assert_eq!(p["errors"][0]["field"], "access_token", "{p}");
        assert_eq!(p["errors"][0]["pointer"], "/access_token", "{p}");
        assert_eq!(p["errors"][0]["kind"], "control_character", "{p}");
        assert!(!p.to_string().contains(ACCESS), "{p}");
    }
    assert!(stub.seen().is_empty(), "nothing is sent");
    // An empty token would only earn a 401 from the provider: refused, nothing sent.
    for empty in ["", "  "] {
        let (st, p) = post(
            &svc,
            &format!("{SF}/test"),
            &json!({"fields": {}, "access_token": empty, "values": {"instance_host": INSTANCE}}),
        )
        .await;
        assert_eq!(st, 400, "{empty:?}: {p}");
        assert!(
            p["detail"].as_str().unwrap().contains("access_token"),
            "{p}"
        );
    }
    assert!(stub.seen().is_empty(), "nothing is sent");
    // A clean token goes out.
    let (st, r) = post(
        &svc,
        &format!("{SF}/test"),
        &json!({"fields": {}, "access_token": ACCESS, "values": {"instance_host": INSTANCE}}),
    )
    .await;
    assert_eq!(st, 200, "{r}");
    assert_eq!(stub.seen().len(), 1);
}

#[tokio::test]
async fn a_token_endpoint_answer_with_control_characters_is_a_502() {
    let stub = Stub::start(Answer::Body(
        200,
        r#"{"access_token": "00D5g!Fake\r\nX-Injected: 1", "refresh_token": "5Aep861Fake",
            "instance_url": "https://acme-dev-ed.my.salesforce.com", "token_type": "Bearer"}"#,
    ))
    .await;
    let svc = service(&stub, false).await;
    let (st, p) = post(
        &svc,
        &format!("{SF}/refresh"),
        &json!({"fields": {}, "refresh_token": "5Aep861Fake"}),
    )
    .await;
    assert_eq!(st, 502, "{p}");
    assert_eq!(p["type"], "urn:connectspec:problem:provider-bad-answer");
    assert!(!p.to_string().contains("00D5g"), "{p}");
    // The same in the refresh token or a captured value.
    stub.answer(Answer::Body(
        200,
        r#"{"access_token": "00D5gFake", "refresh_token": "5Aep\u0000861",
            "instance_url": "https://acme-dev-ed.my.salesforce.com"}"#,
    ));
    let (st, p) = post(
        &svc,
        &format!("{SF}/refresh"),
        &json!({"fields": {}, "refresh_token": "5Aep861Fake"}),
    )
    .await;
    assert_eq!(st, 502, "{p}");
}

/// `expires_in` as a string, a float and with an exponent: the handoff is what the
/// runtime's reading of the spec's token mapping makes of the same answer.
#[tokio::test]
async fn expires_in_in_any_json_form_reaches_the_token_mapping() {
    let stub = Stub::start(Answer::Status(500)).await;
    let svc = service(&stub, false).await;
    let m = connectspec_providers::method("salesforce", "oauth").unwrap();
    let answers: [&'static str; 4] = [
        r#"{"access_token": "00DFake", "instance_url": "https://acme-dev-ed.my.salesforce.com", "expires_in": 3600}"#,
        r#"{"access_token": "00DFake", "instance_url": "https://acme-dev-ed.my.salesforce.com", "expires_in": "3600"}"#,
        r#"{"access_token": "00DFake", "instance_url": "https://acme-dev-ed.my.salesforce.com", "expires_in": 3600.0}"#,
        r#"{"access_token": "00DFake", "instance_url": "https://acme-dev-ed.my.salesforce.com", "expires_in": 3.6e3}"#,
    ];
    for answer in answers {
        stub.answer(Answer::Body(200, answer));
        let before = now();
        let (st, t) = post(
            &svc,
            &format!("{SF}/refresh"),
            &json!({"fields": {}, "refresh_token": "5Aep861Fake"}),
        )
        .await;
        assert_eq!(st, 200, "{answer}: {t}");
        assert_eq!(t["access_token"], "00DFake");
        let expected = m
            .oauth
            .unwrap()
            .read_token_response(&serde_json::from_str(answer).unwrap(), before)
            .unwrap()
            .expires_at;
        match expected {
            Some(at) => {
                let got = t["expires_at"].as_u64().expect("an expiry");
                assert!((at..=at + 2).contains(&got), "{answer}: {got} vs {at}");
            }
            None => assert!(t.get("expires_at").is_none(), "{answer}: {t}"),
        }
    }
    // Every form is read as seconds: a string, a float, an exponent.
    for answer in &answers[1..] {
        stub.answer(Answer::Body(200, answer));
        let (_, t) = post(
            &svc,
            &format!("{SF}/refresh"),
            &json!({"fields": {}, "refresh_token": "5Aep861Fake"}),
        )
        .await;
        assert!(
            t["expires_at"].as_u64().unwrap() >= now() + 3590,
            "{answer}: {t}"
        );
    }
}

#[tokio::test]
async fn empty_codes_and_refresh_tokens_are_refused_before_sending() {
    let stub = Stub::start(Answer::Body(
        200,
        r#"{"access_token": "00DFake", "refresh_token": "5AepFake",
            "instance_url": "https://acme-dev-ed.my.salesforce.com"}"#,
    ))
    .await;
    let svc = service(&stub, false).await;
    let (state, cookie) = state(&svc).await;
    let q = form_urlencoded::Serializer::new(String::new())
        .append_pair("code", "")
        .append_pair("state", &state)
        .finish();
    let (st, p) = get(&svc, &format!("/v1/oauth/callback?{q}"), &cookie).await;
    assert_eq!(st, 400, "{p}");
    for refresh in ["", "   "] {
        let (st, p) = post(
            &svc,
            &format!("{SF}/refresh"),
            &json!({"fields": {}, "refresh_token": refresh}),
        )
        .await;
        assert_eq!(st, 400, "{refresh:?}: {p}");
        assert!(
            p["detail"].as_str().unwrap().contains("refresh_token"),
            "{p}"
        );
    }
    assert!(stub.seen().is_empty(), "nothing was forwarded");
}

#[tokio::test]
async fn refresh_on_a_client_credentials_method_is_404() {
    let stub = Stub::start(Answer::Body(
        200,
        r#"{"access_token": "A21AAFake", "token_type": "Bearer", "expires_in": 32400}"#,
    ))
    .await;
    let svc = service(&stub, false).await;
    let (st, p) = post(
        &svc,
        &format!("{PAYPAL}/refresh"),
        &json!({"fields": {"environment": "api-m.sandbox.paypal.com"}, "refresh_token": "r-0123456789"}),
    )
    .await;
    assert_eq!(st, 404, "{p}");
    assert_eq!(p["type"], "urn:connectspec:problem:not-found");
    assert!(p["detail"].as_str().unwrap().contains("/token"), "{p}");
    assert!(stub.seen().is_empty(), "nothing was forwarded");
}

/// The provider's `error` in the callback is logged quoted in text logs: spaces and `=`
/// in it cannot make another field.
#[tokio::test]
async fn the_callback_error_cannot_forge_text_log_fields() {
    let logs = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .with_writer(logs.clone())
        .finish();
    // A current-thread runtime: the service's tasks log on this thread.
    let _guard = tracing::subscriber::set_default(subscriber);
    let stub = Stub::start(Answer::Status(500)).await;
    let svc = service(&stub, false).await;
    let (state, cookie) = state(&svc).await;
    let q = form_urlencoded::Serializer::new(String::new())
        .append_pair("state", &state)
        .append_pair("error", "access_denied provider=forged method=x")
        .finish();
    let (st, _) = get(&svc, &format!("/v1/oauth/callback?{q}"), &cookie).await;
    assert_eq!(st, 400);
    let text = String::from_utf8(logs.bytes()).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("authorization refused at the provider"))
        .unwrap_or_else(|| panic!("no callback log line in:\n{text}"));
    // Quoted values removed, nothing of the provider's text may be left.
    let quoted = regex::Regex::new(r#""(?:[^"\\]|\\.)*""#).unwrap();
    let bare = quoted.replace_all(line, "\"\"");
    assert!(!bare.contains("forged"), "a forged field: {line}");
    assert!(
        line.contains("forged"),
        "the value is logged, quoted: {line}"
    );
}

#[tokio::test]
async fn unknown_scopes_are_counted_not_repeated() {
    let stub = Stub::start(Answer::Status(500)).await;
    let svc = service(&stub, false).await;
    let (st, p) = post(
        &svc,
        &format!("{SF}/authorize"),
        &json!({"fields": {}, "scopes": ["api", "full_secret_scope", "Another.Scope"]}),
    )
    .await;
    assert_eq!(st, 400, "{p}");
    let detail = p["detail"].as_str().unwrap();
    assert!(detail.contains("2 of the scopes"), "{detail}");
    assert!(
        !detail.contains("full_secret_scope") && !detail.contains("Another.Scope"),
        "{detail}"
    );
    assert!(
        detail.contains("api, refresh_token, openid, id"),
        "{detail}"
    );
}

/// A captured value that leads to a host outside the spec's is named in `errors`.
#[tokio::test]
async fn a_refused_captured_host_names_the_value() {
    let stub = Stub::start(Answer::Status(200)).await;
    let svc = service(&stub, false).await;
    let (st, p) = post(
        &svc,
        &format!("{SF}/test"),
        &json!({"fields": {}, "access_token": ACCESS, "values": {"instance_host": "evil.example.com"}}),
    )
    .await;
    assert_eq!(st, 422, "{p}");
    assert_eq!(p["type"], "urn:connectspec:problem:refused-host");
    let errors = p["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{p}");
    assert_eq!(errors[0]["field"], "instance_host");
    assert_eq!(errors[0]["pointer"], "/values/instance_host");
    assert_eq!(errors[0]["kind"], "host_not_allowed");
    assert!(!p.to_string().contains("evil.example.com"), "{p}");
    assert!(stub.seen().is_empty());
}

/// The endpoints that issue or redeem credentials (client-credentials token, refresh, the
/// OAuth connection test) are the hub's back end's alone: without one of the operator keys
/// they answer 401 (naming what to send, repeating nothing) and nothing reaches the token
/// endpoint or the provider; with one they work. A service without keys refuses them all.
#[tokio::test]
async fn operator_endpoints_need_an_api_key() {
    let stub = Stub::start(Answer::Body(
        200,
        r#"{"access_token": "A21AAFake", "token_type": "Bearer", "expires_in": 32400,
            "refresh_token": "5AepFake", "instance_url": "https://acme-dev-ed.my.salesforce.com"}"#,
    ))
    .await;
    let svc = service(&stub, true).await;
    let calls = [
        (
            format!("{PAYPAL}/token"),
            json!({"fields": {"environment": "api-m.sandbox.paypal.com"}}),
        ),
        (
            format!("{SF}/refresh"),
            json!({"fields": {}, "refresh_token": "5Aep861Fake"}),
        ),
        (
            format!("{SF}/test"),
            json!({"fields": {}, "access_token": ACCESS, "values": {"instance_host": INSTANCE}}),
        ),
    ];
    let wrong = "Wq".repeat(20);
    let refused = [
        None,
        Some(format!("Bearer {wrong}")),
        Some(format!("Basic {}", common::OPERATOR_KEY)),
        Some(format!("Bearer {}x", common::OPERATOR_KEY)),
        Some("Bearer ".to_owned()),
    ];
    for (path, body) in &calls {
        for auth in &refused {
            let mut req = reqwest::Client::new()
                .post(svc.url(path))
                .header("content-type", "application/json")
                .body(body.to_string());
            if let Some(a) = auth {
                req = req.header("authorization", a);
            }
            let res = req.send().await.unwrap();
            assert_eq!(res.status(), 401, "{path} {auth:?}");
            assert_eq!(res.headers()["www-authenticate"], "Bearer");
            assert_eq!(res.headers()["content-type"], "application/problem+json");
            let text = res.text().await.unwrap();
            assert!(text.contains("Authorization: Bearer"), "{text}");
            assert!(!text.contains(&wrong) && !text.contains(ACCESS), "{text}");
        }
    }
    assert!(stub.seen().is_empty(), "nothing was sent without a key");
    for (path, body) in &calls {
        let (st, t) = post(&svc, path, body).await;
        assert_eq!(st, 200, "{path}: {t}");
    }
    assert_eq!(
        stub.seen().len(),
        calls.len(),
        "each call reached the stand-in once"
    );

    let keyless = Service::start(Config::default()).await;
    let (st, p) = post(
        &keyless,
        &format!("{PAYPAL}/token"),
        &json!({"fields": {"environment": "api-m.sandbox.paypal.com"}}),
    )
    .await;
    assert_eq!(st, 401, "{p}");
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("CONNECTSPEC_API_KEYS"),
        "{p}"
    );
}

/// A flow keeps the language it was started in: the popup's browser may ask for another,
/// the callback's page speaks the flow's.
#[tokio::test]
async fn the_callback_page_speaks_the_flows_language() {
    let stub = Stub::start(Answer::Status(500)).await;
    let svc = service(&stub, false).await;
    let (st, a) = post(
        &svc,
        &format!("{SF}/authorize"),
        &json!({"fields": {}, "lang": "de"}),
    )
    .await;
    assert_eq!(st, 200, "{a}");
    let start = url::Url::parse(a["start_url"].as_str().unwrap()).unwrap();
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(svc.url(&format!("{}?{}", start.path(), start.query().unwrap())))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let url = url::Url::parse(res.headers()["location"].to_str().unwrap()).unwrap();
    let state = url.query_pairs().find(|(k, _)| k == "state").unwrap().1;
    let q = form_urlencoded::Serializer::new(String::new())
        .append_pair("state", &state)
        .append_pair("error", "access_denied")
        .finish();
    let res = reqwest::Client::new()
        .get(svc.url(&format!("/v1/oauth/callback?{q}")))
        .header("accept-language", "ja, en;q=0.5")
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(res.headers()["content-language"], "de");
    let page = res.text().await.unwrap();
    assert!(page.contains("<html lang=\"de\" dir=\"ltr\">"), "{page}");
    assert!(
        page.contains("<title>Zugriff nicht gewährt</title>"),
        "{page}"
    );
    assert!(
        page.contains("Sie haben den Zugriff bei Salesforce nicht erlaubt"),
        "{page}"
    );
}
