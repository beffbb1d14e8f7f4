//! The token-exchange tests' harness: the oidc-provider issuers of
//! `tests/oauth/exchange.mjs` (keys made there at start, none checked in), and the
//! service in front of them serving the stand-in specs of `tests/exchange_specs` through
//! run-time loading, with each provider's token endpoint (`--oauth-origin`) and API
//! (`--base-url`) moved to its issuer's loopback port.

#![allow(dead_code)]

use super::common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use connectspec_server::Config;
use connectspec_server::catalogue::Catalogue;
use connectspec_server::config::oauth::{OAuthArgs, OAuthConfig};
use connectspec_server::state::{StateKey, StateKeys};
use serde_json::{Value, json};

/// The client the end user enters for `acme_keys` (fake values).
pub const KEYS_CLIENT_ID: &str = "acme-client-0042";
pub const KEYS_CLIENT_SECRET: &str = "fake-keys-secret-9f8e7d6c5b4a3210";

/// The authorization servers; stopped when dropped.
pub struct Harness {
    pub child: Child,
    /// What the harness printed: origins and key files.
    pub info: Value,
}

impl Drop for Harness {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Harness {
    /// The origin of one issuer (`keys`, `signed`, `robot`).
    pub fn origin(&self, which: &str) -> &str {
        self.info[which].as_str().unwrap()
    }

    /// The path and query of every request an issuer got.
    pub async fn seen(&self, which: &str) -> Vec<String> {
        reqwest::get(format!("{}/_seen", self.origin(which)))
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

pub fn start_harness() -> Harness {
    let dir = connectspec_tests::npm::ensure(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/oauth"),
        &["node_modules/oidc-provider/package.json"],
        "the token-exchange tests",
    );
    let mut child = Command::new("node")
        .arg("exchange.mjs")
        .current_dir(dir)
        .env("KEYS_CLIENT_ID", KEYS_CLIENT_ID)
        .env("KEYS_CLIENT_SECRET", KEYS_CLIENT_SECRET)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("node must be installed to run the token-exchange tests");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .expect("harness output");
    let info: Value = serde_json::from_str(&line).expect("the harness prints its issuers");
    Harness { child, info }
}

pub fn specs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/exchange_specs")
}

/// The service's config: the stand-in specs loaded at run time, token endpoints and
/// APIs moved to the harness, operator keys, link-session keys.
pub fn config(h: &Harness) -> Config {
    let catalogue = Catalogue::load(&specs_dir()).expect("the stand-in specs load");
    let pairs = [
        ("acme_keys", "keys"),
        ("acme_signed", "signed"),
        ("acme_robot", "robot"),
    ];
    let args = OAuthArgs {
        oauth_origin: pairs
            .iter()
            .map(|(p, w)| format!("{p}={}", h.origin(w)))
            .collect(),
        ..OAuthArgs::default()
    };
    let mut oauth =
        OAuthConfig::from_args_and_env(&catalogue, &args, &BTreeMap::new()).expect("OAuth config");
    oauth.keys = Arc::new(StateKeys::new(vec![
        StateKey::from_bytes(&[9u8; 32]).unwrap(),
    ]));
    Config {
        catalogue: Arc::new(catalogue),
        base_urls: pairs
            .iter()
            .map(|(p, w)| ((*p).to_owned(), url::Url::parse(h.origin(w)).unwrap()))
            .collect(),
        test_timeout: Duration::from_secs(10),
        oauth,
        api_keys: common::operator_keys(),
        ..Config::default()
    }
}

/// The `acme_keys` form.
pub fn keys_fields(secret: &str) -> Value {
    json!({"client_id": KEYS_CLIENT_ID, "client_secret": secret})
}

/// The `acme_signed` form: the key file as text, with `private_key` replaced when given.
pub fn signed_fields(h: &Harness, private_key: Option<&str>) -> Value {
    let mut file = h.info["signed_key_file"].clone();
    if let Some(k) = private_key {
        file["private_key"] = Value::String(k.to_owned());
    }
    json!({"key_file": file.to_string()})
}

/// The `acme_robot` form, acting as `subject` when given.
pub fn robot_fields(h: &Harness, private_key: Option<&str>, subject: Option<&str>) -> Value {
    let mut file = h.info["robot_key_file"].clone();
    if let Some(k) = private_key {
        file["private_key"] = Value::String(k.to_owned());
    }
    let mut v = json!({"key_file": file.to_string()});
    if let Some(s) = subject {
        v["subject"] = Value::String(s.to_owned());
    }
    v
}

/// A POST with a JSON body and an optional header: status, body, text (headers too).
pub async fn post(
    base: &str,
    path: &str,
    auth: Option<(&str, &str)>,
    body: &Value,
) -> (u16, Value, String) {
    let mut req = reqwest::Client::new()
        .post(format!("{base}{path}"))
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some((h, v)) = auth {
        req = req.header(h, v);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let headers = format!("{:?}", res.headers());
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::Null),
        format!("{headers}\n{text}"),
    )
}

pub fn operator() -> Option<(&'static str, String)> {
    Some(("authorization", format!("Bearer {}", common::OPERATOR_KEY)))
}
