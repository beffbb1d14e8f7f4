//! Spec model → Rust items (a `TokenStream`).
//!
//! Per provider a module with its `ProviderMeta`; per auth method a submodule of static
//! tables (`FIELDS`, `RULES`, `META`, matchers, option enums) and, next to it, a typed
//! credential struct whose constructors run the runtime's generic checker over the
//! tables. At the root: the registry (`providers`, `provider`, `method`, `validate`)
//! and the `Credentials` enum over every method. Everything comes from the model; the
//! generator knows no provider.

use std::collections::BTreeSet;

use connectspec_runtime::{Part, parse_template};
use connectspec_spec::{AuthMethod, Catalogue, Field, Normalize, ProviderSpec};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{ToTokens, format_ident, quote};

use crate::names::{camel, snake_ident, type_ident, upper_ident, variant_names};
use crate::schema::form_schema;
use connectspec_runtime::{ByteClass, LoweredPiece, lower_pattern};

/// Generates the whole file, or every naming problem that would make it not compile.
pub fn try_generate(catalogue: &Catalogue) -> Result<TokenStream, Vec<String>> {
    Ok(try_generate_items(catalogue)?.into_iter().collect())
}

/// [`try_generate`] as top-level items: one module per provider, then the registry.
pub fn try_generate_items(catalogue: &Catalogue) -> Result<Vec<TokenStream>, Vec<String>> {
    let mut specs: Vec<&ProviderSpec> = catalogue.iter().collect();
    specs.sort_by(|a, b| a.id.cmp(&b.id));
    let mut problems = Vec::new();
    let mut modules = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut variants = BTreeSet::new();
    for p in &specs {
        match provider_module(p) {
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
struct Entry {
    provider_id: String,
    method_id: String,
    /// `oneflow::ApiToken`.
    path: TokenStream,
    /// `OneflowApiToken`.
    variant: Ident,
    label: String,
}

fn provider_module(p: &ProviderSpec) -> Result<(TokenStream, Vec<Entry>), Vec<String>> {
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
        match method_items(p, m, &m_mod, &type_ident(&struct_name)) {
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
            let setup = crate::oauth::setup_method(m);
            let name = camel(&setup.id);
            match snake_ident(&setup.id) {
                Ok(setup_mod) if structs.insert(name.clone()) => {
                    match method_items(p, &setup, &setup_mod, &type_ident(&name)) {
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
    // Secret members are read back (for templates) with `expose_secret`.
    let has_secret = p
        .auth_methods
        .iter()
        .any(|m| m.fields.iter().chain(&m.setup_fields).any(|f| f.secret));
    let expose = if has_secret {
        quote!(
            use ::connectspec_runtime::ExposeSecret as _;
        )
    } else {
        TokenStream::new()
    };
    let doc = format!(" {name}: validators generated from its spec (`specs/{id}.yaml`).");
    // Generated bodies use `match` where clippy prefers `?` or `Option::map`: those
    // instantiate `FromResidual` or a closure once per credential type.
    let tokens = quote! {
        #[doc = #doc]
        #[allow(clippy::manual_map, clippy::question_mark)]
        pub mod #module {
            use ::connectspec_runtime as rt_;
            #expose

            /// The provider's metadata.
            pub static PROVIDER: rt_::ProviderMeta = rt_::ProviderMeta {
                id: #id,
                name: #name,
                homepage: #homepage,
                categories: &[#(#categories),*],
                methods: &[#(#method_refs),*],
            };

            #(#items)*
        }
    };
    Ok((tokens, entries))
}

/// How a field is stored in the typed struct.
enum Kind {
    Text,
    Secret,
    /// A closed choice: the enum's name.
    Choice(Ident),
}

fn kind(f: &Field) -> Kind {
    if f.secret {
        Kind::Secret
    } else if !f.options.is_empty() {
        Kind::Choice(type_ident(&camel(&f.key)))
    } else {
        Kind::Text
    }
}

fn opt_str(v: &Option<String>) -> TokenStream {
    match v {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    }
}

/// An integer literal without a type suffix (`40`, not `40u32`), for readable output.
fn num(n: impl Into<u64>) -> Literal {
    Literal::u64_unsuffixed(n.into())
}

fn opt_u32(v: Option<u32>) -> TokenStream {
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

fn segments(parts: &[Part]) -> Vec<TokenStream> {
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
fn class_literal(class: &ByteClass) -> TokenStream {
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

/// The static matcher of a field pattern: lowered pieces, or a lazily compiled regex.
fn pattern_static(name: &Ident, pattern: &str) -> Result<TokenStream, String> {
    // Every pattern is compiled here, at build time, so the runtime's lazy compile cannot fail.
    regex::Regex::new(pattern).map_err(|e| format!("pattern `{pattern}` does not compile: {e}"))?;
    Ok(match lower_pattern(pattern) {
        Some(l) => {
            let pieces = l.pieces.iter().map(|p| match p {
                LoweredPiece::Literals(alts) => quote!(rt_::Piece::Literals(&[#(#alts),*])),
                LoweredPiece::Class {
                    class, min, max, ..
                } => {
                    let class = class_literal(class);
                    let max = if *max == u32::MAX {
                        quote!(u32::MAX)
                    } else {
                        num(*max).into_token_stream()
                    };
                    let min = num(*min);
                    quote!(rt_::Piece::Class { class: #class, min: #min, max: #max })
                }
            });
            let doc = format!(" `{pattern}`, lowered to byte checks.");
            quote! {
                #[doc = #doc]
                static #name: rt_::PieceMatcher<'static> = rt_::PieceMatcher { pieces: &[#(#pieces),*] };
            }
        }
        None => {
            let doc = format!(" `{pattern}`, compiled on first use.");
            quote! {
                #[doc = #doc]
                static #name: rt_::LazyRegex = rt_::LazyRegex::new(#pattern);
            }
        }
    })
}

fn normalize_step(n: &Normalize) -> TokenStream {
    match n {
        Normalize::Trim => quote!(rt_::Normalize::Trim),
        Normalize::Lowercase => quote!(rt_::Normalize::Lowercase),
        Normalize::ExtractSubdomain(d) => quote!(rt_::Normalize::ExtractSubdomain(#d)),
        Normalize::ExtractHost => quote!(rt_::Normalize::ExtractHost),
        Normalize::ExtractFromUrl(t) => quote!(rt_::Normalize::ExtractFromUrl(#t)),
    }
}

fn field_index(m: &AuthMethod, key: &str) -> Result<usize, String> {
    m.fields
        .iter()
        .position(|f| f.key == key)
        .ok_or_else(|| format!("no field `{key}`"))
}

/// The `mod <method>` of tables and the typed struct.
fn method_items(
    p: &ProviderSpec,
    m: &AuthMethod,
    m_mod: &Ident,
    s: &Ident,
) -> Result<TokenStream, Vec<String>> {
    let mut problems = Vec::new();
    let n = num(m.fields.len() as u64);
    let mut statics = Vec::new();
    let mut field_rules = Vec::new();
    let mut field_metas = Vec::new();
    let mut enums = Vec::new();
    for (index, f) in m.fields.iter().enumerate() {
        let key = &f.key;
        let pattern = match &f.pattern {
            Some(pat) => {
                let name = upper_ident("PATTERN_", key);
                match pattern_static(&name, pat) {
                    Ok(t) => statics.push(t),
                    Err(e) => problems.push(format!("field `{key}`: {e}")),
                }
                quote!(Some(&#name))
            }
            None => quote!(None),
        };
        let (label, hint, secret, optional) = (&f.label, opt_str(&f.hint), f.secret, f.optional);
        let (min, max) = (opt_u32(f.min_length), opt_u32(f.max_length));
        let (prefixes, forbidden) = (&f.prefixes, &f.forbidden_prefixes);
        let format = match f.format {
            Some(fmt) => {
                let name = format_ident!("{}", format!("{:?}", fmt));
                quote!(Some(rt_::Format::#name))
            }
            None => quote!(None),
        };
        let opt_values: Vec<&String> = f.options.iter().map(|o| &o.value).collect();
        let opt_labels: Vec<&String> = f.options.iter().map(|o| &o.label).collect();
        let opt_params = f.options.iter().map(|o| {
            let (names, values): (Vec<&String>, Vec<&String>) = o.params.iter().unzip();
            quote!(&[#((#names, #values)),*])
        });
        let default = opt_str(&f.default);
        let normalize = f.normalize.iter().map(normalize_step);
        field_rules.push(quote! {
            rt_::FieldRules {
                key: #key,
                label: #label,
                hint: #hint,
                secret: #secret,
                optional: #optional,
                default: #default,
                min_length: #min,
                max_length: #max,
                prefixes: &[#(#prefixes),*],
                forbidden_prefixes: &[#(#forbidden),*],
                format: #format,
                options: &[#(rt_::OptionRule { value: #opt_values, label: #opt_labels, params: #opt_params }),*],
                normalize: &[#(#normalize),*],
                pattern: #pattern,
            }
        });
        let (description, placeholder) = (opt_str(&f.description), opt_str(&f.placeholder));
        field_metas.push(quote! {
            rt_::FieldMeta {
                key: #key,
                label: #label,
                description: #description,
                placeholder: #placeholder,
                secret: #secret,
                optional: #optional,
                default: #default,
                hint: #hint,
                options: &[#((#opt_values, #opt_labels)),*],
            }
        });
        if let Kind::Choice(name) = kind(f) {
            enums.push(choice_enum(f, index, &name));
        }
    }
    let mut cross = Vec::new();
    for r in &m.rules {
        match (field_index(m, &r.when.field), field_index(m, &r.then.field)) {
            (Ok(when), Ok(then)) => {
                let (when, then) = (num(when as u64), num(then as u64));
                let (equals, prefixes, message) = (&r.when.equals, &r.then.prefixes, &r.message);
                cross.push(quote! {
                    rt_::CrossRule { when: #when, equals: &[#(#equals),*], then: #then, prefixes: &[#(#prefixes),*], message: #message }
                });
            }
            (Err(e), _) | (_, Err(e)) => problems.push(format!("rule: {e}")),
        }
    }
    let mut derived = Vec::new();
    for d in &m.derived {
        let name = upper_ident("DERIVED_", &d.key);
        if let Err(e) = regex::Regex::new(&d.pattern) {
            problems.push(format!(
                "derived `{}`: pattern does not compile: {e}",
                d.key
            ));
        }
        let pat = &d.pattern;
        let doc = format!(" Extracts `{}` (compiled on first use).", d.key);
        statics.push(quote! {
            #[doc = #doc]
            static #name: rt_::LazyRegex = rt_::LazyRegex::new(#pat);
        });
        match field_index(m, &d.from) {
            Ok(from) => {
                let from = num(from as u64);
                let (key, label) = (&d.key, &d.label);
                derived.push(quote!(rt_::DerivedRule { key: #key, label: #label, from: #from, pattern: &#name }));
            }
            Err(e) => problems.push(format!("derived `{}`: {e}", d.key)),
        }
    }
    let send = match send_meta(m) {
        Ok(t) => t,
        Err(e) => {
            problems.push(e);
            TokenStream::new()
        }
    };
    let test = match test_meta(m) {
        Ok(t) => t,
        Err(e) => {
            problems.push(e);
            TokenStream::new()
        }
    };
    let base_url = template(&m.base_url).unwrap_or_else(|e| {
        problems.push(e);
        TokenStream::new()
    });
    let (oauth_items, oauth) = crate::oauth::oauth_items(m).unwrap_or_else(|e| {
        problems.extend(e);
        (TokenStream::new(), TokenStream::new())
    });
    if !problems.is_empty() {
        return Err(problems);
    }
    let derived_keys = m.derived.iter().map(|d| &d.key);
    let allowed_hosts = &m.allowed_hosts;
    let scopes = m.scopes.iter().map(|sc| {
        let (id, label) = (&sc.id, &sc.label);
        quote!((#id, #label))
    });
    let scope_includes = m
        .scopes
        .iter()
        .filter(|sc| !sc.includes.is_empty())
        .map(|sc| {
            let (id, inc) = (&sc.id, &sc.includes);
            quote!((#id, &[#(#inc),*]))
        });
    let actions = m.actions.iter().map(|a| {
        let (id, label, scopes) = (&a.id, &a.label, &a.scopes);
        let description = opt_str(&a.description);
        quote!(rt_::ActionMeta { id: #id, label: #label, description: #description, scopes: &[#(#scopes),*] })
    });
    let schema = serde_json::to_string(&form_schema(p, m)).expect("a JSON value serializes");
    let (pid, pname, mid, mlabel, slug) = (&p.id, &p.name, &m.id, &m.label, m.slug());
    let kind = serde_json::to_value(m.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let mod_doc = format!(" Tables of {pname}'s {mlabel} method.");
    let tables = quote! {
        #[doc = #mod_doc]
        pub mod #m_mod {
            use ::connectspec_runtime as rt_;

            #(#statics)*

            /// Checking rules of each field, in form order.
            pub static FIELDS: [rt_::FieldRules<'static>; #n] = [#(#field_rules),*];

            /// The method's checking tables.
            pub static RULES: rt_::MethodRules<'static> = rt_::MethodRules {
                fields: &FIELDS,
                rules: &[#(#cross),*],
                derived: &[#(#derived),*],
            };

            /// The method's metadata: form fields, how credentials are sent, connection test.
            pub static META: rt_::MethodMeta = rt_::MethodMeta {
                provider_id: #pid,
                provider_name: #pname,
                id: #mid,
                label: #mlabel,
                slug: #slug,
                kind: #kind,
                fields: &[#(#field_metas),*],
                derived_keys: &[#(#derived_keys),*],
                rules: &RULES,
                base_url: #base_url,
                allowed_hosts: &[#(#allowed_hosts),*],
                send: #send,
                connection_test: #test,
                scopes: &[#(#scopes),*],
                scope_includes: &[#(#scope_includes),*],
                actions: &[#(#actions),*],
                json_schema: #schema,
                validator: super::#s::boxed_,
                oauth: #oauth,
            };

            #oauth_items

            #(#enums)*
        }
    };
    let typed = typed_struct(p, m, m_mod, s);
    Ok(quote!(#tables #typed))
}

fn send_meta(m: &AuthMethod) -> Result<TokenStream, String> {
    let pairs =
        |map: &std::collections::BTreeMap<String, String>| -> Result<Vec<TokenStream>, String> {
            map.iter()
                .map(|(k, v)| {
                    let t = template(v)?;
                    Ok(quote!((#k, #t)))
                })
                .collect()
        };
    let headers = pairs(&m.send.headers)?;
    let query = pairs(&m.send.query)?;
    let basic = match &m.send.basic {
        Some(b) => {
            let (u, pw) = (template(&b.username)?, template(&b.password)?);
            quote!(Some((#u, #pw)))
        }
        None => quote!(None),
    };
    let (sign, computed) = crate::request::sign_and_computed(m)?;
    Ok(
        quote!(rt_::SendMeta { headers: &[#(#headers),*], query: &[#(#query),*], basic: #basic, computed: #computed, sign: #sign }),
    )
}

fn test_meta(m: &AuthMethod) -> Result<TokenStream, String> {
    let Some(t) = &m.connection_test else {
        return Ok(quote!(None));
    };
    let method = t.method.as_str();
    let path = template(&t.path)?;
    let path_source = &t.path;
    let status = num(t.expect_status);
    let scopes = t.requires_scopes.iter().map(|id| {
        let label = m.scope(id).map_or(id.as_str(), |s| s.label.as_str());
        quote!((#id, #label))
    });
    let outcomes = t.outcomes.iter().map(|o| {
        let (status, meaning, missing) = (num(o.status), &o.meaning, o.missing_scopes);
        quote!(rt_::OutcomeMeta { status: #status, meaning: #meaning, missing_scopes: #missing })
    });
    let note = opt_str(&t.note);
    let (body, checks) = crate::request::body_and_checks(t);
    Ok(quote! {
        Some(rt_::TestMeta {
            method: #method,
            path: #path,
            path_source: #path_source,
            expect_status: #status,
            requires_scopes: &[#(#scopes),*],
            outcomes: &[#(#outcomes),*],
            note: #note,
            body: #body,
            checks: #checks,
        })
    })
}

/// A Rust enum for a closed-choice field. Its values and labels are read from the
/// field's `FIELDS` entry by position rather than matched per variant: the enum's
/// declaration order is the options' order.
fn choice_enum(f: &Field, index: usize, name: &Ident) -> TokenStream {
    let variants: Vec<Ident> = variant_names(f.options.iter().map(|o| o.value.as_str()))
        .iter()
        .map(|v| type_ident(v))
        .collect();
    let docs = f
        .options
        .iter()
        .map(|o| format!(" {} (`{}`).", o.label, o.value));
    let n = num(variants.len() as u64);
    let i = num(index as u64);
    let doc = format!(" The options of {}.", f.label);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#[doc = #docs] #variants),*
        }

        impl #name {
            /// Every option, in spec order.
            pub const ALL: [#name; #n] = [#(#name::#variants),*];

            /// The stored value.
            #[inline]
            pub fn as_str(self) -> &'static str {
                FIELDS[#i].options[self as usize].value
            }

            /// The label shown in forms.
            #[inline]
            pub fn label(self) -> &'static str {
                FIELDS[#i].options[self as usize].label
            }

            /// The option with this stored value.
            #[inline]
            pub fn from_value(value: &str) -> Option<#name> {
                match rt_::take::option_index(&FIELDS[#i], value) {
                    Some(i) => Some(#name::ALL[i]),
                    None => None,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = rt_::NotAnOption;
            #[inline]
            fn from_str(value: &str) -> Result<#name, rt_::NotAnOption> {
                match #name::from_value(value) {
                    Some(v) => Ok(v),
                    None => Err(rt_::NotAnOption::of(&FIELDS[#i])),
                }
            }
        }

        impl rt_::serde::Serialize for #name {
            #[inline]
            fn serialize<S: rt_::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> rt_::serde::Deserialize<'de> for #name {
            fn deserialize<D: rt_::serde::Deserializer<'de>>(d: D) -> Result<#name, D::Error> {
                rt_::de::choice(d, &FIELDS[#i]).map(|i| #name::ALL[i])
            }
        }
    }
}

/// The typed credentials struct, its constructors and accessors, and its trait impls.
///
/// Only what differs per type is compiled here: the constructor (`from_dyn_`), the value
/// accessor (`expose_value`), `Debug`, and one-line `Credential` methods. Everything else
/// is an `#[inline]` forwarder to runtime code shared by all types, which rustc compiles
/// only where a caller uses it rather than a thousand times in this crate.
fn typed_struct(p: &ProviderSpec, m: &AuthMethod, m_mod: &Ident, s: &Ident) -> TokenStream {
    let n = num(m.fields.len() as u64);
    let idents: Vec<Ident> = m
        .fields
        .iter()
        .map(|f| snake_ident(&f.key).expect("checked by the spec loader"))
        .collect();
    let mut members = Vec::new();
    let mut accessors = Vec::new();
    let mut builds = Vec::new();
    let mut values = Vec::new();
    let mut debugs = Vec::new();
    for (i, (f, id)) in m.fields.iter().zip(&idents).enumerate() {
        let key = &f.key;
        let i = num(i as u64);
        let mut doc = format!(" {}", f.label);
        if let Some(d) = &f.description {
            doc = format!("{doc}: {d}");
        }
        if f.secret {
            doc.push_str(" (secret: read it with `expose_secret()`)");
        }
        let rules = quote!(&#m_mod::FIELDS[#i]);
        // Member type, conversion from the checked value, the value read back as `&str`,
        // and the accessor's return type and body.
        let (ty, build, value, ret, get) = match (kind(f), f.optional) {
            (Kind::Text, false) => (
                quote!(String),
                quote!(rt_::take::text(#id)),
                quote!(Some(self.#id.as_str())),
                quote!(&str),
                quote!(&self.#id),
            ),
            (Kind::Text, true) => (
                quote!(Option<String>),
                quote!(rt_::take::opt_text(#id)),
                quote!(self.#id.as_deref()),
                quote!(Option<&str>),
                quote!(self.#id.as_deref()),
            ),
            (Kind::Secret, false) => (
                quote!(rt_::SecretString),
                quote!(rt_::take::secret(#id)),
                quote!(Some(self.#id.expose_secret())),
                quote!(&rt_::SecretString),
                quote!(&self.#id),
            ),
            (Kind::Secret, true) => (
                quote!(Option<rt_::SecretString>),
                quote!(rt_::take::opt_secret(#id)),
                quote!(match &self.#id { Some(v) => Some(v.expose_secret()), None => None }),
                quote!(Option<&rt_::SecretString>),
                quote!(self.#id.as_ref()),
            ),
            (Kind::Choice(e), false) => (
                quote!(#m_mod::#e),
                quote!(#m_mod::#e::ALL[rt_::take::choice(#rules, #id)]),
                quote!(Some(rt_::take::option_value(#rules, self.#id as usize))),
                quote!(#m_mod::#e),
                quote!(self.#id),
            ),
            (Kind::Choice(e), true) => (
                quote!(Option<#m_mod::#e>),
                quote!(match rt_::take::opt_choice(#rules, #id) { Some(i) => Some(#m_mod::#e::ALL[i]), None => None }),
                quote!(match self.#id { Some(v) => Some(rt_::take::option_value(#rules, v as usize)), None => None }),
                quote!(Option<#m_mod::#e>),
                quote!(self.#id),
            ),
        };
        members.push(quote!(#id: #ty));
        accessors.push(quote! {
            #[doc = #doc]
            #[inline]
            pub fn #id(&self) -> #ret {
                #get
            }
        });
        builds.push(quote!(#id: #build));
        values.push(quote!(#i => #value));
        if f.secret {
            debugs.push(quote!(.field(#key, &"[redacted]")));
        } else {
            debugs.push(quote!(.field(#key, &self.#id)));
        }
    }
    for i in 0..m.derived.len() {
        let at = num((m.fields.len() + i) as u64);
        let i = num(i as u64);
        values.push(quote!(#at => self.derived_[#i].as_deref()));
    }
    // A form without fields (an OAuth method whose end user only signs in) has no
    // values: a lone `_` arm would be a needless `match`.
    let expose_body = if values.is_empty() {
        quote!(
            let _ = index;
            None
        )
    } else {
        quote!(match index {
            #(#values,)*
            _ => None,
        })
    };
    // Only methods with derived values carry them.
    let (derived_member, derived_build) = if m.derived.is_empty() {
        (TokenStream::new(), TokenStream::new())
    } else {
        (
            quote! {
                /// Derived values, in declaration order.
                derived_: Vec<Option<String>>,
            },
            quote!(derived_: checked.derived,),
        )
    };
    let name = s.to_string();
    let doc = format!(
        " Validated credentials of {}'s {} method: deserialize it (serde), or build it with `from_fields`, `from_json`, `try_from(&json)` or `from_source`. The values are read through accessors, so they cannot change after validation.",
        p.name, m.label
    );
    quote! {
        #[doc = #doc]
        pub struct #s {
            #(#members,)*
            /// Bit `i` set: normalisation changed field `i`.
            normalized_: u64,
            #derived_member
        }

        impl #s {
            /// Validates a field map; every error at once.
            #[inline]
            pub fn from_fields(fields: &::std::collections::BTreeMap<String, String>) -> Result<#s, rt_::ValidationErrors> {
                #s::from_dyn_(fields)
            }

            /// Validates a JSON object of string values (`null` counts as absent).
            #[inline]
            pub fn from_json(value: &::serde_json::Value) -> Result<#s, rt_::ValidationErrors> {
                #s::from_dyn_(rt_::json_object(value)?)
            }

            /// Validates any field source; every error at once.
            #[inline]
            pub fn from_source(source: &(impl rt_::FieldSource + ?Sized)) -> Result<#s, rt_::ValidationErrors> {
                #s::from_dyn_(&source)
            }

            /// The one non-generic check, so each method compiles it once whatever the source type.
            pub(crate) fn from_dyn_(source: &dyn rt_::FieldSource) -> Result<#s, rt_::ValidationErrors> {
                let checked = match rt_::validate::<#n>(&#m_mod::RULES, source) {
                    Ok(c) => c,
                    Err(e) => return Err(e),
                };
                let [#(#idents),*] = checked.values;
                Ok(#s { #(#builds,)* normalized_: checked.normalized, #derived_build })
            }

            /// The constructor behind `MethodMeta::validate`.
            pub(crate) fn boxed_(source: &dyn rt_::FieldSource) -> Result<Box<dyn rt_::Credential>, rt_::ValidationErrors> {
                match #s::from_dyn_(source) {
                    Ok(c) => Ok(Box::new(c)),
                    Err(e) => Err(e),
                }
            }

            #(#accessors)*
        }

        impl ::std::convert::TryFrom<&::serde_json::Value> for #s {
            type Error = rt_::ValidationErrors;
            #[inline]
            fn try_from(value: &::serde_json::Value) -> Result<#s, rt_::ValidationErrors> {
                #s::from_json(value)
            }
        }

        /// Deserializing validates: the input is a map of field keys to string values,
        /// and the error carries every field error's message.
        impl<'de> rt_::serde::Deserialize<'de> for #s {
            fn deserialize<D: rt_::serde::Deserializer<'de>>(d: D) -> Result<#s, D::Error> {
                let fields = rt_::de::collect(d)?;
                match #s::from_dyn_(&fields) {
                    Ok(c) => Ok(c),
                    Err(e) => Err(rt_::de::invalid(e)),
                }
            }
        }

        impl rt_::Credential for #s {
            fn meta(&self) -> &'static rt_::MethodMeta {
                &#m_mod::META
            }
            fn expose_value(&self, index: usize) -> Option<&str> {
                #expose_body
            }
            fn normalized_bits(&self) -> u64 {
                self.normalized_
            }
        }

        impl ::std::fmt::Debug for #s {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#name) #(#debugs)* .finish_non_exhaustive()
            }
        }

        impl ::std::fmt::Display for #s {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                rt_::display_dyn(self, f)
            }
        }
    }
}

/// The crate-root registry over every provider and method.
///
/// Lookups are binary searches over static tables; the only code that grows with the
/// catalogue is one `match` arm per method (`Credentials` construction, `as_credential`).
fn registry(specs: &[&ProviderSpec], entries: &[Entry]) -> TokenStream {
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
        quote!(#i => Credentials::#variant(match #path::from_dyn_(source) { Ok(c) => c, Err(e) => return Err(e) }))
    });
    let (as_dyn, build) = if entries.is_empty() {
        (
            quote!(match *self {}),
            quote!(unreachable!("no provider has a method: {index} {source:p}")),
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
        pub use ::connectspec_runtime::{Credential, CredentialExt, FieldSource, MethodMeta, ProviderMeta, RequestAuth, ValidateError, ValidationErrors};

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

        /// Validated credentials of any method.
        #[derive(Debug)]
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

        /// Validates `source` against the method `method` of provider `provider`.
        pub fn validate(provider: &str, method: &str, source: &(impl FieldSource + ?Sized)) -> Result<Credentials, ValidateError> {
            validate_dyn_(provider, method, &source)
        }

        /// The registry lookup, compiled once rather than once per source type.
        fn validate_dyn_(provider: &str, method: &str, source: &dyn FieldSource) -> Result<Credentials, ValidateError> {
            let Ok(p) = PROVIDERS.binary_search_by(|p| p.id.cmp(provider)) else {
                return Err(ValidateError::UnknownProvider);
            };
            let Some(m) = PROVIDERS[p].methods.iter().position(|m| m.id == method) else {
                return Err(ValidateError::UnknownMethod);
            };
            build_(FIRST_METHOD_[p] + m, source).map_err(ValidateError::Invalid)
        }

        /// Runs the constructor of method `index` (in `Credentials` order).
        // `match`, not `?`: `?` instantiates `FromResidual` once per credential type.
        #[allow(clippy::question_mark)]
        fn build_(index: usize, source: &dyn FieldSource) -> Result<Credentials, ValidationErrors> {
            #build
        }

        /// Validates a JSON object of string values; anything else is `Invalid`.
        pub fn validate_json(provider: &str, method: &str, value: &::serde_json::Value) -> Result<Credentials, ValidateError> {
            self::method(provider, method).ok_or(if self::provider(provider).is_none() {
                ValidateError::UnknownProvider
            } else {
                ValidateError::UnknownMethod
            })?;
            validate(provider, method, ::connectspec_runtime::json_object(value)?)
        }
    }
}
