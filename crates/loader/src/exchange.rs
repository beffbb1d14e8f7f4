//! The token exchange and private-key tables of a loaded spec: the twin of
//! `connectspec_codegen`'s `generate/exchange.rs`, built as values.

use connectspec_lang::{
    AuthMethod, ExchangeBody, ExpiryFormat as SpecExpiry, HttpMethod, JwtAlgorithm, KeyContainer,
    PrivateKey,
};
use connectspec_runtime::{
    self as rt, AssertionMeta, ExchangeBodyMeta, ExchangeCaptureMeta, ExchangeMeta, ExpiryFormat,
    JwtAlg, PrivateKeyMeta,
};

use crate::leak;
use crate::templates::{pairs, template};

/// Why a table could not be built (as [`crate::tables::Problem`]).
type Problem = String;

fn alg(a: JwtAlgorithm) -> JwtAlg {
    match a {
        JwtAlgorithm::RS256 => JwtAlg::RS256,
        JwtAlgorithm::ES256 => JwtAlg::ES256,
    }
}

/// The `private_key` of a field's rules.
pub(crate) fn private_key(k: &Option<PrivateKey>) -> Option<PrivateKeyMeta<'static>> {
    let k = k.as_ref()?;
    Some(PrivateKeyMeta {
        json: k.container == KeyContainer::Json,
        members: leak::strs(&k.members),
        key_member: leak::opt(&k.key_member),
        equals: leak::slice(
            k.equals
                .iter()
                .map(|(a, b)| (leak::str(a), leak::str(b)))
                .collect(),
        ),
        algorithm: alg(k.algorithm),
        min_bits: k.min_bits,
    })
}

pub(crate) fn expiry_format(f: SpecExpiry) -> ExpiryFormat {
    match f {
        SpecExpiry::Rfc3339 => ExpiryFormat::Rfc3339,
        SpecExpiry::Date => ExpiryFormat::Date,
        SpecExpiry::UnixSeconds => ExpiryFormat::UnixSeconds,
        SpecExpiry::DatetimeUtc => ExpiryFormat::DatetimeUtc,
    }
}

/// The exchange of a token-exchange method (`None` for others).
pub(crate) fn exchange_meta(m: &AuthMethod) -> Result<Option<&'static ExchangeMeta>, Problem> {
    let Some(e) = &m.exchange else {
        return Ok(None);
    };
    let opt = |t: &Option<String>| t.as_deref().map(template).transpose();
    let assertion = match &e.assertion {
        None => None,
        Some(a) => Some(AssertionMeta {
            key_field: leak::str(&a.key),
            algorithm: alg(a.algorithm),
            issuer: template(&a.issuer)?,
            subject: opt(&a.subject)?,
            audience: template(&a.audience)?,
            scopes: leak::strs(&a.scopes),
            lifetime_seconds: a.lifetime_seconds,
            key_id: opt(&a.key_id)?,
            claims: pairs(&a.claims)?,
        }),
    };
    let mut captures = Vec::new();
    for c in &e.response.capture {
        regex::Regex::new(&c.pattern)
            .map_err(|err| format!("capture `{}`: pattern does not compile: {err}", c.key))?;
        captures.push(ExchangeCaptureMeta {
            key: leak::str(&c.key),
            label: leak::str(&c.label),
            pointer: leak::str(&c.pointer),
            pattern: leak::value(rt::__private::LazyRegex::new(leak::str(&c.pattern))),
        });
    }
    let body = match &e.body {
        None => None,
        Some(ExchangeBody::Form(f)) => Some(ExchangeBodyMeta::Form(pairs(f)?)),
        Some(ExchangeBody::Json(v)) => Some(ExchangeBodyMeta::Json(leak::str(
            &serde_json::to_string(v).expect("a JSON value serializes"),
        ))),
    };
    let basic = match &e.basic {
        Some(b) => Some((template(&b.username)?, template(&b.password)?)),
        None => None,
    };
    let r = &e.response;
    Ok(Some(leak::value(ExchangeMeta {
        url: template(&e.url)?,
        method: if e.method == HttpMethod::Get {
            "GET"
        } else {
            "POST"
        },
        headers: pairs(&e.headers)?,
        basic,
        body,
        assertion,
        access_token: leak::str(&r.access_token),
        expires_in: leak::opt(&r.expires_in),
        expires_at: r
            .expires_at
            .as_ref()
            .map(|x| (leak::str(&x.pointer), expiry_format(x.format))),
        captures: leak::slice(captures),
    })))
}
