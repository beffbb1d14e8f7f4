//! `cargo xtask gen-js` and the package freshness part of `check`; the work is in
//! connectspec-codegen (`js_package`).

use std::path::Path;

use connectspec_codegen::js::PACKAGE_DIR;
use connectspec_lang::Catalogue;
use connectspec_lang::files::{Drift, compare};

/// Writes every file of `packages/validators/` and removes generated files no spec
/// produces any more.
pub fn generate(root: &Path, specs: &Path) -> Result<(), String> {
    let catalogue = connectspec_lang::load_dir(specs)
        .map_err(|d| format!("the specs in {} have errors:\n{d}", specs.display()))?;
    write_package(root, &catalogue)
}

/// [`generate`] for a loaded catalogue.
pub fn write_package(root: &Path, catalogue: &Catalogue) -> Result<(), String> {
    let dir = root.join(PACKAGE_DIR);
    let files = connectspec_codegen::js_package(catalogue);
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

/// One problem per stale, missing or extra file of the package.
pub fn check(root: &Path, catalogue: &Catalogue) -> Vec<String> {
    let dir = root.join(PACKAGE_DIR);
    let files = connectspec_codegen::js_package(catalogue);
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
            "error[E092]: {PACKAGE_DIR}/{d}\n  help: run `cargo xtask gen-docs` (it writes the pages and this package)"
        )
    }));
    problems
}

/// Generated-looking files (`.js`, `.d.ts`, `.json`) under `providers/` and `schemas/` that the specs no longer
/// produce: a removed provider's module.
fn extra_files(dir: &Path, files: &[connectspec_codegen::JsFile]) -> Vec<String> {
    let mut out = Vec::new();
    let mut dirs = vec![("providers".to_owned(), dir.join("providers"))];
    if let Ok(entries) = std::fs::read_dir(dir.join("schemas")) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            dirs.push((format!("schemas/{name}"), e.path()));
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
