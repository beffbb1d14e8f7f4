//! What a connection test learns from its answer besides success: the scopes the
//! credential really holds and when it expires, read from a response header or the
//! JSON answer as the spec's `connection_test.learns` says.
//!
//! Every reader is strict: a value that is not what the spec says gives nothing, never
//! a guess.

use crate::sign::days_from_civil;

/// Where a learned value is in the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LearnFrom {
    /// A response header (its name, matched without regard to case by the caller).
    Header(&'static str),
    /// An RFC 6901 pointer into the JSON answer.
    Pointer(&'static str),
}

impl LearnFrom {
    /// The pointer, when the value is in the body.
    pub fn pointer(self) -> Option<&'static str> {
        match self {
            LearnFrom::Pointer(p) => Some(p),
            LearnFrom::Header(_) => None,
        }
    }
}

/// How an expiry is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpiryFormat {
    /// RFC 3339 (`2021-10-07T19:07:53Z`, `2021-10-07T21:07:53+02:00`, fractions allowed).
    Rfc3339,
    /// A calendar date (`2021-10-07`): the end of that day, UTC.
    Date,
    /// Seconds since 1970 (`1633633673`), a JSON number or a string of digits.
    UnixSeconds,
    /// `2021-10-07 19:07:53 UTC`.
    DatetimeUtc,
}

/// The spec's `connection_test.learns`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LearnsMeta {
    /// Where the granted scopes are.
    pub scopes: Option<LearnFrom>,
    /// What separates scopes in a string.
    pub scope_separator: &'static str,
    /// Where the expiry is, and its format.
    pub expires_at: Option<(LearnFrom, ExpiryFormat)>,
    /// Instead: the choice field in which the end user gave the lifetime they chose,
    /// and the seconds one unit of its option values lasts.
    pub lifetime: Option<(&'static str, u64)>,
}

impl LearnsMeta {
    /// The lifetime the end user chose, in seconds, from the value of the lifetime
    /// field (`None`: no such field, `never`, `custom`, or not a number).
    pub fn lifetime_seconds<'v>(&self, lookup: &dyn Fn(&str) -> Option<&'v str>) -> Option<u64> {
        let (key, unit) = self.lifetime?;
        let n: u64 = lookup(key)?.parse().ok()?;
        n.checked_mul(unit)
    }
}

/// What the answer said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Learned {
    /// The scopes the credential holds, in the answer's order, without duplicates.
    pub scopes: Option<Vec<String>>,
    /// When the credential expires, in seconds since 1970 UTC.
    pub expires_at: Option<i64>,
}

impl LearnsMeta {
    /// Whether the JSON answer must be read.
    pub fn needs_body(&self) -> bool {
        self.scopes.and_then(LearnFrom::pointer).is_some()
            || self.expires_at.and_then(|(f, _)| f.pointer()).is_some()
    }

    /// Reads what the spec declares from `header` (a lookup by name) and the parsed
    /// answer `doc` (when there is one).
    pub fn read<'h>(
        &self,
        header: impl Fn(&str) -> Option<&'h str>,
        doc: Option<&serde_json::Value>,
    ) -> Learned {
        use serde_json::Value;
        let scopes = self.scopes.and_then(|from| match from {
            LearnFrom::Header(h) => Some(split_scopes(header(h)?, self.scope_separator)),
            LearnFrom::Pointer(p) => match doc?.pointer(p)? {
                Value::String(s) => Some(split_scopes(s, self.scope_separator)),
                Value::Array(items) => {
                    let mut out: Vec<String> = Vec::new();
                    for v in items {
                        let s = v.as_str()?.trim();
                        if !s.is_empty() && !out.iter().any(|x| x == s) {
                            out.push(s.to_owned());
                        }
                    }
                    Some(out)
                }
                _ => None,
            },
        });
        let expires_at = self.expires_at.and_then(|(from, format)| match from {
            LearnFrom::Header(h) => parse_expiry(header(h)?, format),
            LearnFrom::Pointer(p) => match doc?.pointer(p)? {
                Value::String(s) => parse_expiry(s, format),
                Value::Number(n) if format == ExpiryFormat::UnixSeconds => {
                    n.as_i64().filter(|n| *n >= 0)
                }
                _ => None,
            },
        });
        Learned { scopes, expires_at }
    }
}

/// The scopes in `text`, split at `separator` (a space also at any run of white
/// space), trimmed, empty pieces and repeats dropped.
pub fn split_scopes(text: &str, separator: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let pieces: Vec<&str> = if separator.trim().is_empty() {
        text.split_whitespace().collect()
    } else {
        text.split(separator).collect()
    };
    for p in pieces {
        let p = p.trim();
        if !p.is_empty() && !out.iter().any(|x| x == p) {
            out.push(p.to_owned());
        }
    }
    out
}

/// An expiry written in `format`, as seconds since 1970 UTC; `None` for anything else.
pub fn parse_expiry(text: &str, format: ExpiryFormat) -> Option<i64> {
    let t = text.trim();
    match format {
        ExpiryFormat::UnixSeconds => {
            if t.is_empty() || t.len() > 12 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            t.parse().ok()
        }
        ExpiryFormat::Date => {
            let days = date(t)?;
            Some(days * 86_400 + 86_400)
        }
        ExpiryFormat::DatetimeUtc => {
            let (d, rest) = t.split_once(' ')?;
            let (time, zone) = rest.split_once(' ')?;
            if zone != "UTC" || time.len() != 8 {
                return None;
            }
            Some(date(d)? * 86_400 + clock(time)?)
        }
        ExpiryFormat::Rfc3339 => {
            let b = t.as_bytes();
            if b.len() < 20 || !matches!(b[10], b'T' | b't' | b' ') {
                return None;
            }
            let days = date(&t[..10])?;
            let secs = clock(&t[11..19])?;
            let mut rest = &t[19..];
            if let Some(frac) = rest.strip_prefix('.') {
                let n = frac.bytes().take_while(u8::is_ascii_digit).count();
                if n == 0 {
                    return None;
                }
                rest = &frac[n..];
            }
            let offset = match rest {
                "Z" | "z" => 0,
                _ => {
                    let sign = match rest.as_bytes().first()? {
                        b'+' => 1,
                        b'-' => -1,
                        _ => return None,
                    };
                    let o = &rest[1..];
                    if o.len() != 5 || o.as_bytes()[2] != b':' {
                        return None;
                    }
                    let (h, m) = (digits(&o[..2])?, digits(&o[3..])?);
                    if h > 23 || m > 59 {
                        return None;
                    }
                    sign * (h * 3600 + m * 60)
                }
            };
            Some(days * 86_400 + secs - offset)
        }
    }
}

/// `YYYY-MM-DD` → days since 1970-01-01, checking the day exists.
fn date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(&s[..4])?, digits(&s[5..7])?, digits(&s[8..])?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let len = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if d < 1 || d > len {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// `HH:MM:SS` → seconds into the day (a leap second `:60` is refused).
fn clock(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 8 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    let (h, m, sec) = (digits(&s[..2])?, digits(&s[3..5])?, digits(&s[6..])?);
    if h > 23 || m > 59 || sec > 59 {
        return None;
    }
    Some(h * 3600 + m * 60 + sec)
}

/// ASCII digits only (no sign, no space) as a number.
fn digits(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// An instant in seconds since 1970 as RFC 3339 UTC (`2021-10-07T19:07:53Z`).
pub fn rfc3339(unix_seconds: i64) -> String {
    crate::sign::format_timestamp(unix_seconds, crate::sign::TimestampFormat::Rfc3339)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn formats() {
        let t = 1_633_633_673; // 2021-10-07T19:07:53Z
        assert_eq!(rfc3339(t), "2021-10-07T19:07:53Z");
        assert_eq!(
            parse_expiry("2021-10-07 19:07:53 UTC", ExpiryFormat::DatetimeUtc),
            Some(t)
        );
        assert_eq!(
            parse_expiry("2021-10-07T19:07:53Z", ExpiryFormat::Rfc3339),
            Some(t)
        );
        assert_eq!(
            parse_expiry("2021-10-07T21:07:53.125+02:00", ExpiryFormat::Rfc3339),
            Some(t)
        );
        assert_eq!(
            parse_expiry("2021-10-07T14:07:53-05:00", ExpiryFormat::Rfc3339),
            Some(t)
        );
        assert_eq!(
            parse_expiry("1633633673", ExpiryFormat::UnixSeconds),
            Some(t)
        );
        assert_eq!(
            parse_expiry("2021-10-07", ExpiryFormat::Date),
            Some(1_633_651_200)
        );
        assert_eq!(rfc3339(1_633_651_200), "2021-10-08T00:00:00Z");
        assert_eq!(
            parse_expiry("2024-02-29", ExpiryFormat::Date)
                .map(rfc3339)
                .as_deref(),
            Some("2024-03-01T00:00:00Z")
        );
    }

    #[test]
    fn malformed_values_give_nothing() {
        for (text, f) in [
            ("", ExpiryFormat::DatetimeUtc),
            ("2021-10-07 19:07:53", ExpiryFormat::DatetimeUtc),
            ("2021-10-07 19:07:53 CET", ExpiryFormat::DatetimeUtc),
            ("2021-10-07  19:07:53 UTC", ExpiryFormat::DatetimeUtc),
            ("2021-13-07 19:07:53 UTC", ExpiryFormat::DatetimeUtc),
            ("2021-10-07 24:00:00 UTC", ExpiryFormat::DatetimeUtc),
            ("2021-10-07T19:07:53", ExpiryFormat::Rfc3339),
            ("2021-10-07T19:07:53.Z", ExpiryFormat::Rfc3339),
            ("2021-10-07T19:07:53+0200", ExpiryFormat::Rfc3339),
            ("2021-10-07T19:7:53Z", ExpiryFormat::Rfc3339),
            ("2021-10-07T19:07:53Zjunk", ExpiryFormat::Rfc3339),
            ("2023-02-29", ExpiryFormat::Date),
            ("2021-10-7", ExpiryFormat::Date),
            ("+2021-10-07", ExpiryFormat::Date),
            ("2021/10/07", ExpiryFormat::Date),
            ("never", ExpiryFormat::Date),
            ("-5", ExpiryFormat::UnixSeconds),
            ("1.5", ExpiryFormat::UnixSeconds),
            ("16336336731633633673", ExpiryFormat::UnixSeconds),
            ("１２", ExpiryFormat::UnixSeconds),
        ] {
            assert_eq!(parse_expiry(text, f), None, "{text:?} as {f:?}");
        }
    }

    #[test]
    fn reads_headers_and_pointers() {
        let meta = LearnsMeta {
            scopes: Some(LearnFrom::Header("X-OAuth-Scopes")),
            scope_separator: ",",
            expires_at: Some((
                LearnFrom::Header("GitHub-Authentication-Token-Expiration"),
                ExpiryFormat::DatetimeUtc,
            )),
            lifetime: None,
        };
        assert!(!meta.needs_body());
        let header = |name: &str| match name {
            "X-OAuth-Scopes" => Some("repo, read:org,, repo"),
            "GitHub-Authentication-Token-Expiration" => Some("2021-10-07 19:07:53 UTC"),
            _ => None,
        };
        let got = meta.read(header, None);
        assert_eq!(got.scopes, Some(vec!["repo".into(), "read:org".into()]));
        assert_eq!(got.expires_at, Some(1_633_633_673));
        // An empty header: the credential holds no scopes.
        assert_eq!(meta.read(|_| Some(""), None).scopes, Some(vec![]));
        assert_eq!(meta.read(|_| None, None), Learned::default());

        let meta = LearnsMeta {
            scopes: Some(LearnFrom::Pointer("/scopes")),
            scope_separator: " ",
            expires_at: Some((LearnFrom::Pointer("/expires_at"), ExpiryFormat::Date)),
            lifetime: None,
        };
        assert!(meta.needs_body());
        let doc = json!({"scopes": ["api", "read_user"], "expires_at": "2021-10-07"});
        let got = meta.read(|_| None, Some(&doc));
        assert_eq!(got.scopes, Some(vec!["api".into(), "read_user".into()]));
        assert_eq!(got.expires_at, Some(1_633_651_200));
        let doc = json!({"scopes": "a  b\tc", "expires_at": null});
        let got = meta.read(|_| None, Some(&doc));
        assert_eq!(got.scopes, Some(vec!["a".into(), "b".into(), "c".into()]));
        assert_eq!(got.expires_at, None);
        // An array with a non-string, a number where a date belongs: nothing.
        let doc = json!({"scopes": ["a", 1], "expires_at": 1633633673});
        assert_eq!(meta.read(|_| None, Some(&doc)), Learned::default());
        let unix = LearnsMeta {
            scopes: None,
            scope_separator: ",",
            expires_at: Some((LearnFrom::Pointer("/exp"), ExpiryFormat::UnixSeconds)),
            lifetime: None,
        };
        let doc = json!({"exp": 1633633673});
        assert_eq!(
            unix.read(|_| None, Some(&doc)).expires_at,
            Some(1_633_633_673)
        );
        let doc = json!({"exp": -1});
        assert_eq!(unix.read(|_| None, Some(&doc)).expires_at, None);
    }

    #[test]
    fn lifetime_is_the_chosen_option_times_the_unit() {
        let meta = LearnsMeta {
            scopes: None,
            scope_separator: ",",
            expires_at: None,
            lifetime: Some(("token_lifetime", 86_400)),
        };
        let chosen = |v: &'static str| move |k: &str| (k == "token_lifetime").then_some(v);
        assert_eq!(meta.lifetime_seconds(&chosen("30")), Some(30 * 86_400));
        assert_eq!(meta.lifetime_seconds(&chosen("never")), None);
        assert_eq!(meta.lifetime_seconds(&chosen("custom")), None);
        assert_eq!(meta.lifetime_seconds(&|_| None), None);
        assert_eq!(meta.lifetime_seconds(&chosen("99999999999999999999")), None);
    }
}
