//! The generated code of OAuth methods: the typed setup form (validated like any form,
//! secrets wrapped and redacted), the `OAUTH` metadata the service builds requests
//! from (endpoints, scopes, PKCE, client authentication, encoding, token mapping) and
//! the typed token response with its captures. Compiled for the workspace catalogue only.
#![cfg(workspace_catalogue)]

use std::collections::BTreeMap;

use connectspec_providers::{microsoft_graph, salesforce, zoom};
use connectspec_runtime::{Endpoint, ExposeSecret, GrantKind};

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn the_setup_form_is_typed_validated_and_redacted() {
    let secret = "Qx8Q~fake-client-secret-0123456789";
    let setup = microsoft_graph::OauthSetup::from_fields(&map(&[
        ("client_id", " 6731DE76-14a6-49ae-97bc-6eba6914391e "),
        ("client_secret", secret),
    ]))
    .expect("valid setup");
    assert_eq!(
        setup.client_id(),
        "6731de76-14a6-49ae-97bc-6eba6914391e",
        "trimmed, lower-cased"
    );
    assert_eq!(setup.client_secret().expose_secret(), secret);
    let shown = format!("{setup:?}");
    assert!(!shown.contains(secret), "{shown}");
    let errors = microsoft_graph::OauthSetup::from_fields(&map(&[("client_id", "not-a-uuid")]))
        .expect_err("invalid setup");
    let keys: Vec<&str> = errors.errors().iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        keys,
        ["client_id", "client_secret"],
        "every error, in form order"
    );
}

#[test]
fn oauth_metadata_renders_the_endpoints_and_scopes() {
    let meta = connectspec_providers::method("microsoft_graph", "oauth").unwrap();
    let o = meta.oauth.expect("an OAuth method");
    assert_eq!(o.grant, GrantKind::AuthorizationCode);
    assert!(o.pkce);
    assert!(o.client_secret_post);
    let lookup = |k: &str| (k == "tenant").then_some("contoso.onmicrosoft.com");
    assert_eq!(
        o.endpoint(Endpoint::Authorization, &lookup)
            .unwrap()
            .as_deref(),
        Some("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize")
    );
    assert_eq!(
        o.endpoint(Endpoint::Refresh, &lookup).unwrap().as_deref(),
        Some("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"),
        "refresh goes to the token endpoint when the spec names no other"
    );
    // A tenant that would add a path segment is refused by the URL rendering.
    let evil = |k: &str| (k == "tenant").then_some("..");
    assert!(o.endpoint(Endpoint::Token, &evil).is_err());
    assert_eq!(o.scopes(None), ["User.Read", "openid", "offline_access"]);
    let asked = vec!["Mail.Read".to_owned(), "openid".to_owned()];
    assert_eq!(
        o.scopes(Some(&asked)),
        ["Mail.Read", "openid", "offline_access"]
    );
    assert_eq!(o.setup.id, "oauth_setup");

    let z = connectspec_providers::method("zoom", "server_to_server")
        .unwrap()
        .oauth
        .unwrap();
    assert_eq!(z.grant, GrantKind::ClientCredentials);
    assert_eq!(z.grant_type, Some("account_credentials"));
    let params = connectspec_runtime::OAuthMeta::params(z.token_params, &|k| {
        (k == "account_id").then_some("acct-1")
    });
    assert_eq!(params, [("account_id", "acct-1".to_owned())]);
    let _ = zoom::ServerToServerSetup::from_fields(&map(&[
        ("account_id", "acct-1"),
        ("client_id", "id"),
        ("client_secret", "secret"),
    ]))
    .expect("zoom setup");
}

#[test]
fn the_token_response_is_typed_and_captures_are_checked() {
    let o = connectspec_providers::method("salesforce", "oauth")
        .unwrap()
        .oauth
        .unwrap();
    let body = serde_json::json!({
        "access_token": "00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog.39AsX.LVpxezPwuX5VAIrrbbHMuol7GQxnMeYMN7cj8EoWr78nt1u44zU31IbYNNJguseu",
        "refresh_token": "5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrvTe1",
        "instance_url": "https://acme-dev-ed.my.salesforce.com",
        "token_type": "Bearer",
        "scope": "api refresh_token openid"
    });
    let t = o.read_token_response(&body, 1_000).unwrap();
    assert!(t.access_token.expose_secret().starts_with("00Dxx"));
    assert!(t.refresh_token.is_some());
    assert_eq!(t.captured["instance_host"], "acme-dev-ed.my.salesforce.com");
    assert!(
        !format!("{t:?}").contains("00Dxx"),
        "tokens are redacted in Debug"
    );
    let mut elsewhere = body.clone();
    elsewhere["instance_url"] = "https://evil.example.com".into();
    assert!(
        o.read_token_response(&elsewhere, 1_000).is_err(),
        "an instance outside the pattern is refused"
    );
    let mut no_token = body;
    no_token.as_object_mut().unwrap().remove("access_token");
    assert!(o.read_token_response(&no_token, 1_000).is_err());
    let _ = salesforce::OauthSetup::from_fields(&map(&[
        ("client_id", "3MVG9"),
        ("client_secret", "s"),
    ]))
    .unwrap();
}
