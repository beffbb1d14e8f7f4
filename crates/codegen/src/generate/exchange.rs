//! Code for token exchanges (`kind: token_exchange`), their JWT assertions, private-key
//! fields and OAuth discovery: the `EXCHANGE` static of a method and the
//! `private_key` tables of a field.

use std::collections::BTreeMap;

use connectspec_lang::{
    AuthMethod, ExchangeBody, ExpiryFormat, HttpMethod, JwtAlgorithm, KeyContainer, PrivateKey,
};
use proc_macro2::TokenStream;
use quote::quote;

use crate::generate::template;
use crate::names::upper_ident;

fn alg(a: JwtAlgorithm) -> TokenStream {
    match a {
        JwtAlgorithm::RS256 => quote!(rt_::JwtAlg::RS256),
        JwtAlgorithm::ES256 => quote!(rt_::JwtAlg::ES256),
    }
}

/// The `private_key:` value of a field's `FieldRules`.
pub(crate) fn private_key(k: &Option<PrivateKey>) -> TokenStream {
    let Some(k) = k else {
        return quote!(None);
    };
    let json = k.container == KeyContainer::Json;
    let members = &k.members;
    let key_member = match &k.key_member {
        Some(m) => quote!(Some(#m)),
        None => quote!(None),
    };
    let (names, values): (Vec<&String>, Vec<&String>) = k.equals.iter().unzip();
    let algorithm = alg(k.algorithm);
    let min_bits = k.min_bits;
    quote!(Some(rt_::PrivateKeyMeta {
        json: #json,
        members: &[#(#members),*],
        key_member: #key_member,
        equals: &[#((#names, #values)),*],
        algorithm: #algorithm,
        min_bits: #min_bits,
    }))
}

/// The `EXCHANGE` static of a token-exchange method and the `exchange:` value of its
/// `META` (`None` for other methods).
pub(crate) fn exchange_items(m: &AuthMethod) -> Result<(TokenStream, TokenStream), Vec<String>> {
    let Some(e) = &m.exchange else {
        return Ok((TokenStream::new(), quote!(None)));
    };
    let mut problems = Vec::new();
    let mut tpl = |t: &str| {
        template(t).unwrap_or_else(|err| {
            problems.push(err);
            TokenStream::new()
        })
    };
    let pairs = |map: &BTreeMap<String, String>, tpl: &mut dyn FnMut(&str) -> TokenStream| {
        let items: Vec<TokenStream> = map
            .iter()
            .map(|(k, v)| {
                let t = tpl(v);
                quote!((#k, #t))
            })
            .collect();
        quote!(&[#(#items),*])
    };
    let url = tpl(&e.url);
    let headers = pairs(&e.headers, &mut tpl);
    let basic = match &e.basic {
        Some(b) => {
            let (u, p) = (tpl(&b.username), tpl(&b.password));
            quote!(Some((#u, #p)))
        }
        None => quote!(None),
    };
    let body = match &e.body {
        None => quote!(None),
        Some(ExchangeBody::Form(f)) => {
            let f = pairs(f, &mut tpl);
            quote!(Some(rt_::ExchangeBodyMeta::Form(#f)))
        }
        Some(ExchangeBody::Json(v)) => {
            let text = serde_json::to_string(v).expect("a JSON value serializes");
            quote!(Some(rt_::ExchangeBodyMeta::Json(#text)))
        }
    };
    let assertion = match &e.assertion {
        None => quote!(None),
        Some(a) => {
            let key_field = &a.key;
            let algorithm = alg(a.algorithm);
            let issuer = tpl(&a.issuer);
            let audience = tpl(&a.audience);
            let subject = match &a.subject {
                Some(s) => {
                    let s = tpl(s);
                    quote!(Some(#s))
                }
                None => quote!(None),
            };
            let key_id = match &a.key_id {
                Some(s) => {
                    let s = tpl(s);
                    quote!(Some(#s))
                }
                None => quote!(None),
            };
            let claims = pairs(&a.claims, &mut tpl);
            let scopes = &a.scopes;
            let lifetime = a.lifetime_seconds;
            quote!(Some(rt_::AssertionMeta {
                key_field: #key_field,
                algorithm: #algorithm,
                issuer: #issuer,
                subject: #subject,
                audience: #audience,
                scopes: &[#(#scopes),*],
                lifetime_seconds: #lifetime,
                key_id: #key_id,
                claims: #claims,
            }))
        }
    };
    let mut statics = Vec::new();
    let mut captures = Vec::new();
    for c in &e.response.capture {
        if let Err(err) = regex::Regex::new(&c.pattern) {
            problems.push(format!(
                "capture `{}`: pattern does not compile: {err}",
                c.key
            ));
        }
        let name = upper_ident("EXCHANGE_CAPTURE_", &c.key);
        let (key, label, pointer, pat) = (&c.key, &c.label, &c.pointer, &c.pattern);
        let doc = format!(" Checks the exchange answer's `{pointer}` (compiled on first use).");
        statics.push(quote! {
            #[doc = #doc]
            static #name: rt_::__private::LazyRegex = rt_::__private::LazyRegex::new(#pat);
        });
        captures.push(quote!(rt_::ExchangeCaptureMeta {
            key: #key,
            label: #label,
            pointer: #pointer,
            pattern: &#name,
        }));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let method = match e.method {
        HttpMethod::Get => "GET",
        _ => "POST",
    };
    let r = &e.response;
    let access = &r.access_token;
    let expires_in = match &r.expires_in {
        Some(p) => quote!(Some(#p)),
        None => quote!(None),
    };
    let expires_at = match &r.expires_at {
        Some(x) => {
            let p = &x.pointer;
            let f = expiry_format(x.format);
            quote!(Some((#p, rt_::ExpiryFormat::#f)))
        }
        None => quote!(None),
    };
    let items = quote! {
        #(#statics)*

        /// The method's token exchange: the request and how its answer is read.
        pub static EXCHANGE: rt_::ExchangeMeta = rt_::ExchangeMeta {
            url: #url,
            method: #method,
            headers: #headers,
            basic: #basic,
            body: #body,
            assertion: #assertion,
            access_token: #access,
            expires_in: #expires_in,
            expires_at: #expires_at,
            captures: &[#(#captures),*],
        };
    };
    Ok((items, quote!(Some(&EXCHANGE))))
}

pub(crate) fn expiry_format(f: ExpiryFormat) -> TokenStream {
    match f {
        ExpiryFormat::Rfc3339 => quote!(Rfc3339),
        ExpiryFormat::Date => quote!(Date),
        ExpiryFormat::UnixSeconds => quote!(UnixSeconds),
        ExpiryFormat::DatetimeUtc => quote!(DatetimeUtc),
    }
}
