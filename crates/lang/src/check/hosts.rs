//! Where a method's requests may go, proved at load time.
//!
//! Every method lists `allowed_hosts`. From the literal parts of `base_url`, the
//! constraints of the fields it names and what the runtime enforces when it builds a
//! URL ([`connectspec_runtime::render_url`]), this module proves that every host the
//! template can produce from *valid* fields is one of them, and refuses (located) any
//! field that could steer the request elsewhere. The service checks each host again
//! with the same [`connectspec_runtime::host_allowed`] before it sends anything; this
//! proof is what makes that check never fire for a well-formed spec.
//!
//! Every shape of the host is proved (`host_shapes.rs`: with and without each optional
//! part, a default's value or its text). In one shape, what a placeholder can
//! contribute is read from where it stands and from its field:
//!
//! - `options`, or a pattern that matches a finite set of literals: exactly those
//!   values, so every resulting host is checked;
//! - any other value that more host text follows (`{sub}` in `{sub}.example.com`,
//!   `{app_id}` in `{app_id}-dsn.algolia.net`): the runtime admits letters, digits
//!   and `-` there and no dot, so it is part of one label whatever its pattern, and
//!   the literal text after it decides the domain;
//! - the last piece of the host: a pattern whose alphabet is letters, digits and `-`
//!   (one label); a pattern of host-name characters whose every match ends with
//!   literal text (`^[a-z0-9-]+\.atlassian\.net$`); `format: integer` or `uuid`;
//! - a non-secret `format: hostname` field that is the whole host
//!   (`https://{host}/api`): the user's own instance, confined like a user's base URL
//!   (`{instance_url}/api`) by the service's outbound policy when the method lists
//!   `allowed_hosts: ["*"]`.
//!
//! Anything else (a free value at the end of a host, a bare `format: hostname` next
//! to literal text) is unconfined. A value in a path segment needs nothing: the
//! runtime percent-encodes it into its one segment and refuses a segment that comes
//! out empty, `.` or `..`; a secret there still needs a pattern of path characters.

use connectspec_runtime::{Segment, Template, UrlPart, host_allowed, is_allowed_host_entry};

use crate::check::host_shapes::{HostPiece, HostShapes, host_shapes};
pub(crate) use crate::check::host_shapes::{OwnedTemplate, owned_template};
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
    let path = m.connection_test.as_ref().map(|t| t.path.as_str());
    let mut urls = vec![("base_url", m.base_url.as_str(), path)];
    if let Some(o) = &m.oauth {
        let oauth = [
            ("oauth/authorization_url", o.authorization_url.as_deref()),
            ("oauth/token_url", o.token_url.as_deref()),
            ("oauth/refresh_url", o.refresh_url.as_deref()),
        ];
        urls.extend(oauth.into_iter().filter_map(|(k, u)| Some((k, u?, None))));
        if let Some(d) = &o.discovery {
            urls.push(("oauth/discovery/resource", d.resource.as_str(), None));
        }
    }
    if let Some(e) = &m.exchange {
        urls.push(("exchange/url", e.url.as_str(), None));
    }
    let user_host = urls.iter().any(|(_, url, path)| {
        let texts: Vec<&str> = std::iter::once(*url).chain(*path).collect();
        host_shapes(&texts).is_some_and(|s| {
            s.shapes
                .iter()
                .any(|shape| whole_user_host(m, shape).is_some())
        })
    });
    if let Some(i) = m.allowed_hosts.iter().position(|h| h == "*")
        && !m.base_url.starts_with('{')
        && !user_host
    {
        rep.value(
            &p.join("allowed_hosts").join(i),
            Code::UserBaseUrl,
            "`*` allows any host, but no URL of the method is the user's",
            "`*`",
            "list the provider's hosts; `*` is for self-hosted products whose `base_url` opens with an https URL field (`{instance_url}/api/v4`) or whose host is a `format: hostname` field (`https://{host}/api`)",
        );
    }
    for (key, url, path) in urls {
        confine(rep, m, p, key, url, path, &allowed);
    }
}

/// The field whose value is the whole host of `shape`, when it is a host the user
/// types: a non-secret `format: hostname` field.
fn whole_user_host<'s>(m: &AuthMethod, shape: &'s [HostPiece]) -> Option<&'s str> {
    match shape {
        [HostPiece::Var(k)] => m
            .field(k)
            .is_some_and(|f| f.format == Some(Format::Hostname) && !f.secret)
            .then_some(k.as_str()),
        _ => None,
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
    let path_text = path;
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
            // Any value is one percent-encoded segment; a secret's pattern is what
            // keeps a URL that may be shown reviewable.
            UrlPart::Path
                if m.field(key).is_some_and(|f| f.secret)
                    && lang_of(m, key) == Lang::Unconfined
                    && !path_alphabet(m, key) =>
            {
                rep.value(
                    &ptr,
                    Code::UnconfinedUrl,
                    format!(
                        "secret field `{key}` goes into the URL path but declares no pattern of path characters"
                    ),
                    shown(key),
                    "give it the `pattern` its provider documents, of letters, digits and `-._~:@!$&'()*+,;=` (e.g. `^[0-9]+:[A-Za-z0-9_-]+$` for a bot token)",
                )
            }
            _ => {}
        }
    }
    if allowed.is_empty() {
        return;
    }
    let texts: Vec<&str> = std::iter::once(url).chain(path_text).collect();
    let Some(shapes) = host_shapes(&texts) else {
        return;
    };
    prove_shapes(rep, m, p, (url_key, url), &shapes, allowed);
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

/// Proves every shape of a URL's host inside `allowed`: reports the first way one
/// could leave, and every option value the runtime would refuse where it stands.
fn prove_shapes(
    rep: &mut Reporter<'_>,
    m: &AuthMethod,
    p: &Ptr,
    (key_of_url, url): (&str, &str),
    shapes: &HostShapes,
    allowed: &[&str],
) {
    let url_name = key_of_url.trim_start_matches("oauth/");
    let mut dotted: Vec<&str> = Vec::new();
    for shape in &shapes.shapes {
        for (i, piece) in shape.iter().enumerate() {
            let HostPiece::Var(k) = piece else { continue };
            if i + 1 == shape.len() || dotted.contains(&k.as_str()) {
                continue;
            }
            if let Lang::Finite(values) = lang_of(m, k)
                && let Some(v) = values.iter().find(|v| v.contains('.'))
            {
                dotted.push(k);
                rep.value(
                    &field_ptr(m, p, key_of_url, k),
                    Code::UnconfinedUrl,
                    format!("`{{{k}}}` can be `{v}`, but in the host of `{url_name}` ({url}) more host text follows it, so it must be one label without a dot"),
                    shown(k),
                    "put the whole host into the option (`{region.api_host}` as the host), or give the options single labels",
                );
            }
        }
    }
    if shapes.too_many {
        rep.value(
            &p.join_path(key_of_url),
            Code::UnconfinedUrl,
            format!("the host of `{url_name}` has too many optional parts and defaults to prove"),
            shown(url),
            "keep to a few optional parts (`{?…}`) and defaults in a host",
        );
        return;
    }
    for shape in &shapes.shapes {
        if let Err(problem) = prove_shape(m, shape, allowed) {
            report(rep, m, p, (key_of_url, url), problem);
            return;
        }
    }
}

/// Why a host shape could leave `allowed`.
enum Leaves {
    /// This literal or finite host is not allowed.
    Host(String),
    /// The placeholder (empty: too many choices) could make hosts that are not all
    /// covered: the endings it leaves, none when it could be anything.
    Open(String, Vec<String>),
    /// The whole host is the user's host name in this field, and `*` is not listed.
    UserHost(String),
}

/// Proves one shape of a host (pieces in order) inside `allowed`.
fn prove_shape(m: &AuthMethod, shape: &[HostPiece], allowed: &[&str]) -> Result<(), Leaves> {
    // Exact tails of the host, built from the end while pieces are literal or finite.
    let mut tails: Vec<String> = vec![String::new()];
    let mut open: Option<(&str, Lang)> = None;
    for (i, piece) in shape.iter().enumerate().rev() {
        let choices = match piece {
            HostPiece::Lit(s) => vec![s.clone()],
            HostPiece::Var(k) => match lang_of(m, k) {
                Lang::Finite(v) => v,
                // More host text follows: the runtime keeps the value to one label.
                _ if i + 1 < shape.len() => {
                    open = Some((k, Lang::Label));
                    break;
                }
                lang => {
                    open = Some((k, lang));
                    break;
                }
            },
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
    let Some((key, lang)) = open else {
        return match tails.iter().find(|h| !host_allowed(h, allowed)) {
            Some(h) => Err(Leaves::Host(h.clone())),
            None => Ok(()),
        };
    };
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
    let endings: Vec<String> = match &lang {
        Lang::Label => tails.clone(),
        Lang::Ending(ends) => ends
            .iter()
            .flat_map(|e| tails.iter().map(move |t| format!("{e}{t}")))
            .collect(),
        Lang::Finite(_) | Lang::Unconfined => Vec::new(),
    };
    if !endings.is_empty() && endings.iter().all(|e| wildcard_covers(e)) {
        return Ok(());
    }
    if let Some(k) = whole_user_host(m, shape) {
        return if allowed.contains(&"*") {
            Ok(())
        } else {
            Err(Leaves::UserHost(k.to_owned()))
        };
    }
    Err(Leaves::Open(key.to_owned(), endings))
}

fn report(
    rep: &mut Reporter<'_>,
    m: &AuthMethod,
    p: &Ptr,
    (key_of_url, url): (&str, &str),
    problem: Leaves,
) {
    let url_name = key_of_url.trim_start_matches("oauth/");
    match problem {
        Leaves::Host(h) => rep.value(
            &p.join_path(key_of_url),
            Code::UnconfinedUrl,
            format!("`{url_name}` can request host `{h}`, which `allowed_hosts` does not list"),
            shown(url),
            format!("add `{h}` (or a `*.` pattern covering it) to `allowed_hosts`, or correct the URL"),
        ),
        Leaves::UserHost(key) => rep.value(
            &field_ptr(m, p, key_of_url, &key),
            Code::UnconfinedUrl,
            format!("the host of `{url_name}` ({url}) is the host name the user types in `{key}`, which `allowed_hosts` cannot confine"),
            shown(&key),
            "for an instance or on-premises host the user types, list `allowed_hosts: [\"*\"]`: the service then refuses internal addresses only; otherwise confine the field with `options` or a `pattern` whose matches end in an allowed domain (`^[a-z0-9-]+\\.example\\.com$`)",
        ),
        Leaves::Open(key, endings) => {
            let ptr = if key.is_empty() {
                p.join_path(key_of_url)
            } else {
                field_ptr(m, p, key_of_url, &key)
            };
            let why = if endings.is_empty() {
                format!("`{{{key}}}` could be any host")
            } else {
                format!(
                    "hosts ending in {} are not all covered by a `*.` entry",
                    endings
                        .iter()
                        .map(|e| format!("`{e}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            rep.value(
                &ptr,
                Code::UnconfinedUrl,
                format!("the host of `{url_name}` ({url}) could leave `allowed_hosts`: {why}"),
                shown(if key.is_empty() { url } else { &key }),
                "put the value in front of a literal domain (`https://{subdomain}.example.com` with `*.example.com`), confine it with `options` or a `pattern` whose matches end in an allowed domain (`^[a-z0-9-]+\\.example\\.com$`), or, for a host the user types, make it the whole host with `format: hostname` and `allowed_hosts: [\"*\"]`",
            );
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
