//! `cargo xtask gen-docs` and the docs freshness part of `check`; the work is in
//! connectspec-docs.

use std::path::{Path, PathBuf};

use connectspec_docs::{Options, parse_scopes};
use connectspec_spec::Catalogue;

/// Where the checked-in pages live, relative to the workspace root.
pub const DOCS_DIR: &str = "docs/providers";

/// Renders every page and prints the one-line summary.
pub fn generate(
    specs: &Path,
    out: &Path,
    templates: Option<PathBuf>,
    scopes: Option<&str>,
) -> Result<(), String> {
    let opts = Options {
        templates,
        scopes: scopes.map(parse_scopes),
    };
    let summary = connectspec_docs::generate(specs, out, &opts).map_err(|e| e.to_string())?;
    for removed in &summary.report.removed {
        println!("removed {}", out.join(removed).display());
    }
    println!("{summary}");
    Ok(())
}

/// One problem per stale, missing or extra file under `docs/providers`.
pub fn check(dir: &Path, catalogue: &Catalogue) -> Vec<String> {
    match connectspec_docs::drift(catalogue, dir) {
        Ok(drift) => drift
            .iter()
            .map(|d| {
                format!(
                    "error[E091]: {}/{d}\n  help: run `cargo xtask gen-docs`",
                    dir.display()
                )
            })
            .collect(),
        Err(e) => vec![e.to_string()],
    }
}
