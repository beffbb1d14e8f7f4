//! Valid values for private-key fields, made at run time by the `openssl` CLI: a spec's
//! key field has no written examples (nothing key-shaped is checked in), so tests that
//! need a complete valid form take one from here. One key per algorithm per process.

use std::collections::BTreeMap;
use std::process::Command;
use std::sync::{Mutex, OnceLock};

/// A PEM private key (PKCS#8) for `algorithm` (`RS256`: RSA 2048, `ES256`: P-256).
pub fn pem_key(algorithm: &str) -> String {
    static KEYS: OnceLock<Mutex<BTreeMap<String, String>>> = OnceLock::new();
    let keys = KEYS.get_or_init(Default::default);
    let mut keys = keys.lock().unwrap_or_else(|e| e.into_inner());
    keys.entry(algorithm.to_owned())
        .or_insert_with(|| {
            let args: &[&str] = match algorithm {
                "ES256" => &[
                    "genpkey",
                    "-algorithm",
                    "EC",
                    "-pkeyopt",
                    "ec_paramgen_curve:P-256",
                ],
                _ => &[
                    "genpkey",
                    "-algorithm",
                    "RSA",
                    "-pkeyopt",
                    "rsa_keygen_bits:2048",
                ],
            };
            let out = Command::new("openssl")
                .args(args)
                .output()
                .expect("openssl must be installed to make test keys");
            assert!(out.status.success(), "openssl {args:?} failed");
            String::from_utf8(out.stdout).expect("PEM is ASCII")
        })
        .clone()
}

/// A JSON key file with every member in `members` (the key under `key_member`, the
/// fixed values of `equals`, a plain word for the others).
pub fn key_file(
    algorithm: &str,
    members: &[&str],
    key_member: &str,
    equals: &[(&str, &str)],
) -> String {
    let pem = pem_key(algorithm);
    let mut out = String::from("{");
    for (i, m) in members.iter().enumerate() {
        let value = if *m == key_member {
            pem.replace('\n', "\\n")
        } else if let Some((_, v)) = equals.iter().find(|(k, _)| k == m) {
            (*v).to_owned()
        } else {
            format!("example-{m}")
        };
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!("\"{m}\":\"{value}\""));
    }
    out.push('}');
    out
}
