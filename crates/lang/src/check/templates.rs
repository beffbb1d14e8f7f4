//! Checks of templates: placeholders name fields, optional parts sit where they may,
//! secrets stay out of URLs.

use std::collections::BTreeSet;

use crate::diag::Code;
use crate::diag::{Reporter, shown};
use crate::model::*;
use connectspec_runtime::Part;

pub(crate) fn check_template(
    rep: &mut Reporter<'_>,
    ptr: &str,
    t: &str,
    names: &BTreeSet<&str>,
    m: &AuthMethod,
) {
    template_checks(rep, ptr, t, names, m, false);
}

/// [`check_template`] for a URL template of method `m`: an optional field may stand only
/// in an optional part `{?…}` or with a default, since the URL is broken without it,
/// and an optional part may not change the URL's component.
pub(crate) fn check_url_template(
    rep: &mut Reporter<'_>,
    ptr: &str,
    t: &str,
    names: &BTreeSet<&str>,
    m: &AuthMethod,
) {
    template_checks(rep, ptr, t, names, m, true);
}

pub(crate) fn template_checks(
    rep: &mut Reporter<'_>,
    ptr: &str,
    t: &str,
    names: &BTreeSet<&str>,
    m: &AuthMethod,
    url: bool,
) {
    let parts = match connectspec_runtime::parse_template(t) {
        Err((_, msg)) => {
            return rep.value(
                ptr,
                Code::InvalidTemplate,
                format!("malformed template: {msg}"),
                shown(t),
                "placeholders are `{field_key}`, `{field_key.param}`, `{field_key|default}` and optional parts `{?…}`",
            );
        }
        Ok(parts) => parts,
    };
    for (ph, required) in Part::placeholders(&parts) {
        let key = ph.key.as_str();
        if !names.contains(key) {
            let known: Vec<&str> = names.iter().copied().collect();
            rep.value(
                ptr,
                Code::UnknownPlaceholder,
                format!("placeholder `{{{key}}}` names no field or derived value"),
                shown(t),
                format!("use one of: {}", known.join(", ")),
            );
            continue;
        }
        if let Some(param) = &ph.param {
            crate::check::choices::check_param_use(rep, ptr, t, key, param, m);
        }
        if url && required && m.field(key).is_some_and(|f| f.optional) {
            rep.value(
                ptr,
                Code::OptionalInRequiredPosition,
                format!("optional field `{key}` stands where the URL needs a value"),
                shown(t),
                format!("give it a default (`{{{key}|…}}`), wrap its part in `{{?…}}` (e.g. `{{?/teams/{{{key}}}}}`), or make the field required"),
            );
        }
    }
    if url {
        // A test path is read after its base URL: it opens in the URL's path.
        let mut before = String::from(if t.starts_with('/') { "https://h" } else { "" });
        optional_parts_in_url(rep, ptr, t, &parts, &mut before);
    }
}

/// An optional part of a URL may not stand in the scheme or the port, and its literal
/// text may not open another component (`?`, `#`, `://`): leaving it out must leave a
/// URL of the same shape. In the host it holds host characters and placeholders only
/// (`https://{?{dc}.}api.example.com`), and the host proof covers the host with and
/// without it.
pub(crate) fn optional_parts_in_url(
    rep: &mut Reporter<'_>,
    ptr: &str,
    t: &str,
    parts: &[Part],
    before: &mut String,
) {
    for part in parts {
        match part {
            Part::Lit(s) => before.push_str(s),
            // A placeholder opening the URL stands for a whole base URL (`{instance_url}`).
            Part::Var(_) if before.is_empty() => before.push_str("https://x"),
            Part::Var(_) => before.push('x'),
            Part::Optional(inner) => {
                let authority = before.find("://").map(|i| &before[i + 3..]);
                // A part opening with `/` right after the host opens the path.
                let opens_path = matches!(inner.first(), Some(Part::Lit(s)) if s.starts_with('/'));
                let place = match authority {
                    None => Some("scheme"),
                    Some(_) if opens_path => None,
                    Some(a) if a.contains('/') => None,
                    Some(a) if a.contains(['?', '#']) => None,
                    Some(a) if a.contains(':') => Some("port"),
                    Some(_) => Some("host"),
                };
                let mut text = String::new();
                let opens = inner.iter().any(|p| match p {
                    Part::Lit(s) => {
                        text.push_str(s);
                        s.contains(['?', '#']) || s.contains("://")
                    }
                    _ => false,
                });
                let host_only = inner.iter().all(|p| match p {
                    Part::Lit(s) => s
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.'),
                    Part::Var(_) => true,
                    Part::Optional(_) => false,
                });
                let problem = match place {
                    Some("host") if host_only => None,
                    Some("host") => Some((
                        "an optional part `{?…}` in the host of the URL holds more than host characters and placeholders".to_owned(),
                        "in a host, an optional part holds a label and its dot or hyphen only, e.g. `https://{?{dc}.}api.example.com`",
                    )),
                    Some(place) => Some((
                        format!("an optional part `{{?…}}` stands in the {place} of the URL"),
                        "use optional parts for host labels, path segments or query parameters only, e.g. `https://{?{dc}.}api.example.com`, `/v1{?/teams/{team}}` or `?a=1{?&team={team}}`",
                    )),
                    None if opens => Some((
                        format!("the optional part `{{?{text}…}}` contains `?`, `#` or `://`, so leaving it out changes the URL's shape"),
                        "use optional parts for host labels, path segments or query parameters only, e.g. `https://{?{dc}.}api.example.com`, `/v1{?/teams/{team}}` or `?a=1{?&team={team}}`",
                    )),
                    None => None,
                };
                if let Some((message, help)) = problem {
                    rep.value(ptr, Code::InvalidTemplate, message, shown(t), help);
                    return;
                }
                optional_parts_in_url(rep, ptr, t, inner, before);
            }
        }
    }
}

/// URLs end up in logs and error messages: they may name only non-secret fields.
/// Derived values are allowed: a derived value is a declared public part (such as a
/// data-centre suffix) of its source.
/// OAuth endpoint URLs go to browsers and token endpoints: they may name no secret at
/// all. (`base_url` and the test path may carry one in a path segment:
/// [`crate::check::request::check_url_secrets`].)
pub(crate) fn no_secret_in(rep: &mut Reporter<'_>, ptr: &str, t: &str, m: &AuthMethod) {
    let Ok(parts) = connectspec_runtime::parse_template(t) else {
        return;
    };
    for (ph, _) in Part::placeholders(&parts) {
        let key = ph.key.as_str();
        if m.field(key).is_some_and(|f| f.secret) {
            rep.value(ptr, Code::InvalidTemplate, format!("URL template uses the secret value `{{{key}}}`"), shown(t), "URLs are logged and shown: send secrets in `send` (headers, query or basic auth) instead");
        }
    }
}
