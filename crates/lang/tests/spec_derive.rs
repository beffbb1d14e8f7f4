//! `examples: {derive: true}` over the real catalogue: every field with a rule
//! (pattern, format, options, prefixes, length) derives vectors the field's checker
//! agrees with, so the spec still loads with derive in place of its written examples;
//! the vectors are the same on every load; and the written examples of a spec that
//! asks for derive come first, as written.

use std::path::Path;

use connectspec_lang::examples::{Origin, resolve};
use connectspec_lang::load::Options;
use connectspec_lang::load::load_dir_with;
use connectspec_lang::schema::SCHEMA_COMMENT;
use connectspec_lang::{Examples, ProviderSpec, load_dir, load_str};

const SPECS: &str = "../../specs";

/// `spec` with `derive: true` and no written example on every field with a rule.
fn derive_everywhere(mut spec: ProviderSpec) -> (ProviderSpec, usize) {
    let mut n = 0;
    for m in &mut spec.auth_methods {
        for f in m.fields.iter_mut().chain(m.setup_fields.iter_mut()) {
            if f.is_constrained() {
                f.examples = Some(Examples {
                    derive: true,
                    ..Examples::default()
                });
                n += 1;
            }
        }
    }
    (spec, n)
}

/// The spec as text the loader reads (JSON is YAML).
fn text_of(spec: &ProviderSpec) -> String {
    format!(
        "{SCHEMA_COMMENT}\n{}\n",
        serde_json::to_string_pretty(spec).unwrap()
    )
}

#[test]
fn every_field_with_a_rule_derives_vectors_the_checker_agrees_with() {
    let cat = load_dir(Path::new(SPECS)).unwrap_or_else(|d| panic!("{d}"));
    let mut fields = 0;
    for spec in cat.iter() {
        let (derived, n) = derive_everywhere(spec.clone());
        fields += n;
        let path = Path::new(SPECS).join(format!("{}.yaml", spec.id));
        let text = text_of(&derived);
        let loaded = load_str(&path, &text)
            .unwrap_or_else(|d| panic!("{} with derive everywhere:\n{d}", spec.id));
        for m in &loaded.auth_methods {
            for f in m.fields.iter().chain(&m.setup_fields) {
                if !f.is_constrained() {
                    continue;
                }
                let ex = f.examples.as_ref().unwrap();
                assert!(
                    !ex.valid.is_empty() && !ex.invalid.is_empty(),
                    "{}/{}/{}: {ex:?}",
                    spec.id,
                    m.id,
                    f.key
                );
            }
        }
        // The same spec gives the same vectors, byte for byte.
        assert_eq!(load_str(&path, &text).unwrap(), loaded, "{}", spec.id);
    }
    assert!(fields > 40, "{fields} fields with a rule");
}

#[test]
fn written_examples_stay_first_and_derived_ones_follow() {
    let written = load_dir_with(Path::new(SPECS), Options::written()).unwrap();
    let full = load_dir(Path::new(SPECS)).unwrap();
    let mut derived = 0;
    for (w, f) in written.iter().zip(full.iter()) {
        for (mw, mf) in w.auth_methods.iter().zip(&f.auth_methods) {
            for (fw, ff) in mw.fields.iter().zip(&mf.fields) {
                let (vectors, refusal) = resolve(fw);
                assert_eq!(refusal, None, "{}/{}", w.id, fw.key);
                // The loader's list is `resolve`'s, in the same order.
                let valid: Vec<&String> = vectors
                    .iter()
                    .filter(|v| v.invalid_because.is_none())
                    .map(|v| &v.value)
                    .collect();
                let loaded: Vec<&String> = ff.examples.iter().flat_map(|e| &e.valid).collect();
                assert_eq!(valid, loaded, "{}/{}", w.id, fw.key);
                let invalid: Vec<&String> = vectors
                    .iter()
                    .filter(|v| v.invalid_because.is_some())
                    .map(|v| &v.value)
                    .collect();
                let loaded: Vec<&String> = ff
                    .examples
                    .iter()
                    .flat_map(|e| e.invalid.iter().map(|i| &i.value))
                    .collect();
                assert_eq!(invalid, loaded, "{}/{}", w.id, fw.key);
                let written_valid = fw.examples.as_ref().map_or(0, |e| e.valid.len());
                assert!(
                    vectors[..written_valid]
                        .iter()
                        .all(|v| v.origin == Origin::Written)
                );
                derived += vectors
                    .iter()
                    .filter(|v| v.origin == Origin::Derived)
                    .count();
            }
        }
    }
    assert!(derived > 0, "some spec of the catalogue derives vectors");
}
