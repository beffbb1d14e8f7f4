//! Normalisation: turn what a user pasted into the value the provider expects.
//!
//! Each step borrows when it can, so a value that needs no change costs nothing.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

// One type for the spec language (`Normalize<String>`, read from YAML and described by
// the schema) and the generated validators (`Normalize<&'static str>` in static tables).
/// Normalisation steps; each turns a pasted value into the stored one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "Normalize")
)]
#[serde(rename_all = "snake_case")]
pub enum Normalize<S = &'static str> {
    /// Remove whitespace a paste adds around the value.
    Trim,
    /// Lower-case ASCII letters.
    Lowercase,
    /// `https://acme.example.com/x` or `acme.example.com` → `acme`, for the given parent domain.
    ExtractSubdomain(S),
    /// `https://acme.example.com/x` → `acme.example.com`.
    ExtractHost,
    /// The part of a pasted URL marked `{value}` in an `https://` URL template: one
    /// host label (`https://{value}.eu.example.com`) or one path segment
    /// (`https://dev.azure.com/{value}`). A bare value passes through.
    ExtractFromUrl(S),
}

impl<S: AsRef<str>> Normalize<S> {
    /// The step with its text borrowed, as the checking tables hold it.
    pub fn as_deref(&self) -> Normalize<&str> {
        match self {
            Normalize::Trim => Normalize::Trim,
            Normalize::Lowercase => Normalize::Lowercase,
            Normalize::ExtractSubdomain(d) => Normalize::ExtractSubdomain(d.as_ref()),
            Normalize::ExtractHost => Normalize::ExtractHost,
            Normalize::ExtractFromUrl(t) => Normalize::ExtractFromUrl(t.as_ref()),
        }
    }
}

/// Applies `steps` in order to `value`.
///
/// Nearly every field declares no step or only `trim`, which never copies: those are
/// handled inline, so the checking loop keeps the borrowed slice in registers instead of
/// receiving a `Cow` through memory from a call.
#[inline]
pub fn normalize<'v>(value: &'v str, steps: &[Normalize<&str>]) -> Cow<'v, str> {
    match steps {
        [] => Cow::Borrowed(value),
        [Normalize::Trim] => Cow::Borrowed(trim(value)),
        _ => normalize_steps(value, steps),
    }
}

/// [`normalize`] for any list of steps.
fn normalize_steps<'v>(value: &'v str, steps: &[Normalize<&str>]) -> Cow<'v, str> {
    let mut out = Cow::Borrowed(value);
    for step in steps {
        out = match (step, out) {
            (Normalize::Trim, Cow::Borrowed(s)) => Cow::Borrowed(trim(s)),
            (Normalize::Trim, Cow::Owned(s)) if trim(&s).len() == s.len() => Cow::Owned(s),
            (Normalize::Trim, Cow::Owned(s)) => {
                let t = s.trim().to_owned();
                replaced(s, t)
            }
            (Normalize::Lowercase, s) if !s.bytes().any(|b| b.is_ascii_uppercase()) => s,
            (Normalize::Lowercase, Cow::Owned(mut s)) => {
                // In place: no second copy of a possibly secret value.
                s.make_ascii_lowercase();
                Cow::Owned(s)
            }
            (Normalize::Lowercase, Cow::Borrowed(s)) => Cow::Owned(s.to_ascii_lowercase()),
            (Normalize::ExtractHost, s) => host_of(s),
            (Normalize::ExtractSubdomain(parent), s) => subdomain_of(s, parent),
            (Normalize::ExtractFromUrl(template), s) => from_url(s, template),
        };
    }
    out
}

/// `new` in place of the intermediate copy `old`, which is zeroed first: a value may
/// be a secret, and a freed buffer keeps its bytes.
fn replaced<'v>(mut old: String, new: String) -> Cow<'v, str> {
    zeroize::Zeroize::zeroize(&mut old);
    Cow::Owned(new)
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

/// The host of a pasted URL, as a URL parser sees it: `https://User@Acme.Example.com:8443/x`
/// → `acme.example.com`. A value without `://` is read as `https://` + value; a value
/// that does not parse, or has no host, is left as it is (its field's checks then
/// refuse it). The host is the `url` crate's (WHATWG) host: lower case, IPv4 in dotted
/// decimal, IPv6 in brackets; one trailing dot is dropped. Values with non-ASCII or
/// control characters are not parsed.
fn host_of(value: Cow<'_, str>) -> Cow<'_, str> {
    // The common case, a bare lower-case host name, is its own host: no parse.
    if !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        && !value.ends_with('.')
        && !value.starts_with('.')
        && !value.contains("..")
        && !is_numeric_label(value.rsplit('.').next().unwrap_or(""))
    {
        return value;
    }
    let parsed = parse_pasted(&value);
    match parsed.as_ref().and_then(url::Url::host_str) {
        Some(host) if !host.is_empty() => {
            let host = host.strip_suffix('.').unwrap_or(host);
            if host == value {
                value
            } else {
                match value {
                    Cow::Owned(old) => replaced(old, host.to_owned()),
                    Cow::Borrowed(_) => Cow::Owned(host.to_owned()),
                }
            }
        }
        _ => value,
    }
}

/// A pasted value read as a URL (`https://` in front when it has no scheme), `None`
/// when it does not parse. The URL parser drops tabs and line breaks anywhere; a value
/// holding one is not parsed, so the control-character check refuses it instead of it
/// being silently repaired. Non-ASCII text is not parsed either: IDNA mappings differ
/// between implementations (this crate's and a browser's), so a host is accepted only
/// as the ASCII (punycode) its owner sees.
fn parse_pasted(value: &str) -> Option<url::Url> {
    if value
        .bytes()
        .any(|b| b < 0x20 || b == 0x7f || !b.is_ascii())
    {
        return None;
    }
    if value.contains("://") {
        url::Url::parse(value).ok()
    } else {
        url::Url::parse(&format!("https://{value}")).ok()
    }
}

/// A last label the URL parser would read as a number (`0x7f`, `1`), which makes the
/// whole host an IPv4 address in another spelling.
fn is_numeric_label(label: &str) -> bool {
    !label.is_empty()
        && (label.bytes().all(|b| b.is_ascii_digit())
            || label
                .strip_prefix("0x")
                .is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit())))
}

/// The first label of the host when the host is `<label>.<parent>` (ASCII
/// case-insensitive); otherwise the value unchanged, so a bare subdomain passes through.
fn subdomain_of<'v>(value: Cow<'v, str>, parent: &str) -> Cow<'v, str> {
    enum Found {
        /// The host is the value itself; the label is its first `n` bytes.
        Prefix(usize),
        /// The host is a parsed copy; the label, copied.
        Copy(String),
        None,
    }
    let found = {
        let host = host_of(Cow::Borrowed(&*value));
        match label_before(&host, parent) {
            Some(sub) if matches!(host, Cow::Borrowed(_)) => Found::Prefix(sub.len()),
            Some(sub) => Found::Copy(sub.to_owned()),
            None => Found::None,
        }
    };
    match (found, value) {
        (Found::Prefix(n), Cow::Borrowed(v)) => Cow::Borrowed(&v[..n]),
        (Found::Prefix(n), Cow::Owned(mut v)) => {
            v.truncate(n);
            Cow::Owned(v)
        }
        (Found::Copy(sub), Cow::Owned(old)) => replaced(old, sub),
        (Found::Copy(sub), Cow::Borrowed(_)) => Cow::Owned(sub),
        (Found::None, value) => value,
    }
}

/// The `{value}` part of `value` read as a URL shaped like `template` (an `https://`
/// template whose `{value}` is one whole host label or one whole path segment; the spec
/// checker proves the shape). Host labels compare ASCII case-insensitively, the URL's
/// path may go on after the template's, and its query and fragment are ignored. A path
/// segment is percent-decoded once: the value is the segment's text, which a request
/// template encodes again exactly once.
fn from_url<'v>(value: Cow<'v, str>, template: &str) -> Cow<'v, str> {
    let found = url_part(&value, template);
    match (found, value) {
        (Some(part), Cow::Owned(old)) => replaced(old, part),
        (Some(part), Cow::Borrowed(v)) if part == v => Cow::Borrowed(v),
        (Some(part), Cow::Borrowed(_)) => Cow::Owned(part),
        (None, value) => value,
    }
}

/// The `{value}` part of `value` (see [`from_url`]), `None` when `value` is not a URL
/// of the template's shape.
fn url_part(value: &str, template: &str) -> Option<String> {
    // A bare value (no scheme, no dot, no slash) is the part itself: nothing to read.
    if !value.contains(['/', '.']) {
        return None;
    }
    let parsed = parse_pasted(value)?;
    let t = template.strip_prefix("https://")?;
    let (t_host, t_path) = t.split_once('/').unwrap_or((t, ""));
    let host = parsed.host_str()?;
    let host = host.strip_suffix('.').unwrap_or(host);
    let mut out: Option<Cow<'_, str>> = None;
    if host.split('.').count() != t_host.split('.').count() {
        return None;
    }
    for (l, t) in host.split('.').zip(t_host.split('.')) {
        if t == "{value}" {
            out = Some(Cow::Borrowed(l));
        } else if !l.eq_ignore_ascii_case(t) {
            return None;
        }
    }
    if !t_path.is_empty() {
        let mut segs = parsed.path_segments()?;
        for t in t_path.split('/').filter(|s| !s.is_empty()) {
            let seg = segs.next().filter(|s| !s.is_empty())?;
            if t == "{value}" {
                // Not UTF-8 once decoded: not a segment this template names.
                out = Some(
                    percent_encoding::percent_decode_str(seg)
                        .decode_utf8()
                        .ok()?,
                );
            } else if seg != t {
                return None;
            }
        }
    }
    out.map(Cow::into_owned)
}

/// `acme` when `host` is `acme.<parent>` with a single label in front.
fn label_before<'h>(host: &'h str, parent: &str) -> Option<&'h str> {
    let (h, p) = (host.as_bytes(), parent.as_bytes());
    if h.len() > p.len() + 1
        && h[h.len() - p.len() - 1] == b'.'
        && h[h.len() - p.len()..].eq_ignore_ascii_case(p)
    {
        let sub = &host[..host.len() - p.len() - 1];
        (!sub.contains('.')).then_some(sub)
    } else {
        None
    }
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
        assert!(matches!(
            normalize("acme.zendesk.com", &[Normalize::ExtractHost]),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn parts_of_urls() {
        let org = [
            Normalize::Trim,
            Normalize::ExtractFromUrl("https://dev.azure.com/{value}"),
        ];
        assert_eq!(normalize("https://dev.azure.com/contoso/", &org), "contoso");
        assert_eq!(
            normalize(" dev.azure.com/contoso/project/_git ", &org),
            "contoso"
        );
        assert_eq!(normalize("contoso", &org), "contoso");
        // A pasted segment is decoded once, so a request encodes it exactly once.
        assert_eq!(normalize("https://dev.azure.com/my%2Dorg/", &org), "my-org");
        assert_eq!(normalize("dev.azure.com/caf%C3%A9", &org), "café");
        assert_eq!(normalize("dev.azure.com/a%2Fb", &org), "a/b");
        assert_eq!(normalize("dev.azure.com/50%zz", &org), "50%zz");
        assert_eq!(
            normalize("dev.azure.com/x%FF", &org),
            "dev.azure.com/x%FF",
            "not UTF-8 once decoded: left for the checks to refuse"
        );
        assert_eq!(
            normalize("https://evil.example/contoso", &org),
            "https://evil.example/contoso"
        );
        assert_eq!(
            normalize("https://dev.azure.com/", &org),
            "https://dev.azure.com/"
        );
        let mid = [Normalize::ExtractFromUrl("https://{value}.eu.example.com")];
        assert_eq!(normalize("https://Acme.EU.example.com/app", &mid), "acme");
        assert_eq!(
            normalize("https://acme.us.example.com/app", &mid),
            "https://acme.us.example.com/app"
        );
        assert_eq!(
            normalize("https://a.b.eu.example.com", &mid),
            "https://a.b.eu.example.com"
        );
        assert_eq!(
            normalize("https://acme.eu.example.com@evil.example/", &mid),
            "https://acme.eu.example.com@evil.example/"
        );
    }

    #[test]
    fn hosts_are_parsed_not_sliced() {
        let host = [Normalize::ExtractHost];
        let cases = [
            ("https://user:pw@127.0.0.1/", "127.0.0.1"),
            (
                "https://evil.example:443@acme-store.myshopify.com/",
                "acme-store.myshopify.com",
            ),
            ("0x7f.1", "127.0.0.1"),
            ("2130706433", "127.0.0.1"),
            ("https://[::1]:8080/x", "[::1]"),
            ("ACME.Zendesk.com.", "acme.zendesk.com"),
            ("https://bücher.example/", "https://bücher.example/"),
            ("https://xn--bcher-kva.example/", "xn--bcher-kva.example"),
            ("acme.example.com:99999", "acme.example.com:99999"),
            ("acme team.example.com", "acme team.example.com"),
            // Left for the control-character check, not repaired by the parser.
            ("acme.atla\tssian.net", "acme.atla\tssian.net"),
            ("https://acme.zendesk.com/\n", "https://acme.zendesk.com/\n"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input, &host), want, "{input}");
        }
        let sub = [Normalize::ExtractSubdomain("zendesk.com")];
        assert_eq!(
            normalize("https://x@acme.zendesk.com:443/agent", &sub),
            "acme"
        );
        assert_eq!(
            normalize("https://acme.zendesk.com@evil.example/", &sub),
            "https://acme.zendesk.com@evil.example/"
        );
    }
}
