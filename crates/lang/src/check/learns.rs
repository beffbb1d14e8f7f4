//! Checks of `connection_test.learns`: where the answer says which scopes the
//! credential holds and when it expires. Each source names exactly one of a response
//! header (a valid HTTP header name) or a JSON pointer (RFC 6901, and a body to read it
//! from: not on a HEAD test).

use crate::check::request::check_pointer;
use crate::diag::{Code, Reporter, shown};
use crate::model::{AuthMethod, ConnectionTest, HttpMethod, LearnExpiry, Learns, LimitKind};
use crate::pointer::Ptr;

/// Checks `learns` of the test `t`, at `lp`.
pub(crate) fn check_learns(
    rep: &mut Reporter<'_>,
    m: &AuthMethod,
    t: &ConnectionTest,
    l: &Learns,
    lp: &Ptr,
) {
    if l.scopes.is_none() && l.expires_at.is_none() {
        rep.key(
            lp,
            Code::InvalidValue,
            "`learns` names nothing to learn",
            "here",
            "give `scopes` and/or `expires_at`, or remove `learns`",
        );
    }
    if let Some(s) = &l.scopes {
        let sp = lp.join("scopes");
        check_source(rep, t, &sp, s.header.as_deref(), s.pointer.as_deref());
        if s.separator.as_deref() == Some("") {
            rep.value(
                &sp.join("separator"),
                Code::InvalidValue,
                "an empty separator splits nothing",
                "empty",
                "write the text between scopes (`,` or a space), or leave `separator` out",
            );
        }
    }
    if let Some(e) = &l.expires_at {
        let ep = lp.join("expires_at");
        match &e.lifetime {
            Some(key) => check_lifetime(rep, m, e, key, &ep),
            None => {
                check_source(rep, t, &ep, e.header.as_deref(), e.pointer.as_deref());
                if e.format.is_none() {
                    rep.key(
                        &ep,
                        Code::InvalidValue,
                        "the expiry's `format` is not given",
                        "here",
                        "add `format: rfc3339`, `date`, `unix_seconds` or `datetime_utc`",
                    );
                }
            }
        }
    }
}

/// `expires_at: {lifetime: field}`: nothing else given, and the field's options are
/// the `expires_after` limit's choices (one truth: the form offers what the limit says).
fn check_lifetime(rep: &mut Reporter<'_>, m: &AuthMethod, e: &LearnExpiry, key: &str, ep: &Ptr) {
    if e.header.is_some() || e.pointer.is_some() || e.format.is_some() {
        rep.key(
            ep,
            Code::InvalidValue,
            "`lifetime` comes alone: the expiry is then not read from the answer",
            "here",
            "remove `header`, `pointer` and `format`, or remove `lifetime`",
        );
    }
    let lp = ep.join("lifetime");
    let Some(f) = m.field(key) else {
        return crate::check::unknown_field(rep, &lp, key, m);
    };
    let Some(limit) = m
        .limits
        .iter()
        .find(|l| l.kind == LimitKind::ExpiresAfter && !l.choices.is_empty())
    else {
        return rep.value(
            &lp,
            Code::UnknownReference,
            format!("`lifetime: {key}` needs an `expires_after` limit with `choices`"),
            shown(key),
            "add `limits: [{kind: expires_after, unit: days, choices: [7, 30, 90]}]` as the provider offers them",
        );
    };
    let mut want: Vec<String> = limit.choices.iter().map(u32::to_string).collect();
    if limit.or_never {
        want.push("never".to_owned());
    }
    if limit.or_custom {
        want.push("custom".to_owned());
    }
    let mut have: Vec<String> = f.options.iter().map(|o| o.value.clone()).collect();
    want.sort();
    have.sort();
    if have != want {
        rep.value(
            &lp,
            Code::ContradictoryLimits,
            format!(
                "the options of `{key}` ({}) are not the `expires_after` choices ({})",
                have.join(", "),
                want.join(", ")
            ),
            shown(key),
            "give the field one option per choice (its value the number), plus `never` with `or_never` and `custom` with `or_custom`",
        );
    }
}

/// Exactly one of `header` and `pointer`, each well formed.
fn check_source(
    rep: &mut Reporter<'_>,
    t: &ConnectionTest,
    p: &Ptr,
    header: Option<&str>,
    pointer: Option<&str>,
) {
    match (header, pointer) {
        (Some(_), Some(_)) => rep.key(
            p,
            Code::InvalidValue,
            "both `header` and `pointer` are given",
            "here",
            "give exactly one of `header: <name>` or `pointer: /json/pointer`",
        ),
        (None, None) => rep.key(
            p,
            Code::InvalidValue,
            "neither `header` nor `pointer` is given",
            "here",
            "give exactly one of `header: <name>` or `pointer: /json/pointer`",
        ),
        _ => {}
    }
    if let Some(h) = header
        && !is_http_token(h)
    {
        rep.value(
            &p.join("header"),
            Code::InvalidValue,
            format!("`{h}` is not an HTTP header name"),
            shown(h),
            "write the header's name only, without a colon, space or value, e.g. `X-OAuth-Scopes`",
        );
    }
    if let Some(ptr) = pointer {
        check_pointer(rep, &p.join("pointer"), ptr);
        if t.method == HttpMethod::Head {
            rep.key(
                &p.join("pointer"),
                Code::BadIdentity,
                "a HEAD answer has no body to read this pointer in",
                "here",
                "use GET or POST, or read a `header` instead",
            );
        }
    }
}

/// An HTTP token (RFC 9110 §5.6.2): one or more `tchar`.
fn is_http_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}
