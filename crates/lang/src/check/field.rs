//! Checks of one field: its key, label, constraints, choices and test vectors.

use std::collections::BTreeMap;

use super::*;
use crate::diag::Code;
use crate::diag::{Reporter, shown};
use crate::field_checker::FieldChecker;
use crate::model::*;
use crate::pointer::Ptr;

/// Words that mark a key as holding a credential wherever they appear.
pub(crate) const SECRET_WORDS: &[&str] = &["secret", "password", "passphrase", "apikey", "pat"];

/// Words that mark a key as a credential when they end it (`api_token`, `site_token`,
/// `application_key`), unless the word before names a thing that is identified
/// publicly by it ([`PUBLIC_QUALIFIERS`]).
pub(crate) const CREDENTIAL_NOUNS: &[&str] = &["token", "key"];

/// Words before `token`/`key` that make the key a public identifier: a job board's
/// `board_token`, an `organization_key`, a `publishable_key`.
pub(crate) const PUBLIC_QUALIFIERS: &[&str] = &[
    "board",
    "organization",
    "organisation",
    "org",
    "company",
    "tenant",
    "project",
    "team",
    "public",
    "publishable",
];

/// Why a field key reads like a credential, or `None`.
pub(crate) fn credential_reason(key: &str) -> Option<String> {
    let words: Vec<&str> = key.split('_').collect();
    if let Some(w) = words.iter().find(|w| SECRET_WORDS.contains(w)) {
        return Some(format!("its key contains `{w}`"));
    }
    let last = *words.last()?;
    if !CREDENTIAL_NOUNS.contains(&last) {
        return None; // `token_url`, `key_id`: about a credential, not one
    }
    match words.len().checked_sub(2).map(|i| words[i]) {
        Some(q) if PUBLIC_QUALIFIERS.contains(&q) => None,
        _ => Some(format!("its key ends in `{last}`")),
    }
}

pub(crate) fn check_field(rep: &mut Reporter<'_>, f: &Field, fp: &Ptr) {
    check_id(rep, &fp.join("key"), &f.key, "field key");
    if connectspec_runtime::RESERVED_FIELD_KEYS.contains(&f.key.as_str()) {
        rep.value(
            &fp.join("key"),
            Code::ReservedKey,
            format!(
                "field key `{}` is also a method every generated credential type has, so its accessor would hide it",
                f.key
            ),
            shown(&f.key),
            format!("name the field for what it holds, e.g. `{}_id`", f.key),
        );
    }
    non_empty(rep, &fp.join("label"), &f.label, "label");
    crate::check::exchange::check_private_key(rep, f, fp);
    if !f.secret
        && !f.public
        && f.options.is_empty()
        && let Some(why) = credential_reason(&f.key)
    {
        rep.value(
            &fp.join("key"),
            Code::SecretNotMarked,
            format!(
                "field `{}` looks like a credential ({why}) but is not marked secret",
                f.key
            ),
            shown(&f.key),
            "add `secret: true` so the value is wrapped, redacted and never echoed; if it is a public identifier, say so with `public: true`",
        );
    }
    if f.secret && f.public {
        rep.value(
            &fp.join("public"),
            Code::InvalidValue,
            format!("field `{}` is marked both `secret` and `public`", f.key),
            "`true`",
            "keep one: `secret: true` for a credential, `public: true` for a public identifier",
        );
    }
    if let Some(d) = &f.description {
        markup(rep, &fp.join("description"), d);
    }
    // A hint is inline text too: pages and the form's guide render its `code`.
    if let Some(h) = &f.hint {
        markup(rep, &fp.join("hint"), h);
    }
    let contradictory = check_lengths(rep, f, fp);
    check_options(rep, f, fp);
    crate::check::choices::check_choice(rep, f, fp);
    crate::check::choices::check_extract(rep, f, fp);
    check_normalize(rep, f, fp);
    let (pattern_ok, pattern) = match &f.pattern {
        Some(pat) => match check_pattern(rep, &fp.join("pattern"), pat) {
            Some(c) => (true, Some((c.matcher.clone(), c.char_lengths))),
            None => (false, None),
        },
        None => (true, None),
    };
    check_examples(rep, f, fp, pattern_ok && !contradictory, pattern);
}

/// Lengths and prefixes; `true` when they contradict each other, so that no value
/// (and no example) can satisfy them.
fn check_lengths(rep: &mut Reporter<'_>, f: &Field, fp: &Ptr) -> bool {
    let mut contradictory = false;
    if let (Some(min), Some(max)) = (f.min_length, f.max_length)
        && min > max
    {
        contradictory = true;
        rep.value(
            &fp.join("min_length"),
            Code::ContradictoryLimits,
            format!("min_length {min} is greater than max_length {max}"),
            format!("`{min}`"),
            "no value can satisfy both; fix one of the two",
        );
    }
    if f.max_length == Some(0) {
        contradictory = true;
        rep.value(
            &fp.join("max_length"),
            Code::ContradictoryLimits,
            "max_length 0 allows only the empty value, which is always missing",
            "`0`",
            "remove max_length or set a positive length",
        );
    }
    for (i, pre) in f.prefixes.iter().enumerate() {
        let pp = fp.join("prefixes").join(i);
        if pre.is_empty() {
            rep.value(
                &pp,
                Code::InvalidValue,
                "empty prefix",
                "here",
                "remove it: every value starts with the empty string",
            );
        }
        if let Some(max) = f.max_length
            && pre.chars().count() as u32 > max
        {
            contradictory = true;
            rep.value(
                &pp,
                Code::ContradictoryLimits,
                format!("prefix `{pre}` is longer than max_length {max}"),
                shown(pre),
                "shorten the prefix or raise max_length",
            );
        }
        if let Some(fb) = f
            .forbidden_prefixes
            .iter()
            .find(|fb| pre.starts_with(fb.as_str()))
        {
            contradictory = true;
            rep.value(
                &pp,
                Code::ContradictoryLimits,
                format!("prefix `{pre}` starts with the forbidden prefix `{fb}`"),
                shown(pre),
                "no value can satisfy both; remove one",
            );
        }
    }
    contradictory
}

/// The options of a choice: distinct values and labels, never secret.
fn check_options(rep: &mut Reporter<'_>, f: &Field, fp: &Ptr) {
    if !f.options.is_empty() {
        let mut values = BTreeMap::new();
        let mut labels = BTreeMap::new();
        for (i, o) in f.options.iter().enumerate() {
            let op = fp.join("options").join(i);
            if values.insert(o.value.as_str(), i).is_some() {
                rep.value(
                    &op.join("value"),
                    Code::DuplicateOption,
                    format!("option value `{}` appears twice", o.value),
                    shown(&o.value),
                    "each option needs its own value",
                );
            }
            if labels.insert(o.label.as_str(), i).is_some() {
                rep.value(
                    &op.join("label"),
                    Code::DuplicateOption,
                    format!("option label `{}` appears twice", o.label),
                    shown(&o.label),
                    "each option needs its own label so users can tell them apart",
                );
            }
        }
        if f.secret {
            rep.value(
                &fp.join("secret"),
                Code::InvalidValue,
                "a choice field cannot be secret",
                "`true`",
                "remove `secret: true`: its values are public options",
            );
        }
    }
}

/// Normalisation steps whose argument the checker can judge.
fn check_normalize(rep: &mut Reporter<'_>, f: &Field, fp: &Ptr) {
    for (i, n) in f.normalize.iter().enumerate() {
        if let Normalize::ExtractSubdomain(d) = n
            && (!connectspec_runtime::Format::Hostname.check(d) || !d.contains('.'))
        {
            rep.value(
                &fp.join("normalize").join(i).join("extract_subdomain"),
                Code::InvalidValue,
                format!("`{d}` is not a parent domain"),
                shown(d),
                "give the provider's domain, e.g. `bamboohr.com`",
            );
        }
    }
}

/// The field's test vectors: present where the field is constrained, and each judged
/// by the code the validators run (`judge` is false when the field itself is broken).
fn check_examples(
    rep: &mut Reporter<'_>,
    f: &Field,
    fp: &Ptr,
    judge: bool,
    pattern: Option<(connectspec_runtime::Pattern, (u32, u32))>,
) {
    if f.is_constrained() && !f.examples.as_ref().is_some_and(|e| e.derive) {
        let ex = f.examples.as_ref();
        if ex.is_none_or(|e| e.valid.is_empty() || e.invalid.is_empty()) {
            let which = match ex {
                None => "`valid` or `invalid` examples",
                Some(e) if e.valid.is_empty() && e.invalid.is_empty() => {
                    "`valid` or `invalid` examples"
                }
                Some(e) if e.valid.is_empty() => "`valid` example",
                Some(_) => "`invalid` example",
            };
            rep.key(&fp.join("key"), Code::MissingExamples, format!("field `{}` is constrained but has no {which}", f.key), shown(&f.key), "add `examples: {valid: [...], invalid: [{value: ..., reason: ...}]}`: they are the field's test vectors");
        }
    }
    if !judge {
        return; // examples cannot be judged against a broken field
    }
    let Some(ex) = &f.examples else { return };
    let checker = FieldChecker::with_pattern(f, pattern);
    for (i, v) in ex.valid.iter().enumerate() {
        if let Err(e) = checker.check(v) {
            let ep = fp.join("examples").join("valid").join(i);
            let msg = format!("valid example of `{}` is rejected: {}", f.key, e.message);
            if f.secret {
                rep.secret(
                    &ep,
                    Code::ValidExampleFails,
                    msg,
                    format!(
                        "example #{} ({} characters; not shown: the field is secret)",
                        i + 1,
                        v.chars().count()
                    ),
                    "fix the example or the field's constraints",
                );
            } else {
                rep.value(
                    &ep,
                    Code::ValidExampleFails,
                    msg,
                    shown(v),
                    "fix the example or the field's constraints",
                );
            }
        }
    }
    for (i, inv) in ex.invalid.iter().enumerate() {
        let ip = fp.join("examples").join("invalid").join(i);
        non_empty(rep, &ip.join("reason"), &inv.reason, "reason");
        let passes =
            checker.check(&inv.value).is_ok() || (f.optional && inv.value.trim().is_empty());
        if passes {
            let ep = ip.join("value");
            let msg = format!(
                "invalid example of `{}` is accepted (reason given: {})",
                f.key, inv.reason
            );
            if f.secret {
                rep.secret(
                    &ep,
                    Code::InvalidExamplePasses,
                    msg,
                    format!(
                        "invalid example #{} ({} characters; not shown: the field is secret)",
                        i + 1,
                        inv.value.chars().count()
                    ),
                    "tighten the field's constraints or fix the example",
                );
            } else {
                rep.value(
                    &ep,
                    Code::InvalidExamplePasses,
                    msg,
                    shown(&inv.value),
                    "tighten the field's constraints or fix the example",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::credential_reason;

    #[test]
    fn credential_keys_are_told_from_public_ids() {
        for secret in [
            "api_token",
            "token",
            "site_token",
            "application_key",
            "client_secret",
            "password",
            "api_key",
            "pat",
        ] {
            assert!(credential_reason(secret).is_some(), "{secret}");
        }
        for public in [
            "board_token",
            "organization_key",
            "publishable_key",
            "token_url",
            "key_id",
            "user_email",
            "subdomain",
            "keyword",
        ] {
            assert_eq!(credential_reason(public), None, "{public}");
        }
    }
}
