//! Generates the validators of every spec into `OUT_DIR/providers.rs`.
//!
//! Specs come from `CONNECTSPEC_SPECS` when set (scale tests, other catalogues), else
//! from the workspace's `specs/` (`connectspec_lang::build_support`). A broken spec
//! fails the build with the loader's diagnostics, so a validator can never be built
//! from a spec the checker rejects.

use std::path::PathBuf;

use connectspec_lang::build_support::{catalogue_for_build, fail, write_output};

fn main() {
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let catalogue = catalogue_for_build(&manifest.join("../../specs"));
    // Unformatted (one item per line): formatting would cost about as much as generating.
    let source = connectspec_codegen::generate_compact(&catalogue).unwrap_or_else(|problems| {
        fail(&format!(
            "cannot generate validators:\n{}",
            problems.join("\n")
        ))
    });
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    write_output(&out.join("providers.rs"), &source);
}
