//! Request URLs built from templates, each value encoded for the URL component it
//! lands in.
//!
//! A template's literal text decides the component of every placeholder: before
//! `://` is the scheme, then the host (up to `:`, `/`, `?` or `#`), the port, the path
//! (up to `?`), the query (up to `#`) and the fragment. A value in the host must be
//! host-name characters only (letters, digits, `-`, `.`), so it cannot add user info,
//! a port or a path; a value in the path is percent-encoded as part of one segment and
//! may not be a `.` or `..` segment; a value in the query is form-encoded. Values in
//! any other component are refused (the spec checker rejects such templates). Nothing
//! a user types can change the structure of the URL the spec wrote.

use std::fmt;

use crate::template::{Segment, Template};

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
/// URL) and the component it stands in.
pub fn placeholder_parts<'t>(
    templates: &[&Template<'t>],
    start: UrlPart,
    mut f: impl FnMut(&'t str, UrlPart),
) {
    for (part, seg) in url_pieces(templates, start) {
        if let Segment::Var(k) = seg {
            f(k, part);
        }
    }
}

/// The pieces of `templates` (read as one URL) with the component of each: literal
/// text is split where a component ends, so the spec checker sees, for example, the
/// host of `https://{sub}.example.com/x` as `{sub}` `.example.com`. Each delimiter
/// (`://`, `:`, `/`, `?`, `#`) is a piece of the component it opens.
pub fn url_pieces<'t>(templates: &[&Template<'t>], start: UrlPart) -> Vec<(UrlPart, Segment<'t>)> {
    let mut out = Vec::new();
    let mut part = start;
    let mut lits = Vec::new();
    for t in templates {
        for seg in t.segments {
            match *seg {
                Segment::Lit(text) => {
                    lits.clear();
                    part = part.split(text, &mut lits);
                    out.extend(lits.iter().map(|&(p, l)| (p, Segment::Lit(l))));
                }
                Segment::Var(k) => out.push((part, Segment::Var(k))),
            }
        }
    }
    out
}

/// A value that cannot be put where its template places it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlValueError {
    /// The field or derived key.
    pub key: String,
    /// Where it was to go.
    pub part: UrlPart,
    /// Why it was refused (never the value).
    pub reason: &'static str,
}

impl fmt::Display for UrlValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}", self.key, self.reason)
    }
}

impl std::error::Error for UrlValueError {}

/// Renders `templates` as one URL, encoding each value for its component. `Ok(None)`
/// when a placeholder has no value (an absent optional field).
pub fn render_url<'v>(
    templates: &[&Template<'_>],
    start: UrlPart,
    lookup: &dyn Fn(&str) -> Option<&'v str>,
) -> Result<Option<String>, UrlValueError> {
    let mut out = String::new();
    let mut part = start;
    for t in templates {
        for seg in t.segments {
            match seg {
                Segment::Lit(s) => {
                    out.push_str(s);
                    part = part.after(s);
                }
                Segment::Var(k) => {
                    let Some(v) = lookup(k) else {
                        return Ok(None);
                    };
                    let refuse = |reason| UrlValueError {
                        key: (*k).to_owned(),
                        part,
                        reason,
                    };
                    match part {
                        UrlPart::Host => {
                            if v.is_empty()
                                || !v
                                    .bytes()
                                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
                            {
                                return Err(refuse(
                                    "is not a host name (letters, digits, hyphens and dots only)",
                                ));
                            }
                            out.push_str(v);
                        }
                        UrlPart::Path => {
                            if v == "." || v == ".." {
                                return Err(refuse("cannot be a `.` or `..` path segment"));
                            }
                            out.extend(percent_encoding::utf8_percent_encode(v, SEGMENT));
                        }
                        UrlPart::Query => {
                            out.extend(form_urlencoded::byte_serialize(v.as_bytes()));
                        }
                        UrlPart::Scheme | UrlPart::Port | UrlPart::Fragment => {
                            return Err(refuse("cannot be placed in this part of the URL"));
                        }
                    }
                }
            }
        }
    }
    Ok(Some(out))
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
    fn port_and_fragment_are_refused() {
        let t = Template {
            segments: &[Segment::Lit("https://a.example.com:"), Segment::Var("p")],
        };
        assert_eq!(parts(&t, UrlPart::Scheme), [("p", UrlPart::Port)]);
        assert!(render_url(&[&t], UrlPart::Scheme, &|_| Some("80")).is_err());
    }
}
