//! Generates the validators of every spec into `OUT_DIR/providers.rs`.
//!
//! Specs come from `CONNECTSPEC_SPECS` when set (scale tests, other catalogues), else
//! from the workspace's `specs/`. A broken spec fails the build with the loader's
//! diagnostics, so a validator can never be built from a spec the checker rejects.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=CONNECTSPEC_SPECS");
    let dir = match std::env::var_os("CONNECTSPEC_SPECS") {
        Some(d) => PathBuf::from(d),
        None => {
            let manifest = PathBuf::from(
                std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
            );
            manifest.join("../../specs")
        }
    };
    println!("cargo:rerun-if-changed={}", dir.display());
    if let Ok(files) = connectspec_lang::spec_files(&dir) {
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
        }
    }
    let catalogue = match connectspec_lang::load_dir(&dir) {
        Ok(c) => c,
        Err(diags) => fail(&format!(
            "the provider specs in {} have errors:\n{diags}",
            dir.display()
        )),
    };
    // Unformatted (one item per line): formatting would cost about as much as generating.
    let source = match connectspec_codegen::generate_compact(&catalogue) {
        Ok(s) => s,
        Err(problems) => fail(&format!(
            "cannot generate validators:\n{}",
            problems.join("\n")
        )),
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("providers.rs");
    // Rewrite only on change, so an unchanged catalogue does not force a recompile.
    if std::fs::read_to_string(&out).ok().as_deref() != Some(source.as_str()) {
        std::fs::write(&out, source)
            .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", out.display())));
    }
}

/// Prints the message where cargo shows it and stops the build.
fn fail(message: &str) -> ! {
    for line in message.lines() {
        println!("cargo::error={line}");
    }
    eprintln!("{message}");
    std::process::exit(1);
}
