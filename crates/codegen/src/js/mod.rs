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
//! - `index.js`: `validate(provider, method, fields)` over every provider;
//! - `.d.ts` declarations for each module: field keys, option values, result types;
//! - `schemas/<provider>/<method>.schema.json`: the form schemas (the service's
//!   schema endpoint serves the same), for front ends that render forms from them;
//! - `package.json`: an ES module package without dependencies.
//!
//! Output is byte-identical run to run: providers sorted by id, everything else in spec
//! order.

mod lit;
mod module;
mod package;
mod types;

use connectspec_lang::{Catalogue, ProviderSpec};

/// Where the package is checked in, relative to the workspace root.
pub const PACKAGE_DIR: &str = "packages/validators";

/// The shared runtime module.
pub const RUNTIME_JS: &str = include_str!("runtime.js");
/// Its declarations.
pub const RUNTIME_DTS: &str = include_str!("runtime.d.ts");
/// The private-key parser, imported only by providers with a private-key field.
pub const PRIVATE_KEY_JS: &str = include_str!("private_key.js");

/// One generated file: its path inside the package and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsFile {
    /// Path relative to the package directory, `/`-separated.
    pub path: String,
    /// The file's text.
    pub contents: String,
}

/// Every file of the package, sorted by path.
pub fn js_package(catalogue: &Catalogue) -> Vec<JsFile> {
    let mut specs: Vec<&ProviderSpec> = catalogue.iter().collect();
    specs.sort_by(|a, b| a.id.cmp(&b.id));
    let mut files = vec![
        file("package.json", package::package_json(&specs)),
        file("index.js", package::index_js(&specs)),
        file("index.d.ts", package::index_dts(&specs)),
        file("runtime.js", format!("{}{RUNTIME_JS}", lit::HEADER)),
        file("runtime.d.ts", format!("{}{RUNTIME_DTS}", lit::HEADER)),
        file("private_key.js", format!("{}{PRIVATE_KEY_JS}", lit::HEADER)),
    ];
    for p in &specs {
        files.push(file(
            &format!("providers/{}.js", p.id),
            module::provider_js(p),
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

/// The files a form for one provider loads: the provider module, the runtime, and the
/// private-key parser when the module imports it.
pub fn provider_bundle<'a>(files: &'a [JsFile], provider: &str) -> Vec<&'a JsFile> {
    let own = format!("providers/{provider}.js");
    let keys = files
        .iter()
        .any(|f| f.path == own && f.contents.contains("\"../private_key.js\""));
    files
        .iter()
        .filter(|f| f.path == own || f.path == "runtime.js" || (keys && f.path == "private_key.js"))
        .collect()
}

fn file(path: &str, contents: String) -> JsFile {
    JsFile {
        path: path.to_owned(),
        contents,
    }
}
