//! Leak test: no secret test vector ever shows up in Debug, Display, error text or JSON.
//!
//! For every secret field of every spec, each valid and invalid example (and a padded
//! copy that normalisation trims) is validated through every entry point; every text
//! the result can produce is collected and searched for the secret.

mod validators_common;

use connectspec_providers::prelude::*;
use std::collections::BTreeMap;

use connectspec_providers::{Credentials, ValidateError};
use validators_common::{catalogue, methods, secret_vectors, valid_map};

/// Every text a validation outcome can produce without an explicit `expose_secret()`.
fn outputs(result: &Result<Credentials, ValidateError>) -> Vec<String> {
    match result {
        Ok(c) => {
            let auth = c.request_auth();
            vec![
                format!("{c:?}"),
                format!("{c:#?}"),
                format!("{c}"),
                format!("{:?}", c.as_credential()),
                serde_json::to_string(&c.public_values()).unwrap(),
                format!("{:?}", c.normalized_fields()),
                format!("{auth:?}"),
            ]
        }
        Err(e) => {
            let mut out = vec![format!("{e:?}"), format!("{e:#?}"), format!("{e}")];
            if let ValidateError::Invalid(errors) = e {
                out.push(serde_json::to_string(errors).unwrap());
                out.extend(errors.errors().iter().map(|fe| format!("{fe} {fe:?}")));
            }
            out
        }
    }
}

fn assert_no_leak(secret: &str, texts: &[String], what: &str) {
    let needle = secret.trim();
    // Very short values could match ordinary words; every spec's secrets are long.
    if needle.chars().count() < 6 {
        return;
    }
    for t in texts {
        assert!(
            !t.contains(needle),
            "{what}: secret test vector appears in output"
        );
    }
}

#[test]
fn secret_test_vectors_never_appear_in_output() {
    let cat = catalogue();
    let mut checked = 0;
    for (p, m) in methods(&cat) {
        let base = valid_map(p, m, None).expect("a valid combination exists");
        for (key, secret) in secret_vectors(m) {
            for value in [secret.clone(), format!("  {secret}\n")] {
                let mut map: BTreeMap<String, String> = base.clone();
                map.insert(key.clone(), value.clone());
                let what = format!("{}/{} field `{key}`", p.id, m.id);
                assert_no_leak(
                    &secret,
                    &outputs(&connectspec_providers::validate(&p.id, &m.id, &map)),
                    &what,
                );
                let json = serde_json::Value::Object(
                    map.iter()
                        .map(|(k, v)| (k.clone(), v.clone().into()))
                        .collect(),
                );
                assert_no_leak(
                    &secret,
                    &outputs(&connectspec_providers::validate_json(&p.id, &m.id, &json)),
                    &what,
                );
                // The secret as an unknown key's value and as a wrong field's value.
                let mut stray = base.clone();
                stray.insert("unexpected".into(), value.clone());
                assert_no_leak(
                    &secret,
                    &outputs(&connectspec_providers::validate(&p.id, &m.id, &stray)),
                    &what,
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "the catalogue has secret test vectors");
}

#[test]
fn typed_struct_redacts_secrets() {
    let token = "Kq7ZpR2mXv9LcT4nWb8YhJ3sDf6Gk1Na5Ue0OiPz";
    let mut map = BTreeMap::new();
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
