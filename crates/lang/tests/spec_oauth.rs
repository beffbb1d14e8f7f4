//! OAuth 2.0 methods in the spec language: the fixtures in `tests/oauth_specs/` load
//! into the model with every key read, and the mistakes a spec author can make in the
//! `oauth` block are located (the broken cases live in `tests/broken/oauth_*.yaml`).

use std::path::Path;

use connectspec_lang::{AuthKind, ClientAuth, Grant, TokenRequestFormat, load_file, load_str};

#[test]
fn authorization_code_fixture_loads_every_key() {
    let spec =
        load_file(Path::new("tests/oauth_specs/acme_code.yaml")).unwrap_or_else(|d| panic!("{d}"));
    let m = spec.spec.method("oauth").unwrap();
    assert_eq!(m.kind, AuthKind::Oauth2);
    assert!(m.is_oauth());
    assert_eq!(m.grant, Some(Grant::AuthorizationCode));
    let keys: Vec<&str> = m.setup_fields.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["client_id", "client_secret"]);
    assert!(m.setup_field("client_secret").unwrap().secret);
    let o = m.oauth.as_ref().unwrap();
    assert_eq!(
        o.authorization_url.as_deref(),
        Some("https://{subdomain}.acme.example.com/oauth/authorize")
    );
    assert!(o.pkce, "PKCE is on unless the spec turns it off");
    assert_eq!(o.scopes.default, ["read"]);
    assert_eq!(o.scopes.required, ["offline_access"]);
    assert_eq!(o.scopes.separator, " ");
    assert_eq!(o.authorization_params["access_type"], "offline");
    assert_eq!(o.client_auth, ClientAuth::ClientSecretPost);
    assert_eq!(o.token_request, TokenRequestFormat::Form);
    assert_eq!(o.token_response.access_token, "access_token");
    assert_eq!(
        o.token_response.refresh_token.as_deref(),
        Some("refresh_token")
    );
    assert_eq!(m.capture("instance_host").unwrap().from, "instance_url");
}

#[test]
fn client_credentials_fixture_loads_with_defaults() {
    let spec = load_file(Path::new("tests/oauth_specs/acme_machine.yaml"))
        .unwrap_or_else(|d| panic!("{d}"));
    let m = spec.spec.method("server_to_server").unwrap();
    assert_eq!(m.grant, Some(Grant::ClientCredentials));
    assert!(m.fields.is_empty());
    let o = m.oauth.as_ref().unwrap();
    assert_eq!(o.grant_type.as_deref(), Some("account_credentials"));
    assert_eq!(
        o.client_auth,
        ClientAuth::ClientSecretBasic,
        "the RFC 6749 default"
    );
    assert_eq!(o.token_request, TokenRequestFormat::Form);
    assert_eq!(o.token_params["account_id"], "{account_id}");
}

fn code_fixture() -> String {
    std::fs::read_to_string("tests/oauth_specs/acme_code.yaml").unwrap()
}

/// Loads the authorization-code fixture with `from` replaced by `to`, returning the
/// report and the 1-based line `from` started on.
fn mutated(from: &str, to: &str) -> (String, usize) {
    let text = code_fixture();
    let at = text.find(from).expect("needle present");
    let line = text[..at].matches('\n').count() + 1;
    let text = text.replacen(from, to, 1);
    let path = Path::new("tests/oauth_specs/acme_code.yaml");
    let err = load_str(path, &text).expect_err("mutation must fail");
    (err.to_string(), line)
}

#[test]
fn the_token_url_must_stay_in_allowed_hosts() {
    let (report, line) = mutated(
        "token_url: https://{subdomain}.acme.example.com/oauth/token",
        "token_url: https://login.elsewhere.example.net/oauth/token",
    );
    assert!(report.contains("E040"), "{report}");
    assert!(
        report.contains(&format!("acme_code.yaml:{line}:")),
        "{report}"
    );
    assert!(report.contains("login.elsewhere.example.net"), "{report}");
}

#[test]
fn a_captured_host_must_stay_in_allowed_hosts() {
    let (report, _) = mutated(r"\.api\.acme\.example\.com)$", r"\.example\.org)$");
    assert!(report.contains("E040"), "{report}");
    assert!(report.contains("instance_host"), "{report}");
}

#[test]
fn the_access_token_cannot_go_into_a_url() {
    let (report, line) = mutated("path: /me", "path: /me/{access_token}");
    assert!(report.contains("E031"), "{report}");
    assert!(
        report.contains(&format!("acme_code.yaml:{line}:")),
        "{report}"
    );
}

#[test]
fn scopes_are_the_providers_own_strings() {
    let text = code_fixture()
        .replace(
            "{id: read, label: Read}",
            "{id: \"User.Read\", label: Read}",
        )
        .replace("default: [\"read\"]", "default: [\"User.Read\"]")
        .replace(
            "requires_scopes: [\"read\"]",
            "requires_scopes: [\"User.Read\"]",
        );
    load_str(Path::new("tests/oauth_specs/acme_code.yaml"), &text)
        .unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn pkce_off_without_a_client_secret_is_refused() {
    let text = code_fixture()
        .replace("      - key: client_secret\n        label: Client Secret\n        secret: true\n        normalize: [trim]\n", "")
        .replace("client_auth: client_secret_post", "pkce: false");
    let err = load_str(Path::new("tests/oauth_specs/acme_code.yaml"), &text).unwrap_err();
    assert!(err.to_string().contains("E051"), "{err}");
    assert!(err.to_string().contains("without PKCE"), "{err}");
}

#[test]
fn a_secret_sent_only_in_the_token_request_is_sent() {
    // The password grant: the end user's password goes into `token_params` alone.
    let text = code_fixture()
        .replacen(
            "    oauth:\n",
            "      - key: password\n        label: Password\n        secret: true\n        normalize: [trim]\n    oauth:\n",
            1,
        )
        .replacen(
            "      client_auth: client_secret_post\n",
            "      token_params:\n        password: \"{password}\"\n      client_auth: client_secret_post\n",
            1,
        );
    assert!(text.contains("password: \"{password}\""));
    load_str(Path::new("tests/oauth_specs/acme_code.yaml"), &text)
        .unwrap_or_else(|d| panic!("{d}"));
}
