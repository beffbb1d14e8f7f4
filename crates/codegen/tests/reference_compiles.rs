//! The golden snapshot compiles, and the compiled reference validators behave: this
//! ties the checked-in file to working code, not just to text.

#[allow(dead_code, unused_imports)]
mod reference {
    include!("snapshots/reference.rs");
}

// The per-feature goldens compile too (`snapshot.rs` keeps them fresh).
#[allow(dead_code, unused_imports)]
mod choices {
    include!("snapshots/choices.rs");
}
#[allow(dead_code, unused_imports)]
mod oauth_setup {
    include!("snapshots/oauth_setup.rs");
}
#[allow(dead_code, unused_imports)]
mod signing {
    include!("snapshots/signing.rs");
}
#[allow(dead_code, unused_imports)]
mod derived {
    include!("snapshots/derived.rs");
}

use connectspec_runtime::CredentialExt as _;
use std::collections::BTreeMap;

use connectspec_runtime::ExposeSecret;
use reference::{Credentials, ValidateError, oneflow, webflow};

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn registry_lists_the_reference_providers() {
    let ids: Vec<&str> = reference::providers().iter().map(|p| p.id).collect();
    assert_eq!(ids, ["oneflow", "webflow"]);
    assert_eq!(
        reference::method("webflow", "site_token").map(|m| m.label),
        Some("Site Token")
    );
    assert!(reference::method("webflow", "nope").is_none());
}

#[test]
fn oneflow_typed_and_normalised() {
    let token = "Kq7ZpR2mXv9LcT4nWb8YhJ3sDf6Gk1Na5Ue0OiPz";
    let padded = format!("  {token}\n");
    let ok = oneflow::ApiToken::from_fields(&map(&[
        ("api_token", &padded),
        ("user_email", "ada@example.com"),
    ]))
    .expect("valid");
    assert_eq!(ok.api_token().expose_secret(), token);
    assert_eq!(ok.user_email(), "ada@example.com");
    assert_eq!(ok.normalized_fields(), ["api_token"]);
    let auth = ok.request_auth();
    assert_eq!(
        auth.test_url.as_ref().expect("url renders").as_deref(),
        Some("https://api.oneflow.com/v1/ping")
    );
    assert_eq!(auth.headers[0].0, "X-Oneflow-API-Token");
    assert_eq!(auth.headers[0].1.expose_secret(), token);
    assert_eq!(
        auth.test_path.as_ref().expect("path renders").as_deref(),
        Some("/v1/ping")
    );
    assert!(!format!("{ok:?}{ok}").contains(token));
}

#[test]
fn webflow_errors_and_dispatch() {
    let short = "a".repeat(63);
    let err =
        reference::validate("webflow", "site_token", &map(&[("site_token", &short)])).unwrap_err();
    let ValidateError::Invalid(errors) = err else {
        panic!("expected field errors")
    };
    assert_eq!(
        errors.errors()[0].message,
        "Site Token must be 64 letters and digits (it has 63)"
    );
    let good = "Zx8Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz0Xc2Vb4Nm6Qw8Er0Ty2Ui4Op6As8Df0g";
    let creds =
        reference::validate("webflow", "site_token", &map(&[("site_token", good)])).expect("valid");
    assert!(matches!(creds, Credentials::WebflowSiteToken(_)));
    let auth = creds.request_auth();
    assert_eq!(auth.headers[0].1.expose_secret(), format!("Bearer {good}"));
    assert_eq!(
        reference::validate("nope", "x", &map(&[])).unwrap_err(),
        ValidateError::UnknownProvider
    );
    assert_eq!(
        reference::validate("webflow", "x", &map(&[])).unwrap_err(),
        ValidateError::UnknownMethod
    );
    let _ = webflow::SiteToken::from_json(&serde_json::json!({"site_token": good}))
        .expect("valid JSON");
}
