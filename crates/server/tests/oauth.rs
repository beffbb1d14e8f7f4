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
mod oauth_support;

use oauth_support::*;

use common::Capture;
use serde_json::{Value, json};
use std::time::Duration;

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
