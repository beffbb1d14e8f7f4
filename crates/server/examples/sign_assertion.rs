//! Measures signing a JWT assertion of a token exchange (RFC 7523) with the service's
//! own signer, [`connectspec_server::exchange::assertion::sign_jwt`]: RS256 with a
//! 2048-bit RSA key and ES256 with a P-256 key, both made now by the `openssl` CLI (no
//! key is checked in). Prints one line per algorithm, read by `cargo xtask bench --only
//! assertion`:
//!
//! ```text
//! RS256-2048 sign 1234.5 us (200 signatures)
//! ES256 sign 45.6 us (2000 signatures)
//! ```

use std::process::Command;
use std::time::Instant;

use connectspec_runtime::JwtAlg;
use connectspec_server::exchange::assertion::sign_jwt;
use serde_json::{Map, Value};

fn key(args: &[&str]) -> String {
    let out = Command::new("openssl")
        .arg("genpkey")
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            eprintln!("the openssl CLI makes the keys: {e}");
            std::process::exit(2)
        });
    assert!(out.status.success(), "openssl genpkey {args:?}");
    String::from_utf8(out.stdout).expect("PEM is text")
}

fn claims(i: u64) -> Map<String, Value> {
    let mut c = Map::new();
    c.insert("iss".into(), "robot@acme-robot.iam.example.com".into());
    c.insert("sub".into(), "jane@acme-robot.example".into());
    c.insert("aud".into(), "https://oauth2.example.com/token".into());
    c.insert("iat".into(), Value::from(1_800_000_000 + i));
    c.insert("exp".into(), Value::from(1_800_003_600 + i));
    c.insert("jti".into(), format!("jti-{i:016}").into());
    c.insert("scope".into(), "directory.read directory.write".into());
    c
}

/// The best mean of three batches of `n` signatures, in microseconds.
fn measure(alg: JwtAlg, pem: &str, n: u64) -> f64 {
    let all: Vec<Map<String, Value>> = (0..n).map(claims).collect();
    // Once first: the key parse and any lazy set-up are not what is measured twice.
    sign_jwt(alg, pem, &all[0], Some("key-1")).expect("signs");
    (0..3)
        .map(|_| {
            let t = Instant::now();
            for c in &all {
                std::hint::black_box(sign_jwt(alg, pem, c, Some("key-1")).expect("signs"));
            }
            t.elapsed().as_secs_f64() * 1e6 / n as f64
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let rsa = key(&["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]);
    let ec = key(&["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]);
    let (n_rsa, n_ec) = (200, 2000);
    println!(
        "RS256-2048 sign {:.1} us ({n_rsa} signatures)",
        measure(JwtAlg::RS256, &rsa, n_rsa)
    );
    println!(
        "ES256 sign {:.1} us ({n_ec} signatures)",
        measure(JwtAlg::ES256, &ec, n_ec)
    );
}
