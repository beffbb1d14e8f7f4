//! Property tests of the compiled validators.
//!
//! - Lowered matchers accept exactly what `regex` accepts (spec patterns, fixed shapes
//!   and randomly generated patterns; strings from the pattern's alphabet and arbitrary).
//! - The compiled validator and the per-method JSON Schema (checked with `jsonschema`)
//!   agree on every example and on random inputs. Rule: the schema describes the stored
//!   value, so it is applied to the *normalised* values (a blank optional field is
//!   absent), and built-in formats use the runtime's definitions as custom format checks.
//! - No input panics: random maps, huge values, odd Unicode, non-string JSON.
//!
//! Case counts default to proptest's 256; the long fuzz is
//! `PROPTEST_CASES=1000000 cargo test --release --test validators_props`.

mod validators_common;

use connectspec_providers::prelude::*;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use connectspec_lang::{AuthMethod, ProviderSpec};
use connectspec_runtime::lower_pattern;
use connectspec_runtime::{Format, normalize};
use proptest::prelude::*;
use serde_json::Value;
use validators_common::{catalogue, methods, valid_map};

struct Method {
    p: ProviderSpec,
    m: AuthMethod,
    base: BTreeMap<String, String>,
    schema: jsonschema::Validator,
    /// Values to draw from: every example of every field, plus odd ones.
    values: Vec<String>,
}

fn schema_validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .with_format("email", |s: &str| Format::Email.check(s))
        .with_format("uri", |s: &str| Format::Url.check(s))
        .with_format("hostname", |s: &str| Format::Hostname.check(s))
        .with_format("uuid", |s: &str| Format::Uuid.check(s))
        .with_pattern_options(jsonschema::PatternOptions::regex())
        .build(schema)
        .expect("the form schema is a valid JSON Schema")
}

static METHODS: LazyLock<Vec<Method>> = LazyLock::new(|| {
    let cat = catalogue();
    methods(&cat)
        .into_iter()
        .map(|(p, m)| {
            let schema = schema_validator(&connectspec_codegen::form_schema(p, m));
            let base = valid_map(p, m, None).expect("a valid combination exists");
            let mut values: Vec<String> = vec![
                String::new(),
                " ".into(),
                "é".into(),
                "\u{0}".into(),
                "\u{202e}x".into(),
            ];
            for f in &m.fields {
                if let Some(e) = &f.examples {
                    values.extend(e.valid.iter().cloned());
                    values.extend(e.valid.iter().map(|v| format!("  {v}\t")));
                    values.extend(e.invalid.iter().map(|i| i.value.clone()));
                }
                values.extend(f.options.iter().map(|o| o.value.clone()));
                values.extend(f.prefixes.iter().cloned());
            }
            Method {
                p: p.clone(),
                m: m.clone(),
                base,
                schema,
                values,
            }
        })
        .collect()
});

/// Validator verdict on raw input vs schema verdict on the normalised input.
fn agree(method: &Method, input: &BTreeMap<String, String>) -> Result<(), String> {
    let (p, m) = (&method.p, &method.m);
    let compiled = connectspec_providers::validate(&p.id, &m.id, input);
    let meta = connectspec_providers::method(&p.id, &m.id).expect("registered");
    let mut normalised = serde_json::Map::new();
    for (k, v) in input {
        match meta.rules.fields.iter().find(|f| f.key == k) {
            Some(rules) => {
                let n = normalize(v, rules.normalize);
                if !(rules.optional && n.is_empty()) {
                    normalised.insert(k.clone(), Value::String(n.into_owned()));
                }
            }
            None => {
                normalised.insert(k.clone(), Value::String(v.clone()));
            }
        }
    }
    let by_schema = method.schema.is_valid(&Value::Object(normalised));
    // A schema cannot parse a private key: it may accept what only the key check
    // refuses (the same allowance as the browser parity's `ajv_key_loose`).
    let key_loose = by_schema
        && matches!(&compiled, Err(connectspec_runtime::ValidateError::Invalid(e))
            if e.errors()
                .iter()
                .all(|f| matches!(f.kind, connectspec_runtime::ErrorKind::PrivateKey { .. })));
    if compiled.is_ok() == by_schema || key_loose {
        Ok(())
    } else {
        let keys: Vec<&String> = input.keys().collect();
        Err(format!(
            "{}/{}: compiled says {}, schema says {} (keys {keys:?}; errors: {})",
            p.id,
            m.id,
            compiled.is_ok(),
            by_schema,
            compiled.err().map(|e| e.to_string()).unwrap_or_default()
        ))
    }
}

#[test]
fn schema_and_validator_agree_on_every_example() {
    for method in METHODS.iter() {
        agree(method, &method.base).unwrap();
        for f in &method.m.fields {
            let Some(ex) = &f.examples else { continue };
            let all = ex.valid.iter().chain(ex.invalid.iter().map(|i| &i.value));
            for v in all {
                let mut map = method.base.clone();
                map.insert(f.key.clone(), v.clone());
                agree(method, &map).unwrap();
            }
        }
        let mut missing = method.base.clone();
        if let Some(f) = method.m.fields.iter().find(|f| !f.optional) {
            missing.remove(&f.key);
            agree(method, &missing).unwrap();
        }
        let mut extra = method.base.clone();
        extra.insert("not_a_field".into(), "x".into());
        agree(method, &extra).unwrap();
    }
}

/// Applies a small edit to a string: insert, delete or replace one character.
fn mutate(s: &str, op: u8, at: usize, c: char) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let i = if chars.is_empty() {
        0
    } else {
        at % (chars.len() + 1)
    };
    match op % 3 {
        0 => chars.insert(i, c),
        1 if i < chars.len() => {
            chars.remove(i);
        }
        _ if i < chars.len() => chars[i] = c,
        _ => chars.push(c),
    }
    chars.into_iter().collect()
}

const ODD: &[char] = &[
    'a', 'Z', '0', '9', '-', '_', '.', '@', ' ', '\t', 'é', 'ß', '\u{0}', '\u{200b}', '\u{fe0f}',
    '😀', '/', ':',
];

proptest! {
    #[test]
    fn schema_and_validator_agree_on_random_inputs(
        which in any::<prop::sample::Index>(),
        picks in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0u8..4, any::<usize>(), prop::sample::select(ODD)), 0..4),
    ) {
        let method = &METHODS[which.index(METHODS.len())];
        let mut map = method.base.clone();
        let keys: Vec<String> = method.m.fields.iter().map(|f| f.key.clone()).chain(["extra".to_owned()]).collect();
        for (k, v, op, at, c) in picks {
            let key = k.get(&keys).clone();
            let value = v.get(&method.values).clone();
            match op {
                3 => { map.remove(&key); }
                _ => { map.insert(key, mutate(&value, op, at, c)); }
            }
        }
        prop_assert!(agree(method, &map).is_ok(), "{}", agree(method, &map).unwrap_err());
    }

    #[test]
    fn no_input_panics(
        which in any::<prop::sample::Index>(),
        map in prop::collection::btree_map(
            prop_oneof![Just("api_token".to_owned()), "[a-z_]{1,12}", any::<String>()],
            prop_oneof![any::<String>(), "\\PC{0,80}", ".{0,300}"],
            0..6,
        ),
        json in prop_oneof![
            Just(Value::Null),
            any::<i64>().prop_map(Value::from),
            any::<String>().prop_map(Value::from),
            prop::collection::vec(any::<String>(), 0..3).prop_map(Value::from),
        ],
    ) {
        let method = &METHODS[which.index(METHODS.len())];
        let (p, m) = (&method.p.id, &method.m.id);
        exercise(p, m, &map);
        let mut mixed = map.clone();
        mixed.extend(method.base.clone());
        exercise(p, m, &mixed);
        let mut obj: serde_json::Map<String, Value> = mixed.into_iter().map(|(k, v)| (k, Value::String(v))).collect();
        if let Some(k) = method.m.fields.first() {
            obj.insert(k.key.clone(), json.clone());
        }
        let _ = connectspec_providers::validate_json(p, m, &Value::Object(obj));
        let _ = connectspec_providers::validate_json(p, m, &json);
    }
}

/// Validates and uses every output of the result.
fn exercise(p: &str, m: &str, map: &BTreeMap<String, String>) {
    match connectspec_providers::validate(p, m, map) {
        Ok(c) => {
            let _ = (
                format!("{c:?} {c}"),
                c.public_values(),
                c.normalized_fields(),
                c.request_auth(),
            );
        }
        Err(e) => {
            let _ = (format!("{e:?} {e}"),);
        }
    }
}

#[test]
fn huge_and_odd_values_do_not_panic() {
    let huge = "a".repeat(1 << 20);
    let huge_multibyte = "é😀".repeat(1 << 17);
    let spaces = format!("{}x{}", " ".repeat(1 << 16), " ".repeat(1 << 16));
    let odd = [
        "\u{0}",
        "\u{feff}",
        "\u{202e}abc",
        "a\u{301}",
        "\r\n",
        "🏳️‍🌈",
        "https://",
        "https://.",
        "@",
        "a@b.",
        "...",
    ];
    for method in METHODS.iter() {
        let (p, m) = (&method.p.id, &method.m.id);
        for f in &method.m.fields {
            for v in [huge.as_str(), huge_multibyte.as_str(), spaces.as_str()]
                .into_iter()
                .chain(odd)
            {
                let mut map = method.base.clone();
                map.insert(f.key.clone(), v.to_owned());
                exercise(p, m, &map);
                agree(method, &map).unwrap();
            }
        }
    }
}

// ---- lowering vs regex ----

fn check_lowering(pattern: &str, inputs: &[String]) -> Result<(), TestCaseError> {
    let Some(lowered) = lower_pattern(pattern) else {
        return Ok(());
    };
    let re = regex::Regex::new(pattern).expect("lowered patterns compile");
    for s in inputs {
        prop_assert_eq!(
            lowered.is_match(s),
            re.is_match(s),
            "pattern {:?} on {:?}",
            pattern,
            s
        );
    }
    Ok(())
}

/// Pieces random patterns are built from: the shapes the lowering handles, and some it must refuse.
const ATOMS: &[&str] = &[
    "a",
    "ab",
    "_",
    "-",
    "\\.",
    "é",
    "(?:sk|rk)",
    "(live|test)",
    "(?:x|)",
    "[a-c]",
    "[A-Za-z0-9]",
    "[0-9a-f-]",
    "[^a]",
    "[a-zé]",
    "[à-ÿ]",
    "\\d",
    "(?-u:\\d)",
    "(?-u:\\w)",
    ".",
    "(?i:k)",
    "(?i:ab)",
    "\\b",
    "(ab)",
];
const QUANTS: &[&str] = &[
    "", "", "?", "+", "*", "{2}", "{1,3}", "{0,2}", "{3,}", "{40}", "{2,70}",
];
const ALPHABET: &[char] = &[
    'a', 'b', 'c', 'k', 'K', 'A', 'Z', '0', '5', 'f', '-', '_', '.', 'é', '\u{212a}', 'x', 's',
    'r', 'l', 'i', 'v', 'e', 't', ' ', '٣',
];

fn pattern_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (prop::sample::select(ATOMS), prop::sample::select(QUANTS)),
        1..5,
    )
    .prop_map(|parts| {
        format!(
            "^{}$",
            parts
                .iter()
                .map(|(a, q)| format!("{a}{q}"))
                .collect::<String>()
        )
    })
}

fn strings_strategy() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        prop_oneof![
            prop::collection::vec(prop::sample::select(ALPHABET), 0..12)
                .prop_map(|v| v.into_iter().collect::<String>()),
            prop::collection::vec(prop::sample::select(ALPHABET), 38..75)
                .prop_map(|v| v.into_iter().collect::<String>()),
            any::<String>(),
        ],
        1..24,
    )
}

proptest! {
    #[test]
    fn lowered_matchers_agree_with_regex_on_random_patterns(pattern in pattern_strategy(), inputs in strings_strategy()) {
        check_lowering(&pattern, &inputs)?;
    }

    #[test]
    fn lowered_spec_patterns_agree_with_regex(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec((0u8..3, any::<usize>(), prop::sample::select(ODD)), 0..3),
        random in any::<String>(),
    ) {
        let method = &METHODS[which.index(METHODS.len())];
        for f in &method.m.fields {
            let Some(pattern) = &f.pattern else { continue };
            let mut inputs = vec![random.clone()];
            for v in f.examples.iter().flat_map(|e| e.valid.iter().chain(e.invalid.iter().map(|i| &i.value))) {
                let mut s = v.clone();
                for (op, at, c) in &edits {
                    s = mutate(&s, *op, *at, *c);
                }
                inputs.push(s);
                inputs.push(v.clone());
            }
            check_lowering(pattern, &inputs)?;
        }
    }
}

#[test]
fn lowering_covers_the_common_shapes() {
    for p in [
        "^[A-Za-z0-9-]{40}$",
        "^[A-Za-z0-9]{64}$",
        "^lin_api_[A-Za-z0-9]{40}$",
        "^(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,247}$",
        "^[a-f0-9]{32}-us[0-9]{1,2}$",
        "^SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}$",
    ] {
        assert!(lower_pattern(p).is_some(), "{p} should lower");
    }
    // Token formats (the patterns of secret fields) are what a validation spends its time
    // on; the catalogue's other patterns are mostly host labels (`[a-z0-9]([a-z0-9-]*[a-z0-9])?`),
    // whose optional tail stays a regex.
    let cat = catalogue();
    let patterns: Vec<&String> = cat
        .iter()
        .flat_map(|p| &p.auth_methods)
        .flat_map(|m| &m.fields)
        .filter(|f| f.secret)
        .filter_map(|f| f.pattern.as_ref())
        .collect();
    let lowered = patterns
        .iter()
        .filter(|p| lower_pattern(p).is_some())
        .count();
    eprintln!(
        "{lowered} of {} token formats are lowered to byte checks",
        patterns.len()
    );
    assert!(
        lowered * 2 >= patterns.len(),
        "most token formats are simple shapes"
    );
}

// ---- host extraction: the `url` crate is the oracle ----

/// What extracting a host must give: the host the WHATWG parser (`url`) reads from the
/// value (as `https://<value>` when it has no scheme), without one trailing dot; the value
/// itself when it does not parse, has no host, or holds a control or non-ASCII character.
fn oracle_host(v: &str) -> String {
    if v.bytes().any(|b| b < 0x20 || b == 0x7f || !b.is_ascii()) {
        return v.to_owned();
    }
    let parsed = if v.contains("://") {
        url::Url::parse(v)
    } else {
        url::Url::parse(&format!("https://{v}"))
    };
    match parsed.ok().as_ref().and_then(url::Url::host_str) {
        Some(h) if !h.is_empty() => h.strip_suffix('.').unwrap_or(h).to_owned(),
        _ => v.to_owned(),
    }
}

/// Host-like text: labels, digits, dots, user-info, ports, IPv6, paths, schemes.
fn hostish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("acme".to_owned()),
        Just("ACME".to_owned()),
        Just("zendesk.com".to_owned()),
        Just(".".to_owned()),
        Just("..".to_owned()),
        Just("-".to_owned()),
        Just("127.0.0.1".to_owned()),
        Just("0x7f".to_owned()),
        Just("2130706433".to_owned()),
        Just("[::1]".to_owned()),
        Just("::".to_owned()),
        Just(":443".to_owned()),
        Just(":99999".to_owned()),
        Just("@".to_owned()),
        Just("user:pw@".to_owned()),
        Just("https://".to_owned()),
        Just("http://".to_owned()),
        Just("ftp://".to_owned()),
        Just("/".to_owned()),
        Just("\\".to_owned()),
        Just("?x=1".to_owned()),
        Just("#f".to_owned()),
        Just("%2e".to_owned()),
        Just("%41".to_owned()),
        Just(" ".to_owned()),
        Just("_".to_owned()),
        "[a-z0-9]{1,8}",
        "[0-9]{1,4}",
    ];
    prop::collection::vec(piece, 1..8).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn extract_host_agrees_with_the_url_crate(v in hostish()) {
        let got = normalize(&v, &[connectspec_runtime::Normalize::ExtractHost]);
        let want = oracle_host(&v);
        prop_assert_eq!(got.as_ref(), want.as_str(), "input {:?}", v);
    }

    #[test]
    fn extract_subdomain_takes_one_label_of_the_parsed_host(v in hostish()) {
        let parent = "zendesk.com";
        let got = normalize(&v, &[connectspec_runtime::Normalize::ExtractSubdomain(parent)]);
        let host = oracle_host(&v);
        // `<label>.zendesk.com`, the parent compared ignoring ASCII case.
        let tail = format!(".{parent}");
        let label = (host.len() > tail.len() && host.to_ascii_lowercase().ends_with(&tail))
            .then(|| &host[..host.len() - tail.len()]);
        let want = match label {
            Some(l) if !l.is_empty() && !l.contains('.') => l.to_owned(),
            _ => v.clone(),
        };
        prop_assert_eq!(got.as_ref(), want.as_str(), "input {:?}", v);
    }
}
