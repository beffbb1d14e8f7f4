//! Spec model → Rust items (a `TokenStream`).
//!
//! Per provider a module with its `ProviderMeta`; per auth method a submodule of static
//! tables (`FIELDS`, `RULES`, `META`, matchers, option enums) and, next to it, a typed
//! credential struct whose constructors run the runtime's generic checker over the
//! tables. At the root: the registry (`providers`, `provider`, `method`, `validate`)
//! and the `Credentials` enum over every method. Everything comes from the model; the
//! generator knows no provider.

mod exchange;
mod literals;
mod oauth;
mod registry;
mod request;
mod tables;
mod typed;

pub(crate) use literals::*;
pub use oauth::setup_method;
use registry::*;
pub use request::lifetime;
use tables::*;
use typed::*;

use std::collections::BTreeSet;

use connectspec_lang::translate::Translations;
use connectspec_lang::{Catalogue, ProviderSpec};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::texts::{TextBase, provider_message_texts};

use crate::names::{camel, snake_ident, type_ident};

/// Generates the whole file, or every naming problem that would make it not compile.
pub fn try_generate(catalogue: &Catalogue) -> Result<TokenStream, Vec<String>> {
    Ok(try_generate_items(catalogue)?.into_iter().collect())
}

/// [`try_generate`] as top-level items: one module per provider, then the registry.
/// No translation: the validators speak every locale's catalogue with English texts.
pub fn try_generate_items(catalogue: &Catalogue) -> Result<Vec<TokenStream>, Vec<String>> {
    try_generate_items_with(catalogue, &Translations::default())
}

/// [`try_generate_items`] with the spec texts' translations, whose message texts each
/// provider carries per locale (`ProviderMeta::texts`).
pub fn try_generate_items_with(
    catalogue: &Catalogue,
    translations: &Translations,
) -> Result<Vec<TokenStream>, Vec<String>> {
    let mut specs: Vec<&ProviderSpec> = catalogue.iter().collect();
    specs.sort_by(|a, b| a.id.cmp(&b.id));
    let mut problems = Vec::new();
    let mut modules = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut variants = BTreeSet::new();
    for p in &specs {
        match provider_module(p, translations) {
            Ok((tokens, methods)) => {
                modules.push(tokens);
                for e in methods {
                    if !variants.insert(e.variant.to_string()) {
                        problems.push(format!(
                            "provider `{}` method `{}`: the registry name `{}` is already taken by another provider's method; rename one of the ids",
                            p.id, e.method_id, e.variant
                        ));
                    }
                    entries.push(e);
                }
            }
            Err(mut e) => problems.append(&mut e),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    modules.push(registry(&specs, &entries));
    Ok(modules)
}

/// One auth method as the registry sees it.
pub(super) struct Entry {
    provider_id: String,
    method_id: String,
    /// `oneflow::ApiToken`.
    path: TokenStream,
    /// `OneflowApiToken`.
    variant: Ident,
    label: String,
}

fn provider_module(
    p: &ProviderSpec,
    translations: &Translations,
) -> Result<(TokenStream, Vec<Entry>), Vec<String>> {
    let mut problems = Vec::new();
    let module = snake_ident(&p.id).map_err(|e| vec![format!("provider `{}`: {e}", p.id)])?;
    let mut items = Vec::new();
    let mut method_refs = Vec::new();
    let mut entries = Vec::new();
    let mut structs = BTreeSet::new();
    for m in &p.auth_methods {
        let m_mod = match snake_ident(&m.id) {
            Ok(i) => i,
            Err(e) => {
                problems.push(format!("provider `{}` method `{}`: {e}", p.id, m.id));
                continue;
            }
        };
        let struct_name = camel(&m.id);
        if !structs.insert(struct_name.clone()) {
            problems.push(format!(
                "provider `{}`: two methods map to the Rust type `{struct_name}`; rename one",
                p.id
            ));
            continue;
        }
        match method_items(p, m, &TextBase::of(m), &m_mod, &type_ident(&struct_name)) {
            Ok(t) => items.push(t),
            Err(e) => {
                problems.extend(
                    e.into_iter()
                        .map(|e| format!("provider `{}` method `{}`: {e}", p.id, m.id)),
                );
                continue;
            }
        }
        method_refs.push(quote!(&#m_mod::META));
        if m.is_oauth() {
            // The setup form: its own tables and typed struct, not a listed method.
            let setup = crate::generate::oauth::setup_method(m);
            let name = camel(&setup.id);
            match snake_ident(&setup.id) {
                Ok(setup_mod) if structs.insert(name.clone()) => {
                    let texts = TextBase::setup_of(m);
                    match method_items(p, &setup, &texts, &setup_mod, &type_ident(&name)) {
                        Ok(t) => items.push(t),
                        Err(e) => problems.extend(e.into_iter().map(|e| {
                            format!("provider `{}` method `{}` setup: {e}", p.id, m.id)
                        })),
                    }
                }
                Ok(_) => problems.push(format!(
                    "provider `{}`: the setup form of `{}` maps to the Rust type `{name}`, which another method uses; rename one",
                    p.id, m.id
                )),
                Err(e) => problems.push(format!("provider `{}` method `{}`: {e}", p.id, m.id)),
            }
        }
        let s = type_ident(&struct_name);
        entries.push(Entry {
            provider_id: p.id.clone(),
            method_id: m.id.clone(),
            path: quote!(#module::#s),
            variant: type_ident(&format!("{}{struct_name}", camel(&p.id))),
            label: format!("{} {}", p.name, m.label),
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let (id, name, homepage) = (&p.id, &p.name, &p.homepage);
    let categories = &p.categories;
    let texts = provider_message_texts(p, translations, true)
        .into_iter()
        .map(|(locale, texts)| {
            let locale = format_ident!("{locale:?}");
            let (keys, values): (Vec<String>, Vec<String>) = texts.into_iter().unzip();
            quote!((rt_::Locale::#locale, rt_::TextTable(&[#((#keys, #values)),*])))
        });
    let doc = format!(" {name}: validators generated from its spec (`specs/{id}.yaml`).");
    // Generated bodies use `match` where clippy prefers `?` or `Option::map`: those
    // instantiate `FromResidual` or a closure once per credential type.
    let tokens = quote! {
        #[doc = #doc]
        #[allow(clippy::manual_map, clippy::question_mark)]
        pub mod #module {
            use ::connectspec_runtime as rt_;

            /// The provider's metadata.
            pub static PROVIDER: rt_::ProviderMeta = rt_::ProviderMeta {
                id: #id,
                name: #name,
                homepage: #homepage,
                categories: &[#(#categories),*],
                methods: &[#(#method_refs),*],
                texts: &[#(#texts),*],
            };

            #(#items)*
        }
    };
    Ok((tokens, entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With translations, each provider carries its translated message texts per locale,
    /// the same on every run.
    #[test]
    fn providers_carry_their_translated_message_texts() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs");
        let cat = connectspec_lang::load_dir(&dir).unwrap();
        let translations = connectspec_lang::translate::load(&dir, &cat).translations;
        let once: Vec<String> = try_generate_items_with(&cat, &translations)
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        let again: Vec<String> = try_generate_items_with(&cat, &translations)
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(once, again);
        let oneflow = once
            .iter()
            .find(|m| m.starts_with("# [doc = \" Oneflow:"))
            .expect("the oneflow module");
        assert!(oneflow.contains("rt_ :: Locale :: De"), "{oneflow}");
        assert!(oneflow.contains("\"API-Token\""), "{oneflow}");
        // Without translations, no texts.
        let plain = try_generate_items(&cat).unwrap();
        assert!(
            !plain
                .iter()
                .any(|m| m.to_string().contains("rt_ :: Locale ::"))
        );
    }
}
