//! What a connection test learns (`connection_test.learns`): the granted scopes and the
//! expiry, read from a stand-in provider's headers and body, compared with the actions
//! the caller names (excess and missing scopes as a warning); malformed values ignored.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{Answer, OPERATOR_KEY, Service, Stub, config_for};
use connectspec_server::catalogue::Catalogue;
use connectspec_server::state::{StateKey, StateKeys};
use serde_json::{Value, json};

const KEY: &str = "acme-secret-key-0123456789";

const SPEC: &str = r#"# yaml-language-server: $schema=../schema/provider-spec.schema.json
id: acme
name: Acme
homepage: https://acme.example.com
sources:
  - https://acme.example.com/docs/api
auth_methods:
  - id: api_key
    label: API Key
    kind: api_key_header
    fields:
      - key: api_key
        label: API Key
        secret: true
    base_url: https://api.acme.example.com
    allowed_hosts: [api.acme.example.com]
    send:
      headers:
        X-Api-Key: "{api_key}"
    connection_test:
      path: /v1/me
      learns:
        scopes: {header: X-OAuth-Scopes}
        expires_at: {header: Token-Expiration, format: datetime_utc}
    scopes:
      - {id: "cms:read", label: Read the CMS}
      - {id: "cms:write", label: Edit the CMS, includes: ["cms:read"]}
      - {id: "forms:read", label: Read forms}
      - {id: admin, label: Administer}
    actions:
      - {id: read_cms, label: Read the CMS, scopes: ["cms:read"]}
      - {id: edit_cms, label: Edit the CMS, scopes: ["cms:write"]}
      - {id: read_forms, label: Read forms, scopes: ["forms:read"]}
    guide:
      sections:
        - title: Create a key
          steps:
            - title: Open settings
              text: Go to **Settings** > **API**.
  - id: token
    label: Token
    kind: bearer
    fields:
      - key: token
        label: Token
        secret: true
    base_url: https://api.acme.example.com
    allowed_hosts: [api.acme.example.com]
    send:
      headers:
        Authorization: "Bearer {token}"
    connection_test:
      path: /v1/token
      learns:
        scopes: {pointer: /token/scopes}
        expires_at: {pointer: /token/expires_at, format: date}
    guide:
      sections:
        - title: Create a token
          steps:
            - title: Open settings
              text: Go to **Settings** > **API**.
  - id: chosen_lifetime
    label: Chosen Lifetime Token
    kind: bearer
    fields:
      - key: token
        label: Token
        secret: true
      - key: lifetime
        label: Expiration you chose
        options:
          - {value: "7", label: 7 days}
          - {value: "30", label: 30 days}
          - {value: never, label: No expiration}
        examples: {derive: true}
    base_url: https://api.acme.example.com
    allowed_hosts: [api.acme.example.com]
    send:
      headers:
        Authorization: "Bearer {token}"
    connection_test:
      path: /v1/me
      learns:
        expires_at: {lifetime: lifetime}
    limits:
      - {kind: expires_after, unit: days, choices: [7, 30], or_never: true}
    guide:
      sections:
        - title: Create a token
          steps:
            - title: Open settings
              text: Go to **Settings** > **API**.
"#;

/// The service with the `acme` stand-in spec, its requests going to `stub`.
async fn service(stub: &Stub) -> (Service, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("acme.yaml"), SPEC).unwrap();
    let mut config = config_for(&["acme"], &stub.url, Duration::from_secs(10));
    config.catalogue = Arc::new(Catalogue::load(dir.path()).expect("the stand-in spec loads"));
    // Keys to seal link sessions with.
    config.oauth.keys = Arc::new(StateKeys::new(vec![
        StateKey::from_bytes(&[7u8; 32]).unwrap(),
    ]));
    (Service::start(config).await, dir)
}

/// Tests `method` with `fields` as the back end does, naming `actions`: status, JSON
/// answer and its text.
async fn test(
    svc: &Service,
    method: &str,
    fields: Value,
    actions: &[&str],
) -> (u16, Value, String) {
    let mut body = json!({ "fields": fields });
    if !actions.is_empty() {
        body["actions"] = json!(actions);
    }
    let res = reqwest::Client::new()
        .post(svc.url(&format!("/v1/providers/acme/methods/{method}/test")))
        .header("authorization", format!("Bearer {OPERATOR_KEY}"))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    (status, v, text)
}

fn key() -> Value {
    json!({ "api_key": KEY })
}

#[tokio::test]
async fn headers_give_scopes_and_expiry_compared_with_actions() {
    let stub = Stub::start(Answer::Headers(
        200,
        &[
            ("x-oauth-scopes", "cms:write, admin"),
            ("token-expiration", "2021-10-07 19:07:53 UTC"),
        ],
        "{}",
    ))
    .await;
    let (svc, _dir) = service(&stub).await;

    // Without actions: what the credential holds, nothing compared.
    let (s, r, text) = test(&svc, "api_key", key(), &[]).await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["ok"], true, "{r}");
    assert_eq!(r["granted_scopes"], json!(["cms:write", "admin"]), "{r}");
    assert_eq!(r["expires_at"], "2021-10-07T19:07:53Z", "{r}");
    assert!(
        r.get("excess_scopes").is_none() && r.get("warning").is_none(),
        "{r}"
    );
    assert!(!text.contains(KEY));

    // Reading the CMS and forms: `forms:read` is missing, `cms:write` and `admin` are
    // more than needed; the test still succeeds, with a warning.
    let (_, r, text) = test(&svc, "api_key", key(), &["read_cms", "read_forms"]).await;
    assert_eq!(r["ok"], true, "{r}");
    assert_eq!(r["outcome"], "connected", "{r}");
    assert_eq!(
        r["missing_scopes"],
        json!([{"id": "forms:read", "label": "Read forms"}]),
        "{r}"
    );
    assert_eq!(r["excess_scopes"], json!(["cms:write", "admin"]), "{r}");
    assert_eq!(
        r["least_privilege_scopes"],
        json!([{"id": "cms:read", "label": "Read the CMS"}, {"id": "forms:read", "label": "Read forms"}]),
        "{r}"
    );
    let warning = r["warning"].as_str().unwrap();
    assert!(
        warning.contains("Read forms") && warning.contains("2 scopes"),
        "{warning}"
    );
    assert!(!text.contains(KEY));

    // Editing the CMS needs exactly `cms:write`; `admin` is the only excess.
    let (_, r, _) = test(&svc, "api_key", key(), &["edit_cms"]).await;
    assert!(r.get("missing_scopes").is_none(), "{r}");
    assert_eq!(r["excess_scopes"], json!(["admin"]), "{r}");

    // A granted scope counts for those it includes: `cms:write` covers reading.
    stub.answer(Answer::Headers(
        200,
        &[("x-oauth-scopes", "cms:write")],
        "{}",
    ));
    let (_, r, _) = test(&svc, "api_key", key(), &["edit_cms", "read_cms"]).await;
    assert_eq!(r["granted_scopes"], json!(["cms:write"]), "{r}");
    assert!(
        r.get("missing_scopes").is_none() && r.get("warning").is_none(),
        "{r}"
    );
    assert!(r.get("expires_at").is_none(), "{r}");

    // The listing says where the answer gives them.
    let listing: Value = reqwest::get(svc.url("/v1/providers/acme"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let api_key = listing["methods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "api_key")
        .unwrap();
    assert_eq!(
        api_key["connection_test"]["learns"],
        json!({"scopes": {"header": "X-OAuth-Scopes", "separator": ","},
               "expires_at": {"header": "Token-Expiration", "format": "datetime_utc"}}),
        "{api_key}"
    );

    // An action the method does not declare is refused, not echoed.
    let (s, r, text) = test(&svc, "api_key", key(), &["drop_tables"]).await;
    assert_eq!(s, 422, "{r}");
    assert!(!text.contains("drop_tables"), "{text}");
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn malformed_values_and_failures_give_nothing() {
    let stub = Stub::start(Answer::Headers(
        200,
        &[("token-expiration", "2021-10-07T19:07:53Z")],
        "{}",
    ))
    .await;
    let (svc, _dir) = service(&stub).await;
    // An expiry in another format than the spec's is ignored; no scopes header, none.
    let (_, r, _) = test(&svc, "api_key", key(), &["read_cms"]).await;
    assert_eq!(r["ok"], true, "{r}");
    assert!(
        r.get("expires_at").is_none() && r.get("granted_scopes").is_none(),
        "{r}"
    );
    assert!(r.get("warning").is_none(), "{r}");
    // A refused credential reports nothing learned, whatever the headers say.
    stub.answer(Answer::Headers(
        401,
        &[
            ("x-oauth-scopes", "admin"),
            ("token-expiration", "2021-10-07 19:07:53 UTC"),
        ],
        "{}",
    ));
    let (_, r, _) = test(&svc, "api_key", key(), &[]).await;
    assert_eq!(r["ok"], false, "{r}");
    assert!(
        r.get("expires_at").is_none() && r.get("granted_scopes").is_none(),
        "{r}"
    );
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn pointers_read_the_json_answer() {
    let stub = Stub::start(Answer::Body(
        200,
        r#"{"token": {"scopes": ["cms:read", "forms:read"], "expires_at": "2030-01-31"}}"#,
    ))
    .await;
    let (svc, _dir) = service(&stub).await;
    let tok = json!({ "token": KEY });
    let (_, r, text) = test(&svc, "token", tok.clone(), &[]).await;
    assert_eq!(r["ok"], true, "{r}");
    assert_eq!(
        r["granted_scopes"],
        json!(["cms:read", "forms:read"]),
        "{r}"
    );
    // A date: the credential works through that day.
    assert_eq!(r["expires_at"], "2030-02-01T00:00:00Z", "{r}");
    assert!(!text.contains(KEY));
    // A string of scopes is split at spaces; a date in another form is ignored.
    stub.answer(Answer::Body(
        200,
        r#"{"token": {"scopes": "cms:read  forms:read", "expires_at": "31/01/2030"}}"#,
    ));
    let (_, r, _) = test(&svc, "token", tok.clone(), &[]).await;
    assert_eq!(
        r["granted_scopes"],
        json!(["cms:read", "forms:read"]),
        "{r}"
    );
    assert!(r.get("expires_at").is_none(), "{r}");
    // An answer that is not JSON, or scopes that are not strings: nothing, and still connected.
    for body in [
        "not json",
        r#"{"token": {"scopes": [1, 2], "expires_at": null}}"#,
    ] {
        stub.answer(Answer::Body(200, body));
        let (_, r, _) = test(&svc, "token", tok.clone(), &[]).await;
        assert_eq!(r["outcome"], "connected", "{r}");
        assert!(
            r.get("granted_scopes").is_none() && r.get("expires_at").is_none(),
            "{r}"
        );
    }
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn a_link_session_names_the_actions() {
    let stub = Stub::start(Answer::Headers(
        200,
        &[("x-oauth-scopes", "cms:read, admin")],
        "{}",
    ))
    .await;
    let (svc, _dir) = service(&stub).await;
    let opened: Value = reqwest::Client::new()
        .post(svc.url("/v1/link/sessions"))
        .header("authorization", format!("Bearer {OPERATOR_KEY}"))
        .json(
            &json!({"end_user": "user-42", "offers": [{"provider": "acme"}],
                      "actions": ["read_cms"]}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = opened["session_token"]
        .as_str()
        .unwrap_or_else(|| panic!("{opened}"));
    let r: Value = reqwest::Client::new()
        .post(svc.url("/v1/providers/acme/methods/api_key/test"))
        .header("connectspec-session", token)
        .json(&json!({ "fields": key() }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["ok"], true, "{r}");
    assert_eq!(r["granted_scopes"], json!(["cms:read", "admin"]), "{r}");
    assert_eq!(r["excess_scopes"], json!(["admin"]), "{r}");
    assert_eq!(
        r["least_privilege_scopes"],
        json!([{"id": "cms:read", "label": "Read the CMS"}]),
        "{r}"
    );
    svc.stop().await.unwrap();
}

/// `expires_at: {lifetime: field}`: the lifetime the end user chose, counted from the
/// test; `never` gives no expiry; an expiry the answer gives would win.
#[tokio::test]
async fn the_chosen_lifetime_gives_the_latest_expiry() {
    let stub = Stub::start(Answer::Headers(200, &[], "{}")).await;
    let (svc, _dir) = service(&stub).await;
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let (s, r, _) = test(
        &svc,
        "chosen_lifetime",
        json!({"token": KEY, "lifetime": "30"}),
        &[],
    )
    .await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["ok"], true, "{r}");
    let at = r["expires_at"].as_str().expect("an expiry");
    let parsed = connectspec_runtime::parse_expiry(at, connectspec_runtime::ExpiryFormat::Rfc3339)
        .expect("RFC 3339") as u64;
    let thirty_days = 30 * 86_400;
    assert!(
        parsed >= before + thirty_days && parsed <= before + thirty_days + 600,
        "{at} is not 30 days from now"
    );
    let (_, r, _) = test(
        &svc,
        "chosen_lifetime",
        json!({"token": KEY, "lifetime": "never"}),
        &[],
    )
    .await;
    assert_eq!(r["ok"], true, "{r}");
    assert!(r.get("expires_at").is_none(), "{r}");
}

/// A link finished in a session carries what the test learned into the sealed result:
/// the back end reads the granted scopes, the excess over the session's actions and the
/// expiry when it redeems the result.
#[tokio::test]
async fn the_sealed_result_carries_what_the_test_learned() {
    let stub = Stub::start(Answer::Headers(
        200,
        &[
            ("x-oauth-scopes", "cms:read, admin"),
            ("token-expiration", "2031-10-07 19:07:53 UTC"),
        ],
        "{}",
    ))
    .await;
    let (svc, _dir) = service(&stub).await;
    let http = reqwest::Client::new();
    let opened: Value = http
        .post(svc.url("/v1/link/sessions"))
        .header("authorization", format!("Bearer {OPERATOR_KEY}"))
        .json(
            &json!({"end_user": "user-42", "offers": [{"provider": "acme"}],
                      "actions": ["read_cms"]}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = opened["session_token"]
        .as_str()
        .unwrap_or_else(|| panic!("{opened}"));
    let linked: Value = http
        .post(svc.url("/v1/link/connect"))
        .header("connectspec-session", token)
        .json(&json!({"provider": "acme", "method": "api_key", "fields": key()}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(linked["ok"], true, "{linked}");
    // The browser's answer names no scopes: they are the back end's to read.
    assert!(linked.get("learned").is_none(), "{linked}");
    let result = linked["result"]
        .as_str()
        .unwrap_or_else(|| panic!("{linked}"));
    let redeemed: Value = http
        .post(svc.url("/v1/link/exchange"))
        .header("authorization", format!("Bearer {OPERATOR_KEY}"))
        .json(&json!({ "result": result }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let l = &redeemed["learned"];
    assert_eq!(
        l["granted_scopes"],
        json!(["cms:read", "admin"]),
        "{redeemed}"
    );
    assert_eq!(l["excess_scopes"], json!(["admin"]), "{redeemed}");
    assert_eq!(
        l["least_privilege_scopes"],
        json!(["cms:read"]),
        "{redeemed}"
    );
    assert_eq!(l["expires_at"], "2031-10-07T19:07:53Z", "{redeemed}");
    assert!(
        l["warning"]
            .as_str()
            .is_some_and(|w| w.contains("Least privilege")),
        "{redeemed}"
    );
}
