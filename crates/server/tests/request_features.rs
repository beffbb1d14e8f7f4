//! Connection tests with a request body, response checks, HMAC signing (verified by an
//! independent Python implementation), computed values and a secret in the URL path,
//! against a stand-in provider.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{Answer, Seen, Service, Stub, basic_credentials, config_for};
use serde_json::{Value, json};

const DUO_HOST: &str = "api-1a2b3c4d.duosecurity.com";
const DUO_IKEY: &str = "DIWJ8X6AEYOR5OMC6TQ1";
const DUO_SKEY: &str = "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep";
const TELEGRAM_TOKEN: &str = "7012345678:AAF3kq9Zx_Vb1mT4rYc8uHw2pLd6sNe0jGo";
const NOTION_SECRET: &str = "ntn_4f1Xq9ZbV2mT8rYc6uHw3pLd0sNe5jGoAaBbCcDdEeFf12";
const MONDAY_TOKEN: &str =
    "eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOjEyMzQ1Njc4OX0.c2lnbmF0dXJlLWZha2UtMDEyMzQ1";

async fn run_test(
    svc: &Service,
    provider: &str,
    method: &str,
    form: Value,
) -> (u16, Value, String) {
    let c = common::client();
    common::run_test(&c, svc, provider, method, form.as_object().unwrap()).await
}

/// Hands the request the stand-in saw to `verify_duo.py`; its verdict.
fn python_verifies(seen: &Seen, host: &str, skey: &str) -> Result<(), String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/verify_duo.py");
    let input = json!({
        "method": seen.method,
        "host": host,
        "path_and_query": seen.path_and_query,
        "headers": seen.headers,
        "ikey": DUO_IKEY,
        "skey": skey,
    });
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if out.status.success() && said == "ok" {
        Ok(())
    } else {
        Err(said)
    }
}

fn duo_form() -> Value {
    json!({"api_hostname": DUO_HOST, "integration_key": DUO_IKEY, "secret_key": DUO_SKEY})
}

#[tokio::test]
async fn duo_requests_are_signed_as_duo_documents() {
    let stub = Stub::start(Answer::Body(
        200,
        r#"{"stat":"OK","response":{"admin_count":3}}"#,
    ))
    .await;
    let svc = Service::start(config_for(&["duo"], &stub.url, Duration::from_secs(10))).await;
    let (s, body, text) = run_test(&svc, "duo", "admin_api", duo_form()).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["outcome"], "connected", "{body}");
    assert!(!text.contains(DUO_SKEY) && !text.contains(DUO_IKEY));
    let seen = stub.take_seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "GET");
    assert_eq!(seen[0].path_and_query, "/admin/v1/info/summary");
    // The signed host is the one the request went to (the stand-in's, here).
    let host = seen[0].header("host").unwrap().to_owned();
    python_verifies(&seen[0], &host, DUO_SKEY).expect("the Python verifier accepts the signature");
    // The verifier can fail: another secret, another host, a changed path.
    assert!(python_verifies(&seen[0], &host, "another-secret-key-0000000000000000000000").is_err());
    assert!(python_verifies(&seen[0], "api-other.duosecurity.com", DUO_SKEY).is_err());
    let mut moved = seen[0].clone();
    moved.path_and_query = "/admin/v1/users".into();
    assert!(python_verifies(&moved, &host, DUO_SKEY).is_err());
    // The user name is the integration key; the password is the hex signature.
    let basic = basic_credentials(&seen[0]).unwrap();
    let (user, sig) = basic.split_once(':').unwrap();
    assert_eq!(user, DUO_IKEY);
    assert_eq!(sig.len(), 40);
    assert!(sig.bytes().all(|b| b.is_ascii_hexdigit()));
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn response_checks_pass_and_fail_by_kind() {
    let stub = Stub::start(Answer::Status(200)).await;
    let svc = Service::start(config_for(&["duo"], &stub.url, Duration::from_secs(10))).await;
    /// The stand-in's answer, the expected outcome, and the failed check (index, pointer).
    type Case = (Answer, &'static str, Option<(u64, &'static str)>);
    let cases: [Case; 6] = [
        (
            Answer::Body(200, r#"{"stat":"OK","response":{"a":1}}"#),
            "connected",
            None,
        ),
        // `equals` fails.
        (
            Answer::Body(200, r#"{"stat":"FAIL","code":40103}"#),
            "check_failed",
            Some((0, "/stat")),
        ),
        // `non_empty` fails: empty object, and absent.
        (
            Answer::Body(200, r#"{"stat":"OK","response":{}}"#),
            "check_failed",
            Some((1, "/response")),
        ),
        (
            Answer::Body(200, r#"{"stat":"OK"}"#),
            "check_failed",
            Some((1, "/response")),
        ),
        // Not JSON, and too large to read.
        (
            Answer::Body(200, "<html>maintenance</html>"),
            "unreadable_answer",
            None,
        ),
        (Answer::Large(200), "unreadable_answer", None),
    ];
    for (answer, outcome, failed) in cases {
        stub.answer(answer);
        let (s, body, _) = run_test(&svc, "duo", "admin_api", duo_form()).await;
        assert_eq!(s, 200, "{body}");
        assert_eq!(body["outcome"], outcome, "{answer:?}: {body}");
        assert_eq!(body["ok"], outcome == "connected");
        match failed {
            Some((index, pointer)) => {
                assert_eq!(
                    body["failed_check"],
                    json!({"index": index, "pointer": pointer})
                );
            }
            None => assert!(body.get("failed_check").is_none(), "{body}"),
        }
        if outcome == "unreadable_answer" {
            assert!(
                body["message"].as_str().unwrap().contains("could not run"),
                "{body}"
            );
        }
        // Nothing of the answer is repeated.
        let text = body.to_string();
        assert!(!text.contains("40103") && !text.contains("maintenance") && !text.contains("xxxx"));
    }
    // Checks apply to the success status only: a 401 is the spec's outcome.
    stub.answer(Answer::Body(401, r#"{"stat":"FAIL"}"#));
    let (_, body, _) = run_test(&svc, "duo", "admin_api", duo_form()).await;
    assert_eq!(body["outcome"], "rejected");
    assert!(body.get("failed_check").is_none());
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn monday_posts_a_graphql_body_and_checks_errors() {
    let stub = Stub::start(Answer::Body(200, r#"{"data":{"me":{"id":"42"}}}"#)).await;
    let svc = Service::start(config_for(&["monday"], &stub.url, Duration::from_secs(10))).await;
    let form = json!({"api_token": MONDAY_TOKEN});
    let (_, body, _) = run_test(&svc, "monday", "api_token", form.clone()).await;
    assert_eq!(body["outcome"], "connected", "{body}");
    let seen = stub.take_seen();
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].path_and_query, "/v2");
    assert_eq!(seen[0].header("content-type"), Some("application/json"));
    assert_eq!(seen[0].header("authorization"), Some(MONDAY_TOKEN));
    let sent: Value = serde_json::from_slice(&seen[0].body).unwrap();
    assert_eq!(sent, json!({"query": "query { me { id } }"}));

    // `exists: false` fails on an `errors` member; `exists: true` on a missing id.
    stub.answer(Answer::Body(
        200,
        r#"{"errors":[{"message":"Not Authenticated"}]}"#,
    ));
    let (_, body, _) = run_test(&svc, "monday", "api_token", form.clone()).await;
    assert_eq!(body["outcome"], "check_failed");
    assert_eq!(body["failed_check"]["pointer"], "/errors");
    assert!(!body.to_string().contains("Not Authenticated"));
    stub.answer(Answer::Body(200, r#"{"data":{"me":null}}"#));
    let (_, body, _) = run_test(&svc, "monday", "api_token", form).await;
    assert_eq!(body["failed_check"]["pointer"], "/data/me/id");
    svc.stop().await.unwrap();
}

/// The service for Telegram, in front of a stand-in that confirms a bot.
async fn telegram() -> (Stub, Service) {
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
    (stub, svc)
}

#[tokio::test]
async fn telegram_token_goes_into_one_path_segment_only() {
    let (stub, svc) = telegram().await;
    let form = json!({"bot_token": format!(" {TELEGRAM_TOKEN}\n")});
    let (s, body, text) = run_test(&svc, "telegram", "bot_token", form.clone()).await;
    assert_eq!(s, 200);
    assert_eq!(body["outcome"], "connected", "{body}");
    assert!(!text.contains(TELEGRAM_TOKEN) && !text.contains("AAF3kq9Zx"));
    let seen = stub.take_seen();
    assert_eq!(
        seen[0].path_and_query,
        format!("/bot{TELEGRAM_TOKEN}/getMe")
    );
    stub.answer(Answer::Body(
        200,
        r#"{"ok":false,"description":"Unauthorized"}"#,
    ));
    let (_, body, text) = run_test(&svc, "telegram", "bot_token", form).await;
    assert_eq!(body["outcome"], "check_failed");
    assert_eq!(body["failed_check"]["pointer"], "/ok");
    assert!(!text.contains(TELEGRAM_TOKEN));
    // A value that would add a segment is refused before anything is sent.
    let (s, _, text) = run_test(
        &svc,
        "telegram",
        "bot_token",
        json!({"bot_token": "123456:ABC/../getUpdates"}),
    )
    .await;
    assert_eq!(s, 422);
    assert!(!text.contains("getUpdates"));
    assert!(stub.take_seen().len() == 1);
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn telegram_test_environment_adds_a_path_segment_only_when_chosen() {
    let (stub, svc) = telegram().await;
    // Chosen (normalised from ` Test `): the optional part `{?/{environment}}` is there.
    let form = json!({"bot_token": TELEGRAM_TOKEN, "environment": " Test "});
    let (s, body, text) = run_test(&svc, "telegram", "bot_token", form).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["outcome"], "connected", "{body}");
    assert!(!text.contains(TELEGRAM_TOKEN));
    // Left empty, or not sent: the part vanishes whole, slash included.
    for form in [
        json!({"bot_token": TELEGRAM_TOKEN, "environment": ""}),
        json!({"bot_token": TELEGRAM_TOKEN}),
    ] {
        let (_, body, _) = run_test(&svc, "telegram", "bot_token", form).await;
        assert_eq!(body["outcome"], "connected", "{body}");
    }
    let paths: Vec<String> = stub
        .take_seen()
        .into_iter()
        .map(|s| s.path_and_query)
        .collect();
    assert_eq!(
        paths,
        [
            format!("/bot{TELEGRAM_TOKEN}/test/getMe"),
            format!("/bot{TELEGRAM_TOKEN}/getMe"),
            format!("/bot{TELEGRAM_TOKEN}/getMe"),
        ]
    );
    // Anything but the one option is refused before a request is made.
    for env in ["production", "test/../x", "../test"] {
        let form = json!({"bot_token": TELEGRAM_TOKEN, "environment": env});
        let (s, body, _) = run_test(&svc, "telegram", "bot_token", form).await;
        assert_eq!(s, 422, "{env}: {body}");
        assert!(body.to_string().contains("environment"), "{body}");
    }
    assert!(stub.take_seen().is_empty());
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn notion_searches_with_a_json_body_and_needs_a_shared_page() {
    let stub = Stub::start(Answer::Body(
        200,
        r#"{"object":"list","results":[{"object":"page","id":"59833787-2cf9-4fdf-8782-e53db20768a5"}],"next_cursor":null,"has_more":false}"#,
    ))
    .await;
    let svc = Service::start(config_for(&["notion"], &stub.url, Duration::from_secs(10))).await;
    let form = json!({"token": NOTION_SECRET});
    let (s, body, text) = run_test(&svc, "notion", "internal_integration", form.clone()).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["outcome"], "connected", "{body}");
    assert!(!text.contains(NOTION_SECRET));
    let seen = stub.take_seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].path_and_query, "/search");
    assert_eq!(seen[0].header("content-type"), Some("application/json"));
    assert_eq!(seen[0].header("notion-version"), Some("2022-06-28"));
    assert_eq!(
        seen[0].header("authorization"),
        Some(format!("Bearer {NOTION_SECRET}").as_str())
    );
    let sent: Value = serde_json::from_slice(&seen[0].body).unwrap();
    assert_eq!(sent, json!({"page_size": 1}));

    // A working secret that sees no page: the 200 with an empty list is not a connection.
    stub.answer(Answer::Body(
        200,
        r#"{"object":"list","results":[],"next_cursor":null,"has_more":false}"#,
    ));
    let (_, body, text) = run_test(&svc, "notion", "internal_integration", form.clone()).await;
    assert_eq!(body["outcome"], "check_failed", "{body}");
    assert_eq!(body["failed_check"]["pointer"], "/results");
    assert_eq!(body["failed_check"]["index"], 1);
    assert!(text.contains("Share the pages"), "{text}");
    assert!(!text.contains(NOTION_SECRET));
    stub.answer(Answer::Body(
        401,
        r#"{"object":"error","status":401,"code":"unauthorized"}"#,
    ));
    let (_, body, _) = run_test(&svc, "notion", "internal_integration", form).await;
    assert_eq!(body["outcome"], "rejected", "{body}");
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn freshdesk_and_pagerduty_send_computed_and_prefixed_credentials() {
    let stub = Stub::start(Answer::Body(200, r#"{"id":1,"abilities":["teams"]}"#)).await;
    let svc = Service::start(config_for(
        &["freshdesk", "pagerduty"],
        &stub.url,
        Duration::from_secs(10),
    ))
    .await;
    let (_, body, _) = run_test(
        &svc,
        "freshdesk",
        "api_key",
        json!({"domain": "https://Acme.freshdesk.com/a", "api_key": "sFqK3nP8wLz2vR5tY9bX"}),
    )
    .await;
    assert_eq!(body["outcome"], "connected", "{body}");
    let (_, body, _) = run_test(
        &svc,
        "pagerduty",
        "api_key",
        json!({"api_key": "y_NbAkKc66ryYTWUXYEu"}),
    )
    .await;
    assert_eq!(body["outcome"], "connected", "{body}");
    let seen = stub.take_seen();
    assert_eq!(seen[0].path_and_query, "/agents/me");
    assert_eq!(
        basic_credentials(&seen[0]).as_deref(),
        Some("sFqK3nP8wLz2vR5tY9bX:X")
    );
    assert_eq!(seen[1].path_and_query, "/abilities");
    assert_eq!(
        seen[1].header("authorization"),
        Some("Token token=y_NbAkKc66ryYTWUXYEu")
    );
    svc.stop().await.unwrap();
}

/// A value chosen by the form of another (`derived` with a `map`): a Paddle key's
/// `pdl_live_`/`pdl_sdbx_` prefix picks the live or the sandbox API host, so the end user
/// does not choose.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_prefix_chooses_the_environment() {
    let cases = [
        (
            "pdl_live_apikey_01gtgztp8f4kek3yd4g1wrksa3_q6TGTJyvoIz7LDtXT65bX7_AQO",
            "api.paddle.com",
        ),
        (
            "pdl_sdbx_apikey_01hvk3xq9m2n4p6r8t0v2w4y6z_R7sK2mPq9xLw4Zt8Yv1Bn6Hc5_JDF",
            "sandbox-api.paddle.com",
        ),
    ];
    for (key, host) in cases {
        // Only the key's own host resolves here, to an internal address: the refusal
        // proves the key led there (the other host would be looked up and tried).
        let mut config = common::quick_config();
        config
            .resolve
            .insert(host.to_owned(), vec![std::net::IpAddr::from([10, 0, 0, 7])]);
        let svc = Service::start(config).await;
        let (st, body, text) = run_test(&svc, "paddle", "api_key", json!({"api_key": key})).await;
        assert_eq!(st, 422, "{text}");
        assert_eq!(
            body["type"], "urn:connectspec:problem:refused-host",
            "{body}"
        );
        assert!(!text.contains(key));
        svc.stop().await.unwrap();
    }
    // A key of neither environment cannot say where to go: a field error, nothing sent.
    let svc = Service::start(common::quick_config()).await;
    let (st, body, _) = run_test(
        &svc,
        "paddle",
        "api_key",
        json!({"api_key": "pdl_test_apikey_01gtgztp8f4kek3yd4g1wrksa3_q6TGTJyvoIz7LDtXT65bX7_AQO"}),
    )
    .await;
    assert_eq!(st, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "api_key", "{body}");
    svc.stop().await.unwrap();
}
