//! Operator credentials: the API keys the hub's back end sends as
//! `Authorization: Bearer <key>` to the endpoints that issue or redeem credentials.
//!
//! Several keys are valid at once, so a key can be rotated without downtime (add the new
//! one, move the back end over, drop the old one). Only their SHA-256 digests are kept,
//! and a presented key is compared digest against digest in constant time, so neither
//! the time an answer takes nor its length says how much of a key was right. A key never
//! appears in an error, a log line or a response.

use std::path::Path;

use connectspec_runtime::{ExposeSecret, SecretString};
use ring::digest::{SHA256, digest};
use subtle::ConstantTimeEq;

use super::ConfigError;

/// The environment variable holding keys, comma-separated.
pub const API_KEYS_ENV: &str = "CONNECTSPEC_API_KEYS";

/// The shortest key accepted: a key an attacker can guess is no key. 32 characters of
/// base64url (`openssl rand 32 | basenc --base64url`) are 192 bits and more.
pub const MIN_KEY_CHARS: usize = 32;

/// The configured keys, as digests.
#[derive(Clone, Default)]
pub struct ApiKeys {
    digests: Vec<[u8; 32]>,
}

impl std::fmt::Debug for ApiKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ApiKeys({} configured)", self.digests.len())
    }
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest(&SHA256, bytes).as_ref());
    out
}

impl ApiKeys {
    /// Keys given directly (tests, embedders). Each must be at least
    /// [`MIN_KEY_CHARS`] printable ASCII characters without spaces.
    pub fn new(keys: &[SecretString]) -> Result<ApiKeys, ConfigError> {
        let mut digests = Vec::with_capacity(keys.len());
        for (i, key) in keys.iter().enumerate() {
            let k = key.expose_secret();
            if k.len() < MIN_KEY_CHARS || !k.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(ConfigError(format!(
                    "API key {} is not usable: a key is at least {MIN_KEY_CHARS} printable characters \
                     without spaces, e.g. `openssl rand 32 | basenc --base64url` (the key is not shown)",
                    i + 1
                )));
            }
            digests.push(sha256(k.as_bytes()));
        }
        Ok(ApiKeys { digests })
    }

    /// The keys of `CONNECTSPEC_API_KEYS` (comma-separated) and of a key file (one key a
    /// line; blank lines and lines starting with `#` are skipped). Either may be absent.
    pub fn from_sources(env: Option<&str>, file: Option<&Path>) -> Result<ApiKeys, ConfigError> {
        let mut keys: Vec<SecretString> = Vec::new();
        if let Some(list) = env {
            keys.extend(
                list.split(',')
                    .map(str::trim)
                    .filter(|k| !k.is_empty())
                    .map(SecretString::from),
            );
        }
        if let Some(path) = file {
            let text = SecretString::from(std::fs::read_to_string(path).map_err(|e| {
                ConfigError(format!(
                    "--api-key-file: the file cannot be read ({}); the path is not shown",
                    e.kind()
                ))
            })?);
            keys.extend(
                text.expose_secret()
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(SecretString::from),
            );
        }
        ApiKeys::new(&keys)
    }

    /// Whether any key is configured.
    pub fn is_empty(&self) -> bool {
        self.digests.is_empty()
    }

    /// Whether `presented` is one of the keys. Every configured key is compared, whatever
    /// matched, so the time taken does not depend on which one did.
    pub fn accepts(&self, presented: &str) -> bool {
        let d = sha256(presented.as_bytes());
        let mut ok = false;
        for k in &self.digests {
            ok |= bool::from(k.ct_eq(&d));
        }
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> SecretString {
        SecretString::from(c.to_string().repeat(40))
    }

    #[test]
    fn every_configured_key_is_accepted_and_nothing_else() {
        let keys = ApiKeys::new(&[key('a'), key('b')]).unwrap();
        assert!(keys.accepts(&"a".repeat(40)));
        assert!(keys.accepts(&"b".repeat(40)));
        assert!(!keys.accepts(&"a".repeat(39)));
        assert!(!keys.accepts(""));
        assert!(!ApiKeys::default().accepts(""));
        assert!(!format!("{keys:?}").contains("aaaa"));
    }

    #[test]
    fn short_or_spaced_keys_are_refused_without_being_shown() {
        for bad in ["short-key", "with a space in it and long enough to pass"] {
            let err = ApiKeys::new(&[SecretString::from(bad)]).unwrap_err();
            assert!(!err.0.contains(bad), "{err}");
            assert!(err.0.contains("API key 1"), "{err}");
        }
    }

    #[test]
    fn keys_come_from_the_environment_and_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("keys");
        std::fs::write(&file, format!("# rotated 2026-12\n{}\n\n", "f".repeat(40))).unwrap();
        let env = format!("{}, {}", "e".repeat(40), "g".repeat(40));
        let keys = ApiKeys::from_sources(Some(&env), Some(&file)).unwrap();
        for c in ['e', 'f', 'g'] {
            assert!(keys.accepts(&c.to_string().repeat(40)), "{c}");
        }
        let missing = ApiKeys::from_sources(None, Some(&dir.path().join("nope"))).unwrap_err();
        assert!(!missing.0.contains("nope"), "{missing}");
    }
}
