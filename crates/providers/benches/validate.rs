//! Validating Oneflow and Webflow credentials three ways:
//!
//! - `compiled`: the generated validator's check (`validate_into` over the generated
//!   tables, as the generated constructors call it: normalise, every check, all errors;
//!   values borrowed, nothing allocated);
//! - `jsonschema`: the `jsonschema` crate's `is_valid` on the per-method schema (format
//!   checks on), on an already-built JSON value;
//! - `hand_written`: straight-line Rust doing the same checks for that one method
//!   (trim, checks, unknown keys), the floor to compare against;
//! - `compiled_typed` (extra): `from_fields`, i.e. the check plus building the typed
//!   struct (its values copied into one buffer, one allocation per credential, wiped
//!   when the result is dropped);
//! - `hand_written_owned` (extra): the hand-written check copying its values into owned
//!   types as one would write it (a `String` per public value, a zeroizing
//!   `SecretString` per secret), the owned counterpart of `compiled_typed`.
//!
//! - `loaded` (extra): the same check over the tables of the spec loaded at run time
//!   (`connectspec-loader`, what `serve --specs DIR` serves);
//! - `compiled_boxed` / `loaded_boxed` (extra): `MethodMeta::validate` of the compiled
//!   and of the loaded method, a boxed credential each (the service's path);
//! - `compiled_boxed_locale` (extra): `MethodMeta::validate_in` with German, on the same
//!   valid input: a language costs nothing until a check fails;
//! - `messages_english` / `messages_locale` (extra, group `<provider>_messages`): an
//!   invalid form (every field wrong) through `validate` and through `validate_in`
//!   with German: the cost of a localised message against formatting the English one
//!   (both are Fluent messages of the validator catalogue);
//! - `lookups_locale` (extra, same group): the German texts those messages name (each
//!   field's label and hint) looked up alone: what localising adds to formatting.
//!
//! The first three answer "valid or not" without building owned values, so they are
//! compared like for like. After criterion's report the ratios are printed (goal:
//! compiled ≥ 5× faster than jsonschema and ≤ 1.5× hand-written). Run: `cargo bench -p connectspec-providers --bench validate`.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use connectspec_providers::{Locale, lang, oneflow, webflow};
use connectspec_runtime::{FieldSource, Lang, MethodRules};
// The generated constructors' own check, measured without the typed struct around it.
use connectspec_runtime::__private::{Validated, validate_into};
use criterion::Criterion;
use serde_json::Value;

const ONEFLOW_TOKEN: &str = "3f9c2a7e-41bd-4c0a-9e6f-2b8d51c7a0e4f1b2";
const ONEFLOW_EMAIL: &str = "ops.team+oneflow@acme.co.uk";
const WEBFLOW_TOKEN: &str = "4b1e0c9d7a2f86e35c0b9a1d4e7f2c8a6b3d0e9f1a4c7b2e5d8f0a3c6b9e1d4f";

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn schema_validator(meta: &connectspec_runtime::MethodMeta) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(meta.json_schema).expect("embedded schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("valid schema")
}

/// The generated constructors' check, without building the typed struct.
#[inline]
fn compiled<const N: usize>(rules: &MethodRules<'_>, source: &impl FieldSource) -> bool {
    let mut out = Validated::<N>::empty();
    validate_into(rules, source, &mut out, &Lang::ENGLISH).is_ok()
}

// ---- hand-written baselines: what one would write for exactly this method ----

/// Unknown-key, trim, length, alphabet and email checks; values borrowed.
fn hand_oneflow(m: &BTreeMap<String, String>) -> Result<(&str, &str), Vec<&'static str>> {
    let mut errors = Vec::new();
    let token = m.get("api_token").map(|s| s.trim()).unwrap_or("");
    if token.is_empty() {
        errors.push("api_token: missing");
    } else if token.len() != 40
        || !token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        errors.push("api_token: 40 characters: letters, digits and hyphens");
    }
    let email = m.get("user_email").map(|s| s.trim()).unwrap_or("");
    if email.is_empty() {
        errors.push("user_email: missing");
    } else if !hand_email(email) {
        errors.push("user_email: not an email address");
    }
    if m.keys().any(|k| k != "api_token" && k != "user_email") {
        errors.push("unknown field");
    }
    if errors.is_empty() {
        Ok((token, email))
    } else {
        Err(errors)
    }
}

/// The owned result a service keeps: what [`hand_oneflow`] checked, copied into a
/// `String` and a zeroizing `SecretString`.
struct HandOneflow {
    _api_token: connectspec_runtime::SecretString,
    _user_email: String,
}

/// [`hand_oneflow`] into owned values: the like-for-like baseline of `compiled_typed`.
fn hand_oneflow_owned(m: &BTreeMap<String, String>) -> Result<HandOneflow, Vec<&'static str>> {
    let (token, email) = hand_oneflow(m)?;
    Ok(HandOneflow {
        _api_token: token.to_owned().into(),
        _user_email: email.to_owned(),
    })
}

fn hand_email(v: &str) -> bool {
    let Some((local, domain)) = v.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && local
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b'@' && b != b'<' && b != b'>')
        && !local.starts_with('.')
        && !local.ends_with('.')
        && domain.contains('.')
        && domain.len() <= 253
        && domain.split('.').all(|l| {
            let b = l.as_bytes();
            !b.is_empty()
                && b.len() <= 63
                && b[0] != b'-'
                && b[b.len() - 1] != b'-'
                && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        })
}

fn hand_webflow(m: &BTreeMap<String, String>) -> Result<&str, Vec<&'static str>> {
    let mut errors = Vec::new();
    let token = m.get("site_token").map(|s| s.trim()).unwrap_or("");
    if token.is_empty() {
        errors.push("site_token: missing");
    } else if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_alphanumeric()) {
        errors.push("site_token: 64 letters and digits");
    }
    if m.keys().any(|k| k != "site_token") {
        errors.push("unknown field");
    }
    if errors.is_empty() {
        Ok(token)
    } else {
        Err(errors)
    }
}

/// [`hand_webflow`] into an owned, zeroizing `SecretString`.
fn hand_webflow_owned(
    m: &BTreeMap<String, String>,
) -> Result<connectspec_runtime::SecretString, Vec<&'static str>> {
    hand_webflow(m).map(|t| t.to_owned().into())
}

// ---- the benchmark ----

/// The tables of Oneflow and Webflow loaded at run time from the specs directory.
fn loaded() -> connectspec_loader::Snapshot {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs");
    connectspec_loader::Loader::load_strict(dir).expect("the specs load")
}

fn bench(c: &mut Criterion) {
    let snapshot = loaded();
    let one_loaded = snapshot.method("oneflow", "api_token").expect("loaded");
    let web_loaded = snapshot.method("webflow", "site_token").expect("loaded");
    let one = map(&[("api_token", ONEFLOW_TOKEN), ("user_email", ONEFLOW_EMAIL)]);
    let one_json = serde_json::json!({ "api_token": ONEFLOW_TOKEN, "user_email": ONEFLOW_EMAIL });
    let one_schema = schema_validator(&oneflow::api_token::META);
    assert!(
        oneflow::ApiToken::from_fields(&one).is_ok()
            && one_schema.is_valid(&one_json)
            && hand_oneflow(&one).is_ok()
    );

    let web = map(&[("site_token", WEBFLOW_TOKEN)]);
    let web_json = serde_json::json!({ "site_token": WEBFLOW_TOKEN });
    let web_schema = schema_validator(&webflow::site_token::META);
    assert!(
        webflow::SiteToken::from_fields(&web).is_ok()
            && web_schema.is_valid(&web_json)
            && hand_webflow(&web).is_ok()
    );

    let mut g = c.benchmark_group("oneflow");
    g.bench_function("compiled", |b| {
        b.iter(|| compiled::<2>(&oneflow::api_token::RULES, black_box(&one)))
    });
    g.bench_function("jsonschema", |b| {
        b.iter(|| one_schema.is_valid(black_box(&one_json)))
    });
    g.bench_function("hand_written", |b| {
        b.iter(|| hand_oneflow(black_box(&one)).is_ok())
    });
    g.bench_function("compiled_typed", |b| {
        b.iter(|| oneflow::ApiToken::from_fields(black_box(&one)).is_ok())
    });
    g.bench_function("hand_written_owned", |b| {
        b.iter(|| hand_oneflow_owned(black_box(&one)).is_ok())
    });
    g.bench_function("loaded", |b| {
        b.iter(|| compiled::<2>(one_loaded.rules, black_box(&one)))
    });
    g.bench_function("compiled_boxed", |b| {
        b.iter(|| oneflow::api_token::META.validate(black_box(&one)).is_ok())
    });
    g.bench_function("loaded_boxed", |b| {
        b.iter(|| one_loaded.validate(black_box(&one)).is_ok())
    });
    let de = lang("oneflow", Locale::De);
    g.bench_function("compiled_boxed_locale", |b| {
        b.iter(|| {
            oneflow::api_token::META
                .validate_in(black_box(&one), &de)
                .is_ok()
        })
    });
    g.finish();

    // Every field wrong: a short token (its hint and length) and an email without a
    // top-level domain, two messages.
    let bad = map(&[
        ("api_token", &ONEFLOW_TOKEN[..39]),
        ("user_email", "ada@example"),
    ]);
    assert!(oneflow::api_token::META.validate_in(&bad, &de).is_err());
    let mut g = c.benchmark_group("oneflow_messages");
    g.bench_function("messages_english", |b| {
        b.iter(|| oneflow::api_token::META.validate(black_box(&bad)).is_err())
    });
    g.bench_function("messages_locale", |b| {
        b.iter(|| {
            oneflow::api_token::META
                .validate_in(black_box(&bad), &de)
                .is_err()
        })
    });
    g.bench_function("lookups_locale", |b| {
        b.iter(|| form_texts(&oneflow::api_token::FIELDS, black_box(&de)))
    });
    g.finish();

    let mut g = c.benchmark_group("webflow");
    g.bench_function("compiled", |b| {
        b.iter(|| compiled::<1>(&webflow::site_token::RULES, black_box(&web)))
    });
    g.bench_function("jsonschema", |b| {
        b.iter(|| web_schema.is_valid(black_box(&web_json)))
    });
    g.bench_function("hand_written", |b| {
        b.iter(|| hand_webflow(black_box(&web)).is_ok())
    });
    g.bench_function("compiled_typed", |b| {
        b.iter(|| webflow::SiteToken::from_fields(black_box(&web)).is_ok())
    });
    g.bench_function("hand_written_owned", |b| {
        b.iter(|| hand_webflow_owned(black_box(&web)).is_ok())
    });
    g.bench_function("loaded", |b| {
        b.iter(|| compiled::<1>(web_loaded.rules, black_box(&web)))
    });
    g.bench_function("compiled_boxed", |b| {
        b.iter(|| webflow::site_token::META.validate(black_box(&web)).is_ok())
    });
    g.bench_function("loaded_boxed", |b| {
        b.iter(|| web_loaded.validate(black_box(&web)).is_ok())
    });
    let de = lang("webflow", Locale::De);
    g.bench_function("compiled_boxed_locale", |b| {
        b.iter(|| {
            webflow::site_token::META
                .validate_in(black_box(&web), &de)
                .is_ok()
        })
    });
    g.finish();

    let bad = map(&[("site_token", &WEBFLOW_TOKEN[..63])]);
    let mut g = c.benchmark_group("webflow_messages");
    g.bench_function("messages_english", |b| {
        b.iter(|| webflow::site_token::META.validate(black_box(&bad)).is_err())
    });
    g.bench_function("messages_locale", |b| {
        b.iter(|| {
            webflow::site_token::META
                .validate_in(black_box(&bad), &de)
                .is_err()
        })
    });
    g.bench_function("lookups_locale", |b| {
        b.iter(|| form_texts(&webflow::site_token::FIELDS, black_box(&de)))
    });
    g.finish();
}

/// The spec texts the invalid form's messages name (each field's label and hint), looked
/// up in `lang` as the messages look them up: the localisation a message adds to its
/// formatting. Returns their total length, so nothing is optimised away.
fn form_texts(fields: &[connectspec_runtime::FieldRules<'static>], lang: &Lang<'_>) -> usize {
    let mut n = 0;
    for f in fields {
        n += lang.spec_text_at(f.text_key, "label", f.label).len();
        if let Some(h) = f.hint {
            n += lang.spec_text_at(f.text_key, "hint", h).len();
        }
    }
    n
}

fn out_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("criterion")
}

/// Median time in ns of one benchmark from criterion's estimates, if it ran.
fn median_ns(group: &str, name: &str) -> Option<f64> {
    let path = out_dir().join(group).join(name).join("new/estimates.json");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn print_ratios() {
    println!(
        "\nratios (median times; goal: jsonschema/compiled >= 5, compiled/hand_written <= 1.5)"
    );
    for group in ["oneflow", "webflow"] {
        let (Some(c), Some(j), Some(h)) = (
            median_ns(group, "compiled"),
            median_ns(group, "jsonschema"),
            median_ns(group, "hand_written"),
        ) else {
            println!("  {group}: not all three benchmarks ran");
            continue;
        };
        println!(
            "  {group}: compiled {c:.1} ns, jsonschema {j:.1} ns, hand-written {h:.1} ns -> compiled is {:.2}x faster than jsonschema, {:.2}x the hand-written time",
            j / c,
            c / h
        );
        if let Some(t) = median_ns(group, "compiled_typed") {
            print!(
                "  {group}: typed from_fields (check + owned values) {t:.1} ns -> {:.2}x the hand-written time (goal <= 1.0)",
                t / h
            );
            match median_ns(group, "hand_written_owned") {
                Some(o) => println!(
                    "; hand-written into owned values {o:.1} ns -> typed is {:.2}x that",
                    t / o
                ),
                None => println!(),
            }
        }
    }
}

/// Nanoseconds per call of `f`, over `n` calls.
fn per_call(n: u32, f: &mut dyn FnMut() -> bool) -> f64 {
    let start = std::time::Instant::now();
    for _ in 0..n {
        black_box(f());
    }
    start.elapsed().as_nanos() as f64 / f64::from(n)
}

/// The median, over rounds, of `a`'s time over `b`'s, each round timing both back to
/// back (in alternating order). On a shared machine whose speed drifts between
/// criterion's groups, a ratio taken within one round is steadier than a ratio of
/// medians taken minutes apart.
fn paired_ratio(a: &mut dyn FnMut() -> bool, b: &mut dyn FnMut() -> bool) -> f64 {
    const ROUNDS: usize = 31;
    const CALLS: u32 = 200_000;
    let mut ratios: Vec<f64> = (0..ROUNDS)
        .map(|round| {
            if round % 2 == 0 {
                let ta = per_call(CALLS, a);
                ta / per_call(CALLS, b)
            } else {
                let tb = per_call(CALLS, b);
                per_call(CALLS, a) / tb
            }
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios[ROUNDS / 2]
}

/// One provider's paired ratios: its typed path against both hand-written checks, and
/// its method in `de` against English on a valid and on an invalid form.
fn pairs(
    typed: &mut dyn FnMut() -> bool,
    hand: &mut dyn FnMut() -> bool,
    owned: &mut dyn FnMut() -> bool,
    (meta, de): (&'static connectspec_runtime::MethodMeta, &Lang<'_>),
    (valid, invalid): (&BTreeMap<String, String>, &BTreeMap<String, String>),
) -> [(&'static str, f64); 4] {
    let in_language = |form: &BTreeMap<String, String>| {
        paired_ratio(
            &mut || meta.validate_in(black_box(form), de).is_ok(),
            &mut || meta.validate(black_box(form)).is_ok(),
        )
    };
    [
        ("typed_vs_hand", paired_ratio(typed, hand)),
        ("typed_vs_hand_owned", paired_ratio(typed, owned)),
        ("locale_valid", in_language(valid)),
        ("locale_messages", in_language(invalid)),
    ]
}

/// The typed path against both hand-written baselines, and each language against
/// English, measured in pairs; printed, and written to `paired.json` beside criterion's
/// results for `cargo xtask bench` (`{provider: {measure: ratio}}`).
fn print_paired() {
    let one = map(&[("api_token", ONEFLOW_TOKEN), ("user_email", ONEFLOW_EMAIL)]);
    let web = map(&[("site_token", WEBFLOW_TOKEN)]);
    let one_bad = map(&[
        ("api_token", &ONEFLOW_TOKEN[..39]),
        ("user_email", "ada@example"),
    ]);
    let web_bad = map(&[("site_token", &WEBFLOW_TOKEN[..63])]);
    println!(
        "\npaired (median of 31 rounds, each timing both back to back; goals: typed <= 1.0x hand-written, German <= 1.1x English valid and 1.15x invalid)"
    );
    let mut record = serde_json::Map::new();
    let mut note = |provider: &str, ratios: [(&str, f64); 4]| {
        println!(
            "  {provider}: typed is {:.2}x the hand-written check, {:.2}x the hand-written check into owned values; German is {:.2}x English on valid input, {:.2}x on an invalid form's messages",
            ratios[0].1, ratios[1].1, ratios[2].1, ratios[3].1
        );
        let entry = ratios
            .iter()
            .map(|(k, v)| ((*k).to_owned(), serde_json::json!(v)))
            .collect::<serde_json::Map<_, _>>();
        record.insert(provider.to_owned(), entry.into());
    };

    note(
        "oneflow",
        pairs(
            &mut || oneflow::ApiToken::from_fields(black_box(&one)).is_ok(),
            &mut || hand_oneflow(black_box(&one)).is_ok(),
            &mut || hand_oneflow_owned(black_box(&one)).is_ok(),
            (&oneflow::api_token::META, &lang("oneflow", Locale::De)),
            (&one, &one_bad),
        ),
    );
    note(
        "webflow",
        pairs(
            &mut || webflow::SiteToken::from_fields(black_box(&web)).is_ok(),
            &mut || hand_webflow(black_box(&web)).is_ok(),
            &mut || hand_webflow_owned(black_box(&web)).is_ok(),
            (&webflow::site_token::META, &lang("webflow", Locale::De)),
            (&web, &web_bad),
        ),
    );
    let path = out_dir().join("paired.json");
    let json = serde_json::Value::Object(record).to_string();
    if let Err(e) = std::fs::create_dir_all(out_dir()).and_then(|()| std::fs::write(&path, json)) {
        eprintln!("cannot write {}: {e}", path.display());
    }
}

fn main() {
    let mut c = Criterion::default()
        .output_directory(&out_dir())
        .configure_from_args();
    bench(&mut c);
    c.final_summary();
    print_ratios();
    // Only under `cargo bench` (which passes `--bench`), not when `cargo test --benches`
    // checks that the bench runs or when it is listed.
    let args: Vec<String> = std::env::args().collect();
    // Nor under `--profile-time`, whose profile is meant to hold the chosen benchmarks only.
    let skip = ["--test", "--list", "--profile-time"];
    if args.iter().any(|a| a == "--bench") && !args.iter().any(|a| skip.contains(&a.as_str())) {
        print_paired();
    }
}
