//! No secret test vector appears in any response (status, headers, body) or any log
//! line, whatever the request: valid, invalid, malformed, a connection test with every
//! kind of provider answer, a timeout, an unreachable provider. The account identity a
//! connection test reports is not a secret, but it is not logged either.
//!
//! Logs are captured at TRACE for every target, so the HTTP stack's own logs are
//! checked too, not just the service's.

mod common;

use std::time::Duration;

use common::{
    Answer, Capture, Service, Stub, basic_credentials, catalogue, config_for, form_with, observed,
    post_fields, valid_form,
};
use serde_json::{Value, json};

/// A secret vector, where it belongs, and whether the spec says it is valid.
struct Vector {
    provider: String,
    method: String,
    field: String,
    value: String,
    valid: bool,
}

fn vectors() -> Vec<Vector> {
    let mut out = Vec::new();
    for spec in catalogue().iter() {
        for m in &spec.auth_methods {
            for f in m.fields.iter().filter(|f| f.secret) {
                let Some(ex) = &f.examples else { continue };
                let all = ex
                    .valid
                    .iter()
                    .map(|v| (v.clone(), true))
                    .chain(ex.invalid.iter().map(|i| (i.value.clone(), false)));
                for (value, valid) in all {
                    out.push(Vector {
                        provider: spec.id.clone(),
                        method: m.id.clone(),
                        field: f.key.clone(),
                        value,
                        valid,
                    });
                }
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_in_responses_or_logs() {
    let logs = Capture::default();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(logs.clone())
        .init();

    let vectors = vectors();
    // Substring search is only meaningful for vectors of some length.
    let checked: Vec<&Vector> = vectors
        .iter()
        .filter(|v| v.value.trim().len() >= 12)
        .collect();
    assert!(
        checked.len() >= 8,
        "too few secret vectors: {}",
        checked.len()
    );
    assert!(checked.iter().any(|v| v.valid) && checked.iter().any(|v| !v.valid));

    let stub = Stub::start(Answer::Status(200)).await;
    let hang = Stub::start(Answer::Hang).await;
    let cat = catalogue();
    let ids: Vec<&str> = cat.iter().map(|p| p.id.as_str()).collect();
    // `--dev`, so the link form's connect runs without a session (sessions are in link.rs),
    // with a sealing key of its own.
    let mut dev = config_for(&ids, &stub.url, Duration::from_secs(10));
    dev.dev = true;
    let svc = Service::start(dev).await;
    let browser = reqwest::Client::new();
    let slow = Service::start(config_for(&ids, &hang.url, Duration::from_millis(200))).await;
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://{}", free.local_addr().unwrap());
    drop(free);
    let dead = Service::start(config_for(&ids, &dead_url, Duration::from_secs(5))).await;

    let c = common::client();
    let mut seen_by_provider = 0;
    let mut responses = 0;
    for v in &checked {
        let spec = cat.provider(&v.provider).unwrap();
        let m = spec.method(&v.method).unwrap();
        let base = format!("/v1/providers/{}/methods/{}", v.provider, v.method);
        let (form, accepted) = form_with(&v.provider, m, Some((&v.field, &v.value)));
        assert_eq!(
            accepted, v.valid,
            "{}.{}: the validator disagrees with the spec's example",
            v.provider, v.field
        );
        let secret = v.value.trim();

        let mut outputs = Vec::new();
        outputs.push(
            observed(post_fields(&c, &svc.url(&format!("{base}/validate")), &form).await).await,
        );
        for status in [200, 401, 403, 404, 500] {
            stub.answer(Answer::Status(status));
            outputs.push(
                observed(post_fields(&c, &svc.url(&format!("{base}/test")), &form).await).await,
            );
        }
        // The link form's last step: its answer is a sealed result, never the secret.
        if m.oauth.is_none() {
            for status in [200, 401] {
                stub.answer(Answer::Status(status));
                let res = browser
                    .post(svc.url("/v1/link/connect"))
                    .json(&json!({"provider": v.provider, "method": v.method, "fields": form}))
                    .send()
                    .await
                    .unwrap();
                outputs.push(observed(res).await);
            }
        }
        if m.connection_test.is_some() {
            let got = stub.take_seen();
            let reached = got.iter().any(|s| {
                s.path_and_query.contains(secret)
                    || s.headers.iter().any(|(_, h)| h.contains(secret))
                    || basic_credentials(s).is_some_and(|b| b.contains(secret))
            });
            assert_eq!(
                reached, v.valid,
                "{}.{}: a valid vector must reach the provider, an invalid one never",
                v.provider, v.field
            );
            if reached {
                seen_by_provider += 1;
            }
        }
        if v.valid {
            outputs.push(
                observed(post_fields(&c, &slow.url(&format!("{base}/test")), &form).await).await,
            );
            outputs.push(
                observed(post_fields(&c, &dead.url(&format!("{base}/test")), &form).await).await,
            );
        }

        // The secret where it does not belong, and in bodies that do not parse.
        let mut unknown = valid_form(&v.provider, m);
        unknown.insert("not_a_field".into(), Value::String(secret.to_owned()));
        outputs.push(
            observed(post_fields(&c, &svc.url(&format!("{base}/validate")), &unknown).await).await,
        );
        let raw_bodies = [
            format!("{{\"fields\": {{\"{}\": \"{secret}\"", v.field),
            format!("{{\"fields\": \"{secret}\"}}"),
            format!("{{\"fields\": {{\"{}\": [\"{secret}\"]}}}}", v.field),
            format!("{{\"fields\": {{\"{}\": {secret}}}}}", v.field),
            format!("{{\"{secret}\": {{}}}}"),
        ];
        for body in raw_bodies {
            for ct in ["application/json", "text/plain"] {
                let res = c
                    .post(svc.url(&format!("{base}/validate")))
                    .header("content-type", ct)
                    .body(body.clone())
                    .send()
                    .await
                    .unwrap();
                outputs.push(observed(res).await);
            }
        }
        let oversized = json!({"fields": {&v.field: secret.repeat(64 * 1024 / secret.len() + 1)}});
        let res = c
            .post(svc.url(&format!("{base}/validate")))
            .json(&oversized)
            .send()
            .await
            .unwrap();
        outputs.push(observed(res).await);
        // In the URL by mistake: the log must not repeat it either.
        outputs.push(
            observed(
                c.get(svc.url(&format!("/v1/providers/{secret}")))
                    .send()
                    .await
                    .unwrap(),
            )
            .await,
        );
        outputs.push(
            observed(
                c.get(svc.url(&format!("{base}/schema?token={secret}")))
                    .send()
                    .await
                    .unwrap(),
            )
            .await,
        );

        for (status, headers, body) in &outputs {
            assert!(
                !headers.contains(secret),
                "{}.{}: secret in headers of a {status}",
                v.provider,
                v.field
            );
            assert!(
                !body.contains(secret),
                "{}.{}: secret in a {status} body: {body}",
                v.provider,
                v.field
            );
        }
        responses += outputs.len();
    }

    // The account identity a successful test reports is not a secret, but it is not
    // logged either.
    const IDENTITY: &str = "acct-5f0c8c9e1c9d4400e8d8c4aa";
    stub.answer(Answer::Body(
        200,
        r#"{"id":"acct-5f0c8c9e1c9d4400e8d8c4aa","email":"ada@example.com"}"#,
    ));
    let webflow = cat.provider("webflow").unwrap();
    let m = &webflow.auth_methods[0];
    let url = svc.url(&format!("/v1/providers/webflow/methods/{}/test", m.id));
    let (_, _, body) = observed(post_fields(&c, &url, &valid_form("webflow", m)).await).await;
    assert!(
        body.contains(&format!("\"identity\":\"{IDENTITY}\"")),
        "{body}"
    );

    svc.stop().await.unwrap();
    slow.stop().await.unwrap();
    dead.stop().await.unwrap();

    let text = String::from_utf8(logs.bytes()).unwrap();
    assert!(text.contains("request"), "no request log lines captured");
    assert!(
        text.contains("connection test answered") && text.contains("connection test timed out")
    );
    for v in &checked {
        let secret = v.value.trim();
        if let Some(line) = text.lines().find(|l| l.contains(secret)) {
            panic!("{}.{}: secret in a log line: {line}", v.provider, v.field);
        }
    }
    if let Some(line) = text.lines().find(|l| l.contains(IDENTITY)) {
        panic!("the account identity in a log line: {line}");
    }
    // Every request above carried the operator key (`post_fields`): it is never logged.
    if let Some(line) = text.lines().find(|l| l.contains(common::OPERATOR_KEY)) {
        panic!("the operator key in a log line: {line}");
    }
    assert!(
        seen_by_provider >= 2,
        "valid vectors must have been sent to the stand-in provider"
    );
    assert!(responses > 100);
}
