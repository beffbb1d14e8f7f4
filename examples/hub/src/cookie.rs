//! The signed-in user: a session cookie holding the user name and an expiry, signed with
//! HMAC-SHA256 under the cookie key. A stand-in for a real hub's sign-in; what matters for
//! the example is that every page and API call knows, unforgeably, who the user is.
//!
//! Value: `v1.<base64url(user)>.<expires, unix seconds>.<base64url(HMAC of what precedes)>`.
//! The cookie is `HttpOnly` (no script reads it), `SameSite=Lax` (not sent on cross-site
//! POSTs), `Path=/`, and on an https origin `Secure` with the `__Host-` prefix.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::crypto::{KEY_LEN, Key};

/// How long a sign-in lasts: 8 hours.
pub const LIFETIME_SECS: u64 = 8 * 60 * 60;

/// Whether `name` can be a user name: 1 to 64 ASCII letters, digits or `. _ @ + -`.
pub fn valid_user_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._@+-".contains(&b))
}

/// Signs and checks session cookies.
pub struct CookieSigner {
    key: Key,
    secure: bool,
}

impl std::fmt::Debug for CookieSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CookieSigner")
            .field("secure", &self.secure)
            .finish_non_exhaustive()
    }
}

impl CookieSigner {
    /// `secure`: the hub is served over https (the cookie gets `Secure` and `__Host-`).
    pub fn new(key: &[u8; KEY_LEN], secure: bool) -> CookieSigner {
        let mut k = Key::default();
        k.copy_from_slice(key);
        CookieSigner { key: k, secure }
    }

    /// The cookie's name.
    pub fn name(&self) -> &'static str {
        if self.secure {
            "__Host-hub_session"
        } else {
            "hub_session"
        }
    }

    fn mac(&self) -> Hmac<Sha256> {
        Hmac::<Sha256>::new_from_slice(self.key.as_ref()).expect("HMAC takes any key length")
    }

    /// The signed value for `user`, valid until `expires` (unix seconds).
    pub fn sign(&self, user: &str, expires: u64) -> String {
        let payload = format!("v1.{}.{expires}", URL_SAFE_NO_PAD.encode(user));
        let mut mac = self.mac();
        mac.update(payload.as_bytes());
        let tag = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{payload}.{tag}")
    }

    /// The user of a signed value, if its signature holds and it has not expired at `now`.
    pub fn verify(&self, value: &str, now: u64) -> Option<String> {
        let (payload, tag) = value.rsplit_once('.')?;
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        let mut mac = self.mac();
        mac.update(payload.as_bytes());
        // Constant-time comparison.
        mac.verify_slice(&tag).ok()?;
        let mut parts = payload.split('.');
        let (Some("v1"), Some(user), Some(expires), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let expires: u64 = expires.parse().ok()?;
        if expires <= now {
            return None;
        }
        let user = String::from_utf8(URL_SAFE_NO_PAD.decode(user).ok()?).ok()?;
        valid_user_name(&user).then_some(user)
    }

    /// `Set-Cookie` signing `user` in at `now`.
    pub fn set_cookie(&self, user: &str, now: u64) -> String {
        let value = self.sign(user, now + LIFETIME_SECS);
        format!(
            "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={LIFETIME_SECS}{}",
            self.name(),
            if self.secure { "; Secure" } else { "" }
        )
    }

    /// `Set-Cookie` signing out.
    pub fn clear_cookie(&self) -> String {
        format!(
            "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
            self.name(),
            if self.secure { "; Secure" } else { "" }
        )
    }

    /// The signed-in user of a request's `Cookie` headers, if any cookie of ours verifies.
    pub fn user_from_headers(&self, headers: &axum::http::HeaderMap, now: u64) -> Option<String> {
        let name = self.name();
        headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|h| h.to_str().ok())
            .flat_map(|h| h.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .filter(|(k, _)| *k == name)
            .find_map(|(_, v)| self.verify(v, now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue, header::COOKIE};

    const NOW: u64 = 1_700_000_000;

    fn signer() -> CookieSigner {
        CookieSigner::new(&[9u8; KEY_LEN], false)
    }

    #[test]
    fn a_signed_cookie_verifies_until_it_expires() {
        let s = signer();
        let v = s.sign("ada@example.com", NOW + 60);
        assert_eq!(s.verify(&v, NOW).as_deref(), Some("ada@example.com"));
        assert_eq!(s.verify(&v, NOW + 59).as_deref(), Some("ada@example.com"));
        assert_eq!(s.verify(&v, NOW + 60), None);
    }

    #[test]
    fn a_changed_user_expiry_or_signature_is_refused() {
        let s = signer();
        let v = s.sign("ada", NOW + 60);
        let (payload, tag) = v.rsplit_once('.').unwrap();
        // Another user under the same signature.
        let other = payload.replace(
            &URL_SAFE_NO_PAD.encode("ada"),
            &URL_SAFE_NO_PAD.encode("bob"),
        );
        assert_eq!(s.verify(&format!("{other}.{tag}"), NOW), None);
        // A later expiry under the same signature.
        let later = payload.replace(&format!("{}", NOW + 60), &format!("{}", NOW + 6000));
        assert_eq!(s.verify(&format!("{later}.{tag}"), NOW), None);
        // A flipped character of the signature, a truncated one, none at all.
        let mut flipped = tag.to_string().into_bytes();
        flipped[0] = if flipped[0] == b'A' { b'B' } else { b'A' };
        let flipped = String::from_utf8(flipped).unwrap();
        assert_eq!(s.verify(&format!("{payload}.{flipped}"), NOW), None);
        assert_eq!(s.verify(&format!("{payload}.{}", &tag[..10]), NOW), None);
        assert_eq!(s.verify(payload, NOW), None);
        assert_eq!(s.verify("", NOW), None);
        // Signed under another key.
        let other_key = CookieSigner::new(&[10u8; KEY_LEN], false);
        assert_eq!(other_key.verify(&v, NOW), None);
    }

    #[test]
    fn set_cookie_is_http_only_and_same_site_and_secure_on_https() {
        let c = signer().set_cookie("ada", NOW);
        assert!(c.starts_with("hub_session=v1."), "{c}");
        assert!(c.contains("; HttpOnly") && c.contains("; SameSite=Lax") && c.contains("; Path=/"));
        assert!(!c.contains("Secure"));
        let https = CookieSigner::new(&[9u8; KEY_LEN], true);
        let c = https.set_cookie("ada", NOW);
        assert!(
            c.starts_with("__Host-hub_session=") && c.ends_with("; Secure"),
            "{c}"
        );
        assert!(https.clear_cookie().contains("Max-Age=0"));
    }

    #[test]
    fn the_user_is_read_from_the_cookie_header() {
        let s = signer();
        let mut headers = HeaderMap::new();
        let value = format!("other=1; hub_session={}; x=y", s.sign("ada", NOW + 60));
        headers.insert(COOKIE, HeaderValue::from_str(&value).unwrap());
        assert_eq!(s.user_from_headers(&headers, NOW).as_deref(), Some("ada"));
        headers.insert(COOKIE, HeaderValue::from_static("hub_session=v1.YWRh.1.x"));
        assert_eq!(s.user_from_headers(&headers, NOW), None);
        assert_eq!(s.user_from_headers(&HeaderMap::new(), NOW), None);
    }

    #[test]
    fn user_names_are_short_plain_ascii() {
        assert!(valid_user_name("ada"));
        assert!(valid_user_name("ada.lovelace+hub@example.com"));
        assert!(!valid_user_name(""));
        assert!(!valid_user_name(&"a".repeat(65)));
        assert!(!valid_user_name("ada lovelace"));
        assert!(!valid_user_name("ada;x=1"));
        assert!(!valid_user_name("<script>"));
    }
}
