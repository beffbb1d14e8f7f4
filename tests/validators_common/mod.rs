//! Helpers shared by the `validators_*` tests: the catalogue the providers crate was
//! built from, and complete valid field maps built from the specs' own examples.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use connectspec_lang::{AuthMethod, Catalogue, Field, ProviderSpec};

/// The spec directory the providers crate was built from (`CONNECTSPEC_SPECS` or `specs/`).
pub fn specs_dir() -> PathBuf {
    connectspec_tests::specs_dir()
}

/// Every spec, loaded at test time: new specs are covered without touching the tests.
pub fn catalogue() -> Catalogue {
    connectspec_lang::load_dir(&specs_dir()).unwrap_or_else(|d| panic!("specs do not load:\n{d}"))
}

/// Every (provider, method) of the catalogue.
pub fn methods(cat: &Catalogue) -> Vec<(&ProviderSpec, &AuthMethod)> {
    cat.iter()
        .flat_map(|p| p.auth_methods.iter().map(move |m| (p, m)))
        .collect()
}

/// Values to try for a field: its valid examples, else a plain word (an unconstrained
/// field takes any non-empty text), else nothing for an optional field.
pub fn candidates(f: &Field) -> Vec<String> {
    if let Some(k) = key_candidate(f) {
        return vec![k];
    }
    match &f.examples {
        Some(e) if !e.valid.is_empty() => e.valid.clone(),
        _ if !f.options.is_empty() => f.options.iter().map(|o| o.value.clone()).collect(),
        _ => vec!["example".to_owned()],
    }
}

/// A complete field map that the compiled validator accepts, with `fixed` set to the
/// given value; searched over combinations of the other fields' valid examples (so
/// cross-field rules find a matching pair). `None` when no combination passes.
pub fn valid_map(
    p: &ProviderSpec,
    m: &AuthMethod,
    fixed: Option<(&str, &str)>,
) -> Option<BTreeMap<String, String>> {
    let choices: Vec<Vec<String>> = m
        .fields
        .iter()
        .map(|f| match fixed {
            Some((k, v)) if k == f.key => vec![v.to_owned()],
            _ => candidates(f),
        })
        .collect();
    let total: usize = choices.iter().map(Vec::len).product();
    for n in 0..total.min(4096) {
        let mut rest = n;
        let mut map = BTreeMap::new();
        for (f, c) in m.fields.iter().zip(&choices) {
            map.insert(f.key.clone(), c[rest % c.len()].clone());
            rest /= c.len();
        }
        if connectspec_providers::validate(&p.id, &m.id, &map).is_ok() {
            return Some(map);
        }
    }
    None
}

/// Every secret test vector of a method: (field key, value), valid and invalid examples.
pub fn secret_vectors(m: &AuthMethod) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in m.fields.iter().filter(|f| f.secret) {
        if let Some(e) = &f.examples {
            out.extend(e.valid.iter().map(|v| (f.key.clone(), v.clone())));
            out.extend(e.invalid.iter().map(|i| (f.key.clone(), i.value.clone())));
        }
    }
    out
}

pub mod keys;
pub mod locales;

/// A valid value of a private-key field (made at run time), `None` for other fields.
pub fn key_candidate(f: &connectspec_lang::Field) -> Option<String> {
    let k = f.private_key.as_ref()?;
    let alg = k.algorithm.as_str();
    Some(match k.container {
        connectspec_lang::KeyContainer::Pem => connectspec_tests::keys::pem_key(alg),
        connectspec_lang::KeyContainer::Json => {
            let members: Vec<&str> = k.members.iter().map(String::as_str).collect();
            let equals: Vec<(&str, &str)> = k
                .equals
                .iter()
                .map(|(a, b)| (a.as_str(), b.as_str()))
                .collect();
            connectspec_tests::keys::key_file(
                alg,
                &members,
                k.key_member.as_deref().unwrap_or("private_key"),
                &equals,
            )
        }
    })
}
