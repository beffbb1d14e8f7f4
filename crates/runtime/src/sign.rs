//! HMAC request signing and computed values (`send.sign`, `send.computed`).
//!
//! A signed method's headers and basic auth may name the signature and the time stamp,
//! which exist only once the request's method, host, path and query are fixed: the
//! service builds the URL, then calls [`crate::RequestAuth::sign`]. The signed message
//! is the spec's list of parts joined by `\n`; the key is rendered from the spec's
//! template over the (secret) fields. Every value made here is kept in a
//! [`SecretString`], wiped on drop.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};

use crate::template::{Template, render_template};

/// HMAC hash functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HmacAlgorithm {
    /// HMAC-SHA-1.
    Sha1,
    /// HMAC-SHA-256.
    Sha256,
    /// HMAC-SHA-512.
    Sha512,
}

/// How a signature is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureEncoding {
    /// Lower-case hexadecimal.
    Hex,
    /// Standard base64 with padding.
    Base64,
}

/// Time stamp formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// `Tue, 21 Aug 2012 17:29:18 +0000`.
    Rfc2822,
    /// `2012-08-21T17:29:18Z`.
    Rfc3339,
    /// `1345570158`.
    UnixSeconds,
}

/// One line of the signed message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessagePart {
    /// The time stamp as sent.
    Timestamp,
    /// The method, upper case.
    Method,
    /// The host, lower case, without port.
    Host,
    /// The path as sent.
    Path,
    /// The query string exactly as sent.
    Query,
    /// The sorted, percent-encoded query ([`canonical_query`]).
    SortedQuery,
}

/// `send.sign`.
#[derive(Debug)]
pub struct SignMeta {
    /// The signature's name in templates.
    pub key: &'static str,
    /// The hash function.
    pub algorithm: HmacAlgorithm,
    /// The HMAC key template.
    pub secret: Template<'static>,
    /// The signature's encoding.
    pub encoding: SignatureEncoding,
    /// The signed message's parts, joined by newlines.
    pub message: &'static [MessagePart],
    /// The time stamp's name in templates and its format.
    pub timestamp: Option<(&'static str, TimestampFormat)>,
}

/// What a computed value is.
#[derive(Debug)]
pub enum ComputedKind {
    /// Standard base64 of the rendered template.
    Base64(Template<'static>),
    /// A fixed text.
    Constant(&'static str),
}

/// One of `send.computed`.
#[derive(Debug)]
pub struct ComputedMeta {
    /// Its name in templates.
    pub key: &'static str,
    /// How it is made.
    pub kind: ComputedKind,
    /// Made from the signature or the time stamp, so known only per request.
    pub per_request: bool,
    /// Made from a secret (or the signature): kept and treated as a secret.
    pub secret: bool,
}

/// The parts of a request that a signature covers.
#[derive(Debug, Clone, Copy)]
pub struct RequestTarget<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// Host name.
    pub host: &'a str,
    /// Path as sent (percent-encoded).
    pub path: &'a str,
    /// The query string as sent (after `?`, percent-encoded; empty without one). Both
    /// query forms are made from it, so what is signed is what goes on the wire.
    pub query: &'a str,
}

impl ComputedMeta {
    /// Renders the value over `lookup`; `None` when a named value is absent.
    pub fn render<'v>(&self, lookup: &dyn Fn(&str) -> Option<&'v str>) -> Option<SecretString> {
        match &self.kind {
            ComputedKind::Constant(c) => Some(SecretString::from(*c)),
            ComputedKind::Base64(t) => {
                let plain = SecretString::from(render_template(t, lookup)?);
                Some(SecretString::from(
                    base64::engine::general_purpose::STANDARD.encode(plain.expose_secret()),
                ))
            }
        }
    }

    /// The keys its template names.
    pub fn vars(&self) -> Vec<&'static str> {
        match &self.kind {
            ComputedKind::Constant(_) => Vec::new(),
            ComputedKind::Base64(t) => template_vars(t),
        }
    }
}

/// The keys `t` names.
pub fn template_vars(t: &Template<'static>) -> Vec<&'static str> {
    t.vars()
}

impl SignMeta {
    /// The time stamp for `unix_seconds`, if the method sends one.
    pub fn timestamp(&self, unix_seconds: i64) -> Option<(&'static str, String)> {
        self.timestamp
            .map(|(k, f)| (k, format_timestamp(unix_seconds, f)))
    }

    /// The message to sign for `target` with the time stamp `ts`.
    pub fn message(&self, target: &RequestTarget<'_>, ts: Option<&str>) -> String {
        let lines: Vec<String> = self
            .message
            .iter()
            .map(|part| match part {
                MessagePart::Timestamp => ts.unwrap_or_default().to_owned(),
                MessagePart::Method => target.method.to_ascii_uppercase(),
                MessagePart::Host => target.host.to_ascii_lowercase(),
                MessagePart::Path => target.path.to_owned(),
                MessagePart::Query => target.query.to_owned(),
                MessagePart::SortedQuery => canonical_query(target.query),
            })
            .collect();
        lines.join("\n")
    }

    /// The signature of `message` with `key`, encoded.
    pub fn signature(&self, key: &[u8], message: &[u8]) -> SecretString {
        let mac = hmac_bytes(self.algorithm, key, message);
        SecretString::from(match self.encoding {
            SignatureEncoding::Hex => hex(&mac),
            SignatureEncoding::Base64 => base64::engine::general_purpose::STANDARD.encode(&mac),
        })
    }
}

/// HMAC of `message` with `key`.
pub fn hmac_bytes(alg: HmacAlgorithm, key: &[u8], message: &[u8]) -> Vec<u8> {
    macro_rules! mac {
        ($h:ty) => {{
            let mut m = <Hmac<$h>>::new_from_slice(key).expect("HMAC takes keys of any length");
            m.update(message);
            m.finalize().into_bytes().to_vec()
        }};
    }
    match alg {
        HmacAlgorithm::Sha1 => mac!(sha1::Sha1),
        HmacAlgorithm::Sha256 => mac!(sha2::Sha256),
        HmacAlgorithm::Sha512 => mac!(sha2::Sha512),
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// Unreserved characters of RFC 3986 are kept; everything else is `%XX` (upper case).
const QUERY: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The query string `query` (as sent, form-encoded) decoded into its parameters, then
/// sorted by name (then value), each part percent-encoded, joined by `&`.
pub fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| {
            (
                percent_encoding::utf8_percent_encode(&k, QUERY).to_string(),
                percent_encoding::utf8_percent_encode(&v, QUERY).to_string(),
            )
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// Formats a UTC time given in seconds since 1970.
pub fn format_timestamp(unix_seconds: i64, format: TimestampFormat) -> String {
    if format == TimestampFormat::UnixSeconds {
        return unix_seconds.to_string();
    }
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    let (h, mi, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let (y, mo, d) = civil_from_days(days);
    match format {
        TimestampFormat::Rfc3339 => format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"),
        _ => {
            const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            let wd = WEEKDAYS[days.rem_euclid(7) as usize];
            let mon = MONTHS[(mo - 1) as usize];
            format!("{wd}, {d:02} {mon} {y:04} {h:02}:{mi:02}:{s:02} +0000")
        }
    }
}

/// (year, month, day) → days since 1970-01-01, proleptic Gregorian (H. Hinnant's
/// algorithm; the inverse of `civil_from_days`).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        // Duo's documented example date.
        assert_eq!(
            format_timestamp(1_345_570_158, TimestampFormat::Rfc2822),
            "Tue, 21 Aug 2012 17:29:18 +0000"
        );
        assert_eq!(
            format_timestamp(1_345_570_158, TimestampFormat::Rfc3339),
            "2012-08-21T17:29:18Z"
        );
        assert_eq!(
            format_timestamp(0, TimestampFormat::Rfc2822),
            "Thu, 01 Jan 1970 00:00:00 +0000"
        );
        assert_eq!(
            format_timestamp(951_782_400, TimestampFormat::Rfc3339),
            "2000-02-29T00:00:00Z"
        );
        assert_eq!(format_timestamp(7, TimestampFormat::UnixSeconds), "7");
    }

    #[test]
    fn known_hmac_vectors() {
        // RFC 4231 test case 2 and RFC 2202 test case 2.
        let key = b"Jefe";
        let msg = b"what do ya want for nothing?";
        assert_eq!(
            hex(&hmac_bytes(HmacAlgorithm::Sha256, key, msg)),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(
            hex(&hmac_bytes(HmacAlgorithm::Sha1, key, msg)),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
        assert!(hex(&hmac_bytes(HmacAlgorithm::Sha512, key, msg)).starts_with("164b7a7bfcf819e2"));
    }

    #[test]
    fn query_is_sorted_and_encoded() {
        assert_eq!(
            canonical_query("username=root&realname=First+Last&a%7Eb=x%40y"),
            "a~b=x%40y&realname=First%20Last&username=root"
        );
        assert_eq!(canonical_query(""), "");
    }

    fn sign_meta(message: &'static [MessagePart]) -> SignMeta {
        SignMeta {
            key: "signature",
            algorithm: HmacAlgorithm::Sha256,
            secret: Template { segments: &[] },
            encoding: SignatureEncoding::Hex,
            message,
            timestamp: None,
        }
    }

    /// Each query form against a signature computed outside this code, with
    /// `printf 'GET\n<query>' | openssl dgst -sha256 -hmac key`.
    #[test]
    fn each_query_form_signs_its_bytes() {
        let target = RequestTarget {
            method: "get",
            host: "API.example.com",
            path: "/v1/items",
            query: "z=1&a=two+words&m=%7E",
        };
        let as_sent = sign_meta(&[MessagePart::Method, MessagePart::Query]);
        let message = as_sent.message(&target, None);
        assert_eq!(message, "GET\nz=1&a=two+words&m=%7E");
        assert_eq!(
            as_sent
                .signature(b"key", message.as_bytes())
                .expose_secret(),
            "91cbe17f674136d774ae63ddb4b004e2884ac5b3bf3432c6c37a08a595d521e6"
        );
        let sorted = sign_meta(&[MessagePart::Method, MessagePart::SortedQuery]);
        let message = sorted.message(&target, None);
        assert_eq!(message, "GET\na=two%20words&m=~&z=1");
        assert_eq!(
            sorted.signature(b"key", message.as_bytes()).expose_secret(),
            "401aec93281aba3ec3fd84b10868a44332fe3ffbe075b6f7a172fb6721b2a305"
        );
    }
}
