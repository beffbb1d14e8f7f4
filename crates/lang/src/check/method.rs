//! Checks of one auth method: fields, derived values, what is sent, the connection test.

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::diag::Code;
use crate::diag::{Reporter, shown};
use crate::model::*;
use crate::pointer::Ptr;
use connectspec_runtime::Part;

pub(crate) fn check_method(rep: &mut Reporter<'_>, m: &AuthMethod, p: &Ptr) {
    check_id(rep, &p.join("id"), &m.id, "auth method id");
    non_empty(rep, &p.join("label"), &m.label, "label");
    if m.fields.is_empty() && !m.is_oauth() {
        rep.value(
            &p.join("fields"),
            Code::InvalidValue,
            "`fields` is empty",
            "here",
            "declare the form fields the end user fills in",
        );
    }
    let mut keys = BTreeMap::new();
    for (i, f) in m.fields.iter().enumerate() {
        let fp = p.join("fields").join(i);
        duplicate(rep, &mut keys, &f.key, &fp.join("key"), "field key");
        check_field(rep, f, &fp);
    }
    // Names usable in templates: field keys and derived keys.
    let mut names: BTreeSet<&str> = m.fields.iter().map(|f| f.key.as_str()).collect();
    check_derived(rep, m, p, &mut names);
    check_rules(rep, m, p);
    // Values of the token response (OAuth): captures in URLs, the token in `send`.
    let captures: Vec<&str> = m
        .oauth
        .iter()
        .flat_map(|o| o.token_response.capture.iter().map(|c| c.key.as_str()))
        .chain(
            m.exchange
                .iter()
                .flat_map(|e| e.response.capture.iter().map(|c| c.key.as_str())),
        )
        .collect();
    // The exchange request is made before its answer is known: fields and derived
    // values only.
    crate::check::exchange::check_exchange(rep, m, p, &names);
    names.extend(captures);
    check_url_template(rep, &p.join("base_url"), &m.base_url, &names, m);
    crate::check::request::check_url_secrets(
        rep,
        &p.join("base_url"),
        &m.base_url,
        connectspec_runtime::UrlPart::Scheme,
        m,
    );
    if let Some(t) = &m.connection_test {
        crate::check::request::check_url_secrets(
            rep,
            &p.join("connection_test").join("path"),
            &t.path,
            connectspec_runtime::UrlPart::Path,
            m,
        );
    }
    // A base URL opening with a placeholder is the user's (self-hosted): the host proof
    // requires an https URL field there.
    if !m.base_url.starts_with("https://") && !m.base_url.starts_with('{') {
        rep.value(
            &p.join("base_url"),
            Code::NotHttps,
            "base URL is not https",
            shown(&m.base_url),
            "credentials are only ever sent over https: use an https:// URL",
        );
    }
    let mut send_names = names.clone();
    if m.is_oauth() || m.kind == AuthKind::TokenExchange {
        send_names.insert(ACCESS_TOKEN);
    }
    let body_names = send_names.clone();
    let extra = crate::check::request::check_send_values(rep, m, p, &send_names);
    send_names.extend(extra.all());
    check_send(rep, m, p, &send_names);
    crate::check::oauth::check_oauth(rep, m, p);
    crate::check::hosts::check_hosts(rep, m, p);
    if let Some(t) = &m.connection_test {
        check_connection_test(rep, m, t, &p.join("connection_test"), &names, &body_names);
    }
    crate::check::scopes::check_scopes(rep, m, p);
    check_limits(rep, m, p);
    check_guide(rep, m, p);
}

/// Derived values: unique keys, a known source field, a pattern with a `value` group.
/// Each key joins `names`, what templates may use.
fn check_derived<'m>(
    rep: &mut Reporter<'_>,
    m: &'m AuthMethod,
    p: &Ptr,
    names: &mut BTreeSet<&'m str>,
) {
    for (i, d) in m.derived.iter().enumerate() {
        let dp = p.join("derived").join(i);
        check_id(rep, &dp.join("key"), &d.key, "derived key");
        if !names.insert(&d.key) {
            rep.value(
                &dp.join("key"),
                Code::DuplicateId,
                format!("derived key `{}` is already a field or derived key", d.key),
                shown(&d.key),
                "choose a key no field uses",
            );
        }
        if m.field(&d.from).is_none() {
            unknown_field(rep, &dp.join("from"), &d.from, m);
        }
        if let Some(compiled) = check_pattern(rep, &dp.join("pattern"), &d.pattern)
            && !has_capture(&compiled.hir, "value")
        {
            rep.value(
                &dp.join("pattern"),
                Code::InvalidRegex,
                "derived pattern has no capture group named `value`",
                shown(&d.pattern),
                "wrap the part to extract in `(?P<value>…)`",
            );
        }
        for (k, v) in &d.map {
            if k.is_empty() || v.trim().is_empty() {
                rep.value(
                    &dp.join("map").join(k.as_str()),
                    Code::InvalidValue,
                    "a derived value's map names an empty text or maps to an empty value",
                    shown(if k.is_empty() { v } else { k }),
                    "map each text the pattern extracts to the value it stands for",
                );
            }
        }
    }
}

/// Cross-field rules: known fields and options, prefixes that can hold.
fn check_rules(rep: &mut Reporter<'_>, m: &AuthMethod, p: &Ptr) {
    for (i, r) in m.rules.iter().enumerate() {
        let rp = p.join("rules").join(i);
        match m.field(&r.when.field) {
            None => unknown_field(rep, &rp.join("when").join("field"), &r.when.field, m),
            Some(f) if !f.options.is_empty() => {
                for (j, v) in r.when.equals.iter().enumerate() {
                    if !f.options.iter().any(|o| &o.value == v) {
                        rep.value(
                            &rp.join("when").join("equals").join(j),
                            Code::UnknownReference,
                            format!("`{v}` is not an option of field `{}`", f.key),
                            shown(v),
                            "use one of the field's option values",
                        );
                    }
                }
            }
            Some(_) => {}
        }
        if r.when.equals.is_empty() {
            rep.value(
                &rp.join("when").join("equals"),
                Code::InvalidValue,
                "`equals` is empty, so the rule never applies",
                "here",
                "list the values that make the rule apply",
            );
        }
        match m.field(&r.then.field) {
            None => unknown_field(rep, &rp.join("then").join("field"), &r.then.field, m),
            Some(t) => {
                if r.then.prefixes.is_empty() {
                    rep.value(
                        &rp.join("then").join("prefixes"),
                        Code::InvalidValue,
                        "`prefixes` is empty",
                        "here",
                        "list the prefixes the field must start with",
                    );
                }
                for (j, pre) in r.then.prefixes.iter().enumerate() {
                    if !t.prefixes.is_empty()
                        && !t.prefixes.iter().any(|tp| pre.starts_with(tp.as_str()))
                    {
                        rep.value(&rp.join("then").join("prefixes").join(j), Code::ContradictoryLimits, format!("rule prefix `{pre}` can never hold: field `{}` only allows other prefixes", t.key), shown(pre), "make the rule's prefixes extend one of the field's `prefixes`");
                    }
                }
            }
        }
        non_empty(rep, &rp.join("message"), &r.message, "message");
    }
}

/// The connection test: its path, request, statuses and outcomes. `names` are what the
/// path may name, `body_names` what the body may.
fn check_connection_test(
    rep: &mut Reporter<'_>,
    m: &AuthMethod,
    t: &ConnectionTest,
    tp: &Ptr,
    names: &BTreeSet<&str>,
    body_names: &BTreeSet<&str>,
) {
    if !t.path.starts_with('/') {
        rep.value(
            &tp.join("path"),
            Code::InvalidValue,
            "connection test path must start with `/`",
            shown(&t.path),
            "write the path relative to `base_url`, e.g. `/v1/ping`",
        );
    }
    check_url_template(rep, &tp.join("path"), &t.path, names, m);
    crate::check::request::check_test_request(rep, t, tp, body_names, m);
    status(rep, &tp.join("expect_status"), t.expect_status);
    let mut seen = BTreeSet::new();
    for (i, o) in t.outcomes.iter().enumerate() {
        let op = tp.join("outcomes").join(i);
        status(rep, &op.join("status"), o.status);
        if o.status == t.expect_status || !seen.insert(o.status) {
            rep.value(
                &op.join("status"),
                Code::DuplicateId,
                format!("status {} is described twice", o.status),
                format!("`{}`", o.status),
                "describe each status once, and not the success status",
            );
        }
        non_empty(rep, &op.join("meaning"), &o.meaning, "meaning");
        if o.missing_scopes && t.requires_scopes.is_empty() {
            rep.value(
                &op.join("missing_scopes"),
                Code::UnknownReference,
                "`missing_scopes` is set but the test declares no `requires_scopes`",
                "here",
                "list the scopes the test request needs in `requires_scopes`",
            );
        }
    }
    for (i, s) in t.requires_scopes.iter().enumerate() {
        scope_ref(rep, &tp.join("requires_scopes").join(i), s, m);
    }
}

pub(crate) fn check_send(rep: &mut Reporter<'_>, m: &AuthMethod, p: &Ptr, names: &BTreeSet<&str>) {
    let s = &m.send;
    let sp = p.join("send");
    // A secret in a path segment of the URL (a bot token) is sent with the URL.
    let in_url: BTreeSet<String> = std::iter::once(m.base_url.as_str())
        .chain(m.connection_test.iter().map(|t| t.path.as_str()))
        .flat_map(crate::check::request::vars)
        .filter(|k| m.field(k).is_some_and(|f| f.secret))
        .collect();
    if s.headers.is_empty() && s.query.is_empty() && s.basic.is_none() && in_url.is_empty() {
        rep.value(
            &sp,
            Code::InvalidValue,
            "`send` sends nothing",
            "here",
            "declare `headers`, `query` or `basic` built from the fields (or put the secret in a URL path segment)",
        );
    }
    for (name, t) in &s.headers {
        let hp = sp.join("headers").join(name);
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
        {
            rep.key(
                &hp,
                Code::InvalidValue,
                format!("`{name}` is not a valid HTTP header name"),
                shown(name),
                "use letters, digits and hyphens, e.g. `X-Api-Key`",
            );
        }
        check_template(rep, &hp, t, names, m);
    }
    for (name, t) in &s.query {
        check_template(rep, &sp.join("query").join(name), t, names, m);
    }
    if let Some(b) = &s.basic {
        check_template(
            rep,
            &sp.join("basic").join("username"),
            &b.username,
            names,
            m,
        );
        check_template(
            rep,
            &sp.join("basic").join("password"),
            &b.password,
            names,
            m,
        );
    }
    let kind_ok = match m.kind {
        AuthKind::ApiKeyHeader => !s.headers.is_empty(),
        AuthKind::ApiKeyQuery => !s.query.is_empty(),
        AuthKind::Bearer => s
            .headers
            .iter()
            .any(|(k, v)| k.eq_ignore_ascii_case("authorization") && v.starts_with("Bearer ")),
        AuthKind::Basic => s.basic.is_some(),
        AuthKind::Custom | AuthKind::Oauth2 | AuthKind::TokenExchange => true,
    };
    if !kind_ok {
        let need = match m.kind {
            AuthKind::ApiKeyHeader => "a header in `send.headers`",
            AuthKind::ApiKeyQuery => "a parameter in `send.query`",
            AuthKind::Bearer => "`send.headers.Authorization: \"Bearer {field}\"`",
            AuthKind::Basic => "`send.basic`",
            AuthKind::Custom | AuthKind::Oauth2 | AuthKind::TokenExchange => "",
        };
        rep.value(
            &p.join("kind"),
            Code::InvalidValue,
            format!("`kind` does not match `send`: this kind needs {need}"),
            "here",
            "make `kind` and `send` agree, or use `kind: custom`",
        );
    }
    let templates_ok = s
        .headers
        .values()
        .chain(s.query.values())
        .chain(s.basic.iter().flat_map(|b| [&b.username, &b.password]))
        .all(|t| connectspec_runtime::parse_template(t).is_ok());
    if !templates_ok {
        return; // which fields are sent is unknown until the templates parse
    }
    let used: BTreeSet<String> = s
        .headers
        .values()
        .chain(s.query.values())
        .chain(s.basic.iter().flat_map(|b| [&b.username, &b.password]))
        .chain(s.computed.iter().filter_map(|c| c.base64.as_ref()))
        .chain(s.sign.iter().map(|g| &g.secret))
        // A password grant sends the end user's secret in the token request only.
        .chain(m.oauth.iter().flat_map(|o| o.token_params.values()))
        .filter_map(|t| connectspec_runtime::parse_template(t).ok())
        .flat_map(|parts| {
            Part::placeholders(&parts)
                .into_iter()
                .map(|(v, _)| v.key.clone())
                .collect::<Vec<_>>()
        })
        .chain(in_url)
        .chain(crate::check::exchange::used_keys(m))
        .collect();
    for (i, f) in m.fields.iter().enumerate() {
        if f.secret && !used.contains(&f.key) {
            rep.value(&p.join("fields").join(i).join("key"), Code::UnknownReference, format!("secret field `{}` is never sent", f.key), shown(&f.key), "use it in `send` (e.g. a header `{field}`) or drop `secret: true` if it is not a credential");
        }
    }
}
