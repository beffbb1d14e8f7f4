//! Token exchanges end to end against real oidc-provider issuers
//! (`tests/oauth/exchange.mjs`): the end user's client id and secret (client
//! credentials, basic auth), a key file signing `private_key_jwt` client authentication,
//! and a service account's key file signing a jwt-bearer grant. Each flow: validation,
//! the connection test (exchange, then the spec's test, with what it learns), the link
//! form's connect, the back end's token fetch with its operator key, and the 401
//! without one; refused credentials are the test's outcome and the fetch's 422.

mod common;
mod exchange_support;

use common::Service;
use exchange_support::{
    Harness, KEYS_CLIENT_ID, KEYS_CLIENT_SECRET, config, keys_fields, operator, post, robot_fields,
    signed_fields, start_harness,
};
use serde_json::{Value, json};

fn path(provider: &str, method: &str, verb: &str) -> String {
    format!("/v1/providers/{provider}/methods/{method}/{verb}")
}

async fn start() -> (Harness, Service) {
    let h = start_harness();
    let svc = Service::start(config(&h)).await;
    (h, svc)
}

/// Validates, tests and fetches a token for `fields`: the test's report and the token
/// answer. Also checks the token fetch is refused without an operator key.
async fn validate_test_fetch(
    svc: &Service,
    provider: &str,
    method: &str,
    fields: &Value,
) -> (Value, Value) {
    let op = operator();
    let op = op.as_ref().map(|(h, v)| (*h, v.as_str()));
    let body = json!({ "fields": fields });
    let (st, v, text) = post(&svc.base, &path(provider, method, "validate"), op, &body).await;
    assert_eq!(st, 200, "{text}");
    assert_eq!(v["valid"], true);
    let (st, report, text) = post(&svc.base, &path(provider, method, "test"), op, &body).await;
    assert_eq!(st, 200, "{text}");
    // The token fetch is the back end's: 401 problem+json without the key.
    let (st, v, text) = post(&svc.base, &path(provider, method, "token"), None, &body).await;
    assert_eq!(st, 401, "{text}");
    assert_eq!(v["type"], "urn:connectspec:problem:unauthorized");
    assert!(text.contains("application/problem+json"), "{text}");
    let (st, token, text) = post(&svc.base, &path(provider, method, "token"), op, &body).await;
    assert_eq!(st, 200, "{text}");
    assert!(text.contains("no-store"), "{text}");
    (report, token)
}

/// The token works at the provider's API (the harness's resource route).
async fn token_works(h: &Harness, which: &str, token: &Value, query: &str) -> Value {
    let res = reqwest::Client::new()
        .get(format!("{}/api/me{query}", h.origin(which)))
        .bearer_auth(token["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_credentials_entered_by_the_end_user_are_exchanged_tested_and_fetched() {
    let (h, svc) = start().await;
    let fields = keys_fields(KEYS_CLIENT_SECRET);
    let (report, token) =
        validate_test_fetch(&svc, "acme_keys", "client_credentials", &fields).await;
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["outcome"], "connected");
    assert_eq!(report["identity"], KEYS_CLIENT_ID);
    // The spec's test learns no expiry: the exchanged token's lifetime (600 s) is not
    // the credentials' expiry, and is not reported as it.
    assert!(report.get("expires_at").is_none(), "{report}");
    assert_eq!(token["provider"], "acme_keys");
    assert_eq!(token["token_type"], "Bearer");
    let expires = token["expires_at"].as_u64().unwrap();
    assert!((now() + 500..=now() + 700).contains(&expires), "{token}");
    assert_eq!(token["captured"], json!({}));
    assert_eq!(token["values"], json!({"client_id": KEYS_CLIENT_ID}));
    assert_eq!(
        token_works(&h, "keys", &token, "").await["id"],
        KEYS_CLIENT_ID
    );

    // A wrong secret: the token endpoint refuses it, which is the test's outcome.
    let wrong = keys_fields("fake-wrong-secret-0000000000");
    let op = operator();
    let op = op.as_ref().map(|(h, v)| (*h, v.as_str()));
    let body = json!({ "fields": wrong });
    let test = path("acme_keys", "client_credentials", "test");
    let (st, v, text) = post(&svc.base, &test, op, &body).await;
    assert_eq!(st, 200, "{text}");
    assert_eq!(v["ok"], false);
    assert_eq!(v["outcome"], "exchange_refused");
    assert_eq!(v["status"], 401);
    assert_eq!(v["provider_error"]["error"], "invalid_client");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("token endpoint refused"),
        "{v}"
    );
    // The back end's fetch gets a 422 problem naming the refusal.
    let token_path = path("acme_keys", "client_credentials", "token");
    let (st, v, text) = post(&svc.base, &token_path, op, &body).await;
    assert_eq!(st, 422, "{text}");
    assert_eq!(v["type"], "urn:connectspec:problem:exchange-refused");
    assert_eq!(v["provider_error"]["error"], "invalid_client");
    // Invalid fields never reach the token endpoint.
    let before = h.seen("keys").await.len();
    let bad = json!({"fields": {"client_id": "Not An Id", "client_secret": KEYS_CLIENT_SECRET}});
    let (st, _, text) = post(&svc.base, &token_path, op, &bad).await;
    assert_eq!(st, 422, "{text}");
    assert_eq!(h.seen("keys").await.len(), before);
    svc.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_file_signs_private_key_jwt_client_authentication() {
    let (h, svc) = start().await;
    let fields = signed_fields(&h, None);
    let (report, token) = validate_test_fetch(&svc, "acme_signed", "key_file", &fields).await;
    let client_id = h.info["signed_key_file"]["client_id"].as_str().unwrap();
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["identity"], client_id);
    assert_eq!(report["granted_scopes"], json!(["api:read"]));
    // What the test learned from the API, not the token's own expiry.
    assert_eq!(report["expires_at"], h.info["credential_expires"]);
    assert!(token["expires_at"].as_u64().unwrap() < now() + 3600);
    assert_eq!(token_works(&h, "signed", &token, "").await["id"], client_id);

    // A key the client does not have: the assertion is refused.
    let other = h.info["signed_other_key"].as_str().unwrap();
    let op = operator();
    let op = op.as_ref().map(|(h, v)| (*h, v.as_str()));
    let body = json!({"fields": signed_fields(&h, Some(other))});
    let (st, v, text) = post(
        &svc.base,
        &path("acme_signed", "key_file", "test"),
        op,
        &body,
    )
    .await;
    assert_eq!(st, 200, "{text}");
    assert_eq!(v["outcome"], "exchange_refused", "{v}");
    assert_eq!(v["provider_error"]["error"], "invalid_client");
    // Not a key at all: 422 naming the field, before anything is sent.
    let before = h.seen("signed").await.len();
    let body = json!({"fields": signed_fields(&h, Some("not a key"))});
    let (st, v, text) = post(
        &svc.base,
        &path("acme_signed", "key_file", "token"),
        op,
        &body,
    )
    .await;
    assert_eq!(st, 422, "{text}");
    assert_eq!(v["errors"][0]["field"], "key_file", "{v}");
    assert_eq!(h.seen("signed").await.len(), before);
    svc.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_service_account_signs_a_jwt_bearer_grant_acting_as_a_user_or_itself() {
    let (h, svc) = start().await;
    let user = "jane@acme-robot.example";
    let fields = robot_fields(&h, None, Some(user));
    let (report, token) = validate_test_fetch(&svc, "acme_robot", "service_account", &fields).await;
    assert_eq!(report["ok"], true, "{report}");
    // `sub` names the user: the token acts as them.
    assert_eq!(report["identity"], user);
    assert_eq!(report["granted_scopes"], json!(["directory.read"]));
    assert!(report.get("expires_at").is_none(), "{report}");
    // The captured realm went into the test's URL and comes back with the token.
    assert_eq!(token["captured"], json!({"realm": "acme-main"}));
    assert_eq!(
        token_works(&h, "robot", &token, "?realm=acme-main").await["id"],
        user
    );

    // Without the optional user, `sub` is left out and the account acts as itself.
    let alone = robot_fields(&h, None, None);
    let op = operator();
    let op = op.as_ref().map(|(h, v)| (*h, v.as_str()));
    let test = path("acme_robot", "service_account", "test");
    let (st, v, text) = post(&svc.base, &test, op, &json!({"fields": alone})).await;
    assert_eq!(st, 200, "{text}");
    assert_eq!(
        v["identity"], h.info["robot_key_file"]["client_email"],
        "{v}"
    );

    // Another key: the grant refuses the assertion's signature.
    let other = h.info["robot_other_key"].as_str().unwrap();
    let body = json!({"fields": robot_fields(&h, Some(other), None)});
    let (st, v, text) = post(&svc.base, &test, op, &body).await;
    assert_eq!(st, 200, "{text}");
    assert_eq!(v["outcome"], "exchange_refused", "{v}");
    assert_eq!(v["provider_error"]["error"], "invalid_grant");
    svc.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_link_form_connects_an_exchange_method_and_the_back_end_redeems_the_fields() {
    let (h, svc) = start().await;
    let op = operator();
    let op = op.as_ref().map(|(h, v)| (*h, v.as_str()));
    let (st, v, text) = post(
        &svc.base,
        "/v1/link/sessions",
        op,
        &json!({"end_user": "user-7", "offers": [{"provider": "acme_robot"}, {"provider": "acme_keys"}]}),
    )
    .await;
    assert_eq!(st, 201, "{text}");
    let session = v["session_token"].as_str().unwrap().to_owned();
    let as_session = Some(("connectspec-session", session.as_str()));
    // Refused credentials: the report, no result.
    let (st, v, text) = post(
        &svc.base,
        "/v1/link/connect",
        as_session,
        &json!({"provider": "acme_keys", "method": "client_credentials", "fields": keys_fields("fake-wrong-secret-0000000000")}),
    )
    .await;
    assert_eq!(st, 200, "{text}");
    assert_eq!(v["outcome"], "exchange_refused", "{v}");
    assert!(v.get("result").is_none());
    // Working credentials: a sealed result with the identity.
    let fields = robot_fields(&h, None, Some("jane@acme-robot.example"));
    let (st, v, text) = post(
        &svc.base,
        "/v1/link/connect",
        as_session,
        &json!({"provider": "acme_robot", "method": "service_account", "fields": fields}),
    )
    .await;
    assert_eq!(st, 200, "{text}");
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["identity"], "jane@acme-robot.example");
    // The browser's answer holds no key material.
    assert!(!text.contains("PRIVATE KEY"), "{text}");
    let result = v["result"].as_str().unwrap();
    let (st, v, text) = post(
        &svc.base,
        "/v1/link/exchange",
        op,
        &json!({"result": result}),
    )
    .await;
    assert_eq!(st, 200, "{text}");
    assert_eq!(v["fields"]["key_file"], fields["key_file"]);
    // With the redeemed fields, the back end fetches fresh tokens.
    let (st, v, text) = post(
        &svc.base,
        &path("acme_robot", "service_account", "token"),
        op,
        &json!({"fields": {"key_file": v["fields"]["key_file"], "subject": "jane@acme-robot.example"}}),
    )
    .await;
    assert_eq!(st, 200, "{text}");
    assert!(v["access_token"].as_str().is_some_and(|t| !t.is_empty()));
    svc.stop().await.unwrap();
}
