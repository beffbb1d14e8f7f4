//! Checks of token exchanges (`kind: token_exchange`), JWT assertions, private-key
//! fields, and OAuth discovery with dynamic registration.

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::check::request::check_pointer;
use crate::diag::Code;
use crate::diag::{Reporter, shown};
use crate::model::*;
use crate::pointer::Ptr;

/// The names an exchange's templates may use: the fields, derived values and (with an
/// assertion) `{assertion}`.
fn exchange_names<'m>(m: &'m AuthMethod, names: &BTreeSet<&'m str>) -> BTreeSet<&'m str> {
    let mut out = names.clone();
    if m.exchange.as_ref().is_some_and(|e| e.assertion.is_some()) {
        out.insert(ASSERTION);
    }
    out
}

/// Every template of the exchange request, with its pointer.
pub(crate) fn request_templates<'e>(e: &'e Exchange, ep: &Ptr) -> Vec<(String, &'e str)> {
    let mut out = vec![(ep.join("url").to_string(), e.url.as_str())];
    for (k, v) in &e.headers {
        out.push((ep.join("headers").join(k.as_str()).to_string(), v.as_str()));
    }
    if let Some(b) = &e.basic {
        out.push((
            ep.join("basic").join("username").to_string(),
            b.username.as_str(),
        ));
        out.push((
            ep.join("basic").join("password").to_string(),
            b.password.as_str(),
        ));
    }
    match &e.body {
        Some(ExchangeBody::Form(f)) => {
            for (k, v) in f {
                out.push((
                    ep.join("body").join("form").join(k.as_str()).to_string(),
                    v.as_str(),
                ));
            }
        }
        Some(ExchangeBody::Json(v)) => json_strings(v, &ep.join("body").join("json"), &mut out),
        None => {}
    }
    out
}

fn json_strings<'v>(v: &'v serde_json::Value, p: &Ptr, out: &mut Vec<(String, &'v str)>) {
    match v {
        serde_json::Value::String(s) => out.push((p.to_string(), s.as_str())),
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                json_strings(x, &p.join(i), out);
            }
        }
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                json_strings(x, &p.join(k.as_str()), out);
            }
        }
        _ => {}
    }
}

/// The templates an assertion renders.
fn assertion_templates<'a>(a: &'a Assertion, ap: &Ptr) -> Vec<(String, &'a str)> {
    let mut out = vec![
        (ap.join("issuer").to_string(), a.issuer.as_str()),
        (ap.join("audience").to_string(), a.audience.as_str()),
    ];
    if let Some(s) = &a.subject {
        out.push((ap.join("subject").to_string(), s.as_str()));
    }
    if let Some(k) = &a.key_id {
        out.push((ap.join("key_id").to_string(), k.as_str()));
    }
    for (k, v) in &a.claims {
        out.push((ap.join("claims").join(k.as_str()).to_string(), v.as_str()));
    }
    out
}

/// The keys every template of the exchange (request and assertion) names.
pub(crate) fn used_keys(m: &AuthMethod) -> Vec<String> {
    let Some(e) = &m.exchange else {
        return Vec::new();
    };
    let p = Ptr::root();
    let mut t = request_templates(e, &p);
    let mut keys: Vec<String> = Vec::new();
    if let Some(a) = &e.assertion {
        t.extend(assertion_templates(a, &p));
        keys.push(a.key.clone());
    }
    for (_, s) in t {
        keys.extend(crate::check::request::vars(s));
    }
    keys
}

/// Claims the service writes itself.
const RESERVED_CLAIMS: [&str; 7] = ["iss", "sub", "aud", "iat", "exp", "jti", "scope"];

pub(crate) fn check_exchange(
    rep: &mut Reporter<'_>,
    m: &AuthMethod,
    p: &Ptr,
    names: &BTreeSet<&str>,
) {
    let is_kind = m.kind == AuthKind::TokenExchange;
    match (&m.exchange, is_kind) {
        (None, true) => {
            return rep.key(
                &p.join("kind"),
                Code::Exchange,
                "`kind: token_exchange` needs an `exchange` block",
                "here",
                "add `exchange: {url: …, body: {form: {…}}}` saying how the fields are traded for a token",
            );
        }
        (Some(_), false) => {
            return rep.key(
                &p.join("exchange"),
                Code::Exchange,
                "`exchange` only applies to `kind: token_exchange`",
                "here",
                "set `kind: token_exchange`, or remove `exchange`",
            );
        }
        (None, false) => return,
        (Some(_), true) => {}
    }
    let e = m.exchange.as_ref().expect("matched");
    let ep = p.join("exchange");
    for what in ["grant", "oauth"] {
        let present = match what {
            "grant" => m.grant.is_some(),
            _ => m.oauth.is_some(),
        };
        if present {
            rep.key(
                &p.join(what),
                Code::Exchange,
                format!("`{what}` does not apply to a token exchange"),
                "here",
                "remove it: the `exchange` block says the whole request",
            );
        }
    }
    let names = exchange_names(m, names);
    https(rep, &ep.join("url"), &e.url);
    for (ptr, t) in request_templates(e, &ep) {
        if ptr == ep.join("url").as_str() {
            check_url_template(rep, &ptr, t, &names, m);
            crate::check::request::check_url_secrets(
                rep,
                &ptr,
                t,
                connectspec_runtime::UrlPart::Scheme,
                m,
            );
            if crate::check::request::vars(t)
                .iter()
                .any(|v| v == ASSERTION)
            {
                rep.value(
                    &ptr,
                    Code::Exchange,
                    "the signed assertion may not stand in the URL",
                    shown(t),
                    "send `{assertion}` in the body, e.g. `body: {form: {assertion: \"{assertion}\"}}`",
                );
            }
        } else {
            check_template(rep, &ptr, t, &names, m);
        }
    }
    if e.body.is_some() && e.method != HttpMethod::Post {
        rep.key(
            &ep.join("body"),
            Code::Exchange,
            format!(
                "an exchange with a body must be POST, not {}",
                e.method.as_str()
            ),
            "here",
            "remove `method`, or remove `body`",
        );
    }
    let uses_assertion = used_keys(m).iter().any(|k| k == ASSERTION);
    match (&e.assertion, uses_assertion) {
        (Some(_), false) => rep.key(
            &ep.join("assertion"),
            Code::Exchange,
            "the signed assertion is never sent",
            "here",
            "send it in the body, e.g. `assertion: \"{assertion}\"` or `client_assertion: \"{assertion}\"`",
        ),
        (Some(a), true) => check_assertion(rep, m, a, &ep.join("assertion"), &names),
        _ => {}
    }
    check_response(rep, m, &e.response, &ep.join("response"));
}

fn check_response(rep: &mut Reporter<'_>, m: &AuthMethod, r: &ExchangeResponse, rp: &Ptr) {
    check_pointer(rep, &rp.join("access_token"), &r.access_token);
    if let Some(x) = &r.expires_in {
        check_pointer(rep, &rp.join("expires_in"), x);
    }
    if let Some(x) = &r.expires_at {
        check_pointer(rep, &rp.join("expires_at").join("pointer"), &x.pointer);
        if r.expires_in.is_some() {
            rep.key(
                &rp.join("expires_at"),
                Code::ContradictoryLimits,
                "both `expires_in` and `expires_at` are given",
                "here",
                "keep the one the provider's answer has",
            );
        }
    }
    let mut keys = BTreeMap::new();
    for (i, c) in r.capture.iter().enumerate() {
        let cp = rp.join("capture").join(i);
        let clash = c.key == ASSERTION;
        crate::check::oauth::check_capture_key(rep, m, &mut keys, &cp, &c.key, clash, "site_id");
        non_empty(rep, &cp.join("label"), &c.label, "label");
        check_pointer(rep, &cp.join("pointer"), &c.pointer);
        crate::check::oauth::check_capture_example(rep, &cp, &c.key, &c.pattern, &c.example);
    }
}

fn check_assertion(
    rep: &mut Reporter<'_>,
    m: &AuthMethod,
    a: &Assertion,
    ap: &Ptr,
    names: &BTreeSet<&str>,
) {
    match m.field(&a.key) {
        None => unknown_field(rep, &ap.join("key"), &a.key, m),
        Some(f) => match &f.private_key {
            None => rep.value(
                &ap.join("key"),
                Code::PrivateKey,
                format!("field `{}` holds no private key", a.key),
                shown(&a.key),
                "name a field with `private_key: {container: pem}` (or `json` for a key file)",
            ),
            Some(k) if k.algorithm != a.algorithm => rep.value(
                &ap.join("algorithm"),
                Code::PrivateKey,
                format!(
                    "the assertion is signed with {} but field `{}` takes keys for {}",
                    a.algorithm.as_str(),
                    a.key,
                    k.algorithm.as_str()
                ),
                shown(a.algorithm.as_str()),
                "make `algorithm` and the field's `private_key.algorithm` the same",
            ),
            Some(_) => {}
        },
    }
    if a.lifetime_seconds == 0 || a.lifetime_seconds > 3600 {
        rep.value(
            &ap.join("lifetime_seconds"),
            Code::PrivateKey,
            format!(
                "an assertion lifetime of {} seconds is out of range",
                a.lifetime_seconds
            ),
            shown(&a.lifetime_seconds.to_string()),
            "give 1 to 3600 seconds: token endpoints refuse longer-lived assertions",
        );
    }
    for (ptr, t) in assertion_templates(a, ap) {
        let own: BTreeSet<&str> = names.iter().copied().filter(|n| *n != ASSERTION).collect();
        check_template(rep, &ptr, t, &own, m);
    }
    for k in a.claims.keys() {
        if RESERVED_CLAIMS.contains(&k.as_str()) {
            rep.key(
                &ap.join("claims").join(k.as_str()),
                Code::PrivateKey,
                format!("claim `{k}` is written by the service"),
                shown(k),
                "use `issuer`, `subject`, `audience` or `scopes` for it, or remove it",
            );
        }
    }
    for (i, s) in a.scopes.iter().enumerate() {
        scope_ref(rep, &ap.join("scopes").join(i), s, m);
    }
}

/// The `private_key` of field `f`: secret, a key file's members consistent.
pub(crate) fn check_private_key(rep: &mut Reporter<'_>, f: &Field, fp: &Ptr) {
    let Some(k) = &f.private_key else {
        return;
    };
    let kp = fp.join("private_key");
    if !f.secret {
        rep.key(
            &fp.join("key"),
            Code::SecretNotMarked,
            format!("field `{}` holds a private key but is not secret", f.key),
            shown(&f.key),
            "add `secret: true`",
        );
    }
    if f.pattern.is_some() || f.format.is_some() || !f.prefixes.is_empty() {
        rep.key(
            &kp,
            Code::PrivateKey,
            "a private-key field takes no `pattern`, `format` or `prefixes`",
            "here",
            "remove them: the key is checked by parsing it",
        );
    }
    match k.container {
        KeyContainer::Pem => {
            if !k.members.is_empty() || k.key_member.is_some() || !k.equals.is_empty() {
                rep.key(
                    &kp.join("container"),
                    Code::PrivateKey,
                    "`members`, `key_member` and `equals` apply to a JSON key file only",
                    "here",
                    "set `container: json`, or remove them",
                );
            }
        }
        KeyContainer::Json => {
            let mut seen = BTreeMap::new();
            for (i, mem) in k.members.iter().enumerate() {
                duplicate(rep, &mut seen, mem, &kp.join("members").join(i), "member");
                if !is_snake(mem) {
                    rep.value(
                        &kp.join("members").join(i),
                        Code::InvalidId,
                        format!("member `{mem}` is not a snake_case name"),
                        shown(mem),
                        "key-file members are named like `client_email`",
                    );
                }
            }
            match &k.key_member {
                None => rep.key(
                    &kp,
                    Code::PrivateKey,
                    "a key file needs `key_member`, the member holding the PEM key",
                    "here",
                    "add `key_member: private_key`",
                ),
                Some(km) if !k.members.contains(km) => rep.value(
                    &kp.join("key_member"),
                    Code::PrivateKey,
                    format!("`key_member` `{km}` is not one of `members`"),
                    shown(km),
                    format!("add `{km}` to `members`"),
                ),
                Some(_) => {}
            }
            for name in k.equals.keys() {
                if !k.members.contains(name) {
                    rep.key(
                        &kp.join("equals").join(name.as_str()),
                        Code::PrivateKey,
                        format!("`equals` names `{name}`, which is not one of `members`"),
                        shown(name),
                        format!("add `{name}` to `members`"),
                    );
                }
            }
        }
    }
    if k.algorithm == JwtAlgorithm::RS256 && !(2048..=16384).contains(&k.min_bits) {
        rep.value(
            &kp.join("min_bits"),
            Code::PrivateKey,
            format!("an RSA key size floor of {} bits", k.min_bits),
            shown(&k.min_bits.to_string()),
            "give 2048 to 16384: shorter RSA keys are not safe",
        );
    }
}

/// OAuth discovery and dynamic registration.
pub(crate) fn check_discovery(rep: &mut Reporter<'_>, m: &AuthMethod, p: &Ptr, o: &OAuth) {
    let op = p.join("oauth");
    let dynamic = o.client == ClientOwner::Dynamic;
    match &o.discovery {
        None => {
            if dynamic {
                rep.value(
                    &op.join("client"),
                    Code::Discovery,
                    "`client: dynamic` needs `discovery` to find the registration endpoint",
                    shown("dynamic"),
                    "add `discovery: {resource: https://…}` naming the protected resource",
                );
            }
            if o.token_url.is_none() {
                rep.key(
                    &op,
                    Code::OAuthGrant,
                    "`oauth` needs `token_url`",
                    "here",
                    "add `token_url: https://…`, or `discovery` to find it",
                );
            }
        }
        Some(d) => {
            let dp = op.join("discovery");
            if m.grant != Some(Grant::AuthorizationCode) {
                rep.key(
                    &dp,
                    Code::Discovery,
                    "discovery serves the authorization code grant only",
                    "here",
                    "set `grant: authorization_code`, or name the endpoints",
                );
            }
            for (name, v) in [
                ("authorization_url", &o.authorization_url),
                ("token_url", &o.token_url),
                ("refresh_url", &o.refresh_url),
            ] {
                if v.is_some() {
                    rep.key(
                        &op.join(name),
                        Code::Discovery,
                        format!("`{name}` is found by `discovery`; it may not be named too"),
                        "here",
                        format!("remove `{name}`"),
                    );
                }
            }
            https(rep, &dp.join("resource"), &d.resource);
            let names: BTreeSet<&str> = m.fields.iter().map(|f| f.key.as_str()).collect();
            check_url_template(rep, &dp.join("resource"), &d.resource, &names, m);
            if dynamic && !m.setup_fields.is_empty() {
                rep.key(
                    &p.join("setup_fields"),
                    Code::Discovery,
                    "a dynamically registered client has no setup fields",
                    "here",
                    "remove `setup_fields`: the client is registered for each connection",
                );
            }
        }
    }
}
