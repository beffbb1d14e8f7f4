//! The request features as runtime tables: `send.sign`, `send.computed`, the connection
//! test's body and response checks.

use connectspec_lang::{
    AuthMethod, CanonicalPart, ConnectionTest, ExpiryFormat, HmacAlgorithm, LimitKind, LimitUnit,
    SignatureEncoding, TestBody, TimestampFormat,
};
use proc_macro2::TokenStream;
use quote::quote;

use crate::generate::template;

/// `sign: Option<SignMeta>` and `computed: &[ComputedMeta]` of `SendMeta`.
pub(crate) fn sign_and_computed(m: &AuthMethod) -> Result<(TokenStream, TokenStream), String> {
    let s = &m.send;
    let sign = match &s.sign {
        None => quote!(None),
        Some(g) => {
            let key = &g.key;
            let alg = match g.algorithm {
                HmacAlgorithm::HmacSha1 => quote!(Sha1),
                HmacAlgorithm::HmacSha256 => quote!(Sha256),
                HmacAlgorithm::HmacSha512 => quote!(Sha512),
            };
            let secret = template(&g.secret)?;
            let enc = match g.encoding {
                SignatureEncoding::Hex => quote!(Hex),
                SignatureEncoding::Base64 => quote!(Base64),
            };
            let parts = g.message.iter().map(|p| match p {
                CanonicalPart::Timestamp => quote!(rt_::MessagePart::Timestamp),
                CanonicalPart::Method => quote!(rt_::MessagePart::Method),
                CanonicalPart::Host => quote!(rt_::MessagePart::Host),
                CanonicalPart::Path => quote!(rt_::MessagePart::Path),
                CanonicalPart::Query => quote!(rt_::MessagePart::Query),
                CanonicalPart::SortedQuery => quote!(rt_::MessagePart::SortedQuery),
            });
            let ts = match &g.timestamp {
                None => quote!(None),
                Some(t) => {
                    let k = &t.key;
                    let f = match t.format {
                        TimestampFormat::Rfc2822 => quote!(Rfc2822),
                        TimestampFormat::Rfc3339 => quote!(Rfc3339),
                        TimestampFormat::UnixSeconds => quote!(UnixSeconds),
                    };
                    quote!(Some((#k, rt_::TimestampFormat::#f)))
                }
            };
            quote!(Some(rt_::SignMeta {
                key: #key,
                algorithm: rt_::HmacAlgorithm::#alg,
                secret: #secret,
                encoding: rt_::SignatureEncoding::#enc,
                message: &[#(#parts),*],
                timestamp: #ts,
            }))
        }
    };
    let mut computed = Vec::new();
    for c in &s.computed {
        let key = &c.key;
        let kind = match (&c.base64, &c.constant) {
            (Some(t), _) => {
                let tt = template(t)?;
                quote!(rt_::ComputedKind::Base64(#tt))
            }
            (None, Some(text)) => quote!(rt_::ComputedKind::Constant(#text)),
            (None, None) => return Err(format!("computed `{key}` has no value")),
        };
        let (pr, sec) = m.computed_flags(c)?;
        computed.push(
            quote!(rt_::ComputedMeta { key: #key, kind: #kind, per_request: #pr, secret: #sec }),
        );
    }
    Ok((sign, quote!(&[#(#computed),*])))
}

/// `body: Option<BodyMeta>` and `checks: &[CheckMeta]` of `TestMeta`.
pub(crate) fn body_and_checks(t: &ConnectionTest) -> (TokenStream, TokenStream) {
    let body = match &t.body {
        None => quote!(None),
        Some(TestBody::Json(v)) => {
            let text = v.to_string();
            quote!(Some(rt_::BodyMeta { json: Some(#text), graphql_query: None }))
        }
        Some(TestBody::Graphql(g)) => {
            let q = &g.query;
            let vars = match &g.variables {
                Some(v) => {
                    let text = v.to_string();
                    quote!(Some(#text))
                }
                None => quote!(None),
            };
            quote!(Some(rt_::BodyMeta { json: #vars, graphql_query: Some(#q) }))
        }
    };
    let checks = t.checks.iter().map(|c| {
        let (ptr, meaning) = (&c.pointer, &c.meaning);
        let kind = if let Some(v) = &c.equals {
            let text = v.to_string();
            quote!(rt_::CheckKind::Equals(#text))
        } else if let Some(e) = c.exists {
            quote!(rt_::CheckKind::Exists(#e))
        } else {
            quote!(rt_::CheckKind::NonEmpty)
        };
        quote!(rt_::CheckMeta { pointer: #ptr, kind: #kind, meaning: #meaning })
    });
    (body, quote!(&[#(#checks),*]))
}

/// `learns: Option<LearnsMeta>` of `TestMeta` (a header wins over a pointer; the
/// checker refuses both).
pub(crate) fn learns(m: &AuthMethod, t: &ConnectionTest) -> TokenStream {
    let Some(l) = &t.learns else {
        return quote!(None);
    };
    let from = |header: &Option<String>, pointer: &Option<String>| match (header, pointer) {
        (Some(h), _) => Some(quote!(rt_::LearnFrom::Header(#h))),
        (None, Some(p)) => Some(quote!(rt_::LearnFrom::Pointer(#p))),
        (None, None) => None,
    };
    let scopes = match l.scopes.as_ref().and_then(|s| from(&s.header, &s.pointer)) {
        Some(f) => quote!(Some(#f)),
        None => quote!(None),
    };
    let separator = l.scopes.as_ref().map_or(",", |s| s.separator_or_default());
    let expires = l
        .expires_at
        .as_ref()
        .and_then(|e| Some((from(&e.header, &e.pointer)?, e.format?)));
    let expires = match expires {
        Some((f, format)) => {
            let format = match format {
                ExpiryFormat::Rfc3339 => quote!(Rfc3339),
                ExpiryFormat::Date => quote!(Date),
                ExpiryFormat::UnixSeconds => quote!(UnixSeconds),
                ExpiryFormat::DatetimeUtc => quote!(DatetimeUtc),
            };
            quote!(Some((#f, rt_::ExpiryFormat::#format)))
        }
        None => quote!(None),
    };
    let lifetime = match lifetime(m, t) {
        Some((key, unit)) => quote!(Some((#key, #unit))),
        None => quote!(None),
    };
    quote!(Some(rt_::LearnsMeta {
        scopes: #scopes,
        scope_separator: #separator,
        expires_at: #expires,
        lifetime: #lifetime,
    }))
}

/// `learns.expires_at.lifetime`: the field key and the seconds of one unit of the
/// method's `expires_after` limit (the checker proves the limit is there).
pub fn lifetime<'m>(m: &AuthMethod, t: &'m ConnectionTest) -> Option<(&'m str, u64)> {
    let key = t
        .learns
        .as_ref()?
        .expires_at
        .as_ref()?
        .lifetime
        .as_deref()?;
    let limit = m
        .limits
        .iter()
        .find(|l| l.kind == LimitKind::ExpiresAfter && !l.choices.is_empty())?;
    let unit = match limit.unit? {
        LimitUnit::Seconds => 1,
        LimitUnit::Minutes => 60,
        LimitUnit::Hours => 3_600,
        LimitUnit::Days => 86_400,
        _ => return None,
    };
    Some((key, unit))
}
