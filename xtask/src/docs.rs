//! `cargo xtask gen-docs` and the docs freshness part of `check`; the work is in
//! connectspec-docs.

use std::path::{Path, PathBuf};

use connectspec_docs::{Drift, MANIFEST, Options, parse_scopes};
use connectspec_spec::Catalogue;

/// Where the checked-in pages live, relative to the workspace root.
pub const DOCS_DIR: &str = "docs/providers";

/// Renders every page and prints the one-line summary.
pub fn generate(
    specs: &Path,
    out: &Path,
    templates: Option<PathBuf>,
    scopes: Option<&str>,
    actions: Option<&str>,
) -> Result<(), String> {
    let opts = Options {
        templates,
        scopes: scopes.map(parse_scopes),
        actions: actions.map(parse_scopes),
    };
    let summary = connectspec_docs::generate(specs, out, &opts).map_err(|e| e.to_string())?;
    for removed in &summary.report.removed {
        println!("removed {}", out.join(removed).display());
    }
    println!("{summary}");
    Ok(())
}

/// One problem per stale, missing or extra page, each naming the command (with the
/// flags this check was given) that brings the pages up to date.
pub fn check(
    dir: &Path,
    catalogue: &Catalogue,
    req: &crate::check::Request<'_>,
) -> Vec<crate::check::Problem> {
    let mut command = "cargo xtask gen-docs".to_owned();
    if req.specs_given {
        command.push_str(&format!(" --specs {}", shell_word(req.specs)));
    }
    if req.docs_given {
        command.push_str(&format!(" --out {}", shell_word(dir)));
    }
    let problem = |what: String| {
        crate::check::Problem::new(
            "E091",
            format!("error[E091]: {what}\n  help: run `{command}`"),
        )
    };
    match connectspec_docs::drift(catalogue, dir) {
        Ok(drift) => {
            let pages: Vec<_> = drift
                .iter()
                .filter(|d| !matches!(d, Drift::Stale(p) | Drift::Missing(p) if p == MANIFEST))
                .map(|d| problem(format!("{}/{d}", dir.display())))
                .collect();
            // The manifest is the generator's own record of what it wrote: reported
            // only when no page is, and without its file name.
            if pages.is_empty() && !drift.is_empty() {
                vec![problem(format!(
                    "{}: the record of generated pages is out of date (pages were added or removed by hand)",
                    dir.display()
                ))]
            } else {
                pages
            }
        }
        Err(e) => vec![crate::check::Problem::new("E091", e.to_string())],
    }
}

/// A path as a shell word: quoted when it holds anything but plain characters.
fn shell_word(p: &Path) -> String {
    let s = p.display().to_string();
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+=:@".contains(&b))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}
