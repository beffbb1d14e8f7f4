//! A field key becomes a method of its credential type, so it must not be the name of a
//! method the type already has. `connectspec_runtime::RESERVED_FIELD_KEYS` lists those
//! (the spec checker refuses them, E013); this test holds the list to what the generator
//! emits for the reference specs, so a new generated method cannot go unlisted.

use std::collections::BTreeSet;
use std::path::Path;

use connectspec_runtime::RESERVED_FIELD_KEYS;

/// The methods of the runtime traits every credential type implements.
const TRAIT_METHODS: &[&str] = &[
    // Credential
    "meta",
    "expose_value",
    "normalized_bits",
    // CredentialExt (a blanket impl)
    "expose_key",
    "public_values",
    "normalized_fields",
    "request_auth",
    // Display gives ToString; TryFrom gives TryInto; every type has From/Into.
    "to_string",
    "try_into",
    "from",
    "into",
];

fn self_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

#[test]
fn every_method_of_a_credential_type_is_a_reserved_key() {
    let source = connectspec_codegen::generate_source(&connectspec_lang::Catalogue {
        specs: ["oneflow.yaml", "webflow.yaml"]
            .iter()
            .map(|f| {
                let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs");
                connectspec_lang::load_file(&dir.join(f)).unwrap_or_else(|d| panic!("{d}"))
            })
            .collect(),
    })
    .expect("generates");
    let file = syn::parse_file(&source).expect("generated code parses");
    let mut impls = Vec::new();
    let mut stack: Vec<&syn::Item> = file.items.iter().collect();
    while let Some(item) = stack.pop() {
        match item {
            syn::Item::Mod(m) => stack.extend(m.content.iter().flat_map(|(_, items)| items)),
            syn::Item::Impl(i) => impls.push(i),
            _ => {}
        }
    }
    // The credential types: those implementing the runtime's `Credential`.
    let credential_types: BTreeSet<String> = impls
        .iter()
        .filter(|i| {
            i.trait_
                .as_ref()
                .is_some_and(|(path, _)| path.segments.last().unwrap().ident == "Credential")
        })
        .filter_map(|i| self_name(&i.self_ty))
        // The registry's enum over every method has no field accessors.
        .filter(|n| n != "Credentials")
        .collect();
    assert!(credential_types.len() >= 2, "{credential_types:?}");
    // Their accessors are named by the reference specs' field keys.
    let accessors = ["api_token", "user_email", "site_token"];
    let mut methods: BTreeSet<String> = TRAIT_METHODS.iter().map(|m| (*m).to_owned()).collect();
    for i in impls
        .iter()
        .filter(|i| self_name(&i.self_ty).is_some_and(|n| credential_types.contains(&n)))
    {
        for item in &i.items {
            if let syn::ImplItem::Fn(f) = item {
                let name = f.sig.ident.to_string();
                let public_in_spec_namespace = !name.ends_with('_');
                if public_in_spec_namespace && !accessors.contains(&name.as_str()) {
                    methods.insert(name);
                }
            }
        }
    }
    let reserved: BTreeSet<String> = RESERVED_FIELD_KEYS
        .iter()
        .map(|k| (*k).to_owned())
        .collect();
    let unlisted: Vec<&String> = methods.difference(&reserved).collect();
    assert!(
        unlisted.is_empty(),
        "credential types have methods that RESERVED_FIELD_KEYS does not list: {unlisted:?}"
    );
    // The list is sorted and names only what a field key could be.
    let mut sorted = RESERVED_FIELD_KEYS.to_vec();
    sorted.sort_unstable();
    assert_eq!(sorted, RESERVED_FIELD_KEYS);
    assert!(
        RESERVED_FIELD_KEYS
            .iter()
            .all(|k| connectspec_lang::is_snake(k))
    );
}
