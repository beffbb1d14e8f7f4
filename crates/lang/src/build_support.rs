//! What a build script that compiles the catalogue needs, written once: which specs
//! directory (`CONNECTSPEC_SPECS`, else the workspace's `specs/`), the rerun rules that
//! make cargo notice a changed, added or removed spec, and a build failure that shows
//! every diagnostic. `connectspec-providers` (the validators) and `connectspec-server`
//! (the guides embedded in the form) read the catalogue through it, so both always build
//! from the same specs.

use std::path::{Path, PathBuf};

use crate::load::{Catalogue, load_dir, spec_files};
use crate::translate::Translations;

/// The environment variable naming another catalogue to build from.
pub const SPECS_ENV: &str = "CONNECTSPEC_SPECS";

/// Build only these providers (ids, comma-separated): a service compiles what it serves.
pub const PROVIDERS_ENV: &str = "CONNECTSPEC_PROVIDERS";

/// Build only the providers of these categories (comma-separated); with
/// [`PROVIDERS_ENV`], the union of both.
pub const CATEGORIES_ENV: &str = "CONNECTSPEC_CATEGORIES";

/// Keeps the providers named by id or by category (either list may be absent; both absent
/// keeps every provider). The whole catalogue was checked before: a subset is only ever
/// built from specs the checker accepts together. A name that matches nothing is an
/// error naming what exists, so a typo cannot build an empty service.
pub fn select(
    mut catalogue: Catalogue,
    providers: Option<&str>,
    categories: Option<&str>,
) -> Result<Catalogue, String> {
    let list = |v: Option<&str>| -> Vec<String> {
        v.map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
    };
    let (ids, cats) = (list(providers), list(categories));
    if ids.is_empty() && cats.is_empty() {
        return Ok(catalogue);
    }
    let mut problems = Vec::new();
    for id in &ids {
        if catalogue.provider(id).is_none() {
            let known: Vec<&str> = catalogue.iter().map(|p| p.id.as_str()).collect();
            problems.push(format!(
                "{PROVIDERS_ENV}: `{id}` is not a provider of the catalogue (known: {})",
                known.join(", ")
            ));
        }
    }
    for c in &cats {
        if !catalogue
            .iter()
            .any(|p| p.categories.iter().any(|x| x == c))
        {
            let mut known: Vec<&str> = catalogue
                .iter()
                .flat_map(|p| p.categories.iter().map(String::as_str))
                .collect();
            known.sort_unstable();
            known.dedup();
            problems.push(format!(
                "{CATEGORIES_ENV}: no provider has the category `{c}` (categories: {})",
                known.join(", ")
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    catalogue
        .specs
        .retain(|s| ids.contains(&s.spec.id) || s.spec.categories.iter().any(|c| cats.contains(c)));
    Ok(catalogue)
}

/// The specs directory of a build: `CONNECTSPEC_SPECS` when set, else `workspace_specs`.
pub fn specs_dir(workspace_specs: &Path) -> PathBuf {
    std::env::var_os(SPECS_ENV).map_or_else(|| workspace_specs.to_owned(), PathBuf::from)
}

/// Loads the catalogue for a build script and tells cargo when to run the script again
/// (the variable, the directory, every spec file). A spec with errors fails the build
/// with the loader's diagnostics, so nothing is ever built from a spec the checker
/// rejects.
pub fn catalogue_for_build(workspace_specs: &Path) -> Catalogue {
    let (catalogue, _) = full_catalogue_for_build(workspace_specs);
    select_for_build(catalogue)
}

/// [`catalogue_for_build`] with the translations of the specs' texts
/// (`<specs>/i18n/<locale>/<id>.yaml`), checked against the whole catalogue as
/// `cargo xtask check` checks them: an unfaithful translation (a placeholder, code span
/// or number that differs, a stale one, …) fails the build with its diagnostics, so no
/// message is ever built from one.
pub fn catalogue_and_translations_for_build(workspace_specs: &Path) -> (Catalogue, Translations) {
    let (catalogue, dir) = full_catalogue_for_build(workspace_specs);
    let i18n = dir.join(crate::translate::I18N_DIR);
    println!("cargo::rerun-if-changed={}", i18n.display());
    for locale in crate::translate::LOCALES {
        let d = i18n.join(locale.code);
        println!("cargo::rerun-if-changed={}", d.display());
        if let Ok(files) = std::fs::read_dir(&d) {
            for f in files.flatten() {
                println!("cargo::rerun-if-changed={}", f.path().display());
            }
        }
    }
    let translations = checked_translations(&dir, &catalogue).unwrap_or_else(|e| fail(&e));
    (select_for_build(catalogue), translations)
}

/// The translations of `dir` checked against `catalogue`, or every problem of every
/// translation as the build's error.
pub fn checked_translations(dir: &Path, catalogue: &Catalogue) -> Result<Translations, String> {
    let loaded = crate::translate::load(dir, catalogue);
    if loaded.diagnostics.0.is_empty() {
        Ok(loaded.translations)
    } else {
        Err(format!(
            "the translations in {} have errors:\n{}",
            dir.join(crate::translate::I18N_DIR).display(),
            loaded.diagnostics
        ))
    }
}

/// Every spec of the build's specs directory, and the directory.
fn full_catalogue_for_build(workspace_specs: &Path) -> (Catalogue, PathBuf) {
    println!("cargo::rerun-if-env-changed={SPECS_ENV}");
    let dir = specs_dir(workspace_specs);
    println!("cargo::rerun-if-changed={}", dir.display());
    if let Ok(files) = spec_files(&dir) {
        for f in files {
            println!("cargo::rerun-if-changed={}", f.display());
        }
    }
    let catalogue = load_dir(&dir).unwrap_or_else(|diags| {
        fail(&format!(
            "the provider specs in {} have errors:\n{diags}",
            dir.display()
        ))
    });
    (catalogue, dir)
}

/// The providers `CONNECTSPEC_PROVIDERS` and `CONNECTSPEC_CATEGORIES` select.
fn select_for_build(catalogue: Catalogue) -> Catalogue {
    println!("cargo::rerun-if-env-changed={PROVIDERS_ENV}");
    println!("cargo::rerun-if-env-changed={CATEGORIES_ENV}");
    let providers = std::env::var(PROVIDERS_ENV).ok();
    let categories = std::env::var(CATEGORIES_ENV).ok();
    select(catalogue, providers.as_deref(), categories.as_deref()).unwrap_or_else(|e| fail(&e))
}

/// Writes a build output through the one writer ([`crate::files::write_if_changed`]):
/// an unchanged output keeps its timestamp, so what includes it is not recompiled.
pub fn write_output(path: &Path, contents: &str) {
    if let Err(e) = crate::files::write_if_changed(path, contents) {
        fail(&format!("cannot write {}: {e}", path.display()));
    }
}

/// Prints `message` where cargo shows it and stops the build.
pub fn fail(message: &str) -> ! {
    for line in message.lines() {
        println!("cargo::error={line}");
    }
    eprintln!("{message}");
    std::process::exit(1);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> Catalogue {
        load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs")).unwrap()
    }

    fn ids(c: &Catalogue) -> Vec<&str> {
        c.iter().map(|p| p.id.as_str()).collect()
    }

    /// An unfaithful translation (here a number that differs from the English's) is
    /// the build's error, as it is `cargo xtask check`'s; a faithful one is read.
    #[test]
    fn a_build_refuses_an_unfaithful_translation() {
        let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs");
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(specs.join("oneflow.yaml"), dir.path().join("oneflow.yaml")).unwrap();
        let de = dir.path().join("i18n/de");
        std::fs::create_dir_all(&de).unwrap();
        let good = std::fs::read_to_string(specs.join("i18n/de/oneflow.yaml")).unwrap();
        std::fs::write(de.join("oneflow.yaml"), &good).unwrap();
        let cat = load_dir(dir.path()).unwrap();
        let t = checked_translations(dir.path(), &cat).unwrap();
        assert!(t.get("de", "oneflow").is_some());
        let bad = good.replace("40 Zeichen", "41 Zeichen");
        assert_ne!(bad, good);
        std::fs::write(de.join("oneflow.yaml"), bad).unwrap();
        let e = checked_translations(dir.path(), &cat).unwrap_err();
        assert!(e.contains("E104"), "{e}");
    }

    #[test]
    fn a_build_keeps_the_providers_named_by_id_or_category() {
        let all = catalogue().specs.len();
        assert_eq!(select(catalogue(), None, None).unwrap().specs.len(), all);
        assert_eq!(
            select(catalogue(), Some(" , "), Some(""))
                .unwrap()
                .specs
                .len(),
            all
        );
        let c = select(catalogue(), Some("oneflow, github"), None).unwrap();
        assert_eq!(ids(&c), ["github", "oneflow"]);
        let payments = select(catalogue(), None, Some("payments")).unwrap();
        assert!(ids(&payments).contains(&"stripe") && ids(&payments).contains(&"paypal"));
        assert!(
            payments
                .iter()
                .all(|p| p.categories.iter().any(|c| c == "payments"))
        );
        // The union of both lists.
        let both = select(catalogue(), Some("oneflow"), Some("payments")).unwrap();
        assert_eq!(both.specs.len(), payments.specs.len() + 1);
    }

    #[test]
    fn a_name_that_matches_nothing_is_an_error_naming_what_exists() {
        let e = select(catalogue(), Some("oneflw"), Some("crmm")).unwrap_err();
        assert!(
            e.contains("`oneflw` is not a provider") && e.contains("oneflow"),
            "{e}"
        );
        assert!(
            e.contains("no provider has the category `crmm`") && e.contains("payments"),
            "{e}"
        );
    }
}
