//! Where a method's requests may go, proved at load time.
//!
//! Every method lists `allowed_hosts`. From the literal parts of `base_url` and the
//! constraints of the fields it names, this module proves that every host the template
//! can produce from *valid* fields is one of them, and refuses (located) any field that
//! could steer the request elsewhere. The service checks each host again with the same
//! [`connectspec_runtime::host_allowed`] before it sends anything; this proof is what
//! makes that check never fire for a well-formed spec.
//!
//! What a field can contribute is read from its constraints:
//!
//! - `options`, or a pattern that matches a finite set of literals: exactly those
//!   values, so every resulting host is checked;
//! - a pattern whose alphabet is letters, digits and `-`: one DNS label, which cannot
//!   add a dot, so the literal text after it decides the domain;
//! - a pattern of host-name characters whose every match ends with literal text
//!   (`^[a-z0-9-]+\.atlassian\.net$`): a host ending in that text;
//! - no such pattern but `format: integer` or `format: uuid`: one label.
//!
//! Anything else (a bare `format: hostname`, no constraint at all) is unconfined.

use connectspec_runtime::{Part, Segment, Template, UrlPart, host_allowed, is_allowed_host_entry};
use regex_syntax::hir::{Class, Hir, HirKind};

use crate::diag::Code;
use crate::diag::{Reporter, shown};
use crate::model::{AuthMethod, Format};
use crate::pointer::Ptr;

/// At most this many hosts are enumerated from finite choices.
const MAX_HOSTS: usize = 256;

/// What the values of one placeholder can be, after validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Lang {
    /// Exactly these strings.
    Finite(Vec<String>),
    /// One DNS label: letters, digits and hyphens, no dot.
    Label,
    /// Host-name characters, ending in one of these literal strings.
    Ending(Vec<String>),
    /// Anything else.
    Unconfined,
}

/// Checks `allowed_hosts` and that `base_url` and the connection test path cannot
/// leave them or change the URL's structure.
pub(crate) fn check_hosts(rep: &mut Reporter<'_>, m: &AuthMethod, p: &Ptr) {
    if m.allowed_hosts.is_empty() {
        rep.key(
            &p.join("base_url"),
            Code::MissingAllowedHosts,
            format!("method `{}` declares no `allowed_hosts`", m.id),
            shown(&m.base_url),
            "list the hosts its requests may go to, e.g. `allowed_hosts: [api.example.com]` or `[\"*.example.com\"]` for one host per customer",
        );
    }
    for (i, h) in m.allowed_hosts.iter().enumerate() {
        if !is_allowed_host_entry(h) {
            rep.value(
                &p.join("allowed_hosts").join(i),
                Code::InvalidValue,
                format!("`{h}` is not a host name or a `*.suffix` pattern"),
                shown(h),
                "write a lower-case host name with at least one dot (`api.example.com`), or `*.` in front of one (`*.example.com`)",
            );
        }
    }
    // The proof uses the well-formed entries only: a malformed one is reported above
    // and must not make a host look allowed.
    let allowed: Vec<&str> = m
        .allowed_hosts
        .iter()
        .map(String::as_str)
        .filter(|h| is_allowed_host_entry(h))
        .collect();
    if let Some(i) = m.allowed_hosts.iter().position(|h| h == "*")
        && !m.base_url.starts_with('{')
    {
        rep.value(
            &p.join("allowed_hosts").join(i),
            Code::UserBaseUrl,
            "`*` allows any host, but the base URL is not the user's",
            "`*`",
            "list the provider's hosts; `*` is for self-hosted products whose `base_url` opens with an https URL field (`{instance_url}/api/v4`)",
        );
    }
    let path = m.connection_test.as_ref().map(|t| t.path.as_str());
    confine(rep, m, p, "base_url", &m.base_url, path, &allowed);
    if let Some(o) = &m.oauth {
        let urls = [
            ("oauth/authorization_url", o.authorization_url.as_deref()),
            ("oauth/token_url", Some(o.token_url.as_str())),
            ("oauth/refresh_url", o.refresh_url.as_deref()),
        ];
        for (key, url) in urls {
            if let Some(url) = url {
                confine(rep, m, p, key, url, None, &allowed);
            }
        }
    }
}

/// Proves that the URL `url` (at `{p}/{key}`), followed by the optional `path`
/// template, cannot leave `allowed` or change the URL's structure.
fn confine(
    rep: &mut Reporter<'_>,
    m: &AuthMethod,
    p: &Ptr,
    url_key: &str,
    url: &str,
    path: Option<&str>,
    allowed: &[&str],
) {
    let Some(base) = owned_template(url) else {
        return; // a malformed template is reported by the template check
    };
    let path = path.and_then(owned_template);
    let base_segments = base.segments();
    let path_segments = path
        .as_ref()
        .map(OwnedTemplate::segments)
        .unwrap_or_default();
    let base_t = Template {
        segments: &base_segments,
    };
    let path_t = Template {
        segments: &path_segments,
    };
    let templates = [&base_t, &path_t];
    let pieces = connectspec_runtime::url_pieces(&templates, UrlPart::Scheme);
    let host: Vec<&Segment<'_>> = pieces
        .iter()
        .filter(|(part, seg)| *part == UrlPart::Host && *seg != Segment::Lit("://"))
        .map(|(_, seg)| seg)
        .collect();
    for (i, (part, seg)) in pieces.iter().enumerate() {
        let (Segment::Var(key) | Segment::Default(key, _)) = seg else {
            continue;
        };
        let ptr = field_ptr(m, p, url_key, key);
        if i == 0 && *part == UrlPart::Scheme {
            user_base_url(rep, m, &ptr, (url_key, url), seg, allowed);
            continue;
        }
        match part {
            UrlPart::Scheme | UrlPart::Port | UrlPart::Fragment => rep.value(
                &ptr,
                Code::UnconfinedUrl,
                format!(
                    "`{{{key}}}` stands in the {} of the URL, where no value may go",
                    part_name(*part)
                ),
                shown(key),
                format!("put values only into the host, the path or the query of `{}` and the test path", url_key.trim_start_matches("oauth/")),
            ),
            UrlPart::Path if lang_of(m, key) == Lang::Unconfined && !path_alphabet(m, key) => rep.value(
                &ptr,
                Code::UnconfinedUrl,
                format!(
                    "field `{key}` goes into the URL path but declares no format, so any text would be sent there"
                ),
                shown(key),
                "give it the `pattern` (or `options`) its provider documents, e.g. `^[A-Za-z0-9-]+$` for an organisation name",
            ),
            _ => {}
        }
    }
    if allowed.is_empty() || host.is_empty() {
        return;
    }
    prove_host(rep, m, p, (url_key, url), &host, allowed);
}

/// A URL that opens with a placeholder takes its whole base from that field (a
/// self-hosted product): the field must be an https URL field the user types, and the
/// method must allow any host (`*`), leaving the service's outbound policy to refuse
/// internal addresses. A literal default (`{instance_url|https://gitlab.com}`) must be
/// an https base URL itself.
fn user_base_url(
    rep: &mut Reporter<'_>,
    m: &AuthMethod,
    ptr: &str,
    (url_key, url): (&str, &str),
    seg: &Segment<'_>,
    allowed: &[&str],
) {
    let (Segment::Var(key) | Segment::Default(key, _)) = *seg else {
        return;
    };
    match m.field(key) {
        Some(f) if f.format == Some(Format::HttpsUrl) && !f.secret => {}
        _ => {
            rep.value(
                ptr,
                Code::UserBaseUrl,
                format!(
                    "`{}` opens with `{{{key}}}`, so that value is the whole base URL, but it is not a field with `format: https_url`",
                    url_key.trim_start_matches("oauth/")
                ),
                shown(key),
                "for a self-hosted product, declare a non-secret field with `format: https_url` (e.g. `instance_url`) and open the URL with it; otherwise start the URL with `https://`",
            );
            return;
        }
    }
    if let Segment::Default(_, d) = *seg
        && connectspec_runtime::base_url(d).is_none()
    {
        rep.value(
            ptr,
            Code::UserBaseUrl,
            format!("the default base URL `{d}` is not an https URL without user name, query or fragment"),
            shown(url),
            "write the default as `https://host[/path]`, e.g. `{instance_url|https://gitlab.com}`",
        );
    }
    if !allowed.contains(&"*") {
        rep.value(
            ptr,
            Code::UnconfinedUrl,
            format!(
                "the host of `{}` is the user's URL in `{key}`, which `allowed_hosts` cannot confine",
                url_key.trim_start_matches("oauth/")
            ),
            shown(url),
            "for a self-hosted product list `allowed_hosts: [\"*\"]`: the service then refuses internal addresses only",
        );
    }
}

/// Proves that the host pieces (literals and placeholders, in order) stay inside
/// `allowed`, reporting the first way they could leave.
fn prove_host(
    rep: &mut Reporter<'_>,
    m: &AuthMethod,
    p: &Ptr,
    (key_of_url, url): (&str, &str),
    host: &[&Segment<'_>],
    allowed: &[&str],
) {
    // Exact tails of the host, built from the end while pieces are literal or finite.
    let mut tails: Vec<String> = vec![String::new()];
    let mut open: Option<(&str, Lang)> = None;
    for seg in host.iter().rev() {
        let choices = match seg {
            Segment::Lit(s) => vec![(*s).to_owned()],
            Segment::Var(k) => match lang_of(m, k) {
                Lang::Finite(v) => v,
                lang => {
                    open = Some((k, lang));
                    break;
                }
            },
            // The value or, when it is absent, the literal default.
            Segment::Default(k, d) => match lang_of(m, k) {
                Lang::Finite(mut v) => {
                    v.push((*d).to_owned());
                    v
                }
                _ => {
                    open = Some((k, Lang::Unconfined));
                    break;
                }
            },
            Segment::Optional(_) => unreachable!("optional parts are read in line"),
        };
        if tails.len() * choices.len() > MAX_HOSTS {
            open = Some(("", Lang::Unconfined));
            break;
        }
        tails = choices
            .iter()
            .flat_map(|c| tails.iter().map(move |t| format!("{c}{t}")))
            .collect();
    }
    let wildcard_covers = |ending: &str| {
        allowed
            .iter()
            .filter_map(|a| a.strip_prefix("*."))
            .any(|d| {
                ending.len() > d.len()
                    && ending.ends_with(d)
                    && ending[..ending.len() - d.len()].ends_with('.')
            })
    };
    match open {
        None => {
            for h in &tails {
                if !host_allowed(h, allowed) {
                    rep.value(
                        &p.join_path(key_of_url),
                        Code::UnconfinedUrl,
                        format!("`{}` can request host `{h}`, which `allowed_hosts` does not list", key_of_url.trim_start_matches("oauth/")),
                        shown(url),
                        format!("add `{h}` (or a `*.` pattern covering it) to `allowed_hosts`, or correct the URL"),
                    );
                    return;
                }
            }
        }
        Some((key, lang)) => {
            let endings: Vec<String> = match &lang {
                Lang::Label => tails.clone(),
                Lang::Ending(ends) => ends
                    .iter()
                    .flat_map(|e| tails.iter().map(move |t| format!("{e}{t}")))
                    .collect(),
                Lang::Finite(_) | Lang::Unconfined => Vec::new(),
            };
            let confined = !endings.is_empty() && endings.iter().all(|e| wildcard_covers(e));
            if !confined {
                let ptr = if key.is_empty() {
                    p.join_path(key_of_url)
                } else {
                    field_ptr(m, p, key_of_url, key)
                };
                let why = match lang {
                    Lang::Unconfined => format!("`{{{key}}}` could be any host"),
                    _ => format!(
                        "hosts ending in {} are not all covered by a `*.` entry",
                        endings
                            .iter()
                            .map(|e| format!("`{e}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                rep.value(
                    &ptr,
                    Code::UnconfinedUrl,
                    format!(
                        "the host of `{}` ({url}) could leave `allowed_hosts`: {why}",
                        key_of_url.trim_start_matches("oauth/")
                    ),
                    shown(if key.is_empty() { url } else { key }),
                    "confine the field: `options`, a `pattern` of one DNS label (`^[a-z0-9][a-z0-9-]*$`) in front of a literal domain, or a `pattern` whose matches end in an allowed domain (`^[a-z0-9-]+\\.example\\.com$`)",
                );
            }
        }
    }
}

/// What a placeholder's values can be: a field by its constraints, a derived value by
/// its capture.
pub(crate) fn lang_of(m: &AuthMethod, key: &str) -> Lang {
    // `{field.param}`: the parameter's values over the field's options.
    if let Some((field, param)) = key.split_once('.') {
        return match m.field(field) {
            Some(f) if !f.options.is_empty() => {
                // An option without the parameter is reported (E026) and the spec does
                // not load; the proof covers the values that exist.
                Lang::Finite(
                    f.options
                        .iter()
                        .filter_map(|o| o.params.get(param).cloned())
                        .collect(),
                )
            }
            _ => Lang::Unconfined,
        };
    }
    if let Some(f) = m.field(key) {
        if !f.options.is_empty() {
            return Lang::Finite(f.options.iter().map(|o| o.value.clone()).collect());
        }
        let by_pattern = match f
            .pattern
            .as_deref()
            .and_then(|p| regex_syntax::parse(p).ok())
        {
            Some(hir) => lang_of_hir(&hir),
            None => Lang::Unconfined,
        };
        // A value must also be in its format: digits and UUIDs are single labels.
        return match (by_pattern, f.format) {
            (Lang::Unconfined, Some(Format::Integer | Format::Uuid)) => Lang::Label,
            (lang, _) => lang,
        };
    }
    // A derived value with a map is one of the map's values, whatever was extracted.
    if let Some(d) = m.derived.iter().find(|d| d.key == key && !d.map.is_empty()) {
        let alternatives: Vec<String> = d.map.values().map(|v| regex_syntax::escape(v)).collect();
        return regex_syntax::parse(&format!("^(?:{})$", alternatives.join("|")))
            .map_or(Lang::Unconfined, |h| lang_of_hir(&h));
    }
    let pattern = m
        .derived
        .iter()
        .find(|d| d.key == key)
        .map(|d| &d.pattern)
        .or_else(|| m.capture(key).map(|c| &c.pattern));
    if let Some(pattern) = pattern {
        let hir = regex_syntax::parse(pattern).ok();
        // A capture without a `value` group keeps its whole match.
        if let Some(h) = &hir
            && m.capture(key).is_some()
            && capture(h, "value").is_none()
        {
            return lang_of_hir(h);
        }
        return match hir.as_ref().and_then(|h| capture(h, "value")) {
            Some(sub) => lang_of_hir(sub),
            None => Lang::Unconfined,
        };
    }
    Lang::Unconfined
}

/// Whether the field's pattern allows only characters a path segment holds as they
/// are (RFC 3986 `pchar` without `%`), e.g. a bot token `123456:AAH-x_y`: no `/`, `?`,
/// `#`, `%`, backslash or space. (The value is percent-encoded anyway; the pattern is
/// the documented format that makes the value reviewable.)
fn path_alphabet(m: &AuthMethod, key: &str) -> bool {
    m.field(key)
        .and_then(|f| f.pattern.as_deref())
        .and_then(|p| regex_syntax::parse(p).ok())
        .is_some_and(|h| {
            alphabet_within(&h, |c| {
                c.is_ascii_alphanumeric() || "-._~:@!$&'()*+,;=".contains(c)
            })
        })
}

fn lang_of_hir(hir: &Hir) -> Lang {
    let tails = literal_tails(hir);
    match tails {
        Some((strings, true)) => Lang::Finite(strings),
        _ if alphabet_within(hir, is_label_char) => Lang::Label,
        Some((strings, false)) if alphabet_within(hir, is_host_char) => Lang::Ending(strings),
        _ => Lang::Unconfined,
    }
}

fn is_label_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-'
}

fn is_host_char(c: char) -> bool {
    is_label_char(c) || c == '.'
}

/// Whether every character any match can contain satisfies `ok` (ASCII only).
fn alphabet_within(h: &Hir, ok: fn(char) -> bool) -> bool {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(l) => std::str::from_utf8(&l.0).is_ok_and(|s| s.chars().all(ok)),
        HirKind::Class(Class::Unicode(c)) => c
            .ranges()
            .iter()
            .all(|r| r.end().is_ascii() && (r.start()..=r.end()).all(ok)),
        HirKind::Class(Class::Bytes(c)) => c
            .ranges()
            .iter()
            .all(|r| r.end().is_ascii() && (r.start()..=r.end()).all(|b| ok(b as char))),
        HirKind::Repetition(r) => alphabet_within(&r.sub, ok),
        HirKind::Capture(c) => alphabet_within(&c.sub, ok),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().all(|h| alphabet_within(h, ok)),
    }
}

/// The literal strings every match ends with, and whether they are the whole match
/// (`true`: the pattern matches exactly these strings). `None`: no literal ending is
/// certain.
fn literal_tails(h: &Hir) -> Option<(Vec<String>, bool)> {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => Some((vec![String::new()], true)),
        HirKind::Literal(l) => Some((vec![String::from_utf8(l.0.to_vec()).ok()?], true)),
        HirKind::Capture(c) => literal_tails(&c.sub),
        HirKind::Repetition(r) if r.min == 1 && r.max == Some(1) => literal_tails(&r.sub),
        HirKind::Alternation(alts) => {
            let mut all = Vec::new();
            let mut exact = true;
            for a in alts {
                let (strings, e) = literal_tails(a)?;
                exact &= e;
                all.extend(strings);
            }
            all.sort();
            all.dedup();
            (exact || all.iter().all(|s| !s.is_empty())).then_some((all, exact))
        }
        HirKind::Concat(items) => {
            let mut acc = vec![String::new()];
            for item in items.iter().rev() {
                let Some((strings, exact)) = literal_tails(item) else {
                    return acc.iter().all(|s| !s.is_empty()).then_some((acc, false));
                };
                if acc.len() * strings.len() > MAX_HOSTS {
                    return acc.iter().all(|s| !s.is_empty()).then_some((acc, false));
                }
                acc = strings
                    .iter()
                    .flat_map(|s| acc.iter().map(move |t| format!("{s}{t}")))
                    .collect();
                if !exact {
                    return acc.iter().all(|s| !s.is_empty()).then_some((acc, false));
                }
            }
            Some((acc, true))
        }
        HirKind::Class(_) | HirKind::Repetition(_) => None,
    }
}

fn capture<'h>(h: &'h Hir, name: &str) -> Option<&'h Hir> {
    match h.kind() {
        HirKind::Capture(c) if c.name.as_deref() == Some(name) => Some(&c.sub),
        HirKind::Capture(c) => capture(&c.sub, name),
        HirKind::Repetition(r) => capture(&r.sub, name),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().find_map(|h| capture(h, name)),
        _ => None,
    }
}

/// The pointer to report a placeholder at: its field's key, its derived value's key,
/// its capture's key, or the URL (`url_key`) it stands in.
fn field_ptr(m: &AuthMethod, p: &Ptr, url_key: &str, key: &str) -> Ptr {
    if let Some(i) = m.fields.iter().position(|f| f.key == key) {
        p.join("fields").join(i).join("key")
    } else if let Some(i) = m.derived.iter().position(|d| d.key == key) {
        p.join("derived").join(i).join("key")
    } else if let Some(i) = m
        .oauth
        .as_ref()
        .and_then(|o| o.token_response.capture.iter().position(|c| c.key == key))
    {
        p.join("oauth")
            .join("token_response")
            .join("capture")
            .join(i)
            .join("key")
    } else {
        p.join_path(url_key)
    }
}

fn part_name(part: UrlPart) -> &'static str {
    match part {
        UrlPart::Scheme => "scheme",
        UrlPart::Host => "host",
        UrlPart::Port => "port",
        UrlPart::Path => "path",
        UrlPart::Query => "query",
        UrlPart::Fragment => "fragment",
    }
}

/// A template parsed from spec text, owning its pieces (the runtime's `Template`
/// borrows them). Optional parts are read in line, as if present: the proof covers
/// every URL, with or without them.
pub(crate) struct OwnedTemplate {
    /// (literal, or lookup name with its default).
    parts: Vec<OwnedPiece>,
}

enum OwnedPiece {
    Lit(String),
    Var(String, Option<String>),
}

impl OwnedTemplate {
    pub(crate) fn segments(&self) -> Vec<Segment<'_>> {
        self.parts
            .iter()
            .map(|p| match p {
                OwnedPiece::Lit(s) => Segment::Lit(s),
                OwnedPiece::Var(k, None) => Segment::Var(k),
                OwnedPiece::Var(k, Some(d)) => Segment::Default(k, d),
            })
            .collect()
    }
}

fn flatten(parts: &[Part], out: &mut Vec<OwnedPiece>) {
    for p in parts {
        match p {
            Part::Lit(s) => out.push(OwnedPiece::Lit(s.clone())),
            Part::Var(v) => out.push(OwnedPiece::Var(v.lookup_name(), v.default.clone())),
            Part::Optional(inner) => flatten(inner, out),
        }
    }
}

pub(crate) fn owned_template(text: &str) -> Option<OwnedTemplate> {
    let parts = connectspec_runtime::parse_template(text).ok()?;
    let mut out = Vec::new();
    flatten(&parts, &mut out);
    Some(OwnedTemplate { parts: out })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(p: &str) -> Lang {
        lang_of_hir(&regex_syntax::parse(p).unwrap())
    }

    #[test]
    fn languages() {
        assert_eq!(lang("^[a-z0-9][a-z0-9-]{0,62}$"), Lang::Label);
        assert_eq!(
            lang(r"^[a-z0-9-]+\.(atlassian\.net|jira\.com)$"),
            Lang::Ending(vec![".atlassian.net".into(), ".jira.com".into()])
        );
        assert_eq!(
            lang(r"^(us|eu)\.example\.com$"),
            Lang::Finite(vec!["eu.example.com".into(), "us.example.com".into()])
        );
        assert_eq!(lang(r"^[a-z.]+$"), Lang::Unconfined);
        assert_eq!(lang(r"^.+\.example\.com$"), Lang::Unconfined);
        assert_eq!(lang(r"^[a-z]+(\.example\.com)?$"), Lang::Unconfined);
    }
}
