//! Helpers shared by the `docs_*` tests: the repository's specs rendered in memory.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use connectspec_guides::{Options, Page, render_catalogue};
use connectspec_lang::{AuthMethod, Catalogue, ProviderSpec};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every spec of `specs/`.
pub fn catalogue() -> Catalogue {
    connectspec_lang::load_dir(&root().join("specs"))
        .unwrap_or_else(|d| panic!("specs/ must load:\n{d}"))
}

/// Every page of `specs/` with the default templates.
pub fn pages() -> Vec<Page> {
    render_catalogue(&catalogue(), &Options::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// The page at `path` (relative to the output directory).
pub fn page<'a>(pages: &'a [Page], path: &str) -> &'a str {
    &pages
        .iter()
        .find(|p| p.path == path)
        .unwrap_or_else(|| panic!("no page {path}"))
        .contents
}

/// Provider `id` and its method `method`.
pub fn method<'a>(
    cat: &'a Catalogue,
    id: &str,
    method: &str,
) -> (&'a ProviderSpec, &'a AuthMethod) {
    let spec = cat
        .provider(id)
        .unwrap_or_else(|| panic!("no provider {id}"));
    (
        spec,
        spec.method(method)
            .unwrap_or_else(|| panic!("no method {id}/{method}")),
    )
}

/// Writes pages under `dir` as gen-docs would lay them out (no manifest).
pub fn write_all(dir: &Path, pages: &[Page]) {
    for p in pages {
        let path = dir.join(&p.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &p.contents).unwrap();
    }
}

/// A copy of `specs/<id>.yaml` as provider `new_id`, with each `(from, to)` replacement
/// applied (each must match), written to `dir/<new_id>.yaml`.
pub fn derived_spec(dir: &Path, id: &str, new_id: &str, edits: &[(&str, &str)]) {
    let mut text =
        std::fs::read_to_string(root().join("specs").join(format!("{id}.yaml"))).unwrap();
    text = text.replacen(&format!("\nid: {id}\n"), &format!("\nid: {new_id}\n"), 1);
    for (from, to) in edits {
        assert!(text.contains(from), "`{from}` not in specs/{id}.yaml");
        text = text.replacen(from, to, 1);
    }
    std::fs::write(dir.join(format!("{new_id}.yaml")), text).unwrap();
}
