//! Built-in formats, checked without allocation or regexes.
//!
//! The checks are deliberately conservative about what they reject: a form that
//! refuses a real address is worse than one that lets an odd one through to the
//! provider, which has the last word anyway.

use serde::{Deserialize, Serialize};

use crate::matcher::ByteClass;

// One type for the spec language's `format` (the loader reads it, the schema describes
// it) and for the checks the generated validators run.
/// Built-in formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// `local@domain.tld`.
    Email,
    /// An absolute `http` or `https` URL.
    Url,
    /// An absolute `https` URL.
    HttpsUrl,
    /// A DNS host name (letters, digits, hyphens, dots).
    Hostname,
    /// A UUID in its hyphenated form.
    Uuid,
    /// Decimal digits only.
    Integer,
}

impl Format {
    /// The format's name in specs and errors (`https_url`), as serialised: the
    /// `$format` of the message `validator-format`, which words each format.
    pub const fn name(self) -> &'static str {
        match self {
            Format::Email => "email",
            Format::Url => "url",
            Format::HttpsUrl => "https_url",
            Format::Hostname => "hostname",
            Format::Uuid => "uuid",
            Format::Integer => "integer",
        }
    }

    /// The JSON Schema `format` keyword for this format, when one exists.
    pub fn json_schema_format(self) -> Option<&'static str> {
        match self {
            Format::Email => Some("email"),
            Format::Url | Format::HttpsUrl => Some("uri"),
            Format::Hostname => Some("hostname"),
            Format::Uuid => Some("uuid"),
            Format::Integer => None,
        }
    }

    /// Whether every value in this format is printable ASCII (bytes `0x20..=0x7e`), so a
    /// passing check also settles the control-character and character-count checks.
    /// True of every built-in format (the test `formats_admit_printable_ascii_only`
    /// holds each to it); a format for free text would say `false` here.
    pub const fn only_printable_ascii(self) -> bool {
        match self {
            Format::Email
            | Format::Url
            | Format::HttpsUrl
            | Format::Hostname
            | Format::Uuid
            | Format::Integer => true,
        }
    }

    /// Whether `value` is in this format.
    pub fn check(self, value: &str) -> bool {
        match self {
            Format::Email => is_email(value),
            Format::Url => is_url(value, false),
            Format::HttpsUrl => is_url(value, true),
            Format::Hostname => is_hostname(value),
            Format::Uuid => is_uuid(value),
            Format::Integer => !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()),
        }
    }
}

/// A DNS host name: dot-separated labels of 1–63 letters, digits or hyphens, not
/// starting or ending with a hyphen, 253 bytes at most.
pub(crate) fn is_hostname(value: &str) -> bool {
    hostname_labels(value.as_bytes()).is_some()
}

/// Bytes a host name may hold: letters, digits, `-` and `.`.
static HOST_BYTES: ByteClass = ByteClass::EMPTY
    .with_range(b'-', b'.')
    .with_range(b'0', b'9')
    .with_range(b'A', b'Z')
    .with_range(b'a', b'z');

/// Bytes the local part of an email address may hold: printable ASCII except `<`, `>`, `@`.
static LOCAL_BYTES: ByteClass = ByteClass::EMPTY
    .with_range(b'!', b';')
    .with_range(b'=', b'=')
    .with_range(b'?', b'?')
    .with_range(b'A', b'~');

/// The number of labels of a host name, or `None` when it is not one. The alphabet is
/// checked in one vectorisable pass; then only the label boundaries are looked at.
/// This runs on every validation of an email or URL field.
fn hostname_labels(b: &[u8]) -> Option<usize> {
    if b.is_empty() || b.len() > 253 || !HOST_BYTES.all(b) {
        return None;
    }
    let mut labels = 0;
    for label in b.split(|&c| c == b'.') {
        let (first, last) = (label.first()?, label.last()?);
        if label.len() > 63 || *first == b'-' || *last == b'-' {
            return None;
        }
        labels += 1;
    }
    Some(labels)
}

/// `local@domain` where local is printable ASCII without spaces or `@`, and domain is a
/// host name with at least one dot.
fn is_email(value: &str) -> bool {
    let b = value.as_bytes();
    // `@` is not a local-part byte, so the run of local-part bytes ends at the first
    // `@` exactly when the local part is valid: one pass finds and checks it.
    let at = LOCAL_BYTES.run_len(b);
    if b.get(at) != Some(&b'@') {
        return false;
    }
    let (local, domain) = (&b[..at], &b[at + 1..]);
    !local.is_empty()
        && local.len() <= 64
        && local[0] != b'.'
        && local[local.len() - 1] != b'.'
        && hostname_labels(domain).is_some_and(|n| n >= 2)
}

/// `scheme://host[:port][/path...]` as the `url` crate parses it: an `http(s)://`
/// prefix as written, ASCII only, no spaces or control characters, no user info, a port of at
/// most 65535, and a host that is a DNS name (not an IP address).
fn is_url(value: &str, https_only: bool) -> bool {
    let scheme_ok = value.starts_with("https://") || (!https_only && value.starts_with("http://"));
    if !scheme_ok
        || value
            .bytes()
            .any(|b| b.is_ascii_whitespace() || b.is_ascii_control() || b == b'\\' || !b.is_ascii())
    {
        return false;
    }
    let Ok(url) = url::Url::parse(value) else {
        return false;
    };
    url.username().is_empty()
        && url.password().is_none()
        && matches!(url.host(), Some(url::Host::Domain(d)) if is_hostname(d))
}

/// 8-4-4-4-12 hexadecimal digits.
fn is_uuid(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `only_printable_ascii` promises: a valid value with any one character
    /// replaced by a control character, DEL or a non-ASCII character is rejected.
    #[test]
    fn formats_admit_printable_ascii_only() {
        let valid = [
            (Format::Email, "ops.team+x@acme.co.uk"),
            (Format::Url, "http://example.com:8080/a/b?c=d"),
            (Format::HttpsUrl, "https://acme.example.com/x"),
            (Format::Hostname, "acme.atlassian.net"),
            (Format::Uuid, "123e4567-e89b-12d3-a456-426614174000"),
            (Format::Integer, "0123456789"),
        ];
        for (format, good) in valid {
            assert!(format.check(good), "{format:?}: {good}");
            if !format.only_printable_ascii() {
                continue;
            }
            let bad_chars = (0u8..0x20)
                .map(char::from)
                .chain(['\u{7f}', 'é', '\u{a0}', '€']);
            for bad in bad_chars {
                for i in 0..=good.len() {
                    let mut s = good.to_string();
                    s.insert(i, bad);
                    assert!(!format.check(&s), "{format:?} accepted {s:?}");
                    let mut s = good.to_string();
                    if i < good.len() {
                        s.replace_range(i..=i, &bad.to_string());
                        assert!(!format.check(&s), "{format:?} accepted {s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn names_are_the_serialised_names() {
        for f in [
            Format::Email,
            Format::Url,
            Format::HttpsUrl,
            Format::Hostname,
            Format::Uuid,
            Format::Integer,
        ] {
            assert_eq!(serde_json::to_value(f).unwrap(), f.name());
        }
    }

    #[test]
    fn formats() {
        assert!(Format::Email.check("ada@example.com"));
        assert!(!Format::Email.check("ada@localhost"));
        assert!(!Format::Email.check("ada example.com"));
        assert!(Format::Url.check("http://example.com:8080/x?y"));
        assert!(!Format::HttpsUrl.check("http://example.com"));
        assert!(!Format::Url.check("https://exa mple.com"));
        for bad in [
            "https://user:pw@example.com/",
            "https://evil.example:443@acme.example.com/",
            "https://example.com:99999/",
            "https://127.0.0.1/",
            "https://[::1]/",
            "https://0x7f.1/",
            "https:/\\example.com",
            "https:example.com",
        ] {
            assert!(!Format::Url.check(bad), "{bad:?}");
        }
        assert!(Format::HttpsUrl.check("https://Acme.example.com:65535/x"));
        assert!(Format::Hostname.check("acme.atlassian.net"));
        assert!(!Format::Hostname.check("-acme.net"));
        for bad in [
            "",
            "acme.",
            ".acme",
            "a..b",
            "acme-.net",
            "ac me.net",
            "a_b.net",
        ] {
            assert!(!Format::Hostname.check(bad), "{bad:?}");
        }
        assert!(Format::Hostname.check(&format!("{}.net", "a".repeat(63))));
        assert!(!Format::Hostname.check(&format!("{}.net", "a".repeat(64))));
        assert!(Format::Email.check("ops.team+x@acme.co.uk"));
        for bad in [
            "@acme.net",
            ".a@acme.net",
            "a.@acme.net",
            "a@b@acme.net",
            "a@acme",
            "a<b@x.net",
        ] {
            assert!(!Format::Email.check(bad), "{bad:?}");
        }
        assert!(Format::Uuid.check("123e4567-e89b-12d3-a456-426614174000"));
        assert!(!Format::Uuid.check("123e4567e89b12d3a456426614174000"));
        assert!(Format::Integer.check("0123"));
        assert!(!Format::Integer.check(""));
    }
}
