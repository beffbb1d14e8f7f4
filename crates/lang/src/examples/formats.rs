//! Vectors for the built-in formats: canonical values, values of a given length, and
//! near misses, each written for how `connectspec_runtime::Format::check` judges the
//! format (`crates/runtime/src/format.rs`). The loader still runs every one through
//! the field's checker and refuses the spec when a verdict differs.

use connectspec_runtime::Format;

/// The format's name in a reason: "not an email address: …".
pub(crate) fn name(f: Format) -> &'static str {
    match f {
        Format::Email => "an email address",
        Format::Url => "an http or https URL",
        Format::HttpsUrl => "an https URL",
        Format::Hostname => "a host name",
        Format::Uuid => "a UUID",
        Format::Integer => "a whole number",
    }
}

/// Values in the format, the plainest first.
pub(crate) fn canonical(f: Format) -> &'static [&'static str] {
    match f {
        Format::Email => &["ada@example.com", "ops.team+alerts@acme.example.co.uk"],
        Format::Url => &[
            "https://example.com/path",
            "http://example.com:8080/a/b?c=d",
        ],
        Format::HttpsUrl => &[
            "https://example.com/path",
            "https://acme.example.com",
            "https://example.com:8443/a/b?c=d",
        ],
        Format::Hostname => &["api.example.com", "acme-corp.example.net"],
        Format::Uuid => &[
            "123e4567-e89b-12d3-a456-426614174000",
            "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
            "F47AC10B-58CC-4372-A567-0E02B2C3D479",
        ],
        Format::Integer => &["42", "1234567890"],
    }
}

/// Values just outside the format, each with why.
pub(crate) fn near_misses(f: Format) -> &'static [(&'static str, &'static str)] {
    match f {
        Format::Email => &[
            ("ada@", "nothing after the `@`"),
            ("ada.example.com", "no `@`"),
            ("ada@localhost", "a domain without a dot"),
            ("ada lovelace@example.com", "a space before the `@`"),
        ],
        Format::Url => &[
            ("ftp://example.com/file", "neither http nor https"),
            ("example.com/path", "no `https://`"),
            ("https://exa mple.com", "a space in the host"),
            ("https://user:pw@example.com/", "a user name and password"),
        ],
        Format::HttpsUrl => &[
            ("http://example.com", "http, not https"),
            ("example.com/path", "no `https://`"),
            ("https://exa mple.com", "a space in the host"),
            ("https://127.0.0.1/", "an IP address, not a host name"),
        ],
        Format::Hostname => &[
            ("exa mple.com", "a space"),
            ("-api.example.com", "a label that starts with a hyphen"),
            ("api..example.com", "an empty label"),
            ("api_eu.example.com", "an underscore"),
        ],
        Format::Uuid => &[
            ("123e4567e89b12d3a456426614174000", "no hyphens"),
            ("123e4567-e89b-12d3-a456-42661417400", "one digit short"),
            (
                "123e4567-e89b-12d3-a456-42661417400g",
                "`g` is not a hexadecimal digit",
            ),
        ],
        Format::Integer => &[
            ("12a4", "a letter"),
            ("-42", "a sign"),
            ("4.2", "a decimal point"),
        ],
    }
}

/// A value in the format with exactly `len` characters, when the format has one.
pub(crate) fn sized(f: Format, len: usize) -> Option<String> {
    match f {
        Format::Integer => (len >= 1).then(|| cycle("1234567890", len)),
        Format::Uuid => (len == 36).then(|| canonical(f)[0].to_owned()),
        Format::Hostname => host(len),
        Format::Email => {
            // local@domain: the local part at most 64 characters, the domain a host
            // name of two labels or more.
            if len < 7 {
                return None;
            }
            let local = len.saturating_sub(13).clamp(1, 64);
            let domain = host(len - local - 1)?;
            Some(format!("{}@{domain}", cycle("adalovelace", local)))
        }
        Format::Url | Format::HttpsUrl => {
            const BASE: &str = "https://example.com";
            if len > BASE.len() {
                let mut path = cycle("pathtoresource/", len - BASE.len() - 1);
                if path.ends_with('/') {
                    path.pop();
                    path.push('x');
                }
                Some(format!("{BASE}/{path}"))
            } else {
                Some(format!("https://{}", host(len.checked_sub(8)?)?))
            }
        }
    }
}

/// `len` characters of `text`, repeated.
fn cycle(text: &str, len: usize) -> String {
    text.chars().cycle().take(len).collect()
}

/// A host name of `len` characters: letters, a dot before the last four when there is
/// room (`…….com`), and a dot every 61 characters so no label passes 63.
fn host(len: usize) -> Option<String> {
    if len == 0 || len > 253 {
        return None;
    }
    if len < 5 {
        return Some(cycle("example", len));
    }
    let body = len - 4;
    let mut s: String = (0..body)
        .map(|i| {
            if (i + 1) % 61 == 0 && i + 1 < body {
                '.'
            } else {
                (b'a' + (i % 26) as u8) as char
            }
        })
        .collect();
    s.push_str(".com");
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Format; 6] = [
        Format::Email,
        Format::Url,
        Format::HttpsUrl,
        Format::Hostname,
        Format::Uuid,
        Format::Integer,
    ];

    /// The vectors agree with the runtime's checks (the loader checks each again).
    #[test]
    fn canonical_values_pass_and_near_misses_fail_the_runtime_check() {
        for f in ALL {
            for v in canonical(f) {
                assert!(f.check(v), "{f:?} rejects {v}");
            }
            for (v, why) in near_misses(f) {
                assert!(!f.check(v), "{f:?} accepts {v} ({why})");
            }
        }
    }

    #[test]
    fn sized_values_have_their_length_and_pass() {
        for f in ALL {
            for len in 1..=330 {
                if let Some(v) = sized(f, len) {
                    assert_eq!(v.chars().count(), len, "{f:?} {v}");
                    assert!(f.check(&v), "{f:?} rejects {v}");
                }
            }
        }
        for (f, len) in [
            (Format::Email, 7),
            (Format::Email, 318),
            (Format::Hostname, 253),
            (Format::HttpsUrl, 12),
            (Format::Integer, 12),
        ] {
            assert!(sized(f, len).is_some(), "{f:?} {len}");
        }
    }
}
