//! The browser-side validators: an ES module package generated from the specs
//! (`cargo xtask gen-js` writes it to `packages/validators/`).
//!
//! - `runtime.js`: normalisation, formats and the checking loop, the JavaScript twin
//!   of `connectspec-runtime` (same order of checks, same messages);
//! - `private_key.js`: the private-key parser (`private_key.rs`'s twin), imported only
//!   by the provider modules with a private-key field;
//! - `providers/<id>.js`: one module per provider holding its methods' checking tables
//!   (patterns translated by [`connectspec_lang::ecma`]), so a form loads only the
//!   provider it shows plus the runtime;
//! - `locales/<locale>/messages.js`: a locale's validator catalogue
//!   (`locales/<locale>/validator.ftl`), and `locales/<locale>/<id>.js`: one provider's
//!   translated message texts; imported only by `loadLocale` (English is built into
//!   `runtime.js`), so a form loads only the locale it shows;
//! - `index.js`: `validate(provider, method, fields)` over every provider;
//! - `.d.ts` declarations for each module: field keys, option values, result types;
//! - `schemas/<provider>/<method>.schema.json`: the form schemas (the service's
//!   schema endpoint serves the same), for front ends that render forms from them;
//! - `vendor/fluent-bundle.js`: @fluent/bundle, which formats the messages (bundled
//!   into the package, so it still has no dependencies);
//! - `package.json`: an ES module package without dependencies.
//!
//! Output is byte-identical run to run: providers sorted by id, everything else in spec
//! order.

mod lit;
mod module;
mod package;
mod types;

use connectspec_i18n::{Area, Locale};
use connectspec_lang::translate::Translations;
use connectspec_lang::{Catalogue, ProviderSpec};

/// Where the package is checked in, relative to the workspace root.
pub const PACKAGE_DIR: &str = "packages/validators";

/// The shared runtime module.
pub const RUNTIME_JS: &str = include_str!("runtime.js");
/// Its declarations.
pub const RUNTIME_DTS: &str = include_str!("runtime.d.ts");
/// The private-key parser, imported only by providers with a private-key field.
pub const PRIVATE_KEY_JS: &str = include_str!("private_key.js");
/// @fluent/bundle as one ES module (`tests/js/vendor.mjs` builds it from the locked npm
/// package and checks it in): `runtime.js` formats messages with it. A package
/// generated for another catalogue (a service's `--specs DIR`, a test) carries it too.
pub const FLUENT_BUNDLE_JS: &str =
    include_str!("../../../../packages/validators/vendor/fluent-bundle.js");

/// One generated file: its path inside the package and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsFile {
    /// Path relative to the package directory, `/`-separated.
    pub path: String,
    /// The file's text.
    pub contents: String,
}

/// Every file of the package, sorted by path, without translated spec texts (every
/// locale's messages name the specs' English texts).
pub fn js_package(catalogue: &Catalogue) -> Vec<JsFile> {
    js_package_with(catalogue, &Translations::default())
}

/// Every file of the package, sorted by path, with each provider's translated message
/// texts per locale.
pub fn js_package_with(catalogue: &Catalogue, translations: &Translations) -> Vec<JsFile> {
    let mut specs: Vec<&ProviderSpec> = catalogue.iter().collect();
    specs.sort_by(|a, b| a.id.cmp(&b.id));
    let mut files = vec![
        file("package.json", package::package_json(&specs)),
        file("index.js", package::index_js(&specs)),
        file("index.d.ts", package::index_dts(&specs)),
        file("runtime.js", runtime_js()),
        file("runtime.d.ts", format!("{}{RUNTIME_DTS}", lit::HEADER)),
        file("private_key.js", private_key_js()),
        file("vendor/fluent-bundle.js", FLUENT_BUNDLE_JS.to_owned()),
    ];
    for locale in Locale::TRANSLATED {
        let (core, keys) = shipped_catalogue(locale);
        let module = |what: &str, ftl: &str| {
            format!(
                "{}/** The validator messages{what} in `{locale}` (locales/{locale}/validator.ftl). */\nexport const catalogue = {};\n",
                lit::HEADER,
                lit::string(ftl)
            )
        };
        files.push(file(
            &format!("locales/{locale}/messages.js"),
            module("", &core),
        ));
        files.push(file(
            &format!("locales/{locale}/private_key.js"),
            module(" of private-key fields", &keys),
        ));
    }
    for p in &specs {
        let texts = crate::texts::provider_message_texts(p, translations, false);
        for (locale, texts) in &texts {
            files.push(file(
                &format!("locales/{locale}/{}.js", p.id),
                texts_js(p, *locale, texts),
            ));
        }
        let locales: Vec<&str> = texts.iter().map(|(l, _)| l.tag()).collect();
        files.push(file(
            &format!("providers/{}.js", p.id),
            module::provider_js(p, &locales),
        ));
        files.push(file(
            &format!("providers/{}.d.ts", p.id),
            types::provider_dts(p),
        ));
        for m in &p.auth_methods {
            let schema = crate::form_schema(p, m);
            let mut text = serde_json::to_string_pretty(&schema).expect("JSON serialises");
            text.push('\n');
            files.push(file(
                &format!("schemas/{}/{}.schema.json", p.id, m.id),
                text,
            ));
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The messages of private-key fields, which only the providers with such a field load.
const KEY_MESSAGES: &str = "validator-key-";

/// A locale's validator catalogue as the browser module ships it: without comments,
/// split into the messages every form needs and those of private-key fields; the
/// messages of serde's errors (`validator-expecting-*`), which only Rust gives, left
/// out.
fn shipped_catalogue(locale: Locale) -> (String, String) {
    let src =
        connectspec_i18n::without_comments(&connectspec_i18n::source(locale, Area::Validator));
    let (mut core, mut keys) = (String::new(), String::new());
    // Without comments, each entry starts at a line beginning with its id.
    let mut target = &mut core;
    for line in src.split_inclusive('\n') {
        if !line.starts_with(' ') {
            target = if line.starts_with(KEY_MESSAGES) {
                &mut keys
            } else if line.starts_with("validator-expecting-") {
                continue;
            } else {
                &mut core
            };
        } else if target.is_empty() && line.trim().is_empty() {
            continue;
        }
        target.push_str(line);
    }
    (core, keys)
}

/// `private_key.js` with the English messages of private-key fields built in.
fn private_key_js() -> String {
    let (_, keys) = shipped_catalogue(Locale::En);
    let text = PRIVATE_KEY_JS.replacen("\"__ENGLISH_KEY_FTL__\"", &lit::string(&keys), 1);
    format!("{}{text}", lit::HEADER)
}

/// `runtime.js`: the hand-written runtime with the English catalogue built in and the
/// other locales' catalogue modules named (each imported only when asked for).
fn runtime_js() -> String {
    let (english, _) = shipped_catalogue(Locale::En);
    let catalogues: Vec<String> = Locale::TRANSLATED
        .iter()
        .map(|l| {
            format!(
                "  {l}: [() => import(\"./locales/{l}/messages.js\"), () => import(\"./locales/{l}/private_key.js\")],"
            )
        })
        .collect();
    let text = RUNTIME_JS
        .replacen("\"__ENGLISH_FTL__\"", &lit::string(&english), 1)
        .replacen("  // __CATALOGUES__", &catalogues.join("\n"), 1);
    format!("{}{text}", lit::HEADER)
}

/// `locales/<locale>/<id>.js`: a provider's message texts in one locale, by text key.
fn texts_js(p: &ProviderSpec, locale: Locale, texts: &[(String, String)]) -> String {
    let entries: Vec<String> = texts
        .iter()
        .map(|(k, v)| format!("  {}: {},", lit::string(k), lit::string(v)))
        .collect();
    format!(
        "{}/** {}'s texts in `{locale}` that validator messages name, by text key. */\nexport const texts = Object.freeze({{\n  __proto__: null,\n{}\n}});\n",
        lit::HEADER,
        lit::doc(&p.name),
        entries.join("\n")
    )
}

/// The files a form for one provider loads in English: the provider module, the
/// runtime, the Fluent runtime, and the private-key parser when the module imports it.
pub fn provider_bundle<'a>(files: &'a [JsFile], provider: &str) -> Vec<&'a JsFile> {
    let own = format!("providers/{provider}.js");
    let keys = files
        .iter()
        .any(|f| f.path == own && f.contents.contains("\"../private_key.js\""));
    files
        .iter()
        .filter(|f| {
            f.path == own
                || f.path == "runtime.js"
                || f.path == "vendor/fluent-bundle.js"
                || (keys && f.path == "private_key.js")
        })
        .collect()
}

fn file(path: &str, contents: String) -> JsFile {
    JsFile {
        path: path.to_owned(),
        contents,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> (Catalogue, Translations) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs");
        let cat = connectspec_lang::load_dir(&dir).unwrap();
        let translations = connectspec_lang::translate::load(&dir, &cat).translations;
        (cat, translations)
    }

    /// The same specs and translations give the same files, sorted, every placeholder of
    /// the hand-written modules filled, and no pseudo-locale among them.
    #[test]
    fn the_package_is_deterministic_and_ships_no_pseudo_locale() {
        let (cat, translations) = workspace();
        let files = js_package_with(&cat, &translations);
        assert_eq!(files, js_package_with(&cat, &translations));
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
        for f in &files {
            assert!(!f.contents.contains("__ENGLISH"), "{}", f.path);
            assert!(!f.contents.contains("__CATALOGUES__"), "{}", f.path);
            for pseudo in Locale::PSEUDO {
                assert!(!f.path.contains(pseudo.tag()), "{}", f.path);
            }
        }
        for locale in Locale::TRANSLATED {
            assert!(paths.contains(&format!("locales/{locale}/messages.js").as_str()));
        }
        // A provider's texts are there only in the locales it is translated into.
        assert!(paths.contains(&"locales/de/oneflow.js"));
        let runtime = files.iter().find(|f| f.path == "runtime.js").unwrap();
        assert!(
            runtime
                .contents
                .contains("validator-missing = { $label } is required")
        );
        assert!(!runtime.contents.contains("validator-key-not-pem"));
        let keys = files.iter().find(|f| f.path == "private_key.js").unwrap();
        assert!(keys.contents.contains("validator-key-not-pem"));
    }
}
