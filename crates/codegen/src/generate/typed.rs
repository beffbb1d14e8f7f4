//! Per auth method: the typed credential struct and the choice enums, thin wrappers
//! over the tables that validate on the way in.

use connectspec_lang::{AuthMethod, Field, ProviderSpec};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use crate::names::{snake_ident, type_ident, variant_names};

use super::*;

/// A Rust enum for a closed-choice field. Its values and labels are read from the
/// field's `FIELDS` entry by position rather than matched per variant: the enum's
/// declaration order is the options' order.
pub(super) fn choice_enum(f: &Field, index: usize, name: &Ident) -> TokenStream {
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
                match rt_::__private::take::option_index(&FIELDS[#i], value) {
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

        impl ::std::convert::TryFrom<&str> for #name {
            type Error = rt_::NotAnOption;
            #[inline]
            fn try_from(value: &str) -> Result<#name, rt_::NotAnOption> {
                value.parse()
            }
        }

        impl rt_::__private::serde::Serialize for #name {
            #[inline]
            fn serialize<S: rt_::__private::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> rt_::__private::serde::Deserialize<'de> for #name {
            fn deserialize<D: rt_::__private::serde::Deserializer<'de>>(d: D) -> Result<#name, D::Error> {
                rt_::__private::de::choice(d, &FIELDS[#i]).map(|i| #name::ALL[i])
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
pub(super) fn typed_struct(
    p: &ProviderSpec,
    m: &AuthMethod,
    m_mod: &Ident,
    s: &Ident,
) -> TokenStream {
    let n = num(m.fields.len() as u64);
    let idents: Vec<Ident> = m
        .fields
        .iter()
        .map(|f| snake_ident(&f.key).expect("checked by the spec loader"))
        .collect();
    let FieldParts {
        members,
        builds: choice_builds,
        accessors,
        debugs,
        expose_body,
    } = field_parts(m, m_mod, &idents);
    let Storage {
        members: storage_members,
        builds,
    } = storage(m, &idents, &choice_builds, s);
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
            #storage_members
        }

        impl #s {
            /// Validates a field map; every error at once.
            #[inline]
            pub fn from_fields(fields: &::std::collections::BTreeMap<String, String>) -> Result<#s, rt_::ValidationErrors> {
                #s::from_dyn_(fields, &rt_::Lang::ENGLISH)
            }

            /// Validates a JSON object of string values (`null` counts as absent).
            #[inline]
            pub fn from_json(value: &::serde_json::Value) -> Result<#s, rt_::ValidationErrors> {
                #s::from_json_in(value, &rt_::Lang::ENGLISH)
            }

            /// [`Self::from_json`] with every message in `lang` (`PROVIDER.lang(locale)`).
            #[inline]
            pub fn from_json_in(value: &::serde_json::Value, lang: &rt_::Lang<'_>) -> Result<#s, rt_::ValidationErrors> {
                #s::from_dyn_(rt_::__private::json_object_in(value, lang)?, lang)
            }

            /// Validates any field source; every error at once.
            #[inline]
            pub fn from_source(source: &(impl rt_::FieldSource + ?Sized)) -> Result<#s, rt_::ValidationErrors> {
                #s::from_dyn_(&source, &rt_::Lang::ENGLISH)
            }

            /// [`Self::from_source`] with every message in `lang` (`PROVIDER.lang(locale)`).
            #[inline]
            pub fn from_source_in(source: &(impl rt_::FieldSource + ?Sized), lang: &rt_::Lang<'_>) -> Result<#s, rt_::ValidationErrors> {
                #s::from_dyn_(&source, lang)
            }

            /// The one non-generic check, so each method compiles it once whatever the
            /// source type and language (`lang` is read only when a check fails).
            pub(crate) fn from_dyn_(source: &dyn rt_::FieldSource, lang: &rt_::Lang<'_>) -> Result<#s, rt_::ValidationErrors> {
                let mut checked = rt_::__private::Validated::<#n>::empty();
                if let Err(e) = rt_::__private::validate_into(&#m_mod::RULES, source, &mut checked, lang) {
                    return Err(e);
                }
                #builds
            }

            /// The constructor behind `MethodMeta::validate` and `validate_in`.
            pub(crate) fn boxed_(source: &dyn rt_::FieldSource, lang: &rt_::Lang<'_>) -> Result<Box<dyn rt_::Credential>, rt_::ValidationErrors> {
                match #s::from_dyn_(source, lang) {
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
        impl<'de> rt_::__private::serde::Deserialize<'de> for #s {
            fn deserialize<D: rt_::__private::serde::Deserializer<'de>>(d: D) -> Result<#s, D::Error> {
                let fields = rt_::__private::de::collect(d)?;
                match #s::from_dyn_(&fields, &rt_::Lang::ENGLISH) {
                    Ok(c) => Ok(c),
                    Err(e) => Err(rt_::__private::de::invalid(e)),
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
                rt_::__private::display_dyn(self, f)
            }
        }
    }
}

/// The per-field pieces of a typed struct.
struct FieldParts {
    /// Members of their own (closed choices).
    members: Vec<TokenStream>,
    /// Their initialisers in `from_dyn_`.
    builds: Vec<TokenStream>,
    /// One accessor per field.
    accessors: Vec<TokenStream>,
    /// One `Debug` entry per field (secrets redacted).
    debugs: Vec<TokenStream>,
    /// The body of `Credential::expose_value`.
    expose_body: TokenStream,
}

/// Accessors, `Debug` entries and value arms for every field and derived value of `m`.
fn field_parts(m: &AuthMethod, m_mod: &Ident, idents: &[Ident]) -> FieldParts {
    let mut members = Vec::new();
    let mut builds = Vec::new();
    let mut accessors = Vec::new();
    let mut values = Vec::new();
    let mut debugs = Vec::new();
    for (i, (f, id)) in m.fields.iter().zip(idents).enumerate() {
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
        let Member {
            own,
            value,
            ret,
            get,
        } = member(f, id, &i, m_mod, &rules);
        if let Some((ty, build)) = own {
            members.push(quote!(#id: #ty));
            builds.push(quote!(#id: #build));
        }
        accessors.push(quote! {
            #[doc = #doc]
            #[inline]
            pub fn #id(&self) -> #ret {
                #get
            }
        });
        values.push(quote!(#i => #value));
        if f.secret {
            debugs.push(quote!(.field(#key, &"[redacted]")));
        } else {
            debugs.push(quote!(.field(#key, &self.#id())));
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
    FieldParts {
        members,
        builds,
        accessors,
        debugs,
        expose_body,
    }
}

/// Where a typed struct keeps what it was built from, and how `from_dyn_` fills it.
struct Storage {
    /// The shared members: the `TextValues` and the derived values, when there are any.
    members: TokenStream,
    /// The end of `from_dyn_`: binding the choices, then building the struct from
    /// `checked`.
    builds: TokenStream,
}

/// Text and secret fields share one `TextValues`; closed choices are enum members
/// (`choice_builds`: their initialisers), read before the text values are moved out;
/// derived values are kept as checked.
fn storage(m: &AuthMethod, idents: &[Ident], choice_builds: &[TokenStream], s: &Ident) -> Storage {
    let n = num(m.fields.len() as u64);
    let keep: Vec<bool> = m
        .fields
        .iter()
        .map(|f| !matches!(kind(f), Kind::Choice(_)))
        .collect();
    let (values_member, values_build) = if keep.contains(&true) {
        (
            quote! {
                /// The text and secret values, in one buffer wiped on drop.
                values_: rt_::__private::TextValues<#n>,
            },
            quote!(values_: rt_::__private::TextValues::take(&mut checked.values, &[#(#keep),*]),),
        )
    } else {
        (TokenStream::new(), TokenStream::new())
    };
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
    let choice_bindings = if choice_builds.is_empty() {
        TokenStream::new()
    } else {
        let binds = idents
            .iter()
            .zip(&keep)
            .map(|(id, keep)| if *keep { quote!(_) } else { quote!(#id) });
        quote!(let [#(#binds),*] = &mut checked.values;)
    };
    Storage {
        members: quote!(#values_member #derived_member),
        builds: quote! {
            #choice_bindings
            Ok(#s { #(#choice_builds,)* #values_build normalized_: checked.normalized, #derived_build })
        },
    }
}

/// How one field appears in the typed struct.
struct Member {
    /// A member of its own (type, conversion from the checked value): closed choices.
    /// Text and secret values live in the struct's `TextValues`.
    own: Option<(TokenStream, TokenStream)>,
    /// The value read back as `Option<&str>`.
    value: TokenStream,
    /// The accessor's return type.
    ret: TokenStream,
    /// The accessor's body.
    get: TokenStream,
}

/// The member of field `f` (number `i`), named `id`, whose rules are `rules` in module
/// `m_mod`.
fn member(f: &Field, id: &Ident, i: &Literal, m_mod: &Ident, rules: &TokenStream) -> Member {
    let stored = quote!(self.values_.get(#i));
    let (own, value, ret, get) = match (kind(f), f.optional) {
        (Kind::Text, false) => (
            None,
            stored.clone(),
            quote!(&str),
            quote!(self.values_.text(#i)),
        ),
        (Kind::Text, true) => (None, stored.clone(), quote!(Option<&str>), stored.clone()),
        (Kind::Secret, false) => (
            None,
            stored.clone(),
            quote!(rt_::SecretStr<'_>),
            quote!(rt_::SecretStr::new(self.values_.text(#i))),
        ),
        (Kind::Secret, true) => (
            None,
            stored.clone(),
            quote!(Option<rt_::SecretStr<'_>>),
            quote!(match self.values_.get(#i) { Some(v) => Some(rt_::SecretStr::new(v)), None => None }),
        ),
        (Kind::Choice(e), false) => (
            Some((
                quote!(#m_mod::#e),
                quote!(#m_mod::#e::ALL[rt_::__private::take::choice(#rules, #id)]),
            )),
            quote!(Some(rt_::__private::take::option_value(#rules, self.#id as usize))),
            quote!(#m_mod::#e),
            quote!(self.#id),
        ),
        (Kind::Choice(e), true) => (
            Some((
                quote!(Option<#m_mod::#e>),
                quote!(match rt_::__private::take::opt_choice(#rules, #id) { Some(i) => Some(#m_mod::#e::ALL[i]), None => None }),
            )),
            quote!(match self.#id { Some(v) => Some(rt_::__private::take::option_value(#rules, v as usize)), None => None }),
            quote!(Option<#m_mod::#e>),
            quote!(self.#id),
        ),
    };
    Member {
        own,
        value,
        ret,
        get,
    }
}
