//! Private-key fields: the browser module's DER walker (`private_key.js`) and the Rust
//! runtime (`pkcs8`, `pkcs1`, `sec1`) give the same verdict, fault and message.
//!
//! The fixture spec (tests/fixtures/private_keys/keyco.yaml: a PEM RS256 field, a PEM
//! ES256 field, a JSON key file) is loaded at run time through `connectspec-loader`,
//! whose snapshot carries the browser package generated for it; the keys are generated
//! now by Node and OpenSSL (tests/validators_common/keys.rs), never checked in. Inputs:
//! every key vector in each field, bare and wrapped in whitespace, plus seeded random
//! edits of them (characters inserted, deleted and replaced anywhere, base64 body
//! included, so the DER's tags, lengths and integers are hit too). The same Node
//! harness as tests/js_parity.rs compares the answers, in English and, for every
//! refused key, in every other locale (pseudo-locales included); 0 disagreements pass.

mod validators_common;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::Command;

use connectspec_runtime::{CredentialExt, MethodMeta, normalize};
use serde_json::{Map, Value, json};
use validators_common::keys::{
    Vectors, fixture_dir, generated_keys, key_file_vectors, pem_vectors,
};
use validators_common::locales::{OTHER_LOCALES, localized, pseudo_material};

/// Random edits per key vector and field.
const EDITS: usize = 48;
const SEED: u64 = 0x6b65_7973_0000_0001;

/// SplitMix64, as tests/js_parity.rs.
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
}

/// Characters edits draw from: base64, PEM and JSON punctuation, whitespace and
/// controls, and a few non-ASCII ones.
const EDIT_CHARS: &[char] = &[
    'A', 'B', 'M', 'I', 'g', 'w', 'z', '0', '9', '+', '/', '=', '-', ' ', '\n', '\r', '\t', ':',
    '{', '}', '"', '\\', ',', '\u{b}', '\0', '\u{a0}', 'é', '\u{feff}', 'Q', 'E', 'C', 'K',
];

/// One random edit of `v` (on character boundaries).
fn edit(rng: &mut Rng, v: &str) -> String {
    let chars: Vec<char> = v.chars().collect();
    let mut out = chars.clone();
    let at = rng.below(chars.len().max(1));
    let c = EDIT_CHARS[rng.below(EDIT_CHARS.len())];
    match rng.below(4) {
        0 => out.insert(at, c),
        1 if !out.is_empty() => {
            out.remove(at);
        }
        2 if !out.is_empty() => out[at] = c,
        _ => out.truncate(at),
    }
    out.into_iter().collect()
}

fn rust_answer(meta: &'static MethodMeta, fields: &Value) -> Value {
    match meta.validate_json(fields) {
        Ok(c) => json!({
            "ok": true,
            "values": c.public_values(),
            "normalized": c.normalized_fields(),
            "errors": [],
        }),
        Err(e) => json!({
            "ok": false,
            "values": {},
            "normalized": [],
            "errors": serde_json::to_value(&e).unwrap(),
        }),
    }
}

fn normalised(meta: &'static MethodMeta, fields: &Value) -> Value {
    let Value::Object(obj) = fields else {
        return fields.clone();
    };
    let mut out = Map::new();
    for (k, v) in obj {
        match (meta.rules.fields.iter().find(|f| f.key == k), v) {
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

#[test]
fn private_key_checks_agree_in_rust_and_javascript() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/js");
    let dir = connectspec_tests::npm::ensure(
        &dir,
        &["node_modules/ajv/package.json"],
        "the private-key parity check",
    );
    let snapshot = connectspec_loader::Loader::load_strict(fixture_dir())
        .unwrap_or_else(|e| panic!("fixture does not load: {:?}", e.rendered));
    let work = tempfile::tempdir().unwrap();
    let package = work.path().join("validators");
    for f in &snapshot.assets {
        let path = package.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &f.contents).unwrap();
    }
    let keys = generated_keys();
    let pem = pem_vectors(&keys);
    let files = key_file_vectors(&keys);
    // (method, the key field, the other fields, vectors)
    let plan: [(&str, &str, Value, &Vectors); 3] = [
        ("pem_key", "private_key", json!({"client_id": "abc"}), &pem),
        ("ec_key", "private_key", json!({"client_id": "abc"}), &pem),
        ("key_file", "key_file", json!({}), &files),
    ];

    let cases_path = work.path().join("cases.jsonl");
    let schemas_path = work.path().join("schemas.json");
    let pseudo_path = work.path().join("pseudo.json");
    let specs = connectspec_lang::load_dir(&fixture_dir()).expect("the fixture loads");
    std::fs::write(
        &pseudo_path,
        pseudo_material(&specs.iter().collect::<Vec<_>>()).to_string(),
    )
    .unwrap();
    let provider = snapshot.provider("keyco").expect("fixture provider");
    let mut n_invalid = 0u64;
    let mut schemas = Map::new();
    let mut file = std::io::BufWriter::new(std::fs::File::create(&cases_path).unwrap());
    let (mut n_vectors, mut n_edits, mut n_valid) = (0usize, 0usize, 0usize);
    let mut faults = std::collections::BTreeMap::<String, usize>::new();
    let mut rng = Rng(SEED);
    for (m, key, base, vectors) in plan {
        let meta = snapshot.method("keyco", m).expect("fixture method");
        let schema: Value = serde_json::from_str(meta.json_schema).unwrap();
        schemas.insert(format!("keyco/{m}"), schema);
        let mut write = |value: String| {
            let mut fields = base.clone();
            fields[key] = Value::String(value);
            let rust = rust_answer(meta, &fields);
            let mut loc = Value::Null;
            if rust["ok"] == true {
                n_valid += 1;
            } else {
                n_invalid += 1;
                loc = localized(
                    |locale| provider.lang(locale),
                    |lang| match meta.validate_json_in(&fields, lang) {
                        Err(e) => e,
                        Ok(_) => panic!("invalid in English, valid in {lang:?}"),
                    },
                );
            }
            for e in rust["errors"].as_array().unwrap() {
                let code = e["fault"].as_str().unwrap_or(e["kind"].as_str().unwrap());
                *faults.entry(code.to_owned()).or_default() += 1;
            }
            let norm = normalised(meta, &fields);
            let line = json!({"p": "keyco", "m": m, "fields": fields, "rust": rust, "norm": norm, "loc": loc});
            serde_json::to_writer(&mut file, &line).unwrap();
            file.write_all(b"\n").unwrap();
        };
        for (_, v) in vectors {
            for wrapped in [v.clone(), format!("  {v}\t"), format!("\u{a0}{v}\u{feff}")] {
                write(wrapped);
                n_vectors += 1;
            }
            for _ in 0..EDITS {
                let mut e = edit(&mut rng, v);
                if rng.below(3) == 0 {
                    e = edit(&mut rng, &e);
                }
                write(e);
                n_edits += 1;
            }
        }
    }
    file.flush().unwrap();
    drop(file);
    std::fs::write(&schemas_path, serde_json::to_string(&schemas).unwrap()).unwrap();

    let out = Command::new("node")
        .env("CONNECTSPEC_JS_PACKAGE", &package)
        .arg("parity.mjs")
        .arg(&cases_path)
        .arg(&schemas_path)
        .arg(&pseudo_path)
        .current_dir(&dir)
        .output()
        .expect("node must be installed");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let summary: Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("parity.mjs printed no summary ({e}): {stdout}\n{stderr}"));
    println!(
        "private-key parity: {n_vectors} key vectors + {n_edits} random edits ({n_valid} valid to Rust), {} keys generated",
        keys.len()
    );
    println!("private-key faults seen: {faults:?}");
    println!("private-key parity summary: {summary}");
    let count = |k: &str| summary[k].as_u64().unwrap_or(u64::MAX);
    assert_eq!(count("cases"), (n_vectors + n_edits) as u64);
    assert_eq!(
        (
            count("js_disagree"),
            count("ajv_disagree"),
            count("schemas_failed")
        ),
        (0, 0, 0),
        "disagreements; first ones: {:#}\n{stderr}",
        summary["examples"]
    );
    assert_eq!(count("ajv_agree") + count("ajv_key_loose"), count("cases"));
    for locale in OTHER_LOCALES {
        let l = &summary["locales"][locale.tag()];
        println!("private-key parity {}: {l}", locale.tag());
        assert_eq!(
            (l["cases"].as_u64(), l["disagree"].as_u64()),
            (Some(n_invalid), Some(0)),
            "{}: {:#}",
            locale.tag(),
            summary["examples"]
        );
    }
    // Every fault is exercised, and valid keys pass.
    for fault in [
        "not_json",
        "not_a_json_object",
        "member_missing",
        "member_not_a_string",
        "member_value",
        "not_pem",
        "not_a_private_key",
        "encrypted",
        "malformed",
        "wrong_algorithm",
        "too_small",
        "control_character",
    ] {
        assert!(
            faults.contains_key(fault),
            "no vector gave `{fault}`: {faults:?}"
        );
    }
    assert!(n_valid > 20, "{n_valid} valid");
}
