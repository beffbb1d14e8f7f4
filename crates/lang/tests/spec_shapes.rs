//! URL shapes real providers need, proved inside `allowed_hosts`: several values taken
//! from one pasted address whose other parts vary (`tests/shapes/acme_site_parts.yaml`),
//! and several values of the token response in the host and the path
//! (`tests/shapes/acme_token_values.yaml`). A value that could leave the allowed hosts
//! is still refused.

use std::path::Path;

use connectspec_lang::{load_file, load_str};

fn text(name: &str) -> String {
    std::fs::read_to_string(Path::new("tests/shapes").join(name)).unwrap()
}

#[test]
fn several_values_from_one_pasted_address_are_confined() {
    let spec =
        load_file(Path::new("tests/shapes/acme_site_parts.yaml")).unwrap_or_else(|d| panic!("{d}"));
    let m = spec.spec.method("api_key").unwrap();
    let keys: Vec<&str> = m.derived.iter().map(|d| d.key.as_str()).collect();
    assert_eq!(keys, ["tenant", "region"]);
    // A free region in front of the literal domain is one label there (the runtime
    // refuses a dot in it), but as the end of the host it could name any domain.
    let loose = text("acme_site_parts.yaml")
        .replace(
            r"'^[a-z0-9-]+\.(?P<value>[a-z0-9-]+)\.acme-cloud\.com$'",
            r"'^[a-z0-9-]+\.(?P<value>.+)$'",
        )
        .replace(
            "https://{tenant}.{region}.acme-cloud.com/api",
            "https://{tenant}.{region}/api",
        );
    let err = load_str(Path::new("acme_site_parts.yaml"), &loose)
        .unwrap_err()
        .to_string();
    assert!(err.contains("E040"), "{err}");
}

#[test]
fn several_token_response_values_in_host_and_path_are_confined() {
    let spec = load_file(Path::new("tests/shapes/acme_token_values.yaml"))
        .unwrap_or_else(|d| panic!("{d}"));
    let m = spec.spec.method("oauth").unwrap();
    assert!(m.capture("region").is_some() && m.capture("account").is_some());
    assert_eq!(
        m.base_url,
        "https://{region}.api.acme.example.com/v2/accounts/{account}"
    );
    // A free region as the end of the host could name any domain: refused.
    let loose = text("acme_token_values.yaml")
        .replace(r"'^(?P<value>eu|us|au)$'", r"'^(?P<value>.+)$'")
        .replace(
            "https://{region}.api.acme.example.com/v2",
            "https://api.acme.example.{region}/v2",
        );
    let err = load_str(Path::new("acme_token_values.yaml"), &loose)
        .unwrap_err()
        .to_string();
    assert!(err.contains("E040"), "{err}");
}
