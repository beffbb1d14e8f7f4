//! JSON pointers (RFC 6901) built one token at a time.
//!
//! Every check names what it looks at by a pointer into the spec, which the loader's
//! location map turns into file:line:column. Building them with [`Ptr::join`] rather
//! than by string formatting keeps the escaping right (a scope id or a header name may
//! hold `/` or `~`) and makes a pointer a type a check cannot confuse with other text.

use std::fmt;
use std::ops::Deref;

use crate::yaml::escape_token;

/// A JSON pointer into a spec: `""` is the whole document, `/auth_methods/0/fields/1`
/// a field.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ptr(String);

/// One reference token of a pointer: a member name (escaped when joined) or an index.
pub trait Token {
    /// Appends `/` and the escaped token to `out`.
    fn push_to(&self, out: &mut String);
}

impl Token for str {
    fn push_to(&self, out: &mut String) {
        out.push('/');
        if self.bytes().any(|b| b == b'~' || b == b'/') {
            out.push_str(&escape_token(self));
        } else {
            out.push_str(self);
        }
    }
}

impl Token for String {
    fn push_to(&self, out: &mut String) {
        self.as_str().push_to(out);
    }
}

impl Token for usize {
    fn push_to(&self, out: &mut String) {
        use fmt::Write;
        out.push('/');
        write!(out, "{self}").expect("writing to a String cannot fail");
    }
}

impl<T: Token + ?Sized> Token for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out);
    }
}

impl Ptr {
    /// The pointer to the whole document.
    pub fn root() -> Ptr {
        Ptr(String::new())
    }

    /// This pointer with one more token: `ptr.join("fields").join(2)`.
    #[must_use]
    pub fn join(&self, token: impl Token) -> Ptr {
        let mut s = String::with_capacity(self.0.len() + 16);
        s.push_str(&self.0);
        token.push_to(&mut s);
        Ptr(s)
    }

    /// This pointer with the member names of `path`, separated by `/` (`"oauth/token_url"`);
    /// for keys a check keeps as one path. The names themselves must not hold `/`.
    #[must_use]
    pub fn join_path(&self, path: &str) -> Ptr {
        path.split('/').fold(self.clone(), |p, t| p.join(t))
    }

    /// The pointer as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Ptr {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Ptr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Ptr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_escapes() {
        let p = Ptr::root().join("auth_methods").join(0).join("fields");
        assert_eq!(p.as_str(), "/auth_methods/0/fields");
        let scope = String::from("repo/admin~x");
        assert_eq!(
            p.join(&scope).as_str(),
            "/auth_methods/0/fields/repo~1admin~0x"
        );
        assert_eq!(Ptr::root().as_str(), "");
    }
}
