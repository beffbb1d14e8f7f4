//! Compiled validators and specs loaded at run time give the same answers.
//!
//! `connectspec-loader` builds a spec's tables as values where the generator writes them
//! as statics, and validates through the runtime's generic checker where the generated
//! constructors fill typed structs. Every test vector of every spec, then random input,
//! goes through both; any difference in the verdict, the errors, the values, the
//! normalised fields or what would be sent is a disagreement, and there must be none.

mod validators_common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use connectspec_loader::{Loader, Snapshot};
use connectspec_runtime::{
    Credential, CredentialExt, ExposeSecret, MethodMeta, RequestTarget, ValidationErrors,
};
use proptest::prelude::*;
use validators_common::{catalogue, methods, specs_dir, valid_map};

fn loaded() -> &'static Snapshot {
    static LOADED: OnceLock<Snapshot> = OnceLock::new();
    LOADED.get_or_init(|| {
        Loader::load_strict(specs_dir()).unwrap_or_else(|e| panic!("specs do not load:\n{e}"))
    })
}

/// Every compiled method with its loaded twin.
fn pairs() -> Vec<(&'static MethodMeta, &'static MethodMeta)> {
    connectspec_providers::providers()
        .iter()
        .flat_map(|p| p.methods.iter().copied())
        .map(|m| {
            let twin = loaded()
                .method(m.provider_id, m.id)
                .unwrap_or_else(|| panic!("{}/{} is not loaded", m.provider_id, m.id));
            (m, twin)
        })
        .collect()
}

/// Everything a caller can observe of a validation: the verdict, the errors, every
/// value, the normalised fields, the public values and what would be sent (signed at a
/// fixed time, so signatures compare too).
fn observe(r: Result<Box<dyn Credential>, ValidationErrors>) -> String {
    let c = match r {
        Err(e) => return format!("invalid: {:?}", e.errors()),
        Ok(c) => c,
    };
    let meta = c.meta();
    let mut out = String::from("valid:");
    for i in 0..meta.fields.len() + meta.derived_keys.len() {
        let _ = write!(out, " {i}={:?}", c.expose_value(i));
    }
    let _ = write!(
        out,
        "\nnormalized: {:?}\npublic: {:?}\ndisplay: {}",
        c.normalized_fields(),
        c.public_values(),
        &*c as &dyn Credential
    );
    let mut auth = c.request_auth();
    auth.sign(
        &RequestTarget {
            method: "GET",
            host: "api.example.com",
            path: "/v1/me",
            query: "a=1",
        },
        1_700_000_000,
    );
    let secrets = |items: &[(&str, connectspec_runtime::SecretString)]| -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.expose_secret().to_owned()))
            .collect()
    };
    let _ = write!(
        out,
        "\ntest_url: {:?}\ntest_path: {:?}\nheaders: {:?}\nquery: {:?}\nbasic: {:?}\nbody: {:?}",
        auth.test_url,
        auth.test_path,
        secrets(&auth.headers),
        secrets(&auth.query),
        auth.basic
            .as_ref()
            .map(|(u, p)| (u.expose_secret().to_owned(), p.expose_secret().to_owned())),
        auth.body
            .as_ref()
            .map(|(t, b)| ((*t).to_owned(), b.expose_secret().to_owned())),
    );
    out
}

/// Runs one input through both paths; `Some(report)` when they disagree.
fn disagreement(
    compiled: &'static MethodMeta,
    loaded: &'static MethodMeta,
    input: &serde_json::Value,
) -> Option<String> {
    let a = observe(compiled.validate_json(input));
    let b = observe(loaded.validate_json(input));
    (a != b).then(|| {
        format!(
            "{}/{}: input {input}\n compiled: {a}\n loaded:   {b}",
            compiled.provider_id, compiled.id
        )
    })
}

/// What the form and the service show of a method, compared field by field.
fn tables(m: &'static MethodMeta) -> String {
    let mut out = format!(
        "{} {} {} {} {} {}\nfields: {:?}\nderived: {:?}\nbase_url: {:?}\nallowed_hosts: {:?}\nsend: {:?}\ntest: {:?}\nscopes: {:?}\nincludes: {:?}\nactions: {:?}\nschema: {}\n",
        m.provider_id,
        m.provider_name,
        m.id,
        m.label,
        m.slug,
        m.kind,
        m.fields,
        m.derived_keys,
        m.base_url,
        m.allowed_hosts,
        m.send,
        m.connection_test,
        m.scopes,
        m.scope_includes,
        m.actions,
        m.json_schema,
    );
    for f in m.rules.fields {
        let _ = writeln!(
            out,
            "rule {} {} {:?} {} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {} {:?}",
            f.key,
            f.label,
            f.hint,
            f.secret,
            f.optional,
            f.default,
            f.min_length,
            f.max_length,
            f.prefixes,
            f.forbidden_prefixes,
            f.format,
            f.options
                .iter()
                .map(|o| (o.value, o.label, o.params))
                .collect::<Vec<_>>(),
            f.normalize,
            f.pattern.is_some(),
            f.pattern_lengths,
        );
    }
    for r in m.rules.rules {
        let _ = writeln!(
            out,
            "cross {} {:?} {} {:?} {}",
            r.when, r.equals, r.then, r.prefixes, r.message
        );
    }
    for d in m.rules.derived {
        let _ = writeln!(out, "derived {} {} {} {:?}", d.key, d.label, d.from, d.map);
    }
    if let Some(o) = m.oauth {
        let _ = writeln!(out, "oauth {o:?}\nsetup {}", tables(o.setup));
        for c in o.captures {
            let _ = writeln!(
                out,
                "capture {} {} {} {:?}",
                c.key, c.label, c.from, c.source
            );
        }
    }
    out
}

#[test]
fn loaded_tables_are_the_compiled_tables() {
    let pairs = pairs();
    assert!(!pairs.is_empty());
    for (compiled, loaded) in &pairs {
        assert_eq!(tables(compiled), tables(loaded));
    }
    let compiled: Vec<&str> = connectspec_providers::providers()
        .iter()
        .map(|p| p.id)
        .collect();
    let subset = std::env::var_os("CONNECTSPEC_PROVIDERS").is_some()
        || std::env::var_os("CONNECTSPEC_CATEGORIES").is_some();
    if !subset {
        let loaded: Vec<&str> = loaded().providers.iter().map(|p| p.id).collect();
        assert_eq!(compiled, loaded, "the same providers, in the same order");
    }
}

/// Inputs made from a spec's vectors: each valid and invalid example in a form that is
/// otherwise valid, each field absent, empty, padded with spaces and not a string, and
/// an unknown key.
fn vector_inputs(
    base: &BTreeMap<String, String>,
    m: &connectspec_lang::AuthMethod,
) -> Vec<serde_json::Value> {
    let with = |key: &str, value: serde_json::Value| {
        let mut map: serde_json::Map<String, serde_json::Value> = base
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::from(v.as_str())))
            .collect();
        if value.is_null() {
            map.remove(key);
        } else {
            map.insert(key.to_owned(), value);
        }
        serde_json::Value::Object(map)
    };
    let mut inputs = vec![with("unknown_key", "x".into())];
    for f in &m.fields {
        let examples = f.examples.iter().flat_map(|e| {
            e.valid
                .iter()
                .cloned()
                .chain(e.invalid.iter().map(|i| i.value.clone()))
        });
        for v in examples {
            inputs.push(with(&f.key, format!("  {v}\n").into()));
            inputs.push(with(&f.key, v.into()));
        }
        for o in &f.options {
            inputs.push(with(&f.key, o.value.as_str().into()));
            inputs.push(with(&f.key, o.value.to_uppercase().into()));
        }
        inputs.push(with(&f.key, serde_json::Value::Null));
        inputs.push(with(&f.key, "".into()));
        inputs.push(with(&f.key, 42.into()));
    }
    inputs
}

#[test]
fn every_test_vector_gets_the_same_answer() {
    let cat = catalogue();
    let mut compared = 0usize;
    let mut forms = 0usize;
    let mut disagreements = Vec::new();
    for (p, m) in methods(&cat) {
        let Some(compiled) = connectspec_providers::method(&p.id, &m.id) else {
            continue; // not in a subset build
        };
        let twin = loaded().method(&p.id, &m.id).expect("loaded");
        let base = valid_map(p, m, None).expect("a valid form exists");
        let mut run = |compiled, twin, spec: &connectspec_lang::AuthMethod, base| {
            forms += 1;
            for input in vector_inputs(base, spec) {
                compared += 1;
                disagreements.extend(disagreement(compiled, twin, &input));
            }
        };
        run(compiled, twin, m, &base);
        // An OAuth method's setup form (client id and secret) is a form of its own.
        if let (Some(a), Some(b)) = (compiled.oauth, twin.oauth) {
            let setup = connectspec_codegen::setup_method(m);
            let base = setup
                .fields
                .iter()
                .map(|f| (f.key.clone(), validators_common::candidates(f).remove(0)))
                .collect();
            run(a.setup, b.setup, &setup, &base);
        }
    }
    // Each form gives at least its unknown key and three inputs per field.
    assert!(
        compared > 4 * forms,
        "only {compared} inputs for {forms} forms"
    );
    assert!(
        disagreements.is_empty(),
        "{} of {compared} inputs disagree:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    eprintln!("{compared} inputs over {forms} forms: 0 disagreements");
}

/// A value for a field: an example, an option, an edit of one, or arbitrary text.
fn value_strategy(candidates: Vec<String>) -> impl Strategy<Value = Option<String>> {
    let pick = proptest::sample::select(if candidates.is_empty() {
        vec![String::new()]
    } else {
        candidates
    });
    prop_oneof![
        1 => Just(None),
        3 => pick.clone().prop_map(Some),
        2 => (pick.clone(), "[ -~]{0,3}", any::<prop::sample::Index>()).prop_map(|(v, ins, at)| {
            let mut v = v;
            let mut i = at.index(v.len() + 1);
            while !v.is_char_boundary(i) {
                i -= 1;
            }
            v.insert_str(i, &ins);
            Some(v)
        }),
        1 => (pick, any::<prop::sample::Index>()).prop_map(|(v, at)| {
            let cut = at.index(v.len() + 1);
            Some(v.char_indices().filter(|(i, _)| *i != cut).map(|(_, c)| c).collect())
        }),
        2 => "\\PC{0,48}".prop_map(Some),
        1 => "[a-zA-Z0-9._~:/?#@!$&'()*+,;=%-]{0,64}".prop_map(Some),
    ]
}

/// Random forms for one method: each field an example, an option, a near miss or
/// arbitrary text, sometimes absent.
fn form_strategy(spec: &connectspec_lang::AuthMethod) -> BoxedStrategy<serde_json::Value> {
    let fields: Vec<(String, BoxedStrategy<Option<String>>)> = spec
        .fields
        .iter()
        .map(|f| {
            let mut c = validators_common::candidates(f);
            if let Some(e) = &f.examples {
                c.extend(e.invalid.iter().map(|i| i.value.clone()));
            }
            c.extend(f.prefixes.iter().cloned());
            (f.key.clone(), value_strategy(c).boxed())
        })
        .collect();
    fields
        .into_iter()
        .map(|(k, s)| s.prop_map(move |v| (k.clone(), v)))
        .collect::<Vec<_>>()
        .prop_map(|kv| {
            serde_json::Value::Object(
                kv.into_iter()
                    .filter_map(|(k, v)| Some((k, serde_json::Value::from(v?))))
                    .collect(),
            )
        })
        .boxed()
}

#[test]
fn random_input_gets_the_same_answer() {
    let cat = catalogue();
    let mut disagreements = Vec::new();
    let mut compared = 0usize;
    for (p, m) in methods(&cat) {
        let Some(compiled) = connectspec_providers::method(&p.id, &m.id) else {
            continue;
        };
        let twin = loaded().method(&p.id, &m.id).expect("loaded");
        let mut runner = proptest::test_runner::TestRunner::new_with_rng(
            ProptestConfig::with_cases(200),
            proptest::test_runner::TestRng::deterministic_rng(
                proptest::test_runner::RngAlgorithm::ChaCha,
            ),
        );
        let strategy = form_strategy(m);
        for _ in 0..200 {
            let input = strategy
                .new_tree(&mut runner)
                .expect("a form is generated")
                .current();
            compared += 1;
            disagreements.extend(disagreement(compiled, twin, &input));
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {compared} random inputs disagree:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    eprintln!("{compared} random inputs: 0 disagreements");
}
