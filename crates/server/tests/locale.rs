//! The service speaks the caller's language: `Accept-Language` (RFC 4647 lookup), the
//! `lang` query parameter and body member, the link session's locale; `Content-Language`
//! and `Vary` on localised answers; spec texts from `specs/i18n`, also beside a
//! `--specs DIR`; pseudo-locales only when enabled.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{Answer, OPERATOR_KEY, Service, Stub, config_for};
use connectspec_server::Config;
use connectspec_server::state::{StateKey, StateKeys};
use serde_json::{Value, json};

fn keyed(mut c: Config) -> Config {
    c.oauth.keys = Arc::new(StateKeys::new(vec![
        StateKey::from_bytes(&[9u8; 32]).unwrap(),
    ]));
    c
}

async fn service(answer: Answer, pseudo: bool) -> (Service, Stub) {
    let stub = Stub::start(answer).await;
    let mut config = keyed(config_for(&["oneflow"], &stub.url, Duration::from_secs(3)));
    config.pseudo_locales = pseudo;
    (Service::start(config).await, stub)
}

/// An answer: status, `Content-Language`, `Vary`, body (JSON, else text as a string).
struct Answered {
    status: u16,
    language: Option<String>,
    vary: String,
    body: Value,
    text: String,
}

async fn call(req: reqwest::RequestBuilder) -> Answered {
    let res = req.send().await.unwrap();
    let header = |n: &str| {
        res.headers()
            .get_all(n)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let language = Some(header("content-language")).filter(|l| !l.is_empty());
    let vary = header("vary");
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    Answered {
        status,
        language,
        vary,
        body: serde_json::from_str(&text).unwrap_or(Value::Null),
        text,
    }
}

fn get(svc: &Service, path: &str, accept_language: Option<&str>) -> reqwest::RequestBuilder {
    let mut r = reqwest::Client::new().get(svc.url(path));
    if let Some(l) = accept_language {
        r = r.header("accept-language", l);
    }
    r
}

fn post(
    svc: &Service,
    path: &str,
    accept_language: Option<&str>,
    body: &Value,
) -> reqwest::RequestBuilder {
    let mut r = reqwest::Client::new()
        .post(svc.url(path))
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {OPERATOR_KEY}"))
        .body(body.to_string());
    if let Some(l) = accept_language {
        r = r.header("accept-language", l);
    }
    r
}

fn method(detail: &Value) -> &Value {
    &detail["methods"][0]
}

/// A malformed Oneflow form (the token is too short).
fn bad_form() -> Value {
    json!({"fields": {"api_token": "short", "user_email": "ada@example.com"}})
}

#[tokio::test]
async fn accept_language_de_speaks_german_and_says_so() {
    let (svc, _stub) = service(Answer::Status(200), false).await;
    let a = call(get(
        &svc,
        "/v1/providers/oneflow",
        Some("de-DE,de;q=0.9,en;q=0.5"),
    ))
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(a.language.as_deref(), Some("de"));
    assert!(a.vary.contains("Accept-Language"), "{}", a.vary);
    let m = method(&a.body);
    assert_eq!(m["label"], "API-Token");
    assert_eq!(m["title"], "Oneflow mit API-Token verbinden");
    assert_eq!(m["fields"][0]["label"], "API-Token");
    assert_eq!(
        m["guide"]["sections"][0]["title"],
        "Custom Integration aktivieren"
    );
    assert_eq!(
        m["connection_test"]["note"],
        "Der Ping prüft nur den API-Token; die Benutzer-E-Mail wird dabei nicht überprüft."
    );

    // A problem: German title and detail, the same headers.
    let p = call(post(
        &svc,
        "/v1/providers/oneflow/methods/api_token/validate",
        Some("de"),
        &bad_form(),
    ))
    .await;
    assert_eq!(p.status, 422);
    assert_eq!(p.language.as_deref(), Some("de"));
    assert!(p.vary.contains("Accept-Language"));
    assert_eq!(p.body["title"], "Ungültiges Zugangsdatenformular");
    assert!(
        p.body["detail"]
            .as_str()
            .unwrap()
            .starts_with("1 Feld ist ungültig: "),
        "{}",
        p.body
    );
    // The field error itself in German, with the spec's German label and hint.
    let error = &p.body["errors"][0];
    assert_eq!(error["field"], "api_token", "{}", p.body);
    assert_eq!(
        error["message"],
        "API-Token muss folgendes Format haben: 40 Zeichen: Buchstaben, Ziffern und Bindestriche (aktuelle Länge: 5)",
        "{}",
        p.body
    );
    let unknown = call(get(&svc, "/v1/providers/nope", Some("de"))).await;
    assert_eq!(unknown.body["detail"], "unbekannter Anbieter `nope`");
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn ja_jp_finds_japanese_and_an_unknown_language_english() {
    let (svc, _stub) = service(Answer::Status(200), false).await;
    let ja = call(get(&svc, "/v1/providers/oneflow", Some("ja-JP"))).await;
    assert_eq!(ja.language.as_deref(), Some("ja"));
    assert_eq!(method(&ja.body)["label"], "API トークン");
    assert_eq!(method(&ja.body)["title"], "Oneflow を API トークンで接続");

    for header in [Some("zh-Hant-TW"), Some("x-klingon"), Some("*"), None] {
        let en = call(get(&svc, "/v1/providers/oneflow", header)).await;
        assert_eq!(en.language.as_deref(), Some("en"), "{header:?}");
        assert_eq!(method(&en.body)["label"], "API Token", "{header:?}");
        assert_eq!(method(&en.body)["title"], "Connect Oneflow with API Token");
    }
    // An answer without localised text says nothing about its language.
    let health = call(get(&svc, "/healthz", Some("de"))).await;
    assert_eq!(health.language, None);
    assert!(!health.vary.contains("Accept-Language"));
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn lang_in_the_query_or_the_body_wins() {
    let (svc, _stub) = service(Answer::Status(200), false).await;
    let q = call(get(&svc, "/v1/providers/oneflow?lang=ja", Some("de"))).await;
    assert_eq!(q.language.as_deref(), Some("ja"));
    assert_eq!(method(&q.body)["label"], "API トークン");
    // A `lang` that names no locale served here is passed over.
    let q = call(get(&svc, "/v1/providers/oneflow?lang=tlh", Some("de"))).await;
    assert_eq!(q.language.as_deref(), Some("de"));

    let mut body = bad_form();
    body["lang"] = json!("de-AT");
    let b = call(post(
        &svc,
        "/v1/providers/oneflow/methods/api_token/validate",
        Some("ja"),
        &body,
    ))
    .await;
    assert_eq!(b.status, 422);
    assert_eq!(b.language.as_deref(), Some("de"));
    assert_eq!(b.body["title"], "Ungültiges Zugangsdatenformular");
    body["lang"] = json!(7);
    let bad = call(post(
        &svc,
        "/v1/providers/oneflow/methods/api_token/validate",
        None,
        &body,
    ))
    .await;
    assert_eq!(bad.status, 400);
    assert!(
        bad.body["detail"].as_str().unwrap().contains("`lang`"),
        "{}",
        bad.body
    );
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn a_connection_test_reports_in_the_callers_language() {
    let (svc, _stub) = service(Answer::Status(401), false).await;
    let form = json!({"fields": {
        "api_token": "of8Hn2Kq7Wm4Rt1Yv6Bc3Jd9Fg5Ls0Pa2Zx7Ne4M",
        "user_email": "ada@example.com"
    }});
    let a = call(post(
        &svc,
        "/v1/providers/oneflow/methods/api_token/test",
        Some("ja"),
        &form,
    ))
    .await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.language.as_deref(), Some("ja"));
    assert_eq!(a.body["outcome"], "rejected");
    assert!(
        a.body["message"]
            .as_str()
            .unwrap()
            .starts_with("Oneflow が API トークンを拒否しました。"),
        "{}",
        a.body
    );
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn a_session_carries_its_locale() {
    let (svc, _stub) = service(Answer::Status(200), false).await;
    let opened = call(post(
        &svc,
        "/v1/link/sessions",
        None,
        &json!({
            "end_user": "ada", "offers": [{"provider": "oneflow"}], "locale": "de-CH"
        }),
    ))
    .await;
    assert_eq!(opened.status, 201, "{}", opened.text);
    let token = opened.body["session_token"].as_str().unwrap().to_owned();
    // The browser asks for French; the session, opened by the hub for this end user,
    // says German.
    let view =
        call(get(&svc, "/v1/link/session", Some("fr")).header("connectspec-session", &token)).await;
    assert_eq!(view.status, 200);
    assert_eq!(view.language.as_deref(), Some("de"));
    assert_eq!(view.body["locale"], "de-CH");
    assert_eq!(view.body["offers"][0]["label"], "API-Token");
    let p = call(
        reqwest::Client::new()
            .post(svc.url("/v1/link/connect"))
            .header("content-type", "application/json")
            .header("accept-language", "fr")
            .header("connectspec-session", &token)
            .body(json!({"provider": "oneflow", "method": "api_token", "fields": bad_form()["fields"]}).to_string()),
    )
    .await;
    assert_eq!(p.status, 422);
    assert_eq!(p.language.as_deref(), Some("de"));
    assert_eq!(p.body["title"], "Ungültiges Zugangsdatenformular");
    // `lang` still wins over the session's.
    let view =
        call(get(&svc, "/v1/link/session?lang=ja", None).header("connectspec-session", &token))
            .await;
    assert_eq!(view.language.as_deref(), Some("ja"));
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn pseudo_locales_are_refused_unless_enabled() {
    let (svc, _stub) = service(Answer::Status(200), false).await;
    for path in [
        "/v1/providers/oneflow?lang=en-XA",
        "/v1/providers/oneflow?lang=ar-XB",
    ] {
        let a = call(get(&svc, path, Some("ar-XB"))).await;
        assert_eq!(a.language.as_deref(), Some("en"), "{path}");
        assert_eq!(method(&a.body)["label"], "API Token");
    }
    let session = call(post(
        &svc,
        "/v1/link/sessions",
        None,
        &json!({
            "end_user": "ada", "offers": [{"provider": "oneflow"}], "locale": "en-XA"
        }),
    ))
    .await;
    assert_eq!(session.status, 422, "{}", session.text);
    assert!(
        session.body["detail"]
            .as_str()
            .unwrap()
            .contains("--pseudo-locales")
    );
    let ftl = call(get(&svc, "/connect/assets/locales/en-XA/form.ftl", None)).await;
    assert_eq!(ftl.status, 200);
    assert_eq!(ftl.language.as_deref(), Some("en"));
    assert_eq!(
        ftl.text,
        connectspec_i18n::source(connectspec_i18n::Locale::En, connectspec_i18n::Area::Form)
    );
    svc.stop().await.unwrap();

    let (svc, _stub) = service(Answer::Status(200), true).await;
    let a = call(get(&svc, "/v1/providers/oneflow?lang=en-XA", None)).await;
    assert_eq!(a.language.as_deref(), Some("en-XA"));
    let label = method(&a.body)["label"].as_str().unwrap().to_owned();
    assert!(!label.contains("API") && label.contains('Ȧ'), "{label}");
    let rtl = call(get(&svc, "/connect/oneflow/api_token", Some("ar-XB"))).await;
    assert!(
        rtl.text.contains("<html lang=\"ar-XB\" dir=\"rtl\">"),
        "{}",
        rtl.text
    );
    let ftl = call(get(&svc, "/connect/assets/locales/en-XA/form.ftl", None)).await;
    assert_eq!(ftl.language.as_deref(), Some("en-XA"));
    let session = call(post(
        &svc,
        "/v1/link/sessions",
        None,
        &json!({
            "end_user": "ada", "offers": [{"provider": "oneflow"}], "locale": "en-XA"
        }),
    ))
    .await;
    assert_eq!(session.status, 201);
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn pages_and_the_form_catalogue_follow_the_locale() {
    let (svc, _stub) = service(Answer::Status(200), false).await;
    let page = call(get(&svc, "/connect/oneflow/api_token", Some("de"))).await;
    assert_eq!(page.language.as_deref(), Some("de"));
    assert!(
        page.text.contains("<html lang=\"de\" dir=\"ltr\">"),
        "{}",
        page.text
    );
    assert!(
        page.text
            .contains("<title>Oneflow mit API-Token verbinden</title>")
    );
    let hosted = call(get(&svc, "/link", Some("ja"))).await;
    assert!(
        hosted.text.contains("<h1>アカウントの連携</h1>"),
        "{}",
        hosted.text
    );

    let ftl = call(get(&svc, "/connect/assets/locales/ja-JP/form.ftl", None)).await;
    assert_eq!(ftl.status, 200);
    assert_eq!(ftl.language.as_deref(), Some("ja"));
    assert!(ftl.text.contains("form-connect ="), "{}", ftl.text);
    let bundle = call(get(
        &svc,
        "/connect/assets/validators/vendor/fluent-bundle.js",
        None,
    ))
    .await;
    assert_eq!(bundle.status, 200);
    assert!(bundle.text.contains("FluentBundle"));
    svc.stop().await.unwrap();
}

#[tokio::test]
async fn a_specs_directory_serves_the_translations_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs");
    std::fs::copy(root.join("oneflow.yaml"), dir.path().join("oneflow.yaml")).unwrap();
    std::fs::create_dir_all(dir.path().join("i18n/de")).unwrap();
    std::fs::copy(
        root.join("i18n/de/oneflow.yaml"),
        dir.path().join("i18n/de/oneflow.yaml"),
    )
    .unwrap();
    let catalogue = connectspec_server::catalogue::Catalogue::load(dir.path()).unwrap();
    let config = Config {
        catalogue: Arc::new(catalogue),
        ..Config::default()
    };
    let svc = Service::start(config).await;
    let a = call(get(&svc, "/v1/providers/oneflow", Some("de"))).await;
    assert_eq!(method(&a.body)["label"], "API-Token");
    assert_eq!(
        method(&a.body)["guide"]["sections"][0]["title"],
        "Custom Integration aktivieren"
    );
    // No Japanese beside it: English.
    let ja = call(get(&svc, "/v1/providers/oneflow", Some("ja"))).await;
    assert_eq!(method(&ja.body)["label"], "API Token");
    svc.stop().await.unwrap();
}
