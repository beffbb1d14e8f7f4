//! The typed API on the reference providers (Oneflow, Webflow): deserializing validates,
//! members are read through accessors, errors are the validators' own, and the
//! method metadata validates without a second lookup. Compiled only when the providers
//! crate is built from the workspace catalogue (see `tests/support/build.rs`).
#![cfg(workspace_catalogue)]

use connectspec_providers::prelude::*;

use connectspec_providers::oneflow::ApiToken;
use connectspec_providers::{Credentials, ValidateError};
use connectspec_runtime::ErrorKind;
use serde::Deserialize;

const TOKEN: &str = "Kq7ZpR2mXv9LcT4nWb8YhJ3sDf6Gk1Na5Ue0OiPz";

#[derive(Debug, Deserialize)]
struct LinkRequest {
    account: String,
    credentials: ApiToken,
}

#[test]
fn a_body_deserializes_straight_into_the_typed_struct() {
    let body = format!(
        r#"{{"account": "acct_1", "credentials": {{"api_token": " {TOKEN}\n", "user_email": "ada@example.com"}}}}"#
    );
    let req: LinkRequest = serde_json::from_str(&body).expect("valid");
    assert_eq!(req.account, "acct_1");
    let c = &req.credentials;
    assert_eq!(c.api_token().expose_secret(), TOKEN);
    assert_eq!(c.user_email(), "ada@example.com");
    assert_eq!(c.normalized_fields(), ["api_token"]);
    assert!(!format!("{c:?} {c}").contains(TOKEN));
}

#[test]
fn deserialize_errors_are_the_validation_errors() {
    let short = &TOKEN[..39];
    let body = serde_json::json!({"api_token": short, "user_email": 5, "extra": "x"});
    let typed = ApiToken::try_from(&body).unwrap_err();
    let kinds: Vec<&str> = typed.errors().iter().map(|e| e.kind.code()).collect();
    assert_eq!(kinds, ["too_short", "not_a_string", "unknown"]);
    // The same errors, carried in serde's error as their messages; no value in them.
    let err = serde_json::from_value::<ApiToken>(body)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with(&typed.to_string()), "{err}");
    assert!(!err.contains(short), "{err}");
    // Not an object.
    let err = serde_json::from_str::<ApiToken>(r#"["x"]"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("must be a JSON object"), "{err}");
    // A missing field, a null (absent) field, a nested value.
    let e = ApiToken::try_from(&serde_json::json!({"api_token": TOKEN, "user_email": null}))
        .unwrap_err();
    assert_eq!(e.errors()[0].kind, ErrorKind::Missing);
    let err = serde_json::from_str::<ApiToken>(&format!(
        r#"{{"api_token": "{TOKEN}", "user_email": {{"a": [1, 2]}}}}"#
    ))
    .unwrap_err()
    .to_string();
    assert!(err.contains("User Email must be a string"), "{err}");
}

#[test]
fn a_key_sent_twice_counts_once_with_its_last_value() {
    let body =
        format!(r#"{{"api_token": "x", "user_email": "ada@example.com", "api_token": "{TOKEN}"}}"#);
    let c: ApiToken = serde_json::from_str(&body).expect("the last value is valid");
    assert_eq!(c.api_token().expose_secret(), TOKEN);
}

#[test]
fn method_meta_validates_without_a_second_lookup() {
    let meta = connectspec_providers::method("oneflow", "api_token").unwrap();
    let fields = serde_json::json!({"api_token": TOKEN, "user_email": "ada@example.com"});
    let boxed = meta.validate_json(&fields).expect("valid");
    assert!(std::ptr::eq(boxed.meta(), meta));
    assert_eq!(
        boxed.public_values().get("user_email").map(String::as_str),
        Some("ada@example.com")
    );
    assert_eq!(boxed.request_auth().headers.len(), 2);
    let errors = meta
        .validate_json(&serde_json::json!({"api_token": TOKEN}))
        .unwrap_err();
    assert_eq!(errors.errors()[0].field, "user_email");
}

#[test]
fn messages_use_label_and_hint() {
    let mut map = std::collections::BTreeMap::new();
    map.insert(
        "api_token".to_owned(),
        "3f9c2a7e-41bd-4c0a-9e6f-2b8d51c7a0e4f1b".to_owned(),
    );
    map.insert("user_email".to_owned(), "ada.example.com".to_owned());
    map.insert("extra".to_owned(), "x".to_owned());
    let Err(ValidateError::Invalid(e)) =
        connectspec_providers::validate("oneflow", "api_token", &map)
    else {
        panic!("expected field errors")
    };
    let msgs: Vec<&str> = e.errors().iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "API Token must be 40 characters: letters, digits and hyphens (it has 39)",
            "User Email must be an email address",
            "`extra` is not a field of this form",
        ]
    );
    let codes: Vec<&str> = e.errors().iter().map(|e| e.kind.code()).collect();
    assert_eq!(codes, ["too_short", "format", "unknown"]);
}

#[test]
fn typed_credentials_normalise_and_build_requests() {
    let body =
        serde_json::json!({ "api_token": format!(" {TOKEN} "), "user_email": "ada@example.com" });
    let creds = ApiToken::from_json(&body).expect("valid");
    assert_eq!(creds.api_token().expose_secret(), TOKEN);
    assert_eq!(creds.normalized_fields(), ["api_token"]);
    assert_eq!(
        creds.public_values().into_iter().collect::<Vec<_>>(),
        [("user_email".to_owned(), "ada@example.com".to_owned())]
    );
    let auth = creds.request_auth();
    let headers: Vec<(&str, &str)> = auth
        .headers
        .iter()
        .map(|(n, v)| (*n, v.expose_secret()))
        .collect();
    assert_eq!(
        headers,
        [
            ("X-Oneflow-API-Token", TOKEN),
            ("X-Oneflow-User-Email", "ada@example.com")
        ]
    );

    let not_object = ApiToken::from_json(&serde_json::json!(["x"])).unwrap_err();
    assert_eq!(not_object.errors()[0].kind, ErrorKind::NotAnObject);
    let number =
        ApiToken::from_json(&serde_json::json!({"api_token": 5, "user_email": "ada@example.com"}))
            .unwrap_err();
    assert_eq!(number.errors()[0].kind, ErrorKind::NotAString);

    let site = "4b1e0c9d7a2f86e35c0b9a1d4e7f2c8a6b3d0e9f1a4c7b2e5d8f0a3c6b9e1d4f";
    let body = serde_json::json!({ "site_token": site });
    let creds =
        connectspec_providers::validate_json("webflow", "site_token", &body).expect("valid");
    assert!(matches!(creds, Credentials::WebflowSiteToken(_)));
    assert_eq!(creds.meta().label, "Site Token");
    assert!(creds.normalized_fields().is_empty());
    let auth = creds.request_auth();
    assert_eq!(auth.headers[0].0, "Authorization");
    assert_eq!(auth.headers[0].1.expose_secret(), format!("Bearer {site}"));
    assert_eq!(
        auth.test_path.as_ref().expect("path renders").as_deref(),
        Some("/token/authorized_by")
    );
    assert_eq!(
        connectspec_providers::validate_json("webflow", "nope", &body).unwrap_err(),
        ValidateError::UnknownMethod
    );
    assert_eq!(
        connectspec_providers::validate_json("nope", "x", &body).unwrap_err(),
        ValidateError::UnknownProvider
    );
}

#[test]
fn typed_struct_redacts_secrets() {
    let token = "Kq7ZpR2mXv9LcT4nWb8YhJ3sDf6Gk1Na5Ue0OiPz";
    let mut map = std::collections::BTreeMap::new();
    map.insert("api_token".to_owned(), token.to_owned());
    map.insert("user_email".to_owned(), "ada@example.com".to_owned());
    let creds = connectspec_providers::oneflow::ApiToken::from_fields(&map).unwrap();
    let debug = format!("{creds:?}");
    assert!(
        debug.contains("[redacted]") && debug.contains("ada@example.com"),
        "{debug}"
    );
    assert_eq!(
        creds.to_string(),
        "Oneflow API Token (api_token: [redacted], user_email: ada@example.com)"
    );
    assert!(!format!("{:?}", creds.request_auth()).contains(token));
}
