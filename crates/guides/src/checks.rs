//! What a page says the service does when the end user clicks **Connect**: the token
//! exchange (and the assertion it signs), discovery and registration for MCP servers,
//! the connection test's request, the identity it reads and what else it learns.
//! Derived from the spec alone, so a page cannot promise a check the service does not
//! make.

use connectspec_i18n::Locale;
use connectspec_lang::inline::Inline;
use connectspec_lang::{AuthMethod, ClientOwner, ExchangeBody, ProviderSpec};

use crate::Flavor;
use crate::messages::{Arg, and_list, nodes, text};

/// The host of a URL template (`https://{instance}.jamfcloud.com/api` →
/// `{instance}.jamfcloud.com`), for naming where a request goes.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    &rest[..end]
}

/// Labels of the fields an exchange request names, in form order, as prose.
fn exchanged_fields(locale: Locale, m: &AuthMethod) -> String {
    let used = exchange_keys(m);
    let labels: Vec<String> = m
        .fields
        .iter()
        .filter(|f| used.iter().any(|k| k == &f.key))
        .map(|f| f.label.clone())
        .collect();
    if labels.is_empty() {
        return text(locale, "guide-exchange-values", &[]);
    }
    let fields = and_list(locale, &labels);
    text(
        locale,
        "guide-exchange-fields",
        &[("fields", Arg::Text(&fields))],
    )
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

/// The sentences in `locale` (`spec` and `m` with their texts in that locale), each a
/// run of inline nodes.
pub fn check_sentences(locale: Locale, spec: &ProviderSpec, m: &AuthMethod) -> Vec<Vec<Inline>> {
    let mut out = Vec::new();
    if let Some(o) = &m.oauth
        && let Some(d) = &o.discovery
    {
        let id = if o.client == ClientOwner::Dynamic {
            "guide-check-discovery-dynamic"
        } else {
            "guide-check-discovery"
        };
        out.push(nodes(locale, id, &[("resource", Arg::Text(&d.resource))]));
    }
    if let Some(e) = &m.exchange {
        let fields = exchanged_fields(locale, m);
        out.push(nodes(
            locale,
            "guide-check-exchange",
            &[
                ("fields", Arg::Text(&fields)),
                ("host", Arg::Text(host(&e.url))),
            ],
        ));
        if let Some(a) = &e.assertion {
            let label = m.field(&a.key).map_or(a.key.as_str(), |f| f.label.as_str());
            out.push(nodes(
                locale,
                "guide-check-assertion",
                &[
                    ("algorithm", Arg::Text(a.algorithm.as_str())),
                    ("field", Arg::Text(label)),
                ],
            ));
        }
    }
    if let Some(t) = &m.connection_test {
        let request = format!("{} {}", t.method.as_str(), t.path);
        out.push(nodes(
            locale,
            "guide-check-test",
            &[
                ("request", Arg::Text(&request)),
                ("provider", Arg::Text(&spec.name)),
                ("status", Arg::Num(t.expect_status.into())),
            ],
        ));
        if let Some(id) = &t.identity {
            let identity = match id.label.as_deref() {
                Some(label) => running_text(locale, label),
                None => text(locale, "guide-identity-default", &[]),
            };
            out.push(nodes(
                locale,
                "guide-check-identity",
                &[("identity", Arg::Text(&identity))],
            ));
        }
        if let Some(s) = learns_sentence(locale, m) {
            out.push(s);
        }
    }
    out
}

/// A label in the middle of a sentence: lower case in English (and the pseudo-locale
/// made from it), as the English sentence has always written it; other locales quote
/// the label as it is, so a name or an acronym in it keeps its case.
fn running_text(locale: Locale, label: &str) -> String {
    if locale.plural_tag() == "en" {
        label.to_lowercase()
    } else {
        label.to_owned()
    }
}

/// The sentences rendered in `flavor`.
pub fn rendered(
    flavor: Flavor,
    locale: Locale,
    spec: &ProviderSpec,
    m: &AuthMethod,
) -> Vec<String> {
    check_sentences(locale, spec, m)
        .iter()
        .map(|s| crate::inline::render_nodes(flavor, s))
        .collect()
}

/// What the connection test learns besides success (`connection_test.learns`), as a
/// sentence for the Connect step; `None` when it learns nothing.
fn learns_sentence(locale: Locale, method: &AuthMethod) -> Option<Vec<Inline>> {
    let l = method.connection_test.as_ref()?.learns.as_ref()?;
    let credential = if method.oauth.is_some() {
        text(locale, "guide-learns-token", &[])
    } else {
        text(
            locale,
            "guide-learns-method",
            &[("method", Arg::Text(&method.label))],
        )
    };
    let credential = ("credential", Arg::Text(&credential));
    let lifetime = l
        .expires_at
        .as_ref()
        .and_then(|e| e.lifetime.as_deref())
        .and_then(|k| method.field(k))
        .map(|f| f.label.as_str());
    if let Some(label) = lifetime {
        let id = if l.scopes.is_some() {
            "guide-learns-scopes-lifetime"
        } else {
            "guide-learns-lifetime"
        };
        return Some(nodes(
            locale,
            id,
            &[credential, ("field", Arg::Text(label))],
        ));
    }
    let id = match (l.scopes.is_some(), l.expires_at.is_some()) {
        (true, true) => "guide-learns-scopes-expiry",
        (true, false) => "guide-learns-scopes",
        (false, true) => "guide-learns-expiry",
        (false, false) => return None,
    };
    Some(nodes(locale, id, &[credential]))
}
