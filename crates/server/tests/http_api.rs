//! The service's endpoints over loopback with a real HTTP client.

mod common;

use common::{Service, catalogue, post_fields, valid_form};
use connectspec_providers::prelude::*;
use serde_json::{Value, json};

async fn get_json(client: &reqwest::Client, url: &str) -> (u16, String, Value) {
    let res = client.get(url).send().await.unwrap();
    let status = res.status().as_u16();
    let ct = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = res.text().await.unwrap();
    (
        status,
        ct,
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{url}: {e}: {body}")),
    )
}

fn assert_problem(status: u16, ct: &str, body: &Value, expect: u16) {
    assert_eq!(status, expect, "{body}");
    assert_eq!(ct, "application/problem+json");
    assert_eq!(body["status"], expect);
    assert!(
        body["type"]
            .as_str()
            .unwrap()
            .starts_with("urn:connectspec:problem:")
    );
    assert!(!body["title"].as_str().unwrap().is_empty());
    assert!(!body["detail"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn health_and_catalogue() {
    let svc = Service::start(common::quick_config()).await;
    let c = common::client();
    let (s, ct, body) = get_json(&c, &svc.url("/healthz")).await;
    assert_eq!(
        (s, ct.as_str(), body),
        (200, "application/json", json!({"status": "ok"}))
    );

    let cat = catalogue();
    let (s, _, list) = get_json(&c, &svc.url("/v1/providers")).await;
    assert_eq!(s, 200);
    let ids: Vec<&str> = list["providers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let mut want: Vec<&str> = cat.iter().map(|p| p.id.as_str()).collect();
    want.sort();
    assert_eq!(ids, want);

    for spec in cat.iter() {
        let (s, _, p) = get_json(&c, &svc.url(&format!("/v1/providers/{}", spec.id))).await;
        assert_eq!(s, 200);
        assert_eq!(p["name"], spec.name.as_str());
        let methods = p["methods"].as_array().unwrap();
        assert_eq!(methods.len(), spec.auth_methods.len());
        for (m, sm) in methods.iter().zip(&spec.auth_methods) {
            assert_eq!(m["id"], sm.id.as_str());
            assert_eq!(m["label"], sm.label.as_str());
            assert_eq!(
                m["title"],
                format!("Connect {} with {}", spec.name, sm.label)
            );
            assert_eq!(
                m["pages"]["mdx"],
                format!("providers/{}/{}.mdx", spec.id, sm.slug())
            );
            assert_eq!(
                m["pages"]["md"],
                format!("providers/{}/{}.md", spec.id, sm.slug())
            );
            let keys: Vec<&str> = m["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["key"].as_str().unwrap())
                .collect();
            let want: Vec<&str> = sm.fields.iter().map(|f| f.key.as_str()).collect();
            assert_eq!(keys, want);
            for (f, sf) in m["fields"].as_array().unwrap().iter().zip(&sm.fields) {
                assert_eq!(f["secret"], sf.secret);
                assert_eq!(f["optional"], sf.optional);
                assert_eq!(f["label"], sf.label.as_str());
            }
            assert_eq!(m["connection_test"].is_null(), sm.connection_test.is_none());
            if let Some(t) = &sm.connection_test {
                let req: Vec<&str> = m["connection_test"]["requires_scopes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s["id"].as_str().unwrap())
                    .collect();
                let want: Vec<&str> = t.requires_scopes.iter().map(String::as_str).collect();
                assert_eq!(req, want);
                // The identity, as the spec says it (absent when it says none).
                let identity = &m["connection_test"]["identity"];
                match &t.identity {
                    Some(id) => {
                        assert_eq!(*identity, json!({"pointer": id.pointer, "label": id.label}))
                    }
                    None => assert!(identity.is_null(), "{identity}"),
                }
            }
        }
    }
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn schema_marks_secrets_write_only() {
    let svc = Service::start(common::quick_config()).await;
    let c = common::client();
    for spec in catalogue().iter() {
        for m in &spec.auth_methods {
            let url = svc.url(&format!(
                "/v1/providers/{}/methods/{}/schema",
                spec.id, m.id
            ));
            let (s, ct, schema) = get_json(&c, &url).await;
            assert_eq!(s, 200);
            assert_eq!(ct, "application/schema+json");
            for f in &m.fields {
                let prop = &schema["properties"][&f.key];
                assert!(prop.is_object(), "{url}: no property {}", f.key);
                assert_eq!(
                    prop["writeOnly"].as_bool().unwrap_or(false),
                    f.secret,
                    "{url}: {}",
                    f.key
                );
            }
        }
    }
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn validate_accepts_and_normalises() {
    let svc = Service::start(common::quick_config()).await;
    let c = common::client();
    for spec in catalogue().iter() {
        for m in &spec.auth_methods {
            let url = svc.url(&format!(
                "/v1/providers/{}/methods/{}/validate",
                spec.id, m.id
            ));
            // Surrounding whitespace, as a paste adds, on every field that trims.
            let clean = valid_form(&spec.id, m);
            let mut form = clean.clone();
            let trims = |f: &connectspec_lang::Field| {
                f.normalize
                    .iter()
                    .any(|n| format!("{n:?}").eq_ignore_ascii_case("trim"))
            };
            for f in m.fields.iter().filter(|f| trims(f)) {
                let v = form[&f.key].as_str().unwrap().to_owned();
                form.insert(f.key.clone(), Value::String(format!("  {v}\n")));
            }
            let res = post_fields(&c, &url, &form).await;
            assert_eq!(res.status().as_u16(), 200, "{}.{}", spec.id, m.id);
            let body: Value = res.json().await.unwrap();
            assert_eq!(body["valid"], true);
            assert_eq!(body["provider"], spec.id.as_str());
            assert_eq!(body["method"], m.id.as_str());
            // The service answers what the compiled validator computes.
            let lib = connectspec_providers::validate(&spec.id, &m.id, &form).unwrap();
            let values = body["values"].as_object().unwrap();
            let want: serde_json::Map<String, Value> = lib
                .public_values()
                .into_iter()
                .map(|(k, v)| (k, Value::String(v)))
                .collect();
            assert_eq!(values, &want);
            for f in &m.fields {
                if f.secret {
                    assert!(!values.contains_key(&f.key), "secret {} returned", f.key);
                } else if f
                    .normalize
                    .iter()
                    .all(|n| format!("{n:?}").eq_ignore_ascii_case("trim"))
                {
                    assert_eq!(values.get(&f.key), clean.get(&f.key), "{}", f.key);
                }
            }
            let normalized: Vec<&str> = body["normalized"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            assert_eq!(normalized, lib.normalized_fields());
            for f in m.fields.iter().filter(|f| trims(f)) {
                assert!(
                    normalized.contains(&f.key.as_str()),
                    "{}: padded but not reported",
                    f.key
                );
            }
        }
    }
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn validate_lists_every_field_error() {
    let svc = Service::start(common::quick_config()).await;
    let c = common::client();
    let url = svc.url("/v1/providers/oneflow/methods/api_token/validate");
    let form = json!({"api_token": "3f9c2a7e-41bd-4c0a-9e6f-2b8d51c7a0e4f1b", "user_email": 5, "extra": "x"});
    let res = post_fields(&c, &url, form.as_object().unwrap()).await;
    let status = res.status().as_u16();
    let ct = res.headers()["content-type"].to_str().unwrap().to_owned();
    // A problem quotes an unknown key: browsers must not sniff it into HTML.
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    let body: Value = res.json().await.unwrap();
    assert_problem(status, &ct, &body, 422);
    let errors = body["errors"].as_array().unwrap();
    let summary: Vec<(&str, &str, &str)> = errors
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap(),
                e["kind"].as_str().unwrap(),
                e["pointer"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("api_token", "too_short", "/fields/api_token"),
            ("user_email", "not_a_string", "/fields/user_email"),
            ("extra", "unknown", "/fields/extra"),
        ]
    );
    assert_eq!(
        errors[0]["message"],
        "API Token must be 40 characters: letters, digits and hyphens (it has 39)"
    );
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .starts_with("3 fields are invalid: API Token must be")
    );

    // Every invalid example of every spec is refused with an error on its own field.
    for spec in catalogue().iter() {
        for m in &spec.auth_methods {
            let url = svc.url(&format!(
                "/v1/providers/{}/methods/{}/validate",
                spec.id, m.id
            ));
            for f in &m.fields {
                for bad in f.examples.iter().flat_map(|e| &e.invalid) {
                    let mut form = valid_form(&spec.id, m);
                    form.insert(f.key.clone(), Value::String(bad.value.clone()));
                    let res = post_fields(&c, &url, &form).await;
                    assert_eq!(
                        res.status().as_u16(),
                        422,
                        "{}.{}: {}",
                        spec.id,
                        f.key,
                        bad.reason
                    );
                    let body: Value = res.json().await.unwrap();
                    let fields: Vec<&str> = body["errors"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|e| e["field"].as_str().unwrap())
                        .collect();
                    assert!(fields.contains(&f.key.as_str()), "{fields:?}");
                }
            }
        }
    }
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn bad_input_is_a_problem() {
    let svc = Service::start(common::quick_config()).await;
    let c = common::client();
    let url = svc.url("/v1/providers/oneflow/methods/api_token/validate");

    let send = |ct: Option<&'static str>, body: Vec<u8>| {
        let mut req = c.post(&url).body(body);
        if let Some(ct) = ct {
            req = req.header("content-type", ct);
        }
        async move {
            let res = req.send().await.unwrap();
            let status = res.status().as_u16();
            let ct = res
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default();
            let body: Value = res.json().await.unwrap();
            (status, ct, body)
        }
    };

    let cases: Vec<(Option<&'static str>, Vec<u8>, u16, &str)> = vec![
        (
            Some("application/json"),
            b"{\"fields\": {".to_vec(),
            400,
            "not valid JSON (line 1, column 12)",
        ),
        (
            Some("application/json"),
            b"[1]".to_vec(),
            400,
            "must be a JSON object",
        ),
        (
            Some("application/json"),
            b"{\"fields\": []}".to_vec(),
            400,
            "`fields` must be an object",
        ),
        (
            Some("application/json"),
            b"{}".to_vec(),
            400,
            "no `fields` object",
        ),
        (
            Some("application/json"),
            b"{\"fields\": {}, \"more\": 1}".to_vec(),
            400,
            "only have the members `fields`, `actions` and `lang`",
        ),
        (Some("application/json"), Vec::new(), 400, "body is empty"),
        (
            Some("text/plain"),
            b"{\"fields\": {}}".to_vec(),
            415,
            "not JSON",
        ),
        (None, b"{\"fields\": {}}".to_vec(), 415, "no Content-Type"),
        (
            Some("application/json"),
            vec![b' '; 64 * 1024 + 1],
            413,
            "at most 64 KiB",
        ),
    ];
    for (ct, body, want, detail) in cases {
        let (status, rct, problem) = send(ct, body).await;
        assert_problem(status, &rct, &problem, want);
        assert!(
            problem["detail"].as_str().unwrap().contains(detail),
            "{problem}"
        );
    }
    // Exactly at the limit is read (and is then malformed JSON, not too large).
    let mut at_limit = b"{\"fields\": {}}".to_vec();
    at_limit.resize(64 * 1024, b' ');
    let (status, _, _) = send(Some("application/json"), at_limit).await;
    assert_eq!(status, 422, "a 64 KiB body with empty fields is checked");

    let not_found = [
        ("/v1/providers/nosuch", "unknown provider `nosuch`"),
        (
            "/v1/providers/nosuch/methods/api_token/schema",
            "unknown provider `nosuch`",
        ),
        (
            "/v1/providers/oneflow/methods/nosuch/schema",
            "Oneflow has no auth method `nosuch` (methods: api_token)",
        ),
        ("/v1/nothing", "no such endpoint; see GET /v1/providers"),
    ];
    for (path, detail) in not_found {
        let (status, ct, body) = get_json(&c, &svc.url(path)).await;
        assert_problem(status, &ct, &body, 404);
        assert_eq!(body["detail"], detail);
    }
    let res = post_fields(
        &c,
        &svc.url("/v1/providers/oneflow/methods/nosuch/validate"),
        &Default::default(),
    )
    .await;
    assert_eq!(res.status().as_u16(), 404);

    let (status, ct, body) = get_json(&c, &svc.url("/v1/providers/%FF%FE")).await;
    assert_problem(status, &ct, &body, 400);
    assert!(body["detail"].as_str().unwrap().contains("not valid UTF-8"));

    let res = c.get(&url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 405);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn graceful_shutdown_finishes() {
    let svc = Service::start(common::quick_config()).await;
    let c = common::client();
    assert_eq!(
        c.get(svc.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    let base = svc.base.clone();
    svc.stop().await.expect("serve returns Ok after shutdown");
    assert!(
        common::client()
            .get(format!("{base}/healthz"))
            .send()
            .await
            .is_err()
    );
}

/// `GET …/scopes?actions=`: the least-privilege scopes, the same as the spec model
/// computes for every action of every method; unknown ids are a 404 or 422 problem.
#[tokio::test]
async fn least_privilege_scopes_of_actions() {
    let svc = Service::start(common::quick_config()).await;
    let c = common::client();
    let (s, _, body) = get_json(
        &c,
        &svc.url("/v1/providers/webflow/methods/site_token/scopes?actions=read_cms,write_cms"),
    )
    .await;
    assert_eq!(s, 200, "{body}");
    let ids: Vec<&str> = body["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    // cms:write includes cms:read, so read is not asked for as well.
    assert_eq!(ids, ["authorized_user:read", "cms:write"]);
    assert_eq!(body["actions"], json!(["read_cms", "write_cms"]));
    // Every action of every method, alone and all together, agrees with the model.
    for spec in catalogue().iter() {
        for m in spec.auth_methods.iter().filter(|m| !m.actions.is_empty()) {
            let all: Vec<&str> = m.actions.iter().map(|a| a.id.as_str()).collect();
            let mut sets: Vec<Vec<&str>> = all.iter().map(|a| vec![*a]).collect();
            sets.push(all.clone());
            for set in sets {
                let url = svc.url(&format!(
                    "/v1/providers/{}/methods/{}/scopes?actions={}",
                    spec.id,
                    m.id,
                    set.join(",")
                ));
                let (s, _, body) = get_json(&c, &url).await;
                assert_eq!(s, 200, "{body}");
                let got: Vec<&str> = body["scopes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s["id"].as_str().unwrap())
                    .collect();
                assert_eq!(got, m.least_privilege_scopes(&set).unwrap(), "{url}");
            }
        }
    }
    let (s, ct, body) = get_json(
        &c,
        &svc.url("/v1/providers/webflow/methods/site_token/scopes?actions=read_cms,sk_live_secret"),
    )
    .await;
    assert_problem(s, &ct, &body, 422);
    assert!(!body.to_string().contains("sk_live_secret"), "{body}");
    let (s, ct, body) = get_json(&c, &svc.url("/v1/providers/webflow/methods/nope/scopes")).await;
    assert_problem(s, &ct, &body, 404);
}
