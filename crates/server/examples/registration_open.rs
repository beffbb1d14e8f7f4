//! How long opening a sealed OAuth registration takes: what `POST …/refresh` of a
//! method found by discovery does before its token request.
//!
//! ```text
//! cargo run --release -p connectspec-server --example registration_open -- [--opens N]
//! ```
//!
//! Seals one registration of the size a real one has (a 43-character client id, a
//! secret, three endpoint URLs, issuer and resource) under the state keys, then opens
//! it `--opens` times (after a warm-up) and prints `opens N, ns/op X, sealed_bytes B`.

use std::hint::black_box;
use std::time::Instant;

use connectspec_server::oauth::registration::{Registration, open, seal};
use connectspec_server::state::{StateKey, StateKeys, now};

fn main() {
    let mut opens: u64 = 200_000;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match (a.as_str(), args.next()) {
            ("--opens", Some(n)) => opens = n.parse().expect("--opens takes a number"),
            _ => {
                eprintln!("usage: registration_open [--opens N]");
                std::process::exit(2);
            }
        }
    }
    let keys = StateKeys::new(vec![
        StateKey::from_bytes(&[7u8; 32]).unwrap(),
        StateKey::from_bytes(&[8u8; 32]).unwrap(),
    ]);
    let r = Registration {
        p: "acme_mcp".into(),
        m: "oauth".into(),
        client_id: Some("5Uj30bjzemBm9OVIxR8G8hzC_fINkW0yfoStqgoHFaW".into()),
        client_secret: Some("s3cr3t-JC6KLxNuWbKEfti8CBAgl0d6pRjm4ZOjLh9qEAv".into()),
        issuer: "https://auth.acme.example.com".into(),
        authorization_endpoint: "https://auth.acme.example.com/oauth2/authorize".into(),
        token_endpoint: "https://auth.acme.example.com/oauth2/token".into(),
        resource: "https://mcp.acme.example.com/mcp/main".into(),
        iat: now(),
        exp: u64::MAX,
    };
    let sealed = seal(&keys, &r).unwrap_or_else(|_| panic!("seals"));
    let text = connectspec_server::state::expose(&sealed).to_owned();
    for _ in 0..opens / 10 {
        black_box(open(&keys, black_box(&text)).expect("opens"));
    }
    let started = Instant::now();
    for _ in 0..opens {
        black_box(open(&keys, black_box(&text)).expect("opens"));
    }
    let ns = started.elapsed().as_nanos() as f64 / opens as f64;
    println!(
        "registration_open: opens {opens}, ns/op {ns:.0}, sealed_bytes {}",
        text.len()
    );
}
