//! The catalogue-wide registry: `providers`, `provider`, `method`, `validate` and the
//! `Credentials` enum over every method.

use connectspec_lang::ProviderSpec;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::names::snake_ident;

use super::*;

/// The crate-root registry over every provider and method.
///
/// Lookups are binary searches over static tables; the only code that grows with the
/// catalogue is one `match` arm per method (`Credentials` construction, `as_credential`).
pub(super) fn registry(specs: &[&ProviderSpec], entries: &[Entry]) -> TokenStream {
    let n = num(specs.len() as u64);
    let provider_refs = specs.iter().map(|p| {
        let m = snake_ident(&p.id).expect("checked");
        quote!(&#m::PROVIDER)
    });
    // Index of each provider's first method among `entries` (provider order, then spec order).
    let mut first = Vec::with_capacity(specs.len());
    let mut at = 0usize;
    for p in specs {
        first.push(num(at as u64));
        at += entries.iter().filter(|e| e.provider_id == p.id).count();
    }
    let variants: Vec<&Ident> = entries.iter().map(|e| &e.variant).collect();
    let paths: Vec<&TokenStream> = entries.iter().map(|e| &e.path).collect();
    let docs = entries
        .iter()
        .map(|e| format!(" {} (`{}` / `{}`).", e.label, e.provider_id, e.method_id));
    let builds = entries.iter().enumerate().map(|(i, e)| {
        let (i, path, variant) = (num(i as u64), &e.path, &e.variant);
        quote!(#i => Credentials::#variant(match #path::from_dyn_(source, lang) { Ok(c) => c, Err(e) => return Err(e) }))
    });
    let (as_dyn, build) = if entries.is_empty() {
        (
            quote!(match *self {}),
            quote!(unreachable!(
                "no provider has a method: {index} {source:p} {lang:?}"
            )),
        )
    } else {
        (
            quote!(match self { #(Credentials::#variants(c) => c,)* }),
            quote! {
                Ok(match index {
                    #(#builds,)*
                    _ => unreachable!("FIRST_METHOD_ and the providers' method lists agree"),
                })
            },
        )
    };
    quote! {
        pub use ::connectspec_runtime::{Credential, CredentialExt, FieldSource, Lang, Locale, MethodMeta, ProviderMeta, RequestAuth, TextTable, ValidateError, ValidationErrors};

        /// What a caller of the validators needs in scope: the credential traits and
        /// `expose_secret`.
        pub mod prelude {
            pub use ::connectspec_runtime::{Credential, CredentialExt, ExposeSecret};
        }

        /// Every provider, sorted by id.
        static PROVIDERS: [&::connectspec_runtime::ProviderMeta; #n] = [#(#provider_refs),*];

        /// Position in `Credentials` of each provider's first method, in `PROVIDERS` order.
        static FIRST_METHOD_: [usize; #n] = [#(#first),*];

        /// Every provider, sorted by id.
        pub fn providers() -> &'static [&'static ProviderMeta] {
            &PROVIDERS
        }

        /// The provider with this id.
        pub fn provider(id: &str) -> Option<&'static ProviderMeta> {
            PROVIDERS.binary_search_by(|p| p.id.cmp(id)).ok().map(|i| PROVIDERS[i])
        }

        /// The auth method `method` of provider `provider`.
        pub fn method(provider: &str, method: &str) -> Option<&'static MethodMeta> {
            self::provider(provider)?.methods.iter().find(|m| m.id == method).copied()
        }

        /// Validated credentials of any method. A new spec adds a variant, so matches
        /// outside this crate keep a wildcard arm.
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum Credentials {
            #(#[doc = #docs] #variants(#paths)),*
        }

        impl Credentials {
            /// The credentials as the provider-independent trait.
            pub fn as_credential(&self) -> &dyn Credential {
                #as_dyn
            }

        }

        /// `Credentials` is a credential like the types it holds (so `CredentialExt` works on it).
        impl Credential for Credentials {
            #[inline]
            fn meta(&self) -> &'static MethodMeta {
                self.as_credential().meta()
            }
            #[inline]
            fn expose_value(&self, index: usize) -> Option<&str> {
                self.as_credential().expose_value(index)
            }
            #[inline]
            fn normalized_bits(&self) -> u64 {
                self.as_credential().normalized_bits()
            }
        }

        impl ::std::fmt::Display for Credentials {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.as_credential(), f)
            }
        }

        /// The translated texts of `provider`'s validator messages in `locale`, if it has any.
        pub fn texts(provider: &str, locale: Locale) -> Option<&'static TextTable<'static>> {
            self::provider(provider)?.texts(locale)
        }

        /// The language to validate `provider`'s forms in: `locale`'s messages with the
        /// provider's texts in it (English where a text is not translated).
        pub fn lang(provider: &str, locale: Locale) -> Lang<'static> {
            match self::provider(provider) {
                Some(p) => p.lang(locale),
                None => Lang::new(locale, &::connectspec_runtime::NoTexts),
            }
        }

        /// Validates `source` against the method `method` of provider `provider`.
        pub fn validate(provider: &str, method: &str, source: &(impl FieldSource + ?Sized)) -> Result<Credentials, ValidateError> {
            validate_dyn_(provider, method, &source, &Lang::ENGLISH)
        }

        /// [`validate`] with every message in `lang` (`lang(provider, locale)`).
        pub fn validate_in(provider: &str, method: &str, source: &(impl FieldSource + ?Sized), lang: &Lang<'_>) -> Result<Credentials, ValidateError> {
            validate_dyn_(provider, method, &source, lang)
        }

        /// The registry lookup, compiled once rather than once per source type.
        fn validate_dyn_(provider: &str, method: &str, source: &dyn FieldSource, lang: &Lang<'_>) -> Result<Credentials, ValidateError> {
            let Ok(p) = PROVIDERS.binary_search_by(|p| p.id.cmp(provider)) else {
                return Err(ValidateError::UnknownProvider);
            };
            let Some(m) = PROVIDERS[p].methods.iter().position(|m| m.id == method) else {
                return Err(ValidateError::UnknownMethod);
            };
            build_(FIRST_METHOD_[p] + m, source, lang).map_err(ValidateError::Invalid)
        }

        /// Runs the constructor of method `index` (in `Credentials` order).
        // `match`, not `?`: `?` instantiates `FromResidual` once per credential type.
        #[allow(clippy::question_mark)]
        fn build_(index: usize, source: &dyn FieldSource, lang: &Lang<'_>) -> Result<Credentials, ValidationErrors> {
            #build
        }

        /// Validates a JSON object of string values; anything else is `Invalid`.
        pub fn validate_json(provider: &str, method: &str, value: &::serde_json::Value) -> Result<Credentials, ValidateError> {
            validate_json_in(provider, method, value, &Lang::ENGLISH)
        }

        /// [`validate_json`] with every message in `lang` (`lang(provider, locale)`).
        pub fn validate_json_in(provider: &str, method: &str, value: &::serde_json::Value, lang: &Lang<'_>) -> Result<Credentials, ValidateError> {
            self::method(provider, method).ok_or(if self::provider(provider).is_none() {
                ValidateError::UnknownProvider
            } else {
                ValidateError::UnknownMethod
            })?;
            validate_dyn_(provider, method, ::connectspec_runtime::__private::json_object_in(value, lang)?, lang)
        }
    }
}
