//! The JSON Schema of one auth method's form, for front ends.
//!
//! The schema describes the *stored* value, i.e. the value after the spec's
//! normalisation (a front end normalises before checking, as the validator does; the
//! generated JavaScript module `packages/validators` takes raw input and does both).
//! Within that rule it accepts exactly what the compiled validator accepts:
//!
//! - every field is a string; a required one has at least one character (the validator
//!   treats an empty value as missing), an optional one may be absent or empty (the
//!   validator treats empty as absent); `required` lists the non-optional fields, and
//!   `additionalProperties: false` mirrors the "unknown field" error; a choice with a
//!   `default` is not required, carries the JSON Schema `default`, and takes it when
//!   absent or empty;
//! - lengths, the spec pattern, options (`oneOf` of `const` + `title`), allowed and
//!   forbidden prefixes (as extra `pattern`s), derived-value patterns and cross-field
//!   rules (`if`/`then`) are all expressed;
//! - every pattern is the spec's Rust pattern translated to ECMAScript
//!   ([`connectspec_lang::ecma`]), valid under the `u` and `v` flags, so the schema
//!   compiles in Ajv and means in JavaScript what the validator means in Rust;
//! - a built-in format is named with its standard `format` keyword; the validator's
//!   definitions are the runtime's ([`connectspec_runtime::Format::check`]), which a
//!   schema consumer registers as custom format checks to agree exactly (the tests do,
//!   with the checks `packages/validators` exports as `formats`); `https_url` adds
//!   `^https://` and `integer` becomes a digits pattern.
//!
//! - a private-key field (`private_key`) is the one exception to "exactly": a schema
//!   cannot parse a key, so it says what the value is (`contentMediaType`
//!   `application/x-pem-file` or, for a key file, `application/json`; `writeOnly`) and
//!   admits the tab and line breaks a key holds; the validator does the parsing.
//!
//! Keys are sorted, so the output is byte-identical run to run.

use connectspec_lang::ecma;
use connectspec_lang::{AuthMethod, Field, Format, KeyContainer, ProviderSpec};
use serde_json::{Map, Value, json};

/// The draft the schemas declare.
pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Matches values without C0 control characters or DEL, in Rust and ECMA-262 syntax.
pub const NO_CONTROL_PATTERN: &str = "^[^\\u0000-\\u001f\\u007f]*$";

/// [`NO_CONTROL_PATTERN`] for private-key fields: tab, line feed and carriage return
/// are part of a PEM key or a key file.
pub const NO_CONTROL_BUT_LINES_PATTERN: &str =
    "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$";

/// The per-method form schema.
pub fn form_schema(provider: &ProviderSpec, method: &AuthMethod) -> Value {
    let mut props = Map::new();
    for f in &method.fields {
        props.insert(f.key.clone(), field_schema(method, f));
    }
    let required: Vec<&str> = method
        .fields
        .iter()
        .filter(|f| !f.optional && f.default.is_none())
        .map(|f| f.key.as_str())
        .collect();
    let mut schema = json!({
        "$schema": DRAFT,
        "title": format!("{} {}", provider.name, method.label),
        "description": DESCRIPTION,
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
                    // The rule applies when both fields hold a value: an empty
                    // optional field is absent to the validator.
                    "properties": {
                        r.when.field.clone(): { "enum": r.when.equals },
                        r.then.field.clone(): { "type": "string", "minLength": 1 },
                    },
                    "required": [r.when.field, r.then.field],
                },
                "then": {
                    "properties": { r.then.field.clone(): { "type": "string", "pattern": prefix_pattern(&r.then.prefixes) } },
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
    if f.secret {
        s.insert("writeOnly".into(), json!(true));
    }
    if let Some(k) = &f.private_key {
        let media = match k.container {
            KeyContainer::Pem => "application/x-pem-file",
            KeyContainer::Json => "application/json",
        };
        s.insert("contentMediaType".into(), json!(media));
    }
    // What a non-empty value must satisfy.
    let mut c = Map::new();
    c.insert("minLength".into(), json!(f.min_length.unwrap_or(0).max(1)));
    if let Some(max) = f.max_length {
        c.insert("maxLength".into(), json!(max));
    }
    if let Some(p) = &f.pattern {
        c.insert("pattern".into(), json!(translated(p)));
    }
    if !f.options.is_empty() {
        let choices: Vec<Value> = f
            .options
            .iter()
            .map(|o| json!({ "const": o.value, "title": o.label }))
            .collect();
        c.insert("oneOf".into(), Value::Array(choices));
    }
    // Constraints that need a second pattern go into `allOf`, one schema each.
    // The validator refuses control characters in every field (they could end a
    // header or a URL), whatever its other constraints.
    let no_control = if f.private_key.is_some() {
        NO_CONTROL_BUT_LINES_PATTERN
    } else {
        NO_CONTROL_PATTERN
    };
    let mut extra: Vec<Value> = vec![json!({ "pattern": no_control })];
    if let Some(fmt) = f.format {
        if let Some(name) = fmt.json_schema_format() {
            c.insert("format".into(), json!(name));
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
        extra.push(json!({ "pattern": translated(&d.pattern) }));
    }
    c.insert("allOf".into(), Value::Array(extra));
    if let Some(d) = &f.default {
        // An absent or empty choice takes its default.
        s.insert("default".into(), json!(d));
        s.insert("anyOf".into(), json!([{ "const": "" }, Value::Object(c)]));
    } else if f.optional {
        // Empty is as good as absent for an optional field.
        s.insert("anyOf".into(), json!([{ "const": "" }, Value::Object(c)]));
    } else {
        s.extend(c);
    }
    Value::Object(s)
}

/// What the top-level `description` says about the schema's input.
pub const DESCRIPTION: &str = "Checks the normalised field values (after the trimming and \
other normalisation the spec declares), as the validator stores them. The JavaScript \
module in packages/validators takes the raw input, normalises it and checks it with the \
validator's messages.";

/// A spec pattern as ECMAScript. The spec checker rejects patterns that cannot be
/// translated exactly, so a loaded spec's patterns always translate.
fn translated(pattern: &str) -> String {
    ecma::translate(pattern).unwrap_or_else(|e| {
        panic!(
            "pattern `{pattern}` has no ECMAScript equivalent ({}); the checker rejects it",
            e.construct
        )
    })
}

/// `^(?:p1|p2)` with the prefixes escaped for both Rust and ECMAScript regexes (`u`, `v`).
fn prefix_pattern(prefixes: &[String]) -> String {
    let alts: Vec<String> = prefixes.iter().map(|p| ecma::literal(p)).collect();
    format!("^(?:{})", alts.join("|"))
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
