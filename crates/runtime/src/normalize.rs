//! Normalisation: turn what a user pasted into the value the provider expects.
//!
//! Each step borrows when it can, so a value that needs no change costs nothing.

use std::borrow::Cow;

/// One normalisation step (mirrors the spec language's `normalize`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Normalize<'a> {
    /// Remove surrounding whitespace.
    Trim,
    /// Lower-case ASCII letters.
    Lowercase,
    /// `https://acme.example.com/x` or `acme.example.com` → `acme` for parent domain `example.com`.
    ExtractSubdomain(&'a str),
    /// `https://acme.example.com/x` → `acme.example.com`.
    ExtractHost,
}

/// Applies `steps` in order to `value`.
pub fn normalize<'v>(value: &'v str, steps: &[Normalize<'_>]) -> Cow<'v, str> {
    let mut out = Cow::Borrowed(value);
    for step in steps {
        out = match (step, out) {
            (Normalize::Trim, Cow::Borrowed(s)) => Cow::Borrowed(trim(s)),
            (Normalize::Trim, Cow::Owned(s)) => Cow::Owned(s.trim().to_owned()),
            (Normalize::Lowercase, s) if !s.bytes().any(|b| b.is_ascii_uppercase()) => s,
            (Normalize::Lowercase, s) => Cow::Owned(s.to_ascii_lowercase()),
            (Normalize::ExtractHost, Cow::Borrowed(s)) => Cow::Borrowed(host_of(s)),
            (Normalize::ExtractHost, Cow::Owned(s)) => Cow::Owned(host_of(&s).to_owned()),
            (Normalize::ExtractSubdomain(parent), Cow::Borrowed(s)) => {
                Cow::Borrowed(subdomain_of(s, parent))
            }
            (Normalize::ExtractSubdomain(parent), Cow::Owned(s)) => {
                Cow::Owned(subdomain_of(&s, parent).to_owned())
            }
        };
    }
    out
}

/// `str::trim`, with a shortcut for the usual case of a value that starts and ends
/// with a visible ASCII character (no character decoding at either end).
#[inline]
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// The host of a pasted URL; a value without a scheme is taken as `host[/path]`.
fn host_of(value: &str) -> &str {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .unwrap_or(value);
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    let host = &rest[..end];
    host.strip_suffix('.').unwrap_or(host)
}

/// The first label of the host when the host is `<label>.<parent>` (ASCII
/// case-insensitive); otherwise the value unchanged, so a bare subdomain passes through.
fn subdomain_of<'v>(value: &'v str, parent: &str) -> &'v str {
    let host = host_of(value);
    let (h, p) = (host.as_bytes(), parent.as_bytes());
    if h.len() > p.len() + 1
        && h[h.len() - p.len() - 1] == b'.'
        && h[h.len() - p.len()..].eq_ignore_ascii_case(p)
    {
        let sub = &host[..host.len() - p.len() - 1];
        if !sub.contains('.') {
            return sub;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps() {
        let sub = [Normalize::Trim, Normalize::ExtractSubdomain("bamboohr.com")];
        assert_eq!(normalize(" https://acme.bamboohr.com/home ", &sub), "acme");
        assert_eq!(normalize("acme.BambooHR.com", &sub), "acme");
        assert_eq!(normalize("acme", &sub), "acme");
        assert_eq!(normalize("a.b.bamboohr.com", &sub), "a.b.bamboohr.com");
        let host = [Normalize::ExtractHost, Normalize::Lowercase];
        assert_eq!(
            normalize("https://Shop.myshopify.com/admin", &host),
            "shop.myshopify.com"
        );
        assert!(matches!(
            normalize("abc", &[Normalize::Trim]),
            Cow::Borrowed(_)
        ));
    }
}
