//! Tells the tests which catalogue the providers crate is built from.
//!
//! `CONNECTSPEC_SPECS=<dir> cargo test` builds the validators from another catalogue
//! (synthetic specs, a private one): the catalogue-driven tests then run over it. Tests
//! about particular providers of the workspace's `specs/` (the reference providers,
//! the checked-in pages and browser modules) are compiled only under
//! `cfg(workspace_catalogue)`, set here when the catalogue is `specs/`.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rustc-check-cfg=cfg(workspace_catalogue)");
    println!("cargo::rerun-if-env-changed=CONNECTSPEC_SPECS");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let workspace_specs = root.join("specs");
    let same = match std::env::var_os("CONNECTSPEC_SPECS") {
        None => true,
        Some(dir) => canonical(Path::new(&dir)) == canonical(&workspace_specs),
    };
    if same {
        println!("cargo::rustc-cfg=workspace_catalogue");
    }
}

fn canonical(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_owned())
}
