//! Every example of every spec, run against the compiled validators.
//!
//! The catalogue is loaded at test time and compared with the registry, so a new spec
//! is covered as soon as it is added: its valid examples must pass, its invalid ones
//! must fail on the right field with a message built from the field's label.

mod validators_common;

use std::collections::BTreeSet;

use connectspec_providers::ValidateError;
use connectspec_runtime::ErrorKind;
use validators_common::{catalogue, methods, valid_map};

#[test]
fn registry_covers_the_catalogue() {
    let cat = catalogue();
    let from_specs: BTreeSet<(String, String)> = methods(&cat)
        .iter()
        .map(|(p, m)| (p.id.clone(), m.id.clone()))
        .collect();
    let from_registry: BTreeSet<(String, String)> = connectspec_providers::providers()
        .iter()
        .flat_map(|p| p.methods.iter().map(|m| (p.id.to_owned(), m.id.to_owned())))
        .collect();
    assert_eq!(from_specs, from_registry);
    let ids: Vec<&str> = connectspec_providers::providers()
        .iter()
        .map(|p| p.id)
        .collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "providers() is sorted by id");
    for (p, m) in methods(&cat) {
        assert_eq!(
            connectspec_providers::provider(&p.id).map(|x| x.name),
            Some(p.name.as_str())
        );
        let meta = connectspec_providers::method(&p.id, &m.id).expect("registered");
        let keys: Vec<&str> = meta.fields.iter().map(|f| f.key).collect();
        let spec_keys: Vec<&str> = m.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, spec_keys, "{}/{}: form order", p.id, m.id);
        let schema = serde_json::to_string(&connectspec_codegen::form_schema(p, m)).unwrap();
        assert_eq!(
            meta.json_schema, schema,
            "{}/{}: embedded schema is the generator's",
            p.id, m.id
        );
    }
}

#[test]
fn valid_examples_pass() {
    let cat = catalogue();
    let mut checked = 0;
    for (p, m) in methods(&cat) {
        assert!(
            valid_map(p, m, None).is_some(),
            "{}/{}: no combination of valid examples passes",
            p.id,
            m.id
        );
        for f in &m.fields {
            for v in f.examples.iter().flat_map(|e| &e.valid) {
                let map = valid_map(p, m, Some((&f.key, v)));
                assert!(
                    map.is_some(),
                    "{}/{}: valid example #{} of `{}` fails",
                    p.id,
                    m.id,
                    checked,
                    f.key
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 0);
}

#[test]
fn invalid_examples_fail_on_their_field() {
    let cat = catalogue();
    let mut checked = 0;
    for (p, m) in methods(&cat) {
        let base = valid_map(p, m, None).expect("a valid combination exists");
        for f in &m.fields {
            for inv in f.examples.iter().flat_map(|e| &e.invalid) {
                if f.optional && inv.value.trim().is_empty() {
                    continue; // blank optional values count as absent
                }
                let mut map = base.clone();
                map.insert(f.key.clone(), inv.value.clone());
                let what = format!(
                    "{}/{}: invalid example of `{}` ({})",
                    p.id, m.id, f.key, inv.reason
                );
                let err = match connectspec_providers::validate(&p.id, &m.id, &map) {
                    Err(ValidateError::Invalid(e)) => e,
                    Err(e) => panic!("{what}: unexpected {e:?}"),
                    Ok(_) => panic!("{what}: accepted"),
                };
                let fe = err
                    .for_field(&f.key)
                    .unwrap_or_else(|| panic!("{what}: no error on the field: {err}"));
                if fe.kind != ErrorKind::Rule {
                    assert!(
                        fe.message.starts_with(&f.label),
                        "{what}: message `{}` does not start with the label",
                        fe.message
                    );
                }
                if let Some(h) = &f.hint
                    && matches!(
                        fe.kind,
                        ErrorKind::Pattern | ErrorKind::TooShort { .. } | ErrorKind::TooLong { .. }
                    )
                {
                    assert!(
                        fe.message.contains(h.as_str()),
                        "{what}: message `{}` lacks the hint",
                        fe.message
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 0);
}
