//! No secret of a token exchange (the end user's client secret, their private key, the
//! signed assertion, the exchanged token) appears in a log line (captured at TRACE for
//! every target), in a problem body or report, or in a URL the provider was sent, for
//! working and refused credentials alike.

mod common;
mod exchange_support;

use common::{Capture, Service};
use exchange_support::{
    KEYS_CLIENT_SECRET, config, keys_fields, operator, post, robot_fields, signed_fields,
    start_harness,
};
use serde_json::json;

/// Pieces of a PEM key's base64 body: any of them in a text means the key leaked.
fn key_pieces(pem: &str) -> Vec<String> {
    pem.lines()
        .filter(|l| !l.starts_with("-----") && l.len() >= 40)
        .map(|l| l[4..36].to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_exchange_secret_in_logs_problems_or_urls() {
    let logs = Capture::default();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(logs.clone())
        .init();
    let h = start_harness();
    let svc = Service::start(config(&h)).await;
    let op = operator();
    let op = op.as_ref().map(|(h, v)| (*h, v.as_str()));

    let mut secrets: Vec<String> = vec![KEYS_CLIENT_SECRET.to_owned()];
    for k in ["signed_key_file", "robot_key_file"] {
        secrets.extend(key_pieces(h.info[k]["private_key"].as_str().unwrap()));
    }
    for k in ["signed_other_key", "robot_other_key"] {
        secrets.extend(key_pieces(h.info[k].as_str().unwrap()));
    }
    let other_rsa = h.info["signed_other_key"].as_str().unwrap();
    let other_ec = h.info["robot_other_key"].as_str().unwrap();
    let cases = [
        (
            "acme_keys",
            "client_credentials",
            keys_fields(KEYS_CLIENT_SECRET),
        ),
        (
            "acme_keys",
            "client_credentials",
            keys_fields("fake-wrong-secret-1111111111"),
        ),
        ("acme_signed", "key_file", signed_fields(&h, None)),
        (
            "acme_signed",
            "key_file",
            signed_fields(&h, Some(other_rsa)),
        ),
        (
            "acme_signed",
            "key_file",
            signed_fields(&h, Some("not a key at all")),
        ),
        (
            "acme_robot",
            "service_account",
            robot_fields(&h, None, Some("jane@acme-robot.example")),
        ),
        (
            "acme_robot",
            "service_account",
            robot_fields(&h, Some(other_ec), None),
        ),
    ];
    secrets.push("fake-wrong-secret-1111111111".to_owned());
    let mut answers = String::new();
    for (p, m, fields) in &cases {
        let body = json!({ "fields": fields });
        for verb in ["validate", "test", "token"] {
            let path = format!("/v1/providers/{p}/methods/{m}/{verb}");
            let (st, v, text) = post(&svc.base, &path, op, &body).await;
            assert!(st < 500, "{path}: {text}");
            if verb == "token" && st == 200 {
                // The token itself is the answer here; it must go nowhere else.
                secrets.push(v["access_token"].as_str().unwrap().to_owned());
                answers.push_str(&text.replace(v["access_token"].as_str().unwrap(), ""));
            } else {
                answers.push_str(&text);
            }
        }
    }
    let mut urls = String::new();
    for which in ["keys", "signed", "robot"] {
        urls.push_str(&h.seen(which).await.join("\n"));
    }
    svc.stop().await.unwrap();
    let logged = String::from_utf8(logs.bytes()).unwrap();
    assert!(logged.contains("token exchanged"), "the flows ran");
    assert!(logged.contains("token endpoint refused the exchange"));
    for s in &secrets {
        assert!(!logged.contains(s.as_str()), "a secret in the logs");
        assert!(!answers.contains(s.as_str()), "a secret in an answer");
        assert!(!urls.contains(s.as_str()), "a secret in a URL");
    }
    // A signed assertion or an issued token is a JWT or an opaque value; no JWT header
    // (`{"alg":…` is `eyJ` in base64url) shows up anywhere.
    for (what, text) in [("logs", &logged), ("answers", &answers), ("URLs", &urls)] {
        assert!(!text.contains("eyJ"), "a JWT in the {what}");
        // A message may name the PEM format; a PEM block (a boundary followed by a line
        // of key material) must not appear, raw or JSON-escaped.
        assert!(
            !text.contains("PRIVATE KEY-----\n") && !text.contains("PRIVATE KEY-----\\n"),
            "key material in the {what}"
        );
    }
}
