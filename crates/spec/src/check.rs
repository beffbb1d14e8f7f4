//! Semantic checks: everything the schema cannot say.
//!
//! Each check walks the model with the JSON pointer of what it looks at, so a problem
//! is reported at the exact key or value in the file. Checks never stop early: the
//! author gets every problem of the file in one run.

use std::collections::{BTreeMap, BTreeSet};

use regex_syntax::hir::{Hir, HirKind, Look};

use crate::diag::Code;
use crate::inline;
use crate::load::{Reporter, shown};
use crate::model::*;
use crate::rules::FieldChecker;
use connectspec_runtime::Part;

/// Words that mark a key as holding a credential wherever they appear.
const SECRET_WORDS: &[&str] = &["secret", "password", "passphrase", "apikey", "pat"];

/// Words that mark a key as a credential when they end it (`api_token`, `site_token`,
/// `application_key`), unless the word before names a thing that is identified
/// publicly by it ([`PUBLIC_QUALIFIERS`]).
const CREDENTIAL_NOUNS: &[&str] = &["token", "key"];

/// Words before `token`/`key` that make the key a public identifier: a job board's
/// `board_token`, an `organization_key`, a `publishable_key`.
const PUBLIC_QUALIFIERS: &[&str] = &[
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
fn credential_reason(key: &str) -> Option<String> {
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
        https(rep, &format!("/sources/{i}"), s);
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
        let p = format!("/auth_methods/{i}");
        duplicate(rep, &mut ids, &m.id, &format!("{p}/id"), "auth method id");
        let slug = m.slug();
        let slug_ptr = if m.slug.is_some() {
            format!("{p}/slug")
        } else {
            format!("{p}/label")
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

fn check_method(rep: &mut Reporter<'_>, m: &AuthMethod, p: &str) {
    check_id(rep, &format!("{p}/id"), &m.id, "auth method id");
    non_empty(rep, &format!("{p}/label"), &m.label, "label");
    if m.fields.is_empty() && !m.is_oauth() {
        rep.value(
            &format!("{p}/fields"),
            Code::InvalidValue,
            "`fields` is empty",
            "here",
            "declare the form fields the end user fills in",
        );
    }
    let mut keys = BTreeMap::new();
    for (i, f) in m.fields.iter().enumerate() {
        let fp = format!("{p}/fields/{i}");
        duplicate(rep, &mut keys, &f.key, &format!("{fp}/key"), "field key");
        check_field(rep, f, &fp);
    }
    // Names usable in templates: field keys and derived keys.
    let mut names: BTreeSet<&str> = m.fields.iter().map(|f| f.key.as_str()).collect();
    for (i, d) in m.derived.iter().enumerate() {
        let dp = format!("{p}/derived/{i}");
        check_id(rep, &format!("{dp}/key"), &d.key, "derived key");
        if !names.insert(&d.key) {
            rep.value(
                &format!("{dp}/key"),
                Code::DuplicateId,
                format!("derived key `{}` is already a field or derived key", d.key),
                shown(&d.key),
                "choose a key no field uses",
            );
        }
        if m.field(&d.from).is_none() {
            unknown_field(rep, &format!("{dp}/from"), &d.from, m);
        }
        if let Some((_, hir)) = check_pattern(rep, &format!("{dp}/pattern"), &d.pattern)
            && !has_capture(&hir, "value")
        {
            rep.value(
                &format!("{dp}/pattern"),
                Code::InvalidRegex,
                "derived pattern has no capture group named `value`",
                shown(&d.pattern),
                "wrap the part to extract in `(?P<value>…)`",
            );
        }
    }
    for (i, r) in m.rules.iter().enumerate() {
        let rp = format!("{p}/rules/{i}");
        match m.field(&r.when.field) {
            None => unknown_field(rep, &format!("{rp}/when/field"), &r.when.field, m),
            Some(f) if !f.options.is_empty() => {
                for (j, v) in r.when.equals.iter().enumerate() {
                    if !f.options.iter().any(|o| &o.value == v) {
                        rep.value(
                            &format!("{rp}/when/equals/{j}"),
                            Code::UnknownReference,
                            format!("`{v}` is not an option of field `{}`", f.key),
                            shown(v),
                            "use one of the field's option values",
                        );
                    }
                }
            }
            Some(_) => {}
        }
        if r.when.equals.is_empty() {
            rep.value(
                &format!("{rp}/when/equals"),
                Code::InvalidValue,
                "`equals` is empty, so the rule never applies",
                "here",
                "list the values that make the rule apply",
            );
        }
        match m.field(&r.then.field) {
            None => unknown_field(rep, &format!("{rp}/then/field"), &r.then.field, m),
            Some(t) => {
                if r.then.prefixes.is_empty() {
                    rep.value(
                        &format!("{rp}/then/prefixes"),
                        Code::InvalidValue,
                        "`prefixes` is empty",
                        "here",
                        "list the prefixes the field must start with",
                    );
                }
                for (j, pre) in r.then.prefixes.iter().enumerate() {
                    if !t.prefixes.is_empty()
                        && !t.prefixes.iter().any(|tp| pre.starts_with(tp.as_str()))
                    {
                        rep.value(&format!("{rp}/then/prefixes/{j}"), Code::ContradictoryLimits, format!("rule prefix `{pre}` can never hold: field `{}` only allows other prefixes", t.key), shown(pre), "make the rule's prefixes extend one of the field's `prefixes`");
                    }
                }
            }
        }
        non_empty(rep, &format!("{rp}/message"), &r.message, "message");
    }
    // Values of the token response (OAuth): captures in URLs, the token in `send`.
    let captures: Vec<&str> = m
        .oauth
        .iter()
        .flat_map(|o| o.token_response.capture.iter().map(|c| c.key.as_str()))
        .collect();
    names.extend(captures);
    check_url_template(rep, &format!("{p}/base_url"), &m.base_url, &names, m);
    crate::request::check_url_secrets(
        rep,
        &format!("{p}/base_url"),
        &m.base_url,
        connectspec_runtime::UrlPart::Scheme,
        m,
    );
    if let Some(t) = &m.connection_test {
        crate::request::check_url_secrets(
            rep,
            &format!("{p}/connection_test/path"),
            &t.path,
            connectspec_runtime::UrlPart::Path,
            m,
        );
    }
    // A base URL opening with a placeholder is the user's (self-hosted): the host proof
    // requires an https URL field there.
    if !m.base_url.starts_with("https://") && !m.base_url.starts_with('{') {
        rep.value(
            &format!("{p}/base_url"),
            Code::NotHttps,
            "base URL is not https",
            shown(&m.base_url),
            "credentials are only ever sent over https: use an https:// URL",
        );
    }
    let mut send_names = names.clone();
    if m.is_oauth() {
        send_names.insert(ACCESS_TOKEN);
    }
    let body_names = send_names.clone();
    let extra = crate::request::check_send_values(rep, m, p, &send_names);
    send_names.extend(extra.all());
    check_send(rep, m, p, &send_names);
    crate::oauth::check_oauth(rep, m, p);
    crate::hosts::check_hosts(rep, m, p);
    if let Some(t) = &m.connection_test {
        let tp = format!("{p}/connection_test");
        if !t.path.starts_with('/') {
            rep.value(
                &format!("{tp}/path"),
                Code::InvalidValue,
                "connection test path must start with `/`",
                shown(&t.path),
                "write the path relative to `base_url`, e.g. `/v1/ping`",
            );
        }
        check_url_template(rep, &format!("{tp}/path"), &t.path, &names, m);
        crate::request::check_test_request(rep, t, &tp, &body_names, m);
        status(rep, &format!("{tp}/expect_status"), t.expect_status);
        let mut seen = BTreeSet::new();
        for (i, o) in t.outcomes.iter().enumerate() {
            let op = format!("{tp}/outcomes/{i}");
            status(rep, &format!("{op}/status"), o.status);
            if o.status == t.expect_status || !seen.insert(o.status) {
                rep.value(
                    &format!("{op}/status"),
                    Code::DuplicateId,
                    format!("status {} is described twice", o.status),
                    format!("`{}`", o.status),
                    "describe each status once, and not the success status",
                );
            }
            non_empty(rep, &format!("{op}/meaning"), &o.meaning, "meaning");
            if o.missing_scopes && t.requires_scopes.is_empty() {
                rep.value(
                    &format!("{op}/missing_scopes"),
                    Code::UnknownReference,
                    "`missing_scopes` is set but the test declares no `requires_scopes`",
                    "here",
                    "list the scopes the test request needs in `requires_scopes`",
                );
            }
        }
        for (i, s) in t.requires_scopes.iter().enumerate() {
            scope_ref(rep, &format!("{tp}/requires_scopes/{i}"), s, m);
        }
    }
    crate::scopes::check_scopes(rep, m, p);
    check_limits(rep, m, p);
    check_guide(rep, m, p);
}

pub(crate) fn check_field(rep: &mut Reporter<'_>, f: &Field, fp: &str) {
    check_id(rep, &format!("{fp}/key"), &f.key, "field key");
    non_empty(rep, &format!("{fp}/label"), &f.label, "label");
    if !f.secret
        && !f.public
        && f.options.is_empty()
        && let Some(why) = credential_reason(&f.key)
    {
        rep.value(
            &format!("{fp}/key"),
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
            &format!("{fp}/public"),
            Code::InvalidValue,
            format!("field `{}` is marked both `secret` and `public`", f.key),
            "`true`",
            "keep one: `secret: true` for a credential, `public: true` for a public identifier",
        );
    }
    if let Some(d) = &f.description {
        markup(rep, &format!("{fp}/description"), d);
    }
    let mut contradictory = false;
    if let (Some(min), Some(max)) = (f.min_length, f.max_length)
        && min > max
    {
        contradictory = true;
        rep.value(
            &format!("{fp}/min_length"),
            Code::ContradictoryLimits,
            format!("min_length {min} is greater than max_length {max}"),
            format!("`{min}`"),
            "no value can satisfy both; fix one of the two",
        );
    }
    if f.max_length == Some(0) {
        contradictory = true;
        rep.value(
            &format!("{fp}/max_length"),
            Code::ContradictoryLimits,
            "max_length 0 allows only the empty value, which is always missing",
            "`0`",
            "remove max_length or set a positive length",
        );
    }
    for (i, pre) in f.prefixes.iter().enumerate() {
        let pp = format!("{fp}/prefixes/{i}");
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
    if !f.options.is_empty() {
        let mut values = BTreeMap::new();
        let mut labels = BTreeMap::new();
        for (i, o) in f.options.iter().enumerate() {
            let op = format!("{fp}/options/{i}");
            if values.insert(o.value.as_str(), i).is_some() {
                rep.value(
                    &format!("{op}/value"),
                    Code::DuplicateOption,
                    format!("option value `{}` appears twice", o.value),
                    shown(&o.value),
                    "each option needs its own value",
                );
            }
            if labels.insert(o.label.as_str(), i).is_some() {
                rep.value(
                    &format!("{op}/label"),
                    Code::DuplicateOption,
                    format!("option label `{}` appears twice", o.label),
                    shown(&o.label),
                    "each option needs its own label so users can tell them apart",
                );
            }
        }
        if f.secret {
            rep.value(
                &format!("{fp}/secret"),
                Code::InvalidValue,
                "a choice field cannot be secret",
                "`true`",
                "remove `secret: true`: its values are public options",
            );
        }
    }
    crate::choices::check_choice(rep, f, fp);
    crate::choices::check_extract(rep, f, fp);
    for (i, n) in f.normalize.iter().enumerate() {
        if let Normalize::ExtractSubdomain(d) = n
            && (!connectspec_runtime::Format::Hostname.check(d) || !d.contains('.'))
        {
            rep.value(
                &format!("{fp}/normalize/{i}/extract_subdomain"),
                Code::InvalidValue,
                format!("`{d}` is not a parent domain"),
                shown(d),
                "give the provider's domain, e.g. `bamboohr.com`",
            );
        }
    }
    let (pattern_ok, regex) = match &f.pattern {
        Some(pat) => match check_pattern(rep, &format!("{fp}/pattern"), pat) {
            Some((regex, _)) => (true, Some(regex)),
            None => (false, None),
        },
        None => (true, None),
    };
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
            rep.key(&format!("{fp}/key"), Code::MissingExamples, format!("field `{}` is constrained but has no {which}", f.key), shown(&f.key), "add `examples: {valid: [...], invalid: [{value: ..., reason: ...}]}`: they are the field's test vectors");
        }
    }
    if !pattern_ok || contradictory {
        return; // examples cannot be judged against a broken field
    }
    let Some(ex) = &f.examples else { return };
    let checker = FieldChecker::with_regex(f, regex);
    for (i, v) in ex.valid.iter().enumerate() {
        let ep = format!("{fp}/examples/valid/{i}");
        if let Err(e) = checker.check(v) {
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
        let ep = format!("{fp}/examples/invalid/{i}/value");
        non_empty(
            rep,
            &format!("{fp}/examples/invalid/{i}/reason"),
            &inv.reason,
            "reason",
        );
        let passes =
            checker.check(&inv.value).is_ok() || (f.optional && inv.value.trim().is_empty());
        if passes {
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

fn check_send(rep: &mut Reporter<'_>, m: &AuthMethod, p: &str, names: &BTreeSet<&str>) {
    let s = &m.send;
    let sp = format!("{p}/send");
    // A secret in a path segment of the URL (a bot token) is sent with the URL.
    let in_url: BTreeSet<String> = std::iter::once(m.base_url.as_str())
        .chain(m.connection_test.iter().map(|t| t.path.as_str()))
        .flat_map(crate::request::vars)
        .filter(|k| m.field(k).is_some_and(|f| f.secret))
        .collect();
    if s.headers.is_empty() && s.query.is_empty() && s.basic.is_none() && in_url.is_empty() {
        rep.value(
            &sp,
            Code::InvalidValue,
            "`send` sends nothing",
            "here",
            "declare `headers`, `query` or `basic` built from the fields (or put the secret in a URL path segment)",
        );
    }
    for (name, t) in &s.headers {
        let hp = format!("{sp}/headers/{}", crate::yaml::escape_token(name));
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
        {
            rep.key(
                &hp,
                Code::InvalidValue,
                format!("`{name}` is not a valid HTTP header name"),
                shown(name),
                "use letters, digits and hyphens, e.g. `X-Api-Key`",
            );
        }
        check_template(rep, &hp, t, names, m);
    }
    for (name, t) in &s.query {
        check_template(
            rep,
            &format!("{sp}/query/{}", crate::yaml::escape_token(name)),
            t,
            names,
            m,
        );
    }
    if let Some(b) = &s.basic {
        check_template(rep, &format!("{sp}/basic/username"), &b.username, names, m);
        check_template(rep, &format!("{sp}/basic/password"), &b.password, names, m);
    }
    let kind_ok = match m.kind {
        AuthKind::ApiKeyHeader => !s.headers.is_empty(),
        AuthKind::ApiKeyQuery => !s.query.is_empty(),
        AuthKind::Bearer => s
            .headers
            .iter()
            .any(|(k, v)| k.eq_ignore_ascii_case("authorization") && v.starts_with("Bearer ")),
        AuthKind::Basic => s.basic.is_some(),
        AuthKind::Custom | AuthKind::Oauth2 => true,
    };
    if !kind_ok {
        let need = match m.kind {
            AuthKind::ApiKeyHeader => "a header in `send.headers`",
            AuthKind::ApiKeyQuery => "a parameter in `send.query`",
            AuthKind::Bearer => "`send.headers.Authorization: \"Bearer {field}\"`",
            AuthKind::Basic => "`send.basic`",
            AuthKind::Custom | AuthKind::Oauth2 => "",
        };
        rep.value(
            &format!("{p}/kind"),
            Code::InvalidValue,
            format!("`kind` does not match `send`: this kind needs {need}"),
            "here",
            "make `kind` and `send` agree, or use `kind: custom`",
        );
    }
    let templates_ok = s
        .headers
        .values()
        .chain(s.query.values())
        .chain(s.basic.iter().flat_map(|b| [&b.username, &b.password]))
        .all(|t| connectspec_runtime::parse_template(t).is_ok());
    if !templates_ok {
        return; // which fields are sent is unknown until the templates parse
    }
    let used: BTreeSet<String> = s
        .headers
        .values()
        .chain(s.query.values())
        .chain(s.basic.iter().flat_map(|b| [&b.username, &b.password]))
        .chain(s.computed.iter().filter_map(|c| c.base64.as_ref()))
        .chain(s.sign.iter().map(|g| &g.secret))
        .filter_map(|t| connectspec_runtime::parse_template(t).ok())
        .flat_map(|parts| {
            Part::placeholders(&parts)
                .into_iter()
                .map(|(v, _)| v.key.clone())
                .collect::<Vec<_>>()
        })
        .chain(in_url)
        .collect();
    for (i, f) in m.fields.iter().enumerate() {
        if f.secret && !used.contains(&f.key) {
            rep.value(&format!("{p}/fields/{i}/key"), Code::UnknownReference, format!("secret field `{}` is never sent", f.key), shown(&f.key), "use it in `send` (e.g. a header `{field}`) or drop `secret: true` if it is not a credential");
        }
    }
}

/// A limit kind as the spec writes it (`expires_after`), for messages.
pub(crate) fn limit_kind_name(kind: LimitKind) -> String {
    kind.name().to_owned()
}

/// `choices`, `or_custom`, `or_never` (an expiry the user picks) and `field`.
fn check_choices(rep: &mut Reporter<'_>, m: &AuthMethod, l: &Limit, lp: &str) {
    if let Some(key) = &l.field
        && m.field(key).is_none()
    {
        unknown_field(rep, &format!("{lp}/field"), key, m);
    }
    if l.choices.is_empty() {
        for (flag, set) in [("or_custom", l.or_custom), ("or_never", l.or_never)] {
            if set {
                rep.value(
                    &format!("{lp}/{flag}"),
                    Code::ContradictoryLimits,
                    format!("`{flag}` is set but the limit has no `choices`"),
                    "`true`",
                    "list the fixed durations the user picks from in `choices:`",
                );
            }
        }
        return;
    }
    if l.kind != LimitKind::ExpiresAfter {
        rep.key(
            &format!("{lp}/choices"),
            Code::ContradictoryLimits,
            format!(
                "`choices` only applies to `expires_after`, not `{}`",
                limit_kind_name(l.kind)
            ),
            "here",
            "remove `choices`",
        );
        return;
    }
    if l.value.is_some() {
        rep.key(
            &format!("{lp}/value"),
            Code::ContradictoryLimits,
            "`value` and `choices` both give the expiry",
            "here",
            "keep `choices` (the user picks) or `value` (one fixed expiry), not both",
        );
    }
    for (j, w) in l.choices.windows(2).enumerate() {
        if w[1] <= w[0] {
            rep.value(
                &format!("{lp}/choices/{}", j + 1),
                Code::ContradictoryLimits,
                format!(
                    "choice {} does not follow {} in increasing order",
                    w[1], w[0]
                ),
                format!("`{}`", w[1]),
                "list each duration once, shortest first",
            );
        }
    }
    if let Some(j) = l.choices.iter().position(|c| *c == 0) {
        rep.value(
            &format!("{lp}/choices/{j}"),
            Code::ContradictoryLimits,
            "a choice of 0 is no expiry window",
            "`0`",
            "use `or_never: true` for a credential that can be made not to expire",
        );
    }
}

fn check_limits(rep: &mut Reporter<'_>, m: &AuthMethod, p: &str) {
    let mut kinds = BTreeMap::new();
    for (i, l) in m.limits.iter().enumerate() {
        let lp = format!("{p}/limits/{i}");
        let kind = limit_kind_name(l.kind);
        duplicate(rep, &mut kinds, &kind, &format!("{lp}/kind"), "limit kind");
        let needs_value = l.kind != LimitKind::ShownOnce && l.choices.is_empty();
        if needs_value && l.value.is_none_or(|v| v == 0) {
            let help = if l.kind == LimitKind::ExpiresAfter {
                "add `value: N`, or `choices: [7, 30, 60, 90]` when the user picks the expiry"
            } else {
                "add `value: N`"
            };
            rep.key(
                &format!("{lp}/kind"),
                Code::ContradictoryLimits,
                "this limit needs a positive `value`",
                "here",
                help,
            );
        }
        check_choices(rep, m, l, &lp);
        if l.kind == LimitKind::ShownOnce
            && (l.value.is_some() || l.unit.is_some() || l.per.is_some() || !l.choices.is_empty())
        {
            rep.key(
                &format!("{lp}/kind"),
                Code::ContradictoryLimits,
                "`shown_once` takes no value, unit, per or choices",
                "here",
                "remove them",
            );
        }
        let unit_ok = match l.kind {
            LimitKind::ExpiresAfter | LimitKind::ExpiresAfterInactivity => {
                l.unit.is_some_and(LimitUnit::is_duration)
            }
            LimitKind::RateLimit => l.unit.is_some_and(|u| !u.is_duration()),
            LimitKind::ShownOnce => true,
            LimitKind::MaxCount => l.unit.is_none(),
        };
        if !unit_ok {
            let want = match l.kind {
                LimitKind::RateLimit => "a rate unit such as `requests_per_minute`",
                LimitKind::MaxCount => "no unit (use `per` for what the count applies to)",
                _ => "a duration unit such as `days`",
            };
            rep.key(
                &format!("{lp}/kind"),
                Code::ContradictoryLimits,
                format!("this limit needs {want}"),
                "here",
                "set `unit:` accordingly",
            );
        }
        if l.per.is_some() && l.kind != LimitKind::MaxCount {
            rep.value(
                &format!("{lp}/per"),
                Code::ContradictoryLimits,
                "`per` only applies to `max_count`",
                "here",
                "remove `per`",
            );
        }
    }
}

fn check_guide(rep: &mut Reporter<'_>, m: &AuthMethod, p: &str) {
    let gp = format!("{p}/guide");
    if let Some(w) = &m.guide.warning {
        markup(rep, &format!("{gp}/warning"), w);
    }
    if m.guide.sections.is_empty() {
        rep.value(
            &format!("{gp}/sections"),
            Code::EmptyGuide,
            "the guide has no sections",
            "here",
            "add at least one section with steps telling the user where to find the credential",
        );
    }
    for (i, s) in m.guide.sections.iter().enumerate() {
        let sp = format!("{gp}/sections/{i}");
        non_empty(rep, &format!("{sp}/title"), &s.title, "title");
        if let Some(t) = &s.intro {
            markup(rep, &format!("{sp}/intro"), t);
        }
        for (j, sc) in s.scopes.iter().enumerate() {
            scope_ref(rep, &format!("{sp}/scopes/{j}"), sc, m);
        }
        if s.steps.is_empty() && s.bullets.is_empty() {
            rep.key(
                &format!("{sp}/title"),
                Code::EmptyGuide,
                format!("section `{}` has neither steps nor bullets", s.title),
                shown(&s.title),
                "add `steps:` or `bullets:`",
            );
        }
        if !s.steps.is_empty() && !s.bullets.is_empty() {
            rep.key(
                &format!("{sp}/bullets"),
                Code::InvalidValue,
                "a section has either steps or bullets, not both",
                "here",
                "move the bullets into a step",
            );
        }
        bullets(rep, &format!("{sp}/bullets"), &s.bullets, m);
        for (j, st) in s.steps.iter().enumerate() {
            let stp = format!("{sp}/steps/{j}");
            non_empty(rep, &format!("{stp}/title"), &st.title, "title");
            if let Some(t) = &st.text {
                markup(rep, &format!("{stp}/text"), t);
            }
            if st.text.is_none() && st.bullets.is_empty() {
                rep.key(
                    &format!("{stp}/title"),
                    Code::EmptyGuide,
                    format!("step `{}` says nothing", st.title),
                    shown(&st.title),
                    "add `text:` or `bullets:`",
                );
            }
            for (k, sc) in st.scopes.iter().enumerate() {
                scope_ref(rep, &format!("{stp}/scopes/{k}"), sc, m);
            }
            if st.display_scopes && st.scopes.is_empty() {
                rep.value(
                    &format!("{stp}/display_scopes"),
                    Code::UnknownReference,
                    "`display_scopes` is set but the step names no scopes",
                    "`true`",
                    "list the step's `scopes`",
                );
            }
            bullets(rep, &format!("{stp}/bullets"), &st.bullets, m);
        }
    }
}

fn bullets(rep: &mut Reporter<'_>, p: &str, items: &[Bullet], m: &AuthMethod) {
    for (i, b) in items.iter().enumerate() {
        let bp = format!("{p}/{i}");
        match b {
            Bullet::Text(t) => markup(rep, &bp, t),
            Bullet::Limit { limit } => {
                if m.limit(*limit).is_none() {
                    let name = serde_json::to_value(limit)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    rep.value(
                        &format!("{bp}/limit"),
                        Code::UnknownReference,
                        format!("the method declares no `{name}` limit"),
                        shown(&name),
                        "declare it under `limits:` so the page and the validators share one fact",
                    );
                }
            }
            Bullet::FieldFormat { field_format } => match m.field(field_format) {
                None => unknown_field(rep, &format!("{bp}/field_format"), field_format, m),
                Some(f) if f.hint.is_none() => rep.value(
                    &format!("{bp}/field_format"),
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

fn markup(rep: &mut Reporter<'_>, ptr: &str, text: &str) {
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

/// Checks that a pattern compiles and is anchored; returns it compiled, and its HIR,
/// when it compiles.
pub(crate) fn check_pattern(
    rep: &mut Reporter<'_>,
    ptr: &str,
    pat: &str,
) -> Option<(regex::Regex, Hir)> {
    let regex = match regex::Regex::new(pat) {
        Ok(r) => r,
        Err(e) => {
            let msg = e.to_string();
            let detail = msg
                .lines()
                .filter(|l| l.starts_with("error:"))
                .map(|l| l.trim_start_matches("error:").trim())
                .next()
                .unwrap_or(msg.as_str())
                .to_owned();
            rep.value(
                ptr,
                Code::InvalidRegex,
                format!("pattern does not compile: {detail}"),
                shown(pat),
                "fix the pattern (Rust `regex` syntax: no look-around or back-references)",
            );
            return None;
        }
    };
    let hir = regex_syntax::parse(pat).ok()?;
    if !is_anchored(&hir) {
        rep.value(
            ptr,
            Code::UnanchoredPattern,
            "pattern is not anchored",
            shown(pat),
            format!(
                "match the whole value: write `^{}$`",
                pat.trim_start_matches('^').trim_end_matches('$')
            ),
        );
    }
    if let Err(e) = crate::ecma::translate_hir(&hir) {
        rep.value(
            ptr,
            Code::UntranslatablePattern,
            format!(
                "pattern cannot be translated to JavaScript exactly: {}",
                e.construct
            ),
            shown(pat),
            e.help,
        );
    }
    Some((regex, hir))
}

fn is_anchored(hir: &Hir) -> bool {
    let starts = |h: &Hir| matches!(h.kind(), HirKind::Look(Look::Start));
    let ends = |h: &Hir| matches!(h.kind(), HirKind::Look(Look::End));
    match hir.kind() {
        HirKind::Concat(parts) => {
            parts.first().is_some_and(starts) && parts.last().is_some_and(ends)
        }
        HirKind::Alternation(alts) => alts.iter().all(is_anchored),
        HirKind::Capture(c) => is_anchored(&c.sub),
        _ => false,
    }
}

fn has_capture(hir: &Hir, name: &str) -> bool {
    match hir.kind() {
        HirKind::Capture(c) => c.name.as_deref() == Some(name) || has_capture(&c.sub, name),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(|h| has_capture(h, name)),
        HirKind::Repetition(r) => has_capture(&r.sub, name),
        _ => false,
    }
}

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
/// and an optional part may not hold the host or change the URL's component.
pub(crate) fn check_url_template(
    rep: &mut Reporter<'_>,
    ptr: &str,
    t: &str,
    names: &BTreeSet<&str>,
    m: &AuthMethod,
) {
    template_checks(rep, ptr, t, names, m, true);
}

fn template_checks(
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
            crate::choices::check_param_use(rep, ptr, t, key, param, m);
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

/// An optional part of a URL may not hold the host, and its literal text may not
/// open another component (`?`, `#`, `://`): leaving it out must leave a URL of the
/// same shape, which is what the host proof reads.
fn optional_parts_in_url(
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
                let in_authority = match before.find("://") {
                    None => true,
                    Some(i) => !before[i + 3..].contains('/'),
                };
                let mut text = String::new();
                let opens = inner.iter().any(|p| match p {
                    Part::Lit(s) => {
                        text.push_str(s);
                        s.contains(['?', '#']) || s.contains("://")
                    }
                    _ => false,
                });
                if in_authority || opens {
                    rep.value(
                        ptr,
                        Code::InvalidTemplate,
                        if in_authority {
                            "an optional part `{?…}` stands in the scheme or host of the URL".to_owned()
                        } else {
                            format!("the optional part `{{?{text}…}}` contains `?`, `#` or `://`, so leaving it out changes the URL's shape")
                        },
                        shown(t),
                        "use optional parts for path segments or query parameters only, e.g. `/v1{?/teams/{team}}` or `?a=1{?&team={team}}`",
                    );
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
/// [`crate::request::check_url_secrets`].)
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

fn unknown_field(rep: &mut Reporter<'_>, ptr: &str, key: &str, m: &AuthMethod) {
    let keys: Vec<&str> = m.fields.iter().map(|f| f.key.as_str()).collect();
    rep.value(
        ptr,
        Code::UnknownReference,
        format!("`{key}` is not a field of this method"),
        shown(key),
        format!("use one of: {}", keys.join(", ")),
    );
}

fn status(rep: &mut Reporter<'_>, ptr: &str, s: u16) {
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

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
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
