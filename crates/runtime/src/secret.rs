//! The secret wrappers used for every `secret: true` field.
//!
//! `secrecy::SecretString` already redacts Debug and zeroizes on drop; it has no
//! Display and no Serialize, so a secret cannot reach a log line or a JSON body by
//! accident. Reading it takes an explicit `expose_secret()`. [`SecretStr`] is the same
//! promise for a secret borrowed from storage that wipes itself (a typed credential's
//! values), so reading a secret does not copy it.

use std::fmt;

pub use secrecy::{ExposeSecret, SecretString};

/// A borrowed secret: redacted in Debug, no Display, no Serialize; read it with
/// `expose_secret()`. The storage it borrows from is wiped when dropped.
#[derive(Clone, Copy)]
pub struct SecretStr<'a>(&'a str);

impl<'a> SecretStr<'a> {
    /// Wraps a secret held by storage that wipes it.
    #[inline]
    pub const fn new(secret: &'a str) -> SecretStr<'a> {
        SecretStr(secret)
    }

    /// The secret itself, for as long as its storage lives (the trait method
    /// [`ExposeSecret::expose_secret`] lends it for as long as this wrapper).
    #[inline]
    pub const fn expose_secret(&self) -> &'a str {
        self.0
    }

    /// An owned copy that zeroizes on drop, for keeping the secret beyond its storage.
    pub fn to_secret_string(&self) -> SecretString {
        SecretString::from(self.0)
    }
}

impl ExposeSecret<str> for SecretStr<'_> {
    #[inline]
    fn expose_secret(&self) -> &str {
        self.0
    }
}

impl fmt::Debug for SecretStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretStr([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacted_and_readable() {
        let token = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
        let s = SecretStr::new(token);
        assert_eq!(format!("{s:?}"), "SecretStr([REDACTED])");
        assert_eq!(s.expose_secret(), token);
        assert_eq!(ExposeSecret::expose_secret(&s), token);
        assert_eq!(s.to_secret_string().expose_secret(), token);
    }
}
