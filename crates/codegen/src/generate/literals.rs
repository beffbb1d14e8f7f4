//! Small token builders: literals, optional values, templates, byte classes.

use connectspec_lang::{AuthMethod, Normalize};
use connectspec_runtime::{Part, parse_template};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

use connectspec_runtime::ByteClass;

pub(super) fn opt_str(v: &Option<String>) -> TokenStream {
    match v {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    }
}

/// An integer literal without a type suffix (`40`, not `40u32`), for readable output.
pub(super) fn num(n: impl Into<u64>) -> Literal {
    Literal::u64_unsuffixed(n.into())
}

pub(super) fn opt_u32(v: Option<u32>) -> TokenStream {
    match v {
        Some(n) => {
            let n = num(n);
            quote!(Some(#n))
        }
        None => quote!(None),
    }
}

/// A `Template` literal from template text (checked by the spec loader).
pub(crate) fn template(text: &str) -> Result<TokenStream, String> {
    let parts = parse_template(text).map_err(|(_, e)| format!("template `{text}`: {e}"))?;
    let segs = segments(&parts);
    Ok(quote!(rt_::Template { segments: &[#(#segs),*] }))
}

pub(super) fn segments(parts: &[Part]) -> Vec<TokenStream> {
    parts
        .iter()
        .map(|p| match p {
            Part::Lit(s) => quote!(rt_::Segment::Lit(#s)),
            Part::Var(v) => {
                let name = v.lookup_name();
                match &v.default {
                    Some(d) => quote!(rt_::Segment::Default(#name, #d)),
                    None => quote!(rt_::Segment::Var(#name)),
                }
            }
            Part::Optional(inner) => {
                let inner = segments(inner);
                quote!(rt_::Segment::Optional(&[#(#inner),*]))
            }
        })
        .collect()
}

/// A byte class as precomputed parts (see `ByteClass::from_parts`): the class is built
/// here, once, instead of by `with_range` chains the compiler would evaluate per spec.
pub(super) fn class_literal(class: &ByteClass) -> TokenStream {
    let (bits, lo, span, n) = class.parts();
    let bits = bits
        .iter()
        .map(|b| syn::LitInt::new(&format!("{b:#018x}"), proc_macro2::Span::call_site()));
    let (lo, span) = (
        lo.iter().map(|b| Literal::u8_unsuffixed(*b)),
        span.iter().map(|b| Literal::u8_unsuffixed(*b)),
    );
    let n = Literal::u8_unsuffixed(n);
    quote!(rt_::ByteClass::from_parts([#(#bits),*], [#(#lo),*], [#(#span),*], #n))
}

pub(super) fn normalize_step(n: &Normalize) -> TokenStream {
    match n {
        Normalize::Trim => quote!(rt_::Normalize::Trim),
        Normalize::Lowercase => quote!(rt_::Normalize::Lowercase),
        Normalize::ExtractSubdomain(d) => quote!(rt_::Normalize::ExtractSubdomain(#d)),
        Normalize::ExtractHost => quote!(rt_::Normalize::ExtractHost),
        Normalize::ExtractFromUrl(t) => quote!(rt_::Normalize::ExtractFromUrl(#t)),
    }
}

pub(super) fn field_index(m: &AuthMethod, key: &str) -> Result<usize, String> {
    m.fields
        .iter()
        .position(|f| f.key == key)
        .ok_or_else(|| format!("no field `{key}`"))
}
