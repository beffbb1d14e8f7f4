//! Checks of the request features: the connection test's body, response checks and
//! identity,
//! HMAC signing and computed values in `send`, and where a secret may stand in a URL.
//!
//! Names in `send` templates come in two kinds: values known once the fields are
//! validated (fields, derived values, captures, constants and values computed from
//! them), and per-request values (the signature, the time stamp, and values computed
//! from either), which exist only once the request's method, host, path and query are
//! fixed. Per-request values may go into headers and basic auth, never into the query
//! (it is part of what is signed) or a URL.

use std::collections::{BTreeMap, BTreeSet};

use connectspec_runtime::{Segment, Template, UrlPart, parse_template, placeholder_parts};

use crate::check::{check_id, check_template, non_empty};
use crate::diag::Code;
use crate::diag::{Reporter, shown};
use crate::model::*;
use crate::pointer::Ptr;

/// The names `send` adds for its own templates, split by when they are known.
#[derive(Debug, Default)]
pub(crate) struct SendNames {
    /// Known from the fields: constants and values computed from fields only.
    pub fixed: BTreeSet<String>,
    /// Known per request: the signature, the time stamp and values computed from them.
    pub per_request: BTreeSet<String>,
}

impl SendNames {
    pub(crate) fn all(&self) -> impl Iterator<Item = &str> {
        self.fixed
            .iter()
            .chain(&self.per_request)
            .map(String::as_str)
    }
}

/// Placeholder keys of a template (none when it does not parse: reported elsewhere).
pub(crate) fn vars(t: &str) -> Vec<String> {
    parse_template(t)
        .map(|parts| {
            connectspec_runtime::Part::placeholders(&parts)
                .into_iter()
                .map(|(v, _)| v.key.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// Checks `send.sign` and `send.computed`; returns the names they define. `names`
/// are the names known before them (fields, derived values, captures, the token).
pub(crate) fn check_send_values(
    rep: &mut Reporter<'_>,
    m: &AuthMethod,
    p: &Ptr,
    names: &BTreeSet<&str>,
) -> SendNames {
    let sp = p.join("send");
    let mut out = SendNames::default();
    let mut taken: BTreeMap<String, String> = names
        .iter()
        .map(|n| ((*n).to_owned(), "a field or derived value".to_owned()))
        .collect();
    let mut claim = |rep: &mut Reporter<'_>, ptr: &str, key: &str, what: &str, code: Code| {
        check_id(rep, ptr, key, what);
        if let Some(owner) = taken.get(key) {
            rep.value(
                ptr,
                code,
                format!("`{key}` is already the name of {owner}"),
                shown(key),
                "choose a name no field, derived value, signature or computed value uses",
            );
            false
        } else {
            taken.insert(key.to_owned(), what.to_owned());
            true
        }
    };
    if let Some(s) = &m.send.sign {
        let gp = sp.join("sign");
        // A default key falls back to the `sign` mapping's position.
        let key_ptr = gp.join("key");
        if claim(rep, &key_ptr, &s.key, "the signature", Code::Signing) {
            out.per_request.insert(s.key.clone());
        }
        if let Some(ts) = &s.timestamp {
            let tp = gp.join("timestamp");
            let ptr = tp.join("key");
            if claim(rep, &ptr, &ts.key, "the time stamp", Code::Signing) {
                out.per_request.insert(ts.key.clone());
            }
        }
        check_template(rep, &gp.join("secret"), &s.secret, names, m);
        let secret_vars = vars(&s.secret);
        let names_secret = secret_vars
            .iter()
            .any(|k| m.field(k).is_some_and(|f| f.secret));
        if parse_template(&s.secret).is_ok() && !names_secret {
            rep.value(
                &gp.join("secret"),
                Code::Signing,
                "the signing key names no secret field",
                shown(&s.secret),
                "sign with the secret the provider issued, e.g. `secret: \"{secret_key}\"`, and mark that field `secret: true`",
            );
        }
        if s.message.is_empty() {
            rep.value(
                &gp.join("message"),
                Code::Signing,
                "the signed message has no parts",
                "here",
                "list what is signed, e.g. `[timestamp, method, host, path, query]`",
            );
        }
        let mut seen = BTreeSet::new();
        for (i, part) in s.message.iter().enumerate() {
            if !seen.insert(*part) {
                rep.value(
                    &gp.join("message").join(i),
                    Code::Signing,
                    "this part of the signed message is listed twice",
                    format!("`{}`", part_name(*part)),
                    "list each part once",
                );
            }
        }
        let signs_time = s.message.contains(&CanonicalPart::Timestamp);
        if signs_time && s.timestamp.is_none() {
            let i = s
                .message
                .iter()
                .position(|x| *x == CanonicalPart::Timestamp)
                .unwrap_or(0);
            rep.value(
                &gp.join("message").join(i),
                Code::Signing,
                "the signed message has a `timestamp` part but `sign` declares no `timestamp`",
                "`timestamp`",
                "add `timestamp: {format: rfc2822}` (or `rfc3339`, `unix_seconds`) to `sign`",
            );
        }
        if !signs_time && s.timestamp.is_some() {
            rep.key(
                &gp.join("timestamp"),
                Code::Signing,
                "a time stamp is declared but not signed",
                "here",
                "add `timestamp` to `message`, or remove `timestamp`",
            );
        }
    }
    // Computed values: from fields (fixed) or from per-request values.
    let mut known: BTreeSet<&str> = names.clone();
    let per_request: Vec<String> = out.per_request.iter().cloned().collect();
    known.extend(per_request.iter().map(String::as_str));
    for (i, c) in m.send.computed.iter().enumerate() {
        let cp = sp.join("computed").join(i);
        let claimed = claim(
            rep,
            &cp.join("key"),
            &c.key,
            "a computed value",
            Code::ComputedValue,
        );
        match (&c.base64, &c.constant) {
            (Some(t), None) => {
                check_template(rep, &cp.join("base64"), t, &known, m);
                if claimed {
                    if vars(t).iter().any(|v| out.per_request.contains(v)) {
                        out.per_request.insert(c.key.clone());
                    } else {
                        out.fixed.insert(c.key.clone());
                    }
                }
            }
            (None, Some(_)) => {
                if claimed {
                    out.fixed.insert(c.key.clone());
                }
            }
            (both, _) => {
                let what = if both.is_some() { "both" } else { "neither" };
                rep.key(
                    &cp.join("key"),
                    Code::ComputedValue,
                    format!(
                        "computed value `{}` has {what} of `base64` and `constant`",
                        c.key
                    ),
                    shown(&c.key),
                    "give exactly one: `base64: \"{api_key}:\"` or `constant: X`",
                );
            }
        }
    }
    for (name, t) in &m.send.query {
        for v in vars(t) {
            if out.per_request.contains(&v) {
                rep.value(
                    &sp.join("query").join(name),
                    Code::SignedValueMisplaced,
                    format!("`{{{v}}}` is known only once the request is signed, and the query is part of what is signed"),
                    shown(t),
                    "send the signature or time stamp in a header or in `basic`",
                );
            }
        }
    }
    out
}

fn part_name(p: CanonicalPart) -> &'static str {
    match p {
        CanonicalPart::Timestamp => "timestamp",
        CanonicalPart::Method => "method",
        CanonicalPart::Host => "host",
        CanonicalPart::Path => "path",
        CanonicalPart::Query => "query",
        CanonicalPart::SortedQuery => "sorted_query",
    }
}

/// Checks the connection test's body and response checks. `names` are what body
/// templates may name.
pub(crate) fn check_test_request(
    rep: &mut Reporter<'_>,
    t: &ConnectionTest,
    tp: &Ptr,
    names: &BTreeSet<&str>,
    m: &AuthMethod,
) {
    if let Some(body) = &t.body {
        let bp = tp.join("body");
        if t.method != HttpMethod::Post {
            rep.key(
                &bp,
                Code::RequestBody,
                format!(
                    "a connection test with a body must be POST, not {}",
                    t.method.as_str()
                ),
                "here",
                "set `method: POST`, or remove `body`",
            );
        }
        match body {
            TestBody::Json(v) => json_templates(rep, &bp.join("json"), v, names, m),
            TestBody::Graphql(g) => {
                if g.query.trim().is_empty() {
                    rep.value(
                        &bp.join("graphql").join("query"),
                        Code::RequestBody,
                        "the GraphQL query is empty",
                        "here",
                        "write the query, e.g. `query { me { id } }`",
                    );
                }
                if let Some(vars) = &g.variables {
                    let vp = bp.join("graphql").join("variables");
                    if !vars.is_object() {
                        rep.value(
                            &vp,
                            Code::RequestBody,
                            "GraphQL `variables` must be a mapping of names to values",
                            "here",
                            "write `variables: {name: value}`",
                        );
                    }
                    json_templates(rep, &vp, vars, names, m);
                }
            }
        }
    }
    if !t.checks.is_empty() && t.method == HttpMethod::Head {
        rep.key(
            &tp.join("checks"),
            Code::CheckCondition,
            "a HEAD answer has no body to check",
            "here",
            "use GET or POST, or remove `checks`",
        );
    }
    for (i, c) in t.checks.iter().enumerate() {
        let cp = tp.join("checks").join(i);
        check_pointer(rep, &cp.join("pointer"), &c.pointer);
        let given = [
            c.equals.is_some(),
            c.exists.is_some(),
            c.non_empty.is_some(),
        ];
        let n = given.iter().filter(|g| **g).count();
        if n != 1 {
            rep.key(
                &cp.join("pointer"),
                Code::CheckCondition,
                if n == 0 {
                    "this check has no condition".to_owned()
                } else {
                    "this check has more than one condition".to_owned()
                },
                shown(&c.pointer),
                "give exactly one of `equals: <value>`, `exists: true|false` or `non_empty: true`",
            );
        }
        if c.non_empty == Some(false) {
            rep.value(
                &cp.join("non_empty"),
                Code::CheckCondition,
                "`non_empty: false` checks nothing",
                "`false`",
                "write `non_empty: true`, or `exists: false` for a member that must be absent",
            );
        }
        non_empty(rep, &cp.join("meaning"), &c.meaning, "meaning");
    }
    if let Some(id) = &t.identity {
        check_identity(rep, t, id, &tp.join("identity"));
    }
    if let Some(l) = &t.learns {
        crate::check::learns::check_learns(rep, m, t, l, &tp.join("learns"));
    }
}

/// E061 for a pointer that is not RFC 6901.
pub(crate) fn check_pointer(rep: &mut Reporter<'_>, ptr: &str, p: &str) -> bool {
    let Err(why) = pointer_syntax(p) else {
        return true;
    };
    rep.value(
        ptr,
        Code::BadPointer,
        format!("`{p}` is not a JSON pointer: {why}"),
        shown(p),
        "write an RFC 6901 pointer such as `/data/me/id`: `/` before each member name, `~0` for `~` and `~1` for `/`",
    );
    false
}

/// The identity: a valid pointer, a label that says something, a body to read it from,
/// and no response check that makes it absent or the same for every account.
fn check_identity(rep: &mut Reporter<'_>, t: &ConnectionTest, id: &Identity, ip: &Ptr) {
    let pp = ip.join("pointer");
    let valid = check_pointer(rep, &pp, &id.pointer);
    if let Some(label) = &id.label {
        non_empty(rep, &ip.join("label"), label, "label");
    }
    if t.method == HttpMethod::Head {
        rep.key(
            ip,
            Code::BadIdentity,
            "a HEAD answer has no body to read the identity from",
            "here",
            "use GET or POST, or remove `identity`",
        );
    }
    if !valid {
        return;
    }
    for c in &t.checks {
        // The part of the identity's pointer below the check's member, when the check's
        // member is the identity or holds it.
        let Some(rest) = id.pointer.strip_prefix(c.pointer.as_str()) else {
            continue;
        };
        if !(rest.is_empty() || rest.starts_with('/')) || pointer_syntax(&c.pointer).is_err() {
            continue;
        }
        let at = &c.pointer;
        let why = if c.exists == Some(false) {
            format!(
                "the check on `{at}` requires it to be absent from a successful answer, so the identity is never there"
            )
        } else if let Some(v) = &c.equals {
            match v.pointer(rest) {
                Some(x) => format!(
                    "the check on `{at}` pins it to one value, so the identity is `{x}` for every account"
                ),
                None => format!(
                    "the check on `{at}` pins it to a value without the identity, so the identity is never there"
                ),
            }
        } else {
            continue;
        };
        rep.value(
            &pp,
            Code::BadIdentity,
            why,
            shown(&id.pointer),
            "point `identity` at the member that tells accounts apart (a user or account id), or change the check",
        );
    }
}

/// Every string in a JSON body is a template over `names`.
fn json_templates(
    rep: &mut Reporter<'_>,
    ptr: &Ptr,
    v: &serde_json::Value,
    names: &BTreeSet<&str>,
    m: &AuthMethod,
) {
    match v {
        serde_json::Value::String(s) => check_template(rep, ptr, s, names, m),
        serde_json::Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                json_templates(rep, &ptr.join(i), x, names, m);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, x) in map {
                json_templates(rep, &ptr.join(k), x, names, m);
            }
        }
        _ => {}
    }
}

/// RFC 6901: empty, or `/`-separated reference tokens where `~` is followed by `0` or `1`.
pub fn pointer_syntax(p: &str) -> Result<(), &'static str> {
    if p.is_empty() {
        return Ok(());
    }
    if !p.starts_with('/') {
        return Err("it must be empty or start with `/`");
    }
    let b = p.as_bytes();
    for (i, c) in b.iter().enumerate() {
        if *c == b'~' && !matches!(b.get(i + 1), Some(b'0' | b'1')) {
            return Err("`~` must be followed by `0` or `1`");
        }
    }
    Ok(())
}

/// URLs are logged and shown, so they may name a secret only as (part of) one path
/// segment, where it is percent-encoded and the service redacts it: never in the host
/// or the query (`send.query` carries secrets to the query). Per-request values and
/// computed values never go into a URL.
pub(crate) fn check_url_secrets(
    rep: &mut Reporter<'_>,
    ptr: &str,
    t: &str,
    start: UrlPart,
    m: &AuthMethod,
) {
    let Some(owned) = crate::check::hosts::owned_template(t) else {
        return;
    };
    let segs: Vec<Segment<'_>> = owned.segments();
    let tpl = Template { segments: &segs };
    let mut found = Vec::new();
    placeholder_parts(&[&tpl], start, |k, part| found.push((k, part)));
    for (key, part) in found {
        if m.field(key).is_some_and(|f| f.secret) && part != UrlPart::Path {
            rep.value(
                ptr,
                Code::InvalidTemplate,
                format!("URL template uses the secret value `{{{key}}}` outside the path"),
                shown(t),
                "a secret may stand only in a path segment (`/bot{token}/getMe`); send it in `send` (headers, query or basic auth) otherwise",
            );
        }
    }
}
