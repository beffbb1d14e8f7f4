//! Semantic checks: everything the schema cannot say.
//!
//! Each check walks the model with the JSON pointer of what it looks at, so a problem
//! is reported at the exact key or value in the file. Checks never stop early: the
//! author gets every problem of the file in one run.

pub(crate) mod choices;
mod common;
pub(crate) mod exchange;
mod field;
mod guide;
pub(crate) mod host_limits;
pub(crate) mod host_shapes;
pub(crate) mod hosts;
mod learns;
mod limits;
mod method;
pub(crate) mod oauth;
mod pattern;
pub(crate) mod request;
pub(crate) mod scopes;
mod templates;

pub use common::is_snake;
pub(crate) use common::*;
pub(crate) use field::*;
pub(crate) use guide::*;
pub(crate) use limits::*;
pub(crate) use method::*;
pub(crate) use pattern::*;
pub(crate) use templates::*;

use std::collections::BTreeMap;

use crate::diag::Code;
use crate::diag::{Reporter, shown};
use crate::model::*;
use crate::pointer::Ptr;

pub(crate) fn check(spec: &ProviderSpec, rep: &mut Reporter<'_>) {
    let stem = rep.file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    check_id(rep, "/id", &spec.id, "provider id");
    if spec.id != stem && is_snake(&spec.id) {
        rep.value(
            "/id",
            Code::IdMismatch,
            format!(
                "provider id `{}` differs from the file name `{stem}`",
                spec.id
            ),
            shown(&spec.id),
            format!("rename the file to `{}.yaml` or set `id: {stem}`", spec.id),
        );
    }
    non_empty(rep, "/name", &spec.name, "name");
    categories(rep, spec);
    https(rep, "/homepage", &spec.homepage);
    if spec.sources.is_empty() {
        rep.value(
            "/sources",
            Code::InvalidValue,
            "`sources` is empty",
            "here",
            "list the public pages the facts of this spec come from",
        );
    }
    for (i, s) in spec.sources.iter().enumerate() {
        https(rep, &Ptr::root().join("sources").join(i), s);
    }
    if spec.auth_methods.is_empty() {
        rep.value(
            "/auth_methods",
            Code::InvalidValue,
            "`auth_methods` is empty",
            "here",
            "declare at least one auth method",
        );
    }
    let mut ids = BTreeMap::new();
    let mut slugs = BTreeMap::new();
    for (i, m) in spec.auth_methods.iter().enumerate() {
        let p = Ptr::root().join("auth_methods").join(i);
        duplicate(rep, &mut ids, &m.id, &p.join("id"), "auth method id");
        let slug = m.slug();
        let slug_ptr = if m.slug.is_some() {
            p.join("slug")
        } else {
            p.join("label")
        };
        if !is_slug(&slug) {
            rep.value(
                &slug_ptr,
                Code::InvalidId,
                format!("slug `{slug}` is not lower-case words joined by hyphens"),
                shown(&slug),
                "set `slug:` to something like `api-token`",
            );
        }
        duplicate(rep, &mut slugs, &slug, &slug_ptr, "page slug");
        check_method(rep, m, &p);
    }
}

/// Every category is one of the closed list; none is listed twice.
fn categories(rep: &mut Reporter<'_>, spec: &ProviderSpec) {
    let mut seen = BTreeMap::new();
    for (i, c) in spec.categories.iter().enumerate() {
        let p = Ptr::root().join("categories").join(i);
        if category_label(c).is_none() {
            let ids: Vec<&str> = CATEGORIES.iter().map(|(id, _)| *id).collect();
            rep.value(
                &p,
                Code::UnknownCategory,
                format!("`{c}` is not a category"),
                shown(c),
                format!("use one of: {}", ids.join(", ")),
            );
        }
        duplicate(rep, &mut seen, c, &p, "category");
    }
}
