//! `package.json`, and the index over every provider.

use std::fmt::Write as _;

use connectspec_lang::ProviderSpec;
use serde_json::{Map, Value, json};

use super::lit::{HEADER, pascal, string};

/// The package name (the project's contract: it contains `validators`).
pub const PACKAGE_NAME: &str = "@connectspec/validators";

/// `package.json`: an ES module package, no dependencies, one subpath per provider.
pub fn package_json(specs: &[&ProviderSpec]) -> String {
    let mut exports = Map::new();
    exports.insert(
        ".".into(),
        json!({ "types": "./index.d.ts", "default": "./index.js" }),
    );
    exports.insert(
        "./runtime".into(),
        json!({ "types": "./runtime.d.ts", "default": "./runtime.js" }),
    );
    exports.insert("./schemas/*".into(), json!("./schemas/*"));
    for p in specs {
        exports.insert(
            format!("./{}", p.id),
            json!({
                "types": format!("./providers/{}.d.ts", p.id),
                "default": format!("./providers/{}.js", p.id),
            }),
        );
    }
    let pkg = json!({
        "name": PACKAGE_NAME,
        "version": env!("CARGO_PKG_VERSION"),
        "description": "Credential validators generated from the connectspec provider specs: the same checks and messages as the Rust validators, for browsers and Node 20+",
        "license": "MIT OR Apache-2.0",
        "private": true,
        "type": "module",
        "sideEffects": false,
        "engines": { "node": ">=20" },
        "main": "./index.js",
        "types": "./index.d.ts",
        "exports": Value::Object(exports),
    });
    // serde_json keeps insertion order only with `preserve_order`; the key order of this
    // file does not matter, and serde_json's map is sorted, so the output is stable.
    let mut text = serde_json::to_string_pretty(&pkg).expect("JSON serialises");
    text.push('\n');
    text
}

/// `index.js`: `validate(provider, method, fields)` over every provider module.
pub fn index_js(specs: &[&ProviderSpec]) -> String {
    let mut out = String::from(HEADER);
    out.push_str("import { loadLang, unknownId } from \"./runtime.js\";\n");
    for (i, p) in specs.iter().enumerate() {
        let _ = writeln!(out, "import * as p{i} from \"./providers/{}.js\";", p.id);
    }
    out.push_str("\nexport { formats } from \"./runtime.js\";\n\n");
    let entries: Vec<String> = specs
        .iter()
        .enumerate()
        .map(|(i, p)| format!("  {}: p{i},", string(&p.id)))
        .collect();
    let _ = write!(
        out,
        "const providers = Object.freeze({{\n  __proto__: null,\n{}\n}});\n\n\
         /** Every provider id. */\n\
         export const providerIds = Object.freeze({});\n\n\
         /**\n * Validates raw form input for one provider's auth method, as the Rust validators\n \
         * and the service do: `{{ ok, values, normalized, errors: [{{ field, kind, message }}] }}`.\n \
         * A form that shows one provider imports `validate` from its subpath instead\n \
         * (e.g. `@connectspec/validators/{}`), which loads only that provider's tables.\n */\n\
         export function validate(provider, method, fields, options) {{\n  \
           const p = providers[provider];\n  \
           return p === undefined ? unknownId(\"unknown_provider\", options) : p.validate(method, fields, options);\n\
         }}\n\n\
         /** Loads a locale's messages and one provider's texts in it: the `locale` option of `validate`. */\n\
         export function loadLocale(provider, locale) {{\n  \
           const p = providers[provider];\n  \
           return p === undefined ? loadLang(locale) : p.loadLocale(locale);\n\
         }}\n",
        entries.join("\n"),
        serde_json::to_string(&specs.iter().map(|p| p.id.as_str()).collect::<Vec<_>>())
            .expect("JSON serialises"),
        specs.first().map_or("oneflow", |p| p.id.as_str()),
    );
    out
}

/// `index.d.ts`: the typed `validate` over every (provider, method).
pub fn index_dts(specs: &[&ProviderSpec]) -> String {
    let mut out = String::from(HEADER);
    out.push_str(
        "import type { Lang, RawFields, ValidateOptions, ValidationResult } from \"./runtime.js\";\n",
    );
    for (i, p) in specs.iter().enumerate() {
        let _ = writeln!(
            out,
            "import type * as p{i} from \"./providers/{}.js\";",
            p.id
        );
    }
    out.push_str("\nexport type { ErrorKind, FieldError, FormatName, Lang, RawFields, ValidateOptions, ValidationResult } from \"./runtime.js\";\nexport { formats } from \"./runtime.js\";\n\n");
    out.push_str("/** For each provider id, each method id: its field keys and its result. */\nexport interface Catalogue {\n");
    for (i, p) in specs.iter().enumerate() {
        let _ = writeln!(out, "  {}: {{", string(&p.id));
        for m in &p.auth_methods {
            let t = pascal(&m.id);
            let _ = writeln!(
                out,
                "    {}: {{ field: p{i}.{t}Field; fields: p{i}.{t}Fields; result: p{i}.{t}Result }};",
                string(&m.id)
            );
        }
        out.push_str("  };\n");
    }
    out.push_str("}\n\n");
    let _ = writeln!(
        out,
        "/** Every provider id. */\nexport type ProviderId = keyof Catalogue;\nexport declare const providerIds: readonly ProviderId[];\n"
    );
    let _ = writeln!(
        out,
        "/** Validates raw form input for one provider's auth method. */\n\
         export declare function validate<P extends ProviderId, M extends keyof Catalogue[P] & string>(\n  \
           provider: P,\n  method: M,\n  \
           fields: RawFields<Catalogue[P][M] extends {{ field: infer K extends string }} ? K : string>,\n  \
           options?: ValidateOptions,\n\
         ): Catalogue[P][M] extends {{ result: infer R }} ? R : ValidationResult;\n\
         export declare function validate(provider: string, method: string, fields: unknown, options?: ValidateOptions): ValidationResult;\n\n\
         /** Loads a locale's messages and one provider's texts in it (`de-CH` → `de`; English when not shipped). */\n\
         export declare function loadLocale(provider: string, locale: string): Promise<Lang>;"
    );
    out
}
