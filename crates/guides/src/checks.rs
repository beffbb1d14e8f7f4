//! What a page says the service does when the end user clicks **Connect**: the token
//! exchange (and the assertion it signs), discovery and registration for MCP servers,
//! the connection test's request, the identity it reads and what else it learns.
//! Derived from the spec alone, so a page cannot promise a check the service does not
//! make.

use connectspec_lang::inline::Inline;
use connectspec_lang::{AuthMethod, ClientOwner, ExchangeBody, ProviderSpec};

use crate::Flavor;

fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

fn code(s: impl Into<String>) -> Inline {
    Inline::Code(s.into())
}

/// The host of a URL template (`https://{instance}.jamfcloud.com/api` →
/// `{instance}.jamfcloud.com`), for naming where a request goes.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    &rest[..end]
}

/// Labels of the fields an exchange request names, in form order, joined as prose.
fn exchanged_fields(m: &AuthMethod) -> String {
    let used = exchange_keys(m);
    let labels: Vec<&str> = m
        .fields
        .iter()
        .filter(|f| used.iter().any(|k| k == &f.key))
        .map(|f| f.label.as_str())
        .collect();
    match labels.as_slice() {
        [] => "the values you enter".to_owned(),
        [one] => format!("the {one}"),
        [init @ .., last] => format!("the {} and {last}", init.join(", ")),
    }
}

/// The field keys the exchange's templates and assertion name.
fn exchange_keys(m: &AuthMethod) -> Vec<String> {
    let Some(e) = &m.exchange else {
        return Vec::new();
    };
    let mut texts: Vec<&str> = vec![e.url.as_str()];
    texts.extend(e.headers.values().map(String::as_str));
    if let Some(b) = &e.basic {
        texts.extend([b.username.as_str(), b.password.as_str()]);
    }
    let json;
    match &e.body {
        Some(ExchangeBody::Form(f)) => texts.extend(f.values().map(String::as_str)),
        Some(ExchangeBody::Json(v)) => {
            json = v.to_string();
            texts.push(&json);
        }
        None => {}
    }
    let mut keys: Vec<String> = texts
        .iter()
        .flat_map(|t| {
            connectspec_runtime::parse_template(t)
                .map(|parts| {
                    connectspec_runtime::Part::placeholders(&parts)
                        .into_iter()
                        .map(|(v, _)| v.key.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .collect();
    if let Some(a) = &e.assertion {
        keys.push(a.key.clone());
        for t in [&a.issuer, &a.audience]
            .into_iter()
            .chain(a.subject.as_ref())
        {
            if let Ok(parts) = connectspec_runtime::parse_template(t) {
                keys.extend(
                    connectspec_runtime::Part::placeholders(&parts)
                        .into_iter()
                        .map(|(v, _)| v.key.clone()),
                );
            }
        }
    }
    keys
}

/// The sentences, each a run of inline nodes.
pub fn check_sentences(spec: &ProviderSpec, m: &AuthMethod) -> Vec<Vec<Inline>> {
    let mut out = Vec::new();
    if let Some(o) = &m.oauth
        && let Some(d) = &o.discovery
    {
        let mut s = vec![
            text("The Hub reads the metadata of "),
            code(d.resource.clone()),
            text(" to find its authorization server"),
        ];
        if o.client == ClientOwner::Dynamic {
            s.push(text(
                " and registers a client there for this connection: there is no app to register beforehand.",
            ));
        } else {
            s.push(text("."));
        }
        out.push(s);
    }
    if let Some(e) = &m.exchange {
        out.push(vec![
            text(format!(
                "The Hub first trades {} for a short-lived access token at ",
                exchanged_fields(m)
            )),
            code(host(&e.url).to_owned()),
            text("."),
        ]);
        if let Some(a) = &e.assertion {
            let label = m.field(&a.key).map_or(a.key.as_str(), |f| f.label.as_str());
            out.push(vec![
                text(format!(
                    "To do so it signs a short-lived {} assertion with the private key in ",
                    a.algorithm.as_str()
                )),
                Inline::Bold(label.to_owned()),
                text("; the key itself is never sent."),
            ]);
        }
    }
    if let Some(t) = &m.connection_test {
        out.push(vec![
            text("The connection test sends "),
            code(format!("{} {}", t.method.as_str(), t.path)),
            text(format!(
                " to {} and passes when it answers {}.",
                spec.name, t.expect_status
            )),
        ]);
        if let Some(id) = &t.identity {
            let what = id.label.as_deref().unwrap_or("account id").to_lowercase();
            out.push(vec![text(format!(
                "It reads the {what}, so linking the same account again updates it instead of adding another."
            ))]);
        }
        if let Some(s) = learns_sentence(m) {
            // The sentence may name a field's label in bold.
            out.push(crate::guide::text_nodes(&s).unwrap_or_else(|_| vec![text(s)]));
        }
    }
    out
}

/// The sentences rendered in `flavor`.
pub fn rendered(flavor: Flavor, spec: &ProviderSpec, m: &AuthMethod) -> Vec<String> {
    check_sentences(spec, m)
        .iter()
        .map(|s| crate::inline::render_nodes(flavor, s))
        .collect()
}

/// What the connection test learns besides success (`connection_test.learns`), as a
/// sentence for the Connect step; `None` when it learns nothing.
fn learns_sentence(method: &AuthMethod) -> Option<String> {
    let l = method.connection_test.as_ref()?.learns.as_ref()?;
    let noun = if method.oauth.is_some() {
        "the access token".to_owned()
    } else {
        format!("the {}", method.label)
    };
    let lifetime = l
        .expires_at
        .as_ref()
        .and_then(|e| e.lifetime.as_deref())
        .and_then(|k| method.field(k))
        .map(|f| f.label.as_str());
    if let Some(label) = lifetime {
        let scopes = if l.scopes.is_some() {
            format!("The connection test also reads which scopes {noun} holds. ")
        } else {
            String::new()
        };
        return Some(format!(
            "{scopes}The Hub takes {noun}'s expiry from **{label}**, counted from when you link it."
        ));
    }
    let what = match (l.scopes.is_some(), l.expires_at.is_some()) {
        (true, true) => format!("which scopes {noun} holds and when it expires"),
        (true, false) => format!("which scopes {noun} holds"),
        (false, true) => format!("when {noun} expires"),
        (false, false) => return None,
    };
    Some(format!("The connection test also reads {what}."))
}
