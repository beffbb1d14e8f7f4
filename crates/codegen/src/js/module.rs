//! One provider's module: a checking table per auth method and `validate(method, fields)`.

use std::fmt::Write as _;

use connectspec_lang::{
    AuthMethod, Field, Format, JwtAlgorithm, KeyContainer, Normalize, PrivateKey, ProviderSpec,
    ecma,
};

use super::lit::{self, HEADER, string, strings};

/// `providers/<id>.js`; `locales`: the locales that have this provider's texts
/// (`locales/<locale>/<id>.js`), which `loadLocale` imports on demand.
pub fn provider_js(p: &ProviderSpec, locales: &[&str]) -> String {
    let mut out = String::from(HEADER);
    // Only the checks and normalisers this provider uses are imported, so that a
    // bundler leaves the others out of the page.
    let mut imports: std::collections::BTreeSet<&str> =
        ["loadLang", "method", "unknownId", "validateFields"].into();
    for f in p.auth_methods.iter().flat_map(|m| &m.fields) {
        imports.extend(f.format.map(format_check));
        imports.extend(f.normalize.iter().map(normalizer));
    }
    let imports: Vec<&str> = imports.into_iter().collect();
    let _ = writeln!(
        out,
        "import {{ {} }} from \"../runtime.js\";\n",
        imports.join(", ")
    );
    // The key parser is a module of its own, loaded only by providers with a
    // private-key field: the others keep their small bundle.
    if uses_private_key(p) {
        out.push_str("import { checkPrivateKey, keyMessages } from \"../private_key.js\";\n\n");
    }
    for (i, m) in p.auth_methods.iter().enumerate() {
        let _ = writeln!(
            out,
            "/** {} {}. */\nconst m{i} = method({}, {});\n",
            lit::doc(&p.name),
            lit::doc(&m.label),
            string(&m.id),
            method_table(m)
        );
    }
    let entries: Vec<String> = p
        .auth_methods
        .iter()
        .enumerate()
        .map(|(i, m)| format!("{}: m{i}", string(&m.id)))
        .collect();
    let texts: Vec<String> = locales
        .iter()
        .map(|l| format!("{l}: () => import(\"../locales/{l}/{}.js\")", p.id))
        .collect();
    let _ = write!(
        out,
        "/** The checking tables of {name}'s auth methods, by method id. */\n\
         export const methods = Object.freeze({{ __proto__: null, {entries} }});\n\n\
         /** {name}'s translated texts, a module per locale, imported only by `loadLocale`. */\n\
         const texts = {{ __proto__: null{sep}{texts} }};\n\n\
         /** Loads a locale's messages and {name}'s texts in it: the `locale` option of `validate`. */\n\
         export function loadLocale(locale) {{\n  \
           return loadLang(locale, texts{keys});\n\
         }}\n\n\
         /** Validates the raw fields of one of {name}'s auth methods (messages in `options.locale`). */\n\
         export function validate(method, fields, options) {{\n  \
           const m = methods[method];\n  \
           return m === undefined ? unknownId(\"unknown_method\", options) : validateFields(m, fields, options);\n\
         }}\n",
        name = lit::doc(&p.name),
        entries = entries.join(", "),
        sep = if texts.is_empty() { "" } else { ", " },
        texts = texts.join(", "),
        // The messages of private-key fields are a catalogue of their own.
        keys = if uses_private_key(p) { ", true" } else { "" },
    );
    out
}

/// Whether a field of the provider holds a private key (and the module needs the parser).
pub fn uses_private_key(p: &ProviderSpec) -> bool {
    p.auth_methods
        .iter()
        .flat_map(|m| &m.fields)
        .any(|f| f.private_key.is_some())
}

/// The `privateKey` table of a field: what `checkPrivateKey` reads.
fn private_key_table(k: &PrivateKey) -> String {
    let mut parts = vec![];
    if k.container == KeyContainer::Json {
        parts.push("json: true".to_owned());
        parts.push(format!("members: {}", strings(&k.members)));
        if let Some(m) = &k.key_member {
            parts.push(format!("keyMember: {}", string(m)));
        }
        let equals: Vec<String> = k
            .equals
            .iter()
            .map(|(m, v)| format!("[{}, {}]", string(m), string(v)))
            .collect();
        parts.push(format!("equals: [{}]", equals.join(", ")));
    }
    let alg = match k.algorithm {
        JwtAlgorithm::RS256 => "RS256",
        JwtAlgorithm::ES256 => "ES256",
    };
    parts.push(format!("alg: {}", string(alg)));
    parts.push(format!("minBits: {}", k.min_bits));
    parts.push("check: checkPrivateKey".to_owned());
    parts.push("messages: keyMessages".to_owned());
    format!("{{ {} }}", parts.join(", "))
}

/// A pattern as a regular expression literal: with the `u` flag, or without it when the
/// pattern only matches ASCII (the same meaning, a faster engine path); its `\\u{…}`
/// escapes are then written as `\\xHH`.
fn regex(pattern: &str) -> String {
    let translated = ecma::translate(pattern).unwrap_or_else(|e| {
        panic!(
            "pattern `{pattern}` has no ECMAScript equivalent ({}); the checker rejects it",
            e.construct
        )
    });
    let hir = regex_syntax::parse(pattern).expect("the pattern translated, so it parses");
    if ecma::ascii_only(&hir) {
        format!("/{}/", ascii_escapes(&translated))
    } else {
        format!("/{translated}/u")
    }
}

/// `\\u{HH}` (an ASCII code point) → `\\xHH`, which needs no `u` flag.
fn ascii_escapes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(at) = rest.find("\\u{") {
        let (head, tail) = rest.split_at(at);
        out.push_str(head);
        let close = tail.find('}').expect("a closed escape");
        let hex = &tail[3..close];
        let code = u32::from_str_radix(hex, 16).expect("hex escape");
        assert!(code < 0x80, "an ASCII-only pattern escapes only ASCII");
        out.push_str(&format!("\\x{code:02x}"));
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Whether a value the field's pattern accepts cannot hold a control character.
fn pattern_is_clean(pattern: &str) -> bool {
    regex_syntax::parse(pattern).is_ok_and(|h| ecma::excludes_controls(&h))
}

fn index_of(m: &AuthMethod, key: &str) -> usize {
    m.fields
        .iter()
        .position(|f| f.key == key)
        .unwrap_or_else(|| panic!("field `{key}` exists (the checker verified it)"))
}

fn method_table(m: &AuthMethod) -> String {
    let fields: Vec<String> = m.fields.iter().map(field_table).collect();
    let rules: Vec<String> = m
        .rules
        .iter()
        .map(|r| {
            format!(
                "[{}, {}, {}, {}, {}]",
                index_of(m, &r.when.field),
                strings(&r.when.equals),
                index_of(m, &r.then.field),
                strings(&r.then.prefixes),
                string(&r.message)
            )
        })
        .collect();
    let derived: Vec<String> = m
        .derived
        .iter()
        .map(|d| {
            let map: Vec<String> = d
                .map
                .iter()
                .map(|(k, v)| format!("[{}, {}]", string(k), string(v)))
                .collect();
            format!(
                "[{}, {}, {}, {}, [{}]]",
                string(&d.key),
                string(&d.label),
                index_of(m, &d.from),
                regex(&d.pattern),
                map.join(", ")
            )
        })
        .collect();
    // Public values: non-secret fields, and values derived from them, in key order
    // (Rust returns a BTreeMap): [key, field index] or [key, -1 - derived index].
    let mut values: Vec<(&str, i64)> = m
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.secret)
        .map(|(i, f)| (f.key.as_str(), i as i64))
        .collect();
    for (j, d) in m.derived.iter().enumerate() {
        if !m.fields.iter().any(|f| f.key == d.from && f.secret) {
            values.push((d.key.as_str(), -1 - j as i64));
        }
    }
    values.sort();
    let values: Vec<String> = values
        .iter()
        .map(|(k, i)| format!("[{}, {i}]", string(k)))
        .collect();
    format!(
        "{{\n  fields: [\n{}\n  ],\n  rules: [{}],\n  derived: [{}],\n  values: [{}],\n}}",
        fields.join(",\n"),
        rules.join(", "),
        derived.join(", "),
        values.join(", ")
    )
}

fn field_table(f: &Field) -> String {
    let mut parts: Vec<String> = vec![
        format!("key: {}", string(&f.key)),
        format!("label: {}", string(&f.label)),
    ];
    if let Some(h) = &f.hint {
        parts.push(format!("hint: {}", string(h)));
    }
    if f.optional {
        parts.push("optional: true".into());
    }
    if let Some(d) = &f.default {
        parts.push(format!("default: {}", string(d)));
    }
    if let Some(n) = f.min_length {
        parts.push(format!("min: {n}"));
    }
    if let Some(n) = f.max_length {
        parts.push(format!("max: {n}"));
    }
    if !f.prefixes.is_empty() {
        parts.push(format!("prefixes: {}", strings(&f.prefixes)));
    }
    if !f.forbidden_prefixes.is_empty() {
        parts.push(format!("forbidden: {}", strings(&f.forbidden_prefixes)));
    }
    if let Some(fmt) = f.format {
        let name = serde_json::to_value(fmt).expect("a format serialises");
        parts.push(format!("format: {name}"));
        parts.push(format!("formatCheck: {}", format_check(fmt)));
    }
    if let Some(p) = &f.pattern {
        parts.push(format!("pattern: {}", regex(p)));
        if pattern_is_clean(p) {
            parts.push("clean: true".into());
        }
        match connectspec_runtime::pattern_char_lengths(p) {
            (0, u32::MAX) => {}
            (lo, u32::MAX) => parts.push(format!("patternLengths: [{lo}, Infinity]")),
            (lo, hi) => parts.push(format!("patternLengths: [{lo}, {hi}]")),
        }
    }
    if !f.options.is_empty() {
        let opts: Vec<String> = f
            .options
            .iter()
            .map(|o| format!("[{}, {}]", string(&o.value), string(&o.label)))
            .collect();
        parts.push(format!("options: [{}]", opts.join(", ")));
    }
    if let Some(k) = &f.private_key {
        parts.push(format!("privateKey: {}", private_key_table(k)));
    }
    if !f.normalize.is_empty() {
        let steps: Vec<String> = f
            .normalize
            .iter()
            .map(|n| match n {
                Normalize::ExtractSubdomain(parent) => {
                    format!("(v) => extractSubdomain(v, {})", string(parent))
                }
                Normalize::ExtractFromUrl(t) => {
                    format!("(v) => extractFromUrl(v, {})", string(t))
                }
                other => normalizer(other).to_owned(),
            })
            .collect();
        parts.push(format!("normalize: [{}]", steps.join(", ")));
    }
    format!("    {{ {} }}", parts.join(", "))
}

/// The runtime function checking a format.
fn format_check(f: Format) -> &'static str {
    match f {
        Format::Email => "isEmail",
        Format::Url => "isHttpUrl",
        Format::HttpsUrl => "isHttpsUrl",
        Format::Hostname => "isHostname",
        Format::Uuid => "isUuid",
        Format::Integer => "isInteger",
    }
}

/// The runtime function of a normalisation step.
fn normalizer(n: &Normalize) -> &'static str {
    match n {
        Normalize::Trim => "trim",
        Normalize::Lowercase => "asciiLower",
        Normalize::ExtractHost => "extractHost",
        Normalize::ExtractSubdomain(_) => "extractSubdomain",
        Normalize::ExtractFromUrl(_) => "extractFromUrl",
    }
}
