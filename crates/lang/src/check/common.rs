//! Small checks every part of a spec shares: ids, non-empty text, https URLs,
//! duplicates, references.

use std::collections::BTreeMap;

use crate::diag::Code;
use crate::diag::{Reporter, shown};
use crate::model::*;

pub(crate) fn scope_ref(rep: &mut Reporter<'_>, ptr: &str, id: &str, m: &AuthMethod) {
    if m.scope(id).is_none() {
        let declared: Vec<&str> = m.scopes.iter().map(|s| s.id.as_str()).collect();
        let help = if declared.is_empty() {
            "declare it under the method's `scopes:`".to_owned()
        } else {
            format!(
                "declare it under `scopes:` or use one of: {}",
                declared.join(", ")
            )
        };
        rep.value(
            ptr,
            Code::UndeclaredScope,
            format!("scope `{id}` is not declared"),
            shown(id),
            help,
        );
    }
}

pub(crate) fn unknown_field(rep: &mut Reporter<'_>, ptr: &str, key: &str, m: &AuthMethod) {
    let keys: Vec<&str> = m.fields.iter().map(|f| f.key.as_str()).collect();
    rep.value(
        ptr,
        Code::UnknownReference,
        format!("`{key}` is not a field of this method"),
        shown(key),
        format!("use one of: {}", keys.join(", ")),
    );
}

pub(crate) fn status(rep: &mut Reporter<'_>, ptr: &str, s: u16) {
    if !(100..=599).contains(&s) {
        rep.value(
            ptr,
            Code::InvalidValue,
            format!("{s} is not an HTTP status"),
            format!("`{s}`"),
            "use a status between 100 and 599",
        );
    }
}

pub(crate) fn duplicate(
    rep: &mut Reporter<'_>,
    seen: &mut BTreeMap<String, String>,
    id: &str,
    ptr: &str,
    what: &str,
) {
    if let Some(first) = seen.get(id) {
        let line = rep.locs.value(first).line;
        rep.value(
            ptr,
            Code::DuplicateId,
            format!("duplicate {what} `{id}` (first used on line {line})"),
            shown(id),
            format!("give each {what} a distinct value"),
        );
    } else {
        seen.insert(id.to_owned(), ptr.to_owned());
    }
}

pub(crate) fn check_id(rep: &mut Reporter<'_>, ptr: &str, id: &str, what: &str) {
    if !is_snake(id) {
        rep.value(
            ptr,
            Code::InvalidId,
            format!("{what} `{id}` is not snake_case"),
            shown(id),
            "use lower-case letters, digits and underscores, starting with a letter",
        );
    }
}

pub(crate) fn non_empty(rep: &mut Reporter<'_>, ptr: &str, v: &str, what: &str) {
    if v.trim().is_empty() {
        rep.value(
            ptr,
            Code::InvalidValue,
            format!("`{what}` is empty"),
            "here",
            format!("write the {what}"),
        );
    }
}

pub(crate) fn https(rep: &mut Reporter<'_>, ptr: &str, v: &str) {
    match url::Url::parse(v) {
        Ok(u) if u.scheme() == "https" && u.host().is_some() => {}
        Ok(_) => rep.value(
            ptr,
            Code::NotHttps,
            "URL is not https",
            shown(v),
            "use the https:// address of the page",
        ),
        Err(e) => rep.value(
            ptr,
            Code::NotHttps,
            format!("not a URL: {e}"),
            shown(v),
            "write an absolute https:// URL",
        ),
    }
}

/// `^[a-z][a-z0-9_]*$` without double or trailing underscores.
pub fn is_snake(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
        && !s.contains("__")
        && !s.ends_with('_')
}

pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}
