//! Checks of a method's guide: sections, steps, bullets and their inline markup.

use super::*;
use crate::diag::Code;
use crate::diag::{Reporter, shown};
use crate::inline;
use crate::model::*;
use crate::pointer::Ptr;

pub(crate) fn check_guide(rep: &mut Reporter<'_>, m: &AuthMethod, p: &Ptr) {
    let gp = p.join("guide");
    if let Some(w) = &m.guide.warning {
        markup(rep, &gp.join("warning"), w);
    }
    if m.guide.sections.is_empty() {
        rep.value(
            &gp.join("sections"),
            Code::EmptyGuide,
            "the guide has no sections",
            "here",
            "add at least one section with steps telling the user where to find the credential",
        );
    }
    for (i, s) in m.guide.sections.iter().enumerate() {
        let sp = gp.join("sections").join(i);
        non_empty(rep, &sp.join("title"), &s.title, "title");
        if let Some(t) = &s.intro {
            markup(rep, &sp.join("intro"), t);
        }
        for (j, sc) in s.scopes.iter().enumerate() {
            scope_ref(rep, &sp.join("scopes").join(j), sc, m);
        }
        if s.steps.is_empty() && s.bullets.is_empty() {
            rep.key(
                &sp.join("title"),
                Code::EmptyGuide,
                format!("section `{}` has neither steps nor bullets", s.title),
                shown(&s.title),
                "add `steps:` or `bullets:`",
            );
        }
        if !s.steps.is_empty() && !s.bullets.is_empty() {
            rep.key(
                &sp.join("bullets"),
                Code::InvalidValue,
                "a section has either steps or bullets, not both",
                "here",
                "move the bullets into a step",
            );
        }
        bullets(rep, &sp.join("bullets"), &s.bullets, m);
        for (j, st) in s.steps.iter().enumerate() {
            let stp = sp.join("steps").join(j);
            non_empty(rep, &stp.join("title"), &st.title, "title");
            if let Some(t) = &st.text {
                markup(rep, &stp.join("text"), t);
            }
            if st.text.is_none() && st.bullets.is_empty() {
                rep.key(
                    &stp.join("title"),
                    Code::EmptyGuide,
                    format!("step `{}` says nothing", st.title),
                    shown(&st.title),
                    "add `text:` or `bullets:`",
                );
            }
            for (k, sc) in st.scopes.iter().enumerate() {
                scope_ref(rep, &stp.join("scopes").join(k), sc, m);
            }
            if st.display_scopes && st.scopes.is_empty() {
                rep.value(
                    &stp.join("display_scopes"),
                    Code::UnknownReference,
                    "`display_scopes` is set but the step names no scopes",
                    "`true`",
                    "list the step's `scopes`",
                );
            }
            bullets(rep, &stp.join("bullets"), &st.bullets, m);
        }
    }
}

pub(crate) fn bullets(rep: &mut Reporter<'_>, p: &Ptr, items: &[Bullet], m: &AuthMethod) {
    for (i, b) in items.iter().enumerate() {
        let bp = p.join(i);
        match b {
            Bullet::Text(t) => markup(rep, &bp, t),
            Bullet::Limit { limit } => {
                if m.limit(*limit).is_none() {
                    let name = serde_json::to_value(limit)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    rep.value(
                        &bp.join("limit"),
                        Code::UnknownReference,
                        format!("the method declares no `{name}` limit"),
                        shown(&name),
                        "declare it under `limits:` so the page and the validators share one fact",
                    );
                }
            }
            Bullet::FieldFormat { field_format } => match m.field(field_format) {
                None => unknown_field(rep, &bp.join("field_format"), field_format, m),
                Some(f) if f.hint.is_none() => rep.value(
                    &bp.join("field_format"),
                    Code::UnknownReference,
                    format!("field `{field_format}` has no `hint` to show"),
                    shown(field_format),
                    "give the field a `hint:` describing its format",
                ),
                Some(_) => {}
            },
        }
    }
}

pub(crate) fn markup(rep: &mut Reporter<'_>, ptr: &str, text: &str) {
    if let Err(e) = inline::parse(text) {
        let around: String = text[e.offset..].chars().take(24).collect();
        let code = if e.not_https {
            Code::NotHttps
        } else {
            Code::UnsupportedMarkup
        };
        rep.value(
            ptr,
            code,
            e.message,
            format!("at `{around}`"),
            "guide text allows only **bold**, `code` and [links](https://…)",
        );
    }
}
