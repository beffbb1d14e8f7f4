//! Spec model → the runtime's tables, built as values: the twin of the code generator's
//! `generate/tables.rs`, `request.rs` and `oauth.rs`, which write the same tables as
//! Rust statics. The parity test (`tests/parity.rs`) holds the two to the same answers.

use connectspec_codegen::texts::TextBase;
use connectspec_codegen::{form_schema, setup_method};
use connectspec_lang::{
    AuthMethod, CanonicalPart, CaptureSource, ClientAuth, ClientOwner, ConnectionTest, Field,
    Grant, HmacAlgorithm, Learns, ProviderSpec, SignatureEncoding, TestBody, TimestampFormat,
    TokenRequestFormat,
};
use connectspec_runtime::{
    self as rt, ActionMeta, BodyMeta, CaptureMeta, CheckKind, CheckMeta, ComputedKind,
    ComputedMeta, CrossRule, DerivedRule, ExpiryFormat, FieldMeta, FieldRules, IdentityMeta,
    LearnFrom, LearnsMeta, Matcher, MessagePart, MethodMeta, MethodRules, OAuthMeta, OptionRule,
    OutcomeMeta, Pattern, ProviderMeta, SendMeta, SignMeta, TestMeta, TokenResponseMeta, Validator,
};

use crate::leak;
use crate::templates::{pairs, template};

/// Why a loaded spec's tables could not be built. The spec checker has accepted the
/// spec, so each of these is a disagreement between the checker and this builder.
pub type Problem = String;

/// The provider's metadata with every method's tables.
pub fn provider(p: &ProviderSpec) -> Result<&'static ProviderMeta, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut methods = Vec::new();
    for m in &p.auth_methods {
        match method(p, m) {
            Ok(meta) => methods.push(meta),
            Err(e) => problems.extend(
                e.into_iter()
                    .map(|e| format!("provider `{}` method `{}`: {e}", p.id, m.id)),
            ),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(leak::value(ProviderMeta {
        id: leak::str(&p.id),
        name: leak::str(&p.name),
        homepage: leak::str(&p.homepage),
        categories: leak::strs(&p.categories),
        methods: leak::slice(methods),
        texts: &[],
    }))
}

/// One method's `MethodMeta`, its setup form's too when it is an OAuth method.
fn method(p: &ProviderSpec, m: &AuthMethod) -> Result<&'static MethodMeta, Vec<Problem>> {
    method_with_texts(p, m, &TextBase::of(m))
}

/// [`method`] whose field texts are under `texts` (an OAuth setup form's are its
/// method's `setup_fields`).
fn method_with_texts(
    p: &ProviderSpec,
    m: &AuthMethod,
    texts: &TextBase,
) -> Result<&'static MethodMeta, Vec<Problem>> {
    let mut problems = Vec::new();
    let fields: Vec<FieldRules<'static>> = m
        .fields
        .iter()
        .filter_map(|f| keep(field_rules(f, &texts.field(&f.key)), &mut problems))
        .collect();
    let cross = m
        .rules
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let when = keep(field_index(m, &r.when.field), &mut problems)?;
            let then = keep(field_index(m, &r.then.field), &mut problems)?;
            Some(CrossRule {
                when,
                equals: leak::strs(&r.when.equals),
                then,
                prefixes: leak::strs(&r.then.prefixes),
                message: leak::str(&r.message),
                text_key: leak::str(&texts.rule(i)),
            })
        })
        .collect();
    let derived = m
        .derived
        .iter()
        .filter_map(|d| {
            let from = keep(field_index(m, &d.from), &mut problems)?;
            let pattern = keep(
                regex::Regex::new(&d.pattern)
                    .map_err(|e| format!("derived `{}`: pattern does not compile: {e}", d.key)),
                &mut problems,
            )?;
            Some(DerivedRule {
                key: leak::str(&d.key),
                label: leak::str(&d.label),
                text_key: leak::str(&texts.derived(&d.key)),
                from,
                pattern: leak::value(pattern),
                map: leak::slice(
                    d.map
                        .iter()
                        .map(|(k, v)| (leak::str(k), leak::str(v)))
                        .collect(),
                ),
            })
        })
        .collect();
    let send = keep(send_meta(m), &mut problems);
    let test = keep(test_meta(m), &mut problems);
    let base_url = keep(template(&m.base_url), &mut problems);
    let oauth = match oauth_meta(p, m) {
        Ok(o) => o,
        Err(e) => {
            problems.extend(e);
            None
        }
    };
    let exchange = keep(crate::exchange::exchange_meta(m), &mut problems).flatten();
    let (Some(send), Some(test), Some(base_url), true) =
        (send, test, base_url, problems.is_empty())
    else {
        return Err(problems);
    };
    let rules = leak::value(MethodRules {
        fields: leak::slice(fields),
        rules: leak::slice(cross),
        derived: leak::slice(derived),
    });
    let kind = serde_json::to_value(m.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let schema = serde_json::to_string(&form_schema(p, m)).expect("a JSON value serializes");
    Ok(leak::value(MethodMeta {
        provider_id: leak::str(&p.id),
        provider_name: leak::str(&p.name),
        id: leak::str(&m.id),
        label: leak::str(&m.label),
        slug: leak::str(&m.slug()),
        kind: leak::str(&kind),
        fields: leak::slice(m.fields.iter().map(field_meta).collect()),
        derived_keys: leak::strs(m.derived.iter().map(|d| &d.key)),
        rules,
        base_url,
        allowed_hosts: leak::strs(&m.allowed_hosts),
        send,
        connection_test: test,
        scopes: leak::slice(
            m.scopes
                .iter()
                .map(|s| (leak::str(&s.id), leak::str(&s.label)))
                .collect(),
        ),
        scope_includes: leak::slice(
            m.scopes
                .iter()
                .filter(|s| !s.includes.is_empty())
                .map(|s| (leak::str(&s.id), leak::strs(&s.includes)))
                .collect(),
        ),
        actions: leak::slice(
            m.actions
                .iter()
                .map(|a| ActionMeta {
                    id: leak::str(&a.id),
                    label: leak::str(&a.label),
                    description: leak::opt(&a.description),
                    scopes: leak::strs(&a.scopes),
                })
                .collect(),
        ),
        json_schema: leak::str(&schema),
        validator: Validator::Tables,
        oauth,
        exchange,
    }))
}

/// A field's checking rules. The pattern is compiled now, lowered to byte checks where
/// it can be, by the same [`Pattern`] the spec checker judges examples with.
fn field_rules(f: &Field, text_key: &str) -> Result<FieldRules<'static>, Problem> {
    let pattern = match &f.pattern {
        Some(p) => {
            let compiled = Pattern::new(p)
                .map_err(|e| format!("field `{}`: pattern `{p}` does not compile: {e}", f.key))?;
            Some(leak::value(compiled) as &'static dyn Matcher)
        }
        None => None,
    };
    let pattern_lengths = f
        .pattern
        .as_deref()
        .map_or((0, u32::MAX), rt::pattern_char_lengths);
    Ok(FieldRules {
        key: leak::str(&f.key),
        label: leak::str(&f.label),
        text_key: leak::str(text_key),
        hint: leak::opt(&f.hint),
        secret: f.secret,
        optional: f.optional,
        default: leak::opt(&f.default),
        min_length: f.min_length,
        max_length: f.max_length,
        prefixes: leak::strs(&f.prefixes),
        forbidden_prefixes: leak::strs(&f.forbidden_prefixes),
        format: f.format,
        options: leak::slice(
            f.options
                .iter()
                .map(|o| OptionRule {
                    value: leak::str(&o.value),
                    label: leak::str(&o.label),
                    params: leak::slice(
                        o.params
                            .iter()
                            .map(|(k, v)| (leak::str(k), leak::str(v)))
                            .collect(),
                    ),
                })
                .collect(),
        ),
        normalize: leak::slice(f.normalize.iter().map(normalize_step).collect()),
        pattern,
        pattern_lengths,
        private_key: crate::exchange::private_key(&f.private_key),
    })
}

fn normalize_step(n: &rt::Normalize<String>) -> rt::Normalize {
    match n.as_deref() {
        rt::Normalize::Trim => rt::Normalize::Trim,
        rt::Normalize::Lowercase => rt::Normalize::Lowercase,
        rt::Normalize::ExtractSubdomain(d) => rt::Normalize::ExtractSubdomain(leak::str(d)),
        rt::Normalize::ExtractHost => rt::Normalize::ExtractHost,
        rt::Normalize::ExtractFromUrl(t) => rt::Normalize::ExtractFromUrl(leak::str(t)),
    }
}

fn field_meta(f: &Field) -> FieldMeta {
    FieldMeta {
        key: leak::str(&f.key),
        label: leak::str(&f.label),
        description: leak::opt(&f.description),
        placeholder: leak::opt(&f.placeholder),
        secret: f.secret,
        optional: f.optional,
        default: leak::opt(&f.default),
        hint: leak::opt(&f.hint),
        options: leak::slice(
            f.options
                .iter()
                .map(|o| (leak::str(&o.value), leak::str(&o.label)))
                .collect(),
        ),
    }
}

/// The value, or `None` with its problem recorded: every problem of a method at once.
fn keep<T>(r: Result<T, Problem>, problems: &mut Vec<Problem>) -> Option<T> {
    r.map_err(|e| problems.push(e)).ok()
}

/// One problem as the list a method's builder returns.
fn one<T>(r: Result<T, Problem>) -> Result<T, Vec<Problem>> {
    r.map_err(|e| vec![e])
}

fn field_index(m: &AuthMethod, key: &str) -> Result<usize, Problem> {
    m.fields
        .iter()
        .position(|f| f.key == key)
        .ok_or_else(|| format!("no field `{key}`"))
}

fn send_meta(m: &AuthMethod) -> Result<SendMeta, Problem> {
    let s = &m.send;
    let basic = match &s.basic {
        Some(b) => Some((template(&b.username)?, template(&b.password)?)),
        None => None,
    };
    let sign = match &s.sign {
        None => None,
        Some(g) => Some(SignMeta {
            key: leak::str(&g.key),
            algorithm: match g.algorithm {
                HmacAlgorithm::HmacSha1 => rt::HmacAlgorithm::Sha1,
                HmacAlgorithm::HmacSha256 => rt::HmacAlgorithm::Sha256,
                HmacAlgorithm::HmacSha512 => rt::HmacAlgorithm::Sha512,
            },
            secret: template(&g.secret)?,
            encoding: match g.encoding {
                SignatureEncoding::Hex => rt::SignatureEncoding::Hex,
                SignatureEncoding::Base64 => rt::SignatureEncoding::Base64,
            },
            message: leak::slice(
                g.message
                    .iter()
                    .map(|p| match p {
                        CanonicalPart::Timestamp => MessagePart::Timestamp,
                        CanonicalPart::Method => MessagePart::Method,
                        CanonicalPart::Host => MessagePart::Host,
                        CanonicalPart::Path => MessagePart::Path,
                        CanonicalPart::Query => MessagePart::Query,
                        CanonicalPart::SortedQuery => MessagePart::SortedQuery,
                    })
                    .collect(),
            ),
            timestamp: g.timestamp.as_ref().map(|t| {
                (
                    leak::str(&t.key),
                    match t.format {
                        TimestampFormat::Rfc2822 => rt::TimestampFormat::Rfc2822,
                        TimestampFormat::Rfc3339 => rt::TimestampFormat::Rfc3339,
                        TimestampFormat::UnixSeconds => rt::TimestampFormat::UnixSeconds,
                    },
                )
            }),
        }),
    };
    let mut computed = Vec::new();
    for c in &s.computed {
        let kind = match (&c.base64, &c.constant) {
            (Some(t), _) => ComputedKind::Base64(template(t)?),
            (None, Some(text)) => ComputedKind::Constant(leak::str(text)),
            (None, None) => return Err(format!("computed `{}` has no value", c.key)),
        };
        let (per_request, secret) = m.computed_flags(c)?;
        computed.push(ComputedMeta {
            key: leak::str(&c.key),
            kind,
            per_request,
            secret,
        });
    }
    Ok(SendMeta {
        headers: pairs(&s.headers)?,
        query: pairs(&s.query)?,
        basic,
        computed: leak::slice(computed),
        sign,
    })
}

fn test_meta(m: &AuthMethod) -> Result<Option<TestMeta>, Problem> {
    let Some(t) = &m.connection_test else {
        return Ok(None);
    };
    let (body, checks) = body_and_checks(t);
    Ok(Some(TestMeta {
        method: leak::str(t.method.as_str()),
        path: template(&t.path)?,
        path_source: leak::str(&t.path),
        expect_status: t.expect_status,
        requires_scopes: leak::slice(
            t.requires_scopes
                .iter()
                .map(|id| {
                    let label = m.scope(id).map_or(id.as_str(), |s| s.label.as_str());
                    (leak::str(id), leak::str(label))
                })
                .collect(),
        ),
        outcomes: leak::slice(
            t.outcomes
                .iter()
                .map(|o| OutcomeMeta {
                    status: o.status,
                    meaning: leak::str(&o.meaning),
                    missing_scopes: o.missing_scopes,
                })
                .collect(),
        ),
        note: leak::opt(&t.note),
        body,
        checks,
        identity: t.identity.as_ref().map(|id| IdentityMeta {
            pointer: leak::str(&id.pointer),
            label: leak::opt(&id.label),
        }),
        learns: t.learns.as_ref().map(|l| learns(m, t, l)),
    }))
}

/// `learns` as `LearnsMeta` (a header wins over a pointer; the checker refuses both).
fn learns(m: &AuthMethod, t: &ConnectionTest, l: &Learns) -> LearnsMeta {
    let from = |header: &Option<String>, pointer: &Option<String>| match (header, pointer) {
        (Some(h), _) => Some(LearnFrom::Header(leak::str(h))),
        (None, Some(p)) => Some(LearnFrom::Pointer(leak::str(p))),
        (None, None) => None,
    };
    LearnsMeta {
        scopes: l.scopes.as_ref().and_then(|s| from(&s.header, &s.pointer)),
        scope_separator: leak::str(l.scopes.as_ref().map_or(",", |s| s.separator_or_default())),
        lifetime: connectspec_codegen::lifetime(m, t).map(|(k, u)| (leak::str(k), u)),
        expires_at: l.expires_at.as_ref().and_then(|e| {
            let format = match e.format? {
                connectspec_lang::ExpiryFormat::Rfc3339 => ExpiryFormat::Rfc3339,
                connectspec_lang::ExpiryFormat::Date => ExpiryFormat::Date,
                connectspec_lang::ExpiryFormat::UnixSeconds => ExpiryFormat::UnixSeconds,
                connectspec_lang::ExpiryFormat::DatetimeUtc => ExpiryFormat::DatetimeUtc,
            };
            Some((from(&e.header, &e.pointer)?, format))
        }),
    }
}

fn body_and_checks(t: &ConnectionTest) -> (Option<BodyMeta>, &'static [CheckMeta]) {
    let body = match &t.body {
        None => None,
        Some(TestBody::Json(v)) => Some(BodyMeta {
            json: Some(leak::str(&v.to_string())),
            graphql_query: None,
        }),
        Some(TestBody::Graphql(g)) => Some(BodyMeta {
            json: g.variables.as_ref().map(|v| leak::str(&v.to_string())),
            graphql_query: Some(leak::str(&g.query)),
        }),
    };
    let checks = t
        .checks
        .iter()
        .map(|c| CheckMeta {
            pointer: leak::str(&c.pointer),
            kind: if let Some(v) = &c.equals {
                CheckKind::Equals(leak::str(&v.to_string()))
            } else if let Some(e) = c.exists {
                CheckKind::Exists(e)
            } else {
                CheckKind::NonEmpty
            },
            meaning: leak::str(&c.meaning),
        })
        .collect();
    (body, leak::slice(checks))
}

/// The OAuth part of an OAuth method (`None` for others), with its setup form's tables.
fn oauth_meta(
    p: &ProviderSpec,
    m: &AuthMethod,
) -> Result<Option<&'static OAuthMeta>, Vec<Problem>> {
    let (Some(o), Some(grant)) = (&m.oauth, m.grant) else {
        return Ok(None);
    };
    let setup = method_with_texts(p, &setup_method(m), &TextBase::setup_of(m))?;
    let opt_template = |t: &Option<String>| t.as_deref().map(template).transpose();
    let mut captures = Vec::new();
    for c in &o.token_response.capture {
        regex::Regex::new(&c.pattern).map_err(|e| {
            vec![format!(
                "capture `{}`: pattern does not compile: {e}",
                c.key
            )]
        })?;
        captures.push(CaptureMeta {
            key: leak::str(&c.key),
            label: leak::str(&c.label),
            from: leak::str(&c.from),
            pattern: leak::value(rt::__private::LazyRegex::new(leak::str(&c.pattern))),
            source: match c.source {
                CaptureSource::TokenResponse => rt::CaptureSource::TokenResponse,
                CaptureSource::Callback => rt::CaptureSource::Callback,
            },
        });
    }
    let tr = &o.token_response;
    Ok(Some(leak::value(OAuthMeta {
        grant: match grant {
            Grant::AuthorizationCode => rt::GrantKind::AuthorizationCode,
            Grant::ClientCredentials => rt::GrantKind::ClientCredentials,
        },
        setup,
        authorization_url: one(opt_template(&o.authorization_url))?,
        token_url: one(opt_template(&o.token_url))?,
        refresh_url: one(opt_template(&o.refresh_url))?,
        default_scopes: leak::strs(&o.scopes.default),
        required_scopes: leak::strs(&o.scopes.required),
        scope_separator: leak::str(&o.scopes.separator),
        pkce: o.pkce,
        authorization_params: one(pairs(&o.authorization_params))?,
        token_params: one(pairs(&o.token_params))?,
        grant_type: leak::opt(&o.grant_type),
        client_secret_post: o.client_auth == ClientAuth::ClientSecretPost,
        json_requests: o.token_request == TokenRequestFormat::Json,
        token_response: TokenResponseMeta {
            access_token: leak::str(&tr.access_token),
            refresh_token: leak::opt(&tr.refresh_token),
            expires_in: leak::opt(&tr.expires_in),
            expires_at: leak::opt(&tr.expires_at),
        },
        captures: leak::slice(captures),
        client: match o.client {
            ClientOwner::Integrator => rt::ClientOwner::Integrator,
            ClientOwner::EndUser => rt::ClientOwner::EndUser,
            ClientOwner::Either => rt::ClientOwner::Either,
            ClientOwner::Dynamic => rt::ClientOwner::Dynamic,
        },
        discovery: match &o.discovery {
            Some(d) => Some(rt::DiscoveryMeta {
                resource: one(template(&d.resource))?,
            }),
            None => None,
        },
    })))
}
