//! Per auth method: the static tables the runtime's generic checker reads (fields,
//! rules, matchers, what is sent, the connection test) and the method's `MethodMeta`.

use connectspec_lang::{AuthMethod, Field, ProviderSpec};
use proc_macro2::{Ident, TokenStream};
use quote::{ToTokens, format_ident, quote};

use crate::names::{camel, type_ident, upper_ident};
use crate::schema::form_schema;
use crate::texts::TextBase;
use connectspec_runtime::{LoweredPiece, lower_pattern, pattern_char_lengths};

use super::*;

/// How a field is stored in the typed struct.
pub(super) enum Kind {
    Text,
    Secret,
    /// A closed choice: the enum's name.
    Choice(Ident),
}

pub(super) fn kind(f: &Field) -> Kind {
    if f.secret {
        Kind::Secret
    } else if !f.options.is_empty() {
        Kind::Choice(type_ident(&camel(&f.key)))
    } else {
        Kind::Text
    }
}

/// The static matcher of a field pattern: lowered pieces, or a lazily compiled regex.
pub(super) fn pattern_static(name: &Ident, pattern: &str) -> Result<TokenStream, String> {
    // Every pattern is compiled here, at build time, so the runtime's lazy compile cannot fail.
    regex::Regex::new(pattern).map_err(|e| format!("pattern `{pattern}` does not compile: {e}"))?;
    Ok(match lower_pattern(pattern) {
        Some(l) => {
            let pieces = l.pieces.iter().map(|p| match p {
                LoweredPiece::Literals(alts) => {
                    quote!(rt_::__private::Piece::Literals(&[#(#alts),*]))
                }
                LoweredPiece::Class { class, min, max } => {
                    let class = class_literal(class);
                    let max = if *max == u32::MAX {
                        quote!(u32::MAX)
                    } else {
                        num(*max).into_token_stream()
                    };
                    let min = num(*min);
                    quote!(rt_::__private::Piece::Class { class: #class, min: #min, max: #max })
                }
            });
            let doc = format!(" `{pattern}`, lowered to byte checks.");
            quote! {
                #[doc = #doc]
                static #name: rt_::__private::PieceMatcher<'static> = rt_::__private::PieceMatcher::new(&[#(#pieces),*]);
            }
        }
        None => {
            let doc = format!(" `{pattern}`, compiled on first use.");
            quote! {
                #[doc = #doc]
                static #name: rt_::__private::LazyRegex = rt_::__private::LazyRegex::new(#pattern);
            }
        }
    })
}

/// The `mod <method>` of tables and the typed struct.
pub(super) fn method_items(
    p: &ProviderSpec,
    m: &AuthMethod,
    texts: &TextBase,
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
        let text_key = texts.field(&f.key);
        let (rules, meta) =
            field_tables(f, index, &text_key, &mut statics, &mut enums, &mut problems);
        field_rules.push(rules);
        field_metas.push(meta);
    }
    let cross = cross_rules(m, texts, &mut problems);
    let derived = derived_rules(m, texts, &mut statics, &mut problems);
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
    let (oauth_items, oauth) = crate::generate::oauth::oauth_items(m).unwrap_or_else(|e| {
        problems.extend(e);
        (TokenStream::new(), TokenStream::new())
    });
    let (exchange_items, exchange) =
        crate::generate::exchange::exchange_items(m).unwrap_or_else(|e| {
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
                validator: rt_::Validator::Compiled(super::#s::boxed_),
                oauth: #oauth,
                exchange: #exchange,
            };

            #oauth_items

            #exchange_items

            #(#enums)*
        }
    };
    let typed = typed_struct(p, m, m_mod, s);
    Ok(quote!(#tables #typed))
}

/// One field's tables: its `FieldRules` and `FieldMeta` (in that order). The pattern's
/// static, and the choice enum when the field is a choice, go to `statics` and `enums`.
fn field_tables(
    f: &Field,
    index: usize,
    text_key: &str,
    statics: &mut Vec<TokenStream>,
    enums: &mut Vec<TokenStream>,
    problems: &mut Vec<String>,
) -> (TokenStream, TokenStream) {
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
    let (lo, hi) = f
        .pattern
        .as_deref()
        .map_or((0, u32::MAX), pattern_char_lengths);
    let (lo, hi) = (num(lo), num(hi));
    let private_key = crate::generate::exchange::private_key(&f.private_key);
    let rules = quote! {
    rt_::FieldRules {
        key: #key,
        label: #label,
        text_key: #text_key,
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
        pattern_lengths: (#lo, #hi),
        private_key: #private_key,
    }
    };
    let (description, placeholder) = (opt_str(&f.description), opt_str(&f.placeholder));
    let meta = quote! {
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
    };
    if let Kind::Choice(name) = kind(f) {
        enums.push(choice_enum(f, index, &name));
    }
    (rules, meta)
}

/// The method's cross-field rules.
fn cross_rules(m: &AuthMethod, texts: &TextBase, problems: &mut Vec<String>) -> Vec<TokenStream> {
    let mut cross = Vec::new();
    for (i, r) in m.rules.iter().enumerate() {
        let text_key = texts.rule(i);
        match (field_index(m, &r.when.field), field_index(m, &r.then.field)) {
            (Ok(when), Ok(then)) => {
                let (when, then) = (num(when as u64), num(then as u64));
                let (equals, prefixes, message) = (&r.when.equals, &r.then.prefixes, &r.message);
                cross.push(quote! {
                    rt_::CrossRule { when: #when, equals: &[#(#equals),*], then: #then, prefixes: &[#(#prefixes),*], message: #message, text_key: #text_key }
                });
            }
            (Err(e), _) | (_, Err(e)) => problems.push(format!("rule: {e}")),
        }
    }
    cross
}

/// The method's derived values; their regexes go to `statics`.
fn derived_rules(
    m: &AuthMethod,
    texts: &TextBase,
    statics: &mut Vec<TokenStream>,
    problems: &mut Vec<String>,
) -> Vec<TokenStream> {
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
            static #name: rt_::__private::LazyRegex = rt_::__private::LazyRegex::new(#pat);
        });
        match field_index(m, &d.from) {
            Ok(from) => {
                let from = num(from as u64);
                let (key, label) = (&d.key, &d.label);
                let text_key = texts.derived(&d.key);
                let (map_from, map_to): (Vec<&String>, Vec<&String>) = d.map.iter().unzip();
                derived.push(quote!(rt_::DerivedRule {
                    key: #key,
                    label: #label,
                    text_key: #text_key,
                    from: #from,
                    pattern: &#name,
                    map: &[#((#map_from, #map_to)),*],
                }));
            }
            Err(e) => problems.push(format!("derived `{}`: {e}", d.key)),
        }
    }
    derived
}

pub(super) fn send_meta(m: &AuthMethod) -> Result<TokenStream, String> {
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
    let (sign, computed) = crate::generate::request::sign_and_computed(m)?;
    Ok(
        quote!(rt_::SendMeta { headers: &[#(#headers),*], query: &[#(#query),*], basic: #basic, computed: #computed, sign: #sign }),
    )
}

pub(super) fn test_meta(m: &AuthMethod) -> Result<TokenStream, String> {
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
    let (body, checks) = crate::generate::request::body_and_checks(t);
    let identity = match &t.identity {
        Some(id) => {
            let (pointer, label) = (&id.pointer, opt_str(&id.label));
            quote!(Some(rt_::IdentityMeta { pointer: #pointer, label: #label }))
        }
        None => quote!(None),
    };
    let learns = crate::generate::request::learns(m, t);
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
            identity: #identity,
            learns: #learns,
        })
    })
}
