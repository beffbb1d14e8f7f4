//! Private keys for the key tests, made at run time by Node's crypto (tests/keys/gen.mjs)
//! and OpenSSL: nothing key-shaped is checked in. Each vector is `(name, value)`; the
//! names say what the value is, so a failing case reads without the key.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use base64::Engine as _;

/// Named values for one field: `(name, value)`.
pub type Vectors = [(String, String)];

/// The fixture specs with private-key fields (`keyco`: a PEM RS256 field, a PEM ES256
/// field and a JSON key file).
pub fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/private_keys")
}

/// Real keys by name (`rsa2048_pkcs8`, `p256_sec1`, `ed25519_pkcs8`, …).
pub fn generated_keys() -> BTreeMap<String, String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/keys");
    let out = Command::new("node")
        .arg("gen.mjs")
        .current_dir(&dir)
        .output()
        .expect("node must be installed to generate the test keys");
    assert!(
        out.status.success(),
        "gen.mjs failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut keys: BTreeMap<String, String> = serde_json::from_slice(&out.stdout).unwrap();
    // A DSA key and an OpenSSL-made PKCS#1 key from the CLI, when it is installed.
    for (name, args) in [
        (
            "openssl_rsa2048_pkcs8",
            &[
                "genpkey",
                "-algorithm",
                "RSA",
                "-pkeyopt",
                "rsa_keygen_bits:2048",
            ][..],
        ),
        (
            "openssl_p256_pkcs8",
            &[
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
            ][..],
        ),
    ] {
        if let Ok(o) = Command::new("openssl").args(args).output()
            && o.status.success()
        {
            keys.insert(name.to_owned(), String::from_utf8(o.stdout).unwrap());
        }
    }
    keys
}

/// The base64 body of a PEM text, decoded.
fn der_of(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}

fn pem_of(label: &str, der: &[u8], width: usize) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(width)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

/// Values for a PEM field: the generated keys and what is made from them (re-wrapped,
/// CRLF, one line, truncated DER, trailing bytes, garbage base64, wrong boundaries).
pub fn pem_vectors(keys: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = keys.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let rsa = &keys["rsa2048_pkcs8"];
    let der = der_of(rsa);
    out.extend([
        ("rewrapped_76".into(), pem_of("PRIVATE KEY", &der, 76)),
        ("one_line".into(), pem_of("PRIVATE KEY", &der, 1 << 20)),
        ("crlf".into(), rsa.replace('\n', "\r\n")),
        (
            "truncated_der".into(),
            pem_of("PRIVATE KEY", &der[..der.len() / 2], 64),
        ),
        (
            "trailing_byte".into(),
            pem_of("PRIVATE KEY", &[&der[..], &[0]].concat(), 64),
        ),
        (
            "garbage_base64".into(),
            pem_of("PRIVATE KEY", b"this is not a key at all, only text", 64),
        ),
        (
            "bad_base64".into(),
            "-----BEGIN PRIVATE KEY-----\nMIIE$%^&\n-----END PRIVATE KEY-----".into(),
        ),
        (
            "bare_base64".into(),
            rsa.lines()
                .filter(|l| !l.starts_with("-----"))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        (
            "mismatched_end".into(),
            rsa.replace("END PRIVATE KEY", "END RSA PRIVATE KEY"),
        ),
        (
            "no_end".into(),
            rsa.replace("-----END PRIVATE KEY-----", ""),
        ),
        (
            "pkcs1_as_pkcs8".into(),
            keys["rsa2048_pkcs1"].replace("RSA PRIVATE KEY", "PRIVATE KEY"),
        ),
        (
            "sec1_as_rsa".into(),
            keys["p256_sec1"].replace("EC PRIVATE KEY", "RSA PRIVATE KEY"),
        ),
        (
            "openssh_label".into(),
            rsa.replace("PRIVATE KEY", "OPENSSH PRIVATE KEY"),
        ),
        (
            "certificate_label".into(),
            rsa.replace("PRIVATE KEY", "CERTIFICATE"),
        ),
        (
            "header".into(),
            rsa.replacen("-----\n", "-----\nComment: hello\n\n", 1),
        ),
        ("tabs".into(), rsa.replace('\n', "\t\n")),
        ("vertical_tab".into(), rsa.replacen('\n', "\u{b}", 1)),
        ("nul".into(), rsa.replacen('\n', "\0", 1)),
        (
            "empty_body".into(),
            "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----".into(),
        ),
        ("json_escaped".into(), rsa.replace('\n', "\\n")),
    ]);
    out
}

/// Values for a JSON key-file field: valid files around each PEM vector, and files
/// with each thing wrong.
pub fn key_file_vectors(keys: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let file = |key: serde_json::Value| {
        serde_json::json!({
            "type": "service_account",
            "project_id": "keyco-test",
            "private_key_id": "0123456789abcdef",
            "private_key": key,
            "client_email": "robot@keyco-test.iam.gserviceaccount.com",
        })
    };
    let mut out = Vec::new();
    for (name, pem) in pem_vectors(keys) {
        out.push((
            format!("file_{name}"),
            serde_json::to_string_pretty(&file(pem.into())).unwrap(),
        ));
    }
    let good = file(keys["rsa2048_pkcs8"].clone().into());
    let edit = |f: &dyn Fn(&mut serde_json::Map<String, serde_json::Value>)| {
        let mut v = good.clone();
        f(v.as_object_mut().unwrap());
        serde_json::to_string(&v).unwrap()
    };
    out.extend([
        ("file_compact".into(), serde_json::to_string(&good).unwrap()),
        ("not_json".into(), "{\"type\": \"service_account\", ".into()),
        ("not_json_pem".into(), keys["rsa2048_pkcs8"].clone()),
        (
            "array".into(),
            serde_json::to_string(std::slice::from_ref(&good)).unwrap(),
        ),
        ("string".into(), "\"service_account\"".into()),
        ("null".into(), "null".into()),
        (
            "missing_private_key".into(),
            edit(&|o| {
                o.remove("private_key");
            }),
        ),
        (
            "missing_client_email".into(),
            edit(&|o| {
                o.remove("client_email");
            }),
        ),
        (
            "missing_type".into(),
            edit(&|o| {
                o.remove("type");
            }),
        ),
        (
            "private_key_number".into(),
            edit(&|o| {
                o.insert("private_key".into(), 42.into());
            }),
        ),
        (
            "private_key_null".into(),
            edit(&|o| {
                o.insert("private_key".into(), serde_json::Value::Null);
            }),
        ),
        (
            "private_key_empty".into(),
            edit(&|o| {
                o.insert("private_key".into(), "".into());
            }),
        ),
        (
            "type_user".into(),
            edit(&|o| {
                o.insert("type".into(), "authorized_user".into());
            }),
        ),
        (
            "type_number".into(),
            edit(&|o| {
                o.insert("type".into(), 1.into());
            }),
        ),
        (
            "private_key_not_pem".into(),
            edit(&|o| {
                o.insert("private_key".into(), "MIIEvQ".into());
            }),
        ),
        (
            "duplicate_member".into(),
            serde_json::to_string(&good)
                .unwrap()
                .replacen('{', "{\"type\": \"user\", ", 1),
        ),
        (
            "proto_member".into(),
            edit(&|o| {
                o.insert("__proto__".into(), "x".into());
            }),
        ),
    ]);
    out
}
