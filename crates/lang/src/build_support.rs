//! What a build script that compiles the catalogue needs, written once: which specs
//! directory (`CONNECTSPEC_SPECS`, else the workspace's `specs/`), the rerun rules that
//! make cargo notice a changed, added or removed spec, and a build failure that shows
//! every diagnostic. `connectspec-providers` (the validators) and `connectspec-server`
//! (the guides embedded in the form) read the catalogue through it, so both always build
//! from the same specs.

use std::path::{Path, PathBuf};

use crate::load::{Catalogue, load_dir, spec_files};

/// The environment variable naming another catalogue to build from.
pub const SPECS_ENV: &str = "CONNECTSPEC_SPECS";

/// The specs directory of a build: `CONNECTSPEC_SPECS` when set, else `workspace_specs`.
pub fn specs_dir(workspace_specs: &Path) -> PathBuf {
    std::env::var_os(SPECS_ENV).map_or_else(|| workspace_specs.to_owned(), PathBuf::from)
}

/// Loads the catalogue for a build script and tells cargo when to run the script again
/// (the variable, the directory, every spec file). A spec with errors fails the build
/// with the loader's diagnostics, so nothing is ever built from a spec the checker
/// rejects.
pub fn catalogue_for_build(workspace_specs: &Path) -> Catalogue {
    println!("cargo::rerun-if-env-changed={SPECS_ENV}");
    let dir = specs_dir(workspace_specs);
    println!("cargo::rerun-if-changed={}", dir.display());
    if let Ok(files) = spec_files(&dir) {
        for f in files {
            println!("cargo::rerun-if-changed={}", f.display());
        }
    }
    load_dir(&dir).unwrap_or_else(|diags| {
        fail(&format!(
            "the provider specs in {} have errors:\n{diags}",
            dir.display()
        ))
    })
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
