//! The hub's keys: one master key from the operator (`HUB_ENCRYPTION_KEY`), and the two
//! subkeys derived from it with HKDF-SHA256, one per job, so neither key is ever used for
//! two things:
//!
//! - the sealing key: ChaCha20-Poly1305 over each connection's secret material, with a
//!   random 96-bit nonce per row and the row's id and user as associated data (a sealed
//!   blob copied into another row, or another user's row, does not open);
//! - the cookie key: HMAC-SHA256 over the session cookie ([`crate::cookie`]).

use base64::Engine as _;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::hkdf;
use ring::rand::{SecureRandom, SystemRandom};
use zeroize::Zeroizing;

/// The length of every key: 32 bytes.
pub const KEY_LEN: usize = 32;

/// A key as 32 bytes, wiped on drop.
pub type Key = Zeroizing<[u8; KEY_LEN]>;

/// Why a configured key was refused (the value itself is never repeated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// Not base64url (padded or not).
    NotBase64,
    /// Decoded to this many bytes instead of 32.
    WrongLength(usize),
}

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyError::NotBase64 => f.write_str("the key is not base64url"),
            KeyError::WrongLength(n) => write!(f, "the key is {n} bytes, not {KEY_LEN}"),
        }
    }
}

impl std::error::Error for KeyError {}

/// Reads a key given as base64url of 32 bytes (`openssl rand 32 | basenc --base64url`).
pub fn parse_key(text: &str) -> Result<Key, KeyError> {
    let text = text.trim();
    let engine = if text.ends_with('=') {
        URL_SAFE
    } else {
        URL_SAFE_NO_PAD
    };
    let bytes = Zeroizing::new(engine.decode(text).map_err(|_| KeyError::NotBase64)?);
    if bytes.len() != KEY_LEN {
        return Err(KeyError::WrongLength(bytes.len()));
    }
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    key.copy_from_slice(&bytes);
    Ok(key)
}

/// The subkeys derived from the master key.
pub struct Keys {
    /// Seals the connections' secret material.
    pub seal: Key,
    /// Signs the session cookie.
    pub cookie: Key,
}

impl Keys {
    /// HKDF-SHA256 of the master key, one `info` label per subkey.
    pub fn derive(master: &[u8; KEY_LEN]) -> Keys {
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, b"connectspec-example-hub").extract(master);
        let expand = |info: &'static [u8]| {
            let mut out = Zeroizing::new([0u8; KEY_LEN]);
            prk.expand(&[info], hkdf::HKDF_SHA256)
                .and_then(|okm| okm.fill(out.as_mut()))
                .expect("HKDF-SHA256 yields 32 bytes");
            out
        };
        Keys {
            seal: expand(b"seal connection secrets v1"),
            cookie: expand(b"sign session cookie v1"),
        }
    }
}

/// A sealed blob did not open: tampered with, sealed under another key, or bound to
/// another row. Deliberately says no more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenError;

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the sealed secret does not open with this key and row")
    }
}

impl std::error::Error for OpenError {}

/// ChaCha20-Poly1305 with a random nonce per message. A sealed blob is
/// `nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes)`.
pub struct Sealer {
    key: LessSafeKey,
    rng: SystemRandom,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer { .. }")
    }
}

impl Sealer {
    pub fn new(key: &[u8; KEY_LEN]) -> Sealer {
        let key = UnboundKey::new(&CHACHA20_POLY1305, key).expect("a 32-byte ChaCha20 key");
        Sealer {
            key: LessSafeKey::new(key),
            rng: SystemRandom::new(),
        }
    }

    /// Encrypts and authenticates `plaintext`, binding it to `aad`.
    pub fn seal(&self, plaintext: &[u8], aad: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_LEN];
        self.rng
            .fill(&mut nonce)
            .expect("the system's random number generator");
        let tag_len = CHACHA20_POLY1305.tag_len();
        // Room for the tag up front, so the buffer holding the plaintext never grows
        // (a reallocation would leave a copy of the plaintext behind in freed memory).
        let mut buf = Zeroizing::new(Vec::with_capacity(NONCE_LEN + plaintext.len() + tag_len));
        buf.extend_from_slice(plaintext);
        let tag = self
            .key
            .seal_in_place_separate_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(aad),
                &mut buf[..],
            )
            .expect("ChaCha20-Poly1305 seals any message under 256 GiB");
        let mut out = Vec::with_capacity(NONCE_LEN + buf.len() + tag_len);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&buf);
        out.extend_from_slice(tag.as_ref());
        out
    }

    /// Checks and decrypts a blob from [`Sealer::seal`] sealed with the same `aad`; the
    /// plaintext comes back in a buffer wiped on drop.
    pub fn open(&self, sealed: &[u8], aad: &[u8]) -> Result<Zeroizing<Vec<u8>>, OpenError> {
        if sealed.len() < NONCE_LEN + CHACHA20_POLY1305.tag_len() {
            return Err(OpenError);
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| OpenError)?;
        let mut buf = Zeroizing::new(ciphertext.to_vec());
        let len = self
            .key
            .open_in_place(nonce, Aad::from(aad), &mut buf[..])
            .map_err(|_| OpenError)?
            .len();
        buf.truncate(len);
        Ok(buf)
    }
}

/// The associated data of a connection's sealed secrets: its id and its user, each with
/// its length, so no two (id, user) pairs share an encoding.
pub fn row_aad(connection_id: &str, user: &str) -> Vec<u8> {
    let mut aad = b"connectspec-example-hub connection v1".to_vec();
    for part in [connection_id, user] {
        aad.extend_from_slice(&(part.len() as u64).to_be_bytes());
        aad.extend_from_slice(part.as_bytes());
    }
    aad
}

/// A random id: 16 bytes, base64url without padding (22 characters).
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    SystemRandom::new()
        .fill(&mut bytes)
        .expect("the system's random number generator");
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer() -> Sealer {
        Sealer::new(&[7u8; KEY_LEN])
    }

    #[test]
    fn a_sealed_secret_opens_with_its_row_and_hides_the_plaintext() {
        let s = sealer();
        let aad = row_aad("conn-1", "ada");
        let sealed = s.seal(b"the secret token", &aad);
        assert!(
            !sealed
                .windows(b"secret".len())
                .any(|w| w == b"secret".as_slice())
        );
        assert_eq!(
            s.open(&sealed, &aad).unwrap().as_slice(),
            b"the secret token"
        );
        // A fresh nonce per message: the same plaintext seals differently.
        assert_ne!(s.seal(b"the secret token", &aad), sealed);
    }

    #[test]
    fn a_tampered_blob_does_not_open() {
        let s = sealer();
        let aad = row_aad("conn-1", "ada");
        let sealed = s.seal(b"the secret token", &aad);
        for i in [0, NONCE_LEN, sealed.len() / 2, sealed.len() - 1] {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            assert_eq!(s.open(&bad, &aad), Err(OpenError), "byte {i} flipped");
        }
        assert_eq!(s.open(&sealed[..sealed.len() - 1], &aad), Err(OpenError));
        assert_eq!(s.open(&sealed[..10], &aad), Err(OpenError));
        assert_eq!(s.open(b"", &aad), Err(OpenError));
    }

    #[test]
    fn another_row_user_or_key_does_not_open_it() {
        let s = sealer();
        let sealed = s.seal(b"the secret token", &row_aad("conn-1", "ada"));
        assert_eq!(s.open(&sealed, &row_aad("conn-2", "ada")), Err(OpenError));
        assert_eq!(s.open(&sealed, &row_aad("conn-1", "bob")), Err(OpenError));
        // The lengths keep the parts apart: ("conn-1a", "da") is not ("conn-1", "ada").
        assert_eq!(s.open(&sealed, &row_aad("conn-1a", "da")), Err(OpenError));
        let other = Sealer::new(&[8u8; KEY_LEN]);
        assert_eq!(
            other.open(&sealed, &row_aad("conn-1", "ada")),
            Err(OpenError)
        );
    }

    #[test]
    fn keys_parse_from_base64url_of_32_bytes_only() {
        let key = parse_key(&URL_SAFE_NO_PAD.encode([1u8; 32])).unwrap();
        assert_eq!(*key, [1u8; 32]);
        assert_eq!(*parse_key(&URL_SAFE.encode([2u8; 32])).unwrap(), [2u8; 32]);
        assert_eq!(
            parse_key(&URL_SAFE_NO_PAD.encode([1u8; 31])).unwrap_err(),
            KeyError::WrongLength(31)
        );
        assert_eq!(parse_key("not base64!").unwrap_err(), KeyError::NotBase64);
        assert_eq!(parse_key("").unwrap_err(), KeyError::WrongLength(0));
    }

    #[test]
    fn the_subkeys_differ_from_each_other_and_from_the_master_key() {
        let master = [3u8; KEY_LEN];
        let keys = Keys::derive(&master);
        assert_ne!(*keys.seal, *keys.cookie);
        assert_ne!(*keys.seal, master);
        assert_ne!(*keys.cookie, master);
        assert_eq!(*Keys::derive(&master).seal, *keys.seal);
    }

    #[test]
    fn ids_are_random_and_url_safe() {
        let (a, b) = (random_id(), random_id());
        assert_ne!(a, b);
        assert_eq!(a.len(), 22);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
    }
}
