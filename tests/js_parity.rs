//! The browser validators (`packages/validators`, run under Node) and the form schemas
//! (under Ajv 8, strict, with formats) agree with the compiled Rust validators.
//!
//! Inputs: every test vector of every spec, each also wrapped in whitespace, plus at
//! least [`GENERATED`] generated inputs per run from a fixed seed: mutations of valid
//! examples (inserted, deleted, replaced characters drawn from the field's own alphabet,
//! look-alike letters, Unicode spaces, control characters, astral characters), values
//! near each pattern's lengths, pasted URLs for host fields, case changes, very long
//! values, unknown keys (control characters, astral characters, long keys, names of
//! `Object.prototype`), missing keys, non-string and null values, and inputs that are
//! not objects. Each goes through `connectspec_providers::validate_json`; the Node
//! harness (tests/js/parity.mjs) compares the module's whole answer and Ajv's verdict on
//! the Rust-normalised input with it. Every invalid input is also validated in every
//! other locale (`validate_json_in` with the provider's `Lang`: de, fr, es, ja and the two
//! pseudo-locales, whose catalogue and texts the harness builds from what this test
//! generates), and the module's messages, ids and arguments must be byte-identical.
//! The counts are printed; 0 disagreements pass.
//!
//! Needs `node` and `npm`; `npm ci` installs Ajv when tests/js/node_modules is missing.

mod validators_common;

use connectspec_providers::prelude::*;
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use connectspec_lang::{AuthMethod, Field, Normalize, ProviderSpec};
use connectspec_providers::ValidateError;
use connectspec_runtime::normalize;
use serde_json::{Map, Value, json};
use validators_common::locales::{localized, pseudo_material};
use validators_common::{catalogue, methods, valid_map};

/// Generated inputs per run (on top of the spec's test vectors).
const GENERATED: usize = 120_000;
const SEED: u64 = 0x5eed_0014_c0de_cafe;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Node harness's folder, Ajv installed from the checked-in lockfile.
fn harness_dir() -> PathBuf {
    connectspec_tests::npm::ensure(
        &root().join("tests/js"),
        &["node_modules/ajv/package.json"],
        "the JavaScript parity check",
    )
}

/// SplitMix64: small, fast, the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Characters where Rust and JavaScript differ or where checks have edges.
const ODD: &[char] = &[
    // Unicode spaces: Rust trims all but U+FEFF, U+200B, U+180E; JavaScript's trim differs.
    ' ',
    '\t',
    '\u{0b}',
    '\u{0c}',
    '\u{85}',
    '\u{a0}',
    '\u{1680}',
    '\u{180e}',
    '\u{2000}',
    '\u{2005}',
    '\u{200a}',
    '\u{200b}',
    '\u{2028}',
    '\u{2029}',
    '\u{202f}',
    '\u{205f}',
    '\u{3000}',
    '\u{feff}', // control characters
    '\n',
    '\r',
    '\0',
    '\u{1b}',
    '\u{7f}',
    '\u{9f}', // look-alikes and case traps
    'а',
    'е',
    'о',
    'р',
    'ѕ',
    'ο',
    'Α',
    'Ａ',
    'ｚ',
    '０',
    '٣',
    '۹',
    '߀',
    '१',
    '\u{212a}',
    'ſ',
    'İ',
    'ı',
    'ß',
    'é',
    'e',
    '\u{301}',
    '‐',
    '‑',
    '−',
    '﹣',
    '－',
    '．',
    '。',
    '＠',
    '_',
    '-',
    '.',
    '@',
    ':',
    '/',
    '?',
    '#',
    '%',
    '+',
    '=',
    '~',
    '\\',
    '"',
    '<',
    '>',
    '[',
    ']', // astral: one character, two UTF-16 units
    '😀',
    '𝐀',
    '𝟘',
    '\u{10ffff}',
    '\u{e000}',
    '\u{ffff}',
    '\u{fffd}',
];

const LONG_KEYS: &[&str] = &[
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "not_a_field",
    "API_TOKEN",
    "api token",
    "",
    "😀",
    "\u{e000}",
    "\u{10000}",
    "ключ",
    "a\nb",
    "\u{0}",
    "\u{85}x",
    "\u{9f}",
];

struct Method<'a> {
    p: &'a ProviderSpec,
    m: &'a AuthMethod,
    base: BTreeMap<String, String>,
    /// Characters of this method's examples, options and prefixes.
    alphabet: Vec<char>,
    /// Every example, option and prefix value of the method.
    values: Vec<String>,
}

fn prepare<'a>(p: &'a ProviderSpec, m: &'a AuthMethod) -> Method<'a> {
    let base = valid_map(p, m, None).expect("a valid combination exists");
    let mut values: Vec<String> = Vec::new();
    for f in &m.fields {
        if let Some(e) = &f.examples {
            values.extend(e.valid.iter().cloned());
            values.extend(e.invalid.iter().map(|i| i.value.clone()));
        }
        values.extend(f.options.iter().map(|o| o.value.clone()));
        values.extend(f.options.iter().map(|o| o.label.clone()));
        values.extend(f.prefixes.iter().cloned());
        values.extend(f.forbidden_prefixes.iter().cloned());
    }
    values.extend(base.values().cloned());
    let mut alphabet: Vec<char> = values.iter().flat_map(|v| v.chars()).collect();
    alphabet.sort();
    alphabet.dedup();
    Method {
        p,
        m,
        base,
        alphabet,
        values,
    }
}

fn random_char(rng: &mut Rng, method: &Method<'_>) -> char {
    match rng.below(10) {
        0..=5 if !method.alphabet.is_empty() => *rng.pick(&method.alphabet),
        6 | 7 => *rng.pick(ODD),
        8 => char::from(b' ' + rng.below(95) as u8),
        _ => char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}'),
    }
}

/// One small edit: insert, delete or replace a character, change case, or wrap.
fn mutate(rng: &mut Rng, method: &Method<'_>, v: &str) -> String {
    let mut chars: Vec<char> = v.chars().collect();
    match rng.below(9) {
        0 => {
            let at = rng.below(chars.len() + 1);
            chars.insert(at, random_char(rng, method));
        }
        1 if !chars.is_empty() => {
            chars.remove(rng.below(chars.len()));
        }
        2 | 3 if !chars.is_empty() => {
            let at = rng.below(chars.len());
            chars[at] = random_char(rng, method);
        }
        4 => {
            // Longer or shorter by a few characters of the value's own alphabet.
            let n = 1 + rng.below(4);
            if rng.chance(50) {
                for _ in 0..n {
                    let c = if chars.is_empty() {
                        'a'
                    } else {
                        chars[rng.below(chars.len())]
                    };
                    chars.push(c);
                }
            } else {
                chars.truncate(chars.len().saturating_sub(n));
            }
        }
        5 => {
            let s: String = chars.iter().collect();
            return if rng.chance(50) {
                s.to_uppercase()
            } else {
                s.to_lowercase()
            };
        }
        6 => {
            let mut s = String::new();
            for _ in 0..rng.below(3) + 1 {
                s.push(*rng.pick(ODD));
            }
            let body: String = chars.iter().collect();
            return match rng.below(3) {
                0 => format!("{s}{body}"),
                1 => format!("{body}{s}"),
                _ => format!("{s}{body}{s}"),
            };
        }
        7 => {
            // Random characters near the field's alphabet, around the value's length.
            let n = (chars.len() + rng.below(7)).saturating_sub(3);
            return (0..n).map(|_| random_char(rng, method)).collect();
        }
        _ => {
            let at = rng.below(chars.len() + 1);
            let other = rng.pick(&method.values).clone();
            let s: String = chars[..at].iter().collect();
            return format!("{s}{other}");
        }
    }
    chars.into_iter().collect()
}

/// A pasted URL around a host-like value, for fields that extract hosts.
fn as_url(rng: &mut Rng, v: &str, f: &Field) -> String {
    let parent = f.normalize.iter().find_map(|n| match n {
        Normalize::ExtractSubdomain(p) => Some(p.as_str()),
        _ => None,
    });
    let host = match parent {
        Some(p) if rng.chance(70) => {
            let p = if rng.chance(30) {
                p.to_uppercase()
            } else {
                p.to_owned()
            };
            format!("{v}.{p}")
        }
        _ => v.to_owned(),
    };
    let scheme = *rng.pick(&[
        "https://", "http://", "", "", "HTTPS://", "ftp://", "https:", "//",
    ]);
    let port = *rng.pick(&["", "", ":443", ":", ":x"]);
    let dot = *rng.pick(&["", "", ".", ".."]);
    let userinfo = *rng.pick(&["", "", "", "user@", "u:p@"]);
    let path = *rng.pick(&["", "/", "/agent", "/a/b?c=d#e", "?x", "#f", "\\x"]);
    format!("{scheme}{userinfo}{host}{dot}{port}{path}")
}

fn very_long(rng: &mut Rng, method: &Method<'_>, v: &str) -> String {
    let n = 1_000 + rng.below(40_000);
    match rng.below(3) {
        0 => v.repeat(n / v.len().max(1) + 1),
        1 => format!("{}{v}{}", " ".repeat(n / 2), "\u{3000}".repeat(n / 4)),
        _ => (0..n).map(|_| random_char(rng, method)).collect(),
    }
}

fn odd_key(rng: &mut Rng, method: &Method<'_>) -> String {
    match rng.below(4) {
        0 => rng.pick(LONG_KEYS).to_string(),
        1 => "k".repeat(60 + rng.below(10)),
        2 => {
            let n = 1 + rng.below(80);
            (0..n).map(|_| random_char(rng, method)).collect()
        }
        _ => {
            let f = rng.pick(&method.m.fields);
            mutate(rng, method, &f.key)
        }
    }
}

fn non_string(rng: &mut Rng) -> Value {
    rng.pick(&[
        json!(null),
        json!(42),
        json!(0),
        json!(true),
        json!(false),
        json!([]),
        json!(["a"]),
        json!({}),
        json!({"value": "x"}),
        json!(1.5),
    ])
    .clone()
}

/// One generated input for a method.
fn generated(rng: &mut Rng, method: &Method<'_>) -> Value {
    let mut obj: Map<String, Value> = method
        .base
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    let fields = &method.m.fields;
    // Usually one field edited, sometimes several.
    let edits = if rng.chance(80) {
        1
    } else {
        1 + rng.below(fields.len())
    };
    for _ in 0..edits {
        let f = rng.pick(fields);
        let current = match obj.get(&f.key) {
            Some(Value::String(s)) => s.clone(),
            _ => rng.pick(&method.values).clone(),
        };
        let hosty = f
            .normalize
            .iter()
            .any(|n| matches!(n, Normalize::ExtractHost | Normalize::ExtractSubdomain(_)));
        let value = match rng.below(100) {
            0..=54 => Value::String(mutate(rng, method, &current)),
            55..=61 => {
                let once = mutate(rng, method, &current);
                Value::String(mutate(rng, method, &once))
            }
            62..=69 if hosty => Value::String(as_url(rng, &current, f)),
            62..=69 => Value::String(rng.pick(&method.values).clone()),
            70..=72 => Value::String(very_long(rng, method, &current)),
            73..=77 => {
                obj.remove(&f.key);
                continue;
            }
            78..=80 => non_string(rng),
            81..=84 => Value::String(String::new()),
            85..=87 => {
                let ws: String = (0..1 + rng.below(3)).map(|_| *rng.pick(ODD)).collect();
                Value::String(ws)
            }
            _ => Value::String(current.clone()),
        };
        obj.insert(f.key.clone(), value);
    }
    if rng.chance(12) {
        for _ in 0..1 + rng.below(3) {
            let k = odd_key(rng, method);
            let v = if rng.chance(80) {
                Value::String(mutate(rng, method, "x"))
            } else {
                non_string(rng)
            };
            obj.insert(k, v);
        }
    }
    if rng.chance(1) {
        return rng
            .pick(&[
                json!(null),
                json!([]),
                json!("fields"),
                json!(1),
                json!([{}]),
            ])
            .clone();
    }
    Value::Object(obj)
}

/// The test vectors: every example of every field in an otherwise valid form, bare and
/// wrapped in whitespace; the valid form itself, with a field missing, with an extra key.
fn vectors(method: &Method<'_>) -> Vec<Value> {
    let to_value = |map: &BTreeMap<String, String>| {
        Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect(),
        )
    };
    let mut out = vec![to_value(&method.base)];
    for f in &method.m.fields {
        let Some(ex) = &f.examples else { continue };
        let all = ex.valid.iter().chain(ex.invalid.iter().map(|i| &i.value));
        for v in all {
            for wrapped in [v.clone(), format!("  {v}\t"), format!("\u{a0}{v}\u{feff}")] {
                let mut map = method.base.clone();
                map.insert(f.key.clone(), wrapped);
                out.push(to_value(&map));
            }
        }
        let mut missing = method.base.clone();
        missing.remove(&f.key);
        out.push(to_value(&missing));
    }
    let mut extra = method.base.clone();
    extra.insert("not_a_field".into(), "x".into());
    out.push(to_value(&extra));
    out
}

/// The Rust answer in the module's shape.
fn rust_answer(p: &str, m: &str, fields: &Value) -> Value {
    match connectspec_providers::validate_json(p, m, fields) {
        Ok(creds) => json!({
            "ok": true,
            "values": creds.public_values(),
            "normalized": creds.normalized_fields(),
            "errors": [],
        }),
        Err(ValidateError::Invalid(e)) => json!({
            "ok": false,
            "values": {},
            "normalized": [],
            "errors": serde_json::to_value(&e).unwrap(),
        }),
        Err(other) => panic!("{p}/{m}: {other}"),
    }
}

/// The input as Rust's normalisation leaves it (what the schema describes): known
/// string fields normalised, known fields sent as null (absent to the validator)
/// dropped, the rest as sent.
fn normalised(p: &str, m: &str, fields: &Value) -> Value {
    let Value::Object(obj) = fields else {
        return fields.clone();
    };
    let meta = connectspec_providers::method(p, m).expect("registered");
    let mut out = Map::new();
    for (k, v) in obj {
        match (meta.rules.fields.iter().find(|f| f.key == k), v) {
            // A known field sent as null is absent; an unknown key is unknown whatever
            // its value.
            (Some(_), Value::Null) => {}
            (Some(rules), Value::String(s)) => {
                out.insert(
                    k.clone(),
                    Value::String(normalize(s, rules.normalize).into_owned()),
                );
            }
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    Value::Object(out)
}

fn write_case(out: &mut impl std::io::Write, p: &str, m: &str, fields: Value) -> bool {
    let rust = rust_answer(p, m, &fields);
    let ok = rust["ok"] == true;
    let norm = normalised(p, m, &fields);
    let mut line = json!({ "p": p, "m": m, "fields": fields, "rust": rust, "norm": norm });
    if !ok {
        line["loc"] = localized(
            |locale| connectspec_providers::lang(p, locale),
            |lang| match connectspec_providers::validate_json_in(p, m, &line["fields"], lang) {
                Err(ValidateError::Invalid(e)) => e,
                other => panic!("{p}/{m}: invalid in English, not in {lang:?}: {other:?}"),
            },
        );
    }
    serde_json::to_writer(&mut *out, &line).unwrap();
    out.write_all(b"\n").unwrap();
    ok
}

/// The package the harness imports: the checked-in one for the workspace catalogue;
/// for another catalogue (`CONNECTSPEC_SPECS`), the package generated for it, written
/// under `work`.
fn package_for(cat: &connectspec_lang::Catalogue, work: &Path) -> Option<PathBuf> {
    if cfg!(workspace_catalogue) {
        return None;
    }
    let dir = work.join("validators");
    let translations =
        connectspec_lang::translate::load(&validators_common::specs_dir(), cat).translations;
    for f in connectspec_codegen::js_package_with(cat, &translations) {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, f.contents).unwrap();
    }
    Some(dir)
}

fn run_harness(
    dir: &Path,
    cases: &Path,
    schemas: &Path,
    pseudo: &Path,
    package: Option<&Path>,
) -> (Value, String) {
    let mut cmd = Command::new("node");
    if let Some(p) = package {
        cmd.env("CONNECTSPEC_JS_PACKAGE", p);
    }
    let out = cmd
        .arg("parity.mjs")
        .arg(cases)
        .arg(schemas)
        .arg(pseudo)
        .current_dir(dir)
        .output()
        .expect("node must be installed to run the JavaScript parity check");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let summary = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("parity.mjs printed no summary ({e}): {stdout}\n{stderr}"));
    (summary, stderr)
}

#[test]
fn js_module_and_ajv_agree_with_the_rust_validators() {
    let dir = harness_dir();
    let cat = catalogue();
    let all: Vec<Method<'_>> = methods(&cat)
        .into_iter()
        .map(|(p, m)| prepare(p, m))
        .collect();
    let work = tempfile::tempdir().unwrap();
    let cases_path = work.path().join("cases.jsonl");
    let schemas_path = work.path().join("schemas.json");
    let pseudo_path = work.path().join("pseudo.json");
    std::fs::write(
        &pseudo_path,
        pseudo_material(&cat.iter().collect::<Vec<_>>()).to_string(),
    )
    .unwrap();

    let schemas: Map<String, Value> = all
        .iter()
        .map(|x| {
            let meta = connectspec_providers::method(&x.p.id, &x.m.id).expect("registered");
            let schema: Value = serde_json::from_str(meta.json_schema).unwrap();
            (format!("{}/{}", x.p.id, x.m.id), schema)
        })
        .collect();
    std::fs::write(&schemas_path, serde_json::to_string(&schemas).unwrap()).unwrap();

    let mut file = std::io::BufWriter::new(std::fs::File::create(&cases_path).unwrap());
    let (mut n_vectors, mut n_generated, mut n_valid) = (0usize, 0usize, 0usize);
    for x in &all {
        for fields in vectors(x) {
            n_vectors += 1;
            n_valid += usize::from(write_case(&mut file, &x.p.id, &x.m.id, fields));
        }
    }
    let mut rng = Rng(SEED);
    // Inputs are generated by editing fields: a method without end-user fields (an
    // OAuth method whose end user only signs in) has its test vectors only.
    let with_fields: Vec<&Method<'_>> = all.iter().filter(|x| !x.m.fields.is_empty()).collect();
    let per_method = GENERATED.div_ceil(with_fields.len());
    for x in with_fields {
        for _ in 0..per_method {
            let fields = generated(&mut rng, x);
            n_generated += 1;
            n_valid += usize::from(write_case(&mut file, &x.p.id, &x.m.id, fields));
        }
    }
    file.flush().unwrap();
    drop(file);

    let package = package_for(&cat, work.path());
    let (summary, stderr) = run_harness(
        &dir,
        &cases_path,
        &schemas_path,
        &pseudo_path,
        package.as_deref(),
    );
    println!(
        "js parity: {n_vectors} test vectors + {n_generated} generated inputs ({n_valid} valid to Rust) over {} methods",
        all.len()
    );
    println!("js parity summary: {summary}");
    // Every invalid input, in every other locale: the messages agree byte for byte.
    let n_invalid = (n_vectors + n_generated - n_valid) as u64;
    for locale in validators_common::locales::OTHER_LOCALES {
        let l = &summary["locales"][locale.tag()];
        println!("js parity {}: {l}", locale.tag());
        assert_eq!(
            (l["cases"].as_u64(), l["disagree"].as_u64()),
            (Some(n_invalid), Some(0)),
            "{}: {:#}",
            locale.tag(),
            summary["examples"]
        );
    }
    let count = |k: &str| summary[k].as_u64().unwrap_or(u64::MAX);
    assert!(n_generated >= 100_000);
    assert_eq!(count("cases"), (n_vectors + n_generated) as u64);
    assert!(
        n_valid > 1_000 && n_valid < n_vectors + n_generated - 1_000,
        "inputs of both verdicts: {n_valid} valid"
    );
    assert_eq!(count("schemas"), all.len() as u64);
    assert!(count("patterns") > 0);
    assert_eq!(
        (
            count("js_disagree"),
            count("ajv_disagree"),
            count("schemas_failed"),
            count("patterns_failed")
        ),
        (0, 0, 0, 0),
        "disagreements; first ones: {:#}\n{stderr}",
        summary["examples"]
    );
    // Ajv cannot parse a key: what only the key check refuses is counted apart.
    assert_eq!(count("ajv_agree") + count("ajv_key_loose"), count("cases"));
}
