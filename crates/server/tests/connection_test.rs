//! `POST …/test` against a local server that answers like the provider.

mod common;

use std::time::Duration;

use common::{
    Answer, Service, Stub, basic_credentials, catalogue, config_for, post_fields, run_test,
    valid_form,
};
use serde_json::{Value, json};

const WEBFLOW_TOKEN: &str = "4b1e0c9d7a2f86e35c0b9a1d4e7f2c8a6b3d0e9f1a4c7b2e5d8f0a3c6b9e1d4f";
/// The values an OAuth method's token response yields, from each capture's example.
fn captured(m: &connectspec_lang::AuthMethod) -> serde_json::Map<String, Value> {
    let captures = m.oauth.iter().flat_map(|o| &o.token_response.capture);
    captures
        .map(|c| {
            let re = regex::Regex::new(&c.pattern).unwrap();
            let caps = re.captures(&c.example).expect("the example matches");
            let kept = caps.name("value").or_else(|| caps.get(0)).unwrap().as_str();
            (c.key.clone(), Value::String(kept.to_owned()))
        })
        .collect()
}

const OAUTH_TOKEN: &str = "EwBwA8l6BAAUs5-fake-oauth-access-token-0123456789";
const ONEFLOW_TOKEN: &str = "3f9c2a7e-41bd-4c0a-9e6f-2b8d51c7a0e4f1b2";
const TELEGRAM_TOKEN: &str = "7012345678:AAF3kq9Zx_Vb1mT4rYc8uHw2pLd6sNe0jGo";

fn webflow_form(token: &str) -> serde_json::Map<String, Value> {
    json!({"site_token": token}).as_object().unwrap().clone()
}

#[tokio::test]
async fn webflow_outcomes() {
    let stub = Stub::start(Answer::Status(200)).await;
    let svc = Service::start(config_for(&["webflow"], &stub.url, Duration::from_secs(10))).await;
    let c = common::client();
    // Pasted with whitespace: the normalised token is what goes out.
    let form = webflow_form(&format!(" {WEBFLOW_TOKEN} "));

    let (s, body, _) = run_test(&c, &svc, "webflow", "site_token", &form).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["ok"], true);
    assert_eq!(body["outcome"], "connected");
    assert_eq!(body["status"], 200);
    assert_eq!(body["message"], "Webflow accepted the Site Token.");
    let seen = stub.take_seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "GET");
    assert_eq!(seen[0].path_and_query, "/token/authorized_by");
    assert_eq!(
        seen[0].header("authorization"),
        Some(format!("Bearer {WEBFLOW_TOKEN}").as_str())
    );

    stub.answer(Answer::Status(401));
    let (s, body, _) = run_test(&c, &svc, "webflow", "site_token", &form).await;
    assert_eq!(s, 200);
    assert_eq!(body["ok"], false);
    assert_eq!(body["outcome"], "rejected");
    assert_eq!(body["status"], 401);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Webflow rejected the site token."),
        "{body}"
    );
    assert!(body.get("missing_scopes").is_none());

    stub.answer(Answer::Status(403));
    let (s, body, _) = run_test(&c, &svc, "webflow", "site_token", &form).await;
    assert_eq!(s, 200);
    assert_eq!(body["ok"], false);
    assert_eq!(body["status"], 403);
    assert_eq!(
        body["message"],
        "The site token is valid but lacks a permission the connection needs. Regenerate it with Authorized user: read-only."
    );
    assert_eq!(
        body["missing_scopes"],
        json!([{"id": "authorized_user:read", "label": "Authorized user: read-only"}])
    );

    stub.answer(Answer::Status(500));
    let (s, body, _) = run_test(&c, &svc, "webflow", "site_token", &form).await;
    assert_eq!(s, 200);
    assert_eq!(body["outcome"], "unexpected_status");
    assert_eq!(body["status"], 500);

    // Invalid fields never reach the provider.
    let (s, body, _) = run_test(&c, &svc, "webflow", "site_token", &webflow_form("short")).await;
    assert_eq!(s, 422);
    assert_eq!(body["errors"][0]["field"], "site_token");
    assert!(stub.take_seen().len() == 3, "the invalid form was sent out");
    svc.stop().await.unwrap();
}

/// A successful test reports the account's identity (the spec's
/// `connection_test.identity`, here Webflow's `/id`); a failed one carries none. (That
/// it is never logged is proved in leak.rs, whose process-wide subscriber sees every
/// log line.)
#[tokio::test]
async fn a_successful_test_reports_the_identity() {
    const USER_ID: &str = "5f0c8c9e1c9d440000e8d8c4";
    let stub = Stub::start(Answer::Body(
        200,
        r#"{"id":"5f0c8c9e1c9d440000e8d8c4","email":"ada@example.com","firstName":"Ada"}"#,
    ))
    .await;
    let svc = Service::start(config_for(&["webflow"], &stub.url, Duration::from_secs(10))).await;
    let c = reqwest::Client::new();
    let form = webflow_form(WEBFLOW_TOKEN);

    let (s, body, _) = run_test(&c, &svc, "webflow", "site_token", &form).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["ok"], true);
    assert_eq!(body["outcome"], "connected");
    assert_eq!(body["identity"], USER_ID, "{body}");

    // A number is reported in its JSON text.
    stub.answer(Answer::Body(
        200,
        r#"{"id":90071992547409,"email":"ada@example.com"}"#,
    ));
    let (_, body, _) = run_test(&c, &svc, "webflow", "site_token", &form).await;
    assert_eq!(body["identity"], "90071992547409", "{body}");

    // Nothing usable at the pointer, a body that is not JSON, one too large to read:
    // the test still succeeds, without an identity.
    for answer in [
        Answer::Body(200, r#"{"id":null}"#),
        Answer::Body(200, r#"{"id":{"value":"x"}}"#),
        Answer::Body(200, r#"{"email":"ada@example.com"}"#),
        Answer::Status(200),
        Answer::Large(200),
    ] {
        stub.answer(answer);
        let (s, body, _) = run_test(&c, &svc, "webflow", "site_token", &form).await;
        assert_eq!(s, 200, "{body}");
        assert_eq!(body["outcome"], "connected", "{body}");
        assert!(body.get("identity").is_none(), "{body}");
    }

    // A failed test carries none, even when the answer has a value there.
    for status in [401, 403, 500] {
        stub.answer(Answer::Body(status, r#"{"id":"5f0c8c9e1c9d440000e8d8c4"}"#));
        let (_, body, text) = run_test(&c, &svc, "webflow", "site_token", &form).await;
        assert_eq!(body["ok"], false, "{body}");
        assert!(body.get("identity").is_none(), "{body}");
        assert!(!text.contains(USER_ID), "{text}");
    }
    svc.stop().await.unwrap();
}

/// A test whose response check fails is not successful: no identity, though the answer
/// has one (Telegram's checks and `/result/id`).
#[tokio::test]
async fn a_failed_check_carries_no_identity() {
    let stub = Stub::start(Answer::Body(
        200,
        r#"{"ok":true,"result":{"id":7012345678,"is_bot":true}}"#,
    ))
    .await;
    let svc = Service::start(config_for(
        &["telegram"],
        &stub.url,
        Duration::from_secs(10),
    ))
    .await;
    let c = reqwest::Client::new();
    let form = json!({"bot_token": TELEGRAM_TOKEN});
    let form = form.as_object().unwrap();
    let (s, body, _) = run_test(&c, &svc, "telegram", "bot_token", form).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["outcome"], "connected", "{body}");
    assert_eq!(body["identity"], "7012345678", "{body}");

    stub.answer(Answer::Body(
        200,
        r#"{"ok":true,"result":{"id":7012345678,"is_bot":false}}"#,
    ));
    let (_, body, _) = run_test(&c, &svc, "telegram", "bot_token", form).await;
    assert_eq!(body["outcome"], "check_failed", "{body}");
    assert_eq!(body["failed_check"]["pointer"], "/result/is_bot");
    assert!(body.get("identity").is_none(), "{body}");
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn oneflow_sends_both_headers() {
    let stub = Stub::start(Answer::Status(401)).await;
    let svc = Service::start(config_for(&["oneflow"], &stub.url, Duration::from_secs(10))).await;
    let c = common::client();
    let form = json!({"api_token": ONEFLOW_TOKEN, "user_email": " ada@example.com"});
    let (s, body, _) = run_test(&c, &svc, "oneflow", "api_token", form.as_object().unwrap()).await;
    assert_eq!(s, 200);
    assert_eq!(body["outcome"], "rejected");
    assert_eq!(
        body["message"],
        "Oneflow rejected the API token. Check that it was copied in full, or generate a new one."
    );
    assert_eq!(
        body["note"],
        "The ping checks the API token only; it does not verify the user email."
    );
    let seen = stub.take_seen();
    assert_eq!(seen[0].path_and_query, "/v1/ping");
    assert_eq!(seen[0].header("x-oneflow-api-token"), Some(ONEFLOW_TOKEN));
    assert_eq!(
        seen[0].header("x-oneflow-user-email"),
        Some("ada@example.com")
    );
    svc.stop().await.unwrap();
}

/// Every method with a connection test: the spec's request and every declared header.
#[tokio::test]
async fn every_spec_test_request_is_built_from_the_spec() {
    let stub = Stub::start(Answer::Status(200)).await;
    let cat = catalogue();
    let ids: Vec<&str> = cat.iter().map(|p| p.id.as_str()).collect();
    let svc = Service::start(config_for(&ids, &stub.url, Duration::from_secs(10))).await;
    let c = common::client();
    let mut tested = 0;
    for spec in cat.iter() {
        for m in &spec.auth_methods {
            let Some(t) = &m.connection_test else {
                continue;
            };
            // A token exchange's test first needs a token endpoint that answers one:
            // tests/exchange.rs runs those against a real authorization server.
            if m.exchange.is_some() {
                continue;
            }
            let mut form = valid_form(&spec.id, m);
            let (s, body) = if m.is_oauth() {
                // An OAuth method's test takes the access token beside the fields.
                let url = svc.url(&format!("/v1/providers/{}/methods/{}/test", spec.id, m.id));
                let res = c
                    .post(&url)
                    .header("content-type", "application/json")
                    .header("authorization", format!("Bearer {}", common::OPERATOR_KEY))
                    .body(
                        json!({"fields": form, "access_token": OAUTH_TOKEN, "values": captured(m)})
                            .to_string(),
                    )
                    .send()
                    .await
                    .unwrap();
                (res.status().as_u16(), res.json::<Value>().await.unwrap())
            } else {
                let (s, body, _) = run_test(&c, &svc, &spec.id, &m.id, &form).await;
                (s, body)
            };
            if m.is_oauth() {
                form.insert("access_token".into(), Value::String(OAUTH_TOKEN.into()));
            }
            assert_eq!(s, 200, "{body}");
            // The stand-in's answer (a JSON list of the request headers) fails any
            // response check, and says so without repeating itself.
            assert_eq!(body["ok"], t.expect_status == 200 && t.checks.is_empty());
            // Nor does it hold an identity at any spec's pointer.
            assert!(body.get("identity").is_none(), "{body}");
            if t.expect_status == 200 && !t.checks.is_empty() {
                assert_eq!(body["outcome"], "check_failed", "{body}");
            }
            // Constants are plain values; signatures and base64 values are checked
            // in request_features.rs.
            for c in &m.send.computed {
                if let Some(v) = &c.constant {
                    form.insert(c.key.clone(), Value::String(v.clone()));
                }
            }
            let per_request: Vec<String> = m
                .send
                .computed
                .iter()
                .filter(|c| c.base64.is_some())
                .map(|c| format!("{{{}}}", c.key))
                .chain(m.send.sign.iter().flat_map(|g| {
                    std::iter::once(format!("{{{}}}", g.key))
                        .chain(g.timestamp.iter().map(|t| format!("{{{}}}", t.key)))
                }))
                .collect();
            let derived_elsewhere = |t: &str| per_request.iter().any(|k| t.contains(k.as_str()));
            let seen = stub.take_seen();
            assert_eq!(seen.len(), 1);
            assert_eq!(seen[0].method, t.method.as_str());
            assert!(
                seen[0]
                    .path_and_query
                    .starts_with(t.path.split('{').next().unwrap())
            );
            for (name, template) in &m.send.headers {
                if derived_elsewhere(template) {
                    assert!(
                        seen[0].header(name).is_some(),
                        "{}.{} header {name}",
                        spec.id,
                        m.id
                    );
                    continue;
                }
                let mut expected = template.clone();
                for (k, v) in &form {
                    expected = expected.replace(&format!("{{{k}}}"), v.as_str().unwrap());
                }
                assert_eq!(
                    seen[0].header(name),
                    Some(expected.as_str()),
                    "{}.{} header {name}",
                    spec.id,
                    m.id
                );
            }
            if let Some(basic) = &m.send.basic {
                let mut expected = format!("{}:{}", basic.username, basic.password);
                for (k, v) in &form {
                    expected = expected.replace(&format!("{{{k}}}"), v.as_str().unwrap().trim());
                }
                assert_eq!(
                    basic_credentials(&seen[0]),
                    Some(expected),
                    "{}.{} basic auth",
                    spec.id,
                    m.id
                );
            }
            for (name, template) in &m.send.query {
                let mut expected = template.clone();
                for (k, v) in &form {
                    expected = expected.replace(&format!("{{{k}}}"), v.as_str().unwrap());
                }
                let pair = format!("{name}={expected}");
                assert!(
                    seen[0].path_and_query.contains(&pair),
                    "{}.{} query {name}",
                    spec.id,
                    m.id
                );
            }
            tested += 1;
        }
    }
    assert!(tested >= 2);
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn slow_provider_times_out() {
    let stub = Stub::start(Answer::Hang).await;
    let svc = Service::start(config_for(
        &["webflow"],
        &stub.url,
        Duration::from_millis(300),
    ))
    .await;
    let c = common::client();
    let url = svc.url("/v1/providers/webflow/methods/site_token/test");
    let res = post_fields(&c, &url, &webflow_form(WEBFLOW_TOKEN)).await;
    assert_eq!(res.status().as_u16(), 504);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        body["detail"],
        "Webflow did not answer the connection test within 300 ms"
    );
    assert_eq!(stub.seen().len(), 1, "the request reached the provider");
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn unreachable_provider_is_a_bad_gateway() {
    // A port that was bound and released: nothing listens there.
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", free.local_addr().unwrap());
    drop(free);
    let svc = Service::start(config_for(&["webflow"], &dead, Duration::from_secs(5))).await;
    let c = common::client();
    let url = svc.url("/v1/providers/webflow/methods/site_token/test");
    let res = post_fields(&c, &url, &webflow_form(WEBFLOW_TOKEN)).await;
    assert_eq!(res.status().as_u16(), 502);
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        body["detail"],
        "the connection test could not reach Webflow (connect error)"
    );
    svc.stop().await.unwrap();
}
