//! Generates the validators of every spec into `OUT_DIR/providers.rs`, each provider
//! with its message texts translated per locale (`specs/i18n/<locale>/<id>.yaml`).
//!
//! Specs come from `CONNECTSPEC_SPECS` when set (scale tests, other catalogues), else
//! from the workspace's `specs/` (`connectspec_lang::build_support`). A broken spec
//! fails the build with the loader's diagnostics, so a validator can never be built
//! from a spec the checker rejects.

use std::path::PathBuf;

use connectspec_lang::build_support::{catalogue_and_translations_for_build, fail, write_output};

fn main() {
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    // The translations give each provider its message texts per locale; an unfaithful
    // one fails the build, as `cargo xtask check` fails on it.
    let (catalogue, translations) =
        catalogue_and_translations_for_build(&manifest.join("../../specs"));
    // Unformatted (one item per line): formatting would cost about as much as generating.
    let source = connectspec_codegen::generate_compact_with(&catalogue, &translations)
        .unwrap_or_else(|problems| {
            fail(&format!(
                "cannot generate validators:\n{}",
                problems.join("\n")
            ))
        });
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    write_output(&out.join("providers.rs"), &source);
}
