//! The OAuth `state`: everything the callback needs, sealed into the parameter itself,
//! so no instance keeps a session and any instance behind a load balancer can finish a
//! flow another one started.
//!
//! The payload (provider, method, the end user's values, scopes, redirect URI, PKCE
//! verifier, issue and expiry times, a random nonce) is JSON, sealed with
//! ChaCha20-Poly1305 (`ring`): encrypted, so the verifier stays secret while the state
//! travels through the browser and the provider, and authenticated, so a changed byte
//! fails to open. The wire form is base64url of `key id (4) ‖ nonce (12) ‖ sealed`.
//! Keys rotate: the first key seals, every key opens, found by its id (the first
//! four bytes of its SHA-256).

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use connectspec_runtime::{ExposeSecret, SecretString};
use ring::aead::{self, Aad, CHACHA20_POLY1305, LessSafeKey, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};
use serde::{Deserialize, Serialize};

/// What a sealed value is for. Its label is bound into the seal (the AEAD's associated
/// data), so a value sealed for one purpose never opens as another: a link session
/// token is not a result, a flow ticket is not a state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The OAuth `state` parameter (provider redirect → callback).
    State,
    /// The ticket that starts an OAuth flow in the end user's browser.
    Ticket,
    /// A link session token, held by the link form.
    Session,
    /// A link result, redeemed by the hub's back end.
    Result,
    /// An OAuth client registered for one connection (discovery), kept by the back end
    /// for refresh.
    Registration,
}

impl Purpose {
    fn aad(self) -> &'static [u8] {
        match self {
            Purpose::State => b"connectspec oauth state v1",
            Purpose::Ticket => b"connectspec oauth ticket v1",
            Purpose::Session => b"connectspec link session v1",
            Purpose::Result => b"connectspec link result v1",
            Purpose::Registration => b"connectspec oauth registration v1",
        }
    }
}

/// A sealed payload with an expiry (Unix seconds), checked when it is opened.
pub trait Expiring {
    /// When the payload stops opening.
    fn expires_at(&self) -> u64;
}

/// The longest state accepted from a callback, in characters.
pub const MAX_STATE_LEN: usize = 8 * 1024;

/// One sealing key.
pub struct StateKey {
    id: [u8; 4],
    key: LessSafeKey,
}

impl std::fmt::Debug for StateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StateKey([redacted])")
    }
}

impl StateKey {
    /// A key from 32 bytes.
    pub fn from_bytes(bytes: &[u8]) -> Option<StateKey> {
        let unbound = UnboundKey::new(&CHACHA20_POLY1305, bytes).ok()?;
        let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
        let mut id = [0u8; 4];
        id.copy_from_slice(&digest.as_ref()[..4]);
        Some(StateKey {
            id,
            key: LessSafeKey::new(unbound),
        })
    }

    /// A key from its base64url text (43 characters, 32 bytes), with or without the
    /// `=` padding that `basenc --base64url` (the recipe the docs give) writes.
    pub fn from_text(text: &str) -> Option<StateKey> {
        let bytes = URL_SAFE_NO_PAD
            .decode(text.trim().trim_end_matches('='))
            .ok()?;
        if bytes.len() != 32 {
            return None;
        }
        StateKey::from_bytes(&bytes)
    }
}

/// The keys in force: the first seals, all open.
#[derive(Debug, Default)]
pub struct StateKeys {
    keys: Vec<StateKey>,
}

/// A reconnect: the hub's connection being repaired and the account it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reconnect {
    /// The hub's id of the connection.
    #[serde(rename = "connection")]
    pub c: String,
    /// Provider id.
    #[serde(rename = "provider")]
    pub p: String,
    /// Method id.
    #[serde(rename = "method")]
    pub m: String,
    /// The identity the connection test found when the account was linked.
    #[serde(rename = "identity", default, skip_serializing_if = "Option::is_none")]
    pub i: Option<String>,
}

/// What the state carries.
#[derive(Debug, Serialize, Deserialize)]
pub struct FlowState {
    /// Provider id.
    pub p: String,
    /// Method id.
    pub m: String,
    /// The end user's values (normalised), by field key.
    pub f: BTreeMap<String, String>,
    /// The scopes asked for.
    pub s: Vec<String>,
    /// The redirect URI the authorization request named (the exchange repeats it).
    pub r: String,
    /// The PKCE verifier, when PKCE is on.
    pub v: Option<String>,
    /// Issued at, Unix seconds.
    pub iat: u64,
    /// Expires at, Unix seconds.
    pub exp: u64,
    /// A random value, so two states for the same request differ; it also names the
    /// flow's binding cookie.
    pub n: String,
    /// The link session the flow belongs to (its id), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// The hub's reference for the end user (from the session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub u: Option<String>,
    /// The reconnect the session asked for: the connection and the identity expected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rc: Option<Reconnect>,
    /// Where the form may run besides the service's own origin (the session's origin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    /// Where a redirect-mode flow returns with its result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ret: Option<String>,
    /// The locale the flow was started in (a BCP 47 tag): the callback's page speaks
    /// it, whatever the popup's browser asks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub l: Option<String>,
    /// Redirect mode (the popup was blocked): the callback redirects instead of
    /// answering a page that posts to its opener.
    #[serde(default)]
    pub redirect: bool,
    /// SHA-256 of the binding secret the starting browser holds in a cookie
    /// (base64url). Absent in a ticket; always present in a state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b: Option<String>,
    /// The end user's own OAuth client (setup values, the secret included), when the
    /// flow uses theirs: sealed here, so the callback exchanges with the same client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub c: Option<BTreeMap<String, String>>,
    /// The authorization server found by discovery and the client registered there,
    /// for a method whose endpoints are not named in its spec.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub g: Option<Registration>,
}

impl Expiring for FlowState {
    fn expires_at(&self) -> u64 {
        self.exp
    }
}

/// Why a state cannot be issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealError {
    /// No key, or the sealing itself failed.
    Unsealable,
    /// Longer than the callback accepts: the flow's values are too long.
    TooLong,
}

/// Why a state does not open. The service answers every case with the same 400, so
/// that the answer tells an attacker nothing; the kind is for logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateError {
    /// Not base64url, too short or too long.
    Malformed,
    /// Sealed with a key that is not configured (or a forged id).
    UnknownKey,
    /// The seal does not open: the state was changed.
    Tampered,
    /// Past its expiry.
    Expired,
}

impl StateError {
    /// For logs.
    pub fn as_str(self) -> &'static str {
        match self {
            StateError::Malformed => "malformed",
            StateError::UnknownKey => "unknown_key",
            StateError::Tampered => "tampered",
            StateError::Expired => "expired",
        }
    }
}

/// Unix seconds now.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl StateKeys {
    /// Keys in order: the first seals.
    pub fn new(keys: Vec<StateKey>) -> StateKeys {
        StateKeys { keys }
    }

    /// Whether any key is configured.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// How many keys are configured.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// A random value of `n` bytes, base64url.
    pub fn random(n: usize) -> String {
        let mut bytes = vec![0u8; n];
        SystemRandom::new()
            .fill(&mut bytes)
            .expect("the system random source works");
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// Seals `state` with the first key. A state longer than the callback accepts
    /// ([`MAX_STATE_LEN`]) is never issued: the flow would fail only after the end user
    /// signed in at the provider.
    pub fn seal(&self, state: &FlowState) -> Result<SecretString, SealError> {
        self.seal_as(Purpose::State, state)
    }

    /// Opens a state from a callback, checking its expiry against `now`.
    pub fn open(&self, text: &str, now: u64) -> Result<FlowState, StateError> {
        self.open_as(Purpose::State, text, now)
    }

    /// Seals any payload for `purpose` with the first key; nothing longer than
    /// [`MAX_STATE_LEN`] is issued.
    pub fn seal_as<T: Serialize>(
        &self,
        purpose: Purpose,
        state: &T,
    ) -> Result<SecretString, SealError> {
        let key = self.keys.first().ok_or(SealError::Unsealable)?;
        let mut nonce = [0u8; 12];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| SealError::Unsealable)?;
        let mut data = serde_json::to_vec(state).map_err(|_| SealError::Unsealable)?;
        key.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(purpose.aad()),
                &mut data,
            )
            .map_err(|_| SealError::Unsealable)?;
        let mut out = Vec::with_capacity(16 + data.len());
        out.extend_from_slice(&key.id);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&data);
        zero(&mut data);
        let sealed = SecretString::from(URL_SAFE_NO_PAD.encode(out));
        if sealed.expose_secret().len() > MAX_STATE_LEN {
            return Err(SealError::TooLong);
        }
        Ok(sealed)
    }

    /// Opens a payload sealed for `purpose`, checking its expiry against `now`.
    pub fn open_as<T: serde::de::DeserializeOwned + Expiring>(
        &self,
        purpose: Purpose,
        text: &str,
        now: u64,
    ) -> Result<T, StateError> {
        if text.len() > MAX_STATE_LEN {
            return Err(StateError::Malformed);
        }
        let mut raw = URL_SAFE_NO_PAD
            .decode(text)
            .map_err(|_| StateError::Malformed)?;
        if raw.len() < 4 + 12 + aead::CHACHA20_POLY1305.tag_len() {
            return Err(StateError::Malformed);
        }
        let key = self
            .keys
            .iter()
            .find(|k| k.id[..] == raw[..4])
            .ok_or(StateError::UnknownKey)?;
        let mut nonce = [0u8; 12];
        nonce.copy_from_slice(&raw[4..16]);
        let opened = key
            .key
            .open_in_place(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(purpose.aad()),
                &mut raw[16..],
            )
            .map_err(|_| StateError::Tampered)?;
        let parsed: Result<T, _> = serde_json::from_slice(opened);
        zero(&mut raw);
        let state = parsed.map_err(|_| StateError::Tampered)?;
        if now >= state.expires_at() {
            return Err(StateError::Expired);
        }
        Ok(state)
    }
}

fn zero(bytes: &mut [u8]) {
    zeroize::Zeroize::zeroize(bytes);
}

/// The default lifetime of a state: time enough to sign in and approve.
pub const DEFAULT_STATE_TTL: Duration = Duration::from_secs(600);

impl FlowState {
    /// The PKCE verifier, wrapped.
    pub fn verifier(&self) -> Option<SecretString> {
        self.v.clone().map(SecretString::from)
    }
}

/// Exposes a sealed state for the authorization URL (the one place it goes).
pub fn expose(state: &SecretString) -> &str {
    state.expose_secret()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(b: u8) -> StateKey {
        StateKey::from_bytes(&[b; 32]).unwrap()
    }

    fn flow(exp: u64) -> FlowState {
        FlowState {
            p: "acme".into(),
            m: "oauth".into(),
            f: BTreeMap::from([("subdomain".into(), "globex".into())]),
            s: vec!["read".into()],
            r: "https://connect.example.com/v1/oauth/callback".into(),
            v: Some("verifier-0123456789-0123456789-0123456789-abc".into()),
            iat: 1,
            exp,
            n: StateKeys::random(16),
            sid: None,
            u: None,
            rc: None,
            org: None,
            ret: None,
            l: None,
            redirect: false,
            b: None,
            c: None,
            g: None,
        }
    }

    #[test]
    fn a_seal_opens_only_for_its_purpose() {
        let keys = StateKeys::new(vec![key(4)]);
        let sealed = keys.seal_as(Purpose::Ticket, &flow(100)).unwrap();
        assert!(
            keys.open_as::<FlowState>(Purpose::Ticket, sealed.expose_secret(), 50)
                .is_ok()
        );
        for other in [
            Purpose::State,
            Purpose::Session,
            Purpose::Result,
            Purpose::Registration,
        ] {
            assert_eq!(
                keys.open_as::<FlowState>(other, sealed.expose_secret(), 50)
                    .unwrap_err(),
                StateError::Tampered,
                "{other:?}"
            );
        }
    }

    #[test]
    fn no_state_is_issued_that_the_callback_refuses() {
        let keys = StateKeys::new(vec![key(1)]);
        let mut long = flow(100);
        long.f.insert("workspace".into(), "w".repeat(MAX_STATE_LEN));
        assert_eq!(keys.seal(&long).unwrap_err(), SealError::TooLong);
        // Just inside the limit: issued, and the callback opens it.
        let mut fits = flow(100);
        let base = keys.seal(&fits).unwrap().expose_secret().len();
        // Sealing adds a third for base64 to every byte of the JSON text.
        let room = (MAX_STATE_LEN - base) * 3 / 4 - 32;
        fits.f.insert("workspace".into(), "w".repeat(room));
        let sealed = keys.seal(&fits).unwrap();
        assert!(keys.open(sealed.expose_secret(), 50).is_ok());
    }

    #[test]
    fn round_trip_and_rotation() {
        let old = StateKeys::new(vec![key(1)]);
        let sealed = old.seal(&flow(100)).unwrap();
        let text = sealed.expose_secret();
        assert!(!text.contains("verifier"), "the verifier is encrypted");
        assert_eq!(old.open(text, 50).unwrap().f["subdomain"], "globex");
        // A new key in front: old states still open, new ones use the new key.
        let rotated = StateKeys::new(vec![key(2), key(1)]);
        assert_eq!(rotated.open(text, 50).unwrap().m, "oauth");
        let fresh = rotated.seal(&flow(100)).unwrap();
        assert_eq!(
            old.open(fresh.expose_secret(), 50).unwrap_err(),
            StateError::UnknownKey
        );
        // The old key dropped: its states no longer open.
        let only_new = StateKeys::new(vec![key(2)]);
        assert_eq!(only_new.open(text, 50).unwrap_err(), StateError::UnknownKey);
    }

    #[test]
    fn tampered_expired_and_malformed() {
        let keys = StateKeys::new(vec![key(7)]);
        let sealed = keys.seal(&flow(100)).unwrap();
        let text = sealed.expose_secret().to_owned();
        assert_eq!(keys.open(&text, 100).unwrap_err(), StateError::Expired);
        for i in [5, 20, text.len() - 1] {
            let mut bytes = text.clone().into_bytes();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let changed = String::from_utf8(bytes).unwrap();
            let e = keys.open(&changed, 50).unwrap_err();
            assert!(
                matches!(
                    e,
                    StateError::Tampered | StateError::UnknownKey | StateError::Malformed
                ),
                "{e:?}"
            );
        }
        assert_eq!(
            keys.open("not a state!", 50).unwrap_err(),
            StateError::Malformed
        );
        assert_eq!(keys.open("", 50).unwrap_err(), StateError::Malformed);
        assert_eq!(
            keys.open(&"A".repeat(MAX_STATE_LEN + 1), 50).unwrap_err(),
            StateError::Malformed
        );
    }

    #[test]
    fn two_seals_differ_and_keys_parse() {
        let keys = StateKeys::new(vec![key(3)]);
        let a = keys.seal(&flow(100)).unwrap();
        let b = keys.seal(&flow(100)).unwrap();
        assert_ne!(a.expose_secret(), b.expose_secret());
        assert!(StateKey::from_text(&URL_SAFE_NO_PAD.encode([9u8; 32])).is_some());
        assert!(StateKey::from_text(&URL_SAFE_NO_PAD.encode([9u8; 16])).is_none());
        assert!(StateKey::from_text("not base64!").is_none());
        // As `openssl rand 32 | basenc --base64url` writes it: padded, a line end, and
        // (for about one key in five) a leading `-`.
        let padded = format!("{}=\n", URL_SAFE_NO_PAD.encode([0xf8u8; 32]));
        assert!(padded.starts_with('-'));
        assert!(StateKey::from_text(&padded).is_some());
        assert_eq!(format!("{:?}", key(3)), "StateKey([redacted])");
    }
}

/// A connection's OAuth client and the authorization server it was found at.
#[derive(Clone, Serialize, Deserialize)]
pub struct Registration {
    /// Provider id.
    pub p: String,
    /// Method id.
    pub m: String,
    /// The registered client's id; `None` when the method uses a configured client
    /// (discovery without dynamic registration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The registered client's secret, when the server issued one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// The authorization server's identifier.
    pub issuer: String,
    /// Where the end user signs in.
    pub authorization_endpoint: String,
    /// Where codes and refresh tokens are exchanged.
    pub token_endpoint: String,
    /// The protected resource (RFC 8707 `resource`).
    pub resource: String,
    /// Registered at, Unix seconds.
    pub iat: u64,
    /// When the client stops working (the server's `client_secret_expires_at`), else
    /// never.
    pub exp: u64,
}

impl std::fmt::Debug for Registration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registration")
            .field("p", &self.p)
            .field("m", &self.m)
            .field("issuer", &self.issuer)
            .finish_non_exhaustive()
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        if let Some(s) = &mut self.client_secret {
            zeroize::Zeroize::zeroize(s);
        }
    }
}

impl Expiring for Registration {
    fn expires_at(&self) -> u64 {
        self.exp
    }
}
