//! Request URLs built from templates, each value encoded for the URL component it
//! lands in.
//!
//! A template's literal text decides the component of every placeholder: before
//! `://` is the scheme, then the host (up to `:`, `/`, `?` or `#`), the port, the path
//! (up to `?`), the query (up to `#`) and the fragment. A value in the host must be
//! host-name characters only (letters, digits, `-`, `.`), so it cannot add user info,
//! a port or a path; a host value that more host text follows (`{sub}` in
//! `{sub}.example.com`, `{dc}` in `{?{dc}.}api.example.com`) is part of one label and
//! may not hold a dot either, so it cannot add labels: only the last piece of a host
//! (a whole host the user types, `api.{site}`) may. A value in the path is
//! percent-encoded as part of one segment (`/`, `?`, `#`, `%`, `\` and every other
//! character but letters, digits and `-._~:` encoded), and a segment holding a value
//! may not come out empty, `.` or `..`; a value in the query is form-encoded. Values in
//! any other component are refused (the spec checker rejects such templates). Nothing
//! a user types can change the structure of the URL the spec wrote: the host proof of
//! `connectspec-lang` (`check/hosts.rs`) reads these rules.

use std::fmt;

use crate::template::{Segment, Template};

mod refusal;

pub use refusal::UrlRefusal;

/// The URL component a placeholder stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UrlPart {
    /// Before `://`.
    Scheme,
    /// The host name.
    Host,
    /// After `:` in the authority.
    Port,
    /// The path.
    Path,
    /// The query string.
    Query,
    /// After `#`.
    Fragment,
}

impl UrlPart {
    /// Where the component that follows this one starts in `text`: the delimiter's
    /// byte offset and length, and the next component.
    fn next_delimiter(self, text: &str) -> Option<(usize, usize, UrlPart)> {
        let one = |i: usize, part| Some((i, 1, part));
        match self {
            UrlPart::Scheme => text.find("://").map(|i| (i, 3, UrlPart::Host)),
            UrlPart::Host | UrlPart::Port => {
                let i = text.find([':', '/', '?', '#'])?;
                match text.as_bytes()[i] {
                    b':' => one(i, UrlPart::Port),
                    b'/' => one(i, UrlPart::Path),
                    b'?' => one(i, UrlPart::Query),
                    _ => one(i, UrlPart::Fragment),
                }
            }
            UrlPart::Path => {
                let i = text.find(['?', '#'])?;
                let part = if text.as_bytes()[i] == b'?' {
                    UrlPart::Query
                } else {
                    UrlPart::Fragment
                };
                one(i, part)
            }
            UrlPart::Query => text.find('#').map(|i| (i, 1, UrlPart::Fragment)),
            UrlPart::Fragment => None,
        }
    }

    /// Splits literal `text`, read in this component, where components change; each
    /// delimiter (`://`, `:`, `/`, `?`, `#`) belongs to the component it opens.
    /// Returns the pieces and the component at the end of `text`.
    fn split<'a>(mut self, mut text: &'a str, out: &mut Vec<(UrlPart, &'a str)>) -> UrlPart {
        while !text.is_empty() {
            match self.next_delimiter(text) {
                Some((i, len, next)) => {
                    if i > 0 {
                        out.push((self, &text[..i]));
                    }
                    out.push((next, &text[i..i + len]));
                    text = &text[i + len..];
                    self = next;
                }
                None => {
                    out.push((self, text));
                    break;
                }
            }
        }
        self
    }

    /// The component at the end of literal `text` read in this one.
    fn after(self, text: &str) -> UrlPart {
        let mut scratch = Vec::new();
        self.split(text, &mut scratch)
    }
}

/// Calls `f` with every placeholder of `templates` (read one after the other, as one
/// URL) and the component it stands in; placeholders in optional parts and with
/// defaults included.
pub fn placeholder_parts<'t>(
    templates: &[&Template<'t>],
    start: UrlPart,
    mut f: impl FnMut(&'t str, UrlPart),
) {
    for (part, seg) in url_pieces(templates, start) {
        if let Segment::Var(k) | Segment::Default(k, _) = seg {
            f(k, part);
        }
    }
}

/// The pieces of `templates` (read as one URL) with the component of each: literal
/// text is split where a component ends, so the spec checker sees, for example, the
/// host of `https://{sub}.example.com/x` as `{sub}` `.example.com`. Each delimiter
/// (`://`, `:`, `/`, `?`, `#`) is a piece of the component it opens. Optional parts
/// are read in line, as if present; a placeholder that opens the URL stands for a
/// whole base URL (see [`render_url`]) and is followed by the path.
pub fn url_pieces<'t>(templates: &[&Template<'t>], start: UrlPart) -> Vec<(UrlPart, Segment<'t>)> {
    let mut out = Vec::new();
    let mut part = start;
    for t in templates {
        pieces_of(t.segments, &mut part, &mut out);
    }
    out
}

fn pieces_of<'t>(
    segments: &[Segment<'t>],
    part: &mut UrlPart,
    out: &mut Vec<(UrlPart, Segment<'t>)>,
) {
    let mut lits = Vec::new();
    for seg in segments {
        match *seg {
            Segment::Lit(text) => {
                lits.clear();
                *part = part.split(text, &mut lits);
                out.extend(lits.iter().map(|&(p, l)| (p, Segment::Lit(l))));
            }
            Segment::Var(_) | Segment::Default(..) => {
                out.push((*part, *seg));
                if *part == UrlPart::Scheme && out.len() == 1 {
                    *part = UrlPart::Path;
                }
            }
            Segment::Optional(inner) => pieces_of(inner, part, out),
        }
    }
}

/// A value that cannot be put where its template places it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlValueError {
    /// The field or derived key.
    pub key: String,
    /// Where it was to go.
    pub part: UrlPart,
    /// Why it was refused (never the value).
    pub reason: UrlRefusal,
}

/// In English, from the catalogue's `refused-value` (for logs; the service words it in
/// the request's language).
impl fmt::Display for UrlValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = format!("`{}`", self.key);
        let args = [
            ("label", connectspec_i18n::Arg::Str(&key)),
            ("why", connectspec_i18n::Arg::Str(self.reason.id())),
        ];
        f.write_str(&connectspec_i18n::message(
            connectspec_i18n::Locale::En,
            "refused-value",
            &args,
        ))
    }
}

impl std::error::Error for UrlValueError {}

/// Renders `templates` as one URL, encoding each value for its component. `Ok(None)`
/// when a required placeholder has no value (an absent optional field); an optional
/// part `{?…}` whose values are not all present is left out, and `{key|text}` falls
/// back to its literal text.
///
/// A placeholder that opens the URL (`{instance_url}/api/v4`) is a whole base URL, for
/// self-hosted products: it must be an absolute `https` URL without user info, query
/// or fragment, and goes in as the `url` crate serialises it, without a trailing `/`.
/// Where its host may point is the allowed hosts' and the service's outbound policy's
/// concern, as for every other URL.
pub fn render_url<'v>(
    templates: &[&Template<'_>],
    start: UrlPart,
    lookup: &dyn Fn(&str) -> Option<&'v str>,
) -> Result<Option<String>, UrlValueError> {
    let mut r = UrlRender {
        out: String::new(),
        part: start,
        first: true,
        lookup,
        dotted_host_value: None,
        segment: (0, None),
    };
    for t in templates {
        if !r.segments(t.segments)? {
            return Ok(None);
        }
    }
    r.end_segment(r.out.len())?;
    Ok(Some(r.out))
}

struct UrlRender<'l, 'v> {
    out: String,
    part: UrlPart,
    /// No piece written yet: a placeholder here is a base URL.
    first: bool,
    lookup: &'l dyn Fn(&str) -> Option<&'v str>,
    /// The key of the host value just written when it holds a dot: more host text
    /// after it makes it one label, where a dot is refused.
    dotted_host_value: Option<String>,
    /// The path segment being written: where it starts in `out`, and the key of the
    /// last value written into it.
    segment: (usize, Option<String>),
}

impl UrlRender<'_, '_> {
    /// Renders `segments`; `Ok(false)` when a required value is absent.
    fn segments(&mut self, segments: &[Segment<'_>]) -> Result<bool, UrlValueError> {
        for seg in segments {
            match *seg {
                Segment::Lit(s) => self.literal(s)?,
                Segment::Var(k) => match (self.lookup)(k) {
                    Some(v) => self.value(k, v)?,
                    None => return Ok(false),
                },
                Segment::Default(k, d) => match (self.lookup)(k) {
                    Some(v) => self.value(k, v)?,
                    None if self.first && self.part == UrlPart::Scheme => {
                        self.out.push_str(d.strip_suffix('/').unwrap_or(d));
                        self.part = UrlPart::Path;
                        self.segment = (self.out.len(), None);
                        self.first = false;
                    }
                    None => self.literal(d)?,
                },
                Segment::Optional(inner) => {
                    let present = crate::template::present(inner, self.lookup);
                    if present && !self.segments(inner)? {
                        return Ok(false);
                    }
                }
            }
        }
        Ok(true)
    }

    fn literal(&mut self, s: &str) -> Result<(), UrlValueError> {
        match self.part {
            UrlPart::Host => {
                let host_text = s.find([':', '/', '?', '#']).unwrap_or(s.len());
                if host_text > 0 {
                    self.host_text_follows()?;
                }
                if host_text < s.len() {
                    self.dotted_host_value = None;
                }
            }
            UrlPart::Path => {
                if let Some(i) = s.find(['/', '?', '#']) {
                    self.end_segment(self.out.len() + i)?;
                }
            }
            _ => {}
        }
        self.out.push_str(s);
        let was = self.part;
        self.part = self.part.after(s);
        if self.part == UrlPart::Path {
            // A new segment opens after the last `/` (or where the path began).
            let opened = match s.rfind('/') {
                Some(i) => Some(self.out.len() - s.len() + i + 1),
                None if was != UrlPart::Path => Some(self.out.len()),
                None => None,
            };
            if let Some(at) = opened {
                self.segment = (at, None);
            }
        }
        if !s.is_empty() {
            self.first = false;
        }
        Ok(())
    }

    /// More host text follows the last host value: it is one label, without a dot.
    fn host_text_follows(&mut self) -> Result<(), UrlValueError> {
        match self.dotted_host_value.take() {
            Some(key) => Err(UrlValueError {
                key,
                part: UrlPart::Host,
                reason: UrlRefusal::OneLabel,
            }),
            None => Ok(()),
        }
    }

    /// The path segment that holds a value ends at `end` in `out`: it may not be
    /// empty, `.` or `..`.
    fn end_segment(&mut self, end: usize) -> Result<(), UrlValueError> {
        let (start, key) = std::mem::replace(&mut self.segment, (end, None));
        match key {
            Some(key) if matches!(self.out.get(start..end), Some("" | "." | "..")) => {
                Err(UrlValueError {
                    key,
                    part: UrlPart::Path,
                    reason: UrlRefusal::EmptySegment,
                })
            }
            _ => Ok(()),
        }
    }

    fn value(&mut self, k: &str, v: &str) -> Result<(), UrlValueError> {
        let refuse = |part, reason| UrlValueError {
            key: k.to_owned(),
            part,
            reason,
        };
        let first = std::mem::replace(&mut self.first, false);
        match self.part {
            UrlPart::Scheme if first => {
                let base =
                    base_url(v).ok_or_else(|| refuse(UrlPart::Scheme, UrlRefusal::NotBaseUrl))?;
                self.out.push_str(&base);
                self.part = UrlPart::Path;
                self.segment = (self.out.len(), None);
            }
            UrlPart::Host => {
                if v.is_empty()
                    || !v
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
                {
                    return Err(refuse(UrlPart::Host, UrlRefusal::NotHost));
                }
                self.host_text_follows()?;
                self.out.push_str(v);
                if v.contains('.') {
                    self.dotted_host_value = Some(k.to_owned());
                }
            }
            UrlPart::Path => {
                if v == "." || v == ".." {
                    return Err(refuse(UrlPart::Path, UrlRefusal::DotSegment));
                }
                self.out
                    .extend(percent_encoding::utf8_percent_encode(v, SEGMENT));
                self.segment.1 = Some(k.to_owned());
            }
            UrlPart::Query => {
                self.out
                    .extend(form_urlencoded::byte_serialize(v.as_bytes()));
            }
            part @ (UrlPart::Scheme | UrlPart::Port | UrlPart::Fragment) => {
                return Err(refuse(part, UrlRefusal::Misplaced));
            }
        }
        Ok(())
    }
}

/// A user's base URL as it goes into a request: `https`, a host, no user info, query
/// or fragment; serialised by the `url` crate, trailing `/` removed.
pub fn base_url(v: &str) -> Option<String> {
    if v.bytes().any(|b| b <= 0x20 || b == 0x7f || !b.is_ascii()) {
        return None;
    }
    let u = url::Url::parse(v).ok()?;
    if u.scheme() != "https"
        || u.host_str().is_none_or(str::is_empty)
        || !u.username().is_empty()
        || u.password().is_some()
        || u.query().is_some()
        || u.fragment().is_some()
    {
        return None;
    }
    let s = u.as_str();
    Some(s.strip_suffix('/').unwrap_or(s).to_owned())
}

/// Everything but the unreserved characters of RFC 3986 and `:` is encoded in a path
/// value: `/`, `?`, `#`, `%`, `\`, `@` and `;` included, so a value stays inside its
/// segment. `:` is a path character (RFC 3986 `pchar`) that ends nothing once the
/// authority is written, and tokens such as a bot token (`123456:AAH…`) carry one.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':');

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(t: &Template<'static>, start: UrlPart) -> Vec<(&'static str, UrlPart)> {
        let mut out = Vec::new();
        placeholder_parts(&[t], start, |k, p| out.push((k, p)));
        out
    }

    #[test]
    fn components() {
        let t = Template {
            segments: &[
                Segment::Lit("https://"),
                Segment::Var("sub"),
                Segment::Lit(".example.com/orgs/"),
                Segment::Var("org"),
                Segment::Lit("/x?q="),
                Segment::Var("q"),
            ],
        };
        assert_eq!(
            parts(&t, UrlPart::Scheme),
            [
                ("sub", UrlPart::Host),
                ("org", UrlPart::Path),
                ("q", UrlPart::Query)
            ]
        );
        let lookup = |k: &str| match k {
            "sub" => Some("acme"),
            "org" => Some("x/../../evil?"),
            _ => Some("a b&c=d"),
        };
        assert_eq!(
            render_url(&[&t], UrlPart::Scheme, &lookup)
                .unwrap()
                .unwrap(),
            "https://acme.example.com/orgs/x%2F..%2F..%2Fevil%3F/x?q=a+b%26c%3Dd"
        );
        let hostile = |k: &str| match k {
            "sub" => Some("127.0.0.1:80@x"),
            _ => Some("a"),
        };
        let err = render_url(&[&t], UrlPart::Scheme, &hostile).unwrap_err();
        assert_eq!((err.key.as_str(), err.part), ("sub", UrlPart::Host));
        let dots = |k: &str| if k == "org" { Some("..") } else { Some("a") };
        assert_eq!(
            render_url(&[&t], UrlPart::Scheme, &dots).unwrap_err().part,
            UrlPart::Path
        );
        assert_eq!(render_url(&[&t], UrlPart::Scheme, &|_| None), Ok(None));
    }

    #[test]
    fn pieces() {
        let t = Template {
            segments: &[
                Segment::Lit("https://"),
                Segment::Var("sub"),
                Segment::Lit(".example.com:8443/a?b=1#c"),
            ],
        };
        let pieces = url_pieces(&[&t], UrlPart::Scheme);
        assert_eq!(
            pieces,
            [
                (UrlPart::Scheme, Segment::Lit("https")),
                (UrlPart::Host, Segment::Lit("://")),
                (UrlPart::Host, Segment::Var("sub")),
                (UrlPart::Host, Segment::Lit(".example.com")),
                (UrlPart::Port, Segment::Lit(":")),
                (UrlPart::Port, Segment::Lit("8443")),
                (UrlPart::Path, Segment::Lit("/")),
                (UrlPart::Path, Segment::Lit("a")),
                (UrlPart::Query, Segment::Lit("?")),
                (UrlPart::Query, Segment::Lit("b=1")),
                (UrlPart::Fragment, Segment::Lit("#")),
                (UrlPart::Fragment, Segment::Lit("c")),
            ]
        );
    }

    #[test]
    fn user_base_urls_defaults_and_optional_parts() {
        let t = Template {
            segments: &[
                Segment::Default("instance_url", "https://gitlab.com"),
                Segment::Lit("/api/v4"),
                Segment::Optional(&[Segment::Lit("/groups/"), Segment::Var("group")]),
                Segment::Lit("?x=1"),
                Segment::Optional(&[Segment::Lit("&team="), Segment::Var("team")]),
            ],
        };
        assert_eq!(
            parts(&t, UrlPart::Scheme),
            [
                ("instance_url", UrlPart::Scheme),
                ("group", UrlPart::Path),
                ("team", UrlPart::Query)
            ]
        );
        let none = |_: &str| None;
        assert_eq!(
            render_url(&[&t], UrlPart::Scheme, &none).unwrap().unwrap(),
            "https://gitlab.com/api/v4?x=1"
        );
        let some = |k: &str| match k {
            "instance_url" => Some("https://git.example.org/gitlab/"),
            "group" => Some("a/b"),
            _ => Some("blue green"),
        };
        assert_eq!(
            render_url(&[&t], UrlPart::Scheme, &some).unwrap().unwrap(),
            "https://git.example.org/gitlab/api/v4/groups/a%2Fb?x=1&team=blue+green"
        );
        for bad in [
            "http://git.example.org",
            "git.example.org",
            "https://user:pw@git.example.org",
            "https://git.example.org/?q=1",
            "https://git.example.org/#f",
            "https://git.example.org\n",
        ] {
            let lookup = |k: &str| (k == "instance_url").then_some(bad);
            let err = render_url(&[&t], UrlPart::Scheme, &lookup).unwrap_err();
            assert_eq!(
                (err.key.as_str(), err.part),
                ("instance_url", UrlPart::Scheme),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_host_value_that_more_host_text_follows_is_one_label() {
        let sub = Template {
            segments: &[
                Segment::Lit("https://"),
                Segment::Var("sub"),
                Segment::Lit(".example.com/v1"),
            ],
        };
        let with = |v: &'static str| move |_: &str| Some(v);
        assert_eq!(
            render_url(&[&sub], UrlPart::Scheme, &with("acme-1")).unwrap(),
            Some("https://acme-1.example.com/v1".into())
        );
        for bad in ["evil.com", "127.0.0.1", "a.", ".a", "a_b", "a b", "a:1", ""] {
            let err = render_url(&[&sub], UrlPart::Scheme, &with(bad)).unwrap_err();
            assert_eq!(
                (err.key.as_str(), err.part),
                ("sub", UrlPart::Host),
                "{bad}"
            );
        }
        // The last piece of a host may hold dots: a whole host, or `api.{site}`.
        let whole = Template {
            segments: &[
                Segment::Lit("https://"),
                Segment::Var("host"),
                Segment::Lit("/api"),
            ],
        };
        assert_eq!(
            render_url(&[&whole], UrlPart::Scheme, &with("crm.acme.example.org")).unwrap(),
            Some("https://crm.acme.example.org/api".into())
        );
        let site = Template {
            segments: &[Segment::Lit("https://api."), Segment::Var("site")],
        };
        assert_eq!(
            render_url(&[&site], UrlPart::Scheme, &with("us3.datadoghq.com")).unwrap(),
            Some("https://api.us3.datadoghq.com".into())
        );
        // Two values in a row: the first is followed by host text.
        let two = Template {
            segments: &[
                Segment::Lit("https://"),
                Segment::Var("a"),
                Segment::Var("b"),
                Segment::Lit(".example.com"),
            ],
        };
        let a_dotted = |k: &str| Some(if k == "a" { "x.y" } else { "z" });
        assert_eq!(
            render_url(&[&two], UrlPart::Scheme, &a_dotted)
                .unwrap_err()
                .key,
            "a"
        );
    }

    #[test]
    fn an_optional_host_label_renders_both_shapes() {
        let t = Template {
            segments: &[
                Segment::Lit("https://"),
                Segment::Optional(&[Segment::Var("dc"), Segment::Lit(".")]),
                Segment::Lit("api.example.com/v1"),
            ],
        };
        assert_eq!(
            render_url(&[&t], UrlPart::Scheme, &|_| None).unwrap(),
            Some("https://api.example.com/v1".into())
        );
        assert_eq!(
            render_url(&[&t], UrlPart::Scheme, &|_| Some("eu")).unwrap(),
            Some("https://eu.api.example.com/v1".into())
        );
        let err = render_url(&[&t], UrlPart::Scheme, &|_| Some("evil.com")).unwrap_err();
        assert_eq!((err.key.as_str(), err.part), ("dc", UrlPart::Host));
    }

    #[test]
    fn a_path_value_is_one_segment() {
        let t = Template {
            segments: &[
                Segment::Lit("https://api.example.com/v1/accounts/"),
                Segment::Var("account"),
                Segment::Lit("/users"),
            ],
        };
        let with = |v: &'static str| move |_: &str| Some(v);
        for (v, want) in [
            ("a/b", "a%2Fb"),
            ("a?b#c", "a%3Fb%23c"),
            ("100%", "100%25"),
            ("a\\b", "a%5Cb"),
            ("../x", "..%2Fx"),
            ("%2e%2e", "%252e%252e"),
            ("x y", "x%20y"),
            ("née", "n%C3%A9e"),
            ("...", "..."),
            ("a:b@c;d", "a:b%40c%3Bd"),
        ] {
            assert_eq!(
                render_url(&[&t], UrlPart::Scheme, &with(v)).unwrap(),
                Some(format!("https://api.example.com/v1/accounts/{want}/users")),
                "{v}"
            );
        }
        for bad in [".", "..", ""] {
            let err = render_url(&[&t], UrlPart::Scheme, &with(bad)).unwrap_err();
            assert_eq!((err.key.as_str(), err.part), ("account", UrlPart::Path));
        }
        // Part of a segment: the segment it completes is what counts.
        let dot = Template {
            segments: &[
                Segment::Lit("https://api.example.com/v1/"),
                Segment::Var("a"),
                Segment::Lit("./x"),
            ],
        };
        assert!(render_url(&[&dot], UrlPart::Scheme, &with(".")).is_err());
        assert!(render_url(&[&dot], UrlPart::Scheme, &with("a")).is_ok());
        let two = Template {
            segments: &[Segment::Lit("/v1/"), Segment::Var("a"), Segment::Var("b")],
        };
        let err = render_url(&[&two], UrlPart::Path, &|k| {
            Some(if k == "a" { "" } else { "." })
        })
        .unwrap_err();
        assert_eq!(err.part, UrlPart::Path);
        let json = Template {
            segments: &[
                Segment::Lit("/Accounts/"),
                Segment::Var("sid"),
                Segment::Lit(".json"),
            ],
        };
        assert_eq!(
            render_url(&[&json], UrlPart::Path, &with("")).unwrap(),
            Some("/Accounts/.json".into())
        );
    }

    #[test]
    fn port_and_fragment_are_refused() {
        let t = Template {
            segments: &[Segment::Lit("https://a.example.com:"), Segment::Var("p")],
        };
        assert_eq!(parts(&t, UrlPart::Scheme), [("p", UrlPart::Port)]);
        assert!(render_url(&[&t], UrlPart::Scheme, &|_| Some("80")).is_err());
    }
}
