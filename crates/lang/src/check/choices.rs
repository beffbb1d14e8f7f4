//! Choices: options with stable values, labels, named parameters and a default; and
//! the URL templates that read a field's value out of a pasted URL.
//!
//! An option's `value` is what the form stores; what templates need from the choice
//! (an API host, a region code) is one of its `params`, named in templates as
//! `{field.param}`. Every option of a field names the same parameters, so every
//! template renders whichever option is chosen.

use std::collections::BTreeSet;

use crate::diag::Code;
use crate::diag::{Reporter, shown};
use crate::model::KeyContainer;
use crate::model::{AuthMethod, Field, Normalize};
use crate::pointer::Ptr;

/// Checks a field's options' parameters and its `default`.
pub(crate) fn check_choice(rep: &mut Reporter<'_>, f: &Field, fp: &Ptr) {
    if let Some(first) = f.options.first() {
        let names: BTreeSet<&str> = first.params.keys().map(String::as_str).collect();
        for (i, o) in f.options.iter().enumerate() {
            let op = fp.join("options").join(i);
            let these: BTreeSet<&str> = o.params.keys().map(String::as_str).collect();
            if these != names {
                let missing: Vec<&str> = names.difference(&these).copied().collect();
                let extra: Vec<&str> = these.difference(&names).copied().collect();
                rep.value(
                    &op.join("value"),
                    Code::UnknownParam,
                    format!(
                        "option `{}` names other parameters than the first option (missing: {}; extra: {})",
                        o.value,
                        list(&missing),
                        list(&extra)
                    ),
                    shown(&o.value),
                    "give every option of the field the same `params`, so a template renders whichever is chosen",
                );
            }
            for (name, value) in &o.params {
                let pp = op.join("params").join(name);
                if !crate::check::is_snake(name) {
                    rep.key(
                        &pp,
                        Code::InvalidId,
                        format!("parameter name `{name}` is not snake_case"),
                        shown(name),
                        "name it like `api_host`; templates use it as `{field.api_host}`",
                    );
                }
                if value.is_empty() || value.chars().any(char::is_control) {
                    rep.value(
                        &pp,
                        Code::InvalidValue,
                        format!("parameter `{name}` of option `{}` is empty or holds a control character", o.value),
                        "here",
                        "give the value templates should insert, e.g. `api.eu.intercom.io`",
                    );
                }
            }
        }
    }
    let Some(d) = &f.default else { return };
    let dp = fp.join("default");
    if f.options.is_empty() {
        rep.value(
            &dp,
            Code::InvalidDefault,
            format!("field `{}` has a `default` but no `options`", f.key),
            shown(d),
            "a default preselects one option of a choice: add `options`, or remove `default`",
        );
    } else if !f.options.iter().any(|o| &o.value == d) {
        let values: Vec<&str> = f.options.iter().map(|o| o.value.as_str()).collect();
        rep.value(
            &dp,
            Code::InvalidDefault,
            format!(
                "default `{d}` is not one of the option values of `{}`",
                f.key
            ),
            shown(d),
            format!("use one of: {}", values.join(", ")),
        );
    }
    if f.optional {
        rep.value(
            &dp,
            Code::InvalidDefault,
            format!("field `{}` is `optional` and has a `default`", f.key),
            shown(d),
            "a field with a default always has a value: remove `optional: true`",
        );
    }
}

/// `{key.param}` in a template: `key` must be a choice whose options define `param`.
pub(crate) fn check_param_use(
    rep: &mut Reporter<'_>,
    ptr: &str,
    t: &str,
    key: &str,
    param: &str,
    m: &AuthMethod,
) {
    match m.field(key) {
        Some(f) if f.private_key.is_some() => {
            let k = f.private_key.as_ref().expect("checked");
            if k.container != KeyContainer::Json || !k.members.iter().any(|x| x == param) {
                rep.value(
                    ptr,
                    Code::UnknownParam,
                    format!("`{{{key}.{param}}}`: the key file `{key}` declares no member `{param}`"),
                    shown(t),
                    if k.container == KeyContainer::Json {
                        format!("use one of its members ({}), or add `{param}` to `private_key.members`", k.members.join(", "))
                    } else {
                        "a PEM key has no members: use `container: json` for a key file".to_owned()
                    },
                );
            } else if k.key_member.as_deref() == Some(param) {
                rep.value(
                    ptr,
                    Code::InvalidTemplate,
                    format!("`{{{key}.{param}}}` is the private key itself, which is never sent"),
                    shown(t),
                    "the key only signs the assertion: name it in `exchange.assertion.key`",
                );
            }
        }
        Some(f) if !f.options.is_empty() => {
            if !f.options.iter().all(|o| o.params.contains_key(param)) {
                let known: Vec<&str> = f.options[0].params.keys().map(String::as_str).collect();
                rep.value(
                    ptr,
                    Code::UnknownParam,
                    format!(
                        "`{{{key}.{param}}}`: the options of `{key}` do not all define `{param}`"
                    ),
                    shown(t),
                    if known.is_empty() {
                        format!("add `params: {{{param}: …}}` to every option of `{key}`")
                    } else {
                        format!(
                            "use one of its parameters ({}), or add `{param}` to every option",
                            known.join(", ")
                        )
                    },
                );
            }
        }
        _ => rep.value(
            ptr,
            Code::UnknownParam,
            format!("`{{{key}.{param}}}` names a parameter, but `{key}` is not a choice field"),
            shown(t),
            format!("only fields with `options` have parameters; use `{{{key}}}`"),
        ),
    }
}

/// Checks every `extract_from_url` step of a field: an `https://` URL template without
/// query or fragment, with exactly one `{value}` that is a whole host label or a whole
/// path segment, and literal labels and segments elsewhere.
pub(crate) fn check_extract(rep: &mut Reporter<'_>, f: &Field, fp: &Ptr) {
    for (i, n) in f.normalize.iter().enumerate() {
        let Normalize::ExtractFromUrl(t) = n else {
            continue;
        };
        if let Err(why) = extract_shape(t) {
            rep.value(
                &fp.join("normalize").join(i).join("extract_from_url"),
                Code::InvalidExtractTemplate,
                format!("`{t}` is not an extraction template: {why}"),
                shown(t),
                "write the provider's URL with `{value}` for the part to keep, e.g. `https://dev.azure.com/{value}` or `https://{value}.eu.example.com`",
            );
        }
    }
}

fn extract_shape(t: &str) -> Result<(), String> {
    let rest = t
        .strip_prefix("https://")
        .ok_or("it does not start with `https://`")?;
    if rest.contains(['?', '#']) {
        return Err("it has a query or fragment".into());
    }
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let mut values = 0;
    let mut piece = |s: &str, label: bool| -> Result<(), String> {
        if s == "{value}" {
            values += 1;
            return Ok(());
        }
        if s.contains(['{', '}']) {
            return Err(format!(
                "`{s}` mixes `{{value}}` with other text; it must be a whole {}",
                if label { "host label" } else { "path segment" }
            ));
        }
        let ok = if label {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        } else {
            s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
        };
        if ok {
            Ok(())
        } else {
            Err(format!(
                "`{s}` is not a lower-case host label or a plain path segment"
            ))
        }
    };
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 {
        return Err("its host needs a domain with at least one dot".into());
    }
    for l in labels {
        piece(l, true)?;
    }
    for s in path.split('/').filter(|s| !s.is_empty()) {
        piece(s, false)?;
    }
    match values {
        1 => Ok(()),
        0 => Err("it has no `{value}`".into()),
        _ => Err("it has more than one `{value}`".into()),
    }
}

fn list(items: &[&str]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}
