//! `cargo xtask gen-js` and the package freshness part of `check`; the work is in
//! connectspec-codegen (`js_package_with`). The package holds each provider's
//! translated message texts per locale, so it is generated from the specs and their
//! translations (`specs/i18n/`) together.

use std::path::Path;

use connectspec_codegen::js::PACKAGE_DIR;
use connectspec_lang::Catalogue;
use connectspec_lang::files::{Drift, compare};
use connectspec_lang::translate::Translations;

/// Writes every file of `packages/validators/` and removes generated files no spec
/// produces any more.
pub fn generate(root: &Path, specs: &Path) -> Result<(), String> {
    let catalogue = connectspec_lang::load_dir(specs)
        .map_err(|d| format!("the specs in {} have errors:\n{d}", specs.display()))?;
    write_package(root, &catalogue)
}

/// The translations of the workspace's specs; a translation with a problem stops the
/// run before anything is written (as `gen-docs` does), since its texts would go into
/// the package.
fn translations(root: &Path, catalogue: &Catalogue) -> Result<Translations, String> {
    let loaded = connectspec_lang::translate::load(&root.join("specs"), catalogue);
    if loaded.diagnostics.is_empty() {
        Ok(loaded.translations)
    } else {
        Err(format!(
            "the translations have errors (`cargo xtask check` lists them):\n{}",
            loaded.diagnostics
        ))
    }
}

/// [`generate`] for a loaded catalogue of the workspace's specs.
pub fn write_package(root: &Path, catalogue: &Catalogue) -> Result<(), String> {
    let dir = root.join(PACKAGE_DIR);
    let files = connectspec_codegen::js_package_with(catalogue, &translations(root, catalogue)?);
    let mut written = 0;
    for f in &files {
        let path = dir.join(&f.path);
        if crate::write_if_changed(&path, &f.contents)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?
        {
            written += 1;
        }
    }
    for extra in extra_files(&dir, &files) {
        std::fs::remove_file(dir.join(&extra))
            .map_err(|e| format!("cannot remove {extra}: {e}"))?;
        println!("removed {PACKAGE_DIR}/{extra}");
    }
    println!(
        "{PACKAGE_DIR}: {} files for {} providers ({written} written, {} unchanged)",
        files.len(),
        catalogue.specs.len(),
        files.len() - written
    );
    Ok(())
}

/// One problem per stale, missing or extra file of the package, generated from
/// `catalogue` and its `translations`.
pub fn check(root: &Path, catalogue: &Catalogue, translations: &Translations) -> Vec<String> {
    let dir = root.join(PACKAGE_DIR);
    let files = connectspec_codegen::js_package_with(catalogue, translations);
    let mut drift: Vec<Drift> = Vec::new();
    let mut problems = Vec::new();
    for f in &files {
        match compare(&dir, &f.path, &f.contents) {
            Ok(d) => drift.extend(d),
            Err(e) => problems.push(format!(
                "error[E092]: cannot read {PACKAGE_DIR}/{}: {e}",
                f.path
            )),
        }
    }
    drift.extend(extra_files(&dir, &files).into_iter().map(Drift::Extra));
    problems.extend(drift.iter().map(|d| {
        format!(
            "error[E092]: {PACKAGE_DIR}/{d}\n  help: run `cargo xtask gen-js` (or `cargo xtask gen-docs`, which writes the pages and this package)"
        )
    }));
    problems
}

/// Generated-looking files (`.js`, `.d.ts`, `.json`) under `providers/`, `schemas/` and
/// `locales/` that the specs no longer produce: a removed provider's module, texts of a
/// translation removed (a pseudo-locale's catalogue never belongs here either).
fn extra_files(dir: &Path, files: &[connectspec_codegen::JsFile]) -> Vec<String> {
    let mut out = Vec::new();
    let mut dirs = vec![("providers".to_owned(), dir.join("providers"))];
    for sub in ["schemas", "locales"] {
        if let Ok(entries) = std::fs::read_dir(dir.join(sub)) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                dirs.push((format!("{sub}/{name}"), e.path()));
            }
        }
    }
    for (rel_dir, path) in dirs {
        let Ok(entries) = std::fs::read_dir(&path) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let rel = format!("{rel_dir}/{name}");
            let generated = [".js", ".d.ts", ".json"].iter().any(|x| name.ends_with(x));
            if generated && !files.iter().any(|f| f.path == rel) {
                out.push(rel);
            }
        }
    }
    out.sort();
    out
}
