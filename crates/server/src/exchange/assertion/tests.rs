//! Signing with keys made at run time by the `openssl` CLI (no key is checked in),
//! verified with the public half.

use std::process::Command;

use jsonwebtoken::{DecodingKey, Validation};

use super::*;

/// Runs `openssl` with `args`, returning its standard output.
fn openssl(args: &[&str], input: Option<&str>) -> String {
    use std::io::Write as _;
    let mut child = Command::new("openssl")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the openssl CLI makes the test keys");
    if let Some(i) = input {
        child.stdin.take().unwrap().write_all(i.as_bytes()).unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "openssl {args:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn rsa_pkcs8() -> String {
    openssl(
        &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
        ],
        None,
    )
}

fn ec_pkcs8() -> String {
    openssl(
        &[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
        ],
        None,
    )
}

fn public(private: &str) -> String {
    openssl(&["pkey", "-pubout"], Some(private))
}

fn claims() -> Map<String, Value> {
    let mut c = Map::new();
    c.insert("iss".into(), "svc@example.iam.gserviceaccount.com".into());
    c.insert("aud".into(), "https://oauth2.example.com/token".into());
    c.insert("iat".into(), Value::from(crate::state::now()));
    c.insert("exp".into(), Value::from(crate::state::now() + 600));
    c
}

fn verify(
    jwt: &str,
    alg: Algorithm,
    public_pem: &str,
) -> jsonwebtoken::TokenData<Map<String, Value>> {
    let key = match alg {
        Algorithm::RS256 => DecodingKey::from_rsa_pem(public_pem.as_bytes()).unwrap(),
        _ => DecodingKey::from_ec_pem(public_pem.as_bytes()).unwrap(),
    };
    let mut v = Validation::new(alg);
    v.set_audience(&["https://oauth2.example.com/token"]);
    jsonwebtoken::decode(jwt, &key, &v).expect("the signature verifies")
}

#[test]
fn rs256_signs_with_pkcs8_and_pkcs1_keys() {
    let pkcs8 = rsa_pkcs8();
    assert!(pkcs8.starts_with("-----BEGIN PRIVATE KEY-----"));
    let pkcs1 = openssl(&["rsa", "-traditional"], Some(&pkcs8));
    assert!(pkcs1.starts_with("-----BEGIN RSA PRIVATE KEY-----"));
    let public_pem = public(&pkcs8);
    for key in [&pkcs8, &pkcs1] {
        let jwt = sign_jwt(JwtAlg::RS256, key, &claims(), Some("key-1")).expect("signs");
        let data = verify(&jwt, Algorithm::RS256, &public_pem);
        assert_eq!(data.header.kid.as_deref(), Some("key-1"));
        assert_eq!(data.claims["iss"], "svc@example.iam.gserviceaccount.com");
    }
}

#[test]
fn es256_signs_with_a_p256_key() {
    let key = ec_pkcs8();
    let jwt = sign_jwt(JwtAlg::ES256, &key, &claims(), None).expect("signs");
    let data = verify(&jwt, Algorithm::ES256, &public(&key));
    assert_eq!(data.header.kid, None);
    assert_eq!(data.header.alg, Algorithm::ES256);
}

#[test]
fn a_key_of_another_kind_or_no_key_is_refused_without_saying_what_it_was() {
    let ec = ec_pkcs8();
    assert_eq!(
        sign_jwt(JwtAlg::RS256, &ec, &claims(), None),
        Err(SignError::Key)
    );
    assert_eq!(
        sign_jwt(
            JwtAlg::ES256,
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
            &claims(),
            None
        ),
        Err(SignError::Key)
    );
    assert_eq!(
        sign_jwt(JwtAlg::RS256, "not a key", &claims(), None),
        Err(SignError::Key)
    );
    assert!(!SignError::Key.to_string().contains("BEGIN"));
}
