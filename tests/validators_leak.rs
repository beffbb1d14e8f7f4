//! Leak test: no secret test vector ever shows up in Debug, Display, error text or JSON.
//!
//! For every secret field of every spec, each valid and invalid example (and a padded
//! copy that normalisation trims) is validated through every entry point; every text
//! the result can produce is collected and searched for the secret.

mod validators_common;

use connectspec_providers::prelude::*;
use std::collections::BTreeMap;

use connectspec_i18n::{Arg, Locale};
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

/// Every text of a method that messages are built from: labels, hints, rule messages,
/// option labels and values, the formats' words, in every locale. A secret test vector
/// that is also one of these (a UUID example equal to the UUID format's sample) shows up
/// in a message without being leaked.
fn message_sources(p: &str, m: &connectspec_lang::AuthMethod) -> Vec<String> {
    let mut out = Vec::new();
    for locale in Locale::ALL {
        if let Some(t) = connectspec_providers::texts(p, locale) {
            out.extend(t.0.iter().map(|(_, text)| (*text).to_owned()));
        }
    }
    for f in &m.fields {
        out.push(f.label.clone());
        out.extend(f.hint.clone());
        out.extend(
            f.options
                .iter()
                .flat_map(|o| [o.label.clone(), o.value.clone()]),
        );
        if let Some(fmt) = f.format {
            for locale in Locale::ALL {
                let args = [("label", Arg::Str("")), ("format", Arg::Str(fmt.name()))];
                out.push(connectspec_i18n::message(locale, "validator-format", &args));
            }
        }
    }
    out.extend(m.rules.iter().map(|r| r.message.clone()));
    out.extend(m.derived.iter().map(|d| d.label.clone()));
    out
}

/// Every text the method-table path (`MethodMeta::validate`, boxed) can produce, in
/// every locale (`validate_in`: messages and their arguments in each language).
fn boxed_outputs(
    meta: &'static connectspec_runtime::MethodMeta,
    map: &BTreeMap<String, String>,
) -> Vec<String> {
    let mut out = Vec::new();
    for locale in Locale::ALL {
        let lang = connectspec_providers::lang(meta.provider_id, locale);
        match meta.validate_in(map, &lang) {
            Ok(c) => out.extend([
                format!("{c:?}"),
                format!("{c}"),
                serde_json::to_string(&c.public_values()).unwrap(),
                format!("{:?}", c.request_auth()),
            ]),
            Err(e) => out.extend([
                format!("{e:?}"),
                format!("{e}"),
                serde_json::to_string(&e).unwrap(),
            ]),
        }
    }
    out
}

fn assert_no_leak(secret: &str, texts: &[String], what: &str, public: &[String]) {
    let needle = secret.trim();
    // Very short values could match ordinary words; every spec's secrets are long.
    if needle.chars().count() < 6 {
        return;
    }
    if public.iter().any(|t| t.contains(needle)) {
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
        let public = message_sources(&p.id, m);
        let meta = connectspec_providers::method(&p.id, &m.id).expect("in the registry");
        for (key, secret) in secret_vectors(m) {
            for value in [secret.clone(), format!("  {secret}\n")] {
                let mut map: BTreeMap<String, String> = base.clone();
                map.insert(key.clone(), value.clone());
                let what = format!("{}/{} field `{key}`", p.id, m.id);
                assert_no_leak(
                    &secret,
                    &outputs(&connectspec_providers::validate(&p.id, &m.id, &map)),
                    &what,
                    &public,
                );
                assert_no_leak(&secret, &boxed_outputs(meta, &map), &what, &public);
                let json = serde_json::Value::Object(
                    map.iter()
                        .map(|(k, v)| (k.clone(), v.clone().into()))
                        .collect(),
                );
                assert_no_leak(
                    &secret,
                    &outputs(&connectspec_providers::validate_json(&p.id, &m.id, &json)),
                    &what,
                    &public,
                );
                // The secret as an unknown key's value and as a wrong field's value.
                let mut stray = base.clone();
                stray.insert("unexpected".into(), value.clone());
                assert_no_leak(
                    &secret,
                    &outputs(&connectspec_providers::validate(&p.id, &m.id, &stray)),
                    &what,
                    &public,
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "the catalogue has secret test vectors");
}

/// Duo's integration key is the user name of every signed request, marked `public`: it
/// may be shown. The secret key, the signature made with it and the Authorization value
/// built from both stay redacted, before and after signing.
#[cfg(workspace_catalogue)]
#[test]
fn duo_shows_its_public_integration_key_but_never_the_signature() {
    const IKEY: &str = "DIWJ8X6AEYOR5OMC6TQ1";
    const SKEY: &str = "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep";
    let map: BTreeMap<String, String> = [
        ("api_hostname", "api-1a2b3c4d.duosecurity.com"),
        ("integration_key", IKEY),
        ("secret_key", SKEY),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let c = connectspec_providers::validate("duo", "admin_api", &map).expect("valid");
    let public = serde_json::to_string(&c.public_values()).unwrap();
    assert!(
        public.contains(IKEY),
        "the public key is a public value: {public}"
    );
    assert!(!public.contains(SKEY));
    let shown = format!("{c:?}");
    assert!(shown.contains(IKEY) && !shown.contains(SKEY), "{shown}");
    let mut auth = c.request_auth();
    auth.sign(
        &connectspec_runtime::RequestTarget {
            method: "GET",
            host: "api-1a2b3c4d.duosecurity.com",
            path: "/admin/v1/info/summary",
            query: "",
        },
        1_345_570_158,
    );
    let (_, authorization) = auth
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("authorization"))
        .expect("an Authorization header");
    let authorization = connectspec_runtime::ExposeSecret::expose_secret(authorization).to_owned();
    let encoded = authorization.strip_prefix("Basic ").expect("basic");
    assert!(
        encoded.len() > 40,
        "user name and signature: {}",
        encoded.len()
    );
    let debug = format!("{auth:?} {auth:#?}");
    for hidden in [SKEY, encoded] {
        assert!(!debug.contains(hidden), "`{hidden}` in {debug}");
    }
}

/// Private keys (generated now, tests/validators_common/keys.rs) in the fixture's PEM
/// and key-file fields: no output holds the value, nor any line of a key's base64 body
/// (a message naming a fault must not quote the part at fault).
#[test]
fn private_key_vectors_never_appear_in_output() {
    use validators_common::keys::{
        Vectors, fixture_dir, generated_keys, key_file_vectors, pem_vectors,
    };
    let snapshot = connectspec_loader::Loader::load_strict(fixture_dir())
        .unwrap_or_else(|e| panic!("fixture does not load: {:?}", e.rendered));
    let keys = generated_keys();
    let pem = pem_vectors(&keys);
    let files = key_file_vectors(&keys);
    let plan: [(&str, &str, &Vectors); 3] = [
        ("pem_key", "private_key", &pem),
        ("ec_key", "private_key", &pem),
        ("key_file", "key_file", &files),
    ];
    let mut checked = 0;
    for (m, key, vectors) in plan {
        let meta = snapshot.method("keyco", m).expect("fixture method");
        for (name, value) in vectors {
            let mut map = BTreeMap::new();
            map.insert(key.to_owned(), value.clone());
            if m != "key_file" {
                map.insert("client_id".to_owned(), "abc".to_owned());
            }
            let texts = boxed_outputs(meta, &map);
            let what = format!("keyco/{m} {name}");
            assert_no_leak(value, &texts, &what, &[]);
            for line in value
                .split(['\n', '"'])
                .filter(|l| l.len() >= 16 && !l.contains("-----"))
            {
                // Member names and fixed values are the spec's, not the secret's.
                if ["service_account", "keyco-test", "gserviceaccount"]
                    .iter()
                    .any(|p| line.contains(p))
                {
                    continue;
                }
                assert_no_leak(line, &texts, &what, &[]);
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} key vectors");
}
