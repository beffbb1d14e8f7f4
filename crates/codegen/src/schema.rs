//! The JSON Schema of one auth method's form, for front ends.
//!
//! The schema describes the *stored* value, i.e. the value after the spec's
//! normalisation (a front end trims before checking, as the validator does). Within
//! that rule it accepts exactly what the compiled validator accepts:
//!
//! - every field is a string of at least one character (the validator treats an empty
//!   value as missing), `required` lists the non-optional fields, and
//!   `additionalProperties: false` mirrors the "unknown field" error;
//! - lengths, the spec pattern, options (`enum`), allowed and forbidden prefixes (as
//!   extra `pattern`s), derived-value patterns and cross-field rules (`if`/`then`) are
//!   all expressed;
//! - a built-in format is named with its standard `format` keyword; the validator's
//!   definitions are the runtime's ([`connectspec_runtime::Format::check`]), which a
//!   schema consumer registers as custom format checks to agree exactly (the tests do);
//!   `https_url` adds `^https://` and `integer` becomes a digits pattern.
//!
//! Keys are sorted, so the output is byte-identical run to run.

use connectspec_spec::rules::runtime_format;
use connectspec_spec::{AuthMethod, Field, Format, ProviderSpec};
use serde_json::{Map, Value, json};

/// The draft the schemas declare.
pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Matches values without C0 control characters or DEL, in Rust and ECMA-262 syntax.
pub const NO_CONTROL_PATTERN: &str = "^[^\\u0000-\\u001f\\u007f]*$";

/// The per-method form schema.
pub fn form_schema(provider: &ProviderSpec, method: &AuthMethod) -> Value {
    let mut props = Map::new();
    for f in &method.fields {
        props.insert(f.key.clone(), field_schema(method, f));
    }
    let required: Vec<&str> = method
        .fields
        .iter()
        .filter(|f| !f.optional)
        .map(|f| f.key.as_str())
        .collect();
    let mut schema = json!({
        "$schema": DRAFT,
        "title": format!("{} {}", provider.name, method.label),
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": false,
    });
    let rules: Vec<Value> = method
        .rules
        .iter()
        .map(|r| {
            json!({
                "if": {
                    "properties": { r.when.field.clone(): { "enum": r.when.equals } },
                    "required": [r.when.field],
                },
                "then": {
                    "properties": { r.then.field.clone(): { "pattern": prefix_pattern(&r.then.prefixes) } },
                },
            })
        })
        .collect();
    if !rules.is_empty() {
        schema["allOf"] = Value::Array(rules);
    }
    sorted(schema)
}

fn field_schema(method: &AuthMethod, f: &Field) -> Value {
    let mut s = Map::new();
    s.insert("type".into(), json!("string"));
    s.insert("title".into(), json!(f.label));
    if let Some(d) = &f.description {
        s.insert("description".into(), json!(d));
    }
    s.insert("minLength".into(), json!(f.min_length.unwrap_or(0).max(1)));
    if let Some(max) = f.max_length {
        s.insert("maxLength".into(), json!(max));
    }
    if let Some(p) = &f.pattern {
        s.insert("pattern".into(), json!(p));
    }
    if !f.options.is_empty() {
        let values: Vec<&str> = f.options.iter().map(|o| o.value.as_str()).collect();
        s.insert("enum".into(), json!(values));
    }
    if f.secret {
        s.insert("writeOnly".into(), json!(true));
    }
    // Constraints that need a second pattern go into `allOf`, one schema each.
    // The validator refuses control characters in every field (they could end a
    // header or a URL), whatever its other constraints.
    let mut extra: Vec<Value> = vec![json!({ "pattern": NO_CONTROL_PATTERN })];
    if let Some(fmt) = f.format {
        if let Some(name) = runtime_format(fmt).json_schema_format() {
            s.insert("format".into(), json!(name));
        }
        match fmt {
            Format::HttpsUrl => extra.push(json!({ "pattern": "^https://" })),
            Format::Integer => extra.push(json!({ "pattern": "^[0-9]+$" })),
            _ => {}
        }
    }
    if !f.prefixes.is_empty() {
        extra.push(json!({ "pattern": prefix_pattern(&f.prefixes) }));
    }
    if !f.forbidden_prefixes.is_empty() {
        extra.push(json!({ "not": { "pattern": prefix_pattern(&f.forbidden_prefixes) } }));
    }
    for d in method.derived.iter().filter(|d| d.from == f.key) {
        extra.push(json!({ "pattern": d.pattern }));
    }
    if !extra.is_empty() {
        s.insert("allOf".into(), Value::Array(extra));
    }
    Value::Object(s)
}

/// `^(?:p1|p2)` with the prefixes escaped for both Rust and ECMA-262 regexes.
fn prefix_pattern(prefixes: &[String]) -> String {
    let alts: Vec<String> = prefixes.iter().map(|p| escape(p)).collect();
    format!("^(?:{})", alts.join("|"))
}

/// Escapes the characters that are special in either dialect, and nothing else (ECMA
/// rejects escapes of ordinary characters in Unicode mode).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\^$.|?*+()[]{}/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Rebuilds every object with sorted keys, whatever map order serde_json was built with.
fn sorted(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut entries: Vec<(String, Value)> = m.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(sorted).collect()),
        other => other,
    }
}
